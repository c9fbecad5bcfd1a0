"""The user-hash key lives outside the database: a setting or a 0600 key file."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from faqbot.errors import ConfigError
from faqbot.userkey import resolve_user_key


def test_first_run_creates_a_private_key_file(tmp_path: Path) -> None:
    key_file = tmp_path / "bot" / ".user-hash-key"
    key = resolve_user_key("", key_file, None)
    assert key.source == "new file"
    assert len(key.value) == 64
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    again = resolve_user_key("", key_file, None)
    assert (again.value, again.source) == (key.value, "file")


def test_a_legacy_salt_moves_to_the_key_file(tmp_path: Path) -> None:
    key_file = tmp_path / ".user-hash-key"
    key = resolve_user_key("", key_file, "0123abcd")
    assert (key.value, key.source) == ("0123abcd", "migrated")  # earlier hashes still match
    assert key_file.read_text().strip() == "0123abcd"


def test_a_configured_key_wins_and_a_different_salt_is_warned_about(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    key = resolve_user_key("from-env", tmp_path / ".user-hash-key", "old-salt")
    assert (key.value, key.source) == ("from-env", "setting")
    assert not (tmp_path / ".user-hash-key").exists()
    assert "no longer match" in caplog.text


def test_a_readable_key_file_is_tightened(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    key_file = tmp_path / ".user-hash-key"
    key_file.write_text("k" * 64 + "\n")
    key_file.chmod(0o644)
    assert resolve_user_key("", key_file, None).value == "k" * 64
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert "readable by others" in caplog.text


def test_an_empty_or_uncreatable_key_file_is_a_config_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.write_text("\n")
    with pytest.raises(ConfigError, match="empty"):
        resolve_user_key("", empty, None)
    (tmp_path / "file").write_text("x")
    with pytest.raises(ConfigError, match="user-hash key"):
        resolve_user_key("", tmp_path / "file" / ".user-hash-key", None)
