"""Questions about the archive's coverage are declined, not answered with whatever their words find."""

from datetime import date

import pytest

from bot.coverage import COVERAGE_DECLINED, asks_about_coverage


@pytest.mark.parametrize(
    "question",
    [
        # An editor's: answered with a golf report, and with "… CNN reported".
        "How many times was the debt ceiling mentioned in March?",
        "Which outlet reported most on the Israel-Hamas war?",
        "When did we first report on the Maui wildfires?",
        "Compare how CNN and USA Today covered the FTX collapse",
        "How many articles mentioned the debt ceiling?",
        "how many stories about the strike were there",
        "How often has Maui been in the news?",
        "How many times did the articles mention Biden?",
        "Which newspaper covered it first?",
    ],
)
def test_a_question_about_coverage_is_told_so(question: str) -> None:
    assert asks_about_coverage(question)


@pytest.mark.parametrize(
    "question",
    [
        # The news itself: counts, firsts and outlets of the story, not of the archive.
        "How many times was Trump indicted?",
        "How many stories tall is the tower?",
        "When was the virus first reported?",
        "How many times did Biden mention Trump in his speech?",
        "How many times was Biden mentioned by Trump?",
        "How many people were reported dead?",
        "How many reports of sexual assault were filed?",
        "Which network aired the debate?",
        "Which outlet did Tucker Carlson join?",
        "How many times has Djokovic won Wimbledon?",
    ],
)
def test_a_question_about_the_news_is_not(question: str) -> None:
    assert not asks_about_coverage(question)


def test_a_question_about_coverage_is_declined_with_the_reason(sample_services) -> None:
    answer = sample_services.answers.answer("How many articles mentioned Blinken's trip?", date(2023, 2, 1))
    assert answer.abstained and answer.declined_because == COVERAGE_DECLINED, answer.text
    assert not sample_services.answers.answer("Who did Blinken meet in Ramallah?", date(2023, 2, 1)).abstained
