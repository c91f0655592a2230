"""The answer service: `answer(question, as_of, history) -> Answer`.

Discord, the terminal chat, `newsdesk ask` and the benchmark all call this; it knows
nothing about any of them. It answers with quoted sentences (bot/extractive.py), or, when a
language model is configured, with a `Generator` (bot/llm.py) whose checked result it turns
into the Answer, the quoted sentences being the fallback.
"""

from __future__ import annotations

import calendar
import difflib
import functools
import itertools
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Protocol
from urllib.parse import urlsplit

from wordfreq import zipf_frequency

from bot.acronyms import CHUNKS_READ, acronyms_for_names, acronyms_spelt_out
from bot.answertype import DAYS_AND_MONTHS, WHEN_ASKED, AnswerType, common_word, expected_answer
from bot.attribution import outlet_attribution, resolve_outlets
from bot.citations import describe_source
from bot.coverage import COVERAGE_DECLINED, asks_about_coverage
from bot.decline import (
    CAPITALISED,
    DENSE_RATE,
    FULL_COVERAGE,
    IN_ANOTHER_LANGUAGE,
    NEWS_IN_GENERAL,
    NO_ENGLISH_WORDS,
    NO_SUBJECT,
    NO_WORDS,
    NOTHING_ASKED,
    YEAR,
    Coverage,
    Decision,
    Evidence,
    default_model,
    gather_evidence,
    in_another_language,
    matched_in_full,
    names_no_subject,
    off_story_names,
    passages_write,
    period_coverage,
    places_named,
    rare_name_words,
    title_variants,
    writes_name,
    writes_place,
    written_names,
)
from bot.extractive import (
    DEATHS,
    asks_fee_toll,
    asks_latest_result,
    compose,
    contest_asked,
    contest_edition,
    counted_thing,
    death_count,
    edition_asked,
    edition_written_otherwise,
    headline_of,
    history_told,
    of_an_earlier_entry,
    question_names,
    quote_openings,
    quotes_holder,
    tells_count,
    tells_result_of,
    writes_edition,
)
from bot.followup import (
    CONTINUATION,
    OUTCOME_WORDS,
    PERSONAL_PRONOUN,
    STORY_WORD_ZIPF,
    Turn,
    asked_of_another,
    asks_for_a_period,
    asks_for_others,
    asks_nothing,
    back_to,
    carried_over,
    carry_entities,
    chat_spelt,
    conversation_subject,
    declined_story,
    gone_back,
    names_in,
    only_a_thing,
    quoted_in,
    since_new_subject,
    switches_topic,
    without_chat_marks,
    without_small_talk,
)
from bot.followup import WORDS as LETTER_WORDS
from bot.general import default_general_model
from bot.holders import Role, asks_for_holder, holder_mentions, role_asked, tells_of_change
from bot.mentions import unmentioned
from bot.period_news import (
    FEWEST_TITLES,
    FOLLOW_UP_DAYS,
    LIKENESS_LONGEST_DAYS,
    LONGEST_PERIOD_DAYS,
    TitleCounts,
    main_stories,
    stacked,
)
from bot.places import STATES_AND_COUNTRIES, place_of
from bot.recase import PLAIN_WORD_ZIPF, UNKNOWN, recase, typed_in_capitals, typed_without_capitals
from bot.respell import (
    always_casual,
    archive_spellings,
    casual_word,
    edits_allowed,
    respell,
    respelling_notice,
)
from bot.retrieve import (
    RESULT_TERMS,
    DateWindow,
    Retriever,
    first_day_searched,
    reports_event,
    reports_figure,
    reports_result,
)
from bot.timeexpr import (
    BARE_YEAR,
    TimeRange,
    after_as_of,
    as_of_stated,
    asks_what_happened,
    backwards_range,
    just_begun,
    later_year,
    months_spelt,
    no_such_day,
    resolve_time_range,
    strip_time_expression,
    upcoming_reference,
)
from bot.verdict import verdict
from ingest.addresses import ADDRESS
from ingest.catalog import day_number
from ingest.store import ArticleStore
from newsdesk.errors import InputError
from newsdesk.models import Answer, Citation, Passage
from newsdesk.providers import Embedder
from newsdesk.settings import Settings
from newsdesk.text import (
    content_terms,
    other_spellings,
    sentence_spans,
    stopwords,
    typed_text,
    with_name_parts,
    words,
)

log = logging.getLogger(__name__)

# Words that ask, not what an answer must write: "how bad is the flooding in Vermont?" was declined
# as "the passage that matches the question best does not mention “bad”", and "what is it being
# compared to?" for "compared" (a chat probe's), and "On what date did the 1967 Detroit riot begin?"
# for "date" (a quiz's: articles write the day, not the word).
ASKING_WORDS = re.compile(
    r"\bhow\s+(?:many|much|bad|big|large|serious|severe|long|far)\b|\b(?:compare[ds]?|comparing|comparisons?)\b"
    r"|\b(?:what|which)\s+(?:date|day\s+of\s+the\s+week|time\s+of\s+day)\b",
    re.IGNORECASE,
)

MAX_QUESTION_CHARS = 1000
NAME_CHECK_CHUNKS = 200
# Chunks read to learn how the archive writes a word (see _written_form_in), and the share of its
# uses inside a sentence that must be capitalised for a name: "Waterford" always is, while
# "house" is "the House" in half of political stories and a home in the rest. Not fewer: the
# chunks a keyword search ranks first are those that repeat the word, often in a name ("Key
# West"), and 30 of them had made a chat's "the key temperature threshold" a question about "Key".
CASE_SAMPLE_CHUNKS = 60
# A common English word ("main", from this Zipf frequency) that more chunks hold is read from more:
# the 60 first were Main Street's, and "Who plays the main character?" was read as a question about
# "Main" (a chat tester's). Only for those: 300 chunks take about 8 ms a word on the whole archive,
# and read for every word they had added 25 ms to answer()'s median on the dev questions.
WIDE_CASE_SAMPLE_CHUNKS = 300
WIDE_SAMPLE_ZIPF = 5.0
CAPITALISED_SHARE = 0.75
WRITTEN_FORMS_KEPT = 4096
READ_FORMS_KEPT = 1024
# Chunks read for a misspelt word's right spelling when the question's passages lack it: the
# archive's far commoner spelling fills most of them ("President" in 20,000 chunks).
NEAR_SPELLING_CHUNKS = 50
# How long after a period the story may be told by later reporting alone (see _story_told_later).
LATER_TELLING_DAYS = 30
# Whose report it is, which names no story: "…, according to Politico?", "… per the AP?".
_OUTLET = r"(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*"
SOURCE_GIVEN = re.compile(
    rf"(?:^|,?\s+)(?i:according\s+to|per|reported\s+by)\s+{_OUTLET},?"
    # "…, Politico reported?" (a second review's).
    rf"|,\s+{_OUTLET}\s+(?i:reported|reports|says|said)(?=\s*[?.!]?\s*$)"
)
# Where a question that names a period gets its one passage from before the period: after the
# period's two best, so its own reporting leads (see AnswerService._with_background).
BACKGROUND_RANK = 2
# Candidates from each side for the background search: one passage is wanted, not a ranking.
BACKGROUND_POOL = 20
# How far before the period the background is looked for. Recent background is the one wanted
# (the team's season, not its founding), and the search then reads a year of news, not the whole
# archive: at 1M chunks (forty years) the unbounded search took 70 ms of every such question.
BACKGROUND_LOOKBACK = timedelta(days=366)
# A pronoun (bot/followup.PERSONAL_PRONOUN) stands for something an earlier turn named (see
# _refers_to_nothing), unless the question names what it stands for before it: "Which team said
# it would move?", "Who said they would resign?" (but not "Who did he meet?", where "who" is
# someone else, nor "Who bought it?": "it" is no "who").
_AUXILIARY = r"(?:did|does|do|is|was|were|are|will|would|has|have|had|can|could|should)\b"
ANTECEDENT = re.compile(rf"\b(?:which|what)\s+(?!{_AUXILIARY})[a-z]", re.IGNORECASE)
# The "it" of the weather refers to nothing: "will it snow this winter" (a probe's was told to name it).
WEATHER_IT = re.compile(
    r"\s+(?:(?:be\s+|get\s+|stay\s+)?(?:rain|snow|sleet|hail|freez|storm|pour|thunder|drizzl)\w*"
    r"|(?:be|get|stay)\s+(?:cold|hot|warm|wet|dry|wind|sunn|cloud|fogg|icy|chill|humid|mild)\w*)",
    re.IGNORECASE,
)
PERSON_ANTECEDENT = re.compile(rf"\bwho\s+(?!{_AUXILIARY})[a-z]", re.IGNORECASE)  # for he, she, they …
# What comes right before a sentence's first word: nothing, or an end mark or line break and
# perhaps an opening quote.
SENTENCE_OPENING = re.compile(r"(?:^|[.!?]\s+|\n\s*)[\"“‘']?$")
WORD_OF_A_NAME = re.compile(r"[\w'’-]+")
# The letters a case-blind regular expression takes for ASCII ones though they lower-case to
# others: "ı" for "i", "ſ" for "s" ("İ" lower-cases to two characters, caught by the length).
ASCII_LOOKALIKES = ("\u0131", "\u017f")


def _spans_of_word(text: str, word: str) -> list[tuple[int, int]]:
    """Where the text writes the lower-case word in any case, as a whole word: not inside another
    ("son" in "Johnson", "o'neill-smith"). Found with str.find in the lower-cased text, a fifth of
    the time of a case-blind regular expression (a lower-case question asks this of each word),
    for a word of ASCII letters; the regular expression for any other, whose letters may have
    other forms of the same case (a Greek final sigma, "µ" and "μ")."""
    lowered = text.lower()
    if (
        not word.isascii()
        or word != word.lower()
        or not WORD_OF_A_NAME.fullmatch(word)
        or len(lowered) != len(text)  # the offsets would slip
        or any(letter in text for letter in ASCII_LOOKALIKES)
    ):
        pattern = re.compile(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])", re.IGNORECASE)
        return [match.span() for match in pattern.finditer(text)]
    spans = []
    start = lowered.find(word)
    while start != -1:
        end = start + len(word)
        before, after = text[start - 1 : start], text[end : end + 1]
        if not (before and (before.isalnum() or before in "_'’-")) and not (
            after and (after.isalnum() or after in "_-")
        ):
            spans.append((start, end))
        start = lowered.find(word, start + 1)
    return spans


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the search to: published dates (inclusive) and outlets."""

    start: date | None = None
    end: date | None = None
    outlets: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise InputError(
                f"The date range is reversed: from {self.start.isoformat()} is after to {self.end.isoformat()}."
            )

    def check_starts_by(self, as_of: date) -> None:
        """Refuse a range that starts after the as-of day: nothing in it may be used."""
        if self.start and self.start > as_of:
            raise InputError(
                f"The range starts after the as-of day: from {self.start.isoformat()} is after {as_of.isoformat()}."
            )

    @property
    def active(self) -> bool:
        return bool(self.start or self.end or self.outlets)

    @property
    def dated(self) -> bool:
        """Whether the user chose where the period starts (--from): then, as for a period the
        question names, no article in it is preferred for being recent. A --to alone reads the
        archive as of that day, where recent articles still come first."""
        return self.start is not None

    def narrow(self, window: DateWindow) -> DateWindow | None:
        """The window inside these dates, or None when the two do not meet."""
        start = max(filter(None, (window.start, self.start)), default=None)
        end = min(window.end, self.end) if self.end else window.end
        return None if start is not None and start > end else DateWindow(start, end)

    def label(self, as_of: date | None = None) -> str:
        """What the filters searched. A --to after the as-of day searches only up to it (nothing
        later is ever read), which the label then says: a probe's "published up to 2023-12-31"
        under an answer as of Mar 1 read as if the year's articles had been searched."""
        parts = []
        end = min(self.end, as_of) if self.end and as_of else self.end
        if self.start and end:
            parts.append(f"published {self.start} to {end}")
        elif self.start:
            parts.append(f"published from {self.start}")  # to as_of, which the label also names
        elif end and end != as_of:
            parts.append(f"published up to {end}")
        if self.outlets:
            parts.append("from " + ", ".join(self.outlets))
        return "; ".join(parts)


NO_FILTERS = Filters()


def _asks_latest(time_range: TimeRange | None, query: str) -> bool:
    """Whether the question asks for the latest result ("Who won the Masters?"): only when it
    names no period."""
    return time_range is None and asks_latest_result(query)


@dataclass(frozen=True)
class Retrieval:
    """What one question retrieved, before any answer is composed."""

    question: str  # as asked
    query: str  # standalone form used for search (follow-ups carry earlier context)
    as_of: date
    time_range: TimeRange | None
    window: DateWindow
    passages: list[Passage]
    widened: bool = False  # nothing relevant inside the period, so articles up to as_of were searched
    # Nothing relevant published on the day asked about (today), so the days before it were read:
    # what is held today is told the day before.
    previewed: bool = False
    # ... or the period's articles never write these names of the question (see _story_told_later).
    unnamed: tuple[str, ...] = ()
    filters: Filters = NO_FILTERS
    # The question's period when it names only days after as_of ("in March" asked on Feb 1), as
    # written. It is never searched: the articles up to as_of are, and the label says so.
    beyond_as_of: str | None = None
    # Days still to come that the question names without a date ("next week"): no period, so the
    # articles up to as_of are read (they preview what is coming), and the label says so.
    upcoming: str | None = None
    # Words of the question no article holds, read as the passages spell them (bot/respell.py),
    # and the question as typed when they were: `question` is then the one read.
    respelled: tuple[tuple[str, str], ...] = ()
    typed: str | None = None
    # The chunk id of the passage from before the question's period, when one was added for
    # background (a week's story rarely restates who the team is or what the volcano is called).
    background: str | None = None
    # For a follow-up: the names of the question that named the story it goes on with.
    subject: tuple[str, ...] = ()
    # That question is declined as of this one's day (see followup.declined_story).
    story_declined: bool = False
    # The post the question asks who holds now, when its newest holder's passage leads (bot/holders.py).
    holder: Role | None = None
    # The newest article's day, when `beyond_as_of` is a year after it though not after as_of: asked
    # in 2026 of an archive ending in 2023, "Who won the 2024 presidential election?" had been
    # answered with Nikki Haley's launch (a probe's).
    archive_ends: date | None = None
    # The question's acronyms and what the archive spells them out as (bot/acronyms.py).
    spelt: tuple[tuple[str, str], ...] = ()
    # For "who else?": the sentences the last answer quoted, which this one does not quote again.
    told: frozenset[str] = frozenset()
    # For a follow-up: the sentences the last answer quoted, ranked lower.
    said: frozenset[str] = frozenset()
    # The article whose address the question pastes ("what does this say? https://…"): its passages
    # are the ones read, and it is answered from whatever the question asks.
    pasted: str | None = None
    # Why the article at the pasted address may not be read: published after as_of, or not of the
    # outlets or days asked for. Declined so, not searched: a search's "no article found mentions …"
    # hid that the article was there.
    pasted_unread: str | None = None

    @property
    def known_until(self) -> str:
        """The last day the articles can tell of, said as what it is."""
        if self.archive_ends is not None:
            return f"{self.archive_ends.isoformat()}, the day of the newest article"
        return f"{self.as_of.isoformat()}, the day answers are given as of"

    @property
    def period_passages(self) -> list[Passage]:
        """The passages from the period searched, without the background one: whether the
        articles cover the question is a matter of the period's reporting."""
        return [p for p in self.passages if p.chunk_id != self.background]

    @property
    def relevance(self) -> float:
        return max((p.score for p in self.period_passages), default=0.0)

    @property
    def searched_text(self) -> str:
        """The standalone question without its period: what the passages were searched for."""
        return strip_time_expression(self.query, self.time_range) or self.query

    @property
    def date_range(self) -> tuple[date, date] | None:
        """The published-date range searched, when the question or the --from/--to filters named
        a period (one with a first day)."""
        if self.window.start is None or (self.time_range is None and not (self.filters.start or self.filters.end)):
            return None
        return (self.window.start, self.window.end)

    @property
    def label(self) -> str:
        base = self._period_label()
        if self.background is not None:
            base = f"{base}, and one earlier passage for background"
        filtered = self.filters.label(self.as_of) if self.filters.active else ""
        return f"{base}; {filtered}" if filtered else base

    def _period_label(self) -> str:
        if self.time_range is not None and self.widened:
            why = (
                f"the passages found then never name {', '.join(f'“{name}”' for name in self.unnamed)}"
                if self.unnamed
                else "nothing relevant was published then"
            )
            return (
                f"{self.time_range.label}; {why}, so articles "
                f"from {self.window.start.isoformat() if self.window.start else 'any date'} "
                f"to {self.window.end.isoformat()} were searched"
            )
        if self.time_range is not None and self.window.end > self.time_range.end:
            return f"{self.time_range.label}, and its coverage up to {self.window.end.isoformat()}"
        if self.time_range is not None:
            return self.time_range.label
        preferred = "" if self.filters.dated else ", recent ones preferred"
        later = self.beyond_as_of or self.upcoming
        if later:
            ends = (
                f"{self.archive_ends.isoformat()}, the newest article's day"
                if self.archive_ends
                else self.as_of.isoformat()
            )
            return f"articles up to {ends} (“{later}” is later){preferred}"
        return f"articles up to {self.as_of.isoformat()}{preferred}"


@dataclass(frozen=True)
class Generated:
    """A generated answer that passed the citation check; its `[n]` cite `citations[n - 1]`."""

    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Refused:
    """The model said the passages do not hold the answer."""


@dataclass(frozen=True)
class Fallback:
    """No usable generated answer (the model failed, or its reply did not pass the check):
    the quoted sentences are shown instead, with `notice` saying why."""

    notice: str


Generation = Generated | Refused | Fallback


class Generator(Protocol):
    """Answers from retrieved passages with a language model (bot/llm.py), checked before it returns."""

    def condense(self, question: str, history: Sequence[Turn]) -> str:
        """The follow-up rewritten to stand alone."""
        ...

    def generate(self, found: Retrieval) -> Generation:
        """What the model's answer to the retrieved passages came to."""
        ...

    def generate_stream(self, found: Retrieval) -> Iterator[str | Generation]:
        """Like `generate`, yielding the checked answer text so far (whole, each time) first."""
        ...


ASK_A_QUESTION = "Ask a question, e.g. “Who did Blinken meet in Ramallah?”"


# A name rarer than this in English (wordfreq's Zipf scale: "Pelham" 2.8, "Harrow" 3.1, "Heron"
# 3.1; "Mongolia" 3.3, "Sun" 5.0, "Earth" 5.1) is one of the archive's own stories (see
# _local_name_quoted).
LOCAL_NAME_ZIPF = 3.2


class AnswerService:
    """Retrieves passages for a question and answers only from them, with citations."""

    def __init__(
        self, settings: Settings, store: ArticleStore, embed_model: Embedder, generator: Generator | None = None
    ) -> None:
        self.settings = settings
        self.store = store
        self.embed_model = embed_model
        self.retriever = Retriever(store, embed_model, settings.retrieval)
        # A generative answerer when an LLM is configured; None = extractive only.
        self.generator = generator
        self.decline_model = default_model()
        self.general_model = default_general_model()
        # How the archive writes a word changes only when articles come in: kept per version.
        self._written_forms = functools.lru_cache(maxsize=WRITTEN_FORMS_KEPT)(self._written_form_in)
        # A conversation's earlier questions are read again with each follow-up.
        self._read_forms = functools.lru_cache(maxsize=READ_FORMS_KEPT)(self._read_form_in)
        # The archive's titles' words, per outlets asked for, kept per version as written forms are.
        self._titles_counted = functools.lru_cache(maxsize=TITLE_COUNTS_KEPT)(self._title_counts_in)

    def retrieve(
        self,
        question: str,
        as_of: date | None = None,
        history: Sequence[Turn] = (),
        filters: Filters = NO_FILTERS,
    ) -> Retrieval:
        """Resolve the question's dates and find its passages (no answer yet)."""
        question = self.check_question(question, as_of, filters)
        # Earlier questions too: "~~Where~~ Who is the governor of Hawaii?" had carried "Where" into
        # the next turn (a review's).
        history = [replace(turn, question=without_chat_marks(turn.question)) for turn in history]
        if (plain := without_chat_marks(question)) != " ".join(question.split()):
            # Searched without Discord's markup; the answer keeps what was typed.
            found = self.retrieve(plain, as_of, history, filters)
            return replace(found, typed=found.typed or question)
        if (stated := as_of_stated(question, as_of or date.today())) is not None:
            # "As of March 1, 2023, who won the Super Bowl?" is asked as of that day (as a Discord
            # mention's "as of" is); never of a later one than the as-of day given.
            found = self.retrieve(stated[1], min(stated[0], as_of or date.today()), history, filters)
            return replace(found, typed=found.typed or question)
        if typed_in_capitals(question) and not typed_in_capitals(cased := recase(question, self.written_form)):
            # Read with the archive's capitals, as if typed in lower case: the case tells nothing
            # of the names, and "WHO WON THE MASTERS?" had been declined as no article mentioning
            # "WON" (an editor's). (Acronyms alone, "NFL NBA?", stay as typed.)
            found = self.retrieve(cased, as_of, history, filters)
            return replace(found, typed=found.typed or question)
        # "Back to the earthquake - are they still finding survivors?" goes on with the turn that
        # asked about it: a chat probe's was "a follow-up about Back" and the Super Bowl asked since.
        # So do the questions after it.
        history = gone_back(history)
        if history and (back := back_to(question, history)) is not None:
            question, history = back[0], since_new_subject(back[1])  # from before a new subject too
        elif switches_topic(question):
            history = []  # "different question: …" asks of no story told before
        else:
            history = since_new_subject(history)  # nor does a question after it
        if history and asks_for_others(question):
            # "who else?" had quoted the last answer again, or another story of the names it told
            # (two probes'): the last question is searched again, and its answer's quotes are told.
            # Again after another "who else?", of the question before them all, with all their quotes.
            base = len(history) - 1
            while base > 0 and asks_for_others(history[base].question):
                base -= 1
            told = frozenset().union(*(quoted_in(turn.answer) for turn in history[base:]))
            found = self._found(history[base].question, as_of, history[:base], filters)
            return replace(found, question=question, told=told)
        found = self._found(question, as_of, history, filters)
        # Only for a question read with the conversation: one of its own is answered as if alone.
        followed = history and found.query != found.question
        return replace(found, said=quoted_in(history[-1].answer)) if followed else found

    def _found(self, question: str, as_of: date | None, history: Sequence[Turn], filters: Filters) -> Retrieval:
        if (pasted := self._pasted_article(question, as_of or date.today(), filters)) is not None:
            return pasted
        # "In early Febuary" is read as February, and the answer says so.
        asked, months = months_spelt(chat_spelt(without_small_talk(question)))
        if asked != question:  # "thanks! and who …": the answer keeps what was typed
            found = self.retrieve(asked, as_of, history, filters)
            return replace(found, typed=question, respelled=(*months, *found.respelled))
        # "What did CNN report about …?" asks for CNN's articles, which need not name CNN. Outlets
        # the user chose (--outlet) win over one the question names.
        named = outlet_attribution(question, self.store.outlets)
        if named is not None:
            outlets = filters.outlets or named.outlets
            found = self._retrieve(named.question, as_of, history, replace(filters, outlets=outlets))
            return replace(found, typed=question)
        return self._retrieve(question, as_of, history, filters)

    def _pasted_article(self, question: str, as_of: date, filters: Filters) -> Retrieval | None:
        """The passages of the article at the address the question pastes, when the index holds it,
        it was published by as_of and it is of the outlets asked for: a chat probe's pasted link to
        an indexed story was declined as "no article found mentions 2023". Its passages best for
        what the question asks besides ("who is quoted? https://…"), or its first ones when it
        asks nothing else ("what does this article say?")."""
        # The first address whose article may be read: "compare https://a and https://b" had tried
        # only the first, and then declined for the first's being too new (two reviews').
        unread: str | None = None
        for pasted in ADDRESS.finditer(question):
            held = self.store.ids_at_address(pasted.group().rstrip(".,;:!?)]}>\"'”’`*_|…。"))
            by_row = self.store.passages(self.store.article_rows(held[0])) if held else {}
            if not by_row:
                continue
            article_id, first = held[0], next(iter(by_row.values()))
            why = _pasted_unread(first, as_of, filters)
            if why is None:
                break
            unread = unread or why
        else:
            if unread is None:
                return None
            return Retrieval(
                question, question, as_of, None, DateWindow(None, as_of), [], filters=filters, pasted_unread=unread
            )
        title = first.title
        rest = " ".join(ADDRESS.sub(" ", question).split())
        asked = content_terms(rest) - PASTED_WORDS
        k = self.settings.retrieval.top_k
        if asked:  # its passages best for what is asked, else its first
            wanted = self.embed_model.embed_query(rest)
            score = {row: float(wanted @ v) if (v := self.store.vector(row)) is not None else 0.0 for row in by_row}
            rows = sorted(by_row, key=lambda row: score[row], reverse=True)
        else:
            rows = sorted(by_row, key=lambda row: by_row[row].position)
        passages = [by_row[row] for row in rows]
        chosen = [self.retriever.with_whole_sentences(p) for p in passages[:k]]
        query = rest if asked else title
        return Retrieval(
            question, query, as_of, None, DateWindow(None, as_of), chosen, filters=filters, pasted=article_id
        )

    def _retrieve(self, question: str, as_of: date | None, history: Sequence[Turn], filters: Filters) -> Retrieval:
        as_of = as_of or date.today()
        # Typed without capitals (or in Title Case), names are told by how the archive writes them:
        # after "Who Won The Oscar For Best Actress", a follow-up was read as one "about Won The
        # Oscar For Best Actress". Misspelt, as they were read: a probe's "why it colapse" made
        # "Colapse" the name every later follow-up was declined for.
        # One in another language was declined, and its words are no names to carry on: a probe's
        # "2023-07-04" after a French question was declined for "Gagné".
        # A pasted address's words ("cnn", "africa", "intl") are no names of the story: its answer's are.
        # Chat's "wat happend" spelt out first: read as Dutch, the question was dropped (a chat probe's).
        history = [
            Turn(self._as_written(self._as_read(" ".join(asked.split()), as_of)), t.answer)
            for t in history
            if not in_another_language(asked := chat_spelt(ADDRESS.sub(" ", t.question)))
        ]
        if in_another_language(question):
            # Declined as written in another language: its words are no misspelt English ones (a
            # probe's German question was declined with "Read “viele” as “vile”"), nor a follow-up
            # of the conversation (a chat probe's Chinese one was told "Read as a follow-up about Lahaina").
            return self._search(question, question, as_of, filters)
        found = self._in_conversation(question, as_of, history, filters)
        # "Jim Boheim" is in no article; the passages found without it write "Boeheim" (bot/respell.py).
        spellings = self._spellings(found.query, found.passages, as_of)
        while spellings:
            # Read again in the conversation with the words mended: "why it colapse" names nothing
            # and goes on with the story, where "Colapse" had read as a new subject.
            if self.generator is None:
                respelled = self._in_conversation(respell(question, spellings), as_of, history, filters)
            else:  # asked again of the language model, it would condense the conversation twice
                respelled = self._search(respell(question, spellings), respell(found.query, spellings), as_of, filters)
                respelled = replace(respelled, subject=tuple(respell(name, spellings) for name in found.subject))
            # A spelling is kept when the passages found with or without it write it: the rest of
            # the question is about that name's story. "Ingeborg Castellane … longest mission in
            # space" is not about Castellano, whom the archive writes elsewhere.
            # A plain English word needs no passage writing it: "who bouhgt svb" is "who bought
            # SVB" whether or not the passages say "bought" (a probe's was declined for "Bouhgt").
            kept = {
                word: form
                for word, form in spellings.items()
                if passages_write([*found.passages, *respelled.passages], form, any_case=True)
                or (form.islower() and zipf_frequency(form, "en") >= PLAIN_WORD_ZIPF)
            }
            if kept == spellings:
                # Told of what this question typed, not of a word a follow-up carried over again.
                told = tuple(
                    (word, form) for word, form in spellings.items() if writes_name(question, word, any_case=True)
                )
                return replace(respelled, respelled=told, typed=question)
            spellings = kept
        return found

    def _in_conversation(self, question: str, as_of: date, history: Sequence[Turn], filters: Filters) -> Retrieval:
        """The question's passages, read as a follow-up of the conversation or on its own (see
        _reading), with the story's names it goes on with (`subject`)."""
        # "What about Ukraine?" after "What is happening in Gaza?" asks that again of Ukraine (a
        # language model's condensing does it too).
        again = None
        if history and self.generator is None:
            again = asked_of_another(self._as_written(question), history)
        query = again or self.standalone_question(question, history, as_of)
        found = self._search(question, query, as_of, filters)
        if history and self.generator is None and again is None:
            query, found = self._reading(question, history, query, found, as_of, filters)
        # The story's names, for the answer to say how it was read; not after a language model's
        # rewording, which may have dropped them ("Read with the conversation as …" then), nor
        # after a question asked again of other names.
        if (
            query != question
            and again is None
            and (self.generator is None or query == carry_entities(question, history, as_of=as_of))
        ):
            found = replace(found, subject=tuple(conversation_subject(question, history)))
            # Declined then, but maybe not now: the chat's /as-of may have moved on since.
            story = declined_story(question, history) if found.subject else None
            if story and self.decide(self._search(story, story, as_of, filters)).decline:
                found = replace(found, story_declined=True)
        return found

    def _spellings(self, text: str, passages: Sequence[Passage], as_of: date) -> dict[str, str]:
        """The text's words no article holds, mapped to how the archive writes them (see
        bot/respell.archive_spellings), read from the passages first."""
        return archive_spellings(
            text,
            passages,
            self._chunks_holding,
            self._near_spellings,
            self._same_term,
            lambda name: self._archive_writes(name, as_of, any_case=True),
        )

    def _as_read(self, text: str, as_of: date) -> str:
        """An earlier question of the conversation with its misspelt words mended, as the archive
        writes them. Its passages are gone, so the words are read from the chunks that write them."""
        return self._read_forms(text, as_of, self.store.replica.version())

    def _read_form_in(self, text: str, as_of: date, version: int) -> str:
        spellings = self._spellings(text, (), as_of)
        return respell(text, spellings) if spellings else text

    def _names_read_in(self, found: Retrieval) -> str:
        """The question as its names are checked (see _unmentioned_names): with the archive's
        capitals, but for any address it pastes ("…/new-logo-x/?utm_source=x" names no
        “Utm_source”)."""
        return self._as_written(_without_addresses(found.question))

    def _as_written(self, text: str) -> str:
        """The text with the archive's capitals when it was typed without any ("what about ukraine")."""
        return recase(text, self.written_form) if typed_without_capitals(text) else text

    def _reading(
        self, question: str, history: Sequence[Turn], query: str, found: Retrieval, as_of: date, filters: Filters
    ) -> tuple[str, Retrieval]:
        """Of a question's two readings in a conversation, on the story so far or on its own, the
        one the archive supports: the story's, when some chunk up to as_of writes what the question
        asks about (its names, and one of its telling words if it has any) with one of the story's
        names. A new-user probe had "How did the markets react?" after "What happened to Silicon
        Valley Bank?" answered with 2019's markets, "What did Biden say?" in a thread on the war in
        Israel with Biden's dog, and "What did the Fed decide at its July meeting?" after the
        Lahaina fire (its "its" points at the Fed) with Lahaina's curfew. "What is the inflation
        rate?" after the fire, and "Who won the Super Bowl?" after Blinken's trip, stand alone. A
        follow-up naming nothing ("What did he say there?", "Why?") is read with the story."""
        # As the archive writes it: "who is the governor of hawaii?" names Hawaii (a review's).
        written = self._as_written(question)
        role = role_asked(written) if query == question else None
        if role is not None and role.of[:1].isupper() and role.of in written:
            # "Who is the governor of Hawaii?" names the post it asks of: a question of its own,
            # not one about the Maui fire a chat probe had asked of before (a golfer's pledge).
            # "Who is the governor of the state?", "its CEO" point back to the story (a review's).
            return query, found
        # Not "And in …"; typed without capitals, as the archive writes them.
        names = [name for name in names_in(written) if name.lower() not in stopwords()]
        telling = [
            word
            for word in words(question)
            if zipf_frequency(word.lower(), "en") < STORY_WORD_ZIPF and word.lower() not in OUTCOME_WORDS
        ]
        # "What about the strike?" only names a thing, in plain words: read on its own too, unless
        # the story writes it (a probe's, after a school fire, was read as about the school).
        names_a_thing = bool(telling) and only_a_thing(question)
        if query != question and not names and not names_a_thing:
            return query, found
        story, _ = carried_over(question, history, follows=True)
        telling = [word for word in telling if not any(word.lower() in name.lower().split() for name in names)]
        # "What did Biden say about it?" points back: one chunk writing Biden with the story will do.
        points_back = PERSONAL_PRONOUN.search(question) is not None
        # Nothing of its own to search ("how many people were on board?"): alone, such a question
        # finds whatever story uses its plain words most (a probe's got a library meeting of 2022).
        own = bool(names or telling)
        # "Who won the Super Bowl?" names the contest it asks the result of: it goes on with the
        # story only when that contest is mostly written with it ("Who won the Golden Ball?" after
        # the Women's World Cup), not when a few of its many chunks are (a probe's chat had read it
        # as a follow-up about Biden, and quoted his Super Bowl interview).
        whole = bool(names) and not points_back and contest_asked(question) is not None
        share, enough = (WHOLE_STORY_SHARE, None) if whole else (STORY_SHARE, STORY_ENOUGH)
        if story and (not own or self._written_with(names, telling, story, as_of, filters, points_back, share, enough)):
            if query == question:
                query = carry_entities(question, history, follows=True, as_of=as_of)
                found = self._search(question, query, as_of, filters)
            return query, found
        if query == question:
            return query, found
        return question, self._search(question, question, as_of, filters)

    def _written_with(
        self,
        names: Sequence[str],
        telling: Sequence[str],
        story: Sequence[str],
        as_of: date,
        filters: Filters,
        points_back: bool,
        share: float,
        enough: int | None,
    ) -> bool:
        """Chunks up to as_of (and inside the filters) write every one of `names`, one of the
        `telling` words when there are any, and one of the `story`'s names: at least
        `share` of the chunks that write the first two, or `enough` of them (one, for a
        question that `points_back` with "it" or "they"). One is not enough where the story's name
        is everywhere: a probe's "Who won the Nobel Peace Prize?" after "What about the Senate?" was
        read as about the Senate, for one chunk of 80 that wrote both. A common word is in too many
        chunks for a share of them to count: "How did the markets react?" after "What happened to
        Silicon Valley Bank?" has 7 chunks writing both, among thousands writing "markets"."""
        first, last = (day_number(filters.start) if filters.start else None), day_number(as_of)

        def chunks(*terms: str, written: str | None = None) -> int:
            query = " ".join(terms)
            rows = self.store.lexical_search(query, STORY_COUNT, first, last, filters.outlets, every_term=True)
            if written is None or not rows:
                return len(rows)
            # Each word of the story's name as a word, not one the keyword index reads as it: "Vow",
            # the lab of a mammoth meatball, is not the "vowed" of a chunk on Gwyneth Paltrow's
            # trial (a chat tester's Paltrow question had been read with the meatball's story). In
            # any possessive or plural ("India's" is written "India’s" and "India"), and anywhere in
            # the chunk, as the index reads it ("SpaceX's Starship", "SpaceX Starship").
            parts = [re.sub(r"['’]s$", "", part) for part in written.split()]
            as_words = [re.compile(rf"(?<!\w){re.escape(part)}(?:s|es|['’]s)?(?!\w)", re.IGNORECASE) for part in parts]
            texts = self.store.headed_chunk_texts([row for row, _ in rows])
            return sum(1 for text in texts if all(word.search(text) for word in as_words))

        for word in list(telling) or [""]:
            written = share * chunks(*names, word)
            needed = 1 if points_back else max(1, min(written, enough) if enough is not None else written)
            for name in story:
                # A name as a word; a story's plain word ("hikes") in any of its forms ("hike").
                both = chunks(*names, word, name, written=name if name[:1].isupper() else None)
                own = word and enough is not None and both and both >= OWN_STORY_SHARE * chunks(*names, name)
                if both >= needed or own:
                    return True
        return False

    def acronyms_of_names(self, text: str, as_of: date) -> dict[str, str]:
        """The acronyms the archive, up to as_of, writes for names the text writes out ("SVB" for
        "Silicon Valley Bank"; typed in lower case too)."""
        return acronyms_for_names(self._as_written(text), functools.partial(self._chunks_writing, as_of=as_of))

    def _chunks_writing(self, word: str, as_of: date) -> list[str]:
        """The texts of up to CHUNKS_READ chunks up to as_of holding the word: nothing published
        after it is used, even to read what a word stands for."""
        rows = [row for row, _ in self.store.lexical_search(word, CHUNKS_READ, None, day_number(as_of), ())]
        return self.store.replica.chunk_texts(rows)

    def _chunks_holding(self, word: str) -> int | None:
        """How many indexed chunks hold the word (its rarest term); None for a stop word."""
        terms = self.store.replica.lexical.terms(word)
        return min(self.store.replica.lexical.doc_freq(terms).values()) if terms else None

    def _same_term(self, a: str, b: str) -> bool:
        """The keyword index reads both words as one ("Bowls", "Bowl")."""
        lexical = self.store.replica.lexical
        return lexical.terms(a) == lexical.terms(b)

    def _near_spellings(self, word: str) -> list[Passage]:
        """Chunks of any day holding a word an edit or two from this one (spelling is not news)."""
        rows = self.store.replica.lexical.near(word, NEAR_SPELLING_CHUNKS, edits_allowed(word))
        return list(self.store.passages(rows).values())

    def _search(self, question: str, query: str, as_of: date, filters: Filters) -> Retrieval:
        """The passages for the question (standalone as `query`) as of a day, in its period."""
        time_range = resolve_time_range(query, as_of)
        search_text = strip_time_expression(query, time_range) or query
        beyond = (after_as_of(query, as_of) or later_year(query, as_of)) if time_range is None else None
        newest = self.retriever.archive_end(as_of, filters.outlets)
        # A past year after the newest article's is no news the archive holds either.
        ends = newest if time_range is None and beyond is None and newest < as_of else None
        if ends is not None and (beyond := later_year(query, ends)) is None:
            ends = None
        if time_range is not None and just_begun(query, time_range, as_of):
            # Asked as of a season's second day what it will bring: the news is from the weeks
            # before it (unbounded, a review's "covid wave coming this winter" quoted 2022's).
            start = time_range.start - timedelta(days=JUST_BEGUN_LOOKBACK_DAYS)
            label = (
                f"{time_range.matched} ({start.isoformat()} to {time_range.end.isoformat()}, the weeks before it too)"
            )
            time_range = replace(time_range, start=start, label=label)
        upcoming = upcoming_reference(query) if time_range is None else None
        window = filters.narrow(_window(time_range, as_of))
        role = role_asked(search_text) if time_range is None else None
        if role is not None:
            search_text = without_now(search_text)
        if window is None:  # the question's period and the --from/--to dates do not meet
            return Retrieval(question, query, as_of, time_range, DateWindow(None, as_of), [], filters=filters)
        if time_range is None and not filters.dated and (recent := self._latest(question, query, as_of, filters)):
            return recent
        # Within the dates a user gave, the newest are not the likeliest: a month's recency bonus
        # put the Week's net-zero story of Mar 30 above its Mar 13 digest that quotes Sunak on SVB.
        recency = time_range is None and not filters.dated
        # "Who won the Masters?": the result is written "Rahm wins the Masters", and the stemmer
        # keeps "won" apart from "win"; only for the latest result, where the dev questions show
        # no gain elsewhere (bench/README.md).
        latest = _asks_latest(time_range, query)
        # A result's headline is read first, within a period or the as-of year too ("who won the
        # masters this week", "who won the 2023 masters"); see result_headlines_for.
        # Of a past year asked by name ("who won the super bowl in 2022"), its result, searched in it.
        result_year = time_range.start.year if time_range is not None and _whole_year(time_range) else as_of.year
        result = asks_latest_result(search_text, result_year) and contest_edition(search_text) is None
        # With no period, "how many" asks for the latest figure: a toll moves ("Death toll rises to 93").
        counts = time_range is None and expected_answer(search_text) is AnswerType.NUMBER
        # "When did Finland join NATO?": the headline telling it happened, however long ago.
        event = time_range is None and WHEN_ASKED.match(search_text) is not None
        headline = (
            result_headlines_for(search_text)
            if result
            else figure_headlines_for(search_text)
            if counts
            else event_headlines
            if event
            else None
        )
        # Not for who won a contest of that year: its result is that year's news, and the next
        # year's edition, whose reports write the year too, had answered "Who won the Masters in
        # 2022?" with Jon Rahm's 2023 win (a probe's).
        reported_later = (
            None if contest_asked(search_text) else self._reported_later(time_range, window, as_of, filters)
        )
        # Read with the archive's capitals: "what did the dnc say" types an acronym English writes
        # too often to be read as one in lower case (a chat's was declined for "DNC").
        spelt = acronyms_spelt_out(self._as_written(search_text), functools.partial(self._chunks_writing, as_of=as_of))
        passages = self.retriever.retrieve(
            # "Who bought SVB?" finds the stories writing "Silicon Valley Bank" too (bot/acronyms.py).
            " ".join([search_text, *spelt.values()]),
            reported_later or window,
            k=self.settings.retrieval.top_k * LATER_REPORTS_POOL if reported_later else None,
            recency=recency,
            # Over months too, unless a year is named: "the 2024 convention" is news of any year.
            slow_recency=recency and BARE_YEAR.search(search_text) is None,
            outlets=filters.outlets,
            more_keywords=" ".join(
                filter(
                    None,
                    (RESULT_WORDS if latest else "", edition_written_otherwise(query), self._joined_words(search_text)),
                )
            ),
            headline_reports=headline,
            report_stands=result or event,
            newest_of_story=recency and LATEST.search(search_text) is not None,
        )
        if reported_later is not None and time_range is not None:
            year = time_range.start.year
            passages = [p for p in passages if _in_window(p, window) or writes_year(p, year)]
            passages = passages[: self.settings.retrieval.top_k]
            window = reported_later
        found = Retrieval(
            question,
            query,
            as_of,
            time_range,
            window,
            passages,
            filters=filters,
            beyond_as_of=beyond,
            upcoming=upcoming,
            archive_ends=ends,
            spelt=tuple(spelt.items()),
        )
        # A toll paid to cross moves too, and its newest figure is found the same way (a librarian's
        # "How much is the Harrow Bridge toll?" led with June's vote for $5.00 only so).
        if (counts and counted_thing(search_text) == DEATHS) or asks_fee_toll(search_text):
            # Its names as the archive writes them: "how many people died in the maui fires" names
            # nothing typed so, and as of Aug 20 led with Aug 12's 93 where Aug 16 said 106 (a probe's).
            # A follow-up's carried names ("how many people died? Maui") are of its one sentence:
            # opening a sentence of their own, they were read as capitalised anyway, and no toll
            # of the story was looked for (a chat probe's answer was Aug 9's 36 dead).
            toll_asked = self._as_written(re.sub(r"[?!]\s+(?=\S)", " ", search_text))
            found = replace(found, passages=self._with_newest_toll(toll_asked, window, filters, passages))
        holder = self._holder_passage(role, window, filters) if role else None
        if role is not None and holder is not None and holder.published:
            # Not a holder named before the newest story found of the post changing hands ("Who is
            # the speaker of the House?" as of Oct 20, after McCarthy's ouster, is no September mention's).
            changed = [p.published for p in found.passages if p.published and tells_of_change(p.text, role)]
            if holder.published >= max(changed, default=holder.published):
                others = [p for p in found.passages if p.chunk_id != holder.chunk_id]
                return replace(found, passages=[holder, *others][: len(found.passages) or 1], holder=role)
        past_contest = time_range is not None and _whole_year(time_range) and contest_asked(search_text) is not None
        if time_range is not None and time_range.end < as_of and self._worth_widening(found):
            # "How many … last year, according to new figures?": the period is in the past
            # but the reporting is recent. Nothing fits inside the period, so read on to as_of.
            wider = filters.narrow(DateWindow(time_range.start, as_of))
            if wider is not None and past_contest:
                # Who won in a past year: searched so, but only that year's passages are kept; the
                # next year's edition is all later reporting adds (a review's "Who won the Nobel
                # Peace Prize in 2022?" was answered with 2023's laureate).
                k = self.settings.retrieval.top_k
                passages = self.retriever.retrieve(
                    search_text, wider, k=k * LATER_REPORTS_POOL, recency=False, outlets=filters.outlets
                )
                kept = [p for p in passages if _in_window(p, window)][:k]
                return self._with_background(replace(found, passages=kept) if kept else found, search_text)
            if wider is not None:
                passages = self.retriever.retrieve(search_text, wider, recency=False, outlets=filters.outlets)
                earlier = filters.narrow(DateWindow(time_range.start - timedelta(days=EARLIER_DAYS), as_of))
                if not passages and (time_range.end - time_range.start).days < EARLIER_DAYS and earlier:
                    # Nothing at all published from a day or a few to as_of (a weekend, in a thin
                    # month): the reporting just before it. A quiz writer's "How many trucks were in the
                    # first aid convoy that entered Gaza yesterday?" as of Sunday, Oct 22 was declined
                    # as no article published, while Friday's live blog told of the 20-truck convoy.
                    wider = earlier
                    passages = self.retriever.retrieve(search_text, wider, recency=True, outlets=filters.outlets)
                found = Retrieval(question, query, as_of, time_range, wider, passages, widened=True, filters=filters)
                return found
        elif (
            time_range is not None
            and time_range.start >= as_of - timedelta(days=1)
            and not past_contest
            and not ASKED_IN_THE_PAST.search(question)
            and self._worth_widening(found)
            and (before := filters.narrow(DateWindow(time_range.start - timedelta(days=PREVIEW_DAYS), as_of)))
        ):
            # "Where is the Ruth Bader Ginsburg stamp ceremony being held today?" as of Monday was
            # declined, Sunday's story of "a first day of issue ceremony in Washington on Monday"
            # being the day before: what happens today is told in the days before it (a quiz's).
            passages = self.retriever.retrieve(search_text, before, recency=True, outlets=filters.outlets)
            # Only a preview of that very event: a passage of a day before writing every word asked
            # and the day itself ("on Monday", "Oct. 2"). Other days' passages matching a few ("What
            # time does the Lakers parade start today?" found a 2020 playoff loss), or telling of
            # the day before ("Where is Biden today?" found Thursday's hearing, a review's), answer
            # nothing the day's did not.
            asked = content_terms(strip_time_expression(search_text, time_range) or search_text)
            previews = [
                p
                for p in passages
                if p.published is not None
                and p.published < time_range.start
                and asked <= content_terms(f"{p.title} {p.text}")
                and names_the_day(p.text, time_range.start)
            ]
            if previews:
                return Retrieval(
                    question, query, as_of, time_range, before, previews, widened=True, previewed=True, filters=filters
                )
        elif time_range is not None and not past_contest and (later := self._story_told_later(found, search_text)):
            return later
        return self._with_background(found, search_text)

    def _reported_later(
        self, time_range: TimeRange | None, window: DateWindow, as_of: date, filters: Filters
    ) -> DateWindow | None:
        """For a past year ("last year", "in 2022"), the window from its first day to as_of: a
        year's figures are reported after it ends ("How many mobile phone thefts were reported in
        London last year?" as of April 2023 is answered by April's report). Only the later
        passages that write the year are kept (see writes_year): the next year's news of the same
        story is of another year."""
        if time_range is None or not _whole_year(time_range) or window.end >= as_of:
            return None
        return filters.narrow(DateWindow(time_range.start, as_of))

    def _latest(self, question: str, query: str, as_of: date, filters: Filters) -> Retrieval | None:
        """For a question asking for the latest or most recent of something, or for it now ("What
        did the Fed decide at its latest meeting?", "What is the Fed's interest rate now?"), what the
        last LATEST_DAYS hold, the nearest period first, when that answers it: a probe's, as of
        Nov 10, was declined as telling no one story, the Fed's meetings of a year and a half found
        alike; "fed rate decision" led with May's "The next decision will be on June 14th"; and the
        rate "now" as of Aug 1 was given from 2022's hikes, May's being three months old. When they
        do not, the whole archive is searched as for any question. Not for who holds a post now
        ("Who is the current speaker?"): that is the newest article naming the holder (see
        _holder_passage), and the month's stories of a post name its former holders too."""
        asked = LATEST.search(query)
        if asked is None or asks_for_holder(query):
            return None
        # "going" is searched for no better than "happening" (see without_happening): "hows the
        # uaw strike going" had led with "We're going to wreck their economy".
        # Nor "still going on": "is the actors strike still going on" had led with the strike's start.
        group = "status" if asked.group("status") else "still" if asked.group("still") else None
        status = asked.group(group) if group else None
        search_text = f"{query[: asked.start(group)]}{query[asked.end(group) :]}" if group else query
        # The archive's last days, when it ends before as_of (a review's "is the actors strike still
        # going on", asked in 2026 of a 2023 archive, found nothing in 2026 and quoted July's start).
        end = self.retriever.archive_end(as_of, filters.outlets)
        if (as_of - end).days < LATEST_DAYS[0]:  # a few quiet days are part of the last month
            end = as_of
        whose = "the last" if end == as_of else "the archive's last"
        for days in LATEST_DAYS:
            start = end - timedelta(days=days - 1)
            label = f"{whose} {days} days ({start.isoformat()} to {end.isoformat()}), for “{asked.group()}”"
            # Of "how is the war going", only "going" is no word of the story (it is left out when
            # deciding whether the articles hold what is asked).
            period = TimeRange(start, end, label, status or asked.group())
            window = filters.narrow(DateWindow(start, end))
            if window is None:
                continue
            passages = self.retriever.retrieve(search_text, window, outlets=filters.outlets)
            found = Retrieval(question, query, as_of, period, window, passages, filters=filters)
            # Surely, not merely enough to answer: a month's news always holds something close to a
            # question, and "What is the latest death toll in the Turkey earthquake?" asked on Apr 15
            # had been answered with a chocolate factory's explosion (a review). On the probes' and
            # the dev set's "latest" questions, the month's passages that answer them score 0.86 or
            # more, those about something else 0.74 or less.
            if passages and self.decide(found).probability >= LATEST_CONFIDENCE:
                return found
        return None

    def _holder_passage(self, role: Role, window: DateWindow, filters: Filters) -> Passage | None:
        """The newest passage that names the post's holder ("House Speaker Mike Johnson"), in the
        last month or else the last year of the window: a post changes hands seldom, and the story
        of its last change may be months old, while the archive names the holder in passing. The
        naming must be in a sentence an answer quotes: a link's line ("More:House Speaker Kevin
        McCarthy to visit Arizona border") is none, and a probe's speaker as of Mar 1 was Pelosi,
        from a year before, when it led the passages."""
        for days in HOLDER_DAYS:
            found = [
                passage
                for words in role.words
                for passage in self._newest_first(words, days, window, filters, HOLDER_CHUNKS, every_term=True)
            ]
            found.sort(key=lambda p: (p.published or date.min, p.position), reverse=True)  # newest first, as each is
            naming = (self.retriever.with_whole_sentences(p) for p in found if holder_mentions(p.text, role))
            quoted = next((p for p in naming if quotes_holder(p, role)), None)
            if quoted:
                return quoted
        return None

    def _newest_first(
        self,
        keywords: str,
        days: int,
        window: DateWindow,
        filters: Filters,
        k: int,
        every_term: bool = False,
        end: date | None = None,
    ) -> list[Passage]:
        """The k chunks that match the keywords best in the `days` up to `end` (by default the
        last days of the window the archive holds), dated ones only, newest first (of one day's,
        the later chunk first: its news is the newer). Asked today of an archive that ends years
        ago, "Who is the speaker of the House?" had found no holder in the last year (a probe's)."""
        end = min(end or window.end, self.retriever.archive_end(window.end, filters.outlets))
        first = day_number(end - timedelta(days=days))
        if window.start is not None:
            first = max(first, day_number(window.start))
        rows = self.store.lexical_search(keywords, k, first, day_number(end), filters.outlets, every_term)
        dated = [p for p in self.store.passages([row for row, _ in rows]).values() if p.published]
        return sorted(dated, key=lambda p: (p.published, p.position), reverse=True)

    def _with_newest_toll(
        self, question: str, window: DateWindow, filters: Filters, passages: list[Passage]
    ) -> list[Passage]:
        """The passages, and after them the newest passage that gives a death toll of the story
        asked about (it writes all the question's names), read from the newest toll they give
        (or the last TOLL_DAYS, when they give none) up to TOLL_MAX_DAYS back, when it is no
        older than every toll they give. A toll is often given low in a long update, whose
        best chunk for the question is another: asked on Feb 12 how many died in the Turkey–Syria
        earthquake, the answer quoted Feb 7's "past 5,000" while a Feb 11 update, among the
        passages, said 21,848 in another of its chunks (a probe)."""
        names = question_names(question)
        if not names or not passages:
            return passages
        # A toll only rises: a count well below the largest the passages give is an incident's, not
        # the story's. As of Nov 25, "Two Palestinians were killed Friday" (Nov 24) had been read as
        # Gaza's newest toll, and Oct 20's 4,137 stood where Nov 14 said more than 11,000.
        scale = TOLL_SCALE * max((_largest_toll(p) for p in passages), default=0.0)
        told = max((p.published for p in passages if p.published and _tolls_at_scale(p, scale)), default=date.min)
        # From the newest toll the passages give: asked on Sep 20 how many died in the Maui fires,
        # the answer led with Aug 11's 80, while Aug 16 said 106 (a probe).
        end = self.retriever.archive_end(window.end, filters.outlets)
        days = TOLL_DAYS if told == date.min else min(max(TOLL_DAYS, (end - told).days + 1), TOLL_MAX_DAYS)
        searched_to = end
        if told != date.min and end < window.end and (end - told).days + 1 > TOLL_MAX_DAYS:
            # Asked after the archive's last day, of a toll months older: from that toll on, not
            # the archive's last months (a review's: the Maui fires' 80 of Aug 11 had stood).
            searched_to = told + timedelta(days=TOLL_MAX_DAYS - 1)
        found = self._newest_first(f"{question} {TOLL_WORDS}", days, window, filters, TOLL_CHUNKS, end=searched_to)
        of_story = [p for p in found if names <= with_name_parts(content_terms(f"{p.title} {p.text}"))]
        newer = [p for p in of_story if (p.published or date.min) >= told]
        # Only as far as the first day that gives a toll (splitting sentences is most of the cost),
        # and of that day's, the largest: one update of Feb 10 gave "more than 23,000" dead in one
        # chunk and "about 720 Syrians who died in Turkey" in a later one, which had led.
        toll = next((p for p in newer if _tolls_at_scale(p, scale)), None)
        if toll is None:
            return passages
        same_day = [p for p in newer if p.published == toll.published and _tolls_at_scale(p, scale)]
        toll = max(same_day, key=_largest_toll)
        if any(p.chunk_id == toll.chunk_id for p in passages):
            return passages
        # One passage more, as the background one is: taking the place of the last had left out
        # the words the decline looks for.
        return [*passages, self.retriever.with_whole_sentences(toll)]

    def _with_background(self, found: Retrieval, search_text: str) -> Retrieval:
        """For a question that names a period, the best passage from before it, third: the
        background its stories assume ("Which volcano began erupting this week on Hawaii's Big
        Island?": the week's reports say "the volcano"; last year's name it). On the dev
        questions it put the answer in the first 400 words of the passages more often, with
        no question declined more (make bench). It is dated like any passage, the decline reads
        only the period's passages (Retrieval.period_passages), and an answer quotes it only
        after the period's own sentences (bot/extractive.py, _background_quotes)."""
        if found.time_range is None or found.window.start is None or not found.passages:
            return found
        start = found.window.start
        if start == date.min:
            return found
        lookback = start - BACKGROUND_LOOKBACK if start - date.min > BACKGROUND_LOOKBACK else date.min
        earlier = found.filters.narrow(DateWindow(lookback, start - timedelta(days=1)))
        if earlier is None:
            return found
        # Recent background first (the team's season, not its founding); an undated article has
        # no "before" to be in.
        candidates = self.retriever.retrieve(
            search_text, earlier, outlets=found.filters.outlets, k=3, pool=BACKGROUND_POOL
        )
        before = [p for p in candidates if p.published][:1]
        if not before:
            return found
        # One more than top_k: the period keeps all its passages, so whether the articles cover
        # the question is judged as it would be without the background.
        passages = [*found.passages[:BACKGROUND_RANK], before[0], *found.passages[BACKGROUND_RANK:]]
        return replace(found, passages=passages, background=before[0].chunk_id)

    def check_question(self, question: str, as_of: date | None = None, filters: Filters = NO_FILTERS) -> str:
        """The question as typed, once known to be one that can be asked (InputError otherwise):
        not empty, not too long, and no --from after the as-of day. Discord checks it before it
        shows "thinking…", so a refusal is the asker's alone."""
        question = typed_text(question)
        if not question:
            raise InputError(ASK_A_QUESTION)
        if len(question) > MAX_QUESTION_CHARS:
            raise InputError(
                f"That question is too long ({len(question)} characters; the limit is {MAX_QUESTION_CHARS})."
            )
        filters.check_starts_by(as_of or date.today())
        return question

    def _worth_widening(self, found: Retrieval) -> bool:
        """The period's passages miss the question, and not for the question's own sake (no
        subject, a day no calendar has, a period too long to list): later reporting may still hold
        the answer. "What happened in Q1?" had been declined as too long "(… nothing relevant was
        published then, so articles from 2023-01-01 to 2023-04-15 were searched)", a probe's."""
        decision = self.decide(found)
        return (
            decision.decline
            and decision.reason not in (NO_SUBJECT, COVERAGE_DECLINED)
            and not no_such_day(found.query)
            and self._too_long_to_list(found) is None
            and not self._outlets_hold_nothing(found.filters)
        )

    def _story_told_later(self, found: Retrieval, search_text: str) -> Retrieval | None:
        """For a period long past whose passages never write a name the question gives, the later
        reporting that does ("Which newspaper's Hunter Biden laptop story did Twitter block in
        October 2020?", asked in 2023, is told by the hearing about it; a quiz's had been answered
        from an October 2020 story of other disinformation). None when the later passages do not
        write every such name either, or the name is only whose report it is ("according to
        Politico": a review's January 2023 speaker vote had been answered from October's)."""
        time_range = found.time_range
        if time_range is None or (found.as_of - time_range.end).days < LATER_TELLING_DAYS:
            return None
        asked = SOURCE_GIVEN.sub("", strip_time_expression(found.question, time_range) or found.question)
        missing = unmentioned(asked, [f"{p.title} {p.text}" for p in found.passages])
        wider = found.filters.narrow(DateWindow(time_range.start, found.as_of))
        if not missing or wider is None:
            return None
        passages = self.retriever.retrieve(search_text, wider, recency=False, outlets=found.filters.outlets)
        if unmentioned(" ".join(missing), [f"{p.title} {p.text}" for p in passages]):
            return None
        return replace(found, window=wider, passages=passages, widened=True, unnamed=tuple(missing))

    def _outlets_hold_nothing(self, filters: Filters) -> bool:
        """Every outlet asked for is one the index has no article from: later reporting cannot
        help, and "nothing relevant was published then, so … were searched" gave a false reason
        for `--outlet nytimes.com` (a probe's)."""
        return bool(filters.outlets) and not set(filters.outlets) & set(self.store.outlets())

    def standalone_question(self, question: str, history: Sequence[Turn], as_of: date | None = None) -> str:
        """The follow-up rewritten to stand alone (the LLM does it better when there is one)."""
        if not history:
            return question
        if self.generator is not None:
            return self.generator.condense(question, history)
        return carry_entities(question, history, as_of=as_of)

    def answer(
        self, question: str, as_of: date | None = None, history: Sequence[Turn] = (), filters: Filters = NO_FILTERS
    ) -> Answer:
        """Answer from the indexed articles only, or say that they do not cover it."""
        return self.respond(self.retrieve(question, as_of, history, filters))

    def answer_stream(
        self, question: str, as_of: date | None = None, history: Sequence[Turn] = (), filters: Filters = NO_FILTERS
    ) -> Iterator[str | Answer]:
        """Like `answer`, for interfaces that show text as it is generated: yields the
        answer text so far (each item the whole text up to now), and the final Answer last.
        The extractive answer comes at once, so it yields only the Answer."""
        yield from self.respond_stream(self.retrieve(question, as_of, history, filters))

    def respond(self, found: Retrieval) -> Answer:
        """The answer to what was retrieved: the language model's when there is one, else quoted sentences."""
        extractive = self.extractive(found)
        # A period's stories are listed as they are: there is no question for a model to answer.
        if self.generator is None or extractive.abstained or self._asks_period_news(found):
            return extractive
        # The language model answers from the same passages; the extractive answer is its fallback.
        return self.from_generation(found, extractive, self.generator.generate(found))

    def respond_stream(self, found: Retrieval) -> Iterator[str | Answer]:
        """Like `respond`, yielding the checked text so far first while a language model writes."""
        extractive = self.extractive(found)
        if self.generator is None or extractive.abstained or self._asks_period_news(found):
            yield extractive
            return
        for item in self.generator.generate_stream(found):
            yield item if isinstance(item, str) else self.from_generation(found, extractive, item)

    def from_generation(self, found: Retrieval, extractive: Answer, generation: Generation) -> Answer:
        """The Answer for what the model's reply came to: its checked text, an abstention, or
        the extractive answer with a notice."""
        if isinstance(generation, Refused):
            # Not "no article comes close": the passages came close enough to be read, and are listed.
            return self.abstain(found, REFUSED_BY_MODEL)
        if isinstance(generation, Fallback) or _rests_on_background(found, generation):
            notice = generation.notice if isinstance(generation, Fallback) else NOTICE_BACKGROUND_ONLY
            return replace(extractive, notice=" ".join(filter(None, (extractive.notice, notice))))
        return self._answer(found, generation.text, generation.citations, mode="generative")

    def evidence(self, found: Retrieval) -> Evidence:
        """What the decision to decline looks at (see bot/decline.py)."""
        lexical = self.store.replica.lexical
        # Not an address the question gives ("source: https://…/texas/derailment-story" names no
        # Texas, a review's), whose words are no names.
        asked = _without_addresses(found.searched_text)
        typed = _without_addresses(strip_time_expression(found.question, found.time_range) or found.question)
        any_case = typed_without_capitals(typed)
        if any_case:
            # "who killed jenny waterford": its names are checked as "Jenny Waterford" would be.
            typed, asked = recase(typed, self.written_form), recase(asked, self.written_form)
        # Question words ("did", "which", "how many") are not what an answer must mention: in a
        # small archive "many" is rare, and a probe's "How many people were injured in Leeford?"
        # was declined as "the passage that matches the question best does not mention “many”".
        casual = self._casual_words(found.question)
        text = " ".join(
            word
            for word in ASKING_WORDS.sub(" ", asked).split()
            if (plain := word.lower().strip("?,.!:;")) not in stopwords() and plain not in casual
        )
        for acronym, long in found.spelt:
            # Held by the passages writing it out: "Who bought SVB?" by "First Citizens will buy
            # Silicon Valley Bank", which never writes "SVB".
            if not passages_write(found.period_passages, acronym) and passages_write(found.period_passages, long):
                text = re.sub(rf"\b{acronym}\b", long, text, flags=re.IGNORECASE)
        if found.widened and found.time_range is not None:
            # Read on past "in 2018" to as_of, a passage that never says 2018 tells of another
            # year ("Who won the marathon in 2018?" is not answered by the 2023 winner).
            text = " ".join([text, *YEAR.findall(found.time_range.matched)])
        evidence = gather_evidence(
            text,
            found.period_passages,
            found.time_range is not None,
            # How old a passage is, from the archive's last day when as_of is later: asked today of
            # a 2023 archive, every passage had read as years old, and was declined the more.
            self.retriever.archive_end(found.as_of, found.filters.outlets),
            lexical.terms,
            lexical.idf,
            lexical.unseen_idf(),
            asked,
            self._coverage(found),
            self.store.replica.first_day(),
            lambda name: (
                self._archive_writes(name, found.as_of, any_case)
                or self._two_names_of_one_noun(name, typed, found.as_of, any_case)
            ),
            typed,
            self._names_a_name,
            any_case,
        )
        written_elsewhere = [name for name in evidence.names_apart if name not in evidence.names_nowhere]
        # A one-word name no passage holds, which the archive writes: "Wildfires on Kauai this week
        # destroyed which historic town?" found Maui's fire, whose articles never name Kauai.
        written_elsewhere += [
            word
            # A common word only as the user wrote it: recased, "black markets" read "Black".
            for word in rare_name_words(typed, evidence.missing_terms, None if any_case else self._archive_names)
            if self._archive_writes(word, found.as_of, any_case)
        ]
        if evidence.places_unseen or written_elsewhere or evidence.names_unseen:
            # The passages' articles may write a place outside the passages ("Ohio" in the
            # derailment story's first paragraph): only a place no article of them writes counts.
            articles = self.articles_with_heads(found.period_passages)
            # So may they a name: a false-premise tester's real question about "the International
            # Society for Technology in Education" was declined as the passages never mentioning
            # “International Society”, which their first article names with its CEO, the answer.
            unseen = tuple(
                name
                for name in evidence.names_unseen
                if not any(re.search(rf"\b{re.escape(name)}\b", article) for article in articles)
            )
            places = tuple(
                typed for typed in evidence.places_unseen if not any(writes_place(a, place_of(typed)) for a in articles)
            )
            # A name the archive writes, not one word of which those articles write: a real name
            # swapped into another story ("Prince Harry would become the oldest elected president").
            off_story = off_story_names(written_elsewhere, typed, articles)
            evidence = replace(evidence, places_unseen=places, names_off_story=off_story, names_unseen=unseen)
        # Dates or outlets the user chose may be no sample of the archive's news: a thin outlet's
        # passages, or a short range's, may well be days apart (see Evidence.scattered).
        return replace(evidence, scattered=None) if self._narrow_sample(found) else evidence

    @staticmethod
    def _joined_words(question: str) -> str:
        """Two words of the question that news writes as one ("shut down" -> "shutdown", "take over"
        -> "takeover"), for the keyword search: a probe's "did the government shut down" found 2018's
        shutdown history, and "was there a government shutdown" the week's news that it was averted.
        Only a word English uses (JOINED_ZIPF; not "layoff", 2.8): one the archive does not hold
        changes no ranking."""
        typed = LETTER_WORDS.findall(question.lower())
        joined = (a + b for a, b in itertools.pairwise(typed) if len(a) > 1 and len(b) > 1)
        return " ".join(word for word in dict.fromkeys(joined) if zipf_frequency(word, "en") >= JOINED_ZIPF)

    def _casual_words(self, question: str) -> set[str]:
        """The question's lower-case words of casual typing, not names (bot/respell.py, casual_word):
        not what an answer must mention. A typo of a common word only where no article holds it."""
        lexical = self.store.replica.lexical
        typed = {word: lexical.terms(word) for word in LETTER_WORDS.findall(question) if casual_word(word)}
        held = lexical.doc_freq([term for terms in typed.values() for term in terms])
        return {word for word, terms in typed.items() if always_casual(word) or not any(held.get(t) for t in terms)}

    def _narrow_sample(self, found: Retrieval) -> bool:
        """The filters leave a small part of the archive: a range from a start day shorter than
        NARROW_RANGE_DAYS, or outlets with less than NARROW_OUTLET_SHARE of its articles. Any other
        filter only narrows the search: a probe's `--from 2000-01-01`, `--to` or `--outlet
        usatoday.com` (two thirds of the archive) had a question declined without it answered
        with a 2019 quote about another bank."""
        filters = found.filters
        if filters.start is not None and (found.window.end - filters.start).days < NARROW_RANGE_DAYS:
            return True
        return bool(filters.outlets) and self.store.article_share(filters.outlets) < NARROW_OUTLET_SHARE

    def archive_writes(self, name: str, as_of: date) -> bool:
        """The articles up to as_of write the name as one, with its capitals, more often than not:
        read in the NAME_CHECK_CHUNKS chunks that hold its words (their text, not a title's
        capitals). "Silicon Valley Bank" is a name; "Heat Wave", typed so, is not, though hundreds
        of chunks hold both words and a subheading writes "Heat Wave" (a review found such a
        topic's timeline empty within any dates). Nor is "Russia Ukraine", mostly written joined
        ("Russia-Ukraine war"): two names (a probe's timeline of it was empty)."""
        rows = self._rows_with_every_word(name, as_of, NAME_CHECK_CHUNKS)
        between = r"(?:\s+|\s*[-–/]\s*)"
        pattern = re.compile(r"(?<![\w'’-])" + between.join(map(re.escape, name.split())) + r"(?![\w-])", re.I)
        written = [
            m.group() for text in self.store.chunk_texts([row for row, _ in rows]) for m in pattern.finditer(text)
        ]
        as_name = sum(1 for form in written if form.split() == name.split())
        return as_name * 2 > len(written)

    def _archive_writes(self, name: str, as_of: date, any_case: bool = False) -> bool:
        """Some article the question may use writes the name as the question does, spelt the
        other way ("Research Organisation", "Research Organization"), or with its title written
        short or long ("Governor Green" is "Gov. Josh Green" in the articles)."""
        forms = (name, *other_spellings(name), *title_variants(name))
        return any(self._archive_writes_as(form, as_of, any_case) for form in forms)

    def _two_names_of_one_noun(self, pair: str, question: str, as_of: date, any_case: bool) -> bool:
        """The question's two capitalised words are two names side by side, each of the plain noun
        after them, which the archive writes each before it: "the Sanofi Covid vaccine" is Sanofi's
        vaccine against Covid ("Sanofi vaccine", "Covid vaccine"), no "Sanofi Covid" (a chat
        tester's question was declined for it). A name that is one ("Joe Swift tour") is not: no
        article writes "Joe tour"."""
        after = re.search(rf"(?<![\w'’-]){re.escape(pair)}\s+(?P<noun>[a-z][a-z-]+)\b", question)
        if after is None or after["noun"] in stopwords():
            return False
        return all(self._some_chunk_writes(f"{word} {after['noun']}", as_of, any_case) for word in pair.split())

    def _some_chunk_writes(self, phrase: str, as_of: date, any_case: bool) -> bool:
        """Some chunk of the NAME_CHECK_CHUNKS best holding the phrase's words, up to as_of, writes
        it as given. Not taken as written when more hold them (_archive_writes_as): over 200 chunks
        hold "John" and "war", none "John war" (a review's "the John Ukraine war" was answered)."""
        min_day = first_day_searched(DateWindow(None, as_of))
        return self._chunk_writes_between(phrase, min_day, day_number(as_of), (), any_case)

    def _chunk_writes_between(
        self, phrase: str, min_day: int | None, max_day: int | None, outlets: Sequence[str], any_case: bool
    ) -> bool:
        """Some chunk of the NAME_CHECK_CHUNKS best holding the phrase's words, of those days and
        outlets, writes it as given."""
        rows = self.store.lexical_search(phrase, NAME_CHECK_CHUNKS, min_day, max_day, outlets, every_term=True)
        return passages_write(self.store.passages([row for row, _ in rows]).values(), phrase, any_case)

    def _rows_with_every_word(self, text: str, as_of: date, limit: int) -> list[tuple[int, float]]:
        """The best `limit` chunks up to as_of holding every word of the text (undated ones only as
        of today), as the name checks read them."""
        min_day = first_day_searched(DateWindow(None, as_of))
        return self.store.lexical_search(text, limit, min_day, day_number(as_of), every_term=True)

    def _archive_writes_as(self, name: str, as_of: date, any_case: bool) -> bool:
        """Some article up to as_of writes the name as given. The keyword index has no word
        positions, so the chunks holding all its words are read; when more than NAME_CHECK_CHUNKS
        hold them ("Julie White"), it is taken as written: ranking by score does not put the chunks
        that write it first."""
        if not self.store.replica.lexical.terms(name):
            return True  # only stop words (the band The The): the keyword index cannot look for it
        rows = self._rows_with_every_word(name, as_of, NAME_CHECK_CHUNKS + 1)
        if len(rows) > NAME_CHECK_CHUNKS:
            return True
        passages = self.store.passages([row for row, _ in rows])
        return passages_write(passages.values(), name, any_case)

    def _names_a_name(self, word: str) -> bool:
        """A word opening a sentence is a name's when the archive writes it with capitals inside
        its sentences ("Janet", not "Summarize"). One it holds nowhere is left out: a small
        archive lacks plenty of openers, and an invented name's other word is unknown anyway."""
        return bool(self.written_form(word.lower()))

    def _archive_names(self, word: str) -> bool:
        """The archive writes the word with capitals inside its sentences: a name ("Chicago"),
        not a plain word ("Draft")."""
        form = self.written_form(word.lower())
        return form is not None and form[:1].isupper()

    def writes_as_name(self, word: str) -> bool:
        """For the language model's citation check (bot/check.py): a word opening a sentence is a
        name when the archive writes it with capitals inside its sentences ("Trump"), or holds it
        nowhere and it is no plain English word ("Zorblat"); "Depositors" is none."""
        form = self.written_form(word.lower())
        if form is None:
            return False
        return form != UNKNOWN or zipf_frequency(word.lower(), "en") < PLAIN_WORD_ZIPF

    def written_form(self, word: str) -> str | None:
        """How the archive writes a lower-case word (see _written_form_in); for bot/recase.py."""
        return self._written_forms(word, self.store.replica.version())

    def _written_form_in(self, word: str, version: int) -> str | None:
        """How the archive (at this version) writes a lower-case word when it mostly writes it with capitals
        ("desantis" -> "DeSantis"); None when it mostly writes it in lower case, or never as
        typed; UNKNOWN when no article holds it. Any day's articles: spelling is not news."""
        rows = self.store.lexical_search(word, CASE_SAMPLE_CHUNKS)
        if not rows:
            return UNKNOWN
        if len(rows) == CASE_SAMPLE_CHUNKS and zipf_frequency(word, "en") >= WIDE_SAMPLE_ZIPF:
            rows = self.store.lexical_search(word, WIDE_CASE_SAMPLE_CHUNKS)
        forms: Counter[str] = Counter()
        for text in self.store.chunk_texts([row for row, _ in rows]):
            for start, end in _spans_of_word(text, word):
                # A sentence's first word is capitalised whatever it is; and a list's label is
                # written in capitals ("WINNER: Julia Garner", "*WINNER"): the chunks that hold
                # "winner" most are awards lists, and "eurovision winner" was declined for "WINNER".
                form = text[start:end]
                label = form.isupper() and (
                    text[end : end + 2].strip().startswith(":") or text[start - 1 : start] == "*"
                )
                if not label and not SENTENCE_OPENING.search(text[max(0, start - 4) : start]):
                    forms[form] += 1
        uses = sum(forms.values())
        capitalised = Counter({form: n for form, n in forms.items() if form[0].isupper()})
        if not uses or sum(capitalised.values()) < CAPITALISED_SHARE * uses:
            return None
        return capitalised.most_common(1)[0][0]

    def _coverage(self, found: Retrieval) -> Coverage | None:
        """How fully the archive covers the period the question names (or the month before
        as_of). Not for --from/--to alone: a range the user chose is the archive they asked."""
        if found.time_range is None and (found.filters.start or found.filters.end):
            return None
        start = found.window.start if found.time_range is not None else None
        coverage = period_coverage(self.store.replica.chunk_days(), start, found.window.end)
        best = found.period_passages[0].published if found.period_passages else None
        if coverage is not None and start is None and best is not None and best > coverage.last:
            # The best passage is from the archive's newest day, which the month before leaves
            # out: a probe's story of today, ingested a month after the archive's last, was
            # declined as "the archive holds no article from 2023-02-09 to 2023-03-09".
            return None
        return coverage

    def _name_swapped(self, found: Retrieval, evidence: Evidence) -> str | None:
        """A two-word name no passage writes, whose other word their articles write with another
        state or country, and never with its own in those articles: "Which Ohio State football
        coach was fired?" of Michigan State's (a quiz probe's made-up question was answered). Only
        places: another word is often written otherwise ("Super Bowls", "Man Utd" for "Man City")."""
        articles: list[str] | None = None
        for name in (name for name in evidence.names_apart if len(name.split()) == 2):
            first, second = name.split()
            if first in STATES_AND_COUNTRIES:
                place, kept = first, second
            elif second in STATES_AND_COUNTRIES:
                place, kept = second, first
            else:
                continue
            articles = articles if articles is not None else self.articles_with_heads(found.period_passages)
            if any(re.search(rf"\b{re.escape(name)}\b", article) for article in articles):
                continue  # written outside the passages
            other = r"([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)"  # "Michigan", "South Carolina"
            pattern = re.compile(
                rf"\b{other} {re.escape(kept)}\b" if place == first else rf"\b{re.escape(kept)} {other}\b"
            )
            # The name the best passage's article writes, else the one written most; only where no
            # article telling of it writes the place too (a Kelce profile's "Cleveland Heights, Ohio"
            # among the passages is no Ohio State story, a review's).
            told = [
                [m.group(0) for m in pattern.finditer(article) if m.group(1) in STATES_AND_COUNTRIES]
                for article in articles
            ]
            writes_place = [re.search(rf"\b{re.escape(place)}\b", article) is not None for article in articles]
            if any(told) and not any(w for names, w in zip(told, writes_place, strict=True) if names):
                instead = told[0][0] if told[0] else Counter(n for names in told for n in names).most_common(1)[0][0]
                return f"the articles tell of {instead}, not {name}"
        return None

    def articles_with_heads(self, sources: Sequence[Passage] | Sequence[Citation]) -> list[str]:
        """The whole text of each article the passages or citations come from, once each, under its
        title and the words of its address, which its editors write too: the Monza story's text
        never names F1, its address does ("…/record-10th-straight-f1-victory/")."""
        heads = {source.article_id: f"{source.title}\n{url_words(source.url)}" for source in sources}
        return [f"{head}\n{self.store.article_text(article_id)}" for article_id, head in heads.items()]

    def _place_no_quoted_article_writes(self, found: Retrieval, cited: Sequence[Citation]) -> str | None:
        """A country or US state the question names (as typed) that no article the answer quotes
        writes: the answer tells another place's story. The passages as a whole may write it in a
        story of their own: a probe's made-up "… gored by a bison this week in which Canadian
        national park?" quoted the North Dakota park's, Canada being named by a heat podcast among
        the passages; "Which Chinese rover found organic molecules on Mars?" quoted Perseverance's.
        (Only the article quoted first had to write it at first: "Which state is now home to
        America's highest gas prices, taking the crown from California?", a held-out dev question,
        was declined.)"""
        typed = _without_addresses(strip_time_expression(found.question, found.time_range) or found.question)
        # As the archive writes its names: typed in lower case, "why is amazon closing its whole
        # foods stores in california" names California (a quiz writer's was answered with Florida's
        # Bed Bath & Beyond closings).
        places = places_named(self._as_written(typed))
        if not places or not cited:
            return None
        articles = self.articles_with_heads(cited)
        return next((typed for typed, place in places if not any(writes_place(a, place) for a in articles)), None)

    def _local_name_quoted(self, question: str, cited: Sequence[Citation]) -> bool:
        """The question names something rare in English ("Pelham Cannery", not "Sun") that an
        article the answer quotes writes (see _general_knowledge)."""
        words = [m for m in CAPITALISED.finditer(question) if m.start() > 0 or self._names_a_name(m.group())]
        names = [m.group().rstrip(".’'").removesuffix("’s").removesuffix("'s") for m in words]
        rare = [name for name in names if name and zipf_frequency(name.lower(), "en") < LOCAL_NAME_ZIPF]
        return any(writes_name(text, name) for name in rare for text in self.articles_with_heads(cited))

    def _general_knowledge(self, found: Retrieval, cited: Sequence[Citation]) -> tuple[date, date] | None:
        """The month before as_of, when the question reads as general knowledge (bot/general.py)
        and the answer quotes no article of that month: "What is the capital of Mongolia?" quoted
        a year-old story on Beijing's buses. News is asked about while it is news: the model reads
        15 of 150 casual news questions about random articles as general knowledge ("how long is
        oppenheimer"), and none of them is declined for it (bench/casual_questions.py). (The
        quotes, not the passages: in a small archive the month's unrelated stories fill the
        passages, put there by the recency prior.)

        Only for a question naming no period, and when the archive covers that month as usual (the
        month before as_of, or before its newest article if that is older; see period_coverage): in
        a thin month, a news question's answer may be older too."""
        model = self.general_model
        if found.time_range is not None or not model.fits(self.embed_model.name):
            return None
        # A follow-up by its form ("What about the actors?" after the writers' strike, a chat
        # probe's), or read with the story's names, goes on with a story: news, however it reads.
        # (Not any question a language model reworded, or a misspelling mended: a review's.)
        if CONTINUATION.match(found.question) or found.subject:
            return None
        coverage = self._coverage(found)
        if coverage is None or coverage.named or coverage.share < FULL_COVERAGE:
            return None
        # Nor in a sparse archive (a newsroom's own few dozen stories), whose stories are asked
        # about long after, when the question names a place or thing of its own that the quotes'
        # articles write: a librarian's "What happened at the Pelham Cannery?", asked at the year's
        # end, had been declined so. Not a name everyone writes ("the Sun", "Earth"), and only when
        # the passages match the question in full ("What is Heron's formula?" finds the ferry MV
        # Heron, which lacks "formula": a review's).
        rate = coverage.chunks / ((coverage.last - coverage.first).days + 1)
        if (
            rate < DENSE_RATE
            and self._local_name_quoted(found.question, cited)
            and matched_in_full(self.evidence(found))
        ):
            return None
        # An undated article may be of that month as well as any other: a probe's local paper's
        # undated "The Historical Society will publish a book …" was declined as general knowledge.
        # A news event named ("the writers strike") is news for a season.
        first = coverage.first
        if NEWS_EVENT.search(found.query):
            first = coverage.last - timedelta(days=NEWS_EVENT_DAYS)
        if any(c.published is None or c.published >= first for c in cited):
            return None
        if not model.reads_general(self.embed_model.embed_query(found.query)):
            return None
        # A contest's latest result that a passage tells is news, months on: an editor's "Who won
        # the Masters?", asked in August, had been declined as general knowledge.
        # Not an edition ("Super Bowl LVI", "the first Super Bowl"): history, which a passage may
        # touch on in passing.
        asked = found.searched_text
        named = contest_asked(asked)
        edition = named is not None and (contest_edition(asked) is not None or bool(EDITION_WORD.search(named[0])))
        if not edition and self._story_of_the_season(found, cited, coverage.last - timedelta(days=NEWS_EVENT_DAYS)):
            return None
        history = named is None or edition or not _latest_result_asked(found)
        if not history and self._result_told_of_no_contest(found) is None:
            return None
        return coverage.first, coverage.last

    def _story_of_the_season(self, found: Retrieval, cited: Sequence[Citation], since: date) -> bool:
        """A quoted article of the season before as_of (from `since`) has a name of the question in
        its headline: the question asks about that story, news for a season as a news event is. A
        tester's "What was the first thing Damar Hamlin asked when he woke up?", asked 45 days after
        the story, had been declined as general knowledge, as had "what happened to first republic
        bank" (typed without capitals: read with the archive's). A country or state is no story:
        "What is the capital of Australia?" stays general knowledge."""
        season = [c for c in cited if c.published is not None and c.published >= since]
        if not season:
            return False
        text = self._as_written(found.question)
        names = set(written_names(text, self._names_a_name))
        names |= {
            word
            for word in (w.removesuffix("'s").removesuffix("’s") for w in CAPITALISED.findall(text))
            if self._archive_names(word)
        }
        # Nor a word of one: "Saudi" of "Saudi Arabia" (a review's).
        written = [place for place in STATES_AND_COUNTRIES if " " in place and place in text]
        place_words = {word for place in written for word in place.split()}
        names = {name for name in names if name not in STATES_AND_COUNTRIES and name not in place_words}
        headlines = [c.title for c in season]
        return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", h, re.IGNORECASE) for name in names for h in headlines)

    def decide(self, found: Retrieval) -> Decision:
        """Decline for a day no calendar has, when no passage is close enough at all, for a question
        with no subject, or when the decline model says the passages miss the question (its
        weights, or a name the archive writes of which no passage holds a word)."""
        if found.pasted_unread:
            return Decision(True, 0.0, found.pasted_unread)
        impossible = no_such_day(found.query)
        if impossible:  # whatever the passages say, they are not about it
            return Decision(True, 0.0, f"there is no {impossible}")
        if backwards := backwards_range(found.query, found.as_of):
            return Decision(True, 0.0, f"“{backwards}” ends before it starts")
        if asks_nothing(found.question):  # a follow-up's too: "help" in a chat is no question about the story
            return Decision(True, 0.0, NOTHING_ASKED)
        if found.passages and not words(found.query):  # Arabic, emoji: the checks below read English only
            letters = any(ch.isalpha() for ch in found.query)
            return Decision(True, 0.0, NO_ENGLISH_WORDS if letters else NO_WORDS)
        if found.passages and in_another_language(found.question):  # French, German, …: the same
            return Decision(True, 0.0, IN_ANOTHER_LANGUAGE)
        if asks_about_coverage(found.question):
            return Decision(True, 0.0, COVERAGE_DECLINED)
        if too_long := self._too_long_to_list(found):
            decision = Decision(True, 0.0, too_long)
        elif found.relevance < self.settings.answer.min_relevance:
            decision = Decision(True, 0.0, self._floor_reason(found))
        elif _names_only_periods(found):
            decision = Decision(True, 0.0, NO_SUBJECT)
        elif pronoun := self._refers_to_nothing(found):
            # The user's own question with a gap for the name: a fixed example ("Who bought Silicon
            # Valley Bank?") read to a probe as if Newsdesk knew what "it" was after all.
            gap = re.sub(rf"\b{re.escape(pronoun)}\b", "…", found.question.strip(), count=1)
            decision = Decision(True, 0.0, f"“{pronoun}” refers to nothing asked before: name it (“{gap}”)")
        elif place := self._toll_told_of_no_place(found):
            decision = Decision(True, 0.0, f"no article found gives a death toll for {place}")
        else:
            evidence = self.evidence(found)
            decision = self.decline_model.decide(evidence)
            if not decision.decline and (swap := self._name_swapped(found, evidence)):
                decision = Decision(True, 0.0, swap)
            # After the model, whose reasons say more when they apply ("no article mentions “Super
            # Bowl”"): the passages may be about the contest without telling any result of it.
            if not decision.decline and found.beyond_as_of and contest_asked(found.searched_text):
                # Who won a contest of a later day or year: no article by as_of can tell. A probe's
                # "Who won Best Picture at the 2024 Oscars?" led with 2023's (the reason is said below).
                decision = Decision(True, 0.0, f"“{found.beyond_as_of}” is after {found.known_until}")
            if not decision.decline and happened_later(
                found.beyond_as_of, found.searched_text, found.archive_ends or found.as_of
            ):
                # What happened on a later day or in a later year: nothing by as_of can tell, and a
                # quiz's "Who was sworn in as U.S. president in January 2025?" (as of Oct 2023) was
                # answered with what Biden's age would be in 2029.
                decision = Decision(True, 0.0, f"“{found.beyond_as_of}” is after {found.known_until}")
            if not decision.decline and (year := _contest_of_a_later_year(found)):
                # The contest's name holds the year, the question's period another ("Which team won
                # the 2024 World Series this week?" as of Nov 2023, a probe's, quoted 2014's).
                decision = Decision(True, 0.0, f"“{year}” is after {found.known_until}")
            if not decision.decline and (contest := self._result_told_of_no_contest(found)):
                decision = Decision(True, 0.0, f"no article found tells who won {contest}")
            if not decision.decline and (year := _year_of_no_passage(found)):
                decision = Decision(True, 0.0, f"no article found mentions {year}")
            if not decision.decline and found.story_declined and not names_in(found.question):
                # Nothing new to look for: the answer would be about something else. A probe had
                # "Who bought it?" after "What did Rubiales do?" (declined) answered with a Jaguar
                # "bought for just £1": the decline model does not weigh carried names as typed ones.
                subject = found.subject[0]
                return Decision(True, 0.0, f"it follows a question about “{subject}” that the articles did not answer")
        # Only over the model's reasons: an empty index or filters that match nothing say more. A
        # period after as_of is the likeliest reason, and the one the user can act on; "next week"
        # only where nothing else is asked ("What will happen next week?"): "What will Vanterpool
        # say next week?" is declined for Vanterpool.
        later = found.beyond_as_of or (found.upcoming if decision.reason == NO_SUBJECT else None)
        if decision.decline and found.passages and later:
            return replace(decision, reason=f"“{later}” is after {found.known_until}")
        return _with_carried_words_named(decision, found)

    @staticmethod
    def _too_long_to_list(found: Retrieval) -> str | None:
        """For a question naming a past period and nothing else, longer than the news listed for one
        (see _period_news), why it is declined: its length ("What happened in 2022?" had been told
        that it names no subject, or that no article comes close)."""
        span = found.time_range
        if span is None or span.start > found.as_of or (span.end - span.start).days <= LONGEST_PERIOD_DAYS:
            return None
        if not _names_only_periods(found):
            return None
        return (
            f"{span.label} is too long a period to list its news: ask about someone or something, "
            "or of two months at most, e.g. “What happened last week?”"
        )

    def _refers_to_nothing(self, found: Retrieval) -> str | None:
        """The pronoun of a question that stands for nothing named ("Who bought it?" opening a
        conversation, or after /new): no name, no number and a word or two besides. A follow-up's
        standalone form carries the names of the turns before, so it is never one of these."""
        if found.query != found.question:
            return None
        asked = found.searched_text
        pronoun = PERSONAL_PRONOUN.search(asked)
        if pronoun is None or len(content_terms(asked) - NEWS_IN_GENERAL) > 2 or any(c.isdigit() for c in asked):
            return None
        if pronoun.group().lower() == "it" and WEATHER_IT.match(asked, pronoun.end()):
            return None
        before = asked[: pronoun.start()]
        if ANTECEDENT.search(before) or (
            pronoun.group().lower() not in ("it", "its") and PERSON_ANTECEDENT.search(before)
        ):
            return None  # "Which team said it would move?", "Who said they would resign?"
        if names_in(self._as_written(before)):
            # "chatgpt what is it and who made it": named first, as people talk (a probe's), where
            # question_names passes over a sentence's first word. Not "Who bought it?" (a review's:
            # any rare word had counted, "bought" among them).
            return None
        # Names as the archive writes them ("what did biden say about it" names Biden).
        return None if question_names(self._as_written(asked)) else pronoun.group()

    def _with_cut_headlines_lede(self, passages: list[Passage]) -> list[Passage]:
        """The passages, with the opening passage of the best one's article after it when its
        title is cut short inside a name ("… activist Narges ...") and the opening is not among
        them (for any cut title, the dev questions lost as many answers as they gained): a quiz's
        "who won the Nobel Peace Prize?" led with that cut title, the lede naming Narges Mohammadi
        unread."""
        cut = CUT_AT_NAME.search(headline_of(passages[0].title or "")) if passages else None
        # Not a common word nor a day: "… | The Week ...", "… on Friday ..." (a review's).
        if (
            cut is None
            or passages[0].position == 0
            or common_word(cut["word"])
            or cut["word"].lower() in DAYS_AND_MONTHS
        ):
            return passages
        best = passages[0]
        if any(p.article_id == best.article_id and p.position == 0 for p in passages):
            return passages
        first_row = self.store.article_rows(best.article_id)[:1]  # in order of position
        opening = [p for p in self.store.passages(first_row).values() if p.position == 0]
        if not opening:
            return passages
        lede = replace(self.retriever.with_whole_sentences(opening[0]), score=best.score)
        # Only a lede that writes the name the title cuts: a page's first passage may be its
        # sign-up or privacy text (a review's, of The Week's).
        if re.search(rf"\b{re.escape(cut['word'])}\b", lede.text) is None:
            return passages
        return [best, lede, *passages[1:]]

    def extractive(self, found: Retrieval) -> Answer:
        """The quoted-sentences answer for what was retrieved, or an abstention."""
        if (news := self._period_news(found)) is not None:
            return news
        # A pasted article is what was asked about: it is quoted, whatever a search would decide.
        decision = Decision(False, 1.0, None) if found.pasted else self.decide(found)
        if decision.decline:
            quiet = self._quiet_period(found) if decision.reason == NO_SUBJECT else None
            return self.abstain(found, quiet or decision.reason)
        # The lede read is among the answer's passages too: its Sources show what it quotes.
        found = replace(found, passages=self._with_cut_headlines_lede(found.passages))
        extract = compose(
            found.query,
            found.passages,
            self.embed_model,
            self.settings.answer.max_words,
            self.settings.answer.max_sentences,
            asked=found.question,
            as_of=found.as_of,
            background=found.background,
            # Within a period too: "who won the masters this week" had led with "Weir won the
            # 2003 Masters", history told in a preview of this week's.
            # Not of a named edition: "Who won Super Bowl LVI?" asked in June is not the latest
            # result, Super Bowl LVII's (a review's).
            latest=asks_latest_result(found.searched_text, found.as_of.year)
            and contest_edition(found.searched_text) is None,
            holder=found.holder,
            told=found.told,
            said=found.said,
        )
        if not extract.citations:
            return self.abstain(found)
        if place := self._place_no_quoted_article_writes(found, extract.citations):
            return self.abstain(found, f"no article the answer would quote mentions “{place}”")
        cased = self._names_read_in(found)
        if (
            not found.pasted
            and len(missing := _unmentioned_names(found, extract.citations, cased)) >= UNMENTIONED_DECLINES
        ):
            return self.abstain(found, f"no article the answer would quote mentions {' or '.join(missing)}")
        if month := self._general_knowledge(found, extract.citations):
            first, last = (day.isoformat() for day in month)
            return self.abstain(
                found, f"it reads as general knowledge, not news, and no article from {first} to {last} answers it"
            )
        # A true-or-false question is told "True" where a quote states the claim (bot/verdict.py).
        # (As typed: "True or false:" opening it is small talk to the search.)
        typed = found.typed or found.question
        told = verdict(typed, found.searched_text, extract.text) if found.query == found.question else None
        return self._answer(found, f"{told} {extract.text}" if told else extract.text, extract.citations)

    def _quiet_period(self, found: Retrieval) -> str | None:
        """Why a question asking for a period's news is declined when no article was published
        then: "names no subject" had been the reason given for "What was the news yesterday?" on a
        day after one with no article (a probe's). None for any other question."""
        period = self._news_period(found)
        if period is None or period.start is None or asks_nothing(found.question):
            return None
        outlets = found.filters.outlets
        if self.store.opening_rows(day_number(period.start), day_number(period.end), outlets):
            return None
        first, last = period.start.isoformat(), period.end.isoformat()
        when = f"on {first}" if first == last else f"from {first} to {last}"
        by = f"from {', '.join(outlets)} " if outlets else ""
        return f"no article {by}was published {when}"

    def _asks_period_news(self, found: Retrieval) -> bool:
        """The question names a period of at most LONGEST_PERIOD_DAYS up to as_of and nothing
        else: "What happened on March 10?", "What's the news this week?"."""
        return self._news_period(found) is not None

    def _latest_news(self, found: Retrieval) -> TimeRange | None:
        """The archive's last LATEST_NEWS_DAYS up to as_of, for a question asking for the news and
        naming no period, nor anything else ("What's the latest news?", "Any news?", "headlines"):
        a probe's were declined as naming no subject, with years-old closest articles."""
        if found.time_range is not None or found.filters.dated or not NEWS_ASKED.fullmatch(found.query):
            return None
        end = self.retriever.archive_end(found.as_of, found.filters.outlets)
        start = end - timedelta(days=LATEST_NEWS_DAYS - 1)
        return TimeRange(start, end, f"the latest news ({start.isoformat()} to {end.isoformat()})", "")

    def _news_period(self, found: Retrieval) -> DateWindow | None:
        """The period whose news the question asks for and nothing else, as the dates the user gave
        narrow it (--from, --to), when it is at most LONGEST_PERIOD_DAYS long and up to as_of; the
        period itself, not the days after it that a search reads for its coverage. With no period
        named, the latest news's (see _latest_news)."""
        if (latest := self._latest_news(found)) is not None:
            return DateWindow(latest.start, latest.end)
        span = found.time_range
        if found.window.start is None:
            return None
        if span is None:
            # The days given (--from, --to) are the period: "What were the main stories?" with
            # --from 2023-03-10 --to 2023-03-12 was declined as naming no subject (a research probe's).
            if found.filters.start is None:
                return None
            start, end = found.window.start, found.window.end
        elif span.start > found.as_of:
            return None
        else:
            start, end = max(span.start, found.window.start), min(span.end, found.window.end)
        if start > end or (end - start).days > LONGEST_PERIOD_DAYS or no_such_day(found.query):
            return None
        return DateWindow(start, end) if _names_only_periods(found) else None

    def _title_counts(self, outlets: Sequence[str] = ()) -> TitleCounts:
        """The archive's titles' words (see bot/period_news.py), of the outlets asked for if any (a
        review's February of The Week had counted "UK" as a story, against all outlets' titles);
        counted again once the archive changes."""
        return self._titles_counted(tuple(sorted(outlets)), self.store.replica.version())

    def _title_counts_in(self, outlets: tuple[str, ...], version: int) -> TitleCounts:
        """_title_counts at this version of the archive."""
        rows = self.store.opening_rows(0, day_number(date.max), outlets, limit=self.store.article_count() + 1)
        return TitleCounts.of(title for _, title, _ in rows)

    def _period_news(self, found: Retrieval) -> Answer | None:
        """For a question naming a period and nothing else, the period's main stories, one
        headline each (bot/period_news.py); None for any other question, or a period with no
        article. Not declined as naming no subject: two probes' desks asked "What happened on
        March 10?" and "What happened on 2/6?"."""
        period = self._news_period(found)
        if period is None or period.start is None or asks_nothing(found.question):  # "how r u today"
            return None
        start, end = period.start, period.end
        outlets = found.filters.outlets
        openings = self.store.opening_rows(day_number(start), day_number(end), outlets)
        if not openings:
            return None
        # Its follow-ups: up to as_of, and to the last day the user let in (--to).
        until = min(end + timedelta(days=FOLLOW_UP_DAYS), found.as_of, found.filters.end or found.as_of)
        later = self.store.opening_rows(day_number(start), day_number(until), outlets)
        vectors, kept = stacked([self.store.vector(row) for row, _, _ in openings])
        followed, kept_later = stacked([self.store.vector(row) for row, _, _ in later])
        rows = [openings[i][0] for i in kept]
        titles = [openings[i][1:] for i in kept]
        # The week before, for a recurring feature's other editions only.
        before = self.store.opening_rows(day_number(start - timedelta(days=7)), day_number(start) - 1, outlets)
        # Longer than a week, and with titles enough to count words in: see bot/period_news.py.
        by_words = (end - start).days >= LIKENESS_LONGEST_DAYS and len(titles) >= FEWEST_TITLES
        chosen = main_stories(
            vectors,
            titles,
            followed,
            [later[i][1:] for i in kept_later],
            earlier_titles=[r[1:] for r in before],
            archive=self._title_counts(outlets) if by_words else None,
        )
        passages = self.store.passages([rows[i] for i in chosen])
        stories = [passages[rows[i]] for i in chosen if rows[i] in passages]
        extract = quote_openings(stories, found.as_of)
        if not extract.citations:
            return None
        # The stories are the passages behind the answer (its sources, /sources, the review log).
        listed = replace(
            found,
            time_range=found.time_range or self._latest_news(found),
            window=period,
            passages=stories,
            background=None,
            widened=False,
        )
        return self._answer(listed, f"{PERIOD_NEWS_LEAD} {extract.text}", extract.citations)

    def _answer(self, found: Retrieval, text: str, citations: Sequence[Citation], mode: str = "extractive") -> Answer:
        return Answer(
            question=found.typed or found.question,
            text=text,
            abstained=False,
            citations=tuple(citations),
            passages=tuple(found.passages),
            date_range=found.date_range,
            date_range_label=found.label,
            as_of=found.as_of,
            notice=" ".join(
                filter(
                    None,
                    (
                        _answer_notice(found),
                        _unmentioned_notice(found, citations, self._names_read_in(found)),
                        self._missing_outlets(found.filters),
                        self._outlets_ended(found),
                    ),
                )
            )
            or None,
            mode=mode,
            background=found.background,
        )

    def _missing_outlets(self, filters: Filters) -> str | None:
        """The outlets asked for that the index has no article from, when others were searched:
        a typo in one of two (`--outlet usatoday.com --outlet foxnews.com`) had narrowed the
        search without a word (a probe)."""
        if not filters.outlets:
            return None
        known = set(self.store.outlets())
        missing = [outlet for outlet in filters.outlets if outlet not in known]
        if not missing:
            return None
        return f"No articles from {', '.join(missing)}; the answer is from the other outlets asked for."

    def _held_outside_the_days(self, found: Retrieval, reason: str) -> str:
        """What to add to a reason that no article mentions a word, when one the date rules leave
        out does (see held_outside_the_days). A newcomer's "no article mentions “Riverside Jazz”"
        was false: their undated article did."""
        quoted = NOT_MENTIONED.match(reason)
        if quoted is None:
            return ""
        told = self.held_outside_the_days(quoted["words"], found.as_of, found.filters.outlets)
        return f" ({told})" if told else ""

    def held_outside_the_days(self, words: str, as_of: date, outlets: Sequence[str] = ()) -> str:
        """Whether an article the date rules leave out writes the words: an undated one (read only
        as of today), or one dated after today (a mistyped year, most often); "" when none does.
        One dated between the day asked about and today is not told of: nothing after that day is
        used, nor said to exist."""
        today = date.today()
        searched = (
            ((0, 0), "an undated article does: undated articles are read only when asking as of today")
            if as_of < today
            else None,
            ((day_number(today) + 1, None), "an article dated after today does: is its date mistyped?"),
        )
        for window, told in filter(None, searched):
            if self._chunk_writes_between(words, *window, outlets, any_case=True):
                return told
        return ""

    def _outlets_ended(self, found: Retrieval) -> str | None:
        """When the outlets asked for stopped publishing (in this archive) well before the day the
        answer is given as of: "What did CNN report about the debt ceiling?" as of June 2023 quotes
        December 2022, the last CNN article here, and should say why (a review)."""
        if not found.filters.outlets:
            return None
        _, last = self.store.date_span(found.filters.outlets)
        if last is None or (found.as_of - last).days <= OUTLET_ENDED_DAYS:
            return None
        return f"The articles from {', '.join(found.filters.outlets)} end on {last.isoformat()}."

    @staticmethod
    def _toll_told_of_no_place(found: Retrieval) -> str | None:
        """A place a death-toll question names (as typed) when no passage tells a toll there: none
        of their sentences that counts the dead writes it, nor does its headline. A probe's "How many
        people were killed in the Morocco earthquake?" was answered with Libya's floods, Afghanistan's
        and Sichuan's quakes: the archive holds no Morocco toll."""
        if counted_thing(found.query) != DEATHS:
            return None
        places = places_named(strip_time_expression(found.question, found.time_range) or found.question)
        if not places or not found.passages:
            return None
        for passage in found.passages:
            title = passage.title or ""
            sentences = [title, *(passage.text[start:end] for start, end in sentence_spans(passage.text))]
            for sentence in sentences:
                if tells_count(sentence, DEATHS) and any(writes_place(f"{title}\n{sentence}", p) for _, p in places):
                    return None
        return places[0][0]

    @staticmethod
    def _result_told_of_no_contest(found: Retrieval) -> str | None:
        """The contest a "who won" question names (as typed) when no passage tells a result of it
        (tells_result_of: a sentence telling a win that holds its terms, with its headline). A
        probe's "Who won the 2023 World Series MVP?", asked before the Series, was answered with the
        NBA Finals MVP, and "Who won the Ballon d'Or?" with a July story on an earlier winner."""
        asked = found.searched_text
        past_year = _past_year_asked(found)
        # Of a past year too ("Who won the Nobel Peace Prize in 2022?"): a result that year.
        contest = contest_asked(asked) if past_year is not None or _latest_result_asked(found) else None
        if contest is None or not found.period_passages:
            return None
        phrase, terms = contest
        year = past_year or (found.as_of.year if YEAR.search(asked) else None)  # asks_latest_result: no other year
        # "Super Bowl LVII" asked before the game: the year before's result is of Super Bowl LVI.
        edition = edition_asked(phrase)
        for passage in found.period_passages:
            for start, end in [(0, 0), *sentence_spans(passage.text)]:
                if end and of_an_earlier_entry(passage, start):  # end 0: the headline
                    continue
                sentence = passage.text[start:end]
                if edition is not None and not writes_edition(f"{passage.title} {sentence}", edition):
                    continue
                if tells_result_of(sentence, passage, terms, year):
                    return None
        return phrase

    def _floor_reason(self, found: Retrieval) -> str:
        """Why nothing came close enough: no passage at all (and why), or only unrelated ones."""
        if found.passages:
            return "no article comes close to the question"
        if self.store.replica.article_count() == 0:
            return "the index holds no articles yet"
        if found.time_range is not None and found.filters.narrow(_window(found.time_range, found.as_of)) is None:
            # "… in March 2023?" with --from 2023-06-01 (a probe got "no article matches the filters").
            return f"the question's period and the dates given ({found.filters.label(found.as_of)}) do not meet"
        if found.filters.active:
            return "no article matches the filters"
        first, last = self.store.date_span()
        if first is not None and first > found.window.end:
            return f"the indexed articles start on {first.isoformat()}, after {found.window.end.isoformat()}"
        if last is not None and found.window.start is not None and last < found.window.start:
            # "this week" in a chat as of today, over an archive of 2023 (a probe): say where it ends.
            ended = f"no article was published in the period: the indexed articles end on {last.isoformat()}"
            if found.time_range is None:
                return ended
            # How to ask it of the archive: a probe's "last month" read against today's month.
            return f"{ended}; ask as of a day up to then to read “{found.time_range.matched}” against the archive"
        return "no article was published in the period"

    def abstain(self, found: Retrieval, reason: str | None = None) -> Answer:
        """Say the articles do not hold the answer, and show the closest ones instead."""
        # The period's passages were judged; the background one played no part.
        found = replace(found, passages=found.period_passages, background=None)
        reason = reason or self._floor_reason(found)
        reason += self._held_outside_the_days(found, reason)
        # Searched without a word, the closest articles are chance ("?" listed The Whale); in
        # another language, they are those of its names ("Qui Blinken a-t-il rencontré …").
        unread = reason in (NO_ENGLISH_WORDS, NO_WORDS, NOTHING_ASKED)
        closest = [] if unread else _closest_articles(found.passages, self.settings.answer.closest_articles)
        text = f"The indexed articles don't cover this ({found.label}): {reason}."
        if found.filters.active and not found.passages:
            text += " " + self.filter_help(found.filters, found.as_of)
        if closest:
            listing = "\n".join(f"- {describe_source(_as_citation(p))}" for p in closest)
            text += f" The closest articles are:\n{listing}"
        return Answer(
            question=found.typed or found.question,
            text=text,
            abstained=True,
            passages=tuple(closest),
            date_range=found.date_range,
            date_range_label=found.label,
            as_of=found.as_of,
            # How a follow-up was read tells what was looked for ("What about Ukraine?").
            notice=" ".join(
                n for n in (respelling_notice(found.respelled), _reading_notice(found), self._outlets_ended(found)) if n
            )
            or None,
            declined_because=reason,
        )

    @staticmethod
    def kept_filters(inherited: Filters, question: str) -> Filters:
        """What a follow-up in a thread keeps of the filters its first question was asked with:
        all of them, but the dates not when it asks for a period of its own ("What happened in
        October?", "And the week before?" in a thread of Sep 15–30): that period is what it asks
        about. A Discord probe got "no article matches the filters" for October."""
        return Filters(outlets=inherited.outlets) if asks_for_a_period(question) else inherited

    def make_filters(self, start: date | None = None, end: date | None = None, outlets: Sequence[str] = ()) -> Filters:
        """Filters with outlets spelled as the index spells them ("CNN", "www.cnn.com" → "cnn.com")."""
        # "cnn.com,usatoday.com" typed as one value names two (a probe's was read as one name).
        if any(not outlet.replace(",", " ").strip() for outlet in outlets):
            raise InputError("An outlet is blank: name one, e.g. cnn.com.")
        known = self.store.outlets()
        named = [part.strip() for typed in outlets for part in typed.split(",") if part.strip()]
        resolved = [o for typed in named for o in resolve_outlets(typed, known)]
        if any(not outlet for outlet in resolved):  # "http://" or "www." alone (a tester's read as "from ;")
            raise InputError("An outlet is blank: name one, e.g. cnn.com.")
        return Filters(start, end, tuple(dict.fromkeys(resolved)))

    def check_outlets(self, filters: Filters) -> None:
        """InputError when none of the outlets asked for has an article: Discord refuses that to
        the asker alone, where a decline was posted in the channel and opened a thread (a probe's
        `outlet:foxnews.com`)."""
        known = self.store.outlets()
        if filters.outlets and not set(filters.outlets) & set(known):
            raise InputError(_no_articles_from(filters.outlets, known))

    def filter_help(self, filters: Filters, as_of: date) -> str:
        """What exists, when the filters matched nothing: the known outlets and the date span up
        to as_of (articles published later are never used, so their dates are not told either)."""
        known = self.store.outlets()
        parts = []
        unknown = [o for o in filters.outlets if o not in known]
        if unknown:
            parts.append(_no_articles_from(unknown, known))
        # The dates of the outlets asked for, when the index has them: the whole archive's would
        # not tell why cnn.com's articles missed the dates given.
        outlets = [o for o in filters.outlets if o in known]
        first, last = self.store.date_span(outlets)
        whose = f"The articles from {', '.join(outlets)}" if outlets else "The indexed articles"
        if first and last and first > as_of:
            parts.append(f"{whose} start on {first.isoformat()}, after {as_of.isoformat()}.")
        elif first and last and last > as_of:
            # Not "… to <as_of>": a probe read the as-of day as where the archive ends.
            parts.append(f"{whose} used as of {as_of.isoformat()} were published from {first.isoformat()} on.")
        elif first and last:
            parts.append(f"{whose} were published from {first.isoformat()} to {last.isoformat()}.")
        elif self.store.replica.article_count() == 0:
            parts.append("The index holds no articles yet.")
        return " ".join(parts)


# The background passage is from before the period asked about, given to tell what led to it: an
# answer citing it alone tells no news of the period (a probe's "What happened with Silicon Valley
# Bank in March?" was answered from a December layoff report alone).
NOTICE_BACKGROUND_ONLY = (
    "The language model's answer cited only the earlier passage given for background; showing quoted sentences instead."
)


def _rests_on_background(found: Retrieval, generation: Generated) -> bool:
    background = {p.article_id for p in found.passages if p.chunk_id == found.background}
    period = {p.article_id for p in found.period_passages}
    cited = {citation.article_id for citation in generation.citations}
    return bool(cited) and cited <= background - period


# Why an answer was declined when the language model read the passages and found no answer.
REFUSED_BY_MODEL = "the language model found no answer in the closest passages"

# Filters narrower than these judge passages as a named period does (AnswerService._narrow_sample).
NARROW_RANGE_DAYS = 366
NARROW_OUTLET_SHARE = 0.5
# A question is read with the story when this share of the chunks writing what it asks about also
# write one of the story's names (counted up to STORY_COUNT chunks each), or STORY_ENOUGH of them:
# "Biden" with "Israel" in October 2023, 130 of 200; "Nobel Peace Prize" with "Senate", 1 of 80.
STORY_SHARE = 0.05
STORY_COUNT = 200
STORY_ENOUGH = 5
# ... and for a who-won question naming its contest, this share of them, however many (see _reading).
WHOLE_STORY_SHARE = 0.25
# Or, of a story the archive writes little of, this share of its own chunks write the question's
# word: Cyclone Mocha is in a few chunks, and "how strong were the winds" had been read on its own
# (declined as general knowledge) for want of five chunks writing both.
OWN_STORY_SHARE = 0.25
# Words a result is written with, searched for beside "won" (see AnswerService._search).
RESULT_WORDS = "win wins winner"
# Two typed words joined are a word news writes ("shutdown") when English uses it this often (see
# AnswerService._joined_words).
JOINED_ZIPF = 3.0
# What an answer listing a period's stories opens with (see _period_news).
# One lead whichever way the stories were weighed (followed up, or named in the most headlines).
PERIOD_NEWS_LEAD = "The main stories, the most reported first:"
TITLE_COUNTS_KEPT = 8  # outlet choices (and versions) whose headline counts are kept (see _title_counts)
# "The latest", "most recent", "now", and "What is happening in Ukraine?", which asks for now too
# (a probe's, as of Mar 1, had quoted September's referendums): read first in the last month, then
# the last three (see AnswerService._latest). So do "how is the war going" and "whos winning the
# gop primary", typed as people type them: as of Nov 20 the primary had been 2022's Cheney race,
# and the war as of Dec 15 the invasion's first weeks. Not "how is he going to run", "how are
# doctors doing surgeries" nor "did Apple release any updates" (a review's).
# "Now" and "current" in lower case (or opening the question) and as time: not "Current TV", "say
# now is the time" nor "the current account deficit" (a review's).
LATEST = re.compile(
    r"(?i:\b(?:latest|most\s+recent|newest)\b|\bwhat(?:\s+is|['’]?s)\s+(?:happening|going\s+on)\b"
    r"|\bhow(?:\s+(?:is|are)|['’]?s)\s+(?:(?!going\s+to\b)[^?.!]){1,60}?\s+(?P<status>going|doing)\b"
    r"(?=\s*(?:[?.!]|$|so\s+far\b|now\b|lately\b|these\s+days\b|this\s+\w+|in\b|with\b|after\b|since\b|against\b))"
    # Leading a race or the polls, not a show or an inquiry ("Who is leading the Super Bowl 56
    # halftime show?", a quiz's, had been read as the last 30 days' news).
    r"|\bwho(?:\s+is|['’]?s)\s+(?:winning|ahead|leading(?!\s+(?:the|a|an|his|her|their|its)\s+(?:[\w'’.-]+\s+){0,4}?"
    r"(?:show|investigation|inquiry|probe|effort|talks|negotiations|delegation|ceremony|parade|service|performance"
    r"|concert|band|orchestra|prayers?|march|rally|search|rescue|team|company|charge|review|panel|task\s+force"
    r"|case|prosecution|defen[cs]e|committee)\b))\b|^\s*any\s+updates?\b|\bany\s+updates?\s+(?:on|about)\b"
    r"|\b(?P<still>still\s+(?:going\s+on|happening|ongoing|underway|continuing|on))(?=\s*(?:[?.!]|$|now\b|today\b)))"
    r"|(?:^\s*|\b)(?:(?<=^)(?:Now|Currently|Current)\b(?!\s+[A-Z])|now\b(?!\s+(?:is|was|that)\b)|currently\b"
    r"|current\b(?!\s+account\b))"
)
LATEST_DAYS = (30, 91)
OUTLETS_LISTED = 12  # outlets named when the outlets asked for match none
LATEST_CONFIDENCE = 0.8
# Days before the as-of day searched for a death toll's latest figure (see _with_newest_toll), the
# words that search adds to the question's, and how many chunks it reads.
TOLL_DAYS = 14
# ... or from the newest toll the passages give, up to this many days back.
TOLL_MAX_DAYS = 92
TOLL_WORDS = "death toll killed dead died"
# A newer toll below this share of the largest the passages give is an incident's (see _with_newest_toll).
TOLL_SCALE = 0.5
TOLL_CHUNKS = 100
# Days before the as-of day searched for a post's holder, the nearest first (see _holder_passage),
# and how many chunks writing the post each search reads.
HOLDER_DAYS = (31, 366)
HOLDER_CHUNKS = 300
# Outlets whose last article is this many days before the as-of day are said to have ended.
OUTLET_ENDED_DAYS = 30

# News about a day is mostly published in the days after it ("the game on Monday" is
# reported on Tuesday), so a period in the past is searched with this much more. A week, month or
# quarter is searched with half its length more (January's inflation is reported in mid-February),
# but not a year, nor a period that names its year: "in 2022" read on into 2023 would be answered
# by 2023's news, which never says 2022. A past year's later reporting is read only where it writes
# the year (see AnswerService._reported_later); all of it only when 2022 holds nothing, and then a
# passage must name the year (see AnswerService.evidence).
COVERAGE_DAYS = 2
SUNDAY = 6  # its weekday()
# A past year's later reporting: candidates taken, times top_k, before those that do not write
# the year are dropped.
LATER_REPORTS_POOL = 4
LAST_YEAR = re.compile(r"\blast year\b", re.I)
COVERAGE_LONGEST_PERIOD_DAYS = 92


def _no_articles_from(unknown: Sequence[str], known: Sequence[str]) -> str:
    """That the index holds no article from these outlets, with the nearest spelling it holds
    ("usatodya.com": did you mean usatoday.com?) and its outlets."""
    meant = [close[0] for o in unknown if (close := difflib.get_close_matches(o, known, n=1, cutoff=0.8))]
    hint = f" (did you mean {', '.join(dict.fromkeys(meant))}?)" if meant else ""
    return f"No articles from {', '.join(unknown)}{hint}; the outlets in the index are: {_outlets_listed(known)}."


def _outlets_listed(known: Sequence[str]) -> str:
    """The index's outlets, most articles first, the first OUTLETS_LISTED of them: "a.com, b.com, …"."""
    if not known:
        return "none"
    return ", ".join(known[:OUTLETS_LISTED]) + (", …" if len(known) > OUTLETS_LISTED else "")


def _with_carried_words_named(decision: Decision, found: Retrieval) -> Decision:
    """A follow-up's reason may name words the asker never typed ("no article found mentions
    “Middle East”", carried from an earlier answer): say where they came from."""
    named = re.findall(r"“([^”]+)”", decision.reason or "")
    asked = found.question.lower()
    if found.query == found.question or not named or any(word.lower() in asked for word in named):
        return decision
    return replace(decision, reason=f"{decision.reason} (carried over from earlier in the conversation)")


def _answer_notice(found: Retrieval) -> str | None:
    """What an answer says of how the question was read, when that is not as typed: a spelling
    the articles write otherwise, days after the as-of day (only the articles up to it are read),
    or a follow-up read with the conversation's names ("Who is responsible for the
    cleanup?" after the Lahaina fire)."""
    notes = [respelling_notice(found.respelled), _widened_notice(found)]
    later = found.beyond_as_of or found.upcoming
    if later:
        notes.append(f"“{later}” is after {found.known_until}: this is what the articles up to that day report.")
    notes.append(_reading_notice(found))
    return " ".join(note for note in notes if note) or None


def _without_addresses(text: str) -> str:
    """The text without the web addresses it gives, as the name checks read it."""
    return " ".join(ADDRESS.sub(" ", text).split()) if "://" in text or "www." in text else text


def _widened_notice(found: Retrieval) -> str | None:
    """That the period asked about held nothing relevant, and the answer is from the reporting
    after it: an edge-case tester's "How many people were killed by Hamas in February?" was
    answered from October, said only in the Sources' "Searched:" line."""
    if not found.widened or found.time_range is None:
        return None
    end = found.window.end.isoformat()
    label = found.time_range.label
    if found.previewed and found.window.start is not None:
        start = found.window.start.isoformat()
        return f"Nothing relevant was published {label}: this is from the days before it, {start} to {end}."
    if found.window.start is not None and found.window.start < found.time_range.start:
        return f"No article was published {label} or since: this is from the days before it, up to {end}."
    named = ", ".join(f"“{name}”" for name in found.unnamed)
    why = f"The articles {label} never name {named}" if named else f"Nothing relevant was published {label}"
    return f"{why}: this is from the articles after it, up to {end}."


def _unmentioned_names(found: Retrieval, citations: Sequence[Citation], question: str) -> list[str]:
    """The names the question gives (bot/mentions.py) that the articles the answer quotes never
    write, quoted: “Swift”, “Tour”. Read in the passages of the quoted articles, and their
    headlines. `question` is the question as the archive writes its names (typed in lower case,
    "how much did apple pay to acquire netflix" names Apple and Netflix, a quiz writer's)."""
    cited = {citation.article_id for citation in citations}
    texts = [f"{p.title} {p.text}" for p in found.passages if p.article_id in cited]
    # Without its period, which the passages are chosen by, not written with (a probe's "What did
    # Biden say Q1?" was told they never mention "Q1").
    asked = strip_time_expression(question, found.time_range) or question
    missing = unmentioned(asked, texts)  # as respelled: "Guiness" is read as "Guinness"
    return [f"“{name}”" for name in missing] if texts else []


def _unmentioned_notice(found: Retrieval, citations: Sequence[Citation], question: str) -> str | None:
    """That the articles the answer quotes never write a name the question gives: "Elon Musk
    changed Instagram's logo this week to which letter?" is answered from Twitter's rebrand (a
    probe's), which the reader should know."""
    missing = _unmentioned_names(found, citations, question)
    if not missing:
        return None
    return f"The passages quoted from never mention {', '.join(missing)}: the answer may be about another story."


# An edition named by its place in the series: "the first Super Bowl", "the inaugural Ryder Cup".
# Not a stage of the latest ("the first round of …", "the 3rd Test"), nor "the last Masters".
EDITION_WORD = re.compile(
    r"\b(?:first|second|third|fourth|fifth|inaugural|original|\d+(?:st|nd|rd|th))\b"
    r"(?!\s+(?:round|leg|test|game|stage|set|half|quarter|period|race|match|day|heat|debate|place)s?\b)",
    re.IGNORECASE,
)


# A news event named with "the" ("the writers strike", "the Maui fire"): asked about while it is
# news, a season long, not a month (a chat tester's "When did the writers strike begin?", asked a
# month and a day after, had been declined as general knowledge).
# Not the words history names its events with too ("the Cold War", "the Watergate scandal", "the
# Great Fire of London"): a review's "When did the Cold War end?" was answered from quotes that
# only named it.
NEWS_EVENT = re.compile(
    r"\bthe\s+(?:[\w'’-]+\s+){0,3}(?:strike|walkout|lockout|shutdown|indictment|trial|shooting|derailment"
    r"|wildfire|hurricane|bankruptcy|layoffs|recall|outage|merger|takeover)s?\b",
    re.IGNORECASE,
)
NEWS_EVENT_DAYS = 91


NOW = re.compile(r"\s*\b(?:right\s+now|now|currently|at\s+the\s+moment)\b", re.IGNORECASE)


def without_now(question: str) -> str:
    """A post's holder question without its "now": the holder is asked of now anyway, and "Who is the
    Speaker of the House now?" as of Oct 28 found, for its "now", no story of McCarthy's ouster and
    led with May's "House Speaker Kevin McCarthy" (a probe's); asked without it, the ouster's
    stories are found and the holder named before them is passed over."""
    return NOW.sub("", question).strip()


def _reading_notice(found: Retrieval) -> str | None:
    """How a follow-up was read, for an answer and a decline alike; none for what asks nothing
    ("help" in a chat is no follow-up about anything)."""
    if asks_nothing(found.question) or found.pasted:  # the pasted article's Sources line says what was read
        return None
    if found.subject:
        return f"Read as a follow-up about {', '.join(found.subject)}."
    if found.query != found.question:
        # Words carried after the question are named as what it was read about, not shown as a
        # question: "Read with the conversation as “and the company's ceo? Rear Admiral John
        # Mauger …”" (a Discord probe's).
        carried = found.query.removeprefix(found.question)
        if carried != found.query and carried.strip():
            return f"Read as a follow-up about {carried.strip()}."
        return f"Read with the conversation as “{found.query}”."
    return None


def result_headlines_for(question: str) -> Callable[[str, set[str]], float]:
    """How fully a headline reports the result a "who won" question asks for (reports_result): the
    share of the question's names it holds, when the question names the contest. "Republicans win
    Mississippi governor race" is no result of "Who won the Kentucky governor race?", and "Nobel
    Peace Prize won by …" only two thirds of one for "Who won the 2023 Nobel Prize in Literature?",
    which it had answered. Typed without capitals ("nobel peace prize 2023 winner"), the question's
    words other than a result's and a year stand for its names."""
    names = question_names(question)

    def reports(title: str, asked: set[str]) -> float:
        if not reports_result(title, asked):
            return 0.0
        contest = names or {term for term in asked - RESULT_TERMS if not term.isdigit()}
        return len(contest & with_name_parts(content_terms(title))) / len(contest) if contest else 1.0

    return reports


def event_headlines(title: str, asked: set[str]) -> float:
    """Whether a headline tells that what a "when did …" question asks about happened (reports_event)."""
    return float(reports_event(title, asked))


def figure_headlines_for(question: str) -> Callable[[str, set[str]], float]:
    """Whether a headline reports the figure a "how many" question asks for (reports_figure), of the
    story it names when it names one. A toll must be told as one ("Death toll rises to 93"): a
    disaster's headlines carry other numbers ("130+ hours after Turkey, Syria earthquake, rescues
    continue"). Other figures are taken as they come: requiring what is counted beside them lost
    "Fox News reaches $787.5M settlement" for how much Fox paid to settle."""
    deaths = counted_thing(question) == DEATHS
    names = question_names(question)

    def reports(title: str, asked: set[str]) -> float:
        if not reports_figure(title, asked) or (names and not names & with_name_parts(content_terms(title))):
            return 0.0
        return float(not deaths or tells_count(title, DEATHS))

    return reports


def _latest_result_asked(found: Retrieval) -> bool:
    """The question asks who won the contest's latest edition: not of a whole past year ("Who
    won the Super Bowl in 2022?", whose searched text has lost its year). Quoting still takes a
    past year's question as asking for the latest result of its passages: taken as history, it
    had led "Who won the World Series in 2022?" with a 1996 line of "This Date in Baseball" (a
    review's)."""
    return _past_year_asked(found) is None and asks_latest_result(found.searched_text, found.as_of.year)


def _past_year_asked(found: Retrieval) -> int | None:
    """The year the question's period is, all of it, when before the as-of day's year ("in 2022",
    "last year")."""
    span = found.time_range
    if span is not None and _whole_year(span) and span.start.year < found.as_of.year:
        return span.start.year
    return None


def _whole_year(time_range: TimeRange) -> bool:
    """The period is one calendar year, all of it."""
    start, end = time_range.start, time_range.end
    return (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year


def url_words(url: str | None) -> str:
    """The words of an address's path ("/story/sports/2023/09/03/max-verstappen-wins/51737773/" ->
    "story sports 2023 09 03 max verstappen wins 51737773")."""
    try:
        path = urlsplit(url).path if url else ""
    except ValueError:  # "http://[oops/…": ingest keeps such an address, as it was given
        return ""
    return " ".join(re.split(r"[/_.-]+", path)).strip()


def _in_window(passage: Passage, window: DateWindow) -> bool:
    return passage.published is not None and (window.start is None or window.start <= passage.published <= window.end)


def writes_year(passage: Passage, year: int) -> bool:
    """The passage (or its title) writes the year, or, published the year after, "last year"."""
    text = f"{passage.title} {passage.text}"
    if re.search(rf"\b{year}\b", text):
        return True
    return bool(passage.published and passage.published.year == year + 1 and LAST_YEAR.search(text))


def _window(time_range: TimeRange | None, as_of: date) -> DateWindow:
    if time_range is None:
        return DateWindow(None, as_of)
    length = (time_range.end - time_range.start).days + 1
    after = COVERAGE_DAYS
    if length <= COVERAGE_LONGEST_PERIOD_DAYS and not YEAR.search(time_range.matched):
        after = max(COVERAGE_DAYS, length // 2)
    end = time_range.end + timedelta(days=after)
    if end.weekday() == SUNDAY:
        # On over the weekend to the Monday, whose papers report Friday's news: a quiz's "on
        # Friday", asked on the Monday, had left out that day's report of Friday's FDA alert.
        end += timedelta(days=1)
    return DateWindow(time_range.start, min(as_of, end))


# Names of the question that no quoted article writes, from which the answer is declined: one is
# told of (a real question may name what its articles write otherwise, "Minnesota" of "the Twins"),
# two are another story. They are words (bot/mentions.py): a person whose first name and surname
# are both missing is two ("Joe", "Biden"). A quiz's made-up "Why did Taylor Swift cancel her Eras Tour concerts in
# Chicago this week?" had been answered with a Dodgers box score, told never to mention “Swift”,
# “Tour”; of the dev questions' answers so told, none held the answer.
UNMENTIONED_DECLINES = 2

# A reason naming a word no article holds: "no article mentions “Riverside Jazz”", "no article found
# mentions “capsule”, “time”" (the first word is looked for).
NOT_MENTIONED = re.compile(r"no article (?:found )?mentions “(?P<words>[^”]+)”")


def _closest_articles(passages: Sequence[Passage], limit: int) -> list[Passage]:
    seen: set[str] = set()
    closest = []
    for passage in passages:
        if passage.article_id not in seen:
            seen.add(passage.article_id)
            closest.append(passage)
    return closest[:limit]


def _as_citation(passage: Passage) -> Citation:
    return Citation(0, passage.article_id, passage.title, passage.source, passage.url, passage.published, "")


def _gives_toll(text: str) -> bool:
    """A sentence of the text gives a death toll (see tells_count)."""
    return any(tells_count(text[start:end], DEATHS) for start, end in sentence_spans(text))


def _tolls_at_scale(passage: Passage, scale: float) -> bool:
    """The passage gives a death toll, at least `scale` dead when that is more than none."""
    return _gives_toll(passage.text) and (scale <= 0 or _largest_toll(passage) >= scale)


def _largest_toll(passage: Passage) -> float:
    """The largest count of dead a sentence of the passage gives (see death_count), but for one
    naming an earlier year than the article's: "since a 1939 earthquake killed some 30,000" and a
    timeline's "2014: … 2,251 Palestinians" are history, not the day's toll (a review's)."""
    sentences = [passage.text[start:end] for start, end in sentence_spans(passage.text)]
    return max((death_count(s) for s in sentences if not history_told(s, passage.published)), default=0.0)


def _names_only_periods(found: Retrieval) -> bool:
    """The query names nothing but its period, or one after as_of that was never searched (see
    names_no_subject): "What happened on March 10?" asked on March 5 asks of nothing (a probe's
    had been answered with March Madness in 2017 and a concert of March 10, 2020)."""
    text = strip_time_expression(found.query, found.time_range)
    return names_no_subject(text.replace(found.beyond_as_of, " ") if found.beyond_as_of else text)


# "What's the latest news?": the days it lists the main stories of, and the words asking for news.
LATEST_NEWS_DAYS = 2
# Only the news asked for, whole: not "Why is news important?" nor "Any stories about him?" (a review's).
NEWS_ASKED = re.compile(
    r"\W*(?:(?:so|ok|okay|hey|hi|hello)\W+)?(?:"
    r"what(?:['’]?s|\s+is|\s+are)\s+(?:the|today['’]?s)\s+(?:(?:latest|newest|top|main|big(?:gest)?)\s+)?"
    r"(?:news|headlines|stories)"
    r"|what(?:['’]?s|\s+are)\s+(?:(?:the\s+)?(?:latest|newest|top|main|big(?:gest)?)\s+)(?:news|headlines|stories)"
    r"|what(?:['’]?s|\s+is)\s+(?:new|the\s+latest|in\s+the\s+news|happening|going\s+on)(?:\s+in\s+the\s+world)?"
    r"|(?:is\s+there\s+)?any\s+(?:new\s+|big\s+|breaking\s+)?(?:news|updates|headlines)"
    r"|(?:give|tell|show)\s+me\s+(?:the\s+|today['’]?s\s+)(?:latest\s+)?(?:news|headlines)"
    r"|(?:(?:the|today['’]?s)\s+)?(?:(?:latest|top|breaking)\s+)?(?:news|headlines|stories)"
    r")(?:\s+(?:today|now|please|this\s+morning))?\W*",
    re.IGNORECASE,
)
# How far before a period just begun its news is read (see just_begun).
JUST_BEGUN_LOOKBACK_DAYS = 28
# Verbs that tell, in the past, of what was to come: "What did the Fed project for rates in 2024?"
# asks what was said then, not what happened (a review's).
TELLS_AHEAD = re.compile(
    r"\b(?:project|predict|forecast|expect|estimate|plan|say|announce|propose|promise|pledge|warn|vow|"
    # "announced", "scheduled" (a review's: only "announce" and "announces" had been read).
    r"schedule|budget|anticipate|target|aim|hope|intend)(?:s|d|ed|ing)?\b|\b(?:said|told|set|planned)\b"
    # Chosen already for then: a quiz's "Which city was selected over Madrid for the NFL's first
    # regular-season game in Brazil in 2024?" (as of Dec 2023) had been declined. Not "Who was
    # chosen as Person of the Year in 2025?", chosen then (a review's).
    r"|\b(?:selected|picked|chosen)\b(?=[^?.!]*?\b(?:for|to\s+(?:host|hold|stage|play)))",
    re.IGNORECASE,
)
# A title a search result cut short after a capitalised word: most often inside a name.
CUT_AT_NAME = re.compile(r"\s(?P<word>[A-Z][\w'’]*[a-z][\w'’]*)\s*(?:\.\.\.|…)$")
# The words that ask only what a pasted address's article says.
PASTED_WORDS = content_terms("what does this article story page link say says tell about summarize summary read here")
MONTH_NAMES = "|".join(calendar.month_name[1:])  # as a pattern's alternatives (see happened_later)
# A contest named by its year first: "the 2024 World Series", "2024 Oscars".
CONTEST_YEAR = re.compile(r"(?:the\s+)?((?:19|20)\d\d)\s+[A-Z]")


def _pasted_unread(article: Passage, as_of: date, filters: Filters) -> str | None:
    """Why a pasted address's article may not be read, or None: no answer uses an article published
    after as_of (an undated one only as of today), nor one outside the outlets or days asked for."""
    if article.published is None and date.today() > as_of:
        return f"the article at that address is undated, so it is read only as of today, not as of {as_of}"
    if article.published is not None and article.published > as_of:
        return f"the article at that address was published on {article.published}, after {as_of}"
    if filters.outlets and article.source not in filters.outlets:
        return f"the article at that address is from {article.source}, not {', '.join(sorted(filters.outlets))}"
    if (filters.start or filters.end) and not _in_window(article, DateWindow(filters.start, filters.end or date.max)):
        day = f"published on {article.published}" if article.published else "undated"
        return f"the article at that address is {day}, outside the days asked for"
    return None


def happened_later(beyond: str | None, question: str, last: date) -> bool:
    """The question asks, in the past tense, what happened in or on a day of a year after the
    articles' last day ("Who was sworn in in January 2025?"); `beyond` is its period after as_of,
    as written. Not a year naming the subject ("the 2024 debates", "a game for 2024"), nor a day
    without its year ("Which presidents died on July 4?" asked in June is history)."""
    if not beyond or not asks_what_happened(question) or TELLS_AHEAD.search(question):
        return False
    for year in YEAR.findall(beyond):
        when = rf"\b(?:in|on|during)\s+(?:[A-Za-z]+\.?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?{year}\b"
        # A month and its year before what took place then are a day's: a quiz's "What did the
        # Federal Reserve decide at its January 2024 meeting?" (as of Dec 2023) quoted a 2022
        # preview. Not a deadline or a date set ("to fund the government through January 2024",
        # "to avert a January 2024 shutdown", "ruled on the March 2024 trial date": a review's).
        # Or after whose it is, as what happened there ("the outcome of the Fed's January 2024
        # meeting", a review's; not "delay Trump's March 2024 trial", "pick for the DNC's August
        # 2024 convention", "signal about the Fed's March 2024 meeting": a second review's).
        dated = (
            rf"(?:\b(?i:at|in|during|on)\s+(?:the|its|their|his|her)\s+"
            r"|(?<!ahead\s)(?<!because\s)(?<!instead\s)\b(?i:of|at|in|during)\s+(?:the\s+)?"
            r"(?:[A-Z][\w.]*\s+){0,2}[A-Z][\w.]*['’]s\s+)"
            rf"(?:{MONTH_NAMES})\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?"
            rf"{year}\b(?!\s+(?:trial\s+)?(?:date|deadline|target|goal)s?\b)"
        )
        if int(year) > last.year and (re.search(when, question, re.IGNORECASE) or re.search(dated, question)):
            return True
    return False


def _contest_of_a_later_year(found: Retrieval) -> str | None:
    """The year in the name of the contest the question asks who won, when it is after the last day
    the articles can tell of: no article by then can tell its result."""
    asked = contest_asked(found.searched_text)
    last = found.archive_ends or found.as_of
    # Only a year naming the contest ("the 2024 World Series"): "won the bid to host the 2030 World
    # Cup" or "the most nominations for 2024" asks of something decided already (a review's).
    named = CONTEST_YEAR.match(asked[0]) if asked is not None else None
    return named.group(1) if named is not None and int(named.group(1)) > last.year else None


def _year_of_no_passage(found: Retrieval) -> str | None:
    """The year a period names ("in March 2019") when nothing was found inside it and the reporting
    after it, read on to as_of, neither writes that year nor was published in it: that reporting is
    of other years. A probe's "What was the Fed's rate decision in March 2019?" as of June 2023 had
    been answered with May 2023's decision."""
    if not found.widened or found.time_range is None:
        return None
    passages = found.period_passages
    for year in YEAR.findall(found.time_range.matched):
        if not any(year in f"{p.title} {p.text}" or (p.published and str(p.published.year) == year) for p in passages):
            return str(year)
    return None


# How many days before today (or yesterday) are read when nothing that day answers (see
# AnswerService._search): an event of the day is previewed in the days before it.
PREVIEW_DAYS = 3
# A question asked in the past tense ("What did Netanyahu say today?") asks what was reported, not
# what was previewed: it is read from the day alone.
ASKED_IN_THE_PAST = re.compile(r"\b(?:did|was|were|had|happened)\b", re.IGNORECASE)
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept?", "Oct", "Nov", "Dec")


# A sentence telling of what is to come: "will return to Israel on Monday", "is set to", "scheduled".
TO_COME = re.compile(r"\b(?:will|set to|scheduled|expected to|plans? to|is to|are to|to be held|upcoming)\b", re.I)


def names_the_day(text: str, day: date) -> bool:
    """A sentence of the text tells of the day to come, by its weekday ("will return to Israel on
    Monday") or its date ("Oct. 2", "October 2"), as a preview published in the days before it does;
    not "last Thursday" or "said Saturday", of the week before (a review's)."""
    month = f"(?:{day.strftime('%B')}|{MONTH_ABBREVIATIONS[day.month - 1]}\\.?)"
    named = re.compile(rf"(?<!last )\b(?:{day.strftime('%A')}|{month}\s+{day.day}(?!\d))\b")
    return any(
        named.search(sentence) and TO_COME.search(sentence)
        for sentence in (text[start:end] for start, end in sentence_spans(text))
    )


# How many days before a short period with no article up to as_of are read instead (see
# AnswerService._search): a week, so a weekend or a holiday is bridged.
EARLIER_DAYS = 7
