"""`newsdesk ask`, `newsdesk chat` and `newsdesk run`: thin shells over the services."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import math
import re
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

import click
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from rich.console import Console

from newsdesk.command import JsonErrorsCommand, warn_if_empty_index, with_settings
from newsdesk.dates import DayParam, parse_day
from newsdesk.errors import ConfigError, InputError, NewsdeskError
from newsdesk.settings import Settings

if TYPE_CHECKING:
    from bot.answer import AnswerService

F = TypeVar("F", bound=Callable[..., Any])

AS_OF_HELP = "Answer as if today were this day."


def filter_options(command: F) -> F:
    """--from, --to and --outlet, shared by ask and chat."""
    command = click.option(
        "--outlet", "outlets", multiple=True, metavar="HOST", help="Only articles from this outlet (repeatable)."
    )(command)
    command = click.option("--to", "to_day", type=DayParam(), help="Only articles published on or before this day.")(
        command
    )
    return click.option("--from", "from_day", type=DayParam(), help="Only articles published on or after this day.")(
        command
    )


@click.command("ask", cls=JsonErrorsCommand)
@click.argument("question", required=False)
@click.option("--as-of", "as_of", type=DayParam(), help=AS_OF_HELP)
@filter_options
@click.option("--json", "as_json", is_flag=True, help="Print the answer, citations and passages as JSON.")
@click.option(
    "--batch",
    "batch",
    type=click.File("rb"),
    help='Answer every line of this JSON Lines file ({"question", "as_of"}, optionally "from", "to", "outlet"; '
    "or a question in plain text; gzipped or not; - for stdin; a line opening with '# ' is a comment), "
    "one JSON answer per line.",
)
@with_settings
def ask_command(
    settings: Settings,
    question: str | None,
    as_of: date | None,
    from_day: date | None,
    to_day: date | None,
    outlets: tuple[str, ...],
    as_json: bool,
    batch: BinaryIO | None,
) -> None:
    """Answer QUESTION from the indexed articles, with numbered citations ("-" reads it from
    standard input)."""
    from bot.render_text import answer_as_json, answer_as_text
    from bot.service import build_services

    if (question is None) == (batch is None):
        raise InputError('give either a QUESTION or --batch FILE, e.g. newsdesk ask "Who won the Super Bowl?"')
    answers = build_services(settings).answers
    warn_if_empty_index(settings, answers.store.article_count())
    if batch is not None:
        defaults = {"question": "", "as_of": as_of, "from": from_day, "to": to_day, "outlet": list(outlets)}
        sys.exit(answer_batch(answers, batch, BatchQuestion.model_validate(defaults)))
    filters = answers.make_filters(from_day, to_day, outlets)
    assert question is not None
    if question == "-":  # as `ingest -` and `--batch -` read standard input
        question = _question_read(sys.stdin.buffer.read())
        if sum(1 for line in question.splitlines() if line.strip()) > 1:
            # A probe piped two questions and got one answer to both run together.
            click.echo(
                "Warning: read several lines as one question; `newsdesk ask --batch -` answers one a line.", err=True
            )
    started = time.perf_counter()
    answer = answers.answer(question, as_of, filters=filters)
    latency_ms = round((time.perf_counter() - started) * 1000, 1)
    if as_json:
        # The question as asked, as each --batch answer has it: a saved answer reads on its own.
        answered = {"question": question, **answer_as_json(answer), "latency_ms": latency_ms}
        click.echo(json.dumps(answered, ensure_ascii=False))
    else:
        click.echo(answer_as_text(answer))


def answer_batch(answers: AnswerService, lines: BinaryIO, defaults: BatchQuestion) -> int:
    """One JSON answer per input line (an `error` object for a bad line); returns the exit code.
    A line's own as_of, from, to and outlet replace the command line's (`defaults`)."""
    from bot.render_text import answer_as_json

    failed = 0  # lines answered with an error
    questions = 0  # lines not blank
    ids: dict[object, int] = {}  # each id's first line
    for number, raw in enumerate(_lines_of(lines), start=1):
        # The caller's own "id", when it has one, comes back with the line's answer or error, so
        # answers can be matched to questions without counting lines.
        echoed: dict[str, object] = {"line": number}
        asked: dict[str, object] = {}  # the question, for an error too ("as_of: bad date")
        try:
            record = _batch_record(raw, number)
            if record is None:
                continue
            questions += 1
            if isinstance(record.get("question"), str):
                asked["question"] = _shortened(record["question"])
            if record.get("id") is not None:
                if not _echoable(record["id"]):
                    # Dropped, it would leave the caller an answer it cannot match to its question.
                    raise InputError('"id" must be a string or a finite number, to be echoed with the answer')
                echoed["id"] = record["id"]
                first = ids.setdefault(record["id"], number)
                if first != number:  # answered all the same: the caller's join would pair it twice
                    click.echo(
                        f"Warning: line {number} has the id of line {first}, {json.dumps(record['id'])}", err=True
                    )
            request = _batch_question(record, defaults)
            filters = answers.make_filters(request.start, request.end, request.outlet)
            started = time.perf_counter()
            answer = answers.answer(request.question, request.as_of, filters=filters)
            latency_ms = round((time.perf_counter() - started) * 1000, 1)
            # The question as asked: a reader of the answers alone (a probe's) need not keep the file open beside them.
            answered = {**echoed, "question": request.question}
            result: dict[str, object] = {**answered, **answer_as_json(answer), "latency_ms": latency_ms}
        except NewsdeskError as exc:
            failed += 1
            # The question too, so a reader of the output alone knows which one failed.
            result = {**echoed, **asked, "error": str(exc)}
        click.echo(json.dumps(result, ensure_ascii=False))
    if failed:
        # The exit code alone had said nothing of how many, nor where to look (a probe's).
        lines_word = "line" if failed == 1 else "lines"
        click.echo(f'Warning: {failed} {lines_word} of the batch failed (see their "error" fields)', err=True)
    if not questions and not failed:
        # Empty output with no word had left a probe wondering whether anything ran. Empty input
        # is no failure, as for any filter.
        hint = 'one question a line, as text or as a JSON object like {"question": "…"}'
        click.echo(f"Warning: the batch holds no questions: {hint}", err=True)
    return 1 if failed else 0


def _shortened(question: str) -> str:
    """A question as echoed with its error: one too long to ask (a probe's was 2 MB) is cut at
    the limit, so the error line stays a line."""
    from bot.answer import MAX_QUESTION_CHARS

    return question if len(question) <= MAX_QUESTION_CHARS else question[:MAX_QUESTION_CHARS] + "…"


def _lines_of(batch: BinaryIO) -> Iterator[bytes]:
    """The batch's lines, read through gzip when it starts as gzip does (a .jsonl.gz, as `ingest`
    takes); InputError where a gzipped batch is cut short or corrupt, after the lines before it."""
    # Files and stdin are buffered readers, which can look at the first bytes without using them up.
    reader = batch if isinstance(batch, io.BufferedReader) else io.BufferedReader(batch)  # type: ignore[arg-type,type-var]
    utf16 = _utf16_encoding(reader.peek(4)[:4])
    if utf16:
        # Notepad's "Unicode": a probe's line 1 was refused as not UTF-8, and line 2 answered as a
        # question spelt with NULs. Read as `ingest` and `ask -` read it.
        # Line by line, as UTF-8 ones are: a piped batch is answered as it comes.
        lines = io.TextIOWrapper(reader, encoding=utf16, errors="strict", newline="")
        try:
            yield from (line.encode("utf-8") for line in lines)
        except UnicodeDecodeError as exc:
            raise InputError(f"the batch file is UTF-16 with a damaged part: {exc.reason}") from None
        return
    if reader.peek(2)[:2] != b"\x1f\x8b":
        yield from reader
        return
    try:
        with gzip.GzipFile(fileobj=reader) as stream:
            yield from stream
    except (OSError, EOFError, zlib.error) as exc:  # BadGzipFile is an OSError
        raise InputError(f"the batch file is not a valid gzip file: {exc or 'it ends early (cut short)'}") from exc


def _question_read(data: bytes) -> str:
    """A question piped in, read as `--batch` and `ingest` read text: UTF-16 and Windows-1252 too.
    A probe's UTF-16 question had been declined as in another language, and random bytes answered."""
    from ingest.readers import decoded_text  # only for a piped question

    encoding = _utf16_encoding(data[:4])
    text = data.decode(encoding, errors="replace") if encoding else decoded_text(data)
    if text is None and len(data) <= SHORT_QUESTION_BYTES:
        # Too short for its encoding to be told ("caf\xe9"): Windows-1252, Western news's.
        text = data.decode("cp1252", errors="replace")
    if text is None or CONTROL.search(text):
        raise InputError("standard input is no question in text (it is binary, or in an encoding not known)")
    return text


# A piped question this short is read as Windows-1252 when its encoding cannot be told; control
# characters (but tab and line ends) make any input binary (a review's random bytes were asked).
SHORT_QUESTION_BYTES = 64
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _utf16_encoding(start: bytes) -> str | None:
    """The UTF-16 a batch is written in, judged from its first bytes: a byte-order mark, or, as
    some tools write it without one, an ASCII character and a NUL each way round ("W\\0h\\0")."""
    if start[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16"
    if len(start) == 4 and start[1] == start[3] == 0 and 0 < start[0] < 128 and 0 < start[2] < 128:
        return "utf-16-le"
    if len(start) == 4 and start[0] == start[2] == 0 and 0 < start[1] < 128 and 0 < start[3] < 128:
        return "utf-16-be"
    return None


def _echoable(value: object) -> bool:
    """A string or a finite number: NaN or 1e999 would come back as JSON no strict reader takes."""
    if isinstance(value, bool):
        return False
    return isinstance(value, str | int) or (isinstance(value, float) and math.isfinite(value))


# A comment line of a batch: "# questions of the week", as in a shell script or a config (a probe's
# was answered as a question). A hashtag ("#MeToo founder?") has no space after the "#", and "# of
# people killed in …?" is a question's shorthand for "number of" (a review's).
COMMENT = re.compile(r"\s*#(?:\s|$)(?!\s*of\b)")


def _batch_record(raw: bytes, number: int) -> dict[str, Any] | None:
    """The JSON object on one line of a batch, None for a blank or comment line; InputError says
    what is wrong."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start + 1} of the line)") from None
    if number == 1:
        line = line.removeprefix("\ufeff")  # a byte-order mark some editors write
    if "\x00" in line:
        # A question spelt with NULs is no question: most likely UTF-16 that its start did not show.
        raise InputError("holds a NUL character: save the batch as UTF-8 text")
    if not line.strip() or COMMENT.match(line):
        return None
    if not line.lstrip().startswith(("{", "[", '"')):
        # A line that opens no JSON object, list or string is the question itself: a probe's plain
        # list of questions, one a line, had every line refused as bad JSON.
        return {"question": line.strip()}
    from ingest.readers import json_error
    from newsdesk.surrogates import SURROGATE

    try:
        # Without its line end, so an error at the end of the line says so ("column 51", not 1).
        record = json.loads(line.rstrip("\r\n"))
    except (ValueError, RecursionError) as exc:  # nested too deep, a 5,000-digit number: still a bad line
        raise InputError(json_error(exc)) from None
    if isinstance(record, str):  # a question written as a JSON string
        record = {"question": record}
    if not isinstance(record, dict):
        raise InputError('expected a JSON object such as {"question": "Who won?", "as_of": "2023-02-01"}')
    if SURROGATE.search(json.dumps(record, ensure_ascii=False)):  # "\ud800" reads, but is no text
        raise InputError("bad JSON: a lone surrogate escape (\\ud800-\\udfff) is not text")
    return record


def _batch_question(record: dict[str, Any], defaults: BatchQuestion) -> BatchQuestion:
    """The request of one batch line's object; InputError says what is wrong."""
    if "question" not in record:  # {"q": …}: say which key is wanted, not "Ask a question"
        keys = ", ".join(json.dumps(key, ensure_ascii=False) for key in record) or "no keys"
        raise InputError(f'no "question" key (the line has {keys})')
    mistyped = [_mistyped(key) for key in record if key not in BATCH_KEYS]
    if any(mistyped):
        raise InputError("; ".join(filter(None, mistyped)))
    # A filter given as null (or an empty list) clears the command line's: a probe's line with
    # "outlet": null was still narrowed to the --outlet given. A null as_of is no day given, so the
    # command line's stands (a script writing every key would otherwise ask as of today).
    given = {key: record[key] for key in BATCH_KEYS if key in record and record[key] != ""}
    if given.get("as_of", "") is None:
        del given["as_of"]
    if "outlet" in given and given["outlet"] is None:
        given["outlet"] = []
    try:
        return BatchQuestion.model_validate({**defaults.model_dump(by_alias=True), **given})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {_plain_message(e['msg'])}" for e in exc.errors())
        raise InputError(problems) from None


def _plain_message(message: str) -> str:
    """A validator's message as the README words it ("Input should be a valid string" is pydantic's)."""
    message = message.removeprefix("Value error, ")
    return "must be a string" if message == "Input should be a valid string" else message


# The keys of a batch line; others (an id of the caller's, say) are ignored, unless they look
# like one of these mistyped.
BATCH_KEYS = ("question", "as_of", "from", "to", "outlet")


def _mistyped(key: str) -> str | None:
    """What is wrong with a key that is a batch key written otherwise ("asof", "Outlet", "as-of",
    "outlets"): ignored, it had the line answered as of today, or over every outlet, without a
    word (a probe). A caller's own keys ("question_id", "top") are no batch key's."""
    meant = [name for name in BATCH_KEYS if _plain_key(name) == _plain_key(key)]
    return f'unknown key "{key}" (did you mean "{meant[0]}"?)' if meant else None


def _plain_key(key: str) -> str:
    return re.sub(r"[\s_-]", "", key.lower()).removesuffix("s")


class BatchQuestion(BaseModel):
    """One line of `ask --batch`: a question, and optionally its day and filters."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    question: str
    as_of: date | None = None
    start: date | None = Field(default=None, alias="from")
    end: date | None = Field(default=None, alias="to")
    outlet: list[str] = []

    @field_validator("as_of", "start", "end", mode="before")
    @classmethod
    def _strict_day(cls, value: object) -> object:
        if value is None or isinstance(value, date):  # not given, or the command line's day
            return value
        if not isinstance(value, str):
            raise ValueError("must be a YYYY-MM-DD string")
        try:
            return parse_day(value)
        except NewsdeskError as exc:
            raise ValueError(str(exc)) from None

    @field_validator("outlet", mode="before")
    @classmethod
    def _outlets(cls, value: object) -> object:
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(outlet, str) for outlet in value):
            raise ValueError('must be an outlet (a string such as "cnn.com") or a list of them')
        return value


@click.command("chat")
@click.option("--as-of", "as_of", type=DayParam(), help=AS_OF_HELP)
@filter_options
@with_settings
def chat_command(
    settings: Settings, as_of: date | None, from_day: date | None, to_day: date | None, outlets: tuple[str, ...]
) -> None:
    """Talk to Newsdesk in the terminal (follow-up questions keep context)."""
    from bot.chat import run_chat
    from bot.service import build_services, load_word_lists_in_background

    services = build_services(settings)
    load_word_lists_in_background()
    warn_if_empty_index(settings, services.store.article_count())
    # soft_wrap: lines are left whole for the terminal to fold, so a link can still be copied
    # (piped, rich would cut every line at 80 columns, links included).
    console = Console(soft_wrap=True)
    interactive = sys.stdin.isatty()

    def read_line() -> str:
        if interactive:  # a blank line first, so that one answer does not run into the next question
            return console.input("\n[bold green]You:[/bold green] ")
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        return line

    filters = services.answers.make_filters(from_day, to_day, outlets)
    run_chat(services.answers, read_line, console, as_of, settings.discord.history_turns, filters)


@click.command("run")
@with_settings
def run_command(settings: Settings) -> None:
    """Run the Discord bot (token from the DISCORD_TOKEN environment variable)."""
    if settings.discord_token is None or not settings.discord_token.get_secret_value().strip():
        raise ConfigError("DISCORD_TOKEN is not set; export your bot token (or use `newsdesk chat` in the terminal)")
    from bot.discord.client import run_bot
    from bot.service import build_services, load_word_lists_in_background

    services = build_services(settings)
    load_word_lists_in_background()
    services.store.connect()  # a long-lived bot opens Chroma now, not on its first /ingest
    run_bot(settings, services)


def register(group: click.Group) -> None:
    group.add_command(ask_command)
    group.add_command(chat_command)
    group.add_command(run_command)
