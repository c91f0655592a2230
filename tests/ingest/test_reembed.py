"""Switching embedding models: the index says which model built it, a mismatch is a clear
error, and `newsdesk ingest --reembed` moves every chunk to the new model in one command."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from ingest.store import ArticleStore
from newsdesk.cli import cli
from newsdesk.settings import load_settings

RAMALLAH = ["ask", "Who did Blinken meet in Ramallah?", "--as-of", "2023-02-01", "--json"]


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_a_model_switch_is_refused_until_the_index_is_reembedded(
    sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("ingest", str(sample_dir), "--json").exit_code == 0
    static_answer = json.loads(run(*RAMALLAH).stdout)
    assert static_answer["citations"][0]["article_id"] == "003_1e6e512ebb72dbb0"

    monkeypatch.setenv("NEWSDESK_EMBEDDING__MODEL", "minilm")
    for command in (RAMALLAH, ["ingest", str(sample_dir)]):
        refused = run(*command)
        assert refused.exit_code == 2
        assert "was built with the embedding model 'static-minilm-256d-r1', but embedding.model is set to " in (
            refused.stderr
        )
        assert "'minilm'" in refused.stderr and "newsdesk ingest --reembed" in refused.stderr

    done = run("ingest", "--reembed", "--json")
    assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)
    store = ArticleStore(load_settings(None).index)
    assert report == {"reembedded": store.chroma.count_chunks(), "model": "minilm"}
    assert store.chroma.model() == "minilm"
    [vector] = store.chroma.chunks.get(limit=1, include=["embeddings"])["embeddings"]
    assert len(vector) == 384  # MiniLM's vectors, not the static model's 256
    assert store.replica.vector_count() == store.chroma.count_chunks()
    answer = json.loads(run(*RAMALLAH).stdout)
    assert answer["citations"][0]["article_id"] == "003_1e6e512ebb72dbb0"
    assert run("ingest", str(sample_dir), "--json").exit_code == 0  # unchanged articles, same model: fine

    monkeypatch.delenv("NEWSDESK_EMBEDDING__MODEL")  # and back to the static model
    assert run(*RAMALLAH).exit_code == 2
    assert json.loads(run("ingest", "--reembed", "--json").stdout)["model"] == "static-minilm-256d-r1"
    assert json.loads(run(*RAMALLAH).stdout)["citations"] == static_answer["citations"]


def test_the_index_model_is_checked_before_a_model_is_made(
    sample_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A probe's mistyped static_dims distilled and cached a 128-dimension model (30 s) before
    being told that the index was built with the 256-dimension one."""
    assert run("ingest", str(sample_dir), "--json").exit_code == 0
    cache = tmp_path / "other-cache"
    monkeypatch.setenv("NEWSDESK_EMBEDDING__CACHE_DIR", str(cache))
    monkeypatch.setenv("NEWSDESK_EMBEDDING__STATIC_DIMS", "128")
    for command in (RAMALLAH, ["ingest", str(sample_dir)]):
        refused = run(*command)
        assert refused.exit_code == 2 and "'static-minilm-128d-r1'" in refused.stderr, refused.output
    assert not cache.exists() or not any(cache.iterdir())  # nothing was distilled


def test_a_kill_between_dropping_the_old_chunks_and_the_swap_is_finished_on_open(sample_dir: Path) -> None:
    settings = load_settings(None)
    assert run("ingest", str(sample_dir), "--json").exit_code == 0
    store = ArticleStore(settings.index)
    before = store.chroma.chunks.get(include=["embeddings", "documents", "metadatas"])
    copy = store.chroma.start_reembed()
    copy.upsert(
        ids=before["ids"],
        embeddings=np.asarray(before["embeddings"]),
        documents=before["documents"],
        metadatas=before["metadatas"],
    )
    store.chroma._client.delete_collection(settings.index.collection)  # killed right here

    reopened = ArticleStore(settings.index)
    assert sorted(reopened.chroma.chunks.get(include=[])["ids"]) == sorted(before["ids"])
    assert json.loads(run(*RAMALLAH).stdout)["citations"][0]["article_id"] == "003_1e6e512ebb72dbb0"
