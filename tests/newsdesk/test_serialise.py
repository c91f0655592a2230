"""The one JSON converter (newsdesk/serialise.py): the rules every JSON shape follows, and reading back."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from pydantic import ValidationError

from newsdesk.models import Answer, Citation, Passage
from newsdesk.serialise import from_json, to_json

PASSAGE = Passage(
    "a1:h:0",
    "a1",
    "Blinken in Ramallah",
    "Blinken met Abbas.",
    date(2023, 1, 31),
    None,
    None,
    0,
    0.123456,
    ("usatoday.com",),
)
CITATION = Citation(1, "a1", "Blinken in Ramallah", None, None, date(2023, 1, 31), "Blinken met Abbas.")


def test_dates_are_iso_text_tuples_lists_and_nested_dataclasses_objects() -> None:
    answer = Answer(
        "Who?",
        "“Blinken met Abbas.” [1]",
        False,
        (CITATION,),
        (PASSAGE,),
        (date(2023, 1, 25), date(2023, 2, 1)),
    )
    data = to_json(answer)
    assert data == {
        "question": "Who?",
        "text": "“Blinken met Abbas.” [1]",
        "abstained": False,
        "citations": [
            {
                "n": 1,
                "article_id": "a1",
                "title": "Blinken in Ramallah",
                "source": None,
                "url": None,
                "published": "2023-01-31",
                "quote": "Blinken met Abbas.",
                "also_in": [],
            }
        ],
        "passages": [
            {
                "chunk_id": "a1:h:0",
                "article_id": "a1",
                "title": "Blinken in Ramallah",
                "text": "Blinken met Abbas.",
                "published": "2023-01-31",
                "source": None,
                "url": None,
                "position": 0,
                "score": 0.1235,  # four decimals: enough to compare passages
                "also_in": ["usatoday.com"],
                "lead": "",
                "tail": "",
            }
        ],
        "date_range": ["2023-01-25", "2023-02-01"],
        "date_range_label": None,
        "as_of": None,
        "notice": None,
        "mode": "extractive",
        "declined_because": None,
        "background": None,
    }
    assert json.loads(json.dumps(data)) == data  # nothing json cannot write


def test_fields_picks_and_orders() -> None:
    assert to_json(PASSAGE, ["score", "article_id"]) == {"score": 0.1235, "article_id": "a1"}
    assert list(to_json(PASSAGE, ["score", "article_id"])) == ["score", "article_id"]
    with pytest.raises(KeyError):
        to_json(PASSAGE, ["no_such_field"])


def test_from_json_reads_back_what_to_json_wrote() -> None:
    assert from_json(Citation, to_json(CITATION)) == CITATION
    assert from_json(Passage, to_json(PASSAGE)) == replace(PASSAGE, score=0.1235)
    # A field added since the data was written takes its default.
    older = {k: v for k, v in to_json(CITATION).items() if k != "also_in"}
    assert from_json(Citation, older) == CITATION
    with pytest.raises(ValidationError):
        from_json(Citation, {**older, "published": "2023-02-30"})
