import json
import re
from dataclasses import replace
from datetime import date

import pytest

from bot.decline import places_named, places_unseen, rare_name_words, writes_place
from newsdesk.models import Passage


@pytest.mark.parametrize(
    ("question", "places"),
    [
        ("Kenya's parliament voted this week to abolish what?", [("Kenya", "Kenya")]),
        ("Which Scottish author won the prize?", [("Scottish", "Scotland")]),
        ("Where did Türkiye's president go?", [("Türkiye", "Türkiye")]),
        ("Did Turkish voters re-elect him?", [("Turkish", "Türkiye")]),
        # Part of a longer name, or too often written otherwise ("the US", "U.K."), it is no place to look for.
        ("Did the Texas Rangers win?", []),
        ("Which city in New Mexico flooded?", []),
        ("Who did Jordan Peele cast?", []),
        ("What did the British prime minister say?", []),
        ("How did the Russia-Ukraine war start?", []),
        # A compound describes someone or something; the story need not write it (a review).
        ("Beyoncé, the Texas-born singer, broke what Grammy record?", []),
        ("Which trademark is held by Wyoming-based Taco John's?", []),
        # As often a common word or a person's name as a place.
        ("Chile peppers: what are the hottest?", []),
        ("Turkey prices before Thanksgiving rose how much?", []),
        ("Which team did Jordan play for?", []),
        # Inside a sentence, capitalised, the place (a probe's Turkey earthquake "in March" was
        # answered with March's tornadoes).
        ("How many people died in the Turkey earthquake in March?", [("Turkey", "Türkiye")]),
        ("What did China say about the balloon?", [("China", "China")]),
        ("Did Wild Turkey raise its prices?", []),
        # A state's own body: the state (a made-up probe's "Michigan Senate" was answered with another's).
        ("By what vote did the Michigan Senate pass the resolution?", [("Michigan", "Michigan")]),
        ("How old is the Texas Air National Guardsman?", [("Texas", "Texas")]),
        ("Who won the Michigan State game?", []),
    ],
)
def test_the_countries_and_states_a_question_names(question, places):
    assert places_named(question) == places


def _passage(text: str) -> Passage:
    return Passage("a:0", "a", "", text, date(2023, 8, 1), source=None, url=None, position=0)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Rep. Mike Turner, R-Ohio, said", "Ohio"),  # a review: "R-Ohio" had not counted
        ("the U.S.-Mexico border", "Mexico"),
        ("TEXAS FLOODS", "Texas"),
        ("Ukrainians fled the shelling", "Ukraine"),
        ("a farm near Fresno, Calif., burned", "California"),
        ("the Czech Republic's president", "Czechia"),
        ("Palestinian officials said", "Palestine"),
    ],
)
def test_a_place_is_written_in_any_of_these_forms(text, place):
    assert writes_place(text, place)


def test_a_place_is_not_read_into_other_words():
    assert not writes_place("Texan voters", "Texas") and not writes_place("the Ohioans", "Ohio")


def test_a_place_is_seen_in_any_of_its_forms():
    passages = [_passage("The Turkish election went to a runoff."), _passage("Ghana's parliament voted.")]
    assert places_unseen("Who won Türkiye's election? Did Kenya vote?", passages) == ("Kenya",)
    assert places_unseen("Did the Ghana vote pass?", passages) == ()


def _article(article_id: str, title: str, paragraphs: list[str]) -> dict:
    return {
        "id": article_id,
        "published": "2023-07-26",
        "source": "cnn.com",
        "title": title,
        "text": "\n\n".join(paragraphs),
    }


def _months_before(article_id: str, title: str, paragraphs: list[str]) -> dict:
    """An article of months before the week the questions ask about."""
    return {**_article(article_id, title, paragraphs), "published": "2023-04-01"}


def _ingest(services, tmp_path, records: list[dict]) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert services.ingestor.ingest_paths([str(path)]).added == len(records)


def test_a_question_set_in_a_place_its_story_is_not_from_is_declined(services, tmp_path):
    # A probe's made-up questions swapped the country of a real story ("Kenya's parliament"
    # for Ghana's) and were answered with the real story.
    filler = [
        f"Lawmakers debated the bill for {n} hours on the {n}th day, and {n} amendments were read aloud in the chamber."
        for n in range(3, 40)
    ]
    records = [
        _article(
            "ghana",
            "Parliament votes to abolish the death penalty",
            ["Ghana's parliament has voted to abolish the death penalty for ordinary crimes.", *filler[:5]],
        ),
        # Ohio is written in the article's first paragraph, far from the passage that answers.
        _article(
            "derailment",
            "Residents fear chemicals after train derailment",
            [
                "EAST PALESTINE, Ohio — The village waited for news.",
                *filler,
                "Residents worry most that vinyl chloride from the derailed train still lingers in the soil.",
            ],
        ),
    ]
    _ingest(services, tmp_path, records)
    answers = services.answers
    swapped = answers.answer("Kenya's parliament voted this week to abolish what?", date(2023, 7, 28))
    assert swapped.abstained and "“Kenya”" in swapped.declined_because, swapped.text
    real = answers.answer("Ghana's parliament voted this week to abolish what?", date(2023, 7, 28))
    assert not real.abstained and real.citations[0].article_id == "ghana", real.text
    question = "Many Ohio residents fear which chemical from the derailed train still lingers in the soil?"
    found = answers.retrieve(question, date(2023, 7, 28))
    # Only the passages' article writes Ohio, when the first paragraph is not among them.
    found = replace(found, passages=[p for p in found.passages if "Ohio" not in p.text])
    assert places_unseen(question, found.period_passages) == ("Ohio",)
    assert answers.evidence(found).places_unseen == ()
    ohio = answers.respond(found)
    assert not ohio.abstained and "vinyl chloride" in ohio.text, ohio.text


def test_a_one_word_name_the_story_never_writes_is_declined_when_the_archive_writes_it(services, tmp_path):
    # A probe's made-up "Historic flooding hit Concord, New Hampshire this week. How many homes
    # were damaged?" was answered with Montpelier's floods, whose articles never name Concord.
    filler = [f"Crews cleared {n} roads and checked {n} bridges on the {n}th day of the cleanup." for n in range(3, 9)]
    records = [
        _article(
            "flood",
            "Floods swamp Montpelier",
            ["Historic flooding hit Montpelier, Vermont, this week and damaged about 4,000 homes.", *filler],
        ),
        # The archive writes Concord, in a story of months before the week asked about.
        {
            **_article("school", "A new school year in Concord", ["Teachers in Concord prepared classrooms."]),
            "published": "2023-03-01",
        },
    ]
    _ingest(services, tmp_path, records)
    answers = services.answers
    swapped = answers.answer("Historic flooding hit Concord this week. How many homes were damaged?", date(2023, 7, 28))
    assert swapped.abstained and "“Concord”" in swapped.declined_because, swapped.text
    real = answers.answer("Historic flooding hit Montpelier this week. How many homes were damaged?", date(2023, 7, 28))
    assert not real.abstained and "4,000" in real.text, real.text


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Historic flooding hit Concord this week. How many homes were damaged?", ["Concord"]),
        ("Did flooding hit Concord's homes?", ["Concord"]),  # a possessive is the name's
        # Not a sentence's first word, an acronym, a title, a people, or a common word given a capital.
        ("Kauai flooded. Did the FTC or Governor Green say so?", []),
        ("Which Californian won Best Director?", []),
    ],
)
def test_one_word_names(question, names):
    missing = re.findall(r"[^\W_]+", question)  # the question's words, as gather_evidence reads them
    assert rare_name_words(question, missing) == names


@pytest.mark.parametrize(
    ("question", "names"),
    [
        # A common English word that the archive writes as a name, standing alone.
        ("Who was elected this week as the first female mayor of Chicago?", ["Chicago"]),
        ("Sam Altman was named CEO of Apple. Who leads Apple's board?", ["Apple"]),
        # Beside another capitalised word it is part of a longer name ("N.C." in its story).
        ("Which North Carolina Republican served as interim speaker?", []),
        # A word the archive writes in lower case is no name, capitalised or not.
        ("Which energy drink is sold on Black markets in schools?", []),
        # An opening plain word is no neighbour (a review's); a place written too many ways to look
        # for is none ("AMC Theaters, America's largest movie chain", a dev question, was declined).
        ("Did Apple sell more phones this year?", ["Apple"]),
        ("Which deal did America's largest movie chain announce?", []),
    ],
)
def test_common_words_the_archive_writes_as_names(question, names):
    """A probe's made-up "first female mayor of Chicago" was answered with Philadelphia's new
    mayor: "Chicago" is too common an English word for a rare name, but the archive writes it
    with its capital."""
    archive_names = {"Chicago", "Apple", "North", "Carolina", "America"}
    missing = list(dict.fromkeys(re.findall(r"[^\W_]+", question)))  # each term once, as gather_evidence gives them
    assert rare_name_words(question, missing) == []
    assert rare_name_words(question, missing, lambda word: word in archive_names) == names


def test_a_common_word_the_archive_writes_as_a_name_is_declined_when_the_story_never_writes_it(services, tmp_path):
    # A probe's made-up "Who was elected this week as the first female mayor of Chicago?" was
    # answered with Philadelphia's election: "Chicago", a common English word, had not counted as
    # a name, though every article writing it writes it with its capital.
    filler = [f"Volunteers knocked on {n} doors in ward {n} before the polls closed at {n} pm." for n in range(3, 9)]
    records = [
        _article(
            "philly",
            "Philadelphia elects its first female mayor",
            ["Cherelle Parker was elected this week as the first female mayor of Philadelphia.", *filler],
        ),
        # Common in the archive too, as in a newsroom's: so common that no passage's lacking it
        # weighs much with the decline model.
        *(
            _months_before(f"windy{n}", f"Chicago news {n}", [f"Fans in Chicago shivered on day {n}.", filler[0]])
            for n in range(40)
        ),
    ]
    _ingest(services, tmp_path, records)
    answers = services.answers
    swapped = answers.answer("Who was elected this week as the first female mayor of Chicago?", date(2023, 7, 28))
    assert swapped.abstained and "“Chicago”" in swapped.declined_because, swapped.text
    real = answers.answer("Who was elected this week as the first female mayor of Philadelphia?", date(2023, 7, 28))
    assert not real.abstained and "Cherelle Parker" in real.text, real.text


def test_a_place_only_an_unquoted_story_writes_is_declined(services, tmp_path):
    # A probe's made-up "A Minnesota woman was gored by a bison this week in which Canadian national
    # park?" was answered with the North Dakota park's story: a heat podcast among the passages
    # named Canada, so the place counted as written.
    records = [
        _article(
            "bison",
            "Bison gores Minnesota woman in national park",
            [
                "A Minnesota woman was gored by a bison this week in Theodore Roosevelt National Park in North Dakota.",
                "Park rangers said the woman was in stable condition.",
            ],
        ),
        _article("heat", "Heat wave podcast", ["Smoke from wildfires in Canada drifted south during the heat wave."]),
        # Canadian news is common in the archive, as in a newsroom's: no passage's lacking the word
        # weighs much with the decline model.
        *(
            _months_before(f"north{n}", f"Canadian news {n}", [f"Prairie farmers sold {n} tons of Canadian wheat."])
            for n in range(40)
        ),
    ]
    _ingest(services, tmp_path, records)
    answers = services.answers
    swapped = answers.answer(
        "A Minnesota woman was gored by a bison this week in which Canadian national park?", date(2023, 7, 28)
    )
    assert swapped.abstained, swapped.text
    assert swapped.declined_because == "no article the answer would quote mentions “Canadian”", swapped.text
    # Typed in lower case, its places are the archive's capitals (a quiz writer's "why is amazon
    # closing all its whole foods stores in california" had been answered with Florida's closings).
    lower = answers.answer(
        "a minnesota woman was gored by a bison this week in which canadian national park", date(2023, 7, 28)
    )
    assert lower.declined_because == "no article the answer would quote mentions “Canadian”", lower.text
    real = answers.answer("A Minnesota woman was gored by a bison this week in which national park?", date(2023, 7, 28))
    assert not real.abstained and "Theodore Roosevelt National Park" in real.text, real.text


def test_a_name_the_passages_article_writes_elsewhere_is_not_unseen(services, tmp_path):
    """A false-premise tester's real question about "the International Society for Technology in
    Education" was declined as the passages never mentioning “International Society”, which their
    article names (with its CEO, the answer) in a chunk the search had not ranked."""
    filler = [
        f"Teachers in district {n} said students used the chatbot for essays on day {n}, and {n} schools "
        "blocked the tool on their networks while others trained staff to use it in class."
        for n in range(3, 40)
    ]
    records = [
        _article(
            "iste",
            "Schools weigh ChatGPT bans",
            [
                "Richard Culatta, CEO of the International Society for Technology in Education, urged schools "
                "to teach students how to use the chatbot rather than ban it.",
                *filler,
            ],
        )
    ]
    _ingest(services, tmp_path, records)
    answers = services.answers
    question = "Who is the CEO of the International Society for Technology in Education who commented on ChatGPT?"
    found = answers.retrieve(question, date(2023, 7, 28))
    elsewhere = [p for p in found.passages if "International Society" not in p.text]
    assert elsewhere, "the test needs a passage without the name"
    evidence = answers.evidence(replace(found, passages=elsewhere))
    assert "International Society" not in " ".join(evidence.names_unseen), evidence.names_unseen


def test_an_address_the_question_gives_names_no_place(services, tmp_path):
    """A review's "how many cars derailed in east palestine? source: https://www.example.com/texas/…"
    was declined for “Texas”, a word of the address, read with the archive's capitals."""
    records = [
        _article(
            "derail",
            "Train derails in East Palestine",
            ["A total of 38 cars derailed in East Palestine, Ohio, on Friday, officials said."],
        ),
        *(
            _months_before(f"tx{n}", f"Texas news {n}", [f"Ranchers in Texas sold {n} head of cattle."])
            for n in range(5)
        ),
    ]
    _ingest(services, tmp_path, records)
    question = "how many cars derailed in east palestine? source: https://www.example.com/texas/derailment-story"
    answer = services.answers.answer(question, date(2023, 7, 28))
    assert not answer.abstained and "38 cars" in answer.text, answer.text
