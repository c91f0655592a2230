"""A verdict for true-or-false questions, only where a quote states the claim."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support.archive import services_holding

from bot.verdict import claim_of, states

MOONS = "A new moon king: 12 new moons were discovered around Jupiter, which makes it the planet with the most moons."


@pytest.mark.parametrize(
    ("question", "claim"),
    [
        ("True or false: Twelve new moons were found around Jupiter.", "Twelve new moons were found around Jupiter."),
        ("Twelve new moons were found around Jupiter. True or false?", "Twelve new moons were found around Jupiter"),
        ("True/False - Jupiter has the most known moons", "Jupiter has the most known moons"),
        ("Is it true that Jupiter has the most moons?", None),
        ("Which planet has the most moons?", None),
        ("True or false?", None),
    ],
)
def test_the_claim_of_a_true_or_false_question(question, claim):
    assert claim_of(question) == claim


@pytest.mark.parametrize(
    ("claim", "stated"),
    [
        ("Twelve new moons were discovered around Jupiter, making it the planet with the most moons.", True),
        # A name or a number swapped in, or a "not", and the quote no longer states it.
        ("Twelve new moons were discovered around Saturn, making it the planet with the most moons.", False),
        ("Fifteen new moons were discovered around Jupiter, making it the planet with the most moons.", False),
        ("Twelve new moons were not discovered around Jupiter.", False),
        # Words of its own beyond what the quote says.
        ("Twelve new moons were discovered around Jupiter by amateur astronomers using backyard telescopes.", False),
    ],
)
def test_a_quote_states_a_claim_only_with_its_names_numbers_and_nearly_all_its_words(claim, stated):
    assert states(claim, MOONS) is stated


def test_a_true_or_false_question_is_told_true_where_a_quote_states_it(isolated_state, monkeypatch, tmp_path: Path):
    """A quiz's "True or false: Twelve new moons were discovered around Jupiter …" had been answered
    with the quote alone, for the reader to judge."""
    records = [
        {"id": "moons", "published": "2023-02-08", "title": "Jupiter now has the most moons", "text": MOONS},
        {"id": "other", "published": "2023-02-07", "title": "Comet passes Earth",
         "text": "A green comet passed Earth this week for the first time in 50,000 years."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    as_of = date(2023, 2, 10)
    told = services.answers.answer(
        "True or false: Twelve new moons were discovered around Jupiter, making it the planet with the most moons.",
        as_of,
    )
    assert told.text.startswith("True, as [1] says. “A new moon king"), told.text
    swapped = services.answers.answer(
        "Twelve new moons were discovered around Saturn, making it the planet with the most moons. True or false?",
        as_of,
    )
    assert "True" not in swapped.text, swapped.text
