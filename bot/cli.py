"""`newsdesk ask`, `newsdesk chat` and `newsdesk run`: thin shells over the services."""

from __future__ import annotations

import json
import sys
from datetime import date

import click
from rich.console import Console

from newsdesk.command import with_settings
from newsdesk.dates import DayParam
from newsdesk.errors import ConfigError
from newsdesk.settings import Settings

AS_OF_HELP = "Answer as if today were this day."


@click.command("ask")
@click.argument("question")
@click.option("--as-of", "as_of", type=DayParam(), help=AS_OF_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the answer, citations and passages as JSON.")
@with_settings
def ask_command(settings: Settings, question: str, as_of: date | None, as_json: bool) -> None:
    """Answer QUESTION from the indexed articles, with numbered citations."""
    from bot.render_text import answer_as_json, answer_as_text
    from bot.service import build_services

    answer = build_services(settings).answers.answer(question, as_of)
    if as_json:
        click.echo(json.dumps(answer_as_json(answer), ensure_ascii=False))
    else:
        click.echo(answer_as_text(answer))


@click.command("chat")
@click.option("--as-of", "as_of", type=DayParam(), help=AS_OF_HELP)
@with_settings
def chat_command(settings: Settings, as_of: date | None) -> None:
    """Talk to Newsdesk in the terminal (follow-up questions keep context)."""
    from bot.chat import run_chat
    from bot.service import build_services

    services = build_services(settings)
    console = Console()
    interactive = sys.stdin.isatty()

    def read_line() -> str:
        if interactive:
            return console.input("[bold green]You:[/bold green] ")
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        return line

    run_chat(services.answers, read_line, console, as_of, settings.discord.history_turns)


@click.command("run")
@with_settings
def run_command(settings: Settings) -> None:
    """Run the Discord bot (token from the DISCORD_TOKEN environment variable)."""
    if settings.discord_token is None or not settings.discord_token.get_secret_value().strip():
        raise ConfigError("DISCORD_TOKEN is not set; export your bot token (or use `newsdesk chat` in the terminal)")
    from bot.discord.client import run_bot
    from bot.service import build_services

    run_bot(settings, build_services(settings))


def register(group: click.Group) -> None:
    group.add_command(ask_command)
    group.add_command(chat_command)
    group.add_command(run_command)
