"""/review latest (paged), /review export and /review gaps, for administrators only."""

from __future__ import annotations

import json

from newsroom import ALICE, BOB, GUILD, NEWS, OWNER, slash, wait_for_answer
from support.fake_discord import FakeDiscord, Perm, walk_components

from bot.discord.cogs.review import NOTHING_TO_EXPORT
from bot.gaps import NO_GAPS


async def ask_and_vote(server: FakeDiscord, question: str) -> None:
    start = len(server.messages)
    await server.send_message(NEWS, ALICE, f"{server.bot.mention} {question}")
    answer = await wait_for_answer(server, start=start)
    down = next(c for c in answer.custom_ids if ":vote:down:" in c)
    press = await server.press_button(answer, down, BOB)
    form = await server.wait_for_callback(press)  # 👎 asks why
    (comment,) = [c["custom_id"] for c in walk_components(form.data["components"]) if c.get("type") == 4]
    submitted = await server.submit_modal(press, {comment: f"Too vague: {question}"}, BOB)
    await server.wait_for_message(kind="interaction_response", interaction_id=submitted.id)


async def test_review_pages_show_questions_answers_citations_and_votes(
    server: FakeDiscord, start_bot, bot_settings
) -> None:
    one_per_page = bot_settings.model_copy(update={"review": bot_settings.review.model_copy(update={"page_size": 1})})
    await start_bot(one_per_page)
    assert int(server.commands[GUILD]["review"]["default_member_permissions"]) == Perm.ADMINISTRATOR
    await ask_and_vote(server, "Who did Blinken meet in Ramallah?")
    await ask_and_vote(server, "Where was Blinken heading?")

    ix = await server.send_slash_command("review latest", user=OWNER, channel_id=NEWS)
    page = await server.wait_for_message(kind="interaction_response", interaction_id=ix.id)
    assert page.ephemeral
    embed = page.embeds[0]
    assert embed["title"] == "Review log — page 1 of 2"
    field = embed["fields"][0]
    assert field["name"].startswith("#2 · ") and field["name"].endswith(" · alice")
    assert "**Q:** Where was Blinken heading?" in field["value"]
    assert "**Cited:** [1] U.S. Secretary of State" in field["value"] and "👍 0 · 👎 1" in field["value"]
    assert "Too vague: Where was Blinken heading?" in field["value"]

    older = next(c for c in page.custom_ids if c.endswith(":older"))
    press = await server.press_button(page, older, OWNER)
    turned = await server.wait_for_message(kind="edit", interaction_id=press.id)
    assert turned.id == page.id and turned.embeds[0]["title"] == "Review log — page 2 of 2"
    assert "**Q:** Who did Blinken meet in Ramallah?" in turned.embeds[0]["fields"][0]["value"]


async def test_review_is_for_administrators_only(server: FakeDiscord, bot) -> None:
    for command in ("review latest", "review export"):
        ix = await server.send_slash_command(command, user=ALICE, channel_id=NEWS)
        refusal = await server.wait_for_message(kind="interaction_response", interaction_id=ix.id)
        assert refusal.ephemeral
        assert refusal.content == "You need the Administrator permission to review questions and feedback."
    assert not any(m.embeds or m.attachments for m in server.messages)


async def test_review_export_attaches_json_lines(server: FakeDiscord, bot) -> None:
    await ask_and_vote(server, "Who did Blinken meet in Ramallah?")

    ix = await server.send_slash_command("review export", user=OWNER, channel_id=NEWS)
    reply = await server.wait_for_message(kind="followup", interaction_id=ix.id, timeout=10)
    assert reply.ephemeral and reply.content == "1 question, one JSON object per line."
    (file,) = reply.attachments
    assert file.name.startswith("newsdesk-review-") and file.name.endswith(".jsonl")
    records = [json.loads(line) for line in file.data.decode().splitlines()]
    assert len(records) == 1
    record = records[0]
    assert record["question"] == "Who did Blinken meet in Ramallah?" and record["user_name"] == "alice"
    assert record["citations"][0]["article_id"] == "003_1e6e512ebb72dbb0"
    assert record["feedback"]["down"] == 1 and record["feedback"]["votes"][0]["user_id"] == BOB
    assert record["feedback"]["votes"][0]["comment"] == "Too vague: Who did Blinken meet in Ramallah?"
    assert record["passages"] and "Abbas" in record["answer"]


async def test_review_shows_each_server_its_own_questions_only(server: FakeDiscord, start_bot) -> None:
    # One bot, one review log, two servers: a probe's second server read the first one's
    # questions, answers and user names with /review.
    other_guild, other_owner, other_news = GUILD + 10, OWNER + 10, NEWS + 10
    server.add_guild(other_guild, owner_id=other_owner, name="Elsewhere")
    server.add_channel(other_guild, other_news, "news")
    guilds = [GUILD, other_guild]
    await start_bot(sync_guild_ids=guilds, allowed_guild_ids=guilds, allowed_channel_ids=[NEWS, other_news])
    await server.wait_for_command_sync(other_guild)
    # A server with no questions gets a word, not an empty file (a Discord probe's 0-byte export).
    ix = await server.send_slash_command("review export", user=other_owner, channel_id=other_news)
    reply = await server.wait_for_message(kind="followup", interaction_id=ix.id, timeout=10)
    assert reply.content == NOTHING_TO_EXPORT and not reply.attachments

    for channel, user, question in [
        (NEWS, ALICE, "Who did Blinken meet in Ramallah?"),
        (other_news, other_owner, "Where was Blinken heading?"),
    ]:
        start = len(server.messages)
        await server.send_message(channel, user, f"{server.bot.mention} {question}")
        await wait_for_answer(server, start=start)

    for owner, channel, mine, theirs in [
        (OWNER, NEWS, "Who did Blinken meet in Ramallah?", "Where was Blinken heading?"),
        (other_owner, other_news, "Where was Blinken heading?", "Who did Blinken meet in Ramallah?"),
    ]:
        ix = await server.send_slash_command("review latest", user=owner, channel_id=channel)
        page = await server.wait_for_message(kind="interaction_response", interaction_id=ix.id)
        shown = json.dumps(page.embeds)
        assert mine in shown and theirs not in shown
        assert page.embeds[0]["title"] == "Review log — page 1 of 1"
        ix = await server.send_slash_command("review export", user=owner, channel_id=channel)
        reply = await server.wait_for_message(kind="followup", interaction_id=ix.id, timeout=10)
        assert reply.content == "1 question, one JSON object per line."
        (file,) = reply.attachments
        assert [json.loads(line)["question"] for line in file.data.decode().splitlines()] == [mine]


async def ask_and_vote_down(server: FakeDiscord, question: str) -> None:
    start = len(server.messages)
    await server.send_message(NEWS, ALICE, f"{server.bot.mention} as of 2023-02-01: {question}")
    answer = await wait_for_answer(server, start=start)
    down = next(c for c in answer.custom_ids if ":vote:down:" in c)
    await server.wait_for_callback(await server.press_button(answer, down, BOB))


async def test_review_gaps_groups_declined_and_thumbs_down_questions(server: FakeDiscord, bot) -> None:
    ix, reply = await slash(server, "review gaps", user=OWNER)
    assert reply.ephemeral and reply.embeds[0]["description"] == NO_GAPS

    for question in ["Who won the Super Bowl?", "What was the Super Bowl score?", "Who did Blinken meet in Ramallah?"]:
        await ask_and_vote_down(server, question)
    await ask_and_vote_down(server, "Who won the Super Bowl?")

    ix, reply = await slash(server, "review gaps", user=OWNER)
    assert reply.ephemeral
    embed = reply.embeds[0]
    assert embed["title"] == "Coverage gaps"
    assert [f["name"] for f in embed["fields"]] == ["1. 3 questions · not covered", "2. 1 question · not covered"]
    examples = embed["fields"][0]["value"].split("\n")
    # A question asked twice is listed once, with its count (a probe's list repeated it).
    assert [e.split("` ", 1)[1] for e in examples] == [
        "Who won the Super Bowl? (as of 2023-02-01) ×2",
        "What was the Super Bowl score? (as of 2023-02-01)",
    ]
    assert embed["fields"][1]["value"].endswith("Who did Blinken meet in Ramallah? (as of 2023-02-01)")
    assert embed["footer"]["text"] == "2 topics from 4 declined or 👎'd questions · newsdesk gaps --json for all"


async def test_review_gaps_is_for_administrators_only(server: FakeDiscord, bot) -> None:
    assert "gaps" in [o["name"] for o in server.commands[GUILD]["review"]["options"]]
    ix = await server.send_slash_command("review gaps", user=ALICE, channel_id=NEWS)
    refusal = await server.wait_for_message(kind="interaction_response", interaction_id=ix.id)
    assert refusal.ephemeral and refusal.content.startswith("You need the Administrator permission")
