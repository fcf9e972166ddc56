"""Shared helpers of the answer tests: a dev document rewritten by bench.answer_variants and the
check that its questions and per-question answers are read (tests/test_parse_answers19.py, 20)."""

from __future__ import annotations

from bench.answer_variants import HAND, segments, variants
from fetcher.parse import parse_text
from tests.corpus_data import corpus_path, dev_label


def answer_variant(name: str, variant: str) -> str:
    """Return a dev document with its answers set the way `variant` of bench.answer_variants
    sets them."""
    text = corpus_path(name, "dev").read_text("utf-8")
    cut = segments(text, dev_label(name)["questions"])
    assert cut is not None, name
    return variants(*cut)[variant]


def folded(text: str) -> str:
    """Return a text with its whitespace folded and in lower case, for comparing openings."""
    return " ".join(text.split()).lower()


def assert_pairs(name: str, text: str) -> None:
    """Assert that a rewritten dev document reads its labelled questions, the first one's
    opening, and the hand-counted answers (bench.answer_variants.HAND) with the first one's
    opening."""
    doc = parse_text(text)
    label = dev_label(name)
    count, opening = HAND[name]
    assert len(doc.questions) == label["questions"]
    assert folded(doc.questions[0]).startswith(folded(label["first_question_start"]))
    given = [answer for answer in doc.answers if answer.strip()]
    assert len(given) == count
    assert folded(given[0]).startswith(folded(opening))
