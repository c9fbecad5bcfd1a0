"""The admins' picture of the log: questions per day by decision, and the top unanswered groups.

Drawn with matplotlib's object API on the Agg canvas (no display, no pyplot state), so it
runs headless and in a worker thread. matplotlib is imported on first use: it takes about
half a second, which only /stats and `faqbot stats --png` should pay.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime

from anyascii import anyascii

from faqbot.storage import DayCounts

WIDTH_PX, HEIGHT_PX, DPI = 900, 700, 100
# Decision, label and colour of each stacked bar, bottom first.
SERIES = (
    ("answered", "answered", "#2e7d32"),
    ("partial", "answered in part", "#1565c0"),
    ("unsure", "unsure (did you mean)", "#ef6c00"),
    ("unanswered", "unanswered", "#c62828"),
)
MAX_GROUPS = 8


def _label(text: str, width: int = 48) -> str:
    """ASCII (the bundled font lacks emoji and many scripts), one line, at most width."""
    text = " ".join(anyascii(text).split())
    return text if len(text) <= width else text[: width - 3] + "..."


def stats_png(days: Sequence[DayCounts], groups: Sequence[tuple[str, int]]) -> bytes:
    """A PNG (900 x 700 px): stacked bars of questions per day, then the top unanswered
    groups as (label, count) pairs, most asked first."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)  # attaches itself: figure.savefig draws with Agg
    per_day, top = figure.subplots(2, 1, height_ratios=(3, 2))
    positions = list(range(len(days)))
    bottom = [0] * len(days)
    for field, name, colour in SERIES:
        heights = [getattr(d, field) for d in days]
        per_day.bar(positions, heights, bottom=bottom, color=colour, label=name, width=0.8)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    total = sum(d.total for d in days)
    per_day.set_title(f"Questions per day, last {len(days)} days ({total} in all)")
    ticks = positions[:: max(1, len(days) // 10)]
    per_day.set_xticks(
        ticks, [datetime.fromtimestamp(days[i].day, UTC).strftime("%b %d") for i in ticks]
    )
    per_day.set_ylabel("questions")
    per_day.legend(loc="upper left", fontsize="small")
    shown = list(groups[:MAX_GROUPS])
    if shown:
        labels = [_label(text) for text, _ in reversed(shown)]
        top.barh(range(len(shown)), [n for _, n in reversed(shown)], color="#c62828")
        top.set_yticks(range(len(shown)), labels, fontsize="small")
        top.set_xlabel("times asked")
    else:
        top.text(0.5, 0.5, "No unanswered questions", ha="center", va="center")
        top.set_axis_off()
    top.set_title("Top unanswered groups")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) in pixels from a PNG's header; raises ValueError if it is not a PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
