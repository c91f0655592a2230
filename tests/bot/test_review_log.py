"""The SQLite review log: entries, feedback, thread history, export (plain Python, no Discord)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from bot.followup import Turn
from bot.review_log import AskContext, ReviewLog
from newsdesk.models import Answer, Citation, Passage

PASSAGE = Passage(
    "a1:h:0",
    "a1",
    "Blinken in Ramallah",
    "Blinken met Mahmoud Abbas in Ramallah on Tuesday.",
    date(2023, 1, 31),
    "apnews.com",
    "https://apnews.com/a1",
    0,
    0.52,
)
CITATION = Citation(
    1,
    "a1",
    "Blinken in Ramallah",
    "apnews.com",
    "https://apnews.com/a1",
    date(2023, 1, 31),
    "Blinken met Mahmoud Abbas in Ramallah on Tuesday.",
)


def answer(question: str = "Who did Blinken meet?", text: str = "“Blinken met Mahmoud Abbas.” [1]") -> Answer:
    return Answer(
        question=question,
        text=text,
        abstained=False,
        citations=(CITATION,),
        passages=(PASSAGE,),
        date_range_label="articles up to 2023-02-01, recent ones preferred",
        as_of=date(2023, 2, 1),
    )


@pytest.fixture
def review_log(tmp_path: Path) -> ReviewLog:
    log = ReviewLog(tmp_path / "new" / "folder" / "review.sqlite3")  # the folder is created
    yield log
    log.close()


def test_record_and_get_round_trip(review_log: ReviewLog) -> None:
    context = AskContext(user_id=7, user_name="alice", guild_id=1, channel_id=2, thread_id=3)
    entry_id = review_log.record(answer(), context)
    review_log.attach(entry_id, message_id=99)

    entry = review_log.get(entry_id)
    assert entry is not None
    assert entry.question == "Who did Blinken meet?" and entry.answer == "“Blinken met Mahmoud Abbas.” [1]"
    assert entry.citations == (CITATION,) and entry.passages == (PASSAGE,)
    assert entry.as_of == date(2023, 2, 1) and entry.mode == "extractive" and not entry.abstained
    assert entry.context == AskContext(7, "alice", 1, 2, 3, 99)
    assert (entry.up, entry.down) == (0, 0)
    assert review_log.get(entry_id + 1) is None


def test_one_vote_per_user_and_changeable(review_log: ReviewLog) -> None:
    entry_id = review_log.record(answer(), AskContext())
    assert review_log.set_feedback(entry_id, 10, -1)
    assert review_log.set_feedback(entry_id, 11, -1, comment="wrong date")
    assert review_log.set_feedback(entry_id, 10, 1)  # user 10 changes their mind
    entry = review_log.get(entry_id)
    assert (entry.up, entry.down) == (1, 1)
    assert {(f.user_id, f.value, f.comment) for f in entry.feedback} == {(10, 1, None), (11, -1, "wrong date")}
    assert not review_log.set_feedback(entry_id + 5, 10, 1)  # no such entry
    with pytest.raises(ValueError):
        review_log.set_feedback(entry_id, 10, 0)


def test_latest_pages_newest_first(review_log: ReviewLog) -> None:
    ids = [review_log.record(answer(f"question {i}"), AskContext()) for i in range(5)]
    review_log.set_feedback(ids[4], 1, -1)
    assert review_log.count() == 5
    first = review_log.latest(0, 2)
    assert [e.question for e in first] == ["question 4", "question 3"] and first[0].down == 1
    assert [e.question for e in review_log.latest(2, 2)] == ["question 0"]
    assert review_log.latest(3, 2) == []


def test_history_of_a_thread(review_log: ReviewLog) -> None:
    for i in range(4):
        review_log.record(answer(f"q{i}", f"a{i}"), AskContext(thread_id=50))
    review_log.record(answer("elsewhere", "x"), AskContext(thread_id=60))
    later = review_log.record(answer("q4", "a4"), AskContext(channel_id=1))  # thread opened after posting
    review_log.attach(later, thread_id=50)

    assert review_log.history(50, 3) == [Turn("q2", "a2"), Turn("q3", "a3"), Turn("q4", "a4")]
    assert review_log.history(50, 0) == []
    assert review_log.in_thread(50) and review_log.in_thread(60) and not review_log.in_thread(70)


def test_export_is_json_lines_oldest_first(review_log: ReviewLog) -> None:
    first = review_log.record(answer("first"), AskContext(user_name="alice"))
    review_log.record(answer("second"), AskContext(user_name="bob"))
    review_log.set_feedback(first, 3, -1)
    lines = review_log.export_jsonl().decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["question"] for r in records] == ["first", "second"]
    assert records[0]["feedback"] == {
        "up": 0,
        "down": 1,
        "votes": [
            {"user_id": 3, "value": -1, "comment": None, "created_at": records[0]["feedback"]["votes"][0]["created_at"]}
        ],
    }
    assert records[0]["citations"][0] == {
        "n": 1,
        "article_id": "a1",
        "title": "Blinken in Ramallah",
        "source": "apnews.com",
        "url": "https://apnews.com/a1",
        "published": "2023-01-31",
        "quote": "Blinken met Mahmoud Abbas in Ramallah on Tuesday.",
        "also_in": [],
    }
    assert records[0]["passages"][0]["text"] == PASSAGE.text and records[0]["as_of"] == "2023-02-01"


def test_persists_in_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "review.sqlite3"
    log = ReviewLog(path)
    entry_id = log.record(answer(), AskContext(user_id=7))
    log.set_feedback(entry_id, 7, -1)
    log.close()

    with sqlite3.connect(path) as db:
        assert db.execute("SELECT question, user_id FROM entries").fetchall() == [("Who did Blinken meet?", 7)]
        assert db.execute("SELECT entry_id, user_id, value FROM feedback").fetchall() == [(entry_id, 7, -1)]
    reopened = ReviewLog(path)
    assert reopened.get(entry_id).down == 1
    reopened.close()


def test_a_thread_keeps_the_past_day_its_first_question_was_asked_as_of(review_log: ReviewLog) -> None:
    review_log.record(answer(), AskContext(thread_id=70))  # as of 2023-02-01, asked today
    review_log.record(replace(answer(), as_of=date.today()), AskContext(thread_id=71))
    assert review_log.thread_as_of(70) == date(2023, 2, 1)
    assert review_log.thread_as_of(71) is None  # asked as of its own day: "today" moves on
    assert review_log.thread_as_of(72) is None  # no such thread
