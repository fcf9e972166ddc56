"""Page furniture of the real council PDFs in ../shared/fixtures/pdfs, read as `ratsbot parse` does.

Expected values were read off the PDFs (`pdftotext -layout`).
"""

from __future__ import annotations

from fetcher.parse import parse_pdf_file
from tests.fixtures_path import PDF_FIXTURES


def test_landtag_first_page_footer_is_left_out() -> None:
    """The Landtag BW bill's page-1 foot (where its papers are, its recycled paper) is no text."""
    doc = parse_pdf_file(PDF_FIXTURES / "Landtag_BW_Drs_17-0273_Gesetzentwurf.pdf")
    assert "Plenarprotokolle" not in doc.full_text
    assert "Recyclingpapier" not in doc.full_text
    assert "18. Lebensjahrs am Wahltag erforderlich.\nC. Alternativen\n" in doc.full_text


def test_footer_on_every_page_is_left_out_on_the_first_page_too() -> None:
    """'Stadtteilbeirat Büchenbach / 07.03.2024' under each of 3 slide pages is in no field."""
    doc = parse_pdf_file(PDF_FIXTURES / "Anlage02_Sportflaechen_Fotos.pdf")
    assert "07.03.2024" not in doc.full_text
    assert doc.summary is not None
    assert "ohne offene Sportflächen 2 Basketballkörbe im 90° Winkel" in doc.summary


def test_word_symbol_glyphs_read_as_the_characters_they_show() -> None:
    """Word's Wingdings separators and bullets (private-use code points) print as '•', no box."""
    doc = parse_pdf_file(PDF_FIXTURES / "2020-01-22_Einladung.pdf")
    assert "1. Sitzung • Mittwoch, 22.01.2020 • 18:30 Uhr • Gasthaus Güthlein," in doc.full_text
    for path in sorted(PDF_FIXTURES.glob("*.pdf")):
        doc = parse_pdf_file(path)
        shown = [doc.full_text, doc.summary or "", doc.title or "", *doc.questions, *doc.answers]
        assert not any("\ue000" <= char <= "\uf8ff" for text in shown for char in text), path.name
