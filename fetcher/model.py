"""Domain values that cross package borders (fetcher → storage → bot). Pure, no I/O.

Every value here is a frozen dataclass built from OParl JSON or a parsed PDF. OParl ids (URLs)
are the external keys: storage upserts on them, so a re-sync never duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

# The document kinds Ratsbot distinguishes (contract of `ratsbot parse --json`).
KINDS = (
    "Anfrage",
    "Antwort",
    "Antrag",
    "Vorlage",
    "Informationsvorlage",
    "Niederschrift",
    "sonstiges",
)


@dataclass(frozen=True)
class ConsultationInfo:
    """One line of a paper's Beratungsfolge: which committee treats it, when, and in what role."""

    committee: str
    date: date | None = None
    role: str | None = None


@dataclass(frozen=True)
class ParsedDocument:
    """What the parser reads out of one PDF (the JSON of `ratsbot parse --json`)."""

    kind: str = "sonstiges"
    reference: str | None = None
    title: str | None = None
    submitters: tuple[str, ...] = ()
    factions: tuple[str, ...] = ()
    status: str | None = None
    consultations: tuple[ConsultationInfo, ...] = ()
    questions: tuple[str, ...] = ()
    # Per question, the administration's answer where the document is an Antwort and the layout
    # allows to tell them apart; same length as `questions` or empty.
    answers: tuple[str, ...] = ()
    summary: str | None = None
    pages: int = 0
    text_chars: int = 0
    ocr: bool = False
    full_text: str = ""
    # "ok", or why the document could not be read ("encrypted", "not_pdf", "timeout",
    # "ocr_unavailable" = a scan that needs OCR while tesseract is missing, …).
    parse_status: str = "ok"
    parse_error: str | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the contract JSON object of `ratsbot parse --json`."""
        return {
            "kind": self.kind,
            "reference": self.reference,
            "title": self.title,
            "submitters": list(self.submitters),
            "factions": list(self.factions),
            "status": self.status,
            "consultations": [
                {
                    "committee": c.committee,
                    "date": c.date.isoformat() if c.date else None,
                    "role": c.role,
                }
                for c in self.consultations
            ],
            "questions": list(self.questions),
            "summary": self.summary,
            "pages": self.pages,
            "text_chars": self.text_chars,
            "ocr": self.ocr,
            # "ok", or why the text could not be read ("ocr_unavailable": a scan, no tesseract).
            "parse_status": self.parse_status,
            "parse_error": self.parse_error,
        }


@dataclass(frozen=True)
class Body:
    """An OParl Body: one Kommune."""

    oparl_id: str
    name: str
    short_name: str | None = None
    web_url: str | None = None
    system_url: str | None = None
    vendor: str | None = None
    # Amtlicher Gemeindeschlüssel (or the 12-digit Regionalschlüssel): its first two digits
    # name the Land (the /abo picker's "Nach Bundesland").
    ags: str | None = None


@dataclass(frozen=True)
class Organization:
    """An OParl Organization: a faction, committee or council."""

    oparl_id: str
    name: str
    short_name: str | None = None
    classification: str | None = None
    organization_type: str | None = None
    deleted: bool = False


@dataclass(frozen=True)
class Person:
    """An OParl Person."""

    oparl_id: str
    name: str
    deleted: bool = False


@dataclass(frozen=True)
class File:
    """An OParl File: a document attached to a paper (main file, answer, attachment)."""

    oparl_id: str
    name: str | None = None
    file_name: str | None = None
    mime_type: str | None = None
    access_url: str | None = None
    download_url: str | None = None
    size: int | None = None
    role: str = "attachment"  # "main" | "attachment"
    # OParl File.date: when the document was made; for an answer file, the day it was answered.
    date: date | None = None
    deleted: bool = False

    @property
    def url(self) -> str | None:
        """Return the best URL to download the file from (downloadUrl is often empty)."""
        return self.download_url or self.access_url


@dataclass(frozen=True)
class Consultation:
    """An OParl Consultation: the paper is treated in a meeting / by a committee."""

    oparl_id: str
    paper_id: str | None = None
    meeting_id: str | None = None
    agenda_item_id: str | None = None
    organization_ids: tuple[str, ...] = ()
    role: str | None = None
    authoritative: bool | None = None


@dataclass(frozen=True)
class Paper:
    """An OParl Paper (Drucksache): inquiry, answer, motion, Vorlage …"""

    oparl_id: str
    name: str
    reference: str | None = None
    paper_type: str | None = None
    date: date | None = None
    web_url: str | None = None
    main_file: File | None = None
    auxiliary_files: tuple[File, ...] = ()
    related_paper_ids: tuple[str, ...] = ()
    superordinated_paper_ids: tuple[str, ...] = ()
    subordinated_paper_ids: tuple[str, ...] = ()
    originator_organization_ids: tuple[str, ...] = ()
    originator_person_ids: tuple[str, ...] = ()
    consultations: tuple[Consultation, ...] = ()
    created: datetime | None = None
    modified: datetime | None = None
    deleted: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AgendaItem:
    """An OParl AgendaItem (Tagesordnungspunkt) of a meeting."""

    oparl_id: str
    number: str | None = None
    name: str | None = None
    order: int | None = None
    public: bool | None = None
    consultation_id: str | None = None
    paper_id: str | None = None


@dataclass(frozen=True)
class Meeting:
    """An OParl Meeting (Sitzung) with its agenda."""

    oparl_id: str
    name: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    location: str | None = None
    cancelled: bool = False
    organization_ids: tuple[str, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    web_url: str | None = None
    created: datetime | None = None
    modified: datetime | None = None
    deleted: bool = False
