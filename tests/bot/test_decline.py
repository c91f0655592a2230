"""Declining: the fitted model over the sample articles, and the reason it gives."""

from __future__ import annotations

from datetime import date

import pytest

from bot.decline import FEATURES, DeclineModel, default_model

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
    ],
)
def test_questions_the_articles_answer_are_answered(sample_services, question: str) -> None:
    answer = sample_services.answers.answer(question, AS_OF)
    assert not answer.abstained and answer.declined_because is None, answer.text


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("What did Marguerite Vanterpool tell Blinken in Ramallah?", "no article mentions “Vanterpool”"),
        ("Who won the men's singles title at Wimbledon in 1950?", "no article"),
        ("How do I reset my router password?", "no article found mentions"),
        # A period after as_of is never searched: that is the reason given.
        (
            "Whom will Blinken meet in Ramallah in March?",
            "“in March” is after 2023-02-01, the day answers are given as of",
        ),
        ("Who will Blinken meet in 2025?", "“in 2025” is after 2023-02-01, the day answers are given as of"),
    ],
)
def test_made_up_questions_are_declined_with_a_reason(sample_services, question: str, reason: str) -> None:
    answer = sample_services.answers.answer(question, AS_OF)
    assert answer.abstained and answer.declined_because is not None, answer.text
    assert answer.declined_because.startswith(reason), answer.declined_because
    assert f": {answer.declined_because}." in answer.text  # the user is told why


def test_the_threshold_is_what_decides(sample_services) -> None:
    found = sample_services.answers.retrieve("Who did Blinken meet in Ramallah?", AS_OF)
    evidence = sample_services.answers.evidence(found)
    model = default_model()
    p = model.probability(evidence)
    assert not DeclineModel(model.intercept, model.weights, p - 0.01).decide(evidence).decline
    assert DeclineModel(model.intercept, model.weights, p + 0.01).decide(evidence).decline
