"""A word the articles hardly hold, read as they spell it ("Jim Boheim" -> "Jim Boeheim").

People type names from memory. A name misspelt by one letter is in no article, so the decline
checks said "no article mentions “Boheim”" while the closest article was the one about Jim Boeheim
retiring. Such a word is read as the word one edit away (a letter added, dropped, changed, or two
swapped) that the question's passages write and the archive holds far more often, and the answer
says so. "Far more often", not "at all": a large archive holds typos too ("Presidnet", 8 chunks
of 94,000, against "President" in 20,000).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from rapidfuzz.distance import DamerauLevenshtein
from wordfreq import zipf_frequency

from bot.recase import PLAIN_WORD_ZIPF
from newsdesk.models import Passage

# A word of letters, also before "'s" or inside "Wyoming-based"; a number or a code ("F-35",
# "3M") is no misspelling to guess at.
LETTERS = re.compile(r"(?<![\w'’])[^\W\d_]+(?=['’]s\b|[^\w'’]|$)")
# Shorter words are a letter away from too many others ("Bidn" from "Bid", "Bide", "Biden").
MIN_LETTERS = 5
# A typo is rare: the typed word is in at most this many chunks ...
RARE_CHUNKS = 10
# ... and the word it is read as is in this many times more (any, when the typed one is in none).
MORE_OFTEN = 20


def archive_spellings(
    question: str, passages: Sequence[Passage], chunks_holding: Callable[[str], int | None]
) -> dict[str, str]:
    """Each rare word of the question that is no plain English word and that no passage writes,
    mapped to the word one edit away that the passages write and the archive holds MORE_OFTEN
    times more (`chunks_holding`: the chunks holding a word, None for a stop word). The first
    letter must agree: a typo seldom changes it, and "Boheim" is not "Coheim"."""
    written = {w for p in passages for w in LETTERS.findall(f"{p.title}\n{p.text}") if len(w) >= MIN_LETTERS - 1}
    lowered = {w.lower() for w in written}
    spellings = {}
    for word in dict.fromkeys(LETTERS.findall(question)):
        if len(word) < MIN_LETTERS or word.lower() in lowered or zipf_frequency(word, "en") >= PLAIN_WORD_ZIPF:
            continue
        held = chunks_holding(word)
        if held is None or held > RARE_CHUNKS:
            continue
        close = [
            (chunks, form)
            for form in written
            if form[0].lower() == word[0].lower()
            and DamerauLevenshtein.distance(form.lower(), word.lower(), score_cutoff=1) <= 1
            and (chunks := chunks_holding(form) or 0) >= MORE_OFTEN * held
        ]
        if close:
            form = max(close)[1]
            spellings[word] = form.lower() if word.islower() else form
    return spellings


def respell(text: str, spellings: Mapping[str, str]) -> str:
    """The text with each misspelt word replaced, whole words only."""
    for word, form in spellings.items():
        text = re.sub(rf"(?<![\w'’]){re.escape(word)}(?![\w])", form, text)
    return text


def respelling_notice(spellings: Sequence[tuple[str, str]]) -> str | None:
    """What the answer says it read: "Read “Boheim” as “Boeheim”, as the articles write it."."""
    if not spellings:
        return None
    read = ", ".join(f"“{word}” as “{form}”" for word, form in spellings)
    return f"Read {read}, as the articles write it."
