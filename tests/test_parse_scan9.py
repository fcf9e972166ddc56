"""Scanned inquiries read through tesseract: OCR noise undone in one place (fetcher.ocr_text).

Unit tests: tesseract's own output, captured from dev corpus documents rendered in the "scan"
style (standins.pdf_scan: paged, rasterised at 200 dpi, turned 0.4°, image-only) and read by
fetcher.pdf's OCR branch; each literal names its document. End to end: Dresden inquiries (texts
committed beside their labels in tests/corpus/dev/) through the scan style and `parse_pdf_file`,
expected values from their hand-read labels; all four end-to-end tests fail on main 1ce5fb1
(questions 4 of 5, 4 of 6, 8 of 13: "5, Welchen …" is no list label there), and skip without
tesseract.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from fetcher.ocr_text import PDFIUM_HYPHEN, normalise_ocr_page
from fetcher.parse import parse_pdf_file, parse_text
from fetcher.pdf import _clean_pdfium
from standins.pdf_scan import render_scan_text
from tests.corpus_data import corpus_path

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract-ocr not installed"
)


def _as_text_layer(ocr: str) -> str:
    """Return an OCR page as fetcher.pdf's OCR branch hands it to the parser."""
    return _clean_pdfium(normalise_ocr_page(ocr))


def _folded(questions: tuple[str, ...]) -> list[str]:
    return [re.sub(r"\s+", " ", q).strip() for q in questions]


def test_blank_lines_go_and_hyphenated_words_meet() -> None:
    """Tesseract's paragraph blank lines go and a word hyphenated at a line end is marked the way
    pdfium marks it (Landtag Niedersachsen 19/11138, page 1, its title)."""
    ocr = (
        "Nach welchen Kriterien werden Beobachtungsobjekte in den Verfassungsschutzbe-\n"
        "richt auf-\n\ngenommen? (Teil 1)\n\n"
    )
    assert normalise_ocr_page(ocr) == (
        f"Nach welchen Kriterien werden Beobachtungsobjekte in den Verfassungsschutzbe"
        f"{PDFIUM_HYPHEN}richt auf{PDFIUM_HYPHEN}genommen? (Teil 1)"
    )
    assert _as_text_layer(ocr) == (
        "Nach welchen Kriterien werden Beobachtungsobjekte in den Verfassungsschutzbericht "
        "aufgenommen? (Teil 1)"
    )


def test_hyphen_before_a_page_footer_keeps_the_footer_a_line() -> None:
    """A word broken at a page's last line stays apart from 'Seite 2 von 5' below it, as on a text
    layer (Landtag Niedersachsen 19/11185, end of page 2)."""
    ocr = (
        "Die Gründe dafür, warum Klagen oder Eilanträge von den Gerichten in jedem Einzel-\n"
        "fall zu unter-\n\nSeite 2 von 5\n"
    )
    assert _as_text_layer(ocr) == (
        "Die Gründe dafür, warum Klagen oder Eilanträge von den Gerichten in jedem Einzelfall "
        "zu unter-\nSeite 2 von 5"
    )


def test_list_label_comma_is_a_full_stop() -> None:
    """'3, Welche …' at a line's start is the list label '3.' (Landtag Niedersachsen 19/11185,
    page 2; '9, Wie hat sich …' in 19/11276, page 5); a decimal comma stays."""
    ocr = (
        "äßig und nicht leistbar ist.\n\n3, Welche Gründe erkennt die Landesregierung "
        "gegebenenfalls für den Umstand,\ndass in\n\n"
    )
    assert normalise_ocr_page(ocr).split("\n")[1].startswith("3. Welche Gründe erkennt")
    assert normalise_ocr_page("9, Wie hat sich deren Zahl seit 2015 entwickelt?") == (
        "9. Wie hat sich deren Zahl seit 2015 entwickelt?"
    )
    table_row = "0,9M. 1,0 M. 1,0M. 1,0 M.0,9M."  # 19/11185, page 4
    assert normalise_ocr_page(table_row) == table_row


def test_list_label_comma_before_a_quotation() -> None:
    """'3, „ist vorgesehen, …' (a question quoted in an answer) is the label '3.' (Dresden
    AF2250/13, page 3)."""
    ocr = (
        "Seite 2 von 2\n\n3, „ist vorgesehen, die Mitglieder der Kleingartensparten über den "
        'Stand der Maß\nnahme zu informieren? (Wenn ja, wann?)"'
    )
    assert normalise_ocr_page(ocr).split("\n")[1].startswith("3. „ist vorgesehen")


def test_roman_label_read_with_l_is_roman() -> None:
    """'Il. Über den …' below 'I. Am 26.02.2019 …' is section II. (Karlsruhe 2019/1329); 'I.'
    stays, and so do '11.' and a word."""
    ocr = (
        "I. Am 26.02.2019 hat sich in Baden-Württemberg nach den Städten\n"
        "Il. Über den zuvor genannten Gemeinderatsbeschluss hinaus wurde d"
    )
    assert normalise_ocr_page(ocr).split("\n") == [
        "I. Am 26.02.2019 hat sich in Baden-Württemberg nach den Städten",
        "II. Über den zuvor genannten Gemeinderatsbeschluss hinaus wurde d",
    ]
    for kept in ("11. Wie viele", "Ill Wie", "Ideen. Wie"):
        assert normalise_ocr_page(kept) == kept


def test_bullet_read_as_a_letter_is_a_bullet() -> None:
    """'e Wie ist …' and '« Welch…' under 'folgende Fragen:' are bullets (Karlsruhe 2026/0120,
    Ortschaftsrat Wolfartsweier)."""
    ocr = (
        "Hierzu ergeben sich für uns folgende Fragen:\n\ne Wie ist der aktuelle Stand der "
        "Umrüstung der Stromversorgung von Dachständern\nauf\n\nErdkabel in Wolfartsweier "
        "insgesamt?\n\n« Welche"
    )
    assert normalise_ocr_page(ocr).split("\n")[1].startswith("• Wie ist der aktuelle Stand")
    assert normalise_ocr_page(ocr).split("\n")[-1] == "• Welche"


def test_answer_label_with_one_read_as_l() -> None:
    """'Zul:' and 'ZU 3:' over an answer are 'Zu 1:' and 'Zu 3:'; 'Zu a:' and a line running on
    with 'zu 3.' stay (Landtag Niedersachsen 19/11219, pages 4 and 5; 19/11167, page 7)."""
    ocr = "Antwort der Landesregierung vom 20.07.2026\n\nZul:\n\nDie Landesregierung hat\nZU 3:"
    assert normalise_ocr_page(ocr).split("\n")[1:] == ["Zu 1:", "Die Landesregierung hat", "Zu 3:"]
    for kept in ("Zu a:", "zu 3. Klasse"):
        assert normalise_ocr_page(kept) == kept


def test_paragraph_signs_read_as_dollar_or_eight() -> None:
    """'$ 83 Abs. 3', '8$ 16,17', '88 22 bis 25 AufenthG' and 'gemäß 8 46 Abs.' are paragraph
    signs (Landtag Niedersachsen 19/11185 page 3 and 19/11138 page 1, Dresden AF2018/13);
    '8 x' and a figure like '8 Wochen' stay."""
    assert normalise_ocr_page("nicht, $ 83 Abs. 3 Satz 1 AsylIG, $ 43 ZustVO-Justiz.") == (
        "nicht, § 83 Abs. 3 Satz 1 AsylIG, § 43 ZustVO-Justiz."
    )
    assert normalise_ocr_page("c) Aufenthaltserlaubnis nach 8$ 16,17, 20 AufenthG") == (
        "c) Aufenthaltserlaubnis nach §§ 16,17, 20 AufenthG"
    )
    assert normalise_ocr_page("f) Aufenthaltserlaubnis nach 88 22 bis 25 AufenthG (bitte") == (
        "f) Aufenthaltserlaubnis nach §§ 22 bis 25 AufenthG (bitte"
    )
    assert normalise_ocr_page("gemäß 8 46 Abs. 2GOLT") == "gemäß § 46 Abs. 2GOLT"
    for kept in ("8 x 12 Stunden", "nach 8 Wochen", "in 8 12 Fällen"):
        assert normalise_ocr_page(kept) == kept


@needs_tesseract
@pytest.mark.parametrize(
    ("name", "reference", "factions", "count", "first"),
    [
        (
            "dresden-AF2040-13-anfrage-fdp-schloss-albrechtsberg",
            "AF2040/13",
            ("FDP",),
            5,
            "Warum konkret ist die Beleuchtung des Schlosses Albrechtsberg seit Beginn des",
        ),
        (
            "dresden-AF2839-14-anfrage-fdp-verkehrszeichen",
            "AF2839/14",
            ("FDP",),
            6,
            "An welchen Standorten im Dresdner Stadtgebiet wurden die Verkehrszeichen",
        ),
        (
            "dresden-AF2018-13-anfrage-gruene-asylbewerber",
            "AF2018/13",
            ("Bündnis 90/Die Grünen",),
            13,
            "Wie viele Personen ohne deutsche Staatsbürgerschaft leben derzeit in Dresden?",
        ),
    ],
)
def test_scanned_dresden_inquiry_gives_its_labelled_fields(
    tmp_path: Path, name: str, reference: str, factions: tuple[str, ...], count: int, first: str
) -> None:
    """A Dresden inquiry scanned (image pages only) gives its labelled kind, reference, factions,
    question count and first question through tesseract."""
    text = corpus_path(name, "dev").read_text("utf-8")
    doc = parse_pdf_file(render_scan_text(text, tmp_path / "scan.pdf"))
    assert doc.ocr is True
    assert (doc.kind, doc.reference, doc.factions) == ("Anfrage", reference, factions)
    assert len(doc.questions) == count
    assert _folded(doc.questions)[0].startswith(first)


@needs_tesseract
def test_scanned_questions_read_word_for_word_as_the_text(tmp_path: Path) -> None:
    """Dresden AF2040/13 scanned reads its five questions word for word as its text does, the
    fifth ('5, Welchen weiteren Sanierungsbedarf …' in tesseract's output) included."""
    text = corpus_path("dresden-AF2040-13-anfrage-fdp-schloss-albrechtsberg", "dev").read_text(
        "utf-8"
    )
    doc = parse_pdf_file(render_scan_text(text, tmp_path / "scan.pdf"))
    assert _folded(doc.questions) == _folded(parse_text(text).questions)
    assert _folded(doc.questions)[4].startswith(
        "Welchen weiteren Sanierungsbedarf gibt es am Schloss Albrechtsberg?"
    )
