"""Made-up questions that no article answers, built from the dev questions, to fit and check declining.

Six kinds, as a user would ask them:
- "name": a real question with its key name swapped for a person who does not exist (an unusual
  name, or a common first name and surname), or a one-word name (a drug, a company) for an
  invented word;
- "real name": its key name swapped for a real one from another week's story;
- "opening name": the name opening it swapped for an invented one;
- "year": moved to a year the archive does not cover ("… in 1974?");
- "period": asked as of a day years before the archive starts;
- "off-topic": cooking, textbook science, fiction, sport long ago, home repair.
Each keeps the id of the question it came from, so fitting and scoring stay on separate halves.
bench/fit_decline.py fits on four kinds and measures "real name" and "opening name" only.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date

from offtopic import UNANSWERABLE
from rtqa import Question

from bot.answertype import DAYS_AND_MONTHS

INVENTED_PEOPLE = (
    "Ottoline Brasswick",
    "Dariusz Fenwright",
    "Marguerite Vanterpool",
    "Kwabena Oduya-Lindqvist",
    "Priyanka Hollowell",
    "Ansel Drummore",
    "Tiberius Okonkwo-Hale",
    "Ingeborg Castellane",
    "Florian Mbeki-Sorensen",
    "Rosalind Quarterman",
    "Yusuf Abernathy-Kahn",
    "Clementine Ostrava",
)
# Invented too, but from a common first name and surname that each occur in the corpus, as a
# user's mistaken or made-up name would: no article writes them together.
FAMILIAR_PEOPLE = (
    "Gregory Whitfield",
    "Natalie Ashford",
    "Marcus Holloway",
    "Diane Castellano",
    "Trevor Lindgren",
    "Sandra Pennington",
    "Caroline Ashby",
    "Victor Delgado",
    "Melissa Hartman",
    "Dennis Calloway",
    "Heather Brandt",
    "Janet Whitaker",
)
# One-word names (a drug, a company, a town) that no article holds.
INVENTED_WORDS = (
    "Zorvana",
    "Kelbrix",
    "Tramondi",
    "Quillaro",
    "Vospera",
    "Brandivex",
    "Oskarune",
    "Maltrevo",
    "Fennigar",
    "Drusella",
    "Pelorix",
    "Ventiqua",
)
PAST_YEARS = (1951, 1958, 1963, 1967, 1972, 1974, 1979, 1983, 1986, 1989)
NAME = re.compile(r"(?<!^)(?<![.?!] )\b([A-Z][a-z]+(?: [A-Z][a-z]+)+)\b")
WORD = re.compile(r"[A-Za-z][\w'’-]*")
# A name of capitalised words opening a question, and the capitalised words that open questions
# without being a name's.
OPENING_NAME = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")
OPENERS = frozenset((
    "The", "What", "Which", "Who", "How", "In", "On", "After", "As", "A", "True", "According", "This",
    "Former", "Since", "When", "Where", "Why", "For", "At", "While", "Over", "During", "With", "From",
    "Despite", "Following", "More", "Some", "Many", "One", "Two", "Three", "Four", "Five", "New", "US",
    "UK",
))  # fmt: skip


def one_word_names(text: str) -> list[str]:
    """Capitalised words standing alone ("approved Leqembi this week"): not opening a sentence,
    not next to another capitalised word ("Prince Harry"), not hyphenated, not "House of …"."""
    words = list(WORD.finditer(text))
    found = []
    for i, match in enumerate(words):
        word = match.group()
        before = text[: match.start()].rstrip()
        opens = not before or before[-1] in ".?!:"
        beside = [w.group() for w in (words[i - 1] if i else None, words[i + 1] if i + 1 < len(words) else None) if w]
        if (
            word[0].isupper()
            and word.isalpha()
            and len(word) >= 4
            and not opens
            and not any(w[0].isupper() or w == "of" for w in beside)
            and word.lower() not in DAYS_AND_MONTHS
        ):
            found.append(word)
    return found


YEAR = re.compile(r"\b(19|20)\d\d\b")
TEXTBOOK = (
    "What is the boiling point of ethanol at sea level?",
    "How many bones are in the adult human hand?",
    "What is the atomic number of molybdenum?",
    "Who proved Fermat's Last Theorem?",
    "What is the speed of sound in dry air at 20 degrees Celsius?",
    "What is the capital of Burkina Faso?",
    "How many chambers does a crocodile's heart have?",
    "What does the Krebs cycle produce?",
    "In Hamlet, who kills Polonius?",
    "What is the name of Don Quixote's horse?",
    "Which planet has the longest day in the solar system?",
    "What is Avogadro's number?",
)


@dataclass(frozen=True)
class MadeUp:
    """A question whose honest reply is "the articles don't cover this"."""

    source_id: str  # the dev question it was built from ("" for off-topic ones)
    kind: str
    as_of: date
    text: str


def build(questions: list[Question], seed: int = 7) -> list[MadeUp]:
    """At least 300 made-up questions from these dev questions."""
    rng = random.Random(seed)
    made: list[MadeUp] = []
    for q in questions:
        names = NAME.findall(q.text)
        swapped = len([m for m in made if m.kind == "name"])
        if names and swapped < 160:
            people = INVENTED_PEOPLE if swapped % 2 == 0 else FAMILIAR_PEOPLE  # half each
            made.append(MadeUp(q.id, "name", q.as_of, q.text.replace(names[0], rng.choice(people), 1)))
    for q in rng.sample(questions, min(120, len(questions))):
        year = str(rng.choice(PAST_YEARS))
        text = YEAR.sub(year, q.text) if YEAR.search(q.text) else q.text.rstrip("?") + f" in {year}?"
        made.append(MadeUp(q.id, "year", q.as_of, text))
    for q in rng.sample(questions, min(60, len(questions))):
        made.append(MadeUp(q.id, "period", q.as_of.replace(year=q.as_of.year - 6), q.text))
    # A one-word name swapped in questions not used above (its own random numbers, so the
    # made-up questions above stay as they were).
    used = {m.source_id for m in made if m.kind == "name"}
    single = random.Random(seed + 1)
    for q in questions:
        words = one_word_names(q.text)
        if q.id not in used and words and len([m for m in made if m.kind == "name"]) < 220:
            # Every time the question writes it ("… Grammy … Grammy award").
            text = re.sub(rf"\b{re.escape(words[0])}\b", single.choice(INVENTED_WORDS), q.text)
            made.append(MadeUp(q.id, "name", q.as_of, text))
    # A real name from another week's story swapped in ("NFL player Joe Biden suffered an on-field
    # medical emergency…"): the archive writes it, never with the rest of the question. From
    # questions not used above, with their own random numbers.
    used |= {m.source_id for m in made if m.kind == "name"}
    others = [(q.id, NAME.findall(q.text)[0]) for q in questions if NAME.findall(q.text)]
    real = random.Random(seed + 2)
    for q in questions:
        names = NAME.findall(q.text)
        if q.id in used or not names or len([m for m in made if m.kind == "real name"]) >= 150:
            continue
        other_id, other = real.choice(others)
        # Another week's story, and not a name the question already holds in part ("Biden").
        if other_id[:8] == q.id[:8] or other.split()[-1] in q.text:
            continue
        made.append(MadeUp(q.id, "real name", q.as_of, q.text.replace(names[0], other, 1)))
    # An invented name opening the question ("Janet Whitaker published his memoir this week…"),
    # where a sentence's first capital could be any word's. Its own random numbers again.
    opening = random.Random(seed + 3)
    for q in questions:
        match = OPENING_NAME.match(q.text)
        if match and match.group().split()[0] not in OPENERS and q.id not in used:
            made.append(
                MadeUp(
                    q.id,
                    "opening name",
                    q.as_of,
                    opening.choice(INVENTED_PEOPLE + FAMILIAR_PEOPLE) + q.text[match.end() :],
                )
            )
    days = sorted({q.as_of for q in questions})
    # Household how-to questions were tried and dropped: USA Today's product reviews answer many of them.
    off_topic = [*UNANSWERABLE, *TEXTBOOK]
    for n, text in enumerate(off_topic):
        made.append(MadeUp(f"offtopic-{n}", "off-topic", days[(n * 7) % len(days)], text))
    return made
