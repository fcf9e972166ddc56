"""The submitting faction whatever the phrase around it: real dev documents whose submitter phrase
is rewritten into another real phrasing (bench.faction_variants: "Fragesteller: CDU",
"Zählgemeinschaft CDU/SPD", the party alone in the letterhead, "Ratsmitglied Max Muster,
CDU-Fraktion"), and submitters that name no faction ("Stadtrat Max Muster (fraktionslos)").

Texts: Dresden forms and a Nordstemmen answer (tests/corpus/dev/, committed), Niedersachsen
Landtag and Karlsruhe documents from the corpus snapshots (skipped without ../.mirror). Every
parser test fails on main d6424fc's parser.
"""

from __future__ import annotations

from bench.faction_variants import END, TOP, VARIANTS
from bench.text_shapes import flat
from fetcher.parse import parse_text
from tests.faction_rewrites import dev_text, rewritten

CDU_FORM = "dresden-mAF0011-14-muendliche-anfrage-cdu-schandauer-strasse"
NORDSTEMMEN_CDU = "nordstemmen-DS-70-2011-antwort-cdu-baugrundstuecke"
LANDTAG_AFD = "LANDTAG-niedersachsen-19-11179-kleine-anfrage-mit-antwort"
KARLSRUHE_AFD = "karlsruhe-2023-0633-anfrage-afd-bolzplatz-oberreut"
KARLSRUHE_FDP = "karlsruhe-2013-0017-anfrage-fdp-nachtstromspeicher"


def test_transform_rewrites_the_phrase_line_and_nothing_else() -> None:
    """Dresden mAF0011/14: only the head line 'CDU-Fraktion' becomes 'Fragesteller: CDU'; every
    other line stays as printed."""
    before = dev_text(CDU_FORM).split("\n")
    after = rewritten(CDU_FORM, "Fragesteller: CDU").split("\n")
    assert len(after) == len(before)
    changed = [(b, a) for b, a in zip(before, after, strict=True) if a != b]
    assert changed == [("CDU-Fraktion", "Fragesteller: CDU")]


def test_fragesteller_field_names_the_faction() -> None:
    """'Fragesteller: CDU' (a SessionNet head field) in place of 'CDU-Fraktion' names the CDU,
    and an unseen acronym in the field ('Fragesteller: UWG') names that group (main: none)."""
    assert parse_text(rewritten(CDU_FORM, "Fragesteller: CDU")).factions == ("CDU",)
    assert parse_text(rewritten(CDU_FORM, "Fragesteller: UWG")).factions == ("UWG",)


def test_fragesteller_field_with_a_name_of_several_words() -> None:
    """Landtag Drs. 19/11179 asked by 'Fragesteller: Wählergemeinschaft Musterstadt' (head and
    its repetition ', eingegangen am …'): that group (main: none)."""
    text = rewritten(LANDTAG_AFD, "Fragesteller: Wählergemeinschaft Musterstadt")
    assert parse_text(text).factions == ("Wählergemeinschaft Musterstadt",)


def test_zaehlgemeinschaft_names_every_group() -> None:
    """'Zählgemeinschaft CDU/SPD' is a group label like 'Gruppe': both parties (main: none)."""
    doc = parse_text(
        rewritten(CDU_FORM, VARIANTS["Zählgemeinschaft X/Y"].template.format(pp="CDU/SPD"))
    )
    assert doc.factions == ("CDU", "SPD")


def test_party_alone_in_a_forms_letterhead() -> None:
    """The head's 'CDU-Fraktion' removed and the party printed alone as the first line: 'CDU'
    (main: none), and 'Wählergemeinschaft Musterstadt' alone names that group."""
    assert parse_text(rewritten(CDU_FORM, "CDU", TOP)).factions == ("CDU",)
    text = rewritten(CDU_FORM, "Wählergemeinschaft Musterstadt", TOP)
    assert parse_text(text).factions == ("Wählergemeinschaft Musterstadt",)


def test_group_below_a_bare_label_in_a_forms_letterhead() -> None:
    """'Ratsfraktion' / 'CDU' as the first two lines of the Dresden form: the CDU (main: none)."""
    assert parse_text(rewritten(CDU_FORM, "Ratsfraktion\nCDU", TOP)).factions == ("CDU",)


def test_signer_with_the_party_in_brackets() -> None:
    """The head's 'CDU-Fraktion' removed, 'Mit freundlichen Grüßen' / 'Max Muster (CDU)' closing
    the form: the CDU (main: none); 'Max Muster (fraktionslos)' names none."""
    signed = "Mit freundlichen Grüßen\n\nMax Muster ({})"
    assert parse_text(rewritten(CDU_FORM, signed.format("CDU"), END)).factions == ("CDU",)
    assert parse_text(rewritten(CDU_FORM, signed.format("fraktionslos"), END)).factions == ()


def test_member_with_role_before_a_hyphened_label_is_no_group() -> None:
    """Nordstemmen DS 70/2011 ('Anfrage der CDU-Fraktion zur Vermarktung …') asked by
    'Ratsmitglied Max Muster, CDU-Fraktion zur Vermarktung …': the CDU only, not the member
    (main: 'Ratsmitglied Max Muster' as a group too)."""
    text = rewritten(NORDSTEMMEN_CDU, "Ratsmitglied Max Muster, CDU-Fraktion")
    assert "Ratsmitglied Max Muster, CDU-Fraktion zur Vermarktung" in text
    assert parse_text(text).factions == ("CDU",)


def test_agency_in_brackets_after_a_heading_is_no_group() -> None:
    """Landtag Drs. 19/11179: 'Vorbemerkung des Abgeordneten' / 'Die Landesnahverkehrsgesellschaft
    Niedersachsen (LNVG) …' is a sentence, not a member with his party (main: 'AfD', 'LNVG')."""
    assert parse_text(dev_text(LANDTAG_AFD)).factions == ("AfD",)


def test_member_without_faction_names_none() -> None:
    """The same Landtag answer asked by 'Stadtrat Max Muster (fraktionslos)': no faction at all
    (main: 'LNVG')."""
    text = rewritten(LANDTAG_AFD, "Stadtrat Max Muster (fraktionslos)")
    assert parse_text(text).factions == ()


def test_a_group_after_an_indefinite_article_is_no_label() -> None:
    """Karlsruhe 2023/0633 asked by 'Einzelstadtrat Max Muster': 'mit einer Gruppe Jugendlicher,
    Vertreter*innen des Bürgervereins …' names no faction (main: 'Jugendlicher',
    'Vertreter*innen')."""
    text = rewritten(KARLSRUHE_AFD, "Einzelstadtrat Max Muster")
    assert parse_text(text).factions == ()


def test_a_member_without_faction_is_not_given_a_cited_party() -> None:
    """Karlsruhe 2013/0017 asked by 'Stadtrat Max Muster (fraktionslos)' (its six FDP members
    rewritten) still cites '(GR-Sitzung vom 24.7.2012, Antwort auf FDP-Anfrage …)': the cited
    paper's party is not the submitter's, no faction (main: 'FDP'); the same for
    'Einzelstadtverordneter Max Muster'."""
    for phrase in ("Stadtrat Max Muster (fraktionslos)", "Einzelstadtverordneter Max Muster"):
        text = rewritten(KARLSRUHE_FDP, phrase)
        assert "Antwort auf FDP-Anfrage" in text
        assert parse_text(text).factions == ()


def test_a_member_without_party_may_sign_for_a_faction() -> None:
    """Guard: Karlsruhe's Freie Wähler letter run into one line per page, signed 'Stefan Schmitt
    (parteilos)' and Jürgen Wenzel, keeps its group from the return address ('parteilos' is no
    'fraktionslos')."""
    text = flat(dev_text("karlsruhe-2016-fw-brief-anfrage-ditib"))
    assert parse_text(text).factions == ("Freie Wähler",)


def test_joint_factions_after_a_party_spelt_with_its_dot() -> None:
    """'Fraktionen von DIE LINKE. und CDU' in place of the Dresden form's 'CDU-Fraktion': the dot
    of the party's spelling 'DIE LINKE.' does not end the list, both groups (main: the first)."""
    text = rewritten(CDU_FORM, "Fraktionen von DIE LINKE. und CDU")
    assert parse_text(text).factions == ("Die Linke", "CDU")
    text = rewritten(CDU_FORM, "Fraktionen DIE LINKE. und CDU")
    assert parse_text(text).factions == ("Die Linke", "CDU")
