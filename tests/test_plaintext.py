"""A reader's text as words: pasted markup out, plain "<" and "&" kept."""

from __future__ import annotations

import pytest

from faqbot.plaintext import plain_text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "How big is the APAC AI market? <script>alert(1)</script>",
            "How big is the APAC AI market?",
        ),
        ("<b>hi</b> & <i>x</i> what is small ai?", "hi & x what is small ai?"),
        ("what is &lt;small ai&gt;", "what is <small ai>"),
        ("<p>what is</p><p>small ai?</p>", "what is small ai?"),
        ("<style>p {}</style>what<br>is small ai", "what is small ai"),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("<script>only()</script>", ""),
        # Not markup: kept as typed.
        ("is x<y true", "is x<y true"),
        ("is x<y and y>z", "is x<y and y>z"),
        ("5 < 6 & 7 > 2", "5 < 6 & 7 > 2"),
        ("AT&T and R&D", "AT&T and R&D"),
        ("plain  question ", "plain  question "),
    ],
)
def test_plain_text(text: str, words: str) -> None:
    assert plain_text(text) == words
