"""The pipeline with the real embedding model and a real embedded Chroma: add, skip, update, delete, stats."""

from __future__ import annotations

import json
import os
import re
import threading
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from llama_index.core.schema import MetadataMode, TextNode

from ingest.chunking import chunk_article
from ingest.readers import content_id, read_paths
from ingest.store import ArticleStore
from newsdesk.models import Article, IndexStats, IngestFailure
from newsdesk.settings import load_settings

SAMPLE_A, SAMPLE_B = "000_5b110fb79ad57658", "003_1e6e512ebb72dbb0"
SAMPLE_DIR = Path(__file__).resolve().parents[2] / "data" / "sample"
SENTENCE_END = re.compile(r"[.!?][”\"’')]?\s*\Z")


FEED = [
    {"id": "c1", "text": "Storm hits coast.", "url": "https://www.cnn.com/a", "published": "2022-12-30"},
    {"id": "c2", "text": "Storm moves inland.", "source": "cnn.com", "published": "2023-02-02"},
    {"id": "b1", "text": "Rates held steady.", "url": "https://www.bbc.co.uk/news/b"},
    {"id": "u1", "text": "Blinken visited Egypt and Israel, officials said."},
]


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory):
    """One index of the samples plus FEED, built once for the tests that only read it."""
    from ingest.pipeline import Ingestor

    folder = tmp_path_factory.mktemp("shared")
    feed = folder / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in FEED) + "\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as env:
        for name in [n for n in os.environ if n.startswith("NEWSDESK_")]:
            env.delenv(name)
        env.setenv("NEWSDESK_INDEX__PATH", str(folder / "index"))
        env.setenv("NEWSDESK_EMBEDDING__CACHE_DIR", str(Path(__file__).resolve().parents[2] / "var" / "models"))
        settings = load_settings(None)
    store = ArticleStore(settings.index)
    ingestor = Ingestor(settings, store)
    report = ingestor.ingest_paths([str(SAMPLE_DIR), str(feed)])
    return ingestor, store, report


def embedded_text(text: str, meta: dict) -> str:
    """What the model embedded for a stored chunk: its text, after its title when that fitted."""
    if not meta["title_embedded"]:
        return text
    return TextNode(text=text, metadata={"title": meta["title"]}).get_content(metadata_mode=MetadataMode.EMBED)


def query_vector(ingestor, text: str):
    return ingestor.embed_model.embed_query(text)


def lexical_articles(store: ArticleStore, query: str, **days: int) -> set[str]:
    """The article ids of the BM25 hits for the query."""
    rows = [row for row, _ in store.lexical_search(query, 50, **days)]
    return {p.article_id for p in store.passages(rows).values()}


def test_ingest_samples_stores_complete_metadata(shared, chunks_of) -> None:
    ingestor, store, report = shared
    stored = chunks_of(store)
    total = store.count_chunks()
    assert (report.added, report.updated, report.unchanged, report.deleted, report.failed) == (6, 0, 0, 0, [])
    assert report.chunks == total == sum(chunks[0]["chunk_count"] for chunks in stored.values())
    assert total - 4 > 2  # the four FEED articles are one chunk each; the samples several
    assert sorted(stored) == sorted([SAMPLE_A, SAMPLE_B, "c1", "c2", "b1", "u1"])
    articles = {a.id: a for a in read_paths([str(SAMPLE_DIR)], 10**9)}
    for article_id in (SAMPLE_A, SAMPLE_B):
        chunks = stored[article_id]
        article = articles[article_id]
        fingerprint = ingestor.fingerprint(article)
        count = len(chunks)
        assert count >= 2  # both samples are longer than one chunk
        for position, chunk in enumerate(chunks):
            assert chunk["id"] == f"{article_id}:{fingerprint}:{position}"
            assert {
                k: chunk[k]
                for k in (
                    "article_id",
                    "title",
                    "source",
                    "url",
                    "published",
                    "published_day",
                    "position",
                    "chunk_count",
                    "content_hash",
                    "authors",
                )
            } == {
                "article_id": article_id,
                "title": article.title,
                "source": "",
                "url": "",
                "published": article.published.isoformat(),
                "published_day": int(article.published.strftime("%Y%m%d")),
                "position": position,
                "chunk_count": count,
                "content_hash": fingerprint,
                "authors": "",
            }
            assert chunk["text"].strip() in article.text
    assert stored[SAMPLE_A][0]["published_day"] == 20230126
    assert stored[SAMPLE_B][0]["published_day"] == 20230131
    assert {k: stored["c1"][0][k] for k in ("source", "url", "published", "published_day", "title")} == {
        "source": "cnn.com",
        "url": "https://www.cnn.com/a",
        "published": "2022-12-30",
        "published_day": 20221230,
        "title": "Storm hits coast",
    }
    assert (stored["b1"][0]["published"], stored["b1"][0]["published_day"]) == ("", 0)


def test_chunks_fit_the_model_with_their_title_and_end_on_sentences(shared, hf_tokenizer) -> None:
    _, store, _ = shared
    chunks = list(store.chroma.iter_chunks())
    assert chunks
    for _, text, meta in chunks:
        embedded = embedded_text(text, meta)
        assert embedded == f"title: {meta['title']}\n\n{text}"  # the title is embedded, nothing else
        # [CLS] + pieces + [SEP] must fit the 256 the model reads, or the end is silently cut.
        assert len(hf_tokenizer.encode(embedded, add_special_tokens=True)) <= 256
        assert SENTENCE_END.search(text), text[-80:]


def test_largest_chunk_size_with_long_titles_still_fits_the_model(
    monkeypatch: pytest.MonkeyPatch, hf_tokenizer, write_jsonl
) -> None:
    # chunk_size may be set up to 256: the title and the model's special tokens must still fit.
    monkeypatch.setenv("NEWSDESK_INGEST__CHUNK_SIZE", "256")
    settings = load_settings(None)
    from ingest.pipeline import Ingestor

    store = ArticleStore(settings.index)
    ingestor = Ingestor(settings, store)
    sentence = "The regional council approved the harbour expansion plan after a long and heated debate. "
    long_title = "Harbour expansion approved after marathon council session on the waterfront redevelopment"
    huge_title = "9 " * 150  # far too long to embed with every chunk (a word piece each, within 300 characters)
    path = write_jsonl(
        "long.jsonl",
        [
            {"id": "t1", "title": long_title, "text": sentence * 40},
            {"id": "t2", "title": huge_title, "text": sentence * 40},
        ],
    )
    report = ingestor.ingest_paths([str(path)])
    assert (report.added, report.failed) == (2, [])
    worst = 0
    for _, text, meta in store.chroma.iter_chunks():
        worst = max(worst, len(hf_tokenizer.encode(embedded_text(text, meta), add_special_tokens=True)))
        if meta["article_id"] == "t2":
            assert meta["title"] == huge_title.strip()
            assert embedded_text(text, meta) == text  # the title did not fit, so only the text is embedded
    assert 200 < worst <= 256


def test_reingest_unchanged_adds_nothing(ingestor, store, sample_dir: Path) -> None:
    first = ingestor.ingest_paths([str(sample_dir)])
    before = sorted(chunk_id for chunk_id, _, _ in store.chroma.iter_chunks())
    second = ingestor.ingest_paths([str(sample_dir)])
    assert (second.added, second.updated, second.unchanged, second.chunks, second.failed) == (0, 0, 2, 0, [])
    assert sorted(chunk_id for chunk_id, _, _ in store.chroma.iter_chunks()) == before
    assert store.count_chunks() == first.chunks


def test_changed_article_replaces_its_old_chunks(ingestor, store, sample_dir: Path, chunks_of) -> None:
    ingestor.ingest_paths([str(sample_dir)])
    before = chunks_of(store)
    old_hash = before[SAMPLE_B][0]["content_hash"]
    path = sample_dir / f"{SAMPLE_B}.txt"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n\nUpdate: Blinken later flew on to Jordan for talks with King Abdullah.",
        encoding="utf-8",
    )
    report = ingestor.ingest_paths([str(sample_dir)])
    after = chunks_of(store)
    assert (report.added, report.updated, report.unchanged, report.failed) == (0, 1, 1, [])
    new_b = after[SAMPLE_B]
    assert {c["content_hash"] for c in new_b} == {new_b[0]["content_hash"]} != {old_hash}
    assert not store.chroma.chunks.get(where={"content_hash": old_hash}, include=[])["ids"]
    assert [c["position"] for c in new_b] == list(range(new_b[0]["chunk_count"]))
    assert new_b[-1]["text"].endswith("talks with King Abdullah.")
    assert after[SAMPLE_A] == before[SAMPLE_A]
    assert store.count_chunks() == len(before[SAMPLE_A]) + len(new_b)
    assert report.chunks == len(new_b)  # the changed article's chunks were all rewritten


def test_delete_removes_from_chroma_and_bm25(ingestor, store, sample_dir: Path, chunks_of) -> None:
    ingestor.ingest_paths([str(sample_dir)])
    assert lexical_articles(store, "Blinken Netanyahu Abbas") == {SAMPLE_A, SAMPLE_B}
    left = len(chunks_of(store)[SAMPLE_B])

    report = ingestor.delete([SAMPLE_A])
    assert (report.deleted, report.failed) == (1, [])
    assert store.chroma.chunks.get(where={"article_id": SAMPLE_A}, include=[])["ids"] == []
    assert store.count_chunks() == left
    assert lexical_articles(store, "Blinken Netanyahu Abbas") == {SAMPLE_B}
    # A fresh store (another process) opens the same replica, which agrees.
    fresh = ArticleStore(store.settings)
    assert lexical_articles(fresh, "Egypt Blinken") == {SAMPLE_B}
    assert fresh.replica.lexical.count() == left
    # And so does a replica built from scratch from Chroma (another machine, in http mode).
    elsewhere = ArticleStore(store.settings.model_copy(update={"path": store.settings.path.parent / "other"}))
    assert elsewhere.replica.lexical.count() == 0  # its own folder: an empty embedded Chroma
    assert store.chroma.catalog_records([SAMPLE_A, SAMPLE_B]).keys() == {SAMPLE_B}


def test_delete_unknown_id_is_a_failure(shared) -> None:
    ingestor, store, _ = shared
    total = store.count_chunks()
    report = ingestor.delete(["no-such-id"])
    assert (report.deleted, report.failed) == (
        0,
        [IngestFailure("no-such-id", None, "no article with this id in the index")],
    )
    assert store.count_chunks() == total


def test_deleting_a_text_files_name_says_which_id_it_has(shared) -> None:
    # A probe's `--delete Story` for Story.txt (whose id is "story") was only "no article".
    ingestor, store, _ = shared
    total = store.count_chunks()
    named = SAMPLE_A.upper() + ".txt"
    report = ingestor.delete([named])
    hint = (
        f"no article with this id in the index (did you mean {SAMPLE_A!r}? a text file's id is its name in lower case)"
    )
    assert (report.deleted, report.failed) == (0, [IngestFailure(named, None, hint)])
    assert store.count_chunks() == total


def test_stats_figures(shared, store) -> None:
    assert store.stats() == IndexStats(0, 0, None, None, {})  # a fresh, empty index
    _, full, _ = shared
    counts = _chunk_counts(full)
    assert full.stats() == IndexStats(
        articles=6,
        chunks=sum(counts.values()),
        first_published=date(2022, 12, 30),
        last_published=date(2023, 2, 2),
        outlets={"unknown": 3, "cnn.com": 2, "bbc.co.uk": 1},
        undated=2,
        # Each outlet's first and last day; the outlet whose articles are all undated has none.
        outlet_spans={
            "unknown": (date(2023, 1, 26), date(2023, 1, 31)),
            "cnn.com": (date(2022, 12, 30), date(2023, 2, 2)),
            "bbc.co.uk": None,
        },
    )
    assert sum(counts.values()) == full.count_chunks() == 4 + counts[SAMPLE_A] + counts[SAMPLE_B]


def _chunk_counts(store: ArticleStore) -> dict[str, int]:
    return {str(m["article_id"]): int(m["chunk_count"]) for _, _, m in store.chroma.iter_chunks()}


def test_bad_jsonl_line_among_good_ones(ingestor, store, write_jsonl) -> None:
    path = write_jsonl(
        "mixed.jsonl",
        [{"id": "g1", "text": "Good one."}, '{"id": "bad", "text": "unterminated', {"id": "g2", "text": "Good two."}],
    )
    report = ingestor.ingest_paths([str(path)])
    assert (report.added, report.chunks) == (2, 2)
    assert report.failed == [IngestFailure(str(path), 2, "bad JSON: Unterminated string starting at (column 23)")]
    assert sorted(_chunk_counts(store)) == ["g1", "g2"]


def test_an_id_read_twice_with_other_content_in_one_run_is_not_written(ingestor, store, write_jsonl) -> None:
    stored = write_jsonl("stored.jsonl", [{"id": "d", "text": "March version."}, {"id": "e", "text": "Other."}])
    assert ingestor.ingest_paths([str(stored)]).added == 2
    path = write_jsonl(
        "dup.jsonl",
        [{"id": "d", "text": "February version."}, {"id": "d", "text": "March version."}, {"id": "f", "text": "New."}],
    )
    report = ingestor.ingest_paths([str(path)])

    def reason(elsewhere: int) -> str:  # a tester's failure of line 1 had named line 1 among the others
        return (
            f"article id 'd' is also read, with different content, from {path}:{elsewhere}; none of them was "
            "written (give each its own id, or ingest one version)"
        )

    assert (report.added, report.updated) == (1, 0)
    assert report.failed == [IngestFailure(str(path), 1, reason(2)), IngestFailure(str(path), 2, reason(1))]
    # Not rolled back to the first one read (a probe's `ingest feb mar` after `ingest mar`).
    assert sorted(text for _, text, _ in store.chroma.iter_chunks()) == ["March version.", "New.", "Other."]


def test_an_id_read_twice_with_the_same_content_is_written_once(ingestor, store, write_jsonl) -> None:
    path = write_jsonl("dup.jsonl", [{"id": "d", "text": "Same."}, {"id": "d", "text": "Same."}])
    report = ingestor.ingest_paths([str(path)])
    assert (report.added, report.failed) == (1, [])
    assert [text for _, text, _ in store.chroma.iter_chunks()] == ["Same."]


def test_dense_and_lexical_search_honour_the_day_range(shared) -> None:
    ingestor, store, _ = shared
    vector = query_vector(ingestor, "Blinken visit to Israel")

    def dense(**days: int) -> set[str]:
        rows = [row for row, _ in store.dense_search(vector, 50, **days)]
        return {p.article_id for p in store.passages(rows).values()}

    def lexical(**days: int) -> set[str]:
        return lexical_articles(store, "Blinken Israel", **days)

    # Dense search returns every chunk (k=50 > all); BM25 only those sharing a word with the query.
    for search, extra in ((dense, {"c1", "c2", "b1"}), (lexical, set())):
        assert search() == {SAMPLE_A, SAMPLE_B, "u1"} | extra
        assert search(min_day=20230127) == {SAMPLE_B} | ({"c2"} & extra)
        # undated articles (day 0) sort before any day, so max_day alone keeps them
        assert search(max_day=20230126) == {SAMPLE_A, "u1"} | ({"c1", "b1"} & extra)
        assert search(min_day=20230126, max_day=20230126) == {SAMPLE_A}
        assert search(min_day=20230126, max_day=20230131) == {SAMPLE_A, SAMPLE_B}
        assert search(min_day=20230127, max_day=20230130) == set()
    hits = store.dense_search(vector, 50, min_day=20230131)
    passages = store.passages([row for row, _ in hits])
    assert {p.published for p in passages.values()} == {date(2023, 1, 31), date(2023, 2, 2)}
    assert all(0 < score <= 1 for _, score in hits)
    assert [score for _, score in hits] == sorted((score for _, score in hits), reverse=True)


def test_outlet_filter_on_both_sides(shared) -> None:
    ingestor, store, _ = shared
    vector = query_vector(ingestor, "storm")
    rows = [row for row, _ in store.dense_search(vector, 50, outlets=["cnn.com"])]
    assert {p.article_id for p in store.passages(rows).values()} == {"c1", "c2"}
    assert lexical_articles(store, "storm rates") == {"c1", "c2", "b1"}
    rows = [row for row, _ in store.lexical_search("storm rates", 50, outlets=["bbc.co.uk"])]
    assert {p.article_id for p in store.passages(rows).values()} == {"b1"}
    assert store.dense_search(vector, 50, outlets=["nowhere.example"]) == []
    assert store.outlets() == ["cnn.com", "bbc.co.uk"]


def test_ingest_bytes_of_an_upload(ingestor, store) -> None:
    report = ingestor.ingest_bytes(b'{"id": "up1", "text": "Uploaded story."}\n', "upload.jsonl")
    assert (report.added, report.failed, store.count_chunks()) == (1, [], 1)


def test_an_upload_with_a_name_too_long_for_a_file_is_ingested(ingestor, store) -> None:
    """A probe's Discord upload named with 300 letters failed with "File name too long"."""
    name = "a" * 300 + ".txt"
    report = ingestor.ingest_bytes(b"date 2023-03-01 A story uploaded under a long name.", name)
    assert (report.added, report.failed, store.count_chunks()) == (1, [], 1)


def test_chunking_a_short_article_gives_one_chunk(ingestor) -> None:
    article = Article(id="s", title="Short", text="Only one sentence here.")
    [node] = chunk_article(article, "h", ingestor.splitter)
    assert (node.node_id, node.text, node.metadata["chunk_count"]) == ("s:h:0", "Only one sentence here.", 1)


def test_new_chunk_settings_rechunk_articles_already_indexed(settings, store, ingestor, monkeypatch) -> None:
    from ingest.pipeline import Ingestor

    assert ingestor.ingest_paths([str(SAMPLE_DIR)]).added == 2
    before = store.count_chunks()
    monkeypatch.setenv("NEWSDESK_INGEST__CHUNK_SIZE", "120")
    smaller = Ingestor(load_settings(None), store, ingestor.embed_model)
    report = smaller.ingest_paths([str(SAMPLE_DIR)])
    assert (report.added, report.updated, report.unchanged) == (0, 2, 0)
    assert store.count_chunks() == report.chunks > before
    assert smaller.ingest_paths([str(SAMPLE_DIR)]).unchanged == 2


def test_a_large_ingest_chunks_and_embeds_in_worker_processes(ingestor, store, write_jsonl, monkeypatch) -> None:
    from ingest.pipeline import PARALLEL_FROM_ARTICLES
    from ingest.store import embedded_text

    count = PARALLEL_FROM_ARTICLES + 10
    body = "The council met on Tuesday to discuss the harbour. Ferries will run again next week. "
    records = [
        {"id": f"p{i}", "title": f"Bulletin {i}", "published": "2023-02-01", "text": f"Bulletin number {i}. {body}"}
        for i in range(count)
    ]
    embedded_here: list[int] = []
    original = ingestor.embed_model.embed_texts
    monkeypatch.setattr(ingestor.embed_model, "embed_texts", lambda texts: embedded_here.append(1) or original(texts))
    report = ingestor.ingest_paths([str(write_jsonl("many.jsonl", records))])
    assert (report.added, report.failed) == (count, [])
    assert embedded_here == []  # the workers embedded every chunk
    record = store.chroma.catalog_records(["p7"])["p7"]
    (chunk,) = store.chroma.get_chunks(record.chunk_ids())
    assert "Bulletin number 7." in chunk.text
    expected = original([embedded_text(chunk.text, chunk.metadata)])[0]
    assert np.allclose(chunk.embedding, expected, atol=1e-5)  # what this process would have computed


def test_an_interrupted_parallel_ingest_leaves_no_pool_thread_running(ingestor, write_jsonl, monkeypatch) -> None:
    """CI saw a Ctrl-C'd ingest print its message and then a traceback: the pool had been shut down
    without waiting, so its manager thread still ran when the interpreter's exit hook woke it."""
    from concurrent.futures.process import _ExecutorManagerThread

    from ingest.pipeline import PARALLEL_FROM_ARTICLES

    monkeypatch.setattr(ingestor.settings.ingest, "batch_articles", 8)
    records = [
        {"id": f"i{i}", "published": "2023-02-01", "text": f"Ferry bulletin {i}. The harbour reopens."}
        for i in range(PARALLEL_FROM_ARTICLES + 40)
    ]

    def interrupt(done: int, total: int) -> None:
        if done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingestor.ingest_paths([str(write_jsonl("many.jsonl", records))], progress=interrupt)
    assert [t for t in threading.enumerate() if isinstance(t, _ExecutorManagerThread)] == []


@pytest.mark.parametrize(("every_seconds", "seen"), [(0.0, [0, 4, 8, 12]), (3600.0, [0, 0, 0, 0])])
def test_a_long_ingest_applies_what_it_wrote_every_few_seconds(
    ingestor, store, write_jsonl, monkeypatch, every_seconds: float, seen: list[int]
) -> None:
    """Questions in other processes answer from the shared replica while an ingest runs and
    leave the catching up to it (ingest/store.py), so the ingest applies its batches every
    SYNC_EVERY_SECONDS, not only every SYNC_EVERY_CHUNKS and at its end."""
    monkeypatch.setattr("ingest.pipeline.SYNC_EVERY_SECONDS", every_seconds)
    monkeypatch.setattr(ingestor.settings.ingest, "batch_articles", 4)
    records = [
        {"id": f"s{i}", "title": f"Storm update {i}", "published": "2023-02-01", "text": f"Update {i} on the storm."}
        for i in range(12)
    ]
    held: list[int] = []  # articles in the replica as each batch is reported done
    path = str(write_jsonl("storm.jsonl", records))
    report = ingestor.ingest_paths([path], progress=lambda done, total: held.append(store.replica.article_count()))
    assert (report.added, report.failed) == (12, [])
    assert held == seen
    assert store.replica.article_count() == 12  # and all of them at its end


def test_an_ingest_with_nothing_new_still_applies_what_another_left_unapplied(
    ingestor, store, write_jsonl, monkeypatch
) -> None:
    """Questions leave the catching up to a running ingest, so one whose articles are all unchanged
    (a nightly feed read again) must still bring in what a killed ingest wrote and never applied."""
    from ingest.catalog import CatalogRecord, StoredChunk, day_number

    records = [
        {"id": f"s{i}", "title": f"Storm update {i}", "published": "2023-02-01", "text": f"Update {i} on the storm."}
        for i in range(12)
    ]
    path = str(write_jsonl("storm.jsonl", records))
    assert ingestor.ingest_paths([path]).added == 12
    # What a killed ingest leaves: an article written to Chroma, never applied to the replica.
    record = CatalogRecord("killed", "f1", 1, day_number(date(2023, 2, 2)), "bbc.co.uk", "Ferries", "", store.new_seq())
    meta = {"title": "Ferries", "position": 0, "title_embedded": 1}
    vector = ingestor.embed_model.embed_texts(["Ferries were cancelled."])[0].tolist()
    with store.writing():
        store.write([StoredChunk(record.chunk_ids()[0], "Ferries were cancelled.", meta, vector)], [record], [])
    store._written.clear()  # as a new process would know nothing of it
    assert store.replica.article_count() == 12

    monkeypatch.setattr("ingest.pipeline.SYNC_EVERY_SECONDS", 0.0)
    monkeypatch.setattr(ingestor.settings.ingest, "batch_articles", 4)
    held: list[int] = []
    report = ingestor.ingest_paths([path], progress=lambda done, total: held.append(store.replica.article_count()))
    assert report.unchanged == 12
    assert held == [12, 13, 13, 13]  # brought in after the first batch, not only at the end


def test_an_ingest_goes_on_when_its_lock_cannot_be_taken(ingestor, store, write_jsonl, settings, caplog) -> None:
    """The ingest's lock only tells questions to leave the catching up to it. A folder shared with
    another account (the lock file is its owner's) must not stop ingests."""
    (settings.index.path / f"{settings.index.collection}.ingesting.lock").mkdir()  # cannot be opened
    report = ingestor.ingest_paths([str(write_jsonl("one.jsonl", [{"id": "x", "text": "Ferries were cancelled."}]))])
    assert (report.added, report.failed) == (1, [])
    assert "ingesting without it" in caplog.text
    assert not store.ingest_running()


def test_an_article_kept_out_is_not_warned_of_as_dated_after_today(ingestor) -> None:
    """A Discord editor's upload refused (its id taken) was still warned of as dated after today."""
    first = json.dumps({"id": "future", "published": "2023-01-05", "text": "The ferry sailed."}).encode()
    assert ingestor.ingest_bytes(first, "a.jsonl").added == 1
    later = json.dumps({"id": "future", "published": "2031-04-10", "text": "The ferry sank."}).encode()
    refused = ingestor.ingest_bytes(later, "b.jsonl", replace=False)
    assert [article_id for article_id, _ in refused.kept] == ["future"]
    assert refused.future == []
    written = ingestor.ingest_bytes(later, "b.jsonl")  # written, by one who may replace: warned
    assert [article_id for article_id, _, _ in written.future] == ["future"]


def test_an_upload_that_may_not_replace_removes_no_article_under_its_former_id(ingestor, store) -> None:
    """A Discord security probe's editor uploaded {"guid": …, "text": "<title>\\n<date>"}: its
    former id (the hash of its text) was an administrator's pasted article's, which was deleted,
    and the editor then pasted other words under that title. Only one who may replace removes an
    article for it; without, only the same article re-read under its new id."""
    pasted = json.dumps({"title": "Tax cut", "published": "2023-05-08", "text": "Tax cut\n2023-05-08"}).encode()
    assert ingestor.ingest_bytes(pasted, "admin.json").added == 1
    original = content_id("Tax cut\n2023-05-08")
    forged = {"guid": "x-junk", "title": "Tax HIKE", "published": "2023-05-08", "text": "Tax cut\n2023-05-08"}
    report = ingestor.ingest_bytes(json.dumps(forged).encode(), "editor.json", replace=False)
    assert (report.added, report.updated) == (1, 0)
    assert set(store.catalog_records([original, "x-junk"])) == {original, "x-junk"}  # both kept
    # The same article given a guid is the same article: moved to its new id, not held twice.
    same = {"guid": "g-1", "title": "Tax cut", "published": "2023-05-08", "text": "Tax cut\n2023-05-08"}
    moved = ingestor.ingest_bytes(json.dumps(same).encode(), "editor2.json", replace=False)
    assert (moved.added, moved.updated) == (0, 1)
    assert set(store.catalog_records([original, "g-1"])) == {"g-1"}
