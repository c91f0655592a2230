"""The review log: every question asked in Discord, its answer, citations and feedback (SQLite).

Plain Python (no Discord import). The Discord adapter records each answer here, loads the
state of its persistent buttons from it, and reads a thread's earlier turns for follow-ups.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.answer import NO_FILTERS, Filters
from bot.followup import Turn
from newsdesk.dates import iso_or_none
from newsdesk.errors import ConfigError
from newsdesk.models import Answer, Citation, Passage
from newsdesk.serialise import from_json, to_json

SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    guild_id INTEGER,
    channel_id INTEGER,
    thread_id INTEGER,
    user_id INTEGER,
    user_name TEXT,
    question TEXT NOT NULL,
    as_of TEXT,
    answer TEXT NOT NULL,
    abstained INTEGER NOT NULL,
    date_range_label TEXT,
    citations TEXT NOT NULL,
    passages TEXT NOT NULL,
    mode TEXT NOT NULL,
    notice TEXT,
    message_id INTEGER,
    filters TEXT
);
CREATE INDEX IF NOT EXISTS entries_thread ON entries (thread_id, id);
CREATE INDEX IF NOT EXISTS entries_message ON entries (message_id);
-- Every message an answer was posted in (a long one takes several): a reply to any of them is a
-- follow-up of that answer.
CREATE TABLE IF NOT EXISTS answer_messages (
    message_id INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS feedback (
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,
    value INTEGER NOT NULL CHECK (value IN (-1, 1)),
    comment TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (entry_id, user_id)
);
"""

# How long a conversation keeps the past day it was last asked as of, after its last question.
KEEP_AS_OF = timedelta(hours=24)
# A passage as the log keeps and exports it: `also_in` was never kept (the citations carry it).
PASSAGE_FIELDS = ("chunk_id", "article_id", "title", "text", "published", "source", "url", "position", "score")
# Where an export record puts the ask context, at its top level.
CONTEXT_FIELDS = ("guild_id", "channel_id", "thread_id", "message_id", "user_id", "user_name")


@dataclass(frozen=True)
class AskContext:
    """Where and by whom a question was asked (Discord ids; None outside a guild or thread)."""

    user_id: int | None = None
    user_name: str | None = None
    guild_id: int | None = None
    channel_id: int | None = None
    # The conversation the answer belongs to: its thread, the DM channel, or, for replies to an
    # answer in a channel, that first answer's message.
    thread_id: int | None = None
    message_id: int | None = None  # the bot's answer message, once posted


@dataclass(frozen=True)
class Feedback:
    user_id: int
    value: int  # +1 or -1
    comment: str | None
    created_at: str


@dataclass(frozen=True)
class ReviewEntry:
    """One logged question with its answer, citations, passages and feedback."""

    id: int
    created_at: str
    context: AskContext
    question: str
    as_of: date | None
    answer: str
    abstained: bool
    date_range_label: str | None
    citations: tuple[Citation, ...]
    passages: tuple[Passage, ...]
    mode: str
    notice: str | None
    up: int = 0
    down: int = 0
    feedback: tuple[Feedback, ...] = ()
    filters: Filters = NO_FILTERS  # the dates and outlets it was narrowed to

    def as_json(self) -> dict[str, Any]:
        """The entry as one JSON Lines record of `/review export` (README, "JSON output")."""
        data = to_json(self)
        context = data["context"]
        return {
            "id": data["id"],
            "created_at": data["created_at"],
            **{name: context[name] for name in CONTEXT_FIELDS},
            "question": data["question"],
            "as_of": data["as_of"],
            "answer": data["answer"],
            "abstained": data["abstained"],
            "date_range": data["date_range_label"],
            "mode": data["mode"],
            "notice": data["notice"],
            "citations": data["citations"],
            "passages": [to_json(p, PASSAGE_FIELDS) for p in self.passages],
            "feedback": {"up": data["up"], "down": data["down"], "votes": data["feedback"]},
        }


class ReviewLog:
    """The SQLite review log at `path` (its folder is created). `read_only` for a report (`newsdesk
    gaps`): the file must be a review log already, and is not written. A probe's mistyped path to
    another SQLite database had review tables added to it, and an empty file became a log."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            raise ConfigError(
                f"review.path {self.path} is a folder: give the review log's file, e.g. var/review.sqlite3"
            )
        # One connection, used from the event loop and from worker threads: serialise access.
        self._lock = threading.Lock()
        if read_only and self._open_read_only():
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.executescript(SCHEMA)
            self._add_filters_column()
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(f"review.path {self.path} cannot be used as the review log: {exc}") from None

    def _open_read_only(self) -> bool:
        """Open the log without writing; False for a log of an older shape (no `filters` column),
        which is then opened to be brought up to date."""
        try:
            self._db = sqlite3.connect(
                f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False, isolation_level=None
            )
            self._db.row_factory = sqlite3.Row
            tables = {row["name"] for row in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            columns = {row["name"] for row in self._db.execute("PRAGMA table_info(entries)")}
        except sqlite3.Error as exc:
            raise ConfigError(f"review.path {self.path} cannot be read as the review log: {exc}") from None
        if not {"entries", "feedback"} <= tables:
            self._db.close()
            raise ConfigError(
                f"review.path {self.path} is not a Newsdesk review log (it has no entries and feedback tables)"
            )
        if "filters" in columns:
            return True
        self._db.close()
        return False

    def _add_filters_column(self) -> None:
        """A log written before follow-ups kept their thread's filters has no `filters` column."""
        columns = {row["name"] for row in self._db.execute("PRAGMA table_info(entries)")}
        if "filters" in columns:
            return
        try:
            self._db.execute("ALTER TABLE entries ADD COLUMN filters TEXT")
        except sqlite3.OperationalError as exc:  # another process added it first
            if "duplicate column" not in str(exc):
                raise

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                # SQLite has already rolled back after some errors (a full disk): a second
                # ROLLBACK would replace the real error with "no transaction is active".
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    # ------------------------------------------------------------------ writing

    def record(self, answer: Answer, context: AskContext, filters: Filters = NO_FILTERS) -> int:
        """Log an answer, and the dates and outlets its question was narrowed to; returns the
        entry id (used in the answer's button custom_ids)."""
        narrowed = (
            json.dumps({"from": iso_or_none(filters.start), "to": iso_or_none(filters.end), "outlets": filters.outlets})
            if filters.active
            else None
        )
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO entries (created_at, guild_id, channel_id, thread_id, user_id, user_name, question,"
                " as_of, answer, abstained, date_range_label, citations, passages, mode, notice, message_id,"
                " filters) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    _now(),
                    context.guild_id,
                    context.channel_id,
                    context.thread_id,
                    context.user_id,
                    context.user_name,
                    answer.question,
                    iso_or_none(answer.as_of),
                    answer.text,
                    int(answer.abstained),
                    answer.date_range_label,
                    json.dumps([to_json(c) for c in answer.citations]),
                    json.dumps([to_json(p, PASSAGE_FIELDS) for p in answer.passages]),
                    answer.mode,
                    answer.notice,
                    context.message_id,
                    narrowed,
                ),
            )
            return int(cursor.lastrowid or 0)

    def attach(
        self,
        entry_id: int,
        *,
        message_id: int | None = None,
        thread_id: int | None = None,
        message_ids: Sequence[int] = (),
    ) -> None:
        """Note the answer's message (its last, where the buttons are), every message it was posted
        in (`message_ids`), and the conversation it belongs to (see AskContext.thread_id), once
        they exist."""
        with self._transaction() as db:
            if message_id is not None:
                db.execute("UPDATE entries SET message_id = ? WHERE id = ?", (message_id, entry_id))
            for posted in {*message_ids, *([message_id] if message_id is not None else [])}:
                db.execute(
                    "INSERT OR IGNORE INTO answer_messages (message_id, entry_id) VALUES (?, ?)", (posted, entry_id)
                )
            if thread_id is not None:
                db.execute("UPDATE entries SET thread_id = ? WHERE id = ?", (thread_id, entry_id))

    def set_feedback(self, entry_id: int, user_id: int, value: int, comment: str | None = None) -> bool:
        """Store a user's 👍 (+1) or 👎 (-1); a second vote replaces the first, and its comment too
        when the vote changed. False if no such entry."""
        if value not in (-1, 1):
            raise ValueError(f"feedback value must be +1 or -1, not {value!r}")
        with self._transaction() as db:
            if db.execute("SELECT 1 FROM entries WHERE id = ?", (entry_id,)).fetchone() is None:
                return False
            db.execute(
                "INSERT INTO feedback (entry_id, user_id, value, comment, created_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (entry_id, user_id) DO UPDATE SET value = excluded.value,"
                # The same vote again keeps its comment (👎's comment form comes after the 👎);
                # a changed vote does not keep the other one's ("wrong date" under a 👍).
                " comment = CASE WHEN excluded.value = feedback.value"
                " THEN COALESCE(excluded.comment, feedback.comment) ELSE excluded.comment END,"
                " created_at = excluded.created_at",
                (entry_id, user_id, value, comment, _now()),
            )
            return True

    # ------------------------------------------------------------------ reading

    def get(self, entry_id: int) -> ReviewEntry | None:
        """One entry with its citations, passages and feedback, or None."""
        rows = self._query("SELECT * FROM entries WHERE id = ?", (entry_id,))
        return self._entries(rows)[0] if rows else None

    def count(self, guild_id: int | None = None) -> int:
        """How many entries; with `guild_id`, that server's only (see _of_guild)."""
        where, params = _of_guild(guild_id)
        return int(self._query(f"SELECT COUNT(*) FROM entries WHERE {where}", params)[0][0])

    def latest(self, page: int = 0, page_size: int = 5, guild_id: int | None = None) -> list[ReviewEntry]:
        """Newest entries first; `page` counts from 0. With `guild_id`, that server's only."""
        where, params = _of_guild(guild_id)
        rows = self._query(
            f"SELECT * FROM entries WHERE {where} ORDER BY id DESC LIMIT ? OFFSET ?",
            (*params, page_size, max(page, 0) * page_size),
        )
        return self._entries(rows)

    def in_thread(self, thread_id: int) -> bool:
        """True when Newsdesk has answered in this thread (it is a Newsdesk conversation)."""
        return bool(self._query("SELECT 1 FROM entries WHERE thread_id = ? LIMIT 1", (thread_id,)))

    def history(self, thread_id: int, turns: int, before: int | None = None) -> list[Turn]:
        """The last `turns` questions and answers of a thread (before the entry `before`, when
        given), oldest first."""
        if turns <= 0:
            return []
        rows = self._query(
            "SELECT question, answer, abstained FROM entries WHERE thread_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
            (thread_id, before if before is not None else sys.maxsize, turns),
        )
        return [Turn(row["question"], "" if row["abstained"] else row["answer"]) for row in reversed(rows)]

    def answered_by(self, message_id: int) -> ReviewEntry | None:
        """The entry whose answer was posted in this message of Newsdesk's, or None."""
        rows = self._query(
            "SELECT entries.* FROM answer_messages JOIN entries ON entries.id = answer_messages.entry_id"
            " WHERE answer_messages.message_id = ?",
            (message_id,),
        )
        if not rows:  # logged before every message was noted: its last one only
            rows = self._query("SELECT * FROM entries WHERE message_id = ? ORDER BY id DESC LIMIT 1", (message_id,))
        return self._entries(rows)[0] if rows else None

    def conversation_of(self, entry: ReviewEntry) -> int | None:
        """The conversation a reply to this entry's answer goes on: its thread's or DM's, else one
        begun at the answer's first message (see join_conversation); None before it was posted.
        Keyed like a thread opened from that message, whose id Discord makes the message's."""
        if entry.context.thread_id is not None:
            return entry.context.thread_id
        rows = self._query("SELECT MIN(message_id) FROM answer_messages WHERE entry_id = ?", (entry.id,))
        return rows[0][0] if rows and rows[0][0] is not None else entry.context.message_id

    def join_conversation(self, entry: ReviewEntry, conversation: int) -> None:
        """Make the entry the first turn of the conversation begun by a reply to it (only once that
        reply is answered: a "thanks" begins none)."""
        if entry.context.thread_id is None:
            with self._transaction() as db:
                db.execute(
                    "UPDATE entries SET thread_id = ? WHERE id = ? AND thread_id IS NULL", (conversation, entry.id)
                )

    def last_in_thread(self, thread_id: int) -> ReviewEntry | None:
        """The thread's newest entry: the answer "tell me more about source 2" is said of."""
        rows = self._query("SELECT * FROM entries WHERE thread_id = ? ORDER BY id DESC LIMIT 1", (thread_id,))
        return self._entries(rows)[0] if rows else None

    def history_before(self, entry: ReviewEntry, turns: int) -> list[Turn]:
        """The conversation a follow-up was asked in: its thread's turns before it ([] for a
        question that opened one, or was asked outside a thread)."""
        thread_id = entry.context.thread_id
        return [] if thread_id is None else self.history(thread_id, turns, before=entry.id)

    def thread_as_of(self, thread_id: int, now: datetime | None = None) -> date | None:
        """The past day a conversation's last question was asked "as of", so its follow-ups keep it
        (a follow-up naming its own day moves it to that day); None when it was asked as of the day
        it was asked (then "today" moves on as usual), or more than KEEP_AS_OF ago: a DM never
        ends, and one "as of 2019-05-01:" had held every later question to 2019 (a review's)."""
        rows = self._query(
            "SELECT as_of, created_at FROM entries WHERE thread_id = ? ORDER BY id DESC LIMIT 1", (thread_id,)
        )
        if not rows:
            return None
        if (now or datetime.now(UTC)) - datetime.fromisoformat(rows[0]["created_at"]) > KEEP_AS_OF:
            return None
        return _past_day(_date(rows[0]["as_of"]), rows[0]["created_at"])

    @staticmethod
    def past_as_of(entry: ReviewEntry) -> date | None:
        """The past day an entry was answered as of; None when it was answered as of its own day."""
        return _past_day(entry.as_of, entry.created_at)

    def thread_filters(self, thread_id: int) -> Filters:
        """The dates and outlets a thread's first question was narrowed to, so that its follow-ups
        keep them (as they keep its as-of day)."""
        rows = self._query("SELECT filters FROM entries WHERE thread_id = ? ORDER BY id LIMIT 1", (thread_id,))
        return _filters(rows[0]["filters"]) if rows else NO_FILTERS

    def unanswered(self, guild_id: int | None = None) -> list[ReviewEntry]:
        """Questions Newsdesk declined, or whose answer someone marked 👎 (their latest vote), oldest first:
        what `newsdesk gaps` groups into the topics the index does not cover. With `guild_id`, that
        server's only."""
        where, params = _of_guild(guild_id)
        rows = self._query(
            "SELECT * FROM entries WHERE (abstained = 1"
            f" OR id IN (SELECT entry_id FROM feedback WHERE value < 0)) AND {where} ORDER BY id",
            params,
        )
        return self._entries(rows)

    def export_jsonl(self, guild_id: int | None = None) -> bytes:
        """Every entry, oldest first, as JSON Lines (UTF-8). With `guild_id`, that server's only."""
        where, params = _of_guild(guild_id)
        rows = self._query(f"SELECT * FROM entries WHERE {where} ORDER BY id", params)
        lines = [json.dumps(entry.as_json(), ensure_ascii=False) for entry in self._entries(rows)]
        return "".join(line + "\n" for line in lines).encode("utf-8")

    def _entries(self, rows: list[sqlite3.Row]) -> list[ReviewEntry]:
        votes: dict[int, list[Feedback]] = {}
        ids = [row["id"] for row in rows]
        if ids:
            marks = ",".join("?" * len(ids))
            for f in self._query(f"SELECT * FROM feedback WHERE entry_id IN ({marks}) ORDER BY created_at", ids):
                votes.setdefault(f["entry_id"], []).append(
                    Feedback(f["user_id"], f["value"], f["comment"], f["created_at"])
                )
        return [_entry(row, votes.get(row["id"], [])) for row in rows]


def _entry(row: sqlite3.Row, votes: list[Feedback]) -> ReviewEntry:
    return ReviewEntry(
        id=row["id"],
        created_at=row["created_at"],
        context=AskContext(
            user_id=row["user_id"],
            user_name=row["user_name"],
            guild_id=row["guild_id"],
            channel_id=row["channel_id"],
            thread_id=row["thread_id"],
            message_id=row["message_id"],
        ),
        question=row["question"],
        as_of=_date(row["as_of"]),
        answer=row["answer"],
        abstained=bool(row["abstained"]),
        date_range_label=row["date_range_label"],
        citations=tuple(from_json(Citation, c) for c in json.loads(row["citations"])),
        passages=tuple(from_json(Passage, p) for p in json.loads(row["passages"])),
        mode=row["mode"],
        notice=row["notice"],
        up=sum(1 for v in votes if v.value > 0),
        down=sum(1 for v in votes if v.value < 0),
        feedback=tuple(votes),
        filters=_filters(row["filters"]),
    )


def _filters(logged: str | None) -> Filters:
    if not logged:
        return NO_FILTERS
    data = json.loads(logged)
    return Filters(_date(data["from"]), _date(data["to"]), tuple(data["outlets"]))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _past_day(as_of: date | None, created_at: str) -> date | None:
    """The as-of day when it is before the day the question was asked (local, as date.today())."""
    asked_on = datetime.fromisoformat(created_at).astimezone().date()
    return as_of if as_of is not None and as_of < asked_on else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _of_guild(guild_id: int | None) -> tuple[str, tuple[int, ...]]:
    """The SQL condition (and its parameters) for one server's entries, or for all of them. One bot
    serves every server it is in from one log, and a server's administrators may read only what
    was asked there: a probe's second server read the first one's questions and user names."""
    return ("guild_id = ?", (guild_id,)) if guild_id is not None else ("1 = 1", ())
