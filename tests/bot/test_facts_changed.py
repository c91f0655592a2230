"""A figure that changes from report to report is laid out in time order, never picked silently."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from support.archive import services_holding

from bot.extractive import (
    Candidate,
    SentenceModel,
    _cite_over_time,
    _with_newest_count,
    answer_candidates,
    compose,
    death_count,
    default_sentence_model,
)
from bot.followup import Turn
from bot.retrieve import collapse_near_duplicates
from newsdesk.models import Passage

TOLL = (
    "Officials in Valmora province said the death toll from the floods had risen to {n}, "
    "with rescue teams still searching."
)
REPORTS = [
    ("toll-1", "2023-07-02", 12, "Floods in Valmora: first reports"),
    ("toll-2", "2023-07-08", 20, "Valmora floods: the toll rises"),
    ("toll-3", "2023-07-14", 31, "Valmora floods: rescue goes on"),
]


def write_reports(folder: Path) -> Path:
    path = folder / "floods.jsonl"
    lines = [
        {"id": aid, "title": title, "published": day, "source": "example.com", "text": TOLL.format(n=n)}
        for aid, day, n, title in REPORTS
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    return path


def test_a_changing_toll_is_laid_out_newest_first(services, tmp_path: Path) -> None:
    assert services.ingestor.ingest_paths([str(write_reports(tmp_path))]).added == 3
    answer = services.answers.answer("How many people died in the Valmora floods?", date(2023, 7, 15))
    assert not answer.abstained, answer.text
    assert answer.text.startswith("As of Jul 14: “" + TOLL.format(n=31) + "” [1]"), answer.text
    assert "On Jul 8: “" + TOLL.format(n=20) + "” [2]" in answer.text
    assert [c.article_id for c in answer.citations][:2] == ["toll-3", "toll-2"]
    assert all(c.quote in answer.text for c in answer.citations)  # still verbatim


def test_as_of_an_earlier_day_only_the_figures_known_then(services, tmp_path: Path) -> None:
    services.ingestor.ingest_paths([str(write_reports(tmp_path))])
    answer = services.answers.answer("How many people died in the Valmora floods?", date(2023, 7, 9))
    assert answer.text.startswith("As of Jul 8: “" + TOLL.format(n=20)), answer.text
    assert "31" not in answer.text


def test_a_one_figure_story_is_quoted_plainly(services, tmp_path: Path) -> None:
    services.ingestor.ingest_paths([str(write_reports(tmp_path))])
    answer = services.answers.answer("How many people died in the Valmora floods?", date(2023, 7, 3))
    assert answer.text.startswith("“" + TOLL.format(n=12)), answer.text


def test_days_of_another_year_are_told_with_their_year(services, tmp_path: Path) -> None:
    services.ingestor.ingest_paths([str(write_reports(tmp_path))])
    # Asked in 2024, "On Jul 14" would read as this July's.
    answer = services.answers.answer("How many people died in the Valmora floods?", date(2024, 3, 1))
    assert answer.text.startswith("As of Jul 14, 2023: “" + TOLL.format(n=31) + "” [1]"), answer.text
    assert "On Jul 8, 2023: “" + TOLL.format(n=20) + "” [2]" in answer.text


def test_a_figure_told_again_with_other_numbers_is_no_change(services, tmp_path: Path) -> None:
    path = tmp_path / "points.jsonl"
    reports = [
        ("pts-1", "2023-01-03", "Donovan Mitchell scored 71 points as Cleveland beat Chicago in overtime."),
        (
            "pts-2",
            "2023-01-05",
            "Donovan Mitchell's 71 points were the most in an NBA game since Kobe Bryant scored 81 in 2006.",
        ),
    ]
    rows = [{"id": aid, "title": aid, "published": day, "source": "example.com", "text": t} for aid, day, t in reports]
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    services.ingestor.ingest_paths([str(path)])
    answer = services.answers.answer("How many points did Donovan Mitchell score?", date(2023, 1, 6))
    assert not answer.abstained and "71" in answer.text, answer.text
    assert "As of" not in answer.text and "On Jan" not in answer.text, answer.text


def test_a_number_both_reports_share_does_not_hide_a_changed_toll(services, tmp_path: Path) -> None:
    path = tmp_path / "quake.jsonl"
    toll = "The death toll from the magnitude 7.8 earthquake in Valmora rose to {n}, officials said."
    rows = [
        {"id": f"quake-{n}", "title": f"Quake {n}", "published": day, "source": "example.com", "text": toll.format(n=n)}
        for n, day in ((12, "2023-02-06"), (31, "2023-02-08"))
    ]
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    services.ingestor.ingest_paths([str(path)])
    answer = services.answers.answer("How many people died in the Valmora earthquake?", date(2023, 2, 9))
    assert answer.text.startswith("As of Feb 8: “" + toll.format(n=31)), answer.text


def test_copies_with_different_figures_are_not_merged() -> None:
    def passage(chunk_id: str, n: int, day: int) -> Passage:
        return Passage(chunk_id, chunk_id, "t", TOLL.format(n=n), date(2023, 7, day), "example.com", None, 0, 0.5)

    kept = collapse_near_duplicates([passage("a", 31, 14), passage("b", 12, 2), passage("c", 31, 15)], 0.8)
    assert [p.chunk_id for p in kept] == ["a", "b"]  # the same figure twice is a copy; another figure is news


def test_look_alike_reports_about_another_town_are_not_one_story(services, tmp_path: Path) -> None:
    council = "The council of {town} approved {n} thousand pounds for the bridge lights on Tuesday."
    path = tmp_path / "councils.jsonl"
    path.write_text(
        "\n".join(
            json.dumps(
                {"id": town, "title": f"{town} council", "published": day, "text": council.format(town=town, n=n)}
            )
            for town, day, n in (("Ashford", "2023-03-02", 12), ("Brampton", "2023-03-09", 30))
        )
        + "\n",
        encoding="utf-8",
    )
    services.ingestor.ingest_paths([str(path)])
    answer = services.answers.answer("How many thousand pounds did the council of Ashford approve?", date(2023, 3, 10))
    assert answer.citations[0].article_id == "Ashford", answer.text
    assert not answer.text.startswith("As of"), answer.text


def test_a_figure_only_a_headline_gives_is_laid_out_by_its_day(services, tmp_path: Path) -> None:
    # The newest report states its toll in its title alone: that figure leads, with its day, and
    # is not left undated after older ones.
    newest = {
        "id": "toll-4",
        "title": "Officials say 58 people have died in the Valmora floods",
        "published": "2023-07-20",
        "source": "example.com",
        "text": "Rescue teams searched the river banks in Valmora province on Thursday.",
    }
    path = write_reports(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + json.dumps(newest) + "\n", encoding="utf-8")
    assert services.ingestor.ingest_paths([str(path)]).added == 4
    question = "How many people died in the Valmora floods?"
    found = services.answers.retrieve(question, date(2023, 7, 21))
    answer = _compose_quoting_every_report(services, question, found.passages, found.as_of)
    assert answer.text.startswith("As of Jul 20: “Officials say 58 people have died in the Valmora floods” [1]"), (
        answer.text
    )
    assert "On Jul 14: “" + TOLL.format(n=31) in answer.text


def _passage(chunk_id: str, day: date, title: str, text: str) -> Passage:
    return Passage(chunk_id, chunk_id, title, text, day, "example.com", None, 0, 0.5)


def _compose_quoting_every_report(services, question: str, passages: list[Passage], as_of: date | None):
    """The extractive answer with every report quoted (a wide margin), as when their scores are close."""
    wide = SentenceModel(default_sentence_model().weights, margin=100.0)
    return compose(question, passages, services.answers.embed_model, 80, 4, model=wide, as_of=as_of)


def test_tolls_of_other_disasters_are_not_laid_out_as_one(services) -> None:
    """Asked about a quake no quote or headline names, the tolls of other disasters are quoted as
    they are, not as one toll that moved: the probe got "As of Sep 11, 2023: … Libya floods … On
    Feb 7, 2023: … Turkey … On Jun 22, 2022: … Afghanistan …" for the Morocco earthquake."""
    passages = [
        _passage("floods", date(2023, 9, 11), "Storm Daniel", "At least 2,000 people died in the floods in Derna."),
        _passage("quake", date(2023, 2, 7), "Quake aftermath", "The earthquake killed more than 5,000 people."),
        _passage("old", date(2022, 6, 22), "Remote region hit", "An earthquake there killed about 1,000 people."),
    ]
    question = "How many people died in the Morocco earthquake?"
    answer = _compose_quoting_every_report(services, question, passages, date(2023, 9, 12))
    assert len(answer.citations) == 3 and "As of" not in answer.text, answer.text
    # Each quote in the order of its score, the older ones under their day.
    assert not answer.text.startswith("On ") and "On Feb 7: “The earthquake" in answer.text, answer.text


def test_a_toll_whose_headlines_name_the_place_is_laid_out_by_day(services) -> None:
    toll = "The death toll has risen to {n}, officials said on {day}."
    passages = [
        _passage("first", date(2023, 7, 2), "Valmora floods: first reports", toll.format(n=12, day="Sunday")),
        _passage("later", date(2023, 7, 8), "Valmora floods: toll rises", toll.format(n=20, day="Saturday")),
    ]
    question = "How many people died in the Valmora floods?"
    answer = _compose_quoting_every_report(services, question, passages, date(2023, 7, 9))
    assert answer.text.startswith("As of Jul 8: “" + toll.format(n=20, day="Saturday")), answer.text


def test_a_possessive_names_the_place_and_old_quotes_after_the_figures_say_their_day(services) -> None:
    toll = "Officials said the death toll in Valmora had risen to {n}."
    passages = [
        _passage("first", date(2023, 7, 2), "Floods", toll.format(n=12)),
        _passage("later", date(2023, 7, 8), "Floods", toll.format(n=20)),
        _passage("past", date(2022, 9, 1), "Repairs", "The coast road bridge was repaired after the storm."),
    ]
    question = "How many people died in Valmora's floods on Tuesday?"  # "Valmora's", and a day, are no obstacle
    answer = _compose_quoting_every_report(services, question, passages, date(2023, 7, 9))
    assert answer.text.startswith("As of Jul 8: “" + toll.format(n=20)), answer.text
    bridge = "On Sep 1, 2022: “The coast road bridge was repaired after the storm.” [3]"
    assert answer.text.endswith(bridge), answer.text  # after the figures, dated as old news


def test_recent_quotes_after_the_figures_say_their_day_too(services) -> None:
    """After "On Jul 2: …" a quote with no day reads as Jul 2's: a probe's newest Turkey toll
    (35,418, of Feb 14) followed "On Feb 7: …" undated, as if a week old."""
    toll = "Officials said the death toll in Valmora had risen to {n}."
    passages = [
        _passage("first", date(2023, 7, 2), "Floods", toll.format(n=12)),
        _passage("later", date(2023, 7, 8), "Floods", toll.format(n=20)),
        _passage("recent", date(2023, 7, 5), "Repairs", "The coast road bridge was repaired after the storm."),
    ]
    question = "How many people died in Valmora's floods?"
    answer = _compose_quoting_every_report(services, question, passages, date(2023, 7, 9))
    assert answer.text.startswith("As of Jul 8: “" + toll.format(n=20)), answer.text
    assert answer.text.endswith("On Jul 5: “The coast road bridge was repaired after the storm.” [3]"), answer.text


def _candidate(passage: Passage, text: str) -> Candidate:
    return Candidate(text, 0, passage, frozenset())


def test_after_the_figures_a_quote_says_its_day_whenever_the_day_changes() -> None:
    """Quotes after laid-out figures follow their score, so articles interleave: the second quote
    of Jul 5's article, after one of Jul 7, must say Jul 5 again (a review's)."""
    toll = "The toll rose to {n}."
    first = _passage("a", date(2023, 7, 2), "Floods", toll.format(n=12))
    later = _passage("b", date(2023, 7, 8), "Floods", toll.format(n=20))
    repairs = _passage("c", date(2023, 7, 5), "Repairs", "The bridge was repaired. The road reopened.")
    army = _passage("d", date(2023, 7, 7), "Army", "The army deployed.")
    old = _passage("e", date(2022, 12, 30), "Storm", "A storm hit the coast.")
    story = [_candidate(first, first.text), _candidate(later, later.text)]
    others = [
        _candidate(repairs, "The bridge was repaired."),
        _candidate(army, "The army deployed."),
        _candidate(repairs, "The road reopened."),
        _candidate(old, "A storm hit the coast."),
    ]
    text = _cite_over_time(story, others, date(2023, 7, 9)).text
    assert text == (
        "As of Jul 8: “The toll rose to 20.” [1] On Jul 2: “The toll rose to 12.” [2] "
        "On Jul 5: “The bridge was repaired.” [3] On Jul 7: “The army deployed.” [4] "
        "On Jul 5: “The road reopened.” [3] On Dec 30, 2022: “A storm hit the coast.” [5]"
    ), text


def test_two_figures_of_one_day_are_labelled_once() -> None:
    """A quiz's "As of Sep 22, 2023: … [1] On Sep 22, 2023: … [1]" read as two days' figures, of
    one article's two sentences: the day is said once, and again only when it changes."""
    shots = _passage("a", date(2023, 9, 22), "Flu", "Less than half got a shot (47.4%). Shots cut stays by 40%.")
    older = _passage("b", date(2022, 9, 6), "Flu", "Just 45% got their flu shots.")
    story = [
        _candidate(shots, "Less than half got a shot (47.4%)."),
        _candidate(shots, "Shots cut stays by 40%."),
        _candidate(older, older.text),
    ]
    text = _cite_over_time(story, [], date(2023, 9, 25)).text
    assert text == (
        "As of Sep 22, 2023: “Less than half got a shot (47.4%).” [1] “Shots cut stays by 40%.” [1] "
        "On Sep 6, 2022: “Just 45% got their flu shots.” [2]"
    ), text


def test_the_newest_report_of_a_toll_is_quoted_though_it_scores_lower(services) -> None:
    """Asked as of Aug 25 how many died in the Maui wildfires, a probe got Aug 9's "At least 36
    people have died" alone; Aug 11's "Death toll in Maui disaster hits 80" was among the passages."""
    passages = [
        _passage(
            "first",
            date(2023, 7, 2),
            "Valmora floods updates",
            "At least 36 people have died in the Valmora floods, the county wrote in a statement on Wednesday.",
        ),
        _passage(
            "later",
            date(2023, 7, 8),
            "Death toll in Valmora disaster hits 80, deadliest in the province's history",
            "Volunteers handed out water and blankets at the school gym on Saturday.",
        ),
    ]
    question = "How many people died in the Valmora floods?"
    answer = compose(question, passages, services.answers.embed_model, 80, 4, as_of=date(2023, 7, 25))
    assert answer.text.startswith("As of Jul 8: “Death toll in Valmora disaster hits 80"), answer.text
    assert "On Jul 2: “At least 36 people have died" in answer.text


def test_the_newest_toll_a_live_blogs_headline_reports_is_found_and_quoted(isolated_state, monkeypatch, tmp_path):
    """A probe's "How many people died in the Maui wildfires?" as of Aug 20 led with Aug 11's 80:
    the Aug 12 live blog headed "… live updates: Death toll rises to 93" ranked below the older
    reports, whose text matches the question better, and its headline was read as a page's name."""
    rows = [
        {"id": "first", "title": "Valmora floods: 12 dead", "published": "2023-07-02",
         "text": "At least 12 people have died in the Valmora floods, officials said."},
        {"id": "second", "title": "Valmora floods: 20 dead", "published": "2023-07-08",
         "text": "At least 20 people have died in the Valmora floods, officials said on Saturday."},
        {"id": "blog", "title": "Valmora floods live updates: Death toll rises to 31", "published": "2023-07-14",
         "text": "Volunteers handed out water and blankets at the school gym."},
    ]  # fmt: skip
    services = services_holding(rows, tmp_path, monkeypatch, top_k=2)
    answer = services.answers.answer("How many people died in the Valmora floods?", date(2023, 7, 15))
    lead = "As of Jul 14: “Valmora floods live updates: Death toll rises to 31” [1]"
    assert answer.text.startswith(lead), answer.text


def test_a_follow_up_asking_the_toll_finds_the_newest(isolated_state, monkeypatch, tmp_path):
    """A chat probe's "how many people died?" after "What caused the Maui wildfires?" quoted Aug 9's
    36 dead: the follow-up's carried names ("Maui", and the last answer's "Maui County's",
    "Lahaina") were read as no name of one sentence, and the newest toll was not looked for."""
    rows = [
        {"id": "cause", "title": "What caused the Valmora fires", "published": "2023-07-02",
         "text": "Dry grass and high winds spread the Valmora fires through Westbury County on Tuesday. "
                 "At least 12 people have died in the Valmora fires, officials said."},
        {"id": "second", "title": "Valmora fires: 20 dead", "published": "2023-07-08",
         "text": "At least 20 people have died in the Valmora fires, officials said on Saturday."},
        {"id": "blog", "title": "Valmora fires live updates: Death toll rises to 31", "published": "2023-07-14",
         "text": "Volunteers handed out water and blankets at the school gym."},
    ]  # fmt: skip
    services = services_holding(rows, tmp_path, monkeypatch, top_k=2)
    as_of = date(2023, 7, 15)
    cause = services.answers.answer("What caused the Valmora fires?", as_of)
    answer = services.answers.answer("how many people died?", as_of, [Turn(cause.question, cause.text)])
    assert answer.text.startswith("As of Jul 14: “Valmora fires live updates: Death toll rises to 31” [1]"), answer.text


def test_history_told_beside_a_toll_is_no_figure_of_it(services):
    """The Maui live blog's "the 1918 Cloquet Fire … killing hundreds" had led a Maui toll as its newest."""
    history = "A century earlier, the 1918 Cloquet Fire raced through rural towns, killing hundreds."
    passages = [
        _passage(
            "first", date(2023, 8, 9), "Valmora fire updates", "At least 36 people have died in the Valmora fire."
        ),
        _passage("later", date(2023, 8, 11), "Death toll in Valmora fire hits 80", f"Crews kept searching. {history}"),
    ]
    question = "How many people died in the Valmora fire?"
    answer = _compose_quoting_every_report(services, question, passages, date(2023, 8, 20))
    assert answer.text.startswith("As of Aug 11: “Death toll in Valmora fire hits 80”"), answer.text
    assert "1918" not in answer.text.split("On Aug 9")[0], answer.text


def test_a_toll_asked_of_a_place_no_passage_gives_one_for_is_declined(isolated_state, monkeypatch, tmp_path):
    """A probe's "How many people were killed in the Morocco earthquake?" was answered with the Libya
    floods' toll and old quakes elsewhere: the archive held no toll for Morocco."""
    rows = [
        {"id": "libya", "title": "Libya floods: 2,000 feared dead", "published": "2023-09-12",
         "text": "As many as 2,000 people were feared dead in Libya after the storm, days after an "
                 "earthquake shook Morocco. Rescuers searched the coast."},
        {"id": "quake", "title": "Afghanistan earthquake", "published": "2022-06-22",
         "text": "The earthquake killed more than 1,000 people in Afghanistan."},
        {"id": "help", "title": "How to help earthquake victims in Morocco", "published": "2023-09-11",
         "text": "Aid groups are collecting donations for families in Morocco after the earthquake."},
    ]  # fmt: skip
    services = services_holding(rows, tmp_path, monkeypatch)
    morocco = services.answers.answer("How many people were killed in the Morocco earthquake?", date(2023, 9, 14))
    assert morocco.abstained and morocco.declined_because == "no article found gives a death toll for Morocco"
    contracted = services.answers.answer("What's the death toll from the Morocco earthquake?", date(2023, 9, 14))
    assert contracted.declined_because == "no article found gives a death toll for Morocco", contracted.text
    libya = services.answers.answer("How many people died in the Libya floods?", date(2023, 9, 14))
    assert not libya.abstained and "2,000" in libya.text, libya.text


def test_one_attacks_dead_reported_later_does_not_lead_a_wars_toll(isolated_state, monkeypatch, tmp_path: Path):
    """A probe's "What is the death toll in Gaza?" as of Oct 21 led with "At least 16 people were
    killed … in the blast" (Oct 20) over "The Palestinian death toll climbed to 2,670" (Oct 15):
    laid out newest first, one strike's dead read as the war's toll, which does not fall."""
    records = [
        {"id": "war", "published": "2023-10-15", "title": "Valmora war: toll climbs",
         "text": "The death toll in Valmora climbed to 2,670, the health ministry said Sunday."},
        {"id": "blast", "published": "2023-10-20", "title": "Strike hits Valmora church",
         "text": "At least 16 people were killed in Valmora when a strike hit a church, the health ministry said."},
        {"id": "early", "published": "2023-10-11", "title": "Valmora war: toll rises",
         "text": "The death toll in Valmora rose to 1,200 on Wednesday, the health ministry said."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    answer = services.answers.answer("What is the death toll in Valmora?", date(2023, 10, 21))
    assert not answer.abstained, answer.text
    assert answer.text.startswith("As of Oct 15: “The death toll in Valmora climbed to 2,670"), answer.text
    assert "On Oct 11: “The death toll in Valmora rose to 1,200" in answer.text
    # The strike's dead are still quoted, after the toll, and not as its latest figure.
    assert "“At least 16 people were killed in Valmora" in answer.text and "As of Oct 20" not in answer.text


RESCUE_FILLER = " ".join(
    f"Rescue team {n} searched the collapsed buildings of district {n} through the cold night, "
    f"and volunteers brought blankets, bread and water to the shelters there."
    for n in range(1, 16)
)


def test_a_newer_toll_low_in_a_long_update_is_found(isolated_state, monkeypatch, tmp_path: Path):
    """A probe's "How many people have died in the Turkey Syria earthquake?" as of Feb 12 quoted
    Feb 7's "past 5,000": the Feb 11 update that gave 21,848 was found by another of its chunks."""
    records = [
        {"id": "first", "published": "2023-02-07", "title": "Death toll rises past 5,000 in Valmora quake",
         "text": "The death toll has surged past 5,000 after a devastating earthquake struck Valmora and Ostrava."},
        {"id": "update", "published": "2023-02-11", "title": "Valmora and Ostrava earthquake survivors rescued",
         "text": "Many people have died in the Valmora earthquake, and survivors were still being pulled from "
                 f"the rubble on Saturday. {RESCUE_FILLER} Officials raised the death toll in Valmora to 21,848, "
                 "pushing the number of dead across the region, including Ostrava, to 25,401."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch, top_k=2, max_per_article=1)
    # Typed in lower case too: a probe's "how many people died in the maui fires" named nothing
    # typed with a capital, and as of Aug 20 led with Aug 12's 93 where Aug 16 said 106.
    for asked in ("How many people have died in the Valmora earthquake?", "how many people died in the valmora quake"):
        answer = services.answers.answer(asked, date(2023, 2, 12))
        assert not answer.abstained, answer.text
        assert answer.text.startswith("As of Feb 11: “Officials raised the death toll in Valmora to 21,848"), (
            answer.text
        )
        assert "On Feb 7:" in answer.text


def test_a_newer_incidents_dead_do_not_end_the_search_for_a_wars_toll(isolated_state, monkeypatch, tmp_path: Path):
    """A probe's "How many people have died in Gaza?" as of Nov 25 led with Oct 20's 4,137: Nov 24's
    "Two Palestinians were killed Friday" was read as the newest toll, so Nov 20's update, which gave
    more than 12,000 in a chunk found for another of its words, was never looked for."""
    records = [
        {"id": "october", "published": "2023-10-20", "title": "Valmora war updates",
         "text": "The health ministry in Valmora said 4,137 people have died in the war."},
        {"id": "incident", "published": "2023-11-24", "title": "Valmora truce day one",
         "text": "Two people were killed in Valmora on Friday as crowds tried to return home, officials said."},
        {"id": "update", "published": "2023-11-20", "title": "Valmora hospital evacuated",
         "text": "Doctors evacuated the main hospital in Valmora on Sunday. "
                 f"{RESCUE_FILLER} The war in Valmora has killed more than 12,000 people, the ministry said."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch, top_k=2, max_per_article=1)
    answer = services.answers.answer("How many people have died in Valmora?", date(2023, 11, 25))
    assert not answer.abstained, answer.text
    assert answer.text.startswith("As of Nov 20: “The war in Valmora has killed more than 12,000 people"), answer.text


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("The death toll rose to 93 on Friday.", 93),
        ("The Palestinian death toll climbed to 2,670, the ministry said.", 2670),
        ("Officials raised the death toll in Turkey to 21,848.", 21848),
        ("The quake killed more than 41,000 people.", 41000),
        # Said to be so: the count further from "dead" than three words.
        ("More than 19,300 people have been confirmed dead in Turkey.", 19300),
        ("As many as 2,000 people were feared dead in Libya.", 0),  # a fear, no count
        # A review's: the numbers beside the dead are not their count.
        ("Four people were killed and 34 hospitalized, among 240 casualties.", 4),
        ("The quake, killing some 12,000 people, destroyed 130,000 buildings.", 12000),
        ("Rescuers searched 300 buildings on Friday.", 0),
        # A probe's: the figure long after "toll" (it had been laid out after older, smaller ones).
        ("As the death toll from a wildfire that razed a historic Maui town reached 93, authorities warned.", 93),
        # A review's: beyond six words, only a figure the toll came to.
        ("The death toll from the fire that broke out on August 8 has risen to 93.", 93),
        ("The death toll from Hurricane Ian, which made landfall with 150 mph winds, rose to 100.", 100),
    ],
)
def test_the_count_of_dead_a_sentence_gives(sentence: str, count: int) -> None:
    assert death_count(sentence) == count


def test_a_newer_toll_weeks_after_the_passages_toll_is_found(isolated_state, monkeypatch, tmp_path: Path):
    """A probe's "How many people died in the Maui wildfires?" as of Sep 20 led with Aug 11's 80:
    the search for a newer toll read only the last two weeks, and Aug 16 had said 106."""
    records = [
        {"id": "first", "published": "2023-08-09", "title": "Valmora wildfire: 36 dead",
         "text": "At least 36 people have died in the Valmora wildfire, the county said."},
        {"id": "second", "published": "2023-08-11", "title": "Death toll in Valmora wildfire hits 80",
         "text": "The death toll in the Valmora wildfire hit 80 on Friday, the county said."},
        {"id": "update", "published": "2023-08-16", "title": "Valmora wildfire: survivors tell their stories",
         "text": "Survivors of the Valmora wildfire told of their escape on Wednesday. "
                 f"{RESCUE_FILLER} Officials raised the death toll in the Valmora wildfire to 106."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch, top_k=2, max_per_article=1)
    answer = services.answers.answer("How many people died in the Valmora wildfire?", date(2023, 9, 20))
    assert not answer.abstained, answer.text
    assert answer.text.startswith("As of Aug 16: “Officials raised the death toll in the Valmora wildfire to 106"), (
        answer.text
    )


def test_of_one_days_update_the_chunk_giving_the_largest_toll_is_found(isolated_state, monkeypatch, tmp_path: Path):
    """A probe's "How many people died in the Turkey earthquake?" as of Feb 10 led with "about 720
    Syrians who died in Turkey were brought home": of the Feb 10 update's chunks, the later one was
    taken, not the one saying the quake killed more than 23,000."""
    records = [
        {"id": "first", "published": "2023-02-07", "title": "Death toll rises past 5,000 in Valmora quake",
         "text": "The death toll has surged past 5,000 after a devastating earthquake struck Valmora."},
        {"id": "update", "published": "2023-02-10", "title": "Valmora earthquake: rescues go on",
         "text": "Rescues went on Friday after the earthquake that hit Valmora, killing more than 23,000. "
                 f"{RESCUE_FILLER} The bodies of about 720 people who died in the Valmora earthquake were "
                 "brought home for burial on Friday."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch, top_k=2, max_per_article=1)
    answer = services.answers.answer("How many people died in the Valmora earthquake?", date(2023, 2, 10))
    assert not answer.abstained, answer.text
    assert answer.text.startswith("As of Feb 10: “Rescues went on Friday after the earthquake that hit Valmora"), (
        answer.text
    )


def test_names_joined_by_a_hyphen_are_each_the_storys(isolated_state, monkeypatch, tmp_path: Path):
    """A probe's "What is the death toll from the Turkey-Syria earthquake?" was not laid out as a
    toll: its reports write "Turkey and Syria", and "turkey-syria" was read as one name."""
    records = [
        {"id": "first", "published": "2023-02-07", "title": "Death toll rises past 5,000",
         "text": "The death toll has surged past 5,000 after an earthquake struck Valmora and Ostrava."},
        {"id": "second", "published": "2023-02-11", "title": "Earthquake toll rises to 25,401",
         "text": "Officials raised the death toll in Valmora and Ostrava to 25,401 on Saturday."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    answer = services.answers.answer("What is the death toll from the Valmora-Ostrava earthquake?", date(2023, 2, 12))
    assert not answer.abstained, answer.text
    assert answer.text.startswith("As of Feb 11: “Officials raised the death toll in Valmora and Ostrava to 25,401"), (
        answer.text
    )
    assert "On Feb 7:" in answer.text


def test_history_told_beside_a_days_toll_does_not_take_its_place(isolated_state, monkeypatch, tmp_path: Path):
    """A review's: of one day's chunks, the largest count of dead was taken as the toll, and "since
    a 1939 earthquake killed some 30,000 people" is history; a timeline's "2014: … 2,251" had led
    "How many people have died in the Israel-Hamas war?"."""
    records = [
        {"id": "quake", "published": "2023-02-06", "title": "Valmora earthquake: rescuers search the rubble",
         "text": "At least 1,500 people were killed in the Valmora earthquake on Monday. "
                 f"{RESCUE_FILLER} It was Valmora's deadliest disaster since a 1939 earthquake killed some 30,000 "
                 "people."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch, top_k=1, max_per_article=1)
    answer = services.answers.answer("How many people died in the Valmora earthquake?", date(2023, 2, 6))
    assert not answer.abstained, answer.text
    assert "At least 1,500 people were killed" in answer.text, answer.text
    assert answer.text.index("1,500") < answer.text.find("30,000") or "30,000" not in answer.text, answer.text


def test_a_toll_asked_of_no_year_is_not_answered_with_history(isolated_state, monkeypatch, tmp_path: Path):
    """A review's "How many people have died in the Israel-Hamas war?" as of Oct 10 led with a
    timeline's "2014: … airstrikes kill 2,251 Palestinians and 73 Israelis"."""
    records = [
        {"id": "timeline", "published": "2023-10-07", "title": "Timeline of the Valmora war",
         "text": "2014: Rocket attacks and airstrikes in the Valmora war kill 2,251 people in seven weeks."},
        {"id": "news", "published": "2023-10-09", "title": "Valmora war: fighting goes on",
         "text": "Hundreds of people have been killed in the Valmora war since Saturday, officials said."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    answer = services.answers.answer("How many people have died in the Valmora war?", date(2023, 10, 10))
    assert not answer.abstained, answer.text
    assert "2,251" not in answer.text and "Hundreds of people have been killed" in answer.text, answer.text
    # Asked of that year, it is the answer.
    then = services.answers.answer("How many people died in the Valmora war in 2014?", date(2023, 10, 10))
    assert "2,251" in then.text, then.text


def test_the_same_days_toll_of_ten_times_as_many_takes_the_place_of_a_part_of_it(services) -> None:
    """A review's "How many people died in the Turkey-Syria earthquake?" as of Feb 10 led with
    "about 720 Syrians who died in Turkey were brought home": the same day's "killing more than
    23,000" was not quoted, its words being the headline's again."""
    passages = [
        _passage(
            "update",
            date(2023, 2, 10),
            "Valmora and Ostrava earthquake updates: Dramatic rescues of a baby",
            "About 720 people who died in the Valmora-Ostrava earthquake were brought home for burial on Friday.",
        ),
        _passage(
            "first",
            date(2023, 2, 7),
            "Death toll rises past 5,000 in Valmora quake",
            "The death toll has surged past 5,000 after an earthquake struck Valmora and Ostrava.",
        ),
        _passage(
            "rescues",
            date(2023, 2, 10),
            "Valmora and Ostrava earthquake updates: Dramatic rescues of a baby",
            "Dramatic rescues of a baby brought relief on Friday, days after the quake that hit Valmora and "
            "Ostrava, killing more than 23,000.",
        ),
    ]
    question = "How many people died in the Valmora-Ostrava earthquake?"
    answer = compose(question, passages, services.answers.embed_model, 80, 4, as_of=date(2023, 2, 10))
    assert answer.text.startswith("“Dramatic rescues of a baby brought relief"), answer.text
    assert "720" not in answer.text, answer.text  # a part of the toll


def test_a_running_total_since_an_earlier_year_is_the_toll(services) -> None:
    """A second review's: "has killed more than 9,800 people … since March 2020" names an earlier
    year than its article's, and had been dropped as history."""
    passages = [
        _passage(
            "total",
            date(2021, 6, 25),
            "Valmora COVID-19 update",
            "COVID-19 has killed more than 9,800 people in Valmora since March 2020, the health department said.",
        ),
        _passage(
            "children",
            date(2020, 8, 3),
            "Valmora schools",
            "Two children died of COVID-19 in Valmora last week, the health department said.",
        ),
    ]
    question = "How many people have died of COVID-19 in Valmora?"
    answer = compose(question, passages, services.answers.embed_model, 80, 4, as_of=date(2021, 6, 26))
    assert "9,800" in answer.text, answer.text


def _with_newest(question: str, passages: list[Passage], quoted: list[str]) -> list[str]:
    """_with_newest_count on the passages' sentences, scored in order, the ones starting so quoted."""
    found = [c for c in answer_candidates(passages) if not c.headline]
    chosen = [c for start in quoted for c in found if c.text.startswith(start)]
    kept = _with_newest_count(question, found, np.linspace(1.0, 0.5, len(found)), chosen, 60, 4)
    return [c.text for c in kept]


def test_a_toll_in_words_and_an_older_days_toll_stay_beside_a_larger_one() -> None:
    """A second review's: a same day's larger count had taken the place of a toll told in words
    ("Hundreds", no number), dropped an older day's toll, and run past the word budget."""
    question = "How many people died in the Valmora earthquake?"
    in_words = [
        _passage("a", date(2023, 2, 10), "Valmora quake", "Hundreds of people were killed in the Valmora earthquake."),
        _passage(
            "b", date(2023, 2, 10), "Aftershock", "In an aftershock, 3 people were killed in the Valmora quake zone."
        ),
    ]
    assert _with_newest(question, in_words, ["Hundreds"]) == [
        "Hundreds of people were killed in the Valmora earthquake."
    ]
    older = [
        _passage(
            "o", date(2023, 2, 7), "Valmora quake", "At least 1,500 people died in the Valmora earthquake on Monday."
        ),
        _passage(
            "u",
            date(2023, 2, 10),
            "Updates",
            "About 72 people who died in the Valmora earthquake were buried on Friday.",
        ),
        _passage(
            "x", date(2023, 2, 10), "Rescue", "The earthquake that hit Valmora has killed more than 23,000 people."
        ),
    ]
    kept = _with_newest(question, older, ["About 72", "At least 1,500"])
    assert kept == [
        "The earthquake that hit Valmora has killed more than 23,000 people.",
        "At least 1,500 people died in the Valmora earthquake on Monday.",
    ], kept
    budget = [
        _passage("u", date(2023, 2, 10), "Updates", "About 72 people who died in the Valmora earthquake were buried."),
        *(
            _passage(f"f{n}", date(2023, 2, 10), f"Aid {n}", f"Aid group {n} " + "sent tents and food to Valmora. " * 3)
            for n in range(3)
        ),
        _passage(
            "x", date(2023, 2, 10), "Rescue", "The earthquake that hit Valmora has killed more than 23,000 people."
        ),
    ]
    kept = _with_newest(question, budget, ["About 72", "Aid group 0", "Aid group 1", "Aid group 2"])
    assert kept[0].startswith("The earthquake that hit Valmora") and sum(len(t.split()) for t in kept) <= 90, kept


def test_tolls_are_laid_out_in_date_order_and_a_days_largest_first(isolated_state, monkeypatch, tmp_path: Path):
    """A probe's Maui answer gave Aug 15's 106, Aug 11's 36 and 80, then Aug 12's 93: the 93 came
    long after "toll" and was read as no toll at all, and of one day's two, the older led."""
    records = [
        {"id": "live-11", "published": "2023-08-11", "title": "Kelmor fire live updates",
         "text": "Kelmor County reported at least 36 people had died in the Kelmor fire Wednesday evening. "
                 "By Thursday night officials said the Kelmor fire had killed 80 people."},
        {"id": "live-12", "published": "2023-08-12", "title": "Kelmor fire: search goes on",
         "text": "As the death toll from the wildfire that razed a historic Kelmor town reached 93, "
                 "authorities warned Saturday that the search was still in its early stages."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch, top_k=3)
    answer = services.answers.answer("How many people died in the Kelmor fire?", date(2023, 8, 20))
    assert not answer.abstained, answer.text
    figures = [int(n) for n in re.findall(r"\b(93|80|36)\b", answer.text)]
    assert figures == [93, 80, 36], answer.text
    assert answer.text.startswith("As of Aug 12:"), answer.text


def test_an_older_page_with_a_larger_toll_says_it_was_updated_since() -> None:
    """A toll does not fall: a page dated Aug 9 giving 96 dead, after Aug 10's 36, was updated
    later, as live blogs are (a probe's "As of Aug 10: … 36 … On Aug 9: … at least 96 dead")."""
    newer = _passage("a", date(2023, 8, 10), "Fire updates", "At least 36 people have died, officials said.")
    older = _passage("b", date(2023, 8, 9), "How to help", "The fire left at least 96 dead, officials said.")
    small = _passage("c", date(2023, 8, 8), "First reports", "The fire left at least 6 dead, officials said.")
    story = [_candidate(p, p.text) for p in (newer, older, small)]
    text = _cite_over_time(story, [], date(2023, 8, 10), deaths=True).text
    assert text.startswith(
        "As of Aug 10: “At least 36 people have died, officials said.” [1] On Aug 9 (updated since): "
    )
    assert "On Aug 8: “The fire left at least 6 dead" in text  # smaller: no sign of a later update
    # Not for figures that are no death toll.
    assert "updated since" not in _cite_over_time(story, [], date(2023, 8, 10)).text
    # A quote of the same day after it is not said to be updated too: its day is told again (a review's).
    same_day = _passage("d", date(2023, 8, 9), "Shelters", "Shelters opened in Kahului, officials said.")
    pair = [_candidate(p, p.text) for p in (newer, older)]
    text = _cite_over_time(pair, [_candidate(same_day, same_day.text)], date(2023, 8, 10), deaths=True).text
    assert "On Aug 9: “Shelters opened in Kahului, officials said.”" in text, text
