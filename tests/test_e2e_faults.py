"""End to end under faults: the real bot process, the emulator injecting what goes wrong.

Each test asks one question per private chat, so a chat's reply count tells answered (1),
lost (0) and repeated (2+) apart, and checks the question log has exactly one row per
question. Bursts are small to keep CI quick; benchmarks/bench_faults.py runs the same
scenarios with up to 10,000 questions.
"""

from __future__ import annotations

import contextlib
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from faqbot.config import load_settings
from tests.botprocess import BotProcess, ask_burst, reply_counts, wait_answered, write_lock
from tests.conftest import ROOT
from tests.emulator import Emulator, SentMessage
from tests.test_e2e_staff import group_ids
from tests.test_e2e_webhook import free_port, post

pytestmark = pytest.mark.e2e

ADMIN = 900_001
FAST = {
    # Telegram's outgoing limits and the flood guard are lifted: the tests measure faults.
    "FAQBOT_OUTGOING_PER_SECOND": "100000",
    "FAQBOT_FLOOD_LIMIT": "100000",
    "FAQBOT_API_TIMEOUT": "2",
    "FAQBOT_POLL_TIMEOUT": "1",
    "FAQBOT_ADMIN_IDS": str(ADMIN),
}


_STARTED: list[BotProcess] = []


@pytest.fixture
def emu() -> Iterator[Emulator]:
    emulator = Emulator().start()
    yield emulator
    while _STARTED:  # a failed test must not leave its bot running
        _STARTED.pop().stop()
    emulator.stop()


def make_bot(emu: Emulator, tmp: Path, **env: str) -> BotProcess:
    bot = BotProcess(emu, tmp, {**FAST, **env})
    _STARTED.append(bot)
    return bot


def assert_clean(bot: BotProcess) -> None:
    code = bot.stop()
    output = bot.output()
    assert code == 0, output
    assert "Traceback" not in output, output
    assert bot.emu.token.split(":")[1] not in output


def assert_logged_once(
    bot: BotProcess, questions: int, timeout: float = 15, *, kept: bool = True
) -> None:
    """Every question has exactly one row, all delivered; with kept, one per inbox row (not
    kept: the inbox could not be written, so the updates were answered without it)."""
    bot.wait_rows("SELECT COUNT(*) FROM questions WHERE delivery = 'sent'", questions, timeout)
    assert bot.count("SELECT COUNT(*) FROM questions") == questions
    inbox_rows = bot.count("SELECT COUNT(DISTINCT inbox_id) FROM questions")
    assert inbox_rows == (questions if kept else 0)


def test_outage_of_3_seconds_mid_burst(emu: Emulator, tmp_path: Path) -> None:
    bot = make_bot(emu, tmp_path).start()
    chats = range(10_000, 10_160)
    ask_burst(emu, chats[:80])
    emu.wait_for(lambda s: len(s.sent) >= 20, timeout=15)
    emu.outage(3)
    ask_burst(emu, chats[80:])  # readers keep asking while the Bot API is unreachable
    wait_answered(emu, chats, timeout=30)
    emu.wait_idle(0.5)
    assert set(reply_counts(emu, chats).values()) == {1}
    assert_logged_once(bot, len(chats))
    assert "retrying" in bot.output()
    assert_clean(bot)


def test_a_hundred_server_errors(emu: Emulator, tmp_path: Path) -> None:
    bot = make_bot(emu, tmp_path).start()
    fault = emu.inject("server_error", 100, status=500)
    chats = range(20_000, 20_150)
    ask_burst(emu, chats)
    wait_answered(emu, chats, timeout=30)
    emu.wait_idle(0.5)
    assert fault.hits == 100
    assert set(reply_counts(emu, chats).values()) == {1}
    assert_logged_once(bot, len(chats))
    assert_clean(bot)


@pytest.mark.parametrize(
    ("kind", "count", "repeated"),
    [
        ("retry_after", 3, 0),  # 429 with retry_after: waited out, sent once
        ("close", 20, 0),  # closed before handled: retried, sent once
        ("hang", 2, 0),  # no answer: the client times out (api_timeout 2 s) and retries
        ("lost", 5, 5),  # handled, response lost: the retry repeats the message
    ],
)
def test_network_faults(
    emu: Emulator, tmp_path: Path, kind: str, count: int, repeated: int
) -> None:
    bot = make_bot(emu, tmp_path).start()
    fault = emu.inject(kind, count, seconds=30)
    chats = range(30_000, 30_040)
    ask_burst(emu, chats)
    wait_answered(emu, chats, timeout=30)
    emu.wait_idle(1.0)
    assert fault.hits == count
    counts = reply_counts(emu, chats)
    assert min(counts.values()) == 1
    assert sum(counts.values()) - len(chats) == repeated  # at least once; repeats only here
    assert_logged_once(bot, len(chats))
    assert_clean(bot)


def test_sigkill_then_restart_answers_every_question_once_logged(
    emu: Emulator, tmp_path: Path
) -> None:
    bot = make_bot(emu, tmp_path).start()
    chats = range(40_000, 40_300)
    ask_burst(emu, chats)
    emu.wait_for(lambda s: len(s.sent) >= 60, timeout=15)
    killed_at = time.monotonic()
    bot.kill()
    # Requests the bot sent just before the kill may still be in the emulator's hands.
    emu.wait_idle(0.3)
    answered_before = sum(1 for n in reply_counts(emu, chats).values() if n)
    assert answered_before < len(chats)  # the kill came mid-burst
    bot.start()
    wait_answered(emu, chats, timeout=60)
    emu.wait_idle(1.0)
    counts = reply_counts(emu, chats)
    assert min(counts.values()) == 1
    # Only replies in flight at the kill may repeat: their first copy went out just before it.
    with emu._lock:
        first: dict[int, float] = {}
        for m in emu.state.sent:
            first.setdefault(m.chat_id, m.sent_at)
    repeated = [c for c, n in counts.items() if n > 1]
    assert all(killed_at - first[c] < 2.0 for c in repeated), repeated
    assert len(repeated) <= answered_before
    assert_logged_once(bot, len(chats), timeout=30)
    assert "did not finish" in bot.output()
    assert_clean(bot)


def test_double_sigterm_stops_in_bounded_time_with_the_log_flushed(
    emu: Emulator, tmp_path: Path
) -> None:
    bot = make_bot(emu, tmp_path).start()
    chats = range(50_000, 50_300)
    ask_burst(emu, chats)
    emu.wait_for(lambda s: len(s.sent) >= 60, timeout=15)
    started = time.monotonic()
    bot.signal(signal.SIGTERM)
    # Soon after: with 16 updates running at once the bot stops within about 50 ms, and
    # a signal after that finds it shutting down (ignored, not logged).
    time.sleep(0.01)
    bot.signal(signal.SIGTERM)
    bot.signal(signal.SIGINT)
    assert bot.wait(25) == 0
    took = time.monotonic() - started
    assert took < 20, took
    output = bot.output()
    assert "already stopping" in output
    assert "question log flushed and closed" in output
    # Every reply sent so far is logged (flushed at the stop), at most once per update.
    answered = sum(1 for n in reply_counts(emu, chats).values() if n)
    logged = bot.count("SELECT COUNT(*) FROM questions WHERE delivery = 'sent'")
    assert answered - 5 <= logged <= answered  # a few replies may be cut off mid-request
    bot.start()
    wait_answered(emu, chats, timeout=60)
    emu.wait_idle(1.0)
    assert min(reply_counts(emu, chats).values()) == 1
    assert_logged_once(bot, len(chats), timeout=30)
    assert_clean(bot)


def test_a_lone_surrogate_is_logged_and_nothing_stops(emu: Emulator, tmp_path: Path) -> None:
    bot = make_bot(emu, tmp_path).start()
    # (A question, not a greeting: small talk is answered but not logged.)
    emu.send(emu.private_chat(60_000), 60_000, "What does Vietnam's AI law do? \ud800")
    chats = range(60_001, 60_011)
    ask_burst(emu, chats)
    wait_answered(emu, [60_000, *chats], timeout=15)
    assert_logged_once(bot, 11)
    with contextlib.closing(sqlite3.connect(bot.database)) as db:
        texts = [t for (t,) in db.execute("SELECT text FROM questions")]
    assert "What does Vietnam's AI law do? \ufffd" in texts
    emu.send(emu.private_chat(ADMIN), ADMIN, "/stats")
    stats = emu.wait_reply(ADMIN)
    assert "all time 11" in stats.text
    assert "Log writer: writing; 0 row(s) waiting" in stats.text
    bot.signal(signal.SIGINT)
    assert bot.wait(20) == 0
    assert "Traceback" not in bot.output()


def test_database_locked_for_10_seconds(emu: Emulator, tmp_path: Path) -> None:
    bot = make_bot(emu, tmp_path).start()
    with write_lock(bot.database, hold_at_most=10):
        lock_started = time.monotonic()
        chats = range(70_000, 70_100)
        ask_burst(emu, chats)
        wait_answered(emu, chats, timeout=9)  # answered while the database is locked
        assert time.monotonic() - lock_started < 10
        emu.send(emu.private_chat(ADMIN), ADMIN, "/stats")
        stats = emu.wait_reply(ADMIN, timeout=15)
        assert "Log writer: FAILING" in stats.text  # the backlog is visible
        assert "database is locked" in stats.text
        # ... and so is every update answered without the inbox (the /stats one too).
        unsaved = re.search(r"inbox could not keep them: (\d+)", stats.text)
        assert unsaved is not None
        assert int(unsaved.group(1)) >= len(chats)
    emu.wait_idle(0.5)
    assert set(reply_counts(emu, chats).values()) == {1}
    assert_logged_once(bot, len(chats), timeout=20, kept=False)
    assert "question log writable again" in bot.output()
    assert_clean(bot)


def set_read_only(database: Path, read_only: bool) -> None:
    """Mark the file read-only in SQLite's own header (byte 18, the write version: > 2 means
    read-only), which holds for root too, unlike file modes."""
    with database.open("r+b") as f:
        f.seek(18)
        f.write(bytes([3 if read_only else 2]))


def test_read_only_database(emu: Emulator, tmp_path: Path) -> None:
    bot = make_bot(emu, tmp_path).start()
    assert_clean(bot)  # a first run creates and migrates the database
    set_read_only(bot.database, True)
    bot.start()
    assert "QUESTION LOG" in bot.output()
    assert "not writable" in bot.output()
    chats = range(80_000, 80_050)
    ask_burst(emu, chats)
    wait_answered(emu, chats, timeout=15)
    time.sleep(1)
    assert bot.count("SELECT COUNT(*) FROM questions") == 0  # kept in memory meanwhile
    set_read_only(bot.database, False)  # the operator fixes it; no restart needed
    assert_logged_once(bot, len(chats), timeout=20, kept=False)
    assert set(reply_counts(emu, chats).values()) == {1}
    assert_clean(bot)


def test_sigkill_while_the_database_refuses_writes_loses_no_question(
    emu: Emulator, tmp_path: Path
) -> None:
    bot = make_bot(emu, tmp_path).start()
    assert_clean(bot)
    set_read_only(bot.database, True)
    bot.start()
    chats = range(85_000, 85_200)
    ask_burst(emu, chats)
    emu.wait_for(lambda s: len(s.sent) >= 20, timeout=15)
    bot.kill()  # nothing of this burst is in the inbox: the database refused it
    assert sum(1 for n in reply_counts(emu, chats).values() if n) < len(chats)
    set_read_only(bot.database, False)
    bot.start()
    # Updates not finished at the kill were never confirmed, so Telegram delivers them again.
    wait_answered(emu, chats, timeout=60)
    assert_clean(bot)


def test_replies_older_than_max_reply_age_are_not_sent_late(emu: Emulator, tmp_path: Path) -> None:
    chats = range(90_000, 90_010)
    ask_burst(emu, chats)  # asked while the bot is down
    time.sleep(2.5)
    bot = make_bot(emu, tmp_path, FAQBOT_MAX_REPLY_AGE="2").start()
    bot.wait_rows("SELECT COUNT(*) FROM questions WHERE delivery = 'expired'", len(chats))
    emu.wait_idle(0.5)
    assert sum(reply_counts(emu, chats).values()) == 0
    assert bot.count("SELECT COUNT(*) FROM inbox WHERE state = 'expired'") == len(chats)
    assert_clean(bot)


def test_a_reply_that_fails_for_good_is_logged_as_failed(emu: Emulator, tmp_path: Path) -> None:
    bot = make_bot(emu, tmp_path).start()
    emu.inject("server_error", 1, status=403)  # e.g. the reader blocked the bot: not retried
    chats = range(91_000, 91_003)
    ask_burst(emu, chats)
    bot.wait_rows("SELECT COUNT(*) FROM questions", 3)
    emu.wait_idle(0.5)
    assert sum(reply_counts(emu, chats).values()) == 2
    assert bot.count("SELECT COUNT(*) FROM questions WHERE delivery = 'failed'") == 1
    assert bot.count("SELECT COUNT(*) FROM questions WHERE delivery = 'sent'") == 2
    assert_clean(bot)


def test_only_handled_update_types_and_unparseable_ones_skipped_once(
    emu: Emulator, tmp_path: Path
) -> None:
    bot = make_bot(emu, tmp_path).start()
    settings = load_settings(ROOT / "bot" / "config.yaml", environ={})
    assert settings.max_reply_age == 600
    allowed = emu.state.last_params["getupdates"]["allowed_updates"]
    assert allowed == ["message", "edited_message", "callback_query", "inline_query"]
    emu.push_raw({"message": {"message_id": 1}})  # no date, chat, ...: PTB cannot parse it
    channel = {"message_id": 1, "date": int(time.time()), "chat": {"id": -5, "type": "channel"}}
    emu.push_raw({"channel_post": channel})  # not asked for: Telegram does not deliver it
    chats = range(92_000, 92_005)
    ask_burst(emu, chats)
    wait_answered(emu, chats, timeout=15)
    polls = emu.state.calls.count("getUpdates")
    time.sleep(2)
    assert emu.state.calls.count("getUpdates") - polls < 10  # no re-fetch loop
    assert bot.output().count("cannot be parsed") == 1
    assert [u for u in emu.state.dropped_updates if "channel_post" in u]
    assert_logged_once(bot, len(chats))
    assert bot.count("SELECT COUNT(*) FROM inbox WHERE state = 'skipped'") == 1
    assert_clean(bot)


def test_start_up_calls_retry(emu: Emulator, tmp_path: Path) -> None:
    emu.outage(2)  # the Bot API refuses connections as the bot starts
    emu.inject("server_error", 2, method="getMe", status=502)
    emu.inject("server_error", 2, method="setMyCommands", status=500)
    emu.inject("close", 1, method="deleteWebhook")
    time.sleep(0.2)
    bot = make_bot(emu, tmp_path).start()
    chats = range(93_000, 93_003)
    ask_burst(emu, chats)
    wait_answered(emu, chats, timeout=15)
    assert_clean(bot)


@pytest.mark.parametrize("stuck", ["getMe", "setMyCommands"])
def test_sigterm_while_start_up_retries_stops_cleanly(
    emu: Emulator, tmp_path: Path, stuck: str
) -> None:
    """A stop asked for while start-up still retries (the Bot API unreachable, or failing)
    is a clean stop: exit 0, the signal's one line, no traceback nor unretrieved task."""
    env: dict[str, str] = {}
    if stuck == "getMe":
        env["FAQBOT_BOT_API_URL"] = f"http://127.0.0.1:{free_port()}/bot"  # nothing listens
    else:
        emu.inject("server_error", 1000, method="setMyCommands", status=500)
    bot = make_bot(emu, tmp_path, **env)
    with bot.log.open("ab") as log:
        bot.proc = subprocess.Popen(
            [sys.executable, "-m", "faqbot", "run"],
            cwd=ROOT,
            env=bot.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 20
    while f"Bot API {stuck} failed" not in bot.output():
        assert time.monotonic() < deadline, bot.output()
        time.sleep(0.05)
    bot.signal(signal.SIGTERM)
    code = bot.wait(15)
    output = bot.output()
    assert code == 0, output
    assert "Traceback" not in output, output
    assert "never retrieved" not in output, output
    assert [line for line in output.splitlines() if "ERROR" in line] == [], output
    assert "SIGTERM: stopping" in output


def test_a_rejected_token_is_one_line_and_exit_2(emu: Emulator, tmp_path: Path) -> None:
    bot = BotProcess(emu, tmp_path, {"TELEGRAM_BOT_TOKEN": "123456:rejected-Secret-token"})
    result = subprocess.run(
        [sys.executable, "-m", "faqbot", "run"],
        cwd=ROOT,
        env=bot.env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "Secret-token" not in output
    assert "Traceback" not in output
    assert result.stderr.splitlines()[-1] == (
        "faqbot: Telegram rejected the bot token (TELEGRAM_BOT_TOKEN): check it with @BotFather"
    )
    assert [line for line in output.splitlines() if "rejected" in line.lower()] == [
        result.stderr.splitlines()[-1]
    ]


def test_debug_logs_hold_no_secret_nor_personal_data(emu: Emulator, tmp_path: Path) -> None:
    bot = make_bot(emu, tmp_path, FAQBOT_LOG_LEVEL="DEBUG").start()
    reader = 987_654_321
    question = "What does Vietnam's zebra-crossing law say?"
    emu.send(emu.private_chat(reader), reader, question)
    emu.wait_reply(reader)
    assert_clean(bot)
    output = bot.output()
    assert "HTTP Request: POST" in output  # httpx lines are there, with the token masked
    assert "<redacted>" in output
    assert str(reader) not in output
    assert "zebra-crossing" not in output
    personal = make_bot(
        emu, tmp_path / "personal", FAQBOT_LOG_LEVEL="DEBUG", FAQBOT_LOG_PERSONAL_DATA="true"
    )
    (tmp_path / "personal").mkdir()
    personal.start()
    emu.send(emu.private_chat(reader), reader, question)
    emu.wait_reply(reader, count=2)
    assert_clean(personal)
    assert "zebra-crossing" in personal.output()  # only when explicitly asked for


def test_webhook_update_is_kept_before_200_and_answered_after_a_crash(
    emu: Emulator, tmp_path: Path
) -> None:
    port = free_port()
    webhook = {
        "FAQBOT_WEBHOOK_URL": "https://faqbot.example.org/telegram",
        "FAQBOT_WEBHOOK_LISTEN": "127.0.0.1",
        "PORT": str(port),
        "FAQBOT_LOG_LEVEL": "DEBUG",
    }
    bot = BotProcess(emu, tmp_path, {**FAST, **webhook}, args=("run", "--webhook"))
    _STARTED.append(bot)
    bot.start(ready_call="setWebhook")
    hook = emu.webhook
    assert hook is not None
    assert hook["allowed_updates"] == [
        "message",
        "edited_message",
        "callback_query",
        "inline_query",
    ]
    secret = str(hook["secret_token"])
    url = f"http://127.0.0.1:{port}/" + str(hook["url"]).rsplit("/", 1)[1]
    emu.inject("hang", 1000, seconds=30)  # no reply can go out
    chat = emu.private_chat(94_000)
    message = {
        "message_id": 1,
        "date": int(time.time()),
        "chat": chat,
        "from": emu.user(94_000),
        "text": "What is China's approach to AI?",
    }
    with emu._lock:
        emu.state.user_messages[(94_000, 1)] = message
    deadline = time.monotonic() + 10
    status = 0
    while status == 0 and time.monotonic() < deadline:  # the server may still be binding
        status = post(url, {"update_id": 1, "message": message}, secret)
        time.sleep(0.1)
    assert status == 200
    assert bot.count("SELECT COUNT(*) FROM inbox") == 1  # kept before the 200
    bot.kill()
    emu.state.faults.clear()
    bot.start(ready_call="setWebhook")
    assert "self-reliance" in emu.wait_reply(94_000, timeout=15).text
    assert_logged_once(bot, 1)
    assert_clean(bot)
    assert secret not in bot.output()


def test_buttons_and_inline_answer_at_once_while_the_database_is_locked(
    emu: Emulator, tmp_path: Path
) -> None:
    bot = make_bot(emu, tmp_path).start()
    reader = 95_000
    chat = emu.private_chat(reader)
    emu.send(chat, reader, "funding")
    suggestions = emu.wait_reply(reader)
    emu.send(chat, reader, "How big is the APAC AI market?")
    answer = emu.wait_reply(reader, count=2)
    bot.wait_rows("SELECT COUNT(*) FROM questions", 2)
    with write_lock(bot.database, hold_at_most=20):

        def acknowledged(query_id: str) -> float:
            started = time.monotonic()
            emu.wait_for(lambda s: query_id in s.callback_answers, timeout=10)
            return time.monotonic() - started

        choice = next(b for b in suggestions.buttons if "South Korea" in b["text"])
        took = acknowledged(emu.press(suggestions, choice["callback_data"], reader))
        assert took < 2.5, took  # well under Telegram's patience, and the answer shown
        emu.wait_for(lambda s: "$7 billion" in suggestions.text, timeout=1)
        vote = answer.button("👍")["callback_data"]
        took = acknowledged(emu.press(answer, vote, reader))
        assert took < 2.5, took
        started = time.monotonic()
        query_id = emu.inline(reader, "")
        emu.wait_for(lambda s: query_id in s.inline_answers, timeout=10)
        assert time.monotonic() - started < 2.5
        assert emu.state.inline_answers[query_id]["results"]
        assert bot.count("SELECT COUNT(*) FROM feedback") == 0  # queued, not written yet
    # Once the lock goes, the queued writes land: the vote, and the choice for editors.
    bot.wait_rows("SELECT COUNT(*) FROM feedback WHERE vote = 1", 1, timeout=20)
    bot.wait_rows(
        "SELECT COUNT(*) FROM taught WHERE origin = 'suggestion' AND phrasing = 'funding'", 1
    )
    bot.wait_rows("SELECT COUNT(*) FROM questions WHERE status = 'chosen'", 1)
    assert "went wrong" not in " ".join(m.text for m in emu.replies(reader))
    assert_clean(bot)


def test_teaching_is_refused_not_lost_while_the_write_queue_is_full(
    emu: Emulator, tmp_path: Path
) -> None:
    """Teaching goes through the store's write queue. With the queue full (the database
    has refused writes for long: here a held write lock, and FAQBOT_LOG_BUFFER_ROWS=3),
    /link is refused with a polite "try again" and readers are not taught what would never
    be saved (before, it was taught live and its write dropped). Once the database takes
    writes again, the same /link teaches, and the lesson is saved."""
    bot = make_bot(emu, tmp_path, FAQBOT_LOG_BUFFER_ROWS="3").start()
    # Not answered until taught ("openai bankroll guy", the wording before, is answered
    # already); 'benefactor' is a word big-ai-players never writes: Link anyway confirms.
    reader, plants = 96_000, "openai benefactor"

    def say(user: int, text: str) -> SentMessage:
        count = len(emu.replies(user))
        emu.send(emu.private_chat(user), user, text)
        return emu.wait_reply(user, count=count + 1, timeout=15)

    def link_anyway(asked: SentMessage) -> str:
        assert asked.text.startswith("Not linked yet"), asked.text
        data = asked.button("Link anyway → big-ai-players")["callback_data"]
        query_id = emu.press(asked, data, ADMIN)
        answer = emu.wait_for(lambda s: s.callback_answers.get(query_id), timeout=15)
        return str(answer.get("text", ""))

    assert "I don't know" in say(reader, plants).text
    bot.wait_rows(f"SELECT COUNT(*) FROM questions WHERE text = '{plants}'", 1)
    key = group_ids(say(ADMIN, "/unanswered"))[plants]
    with write_lock(bot.database, hold_at_most=40):
        others = range(96_001, 96_005)
        ask_burst(emu, others)  # their log rows fill the queue (one is dropped)
        wait_answered(emu, others, timeout=20)
        refused = link_anyway(say(ADMIN, f"/link {key} big-ai-players"))
        assert "Not done: the database is not taking writes right now" in refused
        assert "Linked" not in refused
        assert "I don't know" in say(reader, plants).text  # not taught: it could not be saved
    deadline = time.monotonic() + 20  # the writer retries with backoff: room comes
    while "question log writable again" not in bot.output():
        assert time.monotonic() < deadline, bot.output()
        time.sleep(0.1)
    key = group_ids(say(ADMIN, "/unanswered"))[plants]
    linked = link_anyway(say(ADMIN, f"/link {key} big-ai-players"))
    assert "Linked 1 question(s)" in linked
    # On a loaded machine the live build may outlast the editor's wait; the notice then
    # says readers get it in a moment, and they do.
    deadline = time.monotonic() + (20 if "in a moment" in linked else 0)
    while "OpenAI, backed by Microsoft" not in say(reader, plants).text:
        assert time.monotonic() < deadline, linked
        time.sleep(0.5)
    bot.wait_rows(f"SELECT COUNT(*) FROM taught WHERE phrasing = '{plants}'", 1)
    assert_clean(bot)


def test_a_pick_by_reply_after_a_restart_is_answered_and_files_nothing(
    emu: Emulator, tmp_path: Path
) -> None:
    """review-5 P2-1: which question a did-you-mean answered is kept in memory. After a
    restart the bot no longer knows: the pick is answered, and nothing is filed rather than
    a guess (it filed the reader's latest open question offering the entry)."""
    bot = make_bot(emu, tmp_path).start()
    reader = 97_500
    chat = emu.private_chat(reader)
    emu.send(chat, reader, "funding")
    offer = emu.wait_reply(reader)
    assert "Did you mean" in offer.text
    bot.wait_rows("SELECT COUNT(*) FROM questions WHERE status = 'open'", 1)
    assert bot.stop() == 0
    bot.start()
    emu.send(chat, reader, "1", reply_to=offer)
    first = offer.buttons[0]["callback_data"].partition(":")[2]
    assert emu.wait_reply(reader, count=2).button("👍")["callback_data"] == f"v:{first}:u"
    emu.wait_idle(1.0)
    assert bot.count("SELECT COUNT(*) FROM taught") == 0
    assert bot.count("SELECT COUNT(*) FROM questions WHERE status = 'open'") == 1
    assert_clean(bot)
