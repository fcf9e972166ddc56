"""The paper's own reference in other shapes and labels (issue 11, eleventh round, branch refs11).

Real dev documents (the committed Dresden forms and answer letters, a Nordstemmen answer form;
a Niedersachsen Landtag answer and a Karlsruhe form rebuilt from the fetched snapshots, skipped
without ../.mirror) have their own number rewritten by bench.reference_variants: its value into
another real shape, its label into another label, the number into another place, or the number
replaced by one that is not the paper's own. Expected values: the labelled reference
(tests/corpus/dev/*.json, read off the documents by hand) rewritten the same way. Every
document test here fails on main d6424fc unless its docstring calls it a guard.
"""

from __future__ import annotations

import pytest

from bench.reference_variants import (
    PLACE_VALUE,
    TRAPS,
    own_number,
    spans,
    with_label,
    with_place,
    with_trap,
    with_value,
)
from bench.text_shapes import SHAPES
from fetcher.parse import parse_text
from tests.corpus_data import corpus_path, dev_label
from tests.fixtures_path import OPARL_FIXTURES

FORM = "dresden-AF2008-13-anfrage-gruene-jugendhaeuser"  # "Anfrage Nr.: AF2008/13"
LETTER = "dresden-AF0028-14-antwort-cdu-fernbuslinien"  # subject block ends in "AF0028/14"
NORDSTEMMEN = "nordstemmen-DS-19-2017-mitteilungsvorlage-strassenausbaubeitraege"  # "DS 19/2017"
LANDTAG = "LANDTAG-niedersachsen-19-11141-kleine-anfrage-mit-antwort"  # cites "(Drs. 19/10297)"
COLUMN = "karlsruhe-2013-0017-anfrage-fdp-nachtstromspeicher"  # "Vorlage Nr.:" in a label column
MOTION = "dresden-A0087-09-antrag-cdu-blaues-wunder"  # "Antrag Nr.:" / "Datum:" above "A0087/09"


def _doc(name: str) -> tuple[str, str]:
    """Return a dev document's text and its own number as printed."""
    text = corpus_path(name, "dev").read_text("utf-8")
    number = own_number(text, dev_label(name))
    assert number is not None
    return text, number


def test_transforms_rewrite_the_own_number_and_nothing_else() -> None:
    """with_value rewrites only the paper's own number, with_label only its label, with_trap both
    (a Drucksache cited in the text stays); the rest of the text is unchanged."""
    text = (
        "Anfrage Nr.: AF2008/13\nDatum: 28. Januar 2013\nsiehe Drucksache AF2008/131 und AF2008/13."
    )
    assert spans(text.split("\n"), "AF2008/13")[0].labelled
    assert with_value(text, "AF2008/13", "VO/2021/1234") == (
        "Anfrage Nr.: VO/2021/1234\nDatum: 28. Januar 2013\n"
        "siehe Drucksache AF2008/131 und VO/2021/1234."
    )
    assert with_label(text, "AF2008/13", "Ds.-Nr.") == (
        "Ds.-Nr. AF2008/13\nDatum: 28. Januar 2013\nsiehe Drucksache AF2008/131 und AF2008/13."
    )
    assert with_trap(text, "AF2008/13", "TOP 5") == (
        "TOP 5\nDatum: 28. Januar 2013\nsiehe Drucksache AF2008/131 und TOP 5."
    )
    assert with_label("Betreff\nAF2008/13\n", "AF2008/13", "DS") is None  # no label: not used


@pytest.mark.parametrize(
    "value",
    ["A 0123/21", "AN/1234/2021", "21/SVV/1234", "V/21/1234", "SV-21/123", "21-1234", "12345-21"],
)
def test_number_in_another_shape_is_read_whole(value: str) -> None:
    """A Nordstemmen answer form's 'DS 19/2017' rewritten as 'DS A 0123/21', 'DS AN/1234/2021',
    'DS 21-1234' …: the value is taken whole, whatever its separators, not cut at its first space
    or slash, nor left unread."""
    text, number = _doc(NORDSTEMMEN)
    assert parse_text(with_value(text, number, value)).reference in {value, f"DS {value}"}


def test_form_number_with_a_prefix_is_read_whole() -> None:
    """'Anfrage Nr.: A 0123/21' on a Dresden form: the prefix and the number, not '0123/21'."""
    text, number = _doc(FORM)
    assert parse_text(with_value(text, number, "A 0123/21")).reference == "A 0123/21"


@pytest.mark.parametrize("value", ["AN/1234/2021", "0123/2021", "21/SVV/1234", "V/21/1234"])
def test_letter_subject_number_in_another_shape(value: str) -> None:
    """An answer letter's subject block ending in the inquiry's number alone ('Fernbuslinien' /
    'AN/1234/2021'; '0123/2021' is a number of 2021, not a phone number)."""
    text, number = _doc(LETTER)
    assert parse_text(with_value(text, number, value)).reference == value


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Vorlage -", "AF2008/13"),
        ("Ds.-Nr.", "AF2008/13"),
        ("DS-Nr.", "AF2008/13"),
        ("Nummer:", "AF2008/13"),
        ("Drucksache:", "AF2008/13"),
        ("Drucksache -", "AF2008/13"),
        ("Drs.", "AF2008/13"),
        ("Nummer:\n", "AF2008/13"),
    ],
)
def test_form_number_under_another_label(label: str, expected: str) -> None:
    """'Vorlage - AF2008/13', 'Ds.-Nr. AF2008/13', 'Nummer:' with the number on the next line:
    any label that names a paper's number gives its value."""
    text, number = _doc(FORM)
    rewritten = with_label(text, number, label)
    assert rewritten is not None
    assert parse_text(rewritten).reference == expected


def test_issue_shape_label_and_value() -> None:
    """The issue's printed shape 'DS-Nr. 12345-21' on a Nordstemmen answer form (its own
    'DS 19/2017' rewritten, label and value): the number."""
    text, number = _doc(NORDSTEMMEN)
    rewritten = with_label(text, number, "DS-Nr.", "12345-21")
    assert rewritten is not None
    assert parse_text(rewritten).reference == "12345-21"


@pytest.mark.parametrize("place", ["top", "running head"])
def test_number_alone_at_the_top_or_in_a_running_head(place: str) -> None:
    """The labelled number removed and '2021/0123' printed alone on the first line, or as
    '2021/0123 – Seite 1 von 1' above every page: the number is the reference."""
    text, number = _doc(FORM)
    rewritten = with_place(text, number, place)
    assert rewritten is not None
    assert parse_text(rewritten).reference == PLACE_VALUE


def test_another_paper_after_bezug_is_no_reference() -> None:
    """'Bezug: Drucksache 19/10297' in place of the form's own number names another paper."""
    text, number = _doc(FORM)
    rewritten = with_trap(text, number, TRAPS["Bezug: Drucksache"])
    assert rewritten is not None
    assert parse_text(rewritten).reference is None


@pytest.mark.parametrize("trap", [t for t in TRAPS if t != "Bezug: Drucksache"])
def test_numbers_that_are_not_the_papers_own_stay_unread(trap: str) -> None:
    """Guard (passes on main too): 'zu Vorlage …', 'Aktenzeichen:', 'Az.', 'Top-Nr.', 'TOP 5', a
    parcel, a telephone, '12/2021', 'Ö 3.2', a table row in place of the own number: none."""
    text, number = _doc(FORM)
    rewritten = with_trap(text, number, TRAPS[trap])
    assert rewritten is not None
    assert parse_text(rewritten).reference is None


def test_landtag_citations_in_prose_are_not_the_reference() -> None:
    """A Landtag answer without its own head number cites '(Drs. 19/10297)' in its preamble and
    'Drucksache 19/10297' in a question: cited papers, no reference."""
    text, number = _doc(LANDTAG)
    rewritten = with_trap(text, number, "")
    assert rewritten is not None
    assert "(Drs. 19/10297)" in rewritten
    assert parse_text(rewritten).reference is None


def test_column_value_in_another_shape() -> None:
    """Karlsruhe 2013: 'Vorlage Nr.:' in the label column, its value '21-1234' (ALLRIS shape)
    third in the value column."""
    text, number = _doc(COLUMN)
    assert parse_text(with_value(text, number, "21-1234")).reference == "21-1234"


def test_ortschaftsrat_form_with_vorlage_dot_colon() -> None:
    """Karlsruhe Ortschaftsrat form 'FDP-Ortschaftsratsfraktion   Vorlage.: 164' (real file
    content, ../shared/fixtures): its own number 164."""
    text = (OPARL_FIXTURES / "karlsruhe" / "file-contents" / "624926.txt").read_text("utf-8")
    assert parse_text(text).reference == "164"


def test_site_plan_parcel_numbers_are_no_reference() -> None:
    """Guard: a site plan's lone '8782/8' among street names is a parcel, not a paper number."""
    text = (OPARL_FIXTURES / "karlsruhe" / "file-contents" / "35151.txt").read_text("utf-8")
    assert parse_text(text).reference is None


def test_paper_number_pieces() -> None:
    """is_value, labelled_value and lone_value read a label's value by its structure."""
    from fetcher.parse.paper_number import is_value, labelled_value, lone_value

    for value in ("VII-F-08507-AW-01", "0123/2021", "535"):
        assert is_value(value), value
    for value in ("21.10.2019", "2012/13", "0351/4881234"):
        assert not is_value(value), value
    assert labelled_value("Drucksache - 21-1234") == "21-1234"
    assert labelled_value("Niedersächsischer Landtag – 19. Wahlperiode Drs. 19/11134") == (
        "19/11134"
    )
    assert labelled_value("Bezug: Drucksache 19/10297") is None
    assert labelled_value("Aus der Drucksache 19/10558 ergibt sich") is None
    assert labelled_value("Haushaltsantrag 2021") is None
    assert lone_value(["12/2021", "Anfrage"]) is None
    assert lone_value(["Stadt", "2021/0123 – Seite 1 von 3"]) == "2021/0123"


@pytest.mark.parametrize("value", ["RA 123/2021", "A 0123/21", "0123/2021"])
def test_label_run_value_with_a_prefix_run_together(value: str) -> None:
    """A Dresden motion's head run into one line ('Antrag Nr.: Datum: RA 123/2021 25.11.2009'):
    the label's value keeps its prefix and a year after its slash is no phone number."""
    text, number = _doc(MOTION)
    assert parse_text(SHAPES["flat"](with_value(text, number, value))).reference == value


def test_running_head_opening_a_page_run_together() -> None:
    """'2021/0123 – Seite 1 von 1' opening the page run into one line: the number."""
    text, number = _doc(FORM)
    rewritten = with_place(text, number, "running head")
    assert rewritten is not None
    assert parse_text(SHAPES["flat"](rewritten)).reference == PLACE_VALUE
