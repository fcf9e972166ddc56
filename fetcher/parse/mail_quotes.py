"""An e-mail's quoted lines ("> 1. Wie …?") read without their quote marks. Pure.

An inquiry sent on by e-mail, or answered in a reply, comes with the quoted lines of the mail it
answers: each line opens with ">" (">>" a level deeper) and a blank. Inside such a block the
marks are no text: a list's labels stand after them ("> 1. Wie viele …?"), so the question finder
(fetcher.parse.markers reads labels at a line start) sees them only without. A block is two or
more lines in a row that open with ">" and a blank; a lone ">" line ("> 5 Tage") stays.
"""

from __future__ import annotations

import re

# two or more quoted lines in a row (blank lines between them belong to the block); the marks and
# blanks are read possessively: a run of "> > >" is split one way only
_BLOCK = re.compile(
    r"(?m)^[ \t]*+>[> \t]*+(?<=[ \t])\S.*(?:\n(?:[ \t]*+>[> \t]*+(?:(?<=[ \t])\S.*)?)?)+$"
)
_MARK = re.compile(r"(?m)^[ \t]*>[> \t]*(?:[ \t]|$)")
_QUOTED_TEXT = re.compile(r"[ \t]*+>[> \t]*+(?<=[ \t])\S")  # a quoted line with text on it


def _unquoted(match: re.Match[str]) -> str:
    block = match.group(0)
    if sum(1 for line in block.split("\n") if _QUOTED_TEXT.match(line)) < 2:
        return block
    return _MARK.sub("", block)


def unquoted_mail(page: str) -> str:
    """Return `page` with the quote marks of its quoted e-mail blocks taken off (see the module)."""
    return _BLOCK.sub(_unquoted, page) if ">" in page else page
