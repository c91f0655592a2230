"""What happened in a period, asked with no subject ("What happened on March 10?", "What
happened yesterday?"): the period's main stories, one article's headline each.

A story's weight is how many articles of the period and of the week after it (up to the as-of
day) tell it: the news that mattered is followed up. On the archive's Mar 10 (eight articles),
"Silicon Valley Bank failed. The FDIC took it over" comes first, with four more articles on it
by Mar 17; a day's listicle or match report has none. Two probes' desks asked such questions
and were told that the question names no subject.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from bot.answertype import DAYS_AND_MONTHS
from bot.extractive import headline_of
from ingest.catalog import day_from_number
from newsdesk.text import content_terms

# Two articles' openings at least this close (cosine) tell one story: on the archive's days, the
# same event's reports score 0.75 and more, one day's unrelated stories less.
SAME_STORY = 0.75
# How long after the period its stories' follow-ups are counted.
FOLLOW_UP_DAYS = 7
# How many stories an answer lists; and the longest period listed, two months ("in January and
# February"): a year's news is no list of four headlines (and a review found "What happened in
# 2022?" read only its first months).
STORIES = 4
LONGEST_PERIOD_DAYS = 62
# A title's words, but for numbers, months and days, and how many of them two titles share to be
# one recurring feature's editions ("Ten Things You Need to Know Today: 10 March 2023"; "Ohio: News
# from around our 50 states" and "Texas: …"), not a story followed up.
_MONTHS_SHORT = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
_DATED = re.compile(r"\d+|\b(?:" + "|".join(sorted(DAYS_AND_MONTHS | _MONTHS_SHORT)) + r")\b")
SAME_FEATURE = 0.7
# A period longer than this is told by its titles' words (see TitleCounts): a month's hundreds of
# openings are too many for their likeness to tell its stories apart. An editor's February had led
# with "Tech apps and products with ties to China", like 38 of its articles, and left out the spy
# balloon, the Turkey earthquake and East Palestine.
LIKENESS_LONGEST_DAYS = 7
# Fewer titles than this are too few to count words in: a review's March 2021, of 32 articles, had
# listed "harm", "covid" and "green" as stories for being in two titles each.
FEWEST_TITLES = 60
# How many more of the period's titles than the archive's share would give hold a word, for the
# word to name one of its stories ("balloon" in 15 of February's 244, against 0.5 expected).
MIN_EXCESS = 1.5
# Words of a title that name no story: when it was published, and what kind of page it is.
_NO_STORY = frozenset(content_terms("week weekend today tonight day year live updates recap news watch"))


@dataclass(frozen=True)
class TitleCounts:
    """How many of the archive's titles hold each word (title_words), of how many."""

    holding: Counter[str]
    titles: int

    @classmethod
    def of(cls, titles: Iterable[str]) -> TitleCounts:
        holding: Counter[str] = Counter()
        count = 0
        for title in titles:
            holding.update(title_words(title))
            count += 1
        return cls(holding, count)


def title_words(title: str) -> frozenset[str]:
    """The headline's words that may name a story (not the site's name, "| The Week UK"):
    stemmed, without numbers, days and months."""
    plain = _DATED.sub(" ", headline_of(title).lower())
    return frozenset(term for term in content_terms(plain) if term not in _NO_STORY)


def story_words(titles: Sequence[str], archive: TitleCounts) -> dict[str, float]:
    """The words the titles hold more often than the archive's share of them would give (by at
    least MIN_EXCESS), weighed by how many more times as often: the period's stories' names.
    "Maui", 11 times in August's titles of the 11 in the archive's, outweighs "Trump", 9 more than
    the 28 his share would give; a feature's "know" and "need" weigh little."""
    # Each title once: two editions of "Pi Day 2023 deals" on one day had outweighed the six
    # headlines of Silicon Valley Bank's collapse (a review's).
    titles = list(dict.fromkeys(headline_of(title).lower() for title in titles))
    held = Counter(word for title in titles for word in title_words(title))
    share = len(titles) / max(archive.titles, 1)
    weights = {}
    for word, count in held.items():
        expected = share * max(archive.holding.get(word, 0), count)
        if count >= 2 and count - expected >= MIN_EXCESS:
            weights[word] = (count - expected) * math.log(count / expected)
    return weights


def main_stories(
    openings: np.ndarray,
    titles: Sequence[tuple[str, int]],
    followed: np.ndarray,
    followed_titles: Sequence[tuple[str, int]],
    limit: int = STORIES,
    earlier_titles: Sequence[tuple[str, int]] = (),
    archive: TitleCounts | None = None,
) -> list[int]:
    """The indexes of the period's main stories among `openings` (one row of unit vectors an
    article, the period's articles in the order given, with their titles and days), the most
    followed first: how many rows of `followed` (the period's articles and the week's after, with
    theirs) tell each. A recurring feature (an edition of it on another day, see one_feature) is no
    story, and its editions no follow-ups: "News from around our 50 states" had led every week. Its
    editions are looked for in `earlier_titles` too (the week before the period's): "What was the
    news yesterday?" asked the next day, with no later edition yet, had listed "Ten Things You Need
    to Know Today: 10 March 2023" (a probe's). One index a story: an article telling one already
    listed is passed over. Ties keep the order given. With `archive` (for a period longer than
    LIKENESS_LONGEST_DAYS), the stories are those its titles' words tell (see story_clusters), the
    weightiest first, each told by the article whose title holds most of its weight."""
    if not len(openings):
        return []
    keys = [feature_words(title) for title, _ in titles]
    editions = [*followed_titles, *earlier_titles]
    others = [feature_words(title) for title, _ in editions]
    days_titled: dict[str, set[int]] = {}
    for title, day in [*titles, *editions]:
        days_titled.setdefault(title.casefold(), set()).add(day)
    recurring = [
        any(
            editions[j][1] != day
            and one_feature(keys[i], key)
            and not _republished((title, day), editions[j], len(days_titled[title.casefold()]))
            for j, key in enumerate(others)
        )
        for i, (title, day) in enumerate(titles)
    ]
    same = openings @ followed.T >= SAME_STORY if len(followed) else np.zeros((len(openings), 0), dtype=bool)
    told = [-1 if recurring[i] else int(row.sum()) for i, row in enumerate(same)]
    alike = openings @ openings.T >= SAME_STORY
    order = [int(i) for i in np.argsort(-np.asarray(told), kind="stable")]
    # Each story's articles, the one telling it best first; then, for a period's other articles, a
    # story of one: with `archive`, the stories its titles' words tell come first.
    by_words = _by_story_words(titles, followed_titles, archive, told) if archive is not None else []
    stories = by_words + [[index] for index in order]
    chosen: list[int] = []
    for number, story in enumerate(stories):
        lead = next((i for i in story if told[i] >= 0 and i not in chosen), None)
        # A story of title words whose own best article tells one already listed is that story
        # again, told in other words, not a story of its lesser articles: March's "Madness" (after
        # "NCAA tournament") had listed "March madness in D.C.: Biden responds to bank crisis".
        if number < len(by_words) and (lead is None or any(alike[lead, other] for other in chosen)):
            continue
        index = next(
            (i for i in story if told[i] >= 0 and i not in chosen and not any(alike[i, other] for other in chosen)),
            None,
        )
        if index is None:
            continue
        chosen.append(index)
        if len(chosen) == limit:
            break
    return chosen


def _by_story_words(
    titles: Sequence[tuple[str, int]], followed_titles: Sequence[tuple[str, int]], archive: TitleCounts, told: list[int]
) -> list[list[int]]:
    """The articles of each story of story_clusters, the weightiest story first: those whose
    titles hold any of its words, the most of its words' weight first (then the most followed,
    see main_stories)."""
    words = [title_words(title) for title, _ in titles]
    ranked = []
    for story in story_clusters([title for title, _ in titles], archive):
        held = {i: sum(story.get(word, 0.0) for word in words[i]) for i in range(len(titles))}
        ranked.append(sorted((i for i in held if held[i] > 0), key=lambda i: (-held[i], -told[i], i)))
    return ranked


# Two story words whose titles overlap this much (a share of the fewer's) tell one story: "NCAA",
# "tournament" and "Madness" in March, "Silicon", "Valley" and "bank".
ONE_STORY_SHARE = 0.5
ONE_STORY_TITLES = 2


def _one_story(lead: set[int], other: set[int]) -> bool:
    both = len(lead & other)
    return both >= ONE_STORY_TITLES and both >= ONE_STORY_SHARE * min(len(lead), len(other))


def story_clusters(titles: Sequence[str], archive: TitleCounts) -> list[dict[str, float]]:
    """The titles' stories: their story_words, grouped by the titles holding them together, each
    with its words' weights; the weightiest story first."""
    weights = story_words(titles, archive)
    holding: dict[str, set[int]] = {word: set() for word in weights}
    for i, title in enumerate(titles):
        for word in title_words(title) & weights.keys():
            holding[word].add(i)
    # Each word joins the weightiest story whose first word its titles go with, or starts one: not
    # a chain of pairs, which had joined January's stories into one ("Hamlin" to "win" to "NBA").
    stories: dict[str, dict[str, float]] = {}
    for word in sorted(weights, key=lambda word: (-weights[word], word)):
        first = next((lead for lead in stories if _one_story(holding[lead], holding[word])), word)
        stories.setdefault(first, {})[word] = weights[word]
    return sorted(stories.values(), key=lambda story: -sum(story.values()))


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
    SAME_FEATURE of their words. A live blog's label ("Israel war news updates: …", "Damar Hamlin
    updates: …") is its story's, told again each day: an editor's October 11 and 12 had left out
    the war, and February 10 the Turkey earthquake."""
    (words_a, labels_a), (words_b, labels_b) = a, b
    shared = {label for label in labels_a & labels_b if not LIVE_BLOG.search(label)}
    return bool(shared) or len(words_a & words_b) >= SAME_FEATURE * max(len(words_a | words_b), 1)


# A label a live blog's days share.
LIVE_BLOG = re.compile(r"\b(?:updates?|live)\b")
# How many days apart one article's title may come again, re-dated, and still be that article's
# story rather than a feature's next edition: "UAW strike: Workers at 3 plants in 3 states launch
# historic action" on September 14 and 15 had left the strike out of both days' news. A weekly
# feature ("This Date in Baseball-Week Ahead", "Quiz of The Week: …") comes a week apart.
REPUBLISHED_DAYS = 3
REPUBLISHED_TIMES = 2


def _republished(a: tuple[str, int], b: tuple[str, int], days: int) -> bool:
    """Two articles of the same title a few days apart (days as YYYYMMDD), a title on no more
    than two days (`days`) of the weeks read: one article published again. Not a daily feature's
    editions, whose titles differ by their dates ("Ten Things You Need to Know Today: 10 March
    2023"), nor one's that are the same every few days ("News from around our 50 states", a
    review's)."""
    first, second = day_from_number(a[1]), day_from_number(b[1])
    if first is None or second is None:
        return False
    same = a[0].casefold() == b[0].casefold()
    return same and days <= REPUBLISHED_TIMES and abs((first - second).days) <= REPUBLISHED_DAYS


def stacked(vectors: Sequence[np.ndarray | None]) -> tuple[np.ndarray, list[int]]:
    """The vectors that exist, as rows, and the positions they came from."""
    kept = [i for i, vector in enumerate(vectors) if vector is not None]
    rows = [vector for vector in vectors if vector is not None]
    if not rows:
        return np.zeros((0, 0), dtype=np.float32), []
    return np.stack(rows).astype(np.float32), kept
