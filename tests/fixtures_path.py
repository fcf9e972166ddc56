"""Where the shared real fixtures live (../shared beside the clone). No I/O besides path lookup."""

from __future__ import annotations

import os
from pathlib import Path

SHARED = Path(os.environ.get("RATSBOT_SHARED_DIR", Path(__file__).resolve().parents[2] / "shared"))
FIXTURES = SHARED / "fixtures"
OPARL_FIXTURES = FIXTURES / "oparl"
PDF_FIXTURES = FIXTURES / "pdfs"
TEXT_FIXTURES = FIXTURES / "texts"
