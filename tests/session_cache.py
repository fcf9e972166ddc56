"""A directory that every process of one test run shares, and a lock to build things in it once.

Under pytest-xdist each worker is a process of its own, with its basetemp in the controller's
(`…/pytest-N/popen-gw0`); the controller's basetemp is the run's shared directory. Without
xdist the run's own basetemp is. Whatever one worker builds there (a template database, say)
the others reuse instead of building it again; `exclusive` makes the first one build it while
the others wait.
"""

from __future__ import annotations

import asyncio
import fcntl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest


def run_directory(config: pytest.Config) -> Path:
    """Return the directory shared by every process of this test run (created on first use)."""
    factory: pytest.TempPathFactory = config._tmp_path_factory  # type: ignore[attr-defined]
    base = factory.getbasetemp()
    root = base.parent if hasattr(config, "workerinput") else base
    shared = root / "shared"
    shared.mkdir(exist_ok=True)
    return shared


def is_worker(config: pytest.Config) -> bool:
    """Return whether this process is an xdist worker (the controller outlives all workers)."""
    return hasattr(config, "workerinput")


@asynccontextmanager
async def exclusive(lock_path: Path) -> AsyncIterator[None]:
    """Hold an exclusive lock on `lock_path` among the run's processes (waits in a thread)."""
    with lock_path.open("a") as handle:
        await asyncio.to_thread(fcntl.flock, handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
