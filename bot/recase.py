"""Capitals for a question typed without them ("who is jenny waterford").

The decline checks find a question's names by their capitals ("Jenny Waterford": two capitalised
words that some article must write together). In a chat, questions often come in lower case,
and an invented name then went unchecked: "who killed jenny waterford" was answered with a list
of prize winners. Such a question gets each word's capitals as the archive writes it (bot/answer.py
reads them from the articles), so the checks see the names they would see had it been typed with
capitals.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from bot.respell import casual_word
from newsdesk.text import sentence_spans, stopwords

# A word as the name checks read it: letters, digits, and apostrophes or hyphens inside.
TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
UNKNOWN = ""  # what a word's written form is when no article holds the word
# Zipf frequency (log10 of uses per billion words) from which a word is plain English: "router"
# 3.5, "reset" 3.8, "tell" 5.5; invented or rare surnames score below ("halloway" 1.7, most 0).
PLAIN_WORD_ZIPF = 3.5


def typed_in_capitals(question: str) -> bool:
    """Every letter a capital, in two words or more ("WHO WON THE MASTERS?"): the case tells
    nothing of the names. Not one acronym alone ("SVB?")."""
    words = [m.group() for m in TOKEN.finditer(question) if any(c.isalpha() for c in m.group())]
    # Capitals, not a script without case ("ما هي الأخبار", whose lower case is itself).
    return len(words) >= 2 and any(c.isupper() for c in question) and not any(c.islower() for c in question)


# Acronyms that are English stop words too, which lower case would lose: "WHAT ABOUT THE US OPEN?"
# had been read as a follow-up about the Masters (a review's).
STOPWORD_ACRONYMS = frozenset({"US", "UK", "UN", "EU"})
# "may" is the month after a word that leads a date, or before a day: "IN MAY", "MAY 5" (a review's
# "WHAT DID THE FED DECIDE IN MAY?" had lost its month), not "WHO MAY RUN?".
MONTH_MAY = re.compile(
    r"\b(?P<lead>(?:in|on|since|during|of|until|till|before|after|from|by|through|early|mid|late|last|this|next)\s+)may\b"
    r"|\bmay(?=\s+\d)"
)


def _from_capitals(recased: str) -> str:
    """A question typed in capitals, recased from lower case, with what lower case loses put back."""
    acronyms = "|".join(a.lower() for a in sorted(STOPWORD_ACRONYMS))
    recased = re.sub(rf"\b(?:{acronyms})\b", lambda m: m.group().upper(), recased)
    return MONTH_MAY.sub(lambda m: f"{m['lead'] or ''}May", recased)


def typed_without_capitals(question: str) -> bool:
    """No capital letter but at the start of a sentence, in "I", or in an acronym: the case tells
    nothing of the names. "what did SVB ceo sarah brightwater say" writes "SVB" as people write
    it, and its name in lower case all the same. Nor does it in Title Case (typed_in_title_case)."""
    if typed_in_title_case(question):
        return True
    starts = {start for start, _ in sentence_spans(question)}
    for match in TOKEN.finditer(question):
        word = match.group()
        if word.isupper():  # "SVB", "CEO", "I"; a question typed in capitals too
            continue
        if any(c.isupper() for c in word[1:]) or (word[0].isupper() and match.start() not in starts):
            return False
    return any(c.isalpha() for c in question)


# Words of time stay as typed, but for one right after a name's word ("memorial day", "jenny
# day"). The chunks that use "day" most are about Memorial Day and Mother's Day, so the archive
# "writes it" as "Day": a chat's "and what about the day after?" became a question naming "Day",
# and the next follow-up was read as about it. The period is read from them whatever their case.
CALENDAR_WORDS = frozenset(
    {"day", "days", "week", "weeks", "weekend", "month", "months", "year", "years", "decade", "century"}
    | {"hour", "hours", "minute", "minutes", "morning", "afternoon", "evening", "night", "tonight"}
    | {"today", "tomorrow", "yesterday", "season", "quarter"}
)
# At least this many words after a sentence's first, for a question to be read as Title Case.
# What people say rather than name, which the archive writes with capitals ("OK" in headlines): a
# chat probe's "is he ok now?" made "OK" the story every later follow-up was read about.
SAID_NOT_NAMED = frozenset({"ok", "okay", "yes", "yeah", "no", "nope", "lol", "please", "thanks", "hi", "hey"})
TITLE_CASE_WORDS = 2
QUESTION_WORDS = frozenset(
    {"who", "whom", "whose", "what", "which", "when", "where", "why", "how", "did", "does", "do", "is", "are"}
    | {"was", "were", "will", "can"}
)


def typed_in_title_case(question: str) -> bool:
    """Every word capitalised, as headlines are written ("What Happened To Silicon Valley Bank?"):
    the capitals tell nothing of the names. A probe's "Who Won The Super Bowl?" was declined for
    the name "Won The". Acronyms ("FBI") and a sentence's first word are left out of the count,
    and it takes a capitalised stop word ("To", "The") or a question ("Which Bank Collapsed?"):
    a name alone ("Silicon Valley Bank", a timeline's topic) is capitalised anyway."""
    starts = {start for start, _ in sentence_spans(question)}
    tokens = list(TOKEN.finditer(question))
    words = [
        m.group() for m in tokens if m.start() not in starts and not m.group().isupper() and m.group()[0].isalpha()
    ]
    if len(words) < TITLE_CASE_WORDS or not all(word[0].isupper() for word in words):
        return False
    asks = tokens[0].group().lower() in QUESTION_WORDS
    return asks or any(word.lower() in stopwords() for word in words)


def recase(question: str, written_form: Callable[[str], str | None]) -> str:
    """The question with each word as the archive writes it when it writes it with capitals
    (`written_form`: that form, None for a word it writes in lower case, UNKNOWN for one no
    article holds). A word no article holds is a name when it is rare in English too
    ("tillbrook" -> "Tillbrook"), and no typo of a common word: in a small archive plenty of
    plain words are in no article ("reset my router password"). Stop words and numbers stay as typed, and a
    possessive keeps its "'s"."""
    if typed_in_title_case(question):  # read as if typed in lower case, but for its acronyms
        question = TOKEN.sub(lambda m: m.group() if m.group().isupper() else m.group().lower(), question)
    elif typed_in_capitals(question):
        # Read as if typed in lower case: an editor's "WHO WON THE MASTERS?" was declined as no
        # article mentioning "WON". Its acronyms are found again as the archive writes them.
        return _from_capitals(recase(question.lower(), written_form))
    stop = stopwords()
    cased: list[tuple[re.Match[str], str]] = []  # each word given capitals, with its form
    named_until = -1  # where the last word given capitals ends
    for match in TOKEN.finditer(question):
        word, suffix = _possessive(match.group())
        if word.lower() in stop or word.lower() in SAID_NOT_NAMED or any(c.isdigit() for c in word):
            continue
        # An acronym stays as typed: a chat's "why is the 10 freeway in LA closed" had made it the
        # archive's "La", and its follow-up was declined as no article mentioning "La".
        if len(word) > 1 and word.isupper():
            named_until = match.end()
            continue
        # A word of time is a name's only right after a word of one: "memorial day", "jenny day".
        if word.lower() in CALENDAR_WORDS and not (
            named_until >= 0 and question[named_until : match.start()].isspace()
        ):
            continue
        form = written_form(word.lower())
        # A British spelling of a plain word ("colour") is no name where the archive writes that
        # word in lower case its American way: the UK outlets' headlines had written "Colour", and
        # a chat's "the first woman of colour" was declined as no article mentioning "Colour".
        if form and form[:1].isupper() and (us := american_spelling(word.lower())) and written_form(us) is None:
            form = None
        # Nor a typo of a common word ("mnay"): read as a name, a chat's follow-ups carried it, and
        # were declined as no article mentioning "Mnay" (a chat probe's).
        if form == UNKNOWN and not plain_english(word.lower()) and not casual_word(word.lower()):
            form = word[:1].upper() + word[1:]
        if form:
            cased.append((match, form + suffix))
            named_until = match.end() if form[:1].isupper() else -1
    pieces, last = [], 0
    for match, form in _without_common_phrases(question, cased):
        pieces.extend([question[last : match.start()], form])
        last = match.end()
    pieces.append(question[last:])
    return "".join(pieces)


# From this Zipf frequency a word is among English's commonest ("high" 5.75, "school" 5.71; not
# "white" 5.51, "york" 5.37, "cup" 5.11).
COMMON_PHRASE_ZIPF = 5.6


def _without_common_phrases(question: str, cased: list[tuple[re.Match[str], str]]) -> list[tuple[re.Match[str], str]]:
    """The capitals given, but for a run of two or more words given them that are all among the
    commonest: "high school" is written "High School" in the chunks that hold it most (school
    names), and a chat probe's "how many points did he score" was read as a follow-up "about High
    School" after "what sport did he play in high school". "the house" alone stays "the House",
    "new hampshire" "New Hampshire", and a run with an acronym ("us house") is the name."""
    from wordfreq import zipf_frequency

    runs: list[list[tuple[re.Match[str], str]]] = []
    for item in cased:
        if runs and question[runs[-1][-1][0].end() : item[0].start()].isspace():
            runs[-1].append(item)  # the next word: one run
        else:
            runs.append([item])
    return [
        item
        for run in runs
        if len(run) < 2
        or any(_possessive(form)[0].isupper() for _, form in run)  # "us house" is the US House (a review's)
        or not all(zipf_frequency(_possessive(m.group())[0].lower(), "en") >= COMMON_PHRASE_ZIPF for m, _ in run)
        for item in run
    ]


# British endings and their American forms, tried in turn: "colour", "favourite", "analyse",
# "organise", "catalogue", "programme". Not "centre", "theatre" or "defence", nor "labour" and
# "harbour": words of names as often ("Centre Court", "the National Theatre", "Labour", a review's).
BRITISH_ENDINGS = (
    (re.compile(r"our(?=s?$|ed$|ing$|ite|able|ful|less)"), "or"),
    (re.compile(r"yse(?=[sd]?$)|ysing$"), "yze"),
    (re.compile(r"is(?=e[sd]?$|ing$|ation)"), "iz"),
    (re.compile(r"ogue(?=s?$)"), "og"),
    (re.compile(r"mme(?=s?$)"), "m"),
)
BRITISH_NAMES = frozenset({"labour", "harbour", "endeavour"})
MIN_BRITISH_LETTERS = 6  # not "four" → "for", "hours", "tours"


@functools.cache
def american_spelling(word: str) -> str | None:
    """The American spelling of a plain English word spelt the British way ("colour" → "color"),
    when English writes that one too; None for any other word ("four", "hour", "fence", "advise")."""
    if len(word) < MIN_BRITISH_LETTERS or word in BRITISH_NAMES or not plain_english(word):
        return None
    for ending, american in BRITISH_ENDINGS:
        changed = ending.sub(american, word, count=1)
        if changed != word:
            # "ysing" is one ending whose American form keeps its "ing".
            changed = changed.replace("yzeing", "yzing")
            return changed if changed not in stopwords() and plain_english(changed) else None
    return None


@functools.cache
def plain_english(word: str) -> bool:
    """A word English text uses often ("router": about 3 in a million words), not a rare name."""
    from wordfreq import zipf_frequency  # its word lists load in ~0.2 s: only when needed

    return bool(zipf_frequency(word, "en") >= PLAIN_WORD_ZIPF)


def _possessive(word: str) -> tuple[str, str]:
    """("jenny", "'s") for "jenny's": the archive is asked about the name."""
    for suffix in ("'s", "’s"):
        if word.lower().endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)], word[-len(suffix) :]
    return word, ""
