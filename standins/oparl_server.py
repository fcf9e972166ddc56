"""Local OParl server for tests, the bench and the demo: real fixture data, switchable faults. I/O.

Serves one dataset from ../shared/fixtures/oparl on 127.0.0.1 with correct pagination, filters,
ordering, PDFs and the faults real servers show (OPARL-NOTES.md §5.7):

    karlsruhe          Somacos, OParl 1.1: 600 real papers, 370 meetings (single objects in the
                       fixture; list pages are built here), PDFs rendered from file-contents/*.txt
    huertgenwald       Sternberg SD.NET RIM, OParl 1.0: the real crawl (2,115 papers, 25 a page,
                       ascending by created, typeless tombstones, 404-802 for empty filtered lists)
    augsburg           ALLRIS 4 public, OParl 1.1: System, Body, one Paper, one Meeting
    leipzig-allris-net ALLRIS net, OParl 1.0: Leipzig's old System/Body and a real papers.asp page

Use as `async with OParlServer("karlsruhe") as server: …` (port 0) or standalone for the demo:
`python -m standins.oparl_server --dataset karlsruhe --port 8081 [--latency-ms 50]`. Standalone,
`POST /_admin/papers` (JSON paper, optional "pdf_text") publishes a new paper,
`POST /_admin/faults` (JSON fields of Faults) switches faults, `GET /_admin/requests` counts.

All ids are stored with the placeholder origin TOKEN and rewritten to the live base URL on output.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import copy
import json
import re
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

from aiohttp import web

from fetcher.clock import BERLIN
from standins.fixtures import OPARL_FIXTURES
from standins.pdf_cache import cached_pdf

TOKEN = "http://oparl.invalid"
# What a client must allow (HTTP_ALLOW_NETWORKS) to talk to this server on 127.0.0.1: loopback
# is refused by default (fetcher.netguard).
LOCAL_NETWORKS = "127.0.0.0/8,::1/128"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")

Json = dict[str, Any]


@dataclass
class Faults:
    """Switchable misbehaviour; every field defaults to "behave"."""

    fail_next: int = 0  # answer the next N requests (matching fail_path_prefix) with fail_status
    fail_status: int = 500
    fail_path_prefix: str = ""
    retry_after: str | None = None  # Retry-After header sent with fail_status
    latency_s: float = 0.0  # added to every request (the bench uses 0.05)
    hang_next: int = 0  # the next N requests sleep hang_s before answering (client timeouts)
    hang_s: float = 5.0
    truncate_next: int = 0  # the next N JSON answers are cut in half (HTTP 200)
    pagination_loop: bool = False  # page 2's next points back to page 1
    same_page_everywhere: bool = False  # OWL-IT: every ?page=n serves page 1, next says n+1
    ignore_modified_since: bool = False  # more! rubin: filters ignored and dropped from links
    drop_filters_from_next: bool = False  # ALLRIS 4 / Somacos: links.next loses the filters
    pdf_html_error: bool = False  # file URLs answer an HTML error page with HTTP 200
    empty_filtered: str | None = None  # "404" (Sternberg code 802) or "bare" ([]) if empty
    control_characters: bool = False  # raw U+000B inside paper names (ALLRIS net)
    error_object_200: bool = False  # unknown paths: 1.0 Error object with HTTP 200 (more! rubin)
    html_200_lists: bool = False  # list URLs answer an HTML page with HTTP 200 (Aachen)
    dead_prefixes: dict[str, int] = field(default_factory=dict)  # path prefix → status forever
    # Past its real end the paper list goes on forever: every further page holds brand-new
    # papers and a `next`, while pagination keeps the real counts (issue #18's runaway list).
    endless_list: bool = False


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


# ---------------------------------------------------------------------------------------------
# Loading the fixture folders
# ---------------------------------------------------------------------------------------------


def _retoken(obj: Any, origin: str) -> Any:
    text = json.dumps(obj, ensure_ascii=False).replace(origin, TOKEN)
    return json.loads(text)


def _path(url: str) -> str:
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
        ds.objects.setdefault(_path(file["id"]), file)
        ds.file_texts.setdefault(file_id, f"{file.get('name') or ''}\n\n{paper_name}")
        for url_key in ("accessUrl", "downloadUrl"):
            url = file.get(url_key)
            if isinstance(url, str) and url.startswith(TOKEN):
                ds.files[_path(url)] = file_id


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
            key = _path(obj["id"])
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
            ds.objects[_path(obj["id"])] = obj
            keys.append(_path(obj["id"]))
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
        ds.objects[_path(body["id"])] = body
    ds.lists[f"{prefix}/body"] = ListSpec([_path(b["id"]) for b in bodies], "Body", sortable=False)
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
                key = _path(obj["id"])
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
        ds.objects[_path(obj["id"])] = obj
    _register_files(ds, paper, str(paper.get("name")))
    ds.lists["/public/oparl/bodies"] = ListSpec([_path(body["id"])], "Body", sortable=False)
    ds.lists["/public/oparl/papers"] = ListSpec([_path(paper["id"])], "Paper", base_query="body=1")
    ds.lists["/public/oparl/meetings"] = ListSpec(
        [_path(meeting["id"])], "Meeting", base_query="body=1"
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
    ds.objects[_path(body["id"])] = body
    ds.lists["/bi/oparl/1.0/bodies.asp"] = ListSpec([_path(body["id"])], "Body", sortable=False)
    keys = []
    for obj in page["data"]:
        ds.objects[_path(obj["id"])] = obj
        keys.append(_path(obj["id"]))
        _register_files(ds, obj, str(obj.get("name", "")))
    ds.lists[ds.paper_list] = ListSpec(keys, "Paper", page_param="p", base_query="body=2387")
    return ds


LOADERS: dict[str, Callable[[Path], Dataset]] = {
    "karlsruhe": load_karlsruhe,
    "huertgenwald": load_huertgenwald,
    "augsburg": load_augsburg,
    "leipzig-allris-net": load_leipzig_allris_net,
}
_DATASET_CACHE: dict[tuple[str, Path], Dataset] = {}
_PDF_CACHE: dict[tuple[str, str], bytes] = {}
_PDF_LOCK = threading.Lock()


def load_dataset(name: str, root: Path = OPARL_FIXTURES) -> Dataset:
    """Return a fresh copy of a dataset (parsed once per process)."""
    key = (name, root)
    if key not in _DATASET_CACHE:
        _DATASET_CACHE[key] = LOADERS[name](root)
    return copy.deepcopy(_DATASET_CACHE[key])


def render_pdf(text: str, title: str = "") -> bytes:
    """Render text into a real PDF with DejaVuSans (fpdf2); same input, same bytes (cached)."""
    key = (title, text)
    with _PDF_LOCK:
        if key in _PDF_CACHE:
            return _PDF_CACHE[key]
    data = cached_pdf(_render_pdf, f"{title}\0{text}", lambda: _render_pdf(text, title))
    with _PDF_LOCK:
        _PDF_CACHE[key] = data
    return data


def _render_pdf(text: str, title: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.set_font("DejaVu", size=10)
    clean = "".join(c if c >= " " or c == "\n" else " " for c in (title + "\n\n" + text).strip())
    pdf.multi_cell(0, 5, clean or " ")
    return bytes(pdf.output())


# ---------------------------------------------------------------------------------------------
# Pure helpers for list pages
# ---------------------------------------------------------------------------------------------


def _parse_time(value: str) -> datetime | None:
    value = value.strip()
    # Köln-style unencoded "+" arrives as a space (OPARL-NOTES.md §4.4): accept it like Somacos.
    value = re.sub(r" (\d{2}:\d{2})$", r"+\1", value)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=BERLIN)


def _sort_key(obj: Json) -> tuple[str, str, int]:
    when = str(obj.get("date") or obj.get("start") or obj.get("created") or "")[:19]
    number = re.findall(r"\d+", str(obj.get("id", "")))
    return when, str(obj.get("created", "")), int(number[-1]) if number else 0


def _junk_paper(oparl_id: str) -> Json:
    now = _now_iso()
    return {
        "id": oparl_id,
        "type": "https://schema.oparl.org/1.1/Paper",
        "name": "Endlosliste",
        "reference": oparl_id.rsplit("/endless/", 1)[-1],
        "date": now[:10],
        "created": now,
        "modified": now,
    }


def _now_iso() -> str:
    return datetime.now(BERLIN).replace(microsecond=0).isoformat()


# ---------------------------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------------------------


class OParlServer:
    """A local OParl server on 127.0.0.1 serving one dataset; see the module docstring."""

    def __init__(
        self,
        dataset: str = "karlsruhe",
        *,
        newest_first: bool | None = None,
        page_size: int | None = None,
        faults: Faults | None = None,
        ris_prefix: bool = False,
        host: str = "127.0.0.1",
        port: int = 0,
        fixtures: Path = OPARL_FIXTURES,
    ) -> None:
        self.data = load_dataset(dataset, fixtures)
        self.newest_first = self.data.newest_first if newest_first is None else newest_first
        self.page_size = page_size or self.data.page_size
        self.faults = faults or Faults(empty_filtered=self.data.empty_filtered)
        # Karlsruhe: ids say /oparl/ but only /ris/oparl/ answers (OPARL-NOTES.md §4.4).
        self.ris_prefix = ris_prefix
        self.host = host
        self.port = port
        self.requests: Counter[str] = Counter()
        self.request_log: list[str] = []
        self.base_url = ""
        self._runner: web.AppRunner | None = None
        self._next_number = 900000

    # -- lifecycle --------------------------------------------------------------------------

    async def __aenter__(self) -> OParlServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def start(self) -> None:
        """Bind and serve; `base_url` is set afterwards."""
        app = web.Application()
        app.router.add_route("*", "/_admin/{what}", self._admin)
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self.base_url = f"http://{self.host}:{self.port}"

    async def close(self) -> None:
        """Stop serving."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # -- URLs and counters ------------------------------------------------------------------

    def url(self, path: str) -> str:
        """Return the live URL of a path (as clients should request it)."""
        prefix = "/ris" if self.ris_prefix else ""
        return f"{self.base_url}{prefix}{path}"

    @property
    def system_url(self) -> str:
        """Return the System URL of the dataset."""
        return self.url(self.data.system_path)

    @property
    def paper_list_url(self) -> str:
        """Return the id of the Body's paper list (as the Body object states it)."""
        return f"{self.base_url}{self.data.paper_list}" + self._base_query(self.data.paper_list)

    @property
    def meeting_list_url(self) -> str:
        """Return the id of the Body's meeting list."""
        return f"{self.base_url}{self.data.meeting_list}" + self._base_query(self.data.meeting_list)

    def _base_query(self, list_path: str) -> str:
        spec = self.data.lists.get(list_path)
        return f"?{spec.base_query}" if spec and spec.base_query else ""

    def reset_counts(self) -> None:
        """Forget the request counters."""
        self.requests.clear()
        self.request_log.clear()

    def request_total(self, path_prefix: str = "") -> int:
        """Return how many requests hit paths starting with `path_prefix`."""
        return sum(n for path, n in self.requests.items() if path.startswith(path_prefix))

    def to_live(self, obj: Any) -> Any:
        """Return an object as served (placeholder origin replaced by the live base URL)."""
        return json.loads(json.dumps(obj, ensure_ascii=False).replace(TOKEN, self.base_url))

    # -- runtime changes --------------------------------------------------------------------

    def paper_ids(self) -> list[str]:
        """Return the live ids of all papers (including tombstones), in list order."""
        spec = self.data.lists[self.data.paper_list]
        return [self.base_url + key for key in self._ordered(spec)]

    def add_paper(self, obj: Json, pdf_bytes: bytes | None = None) -> Json:
        """Publish a new paper (newest: created/modified = now); return it as served.

        With `pdf_bytes` the paper gets a file whose accessUrl serves exactly those bytes.
        """
        paper = json.loads(json.dumps(obj, ensure_ascii=False).replace(self.base_url, TOKEN))
        self._next_number += 1
        number = self._next_number
        sep = "&" if "?" in self.data.paper_list else "/"
        paper.setdefault("id", f"{TOKEN}{self.data.paper_list}{sep}{number}")
        paper.setdefault("type", "https://schema.oparl.org/1.1/Paper")
        paper.setdefault("body", f"{TOKEN}{self.data.body_path}")
        now = _now_iso()
        paper.setdefault("created", now)
        paper.setdefault("modified", now)
        paper.setdefault("date", now[:10])
        if pdf_bytes is not None:
            file_id = str(number)
            access = f"{self.data.body_path}/downloadfiles/a/{number:08d}.pdf"
            paper.setdefault("auxiliaryFile", []).insert(
                0,
                {
                    "id": f"{TOKEN}{self.data.body_path}/files/{file_id}",
                    "type": "https://schema.oparl.org/1.1/File",
                    "name": str(paper.get("paperType") or "Dokument"),
                    "fileName": f"{number:08d}.pdf",
                    "mimeType": "application/pdf",
                    "accessUrl": f"{TOKEN}{access}",
                    "created": now,
                    "modified": now,
                },
            )
            self.data.files[access] = file_id
            _PDF_CACHE[("", f"raw:{file_id}")] = pdf_bytes
            self.data.file_texts[file_id] = f"raw:{file_id}"
        key = _path(paper["id"])
        self.data.objects[key] = paper
        self.data.lists[self.data.paper_list].keys.append(key)
        return self.to_live(paper)  # type: ignore[no-any-return]

    def add_raw_paper(self, obj: Json) -> None:
        """Put an object into the paper list exactly as given, even without a usable id.

        For poison-record tests: missing or non-string ids, duplicates of a real paper's id,
        over-long fields. The object is served with the placeholder origin rewritten.
        """
        self._next_number += 1
        key = f"/_raw/{self._next_number}"
        self.data.objects[key] = copy.deepcopy(obj)
        self.data.lists[self.data.paper_list].keys.append(key)

    def add_list(
        self, path: str, kind: str, *, page_param: str = "page", base_query: str = ""
    ) -> None:
        """Serve an empty external list at `path` (e.g. a list the Body names but the dataset
        lacks); a "Meeting" list becomes the dataset's meeting list (`add_meeting`)."""
        self.data.lists[path] = ListSpec([], kind, page_param=page_param, base_query=base_query)
        if kind == "Meeting":
            self.data.meeting_list = path

    def add_file(self, access_path: str, pdf_bytes: bytes) -> str:
        """Serve exactly `pdf_bytes` at `access_path` (path with query); return its live URL."""
        file_id = f"file:{access_path}"
        self.data.files[access_path] = file_id
        with _PDF_LOCK:
            _PDF_CACHE[("", f"raw:{file_id}")] = pdf_bytes
        self.data.file_texts[file_id] = f"raw:{file_id}"
        return self.base_url + access_path

    def add_meeting(self, obj: Json) -> Json:
        """Publish a meeting in the meeting list (created/modified = now unless given).

        `obj` needs an `id`; live URLs in it are stored with the placeholder origin.
        """
        if not self.data.meeting_list:
            raise ValueError(f"dataset {self.data.name} has no meeting list (add_list first)")
        meeting = json.loads(json.dumps(obj, ensure_ascii=False).replace(self.base_url, TOKEN))
        now = _now_iso()
        meeting.setdefault("type", "https://schema.oparl.org/1.1/Meeting")
        meeting.setdefault("created", now)
        meeting.setdefault("modified", now)
        key = _path(meeting["id"])
        self.data.objects[key] = meeting
        self.data.lists[self.data.meeting_list].keys.append(key)
        return self.to_live(meeting)  # type: ignore[no-any-return]

    def delete_paper(self, paper_id: str) -> None:
        """Turn a paper into a tombstone (spec 2-08: stays at its URL, deleted: true)."""
        key = _path(paper_id.replace(self.base_url, TOKEN))
        old = self.data.objects[key]
        self.data.objects[key] = {
            "id": old["id"],
            "type": old.get("type", "https://schema.oparl.org/1.1/Paper"),
            "created": old.get("created", _now_iso()),
            "modified": _now_iso(),
            "deleted": True,
            # Karlsruhe keeps empty strings on tombstones (OPARL-NOTES.md §1.5).
            "name": "",
            "paperType": "",
            "reference": "",
        }

    def touch_paper(self, paper_id: str, **changes: Any) -> None:
        """Change a paper's fields and bump its `modified`."""
        key = _path(paper_id.replace(self.base_url, TOKEN))
        self.data.objects[key] = {**self.data.objects[key], **changes, "modified": _now_iso()}

    # -- request handling -------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        self.requests[path] += 1
        self.request_log.append(request.path_qs)
        faults = self.faults
        if faults.latency_s:
            await asyncio.sleep(faults.latency_s)
        if faults.hang_next > 0:
            faults.hang_next -= 1
            await asyncio.sleep(faults.hang_s)
        for prefix, status in faults.dead_prefixes.items():
            if path.startswith(prefix):
                return web.Response(status=status, text="Internal Server Error")
        if faults.fail_next > 0 and path.startswith(faults.fail_path_prefix):
            faults.fail_next -= 1
            headers = {"Retry-After": faults.retry_after} if faults.retry_after else {}
            return web.Response(
                status=faults.fail_status, text="Service Unavailable", headers=headers
            )
        if self.ris_prefix:
            if not path.startswith("/ris/"):
                return self._json({"error": "not found"}, status=404)
            path = path[len("/ris") :]
        query = parse_qsl(request.query_string, keep_blank_values=True)
        object_query = "&".join(f"{k}={v}" for k, v in query if k not in FILTERS)
        full = path + (f"?{object_query}" if object_query else "")
        if full in self.data.files or path in self.data.files:
            return self._file(self.data.files.get(full) or self.data.files[path])
        if path in self.data.lists and not any(k == "id" for k, _ in query):
            return self._list_page(path, dict(query))
        obj = self.data.objects.get(full) or self.data.objects.get(path)
        if obj is not None:
            return self._json(obj)
        if faults.error_object_200:
            return self._json(
                {
                    "type": "https://schema.oparl.org/1.0/Error",
                    "message": "Requested class doesn't exist.",
                    "debug": "Error-Code 101",
                }
            )
        return self._json(
            {"type": "https://schema.oparl.org/1.1/Error", "message": "Not found"}, status=404
        )

    def _json(
        self, obj: Any, status: int = 200, content_type: str = "application/json"
    ) -> web.Response:
        text = json.dumps(obj, ensure_ascii=False).replace(TOKEN, self.base_url)
        if self.faults.control_characters:
            text = text.replace("\\u000b", "\x0b")
        if self.faults.truncate_next > 0 and status == 200:
            self.faults.truncate_next -= 1
            text = text[: len(text) // 2]
        return web.Response(
            status=status, body=text.encode("utf-8"), content_type=content_type, charset="utf-8"
        )

    def _file(self, file_id: str) -> web.Response:
        if self.faults.pdf_html_error:
            html = (
                "<!DOCTYPE html><html><head><title>Fehler</title></head><body>"
                "<h1>Das Dokument ist zurzeit nicht verfügbar.</h1></body></html>"
            )
            return web.Response(text=html, content_type="text/html")
        text = self.data.file_texts.get(file_id, f"Dokument {file_id}")
        body = _PDF_CACHE[("", text)] if text.startswith("raw:") else render_pdf(text)
        return web.Response(body=body, content_type="application/pdf")

    def _ordered(self, spec: ListSpec) -> list[str]:
        if not spec.sortable:
            keys = list(spec.keys)
            return keys if self.newest_first == self.data.newest_first else keys[::-1]
        keys = sorted(spec.keys, key=lambda k: _sort_key(self.data.objects[k]))
        return keys[::-1] if self.newest_first else keys

    def _list_page(self, path: str, query: dict[str, str]) -> web.Response:
        spec = self.data.lists[path]
        faults = self.faults
        if faults.html_200_lists:
            html = "<!-- Fehler -->\n<html><body>Ein Fehler ist aufgetreten.</body></html>"
            return web.Response(text=html, content_type="text/html")
        if "limit" in query and self.data.max_limit is None:
            return self._json({"error": "limit is not supported", "code": 400}, status=400)
        size = self.page_size
        if "limit" in query and query["limit"].isdigit():
            size = max(1, min(int(query["limit"]), self.data.max_limit or size))
        page_raw = query.get(spec.page_param, "1")
        page = int(page_raw) if page_raw.isdigit() and int(page_raw) > 0 else 1
        filters = {k: query[k] for k in FILTERS if k in query}
        if faults.ignore_modified_since:
            filters = {}
        bounds: dict[str, datetime] = {}
        for key, value in filters.items():
            parsed = _parse_time(value)
            if parsed is None:
                return self._json({"error": f"bad {key}"}, status=400)
            bounds[key] = parsed
        items = [self.data.objects[k] for k in self._ordered(spec)]
        if not bounds and not self.data.tombstones_unfiltered:
            items = [o for o in items if o.get("deleted") is not True]
        items = [o for o in items if self._matches(o, bounds)]
        if bounds and not items and faults.empty_filtered == "404":
            return self._json(
                {
                    "error": "Die angeforderte Ressource wurde nicht gefunden.",
                    "code": 802,
                    "type": "SD.NET RIM Webservice",
                },
                status=404,
                content_type="text/html",
            )
        if bounds and not items and faults.empty_filtered == "bare":
            return self._json([])
        total_pages = max(1, -(-len(items) // size))
        shown_page = 1 if faults.same_page_everywhere else page
        chunk = items[(shown_page - 1) * size : shown_page * size]
        if faults.endless_list and spec.kind == "Paper" and page > total_pages:
            chunk = [_junk_paper(f"{TOKEN}{path}/endless/{page}/{i}") for i in range(size)]
        if faults.control_characters:
            chunk = [
                {**o, "name": f"{o['name']}\x0b(Steuerzeichen)"} if "name" in o else o
                for o in chunk
            ]

        def link(n: int, keep_filters: bool = True) -> str:
            parts = [spec.base_query] if spec.base_query else []
            parts.append(f"{spec.page_param}={n}")
            if keep_filters and not faults.ignore_modified_since:
                parts += [f"{k}={quote(v, safe='')}" for k, v in filters.items()]
            if "limit" in query:
                parts.append(f"limit={size}")
            return f"{TOKEN}{path}?{'&'.join(parts)}"

        links: dict[str, str] = {}
        wanted = self.data.links
        if "first" in wanted:
            links["first"] = link(1)
        if "self" in wanted:
            links["self"] = link(page)
        if "prev" in wanted and page > 1:
            links["prev"] = link(page - 1)
        if "last" in wanted:
            links["last"] = link(total_pages)
        endless = faults.endless_list and spec.kind == "Paper"
        if page < total_pages or faults.same_page_everywhere or endless:
            target = page + 1
            if faults.pagination_loop and page == 2:
                target = 1
            links["next"] = link(target, keep_filters=not faults.drop_filters_from_next)
        body = {
            "data": chunk,
            "pagination": {
                "totalElements": len(items),
                "elementsPerPage": size,
                "currentPage": page,
                "totalPages": total_pages,
            },
            "links": links,
        }
        return self._json(body)

    @staticmethod
    def _matches(obj: Json, bounds: dict[str, datetime]) -> bool:
        for key, bound in bounds.items():
            stamp = _parse_time(str(obj.get(key.split("_")[0], "")))
            if stamp is None:
                return False
            if key.endswith("_since") and stamp < bound:
                return False
            if key.endswith("_until") and stamp > bound:
                return False
        return True

    async def _admin(self, request: web.Request) -> web.Response:
        what = request.match_info["what"]
        if what == "requests":
            return web.json_response({"total": len(self.request_log), "by_path": self.requests})
        if request.method != "POST":
            return web.json_response({"error": "POST only"}, status=405)
        payload = await request.json()
        if what == "papers":
            text = payload.pop("pdf_text", None)
            pdf = render_pdf(text, str(payload.get("name", ""))) if text else None
            return web.json_response(self.add_paper(payload, pdf_bytes=pdf))
        if what == "faults":
            names = {f.name for f in fields(Faults)}
            for key, value in payload.items():
                if key not in names:
                    return web.json_response({"error": f"unknown fault {key}"}, status=400)
                setattr(self.faults, key, value)
            return web.json_response({"ok": True})
        return web.json_response({"error": "unknown admin action"}, status=404)


async def _serve_forever(args: argparse.Namespace) -> None:
    server = OParlServer(
        args.dataset,
        newest_first=not args.oldest_first,
        page_size=args.page_size,
        host=args.host,
        port=args.port,
        faults=Faults(latency_s=args.latency_ms / 1000.0),
    )
    await server.start()
    print(f"OParl test server ({args.dataset}) on {server.system_url}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await server.close()


def main(argv: list[str] | None = None) -> None:
    """Run the server standalone until interrupted (demo, manual tests)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dataset", default="karlsruhe", choices=sorted(LOADERS))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--page-size", type=int, default=None)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--oldest-first", action="store_true")
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve_forever(args))


if __name__ == "__main__":
    main()
