"""Page heads and feet that name their page, and furniture run into a page's text. Pure.

A running head or foot printed once ("Drucksache 2023/0123 – Seite 2" on a two-page paper) is not
found by counting lines over page edges (fetcher.parse.page_edges); the page's own number says what
it is. Text whose lines were run together (a page in one line) keeps its head and a letter's foot
inside its first and last lines. Called by fetcher.parse.text.clean_lines before the edge counts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import combinations

from fetcher.parse.page_edges import DIGITS


def names_page(line: str, number: int) -> bool:
    """Return True if a line at a page's edge ends in that page's own number ("Seite 2").

    A running head or foot that names the document and the page ("Drucksache 2023/0123 – Seite
    2", "Anfrage der SPD-Fraktion, Seite 2 von 3") is printed once on a two-page paper, so the
    count over page edges cannot find it; the page's own number at its end, after a separator,
    says what it is. A sentence that cites a page ("siehe Seite 2") has no separator before it;
    "Seite 2 von 3" alone is fetcher.parse.text's furniture already.
    """
    match = _PAGE_AT_END.search(line)
    return match is not None and match.start() > 0 and int(match.group(1)) == number


_PAGE_AT_END = re.compile(
    r"(?:^|\s[-–—|·,/]\s*|,\s*|\s{2,})Seite\s+(\d{1,3})(?:\s*(?:von|/)\s*\d{1,3})?\s*$", re.I
)


MAX_HEAD_CHARS = 80  # a running head or foot names the paper in a few words
_LIST_LABEL = re.compile(r"^(?:\(?\d{1,2}(?:\.\)|[.):])|\(?[a-zA-Z][.)]|[-–•])\s")


def _text_before_page_name(line: str) -> str:
    """Return the text a page's foot was run into ("5.) Gab es … e.V., Seite 1 von 2" → "5.) Gab
    es … e.V.,"), or "" when the line is the head or foot alone: a few words, no list item, no
    question."""
    match = _PAGE_AT_END.search(line)
    assert match is not None
    before = line[: match.start()].rstrip()
    if len(before) <= MAX_HEAD_CHARS and "?" not in before and not _LIST_LABEL.match(before):
        return ""
    return before + ("," if match.group(0).lstrip().startswith(",") else "")


# A page's head run into its first line: "- 2 - 2. Gibt es …", "Seite 2 von 3 …", "Drucksache
# 2023/0123 – Seite 2 …" (group 1: the page's number).
_HEAD_RUN_ON = re.compile(
    r"^(?:[-–—]\s*(\d{1,3})\s*[-–—]|(?:[^.?!]{3,80}?\s[-–—|]\s+)?(?>Seite\s+(\d{1,3})"
    r"(?:\s*(?:von|/)\s*\d{1,3})?))\s+(?=\S)",
    re.I,
)
# The words of a running head after its page counter, run into the page's first item ("Seite 2
# von 3 Anfrage der SPD-Fraktion 2. Bis wann …") or alone on the line above it: a few
# capitalised words, no sentence mark (but the dot of a name in capitals, "DIE LINKE."), then a
# list label.
_HEAD_WORD = re.compile(r"(?:[^\s.?!:;,]|(?<=[A-ZÄÖÜ]{2})\.)+")
MAX_HEAD_WORDS = 7
_ITEM_LABEL = re.compile(r"\(?\d{1,2}(?:\.\)|[.)])\s+[A-ZÄÖÜ]")


def _ends_sentence(lines: Sequence[str]) -> bool:
    """Return True if a page's text ends a sentence (nothing runs on over the page break)."""
    last = next((line for line in reversed(lines) if line), "")
    return last.rstrip(')"“”»« ').endswith(("?", ".", "!"))


def _without_head_words(lines: list[str], row: int) -> None:
    """Cut the head's words left after its page counter from a page's first line `row`.

    The counter "Seite 2 von 3" names its page; the words after it up to the first list label,
    in its line or opening the next, where the page before ended a sentence, are the rest of
    the head (the paper's name, its sender), never the list's text: an item that runs on over
    the page opens lower case or with no label to follow. Changes in place.
    """
    words = lines[row].split(" ")
    following = next((x for x in lines[row + 1 :] if x), "")
    if not words[0][:1].isupper():
        return
    for count in range(1, min(len(words), MAX_HEAD_WORDS) + 1):
        if not _HEAD_WORD.fullmatch(words[count - 1]):
            return
        rest = " ".join(words[count:])
        if len(lines[row]) - len(rest) > MAX_HEAD_CHARS:
            return
        if _ITEM_LABEL.match(rest) or (not rest and _ITEM_LABEL.match(following)):
            lines[row] = rest
            return


MIN_FOOT_CHARS = 60  # a footer run into the text: a letter's address, phone and bank rows
MIN_FOOT_DIGITS = 5  # postcode, phone, account: a sentence that ends two pages has few


def _shared_end(line: str, other: str) -> str:
    """Return the words `line` and `other` end with alike (whole words, maybe all of one)."""
    k = 0
    while k < min(len(line), len(other)) and line[-1 - k] == other[-1 - k]:
        k += 1
    shared = line[len(line) - k :]
    if k < len(line) and not line[len(line) - k - 1].isspace():
        shared = shared.split(" ", 1)[1] if " " in shared else ""
    return shared.strip()


def strip_run_on_edges(page_lines: list[list[str]]) -> None:
    """Cut a page's head or foot naming its page, also out of a line the page's text was run
    into. Changes in place.

    Text whose lines were run together (a page in one line) keeps its furniture inside the
    line: the page's head opens its first line ("- 2 - 2. Gibt es …"), a letter's foot ends the
    last line of each page ("… Gerit Thomas Fraktion im Rathaus · Marktplatz 1 · … IBAN …"). A
    head is cut when it names the page's own number; a foot when the last lines of two pages
    end in the same words, long and with the digits of an address, phone or account.
    """
    if len(page_lines) < 2:
        return
    for index, lines in enumerate(page_lines):
        filled = [i for i, line in enumerate(lines) if line]
        edges = sorted({*(filled[:3] if index else []), *filled[-3:]}, reverse=True)
        for row in edges:  # the first page's head is its own (the reference may stand in it)
            if not names_page(lines[row], index + 1):
                continue
            text = _text_before_page_name(lines[row])
            if text:
                lines[row] = text  # "5.) Gab es … e.V., Seite 1 von 2": run into the text
            else:
                del lines[row]  # "Drucksache 2023/0123 – Seite 2": a head or foot naming its page
    for index, lines in enumerate(page_lines[1:], 1):
        top = [i for i, line in enumerate(lines) if line][:2]
        if not top:
            continue
        if len(top) == 2 and names_page(f"{lines[top[0]]} {lines[top[1]]}", index + 1):
            lines[top[0]] = lines[top[1]] = ""  # "Drucksache 2023/0123" / "– Seite 2": cut at
            continue  # its dash by the relining pass
        first = lines[top[0]]
        match = _HEAD_RUN_ON.match(first)
        if match and int(match.group(1) or match.group(2)) == index + 1:
            lines[top[0]] = first[match.end() :]
            if _ends_sentence(page_lines[index - 1]):
                _without_head_words(lines, top[0])
        elif len(top) == 2:  # "… Drucksache 2023/0123" / "– Seite 2 2. Wann …"
            joined = f"{first} {lines[top[1]]}"
            match = _HEAD_RUN_ON.match(joined)
            if (
                match
                and match.end() > len(first) + 1  # not "- 2 -" alone: furniture as it stands
                and int(match.group(1) or match.group(2)) == index + 1
            ):
                lines[top[0]], lines[top[1]] = "", joined[match.end() :]
    last = [next((i for i in reversed(range(len(x))) if x[i]), None) for x in page_lines]
    # Only last lines that end in the same MIN_FOOT_CHARS characters can share a foot: compare
    # those, not every pair of pages (4,000 one-line pages took 30 s).
    alike: dict[str, list[int]] = {}
    for page, (lines, i) in enumerate(zip(page_lines, last, strict=True)):
        if i is not None and len(lines[i]) >= MIN_FOOT_CHARS:
            alike.setdefault(lines[i][-MIN_FOOT_CHARS:], []).append(page)
    feet: dict[int, str] = {}
    for a, b in sorted(pair for pages in alike.values() for pair in combinations(pages, 2)):
        i, j = last[a], last[b]
        if i is not None and j is not None:
            shared = _shared_end(page_lines[a][i], page_lines[b][j])
            if len(shared) >= MIN_FOOT_CHARS and len(DIGITS.findall(shared)) >= MIN_FOOT_DIGITS:
                for page in (a, b):
                    feet[page] = max(feet.get(page, ""), shared, key=len)
    for page, shared in feet.items():
        i = last[page]
        assert i is not None
        page_lines[page][i] = page_lines[page][i][: -len(shared)].rstrip()
