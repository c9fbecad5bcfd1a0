"""Command menus (reader commands for everyone, staff commands in each staff chat), and
which bot a command is addressed to ("/stats@FaqBot", as Telegram clients send commands
in groups)."""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat, Message, MessageEntity
from telegram.error import BadRequest
from telegram.ext import filters

from faqbot.config import Settings

logger = logging.getLogger(__name__)

READER_COMMANDS = (
    BotCommand("start", "Welcome and what I can do"),
    BotCommand("topics", "Browse the questions I can answer"),
    BotCommand("articles", "The articles I know, with their links"),
    BotCommand("ask", "Ask a question (works in groups)"),
    BotCommand("help", "How to use this bot"),
    BotCommand("whoami", "Show your Telegram user id"),
)
EDITOR_COMMANDS = (
    BotCommand("unanswered", "Review unanswered questions, grouped"),
    BotCommand("suggested", "Approve readers' did-you-mean choices"),
    BotCommand("feedback", "Entries with the most thumbs down"),
    BotCommand("link", "Link a question group (#id) to an entry"),
    BotCommand("unlink", "Recent teaching, with undo"),
)
ADMIN_COMMANDS = (
    BotCommand("stats", "Questions, answer rates, top entries"),
    BotCommand("reload", "Reload the knowledge base"),
    BotCommand("export", "Unanswered questions and feedback as CSV"),
    BotCommand("purge", "Delete question rows older than N days"),
)


async def set_staff_menu(bot: Bot, settings: Settings, user_id: int) -> bool:
    """Show an editor or admin their commands in their private chat; False if Telegram can't."""
    if not settings.is_editor(user_id):
        return False
    commands = [*READER_COMMANDS, *EDITOR_COMMANDS]
    if settings.is_admin(user_id):
        commands += ADMIN_COMMANDS
    try:
        await bot.set_my_commands(commands, scope=BotCommandScopeChat(user_id))
    except BadRequest as exc:
        # Telegram knows a private chat only after the user has started the bot.
        logger.warning("no command menu for user %d yet: %s", user_id, exc.message)
        return False
    return True


def command_target(message: Message) -> str | None:
    """The bot a command message is addressed to, casefolded ("/stats@FaqBot args" ->
    "faqbot"); None for a bare command ("/stats") or a message that is no command."""
    entities = message.entities
    if not entities or entities[0].type != MessageEntity.BOT_COMMAND or entities[0].offset:
        return None
    command = message.parse_entity(entities[0])
    _, at, target = command.partition("@")
    return target.casefold() if at else None


class CommandTo(filters.MessageFilter):
    """Commands by whom they are addressed to: `explicitly` to this bot only
    ("/help@FaqBot"), or else to this bot or to no bot in particular ("/help"), never to
    another bot ("/help@OtherBot", which its own bot answers)."""

    def __init__(self, *, explicitly: bool) -> None:
        super().__init__(name=f"CommandTo(explicitly={explicitly})")
        self.explicitly = explicitly

    def filter(self, message: Message) -> bool:
        target = command_target(message)
        if target is None:
            return not self.explicitly
        return target == message.get_bot().username.casefold()
