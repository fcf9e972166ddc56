"""The document-type label near the top ("Anfrage", "Stellungnahme zur Anfrage" …) → kind. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.classify import kind_from_paper_type
from fetcher.parse.text import HEADER_LINES

DOC_LABEL = re.compile(
    r"^(?P<label>(?:schriftliche\s+|mündliche\s+)?(?:Antwort|Beantwortung|Stellungnahme)\s+zu[rm]?\s+"
    r"(?:Einwohner)?(?:Anfrage|Antrag)"
    r"|Einwohneranfrage|Kleine Anfrage|Große Anfrage|Anfrage|Neufassung\s+Antrag|Änderungsantrag"
    r"|Ergänzungsantrag|Dringlichkeitsantrag|Antrag|Neufassung\s+Beschlussvorlage|Beschlussvorlage"
    r"|Informationsvorlage|Verwaltungsvorlage|Vorlage|Niederschrift|Protokoll|Gesetzentwurf"
    r"|Einladung|Tagesordnung|Stellungnahme)\b"
    r"(?P<rest>.*)$",
    re.I,
)


_LABEL_KIND_OVERRIDES = {
    "gesetzentwurf": "sonstiges",
    "einladung": "sonstiges",
    "tagesordnung": "sonstiges",
}


def find_doc_label(lines: Sequence[str]) -> tuple[int, str, str] | None:
    for i, line in enumerate(lines[:HEADER_LINES]):
        match = DOC_LABEL.match(line)
        if match and not re.search(r"\bvom\s+\d", match.group("rest")):
            return i, match.group("label"), match.group("rest").strip()
    return None


def kind_from_label(label: str | None) -> str:
    if label is None:
        return "sonstiges"
    override = _LABEL_KIND_OVERRIDES.get(label.lower())
    if override:
        return override
    return kind_from_paper_type(label, None)
