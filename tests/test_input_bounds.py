"""Out-of-bounds input gets a specific German answer before any database call (issue #18 point 8).

The real application runs against the Bot API stand-in; the inputs are the ones seen in the
issue: a 300-character faction, /anfrage with 4,000 digits, a forged 24-digit callback id.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bot.chat.application import RatsbotApplication, build_application
from bot.chat.guard import MAX_COMMAND_CHARS, callback_ok, command_problem
from bot.messages import chat_texts as t
from standins.telegram_api import TelegramAPI

USER = 4242


@pytest.fixture(autouse=True)
def _timedelta_periods(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta time periods (else PTB warns, and warnings are errors here)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@contextlib.asynccontextmanager
async def _running(api: TelegramAPI) -> AsyncIterator[RatsbotApplication]:
    application = build_application(api.token, api.base_url, api.base_file_url)
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0.0, timeout=timedelta(seconds=1))
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()


def test_bounds_are_pure_checks() -> None:
    """A normal /abo passes; too long, a 13-digit number and 65-byte button data do not."""
    assert command_problem("/abo Karlsruhe fraktion:SPD") is None
    assert command_problem("/anfrage VII-F-08617") is None
    assert command_problem("/abo " + "x" * MAX_COMMAND_CHARS) == t.INPUT_TOO_LONG.format(
        max=MAX_COMMAND_CHARS
    )
    assert command_problem("/anfrage 1234567890123") == t.NUMBER_TOO_LONG
    assert callback_ok("open:123456")
    assert not callback_ok("open:" + "1" * 24)
    assert not callback_ok("a:" + "x" * 63)


async def test_bad_input_gets_specific_answers_and_stays_out_of_the_log(
    sqlite_db: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Each bad input is answered with its own German text, nothing is logged as an error, and
    no log line above DEBUG contains what the user wrote."""
    caplog.set_level(logging.DEBUG)
    long_faction = "/abo Karlsruhe fraktion:" + "Ü" * 300
    many_digits = "/anfrage " + "7" * 4000
    number = "/anfrage 123456789012345678901234"
    async with TelegramAPI() as api, _running(api):
        api.user_sends(USER, "/start")
        welcome = await api.wait_for_message(USER)
        api.user_sends(USER, long_faction)
        assert (await api.wait_for_message(USER)).text.startswith("Das ist mir zu lang")
        api.user_sends(USER, many_digits)
        assert (await api.wait_for_message(USER)).text.startswith("Das ist mir zu lang")
        api.user_sends(USER, number)
        assert (await api.wait_for_message(USER)).text == t.NUMBER_TOO_LONG
        query = api.user_clicks(USER, welcome.message_id, "open:" + "9" * 24, forged=True)
        assert (await api.wait_for_answer(query)).text == t.BUTTON_STALE
    loud = [r for r in caplog.records if r.levelno > logging.DEBUG]
    assert not [r for r in loud if r.levelno >= logging.ERROR]
    for record in loud:
        message = record.getMessage()
        assert "ÜÜÜ" not in message
        assert "7777777" not in message
        assert "123456789012345678901234" not in message
