"""Nasty inputs through the real pipeline (real splitter, tokenizer, model and Chroma): each one is
a clear failure or a clean ingest, never a traceback, and the rest of its folder still goes in.
Everything is generated here; nothing binary is committed."""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import pytest

from ingest.chunking import make_splitter
from ingest.store import ArticleStore
from newsdesk.models import IngestFailure
from newsdesk.providers import embedding_tokenizer
from newsdesk.settings import load_settings

NOT_TEXT = "not a text file (binary or not UTF-8)"
SENTENCE = "The council approved the harbour plan on Tuesday after a long debate, officials said. "


def gzip_of_zeros(megabytes: int) -> bytes:
    """A gzip file of this many MB of zeros, made without holding them (about 1 KB a MB)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: the gzip container
    block = bytes(1_000_000)
    return b"".join(compressor.compress(block) for _ in range(megabytes)) + compressor.flush()


@pytest.fixture
def nasty(tmp_path: Path) -> dict[str, Path]:
    """A folder of good articles among every kind of bad input, by file name."""
    folder = tmp_path / "nasty"
    folder.mkdir()
    records = [
        {"id": "rec-good", "text": "A record that is fine."},
        {"id": "rec-title", "title": ["not", "a", "string"], "text": "Body."},
        '{"id": "rec-surrogate", "text": "Half \\ud800 a character."}',
        {"id": "rec-nul", "text": "An escaped \u0000 NUL and \u001b[31m colour codes are only characters."},
        "[" * 50_000 + "]" * 50_000,
    ]
    files: dict[str, bytes] = {
        "a_good.txt": b"date 2023-01-10 Good one. Fine.",
        "b_huge_line.txt": b"word " * 240_000,  # 1.2 MB on one line, over max_article_chars
        "c_long_line.txt": (SENTENCE * 3_000).encode(),  # 258,000 characters on one line: three blocks
        "d_bangs.txt": b"!" * 20_000,
        "e_nested.json": b"[" * 50_000 + b"]" * 50_000,
        "f_binary.txt": bytes(range(256)) * 40,
        "g_bomb.jsonl.gz": gzip_of_zeros(3),  # 3 KB that expand to 3 MB, over max_file_mb
        "h_control.txt": b"Control \x01\x02\x1b[31m characters\x7f go in. They are harmless.\x0c",
        "i_nul_late.txt": b"Plain words. " * 1_000 + b"\x00",
        "j_records.jsonl": "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records).encode(),
        "k_number.json": b'{"id": 1' + b"0" * 5_000 + b', "text": "A huge id."}',
        "l_utf16.txt": "Written in UTF-16.".encode("utf-16"),
        "m_table.csv": b"a,b\n1,2\n",  # not an article file: skipped in a folder
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return {"folder": folder, **{name.split(".")[0]: folder / name for name in files}}


def test_nasty_folder_fails_clearly_and_the_rest_goes_in(nasty, monkeypatch, chunks_of) -> None:
    monkeypatch.setenv("NEWSDESK_INGEST__MAX_FILE_MB", "2")
    settings = load_settings(None)
    from ingest.pipeline import Ingestor

    store = ArticleStore(settings.index)
    report = Ingestor(settings, store).ingest_paths([str(nasty["folder"])])
    records = str(nasty["j_records"])
    assert sorted(report.failed, key=lambda f: (f.path, f.line or 0)) == [
        IngestFailure(
            str(nasty["b_huge_line"]),
            None,
            "article is 1,199,999 characters, over the 1,000,000-character limit"
            " (ingest.max_article_chars, or NEWSDESK_INGEST__MAX_ARTICLE_CHARS)",
        ),
        IngestFailure(str(nasty["e_nested"]), None, "bad JSON: nested too deeply"),
        IngestFailure(str(nasty["f_binary"]), None, NOT_TEXT),
        IngestFailure(str(nasty["g_bomb"]), None, "decompresses to more than the 2 MB limit"),
        IngestFailure(str(nasty["i_nul_late"]), None, NOT_TEXT),
        IngestFailure(records, 2, "field 'title' must be a string, got a list"),
        IngestFailure(records, 3, "field 'text' holds a lone surrogate, which is not text"),
        IngestFailure(records, 5, "bad JSON: nested too deeply"),
        IngestFailure(str(nasty["k_number"]), None, "bad JSON: a number too long to read"),
    ]
    stored = chunks_of(store)
    # UTF-16 with its byte-order mark is read in it.
    assert sorted(stored) == ["a_good", "c_long_line", "d_bangs", "h_control", "l_utf16", "rec-good", "rec-nul"]
    assert report.added == 7
    assert len(stored["c_long_line"]) > 300  # all of it, in chunks
    # The article goes in; its control characters do not (they would reach a terminal).
    assert "Control    characters  go in. They are harmless." in stored["h_control"][0]["text"]


def test_upload_that_decompresses_past_the_default_limit(ingestor) -> None:
    # Discord uploads come as bytes with no limit passed: max_file_mb's default (100 MB) holds.
    report = ingestor.ingest_bytes(gzip_of_zeros(101), "feed.jsonl.gz")
    assert report.failed == [IngestFailure("feed.jsonl.gz", None, "decompresses to more than the 100 MB limit")]


def test_article_over_the_time_budget_is_a_failure_and_the_rest_goes_in(
    ingestor, settings, store, nasty, chunks_of
) -> None:
    ingestor.splitter = make_splitter(
        settings.ingest.chunk_size, settings.ingest.chunk_overlap, embedding_tokenizer(settings.embedding), 0
    )
    report = ingestor.ingest_paths([str(nasty["a_good"]), str(nasty["c_long_line"])])
    assert report.failed == [
        IngestFailure(
            str(nasty["c_long_line"]), None, "article is too slow to split: 99,932 of 257,999 characters in 0 s"
        )
    ]
    assert sorted(chunks_of(store)) == ["a_good"]
