"""Split articles into sentence-aligned chunks sized for the embedding model."""

from __future__ import annotations

from collections.abc import Callable

from llama_index.core.node_parser import SentenceSplitter
from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

from ingest.store import day_number
from newsdesk.models import Article

# Metadata that is stored with each chunk but not embedded: only the title joins the text.
NOT_EMBEDDED = [
    "article_id",
    "source",
    "url",
    "published",
    "published_day",
    "position",
    "chunk_count",
    "content_hash",
    "authors",
]


def make_splitter(chunk_size: int, chunk_overlap: int, tokenizer: Callable[[str], list[int]]) -> SentenceSplitter:
    """A sentence splitter that counts in the embedding model's own word pieces, so no
    chunk (plus its title) runs past the 256 pieces all-MiniLM-L6-v2 reads."""
    return SentenceSplitter(chunk_size=chunk_size, chunk_overlap=chunk_overlap, tokenizer=tokenizer)


def chunk_article(article: Article, content_hash: str, splitter: SentenceSplitter) -> list[TextNode]:
    """The article's chunks as nodes carrying the flat metadata Chroma stores."""
    pieces = [piece for piece in splitter.split_text(article.text) if piece.strip()]
    nodes = []
    for position, piece in enumerate(pieces):
        node = TextNode(
            id_=f"{article.id}:{content_hash}:{position}",
            text=piece,
            metadata={
                "article_id": article.id,
                "title": article.title,
                "source": article.source or "",
                "url": article.url or "",
                "published": article.published.isoformat() if article.published else "",
                "published_day": day_number(article.published),
                "position": position,
                "chunk_count": len(pieces),
                "content_hash": content_hash,
                "authors": ", ".join(article.authors),
            },
            excluded_embed_metadata_keys=list(NOT_EMBEDDED),
            excluded_llm_metadata_keys=list(NOT_EMBEDDED),
        )
        node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(node_id=article.id)
        nodes.append(node)
    return nodes
