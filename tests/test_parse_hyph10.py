"""A run-together text printed to a PDF reads as its original (issue 11, tenth round, `relines`).

A text whose lines were run together (bench.text_shapes "flat") and then printed the "paged" way
(standins/pdf_render.py: about 75 characters a line, words hyphenated at the line end, a running
head and a "Seite N von M" foot) comes back from pdfium with the line break after each hyphenated
word dropped: a page of 80-character lines also holds lines of 150 to 240 characters. Such a line
set the page's printed width, so no 80-character line counted as filled and no paragraph was
joined. The committed Dresden and Nordstemmen documents in that shape give the fields their labels
record (read off the documents by hand, tests/corpus/dev/*.json); the document tests fail on main
c6c7feb.
"""

from __future__ import annotations

from pathlib import Path

from bench.text_shapes import flat, flat_hyphenated
from fetcher.model import ParsedDocument
from fetcher.parse import parse_pdf_file, parse_text
from fetcher.parse.reline_paragraphs import joined_lines, printed_width, running_heads
from standins.pdf_render import render_paged_text
from tests.corpus_data import assert_reads_as_labelled, corpus_path, dev_label


def _flat_paged(tmp_path: Path, name: str) -> ParsedDocument:
    text = flat(corpus_path(name, "dev").read_text("utf-8"))
    doc = parse_pdf_file(render_paged_text(text, tmp_path / "paged.pdf"))
    assert doc.parse_status == "ok", doc.parse_error
    return doc


def test_flat_paged_form_with_sixteen_questions_reads_as_printed(tmp_path: Path) -> None:
    """Dresden AF2006/13 (Grüne, Schulbaumaßnahmen), flat and printed: sixteen numbered questions,
    the sixteenth 'Kann die Oberbürgermeistern sicherstellen …'."""
    name = "dresden-AF2006-13-anfrage-gruene-schulbaumassnahmen"
    doc = _flat_paged(tmp_path, name)
    assert_reads_as_labelled(doc, dev_label(name))
    assert doc.questions[15].startswith("Kann die Oberbürgermeistern sicherstellen")


def test_flat_paged_answer_letter_quoting_two_questions(tmp_path: Path) -> None:
    """Dresden AF0028/14 (answer to the CDU, Fernbuslinien), flat and printed: an answer with
    the two quoted questions, the first 'Wie viele Konzessionen (Inland und Ausland) …'."""
    name = "dresden-AF0028-14-antwort-cdu-fernbuslinien"
    assert_reads_as_labelled(_flat_paged(tmp_path, name), dev_label(name))


def test_flat_paged_oral_inquiry_in_a_quotation(tmp_path: Path) -> None:
    """Dresden mAF0369/13 (FDP, Eissaison), flat and printed: its two questions inside the
    quotation under 'Fragen:', the first 'Warum war es nicht möglich, die Eishalle …'."""
    name = "dresden-mAF0369-13-muendliche-anfrage-fdp-eissaison"
    assert_reads_as_labelled(_flat_paged(tmp_path, name), dev_label(name))


def test_flat_paged_form_with_six_questions(tmp_path: Path) -> None:
    """Dresden AF2015/13 (Die Linke, Stromsperren), flat and printed: six questions, the first
    'Wie viele Haushalte in Dresden waren im Jahr 2011 und 2012 von Stromsperren …'."""
    name = "dresden-AF2015-13-anfrage-linke-stromsperren"
    assert_reads_as_labelled(_flat_paged(tmp_path, name), dev_label(name))


def test_flat_paged_letter_with_lettered_questions(tmp_path: Path) -> None:
    """Nordstemmen DS 34/2023 (Grüne, Mehrzweckhalle), flat and printed: a letter whose five
    questions are lettered a) … e), not the '1. … 2. …' alternatives before them."""
    name = "nordstemmen-DS-34-2023-anfrage-gruene-mehrzweckhalle"
    doc = _flat_paged(tmp_path, name)
    assert_reads_as_labelled(doc, dev_label(name))


def test_flat_paged_answer_letter_goes_on_under_the_running_head(tmp_path: Path) -> None:
    """Dresden AF2250/13 (answer to Die Linke, Schallschutz), flat and printed: page 2 opens with
    the running head over '… 3. „ist vorgesehen, die Mitglieder …' (the list expected after page
    1's '2.', after the flat text's page number): three quoted questions, not two."""
    name = "dresden-AF2250-13-antwort-linke-schallschutz-kleingaerten"
    doc = _flat_paged(tmp_path, name)
    assert len(doc.questions) == dev_label(name)["questions"] == 3
    assert doc.questions[0].startswith(str(dev_label(name)["first_question_start"]))
    assert doc.questions[2].startswith("ist vorgesehen, die Mitglieder der Kleingartensparten")


def test_flat_paged_landtag_answer_finds_the_items_after_a_table_and_a_page_number(
    tmp_path: Path,
) -> None:
    """Landtag Drs. 19/11168 (CDU, Oberschulen Uelzen), flat and printed: '… 82,7 3. Welche
    Maßnahmen hat …' after a table's last cell and '… Drucksache 19/11168 4 4. Welche Maßnahmen
    wird …' after the page number: four questions."""
    name = "LANDTAG-niedersachsen-19-11168-kleine-anfrage-mit-antwort"
    doc = _flat_paged(tmp_path, name)
    assert_reads_as_labelled(doc, dev_label(name))
    assert doc.questions[2].startswith("Welche Maßnahmen hat die Landesregierung gegebenenfalls")


def test_flat_paged_landtag_answer_with_zu_frage_at_a_line_start(tmp_path: Path) -> None:
    """Landtag Drs. 19/11160 (AfD, re:publica), flat and printed: 'Siehe Antwort' / 'zu Frage 3.
    6. Welche Mitarbeiter …' goes on over the line start, and '… 19/11160 4 9. Welche
    Erkenntnisse …' follows '8.' inside the paragraph after the page number: ten questions."""
    name = "LANDTAG-niedersachsen-19-11160-kleine-anfrage-mit-antwort"
    doc = _flat_paged(tmp_path, name)
    assert len(doc.questions) == dev_label(name)["questions"] == 10
    assert doc.questions[5].startswith("Welche Mitarbeiter oder Funktionsträger des NDR")
    assert doc.questions[8].startswith("Welche Erkenntnisse liegen der Landesregierung")


def test_flat_paged_first_item_before_a_paragraph_that_opens_with_the_second(
    tmp_path: Path,
) -> None:
    """Landtag Drs. 19/11223 (CDU, Radweg L 48), flat and printed: '… nicht von der NLStBV
    beplant. 1. Wie bewertet …' sits inside a paragraph whose next printed line opens with
    '2. Welche Prüfungen …': six questions, the first 'Wie bewertet die Landesregierung …'."""
    name = "LANDTAG-niedersachsen-19-11223-kleine-anfrage-mit-antwort"
    assert_reads_as_labelled(_flat_paged(tmp_path, name), dev_label(name))


def test_flat_paged_paragraph_opening_with_a_label_holds_the_next_one(tmp_path: Path) -> None:
    """Landtag Drs. 19/11267 (CDU, Feuerwehr-Lehrgänge), flat and printed: the paragraph that
    opens with '12. Wie bewertet …' holds '… 19/11267 4 13. Welche Erkenntnisse …' after the
    page number and is joined: questions 12 to 15 are all found, one after the other."""
    doc = _flat_paged(tmp_path, "LANDTAG-niedersachsen-19-11267-kleine-anfrage-mit-antwort")
    starts = [
        "Wie bewertet die Landesregierung gegebenenfalls mögliche Aus",
        "Welche Erkenntnisse liegen gegebenenfalls über Kommunen vor,",
        "Auf welcher Datengrundlage bewertet die Landesregierung die",
        "Wie beurteilt die Landesregierung gegebenenfalls die eigene",
    ]
    found = [next(i for i, q in enumerate(doc.questions) if q.startswith(s)) for s in starts]
    assert found == list(range(found[0], found[0] + 4))


def test_running_head_of_a_later_page_is_found() -> None:
    """A later page's first line that continues the first page's first line, or that repeats
    another later page's first line (numbers aside), is a running head; body text is not."""
    first = "Niedersächsischer Landtag – 19. Wahlperiode Drucksache 19/11168 1 Kleine\nAnfrage …"
    head = "Niedersächsischer Landtag – 19. Wahlperiode Drucksache 19/11168 1 Kleine Anfrage zur"
    body = "berechtigt ist, dem Auskunftsverlangen nicht zu entsprechen (Artikel 24 Abs. 3 Satz"
    assert running_heads([first, f"{head}\n{body}", f"\n{body}"]) == [None, 0, None]
    pages = ["Anfrage der CDU\nText", "Seite 2 – Drs. 7/12\nText", "Seite 3 – Drs. 7/12\nText"]
    assert running_heads(pages) == [None, 0, 0]


def test_printed_width_is_not_set_by_lines_joined_at_a_hyphen() -> None:
    """Lines of two printed lines (pdfium joined them at a hyphenated word) do not widen the
    page; a page whose widest lines are most of its long lines keeps its widest line."""
    printed = "Antwort des Niedersächsischen Ministeriums für Inneres, Sport und Digitalisierung"
    joined = (
        "11.06.2026 wurde u. a. thematisiert, ob und in welchem Umfang Unterorganisationen der "
        "Partei Die Linke, Landesverband Niedersachsen, vom Verfassungsschutz beobachtet werden"
    )
    assert printed_width([printed] * 6 + [joined] * 2 + ["Seite 1 von 2"]) == len(printed)
    assert printed_width([printed[:70]] * 2 + [printed] + ["Seite 1 von 2"]) == len(printed)


def _flat_hyphenated(name: str) -> ParsedDocument:
    return parse_text(flat_hyphenated(corpus_path(name, "dev").read_text("utf-8")))


def test_flathyph_answer_letter_joins_the_hyphenated_word_of_its_list() -> None:
    """Dresden AF2803/14 answer (Grüne, Videokameras), flat, wrapped at 75 and hyphenated: its
    paragraph joins '… Eigentü-' / 'merin des Flurstücks 457/8?' as one word, and the letter
    reads as an answer with its four quoted questions' first 'Sind der Stadtverwaltung …'."""
    name = "dresden-AF2803-14-antwort-gruene-videokameras-flurstueck"
    doc = _flat_hyphenated(name)
    assert doc.kind == dev_label(name)["kind"] == "Antwort"
    assert doc.questions[0].startswith(str(dev_label(name)["first_question_start"]))


def test_flathyph_landtag_answer_reads_its_twenty_questions() -> None:
    """Landtag Drs. 19/11226 (AfD, Ärzte mit ausländischem Abschluss), flat, wrapped at 75 and
    hyphenated: twenty questions, the first 'Wie viele Ärzte mit ausländischem …'."""
    name = "LANDTAG-niedersachsen-19-11226-kleine-anfrage-mit-antwort"
    doc = _flat_hyphenated(name)
    assert len(doc.questions) == dev_label(name)["questions"] == 20
    assert doc.questions[0].startswith(str(dev_label(name)["first_question_start"]))


def test_joined_paragraph_drops_a_line_end_hyphen_but_keeps_a_compound() -> None:
    """A paragraph's lines join as text.join_lines joins them: 'Eigentü-' + 'merin' is one word,
    'CDU-' + 'Fraktion' keeps its hyphen, 'Straßen-' + 'und' keeps hyphen and space."""
    lines = ["Ist die Stadt Eigentü-", "merin? Die CDU-", "Fraktion fragt: Straßen-", "und Tiefbau"]
    text, starts = joined_lines(lines)
    assert text == "Ist die Stadt Eigentümerin? Die CDU-Fraktion fragt: Straßen- und Tiefbau"
    assert [text[start:].split()[0] for start in starts] == ["Ist", "merin?", "Fraktion", "und"]
