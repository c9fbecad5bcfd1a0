"""Small talk: greetings, thanks, acknowledgements, farewells and questions about the bot.

Such messages are not questions about the article: they get a short friendly reply and
never reach the knowledge base or the editors' queue. A message is small talk when,
after removing these words (and emoji, punctuation and discourse particles), nothing is
left, or what is left asks about the bot itself ("who are you?", "what can you do?").
"Hi, how big is the APAC market?" is a question, not small talk.
"""

from __future__ import annotations

from enum import StrEnum

from faqbot.normalise import tokens


class SmallTalk(StrEnum):
    """The kind of small talk, which picks the reply text (bot/messages.yaml)."""

    GREETING = "greeting"
    THANKS = "thanks"
    BYE = "bye"
    ABOUT = "about"
    ACK = "ack"


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
            " kop khun, khob khun, cam on, cam on ban, merci, gracias, danke"
        ),
    ),
    (
        SmallTalk.BYE,
        _phrases(
            "bye, byee, byeee, bye bye, goodbye, good bye, see you, see ya, see you later,"
            " cya, later, take care, good night, gn, ttyl, talk later, sayonara, tata, ciao"
        ),
    ),
    (
        SmallTalk.GREETING,
        _phrases(
            "hi, hii, hiii, hello, helo, hallo, hey, heya, hiya, yo, sup, wassup, whats up,"
            " howdy, greetings, good morning, good afternoon, good evening, morning,"
            " afternoon, evening, gm, gday, hola, namaste, salam, assalamualaikum, ni hao,"
            " konnichiwa, annyeong, annyeonghaseyo, xin chao, selamat pagi, selamat siang,"
            " selamat petang, selamat malam, kumusta, kamusta, sawasdee, sawadee, vanakkam"
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
            " wah, walao, shiok, sounds good, well done, good job, good bot, love it"
        ),
    ),
)
# Words that only soften or address: "thanks so much bro", "ok lah".
_FILLER = frozenset(
    """
    so very much really a lot the all that this was is it that's you u your man bro sis
    dude mate guys buddy boss sir maam madam friend bot faqbot there again too for and can
    lah leh lor ah meh hor sia po ya la one just very very much indeed
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
    " how r you, you there, anyone there, are you there"
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
# Every word that can appear in small talk; a message with any other word is a question.
_VOCABULARY = (
    frozenset(
        word
        for phrases in (*(p for _, p in _LEXICON), _ABOUT)
        for phrase in phrases
        for word in phrase
    )
    | _FILLER
)


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


def classify(text: str) -> SmallTalk | None:
    """Return the kind of small talk a message is, or None when it asks something else."""
    if not any(ch.isalnum() for ch in text):
        # Only emoji or punctuation: an acknowledgement ("👍", "?!"); control characters
        # and blanks are not a message at all.
        visible = [ch for ch in text if ch.isprintable() and not ch.isspace()]
        return SmallTalk.ACK if visible else None
    words = tokens(text)
    if not _VOCABULARY.issuperset(words):
        return None
    kind: SmallTalk | None = None
    for candidate, index in _LEXICON_INDEX:
        words, hit = _strip(words, index)
        if hit and kind is None:
            kind = candidate
    words, about = _strip(words, _ABOUT_INDEX)
    if any(w not in _FILLER for w in words):
        return None
    return SmallTalk.ABOUT if about else kind
