"""Tesseract's page text brought into the shape pdfium gives a born-digital page. Pure, no I/O.

fetcher.pdf reads a page with a text layer through pdfium and one without through tesseract; the
parser after it knows one shape of text. Where tesseract's output differs from what pdfium reads
off the same page printed digitally, and the difference is OCR noise rather than the document
(measured on the dev corpus through the "scan" render style, docs/benchmarks.md, issue 11 ninth
round), it is undone here, once, for every OCR page:
- tesseract separates the paragraphs it sees with blank lines; pdfium never writes a blank line.
- a word hyphenated at a line end keeps its hyphen and break; pdfium marks such a hyphen (and
  drops the break), and fetcher.pdf's cleaning joins the halves or keeps the hyphen (before a
  capital, before "und"/"oder", before a page footer): the OCR page gets the same mark.
- a list label's full stop is read as a comma ("3, Welche …"), a Roman label's "I" as "l" or "i"
  ("Il. Über …"), a bullet as a letter or sign ("e Wie ist …"), "Zu 1:" as "Zul:" / "zu 1:":
  each known by its place, at a line's start before a word.
- "§" is read as "$" before a number, or as "8" before a number and "Abs." or a law's name.
What tesseract reads wrongly inside a word ("Ranmenbedingungen", "adaquaten") stays: no
dictionary here; the parser works by structure.
"""

from __future__ import annotations

import re

# A hyphen that ends a line after a letter, the text going on at the next line's start.
_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])-\n(?=\S)")
# pdfium's mark for a hyphen at a line end (it drops the line break too); fetcher.pdf's cleaning
# of a text-layer page decides from it whether the word's halves meet or the hyphen stays.
PDFIUM_HYPHEN = "\ufffe"


# A list label whose full stop came out as a comma: "3, Welche …", "3, „Ist …" (a number, a
# comma, a word or a quotation).
_COMMA_LABEL = re.compile(r"^(\d{1,2}),(?= [A-ZÄÖÜ„\"»])", re.M)
# A Roman list label whose "I"s came out as "l" or "i": "il. Über den …", "lI. …", "Ill. …".
_ROMAN_LABEL = re.compile(r"^(?=[Iil|]{0,3}[il|])[Iil|]{2,4}(?=\. [A-ZÄÖÜ])", re.M)
# A bullet ("•", "-") read as a letter or a sign before the item's first word.
_BULLET = re.compile(r"^[e«°©»](?= [A-ZÄÖÜ])", re.M)
# An answer's "Zu 1:" read with "1" as "l"/"I" run into "Zu", or with "zu"/"ZU".
_ZU_LABEL = re.compile(r"^(?:Zu|zu|ZU) ?(?:(\d{1,2})|[lI|])(?=\s*:)", re.M)
# "§" as "$" (and "§§" as "$$", "8$", "$8") before a number; "§"/"§§" as "8"/"88" before a
# number (or a range) and "Abs."/"Satz"/"Nr." or a law's abbreviation ("AufenthG", "SGB", "GO").
_PARAGRAPHS_DOLLAR = re.compile(r"(?<![\w.,])(?:\$\$|8\$|\$8)(?= ?\d)")
_PARAGRAPH_DOLLAR = re.compile(r"\$(?= ?\d)")
_PARAGRAPH_EIGHT = re.compile(
    r"(?<![\w.,])(8|88)(?= \d{1,4}[a-z]?(?: ?(?:-|bis|und) ?\d{1,4}[a-z]?)?"
    r"(?: (?:Abs\.|Absatz|Satz|Nr\.)|,? ?[A-Z][a-z]*[A-Z]))"
)


def normalise_ocr_page(text: str) -> str:
    """Return one page of tesseract output as pdfium reads a text-layer page (see the module
    docstring), before fetcher.pdf's cleaning that both kinds of page go through."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    text = "\n".join(line for line in lines if line.strip())
    text = _COMMA_LABEL.sub(r"\1.", text)
    text = _ROMAN_LABEL.sub(lambda m: "I" * len(m[0]), text)
    text = _BULLET.sub("•", text)
    text = _ZU_LABEL.sub(lambda m: f"Zu {m[1] or 1}", text)
    text = _PARAGRAPHS_DOLLAR.sub("§§", text)
    text = _PARAGRAPH_DOLLAR.sub("§", text)
    text = _PARAGRAPH_EIGHT.sub(lambda m: "§" * len(m[1]), text)
    return _LINE_END_HYPHEN.sub(PDFIUM_HYPHEN, text)
