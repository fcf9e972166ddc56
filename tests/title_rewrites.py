"""Dev documents with their head rewritten by bench.title_variants, for the title tests."""

from __future__ import annotations

from collections.abc import Mapping

from bench.title_variants import find_subject, head
from tests.corpus_data import corpus_path, dev_label


def dev_text(name: str) -> str:
    """Return a dev document's text."""
    return corpus_path(name, "dev").read_text("utf-8")


def rewritten(name: str, variant: str, subjects: Mapping[str, str]) -> str:
    """Return the dev document with its head replaced by bench.title_variants' `variant`."""
    subject = find_subject(dev_text(name), subjects[name])
    assert subject is not None
    lines = head(variant, dev_label(name), subject.lines)
    assert lines is not None
    return "\n".join([*lines, *subject.body])
