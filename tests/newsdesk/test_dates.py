"""newsdesk.dates: the one strict reader of a typed day, and every as-of entry point using it."""

import asyncio
from datetime import date

import click
import pytest
from click.testing import CliRunner

from bot.discord.cogs.ask import split_as_of
from bot.discord.options import AsOfOption, parse_day_option
from newsdesk.dates import FIRST_DAY, LAST_DAY, DayParam, parse_day
from newsdesk.errors import InputError


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2023-02-01", date(2023, 2, 1)),
        ("  2023-02-01\n", date(2023, 2, 1)),
        ("1900-01-01", FIRST_DAY),
        ("9998-12-31", LAST_DAY),
        ("2024-02-29", date(2024, 2, 29)),
    ],
)
def test_reads_a_day(text: str, day: date) -> None:
    assert parse_day(text) == day


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2023-02-01xyz", "bad date '2023-02-01xyz' (expected YYYY-MM-DD)"),  # was read as 2023-02-01
        ("2023-02-01T10:00", "bad date '2023-02-01T10:00' (expected YYYY-MM-DD)"),
        ("2023-2-1", "bad date '2023-2-1' (expected YYYY-MM-DD)"),
        ("31/01/2023", "bad date '31/01/2023' (expected YYYY-MM-DD)"),
        ("", "bad date '' (expected YYYY-MM-DD)"),
        ("２０２３-０２-０１", "expected YYYY-MM-DD"),  # full-width digits are digits to re, not to us
        ("x" * 200, "bad date 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (expected YYYY-MM-DD)"),
        ("2023-02-30", "bad date '2023-02-30' (no such day)"),
        ("0000-01-01", "bad date '0000-01-01' (no such day)"),
        ("0001-01-03", "date 0001-01-03 is out of range (use a day from 1900-01-01 to 9998-12-31)"),
        ("1899-12-31", "date 1899-12-31 is out of range (use a day from 1900-01-01 to 9998-12-31)"),
        ("9999-12-31", "date 9999-12-31 is out of range (use a day from 1900-01-01 to 9998-12-31)"),
    ],
)
def test_refuses_anything_else_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_day(text)
    assert message in str(raised.value)
    # Discord's /ask as_of and a mention's "as of …:" read days the same way, with the same words.
    with pytest.raises(InputError) as from_discord:
        parse_day_option("as_of", text or " ")
    if text:
        assert str(from_discord.value) == f"as_of: {raised.value}"
    # A mention's "as of …:" with a figure in it is a day, refused the same way; words alone
    # ("As of last week, …") are the question's.
    if text.strip() and " " not in text and any(c.isdigit() for c in text):
        with pytest.raises(InputError, match="as_of: "):
            split_as_of(f"as of {text}: who won?")


def test_discord_entry_points_read_a_good_day() -> None:
    assert parse_day_option("as_of", None) is None and parse_day_option("as_of", "") is None
    assert parse_day_option("as_of", "2023-01-27") == date(2023, 1, 27)
    # "today" gives a thread's kept day back (a newsroom probe's was refused).
    assert parse_day_option("as_of", "Today") == date.today()
    # /ask's as_of option: the transformer reads it the same way (it never looks at the interaction).
    transform = AsOfOption().transform
    assert asyncio.run(transform(None, "2023-01-27")) == date(2023, 1, 27)  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"^as_of: bad date '2023-01-32' \(no such day\)$"):
        asyncio.run(transform(None, "2023-01-32"))  # type: ignore[arg-type]
    assert split_as_of("As of 2023-01-27: who won?") == (date(2023, 1, 27), "who won?")
    assert split_as_of("who won?") == (None, "who won?")


def test_click_parameter() -> None:
    @click.command()
    @click.option("--as-of", type=DayParam())
    def show(as_of: date | None) -> None:
        click.echo(repr(as_of))

    runner = CliRunner()
    assert runner.invoke(show, ["--as-of", "2023-02-01"]).output == "datetime.date(2023, 2, 1)\n"
    assert runner.invoke(show, []).output == "None\n"
    bad = runner.invoke(show, ["--as-of", "2023-02-01xyz"])
    assert bad.exit_code == 2
    assert "Error: Invalid value for '--as-of': bad date '2023-02-01xyz' (expected YYYY-MM-DD)" in bad.output
    assert "Traceback" not in bad.output
