"""A paper's own number in the heads of other council systems' forms, and no other number read as
it (issue 11, twenty-first round).

Real dev documents rewritten by the benches' own transforms (bench.reference_variants.cases,
bench.noref_variants.with_head_trap), read as printed or run together (bench.text_shapes: "flat",
"para"). Every test of a number read fails on main 33545e0's parser.
"""

from __future__ import annotations

import pytest

from bench.noref_variants import HEAD_TRAPS, with_head_trap, without_number
from bench.reference_variants import _fold
from fetcher.parse import parse_text
from fetcher.parse.reference_lines import rejoined, unglued, without_borders
from tests.corpus_data import corpus_path, dev_label
from tests.variant_cases import SHAPES, reference_case

LANDTAG = "LANDTAG-niedersachsen-19-11138-kleine-anfrage-mit-antwort"
PARKPLAETZE = "dresden-AF2024-13-anfrage-spd-parkplaetze-krankenhaeuser"
AMPELN = "karlsruhe-2006-anfrage-kal-led-ampeln-stellungnahme"


def _read(name: str, variant: str, shape: str) -> tuple[str | None, frozenset[str]]:
    text, accepted = reference_case(name, variant)
    return parse_text(SHAPES[shape](text)).reference, accepted


@pytest.mark.parametrize("name", [LANDTAG, PARKPLAETZE, AMPELN])
@pytest.mark.parametrize("shape", ["text", "flat", "para"])
def test_table_row_with_its_cell_borders(name: str, shape: str) -> None:
    """ "| Drucksache | 2021/0123 |": a head's table saved with its borders; the bar stands where a
    form prints the gap between the label's cell and the number's."""
    got, accepted = _read(name, "pipe table row", shape)
    assert _fold(got) in accepted


@pytest.mark.parametrize("name", [LANDTAG, AMPELN])
@pytest.mark.parametrize("shape", ["text", "flat", "para"])
def test_label_column_above_its_values(name: str, shape: str) -> None:
    """ "Drucksache:" / "Datum:" / "2021/0123" / "12.03.2021": the labels' column first, the
    values in the same order below it (flat: "Drucksache: Datum: 2021/0123 12.03.2021")."""
    got, accepted = _read(name, "label column, values below", shape)
    assert _fold(got) in accepted


@pytest.mark.parametrize("variant", ["wrapped after separator", "wrapped after separator, letters"])
@pytest.mark.parametrize("name", [LANDTAG, PARKPLAETZE])
def test_number_wrapped_after_its_separator(name: str, variant: str) -> None:
    """ "Drucksache Nr. 2021/" / "0123", "Vorlage - VO/2021/" / "0123": a narrow cell wraps the
    number after its slash; the group on the next line is its last."""
    got, accepted = _read(name, variant, "text")
    assert _fold(got) in accepted
    assert got is not None
    assert got.endswith("0123")


@pytest.mark.parametrize("name", [LANDTAG, AMPELN])
@pytest.mark.parametrize("shape", ["flat", "para"])
def test_number_above_its_caption_run_together(name: str, shape: str) -> None:
    """ "2021/0123" / "Vorlagen-Nr." / "12.03.2021" / "Datum": a form whose captions stand under
    its fields, run into one line ("2021/0123 Vorlagen-Nr. 12.03.2021 Datum")."""
    got, accepted = _read(name, "value above caption", shape)
    assert _fold(got) in accepted


@pytest.mark.parametrize("name", [LANDTAG, PARKPLAETZE, AMPELN])
@pytest.mark.parametrize("shape", ["text", "flat", "para"])
def test_label_number_and_next_word_glued(name: str, shape: str) -> None:
    """ "Vorlage2021/0123Anfrage der SPD-Fraktion": an extractor dropped the gaps between the
    label, the number and the next cell."""
    got, accepted = _read(name, "label and number glued", shape)
    assert _fold(got) in accepted


@pytest.mark.parametrize("name", [LANDTAG, PARKPLAETZE, AMPELN])
@pytest.mark.parametrize("shape", ["flat", "para"])
def test_forwarded_e_mail_subject_names_the_number(name: str, shape: str) -> None:
    """ "Betreff: WG: Anfrage Nr. 17/2021 der FDP-Fraktion - Hallenbad": the subject field's value
    opens after the forward's mark, whatever the header prints before it."""
    got, accepted = _read(name, "e-mail subject, WG: … Nr. … der", shape)
    assert _fold(got) in accepted


@pytest.mark.parametrize("trap", ["caption: Sitzungs-Nr.", "caption: Bezugsvorlagen-Nr."])
def test_number_above_another_fields_caption_is_no_reference(trap: str) -> None:
    """ "2021/0815" / "Sitzungs-Nr.": a number alone in the head, its caption under it names
    another field's; not the paper's own (run together, "Anfrage 2021/0815 Sitzungs-Nr. …" reads
    as the type line's number: left open)."""
    removed = without_number(corpus_path(AMPELN, "dev").read_text("utf-8"), dev_label(AMPELN))
    assert removed is not None
    assert parse_text(with_head_trap(removed, HEAD_TRAPS[trap])).reference is None


@pytest.mark.parametrize(
    "trap",
    [
        "pipe row: Aktenzeichen",
        "pipe row: Sitzung, Datum",
        "label column: Aktenzeichen",
        "label column: Bezugsvorlage",
        "wrapped Az.",
        "glued Bezugsvorlage",
        "e-mail subject, no number",
        "Sitzung: SI/…",
        "empty label, date field below",
        "label filled with a note",
    ],
)
@pytest.mark.parametrize("shape", ["text", "flat", "para"])
def test_other_fields_in_the_same_shapes_are_no_reference(trap: str, shape: str) -> None:
    """A file sign, a session's number, the paper referred to: in a bordered row, a label column,
    above a caption, wrapped, or an empty number field; none is the paper's own."""
    removed = without_number(corpus_path(AMPELN, "dev").read_text("utf-8"), dev_label(AMPELN))
    assert removed is not None
    assert parse_text(SHAPES[shape](with_head_trap(removed, HEAD_TRAPS[trap]))).reference is None


def test_borders_and_wraps_keep_the_lines_in_place() -> None:
    """The reference readers index the lines: a rejoined number leaves its next line in place."""
    lines = ["Stadt Musterstadt", "Drucksache Nr. 2021/", "0123 öffentlich", "Datum: 12.03.2021"]
    assert rejoined(lines) == [
        "Stadt Musterstadt",
        "Drucksache Nr. 2021/0123",
        "öffentlich",
        "Datum: 12.03.2021",
    ]
    assert without_borders("| Drucksache | 2021/0123 |") == "Drucksache  2021/0123"
    assert without_borders("Einnahmen 2021 | 2022") == "Einnahmen 2021 | 2022"
    assert unglued("Vorlage2021/0123Anfrage der SPD") == "Vorlage 2021/0123 Anfrage der SPD"
