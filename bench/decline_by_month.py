"""Would the decline model turn real questions away in the archive's thin months?

    .venv/bin/python bench/decline_by_month.py --index DIR

The dev questions are all from January to June 2023; the corpus holds about 220 articles a month
from January to May, 87 in November and 41 in December. A question is judged partly by how
fully the archive covers the period it asks about (bot/decline.py, period_coverage), so a model
fitted on dense months could decline real questions asked later. This moves each search-hit dev
question's period to end on every third day of 2023 (keeping its length and its passages), reads
the archive's coverage there, and prints the share of those questions the model declines, month by
month, on the held-out half and on all of them. DIR is a Newsdesk index of the whole corpus.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from fit_decline import DATA, answers_over, search_hit_questions
from holdout import fitted_half
from rtqa import load_questions

from bot.decline import period_coverage


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, required=True)
    args = parser.parse_args()
    answers = answers_over(args.index)
    days = answers.store.replica.chunk_days()
    model = answers.decline_model

    judged = []  # (question id, evidence, first day judged or None, last day)
    for q in search_hit_questions(load_questions(DATA)):
        found = answers.retrieve(q.text, q.as_of)
        named = found.time_range is not None
        judged.append((q.id, answers.evidence(found), found.window.start if named else None, found.window.end))

    by_month: dict[int, list[tuple[bool, bool]]] = {}  # month -> (held out, declined) per question and day
    for day in (date(2023, 1, 1) + timedelta(days=n) for n in range(0, 365, 3)):
        for key, evidence, start, end in judged:
            shift = day - end
            coverage = period_coverage(days, start + shift if start else None, day)
            values = dict(evidence.values, period_coverage=coverage.share if coverage else 1.0)
            declined = model.decide(replace(evidence, values=values)).decline
            by_month.setdefault(day.month, []).append((not fitted_half(key), declined))

    held = sum(1 for key, *_ in judged if not fitted_half(key))
    print(f"Search-hit dev questions declined, their period moved into each month ({held} held out of {len(judged)})")
    print("month     held-out    all")
    for month, rows in sorted(by_month.items()):
        held_rows = [declined for is_held, declined in rows if is_held]
        print(
            f"2023-{month:02d}  {100 * sum(held_rows) / len(held_rows):7.1f}%  "
            f"{100 * sum(d for _, d in rows) / len(rows):6.1f}%"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
