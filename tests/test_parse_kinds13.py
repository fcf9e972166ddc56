"""Papers that are not inquiries keep their kind when they mention one (issue 11, thirteenth round).

Real documents: Karlsruhe minutes and a Beschlussvorlage (../shared/fixtures/oparl/karlsruhe,
file-contents), a Leipzig Beschlussvorlage (../shared/fixtures/texts/leipzig) and dev documents
rewritten by bench.kind_mixed's own variants (a sentence that cites another paper written into
them, every other word as printed). Each test fails on main 9ab3fa8.
"""

from __future__ import annotations

import json

from bench.kind_mixed import VARIANTS
from bench.text_shapes import flat
from fetcher.parse import parse_text
from tests.corpus_data import corpus_path
from tests.fixtures_path import OPARL_FIXTURES, TEXT_FIXTURES


def _karlsruhe_file(file_id: str) -> str:
    return (OPARL_FIXTURES / "karlsruhe" / "file-contents" / f"{file_id}.txt").read_text("utf-8")


def _variant(name: str, variant: str) -> str:
    text = corpus_path(name).read_text("utf-8")
    rewritten = VARIANTS[variant][1](text)
    assert rewritten is not None
    assert rewritten != text
    return rewritten


def test_minutes_of_an_inquiry_item_stay_minutes() -> None:
    """Karlsruhe's minutes of the item for inquiry 2020/0046 ("Niederschrift 7. Plenarsitzung",
    "Anfrage: GRÜNE", "… stellt fest, die" / "Stellungnahme der Verwaltung liege vor") are
    minutes, not an answer."""
    text = _karlsruhe_file("615464")  # "Protokoll TOP 35" of paper 2020/0046
    for shaped in (text, flat(text)):
        doc = parse_text(shaped)
        assert doc.kind == "Niederschrift"
        assert doc.questions == ()


def test_answer_run_together_keeps_its_type_past_a_dated_sentence() -> None:
    """A Karlsruhe Ortschaftsrat statement run together into one line, a sentence "… mit
    Beschluss vom 14.03.2023 den Antrag der CDU-Fraktion …" or a line "zum Antrag der
    CDU-Fraktion vom 14.03.2023" below its type line "Stellungname zur Anfrage …": that date
    is no citation by the type line, the paper stays an answer."""
    name = "karlsruhe-2021-or-wolfartsweier-stellungnahme-cdu-steinkreuzstrasse"
    for variant in ("answer: Beschluss … Antrag", "answer: zum Antrag der CDU (head)"):
        assert parse_text(flat(_variant(name, variant))).kind == "Antwort"


def test_beschlussvorlage_with_a_petition_attached_is_no_inquiry() -> None:
    """Leipzig's Beschlussvorlage VII-P-07960-DS-02 run together: its numbered resolution and
    the petition attached with its salutation make no inquiry of the administration's paper."""
    papers = json.loads(
        (TEXT_FIXTURES / "leipzig" / "stadtratmonitor-input.json").read_text("utf-8")
    )
    text = next(p["content"] for p in papers if p["reference"] == "VII-P-07960-DS-02")
    assert parse_text(text).kind == "Vorlage"
    assert parse_text(flat(text)).kind == "Vorlage"


def test_motion_citing_an_inquiry_wrapped_onto_a_line_start_stays_a_motion() -> None:
    """A Grötzingen SPD motion (no type line, motion wording below) whose justification wraps
    "Bereits mit unserer" / "Anfrage vom 14.03.2023 haben wir …": the cited inquiry is prose."""
    name = "karlsruhe-2021-or-groetzingen-antrag-spd-ganztagesgrundschule"
    assert parse_text(_variant(name, "motion: unsere / Anfrage (wrapped)")).kind == "Antrag"


def test_beschlussvorlage_citing_an_inquiry_wrapped_stays_a_vorlage() -> None:
    """Karlsruhe Beschlussvorlage 2025/1145 with "Sachstand: Auf die" / "Anfrage der
    CDU-Fraktion vom … hat die Verwaltung berichtet." in its justification is no inquiry."""
    rewrite = VARIANTS["Vorlage: Sachstand / Anfrage (wrapped)"][1]
    text = rewrite(_karlsruhe_file("672060"))
    assert text is not None
    assert parse_text(text).kind == "Vorlage"


def test_letter_spaced_invitation_names_its_type() -> None:
    """Dresden's invitation printed "E I N L A D U N G" (letter-spaced) with an agenda item
    "Anfrage der SPD-Fraktion zur Parksituation" on a line of its own is an invitation."""
    name = "dresden-ISF-025-2012-einladung-betriebsausschuss"
    text = _variant(name, "agenda: Anfrage der SPD-Fraktion (own line)")
    assert parse_text(text).kind == "sonstiges"


def test_notice_mentioning_an_inquiry_in_its_sachstand_is_no_answer() -> None:
    """Nordstemmen's Mitteilungsvorlage DS 19/2017 run together, "Sachstand: Auf die Anfrage der
    CDU-Fraktion vom … hat die Verwaltung berichtet …" far below its type word: a notice, not an
    answer (the inquiry an answer quotes is its subject, printed near its type word)."""
    name = "nordstemmen-DS-19-2017-mitteilungsvorlage-strassenausbaubeitraege"
    text = flat(_variant(name, "Vorlage: Sachstand Anfrage der CDU"))
    assert parse_text(text).kind in ("Informationsvorlage", "sonstiges")
