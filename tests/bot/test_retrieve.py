"""Fusion, de-duplication and per-article limits on hand-made passages (no model needed)."""

from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.archive import services_holding

from bot.answer import result_headlines_for
from bot.retrieve import (
    DateWindow,
    collapse_near_duplicates,
    limit_per_article,
    mostly_shared,
    mostly_shared_pairs,
    reciprocal_rank_fusion,
    reports_figure,
    reports_result,
    with_countries,
)
from newsdesk.models import Passage
from newsdesk.text import content_terms

WIRE = (
    "The 24-year-old Buffalo Bills player has shown remarkable improvement after suffering a cardiac "
    "arrest during Monday night's football game, his team said in a statement Thursday."
)


def passage(
    chunk_id: str,
    text: str,
    published: date | None,
    article_id: str | None = None,
    score: float = 0.5,
    source: str | None = None,
) -> Passage:
    return Passage(
        chunk_id=chunk_id,
        article_id=article_id or chunk_id,
        title=chunk_id,
        text=text,
        published=published,
        source=source,
        url=None,
        position=0,
        score=score,
    )


def test_rrf_rewards_agreement_between_rankers():
    scores = reciprocal_rank_fusion([["a", "b", "c"], ["c", "a", "d"]], [1.0, 1.0], k=60)
    assert scores["a"] == pytest.approx(1 / 61 + 1 / 62)
    assert scores["c"] == pytest.approx(1 / 63 + 1 / 61)
    assert scores["d"] == pytest.approx(1 / 63)
    assert sorted(scores, key=scores.get, reverse=True) == ["a", "c", "b", "d"]


def test_rrf_weights_scale_each_ranking():
    scores = reciprocal_rank_fusion([["a"], ["b"]], [2.0, 0.5], k=10)
    assert scores == {"a": pytest.approx(2 / 11), "b": pytest.approx(0.5 / 11)}


def test_near_duplicates_collapse_to_the_earliest_at_the_best_rank():
    ranked = [
        passage("usatoday", WIRE + " More from USA Today.", date(2023, 1, 6), score=0.9),
        passage("other", "Lawmakers debated the debt ceiling on Capitol Hill for a third day.", date(2023, 1, 5)),
        passage("cnn", "CNN — " + WIRE, date(2023, 1, 5), score=0.7),
    ]
    kept = collapse_near_duplicates(ranked, threshold=0.8)
    assert [p.chunk_id for p in kept] == ["cnn", "other"]
    assert kept[0].score == 0.9  # the group keeps its best score and rank


def test_a_merged_copy_names_the_other_outlets_that_ran_it():
    ranked = [
        passage("usatoday", WIRE + " More from USA Today.", date(2023, 1, 6), score=0.9, source="usatoday.com"),
        passage("cnn", "CNN — " + WIRE, date(2023, 1, 5), source="cnn.com"),
        passage("week", WIRE + " (The Week)", date(2023, 1, 7), source="theweek.co.uk"),
        passage("cnn-again", WIRE + " Updated.", date(2023, 1, 8), source="cnn.com"),
    ]
    [kept] = collapse_near_duplicates(ranked, threshold=0.8)
    assert (kept.chunk_id, kept.source) == ("cnn", "cnn.com")  # the earliest copy is the one cited
    assert kept.also_in == ("usatoday.com", "theweek.co.uk")  # each other outlet once, never its own


def test_distinct_passages_are_not_collapsed():
    ranked = [
        passage("a", WIRE, date(2023, 1, 6)),
        passage(
            "b",
            "The Bills will play the Bengals again in the playoffs, the league announced on Friday.",
            date(2023, 1, 6),
        ),
    ]
    assert [p.chunk_id for p in collapse_near_duplicates(ranked, threshold=0.8)] == ["a", "b"]


def test_limit_per_article_keeps_rank_order():
    ranked = [passage(f"c{i}", f"text {i}", None, article_id="x" if i < 3 else "y") for i in range(5)]
    assert [p.chunk_id for p in limit_per_article(ranked, 2)] == ["c0", "c1", "c3", "c4"]


def test_the_first_groups_are_the_same_with_a_limit_on_groups():
    """A search keeps only the first groups it needs (Retriever.retrieve); a copy ranked after
    them still joins its group, so the earliest copy is still the one kept."""
    ranked = [
        passage("usatoday", WIRE + " More from USA Today.", date(2023, 1, 6), score=0.9, source="usatoday.com"),
        passage("other", "Lawmakers debated the debt ceiling on Capitol Hill for a third day.", date(2023, 1, 5)),
        passage("third", "The storm brought flooding to the coast of California on Sunday night.", date(2023, 1, 4)),
        passage("cnn", "CNN — " + WIRE, date(2023, 1, 5), source="cnn.com"),
    ]
    limited = collapse_near_duplicates(ranked, threshold=0.8, max_groups=2)
    assert limited == collapse_near_duplicates(ranked, threshold=0.8)[:2]
    assert [(p.chunk_id, p.also_in) for p in limited] == [("cnn", ("usatoday.com",)), ("other", ())]


def test_the_keyword_search_looks_for_the_country_an_adjective_names() -> None:
    # "Who won the Turkish presidential election?" found US elections: the article wrote "Turkey's".
    assert with_countries("Who won the Turkish presidential election?") == (
        "Who won the Turkish presidential election? Turkey"
    )
    assert with_countries("Israeli and Palestinian leaders, Israeli troops") == (
        "Israeli and Palestinian leaders, Israeli troops Israel Palestinians"
    )
    assert with_countries("Who won the election?") == "Who won the election?"


def test_more_keywords_are_searched_on_the_keyword_side(isolated_state, monkeypatch, tmp_path):
    # "Who won the Masters?" missed "Jon Rahm wins the Masters": the stemmer keeps "won" apart
    # from "win". One candidate a side and one passage, so the keyword side's first decides.
    records = [
        {"id": "preview", "published": "2023-06-09", "title": "Harbor Cup preview",
         "text": "The Gulls won the Harbor Cup last year."},
        {"id": "result", "published": "2023-06-11", "title": "Rays take the Harbor Cup",
         "text": "The Rays win the Harbor Cup. The winner wins a parade, and the winner's coach wins a bonus."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch, top_k=1, dense_k=1, lexical_k=1)
    window = DateWindow(None, date(2023, 6, 15))
    retriever = services.answers.retriever
    assert [p.article_id for p in retriever.retrieve("Who won the Harbor Cup?", window)] == ["preview"]
    widened = retriever.retrieve("Who won the Harbor Cup?", window, more_keywords="win wins winner")
    assert [p.article_id for p in widened] == ["result"]
    # The answer service adds them for a question asking who won, with no period.
    assert services.answers.answer("Who won the Harbor Cup?", date(2023, 6, 15)).citations[0].article_id == "result"


def test_recent_is_read_from_the_archives_newest_day_when_asked_after_it(isolated_state, monkeypatch, tmp_path):
    """Asked with no as-of day, years after the archive's last article, every passage had aged
    alike and the recency prior preferred none (a probe's)."""
    records = [
        {"id": "old", "published": "2023-01-02", "title": "Harbor bridge reopens",
         "text": "The Harbor bridge reopened on Monday. The Harbor bridge is open to traffic again."},
        {"id": "new", "published": "2023-06-10", "title": "Harbor bridge reopens after repairs",
         "text": "The Harbor bridge reopened after repairs this week."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch, top_k=1)
    retriever = services.answers.retriever
    question = "Did the Harbor bridge reopen?"
    assert [p.article_id for p in retriever.retrieve(question, DateWindow(None, date(2023, 6, 12)), False)] == ["old"]
    assert [p.article_id for p in retriever.retrieve(question, DateWindow(None, date(2023, 6, 12)))] == ["new"]
    assert [p.article_id for p in retriever.retrieve(question, DateWindow(None, date(2026, 12, 4)))] == ["new"]
    assert retriever.archive_end(date(2026, 12, 4)) == date(2023, 6, 10)
    assert retriever.archive_end(date(2023, 3, 1)) == date(2023, 3, 1)


def test_the_latest_of_a_story_counts_recency_from_its_newest_report(isolated_state, monkeypatch, tmp_path):
    """A research probe's "What is the latest on the Maui fires?" as of Dec 18: every report of
    August had aged alike from December, and Aug 9's led over the later ones."""
    records = [
        {"id": "first", "published": "2023-08-09", "title": "Harbor fire updates",
         "text": "The Harbor fire burned the old port. The Harbor fire is the worst in the port's history."},
        {"id": "later", "published": "2023-08-20", "title": "Harbor fire updates",
         "text": "The Harbor fire burned the old port, and the recovery has begun."},
        {"id": "other", "published": "2023-12-18", "title": "Ferry timetable",
         "text": "The winter ferry timetable starts on Monday."},
    ]  # fmt: skip
    question = "What is the latest on the Harbor fire?"
    window = DateWindow(None, date(2023, 12, 18))
    retriever = services_holding(records, tmp_path, monkeypatch, top_k=1).answers.retriever
    assert [p.article_id for p in retriever.retrieve(question, window)] == ["first"]
    assert [p.article_id for p in retriever.retrieve(question, window, newest_of_story=True)] == ["later"]


def test_a_question_with_no_period_prefers_this_years_story_to_one_of_years_ago(isolated_state, monkeypatch, tmp_path):
    """A probe's "What won best picture at the Oscars?" led with 2020's Parasite: nine months
    before the archive's end, 2023's ceremony was no nearer than 2020's to the week-long prior.
    A slow prior, over months, tells them apart; the question naming a year leaves it out."""
    records = [
        {"id": "y2020", "published": "2020-02-10", "title": "Harbor Film Prize goes to Tides",
         "text": "Tides won the Harbor Film Prize for best picture. The Harbor Film Prize best picture went to Tides."},
        {"id": "y2023", "published": "2023-03-13", "title": "Harbor Film Prize goes to Lanterns",
         "text": "Lanterns won the Harbor Film Prize for best picture on Sunday."},
        {"id": "latest", "published": "2023-12-18", "title": "Harbor ferry timetable",
         "text": "The winter ferry timetable starts on Monday."},
    ]  # fmt: skip
    question = "What won best picture at the Harbor Film Prize?"
    window = DateWindow(None, date(2023, 12, 18))
    services = services_holding(records, tmp_path, monkeypatch, top_k=1)
    retriever = services.answers.retriever
    assert [p.article_id for p in retriever.retrieve(question, window)] == ["y2020"]  # the week-long prior alone
    assert [p.article_id for p in retriever.retrieve(question, window, slow_recency=True)] == ["y2023"]
    # The answer service asks for it with no period and no year named.
    assert services.answers.answer(question, date(2026, 12, 5)).citations[0].article_id == "y2023"
    named = services.answers.answer("What won best picture at the 2020 Harbor Film Prize?", date(2026, 12, 5))
    assert named.citations[0].article_id == "y2020"


def test_a_search_may_take_fewer_candidates_a_side(isolated_state, monkeypatch, tmp_path):
    # The background search wants one passage (AnswerService._with_background, BACKGROUND_POOL):
    # a pool of one a side gives at most two candidates, whatever dense_k and lexical_k are.
    records = [
        {"id": f"story{n}", "published": f"2023-06-{n:02d}", "title": f"Harbor Cup day {n}",
         "text": f"The Harbor Cup regatta went on for day {n}, with {n} boats out in the bay."}
        for n in range(1, 9)
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch, top_k=8, dense_k=8, lexical_k=8)
    window = DateWindow(None, date(2023, 6, 15))
    retriever = services.answers.retriever
    assert len(retriever.retrieve("Harbor Cup regatta boats", window)) == 8
    assert 1 <= len(retriever.retrieve("Harbor Cup regatta boats", window, pool=1)) <= 2


@pytest.mark.parametrize(
    ("question", "title", "reports"),
    [
        ("Who won the Masters?", "Jon Rahm rallies to win the Masters as Spanish stars align", True),
        ("Who won the NBA Finals?", "Nuggets take home 1st NBA title in rugged 94-89 win over Heat", True),
        ("Who won the Super Bowl?", "Kansas City Chiefs beat Philadelphia Eagles in Super Bowl 57", True),
        ("Who won the Masters?", "Masters 2023 recap: Tiger Woods uneven, Brooks Koepka co-leader", False),  # not yet
        ("Who won the Masters?", "Who will win the Masters? Our picks", False),  # a preview
        ("Who won the NBA Finals?", "Spurs take the draft lottery", False),  # no result
        ("Who won the Masters?", "Spurs win NBA draft lottery", False),  # a result of another event
        ("Who won the NBA championship?", "Who won the Heisman? Our winner", False),  # shares only "won"
        ("Who won the Masters?", "Scheffler favored to win the Masters again", False),
        # A review's: no result yet, or of another round.
        ("Who won the Masters?", "Former Masters champion Tiger Woods withdraws", False),
        ("Who won the Masters?", "Masters 2023: Who will be crowned?", False),
        ("Who won the Masters?", "Rahm won't win the Masters, says Norman", False),
        ("Who won the Masters?", "Masters: Greg Norman says if LIV golfer wins, 18th green will be crazy", False),
        ("Who won the Super Bowl?", "Chiefs beat Bengals to reach Super Bowl", False),
        # A winner named after a colon, or a list of them; not a lottery's "No winner", nor
        # "winners, losers" of a week's games.
        ("Who won the Nobel Prize in Literature?", "Nobel Prize in Literature 2023 winner: Jon Fosse", True),
        ("Who won at the Oscars?", "Oscar winners list 2023: The full list of 2023 Academy Award winners", True),
        ("Who won the Mega Millions jackpot?", "Mega Millions: No winner Tuesday night; jackpot climbs", False),
        ("Who won the NFL games this week?", "NFL Week 11 winners, losers: Cowboys save their season", False),
        ("Who won at the Golden Globes?", "How to watch the Golden Globe winners: Yellowstone, The White ...", False),
        # A review's: a draw with no winner, a list of past winners, predictions; a result that
        # also says how to watch the replay is one.
        ("Who won the Mega Millions jackpot?", "No winner: Mega Millions jackpot climbs to $1.1 billion", False),
        ("Who won the Super Bowl?", "Super Bowl winners: Every champion in NFL history", False),
        ("Who won at the Oscars?", "Oscar predictions: Our winners list for every category", False),
        ("Who won at the Grammys?", "Grammys 2023 winners: Harry Styles, Beyoncé; how to watch the replay", True),
        # A probe's: the result told as a celebration; a streak, or what it takes, is none.
        ("who won the womens world cup", "Spaniards back home celebrate La Roja winning Women's World Cup", True),
        ("Who won the World Series?", "Rangers extend winning streak ahead of World Series", False),
        ("Who won the World Series?", "The secret for winning the World Series", False),
    ],
)
def test_a_headline_reports_a_result_of_the_event_asked_about(question: str, title: str, reports: bool) -> None:
    assert reports_result(title, content_terms(question)) is reports


@pytest.mark.parametrize(
    ("question", "title", "reports"),
    [
        ("How many people died in the Maui wildfires?", "Maui wildfire live updates: Death toll rises to 93", True),
        ("How many people died in the Maui wildfires?", "Hawaii wildfire updates: 36 dead", True),
        ("How many people died in the Maui wildfires?", "Death toll in Maui disaster rises", False),  # no figure
        ("How many people died in the Maui wildfires?", "5 people hurt in a Texas crash", False),  # shares "people"
    ],
)
def test_a_headline_reports_a_figure_of_the_story_asked_about(question: str, title: str, reports: bool) -> None:
    assert reports_figure(title, content_terms(question)) is reports


def test_a_latest_result_question_reads_the_headline_that_reports_it_first(isolated_state, monkeypatch, tmp_path):
    # "Who won the Masters?" as of Apr 12 quoted the first round's recap of Apr 6 above "Jon Rahm
    # rallies to win the Masters" of Apr 9. One passage, so the first ranked decides.
    records = [
        {"id": "recap", "published": "2023-06-09", "title": "Harbor Cup first round recap",
         "text": "Who won the Harbor Cup first round? The Gulls lead the Harbor Cup after the first round of "
                 "the Harbor Cup, the Harbor Cup's organisers said."},
        {"id": "result", "published": "2023-06-11", "title": "Rays rally to win the Harbor Cup",
         "text": "The Rays took the trophy on Sunday with a late goal."},
        {"id": "old", "published": "2022-06-12", "title": "Gulls win the Harbor Cup",
         "text": "The Gulls took the trophy last June."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch, top_k=1)
    window = DateWindow(None, date(2023, 6, 15))
    retriever = services.answers.retriever
    assert [p.article_id for p in retriever.retrieve("Who won the Harbor Cup?", window)] == ["recap"]
    preferred = retriever.retrieve("Who won the Harbor Cup?", window, headline_reports=reports_result)
    assert [p.article_id for p in preferred] == ["result"]
    # The answer service asks for it for a question asking who won, with no period or within one.
    assert services.answers.answer("Who won the Harbor Cup?", date(2023, 6, 15)).citations[0].article_id == "result"
    this_week = services.answers.answer("Who won the Harbor Cup this week?", date(2023, 6, 15))
    assert this_week.citations[0].article_id == "result", this_week.text
    # Months on, the latest result is still the one to read ("Who won the 2023 Masters?" asked in
    # June had quoted April's previews), and last year's stays behind it.
    later = DateWindow(None, date(2023, 9, 15))
    assert [p.article_id for p in retriever.retrieve("Who won the Harbor Cup?", later)] == ["recap"]
    preferred = retriever.retrieve(
        "Who won the Harbor Cup?", later, k=3, headline_reports=reports_result, report_stands=True
    )
    assert [p.article_id for p in preferred] == ["result", "recap", "old"]


def test_a_result_headline_names_the_contest_the_question_names() -> None:
    from bot.answer import result_headlines_for

    reports = result_headlines_for("Who won the Kentucky governor race?")
    question = content_terms("Who won the Kentucky governor race?")
    assert reports("Beshear wins Kentucky governor race", question)
    # A review's: one shared word ("governor") had boosted the other state's result.
    assert not reports("Republicans win Mississippi governor race", question)
    # A probe's: another prize of the same name is only part of one ("Nobel Peace Prize won by …"
    # had answered who won the Nobel Prize in Literature).
    literature = "Who won the 2023 Nobel Prize in Literature?"
    reports = result_headlines_for(literature)
    fosse = reports("Nobel Prize in Literature 2023 winner: Norwegian author Jon Fosse", content_terms(literature))
    peace = reports("Nobel Peace Prize won by Iran human rights activist Narges", content_terms(literature))
    assert fosse == 1.0 and 0 < peace < fosse
    # Typed as keywords, without capitals: its words other than a result's and a year.
    keywords = "nobel peace prize 2023 winner"
    reports = result_headlines_for(keywords)
    fosse = reports("Nobel Prize in Literature 2023 winner: Norwegian author Jon Fosse", content_terms(keywords))
    peace = reports("Nobel Peace Prize won by Iran human rights activist Narges", content_terms(keywords))
    assert peace == 1.0 and 0 < fosse < peace


def test_a_figure_headline_counts_what_the_question_counts() -> None:
    from bot.answer import figure_headlines_for

    question = "How many people died in the Maui wildfires?"
    reports = figure_headlines_for(question)
    asked = content_terms(question)
    assert reports("Maui wildfire live updates: Death toll rises to 93", asked)
    # A review's: a number of something else, or of another story.
    assert not reports("Maui fires 2023: what we know", asked)
    assert not reports("Maui wildfires: 5 things to know", asked)
    assert not reports("Canada wildfires: 150 fires burning, 3 dead", asked)  # not Maui
    # Other figures as they come: a settlement's sum, an awards tally.
    settle = "Fox News agreed to pay Dominion how much to settle?"
    assert figure_headlines_for(settle)("Fox News reaches $787.5M settlement with Dominion", content_terms(settle))
    assert not figure_headlines_for(settle)("Fox News: 2023 in review", content_terms(settle))  # a year


def test_this_years_partial_result_headline_comes_before_last_years_full_one(isolated_state, monkeypatch, tmp_path):
    """A review's: aged from the headline naming the contest most fully, last year's "… win Nobel
    Peace Prize" came before this year's "… wins Nobel for fight against oppression"."""
    records = [
        {"id": "y2022", "published": "2022-06-12", "title": "Gulls win the Harbor Cup",
         "text": "The Gulls took the trophy with a late goal."},
        {"id": "y2023", "published": "2023-06-11", "title": "Rays win in Harbor final",
         "text": "The Rays took the trophy on Sunday."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    window = DateWindow(None, date(2023, 9, 15))
    ranked = services.answers.retriever.retrieve(
        "Who won the Harbor Cup?", window, k=2, headline_reports=result_headlines_for("Who won the Harbor Cup?"),
        report_stands=True,
    )  # fmt: skip
    assert [p.article_id for p in ranked] == ["y2023", "y2022"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=1, max_size=8), st.data(), st.sampled_from([0.5, 0.8, 0.85, 1.0]))
def test_pairs_mostly_shared_at_once_are_those_asked_one_by_one(
    sizes: list[int], data: st.DataObject, threshold: float
) -> None:
    n = len(sizes)
    shared = np.zeros((n, n), dtype=np.int64)
    for i in range(n):
        shared[i, i] = sizes[i]
        for j in range(i + 1, n):
            shared[i, j] = shared[j, i] = data.draw(st.integers(0, min(sizes[i], sizes[j])))
    found = mostly_shared_pairs(shared, threshold)
    one_by_one = [[mostly_shared(int(shared[i, j]), sizes[i], sizes[j], threshold) for j in range(n)] for i in range(n)]
    assert found == one_by_one
