"""Every German text the chat commands answer with, in one place for proofreading. Pure data.

Plain text with `str.format` placeholders: bot/messages/replies.py HTML-escapes a template and its
values and adds the markup. Pushed messages (inquiries, answers, meetings) live in
bot/messages/texts.py.
Address form: "Sie".
"""

from __future__ import annotations

# --- commands for setMyCommands (name, description ≤ 256 characters)
COMMANDS = (
    ("start", "Willkommen und erste Schritte"),
    ("abo", "Anfragen abonnieren: Kommune, Fraktion oder Stichwort"),
    ("abos", "Ihre Abos zeigen und löschen"),
    ("suche", "Anfragen durchsuchen"),
    ("anfrage", "Eine Anfrage nach Aktenzeichen zeigen"),
    ("termine", "Die nächsten Ratssitzungen"),
    ("offen", "Offene Anfragen: wer wartet seit wann auf Antwort"),
    ("feed", "Atom- und Kalender-Adressen Ihrer Abos"),
    ("hilfe", "Alle Befehle mit Beispielen"),
    ("datenschutz", "Was gespeichert wird und wie Sie es löschen"),
    ("stop", "Alle Abos und gespeicherten Daten löschen"),
)
# In groups, members see only what they may use; admins get the full list (BotCommandScope).
GROUP_COMMANDS = ("suche", "anfrage", "termine", "abos", "hilfe", "datenschutz")

# --- the bot's profile (setMyDescription ≤ 512, setMyShortDescription ≤ 120 characters)
BOT_DESCRIPTION = (
    "Der Ratsbot meldet neue Anfragen aus Stadt- und Gemeinderäten, sobald sie im "
    "Ratsinformationssystem stehen – mit den Fragen, dem PDF und später der Antwort. "
    "Abonnieren Sie eine Kommune, eine Fraktion oder ein Stichwort; /suche durchsucht alles."
)
BOT_SHORT_DESCRIPTION = "Neue Anfragen aus Ihrem Stadtrat – mit Fragen, PDF und Antwort."

# --- /start
WELCOME_TITLE = "Willkommen beim Ratsbot!"
WELCOME_BODY = (
    "Ich schicke Ihnen neue Anfragen aus Stadt- und Gemeinderäten, sobald sie veröffentlicht "
    "sind – mit den Fragen und dem PDF. Kommt die Antwort der Verwaltung, bekommen Sie auch die."
)
WELCOME_NEXT = "So geht es los:"
BUTTON_START_ABO = "📬 Abo anlegen"
BUTTON_START_SEARCH = "🔎 So suchen Sie"
BUTTON_START_HELP = "❓ Alle Befehle"
WELCOME_BACK_TITLE = "Willkommen zurück!"
WELCOME_BACK_PRIVATE = "Sie haben {abos} und warten auf {follows}."
WELCOME_BACK_GROUP = "Diese Gruppe hat {abos} und wartet auf {follows}."
WELCOME_BACK_NEXT = "/abos zeigt und ändert alles, /suche durchsucht die Papiere."
COUNT_ABOS = ("kein Abo", "1 Abo", "{n} Abos")
COUNT_FOLLOWS = ("keine Antwort", "1 Antwort", "{n} Antworten")
DEEP_LINK_UNKNOWN = "Diesen Link kenne ich nicht (mehr). Mit /abo legen Sie ein Abo selbst an."

# --- /hilfe: (command, what it does, example)
HELP_TITLE = "So benutzen Sie den Ratsbot"
HELP_LINES = (
    ("/abo", "Anfragen abonnieren", "/abo Leipzig Grüne"),
    ("/abos", "Ihre Abos zeigen und löschen", "/abos"),
    ("/suche", "Anfragen durchsuchen", "/suche Radweg kommune:Leipzig seit:2024-01-01"),
    ("/anfrage", "eine Anfrage nach Aktenzeichen", "/anfrage F-00724/14"),
    ("/termine", "die nächsten Sitzungen", "/termine Leipzig"),
    ("/offen", "wer wartet seit wann auf Antwort", "/offen Karlsruhe SPD"),
    ("/feed", "Ihre Abos als Atom-Feed und Kalender", "/feed"),
    ("/stop", "alle Abos und Daten löschen", "/stop"),
    ("/datenschutz", "was gespeichert wird", "/datenschutz"),
    ("/hilfe", "diese Übersicht", "/hilfe"),
)
HELP_EXAMPLE = "z. B. {example}"
HELP_ABO_TITLE = "Abo-Angaben"
HELP_ABO_LINES = (
    "/abo Leipzig – alle neuen Anfragen einer Kommune",
    "/abo Leipzig Grüne – eine Fraktion (sonst gilt das Wort als Stichwort)",
    '/abo Leipzig stichwort:"freie Träger" – ein Stichwort oder eine Wortgruppe',
    "/abo stichwort:Radverkehr – ein Stichwort in allen Kommunen",
    "typ:Anfrage, typ:Antrag, typ:Vorlage oder typ:alle – welche Papiere (Standard: Anfrage)",
)
HELP_SEARCH_TITLE = "Suchen"
HELP_SEARCH_LINES = (
    "/suche Schulen Radweg – alle Wörter, auch gebeugt (Schule, Grundschulsanierung)",
    '/suche "Haus der Jugend" – genau diese Wortgruppe',
    "Filter: kommune:Leipzig fraktion:Grüne typ:Anfrage seit:2024-01-31",
)
HELP_GROUPS = "In Gruppen ändern nur Admins die Abos der Gruppe."

# --- /abo
ABO_CHOOSE_KOMMUNE = "Für welche Kommune möchten Sie Anfragen bekommen?"
ABO_CHOOSE_KOMMUNE_HINT = "Oder schreiben Sie direkt z. B. /abo Leipzig Grüne"
ABO_PAGE = "Seite {page} von {pages}"
BUTTON_EVERY_KOMMUNE = "🌍 Alle Kommunen (Stichwort)"
BUTTON_PREVIOUS = "‹ zurück"
BUTTON_MORE = "weitere ›"
ABO_CHOOSE_WHAT = "{kommune}: Was möchten Sie bekommen?"
BUTTON_ALL_INQUIRIES = "Alle Anfragen"
BUTTON_FACTION = "Eine Fraktion"
BUTTON_KEYWORD = "Ein Stichwort"
BUTTON_BACK = "‹ andere Kommune"
ABO_CHOOSE_FACTION = "{kommune}: Welche Fraktion?"
ABO_CONFIRM = "Dieses Abo anlegen?"
BUTTON_CONFIRM = "✅ Abonnieren"
BUTTON_CANCEL = "Abbrechen"
ABO_CANCELLED = "Abgebrochen – es wurde nichts geändert."
ABO_KEYWORD_PROMPT = "{where}: Bitte schreiben Sie jetzt das Stichwort, z. B. Radverkehr."
ABO_KEYWORD_PROMPT_GROUP = "Antworten Sie dazu auf diese Nachricht."
ABO_KEYWORD_CHOSEN = "{where}: Stichwort"
ABO_CREATED = "✅ Abo angelegt: {label}"
ABO_EXISTS = "Das Abo besteht schon: {label}"
ABO_READ_AS_FACTION = "„{word}“ habe ich als Fraktion verstanden."
ABO_READ_AS_KEYWORD = (
    "„{word}“ habe ich als Stichwort verstanden: Sie bekommen Papiere, in denen es vorkommt."
)
ABO_WHAT_YOU_GET = "Neue Papiere kommen ab jetzt automatisch hierher."
BUTTON_AS_KEYWORD = "Stattdessen Stichwort „{word}“"
BUTTON_UNDO = "Rückgängig"
BUTTON_MY_ABOS = "Meine Abos"
ABO_UNKNOWN_KEY = "„{key}:“ kenne ich nicht. Möglich sind fraktion:, stichwort:, typ: und kommune:."
ABO_MISSING_VALUE = "Nach {key}: fehlt ein Wert, z. B. {key}:Radverkehr."
ABO_UNKNOWN_KIND = "Typ „{value}“ kenne ich nicht. Möglich: Anfrage, Antrag, Vorlage oder alle."
ABO_NOTHING = "Was möchten Sie abonnieren? Zum Beispiel: /abo Leipzig Grüne"
KOMMUNE_UNKNOWN_SUGGEST = "Die Kommune „{name}“ kenne ich nicht. Meinten Sie: {names}?"
KOMMUNE_UNKNOWN = (
    "„{name}“ ist (noch) nicht angebunden: Für diese Kommune kenne ich kein Ratsinformationssystem "
    "mit OParl-Schnittstelle. /abo ohne Angaben zeigt alle angebundenen Kommunen. "
    "Für ein Stichwort in allen Kommunen: /abo stichwort:{name}"
)
KOMMUNE_NOT_SERVED = (
    "{name} wird von diesem Bot nicht abgedeckt – ein Abo dafür bekäme nie eine Nachricht. "
    "Dieser Bot liest: {names}"
)
ABO_KIND_NEEDS_KOMMUNE = (
    "Verstanden: {kind}. Es fehlt noch die Kommune – zum Beispiel /abo Leipzig typ:{value}, "
    "oder für ein Stichwort in allen Kommunen: /abo stichwort:Radverkehr typ:{value}"
)
ABO_FACTION_NEEDS_KOMMUNE = (
    "Verstanden: Fraktion {faction}. Es fehlt noch die Kommune – "
    "zum Beispiel /abo Leipzig {faction}"
)
ABO_READING_IN = "{kommune} wird gerade eingelesen; neue Papiere kommen ab jetzt hierher."
ABO_KEYWORDS_ANY = (
    "Das sind {n} Abos, eins je Stichwort: Sie bekommen jedes Papier, in dem eines davon vorkommt "
    "(ein Papier mit mehreren nur einmal)."
)
ABO_FACTION_AND_KEYWORD = (
    "Sie bekommen Papiere der Fraktion {faction}, in denen „{keyword}“ vorkommt (beides zugleich)."
)
ABO_FACTION_NOT_SEEN = (
    "⚠️ Eine Fraktion {faction} kommt in den Daten von {kommune} nicht vor "
    "(weder als Fraktion noch als Einreicherin eines Papiers der letzten 24 Monate). "
    "Ein solches Abo bliebe wohl stumm. Fraktionen dort:"
)
ABO_FACTION_NOTHING_KNOWN = (
    "⚠️ Für {kommune} kenne ich noch keine Fraktionen (die Daten werden noch eingelesen)."
)
BUTTON_ANYWAY = "Trotzdem {faction} abonnieren"
SOURCE_DOWN = (
    "⚠️ Ratsinfo {kommune} seit {since} nicht erreichbar – Neues kommt, sobald es wieder antwortet."
)
ABO_TOO_MANY = "Dieser Chat hat schon {n} Abos – mehr gehen nicht. Löschen Sie erst eins mit /abos."
ABO_INVALID = "Dieses Abo geht so nicht: das Stichwort ist zu lang (höchstens 200 Zeichen)."
ABO_KEYWORD_TOO_COMMON = (
    "„{keyword}“ ist als Stichwort zu allgemein (es kommt in jedem Text vor). "
    "Bitte ein genaueres Wort, z. B. Radverkehr."
)
ABO_KEYWORD_EMPTY = "Das Stichwort ist leer. Bitte schreiben Sie ein Wort, z. B. Radverkehr."

# --- what a subscription is, in one line ("Leipzig · Fraktion Die Linke · Anfragen")
LABEL_EVERY_KOMMUNE = "alle Kommunen"
EVERY_KOMMUNE_TITLE = "Alle Kommunen"
LABEL_FACTION = "Fraktion {faction}"
LABEL_KEYWORD = "Stichwort „{keyword}“"
LABEL_KINDS_SHORT = {
    "Anfrage": "Anfragen",
    "Antrag": "Anträge",
    "Vorlage": "Vorlagen",
    "alle": "alles",
}
LABEL_KINDS = {
    "Anfrage": "Anfragen und Antworten",
    "Antrag": "Anträge",
    "Vorlage": "Vorlagen",
    "alle": "alle Papiere",
}

# --- /abos
ABOS_TITLE = "Ihre Abos ({n})"
ABOS_TITLE_GROUP = "Abos dieser Gruppe ({n})"
ABOS_NONE_GROUP = "Diese Gruppe hat noch kein Abo. Admins legen eins an, z. B. mit /abo Leipzig."
ABOS_DELETE_HINT_GROUP = "Löschen können nur Admins der Gruppe."
FOLLOWS_TITLE = "Antworten, auf die Sie warten ({n})"
FOLLOWS_TITLE_GROUP = "Antworten, auf die diese Gruppe wartet ({n})"
BUTTON_UNFOLLOW = "✖ {label}"
UNFOLLOWED = "Sie warten nicht mehr auf diese Antwort."
ABOS_NONE = "Sie haben noch kein Abo. Legen Sie eins an, z. B. mit /abo Leipzig."
ABOS_DELETE_HINT = "Zum Löschen tippen Sie auf das Abo."
BUTTON_WEEKLY_ON = "🗓 Wochenvorschau einschalten"
BUTTON_WEEKLY_OFF = "🗓 Wochenvorschau ausschalten"
WEEKLY_ON = "Montags um 7 Uhr bekommen Sie die Sitzungen der Woche."
WEEKLY_OFF = "Keine Wochenvorschau mehr."
BUTTON_ALERTS_ON = "🔔 Sitzungserinnerungen einschalten"
BUTTON_ALERTS_OFF = "🔕 Sitzungserinnerungen ausschalten"
ALERTS_ON = "Vor Sitzungen mit passenden Anfragen erinnere ich Sie wieder."
ALERTS_OFF = "Keine Sitzungserinnerungen mehr."
BUTTON_DELETE = "🗑 {label}"
ABO_DELETED = "Abo gelöscht."
BUTTON_RESTORE = "↩️ Rückgängig: Abo wiederherstellen"
ABO_RESTORED = "Abo wiederhergestellt."
ABO_OVERLAP_WIDER = "Hinweis: Ihr Abo „{label}“ liefert diese Papiere schon."
ABO_OVERLAP_NARROWER = (
    "Hinweis: Dieses Abo umfasst Ihr Abo „{label}“ – das können Sie mit /abos löschen."
)
ABO_ALREADY_DELETED = "Dieses Abo gibt es nicht mehr."

# --- one subscription's page ("Abo verwalten" under a push)
ABO_PAGE_TITLE = "⚙️ Abo: {label}"
ABO_PAGE_ACTIVE = "Dieses Abo ist aktiv: neue passende Papiere kommen sofort."
ABO_PAGE_MUTED = "🔕 Pausiert bis {until}. Danach kommen passende Papiere wieder."
ABO_PAGE_GROUP = "Dieses Abo gehört dieser Gruppe."
BUTTON_MUTE = "🔕 7 Tage pausieren"
BUTTON_UNMUTE = "🔔 Wieder einschalten"
BUTTON_DELETE_ONE = "🗑 Abo löschen"
BUTTON_ALL_ABOS = "Alle Abos"
ABO_MUTED = "Pausiert für 7 Tage."
ABO_UNMUTED = "Das Abo ist wieder aktiv."
ABO_DELETED_NAMED = "🗑 Abo gelöscht: {label}"
LABEL_MUTED = "{label} (pausiert)"

# --- the Kommune picker by Land
BUTTON_BY_LAND = "🗺 Nach Bundesland"
ABO_CHOOSE_LAND = "In welchem Bundesland liegt die Kommune?"
ABO_LAND_SOURCE = (
    "Das Land steht im Gemeindeschlüssel, den der Ratsinfo-Server der Kommune angibt. "
    "{n} Kommunen ohne diese Angabe finden Sie in der alphabetischen Liste."
)
ABO_LAND_SOURCE_ALL = "Das Land steht im Gemeindeschlüssel, den der Ratsinfo-Server angibt."
ABO_LAND_NONE = "Von keiner Kommune ist das Bundesland bekannt. Bitte wählen Sie aus der Liste."
ABO_LAND_KOMMUNEN = "Kommunen in {land}"
BUTTON_LAND_COUNT = "{land} ({n})"
BUTTON_ALPHABETICAL = "‹ alphabetisch"
BUTTON_OTHER_LAND = "‹ anderes Land"

# --- groups
GROUP_ADMINS_ONLY = "Nur Admins dieser Gruppe können die Abos der Gruppe ändern."

# --- /suche
SEARCH_USAGE = "Was suchen Sie? Zum Beispiel: /suche Radweg kommune:Leipzig"
SEARCH_NOTHING = "Nichts gefunden für „{query}“."
SEARCH_NOTHING_TIP = (
    "Tipp: weniger oder allgemeinere Wörter versuchen, Filter weglassen, "
    "oder Anführungszeichen nur um feste Wortgruppen setzen."
)
SEARCH_ONLY_STOPWORDS = (
    "„{query}“ besteht nur aus sehr häufigen Wörtern (wie „der“, „und“, „die“), die in fast "
    "jedem Papier stehen und deshalb nicht gesucht werden. Bitte ein Wort mit Inhalt, "
    "z. B. /suche Radweg."
)
SEARCH_STOPWORDS_SKIPPED = "ℹ️ Nicht gesucht, weil sie in fast jedem Papier stehen: {words}."
SEARCH_EXPIRED = "Diese Suche ist abgelaufen. Bitte senden Sie /suche erneut."
SEARCH_NO_MORE = "Keine weiteren Treffer."
SIMILAR_TITLE = "Ähnlich wie „{title}“"
SIMILAR_NONE = "Keine ähnlichen Anfragen gefunden."

# --- /anfrage
PAPER_USAGE = "Welches Aktenzeichen? Zum Beispiel: /anfrage F-00724/14"
PAPER_UNKNOWN = (
    "Ein Papier mit dem Aktenzeichen „{reference}“ habe ich nicht. "
    "Mit /suche finden Sie es vielleicht über Wörter aus dem Titel."
)
PAPER_GONE = "Dieses Papier gibt es nicht mehr."

# --- /termine
MEETINGS_TITLE = "📅 Nächste Sitzungen"
MEETINGS_FOR = "📅 Nächste Sitzungen · {kommune}"
MEETINGS_NONE = "Keine kommenden Sitzungen bekannt."
MEETINGS_NO_KOMMUNE = (
    "Für welche Kommune? Zum Beispiel: /termine Leipzig – oder abonnieren Sie eine Kommune "
    "mit /abo, dann zeigt /termine deren Sitzungen."
)
MEETINGS_NOT_FETCHED = "Für {kommune} liegen noch keine Sitzungen vor."
MEETING_INQUIRIES_NONE = "keine Anfragen"
MEETING_INQUIRIES_ONE = "1 Anfrage"
MEETING_INQUIRIES_MANY = "{n} Anfragen"
MEETING_DATE = "{weekday}, {day:02d}.{month:02d}.{year}, {hour:02d}:{minute:02d} Uhr"
WEEKDAYS_SHORT = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")

# --- buttons on pushed messages
FOLLOW_NEW = "Sie bekommen die Antwort, sobald sie da ist. Nochmal tippen: abbestellen."
FOLLOW_EXISTS = "Sie warten schon auf diese Antwort – sie kommt, sobald sie da ist."
FOLLOW_STOPPED = "Abbestellt: Sie bekommen die Antwort nicht mehr eigens."
FOLLOW_NOT_INQUIRY = "Nur auf Anfragen gibt es eine Antwort zum Abonnieren."

# --- /stop
STOP_CONFIRM = (
    "Wirklich alles löschen? Alle Abos dieses Chats und alles, was ich über ihn gespeichert "
    "habe, werden gelöscht."
)
BUTTON_STOP_YES = "Ja, alles löschen"
STOP_DONE = (
    "Erledigt: alle Abos und Daten dieses Chats sind gelöscht. "
    "Mit /start geht es jederzeit wieder los."
)
STOP_NOTHING = "Es war nichts gespeichert. Mit /start geht es jederzeit los."
STOP_NOTHING_STORED = (
    "Über diesen Chat ist nichts gespeichert – es gibt nichts zu löschen. "
    "Mit /start geht es jederzeit los."
)

# --- /datenschutz
PRIVACY_TITLE = "Datenschutz"
PRIVACY_LINES = (
    "Gespeichert wird nur, was der Bot zum Zustellen braucht: die Chat-ID, die Art des Chats "
    "(bei Gruppen ihr Name), Ihre Abos, die Anfragen, auf deren Antwort Sie warten, und welche "
    "Nachrichten zugestellt wurden.",
    "Nicht gespeichert werden Ihr Name, Ihre Telefonnummer und Ihre Nachrichten an den Bot; "
    "Suchanfragen werden nicht protokolliert.",
    "Die Papiere selbst sind öffentliche Dokumente aus dem Ratsinformationssystem Ihrer Kommune. "
    "Namen von Bürgerinnen und Bürgern, die eine Einwohneranfrage gestellt haben, zeigt der Bot "
    "nicht.",
    "Die Daten bleiben, bis Sie sie löschen. Wird der Bot blockiert oder aus der Gruppe entfernt, "
    "pausieren die Abos.",
)
PRIVACY_DELETE = "/stop löscht alles über diesen Chat sofort und endgültig."
STOP_CANCELLED = "Abgebrochen – Ihre Abos bleiben."

# --- fallbacks
UNKNOWN_COMMAND = "Den Befehl {command} kenne ich nicht. /hilfe zeigt alle Befehle."
FREE_TEXT = (
    "Ich verstehe nur Befehle. Zum Suchen: /suche {text} – zum Abonnieren: /abo. "
    "Alle Befehle: /hilfe"
)
FREE_TEXT_PLAIN = "Ich verstehe nur Befehle. Alle Befehle mit Beispielen: /hilfe"
BUTTON_STALE = "Dieser Knopf funktioniert nicht mehr."
INPUT_TOO_LONG = (
    "Das ist mir zu lang: Befehle dürfen höchstens {max} Zeichen haben. "
    "Bitte kürzer fassen, z. B. /abo Leipzig fraktion:SPD"
)
NUMBER_TOO_LONG = (
    "Diese Nummer ist zu lang – so viele Stellen hat keine Drucksache. "
    "Beispiel: /anfrage VII-F-08617"
)
SOMETHING_WENT_WRONG = (
    "Da ist bei mir etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal."
)
