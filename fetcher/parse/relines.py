"""Line breaks put back into text whose lines were run together. Pure.

Real input often arrives without its line breaks: an OParl `File.text` or a council system's HTML
page with every page on one line, a word processor's text with one line per paragraph, an inline
list inside a printed line ("Daher frage ich Sie: 1. …? 2. …?"). The parser reads lines: a list
item, a header label, a salutation starts one. This pre-pass breaks only lines far longer than a
printed line (LONG_LINE_CHARS), and only where the structure says a line must start:
- before list labels that form a sequence (1. 2. 3., 1) 2), a) b), a. b., A. B., I. II.,
  "Frage 1:", "Zu 1."; "am 2. Mai", "Nr. 4", "§ 2 Abs. 1" stay whole), and inline bullets;
- before header labels and form fields the header parsers know, around the paper's own number,
  a type heading in capitals, a consultation table's head and row, a fax header;
- before a salutation and after its comma, around a closing, before section headings;
- around a page number ("– 2 –", "2 1. Welche") that the page furniture filter then drops;
- after a question's "?" when a new sentence follows, and after a colon before a quoted block.
A paragraph of printed-width lines (each filled to the page's width and running on into the next)
that holds such a list or a header field inside its lines is joined and broken the same way: a
run-together text printed to a PDF, or an inline list set over several printed lines.
Every other line is left byte for byte as it was. List labels and the fields a line holds are
found by fetcher.parse.reline_labels, the paragraphs by fetcher.parse.reline_paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.header import CITED
from fetcher.parse.kind import DOC_LABEL
from fetcher.parse.label_glyphs import plain_label_glyphs
from fetcher.parse.letter_head import PAPER_NUMBER
from fetcher.parse.mail_quotes import unquoted_mail
from fetcher.parse.markers import INLINE_BULLET
from fetcher.parse.page_lists import first_labels
from fetcher.parse.printed_paragraphs import (
    CELL_LABEL,
    FIRST_SENTENCE,
    SALUTATION,
    holds_printed_structure,
    joins_paragraphs,
    one_question_line,
    page_runs,
)
from fetcher.parse.reline_headings import asking_starts, lead_in_cuts, question_heading_end
from fetcher.parse.reline_labels import (
    FIELD,
    LABEL,
    after_sentence,
    label_style,
    list_cuts,
    note_start,
    opens_item,
    page_number_apart,
)
from fetcher.parse.reline_outline import outline_cuts
from fetcher.parse.reline_paragraphs import (
    LONG_LINE_CHARS,
    inline_structure,
    joined_lines,
    running_heads,
)
from fetcher.parse.reline_runs import headed_questions, heading_cuts, roman_cuts, run_cuts
from fetcher.parse.reline_short import holds_short_list
from fetcher.parse.text import DATE_AT_START, STOP_SECTION

# Header labels and section headings the header and form parsers read at a line's start
# (text.LABEL_LINE, text.STOP_SECTION), here in the case they are printed in.
_SECTION = re.compile(r"(?<=\s)" + STOP_SECTION.pattern[1:])
_HEADING = re.compile(
    r"(?<=\s)(?:Vorbemerkung(?:\s+de[rs]\s+\w+)?|Hintergrund|Erläuterung(?:en)?|Antwort"
    r"|Fragen|Anfrage|Beschluss(?:vorschlag)?|Stellungnahme(?:\s+der\s+Verwaltung)?)"
    r"(?=\s*:|\s+(?:[A-ZÄÖÜ]|\d{1,2}[.)]\s))"
)
# A paper's own number as a field ("Drucksache 19/11141", "Vorlage Nr.: 2023/0493"): its value
# ends the field, and so does a page number printed beside it in the running head.
_OWN_NUMBER = re.compile(
    r"(?<!\S)(?:(?:Drucksachen?|DS|Drs\.?)(?:-?(?:Nr\.?|nummer))?\s*:?\s*-?"
    r"|(?:Vorlage|Antrag|Anfrage)\s*-?\s*Nr\.?:?)"
    r"\s*[A-ZÄÖÜ]{0,6}\d\w*(?:\s?[/-]\s?\w+)+(?:\s+(?P<page>\d{1,3})(?=\s))?"
    # the paper's type as one word after its number ("DS 19/2017 Mitteilungsvorlage Beratung …")
    r"(?:\s+(?P<type>[A-ZÄÖÜ][a-zäöüß]*(?:vorlage|anfrage|antrag))(?=\s+[A-ZÄÖÜ]))?"
)
# The members' signature after the last sentence ("… „verschwinden zu lassen“? unterzeichnet von
# Dr. Jan-Dirk Rausch …", Karlsruhe's Ortschaftsrat forms) closes the letter as a greeting does.
_CLOSING = re.compile(
    r"(?<!\S)(?:Mit\s+freundliche[nm]\s+Gr(?:ü|ue)(?:ß|ss)(?:en)?|(?:Freundliche|Beste|Viele)"
    r"\s+Grüße|Hochachtungsvoll|(?<=[.?!“”\"]\s)[Uu]nterzeichnet(?:\s+von)?(?=[\s:]))\s*[,:]?"
)
_ADDRESSEE = re.compile(r"(?<=\s)(?:An\s+)?(?:Herrn|Frau)\s+(?:Ober)?[Bb]ürgermeister")
_PAGE_MARK = re.compile(r"(?<=\s)[-–—]\s?\d{1,3}\s?[-–—](?=\s)")
# A type heading set in capitals inside a run-together head ("… Der Oberbürgermeister STELLUNGNAHME
# zur Anfrage …", "… GEMEINSAME ANFRAGE Stadtrat …"): a line of its own where it was printed.
_CAPITALS = re.compile(r"(?<=\s)(?:[A-ZÄÖÜ]{5,}\s+)?[A-ZÄÖÜ]{6,}\b")
# A consultation table run together under the title: its head ("Gremium Termin TOP ö nö") and
# the end of its row (date, agenda number, the cross in the ö/nö column) each end a line.
_TABLE_HEAD = re.compile(
    r"(?<=\s)Gremi(?:um|en)\s+Termin\s+TOP(?:\s+(?:ö\s+nö|Ö\s*/\s*N))?(?:\s+Ergebnis)?"
    r"(?P<role>\s+Zuständigkeit)?"
)
# The row's end: the cross in the ö/nö column, or Ö/N and, under a "Zuständigkeit" head, one
# word more (the role: "… 18.03.2025 4 Ö Kenntnisnahme").
_ROW_END = re.compile(
    r"(?<=\s)\d{1,2}\.\d{1,2}\.\d{2,4}(?:\s+\d{1,3})?\s+(?:[xX]|[ÖN](?P<role>\s+\S+)?)(?=\s)"
)
# Bullets ("• Wie …? • Wann …?"): two or more in a line are a list.
_BULLET = re.compile(INLINE_BULLET)
# A fax header's transmission number and page ("Nr. 8015 S. 1", header.find_reference skips it as
# a line of its own) run into an empty label ("Vorlage Nr.: Nr. 8015 S. 1 Stadt …").
_FAX_HEAD = re.compile(r"(?<=:\s)Nr\.\s*\d+\s+S\.\s*\d+(?=\s|$)")
_COLON_AFTER = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?:")
# "Ihre" before a heading or cell label: a noun of the letter's sentence ("Ihre Anfrage: „…").
_POSSESSIVE_BEFORE = re.compile(r"(?<!\S)Ihre[rm]?\s+$")
_CAPITAL_AFTER = re.compile(r"\s+[A-ZÄÖÜ][a-zäöüß]")
# A lead-in ending in a colon before a quoted block ("… beantworte ich wie folgt: „Am …").
_QUOTE_AFTER_COLON = re.compile(r":\s+(?=„)")
_NOT_A_CELL = re.compile(r"(?<!\S)(?:Ihre[rm]?|\d{1,2}\.)\s+$")  # "Ihre Anfrage:", "1. Frage:"
_FOLIO = re.compile(r"(\d{1,3}) (?=\S)")
_ASKED = re.compile(r"\?[\"“”]?\s+(?=[A-ZÄÖÜ„\"§])")  # "…? § 45 SGB VIII regelt …"
# The paper number that ends a letter's subject block, on its own line above the salutation.
_NUMBER_BEFORE = re.compile(rf"(?<!\S)(?:Nr\.?\s*)?(?:{PAPER_NUMBER})\s+$")


def relined_pages(pages: Sequence[str]) -> list[str]:
    """Return the pages with line breaks put back into lines that were run together (a list
    goes on over a page break: the label expected next is carried to the next page)."""
    # "☐ Wie …? ☐ …" as "• Wie …? • …"; an e-mail's quoted "> 1. Wie …?" as "1. Wie …?"
    pages = [plain_label_glyphs(unquoted_mail(page)) for page in pages]
    expect = first_labels(pages)
    heads = running_heads(pages)
    return [
        _relined(page, expect, number, head)
        for number, (page, head) in enumerate(zip(pages, heads, strict=True), 1)
    ]


def _relined(page: str, expect: dict[str, int], number: int, head: int | None = None) -> str:
    """Return one page with its over-long lines broken where the structure starts a line.

    A paragraph of printed-width lines that holds a list or a field inside its lines (a
    run-together text printed to a PDF, "Daher frage ich Sie: 1. Wie …? 2. Wann …?" over
    several lines) is joined and broken like one over-long line.
    """
    lines = page.split("\n")
    if len(page) <= LONG_LINE_CHARS and not any(holds_short_list(x, expect) for x in lines):
        for line in lines:
            note_start(line, expect)
        return page
    apart = page_number_apart(lines, number)
    changed = len(apart) > len(lines)
    lines = apart
    joins: bool | None = None  # False: text.clean_lines unflattens the page itself
    out: list[str] = []
    for start, end in page_runs(lines, head):
        if end - start == 1 and (
            len(lines[start]) > LONG_LINE_CHARS
            or _TABLE_HEAD.search(lines[start])
            or headed_questions(lines[start])
            or holds_short_list(lines[start], expect)
        ):  # also a paragraph that holds a consultation table's head ("… Karlsruhe Gremium
            # Termin TOP ö nö Gemeinderat 19.07.2016 36 x": title, head and row run together),
            # the questions under their heading ("Fragen: Zu 1. …? Zu 2. …?") or a short list
            expect.update(_expected_before(lines, end, expect))
            asked_whole = one_question_line(lines, start)
            out += _long_line(lines[start], out, expect, number, asked_whole=asked_whole)
            changed = True
            continue
        if end - start > 1:
            paragraph = joined_lines(lines[start:end])
            here = _expected_before(lines, end, expect)
            structured = inline_structure(paragraph, here) or holds_printed_structure(
                paragraph, here
            )
            if structured and (joins if joins is not None else (joins := joins_paragraphs(lines))):
                # Cut where the structure starts a line ("Einlei-" + "tungsgebühren" is one word).
                expect.update(here)
                out += _long_line(paragraph[0], out, expect, number)
                changed = True
                continue
        out += lines[start:end]
        for line in lines[start:end]:
            if not DATE_AT_START.match(line):  # "1. Juli 2026, …" wrapped to a line's start
                note_start(line, expect)
    return "\n".join(out) if changed else page


def _expected_before(lines: list[str], end: int, expect: dict[str, int]) -> dict[str, int]:
    """Return the labels expected in the run before line `end`: where that line starts with a
    list label ("2. Welche Prüfungen …") and no list of its style is under way, its predecessor
    ("… beplant. 1. Wie bewertet …") too."""
    match = LABEL.match(lines[end].strip()) if end < len(lines) else None
    if not match:
        return expect
    style, value = label_style(match)
    if value < 2 or expect.get(style, value + 1) <= value:
        return expect  # the list before goes on up to it
    return {**expect, style: value - 1}


def _long_line(
    line: str, out: list[str], expect: dict[str, int], number: int, *, asked_whole: bool = False
) -> list[str]:
    """Return the pieces of one over-long line (`out`: the page's lines before it); one question
    of a list printed one per line (`asked_whole`) is not broken after its inner "?"."""
    pieces: list[str] = []
    folio = _FOLIO.match(line)
    if folio and (
        (folio.group(1) == str(number) and len([x for x in out if x.strip()]) < 3)
        or LABEL.match(line, folio.end())
    ):
        # The page number under the running head, glued to the paragraph below it:
        # the page's own number near its top, or any number before a list label ("2 1.").
        pieces.append(folio.group(1))
        line = line[folio.end() :]
    return pieces + _broken(line, expect, asked_whole=asked_whole)


def _opens_field(line: str, match: re.Match[str], *, heading: bool = False) -> bool:
    """Whether a label word opens a field: a colon after it (also after a bracket, "Beratungsfolge
    (Änderungen vorbehalten):"), a sentence end or a number before; a section heading also
    between a cell and a sentence ("… mündliche/schriftliche Beantwortung Sachverhalt Bereits …").
    """
    if heading and _POSSESSIVE_BEFORE.search(line, max(0, match.start() - 8), match.start()):
        return False  # "Ihre Anfrage: „…“ beantworte ich …": the word inside a sentence
    if heading and lead_in_cuts(line, match.start()) is not None:
        return False  # "… um die Beantwortung dieser Fragen: 4. …": a lead-in's last word
    if match.group(0).endswith(":") or _COLON_AFTER.match(line, match.end()):
        return True
    before = line[max(0, match.start() - 20) : match.start()].rstrip()
    if after_sentence(line, match.start()) or before[-1:].isdigit():
        return True
    return (
        heading
        and opens_item(line, match.start())
        and bool(_CAPITAL_AFTER.match(line, match.end()))
    )


def _broken(line: str, expect: dict[str, int], *, asked_whole: bool = False) -> list[str]:
    """Return the pieces of one over-long line, cut where a line must start."""
    cuts: set[int] = set()
    for match in _PAGE_MARK.finditer(line):
        cuts.update((match.start(), match.end()))
    for pattern in (FIELD, _SECTION, _HEADING):
        for match in pattern.finditer(line):
            if _opens_field(line, match, heading=pattern is not FIELD):
                cuts.add(match.start())
                if pattern is _HEADING and (end := question_heading_end(line, match.start())):
                    cuts.add(end)  # "Fragen: Von der B172 …", "Anfrage Gibt es …?"
            elif pattern is _HEADING:
                cuts |= lead_in_cuts(line, match.start()) or set()  # "… meine Fragen: Ist es …?"
    sentence = FIRST_SENTENCE.search(line)
    for match in CELL_LABEL.finditer(line, 0, sentence.start() if sentence else len(line)):
        possessive = _NOT_A_CELL.search(line, max(0, match.start() - 8), match.start())
        if (
            opens_item(line, match.start()) or after_sentence(line, match.start())
        ) and not possessive:
            cuts.add(match.start())  # not "… folgender Frage: Welche …", "Ihre Anfrage: „…"
    for match in _QUOTE_AFTER_COLON.finditer(line):
        cuts.add(match.end())
    for match in _FAX_HEAD.finditer(line):
        cuts.update((match.start(), match.end()))
    for match in _TABLE_HEAD.finditer(line):
        cuts.update((match.start(), match.end()))
        row = _ROW_END.search(line, match.end(), match.end() + 200)
        if row:
            with_role = bool(match.group("role")) or not row.group("role")
            cuts.add(row.end() if with_role else row.start("role"))
    bullets = [match.start() for match in _BULLET.finditer(line)]
    if len(bullets) >= 2:
        cuts.update(bullets)
    for match in _CAPITALS.finditer(line):
        label = DOC_LABEL.match(line[match.start() :])
        if label or DOC_LABEL.match(match.group(0).split()[-1]):
            # The heading ends before a capitalised sender ("MÜNDLICHE ANFRAGE Hartmut Krien",
            # "STELLUNGNAHME zur Anfrage SPD-Ortschaftsratsfraktion"), not inside "… zur Anfrage".
            end = match.start() + label.end("label") if label else match.end()
            cuts.add(match.start())
            if line[end:].lstrip()[:1].isupper():
                cuts.add(end)
    for match in _OWN_NUMBER.finditer(line):
        before = line[max(0, match.start() - 40) : match.start()]
        if CITED.search(before) or not (opens_item(line, match.start()) or before.endswith(":")):
            continue  # "… in der Drucksache 19/10297 genannten …", "… - Drs. 19/10948, an …": cited
        cuts.update((match.start(), match.end()))
        for field in ("page", "type"):
            if match.group(field):
                cuts.add(match.start(field))
    for match in SALUTATION.finditer(line):
        cuts.update((match.start(), match.end()))
        number = _NUMBER_BEFORE.search(line[max(0, match.start() - 40) : match.start()])
        if number:
            cuts.add(match.start() - len(number.group(0)))
    for match in _CLOSING.finditer(line):
        cuts.update((match.start(), match.end()))
    for match in _ADDRESSEE.finditer(line):
        if not line[max(0, match.start() - 20) : match.start()].rstrip().endswith("geehrte"):
            cuts.add(match.start())
    cuts |= roman_cuts(line)  # "I. Allgemeines 1. Wie …": "1." opens the list
    cuts |= list_cuts(line, expect, cuts)
    cuts |= outline_cuts(line, cuts)
    cuts |= run_cuts(line, cuts, expect)
    cuts |= heading_cuts(line, cuts)
    for match in () if asked_whole else _ASKED.finditer(line):
        cuts.add(match.end())
    if not asked_whole:
        cuts |= asking_starts(line)
    pieces: list[str] = []
    last = 0
    for cut in sorted(cuts):
        if cut > last:
            pieces.append(line[last:cut].strip())
            last = cut
    pieces.append(line[last:].strip())
    return [piece for piece in pieces if piece] or [line]
