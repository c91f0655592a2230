"""What happened in a period, asked with no subject: its main stories, the most reported first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
from support.archive import services_holding

from bot.answer import PERIOD_NEWS_LEAD, Filters
from bot.period_news import TitleCounts, feature_words, main_stories, one_feature, story_clusters, story_words


def unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_the_most_followed_story_comes_first_and_each_story_once() -> None:
    bank, bank_again, game, recipe = unit(1, 0, 0), unit(0.95, 0.05, 0), unit(0, 1, 0), unit(0, 0, 1)
    openings = np.stack([recipe, game, bank, bank_again])
    titles = [("Soup", 10), ("Match", 10), ("Bank fails", 10), ("Bank fails again", 10)]
    # The week after: the bank three times more, the game once.
    followed = np.stack([recipe, game, bank, bank_again, bank, bank, bank, game])
    later = [*titles, ("Bank run", 11), ("Bank sold", 12), ("Bank's depositors", 13), ("Match report", 11)]
    assert main_stories(openings, titles, followed, later) == [2, 1, 0]  # the bank's second report is its story's
    assert main_stories(openings, titles, followed, later, limit=1) == [2]
    assert main_stories(np.zeros((0, 3), dtype=np.float32), [], followed, later) == []


def test_a_months_stories_are_told_by_the_words_its_titles_use_beyond_the_archives_share() -> None:
    """An editor's February led with "Tech apps … with ties to China", whose opening was alike to
    38 of the month's, and left out the spy balloon: a month's openings are too many for their
    likeness to tell its stories apart."""
    hub, balloon, quake, other = unit(1, 1, 0), unit(1, 0.3, 0), unit(0.3, 1, 0), unit(0, 0, 1)
    titles = [
        ("Tech apps and products with ties to China you may want to avoid", 3),
        ("Chinese spy balloon spotted over Montana", 2),
        ("US shoots down the spy balloon", 4),
        ("Spy balloon debris recovered off South Carolina", 6),
        ("Earthquake in Turkey and Syria kills thousands", 6),
        ("Earthquake rescuers pull survivors from rubble", 8),
        ("A recipe for winter soup", 9),
    ]
    openings = np.stack([hub, balloon, balloon, balloon, quake, quake, other])
    # The archive's titles: the month's, and years of others that seldom write "balloon".
    archive = TitleCounts.of(
        [title for title, _ in titles] + [f"China trade talks resume, round {i}" for i in range(60)]
    )
    by_likeness = main_stories(openings, titles, openings, titles)
    assert by_likeness[0] == 0  # the hub, alike to every other
    by_words = main_stories(openings, titles, openings, titles, archive=archive)
    assert [titles[i][0] for i in by_words[:2]] == [
        "Chinese spy balloon spotted over Montana",
        "Earthquake in Turkey and Syria kills thousands",
    ]
    assert len({by_words.index(i) for i in (1, 2, 3) if i in by_words}) == 1  # the balloon once


def test_a_story_whose_best_article_tells_one_listed_is_not_listed_again_by_a_lesser_one() -> None:
    """March's "Madness" titles are the NCAA tournament's: their best article was alike to the
    tournament's, listed first, and its next one, a politics column's "March madness in D.C.", had
    been listed as a story of its own, before the Jets' trade talks."""
    ncaa, politics, trade = unit(1, 0, 0), unit(0, 1, 0), unit(0, 0, 1)
    titles = [
        ("NCAA tournament bracket busted", 3),
        ("NCAA tournament upsets continue", 5),
        ("NCAA tournament Sweet 16 set", 10),
        ("NCAA tournament bracket: Final Four", 11),
        ("March Madness Elite Eight picks", 12),
        ("March Madness Elite Eight scores", 13),
        ("March madness in D.C.: Biden answers questions", 14),
        ("Rodgers trade: Jets talk to Packers", 7),
        ("Rodgers trade talks go on", 8),
    ]
    openings = np.stack([ncaa, ncaa, ncaa, ncaa, ncaa, ncaa, politics, trade, trade])
    archive = TitleCounts.of([title for title, _ in titles] + [f"Local news item {i}" for i in range(300)])
    stories = story_clusters([title for title, _ in titles], archive)
    assert "ncaa" in stories[0] and "mad" in stories[1]  # one story, in two clusters of words
    chosen = main_stories(openings, titles, openings, titles, archive=archive, limit=2)
    assert [titles[i][0] for i in chosen] == ["NCAA tournament bracket busted", "Rodgers trade: Jets talk to Packers"]


def test_a_headline_published_twice_counts_once() -> None:
    # Two editions of "Pi Day 2023 deals" had outweighed six headlines of a bank's collapse (a review's).
    titles = ["Pi Day deals: for the love of math", "Pi Day deals: for the love of math", "Bank fails"]
    archive = TitleCounts.of(titles + [f"Local news item {i}" for i in range(100)])
    assert "deal" not in story_words(titles, archive) and "pi" not in story_words(titles, archive)


def test_story_words_join_the_story_whose_first_word_they_go_with() -> None:
    titles = [
        "NCAA tournament bracket",
        "NCAA tournament upsets",
        "Women's NCAA tournament final",
        "Oscars: best picture",
    ]
    titles += ["Oscars red carpet", "Bracket tips", "Bracket busted"]
    archive = TitleCounts.of(titles + [f"Local news item {i}" for i in range(200)])
    stories = story_clusters(titles, archive)
    assert "ncaa" in stories[0] and "tournament" in stories[0] and "oscar" not in stories[0]
    assert any("oscar" in story and "ncaa" not in story for story in stories)


def test_a_recurring_feature_is_no_story_followed_up() -> None:
    """A review's: "News from around our 50 states" led every week, alike to its daily editions and
    to many a day's local story; a recurring feature is no story."""
    feature, bank, local = unit(1, 0, 0), unit(0, 1, 0), unit(0.9, 0, 0.1)
    openings = np.stack([feature, bank])
    titles = [("Pumpkin boat, foie gras ban: News from around our 50 states", 20230310), ("Bank fails", 20230310)]
    followed = np.stack([feature, bank, feature, local, local, local, bank])
    later = [
        *titles,
        ("Lighthouse in peril, Wizard Rock: News from around our 50 states", 20230311),
        ("Town fair opens", 20230311),
        ("Bridge closes", 20230312),
        ("School board meets", 20230312),
        ("Regulators take over the failed bank", 20230311),
    ]
    assert main_stories(openings, titles, followed, later) == [1]
    # With no later edition yet (the day after it, a probe's "news yesterday"), an earlier one
    # tells the feature.
    ten = [("Ten Things You Need to Know Today: 10 March 2023", 20230310), ("Bank fails", 20230310)]
    alone = np.stack([feature, bank, feature])
    assert main_stories(
        openings, ten, alone, [*ten, ("Ten Things You Need to Know Today: 10 March 2023", 20230310)]
    ) == [
        0,
        1,
    ]
    earlier = [("Ten Things You Need to Know Today: 9 March 2023", 20230309)]
    assert main_stories(openings, ten, alone, ten, earlier_titles=earlier) == [1]
    # The same title on the same day is a copy in another outlet, not an edition.
    assert main_stories(openings[1:], titles[1:], followed[[1, 1]], [titles[1], titles[1]]) == [0]
    assert one_feature(
        feature_words("Ten Things You Need to Know Today: 10 March 2023"),
        feature_words("Ten Things You Need to Know Today: 11 March 2023"),
    )
    # A second review's: the archive's editions open with their state.
    assert one_feature(
        feature_words("Storm damage, fair opens: News from around our 50 states"),
        feature_words("Bridge closes, budget passes: News from around our 50 states"),
    )
    # "Mayor" and "declares" are no months; another story's title is no edition.
    assert feature_words("Mayor Adams declares emergency")[0] == {"mayor", "adams", "declares", "emergency"}
    assert not one_feature(feature_words("Bank fails"), feature_words("Regulators take over the failed bank"))


def test_a_live_blogs_days_and_an_article_published_again_are_stories_not_features() -> None:
    """An editor's: "Israel war news updates: …" on October 11 and 12, and "UAW strike: Workers at 3
    plants …" on September 14 and 15 (one article, re-dated), had been read as recurring features,
    and the war and the strike left out of those days' news."""
    war, strike, other = unit(1, 0, 0), unit(0, 1, 0), unit(0, 0, 1)
    openings = np.stack([war, other])
    titles = [("Israel war news updates: US death toll rises", 20231011), ("Powerball jackpot won", 20231011)]
    later = [*titles, ("Israel war news updates: Israel orders the evacuation of Gaza City", 20231012)]
    assert main_stories(openings, titles, np.stack([war, other, war]), later) == [0, 1]
    assert not one_feature(feature_words(titles[0][0]), feature_words(later[2][0]))
    uaw = "UAW strike: Workers at 3 plants in 3 states launch historic action"
    titles = [(uaw, 20230914), ("Rodgers injured", 20230914)]
    later = [*titles, (uaw, 20230915)]
    assert main_stories(np.stack([strike, other]), titles, np.stack([strike, other, strike]), later) == [0, 1]
    # The same title every few days is a feature's (a review's "News from around our 50 states").
    states = [("News from around our 50 states", 20190916), ("Rodgers injured", 20190916)]
    later = [*states, ("News from around our 50 states", 20190918), ("News from around our 50 states", 20190919)]
    assert main_stories(np.stack([strike, other]), states, np.stack([strike, other, strike, strike]), later) == [1]
    # A week on, the same title is a weekly feature's next edition.
    weekly = [("This Date in Baseball-Week Ahead", 20231012), ("Rodgers injured", 20231012)]
    later = [*weekly, ("This Date in Baseball-Week Ahead", 20231019)]
    assert main_stories(np.stack([strike, other]), weekly, np.stack([strike, other, strike]), later) == [1]


BANK = (
    "Silicon Valley Bank collapsed on Friday and regulators took control of the bank, the largest "
    "bank failure since the financial crisis, as depositors rushed to pull their money."
)
RECORDS = [
    {"id": "recipe", "published": "2023-03-10", "title": "Five soups to cook this spring",
     "text": "A bowl of leek and potato soup is the easiest dinner of the season, and it freezes well."},
    {"id": "match", "published": "2023-03-10", "title": "Ashford Rovers draw with Leeford",
     "text": "Ashford Rovers and Leeford drew 1-1 on Friday night in front of a home crowd of 8,000."},
    # The day's story that is followed up, stored last: it leads by its follow-ups, not its place.
    {"id": "bank", "published": "2023-03-10", "title": "Silicon Valley Bank collapses, regulators take over",
     "text": BANK},
    {"id": "bank-2", "published": "2023-03-12", "title": "Depositors of Silicon Valley Bank wait for news",
     "text": "Silicon Valley Bank depositors waited on Sunday after regulators took control of the collapsed "
             "bank, the largest bank failure since the financial crisis."},
    {"id": "bank-3", "published": "2023-03-13", "title": "Silicon Valley Bank depositors will be paid",
     "text": "Regulators said all depositors of the collapsed Silicon Valley Bank will be paid, days after the "
             "largest bank failure since the financial crisis."},
    {"id": "later", "published": "2023-03-11", "title": "A storm hits the coast",
     "text": "A storm brought heavy rain and wind to the coast on Saturday, closing roads and schools."},
]  # fmt: skip


def test_what_happened_on_a_day_lists_its_main_stories(isolated_state, monkeypatch, tmp_path: Path) -> None:
    """Two probes' "What happened on March 10?" and "What happened on 2/6?" were declined as naming
    no subject."""
    services = services_holding(RECORDS, tmp_path, monkeypatch)
    answer = services.answers.answer("What happened on March 10?", date(2023, 3, 15))
    assert not answer.abstained, answer.text
    assert answer.text.startswith(f"{PERIOD_NEWS_LEAD} “Silicon Valley Bank collapses, regulators take over” [1]")
    cited = [c.article_id for c in answer.citations]
    assert cited[0] == "bank" and set(cited) == {"bank", "recipe", "match"}, cited  # the day's, each once
    assert answer.date_range_label == "on March 10 (2023-03-10)"
    # Its passages are the stories cited (the sources, /sources, the review log).
    assert [p.article_id for p in answer.passages] == cited, answer.passages
    # "What's" is "what is" (a review's).
    contracted = services.answers.answer("What's the news on March 10?", date(2023, 3, 15))
    assert contracted.text.startswith(PERIOD_NEWS_LEAD), contracted.text
    # Follow-ups only up to the last day the user let in: with --to, none, and the day's own order.
    within = services.answers.answer(
        "What happened on March 10?", date(2023, 3, 15), filters=Filters(end=date(2023, 3, 10))
    )
    assert [c.article_id for c in within.citations][0] == "recipe", within.text
    # Asked on the day itself, the follow-ups are not yet written: no later article is read.
    same_day = services.answers.answer("What was the news on March 10?", date(2023, 3, 10))
    assert {c.article_id for c in same_day.citations} == {"bank", "recipe", "match"}, same_day.text
    # A question naming no period, or one after the as-of day, is declined as before.
    assert services.answers.answer("What happened?", date(2023, 3, 15)).abstained
    assert services.answers.answer("What will happen next week?", date(2023, 3, 15)).abstained
    # A day after the as-of day asks of nothing the articles up to then hold (a probe's "What
    # happened on March 10?" asked on March 5 was answered with March 10s of other years).
    early = services.answers.answer("What happened on March 14?", date(2023, 3, 11))
    assert early.abstained, early.text
    assert early.declined_because == "“on March 14” is after 2023-03-11, the day answers are given as of"
    # A day with no article is declined too, and so is a period longer than a month: a year's news is
    # no list of four headlines (a review's "What happened in 2022?" had read its first months).
    assert services.answers.answer("What happened on March 2?", date(2023, 3, 15)).abstained
    year = services.answers.answer("What happened in 2023?", date(2023, 12, 31))
    assert year.abstained and year.declined_because == (
        "in 2023 (2023-01-01 to 2023-12-31) is too long a period to list its news: ask about someone or "
        "something, or of two months at most, e.g. “What happened last week?”"
    ), year.declined_because
    # Not read on past the period either: its length is the reason, not its lack of news (a probe's
    # "What happened in Q1?" said "nothing relevant was published then, so articles … were searched").
    quarter = services.answers.answer("What happened in Q1?", date(2023, 4, 15))
    assert quarter.abstained and "too long a period" in (quarter.declined_because or ""), quarter.text
    assert "were searched" not in quarter.text, quarter.text
    # ... unless the dates the user gave narrow it (a second review's).
    narrowed = Filters(start=date(2023, 3, 10), end=date(2023, 3, 10))
    assert not services.answers.answer("What happened in 2023?", date(2023, 12, 31), filters=narrowed).abstained


def test_the_latest_news_asked_for_lists_the_last_days_main_stories(
    isolated_state, monkeypatch, tmp_path: Path
) -> None:
    """A probe's "What's the latest news?", "Any news?" and "headlines" were declined as naming no
    subject, with years-old closest articles."""
    services = services_holding(RECORDS, tmp_path, monkeypatch)
    for question in (
        "What's the latest news?",
        "Any news?",
        "headlines",
        "Give me the news",
        "breaking news",
        "Whats the latest news",  # a third review's: declined
        "What's in the news?",
        "Is there any news?",
        "News please",
    ):
        answer = services.answers.answer(question, date(2023, 3, 11))
        assert answer.text.startswith(PERIOD_NEWS_LEAD), (question, answer.text)
        assert answer.date_range_label == "the latest news (2023-03-10 to 2023-03-11)"
        assert {c.article_id for c in answer.citations} <= {"bank", "recipe", "match", "later"}
    # Of an archive that ends before the as-of day, its last days.
    assert services.answers.answer("Any news?", date(2023, 6, 1)).date_range_label == (
        "the latest news (2023-03-12 to 2023-03-13)"
    )
    # "Who won?" names no news asked for: still declined; nor is news the subject (a review's).
    for question in ("Who won?", "Why is news important?", "Any stories about him?", "Is this news?", "What is news?"):
        assert not services.answers.answer(question, date(2023, 3, 11)).text.startswith(PERIOD_NEWS_LEAD), question


def test_the_days_given_are_the_period_whose_main_stories_are_asked_for(
    isolated_state, monkeypatch, tmp_path: Path
) -> None:
    """A research probe's "What were the main stories?" with --from 2023-03-10 --to 2023-03-12 was
    declined as naming no subject."""
    services = services_holding(RECORDS, tmp_path, monkeypatch)
    days = Filters(date(2023, 3, 10), date(2023, 3, 10))
    answer = services.answers.answer("What were the main stories?", date(2023, 3, 15), filters=days)
    assert answer.text.startswith(PERIOD_NEWS_LEAD), answer.text
    assert {c.article_id for c in answer.citations} == {"bank", "recipe", "match"}, answer.text
    # Only --to is no period: everything up to it.
    assert services.answers.answer(
        "What happened?", date(2023, 3, 15), filters=Filters(end=date(2023, 3, 10))
    ).abstained


TOPICS = [
    "school board",
    "county fair",
    "bridge repairs",
    "library hours",
    "city budget",
    "zoo births",
    "marathon route",
    "farmers market",
    "bus fares",
    "museum exhibit",
    "parking rules",
    "harbor dredging",
    "tree planting",
    "water rates",
    "police chief",
    "festival lineup",
    "snow plows",
    "court ruling",
    "hospital wing",
    "rail line",
]


def test_a_months_main_stories_are_its_most_reported(isolated_state, monkeypatch, tmp_path: Path) -> None:
    """A month of many articles lists the story its headlines name most beyond the archive's share
    (an editor's February had led with a piece whose opening was like many others'); one of few
    articles is read as a day's is."""
    balloon = [
        "Balloon spotted over Montana",
        "Pentagon tracks the balloon as it drifts east",
        "Jets shoot down the balloon off the coast",
        "Divers recover balloon debris",
        "Lawmakers demand answers on the balloon",
        "What the balloon carried, according to officials",
    ]
    records = [
        {
            "id": f"balloon-{i}",
            "published": f"2023-02-{i + 2:02d}",
            "title": title,
            "text": f"{title}. Officials said the balloon had moved east, and jets were ready on day {i}.",
        }
        for i, title in enumerate(balloon)
    ]
    places = ["Ashford", "Leeford", "Millbrook", "Riverton"]
    # February's local news, and the year before's on the same subjects: no story of February's own.
    records += [
        {
            "id": f"local-{year}-{i}",
            "published": f"{year}-{2 if year == 2023 else i % 12 + 1:02d}-{i % 27 + 1:02d}",
            "title": f"{places[i % 4]} weighs {TOPICS[i // 4 % len(TOPICS)]}",
            "text": f"{places[i % 4]} residents discussed {TOPICS[i // 4 % len(TOPICS)]} at a meeting on day {i}.",
        }
        for year in (2022, 2023)
        for i in range(64)
    ]
    services = services_holding(records, tmp_path, monkeypatch)
    answer = services.answers.answer("What happened in February?", date(2023, 3, 15))
    assert answer.text.startswith(PERIOD_NEWS_LEAD), answer.text
    assert answer.citations[0].article_id.startswith("balloon"), answer.text
    assert sum(c.article_id.startswith("balloon") for c in answer.citations) == 1  # one story, once
