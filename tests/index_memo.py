"""Search index entries remembered for the rest of the test run (`reindex_all(entries_of=…)`).

Stemming is most of the CPU of indexing (about 4.6 of 5.8 s for the 651 papers of the search
corpus, measured): building that corpus on SQLite and on PostgreSQL and the tests that rebuild a
copy of it stemmed the same texts again and again. An entry is a pure function of its paper row
(`storage.search.terms.index_entry`), so the first computation is the entry: it is kept per row in
the process and, as a file in the run's shared directory, for the other pytest-xdist workers.

Rows are keyed by the values `index_entry` reads, in the form it reads them (`as_date`,
`json_list`, truthiness): the same paper read from SQLite (ISO text, JSON text) and from
PostgreSQL (date, list) is one key, and rows that differ in anything the entry depends on are two.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from standins.pdf_cache import write_whole
from storage.search.terms import IndexEntry, as_date, index_entries, json_list

_JSON_COLUMNS = frozenset({"questions", "submitters", "factions"})


def _normal(name: str, value: Any) -> Any:
    if name == "date":
        return as_date(value)
    if name in _JSON_COLUMNS:
        return json_list(value)
    if name == "citizen_inquiry":
        return bool(value)
    return value


def row_key(row: dict[str, Any]) -> str:
    """Return the key of a paper row: a hash of the values its index entry is computed from."""
    normal = sorted((name, _normal(name, value)) for name, value in row.items())
    return hashlib.sha256(repr(normal).encode()).hexdigest()


class EntryMemo:
    """A drop-in for `storage.search.terms.index_entries` that computes each row's entry once
    per run (in this process, and in `directory` for the run's other processes)."""

    kept: ClassVar[dict[str, IndexEntry]] = {}  # shared by every memo of this process

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def __call__(self, rows: Sequence[dict[str, Any]]) -> list[IndexEntry]:
        """Return the index entries of `rows`, as `index_entries` would."""
        keys = [row_key(row) for row in rows]
        missing = [
            (key, row) for key, row in zip(keys, rows, strict=True) if self._get(key) is None
        ]
        if missing:
            entries = index_entries([row for _, row in missing])
            for (key, _), entry in zip(missing, entries, strict=True):
                self._put(key, entry)
        return [self.kept[key] for key in keys]

    def _get(self, key: str) -> IndexEntry | None:
        entry = self.kept.get(key)
        if entry is None:
            try:
                entry = pickle.loads((self.directory / f"{key}.pickle").read_bytes())
            except FileNotFoundError:
                return None
            assert isinstance(entry, IndexEntry)
            self.kept[key] = entry
        return entry

    def _put(self, key: str, entry: IndexEntry) -> None:
        self.kept[key] = entry
        self.directory.mkdir(parents=True, exist_ok=True)
        # Atomic: another worker reads the whole entry or none.
        write_whole(self.directory / f"{key}.pickle", pickle.dumps(entry))
