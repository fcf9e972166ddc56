"""Render what the chat commands answer (HTML text plus buttons as plain data). Pure, no I/O.

The German wording is in bot/messages/chat_texts.py; every value is escaped here. Pushed messages
(inquiries, answers, search hits) are rendered by bot/messages/render.py.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from datetime import datetime

from bot.chat.abo_parse import AboProblem, AboRequest, KommuneRef
from bot.messages import chat_texts as t
from bot.messages import keyboards as kb
from bot.messages.render import Button, MeetingView, RenderedMessage, fits, shown_query
from fetcher.clock import BERLIN
from fetcher.factions import faction_slug
from fetcher.netguard import safe_link

KOMMUNE_PAGE_SIZE = 8
MAX_MEETINGS = 10


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _fmt(template: str, **values: object) -> str:
    escaped = {k: _esc(v) if isinstance(v, str) else v for k, v in values.items()}
    return _esc(template).format(**escaped)


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plain(text: str, buttons: tuple[tuple[Button, ...], ...] = ()) -> RenderedMessage:
    """Return a message of one plain (escaped) text."""
    return RenderedMessage(_esc(text), buttons)


def welcome(notice: str | None = None) -> RenderedMessage:
    """Return the /start answer: what the bot does and the three most useful next steps."""
    lines = [
        f"👋 <b>{_esc(t.WELCOME_TITLE)}</b>",
        "",
        _esc(t.WELCOME_BODY),
        "",
        _esc(t.WELCOME_NEXT),
    ]
    if notice:
        lines = [_esc(notice), "", *lines]
    buttons = (
        (Button(t.BUTTON_START_ABO, kb.data(kb.ABO, "w")),),
        (Button(t.BUTTON_START_SEARCH, kb.data(kb.HELP, "s")),),
        (Button(t.BUTTON_START_HELP, kb.data(kb.HELP, "h")),),
    )
    return RenderedMessage("\n".join(lines), buttons)


def _count(forms: tuple[str, str, str], n: int) -> str:
    """Return "kein Abo" / "1 Abo" / "3 Abos" from the three German forms."""
    return forms[min(n, 2)].format(n=n)


def welcome_back(subscriptions: int, follows: int, *, group: bool) -> RenderedMessage:
    """Return /start for a chat the bot knows: what it has, and where to change it."""
    template = t.WELCOME_BACK_GROUP if group else t.WELCOME_BACK_PRIVATE
    status = template.format(
        abos=_count(t.COUNT_ABOS, subscriptions), follows=_count(t.COUNT_FOLLOWS, follows)
    )
    lines = [f"👋 <b>{_esc(t.WELCOME_BACK_TITLE)}</b>", _esc(status), "", _esc(t.WELCOME_BACK_NEXT)]
    buttons = (
        (Button(t.BUTTON_MY_ABOS, kb.data(kb.ABO, "l")),),
        (Button(t.BUTTON_START_HELP, kb.data(kb.HELP, "h")),),
    )
    return RenderedMessage("\n".join(lines), buttons)


def privacy_message() -> RenderedMessage:
    """Return /datenschutz: what is stored, for how long, and how to delete it."""
    lines = [f"🔒 <b>{_esc(t.PRIVACY_TITLE)}</b>"]
    for line in t.PRIVACY_LINES:
        lines += ["", _esc(line)]
    lines += ["", f"<b>{_esc(t.PRIVACY_DELETE)}</b>"]
    return RenderedMessage("\n".join(lines))


def _section(title: str, lines: Sequence[str]) -> list[str]:
    return ["", f"<b>{_esc(title)}</b>", *(f"• {_esc(line)}" for line in lines)]


def help_message() -> RenderedMessage:
    """Return /hilfe: every command with one example each, then the /abo and /suche details."""
    lines = [f"<b>{_esc(t.HELP_TITLE)}</b>", ""]
    for command, what, example in t.HELP_LINES:
        lines.append(f"{command} – {_esc(what)}")
        if example != command:
            lines.append("    " + _fmt(t.HELP_EXAMPLE, example=example))
    lines += _section(t.HELP_ABO_TITLE, t.HELP_ABO_LINES)
    lines += _section(t.HELP_SEARCH_TITLE, t.HELP_SEARCH_LINES)
    lines += ["", _esc(t.HELP_GROUPS)]
    return RenderedMessage("\n".join(lines))


def search_howto() -> RenderedMessage:
    """Return how to search (the "So suchen Sie" button of /start)."""
    return RenderedMessage("\n".join(_section(t.HELP_SEARCH_TITLE, t.HELP_SEARCH_LINES)).strip())


# ---------------------------------------------------------------- subscriptions


def subscription_label(
    kommune: str | None, faction: str | None, keyword: str | None, kind: str
) -> str:
    """Return one line naming a subscription: "Leipzig · Fraktion Die Linke · Anfragen …"."""
    parts = [kommune or t.LABEL_EVERY_KOMMUNE]
    if faction:
        parts.append(t.LABEL_FACTION.format(faction=faction))
    if keyword:
        parts.append(t.LABEL_KEYWORD.format(keyword=keyword.strip('"')))
    parts.append(t.LABEL_KINDS.get(kind, kind))
    return " · ".join(parts)


_KOMMUNE_PREFIXES = re.compile(
    r"^(?:Landeshauptstadt|Bundesstadt|Hansestadt|Universitätsstadt|Große Kreisstadt|Kreisstadt|"
    r"Stadt|Gemeinde|Markt|Samtgemeinde|Verbandsgemeinde|Ortsgemeinde)\s+"
)


def short_kommune(name: str) -> str:
    """Return a Kommune's name without its legal prefix: "Stadt Leipzig" → "Leipzig"."""
    return _KOMMUNE_PREFIXES.sub("", name.strip()) or name


def button_label(kommune: str | None, faction: str | None, keyword: str | None, kind: str) -> str:
    """Return a short label for a subscription's button: "Leipzig · Grüne · Anfragen".

    Every part is kept short so that two subscriptions never read the same on a narrow button.
    """
    parts = [_short(short_kommune(kommune), 20) if kommune else t.LABEL_EVERY_KOMMUNE]
    if faction:
        parts.append(_short(faction, 22))
    if keyword:
        parts.append(f"„{_short(keyword.strip(chr(34)), 20)}“")
    parts.append(t.LABEL_KINDS_SHORT.get(kind, kind))
    return " · ".join(parts)


def source_down(kommune: str, since: datetime) -> str:
    """Return the warning that a Kommune's council server has not answered since `since`."""
    when = since.astimezone(BERLIN).strftime("%d.%m.%Y %H:%M")
    return _fmt(t.SOURCE_DOWN, kommune=kommune, since=when)


def with_source_warnings(
    message: RenderedMessage, failing: Sequence[tuple[str, datetime]]
) -> RenderedMessage:
    """Return the message with one "⚠️ Ratsinfo … nicht erreichbar" line per failing source."""
    if not failing:
        return message
    lines = [source_down(name, since) for name, since in failing]
    text = message.text + "\n\n" + "\n".join(lines)
    return RenderedMessage(text, message.buttons) if fits(text) else message


def abo_confirmation(
    request: AboRequest, subscriptions: Sequence[tuple[int, bool]], notes: Sequence[str] = ()
) -> RenderedMessage:
    """Return the answer to a subscription: each created or existing one, how free words were
    read, and `notes` (already escaped: Kommune being read in, source down)."""
    name = request.kommune.name if request.kommune else None
    keywords = request.keywords or (None,)
    lines = []
    for (_, created), keyword in zip(subscriptions, keywords, strict=False):
        label = subscription_label(name, request.faction, keyword, request.kind)
        lines.append(_fmt(t.ABO_CREATED if created else t.ABO_EXISTS, label=label))
    created_any = any(created for _, created in subscriptions)
    if len(subscriptions) > 1:
        lines.append(_fmt(t.ABO_KEYWORDS_ANY, n=len(subscriptions)))
    if request.faction and request.keyword and len(subscriptions) == 1:
        keyword = request.keyword.strip('"')
        lines.append(_fmt(t.ABO_FACTION_AND_KEYWORD, faction=request.faction, keyword=keyword))
    elif request.guessed == "faction" and request.alternative_keyword:
        lines.append(_fmt(t.ABO_READ_AS_FACTION, word=request.alternative_keyword))
    elif request.guessed == "keyword" and request.keyword and not request.faction:
        lines.append(_fmt(t.ABO_READ_AS_KEYWORD, word=request.keyword.strip('"')))
    reading = [n for n in notes if not n.startswith("⚠️")]
    if created_any and not reading:
        lines.append(_esc(t.ABO_WHAT_YOU_GET))
    lines += list(notes)
    rows: list[tuple[Button, ...]] = []
    word = request.alternative_keyword
    first_id, first_created = subscriptions[0]
    if first_created and word and kb.fits(kb.ABO, "sk", first_id, word):
        label_word = _short(word, 30)
        rows.append(
            (
                Button(
                    t.BUTTON_AS_KEYWORD.format(word=label_word),
                    kb.data(kb.ABO, "sk", first_id, word),
                ),
            )
        )
    last = [Button(t.BUTTON_MY_ABOS, kb.data(kb.ABO, "l"))]
    if first_created and len(subscriptions) == 1:
        last.insert(0, Button(t.BUTTON_UNDO, kb.data(kb.ABO, "u", first_id)))
    rows.append(tuple(last))
    return RenderedMessage("\n".join(lines), tuple(rows))


def faction_not_seen(ref: KommuneRef, faction: str, choices: Sequence[str]) -> RenderedMessage:
    """Return the warning for a faction never seen in the Kommune: the real ones as buttons,
    and one button to subscribe anyway."""
    key = kb.kommune_key(ref)
    buttons = [
        Button(_short(name, 30), kb.data(kb.ABO, "F", key, faction_slug(name)))
        for name in choices[:12]
        if kb.fits(kb.ABO, "F", key, faction_slug(name))
    ]
    rows: list[tuple[Button, ...]] = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
    if kb.fits(kb.ABO, "y", key, faction_slug(faction)):
        anyway = t.BUTTON_ANYWAY.format(faction=_short(faction, 30))
        rows.append((Button(anyway, kb.data(kb.ABO, "y", key, faction_slug(faction))),))
    rows.append((Button(t.BUTTON_CANCEL, kb.data(kb.ABO, "x")),))
    text = _fmt(t.ABO_FACTION_NOT_SEEN, faction=faction, kommune=ref.name)
    return RenderedMessage(text + "\n" + _esc(", ".join(choices)), tuple(rows))


def abo_problem(problem: AboProblem) -> RenderedMessage:
    """Return why /abo failed; suggested Kommunen become buttons into the wizard."""
    rows = tuple(
        (Button(ref.name, kb.data(kb.ABO, "k", kb.kommune_key(ref))),)
        for ref in problem.suggestions
    )
    return plain(problem.message, rows)


def kommune_picker(kommunen: Sequence[KommuneRef], page: int) -> RenderedMessage:
    """Return the first wizard step: one page of Kommunen, two per row, with paging."""
    pages = max(1, math.ceil(len(kommunen) / KOMMUNE_PAGE_SIZE))
    page = min(max(page, 1), pages)
    shown = kommunen[(page - 1) * KOMMUNE_PAGE_SIZE : page * KOMMUNE_PAGE_SIZE]
    buttons = [Button(_short(r.name, 30), kb.data(kb.ABO, "k", kb.kommune_key(r))) for r in shown]
    rows: list[tuple[Button, ...]] = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
    paging = []
    if page > 1:
        paging.append(Button(t.BUTTON_PREVIOUS, kb.data(kb.ABO, "p", page - 1)))
    if page < pages:
        paging.append(Button(t.BUTTON_MORE, kb.data(kb.ABO, "p", page + 1)))
    if paging:
        rows.append(tuple(paging))
    rows.append((Button(t.BUTTON_EVERY_KOMMUNE, kb.data(kb.ABO, "s", kb.EVERY_KOMMUNE)),))
    rows.append((Button(t.BUTTON_CANCEL, kb.data(kb.ABO, "x")),))
    lines = [f"<b>{_esc(t.ABO_CHOOSE_KOMMUNE)}</b>"]
    if pages > 1:
        lines.append(_fmt(t.ABO_PAGE, page=page, pages=pages))
    lines += ["", _esc(t.ABO_CHOOSE_KOMMUNE_HINT)]
    return RenderedMessage("\n".join(lines), tuple(rows))


def what_picker(ref: KommuneRef) -> RenderedMessage:
    """Return the second wizard step: all inquiries, a faction or a keyword."""
    key = kb.kommune_key(ref)
    rows = (
        (Button(t.BUTTON_ALL_INQUIRIES, kb.data(kb.ABO, "c", key)),),
        (
            Button(t.BUTTON_FACTION, kb.data(kb.ABO, "f", key)),
            Button(t.BUTTON_KEYWORD, kb.data(kb.ABO, "s", key)),
        ),
        (
            Button(t.BUTTON_BACK, kb.data(kb.ABO, "w")),
            Button(t.BUTTON_CANCEL, kb.data(kb.ABO, "x")),
        ),
    )
    return RenderedMessage(f"<b>{_fmt(t.ABO_CHOOSE_WHAT, kommune=ref.name)}</b>", rows)


def faction_picker(ref: KommuneRef, factions: Sequence[str]) -> RenderedMessage:
    """Return the faction step: one button per faction, two per row."""
    key = kb.kommune_key(ref)
    buttons = [
        Button(_short(name, 30), kb.data(kb.ABO, "F", key, faction_slug(name)))
        for name in factions
        if kb.fits(kb.ABO, "F", key, faction_slug(name))
    ]
    rows: list[tuple[Button, ...]] = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
    rows.append(
        (
            Button(t.BUTTON_BACK, kb.data(kb.ABO, "k", key)),
            Button(t.BUTTON_CANCEL, kb.data(kb.ABO, "x")),
        )
    )
    return RenderedMessage(f"<b>{_fmt(t.ABO_CHOOSE_FACTION, kommune=ref.name)}</b>", tuple(rows))


def confirm(ref: KommuneRef, faction: str | None) -> RenderedMessage:
    """Return the last wizard step: the subscription in one line and "Abonnieren"."""
    key = kb.kommune_key(ref)
    args: list[str] = [key] + ([faction_slug(faction)] if faction else [])
    label = subscription_label(ref.name, faction, None, "Anfrage")
    rows = (
        (
            Button(t.BUTTON_CONFIRM, kb.data(kb.ABO, "y", *args)),
            Button(t.BUTTON_CANCEL, kb.data(kb.ABO, "x")),
        ),
    )
    return RenderedMessage(f"<b>{_esc(t.ABO_CONFIRM)}</b>\n{_esc(label)}", rows)


def keyword_prompt(ref: KommuneRef | None, group: bool) -> RenderedMessage:
    """Return the request to type the keyword as the next message."""
    where = ref.name if ref else t.EVERY_KOMMUNE_TITLE
    text = _fmt(t.ABO_KEYWORD_PROMPT, where=where)
    if group:
        text += "\n" + _esc(t.ABO_KEYWORD_PROMPT_GROUP)
    return RenderedMessage(text)


def subscriptions_list(
    items: Sequence[tuple[int, str, str]],
    *,
    weekly_preview: bool = False,
    meeting_alerts: bool = True,
    follows: Sequence[tuple[int, str]] = (),
    group: bool = False,
) -> RenderedMessage:
    """Return /abos: the subscriptions (id, label, button label) and followed inquiries,
    each with a remove button, and the switch for the weekly preview (Monday: this week's
    meetings). In a group the texts speak of the group and say that only admins delete."""
    if not items and not follows:
        none = t.ABOS_NONE_GROUP if group else t.ABOS_NONE
        return plain(none, ((Button(t.BUTTON_START_ABO, kb.data(kb.ABO, "w")),),))
    title = t.ABOS_TITLE_GROUP if group else t.ABOS_TITLE
    lines = [f"<b>{_fmt(title, n=len(items))}</b>", ""]
    lines += [f"{n}. {_esc(label)}" for n, (_, label, _) in enumerate(items, start=1)]
    if follows:
        follows_title = t.FOLLOWS_TITLE_GROUP if group else t.FOLLOWS_TITLE
        lines += ["", f"<b>{_fmt(follows_title, n=len(follows))}</b>"]
        lines += [f"• {_esc(label)}" for _, label in follows]
    lines += ["", _esc(t.ABOS_DELETE_HINT_GROUP if group else t.ABOS_DELETE_HINT)]
    rows = tuple(
        (Button(t.BUTTON_DELETE.format(label=f"{n}. {short}"), kb.data(kb.ABO, "d", sid)),)
        for n, (sid, _, short) in enumerate(items, start=1)
    )
    rows += tuple(
        (Button(t.BUTTON_UNFOLLOW.format(label=_short(label, 48)), kb.data(kb.ABO, "uf", pid)),)
        for pid, label in follows
    )
    weekly = (
        Button(t.BUTTON_WEEKLY_OFF, kb.data(kb.ABO, "wk", 0))
        if weekly_preview
        else Button(t.BUTTON_WEEKLY_ON, kb.data(kb.ABO, "wk", 1))
    )
    alerts = (
        Button(t.BUTTON_ALERTS_OFF, kb.data(kb.ABO, "ma", 0))
        if meeting_alerts
        else Button(t.BUTTON_ALERTS_ON, kb.data(kb.ABO, "ma", 1))
    )
    text = "\n".join(lines)
    while not fits(text) and len(lines) > 4:  # hundreds of subscriptions: keep the buttons
        lines.pop(-3)
        text = "\n".join(lines)
    return RenderedMessage(text, (*rows[:98], (weekly,), (alerts,)))


def with_notes(message: RenderedMessage, notes: Sequence[str]) -> RenderedMessage:
    """Return the message with notes added as their own paragraph (before the buttons)."""
    extra = "\n".join(_esc(n) for n in notes)
    return RenderedMessage(f"{message.text}\n\n{extra}", message.buttons)


def with_restore_button(message: RenderedMessage, token: int) -> RenderedMessage:
    """Return the /abos listing with a "Rückgängig" button for the subscription just deleted."""
    undo = (Button(t.BUTTON_RESTORE, kb.data(kb.ABO, "r", token)),)
    return RenderedMessage(message.text, (undo, *message.buttons))


def follow_label(reference: str | None, title: str) -> str:
    """Return a followed inquiry's line in /abos: "F-00724/14 · Gemeinwesenarbeit …"."""
    title = _short(title, 60)
    return f"{reference} · {title}" if reference else title


def stop_confirm() -> RenderedMessage:
    """Return the /stop question with its confirm button."""
    rows = (
        (
            Button(t.BUTTON_STOP_YES, kb.data(kb.STOP, "y")),
            Button(t.BUTTON_CANCEL, kb.data(kb.STOP, "n")),
        ),
    )
    return plain(t.STOP_CONFIRM, rows)


# ---------------------------------------------------------------- search and meetings


def search_nothing(query: str) -> RenderedMessage:
    """Return "Nichts gefunden …" with a tip."""
    return RenderedMessage(
        f"🔎 {_fmt(t.SEARCH_NOTHING, query=shown_query(query))}\n{_esc(t.SEARCH_NOTHING_TIP)}"
    )


def with_title(title: str, message: RenderedMessage) -> RenderedMessage:
    """Return the message with a bold first line (unchanged if that would not fit)."""
    text = f"<b>{_esc(title)}</b>\n{message.text}"
    return RenderedMessage(text, message.buttons) if fits(text) else message


def _inquiry_count(n: int) -> str:
    if n == 0:
        return t.MEETING_INQUIRIES_NONE
    return t.MEETING_INQUIRIES_ONE if n == 1 else t.MEETING_INQUIRIES_MANY.format(n=n)


def meeting_when(meeting: MeetingView) -> str:
    """Return "Di, 23.06.2026, 15:30 Uhr" in Berlin time."""
    if meeting.start is None:
        return ""
    local = meeting.start.astimezone(BERLIN)
    return t.MEETING_DATE.format(
        weekday=t.WEEKDAYS_SHORT[local.weekday()],
        day=local.day,
        month=local.month,
        year=local.year,
        hour=local.hour,
        minute=local.minute,
    )


def meetings_list(
    title: str, meetings: Sequence[tuple[MeetingView, int]], *, show_kommune: bool
) -> RenderedMessage:
    """Return /termine: the next meetings, each with how many inquiries are on its agenda."""
    lines = [f"<b>{_esc(title)}</b>", ""]
    if not meetings:
        return RenderedMessage("\n".join([*lines, _esc(t.MEETINGS_NONE)]))
    for meeting, inquiries in meetings[:MAX_MEETINGS]:
        name = _short(meeting.name, 120)
        head = (
            f'<a href="{html.escape(link, quote=True)}">{_esc(name)}</a>'
            if (link := safe_link(meeting.web_url))
            else f"<b>{_esc(name)}</b>"
        )
        meta = [meeting_when(meeting)] + ([meeting.kommune] if show_kommune else [])
        meta.append(_inquiry_count(inquiries))
        lines += [f"• {head}", "   " + _esc(" · ".join(m for m in meta if m))]
    text = "\n".join(lines)
    while not fits(text):
        lines = lines[:-2]
        text = "\n".join(lines)
    return RenderedMessage(text)
