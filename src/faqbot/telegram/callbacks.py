"""Callback data of the bot's inline buttons: one typed codec for every button it makes.

Each button carries ``<action>:<arg>[:<arg>]`` (e.g. ``v:japan-focus:u``). `encode` builds
it and is the one place that enforces Telegram's 64-byte limit; `decode` accepts only the
shapes `encode` makes, so stale or forged data decodes to None. Every action has its own
`pattern`, so app.register_handlers routes each to its own CallbackQueryHandler.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

MAX_CALLBACK_BYTES = 64

_ID = r"[a-z0-9][a-z0-9-]{0,39}"  # an entry or article id (knowledge.ID_PATTERN)
_NUM = r"\d{1,10}"  # a question, group or suggestion id
_PAGE = r"\d{1,4}"  # a page or section number
_TOKEN = r"[0-9a-f]{8}"  # a lesson id, or a pending confirmation (secrets.token_hex(4))


class Action(StrEnum):
    """What a button does; the value is its short prefix on the wire (kept stable, so
    buttons already in chats keep working)."""

    # readers
    CHOICE = "d"  # did-you-mean choice: the message becomes that answer (args: entry id)
    ANSWER = "a"  # related or browsed question: send its answer (args: entry id)
    VOTE = "v"  # 👍/👎 under an answer (args: entry id, "u" or "d")
    # 👍/👎 under a partial reply, the entry being the closest fact (args: as VOTE)
    VOTE_PARTIAL = "vp"
    SECTIONS = "ts"  # a page of the section list (args: page[, article id])
    SECTION = "tp"  # a page of one section's questions (args: section, page[, article id])
    ARTICLES = "al"  # a page of the article list (args: page)
    ENTER = "ae"  # enter an article's conversation (args: article id)
    PICK = "ap"  # which article a question is about: answer it there (args: article id)
    # editors
    QUEUE = "ug"  # a page of the unanswered queue (args: page)
    REVIEW = "ur"  # open a question group (args: group key)
    LINK = "ul"  # teach a group's wordings to an entry (args: group key, entry id)
    # the same, confirmed: the doubted wordings the editor saw too (args: as LINK, and
    # their digest: faqbot.review.doubt_digest)
    LINK_ANYWAY = "uy"
    DISMISS = "ud"  # dismiss a group (args: group key)
    KEEP = "uk"  # keep a group open (args: group key)
    APPROVE = "sa"  # approve a reader's did-you-mean choice (args: suggestion id)
    # the same, confirmed: a wording with words the entry never writes (args: as APPROVE)
    APPROVE_ANYWAY = "sy"
    REJECT = "sr"  # reject it (args: suggestion id)
    UNDO = "uu"  # undo a teaching act (args: lesson id)
    # admins
    PURGE = "pc"  # confirm a /purge (args: confirmation token)
    PURGE_CANCEL = "px"  # cancel it (args: confirmation token)

    @property
    def pattern(self) -> re.Pattern[str]:
        """The whole callback data this action accepts (for CallbackQueryHandler)."""
        return _PATTERNS[self]

    @property
    def for_editors(self) -> bool:
        """Whether only editors may press it (checked again on every press)."""
        return self in EDITOR_ACTIONS


_ARGS: dict[Action, str] = {
    Action.CHOICE: _ID,
    Action.ANSWER: _ID,
    Action.VOTE: _ID + ":[ud]",
    Action.VOTE_PARTIAL: _ID + ":[ud]",
    # Sections of one article (with several served) name it; without: all the knowledge.
    Action.SECTIONS: _PAGE + f"(?::{_ID})?",
    Action.SECTION: _PAGE + ":" + _PAGE + f"(?::{_ID})?",
    Action.ARTICLES: _PAGE,
    Action.ENTER: _ID,
    Action.PICK: _ID,
    Action.QUEUE: _PAGE,
    Action.REVIEW: _NUM,
    Action.LINK: _NUM + ":" + _ID,
    Action.LINK_ANYWAY: _NUM + ":" + _ID + ":" + _TOKEN,
    Action.DISMISS: _NUM,
    Action.KEEP: _NUM,
    Action.APPROVE: _NUM,
    Action.APPROVE_ANYWAY: _NUM,
    Action.REJECT: _NUM,
    Action.UNDO: _TOKEN,
    Action.PURGE: _TOKEN,
    Action.PURGE_CANCEL: _TOKEN,
}
_PATTERNS = {action: re.compile(f"^{action.value}:(?:{args})$") for action, args in _ARGS.items()}
EDITOR_ACTIONS = frozenset(
    {
        Action.QUEUE,
        Action.REVIEW,
        Action.LINK,
        Action.LINK_ANYWAY,
        Action.DISMISS,
        Action.KEEP,
        Action.APPROVE,
        Action.APPROVE_ANYWAY,
        Action.REJECT,
        Action.UNDO,
        Action.PURGE,
        Action.PURGE_CANCEL,
    }
)
READER_ACTIONS = frozenset(Action) - EDITOR_ACTIONS


class CallbackDataError(ValueError):
    """Callback data the bot would make but Telegram (or `decode`) would refuse: over 64
    bytes, or arguments not of the action's shape. A bug in the bot, never reader input."""


@dataclass(frozen=True, slots=True)
class Callback:
    """Decoded callback data: the action and its arguments, as text."""

    action: Action
    args: tuple[str, ...]

    def number(self, index: int = 0) -> int:
        """The argument at `index` as a whole number (the action's shape guarantees one)."""
        return int(self.args[index])


def encode(action: Action, *args: str | int) -> str:
    """The callback data for a button; raise CallbackDataError if Telegram or `decode`
    would refuse it."""
    data = ":".join([action.value, *map(str, args)])
    size = len(data.encode())
    if size > MAX_CALLBACK_BYTES:
        raise CallbackDataError(f"callback data over {MAX_CALLBACK_BYTES} bytes ({size}): {data!r}")
    if not action.pattern.fullmatch(data):
        raise CallbackDataError(f"callback data not of the shape {action.name} takes: {data!r}")
    return data


def decode(data: str | None) -> Callback | None:
    """The action and arguments of callback data the bot made; None for anything else
    (stale buttons of an older version, forged data, over 64 bytes)."""
    if not data or len(data.encode()) > MAX_CALLBACK_BYTES:
        return None
    prefix, _, rest = data.partition(":")
    try:
        action = Action(prefix)
    except ValueError:
        return None
    if not action.pattern.fullmatch(data):
        return None
    return Callback(action, tuple(rest.split(":")))
