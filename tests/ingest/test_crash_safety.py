"""An ingest killed half way leaves only whole articles, and the next run finishes the job.

The killed runs are real `newsdesk ingest` processes (SIGKILL, and SIGINT as Ctrl-C sends it);
the index is then checked with a real embedded Chroma in this process.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ingest.chroma_store import CatalogRecord
from ingest.cli import interrupts_raised
from ingest.pipeline import PARALLEL_FROM_ARTICLES
from ingest.store import ArticleStore
from newsdesk.cli import cli
from newsdesk.models import INGEST_SUMMARY_FIELDS
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


BATCH_ARTICLES = 8
# A batch writes its chunks, then its catalog records. Once more chunks are in than one batch
# can hold (articles of at most two chunks), the first batch's records are written too, so the
# kill lands mid-ingest with some articles in (waiting for the first chunk raced the first
# catalog write on a busy machine: "interrupted after 0 articles").
MORE_THAN_ONE_BATCH = 2 * BATCH_ARTICLES


def interrupt_mid_ingest(
    corpus: Path, index: Path, sig: signal.Signals, group: bool = False
) -> subprocess.CompletedProcess[str]:
    """Start `newsdesk ingest corpus`, send `sig` once a batch is in (with `group`, to its whole
    process group, its workers too, as a terminal's Ctrl-C does), and wait for it to end."""
    assert NEWSDESK.is_file(), NEWSDESK
    proc = subprocess.Popen(
        [str(NEWSDESK), "ingest", str(corpus), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Small batches for the run to interrupt: many separate writes.
        env={**os.environ, "NEWSDESK_INGEST__BATCH_ARTICLES": str(BATCH_ARTICLES)},
        # Make sure Ctrl-C is not inherited as ignored, so SIGINT acts as it does in a terminal.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        start_new_session=group,
    )
    try:
        deadline = time.monotonic() + 120
        while chunks_in_sqlite(index) <= MORE_THAN_ONE_BATCH:
            if proc.poll() is not None:
                out, err = proc.communicate()
                pytest.fail(f"ingest ended (exit {proc.returncode}) before it could be interrupted:\n{out}\n{err}")
            if time.monotonic() > deadline:
                pytest.fail("ingest wrote nothing within 120 s")
            time.sleep(0.02)
        if group:
            os.killpg(proc.pid, sig)
        else:
            proc.send_signal(sig)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def catalog(store: ArticleStore) -> dict[str, CatalogRecord]:
    """The articles the index holds: those its catalog names (chunks it does not name are invisible).
    Read in the store's turn, as its own reads are: that reopens a client another process's write
    has made stale ("Error finding id")."""
    with store._chroma_turn():
        return {r.article_id: r for r in store.chroma.catalog_changes(-1) if not r.deleted}


def assert_only_whole_articles(store: ArticleStore) -> dict[str, list[dict[str, Any]]]:
    """Every catalogued article has all its chunks in Chroma, of that one version."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for article_id, record in catalog(store).items():
        with store._chroma_turn():
            chunks = store.chroma.get_chunks(record.chunk_ids())
        assert len(chunks) == record.chunk_count, f"{article_id} is incomplete"
        metas = [{**c.metadata, "id": c.chunk_id} for c in chunks]
        assert {m["content_hash"] for m in metas} == {record.fingerprint}
        assert sorted(m["position"] for m in metas) == list(range(record.chunk_count))
        grouped[article_id] = metas
    return grouped


def assert_lexical_matches(store: ArticleStore) -> None:
    """The replica (vectors, chunks and BM25) holds exactly the catalogued chunks."""
    store.sync(force=True)
    ids = sorted(cid for r in catalog(store).values() for cid in r.chunk_ids())
    assert store.replica.chunk_ids() == ids
    assert store.replica.lexical.count() == len(ids) == store.replica.vector_count()
    assert store.replica.lexical_is_current()


def interrupt_and_check(
    corpus: Path, sig: signal.Signals, group: bool = False, articles: int = ARTICLES
) -> tuple[ArticleStore, dict[str, list[dict[str, Any]]]]:
    """Interrupt an ingest with `sig`; check that only whole articles and a matching BM25 remain."""
    settings = load_settings(None)
    killed = interrupt_mid_ingest(corpus, settings.index.path, sig, group)
    if sig == signal.SIGKILL:
        assert killed.returncode == -signal.SIGKILL
    else:
        # Said what was kept and how to finish, with the shell's exit code for the signal; no traceback.
        assert killed.returncode == 128 + sig, killed.stderr
        assert "Error: interrupted: the articles written so far are kept" in killed.stderr, killed.stderr
        assert "Traceback" not in killed.stderr
    # Asked for JSON, an interrupted run says so as its error, with the counts of what it wrote (a
    # probe's said nothing of the 168 articles it had written).
    said = {} if sig == signal.SIGKILL else json.loads(killed.stdout)
    assert killed.stdout == "" if sig == signal.SIGKILL else said.keys() == {"error", *INGEST_SUMMARY_FIELDS}

    store = ArticleStore(settings.index)
    partial = assert_only_whole_articles(store)
    assert 0 < len(partial) < articles, f"interrupted after {len(partial)} articles: not mid-ingest"
    if said:  # a batch written as the signal came is whole in the index, and may be uncounted
        batch = settings.ingest.batch_articles
        assert len(partial) - batch <= said["added"] <= len(partial), (said, len(partial))
        assert f"({said['added']} added, 0 updated, 0 unchanged" in said["error"]
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


def test_ctrl_c_in_a_terminal_stops_an_ingest_in_worker_processes(write_jsonl, monkeypatch) -> None:
    """A terminal's Ctrl-C reaches the ingest's workers too (enough articles to use them): a
    probe's ingest then waited forever for a worker the interrupt had stopped (3 of 5 tries)."""
    monkeypatch.setenv("NEWSDESK_INGEST__CHUNK_SIZE", "32")
    monkeypatch.setenv("NEWSDESK_INGEST__CHUNK_OVERLAP", "0")
    many = 4 * PARALLEL_FROM_ARTICLES
    corpus = write_jsonl("many.jsonl", [article(i) for i in range(many)])
    interrupt_and_check(corpus, signal.SIGINT, group=True, articles=many)


def test_sigterm_mid_ingest_stops_it_as_ctrl_c_does(corpus: Path) -> None:
    """`kill`, `timeout` and service managers send SIGTERM, whose default ended the ingest at once,
    mid-write and without a word, leaving its workers running (a probe's)."""
    interrupt_and_check(corpus, signal.SIGTERM)


def ingest_then_update_killed_in_keyword_commit(index_settings_env: dict[str, str], first: Path, second: Path) -> int:
    """In a real process: ingest `first`, then ingest `second` and SIGKILL the process at the
    moment the replica's SQLite commit is done and the keyword (tantivy) commit begins."""
    script = f"""
import os, signal
from bot.service import build_services
from newsdesk.settings import load_settings
services = build_services(load_settings(None))
services.ingestor.ingest_paths([{str(first)!r}])
def killed(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
services.store.replica.lexical.update = killed
services.ingestor.ingest_paths([{str(second)!r}])
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=index_settings_env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    return done.returncode


def test_kill_between_replica_commit_and_keyword_commit_is_repaired(settings, write_jsonl) -> None:
    """An update that keeps the chunk count, killed after SQLite committed and before BM25 did:
    the next process sees the two disagree and rebuilds BM25 (issue: a re-ingest used to report
    "unchanged" and never repair it)."""
    first = write_jsonl("one.jsonl", [{"id": "x", "text": "The mayor opened the new library on Monday."}])
    second = write_jsonl("two.jsonl", [{"id": "x", "text": "The mayor closed the old museum on Tuesday."}])
    assert ingest_then_update_killed_in_keyword_commit(dict(os.environ), first, second) == -signal.SIGKILL

    reopened = ArticleStore(settings.index)  # the next process
    [record] = catalog(reopened).values()
    assert record.chunk_count == 1
    assert_lexical_matches(reopened)
    [(row, _)] = reopened.lexical_search("museum", 5)
    assert reopened.passages([row])[row].text == "The mayor closed the old museum on Tuesday."
    assert reopened.lexical_search("library", 5) == []
    # A re-ingest of the same article is "unchanged" and the index stays right.
    report = CliRunner().invoke(cli, ["ingest", str(second), "--json"], catch_exceptions=False)
    assert json.loads(report.stdout)["unchanged"] == 1


def test_a_deleted_keyword_index_is_rebuilt(settings, write_jsonl, caplog) -> None:
    """A probe's `rm -rf …/lexical` left keyword search empty for good: "no article mentions" what
    the index held. The next process rebuilds it from the replica's chunks. A new index, which has
    none yet, is no interrupted write (a review's: its first ingest had warned so)."""
    feed = write_jsonl("one.jsonl", [{"id": "x", "text": "The mayor opened the new library on Monday."}])
    CliRunner().invoke(cli, ["ingest", str(feed)], catch_exceptions=False)
    assert "behind the replica" not in caplog.text
    first = ArticleStore(settings.index)
    first.sync(force=True)
    lexical = first.replica.folder / "lexical"
    assert lexical.is_dir()
    shutil.rmtree(lexical)
    reopened = ArticleStore(settings.index)  # the next process
    reopened.sync(force=True)
    assert [reopened.passages([row])[row].text for row, _ in reopened.lexical_search("library", 5)] == [
        "The mayor opened the new library on Monday."
    ]
    assert_lexical_matches(reopened)


def test_a_keyword_index_deleted_or_damaged_is_rebuilt_before_a_question(settings, write_jsonl) -> None:
    """A tester's `rm -rf …/lexical` was mended only by a forced sync (an ingest's): a question's
    sync, the index being in step with Chroma, returned at once, and every question was declined
    for "no article mentions “Fed”". Damaged segments stopped each question with tantivy's
    traceback, and a garbled generation file `stats` with a UnicodeDecodeError."""
    feed = write_jsonl("one.jsonl", [{"id": "x", "text": "The mayor opened the new library on Monday."}])
    CliRunner().invoke(cli, ["ingest", str(feed)], catch_exceptions=False)
    lexical = ArticleStore(settings.index).replica.folder / "lexical"
    library = ["The mayor opened the new library on Monday."]

    shutil.rmtree(lexical)
    deleted = ArticleStore(settings.index)  # the next process
    deleted.sync()  # as a question does
    assert [deleted.passages([row])[row].text for row, _ in deleted.lexical_search("library", 5)] == library

    for segment in lexical.glob("*.idx"):
        segment.write_bytes(os.urandom(1000))
    (Path(settings.index.path) / "newsdesk.generation").write_bytes(b"\xff\xfe" + os.urandom(50))
    damaged = ArticleStore(settings.index)
    damaged.sync()
    assert [damaged.passages([row])[row].text for row, _ in damaged.lexical_search("library", 5)] == library
    assert_lexical_matches(damaged)
    assert damaged.stats().articles == 1


def spawned_workers(parent: int) -> list[int]:
    """The multiprocessing workers (spawned) whose parent is this pid, from Linux's /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:  # ended meanwhile
            continue
        if int(fields[1]) == parent and b"spawn_main" in cmdline:
            found.append(int(stat.parent.name))
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_killed_ingest_leaves_no_worker_processes_behind(write_jsonl, monkeypatch: pytest.MonkeyPatch) -> None:
    """A large ingest chunks and embeds in two worker processes. Killed (SIGKILL, or SIGTERM's
    default), it could not stop them: a probe found them alive half an hour later, 280 MB each,
    holding the ingest's output pipe open so that the program reading it hung."""
    from ingest.pipeline import PARALLEL_FROM_ARTICLES

    monkeypatch.setenv("NEWSDESK_INGEST__CHUNK_SIZE", "32")
    monkeypatch.setenv("NEWSDESK_INGEST__CHUNK_OVERLAP", "0")
    corpus = write_jsonl("many.jsonl", [article(i) for i in range(PARALLEL_FROM_ARTICLES + 100)])
    index = load_settings(None).index.path
    proc = subprocess.Popen(
        [str(NEWSDESK), "ingest", str(corpus), "--json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NEWSDESK_INGEST__BATCH_ARTICLES": str(BATCH_ARTICLES)},
    )
    try:
        deadline = time.monotonic() + 120
        while chunks_in_sqlite(index) == 0:  # the workers have chunked a batch: they are running
            assert proc.poll() is None and time.monotonic() < deadline, "the ingest wrote nothing"
            time.sleep(0.02)
        workers = spawned_workers(proc.pid)
        assert len(workers) == 2, workers
    finally:
        proc.kill()
        proc.wait()
    deadline = time.monotonic() + 30
    while any(running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if running(pid)]
    for pid in left:  # not to leave them to later tests
        os.kill(pid, signal.SIGKILL)
    assert not left, f"workers {left} outlived the killed ingest"


def test_a_chroma_index_file_cut_short_is_said_in_one_line_and_questions_go_on(write_jsonl) -> None:
    """A probe's ingest, stopped by SIGTERM while Chroma saved a collection's vector index, left
    `index_metadata.pickle` cut short; every command then printed a traceback, `stats` and
    questions included. The replica still holds every article it applied: questions and `stats`
    go on from it with one warning, and a write says in one line what happened and what to do."""
    # Enough chunks (over a thousand) for Chroma to save each collection's index to files.
    records = [
        {"id": f"m{i}", "title": f"Item {i}", "published": "2023-02-01", "text": f"Report {i}."} for i in range(1200)
    ]
    settings = load_settings(None)
    index = Path(settings.index.path)
    done = subprocess.run(
        [str(NEWSDESK), "ingest", str(write_jsonl("many.jsonl", records)), "--json"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    pickles = list(index.glob("*/index_metadata.pickle"))
    assert pickles, "Chroma saved no vector index files"
    for pickle in pickles:
        pickle.write_bytes(pickle.read_bytes()[: pickle.stat().st_size // 2])
    (index / "newsdesk.generation").write_text("99", encoding="utf-8")  # behind: Chroma must be read

    stats = subprocess.run([str(NEWSDESK), "stats", "--json"], capture_output=True, text=True)
    assert stats.returncode == 0 and "Traceback" not in stats.stderr, stats.stderr
    assert json.loads(stats.stdout)["articles"] == 1200
    assert stats.stderr.count(f"the Chroma index in {index} is damaged") == 1, stats.stderr

    more = subprocess.run(
        [str(NEWSDESK), "ingest", str(write_jsonl("one.jsonl", [article(1)]))], capture_output=True, text=True
    )
    assert more.returncode == 1 and "Traceback" not in more.stderr, more.stderr
    assert f"Error: the Chroma index in {index} is damaged" in more.stderr
    assert "move the folder aside" in more.stderr


def test_a_ctrl_c_swallowed_in_a_destructor_still_stops_the_ingest(monkeypatch) -> None:
    """Python swallows an exception raised inside a destructor: a CI run's Ctrl-C landed in one (the
    regex module's), and the ingest ran to its end with exit 0. The interrupt is raised again at
    the next progress report, and is not also printed as "Exception ignored … Traceback" (another
    CI run's stderr had one beside "Error: interrupted")."""
    printed: list[BaseException | None] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda raised: printed.append(raised.exc_value))

    class RaisesInItsDestructor:
        def __del__(self) -> None:
            signal.raise_signal(signal.SIGINT)  # the handler's KeyboardInterrupt is swallowed here

    with interrupts_raised() as interrupts:
        holder = RaisesInItsDestructor()
        del holder  # "Exception ignored in: … KeyboardInterrupt", and on we go
        with pytest.raises(KeyboardInterrupt):
            interrupts.raise_if_received()
    assert printed == []
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back as it was
    assert sys.unraisablehook is not None and sys.unraisablehook.__name__ == "<lambda>"  # and so is the hook
