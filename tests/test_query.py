"""The /suche query language (storage.query): terms, phrases, negation, filters, Aktenzeichen."""

from __future__ import annotations

from datetime import date

import pytest

from storage.query import MAX_QUERY_CHARS, QueryError, ShortPrefixError, parse_query


def test_terms_are_stems() -> None:
    """Plain words become stems that must all match."""
    q = parse_query("Schulen Radweg")
    assert q.terms == ("schul", "radweg")
    assert (q.phrases, q.excluded) == ((), ())
    assert not q.is_empty


@pytest.mark.parametrize("text", ['"Haus der Jugend"', "„Haus der Jugend“", "»Haus der Jugend«"])
def test_quoted_phrase(text: str) -> None:
    """Straight and German quotes make a phrase (stop words inside are dropped)."""
    assert parse_query(text).phrases == (("haus", "jugend"),)


def test_negation_of_word_and_phrase() -> None:
    """-wort and -"…" exclude."""
    q = parse_query('Radweg -Parkplatz -"Tempo 30"')
    assert q.terms == ("radweg",)
    assert q.excluded == (("parkplatz",), ("tempo", "30"))


def test_prefix_star() -> None:
    """A trailing * on a word of 3+ letters asks for a prefix; a lone * is ignored."""
    assert parse_query("Kita*").prefixes == ("kita",)
    assert parse_query("Sta*").prefixes == ("sta",)
    q = parse_query("* Kita")
    assert (q.terms, q.prefixes) == (("kita",), ())


@pytest.mark.parametrize("text", ["Ki*", "Schule S*", "kommune:Leipzig St**"])
def test_short_prefix_is_refused_with_a_hint(text: str) -> None:
    """One or two letters before * raise ShortPrefixError, a QueryError telling the rule."""
    with pytest.raises(ShortPrefixError) as info:
        parse_query(text)
    assert isinstance(info.value, QueryError)
    assert str(info.value).startswith("Bitte mindestens 3 Buchstaben vor *")


def test_filters() -> None:
    """kommune:, fraktion:, typ: and seit: are read, with quotes and German dates."""
    q = parse_query('Kita kommune:"Bad Homburg" fraktion:Grüne typ:Anfragen seit:31.01.2024')
    assert q.kommune == "Bad Homburg"
    assert q.faction == "Bündnis 90/Die Grünen"
    assert q.kinds == ("Anfrage",)
    assert q.since == date(2024, 1, 31)
    assert q.terms == ("kita",)


def test_typ_alle_and_several() -> None:
    """typ:alle means no kind filter; typ:Antrag,Vorlage allows two kinds."""
    assert parse_query("typ:alle Kita").kinds == ()
    assert parse_query("typ:Antrag,Vorlage Kita").kinds == ("Antrag", "Vorlage")


def test_unknown_faction_falls_back_to_text() -> None:
    """A faction the table does not know is matched as typed."""
    assert parse_query("fraktion:Piratenbande").faction == "Piratenbande"


@pytest.mark.parametrize(
    ("text", "reference", "key"),
    [
        ("2019/1154", "2019/1154", "2019/1154"),
        ("VII-F-08632", "VII-F-08632", "VII-F-8632"),
        ("F-00724/14 Kita", "F-00724/14", "F-724/14"),
        ("Anfrage VII-F-08507-AW-01", "VII-F-08507-AW-01", "VII-F-8507-AW-1"),
    ],
)
def test_aktenzeichen_detected(text: str, reference: str, key: str) -> None:
    """An Aktenzeichen is recognised with its normalised key and also searched as a phrase."""
    q = parse_query(text)
    assert (q.reference, q.reference_key) == (reference, key)
    assert q.phrases


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x" * (MAX_QUERY_CHARS + 1), "Suchanfrage zu lang (max. 300 Zeichen)."),
        ("seit:2024-02-30", "Datum „2024-02-30“ nach seit: nicht erkannt"),
        ("seit:gestern", "Datum „gestern“ nach seit: nicht erkannt"),
        ("typ:Brief", "Unbekannter Typ „Brief“"),
        ("kommune:", "Nach kommune: fehlt ein Wert"),
        (" ".join(f"wort{n}" for n in range(25)), "Zu viele Suchbegriffe (max. 20)."),
    ],
)
def test_errors_are_friendly(text: str, message: str) -> None:
    """Bad input raises QueryError with a German message for the user."""
    with pytest.raises(QueryError) as info:
        parse_query(text)
    assert str(info.value).startswith(message)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "der die das",
        "AND OR NOT NEAR",
        '"',
        '""',
        "- -- ---",
        "* ** ***",
        "🚲🙂",
        "\x00\x1b",
        "'; DROP TABLE paper; --",
        "Schule\u200b\u202e",
        '"unbalanced',
        "x" * MAX_QUERY_CHARS,
    ],
)
def test_odd_input_parses(text: str) -> None:
    """Odd input gives a valid query (possibly empty) and never another exception."""
    q = parse_query(text)
    assert all(t.isalnum() and t.isascii() for t in q.terms)


def test_stopwords_only_is_empty() -> None:
    """A query of stop words only is empty: the bot answers "nichts gefunden"."""
    assert parse_query("der die das").is_empty
    assert not parse_query("kommune:Leipzig").is_empty
