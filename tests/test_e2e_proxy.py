"""End to end through a proxy: the bot reaches the Bot API emulator only through a SOCKS5
proxy on 127.0.0.1 that it finds in ALL_PROXY, or is given by the proxy setting."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.botprocess import BotProcess
from tests.conftest import ROOT
from tests.emulator import Emulator
from tests.proxies import Proxy, running

pytestmark = pytest.mark.e2e

# A name no resolver knows: only the proxy "resolves" it (to the emulator).
API_HOST = "api.telegram.invalid"
# Proxy variables of the environment the tests run in are not the bot's.
NO_PROXIES = {
    name: ""
    for base in ("http_proxy", "https_proxy", "all_proxy", "no_proxy")
    for name in (base, base.upper())
}


@pytest.fixture
def emu() -> Iterator[Emulator]:
    emulator = Emulator().start()
    yield emulator
    emulator.stop()


@pytest.mark.parametrize("named_by", ["ALL_PROXY", "FAQBOT_PROXY"])
def test_the_bot_talks_to_telegram_through_a_socks_proxy(
    emu: Emulator, tmp_path: Path, named_by: str
) -> None:
    with running(Proxy("socks5", emu.port, users={"bot": "s3cret-pw"})) as proxy:
        url = f"socks5h://bot:s3cret-pw@127.0.0.1:{proxy.port}"
        bot = BotProcess(
            emu,
            tmp_path,
            {
                **NO_PROXIES,
                "FAQBOT_BOT_API_URL": f"http://{API_HOST}:{emu.port}/bot",
                named_by: url,
            },
        )
        try:
            bot.start()
            emu.send(emu.private_chat(4001), 4001, "What is China's approach to AI?")
            assert "self-reliance" in emu.wait_reply(4001).text
        finally:
            code = bot.stop()
    assert code == 0, bot.output()
    assert set(proxy.targets) == {(API_HOST, emu.port)}  # every call went through it
    assert set(proxy.logins) == {"bot"}
    output = bot.output()
    source = "ALL_PROXY" if named_by == "ALL_PROXY" else "the proxy setting"
    assert f"Bot API calls go through the proxy socks5h://127.0.0.1:{proxy.port} ({source})" in (
        output
    )
    assert "s3cret-pw" not in output
    assert "Traceback" not in output


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("ALL_PROXY", "socks4://127.0.0.1:1080", "environment variable ALL_PROXY: proxy scheme"
         " 'socks4' is not one of http, https, socks5, socks5h"),
        ("FAQBOT_PROXY", "ftp://127.0.0.1", "environment variable FAQBOT_PROXY: expected a"
         " proxy URL of http, https, socks5, socks5h"),
    ],
)  # fmt: skip
def test_an_unusable_proxy_is_one_line_and_exit_2(
    tmp_path: Path, variable: str, value: str, says: str
) -> None:
    env = {**os.environ, **NO_PROXIES, "TELEGRAM_BOT_TOKEN": "1:unused", variable: value}
    env["FAQBOT_BOT_API_URL"] = "http://127.0.0.1:9/bot"  # never reached
    env["FAQBOT_DATABASE"] = str(tmp_path / "faqbot.sqlite3")
    done = subprocess.run(
        [sys.executable, "-m", "faqbot", "run"], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert says in done.stderr
