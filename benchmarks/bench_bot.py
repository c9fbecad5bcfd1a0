"""Burst throughput of the real bot process through the Bot API emulator.

Run: python -m benchmarks.bench_bot [messages] [chats]  (prints a table; not a test)
Telegram's own outgoing limits and the per-user flood guard are lifted here so the
figures measure the bot, not the limits.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.botprocess import BotProcess
from tests.emulator import Emulator, State

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


def main(total: int = 5000, chats: int = 200) -> None:
    """Push `total` questions from `chats` private chats at once; report rate and latency."""
    emu = Emulator().start()
    tmp = Path(tempfile.mkdtemp(prefix="faqbot-bench-"))
    bot = BotProcess(
        emu,
        tmp,
        {
            "FAQBOT_OUTGOING_PER_SECOND": "1000000",
            "FAQBOT_FLOOD_LIMIT": "1000000",
            "FAQBOT_LOG_LEVEL": "WARNING",
        },
    ).start()
    try:
        chat_objs = [emu.private_chat(10_000 + i) for i in range(chats)]
        asked: dict[int, list[float]] = {c["id"]: [] for c in chat_objs}
        start = time.monotonic()
        for n in range(total):
            chat = chat_objs[n % chats]
            asked[chat["id"]].append(time.monotonic())
            emu.send(chat, chat["id"], QUESTIONS[n % len(QUESTIONS)])
        pushed = time.monotonic()

        def done(state: State) -> bool:
            return len(state.sent) >= total

        emu.wait_for(done, timeout=600)
        finished = time.monotonic()
        latencies = []
        for chat_id, times in asked.items():
            replies = sorted(m.sent_at for m in emu.replies(chat_id))
            latencies += [(r - q) * 1000 for q, r in zip(times, replies, strict=True)]
        latencies.sort()
        p99 = latencies[int(len(latencies) * 0.99) - 1]
        print("| messages | chats | push s | total s | updates/s | p50 ms | p99 ms | errors |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        print(
            f"| {total} | {chats} | {pushed - start:.2f} | {finished - start:.2f}"
            f" | {total / (finished - start):.0f} | {statistics.median(latencies):.0f}"
            f" | {p99:.0f} | {len(emu.state.errors)} |"
        )
    finally:
        bot.stop()
        emu.stop()


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
