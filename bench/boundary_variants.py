"""Where the question list starts and ends: dev documents rewritten at its edges. Reads dev (I/O).

Run: .venv/bin/python -m bench.boundary_variants [--shape NAME] [--show VARIANT]

The documents are those of bench.list_variants (label `questions` ≥ 1 and the numbered list
found in the text: 119 dev documents). Each variant writes ONE thing at the list's edges, every
other word as printed:

After the last question (issue #11, "a justification with no heading after the last question,
'Mit freundlichen Grüßen', a signature block"), written right below the line that ends the last
item's question (its last line ending in "?" among its first twelve lines, before a heading, a
thanks or a greeting; a document whose last item has none is skipped; where a request follows
the "?" ("Bitte … angeben.") or the last item's sub-items run on past twelve lines, the block
lands inside the question, and the scores show it as a miss):
- "no heading": the heading of the justification after the list ("Begründung:", "Sachverhalt /
  Begründung:", "Sachverhalt") removed, its text kept (documents that print one after the list);
- "justification after": the justification printed above the list (below "Begründung:",
  "Sachverhalt:", "Einleitung:", up to its last line ending in "." before the list; a salutation
  line and the lead-in stay; one that only states, ≥ 120 characters) moved, without its heading,
  below the last question, its first letter a capital (inquiries only);
- "closing": "Mit freundlichen Grüßen" / a name / a role / "Fraktion <the label's faction>" (the
  letter's end in Word templates of Ratsfraktionen; the faction comes from the label);
- "signature": the same without the greeting (forms close with the signers' names);
- "place and date": "<Kommune>, den 12.03.2023" (the DIN 5008 letter's date line, the Kommune
  from the label) and the name below;
- "Anlage(n)": "Anlage(n):" / one attachment line (Word templates and ALLRIS forms);
- "Verteiler": "Verteiler:" / one recipient line (letters of the administration);
- "gez.": "gez. <name>" / a role (a signed copy; SessionNet prints it);
- "answer requested": "Wir bitten um schriftliche Beantwortung." (the closing request of an
  inquiry); "answer requested, passive": "Um Beantwortung in der nächsten Sitzung wird gebeten.";
- "answer opens": "Die Verwaltung beantwortet die Anfrage wie folgt:" and one sentence (an
  answer printed below the inquiry it answers, on the inquiry's own paper).
- "statement after": one stating sentence, no heading ("Die Lage hat sich seit dem letzten
  Bericht deutlich verschlechtert.": a justification of one sentence);
- "footnote ¹", "footnote 1": a footnote mark glued to the first item's "?" ("…?¹", as HTML
  and word processors keep it; "…?1", as pdftotext reads a superscript) and the footnote it
  marks ("¹ Vgl. Bericht der Verwaltung vom 12.03.2023, S. 4.") at the foot of the page that
  holds the last question (documents whose first item's "?" ends a line before item 2).
Between two questions (issue #11, "page running heads and page numbers between questions"), a
page break (form feed) before the middle item:
- "running head": "Drucksache <the label's reference> – Seite 2" opening the page (Landtage and
  ALLRIS print the reference and page in one head; a made-up number where the label has none);
- "running head, two lines": "Seite 2 von 3" / "Anfrage der Fraktion <the label's faction>" (a
  Word template's head: the counter above the paper's own name);
- "page number": "- 2 -" opening the page; "Seite 2 von 3": the counter opening it (each with
  the new page's own number and the new page count);
- "footer block": a letter's three-line foot (address, phone, bank account) at the foot of page 1
  and of the last page (a letter repeats it on every page).
Before the first question (issue #11, "the lead-in or the letterhead inside the first"):
- "letterhead": a sender's two lines, an addressee and "Sehr geehrter Herr Oberbürgermeister,"
  right above the paragraph that introduces the list (the line above item 1 and its paragraph);
- "lead-in inline": the line right above item 1, when it ends in ":" ("… folgender Fragen:",
  "Fragen:"), and the item's first line joined into one line (issue #11's "Daher frage ich Sie:
  1. …");
- "lead-in two sentences": a lead-in paragraph of two sentences, the second ending in ":" and
  wrapped onto a second line, right above item 1.
The control "original" parses the located documents as they are.

Scored per variant: the count (the label's), the first question (the label's
`first_question_start`), the last question and all questions: the original's own parse (in the
same shape) is the reference for these two ONLY where the original reads count and first question
right; their column counts those documents. Only the dev split is read; check is never used.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from bench.list_variants import Located, locate, numbered_documents
from bench.text_shapes import SHAPES
from bench.variants import pct, shaped_parse
from tests.corpus_data import corpus_items

JUSTIFICATION = re.compile(
    r"^\s*(?:Sachverhalt\s*/\s*Begründung|Begründung|Sachverhalt|Zur Begründung|Erläuterung)"
    r"\s*:?\s*$",
    re.I,
)
_LEAD_HEADING = re.compile(r"^\s*(?:Begründung|Sachverhalt|Einleitung)\s*:?\s*$", re.I)
NAME, ROLE = "Maria Muster", "Stadträtin"
STAND_IN_REFERENCE = "2023/0123"


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


MAX_LAST_LINES = 12  # lines of the last item searched for its last "?" (follow-ups, sub-items)
_ASKS = re.compile(r"\?[\"“”»«)]*\s*$")
_ENDS_ITEM = re.compile(
    r"^\s*(?:Sachverhalt|Begründung|Mit freundlichen|Vielen Dank|Ich bedanke|Für die Beantwortung)"
)


def _last_end(found: Located) -> int | None:
    """Return the row of the last line ending in "?" of the last item: its first twelve lines,
    up to a heading, a thanks or a greeting (None: no such line)."""
    end, seen = None, 0
    for row in range(found.rows[-1], len(found.lines)):
        line = found.lines[row]
        if not line.strip():
            continue
        if row > found.rows[-1] and (_ENDS_ITEM.match(line) or "\f" in line):
            break
        if _ASKS.search(line):
            end = row
        seen += 1
        if seen >= MAX_LAST_LINES:
            break
    return end


def _after_last(found: Located, block: list[str]) -> str | None:
    """Return the text with `block` (after a blank line) right below the last question."""
    end = _last_end(found)
    if end is None:
        return None
    lines = list(found.lines)
    lines[end + 1 : end + 1] = ["", *block]
    return "\n".join(lines)


def no_heading(found: Located) -> str | None:
    """Return the text without the justification headings printed after the list."""
    rows = [
        r
        for r in range(found.rows[-1] + 1, len(found.lines))
        if JUSTIFICATION.match(found.lines[r])
    ]
    if not rows:
        return None
    return "\n".join(line for r, line in enumerate(found.lines) if r not in rows)


def justification_after(found: Located, label: dict[str, Any]) -> str | None:
    """Return the text with the justification above the list moved below it, without heading.

    The justification is the lines below its heading up to the last one that ends a sentence
    (".") before the list: a salutation line and the lead-in after that line stay where they are.
    Its first letter becomes a capital (after "Sehr geehrte …," a letter goes on in lower case).
    """
    if label.get("kind") != "Anfrage":
        return None
    heading = next((r for r in range(found.rows[0]) if _LEAD_HEADING.match(found.lines[r])), None)
    if heading is None:
        return None
    rows = [
        r
        for r in range(heading + 1, found.rows[0])
        if found.lines[r].strip() and not re.match(r"\s*Sehr geehrte", found.lines[r])
    ]
    ends = [r for r in rows if found.lines[r].rstrip().endswith(".")]
    if not ends:
        return None
    block = [r for r in rows if r <= ends[-1]]
    text = " ".join(found.lines[r] for r in block)
    end = _last_end(found)
    if len(text) < 120 or "?" in text or end is None:
        return None
    lines: list[str | None] = list(found.lines)
    moved = [found.lines[r] for r in block]
    moved[0] = moved[0][:1].upper() + moved[0][1:]  # "…, vor einigen Tagen" after a salutation
    lines[end + 1 : end + 1] = ["", *moved]
    for r in [heading, *block]:
        lines[r] = None
    return "\n".join(line for line in lines if line is not None)


FOOTNOTE = "Vgl. Bericht der Verwaltung vom 12.03.2023, S. 4."


def footnote(found: Located, mark: str) -> str | None:
    """Return the text with a footnote mark after the first item's question ("…?¹") and the
    footnote it marks ("¹ Vgl. …") at the foot of the page that holds the last question."""
    if len(found.rows) < 2:
        return None
    asked = [r for r in range(found.rows[0], found.rows[1]) if _ASKS.search(found.lines[r])]
    end = _last_end(found)
    if not asked or end is None or end == asked[-1]:
        return None
    lines = list(found.lines)
    lines[asked[-1]] = lines[asked[-1]].rstrip() + mark
    text = "\n".join(lines)
    foot = text.find("\f", len("\n".join(lines[: end + 1])))
    foot = len(text.rstrip()) if foot < 0 else foot
    return f"{text[:foot].rstrip()}\n\n{mark} {FOOTNOTE}\n{text[foot:]}"


def _faction(label: dict[str, Any]) -> list[str]:
    factions = label.get("factions") or []
    return [f"Fraktion {factions[0]}"] if factions else []


def _page_break(found: Located, head: Callable[[int, int], str]) -> str | None:
    """Return the text with a form feed and a head opening a page before the middle item.

    `head(page, pages)` writes the head for the new page's number and the page count (form
    feeds before the break, plus two; one more page than the text had).
    """
    if len(found.rows) < 2:
        return None
    row = found.rows[len(found.rows) // 2]
    page = sum(line.count("\f") for line in found.lines[:row]) + 2
    pages = len("\n".join(found.lines).rstrip("\n\f").split("\f")) + 1
    lines = list(found.lines)
    lines[row:row] = ["\f" + head(page, pages), ""]
    return "\n".join(lines)


FOOTER = (
    "Fraktion im Rathaus · Marktplatz 1 · 76133 Musterstadt",
    "Telefon 0721 133-1010 · Telefax 0721 133-1019 · fraktion@musterstadt.de",
    "Bankverbindung: Sparkasse Musterstadt · IBAN DE12 6605 0101 0001 2345 67",
)


def footer_block(found: Located) -> str | None:
    """Return the text with the footer at the foot of page 1 (broken before the middle item)
    and of the last page."""
    if len(found.rows) < 2:
        return None
    row = found.rows[len(found.rows) // 2]
    lines = list(found.lines)
    lines[row:row] = ["", *FOOTER, "\f"]
    body = "\n".join(lines).rstrip("\n\f")
    return body + "\n\n" + "\n".join(FOOTER) + "\f" + "\n"


def _paragraph_above(found: Located) -> int | None:
    """Return the first line of the paragraph right above item 1 (None: nothing above)."""
    k = found.rows[0] - 1
    while k >= 0 and not found.lines[k].strip():
        k -= 1
    if k < 0:
        return None
    while k > 0 and found.lines[k - 1].strip():
        k -= 1
    return k


def letterhead(found: Located, label: dict[str, Any]) -> str | None:
    """Return the text with a letterhead and salutation right above the lead-in paragraph."""
    top = _paragraph_above(found)
    if top is None:
        return None
    sender = _faction(label) or ["Stadtratsfraktion"]
    block = [
        *sender,
        "Marktplatz 1, 76133 Musterstadt",
        "",
        "An den Oberbürgermeister",
        "",
        "Sehr geehrter Herr Oberbürgermeister,",
    ]
    lines = list(found.lines)
    lines[top:top] = block
    return "\n".join(lines)


def lead_in_inline(found: Located) -> str | None:
    """Return the text with the line ending in ":" above item 1 and the item's line joined."""
    k = found.rows[0] - 1
    while k >= 0 and not found.lines[k].strip():
        k -= 1
    if k < 0 or not found.lines[k].rstrip().endswith(":"):
        return None
    lines: list[str] = list(found.lines)
    lines[k] = lines[k].rstrip() + " " + lines[found.rows[0]].lstrip()
    del lines[k + 1 : found.rows[0] + 1]
    return "\n".join(lines)


TWO_SENTENCES = (
    "Die Verwaltung hat im Ausschuss bereits darüber berichtet. Wir bitten daher um die",
    "Beantwortung der folgenden Fragen:",
)


def lead_in_two_sentences(found: Located) -> str | None:
    """Return the text with a two-sentence lead-in paragraph right above item 1."""
    row = found.rows[0]
    lines = list(found.lines)
    lines[row:row] = [*TWO_SENTENCES, ""]
    return "\n".join(lines)


Transform = Callable[[Located, dict[str, Any]], "str | None"]
ORIGINAL = "original"
VARIANTS: dict[str, Transform] = {
    ORIGINAL: lambda found, _label: "\n".join(found.lines),
    "no heading": lambda found, _label: no_heading(found),
    "justification after": justification_after,
    "closing": lambda found, label: _after_last(
        found, ["Mit freundlichen Grüßen", "", NAME, ROLE, *_faction(label)]
    ),
    "signature": lambda found, label: _after_last(found, [NAME, ROLE, *_faction(label)]),
    "place and date": lambda found, label: _after_last(
        found, [f"{label.get('kommune') or 'Musterstadt'}, den 12.03.2023", "", NAME]
    ),
    "Anlage(n)": lambda found, _label: _after_last(
        found, ["Anlage(n):", "Lageplan des Gebiets vom 12.03.2023"]
    ),
    "Verteiler": lambda found, _label: _after_last(
        found, ["Verteiler:", "Fraktionen und Einzelstadträte"]
    ),
    "gez.": lambda found, _label: _after_last(found, [f"gez. {NAME}", ROLE]),
    "answer requested": lambda found, _label: _after_last(
        found, ["Wir bitten um schriftliche Beantwortung."]
    ),
    "answer requested, passive": lambda found, _label: _after_last(
        found, ["Um Beantwortung in der nächsten Sitzung wird gebeten."]
    ),
    "answer opens": lambda found, _label: _after_last(
        found,
        ["Die Verwaltung beantwortet die Anfrage wie folgt:", "Die Zahlen liegen noch nicht vor."],
    ),
    "statement after": lambda found, _label: _after_last(
        found, ["Die Lage hat sich seit dem letzten Bericht deutlich verschlechtert."]
    ),
    "footnote ¹": lambda found, _label: footnote(found, "¹"),
    "footnote 1": lambda found, _label: footnote(found, "1"),
    "running head": lambda found, label: _page_break(
        found,
        lambda page, _pages: (
            f"Drucksache {label.get('reference') or STAND_IN_REFERENCE} – Seite {page}"
        ),
    ),
    "running head, two lines": lambda found, label: _page_break(
        found,
        lambda page, pages: (
            f"Seite {page} von {pages}\nAnfrage der {' '.join(_faction(label)) or 'Fraktion'}"
        ),
    ),
    "page number": lambda found, _label: _page_break(found, lambda page, _pages: f"- {page} -"),
    "Seite 2 von 3": lambda found, _label: _page_break(
        found, lambda page, pages: f"Seite {page} von {pages}"
    ),
    "footer block": lambda found, _label: footer_block(found),
    "letterhead": letterhead,
    "lead-in inline": lambda found, _label: lead_in_inline(found),
    "lead-in two sentences": lambda found, _label: lead_in_two_sentences(found),
}


def rewrite(text: str, label: dict[str, Any], variant: str) -> str | None:
    """Return the text rewritten into `variant`, or None if it cannot apply."""
    if not label.get("questions") or not label.get("first_question_start"):
        return None
    found = locate(text, label["questions"], label["first_question_start"])
    return VARIANTS[variant](found, label) if found else None


@dataclass
class Outcome:
    """One document read in one variant: count, first, last and all questions right."""

    count: bool
    first: bool
    last: bool | None  # None: the original read count or first question wrong (no reference)
    same: bool | None
    got: int
    last_got: str


def outcomes(
    items: Iterable[Any], parse: Callable[[str], Any]
) -> dict[str, list[tuple[str, Outcome]]]:
    """Return variant → [(document, outcome)] over labelled dev items with numbered questions."""
    result: dict[str, list[tuple[str, Outcome]]] = {name: [] for name in VARIANTS}
    for item, found, counts in numbered_documents(items):
        label = item.label
        want = _fold(label["first_question_start"]).lower()
        reference: list[str] | None = None
        for name, transform in VARIANTS.items():
            text = transform(found, label)
            if text is None:
                continue
            questions = [_fold(q) for q in parse(text).questions]
            count = len(questions) in counts
            first = bool(questions) and questions[0].lower().startswith(want)
            if name == ORIGINAL and count and first:
                reference = questions
            outcome = Outcome(
                count,
                first,
                None if reference is None else bool(questions) and questions[-1] == reference[-1],
                None if reference is None else questions == reference,
                len(questions),
                questions[-1][-90:] if questions else "",
            )
            result[name].append((item.name, outcome))
    return result


def table(result: dict[str, list[tuple[str, Outcome]]]) -> list[str]:
    """Return markdown rows: per variant, documents used, count, first, last and all right."""
    rows = [
        "| variant | documents | count | first question | last question | all questions |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, docs in result.items():
        total = len(docs)
        count = sum(o.count for _, o in docs)
        first = sum(o.first for _, o in docs)
        refs = [o for _, o in docs if o.last is not None]
        last = sum(bool(o.last) for o in refs)
        same = sum(bool(o.same) for o in refs)
        rows.append(
            f"| {name} | {total} | {pct(count, total)} | {pct(first, total)} "
            f"| {pct(last, len(refs))} | {pct(same, len(refs))} |"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", help="list the documents a variant gets wrong")
    parser.add_argument("--shape", choices=sorted(SHAPES), help="bench.text_shapes shape first")
    args = parser.parse_args()
    result = outcomes(corpus_items("dev"), shaped_parse(args.shape))
    print("\n".join(table(result)))
    if args.show:
        for name, o in result.get(args.show, []):
            if not (o.count and o.first and o.last is not False and o.same is not False):
                print(name, o.got, o.count, o.first, o.last, o.same, repr(o.last_got))


if __name__ == "__main__":
    main()
