"""The empty inline query's "most asked" entries at a large question log, old query beside.

Run: python -m benchmarks.bench_mostasked [rows]  (default 1,000,000; prints a table)

The log is filled with `rows` questions (half answered, over 200 entries). "old" is the
GROUP BY over the whole log that top_entries ran before; "faqbot" is Store.top_entries,
which scans the log once (its first call) and then keeps the counts as rows are written.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from faqbot.storage import QuestionRecord, Store

OLD_QUERY = (
    "SELECT entry_id, COUNT(*) AS n FROM questions"
    " WHERE decision = 'answer' AND entry_id IS NOT NULL"
    " GROUP BY entry_id ORDER BY n DESC, entry_id LIMIT ?"
)
ENTRIES = 200
RUNS = 15


def fill(path: Path, rows: int) -> None:
    """Write `rows` question rows straight into a migrated log."""
    decisions = ("answer", "none", "answer", "suggest")
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.executemany(
            "INSERT INTO questions (asked_at, chat_type, user_hash, text, decision, entry_id,"
            " score) VALUES (?, 'private', 'h', ?, ?, ?, 50)",
            (
                (
                    1_700_000_000 + i,
                    f"question {i}",
                    decisions[i % 4],
                    f"entry-{(i * 7919) % ENTRIES}" if decisions[i % 4] == "answer" else None,
                )
                for i in range(rows)
            ),
        )
        db.commit()


async def median_ms(call: Callable[[], Awaitable[object]]) -> float:
    """Median wall time of `call` in milliseconds over RUNS runs."""
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


async def run(rows: int) -> None:
    """Fill a log, then time the old query and top_entries."""
    path = Path(tempfile.mkdtemp(prefix="faqbot-mostasked-")) / "log.sqlite3"
    store = await Store.open(path)
    await store.close()
    fill(path, rows)
    store = await Store.open(path)
    try:

        async def old() -> list[tuple[str, int]]:
            async with store.db.execute(OLD_QUERY, (10,)) as cursor:
                return [(str(e), int(n)) for e, n in await cursor.fetchall()]

        start = time.perf_counter()
        first = await store.top_entries(10)
        first_ms = (time.perf_counter() - start) * 1000
        assert first == await old(), "top_entries and the old query disagree"
        old_ms = await median_ms(old)
        new_ms = await median_ms(lambda: store.top_entries(10))
        store.log(QuestionRecord(1_800_000_000, "private", "h", "new", "answer", "entry-1", 60.0))
        await store.flush()
        assert await store.top_entries(10) == await old(), "counts fell behind the log"
        after_ms = await median_ms(lambda: store.top_entries(10))
    finally:
        await store.close()
    print("| logged questions | query | median ms |")
    print("|---:|---|---:|")
    print(f"| {rows:,} | old: GROUP BY over the log | {old_ms:.1f} |")
    print(f"| {rows:,} | faqbot, first call (one scan) | {first_ms:.1f} |")
    print(f"| {rows:,} | faqbot, in-memory counts | {new_ms:.3f} |")
    print(f"| {rows:,} | faqbot, after a question is logged | {after_ms:.3f} |")


if __name__ == "__main__":
    asyncio.run(run(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000))
