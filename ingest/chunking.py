"""Split articles into sentence-aligned chunks sized for the embedding model."""

from __future__ import annotations

from collections.abc import Callable

from llama_index.core.node_parser import SentenceSplitter
from llama_index.core.schema import MetadataMode, NodeRelationship, RelatedNodeInfo, TextNode

from ingest.store import day_number
from newsdesk.models import Article
from newsdesk.providers import EMBEDDING_MAX_TOKENS

# The model's [CLS] and [SEP] pieces take two of its places.
SPECIAL_TOKENS = 2

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
    size = min(chunk_size, EMBEDDING_MAX_TOKENS - SPECIAL_TOKENS)
    return SentenceSplitter(chunk_size=size, chunk_overlap=min(chunk_overlap, size // 2), tokenizer=tokenizer)


def chunk_article(article: Article, content_hash: str, splitter: SentenceSplitter) -> list[TextNode]:
    """The article's chunks as nodes carrying the flat metadata Chroma stores.

    The title is embedded with every chunk, so the chunks are sized to leave room for it;
    a title too long for that (over half a chunk) is stored but not embedded."""
    not_embedded = list(NOT_EMBEDDED)
    header = TextNode(
        text="", metadata={"title": article.title}, excluded_embed_metadata_keys=not_embedded
    ).get_metadata_str(MetadataMode.EMBED)
    room = splitter.chunk_size - len(splitter._tokenizer(header))
    if room < splitter.chunk_size // 2:
        not_embedded.append("title")
        pieces = splitter.split_text(article.text)
    else:
        # What split_text_metadata_aware does, minus its print() to stdout (it would corrupt --json).
        pieces = splitter._split_text(article.text, chunk_size=room)
    pieces = [piece for piece in pieces if piece.strip()]
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
            excluded_embed_metadata_keys=list(not_embedded),
            excluded_llm_metadata_keys=list(NOT_EMBEDDED),
        )
        node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(node_id=article.id)
        nodes.append(node)
    return nodes
