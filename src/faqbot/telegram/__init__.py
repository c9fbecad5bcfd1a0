"""The thin python-telegram-bot layer over the Telegram-free core."""
