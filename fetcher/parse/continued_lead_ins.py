"""List items that continue the lead-in's sentence instead of following a colon. Pure.

An inquiry's lead-in need not end in ":". It may end in a comma or in no mark at all, the items
completing its sentence: "Wir bitten darzustellen, / 1. wie viele …, / 2. ob …", "Wir bitten um
Auskunft, / 1. Die Verwaltung möge berichten, …", "… um Auskunft darüber 1. welche …". Such an
item opens with the clause it asks in (a lower-case interrogative) or, after a lead-in that asks
for a report, with a capital. Run into one line (a page as one line), its label then stands
after a comma or a lower-case word, where a label is otherwise prose ("am 2. Mai", "Abs. 2,
1. Halbsatz"): fetcher.parse.reline_labels and wording.split_inline_lists ask here.
"""

from __future__ import annotations

import re

# The clause an item that continues the sentence opens with: "ob …", "wie viele …", "in welchem
# Umfang …", "bis wann …".
CLAUSE = (
    r"(?:(?:an|auf|aus|bei|bis|für|in|mit|nach|seit|über|um|unter|von|zu)\s+)?(?:ob|wie|was|wann|"
    r"wo|wer|"
    r"welche[rsmn]?|warum|weshalb|wieso|inwie(?:weit|fern))\b"
)
_CLAUSE_AFTER = re.compile(r"\s+" + CLAUSE)
# A numbered item that opens with such a clause: "1. wie viele …", "2) ob …".
_CLAUSE_ITEM = re.compile(r"^\s*\d{1,2}(?:\.\)|[.):])\s+" + CLAUSE)
_FIRST_ITEM = re.compile(r"^\s*1(?:\.\)|[.):])\s+\S")
_CAPITAL_AFTER = re.compile(r"\s+[„\"]?[A-ZÄÖÜ]")
# A lead-in that asks for a report or an answer, up to the comma (or the word) that ends it:
# "Wir bitten um Auskunft,", "Die Verwaltung wird gebeten darzustellen,", "Wir fragen an,",
# "… um Auskunft darüber". Read in its last sentence only (after the last ".", "?", "!", ":").
_ASKING_LEAD_IN = re.compile(
    r"\b(?:bitte[nt]?|gebeten|ersuch(?:en|t)|frage[nt]?|Auskunft|Beantwortung|Darstellung|"
    r"Aufstellung|Auflistung|Übersicht|dar(?:zu)?(?:stellen|legen)|mit(?:zu)?teilen|berichten|"
    r"erläutern|aufzu(?:listen|zeigen|schlüsseln)|wissen|erfahren)\b",
    re.I,
)
_SENTENCE_END = re.compile(r"[.?!:;]")
LOOK_BACK = 160  # characters of the lead-in read before a label (lines may be megabytes long)


def continues_lead_in(line: str, start: int, end: int) -> bool:
    """Return True if the label at line[start:end] opens an item that continues the sentence.

    After a comma: its clause asks ("…, 2. ob …"). After a comma or a word: the lead-in before
    it asks ("Wir bitten um Auskunft, 1. Die …", "… zu folgenden Punkten 1. Die …", "… um
    Auskunft darüber 1. wie viele …").
    """
    before = line[max(0, start - LOOK_BACK) : start].rstrip()
    if not before or not (before[-1].isalpha() or before[-1] in ",;"):
        return False  # a sentence end opens items anyway; a number or a bracket is no lead-in
    clause = bool(_CLAUSE_AFTER.match(line, end))
    if before[-1] in ",;" and clause:
        return True
    if before[-1] == ";" or not (clause or _CAPITAL_AFTER.match(line, end)):
        return False
    return _asks(before)


def _asks(before: str) -> bool:
    """Return True if the last sentence of `before` holds a word that asks for a report."""
    ends = [m.end() for m in _SENTENCE_END.finditer(before)]
    return bool(_ASKING_LEAD_IN.search(before, ends[-1] if ends else 0))


def opens_continued_item(line: str, above: str) -> bool:
    """Return True if a line opens a numbered item that continues the sentence above it ("1. wie
    viele …", or "1. Die …" below "Wir bitten um Auskunft,"): the list of a lead-in ending in a
    comma, never a header field's wrapped value."""
    if _CLAUSE_ITEM.match(line):
        return True
    above = above.rstrip()
    return above.endswith(",") and bool(_FIRST_ITEM.match(line)) and _asks(above[-LOOK_BACK:-1])
