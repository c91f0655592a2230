"""The vectorised trigram counts agree with sets of word trigrams made the plain way."""

import random
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import bot.shared_trigrams as shared_trigrams_module
from bot.shared_trigrams import trigram_counts


def shared_trigrams(texts: list[str]) -> tuple[list[int], list[list[int]]]:
    """Each text's own count (the diagonal) and the pairs' shared counts, as lists."""
    shared = trigram_counts(texts)
    return shared.diagonal().tolist(), shared.tolist()


def plain_trigrams(text: str) -> set[tuple[str, str, str]]:
    """The reference: words as `\\w+` finds them, lower-cased; "İ" lower-cased inside its word."""
    found = [word.lower() for word in re.findall(r"\w+", text)]
    return set(zip(found, found[1:], found[2:], strict=False))


def expected(texts: list[str]) -> tuple[list[int], list[list[int]]]:
    grams = [plain_trigrams(text) for text in texts]
    return [len(g) for g in grams], [[len(a & b) for b in grams] for a in grams]


# Words from a small vocabulary, so texts share trigrams often; separators of every kind, letters
# past the Basic Plane (𝐀, 𠀀), an emoji, the dotted capital I, accents and digits.
WORDS = ["the", "The", "toll", "rose", "to", "31", "İstanbul", "istanbul", "café", "𝐀b", "𠀀x", "ΣΟΦΙΑ", "x_y"]
SEPARATORS = [" ", "\n", ", ", "’", "-", " 🎉 ", "\u00a0", "."]
TEXT = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=12).map(
    lambda parts: "".join(word + sep for word, sep in parts)
)


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=6))
@example(["", "a b", "a b c"])
@example(["Turkey's toll rose to 31 on Monday.", "turkey s toll rose to 31 on monday", "Toll rose to 31"])
def test_counts_match_sets_of_trigrams(texts: list[str]) -> None:
    assert shared_trigrams(texts) == expected(texts)


def test_words_do_not_run_from_one_text_into_the_next() -> None:
    # Joined, "b c" + "d" would make the trigram (b, c, d) that both texts' neighbours hold.
    sizes, shared = shared_trigrams(["a b c", "d e", "b c d"])
    assert sizes == [1, 0, 1]
    assert shared[0][2] == 0


def test_no_texts() -> None:
    assert shared_trigrams([]) == ([], [])


def test_searches_longer_and_shorter_than_the_last() -> None:
    # The hash's table of powers is grown for a longer search and read in part for a shorter one.
    rng = random.Random(7)
    for words in (5, 3_000, 40, 9_000, 200):
        texts = [" ".join(rng.choice(WORDS[:6]) for _ in range(words)) for _ in range(3)]
        assert shared_trigrams(texts) == expected(texts), words


def test_many_texts_sharing_many_trigrams(monkeypatch: pytest.MonkeyPatch) -> None:
    # Past DENSE_CELLS the product is taken sparse; both ways give the plain counts.
    rng = random.Random(11)
    texts = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 60))) for _ in range(40)]
    assert shared_trigrams(texts) == expected(texts)
    monkeypatch.setattr(shared_trigrams_module, "DENSE_CELLS", 10)
    assert shared_trigrams(texts) == expected(texts)
