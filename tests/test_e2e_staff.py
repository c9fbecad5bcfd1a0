"""End to end: editors teach the bot, admins run it, readers cannot reach either."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from faqbot.knowledge import load_knowledge
from tests.botprocess import BotProcess
from tests.conftest import FAQ_DIR
from tests.emulator import Emulator, SentMessage

pytestmark = pytest.mark.e2e

ADMIN, EDITOR, READER = 9001, 9002, 9100
UNKNOWN_COMMAND = "Sorry, I don't know that command."
LIGHTS = "who keeps the lights on at openai"


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    emulator = Emulator().start()
    yield emulator
    emulator.stop()


@pytest.fixture(scope="module")
def faq(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("faq")
    shutil.copytree(FAQ_DIR, folder, dirs_exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def bot(emu: Emulator, faq: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    emu.private_chat(ADMIN)  # the admin has started the bot; the editor has not yet
    process = BotProcess(
        emu,
        tmp_path_factory.mktemp("staff"),
        {
            "FAQBOT_ADMIN_IDS": str(ADMIN),
            "FAQBOT_EDITOR_IDS": str(EDITOR),
            "FAQBOT_KNOWLEDGE": str(faq),
        },
    ).start()
    yield process
    assert process.stop() == 0
    assert "Traceback" not in process.output(), process.output()


def say(emu: Emulator, user: int, text: str) -> SentMessage:
    """Send a private message and return the bot's next reply."""
    chat = emu.private_chat(user)
    count = len(emu.replies(user))
    emu.send(chat, user, text)
    return emu.wait_reply(user, count=count + 1)


def press(emu: Emulator, message: SentMessage, data: str, user: int) -> str:
    """Press a button and return the toast text the bot answered with."""
    query_id = emu.press(message, data, user)
    return str(emu.wait_for(lambda s: s.callback_answers.get(query_id)).get("text", ""))


def test_command_menus_per_scope(bot: BotProcess, emu: Emulator) -> None:
    names = emu.commands_for({"type": "chat", "chat_id": ADMIN})
    assert {"stats", "reload", "export", "purge", "unanswered", "feedback"} <= set(names)
    reader_menu = emu.commands_for({"type": "default"})
    assert "stats" not in reader_menu
    assert "unanswered" not in reader_menu
    assert f"no command menu for user {EDITOR} yet" in bot.output()
    # The editor starts the bot later: their menu is set then.
    say(emu, EDITOR, "/start")
    scope = {"type": "chat", "chat_id": EDITOR}
    editor_menu = emu.wait_for(lambda s: emu.commands_for(scope))
    assert "unanswered" in editor_menu
    assert "stats" not in editor_menu


def test_whoami(bot: BotProcess, emu: Emulator) -> None:
    assert f"<code>{READER}</code>" in say(emu, READER, "/whoami").html


def test_readers_get_nothing_from_staff_commands(bot: BotProcess, emu: Emulator) -> None:
    say(emu, READER, LIGHTS)
    for command in (
        "/stats", "/unanswered", "/reload", "/export", "/purge 1", "/feedback",
        "/suggested", "/link 1 japan-focus",
    ):  # fmt: skip
        reply = say(emu, READER, command)
        assert reply.text.startswith(UNKNOWN_COMMAND), command
        assert reply.document is None
    emu.wait_idle(0.5)
    assert all(m.document is None for m in emu.replies(READER))


def test_forged_editor_callback_does_nothing(bot: BotProcess, emu: Emulator) -> None:
    reply = say(emu, READER, "/topics")
    bot.wait_rows(f"SELECT COUNT(*) FROM questions WHERE text = '{LIGHTS}'", 1)
    with sqlite3.connect(bot.database) as db:
        (qid,) = db.execute("SELECT id FROM questions WHERE text = ?", (LIGHTS,)).fetchone()
    for data in (f"ul:{qid}:big-ai-players", f"ud:{qid}", "ug:0", f"ur:{qid}", "sa:1"):
        assert "out of date" in press(emu, reply, data, READER)
    assert reply.edits == 0
    bot.wait_rows("SELECT COUNT(*) FROM questions WHERE status != 'open'", 0)
    bot.wait_rows("SELECT COUNT(*) FROM taught", 0)


def test_editor_links_a_question_and_the_reader_is_answered(bot: BotProcess, emu: Emulator) -> None:
    assert "I don't know" in say(emu, READER, LIGHTS.capitalize() + "?").text
    queue = say(emu, EDITOR, "/unanswered")
    assert "Unanswered questions" in queue.text
    assert LIGHTS in queue.text.casefold()
    review = next(b for b in queue.buttons if b["text"].startswith("Review"))
    press(emu, queue, review["callback_data"], EDITOR)
    emu.wait_for(lambda s: queue.edits == 1)
    assert "Closest entries" in queue.text
    link = next(b for b in queue.buttons if b["callback_data"].endswith(":big-ai-players"))
    assert "Linked 2 question(s) to big-ai-players" in press(
        emu, queue, link["callback_data"], EDITOR
    )
    emu.wait_for(lambda s: queue.edits == 2)
    answer = say(emu, READER, LIGHTS)
    assert "OpenAI, backed by Microsoft" in answer.text
    # The old button now points at handled questions: a notice, no exception.
    assert "already handled" in press(emu, queue, link["callback_data"], EDITOR)
    learned = bot.database
    with sqlite3.connect(learned) as db:
        taught = db.execute("SELECT entry_id, origin, status FROM taught").fetchall()
    assert ("big-ai-players", "editor", "approved") in taught


def test_partial_answers_reach_editors_small_talk_does_not(bot: BotProcess, emu: Emulator) -> None:
    reader = READER + 1
    near = "What did the APAC AI market reach in 2029?"
    reply = say(emu, reader, near)
    # What the article does not give, said plainly, then the closest fact with its source.
    assert "The article gives no figure for 2029." in reply.text
    assert "$815.98 billion by 2032" in reply.text
    assert "<blockquote>APAC AI market projected" in reply.html
    assert "By The Numbers" in reply.text
    greeting = say(emu, reader, "hey there!")
    assert "Hello!" in greeting.text
    assert "/topics" in greeting.text
    assert "Source" not in greeting.text
    bot.wait_rows(f"SELECT COUNT(*) FROM questions WHERE text = '{near}'", 1)
    bot.wait_rows("SELECT COUNT(*) FROM questions WHERE text = 'hey there!'", 0)
    queue = say(emu, EDITOR, "/unanswered")
    assert near in queue.text
    assert "hey there" not in queue.text
    for review in [b for b in queue.buttons if b["text"].startswith("Review")]:
        key = review["callback_data"].split(":")[1]
        assert "Dismissed" in press(emu, queue, f"ud:{key}", EDITOR)  # leave the queue empty


def test_dismiss_and_link_by_id(bot: BotProcess, emu: Emulator) -> None:
    say(emu, READER, "best noodle shop in penang")
    say(emu, READER, "how do i knit a scarf")
    queue = say(emu, EDITOR, "/unanswered")
    buttons = [b for b in queue.buttons if b["text"].startswith("Review")]
    assert len(buttons) == 2
    key = buttons[0]["callback_data"].split(":")[1]
    assert "Dismissed 1 question(s)." in press(emu, queue, f"ud:{key}", EDITOR)
    other = buttons[1]["callback_data"].split(":")[1]
    assert "Usage" in say(emu, EDITOR, "/link").text
    assert "There is no entry" in say(emu, EDITOR, f"/link {other} no-such-entry").text
    assert "Linked 1 question(s)" in say(emu, EDITOR, f"/link {other} japan-focus").text
    assert "queue is empty" in say(emu, EDITOR, "/unanswered").text


def test_votes_are_stored_and_changeable(bot: BotProcess, emu: Emulator) -> None:
    answer = say(emu, READER, "How big is the APAC AI market?")
    assert "Thanks" in press(emu, answer, answer.button("👍")["callback_data"], READER)
    assert "Thanks" in press(emu, answer, answer.button("👎")["callback_data"], READER)
    bot.wait_rows("SELECT COUNT(*) FROM feedback WHERE entry_id = 'apac-market-size'", 1)
    bot.wait_rows("SELECT COUNT(*) FROM feedback WHERE vote = -1", 1)
    report = say(emu, EDITOR, "/feedback")
    assert "apac-market-size: 1 down, 0 up" in report.text
    assert "How big is the APAC AI market?" in report.text


def test_did_you_mean_choice_is_suggested_to_editors(bot: BotProcess, emu: Emulator) -> None:
    reply = say(emu, READER, "investment")
    press(emu, reply, reply.buttons[0]["callback_data"], READER)
    listing = say(emu, EDITOR, "/suggested")
    assert "investment" in listing.text
    approve = next(b for b in listing.buttons if b["text"].startswith("✔"))
    assert "Approved" in press(emu, listing, approve["callback_data"], EDITOR)
    assert "Source:" in say(emu, READER, "investment").text  # now answered outright


def test_reload_keeps_old_knowledge_on_error(bot: BotProcess, emu: Emulator, faq: Path) -> None:
    broken = faq / "broken.yaml"
    broken.write_text("article: {id: x, title: T}\nentries:\n  - id: y\n", encoding="utf-8")
    reply = say(emu, ADMIN, "/reload")
    assert "Reload failed" in reply.text
    assert "broken.yaml: line 3: entry 'y' (#1): field 'question': is required" in reply.text
    assert "$815.98 billion" in say(emu, READER, "How big is the APAC AI market?").text
    broken.unlink()
    reloaded = say(emu, ADMIN, "/reload")
    assert f"Reloaded: {len(load_knowledge(FAQ_DIR))} entries" in reloaded.text
    assert "OpenAI, backed by Microsoft" in say(emu, READER, LIGHTS).text  # taught survives


def test_long_replies_are_split_not_rejected(bot: BotProcess, emu: Emulator, faq: Path) -> None:
    broken = faq / "many-problems.yaml"
    entries = "".join(f"  - id: broken-entry-{i}\n" for i in range(300))
    broken.write_text(f"article: {{id: many, title: T}}\nentries:\n{entries}", encoding="utf-8")
    try:
        before = len(emu.replies(ADMIN))
        emu.send(emu.private_chat(ADMIN), ADMIN, "/reload")
        emu.wait_for(lambda s: "broken-entry-299" in emu.replies(ADMIN)[-1].text)
        parts = emu.replies(ADMIN)[before:]
        assert len(parts) >= 5
        assert all(len(p.text) <= 4096 for p in parts)
        assert all(p.html.startswith("<pre>") for p in parts[1:])  # the <pre> is reopened
        text = "\n".join(p.text for p in parts)
        assert all(f"'broken-entry-{i}' (#{i + 1})" in text for i in range(300))
    finally:
        broken.unlink()


def test_admin_stats_export_and_purge(bot: BotProcess, emu: Emulator) -> None:
    stats = say(emu, ADMIN, "/stats")
    assert "Questions: today" in stats.text
    assert "Top entries:" in stats.text
    count = len(emu.replies(ADMIN))
    emu.send(emu.private_chat(ADMIN), ADMIN, "/export")
    second = emu.wait_reply(ADMIN, count=count + 2)
    first = emu.replies(ADMIN)[count]
    assert first.filename == "unanswered.csv"
    assert first.document is not None
    assert first.document.decode().startswith("group,question_id,asked_at,question")
    assert second.filename == "feedback.csv"
    assert second.document is not None
    assert "apac-market-size,down" in second.document.decode()
    assert "Usage" in say(emu, ADMIN, "/purge soon").text
    assert "Deleted 0 question(s) older than 3650 days." in say(emu, ADMIN, "/purge 3650").text


def test_no_request_was_rejected(bot: BotProcess, emu: Emulator) -> None:
    unexpected = [
        e
        for e in emu.state.errors
        if "message is not modified" not in e and "chat not found" not in e
    ]
    assert unexpected == []
