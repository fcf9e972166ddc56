"""A disk cache for the stand-ins' rendered PDFs: same input, same bytes, rendered once. I/O.

fpdf2 needs about half a second per document (font subsetting), and the OParl stand-in serves
dozens per sync; every test process and every demo start would render them again. A cached file
is named by a hash of the input, of the rendering function's source and of the fpdf2 version,
so a changed renderer never serves stale bytes; files are written atomically (rename), so
parallel test workers share them safely. Directory: `RATSBOT_PDF_CACHE_DIR`, else
`<temp dir>/ratsbot-pdf-cache-<uid>`; deleting it only costs time.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

CACHE_DIR_ENV = "RATSBOT_PDF_CACHE_DIR"


def cache_dir() -> Path:
    """Return the cache directory (not created)."""
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured:
        return Path(configured)
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"ratsbot-pdf-cache-{uid}"


@cache
def _renderer_stamp(function: Callable[..., object]) -> str:
    # fpdf2's version from its metadata (the same string as fpdf.FPDF_VERSION): a cache hit
    # never imports fpdf2, whose import costs about 0.6 s of CPU.
    from importlib.metadata import version

    return f"{version('fpdf2')}\0{inspect.getsource(function)}"


def cached_pdf(renderer: Callable[..., object], inputs: str, render: Callable[[], bytes]) -> bytes:
    """Return the bytes `render()` makes for `inputs` with `renderer`, from disk when known."""
    digest = hashlib.sha256(f"{_renderer_stamp(renderer)}\0{inputs}".encode()).hexdigest()
    path = cache_dir() / f"{digest}.pdf"
    try:
        return path.read_bytes()
    except OSError:
        pass
    data = render()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_whole(path, data)
    except OSError:
        pass  # a read-only or full disk only costs the next render
    return data


def write_whole(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file, so that readers never see a part."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(tmp, path)
