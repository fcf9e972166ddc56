"""Text whose lines were run together reads as its original (issue 11, ninth round, `relines`).

The same real documents in the shapes other extractors deliver (bench.text_shapes: "flat", every
page one line; "para", one line per paragraph) give the kind, reference, factions, question count
and first question their labels record (read off the documents by hand, tests/corpus/dev/*.json
and ../shared/fixtures/texts/diverse/*.json). Texts: the Niedersachsen Landtag fixture, the
committed Dresden and Nordstemmen texts, Karlsruhe forms rebuilt from the fetched snapshot (skipped
without ../.mirror) and one Karlsruhe file content. Every document test fails on main 4c6875f.
"""

from __future__ import annotations

import json

import pytest

from bench.text_shapes import flat, paragraphs
from fetcher.factions import canonical_faction
from fetcher.parse import parse_text
from fetcher.parse.relines import LONG_LINE_CHARS, relined_pages
from tests.corpus_data import assert_reads_as_labelled, corpus_path, dev_label
from tests.fixtures_path import OPARL_FIXTURES, TEXT_FIXTURES

SHAPES = {"flat": flat, "para": paragraphs}


@pytest.mark.parametrize("shape", ["flat", "para"])
def test_landtag_kleine_anfrage_run_together_reads_as_printed(shape: str) -> None:
    """Landtag Drs. 19/11150 with its lines run together: 'Drucksache 19/11150' is the
    reference, the eleven numbered questions are found, each up to its '?' before the answer."""
    name = "LANDTAG-niedersachsen-19-11150-kleine-anfrage-mit-antwort"
    text = (TEXT_FIXTURES / "diverse" / f"{name}.txt").read_text("utf-8")
    label = json.loads((TEXT_FIXTURES / "diverse" / f"{name}.json").read_text("utf-8"))
    doc = parse_text(SHAPES[shape](text))
    assert (doc.kind, doc.reference, doc.factions) == ("Antwort", "19/11150", ())
    assert len(doc.questions) == label["questions"] == 11
    assert doc.questions[0].startswith(label["first_question_start"])
    assert doc.questions[0].endswith("?")


@pytest.mark.parametrize("shape", ["flat", "para"])
def test_dresden_inquiry_form_run_together_reads_as_printed(shape: str) -> None:
    """Dresden AF2006/13 ('Anfrage Nr.: … Sehr geehrte Frau Oberbürgermeisterin, … Fragen: 1. …'):
    sixteen numbered questions, the sub-questions below 5., 8. and 13. inside their item."""
    name = "dresden-AF2006-13-anfrage-gruene-schulbaumassnahmen"
    text = corpus_path(name, "dev").read_text("utf-8")
    doc = parse_text(SHAPES[shape](text))
    assert_reads_as_labelled(doc, dev_label(name))
    assert doc.questions[15].startswith("Kann die Oberbürgermeistern sicherstellen")


def test_dresden_answer_letter_flat_reads_as_printed() -> None:
    """The Oberbürgermeisterin's answer AF0028/14 on one line: the number above 'Sehr geehrter
    Herr Thiele,' is the reference, both quoted questions end at their '?"' before the answer."""
    name = "dresden-AF0028-14-antwort-cdu-fernbuslinien"
    doc = parse_text(flat(corpus_path(name, "dev").read_text("utf-8")))
    assert_reads_as_labelled(doc, dev_label(name))
    assert doc.questions[1].startswith("Wie viele Fernbusabfahrten")


@pytest.mark.parametrize("shape", ["flat", "para"])
def test_nordstemmen_notice_run_together_keeps_its_number(shape: str) -> None:
    """Nordstemmen's Mitteilungsvorlage 'DS 19/2017' run together with its letterhead and type
    line: the number is the reference, its numbered options ('1. Beibehaltung …') no questions."""
    name = "nordstemmen-DS-19-2017-mitteilungsvorlage-strassenausbaubeitraege"
    doc = parse_text(SHAPES[shape](corpus_path(name, "dev").read_text("utf-8")))
    assert (doc.reference, doc.questions) == ("19/2017", ())


@pytest.mark.parametrize("shape", ["flat", "para"])
@pytest.mark.parametrize(
    "name",
    [
        "karlsruhe-2021-0614-anfrage-linke-staatstheater",
        "karlsruhe-2024-1163-anfrage-cdu-or-durlach-erbpacht",
    ],
)
def test_karlsruhe_forms_run_together_read_as_printed(name: str, shape: str) -> None:
    """Karlsruhe forms (Gemeinderat 2021/0614, Ortschaftsrat Durlach 2024/1163) run together:
    'Vorlage Nr.: …' ends its field, the list after the title and the table's cross is found."""
    text = corpus_path(name, "dev").read_text("utf-8")
    assert_reads_as_labelled(parse_text(SHAPES[shape](text)), dev_label(name))


def test_inline_sub_items_of_a_run_together_list_stay_in_their_item() -> None:
    """Karlsruhe 2022/2176 (file 641649) prints '6. Wenn bisher …, a) Wie …? b) Wer …? c) Was
    …?' inline; flattened, the six items are found from '1.' after the '26 x' cell, and a) to
    c) start lines inside the sixth."""
    path = OPARL_FIXTURES / "karlsruhe" / "file-contents" / "641649.txt"
    doc = parse_text(flat(path.read_text("utf-8")))
    assert (doc.kind, doc.reference) == ("Anfrage", "2022/2176")
    assert len(doc.questions) == 6
    assert doc.questions[0].startswith("Welche Maßnahmen wurden von der Stadtverwaltung")
    assert doc.questions[5].splitlines()[1:] == [
        "b) Wer hat die Federführung?",
        "c) Was ist der Zeithorizont der Stadtverwaltung?",
    ]
    assert {canonical_faction(f) for f in doc.factions} == {"Bündnis 90/Die Grünen", "SPD"}


@pytest.mark.parametrize(
    ("name", "phrase"),
    [
        ("dresden-AF2839-14-anfrage-fdp-verkehrszeichen", "die Verkehrszeichen Nr. 136"),
        ("dresden-mAF0367-13-antwort-vb-plan", "Amtsblatt Nr. 12/2004 am 18. März 2004"),
        ("dresden-AF2016-13-anfrage-fdp-fragerecht-geschaeftsordnung", "vom 17. Dezember 2012"),
        (
            "nordstemmen-DS-19-2017-mitteilungsvorlage-strassenausbaubeitraege",
            "nach § 31 Abs. 2 S. 5 Nr. 1 b NKomVG",
        ),
    ],
)
def test_numbers_inside_prose_stay_whole(name: str, phrase: str) -> None:
    """A number after 'Nr.', a date's day, a § with its Abs. and Nr. inside a sentence is no
    list label: flattened, the phrase stays on one line."""
    text = flat(corpus_path(name, "dev").read_text("utf-8"))
    assert phrase in text
    lines = "\n".join(relined_pages(text.split("\f"))).split("\n")
    assert any(phrase in line for line in lines)


def test_landtag_paragraph_numbers_and_citations_stay_whole() -> None:
    """'§ 46 Abs. 1 GO LT', '§ 2 Nr. 1 TierSchG' and the cited 'in der Drs. 19/10740' stay
    inside their lines of the flattened Landtag paper 19/11222; its own number starts one."""
    name = "LANDTAG-niedersachsen-19-11222-kleine-anfrage-mit-antwort"
    text = flat((TEXT_FIXTURES / "diverse" / f"{name}.txt").read_text("utf-8"))
    lines = "\n".join(relined_pages(text.split("\f"))).split("\n")
    assert any("§ 46 Abs. 1 GO LT" in line for line in lines)
    assert any("i. S. d. § 2 Nr. 1 TierSchG" in line for line in lines)
    assert any("Niedersachsen“ in der Drs. 19/10740, dargestellt" in line for line in lines)
    assert any(line.startswith("Drucksache 19/11222") for line in lines)


def test_printed_lines_are_left_alone() -> None:
    """Pages of printed lines come back byte for byte; so do the Dresden inquiries whose long
    paragraph lines (270, 448 characters) hold no list, field or salutation."""
    name = "LANDTAG-niedersachsen-19-11150-kleine-anfrage-mit-antwort"
    pages = (TEXT_FIXTURES / "diverse" / f"{name}.txt").read_text("utf-8").split("\f")
    assert all(len(line) <= LONG_LINE_CHARS for page in pages for line in page.split("\n"))
    assert relined_pages(pages) == pages
    for name in (
        "dresden-AF2006-13-anfrage-gruene-schulbaumassnahmen",
        "dresden-AF2017-13-anfrage-gruene-staedtepartnerschaft-st-petersburg",
    ):
        pages = corpus_path(name, "dev").read_text("utf-8").split("\f")
        assert max(len(line) for page in pages for line in page.split("\n")) > LONG_LINE_CHARS
        assert relined_pages(pages) == pages


# Heads run together, one structure each (all fail on main 4c6875f in the shape named):
# a capitals type heading with its sender ("MÜNDLICHE ANFRAGE Hartmut Krien"), one-word cell
# labels ("Gegenstand:"), a salutation inside a quote, bullets, lettered sub-items with a dot, a
# consultation table's head and row ("… Zuständigkeit Ortschaftsrat … 4 Ö Kenntnisnahme Wir …").
HEADS = [
    ("dresden-mAF0367-13-muendliche-anfrage-vb-plan", "flat"),
    ("dresden-mAF0367-13-muendliche-anfrage-vb-plan", "para"),
    ("dresden-mAF0008-14-muendliche-anfrage-linke-de-mail", "flat"),
    ("dresden-AF2009-13-anfrage-buergerbuendnis-hofewiese", "flat"),
    ("karlsruhe-2022-or-stupferich-anfrage-cdu-hausaerzte", "flat"),
    ("karlsruhe-2024-1272-anfrage-linke-antirassismus", "flat"),
    ("karlsruhe-2025-0201-anfrage-gruene-or-wettersbach-lastenraeder", "flat"),
]


@pytest.mark.parametrize(("name", "shape"), HEADS)
def test_heads_run_together_read_as_labelled(name: str, shape: str) -> None:
    """A head run together (type heading, cell labels, salutation, bullets, sub-items) gives
    the kind, reference, factions, count and first question its label records."""
    text = corpus_path(name, "dev").read_text("utf-8")
    assert_reads_as_labelled(parse_text(SHAPES[shape](text)), dev_label(name))


def test_capitals_answer_heading_run_together_is_an_answer() -> None:
    """Karlsruhe 2018/0587 flat: 'Der Oberbürgermeister STELLUNGNAHME zur Anfrage
    FDP-Gemeinderatsfraktion …' is the answer's type line; its three questions are read."""
    name = "karlsruhe-2018-0587-stellungnahme-fdp-schwimmunterricht"
    doc = parse_text(flat(corpus_path(name, "dev").read_text("utf-8")))
    assert (doc.kind, doc.factions, len(doc.questions)) == ("Antwort", ("FDP",), 3)
    assert doc.questions[0].startswith("In welchen Klassen/Stufen findet regelmäßiger")


def test_relines_only_changes_white_space() -> None:
    """Cutting a run-together Dresden inquiry, and a line of 3,000 bare labels, changes white space
    only: no character of the text is lost, added or moved."""
    name = "dresden-AF2018-13-anfrage-gruene-asylbewerber"
    text = flat(corpus_path(name, "dev").read_text("utf-8"))
    relined = "\f".join(relined_pages(text.split("\f")))
    assert relined.split() == text.split()
    assert relined.count("\n") > 15
    labels = "1. 2. " * 1500
    assert relined_pages([labels])[0].split() == labels.split()
