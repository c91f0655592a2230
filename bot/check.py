"""The citation checker: what of a generated answer may be shown, given the passages it had.

A plain function of the answer text and the passages' sources, so it can be tested
table-driven and run on every partial text of a stream:

- a citation `[n]` to a passage that was not given is removed;
- a sentence left without a valid citation is dropped, or kept and marked (`flag`);
- the citations that remain are renumbered 1..m in order of first use, one number per
  source (two passages of one article share a number);
- an answer with no valid citation at all is not `ok`: the caller shows something else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.text import sentence_spans

UNSOURCED_MARK = "[unsourced]"

# "[1]", "[1, 3]", "[2; 4]", "[1-3]", "[Passage 2]"; two digits at most, so "[2023]" is not one.
_NUMBER_LIST = r"\d{1,2}(?:\s*[,;–-]\s*\d{1,2})*"
_OPEN = r"\[\s*(?:passages?\s*)?"
CITATION_GROUP = re.compile(r"(\s*)" + _OPEN + r"(" + _NUMBER_LIST + r")\s*\]", re.IGNORECASE)
LEADING_GROUPS = re.compile(r"\A(?:\s*" + _OPEN + _NUMBER_LIST + r"\s*\])+", re.IGNORECASE)
MARK_RUN = re.compile(r"\[\d{1,2}\](?:\s*\[\d{1,2}\])+")
WORDLIKE = re.compile(r"\w")
MAX_RANGE = 20


@dataclass(frozen=True)
class CheckedSentence:
    """One sentence as it will be shown, with what it cites."""

    text: str  # citations renumbered, or the unsourced mark added
    claim: str  # the sentence without any citation mark, to find the quote that supports it
    numbers: tuple[int, ...]  # the new numbers it cites
    flagged: bool = False


@dataclass(frozen=True)
class CheckedAnswer:
    """The part of a generated answer that may be shown."""

    text: str
    sentences: tuple[CheckedSentence, ...]
    # sources[k - 1]: the given passage numbers (1-based) that new number k stands for
    sources: tuple[tuple[int, ...], ...]
    removed: tuple[int, ...] = ()  # cited numbers that were not given
    dropped: tuple[str, ...] = ()  # sentences without a valid citation, left out

    @property
    def ok(self) -> bool:
        """True when at least one sentence cites a given passage."""
        return bool(self.sources)


def check_answer(
    text: str,
    sources: Sequence[str],
    uncited: Literal["drop", "flag"] = "drop",
    final: bool = True,
) -> CheckedAnswer:
    """Check `text` against passages 1..len(sources); `sources[i]` names passage i+1's article.

    With `final=False` (a stream still arriving) the last sentence is left out: its
    citation may not have arrived yet.
    """
    pieces = split_sentences(text)
    if not final:
        pieces = pieces[:-1]
    numbering: dict[str, int] = {}  # source -> new number, in order of first use
    groups: list[list[int]] = []
    removed: list[int] = []
    dropped: list[str] = []
    kept: list[tuple[CheckedSentence, bool]] = []
    cited: list[int] = []  # new numbers cited by the sentence being checked

    def renumber(match: re.Match[str]) -> str:
        marks = []
        for n in _numbers(match.group(2)):
            if not 1 <= n <= len(sources):
                removed.append(n)
                continue
            new = numbering.setdefault(sources[n - 1], len(numbering) + 1)
            if new > len(groups):
                groups.append([])
            if n not in groups[new - 1]:
                groups[new - 1].append(n)
            if new not in marks:
                marks.append(new)
        cited.extend(marks)
        return match.group(1) + "".join(f"[{m}]" for m in marks) if marks else ""

    for piece, new_line in pieces:
        claim = " ".join(CITATION_GROUP.sub("", piece).split())
        if not WORDLIKE.search(claim):
            continue  # stray marks or punctuation, not a sentence
        cited.clear()
        shown = MARK_RUN.sub(_merge_marks, " ".join(CITATION_GROUP.sub(renumber, piece).split()))
        if cited:
            kept.append((CheckedSentence(shown, claim, tuple(dict.fromkeys(cited))), new_line))
        elif uncited == "flag":
            kept.append((CheckedSentence(f"{claim} {UNSOURCED_MARK}", claim, (), flagged=True), new_line))
        else:
            dropped.append(claim)
    return CheckedAnswer(
        text=_join(kept),
        sentences=tuple(sentence for sentence, _ in kept),
        sources=tuple(tuple(g) for g in groups),
        removed=tuple(removed),
        dropped=tuple(dropped),
    )


def split_sentences(text: str) -> list[tuple[str, bool]]:
    """Sentences of a generated text, each with whether it starts a new line.

    Citation marks that open a sentence ("… Abbas. [1] He …") belong to the one before.
    """
    pieces: list[list[object]] = []
    previous_end = 0
    for start, end in sentence_spans(text):
        piece = text[start:end]
        new_line = bool(pieces) and "\n" in text[previous_end:start]
        previous_end = end
        leading = LEADING_GROUPS.match(piece)
        if leading and pieces:
            only_marks = not piece[leading.end() :].strip()
            if only_marks or not new_line:
                pieces[-1][0] = f"{pieces[-1][0]} {leading.group(0).strip()}"
                piece = piece[leading.end() :]
        if piece.strip():
            pieces.append([piece.strip(), new_line])
    return [(str(piece), bool(new_line)) for piece, new_line in pieces]


def _merge_marks(run: re.Match[str]) -> str:
    """`[1] [2][1]` -> `[1][2]`: adjacent marks, each number once."""
    numbers = dict.fromkeys(re.findall(r"\d+", run.group(0)))
    return "".join(f"[{n}]" for n in numbers)


def _numbers(listing: str) -> list[int]:
    """`1, 3-5` -> [1, 3, 4, 5] (a range longer than MAX_RANGE is taken as its two ends)."""
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*", listing.strip()):
        ends = [int(x) for x in re.split(r"\s*[–-]\s*", part) if x]
        if len(ends) == 2 and 0 <= ends[1] - ends[0] <= MAX_RANGE:
            numbers.extend(range(ends[0], ends[1] + 1))
        else:
            numbers.extend(ends)
    return numbers


def _join(kept: list[tuple[CheckedSentence, bool]]) -> str:
    text = ""
    for sentence, new_line in kept:
        if text:
            text += "\n" if new_line else " "
        text += sentence.text
    return text
