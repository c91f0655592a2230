"""Where Newsdesk answers: the configured guilds and channels (slash commands and mentions alike)."""

from __future__ import annotations

from newsdesk.settings import DiscordSettings

NOT_HERE = "Newsdesk isn't enabled in this channel."
# A DM where the allow-lists leave DMs out: a newsroom probe's went unanswered, without a word.
NOT_IN_DMS = "Newsdesk answers in the server's channels, not in direct messages."


def place_allowed(settings: DiscordSettings, guild_id: int | None, channel: object) -> bool:
    """The guild/channel allow-list: empty lists allow everything; a thread counts as its parent channel."""
    if settings.allowed_guild_ids and guild_id not in settings.allowed_guild_ids:
        return False
    if settings.allowed_channel_ids:
        channel_id = getattr(channel, "parent_id", None) or getattr(channel, "id", None)
        return channel_id in settings.allowed_channel_ids
    return True
