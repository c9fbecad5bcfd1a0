"""A python-telegram-bot echo bot with default settings: bench_bot's yardstick.

Run: TELEGRAM_BOT_TOKEN=... FAQBOT_BOT_API_URL=... python -m benchmarks.echo_bot
It echoes every text message with reply_text, as PTB's own echo example does, with the
builder's defaults (one update at a time, the default HTTPX pool). With FAQBOT_ECHO_AIOHTTP=1
its Bot API calls go over faqbot's transport instead (telegram/transport.py, aiohttp; PTB's
default pool size and timeouts), all else default.
"""

from __future__ import annotations

import os

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from faqbot.telegram.transport import AiohttpRequest


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply with the message's own text."""
    message = update.effective_message
    if message is not None and message.text:
        await message.reply_text(message.text)


def main() -> None:
    """Poll the Bot API at FAQBOT_BOT_API_URL until SIGTERM."""
    builder = (
        Application.builder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ["FAQBOT_BOT_API_URL"])
    )
    if os.environ.get("FAQBOT_ECHO_AIOHTTP") == "1":
        builder = builder.request(AiohttpRequest(256, 5.0)).get_updates_request(
            AiohttpRequest(1, 5.0)
        )
    app = builder.build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling(timeout=2)  # a short long-poll only so that SIGTERM stops it soon


if __name__ == "__main__":
    main()
