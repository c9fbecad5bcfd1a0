"""Build the python-telegram-bot Application: lifecycle, handler registration, error handling."""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import hashlib
import hmac
import logging
import os
import signal
import sqlite3
import threading
import time
from typing import Any, cast

from telegram import LinkPreviewOptions, Update
from telegram.constants import ChatType
from telegram.error import Forbidden, InvalidToken, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from faqbot.config import Secret, Settings
from faqbot.errors import ConfigError, FaqbotError
from faqbot.flood import FloodGuard
from faqbot.knowledge import KnowledgeBase
from faqbot.live import load_live
from faqbot.logs import add_secrets
from faqbot.messages import load_messages
from faqbot.reading import ChatArticles
from faqbot.storage import Purged, Store
from faqbot.telegram import readers, staff
from faqbot.telegram.callbacks import Action
from faqbot.telegram.delivery import (
    FAILED,
    Lifecycle,
    ReplyNotSentError,
    Retrier,
    current_delivery,
    is_transient,
)
from faqbot.telegram.inbox import Inbox, InboxProcessor, InboxQueue, ReliableBot
from faqbot.telegram.menus import READER_COMMANDS, CommandTo, set_staff_menu
from faqbot.telegram.services import SERVICES_KEY, BotContext, Services
from faqbot.telegram.transport import AiohttpRequest, resolve_proxy, shown
from faqbot.telegram.webhook import WebhookUpdater
from faqbot.userkey import resolve_user_key

logger = logging.getLogger(__name__)

BotApp = Application[ReliableBot, BotContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], Any]

RETENTION_EVERY = 6 * 3600
# The most-answered entries (an empty inline query's list) are counted in memory as answers
# are logged, so a refresh costs a sort of the counts: as often as Telegram's inline cache.
TOP_ENTRIES_EVERY = 30

# The update types the handlers below handle, and so the only ones Telegram is asked for
# (tests/telegram/test_app.py checks each handler against this list).
ALLOWED_UPDATES = (
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CALLBACK_QUERY,
    Update.INLINE_QUERY,
)
# Updates handled at once. Measured (benchmarks/bench_bot.py, README): 64 is the fastest of
# 4, 8, 16, 32, 64 with 50 ms Bot API latency (the bot is then CPU-bound: 128 is no faster),
# and as fast as the others with none. Over HTTPX it was 16: httpcore's pool bookkeeping per
# request grows with the connections (transport.py).
MAX_CONCURRENT_UPDATES = 64
# Connections in the pool for Bot API calls (getUpdates has its own; transport.py): one per
# update being handled, so a reply never waits for a connection.
CONNECTION_POOL_SIZE = MAX_CONCURRENT_UPDATES
# Shares of stop_timeout: running handlers get DRAIN to finish (then they are cancelled and
# their updates stay in the inbox); webhook requests in progress get WEBHOOK (from the same
# start: the drain, then the answers of the updates cancelled by it) to be answered; a
# teaching build going on gets SETTLE to finish (what it taught is in the queue anyway);
# the log writer gets FLUSH to write what is queued.
DRAIN_SHARE = 0.4
WEBHOOK_SHARE = 0.5
SETTLE_SHARE = 0.1
FLUSH_SHARE = 0.25


def register_handlers(app: BotApp) -> None:
    """Register every handler in one place. Order matters: the first matching handler wins."""
    private = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS
    new_messages = filters.UpdateType.MESSAGE
    # New and edited messages: an edited question is answered again by editing the earlier
    # reply (readers.answer_question tells them apart).
    messages = filters.UpdateType.MESSAGES
    # 1. Reader commands, in any chat (/ask@BotName in groups included; PTB's
    # CommandHandler takes a command addressed to this bot or to none, never to another
    # bot); an edited /ask is asked again, other edited commands are ignored.
    for name, reader_command, updates in (
        ("start", readers.start, new_messages),
        ("help", readers.help_command, new_messages),
        ("topics", readers.topics, new_messages),
        ("ask", readers.ask, messages),
        ("articles", readers.articles, new_messages),
        ("whoami", readers.whoami, new_messages),
    ):
        app.add_handler(CommandHandler(name, reader_command, filters=updates))
    # 2. Editor and admin commands; each checks the caller's id on every call, and answers
    # only in a private chat (staff.py: in a group, staff get a hint to ask in private).
    for name, handler in (
        ("unanswered", staff.unanswered),
        ("suggested", staff.suggested),
        ("feedback", staff.feedback),
        ("link", staff.link),
        ("unlink", staff.unlink),
        ("stats", staff.stats),
        ("reload", staff.reload),
        ("export", staff.export),
        ("purge", staff.purge),
    ):
        app.add_handler(CommandHandler(name, handler, filters=new_messages))
    # 3. Any other command is unknown: in a private chat, unless addressed to another bot;
    # in a group, when addressed to this one ("/nosuch@FaqBot": a bare "/nosuch" may be
    # another bot's). Editor commands are checked per call.
    for_us = (private & CommandTo(explicitly=False)) | CommandTo(explicitly=True)
    app.add_handler(
        MessageHandler(filters.COMMAND & new_messages & for_us, readers.unknown_command)
    )
    # 4. Private text is a question; in groups only replies to or mentions of the bot are.
    # The caption of a photo, video or document ("how much has korea invested?" under a
    # screenshot) is asked as text is.
    worded = filters.TEXT | filters.CAPTION
    app.add_handler(
        MessageHandler(private & worded & ~filters.COMMAND & messages, readers.private_text)
    )
    mentions = (
        filters.Entity("mention")
        | filters.Entity("text_mention")
        | filters.CaptionEntity("mention")
        | filters.CaptionEntity("text_mention")
    )
    app.add_handler(
        MessageHandler(groups & worded & messages & (filters.REPLY | mentions), readers.group_text)
    )
    # 5. Stickers, voice, locations, photos without a caption... in private chats get a hint.
    app.add_handler(MessageHandler(private & new_messages & ~worded, readers.non_text))
    # 6. Buttons, one handler per action (editor buttons first: each checks the caller's id
    # on every press); any other data is stale or forged and gets a polite notice.
    for action, handler in (
        (Action.QUEUE, staff.queue_page),
        (Action.REVIEW, staff.review_group),
        (Action.LINK, staff.link_button),
        (Action.LINK_ANYWAY, staff.link_anyway_button),
        (Action.DISMISS, staff.dismiss_group),
        (Action.KEEP, staff.keep_group),
        (Action.APPROVE, staff.approve_suggestion),
        (Action.APPROVE_ANYWAY, staff.approve_anyway_button),
        (Action.REJECT, staff.reject_suggestion),
        (Action.UNDO, staff.undo_button),
        (Action.PURGE, staff.purge_confirm),
        (Action.PURGE_CANCEL, staff.purge_cancel),
        (Action.CHOICE, readers.choose_answer),
        (Action.ANSWER, readers.open_answer),
        (Action.VOTE, readers.vote),
        (Action.VOTE_PARTIAL, readers.vote_on_partial),
        (Action.SECTIONS, readers.browse_sections),
        (Action.SECTION, readers.browse_section),
        (Action.ARTICLES, readers.articles_page),
        (Action.ENTER, readers.enter_article),
        (Action.PICK, readers.pick_article),
    ):
        app.add_handler(CallbackQueryHandler(handler, pattern=action.pattern))
    app.add_handler(CallbackQueryHandler(readers.stale_button))
    # 7. Inline mode.
    app.add_handler(InlineQueryHandler(readers.inline_query))
    app.add_error_handler(on_error)


async def on_error(update: object, context: BotContext) -> None:
    """Record the reply as failed; log the error (with traceback if it is ours); tell a
    private-chat reader politely unless Telegram itself is unreachable."""
    error = context.error
    delivery = current_delivery()
    if delivery is not None:
        delivery.settle(FAILED)
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(error, ReplyNotSentError):
        logger.debug("update %s: %s", update_id, error)
        return
    if update is None and is_transient(error):  # from the Updater: it polls again itself
        logger.warning("getUpdates failed (%s: %s); polling again", type(error).__name__, error)
        return
    if is_transient(error) or isinstance(error, Forbidden):
        # Not ours to fix: Telegram out of reach, or a 403 (the reader blocked the bot, it
        # left the group). One line.
        logger.warning("no reply to update %s: %s: %s", update_id, type(error).__name__, error)
        return
    # Ours: a bug in a handler, or a 400 (BadRequest: the bot sent what Telegram cannot
    # take: malformed HTML, too long, a bad button). Worth a traceback, once per update.
    logger.error("error while handling an update", exc_info=error)
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


async def apply_retention(store: Store, days: int, reading: ChatArticles | None = None) -> None:
    """Delete what holds readers' texts or ids past the retention period (0 keeps them:
    see Store.purge; the articles of chats unused as long are forgotten in `reading`'s
    memory too), and inbox rows finished more than a day ago; on a database problem log it
    and leave it to the next run."""
    try:
        await store.purge_inbox()
        deleted = await store.purge(days) if days else Purged()
    except (sqlite3.Error, FaqbotError) as exc:
        logger.warning("retention purge failed (%s); next try in 6 hours", exc)
    else:
        # Forgotten in memory only once the database forgot them too (else the memory,
        # thought complete, would answer "no article" for rows still there).
        if days and reading is not None:
            reading.expire(days)
        if deleted:
            logger.info("retention: deleted %s older than %d days", deleted.phrase(), days)


async def retention_job(context: BotContext) -> None:
    """The JobQueue's retention run: at start-up, then every RETENTION_EVERY seconds."""
    services = context.services
    await apply_retention(services.store, services.settings.retention_days, services.reading)


async def top_entries_job(context: BotContext) -> None:
    """Refresh the most-answered entries that an empty inline query shows (at start-up, then
    every TOP_ENTRIES_EVERY seconds); on a database problem keep the last list."""
    services = context.services
    try:
        top = await services.store.top_entries(10)
    except (sqlite3.Error, FaqbotError) as exc:
        logger.warning("could not refresh the top entries (%s); keeping the last list", exc)
        return
    services.top_entries = tuple(entry_id for entry_id, _ in top)


def webhook_secret(settings: Settings, token: Secret) -> str:
    """The configured secret_token, or one derived from the bot token (never empty)."""
    configured = settings.webhook_secret.reveal()
    if configured:
        return configured
    return hmac.new(token.reveal().encode(), b"faqbot-webhook", hashlib.sha256).hexdigest()


def build_application(settings: Settings, token: Secret) -> BotApp:
    """Assemble the application; services are created in post_init, not here.

    The bot is a ReliableBot (retries, inbox on getUpdates), the update queue keeps webhook
    updates before they are answered, and the update processor finishes each update in the
    inbox once its replies are done (see telegram/inbox.py and telegram/delivery.py).
    """
    lifecycle = Lifecycle()
    inbox = Inbox(settings.max_reply_age)
    proxy, named_by = resolve_proxy(settings.bot_api_url, settings.proxy.reveal())
    if proxy is not None:
        if proxy.password:
            add_secrets([proxy.password])
        logger.info("Bot API calls go through the proxy %s (%s)", shown(proxy), named_by)

    bot = ReliableBot(
        token.reveal(),
        base_url=settings.bot_api_url,
        request=AiohttpRequest(CONNECTION_POOL_SIZE, settings.api_timeout, proxy=proxy),
        get_updates_request=AiohttpRequest(1, settings.api_timeout, proxy=proxy),
        defaults=Defaults(link_preview_options=LinkPreviewOptions(is_disabled=True)),
        rate_limiter=AIORateLimiter(
            overall_max_rate=settings.outgoing_per_second,
            group_max_rate=settings.outgoing_per_group_minute,
            max_retries=3,
        ),
        inbox=inbox,
        retrier=Retrier(lifecycle, settings.startup_retry),
    )

    async def post_init(app: BotApp) -> None:
        with lifecycle.start_up():  # a stop now cancels it (and PTB then shuts down)
            await _start(app)

    async def _start(app: BotApp) -> None:
        messages = load_messages(settings.messages)
        store = await Store.open(
            settings.database, buffer_rows=settings.log_buffer_rows, owner=True
        )
        inbox.store = store  # from here on, post_shutdown closes it
        await _set_user_key(store, settings)
        for problem in await store.check():
            logger.error(
                "QUESTION LOG %s: %s. The bot keeps answering; up to %d log rows wait in"
                " memory and are retried until the database takes them.",
                settings.database,
                problem,
                settings.log_buffer_rows,
            )
        services = Services(
            settings=settings,
            messages=messages,
            store=store,
            live=load_live(settings, await store.taught(), prepare=True),
            flood=FloodGuard(settings.flood_limit, settings.flood_window),
            bot_username=app.bot.username,
            reading=ChatArticles(store, settings.reading_cache_chats),
        )
        app.bot_data[SERVICES_KEY] = services
        # Before any update (recovered ones included) is handled.
        loaded = await services.reading.load()
        await _backfill_articles(store, services.live.kb)
        await set_command_menus(app, settings)
        if app.job_queue is None:
            raise RuntimeError("PTB's job queue is missing: install python-telegram-bot[job-queue]")
        app.job_queue.run_repeating(retention_job, RETENTION_EVERY, first=0, name="retention")
        app.job_queue.run_repeating(top_entries_job, TOP_ENTRIES_EVERY, first=0, name="top-entries")
        await inbox.recover(app.bot, app.update_queue)
        logger.info(
            "faqbot @%s ready: %d entries, %d taught phrasings, %d chats' articles",
            app.bot.username,
            len(services.live.kb),
            services.live.taught_count,
            loaded,
        )

    async def post_shutdown(app: BotApp) -> None:
        services = app.bot_data.get(SERVICES_KEY)
        if isinstance(services, Services):
            await services.settle(settings.stop_timeout * SETTLE_SHARE)
        if inbox.store is not None:
            await inbox.store.close(grace=settings.stop_timeout * FLUSH_SHARE)
            logger.info("question log flushed and closed")

    context_types = ContextTypes(context=BotContext)
    app = cast(  # the updater brings the bot, so the builder does not know its type
        BotApp,
        ApplicationBuilder()
        # Its webhook server is faqbot's.
        .updater(WebhookUpdater(bot, InboxQueue(inbox), settings.stop_timeout * WEBHOOK_SHARE))
        .context_types(context_types)
        .concurrent_updates(InboxProcessor(inbox, lifecycle, MAX_CONCURRENT_UPDATES))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build(),
    )
    register_handlers(app)
    return app


async def _backfill_articles(store: Store, kb: KnowledgeBase) -> None:
    """Name the article of question rows and votes logged before articles were recorded
    (once per database; the store remembers it is done). On a database problem, log it:
    those rows count overall only until the next start tries again."""
    try:
        filled = await store.backfill_articles({e.id: e.article.id for e in kb.entries})
    except (sqlite3.Error, FaqbotError) as exc:
        logger.warning("could not name the articles of earlier questions: %s", exc)
    else:
        if filled:
            logger.info("named the article of %d earlier question(s)", filled)


async def _set_user_key(store: Store, settings: Settings) -> None:
    """Give the store the user-hash key kept outside the database; erase a legacy salt."""
    legacy = await store.legacy_salt()
    key = resolve_user_key(settings.user_hash_key.reveal(), settings.user_hash_key_file, legacy)
    store.set_user_key(key.value)
    add_secrets([key.value])
    if legacy is not None:
        try:
            await store.erase_legacy_salt()
        except sqlite3.Error as exc:
            logger.warning("could not erase the old user-hash salt from the database: %s", exc)


class Stopper:
    """SIGINT/SIGTERM handling: the first signal stops the bot, any later one is noted.

    Stopping is bounded: handlers still running after the drain time are cancelled (their
    updates stay in the inbox), the log writer gets its flush time, and a watchdog ends the
    process if it is still alive after stop_timeout seconds.
    """

    def __init__(self, app: BotApp, stop_timeout: float) -> None:
        self.app = app
        self.stop_timeout = stop_timeout
        processor = app.update_processor
        assert isinstance(processor, InboxProcessor)
        self.processor = processor
        self.started: float | None = None

    def install(self, loop: asyncio.AbstractEventLoop) -> None:
        """Handle SIGINT and SIGTERM in the event loop."""
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self._on_signal, sig)

    def _on_signal(self, sig: int) -> None:
        name = signal.Signals(sig).name
        if self.started is not None:
            left = self.stop_timeout - (time.monotonic() - self.started)
            logger.warning("%s again: already stopping (done within %.0f s)", name, max(left, 0))
            return
        self.started = time.monotonic()
        logger.info(
            "%s: stopping within %.0f s; updates not finished are handled on the next start",
            name,
            self.stop_timeout,
        )
        self.processor.lifecycle.stop()
        loop = asyncio.get_running_loop()
        loop.call_later(self.stop_timeout * DRAIN_SHARE, self._cancel_running)
        watchdog = threading.Timer(self.stop_timeout, self._force_exit)
        watchdog.daemon = True
        watchdog.start()
        raise SystemExit(0)  # PTB's run_polling/run_webhook then stops in order

    def hold(self) -> None:
        """Once PTB has closed the event loop (removing its signal handlers), keep noting
        SIGINT/SIGTERM, and ignore them while Python shuts down (which would otherwise
        restore their default, fatal action), so a repeated signal never kills a process
        that has already stopped cleanly."""
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, self._on_late_signal)
        atexit.register(_ignore_stop_signals)

    def _on_late_signal(self, sig: int, frame: object) -> None:
        logger.warning("%s again: already stopping", signal.Signals(sig).name)

    def _cancel_running(self) -> None:
        cancelled = self.processor.cancel_running()
        if cancelled:
            logger.warning(
                "stopping: %d update(s) still running left for the next start", cancelled
            )

    def _force_exit(self) -> None:
        logger.critical("did not stop within %.0f s; exiting now", self.stop_timeout)
        logging.shutdown()
        os._exit(1)


def _ignore_stop_signals() -> None:
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)


def run(settings: Settings, token: Secret, *, webhook: bool) -> None:
    """Run until SIGINT/SIGTERM; PTB then stops cleanly and post_shutdown flushes the log.

    A signal is a requested stop, so it returns (exit 0) even before the bot is serving:
    start-up work still retrying (getMe, post_init's calls, e.g. with the Bot API out of
    reach) is cancelled, and the signal's log line is the only one.

    Raises ConfigError if Telegram rejects the token, FaqbotError if the Bot API stays
    unreachable at start-up (after retrying for startup_retry seconds).
    """
    app = build_application(settings, token)
    secret = webhook_secret(settings, token)
    path = hashlib.sha256(secret.encode()).hexdigest()[:24]
    add_secrets([token.reveal(), secret, path])
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    stopper = Stopper(app, settings.stop_timeout)
    stopper.install(loop)
    lifecycle = stopper.processor.lifecycle

    async def initialize() -> None:
        with lifecycle.start_up():  # a stop now cancels it
            await app.bot.initialize()  # getMe, retried

    starting = loop.create_task(initialize())
    try:
        loop.run_until_complete(starting)
        if not webhook:
            app.run_polling(
                allowed_updates=list(ALLOWED_UPDATES),
                timeout=settings.poll_timeout,
                stop_signals=None,
            )
            return
        app.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=path,
            webhook_url=f"{settings.webhook_url.rstrip('/')}/{path}",
            secret_token=secret,
            allowed_updates=list(ALLOWED_UPDATES),
            stop_signals=None,
        )
    except SystemExit:
        # Stopped (SIGINT/SIGTERM) before it was serving, getMe cancelled: a clean stop.
        with contextlib.suppress(asyncio.CancelledError):
            loop.run_until_complete(starting)
    except InvalidToken:
        raise ConfigError(
            "Telegram rejected the bot token (TELEGRAM_BOT_TOKEN): check it with @BotFather"
        ) from None
    except TelegramError as exc:
        raise FaqbotError(f"the Bot API failed at start-up: {type(exc).__name__}: {exc}") from None
    finally:
        stopper.hold()
        if not loop.is_closed():
            with contextlib.suppress(Exception):
                loop.run_until_complete(app.bot.shutdown())
            loop.close()
