"""End to end in webhook mode: faqbot's webhook server, with a secret token always checked."""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.botprocess import BotProcess
from tests.emulator import Emulator

pytestmark = pytest.mark.e2e

PUBLIC_URL = "https://faqbot.example.org/telegram"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def post(
    url: str,
    update: dict[str, object] | bytes,
    secret: str,
    content_type: str = "application/json",
) -> int:
    body = update if isinstance(update, bytes) else json.dumps(update).encode()
    request = urllib.request.Request(
        url,
        data=body,
        headers={"Content-Type": content_type, "X-Telegram-Bot-Api-Secret-Token": secret},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code
    except urllib.error.URLError:
        return 0  # not listening yet


@dataclass
class Webhook:
    emu: Emulator
    bot: BotProcess
    url: str  # the bot's local webhook URL
    secret: str

    def message(self, chat_id: int, message_id: int, text: str) -> dict[str, object]:
        """A private message the emulator knows of (so the bot may reply to it)."""
        message = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self.emu.private_chat(chat_id),
            "from": self.emu.user(chat_id),
            "text": text,
        }
        with self.emu._lock:
            self.emu.state.user_messages[(chat_id, message_id)] = message
        return message

    def wait_listening(self, update: dict[str, object], secret: str) -> int:
        """Post until the server answers (it may still be binding); return its status."""
        deadline = time.monotonic() + 10
        status = 0
        while time.monotonic() < deadline and status == 0:
            status = post(self.url, update, secret)
            if status == 0:
                time.sleep(0.1)
        return status


@contextmanager
def webhook_bot(tmp_path: Path) -> Iterator[Webhook]:
    """Run `faqbot run --webhook` against the emulator; stopping it must exit 0."""
    emu = Emulator().start()
    port = free_port()
    bot = BotProcess(
        emu,
        tmp_path,
        {
            "FAQBOT_WEBHOOK_URL": PUBLIC_URL,
            "FAQBOT_WEBHOOK_LISTEN": "127.0.0.1",
            "PORT": str(port),
        },
        args=("run", "--webhook"),
    )
    try:
        bot.start(ready_call="setWebhook")
        hook = emu.webhook
        assert hook is not None
        secret = str(hook["secret_token"])
        assert len(secret) >= 32
        path = str(hook["url"]).removeprefix(f"{PUBLIC_URL}/")
        yield Webhook(emu, bot, f"http://127.0.0.1:{port}/{path}", secret)
    finally:
        code = bot.stop()
        emu.stop()
    assert code == 0, bot.output()
    assert secret not in bot.output()


def test_webhook_serves_updates_and_checks_the_secret(tmp_path: Path) -> None:
    with webhook_bot(tmp_path) as hook:
        emu = hook.emu
        allowed = emu.webhook["allowed_updates"] if emu.webhook else None
        assert allowed == ["message", "edited_message", "callback_query", "inline_query"]
        message = hook.message(3001, 1, "What is China's approach to AI?")
        assert hook.wait_listening({"update_id": 1, "message": message}, "wrong-secret") == 403
        assert post(hook.url, {"update_id": 2, "message": message}, "") == 403
        assert (
            post(hook.url, {"update_id": 2, "message": message}, hook.secret, "text/plain") == 403
        )
        assert post(hook.url, {"update_id": 2, "message": message}, hook.secret) == 200
        assert "self-reliance" in emu.wait_reply(3001).text
        assert len(emu.replies(3001)) == 1  # the forged updates were not processed


def test_webhook_answers_an_unparseable_update_200_and_logs_it_once(tmp_path: Path) -> None:
    with webhook_bot(tmp_path) as hook:
        emu, bot = hook.emu, hook.bot
        first = hook.message(3002, 1, "What is China's approach to AI?")
        assert hook.wait_listening({"update_id": 10, "message": first}, hook.secret) == 200
        assert "self-reliance" in emu.wait_reply(3002).text
        # No date, no chat, a string id: PTB cannot parse it. Telegram would deliver it again
        # after anything but 200; a second delivery (a lost 200) is not logged again.
        broken = {"update_id": 11, "message": {"message_id": "x", "text": "my private words"}}
        assert post(hook.url, broken, hook.secret) == 200
        assert post(hook.url, broken, hook.secret) == 200
        second = hook.message(3002, 2, "vietnam ai law")
        assert post(hook.url, {"update_id": 12, "message": second}, hook.secret) == 200
        emu.wait_reply(3002, count=2)
        assert post(hook.url, b"not json", hook.secret) == 400
        assert post(hook.url, {"message": second}, hook.secret) == 400  # no update_id
        assert post(hook.url, {"update_id": 13, "message": second}, "wrong-secret") == 403
        bot.wait_rows("SELECT COUNT(*) FROM inbox WHERE state = 'skipped'", 1)
        bot.wait_rows("SELECT COUNT(*) FROM inbox WHERE state = 'done'", 2)
        time.sleep(0.5)
        assert len(emu.replies(3002)) == 2
    output = bot.output()
    assert output.count("cannot be parsed") == 1, output
    assert "skipping update 11 (message)" in output
    assert "my private words" not in output
    assert "CRITICAL" not in output
    assert "Traceback" not in output
