"""The real Newsdesk bot, in process, against the fake Discord server (protocol-level, no mocks).

Guild "Newsroom": #news (allowed), #random (not in the allow-list), an Editor role (may
ingest), alice (Editor), bob (no role), the owner (administrator), and another bot.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from newsroom import ALICE, BOB, BOT_ID, EDITOR, GUILD, NEWS, OTHER_BOT, OWNER, RANDOM, with_discord
from support.fake_discord import FakeDiscord, pointed_at, running

from bot.discord.client import NewsdeskBot
from bot.service import Services
from newsdesk.settings import Settings


@pytest.fixture
def bot_settings(settings: Settings) -> Settings:
    """What the tests' bot runs with: commands synced to the guild, only #news allowed."""
    return with_discord(
        settings,
        sync_guild_ids=[GUILD],
        allowed_guild_ids=[GUILD],
        allowed_channel_ids=[NEWS],
        ingest_role="Editor",
        guild_ready_timeout=0.05,
        edit_interval_seconds=0.05,
    )


@pytest.fixture
async def server() -> AsyncIterator[FakeDiscord]:
    s = FakeDiscord(bot_id=BOT_ID, bot_name="Newsdesk")
    s.add_guild(GUILD, owner_id=OWNER, name="Newsroom")
    s.add_role(GUILD, EDITOR, "Editor")
    s.add_channel(GUILD, NEWS, "news")
    s.add_channel(GUILD, RANDOM, "random")
    s.add_member(GUILD, ALICE, "alice", [EDITOR])
    s.add_member(GUILD, BOB, "bob")
    s.add_user(OTHER_BOT, "otherbot", bot=True)
    s.add_member(GUILD, OTHER_BOT, "otherbot")
    await s.start()
    try:
        with pointed_at(s):
            yield s
    finally:
        await s.stop()
    assert not s.errors, s.errors


@pytest.fixture
async def start_bot(server: FakeDiscord, bot_settings: Settings, sample_services: Services):
    """`await start_bot(**discord_overrides)` runs a NewsdeskBot (stopped after the test)."""
    stack: list[Any] = []

    async def start(settings: Settings | None = None, services: Services | None = None, **discord: Any) -> NewsdeskBot:
        chosen = with_discord(settings or bot_settings, **discord)
        bot = NewsdeskBot(chosen, services or sample_services)
        context = running(bot, "test-token")
        await context.__aenter__()
        stack.append(context)
        await server.wait_for_command_sync(GUILD)
        return bot

    yield start
    for context in reversed(stack):
        await context.__aexit__(None, None, None)


@pytest.fixture
async def bot(start_bot) -> NewsdeskBot:
    return await start_bot()
