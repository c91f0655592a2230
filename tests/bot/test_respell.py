"""A name misspelt by a letter is read as the articles write it, and the answer says so."""

from datetime import date

import pytest

from bot.respell import archive_spellings, respell, respelling_notice
from newsdesk.models import Passage

AS_OF = date(2023, 2, 1)
BOEHEIM = "Syracuse coach Jim Boeheim steps down after his 47th season. President Biden called him."
# Chunks of the archive holding each word: what the keyword index would say.
CHUNKS = {"boeheim": 30, "boheim": 0, "president": 20_000, "presidnet": 8, "vlhova": 6, "vlahova": 100, "syracuse": 90}


def _passage(text: str) -> Passage:
    return Passage("a:h:0", "a", "Boeheim retires", text, date(2023, 3, 8), None, None, 0)


def _chunks(word: str) -> int | None:
    return CHUNKS.get(word.lower(), 0)


@pytest.mark.parametrize(
    ("question", "spellings"),
    [
        ("Why did Jim Boheim retire?", {"Boheim": "Boeheim"}),
        ("why did jim boheim retire?", {"boheim": "boeheim"}),  # as typed: in lower case
        ("Why did Jim Boheim's team lose?", {"Boheim": "Boeheim"}),  # before a possessive
        # A typo the archive holds too (8 chunks), against a word it holds in 20,000.
        ("What did the Presidnet say of Boeheim?", {"Presidnet": "President"}),
        # Spelt right: nothing to read.
        ("Why did Jim Boeheim retire?", {}),
        # The first letter differs: no typo reading ("Coheim" is someone else).
        ("Why did Jim Coheim retire?", {}),
        # A plain English word is never "corrected", nor a short one.
        ("Why did the coach retire after his season?", {}),
        ("Why did Jim Boehm retire?", {}),  # Boehm: two edits away from Boeheim
    ],
)
def test_a_rare_word_one_edit_from_what_the_passages_write_is_read_as_they_write_it(question, spellings):
    assert archive_spellings(question, [_passage(BOEHEIM)], _chunks) == spellings


def test_a_rare_name_is_kept_when_its_neighbour_is_not_far_more_common():
    # "Vlhova" (6 chunks) is a skier; "Vlahova" (100 chunks, written by the passage) is not 20 times more.
    passage = _passage("Dusan Vlahova scored twice.")
    assert archive_spellings("How fast was Vlhova?", [passage], _chunks) == {}
    more_often = {**CHUNKS, "vlahova": 6 * 20}
    assert archive_spellings("How fast was Vlhova?", [passage], lambda w: more_often.get(w.lower(), 0)) == {
        "Vlhova": "Vlahova"
    }


def test_respelling_replaces_whole_words_and_says_so():
    assert respell("Did Boheim's Boheimers win? Boheim said no.", {"Boheim": "Boeheim"}) == (
        "Did Boeheim's Boheimers win? Boeheim said no."
    )
    assert respelling_notice((("Boheim", "Boeheim"),)) == "Read “Boheim” as “Boeheim”, as the articles write it."
    assert respelling_notice(()) is None


@pytest.mark.parametrize(
    ("question", "notice"),
    [
        ("Who did Blinken meet in Ramalah?", "Read “Ramalah” as “Ramallah”, as the articles write it."),
        ("Who did Blinkin meet in Ramallah?", "Read “Blinkin” as “Blinken”, as the articles write it."),
        ("who did blinkin meet in ramallah?", "Read “blinkin” as “blinken”, as the articles write it."),
    ],
)
def test_a_misspelt_name_is_answered_with_a_note(sample_services, question, notice):
    answer = sample_services.answers.answer(question, AS_OF)
    assert not answer.abstained, answer.text
    assert answer.notice == notice
    assert "Mahmoud Abbas" in answer.text


def test_a_question_spelt_right_has_no_note(sample_services):
    answer = sample_services.answers.answer("Who did Blinken meet in Ramallah?", AS_OF)
    assert not answer.abstained and answer.notice is None


def test_an_invented_name_is_still_declined(sample_services):
    answer = sample_services.answers.answer("What did Marguerite Vanterpool tell Blinken in Ramallah?", AS_OF)
    assert answer.abstained and answer.notice is None
    assert answer.declined_because == "no article mentions “Marguerite Vanterpool”"
