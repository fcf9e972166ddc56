"""A disk cache for the OParl stand-in's parsed datasets, beside the rendered PDFs. I/O.

Building the Karlsruhe dataset reads and re-tokens about 2,600 fixture files: 0.7 s of CPU in
every process that starts its first stand-in (each test worker, each demo start); unpickling
the finished dataset takes 0.06 s. A cached dataset is named by a hash of its name, of the
loader module's source and of every fixture file's path, size and modification time, so a
changed fixture or loader is never served stale. It lives in the PDF cache's directory
(standins/pdf_cache.py) and is read only from a directory that this user owns and nobody else
may write to (it is unpickled); files are written atomically (rename). Deleting it only costs time.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from functools import cache
from pathlib import Path

from standins.pdf_cache import cache_dir, write_whole


@cache
def _fixtures_stamp(root: Path) -> str:
    """Return a digest of every file under `root` (path, size, modification time)."""
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            info = os.stat(path)
            digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _private(directory: Path) -> bool:
    """Return whether `directory` is this user's and writable by nobody else."""
    try:
        info = directory.stat()
    except OSError:
        return False
    owner = os.getuid() if hasattr(os, "getuid") else info.st_uid
    return info.st_uid == owner and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def cached_dataset(
    name: str, root: Path, loader_source: bytes, build: Callable[[], bytes]
) -> bytes:
    """Return the pickled dataset `name` of `root`, from disk when known, else `build()`."""
    key = hashlib.sha256(loader_source)
    key.update(f"\0{name}\0{root.resolve()}\0{_fixtures_stamp(root)}".encode())
    directory = cache_dir()
    path = directory / f"dataset-{key.hexdigest()}.pickle"
    if _private(directory):
        try:
            return path.read_bytes()
        except OSError:
            pass
    data = build()
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if _private(directory):
            write_whole(path, data)
    except OSError:
        pass  # a read-only or full disk only costs the next build
    return data
