"""Subscription matching on real Leipzig papers (stadtratmonitor): Kommune, faction, keyword."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from bot.pipeline.matching import (
    PaperFacts,
    SubscriptionIndex,
    matching_chats,
    merge_facts,
    paper_facts,
    parse_keyword,
)
from fetcher.classify import kind_from_paper_type
from fetcher.factions import factions_in
from storage.subscriptions import SubscriptionRow
from tests.fixtures_path import TEXT_FIXTURES

LEIPZIG, BONN = 1, 2


@cache
def _leipzig_papers() -> dict[str, dict[str, Any]]:
    path = TEXT_FIXTURES / "leipzig" / "stadtratmonitor-input.json"
    return {p["reference"]: p for p in json.loads(path.read_text("utf-8"))}


def _facts(reference: str, kommune_id: int = LEIPZIG) -> PaperFacts:
    """Build facts as the sync stores them: kind from type/reference, factions from submitter."""
    p = _leipzig_papers()[reference]
    return paper_facts(
        kommune_id,
        kind_from_paper_type(p["paper_type"], p["reference"]),
        factions_in(p["originator"]),
        [p["name"], p["content"]],
    )


def _row(
    sub_id: int,
    chat: int,
    *,
    kommune: int | None = LEIPZIG,
    faction: str | None = None,
    keyword: str | None = None,
    kind: str = "Anfrage",
    paused: bool = False,
    active: bool = True,
) -> SubscriptionRow:
    return SubscriptionRow(sub_id, chat, kommune, faction, keyword, kind, paused, active)


# VII-F-08613: inquiry "Anwendbarkeit des Tarifabschlusses TVöD auf freie Träger", DIE LINKE.
# VII-F-08632: inquiry about "Ladepunkten" for electric cars, by a single councillor (no faction).
# VII-A-08607: motion "Schaffung von Wohnraum … Wohnungsbaukoordinator*in", Bündnis 90/Die Grünen.
# VII-DS-08561: Beschlussvorlage "Wahl der Schöffen …".


def test_kommune_subscription_matches_by_kind() -> None:
    """A Kommune subscription gets its kind only; "alle" gets every kind; other Kommunes nothing."""
    index = SubscriptionIndex(
        [
            _row(1, 10, kind="Anfrage"),
            _row(2, 20, kind="Antrag"),
            _row(3, 30, kind="alle"),
            _row(4, 40, kind="Vorlage"),
            _row(5, 50, kommune=BONN, kind="alle"),
        ]
    )
    assert matching_chats(index, _facts("VII-F-08632")) == {10: [1], 30: [3]}
    assert matching_chats(index, _facts("VII-A-08607")) == {20: [2], 30: [3]}
    assert matching_chats(index, _facts("VII-DS-08561")) == {30: [3], 40: [4]}
    assert matching_chats(index, _facts("VII-F-08632", kommune_id=BONN)) == {50: [5]}


def test_faction_subscription_uses_canonical_names() -> None:
    """Both "Linke" and "DIE LINKE" mean Die Linke; a councillor's own inquiry has no faction."""
    index = SubscriptionIndex(
        [
            _row(1, 10, faction="Linke"),
            _row(2, 20, faction="DIE LINKE", kommune=None),
            _row(3, 30, faction="Grüne", kind="Antrag"),
            _row(4, 40, faction="Die Linke", kommune=BONN),
        ]
    )
    assert matching_chats(index, _facts("VII-F-08613")) == {10: [1], 20: [2]}
    assert matching_chats(index, _facts("VII-F-08632")) == {}
    assert matching_chats(index, _facts("VII-A-08607")) == {30: [3]}


def test_keyword_matches_german_word_forms_and_compounds() -> None:
    """Keywords match inflected forms ("Ladepunkt" in "Ladepunkten") and compound parts."""
    index = SubscriptionIndex(
        [
            _row(1, 10, keyword="Ladepunkt"),
            _row(2, 20, keyword="Tarifabschluss"),
            _row(3, 30, keyword="Schule"),
            _row(4, 40, keyword="Wohnung", kind="Antrag"),  # in "Wohnungsbaukoordinator*in"
            _row(5, 50, keyword="Elektrofahrzeuge", kommune=None),
        ]
    )
    assert matching_chats(index, _facts("VII-F-08632")) == {10: [1], 50: [5]}
    assert matching_chats(index, _facts("VII-F-08613")) == {20: [2]}
    assert matching_chats(index, _facts("VII-A-08607")) == {40: [4]}


def test_multi_word_keyword_needs_all_words_and_quotes_ask_for_the_phrase() -> None:
    """ "freie Träger" needs both words; in quotes they must be adjacent and in that order."""
    index = SubscriptionIndex(
        [
            _row(1, 10, keyword="freie Träger"),
            _row(2, 20, keyword='"freie Träger"'),
            _row(3, 30, keyword='"Träger freie"'),
            _row(4, 40, keyword="freie Ladepunkte"),
            _row(5, 50, keyword="die"),  # only a stop word: never matches
        ]
    )
    assert matching_chats(index, _facts("VII-F-08613")) == {10: [1], 20: [2]}
    assert parse_keyword("„freie Träger“").phrase
    assert not parse_keyword("freie Träger").phrase


def test_one_chat_with_several_matching_subscriptions_gets_one_entry() -> None:
    """A chat whose Kommune, faction and keyword subscriptions all match is listed once."""
    index = SubscriptionIndex(
        [
            _row(7, 10, faction="Die Linke"),
            _row(3, 10),
            _row(9, 10, keyword="TVöD", kommune=None, kind="alle"),
        ]
    )
    assert matching_chats(index, _facts("VII-F-08613")) == {10: [3, 7, 9]}


def test_paused_subscriptions_and_inactive_chats_are_excluded() -> None:
    """Paused subscriptions and subscriptions of deactivated chats never match."""
    index = SubscriptionIndex(
        [_row(1, 10, paused=True), _row(2, 20, active=False), _row(3, 30, kind="Beschluss")]
    )
    assert index.size == 0
    assert matching_chats(index, _facts("VII-F-08632")) == {}


def test_answer_matches_inquiry_subscriptions_with_inherited_facts() -> None:
    """An Antwort counts as "Anfrage" and inherits the faction and words of its inquiry."""
    index = SubscriptionIndex(
        [_row(1, 10, faction="Die Linke"), _row(2, 20, keyword="Tarifabschluss"), _row(3, 30)]
    )
    answer = paper_facts(LEIPZIG, "Antwort", [], ["Antwort der Verwaltung", "Die Stadt prüft."])
    assert matching_chats(index, answer) == {30: [3]}
    assert matching_chats(index, merge_facts(answer, _facts("VII-F-08613"))) == {
        10: [1],
        20: [2],
        30: [3],
    }


@pytest.mark.parametrize("others", [0, 5_000])
def test_cost_grows_with_matches_not_subscribers(others: int) -> None:
    """Non-matching subscriptions (other Kommunes, factions, words) are never even looked at."""
    rows = [_row(1, 10, keyword="Ladepunkt"), _row(2, 20)]
    for n in range(others):
        rows.append(_row(100 + n, 1000 + n, kommune=3 + n % 50, faction="CDU"))
        rows.append(_row(200_000 + n, 1000 + n, keyword=f"Wort{n}"))
        rows.append(_row(400_000 + n, 1000 + n, faction="AfD"))
    index = SubscriptionIndex(rows)
    paper = _facts("VII-F-08632")
    assert len(list(index.candidates(paper))) == 2
    assert matching_chats(index, paper) == {10: [1], 20: [2]}
