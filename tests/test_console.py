"""What `faqbot draft` shows the editor: the summary table and, for long inputs, progress."""

from __future__ import annotations

import io
from dataclasses import replace

from faqbot.article import parse_text
from faqbot.console import LONG_INPUT_BLOCKS, DraftProgress, print_summary
from faqbot.draft import draft
from tests.conftest import ARTICLE


def test_summary_lists_kinds_uncovered_figures_and_next_step() -> None:
    result = draft(parse_text(ARTICLE.read_text("utf-8")), "asia-ai-battle-lines")
    result = replace(result, uncovered=("Sales rose 5% [sic].",), dropped_alternates=2)
    stream = io.StringIO()
    print_summary(result, "faq/a.yaml", "article.txt", stream)
    text = stream.getvalue()
    assert f"Draft of article.txt: {len(result.entries)} entries" in text
    for kind in ("faq", "table row", "quotation", "list", "figure", "conclusion", "total"):
        assert kind in text
    assert "sentences with figures not covered: 1\n  - Sales rose 5% [sic].\n" in text
    assert (
        "alternates dropped (they led nowhere, to another entry or to a partial answer): 2" in text
    )
    assert "next: faqbot check faq/a.yaml --article article.txt" in text


def test_progress_bar_only_for_long_inputs() -> None:
    assert not DraftProgress(LONG_INPUT_BLOCKS).shown
    stream = io.StringIO()
    long_article = "Title\n" + "\n".join(
        f"Plant {i} reached {i} GWh in 2024." for i in range(LONG_INPUT_BLOCKS + 1)
    )
    document = parse_text(long_article)
    with DraftProgress(len(document.blocks), stream) as progress:
        assert progress.shown
        result = draft(document, "long", progress=progress.update)
    assert len(result.entries) > LONG_INPUT_BLOCKS
