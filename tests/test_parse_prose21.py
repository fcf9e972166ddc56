"""Letters that ask in prose: a subject line run into the request, a rhetorical question above the
lead-in, a salutation before the first question, "ich frage …, ob …", questions typed without a
closing mark (issue 11, twenty-first round).

Real dev documents (Dresden inquiries, committed in tests/corpus/dev/) rewritten by the benches'
own transforms (bench.ask_variants and bench.request_variants: only the lines the variant names
change), read as printed or run together (bench.text_shapes). Every test fails on main 33545e0's
parser.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bench.ask_variants import RHETORICAL
from bench.ask_variants import rewrite as ask_rewrite
from bench.request_variants import SUBJECT
from bench.request_variants import rewrite as request_rewrite
from bench.text_shapes import flat, paragraphs
from fetcher.parse import parse_text
from tests.corpus_data import corpus_path, dev_label

HOFEWIESE = "dresden-AF2009-13-anfrage-buergerbuendnis-hofewiese"
RUNDFUNK = "dresden-AF2014-13-anfrage-linke-rundfunkbeitrag"
VERKEHRSZEICHEN = "dresden-AF2839-14-anfrage-fdp-verkehrszeichen"
STAUB = "dresden-AF2027-13-anfrage-spd-staubbelastung"
FERNBUS = "dresden-AF0028-14-anfrage-cdu-fernbuslinien"
PROJEKTLEITER = "dresden-AF2013-13-anfrage-gruene-hochbauamt-projektleiter"
SPENDEN = "dresden-mAF0013-14-muendliche-anfrage-afd-spenden-hochwasser"

_LEAD_IN = "Wir bitten um Beantwortung folgender Fragen:"


def _asked(name: str, variant: str) -> str:
    text = ask_rewrite(corpus_path(name, "dev").read_text("utf-8"), dev_label(name), variant)
    assert text is not None, f"{variant} does not apply to {name}"
    return text


def _requested(name: str, variant: str) -> str:
    done = request_rewrite(corpus_path(name, "dev").read_text("utf-8"), dev_label(name), variant)
    assert done is not None, f"{variant} does not apply to {name}"
    return done[0]


def _opening(name: str) -> str:
    return " ".join(dev_label(name)["first_question_start"].split()[:3]).lower()


@pytest.mark.parametrize("shape", [flat, paragraphs])
@pytest.mark.parametrize("name", [HOFEWIESE, PROJEKTLEITER])
def test_request_paragraph_below_a_subject_line_run_together(
    name: str, shape: Callable[[str], str]
) -> None:
    """ "Betreff: Sachstand der Planung" above a paragraph of requests, run into one line: the
    subject runs into the first request, which is still read, without the subject's words."""
    text = _requested(name, f"prose requests below '{SUBJECT}'")
    questions = parse_text(shape(text)).questions
    assert len(questions) == dev_label(name)["questions"]
    assert questions[0].startswith("Wir bitten die Verwaltung darzustellen")


def test_request_below_a_subject_line_as_printed_leaves_the_subject_out() -> None:
    """As printed, the subject line's words run into the request sentence below it are no
    part of the first request."""
    text = _requested(SPENDEN, f"prose requests below '{SUBJECT}'")
    questions = parse_text(text).questions
    assert len(questions) == dev_label(SPENDEN)["questions"]
    assert questions[0].startswith("Wir bitten die Verwaltung darzustellen")


@pytest.mark.parametrize("name", [HOFEWIESE, VERKEHRSZEICHEN])
def test_rhetorical_question_above_the_lead_in_is_no_question(name: str) -> None:
    """Run together, "Wie lange soll dieser Zustand noch andauern? Wir fragen die Verwaltung:"
    and the first question share a line: only the questions after the lead-in are asked."""
    text = flat(_asked(name, "no label, rhetorical ? above lead-in"))
    questions = parse_text(text).questions
    assert len(questions) == dev_label(name)["questions"]
    assert all(RHETORICAL not in question for question in questions)
    assert questions[0].lower().startswith(_opening(name))


@pytest.mark.parametrize("shape", [flat, paragraphs])
def test_anfrage_heading_run_into_background_and_a_rhetorical_question(
    shape: Callable[[str], str],
) -> None:
    """ "Anfrage: <subject> <statement>. Wie lange …?" above "Wir fragen die Verwaltung:": the
    heading's line is background, the lead-in below opens the questions."""
    text = _asked(RUNDFUNK, "no label, 'Anfrage:' over background, rhetorical ? above lead-in")
    questions = parse_text(shape(text)).questions
    assert len(questions) == dev_label(RUNDFUNK)["questions"]
    assert all(RHETORICAL not in question for question in questions)


@pytest.mark.parametrize("shape", [str, flat])
@pytest.mark.parametrize("name", [VERKEHRSZEICHEN, PROJEKTLEITER])
def test_salutation_between_subject_and_first_question(
    name: str, shape: Callable[[str], str]
) -> None:
    """ "Anfrage: Sachstand der Planung" / "Sehr geehrte Damen und Herren," / "wie …?": the
    first question opens after the salutation, in lower case, without the subject."""
    text = _asked(name, "no label, 'Anfrage:' and salutation above, item 1 in lower case")
    questions = parse_text(shape(text)).questions
    assert len(questions) == dev_label(name)["questions"]
    assert questions[0].lower().startswith(_opening(name))


@pytest.mark.parametrize("name", [STAUB, VERKEHRSZEICHEN])
def test_ich_frage_before_indirect_questions_is_one_request_each(name: str) -> None:
    """ "Ich frage die Verwaltung, wie …. Weiter frage ich, ob …." in one paragraph: each
    sentence that asks with the authors' own verb is one question."""
    text = _requested(name, "prose 'ich frage …, ob …', one paragraph")
    assert len(parse_text(text).questions) == dev_label(name)["questions"]


@pytest.mark.parametrize("shape", [flat, paragraphs])
def test_subject_line_and_a_statement_above_the_questions(shape: Callable[[str], str]) -> None:
    """ "Betreff: …" and a statement of the background above the questions, run together: the
    first question after the statement is the first asked, not part of the subject."""
    text = _asked(FERNBUS, "no label, 'Betreff:' and a statement above")
    questions = parse_text(shape(text)).questions
    assert len(questions) == dev_label(FERNBUS)["questions"]
    assert questions[0].lower().startswith(_opening(FERNBUS))


def test_questions_typed_one_a_line_with_the_question_mark_read_as_7() -> None:
    """Below the lead-in, one question a line with its "?" read as "7" by OCR ("… 2012" +
    "7"): each line that opens with an interrogative is one question, not one run-on request."""
    text = _asked(RUNDFUNK, f"no label, lead-in: {_LEAD_IN}, ? read as 7")
    questions = parse_text(text).questions
    assert len(questions) == dev_label(RUNDFUNK)["questions"]
    assert questions[0].lower().startswith(_opening(RUNDFUNK))
