"""The question list whatever the shape (issue 11, tenth round, `glued_items`).

Real documents brought into the shapes other extractors deliver (bench.text_shapes: "para", one
line per paragraph; "flat", every page one line) keep their list only in the words: a label after
a page number ("4 7. Welche …"), after a section heading ("I. Sanierungsstand … 1. Welche …"), at
the end of the item before it ("… eingerichtet? 11.)"), a closing after the last question, a
question and its answer in one line. Counts and first questions are the labels read off the
documents (tests/corpus/dev/*.json); the Landtag texts come from the fetched snapshot (skipped
without ../.mirror), the Dresden texts are committed. Every document test fails on main c6c7feb.
"""

from __future__ import annotations

from bench.text_shapes import flat, paragraphs
from fetcher.parse import parse_text
from fetcher.parse.glued_items import split_glued_items
from tests.corpus_data import assert_reads_as_labelled, corpus_path, dev_label
from tests.fixtures_path import OPARL_FIXTURES


def _folded(questions: tuple[str, ...]) -> list[str]:
    return [" ".join(question.split()) for question in questions]


def _read(name: str) -> str:
    return corpus_path(name, "dev").read_text("utf-8")


def test_page_number_before_the_next_label_continues_the_list() -> None:
    """Landtag Drs. 19/11161, one line per paragraph: page 4 opens with '4 7. Welche …', and the
    list goes on at 7: twenty questions, the first 'Welche konkreten Gründe …'."""
    name = "LANDTAG-niedersachsen-19-11161-kleine-anfrage-mit-antwort"
    doc = parse_text(paragraphs(_read(name)))
    assert_reads_as_labelled(doc, dev_label(name))
    assert doc.questions[6].startswith("Welche Verpflichtungen bestehen für freie")


def test_section_heading_run_into_the_first_question() -> None:
    """Landtag Drs. 19/11266, one line per paragraph: 'I. Sanierungsstand, Auftragslage und
    operative Risiken 1. Welche konkreten Sanierungsziele …?': the heading is no part of question
    1, and all 21 questions are read."""
    name = "LANDTAG-niedersachsen-19-11266-kleine-anfrage-mit-antwort"
    doc = parse_text(paragraphs(_read(name)))
    assert len(doc.questions) == dev_label(name)["questions"] == 21
    assert doc.questions[0].startswith("Welche konkreten Sanierungsziele")


def test_question_and_answer_in_one_line_keep_the_follow_up_question() -> None:
    """Landtag Drs. 19/11141, one line per paragraph: '10. Wurden … abgeschlossen? Falls ja, mit
    welchem Ergebnis? Es wird auf die Antwort zu Frage 3 verwiesen.' asks twice, then answers."""
    name = "LANDTAG-niedersachsen-19-11141-kleine-anfrage-mit-antwort"
    doc = parse_text(paragraphs(_read(name)))
    assert len(doc.questions) == dev_label(name)["questions"] == 10
    assert doc.questions[9].endswith("abgeschlossen? Falls ja, mit welchem Ergebnis?")
    assert doc.answers[9].startswith("Es wird auf die Antwort zu Frage 3 verwiesen.")


def test_label_at_the_end_of_the_item_before_it() -> None:
    """Dresden AF2029/13, one line per paragraph: '10.) Welche Kosten …? 11.)' with question 11 in
    the next paragraph, and so on to 15.): twenty questions, as printed."""
    name = "dresden-AF2029-13-anfrage-gruene-wohnheim-wetterwarte"
    text = _read(name)
    doc = parse_text(paragraphs(text))
    assert_reads_as_labelled(doc, dev_label(name))
    assert doc.questions[10] == "Welche Auswirkungen hätte dies auf die Gesamt-Platz-Kapazität?"
    assert _folded(doc.questions) == _folded(parse_text(text).questions)


def test_closing_in_the_line_of_the_last_question_ends_it() -> None:
    """Dresden AF2515/13, one line per paragraph: '… und verbleibe mit freundlichen Grüßen' is
    the letter's close; question 7 ends before the greeting and the name, as in the original."""
    name = "dresden-AF2515-13-anfrage-fdp-kreisverkehre"
    text = _read(name)
    doc = parse_text(paragraphs(text))
    assert_reads_as_labelled(doc, dev_label(name))
    assert "Grüßen" not in doc.questions[6]
    assert _folded(doc.questions) == _folded(parse_text(text).questions)


def test_answer_letter_with_the_context_run_into_label_one() -> None:
    """Dresden mAF0011/14 (an OCR'd answer letter), one line per paragraph: '… der Presse zu
    entnehmen. 1.' then 'Welchen Sachstand …?'; '… Verzug. 2.' then '„Welche relevanten …':
    two questions, the first one without the quoted context."""
    name = "dresden-mAF0011-14-antwort-cdu-schandauer-strasse"
    doc = parse_text(paragraphs(_read(name)))
    assert len(doc.questions) == dev_label(name)["questions"] == 2
    assert doc.questions[0].startswith(str(dev_label(name)["first_question_start"]))


def test_quoted_labels_run_together_in_an_answer_letter() -> None:
    """Dresden AF2040/13 (answer letter) with every page on one line: '… Instandsetzungsarbeiten
    durch. 1. Warum konkret …?' and '… beeinflusst. „2. Welche …': five questions, the first
    without the quoted context."""
    name = "dresden-AF2040-13-antwort-schloss-albrechtsberg"
    doc = parse_text(flat(_read(name)))
    assert len(doc.questions) == dev_label(name)["questions"] == 5
    assert doc.questions[0].startswith(str(dev_label(name)["first_question_start"]))


def test_numbers_in_prose_stay_in_their_line() -> None:
    """Guard: an ordinal, a law's paragraph and a date are no labels ('am 2. Mai', 'Abs. 2.
    Satz 1', 'Seit dem 1. Juli'): lines in the way the Landtag answers write them stay whole."""
    lines = [
        "1. Wie viele Wohnungen gibt es am 2. Mai im Heim?",
        "Das regelt § 4 Abs. 2. Satz 1 gilt nicht. Seit dem 1. Juli 2013 gilt es.",
        "2. Welche Kosten entstehen bis zum 31. Dezember?",
    ]
    assert split_glued_items(lines) == lines


def _count_and_first(doc_questions: tuple[str, ...], name: str) -> None:
    label = dev_label(name)
    assert len(doc_questions) == label["questions"]
    assert doc_questions[0].startswith(str(label["first_question_start"]))


def test_page_number_alone_between_running_head_and_answer_is_no_item() -> None:
    """Landtag Drs. 19/11184 with every page on one line: 'Drucksache 19/11184' / '2' / the
    answer's text / … / '2. Welche Kapazitäten …?': the '2' alone is the page, four questions."""
    name = "LANDTAG-niedersachsen-19-11184-kleine-anfrage-mit-antwort"
    _count_and_first(parse_text(flat(_read(name))).questions, name)


def test_first_label_after_a_footnote_mark() -> None:
    """Landtag Drs. 19/11192 with every page on one line: '… hinke dem Erzeugungsausbau deutlich
    hinterher.3 1. Wie viele GWh …': the footnote mark ends the sentence, twelve questions."""
    name = "LANDTAG-niedersachsen-19-11192-kleine-anfrage-mit-antwort"
    _count_and_first(parse_text(flat(_read(name))).questions, name)


def test_next_label_after_a_dotted_word_before_an_asking_opening() -> None:
    """Landtag Drs. 19/11180 with every page on one line: '… Einflussnahme jedweder Art. 20.
    Welche Rolle hatte …?' continues the list at 20: 36 questions."""
    name = "LANDTAG-niedersachsen-19-11180-kleine-anfrage-mit-antwort"
    doc = parse_text(flat(_read(name)))
    assert len(doc.questions) == dev_label(name)["questions"] == 36
    assert doc.questions[19].startswith("Welche Rolle hatte nach Auskunft der Landesregierung")


def test_heading_word_run_into_a_lettered_first_item() -> None:
    """Karlsruhe Durlach 2019 (Freie Wähler, Verkehrstest), one line per paragraph: 'Anfrage A.
    Wie lange dauert …?' above 'B. Worin liegt …': four questions, 'Anfrage' no part of A."""
    name = "karlsruhe-2019-or-durlach-anfrage-fw-verkehrstest"
    _count_and_first(parse_text(paragraphs(_read(name))).questions, name)


def test_next_label_after_an_amount_in_an_answer_notice() -> None:
    """Nordstemmen DS 70/2011 (Mitteilungsvorlage answering the CDU), one line per paragraph:
    '… Gewinn 21.652,40 € 2. Wie viele Grundstücke …?' and '- 2 - 4. Welche …': five questions,
    each up to its '?' before the answer."""
    name = "nordstemmen-DS-70-2011-antwort-cdu-baugrundstuecke"
    doc = parse_text(paragraphs(_read(name)))
    _count_and_first(doc.questions, name)
    assert doc.questions[1] == (
        "Wie viele Grundstücke davon wurden zum reduzierten Baulandpreis veräußert?"
    )


def test_lettered_first_item_after_the_context_in_a_stellungnahme() -> None:
    """Karlsruhe Stellungnahme 2016/0760 with every page on one line: '… eine Feinstaubmess-
    einrichtung installiert. A) Wann wurde …?' then 'B) …?' 'C) …?': three questions."""
    name = "karlsruhe-2016-0760-stellungnahme-fw-feinstaub-turmberg"
    _count_and_first(parse_text(flat(_read(name))).questions, name)


def test_subscript_two_is_no_list_item() -> None:
    """Karlsruhe Stellungnahme 624641 as printed: '… Kompensation von CO' / '2' / 'investiert?'
    (a subscript on its own line) is question 1 whole; '2. Für welche …' is question 2."""
    text = (OPARL_FIXTURES / "karlsruhe" / "file-contents" / "624641.txt").read_text("utf-8")
    doc = parse_text(text)
    assert len(doc.questions) == 5
    assert doc.questions[0].endswith(
        "CO 2 investiert? Wie viele Tonnen CO 2 wurden dadurch kompensiert?"
    )
    assert doc.questions[1] == "Für welche Aktivitäten/Bereiche werden Kompensationen geleistet?"


def test_running_head_run_into_the_next_lettered_item() -> None:
    """Karlsruhe 2015/0499 (Freie Wähler, Kombilösung) with every page on one line: '… mit welchem
    Ergebnis? Seite 2 ____ G. Setzte sich …' continues A.–F. at G.: ten questions, G. the item
    that asks about the cost overrun."""
    name = "karlsruhe-2015-0499-anfrage-fw-kombiloesung-wirtschaftlichkeit"
    doc = parse_text(flat(_read(name)))
    _count_and_first(doc.questions, name)
    assert doc.questions[6].startswith("Setzte sich die damals festgestellte Kostenüberschreitung")


def test_question_label_run_into_the_answer_before_it() -> None:
    """Karlsruhe Stellungnahme 2018/0649 with every page on one line: '… sind der Stadt nicht
    bekannt. Frage 2 + 3: Was hält …?' opens the next block: three questions, as printed."""
    name = "karlsruhe-2018-0649-stellungnahme-linke-schulversicherungen"
    _count_and_first(parse_text(flat(_read(name))).questions, name)


def test_first_label_after_a_title_when_the_item_asks() -> None:
    """Karlsruhe Stellungnahme 2010 (Die Linke, erneuerbare Energien) with every page on one
    line: '… Entwicklung und Ausbaumöglichkeiten 1. Wie hat sich …?' then '… kWh/a 2. Wie hat
    sich der Anteil …?': six questions, the first without the form's title."""
    name = "karlsruhe-2010-stellungnahme-linke-erneuerbare-energien"
    _count_and_first(parse_text(flat(_read(name))).questions, name)


def test_answer_block_label_is_no_glued_first_item() -> None:
    """Guard: 'Zu 1.) Welche Aufgaben …?' heads an answer block (Karlsruhe Stellungnahmen):
    the number after 'Zu' stays with it."""
    line = "Die Psychiatriekoordination ist eine Aufgabe. Zu 1.) Welche Aufgaben hat sie?"
    assert split_glued_items([line, "Zu 2.) Wie wird das gesehen?"])[0] == line
