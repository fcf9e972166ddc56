"""Kind read by structure: a type word under a subject heading of a paper that calls itself a
Vorlage is what the paper is about, not what it is.

Texts: Karlsruhe Ortsverwaltung Neureut cover sheets (tests/corpus/dev/, rebuilt from the fetched
snapshot, and ../shared/fixtures/oparl/karlsruhe/file-contents/). Expected values were read off
the documents; both tests fail on main ac90994 (Anfrage and Antrag there).
"""

from __future__ import annotations

from pathlib import Path

from fetcher.parse import parse_pdf_file, parse_text
from standins.pdf_render import render_paged_text
from tests.corpus_data import corpus_labels, corpus_path
from tests.fixtures_path import OPARL_FIXTURES


def test_cover_sheet_about_an_inquiry_is_a_vorlage(tmp_path: Path) -> None:
    """'Thema' / 'Anfrage der FDP-Ortschaftsratsfraktion, …' above 'Beratungsfolge dieser Vorlage':
    the administration's cover sheet, no inquiry and no question (text and paged PDF)."""
    name = "karlsruhe-2021-or-neureut-vorlage-anfrage-fdp-geothermie"
    text = corpus_path(name, "dev").read_text("utf-8")
    for doc in (parse_text(text), parse_pdf_file(render_paged_text(text, tmp_path / "c.pdf"))):
        assert (doc.kind, doc.questions, doc.reference) == ("Vorlage", (), None)
        assert doc.factions == ("FDP",)


def test_cover_sheet_about_a_motion_is_a_vorlage() -> None:
    """'Thema' / 'Antrag der FDP-Ortschaftsratsfraktion zum Ausbau der Ladeinfra-' (Neureut 2021,
    file 628407) is the same cover sheet, about a motion."""
    path = OPARL_FIXTURES / "karlsruhe" / "file-contents" / "628407.txt"
    assert parse_text(path.read_text("utf-8")).kind == "Vorlage"


def test_answer_word_wrapped_in_an_inquiry_through_the_pdf(tmp_path: Path) -> None:
    """Dresden AF2016/13 through the paged PDF wraps '… steht als' / 'Beantwortung auf meine
    Frage 2 …' in its Einleitung: a sentence running on, the paper stays an inquiry."""
    name = "dresden-AF2016-13-anfrage-fdp-fragerecht-geschaeftsordnung"
    text = corpus_path(name, "dev").read_text("utf-8")
    doc = parse_pdf_file(render_paged_text(text, tmp_path / "inquiry.pdf"))
    assert doc.parse_status == "ok", doc.parse_error
    assert (doc.kind, doc.reference, len(doc.questions)) == ("Anfrage", "AF2016/13", 5)


def test_answer_word_wrapped_in_minutes() -> None:
    """Karlsruhe 616868 (minutes, TOP 48): '… wie habe ich die' / 'Antwort der Stadtverwaltung zu
    verstehen?' is a councillor's sentence; the paper is the Niederschrift."""
    path = OPARL_FIXTURES / "karlsruhe" / "file-contents" / "616868.txt"
    assert parse_text(path.read_text("utf-8")).kind == "Niederschrift"


def test_every_dresden_document_reads_as_its_kind() -> None:
    """Every Dresden dev document reads as the kind its label gives (or one it also accepts):
    'MÜNDLICHE ANFRAGE' and 'ANFRAGE' forms are inquiries, the Oberbürgermeisterin's and the
    Bürgermeister's replies are answers, motions, a Vorlage and interim notices are neither."""
    dresden = [x for x in corpus_labels("dev") if x.name.startswith("dresden")]
    assert len(dresden) >= 60
    oral = [x for x in dresden if "muendliche-anfrage" in x.name and "antwort" not in x.name]
    assert len(oral) >= 5
    for entry in dresden:
        text = corpus_path(entry.name, "dev").read_text("utf-8")
        accepted = {entry.label["kind"], *entry.label.get("kind_alt", [])}
        assert parse_text(text).kind in accepted, entry.name
    for entry in oral:
        text = corpus_path(entry.name, "dev").read_text("utf-8")
        assert parse_text(text).kind == "Anfrage", entry.name
