"""Numbers written as words, shared by the citation check, answer types and time expressions."""

from __future__ import annotations

_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")  # fmt: skip
_TENS = ("thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

# The word and its value: "seven" 7, "forty" 40, "dozen" 12.
NUMBER_WORD_VALUES: dict[str, int] = (
    {word: value for value, word in enumerate(_UNITS)}
    | {word: 30 + 10 * i for i, word in enumerate(_TENS)}
    | {"hundred": 100, "thousand": 1000, "dozen": 12}
)
