"""OParl 1.0/1.1 client: System → bodies → lists, pagination, filters, newest-end walks. Does I/O.

`OParlClient` fetches through `fetcher.http.HttpClient`; the pure halves live next door:
`fetcher.oparl_json` maps OParl JSON to fetcher.model values, `fetcher.oparl_pages` handles list
URLs (filters, page keys).

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

import logging
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from fetcher import oparl_walk, vendors
from fetcher.download import DownloadedFile, download_pdf
from fetcher.http import FetchError, HttpClient, NotOParl
from fetcher.model import File, Meeting, Organization, Paper, Person
from fetcher.oparl_json import (
    body_from_json,
    clean_str,
    int_value,
    meeting_from_json,
    objects,
    organization_from_json,
    paper_from_json,
    person_from_json,
    raw_object,
    ref,
    type_name,
)
from fetcher.oparl_pages import BodyLists as BodyLists
from fetcher.oparl_pages import (
    ListAnomaly,
    SkippedRecord,
    WalkStats,
    announced_pages,
    format_filter_time,
    page_key,
    with_filters,
)
from fetcher.oparl_pages import ListPage as ListPage
from fetcher.vendors import Dialect, JsonObject

log = logging.getLogger(__name__)

T = TypeVar("T")


# Pages of one list in one poll. A busy city publishes a few hundred papers a week and lists
# carry 20–100 items a page, so a modified_since window of a poll fits in a few pages; a server
# whose list keeps producing pages (issue #18: 1,000 pages, 2,000 junk papers in 2 minutes) is
# stopped here and reported as a ListAnomaly.
DEFAULT_MAX_PAGES = 50
# Pages beyond the first page's own count (totalPages / totalElements) tolerated before a walk
# counts as runaway: papers published during the walk add a page now and then.
OVERRUN_MARGIN_PAGES = 3


class OParlClient:
    """Read one source's OParl server (one Kommune) through a shared HttpClient.

    Bad objects never stop a list: they are skipped, logged once and collected for
    `take_skipped()`; walks stopped early are collected for `take_anomalies()`.
    """

    def __init__(
        self,
        http: HttpClient,
        *,
        source: str,
        dialect: Dialect | None = None,
        max_pages: int = DEFAULT_MAX_PAGES,
    ) -> None:
        self.http = http
        self.source = source
        self.max_pages = max_pages
        self._skipped: list[SkippedRecord] = []
        self._anomalies: list[ListAnomaly] = []
        self._reported: set[tuple[str | None, str]] = set()
        self._fixed_dialect = dialect
        self.dialect: Dialect = dialect or Dialect(vendors.GENERIC)
        self.system: JsonObject = {}
        self.system_url: str | None = None
        self._rewrite: tuple[str, str] | None = None
        self.list_order: dict[str, bool] = {}
        self.last_page_url: dict[str, str] = {}
        self.last_walk = WalkStats()

    # -- what went wrong, for the sync's health -----------------------------------------------

    def take_skipped(self) -> list[SkippedRecord]:
        """Return the records skipped since the last call, and forget them."""
        taken, self._skipped = self._skipped, []
        return taken

    def take_anomalies(self) -> list[ListAnomaly]:
        """Return the list walks stopped early since the last call, and forget them."""
        taken, self._anomalies = self._anomalies, []
        return taken

    def _skip(self, page_url: str, oparl_id: str | None, reason: str) -> None:
        self._skipped.append(SkippedRecord(self.source, page_url, oparl_id, reason))
        # Logged once per record and reason: the same poison comes back on every poll.
        key = (oparl_id, reason)
        level = logging.DEBUG if key in self._reported else logging.WARNING
        self._reported.add(key)
        log.log(
            level,
            "source=%s skipped record id=%s on %s: %s",
            self.source,
            oparl_id,
            page_url,
            reason,
        )

    def record_anomaly(self, list_url: str, kind: str, pages: int, detail: str) -> None:
        """Keep a list walk's early stop for `take_anomalies()` and log it."""
        self._anomalies.append(ListAnomaly(self.source, list_url, kind, pages, detail))
        log.warning(
            "source=%s list %s stopped (%s) after %d pages: %s",
            self.source,
            list_url,
            kind,
            pages,
            detail,
        )

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
        seen_ids: set[str] = set()
        raw_items = data.get("data")
        for obj in raw_items if isinstance(raw_items, list) else objects(raw_items):
            raw_id = obj.get("id") if isinstance(obj, dict) else None
            oparl_id = raw_id if isinstance(raw_id, str) else None
            reason: str | None = None
            if not isinstance(obj, dict):
                reason = f"list item of type {type(obj).__name__}, not an object"
            elif oparl_id is not None and oparl_id in seen_ids:
                reason = "duplicate id on the same page"
            else:
                try:
                    fixed = vendors.sternberg_tombstone_type(
                        vendors.apply_fixups(obj, self.dialect), expected_type
                    )
                    items.append(parse(fixed))
                except (ValueError, KeyError, TypeError, AttributeError) as exc:
                    reason = f"{type(exc).__name__}: {exc}"
            if oparl_id is not None:
                seen_ids.add(oparl_id)
            if reason is not None:
                skipped += 1
                self._skip(url, oparl_id[:200] if oparl_id else None, reason)
        return ListPage(
            url=url,
            items=tuple(items),
            next_url=clean_str(links.get("next")),
            prev_url=clean_str(links.get("prev")),
            first_url=clean_str(links.get("first")),
            last_url=clean_str(links.get("last")),
            total_elements=int_value(pagination.get("totalElements")),
            announced_pages=announced_pages(pagination, len(items) + skipped),
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

        Filters are set on every page. The walk ends at the last page, or early, recorded as a
        ListAnomaly: at `max_pages`, past the page count the first page announced (plus a
        margin for a list growing meanwhile), at a `next` already seen or at a page repeating an
        earlier page's items (OWL-IT serves one page for every `?page=n`, §4.4).
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
        announced: int | None = None
        while next_url is not None:
            key = page_key(next_url)
            if key in seen_urls:
                self.record_anomaly(
                    url, "loop", pages, f"pagination loop: next={next_url} was already fetched"
                )
                return
            if pages >= limit:
                self.record_anomaly(url, "cap", pages, f"more than {limit} pages in one poll")
                return
            if announced is not None and pages >= announced + OVERRUN_MARGIN_PAGES:
                self.record_anomaly(url, "overrun", pages, f"the list announced {announced} pages")
                return
            seen_urls.add(key)
            page = await self.fetch_page(next_url, parse, expected_type=expected_type)
            pages += 1
            if announced is None:
                announced = page.announced_pages
            ids = frozenset(_item_id(i) for i in page.items)
            if ids and ids in seen_pages:
                self.record_anomaly(
                    url, "repeat", pages, f"pagination loop: {next_url} repeats an earlier page"
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

    # -- the newest-end walk (fetcher.oparl_walk) ---------------------------------------------

    def walk_newest(
        self,
        list_url: str,
        is_known: Callable[[Paper], bool],
        *,
        stop_after_known: int = 10,
        max_pages: int = DEFAULT_MAX_PAGES,
    ) -> AsyncIterator[Paper]:
        """Yield the papers `is_known` rejects, newest first, until a run of known papers.

        See `fetcher.oparl_walk.walk_newest`; stats of the walk are left in `last_walk`.
        """
        return oparl_walk.walk_newest(
            self, list_url, is_known, stop_after_known=stop_after_known, max_pages=max_pages
        )

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


def _as_dict(value: Any) -> JsonObject:
    return value if isinstance(value, dict) else {}


def _item_id(item: Any) -> str:
    if isinstance(item, dict):
        return str(item.get("id"))
    return str(getattr(item, "oparl_id", id(item)))
