"""Answers whose repeated questions run together with the answer text, and answers that set their
questions apart by what follows them ("Antwort:" below each, a "Frage | Antwort" table).

Texts: Dresden and Karlsruhe answers (tests/corpus/dev/, committed) and Landtag answers from the
corpus snapshots (skipped without ../.mirror), rewritten by bench.answer_variants and
bench.quoted_answers (every answer line unchanged, only the way the questions are quoted and set
apart), then put into a shape of bench.text_shapes ("flat": a page in one line; "para": a
paragraph in one line). Expected counts are the labels', the answers' opening words are read from
the documents (bench.answer_variants.HAND). Every parse test fails on main 7576e3f's parser.
"""

from __future__ import annotations

from bench.answer_variants import HAND, segments, variants
from bench.quoted_answers import quoting_variants
from bench.text_shapes import flat, paragraphs
from fetcher.model import ParsedDocument
from fetcher.parse import parse_text
from tests.corpus_data import corpus_path, dev_label

BAHN = "LANDTAG-niedersachsen-19-11169-kleine-anfrage-mit-antwort"  # ten quoted questions
UELZEN = "LANDTAG-niedersachsen-19-11168-kleine-anfrage-mit-antwort"  # four questions, tables
NDR = "LANDTAG-niedersachsen-19-11160-kleine-anfrage-mit-antwort"  # sub-items a)–g) in question 5
BETREUUNG = "LANDTAG-niedersachsen-19-11206-kleine-anfrage-mit-antwort"  # "Siehe Antwort zu 4."
ASPHALT = "LANDTAG-niedersachsen-19-11224-kleine-anfrage-mit-antwort"  # answers that are tables
STEINKREUZ = "karlsruhe-2021-or-wolfartsweier-stellungnahme-cdu-steinkreuzstrasse"
FRAGERECHT = "dresden-AF2016-13-antwort-erster-buergermeister-fragerecht"
FERNBUS = "dresden-AF0028-14-antwort-cdu-fernbuslinien"


def _variant(name: str, variant: str) -> str:
    text = corpus_path(name, "dev").read_text("utf-8")
    cut = segments(text, dev_label(name)["questions"])
    assert cut is not None, name
    written = {**variants(*cut), **{k: v[0] for k, v in quoting_variants(*cut).items()}}
    return written[variant]


def _answered(doc: ParsedDocument) -> list[str]:
    return [answer for answer in doc.answers if answer.strip()]


def _check(name: str, doc: ParsedDocument, asked: str) -> None:
    """The label's question count, the first question's opening, every question answered, the
    first answer's opening as read from the document."""
    assert len(doc.questions) == dev_label(name)["questions"]
    assert doc.questions[0].startswith(asked)
    answers = _answered(doc)
    assert len(answers) == len(doc.questions)
    assert answers[0].startswith(HAND[name][1])


def test_quoted_numbered_questions_in_a_page_run_together() -> None:
    """Landtag 19/11169 quoting „1. …?“ … „10. …?“ in a page run into one line: each quotation
    is a question and the text after it its answer (main: five questions, half of them lost)."""
    doc = parse_text(flat(_variant(BAHN, "„1. …“")))
    _check(BAHN, doc, "Welche Informationen bzw. Zusagen zur Finanzierung aus Bundesmitteln")
    assert doc.questions[8].startswith("Liegen der Landesregierung gegebenenfalls Kenntnisse")
    assert doc.questions[8].endswith("Falls ja, welche?")


def test_first_quoted_question_run_into_the_header_row() -> None:
    """Karlsruhe Ortschaftsrat run together: the consultation row "… 13.07.2021 9 ☒ ☐" and
    „1. Gibt es …?“ share a line; the question still opens the body (main: no question)."""
    doc = parse_text(flat(_variant(STEINKREUZ, "„1. …“")))
    _check(STEINKREUZ, doc, "Gibt es von Seiten der Stadt Karlsruhe")
    assert _answered(doc)[1] == "Siehe Antwort zu Frage 1."


def test_page_number_before_a_paragraph_is_no_footnote() -> None:
    """Landtag 19/11168 one line per paragraph: the page number "4" opens the paragraph that
    quotes the last question; it is no footnote, the rest of the text stays (main: 3 of 4)."""
    doc = parse_text(paragraphs(_variant(UELZEN, "„…“ unnumbered")))
    _check(UELZEN, doc, "Hat die Landesregierung die Situation an den Oberschulen")
    assert doc.questions[3].startswith("Welche Maßnahmen wird die Landesregierung")


def test_answer_label_at_the_end_of_the_quoted_question() -> None:
    """Dresden AF2016/13 one line per paragraph: '… Antworten sind?" Antwort:' ends the line
    and "Frage 2:" ends the answer's paragraph; each still heads its own part (main: 3 of 5)."""
    doc = parse_text(paragraphs(_variant(FRAGERECHT, "Frage 1: … / Antwort:")))
    _check(FRAGERECHT, doc, "Ist die Geschäftsordnung des Stadtrats §19 so zu verstehen")


def test_question_label_run_into_the_letters_lead_in() -> None:
    """Dresden AF0028/14 one line per paragraph: "… wie folgt: Frage 1: „Wie viele …?"" puts the
    first label after the lead-in's colon; the letter still answers two questions (main: none)."""
    doc = parse_text(paragraphs(_variant(FERNBUS, "Frage 1: … / Antwort:")))
    _check(FERNBUS, doc, "Wie viele Konzessionen (Inland und Ausland)")


def test_unnumbered_questions_each_answered_under_antwort() -> None:
    """Landtag 19/11160 with every question plain (no number, no marks) and "Antwort:" below it:
    the question is what asks right above the label (main: four questions)."""
    doc = parse_text(_variant(NDR, "unnumbered, Antwort:"))
    _check(NDR, doc, "Welche Beteiligungen des Norddeutschen Rundfunks (NDR)")
    assert _answered(doc)[3] == "Siehe Antwort zu Frage 3."
    assert doc.questions[4].startswith("Welche Kosten (auch indirekte) entstanden dem NDR")


def test_question_and_answer_table_read_row_by_row() -> None:
    """Landtag 19/11168 as a "Frage Antwort" table: each row's line holds the question and the
    answer's first line; the answer runs to the next row that asks (main: two questions)."""
    doc = parse_text(_variant(UELZEN, "table Frage | Antwort"))
    _check(UELZEN, doc, "Hat die Landesregierung die Situation an den Oberschulen")
    assert doc.questions[0].endswith("verbessert?")


def test_run_together_question_after_a_reference_or_a_table() -> None:
    """Landtag 19/11206 and 19/11224 unnumbered in a page run together: a question right after
    "Siehe Antwort zu 4." or after a table's lower-case cell opens its own pair (main: 2 of 4,
    5 of 8)."""
    _check(
        BETREUUNG,
        parse_text(flat(_variant(BETREUUNG, "unnumbered ?"))),
        "Wann ist gegebenenfalls mit der Vorlage",
    )
    _check(
        ASPHALT,
        parse_text(flat(_variant(ASPHALT, "unnumbered ?"))),
        "Liegen der Landesregierung Erkenntnisse dazu vor",
    )


def test_split_leaves_a_quotation_inside_a_sentence() -> None:
    """A question quoted inside a sentence that goes on stays in its line; a quoted numbered
    question between two sentences gets a line of its own, its answer the next."""
    from fetcher.parse.quoted_lines import split_quoted_questions  # new: main has no such module

    inside = "Die Frage „1. Wie viele Anträge gab es?“ wurde im Ausschuss beraten und vertagt."
    assert split_quoted_questions([inside]) == [inside]
    run = "Siehe Vorbemerkung. „2. Wie viele Anträge gab es?“ Im Jahr 2025 waren es 12."
    assert split_quoted_questions([run]) == [
        "Siehe Vorbemerkung.",
        "„2. Wie viele Anträge gab es?“",
        "Im Jahr 2025 waren es 12.",
    ]
