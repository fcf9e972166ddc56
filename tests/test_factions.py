"""The canonical faction table maps every spelling to one name and serves subscriptions."""

from __future__ import annotations

import pytest

from fetcher.factions import all_factions, canonical_faction, faction_slug, factions_in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fraktion BÜNDNIS 90/DIE GRÜNEN", "Bündnis 90/Die Grünen"),
        ("Grünen-Fraktion", "Bündnis 90/Die Grünen"),
        ("GRÜNE-Gemeinderatsfraktion", "Bündnis 90/Die Grünen"),
        ("Grüne", "Bündnis 90/Die Grünen"),
        ("B´90/DIE GRÜNEN-OR-Fraktion", "Bündnis 90/Die Grünen"),
        ("Bündnis90/DieGrünen-Ortschaftsratsfraktion Wettersbach", "Bündnis 90/Die Grünen"),
        ("Fraktion DIE LINKE.", "Die Linke"),
        ("Linke", "Die Linke"),
        ("AfD-Gemeinderatsfraktion", "AfD"),
        ("Fraktion der SPD", "SPD"),
        ("CDU-Ortschaftsratsfraktion", "CDU"),
        ("FREIE WÄHLER", "Freie Wähler"),
        ("Die PARTEI", "Die PARTEI"),
        ("Volt", "Volt"),
        ("BSW", "BSW"),
        ("F.D.P.", "FDP"),
    ],
)
def test_canonical_faction_spellings(text: str, expected: str) -> None:
    """Each real spelling from Leipzig and Karlsruhe papers maps to the canonical name."""
    assert canonical_faction(text) == expected


def test_no_false_positives_in_ordinary_words() -> None:
    """Place names and ordinary words ('Grünwettersbach', 'für') name no faction."""
    assert canonical_faction("Grünwettersbach") is None
    assert canonical_faction("Fraktion für Bildung") is None
    assert canonical_faction("Dezernat Stadtentwicklung und Bau") is None


def test_joint_factions_yield_all_members() -> None:
    """Karlsruhe joint factions ('FW|FÜR', 'FDP/FW', 'KAL/Die PARTEI') name each member."""
    assert factions_in("FW|FÜR") == ["Freie Wähler", "FÜR Karlsruhe"]
    assert factions_in("FDP/FW") == ["FDP", "Freie Wähler"]
    assert factions_in("KAL/Die PARTEI") == ["KAL", "Die PARTEI"]


def test_local_group_beats_party_substring() -> None:
    """'Grüne Liste Grötzingen' is a local group of its own, not Bündnis 90/Die Grünen."""
    assert factions_in("Anfrage der Grünen Liste Grötzingen (GLG)") == ["Grüne Liste Grötzingen"]


def test_slugs_for_deep_links() -> None:
    """Slugs are ASCII and stable; unknown local groups are slugified as printed."""
    assert faction_slug("Grüne") == "gruene"
    assert faction_slug("Bündnis 90/Die Grünen") == "gruene"
    assert faction_slug("Freie Wähler") == "freie-waehler"
    assert faction_slug("Wählervereinigung Büchenbach") == "waehlervereinigung-buechenbach"


def test_all_factions_lists_parties_first() -> None:
    """The table lists the national parties and the local groups, without duplicates."""
    names = all_factions()
    assert names[:3] == ["CDU", "CSU", "SPD"]
    assert {"Bündnis 90/Die Grünen", "Die Linke", "AfD", "FDP", "Freie Wähler", "BSW"} <= set(names)
    assert len(names) == len(set(names))
