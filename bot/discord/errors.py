"""The one place where failures become messages for Discord users.

Slash commands reach `on_app_command_error` (installed as the tree's `on_error`); buttons
and mentions call `report_interaction_error` / `report_message_error`. Expected failures
(NewsdeskError, failed permission checks) are shown as their short message; anything else
is logged with its traceback and the user is told "Something went wrong; it has been
logged." Raw exception text never reaches users.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import discord
from discord import app_commands

from bot.discord.limits import NO_PINGS, escape_text, reply_reference, truncate
from newsdesk.errors import NewsdeskError

log = logging.getLogger(__name__)

GENERIC = "Something went wrong; it has been logged."


class NotAllowed(app_commands.CheckFailure):
    """The user may not use this command; the message says what they need."""


def describe(error: BaseException, where: str) -> str:
    """The short message to show for `error`; unexpected errors are logged with their traceback."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    if isinstance(error, NewsdeskError):
        # Inert as every other text shown: a message may quote what the index holds ("No articles
        # from zzz; the outlets in the index are: [evil](https://…)", a probe's masked link).
        return escape_text(str(error))
    if isinstance(error, NotAllowed):  # our own words, with their `setting` marks
        return str(error)
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command only works in a server."
    if isinstance(error, app_commands.MissingPermissions):
        return "You need the " + ", ".join(p.replace("_", " ") for p in error.missing_permissions) + " permission."
    if isinstance(error, app_commands.TransformerError):
        if isinstance(error.__cause__, NewsdeskError):  # an option our parsers refused: they say why
            return escape_text(str(error.__cause__))
        return f"I couldn't read the value {truncate(str(error.value), 80)!r}."
    log.error("Unexpected error in %s", where, exc_info=error)
    return GENERIC


async def on_app_command_error(interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
    """CommandTree.on_error: tell the user, ephemerally where possible."""
    command = interaction.command.qualified_name if interaction.command else "an app command"
    await report_interaction_error(interaction, error, f"/{command}")


async def report_interaction_error(interaction: discord.Interaction, error: BaseException, where: str) -> None:
    if interaction.client.is_closed():  # cut short by a shutdown (Ctrl-C): nobody left to tell
        log.info("%s was interrupted by the shutdown", where)
        return
    await send_ephemeral(interaction, describe(error, where))


async def report_message_error(
    channel: discord.abc.Messageable, error: BaseException, reply_to: discord.Message | None = None
) -> None:
    """A mention or follow-up failed: say so where the user asked."""
    text = describe(error, "a mention")
    try:
        if reply_to is not None:
            await channel.send(
                text, reference=reply_reference(reply_to), mention_author=False, allowed_mentions=NO_PINGS
            )
        else:
            await channel.send(text, allowed_mentions=NO_PINGS)
    except discord.HTTPException:
        log.warning("Could not tell the user about an error", exc_info=True)


async def send_ephemeral(interaction: discord.Interaction, text: str) -> None:
    """Answer the interaction with `text`, or follow up if it was answered (or deferred) already."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_PINGS)
        else:
            await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_PINGS)
    except discord.HTTPException:
        log.warning("Could not tell the user about an error", exc_info=True)


Callback = TypeVar("Callback", bound=Callable[..., Awaitable[Any]])


def reports_errors(where: str) -> Callable[[Callback], Callback]:
    """For button callbacks (which bypass the command tree): report errors like commands do."""

    def decorate(callback: Callback) -> Callback:
        @functools.wraps(callback)
        async def wrapper(self: Any, interaction: discord.Interaction, *args: Any) -> Any:
            try:
                return await callback(self, interaction, *args)
            except Exception as exc:
                await report_interaction_error(interaction, exc, where)

        return wrapper  # type: ignore[return-value]

    return decorate
