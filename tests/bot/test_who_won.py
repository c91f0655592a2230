"""A "who won" question is answered from a report of that contest's result, or declined."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support.archive import services_holding

from bot.extractive import contest_asked, edition_asked, tells_result_of, writes_edition
from bot.retrieve import reports_event
from newsdesk.models import Passage
from newsdesk.text import content_terms


@pytest.mark.parametrize(
    ("question", "phrase", "terms"),
    [
        (
            "Who won the 2023 Nobel Prize in Economics?",
            "the 2023 Nobel Prize in Economics",
            {"nobel", "prize", "econom"},
        ),  # noqa: E501
        # The words before "won" ask what kind of winner; a question without capitals has no names.
        ("Which professional golfer won the Masters Tournament?", "the Masters Tournament", {"master", "tournament"}),
        ("who won the rugby world cup final", "the rugby world cup final", {"rugbi", "world", "cup", "final"}),
        ("masters winner", "masters", {"master"}),
        # A review's: an edition's number is no term ("LVII" is written "57"), nor are dots; the
        # phrase's first word is a name as the question capitalises it.
        ("Who won Super Bowl LVII?", "Super Bowl LVII", {"super", "bowl"}),
        ("Who won the U.S. Open?", "the U.S. Open", {"us", "open"}),
        # The side asked of, when said (a probe's men's final was answered with the women's).
        ("Who won the men's NCAA title?", "the men's NCAA title", {"ncaa", "men"}),
        ("What did the winner say?", None, None),  # no "who won"
        ("Who won?", None, None),  # nothing named
        # A follow-up's carried words are the search's, not the contest's (a Discord probe's).
        ("Who won the vote? Jim Jordan Others R-Ohio", "the vote", {"vote"}),
        # Unless it names nothing before: the carried words are the contest (a review's).
        ("who won? Masters", "Masters", {"master"}),
        ("Who won the Yahoo! award?", "the Yahoo! award", {"yahoo"}),
        # A clause after a comma tells more of the result, and no report need write it (a quiz's).
        (
            "Which country won the Women's World Cup, beating England 1-0 in the final?",
            "the Women's World Cup",
            {"women", "world", "cup"},
        ),
        # A category after one is the contest's (a review's).
        ("Who won Wimbledon, women's singles?", "Wimbledon, women's singles", {"wimbledon", "women"}),
        # Its winner given, what won it is asked (a chat tester's was declined).
        ("Which role won her a Golden Globe?", None, None),
        ("Which film won them the Oscar?", None, None),
    ],
)
def test_the_contest_a_question_asks_the_result_of(question: str, phrase: str | None, terms: set[str] | None) -> None:
    assert contest_asked(question) == ((phrase, terms) if phrase is not None else None)


def _passage(title: str, text: str, day: date) -> Passage:
    return Passage("a:h:0", "a", title, text, day, None, None, 0)


def test_a_result_is_told_of_the_contest_asked_about() -> None:
    economics = {"nobel", "prize", "econom"}
    peace = _passage(
        "Nobel Peace Prize won by Iran human rights activist Narges Mohammadi",
        "The Nobel Committee awards prizes in six categories, among them peace and economic sciences.",
        date(2023, 10, 6),
    )
    # Another Nobel prize's headline, and a sentence naming economics with no result, tell none.
    assert not tells_result_of("", peace, economics, 2023)
    assert not tells_result_of(peace.text, peace, economics, 2023)
    goldin = "Claudia Goldin won the Nobel prize in economic sciences."
    won = _passage("Nobel economics prize", goldin, date(2023, 10, 9))
    assert tells_result_of(won.text, won, economics, 2023)
    # Of another year than the one asked about, or a year before its article's (history): none.
    assert not tells_result_of(won.text, won, economics, 2022)
    history = _passage("Nobel economics prize", "Paul Krugman won the Nobel prize in economics in 2008.", won.published)
    assert not tells_result_of(history.text, history, economics, None)
    # A headline telling the result on its own; not one asking who will win.
    assert tells_result_of("", _passage("Goldin wins Nobel economics prize", "", won.published), economics, None)
    preview = _passage("Who will win the Nobel economics prize?", "", won.published)
    assert not tells_result_of("", preview, economics, None)
    # A review's: a year of the story's own season is no history; an undated article has no year
    # to check; "U.S. Open" holds the US Open.
    season = _passage("Chiefs are champions", "The Chiefs won Super Bowl 57, capping the 2022 season.", won.published)
    assert tells_result_of(season.text, season, {"super", "bowl"}, 2023)
    # A year's list of results tells one with "defeating" (a probe's World Series as of February had
    # led with 2017's headline, the 2022 result being such a line).
    listed = "November 5 - The Houston Astros win the World Series, defeating the Philadelphia Phillies 4-1."
    review = _passage("The year in sports", listed, date(2022, 11, 8))
    assert tells_result_of(review.text, review, {"world", "seri"}, None)
    undated = Passage("u:h:0", "u", "Rahm wins the Masters", "", None, None, None, 0)
    assert tells_result_of("", undated, {"master"}, None) and tells_result_of("", undated, {"master"}, 2023)
    djokovic = _passage("Djokovic wins", "Novak Djokovic won the U.S. Open on Sunday.", date(2023, 9, 11))
    assert tells_result_of(djokovic.text, djokovic, {"us", "open"}, 2023)
    loreen = _passage("Song contest", "Loreen is the winner of Eurovision, the jury said.", date(2023, 5, 14))
    assert tells_result_of(loreen.text, loreen, {"eurovis"}, None)
    assert not tells_result_of("The remaining prizes will be awarded on Monday.", won, economics, 2023)
    # A prize "went to" its winner (a probe's Golden Lion had been declined); a quiz's question
    # tells no result.
    venice = _passage("Toronto film festival", "The top prize, the Golden Lion, went to Poor Things.", won.published)
    assert tells_result_of(venice.text, venice, {"golden", "lion"}, 2023)
    # A team that "went to" a final played in it (a review's).
    went = _passage(
        "World Series preview", "Both the Rangers and the Diamondbacks went to the World Series.", won.published
    )
    assert not tells_result_of(went.text, went, {"world", "seri"}, 2023)
    quiz = "Who won the championship game at the Little League World Series?"
    assert not tells_result_of(quiz, _passage("LLWS", quiz, won.published), {"littl", "leagu", "world", "seri"}, None)
    # More than three terms: two thirds of them, with the headline's.
    oscar = {"oscar", "best", "support", "actress", "academi", "award"}
    curtis = _passage("Oscars 2023: the night", "Jamie Lee Curtis won best supporting actress.", date(2023, 3, 13))
    assert tells_result_of(curtis.text, curtis, oscar, 2023)
    # A title held tells no result: a preview's, of the Rugby World Cup (a probe's).
    rugby = {"rugbi", "world", "cup"}
    preview = _passage(
        "Rugby World Cup 2023 fixtures, predictions", "South Africa are the defending champions.", won.published
    )
    assert not tells_result_of(preview.text, preview, rugby, None)
    grand_slam = "France are fancied, along with Ireland, the Six Nations grand slam champions."
    assert not tells_result_of(grand_slam, preview, rugby, None)
    final = _passage("Rugby World Cup final", "The defending champions beat New Zealand 12-11.", won.published)
    assert tells_result_of(final.text, final, rugby, None)
    # Becoming one is a result (a review's).
    djokovic = _passage("US Open final", "Djokovic became a 24-time Grand Slam champion on Sunday.", won.published)
    assert tells_result_of(djokovic.text, djokovic, {"us", "open"}, None)
    # A people's adjective is held where its country is written (a quiz's Brazilian Grand Prix).
    brazil = _passage(
        "George Russell wins maiden Grand Prix",
        "Russell won his maiden Grand Prix after a race in Brazil.",
        won.published,
    )
    assert tells_result_of(brazil.text, brazil, {"brazilian", "grand", "prix"}, None)
    assert tells_result_of(brazil.text, brazil, {"chines", "grand", "prix"}, None) is False
    # Written as a venue however it opens or is capitalised (a second review's).
    for title, text in (
        ("Grand Prix report", "In Brazil on Sunday, Russell won his maiden Grand Prix."),
        ("Grand Prix report", "SAO PAULO, Brazil (AP) — Russell won his maiden Grand Prix."),
        ("Russell Wins Grand Prix In Brazil", "Russell won on Sunday."),
    ):
        opened = _passage(title, text, won.published)
        assert tells_result_of(opened.text, opened, {"brazilian", "grand", "prix"}, None), text
    # Where it was held, not a player's country (a review's).
    sinner = _passage("Miami Open final", "Italy's Jannik Sinner won the Miami Open on Sunday.", won.published)
    assert not tells_result_of(sinner.text, sinner, {"italian", "open"}, None)
    alonso = _passage("Race report", "Verstappen won the race ahead of Spain's Fernando Alonso.", won.published)
    assert not tells_result_of(alonso.text, alonso, {"spanish", "grand", "prix"}, None)


def test_a_who_won_question_with_no_report_of_that_result_is_declined(isolated_state, monkeypatch, tmp_path: Path):
    """A probe's "Who won the 2023 World Series MVP?" asked before the Series was answered with the
    NBA Finals MVP, and "who won the rugby world cup final" with a preview of the final."""
    records = [
        {"id": "preview", "published": "2023-06-02", "title": "Harbor Cup final preview",
         "text": "The 2023 Harbor Cup final will be played on Saturday. The Gulls meet the Rays in the Harbor "
                 "Cup final, their third in a row."},
        {"id": "shield", "published": "2023-06-04", "title": "Gulls win the Bay Shield",
         "text": "The Gulls won the Bay Shield on Sunday with a late goal."},
        {"id": "old", "published": "2022-06-12", "title": "Rays win the Harbor Cup final",
         "text": "The Rays won the Harbor Cup final last June."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    as_of = date(2023, 6, 8)
    this_year = services.answers.answer("Who won the 2023 Harbor Cup final?", as_of)
    assert this_year.abstained, this_year.text
    assert this_year.declined_because == "no article found tells who won the 2023 Harbor Cup final"
    # With no year asked, last year's result is the latest there is: not declined.
    latest = services.answers.answer("Who won the Harbor Cup final?", as_of)
    assert not latest.abstained, latest.text
    # Another contest's result is no answer to this one.
    shield = services.answers.answer("Who won the Bay Shield?", as_of)
    assert not shield.abstained and shield.citations[0].article_id == "shield", shield.text


def test_a_contest_of_a_later_year_is_declined(isolated_state, monkeypatch, tmp_path: Path):
    """No article by as_of can tell it: a probe's "Who won Best Picture at the 2024 Oscars?" led with
    2023's result (here, articles that name 2024 too)."""
    records = [
        {"id": "won", "published": "2023-03-12", "title": "Gulls win the 2023 Harbor Cup final",
         "text": "The Gulls won the Harbor Cup final on Sunday, and will defend the cup in the 2024 Harbor Cup final."},
        {"id": "venue", "published": "2023-05-02", "title": "Harbor Cup 2024 venue",
         "text": "The 2024 Harbor Cup final will be played in Port Elwin, organisers said."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    later = services.answers.answer("Who won the 2024 Harbor Cup final?", date(2023, 6, 8))
    assert later.abstained, later.text
    assert later.declined_because == "“2024” is after 2023-06-08, the day answers are given as of"
    assert not services.answers.answer("Who won the 2023 Harbor Cup final?", date(2023, 6, 8)).abstained
    # With another period asked besides, the contest's own year still counts (a probe's "Which team
    # won the 2024 World Series this week?" as of Nov 2023 quoted the 2014 Series).
    this_week = services.answers.answer("Who won the 2024 Harbor Cup final this year?", date(2023, 6, 8))
    assert this_week.abstained, this_week.text
    assert this_week.declined_because == "“2024” is after 2023-06-08, the day answers are given as of"


def test_the_other_sides_result_is_no_answer(isolated_state, monkeypatch, tmp_path: Path):
    """A probe's "Who won the men's NCAA basketball championship?", asked before the men's final,
    was answered with "LSU women dominates Iowa, wins first NCAA basketball ..."."""
    records = [
        {"id": "women", "published": "2023-04-02", "title": "Harbor women win first NCAA title",
         "text": "The Harbor women won the NCAA basketball championship on Sunday, beating Bay 102-85."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    men = services.answers.answer("Who won the men's NCAA basketball championship?", date(2023, 4, 2))
    assert men.abstained and men.declined_because == (
        "no article found tells who won the men's NCAA basketball championship"
    ), men.text
    women = services.answers.answer("Who won the women's NCAA basketball championship?", date(2023, 4, 2))
    assert not women.abstained and women.citations[0].article_id == "women", women.text


def test_the_latest_result_is_of_the_contest_asked_about(isolated_state, monkeypatch, tmp_path: Path):
    """A probe's "Who won best actress at the Oscars?" was answered with a basketball title and a
    chess club: any newer sentence telling a win had made the Oscars report an earlier result."""
    records = [
        {"id": "oscars", "published": "2023-03-12", "title": "Marla Quint wins best actress at the Oscars",
         "text": "Marla Quint won the Oscar for best actress on Sunday for her role in The Long Field."},
        {"id": "hoops", "published": "2023-03-29", "title": "Harbor City Hawks win regional title",
         "text": "The Harbor City Hawks won the regional basketball title on Tuesday, beating Westport 88-80."},
        {"id": "chess", "published": "2023-03-25", "title": "Local chess club crowned champions",
         "text": "The Millbrook chess club won the county championship on Saturday."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    answer = services.answers.answer("Who won best actress at the Oscars?", date(2023, 4, 15))
    assert not answer.abstained and [c.article_id for c in answer.citations] == ["oscars"], answer.text


def test_an_almanac_entry_of_an_earlier_year_is_no_result(isolated_state, monkeypatch, tmp_path: Path):
    """A probe's "Who won the World Series?", asked during the 2023 Series, quoted a 2023 almanac
    page's 2001 entry without its year ("The Diamondbacks reached the World Series faster than any
    expansion team")."""
    almanac = (
        "Oct. 20\n\n2001 — The Arizona Diamondbacks beat the New York Yankees in Game 7 of the World Series. "
        "The Diamondbacks won the World Series faster than any expansion team, in only their fourth year."
    )
    records = [
        {"id": "almanac", "published": "2023-10-19", "title": "This Date in Baseball", "text": almanac},
        {"id": "preview", "published": "2023-10-24", "title": "World Series preview",
         "text": "The Rangers meet the Diamondbacks in the World Series, which starts on Friday."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    answer = services.answers.answer("Who won the World Series?", date(2023, 10, 25))
    assert answer.abstained, answer.text
    assert answer.declined_because == "no article found tells who won the World Series"


def test_a_latest_result_of_long_ago_is_not_joined_by_newer_wins_of_other_contests(
    isolated_state, monkeypatch, tmp_path: Path
):
    """A probe's "Who won the World Series?" led with the latest report there was, from 2017, then
    quoted the newer Golden Globes winners of "Best Limited Series"."""
    records = [
        {"id": "cup", "published": "2022-06-12", "title": "Rays win the Harbor Cup final",
         "text": "The Rays won the Harbor Cup final on Sunday, beating the Gulls 3-1."},
        {"id": "globes", "published": "2023-01-11", "title": "Golden Globes winners",
         "text": "The White Lotus won the Harbor Prize final for Best Limited Series on Tuesday night. The final "
                 "award of the Harbor night went to The Fabelmans."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    answer = services.answers.answer("Who won the Harbor Cup final?", date(2023, 6, 8))
    assert not answer.abstained and [c.article_id for c in answer.citations] == ["cup"], answer.text


def test_an_edition_asked_before_it_is_played_is_declined(isolated_state, monkeypatch, tmp_path: Path):
    """A probe's "Who won Super Bowl LVII?" asked before the game was answered from the fan fair's
    preview: last year's result, of Super Bowl LVI, had counted as one of "Super Bowl"."""
    records = [
        {"id": "lvi", "published": "2022-02-13", "title": "Rams defeat Bengals to win Super Bowl LVI",
         "text": "The Los Angeles Rams won Super Bowl LVI on Sunday, beating the Cincinnati Bengals 23-20."},
        {"id": "preview", "published": "2023-02-06", "title": "Super Bowl LVII: Eagles vs. Chiefs preview",
         "text": "The Eagles and the Chiefs meet in Super Bowl LVII on Sunday in Glendale, Arizona."},
        {"id": "result", "published": "2023-02-12", "title": "Chiefs beat Eagles in Super Bowl 57",
         "text": "The Kansas City Chiefs won Super Bowl 57 on Sunday, beating the Philadelphia Eagles 38-35."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    before = services.answers.answer("Who won Super Bowl LVII?", date(2023, 2, 8))
    assert before.abstained, before.text
    assert before.declined_because == "no article found tells who won Super Bowl LVII"
    # Written either way, once it is played.
    for question in ("Who won Super Bowl LVII?", "Who won Super Bowl 57?"):
        after = services.answers.answer(question, date(2023, 2, 14))
        assert not after.abstained and "result" in [c.article_id for c in after.citations], after.text
    # With no edition named, the latest result there is answers.
    latest = services.answers.answer("Who won the Super Bowl?", date(2023, 2, 8))
    assert not latest.abstained and latest.citations[0].article_id == "lvi", latest.text


@pytest.mark.parametrize(
    ("phrase", "edition"),
    [
        ("Super Bowl LVII", 57),
        ("Super Bowl 57", 57),
        ("WrestleMania 39", 39),
        ("the Masters", None),
        ("the 2023 Open", None),
    ],
)
def test_the_edition_a_contest_is_named_with(phrase: str, edition: int | None) -> None:
    assert edition_asked(phrase) == edition


def test_an_edition_is_written_either_way() -> None:
    assert writes_edition("Chiefs beat Eagles in Super Bowl 57, 38-35", 57)
    assert writes_edition("Welcome to Super Bowl LVII", 57)
    assert not writes_edition("Rams win Super Bowl LVI", 57)
    assert not writes_edition("$57 tickets, 57% of fans, 5.7 million", 57)


def test_an_earlier_edition_asked_is_not_answered_by_the_latest(isolated_state, monkeypatch, tmp_path: Path):
    """A review's "Who won Super Bowl LVI?" asked in June 2023 got Super Bowl 57's result, the latest."""
    records = [
        {"id": "lvi", "published": "2022-02-13", "title": "Rams defeat Bengals 23-20 to win Super Bowl LVI",
         "text": "The Los Angeles Rams won Super Bowl LVI on Sunday, beating the Cincinnati Bengals 23-20."},
        {"id": "lvii", "published": "2023-02-12", "title": "Chiefs beat Eagles in Super Bowl 57",
         "text": "The Kansas City Chiefs won Super Bowl 57 on Sunday, beating the Philadelphia Eagles 38-35."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    answer = services.answers.answer("Who won Super Bowl LVI?", date(2023, 6, 1))
    assert not answer.abstained and answer.citations[0].article_id == "lvi", answer.text


def test_when_an_event_happened_is_told_by_the_headline_reporting_it(isolated_state, monkeypatch, tmp_path: Path):
    """A probe's "When did Finland join NATO?" as of Dec 31 quoted only 2022's stories of its bid:
    the words are the same, and "Finland formally joins NATO" (Apr 4) came eleventh."""
    records = [
        {"id": "bid", "published": "2022-05-14", "title": "Valmora wants to join NATO. Here's how it works",
         "text": "Valmora wants to join NATO. When will Valmora join NATO? Valmora could join NATO within months."},
        {"id": "cusp", "published": "2022-06-29", "title": "Valmora is on the cusp of joining NATO",
         "text": "Valmora is about to join NATO, and Valmora will join NATO once every member agrees."},
        {"id": "joined", "published": "2023-04-04", "title": "Valmora formally joins NATO, 31st member",
         "text": "Valmora formally became the alliance's 31st member on Tuesday, doubling its border."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch, top_k=2)
    answer = services.answers.answer("When did Valmora join NATO?", date(2023, 12, 31))
    assert not answer.abstained, answer.text
    assert answer.citations[0].article_id == "joined", answer.text


@pytest.mark.parametrize(
    ("title", "asked", "reports"),
    [
        ("Ukraine Russia live updates: Finland formally joins NATO, 31st ...", "Finland join NATO", True),
        ("Finland joins NATO: what it means", "Finland join NATO", True),
        # A name ending in "-ing" is no plan (a review's "King", "Beijing").
        ("Coronation day: King Charles III, Queen Camilla crowned", "King Charles crowned", True),
        ("Beijing lifts zero-covid rules", "Beijing lift zero-covid rules", True),
        ("Sweden and Finland are on the cusp of joining NATO. Here's why", "Finland join NATO", False),
        ("Finland and Sweden want to join NATO", "Finland join NATO", False),
        ("Will Finland join NATO?", "Finland join NATO", False),
    ],
)
def test_a_headline_telling_an_event_happened(title: str, asked: str, reports: bool) -> None:
    assert reports_event(title, content_terms(asked)) is reports


def test_a_contest_of_a_past_year_asked_by_it_is_answered_from_that_year(isolated_state, monkeypatch, tmp_path: Path):
    """A probe's "Who won the Masters in 2022?" (as of Nov 2023) was answered with the 2023 winner,
    whose reports write 2022 too: a past year's later reporting is read for its figures, not for
    another edition's result."""
    records = [
        {"id": "old", "published": "2022-04-11", "title": "Ada Lund wins the Harbor Cup",
         "text": "Ada Lund won the Harbor Cup on Sunday, her first major title."},
        {"id": "new", "published": "2023-04-10", "title": "Bea Moss wins the Harbor Cup",
         "text": "Bea Moss won the Harbor Cup on Sunday, a year after Ada Lund won it in 2022. "
         "Moss won the Harbor Cup by two strokes."},
    ]  # fmt: skip
    # A preview later that year is no newer result (a review's: it had passed for one, and led).
    records.append(
        {"id": "preview", "published": "2022-11-01", "title": "Harbor Cup 2023 guide",
         "text": "The 2023 Harbor Cup is scheduled for April, and the Harbor Cup field is set."}
    )  # fmt: skip
    # A contest only the next year's edition tells of: declined for that year, not answered with it.
    records.append(
        {"id": "shield", "published": "2023-05-02", "title": "Gulls win the Bay Shield",
         "text": "The Gulls won the Bay Shield on Sunday, their first since 2022 ended without one."}
    )  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    for question in ("Who won the Harbor Cup in 2022?", "Who won the Harbor Cup last year?"):
        answer = services.answers.answer(question, date(2023, 11, 1))
        assert not answer.abstained and answer.citations[0].article_id == "old", (question, answer.text)
    shield = services.answers.answer("Who won the Bay Shield in 2022?", date(2023, 11, 1))
    assert "shield" not in {c.article_id for c in shield.citations}, shield.text


def test_an_as_of_day_said_in_the_question_is_the_day_it_is_asked_as_of(isolated_state, monkeypatch, tmp_path: Path):
    """A probe's "As of March 1, 2023, who won the Super Bowl?" was read as a week, widened on to
    today when it held nothing, and answered with a November article."""
    records = [
        {"id": "won", "published": "2023-02-12", "title": "Gulls win the Harbor Cup final",
         "text": "The Gulls won the Harbor Cup final on Sunday."},
        {"id": "later", "published": "2023-11-20", "title": "Harbor Cup winners look ahead",
         "text": "The Harbor Cup winners of recent years have struggled since, the Gulls among them."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    for question in (
        "As of March 1, 2023, who won the Harbor Cup final?",
        "Who won the Harbor Cup final? (as of 2023-03-01)",
    ):
        answer = services.answers.answer(question, date(2023, 12, 31))
        assert answer.as_of == date(2023, 3, 1) and answer.question == question, answer
        assert {c.article_id for c in answer.citations} == {"won"}, answer.text
        assert all(p.published <= date(2023, 3, 1) for p in answer.passages)
    # Never later than the as-of day given.
    assert services.answers.answer(
        "As of March 1, 2023, who won the Harbor Cup final?", date(2023, 2, 20)
    ).as_of == date(2023, 2, 20)


def test_a_contest_its_subject_was_only_in_the_running_for_tells_no_result_of_it() -> None:
    # A quiz's "Who won the 2023 Booker Prize?", asked before the prize, had quoted another prize's
    # winner "on the long list for the Booker Prize".
    booker = {"booker", "prize"}
    listed = _passage(
        "Pulitzer Prize 2023 fiction winners",
        '"Trust" won the Kirkus Prize for fiction, was on the long list for the Booker Prize.',
        date(2023, 5, 9),
    )
    assert not tells_result_of(listed.text, listed, booker, 2023)
    # The same sentence still tells the Kirkus result, and a winner once shortlisted is a winner.
    assert tells_result_of(listed.text, listed, content_terms("Kirkus Prize"), 2023)
    won = _passage(
        "Booker Prize", "Once shortlisted for the Booker Prize, she won the Booker Prize on Sunday.", date(2023, 11, 27)
    )
    assert tells_result_of(won.text, won, booker, 2023)
    # A finalist who won it, and a nomination won, are results (a review's).
    for won in ("won it.", "won the award on Saturday.", "won on Saturday."):
        text = f"Eli Sandoval, one of three finalists for the Kessler Cup, {won}"
        finalist = _passage("Cup", text, date(2023, 12, 9))
        assert tells_result_of(finalist.text, finalist, content_terms("Kessler Cup"), 2023), text
    nomination = "Glen Maddox won the Republican nomination for Kessler County Executive."
    primary = _passage("Primary", nomination, date(2023, 5, 17))
    assert tells_result_of(
        primary.text, primary, content_terms("Republican nomination for Kessler County Executive"), 2023
    )
    nominee = _passage(
        "Oscars", "Nominated for the Academy Award for Best Picture, it won at Cannes.", date(2023, 3, 1)
    )
    assert not tells_result_of(nominee.text, nominee, {"academi", "award"}, 2023)


def test_a_contract_awarded_is_a_result() -> None:
    # A librarian's "Who won the seawall contract?" had been declined.
    seawall = content_terms("seawall contract")
    awarded = _passage(
        "Seawall contract goes to Brightwater Marine",
        "The city awarded the $27.5 million contract to rebuild the harbor seawall to Brightwater Marine.",
        date(2023, 11, 20),
    )
    assert tells_result_of(awarded.text, awarded, seawall, None)
    preview = _passage("Seawall bids", "The seawall contract will be awarded in November.", date(2023, 10, 1))
    assert not tells_result_of(preview.text, preview, seawall, None)
    # Nor one not awarded, awarded each year, or going to a vote (a review's).
    for text in (
        "The city hasn't awarded the seawall contract to Brightwater.",
        "The city has not yet awarded the seawall contract.",
        "The city awarded no seawall contract.",
        "The seawall contract, awarded each spring, is the city's largest.",
        "The seawall contract goes to the council for a vote.",
    ):
        assert not tells_result_of(text, _passage("Seawall", text, date(2023, 10, 1)), seawall, None), text
