"""Ids of the test guild and helpers shared by the Discord tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from support.fake_discord import FakeDiscord, InteractionRecord, RecordedMessage

from newsdesk.settings import Settings

BOT_ID = 900000000000000001
GUILD = 1100000000000000000
OWNER = 1100000000000000001
NEWS = 1200000000000000000
RANDOM = 1200000000000000001
EDITOR = 1300000000000000000
ALICE = 1400000000000000000
BOB = 1400000000000000001
OTHER_BOT = 1400000000000000002

ANSWER_TIMEOUT = 30.0  # the first answer of a process warms up the model


def with_discord(settings: Settings, **discord: Any) -> Settings:
    """These settings with some [discord] values changed."""
    return settings.model_copy(update={"discord": settings.discord.model_copy(update=discord)})


async def wait_for_answer(server: FakeDiscord, start: int = 0, **fields: Any) -> RecordedMessage:
    """The next message carrying an answer embed (with the Sources button)."""
    return await server.wait_for_message(
        lambda m: bool(m.embeds) and any(c.startswith("newsdesk:sources:") for c in m.custom_ids),
        timeout=ANSWER_TIMEOUT,
        start=start,
        **fields,
    )


async def slash(
    server: FakeDiscord, command: str, options: dict[str, Any] | None = None, user: int = BOB
) -> tuple[InteractionRecord, RecordedMessage]:
    """Run a slash command in #news; its interaction and the first reply carrying an embed."""
    ix = await server.send_slash_command(command, options or {}, user=user, channel_id=NEWS)
    reply = await server.wait_for_message(lambda m: bool(m.embeds), interaction_id=ix.id, timeout=30)
    return ix, reply


def review_rows(settings: Settings, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
    """Read the review log's SQLite file directly, as a reviewer's script would."""
    db = sqlite3.connect(Path(settings.review.path))
    db.row_factory = sqlite3.Row
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()
