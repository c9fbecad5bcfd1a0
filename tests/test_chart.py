"""The stats picture: a PNG of the right size, drawn from the log's counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from faqbot.chart import HEIGHT_PX, WIDTH_PX, png_size, stats_png
from faqbot.storage import DayCounts, QuestionRecord, Store

DAY = 86_400


def days(unanswered: int) -> list[DayCounts]:
    return [DayCounts(1_700_000_000 + i * DAY, 5, 1, 2, unanswered) for i in range(30)]


def test_a_png_of_the_documented_size() -> None:
    data = stats_png(days(3), [("#12 weather in bangkok", 4), ("#3 who is the author 😀", 2)])
    assert png_size(data) == (WIDTH_PX, HEIGHT_PX)


def test_the_picture_follows_the_counts() -> None:
    assert stats_png(days(3), []) != stats_png(days(9), [])


def test_not_a_png() -> None:
    with pytest.raises(ValueError, match="not a PNG"):
        png_size(b"GIF89a")


async def test_daily_counts_come_from_the_log(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "log.sqlite3")
    try:
        at = 1_700_000_000
        today = at - at % DAY
        for decision, when in (("answer", today), ("none", today), ("partial", today - DAY)):
            store.log(QuestionRecord(when + 5, "private", "u", "q", decision, None, 1.0))
        store.log(QuestionRecord(today - 40 * DAY, "private", "u", "old", "none", None, 1.0))
        counts = await store.daily(30, at=at)
    finally:
        await store.close()
    assert len(counts) == 30
    assert counts[-1].day == today
    assert (counts[-1].answered, counts[-1].unanswered, counts[-1].total) == (1, 1, 2)
    assert counts[-2].partial == 1
    assert sum(c.total for c in counts) == 3  # 40 days ago is outside the window
