"""What a reader would object to in the dev documents' summaries, per shape. Reads dev (I/O).

Run: .venv/bin/python -m bench.summary_quality [--shape text|para|flat|paged]… [--show COLUMN]

The summary is what a push shows under the title (fetcher/parse/summary.py). Every dev document is
read as printed ("text"), in the shapes "para" and "flat" of bench.text_shapes, and through a PDF
rendered the "paged" way (bench.parse_accuracy.via_pdf); its summary is then checked for:
- title: it repeats the title (of this reading or of the text's), or most of it (a run of at least
  70 % of the title's words, and at least four);
- question: it holds a question: the labelled first question, a question the parser read (in this
  shape or as printed), or a sentence ending in "?" that is an item of a list in the text;
- furniture: it holds page furniture or head fields: a running head or page foot (a line printed
  at the edge of two pages or more, the paged render's head), a page number ("Seite 2", "- 2 -"),
  a reference, date or label line ("Drucksache 19/…" standing alone, "Datum:", "vom:", "Gremium:"),
  a letterhead or address line (postcode and town, phone, mail), a salutation ("Sehr geehrte …"),
  a closing or signature ("Mit freundlichen Grüßen", "gez.", the lines below the closing), or a
  "Beratungsfolge" row (a committee with a date and a role);
- start: it does not start where a sentence starts in the text (after a sentence end, a heading
  line, a letter's salutation, or at the text's start);
- cut: it ends neither at a sentence end nor with "…" (mid-word or mid-sentence);
- recall, over the documents with a justification (silver label, see `expected_start`): a summary
  exists and starts with that justification's first sentence (its first 40 non-space characters).
The silver label is read from the printed text, not from the parser: the text below the first
justification heading (Begründung, Sachverhalt, Sachdarstellung, Vorbemerkung der/des …,
Erläuterung(en), Hintergrund, Problembeschreibung, Ausgangslage, "Sachverhalt / Begründung", …;
not "Vorbemerkung der Landesregierung", not a heading repeated as a running head or right over
"Seite N")
when prose follows it; the prose between the last question and the heading when the heading stands
at a page's foot ("Seite 2" and a rule follow) or what follows runs on lowercase (a form's box
label printed below its text); else, for a labelled inquiry, the first prose paragraph after the
labelled last question (a justification printed without heading below the list). 79 dev documents
get one; 20 were checked by hand (docs/benchmarks.md).
--show COLUMN prints, per shape, the documents that fail it with their summary.
Only dev is read (never check).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from bench.text_shapes import SHAPES
from bench.variants import pct
from fetcher.model import ParsedDocument
from fetcher.parse import parse_text
from tests.corpus_data import CorpusItem, corpus_items

COLUMNS = ("title", "question", "furniture", "start", "cut")
SHAPE_NAMES = ("text", "para", "flat", "paged")

_SPACE = re.compile(r"\s+")


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def _dense(text: str) -> str:
    """Return the text lowercased without any whitespace (line breaks of any shape compare)."""
    return _SPACE.sub("", text).lower().replace("\u00ad", "")


# ---------------------------------------------------------------------------------------------
# the silver label: where the justification starts

_HEADING_WORD = (
    r"(?:Begründung(?:\s+des\s+Antrag(?:e?s)?)?|Sachverhalt|Sachdarstellung|Erläuterung(?:en)?"
    r"|Ergänzende\s+Erläuterung(?:en)?|Hintergrund|Problembeschreibung|Problemstellung"
    r"|Ausgangslage|Zur\s+Begründung"
    r"|Vorbemerkung(?:en)?(?:\s+de[rs]\s+(?:Abgeordneten|Fragesteller\w*|Anfragenden))?)"
)
JUSTIFICATION_HEADING = re.compile(
    rf"^\s*{_HEADING_WORD}(?:\s*(?:/|und)\s*{_HEADING_WORD})*\s*(?::\s*(?P<inline>.*))?$"
)
_MARKER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-z][.)]|[-•–*]|[IVX]{1,4}\.)\s+")
_CLOSING = re.compile(
    r"^\s*(?:Mit freundlichen|Freundliche Grüße|Hochachtungsvoll|gez\.|i\.\s?A\.)"
)
_SENTENCE_END = re.compile(r"[.!?…][\"“”»)']*\d{0,2}$")


def _prose(line: str) -> bool:
    """Return True if a line reads as running prose (mostly lowercase letters, some length)."""
    letters = [c for c in line if c.isalpha()]
    words = line.split()
    lower = sum(w[0].islower() for w in words)  # articles and verbs: no list of names
    return (
        len(line.strip()) >= 25
        and sum(c.islower() for c in letters) >= 0.6 * len(letters)
        and lower >= 0.25 * len(words)
    )


def _first_sentence_start(lines: Sequence[str]) -> str | None:
    """Return the first 40 non-space characters (folded) of the prose the lines open with."""
    collected: list[str] = []
    for line in lines:
        if not line.strip():
            if collected:
                break
            continue
        if not collected and _PAGE_EDGE.match(line):
            continue
        if _MARKER.match(line) or _CLOSING.match(line) or _FIELD_LINE.match(line):
            break
        if re.match(r"^\s*(?:Zu\s+)?Frage\s*\d|^\s*siehe\b", line, re.I):
            break
        collected.append(line.strip())
        if len(" ".join(collected)) >= 200:
            break
    text = " ".join(collected)
    if len(text) < 40 or not _prose(text):
        return None
    first = re.split(r"(?<=[a-zäöüß)“\"]{2}[.!?])\s+(?=[A-ZÄÖÜ„\"])", text, maxsplit=1)[0]
    if len(first) < 25 or (not first[0].isupper() and first[0] not in '„"»('):
        return None  # "siehe Anlage 1.", or prose that runs on from above the heading
    return _dense(first)[:40]


_PAGE_EDGE = re.compile(
    r"^\s*(?:Seite\s*\d+(?:\s+von\s+\d+)?|-\s*\d+\s*-|_{5,})\s*$|\bSeite\s*\d+\s*$"
)


_DATE_START = re.compile(
    r"^\s*\d{1,2}\.\s+(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober"
    r"|November|Dezember)\b"
)


def _after_heading(lines: Sequence[str]) -> str | None:
    """Return the start of the prose below the first justification heading; a form's label
    printed below its box's text (what follows runs on lowercase or is empty): the prose above."""
    for i, line in enumerate(lines):
        match = JUSTIFICATION_HEADING.match(line)
        if not match or "Landesregierung" in line:
            continue
        if sum(_fold(x) == _fold(line) for x in lines) >= 2 and not match.group("inline"):
            continue  # a running head ("Ergänzende Erläuterungen" over "Seite 2" on every page)
        if i + 1 < len(lines) and re.match(r"^\s*Seite\s*\d+\s*$", lines[i + 1]):
            continue  # a page's head: the heading with the page number right under it
        inline = (match.group("inline") or "").strip()
        below = [x for x in lines[i + 1 : i + 12] if x.strip() and not _PAGE_EDGE.match(x)]
        after = [x for x in lines[i + 1 : i + 5] if x.strip()]
        page_foot = bool(after) and bool(_PAGE_EDGE.match(after[0]))  # the page ends under it
        runs_on = not below or below[0].strip()[0].islower() or _FIELD_LINE.match(below[0])
        if not inline and (runs_on or page_foot):
            k = i
            while k > 0 and not re.search(r"[?:]\s*$", lines[k - 1]):
                if _MARKER.match(lines[k - 1]) and not _DATE_START.match(lines[k - 1]):
                    break
                k -= 1
            if k > 0 and (runs_on or sum(len(x.strip()) for x in lines[k:i]) >= 120):
                found = _first_sentence_start(lines[k:i])
                if found:
                    return found
        found = _first_sentence_start([inline, *lines[i + 1 : i + 12]])
        if found:
            return found
    return None


def _after_questions(lines: Sequence[str], label: dict[str, Any]) -> str | None:
    """Return the start of the first prose paragraph after the labelled last numbered question."""
    count = label.get("questions") or 0
    first = label.get("first_question_start") or ""
    if str(label.get("kind")).lower() != "anfrage" or count < 1 or not first:
        return None
    dense = [_dense(x) for x in lines]
    opening = next((i for i, x in enumerate(dense) if _dense(first)[:25] in x), None)
    if opening is None:
        return None
    last = None
    for i in range(opening, len(lines)):
        if re.match(rf"^\s*{count}\s*[.)]\s+\S", lines[i]):
            last = i
    if last is None:
        return None
    k, previous = last, ""
    while k < len(lines):  # the item's lines, its sub-items, blank lines and page edges
        line = lines[k].strip()
        if line and _PAGE_EDGE.match(line):
            k += 1
            continue
        ended = re.search(r"[?.:]$", previous)
        if line and ended and not _MARKER.match(line):
            break
        previous = line or previous
        k += 1
    if k >= len(lines) or not _prose(lines[k]) or _COURTESY.match(lines[k]):
        return None
    return _first_sentence_start(lines[k:])


_COURTESY = re.compile(
    r"^\s*(?:Für die Beantwortung|Vielen Dank|Ich bedanke|Wir bedanken|Danke|Bitte\b|Nachfrage"
    r"|Mit freundlichen|[„\"»])"
)


def expected_start(item: CorpusItem) -> str | None:
    """Return the first 40 non-space characters of the document's justification, if it has one."""
    lines = item.text.replace("\f", "\n").split("\n")
    return _after_heading(lines) or _after_questions(lines, item.label)


# ---------------------------------------------------------------------------------------------
# furniture: the lines of the printed text that are no prose of the document

_FIELD_LINE = re.compile(
    r"^\s*(?:Drucksache|Drs\.|Vorlage(?:-Nr\.|\s+Nr\.)?|Datum|Az\.|Aktenzeichen|Seite|Gremium"
    r"|Termin|vom|eingegangen|unterzeichnet|Telefon|Tel\.|Fax|E-Mail|Postfach|Beratungsfolge"
    r"|Ortsamt|Anlage\s*\d*\s*$)\b",
    re.I,
)
_ADDRESS_LINE = re.compile(r"^\s*(?:D-)?\d{5}\s+[A-ZÄÖÜ]|@|www\.|\b(?:Tel|Fax)[.:]")
_ROW_LINE = re.compile(
    r"\d{1,2}\.\d{1,2}\.\d{2,4}.*\b(?:Beratung|Entscheidung|Kenntnisnahme|Vorberatung|"
    r"Beschlussfassung|öffentlich|nichtöffentlich)\b"
)
_SALUTATION = re.compile(r"^\s*[„\"]?(?:Sehr geehrte|Liebe[rs]?\s)")
SUMMARY_FURNITURE = re.compile(
    r"\bSeite\s+\d+(?:\s+von\s+\d+)?\b|(?:^|\s)-\s?\d{1,3}\s?-(?:\s|$)|Sehr geehrte"
    r"|Mit freundlichen Grüßen|\bgez\.|\bgezeichnet:|Beratungsfolge|\bDatum\s*:|\bvom\s*:"
    r"|\beingegangen\s*:|\bGremium\s*:|\bunterzeichnet von\s*:|\bAnlage\s*\d+\s*[A-Z]?\s+zu\s+TOP\b"
    r"|\bGremium\s+Termin\b|\bö\s+nö\b"
)


def furniture_lines(text: str) -> set[str]:
    """Return the folded lines of a printed text that are page furniture or head fields."""
    pages = [[x.strip() for x in page.split("\n") if x.strip()] for page in text.split("\f")]
    found: set[str] = set()
    edges: dict[str, int] = {}
    for page in pages:
        for line in {*page[:3], *page[-3:]}:
            edges[_fold(line)] = edges.get(_fold(line), 0) + 1
    found |= {line for line, n in edges.items() if n >= 2 and len(line) >= 8}
    lines = [x for page in pages for x in page]
    if lines:
        found.add(_fold(lines[0]))  # the first line: the paged render's running head
    closing_at = None
    for i, line in enumerate(lines):
        head = i < 40
        if (
            (_FIELD_LINE.match(line) and len(line) <= 70 and not line.endswith("."))
            or (head and _ADDRESS_LINE.search(line) and len(line) <= 70 and not _prose(line))
            or _ROW_LINE.search(line)
            or _SALUTATION.match(line)
            or _CLOSING.match(line)
        ):
            found.add(_fold(line))
        if _CLOSING.match(line):
            closing_at = i
        if closing_at is not None and 0 < i - closing_at <= 3 and len(line) <= 60:
            found.add(_fold(line))  # the signature below the closing
    return {line for line in found if len(line) >= 6}


# ---------------------------------------------------------------------------------------------
# the columns


def title_run(sentence: str, title: str) -> bool:
    """Return True if a sentence is mostly the title: it holds a run of at least 70 % of the
    title's words (four at least), and the run is at least half of the sentence's words."""
    words = re.findall(r"\w+", sentence.lower())
    title_words = re.findall(r"\w+", title.lower())
    if len(title_words) < 4:
        return False
    joined = " " + " ".join(words) + " "
    need = max(4, -(-7 * len(title_words) // 10))
    for size in range(len(title_words), need - 1, -1):
        for start in range(len(title_words) - size + 1):
            if " " + " ".join(title_words[start : start + size]) + " " in joined:
                return 2 * size >= len(words)
    return False


def _repeats_title(summary: str, titles: Iterable[str | None]) -> bool:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"])", summary)
    return any(title_run(part, title) for title in titles if title for part in parts)


def _list_questions(text: str) -> list[str]:
    """Return the items of the text's lists that end in "?" (their first 40 non-space chars)."""
    items: list[str] = []
    lines = text.replace("\f", "\n").split("\n")
    for i, line in enumerate(lines):
        marker = _MARKER.match(line)
        if not marker:
            continue
        item = line[marker.end() :]
        k = i + 1
        while "?" not in item and k < len(lines) and k <= i + 3 and lines[k].strip():
            if _MARKER.match(lines[k]):
                break
            item += " " + lines[k]
            k += 1
        if "?" in item:
            items.append(_dense(item.split("?")[0])[:40])
    return [x for x in items if len(x) >= 25]


def _holds_question(
    summary: str, label: dict[str, Any], asked: Iterable[str], listed: list[str]
) -> bool:
    dense = _dense(summary)
    first = _dense(label.get("first_question_start") or "")
    if len(first) >= 15 and first[:40] in dense:
        return True
    if any(len(_dense(q)) >= 15 and _dense(q)[:40] in dense for q in asked):
        return True
    return any(item in dense for item in listed)


def _holds_furniture(summary: str, furniture: set[str]) -> bool:
    if SUMMARY_FURNITURE.search(summary):
        return True
    folded = f" {_fold(summary)} "
    # a short line ("Stadt Karlsruhe") is furniture only as the whole summary or its start
    return any(
        f" {line} " in folded if len(line) >= 16 else folded.startswith(f" {line} ")
        for line in furniture
    )


_OPENING_OK = re.compile(r"[.!?:;…][\"“”»)']*\d{0,2}$")


def _bad_start(summary: str, text: str) -> bool | None:
    """Return True if the summary does not start where a sentence starts in the text (None when
    its opening words are not found in the text)."""
    words = summary.replace("…", " ").split()[:6]
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    match = re.search(pattern, text)
    if not match:
        return None
    before = text[: match.start()]
    stripped = before.rstrip().rstrip('„"»(').rstrip()  # a quotation opening the sentence
    before = before[: len(stripped)] + before[len(stripped) :].replace("„", " ")
    if not stripped:
        return False
    if _OPENING_OK.search(stripped):
        return False
    gap = before[len(stripped) :]
    previous = stripped.split("\n")[-1].strip()
    if stripped.endswith(",") and _SALUTATION.match(previous):
        return False  # a letter goes on lowercase after "Sehr geehrte …,"
    if "\n" in gap or "\f" in gap:
        # a new line after a heading or a field line (short, not running on)
        return not (len(previous) <= 60 and not previous.endswith((",", "-")))
    return True


def _cut(summary: str) -> bool:
    return not re.search(r"(?:[.!?…][\"“”»)'’]*\d{0,2}|…)$", summary.strip())


@dataclass
class Tally:
    """Counts of one shape: documents, summaries, failures per column and the recall pair."""

    documents: int = 0
    summaries: int = 0
    recall_hits: int = 0
    recall_total: int = 0

    def __post_init__(self) -> None:
        self.failed: dict[str, list[str]] = {column: [] for column in COLUMNS}
        self.missed: list[str] = []


def judge(
    item: CorpusItem,
    doc: ParsedDocument,
    printed: ParsedDocument,
    expected: str | None,
) -> dict[str, bool]:
    """Return column → failed for one document's summary (empty when it has none)."""
    summary = doc.summary
    if not summary:
        return {}
    asked = [*doc.questions, *printed.questions]
    return {
        "title": _repeats_title(summary, (doc.title, printed.title)),
        "question": _holds_question(summary, item.label, asked, _list_questions(item.text)),
        "furniture": _holds_furniture(summary, furniture_lines(item.text)),
        "start": bool(_bad_start(summary, item.text)),
        "cut": _cut(summary),
    }


def reader(shape: str) -> Callable[[str], ParsedDocument]:
    """Return the reader of a shape name: the text as printed, a text shape, or the paged PDF."""
    if shape == "text":
        return parse_text
    if shape == "paged":
        from bench.parse_accuracy import via_pdf

        return via_pdf("paged")
    reshape = SHAPES[shape]
    return lambda text: parse_text(reshape(text))


def measure(shape: str, items: Sequence[CorpusItem], printed: Sequence[ParsedDocument]) -> Tally:
    """Return the tally of one shape over the dev documents."""
    parse = reader(shape)
    tally = Tally()
    for item, as_printed in zip(items, printed, strict=True):
        doc = as_printed if shape == "text" else parse(item.text)
        tally.documents += 1
        tally.summaries += bool(doc.summary)
        for column, failed in judge(item, doc, as_printed, None).items():
            if failed:
                tally.failed[column].append(f"{item.name}: {doc.summary!r}")
        expected = expected_start(item)
        if expected:
            tally.recall_total += 1
            if doc.summary and _dense(doc.summary).startswith(expected):
                tally.recall_hits += 1
            else:
                tally.missed.append(f"{item.name}: wanted {expected!r}, got {doc.summary!r}")
    return tally


def main(argv: Sequence[str] | None = None) -> None:
    """Print the summary table (markdown) for the chosen shapes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shape", action="append", choices=SHAPE_NAMES)
    parser.add_argument("--show", choices=(*COLUMNS, "recall", "labels"))
    args = parser.parse_args(argv)
    shapes = args.shape or list(SHAPE_NAMES)
    items = corpus_items("dev")
    if args.show == "labels":
        for item in items:
            print(f"{item.name}: {expected_start(item)!r}")
        return
    printed = [parse_text(item.text) for item in items]
    print(f"| shape | summaries | {' | '.join(COLUMNS)} | recall |")
    print("|---|" + "---|" * (len(COLUMNS) + 2))
    shown: list[str] = []
    for shape in shapes:
        tally = measure(shape, items, printed)
        cells = [pct(len(tally.failed[c]), tally.summaries) for c in COLUMNS]
        recall = pct(tally.recall_hits, tally.recall_total)
        print(f"| {shape} | {tally.summaries}/{tally.documents} | {' | '.join(cells)} | {recall} |")
        if args.show:
            rows = tally.missed if args.show == "recall" else tally.failed[args.show]
            shown += [f"[{shape}] {row}" for row in rows]
    for row in shown:
        print(row)


if __name__ == "__main__":
    main()
