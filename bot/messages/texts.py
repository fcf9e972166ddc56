"""Every German text a user reads in a pushed message, in one place for proofreading. Pure data.

Plain text with `str.format` placeholders. bot/messages/render.py HTML-escapes a template *and* the
values, so a text here may contain "&", "<" or quotes freely; markup (bold, links) is added by
render.py.
Address form: "Sie".
"""

from __future__ import annotations

# --- document kinds (fetcher.model.KINDS → what the user reads)
KIND_LABELS = {
    "Anfrage": "Anfrage",
    "Antwort": "Antwort",
    "Antrag": "Antrag",
    "Vorlage": "Vorlage",
    "Informationsvorlage": "Informationsvorlage",
    "Niederschrift": "Niederschrift",
    "sonstiges": "Dokument",
}
KIND_CITIZEN_INQUIRY = "Einwohneranfrage"
# Replaces a citizen's name wherever it shows up in an Einwohneranfrage's texts.
REDACTED_NAME = "[Name entfernt]"

# --- one inquiry
INQUIRY_HEADLINE = "📄 {kind} · {kommune}"
MEETING_LINE = "Sitzung: {meeting}"
QUESTIONS_HEADING = "Fragen"
MORE_QUESTIONS_ONE = "… und 1 weitere Frage"
MORE_QUESTIONS_MANY = "… und {n} weitere Fragen"
MORE_IN = "im"  # "… und 5 weitere Fragen im PDF"
LINK_PDF = "PDF"
LINK_WEB = "Zur Vorlage"
BUTTON_FOLLOW = "Antwort abonnieren"
BUTTON_FOLLOWING = "✓ Antwort abonniert"
BUTTON_SIMILAR = "Ähnliche"
BUTTON_MANAGE = "⚙️ Abos verwalten"
# The footer of a push: which subscription brought it, and a button to that subscription's page.
PUSH_FOOTER = "Abo: {label}"
BUTTON_MANAGE_ONE = "⚙️ Abo verwalten"

# --- the answer to an inquiry
ANSWER_HEADLINE = "✅ Antwort auf {kind} · {kommune}"
ANSWER_NOT_SPLIT = "Die Verwaltung hat geantwortet. Die Antwort steht im PDF."
ANSWER_AFTER_DAYS = "Antwort nach {n} Tagen"
ANSWER_AFTER_ONE_DAY = "Antwort nach 1 Tag"
ANSWER_TO = "Zu {n}.:"
QUESTIONS_ASKED_HEADING = "Die Fragen"
ANSWER_MISSING = "(Keine eigene Antwort zu dieser Frage erkannt – siehe PDF.)"
MORE_ANSWERS_ONE = "… und 1 weitere Antwort"
MORE_ANSWERS_MANY = "… und {n} weitere Antworten"
LINK_ANSWER_PDF = "Antwort (PDF)"
LINK_INQUIRY_PDF = "Anfrage (PDF)"

# --- digest of several new papers
DIGEST_HEADLINE = "📬 {count} in {kommune}"
# What a digest holds, by document kind (KIND_LABELS' keys), adjective included: one, then many.
DIGEST_COUNT_ONE = {
    "Anfrage": "1 neue Anfrage",
    "Antwort": "1 neue Antwort",
    "Antrag": "1 neuer Antrag",
    "Vorlage": "1 neue Vorlage",
    "Informationsvorlage": "1 neue Informationsvorlage",
    "Niederschrift": "1 neue Niederschrift",
    "sonstiges": "1 neues Dokument",
}
DIGEST_COUNT_MANY = {
    "Anfrage": "{n} neue Anfragen",
    "Antwort": "{n} neue Antworten",
    "Antrag": "{n} neue Anträge",
    "Vorlage": "{n} neue Vorlagen",
    "Informationsvorlage": "{n} neue Informationsvorlagen",
    "Niederschrift": "{n} neue Niederschriften",
    "sonstiges": "{n} neue Dokumente",
}
DIGEST_COUNT_CITIZEN = ("1 neue Einwohneranfrage", "{n} neue Einwohneranfragen")
# Papers of several kinds in one digest.
DIGEST_COUNT_MIXED = ("1 neues Papier", "{n} neue Papiere")
MORE_ITEMS = "… und {n} weitere"

# --- meetings
MEETING_UNNAMED = "Sitzung"  # a meeting whose OParl object has no name
MEETING_ALERT_HEADLINE = "📅 {name} · {kommune}"
MEETING_LOCATION = "Ort: {location}"
MEETING_TIME_OPEN = "Termin noch offen"
MEETING_MATCHING = "Passend zu Ihren Abos:"
MEETING_OTHER = "Weitere Anfragen auf der Tagesordnung:"
MEETING_INQUIRIES = "Anfragen auf der Tagesordnung:"
MEETING_NO_INQUIRIES = "Keine Anfragen auf der Tagesordnung."
LINK_MEETING = "Zur Sitzung"
MEETING_MOVED_HEADLINE = "⚠️ Sitzung verlegt: {name} · {kommune}"
MEETING_MOVED_NEW = "Neu: {when}"
MEETING_MOVED_OLD = "Bisher: {when}"
MEETING_MOVED_NEW_LOCATION = "Neuer Ort: {location}"
MEETING_CANCELLED_HEADLINE = "❌ Sitzung abgesagt: {name} · {kommune}"
MEETING_CANCELLED_BODY = "Der Termin {when} entfällt."
WEEKLY_HEADLINE = "🗓 Sitzungen diese Woche"  # the Monday preview (bot/pipeline/alerts.py)

# --- search
SEARCH_HEADLINE_ONE = "🔎 1 Treffer"
SEARCH_HEADLINE_MANY = "🔎 {total} Treffer"
SEARCH_FOR = "für „{query}“"
SEARCH_PAGE = "Seite {page} von {pages}"
SEARCH_NONE = "🔎 Keine Treffer."
SEARCH_NONE_FOR = "🔎 Keine Treffer für „{query}“."
SEARCH_ANSWERED = "✅ beantwortet"
SEARCH_ANSWERED_AFTER = "✅ beantwortet nach {n} Tagen"
BUTTON_PREVIOUS = "‹ zurück"
BUTTON_MORE = "weitere ›"
BUTTON_NEWEST_FIRST = "🕑 Neueste zuerst"
BUTTON_BY_RELEVANCE = "⭐ Beste zuerst"
SEARCH_NEWEST_FIRST = "neueste zuerst"
SEARCH_DID_YOU_MEAN = "💡 Meinten Sie: {query}?"

# --- dates ("Dienstag, 11. Dezember 2018, 15:30 Uhr"); the image has no de_DE locale
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)  # fmt: skip
DATETIME_LONG = "{weekday}, {day}. {month} {year}, {hour:02d}:{minute:02d} Uhr"
QUESTIONS_FOLLOWUP = "Nachtrag: Das Dokument ist jetzt lesbar – hier die Anfrage mit ihren Fragen."
