"""The index as the rest of Newsdesk sees it (ingest/store.py): a write becomes visible through the
catalog once the store syncs, another open store catches up, an update a kill left half done is
finished. A real embedded Chroma in the test's temp folder and the real embedding model."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest
from llama_index.core.schema import TextNode
from llama_index.core.vector_stores.utils import node_to_metadata_dict

from ingest.catalog import CatalogRecord, StoredChunk, day_number
from ingest.store import ArticleStore, embedded_text
from newsdesk.models import IndexStats, Passage
from newsdesk.providers import Embedder
from newsdesk.settings import Settings

FERRIES = "All ferries to the islands were cancelled as the storm reached the coast."
HARBOUR = "The harbour reopened on Thursday after the storm."
PUBLISHED = date(2023, 3, 2)


@pytest.fixture
def embedder(ingestor) -> Embedder:
    """The real embedding model (the pipeline's)."""
    return ingestor.embed_model


def article(
    embedder: Embedder, fingerprint: str, texts: list[str], seq: int
) -> tuple[list[StoredChunk], CatalogRecord]:
    """One article's chunks and catalog record, as the pipeline writes them."""
    record = CatalogRecord("h1", fingerprint, len(texts), day_number(PUBLISHED), "bbc.co.uk", "Storm", "", seq)
    metadatas = [
        {
            "article_id": "h1",
            "title": "Storm",
            "source": "bbc.co.uk",
            "url": "",
            "published": PUBLISHED.isoformat(),
            "published_day": day_number(PUBLISHED),
            "position": position,
            "chunk_count": len(texts),
            "content_hash": fingerprint,
            "authors": "",
            "title_embedded": 1,
        }
        for position in range(len(texts))
    ]
    vectors = embedder.embed_texts([embedded_text(t, m) for t, m in zip(texts, metadatas, strict=True)])
    chunks = [
        StoredChunk(chunk_id, text, meta, vector.tolist())
        for chunk_id, text, meta, vector in zip(record.chunk_ids(), texts, metadatas, vectors, strict=True)
    ]
    return chunks, record


def passage(fingerprint: str, position: int, text: str) -> Passage:
    return Passage(f"h1:{fingerprint}:{position}", "h1", "Storm", text, PUBLISHED, "bbc.co.uk", None, position)


def test_a_write_is_answered_from_once_the_store_syncs(store: ArticleStore, embedder: Embedder) -> None:
    with store.writing():
        chunks, record = article(embedder, "v1", [FERRIES, HARBOUR], store.new_seq())
        store.write(chunks, [record], [])
    assert store.catalog_records(["h1", "nothing"]) == {"h1": record}
    # Written to Chroma, not yet applied to this process's replica.
    assert (store.pending_chunks(), store.count_chunks()) == (2, 0)
    store.sync(force=True)
    assert (store.pending_chunks(), store.count_chunks()) == (0, 2)
    assert store.stats() == IndexStats(
        1, 2, PUBLISHED, PUBLISHED, {"bbc.co.uk": 1}, outlet_spans={"bbc.co.uk": (PUBLISHED, PUBLISHED)}
    )

    [(row, _)] = store.lexical_search("ferries islands", 5)
    assert store.passages([row]) == {row: passage("v1", 0, FERRIES)}
    assert np.allclose(store.vector(row), chunks[0].embedding, atol=1e-6)
    [(nearest, _), _] = store.dense_search(embedder.embed_query("Were the island ferries cancelled?"), 5)
    assert nearest == row
    assert store.lexical_search("ferries", 5, min_day=day_number(PUBLISHED) + 1) == []
    assert store.dense_search(embedder.embed_query("ferries"), 5, outlets=["cnn.com"]) == []


def test_sequence_numbers_only_grow(store: ArticleStore) -> None:
    first = store.new_seq()
    assert store.new_seq() > first > 0


def test_an_open_store_catches_up_with_a_write_elsewhere(
    settings: Settings, store: ArticleStore, ingestor, sample_dir: Path
) -> None:
    reader = ArticleStore(settings.index)  # open before the write, as a running bot's
    query = ingestor.embed_model.embed_query("Blinken in Ramallah")
    assert reader.dense_search(query, 50) == [] and reader.date_span() == (None, None)
    assert ingestor.ingest_paths([str(sample_dir)]).added == 2  # through another ArticleStore
    # Until it syncs (before each question) a store searches what it had loaded.
    assert reader.dense_search(query, 50) == []
    reader.sync()
    assert len(reader.dense_search(query, 50)) == store.count_chunks() > 2
    rows = [row for row, _ in reader.lexical_search("Blinken", 50)]
    assert {p.article_id for p in reader.passages(rows).values()} == {"000_5b110fb79ad57658", "003_1e6e512ebb72dbb0"}
    assert reader.stats() == store.stats()
    assert reader.date_span() == (date(2023, 1, 26), date(2023, 1, 31))


def test_an_update_killed_before_its_old_chunks_went_is_finished(store: ArticleStore, embedder: Embedder) -> None:
    with store.writing():
        old_chunks, old = article(embedder, "v1", [FERRIES, HARBOUR], store.new_seq())
        store.write(old_chunks, [old], [])
    # A kill after the new version's catalog record and before the old chunks were deleted leaves this:
    new_chunks, new = article(embedder, "v2", [HARBOUR], store.new_seq())
    store.chroma.put_chunks(store.chroma.chunks, new_chunks)
    store.chroma._upsert_records([new.replacing(old)])

    with store.writing():
        assert store.finish_interrupted_writes() == 1
        assert store.finish_interrupted_writes() == 0
    assert store.chroma.get_chunks(old.chunk_ids()) == []
    assert store.catalog_records(["h1"]) == {"h1": new}
    store.sync(force=True)
    assert store.count_chunks() == 1
    [(row, _)] = store.lexical_search("harbour", 5)
    assert store.passages([row]) == {row: passage("v2", 0, HARBOUR)}


def test_embedded_text_puts_the_title_first_when_it_fitted() -> None:
    assert embedded_text(FERRIES, {"title": "Storm", "title_embedded": 1}) == f"title: Storm\n\n{FERRIES}"
    assert embedded_text(FERRIES, {"title": "Storm", "title_embedded": 0}) == FERRIES
    assert embedded_text(FERRIES, {"title": "Storm"}) == FERRIES  # nothing recorded: the text alone
    # Written by an older release: llama-index's node, which embedded its title.
    legacy = node_to_metadata_dict(TextNode(text=FERRIES, metadata={"title": "Storm"}))
    assert embedded_text(FERRIES, legacy) == f"title: Storm\n\n{FERRIES}"


def test_a_question_does_not_wait_long_for_another_threads_sync(
    store: ArticleStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the bot, the ingest thread's sync may wait for the index's lock behind another
    process's long write (`ingest --reembed`); questions answer from the local copy meanwhile.
    A sync after this process's own write (forced) still waits its turn."""
    import threading

    monkeypatch.setattr("ingest.store.READER_WAIT_SECONDS", 0.2)
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with store._sync_lock:  # as another thread's sync does
            held.set()
            release.wait(60)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(10)
        question = threading.Thread(target=store.sync)
        forced = threading.Thread(target=store.sync, kwargs={"force": True})
        question.start()
        forced.start()
        question.join(10)
        assert not question.is_alive()  # gave up waiting and answers from the replica
        forced.join(1.0)
        assert forced.is_alive()  # still waiting for its turn
    finally:
        release.set()
    forced.join(10)
    holder.join(10)
    assert not forced.is_alive() and not holder.is_alive()


def test_an_ingest_in_another_thread_is_seen_running(store: ArticleStore) -> None:
    """The bot ingests an upload on one thread while questions run on others: a question must
    see that ingest (`ingest_running`), as it sees another process's, and leave the catching up
    to it. Several ingests may hold it at once."""
    import threading

    assert not store.ingest_running()
    seen: list[bool] = []
    with store.ingesting():
        asker = threading.Thread(target=lambda: seen.append(store.ingest_running()))
        asker.start()
        asker.join(10)
        with store.ingesting():  # a second ingest does not wait for the first
            seen.append(store.ingest_running())
    assert seen == [True, True]
    assert not store.ingest_running()


def test_questions_checking_at_once_take_each_other_for_no_ingest(store: ArticleStore) -> None:
    """Each check holds the lock's other side for a moment; not waiting at all, one of two checks
    at once took the other for an ingest (a review: 20% of such checks) and skipped catching up."""
    import threading

    start = threading.Barrier(2)
    seen: list[bool] = []

    def check() -> None:
        start.wait(10)
        seen.extend(store.ingest_running() for _ in range(200))

    checkers = [threading.Thread(target=check) for _ in range(2)]
    for checker in checkers:
        checker.start()
    for checker in checkers:
        checker.join(60)
    assert len(seen) == 400 and not any(seen)
