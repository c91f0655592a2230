"""The citation checker: what of a generated answer may be shown, given the passages it had.

A plain function of the answer text and the passages' sources, so it can be tested
table-driven and run on every partial text of a stream:

- a citation `[n]` to a passage that was not given is removed;
- a sentence left without a valid citation is dropped, or kept and marked (`flag`);
- given the passages' texts, a cited sentence its passages do not support (a number they do
  not hold, too few of its content words) is dropped or flagged the same way: a model that
  obeyed an instruction planted in an article writes claims the article's news does not make;
- the citations that remain are renumbered 1..m in order of first use, one number per
  source (two passages of one article share a number);
- an answer with no valid citation at all is not `ok`: the caller shows something else.
"""

from __future__ import annotations

import functools
import math
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from bot.answertype import DAYS_AND_MONTHS
from newsdesk.numbers import NUMBER_WORD_VALUES
from newsdesk.text import sentence_spans, stem, stopwords

UNSOURCED_MARK = "[unsourced]"

# "[1]", "[1, 3]", "[2; 4]", "[1-3]", "[Passage 2]", "[Source 2]", "[Article #3]"; two digits at
# most, so "[2023]" is not one. Models name the passages as they please: "[Source 2]" had made every
# sentence uncited, and the answer fall back.
_NUMBER_LIST = r"\d{1,2}(?:\s*[,;–-]\s*\d{1,2})*"
_OPEN = r"\[\s*(?:(?:passages?|sources?|articles?|docs?|documents?)\s*#?\s*)?"
CITATION_GROUP = re.compile(r"(\s*)" + _OPEN + r"(" + _NUMBER_LIST + r")\s*\]", re.IGNORECASE)
LEADING_GROUPS = re.compile(r"\A(?:\s*" + _OPEN + _NUMBER_LIST + r"\s*\])+", re.IGNORECASE)
MARK_RUN = re.compile(r"\[\d{1,2}\](?:\s*\[\d{1,2}\])+")
# Text up to and with its citations, or what is left after the last: the runs of a piece.
CITED_RUN = re.compile(r"[^\[]*(?:" + _OPEN + _NUMBER_LIST + r"\s*\])+|[^\[]+$|\[", re.IGNORECASE)
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
    unsupported: tuple[str, ...] = ()  # cited sentences their passages do not support (dropped or flagged)

    @property
    def ok(self) -> bool:
        """True when at least one sentence cites a given passage."""
        return bool(self.sources)


def check_answer(
    text: str,
    sources: Sequence[str],
    uncited: Literal["drop", "flag"] = "drop",
    final: bool = True,
    evidence: Sequence[str] | None = None,
    is_name: Callable[[str], bool] | None = None,
) -> CheckedAnswer:
    """Check `text` against passages 1..len(sources); `sources[i]` names passage i+1's article.

    `evidence[i]`, when given, is what passage i+1 showed the model (its text, title and
    date): a cited sentence must be supported by the evidence of the passages it cites,
    or it is treated as uncited; `is_name` tells whether a capitalised word opening a sentence is
    a name (see support). With `final=False` (a stream still arriving) the last
    sentence is left out: its citation may not have arrived yet.
    """
    pieces = split_sentences(text)
    if not final:
        pieces = pieces[:-1]
    numbering: dict[str, int] = {}  # source -> new number, in order of first use
    groups: list[list[int]] = []
    removed: list[int] = []
    dropped: list[str] = []
    unsupported: list[str] = []
    kept: list[tuple[CheckedSentence, bool]] = []
    cited: list[int] = []  # new numbers cited by the sentence being checked

    def renumber(match: re.Match[str]) -> str:
        marks = []
        for n in _numbers(match.group(2)):
            if not 1 <= n <= len(sources):
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

    said: set[str] = set()
    for piece, new_line in pieces:
        claim = " ".join(CITATION_GROUP.sub("", piece).split())
        if not WORDLIKE.search(claim):
            continue  # stray marks or punctuation, not a sentence
        if claim.lower() in said:
            continue  # a model repeating itself says it once
        given = [n for match in CITATION_GROUP.finditer(piece) for n in _numbers(match.group(2))]
        removed.extend(n for n in given if not 1 <= n <= len(sources))
        valid = [n for n in given if 1 <= n <= len(sources)]
        if valid and evidence is not None and not support(claim, [evidence[n - 1] for n in valid], is_name).ok:
            unsupported.append(claim)
            valid = []  # its citations vouch for nothing: shown, if at all, as unsourced
        if valid:
            cited.clear()
            shown = MARK_RUN.sub(_merge_marks, " ".join(CITATION_GROUP.sub(renumber, piece).split()))
            kept.append((CheckedSentence(shown, claim, tuple(dict.fromkeys(cited))), new_line))
            said.add(claim.lower())  # once shown: a repeat that is cited right may follow one that is not
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
        unsupported=tuple(unsupported),
    )


# -- support: does the cited text hold what the sentence says?

# Share of a sentence's content words its cited passages must hold (rounded up: 2 of 2, 2 of 3,
# 3 of 5). Paraphrases of news keep most names and key words: those of the table test
# (tests/bot/test_check.py) and the generative tests hold 0.7-1.0. A claim the passage does not
# make brings words of its own ("collapsed", "resigned") and holds 0.5 or less. Erring strict
# costs a shorter answer, or the extractive one; erring lenient shows a made-up claim as cited.
MIN_SUPPORT = 0.6
# Word forms of numbers an article may use for a figure the model writes in digits.
NUMBER_WORDS = {word: str(value) for word, value in NUMBER_WORD_VALUES.items()}
# Word forms a stemmer leaves apart ("met" / "meets"), and the ways news reports a death.
IRREGULAR = {
    "met": "meet", "held": "hold", "told": "tell", "spoke": "speak", "spoken": "speak", "won": "win",
    "lost": "lose", "fled": "flee", "led": "lead", "sought": "seek", "struck": "strike", "began": "begin",
    "begun": "begin", "fell": "fall", "fallen": "fall", "rose": "rise", "risen": "rise", "grew": "grow",
    "grown": "grow", "brought": "bring", "bought": "buy", "thought": "think", "gave": "give", "given": "give",
    "took": "take", "taken": "take", "came": "come", "went": "go", "gone": "go", "made": "make", "saw": "see",
    "seen": "see", "wrote": "write", "written": "write", "chose": "choose", "chosen": "choose", "hit": "hit",
    "kept": "keep", "left": "leave", "paid": "pay", "sent": "send", "spent": "spend", "dead": "die", "death": "die",
    "deaths": "die", "died": "die", "killed": "die", "kill": "die", "kills": "die",
}  # fmt: skip
# Stems the stemmer leaves apart ("presidenti" / "presid") match when one begins the other
# and both are at least this long.
PREFIX_CHARS = 5
LETTERS = re.compile(r"[^\W\d_]+")
FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Support:
    """How well the cited passages back one sentence."""

    terms: int  # content words of the sentence
    found: int  # of which the passages hold
    missing_numbers: tuple[str, ...]
    missing_names: tuple[str, ...] = ()  # capitalised words inside the sentence the passages lack
    misquoted: tuple[str, ...] = ()  # what it puts in quotation marks that the passages do not say
    negation_unsupported: bool = False  # it says "not" or "never" where no passage sentence does
    # A number the passages hold, but not of what the claim counts ("35 Israeli soldiers" for the
    # passage's "35 Palestinians"), see _unbound_figures.
    unbound_numbers: tuple[str, ...] = ()
    # Days and months the passages never write: "collapsed in May" for a passage's March 10, or
    # "reopened in June 2023" asked as of April (a probe's, shown as cited).
    missing_days: tuple[str, ...] = ()

    @property
    def coverage(self) -> float:
        return self.found / self.terms if self.terms else 1.0

    @property
    def ok(self) -> bool:
        # A figure the passages do not hold is the surest sign of a made-up claim ("40 died"),
        # and a name the next ("Blinken met Vladimir Putin in Ramallah": a probe's, shown as
        # cited with four words of six held). A short claim must be held whole: "The terminal
        # collapsed" beside an article about a terminal is half its words, and all of what it says.
        return (
            not self.missing_numbers
            and not self.missing_names
            and not self.misquoted
            and not self.negation_unsupported
            and not self.unbound_numbers
            and not self.missing_days
            and self.found >= math.ceil(MIN_SUPPORT * self.terms)
        )


def support(claim: str, evidence: Sequence[str], is_name: Callable[[str], bool] | None = None) -> Support:
    """Whether the texts in `evidence` (the cited passages) hold the claim's words, numbers and
    names, its quotations word for word, and its "not". A capitalised word opening the claim (or a
    clause after a colon or quotation mark) is a name when `is_name` says so: "Trump caused the
    collapse of Silicon Valley Bank [3]" was shown as cited (a probe's); without it, such words
    are not read as names."""
    terms: set[str] = set()
    numbers: set[str] = set()
    written: set[str] = set()
    for text in evidence:
        terms |= _terms(text)
        numbers |= _figures(text, spelled=True)
        written |= _written(text)
    claimed = _terms(claim)
    found = sum(1 for term in claimed if term in terms or _prefix_match(term, terms))
    missing = tuple(sorted(_figures(claim, spelled=False) - numbers))
    missing_names = [name for name in _names(claim) if not _written_as(name.lower(), written)]
    if is_name is not None:
        # is_name reads the archive: asked only of the openers the passages do not write.
        missing_names += [word for word in _openers(claim) if not _written_as(word.lower(), written) and is_name(word)]
    names = tuple(dict.fromkeys(missing_names))
    flat = " ".join(_flat(text) for text in evidence)
    # A quotation shortened with "…" is held part by part.
    misquoted = tuple(
        quote
        for quote in _quotations(claim)
        if any(_flat(part) not in flat for part in re.split(r"…|\.\.\.", quote) if part.strip())
    )
    return Support(
        len(claimed),
        found,
        missing,
        names,
        misquoted,
        _negation_unsupported(claim, claimed, evidence),
        _unbound_figures(claim, evidence) if not missing else (),
        tuple(dict.fromkeys(day for day in _days(claim) if day.lower() not in _days_written(evidence))),
    )


# Words around a number: a claim's counted thing is in the next COUNTED_WORDS tokens after it; a
# passage's may be written within NUMBER_REACH tokens either side ("killed 35 Palestinians").
COUNTED_WORDS = 2
NUMBER_REACH = 5
TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?")
# What any count may be of, and how a passage words it otherwise: "35 people" is 35 Palestinians.
GENERIC_COUNTED = frozenset(
    {"people", "person", "persons", "men", "women", "children", "others", "times", "percent", "more"}
)


def _unbound_figures(claim: str, evidence: Sequence[str]) -> tuple[str, ...]:
    """The claim's numbers that every passage writing them writes of something else: the words
    right after the number in the claim (what it counts, "35 Israeli soldiers"), none of them
    within NUMBER_REACH words of the number in any passage ("35 Palestinians were killed"). A
    probe's model had "35 Israeli soldiers were killed [1]" pass the check: both words, and the
    number, were in the passage. Years and days of the month, and counts of people in general,
    are left alone: a date or "35 people" is written many ways."""
    tokens = TOKEN.findall(claim)
    written = [TOKEN.findall(text) for text in evidence]
    unbound = []
    for index, token in enumerate(tokens):
        if not token[0].isdigit():
            continue
        after = [t for t in tokens[index + 1 : index + 1 + COUNTED_WORDS] if not t[0].isdigit()]
        counted = {
            _stem(t.lower())
            for t in after
            if t.lower() not in stopwords() and t.lower() not in DAYS_AND_MONTHS and t.lower() not in NOT_NAMES
        }
        if not counted or any(t.lower() in GENERIC_COUNTED for t in after) or _is_date_part(token, tokens, index):
            continue
        figure = _normalise_figure(token)
        near: set[str] = set()
        for words in written:
            for at, word in enumerate(words):
                if word[0].isdigit() and _normalise_figure(word) == figure:
                    around = words[max(0, at - NUMBER_REACH) : at] + words[at + 1 : at + 1 + NUMBER_REACH]
                    near |= {_stem(w.lower()) for w in around if not w[0].isdigit()}
        if near and not any(t in near or _prefix_match(t, near) for t in counted):
            unbound.append(token)
    return tuple(unbound)


def _is_date_part(token: str, tokens: list[str], index: int) -> bool:
    """A year, or a day of the month beside its month ("Jan. 31", "31 January")."""
    if len(token) == 4 and token.isdigit() and 1800 <= int(token) <= 2100:
        return True
    beside = {t.lower() for t in tokens[max(0, index - 1) : index + 2]}
    return token.isdigit() and int(token) <= 31 and bool(beside & DAYS_AND_MONTHS)


# Capitalised words that name nothing the passages must write: a day or month the model may
# work out from a passage's date ("on Tuesday"), and titles written short or long.
# fmt: off
NOT_NAMES = DAYS_AND_MONTHS | frozenset({
    # Titles: "Palestinian President Mahmoud Abbas" for the passage's "Palestinian leader Mahmoud Abbas".
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "st", "jr", "sr", "president", "prime",
    "minister", "secretary", "governor", "senator", "representative", "chancellor", "king", "queen", "prince",
    "mayor", "leader", "chief", "chairman", "chair", "ceo", "speaker", "justice", "judge", "general",
    # Months and days as news writes them short: "on Jan. 31", "Tues.".
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues",
    "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "pm",
})
DEMONYM_ENDINGS = frozenset({"i", "n", "an", "ian", "ese", "ish", "is", "ns", "ans", "ians"})
# One name written two ways: "United States" for the passage's "U.S.".
SAME_NAMES = {
    "united": ("us", "uk", "un", "uae"), "states": ("us",), "kingdom": ("uk", "britain"), "nations": ("un",),
    "america": ("us",), "american": ("us",), "americans": ("us",), "britain": ("uk",), "british": ("uk", "britain"),
    "washington": ("us",),  # the government, as news writes it: "Washington accused Iran"
    "chinese": ("china",), "french": ("france",), "dutch": ("netherlands",), "swiss": ("switzerland",),
}
# fmt: on
# "Not only …" denies nothing.
NEGATION = re.compile(r"\b(?:not(?!\s+only)|never|no\s+longer|neither|nor)\b|n['’]t\b", re.IGNORECASE)
# What says "not" in a passage: "offered no new", "declined to comment", "have yet to identify".
DENIAL = re.compile(
    r"\b(?:not|never|no|none|neither|nor|without|declined|declines|refused|refuses|denied|denies|yet\s+to)\b|n['’]t\b",
    re.IGNORECASE,
)
# Quotation marks round at least three words: a quote, not a 'so-called' word or a title.
QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
MIN_QUOTED_WORDS = 3


def _names(claim: str) -> list[str]:
    """Capitalised words that do not open a sentence or follow a colon or quotation mark: names."""
    return _capitalised(claim, opening=False)


def _openers(claim: str) -> list[str]:
    """Capitalised words that open a sentence or follow a colon or quotation mark: names or not."""
    return _capitalised(claim, opening=True)


def _capitalised(claim: str, opening: bool) -> list[str]:
    found = []
    for match in LETTERS.finditer(claim):
        word = match.group()
        before = claim[: match.start()].rstrip()
        opens = not before or before[-1] in ".!?:;“\"‘'([—–-"
        lower = word.lower()
        if (
            word[0].isupper()
            and opens == opening
            and len(word) > 1
            and lower not in stopwords()
            and lower not in NOT_NAMES
        ):
            found.append(word)
    return found


def _days(claim: str) -> list[str]:
    """The weekdays and months a claim names, capitalised: "May" opening a sentence is as often the
    verb, and "may" always is."""
    found = []
    for match in LETTERS.finditer(claim):
        word = match.group()
        if word[0].isupper() and word.lower() in DAYS_AND_MONTHS:
            opens = not claim[: match.start()].strip()
            if not (opens and word.lower() == "may"):
                found.append(word)
    return found


# A weekday or month as news writes it, capitalised and often cut short ("Aug. 8", "Sept. 5",
# "Tues."): the verb "may" and "march" are none (a review's).
DAY_WRITTEN = re.compile(
    r"\b(?:(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?"
    r"|(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"
)
SHORT_DAYS = {name[:3]: name for name in DAYS_AND_MONTHS} | {
    "sept": "september",
    "tues": "tuesday",
    "thur": "thursday",
    "thurs": "thursday",
}


def _days_written(evidence: Sequence[str]) -> set[str]:
    """The weekdays and months the passages write (full names, lower-cased)."""
    found = set()
    for text in evidence:
        for short, full in DAY_WRITTEN.findall(text):
            found.add(full.lower() if full else SHORT_DAYS[short.lower()])
    return found


def _written_as(name: str, written: set[str]) -> bool:
    """The passages write the lower-cased name, or a form of it: "Russian" for "Russia", or
    "Ukrainian" for "Ukraine" (a shared start all but a letter of the shorter, five at least),
    "Washington" inside the outlet's "washingtonpost", "United States" as "U.S."."""
    if name in written or any(form in written for form in SAME_NAMES.get(name, ())):
        return True
    # A people's name from its country's: "Iranian" for "Iran", "Iraqi" for "Iraq".
    if any(len(word) >= 4 and name.startswith(word) and name[len(word) :] in DEMONYM_ENDINGS for word in written):
        return True
    if len(name) < 5:
        return False
    return any(
        len(os.path.commonprefix([name, word])) >= max(5, min(len(name), len(word)) - 1)
        or (len(word) >= 8 and name in word)
        for word in written
    )


def _quotations(claim: str) -> list[str]:
    return [q for pair in QUOTED.findall(claim) for q in pair if len(q.split()) >= MIN_QUOTED_WORDS]


@functools.lru_cache(maxsize=1024)
def _written(text: str) -> frozenset[str]:
    """The words of a passage, lower-cased, also with its dots dropped ("U.S." is "us" too). Cached,
    as _terms is: each sentence of a reply, at every check of a stream, is held against them."""
    return frozenset(word.lower() for form in (text, text.replace(".", "")) for word in LETTERS.findall(form))


@functools.lru_cache(maxsize=1024)
def _flat(text: str) -> str:
    """Lower case, one kind of apostrophe, words only: a quotation is compared word for word."""
    return " ".join(re.findall(r"[\w]+(?:['’][\w]+)?", text.lower().replace("’", "'")))


def _negation_unsupported(claim: str, claimed: frozenset[str], evidence: Sequence[str]) -> bool:
    """The claim says "not" (or "never"…) and no sentence of the passages says it of half its
    words: "Blinken did not meet Mahmoud Abbas in Ramallah" holds every word of the passage's
    "Blinken met Mahmoud Abbas in Ramallah"."""
    if not NEGATION.search(claim):
        return False
    for text in evidence:
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            if DENIAL.search(sentence) and 2 * len(claimed & _terms(sentence)) >= len(claimed):
                return False
    return True


@functools.lru_cache(maxsize=1024)
def _terms(text: str) -> frozenset[str]:
    """Stemmed, lower-cased content words (no stopwords, no numbers, no single letters).

    Numbers written as words are left to `_figures`: "thirty-five" is not two missing words."""
    stop = stopwords()
    return frozenset(
        _stem(word)
        for word in LETTERS.findall(text.lower())
        if len(word) > 1 and word not in stop and word not in NUMBER_WORDS
    )


@functools.lru_cache(maxsize=1024)
def _figures(text: str, spelled: bool) -> frozenset[str]:
    """The numbers of a text, normalised ("1,200" -> "1200", "07" -> "7"); with `spelled`,
    also the numbers written as words ("forty" -> "40")."""
    found = {_normalise_figure(figure) for figure in FIGURE.findall(text)}
    if spelled:
        found |= {NUMBER_WORDS[word] for word in LETTERS.findall(text.lower()) if word in NUMBER_WORDS}
    return frozenset(found)


def _normalise_figure(figure: str) -> str:
    whole, _, fraction = figure.replace(",", "").partition(".")
    whole = whole.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def _stem(word: str) -> str:
    return stem(IRREGULAR.get(word, word))


def _prefix_match(term: str, terms: frozenset[str] | set[str]) -> bool:
    """One of `terms` begins with `term`, or `term` with it (see PREFIX_CHARS)."""
    if len(term) < PREFIX_CHARS:
        return False
    return any(len(other) >= PREFIX_CHARS and (other.startswith(term) or term.startswith(other)) for other in terms)


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
            pieces.append([_without_repeated_runs(piece.strip()), new_line])
    return [(str(piece), bool(new_line)) for piece, new_line in pieces]


def _without_repeated_runs(piece: str) -> str:
    """The piece with a cited run written again right after itself said once: a probe's server sent
    "Open gallery view U.S. [1] " 360 times over, which the splitter, reading "U.S." as an
    abbreviation, had kept as one sentence. Runs end at a citation; "… the U.S. [1] Open on
    Saturday" is left whole."""
    runs = [run for run in CITED_RUN.findall(piece) if run.strip()]
    kept: list[str] = []
    for run in runs:
        if not kept or " ".join(run.split()) != " ".join(kept[-1].split()):
            kept.append(run)
    return " ".join("".join(kept).split()) if len(kept) < len(runs) else piece


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
