"""Answers that quote the inquiry without numbers: „…“ / "…", "Sie fragen:", "Frage: / Antwort:",
"Zu Ihrer ersten Frage:", "Ihre Frage lautete:", "Auf Ihre Frage „…“ antworte ich:", and the
inquiry quoted whole before a letter that answers it in one text.

Texts: Dresden answer letters AF2250/13 and AF0028/14 (tests/corpus/dev/, committed), rewritten
by bench.answer_variants' cut (`segments`) and bench.quoted_answers' `quoting_variants`: only the
way each question is quoted changes, every answer line stays. Expected values: the question
count and first question from the dev labels, the answers' opening words read from the letters.
Every parse test fails on main cc89254's parser (the first checks the rewrite only).
"""

from __future__ import annotations

from bench.answer_variants import segments
from bench.quoted_answers import quoting_variants
from bench.text_shapes import flat
from fetcher.parse import parse_text
from tests.corpus_data import corpus_path, dev_label

SCHALLSCHUTZ = "dresden-AF2250-13-antwort-linke-schallschutz-kleingaerten"
FERNBUS = "dresden-AF0028-14-antwort-cdu-fernbuslinien"
# the answers' opening words, read from the letters
OPENINGS = {
    SCHALLSCHUTZ: (
        "Für die Verkehrsbaumaßnahme Langer Weg",
        "Die 2004 vom Stadtrat beschlossene Ausbauvariante",
        "Eine separate Information der Kleingartensparten",
    ),
    FERNBUS: ("Die Konzessionen werden von", "Nach den vorliegenden Fahrplanübersichten"),
}


def _variant(name: str, variant: str) -> str:
    cut = segments(corpus_path(name, "dev").read_text("utf-8"), dev_label(name)["questions"])
    assert cut is not None, name
    return quoting_variants(*cut)[variant][0]


def _assert_pairs(name: str, text: str) -> None:
    label = dev_label(name)
    doc = parse_text(text)
    assert len(doc.questions) == label["questions"]
    assert doc.questions[0].startswith(label["first_question_start"])
    assert len(doc.answers) == len(OPENINGS[name])
    for answer, opening in zip(doc.answers, OPENINGS[name], strict=True):
        assert answer.startswith(opening), (answer[:60], opening)


def test_transform_changes_only_how_questions_are_quoted() -> None:
    """The "Sie fragen:" variant of Dresden AF2250/13 keeps every answer line of the letter."""
    original = corpus_path(SCHALLSCHUTZ, "dev").read_text("utf-8").split("\n")
    changed = _variant(SCHALLSCHUTZ, "Sie fragen:").split("\n")
    kept = [
        line for line in original if line.startswith(("Für die Verkehrsbaumaßnahme", "Die 2004"))
    ]
    assert kept
    assert all(line in changed for line in kept)
    assert sum(line.startswith("Sie fragen: ") for line in changed) == 3


def test_unnumbered_questions_in_german_quotation_marks() -> None:
    """Each question „…?“ without its number, its answer below it: three questions, each answer
    from its first word (main: one question per "?" line, no answers)."""
    _assert_pairs(SCHALLSCHUTZ, _variant(SCHALLSCHUTZ, "„…“ unnumbered"))


def test_unnumbered_questions_in_straight_quotes_in_a_page_in_one_line() -> None:
    """Questions in "…" and their answers, the page run together into one line ('… Dresden?"
    Die Konzessionen …'): two questions, two answers (main: no answer)."""
    _assert_pairs(FERNBUS, flat(_variant(FERNBUS, '"…" unnumbered')))


def test_sie_fragen_introduces_each_question() -> None:
    """ "Sie fragen: …?" before each answer, as printed and run together: the phrase is no part of
    the question, the aside "(Wenn ja, welche?)" stays with it (main: "Sie fragen: …" as the
    question and no answers)."""
    for text in (
        _variant(SCHALLSCHUTZ, "Sie fragen:"),
        flat(_variant(SCHALLSCHUTZ, "Sie fragen:")),
    ):
        _assert_pairs(SCHALLSCHUTZ, text)
        doc = parse_text(text)
        assert doc.questions[1].endswith("(Wenn ja, welche?)")
        assert not any(q.startswith("Sie fragen") for q in doc.questions)


def test_frage_and_antwort_without_numbers() -> None:
    """ "Frage: …" and "Antwort: …" opening each question and answer: neither word stays in the
    text read (main: "Frage: …" as the first question)."""
    doc = parse_text(_variant(SCHALLSCHUTZ, "Frage: / Antwort:"))
    _assert_pairs(SCHALLSCHUTZ, _variant(SCHALLSCHUTZ, "Frage: / Antwort:"))
    assert not any(answer.startswith("Antwort") for answer in doc.answers)


def test_ordinal_phrase_zu_ihrer_ersten_frage() -> None:
    """ "Zu Ihrer ersten Frage:" / "Zu Ihrer zweiten Frage:" … above each question (main: the
    first question read without its answer)."""
    _assert_pairs(SCHALLSCHUTZ, _variant(SCHALLSCHUTZ, "Zu Ihrer ersten Frage:"))


def test_question_quoted_inside_the_answering_sentence() -> None:
    """ "Auf Ihre Frage „…?“ antworte ich wie folgt: …": the quotation is the question, the
    answer starts after the colon (main: no question read)."""
    _assert_pairs(FERNBUS, _variant(FERNBUS, "Auf Ihre Frage „…“ antworte ich:"))


def test_ihre_frage_lautete_before_the_quotation() -> None:
    """ "Ihre Frage lautete:" / „…?“ / the answer, in a page run together into one line (main:
    no answer)."""
    _assert_pairs(SCHALLSCHUTZ, flat(_variant(SCHALLSCHUTZ, "Ihre Frage lautete: „…“")))


def test_inquiry_quoted_whole_then_a_letter_answering_in_one_text() -> None:
    """The numbered questions and a justification first, then "Sehr geehrte …, / Ihre Anfrage
    beantworte ich wie folgt:" and the answers without headings: one answer, from the letter's
    first answering word, without the lead-in (main: no answer)."""
    doc = parse_text(_variant(FERNBUS, "inquiry whole, then letter: whole"))
    assert len(doc.questions) == 2
    given = [answer for answer in doc.answers if answer]
    assert len(given) == 1
    assert given[0].startswith(OPENINGS[FERNBUS][0])
    assert OPENINGS[FERNBUS][1] in given[0]
