"""Telegram HTML and inline keyboards for answers, suggestions and topic browsing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape, unescape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from faqbot.constraints import Gap, GapKind
from faqbot.knowledge import Entry, KnowledgeBase
from faqbot.messages import Messages
from faqbot.smalltalk import SmallTalk
from faqbot.telegram.callbacks import Action, encode

MAX_MESSAGE_CHARS = 4096
MAX_BUTTON_CHARS = 60
TOPICS_PAGE_SIZE = 6


def escape_html(value: str) -> str:
    """Escape user- or knowledge-derived text for Telegram HTML."""
    return escape(value, quote=False)


def deep_link(bot_username: str, entry: Entry) -> str:
    """Link that opens this answer in a private chat with the bot (/start <entry_id>)."""
    return f"https://t.me/{bot_username}?start={entry.id}"


def answer_html(entry: Entry, messages: Messages, bot_username: str | None) -> str:
    """The answer, then where it comes from: article, section, quote, link."""
    article = entry.article
    lines = [
        f"<b>{escape_html(entry.question)}</b>",
        escape_html(entry.answer),
        "",
        f"<i>{messages.source}:</i> {escape_html(article.title)}"
        f" · {escape_html(entry.source.section)}",
        f"<blockquote>{escape_html(entry.source.quote)}</blockquote>",
    ]
    links = []
    if article.url:
        links.append(f'<a href="{escape(article.url)}">{messages.read_article}</a>')
    if bot_username:
        links.append(f'<a href="{escape(deep_link(bot_username, entry))}">{messages.share}</a>')
    if links:
        lines.append(" · ".join(links))
    return "\n".join(lines)


def gap_html(gap: Gap, shown: Sequence[str], messages: Messages) -> str:
    """What the article does not give, in the editors' words (values escaped)."""
    templates = {
        GapKind.NAME: messages.partial_name,
        GapKind.YEAR: messages.partial_year,
        GapKind.AMOUNT: messages.partial_amount,
        GapKind.FIGURE: messages.partial_figure,
        GapKind.DATE: messages.partial_date,
        GapKind.DURATION: messages.partial_duration,
        GapKind.NAMED: messages.partial_named,
    }
    return templates[gap.kind].format(values=", ".join(escape_html(v) for v in shown))


def partial_html(
    entry: Entry, gap: Gap, shown: Sequence[str], messages: Messages, bot_username: str | None
) -> str:
    """Say plainly what the article does not give, then the closest fact it does give."""
    return "\n".join(
        [
            gap_html(gap, shown, messages),
            messages.partial_closest,
            "",
            answer_html(entry, messages, bot_username),
        ]
    )


def smalltalk_html(kind: SmallTalk, messages: Messages, articles: str, bot_username: str) -> str:
    """The friendly reply to a greeting, thanks, goodbye or question about the bot."""
    template = {
        SmallTalk.GREETING: messages.smalltalk_greeting,
        SmallTalk.THANKS: messages.smalltalk_thanks,
        SmallTalk.BYE: messages.smalltalk_bye,
        SmallTalk.ACK: messages.smalltalk_ack,
        SmallTalk.ABOUT: messages.smalltalk_about,
    }[kind]
    return template.format(articles=escape_html(articles), bot=escape_html(bot_username))


def label(text: str) -> str:
    """Shorten a question to fit on a button."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_BUTTON_CHARS else text[: MAX_BUTTON_CHARS - 1].rstrip() + "…"


def button(text: str, action: Action, *args: str | int) -> InlineKeyboardButton:
    """A callback button (its data encoded, so checked against Telegram's limit)."""
    return InlineKeyboardButton(label(text), callback_data=encode(action, *args))


def entry_buttons(entries: Sequence[Entry], action: Action) -> list[list[InlineKeyboardButton]]:
    """One button per entry, each on its own row."""
    return [[button(e.question, action, e.id)] for e in entries]


def suggestions_keyboard(entries: Sequence[Entry]) -> InlineKeyboardMarkup:
    """Did-you-mean choices; pressing one turns the message into that answer."""
    return InlineKeyboardMarkup(entry_buttons(entries, Action.CHOICE))


def answer_keyboard(entry: Entry, related: Sequence[Entry]) -> InlineKeyboardMarkup:
    """Follow-up questions under an answer, then 👍/👎 feedback."""
    rows = entry_buttons(related, Action.ANSWER)
    rows.append(
        [button("👍", Action.VOTE, entry.id, "u"), button("👎", Action.VOTE, entry.id, "d")]
    )
    return InlineKeyboardMarkup(rows)


def _nav(
    messages: Messages, page: int, pages: int, action: Action, *before: int
) -> list[InlineKeyboardButton]:
    nav = []
    if page > 0:
        nav.append(button(messages.previous_page, action, *before, page - 1))
    if page < pages - 1:
        nav.append(button(messages.next_page, action, *before, page + 1))
    return nav


def _pages(count: int) -> int:
    return max(1, -(-count // TOPICS_PAGE_SIZE))


def sections_view(
    kb: KnowledgeBase, messages: Messages, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    """A page of the section list for /topics."""
    sections = list(kb.sections().items())
    pages = _pages(len(sections))
    page = min(max(page, 0), pages - 1)
    start = page * TOPICS_PAGE_SIZE
    rows = [
        [button(f"{name} ({len(entries)})", Action.SECTION, start + i, 0)]
        for i, (name, entries) in enumerate(sections[start : start + TOPICS_PAGE_SIZE])
    ]
    nav = _nav(messages, page, pages, Action.SECTIONS)
    if nav:
        rows.append(nav)
    return messages.topics_sections, InlineKeyboardMarkup(rows)


def section_view(
    kb: KnowledgeBase, messages: Messages, section: int, page: int
) -> tuple[str, InlineKeyboardMarkup] | None:
    """A page of one section's questions, or None when the section no longer exists."""
    sections = list(kb.sections().items())
    if not 0 <= section < len(sections):
        return None
    name, entries = sections[section]
    pages = _pages(len(entries))
    page = min(max(page, 0), pages - 1)
    start = page * TOPICS_PAGE_SIZE
    rows = entry_buttons(entries[start : start + TOPICS_PAGE_SIZE], Action.ANSWER)
    nav = _nav(messages, page, pages, Action.SECTION, section)
    if nav:
        rows.append(nav)
    rows.append([button(messages.back_to_sections, Action.SECTIONS, 0)])
    return messages.topics_entries.format(section=escape_html(name)), InlineKeyboardMarkup(rows)


_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
_BREAKS = ("\n\n", "\n", " ")


def visible_length(html_text: str) -> int:
    """Characters Telegram counts: the text after tags are removed and entities decoded."""
    return len(unescape(_TAG_RE.sub("", html_text)))


def _open_tags(fragment: str, stack: list[tuple[str, str]]) -> list[tuple[str, str]]:
    stack = list(stack)
    for closing, name, attrs in _TAG_RE.findall(fragment):
        if closing:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    del stack[i]
                    break
        else:
            stack.append((name, attrs))
    return stack


def _cut(html_text: str, limit: int) -> int:
    """Index at which to cut so the head is at most `limit` visible characters."""
    count = 0
    i = 0
    last_break = dict.fromkeys(_BREAKS, -1)
    while i < len(html_text) and count < limit:
        ch = html_text[i]
        if ch == "<":
            end = html_text.find(">", i)
            i = end + 1 if end != -1 else i + 1
            continue
        if ch == "&":
            end = html_text.find(";", i)
            i = end + 1 if end != -1 and end - i <= 10 else i + 1
            count += 1
            continue
        for brk in _BREAKS:
            if html_text.startswith(brk, i):
                last_break[brk] = i
        count += 1
        i += 1
    if i >= len(html_text):
        return len(html_text)
    for brk in _BREAKS:
        if last_break[brk] > 0:
            return last_break[brk]
    return i


def split_html(html_text: str, limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    """Split long HTML into messages Telegram accepts, closing and reopening tags at the cuts."""
    chunks: list[str] = []
    reopen: list[tuple[str, str]] = []
    rest = html_text
    while rest:
        prefix = "".join(f"<{name}{attrs}>" for name, attrs in reopen)
        budget = limit - visible_length(prefix)
        if visible_length(rest) <= budget:
            chunks.append(prefix + rest)
            break
        cut = _cut(rest, budget)
        head, rest = rest[:cut], rest[cut:].lstrip()
        stack = _open_tags(head, reopen)
        chunks.append(prefix + head.rstrip() + "".join(f"</{name}>" for name, _ in reversed(stack)))
        reopen = stack
    # A run of whitespace can leave a part with nothing to show; Telegram rejects those.
    return [c for c in chunks if unescape(_TAG_RE.sub("", c)).strip()]
