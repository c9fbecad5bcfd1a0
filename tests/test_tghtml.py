"""Telegram's HTML subset: what the Bot API accepts passes, what it refuses is named."""

from __future__ import annotations

import pytest

from faqbot.tghtml import problems, text_of


@pytest.mark.parametrize(
    "text",
    [
        "plain text",
        "<b>bold</b> <i>it</i> <u>u</u> <s>s</s> <code>c</code> <pre>p</pre>",
        '<a href="https://t.me/x">link</a> &lt;tag&gt; &amp; &quot; &#128077;',
        '<span class="tg-spoiler">s</span> <tg-spoiler>s</tg-spoiler>',
        "<blockquote>quote</blockquote> <blockquote expandable>more</blockquote>",
        "<b>nested <i>tags</i></b>",
    ],
)
def test_accepted(text: str) -> None:
    assert problems(text) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("line<br>break", "tag <br> is not allowed"),
        ("line<br/>break", "self-closing"),
        ("<b>open", "<b> is never closed"),
        ("<b><i>x</b></i>", "does not close the last open tag"),
        ("<a>no link</a>", 'needs href="..."'),
        ('<b class="x">x</b>', "cannot have the attribute 'class'"),
        ("<span>x</span>", 'needs class="tg-spoiler"'),
        ("fish & chips", 'bare "&"'),
        ("1 < 2", 'bare "<"'),
        ("&nbsp;", "not an entity Telegram knows"),
        ("<!-- note -->", "comments"),
    ],
)
def test_refused_with_a_reason(text: str, message: str) -> None:
    assert any(message in p for p in problems(text)), problems(text)


def test_text_of_is_the_words_without_markup() -> None:
    assert text_of("The article mentions <b>Japan &amp; Korea</b>, &lt;sic&gt;.") == (
        "The article mentions Japan & Korea, <sic>."
    )
    assert text_of('<a href="https://x.org">Read</a> · <i>Source:</i> T') == "Read · Source: T"
    assert text_of("plain") == "plain"
