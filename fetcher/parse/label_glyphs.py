"""List labels printed as glyphs (circled digits, empty check boxes) read as plain labels. Pure.

A word processor's or a form's list may number its items with circled digits ("① Wie …?",
"❶ Welche …?": Unicode's enclosed and dingbat digits) or open each with an empty check box
("☐ Wie viele …?"). The question finder (fetcher.parse.markers, fetcher.parse.label_runs) reads
numbers and bullets; a glyph label before an item becomes the number ("1. Wie …?") or the bullet
("• Wie …?") it stands for, also inside a line run together ("Fragen: ① Wie …? ② Welche …").
Only a glyph before a capital or a quote is a label; a box next to another box ("9 ☒ ☐ „1. Gibt
es …", a form's row of choices) stays, as does a ticked box (☒ ☑: a choice, never a list sign),
and so does a box with another box a short word away ("Nein ☐ Ja ☒ Korridorthema", a form's yes/no
field: no list item is that short), a box beside a column's tick "x", and every box of a text that
ticks one (a form whose boxes are choices). A box opens a list item only where the text up to the
next box asks something ("?"): a form's options ("☐ Investition ☐ Konsumtive Maßnahme") stay.
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
_ANY_BOX = _BOXES + "☒☑"
# How far a choice row's next (or last) box stands from a box: "Nein ☐ Ja ☒" (a word of up to 12).
_CHOICE_REACH = 14
_ANY = re.compile("[" + "".join(_CIRCLED) + _BOXES + "]")
# A glyph at a line start or after a blank, before a capital or a quote (no prose prints one
# there); whether a box there is a label, _plain decides. The circled digits alone serve a
# form's text whose boxes are choices.
_GLYPH = re.compile(
    r"(?:^|(?<=\s))(?P<glyph>[" + "".join(_CIRCLED) + _BOXES + r"])(?=[ \t]+[„\"A-ZÄÖÜ])"
)
_CIRCLED_ONLY = re.compile(
    r"(?:^|(?<=\s))(?P<glyph>[" + "".join(_CIRCLED) + r"])(?=[ \t]+[„\"A-ZÄÖÜ])"
)
# A box opens a question only: the text up to the next box (within _ITEM_REACH) asks.
_NEXT_BOX = re.compile("[" + _ANY_BOX + "]")
_ITEM_REACH = 600
_TICK_BEFORE = re.compile(r"(?:^|\s)[xX✓✗☐❑❒□☒☑]\s*$")


def _plain(match: re.Match[str]) -> str:
    glyph = match["glyph"]
    if glyph not in _BOXES:
        return f"{_CIRCLED[glyph]}."
    start, end = match.start("glyph"), match.end("glyph")
    before = match.string[max(0, start - _CHOICE_REACH) : start]
    after = match.string[end : end + _CHOICE_REACH]
    row = before.rsplit("\n", 1)[-1] + " " + after.split("\n", 1)[0]  # the box's own line
    if _TICK_BEFORE.search(before) or any(box in row for box in _ANY_BOX):
        return glyph  # a yes/no field's box ("Nein ☐ Ja ☒"), a column's box beside an "x"
    next_box = _NEXT_BOX.search(match.string, end, end + _ITEM_REACH)
    if "?" not in match.string[end : next_box.start() if next_box else end + _ITEM_REACH]:
        return glyph  # a form's option ("☐ Investition", "☐ teilweise budgetiert"), no question
    return "•"


def plain_label_glyphs(text: str) -> str:
    """Return `text` with circled-digit and check-box labels as "1." and "•" (see the module).

    A text that ticks a box (☒ ☑) is a form whose boxes are choices: its boxes stay.
    """
    if not _ANY.search(text):
        return text
    if "☒" in text or "☑" in text:
        return _CIRCLED_ONLY.sub(_plain, text)
    return _GLYPH.sub(_plain, text)
