"""Splice freshly measured benchmark sections into docs/benchmarks.md (pure, no I/O).

docs/benchmarks.md is partly written by hand (goals, notes, older runs kept for comparison), so a
run of some sections must replace only the blocks it measured and leave every other block alone.
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"^(#{1,6}) ")


def _blocks(markdown: str) -> list[tuple[str, str]]:
    """Split markdown into (heading, text) blocks, each ending at the next heading of any level."""
    blocks: list[tuple[str, str]] = []
    heading, lines = "", []
    in_fence = False
    for line in markdown.splitlines(keepends=True):
        if line.startswith("```"):
            in_fence = not in_fence
        if not in_fence and _HEADING.match(line):
            if heading or "".join(lines).strip():
                blocks.append((heading, "".join(lines)))
            heading, lines = line.rstrip("\n"), []
        lines.append(line)
    if heading or "".join(lines).strip():
        blocks.append((heading, "".join(lines)))
    return blocks


def splice_sections(document: str, parts: list[str]) -> str:
    """Return `document` with each headed block of `parts` replacing the block of the same heading.

    A block the document does not have yet goes right after the block spliced before it (or at the
    end); blocks the parts do not mention (hand-written notes, other sections) stay as they are.
    """
    doc = _blocks(document)
    for part in parts:
        after: int | None = None
        for heading, text in _blocks(part):
            if not heading:
                continue
            text = text.rstrip("\n") + "\n\n"
            where = next((i for i, (h, _) in enumerate(doc) if h == heading), None)
            if where is None:
                where = len(doc) if after is None else after + 1
                if where > 0 and not doc[where - 1][1].endswith("\n\n"):
                    doc[where - 1] = (doc[where - 1][0], doc[where - 1][1].rstrip("\n") + "\n\n")
                doc.insert(where, (heading, text))
            else:
                doc[where] = (heading, text)
            after = where
    return "".join(text for _, text in doc).rstrip("\n") + "\n"


def with_provenance(part: str, note: str) -> str:
    """Return `part` with `note` (command, date, machine) right under its first heading."""
    first, _, rest = part.partition("\n")
    return f"{first}\n\n{note.strip()}\n{rest}"
