"""Split articles into sentence-aligned chunks sized for the embedding model."""

from __future__ import annotations

import time
from collections.abc import Callable

from llama_index.core.bridge.pydantic import PrivateAttr
from llama_index.core.node_parser import SentenceSplitter
from llama_index.core.node_parser.text.sentence import _Split
from llama_index.core.schema import MetadataMode, NodeRelationship, RelatedNodeInfo, TextNode

import newsdesk.nltk_lean  # noqa: F401  # before the first split: llama-index then finds nltk loaded lean
from ingest.store import day_number
from newsdesk.errors import InputError
from newsdesk.models import Article
from newsdesk.providers import EMBEDDING_MAX_TOKENS

# The model's [CLS] and [SEP] pieces take two of its places.
SPECIAL_TOKENS = 2

# A text up to this long is split exactly as llama-index's SentenceSplitter splits it (every
# article of the RealTimeQA corpus is, so their chunks are unchanged). A longer one is first cut
# into blocks this long at a paragraph or line break: NLTK's punkt, which the splitter runs on a
# whole paragraph, takes up to 11 µs a character on dense punctuation and gives up with a
# TimeoutError after 5 s (about 450,000 such characters, or 20 MB of prose), so a block costs it
# at most about 1 s.
BLOCK_CHARS = 100_000
# Wall-clock budget for splitting one article, checked between blocks. Splitting is linear, at
# most about 15 µs a character, so this only stops an article far over the readers' size limit.
SPLIT_SECONDS = 60.0
# Pieces up to this long have their token counts remembered: a text of no spaces or punctuation
# falls back to one piece per character, and asking the tokenizer about each costs 25 µs.
CACHED_PIECE_CHARS = 16
CACHE_ENTRIES = 50_000

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


class ArticleRejected(InputError):
    """An article that cannot be chunked within its budget; the pipeline reports it and goes on."""


class BoundedSentenceSplitter(SentenceSplitter):
    """llama-index's SentenceSplitter in time and memory linear in the text, on any input.

    It splits a piece too large for a chunk by paragraphs, then sentences (punkt), then
    clauses, words and characters, and splits each part again from the start of that list,
    so a splitter that peels off a few characters at a time ('!!!…' under punkt) recursed
    once per few characters. Here a part is only split by the splitters after the one that
    made it, which is what happens on ordinary text anyway."""

    _size_cache: dict[str, int] = PrivateAttr(default_factory=dict)
    _max_seconds: float = PrivateAttr(default=SPLIT_SECONDS)

    def token_count(self, text: str) -> int:
        """How many of the embedding model's word pieces the text takes."""
        return len(self._tokenizer(text))

    def split_to_size(self, text: str, chunk_size: int) -> list[str]:
        """Chunks of at most chunk_size pieces: split_text_metadata_aware with the room left
        by the metadata given directly, and without its print() to stdout when that room is
        small (it would corrupt --json)."""
        return self._split_text(text, chunk_size=chunk_size)

    def _split_text(self, text: str, chunk_size: int) -> list[str]:
        if len(text) <= BLOCK_CHARS:
            return self._split_block(text, chunk_size)
        # Chunks do not cross a block border: one short chunk per block is the price.
        deadline = time.monotonic() + self._max_seconds
        chunks: list[str] = []
        done = 0
        for block in split_into_blocks(text, BLOCK_CHARS):
            chunks.extend(self._split_block(block, chunk_size))
            done += len(block)
            if done < len(text) and time.monotonic() > deadline:
                raise ArticleRejected(
                    f"article is too slow to split: {done:,} of {len(text):,} characters in {self._max_seconds:g} s"
                )
        return chunks

    def _split_block(self, text: str, chunk_size: int) -> list[str]:
        try:
            return super()._split_text(text, chunk_size)
        except TimeoutError:  # NLTK's regex guard: not expected within a block, but never a traceback
            raise ArticleRejected("article is too slow to split into sentences (NLTK's splitter gave up)") from None

    def _split(self, text: str, chunk_size: int) -> list[_Split]:
        return self._split_from(text, chunk_size, first=0)

    def _split_from(self, text: str, chunk_size: int, first: int) -> list[_Split]:
        """SentenceSplitter._split, trying only the splitters from `first` on."""
        token_size = self._token_size(text)
        if token_size <= chunk_size:
            return [_Split(text, is_sentence=True, token_size=token_size)]
        split_fns = [*self._split_fns, *self._sub_sentence_split_fns]
        used = first
        parts = [text]
        for used in range(first, len(split_fns)):
            parts = split_fns[used](text)
            if len(parts) > 1:
                break
        is_sentence = used < len(self._split_fns)
        if len(parts) <= 1:
            # Indivisible (a single character over the chunk size): _merge reports it.
            return [_Split(text, is_sentence=is_sentence, token_size=token_size)]
        splits = []
        for part in parts:
            part_size = self._token_size(part)
            if part_size <= chunk_size:
                splits.append(_Split(part, is_sentence=is_sentence, token_size=part_size))
            else:
                splits.extend(self._split_from(part, chunk_size, first=used + 1))
        return splits

    def _token_size(self, text: str) -> int:
        if len(text) > CACHED_PIECE_CHARS:
            return len(self._tokenizer(text))
        size = self._size_cache.get(text)
        if size is None:
            if len(self._size_cache) >= CACHE_ENTRIES:
                self._size_cache.clear()
            size = self._size_cache[text] = len(self._tokenizer(text))
        return size


def split_into_blocks(text: str, limit: int) -> list[str]:
    """`text` cut into pieces of at most `limit` characters, each ending at the last paragraph
    break, line break, sentence end or space of its second half (anywhere if it has none)."""
    blocks = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = end
        for separator in ("\n\n", "\n", ". ", " "):
            found = text.rfind(separator, start + limit // 2, end)
            if found >= 0:
                cut = found + len(separator)
                break
        blocks.append(text[start:cut])
        start = cut
    blocks.append(text[start:])
    return blocks


def make_splitter(
    chunk_size: int,
    chunk_overlap: int,
    tokenizer: Callable[[str], list[int]],
    max_seconds: float = SPLIT_SECONDS,
) -> BoundedSentenceSplitter:
    """A sentence splitter that counts in the embedding model's own word pieces, so no
    chunk (plus its title) runs past the 256 pieces all-MiniLM-L6-v2 reads."""
    size = min(chunk_size, EMBEDDING_MAX_TOKENS - SPECIAL_TOKENS)
    splitter = BoundedSentenceSplitter(
        chunk_size=size,
        chunk_overlap=min(chunk_overlap, size // 2),
        tokenizer=tokenizer,  # type: ignore[call-arg]  # a field of SentenceSplitter that mypy does not see
    )
    splitter._max_seconds = max_seconds
    return splitter


def chunk_article(article: Article, content_hash: str, splitter: BoundedSentenceSplitter) -> list[TextNode]:
    """The article's chunks as nodes carrying the flat metadata Chroma stores.

    The title is embedded with every chunk, so the chunks are sized to leave room for it;
    a title too long for that (over half a chunk) is stored but not embedded. Raises
    ArticleRejected for an article the splitter cannot split within its time budget."""
    not_embedded = list(NOT_EMBEDDED)
    header = TextNode(
        text="", metadata={"title": article.title}, excluded_embed_metadata_keys=not_embedded
    ).get_metadata_str(MetadataMode.EMBED)
    room = splitter.chunk_size - splitter.token_count(header)
    if room < splitter.chunk_size // 2:
        not_embedded.append("title")
        pieces = splitter.split_text(article.text)
    else:
        pieces = splitter.split_to_size(article.text, room)
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
