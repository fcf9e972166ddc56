"""Where a paper's head ends: a lead-in, a reference line and an address line are no part of the
title (issue 11, nineteenth round).

Real dev documents (tests/corpus/dev) with their head rewritten by bench.title_variants (the
inquiry's lead-in on the line after the subject, the paper's number on a line of its own above
the subject, the addressee between the sender and the subject), as printed and in the shapes of
bench.text_shapes. The titles expected are the subjects as printed, read off the documents.
"""

from __future__ import annotations

import re

import pytest

from bench.text_shapes import flat, paragraphs
from fetcher.parse import parse_text
from fetcher.parse.non_subject import not_subject
from tests.corpus_data import corpus_items
from tests.title_rewrites import dev_text, rewritten

STROMSPERREN = "dresden-AF2015-13-anfrage-linke-stromsperren"
INNENSTADT = "karlsruhe-2019-0071-anfrage-fuer-karlsruhe-innenstadtzone"
RADFAHRER = "karlsruhe-2018-0735-anfrage-afd-radfahrer"
SCHULE = "karlsruhe-2020-0409-anfrage-afd-lea-standort"
SUBJECTS = {
    STROMSPERREN: "Stromsperren in Dresden",
    INNENSTADT: "Fahrscheinlose Innenstadtzone des KVV",
    RADFAHRER: "Fehlverhalten von Radfahrern im Stadtgebiet",
    SCHULE: "Errichtung eines weiteren Standortes einer Landeserstaufnahme in Karlsruhe",
}
SHAPES = {"text": lambda text: text, "flat": flat, "para": paragraphs}


def _text(name: str) -> str:
    return dev_text(name)


def _rewritten(name: str, variant: str) -> str:
    return rewritten(name, variant, SUBJECTS)


def _words(title: str | None) -> str:
    return " ".join((title or "").split())


_LEAD_INS = (
    "lead-in: subject / Wir fragen die Verwaltung:",
    "lead-in: subject / Ich frage den Oberbürgermeister:",
    "lead-in: Betreff: subject / Die Verwaltung wird gebeten, …",
)


@pytest.mark.parametrize("name", [STROMSPERREN, INNENSTADT])
@pytest.mark.parametrize("variant", _LEAD_INS)
def test_a_lead_in_run_on_ends_the_subject(name: str, variant: str) -> None:
    """The inquiry's lead-in run on after the subject (lines run together) is not in the title."""
    parsed = parse_text(flat(_rewritten(name, variant)))
    assert _words(parsed.title) == SUBJECTS[name]


@pytest.mark.parametrize(
    ("name", "shape"), [(STROMSPERREN, "text"), (STROMSPERREN, "flat"), (INNENSTADT, "flat")]
)
def test_a_reference_line_is_never_the_title(name: str, shape: str) -> None:
    """The paper's received date and number on lines above the subject are skipped."""
    variant = "reference line: Eingang: DATE / R / subject"
    parsed = parse_text(SHAPES[shape](_rewritten(name, variant)))
    assert _words(parsed.title) == SUBJECTS[name]


def test_a_numbered_reference_line_is_never_the_title() -> None:
    """A line "Nr. <number> vom <date>" above the subject is the number's, not the title."""
    variant = "reference line: Nr. R vom DATE / subject"
    parsed = parse_text(_rewritten(STROMSPERREN, variant))
    assert _words(parsed.title) == SUBJECTS[STROMSPERREN]


@pytest.mark.parametrize(
    ("name", "variant", "shape"),
    [
        (STROMSPERREN, "address line: an den Oberbürgermeister / subject", "text"),
        (STROMSPERREN, "address line: An die Verwaltung der Stadt Musterstadt / subject", "text"),
        (STROMSPERREN, "address line: an den Oberbürgermeister / subject", "flat"),
        (INNENSTADT, "address line: an den Oberbürgermeister / subject", "flat"),
    ],
)
def test_an_address_line_is_never_the_title(name: str, variant: str, shape: str) -> None:
    """Whom the paper is addressed to, between the sender and the subject, is not the title."""
    parsed = parse_text(SHAPES[shape](_rewritten(name, variant)))
    assert _words(parsed.title) == SUBJECTS[name]


@pytest.mark.parametrize("name", [RADFAHRER, SCHULE])
def test_the_number_above_the_subject_stays_out_of_a_paragraphs_title(name: str) -> None:
    """A Karlsruhe inquiry in paragraphs: its number's line above the subject is not the title's."""
    parsed = parse_text(paragraphs(_text(name)))
    assert _words(parsed.title) == SUBJECTS[name]


def test_a_lead_in_sentence_is_no_subject() -> None:
    """The lead-in sentences dev inquiries print ("Wir bitten um …", "Ich bitte Sie …") are no
    title."""
    sentences = [
        line.strip()
        for item in corpus_items("dev")
        for line in item.text.splitlines()
        if re.match(r"\s*(?:Wir|Ich)\s+(?:bitten|bitte|fragen|frage|möchten)\s", line)
    ]
    assert len(sentences) >= 5
    assert [x for x in sentences if not not_subject(x)] == []
