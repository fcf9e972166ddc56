"""What a poll did (pure): the per-Kommune report and its log line, the poll's report, progress."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field


@dataclass
class KommuneReport:
    """What one poll of one Kommune did (the canonical log line)."""

    source: str
    ok: bool = True
    skipped: bool = False
    new: int = 0
    updated: int = 0
    deleted: int = 0
    parsed: int = 0
    parse_failures: int = 0
    meetings: int = 0
    requests: int = 0
    skipped_records: int = 0
    error: str | None = None
    took_s: float = 0.0

    def line(self) -> str:
        """Return the one log line for this unit of work."""
        if self.skipped:
            return f"kommune={self.source} skipped=circuit_open"
        state = "ok" if self.ok else f"error={self.error!r}"
        return (
            f"kommune={self.source} {state} new={self.new} updated={self.updated} "
            f"deleted={self.deleted} parsed={self.parsed} parse_failures={self.parse_failures} "
            f"meetings={self.meetings} skipped_records={self.skipped_records} "
            f"requests={self.requests} took={self.took_s:.1f}s"
        )


@dataclass
class SyncReport:
    """What one poll of every Kommune did."""

    kommunen: list[KommuneReport] = field(default_factory=list)

    @property
    def all_failed(self) -> bool:
        """Return True when every attempted source failed (exit code of `fetch --once`)."""
        tried = [k for k in self.kommunen if not k.skipped]
        return bool(tried) and not any(k.ok for k in tried)


class Progress:
    """Show progress on a terminal (one updating line); silent when not a TTY (logs suffice)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._state: dict[str, str] = {}

    def update(self, source: str, text: str) -> None:
        """Set the status text of one source and redraw."""
        if not self.enabled:
            return
        self._state[source] = text
        line = " | ".join(f"{k}: {v}" for k, v in self._state.items())
        sys.stderr.write("\r\033[K" + line[-200:])
        sys.stderr.flush()

    def done(self) -> None:
        """End the progress line."""
        if self.enabled and self._state:
            sys.stderr.write("\n")
