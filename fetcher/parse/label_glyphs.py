"""List labels printed as glyphs (circled digits, empty check boxes) read as plain labels. Pure.

A word processor's or a form's list may number its items with circled digits ("① Wie …?",
"❶ Welche …?": Unicode's enclosed and dingbat digits) or open each with an empty check box
("☐ Wie viele …?"). The question finder (fetcher.parse.markers, fetcher.parse.label_runs) reads
numbers and bullets; a glyph label before an item becomes the number ("1. Wie …?") or the bullet
("• Wie …?") it stands for, also inside a line run together ("Fragen: ① Wie …? ② Welche …").
Only a glyph before a capital or a quote is a label; a box next to another box ("9 ☒ ☐ „1. Gibt
es …", a form's row of choices) stays, as does a ticked box (☒ ☑: a choice, never a list sign).
"""

from __future__ import annotations

import re

# ①–⑳ (U+2460), ❶–❿ (U+2776, dingbat negative), ➀–➉ (U+2780, sans-serif), ➊–➓ (U+278A)
_CIRCLED = {
    **{chr(0x2460 + k): k + 1 for k in range(20)},
    **{chr(0x2776 + k): k + 1 for k in range(10)},
    **{chr(0x2780 + k): k + 1 for k in range(10)},
    **{chr(0x278A + k): k + 1 for k in range(10)},
}
_BOXES = "☐❑❒□"
_ANY = re.compile("[" + "".join(_CIRCLED) + _BOXES + "]")
# A circled digit is a label wherever it stands before a capital or a quote (no prose prints one
# there); a box at a line start or after a blank, unless a box stands before it ("9 ☒ ☐ „1. …",
# a form's row of choices).
_GLYPH = re.compile(
    r"(?:^|(?<=\s))"
    "(?P<glyph>["
    + "".join(_CIRCLED)
    + "]|(?<![☐❑❒□☒☑✓✗xX][ \t])(?<![☐❑❒□☒☑✓✗])["
    + _BOXES
    + r"])(?=[ \t]+[„\"A-ZÄÖÜ])"
)


def _plain(match: re.Match[str]) -> str:
    glyph = match["glyph"]
    label = "•" if glyph in _BOXES else f"{_CIRCLED[glyph]}."
    return label


def plain_label_glyphs(text: str) -> str:
    """Return `text` with circled-digit and check-box labels as "1." and "•" (see the module)."""
    return _GLYPH.sub(_plain, text) if _ANY.search(text) else text
