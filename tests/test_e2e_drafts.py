"""End to end: a drafted article is served by the bot only with serve_drafts on."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from faqbot.article import parse_text
from faqbot.draft import draft
from faqbot.knowledge import load_knowledge
from tests.botprocess import BotProcess
from tests.conftest import DATA_DIR, FAQ_DIR
from tests.emulator import Emulator

pytestmark = pytest.mark.e2e

ADMIN, READER = 9301, 9302
BATTERIES = DATA_DIR / "articles" / "southeast-asia-ev-batteries.txt"
QUESTION = "What share of the world's nickel reserves does Indonesia hold?"


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    emulator = Emulator().start()
    yield emulator
    emulator.stop()


@pytest.fixture(scope="module")
def faq(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The curated article plus the draft of the second one."""
    folder = tmp_path_factory.mktemp("faq")
    shutil.copytree(FAQ_DIR, folder, dirs_exist_ok=True)
    result = draft(parse_text(BATTERIES.read_text("utf-8")), "southeast-asia-ev-batteries")
    (folder / "southeast-asia-ev-batteries.yaml").write_text(result.to_yaml(), "utf-8")
    return folder


def ask(emu: Emulator, user: int, text: str) -> str:
    chat = emu.private_chat(user)
    count = len(emu.replies(user))
    emu.send(chat, user, text)
    return emu.wait_reply(user, count=count + 1).text


@pytest.mark.parametrize("serve", [False, True])
def test_drafts_answer_readers_only_when_served(
    emu: Emulator, faq: Path, tmp_path: Path, serve: bool
) -> None:
    env = {
        "FAQBOT_ADMIN_IDS": str(ADMIN),
        "FAQBOT_KNOWLEDGE": str(faq),
        "FAQBOT_SERVE_DRAFTS": "1" if serve else "0",
    }
    bot = BotProcess(emu, tmp_path, env).start()
    try:
        reply = ask(emu, READER, QUESTION)
        reloaded = ask(emu, ADMIN, "/reload")
        curated = f"Reloaded: {len(load_knowledge(FAQ_DIR))} entries"
        if serve:
            assert "42% of the world's nickel reserves" in reply
            assert curated not in reloaded
        else:
            assert "42% of the world's nickel reserves" not in reply
            assert curated in reloaded  # the drafts stay out after a reload
        assert "$815.98 billion" in ask(emu, READER, "How big is the APAC AI market?")
    finally:
        assert bot.stop() == 0
    assert "Traceback" not in bot.output(), bot.output()
