"""Sixteenth round, the lead's own: a member's "Frage" as an inquiry type, and the genitive of a
member's role before the party in brackets."""

from __future__ import annotations

import pytest

from fetcher.parse import parse_text
from fetcher.parse.kind import DOC_LABEL, kind_from_label
from standins.fixtures import OPARL_FIXTURES

KARLSRUHE = OPARL_FIXTURES / "karlsruhe" / "file-contents"


def _karlsruhe(file_id: str) -> str:
    return (KARLSRUHE / f"{file_id}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "line",
    [
        "Schriftliche Frage",
        "Mündliche Frage des Stadtrats Max Muster",
        "Frage des Stadtrates Max Muster (SPD)",
        "Frage der Stadtverordneten Erika Muster",
        "Schriftliche Fragen der Fraktion",
    ],
)
def test_a_members_question_is_an_inquiry_type(line: str) -> None:
    # Rules of procedure that call a member's inquiry a "Frage" (question time, written question).
    match = DOC_LABEL.match(line)
    assert match is not None
    assert kind_from_label(match.group("label")) == "Anfrage"


@pytest.mark.parametrize(
    "line",
    ["Fragen zum Haushalt", "Frage der Finanzierung", "Frage des Tages", "Fragestunde"],
)
def test_a_question_about_something_is_no_type(line: str) -> None:
    match = DOC_LABEL.match(line)
    assert match is None or kind_from_label(match.group("label")) != "Anfrage"


@pytest.mark.parametrize(
    ("file_id", "faction"),
    [
        # minutes of the Gemeinderat: "Anfrage des Stadtrats Jürgen Wenzel (FW) vom 13. August 2014"
        ("149200", "Freie Wähler"),
        # an Ortschaftsrat: "(Anfrage der des Ortschaftsrats Breier (FDP))"
        ("662227", "FDP"),
    ],
)
def test_the_party_after_a_members_role_in_the_genitive(file_id: str, faction: str) -> None:
    assert faction in parse_text(_karlsruhe(file_id)).factions


def test_a_sitting_of_the_council_in_brackets_names_no_party() -> None:
    text = _karlsruhe("149200").replace(
        "Anfrage des Stadtrats Jürgen Wenzel (FW)", "Sitzung des Stadtrates (öffentlich)"
    )
    assert parse_text(text).factions == ()
