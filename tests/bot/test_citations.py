"""Citations (bot/citations.py): how a source is named, the sources block, verbatim quotes, JSON."""

from dataclasses import replace
from datetime import date

import pytest

from bot.citations import citation_as_json, citation_for, describe_source, quote_is_verbatim, sources_block
from newsdesk.models import Citation, Passage

CITATION = Citation(
    1,
    "a1",
    "Blinken in Ramallah",
    "apnews.com",
    "https://apnews.com/a1",
    date(2023, 1, 31),
    "Blinken met Mahmoud Abbas in Ramallah on Tuesday.",
)


@pytest.mark.parametrize(
    ("citation", "described"),
    [
        (CITATION, "Blinken in Ramallah — apnews.com, 2023-01-31, https://apnews.com/a1"),
        (
            replace(CITATION, also_in=("usatoday.com", "theweek.co.uk")),
            "Blinken in Ramallah — apnews.com, 2023-01-31, https://apnews.com/a1, also in usatoday.com, theweek.co.uk",
        ),
        (replace(CITATION, url=None, published=None), "Blinken in Ramallah — apnews.com"),
        # Without an outlet or a url, the id is what finds the article again.
        (replace(CITATION, source=None, url=None), "Blinken in Ramallah (id a1) — 2023-01-31"),
        (replace(CITATION, title="a1", source=None, url=None), "a1 — 2023-01-31"),  # the title is the id
        (replace(CITATION, title="a1", source=None, url=None, published=None), "a1"),
    ],
)
def test_describe_source(citation: Citation, described: str) -> None:
    assert describe_source(citation) == described


def test_sources_block_is_one_numbered_line_each() -> None:
    second = replace(CITATION, n=2, article_id="b2", title="Cairo talks", source="cnn.com", url=None)
    assert sources_block([CITATION, second]) == (
        "[1] Blinken in Ramallah — apnews.com, 2023-01-31, https://apnews.com/a1\n[2] Cairo talks — cnn.com, 2023-01-31"
    )
    assert sources_block([]) == ""


def test_a_quote_is_verbatim_when_only_its_white_space_differs() -> None:
    article = "Blinken met Mahmoud Abbas\nin Ramallah on  Tuesday. He left."
    assert quote_is_verbatim("Blinken met Mahmoud Abbas in Ramallah on Tuesday.", article)
    assert quote_is_verbatim("  He   left. ", article)
    assert not quote_is_verbatim("Blinken met Abbas in Ramallah on Tuesday.", article)
    assert not quote_is_verbatim("blinken met mahmoud abbas", article)  # case counts


def test_citation_as_json_is_every_field() -> None:
    assert citation_as_json(replace(CITATION, also_in=("usatoday.com",))) == {
        "n": 1,
        "article_id": "a1",
        "title": "Blinken in Ramallah",
        "source": "apnews.com",
        "url": "https://apnews.com/a1",
        "published": "2023-01-31",
        "quote": "Blinken met Mahmoud Abbas in Ramallah on Tuesday.",
        "also_in": ["usatoday.com"],
    }
    assert citation_as_json(replace(CITATION, source=None, url=None, published=None))["published"] is None


def test_citation_for_a_passage_quotes_it_with_white_space_folded() -> None:
    passage = Passage(
        "a1:h:2",
        "a1",
        "Blinken in Ramallah",
        "Blinken met Mahmoud Abbas\nin Ramallah on Tuesday.",
        date(2023, 1, 31),
        "apnews.com",
        "https://apnews.com/a1",
        2,
        0.52,
        ("usatoday.com",),
    )
    assert citation_for(3, passage, "Blinken met Mahmoud Abbas\n in Ramallah on Tuesday.") == Citation(
        3,
        "a1",
        "Blinken in Ramallah",
        "apnews.com",
        "https://apnews.com/a1",
        date(2023, 1, 31),
        "Blinken met Mahmoud Abbas in Ramallah on Tuesday.",
        ("usatoday.com",),
    )
