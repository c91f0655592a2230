"""Questions about July-December 2023 news, never fitted on: a check of the figures outside the dev months.

    .venv/bin/python bench/later_questions.py --index DIR

DIR is a Newsdesk index of the whole RealTimeQA corpus (../shared). bench/later2023.jsonl holds
198 questions written by two helpers in the quiz's style, each asked as of a day in July-December
2023: 133 real ones, whose gold answer they checked in a corpus article about the event published
by that day (its id is "hit"), and 65 made up from them (a real story's name, place or year swapped,
or a story the corpus does not hold). They were written from the articles' titles, so they are
easier than the quiz's; nothing in Newsdesk was fitted on them. Printed: on the real questions,
how many are declined and how often the answer's first 40 and 80 words, and the passages' first
400, hold the gold answer; on the made-up ones, how many are declined.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from fit_decline import answers_over
from scoring import AnswerHits, answer_hits, describe_hits, plain_percent

QUESTIONS = Path(__file__).with_name("later2023.jsonl")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, required=True, help="a Newsdesk index of the whole corpus")
    args = parser.parse_args()
    answers = answers_over(args.index)
    rows = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    real: list[AnswerHits] = []
    made_up: list[bool] = []
    for number, row in enumerate(rows, start=1):
        answer = answers.answer(row["question"], date.fromisoformat(row["as_of"]))
        if row["kind"] == "madeup":
            made_up.append(answer.abstained)
        else:
            real.append(answer_hits(answer.abstained, answer.text, [p.text for p in answer.passages], [row["gold"]]))
        if number % 50 == 0:
            print(f"  {number}/{len(rows)} questions", file=sys.stderr, flush=True)
    print(f"July-December 2023 questions ({QUESTIONS.name}), never fitted on:")
    print(f"  real (n={len(real)}): {describe_hits(real)}")
    print(f"  made-up (n={len(made_up)}): declined {plain_percent(made_up)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
