"""Inquiry layouts from other Kommunen (issue 11), each pinned on a real document rendered to PDF.

Texts: ../shared/fixtures/texts/diverse/ (Niedersachsen Landtag "Kleine Anfrage … mit Antwort",
Nordstemmen Mitteilungsvorlagen), Karlsruhe inquiries and Stellungnahmen (file-contents), and the
corpus development split tests/corpus/dev/ (texts materialized by tests/corpus_data.py;
RATSBOT_CORPUS_DIR overrides; skipped where the snapshots are absent). Expected values were read
off the texts.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fetcher.model import ParsedDocument
from fetcher.parse import parse_pdf_file
from standins.pdf_render import render_text
from tests.corpus_data import corpus_path
from tests.fixtures_path import OPARL_FIXTURES, TEXT_FIXTURES

DIVERSE = TEXT_FIXTURES / "diverse"
KARLSRUHE = OPARL_FIXTURES / "karlsruhe" / "file-contents"


def _corpus_dev(text_name: str) -> Path:
    # RATSBOT_CORPUS_DIR: a directory with dev/NAME.txt; else materialized from the snapshots.
    if os.environ.get("RATSBOT_CORPUS_DIR"):
        return Path(os.environ["RATSBOT_CORPUS_DIR"]) / "dev" / text_name
    return corpus_path(Path(text_name).stem, "dev")


def _parse(tmp_path: Path, text_path: Path) -> ParsedDocument:
    if not text_path.is_file():
        pytest.skip(f"corpus text not present: {text_path.name}")
    doc = parse_pdf_file(render_text(text_path.read_text("utf-8"), tmp_path / "doc.pdf"))
    assert doc.parse_status == "ok", doc.parse_error
    return doc


def test_landtag_kleine_anfrage_mit_antwort(tmp_path: Path) -> None:
    """A Landtag 'Kleine Anfrage … mit Antwort' is an answer split per question, party in prose."""
    doc = _parse(
        tmp_path, DIVERSE / "LANDTAG-niedersachsen-19-11134-kleine-anfrage-mit-antwort.txt"
    )
    assert doc.kind == "Antwort"
    assert doc.title == "Prüfung und Modernisierung des Bestattungsrechts in Niedersachsen"
    assert doc.reference == "19/11134"  # not the inquiry's own "Drs. 19/10805"
    assert doc.factions == ("CDU",)  # "Anfrage der Abgeordneten Claus Seebeck und … (CDU)"
    assert len(doc.questions) == 5
    assert doc.questions[0] == (
        "Welche gesetzlichen oder regulatorischen Hindernisse bestehen derzeit gegebenenfalls für "
        "die Einführung neuer Bestattungsformen oder für die Flexibilisierung bestehender "
        "Regelungen?"
    )
    assert doc.questions[1].endswith("Falls ja, mit welchem Ergebnis? Falls nein, warum nicht?")
    assert len(doc.answers) == 5
    assert doc.answers[0].startswith("Durch die gesetzliche Festlegung der zulässigen")
    assert doc.summary is not None
    assert doc.summary.startswith("Das Bestattungsrecht in Niedersachsen regelt")


def test_landtag_running_heads_between_questions(tmp_path: Path) -> None:
    """Running heads and page numbers between questions enter neither a question nor the count."""
    doc = _parse(
        tmp_path, DIVERSE / "LANDTAG-niedersachsen-19-11222-kleine-anfrage-mit-antwort.txt"
    )
    assert len(doc.questions) == 3
    assert doc.questions[0].startswith("Wie ist in Bezug auf die Putenhaltung der aktuelle Stand")
    assert not any("Wahlperiode" in q or "Drucksache" in q for q in doc.questions)


def test_landtag_member_without_faction(tmp_path: Path) -> None:
    """'Anfrage des Abgeordneten … (fraktionslos)' names no faction."""
    doc = _parse(
        tmp_path, DIVERSE / "LANDTAG-niedersachsen-19-11150-kleine-anfrage-mit-antwort.txt"
    )
    assert doc.factions == ()
    assert len(doc.questions) == 11


def test_mitteilungsvorlage_answering_an_inquiry(tmp_path: Path) -> None:
    """A Mitteilungsvorlage about 'Anfrage der CDU-Fraktion …' answers it question by question."""
    doc = _parse(tmp_path, DIVERSE / "nordstemmen-DS-70-2011-antwort-cdu-baugrundstuecke.txt")
    assert doc.kind == "Antwort"
    assert doc.reference == "70/2011"  # printed "DS 70/2011"; the cited "DS 71/2010" is a trap
    assert doc.factions == ("CDU",)
    assert len(doc.questions) == 5
    assert (
        doc.questions[1]
        == "Wie viele Grundstücke davon wurden zum reduzierten Baulandpreis veräußert?"
    )
    assert doc.answers[1].startswith("Ein Grundstück")


def test_place_name_is_no_faction(tmp_path: Path) -> None:
    """'Fraktion Bündnis 90/ Die Grünen im Rat der Gemeinde Nordstemmen' gives the party only."""
    doc = _parse(tmp_path, DIVERSE / "nordstemmen-DS-8-2021-antwort-gruene-radverkehrskonzept.txt")
    assert doc.kind == "Antwort"
    assert doc.reference == "8/2021"
    assert doc.factions == ("Bündnis 90/Die Grünen",)
    assert doc.questions == ()  # the dash lists of road sections are no questions


def test_faction_in_a_request_sentence(tmp_path: Path) -> None:
    """'Die SPD-Fraktion bittet um Auskunft …' names the faction; no question is invented."""
    doc = _parse(tmp_path, DIVERSE / "nordstemmen-DS-81-2014-antwort-spd-kita-verpflegung.txt")
    assert doc.kind == "Antwort"
    assert doc.factions == ("SPD",)
    assert doc.questions == ()


def test_frage_n_colon_items(tmp_path: Path) -> None:
    """'Frage 1:' … 'Frage 4:' items of a Karlsruhe Stellungnahme are the questions."""
    doc = _parse(tmp_path, KARLSRUHE / "638077.txt")
    assert doc.kind == "Antwort"
    assert len(doc.questions) == 4
    assert doc.questions[2] == (
        "Wie hoch sind die Kosten für eine Sanierung der Skateparkanlagen an der Europahalle und "
        "in Durlach?"
    )


def test_zu_n_repeats_each_question(tmp_path: Path) -> None:
    """'Zu 1.: <question>' followed by its answer, three times, splits per question."""
    doc = _parse(tmp_path, KARLSRUHE / "617716.txt")
    assert len(doc.questions) == 3
    assert doc.questions[0] == (
        "Welche Erkenntnisse hat die Stadtverwaltung zur Quote des totalen Leerstands in Karlsruhe?"
    )
    assert doc.answers[2].startswith("Nein, das ist nicht beabsichtigt.")


def test_joint_answer_between_questions(tmp_path: Path) -> None:
    """'Antwort zu Frage 1 und 2:' after question 2 does not end the list before questions 3, 4."""
    doc = _parse(tmp_path, KARLSRUHE / "612169.txt")
    assert len(doc.questions) == 4
    assert doc.questions[2] == (
        "Welche Annahmen und Randbedingungen liegen der o. g. Stellplatzberechnung zu Grunde?"
    )
    assert doc.answers[1].startswith("Im Bauantrag wurden 500 Personen als Vollbelegung")
    assert doc.answers[2].startswith("Der Berechnung liegt die Landesbauordnung zugrunde")


def test_list_whose_first_number_was_lost(tmp_path: Path) -> None:
    """A list printed '…?' then 2.–5. keeps its unnumbered first question; Begründung stays out."""
    doc = _parse(tmp_path, KARLSRUHE / "618731.txt")
    assert doc.kind == "Anfrage"
    assert len(doc.questions) == 5
    assert (
        doc.questions[0]
        == "Wie viele Uhren im öffentlichen Raum sind in städtischer Verantwortung?"
    )
    assert doc.questions[4] == "Welche Kosten fallen für die Wartung der Uhren jährlich an?"
    assert doc.summary is not None
    assert doc.summary.startswith("Viele Menschen werfen auf die öffentlichen Uhren")


def test_roman_sections_and_sub_items(tmp_path: Path) -> None:
    """Roman headings (I., II.) above numbered questions drop out; a) b) stay in their parent."""
    doc = _parse(tmp_path, KARLSRUHE / "636857.txt")
    assert len(doc.questions) == 10
    assert doc.questions[3] == (
        "Gibt es bei den privaten Energieversorgern Einrichtungen oder Informationsstellen für "
        "Kund*innen mit Zahlungsschwierigkeiten?\na) zum Thema Energiesparen\n"
        "b) Zur Schuldnerberatung"
    )
    assert doc.questions[4].startswith("Wie viele Kund*innen / Haushalte mussten")


def test_dash_list_after_lead_in(tmp_path: Path) -> None:
    """A dash list after 'Die Verwaltung wird um Auskunft gebeten:' gives one question per dash."""
    doc = _parse(tmp_path, KARLSRUHE / "651435.txt")
    assert doc.factions == ("AfD",)
    assert len(doc.questions) == 7
    assert doc.questions[3] == "Wie soll dieser Wegfall ausgeglichen werden?"
    assert doc.summary is not None
    assert doc.summary.startswith("Die Stadt zahlt für das Einrichten der Radverkehrsspur")


def test_lettered_questions_under_numbered_options(tmp_path: Path) -> None:
    """A letter's a)–e) questions win over the numbered list of two options above them."""
    doc = _parse(tmp_path, _corpus_dev("nordstemmen-DS-34-2023-anfrage-gruene-mehrzweckhalle.txt"))
    assert doc.kind == "Anfrage"
    assert doc.reference is None  # none printed
    assert doc.factions == ("Bündnis 90/Die Grünen",)
    assert len(doc.questions) == 5
    assert doc.questions[0].startswith("Welche Maßnahmen umfasst die Sanierung?")
    assert doc.questions[4].endswith("der weniger Lärmbelästigung für Anwohner*innen bietet?")


def test_motion_with_questions_for_others(tmp_path: Path) -> None:
    """A motion asking to survey clubs ('a) Wie sieht Ihre … Nutzung …?') has no questions."""
    doc = _parse(
        tmp_path, _corpus_dev("nordstemmen-DS-34-2023-antrag-gruene-bedarfsermittlung.txt")
    )
    assert doc.kind == "Antrag"
    assert doc.questions == ()


def test_one_question_in_a_letter(tmp_path: Path) -> None:
    """An Ortsrat letter asking one question in its request sentence gives that sentence."""
    doc = _parse(tmp_path, _corpus_dev("nordstemmen-DS-3-2024-anfrage-ortsrat-barnten.txt"))
    assert doc.kind == "Anfrage"
    assert doc.factions == ()  # "Ortsrat Barnten" is no faction
    assert len(doc.questions) == 1
    assert doc.questions[0].startswith(
        "der Ortsrat Barnten bittet bis zur nächsten Ortsratssitzung"
    )


def test_sub_answers_do_not_end_the_list(tmp_path: Path) -> None:
    """'zu 3.a)' answer lines between questions keep questions 4–9; a)–d) stay inside question 3."""
    doc = _parse(
        tmp_path, _corpus_dev("LANDTAG-niedersachsen-19-11182-kleine-anfrage-mit-antwort.txt")
    )
    assert doc.factions == ("AfD",)
    assert len(doc.questions) == 9
    assert (
        "\na) den gesetzlichen Mindestlohn,\nb) sozialversicherungspflichtige" in doc.questions[2]
    )


def test_unterrichtung_is_no_answer(tmp_path: Path) -> None:
    """A Landtag 'Unterrichtung' about a withdrawn answer is neither inquiry nor answer."""
    doc = _parse(
        tmp_path, _corpus_dev("LANDTAG-niedersachsen-19-11153-unterrichtung-zurueckziehung.txt")
    )
    assert doc.kind == "sonstiges"
    assert doc.questions == ()


def test_numbered_sub_questions_1a_1b(tmp_path: Path) -> None:
    """'1 a.', '1 b.', '2 a.' … give one question per number with its lettered parts inside."""
    doc = _parse(tmp_path, KARLSRUHE / "624286.txt")
    assert doc.kind == "Anfrage"
    assert len(doc.questions) == 4
    assert doc.questions[3] == (
        "a) Gibt/gab es Infektionsschwerpunkte in Karlsruhe und welche sind das?\n"
        "b) Welche Maßnahmen werden/wurden durch die Stadt gegen diese Infektionsschwerpunkte "
        "ergriffen?"
    )


def test_numbers_and_letters_on_lines_of_their_own(tmp_path: Path) -> None:
    """'1.' and 'a.' alone on a line: three questions, a.–c. inside the third on own lines."""
    doc = _parse(tmp_path, KARLSRUHE / "665183.txt")
    assert len(doc.questions) == 3
    assert doc.questions[2].startswith(
        "Wie sieht die derzeitige Regelung zum Reservepool aus?\na. "
    )
    assert "\nb. In welchem Umfang kann der Reservepool" in doc.questions[2]
    assert "\nc. Welche weiteren Maßnahmen" in doc.questions[2]
    assert "Begründung" not in doc.questions[2]


def test_numbers_without_dot(tmp_path: Path) -> None:
    """'Fragen' then '1 Wird …', '2 Geschieht …', '3 Wieviel …' (no dot): three questions."""
    doc = _parse(tmp_path, KARLSRUHE / "606295.txt")
    assert len(doc.questions) == 3
    assert doc.questions[1] == (
        "Geschieht dies Zug um Zug damit nicht weniger Pflegekräfte die Arbeit der jetzigen "
        "Pflegekräfte übernehmen müssen?"
    )


def test_single_question_without_type_word(tmp_path: Path) -> None:
    """A faction's paper with only 'Vorlage Nr.' and one unnumbered question is an Anfrage."""
    doc = _parse(tmp_path, KARLSRUHE / "620435.txt")
    assert doc.kind == "Anfrage"
    assert doc.factions == ("CDU",)
    assert len(doc.questions) == 1
    assert doc.questions[0].startswith("In welchen Teilhaushalten der Doppelhaushalte 2017/2018")
    assert doc.questions[0].endswith("Europäischen Union einberechnet?")


def test_items_completing_the_lead_in_question(tmp_path: Path) -> None:
    """'… um Auskunft gebeten, wie … 1. die medizinische Versorgung …': six questions."""
    doc = _parse(tmp_path, KARLSRUHE / "642807.txt")
    assert doc.kind == "Anfrage"
    assert len(doc.questions) == 6
    assert doc.questions[3] == "die Sauberkeit (Sanitär/Hygiene) erhalten bleiben kann"
