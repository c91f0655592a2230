"""What an acronym of a question stands for, as the archive writes it out.

People type "Who bought SVB?", "why did the uaw strike"; the stories that answer write "Silicon
Valley Bank" and "the United Auto Workers" as often (the First Citizens story of SVB's sale writes
the bank's name in full, and a probe's "Who bought SVB?" never found it). The archive itself says what an acronym
stands for: the chunks that write it also write, most often, the capitalised words whose initials
it is ("Silicon Valley Bank" in 32 of the 46 chunks writing "SVB"). No list to keep up.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from wordfreq import zipf_frequency

from bot.respell import TYPO_ZIPF

# An acronym as typed or recased: three to six capitals ("SVB", "UAW", "NATO"); shorter ones
# ("EV", "US") stand for too many things.
ACRONYM = re.compile(r"\b[A-Z]{3,6}\b")
# Capitalised words in a row, with the small words a name holds ("Centers for Disease Control").
CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|and|for|the|on|in|&)\s+)?[A-Z][\w'’-]*)+")
LOWER_WORD = re.compile(r"\b[a-z]{3,6}\b")
SMALL_WORDS = frozenset({"of", "and", "for", "the", "on", "in", "&"})
# Chunks read for one acronym: enough to count on, few enough to cost a few milliseconds.
CHUNKS_READ = 100
# A spelling must be the most frequent by this much, and written this often, to be taken: "NFL"
# is spelt out once in 100 chunks, and that is no reading worth adding.
MIN_WRITTEN = 3
MIN_SHARE = 0.05


def writes_acronym(text: str, acronym: str) -> bool:
    """The text writes the acronym as a word of its own, in capitals ("SVB", not "SVBs" or "svb")."""
    return re.search(rf"\b{re.escape(acronym)}\b", text) is not None


def spelt_out(acronym: str, texts: Sequence[str]) -> str | None:
    """The words whose initials the acronym is that the texts write most often (possessives
    dropped), or None when none is written often enough (MIN_WRITTEN times, in MIN_SHARE of the
    texts that write the acronym)."""
    writing = [text for text in texts if writes_acronym(text, acronym)]
    counts: Counter[str] = Counter()
    for text in writing:
        for run in CAPITALISED_RUN.finditer(text):
            counts.update(_spellings_in(run.group().split(), acronym))
    if not counts:
        return None
    best, written = counts.most_common(1)[0]
    return best if written >= MIN_WRITTEN and written >= MIN_SHARE * len(writing) else None


def _spellings_in(words: list[str], acronym: str) -> list[str]:
    """The runs of these words whose initials, small words aside, are the acronym."""
    found = []
    for start, first in enumerate(words):
        if first in SMALL_WORDS:
            continue
        initials = ""
        for end in range(start, len(words)):
            if words[end] in SMALL_WORDS:
                continue
            initials += words[end][0]
            if len(initials) == len(acronym):
                if initials == acronym:
                    found.append(" ".join([*words[start:end], re.sub(r"['’]s$", "", words[end])]))
                break
    return found


def acronyms_spelt_out(question: str, chunks_writing: Callable[[str], Sequence[str]]) -> dict[str, str]:
    """Each acronym of the question mapped to what the archive spells it out as, when the question
    does not already (`chunks_writing`: the texts of up to CHUNKS_READ chunks writing a word)."""
    spelt = {}
    # Typed in lower case too ("who bought svb"), when the word is none English uses.
    typed = ACRONYM.findall(question) + [w.upper() for w in LOWER_WORD.findall(question) if _no_plain_word(w)]
    for acronym in dict.fromkeys(typed):
        long = spelt_out(acronym, chunks_writing(acronym))
        if long is not None and long.lower() not in question.lower():
            spelt[acronym] = long
    return spelt


def _no_plain_word(word: str) -> bool:
    """A lower-case word English hardly uses, as a typo is (respell.TYPO_ZIPF): "who" is no W.H.O."""
    return zipf_frequency(word, "en") < TYPO_ZIPF


def acronyms_for_names(text: str, chunks_writing: Callable[[str], Sequence[str]]) -> dict[str, str]:
    """The other way round: each acronym of a name the text writes out ("Silicon Valley Bank"
    -> "SVB"), when the archive spells that acronym out as this name. A timeline of "Silicon Valley
    Bank collapse" had lost the day the bank failed: that day's article writes "SVB" in the
    sentences that tell it (an editor's)."""
    found: dict[str, str] = {}
    for run in CAPITALISED_RUN.finditer(text):
        words = run.group().split()
        if words[0] == "The":  # a topic's or sentence's first word: "The United Auto Workers"
            words = words[1:]
        # Its first words, however many: a topic typed in title case runs on past the name
        # ("Silicon Valley Bank Collapse", a review's, is "SVB" and a collapse).
        for end in range(len(words), 1, -1):
            if words[end - 1] in SMALL_WORDS:
                continue
            named = words[:end]
            initials = "".join(word[0] for word in named if word not in SMALL_WORDS)
            if not ACRONYM.fullmatch(initials) or initials in found or writes_acronym(text, initials):
                continue
            long = spelt_out(initials, chunks_writing(initials))
            if long is not None and long.lower() == re.sub(r"['’]s$", "", " ".join(named)).lower():
                found[initials] = long
                break
    return found
