"""`/timeline topic [from] [to] [outlet] [as_of]`: what the articles report about a topic, day by day,
in pages (parse → bot/timeline.py → render)."""

from __future__ import annotations

import asyncio
from datetime import date

import discord
from discord import app_commands
from discord.ext import commands

from bot.answer import AnswerService
from bot.discord.cogs.ask import outlet_choices, question_text
from bot.discord.cooldown import QuestionCooldown, check_cooldown
from bot.discord.limits import NO_PINGS
from bot.discord.options import AsOfOption, FromOption, ToOption
from bot.discord.render import timeline_pages
from bot.discord.views import paged
from bot.timeline import build_timeline
from newsdesk.errors import InputError
from newsdesk.text import content_terms


class TimelineCog(commands.Cog):
    """Dated, cited timelines of a topic."""

    def __init__(self, answers: AnswerService, cooldown: QuestionCooldown) -> None:
        self.answers = answers
        self.cooldown = cooldown  # the same per-user limit as /ask and mentions

    @app_commands.command(name="timeline", description="What the articles report about a topic, day by day")
    @app_commands.rename(from_day="from", to_day="to")
    @app_commands.describe(
        topic="What to follow, e.g. Blinken's visit to Israel",
        from_day="Only articles published on or after this day (YYYY-MM-DD)",
        to_day="Only articles published on or before this day (YYYY-MM-DD)",
        outlet="Only articles from this outlet, e.g. cnn.com",
        as_of="Build it as if today were this day (YYYY-MM-DD)",
    )
    async def timeline(
        self,
        interaction: discord.Interaction,
        topic: app_commands.Range[str, 1, 300],
        from_day: app_commands.Transform[date | None, FromOption] = None,
        to_day: app_commands.Transform[date | None, ToOption] = None,
        outlet: str | None = None,
        as_of: app_commands.Transform[date | None, AsOfOption] = None,
    ) -> None:
        # "@everyone" as a topic had been searched as the word "everyone" (a probe's), as /ask's are not.
        topic = question_text(topic)
        # No word to follow ("???") is refused before deferring, to the asker alone, as "@everyone"
        # is: it had been refused in public after a public "thinking…" (a probe's).
        if not content_terms(topic):
            raise InputError("Give a topic, e.g. “Blinken's visit to Israel”.")
        check_cooldown(self.cooldown, interaction.user)
        filters = self.answers.make_filters(from_day, to_day, [outlet] if outlet else [])  # before deferring
        self.answers.check_outlets(filters)
        await interaction.response.defer(thinking=True)  # a timeline is several searches
        timeline = await asyncio.to_thread(build_timeline, self.answers, topic, as_of, filters)
        pages = timeline_pages(timeline)
        view = paged(pages, owner_id=interaction.user.id)
        message = await interaction.edit_original_response(
            embed=pages[0], view=view or discord.utils.MISSING, allowed_mentions=NO_PINGS
        )
        if view is not None:
            view.message = message

    @timeline.autocomplete("outlet")
    async def _outlet_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return outlet_choices(self.answers.store.outlets(), current)
