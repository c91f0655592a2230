"""What Chroma holds per chunk (text, position, whether the title was embedded; the article's
facts once, in its catalog record), and that chunks written the earlier way (text as the
document, the article's facts on every chunk) are still read, followed and answered from."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from ingest.chroma_store import CHUNK_FIELDS
from ingest.store import ArticleStore


def test_a_chunk_stores_only_its_own_fields(ingestor, store: ArticleStore, sample_dir: Path) -> None:
    ingestor.ingest_paths([str(sample_dir)])
    raw = store.chroma.chunks.get(include=["documents", "metadatas"])
    assert raw["ids"] and all(set(meta) == set(CHUNK_FIELDS) for meta in raw["metadatas"])
    assert all(document is None for document in raw["documents"])
    # Read back joined with the catalog: the article's facts are on every chunk again.
    chunk_id, text, meta = next(iter(store.chroma.iter_chunks()))
    article_id = chunk_id.split(":")[0]
    record = store.chroma.catalog_records([article_id])[article_id]
    assert text and text in {t for _, t, _ in store.chroma.iter_chunks()}
    assert (meta["article_id"], meta["title"], meta["url"], meta["source"]) == (
        article_id,
        record.title,
        record.url,
        record.source,
    )
    assert meta["published_day"] == record.published_day and meta["published"].startswith("2023-")


def test_chunks_written_the_earlier_way_are_read_and_followed(ingestor, store: ArticleStore, settings) -> None:
    report = ingestor.ingest_bytes(
        b'{"id": "new1", "title": "Harbour reopens", "published": "2023-03-02", "source": "bbc.co.uk",'
        b' "text": "The harbour reopened on Thursday after the storm."}',
        "new.jsonl",
    )
    assert report.added == 1
    # An article as the previous release wrote it: the text as the document and every fact on the chunk.
    record = store.chroma.catalog_records(["new1"])["new1"]
    old_id = "old1:f0f0f0f0f0f0f0f0:0"
    legacy_meta = {
        "article_id": "old1",
        "title": "Ferries cancelled",
        "source": "cnn.com",
        "url": "https://example.com/ferries",
        "published": "2023-03-01",
        "published_day": 20230301,
        "position": 0,
        "chunk_count": 1,
        "content_hash": "f0f0f0f0f0f0f0f0",
        "authors": "A. Writer",
        "title_embedded": 1,
    }
    text = "All ferries to the islands were cancelled as the storm reached the coast."
    vector = ingestor.embed_model.embed_texts([f"title: Ferries cancelled\n\n{text}"])[0]
    store.chroma.chunks.upsert(ids=[old_id], embeddings=[vector.tolist()], documents=[text], metadatas=[legacy_meta])
    store.chroma._upsert_records(
        [
            replace(
                record,
                article_id="old1",
                fingerprint="f0f0f0f0f0f0f0f0",
                chunk_count=1,
                published_day=20230301,
                source="cnn.com",
                title="Ferries cancelled",
                url="https://example.com/ferries",
                seq=record.seq + 1,
            )
        ]
    )

    (chunk,) = store.chroma.get_chunks([old_id])
    assert (chunk.text, dict(chunk.metadata)) == (text, legacy_meta)
    follower = ArticleStore(settings.index)  # a new process: its replica follows the catalog
    follower.sync(force=True)
    hits = follower.lexical_search("ferries islands cancelled", 5)
    passages = follower.passages([row for row, _ in hits])
    assert {p.article_id for p in passages.values()} == {"old1"}
    (passage,) = passages.values()
    assert (passage.text, passage.title, passage.source) == (text, "Ferries cancelled", "cnn.com")
    row = next(iter(passages))
    assert np.allclose(follower.vector(row), vector, atol=1e-6)
