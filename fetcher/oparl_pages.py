"""Pure helpers for OParl list URLs: filters, page keys, page numbers. No I/O.

The spec forbids clients to build URLs (§0.1); these helpers only re-set filters the server
dropped, recognise a page seen before, and step back one page where a server sends no `prev`.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

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
