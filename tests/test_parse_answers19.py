"""Answer papers: both labels numbered, F:/A:, questions inside answer headings, and an inquiry
holding its answer (issue 11, nineteenth round).

Real dev documents rewritten by the benches' own transforms (bench.answer_variants.variants:
only the answer headings and where the answers stand change; bench.kind_variants
.answered_inquiry: the inquiry as printed with its answer appended), read as printed or run
together (bench.text_shapes: "flat", "para"). Every test fails on main 7743b70's parser.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bench.kind_variants import ANSWER_SECTIONS, answered_inquiry
from bench.text_shapes import flat, paragraphs
from fetcher.parse import parse_text
from tests.answer_pairs import answer_variant, assert_pairs
from tests.corpus_data import corpus_path, dev_label

VERFASSUNGSSCHUTZ = "LANDTAG-niedersachsen-19-11138-kleine-anfrage-mit-antwort"
HOFEWIESE = "dresden-AF2009-13-antwort-hofewiese"
MONTEURE = "karlsruhe-2020-0087-stellungnahme-afd-monteurunterkunft"
BAUHOF = "karlsruhe-2025-0729-anfrage-or-groetzingen-bauhof"


def _as_printed(text: str) -> str:
    return text


SHAPES = [_as_printed, flat, paragraphs]


@pytest.mark.parametrize(
    ("name", "shape"),
    [(VERFASSUNGSSCHUTZ, _as_printed), (VERFASSUNGSSCHUTZ, paragraphs)]
    + [(MONTEURE, shape) for shape in SHAPES],
)
def test_both_labels_numbered_split_per_question(name: str, shape: Callable[[str], str]) -> None:
    """ "Frage zu 1.: …" / "Antwort zu 1.: …" pair up by their numbers, also run together."""
    assert_pairs(name, shape(answer_variant(name, "Frage zu 1.: / Antwort zu 1.:")))


@pytest.mark.parametrize("shape", SHAPES)
def test_question_and_answer_initials_pair_up(shape: Callable[[str], str]) -> None:
    """ "F: …" / "A: …" alternate: each question with its answer, the head run into the first."""
    assert_pairs(VERFASSUNGSSCHUTZ, shape(answer_variant(VERFASSUNGSSCHUTZ, "F: … / A: …")))


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("variant", ["Zu Frage 1 (…?):", "Frage 1 – …? –"])
def test_question_quoted_in_the_answer_heading(variant: str, shape: Callable[[str], str]) -> None:
    """A question printed only inside its answer's heading, in brackets, quotation marks or
    dashes, is the question; the text below the heading is its answer."""
    assert_pairs(HOFEWIESE, shape(answer_variant(HOFEWIESE, variant)))


@pytest.mark.parametrize("shape", [_as_printed, paragraphs])
@pytest.mark.parametrize("variant", list(ANSWER_SECTIONS))
def test_inquiry_with_its_dated_answer_below_is_an_answer(
    variant: str, shape: Callable[[str], str]
) -> None:
    """An inquiry that goes on with "Antwort des Magistrats vom 10.04.2024:" and "Zu 1.: …" is
    an answer paper, its questions answered one by one."""
    text = corpus_path(BAUHOF, "dev").read_text("utf-8")
    questions = dev_label(BAUHOF)["questions"]
    doc = parse_text(shape(answered_inquiry(text, variant, questions)))
    assert doc.kind == "Antwort"
    assert len(doc.questions) == questions
    assert len([answer for answer in doc.answers if answer.strip()]) == questions


@pytest.mark.parametrize(
    "name", ["LANDTAG-niedersachsen-19-11158-kleine-anfrage-mit-antwort", HOFEWIESE]
)
def test_block_headings_run_into_a_paragraph_head_their_answers(name: str) -> None:
    """Answers after all the questions, each under "Zu k.", read as paragraphs: a heading
    ending the paragraph before its answer ("… zuzuführen?" Zu 1.") or run after the page's
    number ("3 Zu 9. Bei der …") still heads its answer."""
    assert_pairs(name, paragraphs(answer_variant(name, "block Zu 1.")))
