"""The SQLite review log: entries, feedback, thread history, export (plain Python, no Discord)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.answer import NO_FILTERS, Filters
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
    # A 👎 with a comment, then 👍: the complaint does not stay under the 👍. The same vote again
    # (the 👎 button pressed twice) keeps its comment.
    assert review_log.set_feedback(entry_id, 11, -1)
    assert {f.user_id: f.comment for f in review_log.get(entry_id).feedback}[11] == "wrong date"
    assert review_log.set_feedback(entry_id, 11, 1)
    assert {(f.user_id, f.value, f.comment) for f in review_log.get(entry_id).feedback} == {
        (10, 1, None),
        (11, 1, None),
    }
    assert not review_log.set_feedback(entry_id + 5, 10, 1)  # no such entry
    with pytest.raises(ValueError):
        review_log.set_feedback(entry_id, 10, 0)


def test_a_servers_review_holds_its_own_entries_only(review_log: ReviewLog) -> None:
    ours = review_log.record(answer("ours"), AskContext(guild_id=1))
    theirs = review_log.record(answer("theirs"), AskContext(guild_id=2))
    review_log.set_feedback(theirs, 5, -1)  # 👎 there is no gap here
    declined = review_log.record(replace(answer("ours, declined"), abstained=True), AskContext(guild_id=1))
    assert review_log.count(1) == 2 and review_log.count(2) == 1 and review_log.count() == 3
    assert [e.question for e in review_log.latest(0, 5, guild_id=1)] == ["ours, declined", "ours"]
    assert [e.id for e in review_log.unanswered(1)] == [declined]
    assert [e.id for e in review_log.unanswered(2)] == [theirs]
    assert [e.id for e in review_log.unanswered()] == [theirs, declined]
    exported = [json.loads(line)["question"] for line in review_log.export_jsonl(2).decode().splitlines()]
    assert exported == ["theirs"] and ours not in [e.id for e in review_log.latest(0, 5, guild_id=2)]


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
    # A declined question is history without its answer: the decline's text is about nothing.
    declined = replace(
        answer("q5", "The indexed articles don't cover this: … The closest articles are: …"), abstained=True
    )
    review_log.record(declined, AskContext(thread_id=50))
    assert review_log.history(50, 2) == [Turn("q4", "a4"), Turn("q5", "")]
    assert review_log.in_thread(50) and review_log.in_thread(60) and not review_log.in_thread(70)


def test_export_is_json_lines_oldest_first(review_log: ReviewLog) -> None:
    first = review_log.record(answer("first"), AskContext(user_id=7, user_name="alice", guild_id=1, channel_id=2))
    review_log.attach(first, message_id=99, thread_id=3)
    review_log.record(answer("second"), AskContext(user_name="bob"))
    review_log.set_feedback(first, 8, -1, comment="wrong date")
    export = review_log.export_jsonl()
    lines = export.decode("utf-8").splitlines()
    assert export.endswith(b"\n") and len(lines) == 2
    asked = [json.loads(line)["created_at"] for line in lines]
    (voted,) = [vote["created_at"] for vote in json.loads(lines[0])["feedback"]["votes"]]
    for moment in [*asked, voted]:  # UTC, to the second
        assert datetime.fromisoformat(moment).utcoffset() == timedelta(0) and moment.endswith("+00:00")
    record = {
        "id": first,
        "created_at": asked[0],
        "guild_id": 1,
        "channel_id": 2,
        "thread_id": 3,
        "message_id": 99,
        "user_id": 7,
        "user_name": "alice",
        "question": "first",
        "as_of": "2023-02-01",
        "answer": "“Blinken met Mahmoud Abbas.” [1]",
        "abstained": False,
        "date_range": "articles up to 2023-02-01, recent ones preferred",
        "mode": "extractive",
        "notice": None,
        "citations": [
            {
                "n": 1,
                "article_id": "a1",
                "title": "Blinken in Ramallah",
                "source": "apnews.com",
                "url": "https://apnews.com/a1",
                "published": "2023-01-31",
                "quote": "Blinken met Mahmoud Abbas in Ramallah on Tuesday.",
                "also_in": [],
            }
        ],
        "passages": [
            {
                "chunk_id": "a1:h:0",
                "article_id": "a1",
                "title": "Blinken in Ramallah",
                "text": "Blinken met Mahmoud Abbas in Ramallah on Tuesday.",
                "published": "2023-01-31",
                "source": "apnews.com",
                "url": "https://apnews.com/a1",
                "position": 0,
                "score": 0.52,
            }
        ],
        "feedback": {
            "up": 0,
            "down": 1,
            "votes": [{"user_id": 8, "value": -1, "comment": "wrong date", "created_at": voted}],
        },
    }
    # Whole lines: the keys in this order, and text as UTF-8 rather than \u escapes.
    assert lines[0] == json.dumps(record, ensure_ascii=False)
    context = dict.fromkeys(["guild_id", "channel_id", "thread_id", "message_id", "user_id"])
    second = {**record, "id": first + 1, "created_at": asked[1], **context, "user_name": "bob", "question": "second"}
    assert lines[1] == json.dumps({**second, "feedback": {"up": 0, "down": 0, "votes": []}}, ensure_ascii=False)


def test_what_the_log_keeps_of_a_passage(review_log: ReviewLog) -> None:
    syndicated = replace(PASSAGE, score=0.123456, also_in=("usatoday.com",))
    cited = replace(CITATION, also_in=("usatoday.com",))
    entry_id = review_log.record(replace(answer(), citations=(cited,), passages=(syndicated,)), AskContext())
    entry = review_log.get(entry_id)
    assert entry is not None
    # The score to four places; the outlets that ran the story are kept with its citation only.
    assert entry.passages == (replace(PASSAGE, score=0.1235),)
    assert entry.citations == (cited,)


def test_an_entry_logged_before_citations_named_other_outlets_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "review.sqlite3"
    log = ReviewLog(path)
    entry_id = log.record(answer(), AskContext())
    with sqlite3.connect(path) as db:  # as an older release wrote it: no also_in
        (stored,) = db.execute("SELECT citations FROM entries").fetchone()
        older = [{k: v for k, v in c.items() if k != "also_in"} for c in json.loads(stored)]
        db.execute("UPDATE entries SET citations = ?", (json.dumps(older),))
    entry = log.get(entry_id)
    log.close()
    assert entry is not None and entry.citations == (CITATION,)


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


def test_a_thread_keeps_the_past_day_its_last_question_was_asked_as_of(review_log: ReviewLog) -> None:
    review_log.record(answer(), AskContext(thread_id=70))  # as of 2023-02-01, asked today
    review_log.record(replace(answer(), as_of=date.today()), AskContext(thread_id=71))
    assert review_log.thread_as_of(70) == date(2023, 2, 1)
    assert review_log.thread_as_of(71) is None  # asked as of its own day: "today" moves on
    assert review_log.thread_as_of(72) is None  # no such thread
    # A follow-up asked as of another day moves the thread to it (it had lasted one question).
    review_log.record(replace(answer(), as_of=date(2023, 3, 5)), AskContext(thread_id=70))
    assert review_log.thread_as_of(70) == date(2023, 3, 5)
    review_log.record(replace(answer(), as_of=date.today()), AskContext(thread_id=70))
    assert review_log.thread_as_of(70) is None


def test_a_conversation_keeps_its_as_of_day_for_a_day_after_its_last_question(review_log: ReviewLog) -> None:
    review_log.record(answer(), AskContext(thread_id=80))  # as of 2023-02-01, asked now
    now = datetime.now(UTC)
    assert review_log.thread_as_of(80, now=now + timedelta(hours=23)) == date(2023, 2, 1)
    # A DM never ends: one "as of 2019-05-01:" had held every later question to 2019 (a review's).
    assert review_log.thread_as_of(80, now=now + timedelta(hours=25)) is None


def test_a_reply_to_any_message_of_an_answer_finds_it(review_log: ReviewLog) -> None:
    """A long answer takes several messages; people reply to its first, which holds the text."""
    first = review_log.record(answer(), AskContext(channel_id=5))
    review_log.attach(first, message_id=103, message_ids=[101, 102, 103])
    for message_id in (101, 102, 103):
        entry = review_log.answered_by(message_id)
        assert entry is not None and entry.id == first
    assert review_log.answered_by(104) is None
    entry = review_log.get(first)
    assert review_log.conversation_of(entry) == 101  # as a thread opened from its first message
    assert review_log.get(first).context.thread_id is None  # only an answered reply begins it
    review_log.join_conversation(entry, 101)
    assert review_log.get(first).context.thread_id == 101 and review_log.in_thread(101)


def test_a_thread_keeps_the_filters_of_its_first_question(tmp_path: Path) -> None:
    log = ReviewLog(tmp_path / "review.sqlite3")
    narrowed = Filters(date(2023, 1, 1), None, ("cnn.com",))
    first = log.record(answer(), AskContext(user_id=1), narrowed)
    log.attach(first, thread_id=77)
    log.record(answer("What did he say?"), AskContext(user_id=1, thread_id=77), NO_FILTERS)
    assert log.thread_filters(77) == narrowed
    assert log.thread_filters(78) == NO_FILTERS
    log.record(answer(), AskContext(user_id=1, thread_id=79))
    assert log.thread_filters(79) == NO_FILTERS


def test_a_log_written_before_filters_were_kept_gains_their_column(tmp_path: Path) -> None:
    path = tmp_path / "review.sqlite3"
    ReviewLog(path).close()
    with sqlite3.connect(path) as db:  # as the log was before: no `filters` column
        db.execute("ALTER TABLE entries DROP COLUMN filters")
    log = ReviewLog(path)
    entry = log.record(answer(), AskContext(user_id=1, thread_id=5), Filters(outlets=("cnn.com",)))
    assert log.thread_filters(5) == Filters(outlets=("cnn.com",))
    assert (log.get(entry) or answer("missing")).question == "Who did Blinken meet?"
    ReviewLog(path).close()  # opened again: the column is there already
