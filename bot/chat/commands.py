"""The chat's command table (I/O): /start, /hilfe, /stop, fallbacks, the error handler, wiring.

`register_handlers` adds every handler to one PTB Application; `set_commands` publishes the
German command list (setMyCommands). Handlers for /abo and /abos live in bot/chat/abo.py, reading
papers in bot/chat/browse.py, /suche in bot/chat/search.py.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from telegram import (
    Bot,
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    Update,
)
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.chat import abo, browse, feed, open_inquiries, search
from bot.chat.guard import GUARD_GROUP, guard
from bot.chat.respond import (
    CONFIG_KEY,
    Context,
    HandlerConfig,
    answer,
    edit,
    is_group,
    notify_failure,
    refuse_non_admin,
    send,
    send_text,
)
from bot.messages import chat_texts as t
from bot.messages import keyboards as kb
from bot.messages import replies
from storage.subscriptions import chat_overview, delete_chat_data, get_or_create_chat

log = logging.getLogger(__name__)

BOT_COMMANDS: tuple[tuple[str, str], ...] = t.COMMANDS
"""(command, German description) for setMyCommands, in menu order."""
FREE_TEXT_ECHO_CHARS = 40


async def start_command(update: Update, context: Context) -> None:
    """/start [payload]: welcome, or subscribe directly from a deep link."""
    chat = update.effective_chat
    assert chat is not None
    if context.args:
        if await abo.subscribe_deep_link(update, context, context.args[0]):
            return
        await send(update, context, replies.welcome(t.DEEP_LINK_UNKNOWN))
        return
    overview = await chat_overview(chat.id)
    await get_or_create_chat(chat.id, chat.type, chat.title if is_group(update) else None)
    if overview is not None and any(overview):
        subscriptions, follows = overview
        await send(
            update, context, replies.welcome_back(subscriptions, follows, group=is_group(update))
        )
        return
    await send(update, context, replies.welcome())


async def privacy_command(update: Update, context: Context) -> None:
    """/datenschutz: what the bot stores about a chat, for how long, and how to delete it."""
    await send(update, context, replies.privacy_message())


async def help_command(update: Update, context: Context) -> None:
    """/hilfe and /help: every command with one example."""
    await send(update, context, replies.help_message())


async def help_button(update: Update, context: Context) -> None:
    """The /start buttons "So suchen Sie" and "Alle Befehle"."""
    query = update.callback_query
    assert query is not None
    callback = kb.parse(query.data or "")
    await answer(query)
    if callback is not None and callback.verb == "s":
        await send(update, context, replies.search_howto())
    else:
        await send(update, context, replies.help_message())


async def stop_command(update: Update, context: Context) -> None:
    """/stop: ask before deleting every subscription and the chat's data."""
    if await refuse_non_admin(update, context):
        return
    chat = update.effective_chat
    assert chat is not None
    if await chat_overview(chat.id) is None:
        await send(update, context, replies.plain(t.STOP_NOTHING_STORED))
        return
    await send(update, context, replies.stop_confirm())


async def stop_button(update: Update, context: Context) -> None:
    """The /stop confirm and cancel buttons."""
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None
    assert chat is not None
    if await refuse_non_admin(update, context):
        return
    callback = kb.parse(query.data or "")
    await answer(query)
    if callback is None or callback.verb != "y":
        await edit(query, replies.plain(t.STOP_CANCELLED))
        return
    deleted = await delete_chat_data(chat.id)
    if context.chat_data is not None:
        context.chat_data.clear()
    log.info("stop chat_type=%s deleted=%s", chat.type, deleted)
    await edit(query, replies.plain(t.STOP_DONE if deleted else t.STOP_NOTHING))


async def unknown_command(update: Update, context: Context) -> None:
    """A command the bot does not know: say so (in groups only when it was addressed to us)."""
    message = update.effective_message
    if message is None or not message.text:
        return
    command = message.text.split()[0]
    name, _, target = command.partition("@")
    if target and target.lower() != (context.bot.username or "").lower():
        return  # for another bot in the group
    if is_group(update) and not target:
        return  # "/foo" in a group with several bots may be theirs
    await send_text(update, context, t.UNKNOWN_COMMAND.format(command=name[:40]))


async def free_text(update: Update, context: Context) -> None:
    """Text that is no command: the keyword or Kommune the wizard asked for, else a hint.

    In a group, text is answered only when it answers the bot's open prompt to that admin
    (`abo.keyword_reply`, `abo.wizard_text`); replies and mentions stay quiet, because every
    answer there reaches the whole group.
    """
    if await abo.keyword_reply(update, context) or await abo.wizard_text(update, context):
        return
    message = update.message
    if message is None or is_group(update):
        return
    text = " ".join((message.text or "").split())
    if text and len(text) <= FREE_TEXT_ECHO_CHARS and not text.startswith("@"):
        await send_text(update, context, t.FREE_TEXT.format(text=text))
    else:
        await send_text(update, context, t.FREE_TEXT_PLAIN)


async def other_message(update: Update, context: Context) -> None:
    """A photo, sticker, file … in a private chat: point to /hilfe."""
    await send_text(update, context, t.FREE_TEXT_PLAIN)


async def stale_button(update: Update, context: Context) -> None:
    """A button whose data the bot does not understand (old or foreign)."""
    if update.callback_query is not None:
        await answer(update.callback_query, t.BUTTON_STALE)


def _describe(update: object) -> str:
    """Return ids and kinds of an update for the log (never what the user wrote)."""
    if not isinstance(update, Update):
        return type(update).__name__
    chat = update.effective_chat
    message = update.effective_message
    command = ""
    if update.callback_query is not None:
        command = "button=" + (update.callback_query.data or "").split(":")[0]
    elif message is not None and message.text and message.text.startswith("/"):
        command = "command=" + message.text.split()[0].split("@")[0][:40]
    return f"update={update.update_id} chat_type={chat.type if chat else '-'} {command}".strip()


async def on_error(update: object, context: Context) -> None:
    """Log the failure (with traceback, without chat text) and tell the user instead of silence."""
    # The exception's message may quote what the user wrote (a ValidationError shows the value):
    # only its type and place at ERROR, the full traceback at DEBUG.
    error = context.error
    frame = traceback.extract_tb(error.__traceback__)[-1] if error and error.__traceback__ else None
    where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    log.error("handling %s failed: %s%s", _describe(update), type(error).__name__, where)
    log.debug("handling %s failed", _describe(update), exc_info=error)
    await notify_failure(update, context)


def register_handlers(
    application: Application[Any, Any, Any, Any, Any, Any],
    *,
    extra_handlers: Sequence[BaseHandler[Any, Any, Any]] = (),
) -> None:
    """Add every command, button and fallback handler and the error handler.

    `extra_handlers` (e.g. the lead's admin commands) go before the fallbacks, which would
    otherwise answer them as unknown commands.
    """
    application.bot_data.setdefault(CONFIG_KEY, HandlerConfig())
    private = filters.ChatType.PRIVATE
    handlers: list[BaseHandler[Any, Any, Any]] = [
        CommandHandler("start", start_command),
        CommandHandler(["hilfe", "help"], help_command),
        CommandHandler("abo", abo.abo_command),
        CommandHandler("abos", abo.abos_command),
        CommandHandler("suche", search.suche_command),
        CommandHandler("anfrage", browse.anfrage_command),
        CommandHandler("termine", browse.termine_command),
        CommandHandler("offen", open_inquiries.offen_command),
        CommandHandler("feed", feed.feed_command),
        CommandHandler("stop", stop_command),
        CommandHandler("datenschutz", privacy_command),
        *extra_handlers,
        CallbackQueryHandler(abo.abo_button, pattern=r"^a:"),
        CallbackQueryHandler(stop_button, pattern=r"^stop:"),
        CallbackQueryHandler(help_button, pattern=r"^h:"),
        CallbackQueryHandler(
            browse.paper_button, pattern=r"^(follow|unfollow|similar|open|search|sort|fix):"
        ),
        CallbackQueryHandler(open_inquiries.offen_button, pattern=r"^of:"),
        CallbackQueryHandler(stale_button),
        MessageHandler(filters.UpdateType.MESSAGES & filters.COMMAND, unknown_command),
        MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT, free_text),
        MessageHandler(
            filters.UpdateType.MESSAGE & private & ~filters.StatusUpdate.ALL, other_message
        ),
    ]
    # Input bounds first: a group of its own before the admin commands (group -1, admin.py);
    # within one group only the first matching handler runs.
    application.add_handler(TypeHandler(Update, guard), group=GUARD_GROUP)
    application.add_handlers(handlers)
    application.add_error_handler(on_error)


async def set_commands(bot: Bot) -> None:
    """Publish the command menus and the bot's profile texts, for everyone and German clients.

    Private chats and group admins get every command; other group members only those they may
    use (reading and searching), so nobody is offered a command that would be refused.
    """
    everything = [BotCommand(name, description) for name, description in BOT_COMMANDS]
    in_groups = [c for c in everything if c.command in t.GROUP_COMMANDS]
    menus: list[tuple[list[BotCommand], BotCommandScope | None]] = [
        (everything, None),
        (everything, BotCommandScopeAllPrivateChats()),
        (in_groups, BotCommandScopeAllGroupChats()),
        (everything, BotCommandScopeAllChatAdministrators()),
    ]
    for language in (None, "de"):
        for commands, scope in menus:
            await bot.set_my_commands(commands, scope=scope, language_code=language)
        await bot.set_my_description(t.BOT_DESCRIPTION, language_code=language)
        await bot.set_my_short_description(t.BOT_SHORT_DESCRIPTION, language_code=language)
