"""How SQLite finds a long prefix (`Schul*`): as the OR of the indexed words it starts.

FTS5 answers a prefix longer than its prefix index (3 letters) by merging the doclists of every
word with that prefix into one, over the whole index, before the first match is returned: at
200,000 papers `"schul"*` (178 words, 127k postings) costs 34 ms and `"stad"*` 117 ms, in
proportion to the corpus. The same words written as `("schul" OR "schulabbrech" OR …)` are
iterated lazily, newest first, and the walk stops at the ranking window: 3.8 ms and 4.5 ms, the
same matches (docs/benchmarks.md).

The words come from the index itself (`fts5vocab`, a range of its terms), so the expansion is
exact: every indexed word starting with the prefix, digits included. Listing them reads their
doclists (9 ms for `schul` at 200k), so the list is cached per database and prefix, together with
FTS5's structure record (`paper_fts_data` id 10), which every write to the index changes: a
cached list is used only while the index is unchanged, so a word indexed after the expansion is
found at once. Prefixes of MIN_EXPANDED_CHARS - 1 letters keep the prefix index; a prefix with no
word, or more than MAX_WORDS, keeps FTS5's own prefix query.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tortoise.backends.base.client import BaseDBAsyncClient

from storage.search.fts5_state import current, database_key

# Shorter prefixes are served by the FTS5 prefix index (prefix='3').
MIN_EXPANDED_CHARS = 4
# An OR of more words costs about 20 µs per word for each window walk: FTS5's merge is cheaper.
MAX_WORDS = 1000
VOCAB_DDL = "CREATE VIRTUAL TABLE IF NOT EXISTS paper_fts_vocab USING fts5vocab(paper_fts, row)"


@dataclass
class _Cache:
    """The expansions of one database, valid for one state of its index."""

    structure: bytes
    words: dict[str, tuple[str, ...] | None] = field(default_factory=dict)


_CACHE: dict[str, _Cache] = {}


def upper_bound(prefix: str) -> str:
    """Return the smallest string above every word starting with `prefix` ([a-z0-9]). Pure."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def prefix_phrase(prefix: str, words: Sequence[str] | None) -> str:
    """Return the FTS5 MATCH text of a prefix: the OR of its words, or FTS5's prefix query. Pure."""
    if not words:
        return f'"{prefix}"*'
    return "(" + " OR ".join(f'"{w}"' for w in words) + ")"


async def expansions(
    conn: BaseDBAsyncClient, prefixes: Sequence[str]
) -> dict[str, tuple[str, ...] | None]:
    """Return, per prefix, the indexed words it starts (None: let FTS5 merge, see above)."""
    wanted = [p for p in prefixes if len(p) >= MIN_EXPANDED_CHARS]
    if not wanted:
        return {}
    cache = await current(conn, _CACHE, _Cache)
    for prefix in wanted:
        if prefix not in cache.words:
            found = await conn.execute_query_dict(
                "SELECT term FROM paper_fts_vocab WHERE term >= ? AND term < ? "
                f"LIMIT {MAX_WORDS + 1}",
                [prefix, upper_bound(prefix)],
            )
            words = tuple(str(r["term"]) for r in found)
            cache.words[prefix] = words if 0 < len(words) <= MAX_WORDS else None
    return {p: cache.words[p] for p in wanted}


def forget(conn: BaseDBAsyncClient) -> None:
    """Drop the cached expansions of this database (after a rebuild)."""
    _CACHE.pop(database_key(conn), None)
