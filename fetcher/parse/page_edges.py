"""Lines at page edges: furniture that repeats, or text that opens two pages by chance. Pure.

A running head or foot is printed at the edge of every page and nowhere else. A PDF breaks its
pages wherever the text reaches the bottom, so a short sentence that recurs in the text ("Es wird
auf die Vorbemerkung der Landesregierung verwiesen.", "verwiesen.", a table row "3 0 8") can open
two pages too; counted over page edges alone it would read as a running head and be left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

DIGITS = re.compile(r"\d+")
_BARE_NUMBER = re.compile(r"\d{1,3}")
# A row of figures ("75 76 67 35") or of decimals ("… insgesamt 184,2 132,0 104,9") is a table's.
_NUMBER_ROW = re.compile(r"^#(?:\s+#)+$|#,#\s+#,#")


def edge_key(line: str) -> str:
    """Return the line with its numbers folded ("Seite 2 von 5" and "Seite 3 von 5" are one)."""
    return DIGITS.sub("#", line)


def body_repeats(
    page_lines: Sequence[Sequence[str]], repeated: set[str]
) -> tuple[set[str], list[set[int]]]:
    """Return the keys among `repeated` (edge lines seen on two pages) that are text, and per
    page the indices of a running head printed mid-page with the page number beside it.

    A key is text when it is a row of figures, or when it also stands in the body of a page
    (beyond its first and last three lines) with no page number beside it: a running head is
    never printed mid-page, except where a text joined its pages without a break, and there its
    page number stands next to it (the Landtag's head over "2"). Such a head and its number are
    left out where they stand: at the page's edge the number alone would go as a repeated line
    and the head stay behind, inside an answer.
    """
    text = {key for key in repeated if _NUMBER_ROW.search(key)}
    heads: list[tuple[int, int, list[int]]] = []
    for index, lines in enumerate(page_lines):
        filled = [i for i, line in enumerate(lines) if line]
        for pos in range(3, len(filled) - 3):
            i = filled[pos]
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
