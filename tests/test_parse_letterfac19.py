"""Factions in letters: the party after a signer's name and role, signers side by side with their
parties in the row below, and a person's name that ends (or is) no group's name.

Texts: real dev documents (tests/corpus/dev/: a Nordstemmen letter, Karlsruhe forms) with
their submitter phrase put into another phrasing by bench.faction_variants (its `phrases` and
`rewrite`, the variant's template as the bench uses it); the expected factions come from the
document's label. Every test fails on main 7743b70.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from bench.faction_names import _known_swap
from bench.faction_variants import END, VARIANTS, phrases, rewrite
from bench.text_shapes import flat, paragraphs
from fetcher.parse import parse_text
from tests.corpus_data import CORPUS, corpus_path

NORDSTEMMEN = "nordstemmen-DS-34-2023-anfrage-gruene-mehrzweckhalle"
GFK = "karlsruhe-2016-0675-anfrage-gfk-kita-bgh"
AFD = "karlsruhe-2025-0149-anfrage-afd-bahnuebergaenge"
GROETZINGEN = "karlsruhe-2021-or-groetzingen-antrag-spd-ganztagesgrundschule"


def _label(name: str) -> dict[str, Any]:
    label: dict[str, Any] = json.loads((CORPUS / "dev" / f"{name}.json").read_text("utf-8"))
    return label


def _rewritten(name: str, variant: str) -> tuple[str, str]:
    """Return the document in the variant's phrasing and the party put in."""
    text = corpus_path(name, "dev").read_text("utf-8")
    read = phrases(text, _label(name))
    assert read, f"no submitter phrase in {name}"
    found, parties = read
    chosen = VARIANTS[variant]
    return rewrite(text, found, chosen.template.format(p=parties[0]), chosen.place), parties[0]


@pytest.mark.parametrize(
    ("variant", "shape"),
    [
        ("signature: Name / Stadträtin / X", None),
        ("signature: Name / Stadträtin / X", flat),
        ("signature: Name / Stadtrat X", None),
        ("signature: Name / Stadtrat X", paragraphs),
        ("signature: Name / X-Stadträtin", None),
    ],
)
def test_party_after_the_signers_name_and_role(
    variant: str, shape: Callable[[str], str] | None
) -> None:
    """Nordstemmen's Grünen inquiry signed 'Anna Schmidt' / 'Stadträtin' / 'Bündnis 90/Die
    Grünen' (or 'Stadtrat Bündnis 90/Die Grünen', 'Bündnis 90/Die Grünen-Stadträtin'): the
    party printed after the signer's name and role is the submitter's group."""
    text, _ = _rewritten(NORDSTEMMEN, variant)
    text = shape(text) if shape else text
    assert parse_text(text).factions == ("Bündnis 90/Die Grünen",)


@pytest.mark.parametrize("shape", [None, flat, paragraphs])
def test_signers_side_by_side_with_their_parties_below(shape: Callable[[str], str] | None) -> None:
    """Two signers in one row, their parties in the row below ('Anna Schmidt      Peter Müller'
    / 'Bündnis 90/Die Grünen      SPD'): each signer's party is named, as printed and run
    together."""
    text = corpus_path(NORDSTEMMEN, "dev").read_text("utf-8")
    read = phrases(text, _label(NORDSTEMMEN))
    assert read
    found, parties = read
    both = [parties[0], _known_swap(_label(NORDSTEMMEN))]
    rows = f"Anna Schmidt{' ' * 21}Peter Müller\n{both[0]:<33}{both[1]}"
    text = rewrite(text, found, f"Mit freundlichen Grüßen\n\n{rows}", END)
    text = shape(text) if shape else text
    assert set(parse_text(text).factions) == {"Bündnis 90/Die Grünen", both[1]}


def test_signer_after_for_the_faction_is_no_group() -> None:
    """Karlsruhe 2016/0675 (GfK) signed 'für die Fraktion GfK' / 'Anna Schmidt', run together:
    the signer's name after the group's acronym is no part of it ('GfK', not 'GfK Anna
    Schmidt')."""
    text, _ = _rewritten(GFK, "signature: für die Fraktion X / Name")
    assert parse_text(flat(text)).factions == ("GfK",)


@pytest.mark.parametrize("shape", [flat, paragraphs])
def test_chair_named_under_the_letterhead_is_no_group(shape: Callable[[str], str]) -> None:
    """Karlsruhe 2025/0149 under the letterhead 'AfD-Fraktion im Gemeinderat Musterstadt' /
    'Fraktionsvorsitzender Karl Brandt': the chair is a person, not a group."""
    text, _ = _rewritten(AFD, "letterhead: X-Fraktion / Fraktionsvorsitzender Name")
    assert parse_text(shape(text)).factions == ("AfD",)


def test_joint_head_ends_before_the_date_field() -> None:
    """Karlsruhe Grötzingen's SPD motion headed 'Interfraktionelle Anfrage' / 'der Fraktionen
    SPD und <second party>' / 'Datum 17.05.2023', run together: the date's field ends the list
    of groups, each group is named."""
    text = corpus_path(GROETZINGEN, "dev").read_text("utf-8")
    read = phrases(text, _label(GROETZINGEN))
    assert read
    found, parties = read
    second = _known_swap(_label(GROETZINGEN))
    head = VARIANTS["head: der Fraktionen X und Y / Datum"].template.format(
        pp=f"{parties[0]} und {second}"
    )
    text = flat(rewrite(text, found, head, "top"))
    assert set(parse_text(text).factions) == {"SPD", second}


def test_party_alone_opening_a_text_run_together() -> None:
    """Landtag 19/11138 with the party alone as its letterhead ('CDU' above 'Niedersächsischer
    Landtag – 19. Wahlperiode'), run together: the text opens with the party, the submitter's
    group."""
    name = "LANDTAG-niedersachsen-19-11138-kleine-anfrage-mit-antwort"
    text, party = _rewritten(name, "letterhead: party alone")
    assert party == "CDU"
    assert parse_text(flat(text)).factions == ("CDU",)
