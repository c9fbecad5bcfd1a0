"""Handlers for editors (review queue, teaching, feedback) and admins (stats, reload, export).

Every handler checks the caller's Telegram id against the configuration on every call;
anyone else gets exactly the reply for an unknown command (or a stale-button notice).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from functools import wraps

from telegram import CallbackQuery, InlineKeyboardMarkup, InputFile, Update
from telegram.constants import ChatType

from faqbot.errors import UnknownArticleError
from faqbot.knowledge import Article
from faqbot.review import (
    GroupHandledError,
    NoSuchEntryError,
    QuestionGroup,
    feedback_csv,
    feedback_lines,
    find_article,
    group_questions,
    groups_csv,
    health_lines,
    open_group,
    plan_link,
    stats_lines,
)
from faqbot.telegram.callbacks import Callback, decode
from faqbot.telegram.render import (
    GROUP_HANDLED,
    View,
    group_view,
    linked_notice,
    no_entry_notice,
    plain,
    pre,
    queue_view,
    suggestions_view,
    unknown_article_notice,
)
from faqbot.telegram.replies import send_html, show
from faqbot.telegram.services import BotContext, Services

logger = logging.getLogger(__name__)

Handler = Callable[[Update, BotContext], Coroutine[None, None, None]]
MAX_SUGGESTIONS_SHOWN = 10


def _restricted(allowed: Callable[[Services, int | None], bool]) -> Callable[[Handler], Handler]:
    def decorate(handler: Handler) -> Handler:
        @wraps(handler)
        async def guarded(update: Update, context: BotContext) -> None:
            user = update.effective_user
            chat = update.effective_chat
            services = context.services
            # Staff data only ever goes to a permitted user in their private chat.
            if not allowed(services, user.id if user else None) or (
                chat is None or chat.type != ChatType.PRIVATE
            ):
                if update.callback_query:
                    await update.callback_query.answer(services.messages.stale_button)
                elif chat is not None and chat.type == ChatType.PRIVATE:
                    await _reply(update, services.messages.unknown_command)
                return
            await handler(update, context)

        return guarded

    return decorate


editors_only = _restricted(lambda s, uid: s.settings.is_editor(uid))
admins_only = _restricted(lambda s, uid: s.settings.is_admin(uid))


async def _reply(update: Update, html: str, markup: InlineKeyboardMarkup | None = None) -> None:
    if update.effective_message is not None:
        await send_html(update.effective_message, html, markup, quote=False)


def _editor(update: Update) -> str:
    return str(update.effective_user.id if update.effective_user else "")


# ----------------------------------------------------------------- review queue
async def _groups(services: Services, article_id: str | None = None) -> list[QuestionGroup]:
    questions = await services.store.open_questions(article_id)
    return group_questions(questions, services.live.matcher)


async def _article(
    update: Update, context: BotContext, command: str
) -> tuple[bool, Article | None]:
    """The article the command's argument names (None: all); False after telling the
    caller the usage when no article has that id."""
    args = context.args or []
    try:
        article = find_article(context.services.live.kb, args[0]) if args else None
    except UnknownArticleError as exc:
        await _reply(update, unknown_article_notice(command, exc))
        return False, None
    return True, article


def _link(
    services: Services, groups: list[QuestionGroup], key: int, entry_id: str, editor: str
) -> str:
    """Teach a group's wordings to an entry, live at once; return the editor's notice.

    Raises NoSuchEntryError or GroupHandledError when it cannot be done.
    """
    teaching = plan_link(services.live.kb, groups, key, entry_id)
    lesson = services.store.link(
        teaching.entry.id, teaching.phrasings, teaching.question_ids, editor
    )
    services.learn(teaching.entry.id, teaching.phrasings)
    return linked_notice(teaching, lesson)


@editors_only
async def unanswered(update: Update, context: BotContext) -> None:
    """List the open unanswered questions, grouped by similarity (of one article: an id)."""
    known, article = await _article(update, context, "/unanswered")
    if known:
        groups = await _groups(context.services, article.id if article else None)
        await _reply(update, *queue_view(groups, 0))


@editors_only
async def link(update: Update, context: BotContext) -> None:
    """Link a group to an entry by id: /link <group> <entry-id>."""
    args = context.args or []
    if len(args) != 2 or not args[0].isdigit():
        await _reply(update, "Usage: <code>/link group-number entry-id</code> (see /unanswered)")
        return
    services = context.services
    groups = await _groups(services)
    try:
        notice = _link(services, groups, int(args[0]), args[1], _editor(update))
    except NoSuchEntryError as exc:
        notice = no_entry_notice(exc.entry_id)
    except GroupHandledError:
        notice = GROUP_HANDLED
    await _reply(update, notice)


@editors_only
async def suggested(update: Update, context: BotContext) -> None:
    """List readers' did-you-mean choices for approval."""
    await _reply(update, *await _suggestions(context.services))


async def _suggestions(services: Services) -> View:
    return suggestions_view((await services.store.suggestions())[:MAX_SUGGESTIONS_SHOWN])


@editors_only
async def feedback(update: Update, context: BotContext) -> None:
    """Entries with the most 👎 and the questions behind them."""
    await _reply(update, pre(feedback_lines(await context.services.store.feedback())))


# ---------------------------------------------------------------- editor buttons
def _pressed(update: Update) -> tuple[CallbackQuery, Callback] | None:
    query = update.callback_query
    callback = decode(query.data if query else None)
    if query is None or callback is None:
        return None
    return query, callback


@editors_only
async def queue_page(update: Update, context: BotContext) -> None:
    """A page of the unanswered queue."""
    if pressed := _pressed(update):
        query, callback = pressed
        await show(query, queue_view(await _groups(context.services), callback.number()))


@editors_only
async def review_group(update: Update, context: BotContext) -> None:
    """One group with its wordings and the entries to link it to."""
    if pressed := _pressed(update):
        query, callback = pressed
        groups = await _groups(context.services)
        try:
            await show(query, group_view(open_group(groups, callback.number())))
        except GroupHandledError:
            await show(query, queue_view(groups, 0), GROUP_HANDLED)


@editors_only
async def link_button(update: Update, context: BotContext) -> None:
    """Teach a group's wordings to the chosen entry."""
    if pressed := _pressed(update):
        query, callback = pressed
        services = context.services
        groups = await _groups(services)
        try:
            notice = _link(services, groups, callback.number(0), callback.args[1], _editor(update))
        except NoSuchEntryError as exc:
            await show(query, queue_view(groups, 0), plain(no_entry_notice(exc.entry_id)))
        except GroupHandledError:
            await show(query, queue_view(groups, 0), GROUP_HANDLED)
        else:
            await show(query, queue_view(await _groups(services), 0), plain(notice))


@editors_only
async def dismiss_group(update: Update, context: BotContext) -> None:
    """Dismiss a group: its questions leave the queue unanswered."""
    if pressed := _pressed(update):
        query, callback = pressed
        services = context.services
        groups = await _groups(services)
        try:
            group = open_group(groups, callback.number())
        except GroupHandledError:
            await show(query, queue_view(groups, 0), GROUP_HANDLED)
            return
        services.store.dismiss([q.id for q in group.questions])
        notice = f"Dismissed {group.count} question(s)."
        await show(query, queue_view(await _groups(services), 0), notice)


@editors_only
async def keep_group(update: Update, context: BotContext) -> None:
    """Keep a group open and go back to the queue."""
    if pressed := _pressed(update):
        query, callback = pressed
        groups = await _groups(context.services)
        try:
            open_group(groups, callback.number())
        except GroupHandledError:
            notice = GROUP_HANDLED
        else:
            notice = "Kept open."
        await show(query, queue_view(groups, 0), notice)


async def _review_suggestion(update: Update, context: BotContext, approve: bool) -> None:
    pressed = _pressed(update)
    if pressed is None:
        return
    query, callback = pressed
    services = context.services
    pending = {s.id: s for s in await services.store.suggestions()}
    reviewed = pending.get(callback.number())
    if reviewed is None:
        notice = "That suggestion was already handled."
    elif approve:
        lesson = services.store.approve(reviewed.id, _editor(update))
        services.learn(reviewed.entry_id, [reviewed.phrasing])
        notice = f"Approved for {reviewed.entry_id}. Undo: /unlink {lesson}"
    else:
        services.store.reject(reviewed.id)
        notice = "Rejected."
    await show(query, await _suggestions(services), notice)


@editors_only
async def approve_suggestion(update: Update, context: BotContext) -> None:
    """Approve a reader's did-you-mean choice: its wording is taught to the entry."""
    await _review_suggestion(update, context, approve=True)


@editors_only
async def reject_suggestion(update: Update, context: BotContext) -> None:
    """Reject a reader's did-you-mean choice."""
    await _review_suggestion(update, context, approve=False)


# ----------------------------------------------------------------------- admins
@admins_only
async def stats(update: Update, context: BotContext) -> None:
    """Question counts, rates, top entries, top unanswered groups, feedback ratio (of one
    article: an id; overall with each article's counts)."""
    services = context.services
    store = services.store
    known, article = await _article(update, context, "/stats")
    if not known:
        return
    article_id = article.id if article else None
    each = (
        await store.by_article() if article is None and len(services.live.kb.articles) > 1 else []
    )
    groups = await _groups(services, article_id)
    lines = stats_lines(await store.stats(article_id=article_id), groups, article, each)
    lines += health_lines(await store.deliveries(), store.health())
    await _reply(update, pre(lines))


@admins_only
async def reload(update: Update, context: BotContext) -> None:
    """Reload faq/ and taught phrasings; on any problem the old knowledge stays live."""
    services = context.services
    problems = await services.reload()
    if problems:
        await _reply(
            update,
            "<b>Reload failed</b>; the old knowledge stays live. Problems:\n"
            + pre([str(p) for p in problems]),
        )
        return
    live = services.live
    await _reply(
        update,
        f"Reloaded: {len(live.kb)} entries, {live.taught_count} taught phrasing(s) applied.",
    )


@admins_only
async def export(update: Update, context: BotContext) -> None:
    """Send the unanswered questions and the feedback as CSV documents (of one article: an
    id)."""
    services = context.services
    message = update.effective_message
    known, article = await _article(update, context, "/export")
    if message is None or not known:
        return
    queue = groups_csv(await _groups(services, article.id if article else None))
    votes = feedback_csv(await services.store.feedback_rows(article.id if article else None))
    await message.reply_document(
        InputFile(queue.encode(), filename="unanswered.csv"), caption="Unanswered questions"
    )
    await message.reply_document(
        InputFile(votes.encode(), filename="feedback.csv"), caption="Feedback"
    )


@admins_only
async def purge(update: Update, context: BotContext) -> None:
    """Delete question rows older than N days (and the articles of chats unused as long):
    /purge <days>."""
    args = context.args or []
    if len(args) != 1 or not args[0].isdigit():
        await _reply(update, "Usage: <code>/purge days</code>, e.g. <code>/purge 90</code>")
        return
    context.services.reading.expire(int(args[0]))
    deleted = await context.services.store.purge(int(args[0]))
    await _reply(update, f"Deleted {deleted} question(s) older than {int(args[0])} days.")
