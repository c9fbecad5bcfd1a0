"""End to end in webhook mode: PTB's webhook server, with a secret token always checked."""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.botprocess import BotProcess
from tests.emulator import Emulator

pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def post(url: str, update: dict[str, object], secret: str) -> int:
    request = urllib.request.Request(
        url,
        data=json.dumps(update).encode(),
        headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code
    except urllib.error.URLError:
        return 0  # not listening yet


def test_webhook_serves_updates_and_checks_the_secret(tmp_path: Path) -> None:
    emu = Emulator().start()
    port = free_port()
    bot = BotProcess(
        emu,
        tmp_path,
        {
            "FAQBOT_WEBHOOK_URL": "https://faqbot.example.org/telegram",
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
        path = str(hook["url"]).removeprefix("https://faqbot.example.org/telegram/")
        local = f"http://127.0.0.1:{port}/{path}"
        chat = emu.private_chat(3001)
        message = {
            "message_id": 1,
            "date": int(time.time()),
            "chat": chat,
            "from": emu.user(3001),
            "text": "What is China's approach to AI?",
        }
        with emu._lock:
            emu.state.user_messages[(3001, 1)] = message
        deadline = time.monotonic() + 10
        status = 0
        while time.monotonic() < deadline:  # the server may still be binding
            status = post(local, {"update_id": 1, "message": message}, "wrong-secret")
            if status != 0:
                break
            time.sleep(0.1)
        assert status == 403
        assert post(local, {"update_id": 2, "message": message}, secret) == 200
        assert "self-reliance" in emu.wait_reply(3001).text
        assert len(emu.replies(3001)) == 1  # the forged update was not processed
    finally:
        code = bot.stop()
        emu.stop()
    assert code == 0, bot.output()
    assert secret not in bot.output()
