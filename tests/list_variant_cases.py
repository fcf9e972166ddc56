"""Test helpers for bench.list_variants' rewrites of real dev documents (reads the corpus)."""

from __future__ import annotations

from bench.list_variants import rewrite
from bench.text_shapes import SHAPES
from fetcher.parse import parse_text
from tests.corpus_data import corpus_path, dev_label


def list_variant(name: str, variant: str, shape: str | None = None) -> str:
    """Return a dev document with its list labels rewritten into `variant`, in `shape` if given."""
    text = corpus_path(name, "dev").read_text("utf-8")
    rewritten = rewrite(text, dev_label(name), variant)
    assert rewritten is not None, f"{variant} does not apply to {name}"
    return SHAPES[shape](rewritten) if shape else rewritten


def questions_as_labelled(name: str, text: str) -> list[str]:
    """Assert that `text` reads the label's question count and first question; return them."""
    label = dev_label(name)
    questions = list(parse_text(text).questions)
    assert len(questions) == label["questions"], [q[:60] for q in questions]
    assert questions[0].startswith(label["first_question_start"])
    return questions
