"""Where one question item ends, and the question a list of follow-ups belongs to. Pure.

An item of a question list runs to the next label; what follows its question inside it may be
part of it (sub-items, a short "Falls ja, …?"), or not: a justification without heading after
the last question, the prose that introduces the next question, a closing. Bullets right below
an unlisted question are its follow-ups.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.letter_end import first_sentence, letter_end, signer_run_on
from fetcher.parse.list_score import item_signal
from fetcher.parse.markers import LINE_CHARS, join_item, next_label
from fetcher.parse.text import sentences
from fetcher.parse.wording import list_marker, question_signal

_JUSTIFICATION = re.compile(
    r"^(?:Begründung|Hintergrund|Erläuterung|Sachverhalt|Vorbemerkung|Zur Begründung)", re.I
)
# A topic heading above the next item ("Zu den Kosten", "Zum Zustand der Gebäude:"): one to six
# words with no sentence mark, comma or bracket, set in bold or ending in a colon.
_TOPIC_LINE = re.compile(r"^[A-ZÄÖÜ][^\s.?!,;()]*(?:\s+[^\s.?!,;()]+){0,5}:?$")
MAX_TAIL_CHARS = 220  # text after the last "?" of the last item kept as part of that question


def _statements_after(tail: Sequence[str], *, upto_question: bool = False) -> int:
    """Return the characters of the sentences in `tail` that do not ask (end in "." or ":").

    `upto_question`: count only up to the last "?" (the tail's last line goes on after it).
    """
    text = " ".join(tail)
    if upto_question and "?" in text:
        text = text[: text.rfind("?") + 1]
    return sum(len(part) for part in sentences(text) if not part.endswith("?"))


def _cut_at_statements(item: list[str]) -> list[str]:
    """Return the item up to the first question followed by a block of prose that only states.

    The block runs to the next line with a "?" (or the item's end) and holds no list marker: a
    justification without heading, even one with a rhetorical "?" further on ("… soll es nicht
    mehr möglich sein?", Karlsruhe 2018/0874), or the prose that introduces the next question.
    """
    asked = [k for k, line in enumerate(item) if "?" in line]
    for n, k in enumerate(asked):
        following = asked[n + 1] + 1 if n + 1 < len(asked) else len(item)
        gap = item[k + 1 : following]  # up to and with the line of the next "?"
        if (
            gap
            and item[k].rstrip().endswith("?")
            and not any(list_marker(line) for line in item[k + 1 :])
            and _statements_after(gap, upto_question=n + 1 < len(asked)) > MAX_TAIL_CHARS
        ):
            return item[: k + 1]
    return item


_CONDITION = re.compile(
    r"^(?:Wenn|Falls|Sofern)\s+(?:ja|nein|nicht|dies\w*|so)\b[^:]{0,30}:$", re.I
)


def question_above(lines: Sequence[str], start: int) -> list[str]:
    """Return the unlisted question just above a bullet list (its follow-ups), if any.

    A "Wenn ja:" line may stand between them. The question is the block of lines ending in "?"
    right above, back to the line that ends a sentence; a list marker there means no parent.
    """
    k = start - 1
    while k >= 0 and not lines[k]:
        k -= 1
    if k >= 0 and _CONDITION.match(lines[k]):
        condition = [lines[k]]
        k -= 1
        while k >= 0 and not lines[k]:
            k -= 1
    else:
        condition = []
    if k < 0 or not lines[k].rstrip().endswith("?"):
        return []
    if marker := list_marker(lines[k]):
        # "1. Wie schätzt … ein, …?" on one line above "• Image-Gewinn …?" (run-together text):
        # the one numbered question itself, as when its wrapped lines come first (below)
        first = marker[:2] == ("num", "1") and marker[2] and "?" not in marker[2].rstrip()[:-1]
        return [marker[2], *condition] if first and question_signal(marker[2]) else []
    block = [lines[k]]
    k -= 1
    while (
        k >= 0
        and lines[k]
        and not lines[k].rstrip().endswith((".", ":", "?"))
        and sum(map(len, block)) < 4 * LINE_CHARS  # four lines of a letter, more in a column
    ):
        marker = list_marker(lines[k])
        if marker and marker[:2] == ("num", "1") and marker[2]:
            block.insert(0, marker[2])  # "1. Wie schätzt … ein, …?" over "• Image-Gewinn …?"
            break  # (Karlsruhe 2019/0071): the one numbered question and its bullet parts
        if marker:
            return []
        if (
            len(lines[k].split()) <= 2
            and lines[k][0].isupper()
            and block[0][0].isupper()
            and not re.search(r"(?:-|\b[a-zäöüß]+)$", lines[k])  # "Verkehrszahlen- und" runs on
        ):
            break  # a heading ("Anfrage") above the question, not a wrapped line of it
        block.insert(0, lines[k])
        k -= 1
    if "?" in " ".join(block[:-1]) or not question_signal(join_item(block)):
        return []
    return block + condition


def trim_context(item: list[str]) -> list[str]:
    """Cut the prose that introduces the next question from an item that has asked already.

    "2. Wie sieht … die Prognose … aus?" then "Satzung der Stadt …: Laut Auskunft … lagen …"
    above "3. Wie stellt sich dieser Durchschnittswert aktuell dar?" (Karlsruhe 2019/0068).
    A topic heading right below the item's last question heads the next item, never this one.
    """
    item = _cut_at_statements(item)
    if len(item) >= 2 and item[-2].rstrip().endswith("?") and _topic_heading(item[-1]):
        return item[:-1]
    return item


def _topic_heading(line: str) -> bool:
    """Whether a line is a short heading that neither asks nor requests nor labels an item."""
    line = line.strip()
    return bool(_TOPIC_LINE.match(line)) and not question_signal(line) and not list_marker(line)


def trim_last(item: list[str]) -> list[str]:
    """Cut a justification or closing that follows the last question of the list."""
    item = _cut_at_statements(item)
    asked = [k for k, line in enumerate(item) if "?" in line]
    if not asked:
        return item
    last = asked[-1]
    tail = item[last + 1 :]
    end = letter_end(tail)
    if end is not None:  # "Vielen Dank!" / "Gunter Thiele": the letter's end, no question
        item, tail = item[: last + 1 + end], tail[:end]
    line = item[last]
    run_on = line[line.rfind("?") + 1 :]
    if not tail and run_on.strip() and letter_end([run_on]) == 0:
        # "… für Freie Träger? Gerit Thomas": text run together, the signer on the line
        return [*item[:last], line[: line.rfind("?") + 1]]
    if not tail:
        return item
    if (cut := signer_run_on(tail[-1])) is not None:  # "… entgegensteht. Christoph Hille"
        tail = [*tail[:-1], tail[-1][:cut].rstrip()]
        item = [*item[: last + 1], *tail]
    if _JUSTIFICATION.match(tail[0]) or len(" ".join(tail)) > MAX_TAIL_CHARS:
        return item[: last + 1]
    if item[last].rstrip().endswith("?") and (_stray(" ".join(tail)) or _states(tail)):
        return item[: last + 1]
    text = " ".join(line.strip() for line in tail)
    first = first_sentence(text) if item[last].rstrip().endswith("?") else ""
    # run together: "Die Lage hat sich … verschlechtert. Gerit Thomas Seite 2 von 2", a stating
    # sentence and the letter's end on one line
    if first and _states([first]) and letter_end([text[len(first) :].strip()]) == 0:
        return item[: last + 1]
    return item


def _states(tail: Sequence[str]) -> bool:
    """Return True if the words after the last question are a short justification.

    Sentences that state (each ends in "."), two or more, one longer than a printed line or one
    that goes on with nothing of the question (_one_statement), none
    of them asks or requests ("Bitte …", "Ich bitte um …"): "Im neuen Eckgebäude … sind mehrere
    Videokameras installiert. Zwei davon sind … ausgerichtet." below the last question. A request
    belongs to the question; so does a short note ("Die Angaben bitte nach Jahren.").
    """
    text = " ".join(line.strip() for line in tail)
    parts = sentences(text)
    return (
        (len(parts) >= 2 or len(text) > LINE_CHARS or _one_statement(text))
        and text[:1].isupper()
        and all(part.endswith(".") for part in parts)
        and not re.search(r"\bbitte", text, re.I)
    )


# What goes on with the question in a sentence after it: a condition ("Falls ja, …"), what the
# answer should give ("… anzugeben.", "… aufzuschlüsseln.", "getrennt nach Jahren", "Gemeint
# ist …"), a reference to the question itself ("Dies gilt auch für …").
_GOES_ON = re.compile(
    r"^(?:Falls|Wenn|Sofern|Ggf\.|Gegebenenfalls|Gemeint|Dies|Das|Diese[rs]?|Dabei|Hierbei|Hier"
    r"|Und|Oder|Bzw\.|Sowie|Insbesondere|Auch|Jeweils|Getrennt|Aufgeschlüsselt)\b"
    r"|\b(?:an|auf|dar|aus|ein|mit|vor)?zu[a-zäöüß]{3,}en\b|\bzu\s+[a-zäöüß]+en\s*[.!]$"
    r"|\b(?:Angaben?|getrennt|aufgeschlüsselt|jeweils|gemeint|einschließlich|inklusive)\b",
)
MIN_STATEMENT_WORDS = 7


def _one_statement(text: str) -> bool:
    """Return True if one sentence states on its own: seven words or more, none that goes on
    with the question ("Die Schulen sind in einem schlechten Zustand, wie der Bericht zeigt.")."""
    return len(text.split()) >= MIN_STATEMENT_WORDS and not _GOES_ON.search(text)


def _stray(tail: str) -> bool:
    """Return True if the words after the last question are a form's leftover ("Antrag").

    One to three words that neither end a sentence nor stand in brackets ("(absolut und in
    Prozent)") nor lead a sub-item: a label of the form below the list (Grötzingen 2021).
    """
    tail = tail.strip()
    return (
        0 < len(tail.split()) <= 3
        and not tail.startswith("(")
        and not tail.endswith((".", ")", "!", ":", "?"))
        and list_marker(tail) is None
    )


def lone_item_above(lines: Sequence[str], start: int) -> list[str]:
    """Return a lone "A)" question right above a list that starts at "1." (mixed markers).

    "A) Laut Medienberichten … Wo sehen Polizei und Verwaltung die Ursachen …?" then "1. …?"
    "2. …?" (Karlsruhe 2018/0109): three questions. Only when no "B)" follows anywhere and
    the item ends asking; a section heading ("I. Schulen") above "1." does not ask.
    """
    block: list[str] = []
    for k in range(start - 1, -1, -1):
        line = lines[k]
        if not line:
            continue
        if sum(map(len, block)) >= 8 * LINE_CHARS:
            return []
        marker = list_marker(line)
        if marker is None:
            block.insert(0, line)
            continue
        style, label, rest = marker
        if style not in ("letter", "roman") or label not in ("A", "a", "I"):
            return []
        following = next_label(style, label)
        if any((m := list_marker(x)) and m[:2] == (style, following) for x in lines):
            return []
        block.insert(0, rest)
        break
    else:
        return []
    if not block or not block[-1].rstrip().endswith("?"):
        return []
    return block


def fold_statement_bullets(items: Sequence[Sequence[str]], bullet: str) -> list[list[str]]:
    """Return bullet items with each one that does not ask folded into the asking item before it.

    Bullets repeat one label, so a list of questions and the dash lists inside their answers
    ("– Wie groß sind die Hafträume …?" / the answer / "– Einbau von Duschabtrennungen", a
    Landtag answer with its questions set as dashes) form one run: an item that states below an
    item that asked and went on (its answer) is a part of that answer, on its own line. A list
    that opens stating, or with fewer than two items that ask, is left as it is.
    """
    asks = [item_signal(item) > 0 for item in items]
    if sum(asks) < 2 or not asks[0] or all(asks):
        return [list(item) for item in items]
    folded: list[list[str]] = []
    for item, asking in zip(items, asks, strict=True):
        above = folded[-1] if folded else []
        answered = any(line.rstrip().endswith("?") for line in above[:-1])
        if asking or not answered:  # "• Attraktivität …?" / "• Klimatische Auswirkungen": a part
            folded.append(list(item))  # of the list, not of an answer (Karlsruhe 2019/0071)
        else:
            folded[-1] += [f"{bullet} {item[0]}", *item[1:]] if item else []
    return folded


def unnumbered_first(lines: Sequence[str], start: int) -> list[str]:
    """Return the question just above a list that starts at 2 (its "1." was lost), if any."""
    k = start - 1
    while k >= 0 and not lines[k]:
        k -= 1
    if k < 0 or not lines[k].endswith("?"):
        return []
    block = [lines[k]]
    k -= 1
    while k >= 0 and lines[k] and not lines[k].endswith((".", ":", "?", "x")) and len(block) < 4:
        if list_marker(lines[k]) or re.search(r"\d{1,2}\.\d{1,2}\.\d{2,4}", lines[k]):
            break
        block.insert(0, lines[k])
        k -= 1
    return block
