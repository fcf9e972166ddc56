"""OParl list pages: the values a list walk produces and pure helpers for list URLs. No I/O.

The spec forbids clients to build URLs (§0.1); these helpers only re-set filters the server
dropped, recognise a page seen before, and step back one page where a server sends no `prev`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, TypeVar
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

from fetcher.model import Body
from fetcher.vendors import JsonObject

T = TypeVar("T")

FILTER_KEYS = ("created_since", "created_until", "modified_since", "modified_until")


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
    announced_pages: int | None = None  # the page count the server's pagination claims


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


@dataclass(frozen=True)
class SkippedRecord:
    """An object of a list page that could not be mapped and was left out of the walk."""

    source: str
    page_url: str
    oparl_id: str | None  # None when the object had no usable id
    reason: str


@dataclass(frozen=True)
class ListAnomaly:
    """A list walk that stopped before the list's end, for a reason the operator should hear of.

    kind: "cap" (more pages than `max_pages` in one poll: an endless or runaway list),
    "overrun" (more pages than the server's own pagination announced), "loop" (a `next` seen
    before) or "repeat" (a page repeating an earlier page's items).
    """

    source: str
    list_url: str
    kind: str
    pages: int
    detail: str


def announced_pages(pagination: JsonObject, items_on_page: int) -> int | None:
    """Return how many pages a list says it has (`totalPages`, else elements / per page)."""
    total_pages = pagination.get("totalPages")
    if isinstance(total_pages, int) and not isinstance(total_pages, bool) and total_pages > 0:
        return total_pages
    total, per_page = pagination.get("totalElements"), pagination.get("elementsPerPage")
    if not isinstance(per_page, int) or isinstance(per_page, bool) or per_page <= 0:
        per_page = items_on_page
    if isinstance(total, int) and not isinstance(total, bool) and total >= 0 and per_page > 0:
        return max(1, -(-total // per_page))
    return None
