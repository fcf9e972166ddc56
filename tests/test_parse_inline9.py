"""A list run into printed paragraphs reads as its original (issue 11, ninth round, `relines`).

A run-together text printed to a PDF comes back as printed-width lines (bench.text_shapes
"flatwrap": every page one line, then wrapped at 90 characters), so no line is over
LONG_LINE_CHARS and the list labels sit inside the lines. The committed Dresden and Nordstemmen
documents in that shape give the kind, reference, factions, question count and first question
their labels record (read off the documents by hand, tests/corpus/dev/*.json). The other document
tests and the inline-list test fail on main 2b0c7da; AF2515/13 (a label continuing the previous
page's list, which a first draft lost) and the guards pass on both.
"""

from __future__ import annotations

from bench.text_shapes import flat_wrapped, wrapped
from fetcher.model import ParsedDocument
from fetcher.parse import parse_text
from fetcher.parse.relines import LONG_LINE_CHARS, relined_pages
from tests.corpus_data import assert_reads_as_labelled, corpus_path, dev_label


def _flatwrapped(name: str) -> ParsedDocument:
    return parse_text(flat_wrapped(corpus_path(name, "dev").read_text("utf-8")))


def test_flatwrap_form_keeps_the_list_that_goes_on_over_the_page_break() -> None:
    """Dresden AF2515/13 (FDP, Kreisverkehre): seven questions; '7. Wird bei allen …' sits inside
    page 2's printed paragraph after '… b) …', continuing page 1's '6.', and is found."""
    name = "dresden-AF2515-13-anfrage-fdp-kreisverkehre"
    doc = _flatwrapped(name)
    assert_reads_as_labelled(doc, dev_label(name))
    assert doc.questions[6].startswith("Wird bei allen künftigen Straßenprojekten")


def test_flatwrap_form_with_sixteen_questions_reads_as_printed() -> None:
    """Dresden AF2006/13 (Grüne, Schulbaumaßnahmen): sixteen numbered questions from
    'Fragen:' on, the sixteenth 'Kann die Oberbürgermeistern sicherstellen …'."""
    name = "dresden-AF2006-13-anfrage-gruene-schulbaumassnahmen"
    doc = _flatwrapped(name)
    assert_reads_as_labelled(doc, dev_label(name))
    assert doc.questions[15].startswith("Kann die Oberbürgermeistern sicherstellen")


def test_flatwrap_oral_inquiry_inside_a_quotation_reads_as_printed() -> None:
    """Dresden mAF0369/13 (FDP, Eissaison): the oral inquiry's two numbered questions inside its
    quoted text, the first 'Warum war es nicht möglich, die Eishalle …'."""
    name = "dresden-mAF0369-13-muendliche-anfrage-fdp-eissaison"
    assert_reads_as_labelled(_flatwrapped(name), dev_label(name))


def test_flatwrap_answer_letter_with_quoted_questions_reads_as_printed() -> None:
    """Dresden AF2014/13 (answer to Die Linke, Rundfunkbeitrag): kind Antwort, reference
    AF2014/13 from the subject, three quoted numbered questions each before its answer."""
    name = "dresden-AF2014-13-antwort-rundfunkbeitrag-tabellen"
    assert_reads_as_labelled(_flatwrapped(name), dev_label(name))


def test_flatwrap_notice_keeps_its_number_and_fields() -> None:
    """Nordstemmen Mitteilungsvorlage DS 84/2007 (answer to the CDU): its header fields sit inside
    the printed lines; kind Antwort, reference 'DS 84/2007', faction CDU."""
    name = "nordstemmen-DS-84-2007-antwort-cdu-ablaufkanal"
    assert_reads_as_labelled(_flatwrapped(name), dev_label(name))


def test_wrapped_paragraph_with_dates_stays_byte_for_byte() -> None:
    """Dresden AF2010/13's introduction ('seit dem 1. Januar 2013 …', three times) wrapped at 90
    characters is over LONG_LINE_CHARS but holds no list: its lines come back as they were."""
    text = corpus_path("dresden-AF2010-13-anfrage-fdp-eeg-umlage", "dev").read_text("utf-8")
    pages = text.split("\f")
    assert relined_pages(pages) == pages
    start = text.index("seit dem 1. Januar 2013 gilt")
    intro = text[start : text.index("einige Fragen:", start)]
    page = wrapped(90)(" ".join(intro.split()))
    assert len(page) > LONG_LINE_CHARS
    assert page.count("\n") >= 4
    assert relined_pages([page]) == [page]


def test_wrapped_paragraph_with_am_2_mai_stays_as_it_is() -> None:
    """A printed paragraph that names dates ('am 2. Mai', 'zum 1. Juli') and a count
    ('Nr. 3') mid-line holds no list: nothing is joined or broken."""
    page = wrapped(90)(
        "Der Ausschuss hat am 2. Mai 2024 über die Vorlage beraten und sie an den Stadtrat"
        " verwiesen, der am 16. Mai 2024 entschieden hat. Die Satzung tritt zum 1. Juli 2024"
        " in Kraft; die Gebühren nach Nr. 3 der Anlage gelten ab dem 1. Januar 2025 für alle"
        " Einrichtungen der Stadt, auch für die Bibliotheken und die Musikschule."
    )
    assert len(page) > LONG_LINE_CHARS
    assert "\n" in page
    assert relined_pages([page]) == [page]


def test_inline_list_in_a_printed_paragraph_starts_its_items() -> None:
    """'Daher frage ich Sie: 1. Wie …? 2. Wann …?' printed over several lines: each item
    starts a line, the lead-in stays before them."""
    page = wrapped(90)(
        "Die Schulen im Stadtbezirk Nord sind seit Jahren überfüllt, und die Eltern fragen"
        " nach, wann sich daran etwas ändert. Daher frage ich Sie: 1. Wie viele Kinder"
        " besuchen die Grundschulen im Stadtbezirk Nord? 2. Wann wird die neue Grundschule"
        " gebaut? 3. Welche Kosten entstehen der Stadt dafür?"
    )
    lines = relined_pages([page])[0].split("\n")
    assert lines[-3:] == [
        "1. Wie viele Kinder besuchen die Grundschulen im Stadtbezirk Nord?",
        "2. Wann wird die neue Grundschule gebaut?",
        "3. Welche Kosten entstehen der Stadt dafür?",
    ]
