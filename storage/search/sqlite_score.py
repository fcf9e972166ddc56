"""FTS5's bm25 as one SQL statement over a window's stored stems, with cached IDFs.

`sqlite_rank` computes bm25 in Python from the stored stems; reading a row's text through the
driver costs about 35 µs. This module writes the same arithmetic as SQL instead, so that only the
ranked keys leave SQLite: per row and column the count of a stem is

    (length(x) - length(replace(x, ' stem ', ''))) / length(' stem ')

on `x = replace(' ' || column || ' ', ' ', '  ')` (doubled spaces: a stem that follows itself
is counted twice, which a plain search for ' stem ' would skip), and the row's length in tokens
is its spaces plus one per non-empty column. The IDFs, the mean length and bm25's constants are
bound as parameters (doubles, as FTS5 holds them) and combined in FTS5's order
(`fts5Bm25Function`), so every score is bm25's to the last bit and ties go newest first.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from storage.search.sqlite_rank import K1, WEIGHTS, B

# paper_fts_content's columns: title, questions, body, parts (scored) and meta (length only).
_SCORED = ("c0", "c1", "c2", "c3")
_META = "c4"


def _tokens(column: str) -> str:
    """SQL: the number of tokens of a stored column (single spaces between stems)."""
    text = f"coalesce({column}, '')"
    return f"(length({text}) - length(replace({text}, ' ', '')) + ({text} <> ''))"


def ranked_sql(
    words: Sequence[tuple[str, float]], avgdl: float, keys: Sequence[int], id_mask: int
) -> tuple[str, list[Any]]:
    """Return (SQL, parameters) listing the rows with these keys (paper `id`, bm25 `score`) by
    bm25 over the (stem, IDF) pairs, then newest first. Pure.

    Stems are [a-z0-9] (query terms); each is bound as a parameter all the same. The parameters
    are numbered (`?N`): each constant is bound once and used where FTS5 uses it."""
    values: list[Any] = [json.dumps(list(keys))]

    def bind(value: Any) -> str:
        values.append(value)
        return f"?{len(values)}"

    doubled = ", ".join(
        f"replace(' ' || coalesce({c}, '') || ' ', ' ', '  ') AS x{i}"
        for i, c in enumerate(_SCORED)
    )
    length = " + ".join(_tokens(c) for c in (*_SCORED, _META))
    k1, b, avg = bind(K1), bind(B), bind(avgdl)
    freqs = []
    for j, (stem, _) in enumerate(words):
        pattern = bind(f" {stem} ")
        size = len(stem) + 2
        freq = "0.0"
        for i, col_weight in enumerate(WEIGHTS):
            count = f"((length(x{i}) - length(replace(x{i}, {pattern}, ''))) / {size})"
            freq = f"({freq} + {count} * {bind(col_weight)})"
        freqs.append(f"{freq} AS f{j}")
    norm = f"({k1} * (1.0 - {b} + {b} * d / {avg}))"
    total = "0.0"
    for j, (_, weight) in enumerate(words):
        total = f"({total} + {bind(weight)} * ((f{j} * ({k1} + 1.0)) / (f{j} + {norm})))"
    sql = (
        f"WITH x AS MATERIALIZED (SELECT c.id AS k, {doubled}, {length} AS d "
        "FROM paper_fts_content c WHERE c.id IN (SELECT value FROM json_each(?1))), "
        f"f AS MATERIALIZED (SELECT k, d, {', '.join(freqs)} FROM x) "
        f"SELECT k & {int(id_mask)} AS id, -1.0 * {total} AS score FROM f "
        "ORDER BY score, k DESC"
    )
    return sql, values
