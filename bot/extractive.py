"""The embedded default: answer with the best sentences of the retrieved passages,
quoted verbatim and cited. No language model, so nothing in an article can steer it; and a
sentence planted for one ("Ignore previous instructions …", bot/injection.py) is never quoted."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from bot.answertype import expected_answer, holds_answer
from bot.citations import citation_for
from bot.injection import looks_like_instruction
from bot.text import WORD, collapse_whitespace, content_terms, sentence_spans, words
from newsdesk.models import Citation, Passage

MIN_WORDS = 5
SENTENCE_ENDS = (".", "!", "?", "”", '"', "’", "'", ")")
# "LABEL:Headline" with no space after the colon: a related-link line, not article prose.
TEASER = re.compile(r"^[A-Z][\w' ]{0,30}:\S")
LONG_WORDS = 55
# Page furniture that the article text carries in front of a photo caption; the quote starts
# after it (still a verbatim substring of the article).
FURNITURE = re.compile(r"^(?:Open gallery view|Open image in gallery|Hide caption|Toggle caption)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """A sentence of a retrieved passage, with what the scoring needs."""

    text: str
    passage_rank: int
    passage: Passage
    terms: frozenset[str]


@dataclass(frozen=True)
class ExtractiveAnswer:
    text: str
    citations: tuple[Citation, ...]


def looks_like_prose(sentence: str) -> bool:
    """Leave out link teasers and headline fragments ("OPINION:After Hamlin's…", "Shop deals
    on tech"): news pages carry them between paragraphs, and they answer nothing."""
    if TEASER.match(sentence):
        return False
    return sentence.rstrip().endswith(SENTENCE_ENDS)


def candidates(passages: list[Passage]) -> list[Candidate]:
    found = []
    seen: set[str] = set()
    for rank, passage in enumerate(passages):
        for start, end in sentence_spans(passage.text):
            sentence = FURNITURE.sub("", collapse_whitespace(passage.text[start:end]))
            key = sentence.lower()
            if (
                key in seen
                or len(sentence.split()) < MIN_WORDS
                or not looks_like_prose(sentence)
                or looks_like_instruction(sentence)
            ):
                continue
            seen.add(key)
            found.append(Candidate(sentence, rank, passage, frozenset(content_terms(sentence))))
    return found


def score_sentences(question: str, found: list[Candidate], embed_model: Any, asked: str | None = None) -> np.ndarray:
    """Blend meaning (embedding cosine), shared terms, answer-bearing words, the kind of answer
    asked for ("how many" → a number) and passage rank."""
    if not found:
        return np.zeros(0)
    question_vector = np.asarray(embed_model.get_query_embedding(question), dtype=np.float32)
    vectors = np.asarray(embed_model.get_text_embedding_batch([c.text for c in found]), dtype=np.float32)
    cosine = vectors @ question_vector
    question_terms = content_terms(question)
    question_words = {w.lower() for w in words(question)}
    kind = expected_answer(question)
    # A follow-up's own words ("And in Jerusalem?") are what it asks about; the names carried
    # over from the last turn only place it.
    new_terms = content_terms(asked) if asked and asked != question else set()
    scores = []
    for candidate, similarity in zip(found, cosine, strict=True):
        overlap = len(candidate.terms & question_terms) / max(len(question_terms), 1)
        scores.append(
            0.55 * float(similarity)
            + 0.25 * overlap
            + 0.12 * _answer_bearing(candidate.text, question_words)
            + 0.2 * holds_answer(candidate.text, kind, question)
            + (0.35 * len(candidate.terms & new_terms) / len(new_terms) if new_terms else 0.0)
            + 0.08 / (1 + candidate.passage_rank)
            - _shape_penalty(candidate.text)
        )
    return np.asarray(scores)


def _answer_bearing(sentence: str, question_words: set[str]) -> float:
    """Names and numbers the question does not already contain: likely the answer."""
    tokens = WORD.findall(sentence)
    new = [
        t
        for i, t in enumerate(tokens)
        if (t[0].isupper() and i > 0 or any(ch.isdigit() for ch in t)) and t.lower() not in question_words
    ]
    return min(len(new), 3) / 3


def _shape_penalty(sentence: str) -> float:
    count = len(sentence.split())
    penalty = 0.1 if count > LONG_WORDS else 0.0
    if sentence.rstrip("”\"' ").endswith("?"):
        penalty += 0.15
    return penalty


def compose(
    question: str,
    passages: list[Passage],
    embed_model: Any,
    max_words: int,
    max_sentences: int,
    asked: str | None = None,
) -> ExtractiveAnswer:
    """Pick the best non-redundant sentences within the word budget and cite each one.
    `question` is the standalone form; `asked`, when different, the follow-up as typed."""
    found = candidates(passages)
    if not found:
        return ExtractiveAnswer("", ())
    scores = score_sentences(question, found, embed_model, asked)
    order = np.argsort(-scores)
    best = float(scores[order[0]])
    chosen: list[Candidate] = []
    used_words = 0
    for index in order:
        candidate = found[int(index)]
        length = len(candidate.text.split())
        if chosen and (
            float(scores[index]) < best - 0.15
            or used_words + length > max_words
            or any(_redundant(candidate, other) for other in chosen)
        ):
            continue
        chosen.append(candidate)
        used_words += length
        if len(chosen) >= max_sentences or used_words >= max_words:
            break
    return _cite(chosen)


def _redundant(a: Candidate, b: Candidate) -> bool:
    if not a.terms or not b.terms:
        return False
    return len(a.terms & b.terms) / min(len(a.terms), len(b.terms)) > 0.6


def _cite(chosen: list[Candidate]) -> ExtractiveAnswer:
    """Number sources by first use (one number per article) and quote each sentence."""
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    parts = []
    for candidate in chosen:
        article_id = candidate.passage.article_id
        if article_id not in numbers:
            numbers[article_id] = len(numbers) + 1
            citations.append(citation_for(numbers[article_id], candidate.passage, candidate.text))
        parts.append(f"“{candidate.text}” [{numbers[article_id]}]")
    return ExtractiveAnswer(" ".join(parts), tuple(citations))
