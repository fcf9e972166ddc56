"""The SQL that ranks the newest window of a PostgreSQL text query (pure: strings only).

Candidates (`c`) are the newest `rank_cap + 1` matches, found by GIN or by a walk of the date
index (`pg_plan.walk_by_date`). They carry no tsvector (2.4 kB a row: the CTE and its sorts
would spill to disk); the score is computed where the tsvector is read anyway:

- on a walk, in the candidate scan itself (only rows that pass the filters are scored);
- after GIN, by reading the window's rows again by `ctid` (a TID scan, no index descent).

Newest first (`newest=True`) computes no score at all. The window's LIMITs are written as
numbers, not parameters: a generic plan that does not know them assumes a tenth of the table
and walks with parallel workers (the first row after 85 ms at load 12). Only the ranked page
is joined with `paper` (hidden, deleted and the filters again).
"""

from __future__ import annotations

from storage.search import pg_faction
from storage.search.backend import Params

# ts_rank weights {D, C, B, A}.
WEIGHTS = "'{0.2, 0.2, 0.5, 1.0}'"
_NEWEST = "date DESC NULLS LAST, paper_id DESC"
# Newest first in paper_search (alias s), as its (date) and (kommune_id, date) indexes give it.
INDEX_KEYS = "s.date DESC NULLS LAST, s.paper_id DESC"


def candidates_sql(where: str, rank_cap: int, *, walk: bool, q: str, source: str) -> str:
    """Return the SELECT of the newest rank_cap + 1 candidates (GIN or walk) from `source`
    (`paper_search s`, or a faction's list joined with it, alias f). Pure."""
    if walk:
        cols = f"s.paper_id, s.date, ts_rank({WEIGHTS}, s.tsv, to_tsquery('simple', {q})) AS score"
        keys = pg_faction.KEYS if source == pg_faction.SOURCE else INDEX_KEYS
    else:  # an order no index provides: a bitmap, then a top-N sort, whatever the plan
        cols = "s.ctid AS tid, s.paper_id, s.date"
        keys = "s.date + 0 DESC NULLS LAST, s.paper_id + 0 DESC"
    return f"SELECT {cols} FROM {source} {where} ORDER BY {keys} LIMIT {int(rank_cap) + 1}"


def ranked_sql(
    candidates: str,
    params: Params,
    rank_cap: int,
    paper_filters: str,
    page: int,
    offset: int,
    *,
    walk: bool,
    newest: bool,
    q: str,
) -> str:
    """Return the query of (page ids, number of candidates) over the candidate SELECT. Pure."""
    window = f"(SELECT * FROM c ORDER BY {_NEWEST} LIMIT {int(rank_cap)}) AS x"
    if newest:
        ranked = f"SELECT x.paper_id, x.date, 0 AS score FROM {window}"
    elif walk:
        ranked = f"SELECT x.paper_id, x.date, x.score FROM {window}"
    else:
        ranked = (
            f"SELECT x.paper_id, x.date, ts_rank({WEIGHTS}, t.tsv, to_tsquery('simple', {q})) "
            f"AS score FROM {window} JOIN paper_search t ON t.ctid = x.tid"
        )
    order = _NEWEST if newest else f"score DESC, {_NEWEST}"
    return (
        f"WITH c AS MATERIALIZED ({candidates}), r AS MATERIALIZED ({ranked}) "
        "SELECT r.paper_id AS id, (SELECT count(*) FROM c) AS n "
        f"FROM (SELECT * FROM r ORDER BY {order}) AS r JOIN paper p ON p.id = r.paper_id "
        f"WHERE 1 = 1{paper_filters} "
        f"ORDER BY r.{order.replace(', ', ', r.')} "
        f"LIMIT {params.add(page)} OFFSET {params.add(offset)}"
    )
