"""Add "Schon gefragt" to an inquiry's message (I/O: database reads via storage).

Used by `/anfrage` (bot/chat/browse.py) and the push of a new inquiry (bot/pipeline/delivery.py
renders a subject once and caches it, so this runs once per inquiry, not once per recipient).
An optional extra: when the lookup takes longer than `TIMEOUT_S` (a busy database), the message
goes out without it rather than late.
"""

from __future__ import annotations

import asyncio
import logging

from bot.messages.asked_before import with_asked_before
from bot.messages.render import RenderedMessage
from storage.earlier_inquiries import earlier_inquiries

log = logging.getLogger(__name__)

SHOWN = 3
TIMEOUT_S = 5.0


async def add_asked_before(paper_id: int, kind: str, message: RenderedMessage) -> RenderedMessage:
    """Return the message with up to three earlier inquiries on the same topic (inquiries only)."""
    if kind != "Anfrage":
        return message
    try:
        found = await asyncio.wait_for(earlier_inquiries(paper_id, limit=SHOWN), TIMEOUT_S)
    except TimeoutError:
        log.warning(
            "asked-before lookup for paper=%s took over %.0fs: left out", paper_id, TIMEOUT_S
        )
        return message
    return with_asked_before(message, found)
