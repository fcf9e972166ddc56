"""The group a faction phrase names, read from the phrase's structure, not from a list. Pure.

A faction phrase is a label around a name: "Fraktion X", "X-Fraktion", "X-Ortschaftsratsfraktion
Grötzingen", "X-OR-Fraktion", "Gruppe X / Y", "für die X-Fraktion", "Fraktion der X, der Fraktion
der Y und …". The name is what is left when the label, the signer's role, the seat ("im Rat der
Stadt …") and the council's abbreviation ("-OR", Ortschaftsrat) are taken off. The faction table
(fetcher.factions) only canonicalises what the phrase names ("DIE LINKE." → "Die Linke"); a name it
does not know is kept as written ("UWG", "Wählergemeinschaft Musterstadt", "Bürger für Lindenau").
"""

from __future__ import annotations

import re

from fetcher.factions import factions_in

# The signer's role or an article before the phrase: "für die", "im Namen der", "der".
_LEAD = re.compile(
    r"^(?:(?i:i\.\s*A\.\s*|stellvertretend\s+)?(?i:für|im\s+Namen|namens)\s+(?:der|die|den)\s+|"
    r"(?:der|die|den|von)\s+|(?:Die|Der)\s+(?=\w*(?i:fraktion|gruppe)))"
)
# A label before the name: "Fraktion", "Ratsfraktion", "Gemeinderatsfraktion der", "Gruppe".
_LABEL_BEFORE = re.compile(
    r"^(?:[\wäöüß]*(?:rats-|tags-)?fraktion(?:en)?|(?:rats|stadtrats|kreistags)?gruppe|"
    r"zählgemeinschaft)\s+(?:der\s+|von\s+|aus\s+)?",
    re.I,
)
# A label after the name: "-Fraktion", " Fraktion", "-OR-Fraktion", "-Gemeinderatsfraktion", and
# whatever follows it (the seat, the place, the rest of a sentence).
_LABEL_AFTER = re.compile(
    r"(?<=\S)(?:\s*[-–]\s*|\s+)(?-i:(?:OR|GR|SR|KT|BV|BVV|OBR)\s*[-–]\s*)?"
    r"(?:[\wäöüß]*fraktion|(?:[\wäöüß]*(?:rats|tags))?gruppe)(?:en)?"
    r"(?![\wäöüß])(?P<rest>.*)$",
    re.I,
)
# A council's own label before a single word: "Stadtratsfraktion Erlangen" names the place.
_COUNCIL_LABEL = re.compile(
    r"^(?:die\s+|der\s+)?\w+(?:rats|tags|beirats)(?:fraktion|gruppe)\s", re.I
)
# Councils abbreviated after a name once the label is gone: "FDP-OR" (Ortschaftsrat), "-GR".
_COUNCIL = re.compile(r"\s*[-–]\s*(?:OR|GR|SR|KT|BV|BVV|OBR)$|\s+(?:OR|GR|SR|KT|BVV|OBR)$")
# Where the group sits, or the sentence going on: ends the name ("… im Rat der Stadt X").
_SEAT = re.compile(
    r"\s+(?:im|in|des|zur|zum|vom|bei|bittet|bitten|hat|haben|ist|sind|beantragt|beantragen|"
    r"fragt|fragen|stellt|stellen|möchte|möchten)\s.*$|@.*$"
)
# The next field of a head run into one line ends the name: "Fraktion X Gegenstand: …".
_NEXT_FIELD = re.compile(
    r"\s+(?i:Gegenstand|Datum|Betreff|Eingang|Vorlage|Drucksache|Anfrage|Antrag|Gremium|Gremien|"
    r"Termin|Beratungsfolge)\b.*$"
)
# E-mail and web addresses, which name a faction's domain, not its name ("fraktion@spd-x.de").
# An e-mail address is tried from a word's start only: tried from every character, one long word
# without spaces made the search grow with the square of its length.
WEB_ADDRESS = re.compile(r"(?<!\S)\S+@\S+|www\.\S+|https?://\S+")
# Groups apart: a comma, "und", "&"; or a label right after a label, two signers' groups side by
# side in one row ("SPD-Fraktion Fraktion Bürgerliste Neudorf").
_SPLIT = re.compile(
    r"[,;]\s*(?:der\s+|die\s+)?|\s+und\s+(?:der\s+|die\s+)?|\s*&\s*|"
    r"(?<=[Ff]raktion)\s+(?=(?:[Ff]raktion|FRAKTION|Gruppe)\s)"
)
_SLASH = re.compile(r"\s*[/|]\s*")
# Words of a group's name that mark it as one without a label: "Wählergemeinschaft …",
# "… Liste …", "… Partei", "Bündnis …", "Unabhängige …", and acronyms ("UWG", "WIR").
GROUP_NAME_WORDS = r"(?:wähler\w*|liste|partei|bündnis|unabhängig\w*)(?![\wäöüß])"  # any case
# A group's acronym: capitals ("UWG", "WIR", "BIW"), or capitals around one small letter, the
# "für"/"im" of the name ("GfK": Gemeinsam für Karlsruhe, "BfB": Bürger für Bürger, "BiW").
ACRONYM = r"(?:[A-ZÄÖÜ]{2,6}|[A-ZÄÖÜ][a-zäöü][A-ZÄÖÜ]{1,2})"
_GROUP_WORD = re.compile(
    rf"{GROUP_NAME_WORDS}|(?<![\wÄÖÜäöüß-])(?-i:[A-ZÄÖÜ]{{2,}}[a-zäöü]?|"
    r"[A-ZÄÖÜ][a-zäöü][A-ZÄÖÜ]{1,2})(?![\wäöüß-])",
    re.I,
)
# An acronym ("UWG", "BfK", "WIR", "GfK"), a name of its own.
_SHORT_NAME = re.compile(r"[A-ZÄÖÜ]{2,}[a-zäöü]?[A-ZÄÖÜ]*|[A-ZÄÖÜ][a-zäöü][A-ZÄÖÜ]{1,2}")
_ARTICLES = {"Die", "Der", "Das"}
_CONNECTOR = {"für", "FÜR", "und", "der", "die", "am", "an", "ob", "&", "/", "-", "–", "e.V."}
_NOT_GROUP = re.compile(
    r"\b(?i:Rat|Rates|Stadt|Gemeinde|Bezirksvertretung|Kreistag|Landtag|Bundestag|Verwaltung|"
    r"Ausschuss\w*|Sitzung|Stadträt\w*|Stadtrat|Mitglied\w*|Abgeordnete\w*|Vorlage|Drucksache|"
    r"Anfrage|Antrag|Fraktion\w*|Geschäftsstelle|Vorsitz\w*|Bürgermeister\w*|Oberbürgermeister\w*|"
    # a member's role names a person: "Ratsmitglied Max Muster, CDU-Fraktion"
    r"\w*mitglied\w*|\w*verordnete\w*|Ratsherr\w*|Ratsfrau\w*|Einzel(?:stadt|gemeinde)?r[aä]t\w*|"
    r"Ortschaftsr\w*|Gemeinderät\w*|Bezeichnung|Kurzfassung|Betreff|Eingang|Datum|Gegenstand|"
    r"Herr|Herrn|Frau|"
    # an office named "für" something is no group ("Amt für Umwelt"; "Bürger für X" is one)
    r"Amt|Ämter|Referat|Dezernat|Fachbereich|Beauftragte\w*|Zentrum|Büro|Beirat|Stelle)\b|\d|[?!:;@()]|"
    r"^(?:OR|GR|SR|KT|BV|BVV|OBR)$|(?i:fraktion)"
)


def name_shaped(value: str) -> bool:
    """Return whether a value has the shape of a group's name: a few capitalised words."""
    words = value.split()
    if not 1 <= len(words) <= 5 or len(value) > 50 or not value[:1].isupper():
        return False
    if _NOT_GROUP.search(value):
        return False
    return all(
        w in _CONNECTOR or w[:1].isupper() or w[:1] in "/|&(" or _STYLISED.fullmatch(w)
        for w in words
    )


# A word a group prints in a case of its own: a small first letter before capitals ("DIE aNDERE").
_STYLISED = re.compile(r"[a-zäöü][A-ZÄÖÜ]{2,}[\wäöüß.-]*")


def group_like(value: str) -> bool:
    """Return whether a name-shaped value says by itself that it is a group ("UWG", "… Liste …").

    Joined names must each say so ("WIR/Freie Liste"), a title does not ("Ortsdurchfahrt
    Wolfartsweier/Müllabfuhr/Busverkehr/ÖPNV").
    """
    parts = _SLASH.split(value)
    if len(parts) > 1:
        return all(p and group_like(p) for p in parts)
    return name_shaped(value) and bool(
        factions_in(value) or _GROUP_WORD.search(value) or re.search(r"\s(?:für|FÜR)\s", value)
    )


def _bare(part: str, seat: bool = True) -> str:
    """Return the name in one phrase: label, role, article, seat and council taken off."""
    while True:  # a loop, not a call per label: a line of many labels is no deep recursion
        part = part.strip(" ,.;:-–\"„“”'")
        for _ in range(2):
            part = _LEAD.sub("", part)
            part = _LABEL_BEFORE.sub("", part)
        label = _LABEL_AFTER.search(part)
        named_after = label and re.match(
            r"\s+(?:der\s+|von\s+)?(?!(?:im|in|des|der)\b)[A-ZÄÖÜ]", label.group("rest")
        )
        before = name_before(part[: label.start()]) if label else ""
        joined = label and re.match(r"\s*[-–]", label.group(0))  # "X-Fraktion …": X is the name
        if label and named_after and not joined and not (factions_in(before) or group_like(before)):
            # "ANFRAGE Fraktion Bündnis 90/Die Grünen", "André Schollbach Fraktion DIE LINKE" (a
            # form's head run into one line): no group before the label, the name after it.
            part = label.group("rest")
            continue
        if label and label.start() > 0:  # "… stellt die SPD-Fraktion folgenden": the name before it
            # "Die X-Fraktion bittet …" opens a sentence; "Die X-Fraktion im Stadtrat" is a name.
            going_on = re.match(r"\s*(?!(?:im|in|des|der)\b)[a-zäöüß]", label.group("rest"))
            part = name_before(part[: label.start()], sentence=bool(going_on))
        else:  # "UWG im Rat der Stadt …": the name before its seat
            part = _NEXT_FIELD.sub("", part)
            part = _SEAT.sub("", part) if seat else part
            # "Die UWG": the article before an acronym is the sentence's; "Die PARTEI" is a name
            if not factions_in(part):
                part = re.sub(r"^(?:Die|Der)\s+(?=[A-ZÄÖÜ]{2,}(?![a-zäöüß]))", "", part)
        break
    part = _COUNCIL.sub("", part)
    part = re.sub(r"\s*\be\.\s?V\.?$", "", part)
    return part.strip(" ,.;:-–\"„“”'()")


def name_before(text: str, *, sentence: bool = True) -> str:
    """Return the capitalised words that end `text`: the name in front of a "-Fraktion" label."""
    kept: list[str] = []
    words = text.split()
    stop = ""
    for word in reversed(words):
        group_word = word[:1].isupper() or "/" in word or word in _CONNECTOR - {"und", "der", "die"}
        # "… Beschulung. Die X-Fraktion": a sentence ends before the name ("DIE LINKE." is one).
        abbreviation = re.search(r"[A-ZÄÖÜ]{2}|e\.V", word)
        sentence_end = bool(kept) and word.endswith(".") and not abbreviation
        letter = re.fullmatch(r"[A-ZÄÖÜ]", word) is not None  # "W" (a scan's stray letter)
        if len(kept) == 5 or not group_word or sentence_end or letter or re.search(r"[(:,;]", word):
            stop = word
            break
        if _NOT_GROUP.search(word.strip(".")) and not factions_in(word):
            stop = word
            break
        kept.insert(0, word)
    while kept and kept[0] in _CONNECTOR:
        kept.pop(0)
    # Run-together text has no line end before the name; two signs say where it starts:
    # a capital article inside the words starts it ("… Recyclingpapier Die Unabhängigen-
    # Fraktion", "Die Die Unabhängigen-Fraktion"), and an acronym joined to the label after
    # words that are no acronyms is the name alone ("Landeshauptstadt Dresden UWG-Fraktion").
    opening = next((i for i, w in enumerate(kept) if i and w in _ARTICLES), 0)
    if opening:
        stop, kept = kept[opening - 1], kept[opening:]
    if (
        len(kept) > 1
        and kept[-2] not in _ARTICLES
        and _SHORT_NAME.fullmatch(kept[-1])
        and not any(_SHORT_NAME.fullmatch(w) or "/" in w or w in _CONNECTOR for w in kept[:-1])
    ):
        stop, kept = kept[-2], kept[-1:]
    kept = _for_name_start(kept)
    name = " ".join(kept)
    # "Die UWG-Fraktion", "Die X-Fraktion bittet": the sentence's article; "der Die
    # Unabhängigen-Fraktion", a line "Die Unabhängigen-Fraktion im Stadtrat": the name's own.
    # "Die Die Unabhängigen-Fraktion hat …": the first article is the sentence's.
    after_article = (
        stop in {"der", "die", "den", "des", "dem", "von", "vom", "für", "zur"} | _ARTICLES
    )
    acronym = len(kept) > 1 and re.fullmatch(r"[A-ZÄÖÜ]{2,}", kept[1]) is not None
    article = len(kept) > 1 and kept[0] in {"Die", "Der", "Das"} and not after_article
    if article and (sentence or acronym) and not factions_in(name):
        name = " ".join(kept[1:])
    return name


# A word that may open a "… für <place>" name before its subject: an adjective in the strong plural
# ("Freie Bürger für …", "Unabhängige Bürger für …") or an article; not a street or a lane
# ("Steinkreuzstraße", "Rosengasse": the subject line above, run into the name).
_FOR_NAME_OPENER = re.compile(r"(?![\wäöüß]*(?:ße|sse)$)[A-ZÄÖÜ][a-zäöüß]+e|Die|Der|DIE")


def _for_name_start(kept: list[str]) -> list[str]:
    """Return the words of a "<subject> für <place>" name without the words run into it.

    "Bürger für Lindenau", "Gemeinsam für Karlsruhe": one word says who, "für" and the place
    follow. In text whose lines were run together the words of the line above come first
    ("… 100 Prozent Recyclingpapier Bürger für Lindenau-Fraktion", "Durlach Bürger für …"):
    before the subject only an adjective or an article belongs to the name. So in a name that an
    adjective and a group's word open ("… Recyclingpapier Freie Liste Neustadt").
    """
    if len(kept) < 3 or factions_in(" ".join(kept)):
        return kept
    # "… Recyclingpapier Freie Liste Neustadt": an adjective before a group's word opens the name
    # ("Freie Liste", "Unabhängige Wählergemeinschaft")
    for i in range(1, len(kept) - 1):
        if _FOR_NAME_OPENER.fullmatch(kept[i]) and _GROUP_WORD_ALONE.fullmatch(kept[i + 1]):
            return kept[i:]
    at = next((i for i, w in enumerate(kept) if w in {"für", "FÜR"}), 0)
    if at < 2:
        return kept
    start = at - 1
    while start > 0 and _FOR_NAME_OPENER.fullmatch(kept[start - 1]):
        start -= 1
    return kept[start:]


_GROUP_WORD_ALONE = re.compile(rf"\w*{GROUP_NAME_WORDS}", re.I)


def _names(name: str, labelled: bool = True) -> list[str]:
    """Return the groups one bare name gives: canonical where the table knows it, else as written.

    A slash joins two groups where one of them is known ("KAL/Die PARTEI", "UWG / Die Grünen",
    "FDP/FB", "SPD/BL"); a name the table does not know at all stays whole ("BürgerBündnis /
    Freie Bürger").
    """
    parts = _SLASH.split(name)
    if len(parts) > 1 and any(factions_in(p) for p in parts):
        found: list[str] = []
        for part in parts:
            found += _names(part, labelled) if not _SLASH.search(part) else []
        return list(dict.fromkeys(found))
    known = factions_in(name)
    if known:
        return known
    return [name] if (group_like(name) if not labelled else name_shaped(name)) else []


# A faction label ("Fraktion", "SPD-Ratsfraktion", "Gruppe", "Stadtratsgruppe"), not a company's
# "Mediengruppe".
# German has three words for a group of council members: Fraktion, Gruppe, Zählgemeinschaft.
LABEL_WORD = re.compile(
    r"fraktion|(?<![\wäöüß])(?:[\wäöüß]*(?:rats|tags))?gruppe|zählgemeinschaft", re.I
)
_LABELLED = re.compile(LABEL_WORD.pattern, re.I)


def phrase_names(phrase: str, *, labelled: bool = False, seat: bool = True) -> list[str]:
    """Return the groups a faction phrase names, in order, without repeats.

    "Für die UWG-Fraktion" → ["UWG"]; "Fraktion der UWG, der Fraktion der CDU und der Fraktion
    Bündnis 90/Die Grünen" → ["UWG", "CDU", "Bündnis 90/Die Grünen"]; "UWG-Ortschaftsratsfraktion
    Grötzingen" → ["UWG"]; "Fraktion in der Bezirksvertretung Köln-Lindenthal" → []. A part
    without a label of its own ("Marc Bernhard, AfD-Fraktion") names a group only when it says
    so itself (an acronym, "… Liste", "Wähler…", "… für …"): a person's name is no group.
    `labelled`: the caller read the label already (the name in "(X)" after a member's name);
    `seat=False`: the caller cut the name off where the sentence goes on, nothing more to cut.
    """
    found: list[str] = []
    # An address names no group: "info@spd-fraktion-dresden.de", "www.fraktion-x.de".
    phrase = WEB_ADDRESS.sub(" ", phrase)
    parts = _SPLIT.split(phrase.strip())
    # "Fraktionen CDU und UWG": a plural label names every part.
    labelled_all = labelled or bool(
        re.match(r"^(?:der\s+|die\s+)?\w*(?:fraktionen|gruppen|zählgemeinschaft)\s", phrase, re.I)
    )
    for part in parts:
        bare = _bare(part, seat)
        council = _COUNCIL_LABEL.match(part)
        single = re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)*", bare)
        if council and single and not factions_in(bare):
            continue  # "Stadtratsfraktion Erlangen": the council's label says where, a place
        if bare:
            labelled = labelled_all or bool(_LABELLED.search(part))
            found += [n for n in _names(bare, labelled) if n not in found]
    return found
