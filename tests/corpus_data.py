"""The hand-labelled corpus of real council documents (tests/corpus/). Reads files.

Each entry is a text `NAME.txt` with its label `NAME.json` beside it, in `dev/` (develop and tune on
it) or `check/` (never tune on it; its Kommunen are not in dev). See tests/corpus/README.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent / "corpus"
SPLITS = ("dev", "check")

# The kinds a label may name: the values `ratsbot parse --json` emits (fetcher.model.KINDS).
LABEL_KEYS = (
    "source",
    "municipality",
    "kommune",
    "layout",
    "style",
    "kind",
    "kind_alt",
    "reference",
    "reference_alt",
    "factions",
    "factions_canonical",
    "questions",
    "questions_alt",
    "first_question_start",
    "notes",
    "text",
    "split",
)


@dataclass(frozen=True)
class CorpusItem:
    """One labelled document: its name, text, label and split."""

    name: str
    text: str
    label: dict[str, Any]
    split: str


def corpus_items(split: str | None = None) -> list[CorpusItem]:
    """Return every labelled document (of one split, or of both), sorted by split and name."""
    splits = SPLITS if split is None else (split,)
    items = []
    for part in splits:
        for label_path in sorted((CORPUS / part).glob("*.json")):
            label = json.loads(label_path.read_text("utf-8"))
            text = (CORPUS / part / label["text"]).read_text("utf-8")
            items.append(CorpusItem(label_path.stem, text, label, part))
    return items


def corpus_triples(split: str | None = None) -> list[tuple[str, dict[str, Any], str]]:
    """Return (text, label, split) for every labelled document."""
    return [(item.text, item.label, item.split) for item in corpus_items(split)]
