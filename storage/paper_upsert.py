"""Storing one OParl paper with its files, consultations and answer files, in few statements (I/O).

One SELECT per table reads what exists (the paper by OParl id or by normalised reference, its
answer papers, its files, its consultations); the writes that follow are computed in memory and
sent in one transaction: an INSERT per new paper row, one bulk INSERT per table for new files and
consultations, and an UPDATE only for a row whose values changed. A re-sync of an unchanged paper
reads and writes nothing else. Rows, ids and the reported change are those of the former
row-by-row `get_or_create`/`update_or_create`.

Races: a Kommune is synced by one fetch worker at a time (storage/leases.py). Should another
writer still insert one of these rows between the reads and the writes, the unique OParl id
raises IntegrityError, the transaction rolls back, and the whole paper is stored once more,
finding that row (what `get_or_create` did per row with a savepoint).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from fetcher import model
from fetcher.classify import (
    answered_reference,
    is_citizen_inquiry,
    kind_from_paper_type,
    normalise_reference,
)
from fetcher.factions import factions_in
from storage import search
from storage.models import Consultation, File, Kommune, Organization, Paper


@dataclass(frozen=True)
class PaperChange:
    """What storing one OParl paper did: its row id and whether it was new or changed."""

    paper_id: int
    created: bool
    changed: bool
    needs_parse: bool


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


def _answer_files(paper: model.Paper) -> list[model.File]:
    """The paper's files that become answer papers of their own when the paper is an inquiry."""
    return [f for f in paper.auxiliary_files if not f.deleted and is_answer_file(f)]


async def _read_papers(
    kommune: Kommune, paper: model.Paper, answer_ids: list[str]
) -> tuple[Paper | None, dict[str, Paper]]:
    """Return the stored paper (by OParl id, else the same paper under a migrated id) and the
    stored answer papers by OParl id, in one SELECT."""
    query = Q(oparl_id__in=[paper.oparl_id, *answer_ids])
    key = normalise_reference(paper.reference) if paper.reference else None
    if paper.reference:
        query |= Q(kommune_id=kommune.id, reference_key=key)
    rows = await Paper.filter(query).order_by("id")
    by_id = {row.oparl_id: row for row in rows}
    answers = {i: by_id[i] for i in answer_ids if i in by_id}
    if paper.oparl_id in by_id:
        return by_id[paper.oparl_id], answers
    # Same Kommune, same normalised reference and same title: the city migrated and ids changed.
    title = paper.name.strip().casefold()
    for row in rows:
        same_key = row.kommune_id == kommune.id and row.reference_key == key  # type: ignore[attr-defined]
        if paper.reference and same_key and row.title.strip().casefold() == title:
            return row, answers
    return None, answers


def _assign(row: Any, values: dict[str, Any]) -> None:
    """Set `values` on a row staged for a bulk INSERT."""
    for name, value in values.items():
        setattr(row, name, value)


class _Writes:
    """The rows one paper's upsert creates and updates, sent together at the end.

    A stored row's fields are compared with the values it was read with when the writes are
    sent, so a row listed twice by one paper (Karlsruhe lists one consultation with two
    meetings: the later listing wins) is written only when its final values differ.
    """

    def __init__(self) -> None:
        self.new_files: dict[str, File] = {}
        self.new_consultations: dict[str, Consultation] = {}
        self.updates: dict[int, tuple[Any, dict[str, Any], bool]] = {}

    def record(self, row: Any, originals: dict[str, Any], *, stamp: bool) -> None:
        """Stage a stored row already changed in memory, given the values it was read with."""
        entry = self.updates.setdefault(id(row), (row, {}, stamp))
        for name, value in originals.items():
            entry[1].setdefault(name, value)

    def assign(self, row: Any, values: dict[str, Any], *, stamp: bool) -> None:
        """Set `values` on a stored row; `stamp` also sets `updated_at` (what a full save did)."""
        for name, value in values.items():
            current = getattr(row, name)
            if current != value:
                entry = self.updates.setdefault(id(row), (row, {}, stamp))
                entry[1].setdefault(name, current)
                setattr(row, name, value)

    def pending(self) -> bool:
        """True when anything is staged."""
        return bool(self.new_files or self.new_consultations or self.updates)

    async def send(self) -> None:
        if self.new_files:
            await File.bulk_create(list(self.new_files.values()))
        if self.new_consultations:
            await Consultation.bulk_create(list(self.new_consultations.values()))
        for row, originals, stamp in self.updates.values():
            fields = [name for name, value in originals.items() if getattr(row, name) != value]
            if fields and stamp and "updated_at" in row._meta.fields_map:
                fields.append("updated_at")
            if fields:
                await row.save(update_fields=fields)


def _stage_file(
    writes: _Writes, stored: dict[str, File], oparl_id: str, values: dict[str, Any]
) -> tuple[File, bool, str | None]:
    """Stage a file row with `values`; return it, whether it is new, and its URL before."""
    staged = writes.new_files.get(oparl_id)
    if staged is not None:  # listed twice by one paper: the later listing wins
        before_url = staged.url
        _assign(staged, values)
        return staged, False, before_url
    row = stored.get(oparl_id)
    if row is not None:
        before_url = row.url
        writes.assign(row, values, stamp=True)
        return row, False, before_url
    row = File(oparl_id=oparl_id, **values)
    writes.new_files[oparl_id] = row
    return row, True, None


def _stage_consultation(
    writes: _Writes, stored: dict[str, Consultation], paper_id: int, c: model.Consultation
) -> None:
    values = {
        "paper_id": paper_id,
        "meeting_oparl_id": c.meeting_id,
        "role": c.role,
        "authoritative": c.authoritative,
    }
    staged = writes.new_consultations.get(c.oparl_id)
    if staged is not None:
        _assign(staged, values)
    elif c.oparl_id in stored:
        writes.assign(stored[c.oparl_id], values, stamp=False)
    else:
        writes.new_consultations[c.oparl_id] = Consultation(oparl_id=c.oparl_id, **values)


def _update_paper(
    writes: _Writes,
    row: Paper,
    paper: model.Paper,
    fields: dict[str, Any],
    kind: str,
    factions: list[str],
) -> bool:
    """Apply the OParl values to a stored paper and stage the changes; True if `fields` changed."""
    before = {key: getattr(row, key) for key in fields}
    kept = {"oparl_id": row.oparl_id, "kind": row.kind, "factions": list(row.factions)}
    row.oparl_id = paper.oparl_id
    row.update_from_dict(fields)
    if row.parse_status in ("pending", "failed", "no_file") or row.kind == "sonstiges":
        row.kind = kind if kind != "sonstiges" else row.kind
    if factions and not row.factions:
        row.factions = factions
    changed = before != {key: getattr(row, key) for key in fields}
    if changed:  # else nothing is written, as before (a new kind or factions wait)
        writes.record(row, {**before, **kept}, stamp=True)
    if paper.main_file is None and row.parse_status == "pending":
        writes.assign(row, {"parse_status": "no_file"}, stamp=False)
    return changed


async def upsert_paper(kommune: Kommune, paper: model.Paper) -> PaperChange:
    """Store a paper's OParl metadata, its files and consultations; report what changed."""
    try:
        return await _upsert_paper(kommune, paper)
    except IntegrityError:
        # Another writer inserted one of its rows after our reads: store it again, reading that.
        return await _upsert_paper(kommune, paper)


def _paper_fields(kommune: Kommune, paper: model.Paper) -> dict[str, Any]:
    main = paper.main_file
    return {
        "kommune_id": kommune.id,
        "reference": paper.reference,
        "reference_key": normalise_reference(paper.reference) if paper.reference else None,
        "title": paper.name,
        "paper_type": paper.paper_type,
        "date": paper.date,
        "web_url": paper.web_url,
        "pdf_url": main.url if main else None,
        "citizen_inquiry": is_citizen_inquiry(paper.paper_type, paper.reference),
        "deleted": paper.deleted,
        "oparl_created": paper.created,
        "oparl_modified": paper.modified,
        "extra": paper.extra,
    }


async def _by_oparl_id(model_class: Any, oparl_ids: list[str]) -> dict[str, Any]:
    if not oparl_ids:
        return {}
    return {row.oparl_id: row for row in await model_class.filter(oparl_id__in=oparl_ids)}


async def _upsert_paper(kommune: Kommune, paper: model.Paper) -> PaperChange:
    factions = await faction_names(paper.originator_organization_ids)
    if not factions:
        factions = factions_in(paper.name)
    kind = kind_from_paper_type(paper.paper_type, paper.reference)
    main = paper.main_file
    fields = _paper_fields(kommune, paper)
    answer_files = _answer_files(paper)
    answer_ids = [f.oparl_id + ANSWER_SUFFIX for f in answer_files]
    row, answers = await _read_papers(kommune, paper, answer_ids)
    files = ([main] if main else []) + list(paper.auxiliary_files)
    stored_files: dict[str, File] = await _by_oparl_id(
        File, [f.oparl_id for f in files] + answer_ids
    )
    stored_consultations: dict[str, Consultation] = await _by_oparl_id(
        Consultation, [c.oparl_id for c in paper.consultations]
    )
    writes = _Writes()
    children = _Children(paper, files, stored_files, stored_consultations, answer_files, answers)
    if row is None:
        async with in_transaction():
            row = await Paper.create(
                oparl_id=paper.oparl_id,
                kind=kind,
                factions=factions,
                parse_status="pending" if main else "no_file",
                **fields,
            )
            needs_parse = children.stage(writes, row.id)
            await children.finish(writes, kommune, row)
        await search.index_paper(row.id)
        return PaperChange(row.id, True, True, needs_parse)
    changed = _update_paper(writes, row, paper, fields, kind, factions)
    needs_parse = children.stage(writes, row.id)
    if writes.pending() or _may_link(row, paper) or children.answer_writes(row):
        async with in_transaction():
            await children.finish(writes, kommune, row)
    if changed:
        await search.index_paper(row.id)
    return PaperChange(row.id, False, changed, needs_parse)


def _may_link(row: Paper, paper: model.Paper) -> bool:
    """True when `_link_answer` may look for (and link) the inquiry this paper answers."""
    if row.answer_to_id is not None:  # type: ignore[attr-defined]
        return False
    return row.kind == "Antwort" or answered_reference(paper.name) is not None


@dataclass
class _Children:
    """A paper's files, consultations and answer files, with the rows stored for them."""

    paper: model.Paper
    files: list[model.File]
    stored_files: dict[str, File]
    stored_consultations: dict[str, Consultation]
    answer_files: list[model.File]
    answers: dict[str, Paper]

    def stage(self, writes: _Writes, paper_id: int) -> bool:
        """Stage the file and consultation rows; return True when the main file needs a parse."""
        needs_parse = False
        main = self.paper.main_file
        for index, file in enumerate(self.files):
            role = "main" if index == 0 and main is not None else file.role
            values = {
                "paper_id": paper_id,
                "role": role,
                "name": file.name or file.file_name,
                "mime_type": file.mime_type,
                "url": file.url,
                "size": file.size,
                "deleted": file.deleted,
            }
            file_row, file_created, before_url = _stage_file(
                writes, self.stored_files, file.oparl_id, values
            )
            if role == "main" and (
                file_created or before_url != file.url or file_row.sha256 is None
            ):
                needs_parse = needs_parse or not file.deleted
        for consultation in self.paper.consultations:
            _stage_consultation(writes, self.stored_consultations, paper_id, consultation)
        return needs_parse

    def answer_writes(self, row: Paper) -> bool:
        """True when an answer file of this inquiry has no paper yet or a date to correct."""
        if row.kind != "Anfrage":
            return False
        for file in self.answer_files:
            existing = self.answers.get(file.oparl_id + ANSWER_SUFFIX)
            if existing is None or _answer_date_to_correct(existing, file):
                return True
        return False

    async def finish(self, writes: _Writes, kommune: Kommune, row: Paper) -> None:
        """Link an answer to its inquiry, store answer files as papers, send the staged rows."""
        await _link_answer(kommune, row, self.paper)
        if row.kind == "Anfrage":
            for file in self.answer_files:
                await _store_answer_file(
                    writes, self.stored_files, self.answers, kommune, row, file
                )
        await writes.send()


def _answer_date_to_correct(answer: Paper, file: model.File) -> bool:
    """True when a stored answer paper's date is not its file's (rows stored before File.date
    was read carry the inquiry's date: corrected once)."""
    return file.date is not None and answer.date != file.date


async def _store_answer_file(
    writes: _Writes,
    stored_files: dict[str, File],
    answers: dict[str, Paper],
    kommune: Kommune,
    inquiry: Paper,
    file: model.File,
) -> None:
    """Give an answer file a paper row of its own (kind Antwort, answer_to the inquiry).

    Then it runs through the same pipeline as an ALLRIS answer paper: download, parse, notify
    the inquiry's recipients and followers. Created once; later polls leave it alone.
    """
    oparl_id = file.oparl_id + ANSWER_SUFFIX
    existing = answers.get(oparl_id)
    if existing is not None:
        if _answer_date_to_correct(existing, file):
            writes.assign(existing, {"date": file.date}, stamp=False)
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
    answers[oparl_id] = answer
    values = {
        "paper_id": answer.id,
        "role": "main",
        "name": file.name,
        "mime_type": file.mime_type,
        "url": file.url,
        "size": file.size,
    }
    _stage_file(writes, stored_files, oparl_id, values)


async def _link_answer(kommune: Kommune, row: Paper, paper: model.Paper) -> None:
    """Set answer_to when this paper answers an inquiry (by name/reference or related papers)."""
    if not _may_link(row, paper):
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
