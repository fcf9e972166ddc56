"""The role nouns of council members, in their cases and genders, as one vocabulary. Pure.

German councils name a member by the body's noun: Ratsmitglied, Ratsherr/Ratsfrau (Lower Saxony,
NRW), Stadtrat/Stadträtin (Bavaria, Saxony, Baden-Württemberg), Stadtverordnete (Hesse,
Brandenburg), Gemeinderat, Kreisrat, Kreistagsabgeordnete, Bezirksverordnete (Berlin, Hamburg),
Bezirksvertreter (NRW's Bezirksvertretungen), Ortschaftsrat, Ortsbeiratsmitglied (Hesse),
"Mitglied des Rates", sachkundige Bürger (NRW committees), Abgeordnete (Landtage). Each pattern
here is a regex source without anchors; the modules reading a member's party share them.
"""

from __future__ import annotations

# One member, in the nominative, genitive and dative ("Stadtrat", "des Stadtrates", "dem
# Stadtrat"; "Ratsherrn", "Ratsmitglieds", "Abgeordneten", "Bezirksvertreters").
MEMBER_ROLE = (
    r"(?:(?:Stadt|Gemeinde|Kreis|Ortschafts|Orts|Bezirks)r(?:ate?s|at|ätin)|Ratsherr(?:n|en)?|"
    r"Ratsfrau|(?:Stadt|Gemeinde|Kreis|Ortschafts|Orts|Ortsbei|Bezirks)?[Rr]atsmitglied(?:e?s)?|"
    r"(?:Stadt|Bezirks|Gemeinde)verordnete[nr]?|(?:Bezirks|Gemeinde)vertreter(?:in|s)?|"
    r"(?:Kreistags|Landtags|Bundestags)?[Aa]bgeordnete[nr]?|"
    r"Mitglied(?:e?s)?\s+(?:des|im)\s+(?:Rate?s?|Stadtrate?s?|Gemeinderate?s?|Kreistage?s?|"
    r"Ortschaftsrate?s?|Ortsbeirate?s?)|"
    r"[Ss]achkundige[nr]?\s+(?:Bürger|Einwohner)(?:in|s)?)"
)
# Several members: "die Stadträte", "der Ratsmitglieder", "Bezirksverordneten".
MEMBERS_ROLE = (
    r"(?:(?:Stadt|Gemeinde|Kreis|Ortschafts|Orts|Bezirks)rät(?:e|en|innen)|Ratsherren|Ratsfrauen|"
    r"(?:Stadt|Gemeinde|Kreis|Ortschafts|Orts|Ortsbei|Bezirks)?[Rr]atsmitglieder[n]?|"
    r"(?:Bezirks|Gemeinde)vertreter(?:innen)?|Mitglieder\s+des\s+Rates)"
)
# Either, as a whole word.
ANY_MEMBER_ROLE = rf"(?<![\wäöüß-])(?:{MEMBER_ROLE}|{MEMBERS_ROLE})(?![\wäöüß])"
