"""The wheel, installed into a fresh venv outside the repository, runs on its own."""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from pathlib import Path

from tests.fixtures_path import PDF_FIXTURES, SHARED
from tests.installed import ROOT, Installed

WHERE = "bot.__file__, standins.__file__"


def _run(installed: Installed, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RATSBOT_SHARED_DIR": str(SHARED), "PYTHONIOENCODING": "utf-8"}
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        [str(installed.ratsbot), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_wheel_carries_license_data_and_migrations(installed_wheel: Installed) -> None:
    """The wheel holds the four packages, the endpoint list, the migrations and the licence."""
    names = zipfile.ZipFile(installed_wheel.wheel).namelist()
    for package in ("bot", "fetcher", "storage", "standins"):
        assert f"{package}/__init__.py" in names
    assert "fetcher/data/endpoints.json" in names
    assert any(n.startswith("storage/migrations/") and n.endswith(".py") for n in names)
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    assert (
        "License-Expression: MIT" in zipfile.ZipFile(installed_wheel.wheel).read(metadata).decode()
    )


def test_version_and_packages_come_from_the_venv(
    installed_wheel: Installed, tmp_path: Path
) -> None:
    """`ratsbot --version` names the version; the packages are imported from the venv, not the
    repository."""
    result = _run(installed_wheel, tmp_path, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ratsbot 0.1.0"
    where = subprocess.run(
        [
            str(installed_wheel.python),
            "-c",
            "import bot, standins; print(bot.__file__, standins.__file__)",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(installed_wheel.venv) in where
    assert str(ROOT) not in where


def test_parse_json_from_another_directory(installed_wheel: Installed, tmp_path: Path) -> None:
    """`ratsbot parse --json` reads the real Stuttgart answer (values read off the PDF)."""
    pdf = PDF_FIXTURES / "Antwort_Anfrage_23-2018_Stuttgart.pdf"
    result = _run(installed_wheel, tmp_path, "parse", str(pdf), "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["kind"] == "Antwort"
    assert doc["reference"] == "23/2018"
    assert doc["title"] == "S-21 neuer Fertigstellungstermin - Auswirkungen für die Bürger"
    assert doc["factions"] == ["AfD"]
    assert doc["pages"] == 3
