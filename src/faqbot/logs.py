"""Logging set-up: secrets masked at every level, personal data only when asked for.

One stderr handler on the root logger carries two filters, so they see every record,
faqbot's, python-telegram-bot's and httpx's alike, at any level:

- Redactor replaces the bot token (also URL-encoded, and its secret half alone), the
  webhook secret and the webhook path in the message, its arguments and any traceback.
- PrivacyFilter, unless `log_personal_data` is on, hides the payloads PTB logs at DEBUG
  (update JSON, request parameters and results: user ids and question texts), and faqbot's
  own `personal(...)` values.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

HIDDEN = "<hidden: log_personal_data is off>"
REDACTED = "<redacted>"

_SCALARS = (str, int, float, bool, type(None))
# Loggers that put payloads in their DEBUG arguments: PTB (updates, request parameters and
# results) and aiosqlite (SQL parameters).
_PAYLOAD_LOGGERS = ("telegram", "aiosqlite")
# PTB log lines whose string arguments are payloads (update JSON, request data).
_PAYLOAD_MESSAGES = (
    "Webhook received data: %s",
    "Request had the wrong secret token: %s",
    'Can not load invalid JSON data: "%s"',
)


class Redactor(logging.Filter):
    """Mask known secrets anywhere in a record: message, arguments, traceback, stack."""

    def __init__(self) -> None:
        super().__init__()
        self._secrets: list[str] = []

    def add(self, *values: str) -> None:
        """Mask these from now on (with their URL-encoded forms; a bot token's halves too)."""
        for value in values:
            if not value:
                continue
            forms = {value, quote(value, safe=""), quote(value)}
            if ":" in value:  # a bot token: the part after the colon is the secret
                forms.add(value.split(":", 1)[1])
            self._secrets.extend(f for f in forms if len(f) >= 6 and f not in self._secrets)
        # Longest first, so that a token is masked whole before its secret half is.
        self._secrets.sort(key=len, reverse=True)

    def redact(self, text: str) -> str:
        """Return text with every known secret replaced by <redacted>."""
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = f"{record.msg!r} {record.args!r}"
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


class PrivacyFilter(logging.Filter):
    """Hide user ids and question texts unless personal data logging is on."""

    def __init__(self, allow: bool = False) -> None:
        super().__init__()
        self.allow = allow

    def filter(self, record: logging.LogRecord) -> bool:
        if self.allow or not record.args:
            return True
        args = record.args if isinstance(record.args, tuple) else (record.args,)
        if record.name.startswith(_PAYLOAD_LOGGERS):
            if record.msg in _PAYLOAD_MESSAGES:
                record.args = tuple(HIDDEN for _ in args)
            elif any(not isinstance(a, _SCALARS) for a in args):
                # Updates, request parameters, results and SQL parameters carry ids and texts.
                record.args = tuple(a if isinstance(a, _SCALARS) else HIDDEN for a in args)
        return True


class _Personal:
    """A value shown in logs only when personal data logging is on."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __str__(self) -> str:
        return str(self.value) if _privacy.allow else HIDDEN

    __repr__ = __str__


def personal(value: object) -> object:
    """Wrap a user id or text for a log call: it shows only if log_personal_data is on."""
    return _Personal(value)


_redactor = Redactor()
_privacy = PrivacyFilter()


def redact(text: str) -> str:
    """Mask the secrets registered so far (for messages printed outside logging)."""
    return _redactor.redact(text)


def add_secrets(values: Iterable[str]) -> None:
    """Register secrets to mask in every log record from now on."""
    _redactor.add(*values)


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to sys.stderr as it is at each record (tests and tools replace it)."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def configure_logging(level: str, *, personal_data: bool = False) -> None:
    """Log to stderr through the redacting and privacy filters.

    Bot API request lines (telegram/transport.py at DEBUG; httpx's, where it is used) hold
    the bot token in their URL: the Redactor masks it, and below DEBUG httpx is kept to
    warnings to spare the noise.
    """
    _privacy.allow = personal_data and level == "DEBUG"
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_privacy)
    handler.addFilter(_redactor)
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, "faqbot", False):
            root.removeHandler(old)
    handler.faqbot = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    quiet = logging.DEBUG if level == "DEBUG" else logging.WARNING
    logging.getLogger("httpx").setLevel(quiet)
    logging.getLogger("httpcore").setLevel(max(quiet, logging.INFO))


class Throttle:
    """Say a recurring thing at most once per interval (seconds), counting what was not said."""

    def __init__(self, every: float) -> None:
        self.every = every
        self._last: dict[str, float] = {}
        self.suppressed: dict[str, int] = {}

    def ready(self, key: str) -> bool:
        """True if key was not reported within the interval (then it counts as reported)."""
        at = time.monotonic()
        if at - self._last.get(key, -self.every) >= self.every:
            self._last[key] = at
            return True
        self.suppressed[key] = self.suppressed.get(key, 0) + 1
        return False

    def take_suppressed(self, key: str) -> int:
        """How many reports of key were held back since it was last said."""
        return self.suppressed.pop(key, 0)
