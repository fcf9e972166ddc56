"""No invented reference: numbers that are not the paper's own (issue 11, twelfth round, noref12).

Real dev documents (the committed Dresden texts; a Niedersachsen Landtag Unterrichtung and two
Karlsruhe forms rebuilt from the fetched snapshots, skipped without ../.mirror) have their own
number removed or a number that is not a paper's written in by bench.noref_variants' transforms.
Expected values: no reference where the document prints none of its own, else the labelled one
(tests/corpus/dev/*.json, read off the documents by hand). Every document test here fails on main
efe33cf unless its docstring calls it a guard.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bench.noref_variants import (
    HEAD_TRAPS,
    TOP_TRAPS,
    reference_reader,
    with_head_trap,
    with_page_2_trap,
    with_top_trap,
    without_number,
)
from bench.parse_accuracy import reader
from bench.text_shapes import SHAPES
from fetcher.parse import parse_text
from tests.corpus_data import corpus_path, dev_label

INVITATION = "dresden-ISF-025-2012-einladung-betriebsausschuss"  # prints no number of its own
FORM = "dresden-AF2008-13-anfrage-gruene-jugendhaeuser"  # "Anfrage Nr.: AF2008/13"
UNTERRICHTUNG = "LANDTAG-niedersachsen-19-11188-unterrichtung-beschluss-iran"
YEAR_TITLE = "karlsruhe-2019-1329-anfrage-afd-sichere-haefen"  # title "2019 aufgenommene …"
COLUMN = "karlsruhe-2014-0359-anfrage-cdu-sanitaeranlagen-schulen"  # "Vorlage Nr.:" column
WRAPPED = HEAD_TRAPS["Antrag Nr. vom wrapped"]


def _text(name: str) -> str:
    return corpus_path(name, "dev").read_text("utf-8")


def _removed(name: str) -> str:
    text = without_number(_text(name), dev_label(name))
    assert text is not None
    return text


def test_transforms_write_what_they_say_and_nothing_else() -> None:
    """without_number removes every occurrence of the labelled number with its label (a line
    left holding only a label goes whole); the trap transforms add their lines and keep the rest."""
    text = (
        "Anfrage Nr.: AF2008/13\nDatum: 28. Januar 2013\nGegenstand:\n"
        "siehe AF2008/131 und AF2008/13."
    )
    label = {"reference": "AF2008/13", "reference_alt": []}
    assert without_number(text, label) == (
        "Datum: 28. Januar 2013\nGegenstand:\nsiehe AF2008/131 und ."
    )
    assert without_number(text, {"reference": None}) is None
    assert with_head_trap("\nA\nB", "Az.: 1") == "\nA\nAz.: 1\nB"
    assert with_top_trap("\nA\nB", "2023") == "\n2023\nA\nB"
    assert with_page_2_trap("A\fB", "Seite 2") == "A\fSeite 2\nB"
    lines = [f"line {k}" for k in range(50)]
    paged = with_page_2_trap("\n".join(lines), "Seite 2").split("\n")
    assert paged[:20] == lines[:20]
    assert paged[20] == "\fSeite 2"
    assert paged[21:] == lines[20:]


@pytest.mark.parametrize("shape", [None, "flat"])
def test_motion_cited_in_a_wrapped_first_sentence_is_no_reference(shape: str | None) -> None:
    """ "Wir beziehen uns auf den" / "Antrag Nr. 2023/0815 vom 12.03.2023 und fragen:" in the head
    or on page 2 of an invitation without a number of its own gives it none (run together,
    "auf den Antrag Nr." is a guard: main reads it right)."""
    text = _text(INVITATION)
    reshape = SHAPES[shape] if shape else (lambda t: t)
    assert parse_text(reshape(text)).reference is None  # guard: as printed
    for trapped in (with_head_trap(text, WRAPPED), with_page_2_trap(text, WRAPPED)):
        assert parse_text(reshape(trapped)).reference is None


def test_form_keeps_its_own_number_through_the_wrapped_citation() -> None:
    """Guard: a Dresden form with the cited motion in its head still reads "AF2008/13"."""
    assert parse_text(with_head_trap(_text(FORM), WRAPPED)).reference == "AF2008/13"


def test_dated_label_at_a_line_start_stays_the_papers_own() -> None:
    """Guard: "Vorlage Nr. 2023/0815 vom 12.03.2023" alone on a head line is the paper's number."""
    text = "Stadt Karlsruhe\nVorlage Nr. 2023/0815 vom 12.03.2023\nAnfrage der SPD\n"
    assert parse_text(text).reference == "2023/0815"


def test_motion_after_a_dash_in_an_unterrichtung_is_no_reference() -> None:
    """A Landtag Unterrichtung without its own number: "Antrag der Fraktion … Grünen -" /
    "Drs. 19/9632" names the motion it reports on, no number of its own."""
    assert parse_text(_removed(UNTERRICHTUNG)).reference is None


def test_title_opening_with_a_year_below_an_empty_number_label() -> None:
    """A Karlsruhe form whose "Vorlage Nr.:" cell is empty: its title "2019 aufgenommene
    Migranten …" below gives no reference "2019"."""
    assert parse_text(_removed(YEAR_TITLE)).reference is None


def test_year_alone_in_a_running_head_below_a_label_column() -> None:
    """A Karlsruhe form without its number and "2023" alone heading page 2: the year in the
    label column's values is no paper number."""
    trapped = with_page_2_trap(_removed(COLUMN), TOP_TRAPS["first line year"])
    assert parse_text(trapped).reference is None


@pytest.mark.parametrize("name", sorted(HEAD_TRAPS))
def test_head_traps_invent_nothing_and_keep_the_own_number(name: str) -> None:
    """Guard: every trap leaves the invitation without a reference and the form with its own."""
    trap = HEAD_TRAPS[name]
    assert parse_text(with_head_trap(_text(INVITATION), trap)).reference is None
    assert parse_text(with_page_2_trap(_text(FORM), trap)).reference == "AF2008/13"


@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("first line ISO date", with_top_trap),
        ("empty label, ISO date below", with_head_trap),
        ("empty label, year below", with_page_2_trap),
    ],
)
def test_a_date_or_a_year_is_no_paper_number(name: str, where: Callable[[str, str], str]) -> None:
    """ "2023-03-12" alone on the first line, or a date or a year below an empty "Vorlage Nr.:" /
    "Drucksache" label, gives an invitation without a number of its own none."""
    trap = {**HEAD_TRAPS, **TOP_TRAPS}[name]
    assert parse_text(where(_text(INVITATION), trap)).reference is None


def test_the_form_keeps_its_number_below_an_empty_label_with_a_date() -> None:
    """Guard: a Dresden form with "Vorlage Nr.:" / "2023-03-12" in its head still reads
    "AF2008/13"."""
    trap = HEAD_TRAPS["empty label, ISO date below"]
    assert parse_text(with_head_trap(_text(FORM), trap)).reference == "AF2008/13"


def test_the_bench_reads_the_reference_as_parse_text_does() -> None:
    """bench.noref_variants.reference_reader gives parse_text's reference, in both shapes."""
    texts = [_text(INVITATION), _text(FORM), with_head_trap(_text(FORM), WRAPPED)]
    for shape in (None, "flat"):
        read = reference_reader(shape)
        reshape = SHAPES[shape] if shape else (lambda t: t)
        for text in texts:
            assert read(text) == parse_text(reshape(text)).reference


def test_an_iso_date_beside_an_empty_label_run_together_is_no_paper_number() -> None:
    """Run together, "Vorlage Nr.: 2023-03-12" (the label left empty, the date after it) gives
    the invitation no reference."""
    trapped = with_head_trap(_text(INVITATION), HEAD_TRAPS["empty label, ISO date below"])
    assert parse_text(SHAPES["flat"](trapped)).reference is None


def test_a_dash_ending_a_letterhead_field_does_not_cite_the_number_later_in_the_next_line() -> None:
    """Nordstemmen's Mitteilungsvorlage DS 70/2011 run together and printed to a paged PDF: the
    line "Höl/mü Auskunft erteilt: … Telefon: 800 - 20 15.12.2011 DS 70/2011" follows
    "Aktenzeichen: (2) -", and its number, at the line's end, is still the paper's own."""
    name = "nordstemmen-DS-70-2011-antwort-cdu-baugrundstuecke"
    doc = reader("paged", "flat")(_text(name))
    assert doc.reference == "70/2011"
