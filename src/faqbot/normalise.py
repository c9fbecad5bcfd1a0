"""Language-generic normalisation: readers' spellings, numbers and chat style made comparable.

Everything here holds for any English article: Unicode and diacritic folding (anyascii),
currency, magnitude and percent forms, British/American spelling, chat abbreviations and
regional discourse particles, stop words, and Snowball stemming (PyStemmer). What belongs
to one article (its synonyms and multi-word names) lives in that article's thesaurus file
and is applied by :class:`faqbot.analysis.Analyzer`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain

import Stemmer
from anyascii import anyascii

# Words that appear in almost every question; keeping them makes all questions look alike.
# Besides function words: question framing ("according to the article") and filler that
# readers add around a question, and regional discourse particles (Singlish, Malaysian,
# Filipino English: "lah", "leh", "lor", "meh", "po"...).
STOP_WORDS = frozenset(
    """
    a about above after again all also am an and any anyone anything are aren arent as at
    be because been before being between both but by can cant could couldnt did didnt do
    does doesnt doing done dont down during each either else ever few for from further get
    gets getting got had has have having he her here hers him his how i id if im in into is
    isnt it its itll ive just know let lets like me might more most much must my myself no
    nor not now of off on once only or other our ours out over own please really said say
    says same she should shouldnt so some such tell than that thats the their theirs them
    then there these they theyre thing things this those through to too under until up us
    very want was wasnt way we were what whats when where which while who whom whose why
    will with wont would wouldnt you your yours yourself hi hey hello ok okay thanks thank
    pls plz many going gonna wanna yes yeah yep sure
    actually basically exactly kind sort type stuff something somebody someone lot lots bit
    everything everyone everybody anybody nothing nobody refer refers referring
    mean guess think thinks thought wonder wondering curious anyway anyways honestly
    remember remembered recall recalled vaguely supposed suppose supposedly
    article articles piece story report according mention mentions mentioned mentioning
    explain describe talk talks regarding specifically especially vs versus per paragraph
    within toward among upon via amid throughout others
    paragraphs opening closing section sections heading headings subheading chapter
    faq faqs sidebar sidebars infographic callout
    lah leh lor meh hor ah ar sia wor mah liao geh la ya po ba eh one isit izit
    aiyo aiyoh aiya aiyah alamak walao wah yaar bhai guy guys dude fella bloke
    lol lmao haha hehe omg nvm jk ngl
    na ng yung lang naman diba kasi talaga nga pala daw raw sige opo ang sa mga nag
    ba ito iyan yan
    """.split()
)

# The question words, as tokens() gives them: "what's" is "whats", "who's" "whos"; chat
# spellings are expanded before ("wat", "wats", "hw": "what", "what is", "how"). Sets of
# question words elsewhere are this one, or part of it with what else they need.
WH_WORDS = frozenset("what whats which who whos whom whose when where why how".split())

# Chat shorthand readers type, expanded to the words they stand for (generic English).
CHAT: dict[str, tuple[str, ...]] = {
    "wat": ("what",),
    "wats": ("what", "is"),
    "wht": ("what",),
    "wut": ("what",),
    "whts": ("what", "is"),
    "hw": ("how",),
    "amt": ("amount",),
    "amts": ("amounts",),
    # Malay question words in Malaysian and Singaporean English ("berapa korea invest").
    "berapa": ("how", "much"),
    "bila": ("when",),
    "siapa": ("who",),
    "kenapa": ("why",),
    # Places as readers in the region shorten them.
    "msia": ("malaysia",),
    "phils": ("philippines",),
    "hwo": ("how",),
    "whn": ("when",),
    "wen": ("when",),
    "whr": ("where",),
    "mch": ("much",),
    "mny": ("many",),
    "hws": ("how", "is"),
    "r": ("are",),
    "u": ("you",),
    "ur": ("your",),
    "y": ("why",),
    "abt": ("about",),
    "abit": ("a", "bit"),
    "govt": ("government",),
    "govts": ("governments",),
    "gov": ("government",),
    "govs": ("governments",),
    "gvt": ("government",),
    "ppl": ("people",),
    "smth": ("something",),
    "sth": ("something",),
    "pls": ("please",),
    "plz": ("please",),
    "thx": ("thanks",),
    "tnx": ("thanks",),
    "bc": ("because",),
    "cuz": ("because",),
    "coz": ("because",),
    "b4": ("before",),
    "tho": ("though",),
    "w": ("with",),
    "wo": ("without",),
    "n": ("and",),
    "nd": ("and",),
    "d": ("the",),
    "da": ("the",),
    "dat": ("that",),
    "dis": ("this",),
    "im": ("i", "am"),
    "co": ("company",),
    "cos": ("companies",),
    "biz": ("business",),
    "intl": ("international",),
    "natl": ("national",),
    "mgmt": ("management",),
    "mkt": ("market",),
    "mkts": ("markets",),
    "econ": ("economy",),
    "info": ("information",),
    "yr": ("year",),
    "yrs": ("years",),
    "mths": ("months",),
    "mos": ("months",),
    "pct": ("percent",),
    "approx": ("approximately",),
    "bout": ("about",),
    "abut": ("about",),
    "wif": ("with",),
    "wid": ("with",),
    "dun": ("do", "not"),
    "dont": ("do", "not"),
    "gd": ("good",),
    "cud": ("could",),
    "shud": ("should",),
    "wud": ("would",),
    "thru": ("through",),
    "hv": ("have",),
    "hav": ("have",),
    "hw2": ("how", "to"),
    "becuz": ("because",),
    "bcoz": ("because",),
    "bcos": ("because",),
    "l8r": ("later",),
    "gr8": ("great",),
    "tmr": ("tomorrow",),
    "tmrw": ("tomorrow",),
    "2day": ("today",),
    "2moro": ("tomorrow",),
    "pic": ("picture",),
    "msg": ("message",),
    "dept": ("department",),
    "govmt": ("government",),
    "goverment": ("government",),
    "tech": ("technology",),
    "lemme": ("let", "me"),
    "gimme": ("give", "me"),
    "dunno": ("do", "not", "know"),
    "kinda": ("kind", "of"),
    "sorta": ("sort", "of"),
    "alot": ("a", "lot"),
    "jus": ("just",),
    "juz": ("just",),
    "oso": ("also",),
    "liddat": ("like", "that"),
    "wanna": ("want", "to"),
    "gonna": ("going", "to"),
    "gotta": ("have", "to"),
    "rly": ("really",),
    "rlly": ("really",),
    "srsly": ("seriously",),
    "wrk": ("work",),
    "wil": ("will",),
    "cn": ("can",),
    "tht": ("that",),
    "bcs": ("because",),
    "bcz": ("because",),
    "shd": ("should",),
    "cld": ("could",),
    "wld": ("would",),
    "pple": ("people",),
    "ty": ("thanks",),
    "tq": ("thanks",),
    "thnx": ("thanks",),
    "thanx": ("thanks",),
    "diff": ("difference",),
    "smol": ("small",),
    "lil": ("little",),
    "mil": ("million",),
    "mln": ("million",),
    "bil": ("billion",),
    "bln": ("billion",),
    "wks": ("weeks",),
    "hrs": ("hours",),
    "mfg": ("manufacturing",),
    "mktg": ("marketing",),
    "govnt": ("government",),
    "gvmt": ("government",),
    "re": ("regarding",),
    # Tagalog question words in Filipino English ("ano po yung goal ng Big AI?", "magkano
    # po yung market?", "sino nag-back sa OpenAI?").
    "ano": ("what",),
    "sino": ("who",),
    "magkano": ("how", "much"),
    "ilan": ("how", "many"),
    "paano": ("how",),
    "pano": ("how",),
    "kailan": ("when",),
    "saan": ("where",),
    "bakit": ("why",),
    "np": (),
    "fyi": (),
    "asap": (),
    "aka": (),
    "etc": (),
    "tbh": (),
    "btw": (),
    "imo": (),
    "imho": (),
    "idk": (),
}

# A standalone 2 or 4 is "to" or "for" in chat ("how long 2 build", "wat 4"), unless it
# counts something: followed by a unit or preceded by a word that introduces a number.
_CHAT_DIGITS = {"2": "to", "4": "for"}
_COUNTED = frozenset(
    """
    year years month months week weeks day days hour hours minute minutes percent times
    thousand million billion trillion usd eur gbp jpy krw x people countries companies
    firms models entries patterns sections ways things points
    """.split()
)
_NUMBER_BEFORE = frozenset(
    """
    top the of in about over under than by from only just first last around nearly almost
    these those and or with has have had are were is was be take takes took next every
    which what how many whole all past
    """.split()
)

# British and American spellings: the few words not covered by the patterns below.
_SPELLING = {
    "programme": "program",
    "programmes": "programs",
    "whilst": "while",
    "amongst": "among",
    "towards": "toward",
    "catalogue": "catalog",
    "dialogue": "dialog",
    "defence": "defense",
    "licence": "license",
    "offence": "offense",
    "ageing": "aging",
    "maths": "math",
    "enrol": "enroll",
    "fulfil": "fulfill",
    "skilful": "skillful",
    "grey": "gray",
    "tyre": "tire",
    "cheque": "check",
    "jewellery": "jewelry",
    "mould": "mold",
    "plough": "plow",
    "storey": "story",
}
# -ise/-isation verbs meet their -ize spelling; a closed list of stems avoids "rise", "wise".
_ISE_STEMS = """
    monopol democrat special optim organ prior real recogn util summar emphas epitom
    modern industrial central standard author capital character custom digit legal maxim
    minim mobil national privat subsid critic apolog categor commerc global harmon
    incentiv local mechan memor normal penal popular stabil strateg symbol synthes visual
    person commodit computer econom galvan hospital immun individual institution
    internation jeopard marginal monet neutral operation organ revolution sanit scrutin
    tokeni vapor weapon
""".split()
_ISE_RE = re.compile(
    r"\b(" + "|".join(sorted(set(_ISE_STEMS))) + r")is(e|es|ed|ing|ation|ations|er|ers)\b"
)
_OUR_RE = re.compile(
    r"\b(fav|lab|behavi|col|hon|neighb|harb|flav|rum|hum|vap|endeav|sav|vig|arm|rig|cand)"
    r"our(s|ed|ing|ite|ites|able|er|ers|ful)?\b"
)
_TRE_RE = re.compile(r"\b(cen|met|thea|lit|fib|calib|spec)tre(s|d)?\b")
_YSE_RE = re.compile(r"\b(anal|paral|catal|hydrol)ys(e|es|ed|ing)\b")
_LL_RE = re.compile(
    r"\b(travel|model|cancel|label|fuel|signal|level|channel|counsel|funnel|tunnel|marvel)"
    r"l(ed|ing|er|ers)\b"
)

_CURRENCY = {"$": " usd ", "us$": " usd ", "€": " eur ", "£": " gbp ", "¥": " jpy ", "₩": " krw "}
_CURRENCY_RE = re.compile(r"us\$|US\$|[$€£¥₩]")
_MAGNITUDE = {
    "k": "thousand",
    "thousand": "thousand",
    "thousands": "thousand",
    "m": "million",
    "mn": "million",
    "mln": "million",
    "mil": "million",
    "million": "million",
    "millions": "million",
    "b": "billion",
    "bn": "billion",
    "bil": "billion",
    "billion": "billion",
    "billions": "billion",
    "t": "trillion",
    "tn": "trillion",
    "trillion": "trillion",
    "trillions": "trillion",
}
_CURRENCIES = frozenset({"usd", "eur", "gbp", "jpy", "krw"})
_MAGNITUDE_WORDS = frozenset(_MAGNITUDE.values())
_THOUSANDS_RE = re.compile(r"(?<=\d),(?=\d{3}\b)")
_PERCENT_RE = re.compile(r"%")
_POSSESSIVE_RE = re.compile(r"['`]s\b")
_APOSTROPHE_RE = re.compile(r"['`]")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
# Emoji and pictographs (Unicode's Miscellaneous Symbols, Dingbats and the emoji planes,
# with the joiner and presentation selectors), less the regional indicators of flags.
PICTOGRAPH_RE = re.compile(
    "[\u2600-\u27bf\U0001f000-\U0001f1e5\U0001f200-\U0001faff\u200d\ufe0e\ufe0f]"
)
_TOKEN_RE = re.compile(r"\d+(?:\.\d+)?|[a-z]+")

_STEMMER = Stemmer.Stemmer("english")


def fold(text: str) -> str:
    """Fold text to lower-case ASCII: NFKC, currency signs named, diacritics dropped.

    "Việt Nam" becomes "viet nam", curly quotes straight ones, "€5" becomes " eur 5".
    Control characters and unpaired UTF-16 surrogates become spaces; never raises.
    """
    if text.isascii():
        # Most text: no surrogates, already its own NFKC form, nothing for anyascii.
        if "$" in text:
            text = _CURRENCY_RE.sub(_currency_name, text)
    else:
        text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates -> "?"
        text = unicodedata.normalize("NFKC", text)
        text = _CURRENCY_RE.sub(_currency_name, text)
        if not text.isascii():
            # anyascii would name an emoji (":thinking:"), and the name is not the reader's
            # word ("...commit to AI? 🤔🤔" asks what the words ask). A flag stays: it is
            # its country's code ("🇰🇷" -> "KR").
            text = anyascii(PICTOGRAPH_RE.sub(" ", text))
    # ASCII now: a control character is what makes it unprintable.
    text = text.casefold()
    return text if text.isprintable() else _CONTROL_RE.sub(" ", text)


def _currency_name(match: re.Match[str]) -> str:
    return _CURRENCY[match.group(0).lower()]


# Cheap first looks: most text has no figures and no British spellings to rewrite.
_BRITISH_HINT = re.compile(
    r"is(?:e|es|ed|ing|ation|ations|er|ers)\b|our|tres?d?\b|ys(?:e|es|ed|ing)\b|ll(?:ed|ing|ers?)\b"
)


# Numbers spelled out in English words ("eight billion", "eighty eight percent", "two
# thousand thirty two"): the words of one, a scale word, and "and" inside one.
_UNITS = frozenset("one two three four five six seven eight nine".split())
_TEENS_AND_TENS = frozenset(
    """
    ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen
    twenty thirty forty fifty sixty seventy eighty ninety
    """.split()
)
_SPELLED = _UNITS | _TEENS_AND_TENS | {"hundred", "thousand"}
_SPELLED_SCALES = frozenset({"million", "billion", "trillion"})
_SPELLED_HINT = _UNITS | _TEENS_AND_TENS
# The digits of a decimal's fraction, spelled one by one ("two point two five").
_DIGIT_WORDS = {
    word: str(digit)
    for digit, word in enumerate("zero one two three four five six seven eight nine".split())
}
# Words before "a billion" that make it a rough size, not one billion.
_ROUGHLY = frozenset(
    "almost nearly about around roughly approximately approx like over under some close".split()
)
# A year said in two halves: "twenty thirty-two" is 2032, "nineteen ninety" 1990.
_CENTURIES = {"nineteen": 19, "twenty": 20}


def _spelled_run_end(words: Sequence[str], start: int) -> int:
    """Where the run of number words from words[start] ends (exclusive): number and
    scale words, and an "and" between two of them ("two thousand and five")."""
    end = start + 1
    while end < len(words):
        word = words[end]
        if word in _SPELLED or word in _SPELLED_SCALES:
            end += 1
        elif word == "and" and end + 1 < len(words) and words[end + 1] in _SPELLED:
            end += 2
        elif word == "point" and end + 1 < len(words) and words[end + 1] in _DIGIT_WORDS:
            end += 2
            while end < len(words) and words[end] in _DIGIT_WORDS:
                end += 1
        else:
            break
    return end


def _spelled_numbers(words: list[str]) -> list[str]:
    """Numbers written in words as digits: "eight billion" -> "8 billion", "eighty eight"
    -> "88", "two thousand thirty two" -> "2032", "twelve" -> "12", as the digits would
    read. A unit word alone stays a word ("no one", "the two approaches", Singlish "one"),
    and so do words text2num cannot read as one number ("twenty twenty five").
    The arithmetic is text2num's (a maintained parser of spelled numbers, in Rust)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if (
            word == "a"
            and i + 1 < len(words)
            and words[i + 1] in _SPELLED_SCALES
            and not (out and out[-1] in _ROUGHLY)
        ):
            # "a billion" is one billion; "half a billion" half of one ("almost a
            # trillion" is no figure to hold an entry to, and stays words).
            half = bool(out) and out[-1] == "half"
            if half:
                out.pop()
            out += ["0.5" if half else "1", words[i + 1]]
            i += 2
            continue
        if word not in _SPELLED_HINT:
            out.append(word)
            i += 1
            continue
        end = _spelled_run_end(words, i)
        run = words[i:end]
        scale = run.pop() if run[-1] in _SPELLED_SCALES else None
        if len(run) == 1 and scale is None and word in _UNITS:
            out.append(word)
            i += 1
            continue
        value = _spelled_value(run)
        if value is None:
            out.extend(words[i:end])
        else:
            out.append(value)
            if scale is not None:
                out.append(scale)
        i = end
    return out


def _spelled_value(run: list[str]) -> str | None:
    """The number that words spell, in digits ("2.25", "2032"), or None: a whole number
    by text2num, then its spoken fraction ("point two five") digit by digit, or a year
    spoken in two halves ("twenty twenty-five")."""
    if "point" in run:
        cut = run.index("point")
        whole = _whole_value(run[:cut])
        fraction = "".join(_DIGIT_WORDS.get(word, "") for word in run[cut + 1 :])
        if whole is None or len(fraction) != len(run) - cut - 1:
            return None
        return f"{whole}.{fraction}"
    whole = _whole_value(run)
    if whole is None and len(run) > 1 and run[0] in _CENTURIES:
        rest = _whole_value(run[1:])
        if rest is not None and 10 <= rest <= 99:
            whole = _CENTURIES[run[0]] * 100 + rest
    return None if whole is None else str(whole)


def _whole_value(run: list[str]) -> int | None:
    """The whole number that words spell (text2num), or None."""
    from text_to_num import text2num  # imported on the first spelled number

    if not run:
        return None
    try:
        return int(text2num(" ".join(run), "en"))
    except ValueError:
        return None


def _canonical_numbers(words: list[str]) -> list[str]:
    """Number forms on tokens: "7 bn" -> "7 billion", "usd 7" -> "7 usd", "1.7 x" -> "1.7
    times", "per cent" -> "percent", "dollars" -> "usd". Working on tokens (not text) makes
    the rules their own fixed point, so normalising twice changes nothing."""
    out: list[str] = []
    for word in words:
        after_number = bool(out) and is_number(out[-1])
        if after_number and word in _MAGNITUDE:
            word = _MAGNITUDE[word]
        elif after_number and word == "x":
            word = "times"
        elif word == "cent" and out and out[-1] == "per":
            out[-1] = "percent"
            continue
        elif word in ("dollar", "dollars"):
            word = "usd"
        out.append(word)
    # "$7 billion" and "7 billion dollars" both become "7 billion usd"; repeated until
    # nothing moves, so that stacked signs ("££0") also reach a fixed point.
    moved = not _CURRENCIES.isdisjoint(out)
    while moved:
        moved = False
        for i in range(len(out) - 1):
            leading = i == 0 or not is_number(out[i - 1])  # "7 usd 40": usd belongs to 7
            if leading and out[i] in _CURRENCIES and is_number(out[i + 1]):
                end = i + 3 if i + 2 < len(out) and out[i + 2] in _MAGNITUDE_WORDS else i + 2
                out[i:end] = [*out[i + 1 : end], out[i]]
                moved = True
                break
    return out


def _american(text: str) -> str:
    if not _BRITISH_HINT.search(text):
        return text
    text = _ISE_RE.sub(lambda m: f"{m.group(1)}iz{m.group(2)}", text)
    text = _OUR_RE.sub(lambda m: f"{m.group(1)}or{m.group(2) or ''}", text)
    text = _TRE_RE.sub(lambda m: f"{m.group(1)}ter{m.group(2) or ''}", text)
    text = _YSE_RE.sub(lambda m: f"{m.group(1)}yz{m.group(2)}", text)
    return _LL_RE.sub(r"\1\2", text)


def _is_chat_digit(words: Sequence[str], i: int) -> bool:
    before = words[i - 1] if i > 0 else None
    after = words[i + 1] if i + 1 < len(words) else None
    if after is None and before == "what":
        return True  # "wat 4", "what 4?" ending a message: "what for"
    if before is None or not before.isalpha() or before in _NUMBER_BEFORE:
        return False
    return after is None or (after.isalpha() and after not in _COUNTED)


# Words that the steps below may rewrite: a text without any of them skips the step (each
# step leaves such a text as it is, so the tokens are the same either way; tested).
_REWRITTEN = frozenset(CHAT) | frozenset(_SPELLING)
_NUMBER_FORMS = frozenset(_MAGNITUDE) | {"x", "cent", "dollar", "dollars"} | _CURRENCIES


# "US", "U.S.", "U.S.A." and "UK", "U.K." in capitals name countries ("us" is a pronoun).
# Not the currency: "US$7bn", "US dollars".
_US_UK_RE = re.compile(
    r"(?<![\w.])U\.?(?:(S)\.?(?:A\.?)?|K\.?)(?![\w])(?!\s*(?:\$|dollars?\b|cents?\b))"
)


def _shouted(text: str) -> bool:
    """A text typed in capitals ("CAN YOU TELL US ..."): there "US" is a pronoun too."""
    letters = [ch for ch in text if ch.isalpha()]
    return sum(ch.isupper() for ch in letters) > 0.6 * len(letters)


# Lower-case "us" names the United States where the pronoun cannot stand: after "the"
# ("the us ai market", "in the us"), next to another country ("us and china"), or before a
# noun a country qualifies ("us companies", "share of us firms", "us ai policy") unless a
# verb of two objects takes the pronoun first ("give us companies that ..."). Otherwise
# the pronoun: "tell us", "for us", "help us".
_US_NOUNS = frozenset(
    "market markets government govt governments economy company companies firm firms business"
    " businesses tech startups startup banks bank president administration congress senate"
    " military policy policies regulator regulators regulation regulations law laws rules"
    " investment investments spending budget industry sector state states"
    " citizens consumers workers jobs chips chipmakers giants export exports sanctions".split()
)
# Verbs with two objects: "give us companies that...", "show us market figures".
_US_PRONOUN_BEFORE = frozenset(
    "tell tells told give gives gave show shows showed send sends sent let lets help helps"
    " teach teaches taught ask asks asked get gets got bring brings find".split()
)
_US_LINKS = frozenset("and or vs versus".split())


def _us_country(words: list[str]) -> list[str]:
    """Words with each lower-case "us" that names the United States as "usa" (see above)."""
    out = list(words)
    for i, word in enumerate(words):
        if word != "us":
            continue
        before = words[i - 1] if i else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        then = words[i + 2] if i + 2 < len(words) else ""
        noun = after in _US_NOUNS or (after == "ai" and then in _US_NOUNS)
        linked = (after in _US_LINKS and then in _COUNTRY_WORDS) or (
            before in _US_LINKS and i > 1 and words[i - 2] in _COUNTRY_WORDS
        )
        if after in ("dollar", "dollars", "cent", "cents", "usd"):  # (numbers made "usd")
            continue  # the currency, as "US$" and "US dollars" are
        if before == "the" or linked or (noun and before not in _US_PRONOUN_BEFORE):
            out[i] = "usa"
    return out


# Countries "us" is set against ("us and china", "japan vs us"): the big economies.
_COUNTRY_WORDS = frozenset(
    "china japan korea india europe eu uk russia taiwan germany france canada asia".split()
)


def _country_abbreviation(match: re.Match[str]) -> str:
    return " USA " if match.group(1) else " UK "


# Chat shorthand written with a slash: "w/o" (without), "w/" (with), "b/c" (because).
_CHAT_SLASH_RE = re.compile(r"(?<![\w/])(w/o|w/|b/c)(?![\w/])")
_CHAT_SLASHED = {"w/o": " without ", "w/": " with ", "b/c": " because "}


def _chat_slash(match: re.Match[str]) -> str:
    return _CHAT_SLASHED[match.group(1)]


def _rewritten(text: str) -> list[str]:
    """A text's tokens after every rewrite that reads a token and its own characters only
    (not its neighbours: see _tokens). Each rewrite runs only on a text it can change."""
    if "U" in text and not _shouted(text):
        text = _US_UK_RE.sub(_country_abbreviation, text)
    text = fold(text)
    if "/" in text:
        text = _CHAT_SLASH_RE.sub(_chat_slash, text)
    if "," in text:
        text = _THOUSANDS_RE.sub("", text)
    if "%" in text:
        text = _PERCENT_RE.sub(" percent ", text)
    if "'" in text or "`" in text:
        text = _APOSTROPHE_RE.sub("", _POSSESSIVE_RE.sub("", text))
    words: list[str] = _TOKEN_RE.findall(_american(text))
    if not _REWRITTEN.isdisjoint(words):
        expanded: list[str] = []
        for word in words:
            expanded.extend(CHAT.get(word, (_SPELLING.get(word, word),)))
        words = expanded
    return words


# The tokens of each whitespace-separated piece (a word, mostly) of ASCII text met so far,
# before the rewrites that read neighbouring tokens: a text's tokens are its pieces' joined
# (see _tokens). Words repeat across texts and articles far more than texts do: 200
# articles' 1.9 million pieces are a few thousand distinct ones. Emptied when full; a piece
# longer than _MAX_PIECE_CHARS (a pasted link, a reader's run of characters up to 4096) is
# not kept, so readers' messages cannot fill it with megabytes.
_PIECES: dict[str, tuple[str, ...]] = {}
_MAX_PIECES = 100_000
_MAX_PIECE_CHARS = 64


def _pieces_tokens(text: str) -> tuple[str, ...]:
    """What _rewritten(text) gives, for an ASCII text without "U" (no "US" or "UK", whose
    rewrite reads the next words and the whole text), piece by piece from _PIECES.

    Safe with a matcher built in a worker thread while questions are tokenised on the
    event loop: _PIECES is not read again after it is filled (another thread may empty it
    in between)."""
    pieces = text.split()
    try:
        return tuple(chain.from_iterable(map(_PIECES.__getitem__, pieces)))
    except KeyError:  # a piece not met yet
        if len(_PIECES) > _MAX_PIECES:
            _PIECES.clear()
        found: list[str] = []
        for piece in pieces:
            kept = _PIECES.get(piece)
            if kept is None:
                kept = tuple(_rewritten(piece))
                if len(piece) <= _MAX_PIECE_CHARS:
                    _PIECES[piece] = kept
            found += kept
        return tuple(found)


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    """The tokens of a text (see tokens). Building a matcher splits every text of every
    article (about 150,000 for 200): an ASCII text's pieces between spaces are each
    rewritten once (_pieces_tokens), since no rewrite of _rewritten reads across a space
    there: a piece's characters are the same, and a space (or a control character, folded
    to one) ends a token and is what a word boundary or look-around of those rewrites sees
    at a piece's ends either way (tested against the former tokeniser)."""
    words: Sequence[str]
    words = _rewritten(text) if "U" in text or not text.isascii() else _pieces_tokens(text)
    if not _SPELLED_HINT.isdisjoint(words) or (
        "a" in words and not _SPELLED_SCALES.isdisjoint(words)
    ):
        words = _spelled_numbers(list(words))
    if not _NUMBER_FORMS.isdisjoint(words):
        words = _canonical_numbers(list(words))
    if "us" in words:
        words = _us_country(list(words))
    if "2" not in words and "4" not in words:
        return words if type(words) is tuple else tuple(words)
    return tuple(
        _CHAT_DIGITS[word] if word in _CHAT_DIGITS and _is_chat_digit(words, i) else word
        for i, word in enumerate(words)
    )


def token_tuple(text: str) -> tuple[str, ...]:
    """What :func:`tokens` gives, as a tuple (shared: the same object for the same text
    while it is in the small memo)."""
    return _tokens(text)


def tokens(text: str) -> list[str]:
    """Split text into canonical word and number tokens, stop words included.

    Numbers keep their digits ("102.59"); "$7bn" gives ["7", "billion", "usd"], "88%" gives
    ["88", "percent"], chat shorthand is expanded ("hw" -> "how", "govts" -> "governments").
    """
    return list(_tokens(text))


def content_tokens(text: str) -> list[str]:
    """Return the tokens that carry meaning: stop words removed, order kept."""
    return [t for t in _tokens(text) if t not in STOP_WORDS]


def stem(token: str) -> str:
    """Snowball (Porter2) stem of a token; numbers are kept as they are."""
    if not token or token[0].isdigit():
        return token
    return str(_STEMMER.stemWord(token))


def is_number(token: str) -> bool:
    """Tell whether a token is a number ("7", "102.59")."""
    return bool(token) and token[0].isdigit()
