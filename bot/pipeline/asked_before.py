"""Add "Schon gefragt" to an inquiry's message (I/O: database reads via storage).

Used by `/anfrage` (bot/chat/browse.py) and the push of a new inquiry (bot/pipeline/delivery.py
renders a subject once and caches it, so this runs once per inquiry, not once per recipient).
"""

from __future__ import annotations

from bot.messages.asked_before import with_asked_before
from bot.messages.render import RenderedMessage
from storage.earlier_inquiries import earlier_inquiries

SHOWN = 3


async def add_asked_before(paper_id: int, kind: str, message: RenderedMessage) -> RenderedMessage:
    """Return the message with up to three earlier inquiries on the same topic (inquiries only)."""
    if kind != "Anfrage":
        return message
    return with_asked_before(message, await earlier_inquiries(paper_id, limit=SHOWN))
