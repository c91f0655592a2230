"""The source of truth: two Chroma collections, the only module that imports chromadb.

- `<collection>` holds every chunk: its vector, and as metadata its text, its position and
  whether its title was embedded with it. Nothing else: see CHUNK_FIELDS.
- `<collection>-catalog` holds one record per article: its fingerprint, chunk count, date
  (an integer YYYYMMDD), outlet, title, url, authors and a sequence number `seq` that grows
  with every change. A deleted article keeps a record with `deleted = 1`, so followers learn
  of deletions too.

Chunks are read back joined with their article's record, with the metadata every chunk
carried before (`article_id`, `title`, `published`, …), and indexes written that way (the text
as the document, the article's facts on each chunk) are read as they are.

Questions never search Chroma: each process follows the catalog into a local replica
(see ingest/replica.py) and searches that. Chroma's own vector index is therefore built
cheaply (low ef_construction and few neighbours): it is only ever read by id.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

import chromadb
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.config import Settings as ChromaSettings

from ingest.catalog import CatalogRecord, StoredChunk, check_model, day_from_number, describe_location, split_chunk_id
from newsdesk.errors import NewsdeskError
from newsdesk.settings import IndexSettings

__all__ = ["CatalogRecord", "ChromaStore", "StoredChunk", "check_model"]

log = logging.getLogger(__name__)

PAGE = 2000  # records per Chroma page when reading many back
MODEL_KEY = "newsdesk:embedding"
# Only read by id: a cheap graph keeps writes fast (measured: 2x faster adds than the defaults).
CHUNK_CONFIGURATION: Any = {"hnsw": {"space": "cosine", "ef_construction": 16, "max_neighbors": 4}}
# What a chunk stores besides its vector. Local Chroma indexes every document for full-text
# search and every string metadata value, whether or not anything searches them (disabling the
# document index in the collection's schema is not honoured on writes). Measured with 10 k
# chunks of the corpus, in batches of 1000: 12.9 s with the text as the document and the
# article's facts on every chunk, 2.8 s like this. The article's facts are in its catalog record.
TEXT_KEY = "text"
CHUNK_FIELDS = (TEXT_KEY, "position", "title_embedded")


class ChromaStore:
    """The chunk and catalog collections of one `[index]` configuration."""

    def __init__(self, settings: IndexSettings) -> None:
        self.settings = settings
        self._open()

    def _open(self) -> None:
        self._client = _connect(self.settings)
        try:
            self._finish_interrupted_reembed()
            self.chunks = self._client.get_or_create_collection(
                self.settings.collection, configuration=CHUNK_CONFIGURATION, embedding_function=None
            )
            self.catalog = self._client.get_or_create_collection(
                f"{self.settings.collection}-catalog", embedding_function=None
            )
        except Exception as exc:  # chromadb raises its own types, and httpx's for a lost server
            raise _lost(self.settings, exc) from exc

    def reopen(self) -> None:
        """Drop this process's cached view of an embedded database and open it again.

        An embedded Chroma client keeps segment state in memory; after another process
        has written the same folder it fails with "Error finding id" until reopened."""
        if self.settings.mode == "embedded":
            SharedSystemClient.clear_system_cache()
        self._open()

    # -- re-embedding with another model -------------------------------------------------

    @property
    def _reembed_name(self) -> str:
        return f"{self.settings.collection}-reembed"

    def start_reembed(self) -> Any:
        """A fresh collection to copy every chunk into with its new vector."""
        # An earlier, interrupted attempt: chromadb raises NotFoundError (ValueError in older versions) if none.
        with contextlib.suppress(Exception):
            self._client.delete_collection(self._reembed_name)
        return self._client.create_collection(
            self._reembed_name, configuration=CHUNK_CONFIGURATION, embedding_function=None
        )

    def finish_reembed(self, model: str) -> None:
        """Swap the re-embedded copy in for the chunk collection. A kill between the two
        steps is finished by the next open (`_finish_interrupted_reembed`)."""
        self._client.delete_collection(self.settings.collection)
        self._finish_interrupted_reembed()
        self.chunks = self._client.get_collection(self.settings.collection, embedding_function=None)
        self.chunks.modify(metadata={MODEL_KEY: model})

    def _finish_interrupted_reembed(self) -> None:
        names = {getattr(c, "name", c) for c in self._client.list_collections()}
        if self.settings.collection not in names and self._reembed_name in names:
            self._client.get_collection(self._reembed_name, embedding_function=None).modify(
                name=self.settings.collection
            )

    def iter_chunk_pages(self) -> Iterator[tuple[list[str], list[str], list[Mapping[str, Any]]]]:
        """Every stored chunk, a page at a time: ids, texts and metadata."""
        offset = 0
        while True:
            page = self.chunks.get(limit=PAGE, offset=offset, include=["documents", "metadatas"])
            if not page["ids"]:
                return
            views = self._chunk_views(page["ids"], page["documents"], page["metadatas"])
            yield list(page["ids"]), [text for text, _ in views], [meta for _, meta in views]
            offset += len(page["ids"])

    # -- the embedding model that built the index ---------------------------------------

    def model(self) -> str | None:
        return cast(str | None, (self.chunks.metadata or {}).get(MODEL_KEY))

    def claim_model(self, name: str) -> None:
        """Record the model on first write; refuse to mix vectors of two models."""
        recorded = self.model()
        if recorded == name:
            return
        if recorded is None and self.chunks.count() == 0:
            self.chunks.modify(metadata={MODEL_KEY: name})
            return
        check_model(recorded, name, self.settings)

    # -- the catalog ---------------------------------------------------------------------

    def catalog_records(self, article_ids: Sequence[str]) -> dict[str, CatalogRecord]:
        """The live catalog records of these article ids (absent and deleted ones left out)."""
        return {key: record for key, record in self._records(article_ids).items() if not record.deleted}

    def _records(self, article_ids: Sequence[str]) -> dict[str, CatalogRecord]:
        found: dict[str, CatalogRecord] = {}
        ids = list(dict.fromkeys(article_ids))
        for start in range(0, len(ids), PAGE):
            page = self.catalog.get(ids=ids[start : start + PAGE], include=["metadatas"])
            for article_id, meta in zip(page["ids"], page["metadatas"] or [], strict=True):
                found[article_id] = CatalogRecord.from_metadata(article_id, meta or {})
        return found

    def catalog_changes(self, after_seq: int) -> list[CatalogRecord]:
        """Every catalog record changed after this sequence number, oldest first."""
        records: list[CatalogRecord] = []
        offset = 0
        where: Any = {"seq": {"$gt": after_seq}}
        while True:
            page = self.catalog.get(where=where, include=["metadatas"], limit=PAGE, offset=offset)
            if not page["ids"]:
                break
            records.extend(
                CatalogRecord.from_metadata(article_id, meta or {})
                for article_id, meta in zip(page["ids"], page["metadatas"] or [], strict=True)
            )
            offset += len(page["ids"])
        return sorted(records, key=lambda r: r.seq)

    def catalog_size(self) -> int:
        return self.catalog.count()

    # -- chunks ---------------------------------------------------------------------------

    def count_chunks(self) -> int:
        return self.chunks.count()

    def get_chunks(self, chunk_ids: Sequence[str]) -> list[StoredChunk]:
        """These chunks with text, metadata and vector (ids not stored are left out)."""
        found: list[StoredChunk] = []
        for start in range(0, len(chunk_ids), PAGE):
            page = self.chunks.get(
                ids=list(chunk_ids[start : start + PAGE]), include=["documents", "metadatas", "embeddings"]
            )
            embeddings = page["embeddings"] if page["embeddings"] is not None else []
            views = self._chunk_views(page["ids"], page["documents"], page["metadatas"])
            found.extend(
                StoredChunk(cid, text, meta, vector)
                for cid, (text, meta), vector in zip(page["ids"], views, embeddings, strict=True)
            )
        return found

    def _chunk_views(
        self, ids: Sequence[str], documents: Sequence[str | None] | None, metadatas: Sequence[Any] | None
    ) -> list[tuple[str, dict[str, Any]]]:
        """Each chunk's text and full metadata: its stored fields joined with its article's record."""
        metas = [dict(m or {}) for m in metadatas or [{}] * len(ids)]
        texts = list(documents or [None] * len(ids))
        records = self._records(
            [split_chunk_id(cid)[0] for cid, meta in zip(ids, metas, strict=True) if TEXT_KEY in meta]
        )
        views = []
        for cid, text, meta in zip(ids, texts, metas, strict=True):
            if TEXT_KEY not in meta:  # written before chunks were stored this way
                views.append((text or "", meta))
                continue
            article_id, fingerprint = split_chunk_id(cid)
            view: dict[str, Any] = {
                "article_id": article_id,
                "content_hash": fingerprint,
                "position": meta.get("position", 0),
                "title_embedded": meta.get("title_embedded", 1),
            }
            record = records.get(article_id)
            if record is not None:
                published = day_from_number(record.published_day)
                view |= {
                    "title": record.title,
                    "source": record.source,
                    "url": record.url,
                    "published": published.isoformat() if published else "",
                    "published_day": record.published_day,
                    "chunk_count": record.chunk_count,
                    "authors": record.authors,
                }
            views.append((str(meta[TEXT_KEY]), view))
        return views

    def iter_chunks(self) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
        """Every stored chunk as (id, text, metadata): for migrating an index, never on a question's path."""
        for ids, texts, metas in self.iter_chunk_pages():
            yield from zip(ids, texts, metas, strict=True)

    # -- writing -------------------------------------------------------------------------

    def write(
        self,
        chunks: Sequence[StoredChunk],
        records: Sequence[CatalogRecord],
        stale_chunk_ids: Sequence[str],
    ) -> None:
        """Chunks first, then the catalog that makes them visible, then the old chunks go.

        Followers only load chunks the catalog names, so a kill at any point leaves every
        article whole in its old or its new version: before the catalog write the new
        chunks are invisible, after it the old ones are."""
        self.put_chunks(self.chunks, chunks)
        self._upsert_records(records)
        for start in range(0, len(stale_chunk_ids), PAGE):
            self.chunks.delete(ids=list(stale_chunk_ids[start : start + PAGE]))
        self._upsert_records([replace(r, replaces="") for r in records if r.replaces])

    @staticmethod
    def put_chunks(collection: Any, chunks: Sequence[StoredChunk]) -> None:
        """Upsert chunks into a chunk collection, storing only CHUNK_FIELDS."""
        for start in range(0, len(chunks), PAGE):
            part = chunks[start : start + PAGE]
            collection.upsert(
                ids=[c.chunk_id for c in part],
                embeddings=cast(Any, [c.embedding for c in part]),
                metadatas=cast(
                    Any,
                    [
                        {
                            TEXT_KEY: c.text,
                            "position": int(c.metadata.get("position", 0) or 0),
                            "title_embedded": int(c.metadata.get("title_embedded", 1)),
                        }
                        for c in part
                    ],
                ),
            )

    def unfinished_records(self) -> list[CatalogRecord]:
        """Records whose replaced version's chunks a killed write did not get to delete."""
        where: Any = {"pending": 1}
        page = self.catalog.get(where=where, include=["metadatas"])
        return [
            CatalogRecord.from_metadata(article_id, meta or {})
            for article_id, meta in zip(page["ids"], page["metadatas"] or [], strict=True)
        ]

    def finish(self, unfinished: Sequence[CatalogRecord]) -> None:
        """Delete the chunks those records replaced, then clear the note."""
        stale = [cid for record in unfinished for cid in record.replaced_chunk_ids()]
        for start in range(0, len(stale), PAGE):
            self.chunks.delete(ids=stale[start : start + PAGE])
        self._upsert_records([replace(r, replaces="") for r in unfinished])

    def _upsert_records(self, records: Sequence[CatalogRecord]) -> None:
        for start in range(0, len(records), PAGE):
            batch = records[start : start + PAGE]
            self.catalog.upsert(
                ids=[r.article_id for r in batch],
                # Chroma wants a vector per record; the catalog is only read by id and by seq.
                embeddings=cast(Any, [[1.0] for _ in batch]),
                metadatas=cast(Any, [r.as_metadata() for r in batch]),
            )


def _connect(settings: IndexSettings) -> Any:
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    try:
        if settings.mode == "http":
            return chromadb.HttpClient(host=settings.host, port=settings.port, settings=chroma_settings)
        Path(settings.path).mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.path), settings=chroma_settings)
    except (ValueError, ConnectionError, OSError) as exc:
        raise NewsdeskError(f"cannot open the Chroma index at {describe_location(settings)}: {exc}") from exc


def _lost(settings: IndexSettings, exc: Exception) -> NewsdeskError:
    if settings.mode == "http":
        return NewsdeskError(f"lost the connection to the Chroma server at {describe_location(settings)} ({exc})")
    return NewsdeskError(f"cannot open the Chroma index at {describe_location(settings)}: {exc}")
