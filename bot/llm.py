"""Generative answers with a language model: the one module that builds an LLM client.

The model sees the retrieved passages as numbered, delimited data (without their
instruction-like sentences, bot/injection.py) and must cite them as `[n]`. Whatever it
writes goes through the citation checker (bot/check.py) before anyone sees it: each cited
sentence must be supported by the passages it cites. When the model fails, is slow, or
nothing valid and supported is left, the extractive answer is shown with a short notice
instead. Calls run on a worker thread under one overall deadline, so a server that hangs
or trickles tokens cannot hold an answer up.
"""

from __future__ import annotations

import contextlib
import json
import logging
import queue
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
import numpy as np
import ollama
import openai
from llama_index.core.base.llms.types import ChatMessage
from llama_index.core.llms import LLM

from bot.answer import Retrieval
from bot.check import CheckedAnswer, check_answer
from bot.citations import citation_for
from bot.followup import Turn, carry_entities
from bot.injection import looks_like_instruction, without_instructions
from bot.prompts import Prompts, load_prompts, passage_text, passage_title
from bot.text import collapse_whitespace, content_terms, sentence_spans
from newsdesk.errors import ConfigError
from newsdesk.models import Answer, Citation, Passage
from newsdesk.providers import Embedder
from newsdesk.settings import LLMSettings, Settings

log = logging.getLogger(__name__)

T = TypeVar("T")

# OpenAILike refuses to start without a key; servers that need none ignore this one.
NO_API_KEY = "not-needed"
MAX_CONDENSED_CHARS = 300
MIN_QUOTE_WORDS = 4
RETRY_DELAY_SECONDS = 0.5

NOTICE_TIMEOUT = "The language model did not answer in time; showing quoted sentences instead."
NOTICE_UNAVAILABLE = "The language model could not be reached; showing quoted sentences instead."
NOTICE_GARBAGE = "The language model sent a reply that could not be read; showing quoted sentences instead."
NOTICE_UNCITED = "The language model returned no answer with valid citations; showing quoted sentences instead."
NOTICE_UNSUPPORTED = (
    "The language model's answer was not supported by the articles it cited; showing quoted sentences instead."
)

# Reasoning models may think aloud in <think> blocks; that is never part of the answer.
THINKING = re.compile(r"<think>.*?(?:</think>|\Z)", re.DOTALL | re.IGNORECASE)


class DeadlineExceeded(TimeoutError):
    """The whole generation took longer than llm.timeout_seconds."""


class GenerationFailed(Exception):
    """The model gave no usable reply; `notice` tells the user, the cause goes to the log."""

    def __init__(self, notice: str, cause: BaseException) -> None:
        super().__init__(f"{type(cause).__name__}: {cause}")
        self.notice = notice
        self.cause = cause


def check_llm_settings(settings: LLMSettings) -> None:
    """Refuse, at start-up, an LLM configuration that cannot work."""
    if settings.provider == "none":
        return
    missing = [name for name in ("base_url", "model") if not getattr(settings, name).strip()]
    if missing:
        names = " and ".join(f"llm.{name}" for name in missing)
        env = ", ".join(f"NEWSDESK_LLM__{name.upper()}" for name in missing)
        raise ConfigError(
            f'llm.provider is "{settings.provider}" but {names} {"is" if len(missing) == 1 else "are"} '
            f"empty; set {'it' if len(missing) == 1 else 'them'} in config.toml [llm] or as {env}"
        )
    url = urlsplit(settings.base_url.strip())
    if url.scheme not in ("http", "https") or not url.netloc:
        raise ConfigError(f"llm.base_url must be an http:// or https:// URL, not {settings.base_url!r}")


def build_llm(settings: LLMSettings) -> LLM:
    """The llama-index client for the configured server (OpenAILike or Ollama)."""
    check_llm_settings(settings)
    key = settings.api_key.get_secret_value().strip() if settings.api_key else ""
    base_url = settings.base_url.strip().rstrip("/")
    if settings.provider == "openai_like":
        # The openai package imports its chat resources on first use (~1 s on a busy
        # machine); do it now, so the first question's deadline is spent on the model.
        import openai.resources.chat.completions  # noqa: F401
        from llama_index.llms.openai_like import OpenAILike

        return OpenAILike(
            model=settings.model,
            api_base=base_url,
            api_key=key or NO_API_KEY,
            is_chat_model=True,
            timeout=settings.timeout_seconds,
            max_retries=0,  # Generator retries, inside the overall deadline
            temperature=settings.temperature,
            max_tokens=settings.max_tokens,
        )
    from llama_index.llms.ollama import Ollama

    return Ollama(
        model=settings.model,
        base_url=base_url,
        request_timeout=settings.timeout_seconds,
        temperature=settings.temperature,
        additional_kwargs={"num_predict": settings.max_tokens},
        headers={"Authorization": f"Bearer {key}"} if key else None,
    )


def build_generator(settings: Settings, embed_model: Embedder | None = None) -> Generator:
    """The generative answerer for these settings; bad settings or prompts fail here, at start-up."""
    check_llm_settings(settings.llm)
    prompts = load_prompts(settings.prompts.dir)
    return Generator(build_llm(settings.llm), prompts, settings.llm, embed_model)


class Generator:
    """Answers from retrieved passages with a language model, checked before it is shown."""

    def __init__(self, llm: LLM, prompts: Prompts, settings: LLMSettings, embed_model: Embedder | None = None) -> None:
        self.llm = llm
        self.prompts = prompts
        self.settings = settings
        self.embed_model = embed_model
        self._paused_until = 0.0  # monotonic time; a timeout pauses the model (see _generate)

    # -- follow-ups

    def condense(self, question: str, history: Sequence[Turn]) -> str:
        """The follow-up rewritten by the model to stand alone (names carried over if it fails)."""
        prompt = self.prompts.render_condense(question, [(turn.question, turn.answer) for turn in history])
        try:
            reply = _last(self._generate([ChatMessage(role="user", content=prompt)], stream=False))
        except GenerationFailed as exc:
            log.warning("condensing a follow-up with the language model failed (%s); carrying names over", exc)
            return carry_entities(question, history)
        standalone = _one_line(_visible(reply))
        if not standalone or len(standalone) > MAX_CONDENSED_CHARS:
            log.warning("the language model's condensed question was unusable; carrying names over")
            return carry_entities(question, history)
        return standalone

    # -- answers

    def answer(self, found: Retrieval, fallback: Answer, abstain: Callable[[Retrieval], Answer]) -> Answer:
        """The checked generative answer; `fallback` (extractive) with a notice if there is none."""
        final = _last(self._answer(found, fallback, abstain, stream=False))
        assert isinstance(final, Answer)  # without streaming, the only item is the Answer
        return final

    def answer_stream(
        self, found: Retrieval, fallback: Answer, abstain: Callable[[Retrieval], Answer]
    ) -> Iterator[str | Answer]:
        """Like `answer`, yielding the checked text so far (whole, a sentence at a time) first."""
        return self._answer(found, fallback, abstain, stream=self.settings.stream)

    def _answer(
        self, found: Retrieval, fallback: Answer, abstain: Callable[[Retrieval], Answer], stream: bool
    ) -> Iterator[str | Answer]:
        messages = self.messages(found)
        sources = [passage.article_id for passage in found.passages]
        given = [evidence(passage) for passage in found.passages]
        shown = ""
        reply = ""
        try:
            for reply in self._generate(messages, stream):
                if stream:
                    partial = self.check(reply, sources, final=False, given=given)
                    # Only text that passed the check is ever shown, and only once it cites.
                    if partial.ok and partial.text != shown:
                        shown = partial.text
                        yield shown
        except GenerationFailed as exc:
            log.warning("the language model failed (%s); showing the extractive answer", exc)
            yield replace(fallback, notice=exc.notice)
            return
        yield self.finish(reply, found, fallback, abstain)

    def messages(self, found: Retrieval) -> list[ChatMessage]:
        """The system prompt, then the numbered passages and the (standalone) question."""
        user = self.prompts.render_answer(found.query, found.passages, found.as_of, found.label)
        return [
            ChatMessage(role="system", content=self.prompts.render_system()),
            ChatMessage(role="user", content=user),
        ]

    def check(
        self, reply: str, sources: Sequence[str], final: bool = True, given: Sequence[str] | None = None
    ) -> CheckedAnswer:
        """The checked reply; `given[i]`, passage i+1's `evidence`, to check each sentence's support."""
        text = _visible(reply)
        text = re.sub(re.escape(self.prompts.refusal), " ", text, flags=re.IGNORECASE)
        return check_answer(text, sources, self.settings.uncited_sentences, final=final, evidence=given)

    def finish(self, reply: str, found: Retrieval, fallback: Answer, abstain: Callable[[Retrieval], Answer]) -> Answer:
        """The Answer for the model's whole reply: checked, abstaining, or the fallback."""
        sources = [passage.article_id for passage in found.passages]
        checked = self.check(reply, sources, given=[evidence(passage) for passage in found.passages])
        if not checked.ok:
            if self.prompts.refusal.lower() in reply.lower():
                return abstain(found)
            if checked.unsupported:
                # Often a model that obeyed an instruction planted in an article: its claims are not the news.
                log.warning(
                    "the language model's answer was not supported by its cited passages (%d sentence(s)); "
                    "showing the extractive answer",
                    len(checked.unsupported),
                )
                return replace(fallback, notice=NOTICE_UNSUPPORTED)
            log.warning(
                "the language model's answer had no valid citation (%d characters); showing the extractive answer",
                len(reply),
            )
            return replace(fallback, notice=NOTICE_UNCITED)
        if checked.removed or checked.dropped or checked.unsupported:
            log.info(
                "citation check: removed citations %s, dropped %d uncited sentence(s), %d unsupported by its passages",
                list(checked.removed),
                len(checked.dropped),
                len(checked.unsupported),
            )
        citations = self.citations(checked, found.passages)
        return replace(fallback, text=checked.text, citations=citations, notice=None, mode="generative")

    def citations(self, checked: CheckedAnswer, passages: Sequence[Passage]) -> tuple[Citation, ...]:
        """One Citation per new number, quoting the passage sentence that best supports it."""
        citations = []
        for n, given in enumerate(checked.sources, start=1):
            claims = [s.claim for s in checked.sentences if n in s.numbers]
            cited = [passages[i - 1] for i in given]
            passage, quote = self.supporting_quote(claims, cited)
            citations.append(citation_for(n, passage, quote))
        return tuple(citations)

    def supporting_quote(self, claims: Sequence[str], passages: Sequence[Passage]) -> tuple[Passage, str]:
        """The verbatim sentence of `passages` that best supports the claims: most shared
        words, ties settled by meaning (embeddings), else the first sentence. Never one that
        reads as an instruction to a model: that is what an obedient model would echo."""
        candidates = [
            (passage, collapse_whitespace(passage.text[start:end]))
            for passage in passages
            for start, end in sentence_spans(passage.text)
        ]
        candidates = [c for c in candidates if c[1] and not looks_like_instruction(c[1])]
        if not candidates:
            return passages[0], collapse_whitespace(without_instructions(passages[0].text))
        candidates = [c for c in candidates if len(c[1].split()) >= MIN_QUOTE_WORDS] or candidates
        claim_terms = set().union(*(content_terms(claim) for claim in claims)) if claims else set()
        shared = [len(content_terms(text) & claim_terms) for _, text in candidates]
        best = max(shared)
        tied = [c for c, count in zip(candidates, shared, strict=True) if count == best]
        if len(tied) == 1 or self.embed_model is None or not claims:
            return tied[0]
        # Only ties cost an embedding call (a slow one on a small CPU).
        vectors = np.asarray(
            self.embed_model.get_text_embedding_batch([*claims, *(text for _, text in tied)]), dtype=np.float32
        )
        similarity = (vectors[len(claims) :] @ vectors[: len(claims)].T).max(axis=1)
        return tied[int(np.argmax(similarity))]

    # -- the model call

    def _generate(self, messages: list[ChatMessage], stream: bool) -> Iterator[str]:
        """The reply so far (whole text each time), under the overall deadline."""
        retries = self.settings.max_retries

        def produce(stop: threading.Event) -> Iterator[str]:
            # Retried here rather than in the client, so no retry outlives the deadline.
            for attempt in range(retries + 1):
                started = False
                try:
                    for text in self._call(messages, stream):
                        started = True
                        yield text
                    return
                except Exception as exc:
                    if started or attempt == retries or not retryable(exc):
                        raise
                    log.info("the language model failed (%s: %s); retrying", type(exc).__name__, exc)
                if stop.wait(RETRY_DELAY_SECONDS * 2**attempt):
                    return

        paused = self._paused_until - time.monotonic()
        if paused > 0:
            raise GenerationFailed(NOTICE_TIMEOUT, DeadlineExceeded(f"paused for {paused:.0f} s after a timeout"))
        try:
            yield from run_with_deadline(produce, self.settings.timeout_seconds)
        except Exception as exc:
            notice = notice_for(exc)
            if notice == NOTICE_TIMEOUT:
                self._paused_until = time.monotonic() + self.settings.pause_after_timeout_seconds
            raise GenerationFailed(notice, exc) from exc

    def _call(self, messages: list[ChatMessage], stream: bool) -> Iterator[str]:
        if not stream:
            yield self.llm.chat(messages).message.content or ""
            return
        chunks = self.llm.stream_chat(messages)
        try:
            for chunk in chunks:
                yield chunk.message.content or ""
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()


def evidence(passage: Passage) -> str:
    """What the model was shown of a passage, for the support check: its title, outlet and
    date (as the model may write it: "Tuesday, January 31, 2023") and its text."""
    parts = [passage_title(passage), passage.source or ""]
    if passage.published:
        parts.append(f"{passage.published:%A %B %d %Y} {passage.published.isoformat()}")
    parts.append(passage_text(passage))
    return "\n".join(parts)


def run_with_deadline(produce: Callable[[threading.Event], Iterator[T]], seconds: float) -> Iterator[T]:
    """The items of `produce(stop)`, made on a worker thread; DeadlineExceeded after `seconds` in all.

    A blocked or trickling HTTP read cannot be interrupted, so at the deadline (or when
    the caller stops early) the worker is told to stop through `stop` and abandoned; it
    ends by itself when its own read timeout fires.
    """
    items: queue.Queue[tuple[bool, Any]] = queue.Queue()
    stop = threading.Event()

    def work() -> None:
        try:
            with contextlib.closing(produce(stop)) as generator:  # type: ignore[type-var]
                for item in generator:
                    if stop.is_set():
                        return
                    items.put((True, item))
            items.put((False, None))
        except BaseException as exc:  # handed to the caller's thread
            items.put((False, exc))

    threading.Thread(target=work, name="newsdesk-llm", daemon=True).start()
    deadline = time.monotonic() + seconds
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DeadlineExceeded(f"no complete reply within {seconds:g} s")
            try:
                more, value = items.get(timeout=remaining)
            except queue.Empty:
                raise DeadlineExceeded(f"no complete reply within {seconds:g} s") from None
            if more:
                yield value
            elif value is None:
                return
            else:
                raise value
    finally:
        stop.set()


def retryable(exc: BaseException) -> bool:
    """A server error or a refused connection, worth one more try; a timeout is not."""
    if isinstance(exc, TimeoutError | openai.APITimeoutError | httpx.TimeoutException):
        return False
    if isinstance(exc, openai.InternalServerError | openai.RateLimitError | openai.APIConnectionError):
        return True
    if isinstance(exc, ollama.ResponseError):
        return exc.status_code >= 500 or exc.status_code == 429
    return isinstance(exc, httpx.TransportError | ConnectionError)


def notice_for(exc: BaseException) -> str:
    """What to tell the user about a failed model call (the details go to the log)."""
    if isinstance(exc, TimeoutError | openai.APITimeoutError | httpx.TimeoutException):
        return NOTICE_TIMEOUT
    if isinstance(exc, json.JSONDecodeError | openai.APIResponseValidationError | ValueError):
        return NOTICE_GARBAGE
    if isinstance(exc, openai.APIError | ollama.ResponseError | ollama.RequestError | httpx.HTTPError | OSError):
        return NOTICE_UNAVAILABLE
    # A reply of an unexpected shape (or a bug): still a fallback, but with the traceback.
    log.error("unexpected error from the language model client", exc_info=exc)
    return NOTICE_GARBAGE if isinstance(exc, KeyError | TypeError | AttributeError) else NOTICE_UNAVAILABLE


def _visible(reply: str) -> str:
    return THINKING.sub(" ", reply).strip()


def _one_line(text: str) -> str:
    """The first non-empty line, without a label or quotes the model may have added."""
    for line in text.splitlines():
        line = re.sub(r"^\s*(standalone question|question|follow-up)\s*:\s*", "", line, flags=re.IGNORECASE)
        line = line.strip().strip("\"'“”‘’`").strip()
        if line:
            return " ".join(line.split())
    return ""


def _last(items: Iterator[T]) -> T:
    last: T | None = None
    for last in items:  # noqa: B007 - only the final item is wanted
        pass
    if last is None:
        raise RuntimeError("the generator yielded nothing")
    return last
