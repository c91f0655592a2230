"""The `newsdesk` command: the ingest and bot shells, under one group."""

from __future__ import annotations

from pathlib import Path

import click

from newsdesk.command import config_option


@click.group()
@config_option("Config file for the command (default: ./config.toml if present); also taken after it.")
@click.version_option(package_name="newsdesk")
def cli(config_path: Path | None) -> None:
    """Newsdesk: cited answers about a collection of news articles."""


def _register() -> None:
    # The subcommands import their heavy dependencies (torch, chromadb, discord) only when run.
    from bot.cli import register
    from bot.newsroom_cli import register as register_newsroom
    from ingest.cli import ingest_command, stats_command

    cli.add_command(ingest_command)
    cli.add_command(stats_command)
    register(cli)
    register_newsroom(cli)


_register()


def main() -> None:
    cli()


if __name__ == "__main__":  # `python -m newsdesk.cli` had printed nothing and exited 0 (a probe's)
    main()
