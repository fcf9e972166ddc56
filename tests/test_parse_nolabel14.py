"""Question lists without labels: one question after another, in an inquiry and in an answer
document that answers each below it; a question of two sentences on one line stays one.

Texts: real dev documents whose question labels bench.list_variants' "no label" variant removed
(each question joined onto one line), in a shape of bench.text_shapes where named. Dresden
inquiries (tests/corpus/dev/, committed) run everywhere; Landtag and Karlsruhe documents come from
the corpus snapshots (skipped without ../.mirror). Every document test but the guards fails on
main cc89254's parser.
"""

from __future__ import annotations

from fetcher.parse import parse_text
from fetcher.parse.printed_paragraphs import one_question_line
from fetcher.parse.question_lines import asked_head, question_lines
from tests.corpus_data import corpus_path, dev_label
from tests.list_variant_cases import list_variant, questions_as_labelled

SCHULBAU = "dresden-AF2006-13-anfrage-gruene-schulbaumassnahmen"
NACHTSTROM = "karlsruhe-2013-0017-anfrage-fdp-nachtstromspeicher"
KINDERPSYCHIATRIE = "LANDTAG-niedersachsen-19-11158-kleine-anfrage-mit-antwort"
EINWEISUNG = "LANDTAG-niedersachsen-19-11159-kleine-anfrage-mit-antwort"
KULTURKOMMISSION = "LANDTAG-niedersachsen-19-11238-kleine-anfrage-mit-antwort"
KITA_HYGIENE = "nordstemmen-2018-11-27-anfrage-gruene-kita-hygiene"


def test_a_long_line_of_several_sentences_is_one_question() -> None:
    """Sixteen unlabelled questions, one a line, the fifth "Wie sieht … aus? Ich bitte um …
    Gibt es dafür ein standardisiertes Verfahren?" over 250 characters: sixteen questions, the
    fifth whole, and none of its sentences a question of its own."""
    text = list_variant(SCHULBAU, "no label")
    questions = questions_as_labelled(SCHULBAU, text)
    assert questions[4].startswith("Wie sieht der konkrete Ablauf")
    assert questions[4].endswith("Gibt es dafür ein standardisiertes Verfahren?")
    assert not any(q.startswith("Ich bitte um eine konkrete") for q in questions)


def test_questions_below_the_title_without_a_lead_in_are_the_list() -> None:
    """Three unlabelled questions right below a Karlsruhe form's head (no "Wir fragen:"): the
    first question is its own sentence, not the head's cells run into it."""
    questions = questions_as_labelled(NACHTSTROM, list_variant(NACHTSTROM, "no label"))
    assert not any(q.startswith("TOP") for q in questions)


def test_an_answer_document_without_numbers_reads_each_question_above_its_answer() -> None:
    """A Landtag answer repeating 24 questions without numbers, each answered below it; its title
    ends in "?" above the Vorbemerkung: 24 questions, the title none of them, no answer in one."""
    doc = parse_text(list_variant(KINDERPSYCHIATRIE, "no label"))
    label = dev_label(KINDERPSYCHIATRIE)
    assert len(doc.questions) == label["questions"]
    assert doc.questions[0].startswith(label["first_question_start"])
    assert all(q.endswith("?") for q in doc.questions)
    assert not any("Widersprüchliche Angaben" in q for q in doc.questions)


def test_an_answer_s_numbered_lines_do_not_beat_the_unlabelled_questions() -> None:
    """The answer to the first question lists "1. Einstiegsamt …" and "2. Einstiegsamt …"
    (wrapped pay grades): the 13 unlabelled questions are the list, not those two lines."""
    questions_as_labelled(EINWEISUNG, list_variant(EINWEISUNG, "no label"))


def test_a_follow_up_on_its_own_line_stays_with_its_question() -> None:
    """The question "Werden Empfehlungen … dokumentiert?", then "Wenn ja, in welcher Form? Wenn
    nein, warum nicht?" on the next line, no answer between: one question (24, not 25)."""
    questions = questions_as_labelled(KULTURKOMMISSION, list_variant(KULTURKOMMISSION, "no label"))
    assert not any(q.startswith("Wenn ja") for q in questions)


def test_an_answer_run_into_its_question_s_paragraph_is_cut_off() -> None:
    """One line per paragraph puts the answer right after its question: the question ends at its
    last "?", and a line that only asks, or opens with a statement, has no such head."""
    line = "Wie hoch sind die Landesmittel? Falls ja, woher? Es wird auf Frage 1 verwiesen."
    assert line[: asked_head(line)] == "Wie hoch sind die Landesmittel? Falls ja, woher?"
    assert asked_head("Wie hoch sind die Landesmittel? Wann fließen sie?") == 0
    assert asked_head("Die Mittel sind bekannt. Wie hoch sind sie?") == 0


def test_a_paragraph_of_questions_without_printed_lines_beside_it_is_still_broken() -> None:
    """Guard: the over-long line stays whole only beside a printed line; a paragraph between blank
    lines (one line per paragraph) or a page on one line is broken after each "?" as before."""
    long = "Wie viele Anträge wurden gestellt? " * 8 + "Wann wird entschieden?"
    assert one_question_line(["Fragen:", long, "Welche Kosten entstehen?"], 1)
    assert not one_question_line(["", long, ""], 1)
    assert not one_question_line([long], 0)
    assert not one_question_line(["Fragen:", long + " Danke."], 1)


def test_two_questions_alone_need_an_asking_opening_and_a_statement_ends_an_inquiry_s_list() -> (
    None
):
    """Guard: two lines ending in "?" that do not open asking are no list; in an inquiry the
    first line that states ends the list, in an answer document it is the answer (questions
    answered together each stay one)."""
    assert question_lines(["Rückfrage?", "Noch eine?"], 0) is None
    lines = ["Wie viele?", "Wann?", "Das ist die Antwort.", "Wo?", "Dort.", "Warum?", "Darum."]
    found = question_lines(lines, 0)
    assert found is not None
    assert found[1] == [["Wie viele?"], ["Wann?"]]
    answered = question_lines(lines, 0, answered=True)
    assert answered is not None
    assert answered[1] == [
        ["Wie viele?"],
        ["Wann?", "Das ist die Antwort."],
        ["Wo?", "Dort."],
        ["Warum?", "Darum."],
    ]


def test_a_letter_run_together_reads_its_questions_after_im_einzelnen() -> None:
    """Guard: a Nordstemmen letter run together (flat) asks six questions after "Im Einzelnen:",
    the last before "? und -anschließende Berichterstattung …": six, the first without the
    letter's head, the last ending at its "?"."""
    from bench.text_shapes import SHAPES

    text = SHAPES["flat"](corpus_path(KITA_HYGIENE, "dev").read_text("utf-8"))
    questions = questions_as_labelled(KITA_HYGIENE, text)
    assert questions[-1].endswith("Aufsichtsbehörde des Landkreises?")


WAKEBOARD = "LANDTAG-niedersachsen-19-11143-kleine-anfrage-mit-antwort"
SCHADSTELLEN = "LANDTAG-niedersachsen-19-11224-kleine-anfrage-mit-antwort"
SCHANDAUER = "dresden-mAF0011-14-antwort-cdu-schandauer-strasse"


def test_an_answer_document_run_together_reads_the_question_that_closes_each_line() -> None:
    """A Landtag answer without numbers with every page on one line (flat), broken again after
    each "?": each piece is the answer above and the next question, the page number "2" stands
    between; seven questions, the first after the Vorbemerkung, not the title."""
    questions = questions_as_labelled(WAKEBOARD, list_variant(WAKEBOARD, "no label", "flat"))
    assert not any("Genehmigungen und laufenden Verfahren" in q for q in questions)  # the title


def test_a_question_answered_by_a_table_in_its_paragraph_is_cut_off_the_table() -> None:
    """One line per paragraph: "Wie viele Ausschreibungen … (bitte … tabellarisch darstellen)?
    rGB Haushaltsjahr (HJ) …": the question ends at its "?", the table is its answer; eight."""
    questions_as_labelled(SCHADSTELLEN, list_variant(SCHADSTELLEN, "no label", "para"))


def test_unlabelled_lines_below_a_labelled_question_stay_in_its_item() -> None:
    """Guard: an answer letter quoting "1. Welchen Sachstand …?" with two more questions on the
    lines below, then "2. „Welche …?"" (run together): two questions, not the lines below "1."."""
    from bench.text_shapes import SHAPES

    text = SHAPES["flat"](corpus_path(SCHANDAUER, "dev").read_text("utf-8"))
    assert len(parse_text(text).questions) == dev_label(SCHANDAUER)["questions"]


SPENDEN = "dresden-mAF0013-14-muendliche-anfrage-afd-spenden-hochwasser"


def test_a_salutation_below_the_lead_in_is_no_part_of_the_first_question() -> None:
    """A lead-in "Fragen:", the salutation below it, three unlabelled questions: the first
    question opens at "Nach welchen Kriterien", the salutation is none of it."""
    questions_as_labelled(SPENDEN, list_variant(SPENDEN, "no label"))


UNTERRICHT = "LANDTAG-niedersachsen-19-11168-kleine-anfrage-mit-antwort"
LOESCHWASSER = "LANDTAG-niedersachsen-19-11267-kleine-anfrage-mit-antwort"


def test_a_dash_question_after_a_table_cell_or_an_unended_answer_opens_its_line() -> None:
    """Landtag answers with dash lists run together (flat): "… OBS Uelzen … 82,7 – Welche
    Maßnahmen …?" after a table's last cell, "… verwiesen – Werden …?" after an answer without
    its full stop: each dash that asks up to its "?" opens an item (4 and 22 questions)."""
    for name in (UNTERRICHT, LOESCHWASSER):
        questions_as_labelled(name, list_variant(name, "– en dash", "flat"))
