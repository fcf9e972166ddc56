"""A run-together text printed to a PDF reads as its original (issue 11, thirteenth round).

A text whose lines were run together (bench.text_shapes "flat") and then printed the "paged" way
(standins/pdf_render.py: printed-width lines, a running head cut from the document's first line,
a "Seite N von M" foot) comes back as paragraphs of printed lines with the list labels, the form's
head cells and the letter's salutation inside them. The same documents wrapped as text
("flatwrap", "flathyph") show the same structure without the PDF. Real dev documents in those
shapes give the fields their labels record (read off the documents by hand,
tests/corpus/dev/*.json); every document test fails on main 9ab3fa8.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.text_shapes import flat, flat_hyphenated, flat_wrapped
from fetcher.model import ParsedDocument
from fetcher.parse import parse_pdf_file, parse_text
from fetcher.parse.page_edges import repeated_opening
from fetcher.parse.page_lists import first_labels
from fetcher.parse.text import DATE_AT_START, is_furniture
from standins.pdf_render import render_paged_text
from tests.corpus_data import assert_reads_as_labelled, corpus_path, dev_label


def _text(name: str) -> str:
    return corpus_path(name, "dev").read_text("utf-8")


def _flat_paged(tmp_path: Path, name: str) -> ParsedDocument:
    doc = parse_pdf_file(render_paged_text(flat(_text(name)), tmp_path / "paged.pdf"))
    assert doc.parse_status == "ok", doc.parse_error
    return doc


@pytest.mark.parametrize(
    "name",
    [
        "LANDTAG-niedersachsen-19-11246-kleine-anfrage-mit-antwort",
        "LANDTAG-niedersachsen-19-11237-kleine-anfrage-mit-antwort",
    ],
)
def test_flat_paged_list_whose_labels_fall_in_different_paragraphs(
    tmp_path: Path, name: str
) -> None:
    """Landtag Kleine Anfragen with their answers, flat and printed: '1.' ends a printed line of
    the Vorbemerkung's paragraph and '2.' stands pages later after a long answer; every numbered
    question is found, the first from its own words, not from question 2."""
    doc = _flat_paged(tmp_path, name)
    assert_reads_as_labelled(doc, dev_label(name))


def test_first_labels_reads_the_list_over_all_pages() -> None:
    """The first label of a list whose items stand on different pages is expected from the start;
    a footnote's '1.' after a lower-case word ('beschreibt 1. In dünn …') is none."""
    pages = [
        "Das Gutachten beschreibt 1. In dünn besiedelten Räumen … eingestellt. 1. Welche Mittel"
        " sind geflossen? Die Mittel …",
        "… wie folgt. 2. Welche Kapazitäten gibt es? Die Kapazitäten …",
    ]
    assert first_labels(pages) == {"num": 1}
    assert first_labels(["Es gibt 1. keine Liste und 2. keine Fragen."]) == {}


def test_flat_paged_page_foot_is_no_part_of_the_first_question(tmp_path: Path) -> None:
    """Landtag Drs. 19/11226, flat and printed: the foot 'Seite 1 von 4' under the page whose
    last line ends in '1.' is not read as question 1's start, nor kept inside any question."""
    name = "LANDTAG-niedersachsen-19-11226-kleine-anfrage-mit-antwort"
    doc = _flat_paged(tmp_path, name)
    assert_reads_as_labelled(doc, dev_label(name))
    assert not [q for q in doc.questions if "Seite" in q and "von 4" in q]
    assert is_furniture("Seite 1 von 4")
    assert not is_furniture("Seite 1 von 4 Wie viele Ärzte")


def test_flat_paged_oral_inquiry_form_with_its_head_cells_in_printed_lines(
    tmp_path: Path,
) -> None:
    """Dresden mAF0367/13 (mündliche Anfrage), flat and printed: '… Sitzung am: 18.04.2013
    Gegenstand: VB-Plan 573.1 Fragen: „…' runs over printed lines; its one question 'Gibt es
    eine genehmigte Änderung des VB-Plan 573.1 …' is found."""
    name = "dresden-mAF0367-13-muendliche-anfrage-vb-plan"
    assert_reads_as_labelled(_flat_paged(tmp_path, name), dev_label(name))


@pytest.mark.parametrize(
    "name",
    [
        "dresden-mAF0014-14-antwort-muendliche-anfrage-b172",
        "dresden-mAF0367-13-antwort-vb-plan",
        "dresden-AF2008-13-antwort-jugendhaeuser",
    ],
)
def test_flat_paged_answer_letter_with_its_salutation_in_printed_lines(
    tmp_path: Path, name: str
) -> None:
    """Dresden answer letters, flat and printed: 'mAF0014/14 Sehr geehrter Herr Krien, Ihre
    mündliche Anfrage … beantworte ich Ihnen wie folgt: „…' inside a printed paragraph; the
    quoted question is found."""
    assert_reads_as_labelled(_flat_paged(tmp_path, name), dev_label(name))


def test_flatwrap_answer_letter_with_its_salutation_in_wrapped_lines() -> None:
    """Dresden mAF0014/14's answer run together and wrapped at 90 characters: the question in
    the quotation after 'Sehr geehrter Herr Krien,' is found as printed."""
    name = "dresden-mAF0014-14-antwort-muendliche-anfrage-b172"
    assert_reads_as_labelled(parse_text(flat_wrapped(_text(name))), dev_label(name))


def test_flathyph_date_at_a_line_start_is_no_list_label() -> None:
    """Landtag Drs. 19/11265 run together, wrapped and hyphenated: a printed line opening with
    '1. Juli 2026, Berichte …' does not make '2.' the label expected next, so '… verwiesen. 1.
    Welche Eigenkapital- …' starts question 1 of ten."""
    name = "LANDTAG-niedersachsen-19-11265-kleine-anfrage-mit-antwort"
    assert_reads_as_labelled(parse_text(flat_hyphenated(_text(name))), dev_label(name))
    assert DATE_AT_START.match("1. Juli 2026, Berichte über fortbestehende Verluste")
    assert not DATE_AT_START.match("1. Welche Eigenkapital- oder sonstigen Kapitalzuführungen")


def test_flat_paged_running_head_joined_to_the_page_text(tmp_path: Path) -> None:
    """Dresden AF2016/13's answer, flat and printed: the running head cut from the first line
    after 'FDP-' is joined to the page's first line ('… 2013 FDP-5. „Warum habe ich …'); cut
    off, the fifth question is found."""
    name = "dresden-AF2016-13-antwort-erster-buergermeister-fragerecht"
    doc = _flat_paged(tmp_path, name)
    assert_reads_as_labelled(doc, dev_label(name))
    assert doc.questions[4].startswith("Warum habe ich für die AF1940/12")


def test_flat_paged_running_head_cut_short_is_no_text(tmp_path: Path) -> None:
    """Karlsruhe Neureut Informationsvorlage (Krötenschranke), flat and printed: the head 'Stadt
    Karlsruhe OV Neureut … /2020 OV Neure' between 'Telefon.: +49 721' and '133-3103' is left out,
    so the phone number is no reference (none is printed)."""
    name = "karlsruhe-2020-or-neureut-informationsvorlage-gruene-kroetenschranke"
    doc = _flat_paged(tmp_path, name)
    assert doc.reference is None
    assert "133-3103" not in doc.full_text.split("Telefon.: +49 721", 1)[0]


def test_repeated_opening_needs_the_opening_words_to_a_word_end() -> None:
    """A later page's top line repeats the opening when it shares its first 30 characters or
    more up to its own end or a word's end; text that opens alike inside a word is kept."""
    head = "Landeshauptstadt Dresden GZ: (OB) OB 12 Datum: 0 6. FEB. 2013 FDP-"
    opening = f"{head}Fraktion im Stadtrat"
    assert repeated_opening(head, opening) == len(head)
    assert repeated_opening(f"{head}5. „Warum habe ich …", opening) == len(head)
    assert repeated_opening("Landeshauptstadt Dresden GZ: (OB) OB 12 Datenschutz", opening) == 0
    assert repeated_opening("Landeshauptstadt Dresden", opening) == 0


@pytest.mark.parametrize(
    "name",
    [
        "LANDTAG-niedersachsen-19-11169-kleine-anfrage-mit-antwort",
        "leipzig-VII-F-08507-AW-01-antwort-innenhofbebauung",
    ],
)
def test_flat_paged_expected_question_after_a_capitalised_word(tmp_path: Path, name: str) -> None:
    """Flat and printed: the label expected next opens a question after a table's last cell or a
    heading ('… III 12.846.874 Euro 6. Welchen Landesanteil …?', '… Beantwortung Sachverhalt
    Frage 1: Wurde …?'); every question is found."""
    assert_reads_as_labelled(_flat_paged(tmp_path, name), dev_label(name))


def test_flatwrap_expected_label_after_a_word_stays_in_an_answer() -> None:
    """Landtag Drs. 19/11252 run together and wrapped: its numbered questions are found; and
    'Der 3. Bauabschnitt … wird vorbereitet.' in Dresden mAF0011/14's answer (as printed) stays
    inside the answer to question 2."""
    name = "LANDTAG-niedersachsen-19-11252-kleine-anfrage-mit-antwort"
    assert_reads_as_labelled(parse_text(flat_wrapped(_text(name))), dev_label(name))
    answer = "dresden-mAF0011-14-antwort-cdu-schandauer-strasse"
    assert_reads_as_labelled(parse_text(_text(answer)), dev_label(answer))


@pytest.mark.parametrize(
    "name",
    [
        "leipzig-VII-F-08613-anfrage-linke-tvoed-inflationsausgleich",
        "leipzig-VII-F-08632-anfrage-elektrofahrzeuge-ladepunkte",
    ],
)
def test_flathyph_form_unflattened_with_its_words_whole(name: str) -> None:
    """Leipzig inquiries run together, wrapped and hyphenated ('1. Beab-' / 'sichtigt die Stadt
    …'): the form's head fields inside its lines make clean_lines unflatten the page, and the
    printed lines are joined as prose, so question 1 opens with the whole word."""
    assert_reads_as_labelled(parse_text(flat_hyphenated(_text(name))), dev_label(name))


def test_flatwrap_label_after_a_footnote_mark_opens_question_one() -> None:
    """Landtag Drs. 19/11197 run together and wrapped: '… Kranken- haus angeordnet.3 1. Wie viele
    ausreisepflichtige Personen …' — the footnote mark after the period still ends the sentence,
    so '1.' opens the first of twelve questions."""
    name = "LANDTAG-niedersachsen-19-11197-kleine-anfrage-mit-antwort"
    label = dev_label(name)
    doc = parse_text(flat_wrapped(_text(name)))
    assert len(doc.questions) == label["questions"] == 12
    assert doc.questions[0].startswith(label["first_question_start"])
