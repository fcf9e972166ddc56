"""The kind, whatever the paper's type is called (issue 11, eleventh round, branch kinds11).

Real dev documents with their printed type words rewritten by bench.kind_variants.rewrite into the
type names of other councils ("Ratsanfrage", "Einwohneranfrage", "Art der Vorlage: Anfrage",
"Fragen an den Magistrat", "Antwort des Magistrats", "Stellungnahme der Verwaltung", …) read as the
kind their labels record (tests/corpus/dev/*.json, read off the documents by hand), in the original
shape and with every page run into one line (bench.text_shapes.flat). Texts: the committed Dresden
inquiries and motions, Karlsruhe forms rebuilt from the fetched snapshots (skipped without
../.mirror) and Karlsruhe file contents of ../shared/fixtures. Every document test fails on main
d6424fc; the guards (named so) pass on both.
"""

from __future__ import annotations

import pytest

from bench.kind_variants import QUOTED_SUBJECT, rewrite, type_spot
from bench.text_shapes import flat
from fetcher.parse import parse_text
from tests.corpus_data import corpus_path, dev_label
from tests.fixtures_path import OPARL_FIXTURES


def _text(name: str) -> str:
    return corpus_path(name, "dev").read_text("utf-8")


def _variant(name: str, variant: str) -> str:
    text = _text(name)
    rewritten = rewrite(text, variant, parse_text(text).title)
    assert rewritten is not None, (name, variant)
    return rewritten


def test_transform_rewrites_the_type_words_and_nothing_else() -> None:
    """The bench's rewrite puts the variant where the type line was, makes the number label's
    type word 'Vorlage' and leaves every other line as it was."""
    name = "dresden-AF0028-14-anfrage-cdu-fernbuslinien"
    before = _text(name).split("\n")
    after = _variant(name, "Ratsanfrage").split("\n")
    assert (before[0], before[3]) == ("Anfrage Nr.: AF0028/14", "ANFRAGE")
    assert (after[0], after[3]) == ("Vorlage Nr.: AF0028/14", "Ratsanfrage")
    assert len(after) == len(before)
    assert [a for a, b in zip(after, before, strict=True) if a != b] == [after[0], after[3]]
    # a letter's subject keeps its rest; a form field never replaces one
    letter = "nordstemmen-DS-3-2024-anfrage-ortsrat-barnten"
    subject = _variant(letter, "Kleine Anfrage").split("\n")[8]
    assert subject == "Kleine Anfrage zum Gelände der alten Genossenschaft (Gelände MTB)"
    assert rewrite(_text(letter), "Art der Vorlage: Anfrage") is None
    # the quoted subject keeps the answer's own type line and puts the inquiry below it
    answer = "nordstemmen-DS-77-2014-antwort-kita-integrative-gruppen"
    quoted = rewrite(_text(answer), QUOTED_SUBJECT, "Integrative Gruppen")
    assert quoted is not None
    lines = quoted.split("\n")
    assert lines[12:14] == ["Mitteilungsvorlage", "Anfrage der CDU-Fraktion zu Integrative Gruppen"]
    spot = type_spot(_text(answer).split("\n"))
    assert spot is not None
    assert (spot.line, spot.family) == (12, "answer")


# Dresden inquiries whose number label "Anfrage Nr.: AF…" stands above the type line "ANFRAGE" /
# "MÜNDLICHE ANFRAGE": with the label neutral ("Vorlage Nr.:"), the type line is read below it.
_DRESDEN = [
    "dresden-AF2023-13-anfrage-fraktionslos-haushaltsabgabe",
    "dresden-mAF0014-14-muendliche-anfrage-b172",
    "dresden-mAF0367-13-muendliche-anfrage-vb-plan",
]


@pytest.mark.parametrize(
    "variant", ["Einwohneranfrage", "Art der Vorlage: Anfrage", "Vorlage-Art: Anfrage"]
)
@pytest.mark.parametrize("name", _DRESDEN)
def test_type_line_below_a_number_label(name: str, variant: str) -> None:
    """'Vorlage Nr.: AF2023/13' / 'Datum: …' / 'Einwohneranfrage' (or the field 'Art der
    Vorlage: Anfrage'): the number label is no type line, the type line below it is."""
    assert parse_text(_variant(name, variant)).kind == dev_label(name)["kind"] == "Anfrage"


@pytest.mark.parametrize(
    "variant", ["Ratsanfrage", "Fragen an den Magistrat", "Auskunftsersuchen nach § 27 BezVG"]
)
@pytest.mark.parametrize("name", _DRESDEN)
def test_type_name_run_into_the_head(name: str, variant: str) -> None:
    """Every page on one line ('Vorlage Nr.: AF2023/13 Datum: 4. Februar 2013 Ratsanfrage
    Fraktionslos Gegenstand: …'): a type name where a heading stands is the paper's type."""
    assert parse_text(flat(_variant(name, variant))).kind == "Anfrage"


# Karlsruhe forms (snapshots): "STADT KARLSRUHE Der Oberbürgermeister ANFRAGE Stadträtin …" with
# the type word in mixed case run in after the letterhead, the submitters' date after it.
@pytest.mark.parametrize("variant", ["Ratsanfrage", "Einwohneranfrage", "Anfrage zur Fragestunde"])
@pytest.mark.parametrize(
    "name",
    [
        "karlsruhe-2014-0802-anfrage-gruene-streuobstwiesen",
        "karlsruhe-2016-0337-anfrage-spd-ganztagsschulen",
        "karlsruhe-2019-or-durlach-anfrage-gruene-schulweg-hubstrasse",
    ],
)
def test_type_name_after_the_letterhead_run_together(name: str, variant: str) -> None:
    """'STADT KARLSRUHE Der Oberbürgermeister Ratsanfrage Stadträtin … (GRÜNE) vom 26. November
    2014': the date after the submitters is the paper's own, not a citation."""
    assert parse_text(flat(_variant(name, variant))).kind == "Anfrage"


_STATEMENTS = [
    "karlsruhe-2014-0504-stellungnahme-fw-kombiloesung-tunnel",
    "karlsruhe-2018-0587-stellungnahme-fdp-schwimmunterricht",
    "karlsruhe-2020-0087-stellungnahme-afd-monteurunterkunft",
]


@pytest.mark.parametrize(
    "variant", ["Mitteilungsvorlage", "Antwort des Magistrats", "Beantwortung der Anfrage"]
)
@pytest.mark.parametrize("name", _STATEMENTS)
def test_answer_name_run_into_the_head(name: str, variant: str) -> None:
    """'Stadt Karlsruhe Der Oberbürgermeister Antwort des Magistrats FDP-Gemeinderatsfraktion
    Vorlage Nr.: …' above the quoted questions and their answers: an answer (or the notice that
    gives it), never the inquiry it quotes."""
    assert parse_text(flat(_variant(name, variant))).kind in ("Antwort", "Informationsvorlage")


@pytest.mark.parametrize("name", _STATEMENTS)
def test_statement_of_the_administration_answers(name: str) -> None:
    """'Stellungnahme der Verwaltung' as the type line above the inquiry's questions and their
    answers is an answer (a statement on a motion names the motion)."""
    assert parse_text(_variant(name, "Stellungnahme der Verwaltung")).kind == "Antwort"


@pytest.mark.parametrize("number", ["500140", "503546", "509455"])
def test_motion_below_its_number_label(number: str) -> None:
    """Karlsruhe 2006/07 motions: 'Vorlage Nr. 756 ANTRAG' above 'A N T R A G': the number
    label is no type line, the motion is an Antrag (not a Vorlage)."""
    text = (OPARL_FIXTURES / "karlsruhe" / "file-contents" / f"{number}.txt").read_text("utf-8")
    assert parse_text(text).kind == "Antrag"


def test_statement_below_its_number_label_and_blank_lines() -> None:
    """Karlsruhe 624605 (Durlach 2021/0425): 'Stellungnahme vonseiten des Fachbereichs …' five
    printed lines below 'Vorlage Nr.:' with blank lines between is its type line, an answer (main:
    Anfrage, the blank lines counted as lines of the label's block)."""
    text = (OPARL_FIXTURES / "karlsruhe" / "file-contents" / "624605.txt").read_text("utf-8")
    doc = parse_text(text)
    assert (doc.kind, doc.reference) == ("Antwort", "2021/0425")


# Guards (pass on main too).


@pytest.mark.parametrize(
    "variant", ["Dringlichkeitsantrag", "Prüfantrag", "Antrag gem. § 3 GO", "Sachantrag"]
)
@pytest.mark.parametrize(
    "name",
    [
        "dresden-A0087-09-antrag-cdu-blaues-wunder",
        "dresden-A0090-09-antrag-interfraktionell-kulturpalast",
    ],
)
def test_guard_motion_names_stay_motions(name: str, variant: str) -> None:
    """Guard: a motion under another name ('Dringlichkeitsantrag', 'Antrag gem. § 3 GO') is an
    Antrag in both shapes, never an inquiry or an answer."""
    text = _variant(name, variant)
    assert parse_text(text).kind == parse_text(flat(text)).kind == "Antrag"


def test_guard_answer_letter_naming_the_inquiry_in_its_subject() -> None:
    """Guard: Karlsruhe Wolfartsweier 2019, an office's letter whose subject reads 'SPD Anfrage
    aus dem Ortschaftsrat Wolfartsweier' below its date, stays an answer."""
    name = "karlsruhe-2019-or-wolfartsweier-brief-antwort-spd-tankstelle"
    assert parse_text(_text(name)).kind == "Antwort"


def test_guard_notice_citing_an_answer_run_together() -> None:
    """Guard: Landtag Drs. 19/11153 ('Unterrichtung … Zurückziehung von Vorlagen … Antwort des
    Niedersächsischen Justizministeriums … vom 08.07.2026') run into one line is no answer."""
    name = "LANDTAG-niedersachsen-19-11153-unterrichtung-zurueckziehung"
    assert parse_text(flat(_text(name))).kind == dev_label(name)["kind"] == "sonstiges"


def test_guard_notice_type_word_before_a_quoted_inquiry_run_together() -> None:
    """Guard: Karlsruhe Grötzingen 2024/0973 with 'Anfrage der CDU-Fraktion zu …' below its type
    line, run into one line ('Informationsvorlage Anfrage der CDU-Fraktion zu …'): a noun ending
    in -e is no qualifier of 'Anfrage', the notice answers the inquiry."""
    name = "karlsruhe-2024-0973-or-groetzingen-informationsvorlage-kita-bedarf"
    text = flat(_variant(name, QUOTED_SUBJECT))
    assert parse_text(text).kind in ("Antwort", "Informationsvorlage")


def test_guard_notice_line_with_a_motion_named_later() -> None:
    """Guard: Nordstemmen DS 19/2017 as 'Mitteilung der Verwaltung Beratung in öffentlicher
    Sitzung … Anhörung Antrag Abschaffung …' on one line: the line's own notice name wins over
    the motion it names."""
    name = "nordstemmen-DS-19-2017-mitteilungsvorlage-strassenausbaubeitraege"
    kind = parse_text(flat(_variant(name, "Mitteilung der Verwaltung"))).kind
    assert kind in ("Informationsvorlage", "Antwort")
