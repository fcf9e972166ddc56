"""The seventeenth round's merge: what the branches did not test alone.

heads17 cut a title at the first piece a head prints after its subject. On the Karlsruhe papers
of the OParl fixtures (outside the dev corpus the branch measured) four cuts took the subject's
own words: a cited paragraph "§ 1896 (1) BGB" and a minutes' "1. Plenarsitzung" read as the
list's first item, a noun with its colon at a sentence's end as a field label printed empty, a
field after the paper's number as the subject, and half of a joint party name kept before the
sender's cell. members17 read a party beside any name-shaped line; on the same fixtures a
company's, an office's and a table's words became factions.
"""

from __future__ import annotations

import pytest

from bench.text_shapes import SHAPES
from fetcher.parse import parse_text
from fetcher.parse.subject_run import subject_end
from standins.fixtures import OPARL_FIXTURES
from tests.corpus_data import corpus_path

KARLSRUHE = OPARL_FIXTURES / "karlsruhe" / "file-contents"


def _title(file_id: str) -> str | None:
    return parse_text((KARLSRUHE / f"{file_id}.txt").read_text(encoding="utf-8")).title


def test_a_number_in_brackets_that_asks_nothing_stays_in_the_title() -> None:
    # "Betreuung volljähriger Personen, die nach § 1896 (1) BGB, ihre Angelegenheiten …"
    title = _title("608585")
    assert title is not None
    assert "§ 1896 (1) BGB" in title
    assert title.endswith("selbst besorgen können")


def test_a_numbered_session_stays_in_the_minutes_title() -> None:
    assert _title("660181") == "Niederschrift 1. Plenarsitzung des Gemeinderates"


def test_the_first_item_of_a_list_run_into_the_subject_still_ends_it() -> None:
    text = " Lärmschutz an der B 27 1. Wie hoch ist die Belastung? 2. Was ist geplant?"
    assert text[: subject_end(text)] == " Lärmschutz an der B 27"


def test_a_field_after_the_number_is_no_title() -> None:
    # "Vorlage Nr.: 2026/0121 Verantwortlich: Dez. 6" above the subject "Sozialer Wohnungsbau …"
    assert _title("676988") != "Verantwortlich: Dez. 6"


def test_a_joint_party_name_goes_with_the_senders_cell() -> None:
    # "Geschwindigkeitsanzeige in der Pfinzstraße" / "B ́90/DIE GRÜNEN-OR-Fraktion" run together
    assert _title("658774") == "Geschwindigkeitsanzeige in der Pfinzstraße"
    assert _title("678372") == "Radwegmarkierungen in der Killisfeldstraße"


def test_a_noun_ending_a_phrase_with_its_colon_is_no_empty_field() -> None:
    text = " Ausführungen im Hinblick auf das Grundverständnis zur angefragten Thematik:"
    assert subject_end(text) == len(text)
    empty = " Barrierefreie Haltestellen Datum:"
    assert empty[: subject_end(empty)] == " Barrierefreie Haltestellen"


@pytest.mark.parametrize(
    ("file_id", "factions"),
    [
        ("596469", ()),  # "Technologie-Consult Karlsruhe (TTK)": a company and its acronym
        ("587200", ()),  # "Stellungnahme Stadtplanung" / "Bundesanstalt für Immobilienaufgaben …"
        ("677040", ("SPD", "Bürgerliste")),  # a member line above "Gremien Termin TOP …"
        # "Bündnis 90/Die Grünen und SPD/BL. -Ortschaftsratsfraktion"
        ("666739", ("Bündnis 90/Die Grünen", "SPD", "BL")),
    ],
)
def test_no_faction_from_a_name_shaped_line(file_id: str, factions: tuple[str, ...]) -> None:
    text = (KARLSRUHE / f"{file_id}.txt").read_text(encoding="utf-8")
    assert parse_text(text).factions == factions


def test_an_acronyms_group_is_no_faction() -> None:
    # "1 GT-Gruppe" (a school's all-day groups) in a table run together: the "-Gruppe" label
    # names a council group only with a party the table knows ("SPD/Grüne-Gruppe")
    text = (KARLSRUHE / "647403.txt").read_text(encoding="utf-8")
    assert parse_text(SHAPES["flat"](text)).factions == ("SPD",)


def test_a_heading_for_two_questions_is_no_topic() -> None:
    # runs17's topic headings, in paragraphs (a shape the branch did not measure): Karlsruhe's
    # answer "Frage 1: Sind …?" … "Frage 2 + 3: Was hält …? Wird sie …?" read "Frage 2 +" as a
    # topic above an item "3:", and lost question 1
    text = corpus_path("karlsruhe-2018-0649-stellungnahme-linke-schulversicherungen").read_text(
        encoding="utf-8"
    )
    questions = parse_text(SHAPES["para"](text)).questions
    assert questions[0].startswith("Sind der Stadt Fälle bekannt")
    assert questions[1].startswith("Was hält die Stadt von derartigen Werbe-")


def test_a_run_of_fields_after_the_number_is_no_title() -> None:
    # paragraph text joins "Vorlage Nr.: 2021/0123 Verantwortlich: Dez. 5 Dienststelle: GBA" with
    # the subject below: the fields never open the title
    text = (KARLSRUHE / "622419.txt").read_text(encoding="utf-8")
    title = parse_text(SHAPES["para"](text)).title
    assert not (title or "").startswith("Verantwortlich:")
