"""Page edges through the PDF path: what repeats by chance is text, what repeats as furniture goes.

A PDF breaks its pages wherever the text reaches the bottom, so a short answer that recurs in a
Landtag answer ("Es wird auf die Vorbemerkung der Landesregierung verwiesen.") or a table row can
open two pages; counted over page edges alone it read as a running head and was left out. A
letter repeats its sender's block of four or more lines at every page's foot, more than the
three edge lines the count looked at. Real dev texts rendered to PDF (standins/pdf_render.py:
plain, paged, and "letter", the paged style with the document's own first lines as a footer
block), read by `parse_pdf_file` as `ratsbot parse` does; expected values were read off the
documents.
"""

from __future__ import annotations

import re
from pathlib import Path

from fetcher.model import ParsedDocument
from fetcher.parse import parse_pdf_file
from standins.pdf_render import letter_footer, render_letter_text, render_paged_text, render_text
from tests.corpus_data import corpus_path


def _read(tmp_path: Path, name: str, style: str) -> ParsedDocument:
    text = corpus_path(name, "dev").read_text("utf-8")
    render = {"paged": render_paged_text, "letter": render_letter_text}.get(style, render_text)
    doc = parse_pdf_file(render(text, tmp_path / f"{style}.pdf"))
    assert doc.parse_status == "ok", doc.parse_error
    return doc


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


LANDTAG = "LANDTAG-niedersachsen-19-{}-kleine-anfrage-mit-antwort"


def test_recurring_answer_at_two_page_tops_is_kept(tmp_path: Path) -> None:
    """'Es wird auf die Vorbemerkung … verwiesen.' opens pages 2 and 4 and stays answer 1 and 26."""
    doc = _read(tmp_path, LANDTAG.format(11181), "plain")
    assert len(doc.answers) == 47
    assert doc.answers[0] == "Es wird auf die Vorbemerkung der Landesregierung verwiesen."
    assert doc.answers[25] == "Es wird auf die Vorbemerkung der Landesregierung verwiesen."


def test_recurring_answer_under_the_running_head_is_kept(tmp_path: Path) -> None:
    """'Hierzu liegen … keine statistischen Daten vor.' under page 5's head is answer 10."""
    doc = _read(tmp_path, LANDTAG.format(11226), "paged")
    no_data = "Hierzu liegen der Landesregierung keine statistischen Daten vor."
    assert [doc.answers[k] for k in (1, 9, 10)] == [no_data] * 3


def test_wrapped_last_word_at_a_page_top_stays_in_its_answer(tmp_path: Path) -> None:
    """'… der Fragen 1 und 2' / page break / 'verwiesen.': answer 17 ends with its verb."""
    doc = _read(tmp_path, LANDTAG.format(11161), "paged")
    assert doc.answers[16] == (
        "Es wird auf die Vorbemerkung der Landesregierung sowie auf die Beantwortung der Fragen "
        "1 und 2 verwiesen."
    )


def test_table_rows_at_page_edges_are_kept(tmp_path: Path) -> None:
    """Rows '4 15 8' and '… 3 0 8' at a page foot and a decimals row at a page top stay."""
    doc = _read(tmp_path, LANDTAG.format(11198), "plain")
    assert (
        "Verbotene Kfz-Rennen (ohne Gefährdung) gemäß § 315d Abs. 1 StGB 4 15 8 Verstoß gegen "
        "KraftStG / Abgabenordnung 3 0 8 Missbrauch"
    ) in _fold(doc.answers[2])
    doc = _read(tmp_path, LANDTAG.format(11198), "paged")
    assert (
        "Wilhelmshaven 2023 2024 2025 Strafsachen (Verkehr) - Erledigte Verfahren insgesamt "
        "184,2 132,0 104,9 Strafsachen (Verkehr) - Erledigung durch Verurteilung 32,9 39,6 39,8 "
        "Oldenburg"
    ) in _fold(doc.answers[3])


def test_running_head_with_its_page_number_mid_page_is_left_out(tmp_path: Path) -> None:
    """The text's own head over '4' three lines above the page foot does not end answer 8."""
    doc = _read(tmp_path, LANDTAG.format(11160), "paged")
    assert doc.answers[7].endswith(
        "In 2026 haben sechs Gremienmitglieder an der Reise teilgenommen."
    )


def test_running_head_at_the_first_page_foot_is_left_out(tmp_path: Path) -> None:
    """Page 1 ends with the Landtag head (its number '2' opens page 2): not inside answer 2."""
    doc = _read(tmp_path, LANDTAG.format(11224), "plain")
    assert "Niedersächsischer Landtag" not in doc.answers[1]
    assert _fold(doc.answers[1]).endswith(
        "Daher ist die Anzahl der Ausschreibungen nur eingeschränkt zwischen den regionalen "
        "Geschäftsbereichen vergleichbar."
    )


def test_footer_block_of_the_letter_paper_is_left_out(tmp_path: Path) -> None:
    """A four-line footer under each of 3 pages ('Vorlage Nr.: 2025/0900', …) enters no question."""
    name = "karlsruhe-2025-0900-anfrage-afd-sprachzertifikate"
    footer = letter_footer(corpus_path(name, "dev").read_text("utf-8"))
    assert [" ".join(line.split()) for line in footer[2:]] == [
        "Vorlage Nr.: 2025/0900",
        "Eingang: 23.09.2025",
    ]
    doc = _read(tmp_path, name, "letter")
    assert len(doc.questions) == 9
    assert not any(
        "Vorlage Nr" in q or "Eingang:" in q or "Recyclingpapier" in q for q in doc.questions
    )
    assert " ".join(doc.questions[1].split()).endswith(
        "2.5 Falls derzeit keine speziellen Prüfverfahren existieren: Ist aufgrund der "
        "bundesweiten Berichte über Fälschungen ein verbindliches Prüfverfahren für Karlsruhe in "
        "Planung? Wenn ja, wie soll dieses ausgestaltet werden?"
    )


def test_word_hyphenated_before_a_footer_block_is_joined(tmp_path: Path) -> None:
    """'Müllton-' glued to the footer's 'STADT KARLSRUHE' by pdfium: one word again, no footer."""
    doc = _read(tmp_path, "karlsruhe-2020-or-durlach-anfrage-spd-muelltonnen", "letter")
    assert doc.questions == (
        "Welche Maßnahmen ergreift die Verwaltung, um das Problem zu lösen und Mülltonnen von den "
        "Durlacher Straßen „verschwinden zu lassen“?",
    )


def test_running_head_whose_first_line_holds_a_dash_is_left_out(tmp_path: Path) -> None:
    """The head 'SPD - Fraktion im Stadtrat Dresden – Anfrage Nr.: AF2025/13' ends no question."""
    doc = _read(tmp_path, "dresden-AF2025-13-anfrage-spd-parkplaetze-uniklinikum", "paged")
    assert len(doc.questions) == 7
    assert doc.questions[6] == (
        "Wie bewertet die Stadtverwaltung die Möglichkeit, mit Zuschüssen aus "
        "Stellplatzablösemitteln den Bau zusätzlicher Parkkapazitäten (Autos, Fahrräder) auf dem "
        "Uniklinikumsgelände oder im Umfeld zu fördern?"
    )


def test_item_number_at_a_page_top_is_no_running_head() -> None:
    """'14.)' opens page 2 as '#.)' items open other pages: it stays, 20 questions (text path)."""
    from fetcher.parse import parse_text

    text = corpus_path("dresden-AF2029-13-anfrage-gruene-wohnheim-wetterwarte", "dev")
    doc = parse_text(text.read_text("utf-8"))
    assert len(doc.questions) == 20
    assert doc.questions[13].endswith(
        "Wie sollen 3 Waschmaschinen für 60 Personen gegebenenfalls mit Kindern ausreichen "
        "(Vergleichswerte)?"
    )
