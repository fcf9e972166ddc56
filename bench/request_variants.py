"""Items that ask by request, not by "?", under lead-ins of every shape. Reads dev (I/O).

Run: .venv/bin/python -m bench.request_variants [--shape NAME] [--show VARIANT]

The documents are those of bench.ask_variants' "no label, no ?" row (dev documents that ask
numbered questions, list found in the text, each item's question ending in "?" within
list_variants.MAX_QUESTION_LINES lines). Each item's question (its lines up to that "?", joined
into one line, its label kept) is rewritten by one fixed transform; every other word stays, and
every "?" from item 1 to the last item's question becomes "." (ask_variants "no ?").

The transforms (council practice: an inquiry asks the administration for a report as often as
it asks a question; issue #11 "question signals … not only '?'"):
- `indirect`: the question's first sentence as an indirect clause: an interrogative opening
  ("Wie viele …", "In welchem …") lower-cased; a yes/no question ("Gibt es …", "Ist die Stadt …")
  as "ob …" with its verb moved before the first comma (else to the end): "ob es … gibt". A
  later sentence of the item stays after it, its "?" a ".". A document with an item that opens
  otherwise ("Falls ja …", a statement, a quotation) is skipped (12 of the 75).
- "ask": each item a request, the wording taken in turn from REQUESTS ("Die Verwaltung möge
  berichten, <indirect>.", "Darstellung, <indirect>.", "Bitte stellen Sie dar, <indirect>.",
  "Auflistung, <indirect>.", "Angabe, <indirect>."): the report verbs and nouns of ALLRIS and
  SessionNet inquiry forms and of Fraktion letters;
- "clauses": each item only the indirect clause, ending in "," (the last in "."), so that the
  items continue the lead-in's sentence ("Wir bitten darzustellen, / 1. wie viele …, / 2. ob …").
Where the items stand (the lead-in above item 1, the sentence ending in ":" over at most four
wrapped lines, replaced; ask_variants.with_lead_in):
- "no lead-in": the lead-in removed (a document without one keeps the prose above item 1);
- "lead-in: X": the lead-in replaced by X, or X inserted above item 1. LEAD_INS end in a comma
  ("Wir bitten um Auskunft,"), in no punctuation ("Wir bitten um Auskunft zu folgenden
  Punkten"), or are a request sentence of their own ("Wir bitten um Beantwortung folgender
  Fragen."); CONTINUED lead-ins open the sentence the "clauses" items complete.
- "prose requests, one paragraph" / "one per line": no list at all, the labels and the lead-in
  removed, each item's question a request sentence of a letter's prose (PROSE_REQUESTS in turn:
  "Wir bitten die Verwaltung darzustellen, <indirect>.", "Ferner bitten wir um Auskunft, …",
  "Außerdem möchten wir wissen, …", "Die Verwaltung wird zudem gebeten mitzuteilen, …",
  "Weiterhin interessiert uns, …"), all in one paragraph or one sentence a line (skips a
  document whose items hold more than their question). A lead-in the bench cannot find stays.
- "prose requests below 'Betreff: …'": the one-paragraph prose with a subject line (SUBJECT, no
  full stop) right above it, as a letter prints it; run together ("flat"), the subject runs into
  the first request. "prose 'ich frage …, ob …', one paragraph": the requests worded with the
  authors' own asking verb before the indirect question (ASKING_REQUESTS: "Ich frage die
  Verwaltung, ob …", "Weiter frage ich, wie …"), as Kreistag and Ortsgemeinderat members write.
Expected: the label's count; the first question right when it reads as the rewritten item 1
(without "?" and "."), with or without its request wording, at least as far as the label's
`first_question_start` reaches. The control "original" parses the located documents as they are.
Only the dev split is read; check is never used.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable
from typing import Any

from bench.ask_variants import (
    Outcome,
    _last_question_row,
    _lead_in_rows,
    mark_free,
    table,
    with_lead_in,
)
from bench.list_variants import Located, locate, numbered_documents
from bench.text_shapes import SHAPES
from bench.variants import shaped_parse
from fetcher.parse import parse_text
from tests.corpus_data import corpus_items

REQUESTS = (
    "Die Verwaltung möge berichten, ",
    "Darstellung, ",
    "Bitte stellen Sie dar, ",
    "Auflistung, ",
    "Angabe, ",
)
LEAD_INS = (
    "Wir bitten um Auskunft,",
    "Wir bitten um Auskunft zu folgenden Punkten",
    "Wir bitten um Beantwortung folgender Fragen.",
)
# Request sentences one after another in a letter's prose (no list, no "?"): the wordings of
# Fraktion letters and of the Ortsrat/Kreistag inquiries that ask for a report.
PROSE_REQUESTS = (
    "Wir bitten die Verwaltung darzustellen, ",
    "Ferner bitten wir um Auskunft, ",
    "Außerdem möchten wir wissen, ",
    "Die Verwaltung wird zudem gebeten mitzuteilen, ",
    "Weiterhin interessiert uns, ",
)
# The authors' own asking verb before an indirect question: "Ich frage die Verwaltung, ob …"
# (Kreistag and Ortsgemeinderat members' letters; the prose21 round).
ASKING_REQUESTS = (
    "Ich frage die Verwaltung, ",
    "Weiter frage ich, ",
    "Außerdem frage ich die Verwaltung, ",
)
# A subject line right above the letter's first paragraph: run together with it ("flat"), the
# subject has no full stop before the request (the prose21 round).
SUBJECT = "Betreff: Sachstand der Planung"
CONTINUED = (
    "Wir bitten darzustellen,",
    "Die Verwaltung wird um Auskunft gebeten,",
    "Wir bitten um Auskunft darüber",
)
_PREPOSITIONS = (
    "in|auf|an|aus|bis|seit|mit|für|durch|nach|unter|von|bei|zu|um|über|gegen|ab|im|zum|zur|vom"
)
_INTERROGATIVE = re.compile(
    rf"^(?:(?:{_PREPOSITIONS})\s+)?(?:wie|was|wann|wo|wer|wen|wem|wessen|welche[rsmn]?|warum|"
    r"weshalb|wieso|weswegen|wo[a-zäöü]+|inwie(?:weit|fern)|wieviele?|ob)\b",
    re.I,
)
# A yes/no question opens with its finite verb; the word after it opens its subject.
_VERB_FIRST = re.compile(
    r"^(gibt|gab|ist|sind|war|waren|hat|haben|hatte|hatten|wird|werden|wurde|wurden|kann|können|"
    r"könnte|könnten|soll|sollen|sollte|sollten|darf|dürfen|muss|müssen|plant|planen|sieht|sehen|"
    r"teilt|teilen|liegt|liegen|besteht|bestehen|trifft|hält|halten|beabsichtigt|beabsichtigen|"
    r"existiert|existieren|erfolgt|erfolgen|befindet|befinden|bringt|ergeben|ergibt|gilt|gelten|"
    r"kennt|wäre|wären|würde|würden|verfügt|verfügen|unterstützt|prüft|strebt|stimmt|geht|"
    r"gehen|laufen|läuft|nimmt|setzt|zieht|arbeitet|fließen|fließt|stehen|steht|bietet|sind)\s+"
    r"(?=\S)",
    re.I,
)


def indirect(question: str) -> str | None:
    """Return a question as an indirect clause without "?" ("wie viele …", "ob es … gibt"), or
    None when it opens neither with an interrogative nor with its verb."""
    text = re.sub(r"\s+", " ", question).strip()
    first, _mark, later = text.partition("?")  # "Wurden …? Welche …?": the first sentence turns
    later = later.replace("?", ".").rstrip(" .")
    first = first.strip().rstrip(" .")
    if not first:
        return None
    if _INTERROGATIVE.match(first):
        clause = first[0].lower() + first[1:]
    elif verb := _VERB_FIRST.match(first):
        rest, word = first[verb.end() :], verb.group(1).lower()
        comma = rest.find(",")
        clause = f"ob {rest[:comma]} {word}{rest[comma:]}" if comma > 0 else f"ob {rest} {word}"
    else:
        return None
    return f"{clause}.{later}" if later.strip() else clause


def _items(found: Located) -> list[tuple[int, int, str]] | None:
    """Return (first row, last row, indirect clause) of each item's question, or None."""
    result = []
    for k, row in enumerate(found.rows):
        end = found.question_end(k)
        if end is None:
            return None
        parts = [found.rest(k), *found.lines[row + 1 : end + 1]]
        clause = indirect(" ".join(part.strip() for part in parts if part.strip()))
        if clause is None:
            return None
        result.append((row, end, clause))
    return result


def rewritten(found: Located, *, clauses: bool) -> tuple[list[str], str] | None:
    """Return the lines with every item's question rewritten (requests, or clauses continuing the
    lead-in) and every "?" of the list a ".", and item 1's new text; None if it cannot apply."""
    items = _items(found)
    if items is None:
        return None
    lines: list[str | None] = list(found.lines)
    last_row = _last_question_row(found)
    for row in range(found.rows[0], last_row + 1):
        line = lines[row]
        lines[row] = None if line is None else line.replace("?", ".")
    texts = []
    for k, (row, end, clause) in enumerate(items):
        if clauses:
            text = clause + ("." if k == len(items) - 1 else ",")
        else:
            text = REQUESTS[k % len(REQUESTS)] + clause + "."
        texts.append(text)
        lines[row] = found.lines[row][: found.ends[k]] + text
        lines[row + 1 : end + 1] = [None] * (end - row)
    return [line for line in lines if line is not None], texts[0]


def prose(
    found: Located,
    *,
    one_per_line: bool,
    wordings: tuple[str, ...] = PROSE_REQUESTS,
    subject: str | None = None,
) -> tuple[str, str] | None:
    """Return the text with the list set as request sentences in prose, and its first sentence.

    The labels and the lead-in go; each item's question becomes a request sentence, the wording
    taken in turn from PROSE_REQUESTS, all in one paragraph (or one sentence per line) where the
    list stood. None if it cannot apply: an item holds more than its question (lines before the
    next item), or an item's question does not turn into an indirect clause.
    """
    items = _items(found)
    if items is None:
        return None
    for k, (_row, end, _clause) in enumerate(items[:-1]):
        if any(line.strip() for line in found.lines[end + 1 : found.rows[k + 1]]):
            return None
    texts = [wordings[k % len(wordings)] + clause + "." for k, (*_, clause) in enumerate(items)]
    first_row, last_end = found.rows[0], items[-1][1]
    lines = without_lead_in(list(found.lines), first_row)
    cut = len(found.lines) - len(lines)  # lead-in lines removed above the list
    body = texts if one_per_line else [" ".join(texts)]
    after = found.lines[last_end + 1 :]
    head = [*lines[: first_row - cut], *([subject] if subject else [])]
    return "\n".join([*head, *body, *after]), texts[0]


def without_lead_in(lines: list[str], first: int) -> list[str]:
    """Return the lines with the lead-in above row `first` removed (the sentence before it kept)."""
    found = _lead_in_rows(lines, first)
    if found is None:
        return lines
    top, above, prefix = found
    return [*lines[:top], *([prefix] if prefix else []), *lines[above + 1 :]]


Transform = Callable[[Located], tuple[str, str] | None]


def _variant(lead: str | None, *, clauses: bool) -> Transform:
    def transform(found: Located) -> tuple[str, str] | None:
        done = rewritten(found, clauses=clauses)
        if done is None:
            return None
        lines, first = done
        row = found.rows[0]  # item 1 keeps its row: only lines below it were joined
        lines = without_lead_in(lines, row) if lead is None else with_lead_in(lines, row, lead)
        return "\n".join(lines), first

    return transform


ORIGINAL = "original"
VARIANTS: dict[str, Transform] = {
    ORIGINAL: lambda found: ("\n".join(found.lines), found.rest(0)),
    "ask, no lead-in": _variant(None, clauses=False),
    **{f"ask, lead-in: {lead}": _variant(lead, clauses=False) for lead in LEAD_INS},
    **{f"clauses, lead-in: {lead}": _variant(lead, clauses=True) for lead in CONTINUED},
    "prose requests, one paragraph": lambda found: prose(found, one_per_line=False),
    "prose requests, one per line": lambda found: prose(found, one_per_line=True),
    # the twenty-first round (prose21)
    f"prose requests below '{SUBJECT}'": lambda found: prose(
        found, one_per_line=False, subject=SUBJECT
    ),
    "prose 'ich frage …, ob …', one paragraph": lambda found: prose(
        found, one_per_line=False, wordings=ASKING_REQUESTS
    ),
}


def rewrite(text: str, label: dict[str, Any], variant: str) -> tuple[str, str] | None:
    """Return (the text rewritten into `variant`, its item 1), or None if it cannot apply."""
    if not label.get("questions") or not label.get("first_question_start"):
        return None
    found = locate(text, label["questions"], label["first_question_start"])
    return VARIANTS[variant](found) if found else None


def first_right(got: str, first: str, want: str) -> bool:
    """Return True if a first question `got` reads as the rewritten item 1 `first` (its request
    wording kept or dropped) as far as the label's start `want` reaches (plus the wording)."""
    got_free, first_free = mark_free(got), mark_free(first)
    for wording in ("", *REQUESTS, *PROSE_REQUESTS, *ASKING_REQUESTS):
        prefix = mark_free(wording)
        if wording and not first_free.startswith(prefix):
            continue
        reach = len(prefix) + len(mark_free(want)) + (3 if "ob " in first_free[:40] else 0)
        expected = first_free[: min(len(first_free), reach)]
        if got_free.startswith(expected):
            return True
        bare = first_free[len(prefix) :].strip()
        if wording and got_free.startswith(bare[: min(len(bare), reach - len(prefix))]):
            return True
    return False


def outcomes(
    items: Iterable[Any], parse: Callable[[str], Any] = parse_text
) -> dict[str, list[tuple[str, Outcome]]]:
    """Return variant → [(document, outcome)] over labelled dev items with numbered questions."""
    result: dict[str, list[tuple[str, Outcome]]] = {name: [] for name in VARIANTS}
    for item, found, counts in numbered_documents(items):
        if _items(found) is None:
            continue
        want = item.label["first_question_start"]
        for name, transform in VARIANTS.items():
            done = transform(found)
            if done is None:
                continue
            text, first = done
            questions = parse(text).questions
            got = questions[0] if questions else ""
            right = bool(questions) and first_right(got, first, want)
            result[name].append(
                (item.name, Outcome(len(questions) in counts, right, len(questions), got[:70]))
            )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", help="list the documents a variant gets wrong")
    parser.add_argument("--shape", choices=sorted(SHAPES), help="bench.text_shapes shape first")
    args = parser.parse_args()
    result = outcomes(corpus_items("dev"), shaped_parse(args.shape))
    print("\n".join(table(result)))
    if args.show:
        for name, outcome in result.get(args.show, []):
            if not outcome.count or not outcome.first:
                print(name, outcome.got, repr(outcome.first_got))


if __name__ == "__main__":
    main()
