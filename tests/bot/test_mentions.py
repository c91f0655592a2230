"""Names a question gives that the quoted articles never write (bot/mentions.py)."""

from datetime import date

from bot.mentions import story_names, unmentioned
from newsdesk.models import Citation
from tests.bot.test_answer import services_holding


def test_the_names_that_say_which_story():
    # Not the first word, a common word, a day, a people's adjective, nor "US" or "President".
    assert story_names("Wildfires on Kauai this week destroyed which historic town?") == ["Kauai"]
    assert story_names("Elon Musk changed Instagram's logo this week to which letter?") == ["Musk", "Instagram"]
    assert story_names("Which European country did US President Biden visit on Sunday in June?") == ["Biden"]
    assert story_names("Honda is recalling about how many CR-V SUVs?") == ["CR-V", "SUVs"]
    assert story_names("Was the New York City snowfall the biggest?") == []  # "New", "York", "City" are common
    # An abbreviation, which articles also spell out (a review's: "never mention “E.U”").
    assert story_names("Did the E.U. and Sen. Schumer speak on Jan. 6?") == ["Schumer"]
    # Of a hyphenated word with a lower-case part, the capitalised part: "UN" of "UN-approved" (an
    # abbreviation too: "the United Nations has approved" had been told it never mentions it).
    assert story_names("What is in the UN-approved plan backed by Kishida?") == ["Kishida"]
    assert story_names("Who won the Trump-backed primary in Ohio?") == ["Trump", "Ohio"]
    assert story_names("What did GM announce on Tuesday?") == ["GM"]  # two capitals, no hyphen: a name still
    # A lower-case part inside a name is the name's ("Chick-A" had been looked for); the answer
    # "True or False?" asks for, and a people's nickname, are none (a run's false notices).
    assert story_names("In Chick-fil-A's new sandwich, what replaces the chicken?") == ["Chick-fil-A"]
    assert story_names("Punxsutawney Phil saw his shadow this year. True or False?") == ["Phil"]
    assert story_names("What percentage of Brits suffer from misophonia?") == []
    assert story_names("What changed in the Biden-to-Trump handover?") == ["Biden-Trump"]  # two names joined


def test_a_name_is_found_in_any_case_and_without_accents():
    texts = ["Beyonce thanked her truck drivers.", "KAUAI was spared."]
    assert unmentioned("Did Beyoncé pay the drivers on Kauai?", texts) == []
    assert unmentioned("Did Beyoncé pay the drivers on Oahu?", texts) == ["Oahu"]
    assert unmentioned("Did Beyoncé pay the drivers in Kauaiville?", texts) == ["Kauaiville"]  # a word, not a part
    # A plural as the singular: "How many Super Bowls …" is told as "his fourth Super Bowl".
    assert unmentioned("How many Super Bowls has Brady won?", ["Brady won his fourth Super Bowl."]) == []


def test_a_hyphenated_name_is_written_by_its_parts():
    # "Turkey-Syria" as "Turkey/Syria" or its countries apart (the toll's answer had been told it
    # never mentions "Turkey-Syria"); not when one part is missing, nor a model's short parts.
    asked = "What is the death toll from the Turkey-Syria earthquake?"
    assert unmentioned(asked, ["Death toll rises to 5000 in Turkey/Syria quake"]) == []
    assert unmentioned(asked, ["The toll in Turkey rose.", "Syria's north was hit too."]) == []
    assert unmentioned(asked, ["The toll in Turkey rose."]) == ["Turkey-Syria"]
    assert unmentioned("Honda is recalling how many CR-V cars?", ["The CR model and the V engine."]) == ["CR-V"]
    # "US" need not be written (the U.S. is written many ways); Mexico must.
    assert unmentioned("How many crossed the US-Mexico border?", ["Crossings at Mexico's border fell."]) == []
    assert unmentioned("How many crossed the US-Mexico border?", ["Crossings at the border fell."]) == ["US-Mexico"]


def test_a_country_is_written_by_its_adjective_too():
    asked = "A referee was punched this week, prompting Turkey to suspend which league?"
    assert unmentioned(asked, ["The Turkish Football Federation suspended all matches."]) == []
    assert unmentioned(asked, ["The Greek federation suspended all matches."]) == ["Turkey"]
    assert unmentioned("What did France decide this week?", ["Sales of french fries rose."]) == ["France"]


def test_an_answer_from_articles_that_never_name_it_says_so(isolated_state, monkeypatch, tmp_path):
    """A probe's made-up "Wildfires on Kauai this week destroyed which historic town?" was answered
    from the Maui fires with no word that the articles never mention Kauai."""
    records = [
        {"id": "maui", "published": "2023-08-10", "title": "Wildfires destroy historic Lahaina",
         "text": "Wildfires on Maui this week destroyed the historic town of Lahaina, officials said."},
        # Kauai is in the archive, in another story: the name checks before answering pass.
        {"id": "kauai", "published": "2023-08-01", "title": "Kauai beaches reopen",
         "text": "Beaches on Kauai reopened to swimmers after a week of high surf."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    question = "Wildfires on Kauai this week destroyed which historic town?"
    # Declined here (the best passage lacks "Kauai"); in the whole archive such answers are given
    # (bench/README.md), and then the answer quoting the Maui article says so.
    found = services.answers.retrieve(question, date(2023, 8, 11))
    maui = next(p for p in found.passages if p.article_id == "maui")
    quoted = Citation(1, "maui", maui.title, None, None, maui.published, maui.text)
    swapped = services.answers._answer(found, f"“{maui.text}” [1]", [quoted])
    assert swapped.notice == "The passages quoted from never mention “Kauai”: the answer may be about another story."
    real = services.answers.answer("Wildfires on Maui this week destroyed which historic town?", date(2023, 8, 11))
    assert not real.abstained and "never mention" not in (real.notice or ""), real


def test_the_period_asked_about_is_no_name_the_passages_must_write(isolated_state, monkeypatch, tmp_path):
    """A probe's "What did Biden say Q1?" was told the passages "never mention “Q1”": the period
    chooses the passages and is no name of the story."""
    records = [
        {"id": "a", "published": "2023-02-10", "title": "Mayor Ostrand speaks",
         "text": "Mayor Ostrand said the Elwin bridge would reopen in spring, officials said."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    answer = services.answers.answer("What did Mayor Ostrand say Q1?", date(2023, 5, 1))
    assert not answer.abstained and answer.citations, answer
    assert "never mention" not in (answer.notice or ""), answer.notice


def test_a_peoples_adjective_is_written_by_its_country():
    # A quiz's right answer (Sonneberg) was told its passages never mention "German".
    asked = "In which German district did the far-right AfD win an election for the first time?"
    assert unmentioned(asked, ["Germany's far-right AfD won its first district, Sonneberg."]) == []
    assert unmentioned(asked, ["Austria's far-right FPÖ won in Sonneberg and the AfD cheered."]) == ["German"]
    # Not a place whose name ends with the country (a review's).
    assert unmentioned("Which Welsh town was flooded?", ["Floods swept towns in New South Wales."]) == ["Welsh"]
    assert unmentioned("Which Welsh town did he visit?", ["The Prince of Wales visited."]) == ["Welsh"]
    assert unmentioned("How many Mexican soldiers were charged?", ["Soldiers in New Mexico were charged."]) == [
        "Mexican"
    ]
    assert unmentioned("How many Mexican soldiers were charged?", ["In Mexico, 16 soldiers were charged."]) == []
    assert unmentioned("How many Mexican soldiers were charged?", ["Yesterday Mexico charged 16 soldiers."]) == []
    assert unmentioned(asked, ["Chancellor Olaf Scholz of Germany condemned the AfD's win in Sonneberg."]) == []


def test_a_party_is_no_story_name():
    # A quiz's right answer was told its passages never mention "Democrat".
    asked = "Which incumbent Democrat are Republicans in Iowa's 3rd Congressional District running against?"
    seat = "Iowa's 3rd Congressional District"
    assert unmentioned(asked, [f"In {seat} they face the incumbent Democratic U.S. Rep. Cindy Axne."]) == []
    assert unmentioned(asked, [f"In {seat} they face the incumbent, Rep. Cindy Axne."]) == []
    assert unmentioned(asked, ["In Ohio's 3rd Congressional District they face Rep. Cindy Axne."]) == ["Iowa"]
