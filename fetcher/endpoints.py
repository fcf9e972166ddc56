"""The bundled list of real Kommunen with their OParl System URLs, and the endpoint setting. Pure.

`fetcher/data/endpoints.json` comes from the OParl/resources registry (endpoints.yml), grouped by
Kommune, with Leipzig first and corrected per OPARL-NOTES.md §2.1: a Kommune may have several
System URLs; the client uses the first that answers (`OParlClient.connect`).

The OPARL_ENDPOINTS setting is a comma-separated list of items, each one of
    https://host/oparl/system                      a System URL (name from the bundle, else from
                                                   the server's Body on first contact)
    https://a/oparl/system|https://b/oparl/system  several URLs of one Kommune, tried in order
    Stadt Leipzig=https://a/system|https://b/system  with an explicit name
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Endpoint:
    """One Kommune: display name (what /abo offers), slug, System URLs in order of preference."""

    name: str
    slug: str
    system_urls: tuple[str, ...]
    wikidata: str | None = None
    note: str | None = None
    # True while name and slug are only the host's: the server's Body names it (`identified`).
    provisional: bool = False
    # "<date>: <why>" when `ratsbot endpoints check` found no System answering; not offered.
    dead: str | None = None


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_PREFIXES = (
    "Landeshauptstadt ",
    "Stadt ",
    "Gemeinde ",
    "Kolpingstadt ",
    "Klingenstadt ",
    "Hansestadt ",
    "Universitätsstadt ",
    "Kreisstadt ",
    "Große Kreisstadt ",
    "Markt ",
)


def slugify(name: str) -> str:
    """Return the ASCII slug of a Kommune's name ("Stadt Köln" → "koeln")."""
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    return re.sub(r"[^a-z0-9]+", "-", name.lower().translate(_UMLAUTS)).strip("-")


@cache
def load_endpoints() -> tuple[Endpoint, ...]:
    """Return the bundled endpoints, Leipzig first."""
    text = resources.files("fetcher").joinpath("data/endpoints.json").read_text("utf-8")
    return tuple(
        Endpoint(
            name=item["name"],
            slug=item["slug"],
            system_urls=tuple(item["system_urls"]),
            wikidata=item.get("wikidata"),
            note=item.get("note"),
            dead=item.get("dead"),
        )
        for item in json.loads(text)["endpoints"]
    )


def _normalise_url(url: str) -> str:
    return url.strip().rstrip("/").replace("http://", "https://", 1).lower()


def find_endpoint(url: str, bundled: tuple[Endpoint, ...] | None = None) -> Endpoint | None:
    """Return the bundled Kommune that lists this System URL, if any."""
    wanted = _normalise_url(url)
    for endpoint in load_endpoints() if bundled is None else bundled:
        if wanted in {_normalise_url(u) for u in endpoint.system_urls}:
            return endpoint
    return None


def parse_endpoint_setting(value: str) -> tuple[Endpoint, ...]:
    """Parse OPARL_ENDPOINTS (format in the module docstring); raise ValueError naming the item."""
    out: list[Endpoint] = []
    for raw in value.split(","):
        item = raw.strip()
        if not item:
            continue
        name: str | None = None
        urls_part = item
        if "=" in item and not item.split("=", 1)[0].strip().lower().startswith("http"):
            name, urls_part = (part.strip() for part in item.split("=", 1))
        urls = tuple(u.strip() for u in urls_part.split("|") if u.strip())
        if not urls or not all(urlsplit(u).scheme in ("http", "https") for u in urls):
            raise ValueError(f"OPARL_ENDPOINTS: not a URL list: {item!r}")
        known = next((k for k in map(find_endpoint, urls) if k is not None), None)
        provisional = name is None and known is None
        if name is None:
            name = known.name if known else (urlsplit(urls[0]).hostname or urls[0])
        if known is not None and name == known.name:
            # The bundled entry's other URLs stay as fallbacks after the operator's.
            urls += tuple(u for u in known.system_urls if u not in urls)
        out.append(
            Endpoint(
                name=name,
                slug=known.slug if known and known.name == name else slugify(name),
                system_urls=urls,
                wikidata=known.wikidata if known else None,
                provisional=provisional,
            )
        )
    return tuple(out)


def display_name(name: str, short_name: str | None = None) -> str:
    """Return how a Body's Kommune reads best: "Stadt Karlsruhe" → "Karlsruhe".

    A Body's `shortName` is often an abbreviation ("KA", "StL"); it is used only when it is a
    word of the full name. Otherwise the administrative prefix is dropped.
    """
    name = " ".join(name.split())
    short = " ".join((short_name or "").split())
    if len(short) >= 3 and not short.isupper() and short.casefold() in name.casefold():
        return short
    for prefix in _PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            return name[len(prefix) :]
    return name


def identified(endpoint: Endpoint, body_name: str, body_short_name: str | None = None) -> Endpoint:
    """Return the endpoint named after its server's first Body (operator names stay as given)."""
    if not endpoint.provisional or not body_name.strip():
        return endpoint
    name = display_name(body_name, body_short_name)
    return Endpoint(
        name=name,
        slug=slugify(name) or endpoint.slug,
        system_urls=endpoint.system_urls,
        wikidata=endpoint.wikidata,
        note=endpoint.note,
    )
