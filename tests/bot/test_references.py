import pytest

from bot.references import LAST, asks_for_more, source_asked


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("tell me more about the second source", 2),
        ("Tell me more about source 2", 2),
        ("[2]", 2),
        ("more about [3]?", 3),
        ("what does source 2 say?", 2),
        ("what does the first article say", 1),
        ("source #4", 4),
        ("can you show me the 2nd link please", 2),
        ("tell me more about the first one", 1),
        ("the last one", LAST),
        # Questions about the news, or no number a source has.
        ("tell me more about the Maui fires", None),
        ("what about the other one", None),
        ("who is the second one", None),
        ("2", None),
        ("source 0", 0),  # a source all the same: "No source [0]" (a probe's was searched)
        ("[0]", 0),
        ("Who won the first round?", None),
        # A review's: a treaty's article is news.
        ("What about Article 5?", None),
        ("tell me more about Article 50", None),
    ],
)
def test_a_source_of_the_last_answer_is_told_from_a_question(text, number):
    assert source_asked(text) == number


@pytest.mark.parametrize(
    ("text", "more"),
    [
        ("more", True),
        ("Tell me more.", True),
        ("go on", True),
        ("more details please", True),
        ("the full article", True),
        ("more on the fire", False),
        ("tell me more about the strike", False),
        ("What more can be done?", False),
    ],
)
def test_more_of_the_last_answer_is_told_from_a_question(text, more):
    assert asks_for_more(text) is more
