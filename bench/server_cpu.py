"""CPU time of the PostgreSQL backends serving the bench database (I/O: /proc, one query).

The server's work per query, which the client's process_time leaves out: the sum of the
backends' `schedstat` run time (ns) before and after a query. Only for a server on this
machine; parallel workers (alive for one query) are not counted.
"""

from __future__ import annotations

import contextlib
from pathlib import Path


async def server_pids(pg: bool) -> list[int]:
    """Return the PostgreSQL backends of the bench database (none for SQLite)."""
    if not pg:
        return []
    from tortoise.connection import get_connection

    rows = await get_connection("default").execute_query_dict(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
    )
    return [int(r["pid"]) for r in rows]


def server_cpu_ms(pids: list[int]) -> float:
    """Return the CPU time the server backends used so far, in ms (/proc schedstat)."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError, ValueError, IndexError):  # a remote server
            total += int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])
    return total / 1e6
