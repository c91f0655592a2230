"""Are questions typed in lower case declined as the same questions with capitals are?

    .venv/bin/python bench/lower_case.py --index DIR

In a chat, questions often come without capitals ("who killed jenny waterford"), and the decline
checks read names from capitals (bot/recase.py gives such a question the archive's). This asks
every search-hit dev question and every made-up question of bench/madeup.py twice, as written and
in lower case, and prints the share declined of each kind both ways, on the held-out half and on
all. DIR is a Newsdesk index of the whole corpus (about 3 minutes).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from fit_decline import DATA, answers_over, search_hit_questions
from holdout import fitted_half
from madeup import build
from rtqa import load_questions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, required=True)
    args = parser.parse_args()
    answers = answers_over(args.index)

    questions = load_questions(DATA)
    asked = [(q.id, "search-hit", q.text, q.as_of) for q in search_hit_questions(questions)]
    asked += [(m.source_id, m.kind, m.text, m.as_of) for m in build(questions)]
    # kind -> (held out, declined as written, declined in lower case), one per question
    results: dict[str, list[tuple[bool, bool, bool]]] = defaultdict(list)
    for number, (key, kind, text, as_of) in enumerate(asked, start=1):
        written = answers.decide(answers.retrieve(text, as_of)).decline
        lower = answers.decide(answers.retrieve(text.lower(), as_of)).decline
        results[kind].append((not fitted_half(key), written, lower))
        if number % 100 == 0:
            print(f"  {number}/{len(asked)} questions", file=sys.stderr)

    print("Declined, as written / in lower case")
    print(f"{'kind':12s} {'held-out':>24s} {'all':>24s}")
    for kind, rows in sorted(results.items()):
        held = [row for row in rows if row[0]]
        print(f"{kind:12s} {_shares(held):>24s} {_shares(rows):>24s}")
    return 0


def _shares(rows: list[tuple[bool, bool, bool]]) -> str:
    if not rows:
        return "—"
    written = 100 * sum(row[1] for row in rows) / len(rows)
    lower = 100 * sum(row[2] for row in rows) / len(rows)
    return f"{written:.1f}% / {lower:.1f}% of {len(rows)}"


if __name__ == "__main__":
    sys.exit(main())
