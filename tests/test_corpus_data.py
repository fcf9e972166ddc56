"""The labelled corpus is well-formed: labels name a real text, valid values and their source."""

from __future__ import annotations

import re

from fetcher.model import KINDS
from tests.corpus_data import CORPUS, LABEL_KEYS, SPLITS, corpus_items


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_text_has_a_label_and_every_label_a_text() -> None:
    """Texts and labels come in pairs; nothing else sits in the split folders."""
    for split in SPLITS:
        folder = CORPUS / split
        texts = {p.stem for p in folder.glob("*.txt")}
        labels = {p.stem for p in folder.glob("*.json")}
        assert texts == labels, (split, texts ^ labels)
        others = {p.name for p in folder.iterdir() if p.suffix not in {".txt", ".json", ".pdf"}}
        assert not others, others


def test_labels_are_well_formed() -> None:
    """Each label has every key, a kind the parser emits, and values that agree with its text."""
    items = corpus_items()
    assert items
    for item in items:
        label, name = item.label, item.name
        assert set(LABEL_KEYS) <= set(label), (name, set(LABEL_KEYS) - set(label))
        assert label["split"] == item.split, name
        assert label["text"] == f"{name}.txt", name
        assert label["kind"] in KINDS, name
        assert all(kind in KINDS for kind in label["kind_alt"]), name
        assert label["style"] in {"letter", "form"}, name
        assert label["layout"] == label["style"], name
        assert label["kommune"], name
        assert label["municipality"] == label["kommune"], name
        assert isinstance(label["questions"], int), name
        assert label["questions"] >= 0, name
        assert all(isinstance(n, int) for n in label["questions_alt"]), name
        assert isinstance(label["factions"], list), name
        assert isinstance(label["factions_canonical"], list), name
        flat = _flat(item.text)
        if label["questions"]:
            assert label["first_question_start"], name
        if label["first_question_start"] is not None:
            assert _flat(label["first_question_start"]) in flat, name
        if label["reference"] is not None:
            assert _flat(label["reference"]) in flat, name
        assert label["notes"].strip(), name


def test_every_entry_has_a_source_line() -> None:
    """Each label names repository and commit; SOURCES.md lists every file with a licence note."""
    sources = (CORPUS / "SOURCES.md").read_text("utf-8")
    for item in corpus_items():
        source = item.label["source"]
        assert re.search(r"[\w.-]+/[\w.-]+ @ [0-9a-f]{7,40} ", source), (item.name, source)
        assert f"| {item.split} | {item.name} |" in sources, item.name
        assert item.label.get("licence"), item.name


def test_split_sizes() -> None:
    """Both splits hold documents; no Kommune is in both (Landtag papers are split by document)."""
    dev = {item.label["kommune"] for item in corpus_items("dev")}
    check = {item.label["kommune"] for item in corpus_items("check")}
    assert dev
    assert check
    shared = {name for name in dev & check if "(Landtag)" not in name}
    assert not shared
