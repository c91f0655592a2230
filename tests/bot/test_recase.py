"""Capitals for questions typed without them (bot/recase.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support.archive import services_holding

from bot.recase import UNKNOWN, american_spelling, recase, typed_without_capitals


@pytest.mark.parametrize(
    ("question", "uncased"),
    [
        ("who killed jenny waterford", True),
        ("Who killed jenny waterford?", True),  # a sentence's first capital tells nothing
        ("what happened? and who is jenny waterford", True),
        ("is jenny waterford real, I wonder", True),  # nor does "I"
        ("Who killed Jenny Waterford?", False),
        ("who killed Jenny waterford", False),
        ("what did the fbi say", True),
        # An acronym is written in capitals whatever the case of the rest: it tells nothing.
        ("what did the FBI say", True),
        ("what did SVB ceo sarah brightwater say before the collapse", True),
        ("WHO WON THE SUPER BOWL", True),
        ("what did the FBI tell Jenny Waterford", False),
        ("what is mcCarthy doing", False),
        ("?!", False),  # no words: nothing to capitalise
        # Title Case, as headlines are written: the capitals tell nothing either (a probe's "Who
        # Won The Super Bowl?" was declined for the name "Won The").
        ("Who Won The Super Bowl?", True),
        ("What Happened To SVB?", True),
        ("Which Bank Collapsed?", True),
        ("Who won the Super Bowl?", False),
        ("Where is Jenny Waterford?", False),
        ("Who Won?", False),  # one word: no telling
        ("Silicon Valley Bank", False),  # a name alone is capitalised anyway
        ("Silicon Valley Bank Collapse", False),
    ],
)
def test_a_question_typed_without_capitals(question: str, uncased: bool) -> None:
    assert typed_without_capitals(question) is uncased


FORMS = {
    "jenny": "Jenny",
    "desantis": "DeSantis",
    "house": "House",
    "ron": "Ron",
    "tillbrook": UNKNOWN,
    "router": UNKNOWN,
    "day": "Day",  # the chunks that use it most are Memorial Day's and Mother's Day's
    "memorial": "Memorial",
    "ok": "OK",  # in headlines' capitals ("… get OK from …")
    "high": "High",  # school names: "Central High School"
    "school": "School",
    "us": "US",
    "fbi": "FBI",
    "la": "La",  # "La Liga", "La Niña"
    "colour": "Colour",  # the UK outlets' headlines
    "color": None,
    "theatre": "Theatre",
    "theater": "Theater",  # a name's word both ways: "Globe Theatre", "Ford's Theater"
}


def _form(word: str) -> str | None:
    return FORMS.get(word)


@pytest.mark.parametrize(
    ("question", "recased"),
    [
        ("who is ron desantis?", "who is Ron DeSantis?"),
        ("who killed jenny waterford", "who killed Jenny waterford"),  # written in lower case, say
        # No article holds "tillbrook" or "router": the first is rare in English, a name; the
        # second is a plain word that a small archive lacks.
        ("what happened to ron tillbrook", "what happened to Ron Tillbrook"),
        ("what happened to tillbrook", "what happened to Tillbrook"),
        ("how do i reset my router", "how do i reset my router"),
        ("who is the speaker of the house", "who is the speaker of the House"),
        ("did 2 jenny fans go", "did 2 Jenny fans go"),  # numbers and stop words stay
        ("jenny's house", "Jenny's House"),
        ("jenny’s house", "Jenny’s House"),
        ("Who Killed Jenny Waterford?", "who killed Jenny waterford?"),  # Title Case: as if in lower case
        ("What Did The FBI Tell Ron DeSantis?", "what did the FBI tell Ron DeSantis?"),  # but for acronyms
        # Words of time stay as typed: a chat's "the day after" had named "Day" as its story.
        ("and what about the day after?", "and what about the day after?"),
        # But for one right after a name's word (a review's "who is jenny day" had lost "Day").
        ("what happened on memorial day", "what happened on Memorial Day"),
        ("What Happened On Memorial Day?", "what happened on Memorial Day?"),
        ("who is jenny day", "who is Jenny Day"),
        ("what did jenny say the day after", "what did Jenny say the day after"),
        # What is said, not named: a chat probe's "is he ok now?" made "OK" the story's subject.
        ("is jenny ok now?", "is Jenny ok now?"),
        # A phrase of English's commonest words is no name, written with capitals in the chunks
        # that hold it most or not (a chat probe's follow-ups were read "about High School").
        ("what sport did he play in high school", "what sport did he play in high school"),
        ("what did jenny play in high school", "what did Jenny play in high school"),
        ("what did the us house vote on", "what did the US House vote on"),  # an acronym: a name (a review's)
        # In capitals: as if in lower case, acronyms too (an editor's "WHO WON THE MASTERS?").
        ("WHO KILLED JENNY WATERFORD?", "who killed Jenny waterford?"),
        ("WHAT DID THE FBI TELL RON DESANTIS?", "what did the FBI tell Ron DeSantis?"),
        # But for what lower case loses: a month's "May", and acronyms that are stop words (a review's).
        ("WHO MAY RUN IN MAY?", "who may run in May?"),
        ("WHAT HAPPENED ON MAY 5?", "what happened on May 5?"),
        ("WHAT ABOUT THE US OPEN?", "what about the US open?"),
        # An acronym stays as typed: a chat's "LA" had become "La", and its follow-up was declined
        # as no article mentioning "La".
        ("why is the 10 freeway in LA closed", "why is the 10 freeway in LA closed"),
        ("why is the 10 freeway in la closed", "why is the 10 freeway in La closed"),
        # A British spelling of a word the archive writes in lower case is none (a chat's "of
        # colour" had been declined as no article mentioning "Colour").
        ("who was the first woman of colour to win", "who was the first woman of colour to win"),
        ("who owns the globe theatre", "who owns the globe Theatre"),
        ("ما هي الأخبار عن بلينكن؟", "ما هي الأخبار عن بلينكن؟"),  # a script without case: as typed
    ],
)
def test_each_word_is_written_as_the_archive_writes_it(question: str, recased: str) -> None:
    assert recase(question, _form) == recased


def test_a_contraction_typed_without_its_apostrophe_is_no_name() -> None:
    # No article holds "whos", and it is rare in English: a probe's "sudan war whos fighting" was
    # declined for the name "Whos".
    assert recase("sudan war whos fighting", lambda word: UNKNOWN) == "sudan war whos fighting"
    assert recase("sudan war tillbrook fighting", lambda word: UNKNOWN) == "sudan war Tillbrook fighting"
    # Nor a typo of a common word: a chat probe's "how mnay stamps are they printing" made "Mnay"
    # the story's name, and its next follow-ups were declined as no article mentioning it.
    assert recase("how mnay stamps are they printing", lambda word: UNKNOWN) == "how mnay stamps are they printing"


def test_a_question_typed_in_capitals_is_answered_as_in_lower_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor's "WHO WON THE MASTERS?" was declined: no article mentions “WON”."""
    records = [
        {
            "id": "masters",
            "published": "2023-04-09",
            "title": "Jon Rahm wins the Masters",
            "source": "golf.example",
            "text": "Jon Rahm won the Masters on Sunday, beating Brooks Koepka by four strokes at Augusta National.",
        },
        {
            "id": "ferry",
            "published": "2023-04-08",
            "title": "Ferry adds a sailing",
            "source": "town.example",
            "text": "The Port Elwin ferry service added a late sailing on Saturday.",
        },
    ]
    records.append(
        {
            "id": "leagues",
            "published": "2023-04-07",
            "title": "NFL and NBA",
            "source": "sport.example",
            "text": "The NFL and the NBA both set records. NFL owners met NBA owners. The NFL said the NBA agreed.",
        }
    )
    services = services_holding(records, tmp_path, monkeypatch)
    # Acronyms alone stay in capitals, recased or not: read as typed, and no loop (a review's).
    assert not services.answers.answer("NFL NBA?", date(2023, 4, 12)).abstained
    typed = services.answers.answer("WHO WON THE MASTERS?", date(2023, 4, 12))
    lower = services.answers.answer("who won the masters?", date(2023, 4, 12))
    assert not typed.abstained, typed.declined_because
    assert typed.text == lower.text and "Jon Rahm" in typed.text
    assert typed.question == "WHO WON THE MASTERS?"  # shown as typed


@pytest.mark.parametrize(
    ("word", "american"),
    [
        ("colour", "color"),
        ("favourite", "favorite"),
        # Words of names as often: "Centre Court", "Labour" (a review's).
        ("centre", None),
        ("labour", None),
        ("organised", "organized"),
        ("catalogue", "catalog"),
        ("programmes", "programs"),
        # Words that only look British: no American form of them.
        ("four", None),
        ("hours", None),
        ("fence", None),
        ("advise", None),
        ("massacre", None),
        ("devour", None),
        ("tillbrook", None),
    ],
)
def test_a_british_spelling_has_its_american_form(word: str, american: str | None) -> None:
    assert american_spelling(word) == american
