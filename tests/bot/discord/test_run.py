"""`newsdesk run`, unmodified, as a separate process: pointed at the fake Discord through its
configuration (environment overrides), it answers a mention and /ask, never logs its token,
and stops cleanly on Ctrl-C; a Discord it cannot reach, or a refused token, is a one-line error."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from aiohttp import web
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


async def run_newsdesk(env_overrides: dict[str, str], timeout: float = START_TIMEOUT) -> tuple[int, str]:
    """`newsdesk run` to its end (asynchronously: a fake server may be serving in this event loop)."""
    newsdesk = Path(sys.executable).with_name("newsdesk")
    env = {**os.environ, "NEWSDESK_LOGGING__LEVEL": "DEBUG", **env_overrides}
    proc = await asyncio.create_subprocess_exec(
        str(newsdesk), "run", env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    try:
        output, _ = await asyncio.wait_for(proc.communicate(), timeout)
    except TimeoutError:
        proc.kill()
        raise
    assert proc.returncode is not None
    return proc.returncode, output.decode(errors="replace")


@contextlib.contextmanager
def closed_port() -> Iterator[int]:
    """A port on 127.0.0.1 that refuses connections: bound (so nobody else gets it) but not listening."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


async def test_newsdesk_run_with_discord_unreachable_says_so() -> None:
    with closed_port() as port:
        api = f"http://127.0.0.1:{port}/api/v10"
        code, output = await run_newsdesk(
            {"DISCORD_TOKEN": TOKEN, "NEWSDESK_DISCORD__API_BASE_URL": api, "NEWSDESK_DISCORD__GATEWAY_URL": api}
        )
    assert code == 1, output[-3000:]
    assert f"Error: cannot reach Discord at {api} (Cannot connect to host 127.0.0.1:{port}" in output, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    assert TOKEN not in output


async def test_newsdesk_run_with_a_refused_token_says_so(server: FakeDiscord) -> None:
    server.token = TOKEN  # any other token is refused with a 401, as Discord would
    wrong = "MTA5-another.token-AbC_0987654321fedcba"
    code, output = await run_newsdesk(
        {
            "DISCORD_TOKEN": wrong,
            "NEWSDESK_DISCORD__API_BASE_URL": server.api_base_url,
            "NEWSDESK_DISCORD__GATEWAY_URL": server.gateway_url,
        }
    )
    assert code == 2, output[-3000:]
    assert "Error: Discord refused the token in DISCORD_TOKEN; copy it again from the developer portal" in output
    assert "Traceback" not in output, output[-3000:]
    assert wrong not in output and TOKEN not in output


async def test_newsdesk_run_with_the_gateway_unreachable_says_so(server: FakeDiscord) -> None:
    """The REST API answers but the gateway's port is closed (discord.py alone would retry forever,
    logging a traceback each time)."""
    server.token = TOKEN
    with closed_port() as port:
        gateway = f"ws://127.0.0.1:{port}"
        code, output = await run_newsdesk(
            {
                "DISCORD_TOKEN": TOKEN,
                "NEWSDESK_DISCORD__API_BASE_URL": server.api_base_url,
                "NEWSDESK_DISCORD__GATEWAY_URL": gateway,
                "NEWSDESK_DISCORD__SYNC_GUILD_IDS": f"[{GUILD}]",
            }
        )
    assert code == 1, output[-3000:]
    assert f"Error: cannot reach Discord at {gateway} (" in output, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    assert TOKEN not in output


async def run_against(answer: Callable[[web.Request], Awaitable[web.Response]]) -> tuple[str, int, str]:
    """`newsdesk run` with its API base on a server on 127.0.0.1 that answers every request with
    `answer`: the base URL, the exit code and the output."""
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", answer)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        port = runner.addresses[0][1]
        api = f"http://127.0.0.1:{port}/api/v10"
        code, output = await run_newsdesk({"DISCORD_TOKEN": TOKEN, "NEWSDESK_DISCORD__API_BASE_URL": api})
    finally:
        await runner.cleanup()
    return api, code, output


async def test_newsdesk_run_against_a_server_that_is_not_discord_says_so() -> None:
    async def html_404(request: web.Request) -> web.Response:
        return web.Response(status=404, text="<html><body><h1>Not here</h1></body></html>", content_type="text/html")

    api, code, output = await run_against(html_404)
    assert code == 1, output[-3000:]
    assert f"Error: Discord at {api} answered HTTP 404 Not Found; check discord.api_base_url" in output, output[-3000:]
    assert "Traceback" not in output and "<html>" not in output, output[-3000:]
    assert TOKEN not in output


@pytest.mark.parametrize(
    ("status", "content_type", "body"),
    [
        (200, "text/html", "<html><body>A proxy's page</body></html>"),  # was TypeError in discord/user.py
        (500, "application/json", "not JSON at all"),  # was orjson.JSONDecodeError
        (200, "application/json", '{"id": 1}'),  # JSON, but no user
    ],
)
async def test_newsdesk_run_against_a_server_answering_what_discord_never_does_says_so(
    status: int, content_type: str, body: str
) -> None:
    """A probe's mistyped base URL, answered by a proxy, ended in a traceback."""

    async def answer(request: web.Request) -> web.Response:
        return web.Response(status=status, body=body.encode(), content_type=content_type)

    api, code, output = await run_against(answer)
    assert code == 1, output[-3000:]
    assert f"Error: Discord at {api} answered" in output and "check discord.api_base_url" in output, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    assert TOKEN not in output


async def test_an_event_that_arrives_as_the_bot_stops_is_dropped(start_bot) -> None:
    """discord.py dispatches `ready` from a task that waits for the guilds; when Ctrl-C lands as that
    wait ends, the event comes after close() has cleared the client's loop (a traceback, seen in CI)."""
    bot = await start_bot()
    await bot.close()
    bot.dispatch("ready")  # before the fix: AttributeError: '_MissingSentinel' object has no attribute 'create_task'
    assert bot.is_closed()
