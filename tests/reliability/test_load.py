"""Load: 50 questions through the answer service, on worker threads as the Discord bot runs them
(`asyncio.to_thread`), while ANOTHER real process (`newsdesk ingest FILE`) writes 500 articles
into the same embedded index.

Every question gets an Answer (abstained or not) and none raises; p50/p95 latency is printed
(run with `-s` to see it; speed is not asserted). Afterwards the answering process, which
followed the other process's writes without a restart, holds every article, and its replica's
chunks are exactly the catalog's.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from bot.service import build_services
from newsdesk.models import Answer
from newsdesk.providers import build_embedding
from newsdesk.settings import Settings
from tests.reliability.helpers import NEWSDESK, assert_index_consistent, catalog, percentile, wait_for, write_jsonl

SEEDED = 20
INGESTED = 500
WAVES, PER_WAVE = 5, 10  # 50 questions
THREADS = min(32, (os.cpu_count() or 1) + 4)  # asyncio.to_thread's default executor size
AS_OF = date(2023, 4, 1)
TOWNS = ("Ashford", "Brampton", "Carlow", "Dunmore", "Elgin", "Fenwick", "Garston", "Hythe", "Ilkley", "Jarrow")
TOPICS = ("harbour wall", "bus depot", "library roof", "flood barrier", "school kitchen", "bridge lights")


def article(i: int) -> dict[str, str]:
    town, topic = f"{TOWNS[i % len(TOWNS)]}{i}", TOPICS[i % len(TOPICS)]
    return {
        "id": f"load-{i:04d}",
        "title": f"{town} council approves the {topic}",
        "published": (date(2023, 1, 1) + timedelta(days=i % 90)).isoformat(),
        "source": f"paper{i % 7}.example",
        "text": f"The council of {town} approved {i} thousand pounds for the {topic} on Tuesday. "
        f"Councillor Rowe{i} said the work on the {topic} would start in spring.",
    }


def questions(wave: int) -> list[tuple[str, date]]:
    """Ten questions: about seeded and incoming articles, with and without time expressions,
    and some the articles cannot answer."""
    asked = []
    for k in range(PER_WAVE):
        i = (wave * 97 + k * 53) % (SEEDED + INGESTED)
        town, topic = f"{TOWNS[i % len(TOWNS)]}{i}", TOPICS[i % len(TOPICS)]
        asked.append(
            [
                (f"How much did the council of {town} approve?", AS_OF),
                (f"What did Councillor Rowe{i} say about the {topic} last month?", AS_OF),
                (f"Which councils approved money for a {topic} since February?", AS_OF),
                ("Who won the Super Bowl this week?", AS_OF),
                (f"When will work on the {topic} in {town} start?", date(2023, 1, 1) + timedelta(days=i % 120)),
            ][k % 5]
        )
    return asked


class QuestionsFailed(Exception):
    """Some of the concurrent questions raised (the test's last check, so that every other check ran)."""


# The one failure seen (and reported): model2vec's tokenizer is shared by every thread, and each
# `encode` call reconfigures it (`enable_truncation`), which the Rust tokenizer refuses while another
# thread is using it. Any other exception fails this test outright.
TOKENIZER_RACE = "RuntimeError('Already borrowed')"


# Alone: the questions' time depends on the cores being free (make test runs it after the rest).
@pytest.mark.alone
def test_fifty_questions_while_another_process_ingests_500_articles(tmp_path: Path, settings: Settings) -> None:
    services = build_services(settings)
    seeded = services.ingestor.ingest_paths([str(write_jsonl(tmp_path / "seed.jsonl", map(article, range(SEEDED))))])
    assert seeded.added == SEEDED and not seeded.failed
    corpus = write_jsonl(tmp_path / "load.jsonl", map(article, range(SEEDED, SEEDED + INGESTED)))
    generation = Path(settings.index.path) / f"{settings.index.collection}.generation"
    seen = generation.read_text()

    started = time.monotonic()
    ingest = subprocess.Popen(
        [str(NEWSDESK), "ingest", str(corpus), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Small batches: many separate writes (and generation bumps) for the questions to meet.
        env={**os.environ, "NEWSDESK_INGEST__BATCH_ARTICLES": "16"},
    )
    latencies: list[float] = []  # of the questions answered
    during_ingest: list[bool] = []  # whether the other process was still writing when each question ended
    failures: list[str] = []
    results: list[Answer] = []
    waves_during_ingest = 0

    def ask(question: str, as_of: date) -> Answer:
        began = time.perf_counter()
        try:
            answer = services.answers.answer(question, as_of)
        finally:
            during_ingest.append(ingest.poll() is None)
        latencies.append(time.perf_counter() - began)
        return answer

    try:
        with ThreadPoolExecutor(THREADS) as pool:
            futures: list[tuple[str, Future[Answer]]] = []
            for wave in range(WAVES):
                # Each wave is sent once the other process has written again (or has finished).
                last_seen = seen
                wait_for(
                    lambda last_seen=last_seen: generation.read_text() != last_seen or ingest.poll() is not None,
                    120,
                    "the ingest process wrote nothing",
                )
                seen = generation.read_text()
                waves_during_ingest += ingest.poll() is None
                futures += [(q, pool.submit(ask, q, d)) for q, d in questions(wave)]
            for question, future in futures:
                try:
                    answer = future.result(timeout=120)
                except Exception as exc:  # noqa: BLE001 - every failure is collected and reported
                    failures.append(f"{question!r}: {exc!r}")
                    continue
                assert isinstance(answer, Answer) and answer.text, f"{question!r}: got {answer!r}"
                results.append(answer)
        out, err = ingest.communicate(timeout=300)
    finally:
        if ingest.poll() is None:
            ingest.kill()
            ingest.wait()
    ingest_seconds = time.monotonic() - started

    assert ingest.returncode == 0, err
    report = json.loads(out)
    assert (report["added"], report["failed"]) == (INGESTED, []), report
    assert len(results) + len(failures) == WAVES * PER_WAVE
    unexpected = [f for f in failures if not f.endswith(TOKENIZER_RACE)]
    assert not unexpected, "\n".join(unexpected)
    assert waves_during_ingest >= WAVES - 1, f"only {waves_during_ingest} waves were sent while the ingest ran"
    # How many questions also ended while it wrote is printed, not asserted: it is a matter of speed.
    # Questions once waited for turns at the index behind the ingest's writes (in fresh-clone CI
    # runs only 17, 1 and 3 of 50 ended during it); they now answer from the replica, which the
    # ingest brings up to date every SYNC_EVERY_SECONDS, so most are answered before it applies.

    # The answering process followed every write of the other one (no forced sync here).
    stats = services.store.stats()
    records = catalog(services.store)
    assert stats.articles == SEEDED + INGESTED == len(records)
    assert stats.chunks == sum(r.chunk_count for r in records.values())
    assert services.store.replica.chunk_ids() == sorted(c for r in records.values() for c in r.chunk_ids())
    assert_index_consistent(services.store)  # Chroma, SQLite, vectors and BM25 agree
    last = article(SEEDED + INGESTED - 1)
    late = services.answers.answer(f"How much did the council of {last['title'].split()[0]} approve?", AS_OF)
    assert [c.article_id for c in late.citations][:1] == [last["id"]], late.text

    abstained = sum(a.abstained for a in results)
    p50, p95, worst = (percentile(latencies, f) * 1000 for f in (0.5, 0.95, 1.0))
    print(
        f"\nload: {len(results)} questions on {THREADS} threads during a {INGESTED}-article ingest "
        f"({ingest_seconds:.1f} s; {waves_during_ingest}/{WAVES} waves sent and "
        f"{sum(during_ingest)} questions done while it ran); "
        f"latency p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {worst:.0f} ms (answered questions); "
        f"{len(results) - abstained} answered, {abstained} abstained, {len(failures)} raised; "
        f"{stats.articles} articles, {stats.chunks} chunks"
    )
    if failures:
        raise QuestionsFailed(f"{len(failures)} of {WAVES * PER_WAVE} questions raised:\n" + "\n".join(failures))


def test_the_embedding_model_can_be_shared_by_threads(settings: Settings) -> None:
    """What the bot does: several questions embedded at once on asyncio.to_thread's workers."""
    embedder = build_embedding(settings.embedding)
    expected = embedder.embed_texts(["harbour wall"])[0]
    start = threading.Barrier(THREADS)

    def embed(n: int) -> np.ndarray:
        start.wait(timeout=60)
        # embed_texts, not embed_query: a question's vector is kept, and only the first call
        # would reach the tokenizer.
        return [embedder.embed_texts(["harbour wall"])[0] for _ in range(50)][-1]

    with ThreadPoolExecutor(THREADS) as pool:
        vectors = list(pool.map(embed, range(THREADS)))  # re-raises the first thread's exception
    assert all(np.allclose(v, expected) for v in vectors)
