"""Fixtures shared by the ingestion tests: the real model, a real embedded Chroma, file writers."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from newsdesk.settings import Settings

SAMPLE_IDS = ("000_5b110fb79ad57658", "003_1e6e512ebb72dbb0")


@pytest.fixture
def write_jsonl(tmp_path: Path) -> Callable[..., Path]:
    """write_jsonl(name, records, gz=False): a JSON Lines file of these records (str lines are written as is)."""

    def write(name: str, records: Iterable[Any], gz: bool = False) -> Path:
        lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
        data = ("\n".join(lines) + "\n").encode("utf-8")
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(gzip.compress(data) if gz else data)
        return path

    return write


@pytest.fixture
def store(settings: Settings):
    """A real embedded Chroma index (plus BM25) in the test's temp folder."""
    from ingest.store import ArticleStore

    return ArticleStore(settings.index)


@pytest.fixture
def ingestor(settings: Settings, store):
    """The real pipeline: the bundled all-MiniLM-L6-v2 model (loaded once per process)."""
    from ingest.pipeline import Ingestor

    return Ingestor(settings, store)


@pytest.fixture
def hf_tokenizer(settings: Settings):
    """The embedding model's own tokenizer (counts [CLS]/[SEP] when asked to)."""
    from transformers import AutoTokenizer

    from newsdesk.providers import transformer_folder

    return AutoTokenizer.from_pretrained(transformer_folder(settings.embedding))


@pytest.fixture
def chunks_of() -> Callable[[Any], dict[str, list[dict[str, Any]]]]:
    """chunks_of(store): article id -> its stored chunk metadatas (with the text under 'text')."""

    def group(store: Any) -> dict[str, list[dict[str, Any]]]:
        grouped: dict[str, list[dict[str, Any]]] = {}
        for chunk_id, text, meta in store.chroma.iter_chunks():
            grouped.setdefault(str(meta["article_id"]), []).append({**meta, "id": chunk_id, "text": text})
        for chunks in grouped.values():
            chunks.sort(key=lambda m: m["position"])
        return grouped

    return group
