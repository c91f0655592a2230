"""The one strict reader of a day typed by a user: `--as-of`, chat's `/as-of`, Discord's `as_of`.

Strict because a date that is half read is worse than one refused: "2023-02-01xyz" is a typo,
not February 1st. Days run from 1900-01-01 (the earliest date a time expression searches, see
bot/timeexpr.FLOOR) to 9998-12-31: a year short of the calendar's end, so the date arithmetic
done around an as-of day ("the next January", a few days of coverage after a range) never
runs past 9999-12-31.
"""

from __future__ import annotations

import re
from datetime import date

import click

from newsdesk.errors import InputError

__all__ = ["FIRST_DAY", "LAST_DAY", "DayParam", "iso_or_none", "parse_day"]

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(9998, 12, 31)

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)  # ASCII: no other scripts' digits


def parse_day(text: str) -> date:
    """A day from exactly 'YYYY-MM-DD' (surrounding spaces allowed), within FIRST_DAY..LAST_DAY.

    Raises InputError with a message that can be shown to the user as is.
    """
    found = _ISO_DAY.fullmatch(text.strip())
    if found is None:
        raise InputError(f"bad date {_shown(text)} (expected YYYY-MM-DD)")
    try:
        day = date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        raise InputError(f"bad date {_shown(text)} (no such day)") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InputError(f"date {day.isoformat()} is out of range (use a day from {FIRST_DAY} to {LAST_DAY})")
    return day


def _shown(text: str) -> str:
    # A pasted paragraph would drown the message; the start of it is enough to recognise.
    return repr(text if len(text) <= 40 else text[:39] + "…")


class DayParam(click.ParamType):
    """`--as-of YYYY-MM-DD` as a click parameter: parse_day, with click's usual error report."""

    name = "YYYY-MM-DD"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):  # a default, or a value passed in by a caller
            return value
        try:
            return parse_day(str(value))
        except InputError as exc:
            self.fail(str(exc), param, ctx)


def iso_or_none(value: date | None) -> str | None:
    """YYYY-MM-DD, or None for an unknown day: how every JSON shape writes a date."""
    return value.isoformat() if value else None
