"""What the search index holds for a paper, and the snippet shown for a hit. Pure, no I/O.

Both backends index the same terms, computed here with `storage.textnorm` (folded Snowball stems
in order, plus compound parts). Einwohneranfragen (citizen inquiries): the submitter's name is
never indexed, not even where it appears in the full text, and never shown in a snippet.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from fetcher.privacy import REDACTED_NAME, citizen_names, redact_names
from storage import textnorm

# Index at most this much full text per paper: keeps a PostgreSQL tsvector far below its 1 MB limit
# and phrase positions below its 16383 cap; the first 200k characters hold the question and answer.
MAX_INDEXED_CHARS = 200_000
SNIPPET_CHARS = 200


def as_date(value: Any) -> date | None:
    """Return a date read from a database row (SQLite gives ISO text). Pure."""
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    return value if isinstance(value, date) else None


def json_list(value: Any) -> list[Any]:
    """Return a JSON list column as a list (SQLite gives text, PostgreSQL a list or text). Pure."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [value]
    return list(value) if isinstance(value, list | tuple) else []


def texts(values: Iterable[Any]) -> list[str]:
    """Return the text of each question/submitter entry (dicts carry "text" or "name"). Pure."""
    out = []
    for v in values:
        if isinstance(v, dict):
            v = v.get("text") or v.get("name") or ""
        out.append(str(v))
    return out


def private_names(row: dict[str, Any]) -> tuple[str, ...]:
    """Return the names of a citizen inquiry's submitters, given or printed (never indexed)."""
    if not row.get("citizen_inquiry"):
        return ()
    printed = (str(row.get("title") or ""), str(row.get("full_text") or row.get("body") or ""))
    return citizen_names(texts(json_list(row.get("submitters"))), *printed)


def scrub(text: str, names: Sequence[str], replacement: str = " ") -> str:
    """Remove every form of the citizens' names from a citizen inquiry's text."""
    return redact_names(text, names, replacement)


def index_columns(row: dict[str, Any]) -> tuple[str, str, str, str]:
    """Return the (title, questions, body, parts) term strings to index for a paper row. Pure."""
    names = private_names(row)
    title = str(row.get("title") or "")
    questions = "\n".join(texts(json_list(row.get("questions"))))
    body = "\n".join(
        t for t in (row.get("summary") or "", (row.get("full_text") or "")[:MAX_INDEXED_CHARS]) if t
    )
    if row.get("citizen_inquiry"):
        title, questions, body = (scrub(t, names) for t in (title, questions, body))
    else:
        # A council member's name is public and a useful search word ("Anfrage Müller").
        body = "\n".join([*texts(json_list(row.get("submitters"))), body])
    private = {textnorm.stem(t) for name in names for t in textnorm.tokens(name)}
    columns = []
    for text in (title, questions, body):
        columns.append(" ".join(t for t in textnorm.index_terms(text) if t not in private))
    parts = textnorm.compound_terms(" ".join((title, questions, body))) - private
    return columns[0], columns[1], columns[2], " ".join(sorted(parts))


@dataclass(frozen=True)
class IndexEntry:
    """What the index stores for one paper: its terms and the values the filters use."""

    paper_id: int
    date: date | None
    kommune_id: int
    kind: str
    factions: tuple[str, ...]
    columns: tuple[str, str, str, str]  # title, questions, body, parts (see index_columns)


def index_entry(row: dict[str, Any]) -> IndexEntry:
    """Return the index entry of a paper row (the CPU-bound part of indexing). Pure."""
    return IndexEntry(
        paper_id=int(row["id"]),
        date=as_date(row["date"]),
        kommune_id=int(row["kommune_id"]),
        kind=str(row["kind"] or ""),
        factions=tuple(dict.fromkeys(str(f) for f in json_list(row.get("factions")) if f)),
        columns=index_columns(row),
    )


def index_entries(rows: Sequence[dict[str, Any]]) -> list[IndexEntry]:
    """Return the index entries of many rows (one call per worker process). Pure."""
    return [index_entry(row) for row in rows]


def hit_texts(row: dict[str, Any]) -> list[str]:
    """Return the texts a hit's snippet is cut from (questions, summary, body), scrubbed. Pure."""
    out = [
        *texts(json_list(row["questions"])),
        str(row["summary"] or ""),
        str(row["body"] or ""),
    ]
    if row["citizen_inquiry"]:
        names = private_names(row)
        out = [scrub(t, names, REDACTED_NAME) for t in out]
    return out


def hit_title(row: dict[str, Any]) -> str:
    """Return a hit's title, with a citizen's name removed from a citizen inquiry's. Pure."""
    title = str(row["title"])
    if row["citizen_inquiry"]:
        title = scrub(title, private_names(row), REDACTED_NAME)
    return title


def snippet(texts: Sequence[str], stems: set[str], prefixes: tuple[str, ...] = ()) -> str:
    """Return about SNIPPET_CHARS of the first text around the first matching word. Pure."""
    for text in texts:
        flat = re.sub(r"\s+", " ", text).strip()
        if not flat:
            continue
        # Fold once and scan the folded text; positions shift only where folding changes length
        # (ß → ss), so scaling them back is close enough for a snippet window.
        folded = textnorm.fold(flat)
        scale = len(flat) / max(1, len(folded))
        for m in re.finditer(r"[a-z0-9]+", folded):
            token = m.group()
            stemmed = textnorm.stem(token)
            if (
                stemmed in stems
                or (prefixes and stemmed.startswith(prefixes))
                or (
                    len(token) >= textnorm.COMPOUND_MIN_CHARS
                    and stems & textnorm.compound_parts(token)
                )
            ):
                start = max(0, int(m.start() * scale) - SNIPPET_CHARS // 3)
                return _cut(flat, start)
    for text in texts:
        flat = re.sub(r"\s+", " ", text).strip()
        if flat:
            return _cut(flat, 0)
    return ""


def _cut(flat: str, start: int) -> str:
    if start > 0:
        space = flat.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = start + SNIPPET_CHARS
    if end < len(flat):
        space = flat.rfind(" ", start, end)
        end = space if space > start + SNIPPET_CHARS // 2 else end
    return ("… " if start > 0 else "") + flat[start:end] + (" …" if end < len(flat) else "")
