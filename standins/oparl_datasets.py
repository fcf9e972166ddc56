"""The datasets the local OParl server serves, built from ../shared/fixtures/oparl. Reads files.

    karlsruhe          Somacos, OParl 1.1: 600 real papers, 370 meetings (single objects in the
                       fixture; list pages are built by the server), PDFs from file-contents/*.txt
    huertgenwald       Sternberg SD.NET RIM, OParl 1.0: the real crawl (2,115 papers, 25 a page,
                       ascending by created, typeless tombstones, 404-802 for empty filtered lists)
    augsburg           ALLRIS 4 public, OParl 1.1: System, Body, one Paper, one Meeting
    leipzig-allris-net ALLRIS net, OParl 1.0: Leipzig's old System/Body and a real papers.asp page

All ids are stored with the placeholder origin TOKEN; the server rewrites it to its live base URL.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from standins.dataset_cache import cached_dataset
from standins.fixtures import OPARL_FIXTURES

TOKEN = "http://oparl.invalid"

Json = dict[str, Any]


@dataclass
class ListSpec:
    """One external list: which objects, how pages look."""

    keys: list[str]
    kind: str
    page_param: str = "page"
    base_query: str = ""
    sortable: bool = True


@dataclass
class Dataset:
    """Everything one server serves; keys are paths (with query where ids have one)."""

    name: str
    system_path: str
    body_path: str
    objects: dict[str, Json] = field(default_factory=dict)
    lists: dict[str, ListSpec] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # file path → file id
    file_texts: dict[str, str] = field(default_factory=dict)  # file id → text to render
    page_size: int = 20
    max_limit: int | None = 1000  # None: `limit` answers 400 (Sternberg)
    links: tuple[str, ...] = ("first", "prev", "self", "next", "last")
    tombstones_unfiltered: bool = False
    empty_filtered: str | None = None
    newest_first: bool = True
    paper_list: str = ""
    meeting_list: str = ""


def _retoken(obj: Any, origin: str) -> Any:
    text = json.dumps(obj, ensure_ascii=False).replace(origin, TOKEN)
    return json.loads(text)


def path_of(url: str) -> str:
    """Return the path (with query) of a URL: the key objects and lists are stored under."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _register_files(ds: Dataset, obj: Json, paper_name: str) -> None:
    files = []
    for key in ("mainFile", "invitation", "resultsProtocol", "verbatimProtocol"):
        if isinstance(obj.get(key), dict):
            files.append(obj[key])
    for key in ("auxiliaryFile",):
        value = obj.get(key)
        files.extend(value if isinstance(value, list) else [value] if value else [])
    for item in obj.get("agendaItem") or []:
        if isinstance(item, dict):
            _register_files(ds, item, paper_name)
    for file in files:
        if not isinstance(file, dict) or "id" not in file:
            continue
        file_id = file["id"].rstrip("/").rsplit("/", 1)[-1]
        ds.objects.setdefault(path_of(file["id"]), file)
        ds.file_texts.setdefault(file_id, f"{file.get('name') or ''}\n\n{paper_name}")
        for url_key in ("accessUrl", "downloadUrl"):
            url = file.get(url_key)
            if isinstance(url, str) and url.startswith(TOKEN):
                ds.files[path_of(url)] = file_id


def load_karlsruhe(root: Path) -> Dataset:
    """Build the Karlsruhe dataset (Somacos): System and Body are made up, the rest is real."""
    origin = "https://web1.karlsruhe.de"
    base = "/oparl/bodies/0001"
    ds = Dataset("karlsruhe", system_path="/oparl/system", body_path=base, page_size=20)
    ds.paper_list, ds.meeting_list = f"{base}/papers", f"{base}/meetings"
    ds.objects["/oparl/system"] = {
        "id": f"{TOKEN}/oparl/system",
        "type": "https://schema.oparl.org/1.1/System",
        "oparlVersion": "https://schema.oparl.org/1.1/",
        "body": f"{TOKEN}/oparl/bodies",
        "name": "Schnittstelle OParl 1.1 (lokaler Testserver, Daten: Stadt Karlsruhe)",
        "vendor": "http://www.somacos.de",
        "product": "Sitzungsmanagementsystem Session  Copyright SOMACOS GmbH & Co. KG",
    }
    ds.objects[base] = {
        "id": f"{TOKEN}{base}",
        "type": "https://schema.oparl.org/1.1/Body",
        "system": f"{TOKEN}/oparl/system",
        "name": "Stadt Karlsruhe",
        "shortName": "Karlsruhe",
        "organization": f"{TOKEN}{base}/organizations",
        "person": f"{TOKEN}{base}/people",
        "meeting": f"{TOKEN}{base}/meetings",
        "paper": f"{TOKEN}{base}/papers",
        "consultation": f"{TOKEN}{base}/consultations",
        "legislativeTerm": [],
    }
    ds.lists["/oparl/bodies"] = ListSpec([base], "Body", sortable=False)
    folder = root / "karlsruhe"
    for kind, sub in (("Paper", "papers"), ("Meeting", "meetings")):
        keys = []
        for file in sorted((folder / sub).glob("*.json")):
            obj = _retoken(json.loads(file.read_text("utf-8")), origin)
            key = path_of(obj["id"])
            ds.objects[key] = obj
            keys.append(key)
            _register_files(ds, obj, str(obj.get("name", "")))
        ds.lists[f"{base}/{sub}"] = ListSpec(keys, kind)
    for name, kind, list_path in (
        ("organizations.json", "Organization", "organizations"),
        ("consultations.json", "Consultation", "consultations"),
    ):
        keys = []
        for obj in _retoken(json.loads((folder / name).read_text("utf-8")), origin):
            ds.objects[path_of(obj["id"])] = obj
            keys.append(path_of(obj["id"]))
        ds.lists[f"{base}/{list_path}"] = ListSpec(keys, kind, sortable=False)
    ds.lists[f"{base}/people"] = ListSpec([], "Person", sortable=False)
    for text_file in (folder / "file-contents").glob("*.txt"):
        ds.file_texts[text_file.stem] = text_file.read_text("utf-8")
    return ds


def load_huertgenwald(root: Path) -> Dataset:
    """Build the Hürtgenwald dataset from the real Sternberg crawl (crawl order kept)."""
    origin = "https://sdnetrim.kdvz-frechen.de"
    prefix = "/rim4220/webservice/oparl/v1.0"
    folder = root / "huertgenwald"
    ds = Dataset(
        "huertgenwald",
        system_path=f"{prefix}/system",
        body_path=f"{prefix}/body/1",
        page_size=25,
        max_limit=None,
        tombstones_unfiltered=True,
        empty_filtered="404",
        newest_first=False,
    )
    ds.paper_list, ds.meeting_list = f"{prefix}/body/1/paper", f"{prefix}/body/1/meeting"
    ds.objects[ds.system_path] = _retoken(json.loads((folder / "system.json").read_text()), origin)
    bodies = _retoken(json.loads((folder / "body.json").read_text()), origin)["data"]
    for body in bodies:
        ds.objects[path_of(body["id"])] = body
    ds.lists[f"{prefix}/body"] = ListSpec(
        [path_of(b["id"]) for b in bodies], "Body", sortable=False
    )
    for kind, name in (
        ("Paper", "paper"),
        ("Meeting", "meeting"),
        ("Organization", "organization"),
        ("Person", "person"),
    ):
        pages = [folder / "body/1" / f"{name}.json"]
        pages += sorted(
            (folder / "body/1").glob(f"{name}?page=*.json"),
            key=lambda p: int(p.stem.rsplit("=", 1)[1]),
        )
        keys: list[str] = []
        for page_file in pages:
            page = _retoken(json.loads(page_file.read_text("utf-8")), origin)
            for obj in page["data"]:
                key = path_of(obj["id"])
                if key in ds.objects and key in keys:
                    continue
                ds.objects[key] = obj
                keys.append(key)
                _register_files(ds, obj, str(obj.get("name", "")))
        ds.lists[f"{prefix}/body/1/{name}"] = ListSpec(keys, kind, sortable=False)
    return ds


def load_augsburg(root: Path) -> Dataset:
    """Build the Augsburg dataset (ALLRIS 4 public): one paper, one meeting, ids with queries."""
    origin = "https://www.augsburg.sitzung-online.de"
    folder = root / "augsburg"
    ds = Dataset(
        "augsburg",
        system_path="/public/oparl/system",
        body_path="/public/oparl/bodies?id=1",
        links=("self", "next", "last"),
    )
    ds.paper_list, ds.meeting_list = "/public/oparl/papers", "/public/oparl/meetings"
    system = _retoken(json.loads((folder / "system.json").read_text()), origin)
    body = _retoken(json.loads((folder / "body_1.json").read_text()), origin)
    paper = _retoken(json.loads((folder / "paper_1001737.json").read_text()), origin)
    meeting = _retoken(json.loads((folder / "meeting_1000066.json").read_text()), origin)
    for obj in (system, body, paper, meeting):
        ds.objects[path_of(obj["id"])] = obj
    _register_files(ds, paper, str(paper.get("name")))
    ds.lists["/public/oparl/bodies"] = ListSpec([path_of(body["id"])], "Body", sortable=False)
    ds.lists["/public/oparl/papers"] = ListSpec(
        [path_of(paper["id"])], "Paper", base_query="body=1"
    )
    ds.lists["/public/oparl/meetings"] = ListSpec(
        [path_of(meeting["id"])], "Meeting", base_query="body=1"
    )
    return ds


def load_leipzig_allris_net(root: Path) -> Dataset:
    """Build Leipzig's old ALLRIS net endpoint (OParl 1.0, `*.asp`, `p=` pages, "N/A" values)."""
    origin = "https://ratsinfo.leipzig.de"
    mst = root / "meine-stadt-transparent"
    ds = Dataset(
        "leipzig-allris-net",
        system_path="/bi/oparl/1.0/system.asp",
        body_path="/bi/oparl/1.0/bodies.asp?id=2387",
        links=("first", "prev", "next"),
    )
    ds.paper_list = "/bi/oparl/1.0/papers.asp"
    system = _retoken(json.loads((mst / "testdata/systems/Stadt Leipzig.json").read_text()), origin)
    body = _retoken(json.loads((mst / "testdata/bodies/Stadt Leipzig.json").read_text()), origin)
    page = _retoken(
        json.loads((mst / "extracted/leipzig_old_allris_papers_page_p2.json").read_text()), origin
    )
    ds.objects[ds.system_path] = system
    ds.objects[path_of(body["id"])] = body
    ds.lists["/bi/oparl/1.0/bodies.asp"] = ListSpec([path_of(body["id"])], "Body", sortable=False)
    keys = []
    for obj in page["data"]:
        ds.objects[path_of(obj["id"])] = obj
        keys.append(path_of(obj["id"]))
        _register_files(ds, obj, str(obj.get("name", "")))
    ds.lists[ds.paper_list] = ListSpec(keys, "Paper", page_param="p", base_query="body=2387")
    return ds


LOADERS: dict[str, Callable[[Path], Dataset]] = {
    "karlsruhe": load_karlsruhe,
    "huertgenwald": load_huertgenwald,
    "augsburg": load_augsburg,
    "leipzig-allris-net": load_leipzig_allris_net,
}
# Each dataset is parsed once (standins/dataset_cache.py keeps it on disk for later processes)
# and kept pickled: a server may change its copy (faults, a published paper), so every call
# unpickles a fresh one (Karlsruhe: 0.07 s, where deepcopy took 0.2 s on every stand-in start).
_DATASET_CACHE: dict[tuple[str, Path], bytes] = {}


def load_dataset(name: str, root: Path = OPARL_FIXTURES) -> Dataset:
    """Return a fresh copy of a dataset (parsed once per process)."""
    key = (name, root)
    if key not in _DATASET_CACHE:
        _DATASET_CACHE[key] = cached_dataset(
            name,
            root,
            Path(__file__).read_bytes(),
            lambda: pickle.dumps(LOADERS[name](root), protocol=pickle.HIGHEST_PROTOCOL),
        )
    dataset: Dataset = pickle.loads(_DATASET_CACHE[key])
    return dataset
