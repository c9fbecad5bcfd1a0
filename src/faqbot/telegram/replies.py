"""Sending views to Telegram, written once for readers' and editors' handlers: long HTML
split to Telegram's limit, buttons on the last part, a pressed button's message edited in
place, and Telegram's "message is not modified" taken as success."""

from __future__ import annotations

from telegram import Bot, CallbackQuery, InlineKeyboardMarkup, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest

from faqbot.telegram.render import View, split_html


def is_not_modified(exc: BadRequest) -> bool:
    """Tell whether Telegram refused an edit only because nothing changed."""
    return "message is not modified" in exc.message.lower()


async def send_html(
    message: Message, html: str, markup: InlineKeyboardMarkup | None = None, *, quote: bool
) -> Message:
    """Reply with HTML split to Telegram's limit; the buttons go on the last part, only the
    first part quotes (when `quote`). Returns the last message sent."""
    parts = split_html(html)
    sent = message
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        sent = await message.reply_html(
            part, reply_markup=markup if last else None, do_quote=quote and i == 0
        )
    return sent


async def edit_html(bot: Bot, chat_id: int, message_id: int, view: View) -> None:
    """Replace an earlier message with the first part of a view (an edit is one message)."""
    try:
        await bot.edit_message_text(
            split_html(view[0])[0],
            chat_id=chat_id,
            message_id=message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=view[1],
        )
    except BadRequest as exc:
        if not is_not_modified(exc):
            raise


async def show(query: CallbackQuery, view: View, notice: str | None = None) -> None:
    """Acknowledge a pressed button (with a short notice, if any) and turn its message into
    the view."""
    await query.answer(notice[:200] if notice else None)
    try:
        await query.edit_message_text(view[0], parse_mode=ParseMode.HTML, reply_markup=view[1])
    except BadRequest as exc:
        if not is_not_modified(exc):
            raise
