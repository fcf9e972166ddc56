"""Layouts of the corpus development split (tests/corpus/dev/), each on a real text rendered to PDF.

The texts are rebuilt from their fetched snapshots by tests/corpus_data.py (a test is skipped
with one reason where the snapshots are absent). Expected values were read off the texts.
"""

from __future__ import annotations

from pathlib import Path

from fetcher.model import ParsedDocument
from fetcher.parse import parse_pdf_file
from standins.pdf_render import render_text
from tests.corpus_data import corpus_path


def _parse(tmp_path: Path, name: str) -> ParsedDocument:
    path = corpus_path(name, "dev")
    doc = parse_pdf_file(render_text(path.read_text("utf-8"), tmp_path / "doc.pdf"))
    assert doc.parse_status == "ok", doc.parse_error
    return doc


def test_reference_in_a_value_column(tmp_path: Path) -> None:
    """'Gremium: / Termin: / Vorlage Nr.: / TOP:' then the values: the third value is the number."""
    doc = _parse(tmp_path, "karlsruhe-2013-0017-anfrage-fdp-nachtstromspeicher")
    assert doc.reference == "2013/0017"
    assert doc.questions[0].startswith("Wie gedenken die Stadtwerke Karlsruhe auf den Wegfall")


def test_reference_column_after_an_interleaved_value(tmp_path: Path) -> None:
    """'Gremium: / 61. Plenarsitzung / Termin: / Vorlage Nr.: …': the column starts at 'Termin:'."""
    doc = _parse(tmp_path, "karlsruhe-2014-0504-stellungnahme-fw-kombiloesung-tunnel")
    assert doc.kind == "Antwort"
    assert doc.reference == "2014/0504"


def test_lettered_questions_a_to_j_with_numbered_parts(tmp_path: Path) -> None:
    """A.–J. ('I.' read as a letter) are the ten questions; '1.'–'5.' under 'E.' stay inside."""
    doc = _parse(tmp_path, "karlsruhe-2015-0499-anfrage-fw-kombiloesung-wirtschaftlichkeit")
    assert len(doc.questions) == 10
    assert doc.questions[0] == (
        "Bis wann ist mit einem aktualisierten Nachweis der Wirtschaftlichkeit zu rechnen?"
    )
    assert doc.questions[4].startswith(
        "Welche Kosten wurden bei der Beantragung der Fördermittel 2004 kalkuliert:\n"
        "1. für den Tunnelrohbau?\n2. für die Tunnelinfrastruktur?"
    )
    assert doc.questions[5].endswith("vorgelegt mit welchem Ergebnis?")  # no rule line "____"
    assert doc.questions[8] == (
        'Wie werden die "unabdingbaren Mehrkosten" von der Stadt / KASIG definiert und begründet?'
    )


def test_question_asked_in_prose_without_question_mark(tmp_path: Path) -> None:
    """'Wir fragen von daher an, ob …' (no '?', no list): the 'ob' clause is the one question."""
    doc = _parse(tmp_path, "karlsruhe-2019-or-durlach-anfrage-gruene-schulweg-hubstrasse")
    assert doc.kind == "Anfrage"
    assert doc.reference is None  # '16.10.2019', '11', 'Dez. 2 / OA' are table values
    assert doc.questions == (
        "ob ein Bereich der Straße in irgendeiner geeigneten Form zum Kreuzen für Schulkinder "
        "ausgewiesen werden kann.",
    )


def test_question_inside_a_letter_paragraph(tmp_path: Path) -> None:
    """'Wir fragen hiermit an, welche Schritte …' in the middle of the letter's one paragraph."""
    doc = _parse(tmp_path, "karlsruhe-2025-0202-anfrage-gruene-or-wettersbach-aschenbecher")
    assert len(doc.questions) == 1
    assert doc.questions[0].startswith(
        "welche Schritte notwendig sind, um eine Genehmigung durch den VBK zu erhalten"
    )


def test_decimal_outline_without_parent_lines(tmp_path: Path) -> None:
    """'1. 1.', '1.2.' … '2.1.' … '3.': three top-level questions, the leaves inside them."""
    doc = _parse(tmp_path, "karlsruhe-2018-0735-anfrage-afd-radfahrer")
    assert len(doc.questions) == 3
    assert doc.questions[0].startswith(
        "Liegen der Stadtverwaltung aktuelle Erkenntnisse darüber vor, ob sich die Situation"
    )
    assert "\n1.2. Falls ja, welche?\n1.3. Falls nein" in doc.questions[0]
    assert doc.questions[1].startswith(
        "Wie und in welcher Form findet in Karlsruhe derzeit die amtliche Verkehrsüberwachung"
    )


def test_outline_restarting_under_roman_sections(tmp_path: Path) -> None:
    """'I.' prose, '1.1.'–'1.3.'; 'II.' prose, '1.1.'–'1.2.': five questions, no section text."""
    doc = _parse(tmp_path, "karlsruhe-2019-1329-anfrage-afd-sichere-haefen")
    assert len(doc.questions) == 5
    assert doc.questions[0].startswith("wie viele Menschen die Stadt Karlsruhe bis zum 31.12.2019")
    assert doc.questions[2].endswith("(Verein Seebrücke) entstanden sind.")
    assert doc.questions[4] == "welche Kosten der Stadt hierdurch entstanden sind."


def test_topic_headings_over_bullet_questions(tmp_path: Path) -> None:
    """'1. Kampfmittelsituation' … '4. Erdwälle', each over '- …?' bullets: four questions."""
    doc = _parse(tmp_path, "karlsruhe-2017-0819-anfrage-afd-stadion-rueckbau")
    assert len(doc.questions) == 4
    assert doc.questions[0].startswith("Kampfmittelsituation\n- Besteht außer im Baufeld")
    assert doc.questions[1].startswith("Abbruchgebäude\n- Wie hoch ist die geschätzte Menge")


def test_statement_item_with_lettered_sub_questions(tmp_path: Path) -> None:
    """'1. <statement>. a) Wie …? b) Wie …?' then '2.'–'5.': five questions, not the a)–c) of 5."""
    doc = _parse(tmp_path, "karlsruhe-2016-0622-anfrage-linke-sozialwohnungen")
    assert len(doc.questions) == 5
    assert doc.questions[0].startswith("Bei Inkrafttreten dieser Satzung (Ende 2014) lagen")
    assert "\na) Wie ist sieht dieser Durchschnittswert aktuell aus?\nb) " in doc.questions[0]


def test_letter_without_salutation_names_its_group_in_the_letterhead(tmp_path: Path) -> None:
    """'Freie Wähler Karlsruhe, Hebelstraße 13, …' over 'Herrn Oberbürgermeister': the faction."""
    doc = _parse(tmp_path, "karlsruhe-2016-fw-brief-anfrage-gewerbeflaechen-ikea")
    assert doc.kind == "Anfrage"
    assert doc.factions == ("Freie Wähler",)
    assert doc.reference is None  # no Vorlage number is printed on the letter
    assert len(doc.questions) == 4
    assert "\n1. Auf wie hoch werden die zu erwartenden" in doc.questions[2]


def test_lettered_paragraphs_that_end_asking(tmp_path: Path) -> None:
    """'A. <statements> … Hat sich damit …?' items are questions from their first words on."""
    doc = _parse(tmp_path, "karlsruhe-2016-fw-brief-anfrage-ditib")
    assert doc.factions == ("Freie Wähler",)
    assert len(doc.questions) == 3
    assert doc.questions[0].startswith("Laut bundesweiten Medienberichten, hat die türkische")
    assert doc.questions[0].endswith(
        "als Gesprächspartner für den Bau von Moscheen disqualifiziert - und das auch in Karlsruhe?"
    )


def test_answer_wording_inside_an_inquiry_is_prose(tmp_path: Path) -> None:
    """'Antwort auf …' wrapped onto a line start below the questions keeps the kind Anfrage."""
    doc = _parse(tmp_path, "karlsruhe-2020-1246-2-anfrage-linke-videoueberwachung")
    assert doc.kind == "Anfrage"
    assert doc.reference == "2020/1246/2"
    assert len(doc.questions) == 5


def test_misspelt_stellungnahme_label(tmp_path: Path) -> None:
    """'Stellungname zur Anfrage' is an answer; each quoted question keeps its answer."""
    doc = _parse(tmp_path, "karlsruhe-2021-or-wolfartsweier-stellungnahme-cdu-steinkreuzstrasse")
    assert doc.kind == "Antwort"
    assert len(doc.questions) == 2
    assert doc.answers[1] == "Siehe Antwort zu Frage 1."


def test_fax_page_number_is_no_reference(tmp_path: Path) -> None:
    """'Vorlage Nr.:' then the fax line 'Nr. 8015 S. 1': no reference is invented."""
    doc = _parse(tmp_path, "karlsruhe-2019-or-wolfartsweier-stellungnahme-kita-scan")
    assert doc.kind == "Antwort"
    assert doc.reference is None


def test_request_after_a_lead_in_naming_the_anfrage(tmp_path: Path) -> None:
    """'… stellen daher folgende Anfrage:' then a plain sentence: that sentence is the question."""
    doc = _parse(tmp_path, "karlsruhe-2026-0357-anfrage-interfraktionell-or-groetzingen-dlrg")
    assert doc.kind == "Anfrage"
    assert doc.factions == ()  # "Die Fraktionen im Grötzinger Ortschaftsrat" names none
    assert len(doc.questions) == 1
    assert doc.questions[0].startswith(
        "Die Ortsverwaltung wird beauftragt zu prüfen, ob und in welchem Umfang Mittel"
    )
