"""Answers per question whatever the answer heading: "Ad 1.", "Beantwortung:", answers in a block
after the questions, a question that goes on after its "?" (a request, a note, a comment).

Texts: Dresden answer letters (tests/corpus/dev/, committed) and Landtag / Karlsruhe answers from
the corpus snapshots (skipped without ../.mirror), re-headed by bench.answer_variants (its
`segments` and `variants`: only the answer headings and where the answers stand change). Expected
answers are read from the documents (bench.answer_variants.HAND). Every parse test fails on main
d6424fc's parser.
"""

from __future__ import annotations

from bench.answer_variants import HAND, segments, variants
from bench.text_shapes import flat
from fetcher.parse import parse_text
from fetcher.parse.answer_headings import answer_heading
from tests.corpus_data import corpus_path, dev_label

FERNBUS = "dresden-AF0028-14-antwort-cdu-fernbuslinien"
SCHALLSCHUTZ = "dresden-AF2250-13-antwort-linke-schallschutz-kleingaerten"
STROMSPERREN = "dresden-AF2015-13-antwort-stromsperren"


def _text(name: str) -> str:
    return corpus_path(name, "dev").read_text("utf-8")


def _line(lines: list[str], start: str) -> int:
    return next(k for k, line in enumerate(lines) if line.startswith(start))


def _variant(name: str, variant: str) -> str:
    cut = segments(_text(name), dev_label(name)["questions"])
    assert cut is not None, name
    return variants(*cut)[variant]


def test_transform_changes_only_the_headings() -> None:
    """The "Ad 1." variant of Dresden AF0028/14 is the letter with one heading line per answer
    added; the block variant holds the same lines, questions first."""
    original = _text(FERNBUS).split("\n")
    interleaved = _variant(FERNBUS, "Ad 1.").split("\n")
    assert [x for x in interleaved if x not in ("Ad 1.", "Ad 2.")] == original
    assert interleaved.index("Ad 1.") < _line(interleaved, "2. „Wie viele Fernbus")
    block = _variant(FERNBUS, "block Ad 1.").split("\n")
    assert sorted(x for x in block if x not in ("Ad 1.", "Ad 2.")) == sorted(original)
    assert block.index("Ad 1.") > _line(block, "2. „Wie viele Fernbus")


def test_ad_heading_is_not_part_of_the_answer() -> None:
    """Dresden AF0028/14 with "Ad 1." / "Ad 2." above the answers: two answers, each without its
    heading (main: "Ad 1. Die Konzessionen …")."""
    doc = parse_text(_variant(FERNBUS, "Ad 1."))
    assert len(doc.questions) == 2
    assert doc.answers[0].startswith("Die Konzessionen werden von der jeweils zuständigen")
    assert doc.answers[1].startswith("Nach den vorliegenden Fahrplanübersichten")


def test_bare_beantwortung_heads_each_answer() -> None:
    """Dresden AF2250/13 with "Beantwortung:" above each answer: three answers without the word
    (main: each answer opens with "Beantwortung:")."""
    doc = parse_text(_variant(SCHALLSCHUTZ, "Beantwortung:"))
    assert len(doc.answers) == 3
    assert doc.answers[0].startswith("Für die Verkehrsbaumaßnahme Langer Weg")
    assert not any(answer.startswith("Beantwortung") for answer in doc.answers)


def test_answers_in_a_block_after_the_questions() -> None:
    """Dresden AF2250/13 with all questions first, then "Ad 1." … "Ad 3." blocks: each answer
    under its question (main: no answer)."""
    doc = parse_text(_variant(SCHALLSCHUTZ, "block Ad 1."))
    assert len(doc.questions) == 3
    assert doc.answers[0].startswith("Für die Verkehrsbaumaßnahme Langer Weg")
    assert doc.answers[1].startswith("Die 2004 vom Stadtrat beschlossene Ausbauvariante")
    assert len(doc.answers) == 3
    assert all(doc.answers)


def test_zu_heading_after_a_quoted_question() -> None:
    """Dresden AF0028/14 with "Zu 1." under each quoted question: the answer starts after the
    heading (main: "Zu 1. Die Konzessionen …")."""
    doc = parse_text(_variant(FERNBUS, "Zu 1."))
    assert doc.answers[0].startswith("Die Konzessionen werden von")


def test_headings_in_text_run_together() -> None:
    """Dresden AF2250/13 re-headed "Zu 1." and "Ad 1.", each page run into one line ("… Weges
    als Autobahnzubringer?" Zu 1. Für die …"): three answers, each from its first word (main:
    the heading's number read as a list label, "Zu" or "Ad" left in the question)."""
    for variant in ("Zu 1.", "Ad 1."):
        doc = parse_text(flat(_variant(SCHALLSCHUTZ, variant)))
        assert len(doc.questions) == 3, variant
        assert doc.answers[0].startswith("Für die Verkehrsbaumaßnahme Langer Weg"), variant
        assert doc.answers[1].startswith("Die 2004 vom Stadtrat beschlossene"), variant
        assert not doc.questions[0].endswith((" Zu", " Ad")), variant


def test_bracketed_note_after_the_question_is_no_answer() -> None:
    """Dresden AF2015/13 with all answers run together after the questions (one whole answer):
    question 1's note "(örtliche Grundversorger u. a. soweit bekannt)" stays with it and only
    one answer comes out (main: the note as answer 1, and two more)."""
    doc = parse_text(_variant(STROMSPERREN, "whole"))
    assert len(doc.questions) == 6
    assert doc.questions[0].endswith("(örtliche Grundversorger u. a. soweit bekannt)")
    given = [a for a in doc.answers if a]
    assert len(given) == 1
    assert given[0].startswith(HAND[STROMSPERREN][1])


def test_request_after_the_question_mark_belongs_to_the_question() -> None:
    """Landtag 19/11277 as printed: "… erfasst? Bitte die Gesamtzahlen … aufschlüsseln nach
    „Partnerschaftsgewalt“ und „innerfamiliärer Gewalt“." is question 1; its answer starts
    "Zunächst wird auf die Vorbemerkung" (main: the request as the answer)."""
    name = "LANDTAG-niedersachsen-19-11277-kleine-anfrage-mit-antwort"
    doc = parse_text(_text(name))
    assert doc.questions[0].endswith("„innerfamiliärer Gewalt“.")
    assert doc.answers[0].startswith("Zunächst wird auf die Vorbemerkung")


def test_request_run_on_in_a_page_in_one_line() -> None:
    """Landtag 19/11277 with each page run into one line: "… erfasst?" / "Bitte die Gesamtzahlen
    … „innerfamiliärer Gewalt“. Zunächst wird …": the request is question 1's, the answer starts
    after it (main: "Bitte die Gesamtzahlen …" as the answer)."""
    name = "LANDTAG-niedersachsen-19-11277-kleine-anfrage-mit-antwort"
    doc = parse_text(flat(_text(name)))
    assert doc.questions[0].endswith("„innerfamiliärer Gewalt“.")
    assert doc.answers[0].startswith("Zunächst wird auf die Vorbemerkung")
    assert doc.answers[3].startswith("Die PKS ist eine Jahresstatistik")


def test_comment_run_on_after_the_question_is_no_answer() -> None:
    """Karlsruhe 2021/1298: "Frage 1: Müssen …? Hier kam es zu Anfragen aus" / "der Bevölkerung,
    die wir gerne aufgreifen möchten." is the question; the answer is "Die VBK wird …" on the
    next line (main: the comment as the answer)."""
    name = "karlsruhe-2021-1298-stellungnahme-fw-fuer-turmbergbahn"
    doc = parse_text(_text(name))
    assert doc.questions[0].endswith("die wir gerne aufgreifen möchten.")
    assert doc.answers[0].startswith("Die VBK wird für die Erneuerung")
    assert doc.answers[1].startswith("Es sind keine öffentlichen Toiletten")


def test_answer_heading_structure() -> None:
    """A heading points back at a question's number in any of the usual words, or is a bare
    answer word; a question's own label or prose is none."""
    assert answer_heading("Ad 1.") == (1, 1, 5)
    assert answer_heading("Zu den Fragen 2 bis 4:")[:2] == (2, 4)  # type: ignore[index]
    assert answer_heading("Antwort zu Frage 3: Ja")[:2] == (3, 3)  # type: ignore[index]
    assert answer_heading("Beantwortung:") == (None, None, 13)
    assert answer_heading("Frage 1: Wie viele …?") is None
    assert answer_heading("Zu Beginn des Jahres …") is None
