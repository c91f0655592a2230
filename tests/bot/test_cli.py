"""`newsdesk ask` and `newsdesk chat` run as a user would (Click's CliRunner): exact output and exit codes."""

import gzip
import io
import json
import os
import re
import subprocess

import pytest
from click.testing import CliRunner
from rich.console import Console

from ingest.store import ArticleStore
from newsdesk.cli import cli
from newsdesk.settings import load_settings
from tests.reliability.helpers import NEWSDESK

SAMPLE_A, SAMPLE_B = "000_5b110fb79ad57658", "003_1e6e512ebb72dbb0"
TITLE_A = "U.S. Secretary of State Antony Blinken is heading to Egypt, Israel, and the West Bank in…"
TITLE_B = "U.S. Secretary of State Antony Blinken is wrapping up a two-day visit to Israel and the…"
SOURCE_A = f"{TITLE_A} (id {SAMPLE_A}) — 2023-01-26"
SOURCE_B = f"{TITLE_B} (id {SAMPLE_B}) — 2023-01-31"
MEETS_ABBAS = (
    "U.S. Secretary of State Antony Blinken (L) meets with Palestinian leader Mahmoud Abbas in Ramallah on Tuesday."
)
SECURITY = (
    "In Ramallah, Blinken was expected to discuss the Palestinian Authority’s decision to halt security "
    "coordination with Israel."
)
MET_ABBAS = (
    "Blinken met Palestinian leader Mahmoud Abbas in Ramallah on Tuesday, a day after seeing Israeli Prime "
    "Minister Benjamin Netanyahu."
)
CAIRO = (
    "In Cairo, the secretary of state will meet with Egyptian President Abdel Fattah el-Sisi and Foreign Minister "
    "Sameh Shoukry to advance the U.S.-Egypt strategic partnership, discuss shared support for elections in Libya "
    "and the ongoing Sudanese-led political process."
)
STATUS_QUO = (
    "“He also will discuss the importance of upholding the historic status quo the Haram al-Sharif/Temple Mount "
    "in Jerusalem, in words and in actions.”"
)
RAMALLAH = "Who did Blinken meet in Ramallah?"
WRAPPING_UP = (
    "U.S. Secretary of State Antony Blinken is wrapping up a two-day visit to Israel and the West Bank on Tuesday "
    "with renewed appeals for Israeli-Palestinian calm amid an alarming spike of violence."
)
RAMALLAH_ANSWER = f"“{MET_ABBAS}” [1] “{MEETS_ABBAS}” [1] “{SECURITY}” [1] “{WRAPPING_UP}” [1]"
SEARCHED = "articles up to 2023-02-02, recent ones preferred"
HELP = (
    "Newsdesk — Ask about the indexed news. Follow-up questions keep the conversation's context.\n"
    "Commands: /as-of YYYY-MM-DD (answer as of that day; /as-of alone returns to the chat's starting day), "
    "/sources or “more” (passages behind the last answer; /sources 2 or “source 2”, behind its source [2]), "
    "/new (forget the conversation; /new QUESTION starts a new one with it), "
    "/quit.\n"
)


@pytest.fixture
def runner(sample_dir) -> CliRunner:
    """A CliRunner over an index of the two sample articles."""
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(sample_dir), "--json"])
    assert result.exit_code == 0, result.output
    return runner


def test_ask_json_is_the_answer_with_its_citations_and_passages(runner, sample_dir):
    result = runner.invoke(cli, ["ask", RAMALLAH, "--as-of", "2023-02-02", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == [
        "question",
        "answer",
        "abstained",
        "declined_because",
        "date_range",
        "searched",
        "as_of",
        "notice",
        "mode",
        "citations",
        "passages",
        "latency_ms",
    ]
    latency_ms, passages = data.pop("latency_ms"), data.pop("passages")
    assert data == {
        "question": RAMALLAH,
        "answer": RAMALLAH_ANSWER,
        "abstained": False,
        "declined_because": None,
        "date_range": None,
        "searched": SEARCHED,
        "as_of": "2023-02-02",
        "notice": None,
        "mode": "extractive",
        "citations": [
            {
                "n": 1,
                "article_id": SAMPLE_B,
                "title": TITLE_B,
                "source": None,
                "url": None,
                "published": "2023-01-31",
                "quote": MET_ABBAS,
                "also_in": [],
            }
        ],
    }
    assert isinstance(latency_ms, float) and latency_ms > 0
    # Which chunks come back, in which order, is fixed by the input; their scores are the
    # model's arithmetic, so only their form is checked (four decimals at most).
    assert [(p["article_id"], p["published"]) for p in passages] == [(SAMPLE_B, "2023-01-31")] * 3 + [
        (SAMPLE_A, "2023-01-26")
    ] * 2
    texts = {path.stem: path.read_text(encoding="utf-8") for path in sample_dir.iterdir()}
    for passage in passages:
        assert list(passage) == ["article_id", "published", "score", "text", "background"]
        assert passage["background"] is False  # no period named: every article up to as_of was read
        assert isinstance(passage["score"], float) and round(passage["score"], 4) == passage["score"]
        assert passage["text"] in texts[passage["article_id"]]


def test_ask_json_date_range_for_a_time_expression(runner):
    result = runner.invoke(cli, ["ask", "Where was Blinken heading this week?", "--as-of", "2023-01-27", "--json"])
    data = json.loads(result.output)
    assert data["date_range"] == ["2023-01-20", "2023-01-27"]
    assert [c["article_id"] for c in data["citations"]] == [SAMPLE_A]


def test_ask_json_marks_the_passage_read_from_before_the_period(runner):
    result = runner.invoke(cli, ["ask", "Who did Blinken see on Monday?", "--as-of", "2023-02-02", "--json"])
    data = json.loads(result.output)
    [earlier] = [p for p in data["passages"] if p["background"]]
    assert earlier["published"] < data["date_range"][0] and data["passages"].index(earlier) == 2
    assert data["searched"].endswith("and one earlier passage for background")


def test_ask_json_date_range_for_from_and_to(runner):
    """--from/--to name a period as "this week" does; --to alone has no first day."""
    question = ["ask", "Where was Blinken heading?", "--as-of", "2023-02-02", "--json"]
    both = json.loads(runner.invoke(cli, [*question, "--from", "2023-01-20", "--to", "2023-01-27"]).output)
    assert both["date_range"] == ["2023-01-20", "2023-01-27"]
    assert json.loads(runner.invoke(cli, [*question, "--to", "2023-01-27"]).output)["date_range"] is None


def test_ask_text_output_lists_sources_and_range(runner):
    result = runner.invoke(cli, ["ask", RAMALLAH, "--as-of", "2023-02-02"])
    assert (result.exit_code, result.output) == (
        0,
        f"{RAMALLAH_ANSWER}\n\nSources:\n[1] {SOURCE_B}\n\nSearched: {SEARCHED}\n",
    )


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
    assert json.loads(result.stdout)["date_range"] == date_range


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--outlet", ""], "Error: An outlet is blank: name one, e.g. cnn.com.\n"),
        (["--outlet", "cnn.com", "--outlet", "  "], "Error: An outlet is blank: name one, e.g. cnn.com.\n"),
        # An address with no site in it (a tester's had read "No articles from ;").
        (["--outlet", "http://"], "Error: An outlet is blank: name one, e.g. cnn.com.\n"),
        (
            ["--from", "2023-03-01", "--as-of", "2023-02-01"],
            "Error: The range starts after the as-of day: from 2023-03-01 is after 2023-02-01.\n",
        ),
    ],
)
def test_filters_that_can_match_nothing_are_a_clear_error(args, message):
    result = CliRunner().invoke(cli, ["ask", "Who won?", *args])
    assert (result.exit_code, result.exception is None or isinstance(result.exception, SystemExit)) == (2, True)
    assert result.output.endswith(message)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        # Click refuses these before the command runs ...
        (
            ["ask", "Who won?", "--as-of", "2023-02-30", "--json"],
            "Invalid value for '--as-of': bad date '2023-02-30' (no such day)",
        ),
        (["stats", "--json", "--bogus"], "No such option '--bogus'."),
        # ... and the command refuses these.
        (["ask", "  ", "--json"], "Ask a question, e.g. “Who did Blinken meet in Ramallah?”"),
        (["ask", "--json"], 'give either a QUESTION or --batch FILE, e.g. newsdesk ask "Who won the Super Bowl?"'),
        (["ask", "Who won?", "--outlet", "", "--json"], "An outlet is blank: name one, e.g. cnn.com."),
        (["ingest", "--json"], "give at least one PATH to ingest (or --delete ID)"),
        (["timeline", "--json"], None),  # its own error, whatever the wording: still JSON
    ],
)
def test_an_error_asked_for_as_json_is_json_on_standard_output(args, message):
    """A script reading `--json` gets {"error": …} where it reads, and the person still sees
    `Error: …` on standard error."""
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert list(json.loads(result.stdout)) == ["error"]
    if message is not None:
        assert error == message
    assert result.stderr.endswith(f"Error: {error}\n")


def test_an_error_without_json_leaves_standard_output_empty():
    result = CliRunner().invoke(cli, ["ask", "Who won?", "--as-of", "2023-02-30"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith("Error: Invalid value for '--as-of': bad date '2023-02-30' (no such day)\n")


def test_ask_on_an_empty_index_abstains(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSDESK_INDEX__PATH", str(tmp_path))
    result = CliRunner().invoke(cli, ["ask", "Who won?", "--as-of", "2023-02-01", "--json"])
    assert result.exit_code == 0
    assert result.stderr.startswith(f"Warning: the index at {tmp_path} holds no articles")
    data = json.loads(result.stdout)
    assert isinstance(data.pop("latency_ms"), float)
    assert data == {
        "question": "Who won?",
        "answer": "The indexed articles don't cover this (articles up to 2023-02-01, recent ones preferred): "
        "the index holds no articles yet.",
        "abstained": True,
        "declined_because": "the index holds no articles yet",
        "date_range": None,
        "searched": "articles up to 2023-02-01, recent ones preferred",
        "as_of": "2023-02-01",
        "notice": None,
        "mode": "extractive",
        "citations": [],
        "passages": [],
    }


def test_chat_answers_follow_ups_and_cites_them(runner):
    # "thanks" between the two is said, not asked: it is not searched, nor taken as a turn.
    conversation = f"/as-of 2023-02-02\n{RAMALLAH}\nthanks\nWhat did he discuss there?\n/quit\n"
    result = runner.invoke(cli, ["chat"], input=conversation)
    assert (result.exit_code, result.output) == (
        0,
        HELP + "Answering as of 2023-02-02.\n"
        f"{RAMALLAH_ANSWER}\n  [1] {SOURCE_B}\nSearched: {SEARCHED}\n"
        "Ask another question, or /quit.\n"
        # "there" is still Ramallah: what he was to discuss there; then what else he was to
        # discuss, before whom he met there, which the last answer told (SAID_BEFORE_PENALTY).
        f"“{SECURITY}” [1] “{STATUS_QUO}” [2] “{MET_ABBAS}” [1]\n"
        "Note: Read as a follow-up about Blinken, Ramallah.\n"
        f"  [1] {SOURCE_B}\n  [2] {SOURCE_A}\n"
        f"Searched: {SEARCHED}\n",
    )


def test_chat_a_new_subject_announced_forgets_the_story(runner):
    """A review's "different question:" alone had answered the story again; what comes after it is
    about something else, and "What did he discuss there?" points back at nothing."""
    conversation = f"/as-of 2023-02-02\n{RAMALLAH}\ndifferent question:\nWhat did he discuss there?\n/quit\n"
    result = runner.invoke(cli, ["chat"], input=conversation)
    assert result.exit_code == 0
    after = result.output.split("Ask another question, or /quit.\n", 1)[1]
    assert "“he” refers to nothing asked before" in after, after
    assert "Read as a follow-up" not in after


def test_chat_piped_is_not_wrapped_so_links_stay_whole(runner):
    # Not on a terminal rich would assume 80 columns and break long lines, links included.
    result = runner.invoke(cli, ["chat"], input=f"/as-of 2023-02-02\n{RAMALLAH}\n/quit\n")
    assert result.exit_code == 0
    assert f"{RAMALLAH_ANSWER}\n  [1] {SOURCE_B}\n" in result.output


def test_chat_as_of_before_the_chats_from_is_refused(runner):
    """A tester's `/as-of 2023-01-01` in a chat started `--from 2023-02-01` was accepted, and every
    question after it failed with "The range starts after the as-of day"."""
    chat = ["chat", "--from", "2023-02-01", "--as-of", "2023-03-01"]
    result = runner.invoke(cli, chat, input=f"/as-of 2023-01-01\n{RAMALLAH}\n/quit\n")
    assert result.exit_code == 0, result.output
    assert "/as-of: The range starts after the as-of day: from 2023-02-01 is after 2023-01-01." in result.output
    assert "Answering as of 2023-01-01" not in result.output
    assert "Searched: articles up to 2023-03-01; published from 2023-02-01" in result.output  # the chat's own day


def test_chat_sources_lists_the_passages_of_the_last_answer(runner):
    result = runner.invoke(cli, ["chat"], input=f"/as-of 2023-02-02\n{RAMALLAH}\n/sources\n/quit\n")
    assert result.exit_code == 0, result.output
    answer = f"{RAMALLAH_ANSWER}\n  [1] {SOURCE_B}\nSearched: {SEARCHED}\n"
    listing = result.output.removeprefix(HELP + "Answering as of 2023-02-02.\n" + answer)
    store = ArticleStore(load_settings(None).index)
    chunk = {(meta["article_id"], meta["position"]): text for _, text, meta in store.chroma.iter_chunks()}

    # Each chunk behind the answer under its title, day and score (the model's arithmetic, so not pinned).
    expected = [
        (TITLE_B, "2023-01-31", chunk[SAMPLE_B, 0]),
        (TITLE_B, "2023-01-31", chunk[SAMPLE_B, 1]),
        (TITLE_B, "2023-01-31", chunk[SAMPLE_B, 4]),
        (TITLE_A, "2023-01-26", chunk[SAMPLE_A, 2]),
        (TITLE_A, "2023-01-26", chunk[SAMPLE_A, 3]),
    ]
    # Under its source's number, "·" for an article the answer does not cite (a probe's "/sources 1"
    # listed "2. …", numbered by rank).
    marks = ["[1]", "[1]", "[1]", "·", "·"]
    assert re.sub(r"score 0\.\d\d\)", "score S)", listing) == "".join(
        f"{mark} {title} ({day}, score S)\n{text}\n" for mark, (title, day, text) in zip(marks, expected, strict=True)
    )


def test_chat_sources_n_lists_the_passages_of_source_n(runner):
    # A probe typed "/sources 2" after an answer citing [2]: "Unknown command /sources".
    typed = f"/as-of 2023-02-02\n{RAMALLAH}\n/sources 1\n/sources [2]\n/sources ²\n/quit\n"
    result = runner.invoke(cli, ["chat"], input=typed)
    assert result.exit_code == 0, result.output
    answer = f"{RAMALLAH_ANSWER}\n  [1] {SOURCE_B}\nSearched: {SEARCHED}\n"
    listing = result.output.removeprefix(HELP + "Answering as of 2023-02-02.\n" + answer)
    # Source [1] is the Blinken article: its three passages.
    shown = re.findall(r"^(\[\d\]|·) (.+) \(2023-\d\d-\d\d, score", listing, re.MULTILINE)
    assert shown == [("[1]", TITLE_B)] * 3, listing
    assert listing.endswith(
        "No source [2]: the last answer cites only [1].\nNo source ²: the last answer cites only [1].\n"
    ), listing  # "²" is a digit to str.isdigit, and no number to int (a review's)


def test_chat_tell_me_more_about_a_source_lists_its_passages(runner):
    # A probe's "tell me more about the second source" was searched as a question, and quoted a
    # 2022 documentary on "sources"; "more" was read as "more Casey Casey Anthony Director".
    typed = f"/as-of 2023-02-02\n{RAMALLAH}\ntell me more about source 1\nmore\nthe second source\n/quit\n"
    result = runner.invoke(cli, ["chat"], input=typed)
    assert result.exit_code == 0, result.output
    answer = f"{RAMALLAH_ANSWER}\n  [1] {SOURCE_B}\nSearched: {SEARCHED}\n"
    listing = result.output.removeprefix(HELP + "Answering as of 2023-02-02.\n" + answer)
    shown = re.findall(r"^(\[\d\]|·) (.+) \(2023-\d\d-\d\d, score", listing, re.MULTILINE)
    # Source [1]'s three passages, then all five behind the answer, as /sources 1 and /sources list them.
    assert shown == [("[1]", TITLE_B)] * 6 + [("·", TITLE_A)] * 2, listing
    assert listing.endswith("No source 2: the last answer cites only [1].\n"), listing


def test_chat_new_forgets_the_sources_too(runner):
    result = runner.invoke(cli, ["chat"], input=f"/as-of 2023-02-02\n{RAMALLAH}\n/new\n/sources\n/quit\n")
    assert (result.exit_code, result.output) == (
        0,
        HELP + "Answering as of 2023-02-02.\n"
        f"{RAMALLAH_ANSWER}\n  [1] {SOURCE_B}\nSearched: {SEARCHED}\n"
        "Started a new conversation, still as of 2023-02-02 (/as-of to change it).\n"
        "No answer yet: ask a question first.\n",
    )


def test_chat_new_with_a_question_starts_the_new_conversation_with_it(runner):
    """A review's "/new who did Blinken meet?" forgot the conversation and dropped the question."""
    chat = f"/AS-OF 2023-02-02\nWho is Netanyahu?\n/NEW {RAMALLAH}\n/Quit\n"  # any case (a probe's "/NEW")
    result = runner.invoke(cli, ["chat"], input=chat)
    assert result.exit_code == 0
    started = "Started a new conversation, still as of 2023-02-02 (/as-of to change it).\n"
    # Answered as a first question: no follow-up of the Netanyahu one.
    assert result.output.endswith(f"{started}{RAMALLAH_ANSWER}\n  [1] {SOURCE_B}\nSearched: {SEARCHED}\n")


def test_chat_new_followed_by_commands_asks_nothing(runner):
    """A review's "/new /new … who won" ended the chat in a RecursionError."""
    result = runner.invoke(cli, ["chat"], input="/new " * 1200 + "who won\n/quit\n")
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert result.output.endswith("Started a new conversation.\n")


def test_chat_commands_are_their_first_word_and_a_near_miss_is_named(runner):
    """A probe's "/quit now" and "/new now" were unknown commands, and "/asof" got no hint."""
    result = runner.invoke(cli, ["chat"], input=f"/asof 2023-02-02\n/new now\n/quit now\n{RAMALLAH}\n")
    assert result.exit_code == 0
    assert result.output.startswith(HELP + "Unknown command /asof. Did you mean /as-of?")
    assert result.output.endswith("Started a new conversation.\n")  # and quit: the question is never asked


def test_chat_ctrl_c_during_a_search_drops_that_question_not_the_chat(runner):
    from bot.chat import run_chat
    from bot.service import build_services

    answers = build_services(load_settings(None)).answers

    class CtrlCOnTheFirstQuestion:
        """The real answer service; the user presses Ctrl-C while the first question is searched."""

        pressed = False

        def answer_stream(self, *args):
            if not self.pressed:
                self.pressed = True
                raise KeyboardInterrupt
            yield from answers.answer_stream(*args)

    lines = iter(["/as-of 2023-02-02", "Who won the Super Bowl?", RAMALLAH, "/quit"])
    terminal = io.StringIO()
    try:
        run_chat(CtrlCOnTheFirstQuestion(), lambda: next(lines), Console(file=terminal, soft_wrap=True), None, 3)
    except KeyboardInterrupt:  # fail this test, not the whole run
        pytest.fail("Ctrl-C during a search ended the chat")
    # The stopped question is no turn of the conversation: the next is answered on its own.
    assert terminal.getvalue() == (
        HELP + "Answering as of 2023-02-02.\n"
        "\nStopped. Ask another question, or /quit.\n"
        f"{RAMALLAH_ANSWER}\n  [1] {SOURCE_B}\nSearched: {SEARCHED}\n"
    )


def test_ask_on_a_mistyped_index_path_says_where_it_looked(tmp_path, monkeypatch, sample_dir):
    # The answer is the empty index's decline, and standard error names the path, every time:
    # the first run made the folder.
    monkeypatch.setenv("NEWSDESK_INDEX__PATH", str(tmp_path / "index"))
    assert CliRunner().invoke(cli, ["ingest", str(sample_dir)]).exit_code == 0
    mistyped = tmp_path / "indx"
    monkeypatch.setenv("NEWSDESK_INDEX__PATH", str(mistyped))
    for _ in range(2):
        result = CliRunner().invoke(cli, ["ask", RAMALLAH, "--as-of", "2023-02-01", "--json"])
        assert result.exit_code == 0
        assert json.loads(result.stdout)["declined_because"] == "the index holds no articles yet"
        assert result.stderr == (
            f"Warning: the index at {mistyped} holds no articles (set by [index] in the config file or "
            "NEWSDESK_INDEX__*); add some with: newsdesk ingest PATH\n"
        )
    monkeypatch.setenv("NEWSDESK_INDEX__PATH", str(tmp_path / "index"))
    found = CliRunner().invoke(cli, ["ask", RAMALLAH, "--as-of", "2023-02-01", "--json"])
    assert found.stderr == "" and not json.loads(found.stdout)["abstained"]


def test_chat_as_of_alone_returns_to_the_day_the_chat_started_with(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSDESK_INDEX__PATH", str(tmp_path))  # an empty index
    conversation = "/as-of 2023-01-27\nWho won?\n/as-of 2023-02-31\n/as-of\nWho won?\n/quit\n"
    result = CliRunner().invoke(cli, ["chat", "--as-of", "2023-02-02"], input=conversation)
    declined = "The indexed articles don't cover this (articles up to {day}, recent ones preferred): the index "
    declined += "holds no articles yet.\nSearched: articles up to {day}, recent ones preferred\n"
    assert result.stderr.startswith(f"Warning: the index at {tmp_path} holds no articles")
    assert (result.exit_code, result.stdout) == (
        0,
        HELP
        + "Answering as of 2023-01-27.\n"
        + declined.format(day="2023-01-27")
        + "/as-of: bad date '2023-02-31' (no such day)\n"
        + "Answering as of 2023-02-02 again, the chat's --as-of.\n"  # not today
        + declined.format(day="2023-02-02"),
    )


def test_run_without_a_token_says_how_to_fix_it():
    result = CliRunner().invoke(cli, ["run"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "Error: DISCORD_TOKEN is not set; export your bot token (or use `newsdesk chat` in the terminal)\n",
    )


def _batch_lines(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]  # warnings go to stderr


def test_a_batch_outlet_of_the_wrong_type_says_what_it_takes(runner):
    lines = '{"question": "Who?", "outlet": 5}\n{"question": "Who?", "outlet": ["cnn.com", 3]}\n'
    result = runner.invoke(cli, ["ask", "--batch", "-"], input=lines)
    error = 'outlet: must be an outlet (a string such as "cnn.com") or a list of them'
    expected = [{"line": 1, "question": "Who?", "error": error}, {"line": 2, "question": "Who?", "error": error}]
    # How many failed, where a person reads it (the exit code alone had said nothing, a probe's).
    assert result.stderr == 'Warning: 2 lines of the batch failed (see their "error" fields)\n'

    assert (result.exit_code, _batch_lines(result)) == (1, expected)


def test_a_batch_key_mistyped_is_refused_and_others_are_ignored(runner):
    lines = (
        '{"question": "Who?", "asof": "2023-02-02", "Outlet": "cnn.com"}\n'
        '{"question": "Who?", "outlets": ["cnn.com"]}\n'
        '{"id": "q7", "question": "Who did Blinken meet in Ramallah?", "as_of": "2023-02-02", "source": "x"}\n'
        '{"question_id": 7, "question": "Who did Blinken meet in Ramallah?", "as_of": "2023-02-02", "top": 3}\n'
    )
    result = runner.invoke(cli, ["ask", "--batch", "-"], input=lines)
    first, second, third, fourth = _batch_lines(result)
    assert first == {
        "line": 1,
        "question": "Who?",
        "error": 'unknown key "asof" (did you mean "as_of"?); unknown key "Outlet" (did you mean "outlet"?)',
    }
    assert second == {"line": 2, "question": "Who?", "error": 'unknown key "outlets" (did you mean "outlet"?)'}
    assert third["answer"] == fourth["answer"] == RAMALLAH_ANSWER  # the caller's own keys are left alone


def test_ask_batch_answers_each_line_and_reports_the_bad_ones(runner, tmp_path):
    batch = tmp_path / "questions.jsonl"
    batch.write_bytes(
        b"\xef\xbb\xbf"  # a byte-order mark, as some editors write
        + json.dumps({"id": "q1", "question": RAMALLAH, "as_of": "2023-02-02"}).encode()
        + b'\n{"question": "Who met Blinken?", "as_of": "caf\xe9"}\n'  # Latin-1, not UTF-8
        + b"\n"  # blank: skipped
        + b'{"question": "Where is Blinken heading?", "as_of": "2023-02-02", "to": "2023-01-27"}\n'
        + b'{"question": "Who won?", "as_of": "2023-02-30"}\n'
        + b"[1, 2]\n"
        + b'{"as_of": "2023-02-02"}\n'
        + b"{not json\n"
        + b'{"question": "Who won?", "as_of": "2023-02-02"\n'  # the closing brace is missing
        + b"[" * 100_000
        + b"\n"
        + b'{"question": "Who won?", "as_of": "2023-02-02", "n": '
        + b"9" * 5_000
        + b"}\n"
        + b'{"question": "Who won \\ud800?"}\n'
        + json.dumps({"question": "Where is Blinken heading?", "as_of": "2023-02-02"}).encode()
        + b"\n"
    )
    result = runner.invoke(cli, ["ask", "--batch", str(batch)])
    assert result.exit_code == 1, result.output
    lines = _batch_lines(result)
    assert [line["line"] for line in lines] == [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]
    first, _, period = lines[0], lines[1], lines[2]
    assert first["answer"] == RAMALLAH_ANSWER and first["as_of"] == "2023-02-02"
    assert isinstance(first["latency_ms"], float)
    # The line's own "to" keeps out the article of 2023-01-31.
    assert {c["article_id"] for c in period["citations"]} == {SAMPLE_A}
    assert [line.get("error") for line in lines] == [
        None,
        "not UTF-8 text (byte 47 of the line)",
        None,
        "as_of: bad date '2023-02-30' (no such day)",
        'expected a JSON object such as {"question": "Who won?", "as_of": "2023-02-01"}',
        'no "question" key (the line has "as_of")',  # {"q": …} says so too
        "bad JSON: Expecting property name enclosed in double quotes (column 2)",
        "bad JSON: Expecting ',' delimiter (column 47)",  # where the line ends, not column 1
        "bad JSON: nested too deeply",
        "bad JSON: a number too long to read",
        "bad JSON: a lone surrogate escape (\\ud800-\\udfff) is not text",
        None,  # the lines after them are still answered
    ]


def test_a_batch_of_questions_in_plain_text_is_answered(runner, tmp_path):
    # A probe's text file of questions, one a line, had every line refused as bad JSON.
    batch = tmp_path / "questions.txt"
    # A comment line is skipped (a probe's "# questions of the week" was answered); a hashtag is a question.
    batch.write_text(
        f"# questions of the week\n{RAMALLAH}\n\n  {json.dumps(RAMALLAH)}\n  #\n{{not json\n#MeToo founder?\n"
        "# of people killed in the Maui fire?\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["ask", "--batch", str(batch), "--as-of", "2023-02-02"])
    assert result.exit_code == 1, result.output  # the line opening an object is bad JSON
    lines = _batch_lines(result)
    assert [line["line"] for line in lines] == [2, 4, 6, 7, 8]
    assert lines[3]["question"] == "#MeToo founder?"
    assert lines[4]["question"] == "# of people killed in the Maui fire?"  # "number of", a review's
    assert lines[0]["question"] == lines[1]["question"] == RAMALLAH
    assert lines[0]["answer"] == lines[1]["answer"] == RAMALLAH_ANSWER
    assert lines[2]["error"].startswith("bad JSON")


def test_a_gzipped_batch_is_read_as_ingest_reads_one(runner, tmp_path):
    line = json.dumps({"question": RAMALLAH, "as_of": "2023-02-02"}).encode() + b"\n"
    whole = gzip.compress(line * 2)
    (tmp_path / "questions.jsonl.gz").write_bytes(whole)
    result = runner.invoke(cli, ["ask", "--batch", str(tmp_path / "questions.jsonl.gz")])
    assert [answer["answer"] for answer in _batch_lines(result)] == [RAMALLAH_ANSWER] * 2
    assert result.exit_code == 0
    piped = runner.invoke(cli, ["ask", "--batch", "-"], input=whole)
    assert [answer["answer"] for answer in _batch_lines(piped)] == [RAMALLAH_ANSWER] * 2
    cut = runner.invoke(cli, ["ask", "--batch", "-"], input=whole[:-12])  # its end lost in a copy
    answered = [json.loads(line) for line in cut.stdout.splitlines()]
    error = "the batch file is not a valid gzip file: Compressed file ended before the end-of-stream marker was reached"
    assert answered[-1] == {"error": error} and cut.stderr == f"Error: {error}\n"
    assert cut.exit_code != 0


def test_a_batch_in_utf16_is_read_as_ingest_reads_one(runner, tmp_path):
    """Notepad's "Unicode": a probe's line 1 was refused as not UTF-8 and line 2 answered as a
    question spelt with NULs."""
    line = json.dumps({"question": RAMALLAH, "as_of": "2023-02-02"}) + "\r\n"
    (tmp_path / "questions.jsonl").write_bytes((line * 2).encode("utf-16"))
    result = runner.invoke(cli, ["ask", "--batch", str(tmp_path / "questions.jsonl")])
    assert [answer["answer"] for answer in _batch_lines(result)] == [RAMALLAH_ANSWER] * 2
    assert result.exit_code == 0
    # Without a byte-order mark, as some tools write it, either way round: a tester's questions
    # were asked spelt with NULs.
    for encoding in ("utf-16-le", "utf-16-be"):
        (tmp_path / "bare.txt").write_bytes(f"{RAMALLAH}\n".encode(encoding))
        bare = runner.invoke(cli, ["ask", "--batch", str(tmp_path / "bare.txt"), "--as-of", "2023-02-02"])
        assert [answer["answer"] for answer in _batch_lines(bare)] == [RAMALLAH_ANSWER]
    # A NUL further on is that line's error, not a question.
    (tmp_path / "nul.txt").write_bytes(f"{RAMALLAH}\nWho\x00won?\n".encode())
    nul = runner.invoke(cli, ["ask", "--batch", str(tmp_path / "nul.txt"), "--as-of", "2023-02-02"])
    assert [line.get("error") for line in _batch_lines(nul)] == [
        None,
        "holds a NUL character: save the batch as UTF-8 text",
    ]


def test_ask_batch_echoes_the_callers_id(runner):
    # A batch answered out of sight is matched to its questions by id, not by counting lines.
    lines = (
        '{"id": "q7", "question": "Who did Blinken meet in Ramallah?", "as_of": "2023-02-02"}\n'
        '{"id": 8, "question": "Who won?", "as_of": "2023-02-30"}\n'
        '{"question": "Who did Blinken meet in Ramallah?", "as_of": "2023-02-02"}\n'
        '{"id": {"nested": 1}, "question": "Who did Blinken meet in Ramallah?", "as_of": "2023-02-02"}\n'
        '{"id": NaN, "question": "Who did Blinken meet in Ramallah?", "as_of": "2023-02-02"}\n'
        '{"id": true, "question": "Who did Blinken meet in Ramallah?", "as_of": "2023-02-02"}\n'
        '{"id": null, "question": "Who did Blinken meet in Ramallah?", "as_of": "2023-02-02"}\n'
    )
    result = runner.invoke(cli, ["ask", "--batch", "-"], input=lines)
    answered, bad, plain, odd, nan, true, null = _batch_lines(result)
    assert (answered["line"], answered["id"], answered["answer"]) == (1, "q7", RAMALLAH_ANSWER)
    assert answered["question"] == "Who did Blinken meet in Ramallah?"  # read without the file beside it
    # An error names the question too, for a reader of the output alone.
    assert bad == {"line": 2, "id": 8, "question": "Who won?", "error": "as_of: bad date '2023-02-30' (no such day)"}
    assert list(bad) == ["line", "id", "question", "error"] and list(answered)[:3] == ["line", "id", "question"]
    assert "id" not in plain and plain["answer"] == RAMALLAH_ANSWER
    # An id that cannot come back as it was sent is refused, not dropped: the caller could not
    # match the answer (NaN would come back as NaN, which strict JSON readers refuse).
    refused = {
        "question": "Who did Blinken meet in Ramallah?",
        "error": '"id" must be a string or a finite number, to be echoed with the answer',
    }
    assert (odd, nan, true) == ({"line": 4, **refused}, {"line": 5, **refused}, {"line": 6, **refused})
    assert "id" not in null and null["answer"] == RAMALLAH_ANSWER  # null: no id
    assert result.exit_code == 1


def test_a_batch_question_too_long_is_echoed_cut_short_with_its_error(runner):
    line = json.dumps({"question": "x" * 2_000_000}) + "\n"
    result = runner.invoke(cli, ["ask", "--batch", "-"], input=line)
    (record,) = _batch_lines(result)
    assert record["error"] == "That question is too long (2000000 characters; the limit is 1000)."
    assert record["question"] == "x" * 1000 + "…"


@pytest.mark.parametrize("given", ["", "\n  \n"])
def test_an_empty_batch_says_it_holds_no_questions(runner, given):
    result = runner.invoke(cli, ["ask", "--batch", "-"], input=given)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == (
        "Warning: the batch holds no questions: "
        'one question a line, as text or as a JSON object like {"question": "…"}\n'
    )


def test_ask_batch_warns_of_an_id_used_twice(runner):
    line = '{"id": "a1", "question": "Who did Blinken meet in Ramallah?", "as_of": "2023-02-02"}\n'
    result = runner.invoke(cli, ["ask", "--batch", "-"], input=line * 2)
    assert [answer["id"] for answer in map(json.loads, result.stdout.splitlines())] == ["a1", "a1"]
    assert result.stderr.splitlines() == ['Warning: line 2 has the id of line 1, "a1"']
    assert result.exit_code == 0


def test_ask_batch_takes_the_command_lines_filters_unless_a_line_gives_its_own(runner, tmp_path):
    batch = tmp_path / "questions.jsonl"
    batch.write_text(
        json.dumps({"question": "Where is Blinken heading?", "as_of": "2023-02-02"})
        + "\n"
        + json.dumps({"question": RAMALLAH, "as_of": "2023-02-02", "to": "2023-02-02"})
        + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["ask", "--batch", str(batch), "--to", "2023-01-27"])
    assert result.exit_code == 0, result.output
    narrowed, own = _batch_lines(result)
    assert {c["article_id"] for c in narrowed["citations"]} == {SAMPLE_A}
    assert own["answer"] == RAMALLAH_ANSWER


def test_a_batch_line_clears_the_command_lines_filter_with_null(runner):
    """A probe's line with "outlet": null was still narrowed to --outlet; a question of the wrong
    type was told in pydantic's words."""
    lines = (
        json.dumps({"question": RAMALLAH, "as_of": "2023-02-02", "outlet": None})
        + "\n"
        + json.dumps({"question": RAMALLAH, "as_of": "2023-02-02"})
        + '\n{"question": 123}\n'
    )
    result = runner.invoke(cli, ["ask", "--batch", "-", "--outlet", "nytimes.com"], input=lines)
    cleared, narrowed, wrong = _batch_lines(result)
    assert cleared["answer"] == RAMALLAH_ANSWER and "nytimes.com" not in cleared["searched"]
    assert narrowed["abstained"] and narrowed["searched"].endswith("from nytimes.com")
    assert wrong == {"line": 3, "error": "question: must be a string"}
    # A null as_of is no day given: the command line's stands (a review's).
    dated = runner.invoke(
        cli, ["ask", "--batch", "-", "--as-of", "2023-02-02"], input=json.dumps({"question": RAMALLAH, "as_of": None})
    )
    assert _batch_lines(dated)[0]["as_of"] == "2023-02-02"


def test_ask_dash_reads_the_question_from_standard_input(runner):
    """As `ingest -` and `--batch -` do; before, "-" itself was the question."""
    typed = runner.invoke(cli, ["ask", RAMALLAH, "--as-of", "2023-02-02"])
    piped = runner.invoke(cli, ["ask", "-", "--as-of", "2023-02-02"], input=RAMALLAH.encode() + b"\n")
    assert piped.exit_code == 0 and piped.output == typed.output
    assert RAMALLAH_ANSWER in piped.output
    # Bytes that are no UTF-8 are not a traceback.
    broken = runner.invoke(cli, ["ask", "-", "--as-of", "2023-02-02"], input=b"Who did \xff\xfe meet?\n")
    assert broken.exit_code == 0 and "Traceback" not in broken.output
    assert "Warning" not in piped.stderr
    # Two questions piped are answered as one, with a word on --batch (a probe's ran together).
    two = runner.invoke(cli, ["ask", "-", "--as-of", "2023-02-02"], input=f"{RAMALLAH}\nWhere was he?\n".encode())
    assert "answers one a line" in two.stderr
    # Read as --batch and ingest read text: UTF-16, and Windows-1252's bytes (a probe's UTF-16
    # question was declined as in another language, "café" read "caf\ufffd").
    utf16 = runner.invoke(cli, ["ask", "-", "--as-of", "2023-02-02"], input=RAMALLAH.encode("utf-16"))
    assert utf16.exit_code == 0 and utf16.output == typed.output
    windows = runner.invoke(
        cli, ["ask", "-", "--as-of", "2023-02-02", "--json"], input=b"Who did Blinken meet at the caf\xe9?"
    )
    assert json.loads(windows.stdout)["question"] == "Who did Blinken meet at the café?"
    short = runner.invoke(cli, ["ask", "-", "--as-of", "2023-02-02", "--json"], input=b"caf\xe9")
    assert json.loads(short.stdout)["question"] == "café"  # too short to tell its encoding (a review's)
    # Binary data is no question: refused, not answered (a probe's random bytes were).
    for data in (bytes(range(256)), bytes(range(1, 256)), bytes(range(128, 256)) * 3):  # with NULs or without
        binary = runner.invoke(cli, ["ask", "-", "--json"], input=data)
        assert binary.exit_code == 2 and "no question in text" in json.loads(binary.stdout)["error"], data[:8]


def test_arguments_with_bytes_that_are_not_utf8_are_asked_not_a_traceback(runner):
    """A terminal of another encoding passes such bytes as lone surrogates ("\\udcff"): a probe's
    question, timeline topic and --outlet each ended in a traceback (the tokenizer, tantivy)."""
    broken = "Who did Blinken meet in \udcff\udcfe Ramallah?"
    asked = runner.invoke(cli, ["ask", broken, "--as-of", "2023-02-02", "--json"], catch_exceptions=False)
    assert asked.exit_code == 0 and json.loads(asked.stdout)["citations"], asked.output
    outlet = runner.invoke(cli, ["ask", RAMALLAH, "--as-of", "2023-02-02", "--outlet", "cnn\udcff"])
    assert outlet.exit_code == 0 and "No articles from cnn\ufffd" in outlet.output, outlet.output
    topic = runner.invoke(cli, ["timeline", "Blinken \udcff", "--as-of", "2023-02-02"], catch_exceptions=False)
    assert topic.exit_code == 0 and "Blinken" in topic.output, topic.output


def test_a_chat_line_with_bytes_that_are_not_utf8_does_not_end_the_chat(runner):
    """In the C locale standard input reads such a byte as a lone surrogate: a probe's chat ended
    there with a traceback, and the questions after it were never answered. A real process, as
    CliRunner decodes its input itself."""
    conversation = b"/as-of 2023-02-02\nWhat did \xff Blinken do?\n" + RAMALLAH.encode() + b"\n/quit\n"
    result = subprocess.run(
        [str(NEWSDESK), "chat"], input=conversation, env={**os.environ, "LC_ALL": "C"}, capture_output=True, timeout=120
    )
    output = result.stdout.decode()
    assert result.returncode == 0 and "Traceback" not in result.stderr.decode(), result.stderr.decode()
    assert RAMALLAH_ANSWER in output, output


def test_chat_greeting_or_help_is_told_what_the_chat_does_and_is_no_turn(runner):
    # A probe's "hi" then "what can you do" was declined as "a follow-up about Hi".
    conversation = f"/as-of 2023-02-02\nhi\nwhat can you do?\n{RAMALLAH}\n/quit\n"
    result = runner.invoke(cli, ["chat"], input=conversation)
    told = HELP.removeprefix("Newsdesk — ")
    assert (result.exit_code, result.output) == (
        0,
        HELP
        + "Answering as of 2023-02-02.\n"
        + told
        + told
        + f"{RAMALLAH_ANSWER}\n  [1] {SOURCE_B}\nSearched: {SEARCHED}\n",
    )
