"""Plain-text and JSON summaries of ingest runs and of the index, shared by the CLI and Discord."""

from __future__ import annotations

from ingest.file_types import SUPPORTED
from newsdesk.models import IndexStats, IngestFailure, IngestReport
from newsdesk.serialise import to_json


def counts_line(report: IngestReport) -> str:
    """`2 added, 0 updated, …; 10 chunks written.`"""
    # Articles kept from being replaced are counted too: "0 failed" alone had read as all written (a
    # Discord probe's), and the audit log kept no trace of the refusal.
    kept = f", {len(report.kept)} not written" if report.kept else ""
    return (
        f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
        f"{len(report.failed)} failed{kept}; {report.chunks} chunk{'' if report.chunks == 1 else 's'} written."
    )


def failure_location(failure: IngestFailure) -> str:
    """`path:line`, or the path alone when the failure has no line."""
    return f"{failure.path}:{failure.line}" if failure.line else failure.path


# A file with a bad line in every record would print thousands of lines.
FAILURES_SHOWN = 50


def describe_report(report: IngestReport) -> str:
    """The human summary of an ingest run (shared with the Discord /ingest reply)."""
    lines = []
    if report.deleted:
        lines.append(f"Deleted {report.deleted} article{'s' if report.deleted != 1 else ''}.")
    if report.added or report.updated or report.unchanged or report.failed or not report.deleted:
        lines.append(counts_line(report))
    for failure in report.failed[:FAILURES_SHOWN]:
        lines.append(f"  failed: {failure_location(failure)}: {failure.error}")
    if len(report.failed) > FAILURES_SHOWN:  # --json lists every one
        lines.append(f"  … and {len(report.failed) - FAILURES_SHOWN} more failures")
    lines.extend(notices(report))
    return "\n".join(lines)


def notices(report: IngestReport) -> list[str]:
    """What the JSON summary leaves out but a person should see: files of other types and
    drafts and section pages skipped, articles replaced by another file of the same name or by
    another outlet's, articles dated after today
    (on stderr with `--json`)."""
    return (
        _skipped_line(report.skipped, "file of other types", "files of other types", SUPPORTED)
        + _skipped_line(
            report.links, "link to a file read anyway", "links to files read anyway", "read once, under its own name"
        )
        + _skipped_line(report.drafts, "draft", "drafts", "draft: true or published: false in the front matter")
        + _skipped_line(
            report.sections, "section page", "section pages", "Hugo's _index.md, which lists a section's articles"
        )
        + renamed_lines(report)
        + overwritten_lines(report)
        + kept_lines(report)
        + same_address_lines(report)
        + ([future_line(report)] if report.future else [])
        + ([undated_line(report)] if report.undated else [])
        + [f"Deleted {article_id!r}, the article at {address}" for address, article_id in report.deleted_at_address]
    )


def undated_line(report: IngestReport) -> str:
    """A warning naming the articles with no date: when they were published is unknown, so only
    a question asked as of today uses them (a probe's was declined as of its day without a word)."""
    listed = _listed([f"{article_id!r} ({where})" for article_id, where in report.undated])
    many = len(report.undated) > 1
    return (
        f"Warning: {len(report.undated)} article{'s have' if many else ' has'} no date: a question asked as of an "
        f'earlier day (--as-of) never uses {"them" if many else "it"} (give a date: a first line "date YYYY-MM-DD", '
        f'or "published" in JSON): {listed}'
    )


def future_line(report: IngestReport) -> str:
    """A warning naming the articles dated after today: answers never use an article published
    after their as-of day (today unless one is given), so these stay unused until their day."""
    listed = _listed([f"{article_id!r} ({where}, {day.isoformat()})" for article_id, where, day in report.future])
    if len(report.future) == 1:
        return f"Warning: 1 article is dated after today: no answer uses it before its day (check its date): {listed}"
    return (
        f"Warning: {len(report.future)} articles are dated after today: no answer uses them before their day "
        f"(check their dates): {listed}"
    )


def kept_lines(report: IngestReport) -> list[str]:
    """A line for each article the run was not allowed to write: it would have replaced one."""
    return [
        f"Not written: {article_id!r}: {why}; only an administrator can replace an article"
        for article_id, why in report.kept
    ]


def same_address_lines(report: IngestReport) -> list[str]:
    """A warning for each article written at another's address (the first SKIPPED_SHOWN, then how
    many more): answers may quote either version."""
    lines = [
        f"Warning: {article_id!r} was written, but {why}: if it is the same article, give it that id to "
        "replace it, or delete one (newsdesk ingest --delete ID)"
        for article_id, why in report.same_address[:SKIPPED_SHOWN]
    ]
    more = len(report.same_address) - SKIPPED_SHOWN
    if more > 0:
        lines.append(f"Warning: and {more} more articles were written at the address of another")
    return lines


def renamed_lines(report: IngestReport) -> list[str]:
    """A warning for each article that another file of the same name replaced: its id is the
    file's name, so the two cannot both be kept."""
    return [
        f"Warning: {new} replaced the article {article_id!r} read earlier from {old} "
        "(the id is the file's name, or its folder's for an index.md: rename one to keep both)"
        for article_id, old, new in report.renamed
    ]


SKIPPED_SHOWN = 5


def overwritten_lines(report: IngestReport) -> list[str]:
    """A warning for each article replaced by another outlet's or site's (the first
    SKIPPED_SHOWN, then how many more): if they are two stories, one is lost."""
    lines = [
        f"Warning: the article {article_id!r}, {old}, was replaced by {new}: if they are two stories, "
        "give them ids of their own to keep both"
        for article_id, old, new in report.overwritten[:SKIPPED_SHOWN]
    ]
    more = len(report.overwritten) - SKIPPED_SHOWN
    if more > 0:
        lines.append(f"Warning: and {more} more articles were replaced by another outlet's or site's version")
    return lines


def _skipped_line(paths: list[str], one: str, many: str, why: str) -> list[str]:
    """`Skipped 2 files of other types (…): a/pic.png, a/notes.csv`; nothing when none were."""
    if not paths:
        return []
    return [f"Skipped {len(paths)} {one if len(paths) == 1 else many} ({why}): {_listed(paths)}"]


def _listed(paths: list[str]) -> str:
    """The first SKIPPED_SHOWN paths, and how many more there are."""
    shown = ", ".join(paths[:SKIPPED_SHOWN])
    more = len(paths) - SKIPPED_SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


def stats_as_json(stats: IndexStats) -> dict[str, object]:
    """The shape of `newsdesk stats --json`: every field of IndexStats."""
    return to_json(stats)


def _outlet(stats: IndexStats, name: str, count: int) -> str:
    """ "cnn.com (2329, 2014-01-02 to 2022-12-31)": how many articles, and from when to when (an
    editor found only by a filtered question failing that cnn.com ended in 2022)."""
    if name not in stats.outlet_spans:
        return f"{name} ({count})"
    span = stats.outlet_spans[name]
    days = "undated" if span is None else str(span[0]) if span[0] == span[1] else f"{span[0]} to {span[1]}"
    return f"{name} ({count}, {days})"


def describe_stats(stats: IndexStats, location: str) -> str:
    """What `newsdesk stats` prints: counts, the published range, the ten biggest outlets, and where
    the index is (a path set in the environment is easy to lose track of)."""
    if not stats.articles:
        return f"The index at {location} is empty. Add articles with: newsdesk ingest PATH"
    span = f"{stats.first_published} to {stats.last_published}" if stats.first_published else "no dated articles"
    odd = [
        *([f"{stats.undated} undated"] if stats.undated and stats.first_published else []),
        *([f"{stats.dated_after_today} dated after today"] if stats.dated_after_today else []),
    ]
    if odd:
        span += f" ({'; '.join(odd)})"
    outlets = ", ".join(_outlet(stats, name, count) for name, count in list(stats.outlets.items())[:10])
    more = len(stats.outlets) - 10
    if more > 0:
        outlets += f", and {more} more"
    return (
        f"Articles:  {stats.articles}\nChunks:    {stats.chunks}\nPublished: {span}\nOutlets:   {outlets}\n"
        f"Index:     {location}"
    )
