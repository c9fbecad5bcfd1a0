"""The webhook server: 403 without the secret, an unparseable update 200 and logged once."""

from __future__ import annotations

import socket
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from telegram import Update
from telegram.error import NetworkError
from telegram.ext import ExtBot

from faqbot.storage import Store
from faqbot.telegram.inbox import Inbox, InboxQueue
from faqbot.telegram.webhook import WebhookUpdater

SECRET = "s" * 40


class HookBot(ExtBot[None]):
    """Records setWebhook in `hooks` instead of calling Telegram; fails it if told to.
    (A Bot's public attributes are frozen, hence the underscores.)"""

    def __init__(self, hooks: list[dict[str, Any]], error: Exception | None = None) -> None:
        super().__init__("123:abc")
        self._hooks = hooks
        self._error = error

    async def set_webhook(self, *args: Any, **kwargs: Any) -> bool:
        if self._error is not None:
            raise self._error
        self._hooks.append(kwargs)
        return True


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def message(update_id: int) -> dict[str, object]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": 5, "type": "private"},
            "text": "hi",
        },
    }


@pytest.fixture
async def inbox(tmp_path: Path) -> AsyncIterator[Inbox]:
    box = Inbox(max_reply_age=600)
    box.store = await Store.open(tmp_path / "x.db")
    yield box
    await box.store.close()


async def start(updater: WebhookUpdater, port: int) -> None:
    await updater.start_webhook(
        listen="127.0.0.1",
        port=port,
        url_path="hook",
        webhook_url="https://example.org/hook",
        allowed_updates=["message"],
        secret_token=SECRET,
    )


async def test_updates_are_queued_and_unparseable_ones_answered_200_once(
    inbox: Inbox, caplog: pytest.LogCaptureFixture
) -> None:
    hooks: list[dict[str, Any]] = []
    bot = HookBot(hooks)
    queue = InboxQueue(inbox)
    updater = WebhookUpdater(bot, queue)
    port = free_port()
    await start(updater, port)
    assert updater.running
    assert hooks[0]["allowed_updates"] == ["message"]
    assert hooks[0]["secret_token"] == SECRET
    url = f"http://127.0.0.1:{port}/hook"
    good = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    try:
        async with httpx.AsyncClient() as client:
            broken = {"update_id": 7, "poll": {"id": "1"}}
            for _ in range(2):  # delivered again: still logged once
                assert (await client.post(url, json=broken, headers=good)).status_code == 200
            assert (await client.post(url, json=message(8), headers=good)).status_code == 200
            wrong = {"X-Telegram-Bot-Api-Secret-Token": "x" * 40}
            assert (await client.post(url, json=message(9), headers=wrong)).status_code == 403
            assert (await client.post(url, json=message(9))).status_code == 403
            form = await client.post(url, data={"update_id": "9"}, headers=good)
            assert form.status_code == 403  # not JSON
            assert (await client.get(url, headers=good)).status_code == 405
    finally:
        await updater.stop()
    assert not updater.running
    queued = queue.get_nowait()
    assert isinstance(queued, Update)
    assert queued.update_id == 8
    assert queue.empty()
    assert caplog.text.count("cannot be parsed") == 1
    assert inbox.store is not None
    assert await inbox.store.flush(5)
    assert [r.update_id for r in await inbox.store.unfinished()] == [8]


async def test_a_failed_set_webhook_closes_the_server(inbox: Inbox) -> None:
    updater = WebhookUpdater(HookBot([], NetworkError("down")), InboxQueue(inbox))
    port = free_port()
    with pytest.raises(NetworkError):
        await start(updater, port)
    assert not updater.running
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))  # the port is free again


async def test_a_secret_token_is_required(inbox: Inbox) -> None:
    updater = WebhookUpdater(HookBot([]), InboxQueue(inbox))
    with pytest.raises(ValueError, match="secret_token"):
        await updater.start_webhook(
            listen="127.0.0.1", port=free_port(), webhook_url="https://example.org/hook"
        )
    assert not updater.running
