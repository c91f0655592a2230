"""Fit the decline model (bot/decline_model.json) on the dev questions, and report it on held-out ones.

    .venv/bin/python bench/fit_decline.py --index DIR [--write]

DIR is a Newsdesk index of the whole corpus (`newsdesk ingest ../shared/data/rtqa/articles-2023.jsonl.gz`).
Positives: dev questions whose gold answer is in one of their web-search-hit articles published by
their date (the corpus really answers them). Negatives: made-up questions built from the dev
questions (bench/madeup.py). Questions are split in two halves by a hash of their id; the model
is fitted on one half and every figure printed is on the other. The threshold is the lowest
probability that keeps declines of fitted search-hit questions at 3 %: the target allows 5 %, and the
margin is for questions it was not fitted on (at 5 %, the two halves' held-out rates were 2 % and 10 %).
The bar for passages that tell no one story (bot/decline.py, Evidence.scattered) is then the highest
that declines at most half a percent more of the fitted search-hit questions (at "within 5 %", the
bar chosen on one half declined 5.3 % of the other's); `--keep-weights` keeps the shipped weights
and threshold and chooses only that bar.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from holdout import fitted_half
from madeup import MadeUp, build
from rtqa import Question, load_article_records, load_questions
from scoring import contains_gold
from sklearn.linear_model import LogisticRegression

from bot.answer import AnswerService
from bot.decline import FEATURES, MODEL_FILE, DeclineModel, Evidence
from bot.service import build_services
from newsdesk.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "rtqa"
SEARCH_HIT_DECLINES = 0.03
SCATTERED_EXTRA_DECLINES = 0.005  # of the fitted search-hit questions, declined for scattered passages alone
SCATTERED_BARS = tuple(round(0.05 * i, 2) for i in range(1, 20))  # 0.05 … 0.95
# Tried and dropped: every made-up kind weighing the same in the fit (16 off-topic questions
# against about 100 of each other kind), less regularised (C=10). Held-out off-topic declines
# went from 25% to 80% and all made-up ones from 77% to 82%, but the model learned that a short
# question is off-topic: the samples' "Where was Blinken heading?" was declined. Without the
# question's term count as a feature, off-topic declines were 40-58% and search-hit ones 3-4%.
# Measured on the held-out half but not fitted on. A real name put into another story ("NFL
# player Joe Biden suffered an on-field medical emergency…") is declined about a quarter of the
# time by the weights, and about 57% with the check after them (a name the archive writes, not
# one word of which is in any passage: bot/decline.py, DeclineModel.decide). Fitted on (even at
# a quarter weight, with a feature for whether any article writing the name holds the rest of the
# question), the model leaned on names and lowered its threshold: real
# names 25% -> 46%, but periods the archive does not cover 90% -> 83%, December's search-hit
# declines 5.0% -> 5.1%, and a two-article archive answered "What did Washington acknowledge
# about the Temple compound?" from two unrelated passages. Nor did that signal do as a second
# check after the model: with its bar set to turn away 1% of the fitted search-hit questions, it
# declined 71% of the held-out real names but 5% of the held-out search-hit ones (from 1%).
# Invented names opening a question ("Janet Whitaker published…") are measured only too: they
# were added after the model was fitted, and a name check, not a weight, declines them.
MEASURED_ONLY = frozenset({"real name", "opening name"})


@dataclass(frozen=True)
class Example:
    key: str  # decides the half
    kind: str  # "search-hit" or the made-up kind
    text: str
    evidence: Evidence

    @property
    def answerable(self) -> bool:
        return self.kind == "search-hit"


def search_hit_questions(questions: list[Question]) -> list[Question]:
    records = {r["id"]: r for r in load_article_records(DATA)}
    found = []
    for q in questions:
        for article_id in q.search_hits:
            record = records.get(article_id)
            published = record.get("published") if record else None
            if record and published and published <= q.as_of.isoformat() and contains_gold(record["text"], q.gold):
                found.append(q)
                break
    return found


def answers_over(index: Path) -> AnswerService:
    """The answer service over an index built elsewhere, with the repository's config."""
    os.environ["NEWSDESK_INDEX__PATH"] = str(index.resolve())
    return build_services(load_settings(ROOT / "config.toml")).answers


def evidence_for(answers: AnswerService, text: str, as_of) -> Evidence:  # type: ignore[no-untyped-def]
    found = answers.retrieve(text, as_of)
    return answers.evidence(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--write", action="store_true", help=f"write the fitted model to {MODEL_FILE}")
    parser.add_argument(
        "--keep-weights",
        action="store_true",
        help="keep the shipped weights and threshold, and choose only the bar for scattered passages",
    )
    parser.add_argument(
        "--swap-halves",
        action="store_true",
        help="fit on the held-out half and report on the fitted one, to see how much the figures "
        "depend on the split (not with --write)",
    )
    args = parser.parse_args()
    if args.write and args.swap_halves:
        parser.error("--swap-halves is a check; the model written is fitted on the fitted half")
    answers = answers_over(args.index)

    questions = load_questions(DATA)
    positives = search_hit_questions(questions)
    made: list[MadeUp] = build(questions)
    print(
        f"{len(positives)} search-hit dev questions, {len(made)} made-up questions "
        f"({', '.join(f'{k}: {n}' for k, n in Counter(m.kind for m in made).items())})",
        file=sys.stderr,
    )
    examples = [Example(q.id, "search-hit", q.text, evidence_for(answers, q.text, q.as_of)) for q in positives]
    examples += [Example(m.source_id, m.kind, m.text, evidence_for(answers, m.text, m.as_of)) for m in made]

    fit = [e for e in examples if fitted_half(e.key) ^ args.swap_halves and e.kind not in MEASURED_ONLY]
    held = [e for e in examples if not fitted_half(e.key) ^ args.swap_halves]
    if args.keep_weights:
        decline = DeclineModel.load()
    else:
        x = np.array([e.evidence.vector() for e in fit])
        y = np.array([e.answerable for e in fit])
        model = LogisticRegression(C=1.0, max_iter=1000).fit(x, y)
        weights = dict(zip(FEATURES, (float(w) for w in model.coef_[0]), strict=True))
        draft = DeclineModel(float(model.intercept_[0]), weights, 0.0)
        fitted_positive = sorted(draft.probability(e.evidence) for e in fit if e.answerable)
        threshold = fitted_positive[int(len(fitted_positive) * SEARCH_HIT_DECLINES)]
        decline = DeclineModel(draft.intercept, weights, threshold)
    without_bar = replace(decline, scattered_threshold=0.0)
    decline = replace(decline, scattered_threshold=scattered_threshold(without_bar, fit))
    weights = decline.weights

    report(without_bar, held, "held-out half, without the bar for scattered passages")
    report(decline, held, f"held-out half, with it ({decline.scattered_threshold})")
    report(decline, fit, "fitted half")
    baseline_threshold = answers.settings.answer.min_relevance
    print(f"\nFor comparison, the cosine threshold alone ({baseline_threshold}), held-out half:")
    for kind in sorted({e.kind for e in held}):
        group = [e for e in held if e.kind == kind]
        declined = sum(e.evidence.values["cosine"] < baseline_threshold for e in group)
        print(f"  {kind:11s} declined {declined}/{len(group)} ({100 * declined / len(group):.0f}%)")
    fitted = {
        "intercept": decline.intercept,
        "weights": weights,
        "threshold": decline.threshold,
        "scattered_threshold": decline.scattered_threshold,
    }
    print("\n" + json.dumps(fitted, indent=2))
    if args.write:
        shipped = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
        fitted_on = (
            f"{len(fit)} examples (half of {len(positives)} search-hit dev questions and of {len(made)} made-up ones)"
        )
        if args.keep_weights:  # only the bar is new
            data = {**shipped, "scattered_threshold": decline.scattered_threshold}
            data["scattered_fitted_on"] = f"{fitted_on}, bench/fit_decline.py --keep-weights"
        else:
            data = {
                "intercept": round(decline.intercept, 6),
                "weights": {k: round(v, 6) for k, v in weights.items()},
                "threshold": round(decline.threshold, 6),
                "scattered_threshold": decline.scattered_threshold,
                "fitted_on": f"{fitted_on}, bench/fit_decline.py",
            }
        MODEL_FILE.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_FILE}", file=sys.stderr)
    return 0


def scattered_threshold(model: DeclineModel, fit: list[Example]) -> float:
    """The highest bar (SCATTERED_BARS) for passages that tell no one story that declines at most
    SCATTERED_EXTRA_DECLINES more of the fitted search-hit questions; the model's own threshold
    when none does. A higher bar only declines more, so the search stops at the first too high."""
    positives = [e for e in fit if e.answerable]
    base = sum(model.decide(e.evidence).decline for e in positives)
    chosen = model.threshold
    for bar in (b for b in SCATTERED_BARS if b > model.threshold):
        trial = replace(model, scattered_threshold=bar)
        if sum(trial.decide(e.evidence).decline for e in positives) - base > SCATTERED_EXTRA_DECLINES * len(positives):
            break
        chosen = bar
    return chosen


def report(model: DeclineModel, examples: list[Example], label: str) -> None:
    print(f"\nDeclined, {label}:")
    for kind in sorted({e.kind for e in examples}):
        group = [e for e in examples if e.kind == kind]
        declined = sum(model.decide(e.evidence).decline for e in group)
        print(f"  {kind:11s} declined {declined}/{len(group)} ({100 * declined / len(group):.0f}%)")
    made = [e for e in examples if not e.answerable]
    if os.environ.get("SHOW_ANSWERED"):
        for e in made:
            if not model.decide(e.evidence).decline:
                print(
                    f"    answered {e.kind}: {e.text}  {dict((k, round(v, 2)) for k, v in e.evidence.values.items())}"
                )
    declined = sum(model.decide(e.evidence).decline for e in made)
    print(f"  all made-up declined {declined}/{len(made)} ({100 * declined / max(len(made), 1):.0f}%)")


if __name__ == "__main__":
    sys.exit(main())
