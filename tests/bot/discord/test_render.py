"""The feature renderers: answers, sources, ingest summaries, review pages and timelines as Discord messages."""

from __future__ import annotations

from datetime import date, timedelta

from bot.discord.limits import (
    CONTENT_LIMIT,
    DESCRIPTION_LIMIT,
    EMBED_TOTAL_LIMIT,
    EMBEDS_PER_MESSAGE,
    FIELD_VALUE_LIMIT,
    FIELDS_PER_EMBED,
)
from bot.discord.render import (
    answer_messages,
    ingest_summary,
    passages_messages,
    review_page,
    source_line,
    thread_name,
    timeline_pages,
)
from bot.review_log import AskContext, ReviewEntry
from bot.timeline import Timeline, TimelineEntry
from newsdesk.models import Answer, Citation, IngestFailure, IngestReport, Passage


def citation(n: int, url: str | None = "https://example.com/a", title: str = "A title") -> Citation:
    return Citation(n, f"id{n}", title, "example.com", url, date(2023, 1, 31), "quote")


def cited_text(sentences: int) -> str:
    return " ".join(
        f"“Sentence number {i} says something fairly long about the news.” [{i % 40 + 1}]" for i in range(sentences)
    )


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


def test_markdown_in_a_question_is_shown_as_typed_in_the_title() -> None:
    answer = Answer("Who won **the** ||final||? " + "_x_ " * 120, "“Abbas.” [1]", False, (citation(1),), (), None, "l")
    title = answer_messages(answer)[0][0].to_dict()["title"]
    assert title.startswith(r"Who won \*\*the\*\* \|\|final\|\|? \_x\_") and len(title) <= 256


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


def test_ingest_summary_is_the_cli_summary_escaped() -> None:
    """The lines `newsdesk ingest` prints (ingest/report.py), with markdown and mentions made inert."""
    report = IngestReport(added=1, chunks=3, failed=[IngestFailure("my_file.json", 4, "bad date '*' @everyone")])
    assert ingest_summary(report) == (
        "1 added, 0 updated, 0 unchanged, 1 failed; 3 chunks written.\n"
        "  failed: my\\_file.json:4: bad date '\\*' @\u200beveryone"
    )
    assert len(ingest_summary(report)) < CONTENT_LIMIT


def test_an_answer_never_posted_is_marked_in_the_review() -> None:
    """A probe stopped the bot mid-answer: the logged answer read as delivered, its thread empty."""

    def entry(context: AskContext) -> ReviewEntry:
        return ReviewEntry(
            1, "2023-02-01T10:00:00+00:00", context, "Q?", None, "A.", False, None, (), (), "extractive", None
        )

    names = [
        review_page([entry(context)], 0, 1, 1).fields[0].name
        for context in (
            AskContext(channel_id=5, user_name="alice"),
            AskContext(channel_id=5, message_id=6, user_name="alice"),
            AskContext(user_name="alice"),  # not asked in Discord
        )
    ]
    assert names == [
        "#1 · 2023-02-01 10:00 · alice · not posted",
        "#1 · 2023-02-01 10:00 · alice",
        "#1 · 2023-02-01 10:00 · alice",
    ]


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
            notice="Read as a follow-up about *Lahaina* " * (40 if i % 2 else 1),
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
        # How a follow-up was read, escaped: its answer is judged by it.
        assert "\n**Note:** Read as a follow-up about \\*Lahaina\\*" in field.value
    assert embed.title == "Review log — page 1 of 3"


def long_timeline(days: int, words: str, repeat: int, title: str, url: str | None) -> Timeline:
    """A timeline of `days` days from 2024-01-01, one long quoted line a day."""
    first = date(2024, 1, 1)
    entries = []
    for i in range(days):
        day = first + timedelta(days=i)
        quote = f"Sentence {i} " + words * repeat + "."
        cited = Citation(i + 1, f"a{i}", title, "outlet.example", url, day, quote)
        entries.append(TimelineEntry(day, f"“{quote}” [{i + 1}]", (cited,)))
    return Timeline("bridge", first, first + timedelta(days=days + 10), tuple(entries))


def test_timeline_pages_stay_within_discord_limits() -> None:
    timeline = long_timeline(
        30, "about the bridge and its long story ", 30, "T" * 300, "https://outlet.example/" + "x" * 400
    )
    entries = timeline.entries
    pages = timeline_pages(timeline)

    assert len(pages) > 1
    assert all(len(page) <= EMBED_TOTAL_LIMIT and len(page.description or "") <= DESCRIPTION_LIMIT for page in pages)
    assert all(len(field.value or "") <= FIELD_VALUE_LIMIT for page in pages for field in page.fields)
    shown = [line.split(" ")[0] for page in pages for line in (page.description or "").split("\n")]
    assert shown == [f"**{e.day.isoformat()}**" for e in entries]  # each day once, in order
    assert pages[-1].footer.text == f"Page {len(pages)} of {len(pages)} · published 2024-01-01 to 2024-02-10"


def test_a_tracking_url_too_long_for_a_field_is_not_linked() -> None:
    """A 1,100-character url made the Sources fields 1,536 characters long (Discord refuses
    over 1,024: "Something went wrong"), and a source line was cut inside its link."""
    long_url = "https://outlet.example/story?" + "utm=" + "x" * 1100
    cited = tuple(citation(n, url=long_url, title="A title") for n in range(1, 4))
    entry = ReviewEntry(
        id=1,
        created_at="2023-02-01T10:00:00+00:00",
        context=AskContext(user_name="alice"),
        question="Q?",
        as_of=None,
        answer="“A.” [1]",
        abstained=False,
        date_range_label="label",
        citations=cited,
        passages=(),
        mode="extractive",
        notice=None,
    )
    for message in passages_messages(entry):
        for embed in message:
            assert all(len(f.value or "") <= FIELD_VALUE_LIMIT for f in embed.fields)
            assert long_url not in str(embed.to_dict())
    assert source_line(cited[0]).startswith("[1] A title")  # the title, not a link
    assert source_line(citation(1)).startswith("[1] [A title](https://example.com/a)")


def test_a_timeline_page_of_long_lines_stays_within_the_description_limit() -> None:
    """Eight lines of up to 700 characters were only checked against the 6,000 total."""
    timeline = long_timeline(12, "and the bridge story went on and on ", 20, "T", None)
    entries = timeline.entries
    pages = timeline_pages(timeline)
    assert all(len(page.description or "") <= DESCRIPTION_LIMIT for page in pages)
    shown = [line.split(" ")[0] for page in pages for line in (page.description or "").split("\n")]
    assert shown == [f"**{e.day.isoformat()}**" for e in entries]


def test_sources_show_the_passage_holding_the_answers_quotes_when_the_first_is_the_headline() -> None:
    """A probe's Sources for "what happened to the Titan sub?" showed a passage of the cited
    article holding neither quoted sentence: the citation keeps its first quote, the headline."""
    title = "Titanic submarine implosion victims"
    cited = Citation(1, "titan", title, "usatoday.com", None, date(2023, 6, 22), title)

    def passage(position: int, text: str) -> Passage:
        return Passage(f"titan:{position}", "titan", title, text, date(2023, 6, 22), "usatoday.com", None, position)

    family = passage(3, "Rush had familial ties to the Titanic. He was married to Wendy Rush.")
    crew = passage(0, "Five men died. OceanGate said the entire crew were “lost at sea.” Rescuers found debris.")
    entry = ReviewEntry(
        id=1,
        created_at="2023-06-25T10:00:00+00:00",
        context=AskContext(user_name="alice"),
        question="what happened to the Titan sub?",
        as_of=date(2023, 6, 25),
        answer=f"“{title}” [1] On Jun 22: “OceanGate said the entire crew were “lost at sea.”” [1]",
        abstained=False,
        date_range_label="label",
        citations=(cited,),
        passages=(family, crew),
        mode="extractive",
        notice=None,
    )
    (embeds,) = passages_messages(entry)
    assert "OceanGate said the entire crew" in embeds[0].fields[0].value
