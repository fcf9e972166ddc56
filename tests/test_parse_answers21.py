"""Answer papers: question | answer tables exported with "|" between their cells, answers that hold
a numbered list of their own, a notice "Mitteilung der Verwaltung" run into the letterhead (issue
11, twenty-first round).

Real dev documents rewritten by the benches' own transforms (bench.answer_variants.variants: only
the answer headings and where the answers stand change; bench.kind_variants.rewrite: only the
printed type words change), read as printed or run together (bench.text_shapes). Every test
fails on main 33545e0's parser.
"""

from __future__ import annotations

import pytest

from bench.answer_variants import segments
from bench.kind_variants import answered_inquiry
from bench.quoted_answers import quoting_variants
from bench.text_shapes import flat
from fetcher.parse import parse_text
from tests.answer_pairs import answer_variant, assert_pairs, folded
from tests.corpus_data import corpus_path, dev_label

HOFEWIESE = "dresden-AF2009-13-antwort-hofewiese"
FAHNENMASTEN = "dresden-mAF0010-14-antwort-fdp-fahnenmasten"
LANDTAG_11141 = "LANDTAG-niedersachsen-19-11141-kleine-anfrage-mit-antwort"
LANDTAG_11185 = "LANDTAG-niedersachsen-19-11185-kleine-anfrage-mit-antwort"
LANDTAG_11266 = "LANDTAG-niedersachsen-19-11266-kleine-anfrage-mit-antwort"


def quoted_variant(name: str, variant: str) -> str:
    """Return a dev document with its questions quoted the way `variant` of
    bench.quoted_answers sets them."""
    text = corpus_path(name, "dev").read_text("utf-8")
    cut = segments(text, dev_label(name)["questions"])
    assert cut is not None, name
    return quoting_variants(*cut)[variant][0]


def _as_printed(text: str) -> str:
    return text


@pytest.mark.parametrize(
    ("name", "variant", "shape"),
    [
        (HOFEWIESE, "piped Frage/Antwort", _as_printed),
        (LANDTAG_11141, "piped Frage/Antwort", flat),
        (FAHNENMASTEN, "piped Fragen der Fraktion/Antwort der Verwaltung", _as_printed),
        (LANDTAG_11185, "piped Nr./Frage/Antwort", flat),
    ],
)
def test_a_table_with_its_cells_split_by_bars_is_read_row_by_row(
    name: str, variant: str, shape: object
) -> None:
    """A "Frage | Antwort" table exported with "|" between its cells (rows on lines of their own
    or run together, with or without a number column): each row's first cell is the question,
    the cell beside it its answer."""
    text = shape(answer_variant(name, variant))  # type: ignore[operator]
    assert_pairs(name, text)


def test_an_answer_holding_a_numbered_list_of_its_own_keeps_it_inside_run_together() -> None:
    """Every answer lists what it reports, numbered from 1 again ("Im Einzelnen:" / "1. …" /
    "2. …") right after its first sentence, the page run together into one line: the lists stay
    inside the answers, the questions are the numbered ones that ask."""
    name = LANDTAG_11266
    assert_pairs(name, flat(answer_variant(name, "own list inside every answer")))


def test_a_letter_head_run_into_a_lone_asking_paragraph_is_not_the_question() -> None:
    """An answer letter that repeats each question unnumbered, the page run together: the first
    question starts where it asks, not at the letterhead and salutation run into it."""
    name = FAHNENMASTEN
    text = flat(quoted_variant(name, "letter: unnumbered ?"))
    doc = parse_text(text)
    assert doc.questions
    assert folded(doc.questions[0]).startswith(folded(dev_label(name)["first_question_start"]))


@pytest.mark.parametrize(
    "name",
    [
        "nordstemmen-2018-11-27-anfrage-gruene-kita-hygiene",
        "nordstemmen-DS-3-2024-anfrage-ortsrat-barnten",
    ],
)
def test_an_inquiry_with_the_administrations_statement_below_is_an_answer_run_together(
    name: str,
) -> None:
    """An inquiry printed whole with "Stellungnahme der Verwaltung vom 3. Mai 2024:" and the
    statement below it (bench.kind_variants' answer section), the page run together: the paper
    answers, as it does read as printed."""
    text = corpus_path(name, "dev").read_text("utf-8")
    variant = "answer section: Stellungnahme der Verwaltung vom …:"
    changed = answered_inquiry(text, variant, dev_label(name)["questions"] or 0)
    assert parse_text(changed).kind == "Antwort"
    assert parse_text(flat(changed)).kind == "Antwort"
