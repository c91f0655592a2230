"""Slash-command options read by the kernel's parsers (newsdesk/dates.py), as discord.py
Transformers: a bad day is refused before the command runs, with the kernel's message and the
option's name ("from: bad date '2023-02-30' (no such day)"), ephemerally (bot/discord/errors.py).
"""

from __future__ import annotations

from datetime import date

import discord
from discord import app_commands

from newsdesk.dates import parse_day
from newsdesk.errors import InputError


def parse_day_option(name: str, value: str | None) -> date | None:
    """A day option (as_of, from, to), typed in a slash command or a mention: a strict
    YYYY-MM-DD day, None when not given; errors name the option."""
    if not value:
        return None
    try:
        return parse_day(value)
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from None


class DayOption(app_commands.Transformer):
    """A YYYY-MM-DD option; subclasses name it as the user sees it."""

    option = "date"

    async def transform(self, interaction: discord.Interaction, value: str) -> date | None:
        return parse_day_option(self.option, value)


class AsOfOption(DayOption):
    option = "as_of"


class FromOption(DayOption):
    option = "from"


class ToOption(DayOption):
    option = "to"
