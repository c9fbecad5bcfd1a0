"""Logging: secrets masked at every level and in tracebacks; personal data only on request."""

from __future__ import annotations

import io
import logging

import pytest

from faqbot import logs
from faqbot.logs import HIDDEN, PrivacyFilter, Redactor, Throttle, personal

TOKEN = "123456:AAH-secret_Token-Part"


def make_logger(*filters: logging.Filter) -> tuple[logging.Logger, io.StringIO]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    for f in filters:
        handler.addFilter(f)
    logger = logging.getLogger(f"test.logs.{id(out)}")
    logger.handlers = [handler]
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    return logger, out


@pytest.fixture
def redactor() -> Redactor:
    r = Redactor()
    r.add(TOKEN, "webhook-secret-value", "")
    return r


def test_token_and_secret_are_masked_in_messages_arguments_and_tracebacks(
    redactor: Redactor,
) -> None:
    logger, out = make_logger(redactor)
    logger.debug("POST https://api.telegram.org/bot%s/getMe", TOKEN)
    logger.info("encoded: bot123456%3AAAH-secret_Token-Part and half AAH-secret_Token-Part")
    logger.warning("header %s", {"X-Telegram-Bot-Api-Secret-Token": "webhook-secret-value"})
    try:
        raise ValueError(f"The token `{TOKEN}` was rejected by the server.")
    except ValueError:
        logger.exception("failed")
    text = out.getvalue()
    assert "secret_Token" not in text
    assert "webhook-secret-value" not in text
    assert text.count("<redacted>") >= 5
    assert "Traceback" in text  # the traceback is kept, masked


def test_privacy_filter_hides_ptb_payloads_unless_allowed() -> None:
    privacy = PrivacyFilter()
    logger, out = make_logger(privacy)
    ptb = logging.getLogger("telegram.Bot")
    ptb.handlers, ptb.propagate, ptb.level = logger.handlers, False, logging.DEBUG
    payload = {"chat_id": 987654321, "text": "my private question"}
    ptb.debug("Calling Bot API endpoint `%s` with parameters `%s`", "sendMessage", payload)
    logger.debug("reader %s asked %s", personal(987654321), personal("my private question"))
    assert "sendMessage" in out.getvalue()
    assert "987654321" not in out.getvalue()
    assert "private question" not in out.getvalue()
    assert HIDDEN in out.getvalue()
    privacy.allow = True
    logs._privacy.allow = True  # what configure_logging sets for DEBUG + log_personal_data
    try:
        ptb.debug("Calling Bot API endpoint `%s` with parameters `%s`", "sendMessage", payload)
        logger.debug("reader %s", personal(987654321))
    finally:
        logs._privacy.allow = False
    assert out.getvalue().count("987654321") == 2


def test_throttle_reports_once_per_interval() -> None:
    throttle = Throttle(60)
    assert throttle.ready("x")
    assert not throttle.ready("x")
    assert not throttle.ready("x")
    assert throttle.ready("y")
    assert throttle.take_suppressed("x") == 2
    assert throttle.take_suppressed("x") == 0
