"""The BM25 twin on disk: saved and loaded whole, even by several processes at once."""

import multiprocessing
from pathlib import Path
from typing import Any

from ingest.lexical import LexicalIndex

SAVES = 40


def _index(tag: str, count: int) -> LexicalIndex:
    ids = [f"{tag}-{n}" for n in range(count)]
    texts = [f"story {tag} item{n} about ferries and storms" for n in range(count)]
    return LexicalIndex.build(ids, texts, [20230101 + n for n in range(count)], f"{tag}:{count}")


def _whole(index: LexicalIndex | None) -> bool:
    """Loaded, and its parts from one save: the generation names the chunk count."""
    return index is not None and len(index.chunk_ids) == int(index.generation.split(":")[1])


def _save_repeatedly(folder: str, tag: str, count: int, start: Any) -> None:
    index = _index(tag, count)
    start.wait()  # both processes save at the same moments, not one after the other
    for _ in range(SAVES):
        index.save(Path(folder))
        assert _whole(LexicalIndex.load(Path(folder)))


def test_saved_index_loads_back(tmp_path):
    _index("a", 5).save(tmp_path / "bm25")
    loaded = LexicalIndex.load(tmp_path / "bm25")
    assert loaded is not None
    assert loaded.generation == "a:5"
    assert [chunk_id for chunk_id, _ in loaded.search("item3", 1)] == ["a-3"]


def test_two_processes_saving_at_once_never_break_it(tmp_path):
    folder = str(tmp_path / "bm25")
    context = multiprocessing.get_context("fork")
    start = context.Barrier(2)
    workers = [
        context.Process(target=_save_repeatedly, args=(folder, tag, count, start))
        for tag, count in (("a", 40), ("b", 60))
    ]
    try:
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=120)
        assert [worker.exitcode for worker in workers] == [0, 0]
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.kill()
    loaded = LexicalIndex.load(Path(folder))
    assert _whole(loaded) and loaded is not None and loaded.generation in {"a:40", "b:60"}
    assert not (tmp_path / "bm25.new").exists() and not (tmp_path / "bm25.old").exists()
