"""Ask one question of Newsdesk and of the baseline, and score what came back."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from baseline import Baseline, BaselineHit
from rtqa import Question
from scoring import ANSWER_WORDS, answer_hit, contains_gold, first_hit_rank, length_fair_hit, normalise

from bot.answer import AnswerService
from bot.citations import quote_is_verbatim
from newsdesk.models import Passage

TOP_K = 10  # passages ranked per question, for recall@1/5/10 and the length-fair figure


@dataclass(frozen=True)
class RankedHit:
    """One ranked passage, as kept in the per-question details."""

    article_id: str
    published: str
    score: float
    holds_gold: bool
    text: str


@dataclass
class RankedResult:
    """How one system ranked passages for one question."""

    rank: int | None  # of the first passage holding the gold answer (1-based)
    length_fair: bool
    # The gold in the first 80 words of the passages joined in rank order: what a reader of the
    # passages alone would see in an answer's length (the baseline for the composed answer).
    lead80: bool
    future: int  # passages published after the as-of date
    hits: list[RankedHit]


@dataclass
class AnswerResult:
    """What `AnswerService.answer` said, and how it scores."""

    text: str
    abstained: bool
    hit: bool  # gold within the first 80 words
    hit40: bool  # gold within the first 40 words
    relevance: float  # best cosine among the passages answer() retrieved
    latency: float  # seconds
    citations: int
    citations_verbatim: int
    gold_in_passages: bool  # the passages answer() composed from hold the gold answer


@dataclass
class QuestionResult:
    """Everything measured for one answerable question."""

    id: str
    as_of: str
    question: str
    gold: list[str]
    time_expression: str | None  # the matched expression, None when the question has none
    window: list[str | None]  # the published-date window Newsdesk searched
    widened: bool  # nothing relevant inside the question's period, so Newsdesk read on to as_of
    gold_articles_by_as_of: int  # ingested articles published by as_of that hold the gold answer
    gold_articles_in_window: int  # … of which inside Newsdesk's date window
    # A search-hit article (one a web search returned for this question, so about its event)
    # published by as_of holds the gold answer: the question is answerable from this corpus.
    gold_in_search_hit: bool
    newsdesk: RankedResult
    answer: AnswerResult
    baselines: dict[str, RankedResult] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


class SliceArticles:
    """The ingested articles' original texts: to check quotes, and to count the articles that
    hold a gold answer (telling retrieval misses from answers the window cannot hold)."""

    def __init__(self, records: list[dict[str, Any]]) -> None:
        self.texts = {record["id"]: record["text"] for record in records}
        self.titles = {record["id"]: record.get("title") or "" for record in records}
        # id -> (published day, normalised text padded with spaces), made once for every count
        self.normalised = {
            record["id"]: (_day(record.get("published")), f" {normalise(record['text'])} ") for record in records
        }

    def any_holds(self, article_ids: Sequence[str], gold: tuple[str, ...], end: date) -> bool:
        """Some of these articles, published by `end` (or undated), holds a gold string."""
        needles = _needles(gold)
        for article_id in article_ids:
            published, text = self.normalised.get(article_id, (None, ""))
            if (published is None or published <= end) and any(needle in text for needle in needles):
                return True
        return False

    def count(self, gold: tuple[str, ...], start: date | None, end: date) -> int:
        """Articles published in start..end holding a gold string (undated ones count when
        there is no start, as Newsdesk's date filter keeps them)."""
        needles = _needles(gold)
        total = 0
        for published, text in self.normalised.values():
            if published is None and start is not None:
                continue
            if published is not None and (published > end or (start is not None and published < start)):
                continue
            total += any(needle in text for needle in needles)
        return total


def _needles(gold: tuple[str, ...]) -> list[str]:
    """Gold strings as `contains_gold` matches them: normalised, whole words."""
    return [f" {g} " for g in map(normalise, gold) if g]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def evaluate_question(
    question: Question,
    wide: AnswerService,
    answers: AnswerService,
    baselines: dict[str, tuple[Baseline, bool]],
    articles: SliceArticles,
) -> QuestionResult:
    """Answer with Newsdesk's own settings, then rank top-10 with Newsdesk and the baselines. The
    answer comes first, so its time is a new question's: timed after the ranking's search of the
    same question, it had been flattered by what that search left in the caches."""
    answer = evaluate_answer(question, answers, articles)
    found = wide.retrieve(question.text, question.as_of)
    window = found.window
    return QuestionResult(
        id=question.id,
        as_of=question.as_of.isoformat(),
        question=question.text,
        gold=list(question.gold),
        time_expression=found.time_range.matched if found.time_range else None,
        window=[window.start.isoformat() if window.start else None, window.end.isoformat()],
        widened=bool(getattr(found, "widened", False)),
        gold_articles_by_as_of=articles.count(question.gold, None, question.as_of),
        gold_articles_in_window=articles.count(question.gold, window.start, window.end),
        gold_in_search_hit=articles.any_holds(question.search_hits, question.gold, question.as_of),
        newsdesk=rank_newsdesk(found.passages[:TOP_K], question),
        answer=answer,
        baselines={
            name: rank_baseline(baseline.retrieve(question.text, TOP_K, question.as_of if dated else None), question)
            for name, (baseline, dated) in baselines.items()
        },
    )


def _ranked(hits: list[RankedHit], question: Question) -> RankedResult:
    texts = [hit.text for hit in hits]
    return RankedResult(
        rank=first_hit_rank(texts, question.gold),
        length_fair=length_fair_hit(texts, question.gold),
        lead80=length_fair_hit(texts, question.gold, budget=ANSWER_WORDS),
        future=sum(1 for hit in hits if hit.published and date.fromisoformat(hit.published) > question.as_of),
        hits=hits,
    )


def rank_newsdesk(passages: list[Passage], question: Question) -> RankedResult:
    return _ranked(
        [
            RankedHit(
                p.article_id,
                p.published.isoformat() if p.published else "",
                round(p.score, 4),
                contains_gold(p.text, question.gold),
                p.text,
            )
            for p in passages
        ],
        question,
    )


def rank_baseline(found: list[BaselineHit], question: Question) -> RankedResult:
    return _ranked(
        [
            RankedHit(h.article_id, h.published, round(h.score, 4), contains_gold(h.text, question.gold), h.text)
            for h in found
        ],
        question,
    )


def evaluate_answer(question: Question, answers: AnswerService, articles: SliceArticles) -> AnswerResult:
    """Time one `answer()` call and check its text and its citations."""
    started = time.perf_counter()
    answer = answers.answer(question.text, question.as_of)
    latency = time.perf_counter() - started
    verbatim = sum(_quote_found(c.quote, c.article_id, articles) for c in answer.citations)
    # answer() does not expose its retrieval: the same call again gives the same passages.
    found = answers.retrieve(question.text, question.as_of)
    return AnswerResult(
        text=answer.text,
        abstained=answer.abstained,
        hit=not answer.abstained and answer_hit(answer.text, question.gold),
        hit40=not answer.abstained and answer_hit(answer.text, question.gold, budget=40),
        relevance=round(found.relevance, 4),
        latency=round(latency, 4),
        citations=len(answer.citations),
        citations_verbatim=verbatim,
        gold_in_passages=any(contains_gold(p.text, question.gold) for p in found.passages),
    )


def _quote_found(quote: str, article_id: str, articles: SliceArticles) -> bool:
    """The quote is the article's own words: in its text, or its headline (the title)."""
    article_text = articles.texts.get(article_id)
    if article_text is None:
        return False
    return quote_is_verbatim(quote, article_text) or quote_is_verbatim(quote, articles.titles[article_id])


@dataclass
class OfftopicResult:
    """One made-up question the articles cannot answer."""

    question: str
    as_of: str
    abstained: bool
    relevance: float
    answer: str


def evaluate_offtopic(text: str, as_of: date, answers: AnswerService) -> OfftopicResult:
    answer = answers.answer(text, as_of)
    relevance = answers.retrieve(text, as_of).relevance
    return OfftopicResult(text, as_of.isoformat(), answer.abstained, round(relevance, 4), answer.text)
