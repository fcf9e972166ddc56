"""Finding Kommunen and their factions: names from Bodies, endpoint settings, suggestions, which
organizations are factions. Pure, on the real bundled list and real OParl fixtures."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bot.chat.kommune_names import KommuneRef, closest_kommunen, edit_distance, unknown_kommune
from bot.chat.lookup import rank_factions
from fetcher.endpoints import display_name, identified, load_endpoints, parse_endpoint_setting
from fetcher.factions import canonical_faction, is_faction_organization
from storage.kommunen import FactionSeen
from tests.fixtures_path import OPARL_FIXTURES

BUNDLED = [KommuneRef(e.name, e.slug) for e in load_endpoints()]


@pytest.mark.parametrize(
    ("name", "short_name", "shown"),
    [
        ("Stadt Karlsruhe", "Karlsruhe", "Karlsruhe"),  # the Body the local server serves
        ("Gemeinde Hürtgenwald", None, "Hürtgenwald"),  # huertgenwald/body.json, no shortName
        ("Landeshauptstadt Düsseldorf", "LHD", "Düsseldorf"),  # an abbreviation is no name
        ("Kreis Viersen", None, "Kreis Viersen"),
    ],
)
def test_display_name_of_a_body(name: str, short_name: str | None, shown: str) -> None:
    """A Body's Kommune reads as its plain name; an abbreviated shortName is not used."""
    assert display_name(name, short_name) == shown


def test_bare_url_is_provisional_until_its_body_names_it() -> None:
    """An unknown bare URL is named after its host until the Body says "Stadt Karlsruhe"."""
    (endpoint,) = parse_endpoint_setting("http://127.0.0.1:8081/oparl/system")
    assert (endpoint.name, endpoint.slug, endpoint.provisional) == ("127.0.0.1", "127-0-0-1", True)
    named = identified(endpoint, "Stadt Karlsruhe", "Karlsruhe")
    assert (named.name, named.slug, named.provisional) == ("Karlsruhe", "karlsruhe", False)
    assert named.system_urls == endpoint.system_urls


def test_bundled_url_uses_the_bundled_entry_and_operator_names_win() -> None:
    """Leipzig's second URL alone is the bundled Leipzig (both URLs kept, never a second
    Kommune); `Name=` keeps the operator's name and is never renamed by the Body."""
    url = "https://ratsinformation.leipzig.de/allris_leipzig_public/oparl/system"
    (leipzig,) = parse_endpoint_setting(url)
    assert (leipzig.name, leipzig.slug, leipzig.provisional) == ("Stadt Leipzig", "leipzig", False)
    assert leipzig.system_urls == (url, "https://www.leipzig.sitzung-online.de/oparl/system")
    (own,) = parse_endpoint_setting("Messestadt=http://127.0.0.1:8081/oparl/system")
    assert identified(own, "Stadt Leipzig", "Leipzig").name == "Messestadt"


@pytest.mark.parametrize(
    ("typed", "first"),
    [("Karls", "Stadt Karlsruhe"), ("Lepzig", "Stadt Leipzig"), ("Kölln", "Stadt Köln")],
)
def test_suggestions_by_prefix_and_typos(typed: str, first: str) -> None:
    """A beginning or a typo of a bundled name suggests it first."""
    assert closest_kommunen(typed, BUNDLED)[0].name == first


def test_no_random_neighbour_is_suggested() -> None:
    """ "München" (not in the bundled list) suggests nothing, least of all "Uplengen", and is
    answered as not connected."""
    assert closest_kommunen("München", BUNDLED) == ()
    assert edit_distance("muenchen", "uplengen") > 2
    assert "(noch) nicht angebunden" in unknown_kommune("München", BUNDLED).message


def _organizations(path: str) -> list[dict[str, str]]:
    raw = json.loads((OPARL_FIXTURES / path).read_text("utf-8"))
    return list(raw["data"] if isinstance(raw, dict) else raw)


def test_factions_among_real_organizations() -> None:
    """Hürtgenwald marks five factions by organizationType; Karlsruhe's 97 organizations hold
    none ("Fraktionsgeschäftsstelle", short "Frak", is an office)."""
    hw = _organizations("huertgenwald/body/1/organization.json")
    factions = [
        o["name"]
        for o in hw
        if is_faction_organization(o["name"], o.get("classification"), o.get("organizationType"))
    ]
    assert factions == [
        "Christlich Demokratische Union",
        "Sozialdemokratische Partei Deutschlands",
        "Freie Demokratische Partei",
        "Bündnis 90/Die Grünen",
        "Freie für Hürtgenwald",
    ]
    assert [canonical_faction(n) for n in factions[:4]] == [
        "CDU",
        "SPD",
        "FDP",
        "Bündnis 90/Die Grünen",
    ]
    ka = _organizations("karlsruhe/organizations.json")
    assert not [o for o in ka if is_faction_organization(o["name"], o.get("classification"))]
    assert is_faction_organization("SPD-Stadtratsfraktion")
    assert is_faction_organization("Fraktion DIE LINKE")


def test_factions_ranked_by_recent_activity() -> None:
    """The factions active most recently come first, organizations without papers last."""
    seen = [
        FactionSeen("SPD", False, date(2026, 4, 14), 7),
        FactionSeen("Grüne", False, date(2026, 6, 30), 11),
        FactionSeen("Freie für Hürtgenwald", True, None, 0),
        FactionSeen("CDU", True, date(2026, 6, 10), 4),
    ]
    assert rank_factions(seen) == ["Bündnis 90/Die Grünen", "CDU", "SPD", "Freie für Hürtgenwald"]
