"""`newsdesk ingest` and `newsdesk stats`: thin shells over the pipeline and the store."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from newsdesk.cli import with_settings
from newsdesk.errors import InputError
from newsdesk.models import IndexStats, IngestReport
from newsdesk.settings import Settings


def open_store(settings: Settings):  # type: ignore[no-untyped-def]
    from ingest.store import ArticleStore

    return ArticleStore(settings.index)


@click.command("ingest")
@click.argument("paths", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--delete", "delete_ids", multiple=True, metavar="ID", help="Remove the article with this id (repeatable).")
@click.option("--if-empty", is_flag=True, help="Only ingest when the index holds no articles yet.")
@with_settings
def ingest_command(
    settings: Settings, paths: tuple[str, ...], as_json: bool, delete_ids: tuple[str, ...], if_empty: bool
) -> None:
    """Add articles from files, folders (recursively) or - (standard input).

    Reads the sample format (`date YYYY-MM-DD` then the text), .txt/.md, and JSON or
    JSON Lines records (optionally .gz). Re-ingesting an unchanged article adds nothing;
    a changed one replaces its old version. Exits 1 when some input failed.
    """
    if not paths and not delete_ids:
        raise InputError("give at least one PATH to ingest (or --delete ID)")
    from ingest.pipeline import Ingestor

    store = open_store(settings)
    if if_empty and store.count_chunks() > 0:
        if not as_json:
            click.echo("The index already holds articles; nothing ingested.")
        else:
            click.echo(json.dumps(IngestReport().as_json()))
        return
    ingestor = Ingestor(settings, store)
    report = IngestReport()
    if delete_ids:
        report = ingestor.delete(delete_ids)
    if paths:
        stdin_bytes = sys.stdin.buffer.read() if "-" in paths else None
        with progress_bar(quiet=False) as progress:
            added = ingestor.ingest_paths(paths, stdin_bytes=stdin_bytes, progress=progress)
        report = _merge(report, added)
    if as_json:
        click.echo(json.dumps(report.as_json()))
    else:
        click.echo(describe_report(report))
    if report.failed:
        sys.exit(1)


def _merge(first: IngestReport, second: IngestReport) -> IngestReport:
    second.deleted += first.deleted
    second.failed = first.failed + second.failed
    return second


def describe_report(report: IngestReport) -> str:
    """The human summary of an ingest run (shared with the Discord /ingest reply)."""
    lines = []
    if report.deleted:
        lines.append(f"Deleted {report.deleted} article{'s' if report.deleted != 1 else ''}.")
    if report.added or report.updated or report.unchanged or report.failed or not report.deleted:
        lines.append(
            f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
            f"{len(report.failed)} failed; {report.chunks} chunks written."
        )
    for failure in report.failed:
        where = f"{failure.path}:{failure.line}" if failure.line else failure.path
        lines.append(f"  failed: {where}: {failure.error}")
    return "\n".join(lines)


@contextmanager
def progress_bar(quiet: bool) -> Iterator[object]:
    """A rich progress bar on stderr, fed by the pipeline's (done, total) callback."""
    console = Console(stderr=True)
    if quiet:
        yield None
        return
    columns = [
        TextColumn("Ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    ]
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("ingest", total=None)

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield update


@click.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@with_settings
def stats_command(settings: Settings, as_json: bool) -> None:
    """Show how many articles and chunks the index holds, their dates and outlets."""
    stats = open_store(settings).stats()
    if as_json:
        click.echo(json.dumps(stats_as_json(stats)))
    else:
        click.echo(describe_stats(stats))


def stats_as_json(stats: IndexStats) -> dict[str, object]:
    return {
        "articles": stats.articles,
        "chunks": stats.chunks,
        "first_published": stats.first_published.isoformat() if stats.first_published else None,
        "last_published": stats.last_published.isoformat() if stats.last_published else None,
        "outlets": stats.outlets,
    }


def describe_stats(stats: IndexStats) -> str:
    if not stats.articles:
        return "The index is empty. Add articles with: newsdesk ingest PATH"
    span = (
        f"{stats.first_published} to {stats.last_published}"
        if stats.first_published
        else "no dated articles"
    )
    outlets = ", ".join(f"{name} ({count})" for name, count in list(stats.outlets.items())[:10])
    more = len(stats.outlets) - 10
    if more > 0:
        outlets += f", and {more} more"
    return f"Articles:  {stats.articles}\nChunks:    {stats.chunks}\nPublished: {span}\nOutlets:   {outlets}"
