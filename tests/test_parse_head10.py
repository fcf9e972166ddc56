"""Kind and reference whatever the shape (issue 11, tenth round, branch head10).

The same real documents in the shapes other extractors deliver (bench.text_shapes: "para", one
line per paragraph; "flat", every page one line; "flatwrap", flat wrapped at 90 characters) give
the reference and kind their labels record (read off the documents by hand,
tests/corpus/dev/*.json). Texts: the committed Dresden answer letters and interim notices, and
Karlsruhe forms rebuilt from the fetched snapshot (skipped without ../.mirror). Every document
test here fails on main c6c7feb.
"""

from __future__ import annotations

import pytest

from bench.text_shapes import SHAPES
from fetcher.parse import parse_text
from fetcher.parse.letter_head import subject_reference
from tests.corpus_data import corpus_path, dev_label


def _shaped(name: str, shape: str) -> str:
    return SHAPES[shape](corpus_path(name, "dev").read_text("utf-8"))


# Answer letters of the Oberbürgermeisterin and interim notices: the subject block ends in the
# inquiry's number ("Fernbuslinien" / "AF0028/14") or names it ("Zwischenbescheid zur
# schriftlichen Anfrage AF2008/13"); run together, the subject runs on into the salutation.
_LETTERS = [
    "dresden-AF0028-14-antwort-cdu-fernbuslinien",
    "dresden-AF2008-13-zwischenbescheid-jugendhaeuser",
    "dresden-AF2010-13-zwischenbescheid-eeg-umlage",
    "dresden-AF2016-13-antwort-erster-buergermeister-fragerecht",
    "dresden-AF2022-13-antwort-gez-gebuehren",
    "dresden-AF2250-13-antwort-linke-schallschutz-kleingaerten",
    "dresden-AF2997-14-antwort-spd-runder-tisch-wohnen",
]


@pytest.mark.parametrize("shape", ["para", "flat", "flatwrap"])
@pytest.mark.parametrize("name", _LETTERS)
def test_letter_subject_run_into_the_salutation_gives_its_number(name: str, shape: str) -> None:
    """A letter's subject run together with the address above and the salutation below still
    gives the inquiry's number printed at its end or named in it ('… AF2008/13 Sanierung …
    Sehr geehrter Herr Hoffsommer,')."""
    assert parse_text(_shaped(name, shape)).reference == dev_label(name)["reference"]


def test_numbers_before_a_salutation_that_are_no_paper() -> None:
    """A file number, a phone number, a postcode line or a parcel before a run-in salutation
    is not the letter's own number."""
    for line in (
        "Herrn Stadtrat Jens Hoffsommer Az.: 61.2/123-45 Sehr geehrter Herr Hoffsommer,",
        "Bürgerbüro Telefon 0351/4881234 Sehr geehrte Frau Lässig,",
        "Gartenweg 3 01067 Dresden Sehr geehrte Frau Lässig,",
        "Verkauf Flurstück 123/4 Sehr geehrter Herr Schulze,",
    ):
        assert subject_reference([line]) is None, line
