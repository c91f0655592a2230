"""Which sentences may be quoted: prose, not link teasers or headline fragments."""

import pytest

from bot.extractive import looks_like_prose


@pytest.mark.parametrize(
    ("sentence", "prose"),
    [
        ("Blinken met Palestinian leader Mahmoud Abbas in Ramallah on Tuesday.", True),
        ("He said: “We are united facing Iran.”", True),
        ("Is this the end of the road?", True),
        ("Note: the figures are preliminary.", True),
        ("OPINION:After Hamlin's cardiac arrest, the NFL must act", False),
        ("Meta layoffs:Facebook parent cuts 11,000 jobs.", False),
        ("Wave of layoffs at tech companies", False),
        ("Shop holiday deals on home goods, tech and more", False),
    ],
)
def test_only_prose_is_quoted(sentence, prose):
    assert looks_like_prose(sentence) is prose
