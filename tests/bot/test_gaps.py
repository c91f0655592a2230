"""Coverage gaps (bot/gaps.py): declined and 👎'd questions grouped by topic, and marked covered after an ingest."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.followup import Turn
from bot.gaps import find_gaps, group_by_topic
from bot.review_log import AskContext, ReviewLog
from bot.service import Services

AS_OF = date(2023, 2, 1)
SUPER_BOWL = ["Who won the Super Bowl?", "What was the Super Bowl score?", "Did the Chiefs win the Super Bowl?"]
PARIS = ["What's the weather in Paris?", "Will it rain in Paris tomorrow?"]
RAMALLAH = "Who did Blinken meet in Ramallah?"
SUPER_BOWL_RESULT = (
    "The Kansas City Chiefs won the Super Bowl on Sunday, beating the Philadelphia Eagles 38-35. "
    "The Chiefs won the Super Bowl with a field goal in the final seconds of the game."
)


@pytest.fixture
def review_log(tmp_path: Path) -> ReviewLog:
    log = ReviewLog(tmp_path / "review.sqlite3")
    yield log
    log.close()


def ask(services: Services, review_log: ReviewLog, question: str, vote: int | None = None) -> int:
    entry_id = review_log.record(services.answers.answer(question, AS_OF), AskContext(user_id=1, user_name="alice"))
    if vote is not None:
        review_log.set_feedback(entry_id, 2, vote)
    return entry_id


def ingest(services: Services, tmp_path: Path, name: str, published: str, text: str) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_text(f"date {published} {text}", encoding="utf-8")
    assert services.ingestor.ingest_paths([str(path)]).added == 1


def questions(group) -> list[str]:
    return [q.question for q in group.questions]


def test_questions_are_grouped_by_topic(services: Services) -> None:
    asked = [
        *SUPER_BOWL,
        "Who won the election in Brazil?",  # "who won", like the Super Bowl questions, but another topic
        *PARIS,
        "Who is the new CEO of Twitter?",
        "Who runs Twitter now?",
        "Who won the game?",
    ]
    groups = group_by_topic(asked, services.answers.embed_model)
    assert [[asked[i] for i in group] for group in groups] == [
        SUPER_BOWL,
        ["Who won the election in Brazil?"],
        PARIS,
        ["Who is the new CEO of Twitter?", "Who runs Twitter now?"],
        ["Who won the game?"],
    ]


def test_declined_and_thumbs_down_questions_make_the_groups(sample_services: Services, review_log: ReviewLog) -> None:
    for question in SUPER_BOWL[:2]:
        ask(sample_services, review_log, question)
    ask(sample_services, review_log, PARIS[0])
    ask(sample_services, review_log, SUPER_BOWL[2])
    ask(sample_services, review_log, RAMALLAH, vote=-1)  # answered, but 👎
    ask(sample_services, review_log, RAMALLAH, vote=1)  # answered and 👍: no gap
    ask(sample_services, review_log, RAMALLAH)  # answered, no vote: no gap

    groups = find_gaps(review_log, sample_services.answers)

    assert [(questions(g), g.covered) for g in groups] == [
        (SUPER_BOWL, False),
        ([PARIS[0]], False),
        # The same answer from the same article again is no better than the one marked 👎.
        ([RAMALLAH], False),
    ]
    data = groups[0].as_json()
    assert data["size"] == 3 and data["covered"] is False
    assert data["questions"][0]["question"] == SUPER_BOWL[0] and data["questions"][0]["as_of"] == "2023-02-01"
    assert data["questions"][0]["asked_at"].startswith(str(date.today().year))


def test_a_group_is_covered_once_its_questions_are_answered(
    sample_services: Services, review_log: ReviewLog, tmp_path: Path
) -> None:
    for question in SUPER_BOWL + PARIS:
        ask(sample_services, review_log, question)
    assert [g.covered for g in find_gaps(review_log, sample_services.answers)] == [False, False]

    ingest(sample_services, tmp_path, "super-bowl", "2023-01-30", SUPER_BOWL_RESULT)
    # Published after the day the Paris questions were asked about: it does not answer them.
    ingest(
        sample_services,
        tmp_path,
        "paris",
        "2023-02-05",
        "Heavy rain is forecast in Paris this week, and the weather in Paris will stay cold and wet.",
    )

    groups = find_gaps(review_log, sample_services.answers)
    assert [(questions(g), g.covered) for g in groups] == [(PARIS, False), (SUPER_BOWL, True)]


def test_a_question_is_asked_again_with_the_outlets_and_dates_it_was_narrowed_to(
    sample_services: Services, review_log: ReviewLog, tmp_path: Path
) -> None:
    answers = sample_services.answers
    narrowed = answers.make_filters(date(2023, 1, 1), None, ["elwin.example"])
    for question in SUPER_BOWL:
        answer = answers.answer(question, AS_OF, filters=narrowed)
        assert answer.abstained, answer.text
        review_log.record(answer, AskContext(user_id=1, user_name="alice"), narrowed)
    ingest(sample_services, tmp_path, "super-bowl", "2023-01-30", SUPER_BOWL_RESULT)
    # The new article is from no outlet the questions were narrowed to: still a gap (a probe's
    # group was "covered now", asked again over every outlet).
    [group] = find_gaps(review_log, answers)
    assert questions(group) == SUPER_BOWL and not group.covered


def test_an_empty_log_has_no_gaps(services: Services, review_log: ReviewLog) -> None:
    assert find_gaps(review_log, services.answers) == []


def test_a_follow_up_is_asked_again_in_its_conversation(sample_services: Services, review_log: ReviewLog) -> None:
    context = AskContext(user_id=1, user_name="alice", thread_id=7)
    review_log.record(sample_services.answers.answer(RAMALLAH, AS_OF), context)
    # Logged as declined, as it is when asked with no conversation: "he" is no one.
    alone = sample_services.answers.answer("What did he say there?", AS_OF)
    assert alone.abstained, alone.text
    review_log.record(alone, context)
    [group] = find_gaps(review_log, sample_services.answers)
    # Asked again after the Ramallah question of its thread, it is answered: covered.
    assert questions(group) == ["What did he say there?"] and group.covered


def test_a_follow_up_is_grouped_with_the_story_it_asked_about(sample_services: Services, review_log: ReviewLog) -> None:
    """'/review gaps' had listed "What did they say about it?" as a topic of its own."""
    for question in SUPER_BOWL[:2]:
        ask(sample_services, review_log, question)
    ask(sample_services, review_log, PARIS[0])
    thread = AskContext(user_id=1, user_name="alice", thread_id=9)
    first = sample_services.answers.answer(SUPER_BOWL[0], AS_OF)
    review_log.record(first, thread)
    history = [Turn(first.question, "")]
    follow_up = sample_services.answers.answer("And who did they beat?", AS_OF, history)
    assert follow_up.abstained, follow_up.text
    review_log.record(follow_up, thread)
    groups = find_gaps(review_log, sample_services.answers)
    assert [questions(g) for g in groups] == [[*SUPER_BOWL[:2], SUPER_BOWL[0], "And who did they beat?"], [PARIS[0]]]


def test_a_question_asked_again_is_listed_once_with_its_count(sample_services: Services, review_log: ReviewLog) -> None:
    """A probe's gaps listed the same Kestrelport question once per ask, "… and 6 more" hiding the rest."""
    from bot.newsroom_cli import gaps_as_text

    for question in ["Who won the Super Bowl?", "who won the super bowl", "Who won the Super Bowl?"]:
        ask(sample_services, review_log, question)
    ask(sample_services, review_log, "What was the Super Bowl score?")
    [group] = find_gaps(review_log, sample_services.answers)
    assert group.size == 4
    assert [(question.question, times) for question, times in group.asked()] == [
        ("What was the Super Bowl score?", 1),
        ("Who won the Super Bowl?", 3),
    ]
    text = gaps_as_text([group])
    assert text.count("Super Bowl score") == 1 and text.count("Who won the Super Bowl?") == 1
    assert "Who won the Super Bowl? (as of 2023-02-01) ×3" in text
