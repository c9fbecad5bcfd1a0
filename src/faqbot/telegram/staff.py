"""Handlers for editors (review queue, teaching, feedback) and admins (stats, reload, export).

Every handler checks the caller's Telegram id against the configuration on every call;
anyone else gets exactly the reply for an unknown command (or a stale-button notice).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from functools import wraps
from html import escape

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest

from faqbot.review import (
    QuestionGroup,
    feedback_csv,
    feedback_lines,
    find_group,
    group_questions,
    groups_csv,
    health_lines,
    stats_lines,
    when,
)
from faqbot.telegram.callbacks import Action, Callback, decode
from faqbot.telegram.readers import is_not_modified, unknown_command
from faqbot.telegram.render import button, escape_html, split_html
from faqbot.telegram.services import BotContext, Services

logger = logging.getLogger(__name__)

Handler = Callable[[Update, BotContext], Coroutine[None, None, None]]
QUEUE_PAGE_SIZE = 5
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
                    await unknown_command(update, context)
                return
            await handler(update, context)

        return guarded

    return decorate


editors_only = _restricted(lambda s, uid: s.settings.is_editor(uid))
admins_only = _restricted(lambda s, uid: s.settings.is_admin(uid))


async def _reply(update: Update, html: str, markup: InlineKeyboardMarkup | None = None) -> None:
    message = update.effective_message
    if message is None:
        return
    parts = split_html(html)
    for i, part in enumerate(parts):
        await message.reply_html(part, reply_markup=markup if i == len(parts) - 1 else None)


def _pre(lines: list[str]) -> str:
    return "<pre>" + escape("\n".join(lines), quote=False) + "</pre>"


# ----------------------------------------------------------------- review queue
async def _groups(services: Services) -> list[QuestionGroup]:
    return group_questions(await services.store.open_questions(), services.live.matcher)


def queue_view(groups: list[QuestionGroup], page: int) -> tuple[str, InlineKeyboardMarkup | None]:
    """A page of grouped unanswered questions, most-asked first."""
    if not groups:
        return "<b>Unanswered questions</b>\nThe queue is empty. 🎉", None
    pages = max(1, -(-len(groups) // QUEUE_PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    start = page * QUEUE_PAGE_SIZE
    total = sum(g.count for g in groups)
    lines = [
        f"<b>Unanswered questions</b>: {len(groups)} groups, {total} questions"
        f" (page {page + 1} of {pages})",
        "",
    ]
    rows = []
    for number, group in enumerate(groups[start : start + QUEUE_PAGE_SIZE], start + 1):
        best = group.closest[0] if group.closest else None
        closest = f"{escape_html(best.entry.id)} ({best.score:.0f})" if best else "none"
        lines.append(f"{number}. ×{group.count} <i>{escape_html(group.texts[0][:120])}</i>")
        lines.append(f"    last asked {when(group.last_asked)} · closest: {closest}")
        rows.append([button(f"Review {number} (×{group.count})", Action.REVIEW, group.key)])
    nav = []
    if page > 0:
        nav.append(button("‹ Previous", Action.QUEUE, page - 1))
    if page < pages - 1:
        nav.append(button("Next ›", Action.QUEUE, page + 1))
    if nav:
        rows.append(nav)
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def group_view(group: QuestionGroup) -> tuple[str, InlineKeyboardMarkup]:
    """One group with its wordings, the closest entries and the editor's choices."""
    counts = {t: sum(q.text == t for q in group.questions) for t in group.texts}
    lines = [f"<b>{group.count} question(s)</b>, last asked {when(group.last_asked)}", ""]
    lines += [f"• {escape_html(t[:200])} (×{n})" for t, n in list(counts.items())[:10]]
    lines += ["", "<b>Closest entries</b>:"]
    lines += [
        f"{i}. <code>{escape_html(c.entry.id)}</code>"
        f" {escape_html(c.entry.question)} ({c.score:.0f})"
        for i, c in enumerate(group.closest, 1)
    ] or ["(none)"]
    lines += ["", f"Link to one of them, or send <code>/link {group.key} entry-id</code>."]
    rows: list[list[InlineKeyboardButton]] = [
        [button(f"Link → {c.entry.question}", Action.LINK, group.key, c.entry.id)]
        for c in group.closest
    ]
    rows.append(
        [button("Dismiss", Action.DISMISS, group.key), button("Keep open", Action.KEEP, group.key)]
    )
    rows.append([button("« Back to the queue", Action.QUEUE, 0)])
    return "\n".join(lines), InlineKeyboardMarkup(rows)


async def link_group(
    services: Services, groups: list[QuestionGroup], key: int, entry_id: str, editor: str
) -> tuple[str, bool]:
    """Teach a group's wordings to an entry, live at once; return the notice and if it did."""
    entry = services.live.kb.get(entry_id)
    if entry is None:
        return f"There is no entry <code>{escape_html(entry_id)}</code>.", False
    group = find_group(groups, key)
    if group is None:
        return "Those questions were already handled.", False
    lesson = services.store.link(entry.id, group.texts, [q.id for q in group.questions], editor)
    services.learn(entry.id, group.texts)
    return (
        f"Linked {group.count} question(s) to <code>{escape_html(entry.id)}</code>."
        f" Undo: <code>/unlink {lesson}</code>",
        True,
    )


@editors_only
async def unanswered(update: Update, context: BotContext) -> None:
    """List the open unanswered questions, grouped by similarity."""
    view, markup = queue_view(await _groups(context.services), 0)
    await _reply(update, view, markup)


@editors_only
async def link(update: Update, context: BotContext) -> None:
    """Link a group to an entry by id: /link <group> <entry-id>."""
    args = context.args or []
    if len(args) != 2 or not args[0].isdigit():
        await _reply(update, "Usage: <code>/link group-number entry-id</code> (see /unanswered)")
        return
    services = context.services
    editor = str(update.effective_user.id if update.effective_user else "")
    groups = await _groups(services)
    notice, _ = await link_group(services, groups, int(args[0]), args[1], editor)
    await _reply(update, notice)


@editors_only
async def suggested(update: Update, context: BotContext) -> None:
    """List readers' did-you-mean choices for approval."""
    view, markup = await _suggestions_view(context.services)
    await _reply(update, view, markup)


async def _suggestions_view(services: Services) -> tuple[str, InlineKeyboardMarkup | None]:
    pending = (await services.store.suggestions())[:MAX_SUGGESTIONS_SHOWN]
    if not pending:
        return "No suggestions waiting.", None
    lines = ["<b>Readers chose these answers for their questions</b>:", ""]
    rows = []
    for number, s in enumerate(pending, 1):
        lines.append(
            f"{number}. <i>{escape_html(s.phrasing[:200])}</i>"
            f" → <code>{escape_html(s.entry_id)}</code>"
        )
        rows.append(
            [
                button(f"✔ Approve {number}", Action.APPROVE, s.id),
                button("✖ Reject", Action.REJECT, s.id),
            ]
        )
    return "\n".join(lines), InlineKeyboardMarkup(rows)


@editors_only
async def feedback(update: Update, context: BotContext) -> None:
    """Entries with the most 👎 and the questions behind them."""
    await _reply(update, _pre(feedback_lines(await context.services.store.feedback())))


def _pressed(update: Update) -> tuple[CallbackQuery, Callback] | None:
    query = update.callback_query
    callback = decode(query.data if query else None)
    if query is None or callback is None:
        return None
    return query, callback


async def _show(
    query: CallbackQuery, notice: str, view: tuple[str, InlineKeyboardMarkup | None]
) -> None:
    """Answer the press with `notice` (if any) and turn the message into `view`."""
    await query.answer(_plain(notice)[:200] or None)
    try:
        await query.edit_message_text(view[0], parse_mode=ParseMode.HTML, reply_markup=view[1])
    except BadRequest as exc:
        if not is_not_modified(exc):
            raise


@editors_only
async def queue_page(update: Update, context: BotContext) -> None:
    """A page of the unanswered queue."""
    if pressed := _pressed(update):
        query, callback = pressed
        await _show(query, "", queue_view(await _groups(context.services), callback.number()))


@editors_only
async def review_group(update: Update, context: BotContext) -> None:
    """One group with its wordings and the entries to link it to."""
    if pressed := _pressed(update):
        query, callback = pressed
        groups = await _groups(context.services)
        group = find_group(groups, callback.number())
        if group is None:
            await _show(query, "Those questions were already handled.", queue_view(groups, 0))
        else:
            await _show(query, "", group_view(group))


@editors_only
async def link_button(update: Update, context: BotContext) -> None:
    """Teach a group's wordings to the chosen entry."""
    if pressed := _pressed(update):
        query, callback = pressed
        services = context.services
        editor = str(update.effective_user.id if update.effective_user else "")
        groups = await _groups(services)
        key, entry_id = callback.number(0), callback.args[1]
        notice, changed = await link_group(services, groups, key, entry_id, editor)
        await _show(query, notice, queue_view(await _groups(services) if changed else groups, 0))


@editors_only
async def dismiss_group(update: Update, context: BotContext) -> None:
    """Dismiss a group: its questions leave the queue unanswered."""
    if pressed := _pressed(update):
        query, callback = pressed
        services = context.services
        groups = await _groups(services)
        group = find_group(groups, callback.number())
        if group is None:
            await _show(query, "Those questions were already handled.", queue_view(groups, 0))
            return
        services.store.dismiss([q.id for q in group.questions])
        notice = f"Dismissed {group.count} question(s)."
        await _show(query, notice, queue_view(await _groups(services), 0))


@editors_only
async def keep_group(update: Update, context: BotContext) -> None:
    """Keep a group open and go back to the queue."""
    if pressed := _pressed(update):
        query, callback = pressed
        groups = await _groups(context.services)
        group = find_group(groups, callback.number())
        notice = "Kept open." if group is not None else "Those questions were already handled."
        await _show(query, notice, queue_view(groups, 0))


async def _review_suggestion(update: Update, context: BotContext, approve: bool) -> None:
    pressed = _pressed(update)
    if pressed is None:
        return
    query, callback = pressed
    services = context.services
    editor = str(update.effective_user.id if update.effective_user else "")
    pending = {s.id: s for s in await services.store.suggestions()}
    reviewed = pending.get(callback.number())
    if reviewed is None:
        notice = "That suggestion was already handled."
    elif approve:
        lesson = services.store.approve(reviewed.id, editor)
        services.learn(reviewed.entry_id, [reviewed.phrasing])
        notice = f"Approved for {reviewed.entry_id}. Undo: /unlink {lesson}"
    else:
        services.store.reject(reviewed.id)
        notice = "Rejected."
    await _show(query, notice, await _suggestions_view(services))


@editors_only
async def approve_suggestion(update: Update, context: BotContext) -> None:
    """Approve a reader's did-you-mean choice: its wording is taught to the entry."""
    await _review_suggestion(update, context, approve=True)


@editors_only
async def reject_suggestion(update: Update, context: BotContext) -> None:
    """Reject a reader's did-you-mean choice."""
    await _review_suggestion(update, context, approve=False)


def _plain(html_text: str) -> str:
    return html_text.replace("<code>", "").replace("</code>", "")


# ----------------------------------------------------------------------- admins
@admins_only
async def stats(update: Update, context: BotContext) -> None:
    """Question counts, rates, top entries, top unanswered groups, feedback ratio."""
    services = context.services
    store = services.store
    lines = stats_lines(await store.stats(), await _groups(services))
    lines += health_lines(await store.deliveries(), store.health())
    await _reply(update, _pre(lines))


@admins_only
async def reload(update: Update, context: BotContext) -> None:
    """Reload faq/ and taught phrasings; on any problem the old knowledge stays live."""
    services = context.services
    problems = await services.reload()
    if problems:
        await _reply(
            update,
            "<b>Reload failed</b>; the old knowledge stays live. Problems:\n"
            + _pre([str(p) for p in problems]),
        )
        return
    await _reply(
        update,
        f"Reloaded: {len(services.live.kb)} entries,"
        f" {services.live.taught_count} taught phrasing(s) applied.",
    )


@admins_only
async def export(update: Update, context: BotContext) -> None:
    """Send the unanswered questions and the feedback as CSV documents."""
    services = context.services
    message = update.effective_message
    if message is None:
        return
    queue = groups_csv(await _groups(services))
    votes = feedback_csv(await services.store.feedback_rows())
    await message.reply_document(
        InputFile(queue.encode(), filename="unanswered.csv"), caption="Unanswered questions"
    )
    await message.reply_document(
        InputFile(votes.encode(), filename="feedback.csv"), caption="Feedback"
    )


@admins_only
async def purge(update: Update, context: BotContext) -> None:
    """Delete question rows older than N days: /purge <days>."""
    args = context.args or []
    if len(args) != 1 or not args[0].isdigit():
        await _reply(update, "Usage: <code>/purge days</code>, e.g. <code>/purge 90</code>")
        return
    deleted = await context.services.store.purge(int(args[0]))
    await _reply(update, f"Deleted {deleted} question(s) older than {int(args[0])} days.")
