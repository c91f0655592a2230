"""Rendering answers for Discord: limits, splitting without breaking citations, escaping."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.discord.render import (
    CONTENT_LIMIT,
    DESCRIPTION_LIMIT,
    EMBED_TOTAL_LIMIT,
    EMBEDS_PER_MESSAGE,
    FIELD_VALUE_LIMIT,
    FIELDS_PER_EMBED,
    answer_messages,
    escape_text,
    ingest_summary,
    review_page,
    source_line,
    split_text,
    thread_name,
)
from bot.review_log import AskContext, ReviewEntry
from newsdesk.models import Answer, Citation, IngestFailure, IngestReport

MARKER = re.compile(r"\[\d{1,3}\]")
LINK = re.compile(r"\[[^\]\n]*\]\([^)\s]*\)")


def citation(n: int, url: str | None = "https://example.com/a", title: str = "A title") -> Citation:
    return Citation(n, f"id{n}", title, "example.com", url, date(2023, 1, 31), "quote")


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


def test_source_line_links_the_title_only_with_a_url() -> None:
    assert source_line(citation(2)) == "[2] [A title](https://example.com/a) — example.com, 2023-01-31"
    assert source_line(citation(3, url=None)) == "[3] A title — example.com, 2023-01-31"
    assert source_line(citation(4, url="javascript:alert(1)")) == "[4] A title — example.com, 2023-01-31"
    odd = source_line(citation(5, url="https://x.org/a (b)", title="A [bracketed] *title*"))
    assert odd == "[5] [A \\[bracketed\\] \\*title\\*](https://x.org/a%20%28b%29) — example.com, 2023-01-31"


def test_a_short_answer_is_one_embed() -> None:
    answer = Answer(
        "Who?",
        "“Blinken met Abbas.” [1]",
        False,
        (citation(1),),
        (),
        None,
        "articles up to 2023-02-01, recent ones preferred",
        date(2023, 2, 1),
        "LLM timed out.",
    )
    (message,) = answer_messages(answer)
    (embed,) = message
    data = embed.to_dict()
    assert data["title"] == "Who?" and data["description"] == "“Blinken met Abbas.” [1]"
    assert [f["name"] for f in data["fields"]] == ["Note", "Sources"]
    assert data["footer"]["text"] == "Searched: articles up to 2023-02-01, recent ones preferred · as of 2023-02-01"


def test_a_long_answer_with_many_sources_stays_within_every_limit() -> None:
    citations = tuple(citation(n, title="T" * 180) for n in range(1, 41))
    answer = Answer("Q" * 300, cited_text(300), False, citations, (), None, "label", date(2023, 2, 1))
    messages = answer_messages(answer)
    assert len(messages) > 1
    descriptions, sources = [], []
    for message in messages:
        assert 1 <= len(message) <= EMBEDS_PER_MESSAGE
        assert sum(len(e) for e in message) <= EMBED_TOTAL_LIMIT
        for embed in message:
            data = embed.to_dict()
            assert len(data.get("title", "")) <= 256
            assert len(data.get("description", "")) <= DESCRIPTION_LIMIT
            assert len(data.get("fields", [])) <= FIELDS_PER_EMBED
            assert all(len(f["value"]) <= FIELD_VALUE_LIMIT for f in data.get("fields", []))
            descriptions.append(data.get("description", ""))
            sources += [f["value"] for f in data.get("fields", []) if f["name"].startswith("Sources")]
    assert " ".join(descriptions).split() == cited_text(300).split()
    lines = "\n".join(sources).splitlines()
    assert [line.split()[0] for line in lines] == [f"[{n}]" for n in range(1, 41)]  # every source, whole
    assert messages[-1][-1].footer.text == "Searched: label · as of 2023-02-01"


def test_thread_names_fit_discord() -> None:
    assert thread_name("  Who did\nBlinken meet?  ") == "Who did Blinken meet?"
    long = thread_name("word " * 60)
    assert len(long) <= 100 and long.endswith("…")
    assert thread_name("") == "Newsdesk"


def test_ingest_summary_lists_failures_escaped() -> None:
    report = IngestReport(added=1, chunks=3, failed=[IngestFailure("my_file.json", 4, "bad date '*'")])
    assert ingest_summary(report) == (
        "1 added, 0 updated, 0 unchanged, 1 failed; 3 chunks written.\n- failed: my\\_file.json:4: bad date '\\*'"
    )
    assert len(ingest_summary(report)) < CONTENT_LIMIT


def test_a_full_review_page_fits_and_always_shows_the_votes() -> None:
    entries = [
        ReviewEntry(
            id=i,
            created_at="2023-02-01T10:00:00+00:00",
            context=AskContext(user_name="*alice*"),
            question="Q " * 400,
            as_of=None,
            answer="A* " * 900,
            abstained=False,
            date_range_label="label",
            citations=tuple(citation(n, title="T" * 200) for n in range(1, 6)),
            passages=(),
            mode="extractive",
            notice=None,
            up=3,
            down=i,
        )
        for i in range(10)
    ]
    embed = review_page(entries, 0, 3, 30)
    assert len(embed) <= EMBED_TOTAL_LIMIT and len(embed.fields) == 10
    for i, field in enumerate(embed.fields):
        assert len(field.value) <= FIELD_VALUE_LIMIT and len(field.name) <= 256
        assert field.value.endswith(f"👍 3 · 👎 {i}") and "\\*alice\\*" in field.name
    assert embed.title == "Review log — page 1 of 3"
