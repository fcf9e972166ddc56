"""The demo's terminal (I/O: stdout, stdin): printing the chat and reading typed lines."""

from __future__ import annotations

import asyncio
import codecs
import os
import shutil
import sys
from collections.abc import Sequence

from bot.demo import texts as c


class Terminal:
    """Where the chat is printed; wraps long lines to the terminal's width when interactive."""

    def __init__(self, *, interactive: bool) -> None:
        self.interactive = interactive
        self.width = shutil.get_terminal_size().columns - 1 if interactive else None
        self.prompt_open = False

    def _print(self, text: str) -> None:
        if self.prompt_open:  # a message arrived while the person was typing
            print()
            self.prompt_open = False
        print(text, flush=True)

    def say(self, text: str) -> None:
        """Print a block of text as it is."""
        self._print(text)

    def note(self, text: str) -> None:
        """Print a line the demo itself says."""
        self._print(c.note(text))

    def lines(self, lines: Sequence[str]) -> None:
        """Print a bot message's lines."""
        self._print("\n".join(lines))

    def user(self, line: str) -> None:
        """Echo a scripted user line."""
        self._print(c.USER_PROMPT + line)

    def prompt(self) -> None:
        """Show the input prompt (interactive)."""
        print(c.USER_PROMPT, end="", flush=True)
        self.prompt_open = True


class LineReader:
    """Feed stdin lines into a queue (None at end of input) without a blocking thread.

    The event loop watches the descriptor, so Ctrl-C and shutdown never wait on a read. A
    regular file (`ratsbot demo < lines.txt`) cannot be watched by epoll; it is read at once.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[str | None]) -> None:
        self.loop = loop
        self.queue = queue
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.pending = ""
        self.fd: int | None = None

    def start(self) -> None:
        """Start feeding the queue."""
        try:
            fd = sys.stdin.fileno()
        except (AttributeError, OSError, ValueError):
            self.queue.put_nowait(None)
            return
        try:
            self.loop.add_reader(fd, self._readable)
        except (OSError, ValueError):  # a regular file: no waiting involved
            self._feed(sys.stdin.buffer.read())
            self._feed(b"")
            return
        self.fd = fd

    def close(self) -> None:
        """Stop watching stdin."""
        if self.fd is not None:
            self.loop.remove_reader(self.fd)
            self.fd = None

    def _readable(self) -> None:
        assert self.fd is not None
        try:
            data = os.read(self.fd, 4096)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self.close()
        self._feed(data)

    def _feed(self, data: bytes) -> None:
        text = self.pending + self.decoder.decode(data, final=not data)
        *lines, self.pending = text.split("\n")
        for line in lines:
            self.queue.put_nowait(line)
        if not data:
            if self.pending:
                self.queue.put_nowait(self.pending)
                self.pending = ""
            self.queue.put_nowait(None)
