"""`newsdesk ask` and `newsdesk chat` run as a user would (Click's CliRunner)."""

import json

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
    assert set(first) == {"n", "article_id", "title", "source", "url", "published", "quote"}
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


def test_ask_rejects_a_bad_as_of_date():
    result = CliRunner().invoke(cli, ["ask", "anything", "--as-of", "31/01/2023"])
    assert result.exit_code == 2
    assert result.output == "Error: --as-of: bad date '31/01/2023' (expected YYYY-MM-DD)\n"


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


def test_run_without_a_token_says_how_to_fix_it():
    result = CliRunner().invoke(cli, ["run"])
    assert result.exit_code == 2
    assert "DISCORD_TOKEN is not set" in result.output
