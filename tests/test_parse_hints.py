"""Metadata first (PaperHints, `ratsbot parse --paper-type …`) and the scan status, on real files.

Documents: the Nordstemmen answer DS 8/2021 (../shared/fixtures/texts/diverse/, rendered to PDF),
the Karlsruhe Stellungnahme 612169 (file-contents) and the real Stuttgart answer PDF.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from bot.cli import main
from fetcher.parse import PaperHints, disagreements, parse_pdf_file
from standins.pdf_render import render_text
from tests.fixtures_path import OPARL_FIXTURES, PDF_FIXTURES, TEXT_FIXTURES

NORDSTEMMEN_DS_8 = (
    TEXT_FIXTURES / "diverse" / "nordstemmen-DS-8-2021-antwort-gruene-radverkehrskonzept.txt"
)


def _render(tmp_path: Path, text_path: Path) -> Path:
    return render_text(text_path.read_text("utf-8"), tmp_path / "doc.pdf")


def test_metadata_wins_and_the_pdf_fills_gaps(tmp_path: Path) -> None:
    """OParl reference, name and originator replace the PDF's; questions still come from the PDF."""
    hints = PaperHints(
        paper_type="Mitteilungsvorlage",
        reference="DS 8/2021",
        name="Regionales Radverkehrskonzept des Landkreises Hildesheim",
        originator_organizations=("Fraktion Bündnis 90/Die Grünen",),
    )
    doc = parse_pdf_file(_render(tmp_path, NORDSTEMMEN_DS_8), hints=hints)
    assert doc.reference == "DS 8/2021"
    assert doc.title == "Regionales Radverkehrskonzept des Landkreises Hildesheim"
    assert doc.factions == ("Bündnis 90/Die Grünen",)
    assert doc.submitters == ("Fraktion Bündnis 90/Die Grünen",)
    assert doc.kind == "Informationsvorlage"  # the paperType names a kind: it wins
    assert doc.summary is not None  # the PDF fills what metadata lacks


def test_answer_attached_to_the_inquiry_paper_stays_an_answer(tmp_path: Path) -> None:
    """A Stellungnahme filed under the inquiry's paper (paperType 'Anfrage') stays an Antwort."""
    path = render_text(
        (OPARL_FIXTURES / "karlsruhe" / "file-contents" / "612169.txt").read_text("utf-8"),
        tmp_path / "doc.pdf",
    )
    doc = parse_pdf_file(path, hints=PaperHints(paper_type="Anfrage", reference="2019/1062"))
    assert doc.kind == "Antwort"
    assert len(doc.questions) == 4


def test_disagreements_name_the_field(tmp_path: Path) -> None:
    """A reference that differs between PDF and metadata is reported for the sync's log."""
    parsed = parse_pdf_file(_render(tmp_path, NORDSTEMMEN_DS_8))
    found = disagreements(parsed, PaperHints(reference="DS 9/2021"))
    assert found == ["reference: pdf='8/2021' metadata='DS 9/2021'"]
    assert disagreements(parsed, PaperHints(reference="8/2021")) == []


def test_cli_hints_reach_the_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`ratsbot parse FILE --paper-type … --reference … --json` prints the metadata's values."""
    path = PDF_FIXTURES / "Antwort_Anfrage_23-2018_Stuttgart.pdf"
    code = main(
        ["parse", str(path), "--paper-type", "Anfrage", "--reference", "GRDrs 23/2018", "--json"]
    )
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["reference"] == "GRDrs 23/2018"
    assert out["kind"] == "Antwort"  # the PDF is the answer, filed under the inquiry
    assert out["factions"] == ["AfD"]
    assert out["parse_status"] == "ok"


def _scan(tmp_path: Path) -> Path:
    source = pdfium.PdfDocument(_render(tmp_path, NORDSTEMMEN_DS_8))
    png = tmp_path / "page.png"
    source[0].render(scale=100 / 72).to_pil().save(png)
    source.close()
    from fpdf import FPDF  # 0.3 s of imports: only in the tests that draw a PDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(str(png), x=0, y=0, w=210)
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    return path


@pytest.mark.skipif(shutil.which("tesseract") is not None, reason="tesseract is installed")
def test_scan_without_tesseract_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A scan without tesseract: the JSON's parse_status says OCR was needed, text mode one line."""
    scan = _scan(tmp_path)
    assert main(["parse", str(scan), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["parse_status"] == "ocr_unavailable"
    assert out["pages"] == 1
    assert "tesseract" in out["parse_error"]
    assert main(["parse", str(scan)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    assert "Texterkennung (OCR) nötig" in lines[0]
