"""HTTP mode against a real `chroma run` server started for these tests (never skipped)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings
from click.testing import CliRunner

from ingest.store import ArticleStore
from newsdesk.cli import cli

CHROMA = Path(sys.executable).parent / "chroma"
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://{HOST}:{port}/api/v2/heartbeat", timeout=1) as response:
            return response.status == 200 and "heartbeat" in response.read().decode()
    except (urllib.error.URLError, OSError):
        return False


def start_server(folder: Path) -> tuple[subprocess.Popen[bytes], int]:
    """A `chroma run` server on a free port, answering; fails (never skips) if it cannot start."""
    assert CHROMA.is_file(), f"the chroma executable is missing: {CHROMA}"
    port = free_port()
    log_path = folder / "server.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [str(CHROMA), "run", "--path", str(folder / "data"), "--host", HOST, "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 60
    while not answers(port):
        if proc.poll() is not None or time.monotonic() > deadline:
            stop_server(proc)
            pytest.fail(
                f"chroma run did not answer on port {port} (exit {proc.poll()}):\n"
                + log_path.read_text(errors="replace")[-3000:]
            )
        time.sleep(0.1)
    return proc, port


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """The port of a `chroma run` server shared by this module's tests."""
    proc, port = start_server(tmp_path_factory.mktemp("chroma-server"))
    try:
        yield port
    finally:
        stop_server(proc)


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def use_server(monkeypatch: pytest.MonkeyPatch, port: int, collection: str) -> None:
    monkeypatch.setenv("NEWSDESK_INDEX__MODE", "http")
    monkeypatch.setenv("NEWSDESK_INDEX__HOST", HOST)
    monkeypatch.setenv("NEWSDESK_INDEX__PORT", str(port))
    monkeypatch.setenv("NEWSDESK_INDEX__COLLECTION", collection)


def test_ingest_and_stats_over_http(
    chroma_server: int, sample_dir: Path, isolated_state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_server(monkeypatch, chroma_server, "http_samples")
    first = run("ingest", str(sample_dir), "--json")
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)
    chunks = report["chunks"]
    assert (report["added"], report["updated"], report["unchanged"], report["failed"]) == (2, 0, 0, [])
    assert chunks > 2

    # The data lives in the server: another client sees the collection and every chunk.
    client = chromadb.HttpClient(host=HOST, port=chroma_server, settings=ChromaSettings(anonymized_telemetry=False))
    collection = client.get_collection("http_samples")
    assert collection.count() == chunks
    stored = collection.get(include=["metadatas"])
    assert {cid.split(":")[0] for cid in stored["ids"]} == {"000_5b110fb79ad57658", "003_1e6e512ebb72dbb0"}
    assert all(m["text"].strip() for m in stored["metadatas"])  # each chunk's text is in the server
    catalog = client.get_collection("http_samples-catalog").get(include=["metadatas"])
    assert sorted(catalog["ids"]) == ["000_5b110fb79ad57658", "003_1e6e512ebb72dbb0"]
    assert all(m["title"] and m["published_day"] > 20000000 for m in catalog["metadatas"])  # the article's facts
    # ...and not in a local embedded index (only the replica that questions read is kept locally).
    index = isolated_state / "index"
    assert not (index / "chroma.sqlite3").exists()
    assert (index / "replica-http_samples" / "replica.sqlite3").is_file()

    again = run("ingest", str(sample_dir), "--json")
    assert (again.exit_code, again.stdout) == (
        0,
        '{"added": 0, "updated": 0, "unchanged": 2, "deleted": 0, "failed": [], "chunks": 0}\n',
    )
    stats = run("stats", "--json")
    assert (stats.exit_code, stats.stdout) == (
        0,
        f'{{"articles": 2, "chunks": {chunks}, "first_published": "2023-01-26", '
        f'"last_published": "2023-01-31", "outlets": {{"unknown": 2}}, "undated": 0, "dated_after_today": 0, '
        '"outlet_spans": {"unknown": ["2023-01-26", "2023-01-31"]}}\n',
    )

    deleted = run("ingest", "--delete", "000_5b110fb79ad57658", "--json")
    assert json.loads(deleted.stdout)["deleted"] == 1
    assert collection.count() == json.loads(run("stats", "--json").stdout)["chunks"] < chunks


def test_server_down_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, sample_dir: Path) -> None:
    port = free_port()  # nothing listens there
    use_server(monkeypatch, port, "newsdesk")
    for args in (("ingest", str(sample_dir)), ("stats",)):
        result = run(*args)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == (
            f"Error: cannot open the Chroma index at {HOST}:{port}: "
            "Could not connect to a Chroma server. Are you sure it is running?\n"
        )


def test_server_lost_mid_ingest_is_a_clear_error(
    tmp_path: Path, sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    proc, port = start_server(tmp_path)
    try:
        use_server(monkeypatch, port, "lost")
        monkeypatch.setenv("NEWSDESK_INGEST__BATCH_ARTICLES", "1")  # one article a batch: two writes
        real_write = ArticleStore.write
        writes: list[int] = []

        def write_after_the_server_died(self: ArticleStore, *args: Any, **kwargs: Any) -> None:
            writes.append(1)
            if len(writes) == 2:
                stop_server(proc)  # the server goes away between the two batches
            real_write(self, *args, **kwargs)

        monkeypatch.setattr(ArticleStore, "write", write_after_the_server_died)
        result = run("ingest", str(sample_dir))  # an uncaught exception would fail the test here
    finally:
        stop_server(proc)
    assert len(writes) == 2
    assert result.exit_code == 1
    error = result.stderr.splitlines()[-1]  # after the progress bar
    assert error.startswith(f"Error: lost the connection to the Chroma server at {HOST}:{port} (")
    assert error.endswith("Run the command again once it is back (an ingest resumes where it stopped).")
    assert "Traceback" not in result.stderr
