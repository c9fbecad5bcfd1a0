"""Settings from bot/config.yaml, each key overridable by a FAQBOT_<KEY> environment variable."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from faqbot.errors import ConfigError
from faqbot.matching import MatchSettings

ENV_PREFIX = "FAQBOT_"
TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
DEFAULT_CONFIG = Path("bot/config.yaml")
DEFAULT_API_URL = "https://api.telegram.org/bot"


class Secret:
    """A string that never shows itself in logs, reprs or tracebacks."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """Return the real value, for the one place that must send it."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    __str__ = __repr__


def _as_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("expected a whole number")
    return int(value)


def _as_float(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError("expected a number")
    return float(value)


def _as_str(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str | int | float):
        raise ValueError("expected text")
    return str(value)


def _as_bool(value: Any) -> bool:
    """Accept YAML booleans and the strings environment variables give (1/0, true/false)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ValueError("expected true or false (or 1 or 0)")


def _as_ids(value: Any) -> frozenset[int]:
    """Accept a YAML list or a comma-separated string (as environment variables give)."""
    if value is None or value == "":
        return frozenset()
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple | set | frozenset):
        raise ValueError("expected a list of Telegram user ids")
    ids = set()
    for item in items:
        text = str(item).strip()
        if text:
            ids.add(_as_int(text))
    return frozenset(ids)


_MATCH_DEFAULTS = MatchSettings()
_MATCH_KEYS = (
    "answer_threshold",
    "suggest_threshold",
    "partial_threshold",
    "margin",
    "constraint_slack",
    "max_suggestions",
    "fuzzy_weight",
    "unknown_penalty",
    "context_weight",
)

# key: (converter, default). Relative paths are resolved against the config file's folder.
_SCHEMA: dict[str, tuple[Callable[[Any], Any], Any]] = {
    "knowledge": (_as_str, "../faq"),
    "database": (_as_str, "../var/faqbot.sqlite3"),
    "messages": (_as_str, "messages.yaml"),
    "bot_api_url": (_as_str, DEFAULT_API_URL),
    "answer_threshold": (_as_float, _MATCH_DEFAULTS.answer_threshold),
    "suggest_threshold": (_as_float, _MATCH_DEFAULTS.suggest_threshold),
    "partial_threshold": (_as_float, _MATCH_DEFAULTS.partial_threshold),
    "margin": (_as_float, _MATCH_DEFAULTS.margin),
    "constraint_slack": (_as_float, _MATCH_DEFAULTS.constraint_slack),
    "max_suggestions": (_as_int, _MATCH_DEFAULTS.max_suggestions),
    "fuzzy_weight": (_as_float, _MATCH_DEFAULTS.fuzzy_weight),
    "unknown_penalty": (_as_float, _MATCH_DEFAULTS.unknown_penalty),
    "context_weight": (_as_float, _MATCH_DEFAULTS.context_weight),
    "admin_ids": (_as_ids, frozenset()),
    "editor_ids": (_as_ids, frozenset()),
    "flood_limit": (_as_int, 20),
    "flood_window": (_as_float, 60.0),
    "outgoing_per_second": (_as_float, 30.0),
    "outgoing_per_group_minute": (_as_float, 20.0),
    "poll_timeout": (_as_int, 30),
    "user_hash_key": (_as_str, ""),
    "user_hash_key_file": (_as_str, ".user-hash-key"),
    # Deprecated name of user_hash_key, still read when user_hash_key is empty.
    "user_hash_salt": (_as_str, ""),
    "webhook_url": (_as_str, ""),
    "webhook_listen": (_as_str, "0.0.0.0"),
    "webhook_port": (_as_int, 8443),
    "webhook_secret": (_as_str, ""),
    "retention_days": (_as_int, 365),
    "log_level": (_as_str, "INFO"),
    "serve_drafts": (_as_bool, False),
    "log_personal_data": (_as_bool, False),
    "max_reply_age": (_as_float, 600.0),
    "stop_timeout": (_as_float, 20.0),
    "api_timeout": (_as_float, 10.0),
    "startup_retry": (_as_float, 120.0),
    "log_buffer_rows": (_as_int, 100_000),
}


@dataclass(frozen=True)
class Settings:
    """Everything the bot and CLI need to run, validated once at start-up."""

    config_dir: Path
    knowledge: Path
    database: Path
    messages: Path
    bot_api_url: str
    matching: MatchSettings
    admin_ids: frozenset[int] = frozenset()
    editor_ids: frozenset[int] = frozenset()
    flood_limit: int = 20
    flood_window: float = 60.0
    outgoing_per_second: float = 30.0
    outgoing_per_group_minute: float = 20.0
    poll_timeout: int = 30
    user_hash_key: Secret = field(default_factory=lambda: Secret(""))
    user_hash_key_file: Path = Path("bot/.user-hash-key")
    webhook_url: str = ""
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret: Secret = field(default_factory=lambda: Secret(""))
    retention_days: int = 365
    log_level: str = "INFO"
    serve_drafts: bool = False  # answer with `draft: true` entries (written by faqbot draft)
    log_personal_data: bool = False
    max_reply_age: float = 600.0
    stop_timeout: float = 20.0
    api_timeout: float = 10.0
    startup_retry: float = 120.0
    log_buffer_rows: int = 100_000

    def is_admin(self, user_id: int | None) -> bool:
        """Tell whether this Telegram user may run admin commands."""
        return user_id is not None and user_id in self.admin_ids

    def is_editor(self, user_id: int | None) -> bool:
        """Tell whether this Telegram user may review and teach (admins may too)."""
        return user_id is not None and (user_id in self.editor_ids or user_id in self.admin_ids)


def _read_file(path: Path, explicit: bool) -> dict[str, Any]:
    if not path.exists():
        if explicit:
            raise ConfigError(f"{path}: configuration file not found")
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: must be a mapping of settings")
    unknown = sorted(set(map(str, data)) - set(_SCHEMA))
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s): {', '.join(unknown)}")
    return data


def load_settings(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Read the config file (or the defaults), then apply FAQBOT_* environment overrides."""
    env = os.environ if environ is None else environ
    explicit = path is not None or bool(env.get("FAQBOT_CONFIG"))
    config_path = path or Path(env.get("FAQBOT_CONFIG") or DEFAULT_CONFIG)
    raw = _read_file(config_path, explicit)
    values: dict[str, Any] = {}
    for key, (convert, default) in _SCHEMA.items():
        env_key = ENV_PREFIX + key.upper()
        source, value = (env_key, env[env_key]) if env_key in env else (key, raw.get(key, default))
        try:
            values[key] = convert(value)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{config_path}: setting '{source}': {exc}") from exc
    if "PORT" in env and (ENV_PREFIX + "WEBHOOK_PORT") not in env:
        try:
            values["webhook_port"] = int(env["PORT"])
        except ValueError as exc:
            raise ConfigError("environment variable PORT must be a port number") from exc
    config_dir = config_path.resolve().parent

    def resolve(value: str) -> Path:
        return (config_dir / Path(value).expanduser()).resolve()

    try:
        matching = MatchSettings(**{key: values[key] for key in _MATCH_KEYS})
    except ValueError as exc:
        raise ConfigError(f"{config_path}: matching settings: {exc}") from exc
    positive = ("flood_limit", "flood_window", "outgoing_per_second", "outgoing_per_group_minute")
    if any(values[key] <= 0 for key in positive) or values["poll_timeout"] < 0:
        raise ConfigError(f"{config_path}: {', '.join(positive)} must be positive")
    timing = ("max_reply_age", "stop_timeout", "api_timeout", "startup_retry", "log_buffer_rows")
    if any(values[key] <= 0 for key in timing):
        raise ConfigError(f"{config_path}: {', '.join(timing)} must be positive")
    if values["retention_days"] < 0:
        raise ConfigError(f"{config_path}: retention_days must not be negative (0 keeps forever)")
    return Settings(
        config_dir=config_dir,
        knowledge=resolve(values["knowledge"]),
        database=resolve(values["database"]),
        messages=resolve(values["messages"]),
        bot_api_url=values["bot_api_url"].rstrip("/") or DEFAULT_API_URL,
        matching=matching,
        admin_ids=values["admin_ids"],
        editor_ids=values["editor_ids"],
        flood_limit=values["flood_limit"],
        flood_window=values["flood_window"],
        outgoing_per_second=values["outgoing_per_second"],
        outgoing_per_group_minute=values["outgoing_per_group_minute"],
        poll_timeout=values["poll_timeout"],
        user_hash_key=Secret(values["user_hash_key"] or values["user_hash_salt"]),
        user_hash_key_file=resolve(values["user_hash_key_file"]),
        webhook_url=values["webhook_url"],
        webhook_listen=values["webhook_listen"],
        webhook_port=values["webhook_port"],
        webhook_secret=Secret(values["webhook_secret"]),
        retention_days=values["retention_days"],
        log_level=values["log_level"].upper(),
        serve_drafts=values["serve_drafts"],
        log_personal_data=values["log_personal_data"],
        max_reply_age=values["max_reply_age"],
        stop_timeout=values["stop_timeout"],
        api_timeout=values["api_timeout"],
        startup_retry=values["startup_retry"],
        log_buffer_rows=values["log_buffer_rows"],
    )


def _read_env_file(path: Path) -> dict[str, str]:
    """Parse KEY=VALUE lines of an ignored .env file (comments and quotes allowed)."""
    values: dict[str, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return values
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        values[key.strip()] = value.strip().strip("'\"")
    return values


def load_token(settings: Settings, environ: Mapping[str, str] | None = None) -> Secret:
    """Return the bot token from the environment or bot/.env; never from the config file."""
    env = os.environ if environ is None else environ
    token = env.get(TOKEN_ENV) or _read_env_file(settings.config_dir / ".env").get(TOKEN_ENV, "")
    token = token.strip()
    if not token:
        raise ConfigError(
            f"{TOKEN_ENV} is not set: export it, or put it in bot/.env (ignored by git)"
        )
    if ":" not in token or any(ch.isspace() for ch in token):
        raise ConfigError(f"{TOKEN_ENV} does not look like a bot token (expected '<id>:<secret>')")
    return Secret(token)
