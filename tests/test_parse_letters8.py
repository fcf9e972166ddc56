"""Answer letters read by their structure: who writes (the administration's head), to whom (a
council member), and "Ihre o. g. Anfrage beantworte ich wie folgt".

Texts: the Dresden answer letters of the Oberbürgermeisterin in the corpus development split
(tests/corpus/dev/, committed beside their labels), read through `parse_text` and through a
rendered PDF; the dev inquiries as the counter-check. Expected values were read off the letters.
The kind tests fail on main ac90994 (Anfrage or sonstiges there).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fetcher.parse import parse_pdf_file, parse_text
from fetcher.parse.letter_head import administration_to_member
from fetcher.parse.text import clean_lines
from standins.pdf_render import render_paged_text
from tests.corpus_data import corpus_labels, corpus_path


def _text(name: str) -> str:
    return corpus_path(name, "dev").read_text("utf-8")


def test_letter_from_the_mayor_to_a_councillor_answers() -> None:
    """'Die Oberbürgermeisterin' above 'Herrn Stadtrat' / 'Hans-Jürgen Muskulus', then the
    quoted questions without any answer wording: an answer to his group's inquiry AF2014/13."""
    doc = parse_text(_text("dresden-AF2014-13-antwort-rundfunkbeitrag-tabellen"))
    assert doc.kind == "Antwort"
    assert doc.reference == "AF2014/13"
    assert len(doc.questions) == 3
    assert (
        doc.answers[0]
        .lstrip('" ')
        .startswith("In den Haushaltjahren 2011 und 2012 wurden folgende GEZ-Gebühren gezahlt:")
    )


@pytest.mark.parametrize(
    "name",
    [
        "dresden-AF2023-13-antwort-haushaltsabgabe",  # "Ihre o. g. Anfrage beantworte ich …"
        "dresden-AF2036-13-antwort-nachfrage-fragerecht",  # "Ihre o.g. Anfrage beantworte ich …"
        "dresden-AF2040-13-antwort-schloss-albrechtsberg",  # "Ihre oben genannte Anfrage …"
    ],
)
def test_your_inquiry_named_by_an_abbreviation_is_answered(name: str) -> None:
    """'Ihre o. g. / o.g. / oben genannte Anfrage beantworte ich wie folgt': an answer letter."""
    assert parse_text(_text(name)).kind == "Antwort"


def test_answer_letter_keeps_its_quoted_question() -> None:
    """AF2036/13 quotes one question after 'Dazu habe ich folgende Frage:'; the answer keeps it."""
    doc = parse_text(_text("dresden-AF2036-13-antwort-nachfrage-fragerecht"))
    assert len(doc.questions) == 1
    assert "Warum wurde mir bei meiner AF1899/12 vom 20. November 2012" in doc.questions[0]


def test_answer_letter_through_the_pdf(tmp_path: Path) -> None:
    """Rendered as a paged PDF, the letter to 'Herrn Stadtrat' is an answer with its number."""
    name = "dresden-AF2014-13-antwort-rundfunkbeitrag-tabellen"
    doc = parse_pdf_file(render_paged_text(_text(name), tmp_path / "letter.pdf"))
    assert doc.parse_status == "ok", doc.parse_error
    assert (doc.kind, doc.reference) == ("Antwort", "AF2014/13")


def test_interim_notice_of_the_mayors_office() -> None:
    """'Büro der Oberbürgermeisterin' to 'Herrn Stadtrat': a reply filed under the inquiry, no
    question (the label accepts Antwort for it)."""
    doc = parse_text(_text("dresden-AF2008-13-zwischenbescheid-jugendhaeuser"))
    assert (doc.kind, doc.reference, doc.questions) == ("Antwort", "AF2008/13", ())


def test_inquiries_are_never_read_as_letters_of_the_administration() -> None:
    """No dev inquiry (forms and letters addressed to the mayor) has an administration-to-member
    head, and none is read as an answer."""
    inquiries = [x for x in corpus_labels("dev") if x.label["kind"] == "Anfrage"]
    assert len(inquiries) >= 70
    for entry in inquiries:
        text = _text(entry.name)
        assert not administration_to_member(clean_lines(text.split("\f"))), entry.name
        assert parse_text(text).kind == "Anfrage", entry.name


def test_inquiry_word_wrapped_in_the_letter_body_is_no_type_line(tmp_path: Path) -> None:
    """Through the paged PDF the interim notice wraps '… Ihrer o. g.' / 'Anfrage' / 'verzögert, da
    …' below its salutation: that 'Anfrage' is prose, the letter stays a reply without question."""
    name = "dresden-AF2008-13-zwischenbescheid-jugendhaeuser"
    doc = parse_pdf_file(render_paged_text(_text(name), tmp_path / "notice.pdf"))
    assert doc.parse_status == "ok", doc.parse_error
    assert (doc.kind, doc.reference, doc.questions) == ("Antwort", "AF2008/13", ())


def test_every_dresden_reply_letter_is_an_answer_with_the_inquirys_number() -> None:
    """All Dresden letters of the Oberbürgermeisterin in dev (answers to written and oral
    inquiries, 'Ihre mündliche Anfrage aus der Stadtratssitzung …', interim notices, one signed
    by the 'Erster Bürgermeister') read as answers filed under the inquiry's number."""
    letters = [
        x
        for x in corpus_labels("dev")
        if x.name.startswith("dresden") and x.label["style"] == "letter"
    ]
    assert len(letters) >= 20
    for entry in letters:
        doc = parse_text(_text(entry.name))
        assert (doc.kind, doc.reference) == ("Antwort", entry.label["reference"]), entry.name


@pytest.mark.parametrize(
    "name",
    [
        "dresden-AF2016-13-antwort-erster-buergermeister-fragerecht",  # "Erster Bürgermeister"
        "dresden-mAF0007-14-antwort-zweiter-buergermeister-friedhof",  # "Zweiter Bürgermeister"
    ],
)
def test_signer_role_names_the_writer_when_the_letterhead_is_an_image(name: str) -> None:
    """Real PDFs often print the letterhead as an image: without its 'Die Oberbürgermeisterin'
    line, the signer's role under the closing still says the administration writes."""
    lines = clean_lines(_text(name).split("\f"))
    assert administration_to_member(lines)
    without_letterhead = [x for x in lines if x != "Die Oberbürgermeisterin"]
    assert len(without_letterhead) == len(lines) - 1
    assert administration_to_member(without_letterhead)
