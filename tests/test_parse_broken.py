"""Unreadable files give a clear parse_status and a readable parse_error, never an exception."""

from __future__ import annotations

import shutil
import zlib
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from fetcher.parse import parse_pdf_file
from standins.pdf_render import FONT, render_pdf, render_text
from tests.fixtures_path import OPARL_FIXTURES
from tests.pdf_bytes import one_page_pdf

_INQUIRY = OPARL_FIXTURES / "karlsruhe" / "file-contents" / "676309.txt"


def _rendered(tmp_path: Path) -> Path:
    return render_text(_INQUIRY.read_text("utf-8"), tmp_path / "inquiry.pdf")


def test_zero_byte_file(tmp_path: Path) -> None:
    """A zero-byte download is 'empty'."""
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    doc = parse_pdf_file(path)
    assert doc.parse_status == "empty"
    assert doc.parse_error
    assert "0 Bytes" in doc.parse_error
    assert doc.pages == 0


def test_html_instead_of_pdf(tmp_path: Path) -> None:
    """An HTML error/login page served as .pdf is 'not_pdf' and says so."""
    path = tmp_path / "login.pdf"
    path.write_text("<!DOCTYPE html><html><body>Bitte anmelden</body></html>", "utf-8")
    doc = parse_pdf_file(path)
    assert doc.parse_status == "not_pdf"
    assert doc.parse_error
    assert "HTML" in doc.parse_error


def test_random_bytes(tmp_path: Path) -> None:
    """Arbitrary binary data is 'not_pdf'."""
    path = tmp_path / "junk.pdf"
    path.write_bytes(bytes(range(256)) * 10)
    assert parse_pdf_file(path).parse_status == "not_pdf"


def test_truncated_pdf(tmp_path: Path) -> None:
    """A download cut off halfway is 'broken' with an explanation."""
    data = _rendered(tmp_path).read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    doc = parse_pdf_file(path)
    assert doc.parse_status == "broken"
    assert doc.parse_error


def test_encrypted_pdf(tmp_path: Path) -> None:
    """A PDF that needs a user password is 'encrypted'."""
    from fpdf import FPDF  # 0.3 s of imports: only in the tests that draw a PDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="geheim")
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=12)
    pdf.cell(text="Anfrage Nr. F-00001/14")
    path = tmp_path / "encrypted.pdf"
    pdf.output(str(path))
    doc = parse_pdf_file(path)
    assert doc.parse_status == "encrypted"
    assert doc.parse_error
    assert "verschlüsselt" in doc.parse_error


def _bomb_pdf(path: Path, inflated_mb: int) -> Path:
    compressor = zlib.compressobj(9)
    chunk = b"0" * (1024 * 1024)
    stream = b"".join(compressor.compress(chunk) for _ in range(inflated_mb)) + compressor.flush()
    return one_page_pdf(path, stream, b"/FlateDecode")


def test_decompression_bomb(tmp_path: Path) -> None:
    """A tiny file whose content stream inflates to 100 MB is refused before pdfium inflates it."""
    path = _bomb_pdf(tmp_path / "bomb.pdf", inflated_mb=100)
    assert path.stat().st_size < 1024 * 1024
    doc = parse_pdf_file(path)
    assert doc.parse_status == "broken"
    assert doc.parse_error
    assert "Dekompressionsbombe" in doc.parse_error


def test_page_limit(tmp_path: Path) -> None:
    """Beyond max_pages only the first pages are read and the status says so."""
    path = render_pdf(
        [f"Anfrage Nr. F-0000{i}/14\nSeite {i}" for i in range(5)], tmp_path / "p.pdf"
    )
    doc = parse_pdf_file(path, max_pages=3)
    assert doc.parse_status == "too_many_pages"
    assert doc.pages == 5
    assert doc.reference == "F-00000/14"


def _scanned(tmp_path: Path) -> Path:
    source = pdfium.PdfDocument(_rendered(tmp_path))
    png = tmp_path / "page.png"
    source[0].render(scale=200 / 72).to_pil().save(png)
    source.close()
    from fpdf import FPDF  # 0.3 s of imports: only in the tests that draw a PDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(str(png), x=0, y=0, w=210)
    path = tmp_path / "scanned.pdf"
    pdf.output(str(path))
    return path


def test_scanned_pdf_without_ocr_has_status_no_text(tmp_path: Path) -> None:
    """A scan without a text layer and without OCR gives 'no_text', not a crash."""
    doc = parse_pdf_file(_scanned(tmp_path), ocr=False)
    assert doc.parse_status == "no_text"
    assert doc.parse_error
    assert "Textlayer" in doc.parse_error


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed")
def test_scanned_pdf_is_read_by_ocr(tmp_path: Path) -> None:
    """With tesseract installed a scanned inquiry is OCRed and its fields are found."""
    doc = parse_pdf_file(_scanned(tmp_path))
    assert doc.parse_status == "ok"
    assert doc.ocr is True
    assert doc.reference == "2026/0090"
    assert doc.factions == ("CDU",)
    assert doc.questions[:1] == (
        "Wie bewertet die Stadtverwaltung die Ergebnisse der „Europäischen Schülerstudie zu "
        "Alkohol und anderen Drogen“?",
    )
