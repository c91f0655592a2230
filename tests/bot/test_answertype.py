"""The kind of answer a question asks for, and whether a sentence holds one."""

import pytest

from bot.answertype import AnswerType, expected_answer, holds_answer


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many US states have restricted TikTok on government devices?", AnswerType.NUMBER),
        ("The Mega Millions jackpot has increased to how much?", AnswerType.NUMBER),
        ("What age was Lucile Randon when she died?", AnswerType.NUMBER),
        ("By how much did inflation fall in December?", AnswerType.NUMBER),
        # A measure asked for by how it is ("How strong …", "How deep …"), and a vote's count (a
        # quiz writer's "What was the vote?" had quoted the story, not 54-43); not what a vote was about.
        ("How strong were Hurricane Lee's winds?", AnswerType.NUMBER),
        ("How deep was the Titan submersible when it imploded?", AnswerType.NUMBER),
        ("What was the final vote in the Senate?", AnswerType.NUMBER),
        ("What was the vote about?", None),
        # An ordinal, not the state's name (a probe's "… 24th state to legalize" was not quoted).
        ("Ohio became which number state to legalize recreational marijuana?", AnswerType.NUMBER),
        ("Which number one seed lost to Fairleigh Dickinson?", None),  # a name (a review's)
        ("Which Number 10 aide resigned?", None),
        ("In what year did Robert Burns write Address to a Haggis?", AnswerType.YEAR),
        ("Ardern has been prime minister since when?", AnswerType.YEAR),
        # A quiz's "the first … since:" wants a year; "since?" alone asks what happened.
        ("Miami is the first No. 8 seed to win an NBA playoff series since:", AnswerType.YEAR),
        ("Zhang is the first golfer to win in her LPGA debut since…", AnswerType.YEAR),
        ("What has happened since?", None),
        ("Who did Blinken meet in Ramallah?", AnswerType.NAME),
        ("Which European country is holding Andrew Tate?", AnswerType.NAME),
        ("Which candy brand is facing criticism over its packaging?", AnswerType.NAME),
        ("Where did the Virgin Orbit rocket launch from?", AnswerType.NAME),
        ("Which film scored the most Oscar nominations this week?", AnswerType.NAME),
        ("Why is Blinken travelling to Egypt?", None),
        ("What did Gallant say to Blinken?", None),
        ("True or false: Twitter lifted Trump's suspension.", None),
        # A helping verb after "what": the question asks what happened, not for a name.
        ("What did the president say about inflation?", None),
        ("What was the film about?", None),
        # "who" / "where" inside a clause, and the WHO, ask for no name.
        ("Why did the workers who went on strike walk out?", None),
        ("What happened in the town where the storm hit?", None),
        ("What did the WHO warn about?", None),
        ("The Bills' safety collapsed on the field. He plays for who?", AnswerType.NAME),
        ("In which country did the riot happen?", AnswerType.NAME),
        # Two helpers' July-December questions, whose answers had restated them without the name.
        ("Which union reached a tentative agreement with Hollywood studios?", AnswerType.NAME),
        ("Which Republican congressman led the effort to remove McCarthy?", AnswerType.NAME),
        ("The FDA approved the first over-the-counter birth control pill. What is it called?", AnswerType.NAME),
        ("What is the name of the new species?", AnswerType.NAME),
        ("What did the union say about the deal?", None),
        # Keywords ending in what is measured ask for a figure (a probe's "vision pro price").
        ("vision pro price", AnswerType.NUMBER),
        ("What is the death toll in Turkey and Syria?", AnswerType.NUMBER),  # a probe's
        ("What's the death toll from the Morocco earthquake?", AnswerType.NUMBER),  # and another's
        ("What’s the name of the new species?", AnswerType.NAME),
        ("Who's the new speaker?", AnswerType.NAME),
        ("lahaina fire death toll", AnswerType.NUMBER),
        ("Why did the price rise", None),  # a question word: its own cue decides
        ("vision pro launch", None),
        ("What was the union's demand?", None),
        # A measure asked for by name, and bodies and days the news names with capitals.
        ("What was the magnitude of the quake that struck the region?", AnswerType.NUMBER),
        ("What was the final score of Super Bowl 57?", AnswerType.NUMBER),  # a quiz's, led by the grass
        ("Who won Super Bowl 57 and what was the score?", AnswerType.NAME),  # the winner first (a review's)
        ("What was the halftime score of Super Bowl 57?", AnswerType.NUMBER),  # a second review's
        ("What is the population of Maui?", AnswerType.NUMBER),
        ("What was the mood of the crowd?", None),
        ("Which streaming giant warned its subscribers about password sharing?", AnswerType.NAME),
        ("Which holiday is the unofficial end of summer?", AnswerType.NAME),
    ],
)
def test_expected_answer(question, kind):
    assert expected_answer(question) is kind


HOW_MANY = "How many US states have restricted TikTok?"
WHICH_COUNTRY = "In which country is Andrew Tate being held?"


@pytest.mark.parametrize(
    ("sentence", "question", "holds"),
    [
        ("So far 31 states have acted against the app.", HOW_MANY, True),
        ("Dozens of states have acted against the app.", HOW_MANY, True),
        ("States have acted against the app on government phones.", HOW_MANY, False),
        # A number the question already has is no answer to it.
        ("The US states acted against TikTok.", "How many of the 50 US states restricted TikTok?", False),
        ("Tate was detained in Romania on Friday.", WHICH_COUNTRY, True),
        ("Tate was detained on Friday.", WHICH_COUNTRY, False),
        # The first word of a sentence is capitalised anyway: it counts unless it is a common word.
        ("Police detained him on Friday.", WHICH_COUNTRY, False),
        ("Romania has held him since December.", WHICH_COUNTRY, True),
        # The question's own subject, possessive or not, is no answer.
        ("A court heard Tate’s appeal on Friday.", WHICH_COUNTRY, False),
        ("He has played there since mid-2019.", "Since what year has he played there?", True),
        ("He played there from 1996 to 2012.", "Since what year has he played there?", True),
        ("He played there for 16 seasons.", "Since what year has he played there?", False),
        ("Anything at all.", "Why did it happen?", False),
    ],
)
def test_holds_answer(sentence, question, holds):
    assert holds_answer(sentence, expected_answer(question), question) is holds
