"""Answers as plain text and JSON, for the CLI (Discord has its own renderer)."""

from __future__ import annotations

from typing import Any

from bot.citations import sources_block
from newsdesk.models import Answer
from newsdesk.serialise import to_json

# A passage in `newsdesk ask --json`: enough to see what the answer was drawn from (and
# "background": true for the one read from before the question's period).
PASSAGE_FIELDS = ("article_id", "published", "score", "text")


def answer_as_text(answer: Answer) -> str:
    """The answer, its notice, its sources and the range searched, as `newsdesk ask` prints them."""
    parts = [answer.text]
    if answer.notice:
        parts.append(f"Note: {answer.notice}")
    if answer.citations:
        parts.append("Sources:\n" + sources_block(answer.citations))
    parts.append(f"Searched: {answer.date_range_label}")
    return "\n\n".join(parts)


def answer_as_json(answer: Answer) -> dict[str, Any]:
    """The shape of `newsdesk ask --json` (README, "JSON output"); the CLI adds `latency_ms`."""
    data = to_json(answer)
    return {
        "answer": data["text"],
        "abstained": data["abstained"],
        "declined_because": data["declined_because"],
        "date_range": data["date_range"],
        "searched": data["date_range_label"],
        "as_of": data["as_of"],
        "notice": data["notice"],
        "mode": data["mode"],
        "citations": data["citations"],
        "passages": [
            {**{name: passage[name] for name in PASSAGE_FIELDS}, "background": passage["chunk_id"] == answer.background}
            for passage in data["passages"]
        ],
    }
