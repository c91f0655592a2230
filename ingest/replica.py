"""The local replica that questions are answered from: it follows the Chroma catalog.

Chroma is the source of truth. Each machine keeps a replica in its index folder:
- `replica.sqlite3`: the article catalog and every chunk (text, metadata, vector), with a
  `version` per change so processes sharing the folder can follow each other cheaply;
- `lexical/`: the tantivy BM25 index (ingest/lexical.py);
- in memory: every vector, searched with numpy (ingest/vectors.py; exactly, but for wide
  windows of a large archive), loaded from a snapshot of the vectors
  (`vectors-of-<replica id>/vectors-v<version>/`) plus the changes SQLite holds after it.

Changes are applied under a file lock, one SQLite transaction and then one tantivy commit.
The SQLite `version` and the tantivy `lexical_version` are compared on every sync; a kill
between the two leaves them different, and the keyword index is rebuilt from SQLite.
"""

from __future__ import annotations

import functools
import logging
import secrets
import shutil
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from filelock import FileLock

from ingest.catalog import CatalogRecord, StoredChunk, day_from_number, day_number
from ingest.lexical import LexicalDoc, LexicalIndex
from ingest.vectors import Vectors, snapshots
from newsdesk.models import IndexStats, Passage

log = logging.getLogger(__name__)
# SQLite's SQLITE_CORRUPT and SQLITE_NOTADB: the file itself is damaged.
DAMAGED = (11, 26)

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    article_id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, chunk_count INTEGER NOT NULL,
    published_day INTEGER NOT NULL, source TEXT NOT NULL, title TEXT NOT NULL, url TEXT NOT NULL,
    seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    row INTEGER PRIMARY KEY AUTOINCREMENT, chunk_id TEXT NOT NULL UNIQUE, article_id TEXT NOT NULL,
    position INTEGER NOT NULL, published_day INTEGER NOT NULL, source TEXT NOT NULL, title TEXT NOT NULL,
    url TEXT NOT NULL, text TEXT NOT NULL, vector BLOB NOT NULL, version INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_by_article ON chunks(article_id);
CREATE INDEX IF NOT EXISTS chunks_by_version ON chunks(version);
CREATE TABLE IF NOT EXISTS removed (row INTEGER PRIMARY KEY, version INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS removed_by_version ON removed(version);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_by_source ON articles(source, published_day, chunk_count);
CREATE INDEX IF NOT EXISTS articles_by_address ON articles(lower(url));
CREATE INDEX IF NOT EXISTS articles_by_id_in_any_case ON articles(lower(article_id));
CREATE INDEX IF NOT EXISTS articles_by_title ON articles(title, published_day);
"""
# A process that read this many vectors from SQLite saves a snapshot, so the next process
# starting up reads them from the snapshot instead (10 k chunks read from SQLite take ~70 ms).
SNAPSHOT_AFTER_ROWS = 20_000
LOAD_PAGE_ROWS = 50_000

# Values in one SQL IN (…): SQLite's limit is 32,766, an ingest may ask for more.
SQL_VALUES = 900


@dataclass(frozen=True)
class ArticleChange:
    """A catalog record to apply, with its chunks (none for a deleted article)."""

    record: CatalogRecord
    chunks: Sequence[StoredChunk] = ()


class Replica:
    """Catalog, chunks, vectors and BM25 of one index, kept in a local folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.file_lock = FileLock(str(folder / "replica.lock"))
        # Under the file lock: two processes creating the replica at once would otherwise race
        # on switching it to WAL ("database is locked").
        with self.file_lock:
            try:
                self._db = self._connect()
            except sqlite3.DatabaseError as exc:
                # "file is not a database", "database disk image is malformed": a disk or a copy
                # went wrong. The replica is a copy of Chroma's, so it is made again from there, as
                # when its folder is deleted (a probe's damaged file had stopped every command).
                # Not for a full disk, a lock or too many open files, which a rebuild would not mend.
                if getattr(exc, "sqlite_errorcode", None) not in DAMAGED:
                    raise
                kept = self._set_aside()
                log.warning(
                    "The local replica at %s is damaged (%s); rebuilding it from Chroma (the damaged file is "
                    "kept as %s).",
                    folder,
                    exc,
                    kept,
                )
                self._db = self._connect()
            self._id = self._state("replica_id") or self._new_id()
        # This replica's snapshots, apart from any other's: a process still holding a database
        # since set aside (or a replica folder deleted under it) would otherwise save a snapshot
        # of its rows that the rebuilt replica loads once its version catches up, as its own.
        self.snapshot_folder = folder / f"vectors-of-{self._id}"
        self.memory = Vectors()
        self._memory_version = 0  # of the vectors in memory
        self._seen_version = -1  # of the keyword reader
        self._vectors_loaded = False
        self._days: tuple[tuple[int, int] | None, np.ndarray] = (None, np.zeros(0, dtype=np.int32))  # chunk_days()
        self._lock = threading.RLock()  # one process's threads: the bot answers while /ingest applies

    def _new_id(self) -> int:
        replica_id = secrets.randbits(62) | 1  # never 0, which `_state` reads as "none"
        self._set_state("replica_id", replica_id)
        return replica_id

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.folder / "replica.sqlite3", check_same_thread=False, isolation_level=None, timeout=30)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(SCHEMA)
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _set_aside(self) -> Path:
        """The damaged database renamed (for whoever wants to look at it), and the keyword index
        and vector snapshots, whose rows are its rows, removed: all are made again from Chroma."""
        kept = self.folder / f"replica.sqlite3.damaged-{int(time.time())}"
        (self.folder / "replica.sqlite3").rename(kept)
        for entry in self.folder.iterdir():
            if entry.name.startswith("replica.sqlite3-"):  # its -wal and -shm files
                entry.unlink(missing_ok=True)
            elif entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
        return kept

    @functools.cached_property
    def lexical(self) -> LexicalIndex:
        """Opened on first use: `stats` never needs it (opening a large index takes 0.1 s)."""
        folder = self.folder / "lexical"
        try:
            return LexicalIndex(folder)
        except ValueError as exc:
            # tantivy cannot open a damaged segment ("Footer magic byte mismatch": a tester's
            # every question then stopped with a traceback). The chunks table is whole.
            log.warning("The keyword index cannot be opened (%s); rebuilding it from the local copy", exc)
            # Under the folder's lock (re-entrant), as every write to it: an ingest in another
            # process applies its chunks under it.
            with self.file_lock:
                try:  # another process may have rebuilt it while this one waited for the lock
                    return LexicalIndex(folder)
                except ValueError:
                    pass
                shutil.rmtree(folder, ignore_errors=True)
                index = LexicalIndex(folder)
                self._fill_lexical(index)
            return index

    # -- state --------------------------------------------------------------------------

    def _state(self, key: str) -> int:
        found = self._db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return int(found[0]) if found else 0

    def _set_state(self, key: str, value: int) -> None:
        self._db.execute("INSERT OR REPLACE INTO state(key, value) VALUES (?, ?)", (key, value))

    def model(self) -> str | None:
        """The embedding model that built the index this replica follows, once known."""
        found = self._db.execute("SELECT value FROM meta WHERE key = 'model'").fetchone()
        return str(found[0]) if found else None

    def set_model(self, name: str | None) -> None:
        if name is not None and name != self.model():
            self._db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('model', ?)", (name,))

    def applied_seq(self) -> int:
        """The highest catalog sequence number this replica has applied."""
        return self._state("seq")

    def version(self) -> int:
        return self._state("version")

    def fingerprints(self, article_ids: Sequence[str]) -> dict[str, str]:
        return dict(self._fingerprint_rows("article_id", article_ids))

    def ids_with_fingerprints(self, fingerprints: Sequence[str]) -> dict[str, str]:
        """An article id holding each of these fingerprints (content and chunking), where one does."""
        found: dict[str, str] = {}
        for article_id, fingerprint in self._fingerprint_rows("fingerprint", fingerprints):
            found.setdefault(fingerprint, article_id)
        return found

    def _fingerprint_rows(self, column: str, values: Sequence[str]) -> Iterator[tuple[str, str]]:
        """(article id, fingerprint) of the articles whose `column` is one of the values, asked 500
        at a time."""
        for start in range(0, len(values), 500):
            part = list(values[start : start + 500])
            marks = ",".join("?" * len(part))
            yield from self._db.execute(
                f"SELECT article_id, fingerprint FROM articles WHERE {column} IN ({marks})", part
            )

    # -- applying changes (the caller holds file_lock) -----------------------------------

    def apply(self, changes: Sequence[ArticleChange], seq: int) -> None:
        """Apply whole-article changes in one transaction, then to BM25 and to memory."""
        with self._lock:
            version = self.version() + 1
            added: list[LexicalDoc] = []
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for change in changes:
                    added.extend(self._apply_article(change, version))
                self._set_state("version", version)
                self._set_state("seq", max(seq, self.applied_seq()))
                self._db.execute("COMMIT")
            except BaseException:
                # SQLite ends the transaction itself on some errors ("database or disk is full"),
                # and a ROLLBACK then raised its own error in place of that one (a review's).
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
            if self._state("lexical_version") == version - 1:
                self.lexical.update([c.record.article_id for c in changes], added)
                self._set_state("lexical_version", version)
            else:
                self.repair_lexical()
            self.refresh()

    def advance_seq(self, seq: int) -> None:
        """Remember that everything up to seq has been seen (nothing in it needed applying)."""
        if seq > self.applied_seq():
            self._set_state("seq", seq)

    def _apply_article(self, change: ArticleChange, version: int) -> list[LexicalDoc]:
        record = change.record
        old_rows = [
            row for (row,) in self._db.execute("SELECT row FROM chunks WHERE article_id = ?", (record.article_id,))
        ]
        self._db.execute("DELETE FROM chunks WHERE article_id = ?", (record.article_id,))
        self._db.executemany(
            "INSERT OR REPLACE INTO removed(row, version) VALUES (?, ?)", [(r, version) for r in old_rows]
        )
        if record.deleted:
            self._db.execute("DELETE FROM articles WHERE article_id = ?", (record.article_id,))
            return []
        self._db.execute(
            "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record.article_id,
                record.fingerprint,
                record.chunk_count,
                record.published_day,
                record.source,
                record.title,
                record.url,
                record.seq,
            ),
        )
        docs = []
        for chunk in change.chunks:
            meta = chunk.metadata
            title = str(meta.get("title", "") or "")
            source = str(meta.get("source", "") or "")
            day = int(meta.get("published_day", 0) or 0)
            cursor = self._db.execute(
                "INSERT INTO chunks(chunk_id, article_id, position, published_day, source, title, url, text, vector,"
                " version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    chunk.chunk_id,
                    record.article_id,
                    int(meta.get("position", 0) or 0),
                    day,
                    source,
                    title,
                    str(meta.get("url", "") or ""),
                    chunk.text,
                    np.asarray(chunk.embedding, dtype=np.float32).tobytes(),
                    version,
                ),
            )
            docs.append(
                LexicalDoc(int(cursor.lastrowid or 0), record.article_id, day, source, f"{title}\n{chunk.text}")
            )
        return docs

    def repair_lexical(self) -> None:
        """Rebuild BM25 from the chunks table: after a kill between the SQLite commit and
        the tantivy commit the two disagree, and SQLite is the one that is whole."""
        with self._lock:
            log.warning("The keyword index is behind the replica (an interrupted write); rebuilding it")
            self.lexical.clear()
            self._fill_lexical(self.lexical)

    def _fill_lexical(self, index: LexicalIndex) -> None:
        """Add every chunk of the replica to an empty keyword index."""
        docs = [
            LexicalDoc(row, article_id, day, source, f"{title}\n{text}")
            for row, article_id, day, source, title, text in self._db.execute(
                "SELECT row, article_id, published_day, source, title, text FROM chunks"
            )
        ]
        for start in range(0, len(docs), 50_000):
            index.update([], docs[start : start + 50_000])
        self._set_state("lexical_version", self.version())

    def lexical_is_current(self) -> bool:
        """BM25 has every change applied, and is there: a keyword index folder deleted by hand
        opens as a new, empty one, and a probe's questions were then told that "no article
        mentions" what 20 did."""
        version = self.version()
        if self._state("lexical_version") != version:
            return False
        # A new replica has none yet, and nothing to rebuild it from.
        return "lexical" in self.__dict__ or version == 0 or (self.folder / "lexical" / "meta.json").is_file()

    # -- memory ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Bring this process's keyword reader, and its vectors once a search needed them, up
        to the replica on disk (another process sharing the folder may have applied changes)."""
        with self._lock:
            version = self.version()
            if version == self._seen_version:
                return
            if "lexical" in self.__dict__:  # opened: see the latest commit (an unopened one will)
                self.lexical.reload()
            self._seen_version = version
            if self._vectors_loaded:
                self._load_vectors()

    def _load_vectors(self) -> None:
        """Read the vectors changed since the last read: the first time, from the newest usable
        snapshot and then SQLite's changes after it."""
        version = self.version()
        if self._memory_version < self._state("reset_version"):  # reset since (another process)
            self.memory, self._memory_version = Vectors(), 0
        if not self._vectors_loaded:
            self._start_from_snapshot(version)
        since = self._memory_version
        if version == since:
            self._vectors_loaded = True
            return
        # Bounded by the version read above: a change committed meanwhile is read next time, once.
        changed = (since, version)
        removed = [
            row for (row,) in self._db.execute("SELECT row FROM removed WHERE version > ? AND version <= ?", changed)
        ]
        self.memory.remove(removed)
        # Read a page at a time, into room made once: a first load of a million vectors would
        # otherwise hold them three times over (the rows, their join and the grown table).
        expected = int(
            self._db.execute("SELECT count(*) FROM chunks WHERE version > ? AND version <= ?", changed).fetchone()[0]
        )
        cursor = self._db.execute(
            "SELECT row, vector, published_day, source FROM chunks WHERE version > ? AND version <= ? ORDER BY row",
            changed,
        )
        loaded = 0
        while page := cursor.fetchmany(LOAD_PAGE_ROWS):
            rows, vectors, days, outlets = zip(*page, strict=True)
            matrix = np.frombuffer(b"".join(vectors), dtype=np.float32).reshape(len(rows), -1)
            if not loaded:
                self.memory.reserve(expected, matrix.shape[1])
            self.memory.add(rows, matrix, days, outlets)
            loaded += len(rows)
        self._memory_version = version
        self._vectors_loaded = True
        if loaded >= SNAPSHOT_AFTER_ROWS:
            self.save_vectors()

    def _usable_snapshots(self, version: int) -> list[tuple[Path, int]]:
        """Snapshots of this replica as it was since its last reset, newest first (one from
        before a reset, or from a replica folder since replaced, holds other vectors)."""
        reset_version = self._state("reset_version")
        return [(path, saved) for path, saved in snapshots(self.snapshot_folder) if reset_version <= saved <= version]

    def _start_from_snapshot(self, version: int) -> None:
        for path, saved in self._usable_snapshots(version):
            try:
                self.memory = Vectors.load(path)
            except (OSError, ValueError) as exc:  # removed meanwhile by a newer save, or damaged
                log.warning("Could not read the vector snapshot %s (%s); reading the vectors instead", path, exc)
                continue
            self._memory_version = saved
            return

    def save_vectors(self) -> None:
        """Save the vectors in memory as a snapshot for the next process to start from."""
        with self._lock:
            if self.memory.live:
                try:
                    self.snapshot_folder.mkdir(exist_ok=True)
                    self.memory.save(self.snapshot_folder, self._memory_version)
                except OSError as exc:  # a full disk: the snapshot only speeds up the next start
                    log.warning("Could not save a vector snapshot in %s (%s); carrying on without", self.folder, exc)
                    return
                self._remove_other_snapshots()

    def _remove_other_snapshots(self) -> None:
        """Other replicas' snapshots (see `snapshot_folder`) and those saved before snapshots had
        a replica's folder: never read again, and a million chunks' take 2 GB."""
        for entry in self.folder.iterdir():
            if entry.is_dir() and entry.name.startswith("vectors-") and entry != self.snapshot_folder:
                shutil.rmtree(entry, ignore_errors=True)

    def vectors_behind_snapshot(self) -> int:
        """How many chunks a new process would read from SQLite rather than a snapshot."""
        usable = self._usable_snapshots(self.version())
        saved = usable[0][1] if usable else 0
        return int(self._db.execute("SELECT count(*) FROM chunks WHERE version > ?", (saved,)).fetchone()[0])

    def prepare_vectors(self) -> None:
        """Load the vectors now, saving a snapshot when many were read from SQLite: called at the
        end of a large ingest, so the first question after it starts up fast."""
        with self._lock:
            self._vectors()

    def _vectors(self) -> Vectors:
        """The in-memory vectors, loaded on first use: `stats` and the CLI's ingest never need them."""
        if not self._vectors_loaded:
            self._load_vectors()
        return self.memory

    # -- reading --------------------------------------------------------------------------

    def dense_search(
        self, query: np.ndarray, k: int, min_day: int | None, max_day: int | None, outlets: Sequence[str]
    ) -> list[tuple[int, float]]:
        with self._lock:  # apply() may be growing the arrays in another thread
            return self._vectors().search(query, k, min_day, max_day, outlets)

    def chunk_days(self) -> np.ndarray:
        """The published day (YYYYMMDD) of every dated chunk up to today, sorted, to count a
        period's chunks with a binary search. Sorted again only after the vectors in memory changed.
        A day after today is a mistyped date, which no answer uses (see date_span)."""
        with self._lock:
            vectors = self._vectors()
            key = (id(vectors), self._memory_version)  # not the object: that would keep an old one alive
            if self._days[0] != key:
                self._days = (key, vectors.sorted_days())
            days = self._days[1]
        return days[: int(np.searchsorted(days, day_number(date.today()), "right"))]

    def first_day(self) -> date | None:
        """The day the oldest dated chunk was published."""
        days = self.chunk_days()
        return day_from_number(int(days[0])) if len(days) else None

    def vector(self, row: int) -> np.ndarray | None:
        with self._lock:
            found = self._vectors().vector(row)
            return None if found is None else found.copy()

    def passages(self, rows: Sequence[int], scores: Mapping[int, float] | None = None) -> dict[int, Passage]:
        """The rows' passages, each with its score if given (made so at once: a search's hundred
        candidates copied to set it had cost as much again)."""
        found: dict[int, Passage] = {}
        columns = "row, chunk_id, article_id, position, published_day, source, title, url, text"
        for row, chunk_id, article_id, position, day, source, title, url, text in self._chunks_of(rows, columns):
            found[row] = Passage(
                chunk_id=chunk_id,
                article_id=article_id,
                title=title,
                text=text,
                published=day_from_number(day),
                source=source or None,
                url=url or None,
                position=position,
                score=scores.get(row, 0.0) if scores is not None else 0.0,
            )
        return found

    def chunk_texts(self, rows: Sequence[int]) -> list[str]:
        """The texts of the rows that exist, in no order: for reading how words are written, where
        making a Passage of each row cost five times the query."""
        return [text for (text,) in self._chunks_of(rows, "text")]

    def headed_chunk_texts(self, rows: Sequence[int]) -> list[str]:
        """The rows' texts under their articles' titles, as the keyword index reads them."""
        return [f"{title}\n{text}" for title, text in self._chunks_of(rows, "title, text")]

    def _chunks_of(self, rows: Sequence[int], columns: str) -> Iterator[tuple[Any, ...]]:
        """The columns of the chunks at these rows, 500 rows a query (SQLite's bound on parameters)."""
        for start in range(0, len(rows), 500):
            part = list(rows[start : start + 500])
            yield from self._db.execute(
                f"SELECT {columns} FROM chunks WHERE row IN ({','.join('?' * len(part))})", part
            )

    def opening_rows(
        self, first_day: int, last_day: int, outlets: Sequence[str] = (), limit: int = 5000
    ) -> list[tuple[int, str, int]]:
        """The rows, titles and days (YYYYMMDD) of the first chunks of the articles published from
        first_day to last_day, of the outlets if any, at most `limit`, oldest first: the period's
        news, for "What happened on March 10?". Read from the articles (a few thousand), not by
        scanning every chunk."""
        query = (
            # CROSS JOIN keeps the articles the outer loop: SQLite had scanned every chunk (a review's).
            "SELECT c.row, a.title, a.published_day FROM articles a CROSS JOIN chunks c"
            " ON c.article_id = a.article_id AND c.position = 0 WHERE a.published_day BETWEEN ? AND ?"
        )
        params: list[object] = [first_day, last_day]
        if outlets:
            query += f" AND a.source IN ({','.join('?' * len(outlets))})"
            params.extend(outlets)
        params.append(limit)
        rows = self._db.execute(query + " ORDER BY a.published_day, c.row LIMIT ?", params)
        return [(row, title, day) for row, title, day in rows]

    def article_text(self, article_id: str) -> str:
        """An article's chunks in order (their overlaps repeated), "" for an unknown article."""
        rows = self._db.execute("SELECT text FROM chunks WHERE article_id = ? ORDER BY position", (article_id,))
        return "\n".join(text for (text,) in rows)

    def article_rows(self, article_id: str) -> list[int]:
        """The rows of an article's chunks, in order."""
        rows = self._db.execute("SELECT row FROM chunks WHERE article_id = ? ORDER BY position", (article_id,))
        return [row for (row,) in rows]

    def chunk_text(self, article_id: str, position: int) -> str | None:
        """The text of an article's chunk at a position, None when there is none."""
        found = self._db.execute(
            "SELECT text FROM chunks WHERE article_id = ? AND position = ?", (article_id, position)
        ).fetchone()
        return found[0] if found else None

    def stats(self) -> IndexStats:
        articles, chunks, first, last, undated, later = self._db.execute(
            "SELECT count(*), coalesce(sum(chunk_count), 0), min(nullif(published_day, 0)), max(published_day),"
            " coalesce(sum(published_day = 0), 0), coalesce(sum(published_day > ?), 0) FROM articles",
            (day_number(date.today()),),
        ).fetchone()
        outlets: Counter[str] = Counter()
        days: dict[str, list[int]] = {}  # outlet -> its first and last day numbers, 0 for none
        rows = self._db.execute(
            "SELECT source, count(*), min(nullif(published_day, 0)), max(published_day) FROM articles GROUP BY source"
        )
        for source, count, first_day, last_day in rows:
            # No source and a source written "unknown" are one line (a review's had one's days only).
            outlets[source or "unknown"] += count
            days[source or "unknown"] = _joined(
                days.get(source or "unknown"), [int(first_day or 0), int(last_day or 0)]
            )
        for site, owner in site_owners(outlets).items():
            outlets[owner] += outlets.pop(site)
            days[owner] = _joined(days[owner], days.pop(site))
        return IndexStats(
            articles=int(articles),
            chunks=int(chunks),
            first_published=day_from_number(int(first or 0)),
            last_published=day_from_number(int(last or 0)) if first else None,
            outlets=dict(outlets.most_common()),
            undated=int(undated),
            dated_after_today=int(later),
            outlet_spans={outlet: _span(*days[outlet]) for outlet, _ in outlets.most_common()},
        )

    def articles_titled(self, titled: Sequence[tuple[str, int]]) -> dict[tuple[str, int], list[tuple[str, str, str]]]:
        """(id, address, outlet) of the articles of each (title, day number)."""
        found: dict[tuple[str, int], list[tuple[str, str, str]]] = {}
        for title, day in dict.fromkeys(titled):
            rows = self._db.execute(
                "SELECT article_id, url, source FROM articles WHERE title = ? AND published_day = ?", (title, day)
            )
            found[(title, day)] = [(article_id, url, source) for article_id, url, source in rows]
        return found

    def articles_at(self, urls: Sequence[str]) -> dict[str, tuple[str, str]]:
        """The article (its id and title) at each of these addresses that some article has, in
        any case (the addresses lower-cased)."""
        found: dict[str, tuple[str, str]] = {}
        for start in range(0, len(urls), SQL_VALUES):  # a large ingest batch asks for thousands
            part = [url.lower() for url in urls[start : start + SQL_VALUES]]
            rows = self._db.execute(
                f"SELECT lower(url), article_id, title FROM articles WHERE lower(url) IN ({','.join('?' * len(part))})",
                part,
            )
            found.update((url, (article_id, title)) for url, article_id, title in rows)
        return found

    def ids_at(self, urls: Sequence[str]) -> set[str]:
        """The ids of every article at any of these addresses, in any case: several may share one
        (ingest warns of them), and all of them are the story there."""
        found: set[str] = set()
        for start in range(0, len(urls), SQL_VALUES):
            part = [url.lower() for url in urls[start : start + SQL_VALUES]]
            rows = self._db.execute(
                f"SELECT article_id FROM articles WHERE lower(url) IN ({','.join('?' * len(part))})", part
            )
            found.update(article_id for (article_id,) in rows)
        return found

    def urls_under(self, addresses: Sequence[str]) -> dict[str, str]:
        """The id and address of every article whose address is one of these with a query added
        ("…/rail-lifts?utm_source=newsletter" for "…/rail-lifts"), in any case."""
        found: dict[str, str] = {}
        for address in addresses:
            pattern = address.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "?%"
            rows = self._db.execute(
                "SELECT article_id, url FROM articles WHERE lower(url) LIKE ? ESCAPE '\\'", (pattern,)
            )
            found.update((article_id, url) for article_id, url in rows)
        return found

    def ids_in_any_case(self, article_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """For each of these ids that an article holds written in another case, that article's
        id and title (keyed by the id lower-cased)."""
        if not article_ids:
            return {}
        rows = self._db.execute(
            f"SELECT lower(article_id), article_id, title FROM articles "
            f"WHERE lower(article_id) IN ({','.join('?' * len(article_ids))})",
            [article_id.lower() for article_id in article_ids],
        )
        return {lowered: (article_id, title) for lowered, article_id, title in rows}

    def outlets(self) -> list[str]:
        """Every outlet in the index, most articles first."""
        return [
            source
            for (source,) in self._db.execute(
                "SELECT source FROM articles WHERE source != '' GROUP BY source ORDER BY count(*) DESC, source"
            )
        ]

    def date_span(self, outlets: Sequence[str] = ()) -> tuple[date | None, date | None]:
        """The first and last day published up to today, of every article or of those from the
        outlets. A day after today is a mistyped date ("2031"), which no answer uses: a newcomer's one
        such article had made the archive's last day 2031, and "What's the latest news?" and the
        month before today (bot/decline.py, period_coverage) were read from it."""
        query = (
            "SELECT min(nullif(published_day, 0)), max(nullif(published_day, 0)) FROM articles WHERE published_day <= ?"
        )
        if outlets:
            query += f" AND source IN ({','.join('?' * len(outlets))})"
        first, last = self._db.execute(query, [day_number(date.today()), *outlets]).fetchone()
        return day_from_number(int(first or 0)), day_from_number(int(last or 0))

    def article_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def article_share(self, outlets: Sequence[str]) -> float:
        """The share of the articles that come from these outlets (0 for an empty index)."""
        held, total = self._db.execute(
            f"SELECT count(*) FILTER (WHERE source IN ({','.join('?' * len(outlets))})), count(*) FROM articles",
            list(outlets),
        ).fetchone()
        return held / total if total else 0.0

    def reset(self) -> None:
        """Forget everything (the caller holds file_lock): the next sync loads the index anew.
        The version keeps growing, and `reset_version` tells other processes (and snapshots
        saved before it) that everything older is gone."""
        with self._lock:
            version = self.version() + 1
            self._db.execute("BEGIN IMMEDIATE")
            for table in ("articles", "chunks", "removed", "state", "meta"):
                self._db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            self._set_state("replica_id", self._id)  # the same replica: `reset_version` tells its snapshots apart
            self._set_state("version", version)
            self._set_state("reset_version", version)
            self._set_state("lexical_version", version - 1)  # a kill before the clear below: rebuilt
            self._db.execute("COMMIT")
            self.lexical.clear()
            self._set_state("lexical_version", version)
            self.memory = Vectors()
            self._memory_version = 0
            self._seen_version = -1
            self._vectors_loaded = False

    def chunk_ids(self) -> list[str]:
        return [chunk_id for (chunk_id,) in self._db.execute("SELECT chunk_id FROM chunks ORDER BY chunk_id")]

    def close(self) -> None:
        self._db.close()

    def vector_count(self) -> int:
        with self._lock:
            return self._vectors().live


def _joined(days: list[int] | None, more: list[int]) -> list[int]:
    """The first and last of two [first, last] day-number pairs (0 for none)."""
    if days is None:
        return more
    return [min(filter(None, (days[0], more[0])), default=0), max(days[1], more[1])]


def _span(first_day: int, last_day: int) -> tuple[date, date] | None:
    """The first and last day of day numbers (0 for none)."""
    first, last = day_from_number(first_day), day_from_number(last_day)
    return (first, last) if first and last else None


def site_owners(outlets: Iterable[str]) -> dict[str, str]:
    """The outlets that are another's site, each with the name it is counted under: an article
    whose "source" wrote "Millbrook Gazette" and others with only their address made two lines of
    a probe's stats, "Millbrook Gazette (2)" and "millbrookgazette.example (1)", which `--outlet`
    reads as one (bot/attribution.py). Only a site that one name begins, its spaces left out."""
    names = [o for o in outlets if " " in o or not o.islower()]
    owners = {}
    for site in [o for o in outlets if "." in o and " " not in o and o.islower()]:
        owning = [n for n in names if site.startswith("".join(n.lower().split()) + ".")]
        if len(owning) == 1:
            owners[site] = owning[0]
    return owners
