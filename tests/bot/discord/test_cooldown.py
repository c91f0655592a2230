"""The per-user limit on questions: discord.py's CooldownMapping with the configured rate, one limit shared
by /ask, mentions and /timeline, and the same friendly reply wherever a user is limited."""

from __future__ import annotations

import discord
import pytest
from newsroom import ALICE, BOB, NEWS, slash, wait_for_answer
from support.fake_discord import FakeDiscord

from bot.discord.cooldown import RateLimited, check_cooldown, question_cooldown
from newsdesk.settings import DiscordSettings

ALICE_USER, BOB_USER = discord.Object(ALICE), discord.Object(BOB)


def test_the_configured_number_of_questions_per_user_per_window() -> None:
    cooldown = question_cooldown(DiscordSettings(rate_limit_count=2, rate_limit_seconds=60))
    check_cooldown(cooldown, ALICE_USER, now=100.0)
    check_cooldown(cooldown, ALICE_USER, now=100.0)
    with pytest.raises(RateLimited) as limited:
        check_cooldown(cooldown, ALICE_USER, now=130.0)  # a third question within the minute
    assert limited.value.retry_after == 30
    assert str(limited.value) == "You're asking faster than I can keep up — please try again in 30 seconds."
    check_cooldown(cooldown, BOB_USER, now=130.0)  # other users are not affected
    check_cooldown(cooldown, ALICE_USER, now=161.0)  # the window has passed
    check_cooldown(cooldown, ALICE_USER, now=161.0)
    with pytest.raises(RateLimited):
        check_cooldown(cooldown, ALICE_USER, now=161.5)


def test_the_wait_is_rounded_up_to_whole_seconds() -> None:
    assert str(RateLimited(0.2)).endswith("try again in 1 second.")
    assert str(RateLimited(59.1)).endswith("try again in 60 seconds.")


def test_users_who_went_quiet_are_forgotten() -> None:
    """The reason for discord.py's mapping: it drops idle users' buckets (its `_cache`), so the limiter
    does not grow with every user the bot has ever seen."""
    cooldown = question_cooldown(DiscordSettings(rate_limit_count=1, rate_limit_seconds=60))
    for user_id in range(1, 101):
        check_cooldown(cooldown, discord.Object(user_id), now=100.0)
    assert len(cooldown._cache) == 100
    check_cooldown(cooldown, BOB_USER, now=200.0)
    assert list(cooldown._cache) == [BOB]


async def test_timeline_and_mentions_share_the_limit(server: FakeDiscord, start_bot) -> None:
    await start_bot(rate_limit_count=1, rate_limit_seconds=600)
    _, timeline = await slash(server, "timeline", {"topic": "Blinken", "as_of": "2023-02-01"}, user=ALICE)
    assert timeline.embeds[0]["title"] == "Timeline: Blinken"

    start = len(server.messages)
    asked = await server.send_message(NEWS, ALICE, f"{server.bot.mention} Who did Blinken meet in Ramallah?")
    refusal = await server.wait_for_message(kind="channel", start=start)
    assert refusal.content.startswith("You're asking faster than I can keep up — please try again in ")
    assert refusal.content.endswith(" seconds.")
    assert refusal.channel_id == NEWS and refusal.message_reference["message_id"] == asked["id"]

    # bob's first question of the window is answered
    await server.send_message(NEWS, BOB, f"{server.bot.mention} Who did Blinken meet in Ramallah?")
    assert (await wait_for_answer(server, start=start)).embeds
