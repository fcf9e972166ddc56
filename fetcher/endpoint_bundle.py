"""Building fetcher/data/endpoints.json from the OParl registry and dated corrections. Pure.

`make endpoints` reads the registry copy (OParl/resources endpoints.yml, in
../shared/fixtures/oparl/endpoints.yml) and fetcher/data/endpoint-corrections.json and writes the
bundle. Registry entries are grouped into Kommunen by Wikidata id and by System URL (http and
https count as one, the https spelling kept), named by their fullest title; then every correction
is applied. A correction names a slug, the date it was made and its evidence, and what it changes
(`name`, `new_slug`, `system_urls`, `note`, `remove`, or a whole new entry with `add` placed
`after` a slug). Leipzig comes first. Marks written by `ratsbot endpoints check` (`dead`) are
carried over from the previous bundle.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from fetcher.endpoints import slugify

FIRST = "leipzig"
_KEY = re.compile(r"^(-\s+)?([A-Za-z_]+):\s*(.*)$")


def parse_registry(text: str) -> list[dict[str, str]]:
    """Return the registry's entries (a YAML list of flat maps) as dicts of strings.

    Only `key: value` lines directly under an entry count; folded descriptions (indented deeper)
    are skipped, which is all the registry needs (no YAML library in the dependencies).
    """
    entries: list[dict[str, str]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        match = _KEY.match(line.strip())
        if line.startswith("- "):
            entries.append({})
        elif indent != 2 or not entries:
            continue
        if match is not None and entries:
            value = match.group(3).strip().strip("'\"")
            if value and value not in (">", "|", ">-", "|-"):
                entries[-1].setdefault(match.group(2), value)
    return [e for e in entries if e.get("url")]


def _url_key(url: str) -> str:
    return re.sub(r"^https?://", "", url.strip().rstrip("/")).lower()


def group_registry(entries: Iterable[Mapping[str, str]]) -> list[dict[str, Any]]:
    """Return one Kommune per Wikidata id or shared System URL, in registry order."""
    groups: list[dict[str, Any]] = []
    by_key: dict[str, dict[str, Any]] = {}
    for entry in entries:
        keys = [f"url:{_url_key(entry['url'])}"] + ([f"wd:{entry['wd']}"] if "wd" in entry else [])
        group = next((by_key[k] for k in keys if k in by_key), None)
        if group is None:
            group = {"titles": [], "system_urls": [], "wikidata": entry.get("wd"), "note": None}
            groups.append(group)
        group["titles"].append(entry["title"])
        _add_url(group["system_urls"], entry["url"])
        for key in keys:
            by_key.setdefault(key, group)
    for group in groups:
        titles = group.pop("titles")
        # The fullest title names it ("Stadt Eschwege" over "Eschwege"), not an office's.
        named = [t for t in titles if not t.startswith("Stadtverwaltung ")] or titles
        group["name"] = max(named, key=len)
        group["slug"] = slugify(group["name"])
    return groups


def _add_url(urls: list[str], url: str) -> None:
    """Add a System URL; http and https of one URL are one, the https spelling wins."""
    for i, known in enumerate(urls):
        if _url_key(known) == _url_key(url):
            if url.startswith("https://"):
                urls[i] = url
            return
    urls.append(url)


def apply_corrections(
    groups: Sequence[dict[str, Any]], corrections: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Return the Kommunen with every correction applied (each must have date and evidence)."""
    out = [dict(g) for g in groups]
    for fix in corrections:
        if not fix.get("date") or not fix.get("evidence"):
            raise ValueError(f"correction without date or evidence: {fix.get('slug')!r}")
        slug = fix["slug"]
        index = next((i for i, g in enumerate(out) if g["slug"] == slug), None)
        if "add" in fix:
            position = next((i + 1 for i, g in enumerate(out) if g["slug"] == fix["after"]), 0)
            out.insert(position, {"slug": slug, **fix["add"]})
            continue
        if index is None:
            raise ValueError(f"correction for unknown slug {slug!r}")
        if fix.get("remove"):
            del out[index]
            continue
        for field in ("name", "system_urls", "note", "wikidata"):
            if field in fix:
                out[index][field] = fix[field]
        if "name" in fix or "new_slug" in fix:
            out[index]["slug"] = fix.get("new_slug") or slugify(fix["name"])
    return out


def build_bundle(
    registry_text: str,
    corrections: Mapping[str, Any],
    previous: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Return the bundle JSON: registry grouped, corrected, Leipzig first, dead marks kept."""
    kommunen = apply_corrections(
        group_registry(parse_registry(registry_text)), corrections["corrections"]
    )
    kommunen.sort(key=lambda k: k["slug"] != FIRST)  # stable: the rest keeps registry order
    dead = {e["slug"]: e["dead"] for e in (previous or {}).get("endpoints", []) if e.get("dead")}
    endpoints = []
    for k in kommunen:
        entry = {f: k.get(f) for f in ("name", "slug", "system_urls", "wikidata", "note")}
        if k["slug"] in dead:
            entry["dead"] = dead[k["slug"]]
        endpoints.append(entry)
    return {"source": corrections["source"], "endpoints": endpoints}
