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
