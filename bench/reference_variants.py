"""The paper's own reference in other shapes: dev documents with their number relabelled. I/O.

Run: .venv/bin/python -m bench.reference_variants [--shape NAME] [--via-pdf paged] [--show VARIANT]
     [--variant V]…

For each dev document whose label has a printed reference, every occurrence of the paper's OWN
number in the text (the label's reference or its shortest alternative, as a whole token; numbers
of other papers are never touched) is rewritten, one feature per variant:
- value: the number itself becomes another real shape; the label beside it stays. Expected: the
  label's reference with the number rewritten the same way ("DS 19/2017" → "DS 21-1234").
- label: the label printed beside the number on its line ("Anfrage Nr.:", "Vorlage Nr.:",
  "Drucksache", "DS", "Antrag-Nr.", a faction cell before it stays) becomes another label; the
  number stays. Used only where the document's first occurrence has such a label (not a number
  alone in a column or in a letter's subject, not a label after a lowercase word: "zur Anfrage").
  "below": the label ends its line, the number opens the next one (a label column, a narrow cell).
  Expected: the number, or abbreviation + number ("DS 8/2021", as Nordstemmen's labels accept).
- both: the issue's printed shapes, label and value rewritten together ("DS 8/2021").
- place: the number leaves its labelled places and stands alone at the top of the text, or in a
  running head on every page ("2021/0123 – Seite 1 von 2"). Expected: the number.
- trap: every occurrence with its label becomes a number that is NOT the paper's own (another
  paper cited, a file number, an agenda item, a parcel, a telephone, a date, a table cell).
  Expected: no reference, as no own number is left; "removed" deletes them (the control).
Scores per variant: "right" (the expected reference), "no invented" (right or none: never another
number). "original" is the text as it is and scores as bench.parse_accuracy's dev reference rows.
Sources of the shapes: issue #11's list (values marked "issue"), else conventions of council
systems: ALLRIS ("Drucksache - 21-1234", "VO/2021/1234", "DS-Nr."), SessionNet ("Vorlage Nr.:",
"Vorlagen-Nr.:", "2021/0123", "0123/2021", "Vorlage -"), SD.NET/Somacos ("SV-21/123",
"21/SVV/1234", "V/21/1234", "AN/1234/2021"), Landtage ("Drs. 19/11134", "Drucksache Nr."); never
the check split.
Thirteenth round (never from the check Kommunen; the spellings as the systems and rules of
procedure print them, written from their conventions, not copied from a stored document):
- values: a typesetter's spaces around the separator ("2021 / 0123", Landtag "19 / 1234"); a
  letter prefix before a year-first or year-last number (the paper type's abbreviation:
  "BV/2021/001" Beschlussvorlage, "A-2021-0012" Antrag, "V 0123/21" Vorlage); an amended version's
  suffix (SessionNet "2021/0123-1" and "2021/0123/1", Leipzig's new version "-NF-02" after a
  Roman-numbered number, the word "Ergänzung" after it); an electoral period before the number
  (Leipzig "VII-A-01234", Bundestag and Landtag "20/1234", "WP 20 / 1234"); ALLRIS's long id
  "VO/0123/2021"; the filing department after it ("0123/2021/FB 3", Fachbereich 3); fifteenth
  round: the document's own number with a filing unit after it ("/FB 3", "/FB3", "/OA 12");
- labels: ALLRIS and SessionNet field names ("Vorlagennummer:", "Vorlage-Nr.", "Drucksachennummer",
  "Antragsnummer:", "Anfrage-Nr.:", "DS-Nr.:"), the paper types of rules of procedure
  ("Sitzungsvorlage Nr.", "Beschlussvorlage Nr.", "Informationsvorlage Nr."), a council's own
  noun ("Ratsdrucksache"), a form naming the paper's file sign as its number ("Aktenzeichen der
  Vorlage:"); "below …" as above;
- places: the number in the title line (OParl's paper name "Anfrage 2021/0123: …"; a title line
  opened by the type word and ended by "Nr. 2021/0123"), in the page foot only (an office
  template's foot "2021/0123 – Seite 1 von 2", also with "Drucksache" before it), and in an answer
  letter's reference line (DIN 5008: "Ihre Anfrage 2021/0123 vom 12.03.2021") — for an answer
  the dev label names the inquiry's number as the answer's reference (Dresden, Nordstemmen,
  Karlsruhe), so with no label of its own that number is expected, and beside its own label
  ("answer subject, own label", another number in the reply line) the label's;
- traps: the DIN 5008 reference line ("Unser Zeichen:", "Ihr Zeichen:"), "Bezug:" and a file
  sign shaped like a paper number ("Az. 0815/2020").
Seventeenth round (same sources; never from the check Kommunen):
- labels: the number's word spelt out or abbreviated otherwise ("Nummer", "Lfd. Nr.", "laufende
  Nummer:", "Vorlagen-Nummer:", "Drucksachen-Nr.", "Ds.", "Vorl.", "Vorl.-Nr."), a date between the
  head's label and the number ("Eingang: 12.03.2021, Nr.", "Anfrage vom 12.03.2021, Nr.", "Vorlage
  vom 12.03.2021 Nr."), a column gap between label and number ("gap …"), and "below …" as above;
- after (new group): other text after the number on its line (AFTER: "(öffentlich)", "öffentlich",
  "– Neufassung", "1. Ergänzung", "wird ergänzt durch 2020/0815", "(Stand: …)",
  ", nichtöffentlich");
- answer (new group, documents labelled Antwort): the answer's own number taken out and a head line
  naming the inquiry it answers with the inquiry's number (ANSWER_HEADS: "Antwort der Verwaltung auf
  die Anfrage der SPD-Fraktion vom … (Drucksache …)", "Stellungnahme der Verwaltung zur Anfrage Nr.
  …", the same wrapped, "Beantwortung der Anfrage der CDU-Fraktion, Ds. …"): expected that number,
  as the dev labels give Dresden's answer letters the inquiry's; "…, own label": the answer's own
  number kept and another number cited: expected the answer's own;
- traps: "Reg.-Nr." (the dev labels name an office register's "BTB Nr. 03563" as a trap),
  "Kassenzeichen", "Gesetz Nr. 1234 vom …", "siehe Drucksache …".
Twentieth round (same sources; never from the check Kommunen):
- labels: the dash and spacing word processors and templates print in a label ("Drucksachen–Nr.:"
  with an en dash, "Anfrage—Nr." and "Vorlage —" with an em dash, "Vorlagen – Nr.", "Drucksachen -
  Nr.", "Vorlagen Nr" without its point, "Ds.Nr.:", "DS-Nr"), and "below …" as above;
- places: the head's type line naming its sender with the number and its date in it ("Anfrage der
  SPD-Fraktion im Ortschaftsrat Nr. … vom 12.03.2021", "Anfrage … der Fraktion Die Linke vom …"),
  an e-mail's subject line ("Betreff: Anfrage … - Radwege im Stadtgebiet"), and the running head
  on the pages after the first only ("2021/0123 – Seite 2 von 3", an office template's);
- traps: "TOP Ö 5.3", an Amtsblatt's and the BGBl.'s number, "§ 24 Abs. 4 GemO", an IBAN, a fax,
  a postcode, "Flur 3, Flurstück 123/4", a paper cited in a sentence, an Aktenzeichen with an en
  dash.
Twenty-first round (same sources; never from the check Kommunen): places where a head's table or
an extractor leaves the number apart from its label: the table saved with its cell borders ("|
Drucksache | … |", a council system's page or a word processor's table as text), a column of labels
above the column of their values ("Drucksache:" / "Datum:" / … / "12.03.2021"), the number wrapped
after its slash in a narrow cell ("Drucksache Nr. 2021/" / "0123", "Vorlage - VO/2021/" / "0123"), a
form's caption printed under its field ("2021/0123" / "Vorlagen-Nr."), the label, number and next
cell glued by an extractor that drops the gaps ("Vorlage2021/0123Anfrage …"), a forwarded e-mail's
subject ("Betreff: WG: Anfrage Nr. … der FDP-Fraktion - …").
--shape brings each rewritten text into a bench.text_shapes shape first; --via-pdf reads each
through a rendered PDF (bench.parse_accuracy's readers; slow: pick variants with --variant).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from bench.text_shapes import SHAPES
from bench.variants import pct, shaped_parse
from fetcher.parse import parse_text
from tests.corpus_data import corpus_items

ORIGINAL = "original"
# Number shapes (variant → value); "issue" marks the values issue #11 lists.
VALUES: dict[str, str] = {
    "8/2021": "8/2021",  # issue: "DS 8/2021"
    "19/11134": "19/11134",  # issue: "Drs. 19/11134"
    "21-1234": "21-1234",  # issue: ALLRIS "Drucksache - 21-1234"
    "VO/2021/1234": "VO/2021/1234",  # issue
    "F1234/21": "F1234/21",  # issue
    "mAF0014/21": "mAF0014/21",  # issue
    "RA 123/2021": "RA 123/2021",  # issue
    "21-01234": "21-01234",  # issue
    "AN/1234/2021": "AN/1234/2021",  # issue
    "2021/0123": "2021/0123",
    "0123/2021": "0123/2021",
    "A 0123/21": "A 0123/21",
    "SV-21/123": "SV-21/123",
    "21/SVV/1234": "21/SVV/1234",
    "12345-21": "12345-21",
    "V/21/1234": "V/21/1234",
    # Thirteenth round (sources in the docstring): spaces around the separator, a letter prefix
    # before a year-first or year-last number, an amended version's suffix, an electoral period,
    # a long ALLRIS id, a department.
    "2021 / 0123": "2021 / 0123",
    "19 / 1234": "19 / 1234",
    "BV/2021/001": "BV/2021/001",
    "A-2021-0012": "A-2021-0012",
    "V 0123/21": "V 0123/21",
    "2021/0123-1": "2021/0123-1",
    "2021/0123/1": "2021/0123/1",
    "VI-A-01234-NF-02": "VI-A-01234-NF-02",
    "0123/2021 Ergänzung": "0123/2021 Ergänzung",
    "VII-A-01234": "VII-A-01234",
    "20/1234": "20/1234",
    "WP 20 / 1234": "WP 20 / 1234",
    "VO/0123/2021": "VO/0123/2021",
    "0123/2021/FB 3": "0123/2021/FB 3",
}
# Fifteenth round: the document's OWN number with the filing unit after it (variant → suffix;
# "0123/2021/FB 3" above is one fixed value): a department ("Fachbereich 3", "FB 3"), set apart or
# glued, and an office's letters and number ("OA 12", Ordnungsamt): SessionNet and regisafe print
# the filing unit as the number's last group; the value is built from each dev reference.
SUFFIXES: dict[str, str] = {
    "own/FB 3": "/FB 3",
    "own/FB3": "/FB3",
    "own/OA 12": "/OA 12",
}
# Other printed forms a value's variant accepts besides the value itself ("0123/2021 Ergänzung":
# the number without the amendment's word; "WP 20 / 1234": the number without its period's mark).
ALSO: dict[str, tuple[str, ...]] = {
    "0123/2021 Ergänzung": ("0123/2021",),
    "WP 20 / 1234": ("20/1234",),
    "0123/2021/FB 3": ("0123/2021/FB3",),
}
# Labels (variant → label printed before the number); "below" puts the number on the next line.
LABELS: dict[str, str] = {
    "Drucksache:": "Drucksache:",
    "Drucksachen-Nr.:": "Drucksachen-Nr.:",
    "Drucksache Nr.": "Drucksache Nr.",
    "Vorlage Nr.:": "Vorlage Nr.:",
    "Vorlagen-Nr.:": "Vorlagen-Nr.:",
    "Vorlage -": "Vorlage -",
    "Ds.-Nr.": "Ds.-Nr.",
    "Anfrage Nr.": "Anfrage Nr.",
    "Nummer:": "Nummer:",
    "Nr.:": "Nr.:",
    "DS": "DS",
    "Drs.": "Drs.",
    "Drucksache -": "Drucksache -",
    "DS-Nr.": "DS-Nr.",
    "below Vorlagen-Nr.:": "Vorlagen-Nr.:\n",
    "below Drucksache:": "Drucksache:\n",
    "below Nummer:": "Nummer:\n",
    # Thirteenth round (sources in the docstring).
    "Vorlagennummer:": "Vorlagennummer:",
    "Vorlage-Nr.": "Vorlage-Nr.",
    "Drucksachennummer": "Drucksachennummer",
    "Antragsnummer:": "Antragsnummer:",
    "Anfrage-Nr.:": "Anfrage-Nr.:",
    "Aktenzeichen der Vorlage:": "Aktenzeichen der Vorlage:",
    "Sitzungsvorlage Nr.": "Sitzungsvorlage Nr.",
    "Beschlussvorlage Nr.": "Beschlussvorlage Nr.",
    "Informationsvorlage Nr.": "Informationsvorlage Nr.",
    "DS-Nr.:": "DS-Nr.:",
    "Ratsdrucksache": "Ratsdrucksache",
    "below Vorlagennummer:": "Vorlagennummer:\n",
    "below Anfrage-Nr.:": "Anfrage-Nr.:\n",
    # Seventeenth round (sources in the docstring): the number's word spelt out or abbreviated
    # otherwise, a date between the label and the number, a column gap between them.
    "Nummer": "Nummer",
    "Lfd. Nr.": "Lfd. Nr.",
    "Lfd. Nr.:": "Lfd. Nr.:",
    "laufende Nummer:": "laufende Nummer:",
    "Vorlagen-Nummer:": "Vorlagen-Nummer:",
    "Drucksachen-Nr.": "Drucksachen-Nr.",
    "Ds.": "Ds.",
    "Vorl.": "Vorl.",
    "Vorl.-Nr.": "Vorl.-Nr.",
    "date: Eingang …, Nr.": "Eingang: 12.03.2021, Nr.",
    "date: Anfrage vom …, Nr.": "Anfrage vom 12.03.2021, Nr.",
    "date: Vorlage vom … Nr.": "Vorlage vom 12.03.2021 Nr.",
    "gap Vorlage Nr.:": "Vorlage Nr.:" + " " * 8,
    "gap Drucksache": "Drucksache" + " " * 8,
    "gap Lfd. Nr.": "Lfd. Nr." + " " * 8,
    "below Lfd. Nr.": "Lfd. Nr.\n",
    "below Vorl.-Nr.": "Vorl.-Nr.\n",
    "below Vorlagen-Nummer": "Vorlagen-Nummer\n",
    # Twentieth round (sources in the docstring): the label's dash and spacing as word processors
    # and templates print them.
    "Drucksachen–Nr.:": "Drucksachen–Nr.:",
    "Vorlagen – Nr.": "Vorlagen – Nr.",
    "Anfrage—Nr.": "Anfrage—Nr.",
    "Vorlage —": "Vorlage —",
    "Drucksache –": "Drucksache –",
    "Drucksachen - Nr.": "Drucksachen - Nr.",
    "Vorlagen Nr": "Vorlagen Nr",
    "Ds.Nr.:": "Ds.Nr.:",
    "DS-Nr": "DS-Nr",
    "below Drucksachen–Nr.:": "Drucksachen–Nr.:\n",
}
# Seventeenth round: other text after the number on its line (variant → what follows it): the
# version of an amended paper (SessionNet and ALLRIS print "– Neufassung", "1. Ergänzung" beside
# the number), the paper amending it ("wird ergänzt durch …"), the public status a run-together
# head puts after it ("(öffentlich)", "öffentlich"), a note in brackets. Expected: the number,
# also with the version's words after it.
AFTER: dict[str, str] = {
    "after (öffentlich)": " (öffentlich)",
    "after öffentlich": " öffentlich",
    "after – Neufassung": " – Neufassung",
    "after 1. Ergänzung": " 1. Ergänzung",
    "after wird ergänzt durch": " wird ergänzt durch 2020/0815",
    "after note (Stand …)": " (Stand: 12.03.2021)",
    "after , nichtöffentlich": ", nichtöffentlich",
    # Nineteenth round: the paper's sender after its number on the head line ("Anfrage Nr. … der
    # SPD-Fraktion", a letter's or a form's type line naming the number and who asks).
    "after der SPD-Fraktion": " der SPD-Fraktion",
    "after der Fraktion Die Linke": " der Fraktion Die Linke",
}
_VERSIONS = ("Neufassung", "Ergänzung")
# Seventeenth round: an answer that prints no number of its own names the inquiry it answers in
# its head, with the inquiry's number (variant → the head line; "{}" the number). The dev labels
# give that number as the answer's reference (Dresden's answer letters and interim notices,
# whose only number is the inquiry's); the answer's own number, where printed, still wins
# ("…, own label": the inquiry's number is another's, the label's reference expected).
ANSWER_HEADS: dict[str, str] = {
    "answer head (Drucksache …)": "Antwort der Verwaltung auf die Anfrage der SPD-Fraktion vom "
    "12.03.2021 (Drucksache {})",
    "answer head zur Anfrage Nr.": "Stellungnahme der Verwaltung zur Anfrage Nr. {}",
    "answer head wrapped": "Antwort der Verwaltung auf die Anfrage der SPD-Fraktion\n"
    "vom 12.03.2021 (Drucksache {})",
    "answer head Beantwortung …, Ds.": "Beantwortung der Anfrage der CDU-Fraktion, Ds. {}",
}
# Nineteenth round: the answer's own number labelled by the answer's word, on the line after the
# head naming the inquiry and its number (variant → the head; "{}" the inquiry's number, "{own}"
# the answer's): flat and para text run the two into one line. Expected: the answer's own.
ANSWER_OWN_LABELS: dict[str, str] = {
    "answer head, Stellungnahme Nr. below": "Stellungnahme der Verwaltung zur Anfrage der "
    "SPD-Fraktion (Drucksache {})\nStellungnahme Nr. {own}",
    "answer head, Antwort Nr. below": "Antwort der Verwaltung auf die Anfrage Nr. {} der "
    "CDU-Fraktion\nAntwort Nr. {own}",
}
# The printed shapes: label and number together (variant → (label, value)).
BOTH: dict[str, tuple[str, str]] = {
    "DS 8/2021": ("DS", "8/2021"),
    "Drs. 19/11134": ("Drs.", "19/11134"),
    "Drucksache - 21-1234": ("Drucksache -", "21-1234"),
    "DS-Nr. 12345-21": ("DS-Nr.", "12345-21"),
}
PLACES = (
    "top",
    "running head",
    "title line",
    "title line Nr.",
    "page foot",
    "page foot labelled",
    "running head, later pages",  # twentieth round: pages after the first only
)
# Eighteenth round: a head printed as a table, the labels in one row and the values in the row
# under them, each under its label (variant → the two rows; "{}" the number). Office templates and
# council systems' prints set "Nummer / Datum / Status" so; the number's column first, in the
# middle, or labelled "Vorlage-Nr." (none from a check Kommune's layout).
LABEL_ROWS: dict[str, str] = {
    "label row: Nummer first": "Nummer         Datum         Status\n"
    "{}      12.03.2021    öffentlich",
    "label row: Vorlage-Nr. middle": "Datum         Vorlage-Nr.     Federführung\n"
    "12.03.2021    {}       Tiefbauamt",
    "label row: Drucksache last": "Gremium             Sitzung       Drucksache\n"
    "Bauausschuss        14.03.2021    {}",
}
# A small council's running count of its papers: the paper noun, "Nr."/"Nummer", one or two
# digits, on a line of its own (variant → the line; expected: the count).
COUNT_LINES: dict[str, tuple[str, str]] = {
    "count: Anfrage Nummer 45": ("Anfrage Nummer 45", "45"),
    "count: Antrag Nr. 7 vom": ("Antrag Nr. 7 vom 12.03.2021", "7"),
}
# Nineteenth round: the number printed without a label in the cell after the head's date field
# ("Eingang: 12.03.2021" / "A 0123/21": a form's receipt stamp and the number beside it) and a
# bare "Nr." after the head's type line, dated ("Nr. 2021/0123 vom 12.03.2021"); the lines run
# together in flat and para text (variant → the lines after the first; expected: the number).
HEAD_FIELDS: dict[str, tuple[str, str]] = {
    "date field, bare number": ("Eingang: 12.03.2021\n{}", "A 0123/21"),
    "date field, bare number (year first)": ("Datum: 12.03.2021\n{}", "AF 2021/0123"),
    "dated Nr. below the type line": ("Nr. {} vom 12.03.2021", "2021/0123"),
    # Twentieth round (sources in the docstring): the type line naming the sender with the number
    # and its date in it, and an e-mail's subject line naming the paper and its number.
    "type line, sender, Nr. … vom": (
        "Anfrage der SPD-Fraktion im Ortschaftsrat Nr. {} vom 12.03.2021",
        "2021/0123",
    ),
    "type line, number, sender, vom": (
        "Anfrage {} der Fraktion Die Linke vom 12.03.2021",
        "A 0123/21",
    ),
    "e-mail subject": (
        "Von: fraktion@example.org\nBetreff: Anfrage {} - Radwege im Stadtgebiet",
        "2021/0123",
    ),
    # Twenty-first round (sources in the docstring): a head's table read with its cell borders,
    # a column of labels above the column of their values, the number wrapped after its separator
    # in a narrow cell, the value above its caption, the label, number and next cell glued by an
    # extractor that drops the gaps, a forwarded e-mail's subject.
    "pipe table row": ("| Drucksache | {} |\n| Datum | 12.03.2021 |", "2021/0123"),
    "pipe table row, Vorlagen-Nr.": (
        "| Vorlagen-Nr.: | {} | Status: | öffentlich |",
        "VO/2021/0123",
    ),
    "label column, values below": ("Drucksache:\nDatum:\n{}\n12.03.2021", "2021/0123"),
    "label column of three, values below": (
        "Datum:\nVorlage-Nr.:\nStatus:\n12.03.2021\n{}\nöffentlich",
        "0123/2021",
    ),
    "wrapped after separator": (
        "Anfrage der SPD-Fraktion   Drucksache Nr. 2021/\n0123",
        "2021/0123",
    ),
    "wrapped after separator, letters": ("Vorlage - VO/2021/\n0123", "VO/2021/0123"),
    "value above caption": ("{}\nVorlagen-Nr.\n12.03.2021\nDatum", "2021/0123"),
    "label and number glued": ("Vorlage{}Anfrage der SPD-Fraktion", "2021/0123"),
    "e-mail subject, WG: … Nr. … der": (
        "Von: fraktion@example.org\nBetreff: WG: Anfrage Nr. {} der FDP-Fraktion - Hallenbad",
        "17/2021",
    ),
}
PLACE_VALUE = "2021/0123"
# An answer letter's subject naming the inquiry it answers (DIN 5008 "Ihr Zeichen"/"Ihre Anfrage").
REPLY_SUBJECT = "Ihre Anfrage {} vom 12.03.2021"
OTHER_VALUE = "2020/0815"
# Numbers that are not the paper's own (variant → what replaces each occurrence with its label).
TRAPS: dict[str, str] = {
    "removed": "",
    "Bezug: Drucksache": "Bezug: Drucksache 19/10297",
    "zu Vorlage": "zu Vorlage 2020/0815",
    "Aktenzeichen:": "Aktenzeichen: 61.21-123/2021",
    "Az.": "Az.: 32.1/0815-21",
    "Top-Nr.": "Top-Nr.: 5",
    "TOP 5": "TOP 5",
    "Flurstück": "Flurstück 1234/5",
    "telephone": "Telefon: 0351 488-1234",
    "date 12/2021": "12/2021",
    "Ö 3.2": "Ö 3.2",
    "table cell": "2019 | 1.234 | 56/78",
    # Thirteenth round: a letter's reference line (DIN 5008) and a file sign shaped like a number.
    "Unser Zeichen:": "Unser Zeichen: 2020/0815",
    "Ihr Zeichen:": "Ihr Zeichen: 2020/0815",
    "Bezug:": "Bezug: 2020/0815",
    "Az. shaped": "Az. 0815/2020",
    # Seventeenth round: a register's number that is not a paper's (the dev labels name an office
    # register's "BTB Nr. 03563" in a Karlsruhe letter as a trap), a payment's and a booking's
    # sign, a law cited with its number, a paper cited with "siehe".
    "Reg.-Nr.": "Reg.-Nr.: 0815/2021",
    "Kassenzeichen": "Kassenzeichen: 2021/0815",
    "Gesetz Nr. vom": "Gesetz Nr. 1234 vom 12.03.2021",
    "siehe Drucksache": "siehe Drucksache 0100/2020",
    # Twentieth round: an agenda item with the public part's mark, an official gazette's and a law
    # gazette's number, a paragraph of the Gemeindeordnung, an IBAN, a fax, a postcode, a parcel
    # with its Flur, a paper cited in a sentence, a file sign with an en dash.
    "TOP Ö 5.3": "TOP Ö 5.3",
    "Amtsblatt Nr.": "Amtsblatt Nr. 12/2021",
    "BGBl.": "BGBl. I S. 123",
    "§ GemO": "§ 24 Abs. 4 GemO",
    "IBAN": "IBAN DE12 3456 7890 1234 5678 90",
    "Fax": "Fax: 0361 655-1299",
    "postal code": "99084 Erfurt",
    "Flur, Flurstück": "Flur 3, Flurstück 123/4",
    "Drucksache in a sentence": "Mit Drucksache 2020/0145 hat der Rat die Sanierung beschlossen.",
    "Aktenzeichen, en dash": "Aktenzeichen: 61.2–123/2021",
}
_ABBREVIATIONS = ("DS", "Drs.")

# A label naming the paper's number, ending just before it: "Anfrage Nr.: ", "Vorlage: ",
# "Drucksache ", "DS ", "Antrag-Nr. ", "Einwohneranfrage-Nr. ".
_LABEL_BEFORE = re.compile(
    r"(?:(?<=\s)|^)(?:[\wäöüß]*(?:[Vv]orlage|[Dd]rucksache|[Aa]nfrage|[Aa]ntrag)[\wäöüß]*|DS|Drs\.?)"
    r"(?:\s*-?\s*(?:Nr\.?|[Nn]ummer))?\s*:?\s*-?\s*$"
)


@dataclass(frozen=True)
class Span:
    """One occurrence of the paper's own number: line, start (of its label, if any), end."""

    line: int
    start: int
    number: int
    end: int

    @property
    def labelled(self) -> bool:
        return self.start < self.number


def own_number(text: str, label: dict[str, Any]) -> str | None:
    """Return the shortest printed form of the labelled reference that occurs in the text as a
    whole token ("2020/1246" inside "2020/1246/2" is none)."""
    if not label.get("reference"):
        return None
    printed = [label["reference"], *(label.get("reference_alt") or [])]
    found = [r for r in printed if r in text and spans(text.split("\n"), r)]
    return min(found, key=len) if found else None


def spans(lines: list[str], number: str) -> list[Span]:
    """Return every occurrence of `number` as a whole token, with the label before it if any."""
    token = re.compile(rf"(?<![\w/.-]){re.escape(number)}(?![\w/-])")
    result = []
    for i, line in enumerate(lines):
        for match in token.finditer(line):
            before = line[: match.start()]
            label = _LABEL_BEFORE.search(before)
            start = match.start()
            if label and not re.search(r"(?:^|\s)[a-zäöüß][\w.]*\s+$", before[: label.start()]):
                start = label.start()
            result.append(Span(i, start, match.start(), match.end()))
    return result


def _rewrite(text: str, number: str, new: Callable[[Span, str], str | None]) -> str:
    """Return the text with each span replaced by new(span, its text) (None: left as it is)."""
    lines = text.split("\n")
    for span in reversed(spans(lines, number)):
        line = lines[span.line]
        replacement = new(span, line[span.start : span.end])
        if replacement is not None:
            lines[span.line] = line[: span.start] + replacement + line[span.end :]
    return "\n".join(lines)


def with_value(text: str, number: str, value: str) -> str:
    """Return the text with every occurrence of the paper's number rewritten as `value`."""
    return _rewrite(text, number, lambda s, old: old[: s.number - s.start] + value)


def with_label(text: str, number: str, label: str, value: str | None = None) -> str | None:
    """Return the text with the label beside each labelled occurrence replaced by `label` (and
    the number by `value`), or None when the first occurrence has no label."""
    found = spans(text.split("\n"), number)
    if not found or not found[0].labelled:
        return None
    joint = "" if label.endswith("\n") else " "

    def new(span: Span, old: str) -> str | None:
        if not span.labelled:
            return None if value is None else value
        return f"{label}{joint}{value or number}"

    return _rewrite(text, number, new)


def with_trap(text: str, number: str, trap: str) -> str | None:
    """Return the text with every occurrence and its label replaced by `trap`, or None when the
    first occurrence has no label."""
    found = spans(text.split("\n"), number)
    if not found or not found[0].labelled:
        return None
    return re.sub(r"[ \t]+\n", "\n", _rewrite(text, number, lambda s, old: trap))


def with_after(text: str, number: str, after: str) -> str | None:
    """Return the text with `after` printed after each labelled occurrence of the number, or None
    when the first occurrence has no label."""
    found = spans(text.split("\n"), number)
    if not found or not found[0].labelled:
        return None
    return _rewrite(text, number, lambda s, old: f"{old}{after}" if s.labelled else None)


def with_place(text: str, number: str, place: str, value: str = PLACE_VALUE) -> str | None:
    """Return the text with its labelled numbers removed and `value` printed at `place`."""
    removed = with_trap(text, number, "")
    if removed is None:
        return None
    if place == "top":
        return f"{value}\n{removed}"
    if place == "title line":
        return f"Anfrage {value}: Radwege im Stadtgebiet\n{removed}"
    if place == "title line Nr.":
        return f"Anfrage zu Radwegen im Stadtgebiet Nr. {value}\n{removed}"
    pages = removed.split("\f")
    if place == "running head, later pages":
        if len(pages) < 2:
            return None
        return "\f".join(
            [
                pages[0],
                *(
                    f"{value} – Seite {k} von {len(pages)}\n{page}"
                    for k, page in enumerate(pages[1:], 2)
                ),
            ]
        )
    if place.startswith("page foot"):
        label = "Drucksache " if place.endswith("labelled") else ""
        return "\f".join(
            f"{page.rstrip()}\n{label}{value} – Seite {k} von {len(pages)}\n"
            for k, page in enumerate(pages, 1)
        )
    return "\f".join(
        f"{value} – Seite {k} von {len(pages)}\n{page}" for k, page in enumerate(pages, 1)
    )


def with_reply_subject(text: str, value: str, subject: str = REPLY_SUBJECT) -> str:
    """Return the text with an answer's subject line ("Ihre Anfrage <value> vom …") after its
    first printed line."""
    lines = text.split("\n")
    at = next((k + 1 for k, line in enumerate(lines) if line.strip()), 0)
    return "\n".join([*lines[:at], subject.format(value), *lines[at:]])


@dataclass(frozen=True)
class Case:
    """One rewritten document: its variant's group, text and accepted references (empty: none)."""

    group: str
    text: str
    accepted: frozenset[str]


def _fold(ref: str | None) -> str:
    return re.sub(r"\s+", " ", ref or "").strip().lower()


def _tidy(ref: str) -> str:
    """Return the reference without spaces around its separators ("20 / 1234" → "20/1234")."""
    return re.sub(r"\s*([/-])\s*", r"\1", ref)


def cases(text: str, label: dict[str, Any]) -> dict[str, Case]:
    """Return variant → rewritten case for one labelled document (only variants that apply)."""
    number = own_number(text, label)
    if number is None:
        return {}
    printed = [label["reference"], *(label.get("reference_alt") or [])]
    result = {ORIGINAL: Case("control", text, frozenset(map(_fold, printed)))}
    for name, value in VALUES.items():
        forms = [r.replace(number, v) for r in printed for v in (value, *ALSO.get(name, ()))]
        accepted = frozenset(_fold(x) for f in forms for x in (f, _tidy(f)))
        result[name] = Case("value", with_value(text, number, value), accepted)

    for name, suffix in SUFFIXES.items():
        value = number + suffix
        forms = [r.replace(number, v) for r in printed for v in (value, value.replace(" ", ""))]
        accepted = frozenset(_fold(x) for f in forms for x in (f, _tidy(f)))
        result[name] = Case("value", with_value(text, number, value), accepted)

    def labelled(label_text: str, value: str) -> frozenset[str]:
        short = label_text.strip()
        return frozenset(
            _fold(x) for x in [value, *([f"{short} {value}"] if short in _ABBREVIATIONS else [])]
        )

    for name, label_text in LABELS.items():
        if (new := with_label(text, number, label_text)) is not None:
            result[name] = Case("label", new, labelled(label_text, number))
    for name, (label_text, value) in BOTH.items():
        if (new := with_label(text, number, label_text, value)) is not None:
            result[name] = Case("both", new, labelled(label_text, value))
    for name, after in AFTER.items():
        if (new := with_after(text, number, after)) is not None:
            words = after.strip(" –,")
            versions = [f"{f} {words}" for f in printed if words.endswith(_VERSIONS)]
            accepted = result[ORIGINAL].accepted | frozenset(map(_fold, versions))
            result[name] = Case("after", new, accepted)
    for place in PLACES:
        if (new := with_place(text, number, place)) is not None:
            result[place] = Case("place", new, frozenset({_fold(PLACE_VALUE)}))
    removed = with_trap(text, number, "")
    for name, rows in LABEL_ROWS.items():
        if removed is not None:
            new = with_reply_subject(removed, PLACE_VALUE, rows)
            result[name] = Case("place", new, frozenset({_fold(PLACE_VALUE)}))
    for name, (lines, value) in HEAD_FIELDS.items():
        if removed is not None:
            new = with_reply_subject(removed, value, lines)
            result[name] = Case("place", new, frozenset({_fold(value)}))
    for name, (line, count) in COUNT_LINES.items():
        if removed is not None:
            new = with_reply_subject(removed, count, line)
            result[name] = Case("place", new, frozenset({_fold(count)}))
    if label.get("kind") == "Antwort":
        removed = with_trap(text, number, "")
        if removed is not None:
            reply = with_reply_subject(removed, PLACE_VALUE)
            result["answer subject"] = Case("place", reply, frozenset({_fold(PLACE_VALUE)}))
            own = with_reply_subject(text, OTHER_VALUE)
            result["answer subject, own label"] = Case("place", own, result[ORIGINAL].accepted)
            for name, head in ANSWER_HEADS.items():
                cited = with_reply_subject(removed, PLACE_VALUE, head)
                result[name] = Case("answer", cited, frozenset({_fold(PLACE_VALUE)}))
                own = with_reply_subject(text, OTHER_VALUE, head)
                result[f"{name}, own label"] = Case("answer", own, result[ORIGINAL].accepted)
            for name, head in ANSWER_OWN_LABELS.items():
                cited = with_reply_subject(removed, OTHER_VALUE, head.replace("{own}", PLACE_VALUE))
                result[name] = Case("answer", cited, frozenset({_fold(PLACE_VALUE)}))
    for name, trap in TRAPS.items():
        if (new := with_trap(text, number, trap)) is not None:
            result[f"trap {name}"] = Case("trap", new, frozenset())
    return result


@dataclass
class Tally:
    """Per variant: documents used, read right, read as another number."""

    group: str
    used: int = 0
    right: int = 0
    wrong: int = 0
    missed: list[str] | None = None


def score(
    items: Iterable[Any],
    parse: Callable[[str], Any] = parse_text,
    only: Iterable[str] | None = None,
) -> dict[str, Tally]:
    """Return variant → tally over the labelled dev items (`only`: these variants)."""
    chosen = set(only) if only else None
    tallies: dict[str, Tally] = {}
    for item in items:
        for name, case in cases(item.text, item.label).items():
            if chosen is not None and name not in chosen:
                continue
            tally = tallies.setdefault(name, Tally(case.group, missed=[]))
            got = parse(case.text).reference
            tally.used += 1
            if case.accepted and _fold(got) in case.accepted:
                tally.right += 1
            elif got is not None:
                tally.wrong += 1
            if (case.accepted and _fold(got) not in case.accepted) or (
                not case.accepted and got is not None
            ):
                assert tally.missed is not None
                tally.missed.append(f"{item.name}: {got!r}")
    return tallies


def table(tallies: dict[str, Tally]) -> list[str]:
    """Return markdown rows: variant, group, documents, reference right, no invented reference."""
    rows = [
        "| variant | group | documents | reference right | no invented |",
        "|---|---|---:|---:|---:|",
    ]
    for name, t in tallies.items():
        right = pct(t.right, t.used) if t.group != "trap" else "–"
        kept = pct(t.used - t.wrong, t.used)
        rows.append(f"| {name} | {t.group} | {t.used} | {right} | {kept} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--show", help="only this variant, with the documents it reads wrong")
    parser.add_argument("--variant", action="append", help="only these variants (repeatable)")
    parser.add_argument("--shape", choices=sorted(SHAPES), help="bench.text_shapes shape first")
    parser.add_argument(
        "--via-pdf", choices=("plain", "paged"), help="read each text through a rendered PDF"
    )
    args = parser.parse_args()
    if args.via_pdf:
        from bench.parse_accuracy import reader  # fpdf2 and pdfplumber only for this path

        parse = reader(args.via_pdf, args.shape)
    else:
        parse = shaped_parse(args.shape)
    only = [args.show] if args.show else args.variant
    tallies = score(corpus_items("dev"), parse, only)
    print("\n".join(table(tallies)))
    if args.show:
        for line in tallies[args.show].missed or []:
            print(line)


if __name__ == "__main__":
    main()
