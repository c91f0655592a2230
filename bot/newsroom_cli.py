"""`newsdesk timeline` and `newsdesk gaps`: thin shells over bot/timeline.py and bot/gaps.py."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

import click

from bot.cli import filter_options
from newsdesk.command import JsonErrorsCommand, warn_if_empty_index, with_settings
from newsdesk.dates import DayParam
from newsdesk.settings import Settings

if TYPE_CHECKING:
    from bot.gaps import GapGroup
    from bot.timeline import Timeline
    from newsdesk.models import Citation

# Examples per group in the text output (--json lists them all).
EXAMPLES_SHOWN = 5


@click.command("timeline", cls=JsonErrorsCommand)
@click.argument("topic")
@click.option("--as-of", "as_of", type=DayParam(), help="Build it as if today were this day.")
@filter_options
@click.option("--json", "as_json", is_flag=True, help="Print the timeline as JSON.")
@with_settings
def timeline_command(
    settings: Settings,
    topic: str,
    as_of: date | None,
    from_day: date | None,
    to_day: date | None,
    outlets: tuple[str, ...],
    as_json: bool,
) -> None:
    """What the articles report about TOPIC, one dated, cited line per day, oldest first."""
    from bot.service import build_services
    from bot.timeline import build_timeline

    answers = build_services(settings).answers
    warn_if_empty_index(settings, answers.store.article_count())
    timeline = build_timeline(answers, topic, as_of, answers.make_filters(from_day, to_day, outlets))
    if as_json:
        click.echo(json.dumps(timeline.as_json(), ensure_ascii=False))
    else:
        click.echo(timeline_as_text(timeline))


def timeline_as_text(timeline: Timeline) -> str:
    from bot.citations import sources_block

    if not timeline.entries:
        return timeline.empty_text
    # Each line: the day, the quote and its [n] marker, then where and when that article appeared.
    lines = [f"{e.day.isoformat()}  {e.text} {_outlet_and_day(e.citations[0])}" for e in timeline.entries]
    heading = f"Timeline of “{timeline.topic}” ({timeline.label})"
    notice = [f"Note: {timeline.notice}"] if timeline.notice else []
    return "\n\n".join([heading, "\n".join(lines), *notice, "Sources:\n" + sources_block(timeline.citations)])


def _outlet_and_day(citation: Citation) -> str:
    return ", ".join(part for part in (citation.source, citation.published and citation.published.isoformat()) if part)


@click.command("gaps", cls=JsonErrorsCommand)
@click.option("--json", "as_json", is_flag=True, help="Print the groups as JSON.")
@with_settings
def gaps_command(settings: Settings, as_json: bool) -> None:
    """Topics people asked about that the articles do not cover: declined or 👎'd questions, grouped."""
    groups = _find_gaps(settings)
    if as_json:
        click.echo(json.dumps({"groups": [g.as_json() for g in groups]}, ensure_ascii=False))
    else:
        click.echo(gaps_as_text(groups))


def _find_gaps(settings: Settings) -> list[GapGroup]:
    from bot.gaps import find_gaps
    from bot.review_log import ReviewLog

    if not settings.review.path.exists():  # nothing asked yet; reading must not create the log
        # Said, not only "No gaps": a mistyped path looks just like a log of answered questions.
        click.echo(
            f"Warning: there is no review log at {settings.review.path} (set by [review] in the config file "
            "or NEWSDESK_REVIEW__PATH); the bot writes it once it answers on Discord",
            err=True,
        )
        return []
    review_log = ReviewLog(settings.review.path, read_only=True)
    try:
        if not review_log.unanswered():  # skip loading the model and the index
            return []
        from bot.service import build_services

        answers = build_services(settings).answers
        warn_if_empty_index(settings, answers.store.article_count())
        return find_gaps(review_log, answers)
    finally:
        review_log.close()


# Said from the terminal, where questions asked with `ask` or `chat` never reach the log: "Newsdesk
# has declined no question" read as false after a probe's declined `ask` questions.
NO_GAPS_LOGGED = (
    "No gaps: no question asked on Discord was declined, and no answer there got a 👎.\n"
    "(The review log holds the questions asked on Discord; `newsdesk ask` and `chat` are not logged.)"
)


def gaps_as_text(groups: list[GapGroup]) -> str:
    if not groups:
        return NO_GAPS_LOGGED
    total = sum(g.size for g in groups)
    lines = [
        f"{len(groups)} topic{'s' * (len(groups) != 1)} from {total} declined or 👎'd question{'s' * (total != 1)}:"
    ]
    for number, group in enumerate(groups, start=1):
        state = "covered now" if group.covered else "not covered"
        lines.append(f"\n{number}. {group.size} question{'s' * (group.size != 1)}, {state}")
        asked = group.asked()
        for question, times in asked[:EXAMPLES_SHOWN]:  # newest first
            as_of = f" (as of {question.as_of.isoformat()})" if question.as_of else ""
            again = f" ×{times}" if times > 1 else ""
            lines.append(f"   {question.asked_at[:10]}  {question.question}{as_of}{again}")
        if len(asked) > EXAMPLES_SHOWN:
            lines.append(f"   … and {len(asked) - EXAMPLES_SHOWN} more")
    return "\n".join(lines)


def register(group: click.Group) -> None:
    group.add_command(timeline_command)
    group.add_command(gaps_command)
