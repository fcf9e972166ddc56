"""The document-type label near the top ("Anfrage", "Stellungnahme zur Anfrage" …) → kind. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.classify import kind_from_paper_type
from fetcher.parse.answer_sections import dated_answer_below
from fetcher.parse.form_fields import answered_below, type_after_number, without_status
from fetcher.parse.kind_wording import (
    ANSWER_HEADING,
    ANSWER_LETTER,
    ANSWER_SUBJECT,
    INQUIRY_ANSWERED,
    INQUIRY_SUBJECT,
    LOWER_END,
    MOTION_WORDING,
    NOT_AFTER_LOWER,
    answer_run_in,
    asks_after_answer,
    names_inquiry,
    names_itself_answer,
    notice_type,
    statement_answers,
)
from fetcher.parse.kind_wording import (
    letter_kind as letter_kind,  # tests read it here
)
from fetcher.parse.letter_head import SALUTATION_INSIDE, administration_to_member
from fetcher.parse.markers import LINE_CHARS, lines_before
from fetcher.parse.reference_labels import without_page_counter
from fetcher.parse.text import HEADER_LINES
from fetcher.parse.type_names import (
    DOC_LABEL as DOC_LABEL,  # relines, fields, header and summary read it here
)
from fetcher.parse.type_names import (
    MOTION_TYPE,
    NUMBER_LABEL_REST,
    OTHER_INQUIRY,
    TYPE_FIELD,
    TYPO,
    about_a_paper,
    dated_citation,
    field_type,
    number_block_end,
    type_inside,
    unspaced,
)
from fetcher.parse.wording import SALUTATION

_LABEL_KIND_OVERRIDES = {
    "gesetzentwurf": "sonstiges",
    "einladung": "sonstiges",
    "tagesordnung": "sonstiges",
    "unterrichtung": "sonstiges",  # Landtag notices: withdrawn papers, resolutions reported on
}


# A letter names its type in the subject line: "Betreff: Antrag auf …", "Betr.: Anfrage zu …".
# A subject heading cell run into its value has no colon: "Thema Anfrage der FDP-…" (one line per
# paragraph).
_SUBJECT_PREFIX = re.compile(
    r"^(?:(?:Betreff|Betr\.|Thema)\s*:\s*|(?-i:Thema|Betreff|Gegenstand)\s+)(?=\S)", re.I
)


# A letter's salutation ("Sehr geehrte Frau …,", "Liebe Kolleginnen …"); case as printed.
_SALUTED = re.compile(r"^(?:Sehr geehrte|Liebe[rs]?\s)")


def _runs_into(above: str) -> bool:
    """Whether a line of two or more words runs on into the next (ends in a lower-case word).

    "Zwischenbescheid zur schriftlichen" / "Anfrage AF2008/13" (a subject in a narrow column):
    the type word below is the end of a phrase, not the paper's type line.
    """
    return ":" not in above and len(above.split()) >= 2 and bool(LOWER_END.search(above))


# A type word printed in capitals inside a line: a head run together ("Stadt Karlsruhe Der
# Oberbürgermeister STELLUNGNAHME zur Anfrage AfD-Gemeinderatsfraktion", "STADT KARLSRUHE Der
# Oberbürgermeister ANFRAGE Stadträtin …"). Capitals set a heading apart from the prose around it.
_CAPITAL_TYPE = re.compile(
    r"(?<=\S\s)(?=(?:(?:KLEINE|GROSSE|MÜNDLICHE|SCHRIFTLICHE)\s+)?(?:ANFRAGE|ANTRAG|STELLUNGNAHME"
    r"|BESCHLUSSVORLAGE|INFORMATIONSVORLAGE|VORLAGE|ANTWORT|BEANTWORTUNG)\b)"
)


# A type word as the heading of a list run into its line: "Thema: Zusammenarbeit mit der Ditib
# Anfrage A. Laut bundesweiten …", "… Gewerbesteueraufkommen Anfrage A." / "Welche Rolle …" (a
# letter's "Anfrage" above its first item "A." or "1.").
_HEADING_BEFORE_ITEM = re.compile(
    r"(?=(?:Anfrage|Antrag)\s+(?:[A1]\.|1\))(?:\s+[A-ZÄÖÜ]|\s*$))(?<=[^\s,;]\s)" + NOT_AFTER_LOWER
)
# An answer's type line run in after a footer or letterhead ("Gedruckt auf 100 Prozent
# Recyclingpapier Stellungname zur Anfrage Verkehrsberuhigung …"), not after a word in lower case
# ("… bitten um Antwort zur Anfrage …").
_ANSWER_TYPE_INSIDE = re.compile(
    r"(?=(?:Stellungnah?me|Antwort|Beantwortung)\s+zu[rm]?\s+(?:Einwohner)?(?:Anfrage|Antrag)\b)"
    r"(?<=\S\s)" + NOT_AFTER_LOWER
)
# A type word right after the paper's number in a head run together ("12.04.2018 DS 32/2018
# Beschlussvorlage Beratung in …", "Drucksache 19/11153 Unterrichtung").
_AFTER_NUMBER = re.compile(r"(?:(?<=\d/\d\d\s)|(?<=\d/\d{4}\s)|(?<=\d/\d{5}\s))(?=[A-ZÄÖÜ])")
# The end of an address block: a postcode and its town ("31171 Nordstemmen", "60311 Frankfurt
# am Main").
_TOWN_END = re.compile(
    r"(?<!\S)\d{5}\s+[A-ZÄÖÜ][\w.-]*(?:\s+(?:am|an\s+der|im|bei)\s+\S+)?\s+(?=\S)"
)


def find_doc_label(lines: Sequence[str]) -> tuple[int, str, str] | None:
    """Return (line index, label, rest of the line) of the paper's type line, or None.

    A type line starts a line. In a head run together, above the first such line and above a
    letter's salutation, a type word inside a line is one where a heading stands: right after
    the address block's town, in capitals, above the first list item, after the paper's number,
    or an answer's "Stellungnahme zur Anfrage" after a footer; never after a word in lower case.
    """
    found = _type_line(lines)
    # a number label ("Vorlage Nr.: AF2023/13") is no type line: look in its block below too
    numbered = bool(found and NUMBER_LABEL_REST.match(found[2]))
    end = (number_block_end(lines, found[0]) if numbered else found[0]) if found else HEADER_LINES
    for i, line in enumerate(lines[:end]):
        inside = SALUTATION_INSIDE.search(line)
        if SALUTATION.match(line):
            break  # a letter's body: capitals there are emphasis
        # a letter's subject after its address block, run together with it ("… Rathausstraße
        # 3 31171 Nordstemmen Anfrage zum Gelände der alten" / "Genossenschaft (Gelände MTB)
        # Sehr geehrte Frau Bürgermeisterin, …"): a type word right after the town
        town = _TOWN_END.search(line[: inside.start()] if inside else line)
        subject = DOC_LABEL.match(line[town.end() :]) if town else None
        if subject and not dated_citation(subject.group("rest")):
            return i, subject.group("label"), subject.group("rest").strip()
        if inside:
            run_in = type_inside(line[: inside.start()])  # "… Ratsanfrage … Einleitung: Sehr …"
            return (i, *run_in) if run_in else found
        inside_types = (
            _CAPITAL_TYPE,
            _HEADING_BEFORE_ITEM,
            _ANSWER_TYPE_INSIDE,
            _AFTER_NUMBER,
        )
        for capital in [m for pattern in inside_types for m in pattern.finditer(line)]:
            match = DOC_LABEL.match(line[capital.start() :])
            if match and not dated_citation(match.group("rest")):
                label = re.sub(r"(?i)stellungname", "Stellungnahme", match.group("label"))
                return i, label, match.group("rest").strip()
        run_in = type_inside(line)
        if run_in:
            return i, *run_in
    return found


def _type_line(lines: Sequence[str]) -> tuple[int, str, str] | None:
    """Return the first type line; a number label ("Anfrage Nr.: …") only if none follows it
    within the label block (NUMBER_BLOCK lines: Dresden's "Anfrage Nr.:" / "Datum:" / "ANFRAGE")."""
    saluted = False
    number_label = None
    for i, line in enumerate(lines[:HEADER_LINES]):
        saluted = saluted or bool(_SALUTED.match(line) or SALUTATION_INSIDE.search(line))
        if saluted and _wrapped_in_prose(lines, i):
            continue  # "… Ihrer o. g." / "Anfrage" / "verzögert, da …": a letter's sentence
        if i and _runs_into(lines[i - 1]):
            continue
        if number_label and i >= number_block_end(lines, number_label[0]):
            break  # "Antrag an den Ortschaftsrat" far below "Vorlage Nr.:" is a form's field
        # "Vorlagenart:": its value is the type, whatever its name
        if field := field_type(lines, i):
            return field
        line = without_status(without_page_counter(line))  # "1/2 Antrag-Nr. …", "Öffentliche …"
        line = unspaced(line)  # "E I N L A D U N G"
        numbered_type = type_after_number(line)  # "2023/0123 Anfrage": the number, then the type
        line = numbered_type[1] if numbered_type else line
        subject = _SUBJECT_PREFIX.match(line) or TYPE_FIELD.match(line)
        match = DOC_LABEL.match(line[subject.end() :] if subject else line)
        if match and NUMBER_LABEL_REST.match(match.group("rest")):
            number_label = number_label or (i, match.group("label"), match.group("rest").strip())
            continue
        # "Stellungnahme zu Fragen aus der" / "GR-Sitzung vom 3. Februar 2015": the rest of a
        # line that runs on goes on below it
        rest = match.group("rest") if match else ""
        if match and _runs_into(line) and i + 1 < len(lines):
            rest = f"{rest} {lines[i + 1]}"
        if match and not re.search(r"\bvom\s+\d", rest):
            # "Stellungname zur Anfrage" (a typo, Karlsruhe Ortschaftsrat 2021) is the same label.
            label = TYPO.sub("Stellungnahme", match.group("label"))
            return i, label, match.group("rest").strip()
    return number_label


def _wrapped_in_prose(lines: Sequence[str], index: int) -> bool:
    """Whether a line below a letter's salutation is a piece of a sentence: no colon ("Antrag:
    Kurzfristige …" is a heading), not just below the salutation, and the next line runs on in
    lower case."""
    following = next((x for x in lines[index + 1 : index + 3] if x), "")
    before = next((x for x in reversed(lines[max(0, index - 2) : index]) if x), "")
    # "… Dorthin wurde Ihre" / "Anfrage mit der Bitte um Bearbeitung abgegeben.": the sentence's
    # end, the line above running on into it (a PDF's text has no blank line to set it apart).
    ends_sentence = lines[index].rstrip().endswith(".") and before[-1:].isalpha()
    return (
        ":" not in lines[index]
        and not before.endswith(",")
        and (following[:1].islower() or ends_sentence)
    )


def kind_from_label(label: str | None) -> str:
    if label is None:
        return "sonstiges"
    override = _LABEL_KIND_OVERRIDES.get(label.lower())
    if override:
        return override
    if re.fullmatch(OTHER_INQUIRY, label, re.I):
        return "Anfrage"
    if MOTION_TYPE.fullmatch(label):
        return "Antrag"  # "Berichtsantrag", "Prüfauftrag": paper types read as reports or none
    return kind_from_paper_type(label, None)


def _subject_lines(lines: Sequence[str]) -> list[str]:
    """Return the lines just above a letter's salutation (its subject), else none.

    Run together with its address and date ("… 76133 Karlsruhe 10.07.2015 Zusatzfragen aus der
    Plenarsitzung …" above the salutation, or on its line), what follows the date or the town
    is read as a subject line too.
    """
    for i, line in enumerate(lines[:HEADER_LINES]):
        inside = None if _SALUTED.match(line) else SALUTATION_INSIDE.search(line)
        if _SALUTED.match(line) or inside:
            above = lines_before(lines, i, 3 * LINE_CHARS)  # three lines of a letter's width
            if inside:
                above.append(line[: inside.start()])
            opening = [m.end() for x in above[-1:] for m in _SUBJECT_OPENS.finditer(x)]
            return [*above, above[-1][opening[-1] :]] if opening else above
    return []


# What a letter's subject follows when run together: the date, or the postcode and town.
_SUBJECT_OPENS = re.compile(
    rf"(?<!\S)\d{{1,2}}\.\d{{1,2}}\.\d{{4}}\s+(?=[A-ZÄÖÜ])|{_TOWN_END.pattern}"
)


# "Zu 1:" alone on its line, or run together with its answer ("Zu 1: Der Rat der Gemeinde …").
_ANSWER_TO = re.compile(
    r"^(?:Zu|Antwort\s+zu)\s+(?:Frage\s+)?\d{1,2}\s*(?:[.:)]?\s*$|:\s+(?=[A-ZÄÖÜ]))", re.M
)
_FIRST_ITEM = re.compile(r"^(?:Frage\s+)?1\s*[.):]\s+\S")


def kind_from_content(lines: Sequence[str], label: str | None, label_index: int | None) -> str:
    """Return the kind from the wording of the header block, the label's kind as the default;
    an inquiry that holds its answer below the questions is an answer (form_fields)."""
    kind = _kind_from_wording(lines, label, label_index)
    if (
        kind == "Anfrage"
        and (answered_below(lines) or dated_answer_below(lines))
        and not asks_after_answer(lines)
    ):
        return "Antwort"
    return kind


NOTICE_REACH = 600  # characters after a notice's type word where its subject stands


def _kind_from_wording(lines: Sequence[str], label: str | None, label_index: int | None) -> str:
    if label and label.lower() in _LABEL_KIND_OVERRIDES:
        return _LABEL_KIND_OVERRIDES[label.lower()]
    label_kind = kind_from_label(label)
    if label_kind == "Niederschrift":
        # Minutes name their type first and then record every agenda item: "Anfrage: GRÜNE",
        # "die Stellungnahme der Verwaltung liege vor" (Karlsruhe's minutes of an inquiry's
        # item) are what was discussed, not the paper's type.
        return label_kind
    head = "\n".join(lines[:HEADER_LINES])
    if about_a_paper(lines, label_index, head):
        return "Vorlage"
    # An answer names itself above the questions: "Antwort auf …" wrapped onto a line start in
    # an inquiry's justification is prose (Karlsruhe 2020/1246/2).
    listed = next((i for i, x in enumerate(lines[:HEADER_LINES]) if _FIRST_ITEM.match(x)), None)
    above = "\n".join(lines[: listed if listed is not None else HEADER_LINES])
    if label_kind == "Antwort":
        return "Antwort"
    line = lines[label_index] if label and label_index is not None else ""
    at = line.lower().find(label.lower()) if label else -1
    named = line[max(at, 0) :] if label else ""  # the label and the rest of its line
    if statement_answers(named, above, lines):
        return "Antwort"  # "Stellungnahme der Verwaltung" above the questions it answers
    on_motion = bool(label and re.search(r"antrag|stellungnah?me", label, re.I))
    if (
        names_itself_answer(above)
        or (not on_motion and names_itself_answer(above, ANSWER_HEADING))
        or (label_kind in ("sonstiges", "Vorlage", "Anfrage") and answer_run_in(above))
    ) and not (label_kind == "Anfrage" and asks_after_answer(lines)):
        return "Antwort"  # unless a follow-up inquiry quotes the earlier answer, then asks again
    # an inquiry named inside a letter's line ("3. Mai 2019" / "SPD Anfrage aus dem
    # Ortschaftsrat …" above the salutation) is the subject of an answer as much as its type
    run_in = label_kind == "Anfrage" and at > len(line) - len(line.lstrip())
    untyped = (
        label_kind in ("sonstiges", "Vorlage", "Informationsvorlage") or run_in
    ) and not on_motion
    subject = _subject_lines(lines)
    if untyped and (
        ANSWER_LETTER.search(above)
        or any(ANSWER_SUBJECT.match(x) for x in subject)
        or INQUIRY_ANSWERED.search(above)
        or len(_ANSWER_TO.findall(head)) >= 2
        or administration_to_member(lines)
    ):
        return "Antwort"  # "vielen Dank für Ihre Anfrage"; answers "Zu 1:", "Zu 2:" …
    notice = notice_type(head)
    # "Mitteilungsvorlage" above "Anfrage der CDU-Fraktion zur …" (Nordstemmen): the inquiry is
    # the subject of a notice, so the notice answers it.
    notice_first = notice and (
        label_index is None or head.count("\n", 0, notice.start()) < label_index
    )  # no type line at all: the notice's word is the paper's type
    # the inquiry it answers is the notice's subject, printed near it: not an inquiry the
    # Sachstand of a page run together into one line mentions ("… Auf die Anfrage der …")
    near = head[: notice.start() + NOTICE_REACH] if notice else ""
    if notice and (label_kind != "Anfrage" or notice_first) and INQUIRY_SUBJECT.search(near):
        return "Antwort"
    if notice_first and notice and re.match(r"(?:Mitteilung|Information)", notice.group(0), re.I):
        return "Informationsvorlage"  # a notice about a motion or a petition, not an answer
    if label is None or label.lower() == "vorlage":
        # No type line, or only "Vorlage Nr.": the prose says what it is, also after a long
        # justification ("… stellen wir den Antrag, …" in the 40th line).
        later = "\n".join(lines[HEADER_LINES : 3 * HEADER_LINES])
        return letter_kind(head) or ("Antrag" if MOTION_WORDING.search(later) else label_kind)
    if label_kind in ("sonstiges", "Vorlage", "Informationsvorlage") and names_inquiry(head):
        return "Anfrage"
    return label_kind
