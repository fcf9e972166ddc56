"""Answer papers: question | answer tables whose question cells wrap, other answer headings, and
the kinds of a subject line "Anfrage … – Beantwortung" and of a "Resolution" (issue 11,
twentieth round).

Real dev documents rewritten by the benches' own transforms (bench.answer_variants.variants:
only the answer headings and where the answers stand change; bench.kind_variants.rewrite: only
the printed type words change), read as printed or run together (bench.text_shapes). Every test
fails on main ec18cdd's parser.
"""

from __future__ import annotations

import pytest

from bench.answer_variants import HAND
from bench.kind_variants import INQUIRY_ANSWERED_SUBJECT, rewrite
from bench.text_shapes import paragraphs
from fetcher.parse import parse_text
from tests.answer_pairs import answer_variant, assert_pairs, folded
from tests.corpus_data import corpus_path

FERNBUS = "dresden-AF0028-14-antwort-cdu-fernbuslinien"
HOFEWIESE = "dresden-AF2009-13-antwort-hofewiese"
BAUGRUND = "nordstemmen-DS-70-2011-antwort-cdu-baugrundstuecke"
FAHNENMASTEN = "dresden-mAF0010-14-antwort-fdp-fahnenmasten"
WOHNUNGSBAU = "leipzig-VII-A-08607-antrag-gruene-wohnungsbaukoordinator"
INFRAROT = "karlsruhe-2020-or-wolfartsweier-stellungnahme-cdu-infrarotgeraet"


def _as_printed(text: str) -> str:
    return text


@pytest.mark.parametrize("name", [FERNBUS, HOFEWIESE])
def test_question_cell_wrapping_in_a_question_answer_table_is_one_question(name: str) -> None:
    """A "Frage | Antwort" table whose question cells wrap onto the next lines, the answer's
    first line beside the question's: each cell is one question, the cell beside it its answer."""
    text = answer_variant(name, "table: Frage | Antwort, wrapped cells")
    assert_pairs(name, text)
    doc = parse_text(text)
    opening = HAND[name][1]
    assert all(folded(opening) not in folded(question) for question in doc.questions)


def test_numbered_question_answer_table_with_wrapped_cells() -> None:
    """A "Nr. | Frage | Antwort" table: the row's number opens the question cell's first line."""
    assert_pairs(BAUGRUND, answer_variant(BAUGRUND, "table: Nr. | Frage | Antwort, wrapped cells"))


@pytest.mark.parametrize("variant", ["Zur Frage 1:", "Zu Nr. 1"])
def test_heading_run_into_the_quoted_question_heads_its_answer(variant: str) -> None:
    """One line per paragraph: "…?" Zur Frage 1:" and "…?" Zu Nr. 1 Eigentümer …" — the
    heading after the question's closing quotation mark is no part of the answer."""
    assert_pairs(FAHNENMASTEN, paragraphs(answer_variant(FAHNENMASTEN, variant)))


def test_subject_naming_the_inquiry_and_its_answering_is_an_answer() -> None:
    """No type word, a subject line "Anfrage der SPD-Fraktion vom … – Beantwortung" above the
    questions each answered: the paper is the answer."""
    text = corpus_path(INFRAROT, "dev").read_text("utf-8")
    changed = rewrite(text, INQUIRY_ANSWERED_SUBJECT)
    assert changed is not None
    assert parse_text(changed).kind == "Antwort"


def test_resolution_is_a_motion() -> None:
    """A paper whose type line reads "Resolution" is a motion, as fetcher.classify reads the
    paper type "Resolution"."""
    text = corpus_path(WOHNUNGSBAU, "dev").read_text("utf-8")
    changed = rewrite(text, "Resolution")
    assert changed is not None
    assert parse_text(changed).kind == "Antrag"
