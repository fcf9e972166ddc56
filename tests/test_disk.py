"""The disk watch tells operators once when the database's disk runs low (pure logic)."""

from __future__ import annotations

from pathlib import Path

from bot.ops.disk import DiskWatch, database_dir, disk_warning

GIB = 1 << 30


def test_warning_below_one_gib_or_five_percent() -> None:
    """Less than min(1 GiB, 5 %) free warns; more does not."""
    assert disk_warning(2 * GIB, 100 * GIB) is None
    assert disk_warning(GIB // 2, 100 * GIB) is not None
    # on a small disk 5 % is the bar: 600 MB free of 10 GiB is fine
    assert disk_warning(600 << 20, 10 * GIB) is None
    assert disk_warning(400 << 20, 10 * GIB) is not None


def test_warns_once_until_recovered() -> None:
    """One warning per low-disk episode, not one per check."""
    free = [GIB // 4]
    watch = DiskWatch(Path("/"), usage=lambda _: (100 * GIB, free[0]))
    first = watch.check()
    assert first is not None
    assert "256 MB frei" in first
    assert watch.check() is None
    free[0] = 10 * GIB
    assert watch.check() is None
    free[0] = GIB // 4
    assert watch.check() is not None


def test_database_dir_of_sqlite_url(tmp_path: Path) -> None:
    """The disk watched is the SQLite file's directory."""
    assert database_dir(f"sqlite://{tmp_path}/db/r.sqlite3") == tmp_path / "db"
