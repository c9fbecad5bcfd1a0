"""End to end in webhook mode: faqbot's webhook server, with a secret token always checked."""

from __future__ import annotations

import json
import signal
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.botprocess import BotProcess, write_lock
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
    except OSError:
        return 0  # not listening yet, or the connection was cut


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
def webhook_bot(tmp_path: Path, **env: str) -> Iterator[Webhook]:
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
            **env,
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


CHINA = "What is China's approach to AI?"


def test_an_update_delivered_again_while_answered_gets_one_reply_and_one_row(
    tmp_path: Path,
) -> None:
    """Telegram delivers a webhook update again when its 200 is late. Here the database
    cannot keep updates (another process holds its write lock), so the 200 waits until the
    update is answered, and sendMessage is slow: the same update comes again while it is
    being kept, and while it is being answered. One reply, one log row, and every delivery
    is answered 200 once the update is answered."""
    with webhook_bot(tmp_path) as hook:
        emu, bot = hook.emu, hook.bot
        warm = {"update_id": 1, "message": hook.message(3003, 1, "vietnam ai law")}
        assert hook.wait_listening(warm, hook.secret) == 200
        emu.wait_reply(3003)
        update = {"update_id": 2, "message": hook.message(3003, 2, CHINA)}
        emu.latency = 1.5
        with write_lock(bot.database, hold_at_most=30), ThreadPoolExecutor(3) as pool:
            first = pool.submit(post, hook.url, update, hook.secret)
            time.sleep(0.3)  # the inbox waits for the locked database
            again = pool.submit(post, hook.url, update, hook.secret)
            time.sleep(1.5)  # being answered (the inbox gave up after 1 s)
            third = pool.submit(post, hook.url, update, hook.secret)
            assert [f.result() for f in (first, again, third)] == [200, 200, 200]
            emu.latency = 0
            emu.wait_idle(1)
            assert len(emu.replies(3003)) == 2  # one per update
            assert "self-reliance" in emu.replies(3003)[1].text
        bot.wait_rows("SELECT COUNT(*) FROM questions", 2, timeout=20)
        time.sleep(0.5)
        assert bot.count("SELECT COUNT(*) FROM questions") == 2
        assert "delivered again while handled" in bot.output()


def test_a_stop_lets_webhook_requests_in_progress_finish(tmp_path: Path) -> None:
    """SIGTERM while a webhook request waits for its update to be answered (the database
    cannot keep it, so its 200 waits for the reply): the reply goes out, the request gets
    its 200 instead of a cut connection, and the bot stops cleanly within stop_timeout. An
    update the stop leaves neither kept nor answered is answered 503, so Telegram delivers
    it again, and it is answered after the restart."""
    with webhook_bot(tmp_path, FAQBOT_STOP_TIMEOUT="6") as hook:
        emu, bot = hook.emu, hook.bot
        warm = {"update_id": 1, "message": hook.message(3006, 1, "vietnam ai law")}
        assert hook.wait_listening(warm, hook.secret) == 200
        emu.wait_reply(3006)
        answered = {"update_id": 2, "message": hook.message(3004, 1, CHINA)}
        cut = {"update_id": 3, "message": hook.message(3005, 1, CHINA)}

        def replying_to(chat_id: int) -> None:  # its sendMessage has reached the emulator
            emu.wait_for(lambda s: s.last_params.get("sendmessage", {}).get("chat_id") == chat_id)

        emu.latency = 2.0
        with write_lock(bot.database, hold_at_most=30), ThreadPoolExecutor(2) as pool:
            pending = pool.submit(post, hook.url, answered, hook.secret)
            replying_to(3004)  # being answered (the inbox gave up after 1 s): it takes 2 s
            emu.latency = 30.0  # the next reply cannot go out before the drain (2.4 s) ends
            late = pool.submit(post, hook.url, cut, hook.secret)
            replying_to(3005)
            stopped = time.monotonic()
            bot.signal(signal.SIGTERM)
            assert pending.result() == 200  # answered, not cut
            assert late.result() == 503, bot.output()  # cancelled by the stop: delivered again
            assert bot.wait(15) == 0
        assert time.monotonic() - stopped < 6
        assert "self-reliance" in emu.replies(3004)[0].text
        assert emu.replies(3005) == []
        emu.latency = 0
        bot.start(ready_call="setWebhook")
        assert post(hook.url, cut, hook.secret) == 200  # Telegram delivers it again
        assert "self-reliance" in emu.wait_reply(3005).text
        bot.wait_rows("SELECT COUNT(*) FROM questions WHERE delivery = 'sent'", 3, timeout=20)
        time.sleep(0.5)
        assert bot.count("SELECT COUNT(*) FROM questions") == 3  # one row per update
        assert "Traceback" not in bot.output()
