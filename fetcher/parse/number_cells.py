"""What stands before a number label in a head line: a head's cells, or an answer's inquiry. Pure.

A head whose cells were run together (a PDF's row of cells read as one line, a scraped page)
prints a bare "Nr." or "Nummer" after other cells: "Niedersächsischer Landtag – 19. Wahlperiode
Nr. 19/11138", "SPD-Ortschaftsratsfraktion Nummer: 2023/0493", "Eingang: 12.03.2021, Nr.
0456/2021", "Anfrage vom 12.03.2021, Nr. 0123/2021". The same label in a sentence names another
thing ("mit Beschluss Nr. V3794-SR71-04 vom …", "im Amtsblatt Nr. 12/2004", "§ 7 Abs. 1 Satz 1
Nr. 2"): words in lower case stand before it, or the word before it names what is numbered
("Bebauungsplan", "Reg.", "Abs."). Only what is printed decides: capitalised cells, numbers,
dates and dashes before the label, and a last word that is not a numbered thing of its own.
An answer's head that names the inquiry it answers ("Antwort der Verwaltung auf die Anfrage der
SPD-Fraktion vom 12.03.2021 (Drucksache 0123/2021)", "Stellungnahme der Verwaltung zur Anfrage
Nr. 0123/2021") prints the inquiry's number, not the answer's: `answered_paper_at` says where the
inquiry is named, and a label after it is read last (answer_citations), when the answer prints no
number of its own.
Used by paper_number.labelled_value and reference_labels.value_below_label.
"""

from __future__ import annotations

import re

from fetcher.parse.text import DATE

# A field's date inside the cells ("Anfrage vom 12.03.2021,", "Eingang am 12.03.2021"): the only
# words in lower case a head's cells print.
_DATED = re.compile(rf"\b(?:vom|am)\s+{DATE.pattern}")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-zäöüß]")
# The last word names a numbered thing of its own: a plan, a parcel, a house, a law, a decision, a
# session, a page, an annex, a register, an account, an invoice, an order, a part of a paragraph
# ("§ 24 Abs. 1 Nr. 3"), a file's or a booking's sign, a gazette ("Amtsblatt Nr. 12/2021").
_NUMBERED_THING = re.compile(
    r"(?:plan|plans|planes|stück|stücks|haus|hauses|objekt|objekts|linie|beschluss|beschlusses|"
    r"sitzung|gesetz|gesetzes|vertrag|vertrags|vertrages|los|abschnitt|abschnitts|top|seite|"
    r"anlage|register|registers|konto|kontos|rechnung|auftrag|auftrags|zeichen|stelle|satz|"
    r"ziffer|artikel|tagesordnungspunkt|punkt|blatt|blatts|bgbl|§)\W*$",
    re.I,
)
# An abbreviation ends the cells ("Reg.", "Abs.", "Az.", "Tel."): the name of another number;
# a number with its point ("19.", "12.03.2021") is none.
_ABBREVIATION = re.compile(r"[A-Za-zÄÖÜäöüß]\.$")


def names_numbered_thing(word: str) -> bool:
    """Whether a word before a bare "Nr." names what is numbered ("Gesetz", "Reg.", "Abs.")."""
    return bool(_ABBREVIATION.search(word) or _NUMBERED_THING.search(word))


def head_cells(before: str) -> bool:
    """Whether the text before a bare number label in its line is a head's cells run together."""
    text = _DATED.sub(" ", before)
    words = text.split()
    if not words:
        return True
    if _LOWER_WORD.search(text) or "?" in text:
        return False  # a sentence: "… wurde mit Beschluss Nr. …", "siehe Nr. …"
    if re.search(r"[\\_]", text):
        return False  # a file's path ("G:\\Bus\\OA 3\\BTB\\2019-04-29_BTB Nr. 03563 - OV …")
    return not names_numbered_thing(words[-1])


# A head line opening with an answer's word ("Antwort", "Beantwortung", "Stellungnahme",
# "Mitteilung", also after "Schriftliche"), then within the line the paper it answers ("Anfrage",
# "Einwohneranfrage", "Antrag"); never a question ("?").
_ANSWERING = re.compile(
    r"(?<![\w-])(?:(?:[Ss]chriftliche|[Mm]ündliche|[Vv]orläufige|[Ee]rgänzende)\s+)?"
    r"(?:Antwort|ANTWORT|Beantwortung|BEANTWORTUNG|Stellungnahme|STELLUNGNAHME|Mitteilung)\b"
    r"[^?!:]{0,120}?(?<![\w-])(?P<paper>[\wäöüß]*(?:[Aa]nfrage|ANFRAGE|[Aa]ntrag|ANTRAG))(?![\w])"
)
# A determiner before the answer's word: a sentence's subject ("Die Antwort der Verwaltung auf
# unsere Anfrage …"), never a heading.
_DETERMINER = re.compile(
    r"(?:Die|Der|Das|Eine?|Diese[rs]?|Ihre?|Unsere?|Seine?|Deren|Dessen)\s*$", re.I
)
_HEAD_CHARS = 600  # a head run together into one line: its answer heading stands near its start


def answered_paper_at(line: str) -> int | None:
    """Return where an answer's head line names the paper it answers, or None."""
    answering = _ANSWERING.match(line.lstrip())
    if answering is None or "?" in line:
        return None
    return answering.start("paper") + len(line) - len(line.lstrip())


def answered_paper_in(line: str) -> int | None:
    """Return where an answer's heading names the paper it answers, also after the head's other
    cells in a line run together ("Stadt Musterstadt Antwort der Verwaltung auf die Anfrage …")."""
    if (at := answered_paper_at(line)) is not None:
        return at
    for answering in _ANSWERING.finditer(line, 0, _HEAD_CHARS):
        before = line[: answering.start()]
        if head_cells(before) and not _DETERMINER.search(before):
            after = line[answering.start() : answering.start() + _HEAD_CHARS]
            return answering.start("paper") if "?" not in after[:200] else None
    return None


# The sender after a head line's number, ending the line: "der SPD-Fraktion", "der Fraktion
# Bündnis 90/Die Grünen", "des Stadtrats Max Müller (CDU)"; its name in capitals, with only the
# small words of a name in lower case ("Fraktion der CDU im Rat"). A verb or any other word in
# lower case makes it a sentence ("… der SPD wurde abgelehnt"), whose number is another paper's.
_SENDER_AFTER = re.compile(r"\s+(?:der|des|von)\s+(?P<name>[^\s:;?!]\S*(?:\s+\S+){0,7})\s*")
_NAME_SMALL_WORDS = frozenset({"der", "die", "des", "im", "in", "und", "von", "für", "am", "zu"})


# The same sender with the paper's date after it and the head going on ("Anfrage F0123/24 der
# FDP-Fraktion vom 12.03.2024 Radwege im …", a type line run together with the title below it):
# the date ends the sender's name; what follows opens with a capital or a digit, never a word in
# lower case (a sentence: "… vom 12.03.2024 wurde beschlossen").
_SENDER_DATED = re.compile(
    rf"\s+(?:der|des|von)\s+(?P<name>[^\s:;?!]\S*(?:\s+\S+){{0,7}}?)\s*,?\s+vom\s+{DATE.pattern}"
    r"(?=\s*$|\s+[A-ZÄÖÜ\d])"
)


# An e-mail's subject field up to its value, a forward's or a reply's marks before it ("Betreff:
# WG: AW: Anfrage Nr. …"): the value opens there, whatever the header's fields before it print
# (an address, a weekday and a time, in flat text run into one line).
SUBJECT_FIELD = re.compile(
    r"(?:^|\s)(?:Betreff|Subject)\s*:\s*(?:(?:AW|WG|RE|FW|Fwd?|Aw|Wg|Re|Fw)\s*:\s*)*$"
)

# The sender's first word after the number in a subject: capitalised ("der FDP-Fraktion", "der
# Fraktion …", "von Stadtrat …").
_SUBJECT_SENDER = re.compile(r"\s+(?:der|des|von)\s+[A-ZÄÖÜ][\w./-]*(?:\s|$)")


def submitter_after(before: str, after: str) -> bool:
    """Whether a number label opening its line (or after a head's cells, or opening an e-mail's
    subject) is followed by the paper's sender alone, or by the sender and the paper's date
    before the head goes on."""
    if SUBJECT_FIELD.search(before[-80:]):
        # "Von: … <k.weber@…> Betreff: WG: Anfrage Nr. … der FDP-Fraktion - Hallenbad": the
        # subject names the paper, its sender and its title, the text run on after it
        return bool(_SUBJECT_SENDER.match(after))
    if not head_cells(before):
        return False
    return any(
        sender is not None and _sender_name(sender.group("name"))
        for sender in (_SENDER_AFTER.fullmatch(after), _SENDER_DATED.match(after))
    )


def _sender_name(name: str) -> bool:
    """Whether words are a sender's name: capitalised, or the small words of a name."""
    words = re.findall(r"[\wÄÖÜäöüß]+", name)
    return (
        bool(words)
        and all(not w[0].islower() or w in _NAME_SMALL_WORDS for w in words)
        and words[-1] not in _NAME_SMALL_WORDS
    )


# A head's type line naming its sender before the number: "Anfrage der Grünen im Ortsbeirat Nr.
# 2021/0123 vom 12.03.2021", "Antrag der SPD-Fraktion Drucksache 2021/0123 vom …" (a type line run
# together with the number's field, the title after it in flat text). The type word opens the
# line or follows a head's capitalised cell ("Ortsbeirat 4 Anfrage der …"), never a sentence's
# word ("auf die Anfrage der SPD Nr. …"); the sender's name is capitalised words and the small
# words of a name, its last word no numbered thing ("Antrag der SPD zum Bebauungsplan Nr. …").
# "der"/"von" name a faction or a member; "des" a body or an office ("Antrag des
# Stadtteilbeirates … Nr. 266/2019 vom …"), whose paper another one answers and cites.
_TYPED_SENDER = re.compile(
    r"(?:^|(?<=\s))(?P<type>[A-ZÄÖÜ][a-zäöüß]*(?:anfrage|antrag|vorlage)|Anfrage|Antrag|Vorlage)"
    r"\s+(?:der|von)\s+(?P<name>[^\s:;?!()„“\"]+(?:\s+[^\s:;?!()„“\"]+){0,7})\s*$"
)
_TYPED_TAIL = 160  # characters before the label that can hold its type line


def typed_sender_before(before: str) -> bool:
    """Whether the text before a number label ends with the head's type word and its sender."""
    tail = before[-_TYPED_TAIL:]
    typed = _TYPED_SENDER.search(tail)
    if typed is None:
        return False
    prefix = tail[: typed.start()].split()
    if prefix and (prefix[-1][0].islower() or prefix[-1][-1] in ".:?!,;"):
        return False  # "… auf die Anfrage der SPD Nr. …", "…. Anfrage der …": a sentence's
    name = typed.group("name")
    return _sender_name(name) and not names_numbered_thing(name.split()[-1])
