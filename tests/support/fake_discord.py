"""A Discord API + gateway imitation on 127.0.0.1 for driving the real discord.py client.

One ``aiohttp.web`` app on an ephemeral port serves

* the REST API under ``/api/v10`` (and ``/api/v9``): login, application info, gateway
  discovery, app-command sync, channel messages (JSON and multipart), edits, deletes,
  typing, threads, reactions, interaction callbacks and interaction webhooks (followups,
  ``@original``);
* the gateway websocket at ``/gateway`` (v10 JSON; plain text frames, so the client's
  ``compress=zlib-stream`` query is accepted and simply never used);
* uploaded and bot-sent files at ``/attachments/{id}/{filename}`` (the "CDN").

Everything goes over the wire: the client can live in this process (point
``discord.http.Route.BASE`` and ``discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY`` at the
server, see :func:`pointed_at`) or in a subprocess given ``server.api_base_url`` and
``server.gateway_url``.  The server runs in the test's event loop, so a test that starts a
subprocess must wait for it asynchronously (``asyncio.create_subprocess_exec``), never block.

Test-side actions (``send_message``, ``send_slash_command``, ``press_button``, ...) dispatch
gateway events like a real user would cause.  Everything the bot posts or edits is recorded
in ``server.messages`` (:class:`RecordedMessage`); every HTTP request in
``server.requests`` (:class:`RecordedRequest`).

Realistic behaviours worth knowing about (each mirrors real Discord):

* an interaction must be acknowledged within ``interaction_deadline`` seconds (3 by
  default), else the callback gets 404 ``Unknown interaction`` (code 10062);
* a second callback gets 400 ``Interaction has already been acknowledged`` (40060);
  a followup before any callback gets 404 ``Unknown Webhook`` (10015);
* the first followup after a deferred (type 5) response *replaces* the "thinking" message:
  it gets that message's id and its visibility (the ephemeral flag of the defer wins);
* messages the bot posts come back to it as ``MESSAGE_CREATE`` (unless ephemeral);
* posting needs VIEW_CHANNEL + SEND_MESSAGES (SEND_MESSAGES_IN_THREADS in threads),
  thread creation CREATE_PUBLIC_THREADS, else 403 Missing Permissions (50013);
* a thread started from a message has the message's id.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import json
import re
import secrets
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from aiohttp import WSMsgType, web

DISCORD_EPOCH_MS = 1420070400000


class Perm:
    """Permission bits (a subset of Discord's)."""

    CREATE_INSTANT_INVITE = 1 << 0
    ADMINISTRATOR = 1 << 3
    MANAGE_CHANNELS = 1 << 4
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    CHANGE_NICKNAME = 1 << 26
    USE_APPLICATION_COMMANDS = 1 << 31
    MANAGE_THREADS = 1 << 34
    CREATE_PUBLIC_THREADS = 1 << 35
    CREATE_PRIVATE_THREADS = 1 << 36
    SEND_MESSAGES_IN_THREADS = 1 << 38
    ALL = (1 << 51) - 1
    #: What @everyone gets in a new guild (roughly), and what the bot's role gets by default.
    DEFAULT = (
        CREATE_INSTANT_INVITE
        | ADD_REACTIONS
        | VIEW_CHANNEL
        | SEND_MESSAGES
        | EMBED_LINKS
        | ATTACH_FILES
        | READ_MESSAGE_HISTORY
        | USE_EXTERNAL_EMOJIS
        | CHANGE_NICKNAME
        | USE_APPLICATION_COMMANDS
        | CREATE_PUBLIC_THREADS
        | CREATE_PRIVATE_THREADS
        | SEND_MESSAGES_IN_THREADS
    )


THREAD_TYPES = (10, 11, 12)
EPHEMERAL = 1 << 6
LOADING = 1 << 7


def _now_iso() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat()


def _int_ids(values: Any) -> list[int]:
    return [int(v) for v in values or []]


# --------------------------------------------------------------------------- records


@dataclass
class User:
    """A Discord user (the bot itself, or a human the test acts as)."""

    id: int
    username: str
    bot: bool = False
    global_name: str | None = None

    @property
    def mention(self) -> str:
        """``<@id>``, what a client puts in the content to mention this user."""
        return f"<@{self.id}>"

    def payload(self) -> dict[str, Any]:
        """The user object as the API sends it."""
        return {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "bot": self.bot,
            "public_flags": 0,
        }


@dataclass
class RecordedFile:
    """A file part (uploaded by the bot, or served to it)."""

    name: str
    data: bytes
    content_type: str | None = None


@dataclass
class RecordedRequest:
    """One HTTP request the client made. ``path`` is relative to the API base (``/channels/1/messages``)
    or absolute for non-API paths (``/attachments/...``)."""

    method: str
    path: str
    query: dict[str, str]
    json: Any
    files: list[RecordedFile]
    headers: dict[str, str]
    status: int = 0


@dataclass
class RecordedCallback:
    """One interaction callback (``POST /interactions/{id}/{token}/callback``)."""

    interaction_id: int
    type: int  # 4 reply, 5 deferred reply, 6 deferred update, 7 update message, 9 modal
    data: dict[str, Any]

    @property
    def ephemeral(self) -> bool:
        return bool(int(self.data.get("flags") or 0) & EPHEMERAL)


@dataclass
class RecordedMessage:
    """A snapshot of a message the bot posted or edited.

    ``kind`` is 'channel' (POST /channels/{id}/messages), 'interaction_response' (callback type 4),
    'followup' (interaction webhook) or 'edit' (any edit: channel PATCH, ``@original``/followup
    PATCH, callback type 7).  For edits the fields hold the message's state *after* the edit;
    ``payload`` is always the raw JSON the bot sent.  ``flags`` are the effective flags
    (see the module doc about followups after a defer); ``requested_flags`` what the bot asked.
    ``mentions`` / ``mention_roles`` / ``mention_everyone`` are who would actually be pinged,
    honouring ``allowed_mentions``.
    """

    kind: str
    id: int
    channel_id: int
    guild_id: int | None
    content: str
    embeds: list[dict[str, Any]]
    components: list[dict[str, Any]]
    flags: int
    allowed_mentions: dict[str, Any] | None
    attachments: list[RecordedFile]
    interaction_id: int | None = None
    message_reference: dict[str, Any] | None = None
    requested_flags: int = 0
    mentions: list[int] = field(default_factory=list)
    mention_roles: list[int] = field(default_factory=list)
    mention_everyone: bool = False
    payload: dict[str, Any] = field(default_factory=dict)

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    @property
    def custom_ids(self) -> list[str]:
        """custom_ids of all components (buttons, selects), flattened out of action rows."""
        out: list[str] = []

        def walk(items: list[dict[str, Any]]) -> None:
            for c in items:
                if "custom_id" in c:
                    out.append(c["custom_id"])
                walk(c.get("components", []))

        walk(self.components)
        return out

    @property
    def text(self) -> str:
        """Content plus all embed text (title, description, fields, footer) for easy substring asserts."""
        parts = [self.content]
        for e in self.embeds:
            parts += [e.get("title") or "", e.get("description") or ""]
            for f in e.get("fields", []):
                parts += [f.get("name") or "", f.get("value") or ""]
            parts.append((e.get("footer") or {}).get("text") or "")
        return "\n".join(p for p in parts if p)


@dataclass
class InteractionRecord:
    """An interaction the test started; returned by ``send_slash_command`` / ``press_button``."""

    id: int
    token: str
    type: int
    channel_id: int
    guild_id: int | None
    user_id: int
    payload: dict[str, Any]
    created: float
    component_message_id: int | None = None
    response_type: int | None = None
    original_message_id: int | None = None
    loading: bool = False  # a type-5 "thinking" message waits for its first followup/edit
    loading_flags: int = 0


# --------------------------------------------------------------------------- state


@dataclass
class _Guild:
    id: int
    name: str
    owner_id: int
    roles: dict[int, dict[str, Any]] = field(default_factory=dict)
    members: dict[int, dict[str, Any]] = field(default_factory=dict)  # user_id -> {roles, nick, joined_at}


class _HTTPError(Exception):
    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


class _Session:
    """One gateway websocket connection."""

    def __init__(self, ws: web.WebSocketResponse, query: dict[str, str]) -> None:
        self.ws = ws
        self.query = query
        self.seq = 0
        self.session_id: str | None = None
        self.ready = False
        self.lock = asyncio.Lock()

    async def send(self, op: int, d: Any, t: str | None = None) -> None:
        async with self.lock:
            s = None
            if op == 0:
                self.seq += 1
                s = self.seq
            if not self.ws.closed:
                with contextlib.suppress(ConnectionError):  # the client is going away
                    await self.ws.send_str(json.dumps({"op": op, "d": d, "s": s, "t": t}))


# --------------------------------------------------------------------------- server


class FakeDiscord:
    """The fake Discord.  Configure with the ``add_*`` builders, then ``await start()``."""

    def __init__(
        self,
        bot_id: int = 900000000000000001,
        bot_name: str = "Newsdesk",
        *,
        application_id: int | None = None,
        token: str | None = None,
        interaction_deadline: float = 3.0,
        heartbeat_interval_ms: int = 41250,
    ) -> None:
        """``token``: if set, REST and IDENTIFY with another token are refused (401 / close 4004).
        ``interaction_deadline``: seconds within which the first interaction callback must arrive."""
        self.bot = User(bot_id, bot_name, bot=True)
        self.application_id = application_id or bot_id
        self.token = token
        self.interaction_deadline = interaction_deadline
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.users: dict[int, User] = {bot_id: self.bot}
        self.guilds: dict[int, _Guild] = {}
        self.channels: dict[int, dict[str, Any]] = {}  # channel/thread id -> channel payload
        self.store: dict[int, dict[str, Any]] = {}  # message id -> current message payload
        self.files: dict[int, RecordedFile] = {}  # attachment id -> file
        # guild id (None = global) -> command name -> command
        self.commands: dict[int | None, dict[str, dict[str, Any]]] = {}
        self.interactions: dict[int, InteractionRecord] = {}
        # What was recorded
        self.messages: list[RecordedMessage] = []
        self.requests: list[RecordedRequest] = []
        self.callbacks: list[RecordedCallback] = []
        self.deleted_message_ids: list[int] = []
        self.gateway_received: list[dict[str, Any]] = []  # every frame the client sent
        self.gateway_connections: list[dict[str, str]] = []  # query params of every ws connect
        self.identify: dict[str, Any] | None = None  # the last IDENTIFY 'd'
        self.errors: list[Exception] = []  # exceptions inside the fake itself (should stay empty)
        self.command_syncs: list[tuple[int | None, list[dict[str, Any]]]] = []
        self.api_base_url = self.gateway_url = self.http_base_url = ""
        self._sessions: list[_Session] = []
        self._known_sessions: set[str] = set()
        self._last_snowflake = 0
        self._changed = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._routes = self._build_routes()

    # ------------------------------------------------------------------ builders

    def add_user(self, user_id: int, username: str, *, bot: bool = False) -> User:
        """Register a user (members are registered by ``add_member``)."""
        user = self.users.get(user_id) or User(user_id, username, bot=bot)
        self.users[user_id] = user
        return user

    def add_guild(
        self,
        guild_id: int,
        owner_id: int | None = None,
        name: str = "Test Guild",
        *,
        everyone_permissions: int = Perm.DEFAULT,
        bot_permissions: int = Perm.DEFAULT,
    ) -> None:
        """A guild with its @everyone role, the bot as member (with a managed role holding
        ``bot_permissions``) and an owner (a member named 'owner' is created if needed)."""
        owner_id = owner_id or guild_id + 1
        guild = _Guild(guild_id, name, owner_id)
        self.guilds[guild_id] = guild
        self.add_role(guild_id, guild_id, "@everyone", everyone_permissions)
        bot_role = self._snowflake()
        self.add_role(guild_id, bot_role, self.bot.username, bot_permissions, managed_for=self.bot.id)
        self.add_member(guild_id, self.bot.id, self.bot.username, [bot_role])
        if owner_id not in guild.members:
            self.add_member(guild_id, owner_id, "owner")  # (an already known user keeps its name)

    def add_role(
        self, guild_id: int, role_id: int, name: str, permissions: int = 0, *, managed_for: int | None = None
    ) -> None:
        """A role with a permissions bitfield (see :class:`Perm`)."""
        guild = self.guilds[guild_id]
        guild.roles[role_id] = {
            "id": str(role_id),
            "name": name,
            "permissions": str(permissions),
            "position": len(guild.roles),
            "color": 0,
            "hoist": False,
            "managed": managed_for is not None,
            "mentionable": False,
            "flags": 0,
            **({"tags": {"bot_id": str(managed_for)}} if managed_for else {}),
        }

    def add_member(
        self,
        guild_id: int,
        user_id: int,
        name: str | None = None,
        role_ids: Sequence[int] = (),
        *,
        nick: str | None = None,
    ) -> User:
        """Make a user (created if new) a guild member with the given roles; returns the user."""
        user = self.add_user(user_id, name or f"user{user_id}")
        member = {"roles": list(role_ids), "nick": nick, "joined_at": _now_iso()}
        self.guilds[guild_id].members[user_id] = member
        return user

    def add_channel(
        self,
        guild_id: int,
        channel_id: int,
        name: str,
        *,
        type: int = 0,
        parent_id: int | None = None,
        topic: str | None = None,
        permission_overwrites: list[dict[str, Any]] | None = None,
    ) -> None:
        """A guild channel (type 0 text, 4 category, 5 news, 15 forum...).  Overwrites are
        ``{'id': role_or_user_id, 'type': 0 role | 1 member, 'allow': int, 'deny': int}``."""
        self.channels[channel_id] = {
            "id": str(channel_id),
            "type": type,
            "guild_id": str(guild_id),
            "name": name,
            "position": sum(1 for c in self.channels.values() if c.get("guild_id") == str(guild_id)),
            "parent_id": str(parent_id) if parent_id else None,
            "topic": topic,
            "nsfw": False,
            "rate_limit_per_user": 0,
            "last_message_id": None,
            "flags": 0,
            "permission_overwrites": [
                {
                    "id": str(o["id"]),
                    "type": o.get("type", 0),
                    "allow": str(o.get("allow", 0)),
                    "deny": str(o.get("deny", 0)),
                }
                for o in permission_overwrites or []
            ],
        }

    def add_thread(
        self,
        guild_id: int,
        parent_id: int,
        thread_id: int,
        name: str,
        *,
        owner_id: int | None = None,
        type: int = 11,
    ) -> dict[str, Any]:
        """A thread (type 11 public, 12 private) under ``parent_id``; sent in GUILD_CREATE.
        After the client is connected use ``await create_thread(...)`` so it hears about it."""
        thread = {
            "id": str(thread_id),
            "type": type,
            "guild_id": str(guild_id),
            "parent_id": str(parent_id),
            "owner_id": str(owner_id or self.bot.id),
            "name": name,
            "last_message_id": None,
            "message_count": 0,
            "member_count": 1,
            "total_message_sent": 0,
            "rate_limit_per_user": 0,
            "flags": 0,
            "thread_metadata": {
                "archived": False,
                "auto_archive_duration": 1440,
                "archive_timestamp": _now_iso(),
                "locked": False,
                "create_timestamp": _now_iso(),
            },
        }
        self.channels[thread_id] = thread
        return thread

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> str:
        """Listen on 127.0.0.1:<ephemeral>; sets ``api_base_url``, ``gateway_url``, ``http_base_url``
        and returns ``api_base_url``."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/attachments/{id}/{filename}", self._cdn)
        app.router.add_route("*", "/api/{version:v\\d+}/{tail:.*}", self._api)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.http_base_url = f"http://127.0.0.1:{port}"
        self.api_base_url = f"{self.http_base_url}/api/v10"
        self.gateway_url = f"ws://127.0.0.1:{port}/gateway"
        return self.api_base_url

    async def stop(self) -> None:
        """Close every gateway connection and stop listening."""
        for session in list(self._sessions):
            await session.ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # ------------------------------------------------------------------ waiting

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait_until(self, check: Callable[[], Any], timeout: float, what: Callable[[], str]) -> Any:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = check()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"timed out after {timeout}s waiting for {what()}")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)

    async def wait_until_ready(self, timeout: float = 10.0) -> None:
        """Wait until a client has IDENTIFYed and got READY + GUILD_CREATEs.  (discord.py's own
        ``on_ready`` comes ``guild_ready_timeout`` seconds later, 2s by default.)"""
        await self._wait_until(lambda: any(s.ready for s in self._sessions), timeout, lambda: "IDENTIFY")

    async def wait_for_command_sync(self, guild_id: Any = ..., timeout: float = 10.0) -> list[dict[str, Any]]:
        """Wait for a PUT of application commands (any scope, or ``guild_id``; None = global);
        returns the synced commands with their ids."""

        def check() -> Any:
            for scope, cmds in self.command_syncs:
                if guild_id is ... or scope == guild_id:
                    return cmds or [{}]
            return None

        cmds = await self._wait_until(check, timeout, lambda: f"command sync (guild {guild_id})")
        return [c for c in cmds if c]

    async def wait_for_message(
        self,
        predicate: Callable[[RecordedMessage], bool] | None = None,
        timeout: float = 5.0,
        *,
        start: int = 0,
        **fields: Any,
    ) -> RecordedMessage:
        """Wait until a recorded message (from index ``start`` of ``messages``) matches ``predicate``
        and all ``fields`` (attribute equality, e.g. ``kind='followup', channel_id=1``); returns it.
        Already-recorded messages count: pass ``start=len(server.messages)`` to wait for a new one."""

        def check() -> RecordedMessage | None:
            for m in self.messages[start:]:
                if all(getattr(m, k) == v for k, v in fields.items()) and (predicate is None or predicate(m)):
                    return m
            return None

        def what() -> str:
            seen = (
                "\n".join(
                    f"  {m.kind} #{m.id} ch={m.channel_id} flags={m.flags} {m.text[:80]!r}"
                    for m in self.messages[start:]
                )
                or "  (none)"
            )
            return f"a message {fields or ''} matching {predicate}; recorded:\n{seen}"

        return await self._wait_until(check, timeout, what)

    async def wait_for_request(
        self, method: str, path_regex: str, timeout: float = 5.0, *, start: int = 0
    ) -> RecordedRequest:
        """Wait until the client made a request ``method`` whose path fully matches ``path_regex``."""

        def check() -> RecordedRequest | None:
            return next(
                (r for r in self.requests[start:] if r.method == method and re.fullmatch(path_regex, r.path)), None
            )

        return await self._wait_until(
            check,
            timeout,
            lambda: f"{method} {path_regex}; got " + ", ".join(f"{r.method} {r.path}" for r in self.requests[start:]),
        )

    async def wait_for_callback(self, interaction: InteractionRecord | int, timeout: float = 5.0) -> RecordedCallback:
        """Wait until the bot acknowledged the interaction; returns the callback."""
        iid = interaction if isinstance(interaction, int) else interaction.id
        return await self._wait_until(
            lambda: next((c for c in self.callbacks if c.interaction_id == iid), None),
            timeout,
            lambda: f"a callback for interaction {iid}",
        )

    def find_requests(self, method: str, path_regex: str) -> list[RecordedRequest]:
        """Recorded requests with this method whose path fully matches ``path_regex``."""
        return [r for r in self.requests if r.method == method and re.fullmatch(path_regex, r.path)]

    # ------------------------------------------------------------------ test-side actions

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a DISPATCH (op 0) ``event`` to every identified client."""
        sessions = [s for s in self._sessions if s.ready]
        if not sessions:
            raise RuntimeError(f"no client is connected to receive {event}; await wait_until_ready() first")
        for s in sessions:
            await s.send(0, data, event)

    async def send_message(
        self,
        channel_id: int,
        author: User | int,
        content: str,
        *,
        mentions: list[User | int] | None = None,
        attachments: list[tuple[str, bytes]] | None = None,
        reply_to: int | None = None,
    ) -> dict[str, Any]:
        """A user posts ``content`` in a channel or thread -> MESSAGE_CREATE; returns the message payload.
        ``mentions`` defaults to the users written as ``<@id>`` in the content (so
        ``f"{server.bot.mention} question"`` mentions the bot)."""
        user = self._user(author)
        if mentions is None:
            ids = _int_ids(re.findall(r"<@!?(\d+)>", content))
        else:
            ids = [m if isinstance(m, int) else m.id for m in mentions]
        files = [self._store_file(name, data) for name, data in attachments or []]
        msg = self._message_payload(
            channel_id,
            user,
            content,
            mentions=ids,
            mention_roles=_int_ids(re.findall(r"<@&(\d+)>", content)),
            mention_everyone="@everyone" in content or "@here" in content,
            attachments=files,
            reference={"message_id": str(reply_to), "channel_id": str(channel_id)} if reply_to else None,
        )
        self._save(msg)
        await self.dispatch("MESSAGE_CREATE", msg)
        return msg

    async def create_thread(
        self, parent_id: int, name: str, owner: User | int, *, thread_id: int | None = None, type: int = 11
    ) -> dict[str, Any]:
        """A user creates a thread -> THREAD_CREATE; returns the thread channel payload."""
        parent = self._channel(parent_id)
        thread = self.add_thread(
            int(parent["guild_id"]),
            parent_id,
            thread_id or self._snowflake(),
            name,
            owner_id=self._user(owner).id,
            type=type,
        )
        await self.dispatch("THREAD_CREATE", {**thread, "newly_created": True})
        return thread

    async def send_slash_command(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        user: User | int,
        channel_id: int,
        guild_id: int | None = None,
        attachments: dict[str, tuple[Any, ...]] | None = None,
    ) -> InteractionRecord:
        """A user runs ``/name`` (``'review export'`` for subcommands) -> INTERACTION_CREATE type 2.

        The command must have been synced (its id, option types and choices come from the sync).
        ``options`` maps option name -> value (user/channel/role options take an id or :class:`User`);
        attachment options take ``(filename, bytes[, content_type])`` either in ``options`` or in
        ``attachments``; the file is served at ``/attachments/{id}/{filename}``."""
        channel = self._channel(channel_id)
        guild_id = guild_id or (int(channel["guild_id"]) if channel.get("guild_id") else None)
        top, *subs = name.split()
        command = self.commands.get(guild_id, {}).get(top) or self.commands.get(None, {}).get(top)
        if command is None:
            raise LookupError(f"/{top} was not synced (synced: {self._synced_names()})")
        spec_options = command.get("options", [])
        chain: list[dict[str, Any]] = []
        for sub in subs:
            spec = next((o for o in spec_options if o["name"] == sub and o["type"] in (1, 2)), None)
            if spec is None:
                raise LookupError(f"/{name}: no subcommand {sub!r}")
            chain.append({"type": spec["type"], "name": sub, "options": []})
            spec_options = spec.get("options", [])
        given = {**(options or {}), **(attachments or {})}
        resolved: dict[str, dict[str, Any]] = {}
        unknown = set(given) - {o["name"] for o in spec_options}
        missing = {o["name"] for o in spec_options if o.get("required") and o["name"] not in given}
        if unknown or missing:
            raise ValueError(f"/{name}: unknown options {sorted(unknown)}, missing {sorted(missing)}")
        opts = [self._option(o, given[o["name"]], guild_id, resolved) for o in spec_options if o["name"] in given]
        for link in reversed(chain):
            link["options"] = opts
            opts = [link]
        data: dict[str, Any] = {"id": command["id"], "name": top, "type": 1, "options": opts}
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        if resolved:
            data["resolved"] = resolved
        return await self._interact(2, data, self._user(user), channel_id, guild_id)

    async def press_button(
        self, message: RecordedMessage | dict[str, Any] | int, custom_id: str, user: User | int
    ) -> InteractionRecord:
        """A user clicks the button ``custom_id`` on a message -> INTERACTION_CREATE type 3 carrying the
        message's current payload.  Raises if the message has no such (enabled) component."""
        return await self._component(message, custom_id, user, None)

    async def submit_modal(
        self, shown_by: InteractionRecord | int, values: dict[str, str], user: User | int
    ) -> InteractionRecord:
        """A user fills in and submits the modal the bot opened in answer to ``shown_by`` (callback
        type 9) -> INTERACTION_CREATE type 5 with each text input's ``custom_id`` and value.
        Raises if the bot opened no modal there, or it has no such input."""
        iid = shown_by if isinstance(shown_by, int) else shown_by.id
        callback = next((c for c in self.callbacks if c.interaction_id == iid and c.type == 9), None)
        if callback is None:
            raise LookupError(f"interaction {iid} was not answered with a modal")
        inputs = [c for c in _walk(callback.data.get("components", [])) if c.get("type") == 4]
        unknown = set(values) - {c["custom_id"] for c in inputs}
        if unknown:
            raise LookupError(f"the modal has no inputs {sorted(unknown)}; has {[c['custom_id'] for c in inputs]}")
        rows = [
            {
                "type": 1,
                "components": [{"type": 4, "custom_id": c["custom_id"], "value": values.get(c["custom_id"], "")}],
            }
            for c in inputs
        ]
        ix = self.interactions[iid]
        data = {"custom_id": callback.data["custom_id"], "components": rows}
        return await self._interact(5, data, self._user(user), ix.channel_id, ix.guild_id)

    async def select_option(
        self,
        message: RecordedMessage | dict[str, Any] | int,
        custom_id: str,
        values: list[str],
        user: User | int,
    ) -> InteractionRecord:
        """A user picks ``values`` in the select menu ``custom_id`` -> INTERACTION_CREATE type 3."""
        return await self._component(message, custom_id, user, values)

    async def _component(
        self, message: Any, custom_id: str, user: User | int, values: list[str] | None
    ) -> InteractionRecord:
        mid = message if isinstance(message, int) else int(message["id"] if isinstance(message, dict) else message.id)
        msg = self.store.get(mid)
        if msg is None:
            raise LookupError(f"message {mid} does not exist (deleted?)")
        components = [c for c in _walk(msg.get("components", [])) if "custom_id" in c]
        found = [c for c in components if c["custom_id"] == custom_id]
        if not found:
            raise LookupError(
                f"message {mid} has no component {custom_id!r}; has {[c['custom_id'] for c in components]}"
            )
        if found[0].get("disabled"):
            raise ValueError(f"component {custom_id!r} is disabled")
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": found[0]["type"]}
        if values is not None:
            data["values"] = values
        channel_id = int(msg["channel_id"])
        guild_id = int(msg["guild_id"]) if msg.get("guild_id") else None
        return await self._interact(3, data, self._user(user), channel_id, guild_id, message=msg)

    async def _interact(
        self,
        type: int,
        data: dict[str, Any],
        user: User,
        channel_id: int,
        guild_id: int | None,
        message: dict[str, Any] | None = None,
    ) -> InteractionRecord:
        iid = self._snowflake()
        token = f"itoken-{iid}-{secrets.token_hex(8)}"
        payload: dict[str, Any] = {
            "id": str(iid),
            "application_id": str(self.application_id),
            "type": type,
            "data": data,
            "token": token,
            "version": 1,
            "locale": "en-US",
            "entitlements": [],
            "context": 0 if guild_id else 1,
            "attachment_size_limit": 10 * 1024 * 1024,
            "channel_id": str(channel_id),
            "channel": {**self._channel(channel_id)},
            "authorizing_integration_owners": {"0": str(guild_id)} if guild_id else {"1": str(user.id)},
        }
        if guild_id:
            perms = self.permissions_for(guild_id, user.id, channel_id)
            payload.update(
                guild_id=str(guild_id),
                guild_locale="en-US",
                guild={"id": str(guild_id), "locale": "en-US", "features": []},
                member={**self._member_payload(guild_id, user.id), "permissions": str(perms)},
                app_permissions=str(self.permissions_for(guild_id, self.bot.id, channel_id)),
            )
            payload["channel"]["permissions"] = str(perms)
        else:
            payload["user"] = user.payload()
        if message is not None:
            payload["message"] = message
        record = InteractionRecord(
            iid,
            token,
            type,
            channel_id,
            guild_id,
            user.id,
            payload,
            time.monotonic(),
            component_message_id=int(message["id"]) if message else None,
        )
        self.interactions[iid] = record
        await self.dispatch("INTERACTION_CREATE", payload)
        return record

    # ------------------------------------------------------------------ permissions & payloads

    def permissions_for(self, guild_id: int, user_id: int, channel_id: int | None = None) -> int:
        """Discord's permission computation: owner/admin -> all; @everyone | roles; then the channel's
        (a thread's parent's) overwrites for @everyone, the member's roles, the member."""
        guild = self.guilds[guild_id]
        if user_id == guild.owner_id:
            return Perm.ALL
        role_ids = guild.members.get(user_id, {}).get("roles", [])
        perms = int(guild.roles[guild_id]["permissions"])
        for rid in role_ids:
            perms |= int(guild.roles[rid]["permissions"])
        if perms & Perm.ADMINISTRATOR:
            return Perm.ALL
        if channel_id is not None and channel_id in self.channels:
            channel = self.channels[channel_id]
            if channel["type"] in THREAD_TYPES:
                channel = self.channels.get(int(channel["parent_id"]), channel)
            overwrites = {int(o["id"]): o for o in channel.get("permission_overwrites", [])}
            if guild_id in overwrites:
                perms = (perms & ~int(overwrites[guild_id]["deny"])) | int(overwrites[guild_id]["allow"])
            allow = deny = 0
            for rid in role_ids:
                if rid in overwrites:
                    allow |= int(overwrites[rid]["allow"])
                    deny |= int(overwrites[rid]["deny"])
            perms = (perms & ~deny) | allow
            if user_id in overwrites and overwrites[user_id]["type"] == 1:
                perms = (perms & ~int(overwrites[user_id]["deny"])) | int(overwrites[user_id]["allow"])
        return perms

    def _snowflake(self) -> int:
        value = (int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22
        self._last_snowflake = max(value, self._last_snowflake + 1)
        return self._last_snowflake

    def _user(self, user: User | int) -> User:
        uid = user if isinstance(user, int) else user.id
        if uid not in self.users:
            raise LookupError(f"unknown user {uid}; add_member() it first")
        return self.users[uid]

    def _channel(self, channel_id: int) -> dict[str, Any]:
        if channel_id not in self.channels:
            raise _HTTPError(404, 10003, "Unknown Channel")
        return self.channels[channel_id]

    def _synced_names(self) -> dict[Any, list[str]]:
        return {scope: sorted(cmds) for scope, cmds in self.commands.items()}

    def _member_payload(self, guild_id: int, user_id: int, *, with_user: bool = True) -> dict[str, Any]:
        member = self.guilds[guild_id].members.get(user_id) or {"roles": [], "nick": None, "joined_at": None}
        payload = {
            "roles": [str(r) for r in member["roles"]],
            "nick": member["nick"],
            "joined_at": member["joined_at"],
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "avatar": None,
            "premium_since": None,
            "communication_disabled_until": None,
        }
        if with_user:
            payload["user"] = self.users[user_id].payload()
        return payload

    def _guild_payload(self, guild: _Guild) -> dict[str, Any]:
        channels = [c for c in self.channels.values() if c.get("guild_id") == str(guild.id)]
        return {
            "id": str(guild.id),
            "name": guild.name,
            "owner_id": str(guild.owner_id),
            "unavailable": False,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "features": [],
            "emojis": [],
            "stickers": [],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "roles": list(guild.roles.values()),
            "channels": [c for c in channels if c["type"] not in THREAD_TYPES],
            "threads": [c for c in channels if c["type"] in THREAD_TYPES],
            "members": [self._member_payload(guild.id, uid) for uid in guild.members],
            "member_count": len(guild.members),
            "large": False,
            "joined_at": _now_iso(),
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "preferred_locale": "en-US",
            "afk_channel_id": None,
            "afk_timeout": 300,
        }

    def _store_file(self, name: str, data: bytes, content_type: str | None = None) -> dict[str, Any]:
        att_id = self._snowflake()
        self.files[att_id] = RecordedFile(name, data, content_type)
        url = f"{self.http_base_url}/attachments/{att_id}/{quote(name)}"
        payload = {"id": str(att_id), "filename": name, "size": len(data), "url": url, "proxy_url": url}
        if content_type:
            payload["content_type"] = content_type
        return payload

    def _mentions(
        self, content: str, allowed: dict[str, Any] | None, replied_user: int | None
    ) -> tuple[list[int], list[int], bool]:
        """Who a bot message really pings: users / roles / everyone, filtered by allowed_mentions."""
        users = _int_ids(re.findall(r"<@!?(\d+)>", content))
        roles = _int_ids(re.findall(r"<@&(\d+)>", content))
        everyone = "@everyone" in content or "@here" in content
        if allowed is None:  # no allowed_mentions: everything in the content pings, and replies ping
            parse, ok_users, ok_roles, ping_reply = {"users", "roles", "everyone"}, set(), set(), True
        else:
            parse = set(allowed.get("parse", []))
            ok_users, ok_roles = set(_int_ids(allowed.get("users"))), set(_int_ids(allowed.get("roles")))
            ping_reply = bool(allowed.get("replied_user"))
        users = [u for u in users if "users" in parse or u in ok_users]
        if replied_user and ping_reply and replied_user not in users:
            users.append(replied_user)
        roles = [r for r in roles if "roles" in parse or r in ok_roles]
        return users, roles, everyone and "everyone" in parse

    def _message_payload(
        self,
        channel_id: int,
        author: User,
        content: str,
        *,
        mentions: list[int],
        mention_roles: list[int],
        mention_everyone: bool,
        attachments: list[dict[str, Any]],
        reference: dict[str, Any] | None = None,
        embeds: list[dict[str, Any]] | None = None,
        components: list[dict[str, Any]] | None = None,
        flags: int = 0,
        message_id: int | None = None,
        interaction: InteractionRecord | None = None,
    ) -> dict[str, Any]:
        channel = self._channel(channel_id)
        guild_id = int(channel["guild_id"]) if channel.get("guild_id") else None
        msg: dict[str, Any] = {
            "id": str(message_id or self._snowflake()),
            "channel_id": str(channel_id),
            "type": 0,
            "author": author.payload(),
            "content": content,
            "timestamp": _now_iso(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": mention_everyone,
            "mention_roles": [str(r) for r in mention_roles],
            "attachments": attachments,
            "embeds": embeds or [],
            "components": components or [],
            "pinned": False,
            "flags": flags,
            "reactions": [],
            "mentions": [
                {
                    **self.users[u].payload(),
                    **(
                        {"member": self._member_payload(guild_id, u, with_user=False)}
                        if guild_id and u in self.guilds[guild_id].members
                        else {}
                    ),
                }
                for u in mentions
                if u in self.users
            ],
        }
        if guild_id:
            msg["guild_id"] = str(guild_id)
            if not interaction and author.id in self.guilds[guild_id].members:
                msg["member"] = self._member_payload(guild_id, author.id, with_user=False)
        if reference:
            msg["message_reference"] = {"type": 0, **reference}
            if guild_id:
                msg["message_reference"]["guild_id"] = str(guild_id)
            ref = self.store.get(int(reference["message_id"]))
            msg["type"] = 19
            msg["referenced_message"] = ref
        if interaction:
            msg.update(webhook_id=str(self.application_id), application_id=str(self.application_id))
            msg["type"] = 20 if interaction.type == 2 else 0
            msg["interaction_metadata"] = {
                "id": str(interaction.id),
                "type": interaction.type,
                "user": self.users[interaction.user_id].payload(),
                "authorizing_integration_owners": interaction.payload["authorizing_integration_owners"],
            }
        return msg

    def _save(self, msg: dict[str, Any]) -> None:
        self.store[int(msg["id"])] = msg
        channel = self.channels.get(int(msg["channel_id"]))
        if channel is not None:
            channel["last_message_id"] = msg["id"]
        self._notify()

    def _record(
        self,
        kind: str,
        msg: dict[str, Any],
        sent: dict[str, Any],
        *,
        requested_flags: int = 0,
        interaction: InteractionRecord | None = None,
    ) -> RecordedMessage:
        rec = RecordedMessage(
            kind=kind,
            id=int(msg["id"]),
            channel_id=int(msg["channel_id"]),
            guild_id=int(msg["guild_id"]) if msg.get("guild_id") else None,
            content=msg["content"],
            embeds=msg["embeds"],
            components=msg["components"],
            flags=msg["flags"],
            allowed_mentions=msg.get("_allowed_mentions"),
            attachments=[self.files[int(a["id"])] for a in msg["attachments"] if int(a["id"]) in self.files],
            interaction_id=interaction.id if interaction else None,
            message_reference=msg.get("message_reference"),
            requested_flags=requested_flags,
            mentions=_int_ids(u["id"] for u in msg["mentions"]),
            mention_roles=_int_ids(msg["mention_roles"]),
            mention_everyone=msg["mention_everyone"],
            payload=sent,
        )
        self.messages.append(rec)
        self._notify()
        return rec

    async def _broadcast(self, event: str, data: dict[str, Any]) -> None:
        """Dispatch a server-initiated event to whoever is connected (nobody is fine)."""
        for s in [s for s in self._sessions if s.ready]:
            await s.send(0, data, event)

    async def _echo(self, event: str, msg: dict[str, Any]) -> None:
        """Real Discord tells the bot about its own (non-ephemeral) messages too."""
        if not msg["flags"] & EPHEMERAL:
            await self._broadcast(event, _public(msg))

    # ------------------------------------------------------------------ bot-side message operations

    async def _create(
        self,
        kind: str,
        channel_id: int,
        sent: dict[str, Any],
        files: list[RecordedFile],
        *,
        interaction: InteractionRecord | None = None,
    ) -> dict[str, Any]:
        channel = self._channel(channel_id)
        guild_id = int(channel["guild_id"]) if channel.get("guild_id") else None
        if guild_id and interaction is None:
            need = Perm.VIEW_CHANNEL | (
                Perm.SEND_MESSAGES_IN_THREADS if channel["type"] in THREAD_TYPES else Perm.SEND_MESSAGES
            )
            if self.permissions_for(guild_id, self.bot.id, channel_id) & need != need:
                raise _HTTPError(403, 50013, "Missing Permissions")
        content = sent.get("content") or ""
        embeds = sent.get("embeds") or []
        attachments = self._attachments(sent, files, [])
        if not (content or embeds or attachments or sent.get("components") or sent.get("sticker_ids")):
            raise _HTTPError(400, 50006, "Cannot send an empty message")
        requested = int(sent.get("flags") or 0)
        flags = requested if interaction else requested & ~EPHEMERAL
        reference = sent.get("message_reference")
        replied_user = None
        if reference:
            ref = self.store.get(int(reference["message_id"]))
            if ref is None:
                if reference.get("fail_if_not_exists", True):
                    raise _HTTPError(400, 50035, "Invalid Form Body: Unknown message")
                reference = None
            else:
                replied_user = int(ref["author"]["id"])
                reference = {"message_id": ref["id"], "channel_id": ref["channel_id"]}
        allowed = sent.get("allowed_mentions")
        users, roles, everyone = self._mentions(content, allowed, replied_user)
        msg = self._message_payload(
            channel_id,
            self.bot,
            content,
            mentions=users,
            mention_roles=roles,
            mention_everyone=everyone,
            attachments=attachments,
            reference=reference,
            embeds=embeds,
            components=sent.get("components"),
            flags=flags,
            interaction=interaction,
        )
        if sent.get("nonce") is not None:
            msg["nonce"] = sent["nonce"]
        self._save({**msg, "_allowed_mentions": allowed})
        self._record(kind, self.store[int(msg["id"])], sent, requested_flags=requested, interaction=interaction)
        return msg

    async def _edit(
        self,
        message_id: int,
        sent: dict[str, Any],
        files: list[RecordedFile],
        *,
        interaction: InteractionRecord | None = None,
        kind: str = "edit",
        clear_loading: bool = False,
    ) -> dict[str, Any]:
        msg = self.store.get(message_id)
        if msg is None:
            raise _HTTPError(404, 10008, "Unknown Message")
        if int(msg["author"]["id"]) != self.bot.id:
            raise _HTTPError(403, 50005, "Cannot edit a message authored by another user")
        msg = {**msg}
        for key in ("content", "embeds", "components"):
            if key in sent:
                msg[key] = sent[key] if sent[key] is not None else ("" if key == "content" else [])
        if "attachments" in sent or files:
            msg["attachments"] = self._attachments(sent, files, msg["attachments"])
        if "allowed_mentions" in sent:
            msg["_allowed_mentions"] = sent["allowed_mentions"]
        if clear_loading:
            msg["flags"] &= ~LOADING
        if "flags" in sent and sent["flags"] is not None:  # only SUPPRESS_EMBEDS can change on edit
            msg["flags"] = (msg["flags"] & ~4) | (int(sent["flags"]) & 4)
        users, roles, everyone = self._mentions(msg["content"], msg.get("_allowed_mentions"), None)
        msg.update(
            mentions=[self.users[u].payload() for u in users if u in self.users],
            mention_roles=[str(r) for r in roles],
            mention_everyone=everyone,
        )
        if not clear_loading:  # filling a "thinking..." message is not shown as an edit
            msg["edited_timestamp"] = _now_iso()
        self._save(msg)
        self._record(kind, msg, sent, requested_flags=int(sent.get("flags") or 0), interaction=interaction)
        await self._echo("MESSAGE_UPDATE", msg)
        return _public(msg)

    async def _delete(self, message_id: int) -> None:
        msg = self.store.pop(message_id, None)
        if msg is None:
            raise _HTTPError(404, 10008, "Unknown Message")
        self.deleted_message_ids.append(message_id)
        self._notify()
        if not msg["flags"] & EPHEMERAL:
            event = {"id": msg["id"], "channel_id": msg["channel_id"]}
            if msg.get("guild_id"):
                event["guild_id"] = msg["guild_id"]
            await self._broadcast("MESSAGE_DELETE", event)

    def _attachments(
        self, sent: dict[str, Any], files: list[RecordedFile], existing: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """Kept existing attachments (listed by id in ``attachments``) + newly uploaded ``files[n]``."""
        listed = sent.get("attachments")
        if listed is None:
            kept = existing
        else:
            wanted = {str(a.get("id")) for a in listed}
            kept = [a for a in existing if a["id"] in wanted]
        meta = {str(a.get("id")): a for a in listed or []}
        new = []
        for index, f in enumerate(files):
            payload = self._store_file(f.name, f.data, f.content_type)
            if meta.get(str(index), {}).get("description"):
                payload["description"] = meta[str(index)]["description"]
            new.append(payload)
        return kept + new

    # ------------------------------------------------------------------ HTTP plumbing

    def _build_routes(self) -> list[tuple[str, re.Pattern[str], Callable[..., Any]]]:
        table: list[tuple[str, str, Callable[..., Any]]] = [
            ("GET", r"/users/@me", self._get_me),
            ("GET", r"/users/(\d+)", self._get_user),
            ("GET", r"(?:/oauth2)?/applications/@me", self._get_app),  # discord.py uses the /oauth2 one
            ("GET", r"/gateway", self._get_gateway),
            ("GET", r"/gateway/bot", self._get_gateway_bot),
            ("GET", r"/applications/(\d+)/commands", self._get_commands),
            ("GET", r"/applications/(\d+)/guilds/(\d+)/commands", self._get_commands),
            ("PUT", r"/applications/(\d+)/commands", self._put_commands),
            ("PUT", r"/applications/(\d+)/guilds/(\d+)/commands", self._put_commands),
            ("POST", r"/applications/(\d+)/commands", self._post_command),
            ("POST", r"/applications/(\d+)/guilds/(\d+)/commands", self._post_command),
            ("GET", r"/guilds/(\d+)", self._get_guild),
            ("GET", r"/guilds/(\d+)/channels", self._get_guild_channels),
            ("GET", r"/guilds/(\d+)/members/(\d+)", self._get_member),
            ("GET", r"/channels/(\d+)", self._get_channel),
            ("GET", r"/channels/(\d+)/messages", self._get_messages),
            ("POST", r"/channels/(\d+)/messages", self._post_message),
            ("GET", r"/channels/(\d+)/messages/(\d+)", self._get_message),
            ("PATCH", r"/channels/(\d+)/messages/(\d+)", self._patch_message),
            ("DELETE", r"/channels/(\d+)/messages/(\d+)", self._delete_message),
            ("POST", r"/channels/(\d+)/typing", self._no_content),
            ("PUT", r"/channels/(\d+)/messages/(\d+)/reactions/([^/]+)/@me", self._no_content),
            ("DELETE", r"/channels/(\d+)/messages/(\d+)/reactions/([^/]+)/@me", self._no_content),
            ("PUT", r"/channels/(\d+)/thread-members/@me", self._no_content),
            ("POST", r"/channels/(\d+)/messages/(\d+)/threads", self._thread_from_message),
            ("POST", r"/channels/(\d+)/threads", self._thread_without_message),
            ("POST", r"/interactions/(\d+)/([^/]+)/callback", self._callback),
            ("POST", r"/webhooks/(\d+)/([^/]+)", self._followup),
            ("GET", r"/webhooks/(\d+)/([^/]+)/messages/(@original|\d+)", self._get_webhook_message),
            ("PATCH", r"/webhooks/(\d+)/([^/]+)/messages/(@original|\d+)", self._patch_webhook_message),
            ("DELETE", r"/webhooks/(\d+)/([^/]+)/messages/(@original|\d+)", self._delete_webhook_message),
        ]
        return [(m, re.compile(p), h) for m, p, h in table]

    async def _read(self, request: web.Request, path: str) -> RecordedRequest:
        body: Any = None
        files: list[RecordedFile] = []
        if request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                data = await part.read(decode=False)  # type: ignore[union-attr]
                if part.name == "payload_json":  # type: ignore[union-attr]
                    body = json.loads(data)
                elif part.filename:  # type: ignore[union-attr]
                    files.append(
                        RecordedFile(
                            part.filename,
                            bytes(data),  # type: ignore[union-attr]
                            part.headers.get("Content-Type"),
                        )
                    )  # type: ignore[union-attr]
        elif request.can_read_body:
            raw = await request.read()
            if raw:
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = raw.decode("utf-8", "replace")
        rec = RecordedRequest(request.method, path, dict(request.query), body, files, dict(request.headers))
        self.requests.append(rec)
        return rec

    async def _api(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        rec = await self._read(request, path)
        try:
            public = path.startswith(("/interactions/", "/webhooks/"))  # authorised by their token
            authorised = request.headers.get("Authorization") == f"Bot {self.token}"
            if self.token is not None and not public and not authorised:
                raise _HTTPError(401, 0, "401: Unauthorized")
            for method, pattern, handler in self._routes:
                if method == request.method and (m := pattern.fullmatch(path)):
                    response = await handler(rec, *m.groups())
                    break
            else:
                raise _HTTPError(404, 0, "404: Not Found")
        except _HTTPError as e:
            response = _json({"code": e.code, "message": e.message}, e.status)
        except Exception as e:  # a bug here: answer 400 (a 500 would make discord.py retry slowly)
            self.errors.append(e)
            response = _json({"code": 0, "message": f"fake_discord crashed: {e!r}"}, 400)
        rec.status = response.status
        self._notify()
        return response

    async def _cdn(self, request: web.Request) -> web.StreamResponse:
        rec = await self._read(request, request.path)
        f = self.files.get(int(request.match_info["id"]))
        if f is None:
            response = web.Response(status=404, text="not found")
        else:
            response = web.Response(body=f.data, content_type=f.content_type or "application/octet-stream")
        rec.status = response.status
        self._notify()
        return response

    # ------------------------------------------------------------------ REST handlers

    async def _get_me(self, req: RecordedRequest) -> web.Response:
        return _json({**self.bot.payload(), "verified": True, "mfa_enabled": False, "flags": 0})

    async def _get_user(self, req: RecordedRequest, user_id: str) -> web.Response:
        if int(user_id) not in self.users:
            raise _HTTPError(404, 10013, "Unknown User")
        return _json(self.users[int(user_id)].payload())

    async def _get_app(self, req: RecordedRequest) -> web.Response:
        owner = next((self.users[g.owner_id] for g in self.guilds.values()), self.bot)
        return _json(
            {
                "id": str(self.application_id),
                "name": self.bot.username,
                "description": "",
                "icon": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": owner.payload(),
                "team": None,
                "verify_key": "0" * 64,
                "summary": "",
                "flags": 0,
                "interactions_endpoint_url": None,
                "bot": {**self.bot.payload()},
                "redirect_uris": [],
                "tags": [],
            }
        )

    async def _get_gateway(self, req: RecordedRequest) -> web.Response:
        return _json({"url": self.gateway_url})

    async def _get_gateway_bot(self, req: RecordedRequest) -> web.Response:
        return _json(
            {
                "url": self.gateway_url,
                "shards": 1,
                "session_start_limit": {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1},
            }
        )

    def _scope(self, app_id: str, guild_id: str | None) -> int | None:
        if int(app_id) != self.application_id:
            raise _HTTPError(403, 50001, "Missing Access")
        if guild_id is not None and int(guild_id) not in self.guilds:
            raise _HTTPError(403, 50001, "Missing Access")
        return int(guild_id) if guild_id else None

    def _upsert(self, scope: int | None, cmd: dict[str, Any]) -> dict[str, Any]:
        old = self.commands.get(scope, {}).get(cmd["name"])
        stored = {
            "type": 1,
            "description": "",
            "options": [],
            "default_member_permissions": None,
            "nsfw": False,
            **cmd,
            "id": old["id"] if old else str(self._snowflake()),
            "application_id": str(self.application_id),
            "version": str(self._snowflake()),
        }
        if scope is not None:
            stored["guild_id"] = str(scope)
        return stored

    async def _get_commands(self, req: RecordedRequest, app_id: str, guild_id: str | None = None) -> Any:
        return _json(list(self.commands.get(self._scope(app_id, guild_id), {}).values()))

    async def _put_commands(self, req: RecordedRequest, app_id: str, guild_id: str | None = None) -> Any:
        scope = self._scope(app_id, guild_id)
        stored = [self._upsert(scope, c) for c in req.json or []]
        self.commands[scope] = {c["name"]: c for c in stored}
        self.command_syncs.append((scope, stored))
        return _json(stored)

    async def _post_command(self, req: RecordedRequest, app_id: str, guild_id: str | None = None) -> Any:
        scope = self._scope(app_id, guild_id)
        stored = self._upsert(scope, req.json)
        self.commands.setdefault(scope, {})[stored["name"]] = stored
        return _json(stored, 201)

    async def _get_guild(self, req: RecordedRequest, guild_id: str) -> web.Response:
        if int(guild_id) not in self.guilds:
            raise _HTTPError(404, 10004, "Unknown Guild")
        payload = self._guild_payload(self.guilds[int(guild_id)])
        for key in ("channels", "threads", "members", "presences", "voice_states", "joined_at"):
            payload.pop(key)
        return _json(payload)

    async def _get_guild_channels(self, req: RecordedRequest, guild_id: str) -> web.Response:
        return _json(
            [c for c in self.channels.values() if c.get("guild_id") == guild_id and c["type"] not in THREAD_TYPES]
        )

    async def _get_member(self, req: RecordedRequest, guild_id: str, user_id: str) -> web.Response:
        guild = self.guilds.get(int(guild_id))
        if guild is None or int(user_id) not in guild.members:
            raise _HTTPError(404, 10007, "Unknown Member")
        return _json(self._member_payload(int(guild_id), int(user_id)))

    async def _get_channel(self, req: RecordedRequest, channel_id: str) -> web.Response:
        return _json(self._channel(int(channel_id)))

    async def _get_messages(self, req: RecordedRequest, channel_id: str) -> web.Response:
        self._channel(int(channel_id))
        msgs = [m for m in self.store.values() if m["channel_id"] == channel_id and not m["flags"] & EPHEMERAL]
        msgs.sort(key=lambda m: int(m["id"]), reverse=True)
        if "before" in req.query:
            msgs = [m for m in msgs if int(m["id"]) < int(req.query["before"])]
        if "after" in req.query:
            msgs = [m for m in msgs if int(m["id"]) > int(req.query["after"])]
        return _json([_public(m) for m in msgs[: int(req.query.get("limit", 50))]])

    async def _get_message(self, req: RecordedRequest, channel_id: str, message_id: str) -> web.Response:
        msg = self.store.get(int(message_id))
        if msg is None or msg["channel_id"] != channel_id:
            raise _HTTPError(404, 10008, "Unknown Message")
        return _json(_public(msg))

    async def _post_message(self, req: RecordedRequest, channel_id: str) -> web.Response:
        msg = await self._create("channel", int(channel_id), req.json or {}, req.files)
        await self._echo("MESSAGE_CREATE", msg)
        return _json(msg)

    async def _patch_message(self, req: RecordedRequest, channel_id: str, message_id: str) -> web.Response:
        self._message_in(channel_id, message_id)
        return _json(await self._edit(int(message_id), req.json or {}, req.files))

    async def _delete_message(self, req: RecordedRequest, channel_id: str, message_id: str) -> web.Response:
        msg = self._message_in(channel_id, message_id)
        guild_id = int(msg["guild_id"]) if msg.get("guild_id") else None
        if int(msg["author"]["id"]) != self.bot.id and not (
            guild_id and self.permissions_for(guild_id, self.bot.id, int(channel_id)) & Perm.MANAGE_MESSAGES
        ):
            raise _HTTPError(403, 50013, "Missing Permissions")
        await self._delete(int(message_id))
        return web.Response(status=204)

    def _message_in(self, channel_id: str, message_id: str) -> dict[str, Any]:
        msg = self.store.get(int(message_id))
        if msg is None or msg["channel_id"] != channel_id:
            raise _HTTPError(404, 10008, "Unknown Message")
        return msg

    async def _no_content(self, req: RecordedRequest, channel_id: str, *rest: str) -> web.Response:
        self._channel(int(channel_id))
        return web.Response(status=204)

    async def _new_thread(self, parent_id: int, thread_id: int, body: dict[str, Any], type: int) -> Any:
        parent = self._channel(parent_id)
        guild_id = int(parent["guild_id"])
        need = Perm.CREATE_PUBLIC_THREADS if type != 12 else Perm.CREATE_PRIVATE_THREADS
        if parent["type"] in THREAD_TYPES:
            raise _HTTPError(400, 50024, "Cannot execute action on this channel type")
        if not self.permissions_for(guild_id, self.bot.id, parent_id) & need:
            raise _HTTPError(403, 50013, "Missing Permissions")
        thread = self.add_thread(guild_id, parent_id, thread_id, body.get("name") or "thread", type=type)
        thread["thread_metadata"]["auto_archive_duration"] = body.get("auto_archive_duration") or 1440
        thread["rate_limit_per_user"] = body.get("rate_limit_per_user") or 0
        thread["member"] = {"id": str(thread_id), "user_id": str(self.bot.id), "join_timestamp": _now_iso(), "flags": 0}
        await self._broadcast("THREAD_CREATE", {**thread, "newly_created": True})
        return thread

    async def _thread_from_message(self, req: RecordedRequest, channel_id: str, message_id: str) -> Any:
        msg = self._message_in(channel_id, message_id)
        if "thread" in msg:
            raise _HTTPError(400, 160004, "A thread has already been created for this message")
        thread = await self._new_thread(int(channel_id), int(message_id), req.json or {}, 11)
        msg["thread"] = thread
        return _json(thread, 201)

    async def _thread_without_message(self, req: RecordedRequest, channel_id: str) -> web.Response:
        body = req.json or {}
        thread = await self._new_thread(int(channel_id), self._snowflake(), body, int(body.get("type") or 12))
        return _json(thread, 201)

    # ------------------------------------------------------------------ interactions

    def _interaction(self, interaction_id: int | None, token: str, app_id: str | None = None) -> Any:
        record = next((i for i in self.interactions.values() if i.token == token), None)
        if app_id is not None:
            if record is None or int(app_id) != self.application_id or record.response_type is None:
                raise _HTTPError(404, 10015, "Unknown Webhook")
            return record
        if record is None or record.id != interaction_id:
            raise _HTTPError(404, 10062, "Unknown interaction")
        return record

    async def _callback(self, req: RecordedRequest, interaction_id: str, token: str) -> web.Response:
        ix = self._interaction(int(interaction_id), token)
        if ix.response_type is None and time.monotonic() - ix.created > self.interaction_deadline:
            raise _HTTPError(404, 10062, "Unknown interaction")
        if ix.response_type is not None:
            raise _HTTPError(400, 40060, "Interaction has already been acknowledged.")
        body = req.json or {}
        cb_type, data = int(body.get("type", 0)), body.get("data") or {}
        if cb_type in (6, 7) and ix.type != 3 and ix.type != 5:
            raise _HTTPError(400, 50035, "Invalid Form Body: interaction type does not support this response")
        self.callbacks.append(RecordedCallback(ix.id, cb_type, data))
        msg: dict[str, Any] | None = None
        if cb_type == 4:
            msg = await self._create("interaction_response", ix.channel_id, data, req.files, interaction=ix)
            await self._echo("MESSAGE_CREATE", msg)
            ix.original_message_id = int(msg["id"])
        elif cb_type == 5:
            flags = (int(data.get("flags") or 0) & EPHEMERAL) | LOADING
            msg = self._message_payload(
                ix.channel_id,
                self.bot,
                "",
                mentions=[],
                mention_roles=[],
                mention_everyone=False,
                attachments=[],
                flags=flags,
                interaction=ix,
            )
            self._save(msg)
            await self._echo("MESSAGE_CREATE", msg)
            ix.original_message_id, ix.loading, ix.loading_flags = int(msg["id"]), True, flags & ~LOADING
        elif cb_type in (6, 7):
            ix.original_message_id = ix.component_message_id
            if cb_type == 7:
                msg = await self._edit(ix.component_message_id or 0, data, req.files, interaction=ix)
        ix.response_type = cb_type
        self._notify()
        if req.query.get("with_response") not in ("1", "true", "True"):
            return web.Response(status=204)
        resource: dict[str, Any] = {"type": cb_type}
        if msg is not None:
            resource["message"] = _public(msg)
        return _json(
            {
                "interaction": {
                    "id": str(ix.id),
                    "type": ix.type,
                    "activity_instance_id": None,
                    "response_message_id": str(ix.original_message_id) if ix.original_message_id else None,
                    "response_message_loading": cb_type == 5,
                    "response_message_ephemeral": bool(msg and msg["flags"] & EPHEMERAL),
                },
                "resource": resource,
            }
        )

    async def _followup(self, req: RecordedRequest, app_id: str, token: str) -> web.Response:
        ix = self._interaction(None, token, app_id)
        body = req.json or {}
        if ix.loading:  # the first followup after a defer replaces the "thinking" message
            ix.loading = False
            # (an edit never changes the ephemeral bit, so the defer's visibility wins)
            msg = await self._edit(
                ix.original_message_id or 0, body, req.files, interaction=ix, kind="followup", clear_loading=True
            )
        else:
            channel_id = int(req.query.get("thread_id") or ix.channel_id)
            msg = await self._create("followup", channel_id, body, req.files, interaction=ix)
            await self._echo("MESSAGE_CREATE", msg)
        if req.query.get("wait") in ("1", "true", "True"):
            return _json(msg)
        return web.Response(status=204)

    def _webhook_target(self, app_id: str, token: str, which: str) -> tuple[InteractionRecord, int]:
        ix = self._interaction(None, token, app_id)
        if which != "@original":
            return ix, int(which)
        if ix.original_message_id is None or ix.original_message_id not in self.store:
            raise _HTTPError(404, 10008, "Unknown Message")
        return ix, ix.original_message_id

    async def _get_webhook_message(self, req: RecordedRequest, app_id: str, token: str, which: str) -> Any:
        _, mid = self._webhook_target(app_id, token, which)
        if mid not in self.store:
            raise _HTTPError(404, 10008, "Unknown Message")
        return _json(_public(self.store[mid]))

    async def _patch_webhook_message(self, req: RecordedRequest, app_id: str, token: str, which: str) -> Any:
        ix, mid = self._webhook_target(app_id, token, which)
        loading = ix.loading and mid == ix.original_message_id
        if loading:
            ix.loading = False
        return _json(await self._edit(mid, req.json or {}, req.files, interaction=ix, clear_loading=loading))

    async def _delete_webhook_message(self, req: RecordedRequest, app_id: str, token: str, which: str) -> Any:
        ix, mid = self._webhook_target(app_id, token, which)
        ix.loading = ix.loading and mid != ix.original_message_id
        await self._delete(mid)
        return web.Response(status=204)

    def _option(
        self, spec: dict[str, Any], value: Any, guild_id: int | None, resolved: dict[str, dict[str, Any]]
    ) -> dict[str, Any]:
        """One leaf option of an APPLICATION_COMMAND interaction, typed by the synced command."""
        t, name = spec["type"], spec["name"]
        if t in (3, 4, 5, 10):
            value = {3: str, 4: int, 5: bool, 10: float}[t](value)
            choices = [c["value"] for c in spec.get("choices") or []]
            if choices and value not in choices:
                raise ValueError(f"option {name!r}: {value!r} is not one of the choices {choices}")
            return {"type": t, "name": name, "value": value}
        if t == 11:
            filename, data, *ctype = value
            att = self._store_file(filename, data, ctype[0] if ctype else None)
            att.update(ephemeral=True)
            resolved.setdefault("attachments", {})[att["id"]] = att
            return {"type": t, "name": name, "value": att["id"]}
        obj_id = value if isinstance(value, int) else value.id
        if t == 7:
            channel = {**self._channel(obj_id), "permissions": str(Perm.ALL)}
            resolved.setdefault("channels", {})[str(obj_id)] = channel
        elif t == 8 or (t == 9 and guild_id and obj_id in self.guilds[guild_id].roles):
            resolved.setdefault("roles", {})[str(obj_id)] = self.guilds[guild_id or 0].roles[obj_id]
        else:  # 6 user, or 9 mentionable that is a user
            resolved.setdefault("users", {})[str(obj_id)] = self._user(obj_id).payload()
            if guild_id and obj_id in self.guilds[guild_id].members:
                member = self._member_payload(guild_id, obj_id, with_user=False)
                member["permissions"] = str(self.permissions_for(guild_id, obj_id))
                resolved.setdefault("members", {})[str(obj_id)] = member
        return {"type": t, "name": name, "value": str(obj_id)}

    # ------------------------------------------------------------------ gateway

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        session = _Session(ws, dict(request.query))
        self.gateway_connections.append(dict(request.query))
        self._sessions.append(session)
        try:
            await session.send(10, {"heartbeat_interval": self.heartbeat_interval_ms})
            async for frame in ws:
                if frame.type != WSMsgType.TEXT:
                    continue
                packet = json.loads(frame.data)
                self.gateway_received.append(packet)
                await self._on_gateway(session, packet.get("op"), packet.get("d"))
        finally:
            self._sessions.remove(session)
            self._notify()
        return ws

    async def _on_gateway(self, session: _Session, op: int, d: Any) -> None:
        if op == 1:  # heartbeat
            await session.send(11, None)
        elif op == 2:  # identify
            self.identify = d
            if self.token is not None and d.get("token") != self.token:
                await session.ws.close(code=4004, message=b"Authentication failed.")
                return
            session.session_id = secrets.token_hex(16)
            self._known_sessions.add(session.session_id)
            await session.send(
                0,
                {
                    "v": 10,
                    "user": {**self.bot.payload(), "verified": True, "mfa_enabled": False, "flags": 0},
                    "guilds": [{"id": str(g), "unavailable": True} for g in self.guilds],
                    "session_id": session.session_id,
                    "session_type": "normal",
                    "resume_gateway_url": self.gateway_url,
                    "shard": d.get("shard") or [0, 1],
                    "application": {"id": str(self.application_id), "flags": 0},
                    "private_channels": [],
                    "relationships": [],
                    "presences": [],
                    "guild_join_requests": [],
                    "geo_ordered_rtc_regions": [],
                    "user_settings": {},
                    "auth": {},
                },
                "READY",
            )
            for g in self.guilds.values():
                await session.send(0, self._guild_payload(g), "GUILD_CREATE")
            session.ready = True
            self._notify()
        elif op == 6:  # resume: no replay of missed events
            if d.get("session_id") in self._known_sessions:
                session.session_id, session.seq = d["session_id"], int(d.get("seq") or 0)
                session.ready = True
                await session.send(0, {}, "RESUMED")
                self._notify()
            else:
                await session.send(9, False)
        elif op == 8:  # request guild members
            guild = self.guilds.get(int(d["guild_id"]))
            if guild is None:
                return
            wanted = set(_int_ids(d.get("user_ids")))
            query = (d.get("query") or "").lower()
            members = [
                self._member_payload(guild.id, uid)
                for uid in guild.members
                if (not wanted or uid in wanted) and self.users[uid].username.lower().startswith(query)
            ]
            limit = int(d.get("limit") or 0)
            await session.send(
                0,
                {
                    "guild_id": str(guild.id),
                    "members": members[:limit] if limit else members,
                    "chunk_index": 0,
                    "chunk_count": 1,
                    "nonce": d.get("nonce"),
                    "presences": [],
                    "not_found": [str(u) for u in wanted - set(guild.members)],
                },
                "GUILD_MEMBERS_CHUNK",
            )


# --------------------------------------------------------------------------- helpers


def _json(data: Any, status: int = 200) -> web.Response:
    # Exactly 'application/json' (no charset): discord.py's json_or_text() compares the header verbatim.
    return web.Response(status=status, body=json.dumps(data).encode(), content_type="application/json")


def _public(msg: dict[str, Any]) -> dict[str, Any]:
    """The message payload without the server's private bookkeeping keys."""
    return {k: v for k, v in msg.items() if not k.startswith("_")}


def _walk(components: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for c in components:
        yield c
        yield from _walk(c.get("components", []))


walk_components = _walk  # every component, nested ones included (for tests reading a modal)


def _text_input(custom_id: str, values: dict[str, str]) -> dict[str, Any]:
    return {"type": 4, "custom_id": custom_id, "value": values.get(custom_id, "")}


@contextlib.contextmanager
def pointed_at(server: FakeDiscord) -> Iterator[None]:
    """Point the in-process discord.py (REST base incl. webhooks/interactions, and the gateway) at
    ``server``; restores the previous values on exit."""
    import discord.gateway
    import discord.http
    import yarl

    old_base, old_gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = server.api_base_url
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(server.gateway_url)
    try:
        yield
    finally:
        discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_base, old_gateway


@contextlib.asynccontextmanager
async def running(client: Any, token: str = "test-token", *, timeout: float = 10.0) -> AsyncIterator[Any]:
    """Log a discord.py client in, run ``client.connect()`` as a task until the client is ready
    (``on_ready``), yield it, and close it on exit.  Raises the client's own error if it dies."""
    try:
        await client.login(token)  # what client.start() does first: /users/@me, /applications/@me, setup_hook
    except BaseException:
        await client.close()
        raise
    task = asyncio.create_task(client.connect())
    ready = asyncio.create_task(client.wait_until_ready())
    try:
        done, _ = await asyncio.wait({task, ready}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        if task in done:
            task.result()  # re-raise the client's failure
            raise RuntimeError("client stopped before becoming ready")
        if ready not in done:
            raise TimeoutError(f"client not ready after {timeout}s")
        yield client
    finally:
        ready.cancel()
        await client.close()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, 5)


__all__ = [
    "FakeDiscord",
    "InteractionRecord",
    "Perm",
    "RecordedCallback",
    "RecordedFile",
    "RecordedMessage",
    "RecordedRequest",
    "User",
    "pointed_at",
    "running",
]
