"""Narrowing a question in Discord: /ask's from, to and outlet options (outlets autocompleted), and the
same words before a mention's question."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from newsroom import ALICE, BOB, GUILD, NEWS, review_rows, wait_for_answer
from support.fake_discord import FakeDiscord

from bot.discord.cogs.ask import (
    MentionOptions,
    outlet_choices,
    split_options,
    without_edge_mentions,
    without_mentions,
    without_own_name,
)
from bot.discord.errors import describe
from bot.discord.limits import escape_text
from bot.service import Services
from newsdesk.errors import InputError

QUESTION = "What happened to the Harbor Bridge?"
ARTICLES = [
    {
        "id": "bridge-closed",
        "title": "Harbor Bridge closed",
        "source": "elwingazette.com",
        "url": "https://elwingazette.com/bridge-closed",
        "published": "2023-01-20",
        "text": "Engineers closed the Harbor Bridge in Port Elwin on Friday after finding cracks in its steel "
        "supports. Drivers must use the northern ring road.",
    },
    {
        "id": "bridge-repairs",
        "title": "Money for the Harbor Bridge",
        "source": "bayreporter.com",
        "url": "https://bayreporter.com/bridge-repairs",
        "published": "2023-01-28",
        "text": "The Port Elwin council voted on Saturday to spend four million dollars repairing the Harbor Bridge. "
        "The work on the bridge starts next month.",
    },
]
ABSTAINED = 0xE67E22


@pytest.fixture
def sample_services(sample_services: Services) -> Services:
    """The sample articles (no outlet) and two about a bridge from two outlets."""
    lines = "".join(json.dumps(a) + "\n" for a in ARTICLES).encode()
    assert sample_services.ingestor.ingest_bytes(lines, "bridge.jsonl").added == 2
    return sample_services


def cited(message) -> list[str]:
    sources = next(f["value"] for e in message.embeds for f in e.get("fields", []) if f["name"] == "Sources")
    return [line.split("](")[1].split(")")[0] for line in sources.splitlines()]  # the linked urls


async def test_slash_ask_from_to_and_outlet_narrow_the_search(server: FakeDiscord, bot) -> None:
    ix = await server.send_slash_command(
        "ask", {"question": QUESTION, "as_of": "2023-02-01", "outlet": "bayreporter"}, user=BOB, channel_id=NEWS
    )
    answer = await wait_for_answer(server, interaction_id=ix.id)
    assert "; from bayreporter.com · " in answer.embeds[0]["footer"]["text"]
    footer = answer.embeds[0]["footer"]["text"]
    assert (
        footer == "Searched: articles up to 2023-02-01, recent ones preferred; from bayreporter.com · as of 2023-02-01"
    )

    ix = await server.send_slash_command(
        "ask",
        {"question": QUESTION, "as_of": "2023-02-01", "from": "2023-01-01", "to": "2023-01-25"},
        user=BOB,
        channel_id=NEWS,
    )
    answer = await wait_for_answer(server, interaction_id=ix.id)
    assert cited(answer) == ["https://elwingazette.com/bridge-closed"]
    assert "; published 2023-01-01 to 2023-01-25 ·" in answer.embeds[0]["footer"]["text"]


async def test_a_filter_that_matches_nothing_names_what_exists(server: FakeDiscord, bot) -> None:
    # An outlet with no article is refused to the asker alone: a probe's `outlet:foxnews.com` was
    # declined in the channel, and the decline opened a thread.
    start = len(server.messages)
    ix = await server.send_slash_command(
        "ask", {"question": QUESTION, "as_of": "2023-02-01", "outlet": "cnn.com"}, user=BOB, channel_id=NEWS
    )
    refusal = await server.wait_for_message(kind="interaction_response", interaction_id=ix.id)
    assert refusal.ephemeral
    assert (
        refusal.content == "No articles from cnn.com; the outlets in the index are: bayreporter.com, elwingazette.com."
    )
    assert not [m for m in server.messages[start:] if m.embeds]

    ix = await server.send_slash_command(
        "ask", {"question": QUESTION, "from": "2022-01-01", "to": "2022-12-31"}, user=BOB, channel_id=NEWS
    )
    answer = await wait_for_answer(server, interaction_id=ix.id)
    description = answer.embeds[0]["description"]
    assert "published 2022-01-01 to 2022-12-31" in description
    assert description.endswith("The indexed articles were published from 2023-01-20 to 2023-01-31.")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"from": "2023-02-30"}, "from: bad date '2023-02-30' (no such day)"),
        ({"as_of": "tomorrow"}, "as_of: bad date 'tomorrow' (expected YYYY-MM-DD)"),
        ({"as_of": "1492-10-12"}, "as_of: date 1492-10-12 is out of range (use a day from 1900-01-01 to 9998-12-31)"),
        ({"to": "31/01/2023"}, "to: bad date '31/01/2023' (expected YYYY-MM-DD)"),
        (
            {"from": "2023-02-01", "to": "2023-01-01"},
            "The date range is reversed: from 2023-02-01 is after to 2023-01-01.",
        ),
        # These two were public, after a public "thinking…".
        (
            {"as_of": "2023-01-27", "from": "2023-01-30"},
            "The range starts after the as-of day: from 2023-01-30 is after 2023-01-27.",
        ),
        ({"question": "   "}, "Ask a question, e.g. “Who did Blinken meet in Ramallah?”"),
        # Nothing to search for, in public (a security probe's): emoji, invisible characters.
        ({"question": "🔥🔥🔥"}, "Ask a question, e.g. “Who did Blinken meet in Ramallah?”"),
        ({"question": "\u200b\u200b\u200b"}, "Ask a question, e.g. “Who did Blinken meet in Ramallah?”"),
    ],
)
async def test_bad_dates_get_a_clear_ephemeral_reply(server: FakeDiscord, bot, options, message) -> None:
    ix = await server.send_slash_command("ask", {"question": QUESTION, **options}, user=BOB, channel_id=NEWS)
    reply = await server.wait_for_message(kind="interaction_response", interaction_id=ix.id)
    # Escaped as all shown text is: Discord shows "as\_of" as "as_of".
    assert reply.ephemeral and reply.content == escape_text(message)
    assert not [m for m in server.messages if m.embeds]
    assert review_rows(bot.settings, "SELECT * FROM entries") == []


async def test_a_refused_question_does_not_use_up_the_rate_limit(server: FakeDiscord, bot) -> None:
    reversed_range = {"question": QUESTION, "from": "2023-02-01", "to": "2023-01-01"}
    for _ in range(bot.settings.discord.rate_limit_count + 1):
        ix = await server.send_slash_command("ask", reversed_range, user=BOB, channel_id=NEWS)
        reply = await server.wait_for_message(kind="interaction_response", interaction_id=ix.id)
        assert reply.content.startswith("The date range is reversed")
    ix = await server.send_slash_command(
        "ask", {"question": QUESTION, "as_of": "2023-02-01"}, user=BOB, channel_id=NEWS
    )
    assert (await server.wait_for_callback(ix)).type == 5  # "thinking…": answered, not rate-limited


async def test_day_options_are_registered_as_text(server: FakeDiscord, bot) -> None:
    # The transformers read the days; Discord still shows plain text boxes for them.
    for command in ("ask", "timeline"):
        options = {o["name"]: o for o in server.commands[GUILD][command]["options"]}
        assert [(options[n]["type"], options[n].get("required", False)) for n in ("as_of", "from", "to")] == [
            (3, False)
        ] * 3


async def test_outlets_are_autocompleted_from_the_index(server: FakeDiscord, bot) -> None:
    ask = server.commands[GUILD]["ask"]
    assert next(o for o in ask["options"] if o["name"] == "outlet")["autocomplete"] is True

    async def choices(typed: str) -> list[str]:
        data = {
            "id": ask["id"],
            "name": "ask",
            "type": 1,
            "guild_id": str(GUILD),
            "options": [
                {"type": 3, "name": "question", "value": QUESTION},
                {"type": 3, "name": "outlet", "value": typed, "focused": True},
            ],
        }
        # An APPLICATION_COMMAND_AUTOCOMPLETE interaction (type 4); the fake server has no helper for it.
        ix = await server._interact(4, data, server._user(ALICE), NEWS, GUILD)
        callback = await server.wait_for_callback(ix)
        assert callback.type == 8  # APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
        return [c["value"] for c in callback.data["choices"]]

    assert await choices("") == ["bayreporter.com", "elwingazette.com"]
    assert await choices("ELW") == ["elwingazette.com"]
    assert await choices("reporter") == ["bayreporter.com"]
    assert await choices("nytimes") == []


async def test_a_mention_takes_the_same_words_before_its_question(server: FakeDiscord, bot) -> None:
    asked = await server.send_message(
        NEWS,
        ALICE,
        f"{server.bot.mention} as of 2023-02-01: from 2023-01-01 to 2023-01-25 outlet:elwingazette {QUESTION}",
    )
    answer = await wait_for_answer(server)
    assert cited(answer) == ["https://elwingazette.com/bridge-closed"]
    assert answer.embeds[0]["title"] == QUESTION
    assert server.channels[int(asked["id"])]["name"] == QUESTION  # the thread is named after the question only
    (row,) = review_rows(bot.settings, "SELECT question, as_of, date_range_label FROM entries")
    assert tuple(row) == (
        QUESTION,
        "2023-02-01",
        "articles up to 2023-02-01; published 2023-01-01 to 2023-01-25; from elwingazette.com",
    )


async def test_follow_ups_in_a_thread_keep_its_outlet_and_dates(server: FakeDiscord, bot) -> None:
    asked = await server.send_message(
        NEWS, ALICE, f"{server.bot.mention} as of 2023-02-01: outlet:elwingazette {QUESTION}"
    )
    assert cited(await wait_for_answer(server)) == ["https://elwingazette.com/bridge-closed"]
    thread_id = int(asked["id"])
    # Asked alone, this is the Bay Reporter's story; in the thread, only the Elwin Gazette is read.
    start = len(server.messages)
    await server.send_message(thread_id, ALICE, "How much will the council spend repairing it?")
    answer = await wait_for_answer(server, start=start)
    assert answer.channel_id == thread_id
    assert "from elwingazette.com" in answer.embeds[0]["footer"]["text"]
    assert "bayreporter.com" not in json.dumps(answer.embeds)
    rows = review_rows(bot.settings, "SELECT filters FROM entries ORDER BY id")
    assert [json.loads(r["filters"]) for r in rows] == [{"from": None, "to": None, "outlets": ["elwingazette.com"]}] * 2
    # A follow-up that names its own outlet is read with it.
    start = len(server.messages)
    await server.send_message(thread_id, ALICE, "outlet:bayreporter How much will the council spend repairing it?")
    answer = await wait_for_answer(server, start=start)
    assert "; from bayreporter.com · " in answer.embeds[0]["footer"]["text"]


async def test_a_follow_up_asking_for_a_period_of_its_own_is_not_held_to_the_threads_dates(
    server: FakeDiscord, bot
) -> None:
    asked = await server.send_message(
        NEWS, ALICE, f"{server.bot.mention} as of 2023-02-01: from 2023-01-25 to 2023-01-31 {QUESTION}"
    )
    assert cited(await wait_for_answer(server)) == ["https://bayreporter.com/bridge-repairs"]
    start = len(server.messages)
    await server.send_message(int(asked["id"]), ALICE, "What happened to the Harbor Bridge on January 20?")
    answer = await wait_for_answer(server, start=start)
    # Held to Jan 25–31, it was "no article matches the filters".
    assert cited(answer) == ["https://elwingazette.com/bridge-closed"], answer.embeds


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ("from 2023-13-01", "from: bad date '2023-13-01' (no such day)"),
        ("from 2023-02-01 to 2023-01-01", "The date range is reversed: from 2023-02-01 is after to 2023-01-01."),
    ],
)
async def test_bad_dates_in_a_mention_are_explained(server: FakeDiscord, bot, words, message) -> None:
    await server.send_message(NEWS, ALICE, f"{server.bot.mention} {words} {QUESTION}")
    reply = await server.wait_for_message(kind="channel")
    assert reply.content == message and reply.channel_id == NEWS


@pytest.mark.parametrize(
    ("text", "options"),
    [
        ("Who won?", MentionOptions("Who won?")),
        (
            "from 2023-07-01 to 2023-07-15 outlet:cnn.com who won?",
            MentionOptions("who won?", None, date(2023, 7, 1), date(2023, 7, 15), ("cnn.com",)),
        ),
        (
            "outlet: apnews.com, outlet:cnn To 2023-07-15: As of 2023-08-01, who won?",
            MentionOptions("who won?", date(2023, 8, 1), None, date(2023, 7, 15), ("apnews.com", "cnn")),
        ),
        # Words that only look like an option stay in the question.
        ("To whom did Blinken speak from 2023?", MentionOptions("To whom did Blinken speak from 2023?")),
        ("from Monday to Friday, what happened?", MentionOptions("from Monday to Friday, what happened?")),
        # "as of" may also come last (read as a period from that day, it cited later articles).
        ("Who did Blinken meet? as of 2023-01-27", MentionOptions("Who did Blinken meet?", date(2023, 1, 27))),
        ("Who did Blinken meet? (as of 2023-01-27)", MentionOptions("Who did Blinken meet?", date(2023, 1, 27))),
        ("What does as of 2023 mean?", MentionOptions("What does as of 2023 mean?")),
        ("as of today: who won?", MentionOptions("who won?", date.today())),  # a thread's day given back
        ("who is the speaker, as of today?", MentionOptions("who is the speaker?", date.today())),
        # A probe's forms, each read as a day-long period with the as-of day today, which cited later news.
        ("Hey as of 2023-10-20: Who ousted McCarthy?", MentionOptions("Who ousted McCarthy?", date(2023, 10, 20))),
        (": as of 2023-10-20: Who ousted McCarthy?", MentionOptions("Who ousted McCarthy?", date(2023, 10, 20))),
        ("hi, who ousted McCarthy as of 2023-10-20?", MentionOptions("who ousted McCarthy?", date(2023, 10, 20))),
        ("Who ousted McCarthy (as of 2023-10-20)?", MentionOptions("Who ousted McCarthy?", date(2023, 10, 20))),
        ('outlet:"The Week" who won?', MentionOptions("who won?", outlets=("The Week",))),
        ("outlet:“USA Today”, who won?", MentionOptions("who won?", outlets=("USA Today",))),
        # A greeting said before the question is no part of it (it was the answer's title too).
        ("Hey, who won?", MentionOptions("who won?")),
        ("Hello! Who won?", MentionOptions("Who won?")),
        ("So who won?", MentionOptions("So who won?")),  # no comma: maybe the question's own word
        ("Yo-Yo Ma played where?", MentionOptions("Yo-Yo Ma played where?")),
        ("Who won? as of 2023-10-01.", MentionOptions("Who won?", date(2023, 10, 1))),
        # "as of" with words, no day: the question's own ("As of last week" was refused as a bad date).
        ("As of last week, how many were released?", MentionOptions("As of last week, how many were released?")),
        ("As of the latest reports, who leads?", MentionOptions("As of the latest reports, who leads?")),
    ],
)
def test_split_options(text: str, options: MentionOptions) -> None:
    assert split_options(text) == options


def test_mentions_in_a_question_are_not_searched_for() -> None:
    """ "@everyone <@&1300…> who did Blinken meet" was declined: no article mentions 1300000000000000000."""
    text = "<@42> @everyone <@&1300000000000000000> <@!123> who did Blinken meet in <#99>?"
    assert without_mentions(text) == "who did Blinken meet in?"
    assert without_mentions("What did @here say?") == "What did say?"
    # No space is left before the punctuation after a mention, in a thread's name or an embed's title.
    assert without_mentions("Hey <@42>, who is Nikki Haley?") == "Hey, who is Nikki Haley?"
    assert without_mentions("What is .NET ?") == "What is .NET ?"  # only a mention's space goes


def test_mentions_opening_or_closing_a_question_are_who_it_is_shown_to() -> None:
    """A Discord probe's "Who won the Super Bowl? <@&Desk>" was declined: no article mentions
    "Desk", the role's name. Inside the question, a mention is who it asks about."""
    assert without_edge_mentions("Who won the Super Bowl? <@&123>") == "Who won the Super Bowl?"
    assert without_edge_mentions("Who won the Super Bowl? <@&1>, @here") == "Who won the Super Bowl?"
    assert without_edge_mentions("<@42> who won the Super Bowl?") == "who won the Super Bowl?"
    assert without_edge_mentions("What did <@42> say? cc <@&7>") == "What did <@42> say?"
    assert without_edge_mentions("What did <@42> say about the dam?") == "What did <@42> say about the dam?"
    # Not one the question asks about, before its mark or before "'s" (a review's).
    assert without_edge_mentions("what did the mayor tell <@42>") == "what did the mayor tell <@42>"
    assert without_edge_mentions("<@42>'s team won?") == "<@42>'s team won?"
    assert without_edge_mentions("<@42> said the dam would fail?") == "<@42> said the dam would fail?"
    # The bot's name typed, not picked, is no word of the question either (the probe's "@Newsdesk what
    # was the score?" was declined as no article mentioning "Newsdesk").
    assert without_own_name("@Newsdesk what was the score?", "Newsdesk") == "what was the score?"
    assert without_own_name("what was the score @newsdesk?", "Newsdesk") == "what was the score?"
    assert without_own_name("Mail desk@newsdesk.com?", "Newsdesk") == "Mail desk@newsdesk.com?"


def test_split_options_refuses_a_bad_day() -> None:
    with pytest.raises(InputError, match=r"^to: bad date '2023-07-15xyz' \(expected YYYY-MM-DD\)$"):
        split_options("to 2023-07-15xyz who won?")
    # Not read as words of the question ("Oct 1 2023" became the period searched); a day with two
    # readings, or no year, is refused.
    with pytest.raises(InputError, match=r"^as_of: bad date '10/1/2023' \(expected YYYY-MM-DD\)$"):
        split_options("as of 10/1/2023: who won?")
    with pytest.raises(InputError, match=r"^as_of: bad date 'March 3' \(expected YYYY-MM-DD\)$"):
        split_options("as of March 3: who won?")
    # No day: not today's (a review's "March 2023" read as March 4 on Dec 4).
    with pytest.raises(InputError, match=r"^as_of: bad date 'March 2023' \(expected YYYY-MM-DD\)$"):
        split_options("as of March 2023: who won?")
    # Words before a colon are a day too (a Discord probe's "as of tomorrow:" was asked as of today,
    # with "as of tomorrow:" in the question); yesterday is one.
    with pytest.raises(InputError, match=r"^as_of: bad date 'tomorrow' \(expected YYYY-MM-DD\)$"):
        split_options("as of tomorrow: who won?")
    with pytest.raises(InputError, match=r"^as_of: bad date 'last week'"):
        split_options("as of last week: who won?")
    yesterday = split_options("as of yesterday: who won?")
    assert yesterday.as_of == date.today() - timedelta(days=1) and yesterday.question == "who won?"
    assert split_options("As of last week, how many people died?").question == "As of last week, how many people died?"
    # "now" is today, and other words stay the question's (a review's "as of now:" was refused).
    assert split_options("as of now: who leads?").as_of == date.today()
    assert split_options("As of press time: who leads?").question == "As of press time: who leads?"


@pytest.mark.parametrize(
    "text",
    # A probe's "as of March 3, 2023:" was refused as "bad date 'March 3'".
    ["as of March 3, 2023: who won?", "as of Mar 3 2023, who won?", "as of 3 March 2023: who won?"],
)
def test_a_day_written_with_its_months_name_and_year_is_read(text: str) -> None:
    assert split_options(text) == MentionOptions("who won?", date(2023, 3, 3))
    # outlet:"The Week with no closing quote had searched the outlet '"The'.
    with pytest.raises(InputError, match=r'^outlet: the quote is not closed \(write outlet:"The Week"\)$'):
        split_options('outlet:"The Week who won?')
    with pytest.raises(InputError, match="quote is not closed"):
        split_options("as of 2023-10-01 outlet:“USA Today who won?")


def test_an_outlet_too_long_for_a_choice_is_left_out_of_them() -> None:
    """Discord refuses a whole autocomplete list with one choice over 100 characters (a probe's
    177-character outlet left every user without suggestions)."""
    long_name = "The " + "Very " * 40 + "Long Gazette"
    assert [c.value for c in outlet_choices(["bayreporter.com", long_name], "")] == ["bayreporter.com"]


def test_an_outlet_typed_as_its_name_is_offered() -> None:
    """A Discord probe's "The Week" got no choices, though /ask takes it as theweek.co.uk."""
    outlets = ["cnn.com", "theweek.co.uk", "usatoday.com"]
    assert [c.value for c in outlet_choices(outlets, "The Week")] == ["theweek.co.uk"]
    assert [c.value for c in outlet_choices(outlets, "week")] == ["theweek.co.uk"]
    assert [c.value for c in outlet_choices(outlets, "USA Today")] == ["usatoday.com"]


def test_an_error_quoting_outlets_is_shown_inert() -> None:
    """A probe's outlet "[evil](https://evil.example)" showed as a masked link in the refusal of an
    outlet with no articles, the one message that did not escape it."""
    refusal = InputError("No articles from zzz; the outlets in the index are: [evil](https://evil.example).")
    assert describe(refusal, "/ask") == (
        "No articles from zzz; the outlets in the index are: \\[evil\\](https://evil.example)."
    )
