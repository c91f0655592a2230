"""The index: a Chroma collection (through llama-index's ChromaVectorStore) plus its BM25 twin.

The only module that imports chromadb. Chunk metadata is flat (Chroma's rule) and the
published date is stored twice: as ISO text for display and as an integer YYYYMMDD
(`published_day`, 0 when unknown) because Chroma's range filters take numbers only.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast

import chromadb
from chromadb.config import Settings as ChromaSettings
from llama_index.core.schema import TextNode
from llama_index.vector_stores.chroma import ChromaVectorStore

from ingest.lexical import LexicalIndex
from newsdesk.errors import NewsdeskError
from newsdesk.models import IndexStats, Passage
from newsdesk.settings import IndexSettings

log = logging.getLogger(__name__)

PAGE = 2000  # chunks per Chroma page when reading everything back


def day_number(value: date | None) -> int:
    """YYYYMMDD as an int (0 for unknown): sortable and filterable in Chroma."""
    return value.year * 10000 + value.month * 100 + value.day if value else 0


def day_from_number(value: int) -> date | None:
    return date(value // 10000, value // 100 % 100, value % 100) if value else None


@dataclass
class StoredArticle:
    """What the index holds for one article id: its chunk ids, grouped by content hash."""

    chunks_by_hash: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    chunk_count_by_hash: dict[str, int] = field(default_factory=dict)

    def is_complete(self, content_hash: str) -> bool:
        """True when exactly one version is stored, it has this hash and all its chunks."""
        return set(self.chunks_by_hash) == {content_hash} and len(
            self.chunks_by_hash[content_hash]
        ) == self.chunk_count_by_hash.get(content_hash)

    def all_chunk_ids(self) -> list[str]:
        return [chunk for chunks in self.chunks_by_hash.values() for chunk in chunks]


class ArticleStore:
    """Chroma collection + BM25 index for one `[index]` configuration."""

    def __init__(self, settings: IndexSettings) -> None:
        self.settings = settings
        self._client = _connect(settings)
        self.collection = self._client.get_or_create_collection(
            settings.collection,
            metadata={"hnsw:space": "cosine"},
            embedding_function=None,
        )
        self.vector_store = ChromaVectorStore(chroma_collection=self.collection)
        self._lexical: LexicalIndex | None = None
        self._lexical_lock = threading.Lock()

    # -- reading -------------------------------------------------------------------------

    def stored_articles(self, article_ids: Sequence[str]) -> dict[str, StoredArticle]:
        """What is stored for each of these article ids (absent ids are left out)."""
        found: dict[str, StoredArticle] = {}
        ids = list(dict.fromkeys(article_ids))
        for start in range(0, len(ids), 500):
            where: Any = {"article_id": {"$in": ids[start : start + 500]}}
            result = self.collection.get(where=where, include=["metadatas"])
            for chunk_id, meta in zip(result["ids"], result["metadatas"] or [], strict=True):
                stored = found.setdefault(str(meta["article_id"]), StoredArticle())
                content = str(meta.get("content_hash", ""))
                stored.chunks_by_hash[content].append(chunk_id)
                stored.chunk_count_by_hash[content] = int(str(meta.get("chunk_count") or 0))
        return found

    def count_chunks(self) -> int:
        return self.collection.count()

    def iter_chunks(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """Every stored chunk as (chunk id, text, metadata), page by page."""
        offset = 0
        while True:
            page = self.collection.get(limit=PAGE, offset=offset, include=["documents", "metadatas"])
            if not page["ids"]:
                return
            yield from zip(page["ids"], page["documents"] or [], page["metadatas"] or [], strict=True)
            offset += len(page["ids"])

    def get_passages(self, chunk_ids: Sequence[str]) -> dict[str, Passage]:
        """Passages for these chunk ids (ids no longer stored are left out)."""
        if not chunk_ids:
            return {}
        result = self.collection.get(ids=list(chunk_ids), include=["documents", "metadatas"])
        return {
            chunk_id: passage_from_chunk(chunk_id, text or "", meta or {}, 0.0)
            for chunk_id, text, meta in zip(
                result["ids"], result["documents"] or [], result["metadatas"] or [], strict=True
            )
        }

    def get_embeddings(self, chunk_ids: Sequence[str]) -> dict[str, Any]:
        """The stored (normalised) embedding of each chunk id."""
        if not chunk_ids:
            return {}
        result = self.collection.get(ids=list(chunk_ids), include=["embeddings"])
        embeddings = result["embeddings"] if result["embeddings"] is not None else []
        return dict(zip(result["ids"], embeddings, strict=True))

    def article_chunks(self, article_id: str) -> list[Passage]:
        """All chunks of one article, in order (to quote it or show it whole)."""
        result = self.collection.get(where={"article_id": article_id}, include=["documents", "metadatas"])
        passages = [
            passage_from_chunk(chunk_id, text or "", meta or {}, 0.0)
            for chunk_id, text, meta in zip(
                result["ids"], result["documents"] or [], result["metadatas"] or [], strict=True
            )
        ]
        return sorted(passages, key=lambda p: p.position)

    def dense_search(
        self, embedding: list[float], k: int, min_day: int | None = None, max_day: int | None = None
    ) -> list[Passage]:
        """The k chunks nearest to the embedding; score is the cosine similarity."""
        total = self.collection.count()
        if total == 0:
            return []
        where = _day_filter(min_day, max_day)
        result = self.collection.query(
            query_embeddings=cast(Any, [embedding]),
            n_results=min(k, total),
            where=where,
            include=["documents", "metadatas", "distances"],
        )
        return [
            passage_from_chunk(chunk_id, text or "", meta or {}, 1.0 - float(distance))
            for chunk_id, text, meta, distance in zip(
                result["ids"][0],
                (result["documents"] or [[]])[0],
                (result["metadatas"] or [[]])[0],
                (result["distances"] or [[]])[0],
                strict=True,
            )
        ]

    def stats(self) -> IndexStats:
        articles: dict[str, dict[str, Any]] = {}
        chunks = 0
        for _, _, meta in self.iter_chunks():
            chunks += 1
            articles.setdefault(str(meta["article_id"]), meta)
        days = [int(meta.get("published_day", 0) or 0) for meta in articles.values()]
        known = [d for d in days if d]
        outlets = Counter(str(meta.get("source") or "unknown") for meta in articles.values())
        return IndexStats(
            articles=len(articles),
            chunks=chunks,
            first_published=day_from_number(min(known)) if known else None,
            last_published=day_from_number(max(known)) if known else None,
            outlets=dict(outlets.most_common()),
        )

    # -- writing -------------------------------------------------------------------------

    def write(self, nodes: Sequence[TextNode], stale_chunk_ids: Sequence[str]) -> None:
        """Add the new chunks in one Chroma call, then drop the replaced ones.

        One `add` per batch keeps each article all-or-nothing; a crash between the two
        calls leaves an old and a complete new version, which the next ingest repairs.
        """
        if not nodes and not stale_chunk_ids:
            return
        self._mark_lexical_stale()
        if nodes:
            self.vector_store.add(list(nodes))
        if stale_chunk_ids:
            self.collection.delete(ids=list(stale_chunk_ids))
        self._mark_lexical_stale()

    def delete_article(self, article_id: str) -> int:
        """Remove every chunk of one article; returns how many were removed."""
        existing = self.collection.get(where={"article_id": article_id}, include=[])
        if existing["ids"]:
            self._mark_lexical_stale()
            self.collection.delete(ids=existing["ids"])
            self._mark_lexical_stale()
        return len(existing["ids"])

    # -- the BM25 twin -------------------------------------------------------------------

    @property
    def lexical_folder(self) -> Path:
        return self.settings.path / f"bm25-{self.settings.collection}"

    @property
    def lexical_stale_marker(self) -> Path:
        """Present from a Chroma write until the next BM25 rebuild: a crash in between
        (e.g. an update that kept the chunk count) leaves it, and the BM25 is rebuilt."""
        return self.settings.path / f"bm25-{self.settings.collection}.stale"

    def _mark_lexical_stale(self) -> None:
        # Touched before and after each write, so a rebuild that ran during one is redone.
        self.settings.path.mkdir(parents=True, exist_ok=True)
        self.lexical_stale_marker.touch()

    def rebuild_lexical(self) -> LexicalIndex:
        """Build BM25 from what Chroma holds now, save it, and use it from now on."""
        self.lexical_stale_marker.unlink(missing_ok=True)  # before reading: a later write re-marks
        chunk_ids: list[str] = []
        texts: list[str] = []
        days: list[int] = []
        for chunk_id, text, meta in self.iter_chunks():
            chunk_ids.append(chunk_id)
            texts.append(f"{meta.get('title', '')}\n{text}")
            days.append(int(meta.get("published_day", 0) or 0))
        digest = hashlib.sha256("\n".join(sorted(chunk_ids)).encode()).hexdigest()[:16]
        index = LexicalIndex.build(chunk_ids, texts, days, f"{len(chunk_ids)}:{digest}")
        index.save(self.lexical_folder)
        with self._lexical_lock:
            self._lexical = index
        return index

    def lexical(self) -> LexicalIndex:
        """The BM25 index in step with Chroma: reloaded if another process saved a newer
        one, rebuilt if the saved one does not match the collection (e.g. after a crash)."""
        with self._lexical_lock:
            current = self._lexical
        saved = LexicalIndex.saved_generation(self.lexical_folder)
        if self.lexical_stale_marker.exists():
            saved = None
        elif current is not None and saved == current.generation and self._matches(current):
            return current
        if saved is not None:
            loaded = LexicalIndex.load(self.lexical_folder)
            if loaded is not None and self._matches(loaded):
                with self._lexical_lock:
                    self._lexical = loaded
                return loaded
        log.info("BM25 index missing or out of date; rebuilding it from the collection")
        return self.rebuild_lexical()

    def _matches(self, index: LexicalIndex) -> bool:
        # A cheap check for a saved index that another process has since outdated; a crash
        # between a write and its rebuild is caught by the stale marker instead.
        return len(index.chunk_ids) == self.collection.count()


def _connect(settings: IndexSettings) -> chromadb.api.ClientAPI:
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    try:
        if settings.mode == "http":
            return chromadb.HttpClient(host=settings.host, port=settings.port, settings=chroma_settings)
        settings.path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.path), settings=chroma_settings)
    except (ValueError, ConnectionError, OSError) as exc:
        where = f"{settings.host}:{settings.port}" if settings.mode == "http" else str(settings.path)
        raise NewsdeskError(f"cannot open the Chroma index at {where}: {exc}") from exc


def _day_filter(min_day: int | None, max_day: int | None) -> dict[str, Any] | None:
    clauses: list[dict[str, Any]] = []
    if min_day is not None:
        clauses.append({"published_day": {"$gte": min_day}})
    if max_day is not None:
        clauses.append({"published_day": {"$lte": max_day}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def passage_from_chunk(chunk_id: str, text: str, meta: Mapping[str, Any], score: float) -> Passage:
    """The one conversion from stored chunk metadata to a Passage."""
    return Passage(
        chunk_id=chunk_id,
        article_id=str(meta.get("article_id", "")),
        title=str(meta.get("title", "")),
        text=text,
        published=day_from_number(int(meta.get("published_day", 0) or 0)),
        source=str(meta.get("source") or "") or None,
        url=str(meta.get("url") or "") or None,
        position=int(meta.get("position", 0) or 0),
        score=score,
    )
