"""The fifteenth round's merge: what the branches did not test alone."""

from __future__ import annotations

from fetcher.parse import parse_text
from fetcher.parse.faction_phrases import WEB_ADDRESS
from fetcher.parse.submitters import factions_of_submitter


def test_addresses_are_not_factions_and_are_cut_from_a_word_start_only() -> None:
    # The party in an e-mail or web address is the domain's, not the submitter's.
    assert factions_of_submitter("SPD-Fraktion, info@cdu-musterstadt.de") == ["SPD"]
    assert factions_of_submitter("SPD-Fraktion www.cdu-musterstadt.de") == ["SPD"]
    # The address pattern takes whole words: "Mail:info@…" stays one word and goes whole.
    assert WEB_ADDRESS.sub(" ", "Mail:info@cdu-x.de SPD").split() == ["SPD"]
    assert WEB_ADDRESS.sub(" ", "SPD @home").split() == ["SPD", "@home"]


def test_a_long_word_before_the_submitter_does_not_hide_the_faction() -> None:
    # A table or blob run into one 30,000-character word on the submitter's line (bench.parse_worst
    # "one token, then a head" measured the time: it grew with the square of the word's length).
    text = "x" * 30_000 + " Anfrage der SPD-Fraktion\n1. Wie viele Bäume?\n2. Wo stehen sie?"
    document = parse_text(text)
    assert document.factions == ("SPD",)
    assert document.questions[0].startswith("Wie viele Bäume")
