"""Build the wheel and install it into a fresh venv outside the repository (tests that need it).

Offline and fast: the venv is created without pip, the wheel is installed into it with this
interpreter's pip (`--python`, `--no-deps`, `--no-index`), and a `.pth` line makes the
dependencies importable from the development venv's site-packages. Only the wheel provides
`bot`, `fetcher`, `storage` and `standins` there: the development venv's editable install is a
path hook that a plain `.pth` path line does not activate, and the test checks where the
packages were imported from.
"""

from __future__ import annotations

import fcntl
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("bot", "fetcher", "storage", "standins", "pyproject.toml", "README.md", "LICENSE")


@dataclass(frozen=True)
class Installed:
    """A fresh venv with the ratsbot wheel installed."""

    venv: Path
    wheel: Path

    @property
    def ratsbot(self) -> Path:
        """Return the console script the wheel installed."""
        return self.venv / "bin" / "ratsbot"

    @property
    def python(self) -> Path:
        """Return the venv's interpreter."""
        return self.venv / "bin" / "python"


def build_once(work: Path) -> Installed:
    """Build and install into `work` unless another process did already (pytest-xdist workers
    of one run share `work`; a file lock makes the others wait for the first)."""
    work.mkdir(parents=True, exist_ok=True)
    done = work / "installed.txt"
    with (work / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not done.is_file():
            installed = build_and_install(work / "build")
            done.write_text(f"{installed.venv}\n{installed.wheel}\n", encoding="utf-8")
    venv, wheel = done.read_text(encoding="utf-8").splitlines()
    return Installed(Path(venv), Path(wheel))


def build_and_install(work: Path) -> Installed:
    """Copy the sources to `work`, build the wheel there, install it into `work/venv`."""
    source = work / "source"
    source.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=ignore)
        else:
            shutil.copy2(path, source / name)
    dist = work / "dist"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(source)],
        cwd=work,
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("ratsbot-*.whl"))
    venv = work / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, capture_output=True
    )
    python = venv / "bin" / "python"
    subprocess.run(
        [*pip, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)],
        cwd=work,
        check=True,
        capture_output=True,
    )
    target = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(target) / "ratsbot-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return Installed(venv, wheel)
