"""The callback data of the bot's own buttons (subscribe wizard, /abos, /stop). Pure, no I/O.

Short ASCII verbs and ids, never names, within Telegram's 64 bytes
(https://core.telegram.org/bots/api#inlinekeyboardbutton); bot/messages/render.py owns the buttons
of pushed messages (`follow:`, `similar:`, `open:`, `search:`).

    a:w                 start the wizard (Kommune picker, page 1)
    a:p:<page>          Kommune picker, another page
    a:L                 Kommune picker by Land: the Länder
    a:lp:<land>:<page>  the Kommunen of one Land (two-digit key, bot/chat/kommune_lands.py)
    a:k:<kref>          Kommune chosen: what to get
    a:c:<kref>          confirm "all inquiries"
    a:f:<kref>          faction picker
    a:F:<kref>:<fslug>  confirm a faction
    a:s:<kref>          ask for a keyword (typed next)
    a:y:<kref>[:<fslug>]  subscribe
    a:x                 cancel
    a:l                 list the chat's subscriptions (as /abos)
    a:wk:<0|1>          weekly preview of meetings off / on (from /abos)
    a:ma:<0|1>          meeting alerts off / on (from /abos)
    a:uf:<paper id>     stop waiting for the answer to a followed inquiry (from /abos)
    a:r:<token>         restore a subscription just deleted from /abos ("Rückgängig")
    a:d:<id> / a:u:<id> delete a subscription (from /abos / undo on the confirmation)
    a:sk:<id>:<word>    replace a faction subscription by the keyword it was typed as
    a:m:<id>            one subscription's page ("Abo verwalten" under a push)
    a:mu:<id> / a:um:<id>  pause it for 7 days / switch it on again
    a:D:<id>            delete it from its page (then "Rückgängig": a:r)
    stop:y / stop:n     /stop confirmed or cancelled
    h:s / h:h           how to search / all commands

`kref` is the Kommune's slug ("leipzig"), "#<id>" for a database Kommune with a long slug, or "*"
for every Kommune.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.chat.abo_parse import KommuneRef

MAX_CALLBACK_BYTES = 64
EVERY_KOMMUNE = "*"
_MAX_SLUG_IN_DATA = 30
_SAFE = re.compile(r"^[A-Za-z0-9_*#./-]+$")

ABO = "a"
STOP = "stop"
HELP = "h"


@dataclass(frozen=True)
class Callback:
    """Parsed callback data: the prefix, the verb and its arguments."""

    prefix: str
    verb: str
    args: tuple[str, ...] = ()


def data(prefix: str, verb: str, *args: str | int) -> str:
    """Return callback data for the parts (ValueError if it would exceed 64 bytes)."""
    text = ":".join([prefix, verb, *(str(a) for a in args)])
    if len(text.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data longer than {MAX_CALLBACK_BYTES} bytes: {text!r}")
    return text


def fits(prefix: str, verb: str, *args: str | int) -> bool:
    """Return whether these parts make valid callback data."""
    try:
        data(prefix, verb, *args)
    except ValueError:
        return False
    return True


def parse(raw: str) -> Callback | None:
    """Return the parts of callback data, or None when it is not ours or malformed."""
    parts = raw.split(":")
    if len(parts) < 2 or parts[0] not in (ABO, STOP, HELP) or not parts[1]:
        return None
    return Callback(parts[0], parts[1], tuple(parts[2:]))


def kommune_key(ref: KommuneRef | None) -> str:
    """Return the short key of a Kommune for callback data (`kref`)."""
    if ref is None:
        return EVERY_KOMMUNE
    if len(ref.slug) <= _MAX_SLUG_IN_DATA and _SAFE.match(ref.slug):
        return ref.slug
    if ref.kommune_id is None:
        raise ValueError(f"Kommune {ref.slug!r} has a long slug and no database id")
    return f"#{ref.kommune_id}"


def find_kommune(key: str, kommunen: list[KommuneRef]) -> KommuneRef | None:
    """Return the Kommune a `kref` stands for (None if unknown; "*" is handled by the caller)."""
    if key.startswith("#") and key[1:].isdigit():
        wanted = int(key[1:])
        return next((r for r in kommunen if r.kommune_id == wanted), None)
    return next((r for r in kommunen if r.slug == key), None)


def int_arg(callback: Callback, index: int = 0) -> int | None:
    """Return argument `index` as a non-negative int, or None."""
    if len(callback.args) <= index:
        return None
    value = callback.args[index]
    return int(value) if value.isascii() and value.isdigit() and len(value) < 12 else None
