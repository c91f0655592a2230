"""`newsdesk run`, unmodified, as a separate process: pointed at the fake Discord through its
configuration (environment overrides), it answers a mention and /ask, never logs its token,
and stops cleanly on Ctrl-C."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from newsroom import ALICE, BOB, GUILD, NEWS, wait_for_answer
from support.fake_discord import FakeDiscord

TOKEN = "MTA5-recognisable.token-XyZ_1234567890abcdef"
START_TIMEOUT = 120.0  # a fresh process loads the embedding model


async def test_newsdesk_run_answers_and_never_logs_its_token(
    server: FakeDiscord, sample_services, tmp_path: Path
) -> None:
    server.token = TOKEN  # any other token is refused, as Discord would
    newsdesk = Path(sys.executable).with_name("newsdesk")
    env = {
        **os.environ,  # includes the temp index and review log of this test
        "DISCORD_TOKEN": TOKEN,
        "NEWSDESK_DISCORD__API_BASE_URL": server.api_base_url,
        "NEWSDESK_DISCORD__GATEWAY_URL": server.gateway_url,
        "NEWSDESK_DISCORD__SYNC_GUILD_IDS": f"[{GUILD}]",
        "NEWSDESK_DISCORD__ALLOWED_CHANNEL_IDS": f"[{NEWS}]",
        "NEWSDESK_DISCORD__GUILD_READY_TIMEOUT": "0.1",
        "NEWSDESK_LOGGING__LEVEL": "DEBUG",  # as much logging as there can be
    }
    out_path, err_path = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        # (asynchronously: the fake server runs in this event loop)
        proc = await asyncio.create_subprocess_exec(str(newsdesk), "run", env=env, stdout=out, stderr=err)
    try:
        await server.wait_for_command_sync(GUILD, timeout=START_TIMEOUT)
        await server.wait_until_ready(timeout=START_TIMEOUT)

        asked = await server.send_message(NEWS, ALICE, f"{server.bot.mention} Who did Blinken meet in Ramallah?")
        mention_answer = await wait_for_answer(server)
        assert mention_answer.channel_id == int(asked["id"])
        assert "Abbas" in mention_answer.embeds[0]["description"]
        assert mention_answer.allowed_mentions["parse"] == []

        ix = await server.send_slash_command(
            "ask",
            {"question": "Where was Blinken heading this week?", "as_of": "2023-01-27"},
            user=BOB,
            channel_id=NEWS,
        )
        slash_answer = await wait_for_answer(server, interaction_id=ix.id)
        assert slash_answer.embeds[0]["footer"]["text"].startswith("Searched: this week (2023-01-20 to 2023-01-27)")
        assert server.identify["token"] == TOKEN
        await server.wait_for_message(kind="channel", channel_id=slash_answer.id)  # its follow-up thread
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGINT)  # Ctrl-C
        try:
            code = await asyncio.wait_for(proc.wait(), 30)
        except TimeoutError:
            proc.kill()
            raise
    output = out_path.read_text(errors="replace") + err_path.read_text(errors="replace")
    assert code == 0, output[-3000:]
    assert "discord.http" in output or "discord.gateway" in output or "DEBUG" in output  # logging was on
    assert TOKEN not in output
    assert "Traceback" not in output, output[-3000:]
