"""Build the python-telegram-bot Application: lifecycle, handler registration, error handling."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import logging
import sqlite3
from typing import Any

from telegram import LinkPreviewOptions, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    ExtBot,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from faqbot.config import Secret, Settings
from faqbot.flood import FloodGuard
from faqbot.knowledge import load_knowledge
from faqbot.matching import Matcher
from faqbot.messages import load_messages
from faqbot.storage import Store
from faqbot.telegram import readers, staff
from faqbot.telegram.menus import READER_COMMANDS, set_staff_menu
from faqbot.telegram.render import EDITOR_PATTERN
from faqbot.telegram.services import SERVICES_KEY, BotContext, Services

logger = logging.getLogger(__name__)

RETENTION_KEY = "retention"

BotApp = Application[ExtBot[int], BotContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], Any]

RETENTION_EVERY = 6 * 3600


def register_handlers(app: BotApp) -> None:
    """Register every handler in one place. Order matters: the first matching handler wins."""
    private = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS
    new_messages = filters.UpdateType.MESSAGE
    # 1. Reader commands, in any chat (/ask@BotName in groups included).
    # (new messages only: an edited /ask is handled with the other edits below)
    for name, reader_command in (
        ("start", readers.start),
        ("help", readers.help_command),
        ("topics", readers.topics),
        ("ask", readers.ask),
        ("whoami", readers.whoami),
    ):
        app.add_handler(CommandHandler(name, reader_command, filters=new_messages))
    # 2. Editor and admin commands; each checks the caller's id on every call.
    for name, handler in (
        ("unanswered", staff.unanswered),
        ("suggested", staff.suggested),
        ("feedback", staff.feedback),
        ("link", staff.link),
        ("stats", staff.stats),
        ("reload", staff.reload),
        ("export", staff.export),
        ("purge", staff.purge),
    ):
        app.add_handler(CommandHandler(name, handler, filters=new_messages))
    # 3. Edited questions are answered again by editing the earlier reply.
    app.add_handler(
        MessageHandler(filters.UpdateType.EDITED_MESSAGE & filters.TEXT, readers.edited)
    )
    # 4. Any other command in a private chat is unknown (editor commands are checked per call).
    app.add_handler(MessageHandler(private & filters.COMMAND, readers.unknown_command))
    # 5. Private text is a question; in groups only replies to or mentions of the bot are.
    app.add_handler(MessageHandler(private & filters.TEXT & new_messages, readers.private_text))
    app.add_handler(
        MessageHandler(
            groups
            & filters.TEXT
            & new_messages
            & (filters.REPLY | filters.Entity("mention") | filters.Entity("text_mention")),
            readers.group_text,
        )
    )
    # 6. Stickers, photos, voice, locations... in private chats get a hint.
    app.add_handler(MessageHandler(private & new_messages & ~filters.TEXT, readers.non_text))
    # 7. Buttons (editor buttons first: they are permission-checked) and inline mode.
    app.add_handler(CallbackQueryHandler(staff.editor_button, pattern=EDITOR_PATTERN))
    app.add_handler(CallbackQueryHandler(readers.reader_button))
    app.add_handler(InlineQueryHandler(readers.inline_query))
    app.add_error_handler(on_error)


async def on_error(update: object, context: BotContext) -> None:
    """Log every unhandled error with its traceback; tell a private-chat reader politely."""
    logger.error("error while handling an update", exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != ChatType.PRIVATE or update.effective_message is None:
        return
    try:
        services = context.services
        await update.effective_message.reply_html(services.messages.error)
    except (TelegramError, RuntimeError):
        logger.warning("could not tell the reader about the error", exc_info=True)


async def set_command_menus(app: BotApp, settings: Settings) -> None:
    """Readers see reader commands; each editor and admin sees theirs in their private chat."""
    await app.bot.set_my_commands(READER_COMMANDS)
    for user_id in sorted(settings.editor_ids | settings.admin_ids):
        await set_staff_menu(app.bot, settings, user_id)


async def apply_retention(store: Store, days: int) -> None:
    """Delete question rows past the retention period now and every few hours."""
    while True:
        try:
            deleted = await store.purge(days)
        except sqlite3.Error:
            logger.exception("retention purge failed")
        else:
            if deleted:
                logger.info("retention: deleted %d question(s) older than %d days", deleted, days)
        await asyncio.sleep(RETENTION_EVERY)


def webhook_secret(settings: Settings, token: Secret) -> str:
    """The configured secret_token, or one derived from the bot token (never empty)."""
    configured = settings.webhook_secret.reveal()
    if configured:
        return configured
    return hmac.new(token.reveal().encode(), b"faqbot-webhook", hashlib.sha256).hexdigest()


def build_application(settings: Settings, token: Secret) -> BotApp:
    """Assemble the application; services are created in post_init, not here."""

    async def post_init(app: BotApp) -> None:
        messages = load_messages(settings.messages)
        kb = load_knowledge(settings.knowledge).served(settings.serve_drafts)
        store = await Store.open(settings.database, settings.user_hash_salt.reveal())
        services = Services(
            settings=settings,
            messages=messages,
            store=store,
            knowledge=kb,
            matcher=Matcher(kb, settings.matching),
            flood=FloodGuard(settings.flood_limit, settings.flood_window),
            bot_username=app.bot.username,
        )
        taught = await services.relearn()
        app.bot_data[SERVICES_KEY] = services
        await set_command_menus(app, settings)
        if settings.retention_days:
            app.bot_data[RETENTION_KEY] = asyncio.create_task(
                apply_retention(store, settings.retention_days), name="retention"
            )
        logger.info(
            "faqbot @%s ready: %d entries, %d taught phrasings", app.bot.username, len(kb), taught
        )

    async def post_shutdown(app: BotApp) -> None:
        retention = app.bot_data.pop(RETENTION_KEY, None)
        if isinstance(retention, asyncio.Task):
            retention.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await retention
        services = app.bot_data.get(SERVICES_KEY)
        if isinstance(services, Services):
            await services.store.close()
            logger.info("question log flushed and closed")

    context_types = ContextTypes(context=BotContext)
    app: BotApp = (
        ApplicationBuilder()
        .token(token.reveal())
        .base_url(settings.bot_api_url)
        .context_types(context_types)
        .defaults(Defaults(link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .rate_limiter(
            AIORateLimiter(
                overall_max_rate=settings.outgoing_per_second,
                group_max_rate=settings.outgoing_per_group_minute,
                max_retries=3,
            )
        )
        .concurrent_updates(True)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    register_handlers(app)
    return app


def run(settings: Settings, token: Secret, *, webhook: bool) -> None:
    """Run until SIGINT/SIGTERM; PTB then stops cleanly and post_shutdown flushes the log."""
    app = build_application(settings, token)
    if not webhook:
        app.run_polling(allowed_updates=Update.ALL_TYPES, timeout=settings.poll_timeout)
        return
    secret = webhook_secret(settings, token)
    path = hashlib.sha256(secret.encode()).hexdigest()[:24]
    app.run_webhook(
        listen=settings.webhook_listen,
        port=settings.webhook_port,
        url_path=path,
        webhook_url=f"{settings.webhook_url.rstrip('/')}/{path}",
        secret_token=secret,
        allowed_updates=Update.ALL_TYPES,
    )
