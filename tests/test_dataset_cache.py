"""The OParl stand-in's dataset disk cache (standins/dataset_cache.py), on copied real fixtures."""

from __future__ import annotations

import pickle
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from standins import dataset_cache
from standins.dataset_cache import cached_dataset
from standins.oparl_datasets import LOADERS, Dataset
from tests.fixtures_path import OPARL_FIXTURES

# The files load_leipzig_allris_net reads, copied so that the test may change one.
LEIPZIG_FILES = (
    "meine-stadt-transparent/testdata/systems/Stadt Leipzig.json",
    "meine-stadt-transparent/testdata/bodies/Stadt Leipzig.json",
    "meine-stadt-transparent/extracted/leipzig_old_allris_papers_page_p2.json",
)
SOURCE = b"loader source"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fixture root with Leipzig's files, and a private cache directory."""
    root = tmp_path / "oparl"
    for name in LEIPZIG_FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(OPARL_FIXTURES / name, root / name)
    monkeypatch.setenv("RATSBOT_PDF_CACHE_DIR", str(tmp_path / "cache"))
    dataset_cache._fixtures_stamp.cache_clear()
    yield root
    dataset_cache._fixtures_stamp.cache_clear()


class Builds:
    """Build the Leipzig dataset of `root`, counting the builds."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.count = 0

    def __call__(self) -> bytes:
        self.count += 1
        return pickle.dumps(LOADERS["leipzig-allris-net"](self.root))


def _load(root: Path, build: Builds, source: bytes = SOURCE) -> Dataset:
    dataset: Dataset = pickle.loads(cached_dataset("leipzig-allris-net", root, source, build))
    return dataset


def test_a_cached_dataset_equals_a_fresh_build(root: Path) -> None:
    """The second load comes from disk without a build and has the same objects and lists."""
    build = Builds(root)
    first, second = _load(root, build), _load(root, build)
    assert build.count == 1
    fresh = LOADERS["leipzig-allris-net"](root)
    assert second.objects == fresh.objects == first.objects
    assert second.lists == fresh.lists
    assert len(second.objects) > 2  # system, body and the page's papers


def test_a_changed_fixture_or_loader_is_built_again(root: Path) -> None:
    """Another size of a fixture file, or another loader source, is never served from disk."""
    build = Builds(root)
    _load(root, build)
    body = root / LEIPZIG_FILES[1]
    body.write_text(body.read_text("utf-8").replace("Stadt Leipzig", "Stadt Leipzig (neu)"))
    dataset_cache._fixtures_stamp.cache_clear()  # a new process sees the changed file
    changed = _load(root, build)
    assert build.count == 2
    assert any(o.get("name") == "Stadt Leipzig (neu)" for o in changed.objects.values())
    _load(root, build, source=b"another loader")
    assert build.count == 3


def test_a_directory_others_may_write_to_is_not_read(root: Path, tmp_path: Path) -> None:
    """A cache directory writable by the group is never unpickled from (nor written to)."""
    build = Builds(root)
    _load(root, build)
    (tmp_path / "cache").chmod(0o777)
    _load(root, build)
    assert build.count == 2
