"""The fake Discord server drives the real, unmodified discord.py (no mocks): login, gateway,
command sync, mentions, slash commands with defer/followup/buttons, attachments, threads."""

from __future__ import annotations

import asyncio
import hashlib
import io
import os
import sys
import textwrap

import discord
import discord.gateway
import discord.http
import pytest
from discord import app_commands
from discord.ext import commands

from .fake_discord import FakeDiscord, Perm, pointed_at, running

BOT_ID = 900000000000000001
GUILD = 1100000000000000000
OWNER = 1100000000000000001
NEWS = 1200000000000000000
LOCKED = 1200000000000000001
EDITOR = 1300000000000000000
ALICE = 1400000000000000000
BOB = 1400000000000000001


@pytest.fixture
async def server():
    """A guild with a #news channel, a #locked channel the bot may not post in, an Editor role,
    alice (Editor) and bob (no role)."""
    s = FakeDiscord(bot_id=BOT_ID, bot_name="Newsdesk")
    s.add_guild(GUILD, owner_id=OWNER, name="Newsroom")
    s.add_role(GUILD, EDITOR, "Editor", Perm.DEFAULT | Perm.MANAGE_MESSAGES)
    s.add_channel(GUILD, NEWS, "news")
    s.add_channel(GUILD, LOCKED, "locked", permission_overwrites=[{"id": GUILD, "deny": Perm.SEND_MESSAGES}])
    s.add_member(GUILD, ALICE, "alice", [EDITOR])
    s.add_member(GUILD, BOB, "bob")
    await s.start()
    try:
        yield s
    finally:
        await s.stop()
    assert not s.errors, s.errors  # the fake itself never crashed


@pytest.fixture
def fake(server: FakeDiscord):
    """The server, with the in-process discord.py pointed at it (restored afterwards)."""
    before = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    with pointed_at(server):
        assert server.api_base_url == discord.http.Route.BASE
        yield server
    assert before == (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)


def make_bot() -> commands.Bot:
    intents = discord.Intents.default()
    intents.message_content = True  # needed to see the text of mentions
    return commands.Bot(command_prefix="!", intents=intents, guild_ready_timeout=0.05)


async def test_login_gateway_and_guild_state(fake: FakeDiscord) -> None:
    bot = make_bot()
    async with running(bot, "test-token"):
        assert bot.user.id == BOT_ID and bot.user.bot
        assert bot.application_id == BOT_ID
        guild = bot.get_guild(GUILD)
        assert guild is not None and guild.name == "Newsroom" and guild.owner_id == OWNER
        assert guild.get_channel(NEWS).name == "news"
        assert [r.name for r in guild.me.roles] == ["@everyone", "Newsdesk"]
        assert guild.get_channel(NEWS).permissions_for(guild.me).send_messages
        assert not guild.get_channel(LOCKED).permissions_for(guild.me).send_messages

        # anything unsupported is a 404 the bot sees as NotFound, and it is recorded
        with pytest.raises(discord.NotFound):
            await bot.http.request(discord.http.Route("GET", "/guilds/{guild_id}/audit-logs", guild_id=GUILD))
        assert fake.requests[-1].path == f"/guilds/{GUILD}/audit-logs" and fake.requests[-1].status == 404

    me = fake.find_requests("GET", "/users/@me")
    assert me and me[0].headers["Authorization"] == "Bot test-token"
    assert fake.find_requests("GET", "/oauth2/applications/@me")
    assert fake.gateway_connections[0]["v"] == "10" and fake.gateway_connections[0]["encoding"] == "json"
    assert fake.identify["token"] == "test-token"
    assert fake.identify["intents"] & (1 << 15), "message_content intent"
    assert any(p["op"] == 1 for p in fake.gateway_received), "client heartbeats"


async def test_wrong_token_is_refused() -> None:
    async with FakeDiscord(token="right-token") as server:
        with pointed_at(server):
            bot = make_bot()
            with pytest.raises(discord.LoginFailure):
                async with running(bot, "wrong-token"):
                    pass


async def test_sync_guild_commands_and_run_subcommand(fake: FakeDiscord) -> None:
    bot = make_bot()
    review = app_commands.Group(name="review", description="Review tools", guild_ids=[GUILD])

    @review.command(name="export", description="Export the review log")
    @app_commands.choices(
        fmt=[app_commands.Choice(name="CSV", value="csv"), app_commands.Choice(name="JSON", value="json")]
    )
    async def export(interaction: discord.Interaction, fmt: app_commands.Choice[str], limit: int = 10):
        await interaction.response.send_message(f"export {fmt.value} x{limit} for {interaction.user.name}")

    @bot.tree.command(name="ask", description="Ask a question", guild=discord.Object(GUILD))
    async def ask(interaction: discord.Interaction, question: str) -> None:
        await interaction.response.send_message(question)

    bot.tree.add_command(review)
    async with running(bot):
        synced = await bot.tree.sync(guild=discord.Object(GUILD))
        stored = await fake.wait_for_command_sync(GUILD)
        assert {c["name"] for c in stored} == {"ask", "review"} == set(fake.commands[GUILD])
        assert {c.name: c.id for c in synced} == {c["name"]: int(c["id"]) for c in stored}
        put = fake.find_requests("PUT", rf"/applications/{BOT_ID}/guilds/{GUILD}/commands")[0]
        assert next(c for c in put.json if c["name"] == "ask")["options"][0]["type"] == 3

        options = {"fmt": "json", "limit": 3}
        ix = await fake.send_slash_command("review export", options, user=ALICE, channel_id=NEWS)
        reply = await fake.wait_for_message(kind="interaction_response", interaction_id=ix.id)
        assert reply.content == "export json x3 for alice" and not reply.ephemeral
        assert ix.payload["data"]["options"][0]["name"] == "export"
        with pytest.raises(ValueError):  # Discord's client only offers the declared choices
            await fake.send_slash_command("review export", {"fmt": "xml"}, user=ALICE, channel_id=NEWS)
        with pytest.raises(LookupError):
            await fake.send_slash_command("nope", user=ALICE, channel_id=NEWS)


async def test_mention_gets_a_reply_without_pings(fake: FakeDiscord) -> None:
    bot = make_bot()
    seen: list[discord.Message] = []

    @bot.event
    async def on_message(message: discord.Message) -> None:
        if message.author.bot:
            return
        seen.append(message)
        if bot.user in message.mentions:
            question = message.content.replace(bot.user.mention, "").strip()
            roles = ",".join(r.name for r in message.author.roles[1:])
            await message.reply(
                f"You asked: {question} ({roles}) {message.author.mention}",
                allowed_mentions=discord.AllowedMentions.none(),
            )

    async with running(bot):
        await fake.send_message(NEWS, BOB, "just chatting")
        sent = await fake.send_message(NEWS, ALICE, f"{fake.bot.mention} who won the election?")
        reply = await fake.wait_for_message(kind="channel")
        await asyncio.sleep(0.2)  # the bot hears its own reply (MESSAGE_CREATE) and must ignore it

    assert [m.content for m in seen] == ["just chatting", f"<@{BOT_ID}> who won the election?"]
    assert reply.content == f"You asked: who won the election? (Editor) <@{ALICE}>"
    assert reply.channel_id == NEWS and reply.guild_id == GUILD
    assert reply.allowed_mentions == {"parse": []}
    assert reply.mentions == [] and not reply.mention_everyone  # nobody actually pinged
    assert reply.message_reference["message_id"] == sent["id"]
    assert len(fake.messages) == 1


async def test_slash_defer_followup_with_button(fake: FakeDiscord) -> None:
    bot = make_bot()

    class Sources(discord.ui.View):
        def __init__(self) -> None:
            super().__init__(timeout=60)

        @discord.ui.button(label="Sources", custom_id="sources")
        async def sources(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
            await interaction.response.send_message(f"sources for {interaction.user.name}", ephemeral=True)

        @discord.ui.button(label="Done", custom_id="done")
        async def done(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
            await interaction.response.edit_message(content="closed", view=None)

    @bot.tree.command(name="ask", description="Ask", guild=discord.Object(GUILD))
    async def ask(interaction: discord.Interaction, question: str) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        embed = discord.Embed(title="Answer", description=f"About {question}")
        embed.add_field(name="asked by", value=f"{interaction.user.name} ({interaction.user.roles[-1].name})")
        await interaction.followup.send(embed=embed, ephemeral=True, view=Sources())

    async with running(bot):
        await bot.tree.sync(guild=discord.Object(GUILD))
        ix = await fake.send_slash_command("ask", {"question": "rates"}, user=ALICE, channel_id=NEWS)
        callback = await fake.wait_for_callback(ix)
        assert callback.type == 5 and callback.ephemeral
        answer = await fake.wait_for_message(kind="followup", interaction_id=ix.id)
        assert answer.ephemeral and answer.id == ix.original_message_id  # it replaced "thinking..."
        assert answer.embeds[0]["title"] == "Answer" and "About rates" in answer.text
        assert "alice (Editor)" in answer.text
        assert answer.custom_ids == ["sources", "done"]

        press = await fake.press_button(answer, "sources", ALICE)
        extra = await fake.wait_for_message(kind="interaction_response", interaction_id=press.id)
        assert extra.content == "sources for alice" and extra.ephemeral

        press = await fake.press_button(answer, "done", ALICE)
        edited = await fake.wait_for_message(kind="edit", interaction_id=press.id)
        assert edited.id == answer.id and edited.content == "closed" and edited.components == []
        assert (await fake.wait_for_callback(press)).type == 7
        with pytest.raises(LookupError):  # the buttons are gone now
            await fake.press_button(answer, "done", ALICE)


async def test_followup_after_public_defer_stays_public(fake: FakeDiscord) -> None:
    """Real Discord: the first followup after a defer takes the defer's visibility."""
    bot = make_bot()

    @bot.tree.command(name="ask", description="Ask", guild=discord.Object(GUILD))
    async def ask(interaction: discord.Interaction, question: str) -> None:
        await interaction.response.defer()
        await interaction.followup.send("first", ephemeral=True)
        await interaction.followup.send("second", ephemeral=True)

    async with running(bot):
        await bot.tree.sync(guild=discord.Object(GUILD))
        ix = await fake.send_slash_command("ask", {"question": "q"}, user=BOB, channel_id=NEWS)
        second = await fake.wait_for_message(kind="followup", content="second")
    first = next(m for m in fake.messages if m.content == "first")
    assert first.requested_flags & 64 and not first.ephemeral and first.id == ix.original_message_id
    assert second.ephemeral and second.id != first.id


async def test_slash_command_attachment_is_downloadable(fake: FakeDiscord) -> None:
    bot = make_bot()

    @bot.tree.command(name="ingest", description="Ingest a file", guild=discord.Object(GUILD))
    async def ingest(interaction: discord.Interaction, file: discord.Attachment) -> None:
        data = await file.read()
        digest = hashlib.sha256(data).hexdigest()[:12]
        await interaction.response.send_message(
            f"{file.filename}: {len(data)} bytes sha={digest}",
            file=discord.File(io.BytesIO(data.upper()), filename="echo.txt"),
        )

    body = b"Breaking: the fake server works.\n"
    async with running(bot):
        await bot.tree.sync(guild=discord.Object(GUILD))
        await fake.send_slash_command(
            "ingest", user=ALICE, channel_id=NEWS, attachments={"file": ("story.txt", body, "text/plain")}
        )
        reply = await fake.wait_for_message(kind="interaction_response")
    assert reply.content == f"story.txt: {len(body)} bytes sha={hashlib.sha256(body).hexdigest()[:12]}"
    assert [(f.name, f.data) for f in reply.attachments] == [("echo.txt", body.upper())]
    assert fake.find_requests("GET", r"/attachments/\d+/story\.txt")
    callback = fake.find_requests("POST", r"/interactions/\d+/[^/]+/callback")[0]
    assert callback.query["with_response"] == "1" and callback.files[0].name == "echo.txt"


async def test_thread_from_message_and_conversation_in_it(fake: FakeDiscord) -> None:
    bot = make_bot()
    created: list[discord.Thread] = []

    @bot.listen()
    async def on_thread_create(thread: discord.Thread) -> None:
        created.append(thread)

    @bot.event
    async def on_message(message: discord.Message) -> None:
        if message.author.bot:
            return
        if isinstance(message.channel, discord.Thread):
            await message.channel.send(f"in-thread reply to: {message.content}")
        elif bot.user in message.mentions:
            thread = await message.create_thread(name="Q: markets")
            await thread.send("Let's discuss here.")

    async with running(bot):
        sent = await fake.send_message(NEWS, ALICE, f"{fake.bot.mention} markets?")
        opener = await fake.wait_for_message(kind="channel")
        thread_id = int(sent["id"])  # a thread started from a message has the message's id
        assert opener.channel_id == thread_id and opener.content == "Let's discuss here."
        assert fake.channels[thread_id]["name"] == "Q: markets" and fake.channels[thread_id]["type"] == 11
        assert fake.channels[thread_id]["parent_id"] == str(NEWS)
        assert isinstance(bot.get_channel(thread_id), discord.Thread) and created[0].id == thread_id

        start = len(fake.messages)
        await fake.send_message(thread_id, BOB, "and bonds?")
        reply = await fake.wait_for_message(start=start, channel_id=thread_id)
        assert reply.content == "in-thread reply to: and bonds?"


async def test_late_ack_and_missing_permissions(fake: FakeDiscord) -> None:
    """A slow bot that doesn't defer loses the interaction (10062); posting where it may not is 403."""
    fake.interaction_deadline = 0.2
    bot = make_bot()
    errors: list[Exception] = []

    @bot.tree.command(name="slow", description="Too slow", guild=discord.Object(GUILD))
    async def slow(interaction: discord.Interaction) -> None:
        await asyncio.sleep(0.4)
        try:
            await interaction.response.send_message("late")
        except discord.HTTPException as e:
            errors.append(e)

    async with running(bot):
        await bot.tree.sync(guild=discord.Object(GUILD))
        await fake.send_slash_command("slow", user=ALICE, channel_id=NEWS)
        await fake.wait_for_request("POST", r"/interactions/\d+/[^/]+/callback")
        await asyncio.sleep(0.05)
        with pytest.raises(discord.Forbidden) as forbidden:
            await bot.get_channel(LOCKED).send("hello?")
    assert isinstance(errors[0], discord.NotFound) and errors[0].code == 10062
    assert forbidden.value.code == 50013
    assert fake.messages == []


async def test_select_menu_edits_and_deletes(fake: FakeDiscord) -> None:
    bot = make_bot()
    fetched: list[str] = []

    class Pick(discord.ui.View):
        @discord.ui.select(
            custom_id="topic",
            options=[
                discord.SelectOption(label="Markets", value="markets"),
                discord.SelectOption(label="Sports", value="sports"),
            ],
        )
        async def topic(self, interaction: discord.Interaction, select: discord.ui.Select) -> None:
            await interaction.response.defer()  # component + no thinking -> type 6 (deferred update)
            await interaction.edit_original_response(content=f"topic: {select.values[0]}", view=None)

    @bot.tree.command(name="topics", description="Pick a topic", guild=discord.Object(GUILD))
    async def topics(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("pick one", view=Pick())
        fetched.append((await interaction.original_response()).content)

    async with running(bot):
        await bot.tree.sync(guild=discord.Object(GUILD))
        ix = await fake.send_slash_command("topics", user=BOB, channel_id=NEWS)
        menu = await fake.wait_for_message(kind="interaction_response", interaction_id=ix.id)
        assert menu.custom_ids == ["topic"]
        pick = await fake.select_option(menu, "topic", ["sports"], BOB)
        edited = await fake.wait_for_message(kind="edit", interaction_id=pick.id)
        assert edited.id == menu.id and edited.content == "topic: sports" and edited.components == []
        assert (await fake.wait_for_callback(pick)).type == 6
        assert fetched == ["pick one"]  # GET .../messages/@original

        draft = await bot.get_channel(NEWS).send("draft")
        await draft.edit(content="final")
        assert (await fake.wait_for_message(kind="edit", id=draft.id)).content == "final"
        await draft.delete()
        assert fake.deleted_message_ids == [draft.id]
        assert fake.store.get(draft.id) is None


SUBPROCESS_BOT = textwrap.dedent(
    """
    import os, discord, discord.gateway, discord.http, yarl
    discord.http.Route.BASE = os.environ["FAKE_API"]
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(os.environ["FAKE_GATEWAY"])
    intents = discord.Intents.default()
    intents.message_content = True
    client = discord.Client(intents=intents, guild_ready_timeout=0.05)

    @client.event
    async def on_message(message):
        if client.user in message.mentions:
            await message.channel.send("pong from pid %d: %s" % (os.getpid(), message.content.split()[-1]))

    client.run(os.environ["FAKE_TOKEN"], log_handler=None)
    """
)


async def test_bot_in_a_subprocess(server: FakeDiscord) -> None:
    env = {**os.environ, "FAKE_API": server.api_base_url, "FAKE_GATEWAY": server.gateway_url, "FAKE_TOKEN": "sub"}
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", SUBPROCESS_BOT, env=env)
    try:
        await server.wait_until_ready(timeout=30)
        await server.send_message(NEWS, ALICE, f"{server.bot.mention} ping")
        reply = await server.wait_for_message(kind="channel", timeout=10)
        assert reply.content == f"pong from pid {proc.pid}: ping"
        assert server.identify["token"] == "sub"
    finally:
        proc.terminate()
        await proc.wait()
