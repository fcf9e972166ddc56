"""The one interface both search backends implement, and the values they return. No I/O here.

`storage.search` (the package) does what is the same on every database: the Aktenzeichen first,
paging, totals, hits with snippets. A backend (`storage.search.sqlite`, `storage.search.postgres`)
owns its tables and SQL: schema, writing and deleting index rows, the text match and its ranking.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from tortoise.backends.base.client import BaseDBAsyncClient

from storage.query import SearchQuery
from storage.search.terms import IndexEntry

# Counting stops here: "mehr als 1000 Treffer" is all a chat needs, and counting is the slow part.
MAX_COUNT = 1000
# Ranking scores at most this many matches, the newest ones; keep it >= MAX_COUNT so that totals
# stay what they were (a lower value also lowers the counted total to it).
RANK_CAP = 2000
# Papers per statement when (re)indexing.
BATCH = 500
# The orders of text matches: best first (then newest), or newest first.
ORDER_RELEVANCE = "relevance"
ORDER_NEWEST = "newest"
ORDERS = (ORDER_RELEVANCE, ORDER_NEWEST)


@dataclass(frozen=True)
class SearchHit:
    """One found paper, as the bot and `ratsbot search` show it."""

    paper_id: int
    reference: str | None
    title: str
    kind: str
    kommune: str
    date: date | None
    factions: tuple[str, ...]
    web_url: str | None
    pdf_url: str | None
    snippet: str

    def as_json(self) -> dict[str, Any]:
        """Return the hit as the JSON object of `ratsbot search --json` (a contract)."""
        return {
            "paper_id": self.paper_id,
            "reference": self.reference,
            "title": self.title,
            "kind": self.kind,
            "kommune": self.kommune,
            "date": self.date.isoformat() if self.date else None,
            "factions": list(self.factions),
            "web_url": self.web_url,
            "pdf_url": self.pdf_url,
            "snippet": self.snippet,
        }


@dataclass(frozen=True)
class SearchResult:
    """A page of hits, best first, and how many there are (counted up to MAX_COUNT)."""

    hits: tuple[SearchHit, ...]
    total: int
    total_capped: bool = False


@dataclass(frozen=True)
class Page:
    """What a backend's text or filter search returns: the ids of one page and the total."""

    ids: list[int]
    total: int
    capped: bool


class Params:
    """Bound parameters in order, rendered as `?` (SQLite) or `$n` (asyncpg)."""

    def __init__(self, dollar: bool) -> None:
        self.dollar = dollar
        self.values: list[Any] = []

    def add(self, value: Any) -> str:
        """Append a value; return its placeholder."""
        self.values.append(value)
        return f"${len(self.values)}" if self.dollar else "?"


class SearchBackend(Protocol):
    """The SQL of one database for the search index; `storage.search` drives it."""

    # The backend's own layout mark, part of the index version: changing it rebuilds only the
    # index of this backend ("" for none).
    layout: str

    async def create(self, conn: BaseDBAsyncClient, *, drop_first: bool) -> None:
        """Create the index tables if absent (dropping an old layout first when told)."""

    async def read_version(self, conn: BaseDBAsyncClient) -> str | None:
        """Return the stored version mark of the index, None if there is none."""

    async def write_version(self, conn: BaseDBAsyncClient, version: str) -> None:
        """Store the version mark of the index."""

    async def clear(self, conn: BaseDBAsyncClient) -> None:
        """Delete every index row."""

    async def rows_after(
        self, conn: BaseDBAsyncClient, last_id: int, limit: int
    ) -> list[dict[str, Any]]:
        """Return up to `limit` visible paper rows with id > last_id, by id (for a rebuild)."""

    async def rows_of(self, conn: BaseDBAsyncClient, paper_ids: list[int]) -> list[dict[str, Any]]:
        """Return the visible paper rows among `paper_ids`."""

    async def delete(self, conn: BaseDBAsyncClient, paper_ids: list[int]) -> None:
        """Remove the index rows of these papers."""

    async def write(self, conn: BaseDBAsyncClient, entries: list[IndexEntry]) -> None:
        """Write index rows for these entries (any old rows must be deleted first)."""

    async def bulk_load(self, conn: BaseDBAsyncClient, *, done: bool) -> None:
        """Prepare for a rebuild of the whole index (done=False), or finish one (done=True)."""

    async def reference_ids(
        self, conn: BaseDBAsyncClient, query: SearchQuery, kommune_id: int | None
    ) -> list[int]:
        """Return the ids of up to 5 papers whose Aktenzeichen is the query's, newest first."""

    async def filtered(
        self,
        conn: BaseDBAsyncClient,
        query: SearchQuery,
        kommune_id: int | None,
        page: int,
        offset: int,
    ) -> Page:
        """Return a page of papers passing the filters (no text), newest first."""

    async def ranked(
        self,
        conn: BaseDBAsyncClient,
        query: SearchQuery,
        kommune_id: int | None,
        page: int,
        offset: int,
        rank_cap: int,
        *,
        newest: bool = False,
    ) -> tuple[list[int], int]:
        """Rank the newest rank_cap text matches; return (page ids, matches counted ≤ cap + 1).

        newest=True orders the page by date alone (the /suche "Neueste zuerst" toggle).
        """

    async def hit_rows(self, conn: BaseDBAsyncClient, ids: list[int]) -> list[dict[str, Any]]:
        """Return the paper rows (with Kommune name and the first 6000 body chars) to show."""

    async def title_question_matches(
        self, conn: BaseDBAsyncClient, term: str, kommune_id: int, kinds: Sequence[str], limit: int
    ) -> list[int]:
        """Return ids of up to `limit` visible papers with the stem in their title or questions."""


PAPER_COLUMNS = (
    "p.id, p.title, p.questions, p.summary, p.full_text, p.submitters, p.citizen_inquiry, "
    "p.date, p.kommune_id, p.kind, p.factions"
)
HIT_COLUMNS = (
    "p.id, p.reference, p.title, p.kind, k.name AS kommune, p.date, p.factions, p.web_url, "
    "p.pdf_url, p.questions, p.summary, substr(p.full_text, 1, 6000) AS body, p.submitters, "
    "p.citizen_inquiry"
)
