"""`make bench`: Newsdesk against plain llama-index on RealTimeQA news-quiz questions.

Reads ../shared/data/rtqa (never copied), keeps its indexes under var/bench/, prints the
figures with the command that produced them and writes them to var/bench/results-<slice>.json.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shlex
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from baseline import Baseline
from evaluate import TOP_K, QuestionResult, SliceArticles, evaluate_offtopic, evaluate_question
from holdout import fitted_half
from madeup import build as build_made_up
from offtopic import NEVER_FITTED, UNANSWERABLE
from report import all_figures, render
from rtqa import SLICES, Slice, load_article_records, load_questions, select_slice, spread_dates, to_articles
from tqdm import tqdm

from bot.answer import AnswerService
from bot.service import Services, build_services
from newsdesk.settings import Settings, load_settings

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "rtqa"
BENCH_VAR = REPO / "var" / "bench"
WARM_UP_QUESTIONS = 3
INGEST_RECORD = "bench-ingest.json"  # figures of the ingest that built the bench index


@dataclass
class Timings:
    """Wall-clock seconds of each stage."""

    load_models: float = 0.0
    ingest: float = 0.0
    baseline_build: float = 0.0
    questions: float = 0.0
    offtopic: float = 0.0
    total: float = 0.0


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--slice", choices=SLICES, default="jan2023", help="questions and articles to use")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of the RealTimeQA files")
    parser.add_argument("--limit", type=int, default=None, help="ask only the first N questions of the slice")
    parser.add_argument("--reuse-index", action="store_true", help="skip ingest when the bench index has chunks")
    parser.add_argument("--no-baseline", action="store_true", help="measure Newsdesk only")
    parser.add_argument(
        "--index",
        type=Path,
        default=None,
        help="measure this existing Newsdesk index (the config's collection) instead of the bench's own; "
        "nothing is ingested into it",
    )
    parser.add_argument("--config", type=Path, default=REPO / "config.toml", help="Newsdesk config file")
    return parser.parse_args(argv)


def bench_folders(settings: Settings, slice_name: str) -> tuple[Path, Path]:
    """The Newsdesk index and the baseline index folders of a slice under var/bench/.

    Named by what changes their content (chunking, embedding model), so a changed setting
    gets a fresh index instead of silently reusing chunks made with the old one."""
    model = f"{settings.embedding.model}|{settings.embedding.static_dims}"
    chunking = f"{model}|{settings.ingest.chunk_size}|{settings.ingest.chunk_overlap}"
    slice_folder = BENCH_VAR / slice_name
    # The baseline is always plain llama-index with the bundled MiniLM.
    return (
        slice_folder / f"newsdesk-{_digest(chunking)}",
        slice_folder / f"baseline-{_digest('bundled-all-MiniLM-L6-v2')}",
    )


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def bench_settings(config: Path, slice_name: str, existing: Path | None = None) -> tuple[Settings, Settings, Path]:
    """Newsdesk's settings pointed at the slice's bench index (or at an `existing` index), as
    configured and with top_k 10 (for ranking), and the baseline's index folder."""
    settings = load_settings(config if config.is_file() else None)
    index_folder, baseline_folder = bench_folders(settings, slice_name)
    if existing is not None:
        index = settings.index.model_copy(update={"mode": "embedded", "path": existing.resolve()})
    else:
        index = settings.index.model_copy(update={"mode": "embedded", "path": index_folder, "collection": "bench"})
    settings = settings.model_copy(update={"index": index})
    wide = settings.model_copy(update={"retrieval": settings.retrieval.model_copy(update={"top_k": TOP_K})})
    return settings, wide, baseline_folder


def ingest_slice(services: Services, bench: Slice, reuse: bool) -> dict[str, Any]:
    """Ingest the slice's articles (a no-op for those already stored); figures of the run.

    The figures of the last run that wrote anything are kept next to the index, so a run
    that reuses it can still say how fast it was built."""
    record = services.settings.index.path / INGEST_RECORD
    if reuse and services.store.count_chunks() > 0:
        figures: dict[str, Any] = {"skipped": True, "chunks_in_index": services.store.count_chunks()}
    else:
        figures = {"skipped": False, **_ingest(services, bench)}
    if figures.get("words_written"):
        built = {key: figures[key] for key in ("words_written", "chunks_written", "seconds", "words_per_second")}
        record.write_text(json.dumps({"when": datetime.now().isoformat(timespec="seconds"), **built}) + "\n")
    elif record.exists():
        figures["built_earlier"] = json.loads(record.read_text())
    return figures


def _ingest(services: Services, bench: Slice) -> dict[str, Any]:
    articles = to_articles(bench.records)
    with tqdm(total=len(articles), desc="ingest (newsdesk)", unit="article", file=sys.stderr) as bar:

        def progress(done: int, total: int) -> None:
            bar.update(done - bar.n)

        started = time.perf_counter()
        report = services.ingestor.ingest_results(articles, progress)
        seconds = time.perf_counter() - started
    return {
        "added": report.added,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "failed": len(report.failed),
        "words_written": report.words,
        "chunks_written": report.chunks,
        "seconds": round(seconds, 1),
        "words_per_second": round(report.words / seconds, 1) if seconds else None,
        "chunks_in_index": services.store.count_chunks(),
    }


def build_baseline(services: Services, bench: Slice, folder: Path) -> tuple[Baseline, dict[str, Any]]:
    """The llama-index baseline over the same articles, resumed from `folder` if saved there."""
    from newsdesk.providers import MINILM, TransformerEmbedder, build_embedding

    # The baseline is plain llama-index with all-MiniLM-L6-v2, whatever model Newsdesk uses.
    minilm = build_embedding(services.settings.embedding.model_copy(update={"model": MINILM}))
    assert isinstance(minilm, TransformerEmbedder)
    started = time.perf_counter()
    with tqdm(total=len(bench.records), desc="index (baseline)", unit="article", file=sys.stderr) as bar:
        baseline = Baseline.build(bench.records, minilm.model, folder, bar.update)
    seconds = time.perf_counter() - started
    return baseline, {
        "documents": len(bench.records),
        "nodes": baseline.node_count,
        "seconds": round(seconds, 1),
    }


def ask_all(
    bench: Slice, wide: AnswerService, answers: AnswerService, baseline: Baseline | None
) -> list[QuestionResult]:
    """Every question of the slice, after a few untimed warm-up answers."""
    for question in bench.questions[:WARM_UP_QUESTIONS]:
        answers.answer(question.text, question.as_of)
    baselines = {"baseline": (baseline, False), "baseline_dated": (baseline, True)} if baseline else {}
    articles = SliceArticles(bench.records)
    return [
        evaluate_question(question, wide, answers, baselines, articles)
        for question in tqdm(bench.questions, desc="questions", unit="q", file=sys.stderr)
    ]


def header(args: argparse.Namespace, settings: Settings) -> list[str]:
    """Where the figures come from: the command, the code, the machine, the settings."""
    retrieval, answer = settings.retrieval, settings.answer
    return [
        "$ " + shlex.join([_relative(sys.executable), _relative(sys.argv[0]), *sys.argv[1:]]),
        f"{datetime.now().isoformat(timespec='seconds')}  commit {_commit()}  "
        f"python {platform.python_version()}  {os.cpu_count()} CPUs "
        "(shared with other work: timings are noisy)",
        f"data {args.data}  index {_relative(str(settings.index.path))}",
        f"retrieval: top_k={retrieval.top_k} dense_k={retrieval.dense_k} lexical_k={retrieval.lexical_k} "
        f"rrf_k={retrieval.rrf_k} recency_weight={retrieval.recency_weight} "
        f"half_life={retrieval.recency_half_life_days}d slow={retrieval.recency_slow_weight}/"
        f"{retrieval.recency_slow_half_life_days}d dedup={retrieval.dedup_similarity} "
        f"max_per_article={retrieval.max_per_article}; answer: max_words={answer.max_words} "
        f"max_sentences={answer.max_sentences} min_relevance={answer.min_relevance}; "
        f"chunks {settings.ingest.chunk_size}/{settings.ingest.chunk_overlap} word pieces; "
        f"llm={settings.llm.provider}; embedding={settings.embedding.model}",
    ]


def _relative(path: str) -> str:
    try:
        return str(Path(path).absolute().relative_to(REPO))
    except ValueError:
        return path


def _commit() -> str:
    """HEAD's short hash, with the number of tracked files changed since (read-only: git is
    told not to refresh its index, so the bench never writes to .git)."""
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
    try:
        head = _git(["rev-parse", "--short", "HEAD"], env)
        changed = _git(["status", "--porcelain", "--untracked-files=no"], env).splitlines()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head} + {len(changed)} changed files" if changed else head


def _git(args: list[str], env: dict[str, str]) -> str:
    return subprocess.run(["git", *args], cwd=REPO, env=env, capture_output=True, text=True, check=True).stdout.strip()


def slice_lines(bench: Slice, ingest: dict[str, Any], baseline: dict[str, Any] | None) -> list[str]:
    days = sorted(q.as_of for q in bench.questions)
    span = f"{days[0]}..{days[-1]}" if days else "none"
    lines = [
        f"Slice {bench.name}: {len(bench.questions)} answerable questions (asked {span}); "
        f"{len(bench.records):,} articles, {bench.words:,} words",
    ]
    if ingest["skipped"]:
        lines.append(f"Newsdesk ingest skipped: {ingest['chunks_in_index']:,} chunks in the index")
    else:
        rate = f"{ingest['words_per_second']:,.0f} words/s" if ingest["words_per_second"] else "—"
        lines.append(
            f"Newsdesk ingest: {ingest['added']} added, {ingest['updated']} updated, "
            f"{ingest['unchanged']} unchanged, {ingest['failed']} failed; "
            f"{ingest['words_written']:,} words → {ingest['chunks_written']:,} chunks "
            f"in {ingest['seconds']:,.1f} s = {rate}; "
            f"{ingest['chunks_in_index']:,} chunks in the index"
        )
    if "built_earlier" in ingest:
        built = ingest["built_earlier"]
        lines.append(
            f"  (the index was built {built['when']}: {built['words_written']:,} words → "
            f"{built['chunks_written']:,} chunks in {built['seconds']:,.1f} s "
            f"= {built['words_per_second']:,.0f} words/s)"
        )
    if baseline is not None:
        lines.append(
            f"Baseline index: {baseline['documents']:,} documents → {baseline['nodes']:,} nodes "
            f"in {baseline['seconds']:,.1f} s (nodes already saved are reused)"
        )
    return lines


def results_path(args: argparse.Namespace) -> Path:
    """Named by what was measured, so a partial run or another index keeps the full run's figures."""
    suffix = f"-limit{args.limit}" if args.limit else ""
    if args.index is not None:
        suffix += f"-index-{args.index.resolve().name}"
    return BENCH_VAR / f"results-{args.slice}{suffix}.json"


def write_results(path: Path, summary: dict[str, Any], results: list[QuestionResult]) -> Path:
    """The figures as JSON, and every question's details next to them as JSON Lines."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(summary, indent=2, default=str) + "\n", encoding="utf-8")
    details = path.with_name(path.name.replace("results-", "questions-").replace(".json", ".jsonl"))
    with details.open("w", encoding="utf-8") as out:
        for result in results:
            out.write(json.dumps(result.as_json(), ensure_ascii=False) + "\n")
    return details


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.index is not None and not (args.index / "chroma.sqlite3").is_file():
        print(f"Error: --index {args.index}: no Newsdesk index there (no chroma.sqlite3)", file=sys.stderr)
        return 2
    timings = Timings()
    started = time.perf_counter()
    bench = select_slice(args.slice, load_questions(args.data), load_article_records(args.data), args.limit)
    settings, wide_settings, baseline_folder = bench_settings(args.config, args.slice, args.index)
    lines = header(args, settings)
    print("\n".join(lines), flush=True)

    stage = time.perf_counter()
    services = build_services(settings)
    wide = AnswerService(wide_settings, services.store, services.answers.embed_model)
    timings.load_models = time.perf_counter() - stage

    stage = time.perf_counter()
    if args.index is not None:
        ingest: dict[str, Any] = {"skipped": True, "chunks_in_index": services.store.count_chunks()}
        if not ingest["chunks_in_index"]:
            print(
                f"Error: --index {args.index}: its collection {settings.index.collection!r} holds no chunks "
                "(set NEWSDESK_INDEX__COLLECTION to the one it was built with)",
                file=sys.stderr,
            )
            return 2
    else:
        ingest = ingest_slice(services, bench, args.reuse_index)
    timings.ingest = time.perf_counter() - stage
    baseline, baseline_info = None, None
    if not args.no_baseline:
        stage = time.perf_counter()
        baseline, baseline_info = build_baseline(services, bench, baseline_folder)
        timings.baseline_build = time.perf_counter() - stage

    stage = time.perf_counter()
    results = ask_all(bench, wide, services.answers, baseline)
    timings.questions = time.perf_counter() - stage
    stage = time.perf_counter()
    dates = spread_dates(bench.questions, len(UNANSWERABLE))
    offtopic = [evaluate_offtopic(text, day, services.answers) for text, day in zip(UNANSWERABLE, dates, strict=True)]
    fresh_dates = spread_dates(bench.questions, len(NEVER_FITTED))
    fresh = [
        evaluate_offtopic(text, day, services.answers) for text, day in zip(NEVER_FITTED, fresh_dates, strict=True)
    ]
    # Made-up questions (bench/madeup.py, built from every dev question as the fitting does) from
    # the half the decline model was not fitted on, and from this slice's questions.
    asked = {q.id for q in bench.questions}
    made_up = [
        m
        for m in build_made_up(load_questions(args.data))
        if not fitted_half(m.source_id) and (m.kind == "off-topic" or m.source_id in asked)
    ]
    made_up_results = [(m.kind, evaluate_offtopic(m.text, m.as_of, services.answers)) for m in made_up]
    timings.offtopic = time.perf_counter() - stage
    timings.total = time.perf_counter() - started

    figures = all_figures(results, offtopic, made_up_results, fresh)
    body = slice_lines(bench, ingest, baseline_info) + [""] + render(figures)
    body += ["", "Wall times (s): " + ", ".join(f"{k} {v:,.1f}" for k, v in asdict(timings).items())]
    print("\n".join(body))
    summary = {
        "command": lines[0].removeprefix("$ "),
        "header": lines[1:],
        "slice": {"name": bench.name, "questions": len(bench.questions), "articles": len(bench.records)},
        "ingest": ingest,
        "baseline_index": baseline_info,
        "figures": figures,
        "offtopic": [asdict(o) for o in offtopic],
        "offtopic_never_fitted": [asdict(o) for o in fresh],
        "made_up_held_out": [{"kind": kind, **asdict(o)} for kind, o in made_up_results],
        "timings_s": {k: round(v, 1) for k, v in asdict(timings).items()},
    }
    path = results_path(args)
    details = write_results(path, summary, results)
    print(f"Wrote {_relative(str(path))} and {_relative(str(details))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
