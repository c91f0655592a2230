"""General-knowledge questions (bot/general.py) are declined when only old articles answer them."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from support.archive import services_holding

from bot.general import default_general_model
from bot.service import Services

AS_OF = date(2023, 4, 1)
LIGHT = "How long does it take light from the Sun to reach Earth?"
TOWN_NEWS = (
    "The city council of Port Elwin approved a new budget for road repairs on {day}.",
    "Harbour workers in Port Elwin went on strike over pay on {day}.",
    "The Port Elwin ferry service added a late sailing on {day}.",
    "A new bakery opened on the main street of Port Elwin on {day}.",
    "Port Elwin's football club won its league match on {day}.",
)
SUNLIGHT = (
    "Light from the Sun takes about eight minutes and 20 seconds to reach Earth, astronomers say. "
    "The Sun is about 93 million miles away."
)


def _town_archive(*extra: dict[str, str]) -> list[dict[str, str]]:
    """A story a day from Port Elwin, January to March 2023 (so the archive covers March as usual),
    a 2021 article that answers LIGHT, and `extra`."""
    days = [date(2023, 1, 1) + timedelta(days=n) for n in range(90)]
    town = [
        {
            "id": f"town{n}",
            "published": day.isoformat(),
            "title": f"Port Elwin news {n}",
            "source": "elwin.example",
            "text": TOWN_NEWS[n % len(TOWN_NEWS)].format(day=day.strftime("%B %d")),
        }
        for n, day in enumerate(days)
    ]
    sunlight = {
        "id": "sunlight",
        "published": "2021-05-04",
        "title": "How sunlight reaches us",
        "source": "science.example",
        "text": SUNLIGHT,
    }
    return [*town, sunlight, *extra]


@pytest.fixture
def town(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Services:
    return services_holding(_town_archive(), tmp_path, monkeypatch)


def test_the_shipped_model_reads_general_knowledge_apart_from_news(services: Services) -> None:
    model = default_general_model()
    embedder = services.answers.embed_model
    assert model.fits(embedder.name)
    assert not model.fits("another-model")

    def general(question: str) -> bool:
        return model.reads_general(embedder.embed_query(question))

    # None of these is in the questions it was fitted on (bench/general_questions.txt).
    for question in (
        LIGHT,
        "What's the meaning of life?",
        "How do I reset my iPhone?",
        "Write me a poem about the sea",
    ):
        assert general(question), question
    for question in ("What did the Fed decide on interest rates?", "Why did Kevin McCarthy lose the speakership?"):
        assert not general(question), question


def test_general_knowledge_answered_only_by_old_articles_is_declined(town: Services) -> None:
    answer = town.answers.answer(LIGHT, AS_OF)
    assert answer.abstained
    assert answer.declined_because == (
        "it reads as general knowledge, not news, and no article from 2023-03-02 to 2023-03-30 answers it"
    )
    # A news question of the same archive is answered from the month's stories.
    news = town.answers.answer("What did the Port Elwin council approve?", AS_OF)
    assert not news.abstained and news.citations[0].published == date(2023, 3, 27)


def test_a_follow_up_is_never_general_knowledge(town: Services) -> None:
    """A chat probe's "what about the actors?" after the writers' strike was declined as general
    knowledge: a follow-up goes on with a story, however it reads alone."""
    from bot.followup import Turn

    earlier = town.answers.answer("Did the harbour workers go on strike?", AS_OF)
    follow_up = town.answers.answer(
        "And how long does it take light from the Sun to reach Earth?", AS_OF, [Turn(earlier.question, earlier.text)]
    )
    assert follow_up.declined_because is None or "general knowledge" not in follow_up.declined_because, follow_up.text
    assert "general knowledge" in (town.answers.answer(LIGHT, AS_OF).declined_because or "")


def test_general_knowledge_is_answered_from_a_period_the_user_names(town: Services) -> None:
    # Asked of 2021, the old article is what was asked for.
    answer = town.answers.answer(f"{LIGHT[:-1]} in 2021?", AS_OF)
    assert not answer.abstained
    assert answer.citations[0].article_id == "sunlight"


def test_general_knowledge_in_this_months_news_is_answered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    recent = {
        "id": "probe",
        "published": "2023-03-20",
        "title": "Solar probe confirms",
        "source": "science.example",
        "text": "A solar probe confirmed on Monday that light from the Sun takes about eight minutes to reach Earth.",
    }
    services = services_holding(_town_archive(recent), tmp_path, monkeypatch)
    answer = services.answers.answer(LIGHT, AS_OF)
    assert not answer.abstained
    assert "probe" in {c.article_id for c in answer.citations}


def test_an_archive_asked_after_its_newest_article_is_judged_by_its_last_month(town: Services) -> None:
    # The month before as_of holds nothing; the archive's own last month is its news.
    answer = town.answers.answer(LIGHT, date(2026, 12, 4))
    assert answer.declined_because == (
        "it reads as general knowledge, not news, and no article from 2023-03-02 to 2023-03-30 answers it"
    )


def test_a_month_the_archive_covers_thinly_does_not_judge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # March holds one story, on its last day, against a story a day before: a news question's
    # answer may be older.
    records = [r for r in _town_archive() if not r["published"].startswith("2023-03") or r["published"] == "2023-03-31"]
    services = services_holding(records, tmp_path, monkeypatch)
    answer = services.answers.answer(LIGHT, AS_OF)
    assert not answer.abstained
    assert answer.citations[0].article_id == "sunlight"


def test_general_knowledge_answered_by_an_undated_article_is_answered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An undated article may be of the last month as well as any other: a probe's local paper's
    undated story was declined as "general knowledge, not news"."""
    undated = {"id": "undated", "title": "How sunlight reaches us", "source": "science.example", "text": SUNLIGHT}
    records = [r for r in _town_archive(undated) if r["id"] != "sunlight"]
    services = services_holding(records, tmp_path, monkeypatch)
    # As of today: only then is an undated article read (it may be newer than a past day).
    answer = services.answers.answer(LIGHT, date.today())
    assert not answer.abstained, answer.text
    assert answer.citations[0].article_id == "undated"


def test_a_contests_latest_result_told_months_ago_is_news(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor's "Who won the Masters?", asked months after the tournament, had been declined as
    general knowledge. An edition by its place in the series ("the first …") is still history."""
    masters = {
        "id": "masters",
        "published": "2023-01-09",
        "title": "Jon Rahm wins the Masters",
        "source": "golf.example",
        "text": "Jon Rahm won the Masters on Sunday, beating Brooks Koepka by four strokes at Augusta National.",
    }
    services = services_holding(_town_archive(masters), tmp_path, monkeypatch)
    model, embedder = default_general_model(), services.answers.embed_model
    assert model.reads_general(embedder.embed_query("Who won the Masters?"))  # what the exception is for
    answer = services.answers.answer("Who won the Masters?", AS_OF)
    assert not answer.abstained, answer.declined_because
    assert answer.citations[0].article_id == "masters" and "Jon Rahm" in answer.text
    last = services.answers.answer("Who won the last Masters?", AS_OF)  # the latest, not an edition
    assert not last.abstained and last.citations[0].article_id == "masters", last.declined_because
    first = services.answers.answer("Who won the first Masters?", AS_OF)
    assert first.abstained and "general knowledge" in (first.declined_because or ""), first.text


def test_a_news_event_is_news_for_a_season(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A chat tester's "When did the writers strike begin?", asked a month and a day after the
    strike began, had been declined as general knowledge."""
    strike = {
        "id": "strike",
        "published": "2023-02-20",
        "title": "Writers strike begins",
        "source": "elwin.example",
        "text": "The writers strike began on Monday, February 20, when 3,000 screenwriters walked out over pay.",
    }
    services = services_holding(_town_archive(strike), tmp_path, monkeypatch)
    question = "When did the writers strike begin?"
    model, embedder = default_general_model(), services.answers.embed_model
    assert model.reads_general(embedder.embed_query(question))  # what the exception is for
    answer = services.answers.answer(question, AS_OF)  # 40 days on
    assert not answer.abstained, answer.declined_because
    assert answer.citations[0].article_id == "strike"
    # Not what history names its events with too (a review's "When did the Cold War end?").
    from bot.answer import NEWS_EVENT

    assert not NEWS_EVENT.search("When did the Cold War end?")
    assert not NEWS_EVENT.search("What was the Watergate scandal?")


def test_a_story_named_in_a_headline_of_the_season_is_news(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A tester's "How old was Raquel Welch when she died?", asked 45 days after her death, had been
    declined as general knowledge, her obituary being older than the month before. A name in a
    headline of the season before is its story; a country in one is not, nor is a story older."""
    obituary = {
        "id": "welch",
        "published": "2023-02-15",
        "title": "Raquel Welch, screen icon of the 1960s, dies",
        "source": "elwin.example",
        "text": "Raquel Welch, the actress who became a screen icon in the 1960s, died on Wednesday. She was 82.",
    }
    australia = {
        "id": "australia",
        "published": "2023-02-16",
        "title": "Australia's capital hosts a summit",
        "source": "elwin.example",
        "text": "Canberra, the capital of Australia, hosted a summit of Pacific leaders on Thursday.",
    }
    saudi = {
        "id": "saudi",
        "published": "2023-02-17",
        "title": "Saudi Arabia's capital hosts a summit",
        "source": "elwin.example",
        "text": "Riyadh, the capital of Saudi Arabia, hosted a summit of Gulf leaders on Friday.",
    }
    services = services_holding(_town_archive(obituary, australia, saudi), tmp_path, monkeypatch)
    model, embedder = default_general_model(), services.answers.embed_model
    question = "How old was Raquel Welch when she died?"
    assert model.reads_general(embedder.embed_query(question))  # what the exception is for
    answer = services.answers.answer(question, AS_OF)
    assert not answer.abstained, answer.declined_because
    assert answer.citations[0].article_id == "welch" and "82" in answer.text
    # Typed without capitals, the name is read as the archive writes it.
    assert not services.answers.answer("raquel welch died? how old was she", AS_OF).abstained
    for country in ("Australia", "Saudi Arabia"):
        capital = services.answers.answer(f"What is the capital of {country}?", AS_OF)
        assert capital.abstained and "general knowledge" in (capital.declined_because or ""), capital.text


def test_an_article_dated_after_today_changes_no_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A newcomer's one article mistyped as of 2031 (here, four years on) had made the archive's last day 2031: asked
    today, the month before today was judged as the archive's own (a news question was declined as
    general knowledge), and "What's the latest news?" found no article in its last two days."""
    typo = {
        "id": "typo",
        "published": (date.today() + timedelta(days=1500)).isoformat(),
        "title": "Port Elwin time capsule",
        "source": "elwin.example",
        "text": "The Port Elwin time capsule will be opened in 2031.",
    }
    services = services_holding(_town_archive(typo), tmp_path, monkeypatch)
    today = date.today()
    assert services.store.date_span() == (date(2021, 5, 4), date(2023, 3, 31))
    light = services.answers.answer(LIGHT, today)
    assert light.declined_because == (
        "it reads as general knowledge, not news, and no article from 2023-03-02 to 2023-03-30 answers it"
    )
    news = services.answers.answer("What did the Port Elwin council approve?", today)
    assert not news.abstained and news.citations[0].published == date(2023, 3, 27), news.text
    # "Recent" and "the latest news" are read from the archive's own last day.
    assert services.answers.retriever.archive_end(today) == date(2023, 3, 31)


def test_a_sparse_archives_own_story_is_news_however_old(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A librarian's "What happened at the Pelham Cannery?", asked at the year's end of a newsroom's
    # own archive, had been declined as general knowledge: its story was months old.
    cannery = {
        "id": "cannery",
        "published": "2022-10-02",  # more than a season before the archive's last month
        "title": "Fire destroys old Pelham Cannery",
        "source": "elwin.example",
        "text": "A fire destroyed the old Pelham Cannery on Pier 9 early Sunday, the fire chief said.",
    }
    services = services_holding(_town_archive(cannery), tmp_path, monkeypatch)
    answer = services.answers.answer("What happened at the Pelham Cannery?", AS_OF)
    assert not answer.abstained, answer.declined_because
    assert [c.article_id for c in answer.citations] == ["cannery"]
    # General knowledge answered by an old article is declined as before: "Sun" and "Earth" are
    # everyone's names.
    assert "general knowledge" in (services.answers.answer(LIGHT, AS_OF).declined_because or "")
