"""The labelled corpus is well-formed: labels name their source and valid values, and fit the text.

The label checks need no snapshot; the text checks skip when the fetched snapshots are missing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fetcher.model import KINDS
from tests import corpus_data
from tests.corpus_data import (
    CORPUS,
    LABEL_KEYS,
    SPLITS,
    UNAVAILABLE,
    CorpusUnavailable,
    corpus_items,
    corpus_labels,
    corpus_text,
)
from tests.corpus_extract import METHODS, ExtractError, extract


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_split_folders_hold_labels_and_only_unfetchable_texts() -> None:
    """Split folders hold labels; a text sits beside its label only when no snapshot has it."""
    for split in SPLITS:
        folder = CORPUS / split
        labels = {p.stem: p for p in folder.glob("*.json")}
        assert labels, split
        committed = {p.stem for p in folder.glob("*.txt")}
        outside = {e.name for e in corpus_labels(split) if not e.label["origin"]["in_snapshot"]}
        assert committed == outside, (split, committed ^ outside)
        others = {p.name for p in folder.iterdir() if p.suffix not in {".txt", ".json"}}
        assert not others, others


def test_labels_are_well_formed() -> None:
    """Each label has every key and a kind the parser emits, with values of the right shape."""
    entries = corpus_labels()
    assert len(entries) == 333
    for entry in entries:
        label, name = entry.label, entry.name
        assert set(LABEL_KEYS) <= set(label), (name, set(LABEL_KEYS) - set(label))
        assert label["split"] == entry.split, name
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
        if label["questions"]:
            assert label["first_question_start"], name
        assert label["notes"].strip(), name


def test_every_entry_has_a_source_and_an_origin() -> None:
    """Each label names its source in words and as a pointer; SOURCES.md lists it with a licence."""
    sources = (CORPUS / "SOURCES.md").read_text("utf-8")
    for entry in corpus_labels():
        source, origin, name = entry.label["source"], entry.label["origin"], entry.name
        match = re.match(r"([\w.-]+/[\w.-]+) @ ([0-9a-f]{7,40}) ", source)
        assert match, (name, source)
        assert origin["repo"] == match[1], name
        assert re.fullmatch(r"[0-9a-f]{40}", origin["commit"]), name
        assert origin["commit"].startswith(match[2]), name
        assert origin["path"], name
        assert origin["path"] in source, name
        assert origin["extract"] in METHODS, name
        assert re.fullmatch(r"[0-9a-f]{64}", origin["sha256"]), name
        assert isinstance(origin["in_snapshot"], bool), name
        assert f"| {entry.split} | {name} |" in sources, name
        assert entry.label.get("licence"), name


def test_split_sizes() -> None:
    """Both splits hold documents; no Kommune is in both (Landtag papers are split by document)."""
    dev = {entry.label["kommune"] for entry in corpus_labels("dev")}
    check = {entry.label["kommune"] for entry in corpus_labels("check")}
    assert dev
    assert check
    shared = {name for name in dev & check if "(Landtag)" not in name}
    assert not shared


def test_labels_agree_with_their_texts() -> None:
    """Every text materializes with its recorded sha256 and holds the labelled first question and
    reference (skipped without the snapshots)."""
    items = corpus_items()
    assert len(items) == 333
    for item in items:
        label, flat = item.label, _flat(item.text)
        if label["first_question_start"] is not None:
            assert _flat(label["first_question_start"]) in flat, item.name
        if label["reference"] is not None:
            assert _flat(label["reference"]) in flat, item.name


def test_missing_snapshots_skip_with_one_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without snapshots or cache, a text is unavailable and corpus_items skips with the reason."""
    monkeypatch.setenv(corpus_data.SNAPSHOTS_ENV, str(tmp_path / "no-snapshots"))
    monkeypatch.setattr(corpus_data, "CACHE", tmp_path / "cache")
    fetched = next(e for e in corpus_labels("dev") if e.label["origin"]["in_snapshot"])
    with pytest.raises(CorpusUnavailable, match="corpus snapshots not available"):
        corpus_text(fetched)
    with pytest.raises(pytest.skip.Exception) as skipped:
        corpus_items("check")
    assert str(skipped.value) == UNAVAILABLE


def _java_string(text: str) -> bytes:
    raw = text.encode("utf-8")
    return b"\x74" + len(raw).to_bytes(2, "big") + raw


def test_java_field_reads_strings_nulls_and_back_references() -> None:
    """A serialized object of String fields yields a field's text, follows a back reference and
    refuses a null field."""
    string_type = _java_string("Ljava/lang/String;")  # handle 0x7e0001
    ref = b"\x71\x00\x7e\x00"
    fields = [b"L\x00\x04text" + string_type, b"L\x00\x06status" + ref + b"\x01"]
    fields.append(b"L\x00\x05titel" + ref + b"\x01")
    header = b"\xac\xed\x00\x05\x73\x72\x00\x0aDrucksache" + bytes(8) + b"\x02\x00\x03"
    question = _java_string("Ich frage das Bezirksamt: Wie groß ist …?")  # handle 0x7e0003
    stream = header + b"".join(fields) + b"\x78\x70" + question + b"\x70" + ref + b"\x03"
    assert extract(stream, {"extract": "java-field", "field": "text"}) == (
        "Ich frage das Bezirksamt: Wie groß ist …?\n"
    )
    assert extract(stream, {"extract": "java-field", "field": "titel"}).startswith("Ich frage")
    with pytest.raises(ExtractError, match="no text field 'status'"):
        extract(stream, {"extract": "java-field", "field": "status"})


def test_ocr_texts_are_what_ratsbot_reads_from_the_scans() -> None:
    """A text read by OCR from a scanned PDF (`pdf-ocr`) is the page text fetcher.pdf gives for
    that file; checked on the shortest one where the recorded tesseract version and the snapshot
    are at hand (OCR output differs between tesseract versions)."""
    import shutil
    import subprocess

    scans = [e for e in corpus_labels() if e.label["origin"]["extract"] == "pdf-ocr"]
    assert scans
    assert all(not e.label["origin"]["in_snapshot"] for e in scans)
    entry = min(scans, key=lambda e: len(corpus_text(e)))
    origin = entry.label["origin"]
    exe = shutil.which("tesseract")
    if exe is None:
        pytest.skip("tesseract not installed")
    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout
    if not origin["ocr"].startswith(version.splitlines()[0].strip()):
        pytest.skip(f"the texts were read with {origin['ocr']}")
    git_dir = corpus_data._git_dir(origin["repo"])
    if git_dir is None:
        pytest.skip(UNAVAILABLE)
    data = corpus_data._blob(git_dir, origin["commit"], origin["path"])
    assert extract(data, origin) == corpus_text(entry)
