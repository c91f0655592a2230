"""Who holds a post now is answered from the newest article that names the holder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support.archive import services_holding

from bot.answer import without_now
from bot.followup import Turn
from bot.holders import asks_for_holder, holder_mentions, role_asked


@pytest.mark.parametrize(
    ("question", "forms"),
    [
        ("Who is the speaker of the House?", ("speaker of the House", "speaker of House", "House speaker")),
        ("Who is the new House speaker?", ("House speaker", "speaker of the House", "speaker of House")),
        ("who's the UK prime minister now", ("UK prime minister", "prime minister of the UK", "prime minister of UK")),
        ("Who is OpenAI's interim CEO?", ("OpenAI CEO", "CEO of the OpenAI", "CEO of OpenAI")),
        ("Who is the Chiefs head coach?", ("Chiefs head coach", "head coach of the Chiefs", "head coach of Chiefs")),
        ("Who is the president?", None),  # of what is the archive's guess, not the asker's
        # A post news writes short before a name: "Hawaii Gov. Josh Green" (a chat probe's).
        (
            "Who is the governor of Hawaii?",
            ("governor of the Hawaii", "governor of Hawaii", "Hawaii governor", "Hawaii Gov."),
        ),
        # A probe's "who is the speaker now" was declined as general knowledge: in the news, the House's.
        ("who is the speaker now", ("House speaker", "speaker of the House")),
        ("Who is the new Speaker?", ("House Speaker", "Speaker of the House")),
        ("Who is the CEO who resigned?", None),  # an event's, not the post's
        ("Who is the man who shot him?", None),
        ("Who is Taylor Swift dating?", None),
        ("Who was the speaker of the House in 2019?", None),  # the past: no "is"
    ],
)
def test_the_post_a_question_asks_the_holder_of(question: str, forms: tuple[str, ...] | None) -> None:
    role = role_asked(question)
    assert (role.forms if role else None) == forms


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("House Speaker Mike Johnson, R-La., said on Tuesday.", ["Mike Johnson"]),
        ("U.S. House Speaker Kevin McCarthy said.", ["Kevin McCarthy"]),
        ("and house speaker Nancy Pelosi went", ["Nancy Pelosi"]),
        # Who held it, and the same post of something else.
        ("Former House Speaker Kevin McCarthy said.", []),
        ("For instance, former Democratic House Speaker Tip O’Neill was a punching bag.", []),
        ("Ohio House Speaker Jason Stephens said the budget passed.", []),
        ("Then House Speaker Nancy Pelosi went.", []),
        # No name after the post.
        ("Rep. Patrick McHenry was chosen to be acting House speaker from that list.", []),
        # A sentence telling of the post changing hands.
        ("Hardliners ousted House Speaker Kevin McCarthy on Tuesday.", []),
        ("The board initially named OpenAI CEO Mira Murati on Friday.", []),
    ],
)
def test_the_names_an_article_writes_as_the_holder(text: str, names: list[str]) -> None:
    role = role_asked("Who is the speaker of the House?")
    assert role is not None
    assert [name for name, _ in holder_mentions(text, role)] == names


def test_the_newest_holder_named_in_passing_leads_the_answer(isolated_state, monkeypatch, tmp_path: Path):
    """A probe's "Who is the speaker of the House?" as of Nov 30 was answered with October's
    stories of the vacancy, while a Nov 29 story named "House Speaker Mike Johnson" in passing."""
    records = [
        {"id": "vacancy", "published": "2023-10-10", "title": "Who will be the new speaker of the House?",
         "text": "Despite the House being without a speaker, Republicans scramble to find a new speaker of the "
                 "House after the ouster of former Speaker Kevin McCarthy. Candidates for House speaker will "
                 "make their pitches to fellow lawmakers on Tuesday night."},
        {"id": "santos", "published": "2023-11-29", "title": "House to vote on expelling George Santos",
         "text": "House Speaker Mike Johnson, R-La., has been staying in touch with Santos. The vote on "
                 "expelling the New York Republican is set for Friday."},
        {"id": "shutdown", "published": "2023-09-20", "title": "Shutdown looms",
         "text": "House Speaker Kevin McCarthy said a shutdown could still be avoided this weekend."},
        {"id": "ohio", "published": "2023-11-30", "title": "Ohio budget passes",
         "text": "Ohio House Speaker Jason Stephens said the state budget passed after a long debate."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    answer = services.answers.answer("Who is the speaker of the House?", date(2023, 11, 30))
    assert not answer.abstained, answer.text
    assert answer.text.startswith("“House Speaker Mike Johnson, R-La., has been staying in touch with Santos.” [1]")
    assert answer.citations[0].article_id == "santos"
    # Before that story, the holder last named is from before the vacancy (a review's): the
    # vacancy's story answers, as before.
    earlier = services.answers.answer("Who is the speaker of the House?", date(2023, 11, 1))
    assert "santos" not in [c.article_id for c in earlier.citations]
    assert earlier.citations and earlier.citations[0].article_id == "vacancy", earlier.text
    # Asked years after the archive's last article, with no as-of day, the holder is still the one
    # its last month names: a probe's had found no holder in the year before today.
    today = services.answers.answer("Who is the speaker of the House?", date(2026, 12, 4))
    assert today.citations and today.citations[0].article_id == "santos", today.text


def test_a_post_asked_of_in_a_conversation_is_a_question_of_its_own(isolated_state, monkeypatch, tmp_path: Path):
    """A chat probe's "who is the governor of Hawaii?" after questions on the Maui fire was read
    as a follow-up about Maui, and quoted a golfer's pledge to the relief effort."""
    records = [
        {"id": "fire", "published": "2023-08-10", "title": "Maui fire kills dozens",
         "text": "A wildfire on Maui destroyed the town of Lahaina, Hawaii, on Tuesday. Golfer Kai Morita "
                 "pledged to donate to the Maui relief effort for each birdie he makes in Hawaii."},
        {"id": "toll", "published": "2023-08-15", "title": "Lahaina toll rises",
         "text": "The death toll from the Lahaina fire rose to 99, Hawaii Gov. Josh Green said on Monday. "
                 "The state's governor asked for federal aid for Maui."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    fire = services.answers.answer("What happened on Maui?", date(2023, 8, 20))
    history = [Turn(fire.question, fire.text)]
    answer = services.answers.answer("Who is the governor of Hawaii?", date(2023, 8, 20), history)
    alone = services.answers.answer("Who is the governor of Hawaii?", date(2023, 8, 20))
    typed = services.answers.answer("who is the governor of hawaii?", date(2023, 8, 20), history)
    assert "Josh Green" in typed.text.split("” [")[0], typed.text  # typed without capitals (a review's)
    assert "Josh Green" in alone.text.split("” [")[0], alone.text
    assert answer.text == alone.text
    # One pointing back at the story is its follow-up still (a review's).
    of_the_state = services.answers.answer("Who is the governor of the state?", date(2023, 8, 20), history)
    assert of_the_state.notice is not None and "follow-up" in of_the_state.notice, of_the_state.notice
    assert answer.notice is None or "follow-up" not in answer.notice


def test_who_came_after_someone_in_a_post_is_its_holder_since_not_them(isolated_state, monkeypatch, tmp_path: Path):
    """A probe's "Who replaced Kevin McCarthy as speaker?" quoted McCarthy's nomination in January
    and never named Mike Johnson, whom "Who is the speaker of the House?" found."""
    records = [
        {"id": "nomination", "published": "2023-01-04", "title": "McCarthy nominated for speaker",
         "text": "Rep. Warren Davidson nominated Rep. Kevin McCarthy for speaker of the House again on Wednesday."},
        {"id": "santos", "published": "2023-11-29", "title": "House to vote on expelling George Santos",
         "text": "House Speaker Mike Johnson, R-La., has been staying in touch with Santos."},
        {"id": "shutdown", "published": "2023-12-01", "title": "Shutdown talks",
         "text": "Former House Speaker Kevin McCarthy said a shutdown could still be avoided."},
    ]  # fmt: skip
    role = role_asked("Who replaced Kevin McCarthy as speaker?")
    assert role is not None and (role.post, role.of, role.replaced) == ("speaker", "House", "Kevin McCarthy")
    assert holder_mentions("House Speaker Kevin McCarthy said so.", role) == []
    assert holder_mentions("House Speaker Mike Johnson said so.", role) == [("Mike Johnson", 0)]
    services = services_holding(records, tmp_path, monkeypatch)
    answer = services.answers.answer("Who replaced Kevin McCarthy as speaker?", date(2023, 12, 5))
    assert answer.citations and answer.citations[0].article_id == "santos", answer.text


def test_a_holder_named_only_in_a_links_line_is_passed_over(isolated_state, monkeypatch, tmp_path: Path):
    """A probe's "Who is the speaker of the House?" as of Mar 1 quoted a year-old "House Speaker
    Nancy Pelosi named seven members …": the newest passage naming the holder did so only in a
    link's line ("More:House Speaker Kevin McCarthy to visit Arizona border"), which no answer quotes."""
    records = [
        {"id": "links", "published": "2023-02-16", "title": "George Santos faces a complaint",
         "text": "The complaint was filed on Wednesday.\n\nMore:House Speaker Valmor Okafor to visit Arizona border\n\n"
                 "FEC complaint: George Santos faces new questions"},
        {"id": "budget", "published": "2023-02-08", "title": "Debt limit talks",
         "text": "House Speaker Valmor Okafor met the president on Wednesday to talk about the debt limit."},
        {"id": "old", "published": "2022-03-01", "title": "Who is the speaker of the House?",
         "text": "House Speaker Nancy Pelosi, the speaker of the House, named seven members of the House to "
                 "the escort committee."},
    ]  # fmt: skip
    # Two passages: the holder's and the best of the others, Pelosi's.
    services = services_holding(records, tmp_path, monkeypatch, top_k=2)
    answer = services.answers.answer("Who is the speaker of the House?", date(2023, 3, 1))
    assert not answer.abstained, answer.text
    assert answer.text.startswith("“House Speaker Valmor Okafor met the president on Wednesday"), answer.text


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Who is the current speaker?", True),  # a post, of no body named
        ("Who is the new CEO of OpenAI?", True),
        # A second review's: no post, so the latest month is read as for any "now" question.
        ("Who is currently leading in the polls?", False),
        ("Who is currently winning the war in Ukraine?", False),
    ],
)
def test_a_question_asks_for_a_posts_holder(question: str, asks: bool) -> None:
    assert asks_for_holder(question) is asks


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("Who is the Speaker of the House now?", "Who is the Speaker of the House?"),
        ("who is the speaker of the house right now", "who is the speaker of the house"),
        ("Who is currently the UK prime minister?", "Who is the UK prime minister?"),
        ("Who is the speaker of the House?", "Who is the speaker of the House?"),
        ("Who knows the speaker?", "Who knows the speaker?"),  # "knows" is no "now"
    ],
)
def test_a_holder_asked_of_now_is_searched_without_it(question: str, searched: str) -> None:
    """A probe's "Who is the Speaker of the House now?" as of Oct 28 found, for its "now", no story
    of the ouster and led with May's "House Speaker Kevin McCarthy" (bench/README.md)."""
    assert without_now(question) == searched
