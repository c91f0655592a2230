"""Coverage gaps: the questions Newsdesk declined, or whose answer got 👎, grouped by topic, for admins
deciding what to ingest next.

Questions are grouped by the meaning of their content words: the static embeddings of "Who won the
Super Bowl?" and "Who won the election?" are close because of "who won", those of "super bowl won"
and "election won" are not. Average-linkage clustering under a cosine distance threshold, so the
order of the log does not change the groups. A group is "covered" once most of its questions,
asked again as of the day they were asked about, get an answer: the articles that fill the gap
have been ingested since.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from bot.answer import AnswerService
from bot.followup import Turn, asked_of_another, carry_entities
from bot.review_log import ReviewEntry, ReviewLog
from newsdesk.dates import iso_or_none
from newsdesk.errors import NewsdeskError
from newsdesk.providers import Embedder
from newsdesk.text import content_terms

# Questions closer than this (cosine distance, 1 - cosine, of their content words) share a topic.
# Paraphrases sit at 0.15-0.46 ("Who won the Super Bowl?" / "Super Bowl score?" 0.15, "new CEO of
# Twitter" / "who runs Twitter" 0.46), unrelated questions above 0.7 (tests/bot/test_gaps.py).
GROUP_DISTANCE = 0.5
NO_GAPS = "No gaps: Newsdesk has declined no question, and no answer got a 👎."
# Re-asking costs a retrieval each: a group is judged on its newest few distinct questions.
RECHECK_PER_GROUP = 5


@dataclass(frozen=True)
class GapQuestion:
    question: str
    asked_at: str  # ISO time it was asked (UTC)
    as_of: date | None

    def as_json(self) -> dict[str, Any]:
        return {"question": self.question, "asked_at": self.asked_at, "as_of": iso_or_none(self.as_of)}


@dataclass(frozen=True)
class GapGroup:
    """Questions about one topic the index did not answer well (oldest first)."""

    questions: tuple[GapQuestion, ...]
    covered: bool

    @property
    def size(self) -> int:
        return len(self.questions)

    def as_json(self) -> dict[str, Any]:
        return {"size": self.size, "covered": self.covered, "questions": [q.as_json() for q in self.questions]}

    def asked(self) -> list[tuple[GapQuestion, int]]:
        """Each distinct question (the same words as of the same day), newest ask first, with how
        often it was asked: a probe's list showed one question once per ask."""
        counts: dict[tuple[str, date | None], int] = {}
        newest: dict[tuple[str, date | None], GapQuestion] = {}
        for question in reversed(self.questions):
            key = (" ".join(question.question.lower().split()).rstrip("?!. "), question.as_of)
            counts[key] = counts.get(key, 0) + 1
            newest.setdefault(key, question)
        return [(newest[key], counts[key]) for key in newest]


def find_gaps(review_log: ReviewLog, answers: AnswerService, guild_id: int | None = None) -> list[GapGroup]:
    """The declined or 👎'd questions of the log (with `guild_id`, of that server only), grouped by
    topic: open gaps first, biggest first."""
    entries = review_log.unanswered(guild_id)
    if not entries:
        return []
    turns = answers.settings.discord.history_turns
    # Each question's conversation, read once: for grouping and for asking it again.
    histories = {e.id: review_log.history_before(e, turns) for e in entries}
    # A follow-up is grouped by what it asked in its conversation: "What did they say about it?"
    # alone is no topic, and it was listed as one of its own.
    topics = [read_in_conversation(e, histories[e.id]) for e in entries]
    groups = []
    for members in group_by_topic(topics, answers.embed_model):
        chosen = [entries[i] for i in members]
        questions = tuple(GapQuestion(e.question, e.created_at, e.as_of) for e in chosen)
        groups.append(GapGroup(questions, covered=is_covered(chosen, answers, histories)))
    # Stable sort: among equals the group asked about first stays first.
    return sorted(groups, key=lambda g: (g.covered, -g.size))


def read_in_conversation(entry: ReviewEntry, history: Sequence[Turn]) -> str:
    """The question as it reads in its conversation, without a language model's cost: "What about
    Ukraine?" after "What is happening in Gaza?" is "What is happening in Ukraine?", and "What did
    he say there?" after the Ramallah question carries Blinken and Ramallah."""
    if not history:
        return entry.question
    return asked_of_another(entry.question, history) or carry_entities(entry.question, history, as_of=entry.as_of)


def group_by_topic(
    questions: Sequence[str], embed_model: Embedder, distance: float = GROUP_DISTANCE
) -> list[list[int]]:
    """Indices of the questions, grouped by topic; groups in order of their first question."""
    if len(questions) == 1:
        return [[0]]
    # Content words only: "who", "what", "did" say nothing about the topic but weigh in an embedding.
    texts = [" ".join(sorted(content_terms(q))) or q for q in questions]
    vectors = np.asarray(embed_model.embed_texts(texts), dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.where(norms == 0, 1, norms)  # (a text of unknown words embeds as zeros)
    distances = np.clip(1 - vectors @ vectors.T, 0, 2)
    np.fill_diagonal(distances, 0)

    from sklearn.cluster import AgglomerativeClustering  # a second of import, only when there is work

    labels = AgglomerativeClustering(
        n_clusters=None, distance_threshold=distance, metric="precomputed", linkage="average"
    ).fit_predict(distances)
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    return list(groups.values())


def is_covered(entries: Sequence[ReviewEntry], answers: AnswerService, histories: Mapping[int, Sequence[Turn]]) -> bool:
    """True when most of the group's newest distinct questions are now answered."""
    distinct: dict[tuple[str, date | None], ReviewEntry] = {}
    for entry in reversed(entries):  # newest first
        distinct.setdefault((" ".join(entry.question.lower().split()), entry.as_of), entry)
    checked = list(distinct.values())[:RECHECK_PER_GROUP]
    answered = sum(now_answered(entry, answers, histories[entry.id]) for entry in checked)
    return answered * 2 > len(checked)


def now_answered(entry: ReviewEntry, answers: AnswerService, history: Sequence[Turn] = ()) -> bool:
    """Asked again as of its day, in the conversation it was asked in (`history`: "What about a
    week later?" alone asks nothing) and with the dates and outlets it was narrowed to, is the
    question answered now? Extractive only: whether to abstain is decided before any language
    model runs, and a coverage check should not cost one."""
    try:
        # Outlets as the index names them now ("cnn" logged before cnn.com's first article).
        filters = answers.make_filters(entry.filters.start, entry.filters.end, entry.filters.outlets)
        answer = answers.extractive(answers.retrieve(entry.question, entry.as_of, history, filters))
    except NewsdeskError:
        return False
    if answer.abstained:
        return False
    if entry.abstained:
        return True
    # A 👎'd answer given again from the same articles is no better: it counts as answered once it
    # cites an article the disliked answer did not.
    before = {c.article_id for c in entry.citations}
    return any(c.article_id not in before for c in answer.citations)
