"""Factions and references from probe misses (issue 11, eighteenth round, branch misc18).

Real dev documents (the committed Dresden forms of tests/corpus/dev/) rewritten by the benches'
own transforms: bench.faction_variants puts another submitter phrase in place of the labelled one
(a footer row of cells, a joint group "Gruppe X & Y", a member with a place in brackets),
bench.reference_variants takes the paper's own number out and prints it in a head's label row or
as a running count. Every test fails on main 88f528d unless its docstring calls it a guard.
"""

from __future__ import annotations

from bench.faction_names import substitute
from bench.faction_variants import END
from bench.reference_variants import (
    COUNT_LINES,
    LABEL_ROWS,
    PLACE_VALUE,
    own_number,
    with_reply_subject,
    with_trap,
)
from bench.text_shapes import SHAPES
from fetcher.parse import parse_text
from tests.corpus_data import dev_label
from tests.faction_rewrites import dev_text, rewritten

CDU_FORM = "dresden-mAF0011-14-muendliche-anfrage-cdu-schandauer-strasse"  # head "CDU-Fraktion"
LINKE_FORM = "dresden-mAF0008-14-muendliche-anfrage-linke-de-mail"  # head "DIE LINKE." form
GREEN_FORM = "dresden-AF2008-13-anfrage-gruene-jugendhaeuser"  # "Anfrage Nr.: AF2008/13"
KARLSRUHE_LINKE = (
    "karlsruhe-2021-0614-anfrage-linke-staatstheater"  # "DIE LINKE.-Gemeinderatsfraktion"
)
LANDTAG_MEMBER = "LANDTAG-niedersachsen-19-11141-kleine-anfrage-mit-antwort"  # "… Machulla (AfD)"
GREEN_SCHOOLS = (
    "dresden-AF2006-13-anfrage-gruene-schulbaumassnahmen"  # head "Bündnis 90/Die Grünen"
)


def _without_number(name: str) -> str:
    """Return a dev document with every occurrence of its own number and its label taken out."""
    text = dev_text(name)
    number = own_number(text, dev_label(name))
    assert number is not None
    removed = with_trap(text, number, "")
    assert removed is not None
    return removed


def test_footer_row_of_cells_names_the_group_not_the_telephone() -> None:
    """Dresden mAF0011/14 closed by a footer row 'Fraktion CDU | Rathausplatz 1 | 12345
    Musterstadt | Tel. 0123 4567': the CDU alone (main: also 'Tel')."""
    phrase = "Fraktion CDU | Rathausplatz 1 | 12345 Musterstadt | Tel. 0123 4567"
    assert parse_text(rewritten(CDU_FORM, phrase, END)).factions == ("CDU",)


def test_joint_group_with_ampersand_names_both_parties() -> None:
    """Dresden mAF0008/14 sent by 'Gruppe DIE LINKE. & SPD im Rat der Stadt Musterstadt': both
    parties, as a joint 'SPD/Grüne' is read (main: the dot after LINKE ended the list)."""
    text = rewritten(LINKE_FORM, "Gruppe DIE LINKE. & SPD im Rat der Stadt Musterstadt")
    assert parse_text(text).factions == ("Die Linke", "SPD")


def test_place_in_brackets_beside_a_member_is_no_faction() -> None:
    """Dresden mAF0011/14 from 'Stadträtin Anna Schmidt (Musterstadt-Nord)' or 'Stadtrat Max
    Muster (Wahlkreis Musterstadt-Süd)': a district or a ward, no faction (main: the place)."""
    for phrase in (
        "Stadträtin Anna Schmidt (Musterstadt-Nord)",
        "Stadtrat Max Muster (Wahlkreis Musterstadt-Süd)",
    ):
        assert parse_text(rewritten(CDU_FORM, phrase)).factions == ()


def test_member_with_party_in_brackets_still_names_it() -> None:
    """Guard: 'Stadträtin Anna Schmidt (CDU)' and an unseen '(UWG)' still name the group."""
    assert parse_text(rewritten(CDU_FORM, "Stadträtin Anna Schmidt (CDU)")).factions == ("CDU",)
    assert parse_text(rewritten(CDU_FORM, "Stadträtin Anna Schmidt (UWG)")).factions == ("UWG",)


def test_label_row_above_value_row_gives_the_number_in_its_column() -> None:
    """Dresden AF2008/13 without its 'Anfrage Nr.:' field, a head table 'Nummer  Datum  Status'
    (or 'Datum  Vorlage-Nr.  Federführung') above its values: the number under the number label
    (main: none)."""
    removed = _without_number(GREEN_FORM)
    for name in ("label row: Nummer first", "label row: Vorlage-Nr. middle"):
        text = with_reply_subject(removed, PLACE_VALUE, LABEL_ROWS[name])
        assert parse_text(text).reference == PLACE_VALUE, name


def test_label_row_of_another_number_gives_none() -> None:
    """Guard: a label row whose numbered column is the paper referred to ('Bezugsvorlagen-Nr.')
    or a body table numbering its rows ('Nr.  Maßnahme  Kosten' / '1 …') invents no reference."""
    removed = _without_number(GREEN_FORM)
    for rows in (
        "Bezugsvorlagen-Nr.     Datum\n2020/0815              12.03.2021",
        "Nr.     Maßnahme          Kosten\n1       Radweg Nord       1.200",
    ):
        assert parse_text(with_reply_subject(removed, "", rows)).reference is None


def test_running_count_of_one_or_two_digits_is_the_reference() -> None:
    """Dresden AF2008/13 without its number, headed 'Anfrage Nummer 45' or 'Antrag Nr. 7 vom
    12.03.2021' (a small council's count per term): that count (main: none)."""
    removed = _without_number(GREEN_FORM)
    for line, count in COUNT_LINES.values():
        assert parse_text(with_reply_subject(removed, count, line)).reference == count


def test_running_count_in_a_sentence_or_cited_gives_none() -> None:
    """Guard: 'Antrag Nr. 3 wurde am … beraten.' and 'zu Anfrage Nr. 12' cite another paper."""
    removed = _without_number(GREEN_FORM)
    for line in ("Antrag Nr. 3 wurde am 12.03.2021 im Ausschuss beraten.", "zu Anfrage Nr. 12"):
        assert parse_text(with_reply_subject(removed, "", line)).reference is None


def test_sender_field_wrapped_inside_the_name_is_one_submitter() -> None:
    """Dresden AF2006/13 with 'Einreicher: Fraktion Bündnis 90/Die Grünen' in 40-character lines
    (bench.text_shapes wrap40: '… 90/Die' / 'Grünen'): the Greens alone (main: also 'Die')."""
    text = SHAPES["wrap40"](rewritten(GREEN_SCHOOLS, "Einreicher: Fraktion Bündnis 90/Die Grünen"))
    assert "Einreicher: Fraktion Bündnis 90/Die\nGrünen" in text
    assert parse_text(text).factions == ("Bündnis 90/Die Grünen",)


def test_sender_field_with_two_lines_keeps_two_submitters() -> None:
    """Guard: 'Einreicher:' with 'Fraktion CDU' / 'Fraktion SPD' below names both groups."""
    text = rewritten(GREEN_SCHOOLS, "Einreicher:\nFraktion CDU\nFraktion SPD")
    assert parse_text(text).factions == ("CDU", "SPD")


def test_name_run_into_the_line_above_starts_at_its_own_opening() -> None:
    """Karlsruhe 2021/0614 (its party renamed by bench.faction_names) run into one line (flat):
    '… 100 Prozent Recyclingpapier Bürger für Lindenau-Gemeinderatsfraktion' names 'Bürger für
    Lindenau', '… Recyclingpapier Freie Liste Neustadt-…' names 'Freie Liste Neustadt' (main: the
    footer's words in front). Skipped without the corpus snapshots."""
    label = dev_label(KARLSRUHE_LINKE)
    for name in ("Bürger für Lindenau", "Freie Liste Neustadt"):
        text, count = substitute(dev_text(KARLSRUHE_LINKE), label["factions"][0], name)
        assert count
        flat = SHAPES["flat"](text)
        assert f"Recyclingpapier {name}-Gemeinderatsfraktion" in flat
        assert parse_text(flat).factions == (name,)


def test_member_bracket_broken_over_three_narrow_lines_names_the_group() -> None:
    """Landtag Drs. 19/11141 (its party renamed 'Wählergemeinschaft Musterstadt') in 40-character
    lines: 'Anfrage der Abgeordneten Martina' / 'Machulla (Wählergemeinschaft' / 'Musterstadt)'
    names the group (main: none). Skipped without the corpus snapshots."""
    label = dev_label(LANDTAG_MEMBER)
    name = "Wählergemeinschaft Musterstadt"
    text, count = substitute(dev_text(LANDTAG_MEMBER), label["factions"][0], name)
    assert count
    wrapped = SHAPES["wrap40"](text)
    assert "Machulla (Wählergemeinschaft\nMusterstadt)" in wrapped
    assert parse_text(wrapped).factions == (name,)
