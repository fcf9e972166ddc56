"""German text normalisation for search and keyword matching: tokens, stems, compound parts. Pure.

Pipeline: NFKC → lower case → ä/ö/ü → a/o/u, ß → ss, other accents stripped → runs of [a-z0-9]
(punctuation, emoji and symbols are separators) → stop words dropped → Snowball German stem
(snowballstemmer ≥ 3, which also maps typed "ae/oe/ue" to the plain vowel, so "Grüne", "Gruene" and
"Grune" all stem to "grun"; "Straße" and "Strasse" to "strass").

Compounds ("Grundschulsanierung"): German glues nouns together, so a plain stem index does not find
"Grundschulsanierung" for "Grundschule" or "Sanierung". `compound_parts` scans a long token for
known parts (`_PARTS`, ~250 everyday council nouns such as Schule, Sanierung, Verkehr, Straße,
Platz, Kita) at plausible boundaries (≥ 3 letters before a part; after it nothing, an inflection
ending, another known part, or ≥ 5 more letters) and returns, for every part found, its stem, the
stem of the head before it and of the tail from it:

    compound_parts("grundschulsanierung")
      → {"schul", "sanier", "grund", "grundschul", "schulsanier"}

So "Grundschule", "Schule", "Sanierung" and "Schulsanierung" all find "Grundschulsanierung".

Use: index side `stems(text)` (plain stems ∪ compound parts); query/keyword side `query_stems(text)`
(plain stems only, in order). A keyword matches a text when
`set(query_stems(keyword)) <= stems(text)`.

Limits: only parts in `_PARTS` are recognised (a compound of two unknown words is only found by its
own stem or its known neighbours); a query compound is not split, so "Radverkehr" does not find
"Verkehr mit dem Rad"; rare false splits remain ("Gesamtkosten" contains "Amt" is blocked, others
may not be); stop words are dropped on both sides, so "Haus der Jugend" also matches "Haus Jugend".
Stemming and compound analysis are cached per word (200k words each): a 5 kB council text takes
about 0.6 ms once its words are cached, ~3 ms with a cold cache (measured on the Karlsruhe texts).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]  # ships without type hints

# Bump when the output of `stems`/`index_terms` changes: storage.search rebuilds its index then.
VERSION = 1

MAX_TOKEN_CHARS = 40
COMPOUND_MIN_CHARS = 8

_COMBINING = re.compile("[\u0300-\u036f]+")
_WORD = re.compile(r"[a-z0-9]+")
_STEMMER = snowballstemmer.stemmer("german")

_STOPWORD_TEXT = """
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer
    anderes anderm andern anders auch auf aus bei bin bis bist da damit dann das dass dasselbe
    dazu dein deine deinem deinen deiner dem demselben den denn denselben der derer derselbe
    derselben des desselben dessen dich die dies diese dieselbe dieselben diesem diesen dieser
    dieses dir doch dort du durch ein eine einem einen einer eines einig einige einigem
    einigen einiger einiges einmal er es etwas euch euer eure eurem euren eurer eures fur
    gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre
    ihrem ihren ihrer ihres im in indem ins ist jede jedem jeden jeder jedes jene jenem jenen
    jener jenes jetzt kann kein keine keinem keinen keiner keines konnen konnte machen man
    manche manchem manchen mancher manches mein meine meinem meinen meiner meines mich mir mit
    muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen
    seiner seines selbst sich sie sind so solche solchem solchen solcher solches soll sollte
    sondern sonst uber um und uns unsere unserem unseren unserer unseres unter viel vom von
    vor wahrend war waren warst was weg weil weiter welche welchem welchen welcher welches
    wenn werde werden wie wieder will wir wird wirst wo wollen wollte wurde wurden zu zum zur
    zwar zwischen
"""
# "Weg" is a noun too (Radweg, Schulweg): keep it.
STOPWORDS = frozenset(_STOPWORD_TEXT.split()) - {"weg"}

# Everyday nouns of council papers that appear inside compounds. Written plainly; stemmed on import.
_PART_WORDS = """
    abfall abwasser amt ampel anfrage angebot anlage antrag arbeit arzt ausbau ausschuss bad
    bahn bahnhof bau baum bebauung bedarf behinderung beirat beitrag bericht beteiligung
    betreuung betrieb bezirk bibliothek bildung brucke burger bus dach denkmal dienst digital
    dorf einwohner eltern energie entwicklung erhalt familie feuerwehr finanz flache
    fluchtling forderung fraktion frau freizeit friedhof fuss garten gebaude gebuhr gelande
    gemeinde gesellschaft gesundheit gewerbe grund grundschule grundstuck gruppe gymnasium
    hafen halle haltestelle handel haus haushalt heim hilfe hof hort hunde integration
    investition jahr jugend kanal kind kinder kindergarten kirche kita klima klinik konzept
    kosten kraft krankenhaus kreuzung kultur kunst laden land larm leistung licht linie
    luft markt mensch miete mittel mobilitat museum musik nahverkehr netz neubau nutzung
    ordnung ort park parkplatz personal pflege plan planung platz polizei programm projekt
    quartier rad radweg rat raum rettung sanierung satzung schule schuler schutz schwimmbad
    see senior sicherheit sozial spiel spielplatz sport sportplatz stadt stadtrat standort
    station steuer strasse strom tag teil tempo theater tier tourismus turnhalle
    uberweg umbau umwelt unterkunft unterricht verein verfahren verkehr verkehrs versorgung
    vertrag verwaltung viertel wagen wald wasser weg wirtschaft wohnung wohnen zentrum zone
    zug
"""
_PARTS = frozenset(_STEMMER.stemWord(w) for w in _PART_WORDS.split())
_PART_LENGTHS = tuple(sorted({len(p) for p in _PARTS}, reverse=True))
# A part inside these longer words is no part: "Gesamtkosten" holds no "Amt", "deswegen" no "Weg".
_FALSE_HOSTS = (
    "gesamt", "samt", "wegen", "hoff", "grad", "parad", "stadium", "schaden", "wort", "sport",
    "export", "report", "krat", "quartier", "urteil", "vorteil", "nachteil", "anteil", "apparat",
    "referat", "separat",
)  # fmt: skip
# Endings after which a part still ends its word ("Schulen", "Platzes").
_ENDINGS = frozenset({"e", "en", "n", "s", "es", "er", "ern", "em"})
# Fugen-elements between compound parts ("Verkehr-s-planung", "Straße-n-bahn").
_LINKS = ("", "s", "n", "e", "en", "es", "er")


def fold(text: str) -> str:
    """Return text in lower case with umlauts and ß folded and other accents removed."""
    text = unicodedata.normalize("NFKC", text).lower()
    if text.isascii():
        return text
    text = text.replace("ä", "a").replace("ö", "o").replace("ü", "u").replace("ß", "ss")
    # NFKD splits "é" into "e" + U+0301; dropping the combining marks leaves the base letter.
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def tokens(text: str) -> list[str]:
    """Return the folded words of text in order (stop words kept, over-long junk dropped)."""
    return [t for t in _WORD.findall(fold(text)) if len(t) <= MAX_TOKEN_CHARS]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Return the Snowball German stem of a folded word (numbers without leading zeros)."""
    if word.isdigit():
        # "VII-F-08632" and "F-724/14" are cited with and without zero padding.
        return word.lstrip("0") or "0"
    result: str = _STEMMER.stemWord(word)
    return result


def _content_tokens(text: str) -> list[str]:
    return [t for t in tokens(text) if t not in STOPWORDS and (len(t) > 1 or t.isdigit())]


def query_stems(text: str) -> list[str]:
    """Return the stems of text in order, without stop words and one-letter words (query side)."""
    return [stem(t) for t in _content_tokens(text)]


def index_terms(text: str) -> list[str]:
    """Return the positional index terms of text: its stems in order (same as `query_stems`)."""
    return query_stems(text)


def _part_at(token: str, i: int) -> tuple[str, bool] | None:
    """Return (known part starting at i, whether a word boundary follows it) or None."""
    for length in _PART_LENGTHS:
        part = token[i : i + length]
        if len(part) == length and part in _PARTS:
            if _ends_well(token, i + length):
                return part, True
            # "sanierung" holds the part "sanier" though "ung" is no ending: its tail stems to it.
            if stem(token[i:]) == part:
                return part, False
    return None


def _ends_well(token: str, end: int) -> bool:
    rest = token[end:]
    if not rest or rest in _ENDINGS or len(rest) >= 5:
        return True
    # Short rest: only if another known part follows, after an optional Fugen-element ("Schulhof").
    for link in _LINKS:
        if rest.startswith(link):
            tail = rest[len(link) :]
            if any(tail[:n] in _PARTS for n in _PART_LENGTHS if n <= len(tail)):
                return True
    return False


def _falsely_hosted(token: str, start: int, end: int) -> bool:
    for host in _FALSE_HOSTS:
        pos = token.find(host)
        while pos != -1:
            if pos <= start and end <= pos + len(host):
                return True
            pos = token.find(host, pos + 1)
    return False


@lru_cache(maxsize=200_000)
def compound_parts(token: str) -> frozenset[str]:
    """Return extra stems for a folded compound token: known parts, heads and tails around them."""
    if len(token) < COMPOUND_MIN_CHARS or not token.isalpha():
        return frozenset()
    own = stem(token)
    found: set[str] = set()
    for i in range(len(token) - 2):
        if 0 < i < 3:
            continue
        hit = _part_at(token, i)
        if hit is None or _falsely_hosted(token, i, i + len(hit[0])):
            continue
        part, boundary = hit
        found.add(part)
        if i > 0:
            found.add(stem(token[:i]))
            found.add(stem(token[i:]))
        end = i + len(part)
        if boundary and len(token) - end >= 3:
            found.add(stem(token[:end]))
    found.discard(own)
    return frozenset(p for p in found if len(p) >= 3)


def compound_terms(text: str) -> set[str]:
    """Return the compound-part stems of every long word in text (non-positional index column)."""
    return _compound_terms(set(_content_tokens(text)))


def _compound_terms(words: set[str]) -> set[str]:
    result: set[str] = set()
    for word in words:
        result |= compound_parts(word)
    return result


def stems(text: str) -> set[str]:
    """Return every index stem of text: plain stems plus compound parts (document side)."""
    words = set(_content_tokens(text))
    return {stem(w) for w in words} | _compound_terms(words)
