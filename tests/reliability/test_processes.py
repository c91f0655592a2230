"""Several real processes on one index: a long-lived answering process keeps answering,
and sees what another process ingests, without a restart.

Embedded mode shares one index folder (the CLI ingests while `newsdesk chat` runs: the
probe found every question failing with Chroma's "Error finding id" after that). Http mode
runs a real `chroma run` server, one ingest worker and two answering processes, each with
its own index folder, as on separate machines.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ingest.test_chroma_http import HOST, start_server, stop_server
from tests.reliability.helpers import wait_for

NEWSDESK = Path(sys.executable).parent / "newsdesk"
FERRY = {
    "id": "ferry",
    "title": "Ferries cancelled",
    "published": "2023-03-01",
    "text": "Ferries between the islands were cancelled on Tuesday as a storm reached the harbour.",
}
VOLCANO = {
    "id": "volcano",
    "title": "Eruption in Iceland",
    "published": "2023-03-02",
    "text": "The Fagradalsfjall volcano in Iceland erupted on Wednesday, sending lava across the valley.",
}
VOLCANO_QUESTION = "Which volcano erupted in Iceland?"


class Chat:
    """`newsdesk chat` as a user runs it: questions on stdin, answers on stdout."""

    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [str(NEWSDESK), "chat", "--as-of", "2023-03-05"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            bufsize=1,
        )

    def ask(self, question: str, timeout: float = 60) -> str:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(question + "\n")
        self.proc.stdin.flush()
        lines = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                pytest.fail(f"chat ended: {self.proc.stderr.read() if self.proc.stderr else ''}")
            lines.append(line)
            if line.startswith("Searched:") or "Error" in line or "Traceback" in line:
                return "".join(lines)
        pytest.fail(f"no answer within {timeout} s: {''.join(lines)}")

    def close(self) -> str:
        assert self.proc.stdin is not None
        self.proc.stdin.write("/quit\n")
        self.proc.stdin.flush()
        _, err = self.proc.communicate(timeout=60)
        return err


def ingest(env: dict[str, str], path: Path) -> dict:
    done = subprocess.run(
        [str(NEWSDESK), "ingest", str(path), "--json"], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def write(path: Path, *records: dict) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_chat_keeps_answering_while_the_cli_ingests_into_the_same_embedded_index(tmp_path: Path) -> None:
    env = dict(os.environ)
    ingest(env, write(tmp_path / "ferry.jsonl", FERRY))
    chat = Chat(env)
    try:
        before = chat.ask(VOLCANO_QUESTION)
        assert "don't cover" in before and "Error" not in before
        assert ingest(env, write(tmp_path / "volcano.jsonl", VOLCANO))["added"] == 1
        after = chat.ask(VOLCANO_QUESTION)
        assert "Fagradalsfjall" in after and "[1]" in after, after
        # An update from outside, then a delete: each kind of write followed by questions, and no
        # "Error finding id", ever.
        changed = {**VOLCANO, "text": VOLCANO["text"] + " Update: the lava flow slowed."}
        assert ingest(env, write(tmp_path / "volcano-updated.jsonl", changed))["updated"] == 1
        assert "Fagradalsfjall" in chat.ask(VOLCANO_QUESTION)
        assert "Ferries" in chat.ask("What was cancelled because of the storm?")
        done = subprocess.run(
            [str(NEWSDESK), "ingest", "--delete", "volcano", "--json"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert json.loads(done.stdout)["deleted"] == 1
        assert "don't cover" in chat.ask(VOLCANO_QUESTION)
    finally:
        err = chat.close()
    assert "Traceback" not in err and "Error finding id" not in err, err


@pytest.fixture
def chroma_port(tmp_path: Path) -> Iterator[int]:
    proc, port = start_server(tmp_path)
    try:
        yield port
    finally:
        stop_server(proc)


def http_env(port: int, folder: Path) -> dict[str, str]:
    return {
        **os.environ,
        "NEWSDESK_INDEX__MODE": "http",
        "NEWSDESK_INDEX__HOST": HOST,
        "NEWSDESK_INDEX__PORT": str(port),
        "NEWSDESK_INDEX__PATH": str(folder),  # each process its own replica, as on its own machine
    }


def test_two_bots_and_an_ingest_worker_share_a_chroma_server(tmp_path: Path, chroma_port: int) -> None:
    worker = http_env(chroma_port, tmp_path / "worker")
    assert ingest(worker, write(tmp_path / "ferry.jsonl", FERRY))["added"] == 1
    bots = [Chat(http_env(chroma_port, tmp_path / f"bot{n}")) for n in (1, 2)]
    try:
        for bot in bots:
            assert "Ferries" in bot.ask("What was cancelled because of the storm?")
            assert "don't cover" in bot.ask(VOLCANO_QUESTION)
        assert ingest(worker, write(tmp_path / "volcano.jsonl", VOLCANO))["added"] == 1
        started = time.monotonic()
        for bot in bots:
            answer = bot.ask(VOLCANO_QUESTION)
            while "Fagradalsfjall" not in answer and time.monotonic() - started < 10:
                time.sleep(0.5)
                answer = bot.ask(VOLCANO_QUESTION)
            assert "Fagradalsfjall" in answer, answer
        seen_within = time.monotonic() - started
        assert seen_within < 10
    finally:
        errors = [bot.close() for bot in bots]
    assert all("Traceback" not in err for err in errors), errors


def test_two_ingests_of_the_same_articles_at_once_count_each_article_once(tmp_path: Path) -> None:
    """Both runs decide "added" under the index's write lock, so the two reports together add
    each article exactly once (the probe saw a second concurrent ingest double-count "added")."""
    env = {**os.environ, "NEWSDESK_INGEST__BATCH_ARTICLES": "4"}
    records = [
        {"id": f"twice-{n}", "title": f"Report {n}", "published": "2023-03-01", "text": f"Council {n} met on Monday."}
        for n in range(40)
    ]
    path = write(tmp_path / "same.jsonl", *records)
    runs = [
        subprocess.Popen(
            [str(NEWSDESK), "ingest", str(path), "--json"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    reports = []
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
        reports.append(json.loads(out))
    assert sum(r["added"] for r in reports) == 40, reports
    assert sum(r["added"] + r["unchanged"] for r in reports) == 80, reports
    stats = subprocess.run([str(NEWSDESK), "stats", "--json"], env=env, capture_output=True, text=True, timeout=120)
    assert json.loads(stats.stdout)["articles"] == 40


def open_files(pid: int) -> set[str]:
    """The files a running process has open (Linux /proc), by name."""
    names: set[str] = set()
    with contextlib.suppress(OSError):  # the process has ended
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            with contextlib.suppress(OSError):  # closed meanwhile
                names.add(Path(os.readlink(fd)).name)
    return names


def test_a_reader_waits_its_turn_at_an_embedded_chroma(tmp_path: Path) -> None:
    """Only one process at a time is inside an embedded Chroma. A probe ran `stats` every few
    seconds during an ingest: some crashed ("Error deserializing pickle file", "Error getting
    embedding", segfaults), and the index was broken for good (every later ingest segfaulted).
    Here this test holds the index's lock, as a writer does mid-batch, and says a write happened:
    `stats` must wait for the lock before it opens Chroma, then count what is there."""
    from filelock import FileLock

    env = dict(os.environ)
    ingest(env, write(tmp_path / "ferry.jsonl", FERRY))
    index = Path(env["NEWSDESK_INDEX__PATH"])
    env["NEWSDESK_LOGGING__LEVEL"] = "INFO"  # so that giving up its turn would show
    with FileLock(str(index / "newsdesk.write.lock")):
        (index / "newsdesk.generation").write_text("99", encoding="utf-8")  # "behind": read Chroma
        reader = subprocess.Popen(
            [str(NEWSDESK), "stats", "--json"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        # Once it has opened the replica it is reading the index; then it must wait.
        wait_for(
            lambda: reader.poll() is not None or "replica.sqlite3" in open_files(reader.pid),
            60,
            "stats opening the replica",
        )
        waited = time.monotonic() + 4.0  # importing and opening Chroma takes about a second
        while time.monotonic() < waited:
            assert "chroma.sqlite3" not in open_files(reader.pid), "opened Chroma while another process held it"
            assert reader.poll() is None, reader.communicate()
            time.sleep(0.02)
    out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0 and "Traceback" not in err, err
    assert "answering from the local copy" not in err  # it waited for its turn, then read Chroma
    assert json.loads(out)["articles"] == 1


# Another process mid-ingest, as `newsdesk ingest` is between two batches: it holds the ingest's
# shared lock and the index's lock, and the generation says it wrote what the replica lacks.
MID_INGEST = """
import sys
from pathlib import Path
from filelock import FileLock
from ingest.store import ArticleStore
from newsdesk.settings import load_settings

settings = load_settings(None)
store = ArticleStore(settings.index)
index = Path(settings.index.path)
with store.ingesting(), FileLock(str(index / "newsdesk.write.lock")):
    (index / "newsdesk.generation").write_text("99", encoding="utf-8")
    print("holding", flush=True)
    sys.stdin.read()
"""


def test_a_question_during_another_process_ingest_leaves_the_catching_up_to_it(tmp_path: Path) -> None:
    """A question asked while another process ingests used to wait for the index's lock between
    the ingest's batches (up to READER_WAIT_SECONDS, 10 s) and then read the ingest's chunks back
    itself; the ingest applies them to the shared replica anyway. It now answers from the
    replica at once. Once the ingest is gone (here killed), a question catches up itself again."""
    env = dict(os.environ)
    ingest(env, write(tmp_path / "ferry.jsonl", FERRY))
    env["NEWSDESK_LOGGING__LEVEL"] = "INFO"  # both ways of answering say so
    writer = subprocess.Popen(
        [sys.executable, "-c", MID_INGEST], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "holding\n"
        during = ask_of_the_ferry(env)
        assert "an ingest is running; answering from the local copy" in during
        assert "another process is writing the index" not in during  # it did not wait for a turn
    finally:
        writer.kill()  # as a killed ingest: its locks go with it
        writer.wait()
    assert "an ingest is running" not in ask_of_the_ferry(env)


def ask_of_the_ferry(env: dict[str, str]) -> str:
    """`newsdesk ask` about the ferry article, which must be its first citation; returns its log."""
    asked = subprocess.run(
        [str(NEWSDESK), "ask", "Why were the ferries cancelled?", "--as-of", "2023-03-05", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert asked.returncode == 0, asked.stderr
    assert [c["article_id"] for c in json.loads(asked.stdout)["citations"]][:1] == ["ferry"]
    return asked.stderr
