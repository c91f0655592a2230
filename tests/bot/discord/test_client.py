"""Client wiring: the allow-list, the token redaction of log lines, and a start-up that stops when a cog
cannot be built."""

from __future__ import annotations

import io
import logging
from pathlib import Path
from types import SimpleNamespace

import pytest
from newsroom import GUILD
from support.fake_discord import FakeDiscord, running

from bot.discord.allowlist import place_allowed
from bot.discord.client import NewsdeskBot, OneLineReconnects, RedactInteractionTokens, RedactToken
from bot.service import Services
from newsdesk.errors import ConfigError
from newsdesk.settings import DiscordSettings, Settings


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
    logger = logging.getLogger("test_client.redaction")
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


def test_interaction_tokens_are_redacted_from_logged_addresses() -> None:
    """discord.py logs its requests at DEBUG, an interaction's token in their address (a probe's)."""
    token = "aW50ZXJhY3Rpb246MTE0NjY3:secret_Interaction-token.x"
    record = logging.LogRecord(
        "discord.webhook.async_", logging.DEBUG, __file__, 1,
        "POST %s with %s has returned 204", (f"https://discord.com/api/v10/webhooks/1234/{token}/messages/@original",
                                             "{}"), None,
    )  # fmt: skip
    assert RedactInteractionTokens().filter(record)
    logged = record.getMessage()
    assert token not in logged and "/webhooks/1234/[interaction token]/messages/@original" in logged
    callback = f"/interactions/987/{token.replace(':', '_')}/callback"
    record = logging.LogRecord("discord.http", logging.DEBUG, __file__, 1, callback, None, None)
    RedactInteractionTokens().filter(record)
    assert record.getMessage() == "/interactions/987/[interaction token]/callback"


def test_a_reconnect_is_logged_on_one_line() -> None:
    """With Discord gone mid-run, a probe's log held a full traceback for each reconnect attempt."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(OneLineReconnects())
    handler.addFilter(RedactToken("MTA5.secret-token"))
    logger = logging.getLogger("discord.client")
    logger.addHandler(handler)
    try:
        try:
            raise ConnectionResetError("Cannot connect to host 127.0.0.1:9 with MTA5.secret-token")
        except ConnectionResetError:
            logger.exception("Attempting a reconnect in %.2fs", 6.31)
        try:
            raise ValueError("something else")
        except ValueError:
            logger.exception("Unhandled error")  # any other error keeps its traceback
    finally:
        logger.removeHandler(handler)
    first, *rest = stream.getvalue().splitlines()
    assert first == (
        "WARNING discord.client: Attempting a reconnect in 6.31s "
        "(ConnectionResetError: Cannot connect to host 127.0.0.1:9 with [token])"
    )
    assert rest[0] == "ERROR discord.client: Unhandled error" and "Traceback" in rest[1]


async def test_a_cog_that_cannot_be_built_stops_the_start_up(
    server: FakeDiscord, bot_settings: Settings, sample_services: Services, tmp_path: Path
) -> None:
    """/ingest's chunker needs the embedding model's tokenizer; a model folder without one is refused
    when the bot starts, not on the first /ingest."""
    empty = tmp_path / "model-without-tokenizer"
    empty.mkdir()
    settings = bot_settings.model_copy(
        update={"embedding": bot_settings.embedding.model_copy(update={"model": str(empty)})}
    )
    services = Services(settings, sample_services.store, sample_services.answers)
    bot = NewsdeskBot(settings, services)
    with pytest.raises(ConfigError, match="the embedding model folder has no tokenizer.json"):
        async with running(bot, "test-token"):
            pass
    assert bot.is_closed()
    assert not server.command_syncs and GUILD not in server.commands  # no bot runs without its commands
