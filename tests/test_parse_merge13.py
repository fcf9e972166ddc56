"""What the thirteenth round's branches did to the Karlsruhe fixture texts as printed, found in the
dump of every parsed field over the 1,977 texts after the merges and mended (each test fails on
the merged main 99a12d6): a chart's axis and a table's row of signed numbers are no page foot with
the paper's number (refs13), an item's own "Gewässer 2. Ordnung" is no next list label, and a
form's head of short field lines is no head run together (flatpdf13)."""

from __future__ import annotations

import pytest

from fetcher.model import ParsedDocument
from fetcher.parse import parse_text
from tests.fixtures_path import OPARL_FIXTURES

CONTENTS = OPARL_FIXTURES / "karlsruhe" / "file-contents"


def _parsed(number: int) -> ParsedDocument:
    return parse_text((CONTENTS / f"{number}.txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "number",
    [
        594295,  # statistics: "-50-40-30-20-100102030405060708090100110120" (a chart's axis)
        599982,  # a Kita forecast: "-42-38-80" (a table row of changes)
        599984,
    ],
)
def test_signed_numbers_at_a_page_end_are_no_reference(number: int) -> None:
    assert _parsed(number).reference is None


@pytest.mark.parametrize("number", [628707, 633224])  # the inquiry 2021/1207 and its answer
def test_a_number_inside_the_first_question_is_no_next_label(number: int) -> None:
    parsed = _parsed(number)
    assert parsed.reference == "2021/1207"
    assert len(parsed.questions) == 9
    assert parsed.questions[0].startswith("Wie viele laufende Meter Gewässer 2. Ordnung")


def test_an_agenda_head_of_short_field_lines_keeps_its_two_groups() -> None:
    # "Punkt 26 der Tagesordnung: Willkommenshaus Karlsruhe: aktueller Sachstand" /
    # "Interfraktionelle Anfrage: GRÜNE, SPD": a title's colon before a lower-case word is no cell
    assert _parsed(643292).submitters == ("GRÜNE", "SPD")
