"""Dev documents with their submitter phrase rewritten, for the faction tests. Reads the corpus.

One definition for the tests that put another real submitter phrasing in place of a dev
document's labelled one (bench.faction_variants' transform).
"""

from __future__ import annotations

from bench.faction_variants import phrases, rewrite
from tests.corpus_data import corpus_path, dev_label


def dev_text(name: str) -> str:
    """Return a dev document's text (skips under pytest when its snapshot is missing)."""
    return corpus_path(name, "dev").read_text("utf-8")


def rewritten(name: str, phrase: str, place: str = "inplace") -> str:
    """Return the dev document with its first submitter phrase replaced by `phrase` at `place`."""
    text = dev_text(name)
    read = phrases(text, dev_label(name))
    assert read, f"no submitter phrase in {name}"
    return rewrite(text, read[0], phrase, place)
