"""SQLite ranking without bm25's IDF walks: FTS5's bm25, computed in Python for a window of rows.

FTS5's `bm25()` computes each phrase's IDF by walking the phrase's whole doclist, once per query:
at a million papers a word in a third of them costs about 20 ms before the first row is scored,
and a query of four such words more than the rest of the search. Python's `sqlite3` cannot
register a ranking function of its own (no `fts5_api` pointer), so a cached IDF cannot be handed
to FTS5. This module computes the same function in Python instead, from what FTS5 stores:

- the number of rows and of tokens (FTS5's averages record, `paper_fts_data` id 1: read per query);
- each scored word's document frequency, counted once per state of the index (cached together
  with FTS5's structure record, which every write changes, so the counts are never stale);
- per window row, its stored stems (`paper_fts_content`: each column's count of the word) and
  its length in tokens (`paper_fts_docsize`, what FTS5 itself reads), in one statement.

The arithmetic is FTS5's own (`fts5Bm25Function`: k1 1.2, b 0.75, the column weights of
`sqlite._BM25`, IDF clamped to 1e-6), in the same order, so the scores are bm25's to the last bit
and a window is ordered exactly as bm25 orders it. Reading a row's stems through the driver and
scanning them costs about 18 µs for two words (200k papers, load 6), an IDF walk about 50 ns per
posting: the caller uses this module when the walks cost more (`pays`), i.e. for queries of
several mid-frequency words with a small window (`sqlite_plan.window` makes it small for dense
words). The same arithmetic as one SQL statement was measured at 70 µs a row (SQLite's `replace`
and `length` walk the text a character at a time) and not kept.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from storage.search.fts5_state import current, database_key

# FTS5's bm25 parameters and the column weights of sqlite._BM25 (title, questions, body, parts).
K1, B = 1.2, 0.75
WEIGHTS = (10.0, 4.0, 1.0, 1.0)
# Postings an IDF walk reads in the time it takes to read and scan one window row's stems
# (about 50 ns against 18 µs for two words at 200k papers under load, docs/benchmarks.md).
POSTINGS_PER_ROW = 400
# A word in more than this share of the rows is checked on the stored stems of the candidates of
# the rarer words (at most MAX_CANDIDATES rows, about 35 µs each) rather than intersected.
RARE_SHARE = 0.1
MAX_CANDIDATES = 600
# FTS5's averages record (rows, tokens per column).
_AVERAGES_ID = 1


@dataclass
class _Counts:
    """Document frequencies of one database, valid for one state of its index."""

    structure: bytes
    freqs: dict[str, int] = field(default_factory=dict)


_CACHE: dict[str, _Counts] = {}
# An index row as ranked here: key, (title, questions, body, parts) stems, length in tokens.
StoredRow = tuple[int, tuple[str, str, str, str], int]
# What is scored: a word (a stem, in every column) or a phrase (its stems in order, in title,
# questions and body only: `sqlite.fts5_expression`'s column filter).
Scored = str | tuple[str, ...]
# A scored word or phrase: its stems, " stems ", " stems stems " (neighbours), whether one
# occurrence can overlap the next by more than the space (a phrase such as "a b a"), the number
# of columns it is counted in, and its IDF.
_Pattern = tuple[tuple[str, ...], str, str, bool, int, float]
# The columns of a phrase (title, questions, body): the parts column has no positions.
_PHRASE_COLUMNS = 3


def forget(conn: BaseDBAsyncClient) -> None:
    """Drop the cached counts of this database (after a rebuild)."""
    _CACHE.pop(database_key(conn), None)


def varints(block: bytes) -> list[int]:
    """Return the SQLite varints of a record (FTS5's averages record). Pure."""
    out, i = [], 0
    while i < len(block):
        value = 0
        for n in range(9):
            byte = block[i]
            i += 1
            if n == 8:  # the ninth byte holds 8 bits
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        out.append(value)
    return out


def varint_sum(block: bytes) -> int:
    """Return the sum of a record's SQLite varints of up to 8 bytes each (FTS5's docsize: a
    row's tokens per column), in one pass: 0.5 µs a row where `varints` takes 3. Pure."""
    total = value = 0
    for byte in block:
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            total, value = total + value, 0
    return total


def idf(rows: int, hits: int) -> float:
    """Return bm25's IDF of a word in `hits` of `rows` rows (FTS5 clamps it to 1e-6). Pure."""
    value = math.log((rows - hits + 0.5) / (hits + 0.5))
    return 1e-6 if value <= 0.0 else value


def pays(freqs: Iterable[int], window: int) -> bool:
    """Whether scoring `window` rows here costs less than bm25's IDF walks of words with these
    document frequencies. Pure."""
    return sum(freqs) > POSTINGS_PER_ROW * window


def padded_count(padded: str, term: str) -> int:
    """Return how often `term` is a token of a column's stems given as " stems ". Pure."""
    found = padded.count(f" {term} ")
    if found and f" {term} {term} " in padded:  # count() skips the second of two neighbours
        found = padded.split().count(term)
    return found


def term_count(stems: str, term: str) -> int:
    """Return how often `term` is a token of a column's stems (single spaces between). Pure."""
    return padded_count(f" {stems} ", term)


def phrase_count(stems: str, phrase: Sequence[str]) -> int:
    """Return how often the tokens of `phrase` follow each other in a column's stems (every
    start counted, as FTS5 counts a phrase's instances). Pure."""
    tokens, n = stems.split(), len(phrase)
    if n == 1:
        return tokens.count(phrase[0])
    wanted = list(phrase)
    return sum(1 for i in range(len(tokens) - n + 1) if tokens[i : i + n] == wanted)


def match_of(item: Scored) -> str:
    """Return the FTS5 MATCH text of a word or a phrase (`sqlite.fts5_expression`,
    `sqlite_plan.rank_expression` and the counts cached here all use this one text). Pure."""
    if isinstance(item, str):
        return f'"{item}"'
    return '{title questions body}: "' + " ".join(item) + '"'


def score(
    columns: Sequence[str], length: int, words: Sequence[tuple[Scored, float]], avgdl: float
) -> float:
    """Return FTS5's bm25 of a row: its (title, questions, body, parts) stems, its length in
    tokens (every column, meta included: FTS5's docsize) and the scored (word or phrase, IDF)
    pairs, in FTS5's order. Pure."""
    return _score([f" {c} " for c in columns], length, _patterns(words), avgdl)


def _has_border(tokens: tuple[str, ...]) -> bool:
    """Whether a phrase can overlap itself by a token or more ("a b a" in "a b a b a"). Pure."""
    return any(tokens[:n] == tokens[-n:] for n in range(1, len(tokens)))


def _patterns(words: Sequence[tuple[Scored, float]]) -> list[_Pattern]:
    patterns = []
    for item, weight in words:
        tokens = (item,) if isinstance(item, str) else tuple(item)
        text = " ".join(tokens)
        columns = len(WEIGHTS) if isinstance(item, str) else _PHRASE_COLUMNS
        patterns.append(
            (tokens, f" {text} ", f" {text} {text} ", _has_border(tokens), columns, weight)
        )
    return patterns


def _score(
    padded: Sequence[str],
    length: int,
    patterns: Sequence[_Pattern],
    avgdl: float,
) -> float:
    norm = K1 * (1 - B + B * float(length) / avgdl)
    total = 0.0
    for tokens, single, double, border, columns, weight in patterns:
        freq = 0.0
        for column, col_weight in zip(padded[:columns], WEIGHTS[:columns], strict=True):
            found = column.count(single)
            # count() skips the second of two neighbours and overlapping phrases.
            if found and (border or double in column):
                found = phrase_count(column, tokens)
            freq += found * col_weight
        total += weight * ((freq * (K1 + 1.0)) / (freq + norm))
    return -1.0 * total


def order(
    rows: Iterable[StoredRow], words: Sequence[tuple[Scored, float]], avgdl: float
) -> list[int]:
    """Return the keys of stored rows by bm25, then newest first (key DESC). Pure."""
    patterns = _patterns(words)
    scored = sorted(
        (_score([f" {c} " for c in columns], length, patterns, avgdl), -key)
        for key, columns, length in rows
    )
    return [-negated for _, negated in scored]


async def doc_freqs(conn: BaseDBAsyncClient, terms: Sequence[Scored]) -> dict[Scored, int]:
    """Return the number of indexed rows holding each stem or phrase (the rows bm25's IDF walk
    counts; cached while the index is unchanged)."""
    cache = await current(conn, _CACHE, _Counts)
    for term in terms:
        match = match_of(term)
        if match not in cache.freqs:
            found = await conn.execute_query_dict(
                "SELECT count(*) AS n FROM paper_fts WHERE paper_fts MATCH ?", [match]
            )
            cache.freqs[match] = int(found[0]["n"])
    return {t: cache.freqs[match_of(t)] for t in terms}


async def newest_keys(
    conn: BaseDBAsyncClient, where: str, values: Sequence[Any], limit: int
) -> list[int]:
    """Return the keys of up to `limit` index rows passing `where`, newest first (as one JSON
    value: 2,000 rows of one integer each cost 3 ms more through the driver)."""
    found = await conn.execute_query_dict(
        f"SELECT json_group_array(k) AS keys FROM (SELECT rowid AS k FROM paper_fts {where} "
        f"ORDER BY rowid DESC LIMIT {int(limit)})",
        list(values),
    )
    return sorted((int(k) for k in json.loads(found[0]["keys"])), reverse=True)


async def stored_rows(conn: BaseDBAsyncClient, keys: Sequence[int]) -> list[StoredRow]:
    """Return (key, (title, questions, body, parts), length in tokens) of the index rows with
    these keys (rows as the driver returns them: no dict per row)."""
    _, rows = await conn.execute_query(
        "SELECT c.id, c.c0, c.c1, c.c2, c.c3, d.sz FROM paper_fts_content c "
        "JOIN paper_fts_docsize d ON d.id = c.id WHERE c.id IN (SELECT value FROM json_each(?))",
        [json.dumps(list(keys))],
    )
    return [
        (int(r[0]), (r[1] or "", r[2] or "", r[3] or "", r[4] or ""), varint_sum(bytes(r[5])))
        for r in rows
    ]


async def averages(conn: BaseDBAsyncClient) -> tuple[int, float]:
    """Return the number of indexed rows and their mean length in tokens (FTS5's record)."""
    found = await conn.execute_query_dict(
        f"SELECT block FROM paper_fts_data WHERE id = {_AVERAGES_ID}"
    )
    averages = varints(bytes(found[0]["block"])) if found else [0]
    rows = averages[0]
    return rows, (sum(averages[1:]) / rows if rows else 0.0)


async def row_count(conn: BaseDBAsyncClient) -> int:
    """Return the number of indexed rows (FTS5's averages record: no walk)."""
    return (await averages(conn))[0]


async def rank_rows(
    conn: BaseDBAsyncClient,
    rows: Sequence[StoredRow],
    words: Sequence[Scored],
    freqs: Mapping[Scored, int],
) -> list[int]:
    """Return the keys of stored rows ordered by bm25 over `words` (words, then phrases, as in
    the MATCH; their document frequencies in `freqs`), then newest first: exactly bm25's order,
    without its IDF walks."""
    count, avgdl = await averages(conn)
    weighted = [(w, idf(count, freqs[w])) for w in words]
    return order(rows, weighted, avgdl)


async def rank(
    conn: BaseDBAsyncClient,
    keys: Sequence[int],
    words: Sequence[Scored],
    freqs: Mapping[Scored, int],
) -> list[int]:
    """Return the window's keys ordered as `rank_rows` orders them (their stems read here)."""
    return await rank_rows(conn, await stored_rows(conn, keys), words, freqs)


# ---- few matches of dense words: rare words narrow in FTS5, dense ones are checked here ------


def dense_words(
    terms: Sequence[str], freqs: Mapping[Scored, int], common: set[str], rows: int
) -> list[str]:
    """Return the words of a query to check on the stored stems instead of intersecting their
    doclists: those in more than RARE_SHARE of the rows, when at least one word is rarer. Pure."""
    dense = [t for t in terms if t in common or freqs.get(t, rows) > RARE_SHARE * rows]
    rare = [t for t in terms if t not in dense]
    return dense if rare else []


def holds(columns: Sequence[str], words: Sequence[str]) -> bool:
    """Whether every word is a token of one of the columns' stems (FTS5's AND of words). Pure."""
    padded = [f" {c} " for c in columns]
    return all(any(f" {w} " in c for c in padded) for w in words)


async def checked_matches(
    conn: BaseDBAsyncClient, match: str, lower: int | None, dense: Sequence[str]
) -> list[StoredRow] | None:
    """Return the rows matching `match` (the rare words and the filters) that also hold every
    dense word, newest first; None when `match` has more than MAX_CANDIDATES rows."""
    where = "WHERE paper_fts MATCH ?" + ("" if lower is None else " AND rowid >= ?")
    values = [match] if lower is None else [match, lower]
    found = await newest_keys(conn, where, values, MAX_CANDIDATES + 1)
    if len(found) > MAX_CANDIDATES:
        return None
    rows = await stored_rows(conn, found)
    return sorted((r for r in rows if holds(r[1], dense)), key=lambda r: -r[0])
