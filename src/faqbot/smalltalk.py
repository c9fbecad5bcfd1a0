"""Small talk: greetings, thanks, acknowledgements, farewells, feedback on the article or
the bot, and questions about the bot or about the article as a whole.

Such messages are not questions about what the article says: they get a short friendly
reply and never reach the knowledge base or the editors' queue. A message is small talk
when, after removing these words (and emoji, punctuation and discourse particles), nothing
is left, or what is left asks about the bot itself ("who are you?", "can I ask a
question?") or about the article as a whole ("what is the article about?"). "Hi, how big
is the APAC market?" is a question, not small talk; so is "is this article about AI in
Asia?", which names a subject.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import cache

from faqbot.normalise import WH_WORDS, tokens
from faqbot.spelling import Speller


class SmallTalk(StrEnum):
    """The kind of small talk, which picks the reply text (bot/messages.yaml)."""

    GREETING = "greeting"
    THANKS = "thanks"
    BYE = "bye"
    ABOUT = "about"
    ACK = "ack"
    # "What are the sections?", "what is the article about?": answered with its sections.
    OUTLINE = "outline"
    # Feedback. "Great article!", "I love this article": thanked.
    PRAISE = "praise"
    # "You're wrong", "this article is biased": the bot only repeats the article; a 👎
    # under an answer is what editors see.
    CRITICISM = "criticism"
    # "That's not what I asked", "wrong answer": asked to rephrase.
    REPHRASE = "rephrase"
    # "Can I talk to an editor?", "human please": a person is asked for; the bot says how
    # the newsroom hears from readers (the questions it could not answer, a 👎).
    CONTACT = "contact"

    @property
    def asks(self) -> bool:
        """Whether it asks the bot for something (the article's outline, what the bot is,
        to try again), rather than only chatting: answered even where chatter is not."""
        return self in (
            SmallTalk.OUTLINE,
            SmallTalk.ABOUT,
            SmallTalk.REPHRASE,
            SmallTalk.CONTACT,
        )


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    found = {tuple(tokens(p)) for p in text.split(",")}
    # Longest first, so "thank you" is removed before "you" could be left over.
    return tuple(sorted((p for p in found if p), key=len, reverse=True))


# What readers call the article: "great article", "what is this piece about".
_ARTICLE = ("article", "piece", "story", "read", "post", "write up", "writeup", "report")
_THE_ARTICLE = ("the", "this", "your")


def _about_article(*templates: str) -> str:
    """Comma-separated phrases: each template with {a} as each way of naming the article."""
    named = [f"{d} {a}" for d in _THE_ARTICLE for a in _ARTICLE] + [*_ARTICLE, "it", "this"]
    return ", ".join(t.format(a=a) for t in templates for a in named)


_PRAISING = (
    "great, good, nice, excellent, awesome, amazing, brilliant, fantastic, wonderful, superb,"
    " interesting, informative, insightful, fascinating, lovely, solid, cool, thoughtful,"
    " useful, helpful, very good, really good, very interesting, really interesting"
).split(", ")

# A person at the newsroom, asked for: "can I talk to an editor", "human please".
_PEOPLE = (
    "an editor, the editor, the editors, editor, editors, a human, human, a person,"
    " a real person, real person, someone, somebody, a journalist, the journalist,"
    " the author, the writer, the reporter, a reporter, the newsroom, newsroom, an admin,"
    " the admin, admin, a moderator, support, customer service, a live agent, live agent"
).split(", ")
_ASKING_FOR = (
    "talk to {p}, speak to {p}, speak with {p}, talk with {p}, chat with {p}, contact {p},"
    " reach {p}, email {p}, message {p}, get {p}, connect me to {p}, connect me with {p},"
    " put me through to {p}, transfer me to {p}, pass me to {p}, let me talk to {p},"
    " let me speak to {p}, can i talk to {p}, can i speak to {p}, can i speak with {p},"
    " can i talk with {p}, can i contact {p}, can i reach {p}, could i talk to {p},"
    " could i speak to {p}, may i speak to {p}, may i talk to {p}, i want to talk to {p},"
    " i want to speak to {p}, i want {p}, i need {p}, i would like to talk to {p},"
    " i would like to speak to {p}, id like to talk to {p}, id like to speak to {p},"
    " how do i contact {p}, how can i contact {p}, how to contact {p}, how do i reach {p},"
    " how can i reach {p}, is there {p}, is there {p} i can talk to, {p} i can talk to,"
    " {p} please, {p} pls, {p} plz"
).split(", ")

# Generic English plus the greetings and thanks readers in Asia commonly type. Feedback
# comes first: "thanks but you're wrong" is criticism, "great article, thanks" praise.
_LEXICON: tuple[tuple[SmallTalk, tuple[tuple[str, ...], ...]], ...] = (
    (
        SmallTalk.CONTACT,
        _phrases(", ".join(t.format(p=p) for t in _ASKING_FOR for p in _PEOPLE)),
    ),
    # A message sent by mistake is acknowledged, before "wrong" could read as criticism.
    (
        SmallTalk.ACK,
        _phrases(
            "wrong chat, wrong window, wrong group, wrong person, wrong bot, wrong tab,"
            " wrong number, wrong thread, wrong convo, wrong conversation, sent by mistake,"
            " sent that by mistake, sent this by mistake, sent it by mistake, by mistake,"
            " accidentally sent, sent accidentally, ignore that, ignore this, ignore me,"
            " please ignore, pls ignore, plz ignore, disregard that, disregard this,"
            " please disregard, did not mean to send that, didnt mean to send that,"
            " did not mean to send this, didnt mean to send this, not for you,"
            " that was not for you, that wasnt for you, meant for someone else"
        ),
    ),
    (
        SmallTalk.REPHRASE,
        _phrases(
            "not what i asked, not what i asked for, not what i meant, not what i mean,"
            " not what i want, not what i wanted, not what i was asking, not what i am asking,"
            " not my question, that was not my question, not the answer, not the right answer,"
            " wrong answer, the wrong answer, not the answer i wanted, not what i was looking for,"
            " does not answer my question, doesnt answer my question, did not answer my question,"
            " didnt answer my question, you did not answer, you didnt answer, does not answer,"
            " doesnt answer, not an answer, not answering my question, you misunderstood,"
            " you misunderstood me, misunderstood, you got it wrong, i meant something else,"
            " i mean something else, something else, answer my question, irrelevant,"
            " not relevant, off topic, i did not ask that, i didnt ask that, i never asked that"
        ),
    ),
    (
        SmallTalk.CRITICISM,
        _phrases(
            "wrong, you are wrong, youre wrong, your wrong, all wrong, so wrong, totally wrong,"
            " incorrect, not correct, not right, not true, untrue, false, inaccurate,"
            " not accurate, biased, so biased, very biased, one sided, propaganda, fake news,"
            " fake, misleading, nonsense, rubbish, garbage, trash, bullshit, useless, unhelpful,"
            " not helpful, not useful, not good, not great, no good, pointless, stupid, dumb,"
            " stupid bot, dumb bot, useless bot, bad bot, bad answer, terrible, awful, boring,"
            " i disagree, disagree, i do not agree, do not agree, i dont agree, dont agree,"
            " not convinced, i am not convinced, poorly written, badly written, clickbait,"
            " outdated, out of date, lies, all lies, fuck you, fuck off, f you, f off, fu,"
            " fk you, fck you, screw you, shut up, stfu, you suck, this sucks, it sucks, sucks,"
            " idiot, idiot bot, moron, loser, i hate you, hate you, i hate this, go away,"
            " get lost, piss off, damn you, damn bot, wtf, what the hell, what the fuck, "
            + _about_article("bad {a}", "terrible {a}", "boring {a}", "biased {a}")
        ),
    ),
    (
        SmallTalk.PRAISE,
        _phrases(
            "love it, i love it, loved it, i loved it, love this, i love this, like it, i like it,"
            " liked it, i liked it, i like this, enjoyed it, i enjoyed it, i enjoyed this,"
            " well written, great read, good read, nice read, good job, great job, great work,"
            " good work, nice work, nice job, well done, not bad, good stuff, great stuff,"
            " love your work, keep it up, keep up the good work, "
            + _about_article(
                *(f"{word} {{a}}" for word in _PRAISING),
                "love {a}",
                "i love {a}",
                "loved {a}",
                "i loved {a}",
                "like {a}",
                "i like {a}",
                "liked {a}",
                "i liked {a}",
                "enjoyed {a}",
                "i enjoyed {a}",
                "{a} is great",
                "{a} is good",
                "{a} was great",
                "{a} was good",
                "{a} is interesting",
            )
        ),
    ),
    (
        SmallTalk.THANKS,
        _phrases(
            "thanks, thank you, thank u, thankyou, thanx, thanq, thks, thx, ty, tq, tqvm, tysm,"
            " cheers, appreciate it, appreciated, much appreciated, many thanks, thanks a lot,"
            " terima kasih, makasih, salamat, maraming salamat, arigato, arigatou, xie xie,"
            " xiexie, kamsahamnida, gamsahamnida, cam on, dhanyavad, dhanyavaad, shukriya,"
            " kop khun, khob khun, cam on, cam on ban, merci, gracias, danke, ta, thank god,"
            " thanks a bunch, thanks heaps, thanks so much, thanks a million, much obliged,"
            " thanks in advance, thank you in advance, thanks in advance for your help, tia,"
            " many many thanks, thank you very much, tks, tnx, thnx, thnks, thankss, 10q,"
            " thanks for your help, thanks for the help, thanks for helping, appreciate the help,"
            " you are the best, youre the best, doh je, m goi, mahalo, obrigado, grazie,"
            " thanks for sharing, thank you for sharing, thanks for writing, thanks for the read,"
            " khobkhun, khopkhun, khobkhunkhrab, khobkhunkha"
        ),
    ),
    (
        SmallTalk.BYE,
        _phrases(
            "bye, byee, byeee, bye bye, goodbye, good bye, see you, see ya, see you later,"
            " cya, later, take care, good night, gn, ttyl, talk later, sayonara, tata, ciao,"
            " goodnight, nite, night, see u, see u later, catch you later, later then, peace,"
            " have a nice day, have a good day, have a great day, until next time, gotta go,"
            " got to go, i have to go, im off, signing off, selamat tinggal, paalam, adios,"
            " zaijian, zai jian, wanan"
        ),
    ),
    (
        SmallTalk.GREETING,
        _phrases(
            "hi, hii, hiii, hello, helo, hallo, hey, heya, hiya, yo, sup, wassup, whats up,"
            " howdy, greetings, good morning, good afternoon, good evening, morning,"
            " afternoon, evening, gm, gday, hola, namaste, salam, assalamualaikum, ni hao,"
            " konnichiwa, annyeong, annyeonghaseyo, xin chao, selamat pagi, selamat siang,"
            " selamat petang, selamat malam, kumusta, kamusta, sawasdee, sawadee, vanakkam,"
            " good day, hey there, hi there, hello there, hiiii, heyy, heyyy, yo yo, oi, ahoy,"
            " whats good, what is up, sup bro, morning all, evening all, bonjour, ciao bella,"
            " apa khabar, assalamualaikum warahmatullah, nihao, hai, halo, ohayo,"
            # As anyascii spells greetings written in Chinese, Thai and Devanagari.
            " zaoshanghao, zao shang hao, xiawuhao, wanshanghao, swasdi, swasdikhrab, swasdikha,"
            " nmste, nmskar"
        ),
    ),
    (
        SmallTalk.ACK,
        _phrases(
            "ok, okay, okey, okie, k, kk, alright, all right, cool, nice, nice one, great,"
            " good, awesome, amazing, perfect, excellent, brilliant, wonderful, fantastic,"
            " interesting, useful, helpful, informative, got it, i see, noted, understood,"
            " makes sense, fair enough, sure, yes, yeah, yep, yup, no, nope, nah, lol, lmao,"
            " rofl, haha, hahaha, hehe, hihi, wow, whoa, omg, hmm, hmmm, um, uh, oh, ah,"
            " wah, walao, shiok, sounds good, good bot,"
            " alright then, okie dokie, okey dokey, ok cool, ok thanks, k thx, sure thing,"
            " noted with thanks, ok noted, ok can, can lah, that is great, thats great,"
            " that is helpful, thats helpful, that helps, this helps, very helpful, very useful,"
            " so useful, interesting stuff, good to know, nice to know, i understand,"
            " fair, true, right, indeed, agreed, exactly, yes please, no thanks, no thank you,"
            " never mind, nevermind, nvm, whatever, meh, cool beans, neat, sweet, brb, idk,"
            " test, testing, hmm ok, oh ok, oh i see, ah i see, i got it, got that, gotcha, ya,"
            " yah, yeap, okk, okkk, wow cool, nice nice, superb, impressive, legit, sorry,"
            " so sorry, sorry about that, my bad, my mistake, oops, oopsie, whoops, no worries,"
            " no problem, np, excuse me, pardon"
        ),
    ),
)
# Words that only soften or address: "thanks so much bro", "ok lah".
_FILLER = frozenset(
    """
    so very much really a lot the all that this was is it that's you u your man bro sis
    youre ur are such
    dude mate guys buddy boss sir maam madam friend bot faqbot there again too for and can
    lah leh lor ah meh hor sia po ya la one just very very much indeed today tonight
    na ha ba yaar bhai ji hai or not again now with pls plz please of in article piece story
    but though actually honestly totally completely kinda quite pretty advance
    overall basically generally ultimately briefly
    """.split()
)
# What is left when someone asks about the bot rather than the article.
_ABOUT = _phrases(
    "who are you, what are you, who r u, what is this, what is this bot, what do you do,"
    " what can you do, what can i ask, what can i ask you, how do you work, how does this work,"
    " how to use, how do i use this, help, help me, are you a bot, are you a robot,"
    " are you human, are you a human, are you real, are you a person, are you a real person,"
    " are you ai,"
    " are you an ai, are you chatgpt, are you gpt, are you an llm, is this a bot,"
    " what is your name, your name, who made you, who built you, who created you,"
    " who owns you, how are you, how are you doing, how is it going, hows it going,"
    " how r you, you there, anyone there, are you there, who is this, who am i talking to,"
    " who am i speaking to, what is your purpose, tell me about yourself, what are you for,"
    " what do you know, what can you tell me, what can you help with, can you help me,"
    " can you help, how can you help, what should i ask, how does this bot work,"
    " what is this bot for, are you alive, are you a chatbot, are you a real human,"
    " are you an actual person, is anyone there, hello anyone, how are things,"
    " how have you been, how is your day, hows your day, how do you do, what is up with you,"
    " who programmed you, who developed you, who designed you, whats your name,"
    " do you have a name, are you smart, are you sentient, can we chat, lets chat,"
    " can chat, chat with you, can i chat with you, can i talk to you, talk to you,"
    " you a bot, you a robot, you a human, you human, you real, you a real person,"
    " human or ai, human or bot, bot or human, ai or human, are you human or ai,"
    " you a human or ai, you human or ai, you a human or a bot, you a bot or a human,"
    " you a bot or human, you a human or bot, you a person or a bot,"
    " is this a bot or a human, is this a human or a bot, is this a bot or human,"
    " nice to meet you, nice meeting you, pleased to meet you, glad to meet you,"
    " can ask question, can ask, can i ask, can i ask a question, can i ask you a question,"
    " can i ask something, can i ask you something, may i ask, may i ask a question,"
    " may i ask something, could i ask a question, can i ask questions, i have a question,"
    " i have some questions, i have a few questions, i got a question, got a question,"
    " got question, have question, quick question, a question, question, one question,"
    " is this ai, is this an ai, is it ai, is it an ai, is this a chatbot, is it a bot,"
    " is this chatgpt, is this automated, are you automated, is this a person,"
    " is this a real person, is this human, is this a human, is this a robot"
)

# What is left when someone asks how the article is laid out rather than for a fact in it.
_OUTLINE = _phrases(
    "what are the sections, what sections are there, which sections, what sections,"
    " list the sections, list sections, show the sections, show sections, the sections,"
    " sections of the article, article sections, sections in the article, what are the headings,"
    " list the headings, what headings, the headings, headings of the article,"
    " what are the topics, what topics, which topics, list the topics, list topics,"
    " show topics, show the topics, topics of the article, topics in the article,"
    " what topics are there, what topics does it cover, what topics does the article cover,"
    " what does the article cover, what does it cover, what is covered, what is in the article,"
    " whats in the article, what is inside the article, what parts, what are the parts,"
    " table of contents, contents, outline, an outline, give me an outline,"
    " how is the article organised, how is the article organized, how is it organised,"
    " how is it organized, how is the article structured, how is it structured,"
    " what are the subheadings, what are the chapters, "
    # What the article is about as a whole (a subject after it makes it a question).
    + _about_article(
        "what is {a} about",
        "whats {a} about",
        "what {a} about",
        "what is {a} all about",
        "{a} about what",
        "what does {a} say",
        "what does {a} talk about",
        "what does {a} discuss",
        "what is {a} saying",
        "what is {a} talking about",
        "what does {a} tell me",
        "what does {a} tell us",
        "tell me about {a}",
        "what can you tell me about {a}",
        "what is the topic of {a}",
        "what is the subject of {a}",
    )
    + ", what is the topic, what is the subject, about what"
)


_Index = dict[str, tuple[tuple[str, ...], ...]]


def _index(phrases: tuple[tuple[str, ...], ...]) -> _Index:
    """Phrases by their first word, longest first, so a word is looked up, not scanned."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase[0], []).append(phrase)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()}


_LEXICON_INDEX = tuple((kind, _index(phrases)) for kind, phrases in _LEXICON)
_THANKS_WORDS = frozenset(
    word
    for kind, phrases in _LEXICON
    if kind is SmallTalk.THANKS
    for phrase in phrases
    for word in phrase
) - _FILLER | {"advance"}
_ABOUT_INDEX = _index(_ABOUT)
_OUTLINE_INDEX = _index(_OUTLINE)
# A request for the outline in any word order ("what sections does the article have",
# "which topics does this piece cover", "how many parts are there"): a word naming the
# article's parts, and otherwise only words that frame a request (or filler). One more
# word ("which sections cover chips", "the topics Giron covers") makes it a question.
_OUTLINE_NOUNS = frozenset(
    "sections headings subheadings topics chapters parts contents outline".split()
)
_OUTLINE_FRAME = frozenset(
    """
    what whats which are is does do did have has got cover covers covered contain contains
    include includes list show give tell me there can could i we ask about main key how many
    any it its all are those these
    """.split()
) | frozenset(word for name in _ARTICLE for word in name.split())
# Every word that can appear in small talk; a message with any other word is a question.
# Who a question about the bot is put to, and the words it is asked in ("what kind of
# questions can I ask you", "who built this bot", "what can you help me with"): English.
_THE_BOT = frozenset(
    "you u your ur yourself bot faqbot chatbot anyone anybody someone somebody".split()
)
_ASKED = frozenset("ask question questions".split())
_ASKER = frozenset("i me we".split())
_FEEDBACK = frozenset(
    {SmallTalk.CRITICISM, SmallTalk.PRAISE, SmallTalk.REPHRASE, SmallTalk.CONTACT}
)
_OF_THE_BOT = _THE_BOT | frozenset(
    """
    what who how which can could do does did are is am i me my we to with of for about a an
    the this that it kind kinds type types sort sorts question questions ask help answer
    answers know built build made make created create programmed designed owns run runs
    robot person human smart name called work works working thing things stuff anything else
    still there here alive online awake around listening
    """.split()
)


_VOCABULARY = (
    frozenset(
        word
        for phrases in (*(p for _, p in _LEXICON), _ABOUT, _OUTLINE)
        for phrase in phrases
        for word in phrase
    )
    | _FILLER
    | _OUTLINE_NOUNS
    | _OUTLINE_FRAME
    | _OF_THE_BOT
)


# Only messages this short are looked at for typos: longer ones are questions anyway.
_MAX_CORRECTED_WORDS = 6
# A letter typed three times or more ("thank youuu", "byeeee", "sooo"): stretched for
# feeling, not spelled so.
_STRETCHED_RE = re.compile(r"(\w)\1{2,}")


@cache
def _speller() -> Speller:
    """Typo correction towards small-talk words (built on first need)."""
    return Speller(dict.fromkeys(_VOCABULARY, 1), small=True)


def prepare() -> None:
    """Build the small-talk typo index now (about 0.07 s), not on the first short message
    with a typo (see Matcher.prepare)."""
    _speller().prepare()


def _strip(words: list[str], index: _Index) -> tuple[list[str], bool]:
    out: list[str] = []
    hit = False
    i = 0
    while i < len(words):
        for phrase in index.get(words[i], ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                i += len(phrase)
                hit = True
                break
        else:
            out.append(words[i])
            i += 1
    return out, hit


_SENTENCE_END = re.compile(r"(?<=[.!?\n])\s+|\n+")


def split_at_ends(pattern: re.Pattern[str], text: str) -> list[str]:
    """pattern.split(text) for a pattern that matches only at a newline or at blanks after
    ".", "!" or "?" (a sentence's end), without the search where it cannot match (most
    messages): a text without a newline whose only such mark is its last character is one
    sentence."""
    body = text[:-1]
    if "\n" in text or "." in body or "?" in body or "!" in body:
        return pattern.split(text)
    return [text]


# A sentence starting with one of these words asks something; one with these words in it
# asks for something ("I'd like to know...", "tell me...").
_INTERROGATIVES = WH_WORDS | frozenset(
    "is are was were do does did can could will would should shall may might has have had am"
    " isnt arent dont doesnt".split()
)
_REQUEST = re.compile(
    r"\b(?:know|tell|explain|wonder|wondering|curious|understand|learn|find out|looking for"
    r"|interested|need|want|wanted|question|ask|asking|share|show|give|list|compare|describe"
    r"|summari[sz]e|mean|means|meaning)\b"
)
# Of several sentences' kinds, the first of these found is the message's.
_FIRST = (
    SmallTalk.CONTACT,
    SmallTalk.OUTLINE,
    SmallTalk.ABOUT,
    SmallTalk.REPHRASE,
    SmallTalk.CRITICISM,
    SmallTalk.PRAISE,
)
# Messages of more sentences than this are not read as small talk.
_MAX_SENTENCES = 5


def classify(text: str) -> SmallTalk | None:
    """Return the kind of small talk a message is, or None when it asks something else.

    A message of a few sentences is small talk when one of them is and the others only
    tell ("I'm new here.", "Hope you're well."): none asks or requests anything.
    """
    sentences = [s for s in split_at_ends(_SENTENCE_END, text.strip()) if s.strip()]
    if len(sentences) < 2:
        return _classify_one(text)
    if len(sentences) > _MAX_SENTENCES:
        return None
    kinds = [_classify_one(s) for s in sentences]
    found = [k for k in kinds if k is not None]
    if not found:
        return None
    for sentence, kind in zip(sentences, kinds, strict=True):
        if kind is None and _asks(sentence):
            return None
    # A request beats feedback, which beats a greeting, thanks or an acknowledgement.
    for asked in _FIRST:
        if asked in found:
            return asked
    return found[0]


def thanks_word(word: str) -> bool:
    """Whether a word (a token) is one of thanks' own ("thx", "appreciated", "advance"): a
    cheap test before classifying the words it ends."""
    return word in _THANKS_WORDS


def after_greeting(text: str) -> str | None:
    """What a message of a few sentences says after the greetings in it ("Good morning!
    Korea's AI budget" -> "Korea's AI budget"), when greetings are its only small talk and
    one other sentence is said; None otherwise. Whether that asks about the article is for the
    matcher to tell: "Hello! I'm new here." only tells."""
    sentences = [s for s in split_at_ends(_SENTENCE_END, text.strip()) if s.strip()]
    if not 2 <= len(sentences) <= _MAX_SENTENCES:
        return None
    kinds = [_classify_one(s) for s in sentences]
    if SmallTalk.GREETING not in kinds or any(
        k is not None and k is not SmallTalk.GREETING for k in kinds
    ):
        return None
    rest = [s for s, k in zip(sentences, kinds, strict=True) if k is None]
    # One thing said: more ("I'm new to bots and testing this. Hope you're well.") is chat.
    return rest[0] if len(rest) == 1 else None


# Kinds of small talk that may come with words it does not list ("super helpful, thanks a
# lot", "see you tomorrow"): social talk, no request.
_SOCIAL = (
    SmallTalk.CRITICISM,
    SmallTalk.PRAISE,
    SmallTalk.THANKS,
    SmallTalk.BYE,
    SmallTalk.GREETING,
)
_MAX_SOCIAL_WORDS = 8
# Words quoted: mentioned, not said ("translate 'good morning'").
_QUOTED_RE = re.compile(
    r"(?:^|\s)['\"\u201c\u2018]\w[^'\"\u201c\u201d\u2018\u2019]*['\"\u201d\u2019]"
)
# Tasks set to the bot with words of small talk in them ("write a thank-you note").
_TASKS = frozenset("translate write say spell define repeat draft compose".split())


def social_talk(text: str) -> tuple[SmallTalk, tuple[str, ...]] | None:
    """The kind of social small talk a short message holds though it says more than small
    talk's words ("super helpful, thanks a lot", "thanks for answering", "see you
    tomorrow"), with the words it says besides (no filler): for the matcher to tell whether
    any of them is a word of the article. None for a message that asks something (a "?"
    or a question word), is longer than a few words, or holds no such phrase."""
    if "?" in text or _QUOTED_RE.search(text):
        return None  # a question, or small talk quoted, not said ("translate 'hi'")
    words = tokens(_without_emoji(text))
    if (
        not words
        or len(words) > _MAX_SOCIAL_WORDS
        or not _INTERROGATIVES.isdisjoint(words)
        or words[0] in _TASKS
        or _REQUEST.search(" ".join(words))
    ):
        return None
    for kind, index in _LEXICON_INDEX:
        if kind not in _SOCIAL:
            continue
        rest, hit = _strip(words, index)
        if hit:
            return kind, tuple(w for w in rest if w not in _FILLER)
    return None


def _asks(sentence: str) -> bool:
    """Whether a sentence that is not small talk asks or requests something."""
    words = tokens(sentence)
    return (
        sentence.rstrip().endswith("?")
        or not words
        or words[0] in _INTERROGATIVES
        or any(ch.isdigit() for ch in sentence)
        or _REQUEST.search(" ".join(words)) is not None
    )


# Emoji joiners and presentation selectors, besides symbols and their modifiers.
_EMOJI_PARTS = frozenset("\u200d\ufe0e\ufe0f")


def _without_emoji(text: str) -> str:
    """The text without emoji and other pictographs: "thanks 👍" says what "thanks" says
    (normalising would read the emoji as words: "thumbsup")."""
    if text.isascii():
        # Most messages (checked in C): the only ASCII symbols (So, Sk) are "^" and "`".
        return text.replace("^", " ").replace("`", " ")
    return "".join(
        " " if ch in _EMOJI_PARTS or unicodedata.category(ch) in ("So", "Sk") else ch for ch in text
    )


def _classify_one(text: str) -> SmallTalk | None:
    """Small talk of one sentence (or a message read as one)."""
    if not any(map(str.isalnum, text)):
        # Only emoji or punctuation: an acknowledgement ("👍", "?!"); control characters
        # and blanks are not a message at all.
        visible = [ch for ch in text if ch.isprintable() and not ch.isspace()]
        return SmallTalk.ACK if visible else None
    words = tokens(_without_emoji(text))
    if not _VOCABULARY.issuperset(words):
        # A short message may be small talk with a typo in it ("who mdae you?", "thnaks").
        if len(words) > _MAX_CORRECTED_WORDS:
            return None
        words = [w if w in _VOCABULARY else _corrected(w) for w in words]
        if not _VOCABULARY.issuperset(words):
            return None
    kind: SmallTalk | None = None
    for candidate, index in _LEXICON_INDEX:
        words, hit = _strip(words, index)
        if hit and kind is None:
            kind = candidate
    # The article before the bot: "what is this about" (the article) holds "what is this".
    rest, outline = _strip(words, _OUTLINE_INDEX)
    rest, about = _strip(rest, _ABOUT_INDEX)
    if any(w not in _FILLER for w in rest):
        if _asks_outline(words):
            return SmallTalk.OUTLINE
        if not _asks_of_the_bot(words, rest):
            return None
        # "your answers are wrong" is criticism; "hello, what can you help me with?" asks.
        return kind if kind in _FEEDBACK else SmallTalk.ABOUT
    if outline:
        return SmallTalk.OUTLINE
    return SmallTalk.ABOUT if about else kind


def _corrected(word: str) -> str:
    """A word small talk does not use, as the small-talk word it stands for: its stretched
    letters shortened to two, else to one ("youuu": "you", "thanksss": "thanks"), else its
    typo corrected ("thnaks"); else the word itself."""
    if _STRETCHED_RE.search(word):
        for squeezed in (_STRETCHED_RE.sub(r"\1\1", word), _STRETCHED_RE.sub(r"\1", word)):
            if squeezed in _VOCABULARY:
                return squeezed
    return _speller().correct(word) or word


def _asks_of_the_bot(words: list[str], rest: list[str]) -> bool:
    """Whether a question asks about the bot in words no phrase lists: it names the bot (or
    "you"), or what the reader may ask ("what kind of questions can I ask"), and what its
    phrases leave (`rest`) are only words about asking, making or being ("who built this
    bot"). "What is the real question?" asks about the article."""
    named = not _THE_BOT.isdisjoint(words) or (
        not _ASKED.isdisjoint(words) and not _ASKER.isdisjoint(words)
    )
    return named and _OF_THE_BOT.issuperset(w for w in rest if w not in _FILLER)


def _asks_outline(words: list[str]) -> bool:
    """Whether words (a sentence's, small talk's phrases taken out) ask for the article's
    parts in an order no phrase lists: an outline word, and only framing words besides."""
    named = False
    for word in words:
        if word in _OUTLINE_NOUNS:
            named = True
        elif word not in _OUTLINE_FRAME and word not in _FILLER:
            return False
    return named


# A reply picking one of the choices the bot offered: "2", "#2", "the second one",
# "2nd pls", "number one", "the last one". Positions by word and by number, up to nine.
_POSITIONS = {
    **dict.fromkeys(("first", "1st", "one"), 1),
    **dict.fromkeys(("second", "2nd", "two"), 2),
    **dict.fromkeys(("third", "3rd", "three"), 3),
    **dict.fromkeys(("fourth", "4th", "four"), 4),
    **dict.fromkeys(("fifth", "5th", "five"), 5),
    **dict.fromkeys(("sixth", "6th", "six"), 6),
    **dict.fromkeys(("seventh", "7th", "seven"), 7),
    **dict.fromkeys(("eighth", "8th", "eight"), 8),
    **dict.fromkeys(("ninth", "9th", "nine"), 9),
    "last": -1,
}
# Words around a pick that say nothing more ("i mean the 2nd one please", "option 3 lah").
# Not "that" or "this": "that one" points at no position.
_PICK_FILLER = frozenset(
    "the a an option choice number no nr num answer entry question link button i mean want"
    " would like take pick please pls plz ok okay yes yeah yep just is it lah la leh lor ah"
    " ya sure thanks thx".split()
)
_PICK_WORD_RE = re.compile(r"\d+(?:st|nd|rd|th)?|[^\W\d_]+")
_MAX_PICK_WORDS = 8


def picked_choice(text: str) -> int | None:
    """Which of several offered choices a short reply picks: its position from 1 ("2",
    "#2", "the second one", "2nd pls", "number one"), -1 for "the last one"; None when the
    reply picks none ("that one", "which one is cheaper?", "2030")."""
    words = _PICK_WORD_RE.findall(text.casefold())
    if not words or len(words) > _MAX_PICK_WORDS:
        return None
    core = [w for w in words if w not in _PICK_FILLER]
    if len(core) == 2 and core[1] == "one" and core[0] != "one":
        core = core[:1]  # "the first one", "2nd one"
    if len(core) != 1:
        return None
    word = core[0]
    if word.isdigit():
        return int(word) if 1 <= int(word) <= 9 else None
    return _POSITIONS.get(word)
