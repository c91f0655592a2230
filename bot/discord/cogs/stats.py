"""`/stats`: what the index holds (articles, chunks, dates, outlets)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.limits import NO_PINGS
from bot.discord.render import stats_embed

if TYPE_CHECKING:
    from ingest.store import ArticleStore


class StatsCog(commands.Cog):
    """Figures about the index."""

    def __init__(self, store: ArticleStore) -> None:
        self.store = store

    @app_commands.command(name="stats", description="How many articles the index holds, their dates and outlets")
    async def stats(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)  # counting a big index takes a while
        stats = await asyncio.to_thread(self.store.stats)
        embed = stats_embed(stats)
        await interaction.followup.send(embed=embed, ephemeral=True, allowed_mentions=NO_PINGS)
