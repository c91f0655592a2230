"""Whether a question asks general knowledge rather than news: a small fitted model.

A news archive answers what happened; "What is the capital of Mongolia?" or "tell me a joke" it
does not, yet retrieval always finds something (the Chinese capital's transport rules, a comic's
tour), and every passage shares a word or two with the question. Such questions read differently
from news questions, and the static model's question vector tells them apart: a logistic model
over it, fitted by `bench/fit_general.py` on the dev questions, casual news questions and archive
headlines against general-knowledge questions and small talk, gives the odds.

The odds alone do not decline: "how long is oppenheimer" reads as trivia but is this week's news.
The answer service also asks whether any passage is recent (see AnswerService._general_knowledge).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.decline import logistic

MODEL_FILE = Path(__file__).with_name("general_model.json")


@dataclass(frozen=True)
class GeneralQuestionModel:
    """Logistic weights over a question's embedding, for the embedding model they were fitted with."""

    embedding: str  # the Embedder.name of the vectors it was fitted on
    weights: np.ndarray
    intercept: float
    bar: float  # odds from which a question reads as general knowledge

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> GeneralQuestionModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            str(data["embedding"]),
            np.asarray(data["weights"], dtype=np.float64),
            float(data["intercept"]),
            float(data["bar"]),
        )

    def fits(self, embedding: str) -> bool:
        """Its weights read this embedding model's vectors (another model's dimensions mean nothing to them)."""
        return embedding == self.embedding

    def odds(self, vector: np.ndarray) -> float:
        """The probability that a question with this embedding asks general knowledge."""
        return logistic(float(np.asarray(vector, dtype=np.float64) @ self.weights) + self.intercept)

    def reads_general(self, vector: np.ndarray) -> bool:
        return self.odds(vector) >= self.bar


@functools.cache
def default_general_model() -> GeneralQuestionModel:
    return GeneralQuestionModel.load()
