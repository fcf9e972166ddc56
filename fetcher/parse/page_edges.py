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


_FOOTNOTE = re.compile(r"^(\d{1,2})(?:\s+[^\s\d].*)?$")  # "4 15 8" is a table row


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


# A page's head run into its first line: "- 2 - 2. Gibt es …", "Seite 2 von 3 …", "Drucksache
# 2023/0123 – Seite 2 …" (group 1: the page's number).
_HEAD_RUN_ON = re.compile(
    r"^(?:[-–—]\s*(\d{1,3})\s*[-–—]|(?:[^.?!]{3,80}?\s[-–—|]\s+)?(?>Seite\s+(\d{1,3})"
    r"(?:\s*(?:von|/)\s*\d{1,3})?))\s+(?=\S)",
    re.I,
)
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
            if names_page(lines[row], index + 1):
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
    feet: dict[int, str] = {}
    for a, (lines, i) in enumerate(zip(page_lines, last, strict=True)):
        for b in range(a + 1, len(page_lines)):
            j = last[b]
            if i is None or j is None:
                continue
            shared = _shared_end(lines[i], page_lines[b][j])
            if len(shared) >= MIN_FOOT_CHARS and len(DIGITS.findall(shared)) >= MIN_FOOT_DIGITS:
                for page in (a, b):
                    feet[page] = max(feet.get(page, ""), shared, key=len)
    for page, shared in feet.items():
        i = last[page]
        assert i is not None
        page_lines[page][i] = page_lines[page][i][: -len(shared)].rstrip()
