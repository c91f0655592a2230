"""The RealTimeQA data in ../shared/data/rtqa: questions, articles, and the benchmark slices."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ingest.readers import ReadResult, article_from_record

ARTICLES_FILE = "articles-2023.jsonl.gz"
QUESTIONS_FILE = "questions-dev.jsonl"

# jan2023: questions asked in January 2023, against the articles of the month before and
# during it, plus whatever a web search returned for those questions.
JAN2023_QUESTIONS = (date(2023, 1, 1), date(2023, 1, 31))
JAN2023_ARTICLES = (date(2022, 12, 1), date(2023, 1, 31))
SLICES = ("jan2023", "all")


@dataclass(frozen=True)
class Question:
    """One RealTimeQA question, asked as of its date."""

    id: str
    as_of: date
    text: str
    gold: tuple[str, ...]  # the answer strings
    search_hits: tuple[str, ...]  # article ids a web search returned for it
    answerable: bool  # the gold answer occurs in an article published on or before as_of


@dataclass(frozen=True)
class Slice:
    """The questions asked and the article records ingested for one benchmark run."""

    name: str
    questions: list[Question]
    records: list[dict[str, Any]]  # raw JSONL records, in file order

    @property
    def words(self) -> int:
        return sum(len(record["text"].split()) for record in self.records)


def _iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def load_questions(data_dir: Path) -> list[Question]:
    """Every question of questions-dev.jsonl."""
    return [
        Question(
            id=record["id"],
            as_of=date.fromisoformat(record["date"]),
            text=record["question"],
            gold=tuple(record["answer_text"]),
            search_hits=tuple(record.get("search_hits") or ()),
            answerable=bool(record["answer_in_corpus"]),
        )
        for record in _iter_jsonl(data_dir / QUESTIONS_FILE)
    ]


def load_article_records(data_dir: Path) -> list[dict[str, Any]]:
    """Every article record of articles-2023.jsonl.gz, as read."""
    return list(_iter_jsonl(data_dir / ARTICLES_FILE))


def _published(record: dict[str, Any]) -> date | None:
    value = record.get("published")
    return date.fromisoformat(value) if value else None


def select_slice(name: str, questions: list[Question], records: list[dict[str, Any]], limit: int | None) -> Slice:
    """The answerable questions of a slice (the first `limit` of them) and its articles."""
    if name == "all":
        chosen = [q for q in questions if q.answerable][:limit]
        return Slice(name, chosen, records)
    if name != "jan2023":
        raise ValueError(f"unknown slice {name!r}; expected one of {', '.join(SLICES)}")
    first, last = JAN2023_QUESTIONS
    # The article set does not depend on --limit, so a quick run reuses the full slice's index.
    in_month = [q for q in questions if q.answerable and first <= q.as_of <= last]
    hits = {article_id for q in in_month for article_id in q.search_hits}
    start, end = JAN2023_ARTICLES
    kept = [
        record
        for record in records
        if record["id"] in hits or ((day := _published(record)) is not None and start <= day <= end)
    ]
    return Slice(name, in_month[:limit], kept)


def to_articles(records: list[dict[str, Any]]) -> list[ReadResult]:
    """The records as the product's JSON reader would turn them into articles."""
    return [article_from_record(record, f"{ARTICLES_FILE}#{record['id']}", ARTICLES_FILE, None) for record in records]


def spread_dates(questions: list[Question], count: int) -> list[date]:
    """`count` as-of dates spread over the slice's question dates (for made-up questions)."""
    days = sorted({q.as_of for q in questions}) or [JAN2023_QUESTIONS[1]]
    return [days[(i * len(days)) // count] for i in range(count)]
