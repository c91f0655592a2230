"""How many word trigrams each pair of passages shares, for near-duplicate detection.

A search compares about a hundred candidates, and splitting each into words with a regular
expression and hashing its trigrams one by one in Python had cost more than the rest of the
search. Here every passage of a search is split and hashed at once with numpy: words are runs of
the characters `\\w` matches (the same words as `re.findall(r"\\w+", text.lower())`), each word
and trigram a 64-bit hash, and the counts of shared trigrams come from one sort of the
(trigram, text) pairs and a product over the trigrams two texts share.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

import numpy as np
from scipy import sparse

# Stands for "İ" inside a word: lower-cased, the dotted capital I becomes two characters
# ("i̇stanbul"), the second of them no word character, and "İstanbul" would split in two. It is in
# the Private Use Area, and where a text holds it, it is read as the non-word character it is.
DOTTED_CAPITAL_I = "\ue130"
# Words this long are hashed by Python: a rolling hash modulo 2**64 is the same for some long
# strings of two letters (Thue-Morse ones of 1,024), a review found.
LONG_WORD = 256
# Odd multipliers (so each has an inverse modulo 2**64) for the words' rolling hash.
WORD_BASE = np.uint64(0x100000001B3)
MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
MIX_2 = np.uint64(0x94D049BB133111EB)


# Texts times trigrams in two texts or more, up to which their product is taken dense (16 MB),
# and texts up to which it is: the dense product's work grows with the square of the texts, and
# for thousands (a large dense_k) the sparse one is quicker.
DENSE_CELLS = 1 << 22
DENSE_TEXTS = 512
BASIC_PLANE = 0x10000
WORD = re.compile(r"\w+")


@cache
def _basic_word_characters() -> np.ndarray:
    """For every code point of the Basic Multilingual Plane, whether `\\w` matches it."""
    table = np.zeros(BASIC_PLANE, dtype=bool)
    for match in WORD.finditer("".join(map(chr, range(BASIC_PLANE)))):
        table[match.start() : match.end()] = True
    table[ord(DOTTED_CAPITAL_I)] = True
    return table


def _word_characters(points: np.ndarray) -> np.ndarray:
    """Whether `\\w` matches each code point. Those past the Basic Plane (emoji, rarer scripts)
    are asked of once each: a table of every code point took a quarter second."""
    basic = points < BASIC_PLANE
    found = np.zeros(len(points), dtype=bool)
    found[basic] = _basic_word_characters()[points[basic]]
    if not basic.all():
        others, where = np.unique(points[~basic], return_inverse=True)
        matched = np.array([WORD.fullmatch(chr(point)) is not None for point in others.tolist()], dtype=bool)
        found[~basic] = matched[where.ravel()]
    return found


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every input bit moves every output bit, so sums of hashes don't
    collide the way sums of code points would."""
    values = values ^ (values >> np.uint64(30))
    values = values * MIX_1
    values = values ^ (values >> np.uint64(27))
    values = values * MIX_2
    return values ^ (values >> np.uint64(31))


def _lowered(text: str) -> str:
    """The text lower-cased as the words `\\w+` finds in it would be, one by one, with the same
    length: "İ" lower-cases to "i" and a combining dot, written DOTTED_CAPITAL_I here."""
    text = text.replace(DOTTED_CAPITAL_I, " ")
    if "\u0130" not in text:
        return text.lower()
    # Each word on its own, as before: the whole text lower-cased reads a Greek final sigma
    # beside an apostrophe otherwise.
    return WORD.sub(lambda word: word.group().lower().replace("i\u0307", DOTTED_CAPITAL_I), text)


def _powers(base: int, count: int) -> np.ndarray:
    """base**0 … base**(count - 1), modulo 2**64."""
    return np.concatenate(([np.uint64(1)], np.cumprod(np.full(count - 1, base, dtype=np.uint64))))


# One table of powers a base, grown in powers of two and kept up to a million. A cache keyed by
# (base, size) had held four tables for two bases and searches of several sizes: it made two
# tables afresh in one search in three.
KEPT_POWERS = 1 << 20
_power_tables: dict[int, np.ndarray] = {}


def _first_powers(base: int, count: int) -> np.ndarray:
    table = _power_tables.get(base)
    if table is None or len(table) < count:
        table = _powers(base, max(1024, 1 << (count - 1).bit_length()))
        if len(table) <= KEPT_POWERS:
            _power_tables[base] = table
    return table[:count]


def trigram_counts(texts: Sequence[str]) -> np.ndarray:
    """For each pair of texts, how many distinct word trigrams they share: a square matrix whose
    diagonal is each text's own count."""
    if not texts:
        return np.zeros((0, 0), dtype=np.int64)
    lowered = [_lowered(text) for text in texts]
    # One line break after each text: no word runs from one text into the next.
    joined = "\n".join(lowered)
    points = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    ends_of_texts = np.cumsum([len(text) + 1 for text in lowered])
    in_word = _word_characters(points)
    starts = np.flatnonzero(in_word & ~np.concatenate(([False], in_word[:-1])))
    ends = np.flatnonzero(in_word & ~np.concatenate((in_word[1:], [False]))) + 1
    with np.errstate(over="ignore"):
        # A rolling hash of every prefix; a word's hash is its span's part, moved to start at 0.
        spread = points.astype(np.uint64) * _first_powers(int(WORD_BASE), len(points))
        prefix = np.concatenate(([np.uint64(0)], np.cumsum(spread, dtype=np.uint64)))
        back = _first_powers(pow(int(WORD_BASE), -1, 2**64), len(points))
        words = _mix((prefix[ends] - prefix[starts]) * back[starts] + (ends - starts).astype(np.uint64))
        long_words = np.flatnonzero(ends - starts >= LONG_WORD)
        if len(long_words):
            words[long_words] = [hash(joined[starts[i] : ends[i]]) % 2**64 for i in long_words.tolist()]
        owner = np.searchsorted(ends_of_texts, starts, side="right")
        within = owner[:-2] == owner[2:]  # the three words are of one text
        trigrams = _mix(_mix(words[:-2] + words[1:-1] * MIX_1) + words[2:] * MIX_2)[within]
    return _pair_counts(trigrams, owner[:-2][within], len(texts))


def _pair_counts(trigrams: np.ndarray, owners: np.ndarray, count: int) -> np.ndarray:
    """From each trigram's hash and the text it is in, the shared counts of every pair of texts.
    One sort of (hash, text) keys finds each text's distinct trigrams; only those in two texts or
    more go into the product (a sparse matrix of all of them had cost half the search)."""
    shift = np.uint64(max(count - 1, 1).bit_length())
    # The hash's low bits give way to the text's number: 64 - shift bits of hash are left.
    keys = np.sort((trigrams >> shift << shift) | owners.astype(np.uint64))
    if len(keys):
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]  # a text's trigram once
    texts_of = (keys & ((np.uint64(1) << shift) - np.uint64(1))).astype(np.int64)
    shared = np.zeros((count, count), dtype=np.int64)
    hashes = keys >> shift
    starts_group = np.concatenate(([True], hashes[1:] != hashes[:-1])) if len(hashes) else np.zeros(0, bool)
    group = np.cumsum(starts_group) - 1
    in_several = (np.bincount(group) > 1)[group] if len(group) else starts_group
    if in_several.any():
        columns = np.unique(group[in_several], return_inverse=True)[1].ravel()
        shape = (count, int(columns.max()) + 1)
        if shape[0] <= DENSE_TEXTS and shape[0] * shape[1] <= DENSE_CELLS:
            matrix = np.zeros(shape, dtype=np.float32)
            matrix[texts_of[in_several], columns] = 1.0
            shared = np.rint(matrix @ matrix.T).astype(np.int64)
        else:
            ones = np.ones(len(columns), dtype=np.int64)
            sparse_matrix = sparse.csr_matrix((ones, (texts_of[in_several], columns)), shape=shape)
            shared = (sparse_matrix @ sparse_matrix.T).toarray()
    np.fill_diagonal(shared, np.bincount(texts_of, minlength=count))
    return shared
