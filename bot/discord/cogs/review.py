"""`/review latest`, `/review export` and `/review gaps`: the logged questions, answers, citations and
feedback, and the topics Newsdesk could not answer (administrators only, each of their own server's)."""

from __future__ import annotations

import asyncio
import gzip
import io
from datetime import UTC, datetime

import discord
from discord import app_commands
from discord.ext import commands

from bot.answer import AnswerService
from bot.discord.limits import NO_PINGS
from bot.discord.render import gaps_pages
from bot.discord.views import paged, require_admin, review_reply
from bot.gaps import find_gaps
from bot.review_log import ReviewLog

# Larger exports are gzipped to stay under Discord's upload limit.
GZIP_ABOVE_BYTES = 8_000_000
NOTHING_TO_EXPORT = "No questions have been asked on this server yet: there is nothing to export."


@app_commands.guild_only()
@app_commands.default_permissions(administrator=True)
class ReviewCog(commands.GroupCog, group_name="review", group_description="Review questions, answers and feedback"):
    """What people asked and how they rated the answers."""

    def __init__(self, review_log: ReviewLog, answers: AnswerService, page_size: int) -> None:
        self.review_log = review_log
        self.answers = answers  # /review gaps asks each group's questions again
        self.page_size = page_size
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:  # type: ignore[override]
        require_admin(interaction)  # default_permissions only hides the command; this enforces it
        return True

    @app_commands.command(name="latest", description="The latest questions with their answers and feedback")
    @app_commands.describe(page="Page number, 1 = newest")
    async def latest(self, interaction: discord.Interaction, page: app_commands.Range[int, 1] = 1) -> None:
        embed, view = review_reply(self.review_log, page - 1, self.page_size, interaction.guild_id)
        await interaction.response.send_message(embed=embed, view=view, ephemeral=True, allowed_mentions=NO_PINGS)

    @app_commands.command(name="export", description="Download the whole review log as JSON Lines")
    async def export(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        if self.review_log.count(interaction.guild_id) == 0:
            # No empty file: Discord may refuse one, and a 0-byte download says nothing (a probe's).
            await interaction.followup.send(NOTHING_TO_EXPORT, ephemeral=True, allowed_mentions=NO_PINGS)
            return
        data = await asyncio.to_thread(self.review_log.export_jsonl, interaction.guild_id)
        name = f"newsdesk-review-{datetime.now(UTC):%Y%m%d-%H%M%S}.jsonl"
        if len(data) > GZIP_ABOVE_BYTES:
            data, name = gzip.compress(data), name + ".gz"
        count = self.review_log.count(interaction.guild_id)
        await interaction.followup.send(
            f"{count} question{'s' * (count != 1)}, one JSON object per line.",
            file=discord.File(io.BytesIO(data), filename=name),
            ephemeral=True,
            allowed_mentions=NO_PINGS,
        )

    @app_commands.command(name="gaps", description="Topics people asked about that the articles do not cover")
    async def gaps(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)  # it asks each group's questions again
        groups = await asyncio.to_thread(find_gaps, self.review_log, self.answers, interaction.guild_id)
        pages = gaps_pages(groups)
        view = paged(pages)
        message = await interaction.followup.send(
            embed=pages[0], view=view or discord.utils.MISSING, ephemeral=True, allowed_mentions=NO_PINGS, wait=True
        )
        if view is not None:
            view.message = message
