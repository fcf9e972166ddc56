"""The paper's own number printed without a label (issue 11, sixteenth round, branch refs16).

Real dev documents (the committed Dresden inquiry form and answer letter; a Karlsruhe form and a
Niedersachsen Landtag answer rebuilt from the fetched snapshots, skipped without ../.mirror) have
their own number and its label taken out (bench.noref_variants.without_number) and a new number
printed bare by bench.bare_references.placed: alone on a head line, after the type word, in the
first line's right-hand column, as page 2's running head, after a label carrying a note, and in
an answer's head beside the inquiry it answers. Expected: the number printed (issue #11: the
reference as printed, wherever it is printed). Every test here fails on main c5fb717 unless its
docstring calls it a guard.
"""

from __future__ import annotations

import pytest

from bench.bare_references import CITED_INQUIRY, placed
from bench.noref_variants import with_column_trap, with_head_trap, without_number
from fetcher.parse import parse_text
from tests.corpus_data import corpus_path, dev_label

FORM = "dresden-AF2008-13-anfrage-gruene-jugendhaeuser"  # "Anfrage Nr.: AF2008/13"
ANSWER = "dresden-AF0028-14-antwort-cdu-fernbuslinien"  # only the inquiry's number, in the subject
KARLSRUHE = "karlsruhe-2016-0760-anfrage-fw-feinstaub-turmberg"  # "Vorlage Nr.:" / "2016/0760"
LANDTAG = "LANDTAG-niedersachsen-19-11138-kleine-anfrage-mit-antwort"  # "Drucksache 19/11138"


def _removed(name: str) -> tuple[str, str]:
    """Return a dev document's text with its own number and label taken out, and its kind."""
    text = corpus_path(name, "dev").read_text("utf-8")
    label = dev_label(name)
    removed = without_number(text, label)
    assert removed is not None
    assert parse_text(removed).reference is None  # nothing of its own is left to read
    return removed, str(label["kind"])


@pytest.mark.parametrize(
    ("name", "place", "value"),
    [
        (FORM, "own line", "S0123/21"),
        (KARLSRUHE, "own line", "RAT/038/2026"),
        (ANSWER, "after the type", "AT/12345/2021"),
        (LANDTAG, "after the type", "21/SVV/0456"),
        (KARLSRUHE, "right column", "BV 7/0123/2021"),
        (LANDTAG, "right column", "S0123/21"),
        (FORM, "page 2 head", "VII-A-01234"),
        (LANDTAG, "page 2 head", "RAT/038/2026"),
    ],
)
def test_a_bare_number_in_the_head_is_the_papers_own(name: str, place: str, value: str) -> None:
    """A number of a paper's shape printed without a label, alone on a head line, after the
    type word ("ANFRAGE AT/12345/2021"), in a head line's right-hand column, or alone as page 2's
    running head, is read as the reference."""
    removed, kind = _removed(name)
    text = placed(removed, place, value, kind)
    assert text is not None
    assert parse_text(text).reference == value


@pytest.mark.parametrize(
    ("k", "value"),
    [(0, "21/SVV/0456"), (1, "1234/21/2"), (2, "2021/0123"), (3, "S0123/21")],
)
def test_a_label_with_a_note_or_a_second_label_names_the_number(k: int, value: str) -> None:
    """ "Drucksache Nr. (ggf. Nachtragsvermerk) 21/SVV/0456", "Vorlage DS-Nr. 1234/21/2",
    "Vorlagen-Nr. (neu) 2021/0123", "Drucksache (Ergänzung) S0123/21": the value is the number."""
    removed, kind = _removed(KARLSRUHE)
    text = placed(removed, "label with a note", value, kind, k)
    assert text is not None
    assert parse_text(text).reference == value


@pytest.mark.parametrize(
    "place",
    [
        "answer: cited, then own",
        pytest.param("answer: own, then cited", id="guard: own first"),
    ],
)
def test_an_answers_own_bare_number_wins_over_the_inquiry_it_answers(place: str) -> None:
    """An answer letter printing its own "S0123/21" and "Antwort zur Anfrage F0045/21" in its
    head has its own number as reference, whichever comes first (own number first: a guard,
    main reads it already)."""
    removed, kind = _removed(ANSWER)
    text = placed(removed, place, "S0123/21", kind)
    assert text is not None
    assert CITED_INQUIRY in text
    assert parse_text(text).reference == "S0123/21"


def test_an_answer_with_no_number_of_its_own_keeps_the_inquirys() -> None:
    """Guard: the answer letter as printed names only the inquiry's number: that is its
    reference (the dev label's reading), no bare number of the head replaces it."""
    text = corpus_path(ANSWER, "dev").read_text("utf-8")
    assert parse_text(text).reference == dev_label(ANSWER)["reference"]


@pytest.mark.parametrize(
    "trap",
    ["12.03.2021", "Tel. 0761/201-1234", "1/3", "2021/22", "123/4", "B 27", "Sitzung:\n2021/0815"],
)
def test_number_like_lines_printed_bare_stay_unread(trap: str) -> None:
    """Guard: a date, a telephone number, a page counter, a span of years, a parcel, a road or a
    session number below its own label, printed bare in the head or its right-hand column of a
    document without a number, is no reference."""
    removed, _ = _removed(FORM)
    assert parse_text(with_head_trap(removed, trap)).reference is None
    if "\n" not in trap:
        assert parse_text(with_column_trap(removed, trap)).reference is None


def test_the_shape_of_a_bare_number() -> None:
    """Letters and digits joined by "/" or "-", a group of three digits or more, letters or a
    year in it; never a date, a phone number, a span of years, a month, a parcel or a page."""
    from fetcher.parse.bare_numbers import bare_number  # a module main's parser does not have

    for number in ("S0123/21", "RAT/038/2026", "BV 7/0123/2021", "21/SVV/0456", "2021/0123"):
        assert bare_number(number), number
    for other in ("1/3", "123/4", "22808/35", "2021/22", "03/2021", "0761/2011234", "D-79098"):
        assert not bare_number(other), other
