"""Is a question with a misspelt name answered as the question spelt right is?

    .venv/bin/python bench/typos.py --index DIR

People type names from memory ("Jim Boheim" for "Jim Boeheim"). A name misspelt by one letter is
in no article, and the decline checks used to say "no article mentions “Boheim”". This takes
every search-hit dev question with a name of six letters or more (a capitalised word inside a
sentence), misspells that name's longest word by one edit (a letter dropped, doubled, changed or
two swapped, picked by a hash of the question's id), and asks it three ways: as written, misspelt
with the respelling off, and misspelt as Newsdesk reads it (bot/respell.py). It prints the share
declined and the share whose answer holds the gold answer in its first 80 words, on the held-out
half and on all, and how many were read back to the right spelling. DIR is a Newsdesk index of
the whole corpus (about 3 minutes).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path
from unittest import mock

from fit_decline import DATA, answers_over, search_hit_questions
from holdout import fitted_half
from rtqa import Question, load_questions
from scoring import answer_hit

import bot.answer
from bot.answer import AnswerService

NAME_WORD = re.compile(r"(?<=\s)[A-Z][a-z]{5,}\b")
VOWELS = "aeiou"


def misspelt(question: Question) -> tuple[str, str] | None:
    """The question with its longest name word misspelt by one edit, and that word; None when
    it has no name word of six letters or more."""
    names = NAME_WORD.findall(question.text)
    if not names:
        return None
    word = max(names, key=len)
    seed = int(hashlib.sha256(question.id.encode()).hexdigest(), 16)
    at = 1 + seed % (len(word) - 2)  # never the first letter, never the last
    kind = (seed // 7) % 4
    if kind == 0:
        typo = word[:at] + word[at + 1 :]  # dropped
    elif kind == 1:
        typo = word[:at] + word[at] + word[at:]  # doubled
    elif kind == 2:
        swap = VOWELS[(VOWELS.index(word[at]) + 1) % 5] if word[at] in VOWELS else "e"
        typo = word[:at] + swap + word[at + 1 :]  # changed
    else:
        typo = word[:at] + word[at + 1] + word[at] + word[at + 2 :]  # swapped
    if typo == word:
        typo = word[:at] + word[at + 1 :]
    return re.sub(rf"\b{re.escape(word)}\b", typo, question.text, count=1), word


def ask(answers: AnswerService, text: str, question: Question) -> tuple[bool, bool, tuple[tuple[str, str], ...]]:
    found = answers.retrieve(text, question.as_of)
    answer = answers.respond(found)
    return answer.abstained, not answer.abstained and answer_hit(answer.text, question.gold), found.respelled


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, required=True)
    args = parser.parse_args()
    answers = answers_over(args.index)

    # (held out, [declined, first-80] as written / misspelt, respelling off / misspelt, read back right)
    rows: list[tuple[bool, list[tuple[bool, bool]], bool]] = []
    questions = [q for q in search_hit_questions(load_questions(DATA)) if misspelt(q)]
    for number, question in enumerate(questions, start=1):
        typo_text, word = misspelt(question) or ("", "")
        written = ask(answers, question.text, question)
        with mock.patch.object(bot.answer, "archive_spellings", return_value={}):
            off = ask(answers, typo_text, question)
        on = ask(answers, typo_text, question)
        read_back = any(form.lower() == word.lower() for _, form in on[2])
        rows.append((not fitted_half(question.id), [written[:2], off[:2], on[:2]], read_back))
        if number % 50 == 0:
            print(f"  {number}/{len(questions)} questions", file=sys.stderr)

    print("Search-hit questions with a name misspelt: declined / gold in the first 80 words")
    print(f"{'':28s} {'held-out':>22s} {'all':>22s}")
    held = [row for row in rows if row[0]]
    for column, label in enumerate(("as written", "misspelt, respelling off", "misspelt (Newsdesk)")):
        print(f"{label:28s} {_shares(held, column):>22s} {_shares(rows, column):>22s}")
    print(
        f"read back to the right spelling: {sum(r[2] for r in held)} of {len(held)} held out, "
        f"{sum(r[2] for r in rows)} of {len(rows)} in all"
    )
    return 0


def _shares(rows: list[tuple[bool, list[tuple[bool, bool]], bool]], column: int) -> str:
    if not rows:
        return "—"
    declined = 100 * sum(row[1][column][0] for row in rows) / len(rows)
    hit = 100 * sum(row[1][column][1] for row in rows) / len(rows)
    return f"{declined:.1f}% / {hit:.1f}% of {len(rows)}"


if __name__ == "__main__":
    sys.exit(main())
