"""Turn per-question results into the figures, and the figures into the printed report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from evaluate import TOP_K, OfftopicResult, QuestionResult, RankedResult
from holdout import fitted_half
from scoring import percent, percentiles, recall_at, share

RELEVANCE_POINTS = (0, 10, 50, 90)
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55)
SYSTEM_LABELS = {
    "newsdesk": "newsdesk",
    "baseline": "baseline",
    "baseline_dated": "baseline≤as_of",
}

Figures = dict[str, Any]


def ranking_figures(ranked: Sequence[RankedResult]) -> Figures:
    ranks = [r.rank for r in ranked]
    return {
        "recall@1": recall_at(ranks, 1),
        "recall@5": recall_at(ranks, 5),
        "recall@10": recall_at(ranks, 10),
        "length_fair@400w": share(r.length_fair for r in ranked),
        "lead80": share(r.lead80 for r in ranked),
        "future_passages_share": _future_share(ranked),
    }


def _future_share(ranked: Sequence[RankedResult]) -> float | None:
    """Share of all returned passages that were published after the question's as-of date."""
    total = sum(len(r.hits) for r in ranked)
    return sum(r.future for r in ranked) / total if total else None


def answer_figures(results: Sequence[QuestionResult]) -> Figures:
    answers = [r.answer for r in results]
    answered = [a for a in answers if not a.abstained]
    latency = percentiles([a.latency for a in answers], (50, 95))
    citations = sum(a.citations for a in answered)
    return {
        "first40": share(a.hit40 for a in answers),
        "first80": share(a.hit for a in answers),
        "abstained": share(a.abstained for a in answers),
        "citations": citations,
        "citations_verbatim": sum(a.citations_verbatim for a in answered) / citations if citations else None,
        "answers_all_verbatim": share(a.citations == a.citations_verbatim for a in answered),
        "latency_p50_s": latency["p50"],
        "latency_p95_s": latency["p95"],
        "misses": {
            "abstained": sum(a.abstained for a in answers),
            "gold_not_in_top5_passages": sum(not a.abstained and not a.hit and not a.gold_in_passages for a in answers),
            "gold_in_passages_not_in_answer": sum(
                not a.abstained and not a.hit and a.gold_in_passages for a in answers
            ),
        },
    }


def kind_figures(results: Sequence[QuestionResult]) -> Figures:
    """Recall@5, length-fair and first-80 for questions with and without a time expression, and
    for those whose gold answer some article inside Newsdesk's date window holds (a baseline hit
    outside it is often the right name in an older story about another event)."""
    kinds: dict[str, Callable[[QuestionResult], bool]] = {
        "with_time_expression": lambda r: r.time_expression is not None,
        "without_time_expression": lambda r: r.time_expression is None,
        "gold_in_window": lambda r: r.gold_articles_in_window > 0,
        "gold_in_search_hit": lambda r: r.gold_in_search_hit,
        # The half of the questions the decline and sentence models were not fitted on.
        "held_out": lambda r: not fitted_half(r.id),
        "held_out_search_hit": lambda r: not fitted_half(r.id) and r.gold_in_search_hit,
    }
    figures: Figures = {}
    for kind, belongs in kinds.items():
        chosen = [r for r in results if belongs(r)]
        entry: Figures = {
            "n": len(chosen),
            "first40": share(r.answer.hit40 for r in chosen),
            "first80": share(r.answer.hit for r in chosen),
            "declined": share(r.answer.abstained for r in chosen),
        }
        for system in ("newsdesk", *_baseline_names(results)):
            ranked = [_system(r, system) for r in chosen]
            entry[system] = {
                "recall@5": recall_at([x.rank for x in ranked], 5),
                "length_fair@400w": share(x.length_fair for x in ranked),
                "lead80": share(x.lead80 for x in ranked),
            }
        figures[kind] = entry
    return figures


def _baseline_names(results: Sequence[QuestionResult]) -> list[str]:
    return list(results[0].baselines) if results else []


def _system(result: QuestionResult, system: str) -> RankedResult:
    return result.newsdesk if system == "newsdesk" else result.baselines[system]


def abstention_figures(
    results: Sequence[QuestionResult],
    offtopic: Sequence[OfftopicResult],
    made_up: Sequence[tuple[str, OfftopicResult]] = (),
    never_fitted: Sequence[OfftopicResult] = (),
) -> Figures:
    answerable = [r.answer.relevance for r in results]
    unanswerable = [o.relevance for o in offtopic]
    kinds = sorted({kind for kind, _ in made_up})
    return {
        "offtopic_n": len(offtopic),
        "offtopic_abstained": share(o.abstained for o in offtopic),
        "offtopic_never_fitted_n": len(never_fitted),
        "offtopic_never_fitted_abstained": share(o.abstained for o in never_fitted),
        "made_up_held_out": {
            "n": len(made_up),
            "declined": share(o.abstained for _, o in made_up),
            "by_kind": {
                kind: {
                    "n": sum(k == kind for k, _ in made_up),
                    "declined": share(o.abstained for k, o in made_up if k == kind),
                }
                for kind in kinds
            },
        },
        "relevance": {
            "answerable": percentiles(answerable, RELEVANCE_POINTS),
            "unanswerable": percentiles(unanswerable, RELEVANCE_POINTS),
        },
        # What a threshold alone would do (answer() also abstains when no sentence is citable).
        "threshold_sweep": [
            {
                "min_relevance": t,
                "answerable_answered": share(v >= t for v in answerable),
                "answerable_correct_kept": share(r.answer.hit and r.answer.relevance >= t for r in results),
                "unanswerable_abstained": share(v < t for v in unanswerable),
            }
            for t in THRESHOLDS
        ],
    }


def all_figures(
    results: Sequence[QuestionResult],
    offtopic: Sequence[OfftopicResult],
    made_up: Sequence[tuple[str, OfftopicResult]] = (),
    never_fitted: Sequence[OfftopicResult] = (),
) -> Figures:
    systems = {"newsdesk": ranking_figures([r.newsdesk for r in results])}
    for name in _baseline_names(results):
        systems[name] = ranking_figures([r.baselines[name] for r in results])
    return {
        "questions": len(results),
        "top_k": TOP_K,
        "ranking": systems,
        "answer": answer_figures(results),
        "by_kind": kind_figures(results),
        "reachable": {
            "gold_in_article_by_as_of": share(r.gold_articles_by_as_of > 0 for r in results),
            "gold_in_article_in_window": share(r.gold_articles_in_window > 0 for r in results),
            "gold_in_search_hit_by_as_of": share(r.gold_in_search_hit for r in results),
        },
        "abstention": abstention_figures(results, offtopic, made_up, never_fitted),
    }


# -- printing ------------------------------------------------------------------------------


def _num(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _row(label: str, cells: Sequence[str], width: int = 40, cell_width: int = 16) -> str:
    return f"{label:<{width}}" + "".join(f"{cell:>{cell_width}}" for cell in cells)


def render(figures: Figures) -> list[str]:
    """The report's figures as lines of text."""
    systems = list(figures["ranking"])
    lines = [_row("metric", [SYSTEM_LABELS.get(s, s) for s in systems]), "-" * (40 + 16 * len(systems))]
    for key, label in (
        ("recall@1", "answer-recall@1"),
        ("recall@5", "answer-recall@5"),
        ("recall@10", "answer-recall@10"),
        ("length_fair@400w", "length-fair: gold in first 400 words"),
        ("lead80", "gold in the passages' first 80 words"),
        ("future_passages_share", "top-10 passages published after as_of"),
    ):
        lines.append(_row(label, [percent(figures["ranking"][s][key]) for s in systems]))
    lines += _answer_lines(figures["answer"], len(systems) - 1)
    lines += ["", *_kind_lines(figures["by_kind"], systems)]
    reach = figures["reachable"]
    lines += [
        "",
        "Upper bounds: gold answer in some ingested article published by as_of "
        f"{percent(reach['gold_in_article_by_as_of']).strip()}, inside Newsdesk's date window "
        f"{percent(reach['gold_in_article_in_window']).strip()}; in an article that a web search returned for "
        f"the question (so about its event) {percent(reach['gold_in_search_hit_by_as_of']).strip()}",
        "",
        *_abstention_lines(figures["abstention"]),
    ]
    return lines


def _answer_lines(answer: Figures, baselines: int) -> list[str]:
    none = ["—"] * baselines
    misses = answer["misses"]
    return [
        _row("answer: gold in first 40 words", [percent(answer["first40"]), *none]),
        _row("answer: gold in first 80 words", [percent(answer["first80"]), *none]),
        _row("answer: abstained (answerable)", [percent(answer["abstained"]), *none]),
        _row(f"citations verbatim ({answer['citations']})", [percent(answer["citations_verbatim"]), *none]),
        _row("answers with all citations verbatim", [percent(answer["answers_all_verbatim"]), *none]),
        _row(
            "answer() latency p50 / p95 (s)",
            [f"{_num(answer['latency_p50_s'], 2)} / {_num(answer['latency_p95_s'], 2)}", *none],
        ),
        "",
        f"First-80 misses: {misses['abstained']} abstained, "
        f"{misses['gold_not_in_top5_passages']} with the gold answer in none of answer()'s passages, "
        f"{misses['gold_in_passages_not_in_answer']} with it in a passage but not in the answer",
    ]


def _kind_lines(kinds: Figures, systems: Sequence[str]) -> list[str]:
    header = ["first-40 / first-80 / declined"] + [SYSTEM_LABELS.get(s, s) for s in systems]
    lines = [
        "By question kind (the answer; then each system's answer-recall@5 / length-fair / gold in the"
        " passages' first 80 words)",
        _row("", header, 30, 30),
    ]
    for kind, entry in kinds.items():
        answer = " / ".join(percent(entry[key]).strip() for key in ("first40", "first80", "declined"))
        cells = [answer] + [
            " / ".join(percent(entry[s][key]).strip() for key in ("recall@5", "length_fair@400w", "lead80"))
            for s in systems
        ]
        lines.append(_row(f"{kind.replace('_', ' ')} (n={entry['n']})", cells, 30, 30))
    return lines


def _abstention_lines(abstention: Figures) -> list[str]:
    made = abstention["made_up_held_out"]
    by_kind = ", ".join(
        f"{kind} {percent(entry['declined']).strip()} of {entry['n']}" for kind, entry in made["by_kind"].items()
    )
    lines = [
        f"Off-topic questions (bench/offtopic.py, half of them in the decline model's fitting data): "
        f"abstained {percent(abstention['offtopic_abstained']).strip()} of {abstention['offtopic_n']}",
        f"Off-topic questions never fitted on (bench/offtopic.py, NEVER_FITTED): abstained "
        f"{percent(abstention.get('offtopic_never_fitted_abstained')).strip()} "
        f"of {abstention.get('offtopic_never_fitted_n', 0)}",
        f"Made-up questions from the held-out half (bench/madeup.py): declined {percent(made['declined']).strip()} "
        f"of {made['n']} ({by_kind})",
        "Best passage cosine (Retrieval.relevance, what answer.min_relevance is compared with):",
        _row("", ["min", "p10", "p50", "p90"], 16),
    ]
    for kind, points in abstention["relevance"].items():
        lines.append(_row(kind, [_num(points[name]) for name in ("min", "p10", "p50", "p90")], 16))
    lines += [
        "min_relevance sweep (threshold alone): answerable answered / answerable answered correctly / "
        "unanswerable abstained",
    ]
    for row in abstention["threshold_sweep"]:
        lines.append(
            f"  {row['min_relevance']:.2f}: {percent(row['answerable_answered'])} / "
            f"{percent(row['answerable_correct_kept'])} / {percent(row['unanswerable_abstained'])}"
        )
    return lines
