"""An ingest killed half way leaves only whole articles, and the next run finishes the job.

The killed runs are real `newsdesk ingest` processes (SIGKILL, and SIGINT as Ctrl-C sends it);
the index is then checked with a real embedded Chroma in this process.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ingest.lexical import LexicalIndex
from ingest.store import ArticleStore
from newsdesk.cli import cli
from newsdesk.settings import load_settings

ARTICLES = 240
NEWSDESK = Path(sys.executable).parent / "newsdesk"


def article(i: int) -> dict[str, Any]:
    """Mostly one-sentence articles; every fourth is long enough for two (small) chunks."""
    text = f"Report {i}: council {i} met today."
    if i % 4 == 0:
        text += "".join(f" Speaker {j} wanted more money for harbour {i}." for j in range(3))
    return {"id": f"a{i:03d}", "text": text, "published": f"2023-01-{i % 28 + 1:02d}", "source": f"outlet{i % 3}.com"}


@pytest.fixture
def corpus(write_jsonl, monkeypatch: pytest.MonkeyPatch) -> Path:
    # Small chunks keep the model's work (and the test) short; both runs use the same chunking.
    monkeypatch.setenv("NEWSDESK_INGEST__CHUNK_SIZE", "32")
    monkeypatch.setenv("NEWSDESK_INGEST__CHUNK_OVERLAP", "0")
    return write_jsonl("corpus.jsonl", [article(i) for i in range(ARTICLES)])


def chunks_in_sqlite(index: Path) -> int:
    """Chunks written so far, read straight from Chroma's SQLite file without opening Chroma."""
    db = index / "chroma.sqlite3"
    if not db.is_file():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0])
    except sqlite3.Error:  # not created yet, or locked by the writer
        return 0


def interrupt_mid_ingest(corpus: Path, index: Path, sig: signal.Signals) -> subprocess.CompletedProcess[str]:
    """Start `newsdesk ingest corpus`, send `sig` once some chunks are in, and wait for it to end."""
    assert NEWSDESK.is_file(), NEWSDESK
    proc = subprocess.Popen(
        [str(NEWSDESK), "ingest", str(corpus), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Small batches for the run to interrupt: many separate writes.
        env={**os.environ, "NEWSDESK_INGEST__BATCH_ARTICLES": "8"},
        # Make sure Ctrl-C is not inherited as ignored, so SIGINT acts as it does in a terminal.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 120
        while chunks_in_sqlite(index) == 0:
            if proc.poll() is not None:
                out, err = proc.communicate()
                pytest.fail(f"ingest ended (exit {proc.returncode}) before it could be interrupted:\n{out}\n{err}")
            if time.monotonic() > deadline:
                pytest.fail("ingest wrote nothing within 120 s")
            time.sleep(0.02)
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def by_article(store: ArticleStore) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for chunk_id, _, meta in store.iter_chunks():
        grouped[str(meta["article_id"])].append({**meta, "id": chunk_id})
    return grouped


def assert_only_whole_articles(store: ArticleStore) -> dict[str, list[dict[str, Any]]]:
    grouped = by_article(store)
    for article_id, chunks in grouped.items():
        hashes = {c["content_hash"] for c in chunks}
        assert len(hashes) == 1, f"{article_id} has chunks of several versions: {hashes}"
        count = chunks[0]["chunk_count"]
        assert sorted(c["position"] for c in chunks) == list(range(count)), f"{article_id} is incomplete"
        assert {c["chunk_count"] for c in chunks} == {count}
    return grouped


def assert_lexical_matches(store: ArticleStore) -> None:
    ids = sorted(chunk_id for chunk_id, _, _ in store.iter_chunks())
    assert sorted(store.lexical().chunk_ids) == ids
    saved = LexicalIndex.load(store.lexical_folder)
    assert saved is not None and sorted(saved.chunk_ids) == ids


def interrupt_and_check(corpus: Path, sig: signal.Signals) -> tuple[ArticleStore, dict[str, list[dict[str, Any]]]]:
    """Interrupt an ingest with `sig`; check that only whole articles and a matching BM25 remain."""
    settings = load_settings(None)
    killed = interrupt_mid_ingest(corpus, settings.index.path, sig)
    if sig == signal.SIGKILL:
        assert killed.returncode == -signal.SIGKILL
    else:
        # click turns the KeyboardInterrupt into "Aborted!" and exit code 1; no traceback.
        assert killed.returncode == 1, killed.stderr
        assert killed.stderr.rstrip().endswith("Aborted!"), killed.stderr
        assert "Traceback" not in killed.stderr
    assert killed.stdout == ""  # no summary: the run did not finish

    store = ArticleStore(settings.index)
    partial = assert_only_whole_articles(store)
    assert 0 < len(partial) < ARTICLES, f"interrupted after {len(partial)} articles: not mid-ingest"
    assert_lexical_matches(store)  # the BM25 index is rebuilt from whatever Chroma holds
    return store, partial


def test_sigkill_mid_ingest_leaves_whole_articles_and_rerun_completes(corpus: Path) -> None:
    store, partial = interrupt_and_check(corpus, signal.SIGKILL)

    # The re-run (in this process, default batch size) completes the job.
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["added"], report["updated"], report["unchanged"], report["failed"]) == (
        ARTICLES - len(partial),
        0,
        len(partial),
        [],
    )

    store = ArticleStore(store.settings)
    complete = assert_only_whole_articles(store)
    assert sorted(complete) == [f"a{i:03d}" for i in range(ARTICLES)]
    total = store.count_chunks()
    assert total == sum(chunks[0]["chunk_count"] for chunks in complete.values())
    assert total > ARTICLES  # the long articles really were split
    assert {chunks[0]["chunk_count"] for chunks in complete.values()} == {1, 2}
    assert_lexical_matches(store)


def test_ctrl_c_mid_ingest_leaves_whole_articles(corpus: Path) -> None:
    interrupt_and_check(corpus, signal.SIGINT)


def test_crash_between_write_and_bm25_rebuild_is_repaired(
    ingestor, store, write_jsonl, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An update that keeps the chunk count, then a crash before BM25 is rebuilt: the chunk
    count alone cannot tell the saved BM25 is stale, yet it must not be used."""
    path = write_jsonl("one.jsonl", [{"id": "x", "text": "The mayor opened the new library on Monday."}])
    ingestor.ingest_paths([str(path)])
    old_ids = sorted(store.lexical().chunk_ids)

    write_jsonl("one.jsonl", [{"id": "x", "text": "The mayor closed the old museum on Tuesday."}])

    def crash() -> None:
        raise SystemExit("killed before the BM25 rebuild")

    monkeypatch.setattr(store, "rebuild_lexical", crash)
    with pytest.raises(SystemExit):
        ingestor.ingest_paths([str(path)])

    reopened = ArticleStore(store.settings)  # the next process
    new_ids = sorted(chunk_id for chunk_id, _, _ in reopened.iter_chunks())
    assert len(new_ids) == len(old_ids) == 1 and new_ids != old_ids
    assert sorted(reopened.lexical().chunk_ids) == new_ids
    assert [c for c, _ in reopened.lexical().search("museum", 5)] == new_ids
    assert reopened.lexical().search("library", 5) == []
