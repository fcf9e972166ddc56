"""The faction readers of prose_factions read a bounded number of words: a long line of names is no
group name (it made parse_text grow with the square of the line, 6.7 s for 1,200 repetitions of
'Stadtrat Max Muster, ', see bench.parse_worst), and the joint names councils print still read."""

from __future__ import annotations

from fetcher.parse import parse_text
from fetcher.parse.prose_factions import _HYPHEN_FACTION, _SPACED_FACTION


def test_a_joint_faction_label_still_reads_every_group() -> None:
    match = _HYPHEN_FACTION.search("Anfrage der SPD, CDU und FDP-Fraktion im Stadtrat")
    assert match is not None
    assert match.group("v") == "SPD, CDU und FDP"


def test_a_long_run_of_names_before_a_faction_label_is_not_one_group_name() -> None:
    line = "Stadtrat Max Muster, " * 50 + "SPD-Fraktion"
    match = _HYPHEN_FACTION.search(line)
    assert match is not None
    assert match.group("v").count(",") <= 5  # six groups at most, not fifty names


def test_a_slash_joined_name_before_a_spaced_label_is_bounded() -> None:
    assert _SPACED_FACTION.search("SPD/Volt Fraktion")["v"] == "SPD/Volt"
    match = _SPACED_FACTION.search("A/" * 40 + "B Fraktion")
    assert match is not None
    assert match.group("v").count("/") <= 3


def test_a_repeated_member_line_parses_without_a_faction_from_it() -> None:
    parsed = parse_text("Stadtrat Max Muster, " * 1200)
    assert parsed.factions == ()
