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
Every other line is left byte for byte as it was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.header import CITED
from fetcher.parse.kind import DOC_LABEL
from fetcher.parse.letter_head import PAPER_NUMBER
from fetcher.parse.markers import ROMAN_NUMERALS
from fetcher.parse.text import ABBREVIATIONS, LABEL_LINE, STOP_SECTION, is_flattened

LONG_LINE_CHARS = 250  # a printed line holds about 100 characters; a paragraph run together more
FILLED_LINE = 0.6  # a line of a paragraph runs on if it fills this share of the page's widest
MAX_LABELS_PER_LINE = 1000  # list labels looked at in one line (a flattened page holds dozens)

# A list label after white space: "1.", "1)", "1.)", "Frage 1:", "Zu 1.", "Antwort zu Frage 1:",
# "a)", "A.", "II.". Its style and value come from the named groups.
_LABEL = re.compile(
    r"(?<!\S)(?:"
    r"(?P<zu>(?:Antwort\s+)?[Zz]u\s+(?:[Ff]rage\s+)?)(?P<zn>\d{1,2})\s*(?:\.:|[.:)])"
    r"|(?P<frage>Frage\s+)(?P<fn>\d{1,2})\s*[.:)]"
    r"|(?P<num>\d{1,2})(?:\.\)|[.)])"
    r"|(?P<roman>I{1,3}|IV|VI{0,3}|IX|X)\."
    r"|(?P<low>[a-h])\)"
    r"|(?P<lowdot>[a-h])\."
    r"|(?P<up>[A-H])\."
    r")(?=\s+[\w„\"“(])"
)
_ROMAN = {numeral: value for value, numeral in enumerate(ROMAN_NUMERALS, 1)}
# What may stand before a list label that opens an item in a run-together head: a capitalised
# word (a title), a number or a cross (a table cell: "… 82,7 3. Welche", "… 26 x 1. Welche"), a
# closing bracket or quote.
_MAY_OPEN = re.compile(r"(?:(?<!\S)(?:[A-ZÄÖÜ][\w/-]*\w|\d[\d.,]*\s?%?|[xX])|[)\"“”])\s+$")
_SENTENCE_END = re.compile(r"[.?!:;][\"“”'’)]?$")
_NOT_ENDS = frozenset(a.split()[-1] for a in ABBREVIATIONS) | {"Ziff.", "Drs.", "Tel.", "Anl."}

# Header labels and section headings the header and form parsers read at a line's start
# (text.LABEL_LINE, text.STOP_SECTION), here in the case they are printed in.
_FIELD = re.compile(r"(?<=\s)" + LABEL_LINE.pattern[1:])
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
_SALUTATION = re.compile(r"(?<!\S)[„\"]?Sehr geehrte[^,;.?!]{0,160},")
_CLOSING = re.compile(
    r"(?<!\S)(?:Mit\s+freundliche[nm]\s+Gr(?:ü|ue)(?:ß|ss)(?:en)?|(?:Freundliche|Beste|Viele)"
    r"\s+Grüße|Hochachtungsvoll)\s*,?"
)
_ADDRESSEE = re.compile(r"(?<=\s)(?:An\s+)?(?:Herrn|Frau)\s+(?:Ober)?[Bb]ürgermeister")
_PAGE_MARK = re.compile(r"(?<=\s)[-–—]\s?\d{1,3}\s?[-–—](?=\s)")
# A type heading set in capitals inside a run-together head ("… Der Oberbürgermeister STELLUNGNAHME
# zur Anfrage …", "… GEMEINSAME ANFRAGE Stadtrat …"): a line of its own where it was printed.
_CAPITALS = re.compile(r"(?<=\s)(?:[A-ZÄÖÜ]{5,}\s+)?[A-ZÄÖÜ]{6,}\b")
# A form's head cell label: one capitalised word and a colon ("Gegenstand:", "Einleitung:",
# "Gremium:"), read as a field only in the head, before the line's first sentence.
_CELL_LABEL = re.compile(r"(?<=\s)[A-ZÄÖÜ][a-zäöüß]{3,}:(?=\s|$)")
_FIRST_SENTENCE = re.compile(r"[a-zäöüß]{2}[.?!]\s")
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
_BULLET = re.compile(r"(?<=\s)[•▪●◦➢►\uf0b7\uf0a7](?=\s)")
# A fax header's transmission number and page ("Nr. 8015 S. 1", header.find_reference skips it as
# a line of its own) run into an empty label ("Vorlage Nr.: Nr. 8015 S. 1 Stadt …").
_FAX_HEAD = re.compile(r"(?<=:\s)Nr\.\s*\d+\s+S\.\s*\d+(?=\s|$)")
_COLON_AFTER = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?:")
_CAPITAL_AFTER = re.compile(r"\s+[A-ZÄÖÜ][a-zäöüß]")
# A lead-in ending in a colon before a quoted block ("… beantworte ich wie folgt: „Am …").
_QUOTE_AFTER_COLON = re.compile(r":\s+(?=„)")
# What a line that starts a new paragraph starts with.
_STARTS_STRUCTURE = re.compile(
    rf"{_LABEL.pattern[7:]}|(?i:{LABEL_LINE.pattern[1:]}|{STOP_SECTION.pattern[1:]})"
    r"|[„\"]?Sehr geehrte|Mit\s+freundliche|[•▪●◦➢►\uf0b7\uf0a7–-]\s"
)
# A list label after a sentence end, "?" or ":" (what the trigger needs, looked for cheaply first).
_AFTER_SENTENCE = re.compile(
    r"[.?!;][\"“”'’)]?\s+(?:(?:Antwort\s+)?[Zz]u\s+(?:[Ff]rage\s+)?|Frage\s+)?(?:\d{1,2}|[a-hA-H]|[IVX]{1,4})[.):]"
)
_FOLIO = re.compile(r"(\d{1,3}) (?=\S)")
_ASKED = re.compile(r"\?[\"“”]?\s+(?=[A-ZÄÖÜ„\"])")
# The paper number that ends a letter's subject block, on its own line above the salutation.
_NUMBER_BEFORE = re.compile(rf"(?<!\S)(?:Nr\.?\s*)?(?:{PAPER_NUMBER})\s+$")


def relined_pages(pages: Sequence[str]) -> list[str]:
    """Return the pages with line breaks put back into lines that were run together.

    A list goes on over a page break: the label expected next is carried to the next page.
    """
    expect: dict[str, int] = {}
    return [_relined(page, expect, number) for number, page in enumerate(pages, 1)]


def _relined(page: str, expect: dict[str, int], number: int) -> str:
    """Return one page with its over-long lines broken where the structure starts a line.

    A paragraph of printed-width lines that holds a list or a field inside its lines (a
    run-together text printed to a PDF, "Daher frage ich Sie: 1. Wie …? 2. Wann …?" over
    several lines) is joined and broken like one over-long line.
    """
    lines = page.split("\n")
    if len(page) <= LONG_LINE_CHARS:
        for line in lines:
            _note_start(line, expect)
        return page
    joins: bool | None = None  # False: text.clean_lines unflattens the page itself
    out: list[str] = []
    changed = False
    for start, end in _paragraphs(lines):
        if end - start == 1 and len(lines[start]) > LONG_LINE_CHARS:
            out += _long_line(lines[start], out, expect, number)
            changed = True
            continue
        if end - start > 1:
            joined = _joined(lines[start:end])
            if _inline_structure(joined, expect) and (
                joins if joins is not None else (joins := not is_flattened(lines))
            ):
                # Cut where the structure starts a line, and after a line that ends in a hyphen
                # (the parser joins "Einlei-" + "tungsgebühren" again as printed).
                text, starts = joined
                hyphens = [start for start in starts if text[start - 2 : start - 1] == "-"]
                out += _long_line(text, out, expect, number, hyphens)
                changed = True
                continue
        out += lines[start:end]
        for line in lines[start:end]:
            _note_start(line, expect)
    return "\n".join(out) if changed else page


def _long_line(
    line: str, out: list[str], expect: dict[str, int], number: int, keep: Sequence[int] = ()
) -> list[str]:
    """Return the pieces of one over-long line (`out`: the page's lines before it; `keep`: where
    it is cut in any case)."""
    pieces: list[str] = []
    folio = _FOLIO.match(line)
    if folio and (
        (folio.group(1) == str(number) and len([x for x in out if x.strip()]) < 3)
        or _LABEL.match(line, folio.end())
    ):
        # The page number under the running head, glued to the paragraph below it:
        # the page's own number near its top, or any number before a list label ("2 1.").
        pieces.append(folio.group(1))
        line = line[folio.end() :]
        keep = [cut - folio.end() for cut in keep if cut > folio.end()]
    return pieces + _broken(line, expect, keep)


def _paragraphs(lines: list[str]) -> list[tuple[int, int]]:
    """Return the page's lines as runs (start, end): a paragraph of non-blank lines each of
    which runs on into the next, or a line of its own (blank, over-long, short, or followed by
    a line that starts with structure: a list label, a header label, a salutation, a closing)."""
    printed = [len(line.rstrip()) for line in lines if len(line) <= LONG_LINE_CHARS]
    filled = FILLED_LINE * max(printed, default=0)
    runs: list[tuple[int, int]] = []
    start = 0
    for index in range(1, len(lines) + 1):
        if index < len(lines) and _runs_on(lines[index - 1], lines[index], filled):
            continue
        runs.append((start, index))
        start = index
    return runs


def _runs_on(line: str, following: str, filled: float) -> bool:
    """Whether `following` continues the paragraph `line` belongs to: `line` is filled to the
    printed width (a short line ends its paragraph, or is a table cell)."""
    if len(line.rstrip()) < filled or len(line) > LONG_LINE_CHARS:
        return False
    if len(following) > LONG_LINE_CHARS:
        return False
    text = following.strip()
    return bool(text) and not _STARTS_STRUCTURE.match(text)


def _joined(lines: list[str]) -> tuple[str, list[int]]:
    """Return a paragraph's lines joined by a space, and where each line starts in the join."""
    starts: list[int] = []
    pieces: list[str] = []
    position = 0
    for line in lines:
        text = line.strip()
        starts.append(position)
        pieces.append(text)
        position += len(text) + 1
    return " ".join(pieces), starts


def _inline_structure(joined: tuple[str, list[int]], expect: dict[str, int]) -> bool:
    """Whether a paragraph over LONG_LINE_CHARS holds a list or a field inside its lines: a list
    label of a sequence (two labels, or the one expected after the previous line's) after a
    sentence end, a "?" or a ":" not at a line's start, or a header label with its colon."""
    text, line_starts = joined
    if len(text) <= LONG_LINE_CHARS or not (":" in text or _AFTER_SENTENCE.search(text)):
        return False
    at_start = set(line_starts)
    starts = _list_cuts(text, dict(expect), set())
    if any(start not in at_start and _after_sentence(text, start) for start in starts):
        return True  # not "… der Laufbahngruppe 1, 2. Einstiegsamt …" (a number before)
    for match in _FIELD.finditer(text):
        line_start = max(start for start in line_starts if start <= match.start())
        head = LABEL_LINE.match(text, line_start)
        if match.group(0).endswith(":") and not (head and head.end() >= match.end()):
            return True  # not the "Begründung:" of a line's "Sachverhalt / Begründung:"
    return False


def _note_start(line: str, expect: dict[str, int]) -> None:
    """Remember the label a line starts with: the next one of its style may sit inside a line."""
    match = _LABEL.match(line.strip())
    if match:
        style, value = _style(match)
        expect[style] = value + 1


def _style(match: re.Match[str]) -> tuple[str, int]:
    """Return the style of a list label and its value (a = 1, A = 1, I = 1)."""
    if match.group("zn"):
        return "zu", int(match.group("zn"))
    if match.group("fn"):
        return "frage", int(match.group("fn"))
    if match.group("num"):
        return "num", int(match.group("num"))
    if match.group("roman"):
        return "roman", _ROMAN[match.group("roman")]
    if match.group("low"):
        return "low", ord(match.group("low")) - ord("a") + 1
    if match.group("lowdot"):
        return "lowdot", ord(match.group("lowdot")) - ord("a") + 1
    return "up", ord(match.group("up")) - ord("A") + 1


def _after_sentence(line: str, pos: int) -> bool:
    """Whether the text before `pos` ends a sentence (not an abbreviation such as "Nr.")."""
    before = line[max(0, pos - 60) : pos].rstrip()  # a window: lines may be megabytes long
    if not before:
        return pos < 60
    if not _SENTENCE_END.search(before):
        return False
    last = before.split()[-1].lstrip('([„"“')  # "(z. B.", "(Nr. 1)": abbreviations too
    return last not in _NOT_ENDS and not re.fullmatch(r"[A-Za-zÄÖÜäöü]\.|\d{1,2}\.", last)


def _after_letter(line: str, pos: int) -> bool:
    """Whether a single letter with a dot ("a.", "d.") stands before `pos`."""
    return bool(re.search(r"(?<!\S)[A-Za-zÄÖÜäöü]\.\s+$", line[max(0, pos - 6) : pos]))


def _opens_field(line: str, match: re.Match[str], *, heading: bool = False) -> bool:
    """Whether a label word opens a field: a colon after it (also after a bracket, "Beratungsfolge
    (Änderungen vorbehalten):"), a sentence end or a number before; a section heading also
    between a cell and a sentence ("… mündliche/schriftliche Beantwortung Sachverhalt Bereits …").
    """
    if match.group(0).endswith(":") or _COLON_AFTER.match(line, match.end()):
        return True
    before = line[max(0, match.start() - 20) : match.start()].rstrip()
    if _after_sentence(line, match.start()) or before[-1:].isdigit():
        return True
    return (
        heading
        and _opens_item(line, match.start())
        and bool(_CAPITAL_AFTER.match(line, match.end()))
    )


def _opens_item(line: str, pos: int) -> bool:
    """Whether a capitalised word, a number or a bracket stands before `pos` (or nothing)."""
    return pos == 0 or bool(_MAY_OPEN.search(line[max(0, pos - 40) : pos]))


def _list_cuts(line: str, expect: dict[str, int], cuts: set[int]) -> set[int]:
    """Return where the labels of a sequence inside the line start.

    A label opens an item after a sentence end, a "?" or a ":", or where a line starts already
    (`cuts`: after a field, a page number); it may after a capitalised word, a number or a bracket
    (a title, a table cell: "Baumkataster A. Führt …", "… 82,7 3. Welche …"), never after a
    lower-case word or an abbreviation ("am 2. Mai", "Nr. 4", "§ 2"). A sequence of two or more,
    one of them opening, or the label expected next after the previous line's, is a list.
    """
    chains: list[list[tuple[int, str, int, bool]]] = []
    open_chains: dict[tuple[str, int], list[tuple[int, str, int, bool]]] = {}  # by next label
    for count, match in enumerate(_LABEL.finditer(line)):
        if count >= MAX_LABELS_PER_LINE:
            break  # no page lists that many: a table of numbers, or garbage
        opens = match.start() in cuts or _after_sentence(line, match.start())
        style, value = _style(match)
        if not opens and not _opens_item(line, match.start()):
            # After a letter's dot ("Siehe Antwort zu a. 10. Inwieweit …") only the label
            # that continues a sequence.
            continues = expect.get(style) == value or (style, value) in open_chains
            if not (continues and _after_letter(line, match.start())):
                continue
        label = (match.start(), style, value, opens)
        chain = open_chains.pop((style, value), None)
        if chain is None:
            chain = []
            chains.append(chain)
        chain.append(label)
        open_chains[(style, value + 1)] = chain
    starts: set[int] = set()
    for chain in chains:
        _, style, first, _ = chain[0]
        listed = len(chain) >= 2 and any(opens for *_, opens in chain)
        if listed or expect.get(style) == first:
            starts.update(start for start, *_ in chain)
            expect[style] = chain[-1][2] + 1
    return starts


def _broken(line: str, expect: dict[str, int], keep: Sequence[int] = ()) -> list[str]:
    """Return the pieces of one over-long line, cut where a line must start (and at `keep`)."""
    cuts: set[int] = set()
    for match in _PAGE_MARK.finditer(line):
        cuts.update((match.start(), match.end()))
    for pattern in (_FIELD, _SECTION, _HEADING):
        for match in pattern.finditer(line):
            if _opens_field(line, match, heading=pattern is not _FIELD):
                cuts.add(match.start())
    sentence = _FIRST_SENTENCE.search(line)
    for match in _CELL_LABEL.finditer(line, 0, sentence.start() if sentence else len(line)):
        if _opens_item(line, match.start()) or _after_sentence(line, match.start()):
            cuts.add(match.start())  # not "… folgender Frage: Welche …"
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
        if CITED.search(before) or not (_opens_item(line, match.start()) or before.endswith(":")):
            continue  # "… in der Drucksache 19/10297 genannten …", "… - Drs. 19/10948, an …": cited
        cuts.update((match.start(), match.end()))
        for field in ("page", "type"):
            if match.group(field):
                cuts.add(match.start(field))
    for match in _SALUTATION.finditer(line):
        cuts.update((match.start(), match.end()))
        number = _NUMBER_BEFORE.search(line[max(0, match.start() - 40) : match.start()])
        if number:
            cuts.add(match.start() - len(number.group(0)))
    for match in _CLOSING.finditer(line):
        cuts.update((match.start(), match.end()))
    for match in _ADDRESSEE.finditer(line):
        if not line[max(0, match.start() - 20) : match.start()].rstrip().endswith("geehrte"):
            cuts.add(match.start())
    cuts |= _list_cuts(line, expect, cuts)
    for match in _ASKED.finditer(line):
        cuts.add(match.end())
    cuts.update(keep)
    pieces: list[str] = []
    last = 0
    for cut in sorted(cuts):
        if cut > last:
            pieces.append(line[last:cut].strip())
            last = cut
    pieces.append(line[last:].strip())
    return [piece for piece in pieces if piece] or [line]
