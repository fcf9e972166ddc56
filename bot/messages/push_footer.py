"""The footer of a push: the subscription that brought it and its "Abo verwalten" button. Pure.

"Abo: Leipzig · Grüne · Anfragen" in the short label style of the /abos buttons
(replies.button_label); the button opens that subscription's page (keyboards.py: `a:m:<id>`),
where it can be paused or removed. Renderers leave `FOOTER_RESERVE` characters free for it.
"""

from __future__ import annotations

from bot.messages import keyboards as kb
from bot.messages import texts
from bot.messages.message_parts import Button, RenderedMessage, esc, fits
from bot.messages.render import MANAGE_CALLBACK, PUSH_FOOTER_RESERVE
from bot.messages.replies import button_label

# Two line breaks, <i></i>, "Abo: " and a label of at most 20 + 22 + 22 + 9 characters and three
# separators: within the room the renderers keep free.
FOOTER_RESERVE = PUSH_FOOTER_RESERVE


def footer_label(kommune: str | None, faction: str | None, keyword: str | None, kind: str) -> str:
    """Return the footer line's text: "Abo: Leipzig · Bündnis 90/Die Grünen · Anfragen"."""
    return texts.PUSH_FOOTER.format(label=button_label(kommune, faction, keyword, kind))


def with_subscription_footer(
    message: RenderedMessage, label: str, subscription_id: int
) -> RenderedMessage:
    """Return the push with its footer line and "Abo verwalten" for that subscription.

    The button takes the place of the general "Abos verwalten" (the /abos listing) where the
    renderer put one; the footer is left out only if it would push the text over Telegram's limit,
    which the renderers' reserve prevents for every label `footer_label` makes.
    """
    manage = Button(texts.BUTTON_MANAGE_ONE, kb.data(kb.ABO, "m", subscription_id))
    rows = [row for row in message.buttons if not _is_general_manage(row)]
    rows.append((manage,))
    text = f"{message.text}\n\n<i>{esc(label)}</i>"
    return RenderedMessage(text if fits(text) else message.text, tuple(rows))


def _is_general_manage(row: tuple[Button, ...]) -> bool:
    return len(row) == 1 and row[0].callback_data == MANAGE_CALLBACK
