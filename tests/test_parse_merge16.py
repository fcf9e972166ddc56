"""The sixteenth round's merge: what the branches did not test alone."""

from __future__ import annotations

import pytest

from bench.boundary_variants import rewrite
from bench.text_shapes import SHAPES
from fetcher.parse import parse_text
from fetcher.parse.answers import question_before_answer
from fetcher.parse.paper_number import MAX_LABELS, labelled_value
from standins.fixtures import OPARL_FIXTURES
from tests.corpus_data import corpus_path, dev_label

KARLSRUHE = OPARL_FIXTURES / "karlsruhe" / "file-contents"


def _karlsruhe(file_id: str) -> str:
    return (KARLSRUHE / f"{file_id}.txt").read_text(encoding="utf-8")


FERNBUS = "dresden-AF0028-14-anfrage-cdu-fernbuslinien"  # Dresden, two questions, CDU letter


def test_a_line_of_many_labels_is_read_from_its_first_labels() -> None:
    # "Vorlage DS " run together thousands of times (a table or blob as one line) was weighed label
    # by label against the whole line before it (bench.parse_worst: 20 s at 2,000 repetitions);
    # only the first MAX_LABELS labels are weighed now, and the paper's number in front still wins.
    line = "Vorlage DS-Nr. 1234/21/2 " + "Vorlage DS " * 2_000
    assert labelled_value(line) == "1234/21/2"
    assert labelled_value("Vorlage DS " * MAX_LABELS + "Vorlage Nr. 0123/2021") is None


def test_a_long_run_of_empty_number_labels_keeps_its_value_below() -> None:
    # A head's labels run together, the value on the next line: read as before, however long
    # the run of labels (the word before each label is looked for near it, not from the start).
    text = (
        "Drucksache Nr. (ggf. Nachtragsvermerk) " * 600
        + "\n0456/2021\nAnfrage der SPD-Fraktion\n1. Wie viele Bäume?\n2. Wo stehen sie?\n"
    )
    document = parse_text(text)
    assert document.reference == "0456/2021"
    assert document.questions[0] == "Wie viele Bäume?"


@pytest.mark.parametrize("variant", ["answer requested", "answer requested, passive"])
def test_a_request_for_the_answer_ends_the_last_question(variant: str) -> None:
    # "Wir bitten um schriftliche Beantwortung." below the last question asks for the inquiry's
    # answer as a whole; it ran into the last question (bench.boundary_variants: 58 % right).
    label = dev_label(FERNBUS)
    original = corpus_path(FERNBUS).read_text("utf-8")
    text = rewrite(original, label, variant)
    assert text is not None
    questions = parse_text(text).questions
    assert questions == parse_text(original).questions
    assert questions[-1].endswith("?")


def test_a_request_about_the_answers_form_stays_with_the_question() -> None:
    original = corpus_path(FERNBUS).read_text("utf-8")
    last = parse_text(original).questions[-1]
    line_end = last[-30:]
    text = original.replace(line_end, line_end + "\nWir bitten um Antwort getrennt nach Jahren.", 1)
    assert parse_text(text).questions[-1].endswith("Wir bitten um Antwort getrennt nach Jahren.")


@pytest.mark.parametrize("shape", ["flat", "para"])
def test_an_arrow_between_words_is_prose_in_text_run_together(shape: str) -> None:
    # labels16 made "→"/"➔" bullets; inside a line they are prose as often. Karlsruhe's inquiry on
    # changes of gender entry asks "(männlich → weiblich, weiblich → männlich, …)" in question
    # 1.4, and a strategy paper prints "„Planung“ → „Was?“)": neither opens an item.
    inquiry = parse_text(SHAPES[shape](_karlsruhe("670325")))
    assert len(inquiry.questions) == 6
    assert not any("\n→" in question for question in inquiry.questions)
    assert "männlich → weiblich" in " ".join(inquiry.questions)
    assert parse_text(SHAPES[shape](_karlsruhe("628406"))).questions == ()


def test_a_quoted_question_ends_where_the_answer_opens() -> None:
    # An answer paper quotes the inquiry's list, then "Die Verwaltung beantwortet die Anfrage wie
    # folgt:" and "Zu 1.: …": the lead-in belongs to no question. Dresden AF0028/14's last question.
    last = parse_text(corpus_path(FERNBUS).read_text("utf-8")).questions[-1]
    item = [last, "Die Verwaltung beantwortet die Anfrage wie folgt:"]
    assert question_before_answer(item) == [last]
    follow_up = [last, "Falls ja: Wie oft?"]
    assert question_before_answer(follow_up) == follow_up
