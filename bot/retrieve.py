"""Hybrid, date-aware retrieval: dense (exact cosine over the replica's vectors) + BM25,
fused by reciprocal rank.

Nothing published after `as_of` is ever returned. A time expression in the question
becomes a hard date filter on both sides; without one, a mild recency prior favours recent
articles without excluding older ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar

import numpy as np

from bot.places import DEMONYMS
from bot.shared_trigrams import trigram_counts
from ingest.store import ArticleStore, day_number
from newsdesk.models import Passage
from newsdesk.providers import Embedder
from newsdesk.settings import RetrievalSettings
from newsdesk.text import FIGURE, content_terms, lead_in, stops_mid_sentence, tail_out, without_happening

RECENCY_COSINE_SPAN = 0.2
STORY_COSINE_SPAN = 0.1  # of the best passage's cosine: another report of its story
# Near-duplicate groups formed per passage asked for; more only when one article fills them.
GROUPS_PER_PASSAGE = 2
T = TypeVar("T")


@dataclass(frozen=True)
class DateWindow:
    """The published-date bounds of a search (inclusive); None means open."""

    start: date | None
    end: date


def first_day_searched(window: DateWindow) -> int | None:
    """The window's first day as a day number, for a search. With no start: None (undated
    articles too) as of today, else 1. An undated article (day 0) is only known to exist now: as
    of a past day it may be newer than the asker could have read."""
    if window.start:
        return day_number(window.start)
    return None if window.end >= date.today() else 1


class Retriever:
    """Finds the passages that best match a question inside a date window."""

    def __init__(self, store: ArticleStore, embed_model: Embedder, settings: RetrievalSettings) -> None:
        self.store = store
        self.embed_model = embed_model
        self.settings = settings
        self._newest: dict[tuple[int, tuple[str, ...], date], date | None] = {}  # by index version, outlets, today

    def archive_end(self, end: date, outlets: Sequence[str] = ()) -> date:
        """The day, or the newest day the archive (the outlets' articles) holds when that is
        earlier: asked today of an archive that ends years ago, "recent" is its last weeks."""
        # Today too: the archive's last day leaves out days after it (a mistyped year, or an
        # outlet ahead of UTC dating an article tomorrow), which a long-running bot sees come.
        key = (self.store.replica.version(), tuple(outlets), date.today())
        if key not in self._newest:
            self._newest = {key: self.store.date_span(outlets)[1]}  # one version's at a time
        newest = self._newest[key]
        return min(end, newest) if newest is not None else end

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self.embed_model.embed_query(text), dtype=np.float32)

    def retrieve(
        self,
        query: str,
        window: DateWindow,
        recency: bool = True,
        outlets: Sequence[str] = (),
        slow_recency: bool = False,
        k: int | None = None,
        more_keywords: str = "",
        headline_reports: Callable[[str, set[str]], float] | None = None,
        report_stands: bool = False,
        pool: int | None = None,
        newest_of_story: bool = False,
    ) -> list[Passage]:
        """The top k (default top_k) passages for the query, fused, de-duplicated; score =
        cosine to the query. `more_keywords` are searched for on the keyword side too.
        `headline_reports`: the question asks for the latest result or figure, and a passage whose
        headline reports one (given the headline and the query's terms, how fully, 0 to 1: see
        result_headlines_for) gains as if ranked first once more, times that share, halving by age:
        from the as-of day, or with `report_stands` (a result stands until the next one) from the
        latest headline that reports it. `pool`: candidates taken from each side, if not dense_k
        and lexical_k. `newest_of_story`: the question asks for the latest of its story, and recency
        counts from the story's newest passage (one nearly as close as the best) instead."""
        self.store.sync()  # an article ingested by another process is answerable at once
        min_day = first_day_searched(window)
        max_day = day_number(window.end)
        query_vector = self.embed_query(query)
        dense_k = pool or self.settings.dense_k
        dense = self.store.dense_search(query_vector, dense_k, min_day, max_day, outlets)
        # Keywords only for what the question is about: "happened" would find the stories that
        # use the word most ("What really happened during the first Thanksgiving").
        keywords = " ".join(filter(None, (with_countries(without_happening(query) or query), more_keywords)))
        lexical = self.store.lexical_search(keywords, pool or self.settings.lexical_k, min_day, max_day, outlets)

        cosine = dict(dense)
        for row, _ in lexical:
            if row not in cosine:
                vector = self.store.vector(row)
                cosine[row] = float(np.dot(vector, query_vector)) if vector is not None else 0.0
        fused = reciprocal_rank_fusion(
            [[row for row, _ in dense], [row for row, _ in lexical]],
            [self.settings.dense_weight, self.settings.lexical_weight],
            self.settings.rrf_k,
        )
        by_row = self.store.passages(list(fused), cosine)
        fused = {row: score for row, score in fused.items() if row in by_row}
        if recency:
            prior = self.settings.recency_weight / (self.settings.rrf_k + 1)
            slow = self.settings.recency_slow_weight / (self.settings.rrf_k + 1) if slow_recency else 0.0
            # When the search window holds fewer chunks than the dense side asks for (a small
            # archive), every chunk is a candidate, matching or not: a full bonus would put
            # yesterday's unrelated story above the one that answers. Then the bonus goes in
            # proportion to how close a passage is to the best match.
            everything = len(dense) < dense_k
            best = max(cosine[row] for row in fused) if fused else 0.0
            # From the archive's newest day when it is older: asked with no as-of day, three years
            # after the archive's last, every passage had aged alike and none was preferred.
            newest = self.archive_end(window.end, outlets)
            if newest_of_story:
                # "What is the latest on the Maui fires?" as of Dec 18: every report of August had
                # aged alike from December, and Aug 9's led where Aug 31's told more than 100 dead.
                story = [by_row[row].published for row in fused if cosine[row] >= best - STORY_COSINE_SPAN]
                newest = max((day for day in story if day is not None), default=newest)
            for row in fused:
                published = by_row[row].published
                if published is not None:
                    age = max((newest - published).days, 0)
                    closeness = max(0.0, 1.0 - (best - cosine[row]) / RECENCY_COSINE_SPAN) if everything else 1.0
                    fused[row] += prior * 0.5 ** (age / self.settings.recency_half_life_days) * closeness
                    fused[row] += slow * 0.5 ** (age / self.settings.recency_slow_half_life_days) * closeness
        if headline_reports is not None:
            # "Who won the Masters?" as of Apr 12 had quoted the first round's recap (Apr 6)
            # above "Jon Rahm rallies to win the Masters" (Apr 9): the words are the same, and
            # the dense side ranks previews and results alike. A headline saying who won, or
            # the latest toll, is what a desk reads first.
            asked = content_terms(query)
            bonus = self.settings.lexical_weight / (self.settings.rrf_k + 1)
            reporting: dict[int, tuple[date, float]] = {}  # row: its day, and how fully it reports
            for row in fused:
                published = by_row[row].published
                share = headline_reports(by_row[row].title, asked) if published is not None else 0.0
                if published is not None and share > 0:
                    reporting[row] = (published, share)
            # A result's latest report gains in full (times its share), however long ago it came:
            # "Who won the 2023 Masters?" asked in June had quoted April's previews, the result's
            # bonus having halved away; last year's winner gains less by how much older (aged from
            # the fullest report instead, it had come before this year's). A figure's headline is aged
            # from the as-of day: "The 5 key takeaways" aged from its own day, as the latest figure
            # found, came first for "How many keys does a standard piano have?".
            latest = self.archive_end(window.end, outlets)
            if report_stands and reporting:
                latest = max(day for day, _ in reporting.values())
            for row, (published, share) in reporting.items():
                age = max((latest - published).days, 0)
                fused[row] += bonus * share * 0.5 ** (age / self.settings.recency_half_life_days)
        ranked = [by_row[row] for row in sorted(fused, key=lambda r: fused[r], reverse=True)]
        wanted = k or self.settings.top_k
        # Comparing every candidate with every group costs more than the rest of a search; the
        # first groups are all the answer needs, unless one article fills too many of them.
        for groups in (GROUPS_PER_PASSAGE * wanted, None):
            kept = limit_per_article(
                collapse_near_duplicates(ranked, self.settings.dedup_similarity, groups), self.settings.max_per_article
            )
            if len(kept) >= wanted or groups is None:
                break
        chosen = {(passage.article_id, passage.position) for passage in kept[:wanted]}
        return [self.with_whole_sentences(passage, chosen) for passage in kept[:wanted]]

    def with_whole_sentences(self, passage: Passage, found: AbstractSet[tuple[str, int]] = frozenset()) -> Passage:
        """The passage with the start of the sentence it opens inside of and the end of the one it
        stops inside of, from the chunks either side (Passage.lead, Passage.tail). The chunker ends
        sentences at "Feb." and "Gov.", so a chunk may open or stop mid-sentence, and a quote was a
        fragment ("6 quakes that Turkish officials say killed more than 41,000 people"). A sentence
        running on into a chunk that was found too is left to that one (as its lead): quoted from
        this one, it took this chunk's rank, and a photo caption led an answer."""
        lead = tail = ""
        if passage.position > 0 and not passage.lead:
            previous = self.store.chunk_text(passage.article_id, passage.position - 1)
            lead = lead_in(previous, passage.text) if previous else ""
        following_found = (passage.article_id, passage.position + 1) in found
        if not passage.tail and not following_found and stops_mid_sentence(passage.text):
            following = self.store.chunk_text(passage.article_id, passage.position + 1)
            tail = tail_out(passage.text, following) if following else ""
        return replace(passage, lead=lead or passage.lead, tail=tail or passage.tail) if lead or tail else passage


# A headline telling a result: "Jon Rahm rallies to win the Masters", "Nuggets take home 1st NBA
# title in rugged 94-89 win over Heat", "Chiefs beat Eagles", "… 2023 winner: Jon Fosse", "Oscar
# winners list 2023". Not a preview's "favored to win" or "can win", nor "won't"; not "champion"
# or "victory" alone ("Former Masters champion Tiger Woods withdraws", "on verge of victory").
RESULT_HEADLINE = re.compile(
    r"\b(?:won(?![’']t)|wins|(?<!\bto )(?<!\bwill )(?<!\bcan )(?<!\bcould )(?<!\bwould )(?<!\bmight )(?<!n['’]t )win"
    r"|rall(?:y|ies) to win|beat|beats|defeats?|defeated|crowned|takes? home|winners? list"
    # "Spaniards back home celebrate La Roja winning Women's World Cup"; a streak is no result.
    r"|(?<!\bfor )(?<!\bon )winning(?!\s+(?:streak|run|percentage|record|ways|formula|bid))"
    r")\b"
    r"|\bwinners?:",
    re.IGNORECASE,
)
# A headline that asks or supposes ("Who will be crowned?", "… if LIV golfer wins"), a round on
# the way ("Chiefs beat Bengals to reach Super Bowl"), a viewing guide ("How to watch the Golden
# Globe winners: …"), a draw with no winner, predictions, or a list of past winners ("Super Bowl
# winners: every champion in NFL history"): no report of the event's result.
NO_RESULT_YET = re.compile(
    r"\?|\bif\b|\bto (?:reach|advance)\b|^\W*(?:how|where) to (?:watch|stream)\b|\bno winners?\b|"
    r"\bpredictions?\b|\bevery (?:champion|winner)\b|\bhistory\b|\bsince (?:19|20)\d\d\b|\bby year\b",
    re.IGNORECASE,
)
# Words of a result, which every result's headline and question share: not the event's own.
RESULT_TERMS = content_terms("won wins win winner winners beat defeat victory champion champions title")


def reports_result(title: str, asked: set[str]) -> bool:
    """The headline reports a result, of the event the question names: it holds one of the
    question's words other than a result's ("won")."""
    return (
        RESULT_HEADLINE.search(title) is not None
        and NO_RESULT_YET.search(title) is None
        and bool(content_terms(title) & (asked - RESULT_TERMS))
    )


# A headline that supposes, plans or asks, or a guide: no report that the event happened ("Sweden and
# Finland are on the cusp of joining NATO. Here's why", "Finland and Sweden want to join NATO").
NOT_YET_HAPPENED = re.compile(
    r"\?|\b(?:will|would|could|may|might|if|plans?|planning|set to|closer to|cusp|bid|wants?|hopes?|expected"
    r"|seeks?|seeking|moves? to|steps? toward)\b",
    re.IGNORECASE,
)


def reports_event(title: str, asked: set[str]) -> bool:
    """The headline tells that what a "when did …" question asks about happened: it holds every one
    of the question's words, none of them after "to" ("want to join NATO"), and supposes, plans or
    asks nothing ("on the cusp of joining NATO"). "Finland formally joins NATO" for "When did
    Finland join NATO?", which had quoted 2022's applications (a probe's)."""
    if not asked or NOT_YET_HAPPENED.search(title):
        return False
    written = re.findall(r"[A-Za-z][\w'’-]*", title)
    terms = [content_terms(word) for word in written]
    if not asked <= set().union(*terms):
        return False
    return not any(held & asked and at and written[at - 1].lower() == "to" for at, held in enumerate(terms))


# Words of a count, which any count's headline may share with the question: not what is counted.
COUNT_TERMS = content_terms("many much number people total")


# A year is no figure reported ("Maui fires 2023: what we know").
YEAR_FIGURE = re.compile(r"(?:19|20)\d\d")


def reports_figure(title: str, asked: set[str]) -> bool:
    """The headline holds a figure other than a year ("Maui fires 2023: what we know"), and one of the
    question's words other than a count's ("people"); whether the figure counts what is asked, the
    caller judges (bot/answer.py, figure_headlines_for)."""
    figures = [f for f in FIGURE.findall(title) if not YEAR_FIGURE.fullmatch(f)]
    return bool(figures) and bool(content_terms(title) & (asked - COUNT_TERMS))


def with_countries(text: str) -> str:
    """The text with the country each of its adjectives names ("Turkish election" + "Turkey"): a
    probe's "Who won the Turkish presidential election?" found US elections, the May 15 article
    writing "Turkey's election"."""
    named = [DEMONYMS[word.lower()] for word in re.findall(r"[A-Za-z]+", text) if word.lower() in DEMONYMS]
    return " ".join([text, *dict.fromkeys(named)])


def reciprocal_rank_fusion(rankings: Sequence[Sequence[T]], weights: Sequence[float], k: int) -> dict[T, float]:
    """RRF: each list adds weight / (k + rank) for every id it ranks (rank from 1)."""
    scores: dict[T, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return scores


def near_duplicate(a: AbstractSet[Hashable], b: AbstractSet[Hashable], threshold: float) -> bool:
    """True when most word trigrams of the shorter passage also occur in the other."""
    return mostly_shared(len(a & b), len(a), len(b), threshold)


def mostly_shared(shared: int, size_a: int, size_b: int, threshold: float) -> bool:
    """Of the smaller of two sets, at least `threshold` is in both (near_duplicate, from counts)."""
    smaller = min(size_a, size_b)
    return smaller > 0 and shared / smaller >= threshold


def mostly_shared_pairs(shared: np.ndarray, threshold: float) -> list[list[bool]]:
    """mostly_shared for every pair of texts at once, from their trigram counts (a square matrix,
    each text's own count on the diagonal): asked pair by pair, it had cost a search more than
    the counting."""
    sizes = np.diag(shared)
    smaller = np.minimum.outer(sizes, sizes)
    with np.errstate(divide="ignore", invalid="ignore"):
        return ((smaller > 0) & (shared / smaller >= threshold)).tolist()


def collapse_near_duplicates(
    ranked: Sequence[Passage], threshold: float, max_groups: int | None = None
) -> list[Passage]:
    """Keep one passage per group of near-duplicates (the same wire story in several
    outlets): the earliest published, placed at the group's best rank, naming the other
    outlets that ran it in `also_in`. With `max_groups`, only the first that many groups: a
    later passage still joins one of them, so they are what they would be without the limit."""
    close = mostly_shared_pairs(trigram_counts([passage.text for passage in ranked]), threshold)
    kept: list[Passage] = []
    firsts: list[int] = []  # the index in `ranked` of each kept passage
    for at, passage in enumerate(ranked):
        for index, first in enumerate(firsts):
            if not close[at][first]:
                continue
            # An update that changes a figure ("the toll rose to 31") is news, not a copy.
            if _figures(passage.text) != _figures(kept[index].text):
                continue
            current = kept[index]
            if _earlier(passage, current):
                kept[index] = replace(
                    passage,
                    score=max(passage.score, current.score),
                    also_in=_outlets(passage.source, (current.source, *current.also_in)),
                )
                firsts[index] = at
            else:
                kept[index] = replace(current, also_in=_outlets(current.source, (*current.also_in, passage.source)))
            break
        else:
            if max_groups is None or len(kept) < max_groups:
                kept.append(passage)
                firsts.append(at)
    return kept


def _figures(text: str) -> set[str]:
    return set(FIGURE.findall(text))


def _outlets(own: str | None, others: Sequence[str | None]) -> tuple[str, ...]:
    """The other outlets, each once, in the order they were met, without the passage's own."""
    return tuple(dict.fromkeys(o for o in others if o and o != own))


def _earlier(candidate: Passage, current: Passage) -> bool:
    if candidate.published is None:
        return False
    return current.published is None or candidate.published < current.published


def limit_per_article(ranked: Sequence[Passage], limit: int) -> list[Passage]:
    """At most `limit` passages from any one article, so the top-k covers more sources."""
    counts: dict[str, int] = {}
    kept = []
    for passage in ranked:
        counts[passage.article_id] = counts.get(passage.article_id, 0) + 1
        if counts[passage.article_id] <= limit:
            kept.append(passage)
    return kept
