"""Declining: the fitted model over the sample articles, and the reason it gives."""

from __future__ import annotations

from datetime import date

import pytest

from bot.decline import FEATURES, DeclineModel, default_model, names_no_subject, writes_name, written_names

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
        ("What did Marguerite Vanterpool tell Blinken in Ramallah?", "no article mentions “Marguerite Vanterpool”"),
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
    ],
)
def test_names_as_the_question_writes_them(question: str, pairs: list[str]) -> None:
    assert written_names(question) == pairs


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
        ("Who won?", False),
        ("What happened in 2021?", False),  # a year is something to look for
    ],
)
def test_a_question_for_news_in_general_names_no_subject(question: str, none: bool) -> None:
    assert names_no_subject(question) is none


def test_words_of_two_stories_are_not_one_answer(sample_services) -> None:
    # Shoukry is in one passage and the Sudanese civilians in another: the passage closest to
    # the question lacks its rarest words, so nothing states what Shoukry said about them.
    question = "What did Shoukry say about the Sudanese civilians?"
    found = sample_services.answers.retrieve(question, AS_OF)
    evidence = sample_services.answers.evidence(found)
    assert "civilians" in evidence.best_lacks and evidence.values["best_lacks_rarest"] > 0.5
    answer = sample_services.answers.answer(question, AS_OF)
    assert answer.abstained, answer.text
    assert answer.declined_because == "no passage found mentions “civilians” with the rest of the question"


def test_a_word_no_article_holds_is_not_counted_as_lacking(sample_services) -> None:
    # How rare "travelling" is, an archive of two articles cannot tell: it would weigh as much
    # as an unknown name, and a fair question would be declined.
    found = sample_services.answers.retrieve("Why is Blinken travelling to Egypt?", AS_OF)
    evidence = sample_services.answers.evidence(found)
    assert "travelling" not in evidence.best_lacks and evidence.values["best_lacks_rarest"] == 0.0
