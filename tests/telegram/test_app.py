"""Application wiring: handler order, webhook secret, retention task."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError
from telegram.ext import CallbackQueryHandler, CommandHandler

from faqbot.config import Secret, load_settings
from faqbot.reading import ChatArticles
from faqbot.storage import QuestionRecord, Store, now
from faqbot.telegram.app import (
    ALLOWED_UPDATES,
    apply_retention,
    build_application,
    on_error,
    webhook_secret,
)
from faqbot.telegram.delivery import FAILED, Delivery, enter_delivery
from faqbot.telegram.services import BotContext
from tests.conftest import ROOT

SETTINGS = load_settings(ROOT / "bot" / "config.yaml", environ={})
TOKEN = Secret("123:abc")


def test_handlers_are_registered_in_order() -> None:
    app = build_application(SETTINGS, TOKEN)
    handlers = app.handlers[0]
    commands = [next(iter(h.commands)) for h in handlers if isinstance(h, CommandHandler)]
    assert commands[:4] == ["start", "help", "topics", "ask"]
    assert {"unanswered", "stats", "reload", "export", "purge", "whoami"} <= set(commands)
    buttons = [h for h in handlers if isinstance(h, CallbackQueryHandler)]
    assert buttons[0].pattern is not None  # editor buttons are matched (and checked) first
    assert app.bot_data == {}  # no resources are created before post_init


def test_webhook_secret_is_always_set() -> None:
    derived = webhook_secret(SETTINGS, TOKEN)
    assert len(derived) == 64
    assert derived.isalnum()
    assert "abc" not in derived
    assert derived != webhook_secret(SETTINGS, Secret("123:other"))
    configured = load_settings(
        ROOT / "bot" / "config.yaml", environ={"FAQBOT_WEBHOOK_SECRET": "s3cret"}
    )
    assert webhook_secret(configured, TOKEN) == "s3cret"


async def test_retention_purges_old_rows(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "log.sqlite3")
    try:
        store.log(QuestionRecord(now() - 400 * 86_400, "private", "u", "old", "none", None, 0))
        store.log(QuestionRecord(now(), "private", "u", "new", "none", None, 0))
        store.vote("u", "e", -1, "old", "E?", None)
        await store.flush()
        await store.db.execute("UPDATE feedback SET updated_at = ?", (now() - 400 * 86_400,))
        await store.db.commit()
        await apply_retention(store, 0)  # 0 keeps every question
        assert len(await store.questions()) == 2
        await apply_retention(store, 365)
        assert [r.text for r in await store.questions()] == ["new"]
        assert await store.feedback_rows() == []  # as /purge: every copy of readers' texts
    finally:
        await store.close()


async def test_retention_forgets_the_articles_of_chats_unused_as_long(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "log.sqlite3", user_key="k")
    try:
        reading = ChatArticles(store)
        reading.set(1, "ai")
        store.change("reading", chat_hash="old", article_id="ev", at=now() - 400 * 86_400)
        await store.flush()
        await reading.load()
        assert len(reading) == 2
        await apply_retention(store, 0, reading)  # 0 keeps them
        assert len(reading) == 2
        await apply_retention(store, 365, reading)
        assert len(reading) == 1
        assert await reading.get(1) == "ai"
        assert [h for h, _, _ in await store.readings(10)] == [store.hash_user(1)]
    finally:
        await store.close()


def test_retention_runs_on_ptb_job_queue() -> None:
    app = build_application(SETTINGS, TOKEN)
    assert app.job_queue is not None  # the job is scheduled in post_init, run from start()


def sample_updates() -> dict[str, dict[str, Any]]:
    """One update of many types, as Telegram sends them."""
    user = {"id": 5, "is_bot": False, "first_name": "R"}
    private = {"id": 5, "type": "private", "first_name": "R"}
    channel = {"id": -100, "type": "channel", "title": "News"}
    message = {"message_id": 1, "date": 1, "chat": private, "from": user, "text": "hello"}
    post = {"message_id": 2, "date": 1, "chat": channel, "text": "news"}
    member = {"status": "member", "user": user}
    return {
        Update.MESSAGE: {"message": message},
        Update.EDITED_MESSAGE: {"edited_message": {**message, "edit_date": 2}},
        Update.CALLBACK_QUERY: {
            "callback_query": {"id": "1", "from": user, "chat_instance": "c", "data": "x"}
        },
        Update.INLINE_QUERY: {
            "inline_query": {"id": "2", "from": user, "query": "ai", "offset": ""}
        },
        Update.CHANNEL_POST: {"channel_post": post},
        Update.EDITED_CHANNEL_POST: {"edited_channel_post": {**post, "edit_date": 2}},
        Update.CHOSEN_INLINE_RESULT: {
            "chosen_inline_result": {"result_id": "r", "from": user, "query": "ai"}
        },
        Update.MY_CHAT_MEMBER: {
            "my_chat_member": {
                "chat": private,
                "from": user,
                "date": 1,
                "old_chat_member": {**member, "status": "left"},
                "new_chat_member": member,
            }
        },
    }


def test_allowed_updates_are_exactly_the_handled_types() -> None:
    app = build_application(SETTINGS, TOKEN)
    handled = set()
    for kind, data in sample_updates().items():
        update = Update.de_json({"update_id": 1, **data}, app.bot)
        if any(h.check_update(update) for h in app.handlers[0]):
            handled.add(kind)
    assert handled == set(ALLOWED_UPDATES)
    assert set(ALLOWED_UPDATES) <= set(Update.ALL_TYPES)


async def test_on_error_marks_the_reply_failed() -> None:
    app = build_application(SETTINGS, TOKEN)
    delivery = Delivery(1, 0)
    restore = enter_delivery(delivery)
    try:
        context = BotContext(app)
        context.error = ValueError("a bug")
        await on_error(object(), context)
    finally:
        restore()
    assert delivery.outcome == FAILED


async def test_polling_errors_are_one_line_without_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = build_application(SETTINGS, TOKEN)
    context = BotContext(app)
    context.error = NetworkError("httpx.ConnectError: All connection attempts failed")
    await on_error(None, context)
    assert "getUpdates failed (NetworkError" in caplog.text
    assert all(r.exc_info is None for r in caplog.records)


async def test_a_400_is_our_bug_with_a_traceback_a_403_one_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The report: a 400 from sendMessage was logged with a full traceback at ERROR, a 403
    as one WARNING line. Kept on purpose: a 400 means the bot sent a request Telegram
    cannot take (malformed HTML, too long, a bad button), a bug to fix, so its one ERROR
    record carries the traceback to find it; a 403 (the reader blocked the bot, or it was
    removed from the group) is the reader's choice, nothing to fix: one line."""
    app = build_application(SETTINGS, TOKEN)
    context = BotContext(app)
    context.error = BadRequest("Can't parse entities: unsupported start tag")
    await on_error(object(), context)
    (bug,) = caplog.records
    assert (bug.levelname, bug.exc_info is not None) == ("ERROR", True)
    caplog.clear()
    context.error = Forbidden("Forbidden: bot was blocked by the user")
    await on_error(object(), context)
    (blocked,) = caplog.records
    assert (blocked.levelname, blocked.exc_info) == ("WARNING", None)
    assert "Forbidden: bot was blocked by the user" in blocked.getMessage()
