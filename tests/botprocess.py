"""Run the real `faqbot run` process against the emulator, as a test fixture helper."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

from tests.conftest import ROOT
from tests.emulator import Emulator, State


class BotProcess:
    """A `python -m faqbot run` child process pointed at the emulator."""

    def __init__(
        self,
        emu: Emulator,
        tmp: Path,
        env: Mapping[str, str] | None = None,
        args: tuple[str, ...] = ("run",),
    ) -> None:
        self.emu = emu
        self.args = args
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
                [sys.executable, "-m", "faqbot", *self.args],
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

        try:
            self.emu.wait_for(ready, timeout=30)
        except AssertionError:
            self.stop()
            raise AssertionError(f"bot did not start:\n{self.output()}") from None
        return self

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

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def wait_rows(self, sql: str, expected: int, timeout: float = 10) -> None:
        """Wait until a SELECT COUNT(*) query returns `expected` (the log is written async)."""
        import sqlite3

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
