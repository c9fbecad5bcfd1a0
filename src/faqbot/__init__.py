"""faqbot: answers readers' questions about an article, with sources, in Telegram."""

__version__ = "0.1.0"
