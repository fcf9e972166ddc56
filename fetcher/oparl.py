"""OParl 1.0/1.1 client: System → bodies → lists, pagination, filters, newest-end walks. Does I/O.

The top half is pure: tolerant mapping of OParl JSON to fetcher.model values (`paper_from_json`,
…) and URL helpers. The bottom half, `OParlClient`, fetches through `fetcher.http.HttpClient`.

How a sync loop drives it (OPARL-NOTES.md §0.3, §5.2):

    client = OParlClient(http, source="leipzig")
    await client.connect(endpoint.system_urls)          # first URL that answers wins
    for body in await client.bodies():
        async for page in client.iter_papers(body.paper, modified_since=watermark - overlap):
            ...                                          # optimisation only: filters lie
        async for paper in client.walk_newest(body.paper, is_known=store.knows):
            ...                                          # the reliable part: new papers only

Filters are re-set on every page (ALLRIS and Somacos drop them from `links.next`), a `next` seen
before ends the walk with a warning, and the walk from the newest end stops after a run of known
papers, so an idle poll costs one or two requests per list.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Generic, TypeVar
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from fetcher import vendors
from fetcher.download import DownloadedFile, download_pdf
from fetcher.http import FetchError, HttpClient, NotOParl
from fetcher.model import (
    AgendaItem,
    Body,
    Consultation,
    File,
    Meeting,
    Organization,
    Paper,
    Person,
)
from fetcher.vendors import Dialect, JsonObject

log = logging.getLogger(__name__)

T = TypeVar("T")
BERLIN = ZoneInfo("Europe/Berlin")
FILTER_KEYS = ("created_since", "created_until", "modified_since", "modified_until")

# ---------------------------------------------------------------------------------------------
# Pure mapping: OParl JSON → fetcher.model
# ---------------------------------------------------------------------------------------------


def clean_str(value: Any) -> str | None:
    """Return a stripped string, or None for missing, non-string and placeholder values."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if not isinstance(value, str) or vendors.is_placeholder_string(value):
        return None
    return value.strip()


def parse_datetime(value: Any) -> datetime | None:
    """Parse an OParl date-time leniently; placeholders and garbage become None.

    Accepts `Z`, fractions, missing offsets (read as Europe/Berlin), bare dates and ALLRIS 4's
    `+01::00` (§4.7); 1970-01-01 / 2000-01-01 placeholders mean "unknown" (§4.3).
    """
    text = clean_str(value)
    if text is None or vendors.is_placeholder_timestamp(text):
        return None
    text = vendors.allris4_double_colon_offset(text)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=BERLIN)


def parse_date(value: Any) -> date | None:
    """Parse an OParl date (ALLRIS sends date-times where dates belong); None when unusable."""
    text = clean_str(value)
    if text is None or vendors.is_placeholder_timestamp(text):
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def refs(value: Any) -> tuple[str, ...]:
    """Return reference URLs from a URL, an object, or a list of either (nulls dropped)."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        ref = item.get("id") if isinstance(item, dict) else item
        text = clean_str(ref)
        if text is not None:
            out.append(text)
    return tuple(out)


def ref(value: Any) -> str | None:
    """Return the first reference URL of a field, or None."""
    found = refs(value)
    return found[0] if found else None


def objects(value: Any) -> list[JsonObject]:
    """Return embedded objects from an object, a list, or bare URL references (as `{"id": url}`)."""
    items = value if isinstance(value, list) else [value]
    out: list[JsonObject] = []
    for item in items:
        if isinstance(item, dict):
            out.append(item)
        elif clean_str(item) is not None:
            out.append({"id": clean_str(item)})
    return out


def _bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _id(obj: JsonObject) -> str:
    oid = clean_str(obj.get("id"))
    if oid is None:
        raise ValueError("OParl object without id")
    return oid


def type_name(obj: JsonObject) -> str | None:
    """Return the short type ("Paper", "Meeting", …) of an object, for 1.0 and 1.1 alike."""
    kind = clean_str(obj.get("type"))
    return kind.rstrip("/").rsplit("/", 1)[-1] if kind else None


def file_from_json(obj: JsonObject, role: str = "attachment") -> File:
    """Map an OParl File (embedded or fetched) to a File value."""
    size = _int(obj.get("size"))
    access = clean_str(obj.get("accessUrl"))
    download = clean_str(obj.get("downloadUrl"))
    return File(
        oparl_id=_id(obj),
        name=clean_str(obj.get("name")),
        file_name=clean_str(obj.get("fileName")),
        mime_type=vendors.allris4_short_mime_type(clean_str(obj.get("mimeType"))),
        access_url=vendors.sternberg_double_slash_url(access) if access else None,
        download_url=vendors.sternberg_double_slash_url(download) if download else None,
        size=size or None,  # ALLRIS 4 sends size 0 for unknown (§4.2)
        role=role,
        deleted=obj.get("deleted") is True,
        date=parse_date(obj.get("date")),
    )


def consultation_from_json(obj: JsonObject, paper_id: str | None = None) -> Consultation:
    """Map an OParl Consultation; embedded ones lack `paper`, so the caller may pass it."""
    obj = vendors.allris4_lowercase_agendaitem(obj)
    return Consultation(
        oparl_id=_id(obj),
        paper_id=ref(obj.get("paper")) or paper_id,
        meeting_id=ref(obj.get("meeting")),
        agenda_item_id=ref(obj.get("agendaItem")),
        organization_ids=refs(obj.get("organization")),
        role=clean_str(obj.get("role")),
        authoritative=_bool(obj.get("authoritative")),
    )


_PAPER_KEYS = frozenset(
    {
        "id",
        "type",
        "name",
        "reference",
        "paperType",
        "date",
        "web",
        "mainFile",
        "auxiliaryFile",
        "relatedPaper",
        "superordinatedPaper",
        "subordinatedPaper",
        "originatorOrganization",
        "originatorPerson",
        "consultation",
        "created",
        "modified",
        "deleted",
    }
)


def paper_from_json(obj: JsonObject) -> Paper:
    """Map an OParl Paper to a Paper value; unknown fields are kept in `extra`.

    Tombstones (`deleted: true`, maybe without name or type) map to a Paper with `deleted=True`.
    Without `mainFile` the main document is picked from `auxiliaryFile[]` (Somacos, §4.4) and
    `extra["main_file_from_auxiliary"]` says so.
    """
    oid = _id(obj)
    aux = [file_from_json(f) for f in objects(obj.get("auxiliaryFile")) if clean_str(f.get("id"))]
    main_objs = [f for f in objects(obj.get("mainFile")) if clean_str(f.get("id"))]
    main = file_from_json(main_objs[0], role="main") if main_objs else None
    extra = {k: v for k, v in obj.items() if k not in _PAPER_KEYS}
    if main is None and aux:
        index = vendors.somacos_main_file_index([f.name for f in aux])
        if index is not None:
            picked = aux.pop(index)
            main = File(**{**picked.__dict__, "role": "main"})
            extra["main_file_from_auxiliary"] = True
    return Paper(
        oparl_id=oid,
        name=clean_str(obj.get("name")) or "",
        reference=clean_str(obj.get("reference")),
        paper_type=clean_str(obj.get("paperType")),
        date=parse_date(obj.get("date")),
        web_url=clean_str(obj.get("web")),
        main_file=main,
        auxiliary_files=tuple(aux),
        related_paper_ids=refs(obj.get("relatedPaper")),
        superordinated_paper_ids=refs(obj.get("superordinatedPaper")),
        subordinated_paper_ids=refs(obj.get("subordinatedPaper")),
        originator_organization_ids=refs(obj.get("originatorOrganization")),
        originator_person_ids=refs(obj.get("originatorPerson")),
        consultations=tuple(
            consultation_from_json(c, paper_id=oid)
            for c in objects(obj.get("consultation"))
            if clean_str(c.get("id"))
        ),
        created=parse_datetime(obj.get("created")),
        modified=parse_datetime(obj.get("modified")),
        deleted=obj.get("deleted") is True,
        extra=extra,
    )


def agenda_item_from_json(obj: JsonObject) -> AgendaItem:
    """Map an OParl AgendaItem (usually embedded in a Meeting)."""
    obj = vendors.allris4_lowercase_agendaitem(obj)
    return AgendaItem(
        oparl_id=_id(obj),
        number=clean_str(obj.get("number")),
        name=clean_str(obj.get("name")),
        order=_int(obj.get("order")),
        public=_bool(obj.get("public")),
        consultation_id=ref(obj.get("consultation")),
        paper_id=ref(obj.get("paper")),
    )


def _location_text(value: Any) -> str | None:
    if isinstance(value, dict):
        parts = [clean_str(value.get(k)) for k in ("description", "room", "streetAddress")]
        text = ", ".join(p for p in parts if p)
        return text or None
    return None


def meeting_from_json(obj: JsonObject) -> Meeting:
    """Map an OParl Meeting with its embedded agenda."""
    return Meeting(
        oparl_id=_id(obj),
        name=clean_str(obj.get("name")),
        start=parse_datetime(obj.get("start")),
        end=parse_datetime(obj.get("end")),
        location=_location_text(obj.get("location")),
        cancelled=obj.get("cancelled") is True,
        organization_ids=refs(obj.get("organization")),
        agenda=tuple(
            agenda_item_from_json(a)
            for a in objects(obj.get("agendaItem"))
            if clean_str(a.get("id"))
        ),
        web_url=clean_str(obj.get("web")),
        created=parse_datetime(obj.get("created")),
        modified=parse_datetime(obj.get("modified")),
        deleted=obj.get("deleted") is True,
    )


def organization_from_json(obj: JsonObject) -> Organization:
    """Map an OParl Organization (faction, committee, office)."""
    obj = vendors.allris4_type_abbreviation(obj)
    return Organization(
        oparl_id=_id(obj),
        name=clean_str(obj.get("name")) or "",
        short_name=clean_str(obj.get("shortName")),
        classification=clean_str(obj.get("classification")),
        organization_type=clean_str(obj.get("organizationType")),
        deleted=obj.get("deleted") is True,
    )


def person_from_json(obj: JsonObject) -> Person:
    """Map an OParl Person (name falls back to given + family name)."""
    name = clean_str(obj.get("name"))
    if name is None:
        parts = [clean_str(obj.get(k)) for k in ("givenName", "familyName")]
        name = " ".join(p for p in parts if p)
    return Person(oparl_id=_id(obj), name=name or "", deleted=obj.get("deleted") is True)


def body_from_json(
    obj: JsonObject, system_url: str | None = None, vendor: str | None = None
) -> Body:
    """Map an OParl Body (one Kommune)."""
    return Body(
        oparl_id=_id(obj),
        name=clean_str(obj.get("name")) or "",
        short_name=clean_str(obj.get("shortName")),
        web_url=clean_str(obj.get("web")) or clean_str(obj.get("website")),
        system_url=system_url,
        vendor=vendor,
    )


def raw_object(obj: JsonObject) -> JsonObject:
    """Return the object unchanged (parser for lists whose items the caller maps itself)."""
    return obj


def guess_newest_first(papers: Sequence[Paper]) -> bool | None:
    """Return whether a list page runs newest → oldest, judged by dates; None when undecidable."""
    keys = [p.date or (p.created.date() if p.created else None) for p in papers]
    known = [k for k in keys if k is not None]
    ups = sum(1 for a, b in itertools.pairwise(known) if b > a)
    downs = sum(1 for a, b in itertools.pairwise(known) if b < a)
    if ups == downs:
        return None
    return downs > ups


# ---------------------------------------------------------------------------------------------
# Pure URL helpers
# ---------------------------------------------------------------------------------------------


def format_filter_time(value: datetime) -> str:
    """Format a filter timestamp as the spec wants it: seconds, with offset (§1.4, §4.7)."""
    if value.tzinfo is None:
        raise ValueError("filter timestamps must be timezone-aware")
    return value.replace(microsecond=0).isoformat()


def with_filters(url: str, filters: dict[str, str], *, encode: bool = True) -> str:
    """Return `url` with the given filter parameters set (replacing any the server left there).

    Re-setting them on every page is the fix for servers that drop or mangle filters in
    `links.next`: ALLRIS 4 drops `modified_since` (§4.3, mandari `carry_modified_since`), Somacos
    drops `created_since` from page 3 on and Köln echoes `+00:00` unencoded, which the server reads
    as a space (§4.4). The list URL's own query (`papers.asp?body=1`) is kept (§4.1 Berlin).
    """
    if not filters:
        return url
    parts = urlsplit(url)
    kept = [
        pair for pair in parts.query.split("&") if pair and pair.split("=", 1)[0] not in filters
    ]
    for key, value in filters.items():
        kept.append(f"{key}={quote(value, safe='') if encode else value}")
    return urlunsplit(parts._replace(query="&".join(kept)))


def page_key(url: str) -> str:
    """Return a key that is equal for two URLs of the same list page (loop detection).

    Filters and parameter order are ignored, and a list URL without page number is page 1
    (the list's own URL and its `?page=1` link are one page).
    """
    parts = urlsplit(url)
    kept = sorted(p for p in parts.query.split("&") if p and p.split("=", 1)[0] not in FILTER_KEYS)
    if page_number(url) is None:
        kept.append("page=1")
    return urlunsplit(parts._replace(query="&".join(kept), fragment=""))


_PATH_PAGE = re.compile(r"/page/(\d+)(/?)$")


def page_number(url: str) -> int | None:
    """Return a list URL's page number (`page=`, ALLRIS net `p=`, more! rubin `/page/N`)."""
    parts = urlsplit(url)
    for key, value in parse_qsl(parts.query):
        if key in ("page", "p") and value.isdigit():
            return int(value)
    match = _PATH_PAGE.search(parts.path)
    return int(match.group(1)) if match else None


def previous_page_url(url: str) -> str | None:
    """Return the URL of the page before `url` by decrementing its page number, else None.

    Only for walking backwards from `links.last` on servers that send no `prev` (ALLRIS 4 public
    sends only self/next/last, §4.2); the spec otherwise forbids building URLs (§0.1).
    """
    number = page_number(url)
    if number is None or number <= 1:
        return None
    parts = urlsplit(url)
    if _PATH_PAGE.search(parts.path):
        path = _PATH_PAGE.sub(lambda m: f"/page/{number - 1}{m.group(2)}", parts.path)
        return urlunsplit(parts._replace(path=path))
    pairs = []
    for pair in parts.query.split("&"):
        key = pair.split("=", 1)[0]
        pairs.append(f"{key}={number - 1}" if key in ("page", "p") else pair)
    return urlunsplit(parts._replace(query="&".join(pairs)))


# ---------------------------------------------------------------------------------------------
# The client (I/O)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListPage(Generic[T]):
    """One page of an external list, its items parsed, with the links the walk needs."""

    url: str
    items: tuple[T, ...]
    next_url: str | None = None
    prev_url: str | None = None
    first_url: str | None = None
    last_url: str | None = None
    total_elements: int | None = None
    # Sternberg's 404-802 / bare [] for an empty filtered window (§4.5).
    empty_window: bool = False
    skipped: int = 0


@dataclass(frozen=True)
class BodyLists:
    """A Body with the URLs of its external lists (the model's Body has no room for them)."""

    body: Body
    paper: str | None
    meeting: str | None
    organization: str | None
    person: str | None
    raw: JsonObject = field(default_factory=dict)


@dataclass
class WalkStats:
    """What the last `walk_newest` did, for the canonical log line and the bench."""

    list_url: str = ""
    pages: int = 0
    new: int = 0
    known_run: int = 0
    newest_first: bool | None = None
    stop: str = ""


class OParlClient:
    """Read one source's OParl server (one Kommune) through a shared HttpClient."""

    def __init__(
        self,
        http: HttpClient,
        *,
        source: str,
        dialect: Dialect | None = None,
        max_pages: int = 1000,
    ) -> None:
        self.http = http
        self.source = source
        self.max_pages = max_pages
        self._fixed_dialect = dialect
        self.dialect: Dialect = dialect or Dialect(vendors.GENERIC)
        self.system: JsonObject = {}
        self.system_url: str | None = None
        self._rewrite: tuple[str, str] | None = None
        self._order: dict[str, bool] = {}
        self._last_page: dict[str, str] = {}
        self.last_walk = WalkStats()

    # -- URLs and single objects --------------------------------------------------------------

    def fetchable_url(self, url: str) -> str:
        """Return the URL to actually request for a URL the server handed out (learnt rewrites)."""
        return vendors.rewrite_prefix(url, self._rewrite)

    async def get_json(self, url: str) -> tuple[int, Any]:
        """GET a URL of this source; return `(status, data)` or raise NotOParl/FetchError."""
        response, data = await self.http.get_json(self.fetchable_url(url), source=self.source)
        if data is None and response.status == 200:
            what = "HTML page" if response.body.lstrip()[:1] == b"<" else "non-JSON body"
            raise NotOParl(
                f"{what} ({response.content_type}) with HTTP 200 instead of OParl JSON: {url}",
                url=url,
                status=200,
            )
        message = vendors.more_rubin_error_message(data)
        if message is not None and response.status == 200:
            raise NotOParl(f"OParl error with HTTP 200: {message} ({url})", url=url, status=200)
        return response.status, data

    async def get_object(self, url: str) -> JsonObject:
        """Fetch one OParl object (fixups applied)."""
        status, data = await self.get_json(url)
        if status != 200 or not isinstance(data, dict):
            detail = vendors.more_rubin_error_message(data) or f"HTTP {status}"
            raise FetchError(f"{detail} for {url}", url=url, status=status)
        return vendors.apply_fixups(data, self.dialect)

    async def get_paper(self, url: str) -> Paper:
        """Fetch and map one Paper."""
        obj = vendors.sternberg_tombstone_type(await self.get_object(url), "Paper")
        return paper_from_json(obj)

    # -- System and bodies --------------------------------------------------------------------

    async def connect(self, system_urls: Sequence[str]) -> str:
        """Use the first System URL that answers with a System object; log which; return it.

        Leipzig's registry URL answers 500 since 2026 while the new one works (§2.1), so a
        Kommune may list several URLs.
        """
        errors: list[str] = []
        for number, url in enumerate(system_urls, start=1):
            try:
                status, data = await self.get_json(url)
            except FetchError as exc:
                errors.append(f"{url}: {exc}")
                log.warning(
                    "source=%s system url %d/%d failed: %s",
                    self.source,
                    number,
                    len(system_urls),
                    exc,
                )
                continue
            if (
                status != 200
                or not isinstance(data, dict)
                or not (type_name(data) == "System" or "body" in data)
            ):
                errors.append(f"{url}: HTTP {status}, not a System object")
                log.warning(
                    "source=%s system url %d/%d is not a System (HTTP %s): %s",
                    self.source,
                    number,
                    len(system_urls),
                    status,
                    url,
                )
                continue
            self.system = data
            self.system_url = url
            self.dialect = self._fixed_dialect or vendors.detect_dialect(data, url)
            system_id = clean_str(data.get("id"))
            self._rewrite = vendors.learned_prefix_rewrite(url, system_id) if system_id else None
            log.info(
                "source=%s system=%s dialect=%s url=%d/%d%s",
                self.source,
                url,
                self.dialect.name,
                number,
                len(system_urls),
                f" rewrite={self._rewrite[0]}->{self._rewrite[1]}" if self._rewrite else "",
            )
            return url
        raise FetchError(f"no System URL of {self.source} answered: " + "; ".join(errors))

    async def bodies(self) -> list[BodyLists]:
        """Return the System's bodies with their list URLs."""
        body_ref = self.system.get("body")
        vendor = clean_str(self.system.get("vendor"))
        raw: list[JsonObject] = []
        if isinstance(body_ref, str):
            async for page in self.iter_list(body_ref, raw_object, expected_type="Body"):
                raw.extend(page.items)
        else:
            raw = objects(body_ref)
        out = []
        for obj in raw:
            out.append(
                BodyLists(
                    body=body_from_json(obj, system_url=self.system_url, vendor=vendor),
                    paper=ref(obj.get("paper")),
                    meeting=ref(obj.get("meeting")),
                    organization=ref(obj.get("organization")),
                    person=ref(obj.get("person")),
                    raw=obj,
                )
            )
        return out

    # -- lists --------------------------------------------------------------------------------

    async def fetch_page(
        self, url: str, parse: Callable[[JsonObject], T], *, expected_type: str | None = None
    ) -> ListPage[T]:
        """Fetch one list page and parse its items; unparseable items are skipped and logged."""
        status, data = await self.get_json(url)
        if vendors.sternberg_empty_window(status, data):
            return ListPage(url=url, items=(), empty_window=True)
        if status != 200:
            raise FetchError(f"HTTP {status} for list page {url}", url=url, status=status)
        if vendors.sternberg_single_object_list(data):
            data = {"data": [data]}
        if isinstance(data, list):
            data = {"data": data}
        if not isinstance(data, dict):
            raise NotOParl(f"list page is neither object nor array: {url}", url=url, status=status)
        links = _as_dict(data.get("links"))
        pagination = _as_dict(data.get("pagination"))
        items: list[T] = []
        skipped = 0
        for obj in objects(data.get("data")):
            try:
                fixed = vendors.sternberg_tombstone_type(
                    vendors.apply_fixups(obj, self.dialect), expected_type
                )
                items.append(parse(fixed))
            except (ValueError, KeyError, TypeError) as exc:
                skipped += 1
                log.warning("source=%s skipped item on %s: %s", self.source, url, exc)
        return ListPage(
            url=url,
            items=tuple(items),
            next_url=clean_str(links.get("next")),
            prev_url=clean_str(links.get("prev")),
            first_url=clean_str(links.get("first")),
            last_url=clean_str(links.get("last")),
            total_elements=_int(pagination.get("totalElements")),
            skipped=skipped,
        )

    async def iter_list(
        self,
        url: str,
        parse: Callable[[JsonObject], T],
        *,
        modified_since: datetime | None = None,
        created_since: datetime | None = None,
        max_pages: int | None = None,
        expected_type: str | None = None,
    ) -> AsyncIterator[ListPage[T]]:
        """Yield the pages of an external list, following `links.next`.

        Filters are set on every page. The walk ends at the last page, at `max_pages`, at a
        `next` already seen or at a page repeating an earlier page's items (OWL-IT serves one
        page for every `?page=n`, §4.4) — the last two with a warning.
        """
        filters: dict[str, str] = {}
        if modified_since is not None:
            filters["modified_since"] = format_filter_time(modified_since)
        if created_since is not None:
            filters["created_since"] = format_filter_time(created_since)
        limit = max_pages or self.max_pages
        seen_urls: set[str] = set()
        seen_pages: set[frozenset[str]] = set()
        next_url: str | None = with_filters(url, filters, encode=self.dialect.encode_filter_values)
        pages = 0
        while next_url is not None:
            key = page_key(next_url)
            if key in seen_urls:
                log.warning(
                    "source=%s pagination loop: next=%s was already fetched; stopping list %s",
                    self.source,
                    next_url,
                    url,
                )
                return
            if pages >= limit:
                log.warning("source=%s page cap %d reached for %s", self.source, limit, url)
                return
            seen_urls.add(key)
            page = await self.fetch_page(next_url, parse, expected_type=expected_type)
            pages += 1
            ids = frozenset(_item_id(i) for i in page.items)
            if ids and ids in seen_pages:
                log.warning(
                    "source=%s pagination loop: %s repeats an earlier page; stopping list %s",
                    self.source,
                    next_url,
                    url,
                )
                return
            seen_pages.add(ids)
            yield page
            next_url = (
                with_filters(page.next_url, filters, encode=self.dialect.encode_filter_values)
                if page.next_url
                else None
            )

    def iter_papers(self, url: str, **kwargs: Any) -> AsyncIterator[ListPage[Paper]]:
        """Yield pages of Papers (see `iter_list` for the keyword arguments)."""
        return self.iter_list(url, paper_from_json, expected_type="Paper", **kwargs)

    def iter_meetings(self, url: str, **kwargs: Any) -> AsyncIterator[ListPage[Meeting]]:
        """Yield pages of Meetings."""
        return self.iter_list(url, meeting_from_json, expected_type="Meeting", **kwargs)

    def iter_organizations(self, url: str, **kwargs: Any) -> AsyncIterator[ListPage[Organization]]:
        """Yield pages of Organizations."""
        return self.iter_list(url, organization_from_json, expected_type="Organization", **kwargs)

    def iter_persons(self, url: str, **kwargs: Any) -> AsyncIterator[ListPage[Person]]:
        """Yield pages of Persons."""
        return self.iter_list(url, person_from_json, expected_type="Person", **kwargs)

    # -- the newest-end walk ------------------------------------------------------------------

    async def walk_newest(
        self,
        list_url: str,
        is_known: Callable[[Paper], bool],
        *,
        stop_after_known: int = 10,
        max_pages: int = 50,
    ) -> AsyncIterator[Paper]:
        """Yield the papers `is_known` rejects, newest first, until a run of known papers.

        Newest-first lists are read from page 1 along `next`; oldest-first ones from
        `links.last` backwards along `prev` (or the decremented page number), each page's items
        in reverse (§0.4). The order comes from the dialect, else from the first page's dates.
        The client remembers each list's last page, so an idle walk of an oldest-first list costs
        one or two requests. Stats of the walk are left in `last_walk`.
        """
        stats = self.last_walk = WalkStats(list_url=list_url)
        seen: set[str] = set()
        run = 0

        def consume(page: ListPage[Paper], reverse: bool) -> Iterable[Paper]:
            nonlocal run
            for paper in reversed(page.items) if reverse else page.items:
                if paper.oparl_id in seen:
                    continue
                seen.add(paper.oparl_id)
                if is_known(paper):
                    run += 1
                    if run >= stop_after_known:
                        return
                    continue
                run = 0
                stats.new += 1
                yield paper

        newest_first = self._order.get(list_url, self.dialect.newest_first)
        first: ListPage[Paper] | None = None
        if newest_first is not False:
            first = await self.fetch_page(list_url, paper_from_json, expected_type="Paper")
            stats.pages += 1
            if newest_first is None:
                newest_first = guess_newest_first(first.items)
                if newest_first is None:
                    newest_first = first.last_url is None or first.next_url is None
                    log.warning(
                        "source=%s cannot tell the order of %s; assuming %s",
                        self.source,
                        list_url,
                        "newest first" if newest_first else "oldest first",
                    )
        self._order[list_url] = newest_first
        stats.newest_first = newest_first

        cache: dict[str, ListPage[Paper]] = {}
        if first is not None:
            cache[page_key(list_url)] = first
        visited: set[str] = set()
        if newest_first:
            page = await self._walk_page(list_url, stats, cache)
            while True:
                visited.add(page_key(page.url))
                for paper in consume(page, reverse=False):
                    yield paper
                if run >= stop_after_known:
                    stats.stop = "known"
                    break
                stats.stop = _stop_reason(page.next_url, visited, stats.pages, max_pages)
                if stats.stop or page.next_url is None:
                    break
                page = await self._walk_page(page.next_url, stats, cache)
        else:
            page = await self._newest_page_oldest_first(list_url, stats, cache, max_pages)
            self._last_page[list_url] = page.url
            while True:
                visited.add(page_key(page.url))
                for paper in consume(page, reverse=True):
                    yield paper
                if run >= stop_after_known:
                    stats.stop = "known"
                    break
                prev = page.prev_url or previous_page_url(page.url)
                stats.stop = _stop_reason(prev, visited, stats.pages, max_pages)
                if stats.stop or prev is None:
                    break
                page = await self._walk_page(prev, stats, cache)
        if stats.stop == "loop":
            log.warning("source=%s pagination loop at %s", self.source, page.url)
        stats.known_run = run
        log.info(
            "walk source=%s list=%s order=%s pages=%d new=%d stop=%s",
            self.source,
            list_url,
            "newest_first" if newest_first else "oldest_first",
            stats.pages,
            stats.new,
            stats.stop,
        )

    async def _walk_page(
        self, url: str, stats: WalkStats, cache: dict[str, ListPage[Paper]]
    ) -> ListPage[Paper]:
        """Fetch a page once per walk (walking back over a page just read costs nothing)."""
        key = page_key(url)
        if key not in cache:
            stats.pages += 1
            cache[key] = await self.fetch_page(url, paper_from_json, expected_type="Paper")
        return cache[key]

    async def _newest_page_oldest_first(
        self,
        list_url: str,
        stats: WalkStats,
        cache: dict[str, ListPage[Paper]],
        max_pages: int,
    ) -> ListPage[Paper]:
        hint = self._last_page.get(list_url)
        page = await self._walk_page(hint or list_url, stats, cache)
        if hint is None and page.last_url:
            page = await self._walk_page(page.last_url, stats, cache)
        # The list grew since the remembered last page: follow next to the real end.
        seen = {page_key(page.url)}
        while page.next_url and page_key(page.next_url) not in seen and stats.pages < max_pages:
            seen.add(page_key(page.next_url))
            page = await self._walk_page(page.next_url, stats, cache)
        return page

    # -- files --------------------------------------------------------------------------------

    async def download(
        self, file: File, dest_dir: Path | None = None, *, max_bytes: int | None = None
    ) -> DownloadedFile:
        """Download a File's PDF (accessUrl first: downloadUrl is often empty, §0.8)."""
        url = file.access_url or file.download_url
        if url is None:
            raise FetchError(f"file {file.oparl_id} has no URL", url=file.oparl_id)
        kwargs: dict[str, Any] = {"source": self.source, "dest_dir": dest_dir}
        if max_bytes is not None:
            kwargs["max_bytes"] = max_bytes
        return await download_pdf(self.http, self.fetchable_url(url), **kwargs)


def _stop_reason(next_url: str | None, visited: set[str], pages: int, max_pages: int) -> str:
    if not next_url:
        return "end"
    if page_key(next_url) in visited:
        return "loop"
    return "cap" if pages >= max_pages else ""


def _as_dict(value: Any) -> JsonObject:
    return value if isinstance(value, dict) else {}


def _item_id(item: Any) -> str:
    if isinstance(item, dict):
        return str(item.get("id"))
    return str(getattr(item, "oparl_id", id(item)))
