"""Real dev documents rewritten by the benches' own transforms, shared by the parser's tests.

The title tests (tests/test_parse_heads20.py, test_parse_titles21.py) print a document's head in
another shape (bench.title_variants.head); the reference tests (test_parse_refs20.py,
test_parse_refs21.py) rewrite its number's label (bench.reference_variants.cases). Each test then
reads the text as printed or run together (SHAPES: bench.text_shapes).
"""

from __future__ import annotations

from collections.abc import Callable

from bench import title_variants
from bench.reference_variants import cases
from bench.text_shapes import flat, paragraphs
from fetcher.parse import parse_text
from tests.corpus_data import CorpusItem, corpus_items, corpus_path, dev_label

SHAPES: dict[str, Callable[[str], str]] = {
    "text": lambda text: text,
    "flat": flat,
    "para": paragraphs,
}


def dev_item(name: str) -> CorpusItem:
    """Return the dev corpus document `name`."""
    return next(item for item in corpus_items("dev") if item.name == name)


def head_rewritten(name: str, variant: str) -> tuple[str, str]:
    """Return the document with its head printed as `variant`, and the title as printed."""
    item = dev_item(name)
    title = parse_text(item.text).title
    assert title
    subject = title_variants.find_subject(item.text, title)
    assert subject is not None
    lines = title_variants.head(variant, item.label, subject.lines)
    assert lines is not None
    return "\n".join([*lines, *subject.body]), title


def reference_case(name: str, variant: str) -> tuple[str, frozenset[str]]:
    """Return the document with its number printed as `variant`, and the numbers accepted."""
    text = corpus_path(name, "dev").read_text("utf-8")
    case = cases(text, dev_label(name))[variant]
    assert case.accepted, (name, variant)
    return case.text, case.accepted
