"""Text cleaning: page furniture, flattened text, line joining, sentences. Pure."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

from fetcher.parse.label_glyphs import plain_label_glyphs
from fetcher.parse.page_edges import (
    FIRST_PAGE_TOP,
    body_repeats,
    drop_inner_page_breaks,
    edge_blocks,
    edge_key,
    footnotes_from,
    repeated_opening,
    repeats_first_page,
    reprinted_head_foot,
    unglue_feet,
)
from fetcher.parse.page_heads import strip_run_on_edges
from fetcher.parse.pattern_gates import gated

HEADER_LINES = 45  # labels of the header block are looked for in the first lines only


_WORD_SYMBOLS = {
    "\uf020": " ",
    "\uf0b7": "•",  # Symbol: bullet, Word's first list level
    "\uf0a7": "▪",  # Wingdings: small square, its third level
    "\uf09f": "•",  # Wingdings: small bullet
    "\uf06e": "■",
    "\uf076": "❖",
    "\uf0d8": "➢",
    "\uf0e0": "→",
    "\uf0e8": "➔",
    "\uf0fc": "✓",
}


_CHAR_FIXES = str.maketrans(
    {
        "\u00a0": " ",
        "\u00ad": "",
        "\t": " ",
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\u200b": "",
        "\u200d": "",
        "\ufeff": "",
        "\u2011": "-",
        "\f": "\n",
        # Word's Symbol and Wingdings glyphs come out of pdfium as private-use code points U+F020 …
        # U+F0FF, shown as empty boxes: the usual bullets (one character per list level) and
        # arrows become the character they show, any other such glyph goes.
        **{chr(code): "" for code in range(0xF021, 0xF100)},
        **_WORD_SYMBOLS,
    }
)


_FURNITURE = re.compile(
    r"^(?:seite\s+\d+(?:\s*(?:von|/|aus)\s*\d+)?"
    r"|\d+\s+von\s+\d+(?:\s+in\s+zusammenstellung)?"
    r"|[-–—]\s*\d+\s*[-–—]"
    r"|--\s*\d+\s+of\s+\d+\s*--"
    r"|gedruckt\s+auf\s+100(?:\s+prozent)?(?:\s+recyclingpapier)?"
    r"|(?:prozent\s+)?recyclingpapier"
    # A Landtag's first-page foot (Baden-Württemberg): where its papers are, what it prints on.
    r"|drucksachen\s+und\s+plenarprotokolle\s+sind\s+im\s+internet(?:\s+abrufbar\s+unter:?.*)?"
    r"|abrufbar\s+unter:?\s+www\.\S+"
    r"|der\s+landtag\s+druckt\s+auf\s+recyclingpapier\b.*"
    r"|frei\s+verwendbar"
    r"|ergänzende\s+erläuterungen\s+seite\s+\d+"  # Karlsruhe Stellungnahme page head
    r"|[_=]{5,})$",  # a rule under the running head (Karlsruhe 2015: "Seite 2" over "_____")
    re.I,
)


def is_furniture(line: str) -> bool:
    """Return True if a line is page furniture alone: a page number, "Seite 2 von 4", a rule."""
    return bool(_FURNITURE.match(_fold(line)))


# "Seite 1/2", "3 von 7 in Zusammenstellung" inside a line; a number's match starts where its
# digits do (the same matches; from inside a long run of digits it is not tried again).
_INLINE_FURNITURE = re.compile(
    r"seite\s+\d+\s*/\s*\d+|(?<!\d)\d+\s+von\s+\d+\s+in\s+zusammenstellung", re.I
)
_INLINE_FURNITURE = gated(_INLINE_FURNITURE)  # the same matches, tried only where one can start


# A printed line holds at most about a hundred characters: a longer run of blanks inside one is
# no layout. Readers that look for words around spaces ("\s+(?=Sehr geehrte)", "\s*,?\s*vom …")
# try such a run again from each of its blanks; cut to this length, a run costs them a bounded
# time (40,000 tabs between two words of a line: minutes).
MAX_BLANK_RUN = 200
_LONG_BLANK_RUN = re.compile(rf"(?<![^\S\n])([^\S\n]{{{MAX_BLANK_RUN}}})[^\S\n]+")  # run starts


def bounded_blanks(page: str) -> str:
    """Return a page's text with each run of blanks (no line break) cut to MAX_BLANK_RUN. Pure."""
    return _LONG_BLANK_RUN.sub(r"\1", page)


def without_inline_furniture(line: str) -> str:
    """Return `line` with each "Seite 1/2" inside it and the spaces around it made one space.

    The same as replacing the pattern with any spaces around it by a regex, but the spaces
    before a match are found by walking back from it: such a regex, tried again from every
    space of a long run of them, took a minute for a line of 40,000 tabs.
    """
    out: list[str] = []
    pos = 0
    while match := _INLINE_FURNITURE.search(line, pos):
        start = match.start()
        while start > pos and line[start - 1].isspace():
            start -= 1
        end = match.end()
        while end < len(line) and line[end].isspace():
            end += 1
        out += [line[pos:start], " "]
        pos = end
    out.append(line[pos:])
    return "".join(out)


_ITEMS = ("#.)", "#)")  # edge keys of list labels alone on their line ("14.)")
_PAGE_COUNTER = re.compile(r"^(\d{1,3})\s*/\s*(\d{1,3})$")


# Labels that open a field or a section (start of a line). Used to split flattened text too.
_LABELS = (
    r"Status:|Eingereicht von:?|Einreicher(?:in)?:|Betreff:?|Beratungsfolge"
    r"|Sachverhalt\s*/\s*Begründung"
    r"|Sachverhalt:?|Begründung(?: des Antrag(?:e)?s)?:?|Beschlussvorschlag:?|Anlage/n|Anlagen:?"
    r"|Stammbaum:|Unterzeichnet(?: von)?:?|Ergänzende Erläuterungen:?|Thema:|Vorlage Nr\.?:?"
    r"|Eingang:|Verantwortlich:|Dienststelle:|Datum\b|Finanzielle Auswirkungen"
)


LABEL_LINE = re.compile(rf"^(?:{_LABELS})", re.I)


STOP_SECTION = re.compile(
    r"^(?:Sachverhalt|Begründung|Beschlussvorschlag|Anlage/n|Anlagen\b|Unterzeichnet"
    r"|Ergänzende Erläuterungen|Mit freundlichen Grüßen|gez\.|Finanzielle Auswirkungen"
    r"|Erläuterung(?:en)?:)",
    re.I,
)


DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d])")
MONTH = r"(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)"
# A date with its month's name ("25. Januar 2021").
LONG_DATE = rf"\d{{1,2}}\.\s*{MONTH}\s+\d{{4}}"


ABBREVIATIONS = (
    "z.B.",
    "u.a.",
    "d.h.",
    "o.g.",
    "bzw.",
    "ggf.",
    "ca.",
    "Nr.",
    "Dr.",
    "Prof.",
    "Abs.",
    "Art.",
    "vgl.",
    "S.",
    "u.",
    "i.V.m.",
    "inkl.",
    "evtl.",
    "sog.",
    "Str.",
    "St.",
    "z. B.",
    "u. a.",
    "d. h.",
    "etc.",
    "bspw.",
    "Hr.",
    "Fr.",
    "gem.",
    "lt.",
    "v.",
    "Mio.",
    "Mrd.",
    "max.",
    "min.",
    "zzgl.",
)


# Any character _CHAR_FIXES changes: text without one is left as it is, without the translation's
# lookup of every character.
_FIXABLE = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_CHAR_FIXES)) + "]")
_BLANKS = re.compile(r"[ \t]+")


def fixed_chars(text: str) -> str:
    """Return `text` translated by _CHAR_FIXES (itself when no character needs it). Pure."""
    return text.translate(_CHAR_FIXES) if _FIXABLE.search(text) else text


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", fixed_chars(text))
    # every tab is a blank after fixed_chars: only two blanks in a row are folded
    return (_BLANKS.sub(" ", text) if "  " in text else text).strip()


def _unflatten(page: str) -> str:
    """Re-insert line breaks before labels and question numbers in text flattened to one line."""
    text = re.sub(rf"\s+(?=(?:{_LABELS}))", "\n", page)
    text = re.sub(r"\s+(?=(?:Wir|Ich)\s+frag)", "\n", text)
    expected = 1
    out: list[str] = []
    pos = 0
    for match in re.finditer(r"(?:(?<=[?.!:])|(?<=^))\s*(\d{1,2})\.\s+(?=[A-ZÄÖÜ])", text):
        if int(match.group(1)) == expected:
            out.append(text[pos : match.start()])
            out.append("\n" + match.group(1) + ". ")
            pos = match.end()
            expected += 1
    out.append(text[pos:])
    return "".join(out)


_INLINE_LABEL = re.compile(r"\s(?:Status:|Eingereicht von|Betreff\b|Beratungsfolge|Sachverhalt:)")


def is_flattened(lines: Sequence[str]) -> bool:
    """Return True if labels sit inside lines instead of starting them (text lost its layout)."""
    starts = sum(1 for line in lines if LABEL_LINE.match(line.strip()))
    inline = sum(len(_INLINE_LABEL.findall(line)) for line in lines)
    return inline >= 2 and starts <= 1


_LETTER_PART = re.compile(
    r"\s+(?=(?:Sehr geehrte|Liebe[rs]?\s|Mit freundliche[nm] Gr|"
    r"(?:Freundliche|Beste|Viele|Herzliche) Grüße|Betreff:|Begründung:|Anlagen?:))"
    r"|(?<!geehrte)(?<!geehrter)\s+(?=(?:An\s+)?(?:Herrn|Frau)\s+(?:Ober)?[Bb]ürgermeister)"
)
# Lettered items in a flattened letter ("… eingeplant. a) Welche …? b) Wann …?", "A. Laut …").
_LETTERED = re.compile(r"(?<=[?.!:])\s+(?P<m>[a-h]\)|[A-H]\.)\s+(?=[A-ZÄÖÜ])")
_LETTER_CUT = re.compile(
    r"^((?:Sehr geehrte|Liebe)[^\n]{0,160}?,|(?:Mit freundliche[nm]|Freundliche|Beste|Viele|"
    r"Herzliche)\s+Gr(?:ü|ue)(?:ß|ss)e[n]?\s*,?)\s*(?=\S)",
    re.M,
)


def _is_flattened_letter(lines: Sequence[str]) -> bool:
    """Return True if a letter lost its line breaks (salutation or closing inside a long line)."""
    return any(
        len(line) > 300
        and re.search(
            r"\S\s+(?:Sehr geehrte|Mit freundlichen Grüßen|(?:An\s+)?(?:Herrn|Frau)\s+(?:Ober)?"
            r"[Bb]ürgermeister)",
            line,
        )
        for line in lines
    )


def _unflatten_letter(page: str) -> str:
    """Re-insert the breaks a letter lost: salutation, closing, labels, numbered questions."""
    text = _LETTER_PART.sub("\n", page)
    text = _LETTER_CUT.sub(lambda m: m.group(1) + "\n", text)
    text = "\n".join(_unflatten(part) for part in text.split("\n"))
    out: list[str] = []
    pos = 0
    expected = {"a": "a", "A": "A"}
    for match in _LETTERED.finditer(text):
        mark = match.group("m")[0]
        kind = "a" if mark.islower() else "A"
        if mark == expected[kind]:  # only a run a), b), c) … or A., B., C. in order
            out += [text[pos : match.start()], "\n" + match.group("m") + " "]
            pos = match.end()
            expected[kind] = chr(ord(mark) + 1)
    out.append(text[pos:])
    return "".join(out)


def _wrapped_furniture(above: str, line: str) -> bool:
    """Return True if a furniture line and the line above it are one running head, wrapped."""
    return bool(above) and bool(_FURNITURE.match(f"{above} {line}"))


def _bare(line: str) -> str:
    """Return the line, or "" when it is page furniture or a bare page number."""
    return "" if _FURNITURE.match(line) or re.fullmatch(r"\d{1,3}", line) else line


def clean_lines(pages: Sequence[str]) -> list[str]:
    """Return the document's lines without page furniture (page numbers, running heads, footers)."""
    page_lines: list[list[str]] = []
    for page in pages:
        raw = plain_label_glyphs(fixed_chars(page))
        lines = raw.split("\n")
        if is_flattened(lines):
            # its printed lines joined as prose ("1. Beab-" + "sichtigt die Stadt …" one word)
            lines = _unflatten(join_lines(lines)).split("\n")
        elif _is_flattened_letter(lines):
            lines = _unflatten_letter(join_lines(lines)).split("\n")
        page_lines.append([_fold(without_inline_furniture(line)) for line in lines])

    unglue_feet(page_lines)
    strip_run_on_edges(page_lines)

    def edge_keys(lines: list[str]) -> set[str]:
        filled = [line for line in lines if line]
        return {edge_key(line) for line in filled[:3] + filled[-3:]}

    counts = Counter(key for lines in page_lines for key in edge_keys(lines))
    repeated = {key for key, count in counts.items() if count >= 2}
    # Head and footer blocks over three lines (a letter's sender rows), first as candidates: their
    # lines are no body for the text test; then without the keys that test finds to be text.
    blocks = edge_blocks(page_lines, set()) if len(page_lines) > 1 else []
    text_keys, inline_heads = (
        body_repeats(page_lines, repeated, blocks) if repeated else (set(), [])
    )
    if blocks and text_keys:
        blocks = edge_blocks(page_lines, text_keys)
    first_page = [x for x in page_lines[0] if x] if page_lines else []
    first_top = {x for x in first_page[:15] if len(x) >= 3}
    opening = " ".join(first_page[:15])
    bare_pages = [[_bare(line) for line in lines] for lines in page_lines]
    bare_top = [x for x in bare_pages[0] if x][:FIRST_PAGE_TOP] if page_lines else []
    result: list[str] = []
    for index, lines in enumerate(page_lines):
        filled = [i for i, line in enumerate(lines) if line]
        edges = set(filled[:3] + filled[-3:])
        before = page_lines[index - 1] if index else []
        notes = footnotes_from(lines, filled, before)
        after_head = False
        inline = inline_heads[index] if inline_heads else ()
        block = blocks[index] if blocks else ()
        # a footer that reprints the letterhead, on a page whose foot no other page repeats
        reprint = reprinted_head_foot(bare_pages[index], bare_top, first=index == 0)
        for i, line in enumerate(lines):
            if index > 0 and filled and i == filled[0] and not repeats_first_page(line, first_top):
                head = repeated_opening(line, opening)
                line = line[head:].strip()  # a running head made of the first line, cut short
                if not line:
                    continue
            furniture = _FURNITURE.match(line)
            if (
                furniture
                and i
                and result
                and result[-1] == lines[i - 1]
                and _wrapped_furniture(lines[i - 1], line)
            ):
                result.pop()  # "Ergänzende Erläuterungen" / "Seite 2": one page head, wrapped
            if furniture or i >= notes or i in inline or i in block or i in reprint:
                continue
            if after_head and re.fullmatch(r"\d{1,3}", line):
                after_head = False
                continue  # the page number printed under a running head just left out
            after_head = after_head and not line
            counter = _PAGE_COUNTER.match(line)
            if counter and int(counter.group(1)) <= int(counter.group(2)):
                continue  # ALLRIS "1/2" page counter
            if filled and i == filled[-1] and re.fullmatch(r"\d{1,3}", line):
                continue  # page number at the foot
            if i in filled[:3] and line == str(index + 1):
                continue  # page number under the running head (Niedersachsen Landtag)
            key = edge_key(line)
            # A bare number repeats any other ("1" under each head) in the first or last two
            # lines, but "2026" is no page number; a line that also stands mid-page is text that
            # opens two pages by chance; "13.)" ending page 1 and "14.)" opening page 2 are list
            # labels.
            is_repeat = key in repeated and key not in text_keys and key not in _ITEMS
            if key == "#":
                is_repeat = is_repeat and len(line) <= 3 and i in filled[:2] + filled[-2:]
            at_edge = i in edges if index > 0 else i in filled[-3:] and i not in filled[:3]
            if at_edge and is_repeat and len(page_lines) > 1:
                after_head = i in filled[:3]
                continue  # running head/foot repeated from another page
            if index > 0 and i in filled[:2] and repeats_first_page(line, first_top):
                after_head = True
                continue  # a head printed on page 2 only: the first page's own lines
            result.append(line)
    while result and result[-1] in ("", "Vorlage"):
        result.pop()  # "1 von 1 in Zusammenstellung / Vorlage": ALLRIS print-view trailer
    return _join_open_parentheses(drop_inner_page_breaks(result))


# A line that opens like a list item or an answer heading, but closes a parenthesis first.
_ITEM_LIKE = re.compile(
    r"^(?:\d{1,2}[.)](?![\d.])|[a-zA-Z][.)]\s|Antwort\b|Zu\s+\d|Frage\s+\d|[-–•]\s)"
)


# A line ending in an article or preposition goes on; an answer heading or a date after it is
# the rest of its sentence ("Im Übrigen wird auf die" / "Antwort zu Frage 11 verwiesen.").
_CONTINUES = re.compile(
    r"(?:^|\s)(?:die|der|den|des|dem|das|zur|zum|vom|im|am|auf|mit|seit|bis|gemäß|laut)$", re.I
)
_HEADING_LIKE = re.compile(
    rf"^(?:Antwort\s+zu\b|Zu\s+(?:Frage\s+)?\d|Frage\s+\d|\d{{1,2}}\.\s*{MONTH}\b)"
)
# A date whose day opens a printed line ("1. Juli 2026, Berichte …"): no list label.
DATE_AT_START = re.compile(rf"^\s*\d{{1,2}}\.\s*{MONTH}\b")


_BRACKET_LINE = re.compile(r"\([^()]{1,40}\)")
_JOIN_CANDIDATE = re.compile(rf"{_ITEM_LIKE.pattern}|{_HEADING_LIKE.pattern}|\(")


def _join_open_parentheses(lines: list[str]) -> list[str]:
    """Join a wrapped line that only looks like an item or a heading to the line it continues.

    Lines wrapped at the page width start wherever the text was: "(Stand" / "5. September
    2025) und …", "(vgl. DS 71/2010 2." / "Erg. Anlage 5)?", "(I bis III gemäß" / "Antwort zu
    Frage 5)". The open parenthesis above and the ")" before any "(" say it is no new item; so
    does an article or preposition at the end of the line above a date or "Antwort zu Frage".
    A line that is only a bracket ("Anfrage der Abgeordneten A und B" / "(AfD)") ends the one
    above it.
    """
    out: list[str] = []
    for line in lines:
        last = out[-1] if out else ""
        if not last or not _JOIN_CANDIDATE.match(line):
            out.append(line)  # the common case, one anchored match per line
        elif (
            (
                last.count("(") > last.count(")")
                and _ITEM_LIKE.match(line)
                and ")" in line.split("(", 1)[0]
            )
            or (_CONTINUES.search(last[-8:]) and _HEADING_LIKE.match(line))
            or (_BRACKET_LINE.fullmatch(line) and last[-1] not in ".:?!)")
        ):
            out[-1] = f"{last} {line}"
        else:
            out.append(line)
    return out


# A URL cut at the line's end without a hyphen (a hyphen there may be the word's own or the
# typesetter's: the hyphen rule below decides as for any word).
_URL_AT_END = re.compile(r"(?:https?://|www\.)[^\s]*[^\s.,;:)\]-]$")
# The rest of a URL a line broke: it opens with "." or "/", or holds "/", "-" or "_" without
# opening like a word or a new URL ("ngen-ruecken-naeher-I7AH2L4S.html", ".html).", "-von-…").
_URL_REST = re.compile(r"(?!https?:|www\.)(?:[./_-][^\s]+|[a-zäöüß0-9][^\s]*[/_-][^\s]+)")


def _url_goes_on(last: str, line: str) -> bool:
    """Return True if `line` opens with the rest of the URL that ends `last` (wrapped inside)."""
    return bool(_URL_AT_END.search(last)) and bool(_URL_REST.match(line.split(" ", 1)[0]))


def line_joint(last: str, line: str) -> tuple[int, str]:
    """Return how `line` goes on from the line `last` above it: how many characters to drop
    from `last`'s end (the hyphen of a word hyphenated there) and what to put between."""
    if ("://" in last or "www." in last) and _url_goes_on(last, line):
        return 0, ""  # ".../05-13-ard-und-zdf-auf-der-re-publica-2026-100" + ".html)"
    if re.search(r"[a-zäöüß]-$", last[-2:]) and re.match(r"[a-zäöüß]", line):
        if re.match(r"(?:und|oder|bzw\.|sowie|als|bis)\b", line):
            return 0, " "  # "Wiesental- und Palmbacher Straße"
        return 1, ""  # "Veranstaltun-" + "gen"
    if last.endswith("-") and not last.endswith((" -", ",-")) and re.match(r"[A-ZÄÖÜ0-9]", line):
        return 0, ""  # "Corona-" + "Prämie"; "Wilhelmshaven -", "67.925,-" + "EUR" stay
    return 0, " "


def join_lines(lines: Iterable[str]) -> str:
    """Join wrapped lines into one string, repairing hyphenation at line ends."""
    parts: list[str] = []  # pieces joined at the end: appending to one string is quadratic
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        last = parts[-1] if parts else ""
        if not last:
            parts.append(line)
            continue
        drop, between = line_joint(last, line)
        if drop:
            parts[-1] = last[:-drop]
        parts.append(between + line)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


# One pass over the text; alternatives in list order, so "u.a." wins over "u." at one place.
_ABBREVIATION = re.compile(
    r"(?<![\wäöüÄÖÜ])(?:" + "|".join(re.escape(a) for a in ABBREVIATIONS) + ")"
)


def sentences(text: str) -> list[str]:
    """Split German prose into sentences, keeping abbreviations, dates and ordinals intact."""
    protected = _ABBREVIATION.sub(lambda m: f"\x00{ABBREVIATIONS.index(m.group(0))}\x00", text)
    parts = re.split(r"(?<=[.!?])(?<!\d\.)\s+(?=[A-ZÄÖÜ„\"(])", protected)

    def restore(part: str) -> str:
        return re.sub(r"\x00(\d+)\x00", lambda m: ABBREVIATIONS[int(m.group(1))], part)

    return [restore(p).strip() for p in parts if p.strip()]


def wraps(line: str) -> bool:
    """Return True if a title line evidently continues on the next line."""
    if line.count("(") > line.count(")") or line.count("„") > line.count("“"):
        return True  # "… (Regenrückhaltebecken" / "„Am Born“)": wrapped inside brackets or quotes
    return bool(
        re.search(
            r"(?:\b(?:die|der|den|des|dem|und|oder|für|von|vom|zur|zum|im|in|auf|mit|an|am|"
            r"bei|über|zu|eines?|einer)|[-,–])$",
            line,
            re.I,
        )
    )
