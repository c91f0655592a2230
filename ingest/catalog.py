"""What the index records about articles, in Chroma and in every replica (no chromadb here,
so a command that only reads the local replica never loads it)."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from newsdesk.errors import ConfigError
from newsdesk.settings import IndexSettings


def day_number(value: date | None) -> int:
    """YYYYMMDD as an int (0 for unknown): sortable and filterable."""
    return value.year * 10000 + value.month * 100 + value.day if value else 0


def day_from_number(value: int) -> date | None:
    try:
        return date(value // 10000, value // 100 % 100, value % 100) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class CatalogRecord:
    """What the catalog holds for one article."""

    article_id: str
    fingerprint: str
    chunk_count: int
    published_day: int
    source: str
    title: str
    url: str
    seq: int
    deleted: bool = False
    authors: str = ""  # comma-separated, as the article gave them
    # "fingerprint:count" of the version this record replaced, until that version's chunks are
    # deleted: a kill before the delete leaves it set, and the next ingest finishes the job.
    replaces: str = ""
    # The file an article was read from when its id is that file's name (the sample format,
    # .txt, .md): another file of the same name later replaces it, and that is worth saying.
    named_by: str = ""

    def chunk_ids(self) -> list[str]:
        return [chunk_id(self.article_id, self.fingerprint, i) for i in range(self.chunk_count)]

    def replaced_chunk_ids(self) -> list[str]:
        if not self.replaces:
            return []
        fingerprint, _, count = self.replaces.rpartition(":")
        return [chunk_id(self.article_id, fingerprint, i) for i in range(int(count or 0))]

    def replacing(self, old: CatalogRecord) -> CatalogRecord:
        """This record, noting that it replaces `old` (whose chunks are still to be deleted)."""
        return replace(self, replaces=f"{old.fingerprint}:{old.chunk_count}")

    def as_metadata(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint,
            "chunk_count": self.chunk_count,
            "published_day": self.published_day,
            "source": self.source,
            "title": self.title,
            "url": self.url,
            "authors": self.authors,
            "seq": self.seq,
            "deleted": int(self.deleted),
            "replaces": self.replaces,
            "named_by": self.named_by,
            # Chroma answers $eq from its metadata index, but turns $ne into a list of every
            # other id ("too many SQL variables" past ~30k articles): find pending ones by this.
            "pending": int(bool(self.replaces)),
        }

    @classmethod
    def from_metadata(cls, article_id: str, meta: Mapping[str, Any]) -> CatalogRecord:
        return cls(
            article_id=article_id,
            fingerprint=str(meta.get("fingerprint", "")),
            chunk_count=int(meta.get("chunk_count", 0) or 0),
            published_day=int(meta.get("published_day", 0) or 0),
            source=str(meta.get("source", "") or ""),
            title=str(meta.get("title", "") or ""),
            url=str(meta.get("url", "") or ""),
            seq=int(meta.get("seq", 0) or 0),
            deleted=bool(meta.get("deleted", 0)),
            authors=str(meta.get("authors", "") or ""),
            replaces=str(meta.get("replaces", "") or ""),
            named_by=str(meta.get("named_by", "") or ""),
        )


@dataclass(frozen=True)
class StoredChunk:
    """One chunk as Chroma holds it."""

    chunk_id: str
    text: str
    metadata: Mapping[str, Any]
    embedding: Sequence[float]


def chunk_id(article_id: str, fingerprint: str, position: int) -> str:
    return f"{article_id}:{fingerprint}:{position}"


def split_chunk_id(value: str) -> tuple[str, str]:
    """(article id, fingerprint) of a chunk id; an article id may itself hold colons."""
    article_id, fingerprint, _ = value.rsplit(":", 2)
    return article_id, fingerprint


def next_seq(previous: int) -> int:
    """A sequence number after `previous`: microseconds since the epoch, so writers on
    several machines agree on the order without a shared counter."""
    return max(time.time_ns() // 1000, previous + 1)


def check_model(recorded: str | None, configured: str, settings: IndexSettings) -> None:
    if recorded is not None and recorded != configured:
        raise ConfigError(
            f"the index at {describe_location(settings)} was built with the embedding model {recorded!r}, "
            f"but embedding.model is set to {configured!r}. Set it back, or re-embed the index with "
            f"`newsdesk ingest --reembed`."
        )


def describe_location(settings: IndexSettings) -> str:
    return f"{settings.host}:{settings.port}" if settings.mode == "http" else str(settings.path)
