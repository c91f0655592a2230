"""Per-user rate limit on questions: at most `count` in any `seconds`-long window."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

from newsdesk.errors import NewsdeskError


class RateLimited(NewsdeskError):
    """The user asked too often; the message says how long to wait."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        seconds = max(1, math.ceil(retry_after))
        super().__init__(
            f"You're asking faster than I can keep up — please try again in {seconds} second{'s' * (seconds != 1)}."
        )


class RateLimiter:
    """A sliding-window limiter keyed by user id."""

    def __init__(self, count: int, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.count = count
        self.seconds = seconds
        self.clock = clock
        self._hits: dict[int, deque[float]] = {}

    def retry_after(self, user_id: int) -> float:
        """Count one use by `user_id`: 0 if allowed, else the seconds until it would be."""
        now = self.clock()
        hits = self._hits.setdefault(user_id, deque())
        while hits and now - hits[0] >= self.seconds:
            hits.popleft()
        if len(hits) >= self.count:
            return self.seconds - (now - hits[0])
        hits.append(now)
        return 0.0

    def check(self, user_id: int) -> None:
        """Count one use, raising RateLimited when over the limit."""
        wait = self.retry_after(user_id)
        if wait > 0:
            raise RateLimited(wait)
