"""Classify papers: document kind, reference keys, citizen inquiries, answer links. Pure, no I/O.

OParl `paperType` is free text per city (OPARL-NOTES.md §3.4), so kinds are recognised by keywords,
answers before inquiries ("Beantwortung einer Anfrage" names both), then by the reference pattern
(Leipzig ALLRIS: VII-F-… inquiry, VII-EF-… citizen inquiry, …-AW-01 answer, VII-A-… motion).
"""

from __future__ import annotations

import re

from fetcher.model import KINDS

# Ordered: the first matching rule wins. Patterns are matched against the lower-cased paper type.
_TYPE_RULES: tuple[tuple[str, str], ...] = (
    (r"antwort|beantwortung|stellungnahme\b.*anfrage", "Antwort"),
    (r"stellungnahme", "sonstiges"),
    (r"anfrage|fragestunde|frage\b|fragen\b", "Anfrage"),
    (r"niederschrift|protokoll", "Niederschrift"),
    (r"informationsvorlage|information|mitteilung|bericht", "Informationsvorlage"),
    (r"antrag|änderung zum hh|haushaltsantrag|resolution", "Antrag"),
    (r"vorlage|beschlussvorschlag|drucksache", "Vorlage"),
)

# Leipzig ALLRIS references: "VII-F-08632", "VII-EF-08640", "VII-F-08507-AW-01", "VII-A-08607",
# "VII-DS-08561", "VII-Ifo-…"; the 2014 scheme "F-00724/14", "A-00123/14", "DS-01234/14".
_REF_RULES: tuple[tuple[str, str], ...] = (
    (r"-AW-\d+$|-ANTW", "Antwort"),
    (r"(?:^|-)E?F-\d", "Anfrage"),
    (r"(?:^|-)(?:A|ÄA|AA|HP)-\d|-NF-\d+$", "Antrag"),
    (r"(?:^|-)(?:IFO|INFO|IF)-\d", "Informationsvorlage"),
    (r"(?:^|-)(?:DS|V)-\d|^[IVX]+/DS", "Vorlage"),
)

_CITIZEN_TYPES = re.compile(r"einwohner|bürger(?:innen)?anfrage|bürgerfrage|fragestunde", re.I)
_CITIZEN_REF = re.compile(r"(?:^|-)EF-\d", re.I)

_REF_TOKEN = r"[IVX]+/[A-Z]{1,3}\s?\d+|[A-ZÄÖÜ0-9][A-Za-zÄÖÜ0-9]*(?:\s?[/-]\s?[A-Za-zÄÖÜ0-9]+)+"
_ANSWERED = re.compile(
    r"(?:antwort|beantwortung|stellungnahme)\s+(?:der\s+verwaltung\s+)?(?:zu[rm]?|auf)\s+"
    r"(?:der\s+|die\s+)?(?:einwohner)?(?:anfrage|frage|antrag)?[\s-]*(?:nr\.?:?\s*)?"
    rf"(?P<ref>{_REF_TOKEN})",
    re.I,
)
_ANSWER_SUFFIX = re.compile(r"^(?P<base>.+?)-(?:AW|ANTW|STN)-\d+$", re.I)


def normalise_reference(ref: str) -> str:
    """Return a dedup key: upper case, no whitespace, unified dashes, no leading zeros.

    "F-00724/14", "f-724 / 14" and "F‑724/14" all give "F-724/14". Leading zeros are dropped in
    every digit run because ALLRIS migrations re-pad numbers (Leipzig: F-00724/14 in ALLRIS net,
    F-724/14 elsewhere) while no council issues two papers that differ only in padding. The key is
    for matching only; show the reference as printed.
    """
    key = re.sub(r"[\u2010-\u2015\u2212]", "-", ref.upper())
    key = re.sub(r"\s+", "", key)
    return re.sub(r"(?<!\d)0+(?=\d)", "", key)


def reference_lookup_keys(typed: str) -> tuple[str, ...]:
    """Return the dedup keys a typed Aktenzeichen may stand for, most literal first.

    People type "F 00724/14", "F00724/14" or "f-724/14" for "F-00724/14": a space or nothing
    between the letters and the number stands for the dash councils print.
    """
    typed = " ".join(typed.split())
    candidates = [
        typed,
        re.sub(r"(?<=[A-Za-z]) (?=\d)|(?<=\d) (?=[A-Za-z])", "-", typed),
        re.sub(r"\s+", "-", typed),
        re.sub(r"(?<=[A-Za-z])(?=\d)", "-", typed.replace(" ", "")),
    ]
    keys = [normalise_reference(c) for c in candidates]
    return tuple(dict.fromkeys(k for k in keys if k))


def kind_from_paper_type(
    paper_type: str | None, reference: str | None, parsed_kind: str | None = None
) -> str:
    """Return one of KINDS from paperType, else the reference pattern, else the parsed kind."""
    if paper_type:
        lowered = paper_type.lower()
        for pattern, kind in _TYPE_RULES:
            if re.search(pattern, lowered):
                return kind
    if reference:
        upper = reference.upper().strip()
        for pattern, kind in _REF_RULES:
            if re.search(pattern, upper):
                return kind
    if parsed_kind in KINDS:
        return parsed_kind
    return "sonstiges"


def is_citizen_inquiry(paper_type: str | None, reference: str | None) -> bool:
    """Return True for an Einwohneranfrage: its author is a private person (never show)."""
    if paper_type and _CITIZEN_TYPES.search(paper_type):
        return True
    return bool(reference and _CITIZEN_REF.search(reference.strip()))


def answered_reference(text_or_name: str) -> str | None:
    """Return the reference of the inquiry an answer names ("Antwort zu F-00724/14")."""
    text = re.sub(r"\s+", " ", text_or_name).strip()
    match = _ANSWERED.search(text)
    candidate = match.group("ref") if match else None
    if candidate is None and _ANSWER_SUFFIX.match(text):
        candidate = text
    if candidate is None:
        return None
    candidate = re.sub(r"\s*([/-])\s*", r"\1", candidate).rstrip(".,;:")
    suffix = _ANSWER_SUFFIX.match(candidate)
    return suffix.group("base") if suffix else candidate
