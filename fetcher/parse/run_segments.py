"""How a list run reads one line, and the stretches of lines it passes over unchanged. Pure.

fetcher.parse.questions builds a run from every line that may open a list. Where the same lines
follow many such starts (a label printed on every line, "A." / "A." / …, or "1. Wie viele?" again
and again), each run walked them again, up to its item's line limit: the time grew with the
square of the lines (issue 11, "no hang on any input"). A line's part in a run depends only on
the line, the line above it and the run's state (style, label, section …), so the stretch of
lines that a state passes over the same way (each line appended to the open item, or each one
skipped) is found once per state and shared by every later start; the run then jumps over it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from typing import cast

from fetcher.parse.label_typos import may_slip
from fetcher.parse.markers import LINE_CHARS, next_label
from fetcher.parse.no_items import Labels
from fetcher.parse.sections import opens_next
from fetcher.parse.wording import ANSWER_TO, INTRO, is_stop, list_marker

# What a run does with one non-empty line in a given state.
APPEND = "append"  # the line goes on the open item, nothing else changes
SKIP = "skip"  # the line is passed over, nothing changes
EVENT = "event"  # anything else (a new item, a heading, the end): the run reads it itself


class LineSegments:
    """Remember, per run state, where a stretch of same-kind lines from a line ends."""

    def __init__(self, lines: Sequence[str], kind_of: Callable[[int, Hashable], str]) -> None:
        self._lines = lines
        self._kind_of = kind_of
        self._ends: dict[tuple[int, Hashable], tuple[int, str]] = {}
        self._nonempty: list[int] | None = None

    def stretch(self, start: int, state: Hashable) -> tuple[int, str]:
        """Return (end, kind) for the non-empty line `start`: lines start … end-1 are empty or of
        `kind` (APPEND or SKIP); EVENT with end == start when line `start` needs the run itself."""
        lines, ends = self._lines, self._ends
        if (known := ends.get((start, state))) is not None:
            return known
        kind = self._kind_of(start, state)
        if kind == EVENT:
            return start, EVENT
        visited: list[int] = []
        k = start
        while k < len(lines):
            if not lines[k]:
                k += 1
                continue
            known = ends.get((k, state))
            if known is not None:
                if known[1] == kind:
                    k = known[0]
                break
            if k != start and self._kind_of(k, state) != kind:
                break
            visited.append(k)
            k += 1
        for index in visited:
            ends[(index, state)] = (k, kind)
        return k, kind

    def first_nonempty(self, start: int) -> int:
        """Return the index of the first non-empty line from `start` on (len(lines) if none)."""
        if self._nonempty is None:
            following = len(self._lines)
            nonempty = [following] * (len(self._lines) + 1)
            for k in range(len(self._lines) - 1, -1, -1):
                if self._lines[k]:
                    following = k
                nonempty[k] = following
            self._nonempty = nonempty
        return self._nonempty[min(max(start, 0), len(self._lines))]


# A run's state while it reads a line: style, label, parent_next, section, in_heading.
_State = tuple[str, str, str | None, tuple[str, str] | None, bool]


class RunScan:
    """What every run start of one question_items call shares: the last line of each label, and
    the stretches of lines a run passes over unchanged."""

    def __init__(self, lines: Sequence[str], labels: Labels) -> None:
        self.lines = lines
        self.labels = labels
        self._last_marker: dict[tuple[str, str], int] | None = None
        self._num_above: list[int] | None = None  # the nearest numbered line above each line
        self._chars: list[int] = []  # characters of the non-empty lines before each line
        self.segments = LineSegments(lines, self._kind_of)

    def parent_next(self, start: int) -> str | None:
        """Return the number after the numbered item a sub-list sits in ("2" under "1."), if any.

        The item's label stands within twelve lines' worth of characters above `start`
        (markers.lines_before); the nearest numbered line above each line is found once for all
        starts, not by walking back from each (a letter on every line read the window again).
        """
        if self._num_above is None:
            self._num_above, self._chars, nearest, total = [], [], -1, 0
            for k, line in enumerate(self.lines):
                self._num_above.append(nearest)
                self._chars.append(total)
                if line:
                    total += len(line) + 1
                    if (marker := list_marker(line)) and marker[0] == "num":
                        nearest = k
            self._chars.append(total)
        k = self._num_above[start]
        if k < 0 or self._chars[start] - self._chars[k + 1] >= 12 * LINE_CHARS:
            return None
        marker = list_marker(self.lines[k])
        return next_label("num", marker[1]) if marker else None

    @property
    def last_marker(self) -> dict[tuple[str, str], int]:
        """(style, label) → the index of the last line that opens with that marker."""
        if self._last_marker is None:
            self._last_marker = {
                marker[:2]: i for i, line in enumerate(self.lines) if (marker := list_marker(line))
            }
        return self._last_marker

    def _kind_of(self, i: int, state: Hashable) -> str:
        """Return what questions._build_run does with the non-empty line i in `state`: APPEND
        or SKIP where nothing else happens, EVENT for anything else (also where unsure)."""
        style, label, parent_next, _section, in_heading = cast(_State, state)
        lines = self.lines
        line = lines[i]
        if is_stop(line) and not goes_on(lines[i - 1], line):
            return EVENT
        marker = list_marker(line)
        if line.rstrip().endswith(":") and INTRO.search(line) and not marker:
            return EVENT
        if parent_next and marker and marker[:2] == ("num", parent_next):
            return EVENT
        if ANSWER_TO.match(line):
            return EVENT
        if bare_section(lines, i, style, label):
            return SKIP
        if in_heading:
            return EVENT if marker else SKIP
        if marker is None:
            return APPEND
        if style == "letter" and marker[0] == "roman" and marker[1] in "IVX":
            marker = ("letter", marker[1], marker[2])
        if marker[0] == style and marker[1] == next_label(style, label):
            return EVENT
        if style == "num" and may_slip(lines, i, label, marker, self.last_marker):
            return EVENT  # maybe a number typed twice or left out (fetcher.parse.label_typos)
        if style == "num" and marker[1] == label and marker[2][1:3] == ") ":
            return EVENT  # a sub-question of the same item
        if style == "num" and marker[0] in ("roman", "letter") and marker[1].isupper():
            return EVENT  # maybe a section heading inside the list
        return APPEND


def bare_section(lines: Sequence[str], i: int, style: str, label: str) -> bool:
    """Return True if lines[i] is a bare section number ("II.") between a list's items."""
    line = lines[i]
    return bool(
        re.fullmatch(r"[IVX]{1,4}\.?|[A-H]\.", line)
        and not re.search(r"(?:^|[\s(])[a-z]\.$", lines[i - 1])
        and not opens_next(line, style, label)  # "X." alone, its question below
    )  # "(z." / "B." / "Wasserpumpen …": an abbreviation broken at the line end goes on


_GREETING = re.compile(r"mit\s+freundliche[nm]\s+gr", re.I)
_SENTENCE_END = (".", ":", "?", "!", ")", '"', "“", "”")


def goes_on(above: str, line: str) -> bool:
    """Return True if a line that opens like a stop ("Anlagen", "Sachverhalt") is wrapped prose.

    "Windkraft-" / "anlagen …"; "eingestuft. Danach sind bauliche" / "Anlagen, die geeignet und
    bestimmt sind," (a Landtag answer printed in a narrow column): the line above runs on and the
    word goes on with a comma or a lower-case word, where a heading stands alone or ends in ":".
    """
    if line[:1].islower() and above.endswith("-"):
        return True
    return (
        bool(above)
        and not _GREETING.match(line)  # "… und verbleibe" / "mit freundlichen Grüßen" closes
        and not above.rstrip().endswith(_SENTENCE_END)
        and not line.rstrip().endswith(":")
        and bool(re.match(r"\S+(?:,|\s+[a-zäöüß])", line))
    )
