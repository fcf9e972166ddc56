"""Answer headings never seen: dev answer documents with their answers re-headed. Reads dev (I/O).

Run: .venv/bin/python -m bench.answer_variants [--shape NAME] [--via-pdf paged] [--variant V]…
[--show VARIANT]

HAND holds, read from each text (not from the parser), which dev answer documents answer their
questions and how: the number of answers (questions answered jointly count once) and the first
answer's opening words. The documents that answer each numbered question right below it (Landtag
Niedersachsen "Kleine Anfrage … mit Antwort", Dresden answer letters, Karlsruhe Stellungnahmen and
Ortschaftsrat answers, Leipzig, Nordstemmen) are cut into (question, answer) pairs by `segments`:
item k starts at the line numbered k; its question runs to the line that closes the quotation it
opened (Dresden) or to its last line asking ("?") before a line that states, else to its first line
ending a sentence ("Bitte … aufschlüsseln."); the answer runs to the next item. A document whose
cut disagrees with the hand-read first answer, or leaves an answer empty, is skipped (and counted).

Each pair list is then written in every variant, changing only the answer headings and where the
answers stand (every other line unchanged):
- interleaved after each question, a heading before each answer: "Zu 1." / "Zu 1:" / "Zu Frage
  1:" / "Ad 1." on a line of their own (ALLRIS and SessionNet Stellungnahmen, Karlsruhe's "Zu 1."),
  "Antwort zu Frage 1:" / "Antwort zu 1:" / "Antwort 1:" opening the answer's first line (Landtag
  answers and letters of the administration);
- "Frage 1: … / Antwort:": the question's number written "Frage 1:", "Antwort:" on the line
  before the answer (Nordstemmen and Sitzungsdienst forms); "Beantwortung:" before each answer;
  "Frage zu 1.: … / Antwort zu 1.: …" (both labels numbered, each opening its line);
- block: all questions first, then every answer under its numbered heading ("Zu 1. … Zu 2. …",
  the layout of answer letters that repeat the inquiry whole and answer after it);
- whole: all questions first, then all answers run together without a heading (one answer);
- "lead-in: …": the inquiry's lead-in ("Wir fragen die Verwaltung:", "Ich frage die
  Verwaltung:", "Wir bitten um die Beantwortung der folgenden Fragen:") quoted on a line above the
  first question, the answers headed "Zu 1." / "Zu 1:" / "Antwort zu 1:" interleaved or in a
  block (an answer that repeats the inquiry whole, lead-in included);
- "own list in answer 1": the answers as printed, the first one ending in a numbered list of its
  own ("Im Einzelnen:" / "1. Anlage 1 (Übersicht)" / "2. Anlage 2 (Karte)"), its "2." standing
  right above question 2; "own list in every answer": each answer ending in such a list, each
  counting from 1 again; "own list inside every answer": the list right after each answer's
  first line ending a sentence, the answer going on below it;
- "piped Frage/Antwort", "piped Nr./Frage/Antwort", "piped Fragen der Fraktion/Antwort der
  Verwaltung": the pairs as a table exported with "|" between its cells ("Frage | Antwort"), one
  row per line;
- original: the text as it is (control; includes the documents answered as a whole);
- the rows of bench.quoted_answers: the questions quoted without numbers („…“, "Sie fragen:",
  "Frage: / Antwort:", …), the inquiry quoted whole before a letter, letters (see its docstring).
Scored: the question count stays the label's, the first question starts with the label's
first_question_start (whitespace and case folded), the number of non-empty answers is the
hand-read one (1 for "whole"), the first non-empty answer starts with the hand-read words.
--shape puts every text into a shape of bench.text_shapes first ("flat": a page in one line);
--via-pdf reads it through a PDF rendered as bench.parse_accuracy does. Only dev is read.
"""

from __future__ import annotations

import argparse
import itertools
import re
import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from bench.quoted_answers import quoting_variants
from bench.text_shapes import SHAPES
from bench.variants import pct
from fetcher.model import ParsedDocument
from fetcher.parse import parse_text
from tests.corpus_data import corpus_items

_L = "LANDTAG-niedersachsen-19-"
_KA = "kleine-anfrage-mit-antwort"
# name → (answers, first answer's opening words), hand-read.
HAND: dict[str, tuple[int, str]] = {
    f"{_L}11138-{_KA}": (3, "Im Jahr 2025 waren die"),
    f"{_L}11141-{_KA}": (10, "Ausweislich des polizeilichen"),
    f"{_L}11143-{_KA}": (7, "Bisher wurde keine Baugenehmigung"),
    f"{_L}11158-{_KA}": (24, "Die Deutsche Rentenversicherung (DRV) Bund"),
    f"{_L}11159-{_KA}": (13, "Bauliche und technische Veränderungen:"),
    f"{_L}11160-{_KA}": (10, "Die re:publica ist Europas größte"),
    f"{_L}11161-{_KA}": (20, "§ 45 SGB VIII regelt"),
    f"{_L}11167-{_KA}": (14, "Die Verantwortung für die Versorgung"),
    f"{_L}11168-{_KA}": (4, "Im laufenden Schuljahr werden keine"),
    f"{_L}11169-{_KA}": (10, "Die Aufhebung der genannten Bahnübergänge"),
    f"{_L}11179-{_KA}": (12, "Die erste Lieferverzögerung wurde"),
    f"{_L}11180-{_KA}": (36, "Die Rechtsstreitigkeiten wurden durch Vergleich"),
    f"{_L}11182-{_KA}": (9, "Der Landesregierung liegen dazu keine"),
    f"{_L}11184-{_KA}": (4, "Die bauliche Erneuerung der Medizinischen"),
    f"{_L}11185-{_KA}": (8, "Nach der Anordnung über die Erhebung"),
    f"{_L}11192-{_KA}": (12, "Daten zum Netzengpassmanagement"),
    f"{_L}11197-{_KA}": (12, "Bei Angaben über psychische Erkrankungen"),
    f"{_L}11198-{_KA}": (11, "Je 100 000 Einwohnerinnen"),
    f"{_L}11206-{_KA}": (4, "Nach aktuellem Stand beabsichtigt"),
    f"{_L}11214-{_KA}": (20, "In der Polizei Niedersachsen wird"),
    f"{_L}11217-{_KA}": (10, "Projektträger für das geplante"),
    f"{_L}11223-{_KA}": (6, "Für Radfahrende wird die Landesstraße"),
    f"{_L}11224-{_KA}": (8, "Der regionale Geschäftsbereich (rGB) Lingen"),
    f"{_L}11226-{_KA}": (20, "Bei der niedersächsischen Approbationsbehörde"),
    f"{_L}11227-{_KA}": (20, "In der NLStBV werden Verträge"),
    f"{_L}11237-{_KA}": (10, "Im Vorgangsbearbeitungssystem der"),
    f"{_L}11238-{_KA}": (24, "Die Aufgaben der Geschäftsstelle"),
    f"{_L}11241-{_KA}": (8, "Nein, der Landesregierung liegen keine"),
    f"{_L}11246-{_KA}": (12, "Die Vorschriften über Durchführung"),
    f"{_L}11252-{_KA}": (22, "Derzeit ist ein externes Gutachten"),
    f"{_L}11253-{_KA}": (12, "Das Amt für regionale Landesentwicklung"),
    f"{_L}11265-{_KA}": (10, "Die Kapitalbeteiligung an der Meyer Werft"),
    f"{_L}11266-{_KA}": (21, "Siehe Vorbemerkung."),
    f"{_L}11267-{_KA}": (22, "Landesseitig ist nicht bekannt"),
    f"{_L}11271-{_KA}": (7, "Die Ökodesign-Verordnung (EU) 2024/1781"),
    f"{_L}11276-{_KA}": (9, "Eine aktuelle Übersicht der SAPV-Teams"),
    f"{_L}11277-{_KA}": (9, "Zunächst wird auf die Vorbemerkung"),
    "dresden-AF0028-14-antwort-cdu-fernbuslinien": (2, "Die Konzessionen werden von"),
    "dresden-AF2009-13-antwort-hofewiese": (2, "Der die Landeshauptstadt Dresden in dem"),
    "dresden-AF2014-13-antwort-rundfunkbeitrag-tabellen": (3, "In den Haushaltjahren 2011"),
    "dresden-AF2015-13-antwort-stromsperren": (6, "2011 2012 ca. 3.000"),
    "dresden-AF2016-13-antwort-erster-buergermeister-fragerecht": (
        5,
        "Die Geschäftsordnung ist so zu verstehen",
    ),
    "dresden-AF2022-13-antwort-gez-gebuehren": (5, "Im Haushaltsjahr 2012 wurden folgende"),
    "dresden-AF2040-13-antwort-schloss-albrechtsberg": (5, "Instandsetzungsarbeiten wegen"),
    "dresden-AF2250-13-antwort-linke-schallschutz-kleingaerten": (3, "Für die Verkehrsbaumaßnahme"),
    "dresden-AF2997-14-antwort-spd-runder-tisch-wohnen": (2, "Mit der Gründung des"),
    "dresden-mAF0010-14-antwort-fdp-fahnenmasten": (2, "Eigentümer der Fahnenmasten ist"),
    "dresden-mAF0011-14-antwort-cdu-schandauer-strasse": (2, "Der aktuelle Bautenstand ist"),
    "karlsruhe-2018-0587-stellungnahme-fdp-schwimmunterricht": (3, "In der Regel findet in"),
    "karlsruhe-2019-1305-stellungnahme-linke-radverkehr-kreuzung": (3, "Um die Leistungsfähigkeit"),
    "karlsruhe-2020-0087-stellungnahme-afd-monteurunterkunft": (5, "Nein. Der Verwaltung liegen"),
    "karlsruhe-2020-or-wolfartsweier-stellungnahme-cdu-infrarotgeraet": (
        4,
        "Das Gerät befindet sich nach wie vor",
    ),
    "karlsruhe-2021-1298-stellungnahme-fw-fuer-turmbergbahn": (6, "Die VBK wird für die"),
    "karlsruhe-2021-or-wolfartsweier-stellungnahme-cdu-steinkreuzstrasse": (
        2,
        "Der Ortsverwaltung Wolfartsweier sind keine",
    ),
    "leipzig-VII-F-08507-AW-01-antwort-innenhofbebauung": (3, "Ja, mit Datum vom 19.04.2022"),
    "nordstemmen-DS-70-2011-antwort-cdu-baugrundstuecke": (5, "Es wurde ein Grundstück verkauft"),
    "nordstemmen-2023-10-12-antwort-ortsrat-burgstemmen-anfragen": (
        8,
        "Für die Nachrüstung stehen keine Mittel",
    ),
    # one question, one answer
    "dresden-AF2008-13-antwort-jugendhaeuser": (1, "In der Information an den"),
    "dresden-AF2023-13-antwort-haushaltsabgabe": (1, "Über die Höhe der Mehrkosten"),
    "dresden-mAF0367-13-antwort-vb-plan": (1, "Zu vermuten ist, dass"),
    "karlsruhe-2014-0504-stellungnahme-fw-kombiloesung-tunnel": (1, "Die von der DB-International"),
    "karlsruhe-2018-0487-stellungnahme-afd-nachfrage-eckenerstrasse": (
        1,
        "Der Stadt Karlsruhe liegt der",
    ),
    # several questions, one answer to all of them (the whole text)
    "dresden-mAF0013-14-antwort-afd-spenden-hochwasser": (1, "Die Stadt Dresden war"),
    "dresden-AF2803-14-antwort-gruene-videokameras-flurstueck": (1, "Es handelt sich um eine"),
    "dresden-mAF0369-13-antwort-fdp-eissaison": (1, "Die Öffnungs- und Betriebszeiten"),
    "dresden-mAF0007-14-antwort-zweiter-buergermeister-friedhof": (1, "Erlauben Sie mir eine"),
    "karlsruhe-2016-0760-stellungnahme-fw-feinstaub-turmberg": (1, "Die Masten wurden bzw."),
}
# Read but left out: questions answered jointly or sub-items answered one by one (Landtag
# 19/11181 and 19/11269, Dresden AF2018/13, Karlsruhe 2010 and 2018/0649), "Zu 1." answers
# without the questions (Karlsruhe 2023/0640, Nordstemmen 2025-06-24: no question to pair).

ORIGINAL = "original"
WHOLE = "whole"


@dataclass(frozen=True)
class Heading:
    """An answer heading: its text for answer k and whether it opens the answer's first line."""

    pattern: str
    inline: bool

    def lines(self, k: int, answer: list[str]) -> list[str]:
        head = self.pattern.format(k=k)
        if not self.inline:
            return [head, *answer]
        first = next((i for i, line in enumerate(answer) if line.strip()), 0)
        return [*answer[:first], f"{head} {answer[first].lstrip()}", *answer[first + 1 :]]


HEADINGS: dict[str, Heading] = {
    "Zu 1.": Heading("Zu {k}.", False),
    "Zu 1:": Heading("Zu {k}:", False),
    "Zu Frage 1:": Heading("Zu Frage {k}:", False),
    "Antwort zu Frage 1:": Heading("Antwort zu Frage {k}:", True),
    "Antwort zu 1:": Heading("Antwort zu {k}:", True),
    "Antwort 1:": Heading("Antwort {k}:", True),
    "Ad 1.": Heading("Ad {k}.", False),
    # twentieth round: the numbered headings of other systems' answer forms and letters
    "Zu Ziffer 1:": Heading("Zu Ziffer {k}:", False),
    "Zur Frage 1:": Heading("Zur Frage {k}:", False),
    "Antwort auf Frage 1:": Heading("Antwort auf Frage {k}:", False),
    "Ad 1)": Heading("Ad {k})", False),
    "Zu Nr. 1": Heading("Zu Nr. {k}", False),
}
BLOCK_HEADINGS = ("Zu 1.", "Zu Frage 1:", "Antwort zu Frage 1:", "Ad 1.")

Pairs = list[tuple[list[str], list[str]]]

_CLOSING = "“”\"'’«»"
_END = re.compile(r"^\s*(?:Mit freundlichen Grüßen|\(verteilt am|Anlage[n/:]|gez\.)")
_ABBREVIATION = re.compile(r"\b(?:bzw|ca|ggf|evtl|vgl|usw|etc|inkl|Nr|Abs|Dr|u\. ?a|z\. ?B)\.")


def _item(k: int) -> re.Pattern[str]:
    return re.compile(rf"^\s*[„\"]?\s*(?:Frage\s+)?{k}\s*(?:\.\)|\)|\.|:)(?:\s|$)")


def _bare(line: str) -> str:
    return line.rstrip().rstrip(_CLOSING).rstrip()


def _question_end(item: list[str]) -> int | None:
    """Return the index of an item's last question line (see the module docstring)."""
    if "„" in item[0][:8] or item[0].lstrip()[:1] == '"':
        closed = next((i for i, x in enumerate(item) if x.rstrip()[-1:] in set(_CLOSING)), None)
        if closed is not None and closed + 1 < len(item):
            return closed
    asks = [i for i, x in enumerate(item) if _bare(x).endswith("?")]
    states = [
        i
        for i, x in enumerate(item)
        if re.search(r"\.$", _ABBREVIATION.sub("", _bare(x)))
        and not re.fullmatch(r"\s*\d{1,2}\.\s*", x)
    ]
    if asks:
        end = asks[0]
        for i in asks[1:]:
            if any(end < s < i for s in states):
                break
            end = i
        return end
    return states[0] if states else None


def segments(text: str, count: int) -> tuple[list[str], Pairs, list[str]] | None:
    """Return (lines before the first question, [(question lines, answer lines)], closing lines)
    of a document answering `count` numbered questions each right below it, else None."""
    lines = text.split("\n")
    starts: list[int] = []
    at = 0
    for k in range(1, count + 1):
        found = next((i for i in range(at, len(lines)) if _item(k).match(lines[i])), None)
        if found is None:
            return None
        starts.append(found)
        at = found + 1
    end = next((i for i in range(starts[-1], len(lines)) if _END.match(lines[i])), len(lines))
    pairs: Pairs = []
    for k, start in enumerate(starts):
        stop = starts[k + 1] if k + 1 < len(starts) else end
        item = lines[start:stop]
        last = _question_end(item)
        if last is None or not any(x.strip() for x in item[last + 1 :]):
            return None
        pairs.append((item[: last + 1], item[last + 1 :]))
    return lines[: starts[0]], pairs, lines[end:]


def _frage_marker(question: list[str], k: int, label: str = "Frage {k}:") -> list[str]:
    marker = label.format(k=k)
    first = re.sub(rf"^(\s*[„\"]?\s*){k}\s*(?:\.\)|\)|\.|:)\s*", rf"\g<1>{marker} ", question[0])
    return [first, *question[1:]]


def variants(head: list[str], pairs: Pairs, tail: list[str]) -> dict[str, str]:
    """Return variant name → text of one segmented document (see the module docstring)."""

    def join(body: list[str]) -> str:
        return "\n".join([*head, *body, *tail])

    out: dict[str, str] = {}
    for name, heading in HEADINGS.items():
        out[name] = join([x for k, (q, a) in enumerate(pairs, 1) for x in q + heading.lines(k, a)])
    out["Frage 1: … / Antwort:"] = join(
        [x for k, (q, a) in enumerate(pairs, 1) for x in [*_frage_marker(q, k), "Antwort:", *a]]
    )
    # "Frage zu 1.: …" / "Antwort zu 1.: …": both labels numbered, each opening its line
    out["Frage zu 1.: / Antwort zu 1.:"] = join(
        [
            x
            for k, (q, a) in enumerate(pairs, 1)
            for x in [
                *_frage_marker(q, k, "Frage zu {k}.:"),
                *Heading("Antwort zu {k}.:", True).lines(k, a),
            ]
        ]
    )
    out["Beantwortung:"] = join([x for q, a in pairs for x in [*q, "Beantwortung:", *a]])
    out.update(labelled_variants(pairs, join))
    out.update(table_variants(pairs, join))
    questions = [x for q, _ in pairs for x in q]
    for name in BLOCK_HEADINGS:
        heading = HEADINGS[name]
        answers = [x for k, (_, a) in enumerate(pairs, 1) for x in heading.lines(k, a)]
        out[f"block {name}"] = join(questions + answers)
    out[WHOLE] = join(questions + [x for _, a in pairs for x in a])
    out.update(lead_in_variants(head, pairs, tail))
    # the first answer ends in a numbered list of its own ("Im Einzelnen:" / "1. …" / "2. …",
    # restarting at 1 between the questions 1 and 2): it stays inside the answer
    own = [(q, [*a, *OWN_LIST]) if k == 1 else (q, a) for k, (q, a) in enumerate(pairs, 1)]
    out["own list in answer 1"] = join([x for q, a in own for x in q + a])
    # every answer ends in a numbered list of its own, each counting from 1 again (an answer
    # that lists what it reports: "Folgende Standorte sind vorgesehen: / 1. … / 2. …")
    listed = [(q, [*a, *_own_list(k)]) for k, (q, a) in enumerate(pairs, 1)]
    out["own list in every answer"] = join([x for q, a in listed for x in q + a])
    # … or right after each answer's first line, the answer going on below it
    inside = [(q, _list_inside(a, k)) for k, (q, a) in enumerate(pairs, 1)]
    out["own list inside every answer"] = join([x for q, a in inside for x in q + a])
    out.update(piped_variants(pairs, join))
    return out


def _list_inside(answer: list[str], k: int) -> list[str]:
    """Return an answer with its own list after its first line ending a sentence."""
    end = next((i for i, x in enumerate(answer) if x.rstrip().endswith((".", ":"))), 0)
    return [*answer[: end + 1], *_own_list(k), *answer[end + 1 :]]


def _own_list(k: int) -> list[str]:
    return ["Im Einzelnen:", f"1. Anlage {k}a (Übersicht)", f"2. Anlage {k}b (Karte)"]


# A question | answer table exported to text with "|" between its cells (a word processor's or
# an RIS's text export), one row per line: header cells as answer tables print them.
PIPED_HEADS = {
    "piped Frage/Antwort": ("Frage | Antwort", False),
    "piped Nr./Frage/Antwort": ("Nr. | Frage | Antwort", True),
    "piped Fragen der Fraktion/Antwort der Verwaltung": (
        "Fragen der Fraktion | Antwort der Verwaltung",
        False,
    ),
}


def piped_variants(pairs: Pairs, join: Callable[[list[str]], str]) -> dict[str, str]:
    """Return the PIPED_HEADS variants: every pair one row, its cells split by "|"."""
    out: dict[str, str] = {}
    for name, (header, numbered) in PIPED_HEADS.items():
        rows = [header]
        for k, (q, a) in enumerate(pairs, 1):
            cells = [_bare_question(q), _bare_question(a)]
            rows.append(" | ".join([str(k), *cells] if numbered else cells))
        out[name] = join(rows)
    return out


OWN_LIST = ["Im Einzelnen:", "1. Anlage 1 (Übersicht)", "2. Anlage 2 (Karte)"]

# The question quoted only inside its answer's heading (answer letters that do not repeat the
# inquiry's list): enclosed in brackets, quotation marks or dashes after the number.
QUOTING_HEADINGS = {
    "Zu Frage 1 (…?):": "Zu Frage {k} ({q}):",
    "Zu 1. „…?“": "Zu {k}. „{q}“",
    "Frage 1 – …? –": "Frage {k} – {q} –",
}
_NUMBER_LABEL = re.compile(r"^\s*[„\"]?\s*(?:Frage\s+)?\d{1,2}\s*(?:\.\)|\)|\.|:)\s*")


def _bare_question(question: list[str]) -> str:
    """Return a question's lines as one line without its number and quotation marks."""
    text = ""
    for line in (x.strip() for x in question if x.strip()):
        # a word hyphenated at the line's end ("Verfas-" / "sungsschutz") is joined again
        hyphenated = text.endswith("-") and line[:1].islower()
        text = text[:-1] + line if hyphenated else f"{text} {line}".strip()
    return _NUMBER_LABEL.sub("", text).strip().strip('„“”"').strip()


def labelled_variants(pairs: Pairs, join: Callable[[list[str]], str]) -> dict[str, str]:
    """Return the variants that label both question and answer ("F: … / A: …") or quote the
    question inside the answer's heading (QUOTING_HEADINGS)."""
    out: dict[str, str] = {}
    for name, pattern in QUOTING_HEADINGS.items():
        out[name] = join(
            [
                x
                for k, (q, a) in enumerate(pairs, 1)
                for x in [pattern.format(k=k, q=_bare_question(q)), *a]
            ]
        )
    # "F:" / "A:": the initials of an interview's layout, each opening its first line
    out["F: … / A: …"] = join(
        [
            x
            for k, (q, a) in enumerate(pairs, 1)
            for x in [*_frage_marker(q, k, "F:"), *Heading("A:", True).lines(k, a)]
        ]
    )
    return out


# A question | answer table as text keeps it: each printed line holds the question cell's line,
# then the answer cell's; a long question wraps onto the row's next lines, its answer beside it
# (Informations- and Mitteilungsvorlagen of Samtgemeinden and Kreise, answer forms with a "Nr."
# column). The column gap is kept here; bench.text_shapes and the parser's lines fold it away.
TABLE_HEADS = {
    "table: Frage | Antwort, wrapped cells": ("Frage", "Antwort", False),
    "table: Nr. | Frage | Antwort, wrapped cells": ("Frage", "Antwort", True),
}
_CELL_CHARS = 40


def table_variants(pairs: Pairs, join: Callable[[list[str]], str]) -> dict[str, str]:
    """Return the TABLE_HEADS variants: every pair one row, both cells wrapped at _CELL_CHARS."""
    out: dict[str, str] = {}
    for name, (asked, answered, numbered) in TABLE_HEADS.items():
        number_width = 5 if numbered else 0
        head = ("Nr.".ljust(number_width) if numbered else "") + asked.ljust(_CELL_CHARS + 4)
        body = [head + answered]
        for k, (q, a) in enumerate(pairs, 1):
            question = textwrap.wrap(_bare_question(q), _CELL_CHARS, break_on_hyphens=False)
            answer = textwrap.wrap(_bare_question(a), _CELL_CHARS, break_on_hyphens=False)
            for i, (left, right) in enumerate(
                itertools.zip_longest(question, answer, fillvalue="")
            ):
                number = (f"{k}." if i == 0 else "").ljust(number_width) if numbered else ""
                body.append(f"{number}{left.ljust(_CELL_CHARS + 4)}{right}".rstrip())
        out[name] = join(body)
    return out


# The inquiry's lead-in quoted above its questions (the answer repeats the inquiry whole: "Wir
# fragen die Verwaltung:" / "1. …"), the answers headed as above. Lead-ins of inquiries in dev
# (Dresden, Karlsruhe, Nordstemmen) and the list; "Ich frage …" a member's inquiry.
LEAD_INS = {
    "lead-in: Zu 1.": ("Wir fragen die Verwaltung:", "Zu 1.", False),
    "lead-in: Zu 1:": ("Wir fragen die Verwaltung:", "Zu 1:", False),
    "lead-in: Antwort zu 1:": ("Wir fragen die Verwaltung:", "Antwort zu 1:", False),
    "lead-in: block Zu 1.": ("Wir fragen die Verwaltung:", "Zu 1.", True),
    "lead-in: Ich frage, Zu 1.": ("Ich frage die Verwaltung:", "Zu 1.", False),
    "lead-in: bitten um Beantwortung, Zu 1.": (
        "Wir bitten um die Beantwortung der folgenden Fragen:",
        "Zu 1.",
        False,
    ),
}


def lead_in_variants(head: list[str], pairs: Pairs, tail: list[str]) -> dict[str, str]:
    """Return the LEAD_INS variants of one segmented document: the lead-in on a line of its own
    above the first question, the answers headed interleaved or in a block after the questions."""
    out: dict[str, str] = {}
    for name, (lead_in, heading_name, block) in LEAD_INS.items():
        heading = HEADINGS[heading_name]
        if block:
            questions = [x for q, _ in pairs for x in q]
            answers = [x for k, (_, a) in enumerate(pairs, 1) for x in heading.lines(k, a)]
            body = questions + answers
        else:
            body = [x for k, (q, a) in enumerate(pairs, 1) for x in q + heading.lines(k, a)]
        out[name] = "\n".join([*head, lead_in, *body, *tail])
    return out


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


@dataclass
class Outcome:
    """One document in one variant: question count, answer count and first answer right."""

    questions: bool
    answers: bool
    first: bool
    question: bool = True

    @property
    def ok(self) -> bool:
        return self.questions and self.answers and self.first and self.question


def _folded_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def score(
    doc: ParsedDocument, questions: int, answers: int, opening: str, asked: str | None = None
) -> Outcome:
    """Score a parsed variant against the hand-read expectation; `asked` is the labelled start
    of the first question (whitespace and case folded, as bench.parse_accuracy compares it)."""
    given = [a for a in doc.answers if a.strip()]
    first = _fold(given[0]).startswith(_fold(opening)) if given else False
    question = asked is None or (
        bool(doc.questions) and _folded_space(doc.questions[0]).startswith(_folded_space(asked))
    )
    return Outcome(len(doc.questions) == questions, len(given) == answers, first, question)


def outcomes(
    items: Iterable[object],
    parse: Callable[[str], ParsedDocument] = parse_text,
    only: Sequence[str] = (),
) -> tuple[dict[str, list[tuple[str, Outcome]]], list[str]]:
    """Return (variant → [(document, outcome)], documents the variants could not cut); `only`
    names the variants to read (all when empty)."""
    result: dict[str, list[tuple[str, Outcome]]] = {}
    skipped: list[str] = []
    for item in items:
        name, text, label = item.name, item.text, item.label  # type: ignore[attr-defined]
        if name not in HAND:
            continue
        answers, opening = HAND[name]
        questions, asked = label["questions"], label.get("first_question_start")
        if not only or ORIGINAL in only:
            result.setdefault(ORIGINAL, []).append(
                (name, score(parse(text), questions, answers, opening, asked))
            )
        if answers < 2 or answers != questions:
            continue
        cut = segments(text, questions)
        if cut is None or not _fold(" ".join(cut[1][0][1])).startswith(_fold(opening)):
            skipped.append(name)
            continue
        for variant, changed in variants(*cut).items():
            if only and variant not in only:
                continue
            expected = 1 if variant == WHOLE else answers
            outcome = score(parse(changed), questions, expected, opening, asked)
            result.setdefault(variant, []).append((name, outcome))
        for variant, (changed, split) in quoting_variants(*cut).items():
            if only and variant not in only:
                continue
            outcome = score(parse(changed), questions, answers if split else 1, opening, asked)
            result.setdefault(variant, []).append((name, outcome))
    return result, skipped


def table(result: dict[str, list[tuple[str, Outcome]]]) -> list[str]:
    """Return markdown rows: per variant, documents used and each score."""
    rows = [
        "| variant | documents | questions | first question | answers | first answer | all four |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for variant, docs in result.items():
        n = len(docs)
        cells = [
            pct(sum(getattr(o, field) for _, o in docs), n)
            for field in ("questions", "question", "answers", "first", "ok")
        ]
        rows.append(f"| {variant} | {n} | {' | '.join(cells)} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--show", help="list the documents a variant gets wrong")
    parser.add_argument("--shape", choices=sorted(SHAPES), help="bench.text_shapes shape first")
    parser.add_argument(
        "--via-pdf", choices=("plain", "paged"), help="read each text through a rendered PDF"
    )
    parser.add_argument("--variant", action="append", default=[], help="read only these")
    args = parser.parse_args()
    from bench.parse_accuracy import reader  # imported here: the PDF render only when asked

    parse = reader(args.via_pdf or "text", args.shape)
    result, skipped = outcomes(corpus_items("dev"), parse, args.variant)
    print("\n".join(table(result)))
    print(f"\n{len(skipped)} documents not cut into pairs (original only): {', '.join(skipped)}")
    if args.show:
        for name, outcome in result.get(args.show, []):
            if not outcome.ok:
                print(name, outcome)


if __name__ == "__main__":
    main()
