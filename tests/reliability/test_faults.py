"""Faults: processes killed at random points, a Chroma server lost and restarted, a full disk.

- `newsdesk ingest` (new articles, changed articles, `--delete`) is SIGKILLed at seeded random
  points. After each kill the index, opened here as the next process would open it, holds only
  whole articles of one version, its replica (SQLite chunks, vectors, tantivy) agrees with the
  catalog, and the same command run again finishes the job with the right counts.
- A `chroma run` server is killed mid-ingest and mid-conversation (http mode): the CLI says
  `Error: lost the connection to the Chroma server …` (no traceback); once the server is back on
  the same port and data folder the next command works, and so should a running `newsdesk chat`.
- The review log on a full filesystem (a tiny tmpfs; RLIMIT_FSIZE where mounting is not allowed):
  the writer gets an error, nothing is half-written, and the log works again once there is room.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bot.review_log import ReviewLog
from ingest.store import ArticleStore
from newsdesk.cli import cli
from newsdesk.settings import load_settings
from tests.ingest.test_chroma_http import HOST, free_port
from tests.ingest.test_crash_safety import chunks_in_sqlite
from tests.reliability.helpers import (
    NEWSDESK,
    ROOT,
    Chat,
    assert_index_consistent,
    catalog,
    chroma_env,
    kill,
    newsdesk,
    open_index,
    start_chroma,
    wait_for,
    write_jsonl,
)

SEED = 20240611


def article(prefix: str, i: int, edition: int) -> dict[str, Any]:
    """A short article; every third one is long enough for several (small) chunks. The edition is
    in the title, which the catalog keeps, so a check can tell versions apart."""
    text = f"Edition {edition} of report {prefix}{i}: the council of {prefix}town {i} met on day {edition}."
    if i % 3 == 0:
        text += "".join(f" Speaker {j} asked for {edition * 10 + j} more buses in {prefix}town {i}." for j in range(4))
    return {
        "id": f"{prefix}{i:03d}",
        "title": f"Report {prefix}{i} edition {edition}",
        "published": f"2023-02-{i % 28 + 1:02d}",
        "source": f"outlet{i % 3}.example",
        "text": text,
    }


def editions(store: ArticleStore) -> dict[str, int]:
    """Article id -> the edition the catalog holds."""
    return {article_id: int(r.title.rsplit(" ", 1)[1]) for article_id, r in catalog(store).items()}


@dataclass
class Step:
    """One command to kill and run again: `args` after `newsdesk ingest`, and the index it leads to."""

    kind: str  # "ingest", "update" or "delete"
    args: list[str]
    wanted: dict[str, int]  # ingest, update: article id -> edition, of every article in the file
    delete: list[str]  # delete: the ids given
    target: dict[str, int]  # the whole index (article id -> edition) once the command has completed
    # When the kill comes: a random delay after the command's first write to the index, or after its start.
    after_first_write: bool
    max_delay: float


def plan(tmp_path: Path, rng: random.Random, n: int = 90) -> list[Step]:
    """Six commands on one index: ingest, update, delete, twice over, with what each leads to."""
    steps: list[Step] = []
    state: dict[str, int] = {}

    def add(kind: str, records: list[dict[str, Any]], delete: list[str], after_first_write: bool, delay: float) -> None:
        nonlocal state
        wanted = {r["id"]: int(r["title"].rsplit(" ", 1)[1]) for r in records}
        target = {a: e for a, e in {**state, **wanted}.items() if a not in delete}
        if records:
            args = [str(write_jsonl(tmp_path / f"step{len(steps)}.jsonl", records))]
        else:
            args = [part for article_id in delete for part in ("--delete", article_id)]
        steps.append(Step(kind, args, wanted, delete, target, after_first_write, delay))
        state = target

    add("ingest", [article("a", i, 1) for i in range(n)], [], True, 1.5)
    # Every other article changed (the long ones get more chunks than before), the rest unchanged.
    add("update", [article("a", i, 2 if i % 2 == 0 else 1) for i in range(n)], [], True, 1.0)
    add("delete", [], [f"a{i:03d}" for i in sorted(rng.sample(range(n), 25))], False, 5.0)
    add("ingest", [article("b", i, 1) for i in range(n)], [], False, 7.0)
    survivors = sorted(a for a in state if a.startswith("a"))
    add(
        "update", [article("a", int(a[1:]), 3) for a in survivors] + [article("b", i, 2) for i in range(n)], [], True, 1
    )
    add("delete", [], sorted(rng.sample([a for a in state if a.startswith("b")], 25)) + survivors[:5], False, 5.0)
    return steps


def generation_of(index: Path) -> str:
    try:
        return (index / "newsdesk.generation").read_text()
    except OSError:
        return ""


def run_and_kill(step: Step, index: Path, rng: random.Random) -> tuple[int | None, float]:
    """Start `newsdesk ingest …`, SIGKILL it after a seeded random delay; (its exit status, the delay)."""
    before = generation_of(index)
    proc = subprocess.Popen(
        [str(NEWSDESK), "ingest", *step.args, "--json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        # Small batches: many separate writes to land between.
        env={**os.environ, "NEWSDESK_INGEST__BATCH_ARTICLES": "1"},
    )
    try:
        delay = rng.uniform(0, step.max_delay)
        if step.after_first_write:
            wait_for(lambda: generation_of(index) != before or proc.poll() is not None, 120, "no write by the ingest")
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.01)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            kill(proc)
    assert proc.returncode in (-signal.SIGKILL, 0, 1), err  # 1: a delete of ids already gone
    assert "Traceback" not in (err or b"").decode(errors="replace")
    return proc.returncode, delay


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    # Small chunks keep the model's work short and split articles in several chunks. The killed
    # run (another process) and the re-run (here) must use the same chunking.
    monkeypatch.setenv("NEWSDESK_INGEST__CHUNK_SIZE", "32")
    monkeypatch.setenv("NEWSDESK_INGEST__CHUNK_OVERLAP", "0")


def test_sigkill_at_random_points_of_ingest_update_and_delete(tmp_path: Path, small_chunks: None) -> None:
    rng = random.Random(SEED)
    settings = load_settings(None)
    index = Path(settings.index.path)
    outcomes: list[str] = []
    killed_mid_way = 0
    before: dict[str, int] = {}
    for number, step in enumerate(plan(tmp_path, rng)):
        status, delay = run_and_kill(step, index, rng)

        # The next process: whole articles only, each of its old or its new version, and a
        # replica (SQLite, vectors, BM25) that agrees with the catalog.
        store = open_index(settings.index)
        assert_index_consistent(store)
        found = editions(store)
        for article_id, edition in found.items():
            assert edition in {before.get(article_id), step.target.get(article_id)}, (number, article_id, edition)
        untouched = set(before) - set(step.wanted) - set(step.delete)
        assert {a: found.get(a) for a in untouched} == {a: before[a] for a in untouched}, number
        if step.kind == "delete":
            todo = [a for a in step.delete if a in before]
            done = [a for a in todo if a not in found]
        else:
            todo = [a for a, e in step.wanted.items() if before.get(a) != e]
            done = [a for a in todo if found.get(a) == step.wanted[a]]
        if status == -signal.SIGKILL:
            killed_mid_way += 0 < len(done) < len(todo)
            how = f"killed after {delay:.2f} s"
        else:
            how = f"finished within {delay:.2f} s, before the kill"
        outcomes.append(f"{number} {step.kind}: {how}, {len(done)}/{len(todo)} articles done")

        # The same command again finishes the job, doing only what was left.
        result = CliRunner().invoke(cli, ["ingest", *step.args, "--json"], catch_exceptions=False)
        report = json.loads(result.stdout)
        if step.kind == "delete":
            assert report["deleted"] == len(todo) - len(done), (number, report)
            assert [f["path"] for f in report["failed"]] == [a for a in step.delete if a not in found], report
            assert {f["error"] for f in report["failed"]} <= {"no article with this id in the index"}, report
            assert result.exit_code == (1 if report["failed"] else 0)
        else:
            assert result.exit_code == 0 and report["failed"] == [], (number, result.output)
            left = [a for a, e in step.wanted.items() if found.get(a) != e]
            assert (report["added"], report["updated"], report["unchanged"]) == (
                sum(a not in found for a in left),
                sum(a in found for a in left),
                len(step.wanted) - len(left),
            ), (number, report)
        store = open_index(settings.index)
        assert_index_consistent(store)
        assert editions(store) == step.target, number
        before = step.target

    orphans = store.chroma.count_chunks() - sum(r.chunk_count for r in catalog(store).values())
    print("\nSIGKILL runs:\n  " + "\n  ".join(outcomes) + f"\n  chunks in Chroma no article names: {orphans}")
    assert sum("killed" in o for o in outcomes) >= 4, outcomes  # most kills landed before the command ended
    assert killed_mid_way >= 2, outcomes  # and some in the middle of its writes


KILL_WHEN_STALE_CHUNKS_GO = """
import os, signal, sys
from chromadb.api.models.Collection import Collection
from bot.service import build_services
from newsdesk.settings import load_settings
services = build_services(load_settings(None))
services.ingestor.ingest_paths([sys.argv[1]])
def killed(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
Collection.delete = killed  # the last step of a write: the replaced version's chunks go
services.ingestor.ingest_paths([sys.argv[2]])
"""


class OrphanChunks(AssertionError):
    """Chroma holds chunks that no catalog record names."""


def test_a_kill_before_the_old_chunks_are_deleted_leaves_no_orphans(tmp_path: Path, small_chunks: None) -> None:
    first = write_jsonl(tmp_path / "one.jsonl", [article("o", i, 1) for i in range(6)])
    second = write_jsonl(tmp_path / "two.jsonl", [article("o", i, 2) for i in range(6)])
    done = subprocess.run(
        [sys.executable, "-c", KILL_WHEN_STALE_CHUNKS_GO, str(first), str(second)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr

    settings = load_settings(None)
    store = open_index(settings.index)
    assert_index_consistent(store)
    assert set(editions(store).values()) == {2}  # the new version is whole and the one in use
    again = CliRunner().invoke(cli, ["ingest", str(second), "--json"], catch_exceptions=False)
    assert json.loads(again.stdout)["unchanged"] == 6
    store = open_index(settings.index)
    named = sum(r.chunk_count for r in catalog(store).values())
    if store.chroma.count_chunks() != named:
        raise OrphanChunks(f"{store.chroma.count_chunks() - named} chunks of the replaced version stay in Chroma")


def test_ctrl_c_during_ingest_says_what_was_kept_and_how_to_finish(tmp_path: Path, small_chunks: None) -> None:
    """A probe's Ctrl-C printed Click's bare "Aborted!"; the batches written were kept, but it did
    not say so. Interrupted once Chroma holds some chunks, the run again finishes the job."""
    feed = write_jsonl(tmp_path / "feed.jsonl", [article("c", i, 1) for i in range(3000)])
    chroma_file = Path(load_settings(None).index.path) / "chroma.sqlite3"

    def written() -> int:
        try:
            with contextlib.closing(sqlite3.connect(f"file:{chroma_file}?mode=ro", uri=True)) as db:
                return int(db.execute("SELECT count(*) FROM embeddings").fetchone()[0])
        except sqlite3.Error:  # not made yet, or mid-write
            return 0

    process = subprocess.Popen(
        [str(NEWSDESK), "ingest", str(feed), "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        wait_for(lambda: written() > 500, 240, "several batches written")  # the first may be half done
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=120)
    finally:
        kill(process)
    assert process.returncode == 130 and "Traceback" not in stderr, stderr
    assert "Error: interrupted: the articles written so far are kept" in stderr
    assert json.loads(stdout)["error"].startswith("interrupted")
    again = newsdesk("ingest", str(feed), "--json")
    report = json.loads(again.stdout)
    assert again.returncode == 0 and report["unchanged"] > 0 and report["added"] + report["unchanged"] == 3000


# -- damaged files -----------------------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_replica_is_rebuilt_from_chroma(sample_dir: Path, damage: str) -> None:
    """A probe's replica.sqlite3 overwritten, or cut short, had ended `stats`, `ask` and `ingest` in
    a traceback. It is a copy of Chroma's data, so the next command makes it again."""
    assert newsdesk("ingest", str(sample_dir)).returncode == 0
    replica = load_settings(None).index.path / "replica-newsdesk" / "replica.sqlite3"
    if damage == "garbage":
        replica.write_bytes(b"garbage\n")
    else:
        os.truncate(replica, 8192)
    stats = newsdesk("stats", "--json")
    assert stats.returncode == 0 and "Traceback" not in stats.stderr, stats.stderr
    assert json.loads(stats.stdout)["articles"] == 2
    assert "is damaged" in stats.stderr and "rebuilding it from Chroma" in stats.stderr
    asked = newsdesk("ask", "Who did Blinken meet in Ramallah?", "--as-of", "2023-02-02", "--json")
    assert asked.returncode == 0 and "Mahmoud Abbas" in json.loads(asked.stdout)["answer"], asked.stderr


def test_a_replica_found_damaged_after_opening_is_named_to_be_deleted(sample_dir: Path) -> None:
    """A review's: pages damaged inside the file open fine and fail on a later read. That had been
    blamed on Chroma's database, which sent the user to a backup for a copy made again at will."""
    assert newsdesk("ingest", str(sample_dir)).returncode == 0
    folder = load_settings(None).index.path / "replica-newsdesk"
    with open(folder / "replica.sqlite3", "r+b") as replica:
        size = replica.seek(0, os.SEEK_END)
        for page in range(2, size // 4096):  # all but the first, which names the tables
            replica.seek(page * 4096)
            replica.write(b"\xff" * 4096)
    asked = newsdesk("ask", "Who did Blinken meet in Ramallah?", "--as-of", "2023-02-02")
    assert asked.returncode == 1 and "Traceback" not in asked.stderr, asked.stderr
    assert asked.stderr.startswith(f"Error: the local replica at {folder} is damaged"), asked.stderr
    assert "Delete that folder" in asked.stderr
    shutil.rmtree(folder)
    again = newsdesk("ask", "Who did Blinken meet in Ramallah?", "--as-of", "2023-02-02")
    assert again.returncode == 0 and "Mahmoud Abbas" in again.stdout, again.stderr


def test_a_damaged_chroma_database_is_a_clear_error(sample_dir: Path) -> None:
    """Chroma's own file has no other copy: the user is told which index, and what to do."""
    assert newsdesk("ingest", str(sample_dir)).returncode == 0
    index = load_settings(None).index.path
    (index / "chroma.sqlite3").write_bytes(b"garbage\n")
    result = newsdesk("ingest", str(sample_dir), "--json")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith(f"Error: the index at {index} cannot be read: its Chroma database is damaged")
    assert "cannot be read" in json.loads(result.stdout)["error"]
    # Questions are answered from the replica, which is whole.
    asked = newsdesk("ask", "Who did Blinken meet in Ramallah?", "--as-of", "2023-02-02", "--json")
    assert asked.returncode == 0 and "Mahmoud Abbas" in json.loads(asked.stdout)["answer"], asked.stderr


def test_a_replica_ahead_of_a_replaced_chroma_database_is_rebuilt(sample_dir: Path, tmp_path: Path) -> None:
    """A probe's chroma.sqlite3, removed (or restored from an older backup) beside the replica:
    stats and answers went on showing articles that `--delete` said did not exist."""
    assert newsdesk("ingest", str(sample_dir)).returncode == 0
    (load_settings(None).index.path / "chroma.sqlite3").unlink()
    quake = tmp_path / "quake.jsonl"
    quake.write_text('{"id": "quake", "published": "2023-03-10", "text": "An earthquake struck Leeford."}\n')
    ingested = newsdesk("ingest", str(quake))
    assert ingested.returncode == 0 and "Traceback" not in ingested.stderr, ingested.stderr
    assert "holds fewer articles than the local replica; rebuilding the replica" in ingested.stderr
    stats = newsdesk("stats", "--json")
    assert json.loads(stats.stdout)["articles"] == 1, stats.stderr
    asked = newsdesk("ask", "Who did Blinken meet in Ramallah?", "--as-of", "2023-03-11", "--json")
    assert json.loads(asked.stdout)["abstained"], asked.stdout


# -- a Chroma server lost mid-ingest and mid-conversation -------------------------------------------


LOST = "Error: lost the connection to the Chroma server at {host}:{port} ("
AGAIN = "Run the command again once it is back (an ingest resumes where it stopped)."


@pytest.fixture
def chroma(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A `chroma run` server that the test can kill and start again on the same port and data folder."""
    server: dict[str, Any] = {"port": free_port(), "data": tmp_path / "chroma-data", "log": tmp_path / "chroma.log"}
    server["proc"] = start_chroma(server["data"], server["port"], server["log"])
    try:
        yield server
    finally:
        kill(server["proc"])


def restart(server: dict[str, Any]) -> None:
    kill(server["proc"])
    server["proc"] = start_chroma(server["data"], server["port"], server["log"])


def test_chroma_server_killed_mid_ingest_then_restarted(
    tmp_path: Path, chroma: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    port = chroma["port"]
    corpus = write_jsonl(tmp_path / "corpus.jsonl", [article("h", i, 1) for i in range(120)])
    worker = chroma_env(port, tmp_path / "worker", NEWSDESK_INGEST__BATCH_ARTICLES="4")
    ingest = subprocess.Popen(
        [str(NEWSDESK), "ingest", str(corpus), "--json"], env=worker, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        # Some batches are in the server's database: kill the server mid-ingest.
        wait_for(lambda: chunks_in_sqlite(chroma["data"]) > 20 or ingest.poll() is not None, 120, "no chunk written")
        assert ingest.poll() is None, "the ingest finished before the server could be killed"
        kill(chroma["proc"])
        out, err = ingest.communicate(timeout=120)
    finally:
        kill(ingest)
    stderr = err.decode()
    assert ingest.returncode == 1, stderr
    assert "Traceback" not in stderr, stderr
    error = stderr.strip().splitlines()[-1]
    assert error.startswith(LOST.format(host=HOST, port=port)) and error.endswith(AGAIN), stderr
    # Asked for JSON, standard output holds the same error as JSON, and nothing else.
    assert json.loads(out) == {"error": error.removeprefix("Error: ")}

    # While it is down: every command says so clearly.
    down = newsdesk("stats", env=worker)
    assert down.returncode == 1 and "Traceback" not in down.stderr, down.stderr
    assert down.stderr.startswith("Error: ") and f"{HOST}:{port}" in down.stderr, down.stderr

    # Back on the same port and data: the next command resumes the ingest and completes it.
    restart(chroma)
    again = newsdesk("ingest", str(corpus), "--json", env=worker)
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert report["added"] > 0 and report["unchanged"] > 0, report  # resumed, not restarted
    assert report["added"] + report["unchanged"] == 120 and report["failed"] == [], report
    stats = newsdesk("stats", "--json", env=chroma_env(port, tmp_path / "reader"))  # a fresh replica
    assert stats.returncode == 0 and json.loads(stats.stdout)["articles"] == 120, stats.stderr
    for name, value in chroma_env(port, tmp_path / "checker").items():
        monkeypatch.setenv(name, value)
    store = ArticleStore(load_settings(None).index)  # Chroma (the server) and a replica of it, checked here
    assert sorted(assert_index_consistent(store)) == sorted(f"h{i:03d}" for i in range(120))


FERRY = {
    "id": "ferry",
    "title": "Ferries cancelled",
    "published": "2023-03-01",
    "text": "Ferries between the islands were cancelled on Tuesday as a storm reached the harbour.",
}
STORM_QUESTION = "What was cancelled because of the storm?"


def test_chat_keeps_going_through_a_chroma_server_restart(tmp_path: Path, chroma: dict[str, Any]) -> None:
    port = chroma["port"]
    ferry = write_jsonl(tmp_path / "ferry.jsonl", [FERRY])
    assert newsdesk("ingest", str(ferry), env=chroma_env(port, tmp_path / "w")).returncode == 0
    # poll_seconds 0: every question asks the server for news, so each one meets the outage.
    chat = Chat(chroma_env(port, tmp_path / "chat", NEWSDESK_INDEX__POLL_SECONDS="0"))
    try:
        assert "Ferries" in chat.ask(STORM_QUESTION)
        kill(chroma["proc"])
        during = chat.ask(STORM_QUESTION)  # an answer from the replica, or a clear error; the chat goes on
        assert "Traceback" not in during and ("Ferries" in during or "lost the connection" in during), during
        restart(chroma)
        assert newsdesk("stats", env=chroma_env(port, tmp_path / "w")).returncode == 0  # the next command
        after = chat.ask(STORM_QUESTION)  # the same chat process, not restarted
        assert "Ferries" in after and "[1]" in after, after
    finally:
        err = chat.close()
    assert "Traceback" not in err, err


# -- the review log on a full disk -----------------------------------------------------------------


FILL_REVIEW_LOG = """
import json, os, resource, signal, sys
from datetime import date
from bot.review_log import AskContext, ReviewLog
from newsdesk.models import Answer, Citation

path, how = sys.argv[1], sys.argv[2]

def answer(n, size):
    cite = Citation(1, f"id{n}", f"Title {n}", "example.com", None, date(2023, 1, 31), "quote")
    return Answer(f"Question {n}?", f"Answer {n}. " + "x" * size, False, (cite,), (), None, "label", date(2023, 2, 1))

log = ReviewLog(path)
first = [log.record(answer(n, 100), AskContext(user_id=n)) for n in range(5)]
log.set_feedback(first[0], 42, 1)

def fill():
    if how == "tmpfs":  # fill the filesystem
        fd = os.open(os.path.join(os.path.dirname(path), "filler"), os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(fd, bytes(65536))
        except OSError:
            pass
        try:
            while True:
                os.write(fd, bytes(512))
        except OSError:
            pass
        os.close(fd)
    else:  # no file may grow past its size now
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        limit = max(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

def free():
    if how == "tmpfs":
        os.remove(os.path.join(os.path.dirname(path), "filler"))
    else:
        resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))

fill()
errors, written = [], []
for n, size in enumerate([50, 5_000, 200_000, 2_000_000, 50], start=100):  # fails at the statement or at COMMIT
    try:
        written.append(log.record(answer(n, size), AskContext(user_id=n)))
    except Exception as exc:
        errors.append(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
try:
    log.set_feedback(first[1], 43, -1, "x" * 100_000)
    written.append("feedback")
except Exception as exc:
    errors.append(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
free()
after = log.record(answer(999, 100), AskContext(user_id=999))  # the same open log works again
log.close()
print(json.dumps({"first": first, "errors": errors, "written": written, "after": after}))
"""


@pytest.fixture(scope="module")
def full_disk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, dict[str, Any]]]:
    """The review log written until the disk is full, then freed; (how, its path, what the writer saw).

    The log is on a 1 MB tmpfs ("tmpfs"), filled up; where mounting is not allowed, the writer runs
    under RLIMIT_FSIZE instead ("rlimit"), so that no file may grow."""
    folder = tmp_path_factory.mktemp("small-disk")
    try:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)], capture_output=True)
        how = "tmpfs" if mounted.returncode == 0 else "rlimit"
    except OSError:  # no mount command
        how = "rlimit"
    try:
        path = folder / "review.sqlite3"
        done = subprocess.run(
            [sys.executable, "-c", FILL_REVIEW_LOG, str(path), how],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
        assert done.returncode == 0, done.stderr
        result = json.loads(done.stdout)
        print(f"\nreview log on a full disk ({how}): {len(result['errors'])} writes refused: {result['errors']}")
        yield how, path, result
    finally:
        if how == "tmpfs":
            subprocess.run(["umount", str(folder)], check=True)


def test_review_log_on_a_full_disk_stays_whole_and_recovers(full_disk: tuple[str, Path, dict[str, Any]]) -> None:
    _, path, result = full_disk
    # The writer is told (an exception, not a silent loss): the small writes fail too, not only the big ones.
    assert len(result["errors"]) == 6 and result["written"] == [], result
    assert all(e.startswith("sqlite3.OperationalError: ") for e in result["errors"]), result
    # Nothing half-written: the database is whole, in WAL mode, holds the earlier entries as they
    # were and no trace of the refused ones; the same open log wrote again once there was room.
    # closing(): sqlite3's own context manager commits but leaves the file open (and the tmpfs busy).
    with contextlib.closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        rows = db.execute("SELECT id, question, substr(answer, 1, 9) FROM entries ORDER BY id").fetchall()
        feedback = db.execute("SELECT entry_id, user_id, value FROM feedback").fetchall()
    first = result["first"]
    assert rows == [(i, f"Question {n}?", f"Answer {n}.") for n, i in enumerate(first)] + [
        (result["after"], "Question 999?", "Answer 99")
    ]
    assert feedback == [(first[0], 42, 1)]
    reopened = ReviewLog(path)  # as the next process opens it
    try:
        assert reopened.count() == 6 and reopened.get(first[0]).up == 1  # type: ignore[union-attr]
    finally:
        reopened.close()


def test_review_log_on_a_full_disk_names_the_cause(full_disk: tuple[str, Path, dict[str, Any]]) -> None:
    _, _, result = full_disk
    causes = {e.split(": ", 1)[1] for e in result["errors"]}
    assert causes <= {"database or disk is full", "disk I/O error"}, result["errors"]
