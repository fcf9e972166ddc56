"""Logging set-up (I/O: stderr): one line per event, `key=value` pairs, never a token."""

from __future__ import annotations

import logging
import re
import sys

_TOKEN = re.compile(r"bot\d+:[A-Za-z0-9_-]{20,}")


class RedactingFormatter(logging.Formatter):
    """Format records as `time level logger message` and blank out bot tokens in URLs."""

    def format(self, record: logging.LogRecord) -> str:
        return _TOKEN.sub("bot<token>", super().format(record))


def setup_logging(level: str = "INFO") -> None:
    """Send log lines to stderr at `level`; quiet chatty libraries below WARNING."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s %(message)s", "%Y-%m-%dT%H:%M:%S")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL, which contains the bot token; PTB/apscheduler are chatty.
    for name in ("httpx", "httpcore", "apscheduler", "telegram.ext", "tortoise", "aiosqlite"):
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLevelName(level)))
