"""What kind of answer a question asks for, and whether a sentence holds one.

"How many…" wants a number, "Which country…" a place name, "Who…" a person: a sentence
that restates the question without that is no answer, however similar it is. The cues are
a table, matched on the question's words; questions that match none get no preference.
"""

from __future__ import annotations

import enum
import re

from bot.text import WORD


class AnswerType(enum.Enum):
    NUMBER = "number"
    YEAR = "year"
    NAME = "name"  # a person, place, team, company, title: a capitalised name


# Checked in order; the first that matches the question wins.
_CUES: tuple[tuple[AnswerType, re.Pattern[str]], ...] = (
    (AnswerType.YEAR, re.compile(r"\b(what|which|in what|since what) year\b|\bsince when\b|\bwhat decade\b", re.I)),
    (
        AnswerType.NUMBER,
        re.compile(
            r"\bhow (many|much|old|long|far|tall|big|high|fast|often)\b|\bwhat (age|percentage|percent|share|"
            r"proportion|number|amount|price|score|temperature|sum|total)\b|\bby how\b|\bwhat was the (cost|toll)\b",
            re.I,
        ),
    ),
    (
        AnswerType.NAME,
        re.compile(
            r"\b(who|whom|whose)\b|\bwhere\b|\b(which|what)( \w+)?( \w+)? (country|countries|state|city|cities|"
            r"capital|nation|region|island|province|county|town|continent|team|company|companies|firm|brand|"
            r"chain|retailer|airline|bank|club|band|singer|rapper|actor|actress|star|player|leader|president|"
            r"minister|politician|billionaire|ceo|executive|artist|author|writer|director|musician|athlete|"
            r"person|man|woman|film|movie|show|series|album|song|book|novel|newspaper|network|party|"
            r"group|organization|organisation|agency|university|school|court|judge|senator|governor|"
            r"mayor|king|queen|prince|princess|pope|celebrity|comedian|host|coach|manager|quarterback)\b",
            re.I,
        ),
    ),
)

# fmt: off
NUMBER_WORDS = frozenset(
    {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
        "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion",
        "trillion", "dozen", "dozens", "hundreds", "thousands", "millions", "billions", "half", "quarter",
    }
)
# Capitalised, but not names: a sentence saying when is no answer to "which country".
NOT_NAMES = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "i", "mr", "mrs", "ms", "dr",
    }
)
# fmt: on
YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)s?\b")


def expected_answer(question: str) -> AnswerType | None:
    """The kind of answer the question asks for, or None when no cue says."""
    for kind, cue in _CUES:
        if cue.search(question):
            return kind
    return None


def holds_answer(sentence: str, kind: AnswerType | None, question: str) -> bool:
    """True when the sentence contains something of the asked kind that the question lacks."""
    if kind is None:
        return False
    asked = {token.lower() for token in WORD.findall(question)}
    tokens = [t for t in WORD.findall(sentence) if t.lower() not in asked]
    if kind is AnswerType.YEAR:
        return any(YEAR.fullmatch(t) for t in tokens)
    if kind is AnswerType.NUMBER:
        return any(any(ch.isdigit() for ch in t) or t.lower() in NUMBER_WORDS for t in tokens)
    # A name: a capitalised word other than the sentence's first (which is capitalised anyway).
    first = WORD.search(sentence)
    start = first.end() if first else 0
    return any(
        t[0].isupper() and t.lower() not in NOT_NAMES for t in WORD.findall(sentence[start:]) if t.lower() not in asked
    )
