"""Factions in letters: council groups, signers run together, one group read twice (issue 11,
twentieth round, branch letters20).

Real dev documents (Dresden's committed forms of tests/corpus/dev/) rewritten by the bench's own
transform: bench.faction_variants puts another submitter phrasing in place of the labelled one
(tests.faction_rewrites), read as printed or run together (bench.text_shapes "flat", "para").
Every test fails on main ec18cdd's parser.
"""

from __future__ import annotations

from bench.faction_variants import END, TOP
from bench.text_shapes import flat, paragraphs
from fetcher.parse import parse_text
from tests.faction_rewrites import rewritten

CDU_FORM = "dresden-mAF0011-14-muendliche-anfrage-cdu-schandauer-strasse"  # head "CDU-Fraktion"
LINKE_FORM = "dresden-mAF0008-14-muendliche-anfrage-linke-de-mail"  # head "DIE LINKE." form
TWO_SIGNERS = "Mit freundlichen Grüßen\n\nFür die Fraktion\nAnja Krüger          Tim Olsen"


def _as_printed(text: str) -> str:
    return text


def _factions(text: str) -> list[tuple[str, ...]]:
    """Return the factions read as printed, run together and one line per paragraph."""
    return [parse_text(shape(text)).factions for shape in (_as_printed, flat, paragraphs)]


def test_kreistagsgruppe_names_both_groups_in_every_shape() -> None:
    """Dresden mAF0011/14 sent as 'Anfrage der Kreistagsgruppe CDU/FDP': a group named with its
    council is a group as 'Gruppe' is (main: none when one line per paragraph)."""
    text = rewritten(CDU_FORM, "Anfrage der Kreistagsgruppe CDU/FDP")
    assert _factions(text) == [("CDU", "FDP")] * 3


def test_two_signers_after_fuer_die_fraktion_are_no_group() -> None:
    """Dresden mAF0011/14 from 'Anfrage der Fraktion CDU', closed 'Für die Fraktion / Anja Krüger
    Tim Olsen': two persons side by side are no faction (main: 'Anja Krüger Tim Olsen')."""
    text = rewritten(CDU_FORM, "Anfrage der Fraktion CDU") + "\n\n" + TWO_SIGNERS
    assert _factions(text) == [("CDU",)] * 3


def test_party_alone_above_fraktion_im_rat_is_read_once() -> None:
    """Dresden mAF0008/14 under the letterhead 'Die PARTEI / Fraktion im Rat der Stadt
    Musterstadt': one group, not its last word again (main: 'Die PARTEI', 'PARTEI' run
    together)."""
    text = rewritten(LINKE_FORM, "Die PARTEI\nFraktion im Rat der Stadt Musterstadt", TOP)
    assert _factions(text) == [("Die PARTEI",)] * 3


def test_logo_word_above_kreistagsfraktion_place_names_the_party_not_the_place() -> None:
    """Dresden mAF0011/14 under 'FREIE WÄHLER' / 'Kreistagsfraktion Musterkreis': the council's
    label names its place; the logo line the group (main: 'Musterkreis', run together 'WÄHLER')."""
    letterhead = "FREIE WÄHLER\n\nKreistagsfraktion Musterkreis\nKreishaus, Zimmer 204"
    assert _factions(rewritten(CDU_FORM, letterhead, TOP)) == [("Freie Wähler",)] * 3


def test_two_signers_groups_side_by_side_in_one_row() -> None:
    """Dresden mAF0011/14 signed 'Anna Schmidt   Peter Müller' above 'CDU-Fraktion   Fraktion
    Bürgerliste Neudorf': both groups, also as printed (main: the CDU alone)."""
    closing = (
        "Mit freundlichen Grüßen\n\nAnna Schmidt                Peter Müller\n"
        "CDU-Fraktion          Fraktion Bürgerliste Neudorf"
    )
    assert _factions(rewritten(CDU_FORM, closing, END)) == [("CDU", "Bürgerliste Neudorf")] * 3


def test_letterhead_run_into_place_and_date_ends_the_name() -> None:
    """Dresden mAF0011/14 opened by 'Fraktion Bürgerliste Neudorf Musterstadt, 22.01.2024 An den
    Bürgermeister': the place before the date is no part of the name (main: 'Bürgerliste Neudorf
    Musterstadt')."""
    head = "Fraktion Bürgerliste Neudorf Musterstadt, 22.01.2024 An den Bürgermeister"
    assert _factions(rewritten(CDU_FORM, head, TOP)) == [("Bürgerliste Neudorf",)] * 3


def test_group_for_a_place_before_two_signers_run_together() -> None:
    """Dresden mAF0011/14 closed 'Für die Fraktion Bürger für Talheim / Anna Schmidt   Peter
    Müller': the name ends at its place, both signers are no part of it (main: none run
    together)."""
    closing = (
        "Mit freundlichen Grüßen\n\nFür die Fraktion Bürger für Talheim\n"
        "Anna Schmidt          Peter Müller"
    )
    assert _factions(rewritten(CDU_FORM, closing, END)) == [("Bürger für Talheim",)] * 3
