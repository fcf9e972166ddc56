"""The paper's own reference in more shapes, labels and places (issue 11, thirteenth round).

Real dev documents (committed Dresden forms and answer letters, Nordstemmen answer forms; a
Niedersachsen Landtag answer and Karlsruhe forms rebuilt from the fetched snapshots, skipped
without ../.mirror) rewritten by bench.reference_variants' own transforms (its `cases`): the
paper's number into another shape, its label into another label, the number into another place,
or a number that is not the paper's own written in. Expected: what the bench accepts for that
variant (the labelled reference, tests/corpus/dev/*.json, rewritten the same way). Every test
here fails on main 9ab3fa8 unless its docstring calls it a guard.
"""

from __future__ import annotations

import pytest

from bench.reference_variants import Case, _fold, cases
from bench.text_shapes import SHAPES
from fetcher.parse import parse_text
from tests.corpus_data import corpus_path, dev_label

FORM = "dresden-AF2008-13-anfrage-gruene-jugendhaeuser"  # "Anfrage Nr.: AF2008/13", two pages
LETTER = "dresden-AF0028-14-antwort-cdu-fernbuslinien"  # subject block ends in "AF0028/14"
COLUMN = "karlsruhe-2013-0017-anfrage-fdp-nachtstromspeicher"  # "Vorlage Nr.:" in a label column
KARLSRUHE_2006 = "karlsruhe-2006-anfrage-kal-led-ampeln-stellungnahme"  # "Vorlage Nr. 586"
NORDSTEMMEN = "nordstemmen-DS-70-2011-antwort-cdu-baugrundstuecke"  # answer form, "DS 70/2011"
LANDTAG = "LANDTAG-niedersachsen-19-11138-kleine-anfrage-mit-antwort"  # "Drucksache 19/11138"


def _case(name: str, variant: str) -> Case:
    """Return one bench variant of a dev document."""
    text = corpus_path(name, "dev").read_text("utf-8")
    return cases(text, dev_label(name))[variant]


def _reads(case: Case, shape: str | None = None) -> bool:
    text = SHAPES[shape](case.text) if shape else case.text
    return _fold(parse_text(text).reference) in case.accepted


@pytest.mark.parametrize("shape", [None, "flat"])
def test_number_with_its_department_is_read_whole(shape: str | None) -> None:
    """ "Anfrage Nr.: 0123/2021/FB 3" reads whole, the department's number with it (not
    "0123/2021/FB"), also when the head is run together and relined."""
    assert _reads(_case(FORM, "0123/2021/FB 3"), shape)


def test_department_split_off_by_the_relining_is_joined() -> None:
    """A Landtag head run together ("Drucksache 0123/2021/FB 3 1 Kleine Anfrage …") that the
    relining splits before "3" still reads the whole number."""
    assert _reads(_case(LANDTAG, "0123/2021/FB 3"), "flat")


@pytest.mark.parametrize("value", ["VI-A-01234-NF-02", "0123/2021 Ergänzung"])
def test_amended_version_in_a_letter_subject(value: str) -> None:
    """A letter's subject block ending in a new version's number ("VI-A-01234-NF-02") or a
    number and its amendment word ("0123/2021 Ergänzung") gives the paper's number."""
    case = _case(LETTER, value)
    assert _reads(case)
    if value.endswith("Ergänzung"):
        assert _reads(case, "flat")


def test_amended_version_in_a_label_column() -> None:
    """Karlsruhe's label column "Vorlage Nr.:" with the value "0123/2021 Ergänzung" below the
    labels reads "0123/2021"."""
    assert _reads(_case(COLUMN, "0123/2021 Ergänzung"))


@pytest.mark.parametrize("value", ["2021 / 0123", "WP 20 / 1234"])
def test_spaced_value_in_a_label_run(value: str) -> None:
    """A head run together ("Termin: Vorlage Nr.: TOP: … 24.09.2013 2021 / 0123 24") reads the
    spaced number as one value."""
    assert _reads(_case(COLUMN, value), "flat")


def test_file_sign_named_as_the_papers() -> None:
    """ "Aktenzeichen der Vorlage: AF2008/13" labels the paper's own number."""
    assert _reads(_case(FORM, "Aktenzeichen der Vorlage:"))


def test_ratsdrucksache_with_a_plain_number() -> None:
    """ "Ratsdrucksache 586": a Drucksache noun labels a plain number too."""
    assert _reads(_case(KARLSRUHE_2006, "Ratsdrucksache"))


def test_title_line_ending_in_its_number() -> None:
    """A title line opened by the type word and ended by "Nr. 2021/0123" gives the number."""
    assert _reads(_case(FORM, "title line Nr."))


@pytest.mark.parametrize(
    ("place", "shape"), [("page foot", None), ("page foot", "flat"), ("page foot labelled", None)]
)
def test_number_in_the_page_foot_only(place: str, shape: str | None) -> None:
    """The number printed only in every page's foot ("2021/0123 – Seite 1 von 2", with or
    without "Drucksache" before it) is the paper's, also run together."""
    assert _reads(_case(FORM, place), shape)


@pytest.mark.parametrize("name", [NORDSTEMMEN, KARLSRUHE_2006])
def test_answer_reply_line_names_the_inquirys_number(name: str) -> None:
    """An answer whose only number is its reply line "Ihre Anfrage 2021/0123 vom 12.03.2021"
    is filed under that number, as the labels of the dev answers say."""
    assert _reads(_case(name, "answer subject"))
    assert _reads(_case(name, "answer subject"), "flat")


@pytest.mark.parametrize("name", [NORDSTEMMEN, KARLSRUHE_2006])
def test_answer_own_label_wins_over_its_reply_line(name: str) -> None:
    """Guard: beside its own label, the reply line's other number is not the reference."""
    assert _reads(_case(name, "answer subject, own label"))


def test_numbers_that_are_not_the_papers_own_stay_unread() -> None:
    """Guard: "Unser Zeichen:", "Ihr Zeichen:", "Bezug:" and "Az. 0815/2020" give no reference."""
    for trap in ("Unser Zeichen:", "Ihr Zeichen:", "Bezug:", "Az. shaped"):
        assert parse_text(_case(FORM, f"trap {trap}").text).reference is None


def test_foot_pieces() -> None:
    """A foot needs its page counter and a paper-shaped number; a month, a phone number, a file
    sign or a citation beside a counter is none."""
    from fetcher.parse.paper_number import foot_value, page_foot_value  # new here: main has none

    assert foot_value(["Drucksache 2021/0123 – Seite 1 von 2"]) == "2021/0123"
    assert foot_value(["Seite 2 von 3 | VO/2021/1234"]) == "VO/2021/1234"
    assert foot_value(["2021/0123"]) is None
    assert foot_value(["Vorlage: A-2021-0012"]) is None  # "-2021-" is no page counter "- 2 -"
    assert foot_value(["12/2021 Seite 1 von 2"]) is None
    assert page_foot_value(["Text … Grüßen 2021/0123 – Seite 1 von 2"]) == "2021/0123"
    for page in (
        "Text 12/2021 Seite 1 von 2",
        "vgl. Drucksache 19/1234 Seite 1/3",
        "Telefon 0351 488-1234 Seite 1 von 2",
        "Az. 32/1-0815 - Seite 1 von 2",
    ):
        assert page_foot_value([page]) is None


def test_title_line_pieces() -> None:
    """A bare "Nr." ends a title line only after a type word opening it, and never after another
    numbered thing's noun."""
    from fetcher.parse.paper_number import labelled_value

    assert labelled_value("Anfrage zu Radwegen im Stadtgebiet Nr. 2021/0123") == "2021/0123"
    assert labelled_value("Antrag zum Bebauungsplan Nr. 12/2021") is None
    assert labelled_value("Radwege im Stadtgebiet Nr. 2021/0123") is None
