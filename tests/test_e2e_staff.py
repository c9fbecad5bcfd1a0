"""End to end: editors teach the bot, admins run it, readers cannot reach either."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from faqbot.chart import HEIGHT_PX, WIDTH_PX, png_size
from faqbot.knowledge import load_knowledge
from faqbot.storage import Purged
from tests.botprocess import BotProcess, write_lock
from tests.conftest import FAQ_DIR, ROOT
from tests.emulator import Emulator, SentMessage

pytestmark = pytest.mark.e2e

ADMIN, EDITOR, READER, OTHER_ADMIN = 9001, 9002, 9100, 9003
UNKNOWN_COMMAND = "Sorry, I don't know that command."
FOR_EDITORS = "Sorry, that button is only for the bot's editors."
FOR_ADMINS = "Sorry, that button is only for the bot's admins."
LIGHTS = "openai money man"  # not answered until an editor teaches it


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
def texts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("texts") / "messages.yaml"
    shutil.copy(ROOT / "bot" / "messages.yaml", path)
    return path


@pytest.fixture(scope="module")
def bot(
    emu: Emulator, faq: Path, texts: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BotProcess]:
    emu.private_chat(ADMIN)  # the admin has started the bot; the editor has not yet
    process = BotProcess(
        emu,
        tmp_path_factory.mktemp("staff"),
        {
            "FAQBOT_ADMIN_IDS": f"{ADMIN},{OTHER_ADMIN}",
            "FAQBOT_EDITOR_IDS": str(EDITOR),
            "FAQBOT_KNOWLEDGE": str(faq),
            "FAQBOT_MESSAGES": str(texts),
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


def link_anyway(emu: Emulator, asked: SentMessage, entry: str) -> str:
    """Confirm a link the bot asked about (wordings with words the entry never writes):
    press its Link anyway button as the editor; return the toast (the link's notice)."""
    assert asked.text.startswith("Not linked yet"), asked.text
    return press(emu, asked, asked.button(f"Link anyway → {entry}")["callback_data"], EDITOR)


def press_and_wait(emu: Emulator, message: SentMessage, data: str, user: int) -> str:
    """Press a button, wait until its message is edited; return the toast text."""
    edits = message.edits
    toast = press(emu, message, data, user)
    emu.wait_for(lambda s: message.edits > edits)
    return toast


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


def test_staff_commands_in_a_group(bot: BotProcess, emu: Emulator) -> None:
    """The report: "/stats@FaqTestBot" in a group got no reply, from an admin or anyone.
    Staff data never goes to a group. Addressed to the bot, a staff command gets the same
    hint to use a private chat whoever sends it (a reply for staff only would tell the
    group who the editors are); a bare one may be another bot's: no reply, from anyone."""
    group = emu.group_chat(-9050)
    emu.send(group, ADMIN, "/stats@FaqTestBot")
    hint = emu.wait_reply(-9050)
    assert "only in a private chat with me" in hint.text
    assert "@FaqTestBot" in hint.text
    assert hint.photo is None
    assert hint.document is None
    emu.send(group, EDITOR, "/unanswered@FaqTestBot")
    assert emu.wait_reply(-9050, count=2).text == hint.text
    emu.send(group, READER, "/stats@FaqTestBot")
    assert emu.wait_reply(-9050, count=3).text == hint.text  # the same for a reader
    emu.send(group, READER, "/stats")  # may be another bot's /stats: no reply
    emu.send(group, ADMIN, "/stats")  # nor for staff: no reply tells them apart
    emu.send(group, EDITOR, "/stats@FaqTestBot")  # an editor, not an admin: the same
    assert emu.wait_reply(-9050, count=4).text == hint.text
    emu.wait_idle(1.0)
    assert len(emu.replies(-9050)) == 4
    # In a private chat, addressed to the bot, the command works.
    reply = say(emu, ADMIN, "/unanswered@FaqTestBot")
    assert reply.text.startswith("Unanswered questions")


def test_forged_editor_callback_does_nothing(bot: BotProcess, emu: Emulator) -> None:
    reply = say(emu, READER, "/topics")
    bot.wait_rows(f"SELECT COUNT(*) FROM questions WHERE text = '{LIGHTS}'", 1)
    with sqlite3.connect(bot.database) as db:
        (qid,) = db.execute("SELECT id FROM questions WHERE text = ?", (LIGHTS,)).fetchone()
    for data in (f"ul:{qid}:big-ai-players", f"ud:{qid}", "ug:0", f"ur:{qid}", "sa:1"):
        # Refused for what it is: a staff button, not an out-of-date one.
        assert press(emu, reply, data, READER) == FOR_EDITORS
    assert reply.edits == 0
    bot.wait_rows("SELECT COUNT(*) FROM questions WHERE status != 'open'", 0)
    bot.wait_rows("SELECT COUNT(*) FROM taught", 0)


def test_editor_links_a_question_and_the_reader_is_answered(bot: BotProcess, emu: Emulator) -> None:
    assert "I don't know" in say(emu, READER, LIGHTS.capitalize() + "?").text
    queue = say(emu, EDITOR, "/unanswered")
    assert "Unanswered questions" in queue.text
    assert LIGHTS in queue.text.casefold()
    review = next(b for b in queue.buttons if b["text"].startswith("Review #"))
    press(emu, queue, review["callback_data"], EDITOR)
    emu.wait_for(lambda s: queue.edits == 1)
    assert "Best matches now" in queue.text
    link = next(b for b in queue.buttons if b["callback_data"].endswith(":big-ai-players"))
    key = review["callback_data"].split(":")[1]
    count = len(emu.replies(EDITOR))
    # 'money' and 'man' are words big-ai-players never writes: the editor confirms first.
    assert press(emu, queue, link["callback_data"], EDITOR) == ""
    asked = emu.wait_reply(EDITOR, count=count + 1)
    assert "'money', 'man'" in asked.text
    assert "I don't know" in say(emu, READER, LIGHTS).text  # not taught yet
    assert f"Linked 3 question(s) of #{key} to big-ai-players" in link_anyway(
        emu, asked, "big-ai-players"
    )
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
    assert "The article doesn't give that for 2029." in reply.text
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


def test_a_vote_under_a_partial_reply_is_not_a_vote_on_the_answer(
    bot: BotProcess, emu: Emulator
) -> None:
    """breakit-5: 👍/👎 under a partial reply were filed against the closest entry, as if
    readers had voted on its answer. They are votes on the partial reply: /feedback shows
    them apart, and a reply to that message still follows its closest fact."""
    reader = READER + 110
    near = "What did the APAC AI market reach in 2029?"
    partial = say(emu, reader, near)
    assert "The article doesn't give that for 2029." in partial.text
    down = partial.button("👎")["callback_data"]
    assert down == "vp:apac-market-size:d"
    assert press(emu, partial, down, reader).startswith("Thanks")
    bot.wait_rows("SELECT COUNT(*) FROM feedback WHERE partial = 1", 1)
    assert (
        bot.count(
            "SELECT COUNT(*) FROM feedback WHERE partial = 1 AND entry_id = 'apac-market-size'"
            f" AND vote = -1 AND question = '{near}'"
        )
        == 1
    )
    listed = say(emu, EDITOR, "/feedback").text
    apart = listed.split("On partial replies")[1]
    assert "apac-market-size: 1 down, 0 up" in apart
    assert near in apart
    # A follow-up in reply to the partial reply asks about its closest fact.
    emu.send(emu.private_chat(reader), reader, "and in 2032?", reply_to=partial)
    assert "$815.98 billion by 2032" in emu.wait_reply(reader, count=2).text
    dismiss_all(emu)


def test_dismiss_and_link_by_id(bot: BotProcess, emu: Emulator) -> None:
    say(emu, READER, "best noodle shop in penang")
    say(emu, READER, "japan's big bet")
    queue = say(emu, EDITOR, "/unanswered")
    buttons = [b for b in queue.buttons if b["text"].startswith("Review")]
    assert len(buttons) == 2
    key = buttons[0]["callback_data"].split(":")[1]
    assert "Dismissed 1 question(s)." in press(emu, queue, f"ud:{key}", EDITOR)
    other = buttons[1]["callback_data"].split(":")[1]
    assert "Usage" in say(emu, EDITOR, "/link").text
    assert "There is no entry" in say(emu, EDITOR, f"/link #{other} no-such-entry").text
    asked = say(emu, EDITOR, f"/link #{other} japan-focus")
    assert "Linked 1 question(s)" in link_anyway(emu, asked, "japan-focus")
    assert "queue is empty" in say(emu, EDITOR, "/unanswered").text


def test_teaching_only_wordings_that_would_then_answer(bot: BotProcess, emu: Emulator) -> None:
    """The reported bug: /link said "Linked", yet readers asking the wording still got "I
    don't know" (its words are all common words: nothing to match by). Such a wording is
    not taught and the editor is told why; a group of only such wordings is not linked."""
    reader = READER + 45
    source, later = "openai money source", "openai money source in 2030"
    for text in ("what is it?", source, later):
        assert "I don't know" in say(emu, reader, text).text
    ids = group_ids(say(emu, EDITOR, "/unanswered"))
    refused = say(emu, EDITOR, f"/link {ids['what is it?']} the-contest")
    assert f"Not linked: no wording of {ids['what is it?']} can be taught" in refused.text
    assert "what is it?: it has only common words" in refused.text
    assert "what is it?" in group_ids(say(emu, EDITOR, "/unanswered"))  # still open
    asked = say(emu, EDITOR, f"/link {ids[source]} big-ai-players")
    count = len(emu.replies(EDITOR))
    toast = link_anyway(emu, asked, "big-ai-players")
    assert f"Linked 2 question(s) of {ids[source]} to big-ai-players" in toast
    linked = emu.wait_reply(EDITOR, count=count + 1)  # with what was not taught and why
    assert "Not taught" in linked.text
    assert f"{later}: it asks for the year 2030" in linked.text
    assert "OpenAI, backed by Microsoft" in say(emu, reader, source).text
    assert "I don't know" not in say(emu, reader, later).text  # partial
    dismiss_all(emu)  # leave the queue empty for the tests after this one


def test_teaching_refuses_what_the_entry_does_not_state(bot: BotProcess, emu: Emulator) -> None:
    """breakit-5 P1-1: /link taught "How accurate is Small AI?" to what-is-small-ai, "Who
    founded Meta?" to Meta's role, "what is the weather" to the market's size..., and
    readers then got those answers with full confidence, "How accurate is Big AI?" too.
    What the entry does not state is refused, by the matcher's own check, with the reason;
    a wording sharing no word with the entry waits for the editor to confirm it."""
    reader = READER + 100
    refused = {
        "How accurate is Small AI?": ("what-is-small-ai", "it asks for how accurate"),
        "Who founded Meta?": ("meta-open-source", "it asks for who founded Meta"),
        "What is Meta's market share?": ("meta-open-source", "it asks for a figure"),
        "How much electricity do AI data centres use in Asia?": (
            "training-costs",
            "it asks about 'electricity'",
        ),
        "Who penned this report?": ("the-contest", "it asks for who penned this report"),
    }
    for text in refused:
        say(emu, reader, text)
    ids = group_ids(say(emu, EDITOR, "/unanswered"))
    for text, (entry, why) in refused.items():
        reply = say(emu, EDITOR, f"/link {ids[text]} {entry}")
        assert f"Not linked: no wording of {ids[text]} can be taught to {entry}" in reply.text
        assert why in reply.text, reply.text
    # Nothing taught: readers get what they got before.
    for text in ("How accurate is Small AI?", "How accurate is Big AI?", "Who founded Meta?"):
        assert "I don't know" in say(emu, reader, text).text, text
    dismiss_all(emu)
    weather = "what is the weather"
    say(emu, reader, weather)
    ids = group_ids(say(emu, EDITOR, "/unanswered"))
    asked = say(emu, EDITOR, f"/link {ids[weather]} apac-market-size")
    assert f"Not linked yet: these wordings of {ids[weather]} ask about words" in asked.text
    assert "it shares no word with apac-market-size ('weather')" in asked.text
    assert "I don't know" in say(emu, reader, weather).text  # not taught yet
    anyway = asked.button("Link anyway → apac-market-size")
    assert anyway["callback_data"].startswith(f"uy:{ids[weather][1:]}:apac-market-size:")
    assert press(emu, asked, anyway["callback_data"], READER) == FOR_EDITORS
    linked = press(emu, asked, anyway["callback_data"], EDITOR)
    assert f"Linked 2 question(s) of {ids[weather]} to apac-market-size" in linked
    assert "$815.98 billion" in say(emu, reader, weather).text  # what the editor confirmed
    # The lesson answers what it was taught for, not more.
    assert "I don't know" in say(emu, reader, "what is the weather map").text
    dismiss_all(emu)  # leave the queue empty for the tests after this one


def test_a_reworded_question_the_entry_does_not_answer_waits_for_the_editor(
    bot: BotProcess, emu: Emulator
) -> None:
    """review-5 P1-1: "Is Small AI accurate?" (not "How accurate is...") was taught at
    once, and readers asking whether Small AI is accurate got its definition outright. A
    wording with a word the entry never writes waits, naming the word."""
    reader = READER + 130
    for text in ("Is Small AI accurate?", "Meta's motto?"):
        assert "Source:" not in say(emu, reader, text).text
    ids = group_ids(say(emu, EDITOR, "/unanswered"))
    for text, entry, word in (
        ("Is Small AI accurate?", "what-is-small-ai", "'accurate'"),
        ("Meta's motto?", "meta-open-source", "'motto'"),
    ):
        asked = say(emu, EDITOR, f"/link {ids[text]} {entry}")
        assert asked.text.startswith(f"Not linked yet: these wordings of {ids[text]}")
        assert f"it asks about {word}, which {entry} never writes" in asked.text
        assert "Source:" not in say(emu, reader, text).text  # nothing taught
    dismiss_all(emu)


def test_link_anyway_confirms_the_wordings_the_editor_saw(bot: BotProcess, emu: Emulator) -> None:
    """review-5 P2-5: Link anyway confirmed a group: a similar question that joined it after
    the editor's view was taught unseen. A group with another wording since is shown
    afresh, and nothing is taught until the editor confirms what they now see."""
    reader = READER + 140
    first, later = "monsoon season forecast", "monsoon season forecast?!"
    say(emu, reader, first)
    ids = group_ids(say(emu, EDITOR, "/unanswered"))
    asked = say(emu, EDITOR, f"/link {ids[first]} apac-market-size")
    assert first in asked.text
    say(emu, reader + 1, later)  # joins the group after the editor's view
    assert group_ids(say(emu, EDITOR, "/unanswered")) == {first: ids[first]}
    count = len(emu.replies(EDITOR))
    assert link_anyway(emu, asked, "apac-market-size") == ""  # not linked: asked again
    again = emu.wait_reply(EDITOR, count=count + 1)
    assert later in again.text
    assert "I don't know" in say(emu, reader, first).text  # nothing taught
    bot.wait_rows("SELECT COUNT(*) FROM taught WHERE phrasing LIKE 'monsoon season%'", 0)
    assert "Linked 3 question(s)" in link_anyway(emu, again, "apac-market-size")
    assert "$815.98 billion" in say(emu, reader + 1, later).text  # confirmed: taught
    dismiss_all(emu)


def test_editors_see_what_a_follow_up_followed_and_it_is_not_taught(
    bot: BotProcess, emu: Emulator
) -> None:
    """The report: a reader replied "and in 2030?" to an answer; /unanswered showed "#5 ×1
    and in 2030? … best match now: none", so the editor could not tell what it followed.
    It now says what it followed, and teaching it (/link, or approving a reader's pick made
    for a follow-up) is refused with the reason."""
    reader = READER + 80
    chat = emu.private_chat(reader)
    answer = say(emu, reader, "How big is the APAC AI market?")
    assert "$815.98 billion by 2032" in answer.text
    emu.send(chat, reader, "and in 2030?", reply_to=answer)
    partial = emu.wait_reply(reader, count=2)
    assert partial.text.startswith("The article doesn't give that for 2030.")
    bot.wait_rows(
        "SELECT COUNT(*) FROM questions WHERE text = 'and in 2030?'"
        " AND follows = 'apac-market-size'",
        1,
    )
    queue = say(emu, EDITOR, "/unanswered")
    key = group_ids(queue)["and in 2030?"]
    assert (
        f"{key} ×1 and in 2030? [partial]\n"
        "    follow-up to apac-market-size How big is the APAC AI market?\n"
    ) in queue.text
    refused = say(emu, EDITOR, f"/link {key} apac-market-size")
    assert f"Not linked: no wording of {key} can be taught to apac-market-size" in refused.text
    assert "and in 2030?: it is a follow-up to the answer of apac-market-size" in refused.text
    assert "its wording alone does not say what it asks" in refused.text
    assert key in group_ids(say(emu, EDITOR, "/unanswered")).values()  # still open
    # A reply that is a question of its own ("singapore" after Giron's answer: a word the
    # article uses for other entries) is matched alone and is no follow-up: its row and a
    # reader's pick for it follow nothing, and teaching it meets its own problem (vague).
    # ("vietnam" was the word until one word that one entry is about answered it.)
    quote = say(
        emu, reader, "What does Frederic Giron of Forrester say about APAC's AI stance for 2026?"
    )
    assert "Giron" in quote.text
    count = len(emu.replies(reader))
    emu.send(chat, reader, "singapore", reply_to=quote)
    unsure = emu.wait_reply(reader, count=count + 1)
    assert unsure.text.startswith("I'm not quite sure")
    bot.wait_rows("SELECT COUNT(*) FROM questions WHERE text = 'singapore' AND follows IS NULL", 1)
    press(emu, unsure, "d:singapore-sandbox", reader)
    listing = say(emu, EDITOR, "/suggested")
    line = r"^(\d+)\. singapore → singapore-sandbox$"
    (number,) = re.findall(line, listing.text, re.M)
    approve = next(b for b in listing.buttons if b["text"] == f"✔ Approve {number}")
    count = len(emu.replies(EDITOR))
    press(emu, listing, approve["callback_data"], EDITOR)
    notice = emu.wait_reply(EDITOR, count=count + 1)
    assert "Not approved: singapore cannot be taught to singapore-sandbox" in notice.text
    assert "one word is not enough to answer" in notice.text
    assert "follow-up" not in notice.text
    reject = listing.buttons[listing.buttons.index(approve) + 1]  # on the same row
    assert reject["text"] == "✖ Reject"
    assert "Rejected" in press(emu, listing, reject["callback_data"], EDITOR)
    dismiss_all(emu)


def dismiss_all(emu: Emulator) -> None:
    """Dismiss every group in the editors' queue, a page at a time, with the buttons
    /unanswered shows."""
    queue = say(emu, EDITOR, "/unanswered")
    while reviews := [b for b in queue.buttons if b["text"].startswith("Review")]:
        for review in reviews:
            key = review["callback_data"].split(":")[1]
            assert "Dismissed" in press(emu, queue, f"ud:{key}", EDITOR)
        queue = say(emu, EDITOR, "/unanswered")
    assert "queue is empty" in queue.text


JOURNALIST = "openai's cheque writer"  # not answered until an editor teaches it
# (not "...pie worth today?": the constraints read 'pie' as what a worth is of, which the
# entry never speaks of, so teaching refuses it)
PIE = "What's the APAC AI pie today?"


def group_ids(queue: SentMessage) -> dict[str, str]:
    """Each group's shown id ("#412") by its first wording, as /unanswered lists them."""
    found = re.findall(r"^(#\d+) ×\d+ (.+?)(?: \[[a-z, ]+\])?$", queue.text, re.MULTILINE)
    return {text: key for key, text in found}


def cli(bot: BotProcess, *args: str) -> str:
    """Run the faqbot CLI on the bot's database (as an editor would beside it)."""
    done = subprocess.run(
        [sys.executable, "-m", "faqbot", *args], cwd=ROOT, env=bot.env, capture_output=True,
        text=True, timeout=60, check=True,
    )  # fmt: skip
    return done.stdout


def test_link_takes_the_shown_id_and_unlink_undoes_it(bot: BotProcess, emu: Emulator) -> None:
    """The issue's scenario: one question about OpenAI's money, three about the market's size.
    The editor links the group they mean by the id /unanswered shows; the other group stays;
    /unlink undoes it and the question is unanswered again."""
    asker = READER + 20
    assert "I don't know" in say(emu, asker, JOURNALIST).text
    for n in range(3):
        assert "I don't know" in say(emu, asker + 1 + n, PIE).text
    queue = say(emu, EDITOR, "/unanswered")
    ids = group_ids(queue)
    assert set(ids) == {JOURNALIST, PIE}, queue.text
    assert queue.text.index(PIE) < queue.text.index(JOURNALIST)  # most asked first
    assert f"{ids[PIE]} ×3 {PIE}" in queue.text
    assert f"Review {ids[PIE]} (×3)" in [b["text"] for b in queue.buttons]
    # A list position is not an id: refused with the usage line, nothing taught.
    assert "Usage: /link #id entry-id" in say(emu, EDITOR, "/link 1 apac-market-size").text
    assert "There is no open group #1" in say(emu, EDITOR, "/link #1 apac-market-size").text
    asked = say(emu, EDITOR, f"/link {ids[PIE]} apac-market-size")
    assert "'pie'" in asked.text  # a word the entry never writes: confirmed first
    linked = link_anyway(emu, asked, "apac-market-size")
    assert f"Linked 3 question(s) of {ids[PIE]} to apac-market-size" in linked
    lesson = re.search(r"/unlink ([0-9a-f]{8})", linked)
    assert lesson is not None
    assert "$815.98 billion" in say(emu, asker, PIE).text  # taught at once
    assert "I don't know" in say(emu, asker, JOURNALIST).text
    left = group_ids(say(emu, EDITOR, "/unanswered"))
    assert left == {JOURNALIST: ids[JOURNALIST]}  # the other group stays, same id
    # Who, when, which wordings, which entry, which questions: recorded.
    with contextlib.closing(sqlite3.connect(bot.database)) as db:
        row = db.execute(
            "SELECT editor, kind, entry_id, phrasings, json_array_length(question_ids),"
            " created_at > 0 FROM lessons WHERE id = ?",
            (lesson.group(1),),
        ).fetchone()
    assert row == (str(EDITOR), "link", "apac-market-size", json.dumps([PIE]), 3, 1)
    assert PIE in cli(bot, "learned", "export")
    # /unlink lists recent teaching with an Undo button each; pressing one undoes it.
    listing = say(emu, EDITOR, "/unlink")
    assert lesson.group(1) in listing.text
    assert PIE in listing.text
    undo = listing.button(f"Undo {lesson.group(1)}")
    assert "no longer answer with apac-market-size" in press(
        emu, listing, undo["callback_data"], EDITOR
    )
    emu.wait_for(lambda s: listing.edits == 1)
    assert "undone" in listing.text
    assert f"Undo {lesson.group(1)}" not in [b["text"] for b in listing.buttons]
    assert "I don't know" in say(emu, asker, PIE).text  # unanswered again, at once
    back = group_ids(say(emu, EDITOR, "/unanswered"))
    assert back[PIE] == ids[PIE]
    assert back[JOURNALIST] == ids[JOURNALIST]
    assert "already undone" in press(emu, listing, undo["callback_data"], EDITOR)
    bot.wait_rows("SELECT COUNT(*) FROM lessons WHERE undone_at IS NOT NULL", 1)
    # review-5 P1-2: the undone wording's row no longer says it is taught.
    bot.wait_rows(
        "SELECT COUNT(*) FROM taught WHERE origin = 'editor' AND status = 'approved'"
        " AND lesson_id IN (SELECT id FROM lessons WHERE undone_at IS NOT NULL)",
        0,
    )
    assert PIE not in cli(bot, "learned", "export")
    # /unlink <id> undoes directly.
    asked = say(emu, EDITOR, f"/link {ids[JOURNALIST]} big-ai-players")
    relinked = link_anyway(emu, asked, "big-ai-players")
    second = re.search(r"/unlink ([0-9a-f]{8})", relinked)
    assert second is not None
    assert "OpenAI" in say(emu, asker, JOURNALIST).text
    assert "Usage" in say(emu, EDITOR, "/unlink 1").text
    assert "There is no lesson" in say(emu, EDITOR, "/unlink 0badc0de").text
    undone = say(emu, EDITOR, f"/unlink {second.group(1)}")
    assert f"Undone {second.group(1)}: 1 wording(s) no longer answer" in undone.text
    assert "I don't know" in say(emu, asker, JOURNALIST).text
    listed = cli(bot, "learned", "list")
    assert f"{second.group(1)}  " in listed
    assert "[undone" in listed.splitlines()[0]
    dismiss_all(emu)  # leave the queue empty for the tests after this one


def test_small_talk_never_enters_the_queue(bot: BotProcess, emu: Emulator) -> None:
    chatty = READER + 30
    for text in ("hey", "thanks!", "hey", "thanks!", "hello", "thank you so much", "ok"):
        reply = say(emu, chatty, text)
        assert "I don't know" not in reply.text
    bot.wait_rows("SELECT COUNT(*) FROM questions WHERE decision = 'smalltalk'", 0)
    assert "queue is empty" in say(emu, EDITOR, "/unanswered").text


def test_unsure_and_partial_questions_are_listed_with_their_marks(
    bot: BotProcess, emu: Emulator
) -> None:
    unsure, partial = "regulation", "What did the APAC AI market reach in 2029?"
    reply = say(emu, READER + 40, unsure)
    assert reply.buttons  # did-you-mean, and the reader picks nothing
    assert "doesn't give that for 2029" in say(emu, READER + 40, partial).text
    queue = say(emu, EDITOR, "/unanswered")
    ids = group_ids(queue)
    assert f"{ids[unsure]} ×1 {unsure} [unsure]" in queue.text
    assert f"{ids[partial]} ×1 {partial} [partial]" in queue.text
    offered = [b["callback_data"].split(":")[1] for b in reply.buttons]
    assert f"offered: {', '.join(offered)}" in queue.text  # the choices it was offered
    assert "offered: apac-market-size" in queue.text  # the closest fact given in part
    review = queue.button(f"Review {ids[unsure]}")
    press(emu, queue, review["callback_data"], EDITOR)
    emu.wait_for(lambda s: queue.edits == 1)
    assert f"{ids[unsure]}: 1 question(s)" in queue.text
    assert "[unsure]" in queue.text
    assert f"Readers were offered: {', '.join(offered)}" in queue.text
    say(emu, EDITOR, f"/link {ids[unsure]} regulatory-middle-path")
    # The partial question asks for 2029, which no entry states: not taught, dismissed.
    assert "Not linked" in say(emu, EDITOR, f"/link {ids[partial]} apac-market-size").text
    dismiss_all(emu)


def test_votes_are_stored_and_changeable(bot: BotProcess, emu: Emulator) -> None:
    answer = say(emu, READER, "How big is the APAC AI market?")
    assert "Thanks" in press(emu, answer, answer.button("👍")["callback_data"], READER)
    assert "Thanks" in press(emu, answer, answer.button("👎")["callback_data"], READER)
    # Votes on answers (those under partial replies are kept apart: partial = 1).
    answers = "FROM feedback WHERE partial = 0 AND entry_id = 'apac-market-size'"
    bot.wait_rows(f"SELECT COUNT(*) {answers}", 1)
    bot.wait_rows(f"SELECT COUNT(*) {answers} AND vote = -1", 1)
    report = say(emu, EDITOR, "/feedback")
    assert "apac-market-size: 1 down, 0 up" in report.text.split("On partial replies")[0]
    assert "How big is the APAC AI market?" in report.text


def test_feedback_keeps_the_question_behind_each_answer(bot: BotProcess, emu: Emulator) -> None:
    # Through a did-you-mean choice: the answer replaces the suggestions, which quote the
    # question, so the pressed 👎 finds it in the message it replies to.
    reader = READER + 50
    suggestions = say(emu, reader, "funding")
    press(emu, suggestions, suggestions.button("South Korea")["callback_data"], reader)
    emu.wait_for(lambda s: suggestions.edits == 1)
    assert "$7 billion" in suggestions.text
    press(emu, suggestions, suggestions.button("👎")["callback_data"], reader)
    # Through a related-question button: the question is the one on the button.
    answer = say(emu, reader + 1, "What is China's approach to AI?")
    related = answer.buttons[0]
    count = len(emu.replies(reader + 1))
    press(emu, answer, related["callback_data"], reader + 1)
    opened = emu.wait_reply(reader + 1, count=count + 1)
    entry_id = related["callback_data"].split(":")[1]
    press(emu, opened, opened.button("👎")["callback_data"], reader + 1)
    # Through a deep link (/start <entry id>): the shared answer's question.
    shared = say(emu, reader + 2, "/start vietnam-ai-law")
    press(emu, shared, shared.button("👎")["callback_data"], reader + 2)
    voted = ("south-korea-commitment", entry_id, "vietnam-ai-law")
    bot.wait_rows(f"SELECT COUNT(*) FROM feedback WHERE vote = -1 AND entry_id IN {voted}", 3)
    with contextlib.closing(sqlite3.connect(bot.database)) as db:
        asked = dict(db.execute("SELECT entry_id, question FROM feedback WHERE vote = -1"))
    kb = load_knowledge(FAQ_DIR)
    related_entry, law = kb.get(entry_id), kb.get("vietnam-ai-law")
    assert related_entry is not None
    assert law is not None
    assert asked["south-korea-commitment"] == "funding"
    assert asked[entry_id] == related_entry.question == related["text"]
    assert asked["vietnam-ai-law"] == law.question
    report = say(emu, EDITOR, "/feedback")
    assert "south-korea-commitment: 1 down" in report.text
    assert "  - funding" in report.text
    assert f"  - {related_entry.question}" in report.text
    assert f"  - {law.question}" in report.text


def test_did_you_mean_choice_is_suggested_to_editors(bot: BotProcess, emu: Emulator) -> None:
    reply = say(emu, READER, "ai sovereignty laws")
    assert reply.text.startswith("I'm not quite sure")
    press(emu, reply, "d:ai-sovereignty", READER)
    listing = say(emu, EDITOR, "/suggested")
    (number,) = re.findall(r"^(\d+)\. ai sovereignty laws → ai-sovereignty$", listing.text, re.M)
    approve = next(b for b in listing.buttons if b["text"] == f"✔ Approve {number}")
    count = len(emu.replies(EDITOR))
    press(emu, listing, approve["callback_data"], EDITOR)
    # 'laws' is a word ai-sovereignty never writes: the editor confirms first.
    asked = emu.wait_reply(EDITOR, count=count + 1)
    assert asked.text.startswith("Not approved yet: ai sovereignty laws → ai-sovereignty")
    assert "'laws'" in asked.text
    assert "Source:" not in say(emu, READER, "ai sovereignty laws").text  # not taught yet
    anyway = asked.button("Approve anyway → ai-sovereignty")["callback_data"]
    assert press(emu, asked, anyway, READER) == FOR_EDITORS
    assert "Approved" in press(emu, asked, anyway, EDITOR)
    assert "Source:" in say(emu, READER, "ai sovereignty laws").text  # now answered outright


def test_a_bare_word_a_reader_picked_is_not_approved(bot: BotProcess, emu: Emulator) -> None:
    """The report: one reader's pick of Korea for "investment", approved with one tap,
    made "investment" answer Korea's $7 billion for everyone, though one word several
    entries use gets did-you-mean. Approving it is refused, and the editor told why."""
    reply = say(emu, READER + 3, "investment")
    assert reply.text.startswith("I'm not quite sure")
    press(emu, reply, "d:south-korea-commitment", READER + 3)
    listing = say(emu, EDITOR, "/suggested")
    (number,) = re.findall(r"^(\d+)\. investment → south-korea-commitment$", listing.text, re.M)
    approve = next(b for b in listing.buttons if b["text"] == f"✔ Approve {number}")
    count = len(emu.replies(EDITOR))
    press(emu, listing, approve["callback_data"], EDITOR)
    notice = emu.wait_reply(EDITOR, count=count + 1)
    assert "Not approved: investment cannot be taught to south-korea-commitment" in notice.text
    assert "one word that several entries use" in notice.text
    assert say(emu, READER + 4, "investment").text.startswith("I'm not quite sure")
    assert "investment" in say(emu, EDITOR, "/suggested").text  # waits to be rejected
    # /link refuses it too: the group stays open.
    ids = group_ids(say(emu, EDITOR, "/unanswered"))
    refused = say(emu, EDITOR, f"/link {ids['investment']} south-korea-commitment")
    assert "Not linked" in refused.text
    assert "one word that several entries use" in refused.text
    dismiss_all(emu)


LAMP = "openai piggy bank"  # not answered until an editor teaches it


def test_teach_then_reload_at_once_keeps_the_teaching(bot: BotProcess, emu: Emulator) -> None:
    """The link's write still waits in the store's queue (another process holds the
    database's write lock) when /reload reads the taught phrasings: the wording is still
    taught after the reload, and written once the lock is gone."""
    assert "I don't know" in say(emu, READER, LAMP).text
    key = group_ids(say(emu, EDITOR, "/unanswered"))[LAMP]
    with write_lock(bot.database, hold_at_most=30):
        asked = say(emu, EDITOR, f"/link {key} big-ai-players")
        linked = link_anyway(emu, asked, "big-ai-players")  # 'piggy', 'bank': confirmed
        assert "Linked 1 question(s)" in linked
        assert "in a moment" not in linked  # one article builds at once
        count = len(emu.replies(ADMIN))
        emu.send(emu.private_chat(ADMIN), ADMIN, "/reload")  # at once, the write still queued
        reloaded = emu.wait_reply(ADMIN, count=count + 1, timeout=30)
        assert "Reloaded" in reloaded.text
        assert "OpenAI, backed by Microsoft" in say(emu, READER, LAMP).text
    bot.wait_rows(f"SELECT COUNT(*) FROM taught WHERE phrasing = '{LAMP}'", 1, timeout=30)
    assert "OpenAI, backed by Microsoft" in say(emu, READER, LAMP).text
    assert "queue is empty" in say(emu, EDITOR, "/unanswered").text


PLANTS = "openai benefactor"  # not answered until an editor teaches it


def test_reload_keeps_old_knowledge_on_error(bot: BotProcess, emu: Emulator, faq: Path) -> None:
    """A failed /reload keeps the old knowledge and what was taught; a good one keeps the
    teaching too. The test teaches its own wording (it depends on no earlier test)."""
    asker = READER + 90
    assert "I don't know" in say(emu, asker, PLANTS).text
    key = group_ids(say(emu, EDITOR, "/unanswered"))[PLANTS]
    asked = say(emu, EDITOR, f"/link {key} big-ai-players")
    assert "Linked 1 question(s)" in link_anyway(emu, asked, "big-ai-players")
    broken = faq / "broken.yaml"
    broken.write_text("article: {id: x, title: T}\nentries:\n  - id: y\n", encoding="utf-8")
    reply = say(emu, ADMIN, "/reload")
    assert "Reload failed" in reply.text
    assert "broken.yaml: line 3: entry 'y' (#1): field 'question': is required" in reply.text
    assert "$815.98 billion" in say(emu, READER, "How big is the APAC AI market?").text
    assert "OpenAI, backed by Microsoft" in say(emu, asker, PLANTS).text  # still taught
    broken.unlink()
    reloaded = say(emu, ADMIN, "/reload")
    assert f"Reloaded: {len(load_knowledge(FAQ_DIR))} entries" in reloaded.text
    assert "OpenAI, backed by Microsoft" in say(emu, asker, PLANTS).text  # taught survives


def test_reload_with_broken_texts_or_dates_keeps_the_old_ones(
    bot: BotProcess, emu: Emulator, faq: Path, texts: Path
) -> None:
    shipped = texts.read_text(encoding="utf-8")
    knowledge = faq / "asia-ai-battle-lines.yaml"
    original = knowledge.read_text(encoding="utf-8")
    try:
        texts.write_text(shipped.replace("vote_thanks: ", "vote_thanks: <br>"), encoding="utf-8")
        dated = original.replace(
            "  id: asia-ai-battle-lines\n", "  id: asia-ai-battle-lines\n  date: 2025-06-31\n", 1
        )
        knowledge.write_text(dated, encoding="utf-8")
        reply = say(emu, ADMIN, "/reload")
        assert reply.text.startswith("Reload failed; the old knowledge and reply texts stay live.")
        assert f"{knowledge}: line 6: field 'article.date': must be a real date" in reply.text
        assert f"{texts}: line " in reply.text
        assert "key 'vote_thanks': not Telegram HTML: tag <br> is not allowed" in reply.text
        assert "went wrong" not in reply.text
        assert "Traceback" not in bot.output()
        voter = READER + 70
        answer = say(emu, voter, "How big is the APAC AI market?")  # old knowledge still live
        assert "$815.98 billion" in answer.text
        assert press(emu, answer, answer.button("👍")["callback_data"], voter).startswith(
            "Thanks"
        )  # the old texts too: a "<br>" would make Telegram refuse every vote's notice
    finally:
        texts.write_text(shipped, encoding="utf-8")
        knowledge.write_text(original, encoding="utf-8")
    assert say(emu, ADMIN, "/reload").text.startswith("Reloaded:")


def test_broken_texts_refuse_the_start_with_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "messages.yaml"
    shipped = (ROOT / "bot" / "messages.yaml").read_text(encoding="utf-8")
    broken.write_text(shipped.replace("vote_thanks: ", "vote_thanks: <br>"), encoding="utf-8")
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "1:unused", "FAQBOT_MESSAGES": str(broken)}
    env["FAQBOT_BOT_API_URL"] = "http://127.0.0.1:9/bot"  # never reached
    done = subprocess.run(
        [sys.executable, "-m", "faqbot", "run"], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    line = shipped.splitlines().index(
        next(t for t in shipped.splitlines() if t.startswith("vote_thanks:"))
    )
    assert done.stderr.splitlines() == [
        f"faqbot: {broken}: line {line + 1}: key 'vote_thanks': not Telegram HTML: tag <br> is"
        " not allowed (Telegram allows a, b, blockquote, code, del, em, i, ins, pre, s, span,"
        " strike, strong, tg-emoji, tg-spoiler, u)"
    ]


def test_long_replies_are_split_not_rejected(bot: BotProcess, emu: Emulator, faq: Path) -> None:
    broken = faq / "many-problems.yaml"
    entries = "".join(f"  - id: broken-entry-{i}\n" for i in range(300))
    broken.write_text(f"article: {{id: many, title: T}}\nentries:\n{entries}", encoding="utf-8")
    try:
        before = len(emu.replies(ADMIN))
        emu.send(emu.private_chat(ADMIN), ADMIN, "/reload")
        # The last problem listed (its last field): where the reply is split depends on
        # the folder's name, and an earlier line of entry 299 may end a part of its own.
        last = "'broken-entry-299' (#300): field 'source'"
        emu.wait_for(lambda s: last in emu.replies(ADMIN)[-1].text)
        emu.wait_idle(0.5)  # and nothing after it
        parts = emu.replies(ADMIN)[before:]
        assert len(parts) >= 5
        assert all(len(p.text) <= 4096 for p in parts)
        assert all(p.html.startswith("<pre>") for p in parts[1:])  # the <pre> is reopened
        text = "\n".join(p.text for p in parts)
        assert all(f"'broken-entry-{i}' (#{i + 1})" in text for i in range(300))
    finally:
        broken.unlink()


def test_admin_stats_is_one_picture_with_the_figures(bot: BotProcess, emu: Emulator) -> None:
    count = len(emu.replies(ADMIN))
    emu.send(emu.private_chat(ADMIN), ADMIN, "/stats")
    photo = emu.wait_reply(ADMIN, count=count + 1)
    assert photo.photo is not None
    assert png_size(photo.photo) == (WIDTH_PX, HEIGHT_PX)
    # The figures are the caption when they fit (1024 characters), else a message after it.
    emu.wait_idle(0.5)
    sent = emu.replies(ADMIN)[count:]
    figures = sent[-1]
    assert len(sent) == (1 if photo.html.startswith("<pre>") else 2)
    assert "Questions: today" in figures.text
    assert "Top entries:" in figures.text
    assert "Top unanswered groups:" in figures.text
    total = re.search(r"all time (\d+)", figures.text)
    assert total is not None
    assert int(total.group(1)) == bot.count("SELECT COUNT(*) FROM questions")
    # The bot was idle: this /stats does not count itself as received and not finished.
    assert "Updates received and not finished: 0" in figures.text


def test_a_long_caption_is_sent_as_a_message_after_the_photo(
    bot: BotProcess, emu: Emulator
) -> None:
    off_topic = (
        "how many penguins live on the southern coast of antarctica in winter",
        "which football club won the most trophies during the last decade",
        "what is the recipe for a traditional sourdough bread with rye flour",
        "when does the next total solar eclipse cross the pacific ocean",
        "where can i rent a bicycle near the old harbour for the weekend",
        "who painted the ceiling of the famous chapel in the vatican city",
        "why do cats purr loudly when they sleep next to warm radiators",
        "how deep is the mariana trench compared with mount everest height",
        "which vitamins should marathon runners take before a long race day",
        "what time does the night market open on saturdays in chiang mai",
        "how long does it take to learn the violin as a grown up beginner",
        "where do monarch butterflies spend the cold months of the year",
    )
    for n, question in enumerate(off_topic):  # ten groups shown: figures past 1024 characters
        say(emu, READER + 60 + n, question)
    count = len(emu.replies(ADMIN))
    emu.send(emu.private_chat(ADMIN), ADMIN, "/stats")
    figures = emu.wait_reply(ADMIN, count=count + 2)
    photo = emu.replies(ADMIN)[count]
    assert photo.photo is not None
    assert photo.text == "Questions per day (last 30 days) and the top unanswered groups"
    assert len(figures.text) > 1024
    assert "Top unanswered groups:" in figures.text
    dismiss_all(emu)


def test_admin_export(bot: BotProcess, emu: Emulator) -> None:
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


def test_purge_validates_and_asks_for_confirmation(bot: BotProcess, emu: Emulator) -> None:
    for bad in ("/purge", "/purge soon", "/purge 99999999999999999", "/purge -1", "/purge 36501",
                "/purge 1.5", "/purge 1 2", "/purge ٣", "/purge ３", "/purge ²"):  # fmt: skip
        reply = say(emu, ADMIN, bad)
        assert reply.text.startswith("Usage: /purge days, a whole number of days from 0 to 36500")
        assert "went wrong" not in reply.text
    # Rows are stamped in whole seconds, and one of this very second is not older than 0
    # days: the earlier tests' last rows (logged a moment ago) would count in this test's
    # query but not in the bot's, by the clock (a flaky failure: 53 rows against 41).
    time.sleep(1.1)
    rows = bot.count("SELECT COUNT(*) FROM questions")
    # Everything holding a reader's text or id goes too (breakit-5 P2-2): votes, readers'
    # choices no editor approved, chats' article choices.
    votes = bot.count("SELECT COUNT(*) FROM feedback")
    choices = "FROM taught WHERE origin = 'suggestion' AND status != 'approved'"
    suggestions = bot.count(f"SELECT COUNT(*) {choices}")
    chats = bot.count("SELECT COUNT(*) FROM reading")
    taught = bot.count("SELECT COUNT(*) FROM taught WHERE status = 'approved'")
    # review-5 P1-2: undone lessons' wordings are readers' texts again: they go too.
    undone = bot.count(
        "SELECT COUNT(*) FROM lessons WHERE undone_at IS NOT NULL AND phrasings != '[]'"
    )
    unlearned = "FROM taught WHERE lesson_id IN (SELECT id FROM lessons WHERE undone_at > 0)"
    assert min(rows, votes, suggestions, chats, taught, undone) > 0
    assert bot.count(f"SELECT COUNT(*) {unlearned}") > 0
    older = Purged(rows, votes, suggestions, chats, undone)
    ask = say(emu, ADMIN, "/purge 0")
    assert f"Delete {older.phrase()} older than 0 day(s)?" in ask.text
    time.sleep(1.1)  # nothing is deleted until confirmed
    assert bot.count("SELECT COUNT(*) FROM questions") == rows
    press_and_wait(emu, ask, ask.button("Cancel")["callback_data"], ADMIN)
    assert ask.text == "Cancelled: nothing was deleted."
    assert ask.buttons == []
    assert bot.count("SELECT COUNT(*) FROM questions") == rows
    ask = say(emu, ADMIN, "/purge 0")
    confirm = ask.button("Delete")["callback_data"]
    # Another admin cannot confirm someone else's purge; a reader's or an editor's press
    # is refused as the command is: not theirs (never "out of date").
    assert press(emu, ask, confirm, READER) == FOR_ADMINS
    assert press(emu, ask, confirm, EDITOR) == FOR_ADMINS
    assert press(emu, ask, ask.button("Cancel")["callback_data"], READER) == FOR_ADMINS
    assert "Only the admin who asked" in press(emu, ask, confirm, OTHER_ADMIN)
    assert ask.edits == 0
    assert bot.count("SELECT COUNT(*) FROM questions") == rows
    press_and_wait(emu, ask, confirm, ADMIN)
    assert ask.text == f"Deleted {older.phrase()} older than 0 days."
    assert bot.count("SELECT COUNT(*) FROM questions") == 0
    assert bot.count("SELECT COUNT(*) FROM feedback") == 0
    assert bot.count(f"SELECT COUNT(*) {choices}") == 0
    assert bot.count("SELECT COUNT(*) FROM reading") == 0
    # What editors taught is knowledge: it stays, with no question row to point to.
    assert bot.count("SELECT COUNT(*) FROM taught WHERE status = 'approved'") == taught
    assert bot.count("SELECT COUNT(*) FROM lessons WHERE question_ids != '[]'") == 0
    assert bot.count("SELECT COUNT(*) FROM lessons WHERE undone_at > 0 AND phrasings != '[]'") == 0
    assert bot.count(f"SELECT COUNT(*) {unlearned}") == 0
    assert bot.count("SELECT COUNT(*) FROM lessons WHERE undone_at > 0") == undone  # the record
    say(emu, READER, "how do i knit a scarf")
    press_and_wait(emu, ask, confirm, ADMIN)  # a second press of the same button: nothing
    assert ask.text.startswith("This confirmation has expired or was used.")
    bot.wait_rows("SELECT COUNT(*) FROM questions", 1)
    # Nothing that old: said so, with no Delete button that would delete nothing.
    nothing = say(emu, ADMIN, "/purge 3650")
    assert nothing.text == (
        "No question row, vote, reader's choice, chat's article choice or undone lesson is"
        " older than 3650 day(s): nothing to delete."
    )
    assert nothing.buttons == []


def test_no_request_was_rejected(bot: BotProcess, emu: Emulator) -> None:
    unexpected = [
        e
        for e in emu.state.errors
        if "message is not modified" not in e and "chat not found" not in e
    ]
    assert unexpected == []
