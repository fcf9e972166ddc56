"""A letter's sender, however the letter names it: real dev documents with every mention of the
labelled party removed and the sender printed once where bench.sender_variants puts it — the
signature only, a role line without "Fraktion", the letter's own e-mail or web line, an acronym
group's letterhead or footer (also run together) — and recipients that are no sender (a copy
line, a distribution to the factions, an addressee block).

Texts: Dresden inquiries (tests/corpus/dev/, committed). Every test fails on main 9ab3fa8's
parser.
"""

from __future__ import annotations

from bench.letter_variants import place, strip_factions
from bench.sender_variants import VARIANTS, _fill
from bench.text_shapes import SHAPES
from fetcher.parse import parse_text
from tests.corpus_data import corpus_path, dev_label

GREENS_FORM = "dresden-AF2008-13-anfrage-gruene-jugendhaeuser"  # "Fraktion Bündnis …" in its head
LEFT_FORM = "dresden-AF2014-13-anfrage-linke-rundfunkbeitrag"  # signed under a closing
ASYLUM_FORM = "dresden-AF2018-13-anfrage-gruene-asylbewerber"
GREENS = "Bündnis 90/Die Grünen"


def _variant(variant: str, party: str, other: str = "SPD", name: str = GREENS_FORM) -> str:
    """Return the document without its faction, the sender printed as the variant says."""
    read = strip_factions(corpus_path(name, "dev").read_text("utf-8"), dev_label(name))
    assert read, f"a name still printed in {name}"
    text, _ = read
    assert parse_text(text).factions == ()
    chosen = VARIANTS[variant]
    return place(text, _fill(chosen, party, other), chosen.place)


def test_signature_role_above_an_acronym_group() -> None:
    """'Erika Beispiel, Fraktionsvorsitzende' above 'GfK' (a group's acronym with a small
    letter): GfK (main: none)."""
    text = _variant("signature: Name, Fraktionsvorsitzende / X", "GfK")
    assert parse_text(text).factions == ("GfK",)


def test_two_signers_each_with_their_group() -> None:
    """A joint letter signed 'Max Muster (Bündnis 90/Die Grünen)' / 'Erika Beispiel (SPD)', and
    'Stadtrat Max Muster, Bündnis 90/Die Grünen' / 'Stadträtin Erika Beispiel, SPD': both
    groups (main: one or none)."""
    text = _variant("signature: two signers (X) (Y)", GREENS)
    assert parse_text(text).factions == (GREENS, "SPD")
    text = _variant("signature: Stadtrat Name, X / Stadträtin Name, Y", GREENS)
    assert parse_text(text).factions == (GREENS, "SPD")


def test_two_signers_run_together() -> None:
    """The same signers with every page run into one line ('… Mit freundlichen Grüßen Max
    Muster (Bündnis 90/Die Grünen) Erika Beispiel (SPD)'): both (main: none)."""
    text = SHAPES["flat"](_variant("signature: two signers (X) (Y)", GREENS))
    assert parse_text(text).factions == (GREENS, "SPD")


def test_council_members_of_a_group() -> None:
    """'Die Ratsmitglieder der Bürger für Musterstadt' under the signers: that group; 'der
    Bündnis 90/Die Grünen': the Greens (main: none)."""
    text = _variant("signature: Die Ratsmitglieder der X", "Bürger für Musterstadt")
    assert parse_text(text).factions == ("Bürger für Musterstadt",)
    text = _variant("signature: Die Ratsmitglieder der X", GREENS)
    assert parse_text(text).factions == (GREENS,)


def test_party_branch_as_letterhead() -> None:
    """Dresden AF2018/13 headed 'SPD Ortsverband Musterstadt': SPD, the party behind the paper
    (main: none)."""
    text = _variant("letterhead: X Ortsverband Musterstadt", "SPD", name=ASYLUM_FORM)
    assert parse_text(text).factions == ("SPD",)


def test_sender_only_in_its_e_mail_or_web_address() -> None:
    """The letterhead's 'E-Mail: fraktion@gruene-musterstadt.de': the Greens; a footer 'www.
    bfb-fraktion-musterstadt.de' of a group the table does not know: its acronym; the same
    contact line on every page: the Greens (main: none each)."""
    text = _variant("letterhead: e-mail fraktion@x-musterstadt.de", GREENS)
    assert parse_text(text).factions == (GREENS,)
    text = _variant("footer: www.x-fraktion-musterstadt.de", "BfB")
    assert [f.casefold() for f in parse_text(text).factions] == ["bfb"]
    text = _variant("footer on every page: Tel. · e-mail", GREENS)
    assert parse_text(text).factions == (GREENS,)


def test_acronym_and_local_groups_in_letterhead_and_footer() -> None:
    """'BfB · Marktplatz 1 · 12345 Musterstadt' as letterhead, 'Wählergemeinschaft Musterstadt
    e.V. · Marktplatz 1 · …' as footer: that group, without 'e.V.' (main: none)."""
    text = _variant("letterhead: X · address", "BfB")
    assert parse_text(text).factions == ("BfB",)
    text = _variant("footer: X · address", "Wählergemeinschaft Musterstadt e.V.")
    assert parse_text(text).factions == ("Wählergemeinschaft Musterstadt",)


def test_letterhead_and_footer_run_together() -> None:
    """Every page one line: 'CDU Marktplatz 1 12345 Musterstadt …' opening the text, and '…
    GfK · Marktplatz 1 · 12345 Musterstadt · Tel. …' ending it: CDU, GfK (main: none)."""
    text = SHAPES["flat"](_variant("letterhead: X alone, address below", "CDU"))
    assert parse_text(text).factions == ("CDU",)
    text = SHAPES["flat"](_variant("footer: X · address", "GfK"))
    assert parse_text(text).factions == ("GfK",)


def test_recipients_are_no_sender_but_an_answers_addressee_is() -> None:
    """An inquiry without its faction that names groups only as recipients — 'Kopie:
    SPD-Fraktion, CDU-Fraktion', 'Verteiler: an die Fraktionen SPD und CDU', an addressee
    block 'An die / SPD-Fraktion im Rat der Stadt …', 'Herrn / Max Muster / Vorsitzender der
    SPD-Fraktion': none (main: SPD and CDU). Dresden's answer AF2008/13, addressed to 'Fraktion
    Bündnis 90/Die Grünen / im Stadtrat … / Herrn Stadtrat …', keeps the Greens, as labelled (a
    reply's addressee is the faction that asked), also with a copy line naming another one."""
    for variant in (
        "negative: Kopie: X-Fraktion, Y-Fraktion",
        "negative: Verteiler an die Fraktionen X und Y",
        "negative: An die X-Fraktion (addressee)",
        "negative: Herrn Name / Vorsitzender der X-Fraktion (addressee)",
    ):
        text = _variant(variant, "SPD", "CDU", name=LEFT_FORM)
        assert parse_text(text).factions == (), variant
    name = "dresden-AF2008-13-antwort-jugendhaeuser"
    text = corpus_path(name, "dev").read_text("utf-8")
    assert dev_label(name)["factions"] == [GREENS]
    assert parse_text(f"{text.rstrip()}\n\nKopie: CDU-Fraktion\n").factions == (GREENS,)
