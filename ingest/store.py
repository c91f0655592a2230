"""The index as the rest of Newsdesk sees it: Chroma (the truth) plus the local replica.

Writers put chunks and catalog records into Chroma. Every process, writer or reader,
follows the catalog into its replica with `sync()`, so an article ingested anywhere (the
CLI, `/ingest` in another bot, an ingest worker on another machine in http mode) is
answerable everywhere without a restart:
- embedded mode: writers bump a generation file next to the database after each write;
  a reader checks it (one `stat`) before every question, reopens its Chroma client when it
  changed (a stale embedded client fails with "Error finding id") and catches up, unless an
  ingest is running (`ingesting()`): that ingest applies what it writes to the shared replica
  itself. One process at a time opens, reads or writes the database (the index's lock): a read
  can bring Chroma's segments up to date with its log, so two processes inside it at once broke
  the index for good ("Error deserializing pickle file", segfaults on every later open);
- http mode: a reader polls the catalog at most every `index.poll_seconds`.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from filelock import FileLock, ReadWriteLock, Timeout

from ingest.addresses import address_forms
from ingest.catalog import CatalogRecord, StoredChunk, check_model, day_from_number, day_number, next_seq
from ingest.replica import SNAPSHOT_AFTER_ROWS, ArticleChange, Replica
from newsdesk.errors import ConfigError, NewsdeskError
from newsdesk.models import IndexStats, Passage
from newsdesk.providers import Embedder

if TYPE_CHECKING:
    from ingest.chroma_store import ChromaStore
from newsdesk.settings import IndexSettings

log = logging.getLogger(__name__)

__all__ = ["ArticleStore", "day_from_number", "day_number"]

# Catalog records this much older than the newest applied one are read again on each sync:
# two writers in http mode can commit slightly out of sequence order. Re-reading is cheap,
# and applying is skipped when the replica already holds that fingerprint.
SEQ_SLACK = 60_000_000  # microseconds
FETCH_ARTICLES = 200  # articles whose chunks are fetched from Chroma per request
# How long a question that finds the index behind, with no ingest running, waits for another
# process's turn at an embedded Chroma (another reader catching up, `--reembed`) before it
# answers from the replica as it is.
READER_WAIT_SECONDS = 10.0
# How long `ingest_running` waits to tell a running ingest (which holds its lock for minutes) from
# another question checking at the same moment (which holds it for a millisecond).
INGEST_CHECK_SECONDS = 0.05


class ArticleStore:
    """Chroma plus the local replica for one `[index]` configuration."""

    def __init__(self, settings: IndexSettings, model: str | None = None) -> None:
        self.settings = settings
        self.model = model
        self._chroma: ChromaStore | None = None
        if Path(settings.path).exists() and not Path(settings.path).is_dir():
            raise ConfigError(f"index.path {settings.path} is a file: give the index's folder, e.g. var/index")
        try:
            Path(settings.path).mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # a file on its way ("afile/sub"), or a folder no one may write in
            raise ConfigError(f"index.path {settings.path} cannot be made: {exc.strerror or exc}") from None
        self.replica = Replica(Path(settings.path) / f"replica-{settings.collection}")
        if model is not None:
            check_model(self.replica.model(), model, settings)
        self._generation_file = Path(settings.path) / f"{settings.collection}.generation"
        self._write_lock = FileLock(str(Path(settings.path) / f"{settings.collection}.write.lock"))
        # Held, shared, by every ingest or delete for its whole run: see `ingesting()`.
        self._ingest_lock_file = Path(settings.path) / f"{settings.collection}.ingesting.lock"
        self._seen_generation = self._read_generation()
        self._last_poll = -float("inf")
        self._last_seq = 0
        self._reached = False  # whether this process has seen the index in step once
        self._damage_reported = False
        self._sync_lock = threading.RLock()
        self._written: dict[str, StoredChunk] = {}  # chunks this process wrote and has not applied yet
        self.sync()

    @property
    def chroma(self) -> ChromaStore:
        """Opened on first use: a question or `stats` on an up-to-date replica never needs it
        (and importing and opening Chroma is most of a cold start)."""
        if self._chroma is None:
            from ingest.chroma_store import ChromaStore  # imports chromadb: a second of start-up

            with self._chroma_turn():
                self._chroma = ChromaStore(self.settings)
                if self.model is not None:
                    check_model(self._chroma.model(), self.model, self.settings)
                self._migrate_if_needed()
        return self._chroma

    def vector_snapshot_due(self) -> bool:
        """Whether a new process would read many vectors from SQLite rather than a snapshot
        (after a large ingest)."""
        self.sync()
        return self.replica.vectors_behind_snapshot() >= SNAPSHOT_AFTER_ROWS

    def save_vector_snapshot(self) -> None:
        """Load the vectors once and save them as a snapshot for the next process to start from."""
        self.replica.prepare_vectors()

    def connect(self) -> None:
        """Open Chroma now: a long-lived process pays for it at start, not on its first write."""
        _ = self.chroma

    # -- following Chroma -----------------------------------------------------------------

    def _read_generation(self) -> str:
        try:
            return self._generation_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):  # gone, or garbage (a tester's): read Chroma afresh
            return ""

    def _bump_generation(self, seq: int) -> None:
        staging = self._generation_file.with_suffix(".generation.new")
        staging.write_text(str(seq), encoding="utf-8")
        staging.replace(self._generation_file)

    def sync(self, force: bool = False) -> None:
        """Catch the replica up with Chroma when something may have changed.

        Forced (after this process wrote) a failure is raised. Otherwise (before a question)
        an unreachable Chroma is logged and the question is answered from the replica as it
        is, once this process has seen the index in step: a bot keeps answering through a
        Chroma restart and catches up once it is back, while a fresh command says it is down.
        A question does not wait long for another thread's sync either (the bot's ingest thread
        may be waiting for the index's lock behind another process's long write)."""
        # The bot's threads answer and ingest at once.
        if not self._sync_lock.acquire(timeout=-1 if force else READER_WAIT_SECONDS):
            log.info("another thread is bringing the local copy up to date; answering from it as it is")
            return
        try:
            self._sync(force)
            self._reached = True
        except IndexDamaged as exc:
            if force:
                raise
            # Nothing can mend it here, and the replica holds every article it had applied.
            if not self._damage_reported:
                log.warning("%s", exc)
                self._damage_reported = True
            self._reached = True
        except Exception as exc:  # chromadb's and httpx's own errors, whatever the mode
            if force or not self._reached:  # a first look must see the index: no stale answers
                raise
            self._chroma = None  # open it afresh next time
            self._last_poll = time.monotonic()
            log.warning("cannot reach the Chroma index (%s); answering from the local copy until it is back", exc)
        finally:
            self._sync_lock.release()

    def _sync(self, force: bool) -> None:
        if self.settings.mode == "embedded":
            # Unless the keyword index was deleted by hand, which is mended below: a tester's
            # questions were declined for "no article mentions “Fed”" from then on.
            if not (force or self._behind(self._read_generation())) and self.replica.lexical_is_current():
                self.replica.refresh()  # another local process may have applied already
                return
            if not force and self.ingest_running():
                # The ingest applies what it writes to the shared replica as it goes (every few
                # seconds, SYNC_EVERY_SECONDS) and at its end. Catching up here instead took the index's
                # lock between its batches, and a question waited up to READER_WAIT_SECONDS for
                # that turn and then for reading the ingest's chunks back: 5-12 s a question
                # during a 1,500-article ingest. Nor does it wait while the ingest applies (about
                # 5 s for 20k chunks): it answers from what this process holds, as before the
                # ingest's last batches.
                log.info("an ingest is running; answering from the local copy, which it brings up to date")
                try:
                    with self.replica.file_lock.acquire(timeout=0):
                        self.replica.refresh()
                except Timeout:
                    log.debug("the local copy is being updated by the ingest; answering from it as it was")
                return
        elif not force and time.monotonic() - self._last_poll < self.settings.poll_seconds:
            self.replica.refresh()
            return
        self._last_poll = time.monotonic()
        # The index's lock before the replica's, never after: a reader waiting for its turn holds
        # nothing another process needs. A question does not wait out a long write: the writer
        # applies its own chunks to the shared replica as it goes (every SYNC_EVERY_CHUNKS) and
        # at its end, so the replica is answered from as it is.
        with self._chroma_turn(-1 if force else READER_WAIT_SECONDS) as turn, self.replica.file_lock:
            self.replica.refresh()
            if not self.replica.lexical_is_current():
                self.replica.repair_lexical()
            if turn:
                self._catch_up()
            else:
                log.info("another process is writing the index; answering from the local copy")

    @contextmanager
    def _chroma_turn(self, timeout: float = -1) -> Iterator[bool]:
        """This process's turn at an embedded Chroma: the index's lock, held while opening,
        reading or writing it (see the module's notes), with the client reopened if another
        process wrote since. Yields False when the turn did not come within `timeout` seconds
        (-1: wait). A Chroma server (http mode) orders its clients itself."""
        if self.settings.mode != "embedded":
            yield True
            return
        try:
            self._write_lock.acquire(timeout=timeout)
        except Timeout:
            yield False
            return
        try:
            generation = self._read_generation()
            if generation != self._seen_generation and self._chroma is not None:
                self._chroma.reopen()
            self._seen_generation = generation
            yield True
        except Exception as exc:  # chromadb's own types
            if damaged_index(exc):
                raise IndexDamaged(self.settings, exc) from exc
            raise
        finally:
            self._write_lock.release()

    def _behind(self, generation: str) -> bool:
        """Embedded mode: whether a write happened that the replica has not applied. The
        generation file holds the sequence number of the last write."""
        if generation:
            return generation != str(self.replica.applied_seq())
        # No write by this version yet: an empty index, or one an older Newsdesk built.
        return self.replica.applied_seq() == 0 and (Path(self.settings.path) / "chroma.sqlite3").exists()

    def _catch_up(self) -> None:
        model = self.chroma.model()
        if self.replica.model() not in (None, model):
            # Re-embedded elsewhere: every vector held here is of the old model.
            log.warning("The index was re-embedded with %s; rebuilding the local replica", model)
            self.replica.reset()
        elif self.replica.article_count() > self.chroma.catalog_size():
            # Chroma lost articles the replica holds: its database was replaced, or restored from
            # an older backup. The replica would go on answering from them, and `--delete` would
            # say they do not exist (a probe's).
            log.warning("The Chroma index holds fewer articles than the local replica; rebuilding the replica")
            self.replica.reset()
        self.replica.set_model(model)
        applied = self.replica.applied_seq()
        records = self.chroma.catalog_changes(max(applied - SEQ_SLACK, 0))
        if not records:
            return
        held = self.replica.fingerprints([r.article_id for r in records])
        latest: dict[str, CatalogRecord] = {}
        for record in records:  # oldest first: the newest record of an article wins
            latest[record.article_id] = record
        todo = [r for r in latest.values() if (None if r.deleted else r.fingerprint) != held.get(r.article_id)]
        newest = max(r.seq for r in records)
        if not todo:
            self.replica.advance_seq(newest)
            self._written.clear()  # another process applied them: they are not pending here
            return
        unknown = sum(1 for r in todo if not r.deleted and r.chunk_ids()[0] not in self._written) if todo else 0
        if unknown > 1000:
            log.warning("Bringing the local replica up to date: %d articles to load from Chroma", unknown)
        for start in range(0, len(todo), FETCH_ARTICLES):
            part = todo[start : start + FETCH_ARTICLES]
            changes = self._with_chunks(part)
            seq = newest if start + FETCH_ARTICLES >= len(todo) else 0
            self.replica.apply(changes, seq)
        self._written.clear()

    def _with_chunks(self, records: Sequence[CatalogRecord]) -> list[ArticleChange]:
        wanted = [cid for r in records if not r.deleted for cid in r.chunk_ids()]
        known = {cid: self._written[cid] for cid in wanted if cid in self._written}
        fetched = {c.chunk_id: c for c in self.chroma.get_chunks([cid for cid in wanted if cid not in known])}
        fetched.update(known)
        changes = []
        for record in records:
            if record.deleted:
                changes.append(ArticleChange(record))
                continue
            chunks = [fetched[cid] for cid in record.chunk_ids() if cid in fetched]
            if len(chunks) != record.chunk_count:
                # The catalog is written after the chunks, so this means they were removed
                # since (a newer version is on its way): wait for its catalog record.
                log.warning(
                    "article %s: %d of %d chunks in Chroma; skipped for now",
                    record.article_id,
                    len(chunks),
                    record.chunk_count,
                )
                continue
            changes.append(ArticleChange(record, chunks))
        return changes

    # -- writing ----------------------------------------------------------------------------

    @contextmanager
    def ingesting(self) -> Iterator[None]:
        """Held for a whole ingest or delete (embedded mode), shared: several may run at once.
        It tells questions in other processes and threads that the articles being written
        will reach the shared replica from the writer itself (`ingest_running`)."""
        if self.settings.mode != "embedded":
            yield
            return
        try:
            lock = self._ingest_lock()
            lock.acquire_read()
        except (OSError, sqlite3.Error) as exc:
            # A folder shared by another account (the lock file is its owner's alone), or one on a
            # filesystem without the hard links filelock may need: the ingest goes on, and
            # questions elsewhere catch up themselves, as before the lock existed.
            log.warning("cannot take %s (%s); ingesting without it", self._ingest_lock_file, exc)
            yield
            return
        try:
            yield
        finally:
            lock.release()
            lock.close()

    def ingest_running(self) -> bool:
        """Whether an ingest or delete holds `ingesting()` now, in this process or another
        (a process killed mid-ingest holds nothing)."""
        try:
            lock = self._ingest_lock()
        except (OSError, sqlite3.Error) as exc:  # a folder this process may only read: no ingest here either
            log.debug("cannot open %s (%s)", self._ingest_lock_file, exc)
            return False
        try:
            # A short wait, not none: two processes asking at once each hold this side for a moment,
            # and one of them, not waiting, took the other for an ingest (a review: 20% of such
            # checks) and skipped catching up.
            with lock.write_lock(timeout=INGEST_CHECK_SECONDS):
                return False
        except Timeout:
            return True
        finally:
            lock.close()

    def _ingest_lock(self) -> ReadWriteLock:
        # A new instance each time: one instance serves one thread's hold (filelock's rule), and
        # a question thread asks while the bot's ingest thread holds it.
        return ReadWriteLock(str(self._ingest_lock_file), is_singleton=False)

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the index's lock: one writer at a time per embedded index, so two ingests never
        decide "added" for the same article, and no other process reads Chroma meanwhile."""
        with self._write_lock, self._chroma_turn():
            yield

    def finish_interrupted_writes(self) -> int:
        """Inside `writing()`: delete the replaced chunks a killed write left behind (see
        CatalogRecord.replaces); returns how many articles needed it."""
        unfinished = self.chroma.unfinished_records()
        if unfinished:
            log.warning("Finishing %d article update(s) that an interrupted ingest left half done", len(unfinished))
            self.chroma.finish(unfinished)
        return len(unfinished)

    def catalog_records(self, article_ids: Sequence[str]) -> dict[str, CatalogRecord]:
        with self._chroma_turn():
            return self.chroma.catalog_records(article_ids)

    def write(self, chunks: Sequence[StoredChunk], records: Sequence[CatalogRecord], stale: Sequence[str]) -> None:
        """Write inside `writing()`: chunks, then the catalog records, then drop stale chunks."""
        if self.model is not None and chunks:
            self.chroma.claim_model(self.model)
        self.chroma.write(chunks, records, stale)
        self._written.update((c.chunk_id, c) for c in chunks)
        if self.settings.mode == "embedded" and records:
            self._bump_generation(max(r.seq for r in records))
            self._seen_generation = self._read_generation()

    def new_seq(self) -> int:
        self._last_seq = next_seq(max(self.replica.applied_seq(), self._last_seq))
        return self._last_seq

    def pending_chunks(self) -> int:
        return len(self._written)

    def reembed(self, embedder: Embedder, progress: Callable[[int, int], None] | None = None) -> int:
        """Re-embed every chunk with another model (`newsdesk ingest --reembed`); returns the
        chunk count. Chunks are copied into a new collection and swapped in whole, so a kill
        leaves the old index usable; the replica is then rebuilt from the new one."""
        with self.writing():
            chroma = self.chroma
            total = chroma.count_chunks()
            target = chroma.start_reembed()
            done = 0
            for ids, texts, metas in chroma.iter_chunk_pages():
                vectors = embedder.embed_texts(
                    [embedded_text(text, meta) for text, meta in zip(texts, metas, strict=True)]
                )
                chroma.put_chunks(
                    target,
                    [
                        StoredChunk(cid, text, meta, vector)
                        for cid, text, meta, vector in zip(ids, texts, metas, vectors.tolist(), strict=True)
                    ],
                )
                done += len(ids)
                if progress:
                    progress(done, total)
            chroma.finish_reembed(embedder.name)
            seq = self.new_seq()
            self._bump_generation(seq)
            self._seen_generation = self._read_generation()
        with self.replica.file_lock:
            self.replica.reset()
        self.model = embedder.name
        self.sync(force=True)
        return done

    # -- reading ----------------------------------------------------------------------------

    def count_chunks(self) -> int:
        return self.replica.stats().chunks

    def stats(self) -> IndexStats:
        self.sync()
        return self.replica.stats()

    def article_count(self) -> int:
        self.sync()
        return self.replica.article_count()

    def articles_at(self, urls: Sequence[str]) -> dict[str, tuple[str, str]]:
        self.sync()
        return self.replica.articles_at(urls)

    def ids_at(self, urls: Sequence[str]) -> set[str]:
        self.sync()
        return self.replica.ids_at(urls)

    def urls_under(self, addresses: Sequence[str]) -> dict[str, str]:
        self.sync()
        return self.replica.urls_under(addresses)

    def ids_at_address(self, address: str) -> list[str]:
        """The ids of the articles at an address as ingest tells one page (see address_forms),
        those stored at it with other tracking parameters too."""
        forms = address_forms(address)
        found = self.ids_at(forms)
        same = {form.lower() for form in forms}
        # Any query of the given address is stripped first: "…?utm_source=other" is the page of
        # "…?utm_source=newsletter" (a review's).
        for article_id, url in self.urls_under(sorted({form.split("?", 1)[0] for form in forms})).items():
            if any(form.lower() in same for form in address_forms(url)):
                found.add(article_id)
        return sorted(found)

    def ids_in_any_case(self, article_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        self.sync()
        return self.replica.ids_in_any_case(article_ids)

    def held(self, article_ids: Sequence[str]) -> set[str]:
        """Those of these articles the index holds now (another process may have deleted some)."""
        self.sync()
        return set(self.replica.fingerprints(article_ids))

    def outlets(self) -> list[str]:
        """Every outlet in the index, most articles first."""
        return self.replica.outlets()

    def date_span(self, outlets: Sequence[str] = ()) -> tuple[date | None, date | None]:
        return self.replica.date_span(outlets)

    def article_text(self, article_id: str) -> str:
        return self.replica.article_text(article_id)

    def article_rows(self, article_id: str) -> list[int]:
        return self.replica.article_rows(article_id)

    def chunk_text(self, article_id: str, position: int) -> str | None:
        return self.replica.chunk_text(article_id, position)

    def article_share(self, outlets: Sequence[str]) -> float:
        return self.replica.article_share(outlets)

    def dense_search(
        self,
        query: np.ndarray,
        k: int,
        min_day: int | None = None,
        max_day: int | None = None,
        outlets: Sequence[str] = (),
    ) -> list[tuple[int, float]]:
        return self.replica.dense_search(query, k, min_day, max_day, outlets)

    def lexical_search(
        self,
        query: str,
        k: int,
        min_day: int | None = None,
        max_day: int | None = None,
        outlets: Sequence[str] = (),
        every_term: bool = False,
    ) -> list[tuple[int, float]]:
        return self.replica.lexical.search(query, k, min_day, max_day, outlets, every_term)

    def passages(self, rows: Sequence[int], scores: Mapping[int, float] | None = None) -> dict[int, Passage]:
        return self.replica.passages(rows, scores)

    def chunk_texts(self, rows: Sequence[int]) -> list[str]:
        return self.replica.chunk_texts(rows)

    def headed_chunk_texts(self, rows: Sequence[int]) -> list[str]:
        return self.replica.headed_chunk_texts(rows)

    def opening_rows(
        self, first_day: int, last_day: int, outlets: Sequence[str] = (), limit: int = 5000
    ) -> list[tuple[int, str, int]]:
        return self.replica.opening_rows(first_day, last_day, outlets, limit)

    def vector(self, row: int) -> np.ndarray | None:
        return self.replica.vector(row)

    # -- an index written by Newsdesk before the catalog existed ------------------------------

    def _migrate_if_needed(self) -> None:
        chroma = self._chroma
        assert chroma is not None
        if chroma.catalog_size() > 0 or chroma.count_chunks() == 0:
            return
        log.warning("Building the article catalog of an index made by an older Newsdesk (once)")
        versions: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
        for _, _, meta in chroma.iter_chunks():
            key = (str(meta.get("article_id", "")), str(meta.get("content_hash", "")))
            versions.setdefault(key, []).append(meta)
        records = []
        seq = self.new_seq()
        for (article_id, fingerprint), metas in versions.items():
            if len(metas) != int(metas[0].get("chunk_count", 0) or 0):
                continue  # a version cut short by a crash: the next ingest writes it whole
            first = metas[0]
            records.append(
                CatalogRecord(
                    article_id,
                    fingerprint,
                    len(metas),
                    int(first.get("published_day", 0) or 0),
                    str(first.get("source", "") or ""),
                    str(first.get("title", "") or ""),
                    str(first.get("url", "") or ""),
                    seq,
                )
            )
        with self._write_lock:
            self._chroma.write([], records, [])  # type: ignore[union-attr]
            if records:
                self._bump_generation(seq)


# What embedded Chroma says when a vector index file of a collection is cut short or missing: a
# process killed while Chroma saved it (a probe's SIGTERM left `index_metadata.pickle` cut short
# and no `link_lists.bin`). Every later read or write of that collection fails.
DAMAGED_INDEX_SIGNS = ("Error deserializing pickle file", "Error constructing hnsw segment reader")


def damaged_index(exc: BaseException) -> bool:
    return any(sign in str(exc) for sign in DAMAGED_INDEX_SIGNS)


class IndexDamaged(NewsdeskError):
    """An embedded Chroma index that can no longer be read: said in one line, not a traceback."""

    def __init__(self, settings: IndexSettings, exc: BaseException) -> None:
        text = str(exc)
        detail = text[min(text.find(sign) for sign in DAMAGED_INDEX_SIGNS if sign in text) :] or text
        super().__init__(
            f"the Chroma index in {settings.path} is damaged ({detail}), most likely by a process "
            "killed while Chroma saved it. Questions are answered from the local replica, but nothing can be "
            "written: to go on ingesting, move the folder aside and ingest the articles into a new one"
        )


def embedded_text(text: str, meta: Mapping[str, Any]) -> str:
    """What the model embeds for a stored chunk: its text after its title, unless the title
    was too long to fit (recorded at ingest; older indexes kept llama-index's node instead)."""
    from llama_index.core.schema import MetadataMode, TextNode
    from llama_index.core.vector_stores.utils import metadata_dict_to_node

    if "title_embedded" in meta:
        if not meta["title_embedded"]:
            return text
        return TextNode(text=text, metadata={"title": meta.get("title", "")}).get_content(MetadataMode.EMBED)
    if "_node_content" in meta:
        return metadata_dict_to_node(dict(meta), text=text).get_content(metadata_mode=MetadataMode.EMBED)
    return text
