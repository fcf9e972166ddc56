"""The kind (and title) of a form, whatever the form's layout (issue 11, twelfth round, forms12).

Real dev forms with their head rewritten by bench.form_variants.rewrite into the layouts council
systems print (a field table read column-wise, the number then the type on one line, the session
status before the type, an answer's name as the type field's value, an answer below the
questions, a consultation table above the subject) read as their labels record
(tests/corpus/dev/*.json, read off the documents by hand), in the original shape and with every
page run into one line (bench.text_shapes.flat). Texts: the committed Dresden and Nordstemmen
forms, a Karlsruhe form rebuilt from the fetched snapshots (skipped without ../.mirror) and a
Karlsruhe file content of ../shared/fixtures. Every document test fails on main efe33cf; the
guards (named so) pass on both.
"""

from __future__ import annotations

import pytest

from bench.form_variants import BOTH, rewrite
from bench.text_shapes import flat
from fetcher.parse import parse_text
from tests.corpus_data import CorpusUnavailable, corpus_items, corpus_path, dev_label
from tests.fixtures_path import OPARL_FIXTURES, TEXT_FIXTURES

DRESDEN = "dresden-AF0028-14-anfrage-cdu-fernbuslinien"
NOTICE = "nordstemmen-DS-70-2011-antwort-cdu-baugrundstuecke"


def _text(name: str) -> str:
    return corpus_path(name, "dev").read_text("utf-8")


def _variant(name: str, variant: str, text: str | None = None) -> str:
    text = _text(name) if text is None else text
    rewritten = rewrite(text, dev_label(name), variant, parse_text(text).title)
    assert rewritten is not None, (name, variant)
    return rewritten


def test_transform_moves_the_fields_and_leaves_every_other_line() -> None:
    """The bench's rewrite takes type, number and date out of the head, prints them as a table
    read column-wise where the type line stood, and leaves every other line as it was."""
    before = _text(DRESDEN).split("\n")
    after = _variant(DRESDEN, "columns").split("\n")
    assert before[:4] == ["Anfrage Nr.: AF0028/14", "Datum: 26.09.2014", "", "ANFRAGE"]
    assert after[:8] == [
        "",
        "Vorlagenart:",
        "Vorlage-Nr.:",
        "Datum:",
        "Anfrage",
        "AF0028/14",
        "26.09.2014",
        "CDU-Fraktion",
    ]
    assert after[8:] == before[5:]  # the subject, the text and the rest of the head unchanged
    row = _variant(DRESDEN, "row").split("\n")
    assert (
        row[1] == "Vorlage-Nr.: AF0028/14   Datum: 26.09.2014   Art: Anfrage   Status: öffentlich"
    )
    assert _variant(DRESDEN, "number then type").split("\n")[1] == "AF0028/14 Anfrage"
    answered = _variant(DRESDEN, "answered: Antwort:")
    assert answered.startswith(_text(DRESDEN).rstrip())
    assert answered.count("Antwort:") == 1
    assert rewrite(_text(NOTICE), dev_label(NOTICE), "answered: Antwort:", None) is None


@pytest.mark.parametrize("shape", ["original", "flat"])
def test_number_then_type_reads_the_number(shape: str) -> None:
    """ "AF0028/14 Anfrage" on one line: the paper's number, then its type (a head of ALLRIS or
    regisafe); main read no reference in the original shape."""
    text = _variant(DRESDEN, "number then type")
    doc = parse_text(flat(text) if shape == "flat" else text)
    assert (doc.kind, doc.reference) == ("Anfrage", "AF0028/14")


@pytest.mark.parametrize("variant", list(BOTH))
@pytest.mark.parametrize("shape", ["original", "flat"])
def test_an_inquiry_that_holds_its_answer_is_an_answer(variant: str, shape: str) -> None:
    """An inquiry form with the administration's answer below the questions ("Die Verwaltung
    beantwortet die Anfrage wie folgt:", "Antwort:") is an answer, as the dev labels treat such
    papers; the question is still read."""
    text = _variant(DRESDEN, variant)
    doc = parse_text(flat(text) if shape == "flat" else text)
    assert doc.kind == "Antwort"
    assert doc.reference == "AF0028/14"
    assert doc.questions
    assert doc.questions[0].startswith("Wie viele Konzessionen")


def test_an_empty_answer_slot_answers_nothing() -> None:
    """Guard: a Karlsruhe inquiry form of 2006 ends in an empty "Stellungnahme:" slot; no answer
    is given, so it stays an inquiry."""
    text = (OPARL_FIXTURES / "karlsruhe" / "file-contents" / "509132.txt").read_text("utf-8")
    assert text.rstrip().endswith("Stellungnahme:")
    assert parse_text(text).kind == "Anfrage"


def test_the_status_before_a_notice_is_no_part_of_its_name() -> None:
    """ "Öffentliche Mitteilungsvorlage" above "Anfrage der CDU-Fraktion zur Vermarktung …" with
    the quoted questions answered: a notice that answers (main read Anfrage)."""
    text = _variant(NOTICE, "Öffentliche T")
    assert "Öffentliche Mitteilungsvorlage" in text.split("\n")
    doc = parse_text(text)
    assert doc.kind == "Antwort"
    assert doc.title == "Anfrage der CDU-Fraktion zur Vermarktung der Baugrundstücke"


@pytest.mark.parametrize("shape", ["original", "flat"])
def test_number_then_notice_reads_an_answer(shape: str) -> None:
    """ "DS 70/2011 Mitteilungsvorlage", then "zu TOP 8": the notice answers the inquiry it names
    (main read Anfrage in the original shape)."""
    text = _variant(NOTICE, "number then type")
    doc = parse_text(flat(text) if shape == "flat" else text)
    assert doc.kind == "Antwort"
    assert doc.reference == "70/2011"


def test_an_answer_named_in_a_column_run_together() -> None:
    """ "Vorlagenart: Vorlage-Nr.: Beantwortung einer Anfrage DS 70/2011 …" (a field table read
    column-wise, run into one line): the type field's value is the type (main: Anfrage)."""
    doc = parse_text(flat(_variant(NOTICE, "answer: Beantwortung einer Anfrage")))
    assert doc.kind == "Antwort"


def test_a_motion_in_a_column_stays_a_motion() -> None:
    """Guard: a Dresden motion whose head is printed as a table read column-wise ("Vorlagenart:"
    / "Vorlage-Nr.:" / "Datum:" / "Antrag" / …) stays a motion in both shapes."""
    name = "dresden-A0087-09-antrag-cdu-blaues-wunder"
    text = _variant(name, "columns")
    assert text.split("\n")[2:6] == ["Vorlagenart:", "Vorlage-Nr.:", "Datum:", "Antrag"]
    assert parse_text(text).kind == "Antrag"
    assert parse_text(flat(text)).kind == "Antrag"


@pytest.mark.parametrize(
    "name",
    [
        "nordstemmen-DS-77-2014-antwort-integrative-gruppen",
        "nordstemmen-DS-81-2014-antwort-spd-kita-verpflegung",
    ],
)
def test_the_subject_below_a_consultation_table(name: str) -> None:
    """A Nordstemmen notice prints "Beratungsfolge Sitzungstermin Stand" and its rows (a
    committee's name wrapped onto a line of its own) between the head and the subject: the
    title is the subject below the table (main read none)."""
    text = (TEXT_FIXTURES / "diverse" / f"{name}.txt").read_text("utf-8")
    title = parse_text(text).title
    assert title is not None
    assert title.startswith("Beantwortung einer Anfrage zur ")
    assert title.endswith("in den Kindertagesstätten der Gemeinde Nordstemmen")


def _karlsruhe(name: str) -> str:
    try:
        item = next(x for x in corpus_items("dev") if x.name == name)
    except CorpusUnavailable as error:
        pytest.skip(str(error))
    return item.text


@pytest.mark.parametrize("variant", ["Beratungsfolge", "Beratungsfolge, columns"])
def test_a_consultation_table_is_no_title(variant: str) -> None:
    """A consultation table (Gremium / Sitzung / Zuständigkeit / Status, dates, "Kenntnisnahme",
    "Beantwortung", "Entscheidung"), row by row or read column-wise, between a Karlsruhe form's
    head and its subject: the title is the subject (main read the table's cells)."""
    name = "karlsruhe-2016-0153-anfrage-kult-inklusive-beschulung"
    doc = parse_text(_variant(name, variant, _karlsruhe(name)))
    assert doc.kind == "Anfrage"
    assert doc.title == "Aktueller Stand der Anmeldungen für eine „inklusive Beschulung“"


def test_a_notice_named_in_a_column_answers_no_inquiry_of_its_own() -> None:
    """Karlsruhe's statement on a Linke inquiry, its type printed as the value of "Vorlagenart:"
    in a column ("Vorlagenart:" / "Vorlage-Nr.:" / "Mitteilungsvorlage" / "535"): a notice, not
    an inquiry (main took "Vorlage-Nr.:" for the type line and the quoted questions made it
    Anfrage)."""
    name = "karlsruhe-2010-stellungnahme-linke-erneuerbare-energien"
    text = _variant(name, "answer: Mitteilungsvorlage", _karlsruhe(name))
    printed = [line for line in text.split("\n") if line.strip()]
    assert printed[:4] == ["Vorlagenart:", "Vorlage-Nr.:", "Mitteilungsvorlage", "535"]
    assert parse_text(text).kind in ("Antwort", "Informationsvorlage")
