"""From a reader's message to what the matcher compares: keywords, names and constraints.

The pipeline for one knowledge base (its vocabulary and its articles' thesauri):

1. In a long message, keep the question: the last sentence that asks something, with the
   sentences before it while it has fewer than three keywords; or, when it points back at
   them ("What were the three parts?"), with what they recall of the article, without
   what they say of the reader.
2. Generic normalisation (:mod:`faqbot.normalise`): folded, tokenised, chat expanded.
3. Words split by a space that the knowledge base writes as one are joined ("viet nam").
4. Typos are corrected towards the knowledge base's words (:mod:`faqbot.spelling`).
5. The thesaurus folds phrases, then stop words go, words are stemmed and synonyms folded.
6. Constraints are read (:mod:`faqbot.constraints`): years, amounts, focus, and names:
   the article's own names, and words that name something the article never mentions
   (written with a capital mid-sentence, a country, or not an English word at all).
"""

from __future__ import annotations

import operator
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from itertools import chain, filterfalse, islice, pairwise

from faqbot.constraints import (
    ADVICE_WORDS,
    COMPASS_WORDS,
    FOCUS_WORDS,
    LEAD_IN_WORDS,
    PAST_MARKERS,
    ROLE_NOUNS,
    SAYING_WORDS,
    WORLD_WORDS,
    YES_NO_START,
    Asked,
    Contrasted,
    Focus,
    Quoted,
    SaidOf,
    Signature,
    amounts,
    asked_action,
    asked_bounds,
    asked_ceasing,
    asked_contents,
    asked_counts,
    asked_definition,
    asked_details,
    asked_group,
    asked_magnitudes,
    asked_premises,
    asked_quality,
    asked_role,
    asked_scales,
    asked_speaker,
    asked_subjects,
    asked_topic,
    asked_topics,
    asked_world,
    asks_advice,
    asks_comparison,
    asks_decrease,
    asks_employer,
    asks_exact,
    asks_merit,
    asks_ranking,
    asks_when_said,
    claim_question,
    compared_on,
    counted_deed,
    dated_figures,
    deed_actor,
    degree_forms,
    denied_words,
    directions,
    durations,
    focus_of,
    group_deed,
    is_particle,
    life_events,
    past_deeds,
    quality_forms,
    ranked_quality,
    relative_years,
    units,
    years,
)
from faqbot.normalise import STOP_WORDS, WH_WORDS, content_tokens, fold, is_number, stem, tokens
from faqbot.smalltalk import SmallTalk, classify, split_at_ends, thanks_word
from faqbot.spelling import Speller, english_words, one_edit
from faqbot.thesaurus import Thesaurus

# Copulas by which a yes or no asks what something is ("is Lenovo a PC maker?").
_COPULAS = frozenset("is are was were".split())

# A message longer than this many words is searched for its question sentence.
LONG_MESSAGE_WORDS = 25
# A capitalised word this long or longer may be a slip of one of the article's names.
MIN_NAME_SLIP_LENGTH = 5
# The question sentence is widened backwards until it has this many keywords.
MIN_QUESTION_KEYWORDS = 3
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+|\n+")


# Where a message divides into parts that may each ask: sentences, and a lead-in's colon.
_FOCUS_CLAUSE_RE = re.compile(r"[.!?:;\n]+\s*")
# The marks that divide them.
_CLAUSE_MARKS = frozenset(".!?:;\n")


def _may_divide(text: str) -> bool:
    """False for a text _FOCUS_CLAUSE_RE splits into one clause at most (with words), told
    without the split: one with no mark before its trailing marks and blanks."""
    end = len(text)
    while end and (text[end - 1] in _CLAUSE_MARKS or text[end - 1].isspace()):
        end -= 1
    return not _CLAUSE_MARKS.isdisjoint(text[:end])


_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
# Words a sentence that asks starts with (tokens: chat spellings are expanded already).
_QUESTION_START = WH_WORDS | YES_NO_START | {"should", "shall", "had", "may", "might"}


# Continents and regions that ISO 3166 (countries only) leaves out, and common short forms.
_REGIONS = frozenset(
    "africa europe america americas latin oceania antarctica arctic caribbean scandinavia"
    " balkans eurasia usa uk uae eu asia asean apac emea latam mena southeast".split()
)


@cache
def _place_keywords() -> frozenset[str]:
    """Stems of the one-word country and region names."""
    return place_keywords(_countries())


def place_keywords(names: Iterable[str]) -> frozenset[str]:
    """The keywords (stems) of these country and region names (what :func:`countries`
    gives): the keywords :func:`is_place` tells, without reading pycountry again."""
    return frozenset(stem(name) for name in names)


def is_place(keyword: str) -> bool:
    """Tell whether a (stemmed) keyword is a country or region ("vietnam", "asean")."""
    return keyword in _place_keywords()


# Adjective and people forms of a place name, by its ending: "Korea" -> "Korean",
# "Japan" -> "Japanese", "China" -> "Chinese", "Thailand" -> "Thai", "Pakistan" -> "Pakistani".
DEMONYM_RULES: tuple[tuple[str, str, str], ...] = (
    ("a", "a", "an"),
    ("ia", "ia", "ian"),
    ("a", "a", "ese"),
    ("", "", "ese"),
    ("", "", "an"),
    ("", "", "ian"),
    ("e", "e", "ean"),
    ("", "", "i"),
    ("land", "land", ""),
)


@cache
def demonym_places() -> Mapping[str, str]:
    """Folded one-word demonyms -> the folded one-word name of their country ("thai":
    "thailand", "filipino": "philippines", "korean": "korea"), or "" for a country that
    no one word names ("american": the United States). From countryinfo's country data
    (one demonym per country, "South Korean" also as "Korean"; "Indian": "india", though
    the British Indian Ocean Territory's is "Indian" too), read on first need (about
    50 ms: the bot reads it before serving, see Matcher.prepare)."""
    from countryinfo import CountryInfo

    found: dict[str, str] = {}
    for key in CountryInfo.all():
        country = CountryInfo(key)
        places = _one_word_names(country.name())
        for demonym in (country.demonym() or "").split(","):
            words = tokens(demonym)
            if len(words) == 2 and words[0] in COMPASS_WORDS:
                words = words[1:]  # "South Korean", "North Korean": "Korean"
            # The first country that one word names wins; one no word names ("British
            # Indian Ocean Territory") yields to a later one ("India" for "Indian").
            if len(words) == 1 and not found.get(words[0]):
                found[words[0]] = places[0] if places else ""
    return found


@cache
def regional_function_words() -> frozenset[str]:
    """Function words of the region's languages that readers mix into their English
    (Tagalog, Malay, Indonesian: stopwords-iso's lists, from the stopwordsiso package),
    but English words ("asia", "bank", "para", "may"), lower case."""
    english = english_words()
    return frozenset(w for w in _regional_stopwords() if w not in english)


@cache
def _regional_stopwords() -> frozenset[str]:
    """stopwords-iso's Tagalog, Malay and Indonesian words, English ones among them (a few
    milliseconds to read, against some 40 for the English word list that sorts them)."""
    import stopwordsiso

    found = set().union(*(stopwordsiso.stopwords(code) for code in ("tl", "ms", "id")))
    return frozenset(w for w in found if w.isalpha())


# The least population of a country whose capital stands for its government (see
# capital_countries): a million people.
MIN_SEAT_POPULATION = 1_000_000


@cache
def capital_countries() -> Mapping[str, tuple[str, ...]]:
    """Folded one-word capitals -> their country's name as folded tokens ("seoul":
    ("south", "korea"), "hanoi": ("vietnam",), "pyongyang": ("north", "korea")), for the
    capitals that are no country's name themselves ("singapore"). From countryinfo's
    country data, read on first need with the demonyms (see Matcher.prepare); a capital
    two countries claim is left out, and so are those of places under a million people
    (MIN_SEAT_POPULATION): the news names a government by a sizeable country's seat, and
    small territories' capitals are given names too ("Stanley", "Douglas", "Victoria")."""
    from countryinfo import CountryInfo

    found: dict[str, tuple[str, ...]] = {}
    claimed: set[str] = set()
    named = countries()  # a capital that names a country is that country ("singapore")
    for key in CountryInfo.all():
        country = CountryInfo(key)
        try:
            capital = country.capital()
        except KeyError:
            continue  # no capital in its data
        words = tokens(capital) if isinstance(capital, str) else []  # (some give a list)
        if len(words) != 1 or words[0] in named:
            continue
        try:
            population = int(country.population() or 0)
        except (KeyError, TypeError, ValueError):
            population = 0  # no figure in its data
        if population < MIN_SEAT_POPULATION:
            continue
        if words[0] in found:
            claimed.add(words[0])
        found[words[0]] = tuple(tokens(country.name().partition(",")[0]))
    return {k: v for k, v in found.items() if k not in claimed}


def place_of_demonym(word: str) -> str | None:
    """The place (folded) whose adjective form a word is ("indian": "india", "thai":
    "thailand", "filipino": "philippines"), or None: countryinfo's demonyms (see
    :func:`demonym_places`), else by the ending rules for regions ("european")."""
    low = word.lower()
    known = demonym_places().get(low)
    if known:
        return known
    for ending, cut, add in DEMONYM_RULES:
        if low.endswith(add) and len(low) > len(add):
            place = (low[: len(low) - len(add)] if add else low) + cut
            if place != low and place.endswith(ending) and is_place(stem(place)):
                return place
    return low if known is not None else None  # "american": a country of several words


# Prepositions after which a city is where something is ("startups in Bangkok"), not
# its country's government.
_LOCATIVES = frozenset("in at near around from across within outside inside to of".split())
# Before a demonym that is also an English word ("polish", "welsh"), words after which it
# is a verb: "to polish", "we polish", "tools that polish".
_VERB_BEFORE = frozenset("to i you we they he she it that who please also not".split())
# Auxiliaries: at a question's start (or after a wh-word) its subject follows them ("do
# polish firms ...", "how do polish firms ..."); after a subject, its verb ("AI can polish").
_AUXILIARIES = frozenset(
    "do does did can could will would should may might must is are was were has have had".split()
)
# Nouns of people, organisations and places: what a demonym opening a question describes
# ("Polish firms use AI?"; not "Polish my marketing copy").
_GROUP_NOUNS = frozenset(
    "firms firm companies company people government governments businesses business startups"
    " workers employees banks officials authorities regulators citizens consumers users"
    " market markets economy lawmakers ministers regulation regulations law laws".split()
)


@cache
def _english_word(word: str) -> bool:
    """Whether lemminflect knows a (folded) word as an English word of its own ("polish",
    "welsh", "turkey"; not "thai", "korean", "french"): such a word written in lower case
    is a demonym only where it describes the noun after it (:func:`_modifies_noun`)."""
    from lemminflect import getAllLemmas  # only for a demonym the knowledge never uses

    return bool(getAllLemmas(word))


def _modifies_noun(words: Sequence[str], i: int) -> bool:
    """Whether words[i] stands where an adjective of the next word does: before a content
    word, after a function word that is not its subject ("the polish market", "do polish
    firms use AI", "how are polish banks"), or opening the question before a noun of people
    or organisations ("polish firms use AI?"); not after a subject or "to", where it is a
    verb ("can AI polish marketing content", "to polish content", "AI can polish ads")."""
    after = words[i + 1] if i + 1 < len(words) else ""
    if not after or after in STOP_WORDS:
        return False  # "polish my content", "... polish it"
    if i == 0:
        return after in _GROUP_NOUNS
    before = words[i - 1]
    if before in _VERB_BEFORE:
        return False
    if before in _AUXILIARIES:
        return i == 1 or words[i - 2] in WH_WORDS
    return before in STOP_WORDS  # after a content word ("AI polish"): its verb


def is_demonym(word: str) -> bool:
    """Tell whether a word is the adjective form of a place ("Chinese", "Thai", "Korean")."""
    return place_of_demonym(word) is not None


# A capitalised word after these is usually where the reader is, not what they ask about:
# "a small company in Manila". Countries and regions stay constraints even then.
_LOCATIVE = frozenset("in from at near outside around based".split())


def countries() -> frozenset[str]:
    """Folded one-word country and region names ("thailand", "asean"), read once."""
    return _countries()


@cache
def _countries() -> frozenset[str]:
    """Folded one-word country and region names (pycountry's ISO 3166 data, on first need).

    Imported here: loading it takes about 90 ms, and only questions with unknown words
    need it.
    """
    import pycountry

    names: set[str] = set(_REGIONS)
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                names.update(_one_word_names(value))
    return frozenset(names)


_STATE_WORDS = frozenset("republic state states province kingdom".split())


def _one_word_names(name: str) -> list[str]:
    """The one-word names of a country's name (folded): "Vietnam"; "Korea" of "Korea,
    Republic of" and of "South Korea" (a direction before it makes it one of two)."""
    head, _, qualifier = name.partition(",")
    words = tokens(head)
    if qualifier and (len(words) > 1 or _STATE_WORDS.isdisjoint(tokens(qualifier))):
        return []  # "Virgin Islands, British": no one word names it
    if len(words) == 2 and words[0] in COMPASS_WORDS:
        return [words[1]]  # "South Korea", "North Macedonia"
    return words if len(words) == 1 else []


# A word that starts with a capital, and one that starts in lower case (regex scans are
# what keeps this fast over tens of thousands of phrasings).
_UPPER_WORD_RE = re.compile(r"(?<![\w'’-])[^\W\d_a-z][\w'’-]*")
_LOWER_WORD_RE = re.compile(r"(?<![\w'’-])[a-z][\w'’-]*")
_SENTENCE_START_RE = re.compile(r"^[\s\-•*|\"'“(]*[^\W\d_][\w'’-]*")


def _first_token(raw: str) -> str | None:
    words = [raw.lower()] if raw.isascii() and raw.isalpha() else tokens(raw)
    return words[0] if words and not is_number(words[0]) else None


def proper_names(
    prose: Iterable[str],
    phrasings: Iterable[str] = (),
    keyword: Callable[[str], str] = lambda word: word,
) -> frozenset[str]:
    """Keywords written with a capital mid-sentence and never in lower case in the prose.

    "Meta", "OpenAI", "Vietnam", "ASEAN" are names; "Big" is not, because the prose also
    writes "big" (compared as keywords, so "smaller" clears "Small"). Capitals are looked
    for in the prose and in the phrasings ("What is Japan's focus?" shows a name that the
    prose only writes at a sentence start), lower case only in the prose (editors often
    type phrasings in lower case). Title-case lines (headings, titles) show nothing.
    """
    capitalised, lowercase = name_evidence(prose, phrasings, keyword)
    return capitalised - lowercase


# What one text shows of names: (capitalised keywords, lower-case words); see name_evidence.
Evidence = tuple[frozenset[str], frozenset[str]]


def name_evidence(
    prose: Iterable[str],
    phrasings: Iterable[str] = (),
    keyword: Callable[[str], str] = lambda word: word,
    split: Callable[[str], Sequence[str]] = tokens,
    memo: tuple[dict[str, Evidence], dict[str, Evidence]] | None = None,
) -> tuple[frozenset[str], frozenset[str]]:
    """(capitalised, lower case): the keywords the texts write with a capital mid-sentence,
    and those the prose writes in lower case (see :func:`proper_names`, their difference).

    Both are unions over the texts, so the evidence of several articles is the union of
    each one's: a matcher's names are derived from what each article gives. split: what
    :func:`faqbot.normalise.tokens` gives (a memo of it, for many articles' words). memo:
    each prose text's and each phrasing's evidence, kept by the caller across calls with
    the same `keyword` (articles that share sentences and phrasings read each once).
    """
    capitalised: set[str] = set()
    lowercase: set[str] = set()
    kept = memo if memo is not None else ({}, {})
    # Each distinct text once (the result is a set): articles repeat sentences and phrasings.
    for texts, is_prose, known in ((prose, True, kept[0]), (phrasings, False, kept[1])):
        for text in dict.fromkeys(texts):
            found = known.get(text)
            if found is None:
                found = known[text] = _text_evidence(text, is_prose, keyword)
            capitalised |= found[0]
            lowercase |= found[1]
    lower_keywords = frozenset(keyword(w) for raw in lowercase for w in split(raw))
    return frozenset(capitalised), lower_keywords


def _text_evidence(text: str, is_prose: bool, keyword: Callable[[str], str]) -> Evidence:
    """One text's capitalised keywords and (prose only) its words in lower case, as written."""
    capitalised: set[str] = set()
    lowercase: set[str] = set()
    for sentence in split_at_ends(_SENTENCE_RE, text) if is_prose else (text,):
        upper = _UPPER_WORD_RE.findall(sentence)
        if not upper:
            if is_prose:
                lowercase.update(_LOWER_WORD_RE.findall(sentence))
            continue
        if is_prose or len(upper) > 2:  # (a phrasing's lower-case words: only counted here)
            lower = _LOWER_WORD_RE.findall(sentence)
            if len(upper) > 2 and len(upper) > 1.5 * len(lower):
                continue  # a title-case line: every word has a capital
            if is_prose:
                lowercase.update(lower)
        first = _SENTENCE_START_RE.match(sentence)
        skip = first.group(0).lstrip(" -•*|\"'“(") if first else None
        for raw in upper:
            if raw == skip:
                skip = None  # the sentence's first word: a capital says nothing
                continue
            word = _first_token(raw)  # "Task-specific": only "task" has the capital
            if word is not None and word not in STOP_WORDS:
                capitalised.add(keyword(word))
    return frozenset(capitalised), frozenset(lowercase)


@dataclass(frozen=True, slots=True)
class MessageParts:
    """A message's question sentence and what comes before it that it may need."""

    before: str
    question: str
    described: str = ""
    # The question that goes with ``described``: the question sentence, or in a message of
    # one long sentence its last asking clause ("..., what exactly did it say about that?").
    pointing: str = ""


def message_parts(message: str) -> MessageParts:
    """The parts of a long message: its last asking sentence (greetings and thanks after it
    aside: ``question``), and before it the sentences it needs while it has fewer than
    three keywords (``before``). When that sentence says little or points back ("What were
    the three parts?", "Which company was that?"), ``described`` is what the sentences
    before it recall of the article, without what they say of the reader ("I run a plant
    in Penang", "my boss asked me for a slide": see described_parts); the analyzer takes
    it instead of ``before`` when the question has no word of its own that the article
    never uses. A short message is all question: ("", message)."""
    if len(message.split()) <= LONG_MESSAGE_WORDS:
        return MessageParts("", message)
    sentences = _sentences(message)
    if len(sentences) < 2:
        ends = list(_LEAD_IN_END_RE.finditer(message))  # "..., what did it say about that?"
        if not ends:
            return MessageParts("", message)
        head, asked = message[: ends[-1].start()], message[ends[-1].end() :].strip()
        described = ""
        if len(content_tokens(asked)) < MIN_QUESTION_KEYWORDS or _leans_back(asked):
            described = described_parts(head)
        return MessageParts("", message, _sentence_end(described), asked)
    asking = [i for i, s in enumerate(sentences) if _asks(s)]
    last = asking[-1] if asking else len(sentences) - 1
    start = last
    count = len(content_tokens(sentences[last]))
    described = ""
    if count < MIN_QUESTION_KEYWORDS or _leans_back(sentences[last]):
        described = " ".join(
            map(_sentence_end, filter(None, map(described_parts, sentences[:last])))
        )
    while start > 0 and count < MIN_QUESTION_KEYWORDS:
        start -= 1
        count += len(content_tokens(sentences[start]))
    question = sentences[last]
    return MessageParts(" ".join(sentences[start:last]), question, described, question)


def _sentence_end(text: str) -> str:
    """A text ending as a sentence does ("" stays "")."""
    return text if not text or text[-1] in ".!?" else text + "."


# What a sentence before a long message's question says of the article: it points at the
# article or a part of it ("this piece had ...", "the table in the middle", "there's a
# quote ..."), or reports what someone says ("my manager said most staff ..."). English.
_TEXT_NOUNS = (
    r"(?:article|articles|piece|story|writer|author|quote|quotes|table|chart|section"
    r"|paragraph|heading|headline|list|box|graph|graphic|infographic)"
)
_REPORTING = r"(?:says|said|saying|told|tells|claims?|claimed|reckons?|reckoned|thinks|heard)"
_DESCRIBING_RE = re.compile(
    rf"\b{_TEXT_NOUNS}\b|\b(?:mentions?|mentioned|writes|wrote|quoted|cites?|cited)\b"
    # "It had a forecast for ...": the article, named in the sentence before.
    r"|^\s*it\s+(?:also\s+)?(?:had|has|mentions|mentioned|said|says|gave|gives|listed|lists"
    r"|talked|talks|described|describes|quoted|quotes|called|calls|compared|compares)\b"
    rf"|\b{_REPORTING}\b|\bthere(?:'|’)?s\b|\bthere\s+(?:is|are|was|were)\b",
    re.IGNORECASE,
)
# Where a clause about the reader turns to what the article says: the article doing
# something ("I remember this article had a projection", "I think the piece said"), or what
# someone told them ("my manager said most staff use it": what was said).
_RECALLED_RE = re.compile(
    rf"\b(?:the|this|that|its|an?)\s+(?:[\w-]+\s+){{0,2}}?{_TEXT_NOUNS}\s+(?:\w+\s+)?"
    r"(?:had|has|have|mentions?|mentioned|mentioning|says|said|saying|gives?|gave|giving"
    r"|lists?|listed|listing|talks?|talked|talking|describes?|described|describing|calls?"
    r"|called|quotes?|quoted|quoting|cites?|cited|citing|compares?|compared|comparing"
    r"|notes?|noted|claims?|claimed|shows?|showed|showing|includes?|included|including"
    r"|explains?|explained|argues?|argued|reports?|reported|writes?|wrote|covers?|covered"
    r"|makes?|made|puts?|suggests?|suggested|predicts?|predicted|projects?|projected"
    r"|ends?|ended|starts?|started|opens?|opened|was|were|is|are)\b"
    rf"|\b{_REPORTING}\s+(?:(?:me|us|him|her|them)\s+)?(?:that\s+)?"
    r"(?P<said>(?!(?:about|of|to|so|me|us)\b)\w)",
    re.IGNORECASE,
)


def described_parts(sentence: str) -> str:
    """What a sentence before a question describes of the article (see _DESCRIBING_RE),
    its clauses about the reader left out unless they turn to what the article says ("My
    boss wants a slide and I remember the article had a projection for the market" -> "the
    article had a projection for the market"), and a greeting opening it ("Hi, sorry to
    bother you"); "" for a sentence that describes nothing ("I run a bakery in Ipoh.")."""
    if not _DESCRIBING_RE.search(sentence):
        return ""
    kept: list[tuple[str, str]] = []  # (clause, the mark or word that ends it)
    start = 0
    ends = [(m.start(), m.end()) for m in _READER_CLAUSE_RE.finditer(sentence)]
    dropped = False  # whether the clause before was the reader's, left out
    for end, after in [*ends, (len(sentence), len(sentence))]:
        clause = _CLAUSE_START_RE.sub("", sentence[start:end].strip())
        mark, start = sentence[end:after], after
        if dropped and not _has_subject(clause):
            # "I'm from Cebu, working in a BPO", "I work nights and only read it on my
            # phone": a clause going on without a subject of its own is the reader's too.
            continue
        dropped = False
        if reader_clause(clause):
            found = _RECALLED_RE.search(clause)
            if found is None or not clause[found.end() :].strip():
                dropped = True
                continue
            clause = clause[found.start("said") if found.group("said") else found.start() :]
            kept.append((clause, mark))
        elif clause and not _says_nothing(clause) and (kept or classify(clause) is None):
            kept.append((clause, mark))
    text = "".join(clause + mark for clause, mark in kept[:-1])
    return (text + kept[-1][0]).strip() if kept else ""


# Words that start a clause with a subject of its own ("the article ...", "some say ...",
# "one figure for ..."): English.
_SUBJECT_STARTS = frozenset(
    """
    the a an this that these those it its they their them he she his her there here some
    most many much more one two three four five several every each all both no any another
    other such what which who whose where when how why if
    """.split()
)


def _has_subject(clause: str) -> bool:
    """Whether a clause starts with a subject of its own (a determiner, a pronoun, a
    number or a name), not a verb going on from the clause before ("working in a BPO")."""
    words = clause.split()
    if not words:
        return False
    first = tokens(words[0])[:1]
    return (
        not first
        or first[0] in _SUBJECT_STARTS
        or first[0] in _READER_START
        or first[0][0].isdigit()
        or words[0][:1].isupper()
    )


# Words by which a question points back at things named before it ("each country's
# approach", "both numbers", "the latter"): English.
_BACK_TO_THINGS = frozenset("each both either former latter".split())


def _leans_back(question: str) -> bool:
    """Whether a question points back at something said before it ("What was it?", "How
    does the article describe each country's approach?")."""
    return points_at_thing(question) or not _BACK_TO_THINGS.isdisjoint(tokens(question))


def only_points(question: str) -> bool:
    """Whether a question only points at what was said before it: it has no word but
    stop words and those that point at a part of a text ("What were the examples?",
    "Which one was that?", "What were the numbers again?"). Alone, it asks nothing."""
    return all(
        w in _POINTERS or w in _VAGUE_WORDS or w in ASKING_WORDS for w in content_tokens(question)
    )


def _says_nothing(clause: str) -> bool:
    """Whether a clause has no word but those about asking ("sorry to disturb")."""
    return all(w in ASKING_WORDS or w in _OPENERS for w in content_tokens(clause))


def _sentences(message: str) -> list[str]:
    """A message's sentences, stripped, without the small talk closing it ("... Which
    approach pays? Thanks in advance.": the thanks is no sentence of the question)."""
    sentences = [s.strip() for s in split_at_ends(_SENTENCE_RE, message) if s.strip()]
    while len(sentences) > 1 and classify(sentences[-1]) is not None:
        sentences.pop()
    return sentences


def _asks(sentence: str) -> bool:
    """Tell whether a sentence asks: it ends with "?" or starts with a question word or a
    request ("Explain Big AI.", "Pls describe the sandbox")."""
    words = tokens(sentence)
    if words and words[0] in _PLEASE:
        words = words[1:]
    return sentence.endswith("?") or bool(
        words and (words[0] in _QUESTION_START or words[0] in _REQUESTS)
    )


# Verbs by which a sentence requests an answer, and the "please" before them: English.
_REQUESTS = frozenset("explain describe summarise summarize define elaborate clarify".split())
_PLEASE = frozenset("please pls plz kindly".split())


def question_after_reader(message: str) -> tuple[str, str] | None:
    """(context, question) of a message of several sentences whose last one is not about
    the reader and all those before it are ("I'm a student. Big AI versus small AI in
    Asia", "I run a shop in Ipoh. My nephew sent me this. Explain Small AI"): what the
    reader asks, though it is no question in form; one sentence, split at a colon, too ("My
    boss asked me this: Big AI versus small AI"). None for any other message."""
    sentences = _sentences(message)
    if len(sentences) < 2:
        # "My boss asked me this: Big AI versus small AI": a colon ends what they tell.
        head, colon, rest = message.partition(": ")
        if not colon or not rest.strip():
            return None
        sentences = [f"{head}:", rest.strip()]
    context, question = " ".join(sentences[:-1]), sentences[-1]
    if about_the_reader(context) and not about_the_reader(question):
        return context, question
    return None


# Where a sentence may turn from a lead-in to its question: a comma, semicolon or colon
# (with "so", "and", "but" or "then" after it), a dash, or "and"/"so" alone; before a
# question word ("I work in Pasig, what is X?", "My boss is worried, so is Big AI ...?").
_LEAD_IN_END_RE = re.compile(
    r"(?:\s*[,;:]\s+(?:(?:so|and|but|then)\s+)?|\s+[-–—]\s+|\s+(?:and|so)\s+)"
    r"(?=(?:what|whats|wat|wats|which|how|hw|why|who|when|where|is|are|does|do|did|can|could"
    r"|will|would|should)\b)",
    re.IGNORECASE,
)
# Where a lead-in divides into clauses, to tell whether one of them asks.
_LEAD_IN_CLAUSE_RE = re.compile(r"[,;:]+\s*|\s+(?:and|but|so|or)\s+", re.IGNORECASE)
# A question for who does something or holds a role ("who backs Meta?").
_WHO = frozenset("who whos whom".split())
# Words of a clause that asks something of the article (not "which", "who", "where",
# "when": relative pronouns as often, "..., which sounds dramatic").
_ASKING_START = (WH_WORDS - {"which", "who", "whos", "whom", "whose", "where", "when"}) | (
    frozenset("is are does do did can could".split())
)
# Words about asking itself, which say nothing of what is asked ("Sorry for the basic
# question", "quick one", "just wondering"): English conversation, not article data.
ASKING_WORDS = frozenset(
    """
    question questions ask asking asked query quick basic simple silly stupid dumb sorry
    apologies apologise apologize wonder wondering wondered curious curiosity bother help
    disturb disturbing interrupt
    one thing just
    """.split()
)
# Nouns by which a question points at a part of a text described before it ("What were
# the three parts?", "How did that example work?", "What are the steps?"): they stand for
# what was described and ask nothing of their own. English.
_PLACEHOLDERS = frozenset(
    """
    part parts bits piece pieces step steps example examples detail details point points
    item items line lines word words wording phrase phrasing two three four five first
    second last
    """.split()
)
# Those, and the nouns by which such a question asks for a figure, year or name of what
# was described ("both numbers and the years they go with").
_POINTERS = _PLACEHOLDERS | frozenset(
    """
    number numbers figure figures year years name names stat stats statistic statistics
    """.split()
)
# Words that say nothing of what a question pointing back asks ("what's it called", "the
# years they go with", "how did it work", "is that true", "a couple of years ago"), nor
# of what the reader recalls ("the article described ..."): English.
_VAGUE_WORDS = frozenset(
    """
    go goes went gone come comes came call calls called work works worked happen happens
    happened make makes made take takes took give gives gave given show shows showed shown
    put see saw seen find found remember recall recalled look looks looked mean means meant
    described describes describing listed lists listing several couple ago recent recently
    earlier later true right correct accurate again exact exactly remind saying talking
    giving mentioning certain used
    """.split()
)
# Nouns by which a reader recalls a part of the article ("the piece had a statement about
# ...", "a passage on ...", "a quote from ..."): English.
_RECALLING_NOUNS = frozenset(
    """
    article articles piece story statement statements quote quotes quoted comment comments
    passage passages sentence sentences paragraph paragraphs line lines mention bit bits
    section sections part parts table chart list box graph graphic infographic heading
    headline claim claims remark remarks start beginning middle end top bottom intro
    introduction opening ending
    """.split()
)
# The words by which a reader points at what they recall of the article.
_RECALLING = _POINTERS | _VAGUE_WORDS | _RECALLING_NOUNS
# Words that open a message without saying anything ("ok so I'm ...", "hey, ...").
_OPENERS = frozenset("ok okay so hey hi hello well um uh yeah yes right alright hmm".split())


# The bot, addressed by name at a message's start ("hey bot, ...", "ok faqbot ..."), and
# the words by which a reader says a question follows ("one more question", "another
# quick one", "a follow-up", "quick q"): English chat, not article data.
_ADDRESSED = frozenset("bot faqbot".split())
_FOLLOWING = frozenset("more another other last follow followup q qn qns ques idea clue".split())
# Salutations and courtesies that open a message ("Dear sir,", "Good morning team!",
# "Kindly advise:", "Sorry, my English not good."): English chat, not article data.
_COURTESIES = frozenset(
    """
    dear sir sirs madam maam team all everyone everybody folks guys kindly advise urgent
    good morning afternoon evening day english pardon excuse new here first time using
    """.split()
)
# How a reader asks for the reply's form, before or after the question ("briefly", "in
# short", "in one line", "in simple terms", "ELI5"): nothing of what is asked. English.
_FORM = (
    r"(?:briefly|in\s+brief|in\s+short|in\s+one\s+(?:line|sentence)|in\s+(?:a\s+)?few\s+words"
    r"|in\s+(?:simple|plain|layman'?s?)\s+(?:terms|words|english)|simply\s+put|eli5)"
)
_FORM_BEFORE_RE = re.compile(rf"^\s*{_FORM}\s*[,:;.!-]+\s*(?=\w)", re.IGNORECASE)
_FORM_AFTER_RE = re.compile(rf"(?<=\w)[\s,;:-]+{_FORM}\s*(?=[?!.]*\s*$)", re.IGNORECASE)
# A message opening with the bot addressed, and no mark before its question ("hey bot what
# is ...?"): the address and the openers before it.
_ADDRESS_RE = re.compile(
    r"^\s*(?:(?:hey|hi|hello|ok|okay|yo|dear|oi)\s+)*(?:faq\s*)?bot\b[\s,!:.;-]*(?=\w)",
    re.IGNORECASE,
)
# Where a lead-in ends: a mark and a blank after it, or a dash between blanks.
_LEAD_MARK_RE = re.compile(r"\s*[,;:.!?]+\s+|\s+[-\u2013\u2014]+\s+")


def only_asking(text: str) -> bool:
    """Whether a lead-in says no more than that a question follows, or whom it is put to
    ("Quick question", "one more q", "hey bot", "ok so, another quick one"): each word is
    a stop word, an opener, a word about asking or the bot addressed, and one at least is
    not a stop word ("is it" is no lead-in)."""
    words = tokens(text)
    return any(w not in STOP_WORDS for w in words) and all(
        w in STOP_WORDS
        or w in _OPENERS
        or w in ASKING_WORDS
        or w in _ADDRESSED
        or w in _FOLLOWING
        or w in _COURTESIES
        for w in words
    )


def asked_part(message: str) -> str:
    """The message without what only frames its question: a lead-in that announces it or
    addresses the bot ("Quick question: what is X?", "hey bot, explain X", "hmm, any idea
    why X?") and small talk after it ("What is X? Thanks in advance", "what is X? quick
    question"); the message itself when it has neither. Such words are no part of what is
    asked: read with it, "quick" and "question" lean towards entries that write them
    ("quick returns", "the real question"), "in advance" towards "advanced" ones."""
    addressed = _ADDRESS_RE.match(message) or _FORM_BEFORE_RE.match(message)
    if addressed is not None:
        message = message[addressed.end() :]
    message = _FORM_AFTER_RE.sub("", message, count=1)
    mark = _LEAD_MARK_RE.search(message)
    if mark is not None and only_asking(message[: mark.start()]):
        rest = message[mark.end() :]
        if any(map(str.isalnum, rest)):
            return asked_part(rest)
    asking = _ASKING_WORD_RE.search(message)
    if asking is not None and asking.start() > 0 and only_asking(message[: asking.start()]):
        return asked_part(message[asking.start() :])
    return _without_sign_off(message)


# A question word after a lead-in with no mark ("hmm why ...", "any idea how ...").
_ASKING_WORD_RE = re.compile(
    r"\b(?:what|whats|wat|wats|which|how|hw|why|who|when|where)\b", re.IGNORECASE
)
# Small talk that may follow a question and only closes it: thanks, a goodbye, a greeting,
# or words about asking or about the bot ("quick question", "can you help").
_SIGN_OFFS = frozenset({SmallTalk.THANKS, SmallTalk.BYE, SmallTalk.GREETING, SmallTalk.ABOUT})
_MAX_SIGN_OFF_WORDS = 4
# "... quick question" closing a message with no mark before it ("Japan AI budget quick
# question"); not "the real question", which may be what is asked.
_QUICK_QUESTION_RE = re.compile(r"[\s,;-]+quick\s+(?:question|qn|q|ques|one)\W*$", re.IGNORECASE)


def _without_sign_off(message: str) -> str:
    """The message without small talk after its question: after its last mark ("What is
    X? thx in advance", "Why X?? quick question"), or, with no mark, "quick question" or
    thanks in its last words ("what is X thx in advance"); never the whole message
    ("thanks!")."""
    core = message.rstrip().rstrip("?!.")  # the marks ending the small talk itself
    end = max(core.rfind("?"), core.rfind("!"), core.rfind("."))  # the question's last mark
    if end >= 0:
        head, tail = core[: end + 1], core[end + 1 :]
        if any(map(str.isalnum, head)) and any(map(str.isalnum, tail)):
            if len(tail.split()) <= _MAX_SIGN_OFF_WORDS and classify(tail) in _SIGN_OFFS:
                return head.strip()
            return message
    if "quick" in message.casefold():
        announced = _QUICK_QUESTION_RE.search(message)
        if announced is not None and any(map(str.isalnum, message[: announced.start()])):
            return message[: announced.start()]
    words = message.split()
    last = tokens(words[-1]) if words else []
    if not last or not thanks_word(last[-1]):
        return message  # most messages: their last word is none of thanks'
    for size in range(min(_MAX_SIGN_OFF_WORDS, len(words) - 1), 0, -1):
        if classify(" ".join(words[-size:])) is SmallTalk.THANKS:
            return " ".join(words[:-size])
    return message


def last_question(
    message: str, lead_in: Callable[[str], bool] | None = None
) -> tuple[str, str] | None:
    """(context, question): a message of several sentences split before its last asking
    sentence, when that sentence ends the message; one sentence split before the question
    after a lead-in that asks nothing (see :func:`lead_in_split`); None otherwise.

    lead_in: tells a lead-in that says nothing of what is asked ("Sorry to bother you":
    no word the knowledge uses), besides one about the reader."""
    sentences = _sentences(message)
    if len(sentences) == 1:
        split = lead_in_split(sentences[0], lead_in)
        if split is None:
            return None
        sentences = list(split)
    if len(sentences) < 2:
        return None
    if not _asks(sentences[-1]):
        return None
    return " ".join(sentences[:-1]), sentences[-1]


def lead_in_split(
    sentence: str, lead_in: Callable[[str], bool] | None = None
) -> tuple[str, str] | None:
    """(lead-in, question) of one sentence that asks after a lead-in; None when it has
    none. The question is the last part that starts with a question word after a comma,
    colon, dash, "so" or "and" ("..., so can you tell me how much ...?"), such that what
    comes before it asks nothing itself ("I work in Pasig, what is X and how is it
    used?" keeps both) and is a lead-in: about the reader ("I run a bakery in Busan and
    my nephew ...", "My boss is worried about lock-in"; "ok so I'm ..." too), one that
    `lead_in` accepts ("Sorry to bother you"), or, in a long message, one with a clause
    about the reader ("ok so, been thinking ..., I'm curious: what ...?"). "In Vietnam,
    what does the law do?" has none: Vietnam is part of the question."""
    ends = list(_LEAD_IN_END_RE.finditer(sentence))
    long = len(sentence.split()) > LONG_MESSAGE_WORDS
    for end in reversed(ends):
        head, question = sentence[: end.start()].strip(), sentence[end.end() :].strip()
        clauses = [c for c in _LEAD_IN_CLAUSE_RE.split(head) if c.strip()]
        if not clauses or any(_asks_the_article(c) for c in clauses):
            continue
        if (
            reader_clause(_without_openers(head))
            or (lead_in is not None and lead_in(head))
            or (long and any(reader_clause(_without_openers(c)) for c in clauses))
        ):
            return head, question
    return None


def _without_openers(clause: str) -> str:
    """A clause without the words that open a message saying nothing ("ok so I'm ...")."""
    words = clause.split()
    start = 0
    while (
        start < len(words) - 1 and tokens(words[start])[:1] and tokens(words[start])[0] in _OPENERS
    ):
        start += 1
    return " ".join(words[start:])


def _asks_the_article(clause: str) -> bool:
    """Whether a clause of a lead-in asks something: it starts with a question word, or
    ends with "?" ("what is Small AI"), not a question about the reader ("but what do I
    know")."""
    words = tokens(_without_openers(clause))
    if not words:
        return False
    if clause.rstrip().endswith("?"):
        return True
    return words[0] in _ASKING_START and _READER_START.isdisjoint(words[1:4])


# Words by which a sentence points back to what was said before it, or to the reader
# ("he", "that kind", "our company", "here"). English grammar, not article data.
_BACK_REFERENCES = frozenset(
    """
    it its this that these those they them their theirs he him his she her hers there here
    such same above i me my mine we us our ours
    """.split()
)
# "the government", "our company": a place or organisation named before, not in the question.
_DEFINITE_BACK_RE = re.compile(
    r"\b(?:the|this|that|our|my|their|his|her)\s+(?:government|country|nation|state|city"
    r"|company|firm|employer|bank|ministry|authorities|regulator|region|town|province)\b",
    re.IGNORECASE,
)
# "this article", "according to it": pointing at the article itself, not back in the message.
_ARTICLE_REFERENCE_RE = re.compile(
    r"\b(?:the|this)\s+(?:article|piece|story|writer|author)\b"
    r"|\baccording\s+to\s+(?:it|this)\b",
    re.IGNORECASE,
)


_READER_START = frozenset("i im ive id me my we were our us".split())


def about_the_reader(text: str) -> bool:
    """Tell whether every sentence of a text is about the reader: each starts with "I",
    "my", "we" or "our" ("Hi! I'm from Kuala Lumpur. My boss sent me this."; greetings
    and thanks aside)."""
    sentences = [s for s in split_at_ends(_SENTENCE_RE, text) if s.strip() and classify(s) is None]
    return bool(sentences) and all(
        ((words := tokens(s)) and words[0] in _READER_START)
        or _ARTICLE_REFERENCE_RE.match(s.strip())  # "This article mentions a couple."
        for s in sentences
    )


def refers_back(sentence: str) -> bool:
    """Tell whether a sentence needs what came before it: it has a pronoun or a
    demonstrative ("What reasons did he give?", "Is that unusual?", "How much has my
    government committed?") other than one pointing at the article ("this article"), or
    a place or organisation named before ("How much has the government committed?").
    Asking the bot to tell the reader ("can you tell me how much ...?") points back at
    nothing."""
    if _DEFINITE_BACK_RE.search(sentence):
        return True
    sentence = _REQUEST_RE.sub(" ", _ARTICLE_REFERENCE_RE.sub(" ", sentence))
    return not _BACK_REFERENCES.isdisjoint(tokens(sentence))


# A request to the bot, which names the reader without pointing back at anything.
_REQUEST_RE = re.compile(
    r"\b(?:(?:can|could|would|will) you (?:please )?)?(?:tell|show|give|explain to) me\b"
    r"|\blet me know\b",
    re.IGNORECASE,
)


# Where a sentence divides into clauses that may each be about the reader or ask something:
# "I work in Jakarta, what is Small AI?", "I'm a teacher in Ipoh and I wonder what ...".
_READER_CLAUSE_RE = re.compile(r"[.!?;:,\n]+\s*|\s+(?:and|but|so)\s+", re.IGNORECASE)
# A clause about the reader: it starts with "I", "my", "we"... or "as a" ("As a nurse in Cebu").
_AS_A_RE = re.compile(r"^as an?\s+(?!result\b|matter\b|whole\b)", re.IGNORECASE)
# Where the reader is: a place after one of these in a clause about the reader.
_PLACE_AFTER_RE = re.compile(r"\b(?:in|from|at|near|outside|around)\s+", re.IGNORECASE)
# A question that leans on the reader's place: "the government", "my country", "here".
_PLACE_BACK_RE = re.compile(
    r"\b(?:the|this|that|our|my|their|his|her)\s+(?:government|country|nation|state|city"
    r"|ministry|authorities|regulator|regulators|province|town|capital)\b"
    r"|\b(?:here|local|locally)\b"
    # "there" as a place ("Which firms are based there?"), not as "there is" asks whether
    # something exists ("Was there anything for factories?", "there's a table").
    r"|(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bbe )(?<!\bbeen )\bthere\b"
    r"(?!(?:'|’)s\b|\s+(?:is|are|was|were|be|been|has|have|had|seems?|must|will|would|could"
    r"|might|may|isnt|arent|wasnt)\b)",
    re.IGNORECASE,
)


def reader_clause(clause: str) -> bool:
    """Tell whether a clause is about the reader: it starts with "I", "my", "we", "our"...
    ("I work in Jakarta", "My cousin works in Seoul") or "as a" ("As a nurse in Cebu")."""
    words = tokens(clause)
    return bool(words) and (words[0] in _READER_START or bool(_AS_A_RE.match(clause.strip())))


def points_to_place(text: str) -> bool:
    """Tell whether a question leans on a place named before: "How much has the government
    committed?", "my country", "Which firms are based here?"."""
    return bool(_PLACE_BACK_RE.search(text))


# Words by which a sentence points back at a thing said before it ("about it", "that law").
_THING_REFERENCES = frozenset(
    "it its they them their theirs this that these those such same".split()
)


def points_at_thing(sentence: str) -> bool:
    """Tell whether a sentence points back at a thing said before it ("What does the article
    say about it?", "Does it cover that?"): then what the sentences before say is what is
    asked, not who the reader is. "This article" is the article, "he" a person (named)."""
    return not _THING_REFERENCES.isdisjoint(tokens(_ARTICLE_REFERENCE_RE.sub(" ", sentence)))


# Where a question divides into clauses: commas, semicolons, dashes, and "and" before a new
# question word ("what does it say about X, and what keeps Y open?").
_CLAUSE_RE = re.compile(
    r"\s*[,;:]\s+|\s+[-–—]\s+"
    r"|\s+and\s+(?=(?:what|which|how|why|who|when|where|whats|wat|is|are|does|do|can)\b)",
    re.IGNORECASE,
)

_CLAUSE_START_RE = re.compile(r"^(?:and|but|or|so|then)\s+", re.IGNORECASE)


def clause_split(question: str) -> list[str]:
    """The clauses of a question of several, each with at least two words; [] for one."""
    clauses = [_CLAUSE_START_RE.sub("", c.strip(" ?!.")) for c in _CLAUSE_RE.split(question)]
    clauses = [c for c in clauses if len(c.split()) >= 2]
    return clauses if len(clauses) > 1 else []


# "what is the X of ...": X is what is asked about, whatever the preposition that ties it to
# what it is of ("the fines of / in / under / within / set by the law"). ("who is the X of
# ..." asks for the holder of a role: constraints.asked_role reads it.)
_ATTRIBUTE_OF_RE = re.compile(
    r"^(?:\w+ )?(?:what|whats|which) (?:is|are|was|were) (?:the |its |their )?"
    r"(?P<x>[a-z]+) (?:of|for|behind|at|under|in|within|inside|on|by|from)\b"
)
# "what is Korea's GDP", "what was Japan's deadline": the last word of a short question.
_ATTRIBUTE_LAST_RE = re.compile(r"^(?:what|whats) (?:is|are|was|were) (?:\w+ ){2,3}?(?P<x>[a-z]+)$")


# "what is Acme's new ferry called?": the thing whose name is asked (its last noun).
_CALLED_RE = re.compile(
    r"^(?:\w+ )?(?:what (?:is|are|was|were)|whats) (?:\w+ ){0,6}?(?P<x>[a-z]+) called\b"
)


def named_thing(words: Sequence[str]) -> str | None:
    """The thing a "what is X called?" question asks the name of: "what is Acme's new
    ferry called" -> "ferry"; None for other questions, and when the word before "called"
    names nothing ("what is it also called")."""
    if "called" not in words:
        return None
    match = _CALLED_RE.search(" ".join(words))
    word = match.group("x") if match else ""
    if not word or word in _NOT_ATTRIBUTES or len(word) < 3:
        return None
    return word


# Nouns that frame a question rather than name what it asks about ("the status of X").
# Words by which a question asks what someone's job is ("X's job title", "X's occupation"):
# English, not article data.
# Titles of the heads of organisations: one the knowledge never writes is asked about.
_TITLES = frozenset(
    "ceo ceos cfo cto coo cio chairman chairwoman chairperson founder founders cofounder"
    " cofounders".split()
)
_JOB_WORDS = frozenset("job title occupation profession designation employer employers".split())
_FRAMING = frozenset(
    "significance gist status scope reason reasons odds point purpose meaning impact effect"
    " effects role idea goal aim nature state future outlook danger dangers risk risks benefit"
    " benefits advantage advantages downside downsides upside summary main key essence"
    " importance implication implications consequence consequences difference point".split()
)


# What someone says, whatever the reader calls it ("what is Lee's advice?", "her view"):
# the entry's statement answers it, as verbs of saying ask for no detail (_SAYING).
_STATEMENT_NOUNS = frozenset(
    "advice view views opinion opinions recommendation recommendations take message"
    " position stance verdict prediction predictions outlook thoughts thought argument"
    " arguments suggestion suggestions comment comments quote statement word words claim"
    " claims perspective perspectives point answer response warning".split()
)


# Words in a topic place that are no topic: the figure asked, framing, the whole world.
_NOT_TOPICS = FOCUS_WORDS | _FRAMING | WORLD_WORDS | _VAGUE_WORDS
# Details of a person (or a firm) that an article quoting them rarely gives: asked of a
# name, they are the topic, which the entry must write (English).
_PERSONAL_DETAILS = frozenset(
    """
    background backgrounds career careers biography bio education degree degrees
    qualifications age salary salaries family nationality hometown birthplace
    childhood upbringing resume cv
    """.split()
)


# Words after "what is the ..." that are the figure asked, not what it is of.
_NOT_ATTRIBUTES = STOP_WORDS | FOCUS_WORDS | frozenset({"worth", "valuation"})


# Where a question of two parts divides: "..., and when ...", "... and how much ...".
_PARTS_RE = re.compile(
    r"\s*,?\s+and\s+(?=(?:what|whats|when|where|who|whom|which|why|how)\b)", re.IGNORECASE
)


def _someones_job(words: Sequence[str]) -> bool:
    """Whether a question asks someone's job by a pronoun ("what's his job title?", "what
    is her occupation"): "what", "his", "her" or "their", a job word, and the question's
    end (not "what share use AI in their job?", nor "how many will lose their job?")."""
    if _JOB_WORDS.isdisjoint(words):
        return False  # most questions
    end = len(words)
    while end and (is_particle(words[end - 1]) or words[end - 1] in ("then", "now", "exactly")):
        end -= 1  # "what is his job title ah?"
    return _SOMEONES_JOB_RE.search(" ".join(words[:end])) is not None


_SOMEONES_JOB_RE = re.compile(
    r"\bwhats?(?: (?:is|was|are|were))? (?:his|her|their) (?:job title|job|title|occupation"
    r"|profession|designation)$"
)


def _asked_attributes(words: Sequence[str]) -> set[str]:
    """The words of what a "what is the X of Y" question asks about (X)."""
    text = " ".join(words)
    found = set()
    for pattern in (_ATTRIBUTE_OF_RE, _ATTRIBUTE_LAST_RE):
        match = pattern.search(text)
        word = match.group("x") if match else ""
        if word and word not in _NOT_ATTRIBUTES and not word.endswith(("ing", "ed")):
            found.add(word)
    return found


def name_phrases(analysis: Analysis, values: Iterable[str]) -> tuple[str, ...]:
    """Name keywords as the reader wrote them, in their order, the words of one name
    together: ("Hong Kong",) not ("Hong", "Kong"); "north" as "North Korea"; an adjective
    of a place with the word it describes, the reader's noun phrase: "Indian companies",
    not "Indian"; a role the question asks the holder of, with whose: "the CEO of OpenAI",
    not "CEO"."""
    query = analysis.query
    role = asked_role(analysis.words)
    spans: list[tuple[int, int]] = []
    missing: list[str] = []
    for value in values:
        word = analysis.typed(value)
        found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", query, re.IGNORECASE)
        if found is None:
            missing.append(word)
            continue
        start, end = found.span()
        if word.lower() == role:
            # "the CEO of Lenovo", "Lenovo's CEO", "the AI minister", "Japan's AI minister"
            before = _ROLE_BEFORE_RE.search(query[:start])
            whose = re.match(r"\s+(?:of|for|at|in|behind)\s+[^?.!,;:]*[^?.!,;:\s]", query[end:])
            start -= len(before.group(0)) if before else 0
            end += whose.end() if whose else 0
        if (value in COMPASS_WORDS and word.lower() == value) or _describes(word, query[end:]):
            # ("North Korea"; not a capital read as it: "Pyongyang", see _capitals_as_countries)
            after = re.match(r"\s+\w+", query[end:])
            end += after.end() if after else 0
        spans.append((start, end))
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1 and not query[merged[-1][1] : start].strip():
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    phrases = (*(query[a:b] for a, b in merged), *missing)
    return tuple(map(_capital_demonyms, phrases))


def _capital_demonyms(phrase: str) -> str:
    """A place's adjective as English writes it, whatever the reader typed: "malaysian
    companies" -> "Malaysian companies" (a reply echoing "malaysian" reads as a slip)."""
    return re.sub(
        r"(?<![\w'’-])[a-z]+(?![\w'’-])",
        lambda m: m.group(0).capitalize() if is_demonym(m.group(0)) else m.group(0),
        phrase,
    )


# What comes before a role in the reader's words: "the", or whose ("Lenovo's"), with up to
# two words qualifying it ("the AI minister", "Japan's AI minister").
_ROLE_BEFORE_RE = re.compile(
    r"(?:\bthe|(?<![\w'’-])(?!(?:who|what|where|how|it|that|there|he|she|here)['’]s\b)"
    r"[^\W\d_][\w-]*['’]s)\s+(?:[^\W\d_][\w-]*\s+){0,2}$",
    re.IGNORECASE,
)


def _describes(word: str, rest: str) -> bool:
    """Whether `word` is a place's adjective ("Indian") describing the word after it
    ("companies" in "Indian companies use AI"): not a common word ("Indian in AI")."""
    after = re.match(r"\s+(\w+)", rest)
    return (
        after is not None
        and after.group(1).lower() not in STOP_WORDS
        and not is_number(after.group(1))
        and is_demonym(word.split()[-1])  # "Indian", "Southeast Asian"
    )


# Auxiliaries before what is done ("what does the law ban?"), and the verb's form after
# them in an embedded question ("what the law bans"): lemminflect's tags.
_DO_FORMS = {"does": "VBZ", "did": "VBD", "do": ""}
_MODALS = frozenset("will would can could should must".split())
# The question words an embedded question starts with ("The article doesn't say where
# Nigel Lee studied").
_CLAUSE_STARTS = frozenset("who what which how where when".split())
# "how do I apply?", "how can you register?": "how to apply", "how to register".
_HOW_TO = frozenset({"to", "do i", "can i", "do you", "can you", "should i", "would i", "could i"})


def action_clause(query: str, verbs: Sequence[str]) -> str | None:
    """What a question asks is done, as an embedded question in the reader's words, for
    "The article doesn't say ...": "What does Vietnam's AI law ban?" -> "what Vietnam's AI
    law bans"; "Who drafted it?" -> "who drafted it"; "how do I apply?" -> "how to apply".
    verbs: the verbs as the analysis shows them (folded: "ban", "drafted"; "promise" and
    "build" of "promise to build": the first is inflected). None when the question has no
    such wording around them (the caller names the verb alone)."""
    raw = [w.strip('?!.,;:"“”') for w in query.split()]
    raw = [w for w in raw if w]
    low = [fold(w).replace("'", "").replace("’", "") for w in raw]
    while low and is_particle(low[-1]):
        raw, low = raw[:-1], low[:-1]  # "... how to apply ah"
    starts = [i for i, w in enumerate(low) if w in _CLAUSE_STARTS]
    for start in reversed(starts):
        rest, words = raw[start:], low[start:]
        found = [i for i, w in enumerate(words) if i and w in verbs]
        if not found:
            continue
        if words[0] == "who":
            return " ".join(["who", *rest[1:]])
        if words[0] == "how":
            for size in (2, 1):
                if " ".join(words[1 : 1 + size]) in _HOW_TO:
                    return " ".join(["how", "to", *rest[1 + size :]])
            if words[1:2] and words[1] not in _DO_FORMS and words[1] not in _MODALS:
                continue  # "how does X work" reads as "what does X ban" (below)
        # "what does X ban", "which rules will X enforce": the subject before the verb.
        # (and "what country does X ...": the noun asked goes with the question word)
        head = 2 if words[0] == "which" else 1
        if words[0] == "what" and len(words) > 2 and words[1] not in _AUXILIARIES:
            head = 2
        aux = words[head] if len(words) > head else ""
        passive = aux in _COPULAS and words[0] in ("where", "when")
        if aux not in _DO_FORMS and aux not in _MODALS and not passive:
            continue
        at = found[0]
        subject, verb, tail = rest[head + 1 : at], rest[at], rest[at + 1 :]
        if not subject:
            continue
        if passive or aux in _MODALS:  # "where was X born?" -> "where X was born"
            verb = f"{rest[head]} {verb}"
        elif _DO_FORMS[aux]:
            from lemminflect import getInflection  # the lexicon only when a reply needs it

            inflected = getInflection(verb.lower(), tag=_DO_FORMS[aux])
            verb = inflected[0] if inflected else verb
        return " ".join([words[0], *rest[1:head], *subject, verb, *tail])
    return _whether_also(raw, low)


def _whether_also(raw: list[str], low: list[str]) -> str | None:
    """ "Is Acme also building ships or not?" -> "whether Acme is also building ships";
    "does Acme also sell ferries or not" -> "whether Acme also sells ferries"; None
    without "also ... or not"."""
    if "also" not in low or "or" not in low:
        return None
    end = next((i for i in range(len(low) - 1) if low[i : i + 2] == ["or", "not"]), None)
    also = low.index("also")
    if end is None or not 0 < also < end - 1:
        return None
    words, lows = raw[:end], low[:end]
    aux = lows[0]
    if aux in ("is", "are", "was", "were", "has", "have") and also > 1:
        return " ".join(["whether", *words[1:also], words[0].lower(), *words[also:]])
    if aux in _DO_FORMS and also > 1:
        verb = words[also + 1]
        if _DO_FORMS[aux]:
            from lemminflect import getInflection  # the lexicon only when a reply needs it

            inflected = getInflection(verb.lower(), tag=_DO_FORMS[aux])
            verb = inflected[0] if inflected else verb
        return " ".join(["whether", *words[1 : also + 1], verb, *words[also + 2 :]])
    return " ".join(["whether", *words])


def pairs(keywords: list[str]) -> frozenset[tuple[str, str]]:
    """Neighbouring keywords, in either order ("job displacement", "displaced jobs")."""
    after = keywords[1:]
    # min/max and zip run in C: this is on the path of every phrasing at start-up.
    found = set(zip(map(min, keywords, after), map(max, keywords, after), strict=True))
    if len(set(keywords)) < len(keywords):
        found.difference_update((k, k) for k in keywords)  # a word next to itself
    return frozenset(found)


def side_by_side(
    words: Iterable[str], keywords: Callable[[list[str]], list[str]]
) -> frozenset[tuple[str, str]]:
    """The pairs of keywords (sorted) of words that stand side by side, no stop word or
    break ("": where punctuation stood) between them: "how big is the ai market" ->
    {("ai", "market")}. Words are tokens, stop words kept; keywords: the keywords of a run
    of words between two breaks (see :func:`pairs` for the pairs of each run)."""
    found: set[tuple[str, str]] = set()
    run: list[str] = []
    for word in (*words, ""):
        if word and word not in STOP_WORDS:
            run.append(word)
        elif run:
            found |= pairs(keywords(run))
            run = []
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the matcher needs to know about one message.

    ``keywords`` are distinct content keywords in order; ``unknown`` those the knowledge
    base never uses; ``asked`` the constraints; ``shown`` maps a keyword to the (folded)
    word it came from; :meth:`typed` gives that word as the reader typed it. ``context``:
    the keywords that only the sentences before a long message's question sentence give
    (see :func:`message_parts`): what they say of the reader (their job, city, company)
    is no part of what is asked.
    """

    query: str
    words: tuple[str, ...]
    keywords: tuple[str, ...]
    pairs: frozenset[tuple[str, str]]
    unknown: frozenset[str]
    asked: Asked
    shown: Mapping[str, str] = field(default_factory=dict)
    corrections: tuple[tuple[str, str], ...] = ()
    # Where the reader says they are ("Jakarta" in "I work in Jakarta."), as folded words:
    # not among the keywords; a name only when the question leans on it.
    places: tuple[str, ...] = ()
    context: frozenset[str] = frozenset()
    # The keywords of what the reader recalls of the article before a question that only
    # points back at it ("This piece had a figure with a target year attached. What was
    # it?"): the words the article never uses among them weigh less (Matcher._rank).
    recalled: frozenset[str] = frozenset()

    def typed(self, keyword: str) -> str:
        """The reader's own spelling of a keyword's word ("Thailand"), for replies."""
        word = self.shown.get(keyword, keyword)
        for match in _WORD_RE.finditer(self.query):
            if fold(match.group(0)).replace("'", "") == word:
                return match.group(0)
        return word


def joinable_words(words: Iterable[str]) -> frozenset[str]:
    """The words that two neighbouring words (of at least two letters each) are joined into
    ("viet nam" -> "vietnam"), out of an analyzer's known words: long enough and all letters.
    """
    return frozenset(w for w in words if len(w) >= 5 and w.isalpha() and w not in STOP_WORDS)


def joinable_of(surface: Iterable[str], thesaurus: Thesaurus) -> frozenset[str]:
    """The joinable words of an analyzer over this surface and thesaurus (what
    ``Analyzer(thesaurus, surface).joinable`` is), without building one."""
    return joinable_words(chain(surface, thesaurus.words, FOCUS_WORDS))


def join_candidates(words: Sequence[str]) -> Iterator[str]:
    """Every neighbouring pair of tokens written as one word: what :meth:`Analyzer._join`
    looks up among the joinable words. The keywords of a text depend on the knowledge
    base's other words only through which of these are joinable."""
    return map(operator.add, words, islice(words, 1, None))


class Analyzer:
    """Turns text into keywords for one knowledge base; immutable after construction."""

    def __init__(
        self,
        thesaurus: Thesaurus,
        surface: Mapping[str, int],
        names: frozenset[str] = frozenset(),
        countries: frozenset[str] | None = None,
        tokenised: Mapping[str, Sequence[str]] | None = None,
        joins: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        """surface: the knowledge base's words (folded tokens) with their counts;
        names: the article names among its keywords (see :func:`proper_names`);
        countries: what :func:`countries` gives, when kept from before (a compiled matcher
        keeps it, so that a question does not wait for pycountry); read on first need
        when None. tokenised: texts already split by :func:`faqbot.normalise.tokens`
        (text -> its tokens), so that building a matcher splits each text once; joins:
        what :func:`join_candidates` gives for those tokens (text -> a set of them)."""
        self.thesaurus = thesaurus
        self._tokenised: Mapping[str, Sequence[str]] = tokenised or {}
        self._joins: Mapping[str, frozenset[str]] = joins or {}
        self._countries = countries
        self._surface = Counter(surface)
        for word in thesaurus.words | STOP_WORDS | FOCUS_WORDS:
            self._surface[word] += 1
        self._speller = Speller(self._surface)
        # Known words that two words may be joined into (see joinable_words).
        self.joinable = joinable_of(surface, thesaurus)
        self._cache: dict[str, list[str]] = {}
        self._names_like: dict[str, bool] = {}
        self._slips: dict[str, str | None] = {}
        # A word's first letter and its consonants -> the word (see _unvowelled), on need.
        self._skeletons: dict[str, str] | None = None
        self.names = names
        self._name_surfaces: tuple[str, ...] | None = None
        self._name_surface_set: frozenset[str] | None = None  # the same, for lookups
        self._vocabulary: frozenset[str] = frozenset()
        self._contrast_keywords: frozenset[str] = frozenset()
        self._contrast_own: dict[
            tuple[tuple[str, tuple[Signature, ...]], ...], tuple[frozenset[str], ...]
        ] = {}
        self._contrast_sets: tuple[tuple[tuple[str, tuple[Signature, ...]], ...], ...] | None = None
        self._vague: frozenset[str] | None = None
        self._past: frozenset[str] | None = None

    def countries(self) -> frozenset[str]:
        """Folded one-word country and region names (see :func:`countries`)."""
        if self._countries is None:
            self._countries = countries()
        return self._countries

    def set_vocabulary(self, keywords: Iterable[str]) -> None:
        """Tell the analyzer which keywords the entries use (to spot unknown ones)."""
        self._vocabulary = frozenset(keywords)

    def _join(self, words: list[str], candidates: Iterable[str] | None = None) -> list[str]:
        """Join neighbours that the knowledge base writes as one word ("viet nam").
        candidates: what join_candidates(words) gives, when known."""
        joinable = self.joinable
        if joinable.isdisjoint(join_candidates(words) if candidates is None else candidates):
            return words  # most texts: no two neighbours make a known word (checked in C)
        out: list[str] = []
        i = 0
        while i < len(words):
            if (
                i + 1 < len(words)
                and len(words[i]) >= 2
                and len(words[i + 1]) >= 2
                and words[i] + words[i + 1] in joinable
                and not _verb_and_particle(words, i)
            ):
                out.append(words[i] + words[i + 1])
                i += 2
            else:
                out.append(words[i])
                i += 1
        return out

    def surface_words(
        self, text: str, *, correct: bool = True, keep: frozenset[str] = frozenset()
    ) -> tuple[list[str], list[tuple[str, str]]]:
        """Tokens after joins, typo corrections and phrases (stop words kept).

        Words in `keep` (names the reader capitalised) are corrected only by one slip
        towards a word of the knowledge base, and never when they are a country or an English
        word: "Singapre" and "Asain" are typos, "Tencent", "Grab" and "Iraq" are names. A
        word beside one of the knowledge base's names may be a slip of a name too, written
        in lower case ("fredric giron": Frederic), when it is no typo of another word.
        """
        known = self._tokenised.get(text)
        words = self._join(tokens(text) if known is None else list(known), self._joins.get(text))
        corrections: list[tuple[str, str]] = []
        if correct:
            for i, word in enumerate(words):
                if word in STOP_WORDS or word in self._surface:
                    continue  # a known word (the speller's vocabulary): nothing to correct
                if word in keep:
                    fixed = (
                        None
                        if not self._speller.may_correct(word) or word in self.countries()
                        else self._speller.correct(word, max_edits=1) or self._name_slip(word)
                    )
                else:
                    fixed = self._speller.correct(word)
                    if (
                        fixed is None
                        and self._speller.may_correct(word)
                        and self._beside_name(words, i)
                        and word not in self.countries()
                    ):
                        fixed = self._name_slip(word)
                if fixed is None and word not in self._surface:
                    fixed = self._abbreviated(word)  # "msft": Microsoft
                    if fixed is None and word not in keep:
                        fixed = self._unvowelled(word)  # "btwn": between
                if fixed is not None:
                    corrections.append((word, fixed))
                    words[i] = fixed
        return self.thesaurus.fold_phrases(words), corrections

    def _unvowelled(self, word: str) -> str | None:
        """The knowledge base's word that a word of four letters or more writes without its
        vowels, as chat does ("btwn": "between", "mdls": "models", "dvlpmnt":
        "development"): its first letter and then its consonants, in order; the commoner
        when several are (an equal count: none). None for a word with a vowel after its
        first letter, an English word, or one no word of the knowledge base spells so."""
        if len(word) < 4 or not word.isalpha() or _VOWELS.intersection(word[1:]):
            return None
        if word in english_words():
            return None
        if self._skeletons is None:
            counts: dict[str, list[tuple[int, str]]] = {}
            for known, count in self._surface.items():
                if len(known) > 4 and known.isalpha():
                    counts.setdefault(_skeleton(known), []).append((count, known))
            self._skeletons = {
                key: max(found)[1]
                for key, found in counts.items()
                if len(found) == 1 or sorted(found)[-1][0] > sorted(found)[-2][0]
            }
        return self._skeletons.get(word)

    def _abbreviated(self, word: str) -> str | None:
        """The one name of the knowledge base that a word abbreviates by its consonants
        ("msft": "microsoft", "lnv": "lenovo"): its first letter, then the rest in order,
        none a vowel (not "sap", a name of its own, in "singapore"); None for most words.
        Remembered per word, as _name_slip is."""
        if len(word) < 3 or not word.isalpha() or _VOWELS.intersection(word[1:]):
            return None
        key = "\0" + word  # beside _name_slip's words in one memo
        if key in self._slips:
            return self._slips[key]
        found = [
            name
            for name in self._name_surface_words()
            if name[0] == word[0] and len(name) >= len(word) + 2 and _in_order(word[1:], name[1:])
        ]
        result = found[0] if len(found) == 1 and word not in english_words() else None
        if len(self._slips) < 50_000:
            self._slips[key] = result
        return result

    def _name_slip(self, word: str) -> str | None:
        """The knowledge base's name one slip from a capitalised word that is also some
        English or given name: "Fredric" is the article's "Frederic" (one of its names).
        Remembered per word, as _looks_like_name is (a search over every name surface)."""
        if word in self._slips:
            return self._slips[word]
        found = self._find_slip(word)
        if len(self._slips) < 50_000:
            self._slips[word] = found
        return found

    def _beside_name(self, words: list[str], i: int) -> bool:
        """Whether words[i] has one of the knowledge base's names right before or after it
        (its folded surface, as the reader wrote it)."""
        names = self._name_surface_set
        if names is None:
            names = self._name_surface_set = frozenset(self._name_surface_words())
        return (i > 0 and words[i - 1] in names) or (i + 1 < len(words) and words[i + 1] in names)

    def _name_surface_words(self) -> tuple[str, ...]:
        """The knowledge base's words (folded) whose keyword is one of its names."""
        if self._name_surfaces is None:
            self._name_surfaces = tuple(
                w for w in self._surface if w.isalpha() and self.thesaurus.keyword(w) in self.names
            )
        return self._name_surfaces

    def _find_slip(self, word: str) -> str | None:
        """What _name_slip gives, searched for."""
        surfaces = self._name_surface_words()
        from rapidfuzz.distance import DamerauLevenshtein
        from rapidfuzz.process import extractOne

        found = extractOne(word, surfaces, scorer=DamerauLevenshtein.distance, score_cutoff=1)
        return found[0] if found is not None and len(word) >= MIN_NAME_SLIP_LENGTH else None

    def prepare(self) -> None:
        """Build the spelling index now, not on the first typo (see Matcher.prepare)."""
        self._speller.prepare()

    def keywords(self, text: str, *, correct: bool = False) -> list[str]:
        """Content keywords of a text, in order (repeats kept); no typo correction by default."""
        if not correct:
            kept = self._cache.get(text)
            if kept is not None:
                return kept
        words, _ = self.surface_words(text, correct=correct)
        found = self.thesaurus.keywords(filterfalse(STOP_WORDS.__contains__, words))
        if not correct and len(self._cache) < 200_000:
            self._cache[text] = found
        return found

    def analyse(
        self, message: str, *, today: date | None = None, places: Sequence[str] = ()
    ) -> Analysis:
        """Analyse a reader's message (see the module docstring); `today` dates "next year"
        and "in 5 years" (default: the clock's date). Where the reader says they are ("I
        work in Jakarta") is left out (see reader_places), unless the question leans on it
        ("... How much has the government committed?"): then it is a name the answer must
        give. places: where the reader said they are in sentences before this message (the
        question of a longer one), for a question that leans on it. In a long message, the
        words of the sentences before the question that the question does not use are its
        context (see Analysis.context); a question pointing back at what the reader recalls
        of the article ("This piece had a figure with a target year attached. What was it?")
        is analysed with that recollection instead (see message_parts): the words by which
        they point at it ("figure", "year", "several"...) are no keywords, and its "this
        year" is the article's, not counted from today."""
        split = message_parts(message)
        before, question = split.before, split.question
        described = bool(split.described) and self._leans_on_description(split.pointing)
        if described:
            before, question = split.described, split.pointing
        typed_query = f"{before} {question}" if before else question
        # "Is it true that X?", "X, right?": the yes or no "does X?" (see claim_question).
        claimed = claim_question(question)
        question = claimed or question
        query = f"{before} {question}" if before else question
        shown_in = typed_query
        _, here, leaning = self.reader_places(query)
        if places and not leaning:
            leaning = points_to_place(query)
        elif not here and query != message and points_to_place(question):
            # A long message whose question sentence stands alone ("I'm a student in Hanoi
            # and ... How much has my country committed?"): where the reader said they
            # are, in the sentences left out, is what "my country" leans on.
            here = self.reader_places(message)[1]
            leaning = bool(here)
            shown_in = message  # the place as typed, for the reply ("Ho Chi Minh City")
        here = tuple(dict.fromkeys((*places, *here)))
        capitalised = _capitalised(query)
        words, corrections = self.surface_words(question, keep=capitalised)
        # Words the knowledge never uses, once: a capital or another language's word is one.
        foreign = {w for w in words if w not in STOP_WORDS and self._unknown(w)}
        seats: dict[str, str] = {}
        if foreign:  # most questions: none (countryinfo, stopwords-iso read on first need)
            words, seats = self._capitals_as_countries(words, capitalised, foreign)
            words = self._without_mixed_in(words, capitalised, foreign)
        if described:
            # "How did that example work?": what it points at is described before it.
            words = [w for w in words if w not in _PLACEHOLDERS]
        asking = words  # the question sentence's own words
        context: set[str] = set()
        recalled: set[str] = set()
        if before:
            said, fixed = self.surface_words(before, keep=capitalised)
            if described and _leans_back(question):
                # What the reader recalls of the article is what is asked ("What did it
                # say about them?"); the words they recall it with weigh less.
                recalled = {self.thesaurus.keyword(w) for w in said if w not in STOP_WORDS}
            elif not points_at_thing(question):  # "What does it say about them?": it does
                asked_words = {self.thesaurus.keyword(w) for w in words if w not in STOP_WORDS}
                context = {self.thesaurus.keyword(w) for w in said if w not in STOP_WORDS}
                context -= asked_words
            words, corrections = said + words, fixed + corrections
        keywords: list[str] = []
        shown: dict[str, str] = {}
        sequence = []
        demonyms: set[str] = set()
        for i, word in enumerate(words):
            if word in STOP_WORDS or (described and word in _RECALLING):
                continue  # "one figure for this year": the words pointing at what is asked
            keyword = self.thesaurus.keyword(word)
            if (
                keyword not in self._vocabulary
                and (place := self._demonym_place(word))
                and (word in capitalised or not _english_word(word) or _modifies_noun(words, i))
            ):
                # "Thai employees", "the Indian market", "European firms": a place written
                # as its adjective, which the knowledge never writes, is that place (as
                # "Thailand" would be), a name the entry must give.
                demonyms.update((place, keyword))  # the word's own keyword: no subject
                keyword = place
            sequence.append(keyword)
            if keyword not in shown:
                keywords.append(keyword)
                shown[keyword] = word
        for word, seat in seats.items():
            if shown.get(keyword := self.thesaurus.keyword(word)) == word:
                shown[keyword] = seat
        held = self._job_of(words)
        titled = not held and _someones_job(words)
        if held or titled:
            # "giron job title", "what is Lee's occupation?": who the person is (defines),
            # which no entry writes as a job ("job" is employment's keyword here).
            framing = {self.thesaurus.keyword(w) for w in _JOB_WORDS} - set(held)
            keywords = [k for k in keywords if k not in framing]
            sequence = [k for k in sequence if k not in framing]
        unknown = frozenset(k for k in keywords if k not in self._vocabulary)
        names = {k for k in keywords if k in self.names}
        names |= self._unknown_names(capitalised, unknown, shown) | (demonyms & unknown)
        # Where the reader is, is a name only when the question leans on it ("I work in
        # Jakarta. How much has the government committed?"): never "Pasig" in "I work in
        # Pasig, what is Small AI?" (its words still count as words the article never uses).
        for word in here:
            place = self.thesaurus.keyword(word)
            if leaning:
                names.add(place)
                shown.setdefault(place, word)
            elif words.count(word) < 2:  # not named again: "... Singapore's programme?"
                names.discard(place)
        # "What is the GDP of Korea?", "what is Korea's GDP?": the thing asked about is a
        # word the article never uses, so no entry can state it (a name of a thing).
        about = set()
        attributes = set()
        role = asked_role(words)
        for x in _asked_attributes(words):
            if x in _FRAMING or x in _STATEMENT_NOUNS:
                continue  # "the gist of", "the status of": framing; "his advice": his words
            if self.thesaurus.keyword(x) in unknown:
                # A word no entry uses, a thesaurus's own keyword too ("nationality", kept
                # apart from "nation"): no entry states it, whoever it quotes.
                about.add(self.thesaurus.keyword(x))
            elif self.thesaurus.keyword(x) != stem(x) and x != role:
                # A thesaurus synonym ("strategy": plan, roadmap): the knowledge writes it
                # some way, but the entry must ("what is Korea's AI strategy?" is not
                # answered by its $7bn).
                attributes.add(self.thesaurus.keyword(x))
            elif not self._uses(x):
                about.add(x)  # the word itself: its stem is another word's ("authorities")
            elif x != role:
                attributes.add(self.thesaurus.keyword(x))  # a word of the knowledge's
        called = named_thing(words)
        if called is not None:
            # "What is Acme's ferry app called?": a thing the knowledge never writes of,
            # so no entry names it (one naming other things is no answer).
            if self.thesaurus.keyword(called) in unknown:
                about.add(self.thesaurus.keyword(called))
            elif not self._uses(called):
                about.add(called)
        if not _TITLES.isdisjoint(words):
            # "which firm's ceo is quoted?", typed in lower case as often as not: a title
            # the knowledge never writes is asked about, whatever else the question names.
            titles = map(self.thesaurus.keyword, _TITLES.intersection(words))
            about.update(k for k in titles if k not in self._vocabulary)
        if role is not None and self.thesaurus.keyword(role) in names:
            role = None  # "who is Nigel Lee?": a name, not a role
        if role is not None and not self._uses(role):
            # "who is Japan's AI minister?": a role the knowledge never writes.
            keyword = self.thesaurus.keyword(role)
            about.add(keyword if keyword in unknown else role)
        # "North Korea" is not South Korea: a direction before a place is part of its name.
        names |= {
            k
            for k, after in pairwise(sequence)
            if k in COMPASS_WORDS and (after in names or is_place(after))
        }
        denied = denied_words(query)
        stated = years(words)
        # "this year, 2025": a year the reader gives outweighs one counted from today.
        # "this year" and "next year" in what the reader recalls of the article are the
        # article's, not counted from today: only the question sentence's are.
        relative = (
            {}
            if stated
            else relative_years(asking if described else words, (today or date.today()).year)
        )
        if described:
            # What is asked of what the reader recalls: "how large" in "the piece describes
            # how large firms split the work" asks for no figure.
            focus = focus_of(asking) or self._clause_focus(question, capitalised)
        else:
            focus = focus_of(words) or self._clause_focus(query, capitalised)
        actions = self._actions(words, names | demonyms)
        employer = asks_employer(words) if names - self.thesaurus.scope else frozenset()
        if employer:
            # "Who is Giron's employer?": "which company does Giron work for?".
            focus = Focus.ORGANISATION
            employing = employer | frozenset(map(self.thesaurus.keyword, employer))
            about -= employing
            actions -= employing
        if described:
            # "How did that example work?": how what was described works, no deed of its own.
            actions = actions - self._vague_keywords()
        group = self._group(words) if focus is Focus.ORGANISATION else frozenset()
        deed, deed_from = self._group_deed(words) if group else (frozenset(), frozenset())
        # A role the article writes must be its entry's ("who is the director of X?");
        # one it never writes is asked about (above).
        roles = (
            frozenset({self.thesaurus.keyword(role)}) if role and self._uses(role) else frozenset()
        )
        asked_amounts = amounts(words)
        ranking = asks_ranking(words)
        if titled:
            # "what's his job title?": an entry giving someone's role ("Director") answers
            # it, not one about jobs.
            roles = frozenset(map(self.thesaurus.keyword, ROLE_NOUNS))
        asked = Asked(
            years=stated.union(relative),
            amounts=asked_amounts,
            bounds=asked_bounds(words),
            scales=asked_scales(words),
            lengths=durations(words),
            dated=frozenset(
                d for d in dated_figures(words) if d.partition("@")[0] in asked_amounts
            ),
            names=frozenset(names),
            focus=focus,
            units=units(words) | asked_counts(words) | asked_magnitudes(words),
            ranking=ranking,
            ranked_by=self._ranked_by(words) if ranking else frozenset(),
            comparison=asks_comparison(words),
            directions=directions(words),
            about=frozenset(about),
            negated=denied is not None,
            denied=frozenset(map(stem, denied or ())),
            subjects=self._subjects(words, names | demonyms),
            actions=actions,
            attributes=frozenset(attributes - names - self.thesaurus.scope),
            decrease=asks_decrease(words),
            premises=frozenset(map(self.thesaurus.keyword, asked_premises(words)))
            - self.thesaurus.scope
            - names,
            roles=roles,
            defines=self._defines(words) | held | self._described(words, sequence, names),
            said_when=focus is Focus.DATE and asks_when_said(asking if described else words),
            quality=self._quality(words),
            actor=self._actor(words),
            group=group,
            group_deed=deed,
            group_from=deed_from,
            deed_of=self._deed_of(words, names, bool(actions or roles)),
            world=asked_world(words),
            contrasted=self._contrasted(keywords, words),
            said_of=self._said_of(
                words,
                names,
                unknown,
                self._unheard_names(unknown, shown, query) if claimed else frozenset(),
                claim=claimed is not None,
            ),
            quoted=self._quoted(words, names),
            advice=frozenset(map(self.thesaurus.keyword, ADVICE_WORDS))
            if asks_advice(words)
            else frozenset(),
            merit=focus is Focus.REASON and asks_merit(words),
            exact=asks_exact(words, focus),
            topics=self._topics(words, names | demonyms, unknown),
            life=self._life(words, names) if names else frozenset(),
            earlier=(earlier := self._earlier(words, names) if names else frozenset()),
            earlier_marks=self._past_marks() if earlier else frozenset(),
        )
        if "and" in words and _PARTS_RE.search(question):  # "what is X called and when ..."
            pieces = [p for p in _PARTS_RE.split(question) if p.strip()]
            if len(pieces) > 1:
                parts = tuple(self.analyse(p, today=today).asked for p in pieces)
                asked = replace(asked, parts=parts)
        # A keyword folded from the reader's phrase is shown as that phrase ("Southeast
        # Asian", not the thesaurus's "sea"), unless they also wrote the keyword's word.
        typed = self._join(tokens(shown_in))
        for word, phrase in self.thesaurus.phrase_origins(typed).items():
            keyword = self.thesaurus.keyword(word)
            if shown.get(keyword) == word and word not in typed:
                shown[keyword] = phrase
        return Analysis(
            query=shown_in,
            words=tuple(words),
            keywords=tuple(keywords),
            pairs=pairs(sequence),
            unknown=unknown,
            asked=asked,
            shown={**shown, **{year: f"{phrase} ({year})" for year, phrase in relative.items()}},
            corrections=tuple(corrections),
            places=here,
            context=frozenset(context),
            recalled=frozenset(recalled),
        )

    def _vague_keywords(self) -> frozenset[str]:
        """The keywords of _VAGUE_WORDS in this knowledge base's thesaurus."""
        if self._vague is None:
            self._vague = frozenset(map(self.thesaurus.keyword, _VAGUE_WORDS))
        return self._vague

    def _leans_on_description(self, question: str) -> bool:
        """Whether a question sentence asks about what the sentences before it describe:
        it uses no word the knowledge never uses but those that point at a part of a text
        ("What were the three parts?", "Which company was that?"); "Which hotel chains use
        it?" asks about hotel chains, whatever was said before."""
        words, _ = self.surface_words(question)
        return all(
            self.thesaurus.keyword(w) in self._vocabulary
            for w in words
            if w not in STOP_WORDS
            and w not in ASKING_WORDS
            and w not in _POINTERS
            and w not in _VAGUE_WORDS
        )

    def reader_places(self, text: str) -> tuple[str, tuple[str, ...], bool]:
        """Where the reader is, taken out of a message: (the text without it, the place's
        words as folded tokens, whether a question in the text leans on a place).

        A place is what follows "in", "from", "at"... in a clause about the reader ("I work
        in Jakarta", "My cousin lives in Kuala Lumpur", "As a nurse in Cebu"): the run of
        capitalised words there ("Ho Chi Minh City"), or in a message typed in lower case the
        run of words the knowledge never uses. It is a place when it holds a country or
        region, or none of its words is the knowledge's ("I work in AI", "in Finance": no
        place). Where the reader is says nothing about what they ask, unless the question
        leans on it ("How much has the government committed?": see points_to_place).
        """
        if not _PLACE_AFTER_RE.search(text):
            return text, (), False  # most messages: no "in", "from", "at"
        lower = not any(map(str.isupper, text))
        cuts: list[tuple[int, int]] = []
        places: list[str] = []
        leaning = False
        others: list[tuple[str, str]] = []  # the other clauses, with what ends them
        start = 0
        for end, after in [(m.start(), m.group(0)) for m in _READER_CLAUSE_RE.finditer(text)] + [
            (len(text), "")
        ]:
            clause = text[start:end]
            if reader_clause(clause):
                for place in _PLACE_AFTER_RE.finditer(clause):
                    run = self._place_run(clause, place.end(), lower)
                    if run is None:
                        continue
                    cuts.append((start + run[0], start + run[1]))
                    places.extend(tokens(clause[run[0] : run[1]]))
                    rest = clause[run[1] :]  # "i work in jakarta how much has the govt ..."
                    if tokens(rest)[:1] and tokens(rest)[0] in _QUESTION_START:
                        leaning = leaning or points_to_place(rest)
            else:
                others.append((clause, after))
            start = end + len(after)
        if not cuts:
            return text, (), False  # most messages: whether a question leans is not asked
        leaning = leaning or any(
            ((tokens(clause)[:1] and tokens(clause)[0] in _QUESTION_START) or "?" in after)
            and points_to_place(clause)
            for clause, after in others
        )
        for a, b in reversed(cuts):
            text = text[:a] + " " + text[b:]
        return text, tuple(dict.fromkeys(w for w in places if w not in STOP_WORDS)), leaning

    def _place_run(self, clause: str, at: int, lower: bool) -> tuple[int, int] | None:
        """The span of the place that starts at `at` in a clause, if it is one (see
        reader_places)."""
        first = last = -1
        words: list[str] = []
        for found in _WORD_RE.finditer(clause, at):
            raw = found.group(0)
            if clause[(last if last >= 0 else at) : found.start()].strip():
                break  # punctuation between: the place ended
            folded = content_tokens(raw)
            if not folded:
                break
            if lower:
                if not all(self._unknown(w) or w in self.countries() for w in folded):
                    break
            elif not raw[0].isupper():
                break
            first = found.start() if first < 0 else first
            last = found.end()
            words.extend(folded)
        if not words:
            return None
        if any(w in self.countries() for w in words) or all(self._unknown(w) for w in words):
            return first, last
        return None

    def _unknown(self, word: str) -> bool:
        """Whether the knowledge never uses a word (folded), as a keyword."""
        return self.thesaurus.keyword(word) not in self._vocabulary

    def _job_of(self, words: Sequence[str]) -> frozenset[str]:
        """The name keyword whose job a question asks ("giron job title", "what is Lee's
        occupation?": a job word right after one of the article's names, the possessive
        dropped); empty for other questions ("what jobs will go?")."""
        if _JOB_WORDS.isdisjoint(words):
            return frozenset()  # most questions
        for before, word in pairwise(words):
            if word in _JOB_WORDS and before not in _JOB_WORDS:
                keyword = self.thesaurus.keyword(before)
                if (
                    keyword in self.names
                    and keyword not in self.thesaurus.scope
                    and not is_place(keyword)  # "Korea's employers": its firms, no one's job
                ):
                    return frozenset({keyword})
        return frozenset()

    def _defines(self, words: Sequence[str]) -> frozenset[str]:
        """The name keywords a "what is X?" / "who is X?" / "what does X do?" question asks
        to define, when X is only the article's names (the scope aside: "what is Big AI?"
        asks about "big"); empty for any other question ("what is AI sovereignty?", "what
        is the market?")."""
        asked = asked_definition(words)
        if len(asked) > 1 and asked[-1] in ROLE_NOUNS:
            return frozenset()  # "who is Acme's Peru chief?": a role (asked_role), not who Acme is
        keywords = {self.thesaurus.keyword(w) for w in asked}
        if not keywords <= self.names | self.thesaurus.scope:
            return frozenset()  # "what is Japan doing?": more than a name
        return frozenset(keywords - self.thesaurus.scope)

    def _described(
        self, words: Sequence[str], sequence: Sequence[str], names: set[str]
    ) -> frozenset[str]:
        """The names a yes or no asks whether they are what the reader describes them as,
        by a description the thesaurus folds into the name itself ("is Lenovo a hardware
        company?": "hardware company" is how readers name Lenovo, so the question reads
        "is Lenovo Lenovo?"): what it is, which the entry must say (``defines``), not
        only name it. Empty for other questions (most: no name twice, or no "is")."""
        if not words or words[0] not in YES_NO_START or _COPULAS.isdisjoint(words):
            return frozenset()
        twice = {k for k in names if sequence.count(k) > 1}
        return frozenset(twice - self.thesaurus.scope)

    def _subjects(self, words: Sequence[str], names: set[str]) -> frozenset[str]:
        """The keywords of what a question asks a figure of, and of a detail it asks for
        that the knowledge never writes (see :func:`faqbot.constraints.asked_subjects`
        and :func:`~faqbot.constraints.asked_details`), but the article's scope and names."""
        counted = [self.thesaurus.keyword(w) for w in (*asked_subjects(words), *compared_on(words))]
        details = [
            self.thesaurus.keyword(w)
            for w in (*asked_details(words), *asked_contents(words))
            if not self._uses(w)
        ]
        scope = self.thesaurus.scope
        return frozenset(k for k in (*counted, *details) if k not in scope and k not in names)

    def _topics(
        self, words: Sequence[str], names: set[str], unknown: frozenset[str]
    ) -> frozenset[str]:
        """The keywords of what a question asks about in English's topic places (see
        :func:`faqbot.constraints.asked_topics`), and what a counted group does when the
        knowledge never uses that word (:func:`~faqbot.constraints.counted_deed`: "trust",
        not "rely on", a paraphrase of "use"), but the article's scope and names, years, the
        whole world (the REGION gap's) and words that frame what is asked."""
        keyword = self.thesaurus.keyword
        found = [keyword(w) for w in asked_topics(words) if w not in _NOT_TOPICS]
        if names and not _PERSONAL_DETAILS.isdisjoint(words):
            # "Nigel Lee's background", "Giron's age": a detail of someone (or some firm)
            # that only an entry writing it gives.
            found += [keyword(w) for w in words if w in _PERSONAL_DETAILS]
        found += [k for k in map(keyword, counted_deed(words)) if k in unknown]
        scope = self.thesaurus.scope
        return frozenset(k for k in found if k not in scope and k not in names and not years((k,)))

    def _ranked_by(self, words: Sequence[str]) -> frozenset[str]:
        """The keywords of the quality a ranking question asks by, in every degree (see
        :func:`faqbot.constraints.ranked_quality`); empty when it asks by none."""
        quality = ranked_quality(words)
        if quality is None:
            return frozenset()
        return frozenset(map(self.thesaurus.keyword, degree_forms(quality)))

    def _earlier(self, words: Sequence[str], names: set[str]) -> frozenset[str]:
        """The keywords of what a question asks someone named did before the article's time
        (see :func:`faqbot.constraints.past_deeds`); empty for other questions (most)."""
        keyword = self.thesaurus.keyword
        return frozenset(map(keyword, past_deeds(words, lambda w: keyword(w) in names)))

    def _past_marks(self) -> frozenset[str]:
        """The keywords of PAST_MARKERS in this knowledge base's thesaurus."""
        if self._past is None:
            self._past = frozenset(map(self.thesaurus.keyword, PAST_MARKERS))
        return self._past

    def _life(self, words: Sequence[str], names: set[str]) -> frozenset[str]:
        """The keywords of what a question asks someone named did in their own life (see
        :func:`faqbot.constraints.life_events`: "where did Nigel Lee study?" ->
        {"studi"}); empty for other questions (most)."""
        keyword = self.thesaurus.keyword
        return frozenset(map(keyword, life_events(words, lambda w: keyword(w) in names)))

    def _actions(self, words: Sequence[str], names: set[str]) -> frozenset[str]:
        """The keywords of what a question asks is done (see
        :func:`faqbot.constraints.asked_action`), but the article's scope and names."""
        found = (self.thesaurus.keyword(w) for w in (*asked_action(words), *asked_ceasing(words)))
        scope = self.thesaurus.scope
        return frozenset(k for k in found if k not in scope and k not in names)

    def _deed_of(self, words: Sequence[str], names: set[str], deed: bool) -> frozenset[str]:
        """The names a who-question asks a deed or role of ("who backs Meta?", "who is
        Meta's backer?" -> {"meta"}), but the article's scope; empty for other questions
        (most) and for who-questions asking no deed nor role the article writes."""
        if not deed or not words or words[0] not in _WHO:
            return frozenset()
        return frozenset(names - self.thesaurus.scope)

    def _group_deed(self, words: Sequence[str]) -> tuple[frozenset[str], frozenset[str]]:
        """The keywords of what a "which companies ...?" question asks of them and of the
        words after it (see :func:`faqbot.constraints.group_deed`), but the scope's."""
        deed, after = group_deed(words)
        keyword, scope = self.thesaurus.keyword, self.thesaurus.scope
        found = frozenset(keyword(w) for w in deed) - scope
        return found, frozenset(keyword(w) for w in after) - scope - found

    def _group(self, words: Sequence[str]) -> frozenset[str]:
        """The keyword of the kind of organisation a "which ...?" question asks for (see
        :func:`faqbot.constraints.asked_group`); empty for others."""
        found = asked_group(words)
        return frozenset({self.thesaurus.keyword(found)}) if found else frozenset()

    def _actor(self, words: Sequence[str]) -> frozenset[str]:
        """The keywords of whom a question asks a deed of (see
        :func:`faqbot.constraints.deed_actor`), but the article's scope: "AI also used in
        X or not?" asks of what every entry is about. How something works is asked of it
        even so ("how does AI work for X?": AI, as the entry must say it works)."""
        found = {self.thesaurus.keyword(w) for w in deed_actor(words)}
        own = frozenset(found - self.thesaurus.scope)
        return own if own or "also" in words else frozenset(found)

    def _quality(self, words: Sequence[str]) -> frozenset[str]:
        """The keywords of the quality a question asks how far it goes ("how accurate":
        "accurate", "accuracy"...), as the knowledge may write it; empty for others."""
        word = asked_quality(words)
        if word is None:
            return frozenset()
        return frozenset(self.thesaurus.keyword(form) for form in quality_forms(word))

    def _clause_focus(self, query: str, capitalised: frozenset[str]) -> Focus | None:
        """The focus of the first clause that has one, when the message has several ("Quick
        one: when did Vietnam pass its law?", "Hi. So, when was it passed? Thanks")."""
        if not _may_divide(query):
            return None  # most questions: marks only at the end, one clause (not split)
        clauses = [c for c in _FOCUS_CLAUSE_RE.split(query) if c.strip()]
        if len(clauses) < 2:
            return None
        for clause in clauses:
            focus = focus_of(self.surface_words(clause, keep=capitalised)[0])
            if focus is not None:
                return focus
        return None

    def _uses(self, word: str) -> bool:
        """Whether the knowledge base writes this word, or its singular or plural: "author"
        is not written where only "authorities" is (one stem, another word)."""
        forms = {word, word + "s", word + "es", word.removesuffix("s"), word.removesuffix("es")}
        if word.endswith("y"):
            forms.add(word[:-1] + "ies")
        if word.endswith("ies"):
            forms.add(word[:-3] + "y")
        written = [form for form in forms if form in self._surface]
        if not self._vocabulary:
            return bool(written)
        # As the knowledge writes it, not only inside a compound of another meaning: an
        # article writing "fine" only in "fine-tune" (folded into one keyword by its
        # thesaurus) writes no "fines" (what the surface words alone cannot tell).
        return any(self.thesaurus.keyword(form) in self._vocabulary for form in written)

    def _quoted(self, words: Sequence[str], names: set[str]) -> Quoted | None:
        """Whoever named a question asks what they say (see Quoted); None for others."""
        speaker = {self.thesaurus.keyword(w) for w in asked_speaker(words)}
        speaker &= names - self.thesaurus.scope
        if not speaker:
            return None
        saying = frozenset(self.thesaurus.keyword(w) for w in SAYING_WORDS)
        # What they are asked about: its content words (one the knowledge never uses no
        # statement speaks of: "chip exports"), but for the article's scope ("AI"), the
        # speaker and words that frame it ("the future of").
        topic = {
            self.thesaurus.keyword(w)
            for w in asked_topic(words)
            if w not in STOP_WORDS and w not in _FRAMING
        }
        topic -= self.thesaurus.scope | speaker
        return Quoted(frozenset(speaker), saying, frozenset(topic))

    def _unheard_names(
        self, unknown: frozenset[str], shown: Mapping[str, str], text: str
    ) -> frozenset[str]:
        """The keywords the knowledge never uses that name something: written with a capital
        after the text's first word ("at Gartner", which _capitalised leaves to the places
        of the reader), or no English word ("Tencent")."""
        typed = text.split()[1:]
        return frozenset(
            k
            for k in unknown
            if not is_number(shown[k])
            and (
                any(w[:1].isupper() and w.casefold().startswith(shown[k]) for w in typed)
                or self._looks_like_name(shown[k])
            )
        )

    def _said_of(
        self,
        words: Sequence[str],
        names: set[str],
        unknown: frozenset[str],
        unheard_names: frozenset[str] = frozenset(),
        *,
        claim: bool = False,
    ) -> SaidOf | None:
        """A yes or no on what something named does or is (see SaidOf): "is Acme also
        building ships?", "does Acme sell ferries?", "Acme also got a port or not?" (the
        name first after the verb, or before "also"); None for other questions."""
        if not words or (words[0] not in YES_NO_START and "also" not in words):
            return None  # most questions
        content = [w for w in words if not is_particle(w)]
        if content[-2:] == ["or", "not"]:
            content = content[:-2]
        at = 1 if content[:1] and content[0] in YES_NO_START else 0
        while at < len(content) and content[at] == "the":
            at += 1
        keyword = self.thesaurus.keyword
        scope = self.thesaurus.scope
        subject: list[str] = []
        # A claim may be of a kind the article sets against another ("Small AI is general
        # purpose, right?"), said of it as of a name.
        kinds = self._contrast_keywords if claim else frozenset()
        while at < len(content) and content[at] not in STOP_WORDS:
            key = keyword(content[at])
            if (key not in names and key not in kinds) or key in scope:
                break
            subject.append(key)
            at += 1
        rest = content[at:]
        also = "also" in rest[:1]
        if not subject or (not also and content[0] not in YES_NO_START):
            return None
        if content[0] not in YES_NO_START and not WH_WORDS.isdisjoint(rest):
            return None  # "Japan also got a plan, focus on what?": a question of its own
        predicate = {keyword(w) for w in rest if w not in STOP_WORDS}
        predicate -= scope | set(subject)
        if not predicate:
            return None
        lead = next(
            (
                k
                for w in rest
                if w not in STOP_WORDS and w not in LEAD_IN_WORDS and (k := keyword(w)) in predicate
            ),
            None,
        )
        unheard = predicate & unknown
        # A claim of someone or some firm named, not of a kind ("small businesses cannot
        # afford AI, right?" may be answered by what they can do), is held to all it says
        # (see SaidOf.claim), but for its deed in the reader's own verb ("Singapore runs
        # SkillsFuture, right?" of "... through its SkillsFuture programme").
        strict = claim and names.issuperset(subject)
        if strict:
            deed = next((w for w in rest if w not in STOP_WORDS and w not in LEAD_IN_WORDS), "")
            unheard.discard(keyword(deed))
            # "Giron recommends designing for ...": what is said, not the verb of saying.
            saying = {keyword(w) for w in rest if w in LEAD_IN_WORDS or w in SAYING_WORDS}
            predicate -= saying
            unheard -= saying
        return SaidOf(
            frozenset(subject),
            frozenset(predicate - unknown),
            also,
            frozenset(unheard),
            frozenset(predicate & unheard_names),
            # A claim turns on its deed; a question may paraphrase it ("is China trying to
            # replace Western models?" of its "alternatives to Western models").
            lead if claim and lead not in unknown else None,
            frozenset(predicate & names - unknown) if claim else frozenset(),
            self.names,
            strict,
        )

    def _contrasted(self, keywords: Sequence[str], words: Sequence[str]) -> tuple[Contrasted, ...]:
        """The thesaurus's contrast sets of which the question names a kind (not all): by one
        of its phrases, a keyword or two that stand side by side ("small AI model": Small
        AI; not "how big is the AI market": "big" there is no kind). Words: the question's,
        stop words kept."""
        found: list[Contrasted] = []
        sets = self._contrasts()
        if not sets or self._contrast_keywords.isdisjoint(keywords):
            return ()  # most questions: no word of any kind
        neighbours = self._side_by_side(words)
        # "how big is the small AI market": a word after "how" is a measure, no kind's.
        measures = {self.thesaurus.keyword(b) for a, b in pairwise(words) if a == "how"}
        kinds_written = [k for k in keywords if k not in measures] if measures else keywords
        for kinds in sets:
            named = [
                any(s in neighbours if isinstance(s, tuple) else s in keywords for s in signs)
                for _, signs in kinds
            ]
            if not any(named) or all(named):
                continue
            # "big or small": a kind's own word without its phrase is still that kind.
            if any(
                not yes and not own.isdisjoint(kinds_written)
                for yes, own in zip(named, self._contrast_own[kinds], strict=True)
            ):
                continue
            chosen = [kind for kind, yes in zip(kinds, named, strict=True) if yes]
            rest = [kind for kind, yes in zip(kinds, named, strict=True) if not yes]
            found.append(
                Contrasted(
                    names=tuple(name for name, _ in chosen),
                    asked=tuple(chain.from_iterable(signs for _, signs in chosen)),
                    others=tuple(chain.from_iterable(signs for _, signs in rest)),
                )
            )
        return tuple(found)

    def _side_by_side(self, words: Sequence[str]) -> frozenset[tuple[str, str]]:
        """The pairs of keywords of the question's words that stand side by side (see
        :func:`side_by_side`)."""
        return side_by_side(words, self.thesaurus.keywords)

    def _contrast_words(
        self, kinds: tuple[tuple[str, tuple[Signature, ...]], ...]
    ) -> tuple[frozenset[str], ...]:
        """Each kind's own words: those of its phrases that no other kind of its set uses,
        the scope left out ("small", "task"; not "model" or "ai")."""
        words = [
            frozenset(chain.from_iterable((s,) if isinstance(s, str) else s for s in signs))
            - self.thesaurus.scope
            for _, signs in kinds
        ]
        return tuple(
            own - frozenset().union(*(other for j, other in enumerate(words) if j != i))
            for i, own in enumerate(words)
        )

    def _contrasts(self) -> tuple[tuple[tuple[str, tuple[Signature, ...]], ...], ...]:
        """The thesaurus's contrast sets, read once: per kind its name and its phrases as
        signatures (one keyword, or a sorted pair of neighbours)."""
        if self._contrast_sets is None:
            self._contrast_sets = tuple(
                tuple(
                    (name, tuple(p[0] if len(p) == 1 else (min(p), max(p)) for p in phrases))
                    for name, phrases in contrast
                )
                for contrast in self.thesaurus.contrast_keywords()
            )
            self._contrast_own = {k: self._contrast_words(k) for k in self._contrast_sets}
            self._contrast_keywords = (
                frozenset(
                    w
                    for kinds in self._contrast_sets
                    for _, signs in kinds
                    for sign in signs
                    for w in ((sign,) if isinstance(sign, str) else sign)
                )
                - self.thesaurus.scope
            )  # each kind's phrase has a word beside "AI"
        return self._contrast_sets

    def _without_mixed_in(
        self, words: list[str], capitalised: frozenset[str], unknown: set[str]
    ) -> list[str]:
        """The words without those of another language of the region mixed into the
        question ("ano ang ginagawa ng Singapore sa AI?": Tagalog's "doing"; "macam mana
        kerajaan asia handle AI": Malay's "how" and "government"): function words of
        Tagalog, Malay and Indonesian (see :func:`regional_function_words`) that are no
        English word and no word of the knowledge, when the message has two of them at
        least (one alone may be a name or a typo). They had read as unknown names the
        article never mentions. A word written with a capital stays. unknown: the words the
        knowledge never uses."""
        listed = _regional_stopwords()
        if unknown.isdisjoint(listed) or sum(w in listed for w in words) < 2:
            return words  # most messages with an unknown word (a name, a place)
        regional = regional_function_words()
        if sum(w in regional for w in words) < 2:
            return words
        dropped = {w for w in unknown if w in regional and w not in capitalised}
        return [w for w in words if w not in dropped] if dropped else words

    def _capitals_as_countries(
        self, words: list[str], capitalised: frozenset[str], unknown: set[str]
    ) -> tuple[list[str], dict[str, str]]:
        """The words with a capital the knowledge never uses read as its country's name,
        as news writes a government by its seat: "Seoul pledged how much?", "Beijing's
        approach" ask of South Korea and China (countryinfo's capitals, see
        :func:`capital_countries`). Not where it is a place ("startups in Bangkok": the
        city, which the article may not cover), nor a capital that is an English word
        written in lower case ("male", "victoria"). Also each country word -> the capital
        the reader wrote, to name it in a reply ("... nothing about Pyongyang"). unknown:
        the words the knowledge never uses (a capital it uses is its own)."""
        if unknown <= self.countries():
            return words, {}  # a country is no capital ("Thailand"): countryinfo not read
        capitals = capital_countries()
        if unknown.isdisjoint(capitals):
            return words, {}
        out: list[str] = []
        seats: dict[str, str] = {}
        for i, word in enumerate(words):
            country = capitals.get(word)
            if (
                country is None
                or word not in unknown
                or (i and words[i - 1] in _LOCATIVES)
                or (word not in capitalised and _english_word(word))
            ):
                out.append(word)
            else:
                out.extend(country)
                seats.update(dict.fromkeys(country, word))
        return out, seats

    def _demonym_place(self, word: str) -> str | None:
        """The keyword of the place whose adjective a word is ("thai": "thailand"), or
        None (most words: a number, a short word or no demonym)."""
        if len(word) < 3 or not word.isalpha():
            return None
        key = "\1" + word  # beside _name_slip's words in one memo
        if key in self._slips:
            return self._slips[key]
        place = place_of_demonym(word)
        found = self.thesaurus.keyword(place) if place is not None else None
        if len(self._slips) < 50_000:
            self._slips[key] = found
        return found

    def _unknown_names(
        self, capitalised: frozenset[str], unknown: frozenset[str], shown: Mapping[str, str]
    ) -> set[str]:
        """Unknown keywords that name something: capitalised, a country, or not a word."""
        names = set()
        for keyword in unknown:
            word = shown[keyword]
            if is_number(word) or len(word) < 3:
                continue
            if word in capitalised or word in self.countries() or self._looks_like_name(word):
                names.add(keyword)
        return names

    def _looks_like_name(self, word: str) -> bool:
        """:func:`_name_like`, remembered per word: a word that is not English costs about
        50 us, and names and typos recur ("Tencent")."""
        found = self._names_like.get(word)
        if found is None:
            found = _name_like(word, self.countries)
            if len(self._names_like) < 50_000:
                self._names_like[word] = found
        return found


def _name_like(word: str, countries: Callable[[], frozenset[str]]) -> bool:
    """A word that is neither English nor one typing slip away from English ("Tencent" is
    a name; "pased" and "nmae" are typos) or one slip away from a country ("indonesa")."""
    if len(word) < 4 or not word.isalpha() or word in english_words():
        return False
    nearby = one_edit(word)
    if nearby & countries():
        return True
    return not nearby & english_words()


_VOWELS = frozenset("aeiou")


# The particles of phrasal verbs that English also writes joined as a noun ("take away"
# and "takeaway", "pay back" and "payback", "start up" and "startup").
_PARTICLES = frozenset("up down off out over away back through".split())


def _verb_and_particle(words: Sequence[str], i: int) -> bool:
    """Whether words[i] and the particle after it are a phrasal verb with its object ("will
    AI take away jobs", "take away my job", "start up a firm"), not the noun they join into
    ("the main take away", "the take away from it", "how soon does it pay back?"): a
    determiner or a word that is no stop word follows them."""
    if words[i + 1] not in _PARTICLES or i + 2 >= len(words):
        return False
    after = words[i + 2]
    return after in _DETERMINERS or (after not in STOP_WORDS and after.isalpha())


# Words that open a noun phrase (a verb's object): English grammar.
_DETERMINERS = frozenset(
    "a an the my your our their his her its this that these those some any all many most".split()
)


def _skeleton(word: str) -> str:
    """A word's first letter and the letters after it that are not vowels ("models":
    "mdls"), as chat abbreviates words."""
    return word[0] + "".join(ch for ch in word[1:] if ch not in _VOWELS)


def _in_order(letters: str, word: str) -> bool:
    """Whether the letters appear in the word in this order (not necessarily together)."""
    rest = iter(word)
    return all(letter in rest for letter in letters)


def _capitalised(text: str) -> frozenset[str]:
    """Folded words that look like names: a capital after the start of their sentence
    ("Tencent"; not after a preposition of place: "in Manila"), or inside ("iPhone")."""
    if text[1:].islower() or not any(map(str.isupper, text[1:])):
        return frozenset()  # most readers type in lower case: nothing to look for
    found: set[str] = set()
    for sentence in split_at_ends(_SENTENCE_RE, text):
        words = _WORD_RE.findall(sentence)
        for i, raw in enumerate(words):
            if raw.islower():
                continue  # most words have no capital at all
            pronoun = raw == "I" or raw.startswith(("I'", "I\u2019"))
            inner_capital = any(map(str.isupper, raw[1:])) and not raw.isupper()
            if inner_capital or (
                i > 0
                and raw[0].isupper()
                and not pronoun
                and words[i - 1].casefold() not in _LOCATIVE
            ):
                found.update(tokens(raw))  # "Tencent", and "iPhone" anywhere
    return frozenset(found - STOP_WORDS)
