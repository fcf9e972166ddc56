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
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Generic, TypeVar

from fetcher import vendors
from fetcher.download import DownloadedFile, download_pdf
from fetcher.http import FetchError, HttpClient, NotOParl
from fetcher.model import Body, File, Meeting, Organization, Paper, Person
from fetcher.oparl_json import (
    body_from_json,
    clean_str,
    guess_newest_first,
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
from fetcher.oparl_pages import format_filter_time, page_key, previous_page_url, with_filters
from fetcher.vendors import Dialect, JsonObject

log = logging.getLogger(__name__)

T = TypeVar("T")


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
            total_elements=int_value(pagination.get("totalElements")),
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
