"""Questions as users type them, never fitted on: casual news questions, and general knowledge.

    .venv/bin/python bench/casual_questions.py --index DIR

DIR is a Newsdesk index of the whole RealTimeQA corpus (../shared). Two sets a helper wrote:
- bench/casual_news_test.tsv: 150 news questions as a news bot's users ask them ("why did that
  german artist turn down the sony photography award"), one about each of 150 random articles of
  2023, asked 0-7 days after it was published; with the answer, a string of the article.
- bench/general_questions_test.txt: 150 general-knowledge questions, small talk and requests
  ("write me a limerick about a cat"), which a news archive does not answer; each asked as of a
  day of January-June 2023, in turn.
Nothing was fitted on either (bench/fit_general.py fits on other questions by other helpers).
Printed: how many of each are declined, and how often the news answers' first 40 and 80 words,
and their passages' first 400, hold the answer. Some answers are short strings that other
articles hold too ("fries"), so the first-80 figures flatter a little.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from fit_decline import answers_over
from scoring import AnswerHits, answer_hits, describe_hits, plain_percent

NEWS = Path(__file__).with_name("casual_news_test.tsv")
GENERAL = Path(__file__).with_name("general_questions_test.txt")
GENERAL_DAYS = [date(2023, month, day) for month in range(1, 7) for day in (3, 10, 17, 24)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, required=True, help="a Newsdesk index of the whole corpus")
    args = parser.parse_args()
    answers = answers_over(args.index)
    news: list[AnswerHits] = []
    for line in NEWS.read_text(encoding="utf-8").splitlines():
        as_of, question, _article_id, gold = line.split("\t")
        answer = answers.answer(question, date.fromisoformat(as_of))
        news.append(answer_hits(answer.abstained, answer.text, [p.text for p in answer.passages], [gold]))
    print(f"  {len(news)} news questions asked", file=sys.stderr, flush=True)
    general = [line.strip() for line in GENERAL.read_text(encoding="utf-8").splitlines() if line.strip()]
    declined = [
        answers.answer(question, GENERAL_DAYS[n % len(GENERAL_DAYS)]).abstained for n, question in enumerate(general)
    ]
    print("Questions as users type them, never fitted on:")
    print(f"  casual news ({NEWS.name}, n={len(news)}): {describe_hits(news, 'the answer')}")
    print(f"  general knowledge ({GENERAL.name}, n={len(declined)}): declined {plain_percent(declined)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
