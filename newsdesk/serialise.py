"""The one JSON converter for the models (newsdesk/models.py) and the other dataclasses we write.

pydantic reads each dataclass's own annotations, so every shape follows the same rules (dates
as ISO text, tuples as lists, nested dataclasses as objects, fields in their declared order) and
reads back the same way. The user-facing shapes built from these are listed in the README
("JSON output").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import TypeAdapter

T = TypeVar("T")


# Building an adapter reads a class's annotations (once per class); dumping with it is cheap.
_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def _adapter(kind: type) -> TypeAdapter[Any]:
    adapter = _ADAPTERS.get(kind)
    if adapter is None:  # two threads may both build one: harmless
        adapter = _ADAPTERS[kind] = TypeAdapter(kind)
    return adapter


def to_json(value: Any, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """`value` (a dataclass) as a dict of JSON values; with `fields`, only those, in that order."""
    data: dict[str, Any] = _adapter(type(value)).dump_python(value, mode="json")
    return data if fields is None else {name: data[name] for name in fields}


def from_json(kind: type[T], data: Any) -> T:
    """A `kind` read back from what `to_json` wrote; fields it lacks take their defaults."""
    value: T = _adapter(kind).validate_python(data)
    return value
