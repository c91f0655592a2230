"""Growth benchmark: how each step's cost grows with the archive (`make bench-scale`).

    .venv/bin/python bench/bench_scale.py [--sizes 10k,100k,1m] [--old-rev REV] [--work DIR]

For each size it builds a synthetic archive from ../shared/data/rtqa: copies of the corpus,
re-keyed (`c3-<id>`) and re-dated (copy n is moved n years later), cut to about that many
chunks, and measures with the project's own commands:
- ingest words/s and peak RSS (`newsdesk ingest FILE --json` under /usr/bin/time);
- one new article: through a running process's ingest path (what `/ingest` calls), and
  from the CLI including start-up;
- `answer()` p50/p95 over dev questions asked in one process (start-up excluded): as of their
  own day, a window of the first copy's year, and as of that day in the newest copy, a window
  of the whole archive;
- `newsdesk stats` and a cold `newsdesk ask` (whole commands, start-up included), with RSS.
`--old-rev REV` measures the design of an earlier commit the same way (a git worktree of REV
in the same virtualenv), at the sizes whose ingest fits in `--old-max-minutes`.
Figures print as a table; the raw numbers go to bench/results/scale-<time>.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data" / "rtqa"
NEWSDESK = Path(sys.executable).parent / "newsdesk"
CHUNKS_PER_WORD = 94_029 / 11_300_000  # measured on the whole corpus with the default chunking
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
QUESTIONS = 200
MEASURE_SCRIPT = r"""
import json, statistics, sys, time
from datetime import date
t0 = time.perf_counter()
from bot.service import build_services
from newsdesk.settings import load_settings
services = build_services(load_settings(None))
started = time.perf_counter() - t0
def timed_answers(path):
    questions = [json.loads(line) for line in open(path)]
    latencies = []
    for q in questions:
        t = time.perf_counter()
        services.answers.answer(q["question"], date.fromisoformat(q["as_of"]))
        latencies.append(time.perf_counter() - t)
    return sorted(latencies)
latencies = timed_answers(sys.argv[1])
wide = timed_answers(sys.argv[3])
t = time.perf_counter(); services.store.stats(); stats_s = time.perf_counter() - t
ingestor = services.ingestor  # a running bot builds both at start-up (`newsdesk run`)
getattr(services.store, "connect", lambda: None)()  # an older design has no connect()
one = open(sys.argv[2], encoding="utf-8").read()
times = []
for n in range(3):
    t = time.perf_counter()
    # A new id each run: a reused index already holds the ids an earlier run added.
    report = ingestor.ingest_bytes(one.replace("scale-one", f"scale-one-{time.time_ns()}-{n}").encode(), "one.jsonl")
    times.append(time.perf_counter() - t)
    assert report.added == 1, report
one_s = statistics.median(times)
print(json.dumps({"startup_s": started, "p50_ms": 1000 * latencies[len(latencies) // 2],
                  "p95_ms": 1000 * latencies[int(len(latencies) * 0.95)], "stats_in_process_s": stats_s,
                  "one_article_in_process_s": one_s, "wide_p50_ms": 1000 * wide[len(wide) // 2],
                  "wide_p95_ms": 1000 * wide[int(len(wide) * 0.95)]}))
"""


@dataclass
class Row:
    design: str
    size: str
    chunks: int
    articles: int
    words: int
    ingest_s: float
    ingest_words_per_s: float
    ingest_peak_rss_mb: float
    one_article_running_s: float | None
    one_article_cli_s: float | None
    answer_p50_ms: float | None
    answer_p95_ms: float | None
    stats_cli_s: float | None
    stats_call_ms: float | None
    cold_ask_s: float | None
    cold_ask_peak_rss_mb: float | None
    # The same questions asked as of the same day in the newest copy: a window of the whole
    # archive rather than of its first year.
    answer_whole_archive_p50_ms: float | None = None
    answer_whole_archive_p95_ms: float | None = None


def synthetic_records(target_chunks: int) -> list[dict[str, Any]]:
    """Copies of the corpus, re-keyed and re-dated, up to about target_chunks chunks."""
    with gzip.open(DATA / "articles-2023.jsonl.gz", "rt", encoding="utf-8") as lines:
        base = [json.loads(line) for line in lines if line.strip()]
    records, chunks, copy = [], 0.0, 0
    while chunks < target_chunks:
        for record in base:
            if chunks >= target_chunks:
                break
            moved = dict(record, id=f"c{copy}-{record['id']}")
            if record.get("published") and copy:
                moved["published"] = moved_on(record["published"], copy)
            records.append(moved)
            chunks += len(record["text"].split()) * CHUNKS_PER_WORD
        copy += 1
    return records


def moved_on(day: str, copies: int) -> str:
    """The day a copy's article is re-dated to (copy n: n times 365 days on)."""
    return (date.fromisoformat(day) + timedelta(days=365 * copies)).isoformat()


def timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB and stdout of a whole command."""
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", *command], env=env, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    return wall, int(rss.group(1)) / 1024 if rss else float("nan"), done.stdout


def measure(
    design: str, size: str, code: Path, work: Path, records: list[dict[str, Any]], full: bool, reuse: bool = False
) -> Row:
    folder = work / f"{design}-{size}"
    built = folder / "ingest.json"
    if not (reuse and built.is_file()):
        subprocess.run(["rm", "-rf", str(folder)], check=True)
        folder.mkdir(parents=True)
    corpus = folder / "corpus.jsonl"
    env = {
        **os.environ,
        "NEWSDESK_INDEX__PATH": str(folder / "index"),
        "NEWSDESK_REVIEW__PATH": str(folder / "review.sqlite3"),
        "PYTHONPATH": str(code),
        "NEWSDESK_INGEST__MAX_FILE_MB": "100000",
    }
    if code == REPO:  # an older design may not know this setting
        env["NEWSDESK_EMBEDDING__CACHE_DIR"] = str(REPO / "var" / "models")
    python = [sys.executable, "-c", "from newsdesk.cli import main; main()"]
    words = sum(len(r["text"].split()) for r in records)
    if reuse and built.is_file():
        ingest_s, ingest_rss, report = json.loads(built.read_text())
    else:
        corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        print(f"[{design} {size}] ingesting {len(records):,} articles, {words:,} words…", file=sys.stderr, flush=True)
        ingest_s, ingest_rss, out = timed([*python, "ingest", str(corpus), "--json"], env, code)
        report = json.loads(out)
        built.write_text(json.dumps([ingest_s, ingest_rss, report]))
    row = Row(
        design,
        size,
        report["chunks"],
        report["added"],
        words,
        round(ingest_s, 1),
        round(words / ingest_s),
        round(ingest_rss),
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    )
    if not full:
        return row
    questions = folder / "questions.jsonl"
    with (DATA / "questions-dev.jsonl").open(encoding="utf-8") as lines:
        dev = [json.loads(line) for line in lines][:QUESTIONS]
    questions.write_text("".join(json.dumps({"question": q["question"], "as_of": q["date"]}) + "\n" for q in dev))
    newest_copy = max(int(r["id"].split("-", 1)[0].removeprefix("c")) for r in records)
    whole_archive = folder / "questions-whole-archive.jsonl"
    whole_archive.write_text(
        "".join(json.dumps({"question": q["question"], "as_of": moved_on(q["date"], newest_copy)}) + "\n" for q in dev)
    )
    one = folder / "one.jsonl"
    one.write_text(
        json.dumps(
            {
                "id": "scale-one",
                "title": "One more",
                "published": "2023-06-30",
                "text": " ".join(records[0]["text"].split()[:600]),
            }
        )
        + "\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", MEASURE_SCRIPT, str(questions), str(one), str(whole_archive)],
        env=env,
        cwd=code,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    inner = json.loads(done.stdout.strip().splitlines()[-1])
    other = folder / "other.jsonl"
    other.write_text(one.read_text().replace("scale-one", f"scale-cli-{time.time_ns()}"))  # new each run
    row.one_article_running_s = round(inner["one_article_in_process_s"], 3)
    row.answer_p50_ms = round(inner["p50_ms"], 1)
    row.answer_p95_ms = round(inner["p95_ms"], 1)
    row.answer_whole_archive_p50_ms = round(inner["wide_p50_ms"], 1)
    row.answer_whole_archive_p95_ms = round(inner["wide_p95_ms"], 1)
    row.stats_call_ms = round(1000 * inner["stats_in_process_s"], 1)
    row.one_article_cli_s = round(timed([*python, "ingest", str(other), "--json"], env, code)[0], 2)
    row.stats_cli_s = round(timed([*python, "stats", "--json"], env, code)[0], 2)
    ask_s, ask_rss, _ = timed([*python, "ask", dev[0]["question"], "--as-of", dev[0]["date"], "--json"], env, code)
    row.cold_ask_s, row.cold_ask_peak_rss_mb = round(ask_s, 2), round(ask_rss)
    return row


def render(rows: list[Row]) -> str:
    head = (
        "design",
        "size",
        "chunks",
        "ingest words/s",
        "ingest peak RSS",
        "one article (running / CLI)",
        "answer p50 / p95",
        "answer p50 / p95, whole archive",
        "stats (call / CLI)",
        "cold ask (RSS)",
    )
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        one = f"{r.one_article_running_s} s / {r.one_article_cli_s} s" if r.one_article_cli_s is not None else "—"
        answer = f"{r.answer_p50_ms:.0f} / {r.answer_p95_ms:.0f} ms" if r.answer_p50_ms is not None else "—"
        whole = (
            f"{r.answer_whole_archive_p50_ms:.0f} / {r.answer_whole_archive_p95_ms:.0f} ms"
            if r.answer_whole_archive_p50_ms is not None and r.answer_whole_archive_p95_ms is not None
            else "—"
        )
        stats = f"{r.stats_call_ms} ms / {r.stats_cli_s} s" if r.stats_cli_s is not None else "—"
        ask = f"{r.cold_ask_s} s ({r.cold_ask_peak_rss_mb} MB)" if r.cold_ask_s is not None else "—"
        lines.append(
            f"| {r.design} | {r.size} | {r.chunks:,} | {r.ingest_words_per_s:,} ({r.ingest_s:.0f} s) | "
            f"{r.ingest_peak_rss_mb} MB | {one} | {answer} | {whole} | {stats} | {ask} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10k,100k,1m", help="comma-separated: 10k, 100k, 1m")
    parser.add_argument("--old-rev", default=None, help="also measure this earlier commit's design")
    parser.add_argument("--old-sizes", default="10k", help="sizes for --old-rev (its ingest is ~100x slower)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsdesk-scale"), help="scratch folder")
    parser.add_argument(
        "--reuse", action="store_true", help="measure indexes a previous run built (ingest figures kept)"
    )
    args = parser.parse_args()
    if not (DATA / "articles-2023.jsonl.gz").is_file():
        raise SystemExit(f"needs the shared corpus at {DATA}")
    rows = []
    for size in args.sizes.split(","):
        rows.append(measure("now", size, REPO, args.work, synthetic_records(SIZES[size]), True, args.reuse))
        print(render(rows), file=sys.stderr, flush=True)
    if args.old_rev:
        old = args.work / "old-code"
        subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=REPO, capture_output=True)
        subprocess.run(["git", "worktree", "add", "--detach", str(old), args.old_rev], cwd=REPO, check=True)
        try:
            for size in args.old_sizes.split(","):
                rows.append(
                    measure(
                        f"old {args.old_rev[:7]}",
                        size,
                        old,
                        args.work,
                        synthetic_records(SIZES[size]),
                        True,
                        args.reuse,
                    )
                )
                print(render(rows), file=sys.stderr, flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=REPO, capture_output=True)
    out = REPO / "bench" / "results" / f"scale-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps([asdict(r) for r in rows], indent=2), encoding="utf-8")
    print(f"\n$ {' '.join(['.venv/bin/python', 'bench/bench_scale.py', *sys.argv[1:]])}")
    print(render(rows))
    print(f"\n(raw figures: {out.relative_to(REPO)}; p50/p95 over {QUESTIONS} dev questions; {os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
