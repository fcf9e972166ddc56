"""The hand-labelled corpus of real council documents (tests/corpus/). Reads files and snapshots.

Each entry is a label `NAME.json` in `dev/` (develop and tune on it) or `check/` (never tune on it;
its Kommunen are not in dev). The texts are not committed: a label's `origin` names the repository,
commit, path and extraction method of its text, and the text is materialized from the fetched git
snapshot of that repository (directory `RATSBOT_CORPUS_SNAPSHOTS`, default `../.mirror` beside the
clone), checked against the label's sha256 and cached under `.cache/corpus/SPLIT/NAME.txt`
(gitignored). Texts not in any snapshot (`in_snapshot` false) sit beside their label as `NAME.txt`.
See tests/corpus/README.md. `python -m tests.corpus_data` (`make corpus`) materializes them all.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.corpus_extract import extract

if TYPE_CHECKING:
    from fetcher.model import ParsedDocument

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
CACHE = ROOT / ".cache" / "corpus"
SPLITS = ("dev", "check")
SNAPSHOTS_ENV = "RATSBOT_CORPUS_SNAPSHOTS"
UNAVAILABLE = (
    "corpus snapshots not available: run `make corpus` on a machine with the fetched snapshots "
    f"({SNAPSHOTS_ENV}, default ../.mirror)"
)

LABEL_KEYS = (
    "source",
    "origin",
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


class CorpusUnavailable(RuntimeError):
    """A text is neither cached nor committed, and its snapshot is not on this machine."""


class CorpusMismatch(RuntimeError):
    """A materialized text differs from the sha256 its label records."""


@dataclass(frozen=True)
class CorpusLabel:
    """One label without its text: name, label and split."""

    name: str
    label: dict[str, Any]
    split: str


@dataclass(frozen=True)
class CorpusItem:
    """One labelled document: its name, text, label and split."""

    name: str
    text: str
    label: dict[str, Any]
    split: str


def snapshots_dir() -> Path:
    """Return the directory holding the fetched snapshots (OWNER+NAME/ each)."""
    override = os.environ.get(SNAPSHOTS_ENV)
    return Path(override) if override else ROOT.parent / ".mirror"


def corpus_labels(split: str | None = None) -> list[CorpusLabel]:
    """Return every label (of one split, or of both), sorted by split and name; reads no text."""
    splits = SPLITS if split is None else (split,)
    return [
        CorpusLabel(path.stem, json.loads(path.read_text("utf-8")), part)
        for part in splits
        for path in sorted((CORPUS / part).glob("*.json"))
    ]


def _git_dir(repo: str) -> Path | None:
    base = snapshots_dir() / repo.replace("/", "+")
    for candidate in (base / "repo", base / "repo" / ".git", base):
        if (candidate / "HEAD").is_file() and (candidate / "objects").is_dir():
            return candidate
    return None


@cache
def _blob(git_dir: Path, commit: str, path: str) -> bytes:
    result = subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"],
        capture_output=True,
        check=False,
    )
    if result.returncode:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise CorpusUnavailable(f"{commit}:{path} not in snapshot {git_dir.name}: {message}")
    return result.stdout


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _checked(entry: CorpusLabel, text: str, where: str) -> str:
    wanted = entry.label["origin"]["sha256"]
    if _sha256(text) != wanted:
        raise CorpusMismatch(
            f"{entry.split}/{entry.name}: text from {where} is not sha256 {wanted}"
        )
    return text


def corpus_text(entry: CorpusLabel) -> str:
    """Return the text of one label: cached, committed, or materialized from its snapshot."""
    origin = entry.label["origin"]
    file_name: str = entry.label["text"]
    if not origin.get("in_snapshot", True):
        committed = CORPUS / entry.split / file_name
        text = committed.read_bytes().decode("utf-8")
        return _checked(entry, text, str(committed.relative_to(ROOT)))
    cached = CACHE / entry.split / file_name
    if cached.is_file():
        text = cached.read_bytes().decode("utf-8")
        if _sha256(text) == origin["sha256"]:
            return text
    git_dir = _git_dir(origin["repo"])
    if git_dir is None:
        raise CorpusUnavailable(f"{UNAVAILABLE}; missing: {origin['repo']}")
    data = _blob(git_dir, origin["commit"], origin["path"])
    text = _checked(entry, extract(data, origin), f"{origin['repo']}@{origin['commit'][:12]}")
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_name(f"{cached.name}.{os.getpid()}.part")  # parallel test workers
    partial.write_bytes(text.encode("utf-8"))
    partial.replace(cached)
    return text


def _unavailable(exc: CorpusUnavailable) -> None:
    # Under pytest (PYTEST_VERSION is set for the whole session, collection included) a missing
    # snapshot skips the test or module that asked for the corpus, with one clear reason.
    if "PYTEST_VERSION" in os.environ:
        import pytest

        pytest.skip(str(exc).split(";")[0], allow_module_level=True)


def corpus_items(split: str | None = None) -> list[CorpusItem]:
    """Return every labelled document (of one split, or of both), sorted by split and name.

    Raises CorpusUnavailable when the snapshots are missing (under pytest: skips instead).
    """
    try:
        return [
            CorpusItem(entry.name, corpus_text(entry), entry.label, entry.split)
            for entry in corpus_labels(split)
        ]
    except CorpusUnavailable as exc:
        _unavailable(exc)
        raise


def corpus_path(name: str, split: str = "dev") -> Path:
    """Return the file holding one document's text, materialized if needed (skips under pytest)."""
    entry = CorpusLabel(
        name, json.loads((CORPUS / split / f"{name}.json").read_text("utf-8")), split
    )
    try:
        corpus_text(entry)
    except CorpusUnavailable as exc:
        _unavailable(exc)
        raise
    folder = CACHE if entry.label["origin"]["in_snapshot"] else CORPUS
    file_name: str = entry.label["text"]
    return folder / split / file_name


def corpus_triples(split: str | None = None) -> list[tuple[str, dict[str, Any], str]]:
    """Return (text, label, split) for every labelled document."""
    return [(item.text, item.label, item.split) for item in corpus_items(split)]


def main() -> int:
    """Materialize every text into .cache/corpus/ and say how many (`make corpus`)."""
    try:
        items = corpus_items()
    except (CorpusUnavailable, CorpusMismatch) as exc:
        print(exc, file=sys.stderr)
        return 1
    committed = sum(not item.label["origin"].get("in_snapshot", True) for item in items)
    print(
        f"corpus: {len(items)} texts checked by sha256 "
        f"({len(items) - committed} materialized in {CACHE.relative_to(ROOT)}/, "
        f"{committed} committed beside their labels)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())


def dev_label(name: str) -> dict[str, Any]:
    """Return the hand-read label of one dev document (tests/corpus/dev/NAME.json)."""
    return dict(json.loads((CORPUS / "dev" / f"{name}.json").read_text("utf-8")))


def assert_reads_as_labelled(doc: ParsedDocument, label: dict[str, Any]) -> None:
    """Assert the fields a label records: kind, reference, factions, count, first question."""
    assert doc.kind in [label["kind"], *label.get("kind_alt", [])]
    assert doc.reference == label["reference"] or doc.reference in label.get("reference_alt", [])
    if label.get("factions_canonical") is not None:
        assert list(doc.factions) == label["factions_canonical"]
    assert len(doc.questions) in [label["questions"], *label.get("questions_alt", [])]
    if label.get("first_question_start"):
        assert doc.questions[0].startswith(str(label["first_question_start"]))
