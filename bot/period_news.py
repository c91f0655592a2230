"""What happened in a period, asked with no subject ("What happened on March 10?", "What
happened yesterday?"): the period's main stories, one article's headline each.

A story's weight is how many articles of the period and of the week after it (up to the as-of
day) tell it: the news that mattered is followed up. On the archive's Mar 10 (eight articles),
"Silicon Valley Bank failed. The FDIC took it over" comes first, with four more articles on it
by Mar 17; a day's listicle or match report has none. Two probes' desks asked such questions
and were told that the question names no subject.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

# Two articles' openings at least this close (cosine) tell one story: on the archive's days, the
# same event's reports score 0.75 and more, one day's unrelated stories less.
SAME_STORY = 0.75
# How long after the period its stories' follow-ups are counted.
FOLLOW_UP_DAYS = 7
# How many stories an answer lists; and the longest period listed: a year's news is no list of
# four headlines (and a review found "What happened in 2022?" read only its first months).
STORIES = 4
LONGEST_PERIOD_DAYS = 31
# A title with its numbers and months taken out, to tell a recurring feature ("Ten Things You Need
# to Know Today: 10 March 2023", "News from around our 50 states") from a story's follow-ups.
_DATED = re.compile(
    r"\d+|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
)


def main_stories(
    openings: np.ndarray,
    titles: Sequence[str],
    followed: np.ndarray,
    followed_titles: Sequence[str],
    limit: int = STORIES,
) -> list[int]:
    """The indexes of the period's main stories among `openings` (one row of unit vectors an
    article, the period's articles in the order given, with their `titles`), the most followed
    first: how many rows of `followed` (the period's articles and the week's after) tell each, but
    for those under the same title (a recurring feature is no story followed up). One index a
    story: an article telling one already listed is passed over. Ties keep the order given."""
    if not len(openings):
        return []
    same = openings @ followed.T >= SAME_STORY if len(followed) else np.zeros((len(openings), 0), dtype=bool)
    keys = [feature_key(title) for title in followed_titles]
    told = [sum(1 for j in np.flatnonzero(row) if keys[j] != feature_key(titles[i])) for i, row in enumerate(same)]
    alike = openings @ openings.T >= SAME_STORY
    chosen: list[int] = []
    for index in np.argsort(-np.asarray(told), kind="stable"):
        if any(alike[index, other] for other in chosen):
            continue
        chosen.append(int(index))
        if len(chosen) == limit:
            break
    return chosen


def feature_key(title: str) -> str:
    """The title as a recurring feature's: lower case, without numbers, months and days."""
    return " ".join(_DATED.sub(" ", title.lower()).split())


def stacked(vectors: Sequence[np.ndarray | None]) -> tuple[np.ndarray, list[int]]:
    """The vectors that exist, as rows, and the positions they came from."""
    kept = [i for i, vector in enumerate(vectors) if vector is not None]
    rows = [vector for vector in vectors if vector is not None]
    if not rows:
        return np.zeros((0, 0), dtype=np.float32), []
    return np.stack(rows).astype(np.float32), kept
