"""Who submitted the paper: labelled submitters, faction lines, signatures. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.factions import factions_in
from fetcher.parse.fields import value_after
from fetcher.parse.text import HEADER_LINES, LABEL_LINE

_SUBMITTER_LABEL = re.compile(
    r"^(?:Eingereicht von|Einreicher(?:in)?|Antragsteller(?:in)?|Stadträtinnen/Stadträte\s*[–-]\s*"
    r"Fraktionen)\s*:?",
    re.I,
)


KA_FACTION_LINE = re.compile(
    r"^(?:Anfrage|Antrag|Änderungsantrag|Ergänzungsantrag|Änderungs-/Ergänzungsantrag)\s*:\s*(?P<v>.+)$"
)


OF_FACTION = re.compile(
    r"^(?:Anfrage|Antrag|Gesetzentwurf)?\s*der\s+(?P<v>.+?)(?:\s+vom\s+\d.*|,\s*eingegangen.*|;.*)?$"
)


_SIGNATURE_LABEL = re.compile(r"^Unterzeichnet(?: von)?\s*:?\s*(?P<v>.*)$", re.I)


_NAME = re.compile(
    r"^(?:(?:Dr\.|Prof\.|Dipl\.-\w+\.?)\s+)*[A-ZÄÖÜ][\wäöüß'-]+(?:\s+(?:von\s+|van\s+|de\s+)?"
    r"[A-ZÄÖÜ][\wäöüß'-]+){1,3}$"
)


def find_submitters(lines: Sequence[str], doc_label_index: int | None) -> list[str]:
    """Return submitters as printed: "Eingereicht von", "Anfrage: SPD", signatures …"""
    found: list[str] = []
    values, _ = value_after(lines, _SUBMITTER_LABEL, max_lines=3)
    found += values
    for line in lines[:HEADER_LINES]:
        match = KA_FACTION_LINE.match(line)
        if match and len(match.group("v")) <= 60 and "?" not in match.group("v"):
            if factions_in(match.group("v")) or "fraktion" in match.group("v").lower():
                found.append(match.group("v").strip())
            continue
        if re.match(r"^Stadträt(?:in|innen|e)?\s+\S.*\(.+\)$|^Stadtrat\s+\S.*\(.+\)$", line):
            found.append(line)  # Karlsruhe 2018: "Stadtrat Marc Bernhard (AfD)"
            continue
        match = OF_FACTION.match(line)
        if match and re.search(r"fraktion|gruppe|liste", match.group("v"), re.I):
            found.append(match.group("v").strip())
            continue
        if (
            re.search(r"fraktion\b", line, re.I)
            and len(line.split()) <= 6
            and not re.search(r"\d{3,}", line)
            and not LABEL_LINE.match(line)
            and not re.search(r"Fraktionen|Mitglieder|geehrte", line)
            and not line.endswith((".", ":", "?"))
        ):
            found.append(line)
    found += _signatures(lines)
    unique: list[str] = []
    for value in found:
        value = value.strip(" ,;")
        if value and value not in unique:
            unique.append(value)
    return unique


def _signatures(lines: Sequence[str]) -> list[str]:
    names: list[str] = []
    for i, line in enumerate(lines):
        if re.match(r"^Mit freundlichen Grüßen", line):
            following = [x.strip(" ,") for x in lines[i + 1 : i + 3] if x.strip()]
            if following and _NAME.match(following[0]):
                names.append(following[0])
            continue
        match = _SIGNATURE_LABEL.match(line)
        if not match:
            continue
        candidates = [match.group("v")] if match.group("v") else []
        candidates += lines[i + 1 : i + 12]
        for cand in candidates:
            cand = cand.strip(" ,")
            if not cand:
                if names:
                    break
                continue
            if not _NAME.match(cand):
                break
            names.append(cand)
    return names
