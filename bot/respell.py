"""A word the articles hardly hold, read as they spell it ("Jim Boheim" -> "Jim Boeheim").

People type names from memory. A name misspelt by one letter is in no article, so the decline
checks said "no article mentions “Boheim”" while the closest article was the one about Jim Boeheim
retiring. Such a word is read as the word one edit away (a letter added, dropped, changed, or two
swapped) that the question's passages write, or else the archive's chunks a fuzzy search finds,
when the archive holds it far more often; and the answer says so. "Far more often", not "at
all": a large archive holds typos too ("Presidnet", 8 chunks of 94,000, against "President" in
20,000). bot/answer.py searches again with the spelling and keeps it only when the passages write it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence

from rapidfuzz.distance import DamerauLevenshtein
from wordfreq import zipf_frequency

from newsdesk.models import Passage
from newsdesk.text import other_spellings, without_accents

# A word of letters, also before "'s" or a closing quote, or inside "Wyoming-based"; a number
# or a code ("F-35", "3M") is no misspelling to guess at.
LETTERS = re.compile(r"(?<![\w'’])[^\W\d_]+(?=['’]s\b|['’](?!\w)|[^\w'’]|$)")
# Two capitalised words in a row; the lookahead lets "Tina Turner Show" give both pairs.
NAME_PAIR = re.compile(r"(?<![\w'’])([A-Z][^\W\d_]+) (?=([A-Z][^\W\d_]+)(?![\w'’-]))")
# Shorter words are a letter away from too many others ("Bidn" from "Bid", "Bide", "Biden").
MIN_LETTERS = 5
# Each of two words typed as one ("superbowl"): "the", "of" and such are stop words anyway.
MIN_PART_LETTERS = 3
# Next to a name's other word as written, a four-letter one is no guess: "Jon Rham" is the "Jon
# Rahm" of the passages.
MIN_PAIR_LETTERS = 4
# A typo is a word English hardly uses ("macorn" 0, "halley" 2.7): a rarer real word is left
# alone ("stale" 3.4, "batsman" 3.4), even where a passage writes "state" or "Batman".
TYPO_ZIPF = 3.0
# A long word may be two edits off ("Netanyahoo"): among words this long a second edit seldom
# lands on another real one.
TWO_EDITS_LETTERS = 9
# Places renamed, or named otherwise at home: typed one way, written the other ("Türkiye" is
# "Turkey" in most American news; "Kiev" is "Kyiv" since 2022). Keyed in lower case, accents off.
OTHER_NAMES = {
    "turkiye": ("Turkey",),
    "turkey": ("Türkiye", "Turkiye"),
    "kiev": ("Kyiv",),
    "kyiv": ("Kiev",),
    "burma": ("Myanmar",),
    "myanmar": ("Burma",),
    "swaziland": ("Eswatini",),
    "eswatini": ("Swaziland",),
}
# Words cut short in casual typing, and what the news writes in full. Only these: "sub" is a
# word of its own too (a sandwich, a substitute), so it is read in full only where the passages
# write it so more than as typed (see _written_in_full).
CLIPPED = {
    "sub": ("submersible", "submarine"),
    "subs": ("submarines", "submersibles"),
    "govt": ("government",),
    "prez": ("president",),
    "admin": ("administration",),
    "dems": ("democrats",),
    "repubs": ("republicans",),
    "econ": ("economy",),
    "vax": ("vaccine", "vaccines", "vaccination"),
    "intl": ("international",),
    "natl": ("national",),
    "temps": ("temperatures",),
}
# A typo is rare: the typed word is in at most this many chunks ...
RARE_CHUNKS = 10
# ... and the word it is read as is in this many times more (any, when the typed one is in none).
MORE_OFTEN = 20


def archive_spellings(
    question: str,
    passages: Sequence[Passage],
    chunks_holding: Callable[[str], int | None],
    elsewhere: Callable[[str], Sequence[Passage]] = lambda word: (),
    same_term: Callable[[str, str], bool] = lambda a, b: a.lower() == b.lower(),
    written_anywhere: Callable[[str], bool] = lambda name: False,
) -> dict[str, str]:
    """Each rare word of the question that is no plain English word and that no passage writes,
    mapped to the word one edit away (two for a long word), as written, or to a place's other name
    (OTHER_NAMES), that the passages write (or else the chunks
    `elsewhere` finds for it) and the archive holds MORE_OFTEN times more (`chunks_holding`: the
    chunks holding a word, None for a stop word). The passages come first: a misspelt name that is
    not the question's only subject still finds its story. The first letter must agree: a typo
    seldom changes it, and "Boheim" is not "Coheim"; and a capitalised word is read as a name,
    never as a plain word ("Polonius" is not "polonium"). Then a name's word that is a word in
    its own right (see _pair_spellings; `same_term`: two words the keyword index reads as one).
    A word is no typo when, with the word before or after it, it makes a name some article writes
    (`written_anywhere`): "Therese Coffey" is not "Therese Coffee", "North America" not "North
    American"."""
    typed = LETTERS.findall(question)
    beside = {
        word: [f"{a} {b}" for a, b in itertools.pairwise(typed) if word in (a, b)] for word in dict.fromkeys(typed)
    }
    written = _words(passages)
    lowered = {w.lower() for w in written}
    # Each written word by its letters without accents, read once for all the question's words:
    # only those with letters beyond ASCII, since a word the passages write as typed is passed over.
    plain: dict[str, list[str]] = {}
    for w in written:
        if not w.isascii():
            plain.setdefault(without_accents(w).lower(), []).append(w)
    spellings: dict[str, str] = {}
    for word in beside:
        # A word cut short ("titan sub"): a probe's "who was on board the titan sub" was declined,
        # the passage that matched it best writing "submersible", never "sub".
        whole = _written_in_full(word, question, passages)
        if whole:
            spellings[word] = whole
            continue
        if word.lower() in lowered:
            continue
        if any(word.lower() == seen.lower() for seen in spellings):  # "Blinkin … blinkin": one reading
            continue
        # Spelt the other side of the Atlantic ("Organisation"): no typo, but the passages
        # write it "Organization", and the keyword index reads the two as different words.
        # A name typed without its accents ("Jose Nunez" for "José Núñez"): the keyword index keeps
        # them. Typed in lower case, not a word English uses ("resume" is no misspelt "résumé").
        accented = [
            w
            for w in plain.get(word.lower(), ())
            if w.lower() != word.lower() and (word[0].isupper() or zipf_frequency(word, "en") < TYPO_ZIPF)
        ]
        variant = _as_written([*other_spellings(word), *other_names(word), *accented], written, word[0].isupper())
        if variant:
            spellings[word] = variant
            continue
        if len(word) < MIN_LETTERS:
            continue
        held = chunks_holding(word)
        if held is None or held > RARE_CHUNKS or any(map(written_anywhere, beside[word])):
            continue
        # Two words typed as one ("superbowl", common enough in English to pass for a word).
        joined = _run_together(word, held, chunks_holding, written_anywhere)
        if joined:
            spellings[word] = joined
            continue
        if zipf_frequency(word, "en") >= TYPO_ZIPF:
            continue
        # "macorn" as the question's one subject finds no story about Macron: the keyword index's
        # terms one edit away do.
        form = _likeliest(word, held, written, chunks_holding) or _likeliest(
            word, held, _words(elsewhere(word)), chunks_holding
        )
        if form:
            spellings[word] = form
    return spellings | _pair_spellings(question, passages, spellings, same_term, written_anywhere)


def _run_together(
    word: str, held: int, chunks_holding: Callable[[str], int | None], written_anywhere: Callable[[str], bool]
) -> str | None:
    """Two words typed as one ("superbowl"): split where both halves are words the archive holds
    MORE_OFTEN times more than the typed one, and some article writes the two side by side. A
    probe's "who won the superbowl" was declined: "no article found mentions “Superbowl”"."""
    lower = word.lower()
    splits = []
    for cut in range(MIN_PART_LETTERS, len(lower) - MIN_PART_LETTERS + 1):
        first, second = lower[:cut], lower[cut:]
        counts = [chunks_holding(first), chunks_holding(second)]
        if None not in counts and min(c or 0 for c in counts) >= MORE_OFTEN * max(held, 1):
            splits.append((min(c or 0 for c in counts), first, second))
    # Looked for only now, and for the likeliest two: the archive search is the dear part.
    for _, first, second in sorted(splits, reverse=True)[:2]:
        if written_anywhere(f"{first} {second}"):
            return f"{first.capitalize()} {second.capitalize()}" if word[0].isupper() else f"{first} {second}"
    return None


def edits_allowed(word: str) -> int:
    """How many edits a typo of this word may be away from the word meant."""
    return 2 if len(word) >= TWO_EDITS_LETTERS else 1


def _edits(word: str, form: str) -> int:
    """Edits allowed between a typed word and a written one: two only to a long name, since a
    plain word two edits off is mostly another form of it ("mitochondrion", "mitochondrial")."""
    return edits_allowed(word) if form[0].isupper() else 1


def other_names(word: str) -> tuple[str, ...]:
    """The place's other names (OTHER_NAMES), whatever the case and accents typed."""
    return OTHER_NAMES.get(without_accents(word.lower()), ())


def _pair_spellings(
    question: str,
    passages: Sequence[Passage],
    found: Mapping[str, str],
    same_term: Callable[[str, str], bool],
    written_anywhere: Callable[[str], bool],
) -> dict[str, str]:
    """A name's word that is a word in its own right ("Aaron Rogers", "Tina Tuner"): read as the
    passages write the name, when they write its other word next to one a single edit away and
    never the two as typed. The other word, written the same, is the context a lone word lacks."""
    written = _name_pairs(passages)
    lowered = {(a.lower(), b.lower()) for a, b in written}
    # The pairs by each of their words, lower-cased: a typed pair is read against those that
    # write one of its words (all of them, pair by pair, had cost a millisecond an answer).
    by_word: dict[str, list[int]] = {}
    for at, (a, b) in enumerate(written):
        by_word.setdefault(a.lower(), []).append(at)
        by_word.setdefault(b.lower(), []).append(at)  # "New New": twice, and read once (a set below)
    typed = LETTERS.findall(question)
    spellings: dict[str, str] = {}
    for first, second in itertools.pairwise(typed):
        done = {word.lower() for word in (*found, *spellings)}
        if (first.lower(), second.lower()) in lowered or first.lower() in done or second.lower() in done:
            continue
        read: dict[str, str] = {}  # the word read otherwise -> as the passages write it
        near = sorted({*by_word.get(first.lower(), ()), *by_word.get(second.lower(), ())})
        for a, b in (written[at] for at in near):
            for known, kept, other, form in ((first, a, second, b), (second, b, first, a)):
                if (
                    len(other) >= MIN_PAIR_LETTERS
                    and kept.lower() == known.lower()
                    and form[0].lower() == other[0].lower()
                    and DamerauLevenshtein.distance(form.lower(), other.lower(), score_cutoff=1) <= 1
                    # "Super Bowls" is "Super Bowl" to the search already: no misspelling to tell of.
                    and not same_term(form, other)
                ):
                    # Two spellings on offer ("Tina Tucker" and "Tina Turner" for "tina tuner"): the
                    # best-ranked passage's. It had been the last in a set's order, which changed
                    # with the process's hash seed.
                    read.setdefault(other, form)
        # Looked for only now: the archive search is the dear part.
        if read and not written_anywhere(f"{first} {second}"):
            spellings.update(read)
    return spellings


def _name_pairs(passages: Sequence[Passage]) -> list[tuple[str, str]]:
    """Two capitalised words in a row, as the passages write them ("Aaron Rodgers"), each once,
    in the order the passages (best first) write them."""
    pairs: dict[tuple[str, str], None] = {}
    for passage in passages:
        for match in NAME_PAIR.finditer(f"{passage.title}\n{passage.text}"):
            pairs.setdefault((match.group(1), match.group(2)))
    return list(pairs)


def _written_in_full(word: str, question: str, passages: Sequence[Passage]) -> str | None:
    """The word in full (CLIPPED) that more passages write than write it as typed, in lower case;
    None for any other word, or one typed as part of a longer one ("sub-Saharan")."""
    forms = CLIPPED.get(word) if word.islower() else None
    if not forms or re.search(rf"(?<![\w'’-]){word}-", question, re.IGNORECASE):
        return None
    texts = [f"{p.title}\n{p.text}".lower() for p in passages]

    def writing(form: str) -> int:
        return sum(re.search(rf"(?<![\w'’-]){form}(?![\w-])", text) is not None for text in texts)

    best = max(forms, key=writing)
    return best if writing(best) > writing(word) else None


def _words(passages: Sequence[Passage]) -> set[str]:
    return {w for p in passages for w in LETTERS.findall(f"{p.title}\n{p.text}") if len(w) >= MIN_LETTERS - 1}


def _as_written(forms: Sequence[str], written: set[str], capitalised: bool) -> str | None:
    """The first of the forms that the passages write, as they write it, in the typed word's case
    when they write it so; a capitalised word only as a name, as _likeliest reads it ("Centre
    Party" is not the "center" of a city)."""
    for form in forms:
        found = [w for w in written if w.lower() == form.lower() and (w[0].isupper() or not capitalised)]
        if found:
            # Not a headline's capitals ("TURKEY") where the text writes "Turkey".
            return min(found, key=lambda w: (w[0].isupper() != capitalised, w.isupper() and len(w) > 1, w))
    return None


def _likeliest(word: str, held: int, written: set[str], chunks_holding: Callable[[str], int | None]) -> str | None:
    """The written word one edit from `word` (two for a long name), with its first letter, that the
    archive holds MORE_OFTEN times more than `held`; the most held when several are."""
    close = [
        (chunks, form[0].isupper(), form)  # ties ("President", "president"): as a name, then any one the same
        for form in written
        if form[0].lower() == word[0].lower()
        and (form[0].isupper() or not word[0].isupper())
        and form.lower() != word.lower()
        and DamerauLevenshtein.distance(form.lower(), word.lower(), score_cutoff=(edits := _edits(word, form))) <= edits
        and (chunks := chunks_holding(form) or 0) >= MORE_OFTEN * held
    ]
    return max(close)[2] if close else None


def respell(text: str, spellings: Mapping[str, str]) -> str:
    """The text with each misspelt word replaced in whatever case it is typed, whole words only;
    in lower case where typed so, as a question typed without capitals must stay (its names are
    read from the archive, see bot/recase.py)."""
    for word, form in spellings.items():

        def as_typed(typed: re.Match[str], form: str = form) -> str:
            return form.lower() if typed.group().islower() else form

        text = re.sub(rf"(?<![\w'’]){re.escape(word)}(?![\w])", as_typed, text, flags=re.IGNORECASE)
    return text


def respelling_notice(spellings: Sequence[tuple[str, str]]) -> str | None:
    """What the answer says it read: "Read “Boheim” as “Boeheim”, as the articles write it."."""
    if not spellings:
        return None
    read = ", ".join(f"“{word}” as “{form}”" for word, form in spellings)
    return f"Read {read}, as the articles write it."


# A word English uses this often is a common one ("happened" 5.2, "won" 5.2): a typo one letter
# off it is that word, not a name.
COMMON_ZIPF = 5.0
ALPHABET = "abcdefghijklmnopqrstuvwxyz"
# No common word is longer, so no longer word is a typo of one; and a word's edits are 54 per
# letter to look up: a Discord probe's 999-letter "xxxx…" had taken ten seconds.
LONGEST_TYPO = 24


def casual_word(word: str) -> bool:
    """A lower-case word of casual typing rather than a name: a chat spelling or a lone letter
    (always_casual), or a typo of a common word: English hardly uses it, and it is a letter off one
    it uses a lot ("happend", "wom"). The caller asks the last only of words no article holds: "uaw"
    is a letter off "law". "titan sub what happend" had been declined as "no article mentions
    “Happend”", and "whats goin on w the uaw strke" as "no article found mentions “Goin”, “W”"."""
    if not word.isalpha() or not word.islower() or word in ("a", "i"):
        return False
    if always_casual(word):
        return True
    if zipf_frequency(word, "en") >= TYPO_ZIPF or len(word) > LONGEST_TYPO:
        return False
    return any(zipf_frequency(near, "en") >= COMMON_ZIPF for near in _one_edit(word))


# Chat spellings, casual whatever the archive holds: it quotes people saying "goin'" (10 chunks
# of 94,000), and "ppl" is a name's initials too.
# fmt: off
CHAT_SPELLINGS = frozenset({
    "goin", "doin", "nothin", "somethin", "gonna", "wanna", "gotta", "kinda", "sorta", "dunno", "ya",
    "yall", "ur", "b4", "bc", "cuz", "coz", "abt", "ppl", "pls", "plz", "thx", "tho", "tmrw", "rn",
    "idk", "tbh", "imo", "btw", "lol", "omg", "wat", "wut",
})
# fmt: on


def always_casual(word: str) -> bool:
    """A lone letter ("w" for "with", "u") or a chat spelling (CHAT_SPELLINGS): casual however many
    chunks hold it."""
    return len(word) == 1 or word in CHAT_SPELLINGS


def _one_edit(word: str) -> set[str]:
    """The words one edit away: a letter dropped, two swapped, one changed or one added."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    dropped = {a + b[1:] for a, b in splits if b}
    swapped = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    changed = {a + c + b[1:] for a, b in splits if b for c in ALPHABET}
    added = {a + c + b for a, b in splits for c in ALPHABET}
    return (dropped | swapped | changed | added) - {word}
