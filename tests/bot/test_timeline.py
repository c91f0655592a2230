"""Timelines (bot/timeline.py) on the sample articles and on a built set of articles with known dates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from support.archive import services_holding

from bot.answer import Filters
from bot.citations import quote_is_verbatim
from bot.extractive import candidates
from bot.service import Services
from bot.timeline import (
    Timeline,
    _reports,
    _words_with_other_names,
    build_timeline,
    split_range,
    topic_names,
    topic_words,
)
from newsdesk.errors import InputError
from newsdesk.models import Passage

AS_OF = date(2024, 6, 30)
CLOSURE = (
    "Engineers closed the Harbor Bridge in Port Elwin on Monday after an inspection found cracks in two of its "
    "steel supports."
)
# A story about one bridge in one town, with its dates known. The closure is syndicated a day
# later; a busy day (2024-03-12) has ten articles and a quiet day two days later has one; a
# later article repeats the closure sentence as background; two articles are about other things.
ARTICLES = [
    ("rugby", "2024-01-15", "sportsdaily.com", "The Port Elwin Pirates won the regional rugby final on Sunday, "
     "beating Kestrel Bay by twelve points in front of a home crowd. The coach praised the young forwards."),
    ("closure", "2024-03-04", "elwingazette.com", f"{CLOSURE} Commuters were told to use the northern ring road "
     "while the bridge stays shut. The bridge carries about 40,000 vehicles a day across the estuary."),
    ("closure-wire", "2024-03-05", "coastwire.com", f"{CLOSURE} Commuters were told to use the northern ring road "
     "while the bridge stays shut. The bridge carries about 40,000 vehicles a day across the estuary."),
    ("council", "2024-03-07", "bayreporter.com", "The Port Elwin city council voted on Thursday to spend four "
     "million dollars on emergency repairs to the Harbor Bridge. Councillors said the work would start within a "
     "month. A ferry service will run across the estuary until the bridge reopens."),
    ("library", "2024-03-08", "elwingazette.com", "Port Elwin's public library will open on Sundays from April, "
     "the librarian announced. Volunteers will run a reading club for children every weekend."),
    ("divers", "2024-03-12", "elwingazette.com", "Divers inspected the underwater foundations of the Harbor Bridge "
     "on Tuesday and found no damage below the waterline. Their report goes to the council next week."),
    ("shops", "2024-03-12", "bayreporter.com", "Shop owners near the Harbor Bridge said sales fell by a third since "
     "the bridge closed. Some asked the council for help with their rent."),
    ("ferry", "2024-03-12", "coastwire.com", "The ferry that replaces the closed Harbor Bridge carried a record "
     "9,000 passengers on Tuesday. Queues at the Port Elwin pier lasted two hours."),
    ("steel", "2024-03-12", "elwingazette.com", "A steel mill in Rotherby won the contract to make new supports for "
     "the Harbor Bridge on Tuesday. Deliveries will start at the end of the month."),
    ("school", "2024-03-12", "bayreporter.com", "Schools on the far side of the Harbor Bridge delayed their first "
     "lessons on Tuesday because buses could not cross the closed bridge."),
    ("police", "2024-03-12", "coastwire.com", "Police fined drivers who ignored the barriers at the closed Harbor "
     "Bridge on Tuesday. Officers will guard both ends of the bridge at night."),
    ("buses", "2024-03-12", "elwingazette.com", "Bus companies added night services around the closed Harbor "
     "Bridge on Tuesday. The detour adds forty minutes to every trip across the Harbor Bridge route."),
    ("insurers", "2024-03-12", "bayreporter.com", "Insurers said on Tuesday that the Harbor Bridge closure will cost "
     "businesses millions. The Harbor Bridge is the only road link to the industrial park."),
    ("mayor", "2024-03-12", "coastwire.com", "The mayor of Port Elwin walked across the closed Harbor Bridge with "
     "engineers on Tuesday. She said the Harbor Bridge would reopen as soon as it is safe."),
    ("cyclists", "2024-03-12", "elwingazette.com", "Cyclists were allowed back on one lane of the Harbor Bridge on "
     "Tuesday. Cars remain banned from the Harbor Bridge until the supports are replaced."),
    ("protest", "2024-03-14", "bayreporter.com", "About two hundred residents marched to the town hall of Port Elwin "
     "on Thursday. They carried banners and sang songs, and the mayor came out to speak to them. The marchers "
     "demanded a faster reopening of the Harbor Bridge."),
    ("reopened", "2024-03-21", "elwingazette.com", f"{CLOSURE} The Harbor Bridge reopened to traffic on Thursday "
     "after the repairs to its steel supports were finished ahead of schedule. Drivers sounded their horns as the "
     "first cars crossed."),
    ("toll", "2024-07-02", "coastwire.com", "The council abolished the toll on the Harbor Bridge on Tuesday, a "
     "month after the repairs were finished."),
]  # fmt: skip
BUSY_DAY = {article_id for article_id, day, _, _ in ARTICLES if day == "2024-03-12"}
ARTICLE_TEXT = {article_id: text for article_id, _, _, text in ARTICLES}


@pytest.fixture
def bridge_services(services: Services, tmp_path: Path) -> Services:
    path = tmp_path / "bridge.jsonl"
    records = [
        {"id": i, "title": f"{i.title()} story", "url": f"https://{s}/{i}", "source": s, "published": d, "text": t}
        for i, d, s, t in ARTICLES
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    report = services.ingestor.ingest_paths([str(path)])
    assert report.added == len(ARTICLES) and not report.failed
    return services


def ingest_news(services: Services, tmp_path: Path, rows: list[tuple[str, str, str]]) -> None:
    """Articles (id, day, text) titled "News" from one outlet, each of which must go in."""
    ingest_records(
        services,
        tmp_path,
        [{"id": i, "title": "News", "source": "example.com", "published": d, "text": t} for i, d, t in rows],
    )


def ingest_records(services: Services, tmp_path: Path, records: list[dict[str, str]]) -> None:
    """These records as one JSONL file, each of which must go in."""
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert services.ingestor.ingest_paths([str(path)]).added == len(records)


def entries_by_day(timeline: Timeline) -> dict[str, str]:
    return {e.day.isoformat(): e.citations[0].article_id for e in timeline.entries}


def assert_cited_verbatim_on_its_day(timeline: Timeline, texts: dict[str, str]) -> None:
    for entry in timeline.entries:
        assert entry.citations, entry
        for citation in entry.citations:
            assert citation.published == entry.day
            assert quote_is_verbatim(citation.quote, texts[citation.article_id]), citation
            assert entry.text == f"“{citation.quote}” [{citation.n}]"


def test_one_line_per_day_oldest_first_with_copies_merged_and_repeats_dropped(bridge_services: Services) -> None:
    timeline = build_timeline(bridge_services.answers, "Harbor Bridge", AS_OF)

    assert entries_by_day(timeline) == {
        "2024-03-04": "closure",  # the syndicated copy of 2024-03-05 is merged into the first publication
        "2024-03-07": "council",
        "2024-03-12": entries_by_day(timeline)["2024-03-12"],  # one of the ten
        "2024-03-14": "protest",  # not crowded out by the busy day two days earlier
        "2024-03-21": "reopened",
    }
    assert entries_by_day(timeline)["2024-03-12"] in BUSY_DAY
    assert_cited_verbatim_on_its_day(timeline, ARTICLE_TEXT)
    by_day = {e.day.isoformat(): e for e in timeline.entries}
    assert by_day["2024-03-04"].citations[0].source == "elwingazette.com"
    # 2024-03-21 repeats the closure sentence as background; its line is the news of that day.
    assert "reopened to traffic" in by_day["2024-03-21"].text
    assert [c.n for c in timeline.citations] == [1, 2, 3, 4, 5]
    # It starts at the first entry, not at the archive's first article (2024-01-15; a probe's
    # "published 1993-10-10 to …" over 2023 news), in its label and its JSON alike (a review's);
    # a period asked for is said as asked.
    assert (timeline.start, timeline.end) == (date(2024, 3, 4), AS_OF)
    assert timeline.label == f"published 2024-03-04 to {AS_OF.isoformat()}"
    assert timeline.as_json()["date_range"] == ["2024-03-04", AS_OF.isoformat()]
    march = build_timeline(bridge_services.answers, "Harbor Bridge", AS_OF, Filters(date(2024, 3, 1), None))
    assert march.label == f"published 2024-03-01 to {AS_OF.isoformat()}"


def test_a_single_search_would_miss_the_quiet_day(bridge_services: Services) -> None:
    """Why a slice full of the topic is searched again in halves: one search over the fortnight
    around the busy day is filled by it (and by the more emphatic articles of other days)."""
    for start, end in [(date(2024, 1, 15), AS_OF), (date(2024, 3, 11), date(2024, 3, 24))]:
        found = bridge_services.answers.retrieve("Harbor Bridge", AS_OF, filters=Filters(start, end)).passages
        assert "protest" not in {p.article_id for p in found}


def test_dates_and_outlets_narrow_the_timeline(bridge_services: Services) -> None:
    answers = bridge_services.answers
    week = build_timeline(answers, "Harbor Bridge", AS_OF, answers.make_filters(date(2024, 3, 6), date(2024, 3, 13)))
    assert list(entries_by_day(week)) == ["2024-03-07", "2024-03-12"]
    assert week.as_json()["date_range"] == ["2024-03-06", "2024-03-13"]
    # Searched day by day, the copy comes back on its own day; it is still one event, on the first day.
    both = build_timeline(answers, "Harbor Bridge", AS_OF, answers.make_filters(date(2024, 3, 4), date(2024, 3, 5)))
    assert entries_by_day(both) == {"2024-03-04": "closure"}
    # Without the first publication in range, its copy is the earliest there is.
    copy = build_timeline(answers, "Harbor Bridge", AS_OF, answers.make_filters(date(2024, 3, 5), date(2024, 3, 6)))
    assert entries_by_day(copy) == {"2024-03-05": "closure-wire"}

    one_outlet = build_timeline(answers, "Harbor Bridge", AS_OF, answers.make_filters(outlets=["www.bayreporter.com"]))
    assert set(entries_by_day(one_outlet).values()) <= {"council", "shops", "school", "protest"}
    assert "2024-03-07" in entries_by_day(one_outlet) and "2024-03-14" in entries_by_day(one_outlet)


def test_a_period_in_the_topic_narrows_the_range(bridge_services: Services) -> None:
    answers = bridge_services.answers
    # As of Friday 2024-03-15, "this week" is 03-08 to 03-15; the topic is what is left.
    week = build_timeline(answers, "Harbor Bridge this week", date(2024, 3, 15))
    assert (week.topic, week.as_json()["date_range"]) == ("Harbor Bridge", ["2024-03-08", "2024-03-15"])
    assert list(entries_by_day(week)) == ["2024-03-12", "2024-03-14"]
    # With dates given as well, both apply; when they do not meet, that is said.
    both = build_timeline(answers, "Harbor Bridge in March", AS_OF, answers.make_filters(date(2024, 3, 10)))
    assert both.as_json()["date_range"] == ["2024-03-10", "2024-03-31"]
    with pytest.raises(InputError, match="period and the dates given do not meet"):
        build_timeline(answers, "Harbor Bridge in January", AS_OF, answers.make_filters(date(2024, 3, 10)))


def test_a_month_in_the_topic_is_the_last_one_however_near_the_next(bridge_services: Services) -> None:
    # A topic has no tense: an editor's "spy balloon in February" as of Dec 31 had been read as the
    # February to come, so as no period, and "February" searched as a word over the archive.
    march = build_timeline(bridge_services.answers, "Harbor Bridge in March", date(2025, 2, 1))
    assert (march.topic, march.as_json()["date_range"]) == ("Harbor Bridge", ["2024-03-01", "2024-03-31"])
    assert "2024-03-12" in entries_by_day(march)
    # Unless the next is days away, or the topic says it is to come: its coverage comes before it
    # (a review's "debt ceiling in June" as of May 30).
    for topic, as_of in (
        ("Harbor Bridge in March", date(2025, 2, 20)),
        ("upcoming Harbor Bridge vote in March", date(2025, 1, 20)),
    ):
        ahead = build_timeline(bridge_services.answers, topic, as_of)
        assert ahead.topic == topic and ahead.as_json()["date_range"][0] != "2024-03-01", ahead.as_json()


def test_nothing_published_after_as_of(bridge_services: Services) -> None:
    assert "2024-07-02" not in entries_by_day(build_timeline(bridge_services.answers, "Harbor Bridge", AS_OF))
    later = build_timeline(bridge_services.answers, "Harbor Bridge", date(2024, 7, 5))
    assert entries_by_day(later)["2024-07-02"] == "toll"


def test_an_unknown_topic_says_what_the_index_holds(bridge_services: Services) -> None:
    timeline = build_timeline(bridge_services.answers, "volcano eruption in Iceland", AS_OF)
    assert timeline.entries == ()
    assert timeline.as_json() == {
        "topic": "volcano eruption in Iceland",
        "date_range": ["2024-01-15", "2024-06-30"],
        "entries": [],
        "notice": timeline.empty_text,
    }
    assert timeline.empty_text.startswith(
        "The indexed articles have nothing on “volcano eruption in Iceland” (published 2024-01-15 to 2024-06-30)."
    )
    # An article of 2024-07-02 is indexed, but after as_of: never used, nor named; and the as-of day
    # is not where the archive ends.
    assert timeline.empty_text.endswith("The indexed articles used as of 2024-06-30 were published from 2024-01-15 on.")


@pytest.mark.parametrize("topic", ["Quintavian bridge closure", "ferry service by Quintavian"])
def test_a_name_no_article_holds_is_no_topic(bridge_services: Services, topic: str) -> None:
    # The bridge's closure and its ferry share the topic's other words: no report on Quintavian
    # (a probe got football line-ups for "Zorblax Quintavian").
    assert build_timeline(bridge_services.answers, topic, AS_OF).entries == ()


def test_a_topics_capitalised_first_word_is_no_name(bridge_services: Services) -> None:
    # "Repairs" is capitalised only as the topic's first word: the days are those of the topic in
    # lower case, the articles that write repairs to the bridge. The closure's says nothing of
    # repairs, and is another part of the story (see
    # test_a_topic_is_the_story_whose_articles_write_all_its_words).
    days = [e.day for e in build_timeline(bridge_services.answers, "Repairs to the bridge", AS_OF).entries]
    assert days == [e.day for e in build_timeline(bridge_services.answers, "repairs to the bridge", AS_OF).entries]
    assert date(2024, 3, 7) in days and date(2024, 3, 4) not in days


def test_an_unknown_outlet_names_the_known_ones(bridge_services: Services) -> None:
    answers = bridge_services.answers
    timeline = build_timeline(answers, "Harbor Bridge", AS_OF, answers.make_filters(outlets=["cnn"]))
    assert timeline.entries == ()
    assert "No articles from cnn; the outlets in the index are: " in timeline.empty_text
    assert "elwingazette.com" in timeline.empty_text


def test_sample_articles(sample_services: Services, sample_dir: Path) -> None:
    timeline = build_timeline(sample_services.answers, "Blinken", date(2023, 2, 1))
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sample_dir.iterdir()}
    assert entries_by_day(timeline) == {"2023-01-26": "000_5b110fb79ad57658", "2023-01-31": "003_1e6e512ebb72dbb0"}
    assert_cited_verbatim_on_its_day(timeline, texts)
    assert timeline.entries[1].text.startswith("“U.S. Secretary of State Antony Blinken is wrapping up a two-day visit")


def test_empty_index_and_bad_input(services: Services) -> None:
    empty = build_timeline(services.answers, "Blinken", date(2023, 2, 1))
    assert empty.entries == ()
    assert empty.empty_text == (
        "The indexed articles have nothing on “Blinken” (published up to 2023-02-01). The index holds no articles yet."
    )
    for nothing in ("   ", "the", "last week"):  # no subject, or only a period
        with pytest.raises(InputError, match="Give a topic"):
            build_timeline(services.answers, nothing, date(2023, 2, 1))
    with pytest.raises(InputError, match="That topic is too long"):
        build_timeline(services.answers, "bridge " * 200, date(2023, 2, 1))
    with pytest.raises(InputError, match="starts after the as-of day: from 2023-03-01 is after 2023-02-01"):
        build_timeline(services.answers, "Blinken", date(2023, 2, 1), Filters(date(2023, 3, 1)))
    # A day no calendar has would otherwise be searched as words over the whole archive.
    with pytest.raises(InputError, match="^There is no February 30.$"):
        build_timeline(services.answers, "Blinken on February 30", date(2023, 2, 1))
    # A period after as_of is the topic's own: "the March 1 deadline" has coverage before it.
    assert build_timeline(services.answers, "the March 1 deadline", date(2023, 2, 1)).topic == "the March 1 deadline"


def test_as_of_a_day_before_the_archive_is_an_empty_timeline(sample_services: Services) -> None:
    timeline = build_timeline(sample_services.answers, "Blinken", date(2000, 1, 1))
    assert (timeline.entries, timeline.as_json()["date_range"]) == ((), None)
    assert timeline.empty_text.endswith("The indexed articles start on 2023-01-26, after 2000-01-01.")
    assert timeline.as_json()["notice"] == timeline.empty_text  # --json says so too (a probe's)


def test_split_range() -> None:
    assert split_range(date(2024, 1, 1), date(2024, 1, 10), 3) == [
        (date(2024, 1, 1), date(2024, 1, 4)),
        (date(2024, 1, 5), date(2024, 1, 8)),
        (date(2024, 1, 9), date(2024, 1, 10)),
    ]
    assert split_range(date(2024, 1, 1), date(2024, 1, 1), 12) == [(date(2024, 1, 1), date(2024, 1, 1))]


@pytest.mark.parametrize("topic", ["Super Bowl", "weather in Paris", "climate change", "elections in France"])
def test_topics_the_samples_do_not_cover(sample_services: Services, topic: str) -> None:
    """Near misses too: the samples mention "elections in Libya" and "peace and stability in the region"."""
    assert build_timeline(sample_services.answers, topic, date(2023, 2, 1)).entries == ()


def test_a_topic_the_samples_mention_in_passing(sample_services: Services) -> None:
    timeline = build_timeline(sample_services.answers, "Iran drones", date(2023, 2, 1))
    assert [(e.day.isoformat(), e.citations[0].quote) for e in timeline.entries] == [
        (
            "2023-01-26",
            "Iran has acknowledged supplying Russia with drones but maintains the transfer came before Moscow’s war in "
            "Ukraine.",
        )
    ]


def test_a_line_reports_rather_than_asks_or_captions(services: Services, tmp_path: Path) -> None:
    text = (
        "What happened to the Harbor Bridge?\n"
        "The Harbor Bridge in Port Elwin (L) stands closed on Monday. Credit: Ann Lee/AP\n"
        "Engineers closed the Harbor Bridge in Port Elwin on Monday after finding cracks in its supports."
    )
    path = tmp_path / "one.jsonl"
    record = {"id": "one", "title": "Bridge", "source": "elwingazette.com", "published": "2024-03-04", "text": text}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert services.ingestor.ingest_paths([str(path)]).added == 1
    timeline = build_timeline(services.answers, "Harbor Bridge", AS_OF)
    assert [e.text for e in timeline.entries] == [
        "“Engineers closed the Harbor Bridge in Port Elwin on Monday after finding cracks in its supports.” [1]"
    ]


def test_a_headline_holding_the_topic_puts_its_article_on_it(services: Services, tmp_path: Path) -> None:
    """A probe's "Titanic submarine" timeline was empty, where `ask` cited the one article so
    headlined: its text says "submersible"."""
    records = [
        {
            "id": "sub",
            "title": "Titanic submarine implosion: the five men who died",
            "source": "example.com",
            "published": "2023-06-22",
            "text": "Five men died on a voyage in a small submersible to see the wreck of the Titanic. "
            "Their families gathered in St. John's on Friday, and each had paid $250,000 for the trip. "
            "Rescuers found debris on the seabed on Thursday, officials said at a news conference.",
        },
        {
            "id": "museum",
            "title": "News",
            "source": "example.com",
            "published": "2023-06-25",
            "text": "A museum in Belfast opened an exhibit of china and silverware from the Titanic.",
        },
    ]
    ingest_records(services, tmp_path, records)
    timeline = build_timeline(services.answers, "Titanic submarine", date(2023, 7, 15))
    assert [e.text for e in timeline.entries] == [
        "“Five men died on a voyage in a small submersible to see the wreck of the Titanic.” [1]"
    ]


@pytest.mark.parametrize("topic", ["Silicon Valley Bank", "silicon valley bank"])
def test_a_name_of_several_words_is_not_its_words_apart(services: Services, tmp_path: Path, topic: str) -> None:
    """A probe's "Silicon Valley Bank" timeline was two thirds other stories that hold its words:
    "River Valley Food Bank", "the Silicon Valley of India"."""
    rows = [
        ("svb", "2023-03-10", "Silicon Valley Bank collapsed on Friday after depositors pulled their money out."),
        ("food", "2023-03-11", "The River Valley Food Bank in Salem opened a second pantry on Saturday for families."),
        ("india", "2023-03-12", "Bangalore, the Silicon Valley of India, opened a metro a state bank paid for."),
        ("svb-deposits", "2023-03-13", "Regulators said every depositor of Silicon Valley Bank would get their money."),
        # The archive writes "bank" in lower case more often than not: typed "silicon valley bank",
        # the topic is recased "Silicon Valley bank", and only the whole topic is the bank's name.
        ("rates", "2023-03-14", "The central bank kept rates; every bank and the bank lobby agreed."),
    ]
    ingest_news(services, tmp_path, rows)
    timeline = build_timeline(services.answers, topic, date(2023, 3, 31))
    assert entries_by_day(timeline) == {"2023-03-10": "svb", "2023-03-13": "svb-deposits"}


def test_a_topic_typed_in_title_case_is_no_name_for_being_everywhere(services: Services, tmp_path: Path) -> None:
    """ "Heat Wave" typed so is no name the archive writes, though more chunks hold both words than
    the name check reads (a review found such a topic's timeline empty within any dates)."""
    rows = [
        (f"heat-{i}", f"2023-{i % 12 + 1:02d}-{i % 27 + 1:02d}", f"A heat wave hit town number {i} this week.")
        for i in range(210)
    ]
    ingest_news(services, tmp_path, rows)
    filters = Filters(date(2023, 7, 1), date(2023, 7, 31))
    timeline = build_timeline(services.answers, "Heat Wave", date(2023, 12, 31), filters)
    assert (
        timeline.entries
        and timeline.entries == build_timeline(services.answers, "heat wave", date(2023, 12, 31), filters).entries
    )


def test_a_name_reported_only_outside_the_dates_asked_for_has_no_timeline_in_them(
    services: Services, tmp_path: Path
) -> None:
    """A probe's "Silicon Valley Bank" up to 2023-03-01, before the bank failed, was the Silicon
    Valley of India and a food bank: no passage of those dates wrote the name to tell them apart."""
    rows = [
        ("india", "2023-02-20", "Bangalore, the Silicon Valley of India, opened a metro line on Monday."),
        ("food", "2023-02-24", "The Silicon Valley food bank opened a second pantry on Friday for families."),
        ("svb", "2023-03-10", "Silicon Valley Bank collapsed on Friday after depositors pulled their money out."),
    ]
    ingest_news(services, tmp_path, rows)
    before = build_timeline(services.answers, "Silicon Valley Bank", date(2023, 3, 31), Filters(end=date(2023, 3, 1)))
    assert before.entries == ()
    # Over every day the bank's own article writes it (what else is kept is the rule above).
    assert (
        entries_by_day(build_timeline(services.answers, "Silicon Valley Bank", date(2023, 3, 31)))["2023-03-10"]
        == "svb"
    )


def test_two_names_written_together_once_are_still_two_names(services: Services, tmp_path: Path) -> None:
    """A probe's "Trump DeSantis" timeline had one line: the one passage writing "Trump DeSantis"
    ("the Trump DeSantis feud") was taken for a name every line must write, though the archive
    writes the two joined as often ("the Trump-DeSantis primary")."""
    rows = [
        ("feud", "2023-03-20", "The Trump DeSantis feud grew louder on Monday as both men courted Iowa donors."),
        ("poll", "2023-04-11", "A new poll of the Trump-DeSantis primary was released on Tuesday in Iowa."),
        ("launch", "2023-05-24", "DeSantis launched his campaign on Wednesday, and Trump mocked the glitches."),
        ("iowa", "2023-07-14", "Trump skipped the Iowa dinner on Friday where DeSantis spoke to evangelicals."),
    ]
    ingest_news(services, tmp_path, rows)
    timeline = build_timeline(services.answers, "Trump DeSantis", date(2023, 7, 31))
    assert sorted(entries_by_day(timeline).values()) == ["feud", "iowa", "launch", "poll"]


def test_a_topic_word_is_not_another_word_of_its_stem(services: Services, tmp_path: Path) -> None:
    """A probe's "inflation" timeline of the whole archive was a third "inflatable" boats, "inflated"
    figures and airbag "inflators": one stem ("inflat") to the keyword index."""
    rows = [
        ("cpi", "2023-03-14", "Inflation slowed to 6% in February, the Labor Department said on Tuesday."),
        ("castle", "2023-03-15", "The largest inflatable bouncy castle in the state opened at the fair."),
        ("airbags", "2023-03-16", "The inflators in the recalled airbags can explode, the regulator said."),
        ("rates", "2023-03-22", "The Fed raised rates again to bring down inflation, its chair said."),
    ]
    ingest_news(services, tmp_path, rows)
    timeline = build_timeline(services.answers, "inflation", date(2023, 3, 31))
    assert entries_by_day(timeline) == {"2023-03-14": "cpi", "2023-03-22": "rates"}


def test_a_topic_is_the_story_whose_articles_write_all_its_words(services: Services, tmp_path: Path) -> None:
    """A probe's whole-archive "Nashville school shooting" had 42 of its 44 lines from other
    stories: Nashville's schools shut by a storm, Uvalde's shooting, a Nashville flight. Each wrote
    two of the words, close enough in meaning; an article of the story writes all three, in some
    form ("indictment" is "indicted" too)."""
    rows = [
        ("storm", "2020-03-03", "All Nashville schools closed on Tuesday after a storm damaged buildings."),
        ("uvalde", "2022-05-25", "A gunman killed 19 children in a school shooting in Uvalde, Texas, on Tuesday."),
        (
            "flight",
            "2021-11-29",
            "A woman attacked two attendants on a flight to Nashville after a shooting.",
        ),
        (
            "covenant",
            "2023-03-27",
            "Six people were killed in a shooting at a Nashville school on Monday.",
        ),
        (
            "vigil",
            "2023-03-29",
            "Thousands in Nashville mourned the school's victims of the shooting.",
        ),
    ]
    ingest_news(services, tmp_path, rows)
    timeline = build_timeline(services.answers, "Nashville school shooting", date(2023, 4, 30))
    assert entries_by_day(timeline) == {"2023-03-27": "covenant", "2023-03-29": "vigil"}
    rows = [
        ("charges", "2023-04-04", "Donald Trump pleaded not guilty to 34 felony counts in New York on Tuesday."),
        ("indicted", "2023-04-05", "Trump was indicted last week; he said on Wednesday the counts were a witch hunt."),
    ]
    ingest_news(services, tmp_path, rows)
    indictment = build_timeline(services.answers, "Trump indictment", date(2023, 4, 30))
    assert entries_by_day(indictment) == {"2023-04-05": "indicted"}


def test_a_topic_word_is_its_inflections_too() -> None:
    """Matched as written, "teacher strikes" had lost the days that wrote "striking teachers" (a
    review); a derived word is still another ("inflated" is not "inflation")."""
    assert topic_words("teacher strikes") == topic_words("Striking teachers") == topic_words("a teacher's strike")
    assert topic_words("mass shootings") <= topic_words("a mass shooting on Monday")
    assert not topic_words("inflation") & topic_words("inflated figures, an inflatable boat and airbag inflators")


@pytest.mark.parametrize("topic", ["Maui wildfire", "Maui Wildfire", "maui wildfire"])
def test_a_topic_with_a_common_noun_may_be_written_any_way(services: Services, tmp_path: Path, topic: str) -> None:
    """Only a name must be written as one: a probe's "Maui wildfire" timeline kept 3 days, those
    whose articles wrote the two words together, and lost "the wildfires on Maui"."""
    rows = [
        ("together", "2023-08-09", "The Maui wildfire destroyed much of the town of Lahaina on Tuesday night."),
        ("apart", "2023-08-12", "Crews searched the ashes for victims of the wildfires on Maui on Saturday."),
    ]
    ingest_news(services, tmp_path, rows)
    timeline = build_timeline(services.answers, topic, date(2023, 8, 31))
    assert entries_by_day(timeline) == {"2023-08-09": "together", "2023-08-12": "apart"}


@pytest.mark.parametrize(
    ("topic", "names"),
    [
        ("Silicon Valley Bank collapse", ["Silicon Valley Bank"]),  # a topic's first word counts
        ("Biden's Kyiv visit", []),  # not across a possessive
        ("Harbor Bridge March", ["Harbor Bridge"]),  # nor into a month
        ("the U.S. Navy", []),
        ("New York Times and Silicon Valley", ["New York Times", "Silicon Valley"]),
    ],
)
def test_the_names_of_a_topic(topic: str, names: list[str]) -> None:
    assert topic_names(topic) == names


def test_a_misspelt_topic_is_read_as_the_articles_spell_it(services: Services, tmp_path: Path) -> None:
    """A probe's `timeline "mcarthy"` had "nothing on “mcarthy”", where `ask` read it as McCarthy."""
    rows = [
        ("vote", "2023-10-03", "The House voted to remove Kevin McCarthy as speaker on Tuesday."),
        ("race", "2023-10-10", "Republicans met to choose who would succeed McCarthy as speaker."),
        ("bridge", "2023-10-05", "The Ashford footbridge reopened on Thursday after repairs."),
    ]
    ingest_news(services, tmp_path, rows)
    timeline = build_timeline(services.answers, "mcarthy", date(2023, 10, 31))
    assert entries_by_day(timeline) == {"2023-10-03": "vote", "2023-10-10": "race"}
    # And says so, as `ask` does (a probe's "Titan sub" was shown as "Titan submarine" without a word).
    assert timeline.notice == "Read “mcarthy” as “McCarthy”, as the articles write it."


def test_a_one_word_name_is_the_name_not_the_word(isolated_state, monkeypatch, tmp_path: Path) -> None:
    """A probe's timeline of "Fed" was half "fed up" and "dogs fed table scraps": a topic of one
    word that the archive writes as a name (mostly with its capital) takes the passages that write
    it so."""
    records = [
        {"id": "hike", "published": "2023-03-22", "title": "Rates rise again",
         "text": "The Fed raised its interest rate by a quarter point, and the Fed said more may follow."},
        {"id": "pause", "published": "2023-06-14", "title": "Rates on hold",
         "text": "The Fed left its interest rate unchanged, as the Fed had signalled in May."},
        {"id": "scraps", "published": "2023-04-02", "title": "Pet health",
         "text": "Vets said dogs fed table scraps by fed-up owners were more often sick."},
        {"id": "linen", "published": "2023-05-02", "title": "Linen maker",
         "text": "He was fed up with waiting weeks for linen, so he made his own."},
        {"id": "minutes", "published": "2023-07-05", "title": "Minutes",
         "text": "The Fed's minutes showed the Fed staff expect a mild recession, the Fed said."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    timeline = build_timeline(services.answers, "Fed", date(2023, 12, 31))
    assert {c.article_id for e in timeline.entries for c in e.citations} == {"hike", "pause", "minutes"}, timeline


def test_another_name_sharing_a_word_of_the_topics_is_another_story(services: Services, tmp_path: Path) -> None:
    """A probe's "Damar Hamlin" timeline held NASCAR's Denny Hamlin, and "East Palestine" the
    Palestinians of east Jerusalem: close in meaning, but their articles never write the name. A
    passage that does not write it stays when its article does ("Hamlin left the hospital")."""
    filler = " ".join(f"Fans in town {n} lit candles and prayed for the safety outside the stadium." for n in range(30))
    rows = [
        ("collapse", "2023-01-03", "Damar Hamlin collapsed on the field during the game on Monday night."),
        ("denny", "2023-01-05", "Denny Hamlin won the race on Sunday, and Hamlin thanked his pit crew."),
        ("recovery", "2023-01-09", f"Damar Hamlin was moved to Buffalo on Monday. {filler} Hamlin left the hospital."),
    ]
    ingest_news(services, tmp_path, rows)
    timeline = build_timeline(services.answers, "Damar Hamlin", date(2023, 1, 31))
    assert entries_by_day(timeline) == {"2023-01-03": "collapse", "2023-01-09": "recovery"}


@pytest.mark.parametrize("topic", ["Israel Hamas war", "Israel-Hamas war", "israel hamas war", "Israel Hamas"])
def test_names_the_articles_write_joined_are_two_names(services: Services, tmp_path: Path, topic: str) -> None:
    """A probe's "Israel Hamas war" timeline had "nothing", the articles writing "Israel-Hamas war"
    (and "Israel Hamas" in a few headlines): two names joined, not one name."""
    rows = [
        ("start", "2023-10-07", "The Israel-Hamas war began on Saturday with an attack on southern Israel."),
        ("truce", "2023-11-24", "A truce in the Israel-Hamas war began on Friday, and hostages were freed."),
        ("briefing", "2023-11-25", "Israel Hamas war updates: a second group of hostages was freed on Saturday."),
    ]
    ingest_news(services, tmp_path, rows)
    timeline = build_timeline(services.answers, topic, date(2023, 12, 31))
    assert set(entries_by_day(timeline)) >= {"2023-10-07", "2023-11-24"}


def test_a_line_is_no_part_of_a_sentence_cut_with_its_chunk() -> None:
    """A probe's timelines quoted "… kicked him off the House Intelligence Committee, Rep." and
    "still unaccounted for after deadly Maui wildfires, mayor says.": the chunk was cut there."""
    first = Passage(
        "a:1", "a", "News", "still unaccounted for after the fires, mayor says. Schiff spoke to reporters on Thursday "
        "about the vote. The morning after the vote, Rep.", date(2023, 1, 26), None, None, 1,
    )  # fmt: skip
    lines = [c.text for c in candidates([first]) if _reports(c)]
    assert lines == ["Schiff spoke to reporters on Thursday about the vote."]
    # A name written in lower case opens a sentence all the same (a review's).
    named = Passage(
        "b:0", "b", "News", "iPhone 15 goes on sale on Friday in stores. de Blasio endorsed the mayor on Monday.",
        date(2023, 9, 22), None, None, 0,
    )  # fmt: skip
    assert [c.text for c in candidates([named]) if _reports(c)] == [
        "iPhone 15 goes on sale on Friday in stores.",
        "de Blasio endorsed the mayor on Monday.",
    ]


def test_a_timeline_of_more_days_than_its_searches_read_says_so(
    bridge_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A probe's "Trump" timeline had 65 lines over ten years, none after September, and no notice:
    the searches' budget was spent with slices full of the topic left unread."""
    whole = build_timeline(bridge_services.answers, "Harbor Bridge", AS_OF)
    assert whole.notice is None and whole.as_json()["notice"] is None
    monkeypatch.setattr("bot.timeline.MAX_RETRIEVALS", 8)  # the first slices only
    sample = build_timeline(bridge_services.answers, "Harbor Bridge", AS_OF)
    assert (
        sample.entries
        and sample.notice is not None
        and sample.notice.startswith("The articles report on “Harbor Bridge” on more days than one timeline reads")
        # Said for the CLI's --from/--to and Discord's from/to alike (a Discord probe's).
        and "a start and an end date (from, to)" in sample.notice
    )
    assert sample.as_json()["notice"] == sample.notice


def test_a_timeline_read_in_part_reads_its_newest_days(isolated_state, tmp_path, monkeypatch) -> None:
    """A research probe's "Trump" as of Dec 2023 had 40 of 65 lines from 2013 to 2019: the slices
    were read oldest first until the reads ran out."""
    import bot.timeline

    said = {
        2017: "The Valmora council budget passed on Monday pays for a new library.",
        2019: "Road repairs take most of the Valmora council budget, approved late on Tuesday.",
        2021: "After a long debate, Valmora's council cut its budget for school meals by a tenth.",
        2023: "Valmora council members voted down the first budget the mayor put to them.",
    }
    records = [
        {"id": f"y{year}", "published": f"{year}-05-01", "title": f"Valmora council budget {year}", "text": text}
        for year, text in said.items()
    ]
    services = services_holding(records, tmp_path, monkeypatch)
    monkeypatch.setattr(bot.timeline, "FIRST_SLICES", 4)
    monkeypatch.setattr(bot.timeline, "MAX_RETRIEVALS", 2)
    timeline = build_timeline(services.answers, "Valmora council budget", date(2023, 12, 1))
    assert [entry.day.year for entry in timeline.entries] == [2021, 2023], timeline.entries
    assert timeline.partial


def test_an_acronyms_timeline_has_the_days_that_write_it_out(isolated_state, monkeypatch, tmp_path: Path) -> None:
    """An editor's "SVB" had 3 days where "Silicon Valley Bank" had 5: the sale, whose articles
    never write "SVB", among those missing."""
    records = [
        {"id": "failed", "published": "2023-03-10", "title": "Bank fails",
         "text": "Silicon Valley Bank (SVB) failed on Friday, and regulators took over SVB within hours."},
        {"id": "run", "published": "2023-03-13", "title": "Bank run",
         "text": "Depositors pulled $42 billion from Silicon Valley Bank in one day before SVB was closed."},
        {"id": "ceo", "published": "2023-03-15", "title": "Bank chief",
         "text": "Silicon Valley Bank chief Greg Becker sold SVB shares days before Silicon Valley Bank failed."},
        {"id": "sale", "published": "2023-03-27", "title": "Bank sold",
         "text": "First Citizens agreed on Monday to buy Silicon Valley Bank and its branches from regulators."},
        {"id": "ferry", "published": "2023-03-20", "title": "Ferry",
         "text": "The Port Elwin ferry added a late sailing on Monday for commuters."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    timeline = build_timeline(services.answers, "SVB", date(2023, 12, 31))
    ids = {c.article_id for e in timeline.entries for c in e.citations}
    assert ids == {"failed", "run", "ceo", "sale"}, timeline


def test_a_long_names_timeline_has_the_days_that_write_its_acronym(isolated_state, monkeypatch, tmp_path: Path) -> None:
    """An editor's "Silicon Valley Bank collapse" had no line on the day the bank failed: that
    day's article tells it with "SVB"."""
    records = [
        {"id": "failed", "published": "2023-03-10", "title": "Regulators act",
         "text": "SVB collapsed on Friday after depositors pulled $42 billion. Regulators took over SVB within hours."},
        {"id": "run", "published": "2023-03-13", "title": "Bank run",
         "text": "The collapse of Silicon Valley Bank (SVB) rattled banks as SVB customers waited for their money."},
        {"id": "ceo", "published": "2023-03-15", "title": "Bank chief",
         "text": "Silicon Valley Bank chief Greg Becker sold SVB shares days before the collapse."},
        {"id": "explained", "published": "2023-03-16", "title": "Explainer",
         "text": "Silicon Valley Bank, known as SVB, lent to start-ups before its collapse."},
        {"id": "ferry", "published": "2023-03-20", "title": "Ferry",
         "text": "The Port Elwin ferry added a late sailing on Monday for commuters."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    for typed in ("Silicon Valley Bank collapse", "silicon valley bank collapse"):
        timeline = build_timeline(services.answers, typed, date(2023, 12, 31))
        ids = [c.article_id for e in timeline.entries for c in e.citations]
        assert ids == ["failed", "run", "ceo", "explained"], (typed, timeline)


def test_a_sentence_writing_another_name_for_the_topic_says_its_words():
    """ "SVB is the first bank to fail since 2020" is on "Silicon Valley Bank collapse" by its words,
    as the day the bank failed is told (see the test above)."""
    spelt = [("SVB", "Silicon Valley Bank")]
    said = _words_with_other_names("SVB is the first bank to fail since 2020.", spelt)
    assert {"silicon", "valley", "bank"} <= said
    written_out = _words_with_other_names("Silicon Valley Bank failed on Friday.", spelt)
    assert "svb" in written_out
    assert "svb" not in _words_with_other_names("A bank failed on Friday.", spelt)


def test_a_holiday_alone_is_the_topic(services: Services, tmp_path: Path) -> None:
    """An edge-case tester's `timeline Thanksgiving` was "Give a topic": the holiday was read as
    this year's day, and nothing was left to look for. Alone, it is what the timeline is of."""
    ingest_news(
        services,
        tmp_path,
        [
            ("t1", "2022-11-20", "Turkey prices rose ahead of Thanksgiving, grocers said."),
            ("t2", "2023-11-21", "Airports braced for record Thanksgiving travel this week."),
            ("x", "2023-11-22", "The council approved a new bus route on Wednesday."),
        ],
    )
    timeline = build_timeline(services.answers, "Thanksgiving", date(2023, 11, 30))
    assert [entry.day for entry in timeline.entries] == [date(2022, 11, 20), date(2023, 11, 21)], timeline.entries
    with pytest.raises(InputError, match="Give a topic"):  # a period alone still is none
        build_timeline(services.answers, "last week", date(2023, 11, 30))


def test_an_empty_timeline_says_when_an_undated_or_future_dated_article_holds_the_topic(
    services: Services, tmp_path: Path
) -> None:
    """An edge-case tester's timeline said only "nothing on" a topic that their undated article, or
    one mistyped as 2091, held; `ask`'s decline says so (a newcomer's)."""
    ingest_records(
        services,
        tmp_path,
        [
            {
                "id": "jazz",
                "title": "Festival",
                "text": "The Riverside Jazz Festival will be headlined by Marla Quent.",
            },
            {"id": "capsule", "title": "Capsule", "published": "2091-05-01", "text": "The Harbor time capsule opens."},
            {"id": "other", "title": "Council", "published": "2023-03-01", "text": "The council met on Monday."},
        ],
    )
    jazz = build_timeline(services.answers, "Riverside Jazz", date(2023, 3, 20))
    assert (
        jazz.entries == ()
        and "An undated article does: undated articles are read only when asking as of today." in (jazz.notice or "")
    ), jazz.notice
    capsule = build_timeline(services.answers, "Harbor time capsule", date(2023, 3, 20))
    assert capsule.entries == () and "An article dated after today does: is its date mistyped?" in (
        capsule.notice or ""
    ), capsule.notice
    council = build_timeline(services.answers, "zoo giraffe", date(2023, 3, 20))
    assert "does:" not in (council.notice or ""), council.notice
