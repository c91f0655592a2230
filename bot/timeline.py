"""Timelines: what the indexed articles report about a topic, one dated and cited line per day, oldest first.

No language model. Passages are retrieved for the topic over slices of the date range (so one busy
day cannot crowd out the rest), syndicated copies are merged into the earliest, and each day gets the
sentence of its articles that best matches the topic, quoted verbatim and cited. A sentence that only
repeats an earlier day's line is passed over, so each event appears once, on the day it was first
reported.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np

from bot.acronyms import writes_acronym
from bot.answer import MAX_QUESTION_CHARS, NO_FILTERS, AnswerService, Filters
from bot.answertype import DAYS_AND_MONTHS
from bot.citations import citation_as_json, citation_for
from bot.extractive import Candidate, candidates
from bot.recase import recase, typed_without_capitals
from bot.respell import respell, respelling_notice
from bot.retrieve import collapse_near_duplicates, near_duplicate
from bot.timeexpr import names_a_holiday, no_such_day, resolve_topic_time_range, strip_time_expression
from newsdesk.errors import InputError
from newsdesk.models import Citation, Passage
from newsdesk.text import content_terms, ends_with_abbreviation, stopwords, typed_text, words

MAX_TOPIC_CHARS = MAX_QUESTION_CHARS  # a topic is searched as a question is
# The range is first searched in this many slices; a slice whose every passage is on topic may
# hold more than one search returns, so it is split in two and searched again, up to the budget.
FIRST_SLICES = 12
MAX_RETRIEVALS = 48
# A passage or sentence is on topic when it holds at least this share of the topic's content
# words (both of two: "elections in France" is not about "elections in Libya"), or its embedding
# is this close to the topic's (cosine). Words matter because a static
# embedding of a long passage barely moves for one name in it; unrelated passages of the samples
# sit below 0.3 ("weather in Paris" 0.25), on-topic ones without the words above 0.4.
MIN_TERM_SHARE = 0.6
MIN_COSINE = 0.45
# A capitalised word of a name ("Valley", "O'Neill", "Biden's"); "SVB" too.
NAME_WORD = re.compile(r"[A-Z][\w'’-]*")
# Word trigrams a sentence shares with an earlier line, beyond which it repeats that line.
REPEATS = 0.6
# Quotation marks and brackets a sentence may open with, before its first word.
OPENING_MARKS = "\"“‘'(["
# A word starting or ending another with this many letters or more is the same word to
# _of_the_story: "indict" and "indictment", "blaze" and "ablaze".
SAME_PART = 5
# An article's opening sentence says what happened; later ones are more often background.
LEAD_BONUS = 0.2


@dataclass(frozen=True)
class TimelineEntry:
    """One day of a timeline: the quoted sentence with its `[n]` marker, and its citation."""

    day: date
    text: str
    citations: tuple[Citation, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "text": self.text,
            "citations": [citation_as_json(c) for c in self.citations],
        }


@dataclass(frozen=True)
class Timeline:
    """A topic's timeline over a range of published dates (entries oldest first)."""

    topic: str
    start: date | None  # None when the index holds no dated article
    end: date
    entries: tuple[TimelineEntry, ...]
    filters: Filters = NO_FILTERS
    help: str = ""  # when there are no entries: the outlets and dates the index does hold
    # More passages on the topic than the searches read (MAX_RETRIEVALS): its days are a sample.
    partial: bool = False
    # (typed, as the articles write it): words of the topic read otherwise ("sub" as "submarine")
    respelled: tuple[tuple[str, str], ...] = ()

    @property
    def citations(self) -> list[Citation]:
        """Every article cited, once, by number."""
        seen: dict[int, Citation] = {}
        for entry in self.entries:
            for citation in entry.citations:
                seen.setdefault(citation.n, citation)
        return [seen[n] for n in sorted(seen)]

    @property
    def label(self) -> str:
        """The range searched, as shown under a timeline: "published 2023-01-26 to 2023-01-31; from cnn.com"."""
        since = f"{self.start.isoformat()} to" if self.start else "up to"
        parts = [f"published {since} {self.end.isoformat()}"]
        if self.filters.outlets:
            parts.append("from " + ", ".join(self.filters.outlets))
        return "; ".join(parts)

    @property
    def empty_text(self) -> str:
        """What to say when nothing was found, naming what the index does hold."""
        text = f"The indexed articles have nothing on “{self.topic}” ({self.label})."
        return f"{text} {self.help}" if self.help else text

    @property
    def notice(self) -> str | None:
        """What to say of the timeline besides its lines: why it is empty, or that it is a sample."""
        if not self.entries:
            return self.empty_text
        # Said as `ask` says it: a probe's "Titan sub" was shown as "Titan submarine" without a word.
        notes = [respelling_notice(self.respelled)]
        if self.partial:
            # A probe's "Trump" had 65 lines over ten years, none after September, and no word of it.
            notes.append(
                f"The articles report on “{self.topic}” on more days than one timeline reads: these are some "
                # Both the CLI's --from/--to and Discord's from/to options (a Discord probe's).
                "of them. Give a start and an end date (from, to) or a period in the topic for all of a stretch."
            )
        return " ".join(note for note in notes if note) or None

    def as_json(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "date_range": [self.start.isoformat(), self.end.isoformat()] if self.start else None,
            "entries": [entry.as_json() for entry in self.entries],
            # What the text says of an empty timeline: a script can tell a mistyped outlet, or dates
            # the index does not hold, from a topic no article reports (a probe's).
            "notice": self.notice,
        }


def build_timeline(
    answers: AnswerService, topic: str, as_of: date | None = None, filters: Filters = NO_FILTERS
) -> Timeline:
    """The timeline of `topic` in the articles published inside `filters` and up to `as_of` (today)."""
    topic = typed_text(topic)
    if len(topic) > MAX_TOPIC_CHARS:
        raise InputError(f"That topic is too long ({len(topic)} characters; the limit is {MAX_TOPIC_CHARS}).")
    as_of = as_of or date.today()
    # A day no calendar has is read as no period at all, so it would be searched for as words
    # over the whole archive: say what is wrong instead. (A period after as_of is searched like
    # that on purpose: "the March 1 deadline" has its coverage before it.)
    impossible = no_such_day(topic)
    if impossible:
        raise InputError(f"There is no {impossible}.")
    # "Hamlin last week": the period narrows the range, and the rest is the topic.
    period = resolve_topic_time_range(topic, as_of)
    # The holiday is the topic: "timeline Thanksgiving" had been "Give a topic" (an edge-case
    # tester's), its name read as this year's day and nothing left. Searched "about" it, which
    # the searches read as no day (bot/timeexpr.py).
    holiday = names_a_holiday(topic)
    if holiday:
        period = None
    topic = strip_time_expression(topic, period)
    if not content_terms(topic):
        raise InputError("Give a topic, e.g. “Blinken's visit to Israel”.")
    answers.store.sync()  # another process may have ingested since
    first, last = answers.store.date_span(filters.outlets)  # of the outlets asked for, if any
    start = max(filter(None, (filters.start, period.start if period else None)), default=first)
    end = min(filters.end or as_of, period.end if period else as_of, as_of)
    filters.check_starts_by(as_of)
    if start is not None and start > end:
        if period and filters.active:
            raise InputError(
                f"The topic's period and the dates given do not meet: from {start.isoformat()} to {end.isoformat()}."
            )
        start = None  # the articles start after the as-of day: nothing to show, and the help says when
    # Nothing found within the archive's dates says so up to its last article, not up to today.
    shown_end = min(end, last) if last is not None and start is not None and start <= last else end
    help_text = answers.filter_help(filters, as_of)
    if start is not None and period is None and not filters.active and last is not None and last <= as_of:
        # The whole archive was searched, and the label says its dates: the help would say them
        # again ("(published 1993-10-10 to 2023-12-18). The indexed articles were published from
        # 1993-10-10 to 2023-12-18.", a probe's).
        help_text = ""
    asked = topic  # as typed: the empty timeline names it so, respelled below or not

    def nothing() -> Timeline:
        """The empty timeline. A topic only an undated article, or one dated after today, writes is
        said to be there: `ask` says so in its reason, and the timeline had said only "nothing on"
        it (an edge-case tester's). Searched for only when nothing else was found."""
        hidden = answers.held_outside_the_days(asked, as_of, filters.outlets)
        told = f"{hidden[:1].upper()}{hidden[1:]}." if hidden else ""
        return Timeline(asked, start, shown_end, (), filters, " ".join(filter(None, (told, help_text))))

    if first is None or last is None or start is None or start > last or end < first:
        return nothing()
    window = (max(start, first), min(end, last))
    # "mcarthy" is in no article: read as the articles spell it, as `ask` reads it (a probe's
    # timeline had "nothing on “mcarthy”" where `ask` answered with McCarthy).
    read = answers.retrieve(f"about {topic}" if holiday else topic, as_of, filters=Filters(*window, filters.outlets))
    respelled = read.respelled
    topic = respell(topic, dict(respelled)) if respelled else topic
    # Its acronyms as the archive spells them out ("SVB", "Silicon Valley Bank"): either names it.
    # And the acronyms of its names, as the archive writes them: "SVB" for "Silicon Valley Bank".
    spelt = [*read.spelt, *answers.acronyms_of_names(topic, as_of).items()]
    passages, partial = _on_topic_passages(answers, topic, as_of, filters, window, spelt, holiday)
    entries = _entries(answers, topic, passages, spelt)
    if not entries:
        return nothing()
    # The range the articles cover, not up to today: "published 1993-10-10 to 2026-12-02" over an
    # archive that ends in 2023 read as if it had been searched to today (a probe).
    # With no first day asked for (no period, no --from), the timeline starts at its first entry,
    # not at the archive's first article: a probe's read "published 1993-10-10 to …" over 2023 news.
    first_day = window[0] if filters.start is not None or period is not None else entries[0].day
    return Timeline(topic, first_day, window[1], tuple(entries), filters, partial=partial, respelled=tuple(respelled))


# --------------------------------------------------------------------------- finding passages


def _on_topic_passages(
    answers: AnswerService,
    topic: str,
    as_of: date,
    filters: Filters,
    window: tuple[date, date],
    spelt: Sequence[tuple[str, str]] = (),
    holiday: bool = False,
) -> tuple[list[Passage], bool]:
    """The passages on the topic, and whether slices full of it were left unread (the budget of
    MAX_RETRIEVALS spent). `spelt`: the topic's acronyms and what the archive spells them out as
    ("SVB", "Silicon Valley Bank"), either of which names it. `holiday`: the topic is a holiday's
    name, searched "about" it (not as this year's day)."""
    searched = f"about {topic}" if holiday else topic
    top_k = answers.settings.retrieval.top_k
    terms = topic_words(topic)
    # Its names as the archive writes them, when typed without capitals.
    cased = recase(topic, answers.written_form) if typed_without_capitals(topic) else topic
    named = _name_terms(answers, cased)
    # An acronym's long form names it too: "SVB" had 3 days where "Silicon Valley Bank" had 5, the
    # sale among them (an editor's); and the other way round.
    spelt_out = [
        set(content_terms(other))
        for acronym, long in spelt
        for name, other in ((acronym, long), (long, acronym))
        if set(content_terms(name)) & named
    ]
    # Newest first: when the topic fills more slices than are read, those left unread are the
    # oldest (a research probe's "Trump" as of Dec 2023 had 40 of 65 lines from 2013 to 2019, 9 of
    # 2023; now 13). Each slice before any is read closer: read depth first, the newest slices took
    # all the reads, and "Israel Hamas war" lost Oct 7, 8 and 11.
    queue = deque(reversed(split_range(*window, FIRST_SLICES)))
    found: dict[str, Passage] = {}
    said: dict[str, set[str]] = {}  # each article's words, read once
    loose: dict[str, Passage] = {}  # on topic, though their articles lack a word of it
    retrievals = 0
    while queue and retrievals < MAX_RETRIEVALS:
        start, end = queue.popleft()
        slice_filters = Filters(start, end, filters.outlets)
        passages = answers.retrieve(searched, as_of, filters=slice_filters).period_passages
        retrievals += 1
        relevant = [
            p
            for p in passages
            if p.published
            # The headline counts: a probe's "Titanic submarine" had one article so headlined, whose
            # passages say "Titan submersible", and the timeline had nothing on it where `ask` did.
            # Each day's line must still be on topic by its own words or meaning (_entries).
            and (
                p.score >= MIN_COSINE
                or _share(terms, _words_with_other_names(f"{p.title}\n{p.text}", spelt)) >= MIN_TERM_SHARE
            )
            and (not named or _names_it(named, spelt_out, _name_terms_written(f"{p.title}\n{p.text}")))
        ]
        for passage in relevant:
            loose.setdefault(passage.chunk_id, passage)
        relevant = _of_the_story(answers, terms, relevant, said, spelt)
        for passage in relevant:
            found.setdefault(passage.chunk_id, passage)
        if len(relevant) >= top_k and start < end:  # full of the topic: look closer
            queue.extend(reversed(split_range(start, end, 2)))
    # When no article writes every word of the topic ("Türkiye quake"), the closest are read.
    on_topic = _writing_the_name(
        cased,
        (found or loose).values(),
        lambda name: answers.archive_writes(name, as_of),
        answers.store.article_text,
        spelt,
    )
    # A topic of one word that the archive writes as a name ("Fed", "Apple"): the passages that
    # write it so, not the word ("fed up", "dogs fed table scraps" filled half of a probe's "Fed").
    word = cased.strip()
    if len(word.split()) == 1 and word[:1].isupper() and answers.written_form(word.lower()) == word:
        longs = [long for acronym, long in spelt if acronym.lower() == word.lower()]
        on_topic = [p for p in on_topic if any(_writes(p.text, name, any_case=False) for name in [word, *longs])]
    ranked = sorted(on_topic, key=lambda p: p.score, reverse=True)
    # Across slices too: a wire story published again a day later is one event, on its first day.
    return collapse_near_duplicates(ranked, answers.settings.retrieval.dedup_similarity), bool(queue)


def _names_it(named: set[str], spelt_out: Sequence[set[str]], written: set[str]) -> bool:
    """The text writes a name of the topic, or all of another name for it (an acronym's long
    form, or a long name's acronym)."""
    return bool(named & written) or any(long and long <= written for long in spelt_out)


def _of_the_story(
    answers: AnswerService,
    terms: set[str],
    passages: list[Passage],
    said: dict[str, set[str]],
    spelt: Sequence[tuple[str, str]] = (),
) -> list[Passage]:
    """The passages whose articles write every word of the topic, in some form, when it has more
    than one: a story is told with all of them. A probe's "Nashville school
    shooting" over the whole archive had 42 of 44 lines from other stories: Nashville's schools
    closed by a storm in 2020, Uvalde's shooting, a Nashville flight of 2021. A name's other form
    (`spelt`: "SVB", "Silicon Valley Bank") writes its words."""
    if len(terms) < 2:
        return list(passages)
    unread = {p.article_id: p for p in passages if p.article_id not in said}
    for article_id, text in zip(unread, answers.articles_with_heads(list(unread.values())), strict=True):
        said[article_id] = _words_with_other_names(text, spelt)
    return [p for p in passages if all(_says(term, said[p.article_id]) for term in terms)]


def _says(term: str, said: set[str]) -> bool:
    """The word, or one it starts or ends with, or that starts or ends with it, of SAME_PART letters
    or more: "indictment" is "indicted" too, and "wildfire" "fire" is not ("Hamas" is "hama" here,
    the end of "Yokohama")."""
    if term in said:
        return True
    return any(
        min(len(word), len(term)) >= SAME_PART
        and (term.startswith(word) or word.startswith(term) or term.endswith(word) or word.endswith(term))
        for word in said
    )


def _name_terms(answers: AnswerService, topic: str) -> set[str]:
    """The content terms of the topic's capitalised words ("Prigozhin plane crash" -> "prigozhin").
    A passage holding none of them is another story, however close its embedding or its other
    words (a plane crash of 2018), and a name that no passage holds ("Zorblax Quintavian") is no
    topic the articles report on. `topic` is written with its names' capitals (recase)."""
    first = len(topic) - len(topic.lstrip())
    return {
        term
        for match in NAME_WORD.finditer(topic)
        if match.group().lower().rstrip(".") not in DAYS_AND_MONTHS
        # A topic's first word is capitalised whatever it is: no name when the archive mostly
        # writes it in lower case ("Repairs to the bridge"), while "Hamlin's recovery" and a
        # word no article holds ("Quintavian bridge closure") are.
        and (match.start() > first or answers.written_form(match.group().lower()) is not None)
        for term in content_terms(match.group())
    }


def _name_terms_written(text: str) -> set[str]:
    """The text's content terms, a joined word's parts too ("Israel-Hamas" holds "Israel")."""
    return content_terms(text) | content_terms(text.replace("-", " "))


def _writing_the_name(
    topic: str,
    passages: Iterable[Passage],
    archive_writes: Callable[[str], bool] = lambda name: False,
    article_text: Callable[[str], str] = lambda article_id: "",
    spelt: Sequence[tuple[str, str]] = (),
) -> list[Passage]:
    """When a name of several words in the topic ("Silicon Valley Bank") is written by some of the
    passages, with its capitals, the others are kept only when close in meaning and from an
    article that writes it (`article_text`): "Hamlin left the hospital" for "Damar Hamlin" stays,
    and what holds its words apart ("the Silicon Valley of India, … a state bank", "River Valley
    Food Bank") or another of its words' names ("Denny Hamlin", "Palestinians in east Jerusalem"
    for "East Palestine", probes') is another story. What none writes ("Biden Kyiv visit") asks
    nothing. A name no passage writes but the archive does (`archive_writes`) was reported on
    outside these dates or outlets: none of the passages is about it (a probe's timeline up to
    2023-03-01, before the bank failed, was the Silicon Valley of India and a food bank). `topic`
    is written with its names' capitals (recase). A name's acronym (`spelt`: "SVB" for "Silicon
    Valley Bank") writes it."""
    passages = list(passages)
    acronyms: dict[str, list[str]] = {}
    for acronym, long in spelt:
        acronyms.setdefault(long.lower(), []).append(acronym)

    def writes(text: str, phrase: str) -> bool:
        return _writes(text, phrase) or any(
            writes_acronym(text, acronym) for acronym in acronyms.get(phrase.lower(), ())
        )

    texts = [f"{p.title}\n{p.text}" for p in passages]
    # Names the articles write joined ("Israel-Hamas war", "Russia-Ukraine") are two names, not
    # one: a probe's "Israel Hamas war" had nothing, no passage writing "Israel Hamas".
    names = [name for name in topic_names(topic) if not _joined_names(name, texts)]
    # Only names, as the articles write names, with capitals (a headline's say nothing): a topic
    # with a common noun is written many ways ("Maui wildfire", "wildfires on Maui", "the Maui
    # fires"), and taking it as one phrase left 3 days of the Maui fires. The whole topic is a name
    # when they write it so: "silicon valley bank", typed in lower case, as "Silicon Valley Bank".
    whole = [" ".join(topic.split())] if len(topic.split()) > 1 and not _joined_names(topic, texts) else []
    phrases = dict.fromkeys([*names, *whole])
    written = [phrase for phrase in phrases if any(_writes(p.text, _as_name(phrase), any_case=False) for p in passages)]
    if not written and any(archive_writes(_as_name(phrase)) for phrase in names):
        return []
    # Only a phrase the archive writes as one name must be written: "Trump DeSantis", which one
    # passage wrote so ("the Trump DeSantis feud"), had kept a probe's timeline to that one day.
    written = [phrase for phrase in written if archive_writes(_as_name(phrase))]
    kept = []
    articles: dict[str, str] = {}
    for passage, text in zip(passages, texts, strict=True):
        unwritten = [phrase for phrase in written if not writes(text, phrase)]
        if unwritten and passage.score >= MIN_COSINE:
            if passage.article_id not in articles:
                articles[passage.article_id] = f"{passage.title}\n{article_text(passage.article_id)}"
            unwritten = [phrase for phrase in unwritten if not writes(articles[passage.article_id], phrase)]
        if not unwritten:
            kept.append(passage)
    return kept


def _joined_names(name: str, texts: Iterable[str]) -> bool:
    """The texts write the name's words joined by hyphens or slashes ("Israel-Hamas"), at least as
    often as apart ("Israel Hamas")."""
    parts = [re.escape(word) for word in name.split()]
    joined = re.compile(r"(?<![\w-])" + r"\s*[-–/]\s*".join(parts) + r"(?![\w-])")
    apart = re.compile(r"(?<![\w-])" + r"\s+".join(parts) + r"(?![\w-])")
    counts = [(len(joined.findall(text)), len(apart.findall(text))) for text in texts]
    hyphened = sum(count for count, _ in counts)
    return hyphened > 0 and hyphened >= sum(count for _, count in counts)


def _as_name(phrase: str) -> str:
    """The phrase capitalised as a name: "silicon valley bank" -> "Silicon Valley Bank", "bank of
    america" -> "Bank of America"."""
    stop = stopwords()
    return " ".join(w if w.lower() in stop and i else w[:1].upper() + w[1:] for i, w in enumerate(phrase.split()))


def _writes(text: str, phrase: str, any_case: bool = True) -> bool:
    """The text writes the phrase, with any spacing and, by default, in any case ("Silicon Valley
    bank")."""
    pattern = r"\s+".join(re.escape(word) for word in phrase.split())
    return re.search(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE if any_case else 0) is not None


def topic_names(topic: str) -> list[str]:
    """Runs of two or more capitalised words in a topic ("Silicon Valley Bank collapse" ->
    ["Silicon Valley Bank"]); a topic is no sentence, so its first word counts. Not across a
    possessive or punctuation, and no day or month ("Harbor Bridge March")."""
    names: list[list[str]] = []
    last_end = -2
    for match in NAME_WORD.finditer(topic):
        word = match.group()
        if word.lower().rstrip(".") in DAYS_AND_MONTHS:
            last_end = -2
            continue
        if names and match.start() == last_end + 1 and topic[last_end] == " ":
            names[-1].append(word)
        else:
            names.append([word])
        last_end = match.end()
        if word.endswith(("'s", "’s")):
            last_end = -2  # "Biden's Kyiv visit": the possessive ends the name
    return [" ".join(words_).removesuffix("'s").removesuffix("’s") for words_ in names if len(words_) > 1]


def split_range(start: date, end: date, parts: int) -> list[tuple[date, date]]:
    """`start`..`end` (inclusive) cut into at most `parts` consecutive slices of whole days."""
    days = (end - start).days + 1
    size = -(-days // max(parts, 1))  # ceiling division
    slices = []
    while start <= end:
        last = min(start + timedelta(days=size - 1), end)
        slices.append((start, last))
        start = last + timedelta(days=1)
    return slices


def _share(terms: set[str], said: set[str]) -> float:
    """The share of the topic's words among the words a text says."""
    return len(terms & said) / len(terms) if terms else 0.0


def topic_words(text: str) -> set[str]:
    """A text's content words as a timeline matches them: lower case, without a possessive and
    without an inflection's ending ("strikes", "striking" and "strike" are one), but not stemmed.
    Stemmed, "inflation" was "inflatable", "inflated" and "inflator" (Porter's "inflat"): a probe's
    whole-archive inflation timeline was a third bouncy castles, rescue boats and airbags."""
    stop = stopwords()
    # A joined word is its parts too: "Israel-Hamas war" says "Israel" and "Hamas" (a probe's
    # "Israel Hamas war" lost the days whose lines wrote only the joined word).
    said = [part for word in words(text) for part in dict.fromkeys([word, *word.split("-")])]
    return {_uninflected(word) for word in said if word not in stop and len(word) > 1}


def _uninflected(word: str) -> str:
    """The word without "'s", a plural's "s", "-ing" or "-ed", and a final "e" ("striking" and
    "strikes" are "strik"; "inflated" is "inflat", not "inflation")."""
    word = word.replace("’", "'").removesuffix("'s")
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    for ending in ("ing", "ed"):
        if len(word) > len(ending) + 3 and word.endswith(ending):
            word = word[: -len(ending)]
            break
    return word.removesuffix("e") if len(word) > 3 else word


# --------------------------------------------------------------------------- one line per day


def _entries(
    answers: AnswerService, topic: str, passages: Sequence[Passage], spelt: Sequence[tuple[str, str]] = ()
) -> list[TimelineEntry]:
    """A line a day: its best sentence on the topic, as typed or with an acronym written out
    (`spelt`: "SVB" as "Silicon Valley Bank", whose sale's sentences never write "SVB")."""
    by_day: dict[date, list[Passage]] = {}
    for passage in passages:
        assert passage.published is not None  # undated passages were left out
        by_day.setdefault(passage.published, []).append(passage)
    per_day = {day: candidates(sorted(ps, key=lambda p: -p.score)) for day, ps in by_day.items()}
    everything = [c for found in per_day.values() for c in found]
    if not everything:
        return []
    embed = answers.embed_model
    topics = list(dict.fromkeys([topic, *(respell(topic, {acronym: long}) for acronym, long in spelt)]))
    topic_vectors = np.asarray([embed.embed_query(t) for t in topics], dtype=np.float32)
    vectors = np.asarray(embed.embed_texts([c.text for c in everything]), dtype=np.float32)
    cosine = dict(zip((id(c) for c in everything), (vectors @ topic_vectors.T).max(axis=1).tolist(), strict=True))
    terms = topic_words(topic)
    written_out = [topic_words(t) for t in topics]
    said_words = {id(c): _words_with_other_names(c.text, spelt) for c in everything}
    openings = [group[0] for found in per_day.values() for group in _by_passage(found)]
    leads = {id(c) for c in openings if c.passage.position == 0}

    numbers: dict[str, int] = {}
    entries: list[TimelineEntry] = []
    said: list[set[tuple[str, str, str]]] = []
    for day in sorted(per_day):
        ranked = sorted(
            per_day[day], key=lambda c: _score(said_words[id(c)], cosine[id(c)], terms, id(c) in leads), reverse=True
        )
        for candidate in ranked:
            if not _reports(candidate):
                continue
            if not any(
                _on_topic(words, said_words[id(candidate)], cosine[id(candidate)], candidate.passage.title)
                for words in written_out
            ):
                continue
            grams = _trigrams(candidate.text)
            if any(near_duplicate(grams, earlier, REPEATS) for earlier in said):
                continue
            said.append(grams)
            entries.append(_entry(day, candidate, numbers))
            break
    return entries


def _words_with_other_names(text: str, spelt: Sequence[tuple[str, str]]) -> set[str]:
    """The text's topic words, with the words of another name for one it writes: "SVB is the
    first bank to fail since 2020" says "Silicon Valley Bank" (the sentences telling of the day it
    failed write "SVB", and a timeline of "Silicon Valley Bank collapse" had passed the day over)."""
    said = topic_words(text)
    for acronym, long in spelt:
        if writes_acronym(text, acronym):
            said |= topic_words(long)
        if _writes(text, long):
            said |= topic_words(acronym)
    return said


def _on_topic(terms: set[str], said: set[str], cosine: float, title: str) -> bool:
    """A sentence is on topic by its words or its meaning; or, holding half of the topic's words,
    with its headline's: "Rush had familial ties to the Titanic" under "Titanic submarine implosion
    victims: …" is on "Titanic submarine", whose articles write "Titan submersible"."""
    share = _share(terms, said)
    if share >= MIN_TERM_SHARE or cosine >= MIN_COSINE:
        return True
    return share >= 0.5 and _share(terms, said | topic_words(title)) >= MIN_TERM_SHARE


def _reports(candidate: Candidate) -> bool:
    """A line of a timeline says what happened: not a subheading asking it ("What happened to
    Damar Hamlin?", "Want to honor Damar Hamlin?"), nor a photo caption, nor part of a sentence
    whose chunk was cut at an abbreviation ("…, Rep.") or the sentence before it ("still
    unaccounted for after deadly Maui wildfires, mayor says."), a probe's."""
    cut = ends_with_abbreviation(candidate.text) or _opens_mid_sentence(candidate.text)
    return not candidate.asks and not candidate.caption and not cut


# Lower-case words that open a sentence all the same: a name's particle ("de Blasio").
NAME_PARTICLES = frozenset(
    {"de", "del", "della", "di", "da", "van", "von", "der", "la", "le", "al", "el", "bin", "ibn"}
)


def _opens_mid_sentence(text: str) -> bool:
    """The text opens with a lower-case word: the end of a sentence its chunk cut. Not "iPhone 15
    goes on sale", "eBay agreed", "de Blasio endorsed" (a review's)."""
    first = text.lstrip(OPENING_MARKS).split(maxsplit=1)[:1]
    word = first[0] if first else ""
    return word[:1].islower() and word.isalpha() and word.islower() and word not in NAME_PARTICLES


def _trigrams(text: str) -> set[tuple[str, str, str]]:
    found = words(text)
    return {(found[i], found[i + 1], found[i + 2]) for i in range(len(found) - 2)}


def _by_passage(found: Sequence[Candidate]) -> list[list[Candidate]]:
    """The candidates of each passage, in text order (as `candidates` lists them)."""
    groups: dict[str, list[Candidate]] = {}
    for candidate in found:
        groups.setdefault(candidate.passage.chunk_id, []).append(candidate)
    return list(groups.values())


def _score(said: set[str], cosine: float, terms: set[str], lead: bool) -> float:
    return cosine + 0.5 * _share(terms, said) + (LEAD_BONUS if lead else 0.0)


def _entry(day: date, candidate: Candidate, numbers: dict[str, int]) -> TimelineEntry:
    """The day's line; articles are numbered by first use across the whole timeline."""
    article_id = candidate.passage.article_id
    n = numbers.setdefault(article_id, len(numbers) + 1)
    citation = citation_for(n, candidate.passage, candidate.text)
    return TimelineEntry(day, f"“{citation.quote}” [{n}]", (citation,))
