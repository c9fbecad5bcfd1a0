"""Handlers for editors (review queue, teaching, feedback) and admins (stats, reload, export).

Every handler checks the caller's Telegram id against the configuration on every call;
anyone else gets exactly the reply for an unknown command (for a button, a pop-up saying
whose it is, never that it is out of date; in a group, a reply only to a command addressed
to this bot). Staff data is only ever sent to a private chat: a staff command in a group
gets a hint to send it there.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from collections.abc import Callable, Coroutine
from functools import wraps

from telegram import CallbackQuery, InlineKeyboardMarkup, InputFile, Update
from telegram.constants import ChatType, ParseMode

from faqbot.errors import UnknownArticleError
from faqbot.knowledge import Article
from faqbot.review import (
    GroupHandledError,
    NoSuchEntryError,
    NothingToTeachError,
    QuestionGroup,
    UnconfirmedTeachingError,
    feedback_csv,
    feedback_lines,
    find_article,
    group_questions,
    groups_csv,
    health_lines,
    open_group,
    parse_group_id,
    plan_link,
    stats_lines,
    teaching_doubt,
    teaching_problem,
)
from faqbot.telegram.callbacks import Callback, decode
from faqbot.telegram.menus import command_target
from faqbot.telegram.render import (
    GROUP_HANDLED,
    WRITES_BACKED_UP,
    View,
    approved_notice,
    group_view,
    lessons_view,
    linked_notice,
    no_entry_notice,
    no_group_notice,
    not_approved_notice,
    nothing_to_purge_notice,
    nothing_to_teach_notice,
    plain,
    pre,
    purge_view,
    queue_view,
    suggestions_view,
    unconfirmed_approval_view,
    unconfirmed_view,
    undone_notice,
    unknown_article_notice,
    visible_length,
)
from faqbot.telegram.replies import send_html, show
from faqbot.telegram.services import PURGE_CONFIRM_SECONDS, BotContext, Services

logger = logging.getLogger(__name__)

Handler = Callable[[Update, BotContext], Coroutine[None, None, None]]
# A button's handler: also given the pressed query and its decoded data.
ButtonHandler = Callable[[Update, BotContext, CallbackQuery, Callback], Coroutine[None, None, None]]
MAX_SUGGESTIONS_SHOWN = 10
# /purge takes whole days up to a century: beyond that the cut-off would precede any log.
MAX_PURGE_DAYS = 36_500
MAX_CAPTION_CHARS = 1024
_LESSON_ID = re.compile(r"[0-9a-f]{8}")
LINK_USAGE = (
    "Usage: <code>/link #id entry-id</code>, with the group's id as /unanswered shows it"
    " (e.g. <code>/link #412 apac-market-size</code>)."
)
UNLINK_USAGE = (
    "Usage: <code>/unlink</code> to list recent teaching, <code>/unlink id</code> to undo one."
)
PRIVATE_ONLY = (
    "Editor and admin commands work only in a private chat with me, so that what they show"
    " stays between us: open @{username} and send the command there."
)
PRIVATE_ONLY_BUTTON = "Editor and admin buttons work only in a private chat with me."
PURGE_USAGE = (
    f"Usage: <code>/purge days</code>, a whole number of days from 0 to {MAX_PURGE_DAYS},"
    " e.g. <code>/purge 90</code> (you are asked to confirm)."
)


def _restricted(
    allowed: Callable[[Services, int | None], bool], staff: str
) -> Callable[[Handler], Handler]:
    """Guard a handler: `allowed` tells the permitted user ids; `staff` names them
    ("editors", "admins") in the pop-up refusing anyone else's button press."""

    def decorate(handler: Handler) -> Handler:
        @wraps(handler)
        async def guarded(update: Update, context: BotContext) -> None:
            user = update.effective_user
            chat = update.effective_chat
            services = context.services
            # Staff data only ever goes to a permitted user in their private chat.
            permitted = allowed(services, user.id if user else None)
            private = chat is not None and chat.type == ChatType.PRIVATE
            if permitted and private:
                await handler(update, context)
            elif update.callback_query and permitted:
                # A staff button outside a private chat (a forwarded message): no data.
                await update.callback_query.answer(PRIVATE_ONLY_BUTTON)
            elif update.callback_query:
                # A reader pressing a staff button (under a forwarded or shared message):
                # refused as politely as the command, and for what it is, not as stale.
                await update.callback_query.answer(
                    services.messages.staff_button.format(staff=staff)
                )
            elif private:
                await _reply(update, services.messages.unknown_command)
            elif update.effective_message and command_target(update.effective_message):
                # In a group, "/stats@ThisBot" from anyone: no data, the same hint where
                # staff commands work, staff or not (two replies would tell the group who
                # is staff). A bare "/stats" may be another bot's: no reply, from anyone.
                await _reply(update, PRIVATE_ONLY.format(username=services.bot_username))

        return guarded

    return decorate


editors_only = _restricted(lambda s, uid: s.settings.is_editor(uid), "editors")
admins_only = _restricted(lambda s, uid: s.settings.is_admin(uid), "admins")


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


async def _link(
    services: Services,
    groups: list[QuestionGroup],
    key: int,
    entry_id: str,
    editor: str,
    *,
    confirmed: str | None = None,
) -> tuple[str, bool]:
    """Teach a group's wordings to an entry (the write queued, the live knowledge built in
    a worker thread); return the editor's notice, which says whether readers get it yet
    and which wordings were not taught and why, or that nothing was taught because the
    write queue stays full.

    Raises NoSuchEntryError, GroupHandledError or NothingToTeachError when it cannot be
    done, and UnconfirmedTeachingError when the editor is to confirm it first (unless
    `confirmed` is the digest of the doubted wordings: see faqbot.review.plan_link).
    """
    teaching = plan_link(services.live.matcher, groups, key, entry_id, confirmed=confirmed)
    if not await services.room_to_edit():
        return WRITES_BACKED_UP, False  # never live but unsaved: nothing is taught
    # No await since the room was there: the write is queued (or WriteQueueFullError).
    lesson = services.store.link(
        teaching.entry.id, teaching.phrasings, teaching.question_ids, editor
    )
    now = await services.learn(teaching.entry.id, teaching.phrasings)
    return linked_notice(teaching, lesson, now), bool(teaching.refused)


@editors_only
async def unanswered(update: Update, context: BotContext) -> None:
    """List the open unanswered questions, grouped by similarity (of one article: an id)."""
    known, article = await _article(update, context, "/unanswered")
    if known:
        groups = await _groups(context.services, article.id if article else None)
        await _reply(update, *queue_view(groups, 0))


@editors_only
async def link(update: Update, context: BotContext) -> None:
    """Link a group to an entry by the group's shown id: /link #412 entry-id.

    Only the "#id" form is taken: a bare number could be read as a position in the list.
    """
    args = context.args or []
    key = parse_group_id(args[0]) if len(args) == 2 and args[0].startswith("#") else None
    if key is None:
        await _reply(update, LINK_USAGE)
        return
    services = context.services
    groups = await _groups(services)
    try:
        notice, _ = await _link(services, groups, key, args[1], _editor(update))
    except NoSuchEntryError as exc:
        notice = no_entry_notice(exc.entry_id)
    except GroupHandledError:
        notice = no_group_notice(key)
    except NothingToTeachError as exc:
        notice = nothing_to_teach_notice(exc)
    except UnconfirmedTeachingError as exc:
        await _reply(update, *unconfirmed_view(exc))
        return
    await _reply(update, notice)


async def _undo(services: Services, lesson_id: str, editor: str) -> str:
    """Undo a lesson: the write is queued, its wordings stop answering once the live
    knowledge is built without them (a worker thread). Return the editor's notice."""
    found = await services.store.lessons(1, lesson_id=lesson_id)
    if not found:
        return f"There is no lesson <code>{lesson_id}</code>. See /unlink for recent ones."
    lesson = found[0]
    if lesson.undone:
        return f"Lesson <code>{lesson_id}</code> was already undone."
    if not await services.room_to_edit():
        return WRITES_BACKED_UP  # the wordings keep answering, as the database says
    services.store.undo(lesson.id, editor)
    now = await services.unlearn(lesson.entry_id, lesson.phrasings)
    return undone_notice(lesson, now)


@editors_only
async def unlink(update: Update, context: BotContext) -> None:
    """/unlink lists recent teaching with an Undo button each; /unlink <id> undoes one."""
    args = context.args or []
    services = context.services
    if not args:
        await _reply(update, *lessons_view(await services.store.lessons(20)))
        return
    if len(args) != 1 or not _LESSON_ID.fullmatch(args[0]):
        await _reply(update, UNLINK_USAGE)
        return
    await _reply(update, await _undo(services, args[0], _editor(update)))


@editors_only
async def suggested(update: Update, context: BotContext) -> None:
    """List readers' did-you-mean choices for approval."""
    await _reply(update, *await _suggestions(context.services))


async def _suggestions(services: Services) -> View:
    return suggestions_view((await services.store.suggestions())[:MAX_SUGGESTIONS_SHOWN])


@editors_only
async def feedback(update: Update, context: BotContext) -> None:
    """Entries with the most 👎 and the questions behind them; then the votes under partial
    replies, apart."""
    store = context.services.store
    lines = feedback_lines(await store.feedback(), await store.feedback(partial=True))
    await _reply(update, pre(lines))


# ---------------------------------------------------------------- editor buttons
def _button(restricted: Callable[[Handler], Handler]) -> Callable[[ButtonHandler], Handler]:
    """A button's handler, permission-checked on every press, called with the pressed
    query and its decoded data (a press without either is ignored)."""

    def decorate(handler: ButtonHandler) -> Handler:
        @restricted
        @wraps(handler)
        async def pressed(update: Update, context: BotContext) -> None:
            query = update.callback_query
            callback = decode(query.data if query else None)
            if query is not None and callback is not None:
                await handler(update, context, query, callback)

        return pressed

    return decorate


editors_button = _button(editors_only)
admins_button = _button(admins_only)


async def _open(
    query: CallbackQuery, groups: list[QuestionGroup], key: int
) -> QuestionGroup | None:
    """The open group with this id, or None after showing the queue with GROUP_HANDLED."""
    try:
        return open_group(groups, key)
    except GroupHandledError:
        await show(query, queue_view(groups, 0), GROUP_HANDLED)
        return None


@editors_button
async def queue_page(
    update: Update, context: BotContext, query: CallbackQuery, callback: Callback
) -> None:
    """A page of the unanswered queue."""
    await show(query, queue_view(await _groups(context.services), callback.number()))


@editors_button
async def review_group(
    update: Update, context: BotContext, query: CallbackQuery, callback: Callback
) -> None:
    """One group with its wordings and the entries to link it to."""
    group = await _open(query, await _groups(context.services), callback.number())
    if group is not None:
        await show(query, group_view(group))


@editors_button
async def link_button(
    update: Update, context: BotContext, query: CallbackQuery, callback: Callback
) -> None:
    """Teach a group's wordings to the chosen entry."""
    await _link_pressed(update, context, query, callback, confirmed=None)


@editors_button
async def link_anyway_button(
    update: Update, context: BotContext, query: CallbackQuery, callback: Callback
) -> None:
    """Teach a group's wordings to the chosen entry, those with words it never writes too:
    the editor confirmed the ones they saw (the button's digest). When the group has
    changed since (a similar question joined it), nothing is taught and the editor is
    asked again with the new list."""
    await _link_pressed(update, context, query, callback, confirmed=callback.args[2])


async def _link_pressed(
    update: Update,
    context: BotContext,
    query: CallbackQuery,
    callback: Callback,
    *,
    confirmed: str | None,
) -> None:
    services = context.services
    groups = await _groups(services)
    try:
        notice, refused = await _link(
            services,
            groups,
            callback.number(0),
            callback.args[1],
            _editor(update),
            confirmed=confirmed,
        )
    except NoSuchEntryError as exc:
        await show(query, queue_view(groups, 0), plain(no_entry_notice(exc.entry_id)))
    except GroupHandledError:
        await show(query, queue_view(groups, 0), GROUP_HANDLED)
    except NothingToTeachError as exc:
        # Too long for a pop-up: the group stays on screen, the reasons come as a message.
        await query.answer()
        await _reply(update, nothing_to_teach_notice(exc))
    except UnconfirmedTeachingError as exc:
        await query.answer()  # the group stays on screen; the question comes as a message
        await _reply(update, *unconfirmed_view(exc))
    else:
        await show(query, queue_view(await _groups(services), 0), plain(notice))
        if refused:  # which wordings were not taught, and why: too long for the pop-up
            await _reply(update, notice)


@editors_button
async def dismiss_group(
    update: Update, context: BotContext, query: CallbackQuery, callback: Callback
) -> None:
    """Dismiss a group: its questions leave the queue unanswered."""
    services = context.services
    group = await _open(query, await _groups(services), callback.number())
    if group is not None:
        if await services.room_to_edit():
            services.store.dismiss([q.id for q in group.questions])
            notice = f"Dismissed {group.count} question(s)."
        else:
            notice = plain(WRITES_BACKED_UP)
        await show(query, queue_view(await _groups(services), 0), notice)


@editors_button
async def keep_group(
    update: Update, context: BotContext, query: CallbackQuery, callback: Callback
) -> None:
    """Keep a group open and go back to the queue."""
    groups = await _groups(context.services)
    if await _open(query, groups, callback.number()) is not None:
        await show(query, queue_view(groups, 0), "Kept open.")


async def _review_suggestion(
    update: Update,
    context: BotContext,
    query: CallbackQuery,
    callback: Callback,
    approve: bool,
    *,
    confirmed: bool = False,
) -> None:
    services = context.services
    pending = {s.id: s for s in await services.store.suggestions()}
    reviewed = pending.get(callback.number())
    if reviewed is None:
        notice = "That suggestion was already handled."
    elif not await services.room_to_edit():
        notice = plain(WRITES_BACKED_UP)  # nothing approved or rejected, nothing taught
    elif approve:
        live = services.live
        entry = live.kb.get(reviewed.entry_id)
        problem = (
            teaching_problem(live.matcher, entry, reviewed.phrasing, reviewed.follows)
            if entry
            else None
        )
        if problem is not None:
            # Left waiting, for the editor to reject. Too long for a pop-up: a message.
            await query.answer()
            await _reply(update, not_approved_notice(reviewed.phrasing, reviewed.entry_id, problem))
            return
        # A reader's pick with words the entry never writes waits for the editor to confirm
        # it, as a link does (the wording is the suggestion's own: nothing else to see).
        doubt = teaching_doubt(live.matcher, entry, reviewed.phrasing) if entry else None
        if doubt is not None and not confirmed:
            await query.answer()
            await _reply(
                update,
                *unconfirmed_approval_view(
                    reviewed.id, reviewed.phrasing, reviewed.entry_id, doubt
                ),
            )
            return
        lesson = services.store.approve(reviewed.id, _editor(update))
        now = await services.learn(reviewed.entry_id, [reviewed.phrasing])
        notice = approved_notice(reviewed.entry_id, lesson, now)
    else:
        services.store.reject(reviewed.id)
        notice = "Rejected."
    await show(query, await _suggestions(services), notice)


@editors_button
async def undo_button(
    update: Update, context: BotContext, query: CallbackQuery, callback: Callback
) -> None:
    """Undo a teaching act from the /unlink list."""
    services = context.services
    notice = await _undo(services, callback.args[0], _editor(update))
    await show(query, lessons_view(await services.store.lessons(20)), plain(notice))


@editors_button
async def approve_suggestion(
    update: Update, context: BotContext, query: CallbackQuery, callback: Callback
) -> None:
    """Approve a reader's did-you-mean choice: its wording is taught to the entry."""
    await _review_suggestion(update, context, query, callback, approve=True)


@editors_button
async def approve_anyway_button(
    update: Update, context: BotContext, query: CallbackQuery, callback: Callback
) -> None:
    """Approve a reader's choice with words its entry never writes: the editor confirmed."""
    await _review_suggestion(update, context, query, callback, approve=True, confirmed=True)


@editors_button
async def reject_suggestion(
    update: Update, context: BotContext, query: CallbackQuery, callback: Callback
) -> None:
    """Reject a reader's did-you-mean choice."""
    await _review_suggestion(update, context, query, callback, approve=False)


# ----------------------------------------------------------------------- admins
@admins_only
async def stats(update: Update, context: BotContext) -> None:
    """One picture (questions per day by decision, last 30 days; top unanswered groups) sent
    as a photo, with the figures as its caption, or as a message after it when they are
    longer than a caption. `/stats <article-id>`: of one article; without: overall, with
    each article's counts."""
    services = context.services
    store = services.store
    message = update.effective_message
    if message is None:
        return
    known, article = await _article(update, context, "/stats")
    if not known:
        return
    article_id = article.id if article else None
    each = (
        await store.by_article() if article is None and len(services.live.kb.articles) > 1 else []
    )
    groups = await _groups(services, article_id)
    lines = stats_lines(await store.stats(article_id=article_id), groups, article, each)
    # This /stats is received and not finished while it asks: it is left out.
    lines += health_lines(await store.deliveries(update.update_id), store.health())
    days = await store.daily(30, article_id=article_id)
    from faqbot.chart import stats_png  # matplotlib loads on first use only

    top = [(f"{g.label} {g.texts[0]}", g.count) for g in groups]
    picture = await asyncio.to_thread(stats_png, days, top)
    figures = pre(lines)
    fits = visible_length(figures) <= MAX_CAPTION_CHARS
    caption = figures if fits else "Questions per day (last 30 days) and the top unanswered groups"
    await message.reply_photo(
        InputFile(picture, filename="stats.png"), caption=caption, parse_mode=ParseMode.HTML
    )
    if not fits:
        await _reply(update, figures)


@admins_only
async def reload(update: Update, context: BotContext) -> None:
    """Reload faq/, the reply texts and taught phrasings; on any problem the old knowledge
    and texts stay live and the problems are listed."""
    services = context.services
    problems = await services.reload()
    if problems:
        await _reply(
            update,
            "<b>Reload failed</b>; the old knowledge and reply texts stay live. Problems:\n"
            + pre(problems),
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


def _purge_days(args: list[str]) -> int | None:
    """The days /purge was given, if they are one whole number in range, in ASCII digits
    (str.isdigit and int() also take "٣", "３" or "²")."""
    if len(args) != 1 or not (args[0].isascii() and args[0].isdigit()):
        return None
    if len(args[0]) > len(str(MAX_PURGE_DAYS)):
        return None
    days = int(args[0])
    return days if days <= MAX_PURGE_DAYS else None


@admins_only
async def purge(update: Update, context: BotContext) -> None:
    """Ask to delete what holds readers' texts or ids older than N days (question rows,
    votes, readers' choices not approved, the articles of chats unused as long): /purge
    <days>, then Confirm."""
    days = _purge_days(context.args or [])
    user = update.effective_user
    if days is None or user is None:
        await _reply(update, PURGE_USAGE)
        return
    services = context.services
    older = await services.store.count_older_than(days)
    if not older:
        # Nothing to confirm: no Delete button that would delete nothing.
        await _reply(update, nothing_to_purge_notice(days))
        return
    token = services.purges.ask(user.id, days)
    minutes = PURGE_CONFIRM_SECONDS // 60
    await _reply(update, *purge_view(days, older, token, minutes))


async def _purge_presser(
    update: Update, context: BotContext, query: CallbackQuery, callback: Callback, verb: str
) -> int | None:
    """The id of the admin who pressed, when this /purge is theirs to answer (they asked it,
    or it is gone); None after telling them another admin asked it."""
    user = update.effective_user
    if user is None:
        return None
    asker = context.services.purges.asked_by(callback.args[0])
    if asker is not None and asker != user.id:
        await query.answer(f"Only the admin who asked can {verb} this.")
        return None
    return user.id


@admins_button
async def purge_confirm(
    update: Update, context: BotContext, query: CallbackQuery, callback: Callback
) -> None:
    """Confirm a /purge: only the admin who asked, only before it expires, only once."""
    user_id = await _purge_presser(update, context, query, callback, "confirm")
    if user_id is None:
        return
    services = context.services
    days = services.purges.take(callback.args[0], user_id)
    if days is None:
        await show(query, ("This confirmation has expired or was used. Send /purge again.", None))
        return
    await query.answer("Deleting…")
    try:
        deleted = await services.store.purge(days)
        services.reading.expire(days)
    except sqlite3.Error as exc:
        logger.warning("purge failed: %s", exc)
        text = "The database is busy and nothing was deleted. Try /purge again in a minute."
    else:
        text = f"Deleted {deleted.phrase()} older than {days} days."
    await query.edit_message_text(text, parse_mode=ParseMode.HTML)


@admins_button
async def purge_cancel(
    update: Update, context: BotContext, query: CallbackQuery, callback: Callback
) -> None:
    """Cancel a /purge: nothing is deleted."""
    user_id = await _purge_presser(update, context, query, callback, "cancel")
    if user_id is None:
        return
    context.services.purges.take(callback.args[0], user_id)
    await show(query, ("Cancelled: nothing was deleted.", None))
