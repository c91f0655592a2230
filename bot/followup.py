"""Follow-up questions without a language model: carry the earlier turn's names over."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsdesk.text import stopwords

# Runs of capitalised words ("Mahmoud Abbas", "West Bank"), the usual shape of a name.
NAME = re.compile(r"\b[A-Z][\w’'-]+(?:\s+(?:of\s+|the\s+)?[A-Z][\w’'-]+)*")
PRONOUNS = re.compile(r"\b(he|she|they|him|her|them|his|hers|their|it|its|that|this|there|those|these)\b", re.I)
# "And in Jerusalem?", "What about Egypt?": a question that only makes sense after the last one.
CONTINUATION = re.compile(r"^\s*(and|but|also|then|so|what about|how about|and what about)\b", re.I)
SHORT_WORDS = 4  # "Why?", "How many were killed?": too short to stand alone without a name
QUESTION_WORDS = {
    "who",
    "what",
    "when",
    "where",
    "why",
    "how",
    "which",
    "did",
    "does",
    "is",
    "are",
    "was",
    "were",
    "the",
}


@dataclass(frozen=True)
class Turn:
    """One earlier exchange of a conversation. A declined question's answer is "": the text
    of a decline, and the closest articles it lists, are nothing a follow-up is about."""

    question: str
    answer: str


def names_in(text: str, mid_sentence: bool = False) -> list[str]:
    """Capitalised names in a text, without sentence-initial question words, in order. With
    `mid_sentence`, what opens a sentence or a quote is capitalised by its place: neither a single
    word ("Facing criticism, …") nor a stop word before a name ("In Tennessee, …") is a name."""
    found = []
    for match in NAME.finditer(text):
        name = match.group(0)
        before = text[: match.start()].rstrip()
        if mid_sentence and (not before or before[-1] in '.!?“"['):
            first, _, rest = name.partition(" ")
            if first.lower() in stopwords():  # "In Tennessee, …": the place, not "In"
                name = rest
            elif not rest:  # "Facing criticism, …"
                continue
        first, _, rest = name.partition(" ")
        if first.lower() in QUESTION_WORDS:
            name = rest
        if name and name.lower() not in QUESTION_WORDS and name not in found:
            found.append(name)
    return found


def is_follow_up(question: str) -> bool:
    """Does the question lean on the conversation? "Who won the Super Bowl?" asked next in a
    chat about Blinken stands alone and must not be read as a question about Blinken."""
    if PRONOUNS.search(question) or CONTINUATION.match(question):
        return True
    return len(question.split()) <= SHORT_WORDS and not names_in(question)


def carry_entities(question: str, history: Sequence[Turn], limit: int = 4) -> str:
    """The follow-up plus the names of the previous question (then its answer) it lacks.

    "What did he say after that?" after "Who did Blinken meet in Ramallah?" becomes
    "What did he say after that? Blinken Ramallah".
    """
    if not history or not is_follow_up(question):
        return question
    last = history[-1]
    present = question.lower()
    carried = [name for name in names_in(last.question) if name.lower() not in present]
    if PRONOUNS.search(question) or len(question.split()) <= 6:
        answer_names = names_in(last.answer, mid_sentence=True)
        carried += [name for name in answer_names if name.lower() not in present and name not in carried]
    carried = carried[:limit]
    return f"{question} {' '.join(carried)}" if carried else question
