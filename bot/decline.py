"""Whether the retrieved passages hold an answer: a small fitted model, and a reason to show.

One cosine threshold cannot tell "about the same story" from "answers this question" (the
static model's cosines are topical and run high). The decision combines a few signals that
a reader would check, weighed by a logistic model fitted on the RealTimeQA dev questions
and a set of made-up questions built from them (`bench/fit_decline.py`, which writes
`bot/decline_model.json`):
- how close the best passage is (cosine);
- how many of the question's terms the best-covering passage holds, plain and weighted by
  rarity (a rare name or number missing matters more than "week"), and the rarest two words
  it lacks;
- whether every number or year in the question occurs in some passage;
- whether the question named a period, and how many passages were found in it;
- how fully the archive covers the period asked about (the month before as_of when the question
  names none): a question about a week the archive barely holds is rarely answered by it.

Two checks are not weighed: a question none of whose words any passage holds is declined, and so
is one writing a two-word name that some article writes but not one word of which any passage
holds (a real name swapped into another story; the fitted made-up names are written nowhere).
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from bot.answertype import DAYS_AND_MONTHS
from bot.places import CAPITALISED_PLACES, DEMONYMS, PLACE_FORMS, PLACE_OF, WRITTEN_OTHERWISE, place_of
from ingest.catalog import day_from_number, day_number
from newsdesk.models import Passage
from newsdesk.numbers import NUMBER_WORD_VALUES
from newsdesk.text import content_terms, normalise, other_spellings, sentence_spans, stopwords, without_accents

MODEL_FILE = Path(__file__).with_name("decline_model.json")
NUMBER = re.compile(r"(?<![\w.])\d[\d,.]*\d|(?<![\w.])\d(?![\w])")
FEATURES = (
    "cosine",
    "coverage",
    "rare_coverage",
    "rarest_missing",
    "unknown_terms",
    "numbers_missing",
    "terms",
    "passages",
    "period",
    "age",
    "old_year",
    "names_apart",
    "names_nowhere",
    "best_lacks_rarest",
    "best_lacks_second",
    "period_coverage",
)
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# Passages published this close to the best one's day may report the same event (see Evidence.scattered):
# a week, as a story is reported on for days ("What did Governor Josh Green say about Lahaina?" as
# of Aug 15 found passages of Aug 10, 14 and 15, and was declined with 3 days).
SAME_STORY_DAYS = 7
# The chunks a day in the month before as_of below which an archive is sparse: a newsroom's own
# stories, asked about long after (see AnswerService._general_knowledge). RealTimeQA's has 26 or more.
DENSE_RATE = 10.0
FULL_COVERAGE = 0.9  # of the archive's usual rate (see period_coverage)
OLD_YEARS = 10  # with no dated article to go by, a year this far before as_of asks about history
RECENT_DAYS = 30  # a question naming no period asks about the news of the month before as_of
# The archive's usual rate: chunks a day in a thin week of the two years before its newest day
# (nine in ten of its steady weeks there hold more; see _usual_rate). Not its average week: an
# archive's intake swings from month to month (the RealTimeQA corpus holds 41 articles in
# December 2023 against about 220 a month that spring), and a question about its thin months is
# still answered from them. A week of 2017, where that archive holds a few old stories, is
# thinner than any of its recent weeks.
USUAL_RATE_DAYS = 730
THIN_WEEK_QUANTILE = 0.1
TRICKLE_SHARE = 0.1
# Chunks added to both the count and the expected count of a period: where a handful are
# expected (a small archive, a short period), a few more or fewer are chance, not thin coverage.
CHANCE_CHUNKS = 20
# A capitalised word ("Tate", "Tate's", "O'Neill").
CAPITALISED = re.compile(r"[A-Z][\w'’.-]*")
# A lower-case word hyphened on to a name: the "-infected" of "Nile-infected", "-backed" of "Saudi-backed".
HYPHENED_ON = re.compile(r"-[a-z][\w'’-]*$")
# Words joined by hyphens ("In-N-Out", "Coca-Cola", "Covid-19").
HYPHENATED = re.compile(r"(?<![\w-])\w+(?:-\w+)+")


# Words that ask for news without saying about what: "What happened yesterday?", "Any news?";
# days and months only say when.
NEWS_IN_GENERAL = frozenset(
    normalise(word)
    for word in (
        # ("happen", "occur" are stopwords, newsdesk.text.HAPPENING: no content term already.)
        *("go", "news", "latest", "top", "stories", "headlines", "tell", "updates", "new"),
        # "What were the big stories last month?" (a probe's had quoted a line on Matthew Perry).
        *("big", "biggest", "main", "major", "important", "events"),
        # "Who won?" says of no contest which: a probe's, asked alone, quoted the Daytona 500.
        # (Asked next in a conversation, it carries the last question's names.)
        *("won", "win", "wins", "winner", "winners", "score"),
        *DAYS_AND_MONTHS,
    )
)
NO_SUBJECT = "the question names no subject: ask about someone or something, e.g. “What did the Fed decide?”"
NO_ENGLISH_WORDS = "the question has no English words to search for: the articles are searched in English"
# "?" or "🔥🔥🔥?": no letters of any language (told it was no English, a probe read a language
# problem). A bare "🔥🔥🔥" is small talk: nothing is asked (NOTHING_ASKED).
NO_WORDS = "the question has no words to search for"
NOTHING_ASKED = "nothing is asked: ask about the news, e.g. “What did the Fed decide?”"
IN_ANOTHER_LANGUAGE = "the question seems to be in another language: the articles are searched in English"
# Languages in Latin script whose questions share letters, and some words, with English.
OTHER_LANGUAGES = ("fr", "de", "es", "it", "pt", "nl")
# Their small word lists (their commonest words): 18 MB loaded in 0.06 s, where the default lists
# took 216 MB and 0.8 s. Both give the same decision on the 760 dev questions, their lower-case
# forms and eight questions in these languages.
OTHER_LANGUAGES_WORDLIST = "small"
LETTERS = re.compile(r"[^\W\d_]+")
# Letters of the Latin script: ASCII, Latin-1, Latin Extended-A and -B.
LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+")


def in_another_language(question: str) -> bool:
    """Most of the question's own words (its names aside) are far commoner in French, German,
    Spanish, Italian, Portuguese or Dutch than in English. A probe's "Qui a gagné le Super
    Bowl?" was declined for lacking "Qui" and "le", and a Spanish question got an irrelevant
    answer. Of the 760 dev questions (and their lower-case forms) none has more than a sixth of
    such words ("alternative für deutschland"); the probe's have three quarters or more."""
    found = [match.group() for match in LETTERS.finditer(question)]
    # Mostly letters of another script: Chinese or Japanese is written without spaces, one "word"
    # a question (a chat probe's "毛伊岛火灾死了多少人？" was read as a follow-up, and answered).
    letters = "".join(found)
    other_script = sum(not LATIN_WORD.fullmatch(ch) for ch in letters)
    if other_script >= 2 and other_script >= len(letters) / 2:
        return True
    own = [word.lower() for i, word in enumerate(found) if i == 0 or not word[0].isupper()]
    if len(own) < 3:
        return False
    # Most English questions hold English stop words: only the others read the other languages'
    # word lists (loaded once: at start in a bot, see load_language_lists).
    english = stopwords()
    if sum(word in english for word in own) >= 0.35 * len(own):
        return False
    from wordfreq import zipf_frequency

    foreign = [
        w
        for w in own
        # A word in another script (Cyrillic, Greek, Hebrew …) is no English: a probe's "Что
        # случилось с Silicon Valley Bank?" was answered, its Spanish twin declined.
        if not LATIN_WORD.fullmatch(w)
        or max(zipf_frequency(w, lang, wordlist=OTHER_LANGUAGES_WORDLIST) for lang in OTHER_LANGUAGES)
        - zipf_frequency(w, "en")
        >= 1.5
    ]
    return len(foreign) >= 0.5 * len(own)


def load_language_lists() -> None:
    """Load the word lists in_another_language reads (English and OTHER_LANGUAGES'). A
    long-running bot or chat loads them at start, in the background (bot.service), so that its
    first question that needs them does not wait (96 ms against a usual 25 ms in the bench)."""
    from wordfreq import zipf_frequency

    zipf_frequency("the", "en")
    for language in OTHER_LANGUAGES:
        zipf_frequency("the", language, wordlist=OTHER_LANGUAGES_WORDLIST)


def names_no_subject(question: str) -> bool:
    """The question asks for news in general: no passage can be "the" answer, and the one
    sharing the word "happen" would be quoted ("Again, things happen."). "What's" is "what is"
    (a review's "What's the news this week?" had named "what")."""
    return not content_terms(CONTRACTED_IS.sub(r"\1 is", question)) - NEWS_IN_GENERAL


# "What's", "Who's", "Where's": the question word and "is".
CONTRACTED_IS = re.compile(r"\b(what|who|where|when|how|that|there|it)['’]s\b", re.IGNORECASE)


@dataclass(frozen=True)
class Evidence:
    """The signals for one question and its passages, and what they lack."""

    values: dict[str, float]
    missing_terms: tuple[str, ...]  # question terms no passage holds, rarest first
    missing_numbers: tuple[str, ...]
    unknown_terms: tuple[str, ...] = ()  # question words no indexed article holds at all
    names_apart: tuple[str, ...] = ()  # names of the question that no passage writes (written_names)
    names_nowhere: tuple[str, ...] = ()  # of those, the ones no article up to as_of writes at all
    # Of names_apart, those not one word of which a passage holds (spelt either way), nor its
    # initials ("FTC"): see DeclineModel.decide.
    names_unseen: tuple[str, ...] = ()
    best_lacks: tuple[str, ...] = ()  # words some article holds but the best-covering passage lacks, rarest first
    # Countries and US states the question names (as typed: "Kenya", "Scottish") that no passage
    # writes in any of their forms: see places_unseen and DeclineModel.decide.
    places_unseen: tuple[str, ...] = ()
    # Of names_apart, those some article writes but not one word of which (but for titles) the
    # passages' articles write: see DeclineModel.decide.
    names_off_story: tuple[str, ...] = ()
    # The period asked about (or the month before as_of), when the archive covers it thinly.
    thin_period: Coverage | None = None
    # The first and last day of the passages when they tell no one story: the question names no
    # period, and none of the others was published within SAME_STORY_DAYS of the best one. News
    # of an event clusters around its days; "What is the capital of Burkina Faso?" finds passages
    # of 2017 and 2022, each from a story of its own.
    scattered: tuple[date, date] | None = None
    # The question's most particular word (the least used in English) when no article holds it:
    # "What prize did the bakery win?" in an archive with no bakery (see subject_nowhere).
    subject_nowhere: str | None = None

    def vector(self) -> list[float]:
        return [self.values[name] for name in FEATURES]


@dataclass(frozen=True)
class Decision:
    decline: bool
    probability: float  # that the passages hold the answer
    reason: str | None  # shown to users when it declines


def gather_evidence(
    question: str,
    passages: Sequence[Passage],
    has_period: bool,
    as_of: date,
    terms_of: Callable[[str], list[str]],
    idf: Callable[[Sequence[str]], Mapping[str, float]],
    unseen_idf: float,
    asked: str = "",
    coverage: Coverage | None = None,
    archive_start: date | None = None,
    archive_writes: Callable[[str], bool] | None = None,
    typed: str | None = None,
    name_word: Callable[[str], bool] | None = None,
    any_case: bool = False,
) -> Evidence:
    """The signals, with `terms_of` and `idf` from the keyword index (same stemming as BM25);
    `unseen_idf` is the weight of a term no indexed chunk holds. `asked` is the question as
    written: its two-word names are looked for as written ("Andrew Tate", where the terms
    "andrew" and "tate" may each be in some other story). `archive_writes` says whether any
    article the question may use writes a name that no passage does. Names are read from `typed`,
    the question as the user typed it, when it differs: a follow-up's carried-over words
    ("… West Bank? Blinken Ramallah Palestinian") are no name written as one. `name_word` says
    whether a word opening a sentence is a name's (see written_names). `any_case`: the question was
    typed without capitals, so its names are looked for in any case (see writes_name)."""
    terms = terms_of(question)
    weights = idf(terms) if terms else {}
    total_weight = sum(weights.values()) or 1.0
    best_cover, best_rare = 0.0, 0.0
    best: Passage | None = passages[0] if passages else None
    best_holds: set[str] = set()
    held: set[str] = set()
    in_passages: set[str] = set()
    surface: dict[str, str] = {}  # stem -> the question's own word, to name what is missing
    key = set()  # names and numbers: what an answer cannot do without
    # Capitals are read in the question as written: "Fed" opens "Fed decide" once "What did
    # the" is dropped, yet it is a name, while "What" opening the question is not.
    written = re.findall(r"[^\W_]+", asked or question)
    # A title ("Gov.", "President") names no one: articles write "Governor" where a question
    # writes "Gov.", and "no article mentions “Gov”" would be a false reason.
    # The first word too when the archive writes it as a name: "Alaska Airlines said this week it
    # will acquire which airline?" had found no story of Alaska's, yet "Alaska" went unweighed as a
    # name (a quiz's made-up question was answered with a whisky auction).
    named = {
        w
        for position, w in enumerate(written)
        if (position > 0 or (name_word is not None and name_word(w))) and w[0].isupper() and w.lower() not in TITLES
    }
    for word in re.findall(r"[^\W_]+", question):
        for stem in terms_of(word)[:1]:
            surface.setdefault(stem, word)
            if word in named or any(c.isdigit() for c in word):
                key.add(stem)
    for passage in passages:
        text = f"{passage.title}\n{passage.text}"
        # "Mbappe" typed is the passage's "Mbappé": its words count without their accents too.
        passage_terms = set(terms_of(text))
        if (folded := without_accents(text)) != text:
            passage_terms |= set(terms_of(folded))
        in_passages |= passage_terms
        # A name is held when written, not when only its stem is: the stemmer makes "Titanic"
        # "titan", and CNN's 2022 dive to the Titanic had answered "What happened to the Titan
        # submersible?".
        present = {
            t
            for t in passage_terms & set(terms)
            if t not in key or not surface[t][0].isupper() or writes_name_word(text, surface[t])
        }
        held |= present
        if terms:
            best_cover = max(best_cover, len(present) / len(terms))
            rare = sum(weights[t] for t in present) / total_weight
            if rare > best_rare:
                best_rare, best, best_holds = rare, passage, present
    # A year is also held by the best passage when it was published in that year: "the 2019
    # ban" in a 2019 article that says "the new ban". (Only the best one: read on past "in
    # 2018", an unrelated 2018 story found beside the 2023 winner says nothing of 2018's.)
    dated = {str(best.published.year)} & set(terms) if best is not None and best.published else set()
    held |= dated
    best_holds = best_holds | dated
    # The rarest words the best-covering passage lacks, names or not: a passage that answers
    # "how far is Neptune from the Sun in astronomical units" says "astronomical", and one
    # that only shares "Neptune" and "sun" is about something else. Only words some article
    # holds: how rare a word no article holds is, a small archive cannot tell ("travelling").
    known = [t for t in set(terms) - best_holds if weights[t] < unseen_idf - 1e-9]
    best_lacks = sorted(known, key=lambda t: (-weights[t], terms.index(t)))  # ties: as the question has them
    lacking = [weights[t] for t in best_lacks] + [0.0, 0.0]
    joined = " ".join(f"{p.title} {p.text}" for p in passages)
    named_in = typed if typed is not None else asked
    # Each name as written and spelt the other way ("Research Organisation", "… Organization"), and
    # a people's adjective as its country: a quiz's "Which French player is expected to go No. 1
    # …?" was declined, its article writing "France's Victor Wembanyama".
    pairs = written_names(named_in, name_word)
    spelt = {
        pair: (pair, *other_spellings(pair), *([DEMONYMS[pair.lower()]] if pair.lower() in DEMONYMS else []))
        for pair in pairs
    }
    apart = tuple(
        pair
        for pair in pairs
        if not any(writes_name(joined, form, any_case) for form in spelt[pair])
        and not _words_in_one(pair, passages, keywords=any_case)
    )
    # Not one word of the name in any passage, nor its initials ("FTC"): the passages are about
    # some other story. A real name swapped into a question ("South Carolina star Mega Millions
    # was the first pick in this week's WNBA Draft") is found that way, where the archive writes
    # it elsewhere; real questions' missing names are mostly a phrase the passages word otherwise
    # ("off the East Coast": "off the coast of South Carolina"), whose words they still hold.
    # Each name once: a question repeating one (a probe's "Qwzx" typed hundreds of times) is no
    # longer a search of the passages for each.
    unwritten = {
        pair
        for pair in dict.fromkeys(apart)
        if terms_of(pair)
        and not any(set(terms_of(form)) & in_passages for form in spelt[pair])
        and not _initials_written(pair, named_in, joined)
    }
    unseen = tuple(pair for pair in apart if pair in unwritten)
    # Written nowhere at all, a name is no one the archive reports on: "Caldwell Brantley",
    # invented from a common first name and surname, while the rest of the question is a real
    # story that retrieval finds.
    nowhere = tuple(pair for pair in apart if archive_writes is not None and not archive_writes(pair))
    missing_numbers = tuple(n for n in NUMBER.findall(question) if not _writes_number(joined, n) and n not in dated)
    missing = tuple(
        surface.get(t, t) for t in sorted((t for t in terms if t not in held), key=lambda t: -weights.get(t, 0.0))
    )
    # Only names and numbers: in a small archive plenty of plain words occur nowhere.
    unknown = [t for t in terms if t in key and weights.get(t, 0.0) >= unseen_idf - 1e-9 and t not in dated]
    first_year = archive_start.year if archive_start else as_of.year - OLD_YEARS + 1
    values = {
        "cosine": max((p.score for p in passages), default=0.0),
        # A name or word that no article holds at all: nothing can answer a question about it.
        "unknown_terms": float(min(len(unknown), 2)),
        "rarest_missing": max((weights[t] for t in terms if t in key and t not in held), default=0.0)
        / max(unseen_idf, 1e-9),
        "coverage": best_cover if terms else 0.0,
        "rare_coverage": best_rare if terms else 0.0,
        "numbers_missing": float(bool(missing_numbers)),
        "terms": float(min(len(terms), 10)),
        "passages": float(len(passages)),
        "period": float(has_period),
        # News questions are about recent reporting; a best match years old is a weak one.
        "age": _age(best, as_of),
        # A year before the archive's first article asks about history it holds no reporting of
        # (an archive of 2015-2023 news, asked in 2026 about 2016, does hold it).
        "old_year": float(any(int(y) < first_year for y in YEAR.findall(question))),
        "names_apart": len(apart) / len(pairs) if pairs else 0.0,
        "names_nowhere": len(nowhere) / len(pairs) if pairs else 0.0,
        "best_lacks_rarest": lacking[0] / max(unseen_idf, 1e-9),
        "best_lacks_second": lacking[1] / max(unseen_idf, 1e-9),
        "period_coverage": coverage.share if coverage else 1.0,
    }
    unknown_names = _names(question, {surface.get(t, t) for t in unknown})
    # Of the plain words: a name no article holds is told above (unknown), and one some article
    # holds does not say that the rest of the question is about it ("the Riverton bakery").
    subject = subject_nowhere([t for t in terms if t not in dated and t not in key], surface, weights, unseen_idf)
    if subject is not None and (folded := without_accents(subject)) != subject:
        # "café" typed, "cafe" written (a review's): held, without its accents.
        folded_terms = terms_of(folded)
        if folded_terms and all(w < unseen_idf - 1e-9 for w in idf(folded_terms).values()):
            subject = None
    lacks = tuple(surface.get(t, t) for t in best_lacks)
    thin = coverage if coverage and coverage.share < THIN_COVERAGE else None
    scattered = None if has_period else _scattered(passages)
    places = places_unseen(named_in or question, passages)
    return Evidence(
        values,
        missing,
        missing_numbers,
        unknown_terms=unknown_names,
        names_apart=apart,
        names_nowhere=nowhere,
        names_unseen=unseen,
        best_lacks=lacks,
        places_unseen=places,
        thin_period=thin,
        scattered=scattered,
        subject_nowhere=subject,
    )


# The share of the question's words the best passage may hold, at most, for subject_nowhere to
# decline it.
SUBJECT_NOWHERE_COVERAGE = 0.5
# ... and the question's words (content terms) at most.
SUBJECT_NOWHERE_TERMS = 4
# A word used more than this in English (wordfreq's Zipf scale: "prize" 4.6, "bakery" 3.7,
# "going" 5.9) says too little of what is asked to decline for.
SUBJECT_MAX_ZIPF = 4.7


def subject_nowhere(
    terms: Sequence[str], surface: Mapping[str, str], weights: Mapping[str, float], unseen_idf: float
) -> str | None:
    """Of the question's plain words (`terms`), the one least used in English (wordfreq), as typed,
    when no indexed chunk holds it: that word is what the question is about, and no article is. A
    probe's small archive had answered "What prize did the bakery win?" with a football game, and
    "Why did the café close?" with the pool closing: plain words held nowhere had not counted,
    since a small archive lacks many ("decide", where it writes "voted"), but the rarest is the
    subject, not a paraphrase."""
    from wordfreq import zipf_frequency

    if not terms:
        return None
    use = {t: zipf_frequency(surface.get(t, t).lower(), "en") for t in terms}
    rarest = min(terms, key=lambda t: (use[t], terms.index(t)))
    # A common word ("going", "tell") is no subject, however small the archive that lacks it.
    if use[rarest] > SUBJECT_MAX_ZIPF or weights.get(rarest, 0.0) < unseen_idf - 1e-9:
        return None
    return surface.get(rarest, rarest)


# A capitalised word, or capitalised words joined by hyphens ("Guinea-Bissau", "Russia-Ukraine"):
# a place must stand alone, not open or end a longer name ("Texas Rangers", "New Mexico").
_CAPITALISED_WORD = re.compile(r"(?<![\w-])[A-Z][\w.]*(?:-[A-Z][\w.]*)*")


def places_named(question: str) -> list[tuple[str, str]]:
    """The one-word countries and US states the question names, each as typed and as its place:
    "Kenya's parliament" -> ("Kenya", "Kenya"), "a Scottish author" -> ("Scottish", "Scotland")."""
    words = list(_CAPITALISED_WORD.finditer(question))
    starts = {start for start, _ in sentence_spans(question)}
    return [
        (word, place_of(word))
        for i, match in enumerate(words)
        if (
            (word := match.group().rstrip(".")) in PLACE_OF
            or (word in CAPITALISED_PLACES and match.start() not in starts)
        )
        and _stands_alone(question, words, i, starts)
    ]


def _stands_alone(question: str, words: list[re.Match[str]], i: int, starts: set[int]) -> bool:
    """The capitalised word words[i] is no part of a longer name, nor of a compound: "Texas-born"
    describes someone, and the story need not write it."""
    match = words[i]
    if question[match.end() : match.end() + 1] == "-":
        return False
    # "Which Scottish author", "Many Ohio residents": a question word, or any word opening a
    # sentence, is capitalised anyway. (A place then read out of "New Mexico" is still written in
    # passages that write "New Mexico".)
    if i and question[words[i - 1].end() : match.start()] == " ":
        before = words[i - 1]
        if before.group().lower() not in stopwords() and before.start() not in starts:
            return False
    possessive = question[match.end() : match.end() + 2] in ("'s", "’s")
    following = words[i + 1] if i + 1 < len(words) else None
    # "the Michigan Senate", "a Texas Air National Guardsman": the state's own body, a place all the
    # same (a made-up probe's swapped states were answered with another state's vote).
    institution = following is not None and following.group().rstrip(".") in STATE_BODIES
    return possessive or following is None or question[match.end() : following.start()] != " " or institution


STATE_BODIES = frozenset(
    {"Senate", "House", "Legislature", "Assembly", "Governor", "Gov", "Supreme", "Air", "Army", "National", "Attorney"}
)


def writes_place(text: str, place: str) -> bool:
    """The text writes the place in one of its forms: "Texas", "R-Texas", "TEXAS", "Ukrainians"."""
    return any(
        re.search(rf"(?<!\w){re.escape(written)}s?(?!\w)", text)
        for form in PLACE_FORMS[place]
        for written in (form, form.upper())
        if written in text  # the regex only for a text that may hold it: articles can be long
    )


def places_unseen(question: str, passages: Sequence[Passage]) -> tuple[str, ...]:
    """The places the question names, as typed, that no passage writes in any form."""
    texts = [f"{p.title}\n{p.text}" for p in passages]
    unseen = (typed for typed, place in places_named(question) if not any(writes_place(t, place) for t in texts))
    return tuple(dict.fromkeys(unseen))


def _writes_number(text: str, number: str) -> bool:
    """The text writes the number whole: "3" is not in "2023", nor "5" in "1.5" (a probe's made-up
    "Ocean Wind 3" was taken as written by every passage dated 2023)."""
    return re.search(rf"(?<![\d.,]){re.escape(number)}(?!\d|[.,]\d)", text) is not None


def _scattered(passages: Sequence[Passage]) -> tuple[date, date] | None:
    """The passages' first and last day when no other is within SAME_STORY_DAYS of the best one's."""
    if not passages or passages[0].published is None:  # no day of the best one to go by
        return None
    days = [p.published for p in passages if p.published is not None]
    if len(days) < 2 or any(abs((day - days[0]).days) <= SAME_STORY_DAYS for day in days[1:]):
        return None
    return min(days), max(days)


THIN_COVERAGE = 0.5  # below this share of its usual articles, a decline names the period asked about


@dataclass(frozen=True)
class Coverage:
    """How fully the archive covers the days judged (`first` to `last`): its chunks published
    then against its usual rate, 0 to 1."""

    share: float
    first: date
    last: date
    chunks: int  # published from first to last
    named: bool  # the period the question names, not the month before as_of


def period_coverage(days: np.ndarray, start: date | None, end: date) -> Coverage | None:
    """The archive's coverage of [start, end] (the month up to `end` when start is None), from
    the sorted published days of its chunks (Replica.chunk_days). None when there is nothing to
    judge by: no dated chunk, or no day of the period inside the archive's span.

    Only the days the archive spans count: an archive of last week, asked today, covers "this
    month" fully. Its newest day is left out: in a live archive that day is still being filled.
    The usual rate is that of a thin week in the two years up to the newest article (see
    USUAL_RATE_DAYS), a property of the archive and not of any story in it, so a week of 2017 in
    an archive of 2023 news reads as thin, and a question about it (retrieval finds that week's
    unrelated stories) as unlikely to be answered."""
    first_day = day_from_number(int(days[0])) if len(days) else None
    newest = day_from_number(int(days[-1])) if len(days) else None
    if first_day is None or newest is None:
        return None
    if start is not None and (end < first_day or start > newest + timedelta(days=1)):
        # The whole period is before the archive, or after it (a day past its newest is "today"
        # in a live archive).
        return Coverage(0.0, start, end, 0, True)
    full = newest - timedelta(days=1)
    first = max(start or min(end, newest) - timedelta(days=RECENT_DAYS - 1), first_day)
    last = min(end, full)
    if last < first:
        return None
    rate = _usual_rate(days, first_day, full)
    chunks = _count(days, first, last)
    share = (chunks + CHANCE_CHUNKS) / (rate * ((last - first).days + 1) + CHANCE_CHUNKS)
    return Coverage(min(share, 1.0), first, last, chunks, start is not None)


def _usual_rate(days: np.ndarray, first_day: date, full: date) -> float:
    """Chunks a day in a thin week of the archive (see USUAL_RATE_DAYS) among its steady weeks;
    its average day when it spans less than a week."""
    span = min((full - first_day).days + 1, USUAL_RATE_DAYS)
    if span < 7:
        return _count(days, first_day, full) / max(span, 1)
    # Week i (from 0, the newest) runs from edge i + 1 (exclusive) to edge i (inclusive).
    edges = np.array([day_number(full - timedelta(days=7 * i)) for i in range(span // 7 + 1)])
    upto = np.searchsorted(days, edges, "right")
    weeks = upto[:-1] - upto[1:]
    # Weeks holding nothing, or a trickle (under a tenth of the median week that holds any), are
    # before the archive's intake began: a year of local news and a few older stories, one a week.
    held = weeks[weeks > 0]
    if not len(held):
        return 0.0
    steady = held[held >= TRICKLE_SHARE * np.median(held)]
    return float(np.quantile(steady, THIN_WEEK_QUANTILE)) / 7


def _count(days: np.ndarray, first: date, last: date) -> int:
    """Chunks published from first to last, both included."""
    return int(np.searchsorted(days, day_number(last), "right") - np.searchsorted(days, day_number(first), "left"))


@dataclass(frozen=True)
class DeclineModel:
    """Logistic weights over FEATURES and the probability below which Newsdesk declines; and the
    higher bar for passages that tell no one story (Evidence.scattered), chosen on the dev
    questions so that it turns away their off-topic questions without the search-hit ones."""

    intercept: float
    weights: dict[str, float]
    threshold: float
    scattered_threshold: float = 0.0

    def probability(self, evidence: Evidence) -> float:
        return self._probability(evidence.values)

    def _probability(self, values: Mapping[str, float]) -> float:
        return logistic(self.intercept + sum(self.weights[name] * values[name] for name in FEATURES))

    def decide(self, evidence: Evidence) -> Decision:
        if evidence.values["terms"] and not evidence.values["coverage"]:
            # Not one word of the question in any passage: whatever else is close, nothing can
            # answer it. (No dev question comes to this, so the fitted weights cannot say so;
            # a named period lifts the odds enough to quote the period's unrelated stories.)
            return Decision(True, 0.0, explain(evidence))
        p = self.probability(evidence)
        if p < self.threshold:
            # The archive's thin cover of the weeks before is the reason when, covered as usual,
            # the question would be answered: a quiz's question of April 2013 was said to be
            # declined for "causing", and asked without it, for the next plain word.
            covered = self._probability({**evidence.values, "period_coverage": 1.0})
            thin_decides = covered >= self.threshold
            if not (thin_decides and matched_in_full(evidence)):
                return Decision(True, p, explain(evidence, thin_decides))
            p = covered
        # In a short question, with most of the rest unheld too: in a long one the rare word is
        # more often a way of putting it ("which type of aquatic denizen has been detected off New
        # York and New Jersey?" is about sharks, a dev question).
        short = evidence.values["terms"] <= SUBJECT_NOWHERE_TERMS
        if evidence.subject_nowhere and short and evidence.values["coverage"] <= SUBJECT_NOWHERE_COVERAGE:
            return Decision(True, p, f"no article mentions “{evidence.subject_nowhere}”")
        # Only where the archive covers the weeks before as usual: in a thin month (the corpus's
        # July and December) a real question's best passages are days apart too, for want of others.
        full = evidence.values["period_coverage"] >= FULL_COVERAGE
        if evidence.scattered is not None and full and p < self.scattered_threshold:
            first, last = (day.isoformat() for day in evidence.scattered)
            return Decision(True, p, f"the closest articles, published from {first} to {last}, report no one story")
        if evidence.places_unseen:
            # A country or state the question names that neither the passages nor their articles
            # write: the story happened elsewhere ("Kenya's parliament voted to abolish …?" found
            # Ghana's vote; "… floods in Tunisia" found Libya's). The weights cannot learn it: the
            # fitted made-up questions swap in names, not places.
            return Decision(True, p, not_mentioned(evidence.places_unseen[0]))
        if evidence.names_off_story:
            # A name the archive writes, but not one word of it does any article the passages
            # come from: a real name swapped into another story ("Prince Harry would become the
            # oldest elected president …" found Biden's). The fitted made-up names are written
            # nowhere, so the weights cannot learn it.
            return Decision(True, p, not_mentioned(evidence.names_off_story[0]))
        elsewhere = [name for name in evidence.names_unseen if name not in evidence.names_nowhere]
        if elsewhere:
            # A name the question writes, not a word of it in any passage, while the archive
            # writes it elsewhere: the passages tell the story of someone or something else.
            # (The fitted made-up names are written nowhere; a pair written nowhere may also be
            # two names run together, "All-Star Carmelo", which the weights judge.)
            return Decision(True, p, not_mentioned(elsewhere[0]))
        return Decision(False, p, None)

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> DeclineModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        weights = {k: float(v) for k, v in data["weights"].items()}
        threshold = float(data["threshold"])
        return cls(float(data["intercept"]), weights, threshold, float(data.get("scattered_threshold", threshold)))


# A best passage holding this share of the question's words, weighted by rarity, and lacking none
# rarer than MATCHED_LACKS, with every name and number found, is about what is asked (see
# matched_in_full).
MATCHED_RARE = 0.8
MATCHED_LACKS = 0.3


def matched_in_full(evidence: Evidence) -> bool:
    """The passages match the question itself, not only its period: the best one holds nearly all
    of its words (the rarest among them), and some passage its names and numbers. A thin month is
    then no reason to decline. The archive's old years are thin against its last two, and a quiz's
    "Who plays Lucious on Empire?" as of April 2016 was declined for it while its first passage
    answered; in 60 of 60 made-up questions a tester wrote, and in the dev questions' made-up ones
    of periods the archive barely holds, the passages lack rarer words (bench/README.md)."""
    values = evidence.values
    return (
        values["rare_coverage"] >= MATCHED_RARE
        and values["best_lacks_rarest"] <= MATCHED_LACKS
        and not values["names_apart"]
        and not values["numbers_missing"]
        and not values["unknown_terms"]
    )


def logistic(z: float) -> float:
    """A fitted logistic model's probability for its linear score (bounded, so exp cannot overflow)."""
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


@functools.cache
def default_model() -> DeclineModel:
    return DeclineModel.load()


def written_names(question: str, name_word: Callable[[str], bool] | None = None) -> list[str]:
    """Names whose words must be found together, as the question writes them.

    Two capitalised words in a row: "Where is Andrew Tate held?" -> ["Andrew Tate"]. Not a
    sentence's first word (capitalised anyway) unless `name_word` says it is one ("Janet
    Whitaker published…"), a day or month, an acronym ("NFL", which articles spell out as often),
    or across a possessive or punctuation. And a coined hyphenated name ("In-N-Out", see
    _coined), anywhere: its parts alone ("in", "out") are in every story."""
    question = question.strip()
    hyphenated = [m.group() for m in HYPHENATED.finditer(question) if _coined(m.group().split("-"))]
    return _two_word_names(question, name_word) + list(dict.fromkeys(hyphenated))


def _coined(parts: list[str]) -> bool:
    """A hyphenated name made up as one ("In-N-Out", "Jay-Z"): two or more capitalised parts, one a
    lone letter or three parts in all. Not two words joined ("Russia-Ukraine", "Coca-Cola"), which
    articles also write the other way round or apart."""
    capitalised = sum(part[:1].isupper() for part in parts)
    return capitalised >= 2 and (len(parts) >= 3 or any(len(part) == 1 for part in parts))


def writes_name(text: str, name: str, any_case: bool = False) -> bool:
    """The text writes the name: as the question does, or for a hyphenated one in any case and
    with a space or dash for a hyphen ("In-N-Out", "IN-N-OUT", "Coca Cola"). `any_case` for a
    question typed without capitals, whose names got the archive's capitals word by word: "nashville
    school" became "Nashville School", which articles write "Nashville school shooting"."""
    flags = re.IGNORECASE if any_case else 0
    # "Kylian Mbappe" is the "Kylian Mbappé" of the articles.
    text, name = without_accents(text), without_accents(name)
    first, _, rest = name.partition(" ")
    if rest and first.rstrip(".").lower() in TITLES:  # up to two names between: "Governor Patricia Lowell"
        between = r"(?:\s+[A-Z][\w.'’-]*){0,2}"
        title = "|".join(re.escape(form) for form in _title_forms(first))
        pattern = rf"(?<!\w)(?:{title}){between}\s+{_any_apostrophe(re.escape(rest))}(?!\w)"
        return re.search(pattern, text, flags) is not None
    if "-" not in name:
        # Words typed side by side may be written with a comma, dash or slash between them:
        # "Turkey Syria earthquake" is written "Turkey, Syria earthquake" and "Turkey-Syria".
        words = (_any_apostrophe(re.escape(word)) for word in name.split())
        pattern = r"(?:\s*[,/‐–—-]\s*|\s+)".join(words)
        return re.search(rf"(?<!\w){pattern}(?!\w)", text, flags) is not None
    pattern = r"[-‐–\s]".join(re.escape(part) for part in name.split("-"))
    return re.search(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE) is not None


# A name that is also a common word ("Fed", "Time", "Heat") is held only where it is written with
# its capital: "has fed speculation" is no report of the Fed's decision.
COMMON_WORD_ZIPF = 4.0


def writes_name_word(text: str, word: str) -> bool:
    """The text writes the question's capitalised word as writes_word does, and with its capital
    when the word in lower case is a common English word."""
    from wordfreq import zipf_frequency

    if zipf_frequency(word.lower(), "en") < COMMON_WORD_ZIPF:
        return writes_word(text, word)
    return any(
        match.group()[0].isupper() for match in _word_forms(without_accents(word)).finditer(without_accents(text))
    )


def _word_forms(word: str) -> re.Pattern[str]:
    """The word, its plural or its possessive, in any case ("Oscars" for "Oscar", "Biden’s")."""
    stem = word.lower().removesuffix("es") if word.lower().endswith("es") else word.lower().removesuffix("s")
    if not stem:  # "S": an empty stem would match anywhere
        return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    return re.compile(rf"(?<!\w)(?:{re.escape(word)}|{re.escape(stem)}(?:s|es)?)(?!\w)", re.IGNORECASE)


def writes_word(text: str, word: str) -> bool:
    """The text writes the word in any case, or its plural or possessive ("Oscars" for
    "Oscar", "Oscar" for "Oscars", "Biden’s"), not a longer word it starts ("Titanic" for "Titan")."""
    return _word_forms(without_accents(word)).search(without_accents(text)) is not None


def _words_in_one(name: str, passages: Iterable[Passage], keywords: bool = False) -> bool:
    """Names typed side by side as keywords: every word of the name is written in one passage,
    if not side by side, and its first word ends a name there. "Kiptum Chicago marathon time"
    names Kelvin Kiptum and Chicago, which the marathon's report writes apart; "no article
    mentions “Kiptum Chicago”" was a false reason (probe). A first name starts names ("Jake
    Sullivan", "Mahmoud Abbas"), so "Jake Abbas" stays a person no passage writes. `keywords`:
    the question had no capitals of its own (see bot/recase.py), so its pairs are words given
    capitals one by one, and a first word the passages write as a whole name ("in Mexico", "to
    Rennes") will do: a probe's "americans kidnapped mexico matamoros" was declined for
    "Mexico Matamoros"."""
    words = name.split()
    if len(words) < 2:
        return False
    texts = [f"{p.title}\n{p.text}" for p in passages]
    return any(all(writes_word(text, word) for word in words) for text in texts) and any(
        _ends_a_name(text, words[0]) or (keywords and _written_alone(text, words[0])) for text in texts
    )


def _written_alone(text: str, word: str) -> bool:
    """The text writes the word capitalised, and not before another capitalised word: a name of
    its own ("kidnapped in Mexico."), not a first name ("Jake Sullivan")."""
    pattern = rf"(?<![\w-]){re.escape(word)}\b(?!['’]?[\w-]|\s+[A-Z])"
    return re.search(pattern, text) is not None


def _ends_a_name(text: str, word: str) -> bool:
    """The text writes the word as the last of a name: after a capitalised word that is no stop
    word ("Kelvin Kiptum", not "The Kiptum", nor "Chicago. Kiptum"), and before none."""
    english = stopwords()
    pattern = rf"\b([A-Z][\w'’-]*)\s+{re.escape(word)}\b(?!['’]?\s*[A-Z])"
    return any(match.group(1).lower() not in english for match in re.finditer(pattern, text))


def passages_write(passages: Iterable[Passage], name: str, any_case: bool = False) -> bool:
    """Some passage, its title included, writes the name (see writes_name)."""
    return any(writes_name(f"{p.title}\n{p.text}", name, any_case) for p in passages)


def off_story_names(names: Sequence[str], question: str, texts: Sequence[str]) -> tuple[str, ...]:
    """The names not one word of which the texts write (as writes_name_word reads it: "Biden" of
    "President Joe Biden"; titles and stop words aside), nor its initials ("FTC" for "Federal
    Trade Commission", "U.S." for "United States"). A name of no other word ("The Who") is
    never one: there is nothing to look for. A name of common words only is written, too, where
    a text writes every one of them in any case: the story of Harry and Meghan's "near
    catastrophic car chase" tells of the "royal" couple and their "family", not the "Royal
    Family", while the Writers Guild's strike has "a party" of writers but no "republican"."""
    from wordfreq import zipf_frequency

    off = []
    for name in names:
        words = [
            w for w in re.findall(r"[^\W\d_]{2,}", name) if w.lower() not in TITLES and w.lower() not in stopwords()
        ]
        if not words:
            continue
        common = all(zipf_frequency(w.lower(), "en") >= COMMON_WORD_ZIPF for w in words)
        # Initials stand for a name of two words or more ("U.S." for "United States"), and only as
        # a whole: "S." of "U.S." is no "Starbucks", nor "G." of "B.I.G." a "Grammy" (a probe's).
        parts = name.split()
        dotted = re.compile(r"(?<![\w.])" + r"\.".join(re.escape(w[0]) for w in parts) + r"\.")
        # A people's adjective is written as its country: "Which French player …?" (a quiz's) of
        # "France's Victor Wembanyama".
        countries = [DEMONYMS[w.lower()] for w in words if w.lower() in DEMONYMS]
        if not any(
            any(writes_name_word(text, word) for word in words)
            or any(writes_name(text, country) for country in countries)
            or (common and all(writes_word(text, word) for word in words))
            or _initials_written(name, question, text)
            or (len(parts) > 1 and dotted.search(text))
            or _numbered_initials_written(name, text)
            for text in texts
        ):
            off.append(name)
    return tuple(off)


# A people or a language ("Californian", "Brits", "Japanese") is no name of one story: its
# articles write the place instead. The endings catch some names too ("Erdogan", "Djokovic",
# "Artemis"), which the decline model then judges as before: a narrower list (`DEMONYMS` and a few
# endings) declined a held-out search-hit question for "Artemis" (NASA's Artemis II crew).
DEMONYM_ENDING = re.compile(r"(?:an|ans|ese|ish|ic|is|ts)$")


def rare_name_words(
    question: str, missing: Sequence[str], writes_as_name: Callable[[str], bool] | None = None
) -> list[str]:
    """The question's one-word names among `missing` (words no passage holds, as the question
    writes them): capitalised inside a sentence, of four letters or more, not an acronym ("FTC",
    which articles spell out), a title, a day or a people, and rare as English words, so that the
    capital marks a name ("Kauai", "Concord"), not an opener or a term ("Best Director"). A common
    word too when `writes_as_name` says the archive writes it as a name: "Chicago" and "Apple" are
    common English words, and a probe's "first female mayor of Chicago" was answered with
    Philadelphia's."""
    from wordfreq import zipf_frequency

    starts = {start for start, _ in sentence_spans(question)}
    capitalised = list(CAPITALISED.finditer(question))
    inside = {_bare(m) for m in capitalised if m.start() not in starts}
    # A common word capitalised beside another is a part of a longer name, which the two-word
    # checks judge: "North" of "North Carolina", which its story writes "N.C.". A sentence's
    # opening plain word is no neighbour ("Did Apple …", "Is Chicago's mayor …"; "AMC Theaters" is).
    neighbours = [m for m in capitalised if m.start() not in starts or m.group().lower() not in stopwords()]
    beside = {
        _bare(m)
        for before, after in itertools.pairwise(neighbours)
        if question[before.end() : after.start()].isspace() and not before.group().endswith(("'s", "’s"))
        for m in (before, after)
    }
    # A place written too many ways to look for ("America" for the United States), as places_named.
    alone = inside - beside - WRITTEN_OTHERWISE
    return [
        word
        for word in missing
        if word in inside
        and len(word) >= 4
        and not word.isupper()
        and word.lower() not in TITLES
        and word.lower() not in DAYS_AND_MONTHS
        and not DEMONYM_ENDING.search(word.lower())
        and (
            zipf_frequency(word.lower(), "en") < COMMON_WORD_ZIPF
            or (writes_as_name is not None and word in alone and writes_as_name(word))
        )
    ]


def _bare(match: re.Match[str]) -> str:
    """A capitalised word without its possessive or trailing marks ("Concord's" is Concord)."""
    return match.group().rstrip(".'’-").removesuffix("'s").removesuffix("’s")


def _any_apostrophe(pattern: str) -> str:
    """Either apostrophe for either: a phone types "O’Connell" where an article has "O'Connell"."""
    return re.sub("['’]", "['’]", pattern)


# A title before a surname may have the first name between them: "Governor Lowell" is written
# "Governor Patricia Lowell" (see writes_name).
_TITLE_WORDS = (
    "governor gov president mayor senator sen representative rep judge justice general gen secretary "
    "minister chancellor king queen prince princess pope coach chief sheriff detective captain capt "
    "professor prof dr mr mrs ms sir dame lord lady commissioner councilman councilwoman councillor"
)
TITLES = frozenset(_TITLE_WORDS.split())
# A title as news writes it short: "Governor Green" is "Gov. Josh Green" in the articles.
SHORT_TITLES = {
    "governor": "Gov.",
    "senator": "Sen.",
    "representative": "Rep.",
    "general": "Gen.",
    "captain": "Capt.",
    "professor": "Prof.",
    "lieutenant": "Lt.",
    "sergeant": "Sgt.",
    "president": "Pres.",
}


def title_variants(name: str) -> list[str]:
    """The name with its title written the other way ("Governor Green" → "Gov. Green", "Gov Green")."""
    first, _, rest = name.partition(" ")
    return [f"{form} {rest}" for form in _title_forms(first)[1:]] if rest else []


def _title_forms(title: str) -> list[str]:
    """The title as typed, and its long or short form ("Governor" and "Gov.", "Gov" and "Governor")."""
    bare = title.rstrip(".").lower()
    forms = [title]
    for long, short in SHORT_TITLES.items():
        if bare in (long, short.rstrip(".").lower()):
            forms += [long.capitalize(), short, short.rstrip(".")]
    return list(dict.fromkeys(forms))


def _two_word_names(question: str, name_word: Callable[[str], bool] | None = None) -> list[str]:
    starts = {start for start, _ in sentence_spans(question)}
    # A sentence's first word is capitalised anyway, and no list of common words can tell a name
    # ("Caldwell Brantley dropped out…") from an opener ("Summarize Biden's speech", "Whats"):
    # only `name_word` (how the archive writes the word) can.
    words = [
        (m.start(), m.end(), m.group())
        for m in CAPITALISED.finditer(question)
        if (m.start() not in starts or (name_word is not None and name_word(m.group())))
        and m.group().rstrip(".").lower() not in DAYS_AND_MONTHS
        and not m.group().isupper()
    ]
    pairs = []
    for index, ((_, _, first), (_, _, second)) in enumerate(itertools.pairwise(words)):
        if not _joined(question, words[index], words[index + 1]):
            continue
        if _title_inside_a_name(question, words, index):
            continue
        # A word hyphened on ends the name: "West Nile-infected mosquitoes" names "West Nile",
        # which the article writes "West Nile virus-infected" (a quiz's was declined for
        # "West Nile-infected"), and "Saudi-backed LIV Golf" names no "Saudi-backed LIV".
        if HYPHENED_ON.search(first):
            continue
        second = HYPHENED_ON.sub("", second)
        # A possessive, or a closing quote ("the 'Harwell Amendment' ballot"), is no part of it.
        second = second.removesuffix("'s").removesuffix("’s").rstrip("'’")
        if second.endswith(".") and "." not in second[:-1]:  # the end of the sentence, not "U.S."
            second = second[:-1].rstrip("'’")
        pairs.append(f"{first} {second}")
    return pairs


def _title_inside_a_name(question: str, words: list[tuple[int, int, str]], index: int) -> bool:
    """The pair at `index` holds a title and the name runs on past it: "Los Angeles Mayor Eric
    Garcetti" names "Los Angeles" and "Eric Garcetti", not "Angeles Mayor" or "Mayor Eric", which
    no article writes (a dev question was declined for "Mayor Eric"). A title with only a surname
    ("Governor Green", "Hawaii Governor Green") is the name as the question gives it."""
    first, second = (word.rstrip(".").lower() in TITLES for _, _, word in words[index : index + 2])
    if second:
        return True  # "Angeles Mayor", "Hawaii Governor": a place and a title
    after = index + 2 < len(words) and _joined(question, words[index + 1], words[index + 2])
    return first and after  # "Mayor Eric" of "Mayor Eric Garcetti"; "Hawaii Governor Green" keeps "Governor Green"


def _joined(question: str, first: tuple[int, int, str], second: tuple[int, int, str]) -> bool:
    """Two capitalised words are of one name: a space between them, and no possessive or
    punctuation ending the first ("Florida’s King Charles" is a place and a man)."""
    word = first[2]
    return question[first[1] : second[0]] == " " and word[-1] not in ".,’'" and not word.endswith(("'s", "’s"))


# Capitalised words in a row ("The Federal Trade Commission"), for their initials.
CAPITALISED_RUN = re.compile(r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)+")
# Initials of fewer letters are everywhere in news ("AP", "US", "TV") and name nothing in particular;
# of more, no news writes ("FTC", "NAACP"). Bounded, a run of a hundred capitalised words is no
# million spans to look for (a Discord probe's "qwzx" typed 190 times had taken six minutes).
MIN_INITIALS = 3
MAX_INITIALS = 6


def _initials_written(name: str, question: str, text: str) -> bool:
    """The text writes the name by its initials: "FTC" for the question's "Federal Trade
    Commission", of which the name is a part ("Federal Trade")."""
    parts = name.split()
    looked_for: set[str] = set()
    for run in CAPITALISED_RUN.findall(question):
        words = run.split()
        for first in range(len(words)):
            for last in range(first + MIN_INITIALS, min(len(words), first + MAX_INITIALS) + 1):
                span = words[first:last]
                holds_name = any(span[i : i + len(parts)] == parts for i in range(len(span) - len(parts) + 1))
                initials = "".join(word[0] for word in span)
                if not holds_name or initials in looked_for:
                    continue
                looked_for.add(initials)
                if re.search(rf"\b{re.escape(initials)}\b", text):
                    return True
    return False


# A name's number word as news abbreviates it: "Formula One" is "F1", "Air Force One" "AF1".
DIGITS = {word: str(value) for word, value in NUMBER_WORD_VALUES.items() if 1 <= value <= 8}


def _numbered_initials_written(name: str, text: str) -> bool:
    """The text writes a name holding a number word by its initials and that number: "F1" for
    "Formula One" (a probe's Verstappen question was declined, its Monza article writing only "F1")."""
    words = name.split()
    if len(words) < 2 or not any(word.lower() in DIGITS for word in words):
        return False
    initials = "".join(DIGITS.get(word.lower(), word[0]) for word in words)
    return re.search(rf"\b{re.escape(initials)}\b", text, re.IGNORECASE) is not None  # "f1" of an address


def _names(question: str, unknown: set[str]) -> tuple[str, ...]:
    """The unknown words as the question writes them, neighbours joined: ("Super Bowl",)."""
    names: list[list[str]] = []
    previous = False
    for word in re.findall(r"[^\W_]+", question):
        if word in unknown:
            if previous:
                names[-1].append(word)
            else:
                names.append([word])
        previous = word in unknown
    return tuple(" ".join(parts) for parts in names)


def _age(passage: Passage | None, as_of: date) -> float:
    """How old the best-matching passage is at as_of, 0 (that day) to 1 (ten years or more)."""
    if passage is None or passage.published is None:
        return 1.0
    days = max((as_of - passage.published).days, 0)
    return min(math.log1p(days) / math.log1p(3650), 1.0)


def not_mentioned(name: str) -> str:
    """Why a question is declined whose name some article writes, but no passage about the rest."""
    return f"the passages that match the rest of the question do not mention “{name}”"


def explain(evidence: Evidence, thin_decides: bool = False) -> str:
    """The plainest true reason: a name or word no article holds, then a missing number, then
    missing rare terms, then weak matches. A name the whole archive lacks says more than a number
    the passages found lack: "Why did Zentrix Motors lay off 4,000 workers?" had been declined for
    4,000, which hundreds of articles write (a probe). `thin_decides`: the thinly covered period
    is what declines it (see DeclineModel.decide), and is named before any word the passages lack."""
    if not evidence.values["passages"]:
        return "no article was published in the period searched"
    words = [term for term in evidence.unknown_terms if not any(ch.isdigit() for ch in term)]
    if words:
        return f"no article mentions “{words[0]}”"
    if evidence.names_nowhere:
        return f"no article mentions “{evidence.names_nowhere[0]}”"
    if evidence.missing_numbers:
        return f"no article found mentions {evidence.missing_numbers[0]}"
    if evidence.unknown_terms:
        return f"no article mentions “{evidence.unknown_terms[0]}”"
    if evidence.names_apart:  # some article writes it, but not one about the rest of the question
        return not_mentioned(evidence.names_apart[0])
    thin = evidence.thin_period
    if thin is not None and (thin.named or thin_decides):
        return _thin(thin)
    covered = evidence.values["coverage"] > 0
    if evidence.missing_terms and (not covered or evidence.values["rare_coverage"] < 0.75):
        shown = ", ".join(f"“{t}”" for t in evidence.missing_terms[:3])
        return f"no article found mentions {shown}" + (" with the rest of the question" if covered else "")
    if evidence.best_lacks:  # the word is in some passage, but not in the one holding the rest
        return f"the passage that matches the question best does not mention “{evidence.best_lacks[0]}”"
    if thin is not None:
        # The month before as_of, thinly covered, weighs against answering too: a probe's mix of
        # a few recent articles with older ones declined the README's own example, said to be
        # "only loosely related" while its passages held every word of the question.
        return _thin(thin)
    return "the closest articles are only loosely related to the question"


def _thin(thin: Coverage) -> str:
    first, last = thin.first.isoformat(), thin.last.isoformat()
    if not thin.chunks:
        return f"the archive holds no article from {first} to {last}"
    share = f"{thin.share:.0%}" if thin.share >= 0.01 else "under 1%"
    return f"the archive holds few articles from {first} to {last} ({share} of its usual number)"
