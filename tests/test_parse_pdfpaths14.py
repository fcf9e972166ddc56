"""What real PDF layouts lose: a letterhead reprinted at a one-page foot, blocks drawn out of order.

A letter paper prints the sender's rows at every page's foot; on a one-page paper they occur once,
after the text, and their labelled rows ("Anfrage Nr.: …", "Datum: …") read as the header going
on below the question (standins.pdf_render's "letter" style: the document's own first lines as the
footer). Word processors draw the footer before the body, a letterhead text box after it, a
right-hand information box before the address box (standins.pdf_layouts: "drawn", "boxes", and
"table", the head's labelled lines as a ruled table); fetcher.pdf_order reads the page's blocks
where they stand. Real dev texts rendered to PDF and read by `parse_pdf_file` as `ratsbot parse`
does; expected values from the labels and the texts. All fail on main (cc89254) except the ones
that pin what must stay: the signature's one group line, the turned slides, the ruled head table
(main reads it too).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from fetcher.model import ParsedDocument
from fetcher.parse import parse_pdf_file
from fetcher.parse.text import clean_lines
from fetcher.pdf import extract_text
from fetcher.pdf_order import Box, reading_order
from standins.pdf_layouts import render_boxes_text, render_drawn_text, render_table_text
from standins.pdf_render import render_letter_text
from tests.corpus_data import corpus_path

Render = Callable[[str, Path], Path]


def _read(tmp_path: Path, name: str, render: Render) -> ParsedDocument:
    text = corpus_path(name, "dev").read_text("utf-8")
    doc = parse_pdf_file(render(text, tmp_path / "doc.pdf"))
    assert doc.parse_status == "ok", doc.parse_error
    return doc


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize(
    ("name", "first"),
    [
        (
            "dresden-AF2008-13-anfrage-gruene-jugendhaeuser",
            "Welche Maßnahmen sind aus Sicht der Stadtverwaltung bei Einrichtungen, die sich nicht "
            "in kommunaler Trägerschaft befinden, prioritär?",
        ),
        ("dresden-AF2023-13-anfrage-fraktionslos-haushaltsabgabe", "welche Mehrkosten"),
        ("dresden-mAF0367-13-muendliche-anfrage-vb-plan", "Gibt es eine genehmigte Änderung"),
        ("karlsruhe-2024-0495-anfrage-cdu-or-hohenwettersbach-bushaltestelle", "ob der Ausbau"),
        ("karlsruhe-2025-0201-anfrage-gruene-or-wettersbach-lastenraeder", "ob es möglich ist"),
    ],
)
def test_one_prose_question_above_a_reprinted_letterhead_is_read(
    tmp_path: Path, name: str, first: str
) -> None:
    """A one-page letter whose foot reprints its first lines still has its one prose question."""
    doc = _read(tmp_path, name, render_letter_text)
    assert len(doc.questions) == 1
    assert _fold(doc.questions[0]).startswith(first)


def test_numbered_list_above_a_reprinted_letterhead_keeps_its_count(tmp_path: Path) -> None:
    """Dresden AF2092/13 through the letter style: five questions, the fifth without the foot."""
    name = "dresden-AF2092-13-anfrage-gruene-stadtteilbibliothek"
    doc = _read(tmp_path, name, render_letter_text)
    assert len(doc.questions) == 5
    assert doc.questions[4].endswith("auf die verschiedenen Verkehrsträger ein.")


def test_a_signature_group_line_alike_at_head_and_foot_stays() -> None:
    """One line alike at head and foot (a signature's group) is no reprinted letterhead."""
    page = "Fraktion X\nAnfrage\nWie geht es?\nMax Muster\nFraktion X\nSeite 1 von 1"
    assert clean_lines([page])[-1] == "Fraktion X"


@pytest.mark.parametrize(
    ("name", "reference", "count"),
    [
        ("dresden-AF2006-13-anfrage-gruene-schulbaumassnahmen", "AF2006/13", 16),
        ("dresden-AF2008-13-anfrage-gruene-jugendhaeuser", "AF2008/13", 1),
        ("dresden-AF2017-13-anfrage-gruene-staedtepartnerschaft-st-petersburg", "AF2017/13", 6),
    ],
)
def test_head_drawn_after_the_body_is_read_first(
    tmp_path: Path, name: str, reference: str, count: int
) -> None:
    """A letterhead drawn after the body and a footer drawn before it read as the page shows."""
    doc = _read(tmp_path, name, render_drawn_text)
    assert doc.reference == reference
    assert len(doc.questions) == count


def test_word_hyphenated_before_a_head_drawn_late_stays_whole(tmp_path: Path) -> None:
    """pdfium joins 'betrof-' to the head drawn after the body; the head goes first, the word
    meets its rest on the next page (Dresden AF2020/13, question 6)."""
    doc = _read(tmp_path, "dresden-AF2020-13-anfrage-gruene-abschiebungen", render_drawn_text)
    assert doc.reference == "AF2020/13"
    assert len(doc.questions) == 12
    assert "von Abschiebung betroffenen Personen" in doc.questions[5]


def test_drawn_page_reads_its_late_head_first(tmp_path: Path) -> None:
    """The drawn style's page 1 opens with its head block, drawn last; the footer drawn first
    stays before the body, where the page-edge rules read it as well as at the page's end."""
    text = corpus_path("dresden-AF2008-13-anfrage-gruene-jugendhaeuser", "dev").read_text("utf-8")
    page = extract_text(render_drawn_text(text, tmp_path / "doc.pdf")).pages[0]
    lines = [line.strip() for line in page.split("\n") if line.strip()]
    assert lines[:4] == [
        "Anfrage Nr.: AF2008/13",
        "Datum: 28. Januar 2013",
        "Seite 1 von 1",
        "ANFRAGE",
    ]


@pytest.mark.parametrize(
    ("name", "reference"),
    [
        ("dresden-AF0028-14-antwort-cdu-fernbuslinien", "AF0028/14"),
        ("dresden-AF2018-13-antwort-asylbewerber", "AF2018/13"),
        ("dresden-AF2997-14-antwort-spd-runder-tisch-wohnen", "AF2997/14"),
    ],
)
def test_right_text_box_written_first_is_read_after_the_address(
    tmp_path: Path, name: str, reference: str
) -> None:
    """An information box written before the address box beside it keeps the reference."""
    assert _read(tmp_path, name, render_boxes_text).reference == reference


def test_turned_page_keeps_pdfium_order() -> None:
    """Lines running up the page (a turned slide) are left in the stream's order."""
    text = "Agenda\r\n1. Punkt\r\n2"
    boxes = [Box(115, 70, 149, 181), Box(192, 76, 220, 682), Box(508, 772, 515, 777)]
    assert reading_order(text, boxes) == text


def test_table_head_keeps_reference_and_questions(tmp_path: Path) -> None:
    """The head's labelled lines in a ruled table still give the reference and the questions."""
    doc = _read(tmp_path, "dresden-AF2092-13-anfrage-gruene-stadtteilbibliothek", render_table_text)
    assert doc.reference == "AF2092/13"
    assert len(doc.questions) == 5
