"""Run the (blocking) answer stream in a worker thread and show its partial text, throttled.

`AnswerService.answer_stream` yields the answer text so far while a language model writes,
then the final `Answer`. Retrieval embeds and searches on the CPU, so the whole stream runs
in one worker thread (the language model's client runs on an event loop of its own in that
thread, under its deadline: bot/llm.py); the bot's event loop keeps the gateway heartbeat
going and edits the reply in place at most once per `interval` seconds (Discord allows about
five edits per five seconds).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from datetime import date
from typing import Protocol

from bot.followup import Turn
from newsdesk.models import Answer

ShowText = Callable[[str], Awaitable[None]]


class AnswerStreamer(Protocol):
    def answer_stream(
        self, question: str, as_of: date | None = None, history: Sequence[Turn] = ()
    ) -> Iterator[str | Answer]: ...


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


_DONE = object()


async def stream_answer(
    answers: AnswerStreamer,
    question: str,
    as_of: date | None,
    history: Sequence[Turn],
    show: ShowText,
    interval: float,
    clock: Callable[[], float] = time.monotonic,
) -> Answer:
    """The final Answer; meanwhile `show(text)` is awaited with the newest partial text,
    never more often than every `interval` seconds. Errors of the service are raised here."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[object] = asyncio.Queue()

    def produce() -> None:
        try:
            for item in answers.answer_stream(question, as_of, history):
                loop.call_soon_threadsafe(queue.put_nowait, item)
        except BaseException as exc:  # handed to the loop, raised there
            loop.call_soon_threadsafe(queue.put_nowait, _Failed(exc))
        finally:
            loop.call_soon_threadsafe(queue.put_nowait, _DONE)

    worker = asyncio.ensure_future(asyncio.to_thread(produce))
    answer: Answer | None = None
    pending: str | None = None  # the newest partial text, not shown yet
    last_shown = float("-inf")
    while True:
        if pending is not None:
            wait = last_shown + interval - clock()
            if wait <= 0:
                text, pending = pending, None
                await show(text)
                last_shown = clock()
                continue
            try:
                item = await asyncio.wait_for(queue.get(), wait)
            except TimeoutError:
                continue  # time to show the pending text
        else:
            item = await queue.get()
        if isinstance(item, _Failed):
            raise item.error
        if item is _DONE:
            break
        if isinstance(item, Answer):
            answer, pending = item, None  # the final answer replaces any partial text
        elif isinstance(item, str):
            pending = item
    await worker
    if answer is None:
        raise RuntimeError("the answer stream ended without an Answer")
    return answer
