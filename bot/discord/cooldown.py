"""The per-user limit on questions, with discord.py's own cooldowns.

One `commands.CooldownMapping` is shared by everything that asks the services a question
(/ask, mentions, follow-ups, /timeline): at most `rate_limit_count` per user in a
`rate_limit_seconds` window. The replies that answer no question (help, "more") have another, as
many (see AskCog._within_limit). discord.py drops the buckets of users who have gone quiet.
"""

from __future__ import annotations

import math

import discord
from discord.ext import commands

from newsdesk.errors import NewsdeskError
from newsdesk.settings import DiscordSettings

QuestionCooldown = commands.CooldownMapping[discord.abc.Snowflake]


class RateLimited(NewsdeskError):
    """The user asked too often; the message says how long to wait."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        seconds = max(1, math.ceil(retry_after))
        super().__init__(
            f"You're asking faster than I can keep up — please try again in {seconds} second{'s' * (seconds != 1)}."
        )


def _user_id(user: discord.abc.Snowflake) -> int:
    # Keyed by the user, not by `BucketType.user`: that reads `.author`, which an Interaction lacks.
    return user.id


def question_cooldown(settings: DiscordSettings) -> QuestionCooldown:
    """The configured limit: `rate_limit_count` questions per user per `rate_limit_seconds`."""
    return commands.CooldownMapping.from_cooldown(settings.rate_limit_count, settings.rate_limit_seconds, _user_id)


def check_cooldown(cooldown: QuestionCooldown, user: discord.abc.Snowflake, now: float | None = None) -> None:
    """Count one question by `user`; raise RateLimited when they are over the limit."""
    retry_after = cooldown.update_rate_limit(user, now)
    if retry_after:
        raise RateLimited(retry_after)
