"""A letter's faction named in one place only: real dev documents with every mention of the
labelled party removed and the faction printed once (bench.letter_variants): a footer on every
page, a footer or letterhead that names the group with its seat and no "Fraktion", signers of two
factions; and bodies in the same places that are no faction.

Texts: Dresden inquiries (tests/corpus/dev/, committed). Every parser test but the guard fails on
main efe33cf's parser.
"""

from __future__ import annotations

from bench.letter_variants import END, PAGES, TOP, VARIANTS, place, strip_factions
from fetcher.parse import parse_text
from tests.corpus_data import corpus_path, dev_label

GREENS_FORM = "dresden-AF2008-13-anfrage-gruene-jugendhaeuser"  # two pages, "Fraktion Bündnis …"
LEFT_FORM = "dresden-AF2014-13-anfrage-linke-rundfunkbeitrag"  # signed under a closing


def _stripped(name: str) -> tuple[str, list[str]]:
    read = strip_factions(corpus_path(name, "dev").read_text("utf-8"), dev_label(name))
    assert read, f"a name still printed in {name}"
    return read


def _variant(name: str, variant: str, party: str, other: str = "SPD") -> str:
    text, _ = _stripped(name)
    chosen = VARIANTS[variant]
    return place(text, chosen.template.format(p=party, q=other), chosen.place)


def test_transform_removes_the_faction_line_and_places_one() -> None:
    """Dresden AF2008/13: the removal drops only the head line 'Fraktion Bündnis 90/Die Grünen';
    the footer variant then adds one line under each of the two pages and nothing else."""
    original = corpus_path(GREENS_FORM, "dev").read_text("utf-8")
    text, parties = _stripped(GREENS_FORM)
    assert parties == ["Bündnis 90/Die Grünen"]
    assert [x for x in original.split("\n") if x not in text.split("\n")] == [
        "Fraktion Bündnis 90/Die Grünen"
    ]
    assert parse_text(text).factions == ()
    footer = "CDU im Rat der Stadt Musterstadt · Marktplatz 1"
    placed = place(text, footer, PAGES)
    assert placed.count(footer) == text.count("\f") + 1 == 2
    assert [x for x in placed.split("\n") if x not in text.split("\n")] == [footer, footer]
    assert [x for x in placed.split("\n") if x != footer and x.strip()] == [
        x for x in text.rstrip().split("\n") if x.strip()
    ]
    assert place(text, "X", TOP) == f"X\n{text}"
    assert place(text, "X", END).endswith("\n\nX\n")


def test_footer_on_every_page_names_the_faction() -> None:
    """The faction's footer 'Bündnis 90/Die Grünen-Fraktion im Rat der Stadt … · Rathaus · …'
    under both pages (page furniture, left out of the text's lines): the Greens (main: none)."""
    text = _variant(GREENS_FORM, "footer on every page", "Bündnis 90/Die Grünen")
    assert parse_text(text).factions == ("Bündnis 90/Die Grünen",)


def test_footer_without_the_word_fraktion() -> None:
    """A footer 'BÜNDNIS 90/DIE GRÜNEN im Rat der Stadt Musterstadt · Rathaus · Marktplatz 1 ·
    …' at the end: the Greens (main: none); a local Wählergemeinschaft likewise."""
    text = _variant(GREENS_FORM, "footer: X im Rat, address", "BÜNDNIS 90/DIE GRÜNEN")
    assert parse_text(text).factions == ("Bündnis 90/Die Grünen",)
    text = _variant(GREENS_FORM, "footer: X im Rat, address", "Wählergemeinschaft Musterstadt")
    assert parse_text(text).factions == ("Wählergemeinschaft Musterstadt",)


def test_letterhead_group_with_its_seat() -> None:
    """The form's first line 'Die Linke. im Gemeinderat Musterstadt' / 'UWG im Stadtrat': that
    group (main: none)."""
    text = _variant(GREENS_FORM, "letterhead: X im Gemeinderat", "Die Linke.")
    assert parse_text(text).factions == ("Die Linke",)
    text = _variant(GREENS_FORM, "letterhead: X im Stadtrat", "UWG")
    assert parse_text(text).factions == ("UWG",)


def test_signers_of_two_factions() -> None:
    """Dresden AF2014/13 signed 'Max Muster / DIE LINKE-Fraktion' and 'Erika Beispiel /
    SPD-Fraktion' under the closing: both factions (main: Die Linke only)."""
    text = _variant(LEFT_FORM, "signature: signers of two factions", "DIE LINKE")
    assert set(parse_text(text).factions) == {"Die Linke", "SPD"}


def test_bodies_and_places_in_sender_lines_are_no_faction() -> None:
    """A council body, the administration or a member without a faction where a faction's footer
    or letterhead stands names none."""
    from fetcher.parse.letter_blocks import sender_line_groups  # new module: the test runs on main

    text, _ = _stripped(GREENS_FORM)
    for line in (
        "Bezirksvertretung Köln-Lindenthal · Rathaus · Marktplatz 1 · 12345 Köln",
        "Ausschuss für Umwelt und Verkehr im Rat der Stadt Musterstadt",
        "Die Oberbürgermeisterin · Dr.-Külz-Ring 19 · 01067 Dresden",
        "Verwaltung im Rat der Stadt Musterstadt",
        "Max Muster (fraktionslos) · Musterweg 3 · 12345 Musterstadt",
    ):
        assert sender_line_groups(line) == [], line
        assert parse_text(place(text, line, PAGES)).factions == (), line
