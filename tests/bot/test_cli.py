"""`newsdesk ask` and `newsdesk chat` run as a user would (Click's CliRunner)."""

import json

import pytest
from click.testing import CliRunner

from newsdesk.cli import cli


def ingest_samples(runner: CliRunner, sample_dir) -> None:
    result = runner.invoke(cli, ["ingest", str(sample_dir), "--json"])
    assert result.exit_code == 0, result.output


def test_ask_json_cites_the_ramallah_article(sample_dir):
    runner = CliRunner()
    ingest_samples(runner, sample_dir)
    result = runner.invoke(cli, ["ask", "Who did Blinken meet in Ramallah?", "--as-of", "2023-02-02", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"answer", "abstained", "date_range", "citations", "passages"}
    assert data["abstained"] is False
    assert data["date_range"] is None
    first = data["citations"][0]
    assert set(first) == {"n", "article_id", "title", "source", "url", "published", "quote", "also_in"}
    assert first["n"] == 1
    assert first["article_id"] == "003_1e6e512ebb72dbb0"
    assert first["published"] == "2023-01-31"
    assert first["source"] is None and first["url"] is None
    assert "Abbas" in data["answer"]
    assert all(set(p) == {"article_id", "published", "score", "text"} for p in data["passages"])
    assert all(p["published"] <= "2023-02-02" for p in data["passages"])


def test_ask_json_date_range_for_a_time_expression(sample_dir):
    runner = CliRunner()
    ingest_samples(runner, sample_dir)
    result = runner.invoke(cli, ["ask", "Where was Blinken heading this week?", "--as-of", "2023-01-27", "--json"])
    data = json.loads(result.output)
    assert data["date_range"] == ["2023-01-20", "2023-01-27"]
    assert [c["article_id"] for c in data["citations"]] == ["000_5b110fb79ad57658"]


def test_ask_text_output_lists_sources_and_range(sample_dir):
    runner = CliRunner()
    ingest_samples(runner, sample_dir)
    result = runner.invoke(cli, ["ask", "Who did Blinken meet in Ramallah?", "--as-of", "2023-02-02"])
    assert result.exit_code == 0
    body, sources, searched = result.output.rstrip("\n").split("\n\n")
    assert body.endswith("[1]")
    assert sources.startswith("Sources:\n[1] ")
    assert "(id 003_1e6e512ebb72dbb0) — 2023-01-31" in sources
    assert searched == "Searched: articles up to 2023-02-02, recent ones preferred"


@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        ("31/01/2023", "bad date '31/01/2023' (expected YYYY-MM-DD)"),
        ("2023-02-01xyz", "bad date '2023-02-01xyz' (expected YYYY-MM-DD)"),  # was read as 2023-02-01
        ("2023-02-30", "bad date '2023-02-30' (no such day)"),
        ("9999-12-31", "date 9999-12-31 is out of range (use a day from 1900-01-01 to 9998-12-31)"),
        ("0001-01-03", "date 0001-01-03 is out of range (use a day from 1900-01-01 to 9998-12-31)"),
    ],
)
@pytest.mark.parametrize("command", ["ask", "chat"])
def test_a_bad_as_of_date_is_a_clear_error(command, as_of, message):
    args = [command, "anything"] if command == "ask" else [command]
    result = CliRunner().invoke(cli, [*args, "--as-of", as_of], input="/quit\n")
    assert result.exit_code == 2
    assert result.output.endswith(f"Error: Invalid value for '--as-of': {message}\n")
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(
    ("question", "as_of", "date_range"),
    [
        ("What happened in the past 500 decades?", "2023-02-01", ["1900-01-01", "2023-02-01"]),  # was a traceback
        ("What happened this week?", "9998-12-31", ["9998-12-24", "9998-12-31"]),
        ("What happened since May?", "9998-06-15", ["9998-05-01", "9998-06-15"]),
        ("What happened in December?", "9998-12-31", ["9998-12-01", "9998-12-31"]),  # next one is in 9999
        ("What happened last week?", "1900-01-03", None),  # December 1899: before any day searched
    ],
)
def test_time_expressions_at_the_edges_of_the_calendar(question, as_of, date_range):
    result = CliRunner().invoke(cli, ["ask", question, "--as-of", as_of, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["date_range"] == date_range


def test_ask_on_an_empty_index_abstains():
    result = CliRunner().invoke(cli, ["ask", "Who won?", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["abstained"] is True and data["citations"] == [] and data["passages"] == []


def test_chat_answers_follow_ups_and_shows_sources(sample_dir):
    runner = CliRunner()
    ingest_samples(runner, sample_dir)
    conversation = "/as-of 2023-02-02\nWho did Blinken meet in Ramallah?\nWhat did he discuss there?\n/sources\n/quit\n"
    result = runner.invoke(cli, ["chat"], input=conversation)
    assert result.exit_code == 0, result.output
    assert "Answering as of 2023-02-02." in result.output
    assert result.output.count("[1] ") >= 2  # both answers cite
    assert "Abbas" in result.output
    assert "score" in result.output  # /sources lists the passages


def test_chat_as_of_alone_returns_to_the_day_the_chat_started_with():
    conversation = "/as-of 2023-01-27\nWho won?\n/as-of 2023-02-31\n/as-of\nWho won?\n/quit\n"
    result = CliRunner().invoke(cli, ["chat", "--as-of", "2023-02-02"], input=conversation)
    assert result.exit_code == 0, result.output
    assert "Answering as of 2023-01-27." in result.output
    assert "/as-of: bad date '2023-02-31' (no such day)" in result.output
    assert "Answering as of 2023-02-02 again, the chat's --as-of." in result.output  # not today
    searched = [line for line in result.output.splitlines() if line.startswith("Searched:")]
    assert [line.split(",")[0] for line in searched] == [
        "Searched: articles up to 2023-01-27",
        "Searched: articles up to 2023-02-02",
    ]


def test_run_without_a_token_says_how_to_fix_it():
    result = CliRunner().invoke(cli, ["run"])
    assert result.exit_code == 2
    assert "DISCORD_TOKEN is not set" in result.output
