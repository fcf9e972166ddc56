"""Upserts of OParl records into the database (I/O): OParl ids are keys; re-syncs change nothing.

The fetcher hands over `fetcher.model` values; this module decides what is new, what changed and
what is the same paper under a new id (a city's migration to another vendor changes every id, but
the normalised reference stays: `fetcher.classify.normalise_reference`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tortoise.transactions import in_transaction

from fetcher import model
from fetcher.classify import (
    answered_reference,
    is_citizen_inquiry,
    kind_from_paper_type,
    normalise_reference,
)
from fetcher.factions import canonical_faction, factions_in, is_faction_organization
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


@dataclass(frozen=True)
class PaperChange:
    """What storing one OParl paper did: its row id and whether it was new or changed."""

    paper_id: int
    created: bool
    changed: bool
    needs_parse: bool


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


async def faction_names(organization_ids: tuple[str, ...]) -> list[str]:
    """Return the canonical faction names of the given OParl organization ids, in order."""
    if not organization_ids:
        return []
    rows = await Organization.filter(oparl_id__in=list(organization_ids)).values_list(
        "oparl_id", "faction"
    )
    by_id = dict(rows)
    return _unique(by_id[o] for o in organization_ids if by_id.get(o))


def _unique(items: Any) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen


async def _find_existing(kommune: Kommune, paper: model.Paper) -> Paper | None:
    row = await Paper.get_or_none(oparl_id=paper.oparl_id)
    if row is not None or not paper.reference:
        return row
    # Same Kommune, same normalised reference and same title: the city migrated and ids changed.
    candidates = await Paper.filter(
        kommune=kommune, reference_key=normalise_reference(paper.reference)
    ).all()
    for candidate in candidates:
        if candidate.title.strip().casefold() == paper.name.strip().casefold():
            return candidate
    return None


async def upsert_paper(kommune: Kommune, paper: model.Paper) -> PaperChange:
    """Store a paper's OParl metadata, its files and consultations; report what changed."""
    factions = await faction_names(paper.originator_organization_ids)
    if not factions:
        factions = factions_in(paper.name)
    kind = kind_from_paper_type(paper.paper_type, paper.reference)
    citizen = is_citizen_inquiry(paper.paper_type, paper.reference)
    main = paper.main_file
    fields: dict[str, Any] = {
        "kommune_id": kommune.id,
        "reference": paper.reference,
        "reference_key": normalise_reference(paper.reference) if paper.reference else None,
        "title": paper.name,
        "paper_type": paper.paper_type,
        "date": paper.date,
        "web_url": paper.web_url,
        "pdf_url": main.url if main else None,
        "citizen_inquiry": citizen,
        "deleted": paper.deleted,
        "oparl_created": paper.created,
        "oparl_modified": paper.modified,
        "extra": paper.extra,
    }
    async with in_transaction():
        row = await _find_existing(kommune, paper)
        created = row is None
        if row is None:
            row = await Paper.create(
                oparl_id=paper.oparl_id, kind=kind, factions=factions, **fields
            )
            changed = True
        else:
            before = {key: getattr(row, key) for key in fields}
            row.oparl_id = paper.oparl_id
            row.update_from_dict(fields)
            if row.parse_status in ("pending", "failed", "no_file") or row.kind == "sonstiges":
                row.kind = kind if kind != "sonstiges" else row.kind
            if factions and not row.factions:
                row.factions = factions
            changed = before != {key: getattr(row, key) for key in fields}
            if changed:
                await row.save()
        needs_parse = False
        files = ([main] if main else []) + list(paper.auxiliary_files)
        for index, file in enumerate(files):
            role = "main" if index == 0 and main is not None else file.role
            file_row, file_created = await File.get_or_create(
                oparl_id=file.oparl_id,
                defaults={"paper": row, "role": role},
            )
            before_url = file_row.url
            file_row.paper = row
            file_row.role = role
            file_row.name = file.name or file.file_name
            file_row.mime_type = file.mime_type
            file_row.url = file.url
            file_row.size = file.size
            file_row.deleted = file.deleted
            await file_row.save()
            if role == "main" and (
                file_created or before_url != file.url or file_row.sha256 is None
            ):
                needs_parse = needs_parse or not file.deleted
        if main is None and row.parse_status == "pending":
            row.parse_status = "no_file"
            await row.save(update_fields=["parse_status"])
        for consultation in paper.consultations:
            await Consultation.update_or_create(
                defaults={
                    "paper": row,
                    "meeting_oparl_id": consultation.meeting_id,
                    "role": consultation.role,
                    "authoritative": consultation.authoritative,
                },
                oparl_id=consultation.oparl_id,
            )
        await _link_answer(kommune, row, paper)
        for file in paper.auxiliary_files:
            if row.kind == "Anfrage" and not file.deleted and is_answer_file(file):
                await _store_answer_file(kommune, row, file)
    if changed:
        await search.index_paper(row.id)
    return PaperChange(row.id, created, changed, needs_parse)


# SessionNet (Karlsruhe, Köln, …) publishes the administration's answer as another file of the
# inquiry's own paper ("Stellungnahme zur Anfrage"), not as a paper of its own (ALLRIS/Leipzig).
# Karlsruhe abbreviates it in 20 of its 400 fixture inquiries: "StN Anfrage 20260283 SPD - …",
# "Vorl.Nr. 59_STN CDU_Radweg …", "St zur Anfrage".
_ANSWER_FILE = re.compile(
    r"stellungnahme|antwort|beantwortung|(?<![a-z])stn(?![a-z])|^st zur ", re.IGNORECASE
)
ANSWER_SUFFIX = "#answer"


def is_answer_file(file: model.File) -> bool:
    """Return True for a file that holds the answer to the inquiry it is attached to."""
    return bool(_ANSWER_FILE.search(file.name or file.file_name or ""))


async def _store_answer_file(kommune: Kommune, inquiry: Paper, file: model.File) -> None:
    """Give an answer file a paper row of its own (kind Antwort, answer_to the inquiry).

    Then it runs through the same pipeline as an ALLRIS answer paper: download, parse, notify
    the inquiry's recipients and followers. Created once; later polls leave it alone.
    """
    oparl_id = file.oparl_id + ANSWER_SUFFIX
    existing = await Paper.get_or_none(oparl_id=oparl_id)
    if existing is not None:
        # Rows stored before File.date was read carry the inquiry's date: correct it once.
        if file.date is not None and existing.date != file.date:
            existing.date = file.date
            await existing.save(update_fields=["date"])
        return
    answer = await Paper.create(
        oparl_id=oparl_id,
        kommune_id=kommune.id,
        title=f"{file.name or 'Antwort'}: {inquiry.title}",
        paper_type=file.name or "Antwort",
        kind="Antwort",
        # The day the answer was filed (SessionNet File.date), so "answered after N days" holds.
        date=file.date or inquiry.date,
        web_url=inquiry.web_url,
        pdf_url=file.url,
        factions=list(inquiry.factions),
        answer_to=inquiry,
    )
    await File.update_or_create(
        defaults={
            "paper": answer,
            "role": "main",
            "name": file.name,
            "mime_type": file.mime_type,
            "url": file.url,
            "size": file.size,
        },
        oparl_id=oparl_id,
    )


async def _link_answer(kommune: Kommune, row: Paper, paper: model.Paper) -> None:
    """Set answer_to when this paper answers an inquiry (by name/reference or related papers)."""
    if row.answer_to_id is not None:  # type: ignore[attr-defined]
        return
    if row.kind != "Antwort" and answered_reference(paper.name) is None:
        return
    target: Paper | None = None
    ref = answered_reference(paper.name) or (
        answered_reference(paper.reference) if paper.reference else None
    )
    if ref:
        target = (
            await Paper.filter(kommune=kommune, reference_key=normalise_reference(ref))
            .exclude(id=row.id)
            .first()
        )
    if target is None and row.kind == "Antwort":
        related = list(paper.related_paper_ids) + list(paper.superordinated_paper_ids)
        if related:
            target = await Paper.filter(oparl_id__in=related, kind="Anfrage").first()
    if target is not None:
        row.answer_to = target
        if row.kind != "Antwort":
            row.kind = "Antwort"
        await row.save(update_fields=["answer_to_id", "kind"])


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
