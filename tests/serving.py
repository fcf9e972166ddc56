"""A local stand-in served from a thread with its own event loop (I/O), for tests that call the
in-process CLI (`bot.cli.main`), whose `asyncio.run` blocks the test's own thread."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractAsyncContextManager, contextmanager
from typing import TypeVar

Server = TypeVar("Server")


@contextmanager
def serving(make: Callable[[], AbstractAsyncContextManager[Server]]) -> Iterator[Server]:
    """Run the stand-in `make()` returns in a thread with its own event loop; yield it once it
    serves, stop it afterwards."""
    started: list[Server] = []
    ready = threading.Event()
    loop_and_stop: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []

    async def serve() -> None:
        stop = asyncio.Event()
        async with make() as server:
            started.append(server)
            loop_and_stop.append((asyncio.get_running_loop(), stop))
            ready.set()
            await stop.wait()

    thread = threading.Thread(target=asyncio.run, args=(serve(),))
    thread.start()
    try:
        assert ready.wait(60), "the stand-in did not start"
        yield started[0]
    finally:
        if loop_and_stop:
            loop, stop = loop_and_stop[0]
            loop.call_soon_threadsafe(stop.set)
        thread.join(60)
