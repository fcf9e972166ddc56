"""Hand-checked field expectations for real council documents, parsed from PDFs.

Rendered PDFs (the originals are not available offline; standins/pdf_render.py renders the text):
Leipzig F-00724/14 (politik-bei-uns text, flattened as published), Leipzig VII-F-08613,
VII-EF-08640, VII-F-08507-AW-01, VII-A-08607 (stadtratmonitor-input.json), Karlsruhe 2026/0297
inquiry + answer and 2026/0090 (file-contents 677733, 678136, 676309).
Real PDFs: Antwort_Anfrage_23-2018_Stuttgart.pdf, Antrag_Sportmassnahmen_2022-11-23.pdf,
Landtag_BW_Drs_17-0273_Gesetzentwurf.pdf.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path

from fetcher.model import ConsultationInfo, ParsedDocument
from fetcher.parse import format_parsed, parse_pdf_file, summarise
from standins.pdf_render import render_text
from tests.fixtures_path import OPARL_FIXTURES, PDF_FIXTURES, TEXT_FIXTURES


@cache
def _leipzig() -> dict[str, str]:
    papers = json.loads(
        (TEXT_FIXTURES / "leipzig" / "stadtratmonitor-input.json").read_text("utf-8")
    )
    return {p["reference"]: p["content"] for p in papers}


def _rendered(tmp_path: Path, text: str) -> ParsedDocument:
    doc = parse_pdf_file(render_text(text, tmp_path / "doc.pdf"))
    assert doc.parse_status == "ok", doc.parse_error
    return doc


def _karlsruhe(tmp_path: Path, file_id: str) -> ParsedDocument:
    text = (OPARL_FIXTURES / "karlsruhe" / "file-contents" / f"{file_id}.txt").read_text("utf-8")
    return _rendered(tmp_path, text)


def test_leipzig_model_inquiry_f_00724_14(tmp_path: Path) -> None:
    """The product's model inquiry, flattened to one paragraph, yields every contract field."""
    page = (TEXT_FIXTURES / "politik-bei-uns-leipzig-F-00724-14.txt").read_text("utf-8")
    doc = _rendered(tmp_path, page.split("Inhalt der Datei", 1)[1])
    assert doc.kind == "Anfrage"
    assert doc.reference == "F-00724/14"
    assert doc.title == "Gemeinwesenarbeit – Vernetzung – Synergie"
    assert doc.submitters == ("Fraktion Bündnis 90/Die Grünen",)
    assert doc.factions == ("Bündnis 90/Die Grünen",)
    assert doc.status == "öffentlich"
    assert doc.consultations == (
        ConsultationInfo("Ratsversammlung", date(2014, 12, 10), "mündliche Beantwortung"),
    )
    assert doc.questions == (
        "Was wurde seitens der Verwaltung bisher unternommen, den Beschluss zur Stärkung der "
        "gemeinwesenorientierten Arbeit in Leipzig mit den bestehenden Quartiers- und "
        "Stadtteilmanagements umzusetzen? Wurde oder wird ein Konzept erstellt? Wie ist der "
        "Zeitplan dafür?",
        "Welche Rolle kommt dabei der Aktivierung der Ressourcen der Bürgerinnen und Bürger zu?",
        "Ist eine Begleitung oder Kooperation bei der Konzepterarbeitung mit einer Hochschule, "
        "Fachrichtung Sozialwissenschaften, angedacht oder angebahnt?",
        "Ist es vorgesehen dafür Ressourcen aus dem kommunalen Haushalt und Stellenanteile zur "
        "Koordinierungs- und Netzwerkarbeit zur Verfügung zu stellen?",
    )
    assert doc.summary is not None
    assert doc.summary.startswith("Im Juli 2013 beschloss der Stadtrat den Antrag der Fraktion")
    assert len(doc.summary) <= 400
    assert doc.summary.endswith(".")
    assert "Wir fragen an" not in doc.summary
    assert doc.pages == 1
    assert doc.ocr is False


def test_leipzig_inquiry_vii_f_08613(tmp_path: Path) -> None:
    """An ALLRIS 4 inquiry: header fields and five numbered questions after 'fragen wir an:'."""
    doc = _rendered(tmp_path, _leipzig()["VII-F-08613"])
    assert doc.kind == "Anfrage"
    assert doc.reference == "VII-F-08613"
    assert doc.title == "Anwendbarkeit des Tarifabschlusses TVöD auf freie Träger"
    assert doc.submitters == ("Fraktion DIE LINKE",)
    assert doc.factions == ("Die Linke",)
    assert doc.status == "öffentlich"
    assert doc.consultations == (
        ConsultationInfo(
            "Ratsversammlung", date(2023, 5, 17), "mündliche/schriftliche Beantwortung"
        ),
    )
    assert len(doc.questions) == 5
    assert doc.questions[1] == (
        "Wie verhält es sich im Bereich von Finanzierungsvereinbarungen (bspw. Hilfen zur "
        "Erziehung oder Kita)?"
    )
    assert doc.questions[2] == (
        "Welche Mehrkosten kämen auf die Stadt Leipzig zu, falls dies so umgesetzt werden "
        "würde? Bitte nach Bereichen aufschlüsseln."
    )
    assert doc.questions[3].startswith("Falls nein zu Frage 1: Welche Voraussetzungen")
    assert doc.summary == (
        "Bereits in der Tarifrunde 2020 wurde für den öffentlichen Dienst die Zahlung einer "
        "Corona-Prämie außerhalb des regulären Arbeitsentgeltes vereinbart."
    )


def test_leipzig_citizen_inquiry_hides_the_author(tmp_path: Path) -> None:
    """An Einwohneranfrage keeps its fields but never names the private person who asked."""
    doc = _rendered(tmp_path, _leipzig()["VII-EF-08640"])
    assert doc.kind == "Anfrage"
    assert doc.reference == "VII-EF-08640"
    assert doc.title == "Drohnen statt Hubschrauber?"
    assert doc.submitters == ()
    assert doc.factions == ()
    assert doc.consultations == (
        ConsultationInfo("Ratsversammlung", date(2023, 6, 14), "schriftliche Beantwortung"),
    )
    assert doc.questions == ()
    assert doc.summary is not None
    assert doc.summary.startswith("Ich wohne in der Südvorstadt.")


def test_leipzig_written_answer_pairs_questions_and_answers(tmp_path: Path) -> None:
    """A 'schriftliche Antwort zur Anfrage' lists 'Frage 1:' … with the answer text after each."""
    doc = _rendered(tmp_path, _leipzig()["VII-F-08507-AW-01"])
    assert doc.kind == "Antwort"
    assert doc.reference == "VII-F-08507-AW-01"
    assert doc.title == "Innenhofbebauung Meusdorfer Straße 57"
    assert doc.submitters == ("Dezernat Stadtentwicklung und Bau",)
    assert doc.factions == ()
    assert doc.questions == (
        "Wurde für das o.g. Vorhaben eine Bauvoranfrage oder ein Bauantrag gestellt und wenn ja, "
        "was beinhaltet diese/r?",
        "Wurden bereits Widersprüche von Anwohnerinnen eingelegt, wenn ja wie viele?",
        "Welche Regulierungsmöglichkeiten sieht die Stadtverwaltung für diese ggf. geplante "
        "Hofbebauung vor dem Hintergrund der damit geplanten weiteren Verdichtung des Areals, des "
        "Wegfalls von Hof-Freiraum-Bereichen, Konflikten mit Aktivitäten des benachbarten "
        "Kulturprojektes und vor dem Hintergrund des sich in Erstellung befindlichen Konzeptes "
        "zur doppelten Innenentwicklung?",
    )
    assert len(doc.answers) == 3
    assert doc.answers[1] == (
        "Ja, gegen die erteilte Baugenehmigung wurde durch einen Nachbarn am 13.03.2023 "
        "Widerspruch eingereicht. Die Widerspruchsprüfung erfolgt aktuell durch den zuständigen "
        "Verfahrensmanager."
    )
    assert doc.answers[2].endswith("steht derzeit noch nicht fest.")
    assert "2/2" not in doc.answers[2]


def test_leipzig_motion_has_no_questions_and_three_consultations(tmp_path: Path) -> None:
    """An Antrag: role continuation lines join ('Verweisung in die Gremien'), no questions."""
    doc = _rendered(tmp_path, _leipzig()["VII-A-08607"])
    assert doc.kind == "Antrag"
    assert doc.reference == "VII-A-08607"
    assert doc.title == "Schaffung von Wohnraum vorantreiben – Wohnungsbaukoordinator*in einsetzen"
    assert doc.submitters == ("Fraktion Bündnis 90/Die Grünen",)
    assert doc.factions == ("Bündnis 90/Die Grünen",)
    assert doc.consultations == (
        ConsultationInfo("Ratsversammlung", date(2023, 5, 17), "Verweisung in die Gremien"),
        ConsultationInfo("FA Stadtentwicklung und Bau", date(2023, 5, 30), "1. Lesung"),
        ConsultationInfo("zeitweilig beratender Ausschuss Wohnen", date(2023, 5, 30), "1. Lesung"),
    )
    assert doc.questions == ()


def test_karlsruhe_inquiry_with_sub_bullets_and_signatures(tmp_path: Path) -> None:
    """Karlsruhe 2026/0297: 'Anfrage: AfD', 8 questions over 2 pages, bullets stay with parents."""
    doc = _karlsruhe(tmp_path, "677733")
    assert doc.kind == "Anfrage"
    assert doc.reference == "2026/0297"
    assert doc.title == "Zuwendungen des Bundes im Programmbereich „Partnerschaften für Demokratie„"
    assert doc.submitters == (
        "AfD",
        "Dr. Paul Schmidt",
        "Oliver Schnell",
        "Rouven Stolz",
        "Andreas Seidler",
        "Dr. Gerhard Lenz",
    )
    assert doc.factions == ("AfD",)
    assert doc.status == "öffentlich"
    assert doc.consultations == (
        ConsultationInfo("Gemeinderat", date(2026, 5, 19), "Kenntnisnahme"),
    )
    assert len(doc.questions) == 8
    assert doc.questions[0] == (
        "Welche Institutionen hat die Stadt Karlsruhe in welcher finanziellen Höhe aus den für "
        "2025 erhaltenen Mitteln in Höhe von 140.000,00 € für welche konkreten Projekte gefördert?"
    )
    assert doc.questions[3].startswith("Ist die Verwaltung der im Schreiben des Ministeriums")
    assert "Welche Maßnahmen fehlen?" in doc.questions[3]
    assert doc.questions[7] == (
        "Wann wird die Verwaltung eine entsprechende Beschlussvorlage in den Gemeinderat "
        "einbringen?"
    )
    assert doc.pages == 3
    assert doc.summary is not None
    assert doc.summary.startswith("Das Bundesministerium hat die")


def test_karlsruhe_answer_stellungnahme(tmp_path: Path) -> None:
    """Karlsruhe 'Stellungnahme zur Anfrage' 2026/0297 repeats 8 questions, each with its answer."""
    doc = _karlsruhe(tmp_path, "678136")
    assert doc.kind == "Antwort"
    assert doc.reference == "2026/0297"
    assert doc.factions == ("AfD",)
    assert len(doc.questions) == 8
    assert len(doc.answers) == 8
    assert doc.questions[3] == (
        "Ist die Verwaltung der im Schreiben des Ministeriums genannten verpflichtenden "
        "nachträglichen Eintragung der Einzelmaßnahmen 2025 in das Förderportal bereits "
        "vollständig nachgekommen?"
    )
    assert doc.answers[3] == "Alle vorgegebenen Fristen werden eingehalten"
    assert doc.answers[7] == "Siehe 5."
    assert doc.summary is not None
    assert doc.summary.startswith("Seit 2015 ist die Stadt Karlsruhe Trägerin der Partnerschaft")


def test_karlsruhe_inquiry_without_intro_sentence(tmp_path: Path) -> None:
    """Karlsruhe 2026/0090: questions follow the header table; Begründung gives the summary."""
    doc = _karlsruhe(tmp_path, "676309")
    assert doc.reference == "2026/0090"
    assert doc.title == "Ausrichtung des Karlsruher Jugendschutzes"
    assert doc.factions == ("CDU",)
    assert doc.questions[2] == "Wie reagiert der Karlsruher Jugendschutz darauf?"
    assert len(doc.questions) == 6
    assert doc.summary is not None
    assert doc.summary.startswith("In den letzten Jahren ist der Alkoholkonsum und -missbrauch")


def test_stuttgart_answer_pdf() -> None:
    """The real Stuttgart answer PDF: reference, faction, Betreff; answers name no question text."""
    doc = parse_pdf_file(PDF_FIXTURES / "Antwort_Anfrage_23-2018_Stuttgart.pdf")
    assert doc.parse_status == "ok"
    assert doc.kind == "Antwort"
    assert doc.reference == "23/2018"
    assert doc.title == "S-21 neuer Fertigstellungstermin - Auswirkungen für die Bürger"
    assert doc.submitters == ("AfD-Gemeinderatsfraktion",)
    assert doc.factions == ("AfD",)
    assert doc.consultations == ()
    assert doc.questions == ()
    assert doc.pages == 3
    assert doc.summary is not None
    assert doc.summary.startswith("Da Fragen des Baus und der")
    assert "Seite 1" not in doc.full_text


def test_erlangen_motion_demands_are_not_questions() -> None:
    """An Erlangen Antrag lists numbered demands; they must not become questions."""
    doc = parse_pdf_file(PDF_FIXTURES / "Antrag_Sportmassnahmen_2022-11-23.pdf")
    assert doc.kind == "Antrag"
    assert doc.title == "Kurzfristige Sportentwicklungsmaßnahmen in Büchenbach"
    assert doc.questions == ()
    assert doc.reference is None
    # The board it signs for, then the chair (blanks8: the same for all four board motions).
    assert doc.submitters == ("Stadtteilbeirat Büchenbach", "Günter Winkelmann")
    assert doc.factions == ()


def test_landtag_bill_is_not_an_inquiry() -> None:
    """The Landtag BW bill (negative example): sonstiges, Drucksache number, SPD, no questions."""
    doc = parse_pdf_file(PDF_FIXTURES / "Landtag_BW_Drs_17-0273_Gesetzentwurf.pdf")
    assert doc.kind == "sonstiges"
    assert doc.reference == "17/273"
    assert doc.title == (
        "Gesetz zur Änderung der Verfassung des Landes Baden-Württemberg und des Gesetzes über "
        "die Landtagswahlen"
    )
    assert doc.factions == ("SPD",)
    assert doc.questions == ()
    assert doc.summary is not None
    assert doc.summary.startswith("Der Gesetzentwurf hat zum Ziel")


def test_every_fixture_pdf_gives_the_contract_json() -> None:
    """Every real fixture PDF parses without error into the contract's JSON keys plus its status."""
    keys = {
        "kind",
        "reference",
        "title",
        "submitters",
        "factions",
        "status",
        "consultations",
        "questions",
        "summary",
        "pages",
        "text_chars",
        "ocr",
        "parse_status",
        "parse_error",
    }
    for path in sorted(PDF_FIXTURES.glob("*.pdf")):
        doc = parse_pdf_file(path)
        assert doc.parse_status == "ok", (path.name, doc.parse_error)
        assert set(doc.to_json()) == keys
        assert doc.pages > 0
        assert doc.text_chars > 0
        assert format_parsed(doc).startswith("Art:")


def test_summary_keeps_whole_sentences() -> None:
    """The summary ends at a sentence boundary, keeps abbreviations and stays within 400 chars."""
    text = "Der Stadtrat beschloss z.B. am 10.12.2014 den Antrag. " * 12
    summary = summarise(text)
    assert summary is not None
    assert len(summary) <= 400
    assert summary.endswith("den Antrag.")
    assert "z.B. am 10.12.2014" in summary
