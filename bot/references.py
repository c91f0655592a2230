"""What a conversation's reader says of the last answer rather than asks of the news: "tell me more
about the second source", "[2]", "more". A probe's chat searched such words as a question and
quoted a 2022 documentary on "sources"; they are answered with the last answer's passages instead.
"""

from __future__ import annotations

import re

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8, "9th": 9, "10th": 10,
}  # fmt: skip
LAST = -1  # "the last source": the last answer's highest number

_ASKS = r"(?:(?:can|could|would)\s+(?:you|u)\s+)?(?:please\s+|pls\s+|plz\s+)?(?:(?:tell|show|give)\s+(?:me\s+|us\s+)?)?"
_ABOUT = (
    r"(?:(?:(?:a\s+bit\s+|some\s+)?more|what)\s+(?:about|on|from|of|in)\s+"
    r"|what\s+(?:does|did|do)\s+|what['’]?s\s+in\s+|read\s+|open\s+|about\s+)?"
)
_ORDINAL = "|".join(sorted(ORDINALS, key=len, reverse=True))
_THING = r"(?:source|article|link|story|passage|one|result|item)"
SOURCE_REFERENCE = re.compile(
    rf"\W*{_ASKS}{_ABOUT}(?:the\s+)?"
    rf"(?:(?P<ordinal>{_ORDINAL}|last)\s+{_THING}"
    # Not "article 5" or "item 3": a treaty's article and an agenda's item are news (a review's).
    rf"|(?:source|link|passage)\s*(?:number\s+|no\.?\s*|#\s*)?\[?(?P<number>\d{{1,2}})\]?"
    rf"|\[(?P<bracket>\d{{1,2}})\])"
    r"(?:\s+(?:say|says|said|report|reports))?(?:\s+(?:please|pls|plz))?[\s?.!]*",
    re.IGNORECASE,
)
# "more", "tell me more", "go on", "details please": the last answer's passages, in full.
MORE = re.compile(
    rf"\W*{_ASKS}(?:"
    r"(?:a\s+bit\s+|some\s+)?more(?:\s+(?:details?|info|information|context))?"
    r"|(?:more\s+|the\s+)?(?:details?|full\s+(?:article|story|text)s?)"
    r"|go\s+on|continue|keep\s+going|elaborate|expand(?:\s+on\s+(?:that|it))?|read\s+more"
    r")(?:\s+(?:please|pls|plz))?[\s?.!]*",
    re.IGNORECASE,
)


def source_asked(text: str) -> int | None:
    """The number of the last answer's source that the text asks about ("tell me more about the
    second source" 2, "[3]" 3, "what does source 2 say" 2, "the first one" 1; LAST for "the last
    one"), or None when it asks something else ("tell me more about the Maui fires")."""
    match = SOURCE_REFERENCE.fullmatch(text)
    if match is None:
        return None
    if match["ordinal"]:
        return LAST if match["ordinal"].lower() == "last" else ORDINALS[match["ordinal"].lower()]
    # "[0]", "source 0": a source all the same, told there is none (a probe's were searched).
    return int(match["number"] or match["bracket"])


def asks_for_more(text: str) -> bool:
    """The text asks for more of the last answer and nothing else ("more", "tell me more")."""
    return MORE.fullmatch(text) is not None
