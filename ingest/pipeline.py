"""read → parse → chunk → embed → store, in batches that are each all-or-nothing.

Large ingests chunk in two worker processes while this process writes the previous batch,
so both cores stay busy. With the static model the workers embed too: writing to Chroma, the
replica and BM25 keeps this process busy on its own (whole corpus: about 145% CPU, 118 s, when
this process embedded). MiniLM embeds here, where torch uses both cores by itself.
"""

from __future__ import annotations

import difflib
import hashlib
import logging
import multiprocessing
import os
import re
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core.schema import MetadataMode

from ingest.addresses import ADDRESS, address_forms
from ingest.catalog import CatalogRecord, StoredChunk, day_number
from ingest.chunking import chunk_article, make_splitter
from ingest.readers import ReadResult, content_hash, content_id, outlet_from_url, read_bytes, read_paths, text_id
from ingest.store import ArticleStore
from newsdesk.errors import InputError
from newsdesk.models import Article, IngestFailure, IngestReport, SkippedDraft, SkippedFile, SkippedSectionPage
from newsdesk.providers import Embedder, StaticEmbedder, build_embedding, embedding_tokenizer
from newsdesk.settings import EmbeddingSettings, Settings

log = logging.getLogger(__name__)

# Bump when chunking changes in code, so existing indexes are re-chunked on the next ingest.
CHUNKING_VERSION = 1
# Below this many articles to write, chunk in this process: starting workers costs seconds.
PARALLEL_FROM_ARTICLES = 256
# Chunks written but not yet applied to this process's replica before it catches up, and the
# seconds after which it catches up anyway: questions in other processes answer from the
# replica while an ingest runs (they leave the catching up to it), so what it wrote becomes
# answerable within this many seconds.
SYNC_EVERY_CHUNKS = 20_000
SYNC_EVERY_SECONDS = 5.0

# (articles done, articles in all): called after each batch.
ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class ChunkedArticle:
    """An article cut into chunks, ready to embed (or why it could not be)."""

    article: Article
    fingerprint: str
    chunk_ids: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()  # stored and quoted
    embed_texts: tuple[str, ...] = ()  # what the model sees: the title and the text
    metadatas: tuple[dict[str, Any], ...] = ()
    error: str | None = None
    vectors: np.ndarray | None = None  # when a worker embedded the chunks
    model: str = ""  # ...with this model


def split_article(article: Article, fingerprint: str, splitter: Any) -> ChunkedArticle:
    try:
        nodes = chunk_article(article, fingerprint, splitter)
    except InputError as exc:  # an article over the size or time budget
        return ChunkedArticle(article, fingerprint, error=str(exc))
    if not nodes:
        return ChunkedArticle(article, fingerprint, error="article has no text to index")
    return ChunkedArticle(
        article,
        fingerprint,
        tuple(node.node_id for node in nodes),
        tuple(node.get_content(metadata_mode=MetadataMode.NONE) for node in nodes),
        tuple(node.get_content(metadata_mode=MetadataMode.EMBED) for node in nodes),
        # Whether the title was embedded with the text (a title too long to fit is not).
        tuple(
            {**node.metadata, "title_embedded": int("title" not in node.excluded_embed_metadata_keys)} for node in nodes
        ),
    )


_worker_splitter: Any = None
_worker_embedder: Embedder | None = None


def _start_worker(parent: int, chunk_size: int, chunk_overlap: int, embedding: EmbeddingSettings, embed: bool) -> None:
    global _worker_splitter, _worker_embedder
    # Ctrl-C reaches the terminal's whole process group: a worker it stopped left the ingest waiting
    # for it forever (a probe's, 3 of 5 tries). The ingest alone stops, and waits out their batches.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    _worker_splitter = make_splitter(chunk_size, chunk_overlap, embedding_tokenizer(embedding))
    _worker_embedder = build_embedding(embedding) if embed else None


@contextmanager
def _ctrl_c_not_inherited() -> Iterator[None]:
    """Ctrl-C held back while a worker starts, so that the worker starts with it held back: its own
    setting (_start_worker) comes only after its imports, during which a fresh clone's CI run caught
    it (a traceback). Blocked, not ignored: a Ctrl-C in that moment waits, and stops the ingest as
    soon as the submit is done (one ignored was lost, and the ingest ran to its end: a CI run's).
    A process inherits its starter's blocked signals. Only in the main thread, where signals are
    handled; for the moment a submit takes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _exit_with_parent(parent: int) -> None:
    """A worker ends when its ingest does. An ingest killed (SIGKILL, or SIGTERM's default) cannot
    stop its workers: a probe found them alive half an hour later, 280 MB each, holding the
    ingest's output pipe open so that the program reading it hung."""
    while os.getppid() == parent:  # a worker whose parent died is adopted by another process
        time.sleep(1.0)
    os._exit(1)


def _split_in_worker(todo: list[tuple[Article, str]]) -> list[ChunkedArticle]:
    chunked = [split_article(article, fingerprint, _worker_splitter) for article, fingerprint in todo]
    if _worker_embedder is None:
        return chunked
    vectors = _worker_embedder.embed_texts([text for item in chunked for text in item.embed_texts])
    embedded, offset = [], 0
    for item in chunked:
        count = len(item.embed_texts)
        embedded.append(replace(item, vectors=vectors[offset : offset + count], model=_worker_embedder.name))
        offset += count
    return embedded


class Ingestor:
    """Puts articles into the index without ever duplicating one."""

    def __init__(self, settings: Settings, store: ArticleStore, embed_model: Embedder | None = None) -> None:
        self.settings = settings
        self.store = store
        self.embed_model = embed_model or build_embedding(settings.embedding)
        self.chunk_overlap = min(settings.ingest.chunk_overlap, settings.ingest.chunk_size // 2)
        self.splitter = make_splitter(
            settings.ingest.chunk_size, self.chunk_overlap, embedding_tokenizer(settings.embedding)
        )
        # Part of every fingerprint, so new chunk settings re-chunk articles already indexed.
        self.chunking = f"{self.splitter.chunk_size}/{self.splitter.chunk_overlap}/{CHUNKING_VERSION}"

    def fingerprint(self, article: Article) -> str:
        """What decides "unchanged": the article's content and how it is chunked."""
        return hashlib.sha256(f"{content_hash(article)}|{self.chunking}".encode()).hexdigest()[:16]

    def ingest_paths(
        self,
        paths: Sequence[str],
        stdin_bytes: bytes | None = None,
        progress: ProgressCallback | None = None,
        report: IngestReport | None = None,
    ) -> IngestReport:
        """Ingest files, folders (recursively) and '-' (standard input); counted in `report` if
        given, which then says what was written before an interrupt."""
        max_bytes = int(self.settings.ingest.max_file_mb * 1_000_000)
        return self.ingest_results(
            read_paths(
                paths,
                max_bytes,
                stdin_bytes,
                self.settings.ingest.max_article_chars,
                not_walked=[Path(self.settings.index.path)],
            ),
            progress,
            report=report,
        )

    def ingest_bytes(
        self, data: bytes, name: str, progress: ProgressCallback | None = None, replace: bool = True
    ) -> IngestReport:
        """Ingest one uploaded file (its name picks the format); see ingest_results for `replace`."""
        max_bytes = int(self.settings.ingest.max_file_mb * 1_000_000)
        return self.ingest_results(
            read_bytes(data, name, name, max_bytes, self.settings.ingest.max_article_chars), progress, replace
        )

    def ingest_results(
        self,
        results: Iterable[ReadResult],
        progress: ProgressCallback | None = None,
        replace: bool = True,
        report: IngestReport | None = None,
    ) -> IngestReport:
        """Ingest what the readers produced; failures are reported, the rest goes in. Without
        `replace`, an article the index holds with other content is kept as it is (report.kept):
        a Discord editor's upload had rewritten a real story under its outlet's title and address."""
        report = report if report is not None else IngestReport()
        articles: dict[str, Article] = {}
        conflicting: dict[str, list[Article]] = {}  # ids read again with other content
        for result in results:
            if isinstance(result, IngestFailure):
                report.failed.append(result)
            elif isinstance(result, SkippedFile):
                (report.links if result.link else report.skipped).append(result.path)
            elif isinstance(result, SkippedDraft):
                report.drafts.append(result.path)
            elif isinstance(result, SkippedSectionPage):
                report.sections.append(result.path)
            elif result.id in articles:
                if content_hash(result) != content_hash(articles[result.id]):
                    conflicting.setdefault(result.id, []).append(result)
            else:
                articles[result.id] = result
        # Two versions of one id in one run: which is newer, nothing says, and writing the first
        # read rolled a probe's `ingest feb mar` back to February's story.txt after March's had
        # replaced it. Neither is written; the index keeps what it had.
        for article_id, others in conflicting.items():
            versions = [articles.pop(article_id), *others]
            for version in versions:
                # Each failure names the other places only: its own is already the failure's.
                places = ", ".join(a.where for a in versions if a is not version)
                reason = (
                    f"article id {article_id!r} is also read, with different content, from {places}; none of "
                    "them was written (give each its own id, or ingest one version)"
                )
                report.failed.append(IngestFailure(version.origin, version.line, reason))
        sharing = _sharing_an_address(list(articles.values())) if replace else []
        # Copies read in the same run (see _changed for a copy of a held article).
        # A name a copy is saved under ("story (1)", "story copy") is the copy, whichever is read first.
        first_of: dict[str, str] = {}
        for article_id, article in sorted(articles.items(), key=lambda item: COPY_NAME.search(item[0]) is not None):
            if (first := first_of.setdefault(content_hash(article), article_id)) != article_id:
                sharing.append((article_id, _copy_of(first)))
        with self.store.ingesting():
            self._write(list(articles.values()), report, progress, replace)
            self._replace_former_ids(articles, report, replace)
        # Not of an article kept out (an upload whose id is taken), which a Discord probe's was
        # warned of as dated after today too; one read again unchanged still is.
        today = date.today()
        kept_out = {article_id for article_id, _ in report.kept}
        report.future = [
            (a.id, a.where, a.published)
            for a in articles.values()
            if a.published and a.published > today and a.id not in kept_out
        ]
        # Of the articles this run wrote: read again unchanged, a copy had been warned of every run.
        said = {article_id for article_id, _ in report.same_address}
        report.same_address += [(i, why) for i, why in sharing if i in report.written and i not in said]
        return report

    def _replace_former_ids(self, articles: Mapping[str, Article], report: IngestReport, replace: bool) -> None:
        """Remove the articles written under the id an earlier version gave the same record (see
        Article.former_id), now that each is written under its own: re-ingested after the upgrade,
        a review's feed was held twice. Each counts as updated, not added. Without `replace`, only
        an article of the very same content: a Discord editor's JSON upload with a "guid" and
        another article's title and date as its text had deleted that article (its id is the
        hash of those), and the editor could then paste other words under its title."""
        by_former = {
            a.former_id: a
            for a in articles.values()
            if a.former_id and a.id in report.written and a.former_id not in articles
        }
        records = self.store.catalog_records(list(by_former))
        held = [
            former
            for former, record in records.items()
            if replace or record.fingerprint == self.fingerprint(by_former[former])
        ]
        if not held:
            return
        self._delete(held, IngestReport())
        moved = min(len(held), report.added)
        report.added -= moved
        report.updated += moved

    def delete(self, article_ids: Sequence[str]) -> IngestReport:
        """Remove articles by id; an unknown id is reported as a failure."""
        report = IngestReport()
        with self.store.ingesting():
            self._delete(article_ids, report)
        return report

    def _delete(self, asked: Sequence[str], report: IngestReport) -> None:
        at_address = self._ids_at_addresses(asked)
        article_ids = [held for given in asked for held in at_address.get(given) or [given]]
        with self.store.writing():
            self.store.finish_interrupted_writes()
            found = self.store.catalog_records(article_ids)
            # A text file's id is its name in lower case, without its ending: "Story" or
            # "story.txt" for the article of Story.txt are told which id it has.
            meant = {article_id: _id_meant(article_id) for article_id in article_ids if article_id not in found}
            known = self.store.catalog_records([guess for guess in meant.values() if guess])
            seq = self.store.new_seq()
            tombstones = []
            stale: list[str] = []
            for article_id in dict.fromkeys(article_ids):
                record = found.get(article_id)
                if record is None:
                    guess = meant.get(article_id)
                    hint = (
                        f" (did you mean {guess!r}? a text file's id is its name in lower case)"
                        if guess in known
                        else ""
                    )
                    missing = "at this address or with this id" if ADDRESS.fullmatch(article_id) else "with this id"
                    report.failed.append(IngestFailure(article_id, None, f"no article {missing} in the index{hint}"))
                    continue
                report.deleted_at_address += [
                    (given, article_id) for given, ids in at_address.items() if article_id in ids
                ]
                tombstone = CatalogRecord(article_id, "", 0, 0, "", "", "", seq, deleted=True)
                tombstones.append(tombstone.replacing(record))
                stale.extend(record.chunk_ids())
                report.deleted += 1
            if tombstones:
                self.store.write([], tombstones, stale)
        self.store.sync(force=True)

    def _ids_at_addresses(self, asked: Sequence[str]) -> dict[str, list[str]]:
        """The ids of the articles at each of these that is an address and no id: a reader knows
        a story by its address ("--delete https://…"), while its id is its feed's (an operator's
        probe was told only that no article had that id)."""
        addresses = [given for given in asked if ADDRESS.fullmatch(given.strip())]
        if not addresses:
            return {}
        ids = set(self.store.catalog_records(addresses))
        # Every article there: two at one address (ingest warns of them) are one story to its reader.
        # Stored with tracking parameters too (a tester's "--delete …/rail-lifts" had found no
        # article stored at "…/rail-lifts?utm_source=newsletter").
        return {given: self.store.ids_at_address(given) for given in addresses if given not in ids}

    # -- writing ---------------------------------------------------------------------------

    def _write(
        self, articles: list[Article], report: IngestReport, progress: ProgressCallback | None, replace: bool = True
    ) -> None:
        total = len(articles)
        size = self.settings.ingest.batch_articles
        with self.store.writing():
            self.store.finish_interrupted_writes()
        batches = [articles[start : start + size] for start in range(0, total, size)]
        if progress:
            progress(0, total)
        done = 0
        applied = time.monotonic()

        def finish(batch: list[Article], chunked: list[ChunkedArticle]) -> None:
            nonlocal done, applied
            self._store_batch(chunked, report, replace)
            # Every few seconds even with nothing of its own to apply: questions leave the catching up
            # to a running ingest, and another process's writes may wait for it (a killed ingest's).
            if self.store.pending_chunks() >= SYNC_EVERY_CHUNKS or time.monotonic() - applied >= SYNC_EVERY_SECONDS:
                self.store.sync(force=True)
                applied = time.monotonic()
            done += len(batch)
            if progress:
                progress(done, total)

        if total >= PARALLEL_FROM_ARTICLES:
            self._write_in_parallel(batches, report, finish, replace)
        else:
            for batch in batches:
                todo = self._changed(batch, report, replace)
                finish(batch, [split_article(a, fp, self.splitter) for a, fp in todo])
        self.store.sync(force=True)

    def _write_in_parallel(
        self,
        batches: list[list[Article]],
        report: IngestReport,
        finish: Callable[[list[Article], list[ChunkedArticle]], None],
        replace: bool = True,
    ) -> None:
        # "spawn": this process runs Chroma's and tantivy's threads, which a fork would copy mid-flight.
        context = multiprocessing.get_context("spawn")
        # The workers build the same static model from the settings (a model passed in is used here).
        embed = isinstance(self.embed_model, StaticEmbedder) and self.settings.embedding.model == "static"
        # The ingest's own pid, not the worker's parent as it starts: the ingest may be gone by then.
        initargs = (os.getpid(), self.settings.ingest.chunk_size, self.chunk_overlap, self.settings.embedding, embed)
        queued: deque[tuple[list[Article], Future[list[ChunkedArticle]]]] = deque()
        with ProcessPoolExecutor(2, mp_context=context, initializer=_start_worker, initargs=initargs) as pool:
            try:
                for batch in batches:
                    todo = self._changed(batch, report, replace)
                    with _ctrl_c_not_inherited():  # a submit may start a worker
                        queued.append((batch, pool.submit(_split_in_worker, todo)))
                    while len(queued) > 4:  # a few batches ahead keep the workers busy
                        done_batch, future = queued.popleft()
                        finish(done_batch, future.result())
                while queued:
                    done_batch, future = queued.popleft()
                    finish(done_batch, future.result())
            except BaseException:
                # Interrupted (SIGTERM reaches this process alone, where Ctrl-C reaches the workers
                # too): the batches queued ahead are not chunked for nothing before it stops. It
                # waits for the batches the workers hold: shutdown(wait=False) forgets the pool's
                # manager thread, which then raced the interpreter's exit ("Bad file descriptor"
                # from concurrent.futures' atexit hook, a traceback after the interrupt message).
                pool.shutdown(wait=True, cancel_futures=True)
                raise

    def _changed(self, batch: list[Article], report: IngestReport, replace: bool = True) -> list[tuple[Article, str]]:
        """The articles of a batch that the index does not hold as they are (counted unchanged
        otherwise); without `replace`, only those it does not hold at all (see ingest_results)."""
        stored = self.store.catalog_records([a.id for a in batch])
        # Asked of the batch at once, as the catalog is: an editor's upload is read one article at a time.
        in_any_case = self.store.ids_in_any_case([a.id for a in batch]) if not replace else {}
        # The new articles' addresses, looked up at once: one by one, with a sync each, they had
        # made a 3,000-article ingest six times slower (a review's). An administrator's run reads
        # the replica as last synced, without a sync (and its file lock) per batch: an interrupt
        # landing inside the lock's code left a traceback at exit (a CI-like run's). An editor's
        # upload, one article, is checked against the index as it is now.
        addresses = [form for a in batch if a.url and a.id not in stored for form in address_forms(a.url)]
        held_at = self.store.replica.articles_at(addresses) if replace else self.store.articles_at(addresses)
        unnamed = [(a.title, day_number(a.published)) for a in batch if a.id not in stored and _known_by_text(a)]
        titled = self.store.replica.articles_titled(unnamed) if unnamed else {}
        fingerprints = {article.id: self.fingerprint(article) for article in batch}
        new = [fingerprints[a.id] for a in batch if a.id not in stored]
        copied = self.store.replica.ids_with_fingerprints(new) if new else {}
        todo = []
        for article in batch:
            fingerprint = fingerprints[article.id]
            record = stored.get(article.id)
            if record is not None and record.fingerprint == fingerprint:
                report.unchanged += 1
            elif record is not None and not replace:
                report.kept.append((article.id, _held_id(record)))
            elif not replace and (held := _held_in_another_case(article, in_any_case)) is not None:
                # "28425E6C721B" beside the held "28425e6c721b": the same article's id, to a reader.
                report.kept.append((article.id, held))
            elif not replace and (held := _address_held(article, held_at)) is not None:
                # A new id at a held article's address: a forged copy would be quoted beside the
                # real one under its outlet's name (a review's way round the rule above).
                report.kept.append((article.id, held))
            else:
                if record is None and replace and (held := _address_held(article, held_at)) is not None:
                    # An administrator's copy goes in, but not unsaid: a probe's correction of one of
                    # two copies left the other's first version quoted.
                    report.same_address.append((article.id, held))
                elif record is None and copied.get(fingerprint, article.id) != article.id:
                    # The same article under another id (a file saved twice, "story (1).txt"): a
                    # librarian's correction of the first was hidden behind the copy's old figure.
                    report.same_address.append((article.id, _copy_of(copied[fingerprint])))
                elif record is None and (held := _title_held(article, titled, self.store.replica.article_text)):
                    # An id-less record is known by its text: edited, it is another article, and
                    # a newcomer's correction went in beside the first version without a word.
                    report.same_address.append((article.id, held))
                todo.append((article, fingerprint))
        return todo

    def _store_batch(self, chunked: list[ChunkedArticle], report: IngestReport, replace: bool = True) -> None:
        ready = []
        for item in chunked:
            if item.error is not None:
                report.failed.append(IngestFailure(item.article.origin, item.article.line, item.error))
            else:
                ready.append(item)
        if not ready:
            return
        if all(item.vectors is not None and item.model == self.embed_model.name for item in ready):
            vectors = np.concatenate([item.vectors for item in ready if item.vectors is not None])
        else:
            vectors = self.embed_model.embed_texts([text for item in ready for text in item.embed_texts])
        # Counted once written: an interrupted run says what it wrote, not what it was writing. An
        # interrupt inside the write leaves the batch uncounted, whole in the index or absent: the
        # count may be a batch short, never a batch more. (Asking the index afterwards, under its
        # lock, met a second interrupt in a CI-like run: a traceback; and blocking the signals in
        # this thread leaves them to Chroma's threads.)
        _count_into(report, self._write_batch(ready, vectors, replace))

    def _write_batch(self, ready: list[ChunkedArticle], vectors: np.ndarray, replace: bool) -> IngestReport:
        """Write the batch's changed articles; what was written, counted."""
        done = IngestReport()
        with self.store.writing():
            # Decided again under the lock: another ingest may have written these meanwhile.
            current = self.store.catalog_records([item.article.id for item in ready])
            seq = self.store.new_seq()
            chunks: list[StoredChunk] = []
            records: list[CatalogRecord] = []
            stale: list[str] = []
            offset = 0
            for item in ready:
                item_vectors = vectors[offset : offset + len(item.chunk_ids)]
                offset += len(item.chunk_ids)
                existing = current.get(item.article.id)
                if existing is not None and existing.fingerprint == item.fingerprint:
                    done.unchanged += 1
                    continue
                if existing is not None and not replace:  # written by another ingest meanwhile
                    done.kept.append((item.article.id, _held_id(existing)))
                    continue
                named_by = _named_by(item.article)
                if item.article.published is None:  # said of what this run writes, not of each re-read
                    done.undated.append((item.article.id, item.article.where))
                if existing is None:
                    done.added += 1
                else:
                    done.updated += 1
                    stale.extend(existing.chunk_ids())
                    if existing.named_by and named_by and existing.named_by != named_by:
                        done.renamed.append((item.article.id, existing.named_by, named_by))
                    elif _another_story(existing, item.article):
                        done.overwritten.append((item.article.id, _described(existing), _described(item.article)))
                chunks.extend(
                    StoredChunk(cid, text, meta, vector.tolist())
                    for cid, text, meta, vector in zip(
                        item.chunk_ids, item.texts, item.metadatas, item_vectors, strict=True
                    )
                )
                record = _record(item, seq, named_by)
                records.append(record if existing is None else record.replacing(existing))
                done.chunks += len(item.chunk_ids)
                done.words += len(item.article.text.split())
            if records:
                self.store.write(chunks, records, stale)
                done.written.update(record.article_id for record in records)
        return done


def _count_into(report: IngestReport, batch: IngestReport) -> None:
    """Add a written batch's counts and notices to the run's report."""
    report.added += batch.added
    report.updated += batch.updated
    report.unchanged += batch.unchanged
    report.chunks += batch.chunks
    report.words += batch.words
    report.kept += batch.kept
    report.renamed += batch.renamed
    report.overwritten += batch.overwritten
    report.undated += batch.undated
    report.written |= batch.written


def _address_held(article: Article, held_at: dict[str, tuple[str, str]]) -> str | None:
    """Why the article's address is another's (`held_at`: ArticleStore.articles_at of its forms,
    and maybe of others'); None when it is no one's but its own."""
    if not article.url:
        return None
    for form in address_forms(article.url):
        found = held_at.get(form.lower())
        if found is not None and found[0] != article.id:
            other_id, title = found
            return f"its address is that of the article {other_id!r}, “{title}”"
    return None


# The look of an id that is a text's hash (readers.content_id).
CONTENT_ID = re.compile(r"[0-9a-f]{16}")


COPY_NAME = re.compile(r"\s*\(\d+\)$|[\s_-]+copy(?:[\s_-]*\d+)?$", re.IGNORECASE)


def _copy_of(held: str) -> str:
    """Why a written article is warned of as a copy (see report.same_address_lines)."""
    return f"it is a copy of the article {held!r} (the same title, date, outlet, address and text)"


def _known_by_text(article: Article) -> bool:
    """The article's id is its text's hash (a JSON record with no id or address, or a text read
    from standard input): nothing else names it."""
    return not article.url and article.id == content_id(article.text)


def _title_held(
    article: Article,
    titled: Mapping[tuple[str, int], list[tuple[str, str, str]]],
    text_of: Callable[[str], str],
) -> str | None:
    """Why an article known by its text may be another version of a held one: that one, known by
    its text too, has the same title, day (or none) and outlet, and much the same words (a review's
    two "Letters to the editor" of one day were told to be one). None when none has."""
    if not _known_by_text(article):
        return None
    for other_id, url, source in titled.get((article.title, day_number(article.published)), []):
        if (
            other_id != article.id
            and not url
            and source == (article.source or "")
            and CONTENT_ID.fullmatch(other_id)
            and _much_the_same(article.text, text_of(other_id))
        ):
            same = "title and day are those" if article.published else "title is that"
            return (
                f"its {same} of the article {other_id!r} (an article without an id is "
                "known by its text, so an edited one is another)"
            )
    return None


# The share of words two versions of an article have in common (difflib's ratio) from which one
# is taken for an edit of the other: a corrected sentence leaves most of them.
SAME_WORDS = 0.5
SAME_WORDS_READ = 2000


def _much_the_same(text: str, held: str) -> bool:
    """The texts share most of their words, in order (the held one's chunks overlap: its repeated
    words lower the ratio a little, never to another story's). Their first SAME_WORDS_READ words:
    two 72,000-word texts had taken 19 s (a review's)."""
    first, second = text.split()[:SAME_WORDS_READ], held.split()[:SAME_WORDS_READ]
    return difflib.SequenceMatcher(None, first, second, autojunk=False).ratio() >= SAME_WORDS


def _sharing_an_address(articles: Sequence[Article]) -> list[tuple[str, str]]:
    """(id, why) for each article read at the address of another read earlier in the same run,
    written with or without "www.", a closing "/" or tracking parameters (see _address_forms)."""
    first: dict[str, Article] = {}
    found = []
    for article in articles:
        if not article.url:
            continue
        forms = [form.lower() for form in address_forms(article.url)]
        earlier = next((first[form] for form in forms if form in first), None)
        if earlier is not None:
            found.append((article.id, f"its address is that of the article {earlier.id!r}, read from {earlier.where}"))
        else:
            first.update(dict.fromkeys(forms, article))
    return found


def _held_in_another_case(article: Article, in_any_case: dict[str, tuple[str, str]]) -> str | None:
    """Why the article's id is a held article's written in another case (`in_any_case`: see
    ArticleStore.ids_in_any_case); None when it is not."""
    found = in_any_case.get(article.id.lower())
    if found is None or found[0] == article.id:
        return None
    other_id, title = found
    return f"the index already holds an article with this id written {other_id!r}, “{title}”"


def _held_id(record: CatalogRecord) -> str:
    """Why an article is not written over the one the index holds under its id."""
    return f"the index already holds an article with this id, {_described(record)}"


def _named_by(article: Article) -> str:
    """The file an article's id is the name of, as an absolute path; "" when the id came from
    elsewhere (a JSON record's own id, or its text)."""
    path = Path(article.origin)
    try:
        if article.line is not None or text_id(path) != article.id or not path.is_file():
            return ""
        return str(path.resolve())
    except (OSError, ValueError):  # an upload's name of over 255 bytes (a probe's), or one holding NUL
        return ""


def _id_meant(article_id: str) -> str | None:
    """The id a text file named `article_id` has (see text_id), when that differs."""
    guess = text_id(Path(article_id.strip()))
    return guess if guess and guess != article_id else None


def _another_story(existing: CatalogRecord, article: Article) -> bool:
    """The new version comes from another outlet or site: two feeds numbering their stories "1",
    "2", … share ids, and a probe's second feed replaced the first's story without a word. A
    correction keeps its outlet and site (its address may change: a new slug, https)."""
    sources = existing.source.lower(), (article.source or "").lower()
    sites = outlet_from_url(existing.url), outlet_from_url(article.url)
    return all(sources) and sources[0] != sources[1] or all(sites) and sites[0] != sites[1]


def _described(article: CatalogRecord | Article) -> str:
    """“Dunmore dam failed” (cnn.com): how a warning names a version of an article."""
    return f"“{article.title}”" + (f" ({article.source})" if article.source else "")


def _record(item: ChunkedArticle, seq: int, named_by: str = "") -> CatalogRecord:
    article = item.article
    return CatalogRecord(
        article_id=article.id,
        fingerprint=item.fingerprint,
        chunk_count=len(item.chunk_ids),
        published_day=day_number(article.published),
        source=article.source or "",
        title=article.title,
        url=article.url or "",
        seq=seq,
        authors=", ".join(article.authors),
        named_by=named_by,
    )
