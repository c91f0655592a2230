"""Questions about what a period that has just begun will bring, and the weather's "it"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support.archive import services_holding

from bot.timeexpr import just_begun, resolve_time_range


@pytest.mark.parametrize(
    ("question", "as_of", "begun"),
    [
        ("is there a covid wave coming this winter", date(2023, 12, 1), True),
        ("Will the Fed cut rates this month?", date(2023, 12, 3), True),
        # Asked of what has happened, or once the period is well under way, the period is searched.
        ("How cold was it this winter?", date(2023, 12, 3), False),
        ("is there a covid wave coming this winter", date(2023, 12, 20), False),
    ],
)
def test_a_period_just_begun_asked_of_the_future(question, as_of, begun):
    time_range = resolve_time_range(question, as_of)
    assert time_range is not None
    assert just_begun(question, time_range, as_of) is begun


def test_what_this_winter_will_bring_is_read_in_the_news_before_it(isolated_state, monkeypatch, tmp_path: Path):
    """A probe's "is there a covid wave coming this winter" as of Dec 1 had searched Dec 1 alone
    and was declined; the report of the variant's rise was of Nov 30."""
    records = [
        {"id": "wave", "published": "2023-11-30", "title": "Covid variant triples as winter nears",
         "text": "Officials expect a Covid wave this winter: the BA.2.86 variant tripled its share."},
        {"id": "other", "published": "2023-11-29", "title": "Holiday travel record",
         "text": "Airports screened a record number of travelers over the Thanksgiving weekend."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    answer = services.answers.answer("is there a covid wave coming this winter", date(2023, 12, 1))
    assert not answer.abstained, answer.declined_because
    assert answer.citations[0].article_id == "wave", answer.text


def test_the_weathers_it_refers_to_nothing(isolated_state, monkeypatch, tmp_path: Path):
    """A probe's "will it snow this winter" was told that "it" refers to nothing asked before."""
    records = [
        {"id": "snow", "published": "2023-11-28", "title": "Forecasters expect a snowy winter",
         "text": "Forecasters say it will snow more than usual this winter across the Northeast."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    answer = services.answers.answer("will it snow this winter", date(2023, 11, 30))
    assert "refers to nothing" not in (answer.declined_because or ""), answer.text
    assert not answer.abstained and answer.citations[0].article_id == "snow", answer.text
