"""Scanned motions of a Kommune new to the corpus (twenty-second round, branch corpus22).

Herzogenrath: five letters of the UBL group (a local voters' group in the Rat), published as
scans without a text layer; the texts are what Ratsbot's own OCR path (fetcher.pdf through
tesseract) reads from them, committed beside their labels in tests/corpus/dev/. The expected
values are the labels, read off the page images by hand. Where main misreads a paper the test
is a strict xfail, so the fix that makes it pass has to remove the mark (and the paper from
KNOWN_LETTER_MARK_REFERENCES).
"""

from __future__ import annotations

import pytest

from fetcher.model import ParsedDocument
from fetcher.parse import parse_text
from tests.corpus_data import assert_reads_as_labelled, corpus_path, dev_label

# Papers whose only printed number, the group's letter mark under the date ('UBL - 512/2025'),
# main takes for the paper's reference; tests/test_parse_references8.py leaves them to the
# strict xfail below.
KNOWN_LETTER_MARK_REFERENCES = frozenset(
    {
        "herzogenrath-UBL-512-2025-antrag-schimmelbefall",
        "herzogenrath-UBL-518-2025-antrag-kita-ogs-finanzierung",
    }
)


def _doc(name: str) -> ParsedDocument:
    return parse_text(corpus_path(name, "dev").read_text("utf-8"))


@pytest.mark.parametrize(
    "name",
    [
        "herzogenrath-UBL-510-2025-antrag-glasstelen",
        "herzogenrath-UBL-513-2025-antrag-mehreinnahmen-gewerbesteuer",
        "herzogenrath-UBL-514-2025-antrag-ogs-pannesheide",
    ],
)
def test_scanned_motion_reads_as_labelled(name: str) -> None:
    """An OCR'd motion letter ('Antrag:' then 'Begründung:', letterhead 'UBL-Fraktion im Rat
    der Stadt Herzogenrath', the letter mark 'UBL — 510/2025' with a dash, a receipt stamp among
    the address lines, a distribution line naming four other parties) is an Antrag of the UBL,
    with no reference and no question (513: its two prose questions are not counted)."""
    assert_reads_as_labelled(_doc(name), dev_label(name))


@pytest.mark.xfail(strict=True, reason="the group's letter mark is read as the reference")
@pytest.mark.parametrize("name", sorted(KNOWN_LETTER_MARK_REFERENCES))
def test_group_letter_mark_is_not_the_reference(name: str) -> None:
    """'Herzogenrath, 15.01.2025 / UBL - 512/2025' is the sender's mark, not a council paper's
    number: no reference is printed (main takes 'UBL-512/2025' where tesseract printed a
    hyphen, none where it printed a dash)."""
    assert _doc(name).reference is None


@pytest.mark.xfail(strict=True, reason="an OCR'd bullet 'e \\Wie …' is no list item")
def test_ocr_bullets_with_a_backslash_are_the_six_questions() -> None:
    """Under 'folgende Fragen zu beantworten:' six bullet questions, four OCR'd as 'e \\Wie',
    'e \\Nelche', 'e \\Welche', 'e \\WNann' and two as '•': the motion asks six questions."""
    name = "herzogenrath-UBL-512-2025-antrag-schimmelbefall"
    doc = _doc(name)
    assert len(doc.questions) == 6
    assert doc.questions[0].startswith(str(dev_label(name)["first_question_start"]))
