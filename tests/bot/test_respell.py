"""A name misspelt by a letter is read as the articles write it, and the answer says so."""

import json
from datetime import date

import pytest

from bot.followup import Turn
from bot.respell import always_casual, archive_spellings, casual_word, respell, respelling_notice
from newsdesk.models import Passage

AS_OF = date(2023, 2, 1)
BOEHEIM = (
    "Syracuse coach Jim Boeheim steps down after his 47th season. President Biden called him. "
    "The fraud case at the state fair went on."
)
# Chunks of the archive holding each word: what the keyword index would say.
CHUNKS = {
    "boeheim": 30,
    "boheim": 0,
    "president": 20_000,
    "presidnet": 8,
    "vlhova": 6,
    "vlahova": 100,
    "syracuse": 90,
    "freud": 2,
    "fraud": 900,
    "stale": 3,
    "state": 30_000,
    "macron": 150,
    "turner": 220,
    "tuner": 12,
    "coffey": 4,
    "coffee": 300,
    "netanyahu": 900,
    "netanyahoo": 0,
    "superbowl": 0,
    "super": 4_000,
    "bowl": 2_500,
    "superb": 60,
    "owl": 30,
    "heatwave": 40,
    "heat": 3_000,
    "wave": 1_500,
}


def _passage(text: str) -> Passage:
    return Passage("a:h:0", "a", "Boeheim retires", text, date(2023, 3, 8), None, None, 0)


def _chunks(word: str) -> int | None:
    return CHUNKS.get(word.lower(), 0)


@pytest.mark.parametrize(
    ("question", "spellings"),
    [
        ("Why did Jim Boheim retire?", {"Boheim": "Boeheim"}),
        ("why did jim boheim retire?", {"boheim": "Boeheim"}),  # told as the articles write it
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
        # A name is read as a name, never as a plain word the passages write ("fraud").
        ("Was Freud accused of fraud?", {}),
        # A word English uses is no typo, though a passage writes one a letter away ("state").
        ("Is the stale bread at the state fair safe?", {}),
        # Typed twice in two cases: one reading.
        ("Did Boheim retire, and why did boheim go?", {"Boheim": "Boeheim"}),
    ],
)
def test_a_rare_word_one_edit_from_what_the_passages_write_is_read_as_they_write_it(question, spellings):
    assert archive_spellings(question, [_passage(BOEHEIM)], _chunks) == spellings


@pytest.mark.parametrize(
    ("question", "texts", "spellings"),
    [
        # A probe's "who was on board the titan sub" was declined: its passage wrote "submersible".
        ("who was on board the titan sub", ["The Titan submersible carried five men."], {"sub": "submersible"}),
        ("what did the govt say", ["The government said no.", "A sub sandwich."], {"govt": "government"}),
        # Written as typed more than in full, or part of a longer word, or a name: left alone.
        ("where did the sub go", ["The sub sank.", "A sub was seen.", "The submarine sank."], {}),
        ("what happened in sub-saharan africa", ["The submarine sank off sub-Saharan Africa."], {}),
        ("What did Sub Pop release?", ["The submarine sank."], {}),
    ],
)
def test_a_word_cut_short_is_read_in_full_where_the_passages_write_it_so(question, texts, spellings):
    assert archive_spellings(question, [_passage(text) for text in texts], _chunks) == spellings


def test_a_long_name_may_be_two_edits_off():
    # "netanyahoo" was declined: "no article mentions “Netanyahoo”" (a probe).
    passage = _passage("Israeli Prime Minister Benjamin Netanyahu said Israel is at war.")
    assert archive_spellings("what did netanyahoo say", [passage], _chunks) == {"netanyahoo": "Netanyahu"}
    # Three edits are too many; a shorter word two edits away is left alone ("Boehm", above), and
    # so is a plain word, which is mostly another form of it (an off-topic question was answered).
    assert archive_spellings("what did Natanyaoo say", [passage], _chunks) == {}
    cell = _passage("It reverses mitochondrial dysfunction.")
    assert (
        archive_spellings("What does a mitochondrion do?", [cell], lambda word: 0 if word == "mitochondrion" else 50)
        == {}
    )


@pytest.mark.parametrize(
    ("question", "text", "spellings"),
    [
        # "no article mentions “Turkiye Syria”", and the closest articles were the quake's (a probe).
        ("how many died in the turkiye syria earthquake", "TURKEY: Turkey and Syria quake", {"turkiye": "Turkey"}),
        ("How many died in the Türkiye earthquake?", "The Turkey earthquake", {"Türkiye": "Turkey"}),
        ("What did Turkey say?", "Türkiye said so.", {"Turkey": "Türkiye"}),
        ("What happened in Kiev?", "Russian missiles hit Kyiv.", {"Kiev": "Kyiv"}),
        ("What happened in Kyiv?", "Russian missiles hit Kyiv.", {}),  # written as typed
    ],
)
def test_a_place_is_read_by_the_other_name_the_passages_write(question, text, spellings):
    assert archive_spellings(question, [_passage(text)], _chunks) == spellings


@pytest.mark.parametrize(
    ("question", "text", "spellings"),
    [
        # A probe's "Which club did Jose Nunez sign with?" was declined: "no article mentions".
        (
            "Which club did Jose Nunez sign with?",
            "José Núñez signed with Malmö FF.",
            {"Jose": "José", "Nunez": "Núñez"},
        ),
        ("which club did jose nunez sign with", "José Núñez signed with Malmö FF.", {"nunez": "Núñez"}),
        ("Where did Núñez sign?", "José Núñez signed with Malmö FF.", {}),  # written as typed
        ("Did she resume work?", "Her résumé was read.", {}),  # a word English uses
    ],
)
def test_a_name_typed_without_its_accents_is_read_as_the_passages_write_it(question, text, spellings):
    assert archive_spellings(question, [_passage(text)], _chunks) == spellings


def test_a_rare_name_is_kept_when_its_neighbour_is_not_far_more_common():
    # "Vlhova" (6 chunks) is a skier; "Vlahova" (100 chunks, written by the passage) is not 20 times more.
    passage = _passage("Dusan Vlahova scored twice.")
    assert archive_spellings("How fast was Vlhova?", [passage], _chunks) == {}
    more_often = {**CHUNKS, "vlahova": 6 * 20}
    assert archive_spellings("How fast was Vlhova?", [passage], lambda w: more_often.get(w.lower(), 0)) == {
        "Vlhova": "Vlahova"
    }


def test_a_name_the_passages_lack_is_looked_for_in_the_archive():
    # "macorn" as the question's one subject finds no story about Macron: the chunks with a word a
    # letter away (the keyword index's fuzzy search) do.
    elsewhere = [_passage("President Emmanuel Macron said France would not follow.")]
    assert archive_spellings("what did macorn say about china", [], _chunks, lambda word: elsewhere) == {
        "macorn": "Macron"
    }


def test_a_word_in_a_name_the_archive_writes_is_no_typo():
    passage = _passage("Coffee prices rose again.")
    question = "What did Therese Coffey say about infertility?"
    assert archive_spellings(question, [passage], _chunks) == {"Coffey": "Coffee"}
    assert archive_spellings(question, [passage], _chunks, written_anywhere=lambda name: name == "Therese Coffey") == {}


def test_two_words_typed_as_one_are_read_apart_when_an_article_writes_them_so():
    # "superbowl" is common enough in English to pass for a word; the archive holds it nowhere.
    writes = {"super bowl"}.__contains__
    assert archive_spellings("who won the superbowl", [], _chunks, written_anywhere=writes) == {
        "superbowl": "super bowl"
    }
    assert archive_spellings("Who won the Superbowl?", [], _chunks, written_anywhere=writes) == {
        "Superbowl": "Super Bowl"
    }
    # Not where no article writes the two side by side ("superb owl"), nor for a word the archive
    # holds often as typed (40 chunks of "heatwave").
    assert archive_spellings("who won the superbowl", [], _chunks) == {}
    assert archive_spellings("heatwave in europe", [], _chunks, written_anywhere=lambda n: n == "heat wave") == {}


def test_a_name_s_word_that_is_a_word_in_its_own_right_is_read_by_the_name_s_other_word():
    passage = _passage("Tina Turner, the queen of rock 'n' roll, has died at 83. Super Bowl tickets sold out.")
    assert archive_spellings("how old was tina tuner when she died", [passage], _chunks) == {"tuner": "Turner"}
    # The first word misspelt, read by the second (the pairs are looked up by either word).
    assert archive_spellings("how old was tuna turner when she died", [passage], _chunks) == {"tuna": "Tina"}
    # Unless the archive writes the name as typed: then it is someone else.
    assert archive_spellings("how old was tina tuner", [passage], _chunks, written_anywhere=lambda n: True) == {}
    # A plural the search reads as the same word is no misspelling.
    assert archive_spellings("Who won the Super Bowls?", [passage], _chunks) == {"Bowls": "Bowl"}
    same = lambda a, b: a.lower().rstrip("s") == b.lower().rstrip("s")  # noqa: E731
    assert archive_spellings("Who won the Super Bowls?", [passage], _chunks, same_term=same) == {}


@pytest.mark.parametrize("first", ["Tina Toner", "Tina Turner"])
def test_of_two_spellings_on_offer_the_best_ranked_passage_s_is_read(first):
    """Not whichever a set happened to hold last, which changed with the hash seed."""
    other = "Tina Turner" if first == "Tina Toner" else "Tina Toner"
    passages = [_passage(f"{first} sang on Sunday."), _passage(f"{other} sang on Monday.")]
    assert archive_spellings("when did tina tuner sing", passages, _chunks) == {"tuner": first.split()[1]}


def test_a_four_letter_word_is_read_by_the_name_s_other_word_only():
    passage = _passage("Jon Rahm won the Masters on Sunday.")
    assert archive_spellings("Who is Jon Rham?", [passage], _chunks) == {"Rham": "Rahm"}
    # Alone, four letters are a letter away from too many words to guess at.
    assert archive_spellings("Who is Rham?", [passage], _chunks) == {}


def test_respelling_replaces_whole_words_in_any_case_and_says_so():
    assert respell("Did Boheim's Boheimers win? Boheim said no.", {"Boheim": "Boeheim"}) == (
        "Did Boeheim's Boheimers win? Boeheim said no."
    )
    # As typed: a question without capitals stays without them (bot/recase.py reads its names).
    assert respell("did boheim or Boheim retire", {"Boheim": "Boeheim"}) == "did boeheim or Boeheim retire"
    assert respelling_notice((("Boheim", "Boeheim"),)) == "Read “Boheim” as “Boeheim”, as the articles write it."
    assert respelling_notice(()) is None


@pytest.mark.parametrize(
    ("question", "notice"),
    [
        ("Who did Blinken meet in Ramalah?", "Read “Ramalah” as “Ramallah”, as the articles write it."),
        ("Who did Blinkin meet in Ramallah?", "Read “Blinkin” as “Blinken”, as the articles write it."),
        ("who did blinkin meet in ramallah?", "Read “blinkin” as “Blinken”, as the articles write it."),
    ],
)
def test_a_misspelt_name_is_answered_with_a_note(sample_services, question, notice):
    answer = sample_services.answers.answer(question, AS_OF)
    assert not answer.abstained, answer.text
    assert answer.notice == notice
    assert "Mahmoud Abbas" in answer.text


def test_the_answer_keeps_the_question_as_typed_and_a_follow_up_is_not_told_again(sample_services):
    answers = sample_services.answers
    first = answers.answer("Who did Blinkin meet in Ramallah?", AS_OF)
    assert first.question == "Who did Blinkin meet in Ramallah?"  # the review log keeps what was typed
    # The follow-up carries "Blinkin" over from the first question: it is read again, not told again.
    follow_up = answers.answer("What did he discuss there?", AS_OF, history=[Turn(first.question, first.text)])
    assert not follow_up.abstained and follow_up.notice == "Read as a follow-up about Blinken, Ramallah."


def test_a_misspelt_word_of_a_follow_up_is_no_new_subject_of_the_conversation(sample_services):
    # A probe's "why it colapse" after a question on Silicon Valley Bank: "Colapse", no word of any
    # article, was taken for a name, so "it" pointed at nothing, and every later turn was declined
    # as about "Colapse".
    answers = sample_services.answers
    first = answers.answer("who did blinken meet in ramallah", AS_OF)
    assert not first.abstained, first.text
    history = [Turn(first.question, first.text)]
    second = answers.answer("what did he say about the tensons", AS_OF, history=history)
    assert not second.abstained, second.text
    assert second.notice == (
        "Read “tensons” as “tensions”, as the articles write it. Read as a follow-up about Blinken, Ramallah."
    )
    history.append(Turn(second.question, second.text))
    third = answers.answer("who else did he meet", AS_OF, history=history)
    assert not third.abstained and third.notice == "Read as a follow-up about Blinken, Ramallah.", third.text


def test_a_question_in_another_language_is_no_part_of_the_conversation(sample_services):
    answers = sample_services.answers
    french = answers.answer("qui a rencontré le président palestinien à ramallah", AS_OF)
    assert french.abstained
    # Its words had been carried on as names no article writes ("Rencontré").
    answer = answers.answer("2023-01-31", AS_OF, history=[Turn(french.question, french.text)])
    assert not answer.abstained and "Blinken" in answer.text, answer.text


def test_a_question_spelt_right_has_no_note(sample_services):
    answer = sample_services.answers.answer("Who did Blinken meet in Ramallah?", AS_OF)
    assert not answer.abstained and answer.notice is None


def test_an_invented_name_is_still_declined(sample_services):
    answer = sample_services.answers.answer("What did Marguerite Vanterpool tell Blinken in Ramallah?", AS_OF)
    assert answer.abstained and answer.notice is None
    assert answer.declined_because == "no article mentions “Marguerite Vanterpool”"


@pytest.mark.parametrize(
    ("question", "text", "spellings"),
    [
        # A word English uses (no typo), spelt the way the passages do not.
        (
            "What did the Indian Space Research Organisation say?",
            "The Indian Space Research Organization said the launch went well.",
            {"Organisation": "Organization"},
        ),
        ("Which theater hosted the gala?", "The gala was held at the National Theatre.", {"theater": "Theatre"}),
        # In the typed word's case when the passages write it so; one reading of a word typed twice.
        (
            "Which theater hosted the Theater awards?",
            "The National Theatre hosted the theatre awards.",
            {"theater": "theatre"},
        ),
        # The passages write it as typed too: nothing to read.
        (
            "What did the Indian Space Research Organisation say?",
            "The Indian Space Research Organisation (ISRO), or Organization, said so.",
            {},
        ),
        ("What did the Labour Party promise?", "The Labour Party promised to build homes.", {}),
        # A capitalised word is read as a name only: "Centre" is not a story's "center".
        ("What did the Centre Party promise?", "The center of the city was closed.", {}),
    ],
)
def test_a_word_spelt_the_other_side_of_the_atlantic_is_read_as_the_passages_spell_it(question, text, spellings):
    assert archive_spellings(question, [_passage(text)], _chunks) == spellings


def test_turkiye_and_a_name_two_edits_off_are_answered_from_the_articles_that_write_them_otherwise(services, tmp_path):
    rows = [
        {
            "id": "quake",
            "title": "Earthquake in Turkey and Syria",
            "published": "2023-02-10",
            "text": "More than 19,300 people have been confirmed dead in Turkey and Syria after Monday's earthquake. "
            "Israeli Prime Minister Benjamin Netanyahu said Israel would send a rescue team.",
        },
        {
            "id": "rain",
            "title": "Monsoon rains",
            "published": "2023-02-09",
            "text": "Heavy monsoon rains flooded parts of Delhi on Thursday.",
        },
    ]
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    services.ingestor.ingest_paths([str(path)])
    answer = services.answers.answer("How many people died in the Türkiye earthquake?", date(2023, 2, 11))
    assert not answer.abstained and "19,300" in answer.text, answer.text
    assert answer.notice == "Read “Türkiye” as “Turkey”, as the articles write it."
    answer = services.answers.answer("What did Netanyahoo say about the earthquake?", date(2023, 2, 11))
    assert not answer.abstained and "rescue team" in answer.text, answer.text
    assert answer.notice == "Read “Netanyahoo” as “Netanyahu”, as the articles write it."


def test_two_words_typed_as_one_are_answered_from_the_articles_that_write_them_apart(services, tmp_path):
    # Twenty articles write each half, as a real archive does (one more chunk than the typed word's,
    # none, would prove nothing), on the days before, which a real archive covers.
    rows = [
        {"id": "result", "title": "Chiefs win the Super Bowl", "published": "2023-02-13",
         "text": "The Kansas City Chiefs won the Super Bowl on Sunday, beating the Philadelphia Eagles 38-35."},
        *({"id": f"storm{i}", "title": f"Storm {i}", "published": f"2023-01-{10 + i}",
           "text": f"Storm {i} was a super cell that hit the coast."} for i in range(20)),
        *({"id": f"salad{i}", "title": f"Recipe {i}", "published": f"2023-02-{1 + i % 12:02d}",
           "text": f"Recipe {i}: a salad in a bowl with lemon."} for i in range(20)),
    ]  # fmt: skip
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    assert services.ingestor.ingest_paths([str(path)]).added == 41
    answer = services.answers.answer("who won the superbowl", date(2023, 2, 14))
    assert not answer.abstained and "Chiefs" in answer.text, answer.text
    assert answer.notice == "Read “superbowl” as “super bowl”, as the articles write it."


def test_a_name_spelt_the_british_way_is_answered_from_articles_spelling_it_the_american_way(services, tmp_path):
    rows = [
        {
            "id": "isro",
            "title": "India launches moon mission",
            "published": "2023-07-14",
            "text": "The Indian Space Research Organization said Chandrayaan-3 was on its way to the moon. "
            "Its chairman, S. Somanath, congratulated the team.",
        },
        {
            "id": "rain",
            "title": "Monsoon rains",
            "published": "2023-07-13",
            "text": "Heavy monsoon rains flooded parts of Delhi on Thursday.",
        },
    ]
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    services.ingestor.ingest_paths([str(path)])
    answer = services.answers.answer("What did the Indian Space Research Organisation say?", date(2023, 7, 15))
    assert not answer.abstained and "Chandrayaan-3" in answer.text, answer.text
    assert answer.notice == "Read “Organisation” as “Organization”, as the articles write it."


@pytest.mark.parametrize(
    ("word", "casual"),
    [
        ("happend", True),  # a letter off "happened"
        ("wom", True),  # off "won"
        ("goin", True),  # chat spellings, and a lone letter
        ("w", True),
        ("ppl", True),
        ("ohtani", False),  # names: English hardly uses them, nor are they a letter off a common word
        ("vanterpool", False),
        ("Happend", False),  # typed with a capital: a name, as far as anyone can tell
        ("a", False),
        ("f35", False),
    ],
)
def test_casual_words_are_told_from_names(word, casual):
    assert casual_word(word) is casual


def test_a_name_a_letter_off_a_common_word_is_kept_by_how_often_the_archive_writes_it():
    # "uaw" is a letter off "law": only that the archive holds it tells it is a name.
    assert casual_word("uaw") and not always_casual("uaw")
    assert always_casual("goin") and always_casual("u")


def test_a_word_too_long_for_a_typo_is_not_looked_up_edit_by_edit(monkeypatch):
    """A Discord probe's question of one 999-letter word took ten seconds: each of its 54,000 edits
    was looked up as a possible common word. No common word is that long."""
    import bot.respell

    looked_up: list[str] = []
    real = bot.respell.zipf_frequency

    def counted(word: str, lang: str) -> float:
        looked_up.append(word)
        return real(word, lang)

    monkeypatch.setattr(bot.respell, "zipf_frequency", counted)
    assert not casual_word("x" * 999)
    assert len(looked_up) <= 1, len(looked_up)
    assert casual_word("happend")  # a typo still is one
