"""Reading /abo arguments and deep-link payloads against the real bundled Kommune list. Pure."""

from __future__ import annotations

import pytest

from bot.chat.abo_parse import (
    AboProblem,
    AboRequest,
    KommuneRef,
    deep_link_payload,
    names_faction,
    parse_abo,
    parse_deep_link,
    parse_kind,
)
from bot.messages import keyboards as kb
from fetcher.endpoints import load_endpoints

GRUENE = "Bündnis 90/Die Grünen"
# The bundled list (fetcher/data/endpoints.json) as /abo offers it; Leipzig as if already synced.
KOMMUNEN = [
    KommuneRef(e.name, e.slug, 7 if e.slug == "leipzig" else None) for e in load_endpoints()
]


def _request(text: str) -> AboRequest:
    parsed = parse_abo(text, KOMMUNEN)
    assert isinstance(parsed, AboRequest), parsed
    return parsed


def _problem(text: str) -> AboProblem:
    parsed = parse_abo(text, KOMMUNEN)
    assert isinstance(parsed, AboProblem), parsed
    return parsed


def test_kommune_alone_means_every_inquiry() -> None:
    """`/abo Leipzig` subscribes to all new inquiries (and answers) of Stadt Leipzig."""
    request = _request("Leipzig")
    assert request.kommune == KommuneRef("Stadt Leipzig", "leipzig", 7)
    assert (request.faction, request.keyword, request.kind) == (None, None, "Anfrage")


def test_word_naming_a_faction_becomes_a_faction_subscription() -> None:
    """`/abo Leipzig Grüne` is the faction, and keeps "Grüne" to offer as keyword instead."""
    request = _request("Leipzig Grüne")
    assert request.faction == GRUENE
    assert request.keyword is None
    assert (request.guessed, request.alternative_keyword) == ("faction", "Grüne")


def test_full_faction_name_offers_no_keyword() -> None:
    """The faction's full name typed out is plainly the faction: no keyword alternative."""
    request = _request("leipzig Bündnis 90/Die Grünen")
    assert request.faction == GRUENE
    assert request.alternative_keyword is None


@pytest.mark.parametrize(
    ("text", "faction"),
    [
        ("Leipzig die Linke", "Die Linke"),
        ("Leipzig CDU-Fraktion", "CDU"),
        ("Karlsruhe FÜR", "FÜR Karlsruhe"),
        ("Leipzig Freie Wähler", "Freie Wähler"),
    ],
)
def test_faction_spellings(text: str, faction: str) -> None:
    """Common spellings of faction names are recognised as factions."""
    assert _request(text).faction == faction


@pytest.mark.parametrize(
    ("text", "keyword"),
    [
        ("Leipzig Radverkehr", "Radverkehr"),
        ('Leipzig "Haus der Jugend"', '"Haus der Jugend"'),  # quotes: the exact phrase
        ("Karlsruhe für", None),
    ],
)
def test_other_words_become_a_keyword(text: str, keyword: str | None) -> None:
    """A word that names no faction is a keyword; a mere stop word is refused."""
    parsed = parse_abo(text, KOMMUNEN)
    if keyword is None:
        assert isinstance(parsed, AboProblem)
        assert "zu allgemein" in parsed.message
        return
    assert isinstance(parsed, AboRequest)
    assert (parsed.faction, parsed.keyword, parsed.guessed) == (None, keyword, "keyword")


def test_kommune_of_several_words() -> None:
    """ "Bad Kreuznach" is found unquoted (longest match) and quoted."""
    assert _request("Bad Kreuznach Radverkehr").kommune == KommuneRef(
        "Stadt Bad Kreuznach", "bad-kreuznach"
    )
    quoted = _request("„Bad Kreuznach“ die Linke")
    assert quoted.kommune is not None
    assert quoted.kommune.slug == "bad-kreuznach"
    assert quoted.faction == "Die Linke"


def test_explicit_keys() -> None:
    """fraktion:, stichwort: (German quotes for a phrase), typ: and kommune: are read as given."""
    request = _request('kommune:"Bad Kreuznach" stichwort:„freie Träger“ typ:Anträge')
    assert request.kommune is not None
    assert request.kommune.slug == "bad-kreuznach"
    assert (request.keyword, request.kind, request.guessed) == ('"freie Träger"', "Antrag", None)
    assert _request("Köln fraktion:grünen").faction == GRUENE
    assert _request("Köln fraktion:Freibeuter").faction == "Freibeuter"  # unknown: as typed


def test_keyword_without_kommune_means_every_kommune() -> None:
    """`/abo stichwort:Radverkehr` has no Kommune: it watches every Kommune."""
    request = _request("stichwort:Radverkehr")
    assert (request.kommune, request.keyword) == (None, "Radverkehr")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("Lepzig Grüne", "leipzig"), ("Karlsrue", "karlsruhe"), ("Dusseldorf", "duesseldorf")],
)
def test_unknown_kommune_suggests_the_closest_names(typed: str, expected: str) -> None:
    """A misspelt Kommune gives a German question naming the closest real Kommunen."""
    problem = _problem(typed)
    assert expected in [s.slug for s in problem.suggestions]
    assert problem.message.startswith("Die Kommune „")
    assert "Meinten Sie" in problem.message


def test_word_far_from_any_kommune_hints_at_stichwort() -> None:
    """ "Radverkehr" is no Kommune: the hint shows how to watch it in every Kommune."""
    problem = _problem("Radverkehr")
    assert problem.suggestions == ()
    assert "/abo stichwort:Radverkehr" in problem.message


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Leipzig typ:Beschluss", "Typ „Beschluss“"),
        ("Leipzig farbe:rot", "„farbe:“"),
        ("Leipzig fraktion:", "fehlt ein Wert"),
        ("typ:Anfrage", "Es fehlt noch die Kommune"),
    ],
)
def test_bad_arguments_explain_themselves(text: str, part: str) -> None:
    """Unknown keys, values and empty subscriptions give a German explanation."""
    assert part in _problem(text).message


@pytest.mark.parametrize(
    ("value", "kind"),
    [("Anfrage", "Anfrage"), ("anfragen", "Anfrage"), ("Anträge", "Antrag"),
     ("Vorlagen", "Vorlage"), ("alle", "alle"), ("Beschluss", None)],
)  # fmt: skip
def test_kind_values(value: str, kind: str | None) -> None:
    """typ: accepts singular, plural and umlaut-free spellings."""
    assert parse_kind(value) == kind


def test_names_faction_needs_every_word() -> None:
    """Only a text made of faction-name words names a faction."""
    assert names_faction("die Grünen") == GRUENE
    assert names_faction("B90/Grüne") == GRUENE
    assert names_faction("Grüne Liste Grötzingen") == "Grüne Liste Grötzingen"
    assert names_faction("Grüne Welle") is None


# ---------------------------------------------------------------- deep links


@pytest.mark.parametrize(
    ("slug", "faction", "keyword", "payload"),
    [
        ("leipzig", GRUENE, None, "leipzig-gruene"),
        ("leipzig", None, None, "leipzig"),
        ("leipzig", None, "Radverkehr", "leipzig-s-radverkehr"),
        ("bad-kreuznach", "Die Linke", None, "bad-kreuznach-linke"),
        ("koeln", "Die PARTEI", None, "koeln-die-partei"),
        (None, None, "Tempo 30", "alle-s-tempo_30"),
        ("leipzig", None, "Bürgerbeteiligung Straße", "leipzig-s-burgerbeteiligung_strasse"),
    ],
)
def test_deep_link_round_trip(
    slug: str | None, faction: str | None, keyword: str | None, payload: str
) -> None:
    """A payload is made from a subscription and read back to the same Kommune and faction."""
    assert deep_link_payload(slug, faction=faction, keyword=keyword) == payload
    request = parse_deep_link(payload, KOMMUNEN)
    assert request is not None
    assert (request.kommune.slug if request.kommune else None) == slug
    assert request.faction == faction
    if keyword:
        assert request.keyword == payload.split("-s-", 1)[1].replace("_", " ")


def test_deep_link_leipzig_gruene() -> None:
    """t.me/<bot>?start=leipzig-gruene subscribes to Leipzig · Bündnis 90/Die Grünen."""
    assert parse_deep_link("leipzig-gruene", KOMMUNEN) == AboRequest(
        KommuneRef("Stadt Leipzig", "leipzig", 7), faction=GRUENE
    )


@pytest.mark.parametrize(
    "payload",
    [
        "",
        "leipzig-xyz",
        "atlantis",
        "leipzig-s-",
        "alle",
        "leipzig gruene",
        "x" * 65,
        "alle-gruene",
    ],
)
def test_deep_link_that_names_nothing(payload: str) -> None:
    """Unknown, empty or malformed payloads give None (the bot then just says hello)."""
    assert parse_deep_link(payload, KOMMUNEN) is None


def test_deep_link_limits() -> None:
    """Payloads longer than Telegram's 64 characters, or meaningless ones, are refused."""
    with pytest.raises(ValueError, match="64"):
        deep_link_payload("leipzig", keyword="Donaudampfschifffahrtsgesellschaft " * 2)
    with pytest.raises(ValueError, match="needs a keyword"):
        deep_link_payload(None)
    with pytest.raises(ValueError, match="not both"):
        deep_link_payload("leipzig", faction="SPD", keyword="Radweg")
    every = [deep_link_payload(r.slug) for r in KOMMUNEN]
    assert all(len(p) <= 64 for p in every)


# ---------------------------------------------------------------- callback data


def test_callback_data_stays_within_64_bytes() -> None:
    """Callback data is checked in bytes (umlauts count twice) and parsed back."""
    assert kb.fits(kb.ABO, "sk", 12, "Grüne")
    assert not kb.fits(kb.ABO, "sk", 12, "ü" * 30)
    with pytest.raises(ValueError, match="64 bytes"):
        kb.data(kb.ABO, "sk", 1, "ä" * 40)
    assert kb.parse("a:F:leipzig:gruene") == kb.Callback("a", "F", ("leipzig", "gruene"))
    assert kb.parse("zzz") is None
    assert kb.parse("a:") is None
    long_slug = KommuneRef("Landkreis mit einem sehr langen Namen", "l" * 40, 3)
    assert kb.kommune_key(long_slug) == "#3"
    assert kb.find_kommune("#3", [long_slug]) == long_slug
