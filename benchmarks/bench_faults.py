"""Faults at scale: what a burst of questions loses, repeats and how long it takes to recover.

Run: python -m benchmarks.bench_faults [questions]  (default 2,000; prints a table; not a test)

Each scenario starts a fresh emulator and the real `faqbot run`, asks one question from each
of `questions` private chats at once, injects its fault mid-burst and waits until every
question is answered and logged (or the time limit passes). One question per chat makes each
chat's reply count exact: answered = chats with a reply, duplicates = replies beyond one,
rows lost = questions without a log row. recovery s = from the end of the fault (the outage's
end, the restart, the lock's release, the last injected error served) to the last question
answered and logged; for the baseline, the whole burst. Telegram's outgoing limits and the
flood guard are lifted so the figures measure the bot.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.botprocess import BotProcess, ask_burst, db_count, reply_counts
from tests.emulator import Emulator

ENV = {
    "FAQBOT_OUTGOING_PER_SECOND": "1000000",
    "FAQBOT_FLOOD_LIMIT": "1000000",
    "FAQBOT_LOG_LEVEL": "WARNING",
    "FAQBOT_API_TIMEOUT": "5",
    "FAQBOT_POLL_TIMEOUT": "2",
}
LIMIT = 900.0  # seconds per scenario


@dataclass
class Run:
    emu: Emulator
    bot: BotProcess
    chats: range
    fault_end: float = 0.0


@dataclass
class Row:
    scenario: str
    questions: int
    answered: int
    duplicates: int
    rows_lost: int
    extra_rows: int
    recovery: float


def answered(run: Run) -> int:
    return sum(1 for n in reply_counts(run.emu, run.chats).values() if n)


def wait_until(check: Callable[[], bool], limit: float, step: float = 0.2) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(step)
    return False


def settle(run: Run) -> float:
    """Wait until every question is answered and logged; return when that happened."""
    n = len(run.chats)
    wait_until(lambda: answered(run) == n, LIMIT, 0.25)
    wait_until(lambda: db_count(run.bot.database, "SELECT COUNT(*) FROM questions") >= n, 120)
    done = time.monotonic()
    run.emu.wait_idle(1.0)
    return done


def scenario(name: str, questions: int, act: Callable[[Run], None], first: int) -> Row:
    emu = Emulator().start()
    tmp = Path(tempfile.mkdtemp(prefix="faqbot-faults-"))
    bot = BotProcess(emu, tmp, ENV)
    run = Run(emu, bot, range(first, first + questions))
    try:
        bot.start()
        run.fault_end = time.monotonic()
        ask_burst(emu, run.chats)
        act(run)
        done = settle(run)
        counts = reply_counts(emu, run.chats)
        rows = db_count(bot.database, "SELECT COUNT(*) FROM questions")
        questions = len(run.chats)
        return Row(
            name,
            questions,
            sum(1 for c in counts.values() if c),
            sum(max(0, c - 1) for c in counts.values()),
            max(0, questions - rows),
            max(0, rows - questions),
            done - run.fault_end,
        )
    finally:
        bot.stop()
        emu.stop()


def mid_burst(run: Run, share: float = 0.3) -> None:
    target = int(len(run.chats) * share)
    wait_until(lambda: answered(run) >= target, LIMIT, 0.05)


def baseline(run: Run) -> None:
    return None


def outage(run: Run) -> None:
    mid_burst(run)
    run.emu.outage(3)
    run.fault_end = time.monotonic() + 3


def injected(kind: str, count: int) -> Callable[[Run], None]:
    def act(run: Run) -> None:
        fault = run.emu.inject(kind, count)
        wait_until(lambda: fault.hits >= count, LIMIT, 0.05)
        run.fault_end = fault.last_hit

    return act


def sigkill(run: Run) -> None:
    mid_burst(run)
    run.bot.kill()
    run.bot.start()
    run.fault_end = time.monotonic()


def double_sigterm(run: Run) -> None:
    mid_burst(run)
    run.bot.signal(signal.SIGTERM)
    time.sleep(0.1)
    run.bot.signal(signal.SIGTERM)
    run.bot.wait(30)
    run.bot.start()
    run.fault_end = time.monotonic()


def locked(seconds: float) -> Callable[[Run], None]:
    def act(run: Run) -> None:
        held = threading.Event()

        def hold() -> None:
            with contextlib.closing(sqlite3.connect(run.bot.database, timeout=30)) as db:
                db.execute("BEGIN EXCLUSIVE")
                held.set()
                time.sleep(seconds)
                db.rollback()

        thread = threading.Thread(target=hold)
        thread.start()
        held.wait(30)
        thread.join()
        run.fault_end = time.monotonic()

    return act


def surrogate(run: Run) -> None:
    chat = run.chats.stop
    run.emu.send(run.emu.private_chat(chat), chat, "What does Vietnam's AI law do? \ud800")
    run.chats = range(run.chats.start, chat + 1)


SCENARIOS: list[tuple[str, Callable[[Run], None]]] = [
    ("no fault", baseline),
    ("Bot API refuses connections for 3 s", outage),
    ("100 x HTTP 500", injected("server_error", 100)),
    ("20 closed connections", injected("close", 20)),
    ("20 lost responses", injected("lost", 20)),
    ("5 x 429 retry_after 1 s", injected("retry_after", 5)),
    ("SIGKILL mid-burst, restart", sigkill),
    ("2 x SIGTERM mid-burst, restart", double_sigterm),
    ("database locked 30 s", locked(30)),
    ("a lone surrogate in the burst (+1 question)", surrogate),
]


def main(questions: int = 2000) -> None:
    """Run every scenario with a burst of `questions` and print the table."""
    logging.getLogger("tornado.access").setLevel(logging.ERROR)  # the injected 4xx/5xx
    print("| scenario | questions | answered | duplicates | rows lost | extra rows | recovery s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for n, (name, act) in enumerate(SCENARIOS):
        row = scenario(name, questions, act, first=1_000_000 * (n + 1))
        print(
            f"| {row.scenario} | {row.questions} | {row.answered} | {row.duplicates}"
            f" | {row.rows_lost} | {row.extra_rows} | {row.recovery:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:2]))
