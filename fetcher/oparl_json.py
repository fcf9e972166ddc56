"""Pure mapping of OParl 1.0/1.1 JSON to fetcher.model values, tolerant of vendor quirks. No I/O.

Every `*_from_json` takes one decoded OParl object (vendor fixups already applied by the client)
and returns a frozen value; placeholders, wrong types and garbage dates become None. Every value
also fits its storage column (`COLUMN_LIMITS`): texts are cut, over-long URLs and out-of-range
numbers dropped, embedded objects without a usable id left out. What cannot be fixed, an object
without a usable id, raises BadRecord, which the list walk counts and skips (issue #18: one
over-long reference used to stop a Kommune's whole sync).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from fetcher import vendors
from fetcher.clock import BERLIN
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

# Widths of the storage columns (storage/models.py; tests/test_poison.py keeps both equal). The
# fetcher cannot import storage (it depends on fetcher), hence the copy.
COLUMN_LIMITS = {
    "Paper.oparl_id": 500,
    "Paper.reference": 100,
    "Paper.paper_type": 200,
    "Paper.web_url": 1000,
    "File.oparl_id": 500,
    "File.name": 500,
    "File.mime_type": 100,
    "File.url": 1000,
    "Consultation.oparl_id": 500,
    "Consultation.role": 300,
    "Consultation.meeting_oparl_id": 500,
    "Meeting.oparl_id": 500,
    "Meeting.name": 500,
    "Meeting.web_url": 1000,
    "AgendaItem.oparl_id": 500,
    "AgendaItem.number": 50,
    "AgendaItem.paper_oparl_id": 500,
    "Organization.oparl_id": 500,
    "Organization.name": 500,
    "Organization.short_name": 200,
    "Organization.classification": 200,
    "Person.oparl_id": 500,
    "Person.name": 300,
    "Kommune.oparl_id": 500,
    "Kommune.name": 200,
    "Kommune.web_url": 500,
    "Kommune.system_url": 500,
    "Kommune.vendor": 50,
}
LIMIT = COLUMN_LIMITS
MAX_ID_CHARS = 500
# storage turns a File's id + "#answer" into the oparl_id of an answer paper (records.py).
MAX_FILE_ID_CHARS = MAX_ID_CHARS - len("#answer")
# ... and an answer file's name becomes that paper's paper_type (200), not only File.name (500).
MAX_FILE_NAME_CHARS = min(LIMIT["File.name"], LIMIT["Paper.paper_type"])
MAX_INT32 = 2**31 - 1  # IntField (AgendaItem.order)
MAX_INT64 = 2**63 - 1  # BigIntField (File.size)


class BadRecord(ValueError):
    """Raised when an OParl object cannot be mapped at all: no usable id (missing, not a string,
    longer than its column) or not an object; the list walk skips and counts it."""


def _cut(value: str | None, limit: int, fixed: list[str] | None, key: str) -> str | None:
    """Return `value` cut to `limit` characters, noting the cut in `fixed`."""
    if value is not None and len(value) > limit:
        if fixed is not None:
            fixed.append(f"{key} cut from {len(value)} to {limit} characters")
        return value[:limit].rstrip()
    return value


def _fits(value: str | None, limit: int, fixed: list[str] | None, key: str) -> str | None:
    """Return `value`, or None (noted in `fixed`) when it is longer than `limit`: for URLs and
    ids, where a cut value would point somewhere else."""
    if value is not None and len(value) > limit:
        if fixed is not None:
            fixed.append(f"{key} dropped: {len(value)} characters > {limit}")
        return None
    return value


def _text(obj: JsonObject, key: str, fixed: list[str]) -> str | None:
    """Return `clean_str` of a field, noting a list or object where a string belongs."""
    value = obj.get(key)
    if isinstance(value, dict | list):
        fixed.append(f"{key} of type {type(value).__name__} ignored")
        return None
    return clean_str(value)


def _in_range(value: int | None, limit: int) -> int | None:
    return value if value is not None and 0 <= value <= limit else None


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
        # References are URLs: a number is not one (clean_str would turn it into "17").
        text = clean_str(ref) if isinstance(ref, str) else None
        # An id longer than the id column can never name a stored object.
        if text is not None and len(text) <= MAX_ID_CHARS:
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
        elif isinstance(item, str) and clean_str(item) is not None:
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


def _id(obj: JsonObject, limit: int = MAX_ID_CHARS) -> str:
    raw = obj.get("id")
    if raw is None:
        raise BadRecord("OParl object without id")
    if not isinstance(raw, str):
        raise BadRecord(f"OParl id of type {type(raw).__name__}, not a string")
    oid = clean_str(raw)
    if not oid:
        raise BadRecord("OParl object with an empty id")
    if len(oid) > limit:
        raise BadRecord(f"OParl id of {len(oid)} characters (> {limit}): {oid[:80]}…")
    return oid


def usable_id(obj: JsonObject, limit: int = MAX_ID_CHARS) -> str | None:
    """Return an object's id if it can be stored, else None (for embedded objects)."""
    try:
        return _id(obj, limit)
    except BadRecord:
        return None


def type_name(obj: JsonObject) -> str | None:
    """Return the short type ("Paper", "Meeting", …) of an object, for 1.0 and 1.1 alike."""
    kind = clean_str(obj.get("type"))
    return kind.rstrip("/").rsplit("/", 1)[-1] if kind else None


def file_from_json(
    obj: JsonObject, role: str = "attachment", fixed: list[str] | None = None
) -> File:
    """Map an OParl File (embedded or fetched) to a File value."""
    size = _in_range(int_value(obj.get("size")), MAX_INT64)
    access = _fits(clean_str(obj.get("accessUrl")), LIMIT["File.url"], fixed, "file accessUrl")
    download = _fits(
        clean_str(obj.get("downloadUrl")), LIMIT["File.url"], fixed, "file downloadUrl"
    )
    mime = vendors.allris4_short_mime_type(clean_str(obj.get("mimeType")))
    return File(
        oparl_id=_id(obj, MAX_FILE_ID_CHARS),
        name=_cut(clean_str(obj.get("name")), MAX_FILE_NAME_CHARS, fixed, "file name"),
        file_name=_cut(clean_str(obj.get("fileName")), MAX_FILE_NAME_CHARS, fixed, "file fileName"),
        mime_type=_fits(mime, LIMIT["File.mime_type"], fixed, "file mimeType"),
        access_url=vendors.sternberg_double_slash_url(access) if access else None,
        download_url=vendors.sternberg_double_slash_url(download) if download else None,
        size=size or None,  # ALLRIS 4 sends size 0 for unknown (§4.2)
        role=role,
        deleted=obj.get("deleted") is True,
        date=parse_date(obj.get("date")),
    )


def consultation_from_json(
    obj: JsonObject, paper_id: str | None = None, fixed: list[str] | None = None
) -> Consultation:
    """Map an OParl Consultation; embedded ones lack `paper`, so the caller may pass it."""
    obj = vendors.allris4_lowercase_agendaitem(obj)
    return Consultation(
        oparl_id=_id(obj),
        paper_id=ref(obj.get("paper")) or paper_id,
        meeting_id=ref(obj.get("meeting")),
        agenda_item_id=ref(obj.get("agendaItem")),
        organization_ids=refs(obj.get("organization")),
        role=_cut(
            clean_str(obj.get("role")), LIMIT["Consultation.role"], fixed, "consultation role"
        ),
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
    `extra["main_file_from_auxiliary"]` says so. Values fixed to fit storage are listed in
    `extra["fixed"]`.
    """
    oid = _id(obj)
    fixed: list[str] = []
    aux = [
        file_from_json(f, fixed=fixed)
        for f in _embedded(obj.get("auxiliaryFile"), "auxiliaryFile", fixed, MAX_FILE_ID_CHARS)
    ]
    main_objs = _embedded(obj.get("mainFile"), "mainFile", fixed, MAX_FILE_ID_CHARS)
    main = file_from_json(main_objs[0], role="main", fixed=fixed) if main_objs else None
    extra = {k: v for k, v in obj.items() if k not in _PAPER_KEYS}
    if main is None and aux:
        index = vendors.somacos_main_file_index([f.name for f in aux])
        if index is not None:
            picked = aux.pop(index)
            main = File(**{**picked.__dict__, "role": "main"})
            extra["main_file_from_auxiliary"] = True
    reference = _cut(_text(obj, "reference", fixed), LIMIT["Paper.reference"], fixed, "reference")
    paper_type = _cut(_text(obj, "paperType", fixed), LIMIT["Paper.paper_type"], fixed, "paperType")
    web_url = _fits(_text(obj, "web", fixed), LIMIT["Paper.web_url"], fixed, "web")
    consultations = tuple(
        consultation_from_json(c, paper_id=oid, fixed=fixed)
        for c in _embedded(obj.get("consultation"), "consultation", fixed)
    )
    if fixed:
        extra["fixed"] = fixed
    return Paper(
        oparl_id=oid,
        name=_text(obj, "name", fixed) or "",
        reference=reference,
        paper_type=paper_type,
        date=parse_date(obj.get("date")),
        web_url=web_url,
        main_file=main,
        auxiliary_files=tuple(aux),
        related_paper_ids=refs(obj.get("relatedPaper")),
        superordinated_paper_ids=refs(obj.get("superordinatedPaper")),
        subordinated_paper_ids=refs(obj.get("subordinatedPaper")),
        originator_organization_ids=refs(obj.get("originatorOrganization")),
        originator_person_ids=refs(obj.get("originatorPerson")),
        consultations=consultations,
        created=parse_datetime(obj.get("created")),
        modified=parse_datetime(obj.get("modified")),
        deleted=obj.get("deleted") is True,
        extra=extra,
    )


def _embedded(
    value: Any, key: str, fixed: list[str] | None, limit: int = MAX_ID_CHARS
) -> list[JsonObject]:
    """Return the embedded objects of a field that have a storable id; note the others."""
    out: list[JsonObject] = []
    for item in objects(value):
        if usable_id(item, limit) is not None:
            out.append(item)
        elif fixed is not None:
            fixed.append(f"{key} without usable id left out")
    return out


def agenda_item_from_json(obj: JsonObject) -> AgendaItem:
    """Map an OParl AgendaItem (usually embedded in a Meeting)."""
    obj = vendors.allris4_lowercase_agendaitem(obj)
    return AgendaItem(
        oparl_id=_id(obj),
        number=_cut(clean_str(obj.get("number")), LIMIT["AgendaItem.number"], None, "number"),
        name=clean_str(obj.get("name")),
        order=_in_range(int_value(obj.get("order")), MAX_INT32),
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
        name=_cut(clean_str(obj.get("name")), LIMIT["Meeting.name"], None, "name"),
        start=parse_datetime(obj.get("start")),
        end=parse_datetime(obj.get("end")),
        location=_location_text(obj.get("location")),
        cancelled=obj.get("cancelled") is True,
        organization_ids=refs(obj.get("organization")),
        agenda=tuple(
            agenda_item_from_json(a) for a in _embedded(obj.get("agendaItem"), "agendaItem", None)
        ),
        web_url=_fits(clean_str(obj.get("web")), LIMIT["Meeting.web_url"], None, "web"),
        created=parse_datetime(obj.get("created")),
        modified=parse_datetime(obj.get("modified")),
        deleted=obj.get("deleted") is True,
    )


def organization_from_json(obj: JsonObject) -> Organization:
    """Map an OParl Organization (faction, committee, office)."""
    obj = vendors.allris4_type_abbreviation(obj)
    return Organization(
        oparl_id=_id(obj),
        name=_cut(clean_str(obj.get("name")), LIMIT["Organization.name"], None, "name") or "",
        short_name=_cut(
            clean_str(obj.get("shortName")), LIMIT["Organization.short_name"], None, "shortName"
        ),
        classification=_cut(
            clean_str(obj.get("classification")),
            LIMIT["Organization.classification"],
            None,
            "classification",
        ),
        organization_type=clean_str(obj.get("organizationType")),
        deleted=obj.get("deleted") is True,
    )


def person_from_json(obj: JsonObject) -> Person:
    """Map an OParl Person (name falls back to given + family name)."""
    name = clean_str(obj.get("name"))
    if name is None:
        parts = [clean_str(obj.get(k)) for k in ("givenName", "familyName")]
        name = " ".join(p for p in parts if p)
    return Person(
        oparl_id=_id(obj),
        name=_cut(name, LIMIT["Person.name"], None, "name") or "",
        deleted=obj.get("deleted") is True,
    )


def body_from_json(
    obj: JsonObject, system_url: str | None = None, vendor: str | None = None
) -> Body:
    """Map an OParl Body (one Kommune)."""
    web = clean_str(obj.get("web")) or clean_str(obj.get("website"))
    # OParl 1.1 Body.ags / Body.rgs: digits only; some servers drop the leading zero
    # (Hürtgenwald, NRW: "5358016" for 05358016), which bot/chat/kommune_lands.py allows for.
    ags = clean_str(obj.get("ags")) or clean_str(obj.get("rgs"))
    return Body(
        oparl_id=_id(obj),
        name=_cut(clean_str(obj.get("name")), LIMIT["Kommune.name"], None, "name") or "",
        short_name=clean_str(obj.get("shortName")),
        web_url=_fits(web, LIMIT["Kommune.web_url"], None, "web"),
        system_url=_fits(system_url, LIMIT["Kommune.system_url"], None, "system"),
        vendor=_cut(vendor, LIMIT["Kommune.vendor"], None, "vendor"),
        ags=ags if ags and ags.isascii() and ags.isdigit() and len(ags) <= 12 else None,
    )


def raw_object(obj: JsonObject) -> JsonObject:
    """Return the object unchanged (parser for lists whose items the caller maps itself)."""
    return obj


def guess_newest_first_from_ends(
    first_page: Sequence[Paper], last_page: Sequence[Paper]
) -> bool | None:
    """Return whether a list runs newest → oldest, judged by its first and last page's dates.

    For lists whose pages are too short to show an order (one paper per page, or equal dates):
    every dated paper of the first page newer than every one of the last page means newest
    first, and the reverse oldest first; None when the dates overlap or are missing.
    """
    first = [k for k in map(_paper_day, first_page) if k is not None]
    last = [k for k in map(_paper_day, last_page) if k is not None]
    if not first or not last:
        return None
    if min(first) > max(last):
        return True
    if max(first) < min(last):
        return False
    return None


def _paper_day(paper: Paper) -> date | None:
    return paper.date or (paper.created.date() if paper.created else None)


def guess_newest_first(papers: Sequence[Paper]) -> bool | None:
    """Return whether a list page runs newest → oldest, judged by dates; None when undecidable."""
    keys = [_paper_day(p) for p in papers]
    known = [k for k in keys if k is not None]
    ups = sum(1 for a, b in itertools.pairwise(known) if b > a)
    downs = sum(1 for a, b in itertools.pairwise(known) if b < a)
    if ups == downs:
        return None
    return downs > ups
