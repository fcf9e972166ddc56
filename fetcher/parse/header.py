"""Header fields: the paper's reference, its public status and its title. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from fetcher.factions import factions_in
from fetcher.parse.fields import value_after
from fetcher.parse.form_title import (
    CONSULTATION,
    after_consultation,
    title_after_consultation,
    title_after_consultation_run,
    title_after_form,
)
from fetcher.parse.head_numbers import number_in_type_run, number_then_type
from fetcher.parse.head_subject import subject_in_head_run, subject_run_in
from fetcher.parse.head_title import (
    after_subject_label,
    subject_after_fields,
    subject_after_status,
    subject_in_office_field,
    without_label_after,
    without_run_on,
)
from fetcher.parse.kind import DOC_LABEL
from fetcher.parse.letter_head import reply_reference, subject_reference
from fetcher.parse.non_subject import names_sender_only, not_subject
from fetcher.parse.paper_number import (
    AGENDA_ITEM,
    ANSWER_HEAD,
    VALUE,
    date_or_year,
    foot_value,
    in_sentence,
    is_value,
    labelled_value,
    lone_value,
    sentence_goes_on,
    value_below,
    without_amendment,
)
from fetcher.parse.reference_labels import (
    CITED as CITED,  # relines.py reads it here
)
from fetcher.parse.reference_labels import (
    REF,
    clause,
    number_below_ds,
    value_after_label_run,
    value_below_label,
    value_in_column,
    without_page_counter,
)
from fetcher.parse.reference_lines import rejoined
from fetcher.parse.subject_run import without_run_after
from fetcher.parse.submitters import KA_FACTION_LINE, OF_FACTION
from fetcher.parse.table_title import table_title
from fetcher.parse.text import DATE, HEADER_LINES, LABEL_LINE, join_lines, wraps
from fetcher.parse.type_names import number_before_type
from fetcher.parse.type_subject import (
    continued,
    heading_above_list,
    names_sender,
    subject_below_heading,
    subject_below_type,
    subject_line_after_prefix,
    subject_named,
    without_type_word,
)

_REFERENCE_PATTERNS = (
    # The paper's own number after a paper noun ("Vorlage Nr.", "Vorlagen-Nr.", "Anfrage-Nr.",
    # "Antragsnummer", "Beschlussvorlage Nr.") or a bare "Nr." opening the line; never after another
    # noun ("Bebauungsplan Nr. 199", "Objekt-Nr.", "Flst.-Nr.", "Haus Nr.", "Tel.-Nr.", "Top-Nr.").
    re.compile(
        r"(?:(?<![\w-])[\wÄÖÜäöü]*(?:vorlage|drucksache|anfrage|antrag)(?:n|s)?\s*-?\s*(?:Nr\.?|nummer)"
        rf"|^Nr\.?)\s*:?\s*(?:Nr\.\s*)?(?P<ref>{REF})",
        re.I,
    ),
    # "Drucksache - 21-12345", "Drucksache: 24-00345", "Drucksachennummer 12/2024".
    re.compile(
        r"(?:Drucksache|Drs\.)(?:n?-?(?:Nr\.?|nummer))?"
        r"\s*:?\s*(?:-\s*)?(?P<ref>\d+\s*[/-]\s*\d+)",
        re.I,
    ),
    # Shapes printed without a "Nr." label: "DS 8/2021" (Nordstemmen), "VO/2021/1234",
    # "F0123/21" and "mAF0123/21", "RA 123/2024", "Anfrage 2024/0123".
    # At a line's start, or beside the letter's date ("… Telefon: 800 - 45 21.10.2014 DS 77/2014",
    # the head run together).
    re.compile(r"(?:^|(?<=\d\.\d{4}\s))(?:DS|Drs)\s*\.?\s*(?P<ref>\d{1,5}\s*/\s*\d{2,4})\b"),
    # The filing office's letters and number may follow ("mAF0010/14/FB 3").
    re.compile(
        r"(?<![\w/])(?P<ref>(?:VO/\d{4}/\d{2,6}|(?:mA)?F\d{3,5}/\d{2}|RA\s?\d{1,4}/\d{4})"
        r"(?:/[A-ZÄÖÜ]{1,4}(?:\s\d{1,2}(?![\w/.,-]))?)?)\b"
    ),
    re.compile(
        rf"^(?:Beantwortung|Antwort|Stellungnahme)\s+zu[rm]?\s+Anfrage\s+(?P<ref>{REF})", re.I
    ),
)


_OWN_LABEL = re.compile(
    r"^(?:Drucksachen?|DS|Drs\.?)(?:-?(?:Nr\.?|nummer))?\s*:?\s*-?\s*\d+\s*[/-]\s*\d+",
    re.I,
)


# Words that make a number another paper's: its date ("vom 21.10.2019"), a citation ("vgl.",
# "gemäß"), an inquiry's receipt in prose ("eingegangen am 27.05.2026 - Drs. …"; the label
# "eingegangen am: 26.07.2021" of a form is none).
_OTHER_PAPER = re.compile(
    r"\bvom\s+\d|\b(?:vgl|siehe|s\.|gem|gemäß|Bezug|bezugnehmend)\b\.?|eingegangen am(?!\s*:)",
    re.I,
)


def find_reference(lines: Sequence[str]) -> str | None:
    """Return the paper's reference as printed ("F-00724/14", "2025/0833", "17/273"), or None."""
    lines = rejoined(lines)  # table borders as gaps, a number wrapped after "/" (reference_lines)
    agenda = False  # below an agenda item's heading: its papers, not the minutes' own
    for i, line in enumerate(lines[:HEADER_LINES]):
        agenda = agenda or bool(AGENDA_ITEM.match(line))
        if not agenda and (numbered := number_before_type(line)):
            return numbered  # "2023/0123 Anfrage": the number, then the type (form_fields)
        if not agenda and (numbered := number_then_type(lines, i) or number_in_type_run(line)):
            return numbered  # the same run together with other fields (head_numbers)
        if not agenda and (below := value_below(lines, i)):
            return below  # "Drucksache:" / "21-1234": a label ending its line, its value below
        if re.fullmatch(
            r"(?:\w*vorlagen?|Drucksachen?|Antrags?|\w*anfrage)\s*-?\s*(?:Nr\.?|nummer)\s*:?"
            r"|(?!bezug)\w*(?:vorlage|drucksache)\s*:",  # a label column's "Drucksache:" / "Datum:"
            line,
            re.I,
        ):
            # Karlsruhe 2018 layout: "Vorlage Nr.:" with the number a few lines further down;
            # a label column "Antrag Nr.: / Datum:" above its values "A0087/09 / 25.11.2009".
            following = [
                without_amendment(x) for x in lines[i + 1 : i + 8] if x and not x.endswith(":")
            ]
            if (
                following
                and not date_or_year(following[0])
                and (
                    re.fullmatch(r"\d{4}/\d{3,5}|" + REF, following[0])
                    or (re.fullmatch(VALUE, following[0]) and is_value(following[0]))
                )
            ):
                return following[0]
            column = value_in_column(lines, i)
            if column:
                return column
        value = value_below_label(lines, i) or value_after_label_run(lines, i)
        if value := value or number_below_ds(lines, i):
            return value
        line = without_page_counter(line)
        own = _OWN_LABEL.match(line)  # "Drucksache: 24-00345 vom 12.03.2024" is the paper's own
        if re.search(r"Flurst(?:ück|\.)", line, re.I):
            continue  # "Flurstück Nr. 123/4" is a parcel, not a paper
        if re.fullmatch(r"Nr\.\s*\d+\s+S\.\s*\d+", line):
            continue  # a fax header's transmission number and page ("Nr. 8015 S. 1")
        if i and sentence_goes_on(lines[i - 1], line):
            continue  # "… Bündnis 90/Die Grünen -" / "Drs. 19/9632": a paper cited in prose
        if not agenda and (labelled := labelled_value(line)):
            below = lines[i + 1].strip() if i + 1 < len(lines) else ""
            if re.search(r"/[A-ZÄÖÜ]{1,4}$", labelled) and re.fullmatch(r"\d{1,2}", below):
                # "Drucksache 0123/2021/FB" / "3": the department's number, split off by the
                # relining of a run-together head ("… FB 3 1 Kleine Anfrage …")
                return f"{labelled} {below}"
            return labelled  # a number label and its value, whatever the value's separators
        for pattern in _REFERENCE_PATTERNS:
            for match in pattern.finditer(line):
                before = line[: match.start()]
                # "Antrag … Nr. 266/2019 vom 21.10.2019", "(vgl. DS 71/2010)": other papers; in a
                # line of labels run together only the number's own clause counts
                if not own and _OTHER_PAPER.search(clause(line, match.start(), match.end())):
                    continue
                if CITED.search(before) and not ANSWER_HEAD.match(before):
                    continue  # "… in der Drucksache 19/10297 genannten …": a paper cited in prose
                if re.search(rf"\S\s*\(\s*$|\bBezug\w*\s*:?\s*$|{DATE.pattern}\s*[-–]\s*$", before):
                    # "… in Hannover“ (Drs. 19/10297)", "Bezug: Drucksache …", a receipt
                    # wrapped from "eingegangen am" ("11.06.2026 - Drs. 19/10936"): cited
                    continue
                if in_sentence(before, line[match.end() :]):
                    continue  # "Drucksache 19/10558 ergibt sich …": a paper cited in prose
                ref = re.sub(r"\s*([/-])\s*", r"\1", match.group("ref")).rstrip(".,;:")
                unit = re.match(r"\s(\d{1,2})(?![\w/.,-])", line[match.end() :])
                if unit and re.search(r"\d/[A-ZÄÖÜ]{1,4}$", ref):
                    ref = f"{ref} {unit.group(1)}"  # "AF2014/13/FB 3": the filing office's number
                if date_or_year(ref) or not re.search(r"\d", ref):
                    continue  # "STELLUNGNAHME zur Anfrage FDP-Gemeinderatsfraktion": no number
                return ref
    return (
        subject_reference(lines) or reply_reference(lines) or lone_value(lines) or foot_value(lines)
    )


def find_status(lines: Sequence[str]) -> str | None:
    """Return "öffentlich" / "nichtöffentlich" from "Status:" or the Ö/N column of the header."""
    for line in lines[:HEADER_LINES]:
        match = re.search(r"Status:\s*(nicht\s*öffentlich|öffentlich)", line, re.I)
        if match:
            return "nichtöffentlich" if "nicht" in match.group(1).lower() else "öffentlich"
    for line in lines[:HEADER_LINES]:
        if DATE.search(line):
            if re.search(r"\d{4}\s+(?:\d+\s+)?Ö\b", line):
                return "öffentlich"
            if re.search(r"\d{4}\s+(?:\d+\s+)?N\b", line):
                return "nichtöffentlich"
    return None


# Landtag "Kleine Anfrage zur schriftlichen Beantwortung" heads: the title follows these lines.
_BOILERPLATE = re.compile(
    r"^(?:gemäß\s+§|mit\s+Antwort|Anfrage\s+de[rs]|Antwort\s+de[rs]|namens\s+der|an\s+die\s+"
    r"Staatskanzlei|eingegangen|Drs\.|Hannover|Niedersächsischer\s+Landtag)",
    re.I,
)


def _title_after_boilerplate(lines: Sequence[str], start: int) -> str | None:
    """Return the title between the Landtag header lines and the repeated "Anfrage der …" line."""
    k = start
    in_answer_line = False  # "Antwort des … Ministeriums … namens der Lan-" / "desregierung"
    in_asker_line = False  # "Anfrage der Abgeordneten A, B und" / "C" / "(CDU)": wrapped names
    while k < min(len(lines), start + 12):
        line = lines[k]
        if line and not _BOILERPLATE.match(line) and not in_answer_line and not in_asker_line:
            break
        if re.match(r"^Antwort\s+de[rs]", line):
            in_answer_line = True
        if re.search(r"regierung\s*$", line) or (
            k > start and lines[k - 1].endswith("-") and re.fullmatch(r"[a-zäöüß]+", line)
        ):
            in_answer_line = False  # "… namens der Landesregie-" / "rung" ends it too
        if re.match(r"^Anfrage\s+de[rs]\s+Abgeordneten", line):
            in_asker_line = True
        if ")" in line:
            in_asker_line = False
        k += 1
    title: list[str] = []
    while (
        k < len(lines)
        and lines[k]
        and not _BOILERPLATE.match(lines[k])
        and not lines[k].startswith("Vorbemerkung")
        and len(title) < 6  # a PDF wraps a long title at a letter's width: more lines
    ):
        title.append(lines[k])
        k += 1
    return join_lines(title) or None


# The subject's labels: "Betreff", "Thema", and with their colon the labels other council systems
# print ("Bezeichnung:", "Gegenstand:", "Titel:"; without it they open a sentence).
_SUBJECT_LABEL = re.compile(
    r"^(?:Betreff|Thema)\b\s*:?|^(?:Bezeichnung|Gegenstand|Titel)\s*:", re.I
)
_LABEL_ENDS = re.compile(r"\s+[A-ZÄÖÜ][\wäöüß-]*:\s*$")


# The sender cell beside the title in SessionNet heads, without blank lines around it:
# "CDU-Ortschaftsratsfraktion", "SPD-Ortschaftsratsfraktion Vorlage Nr.: 204" (two cells, one line).
_SENDER_CELL = re.compile(
    r"[\w/‘'’.+ -]*fraktion(?:\s+[A-ZÄÖÜ][\wäöüß-]+)?(?:\s+Vorlage\s+Nr\.?:?\s*\S*)?", re.I
)


_RUN_HEAD_LINES = 4  # the type, sender, date and number lines of a head, run together or not


def find_title(lines: Sequence[str], doc_label: tuple[int, str, str] | None) -> str | None:
    """Return the Betreff: labelled, amid SessionNet header lines, or the letter's subject; a
    subject label inside it (a head run together) starts it.

    The ways of reading a head are tried in turn; a reading that is no subject (a label, a date,
    a type phrase, a sender alone: non_subject) gives way to the next, and none is better than
    a wrong one.
    """
    for title in _titles(lines, doc_label):
        if not title or names_sender_only(title):
            continue
        cut = without_run_after(after_subject_label(title))
        subject = without_type_word(cut) if cut else None
        if subject is not None and not not_subject(subject):
            return subject
    return None


def _titles(lines: Sequence[str], doc_label: tuple[int, str, str] | None) -> Iterator[str | None]:
    """Yield the readings of a head's title, the likeliest first."""
    values, _ = value_after(lines, _SUBJECT_LABEL, width_wraps=True)
    labelled = next((x for x in lines[:HEADER_LINES] if _SUBJECT_LABEL.match(x)), "")
    if values and _LABEL_ENDS.search(labelled) and labelled.rstrip(" :").endswith(values[0]):
        # "Gegenstand: <subject> Einleitung:": the next label ends the line (value_after
        # takes its colon off)
        values = [_LABEL_ENDS.sub("", labelled).strip(), *values[1:]]
        values[0] = _SUBJECT_LABEL.sub("", values[0]).strip()
    if values:
        yield without_label_after(without_run_on(join_lines(values)))
    yield table_title(lines)  # "Titel" / <subject>, "Nr. | Betreff | Datum" / "… | <subject> | …"
    yield subject_line_after_prefix(lines)  # "Anfrage gem. § 16 Abs. 1 GO: <subject>"
    # SessionNet (Karlsruhe): title lines sit between "Vorlage Nr./Eingang/Dienststelle" and
    # "Anfrage: <faction>" or "Gremien Termin TOP".
    for i, line in enumerate(lines[:HEADER_LINES]):
        if not re.match(r"^(?:Gremien|Gremium)\s+Termin|.*\sTermin\s+TOP\s+ö\b", line):
            continue  # "Ortschaftsrat Stupferich Termin TOP ö nö": the committee in the head cell
        k = i - 1
        while k >= 0 and not lines[k]:
            k -= 1
        faction_line = ""
        if k >= 0 and (
            ((sender := KA_FACTION_LINE.match(lines[k])) and names_sender(sender.group("v")))
            or OF_FACTION.match(lines[k])
            or _SENDER_CELL.fullmatch(lines[k].strip())
        ):
            faction_line = lines[k]
            k -= 1
        while k >= 0 and not lines[k]:
            k -= 1
        collected: list[str] = []
        while k >= 0 and lines[k]:
            prev = lines[k]
            if DOC_LABEL.match(prev) and (named_subject := without_type_word(prev)) != prev:
                collected.insert(0, named_subject)  # "Anfrage zu <subject>" / its next line
                break
            if (
                re.match(r"^(?:Vorlage Nr|Eingang|Verantwortlich|Dienststelle|Gedruckt)", prev)
                or re.fullmatch(r"\d{4}/\d{3,5}", prev)
                or DOC_LABEL.match(prev)
                or LABEL_LINE.match(prev)
            ):
                break
            collected.insert(0, prev)
            k -= 1
        if k >= 0 and CONSULTATION.match(lines[k]):  # a consultation table above the title
            table = [lines[k], *collected]
            collected = table[after_consultation(table, 0) :]
        if (
            collected
            and k >= 0
            and lines[k].startswith("Dienststelle:")
            and len(collected[0]) < 40
            and not wraps(collected[0])
        ):
            collected = collected[1:]  # "Dienststelle: Eigenbetrieb / Fußballstadion im Wildpark"
        if collected:
            title = join_lines(collected)
            # "… (KULT) vom 23. März 2016 Aktueller Stand …": the head's fields run into it
            yield subject_after_fields(title) or title
        if k >= 0 and (
            subject := subject_after_fields(lines[k]) or subject_in_office_field(lines[k])
        ):
            yield subject  # "Eingang: 18.05.2021 Interne Struktur …": the field above, run in
        if "hier:" in faction_line:
            # Ortschaftsrat answers: "Anfrage der …-Fraktion vom …; hier: <Betreff>"
            yield faction_line
    # blank lines or none (a PDF's text): same title; or the subject below a consultation table
    form_title = (
        subject_run_in(lines)  # "… öffentlich Gegenstand: <subject>": a head run together
        or title_after_form(lines)
        or title_after_consultation(lines)
        or subject_after_status(lines)
        or title_after_consultation_run(lines)
    )
    if form_title:
        yield form_title
    if doc_label is not None:
        index, _label, rest = doc_label
        if heading := subject_below_heading(lines, before=index):
            yield heading  # the page opens with its type: a type word further down is cited
        rest = rest.strip()
        if re.match(r"zur\s+(?:\w+\s+)?(?:schriftlichen|mündlichen)\s+Beantwortung", rest):
            yield (boilerplate := _title_after_boilerplate(lines, index + 1))
            if boilerplate is None:
                return  # the Landtag's head as printed, nothing below it: no title
        if named := subject_named(rest):
            yield continued(lines, index, named)
        if rest.startswith(":"):
            value = rest[1:].strip()
            if value and not factions_in(value) and len(value) > 12:
                more = [value]
                j = index + 1
                while wraps(more[-1]) and j < len(lines) and lines[j]:
                    more.append(lines[j])
                    j += 1
                yield join_lines(more)
        # Landtag: "Gesetzentwurf / der Fraktion der SPD / <title>"; a letter's "Anfrage / der
        # Fraktion X / vom 04.02.2021 / Nummer: 21/00123 / <title>": the head's fields skipped.
        if (below := subject_below_type(lines, index)) is not None:
            yield below
        if (
            rest
            # not a type word in capitals inside a head run together ("… Der Oberbürgermeister
            # STELLUNGNAHME zur Anfrage AfD-Gemeinderatsfraktion"): no title beside it
            and not re.search(r"\S\s+" + re.escape(_label) + r"\b", lines[index])
            and not re.match(r"^[-\s]*Nr", rest, re.I)
            and len(rest) > 12
            and not DATE.search(rest)
            and not _elsewhere(rest, lines, index)
        ):
            yield lines[index].strip()
    yield subject_below_heading(lines)
    # a head run together into a line or two: the subject between its fields and what follows
    for line in [x for x in lines[:HEADER_LINES] if x.strip()][:_RUN_HEAD_LINES]:
        yield subject_in_head_run(line)
    yield heading_above_list(lines)  # "… folgende Anfrage:" / <subject> / "1) Warum …"


def _elsewhere(rest: str, lines: Sequence[str], index: int) -> bool:
    """Return True if the rest beside a type word is a whole line elsewhere in the document.

    "Einladung Stadt Erlangen": pdfium reads a right-hand letterhead on the same baseline into
    the type word's line; the letterhead is printed again ("STADT ERLANGEN" above the signature).
    """
    key = " ".join(rest.split()).casefold()
    return any(
        " ".join(line.split()).casefold() == key for i, line in enumerate(lines) if i != index
    )
