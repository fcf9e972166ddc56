"""German text normalisation: folding, stems, compound parts (storage.textnorm)."""

from __future__ import annotations

import pytest

from storage import textnorm
from tests.fixtures_path import OPARL_FIXTURES


def test_tokens_fold_umlauts_and_drop_punctuation() -> None:
    """Tokens are lower case, umlauts and ß folded, punctuation and emoji dropped."""
    assert textnorm.tokens("Straße, Grünfläche & Café 🚲 (Nr. 30)!") == [
        "strasse",
        "grunflache",
        "cafe",
        "nr",
        "30",
    ]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Schulen", "Schule"),
        ("Grüne", "Gruene"),
        ("Straße", "Strasse"),
        ("Bäume", "Baum"),
        ("Anfragen", "Anfrage"),
        ("08632", "8632"),
    ],
)
def test_word_forms_share_a_stem(a: str, b: str) -> None:
    """Inflected forms, ae/ä spellings and zero-padded numbers stem alike."""
    assert textnorm.query_stems(a) == textnorm.query_stems(b)


def test_stopwords_are_dropped() -> None:
    """Stop words give no query stems, but the noun "Weg" is kept."""
    assert textnorm.query_stems("der die das und oder") == []
    assert textnorm.query_stems("der Weg") == ["weg"]


@pytest.mark.parametrize(
    ("compound", "part"),
    [
        ("Grundschulsanierung", "Grundschule"),
        ("Grundschulsanierung", "Schule"),
        ("Grundschulsanierung", "Sanierung"),
        ("Grundschulneubau", "Grundschule"),
        ("Radverkehrskonzept", "Verkehr"),
        ("Radverkehrskonzept", "Radverkehr"),
        ("Spielplatzsanierung", "Spielplatz"),
        ("Schulhof", "Schule"),
        ("Gemeinderatssitzung", "Gemeinderat"),
    ],
)
def test_compound_contains_its_parts(compound: str, part: str) -> None:
    """A compound's index stems contain the query stem of each known part."""
    assert set(textnorm.query_stems(part)) <= textnorm.stems(compound)


@pytest.mark.parametrize(
    ("word", "not_part"),
    [
        ("Schulden", "Schule"),
        ("Schultern", "Schule"),
        ("Gesamtkosten", "Amt"),
        ("deswegen", "Weg"),
        ("Antworten", "Ort"),
        ("Nachteile", "Teil"),
        ("feststellen", "Stelle"),
        ("Demokraten", "Rat"),
    ],
)
def test_no_false_compound_split(word: str, not_part: str) -> None:
    """Words that merely contain a part's letters are not split."""
    assert not set(textnorm.query_stems(not_part)) <= textnorm.stems(word)


def test_keyword_matching_recipe_on_real_text() -> None:
    """The Karlsruhe text saying only "Grundschulneubau" matches the keyword "Grundschule"."""
    texts = (OPARL_FIXTURES / "karlsruhe" / "file-contents").glob("*.txt")
    text = next(t.read_text("utf-8") for t in texts if "Grundschulneubau" in t.read_text("utf-8"))
    assert "Grundschule " not in text
    assert set(textnorm.query_stems("Grundschule")) <= textnorm.stems(text)
    assert not set(textnorm.query_stems("Grundschuld")) <= textnorm.stems(text)


def test_compound_parts_only_for_long_alphabetic_words() -> None:
    """Short words and words with digits are not analysed as compounds."""
    assert textnorm.compound_parts("schulhof") == frozenset({"schul", "hof"})
    assert textnorm.compound_parts("kita") == frozenset()
    assert textnorm.compound_parts("schule2024") == frozenset()
