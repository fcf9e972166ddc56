"""List labels and header fields inside a run-together line, for the relining pre-pass. Pure.

A list label ("1.", "a)", "II.", "Frage 1:", "Zu 1.") starts a line where it continues a sequence
and opens an item (after a sentence end, a "?" or a ":"); "am 2. Mai", "Nr. 4", "§ 2 Abs. 1" stay
whole. Used by fetcher.parse.relines (over-long lines) and fetcher.parse.reline_paragraphs
(paragraphs of printed-width lines).
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Collection, Iterator

from fetcher.parse.answer_headings import RUN_IN_WORDS
from fetcher.parse.continued_lead_ins import continues_lead_in
from fetcher.parse.markers import ROMAN_NUMERALS, list_marker
from fetcher.parse.reline_headings import after_heading
from fetcher.parse.text import ABBREVIATIONS, LABEL_LINE
from fetcher.parse.wording import ASKING_OPENING, question_signal

MAX_LABELS_PER_LINE = 1000  # list labels looked at in one line (a flattened page holds dozens)

# A list label after white space: "1.", "1)", "1.)", "Frage 1:", "Zu 1.", "Antwort zu Frage 1:",
# "Ad 1." (answer headings: fetcher.parse.answer_headings), "a)", "A.", "II.". Its style and value
# come from the named groups.
LABEL = re.compile(
    r"(?<!\S)(?:"
    rf"(?P<zu>{RUN_IN_WORDS})(?P<zn>\d{{1,2}})\s*(?:\.:|[.:)])"
    r"|(?P<frage>Frage\s+)(?P<fn>\d{1,2})\s*[.:)]"
    r"|(?P<num>\d{1,2})(?:\.\)|[.)])"
    r"|(?P<roman>(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3}))\."
    r"|(?P<low>[a-z])\)"
    r"|(?P<lowdot>[a-h])\."  # not "z. B.", "u. a.", "i. d. R."
    r"|(?P<up>[A-Z])\."
    r")(?=\s+[\w„\"“(])"
)
_ROMAN = {numeral: value for value, numeral in enumerate(ROMAN_NUMERALS, 1)}
# What may stand before a list label that opens an item in a run-together head: a capitalised
# word (a title), a number or a cross (a table cell: "… 82,7 3. Welche", "… 26 x 1. Welche"), a
# closing bracket or quote.
# A form's check boxes ("… 26.01.2022 4 ☒ ☐ Anfrage Gibt es …") are such a cell too.
_MAY_OPEN = re.compile(r"(?:(?<!\S)(?:[A-ZÄÖÜ][\w/-]*\w|\d[\d.,]*\s?%?|[xX☐☒☑])|[)\"“”])\s+$")
_SENTENCE_END = re.compile(r"[.?!:;][\"“”'’)]?$|(?<=[a-zäöüß])\.\d{1,2}$")  # "…ordnet.3": note
_NOT_ENDS = frozenset(a.split()[-1] for a in ABBREVIATIONS) | {"Ziff.", "Drs.", "Tel.", "Anl."}
# Header labels the header and form parsers read at a line's start (text.LABEL_LINE), inside a line.
FIELD = re.compile(r"(?<=\s)" + LABEL_LINE.pattern[1:])
# A page number run into the line below it ("4 i) Welche …"), and a bracketed label after it.
_FOLIO = re.compile(r"(\d{1,3}) (?=\S)")
_BRACKETED = re.compile(r"\((?:\d{1,2}|[A-Za-z]|[IVX]{1,4})\)\s|\[(?:\d{1,2}|[A-Za-z])\]\s")
_DASHED = re.compile(r"[-–]\s")  # a dash after a number: the mark of a "1 - …" label
# An unlabelled question's first sentence ("Welche konkreten Auswirkungen …?"), up to its "?".
_ASKED_SENTENCE = re.compile(r"[A-ZÄÖÜ][^.?!]{0,400}\?")
TOP_LINES = 3  # the page number stands among a page's first lines, under its running head
_HEAD_CHARS = (15, 200)  # the length of a running head's line


def opens_asking(line: str, end: int) -> bool:
    """Whether the text after a label opens like a question ("Wie viele …", "Sind diese …")."""
    return question_signal(line[end : end + 60].replace("?", "")) >= ASKING_OPENING


def note_start(line: str, expect: dict[str, int]) -> None:
    """Remember the label a line starts with: the next one of its style may sit inside a line."""
    match = LABEL.match(line.strip())
    if match:
        style, value = label_style(match, (expect.get("up", 0),))
        expect[style] = value + 1


def label_style(match: re.Match[str], letters_next: Collection[int] = ()) -> tuple[str, int]:
    """Return the style of a list label and its value (a = 1, A = 1, I = 1).

    "I.", "V.", "X." are Roman numbers unless they are the letter a list "A. B. …" expects next
    (`letters_next`: the values the open lettered lists expect; "H. … I. …").
    """
    roman = match.group("roman")
    if roman in ("I", "V", "X") and ord(roman) - ord("A") + 1 in letters_next:
        return "up", ord(roman) - ord("A") + 1
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


def after_sentence(line: str, pos: int) -> bool:
    """Whether the text before `pos` ends a sentence (not an abbreviation such as "Nr.")."""
    before = line[max(0, pos - 60) : pos].rstrip()  # a window: lines may be megabytes long
    if not before:
        return pos < 60
    if not _SENTENCE_END.search(before):
        return False
    last = before.split()[-1].lstrip('([„"“')  # "(z. B.", "(Nr. 1)": abbreviations too
    return last not in _NOT_ENDS and not re.fullmatch(r"[A-Za-zÄÖÜäöü]\.|\d{1,2}\.", last)


def after_letter(line: str, pos: int) -> bool:
    """Whether a single letter with a dot ("a.", "d.") stands before `pos`."""
    return bool(re.search(r"(?<!\S)[A-Za-zÄÖÜäöü]\.\s+$", line[max(0, pos - 6) : pos]))


def opens_item(line: str, pos: int) -> bool:
    """Whether a capitalised word, a number or a bracket stands before `pos` (or nothing)."""
    return pos == 0 or bool(_MAY_OPEN.search(line[max(0, pos - 40) : pos]))


# A number's label printed without its space ("3.Bürgermeister Lehmann äußerte …"), or with a
# comma, as OCR reads a dot ("… geschlossen haben. 1, Warum war es …? 2. Wie will …", Dresden).
_GLUED_NUMBER = re.compile(
    r"(?<!\S)(\d{1,2})(?:\.(?=[A-ZÄÖÜ][a-zäöüß]{2})|,(?=\s+[A-ZÄÖÜ][a-zäöüß]))"
)


def _labels_and_glued(line: str) -> Iterator[re.Match[str]]:
    """Yield the list labels of the line and the numbers glued to their word, in order."""
    return heapq.merge(
        LABEL.finditer(line), _GLUED_NUMBER.finditer(line), key=lambda match: match.start()
    )


def list_cuts(line: str, expect: dict[str, int], cuts: set[int]) -> set[int]:
    """Return where the labels of a sequence inside the line start.

    A label opens an item after a sentence end, a "?" or a ":", or where a line starts already
    (`cuts`: after a field, a page number); it may after a capitalised word, a number or a bracket
    (a title, a table cell: "Baumkataster A. Führt …", "… 82,7 3. Welche …"), never after a
    lower-case word or an abbreviation ("am 2. Mai", "Nr. 4", "§ 2"). A sequence of two or more,
    one of them opening, or the label expected next after the previous line's, is a list.
    """
    starts_before = sorted(cuts)
    alone: dict[int, int] = {}  # a label that stands alone on its line: where its item starts
    chains: list[list[tuple[int, str, int, bool]]] = []
    open_chains: dict[tuple[str, int], list[tuple[int, str, int, bool]]] = {}  # by next label
    for count, match in enumerate(_labels_and_glued(line)):
        if count >= MAX_LABELS_PER_LINE:
            break  # no page lists that many: a table of numbers, or garbage
        opens = (
            match.start() in cuts
            or after_sentence(line, match.start())
            or after_heading(line, match.start(), starts_before)  # "Anfrage A. Wieviele …"
            or continues_lead_in(line, match.start(), match.end())  # "Wir bitten, 1. ob …"
        )
        if match.re is _GLUED_NUMBER:
            # "… wann soll das passieren? 3.Bürgermeister Lehmann …" between "2." and "4.)":
            # such a label only starts a sequence or goes on one (also one from the page
            # before), after a sentence end; alone it is none
            value = int(match.group(1))
            if opens and (
                ("num", value) in open_chains or expect.get("num") == value or value == 1
            ):
                chain = open_chains.pop(("num", value), None)
                if chain is None:
                    chain = []
                    chains.append(chain)
                chain.append((match.start(), "num", value, opens))
                open_chains[("num", value + 1)] = chain
                if match.group(0).endswith(","):
                    alone[match.start()] = match.end()  # "1," on a line of its own, as "1."
            continue
        # a lettered run of two or more goes on at "I." ("G. … H. … I. …"; not "Thomas H. Hock")
        letters = [expect.get("up", 0)]
        letters += [v for (s, v), run in open_chains.items() if s == "up" and len(run) >= 2]
        style, value = label_style(match, letters)
        if not opens and not opens_item(line, match.start()):
            # After a letter's dot ("Siehe Antwort zu a. 10. Inwieweit …") only the label
            # that continues a sequence.
            continues = expect.get(style) == value or (style, value) in open_chains
            if not (continues and after_letter(line, match.start())) and not (
                style == "num" and value == 1 and opens_asking(line, match.end())
            ):  # a list's "1." after a title's last word ("… verschwunden 1. An welchen …?")
                continue  # may start a sequence: the next label must open an item
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
            starts.update(alone[start] for start, *_ in chain if start in alone)
            expect[style] = chain[-1][2] + 1
    return starts


def page_number_apart(lines: list[str], number: int) -> list[str]:
    """Return the page's lines with a page number split off the list item's line it ran into.

    Text with one line per paragraph runs the number printed under a running head into the
    paragraph below it ("4 i) Welche …", "2 (1) Welche …", "3 – Wie …", "3 Welche …?" without a
    label), whatever the list's style: the page's own number among its first lines, or any number
    right below a line that repeats in the page (the running head of a later page, where pages
    were joined without a form feed).
    """
    low, high = _HEAD_CHARS
    counts = Counter(text for line in lines if low <= len(text := line.strip()) <= high)
    out: list[str] = []
    seen = 0
    above = ""
    dashed: set[int] = set()  # numbers seen as "N - …" / "N – …" labels on the page
    for line in lines:
        folio = _FOLIO.match(line)
        if folio and _DASHED.match(line[folio.end() :]):
            value = int(folio.group(1))
            own_page = seen < TOP_LINES and folio.group(1) == str(number)
            if value - 1 in dashed and above.endswith((".", "?", "!")) and not own_page:
                # "4 - …" then "5 - …" below a sentence (an answer repeated on the page, never a
                # running head): the list's next label, no page number
                folio = None
            dashed.add(value)
        if folio and ((seen < TOP_LINES and folio.group(1) == str(number)) or counts[above] >= 2):
            rest = line[folio.end() :]
            asked = _ASKED_SENTENCE.match(rest)
            if (
                list_marker(rest)
                or _BRACKETED.match(rest)
                or (asked and question_signal(asked.group(0)[:-1]) >= ASKING_OPENING)
            ):  # an item of any style, or a question without label ("3 Welche …?")
                out += [folio.group(1), rest]
                above, seen = rest, seen + 1
                continue
        if line.strip():
            above, seen = line.strip(), seen + 1
        out.append(line)
    return out
