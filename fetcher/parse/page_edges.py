"""Lines at page edges: furniture that repeats, or text that opens two pages by chance. Pure.

A running head or foot is printed at the edge of every page and nowhere else. A PDF breaks its
pages wherever the text reaches the bottom, so a short sentence that recurs in the text ("Es wird
auf die Vorbemerkung der Landesregierung verwiesen.", "verwiesen.", a table row "3 0 8") can open
two pages too; counted over page edges alone it would read as a running head and be left out.
Also here: footnotes at a page's foot, a head printed on page 2 only, heads between pages joined
without a break (moved from fetcher.parse.text, which calls all of these from clean_lines).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

DIGITS = re.compile(r"\d+")
EDGE_BLOCK = 8  # lines a page's head or footer block can take (a letter's address and bank rows)
FIRST_PAGE_TOP = 15  # the first page's header lines: letterhead, addressee, type, title
_BARE_NUMBER = re.compile(r"\d{1,3}")
# A row of figures ("75 76 67 35") or of decimals ("… insgesamt 184,2 132,0 104,9") is a table's.
_NUMBER_ROW = re.compile(r"^#(?:\s+#)+$|#,#\s+#,#")


def edge_key(line: str) -> str:
    """Return the line with its numbers folded ("Seite 2 von 5" and "Seite 3 von 5" are one)."""
    return DIGITS.sub("#", line)


def body_repeats(
    page_lines: Sequence[Sequence[str]], repeated: set[str], blocks: Sequence[set[int]] = ()
) -> tuple[set[str], list[set[int]]]:
    """Return the keys among `repeated` (edge lines seen on two pages) that are text, and per
    page the indices of a running head printed mid-page with the page number beside it.

    A key is text when it is a row of figures, or when it also stands in the body of a page
    (beyond its first and last three lines, and the first page's header) with no page number
    beside it: a running head is never printed mid-page, except where a text joined its pages
    without a break, and there its page number stands next to it (the Landtag's head over "2").
    Such a head and its number are
    left out where they stand: at the page's edge the number alone would go as a repeated line
    and the head stay behind, inside an answer. `blocks` (per page, a head or footer block
    longer than three lines, see edge_blocks) are no body either.
    """
    text = {key for key in repeated if _NUMBER_ROW.search(key)}
    heads: list[tuple[int, int, list[int]]] = []
    for index, lines in enumerate(page_lines):
        filled = [i for i, line in enumerate(lines) if line]
        # The first page's top holds the document's own header and title, which heads and footers
        # repeat ("Landeshauptstadt Dresden", "Anfrage der CDU-Fraktion"): no evidence of text.
        for pos in range(3 if index else FIRST_PAGE_TOP, len(filled) - 3):
            i = filled[pos]
            if blocks and i in blocks[index]:
                continue
            key = edge_key(lines[i])
            if key not in repeated or key == "#" or key in text:
                continue
            near = [k for k in filled[pos - 1 : pos + 2] if _BARE_NUMBER.fullmatch(lines[k])]
            if near:
                heads.append((index, i, near))
            else:
                text.add(key)
    breaks: list[set[int]] = [set() for _ in page_lines]
    for index, i, near in heads:
        if edge_key(page_lines[index][i]) not in text:
            breaks[index].update([i, *near])
    return text, breaks


def edge_blocks(page_lines: Sequence[Sequence[str]], text: set[str]) -> list[set[int]]:
    """Return per page the indices of a head or footer block longer than the edges' three lines.

    A letter repeats its sender's footer on every page: name, address, telephone, bank details,
    four to eight lines, column by column. A block is the lines from a page's top or foot inward
    whose keys stand in the same block of another page; it ends at the first line that does not.
    The first page's top is the document's own header and is never a block.
    """
    filled = [[i for i, line in enumerate(lines) if line] for lines in page_lines]
    pages = list(zip(page_lines, filled, strict=True))
    tops = [{edge_key(lines[i]) for i in rows[:EDGE_BLOCK]} for lines, rows in pages]
    feet = [{edge_key(lines[i]) for i in rows[-EDGE_BLOCK:]} for lines, rows in pages]
    # A key in this page's block stands in another page's too when two pages' blocks hold it.
    on_pages = (
        Counter(k for keys in tops for k in keys),
        Counter(k for keys in feet for k in keys),
    )
    blocks: list[set[int]] = []
    for index, (lines, rows) in enumerate(pages):
        block: set[int] = set()
        sides = [(on_pages[1], list(reversed(rows[-EDGE_BLOCK:])))]
        if index > 0:
            sides.append((on_pages[0], rows[:EDGE_BLOCK]))
        for pages_with, order in sides:
            run: list[int] = []
            for i in order:
                key = edge_key(lines[i])
                if key in text or pages_with[key] < 2:
                    break
                run.append(i)
            if len(run) > 3:  # up to three lines the edges' own count finds
                block.update(run)
        blocks.append(block)
    return blocks


_GLUED = re.compile(r"(?<=\w-)(?=[A-ZÄÖÜ])")  # digits after a hyphen: fetcher.pdf's footer rule


def unglue_feet(page_lines: list[list[str]]) -> None:
    """Put back the break pdfium drops between a page's last hyphenated word and its footer.

    pdfium joins a hyphen at the end of a page's last body line to whatever it reads next, the
    footer's first line ("Müllton-STADT KARLSRUHE"); when that rest is a line another page's foot
    carries, it becomes a line of its own again, so the footer is furniture and the word's halves
    meet across the page break ("Müllton-" / "nen"). Changes `page_lines` in place.
    """
    if len(page_lines) < 2:
        return
    feet = [
        {edge_key(line) for line in [x for x in lines if x][-EDGE_BLOCK:]} for lines in page_lines
    ]
    on_pages = Counter(k for keys in feet for k in keys)
    for index, lines in enumerate(page_lines):
        rows = [i for i, line in enumerate(lines) if line][-EDGE_BLOCK:]
        for i in reversed(rows):
            if "-" not in lines[i]:
                continue
            for match in _GLUED.finditer(lines[i]):
                rest = edge_key(lines[i][match.start() :])
                if on_pages[rest] > (rest in feet[index]):  # another page's foot holds it
                    lines[i : i + 1] = [lines[i][: match.start()], lines[i][match.start() :]]
                    break


# "4 15 8" is a table row; "3 - Welche …" a list label with its dash (markers.NUM), no note
_FOOTNOTE = re.compile(r"^(\d{1,2})(?:\s+(?![-–]\s)[^\s\d].*)?$")


_ASKED = re.compile(r"\?(?=[\s“”\"»«)]|$)")
NOTES_MAX_CHARS = 1500  # a page's footnotes together: a few sources, never a page of text


def _asks_or_runs_long(notes: list[str]) -> bool:
    """Return True if lines read as footnotes hold a question or more than footnotes hold.

    A footnote cites a source; a page whose lines run together (one line per paragraph) puts
    the page number before the body's next paragraph ("4 „Welche Maßnahmen …?“ Das …"), which
    would otherwise read as a footnote and be dropped with the rest of the text.
    """
    return sum(len(x) for x in notes) > NOTES_MAX_CHARS or any(_ASKED.search(x) for x in notes)


def footnotes_from(lines: list[str], filled: list[int], before: list[str]) -> int:
    """Return the index where the page's footnotes begin (len(lines) when it has none).

    A footnote opens one of the page's last lines with its number and no dot ("1 Vgl.
    https://…", "2" over a URL too long for its line) and no numbered item follows it on the
    page; the number stands as a marker glued to
    a word or a full stop on this page or the one before ("Sonntagszeitungen.1 Demnach"). Its
    lines would otherwise land between two questions or read as item 1 of a list.
    """
    for k, i in enumerate(filled[3:][-10:]):
        match = _FOOTNOTE.match(lines[i])
        rest = [lines[j] for j in filled[3:][-10:][k + 1 :]]
        if not match or any(re.match(r"\d{1,2}\.\s", x) for x in rest):
            continue  # a numbered item below: no footnote block
        if lines[i] == match.group(1) and not (rest and rest[0].startswith("http")):
            continue  # a bare number is a page number unless a URL follows
        if _asks_or_runs_long([lines[i], *rest]):
            continue  # "4 „Welche …?“ Das RLSB …": a page number before the body, run together
        marker = re.compile(rf"[^\s\d§]{match.group(1)}(?=\s|$)")
        if any(marker.search(x) for x in [*before, *lines[:i]]):
            return i
    return len(lines)


_HEAD_PARTS = re.compile(r"\s+[–—|-]\s+|\s{3,}")


def repeats_first_page(line: str, first_top: set[str]) -> bool:
    """Return True if a line at a later page's top is made of the first page's top lines.

    A running head repeats the document's own title or reference line ("Anfrage – Vorlage Nr.:
    2025/0900", "Niedersächsischer Landtag – 19. Wahlperiode Drucksache 19/11169"); on a two-page
    document it occurs once, so the count over page edges cannot find it.
    """
    if len(line) < 8:
        return False
    if line in first_top:
        return True
    # The parts between separators, where a top line may hold a separator itself ("SPD - Fraktion
    # im Stadtrat Dresden – Anfrage Nr.: AF2025/13"): can consecutive parts, joined as printed,
    # cover the line with top lines only?
    cuts = [(m.start(), m.end()) for m in _HEAD_PARTS.finditer(line)][:8]
    if not cuts:
        return False
    starts = [0] + [end for _start, end in cuts]
    ends = [start for start, _end in cuts] + [len(line)]
    covered = [True] + [False] * len(ends)  # covered[k]: parts before part k are top lines
    for k in range(len(starts)):
        if covered[k]:
            for j in range(k, len(ends)):
                covered[j + 1] = covered[j + 1] or line[starts[k] : ends[j]] in first_top
    return covered[-1] and line not in first_top


MIN_REPEATED_OPENING = 30  # a later page's line that opens with this much of the first page's


def repeated_opening(line: str, opening: str) -> int:
    """Return how many characters a later page's top line repeats of the document's opening
    words (`opening`: the first page's top lines joined), or 0.

    A running head made of the document's first line is cut to the head's width ("Stadt
    Karlsruhe OV Neureut Informationsvorlage Vorlage Nr.: … OV Neure") and, where the cut falls
    after a hyphen, an extractor joins it to the page's first line ("… Datum: 0 6. FEB. 2013
    FDP-5. „Warum …"). The opening's first MIN_REPEATED_OPENING characters or more, ending
    where the line or a word of it ends, are that head.
    """
    shared = 0
    for mine, theirs in zip(line, opening, strict=False):
        if mine != theirs:
            break
        shared += 1
    if shared < MIN_REPEATED_OPENING:
        return 0
    if shared == len(line):
        return shared
    if line[shared - 1].isalnum() and line[shared].isalnum():
        return 0  # the line goes on inside a word of the opening: text that opens alike
    return shared


def drop_inner_page_breaks(lines: list[str]) -> list[str]:
    """Drop running heads and page numbers where pages were joined without a form feed.

    Text exports (and PDFs whose pages reflowed) repeat the head line ("Niedersächsischer Landtag
    – 19. Wahlperiode Drucksache 19/11222") with a bare page number next to it mid-document.
    """
    filled = [i for i, line in enumerate(lines) if line]
    # Only the document's own first or last lines can be a running head or foot.
    edges = {DIGITS.sub("#", lines[i]) for i in filled[:3] + filled[-3:] if len(lines[i]) >= 20}
    if not edges:
        return lines
    keys = Counter(
        key for line in lines if len(line) >= 20 and (key := DIGITS.sub("#", line)) in edges
    )
    drop: set[int] = set()
    seen: set[str] = set()
    for pos, i in enumerate(filled):
        if len(lines[i]) < 20:
            continue
        key = DIGITS.sub("#", lines[i])
        if keys[key] < 2:
            continue
        if key not in seen:
            seen.add(key)
            continue
        near = [filled[k] for k in range(max(0, pos - 2), min(len(filled), pos + 3)) if k != pos]
        numbers = [k for k in near if re.fullmatch(r"\d{1,3}", lines[k])]
        if numbers:
            drop.add(i)
            drop.update(numbers)
    return [line for i, line in enumerate(lines) if i not in drop]


MIN_REPRINTED_FOOT = 2  # one line alike at head and foot may be a signature's group name


def reprinted_head_foot(lines: Sequence[str], first_top: Sequence[str], first: bool) -> set[int]:
    """Return the indices of a page's foot block that reprints the first page's top lines.

    A letter paper prints its sender (name, address, reference or date rows) in the letterhead
    and again in the footer of every page. On a one-page paper the footer occurs once, so the
    count over page edges cannot find it, and its labelled rows ("Datum: …", "Anfrage Nr.: …")
    would read as the header going on below the text. The block is the page's last lines (page
    furniture aside, `lines` holds none) that each repeat one of the first page's top lines
    printed above the block (`first`: this is the first page, whose top `first_top` opens
    `lines`), at most EDGE_BLOCK and at least MIN_REPRINTED_FOOT of them: one line alike at
    head and foot may be a signature's group name.
    """
    filled = [i for i, line in enumerate(lines) if line]
    keys = [edge_key(line) for line in first_top]
    best: set[int] = set()
    for size in range(1, min(EDGE_BLOCK, len(filled)) + 1):
        start = len(filled) - size
        above = set(keys[:start] if first else keys)
        if edge_key(lines[filled[start]]) not in above:
            break
        block = filled[start:]
        if all(edge_key(lines[i]) in above for i in block):
            best = set(block) if size >= MIN_REPRINTED_FOOT else best
    return best
