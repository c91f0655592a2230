"""Chunking: the same chunks as llama-index's SentenceSplitter on articles, in linear time on anything."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from llama_index.core.node_parser import SentenceSplitter
from llama_index.core.schema import MetadataMode, TextNode

from ingest.chunking import BLOCK_CHARS, ArticleRejected, chunk_article, make_splitter, split_into_blocks
from newsdesk.errors import InputError
from newsdesk.models import Article
from newsdesk.providers import embedding_tokenizer
from newsdesk.settings import Settings

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "data" / "sample"
SENTENCE = "The council approved the harbour plan on Tuesday after a long debate, officials said. "


@pytest.fixture
def tokenizer(settings: Settings) -> Callable[[str], list[int]]:
    return embedding_tokenizer(settings.embedding)


@pytest.fixture
def splitter(settings: Settings, tokenizer):
    return make_splitter(settings.ingest.chunk_size, settings.ingest.chunk_overlap, tokenizer)


def chunks(splitter, text: str, title: str = "A title") -> list[str]:
    return [node.text for node in chunk_article(Article(id="a", title=title, text=text), "h", splitter)]


def stock_chunks(stock: SentenceSplitter, tokenizer, text: str, title: str) -> list[str]:
    """What llama-index's own splitter makes of the article, through its public methods: sized
    to leave room for the embedded title, or without the title when it takes over half a chunk."""
    header = TextNode(text="", metadata={"title": title}).get_metadata_str(MetadataMode.EMBED)
    if stock.chunk_size - len(tokenizer(header)) < stock.chunk_size // 2:
        pieces = stock.split_text(text)
    else:
        pieces = stock.split_text_metadata_aware(text, header)
    return [piece for piece in pieces if piece.strip()]


def test_articles_are_chunked_exactly_as_llama_index_chunks_them(splitter, tokenizer) -> None:
    # Indexes are fingerprinted by the chunk settings, so the chunks of an ordinary article must not
    # change. (All 7,587 RealTimeQA articles, up to 100,000 characters each, were compared the same way.)
    stock = SentenceSplitter(chunk_size=splitter.chunk_size, chunk_overlap=splitter.chunk_overlap, tokenizer=tokenizer)
    samples = [path.read_text(encoding="utf-8") for path in sorted(SAMPLE_DIR.glob("*.txt"))]
    texts = [
        *samples,
        "\n\n\n".join(samples),  # llama-index's paragraph separator
        "\n".join(samples * 12),  # about 90,000 characters: one block
        SENTENCE.replace(",", "") * 3 + "and " * 300 + "so it went on, " * 100,  # clauses, then words
        "See https://example.com/" + "a1b2c3" * 200 + " for more. " + SENTENCE,  # a word over a chunk
        "Wow! " * 500,
    ]
    # A title short enough to embed, and one that is not (within the 300 characters a title keeps:
    # a word piece each).
    for title in ("A title", "9 " * 150):
        for text in texts:
            assert chunks(splitter, text, title) == stock_chunks(stock, tokenizer, text, title)


def test_a_run_of_exclamation_marks_is_split_in_linear_time(splitter) -> None:
    # punkt peels two characters at a time off "!!!…"; splitting the rest again from the top
    # recursed once per two characters (RecursionError from about 4,000).
    # This process's CPU time, not the wall clock: a CI run beside other work took 6 s of wall time.
    started = time.process_time()
    pieces = chunks(splitter, "!" * 20_000)
    assert time.process_time() - started < 5
    assert set("".join(pieces)) == {"!"} and sum(map(len, pieces)) >= 20_000  # all of it, with overlaps
    assert all(len(splitter._tokenizer(f"title: A title\n\n{piece}")) <= splitter.chunk_size for piece in pieces)


def test_sentence_splitter_sees_one_block_at_a_time(splitter) -> None:
    # NLTK's punkt stops with a TimeoutError after 5 s on one text (20 MB of prose, less of dense
    # punctuation); a long article reaches it in blocks, and each character once.
    seen: list[int] = []
    punkt = splitter._split_fns[1]

    def spy(text: str) -> list[str]:
        seen.append(len(text))
        return punkt(text)

    splitter._split_fns[1] = spy
    text = (SENTENCE * 3 + "\n") * 1_000  # 259,000 characters, no paragraph break
    pieces = chunks(splitter, text)
    assert max(seen) <= BLOCK_CHARS
    assert sum(seen) == len(text)
    assert set(" ".join(pieces).split()) == set(text.split())


def test_blocks_end_at_the_best_break_in_their_second_half() -> None:
    assert split_into_blocks("aaaa\n\nbbb\ncc", 8) == ["aaaa\n\n", "bbb\ncc"]
    assert split_into_blocks("aaaa\nbb cc dd", 8) == ["aaaa\n", "bb cc dd"]
    assert split_into_blocks("aaaa. bb cc dd ee", 8) == ["aaaa. ", "bb cc ", "dd ee"]
    assert split_into_blocks("ab cdefghijklm", 6) == ["ab cde", "fghijk", "lm"]  # no break late enough
    text = "x" * 1_000 + "\n" + "word " * 2_000
    blocks = split_into_blocks(text, 700)
    assert "".join(blocks) == text and all(len(block) <= 700 for block in blocks)


def test_an_article_over_the_time_budget_is_rejected(settings, tokenizer) -> None:
    splitter = make_splitter(settings.ingest.chunk_size, settings.ingest.chunk_overlap, tokenizer, max_seconds=0)
    with pytest.raises(ArticleRejected) as caught:
        chunks(splitter, (SENTENCE * 3 + "\n") * 1_000)
    assert (
        str(caught.value) == "article is too slow to split: 99,974 of 259,000 characters in 0 s"
    )  # a block of 386 lines
    assert isinstance(caught.value, InputError)  # what the pipeline reports as a failure and goes on


def test_nltk_giving_up_rejects_the_article(splitter, monkeypatch: pytest.MonkeyPatch) -> None:
    import nltk.redos

    monkeypatch.setattr(nltk.redos, "DEFAULT_TIMEOUT", 1e-9)  # as if this block took over 5 s
    with pytest.raises(ArticleRejected, match=r"^article is too slow to split into sentences"):
        chunks(splitter, SENTENCE * 20)
