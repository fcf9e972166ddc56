"""The names a paper's type goes by, read as a class: "<qualifier> Anfrage", "<X>antrag". Pure.

German councils name an inquiry "Kleine Anfrage", "Dringliche Anfrage", "Mündliche Anfrage",
"Ratsanfrage", "Einwohneranfrage" …, a motion "Dringlichkeitsantrag", "Interfraktioneller Antrag",
"Prüfantrag" … The head nouns are a word list (the language's own: Anfrage, Antrag); what comes
before an inquiry is not: any qualifier adjective ("<word>e", "<word>er", "<word>es") before the
bare noun, or the first part of a compound ("Rats-", "Einwohner-", "Bürger-"). A motion's
compounds stay a word list, the motion types of rules of procedure ("Dringlichkeits-", "Prüf-" …):
"Beschlussantrag", "Bauantrag" or "Förderantrag" are no council motion. Articles, pronouns and
the adjectives of running prose ("die Anfrage", "folgende Anfrage", "unsere Anfrage") are no
qualifier of a type line.

A form may print its type as a labelled field ("Vorlageart: Anfrage", "Art der Vorlage: Anfrage",
"Dokumenttyp: Antrag"): the label names the field, its value is the type line. A number label
carrying a type word ("Anfrage Nr.: AF0028/14", "Vorlage Nr.: 2016/0153", "Anfrage-Nr. VII-F-…")
names the paper's number field, not its type line: the type line is looked for below it, the
number label's word is the type only when no type line follows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.classify import kind_from_paper_type
from fetcher.parse.form_fields import column_value, type_after_number
from fetcher.parse.kind_wording import NOT_AFTER_LOWER, NOTICE_TYPE

# Words that stand before a type noun in prose, never in a type line.
_NOT_QUALIFIER = (
    r"(?!(?:die|der|das|den|dem|des|eine[mnrs]?|diese[mnrs]?|jene[mnrs]?|ihre[mnrs]?"
    r"|unsere[mnrs]?|eure[mnrs]?|meine[mnrs]?|seine[mnrs]?|keine[mnrs]?|jede[mnrs]?"
    r"|welche[mnrs]?|folgende[mnrs]?|obige[mnrs]?|o\.\s*g\.|genannte[mnrs]?|vorliegende[mnrs]?"
    r"|letzte[mnrs]?|erste[mnrs]?|weitere[mnrs]?|neue[mnrs]?|alle|beide[mnrs]?|solche[mnrs]?"
    r"|entsprechende[mnrs]?|diesbezügliche[mnrs]?|betreffende[mnrs]?|gleiche[mnrs]?)\s)"
)
# nouns that end like an adjective ("Informationsvorlage Anfrage der …": a type, then a subject)
_NOT_AN_ADJECTIVE = r"(?![A-Za-zÄÖÜäöüß]*(?:vorlage|nahme|frage|sache|schrift|ordnung)\s)"
QUALIFIER = _NOT_QUALIFIER + _NOT_AN_ADJECTIVE + r"[A-Za-zÄÖÜäöüß]{3,}(?:e|er|es)\s+"
# "<qualifier> Anfrage", "<qualifier> Antrag", compounds ("Ratsanfrage", "Dringlichkeitsantrag").
# An inquiry under another name: "Auskunftsersuchen", "Fragen an den Magistrat", "Fragen an die
# Verwaltung" (questions addressed to an office by its title).
# A question put by a member in writing or for the question time: "Schriftliche Frage",
# "Mündliche Frage", "Frage des Stadtrats …", "Frage der Stadtverordneten …" (councils and
# parliaments whose rules of procedure call a member's inquiry a Frage).
_MEMBER = (
    r"(?:Stadtr|Gemeinder|Kreisr|Ortschaftsr|Ortsbeir|Bezirksr)(?:at|ät)\w*|Ratsmitglied\w*"
    r"|Ratsherr\w*|Ratsfrau|Stadtverordnete\w*|Bezirksverordnete\w*|Abgeordnete\w*"
)
OTHER_INQUIRY = (
    r"Auskunftsersuchen|Fragen\s+an\s+(?:den|die|das)\s+(?-i:[A-ZÄÖÜ])[\w-]*"
    rf"|(?:schriftliche|mündliche)\s+Fragen?|Frage\s+(?:des|der)\s+(?:{_MEMBER})"
)
_MOTION_PARTS = (
    r"Dringlichkeits|Änderungs|Ergänzungs|Prüf|Sach|Haushalts|Fraktions|Gruppen|Eil|Zusatz"
    r"|Geschäftsordnungs|Ersetzungs|Initiativ|Berichts"
)
# A motion named for what it asks the office to do: "Prüfauftrag", "Berichtsauftrag" (and
# "Berichtsantrag" among _MOTION_PARTS): a motion like "Prüfantrag", never an inquiry.
MOTION_ORDER = r"(?:Prüf|Berichts)auftrag"
MOTION_TYPE = re.compile(rf"(?:{_MOTION_PARTS})antrag|{MOTION_ORDER}", re.I)
TYPE_NAME = (
    rf"(?:{QUALIFIER})?(?:Anfrage|Antrag)|(?!Bau(?:vor)?anfrage)[A-Za-zÄÖÜäöüß]+anfrage"
    rf"|(?:{_MOTION_PARTS})antrag|{MOTION_ORDER}|{OTHER_INQUIRY}"
)

DOC_LABEL = re.compile(
    r"^(?P<label>(?:schriftliche\s+|mündliche\s+)?(?:Antwort|Beantwortung|Stellungnah?me)\s+zu[rm]?\s+"
    r"(?:Einwohner)?(?:Anfrage|Antrag)"
    r"|Neufassung\s+Antrag|" + TYPE_NAME + r"|Neufassung\s+Beschlussvorlage|Beschlussvorlage"
    r"|Informationsvorlage|Verwaltungsvorlage|Vorlage|(?:Sitzungs)?[Nn]iederschrift"
    r"|(?:Ergebnis|Sitzungs)?[Pp]rotokoll|Gesetzentwurf"
    # "Resolution" as a type word, not the head of a title naming whose and for what it is
    # ("Resolution des Gemeinderates für Toleranz und Vielfalt", "Resolution für/gegen …")
    r"|Resolution(?!\s+(?:des|für|gegen|zu|zum|zur)\s)"
    r"|Einladung|Tagesordnung|Unterrichtung|Stellungnahme)\b"
    r"(?P<rest>.*)$",
    re.I,
)

TYPO = re.compile(r"(?i)stellungname")  # "Stellungname zur Anfrage" (Karlsruhe Ortschaftsrat 2021)

# A labelled type field: "Vorlageart: Anfrage", "Vorlage-Art: …", "Art der Vorlage: …",
# "Dokumenttyp: …", "Typ: …".
_TYPE_FIELD_NAME = (
    r"(?:Vorlagen?-?(?:art|typ)|Art\s+der\s+(?:Vorlage|Drucksache|Eingabe)|Drucksachen(?:art|typ)"
    r"|Dokumen(?:t|ten)(?:art|typ)|Typ|Art)"
)
TYPE_FIELD = re.compile(rf"^{_TYPE_FIELD_NAME}\s*:\s*(?=\S)", re.I)
# The label alone on its line, its value below it or in a column of values (form_fields).
TYPE_FIELD_ALONE = re.compile(rf"^\s*{_TYPE_FIELD_NAME}\s*:\s*$", re.I)

# The rest of a number label after its type word: " Nr.: AF0028/14", "-Nr. VII-F-08613".
NUMBER_LABEL_REST = re.compile(r"^\s*-?\s*(?:Nr\.?|Nummer)(?:\s|:|$)", re.I)
NUMBER_BLOCK = 6  # lines below a number label where the paper's type line may follow

# An answer named by who gives it: "Antwort des Magistrats", "Stellungnahme der Verwaltung",
# "Beantwortung der Anfrage" (a capitalised noun after the article); a notice's names.
ANSWER_NAME = r"(?:Antwort|Beantwortung|Stellungnahme)\s+de[rs]\s+(?-i:[A-ZÄÖÜ])[\w-]*"
_NOTICE_NAME = r"Mitteilungsvorlage|Informationsvorlage|Mitteilung\s+der\s+Verwaltung"
_ANSWER_RUN_IN = re.compile(rf"(?P<label>{ANSWER_NAME}|{_NOTICE_NAME})\b(?P<rest>.*)$", re.I)

# A type name inside a head run together ("… Der Oberbürgermeister Mitteilungsvorlage FDP-…",
# "… Datum: 26.09.2014 Ratsanfrage CDU-Fraktion Gegenstand: …"): capitalised, where a heading
# stands — never after a word in lower case or an article, which make it a sentence's noun.
_ARTICLE_BEFORE = "".join(
    rf"(?<!(?-i:{word})\s)"
    for word in ("Die", "Der", "Das", "Den", "Dem", "Des", "Eine", "Ihre", "Diese", "Unsere")
)
TYPE_INSIDE = re.compile(
    r"(?<=\S\s)(?=(?-i:[A-ZÄÖÜ]))(?=(?:"
    + TYPE_NAME
    + "|"
    + ANSWER_NAME
    + "|"
    + _NOTICE_NAME
    + r"|Beschlussvorlage)\b)"
    + _ARTICLE_BEFORE
    + NOT_AFTER_LOWER,
    re.I,
)
# What makes a type name inside a line the name of another paper: a genitive, a date or a
# preposition right after it ("Anfrage der CDU-Fraktion zur Vermarktung …", "Anfrage vom 04.07.").
ANOTHER_PAPER = re.compile(r"^\s*(?:de[rs]|von|vom)\b", re.I)


# The end of a type name's own phrase inside a line run together: a field label ("Bezug:",
# "Gremium:"), a sentence's end, or another paper named ("… CDU-Ortschaftsratsfraktion zum
# Antrag der CDU-Fraktion vom …": that date is the other paper's); what follows is another
# field, another paper or the paper's prose.
_PHRASE_END = re.compile(
    r"\s\S+:(?:\s|$)|[.!?](?:\s|$)|\b(?:zu[rm]?\s+|auf\s+)?(?:de[nmrs]\s+|die\s+)?"
    r"(?-i:Anfrage|Antrag|Beschluss)"
)
_PHRASE_WORDS = 8  # "Anfrage der Stadträtin Dr. Maria Muster (CDU) vom 26. November 2014"


def dated_citation(rest: str) -> bool:
    """Whether a type name inside a line run together cites another paper by its date ("Anfrage
    der CDU-Fraktion vom 04.07.2019"): "vom" and a digit within the name's own phrase.

    A page run together into one line holds the whole paper after its type word; a date in its
    prose ("… hat mit Beschluss vom 14.03.2023 …", "Bezug: Antrag … vom …") is no citation by
    the type name.
    """
    end = _PHRASE_END.search(rest)
    phrase = " ".join((rest[: end.start()] if end else rest).split()[:_PHRASE_WORDS])
    return bool(re.search(r"\bvom\s+\d", phrase))


# A heading set letter-spaced (Sperrsatz: "E I N L A D U N G", "A N T R A G"): one word whose
# capitals stand a space apart, alone on its line.
_LETTER_SPACED = re.compile(r"^\s*(?:[A-ZÄÖÜ] ){4,}[A-ZÄÖÜ](?=\s*$)")


def unspaced(line: str) -> str:
    """Return a letter-spaced heading's word set solid ("E I N L A D U N G" → "EINLADUNG")."""
    return _LETTER_SPACED.sub(lambda m: m.group(0).replace(" ", ""), line)


HEAD_CHARS = 160  # a heading run into a line stands near its start, not in a page of prose

# A type field's value is the paper's type, whatever its name ("Vorlagenart: Beantwortung einer
# Anfrage der …"); in a field table read column-wise and run together the type label comes first
# among bare labels, then the values in the same order ("Vorlagenart: Vorlage-Nr.: Datum:
# Mitteilungsvorlage 2023/0123 12.03.2023"): the type is the words after the last label, up to
# the first with a digit (six at most).
_COLUMN_RUN = re.compile(
    rf"(?<!\S){_TYPE_FIELD_NAME}\s*:\s+(?:(?-i:[A-ZÄÖÜ])[\w.-]*:\s+)*"
    r"(?P<value>(?:[^\s\d:]+(?:\s+|$)){1,6}?)(?=\S*\d|$)",
    re.I,
)


def field_type(lines: Sequence[str], index: int) -> tuple[int, str, str] | None:
    """Return (line, label, rest) of the type a type field at `index` holds, or None: a label
    alone and its value below it or in its column ("Vorlagenart:" / "Vorlage-Nr.:" /
    "Mitteilungsvorlage" / "2023/0123"), or the value on the label's line (column_type)."""
    value = column_value(lines, index) if TYPE_FIELD_ALONE.match(lines[index]) else None
    if value is not None:
        typed = DOC_LABEL.match(lines[value].strip())
        label = TYPO.sub("Stellungnahme", typed.group("label")) if typed else lines[value]
        return value, label.strip(), typed.group("rest").strip() if typed else ""
    column = column_type(lines[index])
    return (index, *column) if column else None


def number_before_type(line: str) -> str | None:
    """Return the number of a line that prints the paper's number, then its type, else None."""
    found = type_after_number(line)
    if found is None:
        return None
    typed = DOC_LABEL.match(found[1])
    if typed:  # "AF0028/14 Anfrage Nr. …" would be a number label's line: none here
        return None if NUMBER_LABEL_REST.match(typed.group("rest")) else found[0]
    return found[0] if NOTICE_TYPE.match(found[1]) else None


def column_type(line: str) -> tuple[str, str] | None:
    """Return (label, rest) of a type field's value (also in a column-read table run together)
    where the value names a kind, else None."""
    match = _COLUMN_RUN.search(line)
    if match is None or kind_from_paper_type(match.group("value"), None) == "sonstiges":
        return None
    typed = DOC_LABEL.match(match.group("value"))
    if typed:
        return TYPO.sub("Stellungnahme", typed.group("label")), typed.group("rest").strip()
    return match.group("value").strip(), ""


def type_inside(line: str) -> tuple[str, str] | None:
    """Return (label, rest) of a type name run into a head's line (TYPE_INSIDE), or None.

    A date after the submitters is the paper's own ("Ratsanfrage Stadträtin … (GRÜNE) vom 26.
    November 2014"); a genitive, date or preposition right after the name cites another paper
    (ANOTHER_PAPER: "… Mitteilungsvorlage … Anfrage der CDU-Fraktion zur Vermarktung …"). Only
    the first HEAD_CHARS characters are looked at, and no line that starts with a type word of
    its own.
    """
    column = column_type(line[: 4 * HEAD_CHARS])  # its labels mark a head: it may stand later
    if column:
        return column
    own = _ANSWER_RUN_IN.match(line) or DOC_LABEL.match(line)
    if own and not NUMBER_LABEL_REST.match(own.group("rest")):
        return None  # the line's own type word at its start ("Unterrichtung … Antwort des …")
    for start in TYPE_INSIDE.finditer(line[:HEAD_CHARS]):
        match = _ANSWER_RUN_IN.match(line[start.start() :]) or DOC_LABEL.match(
            line[start.start() :]
        )
        if match and not ANOTHER_PAPER.match(match.group("rest") or ""):
            return match.group("label"), match.group("rest").strip()
    return None


# A subject heading cell run into its value has no colon: "Thema Anfrage der FDP-…".
_HEADING_CELL = re.compile(r"(?:Thema|Betreff|Gegenstand)\s+(?=\S)")
_SUBJECT_HEADING = re.compile(r"(?:Thema|Betreff|Betr\.|Gegenstand)\s*:?", re.I)
_NAMES_ITSELF_VORLAGE = re.compile(
    r"\bdieser\s+Vorlage\b|^Vorlage\s*-?\s*Nr\.|\sVorlage\s+Nr\.", re.M
)


def about_a_paper(lines: Sequence[str], label_index: int | None, head: str) -> bool:
    """Whether the type line is the value of a subject heading in a paper that calls itself a
    Vorlage: "Thema" / "Anfrage der FDP-Ortschaftsratsfraktion, …" above "Beratungsfolge dieser
    Vorlage" is the administration's cover sheet about the inquiry, not the inquiry.
    """
    if label_index is None:
        return False
    k = label_index - 1
    while k >= 0 and not lines[k]:
        k -= 1
    heading = (k >= 0 and _SUBJECT_HEADING.fullmatch(lines[k].strip())) or _HEADING_CELL.match(
        lines[label_index]
    )  # "Thema" above, or its cell run into the type line's
    return bool(heading) and bool(_NAMES_ITSELF_VORLAGE.search(head))


_DECISION_PAPER = re.compile(r"(?:Neufassung\s+)?Beschlussvorlage", re.I)


def names_decision_paper(label: str | None) -> bool:
    """Whether a type label names the administration's decision paper ("Beschlussvorlage",
    also as its number label "Beschlussvorlage-Nr."), not a bare "Vorlage" (number)."""
    return bool(label and _DECISION_PAPER.fullmatch(label.strip()))


def number_block_end(lines: Sequence[str], label: int) -> int:
    """Return the index after the NUMBER_BLOCK printed lines below a number label's line: blank
    lines count for nothing, a PDF's text has them or not."""
    printed = 0
    for i in range(label + 1, len(lines)):
        printed += bool(lines[i].strip())
        if printed > NUMBER_BLOCK:
            return i
    return len(lines)
