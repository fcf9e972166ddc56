"""Answer letters that quote the inquiry: quotation marks, quoted blocks, lead-ins (issue 11).

Real answer letters of the Oberbürgermeisterin der Landeshauptstadt Dresden (dev corpus, texts
committed beside their labels) and a Karlsruhe Stellungnahme (../shared/fixtures). Each letter
is read twice: as the text says (no type word: an inquiry's questions) and with the paperType
"Antwort" the sync passes from OParl (questions and the answer to each). Expected values were
read off the documents.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fetcher.model import ParsedDocument
from fetcher.parse import parse_pdf_file, parse_text
from fetcher.parse.document import parse_pages
from fetcher.parse.hints import PaperHints
from standins.pdf_render import render_paged_text
from tests.corpus_data import corpus_path
from tests.fixtures_path import OPARL_FIXTURES

ANSWER = PaperHints(paper_type="Antwort")


def _text(name: str) -> str:
    return corpus_path(name, "dev").read_text("utf-8")


def _as_answer(text: str) -> ParsedDocument:
    return parse_pages(text.split("\f"), hints=ANSWER)


def test_quotation_mark_before_the_number_opens_the_item() -> None:
    """'„2. Welche …' after '1. Warum …' continues the list: five questions, no answer in them."""
    text = _text("dresden-AF2040-13-antwort-schloss-albrechtsberg")
    for doc in (parse_text(text), _as_answer(text)):
        assert len(doc.questions) == 5
        assert doc.questions[0] == (
            "Warum konkret ist die Beleuchtung des Schlosses Albrechtsberg seit Beginn des "
            "Jahres aus? Wann wird sie wieder angeschaltet?"
        )
        assert doc.questions[1].startswith("Welche Instandhaltungsmaßnahmen werden am Schloss")
        assert doc.questions[1].endswith("beeinflussen sie die Lichtanlage?")
        assert doc.questions[3] == (
            "Welche Kosten entstehen durch diese Instandhaltungsmaßnahmen und wer trägt die Kosten?"
        )
        assert not any(q[0] in '„"' or q[-1] in '“"' for q in doc.questions)
    answers = _as_answer(text).answers
    assert answers[0].startswith("Instandsetzungsarbeiten wegen defekter Scheinwerfer")
    assert answers[3].startswith("Hierdurch entstehen Kosten in Höhe von ca. 23.500 EUR.")


def test_quotation_mark_after_the_number_and_table_cells_stay_out() -> None:
    """'1. „Wie hoch …?"' then a table one cell per line: the question ends at its closing mark."""
    text = _text("dresden-AF2014-13-antwort-rundfunkbeitrag-tabellen")
    for doc in (parse_text(text), _as_answer(text)):
        assert [q[:30] for q in doc.questions] == [
            "Wie hoch war die durch die Lan",
            "Wie hoch ist der seit 01.01.20",
            "Welche Regelungen gelten für s",
        ]
        assert doc.questions[0].endswith("in den Jahren 2011 und 2012?")
        assert doc.questions[1].endswith("zu zahlende neue Rundfunkbeitrag?")
    answers = _as_answer(text).answers
    assert answers[1] == (
        "Über die Höhe des zu entrichteten Rundfunkbeitrages kann noch keine Aussage getroffen "
        "werden, da die Ermittlung noch läuft."
    )


def test_lead_in_ending_in_a_colon_is_not_the_question() -> None:
    """'Dazu habe ich folgende Frage: Warum …?' inside the quoted inquiry asks 'Warum …?'."""
    text = _text("dresden-AF2036-13-antwort-nachfrage-fragerecht")
    for doc in (parse_text(text), _as_answer(text)):
        assert len(doc.questions) == 1
        assert doc.questions[0].startswith(
            "Warum wurde mir bei meiner AF1899/12 vom 20. November 2012 kein fristgemäßer "
            "Zwischenbescheid"
        )
    answers = _as_answer(text).answers
    assert answers[0].startswith("Jahreswechsel, Feiertage, Krankheit usw. sind eine berechtigte")


def test_quoted_inquiry_asking_without_question_mark() -> None:
    """The quoted '… möchte ich wissen, welche Mehrkosten … zu stoppen.' is the one question."""
    text = _text("dresden-AF2023-13-antwort-haushaltsabgabe")
    for doc in (parse_text(text), _as_answer(text)):
        assert doc.questions == (
            "welche Mehrkosten die Stadt Dresden durch die Neuordnung des Rundfunkbeitrages für "
            "das Jahr 2013 erwartet und ob es Bestrebungen gibt, die Zahlungen vorerst zu stoppen.",
        )
    answers = _as_answer(text).answers
    assert answers[0].startswith("Über die Höhe der Mehrkosten kann zum jetzigen Zeitpunkt")
    assert answers[0].endswith("können weitere Festlegungen getroffen werden.")


def test_closing_mark_of_a_quoted_question_is_no_part_of_the_answer() -> None:
    """The '"' closing a quoted question neither opens the answer nor stays on the question."""
    doc = parse_text(_text("dresden-AF2009-13-antwort-hofewiese"))
    assert doc.questions[1].startswith("In welcher Art und Weise wird das Bemühen Langebrücks")
    assert doc.answers[0].startswith("Der die Landeshauptstadt Dresden in dem Verfahren vor dem")
    assert doc.answers[1].startswith("Mit dem Ortsvorsteher von Langebrück ist vereinbart")
    # Karlsruhe Stellungnahme 609560: '… im „ausschließ-' / 'lichen Aufgabenbereich … liegt?“'
    stellungnahme = OPARL_FIXTURES / "karlsruhe" / "file-contents" / "609560.txt"
    karlsruhe = parse_text(stellungnahme.read_text("utf-8"))
    assert karlsruhe.answers[1].startswith("Bei der genannten Weisung handelt es sich")


def test_quoted_statements_in_an_answer_keep_their_marks() -> None:
    """An answer quoting a company's statement ('mitgeteilt: „Aktuell ist …') keeps the quote."""
    path = OPARL_FIXTURES / "karlsruhe" / "file-contents" / "606415.txt"
    doc = parse_text(path.read_text("utf-8"))
    assert any("Folgendes mitgeteilt: „Aktuell ist an der Station" in a for a in doc.answers)


def test_quoted_questions_through_the_paged_pdf(tmp_path: Path) -> None:
    """Rendered as a paged council PDF, the five quoted questions and their answers hold."""
    path = render_paged_text(
        _text("dresden-AF2040-13-antwort-schloss-albrechtsberg"), tmp_path / "letter.pdf"
    )
    doc = parse_pdf_file(path, hints=ANSWER)
    assert doc.parse_status == "ok", doc.parse_error
    assert len(doc.questions) == 5
    assert len(doc.answers) == 5
    assert doc.questions[1].startswith("Welche Instandhaltungsmaßnahmen")
    assert doc.answers[1].startswith("Die Scheinwerfer werden erneuert")


def _corpus_dev(name: str) -> Path:
    path = corpus_path(name, "dev")
    if not path.is_file():
        pytest.skip(f"corpus text not present: {name}")
    return path


def test_stellungnahme_repeating_one_unnumbered_question_after_a_quotation(
    tmp_path: Path,
) -> None:
    """After the context and a long quoted report, the paragraph that only asks is the question.

    Through the paged PDF too, where no blank line separates the paragraphs.
    """
    text = _corpus_dev("karlsruhe-2014-0504-stellungnahme-fw-kombiloesung-tunnel").read_text()
    paged = parse_pdf_file(render_paged_text(text, tmp_path / "paged.pdf"))
    for doc in (parse_text(text), paged):
        assert doc.kind == "Antwort"
        assert doc.questions == (
            "Welche Argumente/Fakten aus Sicht der KASIG/Stadt Karlsruhe sprechen gegen diese "
            "Aussage des BUND-Gutachters?",
        )
        assert doc.answers[0].startswith("Die von der DB-International nach anerkannten Regeln")


def test_stellungnahme_repeating_unnumbered_questions_paragraph_by_paragraph() -> None:
    """Six paragraphs that only ask, each followed by its answer, as the inquiry asked them."""
    stellungnahme = OPARL_FIXTURES / "karlsruhe" / "file-contents" / "656015.txt"
    doc = parse_text(stellungnahme.read_text("utf-8"))
    assert len(doc.questions) == 6
    assert doc.questions[1] == (
        "Entspricht SKiBB der aktuellen sogenannten Flexiblen Nachmittagsbetreuung?"
    )
    assert len(doc.answers) == 6
    inquiry = OPARL_FIXTURES / "karlsruhe" / "file-contents" / "655873.txt"
    assert len(parse_text(inquiry.read_text("utf-8")).questions) == 6


def test_answer_listing_the_inquiries_as_numbered_topics() -> None:
    """Nordstemmen 'Anfragen OR Burgstemmen': eight numbered topics, each answered in prose."""
    path = _corpus_dev("nordstemmen-2023-10-12-antwort-ortsrat-burgstemmen-anfragen")
    doc = _as_answer(path.read_text("utf-8"))
    assert len(doc.questions) == 8
    assert doc.questions[0] == "Nachrüstung Geschwindigkeitsmessanlage mit Solarmodul"
    assert doc.questions[1] == (
        "Umrüstung Ampelsteuerung, damit Tempo 30 nachts auch im Bereich der Ampel greift"
    )
    assert doc.questions[7] == "Sachstand Heizanlage Mehrzweckhalle"
    assert doc.answers[2].startswith("Die Kontrolle wird nicht durchgeführt, solange")
    assert "Ergänzung zum Thema Bootsanleger" in doc.answers[6]


def test_item_quoted_whole_on_its_line_and_closed_after_a_bracket() -> None:
    """'1. „Wie viele …?"' on one line; '(Kita/Schule)"' closes question 6 before its answer."""
    text = _text("dresden-AF2018-13-antwort-asylbewerber")
    for doc in (parse_text(text), _as_answer(text)):
        assert len(doc.questions) == 13
        assert doc.questions[0] == (
            "Wie viele Personen ohne deutsche Staatsbürgerschaft leben derzeit in Dresden?"
        )
        assert doc.questions[5] == (
            "Wie viele dieser Kinder/Jugendlichen besuchen Bildungseinrichtungen? (Ki ta/Schule)"
        )
    assert _as_answer(text).answers[0].startswith("Derzeit leben 23.841 Personen")


def test_quotation_mark_after_a_number_with_dot_and_bracket() -> None:
    """'1.) „Nach welchen …' opens one quotation over three questions answered together."""
    text = _text("dresden-mAF0013-14-antwort-afd-spenden-hochwasser")
    doc = parse_text(text)
    assert len(doc.questions) == 3
    assert doc.questions[0] == (
        "Nach welchen Kriterien erfolgte die Verteilung der schon ausgereichten Mittel in Höhe "
        "von 345.400 EUR?"
    )
    assert doc.questions[2].endswith("Summe (67.925,- EUR) zu erklären?")


def test_unnumbered_quoted_question_after_a_lead_in_keeps_its_answer() -> None:
    """'… bitte ich Sie um Beantwortung folgender Frage:' / 'Welche …?"' / the answer in prose."""
    doc = _as_answer(_text("dresden-AF2008-13-antwort-jugendhaeuser"))
    assert doc.questions == (
        "Welche Maßnahmen sind aus Sicht der Stadtverwaltung bei Einrichtungen, die sich nicht "
        "in kommunaler Trägerschaft befinden, prioritär?",
    )
    assert doc.answers[0].startswith("In der Information an den Jugendhilfeausschuss zur")
    assert doc.answers[0].endswith("im Mai 2013 zur Beschlussfassung vorzulegen.")


def test_summary_of_an_answer_letter_is_the_quoted_justification() -> None:
    """'Ihre … Anfrage beantworte ich (Ihnen)' / 'wie folgt:' is no summary; the quote's text is."""
    letter = parse_text(_text("dresden-AF2040-13-antwort-schloss-albrechtsberg"))
    assert letter.summary is not None
    assert letter.summary.startswith("Seit einiger Zeit Ist das Schloss Albrechtsberg abends")
    wrapped = parse_text(_text("dresden-mAF0011-14-antwort-cdu-schandauer-strasse"))
    assert wrapped.summary is not None
    assert wrapped.summary.startswith("Seitdem Beginn der Baumaßnahme Schandauer Straße")
    formula = parse_text(_text("dresden-AF2015-13-antwort-stromsperren"))
    assert formula.summary is None  # only the formula, then the quoted questions


def test_stellungnahme_answering_right_below_each_question() -> None:
    """Karlsruhe 623249: no blank line between question and answer; three questions, answered."""
    path = OPARL_FIXTURES / "karlsruhe" / "file-contents" / "623249.txt"
    doc = parse_text(path.read_text("utf-8"))
    assert len(doc.questions) == 3
    assert doc.questions[1] == "Gibt es triftige Gründe, die dies notwendig machen?"
    assert doc.questions[2] == "Absprache mit den zuständigen Fachämter?"
    assert doc.answers[1] == "Siehe oben."
    assert doc.answers[2].startswith("Eine Absprache mit städtischen Fachämtern ist nicht")
    together = OPARL_FIXTURES / "karlsruhe" / "file-contents" / "650298.txt"
    two = parse_text(together.read_text("utf-8"))  # two questions in a row share one answer
    assert [q[:22] for q in two.questions] == ["Ist es möglich, die Ob", "Muss die Oberflächenab"]


def test_summary_of_a_form_quoting_the_oral_inquiry() -> None:
    """Dresden oral inquiry forms: after 'Fragen:' / '„Sehr geehrte …,' the quoted background is
    the summary, not the form's header; an empty 'Einleitung:' gives no summary."""
    friedhof = parse_text(_text("dresden-mAF0007-14-muendliche-anfrage-gruene-juedischer-friedhof"))
    assert friedhof.summary is not None
    assert friedhof.summary.startswith("seit 2012 plant die Jüdische Gemeinde Dresden")
    eis = parse_text(_text("dresden-mAF0369-13-muendliche-anfrage-fdp-eissaison"))
    assert eis.summary is not None
    assert eis.summary.startswith("am Gründonnerstag-Abend kurz vor den Osterfeiertagen")
    empty = parse_text(_text("dresden-AF2018-13-anfrage-gruene-asylbewerber"))
    assert empty.summary is None
