"""An outlet named as the question's source ("What did CNN report about the debt ceiling?",
"According to The Week, who …?"): the asker wants that outlet's articles, not articles that
mention it. `resolve_outlets` also spells the --outlet filter's names as the index does."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# At most this many words name an outlet ("USA Today", "The Week", "The New York Times").
OUTLET_WORDS = 4
_WORD = r"[\w.&'’-]+"
_NAME = rf"(?P<name>{_WORD}(?:\s+{_WORD}){{0,{OUTLET_WORDS - 1}}}?)"
# "According to CNN, …" and "…, according to CNN?"
_ACCORDING = re.compile(rf",?\s*\baccording\s+to\s+{_NAME}(?=\s*(?:[,?!.:;]|$))\s*,?", re.IGNORECASE)
# "What did CNN report about …?", "What has The Week written on …?"
_SAID = re.compile(
    rf"\b(?P<aux>did|does|do|has|have|had)\s+{_NAME}\s+"
    r"(?:report(?:ed)?|say|said|write|wrote|written|cover(?:ed)?|publish(?:ed)?|note[ds]?)\b",
    re.IGNORECASE,
)
# The question reworded without the outlet: "What was reported about the debt ceiling?"
_PASSIVE = {"did": "was", "does": "is", "do": "is", "has": "has been", "have": "has been", "had": "had been"}


@dataclass(frozen=True)
class Attribution:
    question: str  # without the outlet
    outlets: tuple[str, ...]  # as the index spells them


def resolve_outlets(requested: str, known: Sequence[str]) -> tuple[str, ...]:
    """The indexed outlets a user means: those the same after lower-casing and dropping "www.",
    and the one outlet whose name starts with it ("cnn" → "cnn.com"), written with or without its
    spaces ("The Week" → "theweek.co.uk", "USA Today" → "usatoday.com"), or that it starts with
    ("cnn.com" → "CNN", as an article's own "source" may name it). Unknown names are kept as typed."""
    wanted = requested.strip().lower().removeprefix("https://").removeprefix("http://").removeprefix("www.")
    wanted = wanted.split("/")[0]
    found = [o for o in known if o.lower() == wanted or wanted.startswith(o.lower() + ".")]
    for name in dict.fromkeys((wanted, "".join(wanted.split()))):
        starting = [o for o in known if o.lower().startswith(name + ".")]
        if len(starting) == 1:
            found += starting
            break
    return tuple(dict.fromkeys(found)) or (wanted,)


def outlet_attribution(question: str, known: Callable[[], Sequence[str]]) -> Attribution | None:
    """The question without the outlet it names as its source, and that outlet; None when it
    names none of the index's outlets that way ("What did Biden say …?" names a person).
    `known` lists the index's outlets; it is only called for a question of that shape."""
    for pattern in (_ACCORDING, _SAID):
        for match in pattern.finditer(question):
            outlets = _indexed(match["name"], known())
            if outlets:
                said = match.groupdict().get("aux")
                reworded = f"{_PASSIVE[said.lower()]} reported" if said else " "
                rest = (question[: match.start()] + reworded + question[match.end() :]).strip(" ,")
                rest = re.sub(r"\s+([?!.])", r"\1", re.sub(r"\s+", " ", rest))
                return Attribution(_capitalised(rest, question), outlets)
    return None


def _indexed(name: str, known: Sequence[str]) -> tuple[str, ...]:
    """The outlets `name` resolves to, when the index holds them."""
    outlets = resolve_outlets(name, known)
    return outlets if set(outlets) <= set(known) else ()


def _capitalised(rest: str, question: str) -> str:
    # "According to CNN, how many …?" becomes "How many …?", as the asker would have typed it.
    return rest[:1].upper() + rest[1:] if question[:1].isupper() else rest
