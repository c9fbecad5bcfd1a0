"""Errors that faqbot reports to a person as a message rather than a traceback."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from pathlib import Path


class FaqbotError(Exception):
    """Base class so the CLI and handlers can turn any of ours into a clean message."""


class ConfigError(FaqbotError):
    """The configuration or environment cannot start the bot; the operator must fix it."""


class UsageError(FaqbotError):
    """The command line names something the command cannot use: a file or folder missing,
    unreadable, malformed or unwritable, or a bad option value. The CLI exits 2, apart from
    1 (the command ran and what it checks failed)."""


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


def did_you_mean(name: str, known: Iterable[str], prefix: str = "") -> str:
    """A name faqbot does not know, with the known one it may be a typo of:
    "flod_limit (did you mean flood_limit?)", or the name alone when none is close.

    prefix: a prefix every name shares (FAQBOT_), left out when names are compared.
    """
    suffixes = sorted(k.removeprefix(prefix) for k in known)
    close = difflib.get_close_matches(name.removeprefix(prefix), suffixes, n=1)
    return f"{name} (did you mean {prefix}{close[0]}?)" if close else name


def unknown_key(name: str, allowed: Iterable[str]) -> str:
    """The problem of a key a file may not have, with the allowed one it may be a typo of:
    "unknown key, did you mean 'synonyms'? (allowed: phrases, scope, synonyms)"."""
    known = sorted(allowed)
    close = difflib.get_close_matches(name, known, n=1)
    hint = f", did you mean {close[0]!r}?" if close else ""
    return f"unknown key{hint} (allowed: {', '.join(known)})"


def os_reason(exc: OSError, path: Path | str | None = None) -> str:
    """What an OS error says, in words and without its "[Errno N]": "No such file or
    directory", followed by the file it is about when that is not `path` (the one the
    message names already): "Not a directory: /tmp/q.txt"."""
    words = exc.strerror or str(exc) or type(exc).__name__
    about = [str(f) for f in (exc.filename, exc.filename2) if f is not None]
    about = [f for f in about if path is None or f != str(path)]
    return f"{words}: {', '.join(about)}" if about else words
