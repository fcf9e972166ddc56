"""Who sent a paper: joint senders, group labels, letterheads, signatures, places that are no group.

Texts: ../shared/fixtures/oparl/karlsruhe/file-contents/ (Karlsruhe inquiries), the real Erlangen
PDFs in ../shared/fixtures/pdfs/ and organization names of the OParl fixtures (Hürtgenwald).
Expected values were read off the texts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fetcher.parse import parse_pdf_file, parse_text
from fetcher.parse.senders import is_place, letterhead_groups, places_in, signature_groups
from fetcher.parse.submitters import factions_in_prose, factions_of_submitter
from fetcher.parse.text import clean_lines
from tests.fixtures_path import OPARL_FIXTURES, PDF_FIXTURES

KARLSRUHE = OPARL_FIXTURES / "karlsruhe" / "file-contents"


def _text(name: str) -> str:
    return (KARLSRUHE / name).read_text("utf-8")


def test_joint_inquiry_names_every_group() -> None:
    """'Gemeinsame Anfrage: FÜR, Volt' and 'Interfraktionelle Anfrage CDU, FDP/FW' name all."""
    assert parse_text(_text("662907.txt")).factions == ("FÜR Karlsruhe", "Volt")
    assert parse_text(_text("660018.txt")).factions == ("CDU", "FDP", "Freie Wähler")


def test_joint_motion_in_minutes_names_its_groups() -> None:
    """'Interfraktioneller Ergänzungsantrag: Volt, Die Linke' names both groups."""
    assert parse_text(_text("677957.txt")).factions == ("Volt", "Die Linke")


def test_group_before_a_spaced_hyphen_label() -> None:
    """'Grüne Liste Grötzingen GLG -Ortschaftsratsfraktion' and 'CDU und FDP -Ortschafts…'."""
    assert parse_text(_text("623961.txt")).factions == ("Grüne Liste Grötzingen",)
    assert parse_text(_text("638771.txt")).factions == ("CDU", "FDP")


def test_places_of_a_letter() -> None:
    """The date line 'Erlangen, den 23.10.2020' of a real letter names its place."""
    doc = parse_pdf_file(PDF_FIXTURES / "Brief_an_OB_2020-10-23.pdf")
    places = places_in(clean_lines([doc.full_text]))
    assert "erlangen" in places
    assert is_place("Erlangen", places)
    assert not is_place("Freie Wähler", places)


def test_advisory_board_letter_names_no_faction() -> None:
    """A Stadtteilbeirat's letter (Erlangen) is signed by the board: no faction."""
    for name in ("Antrag_StUB_Trasse_2020-11-04.pdf", "Brief_an_OB_2020-10-23.pdf"):
        doc = parse_pdf_file(PDF_FIXTURES / name)
        assert doc.parse_status == "ok", doc.parse_error
        assert doc.factions == ()


def test_label_with_a_place_takes_the_name_above() -> None:
    """'Ratsfraktion <place>' under the group's name: the group, never the place."""
    head = ["Bündnis 90/Die Grünen", "Ratsfraktion Leichlingen", "42799 Leichlingen"]
    assert letterhead_groups(head, places_in(head)) == ["Bündnis 90/Die Grünen"]
    head = ["Bürgerliste Leichlingen", "Fraktion im Rat der Stadt Leichlingen"]
    assert letterhead_groups(head, places_in(head)) == ["Bürgerliste Leichlingen"]


def test_local_group_spelled_as_the_council_spells_it() -> None:
    """Hürtgenwald's faction 'Freie für Hürtgenwald' (its OParl organization) as a letterhead."""
    body = OPARL_FIXTURES / "huertgenwald"
    names = {
        o.get("name")
        for path in body.rglob("*.json")
        for o in _objects(path)
        if isinstance(o, dict) and o.get("organizationType") == "Fraktion"
    }
    assert "Freie für Hürtgenwald" in names
    head = ["Freie für Hürtgenwald", "52393 Hürtgenwald"]
    assert letterhead_groups(head, places_in(head)) == ["Freie für Hürtgenwald"]


def test_signature_role_names_the_group_below() -> None:
    """'für die Fraktion' or 'Fraktionsvorsitzende' over the group's name in a signature."""
    places = {"leichlingen"}
    block = ["Max Muster", "für die Fraktion", "Bündnis 90/Die Grünen"]
    assert signature_groups(block, places) == ["Bündnis 90/Die Grünen"]
    block = ["Erika Muster", "Fraktionsvorsitzende", "Bürgerliste Leichlingen"]
    assert signature_groups(block, places) == ["Bürgerliste Leichlingen"]
    # A person below the role is no group (Karlsruhe 625263: role, then the signer's name).
    assert signature_groups(["Für die CDU-Ortschaftsratsfraktion", "Joachim Supper"], places) == []


def _objects(path: Path) -> list[object]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return []
    if isinstance(data, dict):
        return [data, *(data.get("data") or [])]
    return data if isinstance(data, list) else []


def test_place_after_a_council_label_is_no_group() -> None:
    """'Anfrage der Ortschaftsratsfraktion Wettersbach' (a Karlsruhe paper's name) names where."""
    assert factions_of_submitter("Ortschaftsratsfraktion Wettersbach") == []
    assert letterhead_groups(["Ortschaftsratsfraktion Wettersbach"], set()) == []
    assert factions_of_submitter("BFW-Ortschaftsratsfraktion Wettersbach") == ["BFW Wettersbach"]


@pytest.mark.parametrize(
    ("line", "factions"),
    [
        # Paper names of Gemeinde Hürtgenwald (../shared/fixtures/oparl/huertgenwald), as printed.
        ("Antrag der FFH Fraktion;", ["FFH"]),
        ("hier: Antrag der Ratsfraktion Bündnis 90/Die Grünen", ["Bündnis 90/Die Grünen"]),
        ("Antrag der Ratsfraktion Bündnis 90 /Die Grünen", ["Bündnis 90/Die Grünen"]),
        (
            "Ersatzbestimmung für die sachkundigen Bürger Bernd Nork und Fabienne Buse (CDU)",
            ["CDU"],
        ),
        ("hier: Fraktion B'90/DIE GRÜNEN", ["Bündnis 90/Die Grünen"]),
        # A Karlsruhe signature row (file-contents/11630.txt).
        ("CDU-OR-Fraktion OR-Fraktion   SPD-OR-Fraktion  FDP-OR-Fraktion", ["CDU", "SPD", "FDP"]),
    ],
)
def test_group_shapes_of_real_councils(line: str, factions: list[str]) -> None:
    """Acronym before 'Fraktion', 'Ratsfraktion …', members '(CDU)', 'CDU-OR-Fraktion'."""
    found = factions_in_prose([line])
    assert all(f in found for f in factions), found
