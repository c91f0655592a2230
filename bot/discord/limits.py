"""Fitting text to Discord: its size limits, and text made inert (no markdown, no pings).

Pure functions: they cut, split and group text and embeds but never talk to Discord. The
feature renderers in `bot/discord/render.py` build on them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import discord
from discord.utils import escape_mentions

# Sent with every message (and set on the client): an article quoting "@everyone" pings nobody.
NO_PINGS = discord.AllowedMentions.none()


def reply_reference(message: discord.Message) -> discord.MessageReference:
    """A reply to the message that is sent as a plain message if the message is gone: a question
    deleted while it was being answered had lost its answer, with two tracebacks in the log (a
    security probe's)."""
    return message.to_reference(fail_if_not_exists=False)


# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
CONTENT_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELDS_PER_EMBED = 25
FOOTER_LIMIT = 2048
EMBED_TOTAL_LIMIT = 6000  # all embeds of one message together
EMBEDS_PER_MESSAGE = 10
THREAD_NAME_LIMIT = 100

CITATION = re.compile(r"\[(\d{1,3})\]")
# A markdown link or a citation marker: never split inside one.
UNBREAKABLE = re.compile(r"\[[^\]\n]*\]\([^)\s]*\)|\[\d{1,3}\]")
STARTS_WITH_CITATION = re.compile(r"\s*\[\d{1,3}\]")
# Preferred places to split, best first: paragraph, line, sentence end (or after a citation), any space.
BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?…”\"')\]])[ \t]+"), re.compile(r"\s+"))

Message = list[discord.Embed]


# Every character Discord's markdown reads inline, and the marks that open a line's block (a
# heading, a list item, a quote, "-#" small text): each is backslashed. discord.py's
# escape_markdown takes "[a](b) … [c](d)" for one link and backslashes only its first bracket, so
# the second stayed a live link with a disguised address (a probe's, in answers and /review).
INLINE_MARKS = re.compile(r"([\\*_~`|\[\]<>])")
LINE_MARKS = re.compile(r"^([ \t]*)([#+-])", re.MULTILINE)
NUMBERED_LINE = re.compile(r"^([ \t]*\d+)\.(?=\s)", re.MULTILINE)  # "1. " is backslashed at its period


# A bare address, left as written: Discord links it, and a backslash inside would break the link
# ("…/flu\_season/…", a review's). Its brackets were no link's: those before it are backslashed.
BARE_URL = re.compile(r"https?://[^\s<>\[\]]+")


def escape_text(text: str) -> str:
    """Article or answer text made inert: no markdown, no mentions; `[n]` markers and bare
    addresses kept as they are."""
    text = escape_mentions(text.replace("\x00", ""))
    shielded = CITATION.sub(lambda m: f"\x00{m.group(1)}\x00", text)
    pieces = re.split(f"({BARE_URL.pattern})", shielded)
    # re.split with one group: the addresses are the odd pieces.
    escaped = "".join(piece if i % 2 else INLINE_MARKS.sub(r"\\\1", piece) for i, piece in enumerate(pieces))
    escaped = NUMBERED_LINE.sub(r"\1\\.", LINE_MARKS.sub(r"\1\\\2", escaped))
    # A marker stays "[n]"; a "(" right after it is backslashed, or "[1](http://…)" would be a link.
    return re.sub(r"\x00(\d+)\x00(\()?", lambda m: f"[{m.group(1)}]" + ("\\(" if m.group(2) else ""), escaped)


def truncate(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a space with an ellipsis when too long."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, split at paragraph, line, sentence or word breaks,
    never inside a `[n]` marker or a markdown link, nor between a sentence and its `[n]`."""
    pieces: list[str] = []
    text = text.strip()
    while len(text) > limit:
        cut = _cut_point(text, limit)
        head, text = text[:cut].rstrip(), text[cut:].lstrip()
        if head:
            pieces.append(head)
    if text:
        pieces.append(text)
    return pieces


def _cut_point(text: str, limit: int) -> int:
    window = text[: limit + 1]  # a break right after `limit` characters is still fine
    spans = [m.span() for m in UNBREAKABLE.finditer(text, 0, min(len(text), limit + 300))]

    def allowed(at: int) -> bool:
        return at > 0 and not any(start < at < end for start, end in spans) and not STARTS_WITH_CITATION.match(text, at)

    best_any = 0
    for pattern in BREAKS:
        found = [m.start() for m in pattern.finditer(window) if allowed(m.start())]
        if found:
            if found[-1] >= limit // 2:
                return found[-1]
            best_any = max(best_any, found[-1])
    if best_any:
        return best_any
    cut = limit  # one unbroken run: cut it, but not inside a marker or link that starts later
    for start, end in spans:
        if start < cut < end and start > 0:
            cut = start
    return cut


def pack_lines(lines: Iterable[str], limit: int) -> list[str]:
    """Whole lines joined into chunks of at most `limit` characters (a too-long line is cut)."""
    chunks: list[str] = []
    for line in lines:
        line = truncate(line, limit)
        if chunks and len(chunks[-1]) + 1 + len(line) <= limit:
            chunks[-1] += "\n" + line
        else:
            chunks.append(line)
    return chunks


def layout(
    *,
    title: str,
    descriptions: Sequence[str],
    fields: Sequence[tuple[str, str]],
    footer: str,
    colour: discord.Colour,
) -> list[Message]:
    """Embeds holding the descriptions (one per embed), then the fields, the footer on the last,
    grouped into messages of at most 10 embeds and 6000 characters."""
    embeds = [discord.Embed(description=text, colour=colour) for text in descriptions] or [discord.Embed(colour=colour)]
    embeds[0].title = title or None
    for name, value in fields:
        current = embeds[-1]
        if len(current.fields) >= FIELDS_PER_EMBED or (
            len(current) + len(name) + len(value) + len(footer) > EMBED_TOTAL_LIMIT
        ):
            current = discord.Embed(colour=colour)
            embeds.append(current)
        current.add_field(name=name, value=value, inline=False)
    if footer:
        embeds[-1].set_footer(text=footer)
    return group_embeds(embeds)


def group_embeds(embeds: Iterable[discord.Embed]) -> list[Message]:
    """Embeds in order, grouped into messages of at most 10 embeds and 6000 characters."""
    messages: list[Message] = []
    size = 0
    for embed in embeds:
        if not messages or len(messages[-1]) >= EMBEDS_PER_MESSAGE or size + len(embed) > EMBED_TOTAL_LIMIT:
            messages.append([])
            size = 0
        messages[-1].append(embed)
        size += len(embed)
    return messages
