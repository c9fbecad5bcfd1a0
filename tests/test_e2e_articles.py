"""End to end with two articles served at once: the real bot process, the strict emulator.

Readers arrive through each article's deep link and get that article's answer to the same
words; a reader with no article gets a choice of articles; /articles lists them; an answer
from another article says so; questions are logged under their article.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from faqbot.storage import QuestionRecord, Store
from tests.botprocess import BotProcess
from tests.conftest import AI_ARTICLE, EV_ARTICLE, two_articles_folder
from tests.emulator import Emulator, SentMessage

pytestmark = pytest.mark.e2e

AI_TITLE = "Asia's AI Battle Lines Are Drawn: Giants vs. Innovators"
EV_TITLE = "Southeast Asia's Battery Gamble: Who Will Power the EV Boom?"
AI_KEY_PLAYERS = "Who are the key players in the Big vs Small AI contest?"  # key-players
EV_KEY_PLAYERS = "Who are the key players?\n"  # key-partners
SAME_WORDS = "who are the key players"
EARLIER = "asked before articles were recorded"
ADMIN = 3199


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    emulator = Emulator(privacy_mode=False).start()
    yield emulator
    emulator.stop()


async def _earlier_question(database: Path) -> None:
    """A row logged by a version that did not record articles (article_id NULL)."""
    store = await Store.open(database)
    store.log(QuestionRecord(1_700_000_000, "private", "h", EARLIER, "answer", "key-partners", 80))
    await store.close()


@pytest.fixture(scope="module")
def bot(emu: Emulator, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    tmp = tmp_path_factory.mktemp("bot-articles")
    knowledge = two_articles_folder(tmp / "faq")
    emu.private_chat(ADMIN)
    process = BotProcess(
        emu, tmp, {"FAQBOT_KNOWLEDGE": str(knowledge), "FAQBOT_ADMIN_IDS": str(ADMIN)}
    )
    asyncio.run(_earlier_question(process.database))
    process.start()
    yield process
    code = process.stop()
    output = process.output()
    assert code == 0, output
    assert "Traceback" not in output, output


def ask(emu: Emulator, user: int, text: str, count: int) -> SentMessage:
    """A reader's private message; wait for the bot's `count`-th message to them."""
    emu.send(emu.private_chat(user), user, text)
    return emu.wait_reply(user, count=count)


def titled(title: str) -> str:
    """How the answer to "What is the title of the article?" names an article's title."""
    return f'The article is titled "{title}"'


def article_of(bot: BotProcess, text: str, user_rows: int = 1) -> list[str | None]:
    """The article ids the question rows with this text are logged under."""
    bot.wait_rows(f"SELECT COUNT(*) FROM questions WHERE text = '{text}'", user_rows)
    with sqlite3.connect(bot.database) as db:
        rows = db.execute("SELECT article_id FROM questions WHERE text = ? ORDER BY id", (text,))
        return [r[0] for r in rows]


def test_readers_from_each_deep_link_get_their_articles_answer(
    bot: BotProcess, emu: Emulator
) -> None:
    intro = ask(emu, 3101, f"/start a-{AI_ARTICLE}", 1)
    assert AI_TITLE in intro.text
    assert "/topics" in intro.text
    answer = ask(emu, 3101, SAME_WORDS, 2)
    assert answer.text.startswith(AI_KEY_PLAYERS)
    assert f"Source: {AI_TITLE}" in answer.text

    intro = ask(emu, 3102, f"/start a-{EV_ARTICLE}", 1)
    assert EV_TITLE in intro.text
    answer = ask(emu, 3102, SAME_WORDS, 2)
    assert answer.text.startswith(EV_KEY_PLAYERS)
    assert f"Source: {EV_TITLE}" in answer.text
    assert "another article" not in answer.text

    # The same title question: each reader gets their own article's title.
    assert titled(AI_TITLE) in ask(emu, 3101, "What is the title of the article?", 3).text
    assert titled(EV_TITLE) in ask(emu, 3102, "What is the title of the article?", 3).text
    # Logged under the article they were answered from.
    assert sorted(article_of(bot, SAME_WORDS, 2), key=str) == sorted([AI_ARTICLE, EV_ARTICLE])


def test_an_answer_from_the_other_article_says_which(bot: BotProcess, emu: Emulator) -> None:
    ask(emu, 3103, f"/start a-{EV_ARTICLE}", 1)
    reply = ask(emu, 3103, "How big is the APAC AI market?", 2)
    assert reply.text.startswith(f"This answer comes from another article: {AI_TITLE}")
    assert "$815.98 billion" in reply.text
    assert article_of(bot, "How big is the APAC AI market?") == [AI_ARTICLE]
    # The reader still reads the EV article: its own questions get its answers, unmarked.
    own = ask(emu, 3103, "What is the title of the article?", 3)
    assert titled(EV_TITLE) in own.text
    assert "another article" not in own.text


def test_without_an_article_the_reader_picks_one(bot: BotProcess, emu: Emulator) -> None:
    choice = ask(emu, 3104, SAME_WORDS, 1)
    assert "Which one do you mean?" in choice.text
    assert choice.reply_to is not None  # quotes the question, so the button can answer it
    picks = {b["text"][:20]: b["callback_data"] for b in choice.buttons}
    assert set(picks) == {AI_TITLE[:20], EV_TITLE[:20]}
    assert all(len(data.encode()) <= 64 for data in picks.values())
    query_id = emu.press(choice, picks[EV_TITLE[:20]], 3104)
    emu.wait_for(lambda s: choice.edits == 1)
    assert choice.text.startswith(EV_KEY_PLAYERS)  # the EV answer, in place of the choice
    assert "Which one" not in choice.text
    assert len(emu.replies(3104)) == 1
    notice = emu.wait_for(lambda s: s.callback_answers.get(query_id))
    assert notice["text"] == f"Now asking about: {EV_TITLE}"
    # Logged under the article picked, and answered there: not in the editors' queue.
    bot.wait_rows(
        f"SELECT COUNT(*) FROM questions WHERE text = '{SAME_WORDS}'"
        f" AND article_id = '{EV_ARTICLE}' AND status = 'chosen'",
        1,
    )
    # From now on the reader reads that article.
    assert titled(EV_TITLE) in ask(emu, 3104, "What is the title of the article?", 2).text


def test_articles_lists_both_newest_first_and_a_button_enters_one(
    bot: BotProcess, emu: Emulator
) -> None:
    listing = ask(emu, 3105, "/articles", 1)
    text = listing.text
    assert text.index(EV_TITLE) < text.index(AI_TITLE)  # dated 2025-06-30; the other undated
    assert f"https://t.me/FaqTestBot?start=a-{EV_ARTICLE}" in text
    assert f"https://t.me/FaqTestBot?start=a-{AI_ARTICLE}" in text
    assert "2025-06-30" in text
    enter = listing.button("2. Asia's AI")
    emu.press(listing, enter["callback_data"], 3105)
    intro = emu.wait_reply(3105, count=2)
    assert AI_TITLE in intro.text
    assert ask(emu, 3105, SAME_WORDS, 3).text.startswith(AI_KEY_PLAYERS)
    # The list now marks the article being read.
    marked = ask(emu, 3105, "/articles", 4).text
    assert AI_TITLE in next(line for line in marked.splitlines() if "✓" in line)


def test_topics_per_article(bot: BotProcess, emu: Emulator) -> None:
    choose = ask(emu, 3106, "/topics", 1)
    assert "Pick an article" in choose.text
    emu.press(choose, choose.button(EV_TITLE[:20])["callback_data"], 3106)
    emu.wait_for(lambda s: choose.edits == 1)
    assert EV_TITLE in choose.text
    section = choose.buttons[0]
    assert section["callback_data"].endswith(f":{EV_ARTICLE}")
    emu.press(choose, section["callback_data"], 3106)
    emu.wait_for(lambda s: choose.edits == 2)
    question = choose.buttons[0]
    assert question["callback_data"].startswith("a:")
    emu.press(choose, question["callback_data"], 3106)
    answer = emu.wait_reply(3106, count=2)
    assert f"Source: {EV_TITLE}" in answer.text

    ask(emu, 3107, f"/start a-{AI_ARTICLE}", 1)
    own = ask(emu, 3107, "/topics", 2)
    assert AI_TITLE in own.text
    assert all(b["callback_data"].endswith(AI_ARTICLE) for b in own.buttons[:-1])
    assert own.buttons[-1]["text"] == "« Articles"


def test_answer_links_and_unknown_articles(bot: BotProcess, emu: Emulator) -> None:
    # An answer's own deep link opens it and puts the reader in its article.
    opened = ask(emu, 3108, "/start key-partners", 1)
    assert opened.text.startswith(EV_KEY_PLAYERS)
    assert titled(EV_TITLE) in ask(emu, 3108, "What is the title of the article?", 2).text
    # An article the bot does not serve (an old link) gets a polite word and /articles.
    unknown = ask(emu, 3109, "/start a-no-such-article", 1)
    assert "don't know that article" in unknown.text
    assert "/articles" in unknown.text
    # A reader in no article asking something only one article answers gets it plainly.
    plain = ask(emu, 3109, "How much nickel does Indonesia have?", 2)
    assert f"Source: {EV_TITLE}" in plain.text
    assert "another article" not in plain.text


def test_inline_mode_answers_from_both_articles(bot: BotProcess, emu: Emulator) -> None:
    emu.private_chat(3110)
    query_id = emu.inline(3110, "key players")
    results = emu.wait_for(lambda s: s.inline_answers.get(query_id))["results"]
    ids = [r["id"] for r in results]
    assert "key-players" in ids
    assert "key-partners" in ids


def test_votes_and_earlier_questions_name_their_article(bot: BotProcess, emu: Emulator) -> None:
    # post_init back-filled the row logged before articles were recorded.
    assert article_of(bot, EARLIER) == [EV_ARTICLE]
    ask(emu, 3111, f"/start a-{EV_ARTICLE}", 1)
    answer = ask(emu, 3111, SAME_WORDS, 2)
    emu.press(answer, answer.button("👍")["callback_data"], 3111)
    bot.wait_rows(
        f"SELECT COUNT(*) FROM feedback WHERE article_id = '{EV_ARTICLE}' AND vote = 1", 1
    )


def test_a_group_reads_one_article_together(bot: BotProcess, emu: Emulator) -> None:
    """In a group the article belongs to the chat: one member enters it, all ask in it."""
    group = emu.group_chat(-3200)
    emu.send(group, 3112, f"/start@FaqTestBot a-{EV_ARTICLE}")
    assert EV_TITLE in emu.wait_reply(-3200).text
    emu.send(group, 3113, f"/ask {SAME_WORDS}")
    answer = emu.wait_reply(-3200, count=2)
    assert answer.text.startswith(EV_KEY_PLAYERS)
    assert answer.reply_to is not None  # quotes the member's question, as in any group


def test_in_a_group_only_the_asker_picks_the_article_of_their_question(
    bot: BotProcess, emu: Emulator
) -> None:
    """The article choice under a member's question is theirs, as did-you-mean is: another
    member's press is refused in a pop-up; the message, the group's article and the
    asker's question row stay as they were until the asker picks."""
    group = emu.group_chat(-3202)
    emu.send(group, 3120, f"/ask {SAME_WORDS}")
    choice = emu.wait_reply(-3202)
    assert "Which one do you mean?" in choice.text
    picks = {b["text"][:20]: b["callback_data"] for b in choice.buttons}
    pressed = emu.press(choice, picks[EV_TITLE[:20]], 3121)
    refused = emu.wait_for(lambda s: s.callback_answers.get(pressed))
    assert refused["text"] == (
        "These choices are for the person who asked. Ask your own question with /ask."
    )
    emu.press(choice, picks[AI_TITLE[:20]], 3120)
    emu.wait_for(lambda s: choice.edits == 1)
    assert choice.text.startswith(AI_KEY_PLAYERS)
    bot.wait_rows(
        f"SELECT COUNT(*) FROM questions WHERE text = '{SAME_WORDS}'"
        f" AND article_id = '{AI_ARTICLE}' AND status = 'chosen'",
        1,
    )
    # The group reads the asker's pick, not the other member's.
    emu.send(group, 3121, "/ask What is the title of the article?")
    assert titled(AI_TITLE) in emu.wait_reply(-3202, count=2).text


def test_staff_see_one_article_or_all(bot: BotProcess, emu: Emulator) -> None:
    ask(emu, 3114, f"/start a-{EV_ARTICLE}", 1)
    ask(emu, 3114, "What does Thailand offer EV makers?", 2)  # partly: queued under EV
    ask(emu, 3115, f"/start a-{AI_ARTICLE}", 1)
    ask(emu, 3115, "What is the weather like in Bangkok tomorrow?", 2)  # queued under AI
    bot.wait_rows("SELECT COUNT(*) FROM questions WHERE text LIKE '%Bangkok tomorrow%'", 1)
    sent = len(emu.replies(ADMIN))

    def staff(command: str) -> SentMessage:
        nonlocal sent
        emu.send(emu.private_chat(ADMIN), ADMIN, command)
        sent += 1
        return emu.wait_reply(ADMIN, count=sent)

    queue = staff(f"/unanswered {EV_ARTICLE}").text
    assert "Thailand" in queue
    assert "Bangkok" not in queue
    everything = staff("/unanswered").text
    assert "Thailand" in everything
    assert "Bangkok" in everything

    one = staff(f"/stats {EV_ARTICLE}").text
    assert f"Article: {EV_TITLE} ({EV_ARTICLE})" in one
    assert "By article" not in one
    overall = staff("/stats").text
    assert "By article" in overall
    assert EV_ARTICLE in overall
    assert AI_ARTICLE in overall

    unknown = staff("/stats no-such-article")
    assert "There is no article no-such-article" in unknown.text
    assert f"{EV_ARTICLE}, {AI_ARTICLE}" in unknown.text  # newest first
    assert "Usage: /stats [article-id]" in unknown.text
    assert "no-such-article" in staff("/unanswered no-such-article").text
    assert "no-such-article" in staff("/export no-such-article").text

    emu.send(emu.private_chat(ADMIN), ADMIN, f"/export {EV_ARTICLE}")
    sent += 2
    emu.wait_reply(ADMIN, count=sent)
    queue_csv, votes_csv = [m.document for m in emu.replies(ADMIN)[-2:]]
    assert queue_csv is not None
    assert votes_csv is not None
    assert b"Thailand" in queue_csv
    assert b"Bangkok" not in queue_csv


def test_a_chats_article_survives_restarts(bot: BotProcess, emu: Emulator) -> None:
    """A reader who came through the EV article's deep link, and a group that entered the
    AI article, keep their articles through a stop and a start (and through SIGKILL once
    their updates are finished): the shared words get their article's answer, no choice."""
    intro = ask(emu, 3120, f"/start a-{EV_ARTICLE}", 1)
    assert EV_TITLE in intro.text
    group = emu.group_chat(-3201)
    emu.send(group, 3121, f"/start@FaqTestBot a-{AI_ARTICLE}")
    assert AI_TITLE in emu.wait_reply(-3201).text

    assert bot.stop() == 0
    # Only keyed hashes of the chat ids are stored.
    with sqlite3.connect(bot.database) as db:
        rows = db.execute("SELECT chat_hash, article_id FROM reading").fetchall()
    assert {a for _, a in rows} == {EV_ARTICLE, AI_ARTICLE}
    # (32 hex digits of an HMAC; a chance run of digits inside one is no leak, so the check
    # is on the form, not on substrings.)
    assert all(re.fullmatch(r"[0-9a-f]{32}", h) for h, _ in rows)
    assert not {h for h, _ in rows} & {"3120", "-3201"}
    bot.start()

    answer = ask(emu, 3120, SAME_WORDS, 2)
    assert answer.text.startswith(EV_KEY_PLAYERS)
    assert f"Source: {EV_TITLE}" in answer.text
    assert "Which one" not in answer.text
    emu.send(group, 3122, f"/ask {SAME_WORDS}")
    assert emu.wait_reply(-3201, count=2).text.startswith(AI_KEY_PLAYERS)

    # Killed (no clean stop): the article was written with the update's inbox row.
    ask(emu, 3123, f"/start a-{AI_ARTICLE}", 1)
    bot.wait_rows("SELECT COUNT(*) FROM inbox WHERE state = 'pending'", 0)
    bot.kill()
    bot.start()
    assert ask(emu, 3123, SAME_WORDS, 2).text.startswith(AI_KEY_PLAYERS)
    assert ask(emu, 3120, SAME_WORDS, 3).text.startswith(EV_KEY_PLAYERS)
