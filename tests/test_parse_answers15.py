"""Answers whose repeated questions carry no number: each question a paragraph of its own that
asks, its answer the paragraphs below it (fetcher.parse.asked_paragraphs).

Texts: Dresden answer letters (tests/corpus/dev/, committed) and Landtag answers from the corpus
snapshots (skipped without ../.mirror), rewritten by bench.quoted_answers ("unnumbered ?": every
question without its number, a paragraph between blank lines, then its answer; every answer line
unchanged). Expected counts are the labels', the answers' opening words are read from the
documents (bench.answer_variants.HAND). Every parse test fails on main a8c7118's parser.
"""

from __future__ import annotations

from bench.answer_variants import HAND, WHOLE, segments, variants
from bench.quoted_answers import quoting_variants
from bench.text_shapes import flat
from fetcher.parse import parse_text
from fetcher.parse.asked_paragraphs import asked_paragraphs
from tests.corpus_data import corpus_path, dev_label

UNNUMBERED = "unnumbered ?"
LETTER = "letter: unnumbered ?"
NDR = "LANDTAG-niedersachsen-19-11160-kleine-anfrage-mit-antwort"  # sub-items a)–g) in question 5
RADWEG = "LANDTAG-niedersachsen-19-11223-kleine-anfrage-mit-antwort"  # questions of five lines
ASPHALT = "LANDTAG-niedersachsen-19-11224-kleine-anfrage-mit-antwort"  # context before "Werden …?"
GEZ = "dresden-AF2022-13-antwort-gez-gebuehren"  # "Durch … wird vorgeschlagen, …. Welche …?"


def _variant(name: str, variant: str) -> str:
    text = corpus_path(name, "dev").read_text("utf-8")
    cut = segments(text, dev_label(name)["questions"])
    assert cut is not None, name
    return quoting_variants(*cut)[variant][0]


def _answered(name: str, variant: str) -> tuple[list[str], list[str]]:
    doc = parse_text(_variant(name, variant))
    return list(doc.questions), [answer for answer in doc.answers if answer.strip()]


def test_question_with_its_own_sub_items_is_one_question() -> None:
    """Landtag 19/11160 unnumbered: question 5 ("Welche Kosten … hinsichtlich / a) … g) sonstigen
    Sachkosten?") is one question with its sub-items on their own lines, and question 4's answer
    ends at "Siehe Antwort zu Frage 3." (main: four questions, the fifth inside that answer)."""
    questions, answers = _answered(NDR, UNNUMBERED)
    assert len(questions) == dev_label(NDR)["questions"] == 10
    assert len(answers) == 10
    assert answers[3] == "Siehe Antwort zu Frage 3."
    assert questions[4].startswith("Welche Kosten (auch indirekte) entstanden dem NDR")
    assert "\na) Teilnahmegebühren," in questions[4]
    assert questions[4].endswith("g) sonstigen Sachkosten?")
    assert answers[4].startswith("a) Teilnahmegebühren NDR-Mitarbeiter")


def test_long_question_paragraph_is_read_whole() -> None:
    """Landtag 19/11223 unnumbered: a question of five printed lines ("Welche Voraussetzungen …
    in Betracht?") is a question, not part of the answer above it (main: five questions)."""
    questions, answers = _answered(RADWEG, UNNUMBERED)
    assert len(questions) == dev_label(RADWEG)["questions"] == 6
    assert answers[3] == "Auf die Vorbemerkung wird verwiesen."
    assert questions[4].startswith("Welche Voraussetzungen müssen erfüllt sein")
    assert questions[4].endswith("grundsätzlich in Betracht?")
    assert answers[0].startswith(HAND[RADWEG][1])


def test_context_sentence_before_the_asking_one() -> None:
    """Dresden AF2022/13 unnumbered: "Durch die Kommunalen Spitzenverbände wird vorgeschlagen, …
    durchzuführen. Welche Position nimmt …?" is the fourth question, answered by "Die
    Landeshauptstadt Dresden wird …" (main: three questions)."""
    questions, answers = _answered(GEZ, UNNUMBERED)
    assert len(questions) == len(answers) == 5
    assert questions[3].startswith("Durch die Kommunalen Spitzenverbände wird vorgeschlagen")
    assert answers[3].startswith("Die Landeshauptstadt Dresden wird dem Sächsischen")
    assert answers[4] == "Diese Auffassung wird gegenwärtig durch das Rechtsamt geprüft."


def test_letter_with_unnumbered_questions() -> None:
    """Landtag 19/11224 as a letter (salutation, "Ihre Anfrage beantworte ich wie folgt:", the
    questions unnumbered, "Mit freundlichen Grüßen"): eight questions, the seventh opening with its
    context ("Nach Angaben von Unternehmen … Werden …?"), the signature in no answer."""
    questions, answers = _answered(ASPHALT, LETTER)
    assert len(questions) == len(answers) == dev_label(ASPHALT)["questions"] == 8
    assert questions[0].startswith("Liegen der Landesregierung Erkenntnisse dazu vor")
    assert questions[6].startswith("Nach Angaben von Unternehmen des Straßen- und Tiefbaus")
    assert answers[0].startswith(HAND[ASPHALT][1])
    assert not any("Mit freundlichen Grüßen" in answer for answer in answers)
    assert not any("Max Muster" in answer for answer in answers)


def test_numbered_questions_are_left_to_the_numbered_readers() -> None:
    """The original Dresden AF2022/13 letter numbers its repeated questions: not this layout."""
    text = corpus_path(GEZ, "dev").read_text("utf-8")
    assert asked_paragraphs(text.split("\n"), 0) == []


def test_rhetorical_question_inside_an_answer_stays_in_it() -> None:
    """An answer paragraph that states first and asks back at its end ("… Wer sollte …?") and a
    one-line answer ("Nein.") are answers, not questions."""
    lines = [
        "Sehr geehrte Frau Muster,",
        "",
        "Wie viele Anträge gingen 2024 ein?",
        "",
        "Es gingen 14 Anträge ein. Die Zahl ist seit Jahren gleich.",
        "Das Amt prüft jeden Antrag. Wer sollte es sonst tun?",
        "",
        "Wurden Anträge abgelehnt?",
        "",
        "Nein.",
        "",
        "Mit freundlichen Grüßen",
    ]
    pairs = asked_paragraphs(lines, 0)
    assert [question for question, _ in pairs] == [
        "Wie viele Anträge gingen 2024 ein?",
        "Wurden Anträge abgelehnt?",
    ]
    assert pairs[0][1].endswith("Wer sollte es sonst tun?")
    assert pairs[1][1] == "Nein."


JUGENDARBEITSSCHUTZ = "LANDTAG-niedersachsen-19-11246-kleine-anfrage-mit-antwort"
GEWALT = "LANDTAG-niedersachsen-19-11277-kleine-anfrage-mit-antwort"
SCHULMEDIEN = "LANDTAG-niedersachsen-19-11167-kleine-anfrage-mit-antwort"


def _whole(name: str) -> str:
    text = corpus_path(name, "dev").read_text("utf-8")
    cut = segments(text, dev_label(name)["questions"])
    assert cut is not None, name
    return variants(*cut)[WHOLE]


def test_question_after_sie_fragen_ends_at_its_question_mark() -> None:
    """Landtag 19/11246 with "Sie fragen:" before each question: question 4 ends at "(bitte
    Zahlen der letzten fünf Jahre angeben)?" and its answer is the figures after it, "2021: 19
    340 …" (main: the figures inside the question, the answer empty)."""
    doc = parse_text(_variant(JUGENDARBEITSSCHUTZ, "Sie fragen:"))
    assert len(doc.questions) == len(doc.answers) == 12
    assert doc.questions[3].endswith("(bitte Zahlen der letzten fünf Jahre angeben)?")
    assert doc.answers[3].startswith("2021: 19 340")


def test_bracket_opened_in_a_question_closes_in_it() -> None:
    """Landtag 19/11277 answered as a whole after its questions: question 6's request "(s. /
    Seite 8 des BKA-Berichts für das Jahr 2023)." stays in it, so the one answer is the text after
    the last question (main: "Seite 8 …" read as question 6's answer, two answers)."""
    doc = parse_text(_whole(GEWALT))
    answers = [answer for answer in doc.answers if answer.strip()]
    assert len(doc.questions) == 9
    assert doc.questions[5].endswith("(s. Seite 8 des BKA-Berichts für das Jahr 2023).")
    assert len(answers) == 1
    assert answers[0].startswith(HAND[GEWALT][1])


def test_wrapped_sub_question_stays_in_its_question() -> None:
    """Landtag 19/11167 answered as a whole: question 9's sub-questions "a) Welche Formate …
    vorgese-" / "hen? …" / … "b) In etwa welchem …?" stay inside it on their own lines, not read
    as its answer (main: "b) In etwa …" was question 9's answer, two answers)."""
    doc = parse_text(_whole(SCHULMEDIEN))
    answers = [answer for answer in doc.answers if answer.strip()]
    assert len(doc.questions) == 14
    assert "\nb) In etwa welchem zeitlichen Rahmen" in doc.questions[8]
    assert doc.questions[8].endswith("gegebenenfalls einbezogen werden?")
    assert len(answers) == 1


FERNBUS = "dresden-AF0028-14-antwort-cdu-fernbuslinien"


def test_run_together_unnumbered_questions_are_answered_one_by_one() -> None:
    """Dresden AF2022/13 unnumbered, every page run into one line: five questions, each answered
    by the statements after its "?" (main: the answers read as questions, none answered)."""
    doc = parse_text(flat(_variant(GEZ, UNNUMBERED)))
    assert len(doc.questions) == len(doc.answers) == 5
    assert doc.questions[0].startswith("Wie hoch waren die in der Stadtverwaltung angefallenen")
    assert doc.answers[0].startswith(HAND[GEZ][1])
    assert doc.answers[1].startswith("Über die Höhe des zu entrichteten Rundfunkbeitrages")
    assert doc.answers[4] == "Diese Auffassung wird gegenwärtig durch das Rechtsamt geprüft."


def test_answer_keeps_no_lead_in_of_the_letter() -> None:
    """Dresden AF0028/14: the inquiry quoted whole, then a letter answering in one text, run into
    one line per page: the one answer opens with its own words, not with "Ihre Anfrage
    beantworte ich wie folgt:" (main: the lead-in opened it)."""
    text = corpus_path(FERNBUS, "dev").read_text("utf-8")
    cut = segments(text, dev_label(FERNBUS)["questions"])
    assert cut is not None
    doc = parse_text(flat(quoting_variants(*cut)["inquiry whole, then letter: whole"][0]))
    answers = [answer for answer in doc.answers if answer.strip()]
    assert len(doc.questions) == 2
    assert len(answers) == 1
    assert answers[0].startswith(HAND[FERNBUS][1])
