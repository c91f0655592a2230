"""The BM25 twin on disk: saved and loaded whole, even by several processes at once."""

import multiprocessing
from pathlib import Path

from ingest.lexical import LexicalIndex

SAVES = 15


def _index(tag: str, count: int) -> LexicalIndex:
    ids = [f"{tag}-{n}" for n in range(count)]
    texts = [f"story {tag} item{n} about ferries and storms" for n in range(count)]
    return LexicalIndex.build(ids, texts, [20230101 + n for n in range(count)], f"{tag}:{count}")


def _save_repeatedly(folder: str, tag: str, count: int) -> None:
    index = _index(tag, count)
    for _ in range(SAVES):
        index.save(Path(folder))
        loaded = LexicalIndex.load(Path(folder))
        assert loaded is not None and loaded.chunk_ids[0].split("-")[0] in {"a", "b"}


def test_saved_index_loads_back(tmp_path):
    _index("a", 5).save(tmp_path / "bm25")
    loaded = LexicalIndex.load(tmp_path / "bm25")
    assert loaded is not None
    assert loaded.generation == "a:5"
    assert [chunk_id for chunk_id, _ in loaded.search("item3", 1)] == ["a-3"]


def test_two_processes_saving_at_once_never_break_it(tmp_path):
    folder = str(tmp_path / "bm25")
    context = multiprocessing.get_context("fork")
    workers = [
        context.Process(target=_save_repeatedly, args=(folder, tag, count)) for tag, count in (("a", 40), ("b", 60))
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [worker.exitcode for worker in workers] == [0, 0]
    loaded = LexicalIndex.load(Path(folder))
    assert loaded is not None and loaded.generation in {"a:40", "b:60"}
    assert not (tmp_path / "bm25.new").exists() and not (tmp_path / "bm25.old").exists()
