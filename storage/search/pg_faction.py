"""PostgreSQL: each faction's papers newest first (table `paper_search_faction`), kept beside
`paper_search`.

`fraktion:Grüne` with a common word was the slowest shape at 300k papers: the GIN index of the
`factions` array gives all of the faction's papers (7 % of them) as a bitmap, unordered, so every
one was read before the newest 2,000 could be picked. A btree over (faction, date, paper_id)
gives them newest first: a query walks it and tests the text on each paper's row until the
window is full (`pg_plan.walk_by_date` decides), and a faction-only query reads one page.
"""

from __future__ import annotations

from tortoise.backends.base.client import BaseDBAsyncClient

DDL = (
    "CREATE TABLE IF NOT EXISTS paper_search_faction (faction TEXT NOT NULL, date DATE, "
    "paper_id INTEGER NOT NULL REFERENCES paper(id) ON DELETE CASCADE, "
    "PRIMARY KEY (faction, paper_id))",
    "CREATE INDEX IF NOT EXISTS paper_search_faction_date ON paper_search_faction "
    "(faction, date DESC NULLS LAST, paper_id DESC)",
    "CREATE INDEX IF NOT EXISTS paper_search_faction_paper ON paper_search_faction (paper_id)",
)
DROP = "DROP TABLE IF EXISTS paper_search_faction"
# The walk over one faction's papers, joined with their index rows.
SOURCE = "paper_search_faction f JOIN paper_search s ON s.paper_id = f.paper_id"
KEYS = "f.date DESC NULLS LAST, f.paper_id DESC"


async def clear(conn: BaseDBAsyncClient) -> None:
    """Delete every row."""
    await conn.execute_script("DELETE FROM paper_search_faction")


async def delete(conn: BaseDBAsyncClient, paper_ids: list[int]) -> None:
    """Remove the rows of these papers."""
    await conn.execute_query(
        "DELETE FROM paper_search_faction WHERE paper_id = ANY($1)", [paper_ids]
    )


async def copy_from_index(conn: BaseDBAsyncClient, paper_ids: list[int]) -> None:
    """Rewrite the rows of these papers from their paper_search rows (after a write)."""
    await delete(conn, paper_ids)
    await conn.execute_query(
        "INSERT INTO paper_search_faction (faction, date, paper_id) "
        "SELECT DISTINCT unnest(factions), date, paper_id FROM paper_search "
        "WHERE paper_id = ANY($1) ON CONFLICT DO NOTHING",
        [paper_ids],
    )
