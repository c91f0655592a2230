"""Builds the plain-Python services the interfaces share, from one Settings object."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answer import AnswerService
from ingest.pipeline import Ingestor
from ingest.store import ArticleStore
from newsdesk.providers import build_embedding
from newsdesk.settings import Settings


@dataclass
class Services:
    """Everything an interface needs: answering, ingesting, and the index itself."""

    settings: Settings
    store: ArticleStore
    answers: AnswerService
    ingestor: Ingestor


def build_services(settings: Settings) -> Services:
    """Open the index, load the embedding model (and the LLM if configured) once."""
    embed_model = build_embedding(settings.embedding)
    store = ArticleStore(settings.index, model=embed_model.name)
    generator = None
    if settings.llm.provider != "none":
        from bot.llm import build_generator

        generator = build_generator(settings, embed_model)
    answers = AnswerService(settings, store, embed_model, generator)
    return Services(settings, store, answers, Ingestor(settings, store, embed_model))
