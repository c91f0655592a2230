"""Numbering sources, rendering them, and checking that quotes are verbatim."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from newsdesk.dates import iso_or_none
from newsdesk.models import Citation, Passage
from newsdesk.serialise import to_json
from newsdesk.text import collapse_whitespace


def describe_source(citation: Citation) -> str:
    """`Title — outlet, YYYY-MM-DD, url`, naming the article id when there is no outlet or url."""
    details = [part for part in (citation.source, iso_or_none(citation.published), citation.url) if part]
    if citation.also_in:
        details.append("also in " + ", ".join(citation.also_in))
    title = citation.title or citation.article_id
    if not citation.source and not citation.url and citation.title != citation.article_id:
        title = f"{title} (id {citation.article_id})"
    return f"{title} — {', '.join(details)}" if details else title


def sources_block(citations: Iterable[Citation]) -> str:
    """One `[n] source` line per citation."""
    return "\n".join(f"[{c.n}] {describe_source(c)}" for c in citations)


def quote_is_verbatim(quote: str, article_text: str) -> bool:
    """True when the quote occurs in the article text (white space folded)."""
    return collapse_whitespace(quote) in collapse_whitespace(article_text)


def citation_as_json(citation: Citation) -> dict[str, Any]:
    """The citation shape of `newsdesk ask --json`, `timeline --json` and the review log: every field."""
    return to_json(citation)


def cited_range(citations: Sequence[Citation]) -> str:
    """What an answer cites, for a source number it lacks: "cites [1] to [3]", "cites only [1]"
    (not "[1] to [1]", a probe's), "cites no source"."""
    if not citations:
        return "cites no source"
    first, last = citations[0].n, citations[-1].n
    return f"cites only [{first}]" if first == last else f"cites [{first}] to [{last}]"


def citation_for(n: int, passage: Passage, quote: str) -> Citation:
    """Citation number `n` of a passage's article, quoting `quote` (white space folded)."""
    return Citation(
        n=n,
        article_id=passage.article_id,
        title=passage.title,
        source=passage.source,
        url=passage.url,
        published=passage.published,
        quote=collapse_whitespace(quote),
        also_in=passage.also_in,
    )
