"""What happened in a period, asked with no subject: its main stories, the most followed up first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
from support.archive import services_holding

from bot.answer import PERIOD_NEWS_LEAD
from bot.period_news import main_stories


def unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_the_most_followed_story_comes_first_and_each_story_once() -> None:
    bank, bank_again, game, recipe = unit(1, 0, 0), unit(0.95, 0.05, 0), unit(0, 1, 0), unit(0, 0, 1)
    openings = np.stack([recipe, game, bank, bank_again])
    # The week after: the bank three times more, the game once.
    followed = np.stack([recipe, game, bank, bank_again, bank, bank, bank, game])
    assert main_stories(openings, followed) == [2, 1, 0]  # the bank's second report is its story's
    assert main_stories(openings, followed, limit=1) == [2]
    assert main_stories(np.zeros((0, 3), dtype=np.float32), followed) == []


BANK = (
    "Silicon Valley Bank collapsed on Friday and regulators took control of the bank, the largest "
    "bank failure since the financial crisis, as depositors rushed to pull their money."
)
RECORDS = [
    {"id": "bank", "published": "2023-03-10", "title": "Silicon Valley Bank collapses, regulators take over",
     "text": BANK},
    {"id": "recipe", "published": "2023-03-10", "title": "Five soups to cook this spring",
     "text": "A bowl of leek and potato soup is the easiest dinner of the season, and it freezes well."},
    {"id": "match", "published": "2023-03-10", "title": "Ashford Rovers draw with Leeford",
     "text": "Ashford Rovers and Leeford drew 1-1 on Friday night in front of a home crowd of 8,000."},
    {"id": "bank-2", "published": "2023-03-12", "title": "Depositors of Silicon Valley Bank wait for news",
     "text": "Silicon Valley Bank depositors waited on Sunday after regulators took control of the collapsed "
             "bank, the largest bank failure since the financial crisis."},
    {"id": "bank-3", "published": "2023-03-13", "title": "Silicon Valley Bank depositors will be paid",
     "text": "Regulators said all depositors of the collapsed Silicon Valley Bank will be paid, days after the "
             "largest bank failure since the financial crisis."},
    {"id": "later", "published": "2023-03-11", "title": "A storm hits the coast",
     "text": "A storm brought heavy rain and wind to the coast on Saturday, closing roads and schools."},
]  # fmt: skip


def test_what_happened_on_a_day_lists_its_main_stories(isolated_state, monkeypatch, tmp_path: Path) -> None:
    """Two probes' "What happened on March 10?" and "What happened on 2/6?" were declined as naming
    no subject."""
    services = services_holding(RECORDS, tmp_path, monkeypatch)
    answer = services.answers.answer("What happened on March 10?", date(2023, 3, 15))
    assert not answer.abstained, answer.text
    assert answer.text.startswith(f"{PERIOD_NEWS_LEAD} “Silicon Valley Bank collapses, regulators take over” [1]")
    cited = [c.article_id for c in answer.citations]
    assert cited[0] == "bank" and set(cited) == {"bank", "recipe", "match"}, cited  # the day's, each once
    assert answer.date_range_label == "on March 10 (2023-03-10)"
    # Asked on the day itself, the follow-ups are not yet written: no later article is read.
    same_day = services.answers.answer("What was the news on March 10?", date(2023, 3, 10))
    assert {c.article_id for c in same_day.citations} == {"bank", "recipe", "match"}, same_day.text
    # A question naming no period, or one after the as-of day, is declined as before.
    assert services.answers.answer("What happened?", date(2023, 3, 15)).abstained
    assert services.answers.answer("What will happen next week?", date(2023, 3, 15)).abstained
    # A day with no article is declined too.
    assert services.answers.answer("What happened on March 2?", date(2023, 3, 15)).abstained
