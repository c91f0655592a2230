"""What every subcommand shares: `--config PATH`, the loaded Settings, and one place
where a NewsdeskError becomes `Error: …` and an exit code."""

from __future__ import annotations

import errno
import functools
import json
import logging
import shutil
import signal
import sqlite3
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import click

from newsdesk.errors import NewsdeskError
from newsdesk.redact import redact_in_logs
from newsdesk.settings import Settings, environment_warnings, load_settings
from newsdesk.surrogates import without_surrogates

F = TypeVar("F", bound=Callable[..., Any])
# Options after which a command's standard output is JSON: a script reading it gets its error
# there too, as {"error": "…"}, beside the usual "Error: …" on standard error.
JSON_OPTIONS = ("--json", "--batch")


class JsonErrorsCommand(click.Command):
    """A command that, asked for JSON, also reports a usage error (a bad --as-of day, a missing
    argument) as JSON on standard output: Click reports those before the command runs."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        wants_json = any(arg in JSON_OPTIONS or arg.startswith("--batch=") for arg in args)
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            if wants_json:
                click.echo(json.dumps({"error": exc.format_message()}, ensure_ascii=False))
            raise


def echo_error(message: str, as_json: bool, beside: Mapping[str, object] | None = None) -> None:
    """`Error: …` on standard error, and {"error": "…"} on standard output for a JSON reader, with
    any fields `beside` it (an interrupted ingest's counts)."""
    if as_json:
        click.echo(json.dumps({"error": message, **(beside or {})}, ensure_ascii=False))
    click.echo(f"Error: {message}", err=True)


def warn_if_empty_index(settings: Settings, articles: int) -> None:
    """For a command that only reads the index, given how many articles it holds. Opening a
    missing folder makes a new, empty index there, so a mistyped path would answer "the index
    holds no articles yet", then and every time after, with no hint of where it looked."""
    if articles:
        return
    index = settings.index
    where = f"{index.host}:{index.port}" if index.mode == "http" else str(index.path)
    click.echo(
        f"Warning: the index at {where} holds no articles (set by [index] in the config file or "
        "NEWSDESK_INDEX__*); add some with: newsdesk ingest PATH",
        err=True,
    )


def config_option(help_text: str) -> Callable[[F], F]:
    """`--config PATH`, taken by the `newsdesk` group and by each subcommand alike."""
    return click.option(
        "--config",
        "config_path",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help=help_text,
    )


def with_settings(command: F) -> F:
    """Give a subcommand `--config PATH` and call it with the loaded Settings.

    Also the one place where a NewsdeskError becomes `Error: …` and an exit code.
    """

    @config_option("Config file (default: ./config.toml if present).")
    @functools.wraps(command)
    def wrapper(*args: Any, config_path: Path | None, **kwargs: Any) -> Any:
        settings = None
        as_json = bool(kwargs.get("as_json") or kwargs.get("batch"))  # its standard output is JSON
        for warning in environment_warnings():  # a mistyped override must not pass unnoticed
            click.echo(f"Warning: {warning}", err=True)
        # `newsdesk --config X ask …` as well as `newsdesk ask --config X …`; the latter wins.
        config_path = config_path or click.get_current_context().find_root().params.get("config_path")
        kwargs = {name: _as_text(name, value) for name, value in kwargs.items()}
        try:
            settings = load_settings(config_path)
            configure_logging(settings)
            return command(settings, *args, **kwargs)
        except NewsdeskError as exc:
            echo_error(str(exc), as_json)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            # Before a command's own handling (an ingest's, while its model loads): Click's bare
            # "Aborted!" broke the JSON a reader of standard output expects (a probe's).
            echo_error("interrupted", as_json)
            sys.exit(128 + signal.SIGINT)
        except Exception as exc:
            # A Chroma server (index mode "http") that stopped answering mid-run. Each ingest
            # batch is whole or absent, so running again resumes where this stopped.
            damaged = _damaged_file(exc, settings) if settings is not None else None
            if damaged is not None:
                echo_error(damaged, as_json)
                sys.exit(1)
            unwritable = storage_failure(exc)
            if unwritable is not None and settings is not None:
                # A read-only, full or forbidden index folder ("/sys", a restored backup on a
                # read-only mount) had stopped every command with a traceback (a tester's). Named
                # as the index only when the file is the index's (the model cache may be elsewhere).
                failed = getattr(exc, "filename", None)
                index = Path(settings.index.path)
                where = (
                    f"the index at {index}"
                    if failed is None or index in Path(failed).parents or Path(failed) == index
                    else failed
                )
                echo_error(f"{where} cannot be used: {unwritable}", as_json)
                sys.exit(1)
            if settings is None or not _lost_chroma_server(exc, settings):
                raise  # not the index: a bug or another server, and its traceback says which
            where = f"{settings.index.host}:{settings.index.port}"
            echo_error(
                f"lost the connection to the Chroma server at {where} ({exc}). "
                "Run the command again once it is back (an ingest resumes where it stopped).",
                as_json,
            )
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _as_text(name: str, value: Any) -> Any:
    """An argument with its bytes that are not UTF-8 replaced (without_surrogates): a question, an
    outlet or an article id typed in a terminal of another encoding had stopped the command with
    a traceback in the tokenizer, tantivy or Chroma. Paths to ingest keep theirs, to be opened."""
    if name == "paths":
        return value
    if isinstance(value, str):
        return without_surrogates(value)
    if isinstance(value, tuple) and all(isinstance(item, str) for item in value):
        return tuple(without_surrogates(item) for item in value)
    return value


# What the file system says when the index folder cannot be written: nothing in Newsdesk is wrong.
STORAGE_ERRORS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT})
# The keyword index's words for a write that failed under it (tantivy's writer thread, in Rust).
STORAGE_FAILURE_TEXT = ("No space left on device", "io::Error", "index writer was killed")


def storage_failure(exc: BaseException, folder: Path | None = None) -> str | None:
    """Why a file could not be written or read, as the file system says it (a full disk, a
    read-only mount, no permission); None for any other error. With `folder` (the index's), any
    error while its disk has no room left is one: SQLite's "database or disk is full" and Chroma's
    "Error in compaction" say so in words of their own (a review's)."""
    if isinstance(exc, OSError) and exc.errno in STORAGE_ERRORS:
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror}{where}"
    if isinstance(exc, ValueError) and any(text in str(exc) for text in STORAGE_FAILURE_TEXT):
        return f"writing the keyword index failed, most likely for a full disk ({exc})"
    if "database or disk is full" in str(exc):
        return f"the disk is full ({exc})"
    if "attempt to write a readonly database" in str(exc):
        # SQLite's words (Chroma's InternalError, or sqlite3's) for a folder or file it may not
        # write: a tester's read-only index folder ended `ingest` in a traceback.
        return f"no permission to write it, or a read-only disk ({exc})"
    if folder is not None and _free_bytes(folder) < FULL_DISK_BYTES:
        return f"the disk is full ({type(exc).__name__}: {exc})"
    return None


# Less room than this left on the index's disk, a write that failed most likely failed for it.
FULL_DISK_BYTES = 16_000_000


def _free_bytes(folder: Path) -> int:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return FULL_DISK_BYTES  # a folder that cannot be looked at: say nothing of its disk


def _damaged_file(exc: Exception, settings: Settings) -> str | None:
    """What to tell of a damaged SQLite file (SQLITE_CORRUPT or SQLITE_NOTADB), and what to do.
    A replica found damaged when opened is rebuilt (ingest/replica.py); found so later, it is named
    to be deleted. Chroma's own data has no other copy."""
    text = str(exc)
    if not ("file is not a database" in text or "disk image is malformed" in text):
        return None
    if isinstance(exc, sqlite3.DatabaseError):  # only the replica is read with Python's sqlite3
        replica = Path(settings.index.path) / f"replica-{settings.index.collection}"
        return (
            f"the local replica at {replica} is damaged ({exc}). Delete that folder and run the command "
            "again: it is made again from Chroma."
        )
    if settings.index.mode == "http":
        where = f"the Chroma server at {settings.index.host}:{settings.index.port}"
    else:
        where = f"the index at {settings.index.path}"
    return (
        f"{where} cannot be read: its Chroma database is damaged ({exc}). "
        "Restore it from a backup, or ingest the articles again into a new index."
    )


def _lost_chroma_server(exc: Exception, settings: Settings) -> bool:
    # httpx is looked up rather than imported: only the Chroma client loads it, and a command
    # that never did (`stats`, `ask` on a current replica) starts faster without it.
    httpx = sys.modules.get("httpx")
    return httpx is not None and isinstance(exc, httpx.TransportError) and settings.index.mode == "http"


# Who changed the index from Discord: logged at INFO whatever logging.level says, as an audit trail.
AUDIT_LOGGER = "newsdesk.audit"


def configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.logging.level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # As the client sends it (stripped): a key set with a trailing newline was logged in clear (a review's).
    key = settings.llm.api_key.get_secret_value().strip() if settings.llm.api_key is not None else ""
    if key:
        redact_in_logs(key, "[api key]")
    audit = logging.getLogger(AUDIT_LOGGER)
    audit.setLevel(min(logging.INFO, logging.getLogger().level))
    # Chatty libraries: their INFO lines are noise for a user of the CLI.
    for name in ("httpx", "chromadb", "sentence_transformers", "discord.gateway", "bm25s"):
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLogger().level))
