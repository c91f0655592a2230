"""The kernel's text module: sentences, words, stems and content words, from the NLTK data that
llama-index ships offline.

Sentences are NLTK's punkt everywhere: here for quotes and derived titles, and inside
llama-index's splitter for chunks. The chunker keeps punkt's stock English model, so that the
chunks of an existing index do not change; quotes and titles add NEWS_ABBREVIATIONS to it."""

from __future__ import annotations

import functools
import importlib.util
import itertools
import os
import re
import unicodedata
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

from wordfreq import zipf_frequency

from newsdesk.nltk_lean import nltk
from newsdesk.surrogates import without_surrogates

# llama-index ships the NLTK data offline; found without importing llama-index (a second of start-up).
_LLAMA_CORE = importlib.util.find_spec("llama_index.core")
_NLTK_DATA = os.path.join(
    list(_LLAMA_CORE.submodule_search_locations or [""])[0] if _LLAMA_CORE else "", "_static", "nltk_cache"
)
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.-]*[A-Za-z0-9]|[A-Za-z0-9]")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")
# A number as written: 31, 1,200, 4.5, and a headline's short sums ("$155M", "$1.2B", "10K", "£2.5m", "£2bn").
FIGURE = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?:[KMBkm]|bn)?(?![\w])")
_PORTER = nltk.stem.PorterStemmer()


# Titles and months that NLTK's English punkt model does not know as abbreviations, so it
# ended a sentence at "Florida Gov." and quoted "Ron DeSantis signed it." without him.
NEWS_ABBREVIATIONS = frozenset(
    {"gov", "govs", "capt", "sgt", "adm", "maj", "cmdr", "supt", "atty", "rev", "mar", "apr", "no", "nos"}
    # A probe's timeline quoted "… Air Force Brig." without the general's name. Ranks alone: "Dept."
    # and "Blvd." end sentences as often ("… the Police Dept. Officials declined", a review's).
    | {"brig", "cpl", "pvt", "sens"}
)
# Where punkt ended a span at a lone capital's period ("A.J. Brown"): an initial, no sentence end.
# Nor does "vs." or "v." between two sides: a chat tester's "Is Taylor Swift at Chiefs vs." was
# quoted without "Jets game?" (punkt ends it before a capital, known abbreviation or not).
INITIAL_END = re.compile(r"(?:(?:^|[\s.])[A-Z]|\svs?)\.$")
# Where punkt ended a span at an exclamation, a question or a closing quote that the next words
# carry on in lower case ("“What is happening?” she said.", "the most popular (pup-ular?) dog
# breed of 2022"): one sentence, or a quote would stop short of its subject or its speaker.
CARRIED_ON = re.compile(r"(?:[!?][”\"’')\]]*|[”\"’])$")
# Where punkt ended a span at a quote that the speaker's name carries on, capitalised: ""I will
# NOT resign!" Santos tweeted on Jan. 11." A chat's "what did he tweet" had been told only "Santos
# tweeted on Jan. 11.", and "what did giannis say" "Giannis Antetokounmpo asked facetiously with a
# smile."; "We won!" Fans cheered." is two. Only after an exclamation or a question in quotes,
# and not a name that goes on to say something of its own: "“We have done it before.” Newsom said
# the state would send aid." is two speakers' (a review's: quotes had been put in the next
# speaker's mouth).
SPEAKER_CARRIES_ON = re.compile(
    r"(?:[A-Z][\w'’.-]*\s+){1,4}(?:"
    # Verbs that take who was told or asked: "… ?" Hill told the AP." (a second review's).
    r"(?:asked|asks|told|tells)\b"
    r"|(?:said|says|tweeted|tweets|wrote|writes|posted|posts|added|adds|replied|replies|joked|jokes|quipped|quips"
    r"|exclaimed|shouted|yelled|responded|insisted|declared)\b"
    r"(?!\s+(?:that|the|a|an|he|she|it|they|we|I|his|her|their|its|this|there)\b))"
)
QUOTED_CRY_END = re.compile(r"[!?][”\"’']+$")
# A time of day and its zone: "at 10:59 p.m. ET on Wednesday, Oct. 11." is one sentence (a chat
# tester's "When is the next drawing?" was told only "… will be held at 10:59 p.m.").
TIME_OF_DAY_END = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)
TIME_ZONE = re.compile(r"(?:ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|GMT|BST|UTC)\b")


def _use_bundled_data() -> None:
    if _NLTK_DATA not in nltk.data.path:
        nltk.data.path.insert(0, _NLTK_DATA)


@functools.cache
def _punkt_params() -> Any:  # nltk.tokenize.punkt.PunktParameters
    _use_bundled_data()
    from nltk.tokenize.punkt import load_punkt_params

    found = nltk.data.find("tokenizers/punkt_tab/english/")
    # A zipped nltk_data of the user's own has no folder: nltk reads it.
    params = _read_punkt_folder(Path(found.path)) if hasattr(found, "path") else load_punkt_params(found)
    params.abbrev_types |= NEWS_ABBREVIATIONS
    return params


def _read_punkt_folder(folder: Path) -> Any:  # nltk.tokenize.punkt.PunktParameters
    """What nltk's load_punkt_params does, with the files read by Python's own reader: nltk's
    seekable stream reads ortho_context.tab's 20,000 lines in 0.08 s of a cold `ask`."""
    from nltk.tabdata import PunktDecoder
    from nltk.tokenize.punkt import PunktParameters

    decoder = PunktDecoder()
    params = PunktParameters()
    with open(folder / "collocations.tab", encoding="utf-8") as lines:
        params.collocations = set(decoder.tab2tups(lines))
    with open(folder / "sent_starters.txt", encoding="utf-8") as lines:
        params.sent_starters = decoder.txt2set(lines)
    with open(folder / "abbrev_types.txt", encoding="utf-8") as lines:
        params.abbrev_types = decoder.txt2set(lines)
    with open(folder / "ortho_context.tab", encoding="utf-8") as lines:
        params.ortho_context = decoder.tab2intdict(lines)
    return params


@functools.cache
def _punkt() -> Any:  # nltk.tokenize.PunktSentenceTokenizer
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    return PunktSentenceTokenizer(_punkt_params())


# "What happened in Ukraine?" asks about Ukraine: that something happened says nothing of what.
# Searched for, the words find the stories that use them most ("What really happened during the
# first Thanksgiving"), and a passage holding them covers nothing of the question.
HAPPENING = frozenset({"happen", "happens", "happened", "happening", "occur", "occurs", "occurred", "occurring"})
HAPPENING_WORD = re.compile(r"\b(?:" + "|".join(sorted(HAPPENING)) + r")\b", re.IGNORECASE)


@functools.cache
def stopwords() -> frozenset[str]:
    _use_bundled_data()
    from nltk.corpus import stopwords as corpus

    # NLTK lists "won" (from "won't"), but in news it is the verb of every result.
    news = {"according", "say", "said", "says", "also", "would", "could", "one"}
    return (frozenset(corpus.words("english")) - {"won"}) | HAPPENING | news | UNMARKED_CONTRACTIONS


# Contractions typed without their apostrophe ("sudan war whos fighting"): a probe's question was
# declined for "Whos", read as a name. Not those that are words too ("well", "ill", "wont").
UNMARKED_CONTRACTIONS = frozenset(
    {"whos", "whats", "wheres", "whens", "hows", "whys", "thats", "theres", "heres", "isnt", "arent", "wasnt"}
    | {"werent", "didnt", "doesnt", "dont", "cant", "couldnt", "wouldnt", "shouldnt", "hasnt", "havent", "hadnt"}
    | {"youre", "theyre", "ive", "im"}
)


def without_happening(text: str) -> str:
    """The text without the words that only say something happened (see HAPPENING)."""
    return collapse_whitespace(HAPPENING_WORD.sub(" ", text))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a text; a line break always ends one."""
    return list(_sentence_spans(text))


@functools.lru_cache(maxsize=4096)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    # Cached: a passage is split when it is stitched to its neighbours, when the decline reads
    # it and when its sentences are scored.
    spans: list[tuple[int, int]] = []
    start = 0
    for block in PARAGRAPH_BREAK.split(text):
        offset = text.find(block, start)
        start = offset + len(block)
        if not block.strip():
            continue
        merged: list[tuple[int, int]] = []
        for begin, end in _punkt().span_tokenize(block):
            if merged and (
                INITIAL_END.search(block, merged[-1][0], merged[-1][1])  # "A.J. Brown": an initial ends none
                # Nor does a name's "!" before a colon or comma: "… kick off "Live From E!: Golden
                # Globe Awards," hosted by …" (a reader's answer lost that it was the pre-show).
                or block[begin] in ",;:"
                or (block[begin].islower() and CARRIED_ON.search(block, merged[-1][0], merged[-1][1]))
                or (
                    SPEAKER_CARRIES_ON.match(block, begin)
                    and QUOTED_CRY_END.search(block, merged[-1][0], merged[-1][1])
                )
                or (TIME_OF_DAY_END.search(block, merged[-1][0], merged[-1][1]) and TIME_ZONE.match(block, begin))
            ):
                merged[-1] = (merged[-1][0], end)
            else:
                merged.append((begin, end))
        spans.extend((offset + begin, offset + end) for begin, end in merged)
    return tuple(spans)


# The chunker repeats whole pieces of its own (sentences, or clauses of a long one: up to the
# chunk overlap, 20 word pieces) at the start of the next chunk; a piece ends at one of these.
PIECE_END = (".", "!", "?", ",", ";", ":", '"', "”", "’", "'", ")")
PIECE_END_MARK = re.compile("|".join(map(re.escape, PIECE_END)))
# A sentence's end mark, closing quotes and brackets after it included.
SENTENCE_STOP = re.compile(r"[.!?][\"”’')\]]*$")
# No overlap is longer than this (20 word pieces are about 100 characters): bounds the search.
MAX_OVERLAP_CHARS = 1000
# Nor shorter: "M." ending one chunk and opening the next was "M.M. Keeravani", no overlap.
MIN_OVERLAP_CHARS = 4
# A longer lead-in or tail is no help to a quote: the chunk's own sentence stays as it is.
LEAD_MAX_WORDS = 60


def overlap(before: str, after: str) -> int:
    """How many characters the end of `before` repeats at the start of `after`, as the chunker
    repeats a chunk's last pieces at the start of the next: whole words (an apostrophe is part of
    one) that end a piece ("the U.K." before "The … raised the U.K.'s weekly average" too). 0 when
    there is no such overlap: a chance repeat ("… Exploratorium - San Francisco", "San
    Francisco's Exploratorium") is none."""
    limit = min(len(before), len(after), MAX_OVERLAP_CHARS)
    # Only the lengths at which a piece ends, longest first: trying every length cost a few
    # milliseconds an answer.
    ends = [mark.end() for mark in PIECE_END_MARK.finditer(after, 0, limit)]
    for size in reversed(ends):
        if size < MIN_OVERLAP_CHARS:
            break
        shared = after[:size]
        if len(before) > size and _in_word(before[-size - 1]) and _in_word(shared[0]):
            continue
        if before.endswith(shared):
            return size
    return 0


def _in_word(ch: str) -> bool:
    return ch.isalnum() or ch in "'’"


def _joined(before: str, after: str) -> tuple[str, int, int] | None:
    """The two chunks as the article runs, where `before` ends in it and where `after` starts,
    when they overlap (see `overlap`); None otherwise. Chunks that only abut are not joined: what
    stood between them is lost ("U.K." and "’s" had nothing, a heading and its paragraph a line
    break, "M." and "M. Keeravani" nothing), and a quote must be the article's own words."""
    shared = overlap(before, after)
    if not shared:
        return None
    return before + after[shared:], len(before), len(before) - shared


# Words either side of the span that _crossing splits, beyond what its callers quote: punkt
# decides each break from the words next to it (as NON_SPACE reads them), so a break this far
# inside the span is the one it makes in the whole text (checked on every pair of neighbouring
# chunks of the corpus, and on generated texts in the tests).
CONTEXT_WORDS = 10
# A word as punkt reads one, between ASCII white space, that str.split() counts too (not a lone
# "\xa0"): \S would also part words at characters punkt reads inside a token ("\x1c"), where a
# window cut inside a token was split otherwise, and a window of lone no-break spaces held fewer
# words than a lead-in may have (a review's finds).
NON_SPACE = re.compile(r"[^ \t\n\r\x0b\x0c]*[^\s][^ \t\n\r\x0b\x0c]*")


def _crossing(text: str, at: int, words_before: int, words_after: int) -> tuple[int, int] | None:
    """The sentence of the text that starts before `at` and ends after it, split from the
    `words_before` and `words_after` words either side of `at` (plus CONTEXT_WORDS): splitting
    two whole chunks was most of what reading a passage's lead-in cost. A sentence reaching
    past them is given as starting at 0 or ending at len(text), whichever way it reaches: it
    is longer than the caller takes."""
    before = [m.start() for m in NON_SPACE.finditer(text, 0, at)][-(words_before + CONTEXT_WORDS) :]
    after = [m.end() for m in itertools.islice(NON_SPACE.finditer(text, at), words_after + CONTEXT_WORDS)]
    start = before[0] if len(before) == words_before + CONTEXT_WORDS else 0
    end = after[-1] if len(after) == words_after + CONTEXT_WORDS else len(text)
    # Not through the cache: each of these texts is met once, and they pushed out the passages'.
    for begin, stop in _sentence_spans.__wrapped__(text[start:end]):
        begin, stop = begin + start, stop + start
        if begin < at < stop:
            return (0 if begin == start else begin), (len(text) if stop == end else stop)
    return None


def lead_in(previous: str, text: str) -> str:
    """The start of the sentence that `text` opens inside of, taken from `previous`, the chunk
    before it: "" when `text` opens a sentence, when the two do not overlap (`_joined`), or when
    the sentence starts before `previous` does. The chunker's splitter ends sentences at "Feb."
    and "Gov.", so a chunk may open at "6 quakes that …" or "Ron DeSantis, who …"."""
    joined = _joined(previous, text)
    if joined is None:
        return ""
    whole, _, opens = joined
    sentence = _crossing(whole, opens, LEAD_MAX_WORDS, 0)
    if sentence is None or sentence[0] == 0:  # the sentence may have begun in the chunk before
        return ""
    lead = whole[sentence[0] : opens]
    return lead if len(lead.split()) <= LEAD_MAX_WORDS else ""


def stops_mid_sentence(text: str) -> bool:
    """The text may stop inside a sentence: it ends at an abbreviation the chunker took for a
    sentence's end, or at no end mark at all. (Cheap: whether it does is `tail_out`'s to tell.)"""
    last = text.rstrip()
    return bool(last) and (SENTENCE_STOP.search(last) is None or ends_with_abbreviation(last))


# Titles written before a name: a chunk that stops at one ("… introduced by Rep.") goes on with
# the name in the next ("Michael Guest, R-Miss., …").
TITLE_ABBREVIATIONS = frozenset(
    {"rep", "reps", "sen", "sens", "gov", "govs", "dr", "mr", "mrs", "ms", "st", "lt", "gen", "col", "sgt", "capt"}
    | {"prof", "rev", "adm", "maj", "cmdr", "brig", "pres", "supt", "atty", "det", "insp"}
)


def tail_out(text: str, following: str) -> str:
    """The end of the sentence that `text` stops inside of, taken from `following`, the chunk
    after it: "" when `text` ends a sentence or the two do not overlap (`_joined`), unless they
    abut at an abbreviation the sentence plainly runs on past (see _abutting)."""
    joined = _joined(text, following) or _abutting(text, following)
    if joined is None:
        return ""
    whole, stops, _ = joined
    sentence = _crossing(whole, stops, 0, LEAD_MAX_WORDS)
    if sentence is None:
        return ""
    tail = whole[stops : sentence[1]]
    return tail if len(tail.split()) <= LEAD_MAX_WORDS else ""


def _abutting(text: str, following: str) -> tuple[str, int, int] | None:
    """The two chunks as the article runs, when they do not overlap but `text` stops at an
    abbreviation that the next words plainly carry on: in lower case ("… position that the U.S."
    then "would support Israel …") or a name after a title ("… introduced by Rep." then "Michael
    Guest"), or that the next chunk repeats ("St." then "St. Patrick's Day"). The chunker's
    splitter took the abbreviation for a sentence's end, and two chat probes' quotes stopped
    there. Not "M." then "M. Keeravani" (no space stood between) nor "U.K." then "’s"."""
    stopped = text.rstrip()
    if not ends_with_abbreviation(stopped) or not following[:1].isalpha():
        return None
    word = stopped.rsplit(None, 1)[-1]
    if len(word) > 2 and following.startswith(word) and following[len(word) : len(word) + 1].isspace():
        # The chunker repeated the abbreviation, an overlap too short for `overlap` to take ("St."
        # ending one chunk, "St. Patrick's Day …" opening the next): once, not "St. St." (a review's).
        return stopped + following[len(word) :], len(stopped), len(stopped) - len(word)
    going_on = following.lstrip()
    last = word[:-1].lstrip('(“"').lower()
    if not (going_on[:1].islower() or (last in TITLE_ABBREVIATIONS and going_on[:1].isupper())):
        return None
    whole = f"{stopped} {going_on}"
    return whole, len(stopped), len(stopped) + 1


def ends_with_abbreviation(text: str) -> bool:
    """The text's last word is an abbreviation or an initial whose period ends no sentence
    ("Dr.", "Gov.", "U.S.", "J."), as sentence_spans reads them."""
    last = text.rsplit(None, 1)[-1] if text.strip() else ""
    if not last.endswith("."):
        return False
    return bool(INITIAL_END.search(last)) or last[:-1].lstrip('(“"').lower() in _punkt_params().abbrev_types


def words(text: str) -> list[str]:
    return [w.strip(".").lower().replace("’", "'") for w in WORD.findall(text)]


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Porter's stem of a lower-cased word ("meeting", "meets" -> "meet"; "countries" ->
    "countri"). Cached: news repeats its words, and the stemmer is pure Python."""
    return _PORTER.stem(word, to_lowercase=False)


@functools.lru_cache(maxsize=65536)
def normalise(word: str) -> str:
    """A word as content terms compare it: lower case, no possessive, stemmed. Only words of
    letters are stemmed: Porter would cut "U.S" to "U." and has nothing to say of "F-16".
    Cached: an answer normalises some thousand words, most of them many times."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    return stem(word) if word.isalpha() else word


# British and American endings of one word ("Organisation", "Organization"): a name written the
# other way is the same name. Not "-our"/"-or": "Labour" is a British party, "Labor" an
# Australian one and American unions.
SPELLING_ENDINGS = (("isation", "ization"), ("tre", "ter"), ("ence", "ense"))
# A word spelt the other way must be one English uses this much (wordfreq's Zipf scale): "Peter"
# is no "Petre", nor "Notre" a "Noter", while "theatre" (4.5) and "theater" (4.4) both are.
SPELLING_ZIPF = 3.0


def other_spellings(name: str) -> list[str]:
    """The name with any of its words spelt with the other ending ("Defence Research Organisation"
    -> "Defense Research Organisation", …, "Defense Research Organization"), for a check that it
    is written somewhere."""
    choices = [[word, *_other_endings(word)] for word in name.split()]
    forms = [" ".join(words) for words in itertools.product(*choices)]
    return [form for form in forms if form != " ".join(name.split())]


def _other_endings(word: str) -> list[str]:
    forms = []
    for british, american in SPELLING_ENDINGS:
        for ending, other in ((british, american), (american, british)):
            form = re.sub(rf"{ending}(?=s?$)", other, word)
            if form != word and form not in forms and zipf_frequency(form.lower(), "en") >= SPELLING_ZIPF:
                forms.append(form)
    return forms


def content_terms(text: str) -> set[str]:
    """Normalised words of a text that carry meaning (no stopwords, no single letters)."""
    return set(_content_terms(text))


def with_name_parts(terms: AbstractSet[str]) -> set[str]:
    """The terms, and the parts of each joined by hyphens that are words of letters
    ("turkey-syria" -> "turkey", "syria"; not "f-16"): a text writing "the Turkey-Syria
    earthquake" names Turkey and Syria."""
    return set(terms).union(*(name_parts(term) for term in terms))


def name_parts(term: str) -> set[str]:
    """The parts of a hyphenated term, as terms, when they are all words of letters; else none."""
    parts = term.split("-")
    if len(parts) < 2 or not all(part.isalpha() and len(part) > 1 for part in parts):
        return set()
    return {normalise(part) for part in parts}


@functools.lru_cache(maxsize=8192)
def _content_terms(text: str) -> frozenset[str]:
    # Cached: the retrieval, the decline and the sentence choice of one answer read the same
    # sentences and passages.
    stop = stopwords()
    return frozenset(normalise(w) for w in words(text) if w not in stop and len(w) > 1)


# Latin letters with no accent to take off in Unicode's decomposition, typed plain all the same.
_PLAIN_LETTERS = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "ß": "ss",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
    }
)
# Accents on a Latin letter once decomposed ("é" is "e" and U+0301).
_LATIN_ACCENTS = re.compile(r"(?<=[A-Za-z])[\u0300-\u036f]+")


@functools.lru_cache(maxsize=4096)
def without_accents(text: str) -> str:
    """The text with its Latin letters' accents taken off ("Mbappé" -> "Mbappe", "Ødegaard" ->
    "Odegaard"): a name is typed without them as often as not. Other scripts are kept as they are.
    Its length may differ from the text's: only for comparing, never for positions in the text.
    Cached: the name checks fold the same articles once per name."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text.translate(_PLAIN_LETTERS))
    return unicodedata.normalize("NFC", _LATIN_ACCENTS.sub("", decomposed))


def collapse_whitespace(text: str) -> str:
    return " ".join(text.split())


# A terminal's colour and cursor codes ("\x1b[31m"), then any other control character: pasted
# from a terminal into a question, their letters and digits would be searched for as words.
TERMINAL_CODE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.?")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# What changes how a terminal or a page shows the text after it: control characters (a bell, a
# NUL; not tabs and line ends) and the bidirectional embeddings, overrides and isolates (U+202E
# turned the rest of a probe's answer line, citation included, right to left). Article text is
# data: it is stored without them, so every quote of it shows as written.
UNSHOWN_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
BIDI_CONTROL = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


# Windows' and old Macs' line ends: a probe's CRLF file was stored, and quoted, with "\r\n".
CARRIAGE_RETURN = re.compile(r"\r\n?")


def shown_text(text: str) -> str:
    """The text without terminal codes, control characters (each a space) or bidirectional
    controls (gone), its line ends "\n"."""
    return BIDI_CONTROL.sub("", UNSHOWN_CONTROL.sub(" ", TERMINAL_CODE.sub("", CARRIAGE_RETURN.sub("\n", text))))


# Characters that show nothing: zero-width spaces and joiners, a soft hyphen, direction marks and
# overrides, a byte-order mark. Typed inside a word they split it ("Su\u200dper Bowl" was declined
# for "Su" and "per"); U+202E before a question changed its answer (a probe's).
# A zero-width space is a word break (U+200B, "Super\u200bBowl"), turned into a space; the
# zero-width non-joiner is part of some languages' spelling, and kept.
INVISIBLE = re.compile(r"[\u00ad\u061c\u180e\u200d-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
WORD_BREAK = "\u200b"
SHOWN = re.compile(r"[^\s\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


def shows_anything(text: str) -> bool:
    """A character that shows: not only white space and invisible characters (found at the first)."""
    return SHOWN.search(text) is not None


# A zero-width joiner between two emoji is part of one ("🏳️‍🌈", "👩‍👩‍👧"): a Discord probe's title showed
# the flag split in two. Between letters it is invisible, and goes.
EMOJI = re.compile(r"[\u2600-\u27bf\u2b00-\u2bff\ufe0f\U0001f000-\U0001faff]")  # "⬛" of the black cat too


def _unless_joining_emoji(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    joins = match.group() == "\u200d" and start > 0 and end < len(text)
    return match.group() if joins and EMOJI.match(text, start - 1) and EMOJI.match(text, end) else ""


def without_invisible(text: str) -> str:
    """The text without the characters that show nothing, but for a joiner inside an emoji."""
    return INVISIBLE.sub(_unless_joining_emoji, text)


def typed_text(text: str) -> str:
    """What a user typed, as one line: terminal codes, control and invisible characters gone,
    bytes that were not UTF-8 replaced, white space collapsed (for questions and topics)."""
    text = without_invisible(without_surrogates(text)).replace(WORD_BREAK, " ")
    return collapse_whitespace(CONTROL.sub(" ", TERMINAL_CODE.sub("", text)))
