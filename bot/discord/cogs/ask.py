"""Asking: `/ask`, @mentions, and follow-ups in the answer's thread.

/ask's options narrow the search (as_of, from, to, outlet, with outlets autocompleted from the
index); a mention says the same in words before its question ("from 2023-07-01 outlet:cnn.com …").

A question opens a thread (from the user's message for a mention, from the answer for
/ask). Any message in a thread that Newsdesk opened and answered in is a follow-up,
answered with the thread's earlier turns (from the review log) as context; so is any
message in a direct conversation (a DM), and any reply to one of Newsdesk's answers (where
threads are not allowed, a conversation goes on in replies). Elsewhere the bot answers only
when mentioned.
Messages from bots, itself included, are ignored.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.answer import ASK_A_QUESTION, NO_FILTERS, AnswerService, Filters
from bot.discord import errors
from bot.discord.allowlist import NOT_IN_DMS, place_allowed
from bot.discord.cooldown import QuestionCooldown, RateLimited, check_cooldown, question_cooldown
from bot.discord.limits import NO_PINGS, Message, reply_reference
from bot.discord.options import TODAY_WORDS, AsOfOption, FromOption, ToOption, parse_day_option
from bot.discord.render import answer_messages, passages_messages, preview, thread_name
from bot.discord.streaming import ShowText, stream_answer
from bot.discord.views import answer_view, articles_held
from bot.followup import Turn, is_small_talk
from bot.references import LAST, asks_for_more, source_asked
from bot.review_log import AskContext, ReviewEntry, ReviewLog
from ingest.file_types import has_article_suffix
from newsdesk.errors import InputError
from newsdesk.models import Answer
from newsdesk.settings import DiscordSettings
from newsdesk.text import without_invisible

log = logging.getLogger(__name__)

FOLLOW_UP_HINT = "Ask follow-up questions in this thread — I'll keep the context."
# The reply to a greeting, "help" or a command typed as text: no news question in them. Answered,
# "@Newsdesk help" quoted "Hi-Desert Medical Center" and "/as-of 2023-10-01" got an answer titled "/".
HELP = (
    "Ask me about the news in the articles: mention me with a question (“@Newsdesk who won the Super "
    "Bowl?”) or use `/ask`. Before the question you may write `as of YYYY-MM-DD:`, `from YYYY-MM-DD`, "
    "`to YYYY-MM-DD` and `outlet:NAME`. Ask follow-ups in the thread I open, or by replying to an answer. Also "
    "`/timeline` and "
    "`/stats`; for administrators `/review`, and for editors `/ingest`."
)
ADD_WITH_INGEST = (
    "To add articles, use `/ingest` with the file (.txt, .md, .json, .jsonl, .html, optionally .gz); it takes the "
    "ingest permission. Files sent with a message are not read."
)
HELP_WORDS = frozenset({"help", "hi", "hello", "hey", "hiya", "yo", "commands", "start", "usage"})
# "/as-of 2023-10-01", "!ask who won?": a command of the terminal chat, or of a bot of another kind
# (not "!important who won?").
TYPED_COMMAND = re.compile(r"^(?:/[a-z][\w-]*|!(?:ask|help|news))(?:\s|$)", re.IGNORECASE)


# Discord shows at most 25 autocomplete choices, each name and value at most 100 characters: one
# longer made it refuse the whole list (a probe's 177-character outlet), so such an outlet is left
# out (it can still be typed).
MAX_CHOICES = 25
MAX_CHOICE_CHARS = 100


def outlet_choices(outlets: Sequence[str], typed: str) -> list[app_commands.Choice[str]]:
    """The index's outlets matching what was typed: those starting with it first, then those containing it."""
    typed = typed.strip().lower().removeprefix("www.")
    # As written, with its spaces: "The Week" is theweek.co.uk, which /ask takes (a probe's found none).
    forms = tuple(dict.fromkeys([typed, "".join(typed.split())]))
    outlets = [o for o in outlets if len(o) <= MAX_CHOICE_CHARS]
    starting = [o for o in outlets if o.lower().startswith(forms)]
    containing = [o for o in outlets if any(form in o.lower() for form in forms) and o not in starting]
    return [app_commands.Choice(name=o, value=o) for o in (starting + containing)[:MAX_CHOICES]]


class FilteredAnswers:
    """The answer service with one question's filters applied (stream_answer knows no filters)."""

    def __init__(self, answers: AnswerService, filters: Filters) -> None:
        self.answers = answers
        self.filters = filters

    def answer_stream(self, question: str, as_of: date | None = None, history: Sequence[Turn] = ()) -> Iterator[Any]:
        return self.answers.answer_stream(question, as_of, history, self.filters)


class AskCog(commands.Cog):
    """Answers questions from the indexed articles, with citations."""

    def __init__(
        self,
        bot: commands.Bot,
        answers: AnswerService,
        review_log: ReviewLog,
        cooldown: QuestionCooldown,
        settings: DiscordSettings,
    ) -> None:
        self.bot = bot  # who "me" is in a mention, and whether the bot is stopping
        self.answers = answers
        self.review_log = review_log
        self.cooldown = cooldown
        # Replies that answer no question (help, "more", a file to add) have a limit of their own,
        # as many again: a probe's 12 "more" had made 12 public posts, but a newcomer's "help"
        # should not use up their questions.
        self.replies_cooldown = question_cooldown(settings)
        self.settings = settings
        self._told_not_in_dms: dict[int, float] = {}  # DM channel id -> when it was told (monotonic)

    # ------------------------------------------------------------------ /ask

    @app_commands.command(name="ask", description="Ask a question about the indexed news articles")
    @app_commands.rename(from_day="from", to_day="to")
    @app_commands.describe(
        question="Your question, e.g. Who did Blinken meet in Ramallah?",
        as_of="Answer as if today were this day (YYYY-MM-DD)",
        from_day="Only articles published on or after this day (YYYY-MM-DD)",
        to_day="Only articles published on or before this day (YYYY-MM-DD)",
        outlet="Only articles from this outlet, e.g. cnn.com",
    )
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, 1000],
        as_of: app_commands.Transform[date | None, AsOfOption] = None,
        from_day: app_commands.Transform[date | None, FromOption] = None,
        to_day: app_commands.Transform[date | None, ToOption] = None,
        outlet: str | None = None,
    ) -> None:
        # Only a mention (`<@123>`) is no question: check_question refuses it as blank. Others are
        # read as their names, as a mention's question reads them ("what did <@!42> do?" had been
        # "what did do?", a probe's).
        own_id = self.bot.user.id if self.bot.user else None
        named = question_text(await with_ids_named(without_edge_mentions(question), interaction.guild, own_id))
        question = named if has_words(question_text(question)) else ""  # mentions alone ask nothing
        if asks_for_help(question):  # "/ask help" was answered from the archive
            await interaction.response.send_message(HELP, ephemeral=True, allowed_mentions=NO_PINGS)
            return
        if not has_words(question):
            # "🔥🔥🔥" was declined in public, and logged as a gap in the news (a probe's).
            raise InputError(ASK_A_QUESTION)
        channel = interaction.channel
        thread_id = channel.id if isinstance(channel, discord.Thread) else None
        # Checked before deferring, so that a refusal (a reversed range, a blank question) is an
        # ephemeral message, and before the cooldown, so that it does not use up the asker's limit.
        filters = self.answers.make_filters(from_day, to_day, [outlet] if outlet else [])
        self.answers.check_outlets(filters)
        as_of, filters = self._kept_from_thread(thread_id, question, as_of, filters)
        self.answers.check_question(question, as_of, filters)
        check_cooldown(self.cooldown, interaction.user)
        await interaction.response.defer(thinking=True)  # answering takes longer than Discord's 3 s

        async def show(text: str) -> None:
            await interaction.edit_original_response(content=preview(text), allowed_mentions=NO_PINGS)

        answer = await self._answer(question, as_of, self._history(thread_id), show, filters)
        context = AskContext(
            user_id=interaction.user.id,
            user_name=interaction.user.name,
            guild_id=interaction.guild_id,
            channel_id=interaction.channel_id,
            thread_id=thread_id,
        )
        entry_id = self.review_log.record(answer, context, filters)
        messages = answer_messages(answer)
        view = answer_view(entry_id)
        # The first message replaces "Newsdesk is thinking…" (or the streamed text).
        first = await interaction.edit_original_response(
            content=None, embeds=messages[0], view=view if len(messages) == 1 else None, allowed_mentions=NO_PINGS
        )
        posted: list[discord.Message] = [first]
        for i, embeds in enumerate(messages[1:], start=2):
            posted.append(
                await interaction.followup.send(
                    embeds=embeds,
                    view=view if i == len(messages) else discord.utils.MISSING,
                    allowed_mentions=NO_PINGS,
                    wait=True,
                )
            )
        self.review_log.attach(entry_id, message_id=posted[-1].id, message_ids=[m.id for m in posted])
        if thread_id is None and isinstance(channel, discord.TextChannel):
            await self._open_thread(channel, first, question, entry_id)

    @ask.autocomplete("outlet")
    async def _outlet_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return outlet_choices(self.answers.store.outlets(), current)  # a small SQLite catalog: quick enough

    async def _open_thread(
        self, channel: discord.TextChannel, message: discord.Message, question: str, entry_id: int
    ) -> None:
        """A thread under the answer for follow-ups (skipped, with a log line, where not permitted)."""
        if not may_thread(channel):
            log.warning("No follow-up thread in #%s: no permission to open threads and post in them", channel)
            return
        try:
            thread = await channel.create_thread(name=thread_name(question), message=message)
        except discord.HTTPException as exc:
            log.warning("Could not open a thread for follow-ups in #%s: %s", channel, exc.text)
            return
        self.review_log.attach(entry_id, thread_id=thread.id)
        try:
            await thread.send(FOLLOW_UP_HINT, allowed_mentions=NO_PINGS)
        except discord.HTTPException as exc:
            log.warning("Could not post in the follow-up thread: %s", exc.text)

    # ------------------------------------------------------------------ mentions and follow-ups

    async def _tell_not_in_dms(self, message: discord.Message) -> None:
        """Once an hour a DM channel at most: "thanks" after it is not told again (a review's)."""
        now = time.monotonic()
        if now - self._told_not_in_dms.get(message.channel.id, -DM_NOTICE_SECONDS) < DM_NOTICE_SECONDS:
            return
        # Kept an hour only: not one entry per member for the bot's life (a review's).
        self._told_not_in_dms = {k: t for k, t in self._told_not_in_dms.items() if now - t < DM_NOTICE_SECONDS}
        self._told_not_in_dms[message.channel.id] = now
        try:
            await message.channel.send(NOT_IN_DMS, allowed_mentions=NO_PINGS)
        except discord.HTTPException as exc:
            log.warning("Could not answer a direct message: %s", exc.text)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or self.bot.user is None:
            return
        if not place_allowed(self.settings, message.guild.id if message.guild else None, message.channel):
            if message.guild is None:  # a channel outside the lists is left alone; a DM is told why
                await self._tell_not_in_dms(message)
            return
        channel = message.channel
        replied = self._answer_replied_to(message)
        own_thread = self._in_own_thread(message)
        conversation = self._conversation(message, replied, own_thread)
        follow_up = conversation is not None
        said_to_others = False
        # Only by replying to an answer: in a channel, or a thread Newsdesk did not open (not a DM,
        # nor its own thread, where all is said to it).
        by_reply = message.guild is not None and not own_thread
        if follow_up and by_reply and not mentioned_here(message, self.bot.user):
            # In a shared channel a reply to an answer may be said to the others ("makes sense",
            # "@carol fyi", a probe's, answered and counted against the rate limit): only one that
            # asks something is a follow-up, whether the reply pings the bot or not.
            said_to_others = said_to_the_others(message, self.bot.user)
            follow_up = not said_to_others
        # Discord's @ picker often offers the bot's own role before the bot: either is a mention.
        own_role = message.guild.self_role if message.guild else None
        mentioned = not said_to_others and (
            self.bot.user in message.mentions or (own_role is not None and own_role in message.role_mentions)
        )
        # The bot's own mention (and its role's) is left out; another member, role or channel is
        # named: "what did @alice say about the dam?" had lost alice (a probe's thread name).
        # A message of mentions alone asks nothing ("@bob" in a thread is no question about bob).
        named = without_own_name(
            question_text(with_mentions_named(message, self.bot.user.id, own_role)), self.bot.user.name
        )
        question = named if question_text(message.content) else ""
        if not mentioned and (not follow_up or not question):  # (a picture posted in a thread is no question)
            return
        emoji_only = bool(question) and not re.search(r"[^\W\d_]", question)
        if asks_for_help(question) or (mentioned and not follow_up and emoji_only):
            # A mention saying only "hi", "help" or "👋" is a user finding out what to do ("thanks
            # @Newsdesk", or a reply to an answer that pings it, is still left unanswered).
            if self._within_limit(message.author):
                await channel.send(
                    HELP, reference=reply_reference(message), mention_author=False, allowed_mentions=NO_PINGS
                )
            return
        if question and is_small_talk(question):  # "thanks", "ok cool", "👍": said, not asked
            return
        if any(has_article_suffix(Path(file.filename)) for file in message.attachments):
            # "@Newsdesk please add this article" with story.txt had its words searched and
            # answered from a corrections page (a probe's): files come in through /ingest.
            if self._within_limit(message.author):
                await channel.send(
                    ADD_WITH_INGEST, reference=reply_reference(message), mention_author=False, allowed_mentions=NO_PINGS
                )
            return
        if (
            conversation is not None
            and (sources := await self._sources_asked(conversation, replied, question)) is not None
        ):
            # "tell me more about source 2", "more": said of an answer (the one replied to, else the
            # conversation's last), not asked of the news.
            if self._within_limit(message.author):
                for embeds in sources:
                    await channel.send(
                        embeds=embeds,
                        reference=reply_reference(message),
                        mention_author=False,
                        allowed_mentions=NO_PINGS,
                    )
            return
        try:
            await self._answer_message(message, question, conversation, replied)
        except Exception as exc:
            if self.bot.is_closed():  # cut short by a shutdown (Ctrl-C): nobody left to tell
                log.info("Answering a mention was interrupted by the shutdown")
                return
            await errors.report_message_error(channel, exc, reply_to=message)

    def _answer_replied_to(self, message: discord.Message) -> ReviewEntry | None:
        """The logged answer the message replies to, when it is a reply to one of Newsdesk's."""
        reference = message.reference
        if message.type is not discord.MessageType.reply or reference is None or reference.message_id is None:
            return None
        return self.review_log.answered_by(reference.message_id)

    def _in_own_thread(self, message: discord.Message) -> bool:
        """The message is in a thread Newsdesk opened and answered in."""
        channel = message.channel
        return (
            isinstance(channel, discord.Thread)
            and self.bot.user is not None
            and channel.owner_id == self.bot.user.id
            and self.review_log.in_thread(channel.id)
        )

    def _conversation(self, message: discord.Message, replied: ReviewEntry | None, own_thread: bool) -> int | None:
        """The conversation the message goes on, whose earlier turns are its context: a DM, a
        thread Newsdesk opened and answered in (`own_thread`), or the conversation of the answer it
        replies to (where no thread could be opened, a reply had been answered as a new question).
        None for a message that begins none."""
        if message.guild is None or own_thread:
            return message.channel.id
        return self.review_log.conversation_of(replied) if replied is not None else None

    async def _answer_message(
        self, message: discord.Message, text: str, conversation: int | None, replied: ReviewEntry | None = None
    ) -> None:
        options = split_options(text)
        # "@Newsdesk as of 2023-06-15: > what did …": the quote's mark opens what is left.
        as_of, question = options.as_of, BLOCK_MARK.sub("", options.question)
        if not question:
            raise InputError("Ask me a question after the mention, e.g. “@Newsdesk who did Blinken meet?”")
        filters = self.answers.make_filters(options.start, options.end, options.outlets)
        self.answers.check_outlets(filters)
        # After the input is read, as for /ask: a refusal (a bad day) does not use up the limit.
        check_cooldown(self.cooldown, message.author)
        channel = message.channel
        # A conversation's reply goes where it was asked, with its earlier turns as context (and
        # the past day it was last asked as of, unless this one names another); so does a question
        # in a thread Newsdesk did not open. Elsewhere a new thread is opened from the question,
        # once there is something to post.
        if conversation is None and isinstance(channel, discord.Thread):
            conversation = channel.id
        if replied is not None and conversation is not None:
            self.review_log.join_conversation(replied, conversation)  # a reply to be answered begins it
        stated = as_of
        as_of, filters = self._kept_from_thread(conversation, question, as_of, filters)
        if replied is not None and stated is None:
            # As of the day of the answer replied to, not of the conversation's last question: a
            # probe's reply to an answer as of Mar 14 got Feb 8's toll, asked since in a reply.
            as_of = self.review_log.past_as_of(replied)
        destination: discord.abc.Messageable | None = channel if conversation is not None else None
        reply: discord.Message | None = None

        async def target() -> discord.abc.Messageable:
            nonlocal destination
            if destination is None:
                destination = await self._thread_for(message, question)
            return destination

        async def show(text: str) -> None:
            nonlocal reply
            if reply is None:
                where = await target()
                # In the channel asked in, the answer is a reply to the question, streamed or not.
                answering: dict[str, Any] = {}
                if where is channel:
                    answering = {"reference": reply_reference(message), "mention_author": False}
                reply = await where.send(preview(text), allowed_mentions=NO_PINGS, **answering)
            else:
                await reply.edit(content=preview(text), allowed_mentions=NO_PINGS)

        async with channel.typing():
            answer = await self._answer(question, as_of, self._history(conversation), show, filters)
        where = await target()
        context = AskContext(
            user_id=message.author.id,
            user_name=message.author.name,
            guild_id=message.guild.id if message.guild else None,
            channel_id=channel.id,
            thread_id=where.id if isinstance(where, discord.Thread) else conversation,
        )
        entry_id = self.review_log.record(answer, context, filters)
        posted = await self._post(
            where, answer_messages(answer), answer_view(entry_id), reply, reply_to=message if where is channel else None
        )
        self.review_log.attach(entry_id, message_id=posted[-1].id, message_ids=[m.id for m in posted])

    async def _thread_for(self, message: discord.Message, question: str) -> discord.abc.Messageable:
        if not may_thread(message.channel):
            # Opened but not written in, a probe's thread was left empty and the answer lost.
            log.warning("Answering in the channel: no permission to open threads and post in them")
            return message.channel
        try:
            return await message.create_thread(name=thread_name(question))
        except (discord.HTTPException, ValueError) as exc:  # no permission, or not a text channel
            log.warning("Answering in the channel: could not open a thread (%s)", exc)
            return message.channel

    async def _post(
        self,
        where: discord.abc.Messageable,
        messages: Sequence[Message],
        view: discord.ui.View,
        streamed: discord.Message | None,
        reply_to: discord.Message | None,
    ) -> list[discord.Message]:
        """Post the answer's messages (the first replaces the streamed text), buttons on the last;
        the messages posted."""
        posted: list[discord.Message] = []
        for i, embeds in enumerate(messages):
            options: dict[str, Any] = {"allowed_mentions": NO_PINGS}
            if i == len(messages) - 1:
                options["view"] = view
            if i == 0 and streamed is not None:  # the streamed text becomes the answer
                posted.append(await streamed.edit(content=None, embeds=embeds, **options))
                continue
            if i == 0 and reply_to is not None:
                options.update(reference=reply_reference(reply_to), mention_author=False)
            posted.append(await where.send(embeds=embeds, **options))
        return posted

    # ------------------------------------------------------------------ shared

    def _within_limit(self, user: discord.abc.Snowflake) -> bool:
        """Count a reply that answers no question (help, "more", a file to add) against the user's
        limit of them; over it, none is posted, not even to say so: a security probe's 12 "more"
        and 12 "help" had made 24 public posts in a row."""
        try:
            check_cooldown(self.replies_cooldown, user)
        except RateLimited:
            log.info("A reply to user %s was not posted: over the rate limit", user.id)
            return False
        return True

    def _kept_from_thread(
        self, thread_id: int | None, question: str, as_of: date | None, filters: Filters
    ) -> tuple[date | None, Filters]:
        """What a question in a conversation keeps of it, unless it gives its own: the past day its
        last question was answered as of (see ReviewLog.thread_as_of), and its first question's
        dates and outlets (see AnswerService.kept_filters)."""
        if thread_id is None:
            return as_of, filters
        if as_of is None:
            as_of = self.review_log.thread_as_of(thread_id)
        if not filters.active:
            filters = self.answers.kept_filters(self.review_log.thread_filters(thread_id), question)
        return as_of, filters

    async def _sources_asked(self, conversation: int, replied: ReviewEntry | None, text: str) -> list[Message] | None:
        """The passages that the text asks for ("tell me more about the second source", "[2]",
        "more") of the answer it replies to, or else of the conversation's last; None when it asks
        something else."""
        cited = source_asked(text)
        if cited is None and not asks_for_more(text):
            return None
        entry = replied or self.review_log.last_in_thread(conversation)
        if entry is None:
            return None
        if cited == LAST:
            cited = entry.citations[-1].n if entry.citations else None
        return passages_messages(entry, cited, await articles_held(self.answers.store, entry))

    def _history(self, thread_id: int | None) -> list[Turn]:
        if thread_id is None:
            return []
        return self.review_log.history(thread_id, self.settings.history_turns)

    async def _answer(
        self, question: str, as_of: date | None, history: Sequence[Turn], show: ShowText, filters: Filters = NO_FILTERS
    ) -> Answer:
        interval = self.settings.edit_interval_seconds
        # Without filters the service is called just as before they existed (stand-ins in tests take no filters).
        streamer = FilteredAnswers(self.answers, filters) if filters.active else self.answers
        return await stream_answer(streamer, question, as_of, history, show, interval)


# What a mention can say before its question, in any order: the words of /ask's options. "from" and "to"
# take only something that starts like a date, so a question such as "To whom did he speak?" stays whole.
_DAY = r"(\d{4}-\S*?)(?=[:,]?(?:\s|$))"  # up to a space; parse_day judges the rest ("2023-02-30" is refused)
# A day written otherwise ("Oct 1 2023", "March 3, 2023", "10/1/2023"): a figure in it, so "As of
# last week, how many …" stays a question.
_WRITTEN_DAY = r"[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,\s*\d{4}|[^\s:,][^:,\n]{0,40}?\d[^:,\n]{0,40}?"
# "as of" takes a day in any form with a figure, up to a colon or comma ("as of Oct 1 2023:"), so a
# day not written YYYY-MM-DD is refused by name rather than read as part of the question; an
# outlet's name holding a space is quoted (outlet:"The Week").
# The words parse_day_option reads as today, and those it refuses as no day to ask as of.
DAY_WORDS = "|".join(
    [*(re.escape(word) for word in sorted(TODAY_WORDS, key=len, reverse=True)), "tomorrow"]
    + [r"(?:last|next) (?:week|month|year|[a-z]+day)"]
)
MENTION_OPTIONS = (
    # Day words before a colon ("as of tomorrow:", "as of last week:", "as of now:") are a day too,
    # refused by name unless parse_day_option reads them: a Discord probe's were asked as of today,
    # "as of tomorrow: …" the question. Other words ("As of press time: …") stay the question's.
    (
        "as_of",
        re.compile(
            rf"as[ -]of\s+(?:{_DAY}|(today|yesterday)(?=[\s:,]|$)|({_WRITTEN_DAY})\s*(?=[:,])"
            rf"|({DAY_WORDS})\s*(?=:))",
            re.IGNORECASE,
        ),
    ),
    ("from", re.compile(rf"from\s+{_DAY}", re.IGNORECASE)),
    ("to", re.compile(rf"to\s+{_DAY}", re.IGNORECASE)),
    ("outlet", re.compile(r"outlet:\s*(?:\"([^\"]+)\"|“([^”]+)”|([^\s,:\"“”]+))", re.IGNORECASE)),
)
# outlet:"The Week with no closing quote: refused, not read as the outlet '"The'.
UNCLOSED_OUTLET = re.compile(r"outlet:\s*[\"“]", re.IGNORECASE)
OPTION_SEPARATORS = " \t\r\n:,"
# A greeting before the options ("Hey @Newsdesk as of 2023-10-20: …") is said, not asked.
GREETING_WORDS = r"hey|hi|hello|yo|ok|okay|so"
GREETING = re.compile(rf"(?:{GREETING_WORDS}|please)\b[\s,!.:;-]*", re.IGNORECASE)
# "hi, who ousted McCarthy?": the greeting is no part of the question (nor of the answer's title).
GREETING_BEFORE_QUESTION = re.compile(rf"(?:{GREETING_WORDS})\s*[,!]+\s*(?=\S)", re.IGNORECASE)
# "… as of 2023-10-20?" and "… (as of 2023-10-20)?" name the day last; the question keeps its mark.
TRAILING_AS_OF = re.compile(r"[\s,;(]*\bas[ -]of\s+(\d{4}-[\d-]*|today)\s*\)?\s*(?P<mark>[.!?]?)\s*$", re.IGNORECASE)
# Mentions of users, roles and channels, and @everyone/@here: nothing an article says.
MENTION_TOKEN = re.compile(r"<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b")
MENTION_ID = re.compile(r"<(@[!&]?|#)(\d+)>")


@dataclass(frozen=True)
class MentionOptions:
    """A mention's text read as /ask's options and the question after them."""

    question: str
    as_of: date | None = None
    start: date | None = None
    end: date | None = None
    outlets: tuple[str, ...] = ()


def split_options(text: str) -> MentionOptions:
    """Leading "as of YYYY-MM-DD:", "from YYYY-MM-DD", "to YYYY-MM-DD" and "outlet:NAME" (repeatable), and the
    question after them. A bad day raises InputError naming the option, as /ask does."""
    days: dict[str, date | None] = {"as_of": None, "from": None, "to": None}
    outlets: list[str] = []
    rest = text.strip().lstrip(OPTION_SEPARATORS)  # "@Newsdesk: as of …" leaves its colon
    greeting = GREETING.match(rest)
    if greeting is not None and _leading_option(rest[greeting.end() :]) is not None:
        rest = rest[greeting.end() :]
    while (found := _leading_option(rest)) is not None:
        name, match = found
        value = next(group for group in match.groups() if group is not None)
        if name == "outlet":
            outlets.append(value)
        else:
            days[name] = parse_day_option(name, value)
        rest = rest[match.end() :].lstrip(OPTION_SEPARATORS)
    if UNCLOSED_OUTLET.match(rest):
        raise InputError('outlet: the quote is not closed (write outlet:"The Week")')
    # "… in Ramallah? as of 2023-01-27" names its day last; read as part of the question it was
    # a period from that day to today, and later articles were cited.
    trailing = TRAILING_AS_OF.search(rest)
    if trailing is not None and days["as_of"] is None:
        days["as_of"] = parse_day_option("as_of", trailing.group(1))
        rest = rest[: trailing.start()].rstrip()
        if not rest.endswith((".", "!", "?")):  # "Who won? as of 2023-10-01." keeps its own mark
            rest += trailing["mark"]
    greeting = GREETING_BEFORE_QUESTION.match(rest)
    if greeting is not None:
        rest = rest[greeting.end() :]
    return MentionOptions(rest.strip(), days["as_of"], days["from"], days["to"], tuple(outlets))


def _leading_option(text: str) -> tuple[str, re.Match[str]] | None:
    for name, pattern in MENTION_OPTIONS:
        match = pattern.match(text)
        if match is not None:
            return name, match
    return None


def split_as_of(text: str) -> tuple[date | None, str]:
    """A mention's "as of YYYY-MM-DD:" day and its question (split_options also reads the other options)."""
    options = split_options(text)
    return options.as_of, options.question


# What opens a question, or asks for something, after a word or two of talk ("ok but why"): a
# reply in a shared channel that opens with none of them and holds no "?" is said to the others.
# "will", "can" and the like only before who or what they ask of ("Will do", "Can't wait": said).
_AUX = r"(?:is|are|was|were|did|does|do|can|could|will|would|should|has|have|had)"
_ASKED_OF = r"(?:you|he|she|it|they|we|i|there|the|this|that|these|those|any)"
ASKING = re.compile(
    r"\W*(?:(?:ok|okay|so|hmm+|also|well|and|but|makes\s+sense|interesting|thanks)\W+){0,2}"
    r"(?:(?:who|what|when|where|why|how|which|whose|whom|whats|what['’]s|who['’]s|where['’]s|when['’]s|how['’]s)\b"
    rf"|{_AUX}(?:n['’]t)?\s+{_ASKED_OF}\b"
    r"|(?:tell|show|explain|list|summari[sz]e|give|describe|compare|find|define|translate|please|any|more)\b)",
    re.IGNORECASE,
)
# A message opening with another member's mention is said to them ("<@carol> did you see this?").
TO_A_MEMBER = re.compile(r"\s*<@!?(\d+)>")


def asks_something(text: str) -> bool:
    """The text asks a question ("?", or it opens as one does): "makes sense" and "@carol fyi" do not."""
    return any(mark in text for mark in "?？؟¿") or ASKING.match(text) is not None


def said_to_the_others(message: discord.Message, me: discord.ClientUser | None) -> bool:
    """A reply to an answer in a shared channel that asks Newsdesk nothing: one opening with
    another member's mention, or asking nothing (after its options, "as of …: who won" asks), and
    for no source ("source 2", "more"). One bringing an article file is for Newsdesk (it is
    pointed to /ingest)."""
    if any(has_article_suffix(Path(file.filename)) for file in message.attachments):
        return False
    to = TO_A_MEMBER.match(message.content)
    if to is not None and (me is None or int(to.group(1)) != me.id):
        return True
    said = question_text(message.content)
    try:
        said = split_options(said).question or said
    except InputError:
        return False  # a bad day is told to the asker
    return not (asks_something(said) or source_asked(said) is not None or asks_for_more(said))


def mentioned_here(message: discord.Message, me: discord.ClientUser | None) -> bool:
    """The message mentions the bot, or its role, in its text (a reply's ping is not counted)."""
    if me is None:
        return False
    own_role = message.guild.self_role if message.guild else None
    return (
        f"<@{me.id}>" in message.content
        or f"<@!{me.id}>" in message.content
        or (own_role is not None and f"<@&{own_role.id}>" in message.content)
    )


def asks_for_help(text: str) -> bool:
    """Only a greeting or "help" ("hi!", "@Newsdesk help"), or a command typed as text."""
    said = {word.lower() for word in re.findall(r"[^\W\d_]+", text)}
    return bool(said) and said <= HELP_WORDS or TYPED_COMMAND.match(text.strip()) is not None


def may_thread(channel: discord.abc.Messageable) -> bool:
    """Newsdesk may open a public thread in the channel and post in it (True where it cannot tell:
    Discord's refusal is then caught)."""
    guild = getattr(channel, "guild", None)
    if guild is None or not isinstance(channel, discord.abc.GuildChannel):
        return True
    allowed = channel.permissions_for(guild.me)
    return allowed.create_public_threads and allowed.send_messages_in_threads


# Discord's emphasis, spoiler and code marks around words: "**who** _won_ the `Masters`" had been
# searched with its marks, and answered with a Tiger Woods story (a probe's).
MARKED = re.compile(r"(\*\*|__|~~|\|\||`+)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\3(?![\w*])")


# A code block: "```\nwho won the super bowl?\n```" had kept its backticks in the title, and was
# searched with them (a Discord probe's).
CODE_BLOCK = re.compile(r"```\s*(.*?)\s*```", re.DOTALL)


def without_markdown(text: str) -> str:
    """The text without the marks of Discord's markdown around its words."""
    text = CODE_BLOCK.sub(lambda m: m.group(1), text)
    previous = None
    while previous != text:  # "***who***": bold inside italics
        previous, text = text, MARKED.sub(lambda m: m.group(2) or m.group(4), text)
    return text


DM_NOTICE_SECONDS = 3600.0
LEADING_MENTIONS = re.compile(
    rf"^(?:(?:{GREETING_WORDS})\b[\s,!]*)?(?:[{OPTION_SEPARATORS}]*(?:{MENTION_TOKEN.pattern}))+[{OPTION_SEPARATORS}]*",
    re.IGNORECASE,
)


def without_addressees(text: str) -> str:
    """The text without the mentions before its options: "@Newsdesk @carol as of 2023-04-10: who
    …?" is said to carol, who is no word of the question. Named, she had kept "as of 2023-04-10"
    from being read as the day, and a newsroom's question was asked as of today (a probe's)."""
    lead = LEADING_MENTIONS.match(text)
    if lead is not None and _leading_option(text[lead.end() :]) is not None:
        return text[lead.end() :]
    return text


# Mentions that open or close a question, "cc" before them or not: who it is said to or shown to,
# not whom it asks about ("Who won the Super Bowl? <@&Desk>" had been declined as no article
# mentioning "Desk", a Discord probe's). Those inside it are named (with_mentions_named).
# Only a leading run followed by a separator or a question's first word, and a closing run after
# the question has ended or after "cc": "what did the mayor tell <@42>" asks about them (a review's).
QUESTION_OPENING = rf"(?:who|what|when|where|why|how|which|{_AUX})\b"
EDGE_MENTIONS = re.compile(
    rf"^(?:[\s,:]*(?:{MENTION_TOKEN.pattern}))+(?:\s*[,:]\s*|\s+(?={QUESTION_OPENING}))"
    rf"|(?<=[?!.])(?:[\s,]*(?:{MENTION_TOKEN.pattern}))+[\s,.]*$"
    rf"|\s*\bcc\b:?(?:[\s,]*(?:{MENTION_TOKEN.pattern}))+[\s,.]*$",
    re.IGNORECASE,
)


def without_edge_mentions(text: str) -> str:
    """The text without the mentions before and after its question (see EDGE_MENTIONS)."""
    return EDGE_MENTIONS.sub("", text).strip()


def without_own_name(text: str, name: str) -> str:
    """The text without the bot's name typed as a mention ("@Newsdesk what was the score?", typed
    rather than picked, had been declined as no article mentioning "Newsdesk", a Discord probe's)."""
    if not name:
        return text
    typed = rf"(?<!\w)@{re.escape(name)}\b"
    text = re.sub(rf"\s*{typed}(?=[?!.,;])", "", text, flags=re.IGNORECASE)  # "… score @Newsdesk?"
    return re.sub(rf"{typed}[\s,:]*", "", text, flags=re.IGNORECASE)


def with_mentions_named(message: discord.Message, own_id: int, own_role: discord.Role | None) -> str:
    """The message's text with the mentions of others written as their names, but for those it is
    said to before its options (without_addressees) and those opening or closing its question
    (without_edge_mentions)."""
    names: dict[str, str] = {}
    for user in message.mentions:
        if user.id != own_id:
            names[f"<@{user.id}>"] = names[f"<@!{user.id}>"] = user.display_name
    for role in message.role_mentions:
        if role != own_role:
            names[f"<@&{role.id}>"] = role.name
    for channel in message.channel_mentions:
        names[f"<#{channel.id}>"] = f"#{channel.name}"
    return with_names(without_edge_mentions(without_addressees(message.content)), names)


def with_names(text: str, names: dict[str, str]) -> str:
    """The text with each mention ("<@123>", "<@&4>", "<#5>") of these written as its name."""
    return MENTION_ID.sub(lambda m: names.get(m.group(), m.group()), text)


# Members a slash question mentions that the cache lacks (no members intent) are fetched, at most
# this many, within this long: the interaction must be answered within 3 s of the command.
MAX_MEMBERS_FETCHED = 3
MEMBER_FETCH_SECONDS = 1.0


async def with_ids_named(text: str, guild: discord.Guild | None, own_id: int | None = None) -> str:
    """A slash command's text with the members, roles and channels it mentions written as their
    names, where the server knows them (an option's text comes with no resolved mentions). Not
    the bot itself, nor its own role, as a mention's question does not name them."""
    if guild is None:
        return text
    own_role = guild.self_role
    names: dict[str, str] = {}
    unknown_members = []
    for match in MENTION_ID.finditer(text):
        kind, number = match.group(1), int(match.group(2))
        if kind == "@&":
            role = guild.get_role(number)
            if role is not None and not role.is_default() and role != own_role:
                names[match.group()] = role.name
        elif kind == "#":
            channel = guild.get_channel_or_thread(number)
            if channel is not None:
                names[match.group()] = f"#{channel.name}"
        elif number == own_id:
            continue
        elif (member := guild.get_member(number)) is not None:
            names[match.group()] = member.display_name
        elif number not in unknown_members:
            unknown_members.append(number)
    for number, member in zip(unknown_members, await _fetched_members(guild, unknown_members), strict=True):
        if member is not None:
            names[f"<@{number}>"] = names[f"<@!{number}>"] = member.display_name
    return with_names(text, names)


async def _fetched_members(guild: discord.Guild, numbers: Sequence[int]) -> list[discord.Member | None]:
    """The members of these ids (the first MAX_MEMBERS_FETCHED), None where Discord did not say
    in time."""

    async def fetch(number: int) -> discord.Member | None:
        try:
            return await guild.fetch_member(number)
        except Exception:  # noqa: BLE001 - a name is a nicety: a lost connection must not fail the question
            return None

    wanted = numbers[:MAX_MEMBERS_FETCHED]
    try:
        found = await asyncio.wait_for(asyncio.gather(*(fetch(n) for n in wanted)), MEMBER_FETCH_SECONDS)
    except TimeoutError:
        found = [None] * len(wanted)
    return [*found, *([None] * (len(numbers) - len(wanted)))]


# The marks that open a line's block in Discord's markdown: a quote, a heading, small text, a list
# item. "> what did the Fed decide in June?" had been searched for ">" too, and answered (a probe's).
BLOCK_MARK = re.compile(r"^[ \t]*(?:>>>|>|-#|#{1,3}|[-*+])[ \t]+", re.MULTILINE)  # not "1. FC Köln"


def question_text(text: str) -> str:
    """What is searched of a question typed in Discord: no mentions, no markdown marks, no
    invisible characters (U+202E had been echoed into a probe's embed title and thread name)."""
    return without_markdown(without_mentions(BLOCK_MARK.sub("", without_invisible(text))))


def has_words(text: str) -> bool:
    """A letter or a digit: "🔥🔥🔥" and "?" ask nothing to search for."""
    return re.search(r"[^\W_]", text) is not None


def without_mentions(text: str) -> str:
    """The text without mentions: searched for, `<@&1300…>` was a number no article holds. No space
    is left before the punctuation that followed one ("Hey @Newsdesk, who …" is "Hey, who …")."""
    text = re.sub(rf"\s*(?:{MENTION_TOKEN.pattern})\s*(?=[,.;:!?])", "", text)
    return " ".join(MENTION_TOKEN.sub(" ", text).split())
