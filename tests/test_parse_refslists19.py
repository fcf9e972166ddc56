"""References and list labels in text whose lines run together (issue 11, nineteenth round).

Real dev documents rewritten by the benches' own transforms (bench.reference_variants.cases,
bench.list_variants), read as printed or run together (bench.text_shapes: "flat", "para"). Every
test fails on main 7743b70's parser.
"""

from __future__ import annotations

import pytest

from bench.list_variants import _fold as _list_fold
from bench.list_variants import rewrite
from bench.reference_variants import _fold, cases
from bench.text_shapes import flat, paragraphs
from fetcher.parse import parse_text
from tests.corpus_data import corpus_path, dev_label

FERNBUS = "dresden-AF0028-14-anfrage-cdu-fernbuslinien"
SCHULBAU = "dresden-AF2006-13-anfrage-gruene-schulbaumassnahmen"
AMPELN = "karlsruhe-2006-anfrage-kal-led-ampeln-stellungnahme"
DROHNEN = "leipzig-VII-EF-08640-einwohneranfrage-drohnen"
TURMBERG = "karlsruhe-2021-1298-stellungnahme-fw-fuer-turmbergbahn"
ZUENDHUETLE = "karlsruhe-2023-0640-stellungnahme-spd-or-wolfartsweier-zuendhuetle-turm"
LANDTAG = "LANDTAG-niedersachsen-19-11138-kleine-anfrage-mit-antwort"


def _case(name: str, variant: str) -> tuple[str, frozenset[str]]:
    text = corpus_path(name, "dev").read_text("utf-8")
    case = cases(text, dev_label(name))[variant]
    assert case.accepted, (name, variant)
    return case.text, case.accepted


@pytest.mark.parametrize("name", [AMPELN, DROHNEN, LANDTAG])
def test_number_with_its_sender_after_it_is_the_papers_own(name: str) -> None:
    """ "Anfrage Nr. … der SPD-Fraktion": the sender after the number ends the head line; it is
    no sentence citing another paper."""
    text, accepted = _case(name, "after der SPD-Fraktion")
    assert " der SPD-Fraktion" in text
    assert _fold(parse_text(text).reference) in accepted


@pytest.mark.parametrize("name", [FERNBUS, SCHULBAU])
def test_bare_number_after_the_heads_date_field_run_together(name: str) -> None:
    """ "Eingang: 12.03.2021" / "A 0123/21": the number's cell beside the date field's, also when
    the head runs together into one line."""
    text, accepted = _case(name, "date field, bare number")
    assert _fold(parse_text(text).reference) in accepted  # as printed
    assert _fold(parse_text(flat(text)).reference) in accepted


@pytest.mark.parametrize("name", [FERNBUS, LANDTAG])
def test_dated_bare_number_after_the_heads_cells_run_together(name: str) -> None:
    """ "… Nr. 2021/0123 vom 12.03.2021 …" after the head's capitalised cells in one line: the
    paper's own number and its date, not a paper cited in a sentence."""
    text, accepted = _case(name, "dated Nr. below the type line")
    assert _fold(parse_text(flat(text)).reference) in accepted


@pytest.mark.parametrize("name", [TURMBERG, ZUENDHUETLE])
def test_answers_own_number_label_wins_over_the_inquiry_it_names(name: str) -> None:
    """ "Stellungnahme … zur Anfrage … (Drucksache 2020/0815) Stellungnahme Nr. 2021/0123" in one
    line: the answer's own labelled number, not the cited inquiry's."""
    text, accepted = _case(name, "answer head, Stellungnahme Nr. below")
    assert _fold(parse_text(text).reference) in accepted  # as printed
    assert _fold(parse_text(paragraphs(text)).reference) in accepted
    assert _fold(parse_text(flat(text)).reference) in accepted


NACHTSTROM = "karlsruhe-2013-0017-anfrage-fdp-nachtstromspeicher"
EEG = "dresden-AF2010-13-anfrage-fdp-eeg-umlage"


@pytest.mark.parametrize("name", [NACHTSTROM, EEG])
@pytest.mark.parametrize("variant", ["1. -", "1) –"])
def test_dash_after_the_numbers_mark_belongs_to_the_label(name: str, variant: str) -> None:
    """ "1. - Wie …" / "2) – Wann …" opening their lines: the dash set apart after the mark is
    part of the label; no question keeps it."""
    label = dev_label(name)
    text = rewrite(corpus_path(name, "dev").read_text("utf-8"), label, variant)
    assert text is not None
    questions = parse_text(text).questions
    assert len(questions) == label["questions"]
    assert _list_fold(questions[0]).startswith(_list_fold(label["first_question_start"]))
