"""Full-text search (I/O): SQLite FTS5 or PostgreSQL tsvector. Placeholder until the search work lands."""

from __future__ import annotations


async def ensure_index() -> None:
    """Create the dialect-specific search index if it does not exist."""
