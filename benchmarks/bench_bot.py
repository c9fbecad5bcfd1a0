"""Burst throughput of the real bot process through the Bot API emulator, beside an echo bot.

Run: python -m benchmarks.bench_bot [--messages 2000] [--chats 100] [--no-sweep]
(prints tables; not a test)

Every run pushes the same burst (`messages` questions from `chats` private chats at once)
into a fresh emulator and waits for every reply. In the same run, a python-telegram-bot
echo bot with default settings (benchmarks/echo_bot.py) answers the same burst: faqbot's
rate is printed as a ratio to it. Telegram's own outgoing limits and the per-user flood
guard are lifted so the figures measure the bots, not the limits. Each row also gives the
bot process's CPU time per update (/proc; steadier than the rate on a shared machine).

The same echo bot over faqbot's Bot API transport (telegram/transport.py, aiohttp) is a
second row: what faqbot's own work costs beside an equally fast client.

The sweep runs faqbot with concurrent_updates bounded at 4, 8, 16, 32, 64 (the shipped value
is one of them), each at 0 ms and 50 ms simulated Bot API latency per call
(Emulator(latency=...)).
"""

from __future__ import annotations

import argparse
import math
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.botprocess import BotProcess
from tests.emulator import Emulator, State

from faqbot.telegram.app import MAX_CONCURRENT_UPDATES

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [
    "How big is the APAC AI market?",
    "what is small ai",
    "Korea AI investment",
    "weather in bangkok",
    "big ai",
    "will ai take our jobs",
    "vietnam ai law",
    "who backs openai",
]
LIFTED = {
    "FAQBOT_OUTGOING_PER_SECOND": "1000000",
    "FAQBOT_FLOOD_LIMIT": "1000000",
    "FAQBOT_LOG_LEVEL": "WARNING",
}
SWEEP = (4, 8, 16, 32, 64)


@dataclass(frozen=True)
class Burst:
    """One burst's figures: updates/s over the whole burst, reply latency in ms, and the
    bot process's CPU time (user + system) per update in ms (nan where /proc is missing)."""

    rate: float
    p50: float
    p99: float
    errors: int
    cpu: float


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system, all threads) a process has used so far; nan without /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return math.nan
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def push_burst(emu: Emulator, total: int, chats: int, pid: int) -> Burst:
    """Send `total` questions round-robin from `chats` private chats; wait for every reply
    (the bot is process `pid`)."""
    chat_objs = [emu.private_chat(10_000 + i) for i in range(chats)]
    cpu_before = cpu_seconds(pid)
    asked: dict[int, list[float]] = {c["id"]: [] for c in chat_objs}
    start = time.monotonic()
    for n in range(total):
        chat = chat_objs[n % chats]
        asked[chat["id"]].append(time.monotonic())
        emu.send(chat, chat["id"], QUESTIONS[n % len(QUESTIONS)])

    def done(state: State) -> bool:
        return len(state.sent) >= total

    emu.wait_for(done, timeout=900)
    finished = time.monotonic()
    cpu = (cpu_seconds(pid) - cpu_before) * 1000 / total
    latencies = []
    for chat_id, times in asked.items():
        replies = sorted(m.sent_at for m in emu.replies(chat_id))
        latencies += [(r - q) * 1000 for q, r in zip(times, replies, strict=True)]
    latencies.sort()
    p99 = latencies[max(int(len(latencies) * 0.99) - 1, 0)]
    return Burst(
        total / (finished - start), statistics.median(latencies), p99, len(emu.state.errors), cpu
    )


def run_faqbot(total: int, chats: int, latency: float, concurrent: int | None) -> Burst:
    """faqbot (the shipped bound, or `concurrent`) on one burst through a fresh emulator."""
    emu = Emulator(latency=latency).start()
    tmp = Path(tempfile.mkdtemp(prefix="faqbot-bench-"))
    env = dict(LIFTED)
    module = "faqbot"
    if concurrent is not None:
        env["FAQBOT_BENCH_CONCURRENT_UPDATES"] = str(concurrent)
        module = "benchmarks.tuned_bot"
    bot = BotProcess(emu, tmp, env, module=module).start()
    assert bot.proc is not None
    try:
        return push_burst(emu, total, chats, bot.proc.pid)
    finally:
        bot.stop()
        emu.stop()


def run_echo(total: int, chats: int, latency: float, *, aiohttp: bool = False) -> Burst:
    """The PTB echo bot (default settings, or over faqbot's aiohttp transport) on the same
    burst through a fresh emulator."""
    emu = Emulator(latency=latency).start()
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": emu.token, "FAQBOT_BOT_API_URL": emu.base_url}
    if aiohttp:
        env["FAQBOT_ECHO_AIOHTTP"] = "1"
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.echo_bot"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        emu.wait_for(lambda state: "getUpdates" in state.calls, timeout=30)
        return push_burst(emu, total, chats, proc.pid)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        emu.stop()


def row(label: str, latency: float, burst: Burst, echo: Burst) -> str:
    """One Markdown table row."""
    return (
        f"| {label} | {latency * 1000:.0f} | {burst.rate:.0f} | {burst.rate / echo.rate:.2f}"
        f" | {burst.p50:.0f} | {burst.p99:.0f} | {burst.cpu:.2f} | {burst.errors} |"
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Print the comparison table, then the concurrent-updates sweep."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--chats", type=int, default=100)
    parser.add_argument("--no-sweep", action="store_true", help="skip the concurrency sweep")
    args = parser.parse_args(argv)
    total, chats = args.messages, args.chats
    header = (
        "| bot | latency ms | updates/s | × echo bot | p50 ms | p99 ms | CPU ms/update | errors |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|"
    )
    print(f"{total} questions from {chats} private chats at once, limits lifted\n")
    echo = {0.0: run_echo(total, chats, 0.0)}
    echo_aiohttp = run_echo(total, chats, 0.0, aiohttp=True)
    shipped = run_faqbot(total, chats, 0.0, None)
    print(header)
    print(row("PTB echo bot, default settings", 0.0, echo[0.0], echo[0.0]))
    print(row("PTB echo bot, faqbot's aiohttp transport", 0.0, echo_aiohttp, echo[0.0]))
    print(row(f"faqbot (concurrent_updates={MAX_CONCURRENT_UPDATES})", 0.0, shipped, echo[0.0]))
    if args.no_sweep:
        return
    print(f"\nconcurrent_updates sweep (shipped: {MAX_CONCURRENT_UPDATES})\n")
    print(header)
    for latency in (0.0, 0.05):
        if latency not in echo:
            # One update at a time, it needs 2 x latency per reply: a tenth of the burst
            # gives its rate without waiting minutes.
            echo[latency] = run_echo(max(total // 10, chats), chats, latency)
        print(row("PTB echo bot, default settings", latency, echo[latency], echo[latency]))
        for concurrent in SWEEP:
            burst = run_faqbot(total, chats, latency, concurrent)
            print(row(f"faqbot, {concurrent}", latency, burst, echo[latency]), flush=True)


if __name__ == "__main__":
    main()
