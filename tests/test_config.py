"""Configuration: file defaults, environment overrides, clear errors, a masked token."""

from __future__ import annotations

from pathlib import Path

import pytest

from faqbot.config import (
    KEYS,
    Secret,
    _as_float,
    _as_int,
    load_settings,
    load_token,
    unknown_environment,
)
from faqbot.errors import ConfigError
from tests.conftest import ROOT


def test_committed_config_works_as_is() -> None:
    settings = load_settings(ROOT / "bot" / "config.yaml", environ={})
    assert settings.config_file == ROOT / "bot" / "config.yaml"
    assert settings.knowledge == ROOT / "faq"
    assert settings.database == ROOT / "var" / "faqbot.sqlite3"
    assert settings.bot_api_url == "https://api.telegram.org/bot"
    assert settings.admin_ids == frozenset()


def test_environment_overrides_every_key(tmp_path: Path) -> None:
    env = {
        "FAQBOT_ADMIN_IDS": "1, 2,3",
        "FAQBOT_EDITOR_IDS": "4",
        "FAQBOT_ANSWER_THRESHOLD": "70",
        "FAQBOT_DATABASE": str(tmp_path / "x.db"),
        "FAQBOT_BOT_API_URL": "http://127.0.0.1:8081/bot/",
        "PORT": "5000",
    }
    settings = load_settings(ROOT / "bot" / "config.yaml", environ=env)
    assert settings.admin_ids == {1, 2, 3}
    assert settings.is_editor(4)
    assert settings.is_editor(1)
    assert not settings.is_admin(4)
    assert not settings.is_admin(None)
    assert settings.matching.answer_threshold == 70
    assert settings.database == tmp_path / "x.db"
    assert settings.bot_api_url == "http://127.0.0.1:8081/bot"
    assert settings.webhook_port == 5000


def test_config_path_from_environment(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text("knowledge: kb\nflood_limit: 5\n", encoding="utf-8")
    settings = load_settings(environ={"FAQBOT_CONFIG": str(tmp_path / "c.yaml")})
    assert settings.knowledge == tmp_path / "kb"
    assert settings.flood_limit == 5


@pytest.mark.parametrize(
    ("text", "env", "message"),
    [
        ("knowlege: x\n", {}, "unknown setting(s): knowlege (did you mean knowledge?)"),
        ("flood_limit: lots\n", {}, "line 1: setting 'flood_limit': expected a whole number"),
        ("", {"FAQBOT_ADMIN_IDS": "12,abc"}, "environment variable FAQBOT_ADMIN_IDS: expected"),
        ("answer_threshold: 10\nsuggest_threshold: 20\n", {}, "matching settings"),
        ("- a list\n", {}, "must be a mapping"),
        ("flood_window: 0\n", {}, "flood_window"),
        ("flood_limit: 1\nflood_limit: 2\n", {}, "duplicate key 'flood_limit'"),
        ("", {"FAQBOT_RETENTION_DAYS": "-1"}, "variable FAQBOT_RETENTION_DAYS: must be at least 0"),
        (
            "",
            {"FAQBOT_LOG_LEVEL": "LOUD"},
            "variable FAQBOT_LOG_LEVEL: expected one of DEBUG, INFO, WARNING, ERROR, CRITICAL",
        ),
        ("log_level: 3\n", {}, "setting 'log_level': expected one of DEBUG, INFO"),
        ("", {"FAQBOT_MARGIN": "nan"}, "variable FAQBOT_MARGIN: expected a finite number"),
        ("", {"FAQBOT_FLOOD_WINDOW": "inf"}, "variable FAQBOT_FLOOD_WINDOW: expected a finite"),
        ("answer_threshold: .nan\n", {}, "setting 'answer_threshold': expected a finite"),
        ("stop_timeout: -.inf\n", {}, "setting 'stop_timeout': expected a finite number"),
        ("proxy: ftp://p:21\n", {}, "setting 'proxy': expected a proxy URL of http, https,"),
        (
            "",
            {"FAQBOT_PROXY": "socks5://:1080"},
            "environment variable FAQBOT_PROXY: expected a proxy URL",
        ),
    ],
)
def test_bad_config_is_one_clear_error(
    tmp_path: Path, text: str, env: dict[str, str], message: str
) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_settings(path, environ=env)
    assert message in str(err.value)


def test_the_proxy_setting_is_a_secret_url() -> None:
    env = {"FAQBOT_PROXY": "socks5h://bot:pw@127.0.0.1:1080"}
    settings = load_settings(ROOT / "bot" / "config.yaml", environ=env)
    assert settings.proxy.reveal() == "socks5h://bot:pw@127.0.0.1:1080"
    assert "pw" not in repr(settings)
    assert load_settings(ROOT / "bot" / "config.yaml", environ={}).proxy.reveal() == ""


def test_log_level_is_read_case_blind() -> None:
    env = {"FAQBOT_LOG_LEVEL": " debug "}
    assert load_settings(ROOT / "bot" / "config.yaml", environ=env).log_level == "DEBUG"


def test_settings_say_which_values_the_environment_gave() -> None:
    env = {"FAQBOT_DATABASE": "x.db", "FAQBOT_MESSAGES": "", "FAQBOT_BOT_USERNAME": " @Bot"}
    settings = load_settings(ROOT / "bot" / "config.yaml", environ=env)
    assert settings.from_environment == {"database"}  # an empty variable gives none
    assert settings.bot_username == " @Bot"  # as given: `faqbot links` names it so
    assert load_settings(ROOT / "bot" / "config.yaml", environ={}).bot_username == ""


def test_unknown_faqbot_variables_are_named_with_the_setting_they_may_mean() -> None:
    env = {
        "FAQBOT_FLOD_LIMIT": "3",
        "FAQBOT_XYZ": "1",
        "FAQBOT_FLOOD_LIMIT": "3",  # known: a setting
        "FAQBOT_CONFIG": "c.yaml",  # known: not a setting
        "FAQBOT_BOT_USERNAME": "Bot",
        "FAQBOT_BENCH_POOL_SIZE": "4",  # the benchmarks' own
        "OTHER_FLOD": "1",
    }
    assert unknown_environment(env) == [
        "FAQBOT_FLOD_LIMIT (did you mean FAQBOT_FLOOD_LIMIT?)",
        "FAQBOT_XYZ",
    ]
    assert unknown_environment({"FAQBOT_MARGIN": "5"}) == []


def test_missing_explicit_config_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.yaml", environ={})


def test_token_from_environment_or_env_file(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text("", encoding="utf-8")
    settings = load_settings(tmp_path / "c.yaml", environ={})
    with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN is not set"):
        load_token(settings, environ={})
    (tmp_path / ".env").write_text("# local\nexport TELEGRAM_BOT_TOKEN='123:abc'\n", "utf-8")
    assert load_token(settings, environ={}).reveal() == "123:abc"
    assert load_token(settings, environ={"TELEGRAM_BOT_TOKEN": "9:z"}).reveal() == "9:z"
    with pytest.raises(ConfigError, match="does not look like"):
        load_token(settings, environ={"TELEGRAM_BOT_TOKEN": "nocolon"})


def test_secret_never_shows_itself() -> None:
    secret = Secret("123:very-secret")
    assert "very-secret" not in repr(secret)
    assert "very-secret" not in str(secret)
    assert "very-secret" not in f"{secret} {[secret]}"


def test_serve_drafts_is_off_unless_turned_on(tmp_path: Path) -> None:
    assert load_settings(ROOT / "bot" / "config.yaml", environ={}).serve_drafts is False
    for value, expected in [("1", True), ("true", True), ("0", False), ("off", False)]:
        env = {"FAQBOT_SERVE_DRAFTS": value}
        assert load_settings(ROOT / "bot" / "config.yaml", environ=env).serve_drafts is expected
    config = tmp_path / "config.yaml"
    config.write_text("serve_drafts: true\n", "utf-8")
    assert load_settings(config, environ={}).serve_drafts is True
    with pytest.raises(ConfigError, match="variable FAQBOT_SERVE_DRAFTS: expected true or false"):
        load_settings(config, environ={"FAQBOT_SERVE_DRAFTS": "maybe"})


def test_reliability_settings_and_the_user_hash_key() -> None:
    settings = load_settings(ROOT / "bot" / "config.yaml", environ={})
    assert (settings.max_reply_age, settings.stop_timeout, settings.api_timeout) == (600, 20, 10)
    assert settings.log_buffer_rows == 100_000
    assert settings.reading_cache_chats == 100_000
    assert settings.log_personal_data is False
    assert settings.user_hash_key_file == ROOT / "bot" / ".user-hash-key"
    env = {
        "FAQBOT_MAX_REPLY_AGE": "30",
        "FAQBOT_LOG_PERSONAL_DATA": "yes",
        "FAQBOT_USER_HASH_SALT": "old-name",  # the deprecated name still works
    }
    settings = load_settings(ROOT / "bot" / "config.yaml", environ=env)
    assert settings.max_reply_age == 30
    assert settings.log_personal_data is True
    assert settings.user_hash_key.reveal() == "old-name"
    assert "old-name" not in repr(settings)
    env = {"FAQBOT_USER_HASH_KEY": "new", "FAQBOT_USER_HASH_SALT": "old"}
    assert load_settings(ROOT / "bot" / "config.yaml", environ=env).user_hash_key.reveal() == "new"
    with pytest.raises(ConfigError, match="must be positive"):
        load_settings(ROOT / "bot" / "config.yaml", environ={"FAQBOT_STOP_TIMEOUT": "0"})
    with pytest.raises(ConfigError, match="true or false"):
        load_settings(ROOT / "bot" / "config.yaml", environ={"FAQBOT_LOG_PERSONAL_DATA": "maybe"})


def test_every_key_is_declared_once_and_overridable(tmp_path: Path) -> None:
    """Each key of the file is a FAQBOT_<KEY> variable too; a bad number names the key."""
    numeric = [name for name, key in KEYS.items() if key.convert in (_as_int, _as_float)]
    assert {"flood_limit", "answer_threshold", "max_suggestions", "webhook_port"} <= set(numeric)
    for name in numeric:
        env_key = "FAQBOT_" + name.upper()
        with pytest.raises(ConfigError) as err:
            load_settings(ROOT / "bot" / "config.yaml", environ={env_key: "lots"})
        assert str(err.value).startswith(f"environment variable {env_key}: expected a ")
        assert str(err.value).endswith(" number, not 'lots'")
        config = tmp_path / "c.yaml"
        config.write_text(f"{name}: lots\n", "utf-8")
        with pytest.raises(ConfigError, match=f"{config}: line 1: setting '{name}': expected"):
            load_settings(config, environ={})


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"FAQBOT_ANSWER_THRESHOLD": "abc"},
            "FAQBOT_ANSWER_THRESHOLD: expected a number, not 'abc'",
        ),
        ({"FAQBOT_FLOOD_LIMIT": "2.5"}, "FAQBOT_FLOOD_LIMIT: expected a whole number, not '2.5'"),
        ({"FAQBOT_STOP_TIMEOUT": "0"}, "FAQBOT_STOP_TIMEOUT: must be positive, not '0'"),
    ],
)
def test_a_bad_environment_variable_is_named_not_the_config_file(
    env: dict[str, str], message: str
) -> None:
    """The value came from the environment: the message names the variable, never the file
    that did not set it, nor Python's own words ("could not convert string to float")."""
    with pytest.raises(ConfigError) as err:
        load_settings(ROOT / "bot" / "config.yaml", environ=env)
    text = str(err.value)
    assert text == f"environment variable {message}"
    assert "convert" not in text
    assert "int()" not in text


def test_matching_settings_name_the_file_when_it_set_them(tmp_path: Path) -> None:
    config = tmp_path / "c.yaml"
    config.write_text("answer_threshold: 10\nsuggest_threshold: 20\n", "utf-8")
    with pytest.raises(ConfigError) as err:
        load_settings(config, environ={})
    assert str(err.value).startswith(f"matching settings ({config}): need 0 <= ")
    with pytest.raises(ConfigError) as err:
        load_settings(config, environ={"FAQBOT_ANSWER_THRESHOLD": "10"})
    assert "(environment variable FAQBOT_ANSWER_THRESHOLD, " in str(err.value)


def test_unknown_keys_in_the_file_get_the_setting_they_may_mean(tmp_path: Path) -> None:
    """As unknown FAQBOT_* variables do (one function for both)."""
    config = tmp_path / "c.yaml"
    config.write_text("flod_limit: 3\nknowlege: x\nzzz: 1\n", "utf-8")
    with pytest.raises(ConfigError) as err:
        load_settings(config, environ={})
    assert str(err.value) == (
        f"{config}: unknown setting(s): flod_limit (did you mean flood_limit?),"
        " knowlege (did you mean knowledge?), zzz"
    )


@pytest.mark.parametrize("name", ["knowledge", "database", "messages", "user_hash_key_file"])
@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_path_setting_is_its_default(tmp_path: Path, name: str, value: str) -> None:
    """An empty FAQBOT_KNOWLEDGE (an unset shell variable expanded, `KEY=` in a compose
    file) means "not set", as an empty FAQBOT_CONFIG does: the default, never the config
    file's own folder (which bot/ would then be read as the knowledge)."""
    default = getattr(load_settings(ROOT / "bot" / "config.yaml", environ={}), name)
    env = {"FAQBOT_" + name.upper(): value}
    assert getattr(load_settings(ROOT / "bot" / "config.yaml", environ=env), name) == default
    config = tmp_path / "c.yaml"
    config.write_text("", "utf-8")
    default = getattr(load_settings(config, environ={}), name)
    for text in (f"{name}: '{value}'\n", f"{name}:\n"):  # empty text, or null
        config.write_text(text, "utf-8")
        assert getattr(load_settings(config, environ={}), name) == default != tmp_path


@pytest.mark.parametrize(
    "environ",
    [
        {"FAQBOT_WEBHOOK_PORT": "70000"},
        {"FAQBOT_WEBHOOK_PORT": "0"},
        {"PORT": "123456789012345678901"},
    ],
)
def test_a_webhook_port_outside_the_tcp_range_is_refused(
    tmp_path: Path, environ: dict[str, str]
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("{}\n")
    with pytest.raises(ConfigError, match="PORT"):
        load_settings(config, environ=environ)
