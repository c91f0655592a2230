"""Answers as plain text and JSON, for the CLI (Discord has its own renderer)."""

from __future__ import annotations

from typing import Any

from bot.citations import citation_as_json, sources_block
from newsdesk.models import Answer


def answer_as_text(answer: Answer) -> str:
    parts = [answer.text]
    if answer.notice:
        parts.append(f"Note: {answer.notice}")
    if answer.citations:
        parts.append("Sources:\n" + sources_block(answer.citations))
    parts.append(f"Searched: {answer.date_range_label}")
    return "\n\n".join(parts)


def answer_as_json(answer: Answer) -> dict[str, Any]:
    return {
        "answer": answer.text,
        "abstained": answer.abstained,
        "declined_because": answer.declined_because,
        "date_range": [d.isoformat() for d in answer.date_range] if answer.date_range else None,
        "searched": answer.date_range_label,
        "as_of": answer.as_of.isoformat() if answer.as_of else None,
        "notice": answer.notice,
        "mode": answer.mode,
        "citations": [citation_as_json(c) for c in answer.citations],
        "passages": [
            {
                "article_id": p.article_id,
                "published": p.published.isoformat() if p.published else None,
                "score": round(p.score, 4),
                "text": p.text,
            }
            for p in answer.passages
        ],
    }
