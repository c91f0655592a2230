"""What the reliability tests share: real `newsdesk` and `chroma run` processes, and index checks.

The index checks are those of tests/ingest/test_crash_safety.py: every catalogued article whole,
of one version, and the replica (SQLite chunks, vectors, tantivy BM25) holding exactly the
catalogued chunks.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from ingest.store import ArticleStore
from newsdesk.settings import IndexSettings
from tests.ingest.test_chroma_http import CHROMA, HOST, answers
from tests.ingest.test_crash_safety import assert_lexical_matches, assert_only_whole_articles, catalog

__all__ = [
    "HOST",
    "NEWSDESK",
    "ROOT",
    "assert_index_consistent",
    "assert_lexical_matches",
    "assert_only_whole_articles",
    "catalog",
    "chroma_env",
    "newsdesk",
    "open_index",
    "percentile",
    "start_chroma",
    "wait_for",
    "write_jsonl",
]

NEWSDESK = Path(sys.executable).parent / "newsdesk"
ROOT = Path(__file__).resolve().parents[2]


def write_jsonl(path: Path, records: Iterable[Mapping[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def newsdesk(*args: str, env: Mapping[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the real `newsdesk` command to its end."""
    return subprocess.run(
        [str(NEWSDESK), *args],
        env=dict(env if env is not None else os.environ),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def wait_for(condition: Any, timeout: float, what: str, interval: float = 0.02) -> None:
    """A bounded wait: poll `condition()` until it is true, fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {timeout} s")
        time.sleep(interval)


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def open_index(settings: IndexSettings) -> ArticleStore:
    """The index as a new process opens it. Chroma caches one embedded client per folder and process
    (SharedSystemClient); an ArticleStore only reopens its own client when it sees another process's
    write, so a second ArticleStore in this process would reuse the first one's stale client and fail
    with "Error finding id" after another process wrote. Dropping the cache starts afresh."""
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
    return ArticleStore(settings)


def assert_index_consistent(store: ArticleStore) -> dict[str, list[dict[str, Any]]]:
    """Only whole articles of one version in Chroma, and a replica that agrees with the catalog."""
    whole = assert_only_whole_articles(store)
    assert_lexical_matches(store)
    assert store.replica.article_count() == len(whole)
    return whole


# -- a `chroma run` server that can be killed and started again on the same port and data ----------


def start_chroma(data: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    """`chroma run` on this port and data folder, answering its heartbeat; fails the test otherwise."""
    assert CHROMA.is_file(), f"the chroma executable is missing: {CHROMA}"
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [str(CHROMA), "run", "--path", str(data), "--host", HOST, "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 60
    while not answers(port):
        if proc.poll() is not None or time.monotonic() > deadline:
            kill(proc)
            pytest.fail(f"chroma run did not answer on port {port}:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.1)
    return proc


def kill(proc: subprocess.Popen[Any]) -> None:
    """SIGKILL a process this test started, and reap it."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)


def chroma_env(port: int, folder: Path, **extra: str) -> dict[str, str]:
    """The environment of a process using the server at `port`, with its own replica in `folder`."""
    return {
        **os.environ,
        "NEWSDESK_INDEX__MODE": "http",
        "NEWSDESK_INDEX__HOST": HOST,
        "NEWSDESK_INDEX__PORT": str(port),
        "NEWSDESK_INDEX__PATH": str(folder),
        **extra,
    }


# -- a long-lived `newsdesk chat` process --------------------------------------------------------


class ChatDied(Exception):
    """The `newsdesk chat` process ended while it was being asked a question."""


class Chat:
    """`newsdesk chat` as a user runs it: questions on stdin, answers on stdout (as in test_processes.py,
    but a chat that ends raises ChatDied, so a test can expect exactly that)."""

    def __init__(self, env: Mapping[str, str], as_of: str = "2023-03-05") -> None:
        self.proc = subprocess.Popen(
            [str(NEWSDESK), "chat", "--as-of", as_of],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(env),
            bufsize=1,
        )

    def ask(self, question: str, timeout: float = 60) -> str:
        """The chat's reply, up to its `Searched:` line or an error line."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        try:
            self.proc.stdin.write(question + "\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            raise ChatDied(self._ended()) from None
        lines: list[str] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise ChatDied(self._ended() + "\nstdout:\n" + "".join(lines))
            lines.append(line)
            if line.startswith("Searched:") or "Error" in line or "Traceback" in line or "lost the connection" in line:
                return "".join(lines)
        pytest.fail(f"no answer within {timeout} s: {''.join(lines)}")

    def _ended(self) -> str:
        self.proc.wait(timeout=30)
        err = self.proc.stderr.read() if self.proc.stderr else ""
        return f"newsdesk chat ended (exit {self.proc.returncode}); stderr:\n{err}"

    def close(self) -> str:
        """Quit (or kill, when it no longer listens); its standard error."""
        if self.proc.poll() is None:
            try:
                assert self.proc.stdin is not None
                self.proc.stdin.write("/quit\n")
                self.proc.stdin.flush()
                _, err = self.proc.communicate(timeout=60)
                return err
            except (BrokenPipeError, subprocess.TimeoutExpired):
                kill(self.proc)
        return self.proc.stderr.read() if self.proc.stderr else ""
