"""Follow-ups without a language model: which questions lean on the last turn, and what they carry."""

from datetime import date

import pytest

from bot.followup import (
    Turn,
    asked_of_another,
    asks_for_a_period,
    asks_for_others,
    asks_nothing,
    back_to,
    carried_over,
    carry_entities,
    chat_spelt,
    conversation_subject,
    declined_story,
    gone_back,
    is_follow_up,
    is_small_talk,
    names_in,
    picks_up,
    quoted_in,
    switches_topic,
    without_chat_marks,
    without_small_talk,
)
from bot.timeexpr import resolve_time_range

LAST = Turn("Who did Blinken meet in Ramallah?", "“Blinken met Palestinian leader Mahmoud Abbas in Ramallah.” [1]")


@pytest.mark.parametrize(
    ("question", "follows"),
    [
        ("What did he say there?", True),
        ("And in Jerusalem?", True),
        ("What about Egypt?", True),
        ("Why?", True),
        ("How many were killed?", True),
        ("Has anyone been arrested?", True),  # "Has" opens it: no name
        ("Who is responsible for the cleanup?", False),  # the articles decide (AnswerService._on_the_story)
        ("Who won the Super Bowl?", False),
        ("What is the capital of France?", False),
        ("Which team won the 2023 Super Bowl in Arizona?", False),
        # "One" standing for what was said (a chat tester's "strongest one" of Iowa's tornadoes).
        ("What was the strongest one?", True),
        ("Which one was the deadliest?", True),
        ("What is the one thing to know about inflation?", False),
        ("Which one of the candidates won the debate?", False),
        # Naming its own subject, or "one" of a name or a phrase (a review's).
        ("Which one is bigger, Apple or Microsoft?", False),
        ("Who won the Formula One?", False),
        ("Who is the chosen one?", False),
        ("Who are the Loved Ones?", False),
    ],
)
def test_is_follow_up(question, follows):
    assert is_follow_up(question) is follows


def test_a_follow_up_carries_the_last_turns_names():
    assert carry_entities("What did he say there?", [LAST]) == (
        "What did he say there? Blinken Ramallah Palestinian Mahmoud Abbas"
    )
    assert carry_entities("And in Jerusalem?", [LAST]).startswith("And in Jerusalem? Blinken Ramallah")


def test_a_question_that_stands_alone_is_left_alone():
    assert carry_entities("Who won the Super Bowl?", [LAST]) == "Who won the Super Bowl?"


def test_only_real_names_of_an_answer_are_carried():
    # "Facing" opens a quote and "In" a sentence: capitals of position, not names.
    last = Turn(
        "Where is In-N-Out expanding?",
        "“Facing criticism, the council widened access for Native American families.” [1] "
        "“In Tennessee, the chain will open a new office.” [2]",
    )
    assert carry_entities("And when did it announce that?", [last]) == (
        "And when did it announce that? In-N-Out Native American Tennessee expanding"
    )
    # A name that opens a quote is still a name; a day is not; a title's period ends no sentence,
    # and the title is no name of its own.
    won = Turn("Who won the Super Bowl?", "“Mahomes threw three touchdowns on Sunday.” [1] “It was Dr. Fauci.” [2]")
    assert carry_entities("What did he say after?", [won]) == "What did he say after? Super Bowl Mahomes Fauci"
    # A declined turn has no answer to carry from (bot/chat.py, ReviewLog.history).
    assert carry_entities("And when?", [Turn("Where is In-N-Out expanding?", "")]) == "And when? In-N-Out"


def test_the_names_of_quotes_of_an_earlier_year_are_not_carried() -> None:
    # A probe's "Who scored the goal?" after the Women's World Cup final got 2022 quotes about Bale,
    # and "What about the men's team?" was then searched with "Bale Real Madrid's …".
    goal = Turn(
        "Who scored the goal?",
        "On Jun 26, 2022: “Bale celebrates scoring Real Madrid's second goal.” [1] “Liverpool lost.” [1] "
        "On Aug 20, 2023: “Olga Carmona scored for Spain.” [2]",
    )
    asked = "What did she say?"
    assert carry_entities(asked, [goal], as_of=date(2023, 8, 22)) == "What did she say? Olga Carmona Spain"
    # Without an as-of day, the answer's newest year is the story's.
    assert carry_entities(asked, [goal]) == "What did she say? Olga Carmona Spain"
    # The background passage's label covers all its quotes (extractive._background_labelled).
    background = Turn("Who scored?", "Earlier reporting (Nov 28, 2021): “Bale scored.” [1] “Then Bale left.” [1]")
    assert carry_entities(asked, [background], as_of=date(2023, 8, 22)) == asked
    # Days count, not years: over New Year, three-day-old news is the story (a review's).
    storm = Turn("Where did the storm hit?", "On Dec 30, 2023: “The storm hit Maine.” [1]")
    assert carry_entities("How bad was it there?", [storm], as_of=date(2024, 1, 2)) == ("How bad was it there? Maine")


def test_it_is_what_the_story_question_names_little_of_in_its_rarest_words() -> None:
    """A chat probe's "how big was it?" after "wat was the chinese baloon thing" was searched with
    "Chinese" alone, and "how did they find him?" after the escaped prisoner in Pennsylvania with
    "Pennsylvania" and the last answer's names."""
    balloon = Turn("what was the chinese balloon thing", "“The balloon drifted across Montana.” [1]")
    assert carry_entities("how big was it", [balloon]) == "how big was it Montana balloon"
    prisoner = Turn("Has the escaped prisoner in Pennsylvania been caught yet?", "")
    assert (
        carry_entities("how did they find him?", [prisoner]) == "how did they find him? Pennsylvania escaped prisoner"
    )
    # Not common words ("caught", "thing"); not with two names to go by; not without a pronoun.
    named = Turn("Has the escaped prisoner Danelo Cavalcante in Pennsylvania been caught yet?", "")
    assert carry_entities("how did they find him?", [named]) == "how did they find him? Danelo Cavalcante Pennsylvania"
    assert (
        carry_entities("What caused the prisoner to flee?", [prisoner])
        == "What caused the prisoner to flee? Pennsylvania"
    )
    assert conversation_subject("how big was it", [balloon]) == ["balloon"]


def test_it_is_the_thing_the_story_names_not_the_people_of_its_answer() -> None:
    # A probe's "svb collapse" then "who bought it?" went on about Biden and Trump, whom the
    # answer named.
    svb = Turn("SVB collapse", "“President Joe Biden blamed the Trump administration for the collapse.” [1]")
    assert carry_entities("who bought it?", [svb]) == "who bought it? SVB collapse"
    assert carry_entities("what did he say?", [svb]) == "what did he say? SVB President Joe Biden Trump collapse"


def test_a_headlines_clause_after_a_colon_opens_as_a_sentence() -> None:
    """A chat's follow-up was "about Everglades National Park Earth Here's Everglades": the
    headline's "Here's" after its colon was carried as a name."""
    headline = "“Everglades National Park is truly unlike anywhere on Earth: Here's ...” [1]"
    assert names_in(headline, quotes=True) == ["Everglades National Park", "Earth"]
    assert names_in("“Super Bowl 57 updates: Patrick Mahomes wins MVP” [1]", quotes=True) == [
        "Super Bowl",
        "Patrick Mahomes",
    ]


def test_a_day_or_month_is_no_part_of_a_name() -> None:
    answer = "“Benjamin Netanyahu Thursday completed a dramatic return as Israel’s prime minister.” [1]"
    assert names_in(answer, quotes=True) == ["Benjamin Netanyahu", "Israel’s"]
    # Names a day or month belongs to stay whole.
    text = "Black Friday sales rose, the Good Friday Agreement held and June Carter Cash sang."
    assert names_in(text) == ["Black Friday", "Good Friday Agreement", "June Carter Cash"]


def test_a_sites_name_keeps_its_domain_and_a_time_zone_is_no_name() -> None:
    # A chat tester's: "Dictionary.com" had been carried as "Dictionary" (three follow-ups then told
    # of the Scrabble dictionary), and the Masters' "3 p.m. ET" as a name to search.
    assert names_in("How many new words did Dictionary.com add this year?") == ["Dictionary.com"]
    assert names_in("“Play resumes at 3 p.m. ET at Augusta National.” [1]", quotes=True)[-1:] == ["Augusta National"]
    assert "ET" not in names_in("“Play resumes at 3 p.m. ET at Augusta National.” [1]", quotes=True)


@pytest.mark.parametrize(
    ("follow_up", "standalone"),
    [
        # The last question's period is carried when the follow-up names none.
        ("What about Netanyahu?", "What about Netanyahu? Blinken Israel this week"),
        ("What did he say?", "What did he say? Blinken Israel this week"),
        ("What did he say then?", "What did he say then? Blinken Israel this week"),  # at that time
        # A follow-up with a period of its own keeps it.
        ("And last month?", "And last month? Blinken Israel"),
        # One that moves from the last period must not be read as that period.
        ("And the week before?", "And the week before? Blinken Israel"),
        ("What happened next?", "What happened next? Blinken Israel"),
        ("What happened afterwards?", "What happened afterwards? Blinken Israel"),
    ],
)
def test_the_period_of_the_last_question_carries_over(follow_up: str, standalone: str) -> None:
    history = [Turn("What did Blinken say in Israel this week?", "")]
    assert carry_entities(follow_up, history) == standalone


def test_asking_for_the_latest_drops_the_last_period() -> None:
    history = [Turn("What did Blinken say in Israel this week?", "")]
    assert carry_entities("What is the latest?", history) == "What is the latest? Blinken Israel"
    assert carry_entities("What is he doing now?", history) == "What is he doing now? Blinken Israel"
    # "current" is often no time at all.
    assert carry_entities("What is their current account deficit?", history).endswith("this week")


def test_follow_ups_that_name_nothing_keep_the_subject_named_before_them() -> None:
    history = [Turn("What is the latest on the UAW strike?", "“…” [1]"), Turn("What about last week?", "“…” [1]")]
    assert carry_entities("Who is leading it?", history) == "Who is leading it? UAW last week"
    # Unless that week was found empty (declined): the next question is about the story again.
    declined = [Turn("Who won the Super Bowl?", "“The Chiefs won.” [1]"), Turn("what about last week?", "")]
    assert carry_entities("And who did they beat?", declined) == "And who did they beat? Super Bowl"
    # A follow-up that points back with a pronoun passes the subject, and the period, on.
    history.append(Turn("Who is leading it?", "“…” [1]"))
    assert carry_entities("What did they demand?", history) == "What did they demand? UAW last week"
    # A question that stood alone ends the chain: its own subject is the one carried.
    history.append(Turn("Who won the Super Bowl?", ""))
    assert carry_entities("Who did they beat?", history) == "Who did they beat? Super Bowl"
    # So does a follow-up that asks about something else, even with no capitals to tell its names:
    # its rare words are what "it" is.
    lahaina = [Turn("What did Governor Green say about Lahaina?", ""), Turn("what about hurricane idalia?", "")]
    assert carry_entities("How strong was it?", lahaina) == "How strong was it? hurricane idalia"
    # "this" in "this week" points back to nothing.
    week = [Turn("What happened in Lahaina this week?", "“…” [1]"), Turn("what about hurricane idalia this week?", "")]
    # The story's own words are carried: its question names nothing in capitals.
    assert carry_entities("How many died?", week) == "How many died? hurricane idalia this week"


LAHAINA = Turn("How many people died in the Lahaina fire?", "“At least 36 people have died.” [1]")


def test_a_question_taking_up_the_storys_words_follows_it() -> None:
    assert carry_entities("What caused the fire to spread so fast?", [LAHAINA]) == (
        "What caused the fire to spread so fast? Lahaina"
    )
    # Not a word that is no superlative for ending in "est" ("protest"), nor a superlative.
    assert picks_up("What caused the protest to turn violent?", ["Why did the protests in Paris start?"])
    assert not picks_up("What was the biggest surprise?", ["What was the biggest story of the year?"])


@pytest.mark.parametrize("question", ["Who is responsible for the cleanup?", "How did the markets react?"])
def test_a_question_naming_nothing_else_is_read_with_the_story_only_when_asked_to(question: str) -> None:
    # Whether it goes on with the story, only the articles tell (AnswerService._on_the_story); asked
    # to, it takes the story's names, not those of the last answer ("Death", "Maui").
    answered = Turn(LAHAINA.question, "“Death toll in Maui disaster hits 80” [1]")
    assert carry_entities(question, [answered]) == question
    assert carry_entities(question, [answered], follows=True) == f"{question} Lahaina"


def test_words_opening_a_question_are_no_names() -> None:
    for question in ("Has anyone been arrested?", "Can you tell me more?", "Tell me more", "Any arrests?"):
        assert names_in(question) == [], question
    assert names_in("Who is Will Smith?") == ["Will Smith"]  # only where a sentence opens
    assert names_in("Did the Fed raise rates?") == ["Fed"]
    # Nor contracted: a chat probe's follow-ups went on "about What's, Harrison Ford".
    assert names_in("What's the snake named after Harrison Ford?") == ["Harrison Ford"]
    assert names_in("Where’s Biden going?") == ["Biden"]
    assert names_in("When's the next Powerball drawing?") == ["Powerball"]
    assert names_in("Will's new film?") == ["Will's"]  # a name, not "Will" contracted (a review's)
    assert names_in("Was the Bank of England right?") == ["Bank of England"]
    # A chat probe's "In how many states?" was "a follow-up about In", and "For which movie?" declined.
    for question in ("In how many states?", "For which movie?", "At what age did he die?", "By how much?"):
        assert names_in(question) == [], question
    assert is_follow_up("In how many states?")
    assert names_in("In Gaza, how many died?") == ["Gaza"]
    assert names_in("US troops in Syria: how many?") == ["US", "Syria"]  # a name in capitals stays
    # A review's: names that open with a stop word, and questions that open with one before a name.
    for name in ("Don Lemon", "Just Stop Oil", "No Labels"):
        assert names_in(f"{name} said what?") == [name]
    for question, names in (
        ("If Trump is convicted, can he run?", ["Trump"]),
        ("Over Christmas, how many flights were cancelled?", ["Christmas"]),
        ("Both Biden and Trump spoke?", ["Biden", "Trump"]),
        ("Since when?", []),
        ("Is Sam Altman the CEO of OpenAI?", ["Sam Altman", "OpenAI"]),
        ("What did GM say?", ["GM"]),  # General Motors, no general manager
    ):
        assert names_in(question) == names, question
    assert names_in("Who is the No. 2 seed?") == []  # a rank


def test_a_post_after_a_name_is_no_part_of_it() -> None:
    """A chat probe's "When is the deal expected to close?" after "Who is Alaska's CEO?" was read
    on its own, of Musk's Twitter deal: no chunk wrote "Alaska's CEO" with the deal's words."""
    assert names_in("Who is Alaska's CEO?") == ["Alaska"]
    assert names_in("Who is the Twitter CEO?") == ["Twitter"]
    assert names_in("What did CEO Greg Becker say?") == ["Greg Becker"]
    # A review's: "Read as a follow-up about Linda Yaccarino the."
    assert names_in("Is Linda Yaccarino the CEO?") == ["Linda Yaccarino"]
    history = [Turn("Who is Alaska's CEO?", "“Ben Minicucci, Alaska Airlines CEO, said so.” [1]")]
    assert carried_over("When is the deal expected to close?", history, follows=True) == (["Alaska"], None)


def test_a_count_asked_of_the_story_carries_the_storys_names_only() -> None:
    """A chat probe's "how many people died?" after the Maui fire carried the last answer's "Maui
    County's" and "Lahaina" too, and the newest toll, which writes "Maui", was not found."""
    history = [Turn("What caused the Maui wildfires?", "“Maui County’s plan named Lahaina as at risk.” [1]")]
    assert carry_entities("how many people died?", history) == "how many people died? Maui"
    # A question pointing at someone still takes the answer's names.
    assert carry_entities("what did he say?", history).startswith("what did he say? Maui Maui County")


def test_a_lone_letter_hyphened_on_is_no_name() -> None:
    """A chat probe's follow-ups after "when is the debt ceiling X-date?" were read "about X"."""
    assert names_in("When is the debt ceiling X-date?") == []
    assert names_in("Did the Saudi-backed LIV Golf merge?") == ["Saudi", "LIV Golf"]


def test_a_common_word_opening_a_quote_is_no_name() -> None:
    """A probe's "why?" after the SVB answer was searched with "Last" and "That's", the words that
    opened its quotes."""
    answer = "“Last week, the bank said it lost $1.8 billion.” [1] “That's because SVB's depositors ran.” [1]"
    assert names_in(answer, quotes=True) == ["SVB's"]
    # A name opening a quote alone stays one.
    assert names_in("“Mahomes threw three touchdowns.” [1]", quotes=True) == ["Mahomes"]


def test_a_word_opening_a_quote_within_a_quote_is_no_name() -> None:
    """A chat probe's "is it free?" was searched with "We", which opened a quote in single quotes."""
    answer = "“Mahomes said, \"they were talking about, 'We got to play them.'\"” [1]"
    assert names_in(answer, quotes=True) == ["Mahomes"]
    assert names_in("“'We got to play them,' Mahomes said.” [1]", quotes=True) == ["Mahomes"]
    assert names_in("“‘We got to play them,’ Mahomes said.” [1]", quotes=True) == ["Mahomes"]
    # An apostrophe is no quote: "the Chiefs' Mahomes" is written as one name; a title in single
    # quotes keeps its opening word (a review's).
    assert names_in("“The Chiefs' Mahomes threw three touchdowns.” [1]", quotes=True) == ["Chiefs' Mahomes"]
    assert names_in("“She starred in 'The Crown' for years.” [1]", quotes=True) == ["The Crown'"]
    # A quote's opening words are read as a sentence's (a second review's).
    assert names_in("“He said, 'In Tennessee, we win.'” [1]", quotes=True) == ["Tennessee"]
    # Only its stop word, not a name a sentence's opening rules would drop (a third review's).
    assert names_in("“He said, 'Beijing will respond.'” [1]", quotes=True) == ["Beijing"]
    assert names_in("“He said, 'Will Smith apologised.'” [1]", quotes=True) == ["Will Smith"]


def test_a_role_in_capitals_is_no_name() -> None:
    assert names_in("Who was the CEO?") == []
    assert names_in("What did the CEO of Silicon Valley Bank say?") == ["Silicon Valley Bank"]
    assert names_in("“CEO Greg Becker sold shares.” [1]", quotes=True) == ["Greg Becker"]
    # So the story goes on past the question about its CEO.
    ceo = Turn("Who was the CEO?", "“Silicon Valley Bank’s chief executive sold shares.” [1]")
    history = [Turn("What happened to Silicon Valley Bank?", "“…” [1]"), ceo]
    assert carry_entities("What did he say?", history) == "What did he say? Silicon Valley Bank"


def test_a_word_hyphened_on_ends_a_name() -> None:
    answer = "“In the case of the Santa Clara-based Silicon Valley Bank, which held bonds.” [1]"
    assert names_in(answer, quotes=True) == ["Santa Clara", "Silicon Valley Bank"]
    assert names_in("Did the Saudi-backed LIV Golf merge?") == ["Saudi", "LIV Golf"]
    assert names_in("Coca-Cola and Jean-Pierre met at Al-Aqsa.") == ["Coca-Cola", "Jean-Pierre", "Al-Aqsa"]


@pytest.mark.parametrize(
    ("history", "question", "again"),
    [
        (["What is happening in Gaza?"], "What about Ukraine?", "What is happening in Ukraine?"),
        # A question naming only a period gives way to another (a chat probe's searched March Madness).
        (["what happened in March?"], "what about October?", "what happened in October?"),
        (["What is happening in Gaza?"], "And Israel?", "What is happening in Israel?"),
        # The question asked last of a name of its own, not the follow-up of one.
        (["What is happening in Gaza?", "What about Ukraine?"], "What about Israel?", "What is happening in Israel?"),
        (["Who won the Masters?"], "And what about the US Open?", "Who won the US Open?"),
        (
            ["What did Biden say about the hostages?"],
            "What about Netanyahu?",
            "What did Netanyahu say about the hostages?",
        ),
        (["How did Apple’s stock do?"], "What about Microsoft?", "How did Microsoft’s stock do?"),
        (["Who is Alaska's CEO?"], "What about Hawaiian's?", "Who is Hawaiian's CEO?"),
        (["Who is the CEO of Starbucks?"], "What about McDonald's?", "Who is the CEO of McDonald's?"),
        (
            ["What did Fitch say about the downgrade?"],
            "What about Moody's?",
            "What did Moody's say about the downgrade?",
        ),
        # The last question that stood alone, with its period.
        (
            ["What happened in Gaza this week?", "And in Jerusalem?"],
            "What about Ukraine?",
            "What happened in Ukraine this week?",
        ),
        # Only a period: the last question asked of it.
        (
            ["Who was elected House Speaker in January?"],
            "What about October?",
            "Who was elected House Speaker in October?",
        ),
        (["What happened in Gaza this week?"], "And last week?", "What happened in Gaza last week?"),
        (["What happened in Gaza?"], "What about October?", "What happened in Gaza in October?"),
        # The last question as it was read, not the first (an editor's "and in October?" after
        # "What about Ukraine?" had asked of Gaza); none when it names nothing: its story is carried.
        (
            ["What is happening in Gaza?", "What about Ukraine?"],
            "And in October?",
            "What is happening in Ukraine in October?",
        ),
        (
            ["What happened in Gaza in October?", "What about November?"],
            "And December?",
            "What happened in Gaza in December?",
        ),
        (["What did Elon Musk rename Twitter to?", "Who is the CEO?"], "And in May?", None),
        # Past follow-ups that go on with it saying little of their own (a review's).
        (
            ["What happened in Gaza this week?", "And in Jerusalem?"],
            "And last week?",
            "What happened in Gaza last week?",
        ),
        (["What happened in Gaza?", "Why?"], "And in May?", "What happened in Gaza in May?"),
        # A long run of periods alone is no recursion (a review's reached Python's limit).
        (["What happened in Gaza?", *["And in May?"] * 2000], "And in June?", "What happened in Gaza in June?"),
        # Of two names, which gives way is not for word patterns to say.
        (["How many Israelis were killed by Hamas?"], "What about Palestinians?", None),
        (["Why was Sam Altman fired by OpenAI?"], "What about Greg Brockman?", None),
        # Saying more than names, or after a question pointing back itself: the story is carried.
        (["What is happening in Gaza?"], "What about the hospitals in Gaza?", None),
        (["Who did Blinken meet in Ramallah?"], "And in Jerusalem?", None),
        (["What did they say about Canada?"], "What about Greece?", None),
        # After a question asking of someone it points back to, the names are who it asks of now
        # (a chat's "What about Haley Jones?" had been read "… the 2023 Haley Jones draft?").
        (
            ["Who was the No. 1 pick in the 2023 WNBA draft?", "What did she wear?"],
            "What about Haley Jones?",
            "What did Haley Jones wear? WNBA",
        ),
        (["Who was the No. 1 pick in the 2023 WNBA draft?", "Who did he tell her?"], "What about Haley Jones?", None),
        (["Who is the CEO of Microsoft?", "How much is it worth?"], "What about Apple?", "Who is the CEO of Apple?"),
        (
            ["What did Biden say about the hostages?", "When did he say it?"],
            "What about Netanyahu?",
            "When did Netanyahu say it? Biden",
        ),
        # A surname alone, or one with a capital inside, is a person's too (a third review's
        # "Who won the McIlroy?" and "… the 2023 Jones draft?").
        (["Who won the Masters?", "How much did he win?"], "What about McIlroy?", "How much did McIlroy win? Masters"),
        (
            ["Who was the No. 1 pick in the 2023 WNBA draft?", "What did she wear?"],
            "What about Jones?",
            "What did Jones wear? WNBA",
        ),
        # Not a thing, nor "they": the last question that stood alone is asked of it (a review's
        # "Who did Stanley Cup beat?" and "Why are Ukraine fighting?").
        (
            ["Who won the World Series?", "Who did they beat?"],
            "What about the Stanley Cup?",
            "Who won the Stanley Cup?",
        ),
        (
            ["What is happening in Gaza?", "Why are they fighting?"],
            "What about Ukraine?",
            "What is happening in Ukraine?",
        ),
        (
            ["Who won the World Series?", "Who did he pitch for?"],
            "What about the Stanley Cup?",
            "Who won the Stanley Cup?",
        ),
        (["What is happening in Gaza?"], "Who won the Masters?", None),
        # A name of the kind the frame asks which of is that kind's, not who else is asked of (a
        # Discord probe's "… seized by the Signature Bank?").
        (["Which bank's assets were seized by the FDIC?"], "What about Signature Bank?", None),
        (["Which team did the Chiefs beat?"], "What about the Eagles?", "Which team did the Eagles beat?"),
    ],
)
def test_a_follow_up_giving_only_names_asks_the_last_question_of_them(history, question, again) -> None:
    assert asked_of_another(question, [Turn(q, "“…” [1]") for q in history]) == again


@pytest.mark.parametrize(
    ("history", "question", "again"),
    [
        # Chat testers' had been searched as the story's names plus the thing, and declined or
        # answered with the first kind again; the story's names the question lost go with it.
        (
            ["What is Netflix charging for its new plans?", "How much is the ad-free plan?"],
            "What about the cheapest plan?",
            "How much is the cheapest plan? Netflix",
        ),
        (
            ["Who won the Bruins game against Detroit?", "How many shots did their goalie stop?"],
            "What about Detroit's goalie?",
            "How many shots did Detroit's goalie stop? Bruins",
        ),
        # A field after the thing is its kind too, and the name before it which one; a recent
        # question, not only the last.
        (
            ["Who won the Nobel Prize in Literature?", "What's his biggest prose work?"],
            "What about the chemistry prize?",
            "Who won the Nobel Prize in chemistry?",
        ),
        # The frame's owner and place stay (a review's "… cheapest plan?" had lost Netflix, and
        # "… Democratic candidate?" Kentucky); the question asked again is one that stood alone.
        (
            ["How much is Netflix's ad-free plan?"],
            "What about the cheapest plan?",
            "How much is Netflix's cheapest plan?",
        ),
        (
            ["Who is the Republican candidate in Kentucky?"],
            "What about the Democratic candidate?",
            "Who is the Democratic candidate in Kentucky?",
        ),
        (
            ["Who won the men's race at the Boston Marathon?", "What about the women's race?"],
            "And the wheelchair race?",
            "Who won the wheelchair race at the Boston Marathon?",
        ),
        (
            ["Who won the men's final at Wimbledon?"],
            "And the women's final?",
            "Who won the women's final at Wimbledon?",
        ),
        (
            ["How much did the Powerball jackpot reach?"],
            "What about the Mega Millions jackpot?",
            "How much did the Mega Millions jackpot reach?",
        ),
        # No other kind said, no such thing asked about, or a pronoun: not asked again.
        (["How many patients are in the hospitals in Gaza?"], "What about the hospitals?", None),
        (["Who did he beat in the French Open final?"], "What about the women's title?", None),
        (["How much is the ad-free plan?"], "What about their cheapest plan?", None),
        (["How much is the ad-free plan?"], "What about the cheapest plan for students?", None),
        (["How much is the ad-free plan?"], "And why?", None),
        # A name with no field, or a thing inside a name: not for word patterns to redo (a review's
        # "Nobel Peace chemistry prize", "State of the Republican response speech").
        (["Who won the Nobel Peace Prize?"], "What about the chemistry prize?", None),
        (
            ["What did Biden say in his State of the Union speech?"],
            "What about the Republican response speech?",
            None,
        ),
    ],
)
def test_a_follow_up_giving_another_kind_of_a_thing_asks_the_question_of_it(history, question, again) -> None:
    assert asked_of_another(question, [Turn(q, "“…” [1]") for q in history]) == again


def test_another_kind_of_a_declined_questions_thing_is_not_asked_again() -> None:
    # A review's "What about the latest earthquake?" after a declined Morocco question had been
    # answered with Libya's floods: declined_story declines it too.
    history = [Turn("How many people died in the earthquake in Morocco?", "")]
    assert asked_of_another("What about the latest earthquake?", history) is None


def test_a_name_the_last_answer_leads_with_is_of_its_story_not_asked_the_same() -> None:
    """An editor's "What about Microsoft?" after Sam Altman's firing was read "Why was Microsoft
    fired?"; a name the answer tells only later, or never, is another to ask the same of."""
    answer = "“Microsoft hires Sam Altman, former OpenAI CEO …” [1] “Greg Brockman quit too.” [2]"
    history = [Turn("Why was Sam Altman fired?", answer)]
    assert asked_of_another("What about Microsoft?", history) is None
    # Told only in passing: another to ask the same of (a review's "What about Russia?").
    assert asked_of_another("What about Greg Brockman?", history) == "Why was Greg Brockman fired?"


def test_a_name_listed_beside_the_one_asked_of_is_asked_the_same() -> None:
    """A chat tester's "And Oppenheimer?" after "How much did Barbie make on its opening weekend?",
    whose answer led with AMC's stock after the opening weekends of "Barbie" and "Oppenheimer", had
    been read as more of that story and declined. "its" after the one name is that name's."""
    lead = '“AMC stock closed up 33% after the opening weekends of "Barbie" and "Oppenheimer".” [1]'
    history = [Turn("How much did Barbie make on its opening weekend?", lead)]
    expected = "How much did Oppenheimer make on its opening weekend?"
    assert asked_of_another("And Oppenheimer?", history) == expected
    assert asked_of_another("What about Oppenheimer?", [Turn(history[0].question, "“…” [1]")]) == expected
    # "her" is as often whom: it points back still (a review's "Did Trump endorse her?"); before a
    # noun it is hers (a second review's).
    assert asked_of_another("And DeSantis?", [Turn("Did Trump endorse her?", "")]) is None
    assert asked_of_another("And DeSantis?", [Turn("Did Trump endorse her yesterday?", "")]) is None
    tour = [Turn("How much did Taylor Swift earn from her tour?", "“…” [1]")]
    assert asked_of_another("What about Beyonce?", tour) == "How much did Beyonce earn from her tour?"
    # A list of three (a second review's).
    three = "“Barbie, Oppenheimer and Haunted Mansion led the box office.” [1]"
    assert asked_of_another("And Oppenheimer?", [Turn(history[0].question, three)]) == expected
    # Listed means "and" or "or", not a comma (a review's "After … fired Sam Altman, Microsoft hired him").
    fired = [Turn("Why was Sam Altman fired?", "“After the board fired Sam Altman, Microsoft hired him.” [1]")]
    assert asked_of_another("What about Microsoft?", fired) is None
    balked = "“After the board fired Sam Altman, investors balked and Microsoft hired him.” [1]"
    assert asked_of_another("What about Microsoft?", [Turn(fired[0].question, balked)]) is None
    # A pronoun before the name, or not a possessive, points back still.
    assert asked_of_another("What about Oppenheimer?", [Turn("How much did its stock rise after Barbie?", "")]) is None
    assert asked_of_another("What about Oppenheimer?", [Turn("How much did Barbie make before it?", "")]) is None


def test_a_follow_up_saying_nothing_of_its_own_keeps_the_story_though_declined() -> None:
    """A probe's "How much did they pay?" after "Who bought Silicon Valley Bank?", "Why?" and
    "How much?" (all declined) was told "they" referred to nothing asked before."""
    history = [Turn("Who bought Silicon Valley Bank?", ""), Turn("Why?", ""), Turn("How much?", "")]
    assert carry_entities("How much did they pay?", history) == "How much did they pay? Silicon Valley Bank"
    # A question of its own, though short, ends the walk: its words are what "it" is.
    lahaina = [Turn("What did Governor Green say about Lahaina?", ""), Turn("what about hurricane idalia?", "")]
    assert carry_entities("How strong was it?", lahaina) == "How strong was it? hurricane idalia"


def test_a_relative_day_in_an_answer_is_no_name_to_carry() -> None:
    """A probe's "Who is leading it?" searched "Tonight (2023-10-10)": the last answer's
    "The Tonight Show …" had been carried, and read as a period."""
    assert names_in("“Tonight, the UAW said talks would go on.” [1]", quotes=True) == ["UAW"]
    history = [
        Turn("What is the latest on the UAW strike?", "“The UAW struck Ford.” [1]"),
        Turn("What about last week?", "“Shows such as The Tonight Show Starring Jimmy Fallon returned.” [1]"),
    ]
    assert "Tonight" not in carry_entities("Who is leading it?", history)


def test_a_days_possessive_is_no_name_to_carry() -> None:
    """A chat tester's "What were Tuesday's winning numbers?" had carried "Tuesday's" to "What
    are the odds of winning it?", as the story and as the period searched (that Tuesday alone)."""
    assert names_in("What were Tuesday's winning numbers for Mega Millions?") == ["Mega Millions"]
    assert names_in("What were Tuesday’s winning numbers?") == []
    history = [
        Turn("How big is the Mega Millions jackpot now?", "“The Mega Millions jackpot is $830 million.” [1]"),
        Turn("What were Tuesday's winning numbers?", "“The winning numbers were 7, 29 and 60.” [1]"),
    ]
    names, _ = carried_over("What are the odds of winning it?", history)
    assert not any("Tuesday" in name for name in names), names


def test_a_follow_up_knows_when_its_story_was_declined() -> None:
    declined = [Turn("What did Rubiales do?", "")]
    assert declined_story("Who bought it?", declined) == "What did Rubiales do?"
    # Another time may hold the story.
    assert declined_story("What about two weeks later?", declined) is None
    assert declined_story("What did he do the following week?", declined) is None
    # Through a follow-up that went on with it; not when the story was answered.
    assert declined_story("Why?", [*declined, Turn("Who bought it?", "")]) == "What did Rubiales do?"
    assert declined_story("Who bought it?", [Turn("What did Rubiales do?", "“He kissed a player.” [1]")]) is None
    # Declined, then found at another time: the story is alive.
    found_later = [Turn("What is the latest on the UAW strike?", ""), Turn("What about last week?", "“…” [1]")]
    assert declined_story("Who is leading it?", found_later) is None


def test_a_question_naming_its_own_subject_stands_alone() -> None:
    question = "How many people died in the Morocco earthquake?"
    assert carry_entities(question, [LAHAINA]) == question


def test_questions_that_went_on_with_the_story_keep_its_subject() -> None:
    # Taking up its words ("the fire"), or answered from its passages (they write "Lahaina").
    spread = Turn("What caused the fire to spread so fast?", "“It hit so fast.” [1]")
    cleanup = Turn("Who is responsible for the cleanup?", "“Crews began clearing Lahaina’s debris.” [1]")
    for history in ([LAHAINA, spread], [LAHAINA, cleanup], [LAHAINA, spread, cleanup]):
        assert carry_entities("How much will that cost?", history).startswith("How much will that cost? Lahaina")
    # A name inside another word is not written: "Ian" in "Brian".
    hurricane = Turn("What did Ian destroy in Florida?", "")
    brian = Turn("Who is responsible for the cleanup?", "“Brian Smith said crews began.” [1]")
    assert "Ian" not in carry_entities("How much will that cost?", [hurricane, brian])
    # With no word of its own, it went on with the story, whatever its answer named (a probe's
    # "What caused the fire?" was read with the Moku'ula palace of the toll question's answer).
    toll = Turn("How many people died?", "“The town of 13,000 people was home to the Moku'ula palace.” [1]")
    history = [Turn("What happened in Lahaina?", "“Lahaina is centuries old.” [1]"), toll]
    assert carry_entities("What caused the fire?", history).startswith("What caused the fire? Lahaina")
    # A short question with a word of its own stood alone: the next is about it, not Lahaina.
    inflation = Turn("what's the inflation rate?", "“Inflation eased in July, the Labor Department said.” [1]")
    assert "Lahaina" not in carry_entities("Why is it so high?", [LAHAINA, inflation])
    # Answered from another story's passages, it started that story: nothing of Lahaina is carried.
    other = Turn("Who is responsible for the cleanup?", "“Volunteers cleared Fort Myers after Hurricane Ian.” [1]")
    assert "Lahaina" not in carry_entities("How much will that cost?", [LAHAINA, other])
    # "the latest" takes up no story: any story can be asked about so.
    strike = Turn("What is the latest on the UAW strike?", "")
    latest = Turn("What is the latest on the inflation rate?", "")
    assert "UAW" not in carry_entities("How much will that cost?", [strike, latest])


def test_a_follow_up_that_moves_the_period_carries_the_moved_dates() -> None:
    as_of = date(2023, 8, 20)  # "this week" is 2023-08-13 to 2023-08-20
    week = [Turn("What happened in Lahaina this week?", "“Crews searched Lahaina.” [1]")]
    # The dates say the move: its words ("week", "before") are not searched for.
    assert carry_entities("And the week before?", week, as_of=as_of) == (
        "And? Lahaina between 2023-08-06 and 2023-08-13"  # not the answer's "Crews"
    )
    # The moved week stays for the next question, and moves again with the next move.
    week.append(Turn("And the week before?", "“Lahaina was dry.” [1]"))
    assert (
        carry_entities("Who was arrested?", week, as_of=as_of)
        == "Who was arrested? Lahaina between 2023-08-06 and 2023-08-13"
    )
    assert carry_entities("And two days later?", week, as_of=as_of).endswith("between 2023-08-08 and 2023-08-15")
    # Never past the as-of day; and days still to come are no period at all.
    last_week = [Turn("What happened in Lahaina last week?", "")]
    assert carry_entities("What about a week later?", last_week, as_of=as_of).endswith(
        "between 2023-08-13 and 2023-08-20"
    )
    assert "between" not in carry_entities("And the month after?", week[:1], as_of=as_of)
    # A move with no unit ("next") has no dates to move by: the period is dropped, as before.
    assert carry_entities("What happened next?", week[:1], as_of=as_of) == "What happened next? Lahaina"
    # Asking only when, it takes the story's names, not the last answer's ("Crews"), which no
    # article of the moved week may write; with "he" or "they", the answer's names may be who.
    assert carry_entities("What did they say a week later?", week[:1], as_of=as_of).startswith(
        "What did they say? Lahaina Crews"
    )


def test_a_day_moved_to_the_week_before_is_that_week() -> None:
    """A Discord probe's "And the week before?" after the debate of August 23 searched Aug 16 alone."""
    debate = [Turn("What happened at the GOP debate on August 23?", "“…” [1]")]
    as_of = date(2023, 10, 31)
    assert carry_entities("And the week before?", debate, as_of=as_of).endswith("between 2023-08-16 and 2023-08-22")
    assert carry_entities("And the following week?", debate, as_of=as_of).endswith("between 2023-08-24 and 2023-08-30")
    # Moved by a week, a day is a day.
    assert carry_entities("What about a week later?", debate, as_of=as_of).endswith(" on 2023-08-30")
    day = resolve_time_range("on 2023-08-30", as_of)
    assert day is not None and (day.start, day.end) == (date(2023, 8, 30), date(2023, 8, 30))


def test_a_name_that_looks_like_a_date_is_no_period_to_carry() -> None:
    history = [Turn("What did USA Today report about Blinken this week?", "")]
    assert carry_entities("What about Netanyahu?", history) == "What about Netanyahu? USA Today Blinken this week"


def test_a_story_whose_questions_name_nothing_is_carried_by_its_words():
    """A chat's "how many people got sick" after "what flour is linked to the salmonella outbreak"
    was searched alone (Covid boosters), and "how many states" after it too (declined)."""
    flour = Turn("what flour is linked to the salmonella outbreak", "“CDC links Gold Medal flour to it.” [1]")
    assert carry_entities("how many people got sick", [flour], follows=True) == (
        "how many people got sick salmonella outbreak"
    )
    sick = Turn("how many people got sick", "“Most people in the salmonella outbreak ate raw dough.” [1]")
    assert carry_entities("how many states", [flour, sick]) == "how many states salmonella outbreak"
    # A question naming the story's own name needs none of its words ("delete" had been searched).
    tiktok = Turn("how long do federal agencies have to delete TikTok", "“Agencies have 30 days.” [1]")
    assert carry_entities("what did TikTok say", [tiktok], follows=True) == "what did TikTok say"


def test_a_country_named_tells_no_story_and_the_storys_thing_is_carried():
    """A chat's "Where did they come from?" after "How many flamingos did Hurricane Idalia blow
    across the US?" was searched with "Hurricane Idalia US", and answered with the landfall."""
    flamingos = Turn("How many flamingos did Hurricane Idalia blow across the US?", "“About 150 flamingos.” [1]")
    assert carry_entities("Where did they come from?", [flamingos]).endswith("flamingos")
    # Two names that tell the story are enough without its words.
    talks = Turn("How many flamingos did Blinken show Abbas?", "“About 150 flamingos.” [1]")
    assert "flamingos" not in carry_entities("Where did they come from?", [talks])


def test_the_answers_own_day_labels_are_not_carried_as_names():
    """ "Earlier reporting (Nov 28, 2022):" and "As of Jul 14:" are the answer's words (bot/extractive.py)."""
    last = Turn(
        "Which volcano began erupting this week?",
        "“The lava rose on Wednesday.” [1] Earlier reporting (Nov 28, 2022): “Kilauea erupted on Sunday.” [2]",
    )
    assert carry_entities("What did officials say?", [last]) == "What did officials say? Kilauea this week"
    dated = Turn(
        "How many died?", "As of Jul 14: “The toll in Valmora rose to 31.” [1] On Jul 2: “The toll was 12.” [2]"
    )
    assert carry_entities("Why?", [dated]) == "Why? Valmora"


@pytest.mark.parametrize(
    ("text", "small_talk"),
    [
        ("lol thanks", True),
        ("ok cool", True),
        ("👍", True),
        ("Thank you very much!", True),
        ("thanks, what about Egypt?", False),
        ("Tell me more", False),
        ("Who won?", False),
        ("No", True),
        ("2022", False),  # a number is an answer to something, or a question
        ("No？", False),
        ("<:pepe_ok:123456789012345678>", True),
        # Said to each other under an answer (a reply to one is a follow-up; a review's).
        ("+1", True),
        ("same", True),
        ("good bot", True),
        ("that's wrong", True),
        ("no way", True),
        ("wrong?", False),
        ("Which way did it go?", False),
    ],
)
def test_small_talk_is_no_question(text: str, small_talk: bool) -> None:
    assert is_small_talk(text) is small_talk


def test_a_question_saying_only_when_goes_on_with_the_story() -> None:
    # Alone, "What happened in October?" names no subject: a probe's thread on OpenAI had it declined.
    history = [Turn("What happened with OpenAI and Sam Altman?", "“Altman was ousted.” [1]")]
    assert is_follow_up("What happened in October?", history)
    assert carry_entities("What happened in October?", history) == "What happened in October? OpenAI Sam Altman"
    assert not is_follow_up("What is the inflation rate in October?", history)  # a subject of its own
    # After a month alone ("What about December?", declined), the story is still OpenAI's.
    history.append(Turn("What about December?", ""))
    assert carry_entities("What happened in October?", history) == "What happened in October? OpenAI Sam Altman"


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("What about December?", True),  # a month alone, after the opener (a probe kept November's dates)
        ("What happened in October?", True),
        ("And the week before?", True),
        ("Who bought it?", False),
        ("What about Ukraine?", False),
    ],
)
def test_a_follow_up_asking_for_a_period_of_its_own(question: str, asks: bool) -> None:
    assert asks_for_a_period(question) is asks


@pytest.mark.parametrize(
    ("text", "nothing"),
    [
        ("how r u today", True),
        ("Good morning!", True),
        ("hey there!", True),
        ("hey there, what happened in Gaza?", False),
        ("what can you do?", True),
        ("how are you guys covering the strike?", False),
        ("who are you voting for", False),
        ("what can you do about inflation?", False),
        ("whats up with the uaw strike", False),
        ("tell me a joke about the fed", False),
    ],
)
def test_talk_to_the_bot_asks_nothing_but_a_question_that_starts_so_does(text, nothing):
    assert asks_nothing(text) is nothing


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        # A probe's thread: "thanks" and "cool" had been searched too, and no figure nor leader found.
        ("thanks! and how many Israelis were killed?", "and how many Israelis were killed?"),
        ("ok cool. who is the leader of Hamas?", "who is the leader of Hamas?"),
        ("Thank you very much! Who won?", "Who won?"),
        # No mark after it, or nothing after it: as typed.
        ("Great Barrier Reef news?", "Great Barrier Reef news?"),
        ("Nice weather in Paris?", "Nice weather in Paris?"),
        ("thanks!", "thanks!"),
        # A review's: words that open questions too.
        ("Nice, France attack: how many died?", "Nice, France attack: how many died?"),
        ("No. 1 seed: who?", "No. 1 seed: who?"),
        ("Great, Britain and France: what did they sign?", "Great, Britain and France: what did they sign?"),
    ],
)
def test_thanks_before_a_question_is_no_part_of_it(text: str, asked: str) -> None:
    assert without_small_talk(text) == asked


def test_a_rank_is_no_part_of_a_name() -> None:
    """A chat probe's "Italy’s No" (of "Italy’s No. 1 fugitive") was carried into "what's his
    nickname?" in place of the Mafia boss's name."""
    answer = "“ROME – Italy’s No. 1 fugitive, convicted Mafia boss Matteo Messina Denaro, was arrested.” [1]"
    assert names_in(answer, quotes=True) == ["ROME", "Italy’s", "Mafia", "Matteo Messina Denaro"]
    downing = "“No. 10 Downing Street and No Labels said so.” [1]"
    assert names_in(downing, quotes=True) == ["Downing Street", "No Labels"]


@pytest.mark.parametrize(
    ("text", "asked", "switches"),
    [
        # A chat probe's, after the actors' strike: declined for "different", and read as about the strike.
        ("different question: how bad is the flooding in Vermont?", "how bad is the flooding in Vermont?", True),
        ("New topic - who won the Masters?", "who won the Masters?", True),
        ("thanks! on another note, who won the Masters?", "who won the Masters?", True),
        ("Unrelated, but who won the Masters?", "who won the Masters?", True),
        ("changing the subject: what did the Fed do?", "what did the Fed do?", True),
        ("Totally different question: who won?", "who won?", True),
        ("So, change of subject: who won?", "who won?", True),
        ("off topic, but who won?", "who won?", True),
        # A chat tester's.
        ("Other news: was Donald Trump indicted?", "was Donald Trump indicted?", True),
        ("Other news outlets said what?", "Other news outlets said what?", False),
        # One more question of the story: not searched (a review's "Another" was read as a name), and
        # a follow-up still; so is one that says it is the same story.
        ("one more question: who was the youngest?", "who was the youngest?", False),
        ("Another question: how many were on board?", "how many were on board?", False),
        ("Different question but same story: who died?", "who died?", False),
        ("Different question, same story: who died?", "who died?", False),
        # A question about a new thing: as typed.
        ("different question?", "different question?", False),
        ("New topics at the summit: what were they?", "New topics at the summit: what were they?", False),
        ("Another story broke: who reported it?", "Another story broke: who reported it?", False),
    ],
)
def test_a_new_subject_said_first_is_no_part_of_the_question(text: str, asked: str, switches: bool) -> None:
    assert without_small_talk(text) == asked
    assert switches_topic(text) is switches


def test_a_new_subject_announced_alone_asks_nothing() -> None:
    """A review's "different question:" alone had been answered as a follow-up about the story."""
    for said in ("different question:", "Unrelated", "new topic -", "So, change of subject.", "thanks! new topic."):
        assert asks_nothing(said), said
    for asked in ("different question: who won?", "Unrelated news?", "new topics?"):
        assert not asks_nothing(asked), asked


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Is it true that Silicon Valley Bank failed on March 10?", "Silicon Valley Bank failed on March 10?"),
        ("Is it true the deal passed in May?", "the deal passed in May?"),
        ("Was it really true that Trump was indicted?", "Trump was indicted?"),
        ("True or false: Kelly Clarkson will release an album.", "Kelly Clarkson will release an album."),
        ("Fact check: Biden said Trump echoes Nazi Germany", "Biden said Trump echoes Nazi Germany"),
        ("fact-check whether the bridge fell", "the bridge fell"),
        ("thanks! is it correct that Musk bought Twitter?", "Musk bought Twitter?"),
        # Nothing after it, or a word that only starts so: as typed.
        ("Is it true?", "Is it true?"),
        ("Is it right-wing?", "Is it right-wing?"),
        ("Is it trueish that x?", "Is it trueish that x?"),
        ("Verification of the claims?", "Verification of the claims?"),
        # A review's: a judgement asked, or words that only start like the check.
        ("Was it right for Biden to veto the bill?", "Was it right for Biden to veto the bill?"),
        ("Is it correct to say the deal passed?", "Is it correct to say the deal passed?"),
        ("Verify accounts cost how much on Twitter?", "Verify accounts cost how much on Twitter?"),
        ("Is it true or false that SVB failed?", "SVB failed?"),
        ("Fact check this: Biden said X", "Biden said X"),
    ],
)
def test_a_claim_to_check_is_asked_without_the_words_that_ask_to_check_it(text: str, asked: str) -> None:
    assert without_small_talk(text) == asked


def test_a_claim_to_check_is_read_in_its_own_tense(sample_services) -> None:
    """ "Is it true that … failed on March 10?" asked in December is last March's: the "is" of the
    asking had read it in the present tense, as next year's March 10, after as_of (a probe's)."""
    found = sample_services.answers.retrieve("Is it true that the talks failed on March 10?", date(2023, 12, 1))
    assert found.time_range is not None and found.time_range.start == date(2023, 3, 10), found.label
    assert found.typed == "Is it true that the talks failed on March 10?"


def test_thanks_before_a_follow_up_leaves_the_follow_up(sample_services) -> None:
    answers = sample_services.answers
    first = answers.answer("Who did Blinken meet in Ramallah?", date(2023, 2, 1))
    history = [Turn(first.question, first.text)]
    plain = answers.answer("What did he discuss there?", date(2023, 2, 1), history=history)
    thanked = answers.answer("ok thanks! what did he discuss there?", date(2023, 2, 1), history=history)
    assert not thanked.abstained and thanked.text == plain.text
    assert thanked.question == "ok thanks! what did he discuss there?"  # kept as typed


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("Hey, who won the Masters?", "who won the Masters?"),
        ("btw who won the nba championship", "who won the nba championship"),
        ("Hi! who won the super bowl", "who won the super bowl"),
        ("hey newsdesk what happened in ukraine", "what happened in ukraine"),
        ("@everyone who won the super bowl", "who won the super bowl"),
        # Names and titles stay, as do code, paths and addresses (a review's).
        ("@nytimes: what did it report on Ukraine?", "@nytimes: what did it report on Ukraine?"),
        ("Hello, Dolly! revival: who stars?", "Hello, Dolly! revival: who stars?"),
        ("Yo! MTV Raps: is it returning?", "Yo! MTV Raps: is it returning?"),
        ("What is __init__.py?", "What is __init__.py?"),
        ("What is at https://x.com/_a_/b?", "What is at https://x.com/_a_/b?"),
        ("<@123456789> who won the super bowl?", "who won the super bowl?"),
        ("Who won the _Super Bowl_?", "Who won the Super Bowl?"),
        ("**Who** won the ~~Grammys~~ Oscars?", "Who won the Oscars?"),  # struck out: taken back
        ("Who ~~lost~~ won the Super Bowl?", "Who won the Super Bowl?"),
        # A second review's: "whats", no space, two greetings, a call between, a mark before a stop.
        ("Hey, whats the latest on Ukraine?", "whats the latest on Ukraine?"),
        ("hi,who won the Masters?", "who won the Masters?"),
        ("hey, hi, who won the Masters?", "who won the Masters?"),
        ("Hey @everyone, who won?", "who won?"),
        ("Tell me about **Taylor Swift**.", "Tell me about Taylor Swift."),
        (".NET 8: when is it out?", ".NET 8: when is it out?"),
        ("-40 degrees: where?", "-40 degrees: where?"),
        ("Hey - who won?", "who won?"),
        # Names, and text with nothing else in it, stay as typed.
        ("Hello Kitty sales rose by how much?", "Hello Kitty sales rose by how much?"),
        ("@elonmusk tweeted what?", "@elonmusk tweeted what?"),
        ("Yo-Yo Ma played where?", "Yo-Yo Ma played where?"),
        ("What is snake_case_name?", "What is snake_case_name?"),
        ("What is 5 * 3 * 2?", "What is 5 * 3 * 2?"),
        ("<@123>", "<@123>"),
        ("Hi", "Hi"),
    ],
)
def test_a_greeting_mentions_and_marks_of_emphasis_are_not_searched(typed: str, plain: str) -> None:
    assert without_chat_marks(typed) == plain


def test_a_question_with_a_mention_is_answered_as_without_it(sample_services) -> None:
    """An edge-case tester's "<@123456789> who won the super bowl?" was declined as no article
    mentioning 123456789, and "Hey, who won the Masters?" lost the latest-result reading."""
    answers = sample_services.answers
    plain = answers.answer("Who did Blinken meet in Ramallah?", date(2023, 2, 1))
    for typed in ("<@123456789> Who did Blinken meet in _Ramallah_?", "Hey, who did Blinken meet in Ramallah?"):
        marked = answers.answer(typed, date(2023, 2, 1))
        assert not marked.abstained and marked.text == plain.text, marked.text
        assert marked.question == typed  # kept as typed


def test_a_struck_out_word_is_not_carried_into_the_next_turn(sample_services) -> None:
    """A review's "~~Where~~ Who is …?" then "When was he elected?" was read as a follow-up about
    "Where" and "Who": the earlier question is read without its marks too."""
    answers = sample_services.answers
    first = answers.answer("Who did Blinken meet in Ramallah?", date(2023, 2, 1))
    marked = [Turn("~~Where~~ Who did Blinken meet in Ramallah?", first.text)]
    plain = [Turn("Who did Blinken meet in Ramallah?", first.text)]
    follow_up = answers.retrieve("What did he discuss there?", date(2023, 2, 1), history=marked)
    assert follow_up.subject == answers.retrieve("What did he discuss there?", date(2023, 2, 1), history=plain).subject
    assert "Where" not in follow_up.subject and "Where" not in follow_up.query, follow_up.query


def test_a_new_subject_said_first_forgets_the_story(sample_services) -> None:
    """A chat probe's "different question: how bad is the flooding in Vermont?" after a question on
    the actors' strike was read as a follow-up about Hollywood: the words say it is not one."""
    answers = sample_services.answers
    first = answers.answer("Who did Blinken meet in Ramallah?", date(2023, 2, 1))
    history = [Turn(first.question, first.text)]
    switched = answers.retrieve("different question: what did he discuss there?", date(2023, 2, 1), history=history)
    assert switched.searched_text == "what did he discuss there?", switched.searched_text
    assert answers.respond(switched).abstained
    followed = answers.retrieve("one more question: what did he discuss there?", date(2023, 2, 1), history=history)
    assert "Blinken" in followed.searched_text, followed.searched_text
    # Said alone in a Discord thread (the log keeps it as a turn), the questions after it are new too.
    announced = [*history, Turn("different question:", "")]
    after = answers.retrieve("what did he discuss there?", date(2023, 2, 1), history=announced)
    assert after.searched_text == "what did he discuss there?", after.searched_text
    # Going back reaches past it: "Back to Blinken - what did he discuss there?".
    back = answers.retrieve("Back to Blinken - what did he discuss there?", date(2023, 2, 1), history=announced)
    assert "Ramallah" in back.searched_text, back.searched_text
    # But not through a new subject to the story before it (a review's "back to the game" had gone
    # on with the strike asked before the game).
    switched = [*history, Turn("different question: who won the game?", "")]
    game = answers.retrieve("back to the game - who scored?", date(2023, 2, 1), history=switched)
    assert "Blinken" not in game.searched_text, game.searched_text


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("who else?", True),
        ("And who else?", True),
        ("any others?", True),
        ("Who else is there?", True),
        # A question of its own, read as any follow-up is.
        ("What else did she tell him?", False),
        ("Who else won an award?", False),
    ],
)
def test_asks_for_others(question: str, asks: bool) -> None:
    assert asks_for_others(question) is asks


def test_the_quotes_of_an_answer() -> None:
    answer = "On Feb 1: “Haley will run.” [1] “Scott may, he said.” [2] Note: “not a quote”"
    assert quoted_in(answer) == {"Haley will run.", "Scott may, he said."}


def test_chat_spellings_of_the_words_that_ask_are_read_as_those_words() -> None:
    """A chat probe's "wat was the chinese baloon thing" made "Wat" the story every follow-up was
    declined for, and "wen did it happen" quoted Dr. Leana Wen."""
    assert chat_spelt("wat happend at michigan state") == "what happened at michigan state"
    assert chat_spelt("wen did it happen, and wher?") == "when did it happen, and where?"
    assert chat_spelt("how many ppl were killed") == "how many people were killed"
    # Capitalised, they are names, or another language's words.
    for kept in ("Who visited Wat Arun?", "What did Wen Jiabao say?", "Wen hat Blinken in Ramallah getroffen?"):
        assert chat_spelt(kept) == kept
    assert chat_spelt("whatever wattage") == "whatever wattage"  # whole words only
    # Only where a clause opens: a name, or German, otherwise (a review's).
    assert chat_spelt("what did leana wen say") == "what did leana wen say"
    assert chat_spelt("an wen hat blinken geschrieben") == "an wen hat blinken geschrieben"
    assert chat_spelt("ok so wat happend next") == "ok so what happened next"
    assert chat_spelt("svb collapse wat happend") == "svb collapse what happened"  # had been read as Dutch
    # "wen" after a topic word asks when (a second review's); after a title, it is the name.
    assert chat_spelt("svb collapse wen did it happen") == "svb collapse when did it happen"
    assert chat_spelt("what did dr. wen say") == "what did dr. wen say"


def test_going_back_to_an_earlier_story_goes_on_with_the_turn_that_asked_of_it() -> None:
    """A chat probe's "Back to the earthquake - are they still finding survivors?" after a Super
    Bowl question was "a follow-up about Back", and answered with the Super Bowl."""
    quake = Turn("How many people died in the Turkey earthquake?", "“More than 41,000 died.” [1]")
    bowl = Turn("Who won the Super Bowl?", "“The Chiefs won.” [1]")
    back = "Back to the earthquake - are they still finding survivors?"
    assert back_to(back, [quake, bowl]) == ("are they still finding survivors?", [quake])
    assert back_to("ok, going back to the earthquake: how strong was it?", [quake, bowl]) == (
        "how strong was it?",
        [quake],
    )
    assert carry_entities(*back_to(back, [quake, bowl])) == "are they still finding survivors? Turkey earthquake"
    war = Turn("How did the Israel-Hamas war start?", "“Hamas attacked on Oct. 7.” [1]")
    assert back_to("Back to the Israel-Hamas war - how many died?", [war, bowl]) == ("how many died?", [war])
    assert back_to("back to the earthquake- are they ok", [quake, bowl]) == ("are they ok", [quake])
    # No turn asked of it, or no going back: the question as it is.
    assert back_to("Back to the election - who won?", [quake, bowl]) is None
    assert back_to("Who brought back the ban?", [quake, bowl]) is None
    # The turns after it go on with the story gone back to.
    survivors = Turn(back, "“Survivors are still being rescued.” [1]")
    assert gone_back([quake, bowl, survivors]) == [quake, Turn("are they still finding survivors?", survivors.answer)]
    assert carry_entities("where did they find them?", gone_back([quake, bowl, survivors])) == (
        "where did they find them? Turkey Survivors earthquake"
    )


def test_a_title_written_short_is_no_name() -> None:
    """A chat probe's follow-up after "Which bill did Gov. DeSantis sign …?" was "about Gov, DeSantis"."""
    assert names_in("Which bill did Gov. DeSantis sign to crack down on illegal immigration?") == ["DeSantis"]
    assert names_in("“Sen. Jeff Taylor and Rep. Smith met Dr. Fauci.” [1]", quotes=True) == [
        "Jeff Taylor",
        "Smith",
        "Fauci",
    ]
    assert names_in("Why did Florida Gov. Ron DeSantis sign it?") == ["Florida", "Ron DeSantis"]
    # A title's letters in capitals are an acronym ending a sentence (a review's).
    assert names_in("“Epstein-Barr can trigger MS.” [1]", quotes=True) == ["Epstein-Barr", "MS"]


def test_the_company_of_the_story_is_a_follow_up() -> None:
    """A chat tester's "How much debt does the company have?" after Thames Water's troubles was
    declined as general knowledge; "the company that makes …" says which, and alone it is no
    follow-up."""
    told = "“Thames Water, one of the UK's water companies, is in talks with the union over its debt.” [1]"
    history = [Turn("Why is Thames Water in trouble?", told)]
    assert is_follow_up("How much debt does the company have?", history)
    assert is_follow_up("What did the union demand?", history)
    assert carry_entities("How much debt does the company have?", history).endswith("Thames Water")
    assert not is_follow_up("How much debt does the company behind Ozempic have?", history)
    assert not is_follow_up("How much debt does the company have?")
    # Told of earlier in the conversation, or as a plural (a review's "agencies").
    fema = [Turn("What did FEMA do in Maui?", "“Federal agencies sent aid to Maui.” [1]")]
    assert is_follow_up("What did the agency send?", fema)
    assert is_follow_up("What did the union demand?", [*history, Turn("Why?", "“Rates rose.” [1]")])
    # A body the story never told of: another story (a review's, after the Super Bowl).
    super_bowl = [Turn("Who won the Super Bowl?", "“The Chiefs beat the Eagles 38-35.” [1]")]
    assert not is_follow_up("Why did the bank collapse?", super_bowl)


def test_a_post_in_the_storys_body_is_a_follow_up() -> None:
    """A chat probe's "What did the CEO say?" after "Who bought Silicon Valley Bank?" had been
    searched alone, and answered with TikTok's CEO."""
    history = [Turn("Who bought Silicon Valley Bank?", "“First Citizens will buy Silicon Valley Bank.” [1]")]
    assert is_follow_up("What did the CEO say?", history)
    assert is_follow_up("what did the head coach say", history)
    # Said which, or the country's president: a question of its own.
    assert not is_follow_up("What did the CEO of Disney say about the strike?", history)
    assert not is_follow_up("What did the president say about the strike?", history)
    assert not is_follow_up("What did the CEO say?", [])


@pytest.mark.parametrize("marker", ["Unrelated:", "Different topic.", "Other news:"])
def test_the_words_saying_a_new_subject_came_are_not_carried(marker: str) -> None:
    # A chat tester's "what was the vote" after "Unrelated: what did an FDA panel recommend about
    # the Opill birth control pill?" had been declined, no article writing "Unrelated".
    history = [Turn(f"{marker} what did an FDA panel recommend about the Opill pill?", "“The panel voted 17-0.” [1]")]
    carried = carry_entities("what was the vote", history)
    assert "FDA" in carried and "Opill" in carried
    assert marker.split()[0].rstrip(":.") not in carried
    assert marker.split()[0].rstrip(":.") not in conversation_subject("what was the vote", history)


def test_an_answer_writing_the_storys_initials_went_on_with_it() -> None:
    # A chat tester's "how big was the bank" was read as about "insured": the turn before had been
    # answered of SVB, which its answer wrote as "SVB" and not "Silicon Valley Bank".
    history = [
        Turn("Which agency took over Silicon Valley Bank?", "“The FDIC took over Silicon Valley Bank.” [1]"),
        Turn("how much is insured per account", "“Customers with up to $250,000 deposited with SVB are covered.” [1]"),
    ]
    assert conversation_subject("how big was the bank", history) == ["Silicon Valley Bank"]
    # Two words' initials are no sign: "JB" is seldom Joe Biden.
    biden = [Turn("What did Joe Biden say?", "“He spoke.” [1]"), Turn("how much is insured", "“JB said $250,000.” [1]")]
    assert conversation_subject("how big was it", biden) != ["Joe Biden"]
