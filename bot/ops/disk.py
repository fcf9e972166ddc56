"""The disk under the database: warn the operators once when it runs low (used by `ratsbot run`)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path


def database_dir(database_url: str) -> Path:
    """Return the directory whose disk holds the database (SQLite) or the working directory."""
    if database_url.startswith("sqlite://"):
        return Path(database_url[len("sqlite://") :]).resolve().parent
    return Path.cwd()


def disk_warning(free_bytes: int, total_bytes: int) -> str | None:
    """Return the operators' warning when less than 1 GiB or 5 % of the disk is free."""
    if free_bytes >= min(1 << 30, total_bytes // 20):
        return None
    return (
        f"Nur noch {free_bytes / (1 << 20):.0f} MB frei auf dem Datenträger der Datenbank. "
        "Ratsbot läuft weiter; bitte Platz schaffen (alte Backups, Logs)."
    )


class DiskWatch:
    """Warn once when the disk runs low, and again only after it recovered and ran low again."""

    def __init__(self, path: Path, usage: Callable[[Path], tuple[int, int]] | None = None) -> None:
        self.path = path
        self._usage = usage or _disk_usage
        self._warned = False

    def check(self) -> str | None:
        """Return a warning the first time the disk is low; None otherwise."""
        try:
            total, free = self._usage(self.path)
        except OSError:
            return None
        warning = disk_warning(free, total)
        if warning is None:
            self._warned = False
            return None
        if self._warned:
            return None
        self._warned = True
        return warning


def _disk_usage(path: Path) -> tuple[int, int]:
    usage = shutil.disk_usage(path)
    return usage.total, usage.free
