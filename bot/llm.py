"""Generative answers with a language model: the `Generator` of the answer service (bot/answer.py).

The model sees the retrieved passages as numbered, delimited data (without their
instruction-like sentences, bot/injection.py) and must cite them as `[n]`. Whatever it
writes goes through the citation checker (bot/check.py) before anyone sees it: each cited
sentence must be supported by the passages it cites. When the model fails, is slow, or
nothing valid and supported is left, the result is a `Fallback` with a short notice, and
the answer service shows the extractive answer instead.

The client (newsdesk/providers.py) is async, so that one overall deadline (`asyncio.timeout`)
can cut off a server that hangs or trickles tokens; tenacity retries a failed request inside
it. The callers are synchronous (the CLI, and the Discord bot's worker thread), so each
generation runs on an event loop of its own (`iterate_within`).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import email.utils
import json
import logging
import math
import re
import time
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Iterator, Sequence
from typing import TypeVar

import httpx
import numpy as np
import ollama
import openai
from llama_index.core.base.llms.types import ChatMessage
from llama_index.core.llms import LLM
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt, wait_exponential

from bot.answer import Fallback, Generated, Generation, Refused, Retrieval
from bot.check import CheckedAnswer, check_answer
from bot.citations import citation_for
from bot.extractive import candidates, score_sentences
from bot.followup import Turn, carry_entities
from bot.injection import without_instructions
from bot.prompts import Prompts, load_prompts, passage_text, passage_title
from newsdesk.models import Citation, Passage
from newsdesk.providers import Embedder, LLMClient, build_embedding, build_llm
from newsdesk.settings import LLMSettings, Settings
from newsdesk.text import collapse_whitespace, shown_text

log = logging.getLogger(__name__)

T = TypeVar("T")

MAX_CONDENSED_CHARS = 300
CITED = re.compile(r"\[\d+\]")
RETRY_DELAY_SECONDS = 0.5  # then doubled for each further retry
# A 429's Retry-After is waited out before the retry when it is this short (and at most half
# of llm.timeout_seconds): a longer wait would outlast the answer's deadline and read as a timeout.
RETRY_AFTER_LONGEST_SECONDS = 10.0
# And only when the retry would still have this long before the deadline.
RETRY_AFTER_MARGIN_SECONDS = 1.0
# Nor is a rate-limited server asked again until its Retry-After has passed, up to this long.
BUSY_PAUSE_LONGEST_SECONDS = 600.0

NOTICE_TIMEOUT = "The language model did not answer in time; showing quoted sentences instead."
# A timeout pauses the model (see _replies): this request was not sent. The timeout may have been
# an earlier question's, or this one's (a follow-up whose condensing timed out).
NOTICE_PAUSED = "The language model timed out and is not asked again for a while; showing quoted sentences instead."
NOTICE_UNAVAILABLE = "The language model could not be reached; showing quoted sentences instead."
# A 5xx: reached, but failing (a probe read "could not be reached" as a network fault).
NOTICE_SERVER_ERROR = "The language model server failed with an error; showing quoted sentences instead."
# A 4xx other than 429: the server answered, and will refuse again until the settings change. A
# 404 is as often a base_url of the wrong path (Ollama's given ".../v1") as a model it lacks.
NOTICE_REJECTED = (
    "The language model server refused the request (check llm.base_url, llm.model and the API key); "
    "showing quoted sentences instead."
)
# A reply longer than this is cut here: an answer of a few sentences is asked for, and a server
# ignoring max_tokens sent a probe 146,000 characters of one sentence repeated.
MAX_REPLY_CHARS = 8000
# What may end a sentence, or its citation, in a streamed reply.
SENTENCE_MARKS = ".!?]\n"
NOTICE_GARBAGE = "The language model sent a reply that could not be read; showing quoted sentences instead."
# A 429, a stream cut off, an error sent mid-stream: the server answered, and a probe read "could
# not be reached" as a network fault to look for.
NOTICE_BUSY = "The language model server is busy (rate limited); showing quoted sentences instead."
NOTICE_BROKE_OFF = "The language model's reply broke off; showing quoted sentences instead."
NOTICE_UNCITED = "The language model returned no answer with valid citations; showing quoted sentences instead."
NOTICE_UNSUPPORTED = (
    "The language model's answer was not supported by the articles it cited; showing quoted sentences instead."
)

# Reasoning models may think aloud in <think> blocks; that is never part of the answer.
THINKING = re.compile(r"<think>.*?(?:</think>|\Z)", re.DOTALL | re.IGNORECASE)


class GenerationFailed(Exception):
    """The model gave no usable reply; `notice` tells the user, the cause goes to the log."""

    def __init__(self, notice: str, cause: BaseException) -> None:
        super().__init__(f"{type(cause).__name__}: {cause}")
        self.notice = notice
        self.cause = cause


def build_generator(settings: Settings, embed_model: Embedder | None = None) -> LLMGenerator:
    """The generative answerer for these settings; bad settings or prompts fail here, at start-up."""
    client = build_llm(settings.llm)
    prompts = load_prompts(settings.prompts.dir)
    # Supporting quotes are picked by the extractive scorer, which embeds (the model is loaded once per process).
    return LLMGenerator(client, prompts, settings.llm, embed_model or build_embedding(settings.embedding))


class LLMGenerator:
    """Answers from retrieved passages with a language model, checked before it is returned."""

    def __init__(self, client: LLMClient, prompts: Prompts, settings: LLMSettings, embed_model: Embedder) -> None:
        self.client = client
        self.prompts = prompts
        self.settings = settings
        self.embed_model = embed_model
        # Monotonic time; a timeout, or a 429 saying when to come back, pauses the model (see _replies).
        self._paused_until = 0.0
        self._pause_notice = NOTICE_PAUSED
        # Whether a capitalised word opening a sentence is a name, as the archive writes it (the
        # check reads such words as names only with it); set by bot/service.py.
        self.is_name: Callable[[str], bool] | None = None

    # -- follow-ups

    def condense(self, question: str, history: Sequence[Turn]) -> str:
        """The follow-up rewritten by the model to stand alone (names carried over if it fails)."""
        prompt = self.prompts.render_condense(question, [(turn.question, turn.answer) for turn in history])
        try:
            reply = _last(self._replies([ChatMessage(role="user", content=prompt)], stream=False))
        except GenerationFailed as exc:
            log.warning("condensing a follow-up with the language model failed (%s); carrying names over", exc)
            return carry_entities(question, history)
        standalone = _one_line(_visible(reply))
        # The answer prompt's refusal, or an answer with citations, is no question to search for:
        # a probe's model answered "Who did he meet?" with "Blinken met Mahmoud Abbas … [1]."
        answered = self.prompts.refusal.lower() in standalone.lower() or CITED.search(standalone) is not None
        if not standalone or len(standalone) > MAX_CONDENSED_CHARS or answered:
            log.warning("the language model's condensed question was unusable; carrying names over")
            return carry_entities(question, history)
        return standalone

    # -- answers

    def generate(self, found: Retrieval) -> Generation:
        """What the model's whole answer came to: checked, refused, or a fallback with a notice."""
        try:
            reply = _last(self._replies(self.messages(found), stream=False))
        except GenerationFailed as exc:
            return _fallback_after(exc)
        return self.result(reply, found)

    def generate_stream(self, found: Retrieval) -> Iterator[str | Generation]:
        """Like `generate`, yielding the checked text so far (whole, a sentence at a time) first."""
        if not self.settings.stream:
            yield self.generate(found)
            return
        sources = [passage.article_id for passage in found.passages]
        given = [evidence(passage) for passage in found.passages]
        shown = ""
        reply = checked_up_to = ""
        ended = False  # a sentence mark has arrived since the text last shown could grow
        try:
            for reply in self._replies(self.messages(found), stream=True):
                # The check holds back the last sentence until the next begins, so it can only
                # show more once a mark has arrived and then some text: checking the whole reply
                # at every token made a long reply's check quadratic.
                arrived = reply[len(checked_up_to) :]
                marked = any(mark in arrived for mark in SENTENCE_MARKS)
                if not (marked or (ended and arrived.strip())):
                    continue
                checked_up_to, ended = reply, marked
                partial = self.check(reply, sources, final=False, given=given)
                # Only text that passed the check is ever shown, and only once it cites.
                if partial.ok and partial.text != shown:
                    shown = partial.text
                    yield shown
        except GenerationFailed as exc:
            yield _fallback_after(exc)
            return
        yield self.result(reply, found)

    def messages(self, found: Retrieval) -> list[ChatMessage]:
        """The system prompt, then the numbered passages and the (standalone) question."""
        user = self.prompts.render_answer(found.query, found.passages, found.as_of, found.label, found.background)
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
        return check_answer(
            text, sources, self.settings.uncited_sentences, final=final, evidence=given, is_name=self.is_name
        )

    def result(self, reply: str, found: Retrieval) -> Generation:
        """What the model's whole reply comes to: a checked answer, a refusal, or a fallback."""
        sources = [passage.article_id for passage in found.passages]
        checked = self.check(reply, sources, given=[evidence(passage) for passage in found.passages])
        if not checked.ok:
            if self.prompts.refusal.lower() in reply.lower():
                return Refused()
            if checked.unsupported:
                # Often a model that obeyed an instruction planted in an article: its claims are not the news.
                log.warning(
                    "the language model's answer was not supported by its cited passages (%d sentence(s)); "
                    "showing the extractive answer",
                    len(checked.unsupported),
                )
                return Fallback(NOTICE_UNSUPPORTED)
            log.warning(
                "the language model's answer had no valid citation (%d characters); showing the extractive answer",
                len(reply),
            )
            return Fallback(NOTICE_UNCITED)
        if checked.removed or checked.dropped or checked.unsupported:
            log.info(
                "citation check: removed citations %s, dropped %d uncited sentence(s), %d unsupported by its passages",
                list(checked.removed),
                len(checked.dropped),
                len(checked.unsupported),
            )
        return Generated(checked.text, self.citations(checked, found.passages))

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
        """The verbatim sentence of `passages` that best supports the claims, scored as the extractive
        answer scores sentences against a question (bot/extractive.py). Like its quotes, never one
        that reads as an instruction to a model: that is what an obedient model would echo."""
        found = candidates(list(passages))
        if not found:  # no sentence fit to quote: the passage itself, without instructions
            return passages[0], collapse_whitespace(without_instructions(passages[0].text))
        scores = score_sentences(" ".join(claims), found, self.embed_model)
        best = found[int(np.argmax(scores))]
        return best.passage, best.text

    # -- the model call

    def _replies(self, messages: list[ChatMessage], stream: bool) -> Iterator[str]:
        """The reply so far (whole text each time), all of it within llm.timeout_seconds;
        GenerationFailed, with what to tell the user, when there is none."""
        paused = self._paused_until - time.monotonic()
        if paused > 0:
            why = "a timeout" if self._pause_notice == NOTICE_PAUSED else "a rate limit"
            raise GenerationFailed(self._pause_notice, TimeoutError(f"paused for {paused:.0f} s after {why}"))
        try:
            for text in iterate_within(self._chat(messages, stream), self.settings.timeout_seconds):
                if len(text) > MAX_REPLY_CHARS:
                    log.warning("the language model's reply ran past %d characters; cut there", MAX_REPLY_CHARS)
                    yield text[:MAX_REPLY_CHARS]
                    return
                yield text
        except Exception as exc:
            notice = notice_for(exc)
            if notice == NOTICE_TIMEOUT:
                # A server too slow for one question is likely too slow for the next: don't make it wait too.
                self._pause(self.settings.pause_after_timeout_seconds, NOTICE_PAUSED)
            elif notice == NOTICE_BUSY and (after := retry_after_seconds(exc)):
                # The server said when to come back: each question before then would be refused too.
                self._pause(min(after, BUSY_PAUSE_LONGEST_SECONDS), NOTICE_BUSY)
            raise GenerationFailed(notice, exc) from exc

    def _pause(self, seconds: float, notice: str) -> None:
        self._paused_until = time.monotonic() + seconds
        self._pause_notice = notice

    async def _chat(self, messages: list[ChatMessage], stream: bool) -> AsyncGenerator[str, None]:
        """The reply so far, from a client of this call's own; a try that fails before any text has
        arrived is retried (by tenacity, so within the caller's deadline)."""
        started = False

        backing_off = wait_exponential(multiplier=RETRY_DELAY_SECONDS)
        longest_wait = min(RETRY_AFTER_LONGEST_SECONDS, self.settings.timeout_seconds / 2)
        # The deadline runs from here (iterate_within): a wait asked for is waited only when the
        # retry can still start before it (else the user would be told of a timeout, not of a busy
        # server; a review's).
        deadline = time.monotonic() + self.settings.timeout_seconds

        def worth_retrying(exc: BaseException) -> bool:
            if started:  # text that has arrived may have been shown
                return False
            after = retry_after_seconds(exc)
            left = deadline - time.monotonic()
            return retryable(exc) and (after is None or after <= min(longest_wait, left - RETRY_AFTER_MARGIN_SECONDS))

        def waiting(state: RetryCallState) -> float:
            """As long as a 429 asked (see worth_retrying), or backing off."""
            after = retry_after_seconds(state.outcome.exception()) if state.outcome else None
            return after if after is not None else backing_off(state)

        async for attempt in AsyncRetrying(
            stop=stop_after_attempt(self.settings.max_retries + 1),
            wait=waiting,
            retry=retry_if_exception(worth_retrying),
            before_sleep=_log_retry,
            reraise=True,
        ):
            with attempt:
                async with self.client.open() as llm:
                    async for text in _reply(llm, messages, stream):
                        started = True
                        yield text


async def _reply(llm: LLM, messages: list[ChatMessage], stream: bool) -> AsyncGenerator[str, None]:
    """The reply so far: whole at once, or growing as it streams in."""
    if not stream:
        response = await llm.achat(messages)
        yield response.message.content or ""
        return
    chunks = await llm.astream_chat(messages)
    async with contextlib.aclosing(chunks):
        async for chunk in chunks:
            yield chunk.message.content or ""


def iterate_within(replies: AsyncIterator[str], seconds: float) -> Iterator[str]:
    """The items of `replies`, made by one task on an event loop of this call's own, under
    `asyncio.timeout(seconds)`: the time the caller spends between items counts too.

    A task cut off (by the deadline, or by the caller stopping early, as Runner.close cancels it)
    stops where it waits on the server, so every client stream in it is closed on the way out."""
    made: asyncio.Queue[str | None] = asyncio.Queue()  # None: no more

    async def make() -> None:
        try:
            async with asyncio.timeout(seconds) as deadline:
                async for item in replies:
                    made.put_nowait(item)
        except TimeoutError:
            if deadline.expired():
                raise TimeoutError(f"no complete reply within {seconds:g} s") from None
            raise
        finally:
            made.put_nowait(None)

    with asyncio.Runner() as runner:
        maker = runner.get_loop().create_task(make())
        while (item := runner.run(made.get())) is not None:
            yield item
        maker.result()  # done by now: raises what stopped it early, if anything


def evidence(passage: Passage) -> str:
    """What the model was shown of a passage, for the support check: its title, outlet and
    date (as the model may write it: "Tuesday, January 31, 2023") and its text."""
    parts = [passage_title(passage), passage.source or ""]
    if passage.published:
        parts.append(f"{passage.published:%A %B %d %Y} {passage.published.isoformat()}")
    parts.append(passage_text(passage))
    return "\n".join(parts)


def retryable(exc: BaseException) -> bool:
    """A server error or a refused connection, worth one more try; a timeout is not."""
    if isinstance(exc, TimeoutError | openai.APITimeoutError | httpx.TimeoutException):
        return False
    if isinstance(exc, openai.InternalServerError | openai.RateLimitError | openai.APIConnectionError):
        return True
    if isinstance(exc, ollama.ResponseError):
        return exc.status_code >= 500 or exc.status_code == 429
    return isinstance(exc, httpx.TransportError | ConnectionError)


def retry_after_seconds(exc: BaseException | None) -> float | None:
    """How long a rate-limited OpenAI-compatible server asked to wait: its `retry-after-ms`, or its
    `Retry-After` in seconds or as an HTTP date. None when it did not say (Ollama's client keeps no
    headers)."""
    if not isinstance(exc, openai.APIStatusError) or exc.status_code != 429:
        return None
    headers = exc.response.headers
    if (ms := _seconds(headers.get("retry-after-ms"))) is not None:
        return ms / 1000
    after = headers.get("retry-after")
    if after is None:
        return None
    if (seconds := _seconds(after)) is not None:
        return seconds
    try:
        when = email.utils.parsedate_to_datetime(after)
    except (ValueError, TypeError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    return max((when - datetime.datetime.now(datetime.UTC)).total_seconds(), 0.0)


def _seconds(value: str | None) -> float | None:
    """A header's number, when it is one and finite (not below 0)."""
    try:
        number = float(value) if value is not None else math.nan
    except ValueError:
        return None
    return max(number, 0.0) if math.isfinite(number) else None


def notice_for(exc: BaseException) -> str:
    """What to tell the user about a failed model call (the details go to the log)."""
    if isinstance(exc, TimeoutError | openai.APITimeoutError | httpx.TimeoutException):
        return NOTICE_TIMEOUT
    if isinstance(exc, json.JSONDecodeError | openai.APIResponseValidationError | ValueError):
        return NOTICE_GARBAGE
    status = exc.status_code if isinstance(exc, openai.APIStatusError | ollama.ResponseError) else None
    if status == 429:
        return NOTICE_BUSY
    if status is not None and 400 <= status < 500:
        return NOTICE_REJECTED
    if status is not None and status >= 500:
        return NOTICE_SERVER_ERROR
    if isinstance(exc, httpx.RemoteProtocolError) or isinstance(exc.__cause__, httpx.RemoteProtocolError):
        return NOTICE_BROKE_OFF
    if isinstance(exc, openai.APIError) and not isinstance(exc, openai.APIConnectionError):
        return NOTICE_SERVER_ERROR  # an error event in the stream ("CUDA out of memory")
    if isinstance(exc, openai.APIError | ollama.ResponseError | ollama.RequestError | httpx.HTTPError | OSError):
        return NOTICE_UNAVAILABLE
    # IndexError: a reply with no choices, which some proxies and content filters send (a probe's).
    if isinstance(exc, KeyError | TypeError | AttributeError | IndexError):
        # A reply of an unexpected shape: a web page from a proxy or a wrong port, which the openai
        # client hands on as a string. Said in one line (the caller's warning); the traceback, in
        # case it is a bug, only at DEBUG.
        log.debug("a reply of an unexpected shape from the language model client", exc_info=exc)
        return NOTICE_GARBAGE
    # Anything else (a bug): still a fallback, but with the traceback.
    log.error("unexpected error from the language model client", exc_info=exc)
    return NOTICE_UNAVAILABLE


def _fallback_after(exc: GenerationFailed) -> Fallback:
    log.warning("the language model failed (%s); showing the extractive answer", exc)
    return Fallback(exc.notice)


def _log_retry(state: RetryCallState) -> None:
    exc = state.outcome.exception() if state.outcome else None
    log.info("the language model failed (%s: %s); retrying", type(exc).__name__, exc)


def _visible(reply: str) -> str:
    # A model's terminal codes ("\x1b[2J" clears the screen) are no part of the answer; they
    # also split a quote, whose check then failed.
    return shown_text(THINKING.sub(" ", reply)).strip()


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
