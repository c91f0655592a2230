"""The static model's vectors, taken here all texts at once, are model2vec's own `encode`'s."""

from __future__ import annotations

import numpy as np
import pytest

from newsdesk import providers
from newsdesk.providers import StaticEmbedder, _unit, build_embedding, without_chat_markup
from newsdesk.settings import Settings

TEXTS = [
    "Turkey's earthquake toll rose to 35,418 on Feb. 14, officials said.",
    "Who won the 2023 Tony Award for best leading actress?",
    "Hamlin, who collapsed to the ground during the the Bills-Cincinnati Bengals game at Paycor Stadium, had his"
    " heartbeat restored on the field, and an automated external defibrillator, or AED, was required. " * 3,
    "İstanbul, café, ΣΟΦΙΑ, Mbappé and 東京",
    "Posted by <@1400000000000000003> in <#1200000000000000001> <:party:123456789012345678>",
    "word " * 4_000,  # past the model's 512 tokens: cut as encode cuts it
    # Long words then short ones: cut at encode's 512 x median-token-length characters, the
    # ferries left out; not cut, they would move the mean (a review's).
    " ".join(["internationalization"] * 300 + ["ferry"] * 300),
    "",
    "   ",
    "🎉🎉",  # no token the model knows: a vector of zeros either way
    "x",
]


def test_static_vectors_are_encodes(settings: Settings) -> None:
    embedder = build_embedding(settings.embedding)
    assert isinstance(embedder, StaticEmbedder)
    model = embedder._model
    texts = TEXTS * 3
    expected = _unit(np.asarray(model.encode(without_chat_markup(texts)), dtype=np.float32))
    found = embedder.embed_texts(texts)
    assert found.shape == expected.shape and found.dtype == np.float32
    # Rounded as encode rounds: all but a few sums in another order are the same bits.
    same = np.all(found == expected, axis=1)
    assert same.mean() >= 0.9, np.flatnonzero(~same)
    assert np.abs(found - expected).max() < 1e-3
    norms = np.linalg.norm(found, axis=1)
    assert np.allclose(norms[norms > 0], 1.0, atol=1e-5)
    assert not found[TEXTS.index("🎉🎉")].any()


def test_one_text_at_a_time_is_the_same_as_in_a_batch(settings: Settings) -> None:
    embedder = build_embedding(settings.embedding)
    batch = embedder.embed_texts(TEXTS)
    for row, text in enumerate(TEXTS):
        assert np.array_equal(embedder.embed_texts([text])[0], batch[row]), text


def test_many_texts_are_embedded_a_slice_at_a_time(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    embedder = build_embedding(settings.embedding)
    texts = [f"Report {i}: the council of town {i} met on day {i % 7}." for i in range(25)]
    whole = embedder.embed_texts(texts)
    monkeypatch.setattr(providers, "MEANS_AT_ONCE", 4)
    assert np.array_equal(embedder.embed_texts(texts), whole)
