"""Answers, sources, review pages, stats, timelines and coverage gaps as Discord messages.

Pure functions: they build `discord.Embed` objects and strings but never talk to Discord.
Article text is escaped (markdown and mentions) so it shows as written and pings nobody;
every send also passes `NO_PINGS`. Fitting them to Discord's size limits is `bot/discord/limits.py`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

import discord

from bot.citations import cited_range
from bot.discord.limits import (
    CONTENT_LIMIT,
    DESCRIPTION_LIMIT,
    EMBED_TOTAL_LIMIT,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    FOOTER_LIMIT,
    THREAD_NAME_LIMIT,
    TITLE_LIMIT,
    Message,
    escape_text,
    layout,
    pack_lines,
    split_text,
    truncate,
)
from bot.gaps import NO_GAPS, GapGroup
from bot.injection import without_instructions
from bot.review_log import ReviewEntry
from bot.timeline import Timeline, TimelineEntry
from ingest.report import describe_report
from newsdesk.dates import iso_or_none
from newsdesk.models import Answer, Citation, IndexStats, IngestReport, Passage
from newsdesk.text import collapse_whitespace

ANSWERED = discord.Colour.blurple()
ABSTAINED = discord.Colour.orange()


# --------------------------------------------------------------------------- streaming, threads


def preview(text: str) -> str:
    """A partial (streaming) answer as message content."""
    return truncate(escape_text(text), CONTENT_LIMIT) or "…"


def thread_name(question: str) -> str:
    """A thread title from the question (Discord allows 100 characters)."""
    return truncate(collapse_whitespace(question), THREAD_NAME_LIMIT) or "Newsdesk"


# --------------------------------------------------------------------------- answers


def source_line(citation: Citation) -> str:
    """`[n] [Title](url) — outlet, YYYY-MM-DD`; the title is a link only when the url is known."""
    title = escape_text(truncate(collapse_whitespace(citation.title or citation.article_id), 200))
    url = _safe_url(citation.url)
    label = f"[{title}]({url})" if url else title  # escape_text backslashed its brackets
    details = [
        part for part in (citation.source and escape_text(citation.source), iso_or_none(citation.published)) if part
    ]
    line = f"[{citation.n}] {label}"
    return f"{line} — {', '.join(details)}" if details else line


def answer_footer(answer: Answer) -> str:
    parts = []
    if answer.date_range_label:
        parts.append(f"Searched: {answer.date_range_label}")
    if answer.as_of:
        parts.append(f"as of {answer.as_of.isoformat()}")
    return truncate(" · ".join(parts), FOOTER_LIMIT)


def answer_messages(answer: Answer) -> list[Message]:
    """The reply to a question: the answer with `[n]` markers, its sources and the dates searched,
    as one or more messages of embeds."""
    colour = ABSTAINED if answer.abstained else ANSWERED
    fields: list[tuple[str, str]] = []
    if answer.notice:
        fields.append(("Note", truncate(escape_text(answer.notice), FIELD_VALUE_LIMIT)))
    lines = [source_line(c) for c in answer.citations]
    for i, chunk in enumerate(pack_lines(lines, FIELD_VALUE_LIMIT)):
        fields.append(("Sources" if i == 0 else "Sources (continued)", chunk))
    return layout(
        # Escaped first: "**Who**" or "||spoiler||" in a question is shown as typed.
        title=truncate(escape_text(collapse_whitespace(answer.question)), TITLE_LIMIT),
        descriptions=split_text(escape_text(answer.text), DESCRIPTION_LIMIT),
        fields=fields,
        footer=answer_footer(answer),
        colour=colour,
    )


# Shown for an article deleted since the answer (`newsdesk ingest --delete`): a takedown is not
# undone by an old answer's Sources button (a probe's showed the deleted passage whole).
REMOVED = "This article has since been removed from the index."


def articles_of(entry: ReviewEntry) -> list[str]:
    """The articles an entry's Sources may show: its citations' and its passages'."""
    return list(dict.fromkeys([c.article_id for c in entry.citations] + [p.article_id for p in entry.passages]))


def passages_messages(entry: ReviewEntry, cited: int | None = None, held: set[str] | None = None) -> list[Message]:
    """What the Sources button shows: each cited passage (or, after an abstention, the closest ones);
    with `cited`, the passage of the source cited as [cited] only ("tell me more about source 2").
    `held`: the articles the index still holds, when known; the others' text is not shown."""
    fields: list[tuple[str, str]] = []
    citations = [c for c in entry.citations if cited is None or c.n == cited]
    if cited is not None and not citations:
        return layout(
            title=truncate(f"Sources for: {escape_text(collapse_whitespace(entry.question))}", TITLE_LIMIT),
            descriptions=[f"No source [{cited}]: that answer {cited_range(entry.citations)}."],
            fields=[],
            footer="",
            colour=ABSTAINED,
        )
    if citations:
        for citation in citations:
            passage = _cited_passage(citation, entry.passages, _quotes_of(entry.answer, citation.n))
            name = f"[{citation.n}] {escape_text(_heading(citation.title or citation.article_id, citation.published))}"
            if held is not None and citation.article_id not in held:
                fields.append((truncate(name, FIELD_NAME_LIMIT), REMOVED))
                continue
            text = passage.text if passage else citation.quote
            fields.append((truncate(name, FIELD_NAME_LIMIT), _excerpt(text, citation.quote)))
            url = _safe_url(citation.url)
            if url:
                name, value = fields[-1]
                fields[-1] = (name, truncate(value, FIELD_VALUE_LIMIT - len(url) - 1) + "\n" + url)
    else:
        for passage in entry.passages:
            name = escape_text(_heading(passage.title or passage.article_id, passage.published))
            gone = held is not None and passage.article_id not in held
            fields.append((truncate(name, FIELD_NAME_LIMIT), REMOVED if gone else _excerpt(passage.text, "")))
    description = None if fields else "No passages were found for this question."
    return layout(
        title=truncate(f"Sources for: {escape_text(collapse_whitespace(entry.question))}", TITLE_LIMIT),
        descriptions=[description] if description else [],
        fields=fields,
        footer=truncate(f"Searched: {entry.date_range_label}", FOOTER_LIMIT) if entry.date_range_label else "",
        colour=ABSTAINED if entry.abstained else ANSWERED,
    )


def _cited_passage(citation: Citation, passages: Sequence[Passage], quotes: Sequence[str] = ()) -> Passage | None:
    """The passage of the cited article that holds the citation's quote, or else most of the
    answer's other quotes of it (`quotes`): a citation keeps its first quote only, and when that is
    the headline, no passage holds it. A probe's Sources showed a passage of the Titan article
    that held neither quoted sentence."""
    same_article = [p for p in passages if p.article_id == citation.article_id]
    texts = [collapse_whitespace(p.text) for p in same_article]
    quote = collapse_whitespace(citation.quote)
    for passage, text in zip(same_article, texts, strict=True):
        if quote and quote in text:
            return passage
    held = [sum(q in text for q in quotes if q) for text in texts]
    if held and max(held) > 0:
        return same_article[held.index(max(held))]
    return same_article[0] if same_article else None


# An answer's quote and its marker: "On Oct 10: “…” [1]". What comes before the opening mark
# (a day's label) is not quoted.
QUOTE_AND_MARKER = re.compile(r"(?s)(.*?)\[(\d+)\]")


def _quotes_of(answer: str, n: int) -> list[str]:
    """The quotes an answer cites as [n], without their quotation marks."""
    quotes = []
    for text, number in QUOTE_AND_MARKER.findall(answer):
        if int(number) == n and "“" in text:
            inner = text[text.index("“") + 1 :].strip()
            quotes.append(collapse_whitespace(inner.removesuffix("”")))
    return quotes


def _excerpt(text: str, quote: str, limit: int = FIELD_VALUE_LIMIT - 24) -> str:
    """The passage (escaped), cut around the quote when too long for a field; without sentences
    written to a language model ("Ignore previous instructions …"), which are never news and were
    shown whole here (a probe's)."""
    text = collapse_whitespace(without_instructions(text))
    if len(text) > limit:
        at = text.find(collapse_whitespace(quote)) if quote else -1
        start = max(0, min(at - limit // 4, len(text) - limit)) if at > 0 else 0
        text = ("…" if start else "") + truncate(text[start:], limit - 1)
    return truncate(escape_text(text), FIELD_VALUE_LIMIT)


# --------------------------------------------------------------------------- review, stats


def review_page(entries: Sequence[ReviewEntry], page: int, pages: int, total: int) -> discord.Embed:
    """One page of `/review`: newest questions first, each with answer, citations and votes."""
    embed = discord.Embed(title=f"Review log — page {page + 1} of {max(pages, 1)}", colour=ANSWERED)
    embed.set_footer(text=f"{total} question{'s' * (total != 1)} logged · /review export for all as JSON Lines")
    if not entries:
        embed.description = "No questions have been asked yet."
        return embed
    budget = min(FIELD_VALUE_LIMIT, (EMBED_TOTAL_LIMIT - 300) // len(entries) - FIELD_NAME_LIMIT // 2)
    for entry in entries:
        who = entry.context.user_name or (f"user {entry.context.user_id}" if entry.context.user_id else "?")
        when = entry.created_at[:16].replace("T", " ")
        # Asked in a channel but never posted (the bot stopped mid-answer): a probe's read as delivered.
        unposted = " · not posted" if entry.context.channel_id is not None and entry.context.message_id is None else ""
        name = truncate(f"#{entry.id} · {when} · {escape_text(who)}{unposted}", FIELD_NAME_LIMIT // 2)
        cited = "; ".join(f"[{c.n}] {_heading(c.title or c.article_id, c.published)}" for c in entry.citations) or (
            "none (abstained)" if entry.abstained else "none"
        )
        votes = f"👍 {entry.up} · 👎 {entry.down}"
        comments = [f.comment for f in entry.feedback if f.comment]
        # Each part gets a share of the field, so the votes at the end are never cut off.
        # (escaped first, then cut: a cut escape only escapes the "…")
        fixed = f"\n**Cited:** {truncate(escape_text(cited), budget // 4)}\n{votes}"
        if comments:
            fixed += " · " + truncate(escape_text(" | ".join(comments)), budget // 8)
        question = truncate(escape_text(collapse_whitespace(entry.question)), budget // 4)
        # How a follow-up was read ("Read as a follow-up about …"): the answer is judged by it.
        note = f"\n**Note:** {truncate(escape_text(entry.notice), budget // 5)}" if entry.notice else ""
        room = max(20, budget - len(fixed) - len(question) - len(note) - 16)
        answer = truncate(escape_text(collapse_whitespace(entry.answer)), room)
        value = f"**Q:** {question}{note}\n**A:** {answer}{fixed}"
        embed.add_field(name=name, value=value, inline=False)
    return embed


def ingest_summary(report: IngestReport) -> str:
    """The `/ingest` reply: the summary `newsdesk ingest` prints (counts, then each failure and why), escaped."""
    return escape_text(describe_report(report))


def stats_embed(stats: IndexStats) -> discord.Embed:
    """`/stats`: articles, chunks, the dates they span and the outlets."""
    embed = discord.Embed(title="Newsdesk index", colour=ANSWERED)
    if not stats.articles:
        embed.description = "The index is empty. Add articles with /ingest."
        return embed
    embed.add_field(name="Articles", value=str(stats.articles))
    embed.add_field(name="Chunks", value=str(stats.chunks))
    span = (
        f"{iso_or_none(stats.first_published)} to {iso_or_none(stats.last_published)}"
        if stats.first_published
        else "no dated articles"
    )
    embed.add_field(name="Published", value=span)
    outlets = [f"{escape_text(name)} ({count})" for name, count in stats.outlets.items()]
    listing = pack_lines(outlets, FIELD_VALUE_LIMIT - 20)[:1]
    if listing:
        shown = listing[0].count("\n") + 1
        more = f"\n… and {len(outlets) - shown} more" if shown < len(outlets) else ""
        embed.add_field(name="Outlets", value=listing[0] + more, inline=False)
    else:
        embed.add_field(name="Outlets", value="none named", inline=False)
    return embed


# --------------------------------------------------------------------------- timelines, gaps

LINES_PER_PAGE = 8
LINE_LIMIT = 700  # a very long sentence is cut for Discord (the CLI and --json keep it whole)
GROUPS_PER_PAGE = 5
EXAMPLES_PER_GROUP = 5


def timeline_pages(timeline: Timeline) -> list[discord.Embed]:
    """A timeline as pages of embeds: dated, quoted lines oldest first, with the sources each page cites."""
    title = truncate(f"Timeline: {collapse_whitespace(timeline.topic)}", TITLE_LIMIT)
    if not timeline.entries:
        return [discord.Embed(title=title, description=escape_text(timeline.empty_text), colour=ABSTAINED)]
    pages: list[list[TimelineEntry]] = [[]]
    for entry in timeline.entries:
        grown = _timeline_embed(title, [*pages[-1], entry])
        if pages[-1] and (
            len(pages[-1]) >= LINES_PER_PAGE
            or len(grown) > EMBED_TOTAL_LIMIT - FOOTER_LIMIT // 4
            or len(grown.description or "") > DESCRIPTION_LIMIT
        ):
            pages.append([])
        pages[-1].append(entry)
    embeds = [_timeline_embed(title, page) for page in pages]
    if timeline.notice:  # a sample of the topic's days: said under the last page's lines
        embeds[-1].add_field(name="Note", value=truncate(escape_text(timeline.notice), FIELD_VALUE_LIMIT))
    for number, embed in enumerate(embeds, start=1):
        page = f"Page {number} of {len(embeds)} · " if len(embeds) > 1 else ""
        embed.set_footer(text=truncate(f"{page}{timeline.label}", FOOTER_LIMIT // 4))
    return embeds


def _timeline_embed(title: str, entries: Sequence[TimelineEntry]) -> discord.Embed:
    lines = []
    for entry in entries:
        outlets = ", ".join(escape_text(c.source) for c in entry.citations if c.source)
        line = f"**{entry.day.isoformat()}** {escape_text(truncate(entry.text, LINE_LIMIT))}"
        lines.append(f"{line} {outlets}" if outlets else line)
    embed = discord.Embed(title=title, description="\n".join(lines), colour=ANSWERED)
    cited = {c.n: c for entry in entries for c in entry.citations}
    sources = [source_line(cited[n]) for n in sorted(cited)]
    for i, chunk in enumerate(pack_lines(sources, FIELD_VALUE_LIMIT)):
        embed.add_field(name="Sources" if i == 0 else "Sources (continued)", value=chunk, inline=False)
    return embed


def gaps_pages(groups: Sequence[GapGroup]) -> list[discord.Embed]:
    """`/review gaps`: groups of declined or 👎'd questions, open gaps first, with example questions."""
    if not groups:
        return [discord.Embed(title="Coverage gaps", description=NO_GAPS, colour=ANSWERED)]
    total = sum(g.size for g in groups)
    summary = (
        f"{len(groups)} topic{'s' * (len(groups) != 1)} from {total} declined or 👎'd question{'s' * (total != 1)}"
    )
    pages = [groups[i : i + GROUPS_PER_PAGE] for i in range(0, len(groups), GROUPS_PER_PAGE)]
    embeds = []
    for index, page in enumerate(pages):
        embed = discord.Embed(title="Coverage gaps", colour=ANSWERED)
        for number, group in enumerate(page, start=index * GROUPS_PER_PAGE + 1):
            state = "✅ covered now" if group.covered else "not covered"
            name = f"{number}. {group.size} question{'s' * (group.size != 1)} · {state}"
            examples = []
            asked = group.asked()
            for question, times in asked[:EXAMPLES_PER_GROUP]:  # newest first
                as_of = f" (as of {question.as_of.isoformat()})" if question.as_of else ""
                text = truncate(escape_text(collapse_whitespace(question.question)), 150)
                again = f" ×{times}" if times > 1 else ""
                examples.append(f"`{question.asked_at[:10]}` {text}{as_of}{again}")
            if len(asked) > EXAMPLES_PER_GROUP:
                examples.append(f"… and {len(asked) - EXAMPLES_PER_GROUP} more")
            embed.add_field(name=name, value=truncate("\n".join(examples), FIELD_VALUE_LIMIT), inline=False)
        page_label = f" · page {index + 1} of {len(pages)}" if len(pages) > 1 else ""
        embed.set_footer(text=f"{summary}{page_label} · newsdesk gaps --json for all")
        embeds.append(embed)
    return embeds


# --------------------------------------------------------------------------- helpers


def _heading(title: str, published: date | None) -> str:
    title = truncate(collapse_whitespace(title), 120)
    return f"{title} — {published.isoformat()}" if published else title


# A url longer than this (a tracking link) is not shown: it would not fit a source's field
# (1,024 characters) beside its excerpt, and a line cut inside a link shows as raw markdown.
MAX_URL = 500


def _safe_url(url: str | None) -> str | None:
    """An http(s) url that cannot end a markdown link early, or None (also when too long)."""
    if not url or not re.match(r"https?://", url, re.I) or len(url) > MAX_URL:
        return None
    return re.sub(r"[\s()<>]", lambda m: f"%{ord(m.group()):02X}", url.strip())
