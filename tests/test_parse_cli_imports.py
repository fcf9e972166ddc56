"""`ratsbot parse` stays light: a text PDF is parsed without pdfplumber or the database stack."""

from __future__ import annotations

import subprocess
import sys

from tests.fixtures_path import PDF_FIXTURES

_CHECK = (
    "import sys; from bot.cli import main; main(['parse', '--json', sys.argv[1]]);"
    "print('LOADED=' + ','.join(sorted(m for m in ('pdfplumber', 'pdfminer', 'tortoise',"
    " 'telegram', 'aiohttp', 'importlib.metadata') if m in sys.modules)))"
)


def _loaded(*argv: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", _CHECK, *argv], capture_output=True, text=True, check=True
    )
    line = next(x for x in out.stdout.splitlines() if x.startswith("LOADED="))
    return [name for name in line.removeprefix("LOADED=").split(",") if name]


def test_parse_of_a_one_page_pdf_imports_no_heavy_module() -> None:
    """Parsing a one-page motion loads neither pdfplumber, the database, Telegram nor metadata."""
    assert _loaded(str(PDF_FIXTURES / "Antrag_SozialeStadt_2019-04-20.pdf")) == []
