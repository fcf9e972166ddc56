"""Metadata first: what OParl already knows about a paper, merged over what the PDF says. Pure.

The sync passes the paper's paperType, reference, name and originators (organization and person
names); `ratsbot parse --paper-type … --reference …` passes the same. Metadata wins where present,
the PDF fills the gaps, and `disagreements` lists where they differ so the caller can log it.
One exception: an answer attached to the inquiry's paper carries the inquiry's paperType
("Anfrage", Karlsruhe Stellungnahmen), so a PDF that reads as an answer stays an answer.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from fetcher.classify import is_citizen_inquiry, kind_from_paper_type, normalise_reference
from fetcher.factions import factions_in
from fetcher.model import ParsedDocument
from fetcher.parse.faction_phrases import LABEL_WORD, phrase_names


@dataclass(frozen=True)
class PaperHints:
    """OParl metadata of the paper a PDF belongs to; every field optional."""

    paper_type: str | None = None
    reference: str | None = None
    name: str | None = None
    originator_organizations: tuple[str, ...] = ()
    originator_persons: tuple[str, ...] = ()


def hinted_kind(parsed_kind: str, hints: PaperHints | None) -> str:
    """Return the kind from paperType where it names one, else the kind read from the PDF."""
    if hints is None or not hints.paper_type:
        return parsed_kind
    kind = kind_from_paper_type(hints.paper_type, hints.reference)
    if kind == "sonstiges" or (kind == "Anfrage" and parsed_kind == "Antwort"):
        return parsed_kind
    return kind


def _factions(organizations: tuple[str, ...]) -> tuple[str, ...]:
    """Return the groups the originator organizations name, read as faction phrases.

    "UWG-Ortschaftsratsfraktion Grötzingen" → "UWG"; Karlsruhe's "Fraktionsgeschäftsstelle" (an
    office) and committees name none.
    """
    names: list[str] = []
    for organization in organizations:
        found = phrase_names(organization) if LABEL_WORD.search(organization) else None
        names += [n for n in found or factions_in(organization) if n not in names]
    return tuple(names)


def apply_hints(doc: ParsedDocument, hints: PaperHints | None) -> ParsedDocument:
    """Return `doc` with the metadata's fields where the metadata has them."""
    if hints is None:
        return doc
    citizen = is_citizen_inquiry(hints.paper_type, hints.reference or doc.reference)
    submitters = doc.submitters
    factions = doc.factions
    if citizen:
        submitters, factions = (), ()  # a private person: never shown
    elif hints.originator_organizations or hints.originator_persons:
        submitters = hints.originator_organizations + hints.originator_persons
        factions = _factions(hints.originator_organizations) or factions
    return replace(
        doc,
        kind=hinted_kind(doc.kind, hints),
        reference=hints.reference or doc.reference,
        title=hints.name or doc.title,
        submitters=submitters,
        factions=factions,
    )


def disagreements(parsed: ParsedDocument, hints: PaperHints | None) -> list[str]:
    """Return "field: pdf=… metadata=…" for each field where the PDF and the metadata differ."""
    if hints is None:
        return []
    found: list[str] = []
    if (
        hints.reference
        and parsed.reference
        and normalise_reference(hints.reference) != normalise_reference(parsed.reference)
    ):
        found.append(f"reference: pdf={parsed.reference!r} metadata={hints.reference!r}")
    kind = hinted_kind(parsed.kind, hints)
    if hints.paper_type and parsed.kind != "sonstiges" and kind != parsed.kind:
        found.append(f"kind: pdf={parsed.kind!r} metadata={kind!r}")
    meta_factions = _factions(hints.originator_organizations)
    if meta_factions and parsed.factions and set(meta_factions) != set(parsed.factions):
        found.append(f"factions: pdf={list(parsed.factions)} metadata={list(meta_factions)}")
    return found
