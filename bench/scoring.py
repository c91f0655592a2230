"""Does a text hold the gold answer? And the small statistics the report prints."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

LENGTH_FAIR_WORDS = 400  # shared/README.md: gold within the first 400 words of the ranked passages
ANSWER_WORDS = 80  # the extractive answer's budget: gold within its first 80 words
CITATION_MARK = re.compile(r"\[\d{1,3}\]")
# Periods vanish ("U.S." → "us", "Jr." → "jr"); any other punctuation or symbol becomes a space,
# so a possessive keeps its word whole ("Madonna’s" → "madonna s") and words either side of a dash
# stay apart ("Covid-19" → "covid 19").
JOINING = re.compile(r"\.")


def normalise(text: str) -> str:
    """Lower-cased, punctuation removed, white space collapsed."""
    text = JOINING.sub("", text.lower())
    text = "".join(" " if unicodedata.category(ch)[0] in "PS" else ch for ch in text)
    return " ".join(text.split())


def contains_gold(text: str, gold: Iterable[str]) -> bool:
    """True when a gold string occurs in the text as whole words, both normalised
    ("4" does not match "1994")."""
    padded = f" {normalise(text)} "
    return any(f" {g} " in padded for g in map(normalise, gold) if g)


def first_hit_rank(texts: Sequence[str], gold: Iterable[str]) -> int | None:
    """1-based rank of the first text holding the gold answer, None when none does."""
    gold = tuple(gold)
    for rank, text in enumerate(texts, start=1):
        if contains_gold(text, gold):
            return rank
    return None


def first_words(text: str, count: int) -> str:
    return " ".join(text.split()[:count])


def length_fair_hit(texts: Sequence[str], gold: Iterable[str], budget: int = LENGTH_FAIR_WORDS) -> bool:
    """The gold answer is within the first `budget` words of the texts joined in rank order."""
    return contains_gold(first_words(" ".join(texts), budget), gold)


def answer_hit(answer_text: str, gold: Iterable[str], budget: int = ANSWER_WORDS) -> bool:
    """The gold answer is within the answer's first `budget` words (citation marks removed)."""
    return contains_gold(first_words(CITATION_MARK.sub(" ", answer_text), budget), gold)


def share(flags: Iterable[bool]) -> float | None:
    values = list(flags)
    return sum(values) / len(values) if values else None


def percent(value: float | None) -> str:
    """A share as the bench prints it, padded to line up in a column ("—" when nothing was counted)."""
    return "—" if value is None else f"{100 * value:5.1f}%"


def recall_at(ranks: Sequence[int | None], k: int) -> float | None:
    return share(rank is not None and rank <= k for rank in ranks)


@dataclass(frozen=True)
class AnswerHits:
    """One answered question, as the benches of other question sets count it."""

    declined: bool
    first40: bool  # the answer's first 40 words hold the gold
    first80: bool
    passages400: bool  # the first 400 words of its passages do


def answer_hits(declined: bool, answer_text: str, passages: Sequence[str], gold: Sequence[str]) -> AnswerHits:
    return AnswerHits(
        declined,
        answer_hit(answer_text, gold, 40),
        answer_hit(answer_text, gold, ANSWER_WORDS),
        length_fair_hit(passages, gold),
    )


def plain_percent(flags: Iterable[bool]) -> str:
    return percent(share(flags)).strip()


def describe_hits(hits: Sequence[AnswerHits], gold: str = "the gold") -> str:
    """ "declined …, answer's first 40 / 80 words hold the gold … / …, passages' first 400 words …"."""
    return (
        f"declined {plain_percent(h.declined for h in hits)}, answer's first 40 / 80 words hold {gold} "
        f"{plain_percent(h.first40 for h in hits)} / {plain_percent(h.first80 for h in hits)}, passages' first "
        f"400 words {plain_percent(h.passages400 for h in hits)}"
    )


def percentiles(values: Sequence[float], points: Sequence[int]) -> dict[str, float | None]:
    """{"p10": …} for each point; "min" for 0 and "max" for 100."""
    names = {0: "min", 100: "max"}
    if not values:
        return {names.get(p, f"p{p}"): None for p in points}
    found = np.percentile(np.asarray(values, dtype=float), points)
    return {names.get(p, f"p{p}"): float(v) for p, v in zip(points, found, strict=True)}
