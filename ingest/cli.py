"""`newsdesk ingest` and `newsdesk stats`: thin shells over the pipeline and the store."""

from __future__ import annotations

import json
import math
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from ingest.catalog import describe_location
from ingest.report import counts_line, describe_report, describe_stats, notices, stats_as_json
from newsdesk.command import JsonErrorsCommand, echo_error, storage_failure, with_settings
from newsdesk.errors import InputError
from newsdesk.models import IndexStats, IngestReport
from newsdesk.settings import Settings

if TYPE_CHECKING:
    from ingest.pipeline import ProgressCallback


def open_store(settings: Settings, model: str | None = None):  # type: ignore[no-untyped-def]
    """The index; with `model`, refused when another embedding model built it."""
    from ingest.store import ArticleStore

    return ArticleStore(settings.index, model=model)


@click.command("ingest", cls=JsonErrorsCommand)
@click.argument("paths", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option(
    "--delete",
    "delete_ids",
    multiple=True,
    metavar="ID",
    help="Remove the article with this id, or at this address (repeatable).",
)
@click.option("--if-empty", is_flag=True, help="Only ingest when the index holds no articles yet.")
@click.option(
    "--reembed", is_flag=True, help="Re-embed every stored chunk with the configured embedding model (after a switch)."
)
@with_settings
def ingest_command(
    settings: Settings,
    paths: tuple[str, ...],
    as_json: bool,
    delete_ids: tuple[str, ...],
    if_empty: bool,
    reembed: bool,
) -> None:
    """Add articles from files, folders (recursively) or - (standard input).

    Reads the sample format (`date YYYY-MM-DD` then the text), .txt/.md, web pages saved
    as .html/.htm, and JSON or JSON Lines records (each optionally .gz). Re-ingesting an unchanged article adds nothing;
    a changed one replaces its old version. Exits 1 when some input failed.
    """
    from newsdesk.providers import build_embedding, embedding_name

    if reembed:
        if paths or delete_ids:
            raise InputError("--reembed takes no PATH or --delete: run it on its own")
        embedder = build_embedding(settings.embedding)
        with progress_bar("chunks", "Re-embedding") as progress:
            count = open_store(settings).reembed(embedder, progress)
        if as_json:
            click.echo(json.dumps({"reembedded": count, "model": embedder.name}))
        else:
            click.echo(f"Re-embedded {count} chunks with {embedder.name}.")
        return
    if any(not article_id.strip() for article_id in delete_ids):
        raise InputError("--delete needs an article id (the citations of `newsdesk ask --json` show them)")
    if not paths and not delete_ids:
        raise InputError("give at least one PATH to ingest (or --delete ID)")
    if any(not path.strip() for path in paths):
        # An unset variable in a script ("newsdesk ingest "$DIR"") is no request to read the folder
        # the command runs in: a tester's "" ingested the repository's README as an article.
        raise InputError("a PATH is empty: give a file or folder, . for the current folder, or - for standard input")
    from ingest.pipeline import Ingestor

    store = open_store(settings, model=embedding_name(settings.embedding))  # checked before loading it
    embedder = build_embedding(settings.embedding)
    if if_empty and store.count_chunks() > 0:
        if as_json:  # the summary keeps its shape; the reason goes where a person reads it
            click.echo(json.dumps(IngestReport().as_json()))
        click.echo("The index already holds articles; nothing ingested.", err=as_json)
        return
    ingestor = Ingestor(settings, store, embedder)
    report = IngestReport()
    if paths:
        # At most one byte past the limit, which read_bytes then reports: "head -c 700000000
        # /dev/zero | newsdesk ingest -" had read 955 MB before saying it was over 100 MB.
        limit = int(settings.ingest.max_file_mb * 1_000_000)
        stdin_bytes = sys.stdin.buffer.read(limit + 1) if "-" in paths else None
        try:
            with progress_bar() as progress, interrupts_raised() as interrupts:

                def progress_or_stop(done: int, total: int) -> None:
                    interrupts.raise_if_received()
                    progress(done, total)

                ingestor.ingest_paths(paths, stdin_bytes=stdin_bytes, progress=progress_or_stop, report=report)
                interrupts.raise_if_received()
        except KeyboardInterrupt as exc:
            # Click's bare "Aborted!" left a probe wondering what had been kept.
            message = (
                f"interrupted: the articles written so far are kept, each batch whole ({counts_line(report)}); "
                "run the same command again to finish (unchanged articles are skipped)"
            )
            # The counts as the summary gives them, beside the error (a probe's had none).
            echo_error(message, as_json, beside=report.as_json())
            for line in notices(report):  # of what was written: undated articles, copies
                click.echo(line, err=True)
            sys.exit(128 + (signal.SIGTERM if isinstance(exc, Terminated) else signal.SIGINT))
        except Exception as exc:
            reason = storage_failure(exc, Path(settings.index.path))
            if reason is None:
                raise
            # A full disk mid-ingest (a tester's) had ended in tantivy's traceback, the counts untold.
            counts = counts_line(report).rstrip(".")
            message = (
                f"the index at {settings.index.path} cannot be written: {reason}. The articles written so far are "
                f"kept, each batch whole ({counts}); free space or fix the folder, then run the same command again "
                "to finish"
            )
            echo_error(message, as_json, beside=report.as_json())
            sys.exit(1)
    if delete_ids:
        # After the paths: a retracted story deleted while its feed is read again stays deleted
        # (a probe's `ingest feed.jsonl --delete t1` deleted t1, then added it straight back).
        # Ids are stored without surrounding spaces (a JSON id "  x  " is "x"), so asked for alike.
        deleted = ingestor.delete([article_id.strip() for article_id in delete_ids])
        report.deleted += deleted.deleted
        report.failed += deleted.failed
        report.deleted_at_address += deleted.deleted_at_address
    if store.vector_snapshot_due():  # so that the first question after a large ingest starts fast
        if not as_json:
            click.echo("Saving the vectors for a fast start-up…", err=True)
        store.save_vector_snapshot()
    if as_json:
        click.echo(json.dumps(report.as_json()))
        for line in notices(report):  # not in the JSON, whose shape stays; said where a person sees it
            click.echo(line, err=True)
    else:
        click.echo(describe_report(report))
    if report.failed:
        sys.exit(1)


PLAIN_PROGRESS_SECONDS = 30.0


class Terminated(KeyboardInterrupt):
    """SIGTERM, stopping an ingest as Ctrl-C does."""


class Interrupts:
    """The Ctrl-C or SIGTERM received, raised again where the ingest reports progress. Python
    swallows an exception raised inside a destructor: a CI run's Ctrl-C landed in one (the regex
    module's), printed "Exception ignored … KeyboardInterrupt", and the ingest ran to its end."""

    def __init__(self) -> None:
        self.received: KeyboardInterrupt | None = None

    def handle(self, signum: int, frame: object) -> None:
        self.received = Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()
        raise self.received

    def raise_if_received(self) -> None:
        if self.received is not None:
            raise self.received


@contextmanager
def interrupts_raised() -> Iterator[Interrupts]:
    """Ctrl-C, and SIGTERM as `kill`, `timeout` and service managers send it, stop an ingest between
    Python steps and say what was kept. SIGTERM's default had ended it at once, mid-write and
    without a word, leaving its workers running (a probe's)."""
    interrupts = Interrupts()
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set them
        yield interrupts
        return
    previous = {sig: signal.signal(sig, interrupts.handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    previous_hook = sys.unraisablehook

    def unraisable(raised: sys.UnraisableHookArgs) -> None:
        # The interrupt swallowed in a destructor is raised again at the next progress report; its
        # "Exception ignored … Traceback" beside "Error: interrupted" told a CI run of a crash.
        if raised.exc_value is None or raised.exc_value is not interrupts.received:
            previous_hook(raised)

    sys.unraisablehook = unraisable
    try:
        yield interrupts
    finally:
        sys.unraisablehook = previous_hook
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextmanager
def progress_bar(noun: str = "articles", verb: str = "Ingesting") -> Iterator[ProgressCallback]:
    """A rich progress bar on stderr, fed by the pipeline's (done, total) callback."""
    console = Console(stderr=True)
    if not console.is_terminal:
        yield plain_progress(console, noun, verb)
        return
    columns = [
        TextColumn(verb),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(noun),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    ]
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("ingest", total=None)

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield update


def plain_progress(console: Console, noun: str = "articles", verb: str = "Ingesting") -> ProgressCallback:
    """Progress as a plain line every PLAIN_PROGRESS_SECONDS, for logs and pipes: rich draws
    its bar only on a terminal, and a long ingest must not look stuck in a log file."""
    started = time.monotonic()
    last = -math.inf

    def update(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last < PLAIN_PROGRESS_SECONDS and done < total:
            return
        last = now
        elapsed = now - started
        line = f"{verb}: {done}/{total} {noun} ({100 * done / max(total, 1):.0f}%), {_clock(elapsed)} elapsed"
        if 0 < done < total:
            line += f", about {_clock(elapsed / done * (total - done))} left"
        console.print(line, highlight=False, soft_wrap=True)

    return update


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


@click.command("stats", cls=JsonErrorsCommand)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@with_settings
def stats_command(settings: Settings, as_json: bool) -> None:
    """Show how many articles and chunks the index holds, their dates and outlets."""
    index = settings.index
    if index.mode == "embedded" and not index.path.exists():
        # Opening it would make the folder: a mistyped path would then be an empty index for good.
        if as_json:
            click.echo(json.dumps(stats_as_json(IndexStats(0, 0, None, None, {}))))
            # Zeros alone read as an empty index where the path may be mistyped (a probe's).
            click.echo(
                f"Warning: there is no index at {index.path} yet (add articles with: newsdesk ingest PATH)", err=True
            )
        else:
            click.echo(f"There is no index at {index.path} yet. Add articles with: newsdesk ingest PATH")
        return
    stats = open_store(settings).stats()
    if as_json:
        click.echo(json.dumps(stats_as_json(stats)))
    else:
        click.echo(describe_stats(stats, describe_location(index)))
