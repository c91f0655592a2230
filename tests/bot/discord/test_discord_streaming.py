"""The throttled display of a streaming answer (no Discord needed)."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from bot.discord.streaming import stream_answer
from newsdesk.errors import InputError
from newsdesk.models import Answer

FINAL = Answer("q", "Blinken met Abbas. [1]", False)


class Writer:
    """An answer_stream that yields texts at given moments (seconds from the start), then FINAL."""

    def __init__(self, schedule: list[tuple[float, str]], fail: Exception | None = None) -> None:
        self.schedule = schedule
        self.fail = fail
        self.thread: str | None = None

    def answer_stream(self, question, as_of=None, history=()):
        self.thread = threading.current_thread().name
        start = time.monotonic()
        for at, text in self.schedule:
            time.sleep(max(0.0, start + at - time.monotonic()))
            yield text
        if self.fail:
            raise self.fail
        yield FINAL


async def test_partial_texts_are_shown_throttled_and_the_last_one_is_not_lost() -> None:
    writer = Writer(
        [(0.0, "B"), (0.01, "Bl"), (0.02, "Bli"), (0.03, "Blin"), (0.35, "Blinken met"), (0.36, "Blinken met Abbas")]
    )
    shown: list[tuple[float, str]] = []
    start = time.monotonic()
    heartbeat_ticks = 0

    async def show(text: str) -> None:
        shown.append((time.monotonic() - start, text))

    async def heartbeat() -> None:  # the event loop stays free while the writer works
        nonlocal heartbeat_ticks
        while True:
            await asyncio.sleep(0.02)
            heartbeat_ticks += 1

    ticker = asyncio.create_task(heartbeat())
    answer = await stream_answer(writer, "q", None, (), show, interval=0.2)
    ticker.cancel()

    assert answer is FINAL
    assert writer.thread != threading.current_thread().name  # ran in a worker thread
    texts = [text for _, text in shown]
    assert texts[0] == "B" and "Blin" in texts  # the newest text is flushed when the interval ends
    assert "Bl" not in texts and "Bli" not in texts  # skipped: superseded within the interval
    gaps = [b - a for (a, _), (b, _) in zip(shown, shown[1:], strict=False)]
    assert all(gap >= 0.19 for gap in gaps), shown
    assert heartbeat_ticks >= 10


async def test_an_answer_without_partial_text_shows_nothing() -> None:
    shown: list[str] = []

    async def show(text: str) -> None:
        shown.append(text)

    assert await stream_answer(Writer([]), "q", None, (), show, interval=1.0) is FINAL
    assert shown == []


async def test_errors_of_the_service_are_raised_in_the_loop() -> None:
    async def show(text: str) -> None:
        pass

    with pytest.raises(InputError, match="too long"):
        await stream_answer(Writer([(0, "x")], fail=InputError("too long")), "q", None, (), show, interval=0.01)
