"""Council document text → ParsedDocument (kind, reference, title, submitters, questions …). Pure.

The one exception is `parse_pdf_file`, the entry point of `ratsbot parse` and of the ParserPool
workers: it reads the file it is given through fetcher.pdf and never raises.

Layouts handled by labels, not by city: ALLRIS ("Anfrage-Nr. VII-F-08632", "Status:", "Eingereicht
von:", "Betreff:", "Beratungsfolge", "Sachverhalt"), SessionNet/Karlsruhe ("Vorlage Nr.: 2025/0833",
"Anfrage: SPD", "Gremien Termin TOP Ö / N Zuständigkeit", "Stellungnahme zur Anfrage"), Stuttgart
answers ("Antwort zu 1 bis 3"), letters with "Antrag:" lines, and text flattened to one line
(Politik bei uns).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from fetcher import pdf
from fetcher.classify import is_citizen_inquiry, kind_from_paper_type
from fetcher.factions import factions_in
from fetcher.model import ConsultationInfo, ParsedDocument
from fetcher.privacy import citizen_names, redact_names

SUMMARY_MAX_CHARS = 400
HEADER_LINES = 45  # labels of the header block are looked for in the first lines only

# --- text cleaning -----------------------------------------------------------------------------

_CHAR_FIXES = str.maketrans(
    {
        "\u00a0": " ",
        "\u00ad": "",
        "\t": " ",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\u200b": "",
        "\f": "\n",
    }
)
_FURNITURE = re.compile(
    r"^(?:seite\s+\d+(?:\s*(?:von|/|aus)\s*\d+)?"
    r"|\d+\s+von\s+\d+(?:\s+in\s+zusammenstellung)?"
    r"|[-–—]\s*\d+\s*[-–—]"
    r"|--\s*\d+\s+of\s+\d+\s*--"
    r"|gedruckt\s+auf\s+100(?:\s+prozent)?(?:\s+recyclingpapier)?"
    r"|prozent\s+recyclingpapier"
    r"|frei\s+verwendbar)$",
    re.I,
)
_INLINE_FURNITURE = re.compile(
    r"\s*(?:seite\s+\d+\s*/\s*\d+|\d+\s+von\s+\d+\s+in\s+zusammenstellung)\s*", re.I
)
_PAGE_COUNTER = re.compile(r"^(\d{1,3})\s*/\s*(\d{1,3})$")

# Labels that open a field or a section (start of a line). Used to split flattened text too.
_LABELS = (
    r"Status:|Eingereicht von:?|Einreicher(?:in)?:|Betreff:?|Beratungsfolge"
    r"|Sachverhalt\s*/\s*Begründung"
    r"|Sachverhalt:?|Begründung(?: des Antrag(?:e)?s)?:?|Beschlussvorschlag:?|Anlage/n|Anlagen:?"
    r"|Stammbaum:|Unterzeichnet(?: von)?:?|Ergänzende Erläuterungen:?|Thema:|Vorlage Nr\.?:?"
    r"|Eingang:|Verantwortlich:|Dienststelle:|Datum\b|Finanzielle Auswirkungen"
)
_LABEL_LINE = re.compile(rf"^(?:{_LABELS})", re.I)
_STOP_SECTION = re.compile(
    r"^(?:Sachverhalt|Begründung|Beschlussvorschlag|Anlage/n|Anlagen\b|Unterzeichnet"
    r"|Ergänzende Erläuterungen|Mit freundlichen Grüßen|gez\.|Finanzielle Auswirkungen"
    r"|Erläuterung(?:en)?:)",
    re.I,
)

# --- document kind -----------------------------------------------------------------------------

_DOC_LABEL = re.compile(
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

# --- reference ---------------------------------------------------------------------------------

_REF = r"(?:[IVX]+/[A-Z]{1,3}\s\d+|[A-ZÄÖÜ0-9][A-Za-z0-9ÄÖÜ]*(?:\s?[/-]\s?[A-Za-z0-9ÄÖÜ]+)+|\d{3,})"
_REFERENCE_PATTERNS = (
    re.compile(rf"(?:^|\s|-)Nr\.?\s*:?\s*(?P<ref>{_REF})", re.I),
    re.compile(r"Drucksache\s+(?P<ref>\d+\s*/\s*\d+)", re.I),
    re.compile(
        rf"^(?:Beantwortung|Antwort|Stellungnahme)\s+zu[rm]?\s+Anfrage\s+(?P<ref>{_REF})", re.I
    ),
)

# --- consultations -----------------------------------------------------------------------------

_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d])")
_TABLE_HEADER_WORDS = re.compile(
    r"\(Änderungen vorbehalten\):?"
    r"|\b(?:Beratungsfolge|Gremium|Gremien(?=\s+Termin)|Voraussichtlicher"
    r"|Sitzungstermin|Termin|Zuständigkeit|TOP|Ö\s*/\s*N|ö\s+nö)\b:?",
)
_HEADER_ONLY = re.compile(
    r"^(?:Gremium|Gremien|Voraussichtlicher|Sitzungstermin|Termin|Zuständigkeit|"
    r"TOP|Ö\s*/\s*N|Gremien Termin.*|Gremium Termin.*|[☐\s]+)$"
)

# --- questions ---------------------------------------------------------------------------------

_INTRO = re.compile(
    r"(?:\b(?:wir|ich)\s+(?:fragen|frage)\s+(?:daher\s+|deshalb\s+|hiermit\s+|somit\s+)?"
    r"(?:an|den\s+oberbürgermeister|die\s+verwaltung|die\s+stadtverwaltung|den\s+stadtrat)?\s*[:.]?"
    r"|\bfragen\s+(?:wir|ich)\s+(?:daher\s+|deshalb\s+)?(?:an|den\s+oberbürgermeister|die\s+verwaltung)?\s*:"
    r"|^(?:fragen|anfrage|die fragen lauten)\s*:"
    r"|\bfolgende(?:n)?\s+fragen(?:\s+\w+){0,4}\s*:"
    r"|\bum\s+(?:auskunft|beantwortung(?:\s+\w+){0,3})\s+gebeten\s*:"
    r"|\bbitten\s+(?:wir|ich)\s+um\s+(?:die\s+)?(?:beantwortung|auskunft)(?:\s+\w+){0,4}\s*:)",
    re.I,
)
_NUM = re.compile(r"^(?:Frage\s+)?(\d{1,2})\s*(?:\.\)|[.)]|:(?=\s))\s*(?!\d)(?=\S)")
_ROMAN_NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_ROMAN = re.compile(r"^(I{1,3}|IV|VI{0,3}|IX|XI{0,2})\s*[.)]\s+(?=\S)")
_NUM_ALONE = re.compile(r"^(?:Frage\s+)?(\d{1,2})\s*[.):]?$")
_LETTER = re.compile(r"^([A-Za-z])\s*[.)]\s+(?=\S)")
_BULLET = re.compile(r"^([•\-–·▪◦●*])(?:\s+|$)")
_ANSWER_TO = re.compile(r"^(?:Antwort|Zu)\s+(?:zu\s+)?(?:Frage\s+)?(\d{1,2})\b.*$", re.I)

_ABBREVIATIONS = (
    "z.B.",
    "u.a.",
    "d.h.",
    "o.g.",
    "bzw.",
    "ggf.",
    "ca.",
    "Nr.",
    "Dr.",
    "Prof.",
    "Abs.",
    "Art.",
    "vgl.",
    "S.",
    "u.",
    "i.V.m.",
    "inkl.",
    "evtl.",
    "sog.",
    "Str.",
    "St.",
    "z. B.",
    "u. a.",
    "d. h.",
    "etc.",
    "bspw.",
    "Hr.",
    "Fr.",
    "gem.",
    "lt.",
    "v.",
    "Mio.",
    "Mrd.",
    "max.",
    "min.",
    "zzgl.",
)


def _fold(text: str) -> str:
    return re.sub(r"[ \t]+", " ", unicodedata.normalize("NFC", text.translate(_CHAR_FIXES))).strip()


def _unflatten(page: str) -> str:
    """Re-insert line breaks before labels and question numbers in text flattened to one line."""
    text = re.sub(rf"\s+(?=(?:{_LABELS}))", "\n", page)
    text = re.sub(r"\s+(?=(?:Wir|Ich)\s+frag)", "\n", text)
    expected = 1
    out: list[str] = []
    pos = 0
    for match in re.finditer(r"(?:(?<=[?.!:])|(?<=^))\s*(\d{1,2})\.\s+(?=[A-ZÄÖÜ])", text):
        if int(match.group(1)) == expected:
            out.append(text[pos : match.start()])
            out.append("\n" + match.group(1) + ". ")
            pos = match.end()
            expected += 1
    out.append(text[pos:])
    return "".join(out)


_INLINE_LABEL = re.compile(r"\s(?:Status:|Eingereicht von|Betreff\b|Beratungsfolge|Sachverhalt\b)")


def _is_flattened(lines: Sequence[str]) -> bool:
    """Return True if labels sit inside lines instead of starting them (text lost its layout)."""
    starts = sum(1 for line in lines if _LABEL_LINE.match(line.strip()))
    inline = sum(len(_INLINE_LABEL.findall(line)) for line in lines)
    return inline >= 2 and starts <= 1


def clean_lines(pages: Sequence[str]) -> list[str]:
    """Return the document's lines without page furniture (page numbers, running heads, footers)."""
    page_lines: list[list[str]] = []
    for page in pages:
        raw = page.translate(_CHAR_FIXES)
        lines = raw.split("\n")
        if _is_flattened(lines):
            lines = _unflatten(" ".join(line.strip() for line in lines)).split("\n")
        page_lines.append([_fold(_INLINE_FURNITURE.sub(" ", line)) for line in lines])

    def edge_keys(lines: list[str]) -> set[str]:
        filled = [line for line in lines if line]
        return {re.sub(r"\d+", "#", line) for line in filled[:3] + filled[-3:]}

    counts = Counter(key for lines in page_lines for key in edge_keys(lines))
    result: list[str] = []
    for index, lines in enumerate(page_lines):
        filled = [i for i, line in enumerate(lines) if line]
        edges = set(filled[:3] + filled[-3:])
        for i, line in enumerate(lines):
            if _FURNITURE.match(line):
                continue
            counter = _PAGE_COUNTER.match(line)
            if counter and int(counter.group(1)) <= int(counter.group(2)):
                continue  # ALLRIS "1/2" page counter
            if filled and i == filled[-1] and re.fullmatch(r"\d{1,3}", line):
                continue  # page number at the foot
            is_repeat = counts[re.sub(r"\d+", "#", line)] >= 2
            if index > 0 and i in edges and is_repeat and len(page_lines) > 1:
                continue  # running head/foot repeated from another page
            result.append(line)
    while result and result[-1] in ("", "Vorlage"):
        result.pop()  # "1 von 1 in Zusammenstellung / Vorlage": ALLRIS print-view trailer
    return result


def join_lines(lines: Iterable[str]) -> str:
    """Join wrapped lines into one string, repairing hyphenation at line ends."""
    text = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not text:
            text = line
        elif re.search(r"[a-zäöüß]-$", text) and re.match(r"[a-zäöüß]", line):
            if re.match(r"(?:und|oder|bzw\.|sowie|als|bis)\b", line):
                text += " " + line  # "Wiesental- und Palmbacher Straße"
            else:
                text = text[:-1] + line  # "Veranstaltun-" + "gen"
        elif text.endswith("-") and re.match(r"[A-ZÄÖÜ0-9]", line):
            text += line  # "Corona-" + "Prämie"
        else:
            text += " " + line
    return re.sub(r"\s+", " ", text).strip()


# --- sentences and summary ---------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    """Split German prose into sentences, keeping abbreviations, dates and ordinals intact."""
    protected = text
    for i, abbr in enumerate(_ABBREVIATIONS):
        protected = re.sub(rf"(?<![\wäöüÄÖÜ]){re.escape(abbr)}", f"\x00{i}\x00", protected)
    parts = re.split(r"(?<=[.!?])(?<!\d\.)\s+(?=[A-ZÄÖÜ„\"(])", protected)

    def restore(part: str) -> str:
        return re.sub(r"\x00(\d+)\x00", lambda m: _ABBREVIATIONS[int(m.group(1))], part)

    return [restore(p).strip() for p in parts if p.strip()]


def summarise(text: str, max_chars: int = SUMMARY_MAX_CHARS) -> str | None:
    """Return the leading whole sentences of `text` that fit into max_chars."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return None
    summary = ""
    for sentence in sentences(text):
        candidate = f"{summary} {sentence}".strip()
        if len(candidate) > max_chars:
            break
        summary = candidate
    if not summary:
        cut = text[: max_chars - 1].rsplit(" ", 1)[0]
        summary = cut.rstrip(",;:– ") + "…"
    return summary


# --- header fields -----------------------------------------------------------------------------


def _doc_label(lines: Sequence[str]) -> tuple[int, str, str] | None:
    for i, line in enumerate(lines[:HEADER_LINES]):
        match = _DOC_LABEL.match(line)
        if match and not re.search(r"\bvom\s+\d", match.group("rest")):
            return i, match.group("label"), match.group("rest").strip()
    return None


def _kind_from_label(label: str | None) -> str:
    if label is None:
        return "sonstiges"
    override = _LABEL_KIND_OVERRIDES.get(label.lower())
    if override:
        return override
    return kind_from_paper_type(label, None)


def find_reference(lines: Sequence[str]) -> str | None:
    """Return the paper's reference as printed ("F-00724/14", "2025/0833", "17/273"), or None."""
    for i, line in enumerate(lines[:HEADER_LINES]):
        if re.fullmatch(r"(?:Vorlage|Drucksache)\s*-?\s*Nr\.?\s*:?", line):
            # Karlsruhe 2018 layout: "Vorlage Nr.:" with the number a few lines further down.
            following = [x for x in lines[i + 1 : i + 8] if x and not x.endswith(":")]
            if following and re.fullmatch(r"\d{4}/\d{3,5}|" + _REF, following[0]):
                return following[0]
        if re.search(r"\bvom\s+\d", line):
            continue  # "Antrag … Nr. 266/2019 vom 21.10.2019" names another paper
        for pattern in _REFERENCE_PATTERNS:
            match = pattern.search(line)
            if match:
                ref = re.sub(r"\s*([/-])\s*", r"\1", match.group("ref")).rstrip(".,;:")
                if _DATE.fullmatch(ref):
                    continue
                return ref
    return None


def _value_after(
    lines: Sequence[str], label: re.Pattern[str], *, limit: int = HEADER_LINES, max_lines: int = 4
) -> tuple[list[str], int]:
    """Return the lines that follow a label (inline value first) up to the next label/blank."""
    for i, line in enumerate(lines[:limit]):
        match = label.match(line)
        if not match:
            continue
        values: list[str] = []
        inline = line[match.end() :].strip(" :")
        if inline:
            values.append(inline)
        j = i + 1
        bounded = False
        while j < len(lines):
            nxt = lines[j]
            if not nxt:
                if values:
                    bounded = True
                    break
                j += 1
                continue
            if _LABEL_LINE.match(nxt) or _DOC_LABEL.match(nxt) or _HEADER_ONLY.match(nxt):
                bounded = True
                break
            if len(values) >= max_lines or (inline and len(values) == 1 and not _wraps(values[-1])):
                break
            values.append(nxt)
            j += 1
        if not bounded and len(values) > 1:
            # The value ran into prose: keep the first line and its evident continuations only.
            kept = values[:1]
            while len(kept) < len(values) and (_wraps(kept[-1]) or values[len(kept)][:1].islower()):
                kept.append(values[len(kept)])
            values = kept
            j = i + 1 + len(kept) - (1 if inline else 0)
        return values, j
    return [], -1


def _wraps(line: str) -> bool:
    """Return True if a title line evidently continues on the next line."""
    return bool(
        re.search(
            r"(?:\b(?:die|der|den|des|dem|und|oder|für|von|vom|zur|zum|im|in|auf|mit|an|am|"
            r"bei|über|zu|eines?|einer)|[-,–])$",
            line,
            re.I,
        )
    )


def find_status(lines: Sequence[str]) -> str | None:
    """Return "öffentlich" / "nichtöffentlich" from "Status:" or the Ö/N column of the header."""
    for line in lines[:HEADER_LINES]:
        match = re.search(r"Status:\s*(nicht\s*öffentlich|öffentlich)", line, re.I)
        if match:
            return "nichtöffentlich" if "nicht" in match.group(1).lower() else "öffentlich"
    for line in lines[:HEADER_LINES]:
        if _DATE.search(line):
            if re.search(r"\d{4}\s+(?:\d+\s+)?Ö\b", line):
                return "öffentlich"
            if re.search(r"\d{4}\s+(?:\d+\s+)?N\b", line):
                return "nichtöffentlich"
    return None


_SUBMITTER_LABEL = re.compile(
    r"^(?:Eingereicht von|Einreicher(?:in)?|Antragsteller(?:in)?|Stadträtinnen/Stadträte\s*[–-]\s*"
    r"Fraktionen)\s*:?",
    re.I,
)
_KA_FACTION_LINE = re.compile(
    r"^(?:Anfrage|Antrag|Änderungsantrag|Ergänzungsantrag|Änderungs-/Ergänzungsantrag)\s*:\s*(?P<v>.+)$"
)
_OF_FACTION = re.compile(
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
    values, _ = _value_after(lines, _SUBMITTER_LABEL, max_lines=3)
    found += values
    for line in lines[:HEADER_LINES]:
        match = _KA_FACTION_LINE.match(line)
        if match and len(match.group("v")) <= 60 and "?" not in match.group("v"):
            if factions_in(match.group("v")) or "fraktion" in match.group("v").lower():
                found.append(match.group("v").strip())
            continue
        if re.match(r"^Stadträt(?:in|innen|e)?\s+\S.*\(.+\)$|^Stadtrat\s+\S.*\(.+\)$", line):
            found.append(line)  # Karlsruhe 2018: "Stadtrat Marc Bernhard (AfD)"
            continue
        match = _OF_FACTION.match(line)
        if match and re.search(r"fraktion|gruppe|liste", match.group("v"), re.I):
            found.append(match.group("v").strip())
            continue
        if (
            re.search(r"fraktion\b", line, re.I)
            and len(line.split()) <= 6
            and not re.search(r"\d{3,}", line)
            and not _LABEL_LINE.match(line)
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


def find_title(lines: Sequence[str], doc_label: tuple[int, str, str] | None) -> str | None:
    """Return the Betreff: labelled, amid SessionNet header lines, or the letter's subject."""
    values, _ = _value_after(lines, re.compile(r"^(?:Betreff|Thema)\s*:?", re.I))
    if values:
        return join_lines(values)
    # SessionNet (Karlsruhe): title lines sit between "Vorlage Nr./Eingang/Dienststelle" and
    # "Anfrage: <faction>" or "Gremien Termin TOP".
    for i, line in enumerate(lines[:HEADER_LINES]):
        if not re.match(r"^(?:Gremien|Gremium)\s+Termin", line):
            continue
        k = i - 1
        while k >= 0 and not lines[k]:
            k -= 1
        faction_line = ""
        if k >= 0 and (_KA_FACTION_LINE.match(lines[k]) or _OF_FACTION.match(lines[k])):
            faction_line = lines[k]
            k -= 1
        while k >= 0 and not lines[k]:
            k -= 1
        collected: list[str] = []
        while k >= 0 and lines[k]:
            prev = lines[k]
            if (
                re.match(r"^(?:Vorlage Nr|Eingang|Verantwortlich|Dienststelle|Gedruckt)", prev)
                or re.fullmatch(r"\d{4}/\d{3,5}", prev)
                or _DOC_LABEL.match(prev)
                or _LABEL_LINE.match(prev)
            ):
                break
            collected.insert(0, prev)
            k -= 1
        if (
            collected
            and k >= 0
            and lines[k].startswith("Dienststelle:")
            and len(collected[0]) < 40
            and not _wraps(collected[0])
        ):
            collected = collected[1:]  # "Dienststelle: Eigenbetrieb / Fußballstadion im Wildpark"
        if collected:
            return join_lines(collected)
        if "hier:" in faction_line:
            # Ortschaftsrat answers: "Anfrage der …-Fraktion vom …; hier: <Betreff>"
            return faction_line
    if doc_label is not None:
        index, _label, rest = doc_label
        rest = rest.strip()
        if rest.startswith(":"):
            value = rest[1:].strip()
            if value and not factions_in(value) and len(value) > 12:
                more = [value]
                j = index + 1
                while _wraps(more[-1]) and j < len(lines) and lines[j]:
                    more.append(lines[j])
                    j += 1
                return join_lines(more)
        # Landtag: "Gesetzentwurf / der Fraktion der SPD / <title>".
        j = index + 1
        while j < len(lines) and (not lines[j] or _OF_FACTION.match(lines[j])):
            j += 1
        if j > index + 1 and j < len(lines) and not _LABEL_LINE.match(lines[j]):
            return lines[j]
        if (
            rest
            and not re.match(r"^[-\s]*Nr", rest, re.I)
            and len(rest) > 12
            and not _DATE.search(rest)
        ):
            return lines[index].strip()
    return None


def _parse_date(text: str) -> date | None:
    match = _DATE.search(text)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _row(committee: str, rest: str, when: date | None) -> ConsultationInfo | None:
    committee = _TABLE_HEADER_WORDS.sub(" ", committee)
    committee = re.sub(r"\s+", " ", committee).strip(" :")
    rest = _TABLE_HEADER_WORDS.sub(" ", rest)
    rest = re.sub(r"^\s*\d{1,3}(?:\.\d+)?\s+", " ", rest)  # TOP number
    rest = re.sub(r"^\s*[ÖN](?:\s+|$)", " ", rest)  # Ö / N column
    role = re.sub(r"\s+", " ", rest).strip() or None
    if not committee or len(committee) > 80:
        return None
    return ConsultationInfo(committee=committee, date=when, role=role)


def find_consultations(lines: Sequence[str]) -> tuple[list[ConsultationInfo], int]:
    """Return the Beratungsfolge rows and the index of the first line after the table (or -1)."""
    start = -1
    for i, line in enumerate(lines[:HEADER_LINES]):
        if re.match(r"^(?:Beratungsfolge|Gremien\s+Termin|Gremium\s+Termin)", line):
            start = i
            break
    if start < 0:
        return [], -1
    rows: list[tuple[str, str]] = []
    dates: list[date | None] = []
    pending_committee = ""
    first = _TABLE_HEADER_WORDS.sub(" ", lines[start]).strip(" :")
    numbered = [(start, first)] if first else []
    numbered += [(k, lines[k]) for k in range(start + 1, len(lines))]
    end = start + 1
    for i, line in numbered:
        if not line:
            continue
        if _HEADER_ONLY.match(line) and not rows:
            end = i + 1
            continue
        match = _DATE.search(line)
        if match and _is_row(line, match, bool(rows)):
            committee = (pending_committee + " " + line[: match.start()]).strip()
            if not committee and rows:
                committee = rows[-1][0]
            rows.append((committee, line[match.end() :]))
            dates.append(_parse_date(match.group(0)))
            pending_committee = ""
            end = i + 1
            continue
        if (
            _LABEL_LINE.match(line)
            or _STOP_SECTION.match(line)
            or _DOC_LABEL.match(line)
            or _NUM.match(line)
        ):
            break
        if (
            len(line.split()) <= 3
            and not re.search(r"\d", line)
            and not line.endswith((".", ":", "?"))
        ):
            if rows and not pending_committee and _row_role_open(rows[-1][1]):
                rows[-1] = (rows[-1][0], rows[-1][1] + " " + line)
            else:
                pending_committee = (pending_committee + " " + line).strip()
            end = i + 1
            continue
        break
    consultations = [
        r for r in (_row(c, rest, d) for (c, rest), d in zip(rows, dates, strict=True)) if r
    ]
    return consultations, end


def _is_row(line: str, match: re.Match[str], after_first: bool) -> bool:
    """Return True if a dated line is a Beratungsfolge row, not prose that mentions a date."""
    committee, rest = line[: match.start()].strip(), line[match.end() :].strip()
    if len(committee) > 70 or re.search(r"\b(?:vom|am|seit|bis|zum|ab|den)$", committee, re.I):
        return False
    return not (after_first and len(rest) > 45)


def _row_role_open(role: str) -> bool:
    role = role.strip()
    return bool(role) and (
        _wraps(role) or bool(re.search(r"(?:schriftliche|mündliche|mündliche/schriftliche)$", role))
    )


def consultations_from_tables(tables: Sequence[Sequence[Sequence[str]]]) -> list[ConsultationInfo]:
    """Return Beratungsfolge rows from pdfplumber table cells (committee, date, …, role)."""
    result: list[ConsultationInfo] = []
    for table in tables:
        for cells in table:
            texts = [re.sub(r"\s+", " ", c).strip() for c in cells]
            for k, cell in enumerate(texts):
                match = _DATE.fullmatch(cell) or (_DATE.search(cell) if len(cell) < 30 else None)
                if not match:
                    continue
                before = [t for t in texts[:k] if t]
                after = [t for t in texts[k + 1 :] if t and not re.fullmatch(r"\d+|[ÖN]", t)]
                if before:
                    row = _row(before[-1], " ".join(after[-1:]), _parse_date(match.group(0)))
                    if row:
                        result.append(row)
                break
    return result


# --- questions and answers ---------------------------------------------------------------------


def _marker(line: str) -> tuple[str, str, str] | None:
    """Return (style, label, rest) of a list marker at the start of a line."""
    if _DATE.match(line):
        return None
    match = _NUM.match(line)
    if match:
        return "num", match.group(1), line[match.end() :]
    match = _NUM_ALONE.match(line)
    if match:
        return "num", match.group(1), ""
    match = _ROMAN.match(line)
    if match:
        return "roman", match.group(1), line[match.end() :]
    match = _LETTER.match(line)
    if match and not re.match(r"^[A-Za-z]\.\s*[A-Za-z]\.", line):
        return "letter", match.group(1), line[match.end() :]
    match = _BULLET.match(line)
    if match:
        return "bullet", match.group(1), line[match.end() :]
    return None


def _next_label(style: str, label: str) -> str:
    if style == "num":
        return str(int(label) + 1)
    if style == "letter":
        return chr(ord(label) + 1)
    if style == "roman" and label in _ROMAN_NUMERALS[:-1]:
        return _ROMAN_NUMERALS[_ROMAN_NUMERALS.index(label) + 1]
    return label


def split_items(block: Sequence[str]) -> list[list[str]]:
    """Split lines into top-level list items; sub-items and follow-up lines stay with them."""
    items: list[list[str]] = []
    style = label = None
    for line in block:
        if not line:
            continue
        marker = _marker(line)
        if (
            marker
            and style is None
            and (marker[0] != "num" or marker[1] == "1")
            and (marker[0] != "letter" or marker[1] in "aA")
            and (marker[0] != "roman" or marker[1] == "I")
        ):
            style, label = marker[0], marker[1]
            items.append([marker[2]] if marker[2] else [])
            continue
        if (
            marker
            and style == marker[0]
            and label is not None
            and (
                (style == "bullet" and marker[1] == label) or marker[1] == _next_label(style, label)
            )
        ):
            label = marker[1]
            items.append([marker[2]] if marker[2] else [])
            continue
        if items:
            items[-1].append(line)
    return [item for item in items if any(item)]


def _block_after_intro(lines: Sequence[str], body_start: int) -> list[str] | None:
    for i in range(max(body_start, 0), len(lines)):
        match = _INTRO.search(lines[i])
        if not match:
            continue
        block: list[str] = []
        rest = lines[i][match.end() :].strip()
        if rest:
            block.append(rest)
        for line in lines[i + 1 :]:
            if _STOP_SECTION.match(line) and block:
                break
            block.append(line)
        return block
    return None


def _first_list_block(lines: Sequence[str], body_start: int) -> list[str]:
    start = None
    for i in range(max(body_start, 0), len(lines)):
        marker = _marker(lines[i])
        if marker and marker[1] in ("1", "I") and marker[0] in ("num", "roman"):
            start = i
            break
    if start is None:  # a bullet list with questions (Karlsruhe Ortschaftsrat inquiries)
        for i in range(max(body_start, 0), len(lines)):
            marker = _marker(lines[i])
            if marker and marker[0] == "bullet":
                block = _until_stop(lines, i)
                if any("?" in " ".join(item) for item in split_items(block)):
                    return block
        return []
    return _until_stop(lines, start)


def _until_stop(lines: Sequence[str], start: int) -> list[str]:
    block: list[str] = []
    for line in lines[start:]:
        if _STOP_SECTION.match(line) and block:
            break
        block.append(line)
    return block


def find_questions(lines: Sequence[str], body_start: int) -> list[str]:
    """Return the inquiry's questions, one per top-level item, numbering removed."""
    block = _block_after_intro(lines, body_start)
    if block is None or not split_items(block):
        listed = _first_list_block(lines, body_start)
        if listed:
            block = listed
    if not block:
        return []
    items = split_items(block)
    if not items:
        text = join_lines(block)
        return [text] if "?" in text else []
    return [join_lines(item) for item in items]


def _split_question_answer(item: Sequence[str]) -> tuple[str, str]:
    lines = [line for line in item if line]
    for k, line in enumerate(lines[:10]):
        if line.rstrip().endswith("?"):
            return join_lines(lines[: k + 1]), join_lines(lines[k + 1 :])
    text = join_lines(lines)
    cut = text.find("?")
    if cut >= 0:
        return text[: cut + 1], text[cut + 1 :].strip()
    first = sentences(text)[:1]
    question = first[0] if first else text
    return question, text[len(question) :].strip()


def find_answers(lines: Sequence[str], body_start: int) -> tuple[list[str], list[str], str]:
    """Return (questions, answers, preamble) of an answer document that repeats the questions."""
    start = None
    for i in range(max(body_start, 0), len(lines)):
        marker = _marker(lines[i])
        if marker and marker[0] == "num" and marker[1] == "1":
            start = i
            break
    if start is None:
        return [], [], join_lines(_until_stop(lines, max(body_start, 0)))
    block: list[str] = []
    for line in lines[start:]:
        if re.match(r"^(?:Anlage/n|Anlagen\b|Unterzeichnet|Mit freundlichen Grüßen|gez\.)", line):
            break
        block.append(line)
    questions: list[str] = []
    answers: list[str] = []
    for item in split_items(block):
        question, answer = _split_question_answer(item)
        questions.append(question)
        answers.append(answer)
    return questions, answers, join_lines(lines[max(body_start, 0) : start])


# --- summary source ----------------------------------------------------------------------------


def _section_text(lines: Sequence[str], body_start: int) -> str:
    """Return Sachverhalt/Begründung prose (without questions), else the first body prose."""
    for i, line in enumerate(lines):
        if re.match(
            r"^(?:Sachverhalt|Begründung|Ergänzende Erläuterungen|Erläuterung"
            r"|[A-Z]\.\s+Zielsetzung)",
            line,
            re.I,
        ):
            inline = re.sub(r"^[^:]*:?\s*", "", line) if ":" in line else ""
            inline = re.sub(r"^(?:Sachverhalt\s*/\s*)?Begründung(?: des Antrags)?\s*", "", inline)
            collected = [inline] if inline else []
            for nxt in lines[i + 1 :]:
                if re.match(r"^(?:Begründung des Antrags|Begründung)\s*:?$", nxt):
                    continue
                if _INTRO.search(nxt):
                    before = nxt[: _INTRO.search(nxt).start()]  # type: ignore[union-attr]
                    collected.append(before)
                    break
                if _marker(nxt) and _marker(nxt)[0] == "num":  # type: ignore[index]
                    break
                if re.match(r"^(?:Anlage/n|Anlagen\b|Unterzeichnet|Mit freundlichen|gez\.)", nxt):
                    break
                collected.append(nxt)
            text = join_lines(collected)
            if len(text) >= 40:
                return text
    collected = []
    start = max(body_start, 0)
    salutations = [
        i
        for i, x in enumerate(lines[:HEADER_LINES])
        if re.match(r"^(?:Sehr geehrte|Liebe )", x, re.I)
    ]
    if salutations:
        start = max(start, salutations[-1] + 1)
    skip_wrapped = False
    for line in lines[start:]:
        if not line:
            continue
        if not collected and (_DOC_LABEL.match(line) or skip_wrapped):
            skip_wrapped = _wraps(line)  # the subject line and its wrapped continuation
            if _DOC_LABEL.match(line) or not skip_wrapped:
                continue
        if _INTRO.search(line) or (_marker(line) and collected):
            break
        if re.match(r"^(?:Sehr geehrte|Mit freundlichen)", line):
            if collected:
                break
            continue
        collected.append(line)
    return join_lines(collected)


# --- public entry points -----------------------------------------------------------------------


def parse_pages(
    pages: Sequence[str], *, ocr: bool = False, page_count: int | None = None
) -> ParsedDocument:
    """Turn the text of a council document (one string per page) into a ParsedDocument."""
    lines = clean_lines(pages)
    full_text = "\n".join(lines).strip()
    doc_label = _doc_label(lines)
    label = doc_label[1] if doc_label else None
    reference = find_reference(lines)
    kind = _kind_from_label(label)
    if kind == "sonstiges" and any(
        (_KA_FACTION_LINE.match(x) and x.startswith("Anfrage")) or re.match(r"^Anfrage\s*:?$", x)
        for x in lines[:HEADER_LINES]
    ):
        kind = "Anfrage"  # Karlsruhe Ortschaftsrat forms: no type line, only "Anfrage:"
    citizen = is_citizen_inquiry(label, reference)
    submitters = [] if citizen else find_submitters(lines, doc_label[0] if doc_label else None)
    factions: list[str] = []
    for submitter in submitters:
        names = factions_in(submitter)
        if not names and re.search(r"fraktion", submitter, re.I):
            names = [
                re.sub(
                    r"^(?:der\s+)?Fraktion\s+(?:der\s+)?|-?\s*(?:Stadtrats|Gemeinderats)?fraktion$",
                    "",
                    submitter,
                    flags=re.I,
                ).strip()
            ]
        factions += [n for n in names if n and n not in factions]
    consultations, table_end = find_consultations(lines)
    header_end = max(table_end, _header_end(lines))
    questions: list[str] = []
    answers: list[str] = []
    summary_source = ""
    if kind == "Antwort":
        questions, answers, preamble = find_answers(lines, header_end)
        preamble = re.sub(r"^(?:Sachverhalt|Begründung)\s*:?\s*", "", preamble)
        summary_source = preamble if len(preamble) >= 40 else (answers[0] if answers else "")
        if not questions:
            summary_source = _section_text(lines, header_end)
    elif kind == "Anfrage":
        questions = find_questions(lines, header_end)
    if not summary_source:
        summary_source = _section_text(lines, header_end)
    title = find_title(lines, doc_label)
    summary = summarise(summary_source)
    if citizen:  # a private person's name never leaves the parser in a shown field
        private = citizen_names((), full_text)
        title = redact_names(title, private) if title else title
        summary = redact_names(summary, private) if summary else summary
        questions = [redact_names(q, private) for q in questions]
        answers = [redact_names(a, private) for a in answers]
    return ParsedDocument(
        kind=kind,
        reference=reference,
        title=title,
        submitters=tuple(submitters),
        factions=tuple(factions),
        status=find_status(lines),
        consultations=tuple(consultations),
        questions=tuple(questions),
        answers=tuple(answers) if answers and len(answers) == len(questions) else (),
        summary=summary,
        pages=page_count if page_count is not None else len(pages),
        text_chars=len(full_text),
        ocr=ocr,
        full_text=full_text,
    )


_HEADER_FIELD = re.compile(
    r"^(?:Status:|Betreff|Eingereicht von|Eingang:|Dienststelle:|Vorlage Nr|Thema:|Datum\b"
    r"|Anlagen\b"
    r"|Stadträtinnen/Stadträte)",
)


def _header_end(lines: Sequence[str]) -> int:
    """Return the index after the header block's last labelled field and its value lines."""
    end = 0
    for i, line in enumerate(lines[:HEADER_LINES]):
        if re.match(r"^(?:Sachverhalt|Begründung|Beschlussvorschlag)", line) or _marker(line):
            break
        if _HEADER_FIELD.match(line):
            _, value_end = _value_after(lines[i:], _HEADER_FIELD, max_lines=3)
            end = max(end, i + max(value_end, 1))
    return end


def parse_text(text: str) -> ParsedDocument:
    """Parse a whole document's text; form feeds separate pages."""
    return parse_pages(text.split("\f"))


def parse_pdf_file(path: Path, *, max_pages: int = 300, ocr: bool = True) -> ParsedDocument:
    """Read and parse a PDF; never raise: unreadable files give parse_status and parse_error."""
    try:
        extracted = pdf.extract_text(path, max_pages=max_pages, ocr=ocr)
    except pdf.PdfError as exc:
        return ParsedDocument(parse_status=exc.status, parse_error=exc.message)
    except Exception as exc:
        return ParsedDocument(parse_status="broken", parse_error=f"PDF nicht lesbar: {exc!r}")
    try:
        doc = parse_pages(extracted.pages, ocr=extracted.ocr, page_count=extracted.page_count)
        if not doc.consultations and re.search(r"Beratungsfolge|Gremi", doc.full_text[:3000]):
            # Layout fallback: the header block is a ruled table whose cells pdfium may interleave.
            tables = pdf.header_tables(path)
            rows = consultations_from_tables(tables)
            if rows:
                doc = replace(doc, consultations=tuple(rows))
    except Exception as exc:
        return ParsedDocument(
            pages=extracted.page_count, parse_status="broken", parse_error=f"Parser-Fehler: {exc!r}"
        )
    if extracted.warning_status:
        doc = replace(doc, parse_status=extracted.warning_status, parse_error=extracted.warning)
    return doc


_KIND_LABELS = {
    "Anfrage": "Anfrage",
    "Antwort": "Antwort",
    "Antrag": "Antrag",
    "Vorlage": "Vorlage",
}


def format_parsed(doc: ParsedDocument) -> str:
    """Render a ParsedDocument for humans (German labels), for `ratsbot parse FILE.pdf`."""
    out = [
        f"Art:          {doc.kind}",
        f"Aktenzeichen: {doc.reference or '–'}",
        f"Betreff:      {doc.title or '–'}",
        f"Eingereicht:  {', '.join(doc.submitters) or '–'}",
        f"Fraktionen:   {', '.join(doc.factions) or '–'}",
        f"Status:       {doc.status or '–'}",
        f"Seiten:       {doc.pages} ({doc.text_chars} Zeichen{', OCR' if doc.ocr else ''})",
    ]
    if doc.parse_status != "ok":
        out.append(f"Lesefehler:   {doc.parse_status} – {doc.parse_error or ''}")
    if doc.consultations:
        out.append("Beratungsfolge:")
        for c in doc.consultations:
            when = c.date.strftime("%d.%m.%Y") if c.date else "ohne Termin"
            out.append(f"  - {c.committee}, {when}" + (f", {c.role}" if c.role else ""))
    if doc.questions:
        out.append("Fragen:")
        for n, question in enumerate(doc.questions, 1):
            out.append(f"  {n}. {question}")
            if doc.answers and doc.answers[n - 1]:
                out.append(f"     Antwort: {doc.answers[n - 1]}")
    if doc.summary:
        out.append(f"Zusammenfassung: {doc.summary}")
    return "\n".join(out)
