"""`newsdesk timeline` and `newsdesk gaps`, run as a user would (Click's CliRunner)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest
from click.testing import CliRunner

from bot.review_log import AskContext, ReviewLog
from bot.service import build_services
from newsdesk.cli import cli
from newsdesk.settings import Settings

HEADING = "000_5b110fb79ad57658"
RAMALLAH = "003_1e6e512ebb72dbb0"


@pytest.fixture
def runner(sample_dir) -> CliRunner:
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(sample_dir), "--json"])
    assert result.exit_code == 0, result.output
    return runner


def test_timeline_text(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["timeline", "Blinken", "--as-of", "2023-02-01"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Timeline of “Blinken” (published 2023-01-26 to 2023-01-31)\n"
        "\n"
        "2023-01-26  “U.S. Secretary of State Antony Blinken is heading to Egypt, Israel, and the West Bank in the "
        "coming days, with Ukraine aid, growing Russia-Iran alignment, and the de-escalation of Israeli-Palestinian "
        "tensions high on his agenda.” [1] 2023-01-26\n"
        "2023-01-31  “U.S. Secretary of State Antony Blinken is wrapping up a two-day visit to Israel and the West "
        "Bank on Tuesday with renewed appeals for Israeli-Palestinian calm amid an alarming spike of violence.” [2] "
        "2023-01-31\n"
        "\n"
        "Sources:\n"
        "[1] U.S. Secretary of State Antony Blinken is heading to Egypt, Israel, and the West Bank in… "
        f"(id {HEADING}) — 2023-01-26\n"
        "[2] U.S. Secretary of State Antony Blinken is wrapping up a two-day visit to Israel and the… "
        f"(id {RAMALLAH}) — 2023-01-31\n"
    )


def test_timeline_json(runner: CliRunner, sample_dir) -> None:
    result = runner.invoke(cli, ["timeline", "Blinken", "--as-of", "2023-02-01", "--from", "2023-01-30", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"topic", "date_range", "entries", "notice"}
    assert (data["topic"], data["date_range"], data["notice"]) == ("Blinken", ["2023-01-30", "2023-01-31"], None)
    (entry,) = data["entries"]  # the 2023-01-26 article is before --from
    assert entry["date"] == "2023-01-31"
    (citation,) = entry["citations"]
    assert set(citation) == {
        "n",
        "article_id",
        "title",
        "source",
        "url",
        "published",
        "quote",
        "also_in",
    }  # as ask --json
    assert (citation["n"], citation["article_id"], citation["published"]) == (1, RAMALLAH, "2023-01-31")
    assert entry["text"] == f"“{citation['quote']}” [1]"
    article = " ".join((sample_dir / f"{RAMALLAH}.txt").read_text(encoding="utf-8").split())
    assert citation["quote"] in article


def test_timeline_of_an_unknown_topic(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["timeline", "Super Bowl", "--as-of", "2023-02-01"])
    assert result.exit_code == 0
    assert result.output == (
        "The indexed articles have nothing on “Super Bowl” (published 2023-01-26 to 2023-01-31).\n"
    )
    result = runner.invoke(cli, ["timeline", "Super Bowl", "--as-of", "2023-02-01", "--json"])
    assert json.loads(result.output) == {
        "topic": "Super Bowl",
        "date_range": ["2023-01-26", "2023-01-31"],
        "entries": [],
        "notice": "The indexed articles have nothing on “Super Bowl” (published 2023-01-26 to 2023-01-31).",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2023-02-30"], "Error: Invalid value for '--from': bad date '2023-02-30' (no such day)\n"),
        (
            ["--from", "2023-01-31", "--to", "2023-01-01"],
            "Error: The date range is reversed: from 2023-01-31 is after to 2023-01-01.\n",
        ),
        (["--from", "2023-03-01", "--as-of", "2023-02-01"], "Error: The range starts after the as-of day: "),
    ],
)
def test_timeline_bad_dates(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["timeline", "Blinken", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_gaps_of_an_empty_log(settings: Settings) -> None:
    result = CliRunner().invoke(cli, ["gaps"])
    assert (result.exit_code, result.stdout) == (
        0,
        "No gaps: no question asked on Discord was declined, and no answer there got a 👎.\n"
        "(The review log holds the questions asked on Discord; `newsdesk ask` and `chat` are not logged.)\n",
    )
    # Where it looked, since a mistyped NEWSDESK_REVIEW__PATH reads just like an empty log (a probe).
    warning = (
        f"Warning: there is no review log at {settings.review.path} (set by [review] in the config file or "
        "NEWSDESK_REVIEW__PATH); the bot writes it once it answers on Discord\n"
    )
    assert result.stderr == warning
    result = CliRunner().invoke(cli, ["gaps", "--json"])
    assert (result.exit_code, json.loads(result.stdout), result.stderr) == (0, {"groups": []}, warning)
    assert not settings.review.path.exists()  # reading it did not create it


def test_gaps_text_and_json(runner: CliRunner, settings: Settings) -> None:
    services = build_services(settings)
    review_log = ReviewLog(settings.review.path)
    for question in ["Who won the Super Bowl?", "Who did Blinken meet in Ramallah?", "What was the Super Bowl score?"]:
        review_log.record(services.answers.answer(question, date(2023, 2, 1)), AskContext(user_id=1))
    asked = [e.created_at for e in review_log.unanswered()]
    review_log.close()

    result = runner.invoke(cli, ["gaps"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "1 topic from 2 declined or 👎'd questions:\n"
        "\n"
        "1. 2 questions, not covered\n"
        f"   {asked[1][:10]}  What was the Super Bowl score? (as of 2023-02-01)\n"
        f"   {asked[0][:10]}  Who won the Super Bowl? (as of 2023-02-01)\n"
    )
    result = runner.invoke(cli, ["gaps", "--json"])
    assert json.loads(result.output) == {
        "groups": [
            {
                "size": 2,
                "covered": False,
                "questions": [
                    {"question": "Who won the Super Bowl?", "asked_at": asked[0], "as_of": "2023-02-01"},
                    {"question": "What was the Super Bowl score?", "asked_at": asked[1], "as_of": "2023-02-01"},
                ],
            }
        ]
    }


NOT_A_LOG = "is not a Newsdesk review log (it has no entries and feedback tables)"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.mkdir(), "is a folder: give the review log's file, e.g. var/review.sqlite3"),
        (lambda p: p.write_text("not a database"), "cannot be read as the review log: file is not a database"),
        # A probe's: a report must not write. Another database had review tables added; an empty
        # file became a log.
        (lambda p: p.write_bytes(b""), NOT_A_LOG),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE notes (x)").connection.commit(), NOT_A_LOG),
    ],
)
def test_gaps_with_an_unusable_review_path_is_a_clear_error(tmp_path, monkeypatch, make, message) -> None:
    path = tmp_path / "review.sqlite3"
    make(path)
    before = path.read_bytes() if path.is_file() else None
    monkeypatch.setenv("NEWSDESK_REVIEW__PATH", str(path))
    result = CliRunner().invoke(cli, ["gaps"])
    assert (result.exit_code, result.output) == (2, f"Error: review.path {path} {message}\n")
    assert before is None or path.read_bytes() == before
