"""The summary is the justification in every shape: never the head, the title, a lead-in or a
signature (issue 11, point 4; measured by bench.summary_quality).

Real dev documents, as printed or in the shapes of bench.text_shapes where they failed: the
Landtag's "Vorbemerkung der Abgeordneten" run together with its text ("para", "flat"), a
Karlsruhe form whose "Sachverhalt / Begründung:" label stands at the page's foot below the text,
a form's head table and a signature run into the text, and letters whose only prose before the
questions is the lead-in.
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from bench.summary_quality import furniture_lines
from bench.text_shapes import SHAPES
from fetcher.parse import parse_text
from tests.corpus_data import corpus_items

MESSE = "LANDTAG-niedersachsen-19-11252-kleine-anfrage-mit-antwort"


@cache
def _texts() -> dict[str, str]:
    return {item.name: item.text for item in corpus_items("dev")}


def _summary(name: str, shape: str | None = None) -> str:
    text = _texts()[name]
    summary = parse_text(SHAPES[shape](text) if shape else text).summary
    assert summary is not None
    return re.sub(r"\s+", " ", summary)


@pytest.mark.parametrize("shape", ["para", "flat"])
def test_a_heading_run_on_with_its_text_starts_the_summary(shape: str) -> None:
    """'Vorbemerkung der Abgeordneten Nach aktuellen …' in one line: the summary is the text
    below the heading, not the running head and the head fields above it."""
    summary = _summary(MESSE, shape)
    assert summary.startswith("Nach aktuellen Berichten gibt es bei der Deutschen Messe AG")
    assert "Drucksache" not in summary
    assert "Wahlperiode" not in summary


def test_a_box_label_below_its_text_takes_the_text_above() -> None:
    """Karlsruhe's 'Sachverhalt/Begründung:' printed under the box's first lines at the page's
    foot: the summary starts with the text's first sentence above it, and runs on below it."""
    summary = _summary("karlsruhe-2014-0671-anfrage-fw-baumkataster")
    assert summary.startswith("Die Baumkontrolle (auch Baumschau) ist eine Sichtkontrolle")
    assert not summary.startswith("so protokolliert")


def test_a_signature_below_the_text_is_no_part_of_it() -> None:
    """'unterzeichnet von: Sabine Zürn …' between the text and its label stays out."""
    summary = _summary("karlsruhe-2016-0549-anfrage-linke-kreative-freiraeume")
    assert summary.startswith("Kreative Initiativen und Szenen haben")
    assert "unterzeichnet" not in summary.lower()
    assert "Zürn" not in summary


def test_a_head_table_run_into_the_text_is_left_out() -> None:
    """'… Gremium Termin TOP ö nö Gemeinderat 13.12.2016 27 x Dieser Tage …' (para): the
    summary starts after the head table's row."""
    summary = _summary("karlsruhe-2016-0726-gemeinsame-anfrage-fw-klinikum", "para")
    assert summary.startswith("Dieser Tage wurde eine Risikoanalyse")


def test_a_lead_in_is_no_summary() -> None:
    """'Hierzu meine Fragen:' ends no summary; a letter whose prose is only the lead-in
    ('hiermit bitte ich Sie um die Beantwortung folgender Fragen …:') has none."""
    summary = _summary("dresden-AF2025-13-anfrage-spd-parkplaetze-uniklinikum")
    assert summary.endswith("hat sich die Situation weiter verschärft.")
    lead_in_only = parse_text(_texts()["dresden-AF2014-13-anfrage-linke-rundfunkbeitrag"])
    assert lead_in_only.summary is None


def test_no_dev_summary_in_flat_shape_holds_page_furniture() -> None:
    """Read run together page by page, no summary of the dev documents holds a running head,
    head field, salutation, closing or signature line of its printed text."""
    found = []
    for name, text in _texts().items():
        summary = parse_text(SHAPES["flat"](text)).summary
        if not summary:
            continue
        folded = " " + re.sub(r"\s+", " ", summary).lower() + " "
        lines = [x for x in furniture_lines(text) if len(x) >= 16 and f" {x} " in folded]
        if lines or re.search(r"Sehr geehrte|Mit freundlichen Grüßen|unterzeichnet von", summary):
            found.append(name)
    assert found == []
