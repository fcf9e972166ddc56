"""A paper's own number in heads of other shapes, and no number that is not its own (issue 11,
twentieth round).

Real dev documents rewritten by the benches' own transforms (bench.reference_variants.cases,
bench.bare_references.cases, bench.noref_variants.with_head_trap), read as printed or run together
(bench.text_shapes: "flat", "para"). Every test fails on main ec18cdd's parser.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bench import bare_references
from bench.noref_variants import variants, with_head_trap, without_number
from bench.reference_variants import _fold
from fetcher.parse import parse_text
from tests.corpus_data import corpus_path, dev_label
from tests.variant_cases import SHAPES, reference_case

LANDTAG = "LANDTAG-niedersachsen-19-11138-kleine-anfrage-mit-antwort"
PARKPLAETZE = "dresden-AF2024-13-anfrage-spd-parkplaetze-krankenhaeuser"
AMPELN = "karlsruhe-2006-anfrage-kal-led-ampeln-stellungnahme"


@pytest.mark.parametrize(
    ("name", "variant", "shape"),
    [
        (AMPELN, "Drucksachen–Nr.:", "text"),
        (PARKPLAETZE, "Drucksachen–Nr.:", "flat"),
        (AMPELN, "Anfrage—Nr.", "para"),
        (LANDTAG, "Vorlage —", "text"),
        (LANDTAG, "Vorlagen – Nr.", "flat"),
        (PARKPLAETZE, "Vorlagen – Nr.", "text"),
        (LANDTAG, "Drucksache –", "para"),
        (AMPELN, "below Drucksachen–Nr.:", "text"),
    ],
)
def test_label_with_an_en_or_em_dash_names_the_number(name: str, variant: str, shape: str) -> None:
    """ "Drucksachen–Nr.:", "Anfrage—Nr.", "Vorlage —": a word processor's dash in the label is
    the label's hyphen; the number beside it is the paper's own."""
    text, accepted = reference_case(name, variant)
    assert any(dash in text for dash in "–—")
    assert _fold(parse_text(SHAPES[shape](text)).reference) in accepted


@pytest.mark.parametrize("name", [LANDTAG, PARKPLAETZE, AMPELN])
@pytest.mark.parametrize("shape", ["text", "flat"])
def test_type_line_naming_its_sender_before_nr_and_date(name: str, shape: str) -> None:
    """ "Anfrage der SPD-Fraktion im Ortschaftsrat Nr. 2021/0123 vom 12.03.2021": the head's type
    line, its sender, the number and its date; the same words naming a plan's number are none."""
    text, accepted = reference_case(name, "type line, sender, Nr. … vom")
    assert _fold(parse_text(SHAPES[shape](text)).reference) in accepted
    removed = without_number(corpus_path(name, "dev").read_text("utf-8"), dev_label(name))
    assert removed is not None
    plan = "Antrag der SPD-Fraktion zum Bebauungsplan Nr. 12/2021 vom 12.03.2021"
    assert parse_text(SHAPES[shape](with_head_trap(removed, plan))).reference is None


@pytest.mark.parametrize("name", [LANDTAG, AMPELN])
@pytest.mark.parametrize("shape", ["text", "flat", "para"])
def test_number_then_sender_and_date_on_the_type_line(name: str, shape: str) -> None:
    """ "Anfrage A 0123/21 der Fraktion Die Linke vom 12.03.2021": sender and date after the
    number end its clause; the head goes on after them, no sentence."""
    text, accepted = reference_case(name, "type line, number, sender, vom")
    assert _fold(parse_text(SHAPES[shape](text)).reference) in accepted


def _bare_case(name: str, place: str) -> tuple[str, str]:
    item = SimpleNamespace(
        name=name, text=corpus_path(name, "dev").read_text("utf-8"), label=dev_label(name)
    )
    for _, case in bare_references.cases([item]):
        if case.place == place and case.value is not None:
            return case.text, case.value
    raise AssertionError((name, place))


@pytest.mark.parametrize("shape", ["text", "flat", "para"])
def test_stamp_number_opening_the_text(shape: str) -> None:
    """A number stamped top right and read into the letterhead's first line ("2021/0123
    Niedersächsischer Landtag …"): the paper's own, printed without a label."""
    text, value = _bare_case(LANDTAG, "stamp, run in")
    assert text.lstrip().startswith(value)
    got = parse_text(SHAPES[shape](text)).reference
    assert _fold(got) == _fold(value.replace(" / ", "/"))


@pytest.mark.parametrize("name", [LANDTAG, AMPELN])
@pytest.mark.parametrize("shape", ["text", "flat"])
def test_number_in_page_2s_running_head_only(name: str, shape: str) -> None:
    """ "S0123/21 – Seite 2" opening page 2, the page's text run in after it in flat text."""
    text, value = _bare_case(name, "page 2 running head")
    assert _fold(parse_text(SHAPES[shape](text)).reference) == _fold(value)


@pytest.mark.parametrize("name", [LANDTAG, AMPELN])
@pytest.mark.parametrize("shape", ["text", "flat"])
def test_number_in_page_2s_running_head_after_its_first_cell(name: str, shape: str) -> None:
    """ "Stadt Musterstadt – S0123/21 – Seite 2 von 3" opening page 2: the number between the
    head's cell and the page counter."""
    text, value = _bare_case(name, "page 2 running head after a cell")
    assert _fold(parse_text(SHAPES[shape](text)).reference) == _fold(value)


@pytest.mark.parametrize(
    ("name", "trap"),
    [
        (AMPELN, "first line parcel"),
        (AMPELN, "Amtsblatt Nr. cell"),
        (LANDTAG, "Amtsblatt Nr. cell"),
    ],
)
def test_parcel_and_gazette_numbers_are_no_reference(name: str, trap: str) -> None:
    """A parcel "123/4" above the type line, "Amtsblatt Nr. 12/2021" in the head: numbers of other
    things; with the paper's own number taken out, no reference is read."""
    removed = without_number(corpus_path(name, "dev").read_text("utf-8"), dev_label(name))
    assert removed is not None
    text = variants()[trap](removed)
    assert parse_text(text).reference is None
