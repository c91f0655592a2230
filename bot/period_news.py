"""What happened in a period, asked with no subject ("What happened on March 10?", "What
happened yesterday?"): the period's main stories, one article's headline each.

A story's weight is how many articles of the period and of the week after it (up to the as-of
day) tell it: the news that mattered is followed up. On the archive's Mar 10 (eight articles),
"Silicon Valley Bank failed. The FDIC took it over" comes first, with four more articles on it
by Mar 17; a day's listicle or match report has none. Two probes' desks asked such questions
and were told that the question names no subject.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# Two articles' openings at least this close (cosine) tell one story: on the archive's days, the
# same event's reports score 0.75 and more, one day's unrelated stories less.
SAME_STORY = 0.75
# How long after the period its stories' follow-ups are counted.
FOLLOW_UP_DAYS = 7
# How many stories an answer lists, and how many of a period's articles are read at most.
STORIES = 4
ARTICLES_READ = 1000


def main_stories(openings: np.ndarray, followed: np.ndarray, limit: int = STORIES) -> list[int]:
    """The indexes of the period's main stories among `openings` (one row of unit vectors an
    article, the period's articles in the order given), the most followed first: how many rows of
    `followed` (the period's articles and the week's after) tell each. One index a story: an
    article telling one already listed is passed over. Ties keep the order given."""
    if not len(openings):
        return []
    told = (openings @ followed.T >= SAME_STORY).sum(axis=1) if len(followed) else np.zeros(len(openings))
    alike = openings @ openings.T >= SAME_STORY
    chosen: list[int] = []
    for index in np.argsort(-told, kind="stable"):
        if any(alike[index, other] for other in chosen):
            continue
        chosen.append(int(index))
        if len(chosen) == limit:
            break
    return chosen


def stacked(vectors: Sequence[np.ndarray | None]) -> tuple[np.ndarray, list[int]]:
    """The vectors that exist, as rows, and the positions they came from."""
    kept = [i for i, vector in enumerate(vectors) if vector is not None]
    rows = [vector for vector in vectors if vector is not None]
    if not rows:
        return np.zeros((0, 0), dtype=np.float32), []
    return np.stack(rows).astype(np.float32), kept
