"""Running some benchmark sections updates only their blocks of docs/benchmarks.md."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from bench.__main__ import main

DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def _headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if re.match(r"#{1,6} ", line)]


def _block(text: str, heading: str) -> str:
    start = text.index(heading + "\n")
    rest = text[start + len(heading) + 1 :]
    following = re.search(r"^#{1,6} ", rest, flags=re.MULTILINE)
    return rest[: following.start()] if following else rest


def test_only_push_replaces_its_block_and_keeps_every_other(tmp_path: Path) -> None:
    """`bench --only push` rewrites the push-length block and keeps every other heading and note."""
    out = tmp_path / "benchmarks.md"
    shutil.copy(DOC, out)
    before = out.read_text(encoding="utf-8")
    assert main(["--only", "push", "--out", str(out)]) == 0
    after = out.read_text(encoding="utf-8")
    assert _headings(after) == _headings(before)
    push = "## Push length (what a reader sees before expanding)"
    assert "Produced by `.venv/bin/python -m bench --only push`" in _block(after, push)
    assert "| Anfragen | 404 |" in _block(after, push)
    for heading in _headings(before):
        if heading != push:
            assert _block(after, heading).strip() == _block(before, heading).strip(), heading
