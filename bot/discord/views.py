"""Buttons under answers and review pages. They are persistent (they work after a restart):
each is a `DynamicItem` whose custom_id carries the review-log entry (or page) it acts on,
and its state is loaded from the review log when pressed."""

from __future__ import annotations

import asyncio
import contextlib
import math
import re
from collections.abc import Sequence
from typing import Any, Protocol

import discord

from bot.discord.errors import NotAllowed, report_interaction_error, reports_errors
from bot.discord.limits import NO_PINGS
from bot.discord.render import articles_of, passages_messages, review_page
from bot.review_log import ReviewEntry, ReviewLog
from bot.service import Services
from ingest.store import ArticleStore
from newsdesk.errors import NewsdeskError
from newsdesk.settings import Settings

GONE = "That answer is no longer in the review log."
FEEDBACK_FORM_SECONDS = 30 * 60  # a form left open longer than this is forgotten
FEEDBACK_FORM = re.compile(r"newsdesk:feedback:(?P<entry>[0-9]+)")
COMMENT_ID = "newsdesk:feedback-comment"


class NewsdeskClient(Protocol):
    """What the buttons need of the bot (`interaction.client`)."""

    review_log: ReviewLog
    settings: Settings
    services: Services


def _review_log(interaction: discord.Interaction) -> ReviewLog:
    client: NewsdeskClient = interaction.client  # type: ignore[assignment]
    return client.review_log


# How long the Sources of an answer wait to learn which of its articles were deleted since: the
# interaction must be answered within 3 s, and catching up with another process's writes can wait
# longer (for the index's lock) — a review's.
HELD_WAIT_SECONDS = 1.5


async def articles_held(store: ArticleStore, entry: ReviewEntry) -> set[str] | None:
    """Which of the entry's articles the index still holds; None when that takes too long to learn
    (the passages are then shown as logged). Off the event loop: it reads the index."""
    try:
        return await asyncio.wait_for(asyncio.to_thread(store.held, articles_of(entry)), HELD_WAIT_SECONDS)
    except TimeoutError:
        return None


class SourcesButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"newsdesk:sources:(?P<entry>[0-9]+)"):
    """Shows the passages an answer cites, to the presser only."""

    def __init__(self, entry_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label="Sources",
                emoji="📚",
                style=discord.ButtonStyle.secondary,
                custom_id=f"newsdesk:sources:{entry_id}",
            )
        )
        self.entry_id = entry_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> SourcesButton:
        return cls(int(match["entry"]))

    @reports_errors("the Sources button")
    async def callback(self, interaction: discord.Interaction) -> None:
        entry = _review_log(interaction).get(self.entry_id)
        if entry is None:
            raise NewsdeskError(GONE)
        client: NewsdeskClient = interaction.client  # type: ignore[assignment]
        first, *rest = passages_messages(entry, held=await articles_held(client.services.store, entry))
        await interaction.response.send_message(embeds=first, ephemeral=True, allowed_mentions=NO_PINGS)
        for embeds in rest:
            await interaction.followup.send(embeds=embeds, ephemeral=True, allowed_mentions=NO_PINGS)


class VoteButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"newsdesk:vote:(?P<vote>up|down):(?P<entry>[0-9]+)"
):
    """👍 / 👎: stores the presser's feedback with the logged answer (a second press changes it)."""

    def __init__(self, entry_id: int, vote: str) -> None:
        super().__init__(
            discord.ui.Button(
                emoji="👍" if vote == "up" else "👎",
                style=discord.ButtonStyle.secondary,
                custom_id=f"newsdesk:vote:{vote}:{entry_id}",
            )
        )
        self.entry_id = entry_id
        self.vote = vote

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> VoteButton:
        return cls(int(match["entry"]), match["vote"])

    @reports_errors("a feedback button")
    async def callback(self, interaction: discord.Interaction) -> None:
        value = 1 if self.vote == "up" else -1
        if not _review_log(interaction).set_feedback(self.entry_id, interaction.user.id, value):
            raise NewsdeskError(GONE)
        if value > 0:
            await interaction.response.send_message(
                "Thanks — glad it helped. 👍", ephemeral=True, allowed_mentions=NO_PINGS
            )
        else:  # the vote is stored already; the form only asks why (closing it loses nothing)
            await interaction.response.send_modal(FeedbackForm(self.entry_id))


class FeedbackForm(discord.ui.Modal, title="Noted as not helpful — what was wrong?"):
    """After 👎: an optional comment for the admins who review the log. The form only asks: its
    answer is read by `submit_feedback`, from the submitted interaction, because Discord keeps a
    form open on the user's screen across a restart of the bot, which forgets this object."""

    comment: discord.ui.TextInput[FeedbackForm] = discord.ui.TextInput(
        label="What was wrong? (optional)",
        style=discord.TextStyle.paragraph,
        placeholder="e.g. out of date, the wrong article, or it missed the answer",
        required=False,
        max_length=1000,
        custom_id=COMMENT_ID,
    )

    def __init__(self, entry_id: int) -> None:
        super().__init__(custom_id=f"newsdesk:feedback:{entry_id}", timeout=FEEDBACK_FORM_SECONDS)


async def submit_feedback(interaction: discord.Interaction) -> None:
    """Store the 👎 form's comment with the vote (see FeedbackForm); any other interaction is left
    to its own handler."""
    data: dict[str, Any] = dict(interaction.data or {})
    form = FEEDBACK_FORM.fullmatch(str(data.get("custom_id", "")))
    if interaction.type is not discord.InteractionType.modal_submit or form is None:
        return
    try:
        text = _submitted(data.get("components", []), COMMENT_ID).strip()
        if text and not _review_log(interaction).set_feedback(int(form["entry"]), interaction.user.id, -1, text):
            raise NewsdeskError(GONE)
        await interaction.response.send_message(
            "Thanks — noted as not helpful. 👎 It helps us improve.", ephemeral=True, allowed_mentions=NO_PINGS
        )
    except Exception as error:
        await report_interaction_error(interaction, error, "the feedback form")


def _submitted(components: Sequence[Any], custom_id: str) -> str:
    """The value typed into a form's text input, in a row of components or under a label."""
    for component in components:
        if not isinstance(component, dict):
            continue
        if component.get("custom_id") == custom_id and isinstance(component.get("value"), str):
            return str(component["value"])
        nested = [*component.get("components", []), *([component["component"]] if "component" in component else [])]
        found = _submitted(nested, custom_id)
        if found:
            return found
    return ""


class ReviewPageButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"newsdesk:review:(?P<page>[0-9]+):(?P<direction>older|newer)",
):
    """Pages through `/review` (administrators only, checked again on every press)."""

    def __init__(self, page: int, direction: str, *, disabled: bool = False) -> None:
        super().__init__(
            discord.ui.Button(
                label="Older ▶" if direction == "older" else "◀ Newer",
                style=discord.ButtonStyle.secondary,
                custom_id=f"newsdesk:review:{page}:{direction}",
                disabled=disabled,
            )
        )
        self.page = page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ReviewPageButton:
        return cls(int(match["page"]), match["direction"])

    @reports_errors("a review page button")
    async def callback(self, interaction: discord.Interaction) -> None:
        require_admin(interaction)
        client: NewsdeskClient = interaction.client  # type: ignore[assignment]
        page_size = client.settings.review.page_size
        embed, view = review_reply(client.review_log, self.page, page_size, interaction.guild_id)
        await interaction.response.edit_message(embed=embed, view=view, allowed_mentions=NO_PINGS)


def answer_view(entry_id: int) -> discord.ui.View:
    """Sources, 👍 and 👎 under an answer."""
    view = discord.ui.View(timeout=None)
    view.add_item(SourcesButton(entry_id))
    view.add_item(VoteButton(entry_id, "up"))
    view.add_item(VoteButton(entry_id, "down"))
    return view


def review_reply(
    log: ReviewLog, page: int, page_size: int, guild_id: int | None
) -> tuple[discord.Embed, discord.ui.View]:
    """A page of the server's entries in the review log and its paging buttons (page 0 = newest)."""
    total = log.count(guild_id)
    pages = max(1, math.ceil(total / page_size))
    page = min(max(page, 0), pages - 1)
    embed = review_page(log.latest(page, page_size, guild_id), page, pages, total)
    view = discord.ui.View(timeout=None)
    view.add_item(ReviewPageButton(max(page - 1, 0), "newer", disabled=page == 0))
    view.add_item(ReviewPageButton(page + 1, "older", disabled=page + 1 >= pages))
    return embed, view


def require_admin(interaction: discord.Interaction) -> None:
    """Raise NotAllowed unless the user is a server administrator."""
    if interaction.guild_id is None or not interaction.permissions.administrator:
        raise NotAllowed("You need the Administrator permission to review questions and feedback.")


# Interaction tokens last 15 minutes; after this the buttons of a paged reply are taken away.
PAGES_SECONDS = 14 * 60


class PagedView(discord.ui.View):
    """◀ / ▶ through pages of embeds (a timeline, the coverage gaps). The pages are held in memory: not
    persistent, since they are cheap to ask for again; the buttons are removed when the view times out."""

    def __init__(
        self,
        pages: Sequence[discord.Embed],
        timeout: float = PAGES_SECONDS,
        owner_id: int | None = None,
        page: int = 0,
    ) -> None:
        super().__init__(timeout=timeout)
        self.pages = list(pages)
        self.page = page
        # Who asked: only they turn the shared message's pages (see _turn).
        self.owner_id = owner_id
        self.message: discord.Message | discord.InteractionMessage | discord.WebhookMessage | None = None
        self._enable()

    @discord.ui.button(label="◀ Previous", style=discord.ButtonStyle.secondary, custom_id="newsdesk:pages:previous")
    async def previous_page(self, interaction: discord.Interaction, button: discord.ui.Button[PagedView]) -> None:
        await self._turn(interaction, -1)

    @discord.ui.button(label="Next ▶", style=discord.ButtonStyle.secondary, custom_id="newsdesk:pages:next")
    async def next_page(self, interaction: discord.Interaction, button: discord.ui.Button[PagedView]) -> None:
        await self._turn(interaction, 1)

    async def _turn(self, interaction: discord.Interaction, step: int) -> None:
        page = min(max(self.page + step, 0), len(self.pages) - 1)
        if self.owner_id is not None and interaction.user.id != self.owner_id:
            # Another member pages a copy of their own: a probe's intern had turned the reporter's
            # public timeline for the whole channel.
            own = PagedView(self.pages, owner_id=interaction.user.id, page=page)
            await interaction.response.send_message(
                embed=self.pages[page], view=own, ephemeral=True, allowed_mentions=NO_PINGS
            )
            own.message = await interaction.original_response()  # its buttons go when it times out
            return
        self.page = page
        self._enable()
        await interaction.response.edit_message(embed=self.pages[self.page], view=self, allowed_mentions=NO_PINGS)

    def _enable(self) -> None:
        self.previous_page.disabled = self.page == 0
        self.next_page.disabled = self.page >= len(self.pages) - 1

    async def on_timeout(self) -> None:
        if self.message is not None:
            with contextlib.suppress(discord.HTTPException):  # deleted meanwhile, or the token expired
                await self.message.edit(view=None, allowed_mentions=NO_PINGS)

    async def on_error(self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any]) -> None:
        await report_interaction_error(interaction, error, "a page button")


def paged(pages: Sequence[discord.Embed], owner_id: int | None = None) -> PagedView | None:
    """The paging buttons for these pages, or None when there is only one; `owner_id`, of a shared
    message, is who turns its pages (others get a copy of their own)."""
    return PagedView(pages, owner_id=owner_id) if len(pages) > 1 else None


PERSISTENT_ITEMS = (SourcesButton, VoteButton, ReviewPageButton)
