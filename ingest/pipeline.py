"""read → parse → chunk → embed → store, in batches that are each all-or-nothing."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from llama_index.core.schema import MetadataMode, TextNode

from ingest.chunking import chunk_article, make_splitter
from ingest.readers import ReadResult, content_hash, read_bytes, read_paths
from ingest.store import ArticleStore
from newsdesk.models import Article, IngestFailure, IngestReport
from newsdesk.providers import build_embedding, embedding_tokenizer
from newsdesk.settings import Settings

log = logging.getLogger(__name__)

# Bump when chunking changes in code, so existing indexes are re-chunked on the next ingest.
CHUNKING_VERSION = 1

# (articles done, articles in all): called after each batch.
ProgressCallback = Callable[[int, int], None]


class Ingestor:
    """Puts articles into the index without ever duplicating one."""

    def __init__(self, settings: Settings, store: ArticleStore, embed_model: Any | None = None) -> None:
        self.settings = settings
        self.store = store
        self.embed_model = embed_model or build_embedding(settings.embedding)
        self.splitter = make_splitter(
            settings.ingest.chunk_size,
            min(settings.ingest.chunk_overlap, settings.ingest.chunk_size // 2),
            embedding_tokenizer(settings.embedding),
        )
        # Part of every fingerprint, so new chunk settings re-chunk articles already indexed.
        self.chunking = f"{self.splitter.chunk_size}/{self.splitter.chunk_overlap}/{CHUNKING_VERSION}"

    def fingerprint(self, article: Article) -> str:
        """What decides "unchanged": the article's content and how it is chunked."""
        return hashlib.sha256(f"{content_hash(article)}|{self.chunking}".encode()).hexdigest()[:16]

    def ingest_paths(
        self, paths: Sequence[str], stdin_bytes: bytes | None = None, progress: ProgressCallback | None = None
    ) -> IngestReport:
        """Ingest files, folders (recursively) and '-' (standard input)."""
        max_bytes = int(self.settings.ingest.max_file_mb * 1_000_000)
        return self.ingest_results(read_paths(paths, max_bytes, stdin_bytes), progress)

    def ingest_bytes(self, data: bytes, name: str, progress: ProgressCallback | None = None) -> IngestReport:
        """Ingest one uploaded file (its name picks the format)."""
        return self.ingest_results(read_bytes(data, name, name_hint=name), progress)

    def ingest_results(self, results: Iterable[ReadResult], progress: ProgressCallback | None = None) -> IngestReport:
        """Ingest what the readers produced; failures are reported, the rest goes in."""
        report = IngestReport()
        articles: dict[str, Article] = {}
        for result in results:
            if isinstance(result, IngestFailure):
                report.failed.append(result)
            elif result.id in articles:
                earlier = articles[result.id].origin
                report.failed.append(
                    IngestFailure(
                        result.origin, None, f"article id {result.id!r} was already read from {earlier}; skipped"
                    )
                )
            else:
                articles[result.id] = result
        self._write(list(articles.values()), report, progress)
        return report

    def delete(self, article_ids: Sequence[str]) -> IngestReport:
        """Remove articles by id; an unknown id is reported as a failure."""
        report = IngestReport()
        for article_id in article_ids:
            removed = self.store.delete_article(article_id)
            if removed:
                report.deleted += 1
            else:
                report.failed.append(IngestFailure(article_id, None, "no article with this id in the index"))
        if report.deleted:
            self.store.rebuild_lexical()
        return report

    def _write(self, articles: list[Article], report: IngestReport, progress: ProgressCallback | None) -> None:
        total = len(articles)
        batch_size = self.settings.ingest.batch_articles
        changed = False
        if progress:
            progress(0, total)
        for start in range(0, total, batch_size):
            batch = articles[start : start + batch_size]
            changed |= self._write_batch(batch, report)
            if progress:
                progress(min(start + batch_size, total), total)
        if changed or not self.store.lexical_folder.exists():
            self.store.rebuild_lexical()

    def _write_batch(self, batch: list[Article], report: IngestReport) -> bool:
        stored = self.store.stored_articles([article.id for article in batch])
        nodes: list[TextNode] = []
        stale: list[str] = []
        for article in batch:
            fingerprint = self.fingerprint(article)
            existing = stored.get(article.id)
            if existing is not None and existing.is_complete(fingerprint):
                report.unchanged += 1
                continue
            article_nodes = chunk_article(article, fingerprint, self.splitter)
            if not article_nodes:
                report.failed.append(IngestFailure(article.origin, None, "article has no text to index"))
                continue
            if existing is None:
                report.added += 1
            else:
                report.updated += 1
                new_ids = {node.node_id for node in article_nodes}
                present = set(existing.all_chunk_ids())
                stale.extend(chunk for chunk in present if chunk not in new_ids)
                # After a crash between add and delete the new version may already be whole.
                article_nodes = [node for node in article_nodes if node.node_id not in present]
            nodes.extend(article_nodes)
            report.chunks += len(article_nodes)
            report.words += len(article.text.split())
        if not nodes and not stale:
            return False
        texts = [node.get_content(metadata_mode=MetadataMode.EMBED) for node in nodes]
        embeddings = self.embed_model.get_text_embedding_batch(texts, show_progress=False) if texts else []
        for node, embedding in zip(nodes, embeddings, strict=True):
            node.embedding = embedding
        self.store.write(nodes, stale)
        return True
