"""Factions read from their phrase, not from a list: real documents with their party renamed, and
the places, persons and offices a faction phrase must not turn into a group.

Texts: Dresden and Nordstemmen letters and forms (tests/corpus/dev/, committed), Karlsruhe file
contents and the Leipzig texts (../shared/fixtures). The renamed documents are the real texts with
the party inside each faction phrase replaced (bench.faction_names.substitute: "SPD-Fraktion" →
"UWG-Fraktion", "Fraktion der FDP" → "Fraktion der Wählergemeinschaft Musterstadt"); the expected
group is the name put in. Every test fails on main 4c6875f.
"""

from __future__ import annotations

import json

from bench.faction_names import substitute
from bench.text_shapes import flat
from fetcher.parse import parse_text
from fetcher.parse.hints import PaperHints, apply_hints
from tests.corpus_data import corpus_path
from tests.fixtures_path import OPARL_FIXTURES, TEXT_FIXTURES

KARLSRUHE = OPARL_FIXTURES / "karlsruhe" / "file-contents"


def _renamed(name: str, faction: str, new: str) -> str:
    text, count = substitute(corpus_path(name, "dev").read_text("utf-8"), faction, new)
    assert count, f"no faction phrase of {faction} in {name}"
    return text


def _karlsruhe(file_id: str) -> str:
    return (KARLSRUHE / f"{file_id}.txt").read_text("utf-8")


def test_acronym_in_a_letterhead_and_its_signature() -> None:
    """Dresden AF2024/13 with 'SPD - Fraktion im Stadtrat Dresden' / 'SPD-Fraktion' renamed 'UWG':
    the group is 'UWG', not 'UWG - Fraktion' nor its e-mail address."""
    text = _renamed("dresden-AF2024-13-anfrage-spd-parkplaetze-krankenhaeuser", "SPD", "UWG")
    assert parse_text(text).factions == ("UWG",)


def test_many_word_name_in_a_form_head() -> None:
    """Dresden AF2010/13 with its FDP faction renamed 'Wählergemeinschaft Musterstadt': the whole
    name, not 'Musterstadt' (the word after 'Wählergemeinschaft' read as a name)."""
    name = "dresden-AF2010-13-anfrage-fdp-eeg-umlage"
    text = _renamed(name, "FDP", "Wählergemeinschaft Musterstadt")
    assert parse_text(text).factions == ("Wählergemeinschaft Musterstadt",)


def test_name_with_an_article_of_its_own() -> None:
    """Dresden AF2010/13 renamed 'Die Unabhängigen' ('Die Unabhängigen-Fraktion im Stadtrat
    Dresden' as its head line): the article belongs to the name."""
    name = "dresden-AF2010-13-anfrage-fdp-eeg-umlage"
    text = _renamed(name, "FDP", "Die Unabhängigen")
    assert parse_text(text).factions == ("Die Unabhängigen",)


def test_name_in_prose_with_the_sentences_article() -> None:
    """Nordstemmen DS 81/2014: 'Die Bürger für Lindenau-Fraktion bittet um Auskunft …' names
    'Bürger für Lindenau'; 'Die' opens the sentence."""
    name = "nordstemmen-DS-81-2014-antwort-spd-kita-verpflegung"
    text = _renamed(name, "SPD", "Bürger für Lindenau")
    assert parse_text(text).factions == ("Bürger für Lindenau",)


def test_unknown_group_beside_a_known_one() -> None:
    """Nordstemmen DS 109/2022 'GRUPPE SPD / Die Grünen' with SPD renamed 'UWG': both groups of
    the joint group, the unknown one as written."""
    name = "nordstemmen-DS-109-2022-antrag-spd-gruene-waldkindergarten"
    text = _renamed(name, "SPD", "UWG")
    assert set(parse_text(text).factions) == {"UWG", "Bündnis 90/Die Grünen"}


def test_karlsruhe_sender_field_with_an_unknown_group() -> None:
    """Karlsruhe 2025/1226 'Anfrage: AfD' renamed 'Anfrage: UWG' (the form's sender field)."""
    text = _karlsruhe("674408").replace("Anfrage: AfD", "Anfrage: UWG")
    assert parse_text(text).factions == ("UWG",)


def test_council_label_and_abbreviation_come_off() -> None:
    """Karlsruhe 2021/0832 'FDP-OR-Fraktion' (Ortschaftsrat Durlach) renamed 'Freie Liste
    Neustadt-OR-Fraktion': the group is 'Freie Liste Neustadt', without '-OR'."""
    text = _karlsruhe("626854").replace("FDP-OR-Fraktion", "Freie Liste Neustadt-OR-Fraktion")
    assert parse_text(text).factions == ("Freie Liste Neustadt",)


def test_paper_number_is_no_postcode() -> None:
    """Leipzig VII-A-08607 'VII-A-08607 Fraktion UWG' (renamed from Bündnis 90/Die Grünen):
    '08607 Fraktion UWG' is no postcode line, so 'UWG' is no place but the group."""
    papers = json.loads((TEXT_FIXTURES / "leipzig" / "stadtratmonitor-input.json").read_text())
    paper = next(p for p in papers if p["reference"] == "VII-A-08607")
    text = paper["content"].replace("Fraktion Bündnis 90/Die Grünen", "Fraktion UWG")
    assert "VII-A-08607 Fraktion UWG" in text
    assert parse_text(text).factions == ("UWG",)


def test_joint_faction_names_its_partner_group() -> None:
    """Karlsruhe 'SPD/Bürgerliste-Ortschaftsratsfraktion' (file 28917) names both groups."""
    assert parse_text(_karlsruhe("28917")).factions == ("SPD", "Bürgerliste")


def test_member_groups_in_brackets() -> None:
    """Karlsruhe 'Stadtrat Michael Kunz (BüKA/ÖDP)' (file 41830): the local list and the party."""
    assert parse_text(_karlsruhe("41830")).factions == ("BüKA", "ÖDP")


def test_signer_and_role_are_no_group() -> None:
    """Karlsruhe 610953 signed 'Peter Hepperle Fraktionsvorsitzender' for the
    'SPD-Ortschaftsratsfraktion Wettersbach': a person with his role is no faction."""
    assert parse_text(_karlsruhe("610953")).factions == ("SPD",)


def test_rules_of_procedure_name_no_group() -> None:
    """Karlsruhe 659809 (an Ortschaftsrat's rules: 'Jede Fraktion teilt ihre Gründung,
    Bezeichnung, Mitglieder, die Namen …') names no faction: 'Bezeichnung' and 'Ortschaftsrätinnen
    /Ortschaftsräte' are words of the sentence."""
    assert parse_text(_karlsruhe("659809")).factions == ()


def test_council_abbreviation_is_no_group() -> None:
    """Karlsruhe 11630: 'OR' (Ortschaftsrat) beside the factions is no group of its own."""
    factions = parse_text(_karlsruhe("11630")).factions
    assert "OR" not in factions
    assert {"CDU", "SPD", "FDP"} <= set(factions)


def test_faction_office_as_originator_is_no_group() -> None:
    """Karlsruhe's OParl organization 'Fraktionsgeschäftsstelle' (an office) as the originator of
    2025/1226 ('Anfrage: AfD') gives no faction: the PDF's AfD stays."""
    organizations = json.loads((OPARL_FIXTURES / "karlsruhe" / "organizations.json").read_text())
    office = next(o["name"] for o in organizations if o.get("shortName") == "Frak")
    hints = PaperHints(originator_organizations=(office,))
    assert apply_hints(parse_text(_karlsruhe("674408")), hints).factions == ("AfD",)


def test_sender_field_inside_a_head_run_into_one_line() -> None:
    """Karlsruhe 2025/1226 with every page one line ('… Anfrage: AfD Gremien Termin …', the flat
    shape) names AfD, and 'UWG' when renamed."""
    text = flat(_karlsruhe("674408"))
    assert "Anfrage: AfD Gremien" in text
    assert parse_text(text).factions == ("AfD",)
    assert parse_text(text.replace("Anfrage: AfD", "Anfrage: UWG")).factions == ("UWG",)


def test_members_group_with_an_article_of_its_own() -> None:
    """Niedersachsen Drs. 19/11134 'Anfrage der Abgeordneten Claus Seebeck und Eike Holsten (CDU)'
    renamed '(Die Unabhängigen)': the group's name with its article."""
    name = "LANDTAG-niedersachsen-19-11134-kleine-anfrage-mit-antwort.txt"
    path = TEXT_FIXTURES / "diverse" / name
    text = path.read_text("utf-8").replace("(CDU)", "(Die Unabhängigen)")
    assert "Eike Holsten (Die Unabhängigen)" in text
    assert parse_text(text).factions == ("Die Unabhängigen",)


def test_place_after_the_council_label_is_no_part_of_the_name() -> None:
    """Karlsruhe 610953 'SPD-Ortschaftsratsfraktion Wettersbach' renamed 'Freie Liste Neustadt':
    the group without the place the label is followed by, and no signer."""
    text = _karlsruhe("610953").replace("SPD", "Freie Liste Neustadt")
    assert "Freie Liste Neustadt-Ortschaftsratsfraktion Wettersbach" in text
    assert parse_text(text).factions == ("Freie Liste Neustadt",)


def test_joint_faction_with_a_place_keeps_both_groups() -> None:
    """Karlsruhe 608171 'CDU/FW-Ortschaftsratsfraktion Wettersbach' with CDU renamed 'UWG': the
    unknown group and Freie Wähler, not the place."""
    text = _karlsruhe("608171").replace("CDU", "UWG")
    assert "UWG/FW-Ortschaftsratsfraktion Wettersbach" in text
    assert parse_text(text).factions == ("UWG", "Freie Wähler")
