"""Render an Atom 1.0 feed of papers (RFC 4287). Pure, no I/O.

Conventions: the feed and every entry carry a permanent `id` (an entry's is the paper's OParl id,
a URL that never changes), `updated` in RFC 3339, a `self` link; the author is given once for
the feed. Text goes through ElementTree, which escapes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from xml.etree import ElementTree as ET

ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_TYPE = "application/atom+xml; charset=utf-8"
AUTHOR = "Ratsbot"


@dataclass(frozen=True)
class FeedEntry:
    """One paper as a feed entry."""

    entry_id: str  # a permanent IRI: the paper's OParl id
    title: str
    updated: dt.datetime  # timezone-aware
    kommune: str
    kind: str
    reference: str | None = None
    factions: tuple[str, ...] = ()
    url: str | None = None
    summary: str | None = None
    questions: tuple[str, ...] = ()


def _time(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def entry_title(entry: FeedEntry) -> str:
    """Return "Anfrage 2026/0482: Titel (Bündnis 90/Die Grünen)"."""
    head = f"{entry.kind} {entry.reference}" if entry.reference else entry.kind
    tail = f" ({', '.join(entry.factions)})" if entry.factions else ""
    return f"{head}: {entry.title}{tail}"


def _summary(entry: FeedEntry) -> str:
    parts = [entry.kommune]
    if entry.summary:
        parts.append(entry.summary)
    parts += [f"{n}. {q}" for n, q in enumerate(entry.questions, 1)]
    return "\n\n".join(parts)


def render_atom(
    *,
    feed_id: str,
    title: str,
    self_url: str,
    entries: Sequence[FeedEntry],
    generated_at: dt.datetime,
) -> bytes:
    """Return the Atom document (UTF-8) with the entries newest first as given."""
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    sub(feed, "id", feed_id)
    sub(feed, "title", title)
    updated = max((e.updated for e in entries), default=generated_at)
    sub(feed, "updated", _time(updated))
    sub(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    author = sub(feed, "author")
    sub(author, "name", AUTHOR)
    sub(feed, "generator", AUTHOR)
    for entry in entries:
        item = sub(feed, "entry")
        sub(item, "id", entry.entry_id)
        sub(item, "title", entry_title(entry))
        sub(item, "updated", _time(entry.updated))
        if entry.url:
            sub(item, "link", rel="alternate", href=entry.url)
        for faction in entry.factions:
            sub(item, "category", term=faction)
        sub(item, "summary", _summary(entry))
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document
