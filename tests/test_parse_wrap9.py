"""The same fields whatever the line width: real documents re-wrapped as narrow columns print them.

A PDF prints text in narrow columns, table cells and two columns: the same words then come in
more, shorter lines (bench.text_shapes "wrap50", "wrap40"). Windows around a list item are
measured in characters (fetcher.parse.markers.lines_before/lines_from), a stop heading is told
from wrapped prose by the line above. Texts: the dev corpus (Dresden texts are committed, the
others rebuilt from their fetched snapshots and skipped without them) and the Karlsruhe file
contents in ../shared/fixtures. Expected values were read off the documents; every test but the
closing guard fails on main 4c6875f's parser.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.text_shapes import SHAPES, wrapped
from fetcher.model import ParsedDocument
from fetcher.parse import parse_pdf_file, parse_text
from standins.pdf_render import render_paged_text
from tests.corpus_data import corpus_path
from tests.fixtures_path import OPARL_FIXTURES

SCHULBAU = "dresden-AF2032-13-anfrage-gruene-schulbau-zitate"


def _dev(name: str, shape: str | None = None) -> ParsedDocument:
    text = corpus_path(name, "dev").read_text("utf-8")
    return parse_text(SHAPES[shape](text) if shape else text)


@pytest.mark.parametrize("shape", ["wrap50", "wrap40"])
def test_sub_questions_far_below_their_number_stay_in_it(shape: str) -> None:
    """Dresden AF2032/13 quotes a newspaper for 15 narrow lines under '1.' before 'a) … g)': four
    numbered questions, each with its lettered sub-questions, not seven questions of item 1."""
    doc = _dev(SCHULBAU, shape)
    assert len(doc.questions) == 4
    assert doc.questions[0].startswith(
        "In der Sächsischen Zeitung wurde Bürgermeister Lehmann am 2.2. wie folgt zitiert"
    )
    assert "\na) Wie ist diese Aussage einzuordnen?" in doc.questions[0]
    assert "\ng) Was gedenkt die Oberbürgermeisterin zu tun" in doc.questions[0]
    assert doc.questions[3].startswith("Bürgermeister Lehmann soll der Presse nach")


def test_sub_questions_far_below_their_number_through_the_paged_pdf(tmp_path: Path) -> None:
    """Dresden AF2032/13 rendered as a paged PDF (a letter's width, hyphenated): four questions."""
    text = corpus_path(SCHULBAU, "dev").read_text("utf-8")
    doc = parse_pdf_file(render_paged_text(text, tmp_path / "paged.pdf"))
    assert len(doc.questions) == 4
    assert doc.questions[1].startswith(
        "In der Sächsischen Zeitung wurde Bürgermeister Lehmann weiter zitiert"
    )


def test_a_question_wrapped_over_five_lines_still_asks() -> None:
    """Niedersachsen 19/11143 at 40 characters: '1. Welche Genehmigungen …' reaches its '?' on the
    fifth line; the answer's 'Anlagen, die geeignet und bestimmt sind,' is prose, no heading."""
    doc = _dev("LANDTAG-niedersachsen-19-11143-kleine-anfrage-mit-antwort", "wrap40")
    assert len(doc.questions) == 7
    assert doc.questions[0] == (
        "Welche Genehmigungen und Erlaubnisse liegen nach Kenntnis der Landesregierung für die "
        "Wakeboardanlage und Nebenanlagen am Oyter See vor?"
    )


def test_a_closing_after_a_running_sentence_still_ends_the_list() -> None:
    """Dresden AF2515/13 at 40 characters: '… und verbleibe' / 'mit freundlichen Grüßen' closes the
    letter, signature out of the last question (guards the wrapped-prose rule; main passes)."""
    doc = _dev("dresden-AF2515-13-anfrage-fdp-kreisverkehre", "wrap40")
    assert "Grüßen" not in doc.questions[-1]
    assert doc.questions[-1].startswith(
        "Wird bei allen künftigen Straßenprojekten die Einrichtung von Kreisverkehren geprüft?"
    )


def test_a_stop_word_opening_a_wrapped_answer_line_is_prose() -> None:
    """Karlsruhe 614787: the answer to 3. runs on to '… fließen in die obige' / 'Begründung zu
    Ziffer 3 ein.': a sentence, not a 'Begründung' heading that ends it."""
    text = (OPARL_FIXTURES / "karlsruhe" / "file-contents" / "614787.txt").read_text("utf-8")
    doc = parse_text(text)
    assert doc.answers[-1].endswith("fließen in die obige Begründung zu Ziffer 3 ein.")


def test_a_lead_in_ending_with_the_number_is_not_the_first_question() -> None:
    """Karlsruhe 626784: 'Anfrage:' over a two-line statement, then '1. Sind der Ortsverwaltung …
    möglich ist?': the label is read above the statement (a window of characters, not of two
    lines), and the one question is the numbered one, without the statement."""
    text = (OPARL_FIXTURES / "karlsruhe" / "file-contents" / "626784.txt").read_text("utf-8")
    doc = parse_text(text)
    assert doc.questions == (
        "Sind der Ortsverwaltung neuere Beurteilungen des Innenministeriums B/W bekannt mit der "
        "ein niveaugleicher Ausbau ohne „harte Trennung“ der Verkehrsarten möglich ist?",
    )


@pytest.mark.parametrize(
    "name",
    [
        "dresden-AF2022-13-anfrage-gruene-rundfunkgebuehren",  # "um die" / "Beantwortung …"
        "dresden-AF2092-13-anfrage-gruene-stadtteilbibliothek",  # "bitte ich um" / "Beantwortung …"
        "dresden-AF2176-13-anfrage-gruene-nachfrage-zu-1",  # "eine verbindliche" / "Antwort des …"
    ],
)
def test_answer_word_opening_a_wrapped_line_of_an_inquiry_is_prose(name: str) -> None:
    """At 40 characters a lead-in wraps before 'Beantwortung der folgenden Fragen:' or a question
    before 'Antwort des Finanzministeriums': the line above runs on, the paper stays an inquiry."""
    assert _dev(name, "wrap40").kind == "Anfrage"


def test_answer_words_inside_minutes_name_no_answer() -> None:
    """Karlsruhe 607088, minutes of a Gemeinderat sitting: '… wie es in der' / 'Antwort der
    Verwaltung steht.' is a councillor's sentence; the paper is the Niederschrift it says it is."""
    text = (OPARL_FIXTURES / "karlsruhe" / "file-contents" / "607088.txt").read_text("utf-8")
    assert parse_text(text).kind == "Niederschrift"


@pytest.mark.parametrize(
    "name",
    [
        "dresden-AF2008-13-zwischenbescheid-jugendhaeuser",
        "dresden-AF2010-13-zwischenbescheid-eeg-umlage",
        "dresden-AF2015-13-zwischenbescheid-stromsperren",
    ],
)
def test_interim_notice_with_its_subject_wrapped(name: str) -> None:
    """At 40 characters 'Zwischenbescheid zur schriftlichen' / 'Anfrage AF20xx/13' is one subject:
    no type line 'Anfrage', no question; the notice answers and names the inquiry's number."""
    doc = _dev(name, "wrap40")
    number = name.split("-")[1] + "/13"
    assert (doc.kind, doc.questions, doc.reference) == ("Antwort", (), number)


@pytest.mark.parametrize(
    ("name", "reference"),
    [
        ("karlsruhe-2023-0493-anfrage-spd-or-wolfartsweier-gewerbe", "2023/0493"),
        ("karlsruhe-2023-0640-anfrage-spd-or-wolfartsweier-zuendhuetle-turm", "2023/0640"),
        ("leipzig-VII-F-08507-AW-01-antwort-innenhofbebauung", "VII-F-08507-AW-01"),
    ],
)
@pytest.mark.parametrize("shape", ["wrap50", "wrap40"])
def test_number_label_ending_a_line_takes_the_value_below(
    name: str, reference: str, shape: str
) -> None:
    """'SPD-Ortschaftsratsfraktion Vorlage Nr.:' / '2023/0493' and 'schriftliche Antwort zur
    Anfrage-Nr.' / 'VII-F-08507-AW-01': the label ends its line, the number is the next line."""
    assert _dev(name, shape).reference == reference


@pytest.mark.parametrize(
    ("name", "shape", "first"),
    [
        (
            "karlsruhe-2022-or-wolfartsweier-anfrage-cdu-dachstaender",
            "wrap50",
            "Gibt es Planungen der Stromversorger, die Freileitungsversorgung (Dachständer) in "
            "Wolfartsweier zu ändern und die Versorgung von Gebäude/Wohngebäude durch Erdkabel zu "
            "ersetzen?\n- Welche Kosten entstehen für den Hausbesitzer",
        ),
        (
            "karlsruhe-2024-0989-anfrage-fdp-or-durlach-turmbergbahn",
            "wrap40",
            "Wird für die Gewährung der Zuschüsse und öffentlichen Fördermittel möglicherweise ein "
            "neues Verkehrszahlen- und Wirtschaftlichkeitsgutachten für die Verlängerung der "
            "Turmbergbahn (TBB) benötigt?",
        ),
        (
            "karlsruhe-2019-0071-anfrage-fuer-karlsruhe-innenstadtzone",
            "wrap40",
            "Wie schätzt die Verwaltung die entstehenden Auswirkungen einer neu geschaffenen "
            "fahrscheinlosen Innenstadtzone zwischen dem Mühlburger und Durlacher Tor ein,",
        ),
    ],
)
def test_question_above_its_bullets_is_read_whole(name: str, shape: str, first: str) -> None:
    """An unlisted question over its dash or bullet follow-ups takes four to seven narrow lines
    ('Verkehrszahlen- und' among them runs on, no heading): it is read from its first word."""
    doc = _dev(name, shape)
    assert len(doc.questions) == 1
    assert doc.questions[0].startswith(first)


@pytest.mark.parametrize("shape", ["wrap50", "wrap40"])
def test_footnote_number_above_its_url_opens_no_list(shape: str) -> None:
    """Niedersachsen 19/11276: the first page's footnote '1 https://www.kbv.de/…' wraps into '1' /
    the URL; the questions are still the numbered list, nine from 'Wie viele SAPV-Teams'."""
    doc = _dev("LANDTAG-niedersachsen-19-11276-kleine-anfrage-mit-antwort", shape)
    assert len(doc.questions) == 9
    assert doc.questions[0].startswith("Wie viele SAPV-Teams bestehen derzeit in den einzelnen")


@pytest.mark.parametrize("shape", ["wrap50", "wrap40"])
def test_running_head_wrapped_over_two_lines_is_furniture(shape: str) -> None:
    """Karlsruhe 2019/0301: the page head 'Ergänzende Erläuterungen Seite 2' wraps into two lines
    between '2. In 2017' and 'B. Gibt es Erkenntnisse …': a page head, no 'Erläuterungen' heading
    that ends the list; three questions A., B., C."""
    doc = _dev("karlsruhe-2019-0301-anfrage-fw-zweitwohnungssteuer", shape)
    assert len(doc.questions) == 3
    assert doc.questions[1].startswith("Gibt es Erkenntnisse darüber, dass Bürger")


def test_footnote_numbers_inside_an_answer_are_no_items() -> None:
    """Niedersachsen 19/11192 at 40 characters: the answer to 1. carries footnotes '1' / URL and
    '2' / 'https://taz.de/…'; '2' is no second question, the twelve questions stay as printed."""
    doc = _dev("LANDTAG-niedersachsen-19-11192-kleine-anfrage-mit-antwort", "wrap40")
    assert len(doc.questions) == 12
    assert doc.questions[0].startswith("Wie viele GWh Strom aus Wind- und Solaranlagen wurden in")
    assert doc.questions[0].endswith("Weser-Ems, Ostfriesland, Emsland, aufschlüsseln)?")
    assert doc.questions[1].startswith("Welche Entschädigungszahlungen (in Millionen Euro)")


def test_answer_letter_whose_subject_wraps_before_its_date() -> None:
    """Karlsruhe 2015, the mayor's letter 'Stellungnahme zu Fragen aus der' / 'GR-Sitzung vom 3.
    Februar 2015' at 40 characters: a subject that runs on to its date, no type line; an answer."""
    doc = _dev("karlsruhe-2015-brief-antwort-fragen-fdp-alttextilsammlung", "wrap40")
    assert doc.kind == "Antwort"


def test_follow_up_question_in_an_answer_document_stays_with_its_question() -> None:
    """Karlsruhe Stellungnahme 609564: '3. Wie viele Menschen stehen auf den Wartelisten …?' /
    'Wo und wie werden diese betreut: stationär … bzw. in' / '… in Pflegeeinrichtungen?': the
    'bzw.' ends no sentence, the follow-up is part of question 3 and not of its answer."""
    text = (OPARL_FIXTURES / "karlsruhe" / "file-contents" / "609564.txt").read_text("utf-8")
    doc = parse_text(text)
    assert doc.questions[2] == (
        "Wie viele Menschen stehen auf den Wartelisten für Karlsruher Palliativstationen? Wo und "
        "wie werden diese betreut: stationär auf anderen SKK-Stationen bzw. in anderen "
        "Krankenhäusern? ambulant durch Angehörige? durch Pflegedienste? in Pflegeeinrichtungen?"
    )
    assert doc.answers[2].startswith("Die Zahl der Patientinnen und Patienten, die auf den")


def test_follow_up_question_over_more_narrow_lines() -> None:
    """Niedersachsen 19/11167 at 40 characters: '… zu ermöglichen?' / 'Falls ja, welche
    Handlungsbedarfe …' runs over more than five lines to its '?': one question, as printed."""
    doc = _dev("LANDTAG-niedersachsen-19-11167-kleine-anfrage-mit-antwort", "wrap40")
    original = _dev("LANDTAG-niedersachsen-19-11167-kleine-anfrage-mit-antwort")
    assert doc.questions == original.questions
    assert any("? Falls ja, welche Handlungsbedarfe erkennt" in q for q in doc.questions)


def test_ordinal_after_an_article_at_a_line_start_is_no_item() -> None:
    """Dresden mAF0011/14 at 40 characters: '2. Welche relevanten Informationen den' /
    '3. Bauabschnitt im nächsten Jahr' is one question with an ordinal in it, not a third one."""
    doc = _dev("dresden-mAF0011-14-muendliche-anfrage-cdu-schandauer-strasse", "wrap40")
    assert doc.questions[1] == (
        "Welche relevanten Informationen den 3. Bauabschnitt im nächsten Jahr betreffend gibt es "
        "bereits zum jetzigen Zeitpunkt?"
    )
    assert len(doc.questions) == 2


@pytest.mark.parametrize("shape", ["wrap50", "wrap40"])
def test_block_answering_two_questions_wrapped(shape: str) -> None:
    """Karlsruhe 2018/0649: 'Frage 2 + 3:' / 'Was hält die Stadt …?' / 'Wird sie, falls sich das
    an Karlsruher Schulen' / 'ereignet, dagegen aktiv werden?': both questions before the answer."""
    doc = _dev("karlsruhe-2018-0649-stellungnahme-linke-schulversicherungen", shape)
    assert doc.questions[1:] == (
        "Was hält die Stadt von derartigen Werbe- und Verkaufsangeboten?",
        "Wird sie, falls sich das an Karlsruher Schulen ereignet, dagegen aktiv werden?",
    )
    assert doc.answers[2].startswith("Eltern, Schülerinnen und Schüler sind von der Schule")


def test_abbreviation_broken_at_a_line_end_is_no_section_number() -> None:
    """Karlsruhe 2026/0019 at 50 characters: '… kritische Infrastruktur (z.' / 'B.' / 'Wasserpumpen,
    …)?': 'B.' alone finishes 'z. B.', it is no bare section number to leave out."""
    doc = _dev("karlsruhe-2026-0019-anfrage-spd-or-wolfartsweier-versorgungssicherheit", "wrap50")
    assert doc.questions[3] == (
        "Existieren im Stadtteil oder angrenzend Notstromaggregate für kritische Infrastruktur "
        "(z. B. Wasserpumpen, Telekommunikation)?"
    )


def test_drucksache_label_ending_a_line_at_thirty_characters() -> None:
    """Niedersachsen 19/11138 wrapped at 30 characters: '19. Wahlperiode Drucksache' / '19/11138'
    (a Drucksache needs no 'Nr.'); the inquiry's 'eingegangen am … - Drs. 19/10957' is not it."""
    text = corpus_path("LANDTAG-niedersachsen-19-11138-kleine-anfrage-mit-antwort").read_text()
    assert parse_text(wrapped(30)(text)).reference == "19/11138"


def test_interim_notice_subject_over_three_lines() -> None:
    """Dresden AF2008/13's interim notice at 30 characters: 'Zwischenbescheid zur' /
    'schriftlichen Anfrage' / 'AF2008/13': the reply's number read over three lines."""
    text = corpus_path("dresden-AF2008-13-zwischenbescheid-jugendhaeuser").read_text("utf-8")
    doc = parse_text(wrapped(30)(text))
    assert (doc.kind, doc.reference) == ("Antwort", "AF2008/13")
