"""Reply texts: the shipped file loads; typos are caught at start-up, not mid-chat."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from faqbot.errors import ConfigError
from faqbot.messages import load_messages
from tests.conftest import ROOT

SHIPPED = ROOT / "bot" / "messages.yaml"


def shipped() -> dict[str, str]:
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def write(tmp_path: Path, data: dict[str, str]) -> Path:
    path = tmp_path / "messages.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_shipped_texts_load() -> None:
    messages = load_messages(SHIPPED)
    assert "{articles}" in messages.welcome
    assert "I don't know" in messages.unknown


def test_every_gap_and_small_talk_has_its_own_text() -> None:
    """The one place a gap's kind or small talk's picks its text (the bot and `faqbot ask`)."""
    from faqbot.constraints import GapKind
    from faqbot.smalltalk import SmallTalk

    messages = load_messages(SHIPPED)
    gaps = [messages.gap(kind) for kind in GapKind]
    assert len(set(gaps)) == len(GapKind)
    assert messages.gap(GapKind.YEAR) == messages.partial_year
    talk = [messages.smalltalk(kind) for kind in SmallTalk]
    assert len(set(talk)) == len(SmallTalk)
    assert messages.smalltalk(SmallTalk.OUTLINE) == messages.topics_sections


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"welcom": "x"}, "unknown key welcom (did you mean welcome?)"),
        ({"flood": "wait {secs}"}, "key 'flood': unknown placeholder(s) secs"),
        ({"unknown": ""}, "key 'unknown': must be non-empty text"),
        ({"help": "Ask me<br>anything"}, "key 'help': not Telegram HTML: tag <br> is not allowed"),
        ({"welcome": "Hi {articles"}, "key 'welcome':"),
        ({"share": "Share & enjoy"}, "key 'share': not Telegram HTML: a bare \"&\""),
        # A pop-up (a button's callback query answer) is plain text of at most 200 chars.
        ({"stale_button": "<b>Out of date</b>"}, "key 'stale_button': a pop-up"),
        ({"not_your_choice": "Ask &amp; see"}, "is plain text: no tags or entities"),
        ({"staff_button": "x" * 201}, "key 'staff_button': a pop-up holds at most 200"),
    ],
)
def test_bad_texts_are_named(tmp_path: Path, change: dict[str, str], message: str) -> None:
    data = shipped() | change
    with pytest.raises(ConfigError) as err:
        load_messages(write(tmp_path, data))
    assert message in str(err.value)


def test_missing_text_is_named(tmp_path: Path) -> None:
    data = shipped()
    del data["help"]
    with pytest.raises(ConfigError, match="missing key"):
        load_messages(write(tmp_path, data))


def test_problems_name_the_line_and_repeated_keys_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, shipped() | {"help": "Ask<br>me"})
    with pytest.raises(ConfigError, match=r"messages.yaml: line \d+: key 'help'"):
        load_messages(path)
    text = yaml.safe_dump(shipped(), allow_unicode=True)
    path.write_text(text + "help: again\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="duplicate key 'help'"):
        load_messages(path)


def test_every_broken_text_is_named_in_one_run(tmp_path: Path) -> None:
    """Not the first problem only: each one a line, with its line and key."""
    data = shipped() | {
        "did_you_mean": "Did you mean <b>this?",
        "partial_year": "Not for {vals}.",
        "welcom": "Hi",
    }
    del data["help"]
    path = write(tmp_path, data)
    with pytest.raises(ConfigError) as err:
        load_messages(path)
    lines = str(err.value).splitlines()
    assert len(lines) == 4
    assert re.fullmatch(
        rf"{re.escape(str(path))}: line \d+: unknown key welcom \(did you mean welcome\?\)",
        lines[0],
    )
    assert f"{path}: missing key help" in lines
    assert any(
        re.fullmatch(
            rf"{re.escape(str(path))}: line \d+: key 'did_you_mean': not Telegram HTML: .+", line
        )
        for line in lines
    )
    assert any(
        re.fullmatch(
            rf"{re.escape(str(path))}: line \d+: key 'partial_year': unknown placeholder\(s\) vals",
            line,
        )
        for line in lines
    )
