"""`newsdesk ingest` and `newsdesk stats` through click's CliRunner: exact output and exit codes."""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import ingest.cli
from ingest.readers import content_id
from ingest.store import ArticleStore
from newsdesk.cli import cli
from newsdesk.settings import load_settings

SAMPLE_A, SAMPLE_B = "000_5b110fb79ad57658", "003_1e6e512ebb72dbb0"
TINY = [
    {"id": "t1", "text": "Floods closed the bridge.", "url": "https://www.cnn.com/t1", "published": "2023-03-01"},
    {"id": "t2", "text": "The bridge reopened.", "source": "bbc.co.uk", "published": "2023-03-04"},
    {"id": "t3", "text": "Repairs will cost more.", "source": "cnn.com"},
]


def run(*args: str, input: bytes | str | None = None):
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def index_path() -> Path:
    return load_settings(None).index.path


def index_chunks() -> int:
    return ArticleStore(load_settings(None).index).count_chunks()


@pytest.fixture
def tiny(write_jsonl) -> Path:
    return write_jsonl("tiny.jsonl", TINY)


def test_ingest_samples_json(sample_dir: Path) -> None:
    result = run("ingest", str(sample_dir), "--json")
    assert result.exit_code == 0
    chunks = index_chunks()
    assert chunks > 2
    assert json.loads(result.stdout) == {
        "added": 2,
        "updated": 0,
        "unchanged": 0,
        "deleted": 0,
        "failed": [],
        "chunks": chunks,
    }
    assert result.stdout == json.dumps(json.loads(result.stdout)) + "\n"  # one line, key order kept
    assert list(json.loads(result.stdout)) == ["added", "updated", "unchanged", "deleted", "failed", "chunks"]

    again = run("ingest", str(sample_dir), "--json")
    assert (again.exit_code, again.stdout) == (
        0,
        '{"added": 0, "updated": 0, "unchanged": 2, "deleted": 0, "failed": [], "chunks": 0}\n',
    )


def test_ingest_human_summary_and_stats(sample_dir: Path) -> None:
    result = run("ingest", str(sample_dir))
    chunks = index_chunks()
    assert (result.exit_code, result.stdout) == (
        0,
        f"2 added, 0 updated, 0 unchanged, 0 failed; {chunks} chunks written.\n",
    )
    assert "2/2 articles" in result.stderr  # the progress bar goes to stderr, never into stdout

    stats = run("stats")
    assert (stats.exit_code, stats.stdout) == (
        0,
        f"Articles:  2\nChunks:    {chunks}\nPublished: 2023-01-26 to 2023-01-31\n"
        "Outlets:   unknown (2, 2023-01-26 to 2023-01-31)\n"
        f"Index:     {index_path()}\n",
    )
    stats_json = run("stats", "--json")
    assert (stats_json.exit_code, stats_json.stdout) == (
        0,
        f'{{"articles": 2, "chunks": {chunks}, "first_published": "2023-01-26", '
        f'"last_published": "2023-01-31", "outlets": {{"unknown": 2}}, "undated": 0, "dated_after_today": 0, '
        '"outlet_spans": {"unknown": ["2023-01-26", "2023-01-31"]}}\n',
    )


def test_stats_of_an_empty_index() -> None:
    empty = (
        '{"articles": 0, "chunks": 0, "first_published": null, "last_published": null, "outlets": {}, '
        '"undated": 0, "dated_after_today": 0, "outlet_spans": {}}\n'
    )
    # No index there yet (or a mistyped path): said so, and no folder is made for it.
    assert (run("stats").exit_code, run("stats").stdout) == (
        0,
        f"There is no index at {index_path()} yet. Add articles with: newsdesk ingest PATH\n",
    )
    missing = run("stats", "--json")
    assert missing.stdout == empty
    # Zeros alone had read as an empty index where the path may be mistyped (a probe's).
    assert (
        missing.stderr
        == f"Warning: there is no index at {index_path()} yet (add articles with: newsdesk ingest PATH)\n"
    )
    assert not index_path().exists()
    index_path().mkdir(parents=True)
    assert (run("stats").exit_code, run("stats").stdout) == (
        0,
        f"The index at {index_path()} is empty. Add articles with: newsdesk ingest PATH\n",
    )
    assert run("stats", "--json").stdout == empty


def test_stats_outlets_and_undated(tiny: Path) -> None:
    assert run("ingest", str(tiny), "--json").exit_code == 0
    assert run("stats").stdout == (
        "Articles:  3\nChunks:    3\nPublished: 2023-03-01 to 2023-03-04 (1 undated)\n"
        # Each outlet's days: an editor found only by a filtered question failing that one ended in 2022.
        "Outlets:   cnn.com (2, 2023-03-01), bbc.co.uk (1, 2023-03-04)\n"
        f"Index:     {index_path()}\n"
    )
    assert json.loads(run("stats", "--json").stdout) == {
        "articles": 3,
        "chunks": 3,
        "first_published": "2023-03-01",
        "last_published": "2023-03-04",
        "outlets": {"cnn.com": 2, "bbc.co.uk": 1},
        "undated": 1,
        "dated_after_today": 0,
        "outlet_spans": {"cnn.com": ["2023-03-01", "2023-03-01"], "bbc.co.uk": ["2023-03-04", "2023-03-04"]},
    }


def test_stats_count_an_outlets_site_under_its_name(write_jsonl) -> None:
    """A probe's stats listed "Millbrook Gazette (2)" and "millbrookgazette.example (1)", one outlet
    that `--outlet` reads as one: its site is counted under its name."""
    site = "https://millbrookgazette.example/"
    records = [
        {
            "id": "a",
            "source": "Millbrook Gazette",
            "url": site + "a",
            "text": "The mill reopened.",
            "date": "2023-05-02",
        },
        {"id": "b", "source": "Millbrook Gazette", "url": site + "b", "text": "The dam was fixed."},
        {"id": "c", "url": site + "c", "text": "The fair opened.", "date": "2023-06-09"},
        {"id": "d", "url": "https://cnn.com/d", "text": "Rates rose."},
        # No source, and one written "unknown": one line, with both's days (a review's).
        {"id": "e", "text": "Snow fell.", "date": "2016-03-01"},
        {"id": "f", "source": "unknown", "text": "Rain fell.", "date": "2024-05-02"},
    ]
    assert run("ingest", str(write_jsonl("mill.jsonl", records))).exit_code == 0
    stats = json.loads(run("stats", "--json").stdout)
    assert stats["outlets"] == {"Millbrook Gazette": 3, "unknown": 2, "cnn.com": 1}
    # Its days too: the name's first, the site's last.
    assert stats["outlet_spans"] == {
        "Millbrook Gazette": ["2023-05-02", "2023-06-09"],
        "unknown": ["2016-03-01", "2024-05-02"],
        "cnn.com": None,
    }


def test_failures_are_listed_and_exit_1(write_jsonl, tmp_path: Path) -> None:
    feed = write_jsonl(
        "feed.jsonl",
        [{"id": "ok", "text": "Fine story."}, "{oops", {"id": "ok2", "text": "Another.", "date": "2023-02-31"}],
    )
    missing = tmp_path / "missing.txt"
    result = run("ingest", str(feed), str(missing), "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "added": 1,
        "updated": 0,
        "unchanged": 0,
        "deleted": 0,
        "failed": [
            {
                "path": str(feed),
                "line": 2,
                "error": "bad JSON: Expecting property name enclosed in double quotes (column 2)",
            },
            {"path": str(feed), "line": 3, "error": "bad date '2023-02-31' (no such day)"},
            {"path": str(missing), "line": None, "error": "no such file or folder"},
        ],
        "chunks": 1,
    }
    human = run("ingest", str(feed), str(missing))
    assert (human.exit_code, human.stdout) == (
        1,
        "0 added, 0 updated, 1 unchanged, 3 failed; 0 chunks written.\n"
        f"  failed: {feed}:2: bad JSON: Expecting property name enclosed in double quotes (column 2)\n"
        f"  failed: {feed}:3: bad date '2023-02-31' (no such day)\n"
        f"  failed: {missing}: no such file or folder\n",
    )


def test_oversize_file_through_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_INGEST__MAX_FILE_MB", "0.1")
    big = tmp_path / "big.txt"
    big.write_text("Word. " * 30_000, encoding="utf-8")  # 180,000 bytes
    result = run("ingest", str(big), "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["failed"] == [
        {"path": str(big), "line": None, "error": "file is 0.2 MB, over the 0.1 MB limit"}
    ]


def test_stdin(tiny: Path) -> None:
    result = run("ingest", "-", "--json", input=tiny.read_bytes())
    assert (result.exit_code, result.stdout) == (
        0,
        '{"added": 3, "updated": 0, "unchanged": 0, "deleted": 0, "failed": [], "chunks": 3}\n',
    )
    text = run("ingest", "-", "--json", input="date 2023-01-05 Snow fell. Schools closed.")
    assert json.loads(text.stdout)["added"] == 1
    assert run("stats", "--json").stdout.startswith('{"articles": 4, "chunks": 4, "first_published": "2023-01-05"')


def test_delete(tiny: Path) -> None:
    run("ingest", str(tiny))
    result = run("ingest", "--delete", "t1")
    assert (result.exit_code, result.stdout) == (0, "Deleted 1 article.\n")
    both = run("ingest", "--delete", "t2", "--delete", "t3", "--json")
    assert (both.exit_code, both.stdout) == (
        0,
        '{"added": 0, "updated": 0, "unchanged": 0, "deleted": 2, "failed": [], "chunks": 0}\n',
    )
    assert index_chunks() == 0
    unknown = run("ingest", "--delete", "t1")
    assert (unknown.exit_code, unknown.stdout) == (
        1,
        "0 added, 0 updated, 0 unchanged, 1 failed; 0 chunks written.\n"
        "  failed: t1: no article with this id in the index\n",
    )


def test_delete_takes_an_article_s_address_as_a_reader_knows_it(write_jsonl) -> None:
    """A reader knows a story by its address, not its feed's id: the address, written as
    browsers and links write it, names the article to delete; one held by no article fails."""
    feed = [
        {"id": "t1", "text": "Floods closed the bridge.", "url": "https://www.cnn.com/2023/03/01/floods/index.html"},
        {"id": "t2", "text": "The bridge reopened.", "url": "https://www.cnn.com/2023/03/04/bridge"},
    ]
    run("ingest", str(write_jsonl("feed.jsonl", feed)))
    result = run("ingest", "--delete", "http://cnn.com/2023/03/01/floods/index.html?utm_source=x")
    assert (result.exit_code, result.stdout) == (
        0,
        "Deleted 1 article.\nDeleted 't1', the article at http://cnn.com/2023/03/01/floods/index.html?utm_source=x\n",
    )
    assert json.loads(run("stats", "--json").stdout)["articles"] == 1
    unknown = run("ingest", "--delete", "https://www.cnn.com/2023/03/01/floods/index.html")
    assert unknown.exit_code == 1
    assert "no article at this address or with this id in the index" in unknown.stdout
    by_json = run("ingest", "--delete", "www.cnn.com/2023/03/04/bridge/", "--json")
    assert by_json.stdout.startswith('{"added": 0, "updated": 0, "unchanged": 0, "deleted": 1,')
    assert by_json.stderr == "Deleted 't2', the article at www.cnn.com/2023/03/04/bridge/\n"
    # Two articles at one address (ingest warns of them) are both deleted by it.
    twins = [
        {"id": "t3", "text": "The ferry was cancelled.", "url": "https://www.cnn.com/ferry"},
        {"id": "t4", "text": "The ferry was cancelled again.", "url": "https://www.cnn.com/ferry"},
    ]
    run("ingest", str(write_jsonl("twins.jsonl", twins)))
    both = run("ingest", "--delete", "https://www.cnn.com/ferry")
    assert both.stdout == (
        "Deleted 2 articles.\nDeleted 't3', the article at https://www.cnn.com/ferry\n"
        "Deleted 't4', the article at https://www.cnn.com/ferry\n"
    )
    assert json.loads(run("stats", "--json").stdout)["articles"] == 0
    # Stored at its address with tracking parameters, it is at the address without them too (a
    # tester's); one at another page of the same path is not.
    tracked = [
        {"id": "t5", "text": "The station got lifts.", "url": "https://www.quarry.example/lifts?utm_source=news"},
        {"id": "t6", "text": "Page two of it.", "url": "https://www.quarry.example/lifts?page=2"},
    ]
    run("ingest", str(write_jsonl("tracked.jsonl", tracked)))
    lifts = run("ingest", "--delete", "https://quarry.example/lifts")
    assert lifts.stdout == "Deleted 1 article.\nDeleted 't5', the article at https://quarry.example/lifts\n"


def test_delete_takes_an_id_as_ingest_stored_it(write_jsonl) -> None:
    """A JSON id with spaces around it is stored without them; --delete finds it either way."""
    run("ingest", str(write_jsonl("feed.jsonl", [{"id": "  spaced id  ", "text": "The ferry was cancelled."}])))
    result = run("ingest", "--delete", "  spaced id  ")
    assert (result.exit_code, result.stdout) == (0, "Deleted 1 article.\n")


def test_delete_and_ingest_in_one_run(tiny: Path, sample_dir: Path) -> None:
    run("ingest", str(tiny))
    result = run("ingest", "--delete", "t1", str(sample_dir), "--json")
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert (out["added"], out["deleted"], out["failed"]) == (2, 1, [])
    assert json.loads(run("stats", "--json").stdout)["articles"] == 4
    # An article deleted while its feed is read again stays deleted: the feed is read first.
    again = run("ingest", str(tiny), "--delete", "t2", "--json")
    assert (again.exit_code, json.loads(again.stdout)["deleted"]) == (0, 1)
    assert json.loads(run("stats", "--json").stdout)["articles"] == 4  # t1 back, t2 gone
    assert "t2" not in {
        meta["article_id"] for _, _, meta in ArticleStore(load_settings(None).index).chroma.iter_chunks()
    }


def test_if_empty(tiny: Path, sample_dir: Path) -> None:
    first = run("ingest", "--if-empty", str(tiny), "--json")
    assert (first.exit_code, json.loads(first.stdout)["added"]) == (0, 3)
    second = run("ingest", "--if-empty", str(sample_dir))
    assert (second.exit_code, second.stdout) == (0, "The index already holds articles; nothing ingested.\n")
    second_json = run("ingest", "--if-empty", str(sample_dir), "--json")
    assert (second_json.exit_code, second_json.stdout) == (
        0,
        '{"added": 0, "updated": 0, "unchanged": 0, "deleted": 0, "failed": [], "chunks": 0}\n',
    )
    assert second_json.stderr.endswith("The index already holds articles; nothing ingested.\n")  # said why
    assert json.loads(run("stats", "--json").stdout)["articles"] == 3


def test_a_blank_delete_id_is_a_usage_error() -> None:
    result = run("ingest", "--delete", " ")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "Error: --delete needs an article id (the citations of `newsdesk ask --json` show them)\n",
    )


def test_an_empty_path_is_a_usage_error_not_the_current_folder(sample_dir: Path, monkeypatch) -> None:
    """A tester's `newsdesk ingest ""` (a script's unset variable) ingested the folder it ran in."""
    monkeypatch.chdir(sample_dir)
    result = run("ingest", "", "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"].startswith("a PATH is empty: give a file or folder")
    assert json.loads(run("stats", "--json").stdout)["articles"] == 0


def test_files_of_other_types_in_a_folder_are_named_not_failed(sample_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    shutil.copytree(sample_dir, folder)
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n")
    (folder / "notes.csv").write_text("a,b\n", encoding="utf-8")
    skipped = (
        "Skipped 2 files of other types (expected .txt, .md, .json, .jsonl or .html, optionally gzipped as .gz): "
        f"{folder / 'notes.csv'}, {folder / 'photo.png'}"
    )
    result = run("ingest", str(folder))
    assert result.exit_code == 0  # the articles went in: nothing failed
    assert result.stdout == f"2 added, 0 updated, 0 unchanged, 0 failed; {index_chunks()} chunks written.\n{skipped}\n"
    again = run("ingest", str(folder), "--json")  # the JSON keeps its shape; the note goes to stderr
    assert (again.exit_code, json.loads(again.stdout)["unchanged"]) == (0, 2)
    assert skipped in again.stderr


def test_no_arguments_is_a_usage_error() -> None:
    result = run("ingest")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "Error: give at least one PATH to ingest (or --delete ID)\n",
    )


def test_config_file_index_path_is_relative_to_the_file(
    tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSDESK_INDEX__PATH")  # the environment would override the file
    conf = tmp_path / "conf"
    conf.mkdir()
    config = conf / "newsdesk.toml"
    config.write_text('[index]\npath = "my-index"\ncollection = "things"\n', encoding="utf-8")
    result = run("ingest", "--config", str(config), str(tiny), "--json")
    assert result.exit_code == 0
    assert (conf / "my-index" / "chroma.sqlite3").is_file()
    assert (conf / "my-index" / "replica-things" / "replica.sqlite3").is_file()
    assert not (tmp_path / "my-index").exists()  # not relative to the working directory
    assert json.loads(run("stats", "--config", str(config), "--json").stdout)["articles"] == 3
    assert json.loads(run("--config", str(config), "stats", "--json").stdout)["articles"] == 3  # either place
    # Without the file, the default index (./var/index) is a different, empty one.
    assert json.loads(run("stats", "--json").stdout)["articles"] == 0


def test_config_file_with_a_secret_is_refused(tmp_path: Path, tiny: Path) -> None:
    config = tmp_path / "secret.toml"
    config.write_text('[llm]\napi_key = "x"\n', encoding="utf-8")
    result = run("ingest", "--config", str(config), str(tiny))
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"Error: llm.api_key looks like a secret and must not be in {config}; secrets come only from the "
        "environment: set NEWSDESK_LLM__API_KEY for an LLM server's key\n",
    )
    stats = run("stats", "--config", str(config))
    assert (stats.exit_code, stats.stderr) == (2, result.stderr)


def test_config_file_with_an_unknown_key_is_refused(tmp_path: Path, tiny: Path) -> None:
    config = tmp_path / "typo.toml"
    config.write_text('[index]\ncolection = "x"\n', encoding="utf-8")
    result = run("ingest", "--config", str(config), str(tiny))
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"Error: invalid settings in {config} (or NEWSDESK_* overrides): "
        "index.colection: no such setting (did you mean index.collection, or NEWSDESK_INDEX__COLLECTION?)\n",
    )


def test_missing_config_file_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    result = run("stats", "--config", str(missing))
    assert (result.exit_code, result.stderr) == (2, f"Error: config file not found: {missing}\n")


def test_bad_environment_override_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_INGEST__BATCH_ARTICLES", "0")
    result = run("stats")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: invalid settings in the environment (or NEWSDESK_* overrides): "
        "ingest.batch_articles: Input should be greater than or equal to 1\n"
    )


def test_progress_in_a_log_file_is_plain_lines(sample_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_INGEST__BATCH_ARTICLES", "1")  # a progress report after each article
    quiet = run("ingest", str(sample_dir))
    # Not a terminal: no bar; within the interval only the opening and the closing line.
    assert [line.split(",")[0] for line in quiet.stderr.splitlines()] == [
        "Ingesting: 0/2 articles (0%)",
        "Ingesting: 2/2 articles (100%)",
    ]
    assert "━" not in quiet.stderr

    monkeypatch.setattr(ingest.cli, "PLAIN_PROGRESS_SECONDS", 0.0)
    (sample_dir / "000_5b110fb79ad57658.txt").write_text(" date 2023-01-26 A changed body about Blinken.")
    (sample_dir / "new.txt").write_text(" date 2023-02-02 Another article about ferries.")
    busy = run("ingest", str(sample_dir))
    lines = busy.stderr.splitlines()
    assert [line.split(" (")[0] for line in lines] == [f"Ingesting: {n}/3 articles" for n in (0, 1, 2, 3)]
    assert "left" in lines[1] and "left" not in lines[-1]


@pytest.mark.parametrize("command", [["stats"], ["ask", "Who won?"], ["ingest", "-"]])
def test_an_index_path_that_is_a_file_is_a_clear_error(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "index"
    path.write_text("a file, not the index's folder")
    monkeypatch.setenv("NEWSDESK_INDEX__PATH", str(path))
    result = run(*command)
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: index.path {path} is a file: give the index's folder, e.g. var/index\n",
    )


@pytest.mark.parametrize("command", [["ingest", "-", "--json"], ["ask", "Who won?"]])
def test_an_index_path_under_a_file_is_a_clear_error(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A probe's index.path under a file ("afile/sub") ended ingest and ask in a traceback."""
    (tmp_path / "afile").write_text("a file")
    path = tmp_path / "afile" / "sub"
    monkeypatch.setenv("NEWSDESK_INDEX__PATH", str(path))
    result = run(*command)
    assert result.exit_code == 2 and "Traceback" not in result.stderr, result.stderr
    assert f"Error: index.path {path} cannot be made: Not a directory\n" in result.stderr


def test_another_file_of_the_same_name_replacing_an_article_is_a_warning(tmp_path: Path) -> None:
    """The id of a text article is its file's name: feb/story.txt and, in a later run,
    mar/story.txt are one id, and the second replaced the first without a word."""
    (tmp_path / "feb").mkdir()
    (tmp_path / "mar").mkdir()
    feb = tmp_path / "feb" / "story.txt"
    mar = tmp_path / "mar" / "story.txt"
    feb.write_text("date 2023-02-03 The harbour ferry was cancelled on Friday.", encoding="utf-8")
    mar.write_text("date 2023-03-03 The council approved the school budget on Friday.", encoding="utf-8")
    assert run("ingest", str(tmp_path / "feb")).exit_code == 0
    replaced = run("ingest", str(tmp_path / "mar"))
    assert replaced.exit_code == 0
    assert replaced.stdout.splitlines()[-1] == (
        f"Warning: {mar.resolve()} replaced the article 'story' read earlier from {feb.resolve()} "
        "(the id is the file's name, or its folder's for an index.md: rename one to keep both)"
    )
    # With --json the warning goes to standard error and the JSON keeps its shape.
    again = run("ingest", str(feb), "--json")
    assert json.loads(again.stdout)["updated"] == 1
    assert f"Warning: {feb.resolve()} replaced the article 'story'" in again.stderr
    # The same file, edited, is an update like any other.
    feb.write_text("date 2023-02-03 The harbour ferry was cancelled on Friday and Saturday.", encoding="utf-8")
    edited = run("ingest", str(feb))
    assert "0 added, 1 updated" in edited.stdout and "Warning" not in edited.output


def test_an_article_replaced_by_another_outlets_is_a_warning(write_jsonl) -> None:
    """A probe's two feeds numbered their stories from "1": the second replaced the first's
    without a word."""
    day = "2023-03-01"
    cnn = {
        "id": "1",
        "source": "cnn.com",
        "title": "Dunmore dam failed",
        "text": "The Dunmore dam failed.",
        "date": day,
    }
    bbc = {
        "id": "1",
        "source": "bbc.co.uk",
        "title": "Leeford bridge reopened",
        "text": "The bridge reopened.",
        "date": day,
    }
    assert run("ingest", str(write_jsonl("cnn.jsonl", [cnn]))).exit_code == 0
    replaced = run("ingest", str(write_jsonl("bbc.jsonl", [bbc])), "--json")
    assert json.loads(replaced.stdout)["updated"] == 1
    assert replaced.stderr.splitlines()[-1] == (
        "Warning: the article '1', “Dunmore dam failed” (cnn.com), was replaced by “Leeford bridge reopened” "
        "(bbc.co.uk): if they are two stories, give them ids of their own to keep both"
    )
    # A correction from the same outlet is an update like any other, under a new address of its site too.
    fixed = {**bbc, "text": "The bridge reopened on Tuesday.", "url": "https://www.bbc.co.uk/news/bridge-reopens"}
    assert "Warning" not in run("ingest", str(write_jsonl("fix.jsonl", [fixed]))).output
    moved = {**fixed, "text": "The bridge reopened on Tuesday at noon.", "url": "http://bbc.co.uk/news/bridge?x=1"}
    corrected = run("ingest", str(write_jsonl("moved.jsonl", [moved])))
    assert "0 added, 1 updated" in corrected.stdout and "Warning" not in corrected.output


def test_an_article_dated_after_today_goes_in_with_a_warning(write_jsonl) -> None:
    """Answers never use an article published after their as-of day: one dated 2031 (a typo for
    2021, say) would sit unused for years without a word."""
    path = write_jsonl(
        "feed.jsonl",
        [
            {"id": "typo", "published": "2031-01-05", "text": "The Perth water plan was approved on Monday."},
            {"id": "fine", "published": "2023-01-05", "text": "The harbour ferry was cancelled on Friday."},
        ],
    )
    result = run("ingest", str(path))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        f"Warning: 1 article is dated after today: no answer uses it before its day (check its date): "
        f"'typo' ({path}:1, 2031-01-05)"
    )
    again = run("ingest", str(path), "--json")  # unchanged now, but still dated after today
    assert json.loads(again.stdout)["unchanged"] == 2
    assert "Warning: 1 article is dated after today" in again.stderr
    two = write_jsonl("two.jsonl", [{"id": f"f{n}", "published": f"2030-02-0{n}", "text": "Later."} for n in (1, 2)])
    assert run("ingest", str(two)).stdout.splitlines()[-1] == (
        "Warning: 2 articles are dated after today: no answer uses them before their day (check their dates): "
        f"'f1' ({two}:1, 2030-02-01), 'f2' ({two}:2, 2030-02-02)"
    )
    assert "ferry" not in again.stderr


def test_page_bundles_are_one_article_each_and_a_bundle_of_the_same_name_is_a_warning(tmp_path: Path) -> None:
    """Hugo's posts/<slug>/index.md: the folder names the article, so a site's bundles are one
    article each, and a bundle folder of the same name in a later run warns as a file would."""
    site = tmp_path / "site" / "posts"
    for slug, text in (("ferry", "The harbour ferry was cancelled."), ("budget", "The budget passed.")):
        (site / slug).mkdir(parents=True)
        (site / slug / "index.md").write_text(f"---\ntitle: {slug}\ndate: 2023-02-03\n---\n{text}\n", encoding="utf-8")
    (site / "draft").mkdir()
    (site / "draft" / "index.md").write_text("---\ntitle: later\ndraft: true\n---\nNot yet.\n", encoding="utf-8")
    (site / "_index.md").write_text("---\ntitle: Posts\n---\nAll our posts.\n", encoding="utf-8")
    first = run("ingest", str(tmp_path / "site"))
    assert first.exit_code == 0, first.output
    assert "2 added, 0 updated, 0 unchanged, 0 failed" in first.stdout
    assert f"Skipped 1 draft (draft: true or published: false in the front matter): {site / 'draft' / 'index.md'}" in (
        first.stdout
    )
    # The section's list page is no article.
    assert f"Skipped 1 section page (Hugo's _index.md, which lists a section's articles): {site / '_index.md'}" in (
        first.stdout
    )
    other = tmp_path / "other" / "ferry" / "index.md"
    other.parent.mkdir(parents=True)
    other.write_text("---\ntitle: Ferry\ndate: 2023-03-01\n---\nA new ferry route opened.\n", encoding="utf-8")
    replaced = run("ingest", str(tmp_path / "other"))
    assert replaced.stdout.splitlines()[-1] == (
        f"Warning: {other.resolve()} replaced the article 'ferry' read earlier from "
        f"{(site / 'ferry' / 'index.md').resolve()} "
        "(the id is the file's name, or its folder's for an index.md: rename one to keep both)"
    )


def test_a_file_named_in_bytes_that_are_not_utf8_is_one_failure_and_the_rest_go_in(tmp_path: Path) -> None:
    """A probe's folder holding "café.txt" named in Latin-1 (as old archives and zips have it)
    stopped with a traceback, and its good files did not go in either."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    for day in (1, 2, 3):
        (folder / f"good{day}.txt").write_text(f"date 2023-04-0{day} Good article {day} about Ravenport trams.")
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as latin1:
        latin1.write(b"date 2023-04-09 An article about a cafe.")
    result = run("ingest", str(folder), "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["added"] == 3
    renamed = "the file's path is not valid UTF-8: rename it to ingest it"
    assert report["failed"] == [{"path": f"{folder}/caf\ufffd.txt", "line": None, "error": renamed}]


def test_delete_of_an_id_with_bytes_that_are_not_utf8_is_no_such_article(tiny: Path) -> None:
    run("ingest", str(tiny))
    result = run("ingest", "--delete", "t1\udcff")
    assert result.exit_code == 1 and "t1\ufffd: no article with this id in the index" in result.output, result.output


def test_an_article_with_no_date_is_written_with_a_warning(tmp_path: Path) -> None:
    """A probe's undated articles went in without a word, and were then never used as of their day;
    "Date: 2023-03-09" had been no date line but the title."""
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "oban.txt").write_text("Date: 2023-03-09\n\nOban's whisky festival opened.", encoding="utf-8")
    (tmp_path / "news" / "panda.txt").write_text("The Kappleton zoo named its red panda Ember.", encoding="utf-8")
    written = run("ingest", str(tmp_path / "news"), "--json")
    assert json.loads(written.stdout)["added"] == 2
    assert written.stderr.splitlines()[-1] == (
        "Warning: 1 article has no date: a question asked as of an earlier day (--as-of) never uses it (give a "
        f'date: a first line "date YYYY-MM-DD", or "published" in JSON): \'panda\' ({tmp_path / "news" / "panda.txt"})'
    )
    # "Date:" only as "date" is read, with the date first: another form is the article's own line.
    (tmp_path / "news" / "memo.txt").write_text("Date: 05/01/2023\nThe council met on Monday.", encoding="utf-8")
    memo = run("ingest", str(tmp_path / "news" / "memo.txt"), "--json")
    assert json.loads(memo.stdout)["added"] == 1 and "'memo'" in memo.stderr
    # Said of what a run writes: read again unchanged, nothing to say.
    assert "Warning" not in run("ingest", str(tmp_path / "news")).output
    answer = json.loads(run("ask", "What opened in Oban?", "--as-of", "2023-03-10", "--json").stdout)
    assert answer["citations"][0]["published"] == "2023-03-09"


def test_an_edited_record_without_an_id_is_warned_of(write_jsonl) -> None:
    """A newcomer edited one sentence of an id-less record and ingested the file again: the
    corrected version went in beside the first, with no word (an id-less record is known by its
    text). It is told now, with the first version's id to give it."""
    race = "The Capital Marathon's route now runs along the river. The race is on April 23."
    first = {"title": "Marathon route changes", "published": "2023-04-01", "text": race}
    other = {"title": "Ferry fares", "published": "2023-04-01", "text": "Fares rise in May."}
    assert run("ingest", str(write_jsonl("wire.jsonl", [first, other]))).exit_code == 0
    edited = {**first, "text": race.replace("April 23.", "April 23 and starts at 7 a.m.")}
    again = run("ingest", str(write_jsonl("wire.jsonl", [edited, other])), "--json")
    assert json.loads(again.stdout)["added"] == 1
    held_id, new_id = content_id(first["text"]), content_id(edited["text"])
    warnings = [line for line in again.stderr.splitlines() if line.startswith("Warning")]
    assert warnings == [
        f"Warning: {new_id!r} was written, but its title and day are those of the article {held_id!r} (an "
        "article without an id is known by its text, so an edited one is another): if it is the same article, "
        "give it that id to replace it, or delete one (newsdesk ingest --delete ID)"
    ], again.stderr
    # Another day's story of the same title, one with an id of its own, and another of the same
    # title, day and outlet in other words ("Letters to the editor", a review's) are no version of it.
    others = [
        {**first, "published": "2023-04-08", "text": "A week on."},
        {**first, "id": "m2", "text": "Own id."},
        {**first, "text": "Readers wrote in about the new bus lanes on Main Street, mostly against them."},
    ]
    told = run("ingest", str(write_jsonl("more.jsonl", others)))
    assert told.exit_code == 0 and "Warning" not in told.output, told.output
    # Undated too: an edit is warned of by its title alone (a second review's went in silently).
    undated = {"title": "Ferry timetable", "text": "The ferry leaves at 9 a.m. daily from Pier 4, the port said."}
    assert run("ingest", str(write_jsonl("ferry.jsonl", [undated]))).exit_code == 0
    moved = {**undated, "text": undated["text"].replace("9 a.m.", "10 a.m.")}
    warned = run("ingest", str(write_jsonl("ferry.jsonl", [moved])))
    assert f"its title is that of the article {content_id(undated['text'])!r}" in warned.output, warned.output


def test_an_article_at_the_address_of_another_is_written_with_a_warning(write_jsonl) -> None:
    """A probe's copy of an article under another id went in without a word, and the correction of
    one of them left the other's first version quoted."""
    url = "https://news.example/2023/04/01/glimmer"
    first = {"id": "dup-1", "url": url, "published": "2023-04-01", "text": "The tower was repainted teal."}
    assert run("ingest", str(write_jsonl("orig.jsonl", [first]))).exit_code == 0
    copies = [
        {**first, "id": "dup-1-copy"},
        {**first, "id": "dup-1-tracked", "url": f"{url}?utm_source=x"},
        {**first, "id": "other", "url": "https://news.example/2023/04/02/other", "text": "Another story."},
    ]
    written = run("ingest", str(write_jsonl("copies.jsonl", copies)), "--json")
    assert json.loads(written.stdout)["added"] == 3  # an administrator's to keep
    warnings = [line for line in written.stderr.splitlines() if line.startswith("Warning")]
    assert warnings == [
        f"Warning: {copy!r} was written, but its address is that of the article 'dup-1', “The tower was "
        "repainted teal”: if it is the same article, give it that id to replace it, or delete one "
        "(newsdesk ingest --delete ID)"
        for copy in ("dup-1-copy", "dup-1-tracked")
    ]
    # Two of one run at one address, neither held before.
    twins = [{**first, "id": "a", "url": "https://x.example/p"}, {**first, "id": "b", "url": "http://www.x.example/p/"}]
    both = run("ingest", str(write_jsonl("twins.jsonl", twins)))
    assert "Warning: 'b' was written, but its address is that of the article 'a', read from" in both.stdout
    # Read again unchanged, neither is written, and nothing is said (a review's warned every run).
    again = run("ingest", str(write_jsonl("twins.jsonl", twins)), str(write_jsonl("copies.jsonl", copies)))
    assert "0 added, 0 updated, 5 unchanged" in again.stdout and "Warning" not in again.output
    # The held article itself, updated at its own address, is no copy.
    assert "Warning" not in run("ingest", str(write_jsonl("fix.jsonl", [{**first, "text": "Orange."}]))).output


def test_ctrl_c_before_an_ingest_starts_is_said_in_json(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A probe's Ctrl-C while the model loaded printed Click's bare "Aborted!", and no JSON."""
    import newsdesk.providers

    def interrupted(settings: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(newsdesk.providers, "build_embedding", interrupted)
    (tmp_path / "a.txt").write_text("date 2023-01-02 The ferry sailed.", encoding="utf-8")
    result = run("ingest", str(tmp_path / "a.txt"), "--json")
    assert (result.exit_code, json.loads(result.stdout)) == (130, {"error": "interrupted"})
    assert result.stderr == "Error: interrupted\n"


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs Linux's /sys, which no one may write")
def test_an_index_folder_that_cannot_be_written_is_named_without_a_traceback(monkeypatch) -> None:
    """A tester's index on a read-only mount (or at /sys) stopped `stats`, `ask` and `ingest` with
    a PermissionError's traceback, and printed no JSON."""
    monkeypatch.setenv("NEWSDESK_INDEX__PATH", "/sys")
    for args in (("stats", "--json"), ("ask", "Who won?", "--json"), ("ingest", "-", "--json")):
        result = run(*args, input="date 2023-03-01 The ferry was cancelled.")
        assert result.exit_code == 1, result.output
        error = json.loads(result.stdout.splitlines()[-1])["error"]
        assert error.startswith("the index at /sys cannot be used: Operation not permitted"), error


def test_a_full_disk_is_told_as_such():
    """tantivy reports a write that failed under it as a ValueError from its writer thread (a
    tester's full disk mid-ingest): told as the disk's, not a bug's."""
    from newsdesk.command import storage_failure

    full = OSError(errno.ENOSPC, "No space left on device", "/index/chroma.sqlite3")
    assert storage_failure(full) == "No space left on device (/index/chroma.sqlite3)"
    killed = ValueError("An error occurred in a thread: 'An index writer was killed.. (io::Error most likely)'")
    assert storage_failure(killed).startswith("writing the keyword index failed, most likely for a full disk")
    assert storage_failure(ValueError("a bug")) is None
    assert storage_failure(FileNotFoundError(errno.ENOENT, "No such file", "x")) is None


def test_an_index_that_may_not_be_written_is_told_as_such(tmp_path: Path) -> None:
    """A tester's read-only index folder ended `ingest` in a traceback: SQLite's "attempt to write a
    readonly database", raised through Chroma, was no error the command knew."""
    from newsdesk.command import storage_failure

    sqlite3.connect(tmp_path / "db.sqlite3").execute("CREATE TABLE t (x)").connection.commit()
    read_only = sqlite3.connect(f"file:{tmp_path / 'db.sqlite3'}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as refused:
        read_only.execute("INSERT INTO t VALUES (1)")
    read_only.close()
    told = storage_failure(refused.value)
    assert told == "no permission to write it, or a read-only disk (attempt to write a readonly database)"


def test_an_article_an_earlier_version_gave_another_id_is_replaced_not_doubled(tmp_path: Path) -> None:
    """Ids changed for an "id" of 0 (a hash of the text before) and for an id-less text with Windows
    line ends (hashed before they were made "\\n"): re-ingested after the upgrade, a review's feed
    was held twice. The article held under the former id is replaced."""
    from ingest.readers import content_id

    windows = "The ferry was cancelled.\r\nIt runs again on Monday."
    zero = "The bridge reopened on Tuesday."
    # As the earlier version stored them: under the hash of the text as given.
    before = tmp_path / "before.jsonl"
    before.write_text(
        json.dumps({"id": content_id(windows), "text": windows})
        + "\n"
        + json.dumps({"id": content_id(zero), "text": zero})
        + "\n",
        encoding="utf-8",
    )
    assert json.loads(run("ingest", str(before), "--json").stdout)["added"] == 2
    after = tmp_path / "after.jsonl"
    after.write_text(
        json.dumps({"text": windows}) + "\n" + json.dumps({"id": 0, "text": zero}) + "\n", encoding="utf-8"
    )
    report = json.loads(run("ingest", str(after), "--json").stdout)
    assert (report["added"], report["updated"]) == (0, 2), report
    assert json.loads(run("stats", "--json").stdout)["articles"] == 2
    again = json.loads(run("ingest", str(after), "--json").stdout)
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 2)


def test_delete_by_an_address_with_other_tracking_parameters(write_jsonl) -> None:
    """A review's: "--delete …?utm_source=other" found no article stored at "…?utm_source=news"."""
    feed = [{"id": "t5", "text": "The station got lifts.", "url": "https://www.quarry.example/lifts?utm_source=news"}]
    run("ingest", str(write_jsonl("tracked.jsonl", feed)))
    result = run("ingest", "--delete", "https://quarry.example/lifts?utm_source=other")
    assert result.stdout.startswith("Deleted 1 article."), result.stdout


def test_a_text_file_saved_twice_is_warned_of(tmp_path: Path) -> None:
    """A librarian's byte-identical "cannery-fire (1).txt" went in as a second article without a
    word, and when the first was corrected (60 firefighters to 75) answers went on quoting the copy."""
    story = "date 2023-03-05\nFire at the cannery\n\nAbout 60 firefighters fought the blaze."
    first, copy = tmp_path / "first", tmp_path / "downloads"
    first.mkdir(), copy.mkdir()
    (first / "cannery-fire.txt").write_text(story, encoding="utf-8")
    assert run("ingest", str(first)).exit_code == 0
    (copy / "cannery-fire (1).txt").write_text(story, encoding="utf-8")
    warned = run("ingest", str(copy))
    assert "1 added" in warned.stdout
    assert (
        "Warning: 'cannery-fire (1)' was written, but it is a copy of the article 'cannery-fire' (the same title, "
        "date, outlet, address and text): if it is the same article, give it that id to replace it, or delete one "
        "(newsdesk ingest --delete ID)"
    ) in warned.stdout
    # Read again unchanged, nothing is said; two copies new to the index are told of too.
    assert "Warning" not in run("ingest", str(copy), str(first)).output
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    for name in ("b.txt", "a.txt"):
        (fresh / name).write_text("date 2023-03-07\nBus\n\nThe bus is late.", encoding="utf-8")
    told = run("ingest", str(fresh))
    assert "2 added" in told.stdout and "it is a copy of the article" in told.stdout
    # Read together, the name a copy is saved under is the copy's, whichever is read first (a review's).
    pair = tmp_path / "pair"
    pair.mkdir()
    for name in ("pier-fire (1).txt", "pier-fire.txt"):
        (pair / name).write_text("date 2023-03-08\nPier fire\n\nThe pier burned.", encoding="utf-8")
    assert (
        "Warning: 'pier-fire (1)' was written, but it is a copy of the article 'pier-fire'"
        in run("ingest", str(pair)).stdout
    )
