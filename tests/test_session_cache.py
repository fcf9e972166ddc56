"""The run-wide directory and lock that let pytest-xdist workers build a template only once."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.session_cache import exclusive, is_worker, run_directory


async def test_exclusive_lets_one_holder_in_at_a_time(tmp_path: Path) -> None:
    """A second holder of the same lock file waits until the first has left."""
    lock = tmp_path / "template.lock"
    events: list[str] = []
    first_inside = asyncio.Event()

    async def first() -> None:
        async with exclusive(lock):
            events.append("first in")
            first_inside.set()
            await asyncio.sleep(0.2)
            events.append("first out")

    async def second() -> None:
        await first_inside.wait()
        async with exclusive(lock):
            events.append("second in")

    await asyncio.gather(first(), second())
    assert events == ["first in", "first out", "second in"]


def test_run_directory_is_shared_by_the_workers_of_one_run(request: pytest.FixtureRequest) -> None:
    """A worker's basetemp is `popen-gwN` in the controller's, which holds the shared directory."""
    shared = run_directory(request.config)
    assert shared.is_dir()
    basetemp = request.config._tmp_path_factory.getbasetemp()  # type: ignore[attr-defined]
    if is_worker(request.config):
        assert basetemp.name.startswith("popen-gw")
        assert shared == basetemp.parent / "shared"
    else:
        assert shared == basetemp / "shared"
