"""Builds the plain-Python services the interfaces share, from one Settings object."""

from __future__ import annotations

import functools
import threading
from typing import TYPE_CHECKING

from bot.answer import AnswerService
from ingest.store import ArticleStore
from newsdesk.providers import build_embedding, embedding_name
from newsdesk.settings import Settings

if TYPE_CHECKING:
    from ingest.pipeline import Ingestor


class Services:
    """Everything an interface needs: answering, ingesting, and the index itself."""

    def __init__(self, settings: Settings, store: ArticleStore, answers: AnswerService) -> None:
        self.settings = settings
        self.store = store
        self.answers = answers

    @functools.cached_property
    def ingestor(self) -> Ingestor:
        """Built on first use: the chunking machinery costs a second of start-up that
        `newsdesk ask` never needs."""
        from ingest.pipeline import Ingestor

        return Ingestor(self.settings, self.store, self.answers.embed_model)


def build_services(settings: Settings) -> Services:
    """Open the index, load the embedding model (and the LLM if configured) once."""
    store = ArticleStore(settings.index, model=embedding_name(settings.embedding))  # checked before loading it
    embed_model = build_embedding(settings.embedding)
    if settings.llm.provider == "none":
        return Services(settings, store, AnswerService(settings, store, embed_model))
    from bot.llm import build_generator

    generator = build_generator(settings, embed_model)
    answers = AnswerService(settings, store, embed_model, generator)
    # The citation check reads a sentence's opening word as a name as the archive writes it.
    generator.is_name = answers.writes_as_name
    return Services(settings, store, answers)


def load_word_lists_in_background() -> threading.Thread:
    """Start loading the word lists some questions need (0.06 s, 18 MB), for a process that
    answers many: `newsdesk run` and `chat`. A one-off `newsdesk ask` loads them only if its
    question needs them."""
    from bot.decline import load_language_lists

    thread = threading.Thread(target=load_language_lists, name="load-word-lists", daemon=True)
    thread.start()
    return thread
