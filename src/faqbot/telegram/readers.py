"""Handlers for readers: questions in private chats, groups and inline mode, and browsing."""

from __future__ import annotations

import json
import logging
import re

from telegram import (
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest

from faqbot.flood import flood_key
from faqbot.knowledge import Entry
from faqbot.matching import Decision, MatchResult
from faqbot.storage import QuestionRecord, now
from faqbot.telegram.menus import set_staff_menu
from faqbot.telegram.render import (
    answer_html,
    answer_keyboard,
    escape_html,
    parse_callback,
    partial_html,
    section_view,
    sections_view,
    smalltalk_html,
    split_html,
    suggestions_keyboard,
)
from faqbot.telegram.services import BotContext, Services

logger = logging.getLogger(__name__)

INLINE_RESULTS = 10
MAX_QUESTION_CHARS = 4096


def is_not_modified(exc: BadRequest) -> bool:
    """Tell whether Telegram refused an edit only because nothing changed."""
    return "message is not modified" in exc.message.lower()


def render_answer(services: Services, entry: Entry) -> tuple[str, InlineKeyboardMarkup | None]:
    """The sourced answer and its follow-up buttons."""
    related = services.matcher.kb.related(entry)
    html = answer_html(entry, services.messages, services.bot_username)
    return html, answer_keyboard(entry, related)


def render_result(
    services: Services, result: MatchResult
) -> tuple[str, InlineKeyboardMarkup | None]:
    """Turn a match into reply text and buttons.

    An answer with its source; what the article does not give and the closest fact it
    does give; did-you-mean; a friendly word for small talk; or an honest no.
    """
    best = result.best
    if result.decision is Decision.ANSWER and best:
        return render_answer(services, best.entry)
    if result.decision is Decision.PARTIAL and best and result.gap:
        html = partial_html(
            best.entry, result.gap, result.gap_words, services.messages, services.bot_username
        )
        return html, answer_keyboard(best.entry, services.matcher.kb.related(best.entry))
    if result.decision is Decision.SUGGEST:
        entries = [c.entry for c in result.suggestions]
        return services.messages.did_you_mean, suggestions_keyboard(entries)
    if result.decision is Decision.SMALLTALK and result.smalltalk:
        titles = ", ".join(a.title for a in services.matcher.kb.articles)
        html = smalltalk_html(result.smalltalk, services.messages, titles, services.bot_username)
        return html, None
    return services.messages.unknown, None


async def send_html(
    message: Message, html: str, markup: InlineKeyboardMarkup | None, *, quote: bool
) -> Message:
    """Reply with HTML split to Telegram's limit; the buttons go on the last part."""
    parts = split_html(html)
    sent = message
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        sent = await message.reply_html(
            part, reply_markup=markup if last else None, do_quote=quote and i == 0
        )
    return sent


async def answer_question(
    update: Update, context: BotContext, question: str, *, quiet_smalltalk: bool = False
) -> None:
    """Match a question, reply (or edit the earlier reply to an edited question), log it.

    Small talk is never logged; with `quiet_smalltalk` (a group reply to the bot that asks
    nothing, "thanks, very useful!") it gets no reply either.
    """
    services = context.services
    message = update.effective_message
    user = update.effective_user
    chat = update.effective_chat
    if message is None or chat is None:
        return
    question = question.strip()[:MAX_QUESTION_CHARS]
    if not question:
        await message.reply_html(services.messages.ask_usage)
        return
    sender_chat = message.sender_chat.id if message.sender_chat else None
    verdict = services.flood.check(flood_key(user.id if user else None, sender_chat, chat.id))
    if not verdict.allowed:
        if verdict.notify:
            await message.reply_html(services.messages.flood.format(seconds=verdict.retry_after))
        return
    result = services.matcher.match(question)
    best = result.best
    if result.decision is Decision.SMALLTALK:
        if quiet_smalltalk:
            return
    else:
        shown = result.decision in (Decision.ANSWER, Decision.PARTIAL)
        services.log_question(
            QuestionRecord(
                asked_at=now(),
                chat_type=chat.type,
                user_hash=services.store.hash_user(user.id if user else None),
                text=question,
                decision=result.decision.value,
                entry_id=best.entry.id if best and shown else None,
                score=best.score if best else 0.0,
                choices=json.dumps([c.entry.id for c in result.suggestions])
                if result.suggestions
                else None,
            )
        )
    html, markup = render_result(services, result)
    # Suggestions quote the question so a pressed button can tell which question it answers.
    quote = chat.type != ChatType.PRIVATE or result.decision is Decision.SUGGEST
    if update.edited_message is not None:
        previous = services.replies.get(chat.id, message.message_id)
        if previous is not None:
            try:
                await context.bot.edit_message_text(
                    split_html(html)[0],
                    chat_id=chat.id,
                    message_id=previous,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup,
                )
            except BadRequest as exc:
                if not is_not_modified(exc):
                    raise
            return
    sent = await send_html(message, html, markup, quote=quote)
    services.replies.remember(chat.id, message.message_id, sent.message_id)


async def start(update: Update, context: BotContext) -> None:
    """Greet the reader, or open the answer a deep link points to."""
    services = context.services
    message = update.effective_message
    if message is None:
        return
    entry = services.matcher.kb.get(context.args[0]) if context.args else None
    if entry is not None:
        html, markup = render_answer(services, entry)
        await send_html(message, html, markup, quote=False)
        return
    await message.reply_html(_fill(services, services.messages.welcome))
    user = update.effective_user
    if user and services.settings.is_editor(user.id) and message.chat.type == ChatType.PRIVATE:
        # Staff who start the bot after it booted get their command menu now.
        await set_staff_menu(context.bot, services.settings, user.id)


async def help_command(update: Update, context: BotContext) -> None:
    """Explain how to ask, browse and share."""
    if update.effective_message:
        services = context.services
        await update.effective_message.reply_html(_fill(services, services.messages.help))


def _fill(services: Services, template: str) -> str:
    titles = ", ".join(a.title for a in services.matcher.kb.articles)
    return template.format(articles=escape_html(titles), bot=escape_html(services.bot_username))


async def topics(update: Update, context: BotContext) -> None:
    """Show the first page of sections to browse."""
    if update.effective_message:
        html, markup = sections_view(context.services.matcher.kb, context.services.messages, 0)
        await update.effective_message.reply_html(html, reply_markup=markup)


async def ask(update: Update, context: BotContext) -> None:
    """Answer /ask <question> (the way to ask in groups)."""
    if update.effective_message:
        await answer_question(update, context, " ".join(context.args or []))


async def private_text(update: Update, context: BotContext) -> None:
    """Treat any text in a private chat as a question."""
    message = update.effective_message
    if message and message.text:
        await answer_question(update, context, message.text)


def _is_ask(text: str) -> bool:
    """Tell whether a message is the /ask command (possibly /ask@BotName)."""
    return text.startswith("/") and text.partition(" ")[0].split("@")[0] == "/ask"


def _asked_text(message: Message | None, username: str) -> str | None:
    """The question a reader asked in a message, without /ask or a mention of the bot."""
    if message is None or not message.text:
        return None
    words = message.text
    if words.startswith("/"):
        words = words.partition(" ")[2]
    words = re.sub(rf"@{re.escape(username)}\b", " ", words, flags=re.IGNORECASE)
    return " ".join(words.split()) or None


def _addressed_to_bot(message: Message, bot_id: int, username: str) -> str | None:
    """The question in a group message meant for the bot (reply or mention), else None."""
    reply = message.reply_to_message
    addressed = bool(reply and reply.from_user and reply.from_user.id == bot_id)
    mention = f"@{username}".casefold()
    addressed = addressed or any(
        value.casefold() == mention
        for value in message.parse_entities([MessageEntity.MENTION]).values()
    )
    addressed = addressed or any(
        entity.user is not None and entity.user.id == bot_id
        for entity in message.parse_entities([MessageEntity.TEXT_MENTION])
    )
    return _asked_text(message, username) if addressed else None


async def group_text(update: Update, context: BotContext) -> None:
    """Answer group messages that reply to or mention the bot; ignore the rest unlogged."""
    message = update.effective_message
    if message is None:
        return
    question = _addressed_to_bot(message, context.bot.id, context.services.bot_username)
    if question is not None:
        # A reply or mention that only chats ("thanks, very useful!") is not a question.
        await answer_question(update, context, question, quiet_smalltalk=True)


async def edited(update: Update, context: BotContext) -> None:
    """Answer an edited question again, editing the earlier reply."""
    message = update.edited_message
    if message is None or not message.text:
        return
    username = context.services.bot_username
    if _is_ask(message.text) or (
        message.chat.type == ChatType.PRIVATE and not message.text.startswith("/")
    ):
        question = _asked_text(message, username)
    else:
        question = _addressed_to_bot(message, context.bot.id, username)
    if question is not None:
        quiet = message.chat.type != ChatType.PRIVATE and not _is_ask(message.text)
        await answer_question(update, context, question, quiet_smalltalk=quiet)


async def non_text(update: Update, context: BotContext) -> None:
    """Tell readers who send stickers, photos or voice that only text works."""
    if update.effective_message:
        await update.effective_message.reply_html(context.services.messages.non_text)


async def unknown_command(update: Update, context: BotContext) -> None:
    """Answer commands the bot does not have (and editor commands for non-editors)."""
    if update.effective_message:
        await update.effective_message.reply_html(context.services.messages.unknown_command)


async def reader_button(update: Update, context: BotContext) -> None:
    """Handle did-you-mean, related-question and topic-browsing buttons."""
    query = update.callback_query
    if query is None:
        return
    services = context.services
    kb = services.matcher.kb
    callback = parse_callback(query.data)
    message = query.message if isinstance(query.message, Message) else None
    if callback is None or message is None:
        await query.answer(services.messages.stale_button)
        return
    if callback.kind == "v":
        await _vote(update, context, callback.args[0], callback.args[1] == "u")
        return
    view: tuple[str, InlineKeyboardMarkup | None] | None
    if callback.kind in ("d", "a"):
        entry = kb.get(callback.args[0])
        if entry is None:
            await query.answer(services.messages.stale_button)
            return
        html, markup = render_answer(services, entry)
        if callback.kind == "a":
            await query.answer()
            await send_html(message, html, markup, quote=False)
            return
        # The reader chose this entry for their question: editors may approve the pairing.
        asked = _asked_text(message.reply_to_message, services.bot_username)
        if asked:
            user = update.effective_user
            services.store.choose(
                entry.id, asked, services.store.hash_user(user.id if user else None)
            )
        view = (html, markup)
    elif callback.kind == "ts":
        view = sections_view(kb, services.messages, int(callback.args[0]))
    else:
        view = section_view(kb, services.messages, int(callback.args[0]), int(callback.args[1]))
    if view is None:
        await query.answer(services.messages.stale_button)
        return
    await query.answer()
    try:
        await query.edit_message_text(view[0], parse_mode=ParseMode.HTML, reply_markup=view[1])
    except BadRequest as exc:
        if not is_not_modified(exc):
            raise


async def _vote(update: Update, context: BotContext, entry_id: str, up: bool) -> None:
    """Store a 👍/👎; pressing again (or the other one) changes the reader's vote."""
    services = context.services
    query = update.callback_query
    user = update.effective_user
    if query is None:
        return
    user_hash = services.store.hash_user(user.id if user else None)
    entry = services.matcher.kb.get(entry_id)
    if user_hash is None or entry is None:
        await query.answer(services.messages.stale_button)
        return
    # The question behind the answer: the reader's message it replies to (an answer to a
    # question, or did-you-mean turned into one); else the entry's own question (reached
    # through a related-question button or a link).
    message = query.message if isinstance(query.message, Message) else None
    asked = _asked_text(message.reply_to_message if message else None, services.bot_username)
    services.store.vote(user_hash, entry_id, 1 if up else -1, asked, entry.question)
    await query.answer(services.messages.vote_thanks)


async def whoami(update: Update, context: BotContext) -> None:
    """Tell any user their Telegram id, so an admin can be configured."""
    message = update.effective_message
    if message and update.effective_user:
        await message.reply_html(
            context.services.messages.whoami.format(id=update.effective_user.id)
        )


async def inline_query(update: Update, context: BotContext) -> None:
    """Offer ranked, sourced answers in any chat; an empty query shows the most-asked topics."""
    query = update.inline_query
    if query is None:
        return
    services = context.services
    kb = services.matcher.kb
    words = query.query.strip()
    if words:
        threshold = services.matcher.settings.suggest_threshold
        ranked = services.matcher.rank(words, limit=INLINE_RESULTS)
        entries = [c.entry for c in ranked if c.score >= threshold]
    else:
        top = [kb.get(entry_id) for entry_id, _ in await services.store.top_entries(INLINE_RESULTS)]
        entries = [e for e in top if e is not None]
        entries += [e for e in kb.entries if e not in entries][: INLINE_RESULTS - len(entries)]
    results = [
        InlineQueryResultArticle(
            id=entry.id,
            title=entry.question,
            description=entry.answer[:120],
            input_message_content=InputTextMessageContent(
                answer_html(entry, services.messages, services.bot_username),
                parse_mode=ParseMode.HTML,
            ),
        )
        for entry in entries
    ]
    await query.answer(
        results,
        cache_time=30,
        button=InlineQueryResultsButton(
            text=services.messages.inline_button, start_parameter="help"
        ),
    )
