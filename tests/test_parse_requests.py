"""Inquiries that ask without a plain question list, each pinned on a real Karlsruhe text (PDF).

Texts: ../shared/fixtures/oparl/karlsruhe/file-contents/ (Gemeinderat and Ortschaftsrat
inquiries). Expected values were read off the texts.
"""

from __future__ import annotations

from pathlib import Path

from fetcher.model import ParsedDocument
from fetcher.parse import parse_pdf_file
from standins.pdf_render import render_text
from tests.fixtures_path import OPARL_FIXTURES

KARLSRUHE = OPARL_FIXTURES / "karlsruhe" / "file-contents"


def _parse(tmp_path: Path, name: str) -> ParsedDocument:
    text = (KARLSRUHE / name).read_text("utf-8")
    doc = parse_pdf_file(render_text(text, tmp_path / "doc.pdf"))
    assert doc.parse_status == "ok", doc.parse_error
    return doc


def test_one_imperative_request(tmp_path: Path) -> None:
    """'Bitte beziffern Sie …' above the Begründung is the inquiry's one question."""
    doc = _parse(tmp_path, "623186.txt")
    assert doc.kind == "Anfrage"
    assert doc.questions == (
        "Bitte beziffern Sie die Höhe der jährlichen Ausgaben für die Hundesteuer-Prämie für "
        "Hundehalterinnen und Hundehalter, die den Hundeführerschein absolviert haben.",
    )


def test_request_after_anfrage_heading_not_the_justification(tmp_path: Path) -> None:
    """With the Begründung first, the request under 'Anfrage:' is the question, not the prose."""
    doc = _parse(tmp_path, "665135.txt")
    assert doc.questions == (
        "Die Verwaltung legt die Stellungnahmen der Einsatzkräfte von Polizei, Feuerwehr und "
        "Sanitärkräften zur Fortschreibung des Verkehrskonzeptes in Durlach dem Ortschaftsrat "
        "vor.",
    )


def test_faction_asks_for_a_status_report(tmp_path: Path) -> None:
    """'Die …-Fraktion bittet um einen Sachstandbericht …': one question, not its Begründung."""
    doc = _parse(tmp_path, "658136.txt")
    assert len(doc.questions) == 1
    assert doc.questions[0].startswith(
        "Die CDU/FW-Ortschaftsratsfraktion bittet um einen Sachstandbericht im Ortschaftsrat"
    )
    assert doc.questions[0].endswith("des höchstgelegenen Punktes der Stadt Karlsruhe.")


def test_wants_to_know_whether(tmp_path: Path) -> None:
    """'… möchte nun wissen, ob …' below a bullet list of places: the 'ob' clause is asked."""
    doc = _parse(tmp_path, "667863.txt")
    assert doc.questions[0] == (
        "ob eine Erschließung dieser Grundstücke mit Elektrizität von der Stadt geplant ist und "
        "ob hier Kosten auf die Eigentümer zukommen."
    )


def test_request_above_a_list_ends_before_it(tmp_path: Path) -> None:
    """A request ending in ':' above a list of streets (no question items) stops at the colon."""
    doc = _parse(tmp_path, "608626.txt")
    assert doc.questions == (
        "ob der Bebauungsplan geändert werden muss, wenn dort zusätzliche Gebäude errichtet "
        "werden:",
    )


def test_numbered_statements_with_indirect_questions(tmp_path: Path) -> None:
    """'1. Die Stadtverwaltung stellt dar, an welchen …', '2. Es wird aufgezeigt, bei welchen …'."""
    doc = _parse(tmp_path, "649591.txt")
    assert len(doc.questions) == 2
    assert doc.questions[0].startswith(
        "Die Stadtverwaltung stellt dar, an welchen Stellen im Haushalt 2024/2025"
    )
    assert "\na. in Form von Sammelansätzen." in doc.questions[0]
    assert doc.questions[1].startswith("Es wird aufgezeigt, bei welchen dieser Gutachten")
    assert "Begründung" not in doc.questions[1]


def test_conditional_item_asks_through_its_sub_questions(tmp_path: Path) -> None:
    """'2. Falls 1. mit Nein beantwortet wird: a) Warum nicht? …' is one of the answer's six."""
    doc = _parse(tmp_path, "641524.txt")
    assert doc.kind == "Antwort"
    assert len(doc.questions) == 6
    assert doc.questions[0] == "Ist die 33 MW-Turbine im Heizkraftwerk West einsatzbereit?"
    assert doc.questions[1].startswith("Falls 1. mit Nein beantwortet wird:\na) Warum nicht?")
    assert doc.answers[0] == "Nein, die Turbine ist aktuell nicht einsatzbereit."
