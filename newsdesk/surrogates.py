"""Text that cannot be encoded as UTF-8: lone surrogates, from undecodable bytes or JSON escapes.

A module of its own, with nothing heavy imported, because every command reads its arguments
through it: `newsdesk stats` should not load the sentence splitter to check a path.
"""

from __future__ import annotations

import re

# Python decodes a byte that is not UTF-8 in a command-line argument or a file name as a lone
# surrogate, and json.loads lets "\ud800" through: such a string cannot be encoded later on.
SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """The text with each byte that was not UTF-8 shown as "\ufffd", as a decoder replacing
    errors would: a question typed in a terminal of another encoding is still asked."""
    return SURROGATE.sub("\ufffd", text)
