"""An outlet named as the question's source ("What did CNN report about the debt ceiling?",
"According to The Week, who …?"): the asker wants that outlet's articles, not articles that
mention it. `resolve_outlets` also spells the --outlet filter's names as the index does."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# At most this many words name an outlet ("USA Today", "The Week", "The New York Times").
OUTLET_WORDS = 4
_WORD = r"[\w&'’-]+(?:\.[\w&'’-]+)*"  # a dot only inside it ("cnn.com"): "CNN." ends a sentence
_NAME = rf"(?P<name>{_WORD}(?:\s+{_WORD}){{0,{OUTLET_WORDS - 1}}}?)"
# "According to CNN, …" and "…, according to CNN?"
# (A full stop ends the name only before a space or the end: "cnn.com/politics" is one name.)
_ACCORDING = re.compile(rf",?\s*\baccording\s+to\s+{_NAME}(?=\s*(?:[,?!:;]|\.(?:\s|$)|$))\s*[,:;]?", re.IGNORECASE)
# "What did CNN report about …?", "What has The Week written on …?"
_SAID = re.compile(
    rf"\b(?P<aux>did|does|do|has|have|had)\s+{_NAME}\s+"
    r"(?:report(?:ed)?|say|said|write|wrote|written|cover(?:ed)?|publish(?:ed)?|note[ds]?)\b",
    re.IGNORECASE,
)
# The question reworded without the outlet: "What did CNN report about the debt ceiling?" ->
# "What happened about the debt ceiling?". "Happened" is no word to search for (HAPPENING), where
# "reported" would be one: "What did CNN report?" names no subject, and is declined for it.
REWORDED = "happened"


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
    found = []
    # "the Millbrook Gazette" is the Millbrook Gazette; "The Week" keeps its "The" too.
    for asked in dict.fromkeys((wanted, wanted.removeprefix("the "))):
        # An outlet named in words is its site's too: "millbrookgazette.com" is "Millbrook Gazette",
        # which one article's "source" wrote where the others had only their address (a probe's).
        found += [
            o
            for o in known
            if o.lower() == asked or asked.startswith((o.lower() + ".", "".join(o.lower().split()) + "."))
        ]
        for name in dict.fromkeys((asked, "".join(asked.split()))):
            starting = [o for o in known if o.lower().startswith(name + ".")]
            if len(starting) == 1:
                found += starting
                break
        if found:
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
                # "Did CNN cover the town hall?" asks of the town hall: nothing to put in its place.
                said = match.groupdict().get("aux") and match.start() > 0
                reworded = REWORDED if said else " "
                rest = (question[: match.start()] + reworded + question[match.end() :]).strip(" ,:;.")
                rest = re.sub(r"\s+([?!.])", r"\1", re.sub(r"\s+", " ", rest))
                return Attribution(_capitalised(rest, question), outlets)
    return None


def _indexed(name: str, known: Sequence[str]) -> tuple[str, ...]:
    """The outlets `name` resolves to, when the index holds them; not a section's site ("What did
    college report …?" names no outlet, though "college.usatoday.com" starts so)."""
    outlets = resolve_outlets(name, known)
    if not set(outlets) <= set(known):
        return ()
    # A section's site ("college" for college.usatoday.com) is named by its outlet's name, not its own.
    return () if any(outlet.partition(".")[2] in known for outlet in outlets) else outlets


def _capitalised(rest: str, question: str) -> str:
    # "According to CNN, how many …?" becomes "How many …?", as the asker would have typed it.
    return rest[:1].upper() + rest[1:] if question[:1].isupper() else rest
