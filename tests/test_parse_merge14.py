"""Mends after the fourteenth round's merges, found in the dump of every parsed field.

untyped14 reads the kind of a paper without a type word from its content. On the Karlsruhe
fixture texts it turned annexes that only list questions into inquiries: an interview guide
("Werkzeug Leitfragen zur Wissensweitergabe"), the annex of an answer that lists the questions
with the companies' replies, and a 40-page annual report whose "mit den Fragen: Was bedeutet
Demokratie?" stands in its 25,000th character. A bare list of questions asks no one; an inquiry
names its sender or asks near its opening.

nolabel14's reader of unlabelled questions ended a question at a line that goes on with a dash
("- ohne Verlängerung … zu rechnen?"), began one below a line ending in "bzw." and ended a list
at a group's heading ("Ergänzend zu Frage 3:").
"""

from __future__ import annotations

import pytest

from bench.kind_variants import rewrite
from fetcher.parse import parse_text
from standins.fixtures import OPARL_FIXTURES
from tests.corpus_data import corpus_items

KARLSRUHE = OPARL_FIXTURES / "karlsruhe" / "file-contents"


@pytest.mark.parametrize(
    "file_id",
    [
        "678315",  # Werkzeug Leitfragen zur Wissensweitergabe (annex of paper 2026/0283)
        "678316",  # the same guide for heads of office
        "646321",  # Anlage zur Stellungnahme: the companies' answers under each question
        "611013",  # Jahresbericht 2018 des Behindertenbeirats (annex of a Beschlussvorlage)
    ],
)
def test_an_annex_that_lists_questions_is_no_inquiry(file_id: str) -> None:
    doc = parse_text((KARLSRUHE / f"{file_id}.txt").read_text(encoding="utf-8"))
    assert doc.kind != "Anfrage"


def _dev(name: str) -> str:
    return next(item.text for item in corpus_items("dev") if item.name == name)


def test_a_faction_inquiry_without_a_type_word_still_asks() -> None:
    # Karlsruhe 2020/0409 (AfD): its questions and the faction read, no lead-in, no "Begründung:"
    text = rewrite(_dev("karlsruhe-2020-0409-anfrage-afd-lea-standort"), "no type word (inquiry)")
    assert text is not None
    doc = parse_text(text)
    assert doc.kind == "Anfrage"
    assert len(doc.questions) >= 2


def _karlsruhe(file_id: str) -> str:
    return (KARLSRUHE / f"{file_id}.txt").read_text(encoding="utf-8")


def test_a_question_line_that_goes_on_with_a_dash_stays_one_question() -> None:
    # Karlsruhe 2024 FDP inquiry on the Turmbergbahn (file 660850), four questions without labels:
    # "Mit welchen Kosten wäre … im derzeitigen Bestand" / "- ohne Verlängerung … zu rechnen?"
    # is one question; nolabel14's reader ended the list at the dash (2 questions, the third in
    # the summary).
    doc = parse_text(_karlsruhe("660850"))
    assert len(doc.questions) == 4
    assert doc.questions[2].startswith("Mit welchen Kosten wäre")
    assert "Mit welchen Kosten" not in (doc.summary or "")


def test_a_line_ending_in_an_abbreviation_does_not_end_the_question() -> None:
    # The Verkehrsbetriebe's answer (file 625308): "Wie häufig verpassen sich … bzw. 47 bzw." /
    # "NL6 am Zündhütle; …?" is one question, not its second line alone.
    doc = parse_text(_karlsruhe("625308"))
    assert len(doc.questions) == 3
    assert all(q.startswith("Wie häufig verpassen sich") for q in doc.questions)


def test_groups_of_unlabelled_questions_under_short_headings_are_one_list() -> None:
    # DIE LINKE's Ergänzungsanfrage 2021/0947/1 (file 627436): "Ergänzend zu Frage 2:" / its
    # questions / "Ergänzend zu Frage 3:" / … — every group's questions, not the first group's.
    doc = parse_text(_karlsruhe("627436"))
    assert len(doc.questions) >= 3
    assert doc.questions[-1].startswith("Wurden für die Fälle von fehlenden eigenen Angeboten")


def test_an_answer_repeating_an_unlabelled_question_drops_the_sentence_before_it() -> None:
    # The Verkehrsbetriebe's answer on the Turmbergbahn (file 660852) repeats the inquiry's first
    # paragraph, "Die Betriebsgenehmigung … verlängert. Wie lange kann …?": the question is the
    # asking sentence, as in the inquiry itself (660850).
    doc = parse_text(_karlsruhe("660852"))
    assert len(doc.questions) == 4
    assert doc.questions[0].startswith("Wie lange kann die Turmbergbahn")
