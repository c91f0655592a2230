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

from bot.answertype import DAYS_AND_MONTHS

# Two articles' openings at least this close (cosine) tell one story: on the archive's days, the
# same event's reports score 0.75 and more, one day's unrelated stories less.
SAME_STORY = 0.75
# How long after the period its stories' follow-ups are counted.
FOLLOW_UP_DAYS = 7
# How many stories an answer lists; and the longest period listed: a year's news is no list of
# four headlines (and a review found "What happened in 2022?" read only its first months).
STORIES = 4
LONGEST_PERIOD_DAYS = 31
# A title's words, but for numbers, months and days, and how many of them two titles share to be
# one recurring feature's editions ("Ten Things You Need to Know Today: 10 March 2023"; "Ohio: News
# from around our 50 states" and "Texas: …"), not a story followed up.
_MONTHS_SHORT = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
_DATED = re.compile(r"\d+|\b(?:" + "|".join(sorted(DAYS_AND_MONTHS | _MONTHS_SHORT)) + r")\b")
SAME_FEATURE = 0.7


def main_stories(
    openings: np.ndarray,
    titles: Sequence[tuple[str, int]],
    followed: np.ndarray,
    followed_titles: Sequence[tuple[str, int]],
    limit: int = STORIES,
    earlier_titles: Sequence[tuple[str, int]] = (),
) -> list[int]:
    """The indexes of the period's main stories among `openings` (one row of unit vectors an
    article, the period's articles in the order given, with their titles and days), the most
    followed first: how many rows of `followed` (the period's articles and the week's after, with
    theirs) tell each. A recurring feature (an edition of it on another day, see one_feature) is no
    story, and its editions no follow-ups: "News from around our 50 states" had led every week. Its
    editions are looked for in `earlier_titles` too (the week before the period's): "What was the
    news yesterday?" asked the next day, with no later edition yet, had listed "Ten Things You Need
    to Know Today: 10 March 2023" (a probe's). One index a story: an article telling one already
    listed is passed over. Ties keep the order given."""
    if not len(openings):
        return []
    keys = [feature_words(title) for title, _ in titles]
    editions = [*followed_titles, *earlier_titles]
    others = [feature_words(title) for title, _ in editions]
    recurring = [
        any(editions[j][1] != day and one_feature(keys[i], key) for j, key in enumerate(others))
        for i, (_, day) in enumerate(titles)
    ]
    same = openings @ followed.T >= SAME_STORY if len(followed) else np.zeros((len(openings), 0), dtype=bool)
    told = [-1 if recurring[i] else int(row.sum()) for i, row in enumerate(same)]
    alike = openings @ openings.T >= SAME_STORY
    chosen: list[int] = []
    for index in np.argsort(-np.asarray(told), kind="stable"):
        if told[index] < 0 or any(alike[index, other] for other in chosen):
            continue
        chosen.append(int(index))
        if len(chosen) == limit:
            break
    return chosen


def feature_words(title: str) -> tuple[frozenset[str], frozenset[str]]:
    """The title's words (lower case, without numbers, months and days), and its labels: the part
    before its first colon and the part after its last, of three words or more ("News from
    around our 50 states" after the day's items, "Ten Things You Need to Know Today" before the
    day)."""
    plain = _DATED.sub(" ", title.lower())
    parts = plain.split(":")
    labels = {" ".join(re.findall(r"[a-z']+", part)) for part in (parts[0], parts[-1])} if len(parts) > 1 else set()
    return frozenset(re.findall(r"[a-z']+", plain)), frozenset(label for label in labels if len(label.split()) >= 3)


def one_feature(a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Two titles (feature_words) are one recurring feature's: they share a label, or
    SAME_FEATURE of their words."""
    (words_a, labels_a), (words_b, labels_b) = a, b
    return bool(labels_a & labels_b) or len(words_a & words_b) >= SAME_FEATURE * max(len(words_a | words_b), 1)


def stacked(vectors: Sequence[np.ndarray | None]) -> tuple[np.ndarray, list[int]]:
    """The vectors that exist, as rows, and the positions they came from."""
    kept = [i for i, vector in enumerate(vectors) if vector is not None]
    rows = [vector for vector in vectors if vector is not None]
    if not rows:
        return np.zeros((0, 0), dtype=np.float32), []
    return np.stack(rows).astype(np.float32), kept
