"""A council member's party beside the member's name, wherever it is printed; a joint group's
slash name; what stands beside a name and is no party.

Texts: real Dresden dev documents (tests/corpus/dev/, committed) with their submitter phrase
rewritten by bench.member_parties (a member named instead of the faction, the party beside the
name, the party's name unknown to the faction table where the test says so). Every document test
but the guards (traps) fails on main 7576e3f's parser.
"""

from __future__ import annotations

import pytest

from bench.member_parties import rewritten
from fetcher.parse import parse_text
from fetcher.parse.member_parties import party_names
from tests.corpus_data import corpus_path, dev_label

ESSENSRESTE = "dresden-AF2012-13-anfrage-gruene-essensreste"
VERKEHRSZEICHEN = "dresden-AF2839-14-anfrage-fdp-verkehrszeichen"
FAHNENMASTEN = "dresden-mAF0010-14-muendliche-anfrage-fdp-fb-fahnenmasten"


def _factions(name: str, form: str, *, end: bool = False, **names: str) -> tuple[str, ...]:
    """Return the factions read from a dev document rewritten with `form`."""
    text = corpus_path(name).read_text("utf-8")
    new = rewritten(text, dev_label(name), form, end=end, **names)
    assert new != text, f"{form} does not apply to {name}"
    return parse_text(new).factions


@pytest.mark.parametrize(
    "form",
    [
        "Anfrage des Ratsmitglieds Anna Schmidt ({p})",
        "Anfrage der Kreistagsabgeordneten Anna Schmidt ({p})",
        "eingereicht vom Mitglied des Rates Anna Schmidt ({p})",
        "Anfrage von Anna Schmidt ({p})",
        "Einreicher: Stadtrat Peter Klein, {p}",
    ],
)
@pytest.mark.parametrize("name", ["Die Guten", "Wählergemeinschaft Musterstadt", "UWG"])
def test_member_party_unknown_name(form: str, name: str) -> None:
    """A party no table knows, beside a member's name after a lead-in or a role noun (in any
    case, in brackets or after a comma), is the submitter's faction."""
    assert _factions(ESSENSRESTE, form, p=name) == (name,)


@pytest.mark.parametrize("form", ["Anna Schmidt ({p})", "Anna Schmidt, {p}", "Peter Klein - {p}"])
@pytest.mark.parametrize("name", ["SPD", "Bündnis 90/Die Grünen"])
def test_member_line_with_a_known_party(form: str, name: str) -> None:
    """A line of a member and a party alone names the party when the table knows it (without a
    lead-in or a role, a company or an office with its acronym has the same shape)."""
    assert _factions(ESSENSRESTE, form, p=name) == (name,)


def test_two_members_each_with_a_party() -> None:
    """Two members, each with a party in brackets, name both parties."""
    form = "Anfrage der Bezirksverordneten Anna Schmidt ({p}) und Peter Klein ({q})"
    assert set(_factions(ESSENSRESTE, form, p="SPD", q="UWG")) == {"SPD", "UWG"}


def test_party_below_the_signer() -> None:
    """A signature with the party on the line below the name ("Stadträtin, X") names it."""
    form = "Mit freundlichen Grüßen\n\nAnna Schmidt\nStadträtin, {p}"
    assert _factions(VERKEHRSZEICHEN, form, end=True, p="Die Guten") == ("Die Guten",)


def test_slash_group_with_two_letters() -> None:
    """Guard: the dev form's "FDP/FB-Fraktion" (FDP with the Freie Bürger) names both groups,
    never "/FB-Fraktion"."""
    assert parse_text(corpus_path(FAHNENMASTEN).read_text("utf-8")).factions == ("FDP", "FB")


def test_slash_group_label() -> None:
    """A joint group's name joined to "-Gruppe" ("SPD/UWG-Gruppe im Rat") names both groups."""
    assert set(_factions(ESSENSRESTE, "{p}/UWG-Gruppe im Rat", p="SPD")) == {"SPD", "UWG"}


@pytest.mark.parametrize(
    "form",
    [
        "Anfrage von Anna Schmidt (Musterstadt-Nord)",
        "Anfrage von Anna Schmidt (MdB)",
        "Anfrage von Anna Schmidt (Vorsitzende)",
        "Anfrage von Anna Schmidt (12.03.2021)",
        "Anfrage von Anna Schmidt (Bauausschuss)",
        "Anna Schmidt, Ortsteil Lindenau",
        "Stadträtin Anna Schmidt (parteilos)",
        "Einwohnerfrage von Anna Schmidt (Musterstadt-Nord)",
    ],
)
def test_no_party_beside_the_name(form: str) -> None:
    """Guard: a place, an office, a date, a committee or "parteilos" beside a name is no faction."""
    assert _factions(ESSENSRESTE, form) == ()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Bündnis 90/Die Grünen", ["Bündnis 90/Die Grünen"]),
        ("beide SPD", ["SPD"]),
        ("Liste Zukunft", ["Liste Zukunft"]),
        ("Dirk Müller", []),
        ("Bürgermeisterin", []),
    ],
)
def test_party_names(value: str, expected: list[str]) -> None:
    """What stands beside a member's name is a party by its shape, a person or an office is none."""
    assert party_names(value) == expected
