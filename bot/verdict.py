"""A verdict for a true-or-false question ("True or false: Twelve new moons were discovered around
Jupiter"), when a quoted sentence states the claim itself.

Quizzes ask this way, and a quote alone left the reader to judge. Newsdesk says "True" only when
one quoted sentence holds every name and number of the claim and almost every other word, and
neither says "not": a claim with a name swapped in ("… around Saturn") or turned round ("… did not
see his shadow") gets no verdict, only the quotes. It never says "False": an article that
does not state a claim does not deny it.
"""

from __future__ import annotations

import re

from bot.extractive import question_names
from newsdesk.numbers import NUMBER_WORD_VALUES
from newsdesk.text import content_terms, with_name_parts

# "True or false: …", "… True or false?", "True/False: …".
_TRUE_OR_FALSE = r"(?:true\s+or\s+false|true\s*/\s*false)"
ASKED_FIRST = re.compile(rf"^\s*{_TRUE_OR_FALSE}\s*[:?.,–—-]+\s*", re.IGNORECASE)
ASKED_LAST = re.compile(rf"[\s.,;:–—-]*\b{_TRUE_OR_FALSE}\s*[?.!]*\s*$", re.IGNORECASE)
# Words that turn a statement round.
NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|none|without)\b|n['’]t\b", re.IGNORECASE)
NUMBER = re.compile(r"\d[\d,.]*\d|\d")
# The share of the claim's plain words (not names or numbers) a sentence must hold: news words a
# claim its own way ("turned over" where the claim says "handed over").
PLAIN_WORDS_HELD = 0.85
MIN_CLAIM_TERMS = 3


def claim_of(question: str) -> str | None:
    """The statement a true-or-false question asks about, or None for any other question."""
    claim = ASKED_FIRST.sub("", question, count=1)
    if claim == question:
        claim = ASKED_LAST.sub("", question, count=1)
    if claim == question or len(content_terms(claim)) < MIN_CLAIM_TERMS:
        return None
    return claim.strip()


def _numbers(text: str) -> set[str]:
    """The numbers a text writes, in figures ("Twelve" is "12", "1,000" is "1000")."""
    words = {str(value) for word, value in NUMBER_WORD_VALUES.items() if re.search(rf"\b{word}\b", text, re.I)}
    return words | {n.replace(",", "") for n in NUMBER.findall(text)}


def states(claim: str, sentence: str) -> bool:
    """The sentence states the claim: its names and numbers and nearly all its other words, with no
    "not" in either."""
    # A "not" in either may turn any part round: a sentence saying so elsewhere ("… did not see
    # the shadow in 2022") is no telling of a claim that he did not.
    if NEGATION.search(claim) or NEGATION.search(sentence):
        return False
    if not _numbers(claim) <= _numbers(sentence):
        return False
    held = with_name_parts(content_terms(sentence))
    names = with_name_parts(question_names(claim))
    if not names <= held:
        return False
    plain = {t for t in content_terms(claim) - names if not t.isdigit() and t not in NUMBER_WORD_VALUES}
    return not plain or len(plain & held) >= PLAIN_WORDS_HELD * len(plain)


# An answer's quotes, each before its citation mark: “…” [2].
CITED = re.compile(r"(.+?)\s*\[(\d{1,3})\]", re.DOTALL)


def verdict(question: str, claim_searched: str, answer_text: str) -> str | None:
    """ "True, as [n] says." when a quote of the answer states the claim; None otherwise.
    `claim_searched` is the claim as it was searched (without the period it names: "this week" is
    no word of a sentence)."""
    if claim_of(question) is None:
        return None
    claim = claim_of(claim_searched) or claim_searched
    for quote, n in CITED.findall(answer_text):
        if states(claim, quote):
            return f"True, as [{n}] says."
    return None
