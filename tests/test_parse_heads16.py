"""The title and the submitters as a user reads them, whatever the head prints around them
(issue 11, sixteenth round).

Real dev documents (tests/corpus/dev) with their head rewritten by bench.title_variants (a title
followed by empty fields, a letter's type / sender / date / number lines above the subject, a
two-column head, "Bezeichnung:" under an office's answer head, "Anfrage zu …") or, for the
submitters, with the party removed and printed behind a sender field's label by
bench.sender_labels. The titles expected are the subjects as printed, read off the documents.
"""

from __future__ import annotations

import re

import pytest

from bench.faction_variants import _expected
from bench.letter_variants import TOP, place, strip_factions
from bench.sender_labels import mixed_case
from fetcher.parse import parse_text
from tests.corpus_data import dev_label
from tests.title_rewrites import dev_text, rewritten

FEINSTAUB = "karlsruhe-2016-0760-anfrage-fw-feinstaub-turmberg"
LADEPUNKTE = "leipzig-VII-F-08632-anfrage-elektrofahrzeuge-ladepunkte"
WAKEBOARD = "LANDTAG-niedersachsen-19-11143-kleine-anfrage-mit-antwort"
VERPFLEGUNG = "nordstemmen-DS-81-2014-antwort-spd-kita-verpflegung"
INNENSTADT = "karlsruhe-2019-0071-anfrage-fuer-karlsruhe-innenstadtzone"
SUBJECTS = {
    FEINSTAUB: "Feinstaubmessung Turmberg",
    LADEPUNKTE: "Entwicklung von Elektrofahrzeugen in der Stadt und die Vermeidung von "
    "'Lade-Dauer-Parkern' an den Leipziger Ladepunkten",
    WAKEBOARD: "Welche Genehmigungen und laufenden Verfahren bestehen im Zusammenhang mit der "
    "Wakeboardanlage am Oyter See?",
    VERPFLEGUNG: "Beantwortung einer Anfrage zur Verpflegung in den Kindertagesstätten der "
    "Gemeinde Nordstemmen",
    INNENSTADT: "Fahrscheinlose Innenstadtzone des KVV",
}


def _text(name: str) -> str:
    return dev_text(name)


def _rewritten(name: str, variant: str) -> str:
    return rewritten(name, variant, SUBJECTS)


def _words(title: str | None) -> str:
    return re.sub(r"(?<=[a-zäöüß])- ?(?=[a-zäöüß])", "", " ".join((title or "").split()))


@pytest.mark.parametrize(
    ("name", "variant"),
    [
        # "Betreff:" / subject / "Organisationseinheit: Datum:" / "Gremium Sitzungstermin Status"
        (FEINSTAUB, "Betreff, empty fields below"),
        # "Anfrage" / "der Fraktion X" / "vom 04.02.2021" / "Nummer: …" / subject
        (LADEPUNKTE, "letter: type, sender, date, number, subject"),
        # "Antwort      Datum: 12.03.2021" / number / subject / "Beratungsfolge:"
        (WAKEBOARD, "two-column head"),
        # "Stellungnahme der Verwaltung" / … / "Bezeichnung: <subject>"
        (VERPFLEGUNG, "answer: Stellungnahme der Verwaltung / Bezeichnung:"),
        (INNENSTADT, "T zu subject"),  # "Anfrage zu <subject>"
        (INNENSTADT, "label Gegenstand:"),  # "Gegenstand: <subject>"
        (INNENSTADT, "T: subject"),  # "Anfrage: <subject>" above a SessionNet table in the text
    ],
)
def test_title_is_the_subject_whatever_the_head_prints(name: str, variant: str) -> None:
    """The title is the subject, never a field label, a date, a type phrase or a table's head."""
    title = parse_text(_rewritten(name, variant)).title
    assert _words(title) == _words(SUBJECTS[name])


def test_subject_label_gegenstand_of_a_dresden_inquiry() -> None:
    """Dresden's inquiries label their subject "Gegenstand:"; the title is its value."""
    doc = parse_text(_text("dresden-AF2006-13-anfrage-gruene-schulbaumassnahmen"))
    assert doc.title == "Schulbaumaßnahmen"


def test_a_word_that_begins_like_betreff_is_no_label() -> None:
    """ "betreffenden Personen" in the justification is prose, not a "Betreff" label."""
    doc = parse_text(_text("karlsruhe-2023-1250-anfrage-fdp-stellplaetze"))
    assert doc.title is not None
    assert doc.title.startswith("Wie entwickelte sich")


_LABEL_START = re.compile(r"^(?:[/*]?in\s*:|[A-ZÄÖÜ][\wäöüß/*]*\s*:)")


@pytest.mark.parametrize(
    "label", ["Antragsteller/in:", "Antragsteller*in:", "Verfasser:", "Absender:", "Von:"]
)
def test_submitters_never_begin_with_the_sender_fields_label(label: str) -> None:
    """A sender field's label (and its gendered ending "/in:") is no part of the submitter."""
    name = FEINSTAUB
    read = strip_factions(_text(name), dev_label(name))
    assert read is not None
    stripped, printed = read
    doc = parse_text(place(stripped, f"{label} {printed[0]}-Fraktion", TOP))
    assert doc.submitters
    assert not [s for s in doc.submitters if _LABEL_START.match(s)]
    assert [f.casefold() for f in doc.factions] == [
        f.casefold() for f in _expected(dev_label(name))
    ]


def test_a_faction_name_printed_in_mixed_case_is_read() -> None:
    """ "Fraktion BÜRGERBÜNDNIS / fREIE bÜRGER": a name in a case of its own names the group."""
    name = "dresden-AF2009-13-anfrage-buergerbuendnis-hofewiese"
    read = strip_factions(_text(name), dev_label(name))
    assert read is not None
    stripped, printed = read
    mixed = mixed_case(printed[0])
    assert mixed is not None
    doc = parse_text(place(stripped, f"Einreicher: Fraktion {mixed}", TOP))
    assert doc.factions
    assert "bürger" in " ".join(doc.factions).casefold()
