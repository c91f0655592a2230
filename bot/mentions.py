"""The names a question gives that the articles an answer quotes never write.

"Elon Musk changed Instagram's logo this week to which letter?" is answered from the Twitter
rebrand, and "Wildfires on Kauai this week destroyed which historic town?" from Lahaina on Maui:
the story is close, the name is not. Declining such answers would also decline right ones whose
articles write the name otherwise (bench/README.md: on the held-out search-hit questions, answers
declined 3.9% -> 7.8% or more), so the answer says it instead, and the reader can judge. Two
or more such names are another story, and are declined (bot/answer.py, UNMENTIONED_DECLINES).

Only names that say which story it is: capitalised words past the question's first, less common
in English than a Zipf frequency of MENTION_ZIPF ("Kauai" 2.9, "Instagram" 4.3; not "City" 5.6),
and no day or month. A people's adjective ending as most do ("European", "Chinese") is left out,
since articles often write the place instead; the others ("German", "Thai", "Mexican") are
written by their country too ("Germany's").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from wordfreq import zipf_frequency

from bot.answertype import DAYS_AND_MONTHS
from bot.places import ADJECTIVES_OF, DEMONYMS
from newsdesk.text import without_accents

MENTION_ZIPF = 5.0
# Words of a question, with a hyphen, a dot or an ampersand inside ("CR-V", "U.S.", "AT&T").
QUESTION_WORD = re.compile(r"[^\W\d_][\w’'.&-]*")
POSSESSIVE = re.compile(r"[’']s$")
# Capitalised words a question uses that name no story ("US", "President", "TV"), and the parties,
# written in many forms (a quiz's "Which incumbent Democrat …?" was told its answer, quoting "the
# incumbent Democratic U.S. Rep. Cindy Axne", never mentions "Democrat").
GENERIC = frozenset({
    "us", "u.s", "usa", "uk", "u.k", "america", "american", "americans", "president", "former", "ceo", "tv", "no",
    "gov", "brits", "britons", "democrat", "democrats", "democratic", "republican", "republicans", "gop",
})  # fmt: skip
# A country is also written by its adjective: "prompting Turkey to suspend all matches" of a story
# that writes "the Turkish Football Federation" (a quiz's answer was told it never mentions Turkey).
COUNTRY_ADJECTIVES = {country.lower(): adjectives for country, adjectives in ADJECTIVES_OF.items()}
JOINING_WORDS = frozenset({"to", "and", "or", "of", "on", "in", "vs", "v", "versus", "for"})
# "True or false?": the answer's words, not the story's.
TRUE_OR_FALSE = re.compile(r"\btrue\s+or\s+false\b", re.IGNORECASE)
QUESTION_OPENERS = frozenset(
    {"which", "what", "who", "whom", "whose", "when", "where", "why", "how", "the", "a", "an", "in", "on", "this"}
)
# "European", "Australian", "Chinese", "British": a people's adjective, often written as the place.
PEOPLES_ADJECTIVE = re.compile(r"(?:ean|ian|ese|ish)$")


def story_names(question: str) -> list[str]:
    """The question's capitalised words that say which story it asks about (see the module)."""
    names = []
    true_or_false = TRUE_OR_FALSE.search(question) is not None
    for index, match in enumerate(QUESTION_WORD.finditer(question)):
        written = match.group()
        word = POSSESSIVE.sub("", written.rstrip(".")).rstrip("’'")
        parts = word.split("-")
        if true_or_false and word.lower() in {"true", "false"}:
            continue
        # A lower-case part inside a name is the name's ("Chick-fil-A"); a small word between two
        # names joins them ("Biden-to-Trump" is Biden and Trump).
        joined = any(part in JOINING_WORDS for part in parts[1:-1])
        if joined or any(part[:1].islower() for part in parts[:1] + parts[-1:]):
            # "UN-approved", "Trump-backed": the name is the capitalised part. A probe's Fukushima
            # answer quoting "the United Nations has approved" was told it never mentions "UN-approved".
            word = "-".join(part for part in word.split("-") if part[:1].isupper())
            if word.isupper() and len(word) <= 2:
                continue  # "UN", "EU": written "U.N." or spelled out as often
        lower = word.lower()
        if index == 0 or not word[:1].isupper() or lower in GENERIC or lower in QUESTION_OPENERS:
            continue  # the first word is capitalised anyway
        if "." in written:
            continue  # an abbreviation ("Jan. 6", "Sen.", "U.N."), which articles also spell out
        if lower in DAYS_AND_MONTHS or PEOPLES_ADJECTIVE.search(word) or zipf_frequency(lower, "en") >= MENTION_ZIPF:
            continue
        if word not in names:
            names.append(word)
    return names


def unmentioned(question: str, texts: Iterable[str]) -> list[str]:
    """The question's story names (story_names) that none of the texts writes, as a word, in any
    case, with or without accents ("Beyonce" is "Beyoncé") or a plural's "s"."""
    written = without_accents(" ".join(texts))
    return [name for name in story_names(question) if not _writes(written, name)]


# Places whose names hold a country's and are not it (a review's "Which Welsh town was flooded?"
# had been taken as written by an Australian flood). A list, not a rule: "Chancellor Olaf Scholz
# of Germany" and "Yesterday Mexico …" write the country.
NOT_THE_COUNTRY = re.compile(r"\b(?:New\s+Mexico|Gulf\s+of\s+Mexico|New\s+South\s+Wales|Prince(?:ss)?\s+of\s+Wales)\b")


def _writes_country(text: str, country: str) -> bool:
    """The text writes the country itself, not a place whose name holds it (NOT_THE_COUNTRY)."""
    return re.search(rf"(?<!\w){re.escape(country)}(?!\w)", NOT_THE_COUNTRY.sub(" ", text)) is not None


def _writes(text: str, name: str) -> bool:
    """The text writes the name, or each part of a name joined by hyphens: "the Turkey-Syria
    earthquake" is written "Turkey/Syria quake", or "Turkey" and "Syria" apart (its toll's answer
    had been told it never mentions "Turkey-Syria")."""
    # A plural as the singular too: "How many Super Bowls …" is told as "his fourth Super Bowl".
    if re.search(rf"(?<!\w){re.escape(without_accents(name.removesuffix('s')))}s?(?!\w)", text, re.I):
        return True
    for adjective in COUNTRY_ADJECTIVES.get(name.lower(), ()):
        # Capitalised, as a people's adjective is written: "french fries" names no France.
        if re.search(rf"(?<!\w){adjective}(?!\w)", text):
            return True
    # And a people's adjective by its country: "Which German district …?" of an article writing
    # "Germany's far-right AfD" (a quiz's right answer was told it never mentions "German").
    if (country := DEMONYMS.get(name.lower())) and _writes_country(text, country):
        return True
    parts = name.split("-")
    # Parts of three letters or more: "CR-V" is no two names. A part that names no story ("US" of
    # "US-Mexico border") need not be written.
    named = [part for part in parts if part.lower() not in GENERIC]
    return len(parts) > 1 and bool(named) and all(len(part) >= 3 and _writes(text, part) for part in named)
