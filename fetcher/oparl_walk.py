"""The walk from a paper list's newest end: only new papers, cheap when idle. Does I/O.

Newest-first lists are read from page 1 along `next`; oldest-first ones from `links.last`
backwards along `prev` (or the decremented page number), each page's items in reverse (§0.4).
The walk stops after a run of known papers, at the list's end, at a loop or at the page cap; the
last two are reported to the client as ListAnomaly.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterable
from typing import TYPE_CHECKING

from fetcher.model import Paper
from fetcher.oparl_json import guess_newest_first, guess_newest_first_from_ends, paper_from_json
from fetcher.oparl_pages import ListPage, WalkStats, page_key, previous_page_url

if TYPE_CHECKING:
    from fetcher.oparl import OParlClient

# The walk logs under the client's name: one logger for everything a source's client does.
log = logging.getLogger("fetcher.oparl")


async def walk_newest(
    client: OParlClient,
    list_url: str,
    is_known: Callable[[Paper], bool],
    *,
    stop_after_known: int = 10,
    max_pages: int = 50,
) -> AsyncIterator[Paper]:
    """Yield the papers `is_known` rejects, newest first, until a run of known papers.

    Newest-first lists are read from page 1 along `next`; oldest-first ones from
    `links.last` backwards along `prev` (or the decremented page number), each page's items
    in reverse (§0.4). The order comes from the dialect, else from the first page's dates,
    else from the dates of the list's first and last page.
    The client remembers each list's last page, so an idle walk of an oldest-first list costs
    one or two requests. Stats of the walk are left in `last_walk`.
    """
    stats = client.last_walk = WalkStats(list_url=list_url)
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

    newest_first = client.list_order.get(list_url, client.dialect.newest_first)
    cache: dict[str, ListPage[Paper]] = {}
    if newest_first is not False:
        first = await _walk_page(client, list_url, stats, cache)
        if newest_first is None:
            newest_first = guess_newest_first(first.items)
            if newest_first is None and first.last_url:
                # Pages too short to show an order: compare the list's two ends.
                last = await _walk_page(client, first.last_url, stats, cache)
                newest_first = guess_newest_first_from_ends(first.items, last.items)
            if newest_first is None:
                newest_first = first.last_url is None or first.next_url is None
                log.warning(
                    "source=%s cannot tell the order of %s; assuming %s",
                    client.source,
                    list_url,
                    "newest first" if newest_first else "oldest first",
                )
    client.list_order[list_url] = newest_first
    stats.newest_first = newest_first

    visited: set[str] = set()
    if newest_first:
        page = await _walk_page(client, list_url, stats, cache)
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
            page = await _walk_page(client, page.next_url, stats, cache)
    else:
        page = await _newest_page_oldest_first(client, list_url, stats, cache, max_pages)
        client.last_page_url[list_url] = page.url
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
            page = await _walk_page(client, prev, stats, cache)
    if stats.stop in ("loop", "cap"):
        detail = f"pagination loop at {page.url}" if stats.stop == "loop" else "page cap"
        client.record_anomaly(list_url, stats.stop, stats.pages, detail)
    stats.known_run = run
    log.info(
        "walk source=%s list=%s order=%s pages=%d new=%d stop=%s",
        client.source,
        list_url,
        "newest_first" if newest_first else "oldest_first",
        stats.pages,
        stats.new,
        stats.stop,
    )


async def _walk_page(
    client: OParlClient, url: str, stats: WalkStats, cache: dict[str, ListPage[Paper]]
) -> ListPage[Paper]:
    """Fetch a page once per walk (walking back over a page just read costs nothing)."""
    key = page_key(url)
    if key not in cache:
        stats.pages += 1
        cache[key] = await client.fetch_page(url, paper_from_json, expected_type="Paper")
    return cache[key]


async def _newest_page_oldest_first(
    client: OParlClient,
    list_url: str,
    stats: WalkStats,
    cache: dict[str, ListPage[Paper]],
    max_pages: int,
) -> ListPage[Paper]:
    hint = client.last_page_url.get(list_url)
    page = await _walk_page(client, hint or list_url, stats, cache)
    if hint is None and page.last_url:
        page = await _walk_page(client, page.last_url, stats, cache)
    # The list grew since the remembered last page: follow next to the real end.
    seen = {page_key(page.url)}
    while page.next_url and page_key(page.next_url) not in seen and stats.pages < max_pages:
        seen.add(page_key(page.next_url))
        page = await _walk_page(client, page.next_url, stats, cache)
    if page.next_url and page_key(page.next_url) not in seen:
        client.record_anomaly(
            list_url, "cap", stats.pages, f"newest end not reached within {max_pages} pages"
        )
    return page


def _stop_reason(next_url: str | None, visited: set[str], pages: int, max_pages: int) -> str:
    if not next_url:
        return "end"
    if page_key(next_url) in visited:
        return "loop"
    return "cap" if pages >= max_pages else ""
