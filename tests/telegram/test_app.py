"""Application wiring: handler order, webhook secret, retention task."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from telegram.ext import CallbackQueryHandler, CommandHandler

from faqbot.config import Secret, load_settings
from faqbot.storage import QuestionRecord, Store, now
from faqbot.telegram.app import apply_retention, build_application, webhook_secret
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


async def test_retention_task_purges_old_rows(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "log.sqlite3")
    try:
        store.log(QuestionRecord(now() - 400 * 86_400, "private", "u", "old", "none", None, 0))
        store.log(QuestionRecord(now(), "private", "u", "new", "none", None, 0))
        await store.flush()
        task = asyncio.create_task(apply_retention(store, 365))
        for _ in range(100):
            if len(await store.questions()) == 1:
                break
            await asyncio.sleep(0.01)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        assert [r.text for r in await store.questions()] == ["new"]
    finally:
        await store.close()
