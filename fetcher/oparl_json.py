"""Pure mapping of OParl 1.0/1.1 JSON to fetcher.model values, tolerant of vendor quirks. No I/O.

Every `*_from_json` takes one decoded OParl object (vendor fixups already applied by the client)
and returns a frozen value; placeholders, wrong types and garbage dates become None.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fetcher import vendors
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
from fetcher.vendors import JsonObject

BERLIN = ZoneInfo("Europe/Berlin")


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


def bool_value(value: Any) -> bool | None:
    """Return a bool from a bool or "true"/"false"; None for anything else."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


def int_value(value: Any) -> int | None:
    """Return an integer from an int or a digit string; None for anything else (bools too)."""
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
    size = int_value(obj.get("size"))
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
        authoritative=bool_value(obj.get("authoritative")),
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
        order=int_value(obj.get("order")),
        public=bool_value(obj.get("public")),
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
