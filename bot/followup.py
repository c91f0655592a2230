"""Follow-up questions without a language model: carry the earlier turn's names over."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from wordfreq import zipf_frequency

from bot.answertype import DAYS_AND_MONTHS, AnswerType, common_word, expected_answer
from bot.extractive import OLD_NEWS_DAYS, QUOTE_LABEL
from bot.places import STATES_AND_COUNTRIES
from bot.timeexpr import resolve_time_range, written_period
from newsdesk.markup import CHAT_MARKUP
from newsdesk.numbers import NUMBER_WORD_VALUES
from newsdesk.text import content_terms, ends_with_abbreviation, stopwords

WORDS = re.compile(r"[^\W\d_]+")
# The day of a quote's label ("On Jun 26, 2022: “…", "Earlier reporting (Nov 28, 2022): "), see QUOTE_LABEL.
LABEL_DAY = re.compile(r"^(?:Earlier reporting \(|(?:As of|On) )([A-Z][a-z]{2}) (\d{1,2})(?:, (\d{4}))?")
# A name's word with a lower-case word hyphened on ("Clara-based", "Saudi-backed") ends that name.
BASED = re.compile(r"-[a-z][\w’']*(?:\s+|$)")
# Runs of capitalised words ("Mahmoud Abbas", "West Bank"), the usual shape of a name.
# A site's name keeps its domain: a chat tester's "Dictionary.com" had been carried as "Dictionary",
# and three follow-ups answered with the Scrabble dictionary.
NAME = re.compile(r"\b[A-Z][\w’'-]+(?:\.(?:com|org|net)\b)?(?:\s+(?:of\s+|the\s+)?[A-Z][\w’'-]+)*")
# Time zones, written in capitals after a time ("3 p.m. ET"): no names (a chat tester's "Was anyone
# hurt?" was searched with the Masters' "ET").
TIME_ZONES = frozenset(
    {"ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT", "GMT", "BST", "UTC"}
)
# Words that open a question before a name and are no part of it ("If Trump is convicted", "Since
# when", "Amid the strike"), besides stop words; and stop words that do open names ("Don Lemon",
# "Will Smith", "Ma Ying-jeou", "No Labels", "Just Stop Oil").
OPENING_WORDS = frozenset({"since", "amid", "despite", "unlike", "per", "via"})
NAME_OPENERS = frozenset({"don", "will", "ma", "no", "just"})
# "No. 1" is a rank, no name: carried, a chat probe's "Italy’s No" took the place of the Mafia boss's.
NUMBERED = re.compile(r"\bNo\.(?=\s*\d)")
# A lone capitalised word that is likelier a sentence's verb or adverb than a name.
VERB_OR_ADVERB = re.compile(r"(?:ing|ed|ly)$")
PRONOUNS = re.compile(r"\b(he|she|they|him|her|them|his|hers|their|it|its|that|this|there|those|these)\b", re.I)
# "the company", "the union": a body the conversation's story names, unless the question says
# which ("the company that makes …"). A chat tester's "How much debt does the company have?" after
# Thames Water's troubles was declined as general knowledge.
# Only when the conversation tells of such a body: "Why did the bank collapse?" after the Super
# Bowl asks of another story (a review's).
STORYS_BODY = re.compile(
    r"\bthe\s+(?P<body>company|companies|firm|bank|union|airline|automaker|carrier|utility|startup|retailer"
    r"|chain|studio|network|team|club|league|agency|group)\b(?!\s+(?:of|that|which|who|whose|in|behind)\b)",
    re.IGNORECASE,
)
# "the CEO", "the coach": a post in the body the conversation's story is about, unless the
# question says which ("the CEO of Disney"). A chat probe's "What did the CEO say?" after "Who
# bought Silicon Valley Bank?" had been searched alone and answered with TikTok's CEO. Not "the
# president", which alone is the country's.
STORYS_ROLE = re.compile(
    r"\bthe\s+(?P<role>ceo|chief\s+executive|(?:head\s+)?coach|manager|spokes(?:person|man|woman)|chair(?:man|woman)?"
    r"|founder|owner|commissioner|governor|mayor|director|police\s+chief|sheriff)\b"
    r"(?!\s+(?:of|who|that|which|for|at|in)\b)",
    re.IGNORECASE,
)
# "And in Jerusalem?", "What about Egypt?": a question that only makes sense after the last one.
CONTINUATION = re.compile(r"^\s*(and|but|also|then|so|what about|how about|and what about)\b", re.I)
# "What about Ukraine?", "And how about the US Open?", "And Israel?": the opener of a follow-up
# that only names something (see asked_of_another).
ABOUT = re.compile(r"^\s*(?:and\s+)?(?:(?:what|how)\s+about\s+)?", re.I)
# "And the week before?", "What happened next?": the follow-up moves in time from the last
# question's period, so that period is not carried over as it is.
MOVES_IN_TIME = re.compile(
    r"\b(before|earlier|previous|previously|prior|after|afterwards?|later|next|following|subsequently|since)\b", re.I
)
# A person or thing said before: "Who is leading it?". Narrower than PRONOUNS: "this" and "there"
# are as often a new topic's "this week" or "what is happening there in bitcoin", and "that" comes
# with what it points at ("that game"). bot/answer.py reads it too (_refers_to_nothing).
# "One" standing for a thing said before: "What was the strongest one?" after the Iowa tornadoes (a
# chat tester's was read alone, and declined as general knowledge), "which one", "the first ones".
# Not "the one thing", "which one of the candidates" asks of its own.
# Only in a question naming nothing, after "the", "that" or "which" (and maybe a word that picks one
# out: "the strongest one"), and as typed in lower case:
# "Which one is bigger, Apple or Microsoft?", "Who won the Formula One?", "Who is the chosen one?"
# stand alone (a review's).
ONE_OF_THEM = re.compile(
    r"\b(?i:the|that|which)\s+(?:(?i:first|last|second|third|other|same|new|old|biggest|smallest"
    r"|strongest|weakest|deadliest|largest|worst|best|latest|earliest|next|previous)\s+)?ones?"
    r"(?=\s*(?:[?.!]|$|\s+(?i:was|were|is|are|did|does|do|has|had|will|would)\b))"
)
PERSONAL_PRONOUN = re.compile(r"\b(?:it|its|they|them|their|he|him|his|she|her)\b", re.IGNORECASE)
# "her" only after a preposition and before a word: "from her tour" is hers, while "Did Trump
# endorse her (yesterday)?" and "call her a liar" ask of her (two reviews').
POSSESSIVES = frozenset({"its", "their", "his", "her"})
PREPOSITION_BEFORE = re.compile(
    r"\b(?:from|on|in|at|with|for|of|about|to|by|during|after|before|into|over|under)\s+$", re.IGNORECASE
)
WORD_AFTER = re.compile(r"\w+\s+[a-z]", re.IGNORECASE)
# Words this common (wordfreq's Zipf scale) are shared by unrelated questions: "people", "year",
# "time", "week", "game". "fire" (5.3), "police" and "strike" are not.
COMMON_WORD_ZIPF = 5.5
# "the biggest", "the deadliest": any story has one. Not "protest", "forest" or "arrest".
# fmt: off
SUPERLATIVES = frozenset({
    "latest", "biggest", "largest", "highest", "lowest", "newest", "oldest", "greatest", "smallest",
    "youngest", "richest", "closest", "hottest", "coldest", "strongest", "weakest", "fastest",
    "slowest", "longest", "shortest", "nearest", "widest", "worst", "best", "most", "least",
})
# fmt: on
RANKING_WORDS = frozenset({"former", "current", "recent", "final", "main", "top", "whole", "entire", "same", "only"})
# What "the" points at: its next word or two ("the fire", "the inflation rate").
DEFINITE = re.compile(r"\bthe\s+([^\W\d_]+)(?:\s+([^\W\d_]+))?", re.IGNORECASE)
# A question's own words rarer than this (wordfreq's Zipf scale) say what it asks about: "markets",
# "inflation", "cleanup"; not "rate", "cup" or "won", which a story's passages hold by chance.
STORY_WORD_ZIPF = 5.0
# What befell a story's people, asked of any story ("how many people got hurt?"): no subject of a
# question's own. A chat probe's, after the EzriCare eye drops recall, was read on its own and
# answered with the Itaewon crowd crush.
OUTCOME_WORDS = frozenset(
    {"hurt", "injured", "wounded", "harmed", "sickened", "infected", "affected", "impacted", "arrested"}
    | {"detained", "charged", "convicted", "sentenced", "evacuated", "displaced", "rescued", "hospitalized"}
    | {"hospitalised", "missing", "dead", "injuries", "casualties", "victims", "survivors", "fatalities"}
)
SHORT_WORDS = 4  # "Why?", "How many were killed?": too short to stand alone without a name
# "a week later", "the day before", "two months earlier", "the following week", "the previous day".
SHIFT = re.compile(
    r"\b(?:(?P<count>a|an|one|two|three|four|\d{1,2})\s+(?P<unit>day|week|month|year)s?\s+"
    r"(?P<dir>before|earlier|later|after)"
    r"|the\s+(?P<unit2>day|week|month|year)\s+(?P<dir2>before|after)"
    r"|(?:the\s+)?(?P<dir3>previous|next|following|prior)\s+(?P<unit3>day|week|month|year))\b",
    re.IGNORECASE,
)
# A period moved by follow-ups (_moved_period), said as dates.
MOVED_PERIOD = re.compile(r"on \d{4}-\d{2}-\d{2}|between \d{4}-\d{2}-\d{2} and \d{4}-\d{2}-\d{2}")
# "What is the latest?" after "What about last week?" asks for the newest news, not last week's.
ASKS_LATEST = re.compile(r"\b(latest|newest|most recent|now|currently|right now)\b", re.I)
# Words opening a question, capitalised by their place: "Has anyone been arrested?" names no "Has".
QUESTION_WORDS = {
    "who", "what", "when", "where", "why", "how", "which", "whose", "whom",
    "did", "does", "do", "is", "are", "was", "were", "has", "have", "had",
    "can", "could", "will", "would", "should", "shall", "may", "might", "must",
    "any", "anyone", "anything", "tell", "explain", "describe", "give", "show", "list",
    "please", "summarise", "summarize", "the", "and", "but", "also", "then", "so", "or", "plus",
}  # fmt: skip
# A role written in capitals is no one in particular: "Who was the CEO?" after Silicon Valley Bank
# asks about the bank, and the next follow-up ("How did the markets react?") is still about it.
# Not "GM", which is General Motors as often as a general manager ("What did GM say?").
ROLES = frozenset({"ceo", "cfo", "coo", "cto", "cio", "mvp", "vp"})
ROLE_INSIDE = re.compile(r"\s+(?:the\s+)?(?:CEO|CFO|COO|CTO|CIO|MVP|VP)\s+(?:of\s+)?(?=[A-Z])")


# "Who else?", "and what else?", "any others?": more of what the last answer told, and nothing
# more said ("What else did she tell him?" asks its own question).
ASKS_FOR_OTHERS = re.compile(
    r"^\s*(?:and\s+|so\s+)?(?:(?:who|what|which|where|anyone|anybody|anything|any\s+one)\s+else|any\s+others?"
    r"|others)(?:\s+(?:is|was|are|were)(?:\s+there)?)?\s*[?.!]*\s*$",
    re.IGNORECASE,
)
QUOTED = re.compile(r"“(.+?)”(?=\s*\[\d+\])")


def asks_for_others(question: str) -> bool:
    return ASKS_FOR_OTHERS.match(question) is not None


def quoted_in(answer: str) -> frozenset[str]:
    """The sentences an answer quotes ("“…” [1]")."""
    return frozenset(QUOTED.findall(answer))


@dataclass(frozen=True)
class Turn:
    """One earlier exchange of a conversation. A declined question's answer is "": the text
    of a decline, and the closest articles it lists, are nothing a follow-up is about."""

    question: str
    answer: str


def names_in(text: str, quotes: bool = False) -> list[str]:
    """Capitalised names in a text, without sentence-initial question words, days or months, in
    order. With `quotes` (an answer's), what opens a sentence or a quote may be capitalised only
    by its place: a stop word before a name ("In Tennessee, …") is dropped, and so is a lone
    word shaped like a verb or an adverb ("Facing criticism, …", "Separately, …"); a lone name
    ("Mahomes threw …") stays. In a question, a stop word opening it ("In how many states?", "If
    Trump is convicted") is no name either, unless it opens names ("Don Lemon", NAME_OPENERS)."""
    found = []
    text = NUMBERED.sub("number", text)  # "Italy’s No. 1 fugitive" names Italy, not "Italy’s No"
    for match in NAME.finditer(text):
        name = match.group(0)
        head, _, title = name.rpartition(" ")
        if title.istitle() and title.lower() in TITLE_ABBREVIATIONS and text.startswith(".", match.end()):
            # "Gov." of "Gov. DeSantis" (a chat probe's follow-up was "about Gov, DeSantis"), and of
            # "Florida Gov. Ron DeSantis"; not "MS." ending a sentence (a review's).
            if not head:
                continue
            name = head
        opens = _opens_sentence(text[: match.start()])
        # A quote in single quotes opens with a stop word capitalised by its place ("… talking
        # about, 'We got to play them.'": a chat probe's "is it free?" carried "We"; "'In Tennessee,
        # …'"), but for a title the quote closes ("starred in 'The Crown'"). Only that: "'Beijing
        # will respond'" and "'Will Smith apologised'" name them (a review's).
        single = (
            quotes
            and not opens
            and _opens_single_quote(text[: match.start()])
            and not (name[-1] in "'’" or text.startswith(("'", "’"), match.end()))
        )
        if opens or single:
            first, _, rest = name.partition(" ")
            # Not "US" or "IT", which are names in capitals. A chat probe's "In how many states?" was
            # "a follow-up about In".
            lower = first.lower()
            stop = (lower in stopwords() or lower in OPENING_WORDS) and first[1:].islower()
            if stop and ((quotes and not single) or not rest or lower not in NAME_OPENERS):
                name = rest
                if not name:
                    continue
            elif opens and quotes and not rest and (VERB_OR_ADVERB.search(first) or common_word(first)):
                continue  # "Last week, the bank …", "That's because …" (carried, a probe's "why?" searched them)
        # "Santa Clara-based Silicon Valley Bank", "Saudi-backed LIV Golf": two names.
        # A lone letter hyphened on to a word is no name: "the debt ceiling X-date" (a chat probe's
        # follow-ups were read "about X"), "T-shirt", "U-turn".
        pieces = [piece for piece in BASED.split(name) if piece and not (len(piece) == 1 and BASED.search(name))]
        # "Sam Altman the CEO of OpenAI" is two names.
        parts = [sub for piece in pieces for p in _around_days(piece) for sub in ROLE_INSIDE.split(p) if sub]
        for part in parts:
            first, _, rest = part.partition(" ")
            # Only where a sentence opens: "Has anyone…" names no "Has", "Who is Will Smith?" names Will.
            if opens and _question_word(first):
                part = re.sub(r"^(?:the|of)\s+", "", rest)  # "Did the Fed …" names the Fed
            while part.split(" ", 1)[0].lower() in ROLES:  # "CEO Greg Becker" is Greg Becker
                part = re.sub(r"^(?:of|the)\s+", "", part.partition(" ")[2])
            if " " in part and part.rsplit(" ", 1)[1].lower() in ROLES:
                # "Alaska's CEO" is Alaska, "Linda Yaccarino the CEO" Linda Yaccarino.
                part = _without_possessive(re.sub(r"(?:\s+(?:the|of))?\s+\S+$", "", part))
            if part and not (opens and _question_word(part)) and part not in found and part not in TIME_ZONES:
                found.append(part)
    return found


# "What's", "Where's", "Who're": a question word run into the verb after it.
WH_WORDS = frozenset({"who", "what", "when", "where", "why", "how", "which"})
CONTRACTION = re.compile(r"['’](?:s|re|ll|d|ve)$", re.IGNORECASE)


def _question_word(word: str) -> bool:
    """A word opening a question (QUESTION_WORDS), or a wh-word contracted: a chat probe's "What's
    the snake named after Harrison Ford?" had gone on "about What's, Harrison Ford". Not "May's"
    or "Will's", names (a review's)."""
    lower = word.lower()
    return lower in QUESTION_WORDS or CONTRACTION.sub("", lower) in WH_WORDS


# A title written short before a name, its period ending the run of capitals: no name of its own.
TITLE_ABBREVIATIONS = frozenset({
    "gov", "sen", "rep", "reps", "sens", "dr", "mr", "mrs", "ms", "lt", "gen", "col", "sgt", "capt", "adm", "maj",
    "prof", "rev", "pres", "supt", "det", "cmdr", "atty",
})  # fmt: skip


def _opens_single_quote(before: str) -> bool:
    """A word after `before` opens a quote in single quotes: after "‘", or after "'" where no word
    ends ("the Chiefs' Mahomes" is an apostrophe; "said,'We" and "said—'We" open one)."""
    return before.endswith("‘") or (before.endswith("'") and (len(before) == 1 or not before[-2].isalnum()))


# "Tonight, the union said …": a day told by its distance from today is no name either, and
# carried, it became the period searched ("Searched: Tonight").
RELATIVE_DAYS = frozenset({"today", "tonight", "yesterday", "tomorrow"})
POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


def _around_days(name: str) -> list[str]:
    """A day or month alone is no name (nor "Today" or "Tonight"), nor the end of a longer one:
    "Benjamin Netanyahu Thursday completed…" is "Benjamin Netanyahu". A two-word name keeps it
    ("Black Friday", "Netanyahu Thursday" is as likely one), and so does a name it opens ("June
    Carter Cash")."""
    words = name.split()
    # Its possessive too: "What were Tuesday's winning numbers?" had carried "Tuesday's" as the
    # story, and as the period, to the next question ("What are the odds of winning it?").
    bare = [POSSESSIVE.sub("", word).lower() for word in words]
    if len(words) == 1 and (bare[0] in DAYS_AND_MONTHS or bare[0] in RELATIVE_DAYS):
        return []
    if len(words) >= 3 and bare[-1] in DAYS_AND_MONTHS:
        words = words[:-1]
    return [" ".join(words)]


def _opens_sentence(before: str) -> bool:
    """Does a word after `before` open a sentence or a quote? Not after a title or an initial
    ("Dr. Fauci", "Gov. Newsom", "St. Louis", "U.S. Army"). A headline's clause after a colon
    opens as a sentence does: "… on Earth: Here's …" had carried "Here's", and a chat's
    follow-up was "about Everglades National Park Earth Here's Everglades"."""
    before = before.rstrip()
    if not before or before[-1] in '“"[!?:':
        return True
    return before[-1] == "." and not ends_with_abbreviation(before)


# What people say to the bot in its thread rather than ask it: "thanks", "ok cool", "lol", "👍".
# fmt: off
SMALL_TALK = frozenset({
    "thanks", "thank", "thx", "ty", "you", "ok", "okay", "k", "kk", "cool", "lol", "haha", "great",
    "nice", "good", "awesome", "perfect", "got", "it", "cheers", "yes", "yeah", "yep", "no", "nope",
    "sure", "wow", "interesting", "appreciated", "much", "very", "so", "that's", "helpful",
    # Said to each other under an answer, now that a reply to one is a follow-up (a review's).
    "same", "agreed", "agree", "exactly", "true", "right", "wrong", "way", "bot", "bad", "amazing",
    "omg", "damn", "wild", "crazy", "love", "this", "lmao",
})
# fmt: on


# Thanks or assent before a question, ended by a mark: "thanks! and how many Israelis were
# killed?", "ok cool. who is the leader of Hamas?" (a probe's thread had searched "thanks" and
# "cool" too, and found no figure and no leader).
# Only thanks and assent: "Nice, France" and "No. 1 seed" open questions (a review's).
SMALL_TALK_FIRST = re.compile(
    r"\W*(?:(?:thanks|thank\s+you(?:\s+(?:very\s+)?much)?|thx|ty|ok(?:ay)?|cool|lol|haha|got\s+it|cheers"
    r"|awesome|perfect|appreciated)[\s,]*)+[.!,;:]+\s*(?=\S)",
    re.IGNORECASE,
)


# How a fact-checker puts a claim: "Is it true that SVB failed on March 10?", "True or false: …",
# "Fact check: …". The claim is what is asked: a probe's was read in the present tense of "is"
# (March 10 as next year's, after as_of), and declined for "true", which no passage mentions.
# "True" may run straight on into the claim ("Is it true the deal passed?"); "right" and "correct"
# only with "that" or a mark: "Was it right for Biden to veto …" asks a judgement (a review's).
CLAIM_CHECK = re.compile(
    r"\W*(?:(?:is|was)\s+it\s+(?:really\s+)?(?:(?:true(?:\s+or\s+false)?|a\s+fact)(?![\w-])\s*(?:that\b|,|:)?"
    r"|(?:correct|accurate|right)(?![\w-])\s*(?:that\b|,|:))"
    r"|(?:true\s+or\s+false|fact[\s-]*check(?:ing)?(?:\s+this)?)(?![\w-])\s*(?:[:,.?!-]\s*)?(?:(?:that|whether|if)\b)?"
    r"|verify(?:\s+(?:that|whether|if)\b|\s*:))"
    r"\s*(?=\S)",
    re.IGNORECASE,
)


# Words that say a new subject comes, ended by a mark: "different question: how bad is the flooding
# in Vermont?" was read as a follow-up to the actors' strike and declined for "different" and "bad"
# (a chat probe's). Not "one more question", which goes on with the story.
TOPIC_SWITCH = (
    r"\W*(?:(?:so|hey|oh|and|now)\W+)?(?:(?:a|one|totally|completely|entirely|very|something)\s+)?"
    r"(?:(?:different|unrelated|separate)\s+(?:question|topic|subject|story|thing)"
    r"|(?:new|another|other)\s+(?:topic|subject|story)"  # not "another question": one more of the story
    r"|(?:in\s+)?other\s+news"  # "Other news: was Donald Trump indicted?" (a chat tester's)
    r"|on\s+(?:a\s+different|another)\s+(?:note|topic|subject)|unrelated|off[\s-]+topic"
    r"|chang(?:e|ing)\s+(?:of\s+|the\s+)?(?:subject|topic)|switch(?:ing)?\s+(?:gears|topics)|moving\s+on)"
)
# "… but same story", "…, related": the same story after all (a review's).
SAME_STORY = r"[\s,:–—-]*(?:but\s+)?(?:(?:on|about)\s+)?(?:the\s+)?(?:same\s+(?:story|topic|subject|thing)|related)\b"
TOPIC_SWITCH_FIRST = re.compile(
    TOPIC_SWITCH + rf"(?!{SAME_STORY})" + r"(?:[ ]*[:.!;,–—…-]+(?:[ ]*but\b)?|[ ]+but\b)[ ]*(?=\S)",
    re.IGNORECASE,
)
# Said alone, the words ask nothing yet: "different question:" had answered the story again.
TOPIC_SWITCH_ALONE = re.compile(TOPIC_SWITCH + rf"(?!{SAME_STORY})" + r"(?:[ ,]*but)?[\W_]*", re.IGNORECASE)
# Words that say a question comes, of the same story: "Another question: …", "one more question -",
# "different question, same story: …". Not searched: "Another" had been read as a name.
ANOTHER_QUESTION_FIRST = re.compile(
    r"\W*(?:(?:so|ok|okay|and)\W+)?(?:(?:one\s+more|another|a\s+(?:new|different|follow-up|quick)|new|other|"
    r"follow-up|quick|last|next|different)\s+question|(?:"
    + TOPIC_SWITCH
    + rf"){SAME_STORY})(?:{SAME_STORY})?[ ]*[:.!;,–—…-]+[ ]*(?=\S)",
    re.IGNORECASE,
)
# Longer than any question (MAX_QUESTION_CHARS) is no announcement, and is not read by the patterns
# above, whose runs of spaces would take long on a pasted page.
MAX_ANNOUNCED_CHARS = 1000


def _topic_switch(text: str) -> re.Match[str] | None:
    if len(text) > MAX_ANNOUNCED_CHARS:
        return None
    switch = TOPIC_SWITCH_FIRST.match(text)
    return switch if switch is not None and re.search(r"[^\W\d_]", text[switch.end() :]) else None


def switches_topic(text: str) -> bool:
    """The question says it is about something new, not a follow-up: "different question: …",
    after thanks too ("thanks! new topic: …")."""
    return _topic_switch(_after_thanks(text)[1]) is not None


def _after_thanks(text: str) -> tuple[re.Match[str] | None, str]:
    """The thanks or assent said first (SMALL_TALK_FIRST), if any, and the text after it."""
    said = SMALL_TALK_FIRST.match(text)
    return said, text[said.end() :] if said else text


# Without a mark after it, a greeting is one only before the words that open a question: "Hello
# Kitty sales", "@elonmusk tweeted what?" name someone.
_ASKING_FIRST = (
    r"who|whom|whose|what|when|where|which|why|how|is|are|was|were|did|do|does|can|could|will|would"
    r"|has|have|had|should|tell|give|show|any|please|whats|what['’]s|who['’]s|where['’]s|when['’]s|how['’]s|i"
)
# A greeting before the question ("Hey, who won the Masters?", "btw who won …"): an edge-case
# tester's lost the latest-result reading, which looks for "who won" first, and led with Super Bowl
# 52. Only before the words that open a question: "Hello, Dolly! revival", "Yo! MTV Raps", "Hello
# Kitty sales" and "Yo-Yo Ma …" name things (a review's).
GREETING_FIRST = re.compile(
    r"\W*(?:(?:hey|hi|hello|hiya|howdy|yo|btw|by\s+the\s+way|quick\s+question)"
    r"(?:\s+(?:there|all|everyone|guys|folks|team|newsdesk|bot))?[\s,!.:;–—-]+)+(?=(?:" + _ASKING_FIRST + r")\b)",
    re.IGNORECASE,
)
# Discord's marks of emphasis around words (`_Super Bowl_`, `**who**`, `||x||`): checked as words,
# "_Super Bowl_" had brought the note that no article mentions "Bowl_". Not inside a word, a path or
# an address ("__init__.py", "/_x_/"), nor code (`x`).
EMPHASIS = re.compile(r"(?<![\w*_~|`/.])(\*{1,3}|_{1,2}|\|\|)(?=[^\s*_~|`])(.+?)(?<=[^\s*_~|`])\1(?![\w*_~|`/]|\.\w)")
# Struck-out words, which are taken back: "Who ~~lost~~ won the Super Bowl?".
STRUCK_OUT = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
# A call to everyone in the channel, and mentions of users, roles and channels (`<@123…>`):
# "no article found mentions 123456789" (an edge-case tester's).
CALLS = re.compile(rf"@(?:everyone|here)\b|{CHAT_MARKUP.pattern}")


def without_chat_marks(text: str) -> str:
    """The question as read without chat's marks (CALLS, STRUCK_OUT, EMPHASIS) and a greeting before
    it (GREETING_FIRST); the text itself when nothing but those is left of it."""
    plain = EMPHASIS.sub(r"\2", STRUCK_OUT.sub(" ", CALLS.sub(" ", text)))
    if greeting := GREETING_FIRST.match(plain):
        plain = plain[greeting.end() :]
    plain = re.sub(r"^[,;:\s]+", "", " ".join(plain.split()))  # what a call removed left behind
    return plain if re.search(r"[^\W\d_]", plain) else text


def without_small_talk(text: str) -> str:
    """The question without the thanks or assent said before it ("thanks! and who …" is "and who …"),
    words saying a new subject comes ("different question: …"), and a claim without the words that
    ask to check it ("Is it true that …", "Fact check: …")."""
    said, rest = _after_thanks(text)
    if switch := _topic_switch(rest):
        rest, said = rest[switch.end() :], switch
    elif len(rest) <= MAX_ANNOUNCED_CHARS and (another := ANOTHER_QUESTION_FIRST.match(rest)):
        rest, said = rest[another.end() :], another
    checked = CLAIM_CHECK.match(rest)
    if checked and re.search(r"[^\W\d_]", rest[checked.end() :]):
        rest, said = rest[checked.end() :], checked
    return rest if said and re.search(r"[^\W\d_]", rest) else text


# How chat spells the words that ask, "happened" and "people": a chat probe's "wat was the chinese baloon
# thing" made "Wat" (a Thai temple, to the archive) the story every follow-up was declined for, and
# "wen did it happen" quoted Dr. Leana Wen.
CHAT_SPELLINGS = {
    **dict.fromkeys(("wat", "wut", "wht", "whta", "waht"), "what"),
    **dict.fromkeys(("wen", "whn", "wehn"), "when"),
    **dict.fromkeys(("wher", "whr", "whre"), "where"),
    **dict.fromkeys(("hwo", "whp"), "who"),
    **dict.fromkeys(("wich", "whcih", "whihc"), "which"),
    **dict.fromkeys(("happend", "happned", "hapened", "hapend"), "happened"),
    # "how many ppl were killed" after "wat happend in israel" quoted a Texas dairy's cows (a chat probe's).
    **dict.fromkeys(("ppl", "ppls"), "people"),
    "abt": "about",
}
CHAT_SPELT = re.compile(rf"(?<![\w'’-])(?:{'|'.join(CHAT_SPELLINGS)})(?![\w'’-])")
# Spellings that are names too: "what did leana wen say" names Dr. Wen (a review's). Others are
# read anywhere: "svb collapse wat happend" was read as Dutch.
NAMES_TOO = frozenset({"wen", "wich"})
# After a title, or a word too rare to be English (a first name), it is the name; before German's
# verbs, German ("an wen hat Blinken geschrieben").
NAME_TITLES = frozenset({"dr", "mr", "mrs", "ms", "prof", "premier", "president"})
GERMAN_AFTER = frozenset({"hat", "ist", "sind", "haben", "war", "wird", "soll", "kann"})
FIRST_NAME_ZIPF = 3.0


def _a_name_here(text: str, m: re.Match[str]) -> bool:
    """The chat spelling at m is, where it stands, a name or German's "wen" (see NAMES_TOO)."""
    if m.group() not in NAMES_TOO:
        return False
    before = re.findall(r"[^\W\d_]+", text[: m.start()])
    after = re.findall(r"[^\W\d_]+", text[m.end() :])
    if after and after[0].lower() in GERMAN_AFTER:
        return True
    if not before:
        return False
    last = before[-1].lower()
    return last in NAME_TITLES or zipf_frequency(last, "en") < FIRST_NAME_ZIPF


def chat_spelt(text: str) -> str:
    """The question with chat's spellings of "what", "when", … spelt out, when typed in lower case:
    "Wen Jiabao" and "Wat Arun" are names, and "Wen hat Blinken getroffen?" is German."""

    def spelt(m: re.Match[str]) -> str:
        word, whole = m.group(), CHAT_SPELLINGS.get(m.group(), "")
        return whole if word.islower() and not _a_name_here(text, m) else word

    return CHAT_SPELT.sub(spelt, text)


# "Back to the earthquake - are they still …?", "ok, going back to the strike: who …?"
BACK_TO = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|and|now)\W+)?(?:(?:going|get(?:ting)?|coming)\s+)?back\s+to\s+"
    # A hyphen inside a word is the topic's ("the Israel-Hamas war"); one with a space beside it
    # ends it ("the earthquake- are they …", a review's).
    r"(?P<topic>(?:[^-–—:,;.?!]|(?<=\w)-(?=\w)){2,60}?)(?:\s*[–—:,;.]+\s*|\s*-+\s+|\s+-+\s*)(?P<rest>\S.*)$",
    re.IGNORECASE,
)


def back_to(question: str, history: Sequence[Turn]) -> tuple[str, list[Turn]] | None:
    """For a question going back to an earlier story by a word of it, the question that is left
    and the conversation up to the last turn asking of that story; None for any other question,
    or when no turn asked of it."""
    back = BACK_TO.match(question)
    if back is None:
        return None
    wanted = content_terms(back["topic"])
    for index in range(len(history) - 1, -1, -1):
        if wanted and wanted <= content_terms(history[index].question):
            return back["rest"], list(history[: index + 1])
    return None


def gone_back(history: Sequence[Turn]) -> list[Turn]:
    """The conversation as its turns going back to an earlier story left it (see back_to): the
    turns asked since that story's are passed over."""
    kept: list[Turn] = []
    for turn in history:
        back = back_to(turn.question, kept)
        if back is None:
            kept.append(turn)
        else:
            rest, kept = back
            kept.append(Turn(rest, turn.answer))
    return kept


# What a user types to a command line or a bot that it takes for a command: "help", "/quit".
# Greetings are BOT_TALK's.
COMMAND_WORD = re.compile(r"\s*/?(?:help|quit|exit|menu|commands|start)\s*[.!?]?\s*", re.IGNORECASE)


# What a user says to the bot about itself, or asks it for that is no news: "how r u today" had
# been read as a follow-up and answered with the Powerball jackpot, "who are you" with the last
# answer again, "tell me a joke" with the weather in Australia (a probe's chat).
BOT_TALK = re.compile(
    r"\W*(?:(?:hi|hello|hey|yo|ok|okay|so)\W+)?(?:there\W+)?"
    r"(?:(?:hi|hello|hey|yo|hiya|howdy)(?:\W+there)?"
    r"|how(?:['’]?s|\s+(?:are|r))\s+(?:you|u|ya|it\s+going)(?:\s+doing)?(?:\s+today)?"
    r"|(?:what['’]?s|whats|wassup|sup)(?:\s+up)?"
    r"|who\s+(?:are|r)\s+(?:you|u)|what\s+are\s+(?:you|u)|are\s+(?:you|u)\s+(?:a\s+bot|an\s+ai|human|real)"
    r"|what\s+(?:can|do)\s+(?:you|u)\s+do|how\s+do\s+(?:i|you)\s+use\s+(?:you|this(?:\s+bot)?)"
    r"|(?:tell|say)\s+(?:me\s+)?(?:a\s+joke|something\s+funny)"
    r"|good\s+(?:morning|afternoon|evening|night))"
    r"\W*",
    re.IGNORECASE,
)


def asks_nothing(text: str) -> bool:
    """Small talk (see is_small_talk), a word said to a program ("help", "/quit"), talk to the
    bot about itself (BOT_TALK), or a new subject announced but not yet asked ("different
    question:"): `newsdesk ask help` had quoted tornado relief ("opportunities to help")."""
    return (
        is_small_talk(text)
        or COMMAND_WORD.fullmatch(text) is not None
        or BOT_TALK.fullmatch(text) is not None
        or announces_a_subject(text)
    )


def announces_a_subject(text: str) -> bool:
    """Words saying a new subject comes, with no question yet: "different question:", "thanks! new
    topic."."""
    if len(text) > MAX_ANNOUNCED_CHARS:
        return False
    return TOPIC_SWITCH_ALONE.fullmatch(_after_thanks(text)[1]) is not None


def since_new_subject(history: Sequence[Turn]) -> list[Turn]:
    """The turns since the last that said a new subject comes: after it ("different question:"
    alone, in a Discord thread), or from it ("different question: what about the floods?")."""
    for index in range(len(history) - 1, -1, -1):
        if announces_a_subject(history[index].question):
            return list(history[index + 1 :])
        if switches_topic(history[index].question):
            return list(history[index:])
    return list(history)


def is_small_talk(text: str) -> bool:
    """Nothing asked: only words of thanks or assent, or no words at all (an emoji), and no "?".
    Answered, "lol thanks" quoted basketball scores and filled the review log."""
    text = re.sub(r"<a?:\w+:\d+>", " ", text)  # a custom emoji, named whatever its maker liked
    if re.fullmatch(r"\s*[+-]1\s*", text):  # "+1" under an answer
        return True
    if any(mark in text for mark in "?？؟") or any(ch.isdigit() for ch in text):  # "2022" asks too
        return False
    return all(word in SMALL_TALK for word in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text.lower()))


def is_follow_up(question: str, history: Sequence[Turn] = ()) -> bool:
    """Does the question lean on the conversation? "Who won the Super Bowl?" asked next in a
    chat about Blinken stands alone and must not be read as a question about Blinken. One that
    points back ("he", "there"), goes on ("And in Jerusalem?"), is too short to stand alone
    ("Why?"), or takes up the story's words ("What caused the fire to spread?" after the Lahaina
    fire, see picks_up) does. Any other may, as the articles tell (AnswerService._reading)."""
    if PRONOUNS.search(question) or CONTINUATION.match(question):
        return True
    if names_in(question):
        return False
    if ONE_OF_THEM.search(question):
        return True
    if history and (body := STORYS_BODY.search(question)) and any(_tells_of(t, body.group("body")) for t in history):
        return True
    if history and STORYS_ROLE.search(question):
        return True
    # "What happened in October?" in a conversation says nothing of its own but when: alone, it
    # was declined as naming no subject.
    if history and _bare(_without_period(question)):
        return True
    earlier = [turn.question for turn in _back_to_the_subject(history)] if history else []
    return len(question.split()) <= SHORT_WORDS or picks_up(question, earlier)


def _tells_of(turn: Turn, body: str) -> bool:
    """The turn's question or answer writes the word, or its plural ("company", "companies")."""
    stem = body.lower().removesuffix("ies").removesuffix("y").removesuffix("s")
    return (
        re.search(rf"\b{re.escape(stem)}(?:y|ies|s|es)?\b", f"{turn.question} {turn.answer}", re.IGNORECASE) is not None
    )


def _bare(text: str) -> bool:
    """Every word is a common one ("Why?", "How much?", "What happened?"): nothing of its own."""
    return all(zipf_frequency(word.lower(), "en") >= COMMON_WORD_ZIPF for word in WORDS.findall(text))


def picks_up(question: str, earlier: Sequence[str]) -> bool:
    """A question naming nothing whose "the …" takes up a word of the conversation's questions,
    one not too common to tell: "What caused the fire to spread so fast?" after "How many people
    died in the Lahaina fire?" is about Lahaina's fire, not a refinery's of 2019. Only "the …":
    "who won the world series" shares "won" with "Who won the Super Bowl?" and is another story;
    "What is the inflation rate?" after the fire question stands alone."""
    if names_in(question):
        return False
    held = set().union(*(content_terms(text) for text in earlier))
    for match in DEFINITE.finditer(question):
        for word in filter(None, match.groups()):
            if _telling(word) and content_terms(word) & held:
                return True
    return False


def _telling(word: str) -> bool:
    """A word that can say which story "the …" is: no common word, nor one that only ranks or
    dates it ("the latest", "the biggest", "the former"), which any story can take."""
    lower = word.lower()
    if zipf_frequency(lower, "en") >= COMMON_WORD_ZIPF or lower in RANKING_WORDS or _superlative(lower):
        return False
    return not (ASKS_LATEST.fullmatch(lower) or MOVES_IN_TIME.fullmatch(lower))


def _superlative(word: str) -> bool:
    return word in SUPERLATIVES or (len(word) > 6 and word.endswith("iest"))  # "deadliest", "costliest"


def asked_of_another(question: str, history: Sequence[Turn]) -> str | None:
    """The last question asked again of the names a follow-up gives, when that is all it says:
    "What about Ukraine?" after "What is happening in Gaza?" is "What is happening in Ukraine?",
    and "What about Netanyahu?" after "What did Biden say about the hostages?" is "What did
    Netanyahu say about the hostages?". Before, the story's names were carried too, and Gaza's
    quotes answered for Ukraine. Only when that question names one thing, the one that gives way:
    of "How many Israelis were killed by Hamas?", which "What about Palestinians?" replaces is
    not for word patterns to say. That question is the last that stood alone ("What happened in
    Gaza this week?", not the "And in Jerusalem?" after it), and it must not point back itself
    ("What did they say about Canada?"). A follow-up giving another kind of a thing asks of it
    (_another_of_a_kind). None for any other follow-up."""
    names = _only_names(question)
    period_asked = _only_period(question)
    if not history:
        return None
    if not (names or period_asked):
        return _another_of_a_kind(question, history)
    if period_asked:
        frame = _last_full_question(history)
    elif (
        (lead := QUOTED.search(history[-1].answer))
        and any(_writes(lead.group(1), name) for name in names)
        and not _listed_with(lead.group(1), names, names_in(history[-1].question))
    ):
        # A name the last answer leads with is of its story, not another to ask the same of: "What
        # about Microsoft?" after Sam Altman's firing ("Microsoft hires Sam Altman, …") had been read
        # "Why was Microsoft fired?" (an editor's). Only its lead: a name told in passing ("Russia"
        # in Ukraine's news) is still another to ask the same of (a review's).
        return None
    elif not names_in(last := history[-1].question) and SUBJECT_PRONOUN.search(last) and _a_person(names):
        # The last question points back, and a person is named: who it asks of now. "What about
        # Haley Jones?" after "What did she wear?" is "What did Haley Jones wear?"; past it, the
        # draft's question had been read "Who was the No. 1 pick in the 2023 Haley Jones draft?" (a
        # chat's). Its story goes on too, as carried for it: the draft's name. When the person
        # cannot be put in ("Who did he tell her?"), the story is carried. After "it" or "they",
        # or of a thing, the last question that stood alone is asked ("What about Apple?" after
        # "How much is it worth?" is "Who is the CEO of Apple?"; "What about the Stanley Cup?"
        # after "Who did they beat?" is "Who won the Stanley Cup?": two reviews').
        asked = _asked_of_instead(names, last)
        story = _last_names(history)
        return f"{asked} {' '.join(story)}" if asked and story else asked
    else:
        frame = next(
            (
                turn.question
                for turn in reversed(history)
                if names_in(turn.question) and not _only_names(turn.question) and not CONTINUATION.match(turn.question)
            ),
            None,
        )
    return _asked_again(names, period_asked, frame)


# What opens a thing said in a question: "the ad-free plan", "their goalie".
THING_OPENERS = frozenset({"the", "a", "an", "their", "his", "her", "its", "our", "your", "this", "that"})
# A name's possessive opening a thing: "Detroit's goalie".
OWNER = re.compile(r"[A-Z][\w-]*[’']s")
# A field after a thing named with capitals, which the follow-up's kind replaces: "the Nobel Prize in
# Literature" asked of "the chemistry prize" is the Nobel Prize in chemistry.
FIELD_AFTER = re.compile(r"\s+(?P<preposition>in|for)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*")
KIND_WORDS = 3  # "the best new music video": the words saying which kind of the thing
# A question asking which of a kind: "Which bank's assets …", "What team won …".
WHICH_KIND = re.compile(r"\s*(?:which|what)\s+([a-z]+?)s?(?:['’]s)?\b", re.IGNORECASE)
FRAMES = 3  # how many of the last questions that stood alone may be asked again so


def _another_of_a_kind(question: str, history: Sequence[Turn]) -> str | None:
    """A recent question asked again of another kind of the thing it asked about, when the
    follow-up says only that: "What about the cheapest plan?" after "How much is Netflix's ad-free
    plan?" is "How much is Netflix's cheapest plan?", "What about Detroit's goalie?" after "How many
    shots did their goalie stop?" is "How many shots did Detroit's goalie stop?", "What about the
    Democratic candidate?" after "Who is the Republican candidate in Kentucky?" keeps Kentucky.
    Chat testers' had been searched as the story's names plus "cheapest plan", and declined or
    answered with the first kind again. The story's names the question lost are added, as for a
    person asked of instead. The question asked again is one that stood alone ("And the wheelchair
    race?" after "What about the women's race?" is of the men's race's question), and was answered:
    after a declined one the follow-up is declined too (see declined_story). None for any other
    follow-up ("What about the hospitals?" says no other kind)."""
    rest = _after_opener(question)
    if not rest or PERSONAL_PRONOUN.search(rest):
        return None
    typed = rest.split()
    if len(typed) < 2:  # "And why?"
        return None
    opener, *kind, thing = typed
    owner = OWNER.fullmatch(opener) is not None
    if not (owner or opener.lower() in ("the", "a", "an")) or not (kind or owner) or len(kind) > KIND_WORDS:
        return None
    if not all(_a_plain_word(word) and word.lower() not in stopwords() for word in [*kind, thing]):
        return None
    if not thing.islower():
        return None
    frames = [turn for turn in reversed(history) if not CONTINUATION.match(turn.question)][:FRAMES]
    for turn in frames:
        frame = turn.question
        said = re.search(rf"\b{re.escape(thing)}\b", frame, re.IGNORECASE)
        if said is None:
            continue
        if not turn.answer:
            return None
        start, their_owner = said.start(), None
        for count, word in enumerate(reversed(list(re.finditer(r"\S+", frame[: said.start()])))):
            if word.group().lower() in THING_OPENERS or OWNER.fullmatch(word.group()):
                start, their_owner = word.start(), word.group() if OWNER.fullmatch(word.group()) else None
                break
            plain = word.group().lower()
            if count == KIND_WORDS or not _a_plain_word(word.group()) or plain in stopwords() | QUESTION_WORDS:
                return None
        else:
            return None
        if re.search(r"\bof\s*$", frame[:start]):
            return None  # a thing inside a name: "his State of the Union speech"
        if frame[said.start()].isupper():
            # Part of a name ("the Nobel Prize in Literature"): the kind is its field, if it has one.
            field = FIELD_AFTER.match(frame, said.end())
            if field is None or owner:
                return None
            span = (field.start(), field.end())
            phrase = f" {field['preposition']} {' '.join(kind)}"
        else:
            # The follow-up's kind replaces the frame's; the frame's owner stays, unless it gives its own.
            span = (start, said.end())
            phrase = " ".join([opener if owner or their_owner is None else their_owner, *kind, thing])
        asked = frame[: span[0]] + phrase + frame[span[1] :]
        if asked.lower() == frame.lower():
            return None
        gone = frame[span[0] : span[1]].lower().split()
        story = _last_names(history)
        kept = [
            name
            for name in story
            if not any(word.lower() in gone for word in name.split())
            and not all(re.search(rf"\b{re.escape(word)}\b", asked, re.IGNORECASE) for word in name.split())
        ]
        return f"{asked} {' '.join(kept)}" if kept else asked
    return None


def _last_names(history: Sequence[Turn]) -> list[str]:
    """The names of the last question of the conversation that names any: the story's, carried
    when a question is asked again of others."""
    return next((names for turn in reversed(history) if (names := names_in(turn.question))), [])


def _a_plain_word(word: str) -> bool:
    """Letters only, or hyphened ("ad-free"), or a possessive ("women's")."""
    return WORDS.fullmatch(re.sub(r"[’']s$", "", word).replace("-", "")) is not None


def _listed_with(text: str, names: list[str], asked: list[str]) -> bool:
    """The text lists a name of the follow-up beside one the last question asked of ("the
    blockbuster opening weekends of "Barbie" and "Oppenheimer""): two of a kind, the one asked the
    same of as the other. A chat tester's "And Oppenheimer?" after "How much did Barbie make on its
    opening weekend?" had been read as more of Barbie's story, and declined."""
    mark = r"[\"“”'‘’]?"
    for new in names:
        for old in asked:
            pair = (re.escape(old), re.escape(new))
            for first, second in (pair, pair[::-1]):
                # Not a comma alone: "After the board fired Sam Altman, Microsoft hired him" lists
                # no two of a kind (a review's).
                # A list of more ("Barbie, Oppenheimer and Haunted Mansion") lists them all.
                listed = (
                    rf"(?<!\w){mark}{first}{mark},?\s+(?:and|or|&)\s+{mark}{second}\b"
                    rf"|(?<!\w){mark}{first}{mark},\s+{mark}{second}{mark}(?:,|\s+(?:and|or|&)\s)"
                    # The one between a name too: not "fired Sam Altman, investors balked and Microsoft".
                    rf"|(?<!\w){mark}{first}{mark},\s+{mark}[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*{mark},?\s+(?:and|or|&)\s+"
                    rf"{mark}{second}\b"
                )
                if re.search(listed, text):
                    return True
    return False


SUBJECT_PRONOUN = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
# A person's name: one to three capitalised words ("Jones", "LeBron James", "Ron DeSantis"), none a
# thing's ("Stanley Cup", "World Series"), nor a country's or a state's ("Ukraine").
PERSONS_NAME = re.compile(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}")
NOT_A_PERSON = frozenset({
    "cup", "series", "bowl", "open", "league", "award", "awards", "games", "house", "court", "party", "bank",
    "company", "inc", "corp", "fire", "storm", "hurricane", "war", "act", "bill", "festival", "prize",
})  # fmt: skip


def _a_person(names: list[str]) -> bool:
    """The one name a follow-up gives reads as a person's (see PERSONS_NAME)."""
    if len(names) != 1 or PERSONS_NAME.fullmatch(names[0]) is None:
        return False
    return names[0].split()[-1].lower() not in NOT_A_PERSON and names[0] not in STATES_AND_COUNTRIES


def _asked_of_instead(names: list[str], question: str) -> str | None:
    """The question with the one person it points back to ("he", "she") given as the person named
    ("When did he say it?" after Biden's words on the hostages, then "What about Netanyahu?", is
    "When did Netanyahu say it?"); None when it points back to more than one ("Who did he tell
    her?")."""
    people = [p for p in PERSONAL_PRONOUN.findall(question) if p.lower() not in ("it", "its")]
    if len(people) != 1 or not SUBJECT_PRONOUN.fullmatch(people[0]):
        return None
    return SUBJECT_PRONOUN.sub(names[0], question, count=1)


def _possessive(pronoun: re.Match[str]) -> bool:
    """The pronoun is one of POSSESSIVES, and "her" only where it is hers (see PREPOSITION_BEFORE)."""
    word, text = pronoun.group().lower(), pronoun.string
    if word != "her":
        return word in POSSESSIVES
    return (
        PREPOSITION_BEFORE.search(text[: pronoun.start()]) is not None
        and WORD_AFTER.match(text, pronoun.start()) is not None
    )


def _asked_again(names: list[str], period_asked: str | None, frame: str | None) -> str | None:
    """The frame asked again of the follow-up's names or its period (see asked_of_another)."""
    if frame is None:
        return None
    period = written_period(frame)
    named = [name for name in names_in(frame) if not period or name not in period]
    pointing = list(PERSONAL_PRONOUN.finditer(frame))
    # A possessive after the one name is that name's ("How much did Barbie make on its opening
    # weekend?"), and stands for the new one as well: a chat tester's "And Oppenheimer?" had been
    # searched with Barbie's words and answered with AMC's stock. Any other points back.
    own = len(named) == 1 and all(p.start() > frame.rfind(named[0]) and _possessive(p) for p in pointing)
    if pointing and not own:
        return None
    if period_asked:
        # "What about October?" after "Who was elected House Speaker in January?".
        if period:
            return frame.replace(period, period_asked, 1)
        return f"{frame.rstrip(' ?.!')} {period_asked}?"
    if len(named) != 1:
        return None
    asked_kind = WHICH_KIND.match(frame)
    if asked_kind and any(name.split()[-1].lower().rstrip("s") == asked_kind.group(1).lower() for name in names):
        # The name is one of the kind the frame asks which of: "What about Signature Bank?" after
        # "Which bank's assets were seized by the FDIC?" asks of that bank, not who seized them (a
        # Discord probe's had been read "… seized by the Signature Bank?").
        return None
    old = named[0]
    start = frame.rfind(old)
    new = " and ".join(names)
    if re.match(r"[’']s\b", frame[start + len(old) :]):
        # The frame gives the possessive: "What about Hawaiian's?" after "Who is Alaska's CEO?" had
        # been read "Who is Hawaiian's's CEO?" (a chat tester's). Elsewhere a name keeps its own
        # ("What about McDonald's?" after "Who is the CEO of Starbucks?", a review's).
        new = " and ".join(re.sub(r"[’']s$", "", name) for name in names)
    elif re.search(r"[’']s$", old) and not re.search(r"[’']s$", new):
        new += old[-2:]  # "Apple’s stock" after "What about Microsoft?" is "Microsoft’s stock"
    return frame[:start] + new + frame[start + len(old) :]


def _last_full_question(history: Sequence[Turn]) -> str | None:
    """The question a period alone ("And in May?") asks again: the last one, as it was read when it
    too gave only names or a period ("What about Ukraine?" after "What is happening in Gaza?" is
    "What is happening in Ukraine?"), past any that went on with it saying little of its own ("And
    in Jerusalem?", "Why?"). None when that one names nothing and no period ("Who is the CEO?"): it
    leans on an earlier turn's story, which the conversation's names carry. (An editor's "and in
    May?" after it had been read as the conversation's first question in May.) A loop, not a
    recursion: a long history of periods alone had reached Python's limit (a review's)."""
    since: list[str] = []  # the names-or-period-only follow-ups after the frame, last first
    for turn in reversed(history):
        question = turn.question
        if _only_names(question) or _only_period(question):
            since.append(question)
            continue
        if CONTINUATION.match(question) or asks_nothing(question) or len(WORDS.findall(question)) <= 2:
            continue
        if not (names_in(question) or written_period(question)):
            return None
        frame: str | None = question
        for follow_up in reversed(since):
            frame = _asked_again(_only_names(follow_up), _only_period(follow_up), frame)
        return frame
    return None


def _after_opener(question: str) -> str | None:
    """What a follow-up says after its opener ("What about", "And"); None without one."""
    opener = ABOUT.match(question)
    if opener is None or not opener.group().strip():
        return None
    return question[opener.end() :].strip(" ?.!")


def only_a_thing(question: str) -> bool:
    """The follow-up says nothing after its opener but a thing ("What about the strike?", "And
    the ferry?"): no period, no question word, no pronoun."""
    rest = _after_opener(question)
    if not rest or _only_period(question) or PERSONAL_PRONOUN.search(rest):
        return False
    return all(word.lower() in ("the", "a", "an") or word.lower() not in stopwords() for word in WORDS.findall(rest))


def _only_period(question: str) -> str | None:
    """The period a follow-up gives after its opener when that is all it says ("What about
    October?" gives "in October", "And last week?" "last week"); None otherwise."""
    rest = _after_opener(question)
    if not rest:
        return None
    # A month alone is no time expression; "in" makes it one.
    return next((said for said in (rest, f"in {rest}") if written_period(said) == said), None)


def _only_names(question: str) -> list[str]:
    """The names a follow-up gives after its opener ("What about", "And"), when that is all it
    says ("What about the US Open?"); [] otherwise ("What about the hospitals in Gaza?")."""
    rest = _after_opener(question)
    if rest is None:
        return []
    names = names_in(rest)
    leftover = rest
    for name in names:
        leftover = leftover.replace(name, " ")
    return names if names and not re.sub(r"\b(?:the|and|or)\b|,|[’']s\b", " ", leftover).strip() else []


def carry_entities(
    question: str, history: Sequence[Turn], limit: int = 4, follows: bool = False, as_of: date | None = None
) -> str:
    """The follow-up plus the names of the previous question (then its answer) it lacks, and the
    period asked about (see carried_over). With `follows`, read as a follow-up whatever its words.

    "What did he say after that?" after "Who did Blinken meet in Ramallah?" becomes
    "What did he say after that? Blinken Ramallah".
    """
    names, period = carried_over(question, history, limit, follows, as_of)
    carried = [*names, *([period] if period else [])]
    if period and MOVED_PERIOD.fullmatch(period) and SHIFT.search(question):
        # The dates say the move now; its words would be searched for ("week", "later"), and a
        # probe's "And the week before?" quoted The Week's "weekly Good News Newsletter".
        question = re.sub(r"\s+([?.!])", r"\1", re.sub(r"\s+", " ", SHIFT.sub(" ", question))).strip()
    return f"{question} {' '.join(carried)}" if carried else question


def conversation_subject(question: str, history: Sequence[Turn]) -> list[str]:
    """The names of the question that named the story a follow-up goes on with, as far as they
    are carried: what "Read as a follow-up about …" tells the user."""
    carried, _ = carried_over(question, history, follows=True)
    if not carried:
        return []
    story = _story_question(_back_to_the_subject(history))
    return [name for name in [*names_in(story), *story_words(story, question.lower())] if name in carried]


def declined_story(question: str, history: Sequence[Turn]) -> str | None:
    """The question that named the story a follow-up goes on with, when it was declined and the
    follow-up asks for no other time: "Who bought it?" after "What did Rubiales do?" (declined) has
    nothing the articles hold to go on, while "What about two weeks later?" may find the story then."""
    if not history or _asks_only_when(question) or MOVES_IN_TIME.search(question) or SHIFT.search(question):
        return None
    walked = _back_to_the_subject(history)
    # Answered on the way ("What about last week?" found it then), the story is alive.
    return None if any(turn.answer for turn in walked) else walked[-1].question


def carried_over(
    question: str, history: Sequence[Turn], limit: int = 4, follows: bool = False, as_of: date | None = None
) -> tuple[list[str], str | None]:
    """The names (at most `limit`) and the period a follow-up takes from the conversation; with
    `follows`, a question read as a follow-up whatever its words (see carry_entities). With `as_of`,
    a period moved by the follow-ups ("And the week before?") is carried as its dates."""
    if not history or not (follows or is_follow_up(question, history)):
        return [], None
    walked = _back_to_the_subject(history)
    last = history[-1]
    present = question.lower()
    story_names = names_in(_story_question(walked))
    carried = [name for name in story_names if name.lower() not in present]
    # A question read as going on with the story only by the articles (`follows`) takes the story's
    # names, not its last answer's: "NEW YORK", "Death" and the rest led "How did the markets
    # react?" to the bank's sale, not to the markets.
    # Nor one that only moves in time ("What about a week later?"): it asks for the story then,
    # and an answer's "Oprah" or "BBC" declined it as no article of that week mentioning them.
    # "Who bought it?" after "svb collapse": "it" is the thing the story's question names, not the
    # people its answer does (a probe's chat went on about Biden and Trump, whom the answer named).
    pronouns = {p.lower() for p in PRONOUNS.findall(question)}
    of_the_named = bool(carried) and bool(pronouns) and pronouns <= {"it", "its"}
    # Nor one asking the story's count ("how many people died?"): the last answer's "Maui County’s",
    # "Lahaina" and "West Maui" kept the newest toll, which writes "Maui", from being found (a chat
    # probe's answer was Aug 9's 36 dead where Aug 16 said 106).
    counts = expected_answer(question) is AnswerType.NUMBER and not pronouns
    if (
        not follows
        and not counts
        and not _asks_only_when(question)
        and (pronouns or len(question.split()) <= 6)
        and not of_the_named
    ):
        # Not "Earlier" or "Jul" from the answer's own day labels ("Earlier reporting (Nov 28, 2022): …").
        answer_names = names_in(QUOTE_LABEL.sub("", _recent_quotes(last.answer, as_of)), quotes=True)
        # "Silicon Valley Bank’s" is the bank again.
        bare = {_without_possessive(name) for name in carried}
        for name in answer_names:
            # "The Tonight Show …" carried would be read as a period: "Searched: Tonight".
            if written_period(name):
                continue
            if name.lower() not in present and _without_possessive(name) not in bare:
                carried.append(name)
                bare.add(_without_possessive(name))
    # "What about Netanyahu?" after "… this week?" asks about this week too: the latest period of
    # the questions walked back through. Not a follow-up that moves in time or asks for the latest,
    # nor after a question that only asked about that period and found nothing there: "what about
    # last week?", declined, then "And who did they beat?" is about the story, not last week.
    said = next((turn for turn in walked if written_period(turn.question)), None)
    period = written_period(said.question) if said else None
    moves = MOVES_IN_TIME.search(question) or ASKS_LATEST.search(question)
    tried = said is not None and not said.answer and _only_moves_in_time(said.question)
    carried_period = period if period and not written_period(question) and not moves and not tried else None
    # A country written as a name says little of the story: "How many flamingos did Hurricane
    # Idalia blow across the US?" is about flamingos (a chat's "Where did they come from?" had
    # been searched with "Hurricane Idalia US", and answered with the storm's landfall).
    telling = [name for name in story_names if name.lower().rstrip(".") not in OWN_COUNTRY]
    if (len(telling) <= 1 and PRONOUNS.search(question)) or not (story_names or carried):
        # What "it" is, when the story's question names little: a chat probe's "how big was it?"
        # after "what was the chinese balloon thing" was searched with "Chinese" alone, and
        # "how did they find him?" after "Has the escaped prisoner in Pennsylvania been caught yet?"
        # with "Pennsylvania" (and the last answer's names). And what the story is when nothing else
        # names it: a chat's "how many people got sick" after "what flour is linked to
        # the salmonella outbreak" had been searched alone, and answered with Covid boosters.
        carried = [*carried[:limit], *story_words(_story_question(walked), present)]
        limit += STORY_WORDS
    if as_of is not None and said is not None and not written_period(question):
        # "And the week before?" after "… this week?": that week moved back, said as dates.
        moved = _moved_period(said, walked, question, as_of)
        if moved is not None:
            carried_period = moved
    return carried[:limit], carried_period


def _story_question(walked: Sequence[Turn]) -> str:
    """The question that named the story, without words saying a new one comes: after "Unrelated:
    what did an FDA panel recommend about the Opill birth control pill?", "what was the vote" had
    been declined, no article writing "Unrelated" (a chat tester's)."""
    return without_small_talk(walked[-1].question)


STORY_WORDS = 2
# Names of the country most questions are asked in, which tell no story (see carried_over).
OWN_COUNTRY = frozenset({"us", "u.s", "usa", "u.s.a", "america", "uk", "u.k", "britain"})
STORY_THING_ZIPF = 4.5  # "balloon" 3.9, "prisoner" 4.2, "earthquake" 4.15; not "thing", "caught", "people"


def story_words(question: str, present: str) -> list[str]:
    """The story question's rarest plain words (at most STORY_WORDS, in its order) that the
    follow-up (`present`, lower-cased) lacks: what its story is about, when it names little."""
    plain = [
        word
        for word in WORDS.findall(question)
        if word.islower() and len(word) > 3 and word not in present and not common_word(word)
    ]
    # Ties by the word: a set's order changes from one process to the next.
    rare = sorted(
        {w for w in plain if zipf_frequency(w, "en") < STORY_THING_ZIPF}, key=lambda w: (zipf_frequency(w, "en"), w)
    )
    kept = set(rare[:STORY_WORDS])
    return [w for i, w in enumerate(plain) if w in kept and w not in plain[:i]]


def _recent_quotes(answer: str, as_of: date | None) -> str:
    """The answer without its quotes dated more than OLD_NEWS_DAYS before as_of (or, with no as_of,
    before its newest dated quote): old reporting an answer quoted for want of better says nothing
    of the story now, and its names carried on lead the next question away. A probe's "Who scored
    the goal?", after the Women's World Cup final, got 2022 quotes about Gareth Bale, and "What
    about the men's team?" was then searched with "Bale Real Madrid's UEFA Champions League Final
    Liverpool". A quote with no label of its own is of the day labelled before it (see
    extractive._cite_over_time and _background_labelled). A label without its year is of as_of's."""
    pieces = re.split(r"(?<=\])\s+", answer)
    days: list[date | None] = []
    day: date | None = None
    for piece in pieces:
        if QUOTE_LABEL.match(piece):
            day = _label_day(piece, as_of)
        days.append(day)
    known = [d for d in days if d is not None]
    if not known:
        return answer
    reference = as_of or max(known)
    return " ".join(p for p, d in zip(pieces, days, strict=True) if d is None or (reference - d).days <= OLD_NEWS_DAYS)


def _label_day(piece: str, as_of: date | None) -> date | None:
    """The day a quote's label gives ("On Jun 26, 2022: …", "As of Jul 14: …"), its year as_of's
    when it has none; None when that cannot be told."""
    found = LABEL_DAY.search(piece)
    if found is None:
        return None
    month, day, year = found.groups()
    if year is None and as_of is None:
        return None
    try:
        return datetime.strptime(f"{month} {day} {year or as_of.year}", "%b %d %Y").date()  # type: ignore[union-attr]
    except ValueError:
        return None


def _without_possessive(name: str) -> str:
    return re.sub(r"[’']s?$", "", name)


def _moved_period(said: Turn, walked: Sequence[Turn], question: str, as_of: date) -> str | None:
    """The period of `said` moved by the follow-ups after it and by this question ("a week later",
    "the month before", "the previous day"), as "between YYYY-MM-DD and YYYY-MM-DD" (or "on YYYY-MM-DD"); None when
    none of them moved it by a unit of time."""
    span = resolve_time_range(said.question, as_of)
    if span is None:
        return None
    later = list(reversed(walked[: walked.index(said)]))  # the turns after it, oldest first
    moves = [(text, shift) for text in [*(turn.question for turn in later), question] if (shift := _shift(text))]
    if not moves:
        return None
    start, end = span.start, span.end
    for text, shift in moves:
        if _whole_unit(text) and start + abs(shift) > end + timedelta(days=1):
            # "And the week before?" after "… on August 23?" is the week before it, Aug 16–22,
            # not Aug 16 alone; "a week earlier" is a day a week earlier.
            backward = start + shift < start
            start, end = (
                (start + shift, start - timedelta(days=1)) if backward else (end + timedelta(days=1), end + shift)
            )
        else:
            start, end = start + shift, end + shift
    if start > as_of:
        return None  # days still to come: nothing was published then
    end = min(end, as_of)
    # One day is said as one: "between 2023-03-11 and 2023-03-11" had been shown to a probe.
    return f"on {start.isoformat()}" if start == end else f"between {start.isoformat()} and {end.isoformat()}"


def asks_for_a_period(question: str) -> bool:
    """The question names a period ("in October", "What about December?") or moves from the last
    one ("And the week before?", "a month later")."""
    return bool(written_period(question) or SHIFT.search(question) or _only_period(question))


def _whole_unit(text: str) -> bool:
    """The follow-up moves to a whole unit of time ("the week before", "the following month"),
    not by one ("a week later")."""
    match = SHIFT.search(text)
    return match is not None and match["dir"] is None


def _shift(text: str) -> relativedelta | None:
    """How far a follow-up moves in time: "a week later" +1 week, "the day before" -1 day, "two
    months earlier" -2 months, "the following week" +1 week."""
    match = SHIFT.search(text)
    if match is None:
        return None
    count = match["count"] or "one"
    number = int(count) if count.isdigit() else NUMBER_WORD_VALUES.get(count.lower(), 1) or 1
    unit = (match["unit"] or match["unit2"] or match["unit3"]).lower()
    direction = (match["dir"] or match["dir2"] or match["dir3"]).lower()
    sign = -1 if direction in ("before", "earlier", "previous", "prior") else 1
    return relativedelta(**{f"{unit}s": sign * number})


def _back_to_the_subject(history: Sequence[Turn]) -> list[Turn]:
    """The turns from the last back to the one that names the conversation's subject, through
    questions that name nothing and went on with its story: they only moved in time ("What about
    last week?"), point back to it ("Who is leading it?"), say nothing of their own ("Why?"), take
    up its words ("What caused the fire to spread?") or were answered from it (see _stayed_on).
    After "What is the latest on the UAW strike?", those, and "What did they demand?", are still
    about the UAW. Any other question ends the walk, names or not: after "what about hurricane
    idalia?" (no capitals), the Lahaina question before it is another story."""
    walked: list[Turn] = []
    for index in range(len(history) - 1, -1, -1):
        turn = history[index]
        walked.append(turn)
        if names_in(turn.question) or index == 0:
            break
        refers_back = PERSONAL_PRONOUN.search(_without_period(turn.question)) is not None
        # With no word rarer than any story holds ("Why?", "How many people died?"), it had nothing
        # of its own to search and was read with the story (AnswerService._reading), answered or
        # declined, whatever its answer wrote: a probe's chat about Lahaina went on to "What caused
        # the fire?" about the Moku'ula palace that answer named. Not "what's the inflation rate?",
        # read on its own. (This holds every question _bare does, its words being commoner still.)
        plain = all(zipf_frequency(word.lower(), "en") >= STORY_WORD_ZIPF for word in WORDS.findall(turn.question))
        moved = _only_moves_in_time(turn.question)
        if not (moved or refers_back or plain or _stayed_on(turn, history[:index])):
            break
    return walked


def _stayed_on(turn: Turn, earlier: Sequence[Turn]) -> bool:
    """A question naming nothing that went on with the story before it: it takes up a word of the
    questions asked so far (picks_up), or its answer writes a name of the last question that named
    one ("How did the markets react?", answered with SVB's passages)."""
    if picks_up(turn.question, [t.question for t in earlier]):
        return True
    subject = next((t for t in reversed(earlier) if names_in(t.question)), None)
    if subject is not None:
        return any(_writes(turn.answer, form) for name in names_in(subject.question) for form in _with_initials(name))
    # Of a story whose questions name nothing, its words: after "what flour is linked to the
    # salmonella outbreak", "how many people got sick", answered of the outbreak, went on with it,
    # and "how many states" after it too (a chat's had been searched alone).
    told = story_words(earlier[-1].question, turn.question.lower()) if earlier else []
    return any(_writes(turn.answer, word) for word in told)


def _with_initials(name: str) -> list[str]:
    """The name, and its initials when it has three words or more: an answer about "Silicon Valley
    Bank" writes "SVB" as often (a chat tester's "how big was the bank", after "how much is insured
    per account" was answered of SVB, had been read as about "insured")."""
    words = name.split()
    return [name, "".join(w[0] for w in words)] if len(words) >= 3 and all(w[:1].isupper() for w in words) else [name]


def _writes(text: str, name: str) -> bool:
    """The text writes the name as a whole word ("Fed" is not in "Federal", "Ian" not in "Brian")."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def _asks_only_when(question: str) -> bool:
    """The question moves in time ("What about a week later?", "And the week before?", "What is
    the latest?") and says nothing else: no "he" or "they" for an answer's names to tell."""
    moves = MOVES_IN_TIME.search(question) or SHIFT.search(question) or ASKS_LATEST.search(question)
    if PERSONAL_PRONOUN.search(question) or not (moves or written_period(question)):
        return False
    return _only_moves_in_time(question)


def _only_moves_in_time(question: str) -> bool:
    """The question says nothing but when: "What about last week?", "And before that?", "What
    is the latest?"."""
    if _only_period(question):  # "What about December?": a month alone is no written period
        return True
    rest = ASKS_LATEST.sub(" ", MOVES_IN_TIME.sub(" ", SHIFT.sub(" ", _without_period(question))))
    return is_follow_up(question) and not content_terms(rest)


def _without_period(question: str) -> str:
    period = written_period(question)
    return question.replace(period, " ") if period else question
