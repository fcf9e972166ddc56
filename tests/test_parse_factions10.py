"""Faction phrases in text whose lines were run together and wrapped anew: a phrase broken at a
printed line's end, names that run on into the next field or a person, several factions in one
sentence, a group named only before the paper's type word or in a letter's return address.

Texts: Dresden forms and letters (tests/corpus/dev/, committed) and dev documents from the corpus
snapshots (skipped without ../.mirror), brought into the shapes of bench.text_shapes ("flat": a
page run into one line; "flatwrap": that, wrapped again at 90 characters, as a printed PDF gives
it). Renamed texts put an unseen name into each faction phrase (bench.faction_names.substitute).
Every test fails on main c6c7feb's parser.
"""

from __future__ import annotations

from pathlib import Path

from bench.faction_names import substitute
from bench.text_shapes import flat, flat_wrapped, wrapped
from fetcher.parse import parse_pdf_file, parse_text
from standins.pdf_render import render_paged_text
from tests.corpus_data import corpus_path, dev_label


def _text(name: str) -> str:
    return corpus_path(name, "dev").read_text("utf-8")


def _renamed(name: str, faction: str, new: str) -> str:
    text, count = substitute(_text(name), faction, new)
    assert count, f"no faction phrase of {faction} in {name}"
    return text


def test_name_broken_at_a_printed_line_end() -> None:
    """Dresden mAF0007/14 wrapped anew: '… MÜNDLICHE ANFRAGE Fraktion Bündnis' / '90/Die Grünen
    Jens Hoffsommer Stadtrat …' names the whole group (main: 'Bündnis')."""
    name = "dresden-mAF0007-14-muendliche-anfrage-gruene-juedischer-friedhof"
    assert parse_text(flat_wrapped(_text(name))).factions == ("Bündnis 90/Die Grünen",)


def test_unseen_name_ends_before_a_member_and_his_role() -> None:
    """The same head renamed 'Freie Liste Neustadt' and run into one line: 'Fraktion Freie Liste
    Neustadt Jens Hoffsommer Stadtrat am: …' names the group without the member."""
    name = "dresden-mAF0007-14-muendliche-anfrage-gruene-juedischer-friedhof"
    text = flat(_renamed(name, "Bündnis 90/Die Grünen", "Freie Liste Neustadt"))
    assert parse_text(text).factions == ("Freie Liste Neustadt",)


def test_name_before_a_label_with_its_seat_in_a_run_together_letterhead() -> None:
    """Dresden AF2009/13's answer wrapped anew: 'BürgerBündnis / Freie Bürger Fraktion im Stadtrat
    der Landeshauptstadt Dresden Herrn Stadtrat …' in the middle of a line (main: none)."""
    name = "dresden-AF2009-13-antwort-hofewiese"
    assert parse_text(flat_wrapped(_text(name))).factions == ("BürgerBündnis / Freie Bürger",)


def test_name_before_a_label_and_the_next_field() -> None:
    """Dresden AF2009/13's form run together and wrapped at 70 characters (a printed page): the
    name before 'Fraktion Gegenstand: …' across a line end (main: none)."""
    name = "dresden-AF2009-13-anfrage-buergerbuendnis-hofewiese"
    doc = parse_text(wrapped(70)(flat(_text(name))))
    assert doc.factions == ("BürgerBündnis / Freie Bürger",)


def test_several_words_before_a_council_label_run_into_the_head() -> None:
    """Karlsruhe Durlach 2019 wrapped anew: 'Freie Wähler-OR-Fraktion vom: 05.09.2019 …' and
    'unterzeichnet von: Freie Wähler-OR-Fraktion Jürgen Wenzel …' (main: 'Wähler' and the
    signers as a group)."""
    name = "karlsruhe-2019-or-durlach-anfrage-fw-verkehrstest"
    assert parse_text(flat_wrapped(_text(name))).factions == ("Freie Wähler",)


def test_unseen_name_before_a_council_label_in_flat_text() -> None:
    """The same form renamed 'Wählergemeinschaft Musterstadt-OR-Fraktion', every page one line."""
    name = "karlsruhe-2019-or-durlach-anfrage-fw-verkehrstest"
    text = flat(_renamed(name, "Freie Wähler", "Wählergemeinschaft Musterstadt"))
    assert parse_text(text).factions == ("Wählergemeinschaft Musterstadt",)


def test_several_factions_of_one_motion_in_flat_text() -> None:
    """Niedersachsen Drs. 19/11188 in one line per page: 'Antrag der Fraktion der SPD, der
    Fraktion der CDU und der Fraktion Bündnis 90/Die Grünen - Drs. …' names all three (main:
    CDU lost)."""
    name = "LANDTAG-niedersachsen-19-11188-unterrichtung-beschluss-iran"
    doc = parse_text(flat_wrapped(_text(name)))
    assert doc.factions == ("SPD", "CDU", "Bündnis 90/Die Grünen")
    assert doc.factions == tuple(dev_label(name)["factions_canonical"])


def test_wrapped_sentence_is_no_sender_line() -> None:
    """Niedersachsen Drs. 19/11219 wrapped anew: '… Antrag der Fraktion der SPD und' / 'der Fraktion
    Bündnis 90/Die Grünen - Drs. …' is one sentence naming both (main: the second line alone
    read as the sender, SPD lost)."""
    name = "LANDTAG-niedersachsen-19-11219-unterrichtung-beschluss-wirtschaft"
    doc = parse_text(flat_wrapped(_text(name)))
    assert doc.factions == ("SPD", "Bündnis 90/Die Grünen")
    assert not doc.submitters


def test_party_before_the_papers_type_word() -> None:
    """Karlsruhe Wolfartsweier 2019, the office's answer letter wrapped anew: its subject '… 3. Mai
    2019 SPD Anfrage aus dem Ortschaftsrat …' names SPD, the office and its addressee no group."""
    name = "karlsruhe-2019-or-wolfartsweier-brief-antwort-spd-tankstelle"
    assert parse_text(flat_wrapped(_text(name))).factions == ("SPD",)


def test_group_in_a_letters_return_address(tmp_path: Path) -> None:
    """Karlsruhe 2016 letter of the Freie Wähler run together and printed to a paged PDF: its
    first line 'Freie Wähler Karlsruhe, Hebelstraße 13, 76133 Karlsruhe Stadt Karlsruhe …' is the
    return address (main: none)."""
    name = "karlsruhe-2016-fw-brief-anfrage-ditib"
    pdf = render_paged_text(flat(_text(name)), tmp_path / "letter.pdf")
    assert parse_pdf_file(pdf).factions == ("Freie Wähler",)


def _renamed_wrapped(name: str, new: str) -> tuple[str, ...]:
    text = _renamed(name, dev_label(name)["factions"][0], new)
    return parse_text(flat_wrapped(text)).factions


def test_acronym_after_the_letterheads_town() -> None:
    """Dresden AF2016/13 renamed 'UWG' and wrapped anew: '… Landeshauptstadt Dresden UWG-Fraktion'
    names UWG, not 'Landeshauptstadt Dresden UWG' (main: both)."""
    name = "dresden-AF2016-13-anfrage-fdp-fragerecht-geschaeftsordnung"
    assert _renamed_wrapped(name, "UWG") == ("UWG",)


def test_many_word_name_after_the_letterheads_town() -> None:
    """The same form renamed 'Bürger für Lindenau': the town printed with its postcode elsewhere
    is no part of the name, and 'Lindenau' alone is no group (main: three names)."""
    name = "dresden-AF2016-13-anfrage-fdp-fragerecht-geschaeftsordnung"
    assert _renamed_wrapped(name, "Bürger für Lindenau") == ("Bürger für Lindenau",)


def test_name_with_its_article_after_the_letterheads_town() -> None:
    """Dresden AF2010/13 renamed 'Die Unabhängigen': a capital article inside the run of words
    starts the name ('Landeshauptstadt Dresden Die Unabhängigen-Fraktion'; main: both)."""
    name = "dresden-AF2010-13-anfrage-fdp-eeg-umlage"
    assert _renamed_wrapped(name, "Die Unabhängigen") == ("Die Unabhängigen",)


def test_stray_letter_of_a_scan_before_the_name() -> None:
    """Dresden AF0028/14's answer (a scan's text) renamed 'Freie Liste Neustadt': the stray 'W'
    before the name is no part of it (main: 'W Freie Liste Neustadt')."""
    name = "dresden-AF0028-14-antwort-cdu-fernbuslinien"
    assert _renamed_wrapped(name, "Freie Liste Neustadt") == ("Freie Liste Neustadt",)


def test_sentences_article_beside_the_same_name() -> None:
    """Karlsruhe 2016/0153 renamed 'Bürger für Lindenau': 'Die Bürger für Lindenau-Fraktion …'
    beside the head's name gives one group (main: also 'Die Bürger für Lindenau')."""
    name = "karlsruhe-2016-0153-anfrage-kult-inklusive-beschulung"
    assert _renamed_wrapped(name, "Bürger für Lindenau") == ("Bürger für Lindenau",)


def test_two_signers_with_their_factions_on_consecutive_lines(tmp_path: Path) -> None:
    """Dresden A0090/09 (joint motion) run together and printed to a paged PDF: '… André
    Schollbach Fraktion DIE LINKE' / 'Dr. Peter Lames SPD-Fraktion …' names both groups; the line
    read on into the next does not hide the second signer's group (a guard for the read-on)."""
    name = "dresden-A0090-09-antrag-interfraktionell-kulturpalast"
    pdf = render_paged_text(flat(_text(name)), tmp_path / "motion.pdf")
    assert parse_pdf_file(pdf).factions == ("Die Linke", "SPD")
