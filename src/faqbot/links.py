"""Deep links that open the bot in one article's conversation, and their QR codes.

A reader who starts the bot through ``https://t.me/<bot>?start=a-<article-id>`` is in that
article's conversation: their questions match that article first (see
:meth:`faqbot.matching.Matcher.match`). Telegram allows 1-64 characters from
[A-Za-z0-9_-] in a start parameter; article ids (lower-case letters, digits and dashes, at
most 40) always fit. QR codes are drawn with segno (pure Python, PNG without Pillow).
"""

from __future__ import annotations

import io
import re

from faqbot.knowledge import ID_PATTERN, Article

ARTICLE_PREFIX = "a-"
_START_PARAMETER = re.compile(r"[A-Za-z0-9_-]{1,64}")
# A Telegram username: 5-32 Latin letters, digits and underscores, a letter first.
_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{4,31}")


def bot_username(text: str) -> str:
    """The bot's username as an operator gives it ("@FaqBot" or "FaqBot"), without the
    "@"; ValueError when it cannot be a Telegram username (a link to it would go nowhere).
    """
    name = text.strip().removeprefix("@")
    if not _USERNAME.fullmatch(name):
        raise ValueError(
            f"{text!r} is not a Telegram username: 5-32 letters (a-z), digits or"
            " underscores, starting with a letter"
        )
    return name


def start_parameter(article: Article) -> str:
    """The /start parameter of an article's deep link: "a-<article-id>"."""
    parameter = ARTICLE_PREFIX + article.id
    if not _START_PARAMETER.fullmatch(parameter):
        raise ValueError(f"article id {article.id!r} does not fit a Telegram start parameter")
    return parameter


def article_from_start(parameter: str) -> str | None:
    """The article id a /start parameter names ("a-<id>"), or None for anything else."""
    if not parameter.startswith(ARTICLE_PREFIX):
        return None
    article_id = parameter.removeprefix(ARTICLE_PREFIX)
    return article_id if ID_PATTERN.fullmatch(article_id) else None


def deep_link(bot_username: str, article: Article) -> str:
    """https://t.me/<bot>?start=a-<article-id>"""
    return f"https://t.me/{bot_username.lstrip('@')}?start={start_parameter(article)}"


def qr_png(url: str, scale: int = 8) -> bytes:
    """A QR code of the link as PNG bytes (error correction M, a 4-module quiet zone)."""
    import segno

    code = segno.make(url, error="m")
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
