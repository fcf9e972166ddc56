"""Factions in letters and forms of councils in other Länder (issue 11, twenty-first round,
branch factions21).

Real dev documents (Dresden's committed forms and an answer of tests/corpus/dev/) rewritten by
the bench's own transform: bench.faction_variants puts another submitter phrasing in place of
the labelled one (tests.faction_rewrites), read as printed or run together (bench.text_shapes
"flat", "para"). Every test fails on main 33545e0's parser.
"""

from __future__ import annotations

from bench.faction_variants import TOP
from bench.text_shapes import flat, paragraphs
from fetcher.parse import parse_text
from tests.faction_rewrites import rewritten

CDU_FORM = "dresden-mAF0011-14-muendliche-anfrage-cdu-schandauer-strasse"  # head "CDU-Fraktion"
LINKE_FORM = "dresden-mAF0008-14-muendliche-anfrage-linke-de-mail"  # head "DIE LINKE." form
ANSWER = "dresden-AF2009-13-antwort-hofewiese"  # addressed to "BürgerBündnis / Freie Bürger"


def _as_printed(text: str) -> str:
    return text


def _factions(text: str) -> list[tuple[str, ...]]:
    """Return the factions read as printed, run together and one line per paragraph."""
    return [parse_text(shape(text)).factions for shape in (_as_printed, flat, paragraphs)]


def test_two_column_letterhead_gives_no_contact_label_as_a_group() -> None:
    """Dresden mAF0011/14 under a letterhead in two columns run together ('CDU   Fraktion im Rat
    … · address' / 'Fraktion   Tel. …'): the telephone's label is no group (main: 'Tel')."""
    letterhead = (
        "CDU            Fraktion im Rat der Stadt Musterstadt · Rathausplatz 1 · "
        "12345 Musterstadt\n"
        "Fraktion       Tel. 0123 4567 · fraktion@example.org"
    )
    assert parse_text(rewritten(CDU_FORM, letterhead, TOP)).factions == ("CDU",)


def test_plain_name_above_fraktion_in_der_ratsversammlung_is_the_group() -> None:
    """Dresden mAF0008/14 under 'Aktive Bürger Neustadt' / 'Fraktion in der Ratsversammlung': the
    label names no group, so the line above it is the group's name (main: none as printed)."""
    text = rewritten(LINKE_FORM, "Aktive Bürger Neustadt\nFraktion in der Ratsversammlung", TOP)
    assert parse_text(text).factions == ("Aktive Bürger Neustadt",)


def test_seat_in_a_lands_council_word_ends_the_name_run_together() -> None:
    """Dresden mAF0008/14 under 'Aktive Bürger Neustadt' / 'Fraktion im Verbandsgemeinderat
    Musterland' run together: the label with its seat ends the name before it (main: none)."""
    letterhead = "Aktive Bürger Neustadt\nFraktion im Verbandsgemeinderat Musterland"
    assert parse_text(flat(rewritten(LINKE_FORM, letterhead, TOP))).factions == (
        "Aktive Bürger Neustadt",
    )


def test_letterhead_run_into_the_groups_street_address() -> None:
    """Dresden mAF0011/14 under 'Fraktion Bürgerforum Musterstadt' / 'Rathausplatz 1' / '12345
    Musterstadt' run together: the street and postcode end the name (main: none flat)."""
    letterhead = "Fraktion Bürgerforum Musterstadt\nRathausplatz 1\n12345 Musterstadt"
    text = rewritten(CDU_FORM, letterhead, TOP)
    assert _factions(text) == [("Bürgerforum Musterstadt",)] * 3


def test_head_run_into_the_addressee() -> None:
    """Dresden mAF0008/14 headed 'Anfrage der Fraktion Wir für Neuhof' above 'An den
    Bürgermeister', run together: the addressee ends the name (main: none flat)."""
    head = "Anfrage der Fraktion Wir für Neuhof\n\nAn den Bürgermeister der Gemeinde Neuhof"
    assert _factions(rewritten(LINKE_FORM, head, TOP)) == [("Wir für Neuhof",)] * 3


def test_fraktionsgemeinschaft_names_both_parties_run_together() -> None:
    """Dresden mAF0011/14 from the 'Fraktionsgemeinschaft CDU-FDP im Verbandsgemeinderat
    Musterland': a joint faction's label as 'Fraktion' is (main: none run together)."""
    text = rewritten(CDU_FORM, "Fraktionsgemeinschaft CDU-FDP im Verbandsgemeinderat Musterland")
    assert _factions(text) == [("CDU", "FDP")] * 3


def test_head_citing_the_inquiry_by_its_sender_and_date() -> None:
    """Dresden mAF0011/14 headed 'Anfrage der Freien Wähler vom 02.01.2014' (as an answer cites the
    inquiry it answers): the cited paper's sender is the group (main: none in every shape)."""
    text = rewritten(CDU_FORM, "Anfrage der Freien Wähler vom 02.01.2014")
    assert _factions(text) == [("Freie Wähler",)] * 3


def test_answer_head_cites_a_local_list_by_its_name() -> None:
    """Dresden's answer AF2009/13 headed 'Anfrage der Wählergemeinschaft Bürger für Langebrück
    vom 02.01.2013': a name that says it is a group counts (main: none)."""
    head = "Anfrage der Wählergemeinschaft Bürger für Langebrück vom 02.01.2013"
    assert parse_text(rewritten(ANSWER, head)).factions == (
        "Wählergemeinschaft Bürger für Langebrück",
    )


def test_two_groups_joined_by_sowie_in_the_order_printed() -> None:
    """Dresden mAF0011/14 from 'Anfrage der Fraktion Bündnis 90/Die Grünen sowie der Fraktion Die
    Linke': both groups in the order the head prints them (main: Die Linke first)."""
    head = "Anfrage der Fraktion Bündnis 90/Die Grünen sowie der Fraktion Die Linke"
    assert parse_text(rewritten(CDU_FORM, head)).factions == ("Bündnis 90/Die Grünen", "Die Linke")
