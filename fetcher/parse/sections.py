"""Section headings over numbered questions: "I. Allgemeines" / "1. …?" / "II. …" / "2. …?". Pure.

The German outline convention ranks A. over I. over 1. over a): a Roman or capital-letter label
above numbered items opens a section, and the numbered items are the questions, whether the
numbers go on under the next heading or restart at 1 (issue #11, "Roman section headings (I.–III.)
above numbered items"; Landtag 19/11266 prints one). A numbered item above lettered ones is the
question and its letters are its parts (Karlsruhe 2022/0919): that order is kept by
fetcher.parse.questions.
"""

from __future__ import annotations

from collections.abc import Sequence

from fetcher.parse.list_score import own_text
from fetcher.parse.markers import LINE_CHARS, lines_from, list_marker, next_label
from fetcher.parse.wording import question_signal


def heads_sections(style: str, items: Sequence[Sequence[str]], child_style: str) -> bool:
    """Return True if a run of Roman or capital-letter items heads sections of a numbered list.

    None of its items asks in its own words ("I. Allgemeines", "B. Kosten"): they are headings,
    not questions with the numbered items as their parts. A heading that asks ("I. Wie …?") stays
    a question over its parts.
    """
    if child_style != "num" or style not in ("roman", "letter"):
        return False
    # a label alone on its line ("I." / "1. Wie …?") has no words of its own: its item's first
    # line is the first numbered question below it (Karlsruhe 644588)
    own = ["" if list_marker(item[0]) else own_text(item) for item in items if item]
    if style == "letter" and not all(text[:1].isupper() for text in own if text):
        return False
    return not any(question_signal(text) for text in own)


FIRST_SECTION = ("", "")


def section_above(lines: Sequence[str], start: int) -> tuple[str, str] | None:
    """Return (style, label) of the section heading right above a list's first item; for a list
    from "1." without one, FIRST_SECTION (its heading may stand above the body); else None."""
    above = next((line for line in reversed(lines[max(start - 3, 0) : start]) if line), "")
    marker = list_marker(above) if above else None
    if marker and marker[0] in ("roman", "letter") and marker[1].isupper():
        # a heading that asks ("A. Führt die Stadt … ein Baumkataster?" over "1." "2.", then
        # "B. Wenn NEIN …" over "1.") is a question with numbered parts, no section (2014/0671)
        return None if question_signal(marker[2]) else (marker[0], marker[1])
    first = list_marker(lines[start])
    return FIRST_SECTION if first and first[1] == "1" else None


def heading_below(
    marker: tuple[str, str, str], label: str, section: tuple[str, str] | None
) -> tuple[str, ...]:
    """Return the numbers a list may go on with below a section heading inside it.

    The heading must be the next of the section that opened the list ("I. Schulen" above "1.",
    then "II. Kitas"): it restarts at 1, and a Roman one ("II. Einzelfragen" between "2." and
    "3.") may also go on (a capital letter there may be a sub-item). A list without a heading
    above it ("8. Plenarsitzung" in a form's head) is another list: "I." or "II." below ends
    its item, not a section.
    """
    if section is None:
        return ()
    if section == FIRST_SECTION:  # no heading seen above a list from "1.": its next is "II."/"B."
        section = (marker[0], "I" if marker[0] == "roman" else "A")
    if marker[:2] != (section[0], next_label(*section)):
        return ()
    return ("1", next_label("num", label)) if marker[0] == "roman" else ("1",)


def opens_next(line: str, style: str, label: str) -> bool:
    """Return True if a line opens the item after `label` of a list in `style` ("X." alone)."""
    marker = list_marker(line)
    if marker and style == "letter" and marker[:2] in (("roman", "I"), ("roman", "V")):
        marker = ("letter", marker[1], marker[2])  # "H." / "I." alone (Karlsruhe 148460)
    return bool(marker) and marker[:2] == (style, next_label(style, label))  # type: ignore[index]


def next_num_label(lines: Sequence[str], start: int) -> str | None:
    """Return the label of the next numbered item below `start` (None: another label first)."""
    # characters, not lines: a PDF's narrower lines hold the same heading and its paragraph
    # ("III. Das Frauenhofer-Institut hob … hervor: „…" (S. 17)" above "7.", Karlsruhe 2016/0549)
    for line in lines_from(lines, start, 8 * LINE_CHARS):
        if marker := list_marker(line):
            return marker[1] if marker[0] == "num" else None
    return None
