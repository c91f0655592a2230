"""Fitting text to Discord: splitting without breaking citations, cutting, escaping, and grouping
embeds into messages within Discord's limits."""

from __future__ import annotations

import re

import discord
import pytest

from bot.discord.limits import (
    EMBED_TOTAL_LIMIT,
    EMBEDS_PER_MESSAGE,
    FIELDS_PER_EMBED,
    NO_PINGS,
    escape_text,
    group_embeds,
    layout,
    pack_lines,
    split_text,
    truncate,
)

MARKER = re.compile(r"\[\d{1,3}\]")
LINK = re.compile(r"\[[^\]\n]*\]\([^)\s]*\)")


def cited_text(sentences: int) -> str:
    return " ".join(
        f"“Sentence number {i} says something fairly long about the news.” [{i % 40 + 1}]" for i in range(sentences)
    )


@pytest.mark.parametrize("limit", [60, 100, 333, 2000])
def test_split_text_respects_the_limit_and_never_breaks_a_citation(limit: int) -> None:
    text = cited_text(120) + "\n\nSee [the source](https://example.com/x_(y)) and [3]."
    pieces = split_text(text, limit)
    assert all(len(p) <= limit for p in pieces)
    assert " ".join(pieces).split() == text.split()  # nothing lost, nothing added
    for piece in pieces:
        assert not piece.startswith("[") or LINK.match(piece), piece  # a marker stays with its sentence
        assert piece.count("[") == piece.count("]")  # no marker cut in half
    assert sum(len(MARKER.findall(p)) for p in pieces) == len(MARKER.findall(text))


def test_split_text_prefers_paragraphs() -> None:
    text = "First paragraph. It ends here. [1]\n\nSecond paragraph, rather long, goes on. [2]"
    assert split_text(text, 60) == ["First paragraph. It ends here. [1]", "Second paragraph, rather long, goes on. [2]"]
    assert split_text("short", 10) == ["short"]


def test_an_unbroken_run_is_cut_but_not_inside_a_marker() -> None:
    pieces = split_text("x" * 15 + "[12]" + "y" * 5, 17)
    assert pieces == ["x" * 15, "[12]" + "y" * 5]


def test_escape_text_neutralises_mentions_and_markdown_but_keeps_markers() -> None:
    text = "@everyone look: **bold** <@123456789012345678> [1] (AP) [click](http://evil.example) `code`"
    escaped = escape_text(text)
    assert "@everyone" not in escaped and "@\u200beveryone" in escaped
    assert "<@123456789012345678>" not in escaped
    assert "\\*\\*bold\\*\\*" in escaped and "\\`code\\`" in escaped
    assert "[1] (AP)" in escaped  # the marker is left as is
    assert not LINK.search(escaped.replace("\\[", ""))  # the masked link is broken
    assert escape_text("[1](http://x)") == "[1]\\(http://x)"


def test_escape_text_leaves_no_link_live_nor_any_mark() -> None:
    """discord.py's escape_markdown took "[a](b) … [c](d)" for one link and left the second live,
    a disguised address in answers and /review (a probe's); spoilers and block marks stayed too."""
    text = "The dam [report](https://a.example) was approved, see [the notice](https://evil.example) ||spoiler||"
    escaped = escape_text(text)
    assert not LINK.search(escaped.replace("\\[", "").replace("\\]", ""))
    assert "[" not in escaped.replace("\\[", "") and "]" not in escaped.replace("\\]", "")
    assert "||" not in escaped.replace("\\|", "")
    assert escape_text("# Heading\n- item\n> quote\n-# small\n1. one\n3.5 million\n.hidden") == (
        "\\# Heading\n\\- item\n\\> quote\n\\-# small\n1\\. one\n3.5 million\n.hidden"
    )
    assert escape_text("<t:1700000000:R> a_b") == "\\<t:1700000000:R\\> a\\_b"
    # A bare address stays as written, or Discord's link to it would break (a review's).
    assert escape_text("See https://www.cdc.gov/flu_season/index_2023.html, a_b") == (
        "See https://www.cdc.gov/flu_season/index_2023.html, a\\_b"
    )


def test_no_pings_allows_no_mention_at_all() -> None:
    assert NO_PINGS.to_dict() == {"parse": []}


def test_truncate_cuts_at_a_space_with_an_ellipsis() -> None:
    assert truncate("short", 5) == "short"
    assert truncate("Blinken met Abbas in Ramallah", 20) == "Blinken met Abbas…"
    assert truncate("x" * 30, 10) == "x" * 9 + "…"  # no space worth cutting at
    assert all(len(truncate("word " * 50, limit)) <= limit for limit in (2, 10, 99))


def test_pack_lines_keeps_lines_whole_within_the_limit() -> None:
    lines = [f"[{n}] source number {n}" for n in range(1, 30)]
    chunks = pack_lines(lines, 100)
    assert all(len(chunk) <= 100 for chunk in chunks) and len(chunks) > 1
    assert "\n".join(chunks).split("\n") == lines
    assert pack_lines(["y" * 150], 100) == [truncate("y" * 150, 100)]


def test_layout_starts_a_new_embed_after_25_fields_and_puts_the_footer_last() -> None:
    fields = [(f"name {i}", "value") for i in range(30)]
    (message,) = layout(title="T", descriptions=["one", "two"], fields=fields, footer="F", colour=discord.Colour.blue())
    assert [e.description for e in message] == ["one", "two", None]
    assert [len(e.fields) for e in message] == [0, FIELDS_PER_EMBED, 5]
    assert message[0].title == "T" and [e.footer.text for e in message] == [None, None, "F"]


def test_group_embeds_keeps_each_message_within_10_embeds_and_6000_characters() -> None:
    small = [discord.Embed(description="x" * 10) for _ in range(12)]
    assert [len(m) for m in group_embeds(small)] == [EMBEDS_PER_MESSAGE, 2]
    large = [discord.Embed(description="x" * 2500) for _ in range(5)]
    messages = group_embeds(large)
    assert [len(m) for m in messages] == [2, 2, 1]
    assert all(sum(len(e) for e in m) <= EMBED_TOTAL_LIMIT for m in messages)
