"""Where the shared real fixtures live (`../shared/fixtures` beside the clone). Path lookup only.

Order: `RATSBOT_SHARED_DIR`, then `shared/` beside the source checkout, then `../shared` and
`./shared` seen from the working directory (an installed wheel has no checkout to look beside).
"""

from __future__ import annotations

import os
from pathlib import Path

SHARED_DIR_ENV = "RATSBOT_SHARED_DIR"


def find_shared_dir() -> Path:
    """Return the first existing candidate for the shared directory (or the first candidate)."""
    configured = os.environ.get(SHARED_DIR_ENV)
    if configured:
        return Path(configured)
    candidates = [
        Path(__file__).resolve().parents[2] / "shared",
        Path.cwd().parent / "shared",
        Path.cwd() / "shared",
    ]
    for candidate in candidates:
        if (candidate / "fixtures").is_dir():
            return candidate
    return candidates[0]


SHARED = find_shared_dir()
FIXTURES = SHARED / "fixtures"
OPARL_FIXTURES = FIXTURES / "oparl"
PDF_FIXTURES = FIXTURES / "pdfs"
TEXT_FIXTURES = FIXTURES / "texts"
