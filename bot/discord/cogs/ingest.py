"""`/ingest`: add an article from an attached file or pasted text (administrators, or the
role named in `discord.ingest_role`)."""

from __future__ import annotations

import asyncio
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.errors import NotAllowed
from bot.discord.limits import CONTENT_LIMIT, NO_PINGS, split_text
from bot.discord.render import ingest_summary
from ingest.file_types import SUPPORTED, has_article_suffix
from ingest.readers import content_id, derive_title
from ingest.report import counts_line
from newsdesk.command import AUDIT_LOGGER
from newsdesk.dates import parse_day
from newsdesk.errors import InputError
from newsdesk.models import Article, IngestReport
from newsdesk.settings import DiscordSettings

if TYPE_CHECKING:
    from ingest.pipeline import Ingestor

log = logging.getLogger(__name__)
AUDIT = logging.getLogger(AUDIT_LOGGER)

MAX_PASTED_CHARS = 6000  # Discord's limit for a string option
# Every server the bot is in reads the one index: with no allow-list, any server's administrator
# could write what every other server is answered from (a probe's own server's forged story was
# quoted in the newsroom's). Then only the bot's owner adds articles from Discord.
ONLY_THE_OWNER = (
    "Only the bot's owner can add articles from Discord until `discord.allowed_guild_ids` (or "
    "`allowed_channel_ids`) names where it serves: every server the bot is in reads the same articles."
)


# A name's ending that says its type (".pdf", ".docx"), not a date or a part of a title ("election.2024").
FILE_TYPE = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,4}")


class IngestCog(commands.Cog):
    """Puts articles into the index from Discord."""

    def __init__(self, ingestor: Ingestor, settings: DiscordSettings) -> None:
        self.ingestor = ingestor
        self.role = settings.ingest_role.strip()
        # Channels name their servers too: a channel's id is its alone (a review's).
        self.servers_named = bool(settings.allowed_guild_ids or settings.allowed_channel_ids)
        self.max_bytes = int(settings.max_attachment_mb * 1_000_000)
        self._one_at_a_time = asyncio.Lock()
        # Hidden from non-administrators in Discord's UI unless a role may ingest too
        # (the check below is what actually enforces it).
        self.ingest.default_permissions = None if self.role else discord.Permissions(administrator=True)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:  # type: ignore[override]
        """Administrators, or members with the configured role, of a server the allow-list names
        (with none named, the bot's owner alone)."""
        if not self.servers_named:
            if isinstance(interaction.client, commands.Bot) and await interaction.client.is_owner(interaction.user):
                return True
            raise NotAllowed(ONLY_THE_OWNER)
        if interaction.permissions.administrator:
            return True
        roles = getattr(interaction.user, "roles", [])
        if self.role and any(self._is_ingest_role(role) for role in roles):
            return True
        need = f"the {self.role} role (or Administrator)" if self.role else "the Administrator permission"
        raise NotAllowed(f"You need {need} to add articles.")

    def _is_ingest_role(self, role: discord.Role) -> bool:
        """The role named in the setting, by its name in any case or by its id: a probe's
        "editor" matched no "Editor" role, and Discord's tools hand out role ids."""
        return role.name.casefold() == self.role.casefold() or str(role.id) == self.role

    @app_commands.command(name="ingest", description="Add an article: attach a file, or paste its text")
    @app_commands.guild_only()
    @app_commands.describe(
        file="An article file (.txt, .md, .json, .jsonl, .html, optionally .gz)",
        text="The article's text (instead of a file)",
        title="The article's title (with pasted text)",
        date="Publication date, YYYY-MM-DD (with pasted text)",
    )
    async def ingest(
        self,
        interaction: discord.Interaction,
        file: discord.Attachment | None = None,
        text: app_commands.Range[str, 1, MAX_PASTED_CHARS] | None = None,
        title: app_commands.Range[str, 1, 300] | None = None,
        date: str | None = None,
    ) -> None:
        # An editor (the ingest role) adds articles; replacing one the index holds, which every
        # server reads, is an administrator's: a probe's editor rewrote a real story under its
        # outlet's title and address.
        replaces = interaction.permissions.administrator
        if (file is None) == (text is None):
            raise InputError("Attach a file, or paste the article's text with its title and date — one of the two.")
        if file is not None:
            if FILE_TYPE.fullmatch(Path(file.filename).suffix) and not has_article_suffix(Path(file.filename)):
                # As a file named on the command line: "report.pdf" is not read as an article's text.
                raise InputError(f"{file.filename} is not an article file ({SUPPORTED}).")
            if file.size > self.max_bytes:
                raise InputError(
                    f"{file.filename} is too large ({describe_size(file.size)}); files up to "
                    f"{describe_size(self.max_bytes)} can be added here."
                )
            await interaction.response.defer(ephemeral=True, thinking=True)
            try:
                data = await file.read()
            except discord.HTTPException as exc:  # an expired attachment, a CDN hiccup
                raise InputError(
                    f"Couldn't download {file.filename} from Discord ({exc.status}); attach it again."
                ) from exc
            report = await self._run(self.ingestor.ingest_bytes, data, file.filename, None, replaces)
        else:
            article = pasted_article(text or "", title, date)
            await interaction.response.defer(ephemeral=True, thinking=True)
            report = await self._run(self.ingestor.ingest_results, [article], None, replaces)
        # Who changed the index, for whoever wonders later where an article came from: on the audit
        # logger, which configure_logging keeps at INFO (a probe found the line dropped at the
        # default WARNING level).
        # The file's name as a literal ("'a\\nb.txt'"): one with a line break had split its line,
        # and could have forged another (a security probe's); and the ids written, so that a line
        # says which articles an upload added or changed, not only how many.
        AUDIT.info(
            "/ingest by user %s in server %s (%s): %s Articles written: %s.",
            interaction.user.id,
            interaction.guild_id,
            repr(file.filename) if file is not None else "pasted text",
            counts_line(report),
            ", ".join(repr(article_id) for article_id in sorted(report.written)) or "none",
        )
        for chunk in split_text(ingest_summary(report), CONTENT_LIMIT):
            await interaction.followup.send(chunk, ephemeral=True, allowed_mentions=NO_PINGS)

    async def _run(self, ingest, *args) -> IngestReport:  # type: ignore[no-untyped-def]
        # Embedding is CPU-bound: a worker thread keeps the gateway alive; one ingest at a time.
        async with self._one_at_a_time:
            return await asyncio.to_thread(ingest, *args)


def describe_size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f} kB"
    return f"{size} bytes"


def pasted_article(text: str, title: str | None, published: str | None) -> Article:
    """An Article from `/ingest text:… title:… date:…`."""
    if not title or not published:
        raise InputError("With pasted text, give the article's title and date (YYYY-MM-DD) too.")
    try:
        day = parse_day(published)
    except InputError as exc:
        raise InputError(f"date: {exc}") from None
    body = text.strip()
    return Article(
        # Named by its title and day, not its text: a correction pasted with the same title and date
        # replaces the article (an administrator's to do), where a probe's added a second copy that
        # answers kept quoting, with no id to remove it by.
        id=content_id(f"{' '.join(title.split())}\n{day.isoformat()}"),
        title=" ".join(title.split()) or derive_title(body),
        text=body,
        published=day,
        origin="pasted text",
    )
