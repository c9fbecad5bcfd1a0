"""Settings from bot/config.yaml, each key overridable by a FAQBOT_<KEY> environment variable."""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar, get_type_hints
from urllib.parse import urlsplit

from faqbot import yamlfile
from faqbot.errors import ConfigError, did_you_mean, os_reason
from faqbot.matching import MatchSettings
from faqbot.yamlfile import YamlError

ENV_PREFIX = "FAQBOT_"
TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
DEFAULT_CONFIG = Path("bot/config.yaml")
DEFAULT_API_URL = "https://api.telegram.org/bot"

T = TypeVar("T")


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
    if isinstance(value, bool | float):
        raise ValueError(f"expected a whole number, not {value!r}")
    try:
        return int(value)
    except (TypeError, ValueError):  # Python's own words name int() and the base
        raise ValueError(f"expected a whole number, not {value!r}") from None


def _as_float(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError(f"expected a number, not {value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError):  # "could not convert string to float"
        raise ValueError(f"expected a number, not {value!r}") from None
    if not math.isfinite(number):  # nan and inf pass float() and then every comparison
        raise ValueError(f"expected a finite number, not {value!r}")
    return number


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


def _api_url(value: Any) -> str:
    return _as_str(value).rstrip("/") or DEFAULT_API_URL


def _as_path(value: Any) -> Path | None:
    """A path; None (the setting's default) when empty: `FAQBOT_KNOWLEDGE=` or
    `knowledge:` means "not set", as an empty FAQBOT_CONFIG or bot_api_url does, never the
    configuration file's own folder."""
    text = _as_str(value).strip()
    return Path(text).expanduser() if text else None


# Proxy URL schemes the Bot API calls can go through (as PTB's HTTPX client took them).
PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")


def _proxy(value: Any) -> Secret:
    """A proxy URL (it may hold credentials: kept as a Secret); "http://" is assumed when
    it names no scheme, as HTTPX does."""
    text = _as_str(value).strip()
    if text:
        parts = urlsplit(text if "://" in text else f"http://{text}")
        if parts.scheme not in PROXY_SCHEMES:
            raise ValueError(f"expected a proxy URL of {', '.join(PROXY_SCHEMES)}")
        if not parts.hostname:
            raise ValueError("expected a proxy URL with a host, e.g. socks5://127.0.0.1:1080")
    return Secret(text)


# The levels log_level may name (Python's logging levels).
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def _log_level(value: Any) -> str:
    level = _as_str(value).strip().upper()
    if level not in LOG_LEVELS:
        raise ValueError(f"expected one of {', '.join(LOG_LEVELS)}, not {_as_str(value)!r}")
    return level


# Converters by declared type; a setting may name its own instead (setting(convert=...)).
# Path settings are then resolved against the config file's folder. A converter returns
# None for a value that means "not set" (the setting keeps its default).
_CONVERTERS: dict[Any, Callable[[Any], Any]] = {
    int: _as_int,
    float: _as_float,
    str: _as_str,
    bool: _as_bool,
    frozenset[int]: _as_ids,
    Path: _as_path,
    Secret: lambda value: Secret(_as_str(value)),
}


def setting(
    default: T,
    *,
    convert: Callable[[Any], T] | None = None,
    minimum: float | None = None,
    maximum: float | None = None,
    positive: bool = False,
) -> T:
    """Declare a setting of Settings: its default (relative paths are against the config
    file's folder), how to read it if not by its type, and its bounds."""
    metadata = {
        "setting": True,
        "convert": convert,
        "minimum": minimum,
        "maximum": maximum,
        "positive": positive,
    }
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Settings:
    """Everything the bot and CLI need to run, validated once at start-up.

    Each field declared with `setting` is one key of bot/config.yaml and one FAQBOT_<KEY>
    environment variable; the matcher's keys are listed in MATCHING_KEYS (their types,
    defaults and checks are MatchSettings').
    """

    config_dir: Path = Path()
    # The configuration file read; None when there was none (defaults and FAQBOT_*).
    config_file: Path | None = None
    knowledge: Path = setting(Path("../faq"))
    database: Path = setting(Path("../var/faqbot.sqlite3"))
    messages: Path = setting(Path("messages.yaml"))
    bot_api_url: str = setting(DEFAULT_API_URL, convert=_api_url)
    # Proxy for Bot API calls (empty: HTTPS_PROXY, ALL_PROXY... from the environment).
    proxy: Secret = setting(Secret(""), convert=_proxy)
    matching: MatchSettings = MatchSettings()
    admin_ids: frozenset[int] = setting(frozenset())
    editor_ids: frozenset[int] = setting(frozenset())
    flood_limit: int = setting(20, positive=True)
    flood_window: float = setting(60.0, positive=True)
    outgoing_per_second: float = setting(30.0, positive=True)
    outgoing_per_group_minute: float = setting(20.0, positive=True)
    poll_timeout: int = setting(30, minimum=0)
    # Also read from the deprecated name user_hash_salt when empty.
    user_hash_key: Secret = setting(Secret(""))
    user_hash_key_file: Path = setting(Path(".user-hash-key"))
    webhook_url: str = setting("")
    webhook_listen: str = setting("0.0.0.0")
    webhook_port: int = setting(8443, minimum=1, maximum=65535)
    webhook_secret: Secret = setting(Secret(""))
    retention_days: int = setting(365, minimum=0)  # 0 keeps questions forever
    log_level: str = setting("INFO", convert=_log_level)
    serve_drafts: bool = setting(False)  # answer with `draft: true` entries (faqbot draft)
    log_personal_data: bool = setting(False)
    max_reply_age: float = setting(600.0, positive=True)
    stop_timeout: float = setting(20.0, positive=True)
    api_timeout: float = setting(10.0, positive=True)
    startup_retry: float = setting(120.0, positive=True)
    log_buffer_rows: int = setting(100_000, positive=True)
    # Chats whose article (faqbot.reading) is kept in memory; others are read on demand.
    reading_cache_chats: int = setting(100_000, positive=True)
    # Not configuration keys: FAQBOT_BOT_USERNAME as given ("" when not), the bot's
    # username for `faqbot links` and `faqbot ask` (the bot itself asks Telegram); and the
    # settings a FAQBOT_<KEY> variable gave a value (not an empty one), for messages that
    # say where a value came from.
    bot_username: str = ""
    from_environment: frozenset[str] = frozenset()

    def is_admin(self, user_id: int | None) -> bool:
        """Tell whether this Telegram user may run admin commands."""
        return user_id is not None and user_id in self.admin_ids

    def is_editor(self, user_id: int | None) -> bool:
        """Tell whether this Telegram user may review and teach (admins may too)."""
        return user_id is not None and (user_id in self.editor_ids or user_id in self.admin_ids)


# The matcher's settings that configuration sets (the others stay as tuned in MatchSettings).
MATCHING_KEYS = (
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
# Old names still read: old name -> setting it fills when that is left empty.
DEPRECATED = {"user_hash_salt": "user_hash_key"}


@dataclass(frozen=True, slots=True)
class _Key:
    """One configuration key: where its value goes and how it is read and checked."""

    name: str
    default: Any
    convert: Callable[[Any], Any]
    minimum: float | None = None
    positive: bool = False
    maximum: float | None = None


def _keys() -> dict[str, _Key]:
    hints = get_type_hints(Settings)
    keys = {}
    for f in fields(Settings):
        if f.metadata.get("setting"):
            convert = f.metadata["convert"] or _CONVERTERS[hints[f.name]]
            minimum, positive = f.metadata["minimum"], f.metadata["positive"]
            keys[f.name] = _Key(
                f.name, f.default, convert, minimum, positive, f.metadata["maximum"]
            )
    match_hints = get_type_hints(MatchSettings)
    match_defaults = MatchSettings()
    for name in MATCHING_KEYS:
        keys[name] = _Key(name, getattr(match_defaults, name), _CONVERTERS[match_hints[name]])
    for old in DEPRECATED:
        keys[old] = _Key(old, "", _as_str)
    return keys


KEYS = _keys()


def _read_file(path: Path, explicit: bool) -> dict[str, Any]:
    if not path.exists():
        if explicit:
            raise ConfigError(f"{path}: configuration file not found")
        return {}
    try:
        data = yamlfile.load(path, cache=True)  # every command reads it: parsed once
    except YamlError as exc:
        raise ConfigError(f"cannot read configuration: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: must be a mapping of settings")
    unknown = sorted(set(map(str, data)) - set(KEYS))
    if unknown:
        named = ", ".join(did_you_mean(name, KEYS) for name in unknown)
        raise ConfigError(f"{path}: unknown setting(s): {named}")
    return data


def _source(key: _Key, raw: Mapping[str, Any], env: Mapping[str, str], path: Path) -> str | None:
    """Where a setting's value comes from, as problems name it: "environment variable
    FAQBOT_FLOOD_LIMIT" or "bot/config.yaml: line 37: setting 'flood_limit'"; None when
    neither gives it (the default)."""
    env_key = ENV_PREFIX + key.name.upper()
    if env_key in env:
        return f"environment variable {env_key}"
    if key.name in raw:
        line = raw.line_of(key.name) if isinstance(raw, yamlfile.LineMap) else None
        return f"{path}: {f'line {line}: ' if line else ''}setting '{key.name}'"
    return None


def _read(key: _Key, raw: Mapping[str, Any], env: Mapping[str, str], config_path: Path) -> Any:
    """One setting: from FAQBOT_<KEY>, else the file, else its default; converted, checked.
    A problem names where the value came from: the variable, or the file, line and key."""
    source = _source(key, raw, env, config_path)
    if source is None:
        return key.default
    env_key = ENV_PREFIX + key.name.upper()
    value = env[env_key] if env_key in env else raw[key.name]
    try:
        converted = key.convert(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{source}: {exc}") from exc
    if converted is None:
        return key.default
    if key.positive and converted <= 0:
        raise ConfigError(f"{source}: must be positive, not {value!r}")
    if key.minimum is not None and converted < key.minimum:
        raise ConfigError(f"{source}: must be at least {key.minimum:g}, not {value!r}")
    if key.maximum is not None and converted > key.maximum:
        raise ConfigError(f"{source}: must be at most {key.maximum:g}, not {value!r}")
    return converted


# FAQBOT_* variables that are not settings: the config file's path, the bot's username for
# `faqbot links`, and the benchmarks' own knobs (a prefix).
OTHER_ENV = frozenset({"FAQBOT_CONFIG", "FAQBOT_BOT_USERNAME"})
OTHER_ENV_PREFIXES = ("FAQBOT_BENCH_",)


def unknown_environment(environ: Mapping[str, str] | None = None) -> list[str]:
    """FAQBOT_* variables faqbot does not read (a typo, or a setting since removed), each
    with the setting it may mean: "FAQBOT_FLOD_LIMIT (did you mean FAQBOT_FLOOD_LIMIT?)".

    Ignored, not an error: the environment is shared with other tools and older
    deployments, and a leftover variable should not stop the bot; the CLI warns.
    """
    env = os.environ if environ is None else environ
    known = {ENV_PREFIX + name.upper() for name in KEYS} | OTHER_ENV
    return [
        did_you_mean(name, known, ENV_PREFIX)
        for name in sorted(env)
        if name.startswith(ENV_PREFIX)
        and name not in known
        and not name.startswith(OTHER_ENV_PREFIXES)
    ]


def load_settings(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Read the config file (or the defaults), then apply FAQBOT_* environment overrides.

    Raises ConfigError, one line naming the file and the key, for anything it cannot use.
    """
    env = os.environ if environ is None else environ
    explicit = path is not None or bool(env.get("FAQBOT_CONFIG"))
    config_path = path or Path(env.get("FAQBOT_CONFIG") or DEFAULT_CONFIG)
    raw = _read_file(config_path, explicit)
    values = {name: _read(key, raw, env, config_path) for name, key in KEYS.items()}
    if "PORT" in env and (ENV_PREFIX + "WEBHOOK_PORT") not in env:
        try:
            port = int(env["PORT"])
        except ValueError as exc:
            raise ConfigError("environment variable PORT must be a port number") from exc
        if not 1 <= port <= 65535:  # the TCP port range
            raise ConfigError(f"environment variable PORT: must be 1 to 65535, not {port}")
        values["webhook_port"] = port
    for old, new in DEPRECATED.items():
        if not values[new].reveal():
            values[new] = Secret(values[old])
        del values[old]
    try:
        matching = MatchSettings(**{name: values.pop(name) for name in MATCHING_KEYS})
    except ValueError as exc:
        # Named by where they were given: each variable, and the file.
        variables = [ENV_PREFIX + n.upper() for n in MATCHING_KEYS if ENV_PREFIX + n.upper() in env]
        in_file = any(n in raw and ENV_PREFIX + n.upper() not in env for n in MATCHING_KEYS)
        given = [*(f"environment variable {v}" for v in variables)]
        given += [str(config_path)] if in_file else []
        raise ConfigError(f"matching settings ({', '.join(given) or 'defaults'}): {exc}") from exc
    config_dir = config_path.resolve().parent
    for f in fields(Settings):
        if isinstance(values.get(f.name), Path):
            values[f.name] = (config_dir / values[f.name]).resolve()
    config_file = config_path.resolve() if config_path.is_file() else None
    return Settings(
        config_dir=config_dir,
        config_file=config_file,
        matching=matching,
        bot_username=env.get("FAQBOT_BOT_USERNAME", ""),
        from_environment=frozenset(n for n in KEYS if env.get(ENV_PREFIX + n.upper())),
        **values,
    )


def _read_env_file(path: Path) -> dict[str, str]:
    """Parse KEY=VALUE lines of an ignored .env file (comments and quotes allowed)."""
    values: dict[str, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return values
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read: not UTF-8 text") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {os_reason(exc, path)}") from exc
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
