"""Small talk: greetings, thanks, acknowledgements, farewells and questions about the bot.

Such messages are not questions about the article: they get a short friendly reply and
never reach the knowledge base or the editors' queue. A message is small talk when,
after removing these words (and emoji, punctuation and discourse particles), nothing is
left, or what is left asks about the bot itself ("who are you?", "what can you do?").
"Hi, how big is the APAC market?" is a question, not small talk.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache

from faqbot.normalise import tokens
from faqbot.spelling import Speller


class SmallTalk(StrEnum):
    """The kind of small talk, which picks the reply text (bot/messages.yaml)."""

    GREETING = "greeting"
    THANKS = "thanks"
    BYE = "bye"
    ABOUT = "about"
    ACK = "ack"
    # "What are the sections?", "what does the article cover?": answered with its sections.
    OUTLINE = "outline"


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    found = {tuple(tokens(p)) for p in text.split(",")}
    # Longest first, so "thank you" is removed before "you" could be left over.
    return tuple(sorted((p for p in found if p), key=len, reverse=True))


# Generic English plus the greetings and thanks readers in Asia commonly type.
_LEXICON: tuple[tuple[SmallTalk, tuple[tuple[str, ...], ...]], ...] = (
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
            " you are the best, youre the best, doh je, m goi, mahalo, obrigado, grazie"
        ),
    ),
    (
        SmallTalk.BYE,
        _phrases(
            "bye, byee, byeee, bye bye, goodbye, good bye, see you, see ya, see you later,"
            " cya, later, take care, good night, gn, ttyl, talk later, sayonara, tata, ciao,"
            " goodnight, nite, night, see u, see u later, catch you later, later then, peace,"
            " have a nice day, have a good day, have a great day, until next time, gotta go,"
            " got to go, i have to go, im off, signing off, selamat tinggal, paalam, adios"
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
            " apa khabar, assalamualaikum warahmatullah, nihao, hai, halo, ohayo"
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
            " wah, walao, shiok, sounds good, well done, good job, good bot, love it,"
            " alright then, okie dokie, okey dokey, ok cool, ok thanks, k thx, sure thing,"
            " noted with thanks, ok noted, ok can, can lah, that is great, thats great,"
            " that is helpful, thats helpful, that helps, this helps, very helpful, very useful,"
            " so useful, great stuff, interesting stuff, good to know, nice to know, i understand,"
            " fair, true, right, indeed, agreed, exactly, yes please, no thanks, no thank you,"
            " never mind, nevermind, nvm, whatever, meh, cool beans, neat, sweet, brb, idk,"
            " test, testing, hmm ok, oh ok, oh i see, ah i see, i got it, got that, gotcha, ya,"
            " yah, yeap, okk, okkk, wow cool, nice nice, superb, impressive, not bad, legit"
        ),
    ),
)
# Words that only soften or address: "thanks so much bro", "ok lah".
_FILLER = frozenset(
    """
    so very much really a lot the all that this was is it that's you u your man bro sis
    dude mate guys buddy boss sir maam madam friend bot faqbot there again too for and can
    lah leh lor ah meh hor sia po ya la one just very very much indeed today tonight
    na ha ba yaar bhai ji hai or not again now with pls plz please of in article piece story
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
    " nice to meet you, nice meeting you, pleased to meet you, glad to meet you"
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
    " what are the subheadings, what are the chapters"
)


_Index = dict[str, tuple[tuple[str, ...], ...]]


def _index(phrases: tuple[tuple[str, ...], ...]) -> _Index:
    """Phrases by their first word, longest first, so a word is looked up, not scanned."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase[0], []).append(phrase)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()}


_LEXICON_INDEX = tuple((kind, _index(phrases)) for kind, phrases in _LEXICON)
_ABOUT_INDEX = _index(_ABOUT)
_OUTLINE_INDEX = _index(_OUTLINE)
# Every word that can appear in small talk; a message with any other word is a question.
_VOCABULARY = (
    frozenset(
        word
        for phrases in (*(p for _, p in _LEXICON), _ABOUT, _OUTLINE)
        for phrase in phrases
        for word in phrase
    )
    | _FILLER
)


# Only messages this short are looked at for typos: longer ones are questions anyway.
_MAX_CORRECTED_WORDS = 6


@cache
def _speller() -> Speller:
    """Typo correction towards small-talk words (built on first need)."""
    return Speller(dict.fromkeys(_VOCABULARY, 1), small=True)


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
# A sentence starting with one of these words asks something; one with these words in it
# asks for something ("I'd like to know...", "tell me...").
_INTERROGATIVES = frozenset(
    "what whats how why who whom whose when where which is are was were do does did can"
    " could will would should shall may might has have had am isnt arent dont doesnt".split()
)
_REQUEST = re.compile(
    r"\b(?:know|tell|explain|wonder|wondering|curious|understand|learn|find out|looking for"
    r"|interested|need|want|wanted|question|ask|asking|share|show|give|list|compare|describe"
    r"|summari[sz]e|mean|means|meaning)\b"
)
# Messages of more sentences than this are not read as small talk.
_MAX_SENTENCES = 5


def classify(text: str) -> SmallTalk | None:
    """Return the kind of small talk a message is, or None when it asks something else.

    A message of a few sentences is small talk when one of them is and the others only
    tell ("I'm new here.", "Hope you're well."): none asks or requests anything.
    """
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s.strip()]
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
    for asked in (SmallTalk.OUTLINE, SmallTalk.ABOUT):  # a request beats a greeting
        if asked in found:
            return asked
    return found[0]


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


def _classify_one(text: str) -> SmallTalk | None:
    """Small talk of one sentence (or a message read as one)."""
    if not any(map(str.isalnum, text)):
        # Only emoji or punctuation: an acknowledgement ("👍", "?!"); control characters
        # and blanks are not a message at all.
        visible = [ch for ch in text if ch.isprintable() and not ch.isspace()]
        return SmallTalk.ACK if visible else None
    words = tokens(text)
    if not _VOCABULARY.issuperset(words):
        # A short message may be small talk with a typo in it ("who mdae you?", "thnaks").
        if len(words) > _MAX_CORRECTED_WORDS:
            return None
        words = [w if w in _VOCABULARY else (_speller().correct(w) or w) for w in words]
        if not _VOCABULARY.issuperset(words):
            return None
    kind: SmallTalk | None = None
    for candidate, index in _LEXICON_INDEX:
        words, hit = _strip(words, index)
        if hit and kind is None:
            kind = candidate
    words, about = _strip(words, _ABOUT_INDEX)
    words, outline = _strip(words, _OUTLINE_INDEX)
    if any(w not in _FILLER for w in words):
        return None
    if outline:
        return SmallTalk.OUTLINE
    return SmallTalk.ABOUT if about else kind
