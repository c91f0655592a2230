"""Client wiring that needs no server: the allow-list and the token redaction of log lines."""

from __future__ import annotations

import io
import logging
from types import SimpleNamespace

from bot.discord.client import RedactToken, place_allowed
from newsdesk.settings import DiscordSettings


def test_allow_list() -> None:
    channel = SimpleNamespace(id=10, parent_id=None)
    thread = SimpleNamespace(id=11, parent_id=10)
    elsewhere = SimpleNamespace(id=12, parent_id=None)
    assert place_allowed(DiscordSettings(), None, elsewhere)  # empty lists: everywhere, DMs too

    only_channel = DiscordSettings(allowed_channel_ids=[10])
    assert place_allowed(only_channel, 1, channel) and place_allowed(only_channel, 1, thread)
    assert not place_allowed(only_channel, 1, elsewhere)

    only_guild = DiscordSettings(allowed_guild_ids=[1])
    assert place_allowed(only_guild, 1, elsewhere)
    assert not place_allowed(only_guild, 2, channel) and not place_allowed(only_guild, None, channel)


def test_the_token_is_redacted_from_log_lines_and_tracebacks() -> None:
    token = "MTA5.secret-token"
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactToken(token))
    logger = logging.getLogger("test_discord_client.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("connecting with %s", token)
        try:
            raise ValueError(f"bad token {token}")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    assert token not in output
    assert "connecting with [token]" in output and "ValueError: bad token [token]" in output
