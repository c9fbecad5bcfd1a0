"""Run the real `faqbot run` process against the emulator, as a test fixture helper.

Also the helpers the fault tests and the fault benchmark share: a burst of questions, one
per private chat (so each chat's reply count tells answered, lost and duplicated apart),
and counts of replies and log rows.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from tests.conftest import ROOT
from tests.emulator import Emulator, State


class BotProcess:
    """A `python -m faqbot run` child process pointed at the emulator (or another module's)."""

    def __init__(
        self,
        emu: Emulator,
        tmp: Path,
        env: Mapping[str, str] | None = None,
        args: tuple[str, ...] = ("run",),
        module: str = "faqbot",
    ) -> None:
        self.emu = emu
        self.args = args
        self.module = module
        self.database = tmp / "faqbot.sqlite3"
        self.key_file = tmp / ".user-hash-key"
        self.log = tmp / "bot.log"
        self.env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": emu.token,
            "FAQBOT_CONFIG": str(ROOT / "bot" / "config.yaml"),
            "FAQBOT_BOT_API_URL": emu.base_url,
            "FAQBOT_DATABASE": str(self.database),
            "FAQBOT_USER_HASH_KEY_FILE": str(self.key_file),
            "FAQBOT_POLL_TIMEOUT": "2",
            "FAQBOT_LOG_LEVEL": "INFO",
            **(env or {}),
        }
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, ready_call: str = "getUpdates") -> BotProcess:
        """Start the bot and wait until it is serving (polling, or its webhook is set)."""
        commands_before = self.emu.state.calls.count("setMyCommands")
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", self.module, *self.args],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

        def ready(state: State) -> bool:
            calls = state.calls
            if calls.count("setMyCommands") <= commands_before:
                return False
            last = len(calls) - 1 - calls[::-1].index("setMyCommands")
            return ready_call in calls[last:]

        deadline = time.monotonic() + 30
        while True:
            try:
                self.emu.wait_for(ready, timeout=0.25)
                return self
            except AssertionError:
                exited = self.proc.poll() is not None
                if exited or time.monotonic() > deadline:
                    self.stop()
                    raise AssertionError(f"bot did not start:\n{self.output()}") from None

    def signal(self, sig: int) -> None:
        """Send a signal to the bot process (SIGTERM, SIGINT, SIGKILL...)."""
        assert self.proc is not None
        self.proc.send_signal(sig)

    def wait(self, timeout: float) -> int:
        """Wait for the process to exit by itself; its exit code (killed if it does not)."""
        assert self.proc is not None
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"bot did not exit within {timeout} s:\n{self.output()}") from None
        self.proc = None
        return code

    def kill(self) -> None:
        """SIGKILL, as an out-of-memory killer or an impatient supervisor would."""
        assert self.proc is not None
        self.proc.kill()
        self.proc.wait()
        self.proc = None

    def stop(self, timeout: float = 20) -> int:
        """Send SIGTERM (as a process manager would) and wait for a clean exit."""
        if self.proc is None:
            return 0
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        self.proc = None
        return code

    def count(self, sql: str, params: tuple[object, ...] = ()) -> int:
        """Run a SELECT COUNT(...) on the bot's database (0 if it has no such table yet)."""
        return db_count(self.database, sql, params)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def wait_rows(self, sql: str, expected: int, timeout: float = 10) -> None:
        """Wait until a SELECT COUNT(*) query returns `expected` (the log is written async)."""
        deadline = time.monotonic() + timeout
        count = -1
        while time.monotonic() < deadline:
            if self.database.exists():
                with sqlite3.connect(self.database) as db:
                    try:
                        count = db.execute(sql).fetchone()[0]
                    except sqlite3.OperationalError:
                        count = -1
                if count == expected:
                    return
            time.sleep(0.05)
        raise AssertionError(f"{sql!r} gave {count}, expected {expected}")


QUESTIONS = (
    "How big is the APAC AI market?",
    "what is small ai",
    "Korea AI investment",
    "weather in bangkok",
    "will ai take our jobs",
    "vietnam ai law",
    "who backs openai",
    "What is China's approach to AI?",
)


def ask_burst(emu: Emulator, chat_ids: Iterable[int]) -> list[int]:
    """Send one question from each chat (private chats; the chat id is the user id)."""
    asked = []
    for n, chat_id in enumerate(chat_ids):
        emu.send(emu.private_chat(chat_id), chat_id, QUESTIONS[n % len(QUESTIONS)])
        asked.append(chat_id)
    return asked


def reply_counts(emu: Emulator, chat_ids: Iterable[int]) -> Counter[int]:
    """How many messages the bot sent to each chat."""
    wanted = set(chat_ids)
    with emu._lock:
        counts = Counter(m.chat_id for m in emu.state.sent if m.chat_id in wanted)
    return Counter({c: counts.get(c, 0) for c in wanted})


def wait_answered(emu: Emulator, chat_ids: Iterable[int], timeout: float) -> None:
    """Wait until every chat has at least one reply."""
    wanted = set(chat_ids)

    def done(state: State) -> bool:
        return wanted <= {m.chat_id for m in state.sent}

    emu.wait_for(done, timeout)


def db_count(database: Path, sql: str, params: tuple[object, ...] = ()) -> int:
    """One COUNT from a database file (0 if the table does not exist yet)."""
    if not database.exists():
        return 0
    with contextlib.closing(sqlite3.connect(database, timeout=30)) as db:
        try:
            return int(db.execute(sql, params).fetchone()[0])
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return 0
            raise


@contextlib.contextmanager
def write_lock(database: Path, hold_at_most: float = 30.0) -> Iterator[None]:
    """Hold an exclusive write transaction on the database from another connection, as
    another process's long write would, for the duration of the block (at most
    hold_at_most seconds)."""
    locked, release = threading.Event(), threading.Event()

    def hold() -> None:
        with contextlib.closing(sqlite3.connect(database, timeout=30)) as db:
            db.execute("BEGIN EXCLUSIVE")
            locked.set()
            release.wait(hold_at_most)
            db.rollback()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert locked.wait(10), "the write lock was not taken"
        yield
    finally:
        release.set()
        holder.join()
