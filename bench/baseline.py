"""The comparison point: llama-index as it comes out of the box, with no date awareness.

`VectorStoreIndex` over one `Document` per article (metadata: the published date), the default
transformations (a `SentenceSplitter` with its defaults), the in-memory `SimpleVectorStore` and a
plain top-k retriever. Only the embedding model is Newsdesk's, so the comparison is about
everything else. The index is persisted in batches, so a long build can be resumed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from llama_index.core import Document, StorageContext, VectorStoreIndex, load_index_from_storage
from llama_index.core import Settings as LlamaSettings
from llama_index.core.ingestion import run_transformations
from llama_index.core.vector_stores import FilterOperator, MetadataFilter, MetadataFilters

BATCH_DOCUMENTS = 128
PERSIST_EVERY_SECONDS = 300.0

ProgressCallback = Callable[[int], None]  # documents added since the last call


@dataclass(frozen=True)
class BaselineHit:
    article_id: str
    published: str  # ISO date, "" when unknown
    text: str
    score: float


class Baseline:
    """A llama-index `VectorStoreIndex` over the slice's articles."""

    def __init__(self, index: VectorStoreIndex) -> None:
        self.index = index

    @classmethod
    def build(
        cls,
        records: Sequence[dict[str, Any]],
        embed_model: Any,
        persist_dir: Path | None,
        progress: ProgressCallback | None = None,
    ) -> Baseline:
        """Index the records not indexed yet (all of them without a saved index)."""
        index = _load(persist_dir, embed_model) or VectorStoreIndex(nodes=[], embed_model=embed_model)
        done = {node.ref_doc_id for node in index.docstore.docs.values()}
        todo = [record for record in records if record["id"] not in done]
        if progress:
            progress(len(records) - len(todo))
        last_saved = time.monotonic()
        for start in range(0, len(todo), BATCH_DOCUMENTS):
            batch = [_document(record) for record in todo[start : start + BATCH_DOCUMENTS]]
            index.insert_nodes(run_transformations(batch, LlamaSettings.transformations))
            if persist_dir is not None and time.monotonic() - last_saved > PERSIST_EVERY_SECONDS:
                index.storage_context.persist(str(persist_dir))
                last_saved = time.monotonic()
            if progress:
                progress(len(batch))
        if persist_dir is not None and (todo or not (persist_dir / "docstore.json").exists()):
            index.storage_context.persist(str(persist_dir))
        return cls(index)

    @property
    def node_count(self) -> int:
        return len(self.index.docstore.docs)

    def retrieve(self, question: str, top_k: int, published_by: date | None = None) -> list[BaselineHit]:
        """The top-k chunks by cosine; with `published_by`, only chunks published by that day."""
        filters = None
        if published_by is not None:
            filters = MetadataFilters(
                filters=[MetadataFilter(key="published", value=published_by.isoformat(), operator=FilterOperator.LTE)]
            )
        retriever = self.index.as_retriever(similarity_top_k=top_k, filters=filters)
        return [
            BaselineHit(
                article_id=str(found.node.ref_doc_id),
                published=str(found.node.metadata.get("published", "")),
                text=found.node.get_content(),
                score=float(found.score or 0.0),
            )
            for found in retriever.retrieve(question)
        ]


def _document(record: dict[str, Any]) -> Document:
    # An unknown date is "", which sorts before every ISO date: kept by the date filter, as
    # Newsdesk keeps undated articles.
    return Document(id_=record["id"], text=record["text"], metadata={"published": record.get("published") or ""})


def _load(persist_dir: Path | None, embed_model: Any) -> VectorStoreIndex | None:
    if persist_dir is None or not (persist_dir / "docstore.json").exists():
        return None
    storage = StorageContext.from_defaults(persist_dir=str(persist_dir))
    index = load_index_from_storage(storage, embed_model=embed_model)
    assert isinstance(index, VectorStoreIndex)
    return index
