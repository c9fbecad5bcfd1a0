"""Handlers for readers: questions in private chats, groups and inline mode, and browsing.

Many articles: a chat is "reading" an article once it came through the article's deep link
(``/start a-<article-id>``), a link to one of its answers, or picked it (/articles, or the
choice of articles under a question that fits several). Its questions then match that
article first. The article belongs to the chat: in a private chat to the reader; in a group
to everyone in it (a group usually discusses one article, and every answer is shown to all,
so they share it; anyone may switch, and the bot says so). It is kept through restarts
(services.reading, faqbot.reading: by a keyed hash of the chat id, in memory and in the
database). An article no longer served after /reload is ignored silently: the chat asks in
every article, as a chat with no article does (the choice of articles shows what is there),
and is back in its article if a later /reload serves it again.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, date, datetime

from telegram import (
    CallbackQuery,
    InlineQueryResultsButton,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatType

from faqbot.flood import flood_key
from faqbot.followup import follow_up
from faqbot.knowledge import Article, Entry, KnowledgeBase
from faqbot.links import article_from_start
from faqbot.matching import Decision
from faqbot.plaintext import plain_text
from faqbot.review import question_article
from faqbot.smalltalk import picked_choice
from faqbot.storage import QuestionRecord, now
from faqbot.telegram.callbacks import Action, Callback, decode
from faqbot.telegram.menus import set_staff_menu
from faqbot.telegram.render import (
    View,
    answer_view,
    article_intro,
    articles_view,
    fill,
    inline_answer,
    inline_view,
    result_view,
    section_view,
    sections_view,
)
from faqbot.telegram.replies import edit_html, send_html, show
from faqbot.telegram.services import BotContext

logger = logging.getLogger(__name__)

INLINE_RESULTS = 10
# The /start parameter of the inline results' button: the plain welcome.
HELP_PARAMETER = "help"
MAX_QUESTION_CHARS = 4096


async def reading(update: Update, context: BotContext, kb: KnowledgeBase) -> Article | None:
    """The article the chat is reading, if any and still served (none in inline mode)."""
    chat = update.effective_chat
    article_id = await context.services.reading.get(chat.id if chat else None)
    return kb.article(article_id) if article_id is not None else None


def _read(update: Update, context: BotContext, article: Article) -> None:
    """From now on the chat is reading this article (kept through restarts; queued write)."""
    chat = update.effective_chat
    if chat is not None:
        context.services.reading.set(chat.id, article.id)


async def answer_question(
    update: Update, context: BotContext, question: str, *, quiet_smalltalk: bool = False
) -> None:
    """Match a question, reply (or edit the earlier reply to an edited question), log it.

    Small talk is never logged; with `quiet_smalltalk` (a group reply to the bot that asks
    nothing, "thanks, very useful!", "you're wrong") it gets no reply either; small talk
    that asks ("what is this about?", "that's not what I asked") is answered.
    """
    services = context.services
    message = update.effective_message
    user = update.effective_user
    chat = update.effective_chat
    if message is None or chat is None:
        return
    question = question.strip()[:MAX_QUESTION_CHARS]
    # Matched without markup pasted into it; logged (and echoed, escaped) as asked.
    words = plain_text(question)
    if not words:
        await message.reply_html(services.messages.ask_usage)
        return
    sender_chat = message.sender_chat.id if message.sender_chat else None
    verdict = services.flood.check(
        flood_key(user.id if user else None, sender_chat, chat.id), chat.id
    )
    live = services.live
    article = await reading(update, context, live.kb)
    context_id = article.id if article is not None else None
    store = services.store
    message_hash = store.hash_message(chat.id, message.message_id)
    if not verdict.allowed:
        # Logged, never lost, but not matched: the limit is a defence, so a flood costs no
        # matching. 'flooded' rows count apart in the stats and stay out of the queue: the
        # reader is told when to ask again (once per burst), and a question asked again is
        # matched and queued as usual.
        services.log_question(
            QuestionRecord(
                asked_at=now(),
                chat_type=chat.type,
                user_hash=store.hash_user(user.id if user else None),
                text=question,
                decision="flooded",
                entry_id=None,
                score=0.0,
                article_id=context_id,
                message_hash=message_hash,
            )
        )
        if verdict.notify:
            await message.reply_html(services.messages.flood.format(seconds=verdict.retry_after))
        return
    offered = _replied_choices(message, context.bot.id)
    picked = picked_choice(words) if offered and update.edited_message is None else None
    if offered and picked is not None:
        # "2", "the first one" in reply to did-you-mean: as the button (not a question).
        await _answer_pick(update, context, offered, picked)
        return
    answered = _replied_answer(message, context.bot.id, live.kb)
    followed = None  # the answer a follow-up was asked in the context of
    if answered is not None:
        # A reply to one of the bot's answers asks in its context: "and in 2030?".
        result, in_context = follow_up(
            live.matcher, words, answered, context_id, today=_day_of(message)
        )
        # A reply that is a question of its own ("jobs") is no follow-up for the editors.
        followed = answered if in_context else None
    else:
        result = live.matcher.match(words, article=context_id, today=_day_of(message))
    best = result.best
    if update.edited_message is not None:
        # The reader asks the new wording instead: the earlier rows of this message leave
        # the editors' queue (queued before the new row is logged, so it stays).
        store.edited(message_hash)
    if result.decision is Decision.SMALLTALK:
        if quiet_smalltalk and not (result.smalltalk and result.smalltalk.asks):
            return
    else:
        shown = result.decision in (Decision.ANSWER, Decision.PARTIAL)
        services.log_question(
            QuestionRecord(
                asked_at=now(),
                chat_type=chat.type,
                user_hash=store.hash_user(user.id if user else None),
                text=question,
                decision=result.decision.value,
                entry_id=best.entry.id if best and shown else None,
                score=best.score if best else 0.0,
                choices=json.dumps([c.entry.id for c in result.suggestions])
                if result.suggestions
                else None,
                article_id=question_article(result, context_id, live.kb),
                message_hash=message_hash,
                # What a follow-up followed (its wording alone does not say): the entry id.
                follows=followed.id if followed is not None else None,
            )
        )
    view = result_view(live.kb, result, services.messages, services.bot_username, article)
    if update.edited_message is not None:
        previous = services.replies.get(chat.id, message.message_id)
        if previous is not None:
            await edit_html(context.bot, chat.id, previous, view)
            return
    # Suggestions (of answers or of articles) quote the question so a pressed button can
    # tell which question it answers.
    quote = chat.type != ChatType.PRIVATE or result.decision is Decision.SUGGEST
    sent = await send_html(message, *view, quote=quote)
    services.replies.remember(
        chat.id, message.message_id, sent.message_id, user.id if user else None
    )


def _replied_choices(message: Message, bot_id: int) -> tuple[Action, list[str]] | None:
    """The choices under the bot's message this one replies to, in order: did-you-mean
    (CHOICE: entry ids) or which article (PICK: article ids); None for a reply to anything
    else."""
    replied = message.reply_to_message
    if replied is None or replied.from_user is None or replied.from_user.id != bot_id:
        return None
    markup = replied.reply_markup
    found: dict[Action, list[str]] = {}
    for row in markup.inline_keyboard if markup is not None else ():
        for pressed in row:
            data = pressed.callback_data
            callback = decode(data) if isinstance(data, str) else None
            if callback is not None and callback.action in (Action.CHOICE, Action.PICK):
                found.setdefault(callback.action, []).append(callback.args[0])
    return next(iter(found.items()), None)


async def _answer_pick(
    update: Update, context: BotContext, offered: tuple[Action, list[str]], picked: int
) -> None:
    """A reply picking one of the bot's choices by its position ("2", "the first one"; -1:
    the last): a did-you-mean choice is answered as its button is (a new message, and the
    choice filed for editors against the question that did-you-mean answered, when the
    bot still knows which and this reader asked it); an article, or a position there is
    none at, gets a hint to press a button.

    The choices belong to who asked, as the buttons do: in a group, another member's pick
    is ignored (no reply, nothing filed). When the bot no longer knows the question (a
    restart), the pick is answered and nothing is filed."""
    services = context.services
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None:
        return
    user = update.effective_user
    replied = message.reply_to_message
    known = services.replies.asked(chat.id, replied.message_id) if replied else None
    question_id, asker = known if known is not None else (None, None)
    mine = asker is not None and user is not None and user.id == asker
    if chat.type != ChatType.PRIVATE and asker is not None and not mine:
        return  # a stranger's pick of another member's choices: theirs to make
    action, ids = offered
    index = picked - 1 if picked > 0 else len(ids) - 1
    kb = services.live.kb
    entry = kb.get(ids[index]) if action is Action.CHOICE and 0 <= index < len(ids) else None
    quote = chat.type != ChatType.PRIVATE
    if entry is None:
        hint = services.messages.pick_a_button.format(count=len(ids))
        await send_html(message, hint, quote=quote)
        return
    _read(update, context, entry.article)
    if question_id is not None and mine and user is not None:
        store = services.store
        store.pick(entry.id, store.hash_user(user.id), store.hash_message(chat.id, question_id))
    view = answer_view(kb, entry, services.messages, services.bot_username)
    sent = await send_html(message, *view, quote=quote)
    services.replies.remember(
        chat.id, message.message_id, sent.message_id, user.id if user else None
    )


# The 👍/👎 buttons: under an answer, and under a partial reply (its closest fact).
_VOTES = frozenset({Action.VOTE, Action.VOTE_PARTIAL})


def _replied_answer(message: Message, bot_id: int, kb: KnowledgeBase) -> Entry | None:
    """The entry of the bot's answer (or partial answer) this message replies to, read from
    the 👍/👎 buttons under it (they name the entry; kept by Telegram with the message, so
    through restarts); None for a reply to anything else, or to an entry no longer served."""
    replied = message.reply_to_message
    if replied is None or replied.from_user is None or replied.from_user.id != bot_id:
        return None
    markup = replied.reply_markup
    for row in markup.inline_keyboard if markup is not None else ():
        for pressed in row:
            data = pressed.callback_data
            callback = decode(data) if isinstance(data, str) else None
            if callback is not None and callback.action in _VOTES:
                return kb.get(callback.args[0])
    return None


async def start(update: Update, context: BotContext) -> None:
    """Greet the reader; or open the answer a deep link points to, or the article's
    conversation (``a-<article-id>``); either way the chat now reads that article."""
    services = context.services
    message = update.effective_message
    if message is None:
        return
    kb = services.live.kb
    parameter = context.args[0] if context.args else ""
    article_id = article_from_start(parameter)
    article = kb.article(article_id) if article_id is not None else None
    entry = kb.get(parameter) if parameter and article is None else None
    if article is not None:
        _read(update, context, article)
        await message.reply_html(article_intro(article, services.messages))
        return
    if entry is not None:
        _read(update, context, entry.article)
        await send_html(
            message, *answer_view(kb, entry, services.messages, services.bot_username), quote=False
        )
        return
    if article_id is not None:
        await message.reply_html(services.messages.unknown_article)
        return
    welcome = fill(services.messages.welcome, kb, services.bot_username)
    if parameter and parameter != HELP_PARAMETER:
        # Not a link of ours ("a-", "garbage!!"), or to an answer no longer there.
        welcome = f"{services.messages.bad_link}\n\n{welcome}"
    await message.reply_html(welcome)
    user = update.effective_user
    if user and services.settings.is_editor(user.id) and message.chat.type == ChatType.PRIVATE:
        # Staff who start the bot after it booted get their command menu now.
        await set_staff_menu(context.bot, services.settings, user.id)


async def help_command(update: Update, context: BotContext) -> None:
    """Explain how to ask, browse and share."""
    if update.effective_message:
        services = context.services
        text = fill(services.messages.help, services.live.kb, services.bot_username)
        await update.effective_message.reply_html(text)


async def topics(update: Update, context: BotContext) -> None:
    """Show the first page of sections to browse: of the article the chat is reading; with
    several articles and none being read, the articles to browse first."""
    if update.effective_message:
        kb = context.services.live.kb
        article = await reading(update, context, kb) if len(kb.articles) > 1 else None
        html, markup = sections_view(
            kb, context.services.messages, 0, article.id if article is not None else None
        )
        await update.effective_message.reply_html(html, reply_markup=markup)


async def articles(update: Update, context: BotContext) -> None:
    """List the articles, newest first, with their links and a button to ask about each."""
    message = update.effective_message
    if message is None:
        return
    services = context.services
    kb = services.live.kb
    article = await reading(update, context, kb)
    view = articles_view(
        kb, services.messages, services.bot_username, 0, article.id if article else None
    )
    await send_html(message, *view, quote=False)


async def ask(update: Update, context: BotContext) -> None:
    """Answer /ask <question> (the way to ask in groups)."""
    if update.effective_message:
        await answer_question(update, context, " ".join(context.args or []))


def _words(message: Message | None) -> str | None:
    """What a message says: its text, or the caption of its photo, video or document."""
    return (message.text or message.caption) if message is not None else None


async def private_text(update: Update, context: BotContext) -> None:
    """Treat any text (or caption) in a private chat as a question."""
    words = _words(update.effective_message)
    if words:
        await answer_question(update, context, words)


def _asked_text(message: Message | None, username: str) -> str | None:
    """The question a reader asked in a message (its text or caption), without /ask or a
    mention of the bot."""
    words = _words(message)
    if not words:
        return None
    if words.startswith("/"):
        words = words.partition(" ")[2]
    words = re.sub(rf"@{re.escape(username)}\b", " ", words, flags=re.IGNORECASE)
    return " ".join(words.split()) or None


def _addressed_to_bot(message: Message, bot_id: int, username: str) -> str | None:
    """The question in a group message meant for the bot (reply or mention): "" when it
    asks nothing (a bare mention); None when it is not meant for the bot."""
    reply = message.reply_to_message
    addressed = bool(reply and reply.from_user and reply.from_user.id == bot_id)
    mention = f"@{username}".casefold()
    parse = message.parse_entities if message.text else message.parse_caption_entities
    addressed = addressed or any(
        value.casefold() == mention for value in parse([MessageEntity.MENTION]).values()
    )
    addressed = addressed or any(
        entity.user is not None and entity.user.id == bot_id
        for entity in parse([MessageEntity.TEXT_MENTION])
    )
    return (_asked_text(message, username) or "") if addressed else None


async def group_text(update: Update, context: BotContext) -> None:
    """Answer group messages that reply to or mention the bot; ignore the rest unlogged. A
    bare mention of the bot gets a hint how to ask."""
    message = update.effective_message
    if message is None:
        return
    services = context.services
    question = _addressed_to_bot(message, context.bot.id, services.bot_username)
    if question == "":
        # Not for an edit, nor for another bot's command in a reply to this bot.
        if update.edited_message is None and not (_words(message) or "").startswith("/"):
            hint = fill(services.messages.mention_hint, services.live.kb, services.bot_username)
            await message.reply_html(hint)
        return
    if question is not None:
        # A reply or mention that only chats ("thanks, very useful!") is not a question.
        await answer_question(update, context, question, quiet_smalltalk=True)


async def non_text(update: Update, context: BotContext) -> None:
    """Tell readers who send stickers, voice or photos without a caption that only text
    works."""
    if update.effective_message:
        await update.effective_message.reply_html(context.services.messages.non_text)


async def unknown_command(update: Update, context: BotContext) -> None:
    """Answer commands the bot does not have (and editor commands for non-editors)."""
    if update.effective_message:
        await update.effective_message.reply_html(context.services.messages.unknown_command)


def _pressed(update: Update) -> tuple[CallbackQuery, Callback, Message] | None:
    """The pressed button's query, its decoded data and the message it is under."""
    query = update.callback_query
    if query is None:
        return None
    callback = decode(query.data)
    message = query.message if isinstance(query.message, Message) else None
    if callback is None or message is None:
        return None
    return query, callback, message


def _pressed_entry(
    update: Update, kb: KnowledgeBase
) -> tuple[CallbackQuery, Callback, Message, Entry] | None:
    """The pressed button's query, data, message and the (still served) entry it names."""
    pressed = _pressed(update)
    entry = kb.get(pressed[1].args[0]) if pressed else None
    if pressed is None or entry is None:
        return None
    return (*pressed, entry)


async def stale_button(update: Update, context: BotContext) -> None:
    """Acknowledge a button the bot does not know (an older version's, or forged) politely."""
    if update.callback_query is not None:
        await update.callback_query.answer(context.services.messages.stale_button)


async def _show(update: Update, context: BotContext, view: View | None) -> None:
    """Turn the button's message into `view`, or say the button is out of date."""
    if view is None:
        await stale_button(update, context)
    elif update.callback_query is not None:
        await show(update.callback_query, view)


def _asker(question: Message | None) -> int | None:
    """The user id of who asked the quoted question; None when it cannot be told (the
    question was deleted, or sent as a channel or an anonymous group admin)."""
    if question is None or question.sender_chat is not None or question.from_user is None:
        return None
    return question.from_user.id


async def _for_asker(update: Update, context: BotContext, message: Message) -> bool | None:
    """Whose press this is of the choices under a reply to a question (did-you-mean, which
    article): True, the asker's (their pick is filed as their choice); False, it cannot be
    told (shown, not filed); None after telling another member of the group the choices
    are not theirs (nothing changes: the asker still picks)."""
    asker = _asker(message.reply_to_message)
    user = update.effective_user
    if asker is None or user is None:
        return False
    if user.id != asker:
        if update.callback_query is not None:
            await update.callback_query.answer(context.services.messages.not_your_choice)
        return None
    return True


async def choose_answer(update: Update, context: BotContext) -> None:
    """A did-you-mean choice: the message becomes that answer (and the chat reads its
    article); editors may approve the pairing of the reader's question with it.

    The choices belong to who asked: in a group, another member's press changes nothing
    (a pop-up says so), so a stranger's pick is never filed as the asker's choice."""
    services = context.services
    pressed = _pressed_entry(update, services.live.kb)
    if pressed is None:
        await stale_button(update, context)
        return
    _, _, message, entry = pressed
    theirs = await _for_asker(update, context, message)
    if theirs is None:
        return
    _read(update, context, entry.article)
    asked = _asked_text(message.reply_to_message, services.bot_username)
    if asked and theirs:
        user = update.effective_user
        services.store.choose(entry.id, asked, services.store.hash_user(user.id if user else None))
    await _show(
        update,
        context,
        answer_view(services.live.kb, entry, services.messages, services.bot_username),
    )


async def open_answer(update: Update, context: BotContext) -> None:
    """A related or browsed question: send its answer as a new message (the chat reads its
    article from now on)."""
    services = context.services
    kb = services.live.kb
    pressed = _pressed_entry(update, kb)
    if pressed is None:
        await stale_button(update, context)
        return
    query, _, message, entry = pressed
    _read(update, context, entry.article)
    await query.answer()
    view = answer_view(kb, entry, services.messages, services.bot_username)
    await send_html(message, *view, quote=False)


def _pressed_browse(
    update: Update, kb: KnowledgeBase, index: int
) -> tuple[Callback, str | None] | None:
    """A pressed browse button's data and the article it browses (its optional argument
    `index`; None: all the knowledge, or the list of articles); None when the button does
    not fit the knowledge any more."""
    pressed = _pressed(update)
    if pressed is None:
        return None
    callback = pressed[1]
    if len(callback.args) <= index:
        return callback, None
    article_id = callback.args[index]
    return (callback, article_id) if kb.article(article_id) is not None else None


async def browse_sections(update: Update, context: BotContext) -> None:
    """A page of the section list (of one article), or of the articles to browse."""
    services = context.services
    kb = services.live.kb
    pressed = _pressed_browse(update, kb, 1)
    if pressed is None:
        await stale_button(update, context)
        return
    callback, article_id = pressed
    view = sections_view(kb, services.messages, callback.number(), article_id)
    await _show(update, context, view)


async def browse_section(update: Update, context: BotContext) -> None:
    """A page of one section's questions."""
    services = context.services
    kb = services.live.kb
    pressed = _pressed_browse(update, kb, 2)
    if pressed is None:
        await stale_button(update, context)
        return
    callback, article_id = pressed
    view = section_view(kb, services.messages, callback.number(0), callback.number(1), article_id)
    await _show(update, context, view)


async def articles_page(update: Update, context: BotContext) -> None:
    """A page of the article list."""
    pressed = _pressed(update)
    if pressed is None:
        await stale_button(update, context)
        return
    services = context.services
    kb = services.live.kb
    article = await reading(update, context, kb)
    view = articles_view(
        kb,
        services.messages,
        services.bot_username,
        pressed[1].number(),
        article.id if article else None,
    )
    await _show(update, context, view)


def _pressed_article(
    update: Update, kb: KnowledgeBase
) -> tuple[CallbackQuery, Message, Article] | None:
    """The pressed button's query, message and the (still served) article it names."""
    pressed = _pressed(update)
    article = kb.article(pressed[1].args[0]) if pressed else None
    if pressed is None or article is None:
        return None
    return pressed[0], pressed[2], article


async def enter_article(update: Update, context: BotContext) -> None:
    """An article picked in /articles: the chat reads it from now on; say so (a new message,
    so the list stays to pick another)."""
    services = context.services
    pressed = _pressed_article(update, services.live.kb)
    if pressed is None:
        await stale_button(update, context)
        return
    query, message, article = pressed
    _read(update, context, article)
    await query.answer(services.messages.now_reading.format(title=article.title)[:200])
    await send_html(message, article_intro(article, services.messages), quote=False)


async def pick_article(update: Update, context: BotContext) -> None:
    """The article a question fitting several is about: the chat reads it from now on, and
    the message becomes the answer to the quoted question there (or, without the question,
    the article's introduction)."""
    services = context.services
    live = services.live
    pressed = _pressed_article(update, live.kb)
    if pressed is None:
        await stale_button(update, context)
        return
    query, message, article = pressed
    theirs = await _for_asker(update, context, message)
    if theirs is None:
        return  # another member's press: the asker picks (see choose_answer)
    _read(update, context, article)
    notice = services.messages.now_reading.format(title=article.title)
    asked = _asked_text(message.reply_to_message, services.bot_username)
    if not asked:
        await show(query, (article_intro(article, services.messages), None), notice)
        return
    result = live.matcher.match(plain_text(asked), article=article.id, today=_day_of(message))
    user = update.effective_user
    if theirs:
        services.store.pick_article(
            article.id,
            asked,
            services.store.hash_user(user.id if user else None),
            answered=result.decision is Decision.ANSWER,
        )
    view = result_view(live.kb, result, services.messages, services.bot_username, article)
    await show(query, view, notice)


async def vote(update: Update, context: BotContext) -> None:
    """Store a 👍/👎 under an answer; pressing again (or the other one) changes the
    reader's vote."""
    await _vote(update, context, partial=False)


async def vote_on_partial(update: Update, context: BotContext) -> None:
    """Store a 👍/👎 under a partial reply: a vote on that reply (the article lacked what
    was asked; the entry was the closest fact), kept apart from votes on the entry's
    answer, so that editors see it with the partial replies."""
    await _vote(update, context, partial=True)


async def _vote(update: Update, context: BotContext, *, partial: bool) -> None:
    services = context.services
    pressed = _pressed_entry(update, services.live.kb)
    user = update.effective_user
    user_hash = services.store.hash_user(user.id if user else None)
    if pressed is None or user_hash is None:
        await stale_button(update, context)
        return
    query, callback, message, entry = pressed
    # The question behind the answer: the reader's message it replies to (an answer to a
    # question, or did-you-mean turned into one); else the entry's own question (reached
    # through a related-question button or a link).
    asked = _asked_text(message.reply_to_message, services.bot_username)
    up = callback.args[1] == "u"
    services.store.vote(
        user_hash,
        entry.id,
        1 if up else -1,
        asked,
        entry.question,
        entry.article.id,
        partial=partial,
    )
    await query.answer(services.messages.vote_thanks)


async def whoami(update: Update, context: BotContext) -> None:
    """Tell any user their Telegram id, so an admin can be configured."""
    message = update.effective_message
    if message and update.effective_user:
        await message.reply_html(
            context.services.messages.whoami.format(id=update.effective_user.id)
        )


async def inline_query(update: Update, context: BotContext) -> None:
    """Offer in any chat what the bot would reply in a private chat, shareable: the sourced
    answer, the partial answer saying what the article does not give, or did-you-mean
    choices; nothing (and a button saying so) for a question the article does not answer.
    An empty query shows the most-asked answers. Never logged."""
    query = update.inline_query
    if query is None:
        return
    services = context.services
    live = services.live
    kb = live.kb
    words = plain_text(query.query).strip()
    if words:
        results, button = inline_view(
            live.matcher.match(words, today=datetime.now(UTC).date()),
            services.messages,
            services.bot_username,
        )
    else:
        top = [kb.get(entry_id) for entry_id in services.top_entries[:INLINE_RESULTS]]
        entries = [e for e in top if e is not None]
        entries += [e for e in kb.entries if e not in entries][: INLINE_RESULTS - len(entries)]
        results = [inline_answer(e, services.messages, services.bot_username) for e in entries]
        button = services.messages.inline_button
    await query.answer(
        results[:INLINE_RESULTS],
        cache_time=30,
        button=InlineQueryResultsButton(text=button, start_parameter=HELP_PARAMETER),
    )


def _day_of(message: Message) -> date:
    """The reader's day for "next year": when Telegram says the message was sent (UTC)."""
    sent = message.date
    return (sent or datetime.now(UTC)).astimezone(UTC).date()
