"""Upserts of OParl records into the database (I/O): OParl ids are keys; re-syncs change nothing.

The fetcher hands over `fetcher.model` values; this module decides what is new, what changed and
what is the same paper under a new id (a city's migration to another vendor changes every id, but
the normalised reference stays: `fetcher.classify.normalise_reference`). A paper with its files,
consultations and answer files is stored by `storage.paper_upsert` (re-exported here).
"""

from __future__ import annotations

from tortoise.transactions import in_transaction

from fetcher import model
from fetcher.classify import kind_from_paper_type, normalise_reference
from fetcher.factions import canonical_faction, is_faction_organization
from storage import search
from storage.agenda import store_agenda
from storage.models import (
    Consultation,
    File,
    Kommune,
    Meeting,
    Organization,
    Paper,
    Person,
)
from storage.paper_upsert import (
    ANSWER_SUFFIX,
    PaperChange,
    faction_names,
    is_answer_file,
    upsert_paper,
)

__all__ = [
    "ANSWER_SUFFIX",
    "PaperChange",
    "apply_parsed",
    "faction_names",
    "is_answer_file",
    "mark_paper_deleted",
    "upsert_kommune",
    "upsert_meeting",
    "upsert_organization",
    "upsert_paper",
    "upsert_person",
]


async def upsert_kommune(body: model.Body, *, slug: str, name: str | None = None) -> Kommune:
    """Insert or update the Kommune for an OParl body."""
    defaults = {
        "name": name or body.name,
        "system_url": body.system_url,
        "vendor": body.vendor,
        "web_url": body.web_url,
    }
    if body.ags:  # a server that stops sending it does not erase what it said before
        defaults["ags"] = body.ags
    existing = await Kommune.get_or_none(slug=slug)
    if existing is not None:
        # The body id changes when the city moves to another endpoint: keep the row, take the id.
        existing.oparl_id = body.oparl_id
        existing.update_from_dict(defaults)
        await existing.save()
        return existing
    row, _ = await Kommune.update_or_create(
        defaults={**defaults, "slug": slug}, oparl_id=body.oparl_id
    )
    return row


async def upsert_organization(kommune: Kommune, org: model.Organization) -> Organization:
    """Insert or update an organization; factions get their canonical name."""
    is_faction = is_faction_organization(org.name, org.classification, org.organization_type)
    faction = None
    if is_faction:
        faction = canonical_faction(org.name) or canonical_faction(org.short_name or "")
    if is_faction and faction is None:
        # A local group (Wählervereinigung) is kept as printed.
        faction = org.short_name or org.name
    row, _ = await Organization.update_or_create(
        defaults={
            "kommune": kommune,
            "name": org.name,
            "short_name": org.short_name,
            "classification": org.classification or org.organization_type,
            "faction": faction,
            "deleted": org.deleted,
        },
        oparl_id=org.oparl_id,
    )
    return row


async def upsert_person(kommune: Kommune, person: model.Person) -> None:
    """Insert or update a person."""
    await Person.update_or_create(
        defaults={"kommune": kommune, "name": person.name, "deleted": person.deleted},
        oparl_id=person.oparl_id,
    )


async def apply_parsed(
    paper_id: int, file_oparl_id: str, parsed: model.ParsedDocument, *, sha256: str | None
) -> None:
    """Store what the parser read from a paper's main file; OParl wins for reference and date."""
    async with in_transaction():
        paper = await Paper.get(id=paper_id)
        file = await File.get_or_none(oparl_id=file_oparl_id)
        if file is not None:
            file.update_from_dict(
                {
                    "sha256": sha256,
                    "parse_status": parsed.parse_status,
                    "parse_error": parsed.parse_error,
                    "pages": parsed.pages,
                    "text_chars": parsed.text_chars,
                    "ocr": parsed.ocr,
                }
            )
            await file.save()
        paper.parse_status = parsed.parse_status
        if parsed.parse_status == "ok":
            paper.kind = kind_from_paper_type(paper.paper_type, paper.reference, parsed.kind)
            if paper.answer_to_id is not None:  # type: ignore[attr-defined]
                paper.kind = "Antwort"
            if paper.kind == "sonstiges" and parsed.kind in model.KINDS:
                paper.kind = parsed.kind
            # An answer file repeats its inquiry's reference: keep that on the inquiry alone.
            if not paper.reference and parsed.reference and paper.answer_to_id is None:  # type: ignore[attr-defined]
                paper.reference = parsed.reference
                paper.reference_key = normalise_reference(parsed.reference)
            if not paper.factions and parsed.factions:
                paper.factions = list(parsed.factions)
            paper.submitters = [] if paper.citizen_inquiry else list(parsed.submitters)
            paper.update_from_dict({"status": parsed.status})
            paper.consultations = [
                {
                    "committee": c.committee,
                    "date": c.date.isoformat() if c.date else None,
                    "role": c.role,
                }
                for c in parsed.consultations
            ]
            paper.questions = [_no_nul(q) for q in parsed.questions]
            paper.answers = [_no_nul(a) for a in parsed.answers]
            paper.update_from_dict(
                {"summary": _no_nul(parsed.summary), "full_text": _no_nul(parsed.full_text)}
            )
        await paper.save()
    await search.index_paper(paper_id)


def _no_nul(text: str | None) -> str | None:
    """Drop NUL characters: some PDFs' text layers contain them and PostgreSQL refuses them."""
    return text.replace("\x00", "") if text else text


async def mark_paper_deleted(oparl_id: str) -> bool:
    """Mark a paper deleted (OParl `deleted: true`); return True when a row was changed."""
    updated = await Paper.filter(oparl_id=oparl_id, deleted=False).update(deleted=True)
    if updated:
        row = await Paper.get(oparl_id=oparl_id)
        await search.remove_paper(row.id)
        # answer files stored as papers of their own go with their inquiry
        for answer in await Paper.filter(
            answer_to_id=row.id, oparl_id__endswith=ANSWER_SUFFIX, deleted=False
        ):
            answer.deleted = True
            await answer.save(update_fields=["deleted"])
            await search.remove_paper(answer.id)
    return bool(updated)


async def upsert_meeting(kommune: Kommune, meeting: model.Meeting) -> tuple[int, bool]:
    """Store a meeting with its agenda; return (row id, created)."""
    async with in_transaction():
        row, created = await Meeting.update_or_create(
            defaults={
                "kommune": kommune,
                "name": meeting.name,
                "start": meeting.start,
                "end": meeting.end,
                "location": meeting.location,
                "cancelled": meeting.cancelled,
                "organizations": list(meeting.organization_ids),
                "web_url": meeting.web_url,
                "deleted": meeting.deleted,
                "oparl_modified": meeting.modified,
            },
            oparl_id=meeting.oparl_id,
        )
        await store_agenda(row, list(meeting.agenda))
        await Consultation.filter(meeting_oparl_id=meeting.oparl_id, meeting_id=None).update(
            meeting_id=row.id
        )
    return row.id, created
