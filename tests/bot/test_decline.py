"""Declining: the fitted model over the sample articles, and the reason it gives."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from support.archive import services_holding

from bot.answer import _spans_of_word
from bot.decline import (
    CHANCE_CHUNKS,
    FEATURES,
    OTHER_LANGUAGES,
    Coverage,
    Decision,
    DeclineModel,
    default_model,
    explain,
    gather_evidence,
    names_no_subject,
    off_story_names,
    period_coverage,
    writes_name,
    writes_name_word,
    writes_word,
    written_names,
)
from newsdesk.models import Passage

AS_OF = date(2023, 2, 1)


def test_the_shipped_model_covers_every_feature() -> None:
    model = default_model()
    assert set(model.weights) == set(FEATURES)
    assert 0 < model.threshold < 1


@pytest.mark.parametrize(
    "question",
    [
        "Who did Blinken meet in Ramallah?",
        "Why is Blinken travelling to Egypt?",
        "What did Gallant say to Blinken?",
        "Where was Blinken heading?",
        # Typed without capitals, as chats often are (see bot/recase.py).
        "who did blinken meet in ramallah?",
        "what did mahmoud abbas tell blinken",
        "what did yoav gallant say to blinken?",
        # A name opening the question is checked too, and an opener is no name.
        "Mahmoud Abbas met Blinken where?",
        "Summarize Blinken's meeting in Ramallah",
        # A contraction typed without its apostrophe is no name (a probe's "whos" was one).
        "whos blinken meeting in ramallah",
        "whats blinken doing in ramallah",
    ],
)
def test_questions_the_articles_answer_are_answered(sample_services, question: str) -> None:
    answer = sample_services.answers.answer(question, AS_OF)
    assert not answer.abstained and answer.declined_because is None, answer.text


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("What did Marguerite Vanterpool tell Blinken in Ramallah?", "no article mentions “Marguerite Vanterpool”"),
        # Both words are in the archive ("Jake Sullivan", "Mahmoud Abbas"), never together.
        ("What did Jake Abbas tell Blinken in Ramallah?", "no article mentions “Jake Abbas”"),
        # The same in lower case: the archive writes "Jake" and "Abbas" with capitals, and no
        # article holds "marguerite" or "vanterpool" at all (and both are rare in English).
        ("what did jake abbas tell blinken in ramallah?", "no article mentions “Jake Abbas”"),
        ("what did marguerite vanterpool tell blinken", "no article mentions “Marguerite Vanterpool”"),
        # An acronym in capitals does not make the rest of the question written with them.
        ("what did PA official marguerite vanterpool tell blinken", "no article mentions “Marguerite Vanterpool”"),
        # Opening the question: the archive writes "Jake" with capitals ("Jake Sullivan").
        ("Jake Abbas told Blinken what in Ramallah?", "no article mentions “Jake Abbas”"),
        ("Who won the men's singles title at Wimbledon in 1950?", "no article"),
        ("How do I reset my router password?", "no article found mentions"),
        # A period after as_of is never searched: that is the reason given.
        (
            "Whom will Blinken meet in Ramallah in March?",
            "“in March” is after 2023-02-01, the day answers are given as of",
        ),
        ("Who will Blinken meet in 2025?", "“in 2025” is after 2023-02-01, the day answers are given as of"),
        ("What happened in 2025?", "“in 2025” is after 2023-02-01, the day answers are given as of"),
    ],
)
def test_made_up_questions_are_declined_with_a_reason(sample_services, question: str, reason: str) -> None:
    answer = sample_services.answers.answer(question, AS_OF)
    assert answer.abstained and answer.declined_because is not None, answer.text
    assert answer.declined_because.startswith(reason), answer.declined_because
    assert f": {answer.declined_because}." in answer.text  # the user is told why


def test_a_period_after_the_as_of_day_and_nothing_else_is_declined(isolated_state, monkeypatch, tmp_path) -> None:
    """It asks of nothing the articles up to then hold: a probe's "What happened on March 10?"
    asked on March 5 was answered with other years' March 10s (a concert moved, a selection day)."""
    records = [
        {"id": f"old{year}", "published": f"{year}-03-01", "title": f"Concert moved to March 10, {year}",
         "text": f"The singer moved her concert to March 10. Fans who bought tickets for March 10 in {year} "
         "will be refunded, the promoter said on March 10."}
        for year in (2019, 2020, 2021, 2022)
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    for question in ("What happened on March 10?", "What was the news on March 10?"):
        answer = services.answers.answer(question, date(2023, 3, 5))
        assert answer.abstained, answer.text
        assert answer.declined_because == "“on March 10” is after 2023-03-05, the day answers are given as of"
    # A question of someone or something is still answered from what was written before.
    assert not services.answers.answer("Which concert was moved to March 10?", date(2023, 3, 5)).abstained


def test_two_names_of_one_noun_are_not_one_name(isolated_state, monkeypatch, tmp_path) -> None:
    """A chat tester's "What is the Sanofi Covid vaccine called?" was declined as "no article
    mentions “Sanofi Covid”": two names side by side, each of the noun after them, which the
    archive writes each before it. A first name before another's noun is still a name no one has."""
    records = [
        {"id": "sanofi", "published": "2023-04-17", "title": "Sanofi vaccine approved",
         "text": "The Sanofi vaccine, known as VidPrevtyn Beta, was approved for the spring booster campaign."},
        {"id": "covid", "published": "2023-04-16", "title": "Covid vaccine campaign",
         "text": "The spring Covid vaccine campaign starts this week for people aged over 75."},
        {"id": "taylor", "published": "2023-04-15", "title": "Taylor Swift tour",
         "text": "Taylor Swift opened her tour in Arizona on Friday."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    as_of = date(2023, 4, 19)
    answer = services.answers.answer("What is the Sanofi Covid vaccine called?", as_of)
    assert "Sanofi Covid" not in (answer.declined_because or ""), answer.declined_because
    assert not answer.abstained and "VidPrevtyn Beta" in answer.text, answer.text
    made_up = services.answers.answer("What is the Taylor Covid vaccine called?", as_of)
    assert made_up.abstained and made_up.declined_because == "no article mentions “Taylor Covid”", made_up.text
    # Each word before the noun as written, not only in chunks holding both words: over the
    # NAME_CHECK_CHUNKS chunks holding "John" and "war", a phrase is otherwise taken as written, and a
    # review's "the John Ukraine war" was answered.
    written = services.answers._some_chunk_writes
    assert written("Covid vaccine", as_of, False) and not written("Taylor vaccine", as_of, False)


def test_the_threshold_is_what_decides(sample_services) -> None:
    found = sample_services.answers.retrieve("Who did Blinken meet in Ramallah?", AS_OF)
    evidence = sample_services.answers.evidence(found)
    model = default_model()
    p = model.probability(evidence)
    assert not DeclineModel(model.intercept, model.weights, p - 0.01).decide(evidence).decline
    assert DeclineModel(model.intercept, model.weights, p + 0.01).decide(evidence).decline


@pytest.mark.parametrize(
    ("question", "pairs"),
    [
        ("Where is Andrew Tate being held?", ["Andrew Tate"]),
        ("Who met Andrew Tate.", ["Andrew Tate"]),  # the sentence's full stop is no part of the name
        # Not a sentence's first word, a day, an acronym, nor across a possessive or a comma.
        ("NFL player Damar Hamlin collapsed on Monday. He plays for which team?", ["Damar Hamlin"]),
        ("Why did Djokovic’s Australian Open win matter?", ["Australian Open"]),
        ("Which team, Man Utd or Sky Blue, won on Sunday March 5?", ["Man Utd", "Sky Blue"]),
        ("What did the Bills do?", []),
        # A hyphenated name of two capitalised parts, even first: "in" and "out" alone are everywhere.
        ("Where is In-N-Out expanding?", ["In-N-Out"]),
        ("Did Jay-Z or Rolls-Royce cut jobs after Covid-19 in the U.S.-China row?", ["Jay-Z"]),
        # Two words joined are written the other way round or apart as often: not looked for whole.
        ("How long has the Russia-Ukraine war lasted?", []),
        # A sentence's first word is never part of one: no list tells names from openers.
        ("Summarize Biden's speech about Zelensky.", []),
        ("Whats Biden doing in Kyiv?", []),
        ("Author Cormac McCarthy died this week.", ["Cormac McCarthy"]),
        ("Former Governor Lowell said what?", ["Governor Lowell"]),
        # A title inside a longer name is no part of a name of two words ("Mayor Eric" was a reason).
        ("Was former Los Angeles Mayor Eric Garcetti confirmed?", ["Los Angeles", "Eric Garcetti"]),
        ("Did President Joe Biden sign it?", ["Joe Biden"]),
        ("Parts of Florida’s King Charles are under quarantine?", ["King Charles"]),
        # A place before a title: the title and the surname are the name ("Hawaii Governor" is none).
        ("What did Hawaii Governor Green say?", ["Governor Green"]),
        # A closing quote is no part of the name, before a full stop or not.
        ("Which state approved the 'Harwell Amendment' this week?", ["Harwell Amendment"]),
        ("Voters approved the 'Harwell Amendment'.", ["Harwell Amendment"]),
        # A lower-case word hyphened on ends the name (a quiz's "West Nile-infected" was a reason).
        ("Why are West Nile-infected Culex mosquitoes surging?", ["West Nile"]),
        ("Is the Saudi-backed Tour Champ event on?", ["Tour Champ"]),
    ],
)
def test_names_as_the_question_writes_them(question: str, pairs: list[str]) -> None:
    assert written_names(question) == pairs


@pytest.mark.parametrize(
    ("question", "pairs"),
    [
        # The archive writes "Janet" with capitals inside its sentences: a name opens the question.
        ("Janet Whitaker published a memoir. What is it called?", ["Janet Whitaker"]),
        ("Who knew? Janet Whitaker did.", ["Janet Whitaker"]),  # any sentence's first word
        # It writes "summarize" and "whats" in lower case, or not at all: openers stay out.
        ("Summarize Biden's speech about Zelensky.", []),
        ("Whats Biden doing in Kyiv?", []),
    ],
)
def test_a_name_opening_a_sentence_is_one_when_the_archive_writes_its_word_so(question: str, pairs: list[str]) -> None:
    assert written_names(question, {"Janet", "Biden", "Zelensky", "Kyiv"}.__contains__) == pairs


@pytest.mark.parametrize(
    ("text", "name", "written"),
    [
        ("Andrew Tate was held.", "Andrew Tate", True),
        ("Tate, whose brother Andrew was held.", "Andrew Tate", False),
        ("andrew tate was held.", "Andrew Tate", False),  # a two-word name as written
        ("IN-N-OUT is expanding.", "In-N-Out", True),  # a hyphenated one in any case …
        ("Jay Z and In–N–Out", "Jay-Z", True),  # … with a space or dash for the hyphen
        ("Jay Z and In–N–Out", "In-N-Out", True),
        ("They stepped in and out of the shop.", "In-N-Out", False),
        # A title and a surname, with the first name or two between them.
        ("Governor Patricia Lowell sent troops.", "Governor Lowell", True),
        ("Governor Jones met Adam Smith.", "Governor Smith", False),
        ("General Electric and Ford Motors", "General Motors", False),
        ("King Charles III was crowned.", "King Charles", True),
        # A title written short or long: "Governor Green" is "Gov. Josh Green".
        ("Hawaii Gov. Josh Green said", "Governor Green", True),
        ("Sen. Mitt Romney voted", "Senator Romney", True),
        ("Governor Green said", "Gov. Green", True),
        ("the government. Green said", "Governor Green", False),
        # Names typed side by side, written with a comma, dash or slash between them.
        ("Turkey, Syria earthquake updates", "Turkey Syria", True),
        ("the Turkey-Syria earthquake", "Turkey Syria", True),
        ("slammed the Turkey/Syria border", "Turkey Syria", True),
        ("Turkey. Syria was spared.", "Turkey Syria", False),
        # With or without its accents, a name is the same ("Mbappe" typed, "Mbappé" written).
        ("Kylian Mbappé scored twice.", "Kylian Mbappe", True),
        ("Kylian Mbappe scored twice.", "Kylian Mbappé", True),
        ("Kylian Mbappé scored twice.", "Kylian Mbappa", False),
    ],
)
def test_a_name_is_written_when_its_words_are_together(text: str, name: str, written: bool) -> None:
    assert writes_name(text, name) is written


def test_two_real_names_mixed_weigh_against_answering(sample_services) -> None:
    """ "Mahmoud" and "Gallant" are each in the samples, never together: no article is about him."""
    answers = sample_services.answers
    real = answers.evidence(answers.retrieve("What did Blinken tell Mahmoud Abbas in Ramallah?", AS_OF))
    mixed = answers.evidence(answers.retrieve("What did Blinken tell Mahmoud Gallant in Ramallah?", AS_OF))
    assert (real.names_apart, mixed.names_apart) == ((), ("Mahmoud Gallant",))
    assert (real.values["names_apart"], mixed.values["names_apart"]) == (0.0, 1.0)
    model = default_model()
    assert model.weights["names_apart"] < 0
    assert model.probability(mixed) < model.probability(real)


def test_a_name_is_a_name_after_the_question_words_are_dropped(sample_services) -> None:
    """ "What did the Fed decide?" is searched as "Fed decide?": "Fed" opens it, yet the question
    writes it as a name. A name no passage holds weighs against answering, as "Vanterpool" does."""
    answers = sample_services.answers
    fed = answers.evidence(answers.retrieve("What did the Fed decide about Blinken?", AS_OF))
    plain = answers.evidence(answers.retrieve("What did the council decide about Blinken?", AS_OF))
    assert fed.values["rarest_missing"] > 0.5 and plain.values["rarest_missing"] == 0.0
    assert "Fed" in fed.missing_terms
    assert default_model().probability(fed) < default_model().probability(plain)


@pytest.mark.parametrize(
    ("question", "none"),
    [
        ("What happened?", True),
        ("Any news?", True),
        ("What is the latest news?", True),
        ("What is going on in March?", True),
        ("Why?", True),
        ("What happened in the Super Bowl?", False),
        ("Who won?", True),
        ("What was the score?", True),
        ("Who won the Masters?", False),
        ("What happened in 2021?", False),  # a year is something to look for
        # A probe's "What were the big stories last month?" (its period is read apart).
        ("What were the big stories?", True),
        ("What were the major events?", True),
        ("How big was the earthquake?", False),
    ],
)
def test_a_question_for_news_in_general_names_no_subject(question: str, none: bool) -> None:
    assert names_no_subject(question) is none


def test_words_of_two_stories_are_not_one_answer(sample_services) -> None:
    # The al-Aqsa Mosque compound is in one passage, Washington in another: the passage closest
    # to the question lacks its rarest words, so nothing states what Washington acknowledged.
    question = "What did Washington acknowledge about the Temple compound?"
    found = sample_services.answers.retrieve(question, AS_OF)
    evidence = sample_services.answers.evidence(found)
    # Both words are equally rare here: the question's order decides which is named.
    assert evidence.best_lacks == ("Washington", "compound") and evidence.values["best_lacks_second"] > 0.5
    answer = sample_services.answers.answer(question, AS_OF)
    assert answer.abstained, answer.text
    assert answer.declined_because == "the passage that matches the question best does not mention “Washington”"


def test_a_word_no_article_holds_is_not_counted_as_lacking(sample_services) -> None:
    # How rare "travelling" is, an archive of two articles cannot tell: it would weigh as much
    # as an unknown name, and a fair question would be declined.
    found = sample_services.answers.retrieve("Why is Blinken travelling to Egypt?", AS_OF)
    evidence = sample_services.answers.evidence(found)
    assert "travelling" not in evidence.best_lacks and evidence.values["best_lacks_rarest"] == 0.0


def _days(*spans: tuple[str, str, int]) -> np.ndarray:
    """Sorted chunk days: for each (first, last, per_day), that many chunks on every day."""
    found = []
    for first, last, per_day in spans:
        day = date.fromisoformat(first)
        while day <= date.fromisoformat(last):
            found += [day.year * 10000 + day.month * 100 + day.day] * per_day
            day += timedelta(days=1)
    return np.array(sorted(found), dtype=np.int32)


# A busy last year (10 chunks a day; its newest day, 2023-07-01, still being filled) and a
# trickle of 2017 (1 a day).
BUSY = (("2017-01-01", "2017-12-31", 1), ("2022-07-01", "2023-06-30", 10), ("2023-07-01", "2023-07-01", 1))


def test_a_period_the_archive_barely_holds_is_thin() -> None:
    days = _days(*BUSY)
    week = period_coverage(days, date(2017, 3, 1), date(2017, 3, 7))
    # 7 chunks where 70 are usual, give or take chance.
    assert week is not None and week.share == pytest.approx((7 + CHANCE_CHUNKS) / (70 + CHANCE_CHUNKS))
    assert (week.first, week.last, week.chunks, week.named) == (date(2017, 3, 1), date(2017, 3, 7), 7, True)
    # No period named: the month before as_of.
    month = period_coverage(days, None, date(2017, 4, 20))
    assert month is not None and month.share == pytest.approx((30 + CHANCE_CHUNKS) / (300 + CHANCE_CHUNKS))
    assert (month.first, month.last, month.named) == (date(2017, 3, 22), date(2017, 4, 20), False)
    assert period_coverage(days, date(2023, 6, 1), date(2023, 6, 7)).share == 1.0  # type: ignore[union-attr]


def test_a_long_thin_stretch_is_the_archives_usual_rate_and_old_years_are_still_thin() -> None:
    # Intake fell from 30 chunks a day to 10 for the archive's last six months: a quarter of its
    # last two years. A week then holds what a thin week usually does; the average day (about 20
    # in the last year) would have read it as half covered.
    days = _days(
        ("2017-01-01", "2017-12-31", 1),
        ("2021-07-01", "2022-12-31", 30),
        ("2023-01-01", "2023-06-30", 10),
        ("2023-07-01", "2023-07-01", 1),
    )
    june = period_coverage(days, date(2023, 6, 1), date(2023, 6, 7))
    assert june is not None and june.share == 1.0 and june.chunks == 70
    # 7 chunks where a thin recent week holds 70.
    old = period_coverage(days, date(2017, 3, 1), date(2017, 3, 7))
    assert old is not None and old.share == pytest.approx((7 + CHANCE_CHUNKS) / (70 + CHANCE_CHUNKS))


def test_the_newest_day_is_not_judged_while_it_is_being_filled() -> None:
    days = _days(*BUSY)
    # "This week", the newest day holding 1 chunk so far: judged by the six days before it.
    week = period_coverage(days, date(2023, 6, 25), date(2023, 7, 1))
    assert week is not None and week.share == 1.0 and week.last == date(2023, 6, 30)
    assert period_coverage(days, date(2023, 7, 1), date(2023, 7, 1)) is None  # "today": nothing to judge by


def test_days_after_the_newest_article_or_before_the_first_are_not_counted_against_it() -> None:
    days = _days(("2023-01-26", "2023-01-31", 2))
    # Asked today of an archive of last January: its last month is what it covers, fully.
    today = period_coverage(days, None, date(2026, 11, 30))
    assert today is not None and today.share == 1.0
    assert (today.first, today.last) == (date(2023, 1, 26), date(2023, 1, 30))
    # A week from before the archive began holds nothing at all.
    before = period_coverage(days, date(2020, 1, 1), date(2020, 1, 7))
    assert before is not None and (before.share, before.chunks) == (0.0, 0)
    after = period_coverage(days, date(2026, 11, 23), date(2026, 11, 30))  # "this week", years later
    assert after is not None and (after.share, after.chunks) == (0.0, 0)
    # As of a day before the archive, with no period named, there is nothing to judge by (its
    # undated articles may still answer).
    assert period_coverage(days, None, date(2020, 1, 7)) is None
    assert period_coverage(np.zeros(0, dtype=np.int32), None, date(2023, 1, 1)) is None  # nothing dated


def test_a_thin_period_asked_about_is_the_reason_given() -> None:
    days = _days(*BUSY)
    passage = _passage("Capsule found", "A radioactive capsule was found.", date(2017, 3, 2))

    def reason(question: str, coverage: Coverage | None) -> str:
        return explain(
            gather_evidence(question, [passage], True, date(2017, 3, 7), str.split, _idf, 5.0, coverage=coverage)
        )

    week = period_coverage(days, date(2017, 3, 1), date(2017, 3, 7))
    assert reason("radioactive capsule found", week) == (
        "the archive holds few articles from 2017-03-01 to 2017-03-07 (30% of its usual number)"
    )
    empty = period_coverage(days, date(2016, 3, 1), date(2016, 3, 7))
    assert reason("radioactive capsule", empty) == "the archive holds no article from 2016-03-01 to 2016-03-07"
    # The month before as_of was not asked about: the question's own words come first ...
    month = period_coverage(days, None, date(2017, 4, 20))
    assert month is not None and month.share < 0.5
    assert (
        reason("radioactive capsule stolen", month)
        == "no article found mentions “stolen” with the rest of the question"
    )
    # ... and when the passages hold them all, the thin month is said, not "only loosely related"
    # (a probe's index declined the README's example so).
    assert reason("radioactive capsule found", month) == (
        f"the archive holds few articles from {month.first} to {month.last} ({month.share:.0%} of its usual number)"
    )


def test_a_thin_month_before_is_the_reason_when_it_alone_declines() -> None:
    """A quiz's question of April 2013, in an archive thin then, was said to be declined for the
    plain word "causing" that its best passage lacked; asked without it, for the next one. (Here the
    thin month is one of the test's archive, in 2017.)"""
    days = _days(*BUSY)
    month = period_coverage(days, None, date(2017, 4, 20))
    assert month is not None and month.share < 0.5
    passage = _passage("Capsule found", "A radioactive capsule was found.", date(2017, 4, 2))
    other = _passage("Capsule stolen", "The capsule was stolen.", date(2017, 4, 3))
    evidence = gather_evidence(
        "radioactive capsule stolen", [passage, other], False, date(2017, 4, 20), str.split, _idf, 5.0, coverage=month
    )
    assert evidence.best_lacks == ("stolen",) and evidence.thin_period is not None
    thin = f"the archive holds few articles from {month.first} to {month.last} ({month.share:.0%} of its usual number)"
    lacks = "the passage that matches the question best does not mention “stolen”"
    only_coverage = {name: 0.0 for name in FEATURES} | {"period_coverage": 10.0}
    # Covered as usual, it would be answered: the thin month is what declines it.
    model = DeclineModel(-5.0, only_coverage, 0.5)
    decision = model.decide(evidence)
    assert decision.decline and decision.reason == thin
    # Declined however well covered: the word the best passage lacks is said, as before.
    model = DeclineModel(-20.0, only_coverage, 0.5)
    decision = model.decide(evidence)
    assert decision.decline and decision.reason == lacks


def test_a_thin_month_does_not_decline_a_passage_that_matches_the_question_in_full() -> None:
    """A quiz's "Who plays Lucious on Empire?" as of April 2016, in an archive thin then against
    its last two years, was declined for the thin month while its best passage answered it. A
    passage lacking a word of the question is still declined for the month."""
    days = _days(*BUSY)
    month = period_coverage(days, None, date(2017, 4, 20))
    assert month is not None and month.share < 0.5
    found = _passage("Capsule found", "A radioactive capsule was found in the desert on Sunday.", date(2017, 4, 2))
    only_coverage = {name: 0.0 for name in FEATURES} | {"period_coverage": 10.0}
    model = DeclineModel(-5.0, only_coverage, 0.5)  # covered as usual, it would be answered

    def decide(question: str):  # type: ignore[no-untyped-def]
        evidence = gather_evidence(question, [found], False, date(2017, 4, 20), str.split, _idf, 5.0, coverage=month)
        return evidence, model.decide(evidence)

    evidence, decision = decide("radioactive capsule found desert")
    assert evidence.values["rare_coverage"] == 1.0 and evidence.thin_period is not None
    assert not decision.decline, decision
    evidence, decision = decide("radioactive capsule stolen desert")  # the passage lacks "stolen"
    assert decision.decline and decision.reason is not None and decision.reason.startswith("the archive holds few")


def _passage(title: str, text: str, published: date, score: float = 0.6) -> Passage:
    return Passage(f"{title}-{published}", title, title, text, published, None, None, 0, score)


def _idf(terms):  # type: ignore[no-untyped-def]
    return {term: 1.0 for term in terms}


def test_a_question_about_a_period_the_archive_barely_holds_is_declined_for_it(services, tmp_path: Path) -> None:
    # A year of local news, three articles a day, and two stories from years before.
    start = date(2022, 7, 1)
    rows = [
        {
            "id": f"n{i}",
            "title": f"Riverton council meeting {i}",
            "published": (start + timedelta(days=i // 3)).isoformat(),
            "text": f"The Riverton council met on day {i} and discussed the harbour, the budget and road repairs.",
        }
        for i in range(3 * 365)
    ]
    rows.append(
        {
            "id": "zoo",
            "title": "Riverton zoo",
            "published": "2017-04-10",
            "text": "The Riverton zoo welcomed a baby giraffe named Pebble on Sunday.",
        }
    )
    rows.append({"id": "pool", "published": "2016-05-02", "text": "The Riverton swimming pool reopened on Monday."})
    path = tmp_path / "riverton.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    services.ingestor.ingest_paths([str(path)])
    days = services.store.replica.chunk_days()
    assert len(days) == 3 * 365 + 2 and days[0] == 20160502 and list(days) == sorted(days)

    answer = services.answers.answer(
        "What did the Riverton council decide about the harbour this month?", date(2017, 4, 20)
    )
    assert answer.abstained, answer.text
    # One chunk in the 20 days of the month up to 2017-04-20, where the last year held 3 a day:
    # (1 + 20) / (60 + 20).
    assert (
        answer.declined_because
        == "the archive holds few articles from 2017-04-01 to 2017-04-20 (26% of its usual number)"
    )

    # A range the user chose with --from/--to is the archive they asked: not judged thin.
    answers = services.answers
    question = "What did the Riverton council decide about the harbour?"
    chosen = answers.retrieve(question, date(2017, 4, 20), filters=answers.make_filters(date(2017, 4, 1)))
    assert answers.evidence(chosen).values["period_coverage"] == 1.0
    named = answers.retrieve(f"{question[:-1]} this month?", date(2017, 4, 20))
    assert answers.evidence(named).values["period_coverage"] < 0.5

    services.ingestor.delete(["zoo"])  # the sorted days follow the index
    assert len(services.store.replica.chunk_days()) == 3 * 365 + 1


def test_a_year_inside_the_archive_is_not_history() -> None:
    passage = _passage("Marathon", "Kiprono won the 2016 Lakemont Marathon.", date(2016, 4, 17))

    def old_year(archive_start: date | None) -> float:
        evidence = gather_evidence(
            "who won 2016 marathon",
            [passage],
            False,
            date(2026, 11, 30),
            str.split,
            _idf,
            5.0,
            archive_start=archive_start,
        )
        return evidence.values["old_year"]

    # Ten years before as_of, but the archive's articles go back to 2015: it holds that year.
    assert old_year(date(2015, 3, 1)) == 0.0
    assert old_year(date(2017, 1, 1)) == 1.0  # before its first article
    assert old_year(None) == 1.0  # nothing dated to go by: ten years back is history


def test_read_on_past_a_year_a_passage_must_name_it(sample_services) -> None:
    # Nothing was published in 2022, so articles up to as_of are read; none of them is of 2022.
    answer = sample_services.answers.answer("Who did Blinken meet in Ramallah in 2022?", AS_OF)
    assert answer.abstained, answer.text
    assert answer.declined_because == "no article found mentions 2022"


def test_a_year_is_held_by_a_passage_published_in_it() -> None:
    ban = _passage("Bag ban", "Shoppers now pay 10 cents for a paper bag.", date(2019, 7, 1))
    evidence = gather_evidence("paper bag 2019 ban", [ban], False, date(2026, 11, 30), str.split, _idf, 5.0)
    assert evidence.missing_numbers == () and evidence.values["numbers_missing"] == 0.0
    assert "2019" not in evidence.missing_terms
    # No article writes "2019" (unseen weight 5.0 here), yet the archive holds that year's news.
    unseen = gather_evidence("paper bag 2019 ban", [ban], False, date(2026, 11, 30), str.split, _unseen_2019, 5.0)
    assert unseen.unknown_terms == () and unseen.values["unknown_terms"] == 0.0
    later = _passage("Bag ban", "Shoppers now pay 10 cents for a paper bag.", date(2020, 7, 1))
    evidence = gather_evidence("paper bag 2019 ban", [later], False, date(2026, 11, 30), str.split, _idf, 5.0)
    assert evidence.missing_numbers == ("2019",)


def test_passages_of_no_one_story_are_scattered() -> None:
    def scattered(days: list[date], has_period: bool = False) -> tuple[date, date] | None:
        passages = [_passage(f"p{n}", "Ulaanbaatar is the capital.", day) for n, day in enumerate(days)]
        return gather_evidence(
            "capital of Mongolia", passages, has_period, date(2023, 6, 1), str.split, _idf, 5.0
        ).scattered

    apart = [date(2019, 5, 2), date(2014, 1, 9), date(2022, 11, 30)]
    assert scattered(apart) == (date(2014, 1, 9), date(2022, 11, 30))
    # Another report within three days of the best one's: a story, however far the rest.
    assert scattered([*apart, date(2019, 5, 4)]) is None
    assert scattered(apart, has_period=True) is None  # a named period's passages are close by design
    assert scattered([date(2019, 5, 2)]) is None  # one passage is no scatter
    undated = Passage("u", "u", "Capital", "Ulaanbaatar is the capital.", None, None, None, 0, 0.6)
    dated = [_passage(f"p{n}", "Ulaanbaatar is the capital.", day) for n, day in enumerate(apart)]
    evidence = gather_evidence("capital of Mongolia", [undated, *dated], False, date(2023, 6, 1), str.split, _idf, 5.0)
    assert evidence.scattered is None  # the best one has no day to measure from


def test_passages_of_a_narrow_filter_are_not_judged_scattered(services, tmp_path: Path) -> None:
    records = [
        {"id": f"a{n}", "published": day, "title": title, "text": text, "source": source}
        for n, (day, title, text, source) in enumerate(
            [
                ("2019-03-01", "Harbour", "The harbour in Port Elwin reopened after the storm.", "elwin.example"),
                ("2021-03-02", "Library", "The Port Elwin library opened a new reading room.", "elwin.example"),
                ("2022-09-01", "Ferry", "The Port Elwin ferry changed its timetable.", "elwin.example"),
                ("2023-03-03", "Council", "The Port Elwin council approved the budget.", "coast.example"),
            ]
        )
    ]
    path = tmp_path / "elwin.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert services.ingestor.ingest_paths([str(path)]).added == 4
    answers = services.answers
    question, as_of = "What happened in Port Elwin?", date(2023, 6, 1)

    def scattered(start: date | None = None, end: date | None = None, outlets: tuple[str, ...] = ()):
        filters = answers.make_filters(start, end, outlets)
        return answers.evidence(answers.retrieve(question, as_of, filters=filters)).scattered

    everything = (date(2019, 3, 1), date(2023, 3, 3))
    assert scattered() == everything
    # A range of months, or an outlet with a small part of the archive: passages days apart are
    # no sign of a question the archive cannot answer.
    assert scattered(date(2022, 6, 1)) is None
    assert scattered(outlets=("coast.example",)) is None
    # Filters that leave most of the archive only narrow the search (a probe's --from 2000-01-01,
    # --to, and --outlet usatoday.com had a declined question answered from another story).
    assert scattered(date(2000, 1, 1)) == everything
    assert scattered(end=date(2023, 5, 1)) == everything
    assert scattered(outlets=("elwin.example",)) == (date(2019, 3, 1), date(2022, 9, 1))


def test_scattered_passages_must_clear_a_higher_bar() -> None:
    passage = _passage("Capital", "Ulaanbaatar is the capital of Mongolia.", date(2019, 5, 2))
    other = _passage("Election", "Mongolia held an election.", date(2022, 11, 30))
    evidence = gather_evidence("capital of Mongolia", [passage, other], False, AS_OF, str.split, _idf, 5.0)
    assert evidence.scattered is not None
    model = default_model()
    p = model.probability(evidence)
    between = DeclineModel(model.intercept, model.weights, p - 0.1, p + 0.1)
    decision = between.decide(evidence)
    assert decision.decline
    assert decision.reason == "the closest articles, published from 2019-05-02 to 2022-11-30, report no one story"
    assert not DeclineModel(model.intercept, model.weights, p - 0.1, p - 0.05).decide(evidence).decline
    close = gather_evidence(
        "capital of Mongolia", [passage, replace(other, published=date(2019, 5, 3))], False, AS_OF, str.split, _idf, 5.0
    )
    assert close.scattered is None and not between.decide(close).decline
    # A story is reported over a week: the Maui fires' passages of Aug 10, 14 and 15 are one.
    week = gather_evidence(
        "capital of Mongolia", [passage, replace(other, published=date(2019, 5, 9))], False, AS_OF, str.split, _idf, 5.0
    )
    assert week.scattered is None
    # In a month the archive covers thinly, a real question's passages are days apart too.
    thin = replace(evidence, values={**evidence.values, "period_coverage": 0.5})
    p_thin = model.probability(thin)
    assert not DeclineModel(model.intercept, model.weights, p_thin - 0.1, p_thin + 0.1).decide(thin).decline


def test_the_shipped_model_has_a_bar_for_scattered_passages() -> None:
    model = default_model()
    assert model.threshold < model.scattered_threshold < 1


def _unseen_2019(terms):  # type: ignore[no-untyped-def]
    return {term: 5.0 if term == "2019" else 1.0 for term in terms}


def test_only_the_best_passage_holds_a_year_by_its_date() -> None:
    # Read on past "in 2018": the 2023 winner answers, and an unrelated story of 2018 found
    # beside it says nothing of 2018's race.
    winner = _passage("Marathon", "Bekele won the marathon.", date(2023, 4, 16), 0.7)
    budget = _passage("Budget", "The council passed a budget.", date(2018, 6, 1), 0.5)
    evidence = gather_evidence("won marathon 2018", [winner, budget], True, date(2026, 11, 30), str.split, _idf, 5.0)
    assert evidence.missing_numbers == ("2018",) and evidence.values["best_lacks_rarest"] > 0


def test_a_title_is_no_name_the_articles_must_hold() -> None:
    passage = _passage("Troops", "Governor Patricia Lowell sent 2,000 troops.", date(2023, 9, 12), 0.7)
    weights = {"gov": 5.0, "lowell": 1.0, "troops": 1.0}  # no article writes "Gov"
    evidence = gather_evidence(
        "Gov Lowell troops",
        [passage],
        False,
        date(2023, 9, 18),
        lambda t: t.lower().replace(".", "").split(),
        lambda terms: {t: weights.get(t, 1.0) for t in terms},
        5.0,
        asked="How many troops did Gov. Lowell activate?",
    )
    assert evidence.unknown_terms == () and evidence.values["unknown_terms"] == 0.0


def test_names_typed_side_by_side_are_held_by_a_passage_writing_them_apart() -> None:
    # "kiptum chicago marathon time" was declined: "no article mentions “Kiptum Chicago”" (probe).
    passage = _passage(
        "2023 Chicago Marathon: Kenyan Kelvin Kiptum sets world record",
        "Kelvin Kiptum, 23, finished Sunday's Chicago Marathon in two hours, zero minutes and 35 seconds. "
        "Blinken's aide Jake Sullivan was at the race with Mahmoud Abbas.",
        date(2023, 10, 8),
    )

    def evidence(question: str):  # type: ignore[no-untyped-def]
        return gather_evidence(
            question, [passage], False, AS_OF, str.split, _idf, 5.0, question, archive_writes=lambda name: False
        )

    typed = evidence("What was the Kiptum Chicago marathon time?")
    assert typed.names_apart == typed.names_nowhere == ()
    # A first name starts names: "Jake Abbas" is no one, though the passage writes both words.
    invented = evidence("What did Jake Abbas say at the marathon?")
    assert invented.names_apart == invented.names_nowhere == ("Jake Abbas",)


def test_a_name_no_article_writes_is_told_from_one_the_passages_miss() -> None:
    passage = _passage("Talks", "Blinken met Palestinian leader Mahmoud Abbas in Ramallah.", date(2023, 1, 31))
    written_elsewhere = {"Jake Sullivan"}

    def evidence(question: str):  # type: ignore[no-untyped-def]
        return gather_evidence(
            question, [passage], False, AS_OF, str.split, _idf, 5.0, question,
            archive_writes=written_elsewhere.__contains__,
        )  # fmt: skip

    invented = evidence("What did Jake Abbas tell Blinken?")
    assert invented.names_apart == invented.names_nowhere == ("Jake Abbas",)
    assert invented.values["names_nowhere"] == 1.0
    assert explain(invented) == "no article mentions “Jake Abbas”"
    elsewhere = evidence("What did Jake Sullivan tell Blinken?")
    assert elsewhere.names_apart == ("Jake Sullivan",) and elsewhere.names_nowhere == ()
    assert elsewhere.values["names_nowhere"] == 0.0
    assert explain(elsewhere) == "the passages that match the rest of the question do not mention “Jake Sullivan”"
    held = evidence("What did Mahmoud Abbas tell Blinken?")
    assert held.names_apart == held.names_nowhere == () and held.values["names_apart"] == 0.0
    # A name no article writes says more than a number the passages found lack (a probe's
    # "Why did Zentrix Motors lay off 4,000 workers?" was declined for "4,000").
    both = evidence("Why did Jake Abbas tell Blinken 4,000 times?")
    assert both.missing_numbers == ("4,000",) and both.names_nowhere == ("Jake Abbas",)
    assert explain(both) == "no article mentions “Jake Abbas”"


def test_either_apostrophe_writes_a_name() -> None:
    assert writes_name("Vikings coach Kevin O’Connell said on Monday", "Kevin O'Connell")
    assert writes_name("Vikings coach Kevin O'Connell said on Monday", "Kevin O’Connell")
    assert writes_name("Coach Patricia O'Neill won", "Coach O’Neill")
    assert not writes_name("Kevin OConnell", "Kevin O'Connell")


def test_a_name_of_a_question_typed_without_capitals_is_found_in_any_case() -> None:
    # "what happened at the nashville school shooting": the archive's capitals made "Nashville
    # School" of it (many stories name a "… School"), which this one writes in lower case.
    text = "Six people were killed in the Nashville school shooting on Monday."
    assert not writes_name(text, "Nashville School")
    assert writes_name(text, "Nashville School", any_case=True)
    assert not writes_name(text, "Jenny Waterford", any_case=True)


def test_a_follow_ups_carried_words_are_no_name(sample_services) -> None:
    from bot.followup import Turn

    answers = sample_services.answers
    history = [Turn("Who did Blinken meet in Ramallah?", "Blinken met Palestinian leader Mahmoud Abbas in Ramallah.")]
    found = answers.retrieve("And what was discussed at that meeting in the West Bank?", AS_OF, history)
    assert found.query.endswith("Ramallah Palestinian Mahmoud Abbas")  # carried over: no name as written…
    evidence = answers.evidence(found)
    # …so only what was typed is read for names ("West Bank"), which the articles write.
    assert evidence.names_apart == evidence.names_nowhere == () and evidence.values["names_nowhere"] == 0.0


def test_the_archive_wide_name_check_reads_only_articles_up_to_as_of(sample_services) -> None:
    answers = sample_services.answers
    # "Jake Sullivan" is written in the article of 2023-01-26 only.
    assert answers._archive_writes("Jake Sullivan", date(2023, 1, 26))
    assert not answers._archive_writes("Jake Sullivan", date(2023, 1, 25))
    assert answers._archive_writes("Mahmoud Abbas", date(2023, 2, 1))
    assert not answers._archive_writes("Jake Abbas", date(2023, 2, 1))
    assert answers._archive_writes("The The", date(2023, 2, 1))  # stop words only: cannot tell


def test_the_archive_tells_how_a_word_is_written(services, tmp_path: Path) -> None:
    written = services.answers.written_form
    assert written("mccarthy") == ""  # no article yet
    _ingest(
        services,
        tmp_path,
        [
            {
                "id": "h",
                "published": "2023-05-01",
                "text": "The House voted. Speaker Kevin McCarthy thanked the House. His house in Bakersfield is "
                "far from the House floor. Members said the vote was close. Votes matter.",
            }
        ],
    )
    assert written("mccarthy") == "McCarthy"  # as the articles write it, inner capital and all
    assert written("house") == "House"  # three uses of four
    assert written("members") is None  # capitalised only where a sentence starts
    assert written("votes") is None  # the same: a sentence's first word says nothing
    assert written("vanterpool") == ""  # no article holds it


def test_a_plain_word_is_read_from_enough_chunks_not_only_those_naming_it_most(services, tmp_path: Path) -> None:
    # The chunks a keyword search ranks first for "key" name Key West, which they write twice: a
    # chat's "whats the key temperature threshold at cop28" became a question about "Key", and
    # its follow-up "how many nations are going" was declined as no article mentioning "Key".
    names = [
        {"id": f"keys{i}", "published": "2023-03-01", "text": f"Ferry {i} runs to Key West. The Key West boat is full."}
        for i in range(30)
    ]
    plain = [
        {"id": f"plain{i}", "published": "2023-03-02", "text": f"Vote {i} was a key one. The ferry was late again."}
        for i in range(40)
    ]
    _ingest(services, tmp_path, [*names, *plain])
    assert services.answers.written_form("key") is None
    assert services.answers.written_form("west") == "West"


def test_a_plain_word_is_read_from_a_wide_sample_of_the_chunks_holding_it(services, tmp_path: Path) -> None:
    # The 60 chunks a keyword search ranked first for "main" were Main Street's, which write it
    # three times: a chat's "Who plays the main character?" was declined as no article mentioning
    # "Main", and the next turn went on as "a follow-up about Main".
    streets = [
        {
            "id": f"street{i}",
            "published": "2023-03-01",
            "text": f"Shop {i} on Main Street shut. Main Street and Main Square wait.",
        }
        for i in range(50)
    ]
    plain = [
        {
            "id": f"plain{i}",
            "published": "2023-03-02",
            "text": f"Vote {i} was the main event of a long council night again.",
        }
        for i in range(150)
    ]
    _ingest(services, tmp_path, [*streets, *plain])
    assert services.answers.written_form("main") is None
    assert services.answers.written_form("street") == "Street"


def test_a_lists_labels_in_capitals_do_not_make_a_plain_word_a_name(services, tmp_path: Path) -> None:
    # The chunks that hold "winner" most are awards lists ("WINNER: Julia Garner", "*WINNER"): a
    # probe's "eurovision winner" was declined as "no article found mentions “WINNER”".
    lists = [
        {"id": f"awards{i}", "published": "2023-03-01", "text": f"BEST ACTRESS\nWINNER: Julia Garner\n*WINNER Cast {i}"}
        for i in range(3)
    ]
    story = {"id": "song", "published": "2023-05-14", "text": "Loreen is the winner of Eurovision, as NASA said."}
    _ingest(services, tmp_path, [*lists, story])
    written = services.answers.written_form
    assert written("winner") is None
    assert written("nasa") == "NASA"  # an acronym is written so
    answer = services.answers.answer("eurovision winner", date(2023, 5, 16))
    assert not answer.abstained and "Loreen" in answer.text, answer.text


@pytest.mark.parametrize(
    ("text", "word", "found"),
    [
        # Whole words in any case, not inside another word, a possessive's or a hyphenated name's.
        ("Johnson's son, SON and Son-in-law; son.", "son", ["son", "SON", "son"]),
        ("O'Neill and o’neill met o'neill-smith", "o'neill", ["O'Neill"]),
        ("Covid-19 and COVID-19's toll", "covid-19", ["Covid-19", "COVID-19"]),
        # "İ" lower-cases to two characters: the offsets must still be the text's.
        ("İstanbul: the mayor of Istanbul", "istanbul", ["İstanbul", "Istanbul"]),
        ("İstanbul: the mayor of Istanbul", "mayor", ["mayor"]),
        # Letters a case-blind match takes for others (a review's): dotless i, long s, final sigma.
        ("Kıbrıs talks", "kibris", ["Kıbrıs"]),
        ("houſe prices", "house", ["houſe"]),
        ("ΟΔΟΣ'Α", "οδος", ["ΟΔΟΣ"]),
    ],
)
def test_a_word_is_found_as_typed_in_any_case(text: str, word: str, found: list[str]) -> None:
    assert [text[start:end] for start, end in _spans_of_word(text, word)] == found


def _ingest(services, tmp_path: Path, rows: list[dict]) -> None:  # type: ignore[no-untyped-def]
    """Articles as JSON Lines, each of which must go in."""
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    assert services.ingestor.ingest_paths([str(path)]).added == len(rows)


def _written_often(prefix: str, title: str, text: str) -> list[dict]:
    """Sixty articles a day apart from 2023-01-01, each writing `text` with its number for "{}":
    a name the archive writes often, whose words then weigh little."""
    return [
        {
            "id": f"{prefix}{i}",
            "title": f"{title} {i}",
            "published": (date(2023, 1, 1) + timedelta(days=i)).isoformat(),
            "text": text.format(i),
        }
        for i in range(60)
    ]


def test_undated_articles_name_no_one_before_today(services, tmp_path: Path) -> None:
    _ingest(
        services,
        tmp_path,
        [{"id": "u", "title": "Mayor", "text": "Caldwell Brantley, the mayor, left the race."}],  # no date
    )
    # An undated article may be newer than as_of: only a question as of today may use it.
    assert not services.answers._archive_writes("Caldwell Brantley", date(2023, 6, 1))
    assert services.answers._archive_writes("Caldwell Brantley", date.today())


def test_a_name_whose_words_too_many_chunks_hold_is_taken_as_written(services, tmp_path: Path, monkeypatch) -> None:
    import bot.answer

    rows = [
        {"id": f"w{n}", "published": "2023-05-01", "text": f"Julie met the press at the White House, story {n}."}
        for n in range(3)
    ]
    _ingest(services, tmp_path, rows)
    monkeypatch.setattr(bot.answer, "NAME_CHECK_CHUNKS", 3)
    assert not services.answers._archive_writes("Julie White", date(2023, 6, 1))  # all three read
    # Past the cap the chunks that write it may rank anywhere: it is not called unwritten.
    monkeypatch.setattr(bot.answer, "NAME_CHECK_CHUNKS", 2)
    assert services.answers._archive_writes("Julie White", date(2023, 6, 1))


def test_a_trickle_of_older_stories_is_not_the_usual_week() -> None:
    # A year of 30 chunks a day, and in the year before, one 3-chunk story a fortnight.
    fortnights = (date(2021, 7, 5) + timedelta(days=14 * i) for i in range(26))
    trickle = [(day.isoformat(), day.isoformat(), 3) for day in fortnights]
    days = _days(*trickle, ("2022-07-01", "2023-06-30", 30), ("2023-07-01", "2023-07-01", 1))
    empty_week = days[(days < 20230301) | (days > 20230307)]
    week = period_coverage(empty_week, date(2023, 3, 1), date(2023, 3, 7))
    assert week is not None and week.share == pytest.approx(CHANCE_CHUNKS / (210 + CHANCE_CHUNKS))


def test_a_name_not_one_word_of_which_a_passage_holds_is_declined_when_the_archive_writes_it() -> None:
    """A real name swapped into another story: the passages tell the story, the archive writes
    the name elsewhere, and not a word of it is in any passage."""
    passage = _passage("Talks", "Blinken met Palestinian leader Mahmoud Abbas in Ramallah.", date(2023, 1, 31))
    written_elsewhere = {"Jake Sullivan", "Mahmoud Gallant"}

    def evidence(question: str):  # type: ignore[no-untyped-def]
        return gather_evidence(
            question, [passage], False, AS_OF, str.split, _idf, 5.0, question,
            archive_writes=written_elsewhere.__contains__,
        )  # fmt: skip

    always = DeclineModel(0.0, {name: 0.0 for name in FEATURES}, 0.0)  # the weights would answer anything
    swapped = evidence("What did Jake Sullivan tell Blinken in Ramallah?")
    assert swapped.names_unseen == ("Jake Sullivan",) and swapped.names_nowhere == ()
    decision = always.decide(swapped)
    assert decision.decline
    assert decision.reason == "the passages that match the rest of the question do not mention “Jake Sullivan”"
    # One word of it in a passage: the weights judge ("Mahmoud" is Abbas's first name).
    mixed = evidence("What did Mahmoud Gallant tell Blinken in Ramallah?")
    assert mixed.names_apart == ("Mahmoud Gallant",) and mixed.names_unseen == ()
    assert not always.decide(mixed).decline
    # Written nowhere at all, a name is the weights' to judge too: it may be two run together.
    invented = evidence("What did Jake Abbott tell Blinken in Ramallah?")
    assert invented.names_unseen == invented.names_nowhere == ("Jake Abbott",)
    assert not always.decide(invented).decline
    assert not always.decide(evidence("What did Mahmoud Abbas tell Blinken?")).decline


def test_a_name_the_passages_write_by_its_initials_is_seen() -> None:
    passage = _passage("Suit", "The FTC sued Amazon on Wednesday over Prime cancellations.", date(2023, 6, 21))

    def evidence(question: str):  # type: ignore[no-untyped-def]
        return gather_evidence(
            question, [passage], False, AS_OF, str.split, _idf, 5.0, question, archive_writes=lambda name: True
        )

    agency = evidence("The Federal Trade Commission is suing which company over Prime?")
    assert agency.names_apart == ("Federal Trade", "Trade Commission") and agency.names_unseen == ()
    other = evidence("The Federal Reserve is suing which company over Prime?")
    assert other.names_unseen == ("Federal Reserve",)


def test_two_letters_are_no_initials_and_a_word_spelt_the_other_way_is_seen() -> None:
    wire = _passage("Talks", "RAMALLAH (AP) — Blinken met the defense center's chief, Mahmoud Abbas.", AS_OF)

    def evidence(question: str):  # type: ignore[no-untyped-def]
        def terms(text: str) -> list[str]:  # lower case, as the keyword index reads words
            return re.findall(r"[a-z]+", text.lower())

        return gather_evidence(question, [wire], False, AS_OF, terms, _idf, 5.0, question, archive_writes=bool)

    # "AP" is the wire service, not "Andrew Phillips".
    assert evidence("What did Andrew Phillips tell Blinken?").names_unseen == ("Andrew Phillips",)
    # The passage writes both words, the American way.
    assert evidence("What did the Defence Centre tell Blinken?").names_unseen == ()


def test_a_real_name_put_into_another_weeks_story_is_declined(services, tmp_path: Path) -> None:
    _ingest(
        services,
        tmp_path,
        [
            {
                "id": "ferries",
                "title": "Ferries to Valmora cancelled",
                "published": "2023-03-01",
                "text": "Ferries to Valmora were cancelled on Tuesday as a storm brought winds of 90 km/h, "
                "the port authority said.",
            },
            {
                "id": "resume",
                "title": "Valmora crossings to resume",
                "published": "2023-03-02",
                "text": "The port authority said ferry crossings to Valmora would resume on Friday after the storm.",
            },
            {
                "id": "album",
                "title": "Tamsin Rowe's third album",
                "published": "2023-01-10",
                "text": "Singer Tamsin Rowe released her third album on Friday to strong reviews.",
            },
        ],
    )
    as_of = date(2023, 3, 3)
    real = services.answers.answer("Why were the ferries to Valmora cancelled this week?", as_of)
    assert not real.abstained and "storm" in real.text, real.text
    swapped = services.answers.answer("Why did Tamsin Rowe cancel the ferries to Valmora this week?", as_of)
    assert swapped.abstained, swapped.text
    assert swapped.declined_because == "the passages that match the rest of the question do not mention “Tamsin Rowe”"


def test_a_name_written_the_other_side_of_the_atlantic_is_written() -> None:
    passage = _passage("Launch", "The Indian Space Research Organization said the launch went well.", date(2023, 7, 14))
    found = gather_evidence(
        "What did the Indian Space Research Organisation say?", [passage], False, AS_OF, str.split, _idf, 5.0,
        "What did the Indian Space Research Organisation say?", archive_writes=lambda name: True,
    )  # fmt: skip
    assert found.names_apart == ()


@pytest.mark.parametrize(
    ("text", "word", "written"),
    [
        ("the Titan submersible", "Titan", True),
        ("the wreck of the Titanic", "Titan", False),
        ("at the Oscars", "Oscar", True),
        ("an Oscar nominee", "Oscars", True),
        ("Biden’s plan", "Biden", True),
        ("BIDEN SPOKE", "Biden", True),
    ],
)
def test_a_word_is_written_with_its_plural_or_possessive_but_not_inside_a_longer_one(
    text: str, word: str, written: bool
) -> None:
    assert writes_word(text, word) is written


def test_a_name_is_held_where_it_is_written_not_where_only_its_stem_is(sample_services) -> None:
    terms = sample_services.store.replica.lexical.terms
    assert terms("Titanic") == terms("Titan")  # the stemmer's: why the written word is read
    question = "What happened to the Titan submersible?"
    dive = _passage("Dive", "Divers found a reef near the Titanic wreck in a submersible.", date(2022, 11, 7))
    lost = _passage("Lost", "The Titan submersible lost contact on its dive.", date(2023, 6, 19))

    def evidence(passage: Passage):  # type: ignore[no-untyped-def]
        return gather_evidence(question, [passage], False, date(2023, 6, 30), terms, _idf, 5.0, question)

    assert "Titan" in evidence(dive).missing_terms
    assert "Titan" not in evidence(lost).missing_terms


def test_a_title_typed_in_full_is_held_by_its_short_form(services, tmp_path) -> None:
    """A probe's "What did Governor Green say?" was declined as "no article mentions “Governor
    Green”": the articles write "Gov. Josh Green"."""
    path = tmp_path / "lahaina.txt"
    path.write_text(
        "date 2023-08-16 Hawaii Gov. Josh Green said the death toll from the Lahaina wildfire had risen to 106 "
        "and that rebuilding the historic town would take years.",
        encoding="utf-8",
    )
    assert services.ingestor.ingest_paths([str(path)]).added == 1
    answer = services.answers.answer("What did Governor Green say about Lahaina?", date(2023, 8, 20))
    assert "Governor Green" not in (answer.declined_because or ""), answer.text
    assert not answer.abstained, answer.text


def _lower_words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


@pytest.mark.parametrize(
    ("text", "word", "written"),
    [
        ("Leaks have fed speculation.", "Fed", False),  # a common word: only with its capital
        ("The Fed raised rates.", "Fed", True),
        ("Fed officials met.", "Fed", True),
        ("the heat wave", "Heat", False),
        ("The Heat beat the Celtics.", "Heat", True),
        ("biden’s plan", "Biden", True),  # no common word: in any case, as before
    ],
)
def test_a_name_that_is_a_common_word_is_written_with_its_capital(text: str, word: str, written: bool) -> None:
    assert writes_name_word(text, word) is written


def test_a_name_that_is_a_common_word_is_missing_where_only_the_word_is() -> None:
    # "What did the Fed decide in July?" had been answered from "has fed speculation" (a probe).
    question = "What did the Fed decide in July?"
    verb = _passage("Georgia inquiry", "Leaks have fed speculation that she will decide in July.", date(2023, 8, 1))
    fed = _passage("Rates", "The Fed will decide in July whether to raise rates.", date(2023, 8, 1))
    weights = lambda terms: {t: 3.0 for t in terms}  # noqa: E731
    apart = gather_evidence(question, [verb], True, date(2023, 8, 20), _lower_words, weights, 5.0, question)
    assert "Fed" in apart.missing_terms
    held = gather_evidence(question, [fed], True, date(2023, 8, 20), _lower_words, weights, 5.0, question)
    assert "Fed" not in held.missing_terms


def test_names_typed_without_their_accents_are_answered(services, tmp_path: Path) -> None:
    """A probe's "Which club did Jose Nunez sign with?" and "What did Kylian Mbappe say?" were
    declined: the articles write "José Núñez" and "Mbappé", and keyboards seldom do."""
    rows = [
        {
            "id": "nunez",
            "title": "Ashford goalkeeper signs abroad",
            "published": "2023-11-27",
            "text": "Ashford goalkeeper José Núñez signed a three-year contract with Malmö FF on Monday.",
        },
        {
            "id": "mbappe",
            "title": "World Cup final",
            "published": "2023-11-28",
            "text": "Kylian Mbappé said the team would be back stronger after the final in Lusail.",
        },
        {
            # The passages write "Mbappe" too, so "Mbappe" is no respelling: the name checks must
            # read "Mbappé" as it.
            "id": "mbappe-plain",
            "title": "Transfer rumours",
            "published": "2023-11-20",
            "text": "Real Madrid still want Mbappe, the club's president said in an interview.",
        },
        {
            "id": "bridge",
            "title": "Ashford bridge reopens",
            "published": "2023-11-26",
            "text": "The Ashford footbridge reopened on Sunday after three months of repairs.",
        },
    ]
    _ingest(services, tmp_path, rows)
    as_of = date(2023, 11, 30)

    nunez = services.answers.answer("Which club did Jose Nunez sign with?", as_of)
    assert not nunez.abstained, nunez.declined_because
    assert "Malmö FF" in nunez.text
    assert nunez.notice == "Read “Jose” as “José”, “Nunez” as “Núñez”, as the articles write it."

    mbappe = services.answers.answer("What did Kylian Mbappe say?", as_of)
    assert not mbappe.abstained, mbappe.declined_because
    assert "back stronger" in mbappe.text


def test_a_real_name_swapped_into_another_story_is_declined(services, tmp_path: Path) -> None:
    """The held-out made-up questions swap a real name into a story ("The Republican Party, which
    represents many Hollywood scribes, went on strike this week") and most were answered with the
    story: the archive writes the name, the passages hold its words ("a party"), but not one of
    them written as the name's is in the passages' articles."""
    rows = [
        {
            "id": "strike",
            "title": "Hollywood writers go on strike",
            "published": "2023-05-02",
            "text": "The Writers Guild of America, which represents many Hollywood scribes, went on strike on "
            "Tuesday. Its last strike, in 2007, lasted 100 days, and a party of writers picketed the studios.",
        },
        {
            "id": "bridge",
            "title": "Ashford bridge reopens",
            "published": "2023-05-03",
            "text": "The Ashford footbridge reopened on Wednesday after three months of repairs.",
        },
        {
            "id": "ftc",
            "title": "Regulator sues Amazon",
            "published": "2023-05-03",
            "text": "The FTC sued Amazon on Wednesday, saying it tricked millions of shoppers into Prime.",
        },
    ]
    # Names the archive writes often, as the corpus writes the Republican Party: their words weigh little.
    rows += _written_often(
        "politics", "Politics", "On day {} of the session, the Republican Party met the Federal Trade Commission."
    )
    _ingest(services, tmp_path, rows)
    as_of = date(2023, 5, 5)

    question = "The {}, which represents many Hollywood scribes, went on strike this week. When did it last strike?"
    real = services.answers.answer(question.format("Writers Guild of America"), as_of)
    assert not real.abstained, real.declined_because
    swapped = services.answers.answer(question.format("Republican Party"), as_of)
    assert swapped.abstained, swapped.text
    # Still answered: a name its articles write by its initials, and a question in Title Case
    # (whose "Did The" pairs no capitals but the typist's).
    initials = services.answers.answer("Why did the Federal Trade Commission sue Amazon this week?", as_of)
    assert not initials.abstained, initials.declined_because
    title_case = services.answers.answer("Which Guild Went On Strike This Week?", as_of)
    assert not title_case.abstained, title_case.declined_because
    assert (
        swapped.declined_because == "the passages that match the rest of the question do not mention “Republican Party”"
    )


def test_keywords_typed_without_capitals_are_no_name_of_two_words(services, tmp_path: Path) -> None:
    """A probe's "americans kidnapped mexico matamoros what happened" was declined for "Mexico
    Matamoros": given capitals word by word, the two read as one name that no article writes."""
    rows = [
        {
            "id": "kidnap",
            "title": "Four Americans kidnapped",
            "published": "2023-03-07",
            "text": "Four Americans were kidnapped in Matamoros, Mexico, on Friday after crossing the border.",
        },
        {
            "id": "bridge",
            "title": "Ashford bridge reopens",
            "published": "2023-03-08",
            "text": "The Ashford footbridge reopened on Wednesday after three months of repairs.",
        },
    ]
    _ingest(services, tmp_path, rows)
    answer = services.answers.answer("americans kidnapped mexico matamoros what happened", date(2023, 3, 10))
    assert not answer.abstained, answer.declined_because
    assert "Matamoros, Mexico" in answer.text
    # An invented person is still one: a first name written before another name is no keyword.
    invented = services.answers.answer("what happened to ashford matamoros", date(2023, 3, 10))
    assert invented.abstained, invented.text


def test_a_name_of_common_words_is_written_in_any_case(services, tmp_path: Path) -> None:
    """The dev set's "Which members of the Royal Family were involved in … car chase" was declined:
    its story tells of the "royal" couple and their "family", words English writes in lower case."""
    rows = [
        {
            "id": "chase",
            "title": "Couple chased in New York",
            "published": "2023-05-12",
            "text": "The royal couple said their family was chased by photographers in New York on Tuesday night.",
        },
        {
            "id": "bridge",
            "title": "Ashford bridge reopens",
            "published": "2023-05-11",
            "text": "The Ashford footbridge reopened on Thursday after three months of repairs.",
        },
    ]
    # A name the archive writes often elsewhere, so it is no unknown one.
    rows += _written_often("palace", "Palace news", "On day {} of the tour, the Royal Family visited the capital.")
    _ingest(services, tmp_path, rows)
    royal = services.answers.answer(
        "Which members of the Royal Family were chased in New York this week?", date(2023, 5, 14)
    )
    assert not royal.abstained, royal.declined_because
    assert "royal couple" in royal.text


def test_how_many_is_asked_not_a_word_the_passage_must_hold(services, sample_dir: Path, tmp_path: Path) -> None:
    """A probe's small archive (the samples, then one story six weeks later) declined "How many
    people were injured in Leeford?": "the passage that matches the question best does not mention
    “many”", a word rare in a few articles; and "What happened in Leeford?" for "the archive holds
    no article from 2023-02-09 to 2023-03-09"."""
    quake = {
        "id": "quake",
        "published": "2023-03-10",
        "title": "Earthquake hits Leeford",
        "text": "A magnitude 6.1 earthquake struck the town of Leeford on Friday, damaging the old cathedral "
        "and injuring 14 people, officials said.",
    }
    # Words that ask, which other stories write: "bad", "compared", "date".
    weather = {
        "id": "weather",
        "published": "2023-03-09",
        "title": "Bad weather closes Dunmore roads",
        "text": "Bad weather closed roads in Dunmore, where snowfall compared with the worst winters on record. "
        "The fair will go ahead at a later date.",
    }
    path = tmp_path / "quake.jsonl"
    path.write_text(json.dumps(quake) + "\n" + json.dumps(weather) + "\n", encoding="utf-8")
    services.ingestor.ingest_paths([str(sample_dir), str(path)])
    answer = services.answers.answer("How many people were injured in Leeford?", date(2023, 3, 11))
    assert not answer.abstained and "injuring 14 people" in answer.text, answer.text
    # A chat probe's "how bad is the flooding in Vermont?" for "bad", and "what is it being
    # compared to?" for "compared": words that ask too.
    # A quiz's "On what date did the 1967 Detroit riot begin?" for "date": articles write the day.
    asking = (
        "How bad was the earthquake in Leeford?",
        "How does the Leeford earthquake compare?",
        "On what date did the earthquake strike Leeford?",
    )
    for asked in asking:
        bad = services.answers.answer(asked, date(2023, 3, 11))
        assert not bad.abstained and "earthquake struck the town of Leeford" in bad.text, (asked, bad.text)
        evidence = services.answers.evidence(services.answers.retrieve(asked, date(2023, 3, 11)))
        assert not {"bad", "compare", "date"} & {*evidence.best_lacks, *evidence.missing_terms}, evidence
    # Nor is the story declined for the empty month before it, which its own day is left out of.
    what = services.answers.answer("What happened in Leeford?", date(2023, 3, 11))
    assert not what.abstained and "earthquake struck the town of Leeford" in what.text, what.text


def test_a_place_swapped_in_a_name_is_declined(services, sample_dir: Path, tmp_path: Path) -> None:
    """A quiz probe's made-up "Which Ohio State football coach was fired this week …?" was answered
    with Michigan State's Mel Tucker: the articles write "State" in "Michigan State", never "Ohio"."""
    story = {
        "id": "tucker",
        "published": "2023-09-27",
        "title": "Michigan State fires football coach Mel Tucker",
        "text": "Michigan State fired football coach Mel Tucker on Wednesday after a sexual harassment "
        "investigation. Michigan State said Tucker had violated his contract. The Spartans' interim coach "
        "is Harlon Barnett.",
    }
    # Ohio State is written elsewhere in the archive: a real name, swapped in.
    ohio = [
        {"id": f"ohio{n}", "published": f"2023-06-{n + 1:02d}", "title": f"Ohio news {n}",
         "text": f"Ohio lawmakers met in Columbus on day {n} to debate the state budget and funds for Ohio State."}
        for n in range(12)
    ]  # fmt: skip
    path = tmp_path / "tucker.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in [story, *ohio]), encoding="utf-8")
    services.ingestor.ingest_paths([str(sample_dir), str(path)])
    swapped = services.answers.answer("Which Ohio State football coach was fired this week?", date(2023, 9, 29))
    assert swapped.abstained, swapped.text
    assert swapped.declined_because == "the articles tell of Michigan State, not Ohio State"
    real = services.answers.answer("Which Michigan State football coach was fired this week?", date(2023, 9, 29))
    assert not real.abstained and "Mel Tucker" in real.text, real.text


class _AnswersAll:
    def decide(self, evidence: object) -> Decision:
        return Decision(False, 1.0, None)


def test_read_on_past_a_named_year_the_reporting_must_name_it_whatever_the_model(
    isolated_state, monkeypatch, tmp_path: Path
) -> None:
    """A probe's "What was the Fed's rate decision in March 2019?" as of June 2023 was answered with
    May 2023's decision: the decline model weighs a missing year, and the rest of the question matched."""
    records = [
        {"id": "may", "published": "2023-05-03", "title": "Fed rate decision: Fed hikes interest rate again",
         "text": "The Fed's rate decision on Wednesday was a quarter-point hike, its tenth interest rate increase."},
        {"id": "march", "published": "2023-03-22", "title": "Fed rate decision: a quarter-point hike in March",
         "text": "The Fed's rate decision in March was a quarter-point interest rate hike despite the bank turmoil."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    # As the whole archive's model did for the probe: this small one's declines on its own.
    monkeypatch.setattr(services.answers, "decline_model", _AnswersAll())
    answer = services.answers.answer("What was the Fed's rate decision in March 2019?", date(2023, 6, 1))
    assert answer.abstained, answer.text
    assert answer.declined_because == "no article found mentions 2019"
    # The same question of March 2023 is answered from the reporting of then.
    this_year = services.answers.answer("What was the Fed's rate decision in March 2023?", date(2023, 6, 1))
    assert not this_year.abstained and this_year.citations[0].article_id == "march", this_year.text


def test_a_long_running_process_loads_the_other_languages_word_lists_at_start() -> None:
    """In a new process (this one may hold them already): before, no list is loaded; once the
    background load is done, English and the six other languages' are."""
    script = (
        "import wordfreq\n"
        "from bot.service import load_word_lists_in_background\n"
        "before = wordfreq.get_frequency_dict.cache_info().currsize\n"
        "load_word_lists_in_background().join()\n"
        "print(before, wordfreq.get_frequency_dict.cache_info().currsize)\n"
    )
    repo = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=repo)
    assert done.stdout.split() == ["0", str(1 + len(OTHER_LANGUAGES))]


def test_a_name_with_a_number_word_is_written_by_its_initials_and_number():
    """A probe's "Max Verstappen won at Monza for a record 10th straight Formula One victory …" was
    declined ("do not mention “Formula One”"): its Monza article writes "F1" only."""
    question = "Max Verstappen won at Monza. How many straight Formula One wins is that?"
    monza = ["Verstappen won his record 10th straight F1 race at Monza on Sunday."]
    assert off_story_names(("Formula One",), question, monza) == ()
    assert off_story_names(("Formula One",), question, ["Verstappen won at Monza in an FO car."]) == ("Formula One",)
    assert off_story_names(("Formula One",), question, ["Verstappen won at Monza, his F12 win."]) == ("Formula One",)


def test_a_peoples_adjective_is_written_by_its_country(services, tmp_path: Path) -> None:
    """A quiz's "Which French player is expected to go No. 1 …?" was declined ("do not mention
    “French”"): its article writes "France's Victor Wembanyama"."""
    question = "Which French player is expected to go No. 1 in the NBA draft?"
    assert off_story_names(("French",), question, ["The top pick will be France's Victor Wembanyama."]) == ()
    assert off_story_names(("French",), question, ["The top pick will be Spain's Juan Nunez."]) == ("French",)
    draft = {
        "id": "draft",
        "published": "2023-05-14",
        "text": "The NBA draft lottery is on Tuesday. The No. 1 pick went to Cleveland in 2003 and 2011, "
        "and both of those players won a title. The lottery decides which team drafts first in June. "
        "Unless there is a trade, the team with the top pick will select France's Victor Wembanyama.",
    }
    other = {"id": "fries", "published": "2023-05-01", "text": "French fries are popular at NBA games this season."}
    _ingest(services, tmp_path, [draft, other])
    answer = services.answers.answer(question, date(2023, 5, 15))
    assert not answer.abstained, answer.text
    assert "Wembanyama" in " ".join(answer.text.split()[:40]), answer.text


def test_initials_stand_for_a_name_of_two_words_only_and_as_a_whole():
    """A probe's made-up "Starbucks announced a line of spiked iced coffees" was answered with
    Dunkin's: "S." of the "U.S." in another article had stood for "Starbucks"."""
    question = "Which brewery is Starbucks partnering with?"
    us_story = ["Sales of spiked coffee rose in the U.S. last year."]
    assert off_story_names(("Starbucks",), question, us_story) == ("Starbucks",)
    assert off_story_names(("Grammy Awards",), question, ["the Notorious B.I.G. was honoured"]) == ("Grammy Awards",)
    assert off_story_names(("United States",), question, us_story) == ()
    assert off_story_names(("United States",), question, ["Sales in the U.S.A. rose."]) == ()


def test_a_number_is_written_only_whole() -> None:
    """A probe's made-up "Ocean Wind 3" was taken as written by every passage dated 2023."""
    wind = _passage("Ocean Wind", "Ocean Wind 1 was approved in 2023 for 1.5 gigawatts.", date(2023, 7, 5))
    evidence = gather_evidence("Who is building Ocean Wind 3?", [wind], False, date(2023, 7, 10), str.split, _idf, 5.0)
    assert evidence.missing_numbers == ("3",)
    for written in ("1", "2023", "1.5"):
        held = gather_evidence(f"Ocean Wind {written}?", [wind], False, date(2023, 7, 10), str.split, _idf, 5.0)
        assert held.missing_numbers == (), written
    assert gather_evidence("Ocean Wind 5?", [wind], False, date(2023, 7, 10), str.split, _idf, 5.0).missing_numbers


def test_initials_are_looked_for_once_each_and_only_as_long_as_news_writes_them(monkeypatch):
    """A Discord probe's "qwzx" typed 190 times took six minutes: every span of the run of 190
    capitalised words was looked for as initials, for each of its 189 names."""
    import bot.decline

    searched: list[str] = []
    real = bot.decline.re

    class Counting:
        def __getattr__(self, name: str):
            return getattr(real, name)

        def search(self, pattern, text, *args):
            searched.append(pattern)
            return real.search(pattern, text, *args)

    monkeypatch.setattr(bot.decline, "re", Counting())
    question = " ".join(["Qwzx"] * 190)
    assert not bot.decline._initials_written("Qwzx Qwzx", question, "Nothing here.")
    assert len(searched) <= bot.decline.MAX_INITIALS, len(searched)
    # Initials are still found: "FTC" for "Federal Trade Commission".
    assert bot.decline._initials_written("Federal Trade", "Did the Federal Trade Commission sue?", "The FTC sued.")


def test_a_name_opening_the_question_weighs_as_a_name_when_the_archive_writes_it_so() -> None:
    # A quiz's made-up "Alaska Airlines said this week it will acquire which airline?" (asked before
    # the deal) was answered with a whisky auction: "Alaska", its first word, went unweighed.
    passage = _passage("Auction", "Another airline sold a bottle of whisky for a record price.", date(2023, 11, 20))
    weights = {"alaska": 4.0, "airlines": 1.0, "acquire": 1.0, "airline": 1.0}

    def evidence(name_word):  # type: ignore[no-untyped-def]
        return gather_evidence(
            "Alaska Airlines acquire airline",
            [passage],
            True,
            date(2023, 11, 25),
            lambda t: [w.lower().removesuffix("s") for w in t.replace("?", " ").split()],
            lambda terms: {t: weights.get(t, 1.0) for t in terms},
            5.0,
            asked="Alaska Airlines said this week it will acquire which airline?",
            name_word=name_word,
        )

    assert evidence(lambda word: word == "Alaska").values["rarest_missing"] == 4.0 / 5.0
    # A first word the archive writes in lower case is none: only "Airlines" (not written so) weighs.
    assert evidence(lambda word: False).values["rarest_missing"] == 1.0 / 5.0
