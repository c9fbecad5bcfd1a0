"""Errors that faqbot reports to a person as a message rather than a traceback."""

from __future__ import annotations

from collections.abc import Sequence


class FaqbotError(Exception):
    """Base class so the CLI and handlers can turn any of ours into a clean message."""


class ConfigError(FaqbotError):
    """The configuration or environment cannot start the bot; the operator must fix it."""


class KnowledgeError(FaqbotError):
    """One or more knowledge files are invalid; each problem names file, entry and field."""

    def __init__(self, problems: Sequence[object]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class StorageError(FaqbotError):
    """The question log could not be opened or migrated."""


class WriteQueueFullError(StorageError):
    """The store's write queue is full (the database has refused writes for long): an
    editor's act (teaching, undo, dismissal) is refused rather than queued and dropped."""


class UnknownArticleError(FaqbotError):
    """An article id that no knowledge file serves; the message lists the known ids."""

    def __init__(self, article_id: str, known: Sequence[str]) -> None:
        self.article_id = article_id
        self.known = tuple(known)
        listed = ", ".join(self.known) or "none"
        super().__init__(f"no article {article_id!r}; known article ids: {listed}")
