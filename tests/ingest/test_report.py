"""Summaries of ingest runs and of the index (ingest/report.py), as text and as JSON.

The commands print these (tests/ingest/test_ingest_cli.py); here, the cases a sample run does not reach."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.service import build_services
from ingest.report import counts_line, describe_report, describe_stats, failure_location, stats_as_json
from newsdesk.models import IndexStats, IngestFailure, IngestReport
from newsdesk.settings import load_settings

BAD_LINE = IngestFailure("feed.jsonl", 2, "bad JSON: Expecting value (column 1)")
MISSING = IngestFailure("missing.txt", None, "no such file or folder")


def test_counts_line() -> None:
    assert counts_line(IngestReport(added=2, updated=1, unchanged=3, chunks=10, failed=[MISSING])) == (
        "2 added, 1 updated, 3 unchanged, 1 failed; 10 chunks written."
    )
    assert counts_line(IngestReport(added=1, chunks=1)) == "1 added, 0 updated, 0 unchanged, 0 failed; 1 chunk written."


def test_failure_location_names_the_line_when_there_is_one() -> None:
    assert (failure_location(BAD_LINE), failure_location(MISSING)) == ("feed.jsonl:2", "missing.txt")


def test_describe_report() -> None:
    assert describe_report(IngestReport()) == "0 added, 0 updated, 0 unchanged, 0 failed; 0 chunks written."
    assert describe_report(IngestReport(deleted=2)) == "Deleted 2 articles."  # nothing else was asked
    assert describe_report(IngestReport(added=1, deleted=1, chunks=4, failed=[BAD_LINE, MISSING])) == (
        "Deleted 1 article.\n"
        "1 added, 0 updated, 0 unchanged, 2 failed; 4 chunks written.\n"
        "  failed: feed.jsonl:2: bad JSON: Expecting value (column 1)\n"
        "  failed: missing.txt: no such file or folder"
    )


def test_a_long_list_of_failures_is_cut_but_counted() -> None:
    failures = [IngestFailure("feed.jsonl", n, "line is not UTF-8 text") for n in range(1, 61)]
    lines = describe_report(IngestReport(added=3, chunks=3, failed=failures)).splitlines()
    assert lines[0] == "3 added, 0 updated, 0 unchanged, 60 failed; 3 chunks written."
    assert lines[1:] == [f"  failed: feed.jsonl:{n}: line is not UTF-8 text" for n in range(1, 51)] + [
        "  … and 10 more failures"
    ]
    assert len(IngestReport(failed=failures).as_json()["failed"]) == 60  # type: ignore[arg-type]


def test_the_ingest_summary_json_leaves_out_words() -> None:
    report = IngestReport(added=1, updated=2, unchanged=3, deleted=4, chunks=5, words=600, failed=[BAD_LINE, MISSING])
    summary = report.as_json()
    assert list(summary) == ["added", "updated", "unchanged", "deleted", "failed", "chunks"]
    assert summary == {
        "added": 1,
        "updated": 2,
        "unchanged": 3,
        "deleted": 4,
        "failed": [
            {"path": "feed.jsonl", "line": 2, "error": "bad JSON: Expecting value (column 1)"},
            {"path": "missing.txt", "line": None, "error": "no such file or folder"},
        ],
        "chunks": 5,
    }


def test_stats_as_json() -> None:
    stats = IndexStats(3, 7, date(2023, 1, 26), date(2023, 2, 2), {"cnn.com": 2, "unknown": 1})
    assert stats_as_json(stats) == {
        "articles": 3,
        "chunks": 7,
        "first_published": "2023-01-26",
        "last_published": "2023-02-02",
        "outlets": {"cnn.com": 2, "unknown": 1},
        "undated": 0,
        "dated_after_today": 0,
        "outlet_spans": {},
    }
    assert list(stats_as_json(stats)["outlets"]) == ["cnn.com", "unknown"]  # most articles first, as given


def test_stats_count_undated_articles_and_those_dated_after_today(tmp_path: Path) -> None:
    """A tester's index held 89 undated articles, which no figure of `stats` showed."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "dated.txt").write_text("date 2023-01-26 The ferry sailed.", encoding="utf-8")
    (folder / "undated.txt").write_text("The bridge reopened.", encoding="utf-8")
    (folder / "typo.txt").write_text("date 2031-05-01 The tram opened.", encoding="utf-8")
    settings = load_settings(None)
    services = build_services(settings)
    assert services.ingestor.ingest_paths([str(folder)]).added == 3
    stats = services.ingestor.store.stats()
    assert (stats.undated, stats.dated_after_today) == (1, 1)
    assert "Published: 2023-01-26 to 2031-05-01 (1 undated; 1 dated after today)\n" in describe_stats(stats, "x")


def test_describe_stats_of_undated_articles_from_many_outlets() -> None:
    outlets = {f"outlet{i}.com": 12 - i for i in range(12)}
    assert describe_stats(IndexStats(78, 90, None, None, outlets), "var/index") == (
        "Articles:  78\n"
        "Chunks:    90\n"
        "Published: no dated articles\n"
        "Outlets:   " + ", ".join(f"outlet{i}.com ({12 - i})" for i in range(10)) + ", and 2 more\n"
        "Index:     var/index"
    )


def test_describe_stats_gives_each_outlets_days() -> None:
    """An editor found only by a filtered question failing that cnn.com, a third of the archive,
    ended in 2022."""
    outlets = {"usatoday.com": 5, "cnn.com": 3, "feed.example": 2, "one.example": 1}
    spans = {
        "usatoday.com": (date(2023, 1, 2), date(2023, 12, 18)),
        "cnn.com": (date(2022, 1, 1), date(2022, 12, 31)),
        "feed.example": None,
        "one.example": (date(2023, 5, 1), date(2023, 5, 1)),
    }
    stats = IndexStats(11, 30, date(2022, 1, 1), date(2023, 12, 18), outlets, undated=2, outlet_spans=spans)
    assert "Outlets:   usatoday.com (5, 2023-01-02 to 2023-12-18), cnn.com (3, 2022-01-01 to 2022-12-31), " in (
        describe_stats(stats, "x")
    )
    assert "feed.example (2, undated), one.example (1, 2023-05-01)\n" in describe_stats(stats, "x")
    assert stats_as_json(stats)["outlet_spans"] == {
        "usatoday.com": ["2023-01-02", "2023-12-18"],
        "cnn.com": ["2022-01-01", "2022-12-31"],
        "feed.example": None,
        "one.example": ["2023-05-01", "2023-05-01"],
    }
