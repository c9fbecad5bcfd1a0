"""The key that pseudonymises user ids in the log, kept outside the database.

Telegram user ids are about ten digits, so a hash of one is only as private as the key
behind it: with the key, every id can be tried in seconds. The key therefore never lives in
the database. It comes from `user_hash_key` (FAQBOT_USER_HASH_KEY) or from a key file
beside the config (`bot/.user-hash-key`, mode 0600, ignored by git), created on first run.

Databases from before kept a random salt in their `meta` table. On the first start with a
key file missing, that salt becomes the key file's content (so earlier hashes, and with them
readers' votes, still match) and is erased from the database.
"""

from __future__ import annotations

import logging
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from faqbot.errors import ConfigError, os_reason

logger = logging.getLogger(__name__)

KEY_BYTES = 32


@dataclass(frozen=True)
class UserKey:
    """The key and where it came from: 'setting', 'file', 'new file' or 'migrated'."""

    value: str
    source: str


def resolve_user_key(configured: str, key_file: Path, legacy_salt: str | None) -> UserKey:
    """Return the user-hash key: the configured one, else the key file's, else a new file.

    A new key file holds the database's legacy salt if there is one, else a random key.
    Raises ConfigError (naming the file) if the key file cannot be read or created.
    """
    if configured:
        if legacy_salt is not None and legacy_salt != configured:
            _warn_mismatch("user_hash_key")
        return UserKey(configured, "setting")
    try:
        text = key_file.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        text = None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{key_file}: cannot read the user-hash key: not UTF-8 text") from exc
    except OSError as exc:
        reason = os_reason(exc, key_file)
        raise ConfigError(f"{key_file}: cannot read the user-hash key: {reason}") from exc
    if text is not None:
        if not text:
            raise ConfigError(f"{key_file}: the user-hash key file is empty")
        _tighten(key_file)
        if legacy_salt is not None and legacy_salt != text:
            _warn_mismatch(str(key_file))
        return UserKey(text, "file")
    value = legacy_salt or secrets.token_hex(KEY_BYTES)
    _create(key_file, value)
    if legacy_salt is not None:
        logger.info("user-hash salt moved from the database to %s", key_file)
        return UserKey(value, "migrated")
    logger.info("created the user-hash key %s (mode 0600)", key_file)
    return UserKey(value, "new file")


def _create(key_file: Path, value: str) -> None:
    try:
        key_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(value + "\n")
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        raise ConfigError(
            f"{key_file}: cannot create the user-hash key: {os_reason(exc, key_file)}"
            " (set FAQBOT_USER_HASH_KEY, or make the folder writable)"
        ) from exc


def _tighten(key_file: Path) -> None:
    """Make a key file readable by its owner only, as it was created."""
    try:
        mode = stat.S_IMODE(key_file.stat().st_mode)
        if mode & 0o077:
            key_file.chmod(0o600)
            logger.warning("%s was readable by others (mode %o); now 0600", key_file, mode)
    except OSError as exc:
        logger.warning("cannot check the permissions of %s: %s", key_file, exc)


def _warn_mismatch(source: str) -> None:
    logger.warning(
        "the database held its own user-hash salt, different from %s: rows and votes logged"
        " before no longer match the same readers; the old salt is erased",
        source,
    )
