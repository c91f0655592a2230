"""Slash-command options read by the kernel's parsers (newsdesk/dates.py), as discord.py
Transformers: a bad day is refused before the command runs, with the kernel's message and the
option's name ("from: bad date '2023-02-30' (no such day)"), ephemerally (bot/discord/errors.py).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import dateutil.parser
import discord
from discord import app_commands

from newsdesk.dates import parse_day
from newsdesk.errors import InputError

# A day written with its month's name and its year ("March 3, 2023", "3 Mar 2023"): one reading
# only, where "3/10/2023" has two.
MONTH_NAME = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?![a-z])", re.IGNORECASE)
YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


# Words for the day asked on ("as of now:", "as of this morning:").
TODAY_WORDS = frozenset({"today", "now", "right now", "this morning", "this afternoon", "this evening", "tonight"})


def parse_day_option(name: str, value: str | None) -> date | None:
    """A day option (as_of, from, to), typed in a slash command or a mention: a YYYY-MM-DD day,
    or one written with its month's name and year ("March 3, 2023": a probe's was refused as
    "bad date 'March 3'"); None when not given; errors name the option."""
    if not value:
        return None
    if value.strip().lower() in TODAY_WORDS:  # a thread's kept day given back ("as of today", a probe's was refused)
        return date.today()
    if value.strip().lower() == "yesterday":  # "as of yesterday:" had been searched as words (a probe's)
        return date.today() - timedelta(days=1)
    try:
        return parse_day(value)
    except InputError as exc:
        written = _written_day(value)
        if written is None:
            raise InputError(f"{name}: {exc}") from None
    try:
        return parse_day(written.isoformat())  # within the days any is taken from
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from None


def _written_day(value: str) -> date | None:
    if len(MONTH_NAME.findall(value)) != 1 or len(YEAR.findall(value)) != 1:
        return None
    try:
        # Read twice with different defaults: a day missing from the text ("March 2023") is taken
        # from the default, today's by default (a review's: it read as March 4 on Dec 4).
        one, other = (dateutil.parser.parse(value, default=datetime(2000, n, n)) for n in (1, 2))
    except (ValueError, OverflowError):
        return None
    return one.date() if one == other else None


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
