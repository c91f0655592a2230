"""The static model's vectors, taken here all texts at once, are model2vec's own `encode`'s."""

from __future__ import annotations

import random

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
    # Summed in another order than encode's, a mean may differ in its last bits: np.add.reduceat's
    # did for one of these 200.
    words = " ".join(TEXTS[:3]).split()
    varied = [" ".join(random.Random(seed).choices(words, k=5 + seed % 140)) for seed in range(200)]
    texts = TEXTS * 3 + varied
    expected = _unit(np.asarray(model.encode(without_chat_markup(texts)), dtype=np.float32))
    found = embedder.embed_texts(texts)
    assert found.shape == expected.shape and found.dtype == np.float32
    # Summed and rounded as encode does it: the same bits.
    same = np.all(found == expected, axis=1)
    assert same.all(), np.flatnonzero(~same)
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


def test_a_question_asked_again_has_the_same_vector_and_none_may_change_it(settings: Settings) -> None:
    embedder = build_embedding(settings.embedding)
    first = embedder.embed_query(TEXTS[1])
    assert np.array_equal(first, embedder.embed_texts([TEXTS[1]])[0])
    again = embedder.embed_query(TEXTS[1])
    assert np.array_equal(again, first)
    assert not np.array_equal(embedder.embed_query(TEXTS[0]), first)
    # The kept vector is shared with the next caller: changing it in place must fail.
    with pytest.raises(ValueError):
        again *= 2
    assert np.array_equal(embedder.embed_query(TEXTS[1]), embedder.embed_texts([TEXTS[1]])[0])
