"""The local OParl server's list pages, pure: pagination, links, time filters, order, faults.

Reads the clock only in `now_iso` (the stamps of papers published at run time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from fetcher.clock import BERLIN
from standins.oparl_datasets import TOKEN, Dataset, Json, ListSpec
from standins.oparl_faults import Faults

FILTERS = ("created_since", "created_until", "modified_since", "modified_until")


def parse_time(value: str) -> datetime | None:
    """Return a filter or stamp value as an aware datetime (None when unreadable)."""
    value = value.strip()
    # Köln-style unencoded "+" arrives as a space (OPARL-NOTES.md §4.4): accept it like Somacos.
    value = re.sub(r" (\d{2}:\d{2})$", r"+\1", value)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=BERLIN)


def sort_key(obj: Json) -> tuple[str, str, int]:
    """Return the key a sortable list is ordered by: date or start or created, then the id."""
    when = str(obj.get("date") or obj.get("start") or obj.get("created") or "")[:19]
    number = re.findall(r"\d+", str(obj.get("id", "")))
    return when, str(obj.get("created", "")), int(number[-1]) if number else 0


def junk_paper(oparl_id: str) -> Json:
    """Return a made-up paper for the pages past the end of an endless list."""
    now = now_iso()
    return {
        "id": oparl_id,
        "type": "https://schema.oparl.org/1.1/Paper",
        "name": "Endlosliste",
        "reference": oparl_id.rsplit("/endless/", 1)[-1],
        "date": now[:10],
        "created": now,
        "modified": now,
    }


def now_iso() -> str:
    """Return now in Berlin time, as OParl servers stamp `created` and `modified`."""
    return datetime.now(BERLIN).replace(microsecond=0).isoformat()


def matches(obj: Json, bounds: dict[str, datetime]) -> bool:
    """Return whether an object's stamps lie within the filter bounds (created_since …)."""
    for key, bound in bounds.items():
        stamp = parse_time(str(obj.get(key.split("_")[0], "")))
        if stamp is None:
            return False
        if key.endswith("_since") and stamp < bound:
            return False
        if key.endswith("_until") and stamp > bound:
            return False
    return True


@dataclass(frozen=True)
class PageAnswer:
    """What a list request answers: a status and a JSON body (sent as `content_type`)."""

    status: int
    body: Any
    content_type: str = "application/json"


def list_page(
    data: Dataset,
    spec: ListSpec,
    path: str,
    query: dict[str, str],
    items: list[Json],
    faults: Faults,
    page_size: int,
) -> PageAnswer:
    """Return one page of a list (`items` in list order) as the query and the faults want it."""
    # Sternberg answers 400 to `limit` (max_limit None); others cap it.
    if "limit" in query and data.max_limit is None:
        return PageAnswer(400, {"error": "limit is not supported", "code": 400})
    size = page_size
    if "limit" in query and query["limit"].isdigit():
        size = max(1, min(int(query["limit"]), data.max_limit or size))
    page_raw = query.get(spec.page_param, "1")
    page = int(page_raw) if page_raw.isdigit() and int(page_raw) > 0 else 1
    filters = {k: query[k] for k in FILTERS if k in query}
    if faults.ignore_modified_since:
        filters = {}
    bounds: dict[str, datetime] = {}
    for key, value in filters.items():
        parsed = parse_time(value)
        if parsed is None:
            return PageAnswer(400, {"error": f"bad {key}"})
        bounds[key] = parsed
    if not bounds and not data.tombstones_unfiltered:
        items = [o for o in items if o.get("deleted") is not True]
    items = [o for o in items if matches(o, bounds)]
    if bounds and not items and faults.empty_filtered == "404":
        return PageAnswer(
            404,
            {
                "error": "Die angeforderte Ressource wurde nicht gefunden.",
                "code": 802,
                "type": "SD.NET RIM Webservice",
            },
            "text/html",
        )
    if bounds and not items and faults.empty_filtered == "bare":
        return PageAnswer(200, [])
    total_pages = max(1, -(-len(items) // size))
    shown_page = 1 if faults.same_page_everywhere else page
    chunk = items[(shown_page - 1) * size : shown_page * size]
    if faults.endless_list and spec.kind == "Paper" and page > total_pages:
        chunk = [junk_paper(f"{TOKEN}{path}/endless/{page}/{i}") for i in range(size)]
    if faults.control_characters:
        chunk = [
            {**o, "name": f"{o['name']}\x0b(Steuerzeichen)"} if "name" in o else o for o in chunk
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
    wanted = data.links
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
    return PageAnswer(200, body)
