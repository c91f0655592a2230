"""A question pasting an indexed article's address is answered from that article."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support.archive import services_holding

from bot.service import Services

LOGO = "https://www.example-news.com/story/tech/2023/07/24/new-logo-x/70455030007/"
RECORDS = [
    {
        "id": "logo",
        "published": "2023-07-24",
        "title": "New Twitter logo, X: Elon Musk changes from blue bird",
        "url": LOGO,
        "text": "Elon Musk changed Twitter's logo from the blue bird to a black-and-white X on Monday. "
        "The new logo was projected on the San Francisco headquarters. "
        "In a series of tweets, Twitter CEO Linda Yaccarino said X would transform the global town square.",
    },
    {
        "id": "weather",
        "published": "2023-07-25",
        "title": "Heat wave grips Phoenix",
        "url": "https://www.example-news.com/story/weather/2023/07/25/phoenix-heat/1/",
        "text": "Phoenix hit 110 degrees for the 26th day in a row on Tuesday, forecasters said.",
    },
    {
        "id": "later",
        "published": "2023-09-01",
        "title": "X adds video calls",
        "url": "https://www.example-news.com/story/tech/2023/09/01/x-calls/2/",
        "text": "X added video calls for paying users on Friday, the company said.",
    },
]


@pytest.fixture
def news(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Services:
    return services_holding(RECORDS, tmp_path, monkeypatch)


def test_a_pasted_address_is_answered_from_its_article(news: Services) -> None:
    """A chat probe's pasted link to an indexed story was declined as "no article found mentions
    2023", and "what does this article say? <link>" as "no article found mentions 24"."""
    for question in (
        LOGO,
        f"what does this article say? {LOGO}",
        f"<{LOGO.replace('https://www.', 'http://')}?utm_source=x>",
        # Without "https://" or "www." (an editor's).
        f"what does this say? {LOGO.removeprefix('https://www.')}",
    ):
        answer = news.answers.answer(question, date(2023, 8, 1))
        assert not answer.abstained, answer.text
        assert {c.article_id for c in answer.citations} == {"logo"}, answer.text
        assert answer.text.startswith("“Elon Musk changed Twitter's logo"), answer.text
        assert answer.notice is None


def test_what_a_pasted_article_says_of_something_is_its_passage_about_it(news: Services) -> None:
    answer = news.answers.answer(f"what did the CEO say? {LOGO}", date(2023, 8, 1))
    assert answer.text.startswith("“In a series of tweets, Twitter CEO Linda Yaccarino said"), answer.text


def test_a_pasted_article_after_as_of_or_not_held_is_no_answer_of_its_own(news: Services) -> None:
    later = "https://www.example-news.com/story/tech/2023/09/01/x-calls/2/"
    answer = news.answers.answer(f"what does this say? {later}", date(2023, 8, 1))
    assert "later" not in {c.article_id for c in answer.citations}, answer.text
    # Said so, not searched for: a review's was declined with a search's reason.
    assert answer.abstained and answer.declined_because == (
        "the article at that address was published on 2023-09-01, after 2023-08-01"
    ), answer.text
    unknown = news.answers.answer("what does this say? https://elsewhere.example/a/b", date(2023, 8, 1))
    assert unknown.abstained, unknown.text


def test_a_pasted_address_finds_its_article_stored_with_tracking_and_keeps_to_the_dates_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review's: an article stored at "…?utm_source=newsletter" was not found by its clean
    address, and --from / --to were passed over for a pasted article."""
    from bot.answer import Filters

    stored = {**RECORDS[0], "url": f"{LOGO}?utm_source=newsletter"}
    news = services_holding([stored, RECORDS[1]], tmp_path, monkeypatch)
    answer = news.answers.answer(f"what does this say? {LOGO}", date(2023, 8, 1))
    assert {c.article_id for c in answer.citations} == {"logo"}, answer.text
    after = news.answers.answer(
        f"what does this say? {LOGO}", date(2023, 8, 1), filters=Filters(start=date(2023, 7, 25))
    )
    assert "logo" not in {c.article_id for c in after.citations}, after.text
    assert (
        after.declined_because == "the article at that address is published on 2023-07-24, outside the days asked for"
    )


def test_of_two_pasted_addresses_the_one_held_is_read(news: Services) -> None:
    """A review's: only the first address pasted was tried; a second's: then one too new to read
    declined the question, whichever came second."""
    later = "https://www.example-news.com/story/tech/2023/09/01/x-calls/2/"
    for question in (f"compare https://elsewhere.example/a/b with {LOGO}", f"compare {later} and {LOGO}"):
        answer = news.answers.answer(question, date(2023, 8, 1))
        assert {c.article_id for c in answer.citations} == {"logo"}, answer.text


def test_a_pasted_undated_article_is_declined_as_undated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A review's was "published with no date, after 2023-05-01"."""
    undated = {k: v for k, v in RECORDS[0].items() if k != "published"}
    news = services_holding([undated], tmp_path, monkeypatch)
    answer = news.answers.answer(f"what does this say? {LOGO}", date(2023, 8, 1))
    assert answer.declined_because == (
        "the article at that address is undated, so it is read only as of today, not as of 2023-08-01"
    )


def test_a_follow_up_after_a_pasted_address_goes_on_with_its_article(news: Services) -> None:
    """A review's "Who spoke at it?" after a pasted link was "a follow-up about CNN, Africa": the
    address's words, read as names."""
    from bot.followup import Turn

    first = news.answers.answer(LOGO, date(2023, 8, 1))
    follow = news.answers.answer("What did he change?", date(2023, 8, 1), [Turn(LOGO, first.text)])
    assert follow.notice and "Elon Musk" in follow.notice and "Example" not in follow.notice, follow.notice


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("what does this say? usatoday.com/story/news/2023/01/01/x/1/", "usatoday.com/story/news/2023/01/01/x/1/"),
        ("bbc.co.uk/news/world-123", "bbc.co.uk/news/world-123"),
        # Words, not addresses (a review's): a host alone, or one part after it.
        ("what did usatoday.com report?", None),
        ("What did Amazon.com/Whole Foods announce?", None),
        ("Is Node.js/React still popular?", None),
        ("What does report.pdf/2 say?", None),
        ("What did CNN.com/politics say?", None),
    ],
)
def test_an_address_pasted_without_its_scheme_is_one_and_words_are_not(text: str, address: str | None) -> None:
    from ingest.addresses import ADDRESS

    found = ADDRESS.search(text)
    assert (found.group() if found else None) == address
