"""Every evaluation question gets the decision and entry the golden file records."""

from __future__ import annotations

import difflib

from tests.golden import GOLDEN, shipped_matcher, snapshot


def test_answers_match_the_golden_file() -> None:
    expected = GOLDEN.read_text(encoding="utf-8")
    actual = snapshot(shipped_matcher())
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True), "golden", "now"
        )
    )
    # A change that means to change answers regenerates it: python -m tests.golden
    assert not diff, diff[:4000]
