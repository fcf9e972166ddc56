"""Side columns through the PDF path: a letter's right-hand block is read after its left block.

The real Erlangen PDFs in ../shared/fixtures/pdfs print the sender's place and date (the
invitations their letterhead "Stadt Erlangen", the minutes "Beginn:" / "Ende:") in a right-hand
column beside the sender block; pdfium read both into one line. Dev letters rendered in the
"column" style (standins.pdf_render.render_column_text: the document's own date, reference and
office lines in a right-hand column) must read as the paged style reads them. Expected values
were read off the documents (`pdftotext -layout`, the committed Dresden texts). All fail on
main's reader at 4c6875f except those that pin what must not change: the tabbed label, the PDFs
read byte for byte, and the two Dresden letters AF2016/13 and AF2010/13 (main reads them right
through the column style too).
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from fetcher.parse import parse_pdf_file
from fetcher.pdf import _clean_pdfium, extract_text
from standins.pdf_render import render_column_text, render_paged_text, side_column
from tests.corpus_data import corpus_path
from tests.fixtures_path import PDF_FIXTURES


def _lines(name: str, page: int = 0) -> list[str]:
    text = extract_text(PDF_FIXTURES / name).pages[page]
    return [line.strip() for line in text.split("\n") if line.strip()]


@pytest.mark.parametrize(
    ("name", "head"),
    [
        (
            "Antrag_Sportentwicklungsplanung_2020-12-16.pdf",
            ["Stadtteilbeirat Büchenbach", "Vorsitzender Günter Winkelmann"],
        ),
        (
            "Antrag_Sportmassnahmen_2022-11-23.pdf",
            ["Stadtteilbeirat Büchenbach", "Vorsitzender Günter Winkelmann"],
        ),
        (
            "Brief_an_OB_2020-10-23.pdf",
            ["Stadtteilbeirat Büchenbach", "Vorsitzender: Günter Winkelmann"],
        ),
        (
            "Stellungnahme_Umweltspur_BV_613-067-2022.pdf",
            ["Stadtteilbeirat Büchenbach", "Vorsitzender: Günter Winkelmann"],
        ),
    ],
)
def test_sender_block_then_the_date_beside_it(name: str, head: list[str]) -> None:
    """The sender block's two lines, then the place and date printed right of them (main: glued)."""
    lines = _lines(name)
    assert lines[:2] == head
    assert lines[2].startswith("Erlangen")
    assert lines[2].split()[-1][-4:] in ("2020", "2022")


def test_motion_fields_with_the_date_column_read_apart() -> None:
    """Sportentwicklungsplanung: kind, title and submitter right; no line holds sender and date."""
    doc = parse_pdf_file(PDF_FIXTURES / "Antrag_Sportentwicklungsplanung_2020-12-16.pdf")
    assert doc.kind == "Antrag"
    assert doc.title == "Priorisierte Sportentwicklungsplanung in Büchenbach"
    assert "Stadtteilbeirat Büchenbach" in doc.submitters
    assert "Büchenbach Erlangen, den" not in doc.full_text


@pytest.mark.parametrize(
    "name", ["2020-01-22_Einladung.pdf", "2022-11-17_Einladung.pdf", "2024-04-24_Einladung.pdf"]
)
def test_invitation_heading_apart_from_the_letterhead(name: str) -> None:
    """'Einladung' (left) and the letterhead 'Stadt Erlangen' (right) are two lines (main: one)."""
    lines = _lines(name)
    assert lines[:3] == ["Einladung", "Stadtteilbeirat Büchenbach", "Stadt Erlangen"]
    assert parse_pdf_file(PDF_FIXTURES / name).title != "Einladung Stadt Erlangen"


@pytest.mark.parametrize(
    ("name", "left", "right"),
    [
        (
            "2020-01-22_Niederschrift.pdf",
            ["Besprechung am: 22. Januar 2020", "Ort: Gasthaus Güthlein,", "Dorfstraße 14"],
            ["Beginn: 18:35 Uhr", "Ende: 20:40 Uhr"],
        ),
        (
            "2021-07-08_Niederschrift.pdf",
            ["Besprechung am: 08. Juli 2021", "Ort: Digital"],
            ["Beginn: 18:30 Uhr", "Ende: 20:40 Uhr"],
        ),
    ],
)
def test_minutes_meeting_block_then_its_times(name: str, left: list[str], right: list[str]) -> None:
    """The minutes' date and place, then the start and end printed beside them (main: glued)."""
    lines = _lines(name)
    start = lines.index(left[0])
    assert lines[start : start + len(left) + len(right)] == left + right
    assert (
        parse_pdf_file(PDF_FIXTURES / name).title == "1. Sitzung des Stadtteilbeirates Büchenbach"
    )


def test_tabbed_label_and_value_stay_one_line() -> None:
    """'Ende:' and '20:30 Uhr' tabbed apart are a label and its value, not two columns."""
    assert "Ende: 20:30 Uhr" in _lines("2024-04-24_Niederschrift.pdf")


@pytest.mark.parametrize(
    "name",
    [
        "Landtag_BW_Drs_17-0273_Gesetzentwurf.pdf",  # two-line head beside "Drucksache 17 / 273"
        "Antwort_Anfrage_23-2018_Stuttgart.pdf",  # centred head with its number far right
        "Antrag_SozialeStadt_2019-04-20.pdf",  # one address line with the date far right
        "Antrag_BuechenbacherAnlage_2020-11-25.pdf",
        "Stellungnahme_Antrag266-2019.pdf",
        "Stellungnahme_Einsparungen_2025-04-15.pdf",
        "Anhang_Jugendarbeit_slide.pdf",
        "Anhang_Soziales_Wohnen_slides.pdf",  # slide tables
    ],
)
def test_pdfs_without_side_columns_read_byte_for_byte_as_before(name: str) -> None:
    """Real PDFs with tables or single wide gaps but no side column keep pdfium's own text."""
    data = (PDF_FIXTURES / name).read_bytes()
    document = pdfium.PdfDocument(data)
    try:
        plain = tuple(
            _clean_pdfium(document[index].get_textpage().get_text_range())
            for index in range(len(document))
        )
    finally:
        document.close()
    assert extract_text(PDF_FIXTURES / name).pages == plain


DRESDEN_LETTERS = [
    "dresden-AF2016-13-antwort-erster-buergermeister-fragerecht",
    "dresden-AF2008-13-antwort-jugendhaeuser",
    "dresden-AF2010-13-zwischenbescheid-eeg-umlage",
    "dresden-AF0028-14-antwort-cdu-fernbuslinien",
    "dresden-AF0028-14-anfrage-cdu-fernbuslinien",
    "dresden-AF2018-13-anfrage-gruene-asylbewerber",
]


@pytest.mark.parametrize("name", DRESDEN_LETTERS)
def test_column_style_reads_like_the_paged_style(tmp_path: Path, name: str) -> None:
    """A Dresden letter whose GZ/Datum/reference lines stand in a right column reads as paged."""
    text = corpus_path(name, "dev").read_text("utf-8")
    left, right, _ = side_column(text)
    assert left  # the style did print two columns
    assert right
    column = parse_pdf_file(render_column_text(text, tmp_path / "column.pdf"))
    paged = parse_pdf_file(render_paged_text(text, tmp_path / "paged.pdf"))
    for field in ("kind", "reference", "title", "factions", "questions", "answers"):
        assert getattr(column, field) == getattr(paged, field), field


def test_column_style_answer_reads_reference_and_sender(tmp_path: Path) -> None:
    """AF2008/13's GZ and Datum beside the addressee: the reference and the faction stay clean."""
    text = corpus_path("dresden-AF2008-13-antwort-jugendhaeuser").read_text("utf-8")
    doc = parse_pdf_file(render_column_text(text, tmp_path / "column.pdf"))
    assert doc.kind == "Antwort"
    assert doc.reference == "AF2008/13"  # main: none
    assert doc.submitters == ("Fraktion Bündnis 90/Die Grünen",)  # main: "… (OB) 51"
    assert doc.factions == ("Bündnis 90/Die Grünen",)
