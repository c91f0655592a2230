"""The Discord client: wiring only. Cogs do the work (one per area), the services do the thinking.

`run_bot` is what `newsdesk run` calls. The bot is built with its dependencies passed in, and
`setup_hook` builds each cog with the services it uses (as discord.py's
examples/advanced_startup.py does); a cog that cannot be built fails the start-up.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import signal

import aiohttp
import discord
import discord.gateway
import discord.http
import yarl
from discord import app_commands
from discord.ext import commands

from bot.discord import errors
from bot.discord.allowlist import NOT_HERE, place_allowed
from bot.discord.cogs.ask import AskCog
from bot.discord.cogs.ingest import IngestCog
from bot.discord.cogs.review import ReviewCog
from bot.discord.cogs.stats import StatsCog
from bot.discord.cogs.timeline import TimelineCog
from bot.discord.cooldown import question_cooldown
from bot.discord.limits import NO_PINGS
from bot.discord.views import PERSISTENT_ITEMS, submit_feedback
from bot.review_log import ReviewLog
from bot.service import Services
from newsdesk.errors import ConfigError, NewsdeskError
from newsdesk.redact import RedactSecret
from newsdesk.settings import DiscordSettings, Settings

log = logging.getLogger(__name__)


class NewsdeskTree(app_commands.CommandTree["NewsdeskBot"]):
    """Slash commands: declined outside the allow-list, errors reported in one place."""

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if place_allowed(self.client.settings.discord, interaction.guild_id, interaction.channel):
            return True
        await interaction.response.send_message(NOT_HERE, ephemeral=True, allowed_mentions=NO_PINGS)
        return False

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        await errors.on_app_command_error(interaction, error)


class NewsdeskBot(commands.Bot):
    """Newsdesk on Discord: /ask and mentions, /ingest, /review, /stats."""

    def __init__(self, settings: Settings, services: Services, review_log: ReviewLog | None = None) -> None:
        intents = discord.Intents.default()
        intents.message_content = True  # to read the question in a mention or a follow-up
        # Newsdesk never joins voice: skip the start-up warnings about missing voice libraries.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        super().__init__(
            command_prefix=commands.when_mentioned,  # unused: no prefix commands (see on_message)
            help_command=None,
            intents=intents,
            allowed_mentions=NO_PINGS,  # an article quoting "@everyone" pings nobody
            tree_cls=NewsdeskTree,
            guild_ready_timeout=settings.discord.guild_ready_timeout,
        )
        self.settings = settings
        self.services = services
        self._owns_review_log = review_log is None
        self.review_log = review_log or ReviewLog(settings.review.path)  # the buttons read it from the client
        self.logged_in = False  # set once setup_hook begins (see _serve)

    async def setup_hook(self) -> None:
        # Discord has answered the log-in by now: what fails from here on is Newsdesk's own (see _serve).
        self.logged_in = True
        self.add_dynamic_items(*PERSISTENT_ITEMS)
        for cog in self.build_cogs():
            await self.add_cog(cog)
        await self.sync_commands()

    def build_cogs(self) -> list[commands.Cog]:
        """One cog per area, each given what it uses. Whatever fails here stops the start-up: better no
        bot than one running without /ask."""
        services, discord_settings = self.services, self.settings.discord
        cooldown = question_cooldown(discord_settings)  # one limit: /ask, mentions and /timeline count together
        return [
            AskCog(self, services.answers, self.review_log, cooldown, discord_settings),
            IngestCog(services.ingestor, discord_settings),  # built now (not on the first /ingest), so it can fail now
            ReviewCog(self.review_log, services.answers, self.settings.review.page_size),
            StatsCog(services.store),
            TimelineCog(services.answers, cooldown),
        ]

    async def sync_commands(self) -> None:
        """Sync slash commands to each configured guild (instant), or globally when none is."""
        guild_ids = self.settings.discord.sync_guild_ids
        try:
            if not guild_ids:
                await self.tree.sync()
            for guild_id in guild_ids:
                guild = discord.Object(guild_id)
                self.tree.copy_global_to(guild=guild)
                await self.tree.sync(guild=guild)
        except discord.Forbidden as exc:
            raise ConfigError(
                f"Discord refused to sync the slash commands ({exc.text}); check discord.sync_guild_ids "
                "and that the bot was invited with the applications.commands scope"
            ) from None

    async def on_ready(self) -> None:
        log.info("Connected as %s (id %s) to %d guild(s)", self.user, self.user and self.user.id, len(self.guilds))

    async def on_message(self, message: discord.Message) -> None:
        """No prefix commands: mentions and follow-ups are handled by the Ask cog's listener."""

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """The 👎 form's answer, even to a form opened before a restart (see FeedbackForm)."""
        await submit_feedback(interaction)

    def dispatch(self, event_name: str, /, *args: object, **kwargs: object) -> None:
        # discord.py's delayed `ready` (and a late gateway event) can arrive after close() has
        # cleared the client's loop, and would then fail with a traceback; a stopping bot has no
        # use for events.
        if self.is_closed():
            log.debug("Dropped the %s event: the bot is stopping", event_name)
            return
        super().dispatch(event_name, *args, **kwargs)

    async def close(self) -> None:
        await super().close()
        if self._owns_review_log:
            self.review_log.close()


def point_at(settings: DiscordSettings) -> None:
    """Aim discord.py's REST and gateway at the configured urls (a test server, or Discord)."""
    discord.http.Route.BASE = settings.api_base_url.rstrip("/")
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.gateway_url)


class RedactToken(RedactSecret):
    """Replaces the token wherever it would appear in a log line (belt and braces)."""

    def __init__(self, token: str) -> None:
        super().__init__(token, "[token]")


# An interaction's token in the addresses discord.py logs at DEBUG ("…/webhooks/<app id>/<token>",
# "…/interactions/<id>/<token>/callback"): for 15 minutes it answers as the bot does (a probe's).
INTERACTION_TOKEN = re.compile(r"(/(?:webhooks|interactions)/\d+/)[^/\s?'\"]{20,}")


class RedactInteractionTokens(logging.Filter):
    """Replaces an interaction's token in a log line's addresses with "[interaction token]"."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if INTERACTION_TOKEN.search(message):
            record.msg, record.args = INTERACTION_TOKEN.sub(r"\1[interaction token]", message), None
        return True


class OneLineReconnects(logging.Filter):
    """discord.py's "Attempting a reconnect in 6.3s" with the error on the same line, not its whole
    traceback: with Discord gone mid-run, a probe's log held 18 tracebacks in 2.5 minutes."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "discord.client" and record.exc_info and str(record.msg).startswith("Attempting a reconnect"):
            error = record.exc_info[1]
            record.msg, record.args = f"{record.getMessage()} ({type(error).__name__}: {error})", None
            record.exc_info, record.exc_text = None, None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def run_bot(settings: Settings, services: Services) -> None:
    """Run the bot until it is stopped (Ctrl-C or SIGTERM)."""
    if settings.discord_token is None:
        raise ConfigError("DISCORD_TOKEN is not set")
    token = settings.discord_token.get_secret_value().strip()
    for handler in logging.getLogger().handlers:
        handler.addFilter(OneLineReconnects())  # first: the token is redacted from its line too
        handler.addFilter(RedactToken(token))
        handler.addFilter(RedactInteractionTokens())
    point_at(settings.discord)
    bot = NewsdeskBot(settings, services)
    api = settings.discord.api_base_url
    try:
        asyncio.run(_serve(bot, token))
    except KeyboardInterrupt:
        log.info("Stopped.")
    except discord.LoginFailure:
        raise ConfigError(
            "Discord refused the token in DISCORD_TOKEN; copy it again from the developer portal"
        ) from None
    except discord.PrivilegedIntentsRequired:
        raise ConfigError(
            "Enable the Message Content intent for the bot in the Discord developer portal (Bot → Privileged "
            "Gateway Intents)"
        ) from None
    # Nothing below can carry the token (it travels in a header, never in a url or an error text),
    # but the messages are redacted all the same: they are printed, and printed output gets pasted.
    except _Unreachable as exc:
        raise NewsdeskError(_redacted(f"cannot reach Discord at {exc.url} ({exc.reason})", token)) from None
    except _NotDiscord as exc:
        raise NewsdeskError(
            f"Discord at {api} answered with what Discord's API never sends ({exc.reason} reading it); "
            "check discord.api_base_url"
        ) from None
    except discord.HTTPException as exc:  # e.g. a url that is not Discord's API, or Discord failing
        detail = " ".join((exc.text or "").split())
        if not detail or len(detail) > 200 or detail.startswith("<"):  # an HTML error page says nothing more
            detail = str(getattr(exc.response, "reason", "") or "")
        answer = f"HTTP {exc.status} {detail}".strip()
        raise NewsdeskError(
            _redacted(f"Discord at {api} answered {answer}; check discord.api_base_url", token)
        ) from None


class _NotDiscord(Exception):
    """The log-in was answered with something that is not Discord's API."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Unreachable(Exception):
    """The first connection to Discord (log-in or gateway) failed at the network level."""

    def __init__(self, url: str, error: BaseException) -> None:
        super().__init__(url)
        self.url = url
        self.reason = str(error) or type(error).__name__  # a TimeoutError has no text


def _redacted(text: str, token: str) -> str:
    return text.replace(token, "[token]") if token else text


async def _serve(bot: NewsdeskBot, token: str) -> None:
    loop = asyncio.get_running_loop()
    with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows
        loop.add_signal_handler(signal.SIGTERM, lambda: loop.create_task(bot.close()))
    async with bot:
        # bot.start() is login() then connect(); split, so that a Discord that cannot be reached at
        # start-up is a message rather than an aiohttp traceback.
        try:
            await bot.login(token)
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise _Unreachable(bot.settings.discord.api_base_url, exc) from exc
        except (TypeError, KeyError, ValueError) as exc:
            # An answer no Discord gives: a proxy's HTML page with 200, "JSON" that is not, a user
            # without a name. discord.py reads it as Discord's and fails inside (a probe's traceback).
            # Not once setup_hook has begun: a failure there is Newsdesk's own, and keeps its traceback.
            if bot.logged_in:
                raise
            raise _NotDiscord(type(exc).__name__) from exc
        await _check_reachable(bot.settings.discord.gateway_url)
        await bot.connect()


async def _check_reachable(url: str, timeout: float = 10.0) -> None:
    """Fail fast when the gateway's host cannot be reached at all. discord.py retries a failed first
    gateway connection forever, logging a traceback each time (2.7: then fails on `self.ws.sequence`);
    a plain TCP connection tells the difference between "down" and "dropped" before that."""
    parsed = yarl.URL(url)
    port = parsed.port or (443 if parsed.scheme in ("wss", "https") else 80)
    try:
        _, writer = await asyncio.wait_for(asyncio.open_connection(parsed.host, port), timeout)
    except (OSError, TimeoutError) as exc:  # refused, no route, no such host, or silence
        raise _Unreachable(url, exc) from exc
    writer.close()
    with contextlib.suppress(OSError):
        await writer.wait_closed()
