"""Discord's markup in text from a chat, which is no word of it."""

from __future__ import annotations

import re

# A user, role or channel (`<@1400000000000000003>`, `<@&13…>`, `<#12…>`) and custom emoji
# (`<:name:123…>`): an article pasted from a chat carries them, and so may a question.
CHAT_MARKUP = re.compile(r"<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>")
