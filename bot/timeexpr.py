"""Time expressions in news questions ("this week", "in January", "since May 2023") → date ranges.

A question is asked *as of* a date, which is "today" for the asker. `resolve_time_range` finds the
time expression the question uses and turns it into an inclusive `start..end` range; nothing after
`as_of` is ever in range (ends are clamped to `as_of`, and a range that starts after it is dropped).

How it works: `_RULES` below is a table of (name, regex, resolver). Every rule is run over the
question; overlapping hits are settled longest-first (so "the day before yesterday" beats
"yesterday", "since May 2023" beats "May 2023", and the "not a date" rule's "Black Friday" beats
"Friday"). A resolver may decline (return None) — the text is then still claimed, so a shorter rule
cannot match inside it ("July 4, 1776" must not become the most recent July 4). Of the ranges left,
the most specific one — the shortest — wins; ties go to the latest end, then to the earliest in the
question. So "arrested Monday ... this week" gives Monday, "in 2022 ... this week" gives the week.
A range of the last week also beats any range wholly before it: "the January 6, 2021, attack ...
this week" asks about this week's news, the older date only names the subject.

Semantics (all matching is case-insensitive, on whole words: "weekly", "monthly", "Mayor",
"30-day", "Weekend Update" don't match):

- today / tonight / this morning → as_of; yesterday → as_of-1; the day before yesterday → as_of-2;
  last night → as_of-1 .. as_of (the night straddles both dates).
- this week / earlier this week / this past week / the past week / over the week → as_of-7 .. as_of:
  the 7 days ending on as_of plus a day of slack (quizzes published Thursday/Friday ask about the
  previous several days). last week / the previous week → as_of-14 .. as_of-7, or on to the Sunday
  that ended the last calendar week when that is later (asked on a Tuesday, Sunday was last week).
- this weekend / over the weekend → the most recent Sat–Sun on or before as_of (clamped: asked on a
  Saturday it is that Saturday only); asked of the future on a weekday ("will open", "opens in
  theaters this weekend"), the weekend to come. last weekend / this past weekend → the same, except
  that asked on a Saturday or Sunday it is the weekend before.
- N days ago → that day; N weeks ago → the 7 days centred on as_of-7N; N months ago (N said exactly,
  not "a few" or "more than two") → the 15 days centred on that day, unless compared with ("up 4%
  from a month ago", "higher than it was a month ago"). (No "years ago": "Four
  score and seven years ago" is a quotation, not a date; nor "a year ago" alone, which goes with a
  month or an event: "in June a year ago".) "this time last year" → the 15 days centred on as_of's
  day a year before; "a year ago today" / "on this day last year" → that day; "a year ago this
  week" / "this month" → the week ending then (as "this week" is now) / that month.
- Decades: "in the 2010s" → 2010-01-01 .. 2019-12-31 (not "the 90s", as often a temperature).
- "early/mid/late last year" or "this year" → its January–April / May–August / September–December;
  "early/mid/late last month" or "this month" → its 1st–10th / 11th–20th / 21st to its end. "up
  until today", "before today" and "as of today" are no period.
- Quarters: "Q1", "Q3 2022", "the first quarter of 2023" / "of this year" / "of last year" / "of
  the year", "the last (final) quarter of 2022" → its three months; "this quarter" → the quarter
  under way, to as_of; "last quarter" → the one before it. "The fourth quarter", "in the last
  quarter", "his last quarter" and "of last year's Super Bowl" are a game's.
- the past/last N hours|days|weeks|months|years|decades, past N days ("over the last two weeks",
  "in the past 3 days"; N is digits, one..twelve, a/an, few (=3) or couple (=2)) → as_of minus N
  units .. as_of; "the past month" = N of 1. "the last week/month/year of ..." is not a rolling
  window: "the last week of January" is a week of a month (below), "the last year of his term" none.
- recently / lately → the last 30 days; in recent days / weeks / months → the last 7 / 30 / 90 days.
  Their labels read "recent: the last 30 days (…)". The adjective "recent" ("a recent study") and
  "in recent years" are not ranges.
- this month → the 1st of as_of's month .. as_of; last month / the previous month → the previous
  calendar month. this year / earlier this year → Jan 1 .. as_of; last year / the previous year →
  the previous calendar year.
- Weekdays: "Monday" / "on Monday" → the most recent Monday on or before as_of (as_of's own weekday,
  in a question of what was, also the week before: today's news or last week's; "for Tuesday's
  drawing" not of what was is the one to come); "last Monday" /
  "this past Monday" → the most recent Monday strictly before as_of; "this Monday" → the Monday of
  as_of's Monday–Sunday week, and nothing when that day is still to come ("this Sunday's Oscars" asked
  on a Friday). "Black Friday", "Good Friday", "Super Tuesday", … are not dates. A fixture told in
  the present or future ("plays on Sunday", "is on Wednesday night") is of the day to come (never
  searched), or, on as_of's own weekday, of today and the week of previews before it. "by
  Wednesday" ending a clause is a deadline: no period. "Thanksgiving is this week" asks of the week.
- Days: "March 3", "on March 3rd", "3 March", "3rd of March", "March 3, 2023", "Monday, March 6",
  "2023-03-03" (ISO; "2023/03/03" and "2023.03.03" too), "3/6/2023" and "3/6/23" (US month/day/year,
  day first only when the first number can be no month), "15.05.2023" (dotted, always day first)
  and "on 3/6" (US month/day, after "on" only: "3/4 of voters" is a share). "from 1 to 5 March",
  "March 1-5": the days of one month. "03/2023": a month. Month names may be abbreviated
  ("Jan.", "Sept"); "May" must be capitalised because "may" is usually the verb.
- Months: "January 2023", "in January 2023", "in January", "last January"; "in January and
  February" (or "or") from the first to the end of the second. A month or day given
  without a year is its nearest occurrence: the most recent one that has started by as_of ("in
  January" asked on Jan 20 is Jan 1..20; "in December" asked in March is last December) — unless the
  next occurrence is nearer, in which case the asker means an upcoming date ("on February 12" asked
  on Feb 2), which no range can hold, so the expression yields nothing. A question in the past
  tense means the past one unless the next is only days away ("What did the council decide in
  March?" asked in December or February is last March). "last January" is the most
  recent January before as_of's month. A bare month name ("March Madness", "every January") is not
  a range: it needs a day, a year, or "in"/"during"/"since"/…; or, in a question in the past tense,
  to name what happened then after "the" or a possessive ("at its July meeting", "the June jobs
  report").
- Years: "in 2022", "of 2022", "during 2022", "early/mid/late 2022" (Jan–Apr / May–Aug / Sep–Dec),
  or a year standing before a comma or at the end of a sentence ("Eurovision 2023?"). A year on its
  own must be within 1990..as_of's year + FUTURE_YEARS; "in 2024" asked in 2023 yields nothing to
  search (after_as_of names it), and "in 1986", "2000 people" or "the 2023 Golden Globes" nothing.
  (Known miss: "in 2000 homes" reads as the year 2000.) A year in a full date ("January 6, 2021")
  may go back to 1900; "June 19, 1865" yields nothing. An upcoming day, month or year bounds no
  span: "before June" asked in February, "until 2025" and "between 2020 and 2025" yield nothing.
- Spans: "since X" → start of X .. as_of ("since Monday", "since early 2021"); "after X" → the day
  after X .. as_of; "before X" / "until X" / "prior to X" → 1900-01-01 .. the day before X;
  "ahead of X" / "in the run-up (lead-up) to X" / "leading up to X" → the 30 days before X (the 30
  days to as_of, for an X still to come within 90 days), unless the question names a period apart;
  "heading into" / "going into" X too, and "the" and "weekend" around X, where X is a holiday or a
  day ("heading into the July Fourth weekend"), not a year ("going into the 2023 Hall of Fame");
  "between X and Y" / "from X to Y" → start of X .. end of Y; X and Y are any day, month or year
  form above.
- The start / beginning, middle and end of a month ("at the end of February", "the start of last
  month") are its early, mid and late parts; of a year ("the start of the year", "the end of
  2022"), its January and February, June and July, November and December. "Since" one of them
  runs on to as_of; "by the end of …" is a deadline: the month or year it ends when that is over
  by as_of, else no period.
- Weeks of a month or from a day: "the first week of March" (1–7; second 8–14, third 15–21,
  fourth 22–28), "the last week of January" (its last 7 days), "the week of March 6" (March 6–12).
- Holidays: New Year's Day and Eve, Valentine's Day, Halloween, Christmas (Eve, Day) and
  Thanksgiving (the United States'): the latest by as_of, or that of the year named ("Christmas
  2021", "Halloween of 2022", "Christmas in 2021").
- Seasons (northern, by months): "last winter" (Dec–Feb), "in the fall of 2022" (Sep–Nov); "this
  summer" asked in March is to come, and never searched (see _season).
- Not handled (no range): "the week before last". Nor
  upcoming references ("tomorrow", "next week", see upcoming_reference): nothing after as_of is
  searched, so they are left out of the words searched for (strip_time_expression), and the
  articles up to as_of, which preview what is coming, are read. ("later this year" is this year
  up to as_of, as "this year" is.)

Bounds: every range is clamped to FLOOR (1900-01-01) .. as_of. A range that reaches back before FLOOR
("the past 500 decades") starts at FLOOR and its label says so; one wholly outside (a "last month" asked
as of January 1900) is no range. Date arithmetic saturates at the calendar's ends instead of raising,
so no question and no as_of day (date.min and date.max included) can make these functions raise.

Note for callers: the range is the period the question *talks about*. News about a period is
published during or after it ("how many phones were stolen last year, according to new figures"),
so a filter on publication date may want start..as_of rather than start..end.
"""

from __future__ import annotations

import calendar
import contextvars
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from difflib import SequenceMatcher
from typing import TypeAlias

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta
from wordfreq import zipf_frequency

from newsdesk.numbers import NUMBER_WORD_VALUES

__all__ = [
    "TimeRange",
    "later_year",
    "asks_what_happened",
    "months_spelt",
    "resolve_time_range",
    "strip_time_expression",
    "upcoming_reference",
]

FLOOR = date(1900, 1, 1)  # start of open-ended "before X" ranges; the earliest year of a full date
BARE_YEAR_MIN = 1990  # a year standing alone below this is more likely a quantity or history
FUTURE_YEARS = 10
RECENT_DAYS = 30  # "recently", "lately"
CURRENT_DAYS = 7  # a range ending this close to as_of is about the news of now ("this week", "on Monday")
_DAY = timedelta(days=1)
Delta: TypeAlias = timedelta | relativedelta


@dataclass(frozen=True)
class TimeRange:
    start: date  # inclusive
    end: date  # inclusive, never after as_of
    label: str  # human text for the user, e.g. "this week (2023-01-29 to 2023-02-05)"
    matched: str  # the exact substring of the question that was resolved ("this week")


Span = tuple[date, date]

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = "(?:" + "|".join(_WEEKDAY_NAMES) + ")"
_MONTH_NUMBERS = {
    name: i
    for i, name in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
# Full names first so "September" isn't read as "Sep"; "May" is case-sensitive (the verb "may").
# The lookahead keeps "Mayor", "Marches", "Decade" out.
_MONTH = (
    r"(?:january|february|march|april|(?-i:May|MAY)|june|july|august|september|october|november"
    r"|december|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)(?![a-z])"
)
# A day of the month, not part of a bigger number ("3.5", "3:30", "30%").
_DOM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w%]|[.:]\d)"
# A four-digit year 1000..2199 that isn't part of a number, a URL path, a price or "2022-23".
# Years out of range are still matched, so that "July 4, 1776" is claimed whole and yields nothing.
# Or two digits after an apostrophe, as headlines and hurried questions write it ("November '22",
# "in late '22"): a probe's were declined as mentioning "22", which no article does.
_YEAR = (
    r"(?:(?<![\d$£€.,/])(?<!\d-)(?:1\d|2[01])\d\d(?![\w%/]|-\d|[.,]\d)"
    r"|(?<![\w'’])['’]\d\d(?![\w'’%]|[.,]\d))"
)
# Of a year written with two digits, those below this are 2000's.
CENTURY_PIVOT = 50
# The counts _COUNT reads ("one" … "twelve"; not "dozen").
_NUMBER_WORDS = {word: value for word, value in NUMBER_WORD_VALUES.items() if 1 <= value <= 12 and word != "dozen"} | {
    "a": 1, "an": 1, "few": 3, "couple": 2,
}  # fmt: skip
# A count of days, weeks, …: "3", "three", "a few", "the past couple of weeks".
_COUNT = (
    r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|(?:a\s+)?few|(?:a\s+)?couple(?:\s+of)?)"
)
_COUNT_OR_A = rf"(?:{_COUNT}|an|a)"  # "a week ago"


def _number(text: str) -> int:
    words = text.lower().split()
    words = [w for w in words if w != "of"]
    if len(words) > 1 and words[0] == "a":  # "a few", "a couple"
        words = words[1:]
    return int(words[0]) if words[0].isdigit() else _NUMBER_WORDS[words[0]]


def _year_number(text: str) -> int:
    """ "2022" -> 2022; "'22" -> 2022, "'99" -> 1999 (a _YEAR match)."""
    digits = text.lstrip("'’")
    if len(digits) == 2:
        return int(digits) + (2000 if int(digits) < CENTURY_PIVOT else 1900)
    return int(digits)


_MONTH_NAMES = tuple(calendar.month_name[1:])
_MONTH_NAMES_LOWER = frozenset(name.lower() for name in _MONTH_NAMES)
# A word this common in English is a word of its own, not a month misspelt ("junior", "Augusta").
MISSPELT_MONTH_ZIPF = 2.0
# How like a month's name a misspelling must be (difflib's ratio: "Febuary" 0.93, "Setpember"
# 0.89, "marcher" 0.83).
MISSPELT_MONTH_LIKENESS = 0.85
_LONG_WORD = re.compile(r"(?<![\w'’-])[A-Za-z]{5,}(?![\w'’-])")
# Where a month is written: after a word that leads one ("in Febuary", "early Setpember"), or
# before a day or a year ("Febuary 3").
_LEADS_A_MONTH = re.compile(
    r"\b(?:in|during|since|early|mid|late|of|on|last|this|until|till|before|after|by|from|through|to|between|and)\s+$",
    re.IGNORECASE,
)
_DAY_OR_YEAR_NEXT = re.compile(r"\s+(?:\d{1,2}(?:st|nd|rd|th)?\b|\d{4}\b|['’]\d\d\b)")


def months_spelt(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The text with months misspelt where a month is written ("in early Febuary") spelt right,
    and the (word, month) pairs mended. A probe's "Febuary" and "Setpember" were declined as words
    no article mentions (while "Marhc", in no article, was read as the passages write it)."""
    mended: list[tuple[str, str]] = []

    def mend(m: re.Match[str]) -> str:
        word = m.group()
        low = word.lower()
        # Where a month goes first: most long words of a question are in no such place.
        if not (_LEADS_A_MONTH.search(text, 0, m.start()) or _DAY_OR_YEAR_NEXT.match(text, m.end())):
            return word
        if low in _MONTH_NAMES_LOWER or zipf_frequency(low, "en") >= MISSPELT_MONTH_ZIPF:
            return word
        likeness = {name: SequenceMatcher(None, low, name.lower()).ratio() for name in _MONTH_NAMES}
        month = max(likeness, key=likeness.__getitem__)
        if likeness[month] < MISSPELT_MONTH_LIKENESS:
            return word
        mended.append((word, month))
        return month

    return _LONG_WORD.sub(mend, text), tuple(mended)


def _month_number(text: str) -> int:
    return _MONTH_NUMBERS[text.lower()[:3]]


def _earlier(day: date, delta: Delta) -> date:
    """day - delta (delta >= 0), or date.min past the calendar's start: clamped to FLOOR later."""
    try:
        return day - delta
    except (OverflowError, ValueError):  # timedelta raises OverflowError, relativedelta ValueError
        return date.min


def _later(day: date, delta: Delta) -> date:
    """day + delta (delta >= 0), or date.max past the calendar's end: later than any as_of."""
    try:
        return day + delta
    except (OverflowError, ValueError):
        return date.max


def _month_span(year: int, month: int) -> Span | None:
    """The whole month, or None for a year the calendar doesn't have (0, 10000)."""
    if not date.min.year <= year <= date.max.year:
        return None
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _months_span(year: int, first_month: int, count: int) -> Span | None:
    """`count` whole months from `first_month` of `year`, on into the next year if need be (a
    quarter, a season, part of a year); None past the calendar's years."""
    last = first_month - 1 + count - 1
    start, end = _month_span(year, first_month), _month_span(year + last // 12, last % 12 + 1)
    return (start[0], end[1]) if start and end else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # February 30th, February 29th of a common year, month 13 …
        return None


# Whether the question being resolved is in the past tense (set by _resolve, read by
# _nearest): a context variable rather than a parameter of every resolver in _RULES.
_ASKED_IN_PAST: contextvars.ContextVar[bool] = contextvars.ContextVar("asked_in_past", default=False)
# Whether it says what will be ("will", "is set to") and nothing that was: then a day or month
# named without a year is the coming one, however near the last ("Who will perform in March?"
# asked in May). A holiday is the coming one even beside a past verb ("The NFL announced its game
# on Black Friday will feature which team?" asked in May is November's game); another day is not:
# "Who will replace the minister who resigned on March 3?" is last March's (a review's).
_ASKED_OF_FUTURE: contextvars.ContextVar[bool] = contextvars.ContextVar("asked_of_future", default=False)
_ASKED_WITHOUT_VERB: contextvars.ContextVar[bool] = contextvars.ContextVar("asked_without_verb", default=False)
# Set for a topic, which has no verb (see resolve_topic_time_range).
_A_TOPIC: contextvars.ContextVar[bool] = contextvars.ContextVar("a_topic", default=False)
# How many days ahead the next month named in a timeline's topic may begin and still be the one
# meant: "debt ceiling in June" as of May 30 is June's.
TOPIC_MONTH_AHEAD_DAYS = 14
# A topic that says it is to come.
TOPIC_AHEAD = re.compile(r"\b(?:upcoming|coming|planned|expected|scheduled|next|future|will)\b", re.IGNORECASE)
_SAYS_WHAT_WAS: contextvars.ContextVar[bool] = contextvars.ContextVar("says_what_was", default=False)
# "Will" as a verb, not a name ("Will Smith"); not "plans" or "expected" as nouns.
# "will" before a name too ("will Penn State face", a quiz's Saturday had been read as the one
# before); "Will" before one is the name ("Will Smith").
# Not the noun: "Lisa Marie Presley's will", "the will of the people", "a living will".
_NOUN_WILL = "".join(
    rf"(?<!{before} )"
    for before in ("'s", r"\bthe", r"\bher", r"\bhis", r"\bits", r"\ba", r"\btheir", r"\bliving", r"\bpolitical")
)
_WILL = re.compile(
    r"\b(?:" + _NOUN_WILL + r"will(?!\s+(?:of|contest|dispute|left)\b)|Will(?!\s+[A-Z][a-z])|won't|going\s+to"
    r"|plans?\s+(?:to|an?)|planning\s+(?:to|an?)"
    r"|(?:is|are)\s+(?:set|expected|scheduled|slated)\s+to)\b|'ll\b"
)
# "did", "was", "were", "had" or a verb's past ("happened", "won"): the question asks about what
# has happened. Future and intent ("will", "planned", "is set to") win over them.
_PAST_TENSE = re.compile(r"\b(?:did|was|were|had|happened|won|lost|died|said)\b", re.IGNORECASE)
# "will" as _WILL reads it: not a name ("Will Smith") nor the noun ("Presley's will").
_FUTURE = re.compile(
    _WILL.pattern + r"|\bWILL\b|(?i:\b(?:won't|going to|planned|plans?|scheduled|upcoming|set to|expected)\b)"
)
# How far ahead a day may be and still be the one a past-tense question means: the coming week's
# occasion ("Which two presidents died on July 4?" asked on June 29 is July 4's history, not last
# year's July 4), or a quiz dated after its as-of day ("What happened on January 6?" on the 5th).
PAST_TENSE_REACH_DAYS = 7


# A regular verb's past ("failed", "collapsed"), or one of the commonest irregular ones, in a
# question with no verb of the present (_PRESENT): "Which film is released in March?" and "Which
# roads get closed?" ask what is coming. Not inside a compound ("long-awaited", "London-based"),
# nor a capitalised word, which is a name's ("United", "Fred").
_PAST_VERB = re.compile(
    r"(?<![\w-])(?:[a-z]{2,}ed|led|took|made|gave|got|came|went|became|began|broke|fell|sold|bought|"
    r"held|told|wrote|chose|found|struck|sank|stole|fled|spent|sent|built|ran|threw|drew|rose|swore)(?![\w-])"
)
_PRESENT = re.compile(
    r"\b(?:is|are|am|be|being|does|do|get|gets|(?:who|what|it|that|there|here|where|when|how|he|she)'s)\b|'re\b",
    re.IGNORECASE,
)
# Words that only end like a past ("need", "hundred"), and pasts mostly read as adjectives ("the
# alleged leader", "advanced economies").
_NOT_PAST = frozenset(
    "need speed seed feed breed greed weed indeed steed bleed heed deed reed tweed succeed exceed proceed "  # noqa: SIM905
    "hundred bred shed sled naked wicked sacred beloved rugged wretched kindred hatred "
    "alleged advanced proposed qualified delayed televised limited united related based detailed renowned "
    "talented armed".split()
)


def _says_what_was(question: str) -> bool:
    """A verb of the past anywhere in the question ("did", "resigned"), whatever else it says."""
    question = question.replace("’", "'")
    return _PAST_TENSE.search(question) is not None or _past_verb_in(question)


# A condition put in the present: "If Ohio voters pass Issue 2 on Nov. 7, …" asked on Oct 27 is
# this year's vote to come (a quiz's had been read as last year's Nov 7, for "legalized" after it).
_CONDITION = re.compile(r"^\W*if\s+(?P<clause>[^,?;]+)", re.IGNORECASE)


def _asks_if_ahead(question: str) -> bool:
    condition = _CONDITION.match(question)
    return condition is not None and not _says_what_was(condition["clause"])


# A scheduled event told in the present: "Who plays in the Super Bowl on Sunday?", "Which film opens
# in theaters this weekend?", asked on the Friday, are of the days to come (a quiz's had been read
# as the Sunday and the weekend before, and answered from them). A verb of the past still wins.
# "Which teams play …", "Who do the Chiefs play …" too, but only verbs of a fixture: not a part
# played ("What role does China play …", see _NOT_A_PART), nor "What is happening …", news of now.
_SCHEDULED = re.compile(
    r"\b(?:plays|play(?!\s+(?:a|an|the|its|his|her|their)?\s*(?:\w+\s+)?(?:role|part)\b)|opens|takes\s+place"
    r"|kicks\s+off|airs|premieres|debuts|tips\s+off"
    # "The debate is on Wednesday night", "… is set for Sunday" (a RealTimeQA-style quiz's, asked on
    # the Wednesday before, had been searched on that day alone and declined). Not "What is on
    # Sunday's ballot?" (a review's).
    r"|(?:is|are)\s+(?:on|set\s+for|scheduled\s+for)\s+(?:this\s+)?"
    r"(?=(?:weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:night|morning|afternoon|evening))?"
    r"(?:\s*[?.!,;:]|\s+(?:in|at|and|with|against|vs\.?|versus|on|when|to|for|from)\b|$))"
    r"|(?:is|are)\s+(?:playing|opening|hosting|airing|meeting|taking\s+place|kicking\s+off"
    # Facing a team or a person, named: not "murder charges", "a lawsuit", "the death penalty" (a
    # second review's "Who is facing murder charges over the mall shooting on Saturday?").
    r"|facing\s+(?:the\s+)?(?-i:[A-Z])|facing\s+(?:off|each\s+other)\b))",
    re.IGNORECASE,
)
_NOT_A_PART = re.compile(r"\b(?:role|part)\b[^?.!]*\bplay\b", re.IGNORECASE)
# The day of an event the question goes on from, not of the fixture: "Who plays in goal after the
# injury on Saturday?" (the day inside the clause after "after", not anywhere in the question:
# "Who is hosting the Oscars on Sunday after the slap last year?" is of the Sunday to come).
_AFTER_AN_EVENT = re.compile(
    r"\b(?:after|since|following)\s+(?:the|a|an|his|her|their|its|last)\b[^?.!,]{0,40}?\b(?:on|this|last|over)\s+"
    r"(?:the\s+)?(?:weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)


def _asks_of_future(question: str) -> bool:
    question = question.replace("’", "'")
    scheduled = (
        _SCHEDULED.search(question) is not None
        and _NOT_A_PART.search(question) is None
        and _AFTER_AN_EVENT.search(question) is None
    )
    return _WILL.search(question) is not None or _asks_if_ahead(question) or scheduled


def _in_past_tense(question: str) -> bool:
    question = question.replace("’", "'")  # "won’t" is no "won"
    if _FUTURE.search(question) is not None or _asks_if_ahead(question):
        return False
    if _PAST_TENSE.search(question) is not None:
        return True
    if _PRESENT.search(question) is not None:
        return False
    return _past_verb_in(question)


def _without_verb(question: str) -> bool:
    """Only a month after a follow-up's opener, and no verb: "What about in January?", "And
    October?" (the conversation's names may follow, as carried: "… in January? McCarthy"). Not
    "Really? Who plays …" (a review's), whose first word is no month."""
    only = _ONLY_A_PERIOD.match(question)
    return only is not None and only["month"].lower().rstrip(".") in _MONTH_NAMES_LOWER


_ONLY_A_PERIOD = re.compile(
    r"^\W*(?:(?:and|or|so)\s+)?(?:(?:what|how)\s+about\s+)?(?:in|during)?\s*(?:the\s+month\s+of\s+)?"
    r"(?P<month>[A-Za-z]+\.?)\s*[?.!]",
    re.IGNORECASE,
)


def _past_verb_in(question: str) -> bool:
    """A regular verb's past ("failed") or a common irregular one's ("took"), not an adjective's."""
    if question.isupper():  # typed in capitals: no name to tell by its capital
        question = question.lower()
    return any(m.group() not in _NOT_PAST for m in _PAST_VERB.finditer(question))


def _nearest(build: Callable[[int], Span | None], as_of: date, coming_if_future: bool = False) -> Span | None:
    """A day or month named without a year: its most recent occurrence that has started by as_of,
    unless the next occurrence is nearer and the question is not in the past tense — then the
    asker means an upcoming date, returned as it is: _resolved drops it (nothing after as_of is
    ever in range), _bound refuses it as a bound, and after_as_of names it."""
    past = upcoming = None
    # 9 years back always finds a Feb 29; none before year 1, which no calendar library has.
    for year in range(min(as_of.year + 1, date.max.year), max(as_of.year - 9, date.min.year - 1), -1):
        span = build(year)
        if span is None:
            continue
        if span[0] <= as_of:
            past = span
            break
        upcoming = span
    if past is None:
        return None
    if (
        upcoming is not None
        and _ASKED_OF_FUTURE.get()
        and not _ASKED_IN_PAST.get()
        and (coming_if_future or not _SAYS_WHAT_WAS.get())
    ):
        return upcoming
    if upcoming is None or upcoming[0] - as_of >= as_of - past[1]:
        return past
    # In the past tense, the past one ("What did the council decide in March?" asked in December
    # or in February), unless the next is a day only days ahead (see PAST_TENSE_REACH_DAYS). Not a
    # month: "What happened with the debt ceiling in January?" asked on Dec 31 is no January to
    # come (a probe's was answered "“in January” is after 2023-12-31").
    a_month = (upcoming[1] - upcoming[0]).days >= 27  # not a day, nor a holiday's long weekend
    if _ASKED_IN_PAST.get() and (a_month or upcoming[0] - as_of > timedelta(days=PAST_TENSE_REACH_DAYS)):
        return past
    # A month asked of with no verb at all ("What about in January?" asked in October, a chat
    # probe's follow-up on McCarthy's ouster) is a month of the news, not one to come.
    if a_month and _ASKED_WITHOUT_VERB.get():
        return past
    # So is a timeline topic's, unless the next one is only days away ("debt ceiling in June" as of
    # May 30 is its coverage before it, a review's).
    if a_month and _A_TOPIC.get() and upcoming[0] - as_of > timedelta(days=TOPIC_MONTH_AHEAD_DAYS):
        return past
    return upcoming


# ---------------------------------------------------------------------------------------------
# Points: a single day, month or year, used on their own and inside "since X", "between X and Y".
# Each form is written with named groups for parsing; `_anon` strips the names so forms can be
# embedded (more than once) in bigger patterns, whose captured text is then parsed again.
# ---------------------------------------------------------------------------------------------


def _anon(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _day_span(d: date | None, explicit_year: bool = True) -> Span | None:
    if d is None or (explicit_year and d < FLOOR):
        return None
    return d, d


def _month_and_day_written(m: re.Match[str]) -> tuple[str, str]:
    """A match's month and day as written; _P_ISO's dotted form names its groups apart."""
    found = m.groupdict()
    return found["m"] or found.get("m2") or "", found["d"] or found.get("d2") or ""


def _iso(m: re.Match[str], as_of: date) -> Span | None:
    month, day = _month_and_day_written(m)
    return _day_span(_safe_date(int(m["y"]), int(month), int(day)))


def _month_first(m: re.Match[str]) -> tuple[int, int]:
    """Month first, as in the US; day first when the first number can be no month ("13/03/2023")."""
    month, day = int(m["m"]), int(m["d"])
    return (day, month) if month > 12 >= day else (month, day)


def _us(m: re.Match[str], as_of: date) -> Span | None:
    month, day = _month_first(m)
    return _day_span(_safe_date(int(m["y"]), month, day))


def _us_short(m: re.Match[str], as_of: date) -> Span | None:
    """ "3/3/23", read as _us reads a date: of this century unless that is after as_of ("12/31/99"
    is 1999)."""
    month, day = _month_first(m)
    year = 2000 + int(m["y"])
    return _day_span(_safe_date(year if year <= as_of.year else year - 100, month, day))


def _numbered_month(m: re.Match[str], as_of: date) -> Span | None:
    year = int(m["y"])
    return _month_span(year, int(m["m"])) if year >= FLOOR.year else None


def _day_of_month(text: str) -> int:
    """ "30th" -> 30 (a _DOM match)."""
    return int(re.match(r"\d+", text)[0])  # type: ignore[index]


def _month_day(m: re.Match[str], as_of: date) -> Span | None:
    month, day = _month_number(m["m"]), _day_of_month(m["d"])
    if m["y"]:
        return _day_span(_safe_date(_year_number(m["y"]), month, day))
    return _nearest(lambda y: _day_span(_safe_date(y, month, day), explicit_year=False), as_of)


def _days_of_a_month(m: re.Match[str], as_of: date) -> Span | None:
    """ "from 1 to 5 March", "March 1-5": the first day to the last, both of the month (as its
    last day is read when no year is given)."""
    # The two orders are alternatives of one pattern, so each names its groups apart.
    month = _month_number(m["m"] or m["m2"] or m["m3"])
    first, last = _day_of_month(m["d1"] or m["d12"] or m["d13"]), _day_of_month(m["d"] or m["d2"])
    written_year = m["y"] or m["y2"]
    if first > last:
        return None
    if written_year:
        year = _year_number(written_year)
        start, end = _safe_date(year, month, first), _safe_date(year, month, last)
        return (start, end) if start and end and start >= FLOOR else None
    # The year of its first day: "March 1-15" asked on March 3 has begun (a review's was last year's).
    span = _nearest(lambda y: _day_span(_safe_date(y, month, first), explicit_year=False), as_of)
    end = _safe_date(span[0].year, month, last) if span else None
    return (span[0], end) if span and end else None


def _slashed_day(m: re.Match[str], as_of: date) -> Span | None:
    month, day = (int(m["m"]), int(m["d"])) if m["m"] else (int(m["m2"]), int(m["d2"]))
    return _nearest(lambda y: _day_span(_safe_date(y, month, day), explicit_year=False), as_of)


def _day_alone(m: re.Match[str], as_of: date) -> Span | None:
    """ "on the 3rd": that day of as_of's month, or of the latest month before that has it when
    it is still to come ("the 31st" asked on March 15 is January 31)."""
    day = _day_of_month(m["d"])
    month_start = as_of.replace(day=1)
    for _ in range(3):  # no two months in a row lack a 29th, 30th or 31st
        found = _safe_date(month_start.year, month_start.month, day)
        if found is not None and found <= as_of:
            return _day_span(found, explicit_year=False)
        month_start = (month_start - timedelta(days=1)).replace(day=1)
    return None


def _month_year(m: re.Match[str], as_of: date) -> Span | None:
    year = _year_number(m["y"])
    return _month_span(year, _month_number(m["m"])) if year >= FLOOR.year else None


def _month(m: re.Match[str], as_of: date) -> Span | None:
    month = _month_number(m["m"])
    return _nearest(lambda y: _month_span(y, month), as_of)


_YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}  # first and last month


def _year(m: re.Match[str], as_of: date) -> Span | None:
    year = _year_number(m["y"])
    # A year up to FUTURE_YEARS ahead is a year asked about (never searched, but named by
    # after_as_of); further ahead, more likely a quantity ("2150 troops").
    if not BARE_YEAR_MIN <= year <= as_of.year + FUTURE_YEARS:
        return None
    return _part_of_year(year, m["part"].lower()) if m["part"] else _months_span(year, 1, 12)


def _part_of_year(year: int, part: str) -> Span | None:
    """ "early" (January to April), "mid" (May to August) or "late" (September to December) of a year."""
    first, last = _YEAR_PARTS[part]
    return _months_span(year, first, last - first + 1)


def _decade(m: re.Match[str], as_of: date) -> Span | None:
    first = int(m["d"])
    return (date(first, 1, 1), date(first + 9, 12, 31)) if FLOOR.year <= first else None


_MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}  # first and last day


def _part_of_month(m: re.Match[str], as_of: date) -> Span | None:
    """ "early March" (1–10), "mid-February" (11–20), "late January" (21 to its end)."""
    month = _point(m["pt"], as_of)
    if month is None:
        return None
    first, last = _MONTH_PARTS[m["part"].lower()]
    return month[0].replace(day=first), month[0].replace(day=min(last, month[1].day))  # [1]: the month's last day


def _part_of_a_recent_period(m: re.Match[str], as_of: date) -> Span | None:
    """ "late last year" (its September to December), "early this month" (its 1st to 10th); none in
    a comparison ("How does inflation compare with late last year?")."""
    if _in_a_comparison(m):
        return None
    part, last = m["part"].lower(), m["rel"].lower() == "last"
    if m["unit"].lower() == "year":
        year = as_of.year - 1 if last else as_of.year
        return _part_of_year(year, part) if year >= FLOOR.year else None
    month = _last_month(m, as_of) if last else _this_month(m, as_of)
    return _days_of_month(month, part) if month is not None else None


def _days_of_month(month: Span, part: str) -> Span:
    """ "early" (1st to 10th), "mid" (11th to 20th) or "late" (21st to its end) of the month a span
    starts in (the whole month, though the span stops at as_of)."""
    whole = _month_span(month[0].year, month[0].month)
    assert whole is not None  # the month of a day the calendar has
    first, last = _MONTH_PARTS[part]
    return whole[0].replace(day=first), whole[1].replace(day=min(last, whole[1].day))


_EDGES = {"start": "early", "beginning": "early", "middle": "mid", "end": "late"}


def _edge_of_month(m: re.Match[str], as_of: date) -> Span | None:
    """ "the end of February" as "late February" (21 to its end), "the start of March" as "early
    March" (1–10), "the middle of April" as "mid-April"; "the end of last month" of that month."""
    if m["by"]:
        return _by_the_end(m, as_of)
    if m["rel"]:
        previous = m["rel"].lower().startswith(("last", "the previous"))
        month = _last_month(m, as_of) if previous else _this_month(m, as_of)
    elif (year := _year_after(m, as_of)) is not None:
        month = _month_span(year, _month_number(m["pt"]))
    else:
        month = _point(m["pt"], as_of)
    if month is None:
        return None
    return _on_from_edge(m, _days_of_month(month, _EDGES[m["edge"].lower()]), as_of)


def _by_the_end(m: re.Match[str], as_of: date) -> Span | None:
    """ "By the end of March" is a deadline: the month it ends, when that is over by as_of ("laid
    off by the end of last month"), else none (a review's "by the end of September", asked in June,
    had searched the September before). "By the start of May" is before it: none either."""
    if m["edge"].lower() != "end":
        return None
    if m["rel"]:
        if not m["rel"].lower().startswith(("last", "the previous")):
            return None  # this month's end is still to come
        return _last_month(m, as_of)
    written = re.search(_YEAR, m["pt"])
    year = _year_number(written.group()) if written else _year_after(m, as_of)
    month = _month_span(year if year is not None else as_of.year, _month_number(m["pt"]))
    return month if month is not None and month[1] < as_of else None


def _month_of_year_said(m: re.Match[str], as_of: date) -> Span | None:
    """A month or a day of it, in the year said after it ("in March last year", "on July 4 two
    years ago"); none for no such day."""
    year = _year_after(m, as_of)
    if year is None or not date.min.year <= year <= date.max.year:
        return None
    month = _month_number(m["pt"])
    day = re.search(r"\d{1,2}", m["pt"])
    if day is None:
        span = _month_span(year, month)
    else:
        try:
            span = (date(year, month, int(day.group())),) * 2
        except ValueError:  # "February 30 last year"
            return None
    return span  # after as_of too: "in March this year", asked in February, is told to be later


def _year_after(m: re.Match[str], as_of: date) -> int | None:
    """The year said after a month's edge: "… of March last year", "… of March in 2022"."""
    which = " ".join((m["which"] or "").lower().split())
    if not which:
        return None
    if which.startswith("the year before"):
        return as_of.year - (2 if which.endswith("last") else 1)
    if which.endswith(("ago", "earlier")):
        return as_of.year - _number(which.split()[0])
    if which.endswith(" year") and not which.startswith("the year"):
        shift = {"last": -1, "the previous": -1, "the prior": -1, "next": 1, "the following": 1}
        return as_of.year + next((by for word, by in shift.items() if which.startswith(word)), 0)
    return _year_number(which.removeprefix("the year").strip())


def _on_from_edge(m: re.Match[str], span: Span | None, as_of: date) -> Span | None:
    """ "Since the start of the year": from the edge to as_of."""
    return (span[0], as_of) if span is not None and m["since"] else span


# The months of a year's start, middle and end: "at the end of 2022" is its November and December.
_YEAR_EDGES = {"start": (1, 2), "beginning": (1, 2), "middle": (6, 7), "end": (11, 12)}


def _edge_of_year(m: re.Match[str], as_of: date) -> Span | None:
    """ "The start of the year" (this year's January and February), "the end of last year" (its
    November and December), "the middle of 2022" (its June and July)."""
    if m["y"]:
        year = _year_number(m["y"])
    else:
        year = as_of.year - (m["rel"] is not None and m["rel"].lower() in ("last", "the previous"))
    if m["by"]:
        # "How many had been laid off by the end of last year?": that year (a review's); "by the
        # end of the year", still to come, and "by the start of 2023" (before it) are none.
        whole = _months_span(year, 1, 12)
        return whole if m["edge"].lower() == "end" and whole is not None and whole[1] < as_of else None
    first, last = _YEAR_EDGES[m["edge"].lower()]
    return _on_from_edge(m, _months_span(year, first, last - first + 1), as_of)


_WEEK_ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3}


def _week_of_month(m: re.Match[str], as_of: date) -> Span | None:
    """ "the first week of March" (1–7), "the second week" (8–14), … "the last week" (its last 7 days)."""
    month = _point(m["pt"], as_of)
    if month is None:
        return None
    which = m["which"].lower()
    if which in ("last", "final"):
        return _earlier(month[1], timedelta(days=6)), month[1]
    first = month[0] + timedelta(days=7 * _WEEK_ORDINALS[which])
    return first, first + timedelta(days=6)


def _week_of_day(m: re.Match[str], as_of: date) -> Span | None:
    """ "the week of March 6": the seven days from that day."""
    day = _point(m["pt"], as_of)
    return (day[0], _later(day[0], timedelta(days=6))) if day else None


_QUARTERS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
    "last": 4,
}


def _quarter(m: re.Match[str], as_of: date) -> Span | None:
    """ "Q1" (this year's, or last year's when it has not started by as_of), "the first quarter
    of 2023", "Q3 2022", "the last quarter of last year"; "this quarter", "last quarter"."""
    if m["now"]:
        # The quarter under way, or the one before it.
        current = (as_of.month - 1) // 3
        index = current - 1 if m["now"].lower() == "last" else current
        years, index = divmod(index, 4)  # the quarter before January's is last year's fourth
        year = as_of.year + years
        return _months_span(year, 3 * index + 1, 3) if year >= FLOOR.year else None
    quarter = int(m["qn"]) if m["qn"] else _QUARTERS[m["q"].lower()]
    first = 3 * quarter - 2
    written = m["y"] or m["y2"] or m["y3"]
    relative = (m["rel"] or "").lower()
    if written:
        year = _year_number(written)
    elif relative == "this":
        year = as_of.year
    elif relative == "last":
        year = as_of.year - 1
    else:  # "Q1", "the first quarter of the year": this year's, or last year's when not begun
        year = as_of.year if date(as_of.year, first, 1) <= as_of else as_of.year - 1
    return _months_span(year, first, 3) if year >= FLOOR.year else None


_HALVES = {"first": 1, "1st": 1, "second": 2, "2nd": 2}


def _half_year(m: re.Match[str], as_of: date) -> Span | None:
    """ "the first half of 2023" (January to June), "H2 2022", "the second half of last year"; of
    "the year" or "this year", as_of's."""
    half = int(m["hn"]) if m["hn"] else _HALVES[m["h"].lower()]
    written = m["y"] or m["y2"]
    last = (m["rel"] or "").lower() == "last"
    year = _year_number(written) if written else as_of.year - last
    return _months_span(year, 1 if half == 1 else 7, 6) if year >= FLOOR.year else None


def _weekday_on_or_before(as_of: date, weekday: int) -> date:
    return _earlier(as_of, timedelta(days=(as_of.weekday() - weekday) % 7))


def _weekday_point(m: re.Match[str], as_of: date) -> Span | None:
    d = _weekday_on_or_before(as_of, _WEEKDAY_NAMES.index(m["wd"].lower()))
    return d, d


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1 for the last) given weekday (Monday 0) of the month."""
    if n < 0:
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _thanksgiving(year: int) -> date:
    """The fourth Thursday of November (the United States')."""
    return _nth_weekday(year, 11, 3, 4)


# The holidays of the United States' news, by the day each falls on in a year. A probe's "Labor Day
# weekend", "Memorial Day" and "the Fourth of July" had been searched in the whole archive, and
# answered with 2022's, 2020's and 2016's.
_HOLIDAY_DAYS: dict[str, Callable[[int], date]] = {
    "new year day": lambda y: date(y, 1, 1),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
    "president day": lambda y: _nth_weekday(y, 2, 0, 3),
    "valentine day": lambda y: date(y, 2, 14),
    "st patrick day": lambda y: date(y, 3, 17),
    "easter": easter,
    "mother day": lambda y: _nth_weekday(y, 5, 6, 2),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "father day": lambda y: _nth_weekday(y, 6, 6, 3),
    "juneteenth": lambda y: date(y, 6, 19),
    "independence day": lambda y: date(y, 7, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "halloween": lambda y: date(y, 10, 31),
    "veteran day": lambda y: date(y, 11, 11),
    "thanksgiving": _thanksgiving,
    "black friday": lambda y: _thanksgiving(y) + _DAY,
    "cyber monday": lambda y: _thanksgiving(y) + timedelta(days=4),
    "christmas eve": lambda y: date(y, 12, 24),
    "christmas": lambda y: date(y, 12, 25),
    "new year eve": lambda y: date(y, 12, 31),
}
# Other ways of writing them, as _holiday_name folds them; "New Year's" and "Valentine's" alone, as
# "since New Year's" writes them, are the days.
_HOLIDAY_ALIASES = {
    "new year": "new year day",
    "valentine": "valentine day",
    "mlk day": "martin luther king day",
    "easter sunday": "easter",
    "fourth of july": "independence day",
    "4th of july": "independence day",
    "july fourth": "independence day",
    "thanksgiving day": "thanksgiving",
    "christmas day": "christmas",
}
# Words a holiday's name is written with in more than one way: "Mothers' Day", "Labour Day",
# "Saint Patrick's Day", "Martin Luther King, Jr. Day" (a review found spellings the pattern took
# that the table had not, a KeyError).
_HOLIDAY_WORDS = {
    "mothers": "mother", "fathers": "father", "presidents": "president", "veterans": "veteran",
    "patricks": "patrick", "valentines": "valentine", "years": "year", "labour": "labor", "saint": "st",
    "jr": "",
}  # fmt: skip


def names_a_holiday(text: str) -> bool:
    """The text is a holiday's name and nothing else ("Thanksgiving", "the Fourth of July")."""
    return _holiday_name(text.strip(" ?.!")) is not None


def _holiday_name(written: str) -> str | None:
    """The holiday's name in _HOLIDAY_DAYS, however written; None for one it does not hold."""
    plain = re.sub(r"[’'.,]", "", written.lower()).split()
    if plain and plain[0] == "the":
        plain = plain[1:]
    name = " ".join(w for w in (_HOLIDAY_WORDS.get(word, word) for word in plain) if w)
    name = _HOLIDAY_ALIASES.get(name, name)
    return name if name in _HOLIDAY_DAYS else None


# A holiday's long weekend, by the weekday it falls on: from (days before) to (days after). Monday's
# is Saturday to Monday, Thanksgiving's Thursday to Sunday; the Fourth of July on a Tuesday (2023)
# has Saturday to Tuesday.
_LONG_WEEKENDS = {0: (2, 0), 1: (3, 0), 2: (0, 0), 3: (0, 3), 4: (0, 2), 5: (0, 1), 6: (1, 0)}


def _holiday(m: re.Match[str], as_of: date) -> Span | None:
    name = _holiday_name(m["holiday"])
    if name is None:
        return None
    day_of = _HOLIDAY_DAYS[name]
    weekend = bool(m.groupdict().get("weekend"))

    def span_of(year: int, explicit_year: bool) -> Span | None:
        day = _safe_holiday(day_of, year)
        found = _day_span(day, explicit_year)
        if found is None or not weekend or day is None:
            return found
        before, after = _LONG_WEEKENDS[day.weekday()]
        return _earlier(day, timedelta(days=before)), _later(day, timedelta(days=after))

    if m["hy"]:
        return span_of(_year_number(m["hy"]), explicit_year=True)
    return _nearest(lambda y: span_of(y, explicit_year=False), as_of, coming_if_future=True)


def _safe_holiday(day_of: Callable[[int], date], year: int) -> date | None:
    """The holiday's day in that year, or None at the calendar's ends."""
    try:
        return day_of(year)
    except (ValueError, OverflowError):
        return None


# A holiday as a point of "since", "after", "before" and "between" ("since Christmas", "between
# Christmas and New Year's"): a review found them read as Dec 25 alone.
# The holidays named alike in a question's own period and as a point; with its year ("Christmas
# 2021", "Halloween of 2022").
_APOSTROPHE = r"[’']?"
_HOLIDAY_NAMES = (
    r"halloween|christmas(?:\s+(?:eve|day))?|thanksgiving(?:\s+day)?"
    r"|(?:martin\s+luther\s+king(?:,?\s+jr\.?)?|mlk)\s+day"
    rf"|presidents?{_APOSTROPHE}\s+day|(?:st\.?|saint)\s+patrick{_APOSTROPHE}s\s+day"
    rf"|easter(?:\s+sunday)?|mothers?{_APOSTROPHE}s?\s+day|fathers?{_APOSTROPHE}s?\s+day|memorial\s+day"
    r"|juneteenth|independence\s+day|(?:the\s+)?(?:fourth|4th)\s+of\s+july|july\s+fourth|labou?r\s+day"
    rf"|veterans?{_APOSTROPHE}\s+day|black\s+friday|cyber\s+monday"
)
_HOLIDAY_YEAR = rf",?\s+(?:of\s+|in\s+)?(?P<hy>{_YEAR})"
_P_HOLIDAY = (
    rf"(?P<holiday>new\s+year{_APOSTROPHE}s(?:\s+(?:day|eve))?|valentine{_APOSTROPHE}s(?:\s+day)?|{_HOLIDAY_NAMES})"
    rf"(?:{_HOLIDAY_YEAR})?"
)


# Year first, as ISO writes it and as typed with slashes or dots ("2023/02/06", "2023.02.06").
# Dotted, only with two-digit month and day: "2023.2.1" is a version.
_P_ISO = r"(?<![\d/.-])(?P<y>\d{4})(?:[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})|\.(?P<m2>\d\d)\.(?P<d2>\d\d))(?![\d/-]|\.\d)"
_P_US = r"(?<![\d/.-])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})(?![\d/])"
# With a two-digit year ("3/3/23"), read as _P_US is. With dashes ("3-3-23") only where a day is
# asked of ("on 3-3-23"): "The Bruins are 25-10-12" is a record (a review's).
_P_US_SHORT = r"(?<![\d/.-])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2})(?![\d/-]|\.\d)"
_P_DASHED_SHORT = r"(?<![\d/.-])(?P<m>\d{1,2})-(?P<d>\d{1,2})-(?P<y>\d{2})(?![\d/-]|\.\d)"
# Dotted, day first, as most of Europe writes it ("15.05.2023"): never month first.
_P_DOTTED = r"(?<![\d/.-])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)(?![\d/-]|\.\d)"
# A month and year in figures ("03/2023", "3/2023").
_P_NUMBERED_MONTH = r"(?<![\d/.-])(?P<m>0?[1-9]|1[0-2])/(?P<y>(?:19|20)\d\d)(?![\d/-]|\.\d)"
_P_MONTH_DAY = rf"(?P<m>{_MONTH})\s+(?P<d>{_DOM})(?:,?\s+(?P<y>{_YEAR}))?"
_P_DAY_MONTH = rf"(?<![\d,.])(?P<d>{_DOM})(?:\s+of)?\s+(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?"
_P_MONTH_YEAR = rf"(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})"
_P_MONTH = rf"(?P<m>{_MONTH})"
_P_YEAR = rf"(?:(?P<part>early|mid|late)(?:\s+|-))?(?P<y>{_YEAR})"
_P_WEEKDAY = rf"(?P<wd>{_WEEKDAY})"

# Order matters for the anonymous alternations below: the first form that matches wins there.
_POINT_FORMS: list[tuple[str, Callable[[re.Match[str], date], Span | None]]] = [
    (_P_ISO, _iso),
    (_P_US, _us),
    (_P_US_SHORT, _us_short),
    (_P_DASHED_SHORT, _us_short),
    (_P_DOTTED, _iso),
    (_P_NUMBERED_MONTH, _numbered_month),
    (_P_MONTH_DAY, _month_day),
    (_P_DAY_MONTH, _month_day),
    # A holiday before a month: "ahead of July Fourth" is the run-up to the 4th, not to July.
    (_P_HOLIDAY, _holiday),
    (_P_MONTH_YEAR, _month_year),
    (_P_MONTH, _month),
    (_P_YEAR, _year),
    (_P_WEEKDAY, _weekday_point),
]
_COMPILED_POINTS = [(re.compile(p, re.IGNORECASE), fn) for p, fn in _POINT_FORMS]

_DAY_FORMS = "|".join(_anon(p) for p in (_P_ISO, _P_US, _P_US_SHORT, _P_DOTTED, _P_MONTH_DAY, _P_DAY_MONTH))
_POINT = "|".join(_anon(p) for p, _ in _POINT_FORMS[:-1])  # any day, month or year
_POINT_OR_WEEKDAY = f"{_POINT}|{_anon(_P_WEEKDAY)}"
# What "the day/week before" is beside: "last Friday" (see _weekday) or any point.
_BESIDE_POINT = rf"(?:(?P<mod>last|past|this\s+past)\s+(?P<wd>{_WEEKDAY})|(?P<pt>{_POINT_OR_WEEKDAY}))"


def _point(text: str, as_of: date) -> Span | None:
    for pattern, resolve in _COMPILED_POINTS:
        if m := pattern.fullmatch(text):
            return resolve(m, as_of)
    return None


def _bound(text: str, as_of: date, past: bool = False) -> Span | None:
    """The day, month or year that "since", "before", "between" … start or end at; None for an
    upcoming one ("before June" asked in February, "until 2025"), which bounds nothing searched.
    `past` reads a day or month without a year as its last occurrence, as _nearest does for a
    question in the past tense."""
    # "What happened before March?" asked in January bounds nothing, whatever the tense: the
    # past March would leave out the months since.
    token = _ASKED_IN_PAST.set(past)
    future = _ASKED_OF_FUTURE.set(False)  # a bound is read as it was before "will" was (a review's)
    try:
        span = _point(text, as_of)
    finally:
        _ASKED_OF_FUTURE.reset(future)
        _ASKED_IN_PAST.reset(token)
    return span if span is not None and span[0] <= as_of else None


# ---------------------------------------------------------------------------------------------
# Resolvers: (match, as_of) → (start, end) before clamping, or None for "recognised, but no range".
# ---------------------------------------------------------------------------------------------

Resolver = Callable[[re.Match[str], date], Span | None]


def _days_back(first: int, last: int = 0) -> Resolver:
    return lambda m, as_of: (_earlier(as_of, timedelta(days=first)), _earlier(as_of, timedelta(days=last)))


def _last_week(m: re.Match[str], as_of: date) -> Span:
    """The 7 days before this week's 7 (as_of-14 .. as_of-7), running on to the Sunday that ended
    the last calendar week: asked on a Tuesday, Sunday's game was "last week"."""
    last_sunday = _earlier(as_of, timedelta(days=as_of.weekday() + 1))
    return _earlier(as_of, timedelta(days=14)), max(last_sunday, _earlier(as_of, timedelta(days=7)))


def _week_before_last(m: re.Match[str], as_of: date) -> Span:
    """The week before "last week" (see _last_week)."""
    start, end = _last_week(m, as_of)
    return _earlier(start, timedelta(weeks=1)), _earlier(end, timedelta(weeks=1))


def _ago(m: re.Match[str], as_of: date) -> Span:
    n = _number(m["n"])
    if m["unit"].lower().startswith("fortnight"):  # two weeks each
        n *= 2
    elif m["unit"].lower().startswith("day"):
        d = _earlier(as_of, timedelta(days=n))
        return d, d
    centre = _earlier(as_of, timedelta(weeks=n))
    return _earlier(centre, timedelta(days=3)), _later(centre, timedelta(days=3))


# What compares with a time before ("up 4% from a month ago", "higher than they were two months
# ago"): no period the question is about.
_WAS = r"(?:was|were|is|are|did|had|stood|been|be|cost|costs)\s+"
# How far before a "… ago" its comparison is looked for: five words and "was" fit, and a long
# question of many such phrases is not read again from its start for each (a review's took seconds).
COMPARED_READ_CHARS = 120


def _in_a_comparison(m: re.Match[str]) -> bool:
    """The words before the match compare with it ("up 4% from a month ago"): it is no period asked about."""
    return _COMPARED.search(m.string[max(0, m.start() - COMPARED_READ_CHARS) : m.start()]) is not None


_COMPARED = re.compile(
    r"(?:\b(?:than|(?:up|down|rose|fell|risen|fallen|higher|lower)\s+from|compared?\s+(?:to|with|against)"
    r"|in\s+comparison\s+(?:to|with)|relative\s+to"
    rf"|as\s+opposed\s+to|versus|vs\.?)\s+(?:(?:[\w'’-]+\s+){{0,5}}?{_WAS})?"
    # After "from", not a relative clause: "from the bank collapse that was two months ago" (a
    # review's) tells when, where "up from the lows that were a month ago" compares.
    rf"|\bfrom\s+(?:(?:(?!(?:that|which|who)\b)[\w'’-]+\s+){{0,5}}?{_WAS})?)"
    r"(?:(?:about|nearly|almost|roughly|some|just)\s+)?$",
    re.IGNORECASE,
)


def _months_ago(m: re.Match[str], as_of: date) -> Span | None:
    """ "A month ago", "two months ago": the 15 days centred on that day; none in a comparison."""
    if _in_a_comparison(m):
        return None
    try:
        centre = as_of - relativedelta(months=_number(m["n"]))
    except (OverflowError, ValueError):  # before the calendar's first month: saturate, as _earlier does
        centre = date.min
    return _earlier(centre, timedelta(days=7)), _later(centre, timedelta(days=7))


def _year_ago(m: re.Match[str], as_of: date) -> Span | None:
    """ "This time last year": the 15 days centred on that day, as "a month ago" is; "a year ago
    today" and "this day last year" that day, "a year ago this week" the week ending then, "… this
    month" that month; none in a comparison ("up 6% from this time last year")."""
    if _in_a_comparison(m):
        return None
    try:
        centre = as_of - relativedelta(years=1)
    except (OverflowError, ValueError):  # before the calendar's first year
        return None
    if m["month"]:
        return _month_span(as_of.year - 1, _month_number(m["month"]))
    when = (m["when"] or "").lower().split()
    if m["day"] or when == ["today"]:
        return centre, centre
    if when == ["this", "week"]:
        return _earlier(centre, timedelta(days=7)), centre
    if when == ["this", "month"]:
        return _month_span(centre.year, centre.month)
    return _earlier(centre, timedelta(days=7)), _later(centre, timedelta(days=7))


def _recent_weekend(as_of: date) -> Span:
    saturday = _weekday_on_or_before(as_of, 5)
    return saturday, _later(saturday, _DAY)


def _this_weekend(m: re.Match[str], as_of: date) -> Span:
    if _ASKED_OF_FUTURE.get() and not _SAYS_WHAT_WAS.get() and as_of.weekday() < 5:
        # "Which film will open this weekend?" asked on a weekday is the weekend to come (after
        # as_of: never searched, and said so), not the one before.
        saturday = _later(as_of, timedelta(days=5 - as_of.weekday()))
        return saturday, _later(saturday, _DAY)
    return _recent_weekend(as_of)


def _last_weekend(m: re.Match[str], as_of: date) -> Span:
    saturday, sunday = _recent_weekend(as_of)
    if as_of.weekday() >= 5:  # asked during a weekend: "last weekend" is the one before
        return _earlier(saturday, timedelta(weeks=1)), _earlier(sunday, timedelta(weeks=1))
    return saturday, sunday


def _past_n(m: re.Match[str], as_of: date) -> Span:
    groups = m.groupdict()
    count, unit = groups.get("n") or groups.get("n2"), groups.get("unit") or groups["unit2"]
    n = _number(count) if count else 1
    unit = unit.lower().rstrip("s")
    delta: Delta = {
        "hour": timedelta(days=max(1, math.ceil(n / 24))),
        "day": timedelta(days=n),
        "week": timedelta(weeks=n),
        "month": relativedelta(months=n),
        "year": relativedelta(years=n),
        "decade": relativedelta(years=10 * n),
    }[unit]
    return _earlier(as_of, delta), as_of


def _in_recent(m: re.Match[str], as_of: date) -> Span:
    days = {"day": 7, "week": 30, "month": 90}[m["unit"].lower().rstrip("s")]
    return _earlier(as_of, timedelta(days=days)), as_of


def _this_month(m: re.Match[str], as_of: date) -> Span:
    return as_of.replace(day=1), as_of


def _last_month(m: re.Match[str], as_of: date) -> Span | None:
    if as_of.month == 1:
        return _month_span(as_of.year - 1, 12)
    return _month_span(as_of.year, as_of.month - 1)


def _this_year(m: re.Match[str], as_of: date) -> Span:
    return date(as_of.year, 1, 1), as_of


def _last_year(m: re.Match[str], as_of: date) -> Span | None:
    if _in_a_comparison(m):
        # "How does that compare with last year?": the figures asked of are this year's (a chat's
        # follow-up on drug prices had been answered from 2022's Fed rate hikes).
        return None
    january, december = _month_span(as_of.year - 1, 1), _month_span(as_of.year - 1, 12)
    return (january[0], december[1]) if january and december else None


def _weekday(m: re.Match[str], as_of: date) -> Span | None:
    weekday = _WEEKDAY_NAMES.index(m["wd"].lower())
    modifier = " ".join((m["mod"] or "").lower().split())
    if modifier in ("next", "coming", "this coming"):
        return None  # still to come: no range holds it (see UPCOMING); "next Monday" had read as the last
    if modifier in ("last", "past", "this past"):  # strictly before today
        d = _weekday_on_or_before(_earlier(as_of, _DAY), weekday)
    elif modifier == "this":  # this Monday–Sunday week's; nothing if it is still to come
        if weekday > as_of.weekday():
            return None
        d = _earlier(as_of, timedelta(days=as_of.weekday() - weekday))
    else:
        d = _weekday_on_or_before(as_of, weekday)
        past = _ASKED_IN_PAST.get() or _SAYS_WHAT_WAS.get()
        if d == as_of and past and modifier in ("", "on") and _stands_alone(m):
            # Today's own weekday, of what was: today's news or last week's. A quiz's "Who was
            # ousted as House speaker in a vote on Tuesday?", asked on the Tuesday after, had been
            # searched on that day alone.
            return _earlier(d, timedelta(days=7)), d
        if d == as_of and _ASKED_OF_FUTURE.get() and not past and modifier in ("", "on"):
            # A fixture on today's own weekday, tonight's or next week's: told in the week's
            # previews. A quiz's "The first Republican presidential debate is on Wednesday night.
            # How long will candidates get for closing remarks?", asked on a Wednesday, had been
            # searched on that day alone and declined.
            return _earlier(d, timedelta(days=7)), d
        # "the jackpot for Tuesday's drawing", asked on a Monday, is of the one to come (a quiz's had
        # been read as last Tuesday's, and its stale jackpot quoted).
        ahead = re.match(r"['’]s\b", m.string[m.end() :]) is not None and re.search(r"\bfor\s+$", m.string[: m.start()])
        if d != as_of and (_ASKED_OF_FUTURE.get() or ahead) and not past:
            # "Which comedian will host the Oscars on Sunday?" asked on a Thursday is of the Sunday
            # to come (after as_of: never searched, and said so), not of the one before (a dev
            # question's "is set to host … Sunday night" had been read as the Sunday before). Not
            # when a verb of the past tells of the day: "Which airline announced on Sunday it will
            # acquire …?" (a probe's).
            d = _later(d, timedelta(days=7))
    return d, d


def _stands_alone(m: re.Match[str]) -> bool:
    """The weekday is no part of a longer expression: not "Tuesday the 3rd", "Monday and Tuesday",
    "after Tuesday" (a review's had spanned a week)."""
    before, after = m.string[: m.start()], m.string[m.end() :]
    joined = r"(?:and|or|to|through|thru|until|till|between|after|before|since|from|by|-|–)"
    return not (
        re.search(rf"\b{joined}\s*$|[-–]\s*$", before, re.IGNORECASE)
        or re.match(rf"\s*(?:,?\s*(?:the\s+)?\d|{joined}\b|[-–])", after, re.IGNORECASE)
    )


def _at(m: re.Match[str], as_of: date) -> Span | None:
    return _point(m["pt"], as_of)


YEAR_TURN_MONTHS = 9  # "November and January" (11, 1) cross the year's turn; "October and March" do not
TWO_MONTHS_LONGEST_DAYS = 92  # three months, the one between them too ("in March and May")


def _two_months(m: re.Match[str], as_of: date) -> Span | None:
    """ "In January and February": both months, in the calendar's order, of the year the second
    names ("… 2022", "… last year"), else as a month alone is read (_nearest): the latest pair begun
    by as_of, or, asked of what is to come, the pair to come ("Is the Fed expected to hike in July
    and September?", which no range up to as_of holds); "December and January" cross the year.
    Read as a pair: "in May and June" asked on May 20 is this May (a review's had listed 2022's)."""
    first, second = _month_number(m["pt1"]), _month_number(m["pt2"])
    named = re.search(_YEAR, m["pt2"])
    year = _year_number(named.group()) if named else _year_after(m, as_of)
    if year is not None:
        chosen = _pair_of_months(first, second, year)
    else:
        chosen = _nearest(lambda y: _pair_of_months(first, second, y), as_of)
    # Months far apart ("in January and December") are two periods, no one span: none, rather
    # than the year between them (a review's).
    return chosen if chosen is not None and (chosen[1] - chosen[0]).days <= TWO_MONTHS_LONGEST_DAYS else None


def _pair_of_months(first: int, second: int, year: int) -> Span | None:
    """The two months of the pair that ends in `year`: across the year's turn when the first is
    late in one and the second early in the next ("November and January"), else in calendar order."""
    if first - second >= YEAR_TURN_MONTHS:
        return _months_span(year - 1, first, 12 - first + second + 1)
    return _months_span(year, min(first, second), abs(first - second) + 1)


def _past_month_of_a_thing(m: re.Match[str], as_of: date) -> Span | None:
    """Only asked in the past tense: "What will the Fed do at its September meeting?" asked on Sep 15
    wants what is coming, which no range up to as_of holds."""
    return _point(m["pt"], as_of) if _ASKED_IN_PAST.get() else None


def _last_named_month(m: re.Match[str], as_of: date) -> Span | None:
    """The most recent such month before as_of's own ("last January" asked in January: a year ago)."""
    month = _month_number(m["pt"])
    return _month_span(as_of.year if month < as_of.month else as_of.year - 1, month)


# Meteorological seasons, as news writes of them (northern hemisphere): first month, months.
_SEASONS = {"spring": (3, 3), "summer": (6, 3), "fall": (9, 3), "autumn": (9, 3), "winter": (12, 3)}


def _season(m: re.Match[str], as_of: date) -> Span | None:
    """ "in the spring" (March–May), "last winter" (December–February): the most recent one that
    has started by as_of, or that of the year given ("the summer of 2022")."""
    first, months = _SEASONS[m["season"].lower()]
    if m["y"]:
        return _months_span(_year_number(m["y"]), first, months)
    year = as_of.year if date(as_of.year, first, 1) <= as_of else as_of.year - 1
    past, upcoming = _months_span(year, first, months), _months_span(year + 1, first, months)
    if past is None or upcoming is None:  # at the calendar's ends
        return None
    if m["this"] and first != 12:  # "this fall" asked in March: this year's, to come
        year = as_of.year
    elif m["this"] and past[1] < as_of and upcoming[0] - as_of < as_of - past[1]:
        year += 1  # "this winter" asked in October: the one to come; in March, the one just ended
    elif m["last"] and past[1] >= as_of:  # "last winter": the one that has ended
        year -= 1
    return _months_span(year, first, months) if year >= FLOOR.year else None


# The clause ends or goes on after a period's name ("this fall in the U.S.", "was this summer the
# hottest ever?", "over Thanksgiving?"): a noun after it makes the name a topic's ("the summer night
# sky", "Christmas song").
_CLAUSE_GOES_ON = (
    r"(?=\s*(?:[,?!;:]|\.(?!\d)|$)|\s+(?:in|at|on|and|or|when|after|before|to|for|with|as|while|from|but"
    r"|the|a|an|was|were|is|has|had|will|saw|brought)\b)"
)


def _year_rule(m: re.Match[str], as_of: date) -> Span | None:
    return _point(m["pt"] or m["pt2"] or m["pt3"], as_of)


def _since(m: re.Match[str], as_of: date) -> Span | None:
    # "Since" runs from the past to now: "since May" asked in March is last year's May (a probe's
    # was read as the May to come, and bounded nothing).
    span = _bound(m["pt"], as_of, past=True)
    return (span[0], as_of) if span else None


def _since_period(m: re.Match[str], as_of: date) -> Span | None:
    period = resolve_time_range(m["rel"], as_of)
    return (period.start, as_of) if period is not None else None


def _since_season(m: re.Match[str], as_of: date) -> Span | None:
    """ "Since the summer", "since summer": from the start of the last such season begun to now (a
    probe's "since the summer" had searched the summer alone, and "since summer" nothing)."""
    season = " ".join(m["season"].split())
    period = None if m["last"] else resolve_time_range(f"in the {season}", as_of)
    if period is None or period.start > as_of:
        period = resolve_time_range(f"last {season}", as_of)
    return (period.start, as_of) if period is not None and period.start <= as_of else None


def _after(m: re.Match[str], as_of: date) -> Span | None:
    span = _bound(m["pt"], as_of, past=_ASKED_IN_PAST.get())
    return (_later(span[1], _DAY), as_of) if span else None


def _as_of_point(m: re.Match[str], as_of: date) -> Span | None:
    """ "the latest on the strike as of September": what was reported then, that month (or year);
    of a day, the week up to it (a probe's was read as of today, the archive's last news)."""
    span = _bound(m["pt"], as_of, past=True)
    if span is None:
        # Ahead of as_of ("as of March 2024" asked in 2023): the point itself, which nothing read
        # holds, so that the answer says it is after the as-of day (a review's lost that notice).
        return _point(m["pt"], as_of)
    return (_earlier(span[1], 6 * _DAY), span[1]) if span[0] == span[1] else span


def _beside_point(m: re.Match[str], as_of: date) -> Span | None:
    """The day "the day/week before …" is beside: a point, or a weekday with its "last"."""
    if m["wd"]:
        return _weekday(m, as_of)
    return _bound(m["pt"], as_of, past=_ASKED_IN_PAST.get())


def _day_beside(m: re.Match[str], as_of: date) -> Span | None:
    """ "the day after Thanksgiving": that one day (a probe's was read as every day since)."""
    span = _beside_point(m, as_of)
    if span is None or span[0] != span[1]:
        return None
    day = _later(span[0], _DAY) if m["dir"].lower() == "after" else _earlier(span[0], _DAY)
    return day, day


def _week_beside(m: re.Match[str], as_of: date) -> Span | None:
    """ "the week before last Friday": the seven days before the day (or after it). The week before
    a day still to come, asked during that week ("the week before Christmas" on Dec 20), is its days
    so far (a review's had no range, and was answered from a 1939 story)."""
    span = _beside_point(m, as_of)
    after = m["dir"].lower() == "after"  # or before it: "before", "leading up to", "ahead of"
    if span is None and not after and m["pt"]:
        coming = _point(m["pt"], as_of)
        if coming is not None and as_of < coming[0] <= _later(as_of, 7 * _DAY):
            return _earlier(coming[0], 7 * _DAY), as_of
    if span is None:
        return None
    if after:
        return _later(span[1], _DAY), _later(span[1], 7 * _DAY)
    return _earlier(span[0], 7 * _DAY), _earlier(span[0], _DAY)


def _before(m: re.Match[str], as_of: date) -> Span | None:
    span = _bound(m["pt"], as_of)
    return (FLOOR, _earlier(span[0], _DAY)) if span else None


# How far back "ahead of X" reaches: the run-up to a day, not all time before it.
RUN_UP = timedelta(days=30)
RUN_UP_AHEAD = timedelta(days=90)


def _ahead_of(m: re.Match[str], as_of: date) -> Span | None:
    """ "ahead of the Fourth of July": the RUN_UP days before it. A quiz's "most searched BBQ food
    ahead of the Fourth of July" had searched 1900-01-01 to Jul 3, and said so. A day still to come
    within RUN_UP_AHEAD of as_of is being run up to now, the last RUN_UP days: "What are people
    buying ahead of Christmas?" on Dec 20 asks of the days since Nov 20 (a review's had no range).
    Farther off, the question names no period."""
    point = m["pt"] or m["pt2"]
    span = _bound(point, as_of)
    if span is not None:
        return _earlier(span[0], RUN_UP), _earlier(span[0], _DAY)
    coming = _point(point, as_of)
    if coming is not None and as_of < coming[0] <= _later(as_of, RUN_UP_AHEAD):
        return _earlier(as_of, RUN_UP), as_of
    return None


def _between(m: re.Match[str], as_of: date) -> Span | None:
    # In the past tense, as a day alone is: "What happened between March 1 and March 15?" asked
    # in January is last year's fortnight.
    past = _ASKED_IN_PAST.get()
    first, second = _bound(m["pt"], as_of, past), _bound(m["pt2"], as_of, past)
    if first is None or second is None or first[0] > second[1]:
        return None
    return first[0], second[1]


def _no_range(m: re.Match[str], as_of: date) -> None:
    return None


# ---------------------------------------------------------------------------------------------
# The table. Patterns are case-insensitive and get word boundaries added (no letter, digit or
# hyphen before — "30-day" — and no letter or digit after — "weekly", "Mayor").
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolver
    recent: bool = False  # label as "recent: the last N days"
    # Gives way to another period the question names that does not hold it (see _resolved): "What
    # did the Fed say in May ahead of July 4th?" asks about May, though the run-up is as short.
    yields: bool = False


# "this week" as typed in a hurry: "this wk", "last wek", "this yr". Read as something named,
# "wek" was declined as a name no article mentions (probe).
_WEEK = r"(?:week|wk|wek|weeek)"
_MONTH_WORD = r"(?:month|mnth|mth)"
_YEAR_WORD = r"(?:year|yr)"


def _rule(name: str, pattern: str, resolve: Resolver, recent: bool = False, yields: bool = False) -> _Rule:
    return _Rule(name, re.compile(rf"(?<![\w-])(?:{pattern})(?!\w)", re.IGNORECASE), resolve, recent, yields)


_PREP = r"(?:(?:in|over|during|within|for)\s+)"
# What a month names when it stands before it ("its July meeting", "the June jobs report"): not a
# name of its own ("the March on Washington", "the August Wilson festival", "the May government").
_MONTHLY_EVENT = (
    r"(?:meetings?|minutes|report|jobs|cpi|inflation|decision|talks|summit|votes?|elections?|primary|primaries"
    r"|hearings?|session|debate|ruling|announcement|data|figures|numbers|sales|rate|strike|storm|floods?"
    r"|fires?|heat|attack|shooting|earthquake|visit|trip|launch)\b"
)
_UNITS = r"(?:hours?|days?|weeks?|months?|years?|decades?)"
# A year said after a month ("March last year", "May and June of 2022", "March a year ago"): read
# whole or not at all, so that a noun after it does not leave the month to be read as this year's
# (a review's "at the end of March 2022 World Cup qualifiers").
_YEAR_TAIL = (
    r"(?>(?:,?\s+(?:(?:of|in)\s+)?(?P<which>(?:last|this|next|the\s+previous|the\s+following)\s+year"
    # Not "N years before": "at the end of March, two years before the election" (a review's).
    r"|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+years?\s+(?:ago|earlier)"
    r"|the\s+year\s+before(?:\s+last)?|the\s+prior\s+year|(?:the\s+year\s+)?" + _YEAR + r"))?)"
)
# "At the end of February", "since the start of the year"; "by the end of …" is a deadline, not
# when something happened (a review's "What did the Fed say it would do by the end of the year?",
# asked in December, had been searched in its November and December alone).
_EDGE = (
    r"(?:(?:at|towards?|near|around|in|during|(?P<since>since)|(?P<by>by))\s+)?(?:the\s+)?"
    r"(?P<edge>start|beginning|middle|end)\s+of\s+"
)
# Not a month or year naming what follows it: "the start of 2023 NFL season", "the end of the 2022
# World Cup", "the end of 2024 campaign"; "the end of 2022 for Twitter" is an edge (a review's).
_NO_NOUN_NEXT = (
    r"(?![\s-]+(?:(?-i:[A-Z])[\w'’-]*|(?:season|model|election|campaign|budget|fiscal|tax|race|class|draft"
    r"|edition|tournament|championship|series|cup|games|olympics|film|movie|book|report|tour|session)s?\b))"
)
# A year said after a month by where it stands to now ("March last year", "July 4 two years ago"):
# a year written out is read by the rules for a month and year.
_YEAR_SAID = (
    r"(?>,?\s+(?:(?:of|in)\s+)?(?P<which>(?:last|this|the\s+previous)\s+year"
    r"|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+years?\s+(?:ago|earlier)"
    r"|the\s+year\s+before(?:\s+last)?|the\s+prior\s+year))"
)

_RULES: list[_Rule] = [
    # Look like dates but aren't; claiming the text keeps the shorter rules out of it.
    _rule(
        "not a date",
        rf"usa\s+today|march\s+madness|april\s+fool[’']?s?"
        # Another country's or people's day: not the United States' holiday of the name.
        r"|holocaust\s+memorial\s+day|\w+[’']s\s+independence\s+day|canadian\s+thanksgiving"
        r"|(?:[a-z]+(?:an|ese|ish|i)\s+)independence\s+day|independence\s+day\s+(?:in|of)\s+\w+"
        # A film or show of the name ("Who directed Independence Day?", a review's).
        rf"|(?:direct(?:ed|s)?|starr?(?:ed|ing|s)?\s+in|sequel\s+to|remake\s+of|the\s+(?:movie|film))\s+"
        rf"[\"“‘']?(?:{_HOLIDAY_NAMES})(?=[\"”’']?\s*(?:[?.!,;:)]|$))"
        rf"|(?:black|good|cyber|super|ash|palm|easter|bloody|giving|maundy|holy)\s+{_WEEKDAY}"
        # A deadline ("Crews hope to contain the fire by Wednesday", a quiz's, was last Wednesday).
        # Only ending the clause: not "destroyed by Sunday night's tornado" (a review's).
        rf"|by\s+(?:next\s+)?{_WEEKDAY}(?:\s+(?:night|morning|afternoon|evening))?(?=\s*(?:[?.!,;:]|$))"
        # A holiday said to fall in a period: that period is asked about ("Thanksgiving is this
        # week. Which editor campaigned for it …?" had been Thanksgiving Day alone, a quiz's).
        rf"|(?:{_HOLIDAY_NAMES})(?=\s+(?:is|was|falls|fell)\s+(?:this|last|next)\s+(?:week|weekend|month)\b)"
        # All the days up to now: no period (an edge-case tester's "up until today" was today alone).
        r"|(?:up\s+(?:until|till|to|through)|before|as\s+of)\s+today(?![’']s)"
        # A show or a paper of the name: a quiz's "'Saturday Night Live' is back … Which season is
        # it starting?" had been searched on last Saturday alone.
        r"|saturday\s+night\s+(?:live|fever)|friday\s+night\s+lights|(?:nfl\s+)?sunday\s+ticket"
        # A reader's "what did bad bunny's t-shirt say on the tonight show" was searched on the
        # day asked, and declined.
        r"|the\s+(?:tonight|today)\s+show"
        # Broadcasts of the name: a chat's "who has thursday night football" was searched on last Thursday.
        rf"|{_WEEKDAY}\s+night\s+(?:football|baseball|basketball|hockey|raw|smackdown)"
        r"|(?:the\s+)?sunday\s+(?:times|telegraph|mirror|express)|mail\s+on\s+sunday"
        # "On which Thursday is Thanksgiving?", "every Friday": asked of, not a day searched.
        rf"|(?:on\s+)?(?:which|what|every|each)\s+{_WEEKDAY}"
        # A holiday as what is talked of ("a scholar who talks about Thanksgiving", "the history of
        # Christmas", a quiz's), not when: it had been searched on that one day.
        # "Why do we celebrate Juneteenth?" too; not "How did Ukrainians celebrate Christmas?", of
        # the day itself (two reviews').
        rf"|\b(?:do|does|why)\b[^?.!]*?\b(?:celebrat|observ)(?:e|es|ing)\s+(?:the\s+)?(?:{_HOLIDAY_NAMES})"
        r"|(?:about|history\s+of|origins?\s+of|meaning\s+of|views?)"
        rf"\s+(?:the\s+)?(?:{_HOLIDAY_NAMES})(?!\s+(?:weekend|eve|{_YEAR})\b)"
        rf"|{_PREP}?the\s+(?:last|final|first)\s+(?:day|week|month|year)\s+of"
        # A day naming an event ("the Jan. 6 committee", "trump's jan 6 indictment"): its news is
        # from any day, not that one.
        # A word may come between: a fact-checker's "the Jan. 6 federal indictment" had been
        # searched on 2023-01-06.
        rf"|{_anon(_P_MONTH_DAY)}\s+(?:(?:federal|select|house|senate|capitol|congressional|criminal|special)\s+)?"
        r"(?:committee|hearings?|riots?|rioters?|attack|insurrection|indictments?"
        r"|case|probe|investigation|panel|defendants?)"
        # Or what is talked of: a chat's "Did Mike Pence testify to the grand jury about Jan. 6?",
        # asked in April, had been searched on 2023-01-06, and its follow-ups answered from it.
        rf"|(?:about|regarding|concerning|into)\s+{_anon(_P_MONTH_DAY)}(?=\s*(?:[?.!,;:)]|$))"
        # A weekday as a kind of day: a quiz's "Why are the Golden Globes on a Tuesday this year?",
        # asked the day after, had been searched on that Tuesday alone and missed the preview.
        rf"|on\s+an?\s+{_WEEKDAY}"
        # A calendar's rule ("moved Washington's birthday to the third Monday of February", "the
        # first Monday in October"): no one day's news. A quiz writer's was searched on last Monday.
        rf"|(?:the\s+)?(?:first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+{_WEEKDAY}\s+(?:of|in)\s+{_MONTH}"
        # A holiday as what is made one ("Which president made Juneteenth a federal holiday?", "In
        # what year did Lincoln proclaim Thanksgiving a national holiday?"): history, not its day.
        # A quiz's was declined as after the as-of day, the week before Thanksgiving.
        rf"|(?:{_HOLIDAY_NAMES})\s+(?:(?:is|was|as|became|become|becomes)\s+)?an?\s+"
        r"(?:federal|national|public|state|official|legal|bank|paid|statutory)\s+holiday\b"
        # Made or moved to a day of the calendar, or into a holiday ("which president signed the law
        # making Thanksgiving the fourth Thursday of November"), or a year asked of ("what year did
        # the Lions first play on Thanksgiving"): its history, not this year's day. A quiz's were
        # searched on Thanksgiving Day 2023 alone, and answered with that day's games. Not "made
        # Thanksgiving a travel nightmare", "the first touchdown on Thanksgiving" nor "year-end"
        # (two reviews').
        rf"|\b(?:mak(?:e|es|ing)|made|mov(?:e|es|ed|ing)|declar(?:e|es|ed|ing)|establish(?:es|ed|ing)?)\s+"
        rf"(?:{_HOLIDAY_NAMES})\s+(?:(?:the\s+)?(?:first|second|third|fourth|fifth|last)\s+{_WEEKDAY}|into\b|to\b"
        r"|an?\s+(?:federal|national|public|state|official|legal|bank|paid|statutory)\b)"
        rf"|\b(?:what|which|in\s+what)\s+year(?![-\w])[^?.!]*?\b(?:{_HOLIDAY_NAMES})\b"
        # The first one ever, or who began it ("When was the first Thanksgiving?", "Who started
        # Mother's Day?", an edge-case tester's, were searched on this year's day): the holiday ends
        # the question or its clause. Not "the first Christmas of the war", "Who started Thanksgiving
        # at quarterback?" (a review's).
        rf"|\b(?:the\s+first|started|created|founded|invented|began|established|came\s+up\s+with)\s+(?:the\s+)?"
        rf"(?:{_HOLIDAY_NAMES})(?=\s*(?:[?.!,;]|$)|\s+(?:was|is|held|celebrated|took\s+place|happened)\b)",
        _no_range,
    ),
    # Days relative to today.
    # "A year ago today", "this time last year": claimed before "today" and "last year" (an
    # edge-case tester's "What happened in Ukraine one year ago today?" had been searched today).
    _rule(
        "a year ago",
        # Not "a year ago" alone: "in June a year ago", "the Super Bowl a year ago" (a review's) ask of
        # the month or the game, a year back.
        r"(?<!since )(?<!half )(?:(?:about|nearly|almost|roughly|exactly|just)\s+)?(?:one|a)\s+year\s+ago"
        r"\s+(?P<when>today|this\s+week|this\s+month)"
        r"|(?<!since )(?:at\s+)?this\s+time\s+last\s+year|(?<!since )(?:on\s+)?this\s+(?P<day>day|date)\s+last\s+year"
        # "in June a year ago" is last year's June (a review's had been this year's).
        rf"|in\s+(?P<month>{_MONTH})\s+(?:one|a)\s+year\s+ago",
        _year_ago,
    ),
    # "Late last year", "early this month": that part of it, as "late 2022" and "early March" are
    # (an edge-case tester's had been the whole year or month).
    _rule(
        "part of this or last year or month",
        r"(?<!too )(?<!so )(?:(?:in|during)\s+)?(?P<part>early|mid|late)(?:\s+|-)"
        r"(?P<rel>last|this)\s+(?P<unit>year|month)",
        _part_of_a_recent_period,
    ),
    _rule("today", r"(?:earlier\s+)?today|tonight|this\s+(?:morning|afternoon|evening)", _days_back(0)),
    _rule("yesterday", r"yesterday", _days_back(1, 1)),
    _rule("the day before yesterday", r"(?:the\s+)?day\s+before\s+yesterday", _days_back(2, 2)),
    _rule("last night", r"last\s+night", _days_back(1)),
    _rule(
        "N days/weeks ago",
        r"(?:(?:about|nearly|almost|roughly|some|just|over|more\s+than)\s+)?"
        rf"(?P<n>{_COUNT_OR_A})\s+(?P<unit>days?|weeks?|fortnights?)\s+ago",
        _ago,
    ),
    # Not "up 4% from a month ago", "than two months ago": a comparison, not when it happened. Nor
    # "years ago", as often history ("Four score and seven years ago") as a period.
    _rule(
        "N months ago",
        # A count said exactly ("two", "about a"): "a few months ago" and "more than two months
        # ago" are no 15 days (a review's "more than two months ago" of SVB had quoted April's news).
        r"(?<!more than )(?<!over )(?<!under )(?<!least )(?<!few )(?<!several )(?<!couple of )(?<!couple )"
        r"(?<!since )(?<!or )"
        r"(?:(?:about|nearly|almost|roughly|some|just)\s+)?"
        r"(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|an|a)\s+months?\s+ago",
        _months_ago,
    ),
    # Weeks and weekends.
    _rule(
        "this week",
        rf"(?:(?:earlier|later)\s+)?this\s+(?:past\s+)?{_WEEK}|over\s+the\s+(?:past\s+)?{_WEEK}",
        _days_back(7),
    ),
    _rule("last week", rf"last\s+{_WEEK}|the\s+previous\s+{_WEEK}", _last_week),
    # Not "the week before last year's election", "the week before last Friday" (a review's).
    _rule(
        "the week before last",
        rf"(?:(?:in|during|over)\s+)?(?:the\s+)?{_WEEK}\s+before\s+last"
        rf"(?!\s*['’]s|\s+(?:{_YEAR_WORD}|{_MONTH_WORD}|{_WEEK}|weekend|night|season|time|{_WEEKDAY}|{_MONTH})\b)",
        _week_before_last,
    ),
    _rule("this weekend", r"this\s+weekend|over\s+the\s+weekend", _this_weekend),
    _rule("last weekend", r"(?:(?:this|the)\s+)?past\s+weekend|last\s+weekend", _last_weekend),
    # Rolling windows ending today.
    # A bare "last" needs "the" or a preposition: "the strike could last two weeks" is no range.
    _rule(
        "the past N units",
        rf"(?:{_PREP}(?:the\s+)?|the\s+)(?:past|last|previous)\s+(?P<n>{_COUNT})\s+(?P<unit>{_UNITS})"
        rf"|past\s+(?P<n2>{_COUNT})\s+(?P<unit2>{_UNITS})",
        _past_n,
    ),
    _rule(
        "the past unit",
        rf"{_PREP}?(?:the|this)\s+(?:past|last)\s+(?P<n>)(?P<unit>hour|day|week|month|year|decade)",
        _past_n,
    ),
    _rule("recently", r"recently|lately", _days_back(RECENT_DAYS), recent=True),
    _rule(
        "in recent days/weeks/months",
        r"(?:in|over)\s+recent\s+(?P<unit>days|weeks|months)",
        _in_recent,
        recent=True,
    ),
    # Calendar months and years.
    _rule("this month", rf"(?:(?:earlier|later|so\s+far)\s+)?this\s+{_MONTH_WORD}", _this_month),
    _rule("last month", rf"last\s+{_MONTH_WORD}|the\s+previous\s+{_MONTH_WORD}", _last_month),
    _rule(
        "this year",
        rf"(?:(?:earlier|later|so\s+far)\s+)?this\s+{_YEAR_WORD}|(?:(?:so\s+far|in)\s+)?(?:the\s+)?year[\s-]+to[\s-]+date|ytd",
        _this_year,
    ),
    # "In March last year", "on July 4 last year": that year's (an edge-case tester's were read
    # as this year's March and July 4, the shorter of the two periods read apart).
    _rule(
        "month or day of a year said after",
        rf"(?:in|during|throughout|on)\s+(?P<pt>{_anon(_P_MONTH_DAY)}|{_anon(_P_MONTH)}){_YEAR_SAID}",
        _month_of_year_said,
    ),
    _rule("last year", rf"last\s+{_YEAR_WORD}|the\s+previous\s+{_YEAR_WORD}", _last_year),
    # Weekdays.
    _rule(
        "weekday",
        rf"(?:(?P<mod>on|last|this\s+past|past|this\s+coming|this|next|coming)\s+)?(?P<wd>{_WEEKDAY})",
        _weekday,
    ),
    # "on the 3rd", where the clause ends or goes on ("on the 3rd floor" is no day).
    _rule(
        "day of the month",
        r"on\s+the\s+(?P<d>(?:3[01]|[12]\d|[1-9])(?:st|nd|rd|th))"
        r"(?=\s*(?:[,?!;:]|\.(?!\d)|$)|\s+(?:in|at|and|or|when|after|before|to|for|with|while|but)\b)",
        _day_alone,
    ),
    # Named days, months and years.
    _rule("date", rf"(?:(?:on|in)\s+)?(?:{_WEEKDAY},?\s+)?(?P<pt>{_DAY_FORMS})", _at),
    # "on 3/4": month/day as in the US, as "3/4/2023" is read; only after "on", since "3/4 of
    # voters" is a share and "24/7" no day.
    # Day first when the first number can be no month ("on 13/3").
    _rule(
        "slashed day",
        r"on\s+(?:(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])|(?P<d2>3[01]|2\d|1[3-9])/(?P<m2>1[0-2]|0?[1-9]))"
        r"(?![\d/])",
        _slashed_day,
    ),
    _rule("month and year", rf"(?:(?:in|during|of|throughout)\s+)?(?P<pt>{_anon(_P_MONTH_YEAR)})", _at),
    # In figures, only after a word that asks of a month: "Tickets 1/2000 sold" is a share.
    _rule("numbered month", rf"(?:in|during|throughout)\s+(?P<pt>{_anon(_P_NUMBERED_MONTH)})", _at),
    _rule("dashed day", rf"on\s+(?P<pt>{_anon(_P_DASHED_SHORT)})", _at),
    _rule("in month", rf"(?:in|during|throughout)\s+(?P<pt>{_anon(_P_MONTH)})", _at),
    # Month names only: two years, or two days, said together were read wrongly when tried ("in
    # 2022 and 2021", "on March 4 and 5 others were injured").
    _rule(
        "two months",
        rf"(?:in|during|throughout)\s+(?P<pt1>{_anon(_P_MONTH)})\s+(?:and|or|&)\s+"
        rf"(?P<pt2>{_anon(_P_MONTH_YEAR)}|{_anon(_P_MONTH)}){_YEAR_TAIL}",
        _two_months,
    ),
    # A month naming what happened in it: "at its July meeting", "the June jobs report" (a probe's
    # "What did the Fed decide at its July meeting?" was answered with May's "The Fed's next meeting
    # is June 13-14"). After "the" or a possessive, so that "May" the verb is none.
    _rule(
        "month of a thing",
        rf"(?:(?<=\b(?:the|its|his|her|our)\s)|(?<=\btheir\s)|(?<=\byour\s)|(?<=['’]s\s))(?P<pt>{_anon(_P_MONTH)})"
        rf"(?=\s+{_MONTHLY_EVENT})",
        _past_month_of_a_thing,
    ),
    _rule("last month name", rf"last\s+(?P<pt>{_anon(_P_MONTH)})", _last_named_month),
    _rule(
        "part of a month",
        rf"(?:(?:in|during)\s+)?(?:the\s+)?(?P<part>early|mid|late)(?:\s+|-)"
        rf"(?P<pt>{_anon(_P_MONTH_YEAR)}|{_anon(_P_MONTH)})",
        _part_of_month,
    ),
    # "At the end of February": a probe's had searched the whole archive.
    _rule(
        "edge of a month",
        rf"{_EDGE}(?:(?P<rel>(?:last|this|the\s+previous)\s+month)"
        # "At the end of March last year", "… of 2022" (a review's had searched this March).
        rf"|(?P<pt>{_anon(_P_MONTH_YEAR)}|{_anon(_P_MONTH)}){_YEAR_TAIL}{_NO_NOUN_NEXT})",
        _edge_of_month,
    ),
    _rule(
        "edge of a year",
        rf"{_EDGE}(?:(?:(?P<rel>this|last|the\s+previous)\s+|the\s+)year|(?P<y>{_YEAR}){_NO_NOUN_NEXT})",
        _edge_of_year,
    ),
    _rule(
        "week of a month",
        rf"(?:(?:in|during)\s+)?the\s+(?P<which>first|1st|second|2nd|third|3rd|fourth|4th|last|final)\s+week\s+of\s+"
        rf"(?P<pt>{_anon(_P_MONTH_YEAR)}|{_anon(_P_MONTH)})",
        _week_of_month,
    ),
    _rule(
        "week of a day",
        rf"(?:(?:in|during)\s+)?the\s+week\s+of\s+(?:{_WEEKDAY},?\s+)?(?P<pt>{_DAY_FORMS})",
        _week_of_day,
    ),
    _rule(
        "season",
        # Led by a preposition or "this"/"last"/"the"; "prices fall", "spring training" and "the
        # Winter Olympics" are no period.
        r"(?:(?:in|during|over|throughout)\s+(?:the\s+)?|(?P<last>last)\s+|this\s+past\s+|(?P<this>this)\s+|the\s+)"
        rf"(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?" + _CLAUSE_GOES_ON,
        # Then the clause ends or goes on ("last winter was mild"): "the summer night sky" is none.
        _season,
    ),
    _rule(
        "holiday",
        rf"(?:(?:on|at|over|for|during)\s+)?(?:the\s+)?"
        rf"(?P<holiday>new\s+year{_APOSTROPHE}s(?:\s+(?:day|eve))?|valentine{_APOSTROPHE}s\s+day|{_HOLIDAY_NAMES})"
        # Its long weekend ("Labor Day weekend"), with its year or not.
        r"(?:\s+(?P<weekend>weekend))?"
        # With its year: a probe's "What happened on Christmas 2021?" had searched Christmas 2022.
        rf"(?:{_HOLIDAY_YEAR}"
        # A day named as one ("Christmas Eve shooting"), or a bare name whose clause ends or goes
        # on: "Christmas song", "Christmas tree prices" and "Thanksgiving travel" are topics, and a
        # probe's were searched on that one day and answered from unrelated stories.
        # "Thanksgiving this year", "the Christmas holidays" (a review's) go on with the period.
        rf"|(?<=weekend)|(?=\s+(?:day|morning|afternoon|evening|night|week|holidays?|break|this|last|next)\b)"
        rf"|{_CLAUSE_GOES_ON})",
        _holiday,
    ),
    # "The first half of 2023", "H1 2023": "the first half" alone is as often a game's.
    _rule(
        "half of a year",
        rf"(?:(?:in|during|over|of)\s+)?(?:the\s+)?(?P<h>first|second|1st|2nd)\s+half\s+of\s+"
        rf"(?:(?P<y>{_YEAR})|(?P<rel>this|last)\s+{_YEAR_WORD}|the\s+{_YEAR_WORD})"
        rf"|(?:(?:in|during)\s+)?h(?P<hn>[12])(?:\s+|\s*of\s+)(?P<y2>{_YEAR})",
        _half_year,
    ),
    # "Q1", or a quarter with its year: "the first quarter" alone is as often a game's.
    _rule(
        "quarter",
        rf"(?:(?:in|during|of)\s+)?(?:q(?P<qn>[1-4])(?:(?:,?\s+|\s+of\s+)(?P<y>{_YEAR}))?"
        rf"|(?:the\s+)?(?P<q>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+quarter\s+"
        # Of a year said as this or last (an edge-case tester's "the first quarter of this year" had
        # been the whole year, "the last quarter of 2022" all of 2022).
        # Not "of last year's Super Bowl", a game's (a review's); "of the year 2022" is 2022's.
        rf"(?:of\s+)?(?:(?P<y2>{_YEAR})|(?P<rel>this|last|the)\s+{_YEAR_WORD}(?:\s+(?P<y3>{_YEAR}))?(?![’'\w])))"
        # "Last quarter", "this quarter": a company's or the economy's ("Apple's last quarter"). Not
        # a game's ("in the last quarter", "his last quarter", "the Lakers' last quarter", "that
        # last quarter"), nor "this quarter-final", "this quarter of Paris", "the last quarter
        # century" (reviews').
        r"|(?<!the )(?<!his )(?<!her )(?<!that )(?<!s[’'] )(?P<now>this|last)\s+quarter"
        r"(?![-\w]|\s+(?:of|century|mile|final|pound)\b)",
        _quarter,
    ),
    # "In the 2010s": its ten years (an edge-case tester's was declined as "no article found mentions
    # 2010"). Not "the 90s", as often a temperature.
    # With "in", "during" …, and not before a noun: "Which star of the 1990s sitcom Friends died?" is
    # of now (a review's).
    _rule(
        "decade",
        r"(?:in|during|throughout|over)\s+the\s+(?P<d>(?:19|20)\d0)['’]?s"
        r"(?=\s*(?:[?.!,;:]|$)|\s+(?:with|and|when|for|in|on|at|as|to|was|were|did|had|that|what|which|who"
        r"|how|why|where|but|before|after|under|while|is|are)\b)",
        _decade,
    ),
    _rule(
        "year",
        rf"(?:in|of|during|throughout)\s+(?P<pt>{_anon(_P_YEAR)})"
        rf"|(?P<pt2>(?:early|mid|late)(?:\s+|-){_YEAR})"
        rf"|(?P<pt3>{_YEAR})(?=\s*(?:[,?!;:]|\.(?!\d)|$))",  # a year ending a clause
        _year_rule,
    ),
    # Spans between named points.
    _rule("since", rf"since\s+(?:last\s+)?(?P<pt>{_POINT_OR_WEEKDAY})", _since),
    # "Since last week", "since yesterday": from that period's start to now (a review's read the
    # period alone).
    _rule(
        "since a period",
        rf"since\s+(?P<rel>(?:last|this)\s+(?:{_WEEK}|{_MONTH_WORD}|{_YEAR_WORD})|yesterday)",
        _since_period,
    ),
    _rule(
        "since a season",
        r"since\s+(?:(?:the|this|(?P<last>last))\s+)?(?P<season>(?:spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?"
        rf"{_YEAR})?)" + _CLAUSE_GOES_ON,  # "since the fall of Kabul", "since spring training": no season
        _since_season,
    ),
    # "The week before last Friday", "the week after Christmas": the seven days on that side of
    # the day (a review's "the week before last Friday" had read as last Friday alone).
    _rule(
        "the week after/before",
        rf"(?:(?:in|during|over)\s+)?the\s+week\s+(?P<dir>after|before|leading\s+up\s+to|ahead\s+of)\s+{_BESIDE_POINT}",
        _week_beside,
    ),
    _rule(
        "the day after/before",
        rf"(?:on\s+)?the\s+day\s+(?P<dir>after|before)\s+{_BESIDE_POINT}",
        _day_beside,
    ),
    _rule("after", rf"after\s+(?P<pt>{_POINT})", _after),
    _rule("before/until", rf"(?:before|until|till|prior\s+to)\s+(?P<pt>{_POINT})", _before),
    _rule(
        "ahead of",
        # "ahead of July 4th" is the days before it (a quiz's had searched July 4 alone).
        # "heading into the July Fourth weekend" too: a quiz's, asked on its Saturday, had been
        # searched on that day alone and missed the week's gas-price report.
        # Not "ahead of the 2022 midterms" (a review's had been December 2021), nor "going into 2024".
        rf"(?:ahead\s+of|in\s+the\s+(?:run|lead)[\s-]up\s+to|leading\s+up\s+to)\s+(?P<pt>{_POINT})"
        rf"|(?:ahead\s+of|heading\s+into|going\s+into|in\s+the\s+(?:run|lead)[\s-]up\s+to|leading\s+up\s+to)\s+"
        rf"(?:the\s+)?(?P<pt2>{_anon(_P_HOLIDAY)}|{_DAY_FORMS})(?:\s+(?:holiday\s+)?weekend)?",
        _ahead_of,
        yields=True,
    ),
    _rule("as of", rf"as\s+of\s+(?P<pt>{_POINT})", _as_of_point),
    # Days of one month written once: "from 1 to 5 March", "1-5 March", "March 1-5", "between March 1
    # and 5". The month had been read with one of the days alone ("5 March").
    _rule(
        "days of a month",
        rf"(?:(?:from|between|on|in|during|over)\s+)?(?:the\s+)?(?P<d1>{_DOM})\s*(?:-|–|to|and|until|till|through)\s*(?:the\s+)?"
        rf"(?P<d>{_DOM})(?:\s+of)?\s+(?P<m>{_MONTH})(?!\s+{_DOM})(?:,?\s+(?P<y>{_YEAR}))?"
        rf"|(?:between\s+(?P<m2>{_MONTH})\s+(?P<d12>{_DOM})\s+and|(?:(?:from|on|in|during|over)\s+)?(?P<m3>{_MONTH})\s+(?P<d13>{_DOM})\s*"
        rf"(?:-|–|to|until|till|through))\s*(?P<d2>{_DOM})(?:,?\s+(?P<y2>{_YEAR}))?"
        # Not a count that follows: "between March 1 and 5 people".
        r"(?!\s*(?:%|percent|per\b|people|points?|times|years?|days?|weeks?|months?|[ap]\.?m\b|o['’]clock))",
        _days_of_a_month,
    ),
    _rule("between", rf"between\s+(?P<pt>{_POINT})\s+and\s+(?P<pt2>{_POINT})", _between),
    _rule(
        "from/to",
        rf"from\s+(?P<pt>{_POINT})\s+(?:to|through|until|till)\s+(?P<pt2>{_POINT})",
        _between,
    ),
]


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    rule: _Rule
    match: re.Match[str]


@functools.lru_cache(maxsize=1024)
def _hits(question: str) -> tuple[_Hit, ...]:
    """All rule matches, overlaps settled longest-first (then leftmost, then table order).
    Cached: an answer reads its question's period, and whether it names a later day, from the
    same matches."""
    candidates = [(index, _Hit(rule, m)) for index, rule in enumerate(_RULES) for m in rule.pattern.finditer(question)]
    candidates.sort(key=lambda c: (-(c[1].match.end() - c[1].match.start()), c[1].match.start(), c[0]))
    taken: list[_Hit] = []
    for _, hit in candidates:
        if all(hit.match.end() <= t.match.start() or hit.match.start() >= t.match.end() for t in taken):
            taken.append(hit)
    return tuple(sorted(taken, key=lambda h: h.match.start()))


def _resolve(hit: _Hit, as_of: date, question: str) -> Span | None:
    """The hit's span, read in the question's tense (see _nearest)."""
    token = _ASKED_IN_PAST.set(_in_past_tense(question))
    future = _ASKED_OF_FUTURE.set(_asks_of_future(question))
    was = _SAYS_WHAT_WAS.set(_says_what_was(question))
    verbless = _ASKED_WITHOUT_VERB.set(_without_verb(question))
    try:
        return hit.rule.resolve(hit.match, as_of)
    finally:
        _ASKED_WITHOUT_VERB.reset(verbless)
        _SAYS_WHAT_WAS.reset(was)
        _ASKED_OF_FUTURE.reset(future)
        _ASKED_IN_PAST.reset(token)


# A day or a month typed bare ("released Friday", "sold March"), labelled as a period is read:
# "Searched: on Friday (2023-08-25)", not "Searched: Friday (2023-08-25)" (a probe's).
BARE_DAY = re.compile(_WEEKDAY, re.IGNORECASE)
BARE_MONTH = re.compile(rf"(?:{'|'.join(_MONTH_NAMES)})(?:,? \d{{4}})?", re.IGNORECASE)


def _label(hit: _Hit, start: date, end: date, clamped: bool) -> str:
    # A range cut at FLOOR says so, or "the past 500 decades (1900-01-01 to …)" would look like a misreading.
    note = f"; nothing before {FLOOR.isoformat()} is searched" if clamped else ""
    if hit.rule.recent:
        return f"recent: the last {(end - start).days} days ({start.isoformat()} to {end.isoformat()}{note})"
    if start == end and not note and hit.match[0].endswith(start.isoformat()):
        return hit.match[0]  # "on 2023-03-11", not "on 2023-03-11 (2023-03-11)"
    typed = hit.match[0]
    if BARE_DAY.fullmatch(typed):
        typed = f"on {typed}"
    elif BARE_MONTH.fullmatch(typed):
        typed = f"in {typed}"
    if start == end:
        return f"{typed} ({start.isoformat()}{note})"
    return f"{typed} ({start.isoformat()} to {end.isoformat()}{note})"


def _resolved(question: str, as_of: date) -> list[TimeRange]:
    """Every expression in the question that names a range up to as_of, in question order, those
    of a rule that yields (_Rule.yields) after the rest and only when each other range holds them:
    "in May ahead of July 4th" is May, while "ahead of July 4th this year" is still the run-up (a
    review's). A yielding one is read again as of the other's last day: "ahead of July 4th last
    year" is last year's run-up, not the whole of last year (a review's)."""
    ranges: list[TimeRange] = []
    yielding: list[_Hit] = []
    for hit in _hits(question):
        if hit.rule.yields:
            yielding.append(hit)
        elif (found := _range_of(hit, as_of, as_of, question)) is not None:
            ranges.append(found)
    for hit in yielding:
        for day in dict.fromkeys([as_of, *(r.end for r in ranges)]):
            found = _range_of(hit, day, as_of, question)
            if found is not None and all(r.start <= found.start and found.end <= r.end for r in ranges):
                ranges.append(found)
                break
    return ranges


def _range_of(hit: _Hit, day: date, as_of: date, question: str) -> TimeRange | None:
    """The hit's range read as of `day`, within FLOOR .. as_of: nothing after as_of is ever in
    range, nor anything before FLOOR."""
    span = _resolve(hit, day, question)
    if span is None:
        return None
    start, end = max(span[0], FLOOR), min(span[1], as_of)
    if start > end:
        return None
    return TimeRange(start, end, _label(hit, start, end, clamped=span[0] < FLOOR), hit.match[0])


# A day past any month's last ("Dec 32"), where the question or its clause ends or a year follows:
# "In March 34 people died" counts 34 people.
_PAST_MONTH_END = r"3[2-9](?:st|nd|rd|th)?(?=\s*(?:[?!.,;)]|$)|,?\s+\d{4}\b)"
# Not "13/02/2023": slashed dates are written day first as often as month first.
_WRITTEN_DAYS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        _P_ISO,
        _P_MONTH_DAY,
        _P_DAY_MONTH,
        rf"(?P<m>{_MONTH})\s+(?P<d>{_PAST_MONTH_END})(?P<y>)",
        rf"(?<![\d,.])(?P<d>3[2-9])(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m>{_MONTH})(?P<y>)",
        # Day first, as a month's last days can only be ("31/02/2023", "30.02.2023").
        r"(?<![\d/.-])(?P<d>29|30|31)[/.](?P<m>0?[1-9]|1[0-2])[/.](?P<y>\d{4})(?![\d/-]|\.\d)",
    )
]


# A day written in figures, month first, that may be none ("2/31", "4/31/2023", "2/29/2023"): only
# a month's last days, so that "24/7", "9/11" and a day-first "13/05/2023" are never read as one.
# Without its year only after a word that leads a day: "He scored 2/30 on the test" is a score.
_SLASHED_LATE_DAY = re.compile(
    r"(?:\b(?:on|since|before|after|until|till|by|from|to|through)\s+|(?=\d{1,2}/\d{1,2}/\d{4}))"
    r"(?P<date>(?<![\d/.-])(?P<m>0?[1-9]|1[0-2])/(?P<d>29|30|31)(?:/(?P<y>\d{4}))?)(?![\d/])",
    re.IGNORECASE,
)


# "As of March 1, 2023, who won …?", "… who won? (as of 2023-03-01)": the day the question is
# asked as of, said in it. Read as a period, it had been a week, widened on to today when that week
# held nothing, and a November article was cited (a probe's).
_AS_OF_FIRST = re.compile(r"^\W*as[ -]of\s+", re.IGNORECASE)
# Last, only set off from the question ("… Super Bowl? as of 2023-03-01", "… (as of March 1, 2023)?"):
# "Which laws take effect as of July 1?" says when they take effect (a review's).
_AS_OF_LAST = re.compile(
    r"(?:[?,;(]|\s[-–—]|(?P<plain>\s))\s*\(?as[ -]of\s+(?P<day>[^()?]{4,40}?)\s*\)?\s*(?P<mark>[.!?]?)\s*$",
    re.IGNORECASE,
)
_AS_OF_LONGEST_DAY = 40
# What may come after a day in its own words: more of a date ("2023", "May 5"), not the question.
_DATE_GOES_ON = re.compile(rf"(?:\d|of\b|{_MONTH}\b|{_WEEKDAY}\b)", re.IGNORECASE)


def as_of_stated(question: str, as_of: date) -> tuple[date, str] | None:
    """The one day a question says it is asked "as of", first or set off last ("As of March 1,
    2023, who won the Super Bowl?", "… who won? (as of 2023-03-01)"), and the question without it;
    None when it says none, a period ("as of last week, how many …" asks of that week), or asks of
    what is to come ("As of July 1, what will change?")."""
    first = _AS_OF_FIRST.match(question)
    if first is not None:
        said = question[first.end() :]
        # The longest day that is one ("As of Friday, May 5, 2023 who won?" is not "Friday").
        cuts = [m.start() for m in re.finditer(r"[,:;)]|\s", said[: _AS_OF_LONGEST_DAY + 1])] + [len(said)]
        for cut in sorted(set(cuts), reverse=True):
            rest = said[cut:].lstrip(" \t,:;)-–—")
            if not rest or _DATE_GOES_ON.match(rest) or (_asks_of_future(rest) and not BARE_YEAR.search(said[:cut])):
                continue
            day = _one_day(said[:cut], as_of)
            if day is not None:
                return day, rest
        return None
    last = _AS_OF_LAST.search(question)
    # Not set off, only with its year: "Who won the Super Bowl as of March 1, 2023?" (a review's),
    # not "Which laws take effect as of July 1?". Of what is to come, only with its year too.
    if last is not None and (BARE_YEAR.search(last["day"]) or (not last["plain"] and not _asks_of_future(question))):
        day = _one_day(last["day"], as_of)
        rest = question[: last.start() + (question[last.start()] == "?")].rstrip(" \t,;(-–—")
        if day is not None and rest:
            return day, rest if rest.endswith((".", "!", "?")) else rest + last["mark"]
    return None


def _one_day(text: str, as_of: date) -> date | None:
    """The one day the text is, read as a question's day is ("March 1" after "on"; in the past)."""
    text = text.strip(" \t,()")
    if not text:
        return None
    span = resolve_time_range(f"What happened {text}?", as_of) or resolve_time_range(f"What happened on {text}?", as_of)
    if span is None or span.start != span.end or not span.matched.strip().endswith(text):
        return None
    return span.start


def no_such_day(question: str) -> str | None:
    """The first date the question writes that no calendar has ("February 30", "2023-02-30",
    "2/31"), as written; None when there is none. (Without a year, February 29 is a day.)"""
    for pattern in (*_WRITTEN_DAYS, _SLASHED_LATE_DAY):
        for m in pattern.finditer(question):
            month_text, day_text = _month_and_day_written(m)
            month = int(month_text) if month_text.isdigit() else _month_number(month_text)
            day = _day_of_month(day_text)
            year = _year_number(m["y"]) if m["y"] else 2000  # a leap year
            if not 1 <= month <= 12 or _safe_date(year, month, day) is None:
                return str(m["date"] if "date" in pattern.groupindex else m[0])
    return None


# A year written out in a bound ("2023-03-20", "March 20, 2023"; not "'22", which may be either).
YEAR_WRITTEN = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")
# "Moved its ceremony from September to January", "pushed the primary from 2024 to 2023": a change
# told, not a period asked about (a review's).
_CHANGED_BEFORE = re.compile(
    r"\b(?:mov|push|shift|chang|delay|postpon|switch|reschedul|bump|brought|bring|rais|lower|cut|increas|"
    r"decreas|reduc|fell|fall|rose|rise|drop|jump|climb|grew|grow|went|go)\w*\b(?:\W+\w+){0,5}\W*$",
    re.IGNORECASE,
)


def backwards_range(question: str, as_of: date) -> str | None:
    """A "between X and Y" or "from X to Y" of the question that ends before it starts, both with
    their year written, as written ("from 2023-03-20 to 2023-03-10"); None when there is none. Read
    as no period at all, a probe's was answered from whatever matched "20" and "10". Without years
    the two may straddle a new year ("between December 28 and January 15"), and after a verb of
    change they tell of the change ("moved from September to January")."""
    for hit in _hits(question):
        if hit.rule.resolve is not _between:
            continue
        if not (YEAR_WRITTEN.search(hit.match["pt"]) and YEAR_WRITTEN.search(hit.match["pt2"])):
            continue
        if _CHANGED_BEFORE.search(question[: hit.match.start()]):
            continue
        past = _in_past_tense(question)
        first, second = _bound(hit.match["pt"], as_of, past), _bound(hit.match["pt2"], as_of, past)
        if first is not None and second is not None and first[0] > second[1]:
            return str(hit.match[0])
    return None


def written_period(question: str) -> str | None:
    """The question's first time expression as written ("this week"), None when it names none."""
    hits = [hit for hit in _hits(question) if hit.rule.resolve is not _no_range]  # not "USA Today"
    return str(hits[0].match[0]) if hits else None


def after_as_of(question: str, as_of: date) -> str | None:
    """The first expression of the question that names only days after as_of ("on January 5"
    asked as of January 3), as written; None when there is none. Such a range is never searched."""
    for hit in _hits(question):
        if _names_an_event(question, hit.match) and not _asks_of_future(question):
            continue
        span = _resolve(hit, as_of, question)
        if span is not None and span[0] > as_of:
            return str(hit.match[0])
    return None


# "the jan 6 one", "the Jan. 6 riot": a day before a noun, after "the", names what happened on it.
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s+[a-z]")


def _names_an_event(question: str, match: re.Match[str]) -> bool:
    """The matched day names an event, not a day asked about: a chat probe's "wat about the jan 6
    one" as of Aug 20 was told "“jan 6” is after 2023-08-20"."""
    return bool(
        _A_DAY_OF_A_MONTH.fullmatch(match.group().strip())
        and _THE_BEFORE.search(question[: match.start()])
        and _NOUN_AFTER.match(question, match.end())
    )


# "jan 6", "Jan. 6th": a day with no year ("the december 2023 summit" is a dated period, a review's).
_A_DAY_OF_A_MONTH = re.compile(r"[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?")


# A year on its own ("the 2024 presidential election"), not a figure ("$2,024", "2024.5").
BARE_YEAR = re.compile(r"(?<![\d,.$])\b(20\d\d)\b(?![\d,]|\.\d)")


def asks_what_happened(question: str) -> bool:
    """The question asks, in the past tense, what happened ("Who was sworn in …?", "What did
    Blinken do …?"), not what is planned or expected."""
    return _in_past_tense(question)


def later_year(question: str, as_of: date) -> str | None:
    """A year after as_of's that a past-tense question names ("Who won the 2024 presidential
    election?" asked in 2023), as written; None otherwise. What it asks about had not happened by
    as_of, so the articles can only say what was expected. Only in the past tense: "the 2024
    race" is news a year early ("Who is running in the 2024 race?")."""
    if not _in_past_tense(question):
        return None
    return next((m.group(1) for m in BARE_YEAR.finditer(question) if int(m.group(1)) > as_of.year), None)


def resolve_time_range(question: str, as_of: date) -> TimeRange | None:
    """The date range a question's time expression refers to, or None when it names none.

    With several expressions, the most specific (shortest) range wins; ties go to the one ending
    latest, then to the first in the question. But a range of the last week ("this week", "on
    Monday") beats one wholly before it: "aired false depictions of the January 6, 2021, attack
    this week" asks about this week's news, and the older date only names its subject.
    """
    ranges = _resolved(question, as_of)
    if not ranges:
        return None
    recent = [r for r in ranges if r.end >= as_of - timedelta(days=CURRENT_DAYS)]
    if recent:
        since = min(r.start for r in recent)
        ranges = [r for r in ranges if r.end >= since]
    return min(enumerate(ranges), key=lambda ir: ((ir[1].end - ir[1].start).days, -ir[1].end.toordinal(), ir[0]))[1]


def resolve_topic_time_range(topic: str, as_of: date) -> TimeRange | None:
    """resolve_time_range for a timeline's topic, which has no verb: a month in it is the last
    one unless the next begins within TOPIC_MONTH_AHEAD_DAYS (see _nearest), or the topic says it
    is to come ("upcoming election in November"). An editor's "spy balloon in February" as of Dec
    31 had been read as the February to come, so as no period, and "February" searched as a word
    over the archive. A day to come is still the topic's own ("the March 1 deadline")."""
    token = _A_TOPIC.set(not TOPIC_AHEAD.search(topic))
    try:
        return resolve_time_range(topic, as_of)
    finally:
        _A_TOPIC.reset(token)


# Days still to come, relative to the day asked on: no range holds them (see the module's notes).
# Not "the next year" (after some event the question names), nor "The Tomorrow War" (a title).
UPCOMING = re.compile(
    rf"(?<![\w-])(?:tomorrow|(?<!the )next (?:week|weekend|month|year|season|{_WEEKDAY})"
    rf"|(?:(?:in|over) )?(?:the|this) coming (?:days|weeks|months|week|weekend|month|year|season|{_WEEKDAY})"
    r"|in the next few (?:days|weeks|months))(?![\w-])",
    re.IGNORECASE,
)


# How many days of a period ("this winter", "this month") may have passed for a question about
# what it will bring to be about the days to come: their reporting is from before it began.
JUST_BEGUN_DAYS = 7
# A question about what is to come: "will", "is set to", or a wave "coming this winter".
_ASKS_AHEAD = re.compile(r"\b(?:coming|ahead|forecasts?|predicted|expected|upcoming)\b", re.IGNORECASE)


def just_begun(question: str, time_range: TimeRange, as_of: date) -> bool:
    """The question asks what "this <period>" will bring, and the period began only days before
    as_of: "is there a covid wave coming this winter" as of Dec 1 had searched Dec 1 alone (a
    probe's), and missed the Nov 30 report of the variant's rise."""
    if not time_range.matched.lower().startswith("this ") or time_range.end < as_of:
        return False
    if (as_of - time_range.start).days >= JUST_BEGUN_DAYS:
        return False
    return _asks_of_future(question) or _ASKS_AHEAD.search(question) is not None


def upcoming_references(question: str) -> list[str]:
    """The question's references to days still to come ("next week"), as written; a capitalised
    one only where a sentence starts ("Tomorrow's vote", not "The Tomorrow War")."""
    found = []
    for match in UPCOMING.finditer(question):
        before = question[: match.start()].rstrip()
        if match.group()[0].isupper() and before and before[-1] not in '.?!:;"“”(':
            continue
        found.append(match.group())
    return found


def upcoming_reference(question: str) -> str | None:
    """The question's first reference to days still to come, as written."""
    references = upcoming_references(question)
    return references[0] if references else None


@functools.lru_cache(maxsize=1024)
def strip_time_expression(question: str, time_range: TimeRange | None) -> str:
    """The question without the matched expression (for lexical search), whitespace tidied; with
    no range, without an upcoming reference ("next month": its words are no subject to search for).

    Every occurrence of the matched text is removed (case-insensitively, whole words), with a
    possessive ("this week's") or hyphen ("recently-downed") glued to it. Upcoming references
    only as written: "tomorrow" goes, the title "The Tomorrow War" stays. Cached: an answer asks
    it of its question some eight times.
    """
    text = question
    if time_range is not None:
        phrases = [time_range.matched] if time_range.matched else []
        flags = re.IGNORECASE
    else:
        phrases = upcoming_references(question)
        flags = re.NOFLAG
    for phrase in phrases:
        pattern = rf"(?<!\w){re.escape(phrase)}(?:['’]s(?!\w)|-(?=\w)|(?!\w))"
        text = re.sub(pattern, " ", text, flags=flags)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:?!)])", r"\1", text)  # "held ?" → "held?"
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r"\(\)", "", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)  # ", ," → ","
    text = re.sub(r"[,;:]\s*([.?!])", r"\1", text)  # "2022, ?" → "2022?"
    return re.sub(r"\s+", " ", text).strip(" ,;:")
