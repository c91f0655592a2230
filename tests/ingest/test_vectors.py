"""The replica's vectors: exact search with masks, rows found by binary search, and the
snapshot a new process starts from (then reading only later changes from SQLite)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import ingest.replica
import ingest.vectors
from ingest.catalog import CatalogRecord, StoredChunk, chunk_id
from ingest.replica import ArticleChange, Replica
from ingest.vectors import Vectors, VectorTable, snapshots

DIMS = 8


def unit(seed: int) -> np.ndarray:
    vector = np.random.default_rng(seed).normal(size=DIMS).astype(np.float32)
    return vector / np.linalg.norm(vector)


def table_of(rows: list[int]) -> VectorTable:
    table = VectorTable()
    table.add(rows, np.stack([unit(r) for r in rows]), [20230100 + r % 28 for r in rows], ["a", "b"] * (len(rows) // 2))
    return table


def test_search_is_exact_and_masked() -> None:
    table = table_of(list(range(1, 41)))
    query = unit(7)
    best = table.search(query, 3, None, None, [])
    assert best[0][0] == 7 and best[0][1] == pytest.approx(1.0, abs=1e-5)
    brute = sorted(range(1, 41), key=lambda r: -float(unit(r) @ query))[:3]
    assert [row for row, _ in best] == brute
    windowed = table.search(query, 50, 20230105, 20230110, ["b"])
    assert windowed and all(5 <= r % 28 <= 10 and r % 2 == 0 for r, _ in windowed)


@pytest.mark.parametrize(("first", "last"), [(20230105, 20230106), (20230101, 20230127)])
def test_a_narrow_window_and_a_wide_one_find_the_nearest_of_their_rows(first: int, last: int) -> None:
    """A window of a few rows scores only those (ingest.vectors.NARROW_SHARE); a wide one scores
    all: either way, the window's rows nearest to the query, nearest first, with their cosine."""
    rows = list(range(1, 201))
    table = table_of(rows)
    query = unit(1000)
    inside = [r for r in rows if first <= 20230100 + r % 28 <= last]
    assert (len(inside) * 4 < len(rows)) == (last - first < 7)  # the two paths are both taken
    brute = sorted(inside, key=lambda r: -float(unit(r) @ query))[:5]
    found = table.search(query, 5, first, last, [])
    assert [row for row, _ in found] == brute
    assert [score for _, score in found] == pytest.approx([float(unit(r) @ query) for r in brute], abs=1e-5)


@pytest.mark.parametrize(
    ("first", "last", "outlets"),
    [
        (None, 20230110, []),  # an as-of day: the older rows, from the table's start
        (20230150, None, []),  # to the table's end
        (20230120, 20230180, []),  # a span in the middle
        (20230120, 20230180, ["b"]),  # one outlet's rows, every other row of the span
        (20230100, 20230299, ["a"]),  # every row, one outlet's: scattered through the table
    ],
)
def test_rows_kept_in_date_order_are_searched_by_their_span(
    first: int | None, last: int | None, outlets: list[str]
) -> None:
    """An archive ingested in date order keeps a period's rows together: only the span from the
    first row its filters allow to the last is scored, and what is found is the same as scoring
    every row. Rows removed inside and at the edges of the span are never found."""
    rows = list(range(1, 201))
    table = VectorTable()
    table.add(rows, np.stack([unit(r) for r in rows]), [20230100 + r for r in rows], ["a", "b"] * 100)
    removed = [20, 21, 50, 51, 80, 81, 150]
    table.remove(removed)
    query = unit(1000)
    inside = [
        r
        for r in rows
        if r not in removed
        and (first is None or 20230100 + r >= first)
        and (last is None or 20230100 + r <= last)
        and (not outlets or ("a" if r % 2 else "b") in outlets)
    ]
    brute = sorted(inside, key=lambda r: -float(unit(r) @ query))[:8]
    found = table.search(query, 8, first, last, outlets)
    assert [row for row, _ in found] == brute
    assert [score for _, score in found] == pytest.approx([float(unit(r) @ query) for r in brute], abs=1e-5)


def test_copies_of_one_story_come_back_by_row_and_a_query_of_no_direction_keeps_the_filters() -> None:
    """Ties (forty outlets' copies of one wire story score the same) are broken by row, whatever
    span is scored; a NaN query finds only rows the filters allow (a review found later days)."""
    rows = list(range(1, 41))
    table = VectorTable()
    table.add(rows, np.stack([unit(0)] * 40), [20230100 + r for r in rows], ["a", "b"] * 20)
    assert [row for row, _ in table.search(unit(0), 5, 20230110, None, [])] == [10, 11, 12, 13, 14]
    assert [row for row, _ in table.search(unit(0), 5, None, None, [])] == [1, 2, 3, 4, 5]
    nowhere = np.full(DIMS, np.nan, dtype=np.float32)
    found = table.search(nowhere, 8, 20230131, None, ["a"])  # every other row of the span
    assert sorted(row for row, _ in found) == [31, 33, 35, 37, 39]


def test_rows_are_found_by_binary_search_and_removed() -> None:
    table = table_of([3, 8, 20, 21, 40, 41])
    assert np.array_equal(table.vector(20), unit(20))
    assert table.vector(9) is None and table.vector(100) is None
    table.remove([8, 9, 40])  # 9 was never held
    assert table.live == 4 and table.vector(8) is None
    assert {row for row, _ in table.search(unit(8), 10, None, None, [])} == {3, 20, 21, 41}
    table.remove([8])  # twice: counted once
    assert table.live == 4
    with pytest.raises(ValueError, match="increasing"):
        table.add([30], unit(30)[None, :], [20230101], ["a"])  # below the last row held


@pytest.mark.parametrize("mapped", [False, True])
def test_a_snapshot_round_trip_keeps_everything_and_can_grow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mapped: bool
) -> None:
    # A large snapshot's vectors are mapped from the file, not read (MAP_ABOVE_BYTES).
    monkeypatch.setattr(ingest.vectors, "MAP_ABOVE_BYTES", 0 if mapped else 2**40)
    table = table_of(list(range(1, 21)))
    table.remove([4, 5])
    saved = table.save(tmp_path, version=7)
    assert snapshots(tmp_path) == [(saved, 7)]
    loaded = VectorTable.load(saved)
    assert isinstance(loaded.vectors, np.memmap) == mapped
    assert loaded.live == 18 and loaded.vector(4) is None
    for query in (unit(1), unit(12)):
        assert loaded.search(query, 5, None, 20230115, ["a"]) == table.search(query, 5, None, 20230115, ["a"])
    loaded.add([25], unit(25)[None, :], [20230101], ["new outlet"])  # the loaded table grows (a copy of its own)
    loaded.remove([1])
    assert loaded.search(unit(25), 1, None, None, ["new outlet"])[0][0] == 25
    assert VectorTable.load(saved).vector(1) is not None  # the file did not change
    table.save(tmp_path, version=9)
    assert [v for _, v in snapshots(tmp_path)] == [9]  # the older one is gone
    table.save(tmp_path, version=8)  # by a process behind the one that saved 9
    assert [v for _, v in snapshots(tmp_path)] == [9, 8]  # 9 stays


def test_a_save_removes_what_a_killed_save_left_but_not_a_running_one(tmp_path: Path) -> None:
    """A process killed while saving left its temporary folder, the size of the vectors, for good."""
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead = subprocess.Popen([sys.executable, "-c", "pass"])
        dead.wait()
        for pid in (dead.pid, running.pid):
            (tmp_path / f"vectors-tmp-{pid}").mkdir()
            (tmp_path / f"vectors-tmp-{pid}" / "vectors.npy").write_bytes(b"half")
        (tmp_path / f"vectors-tmp-{10**30}").mkdir()  # no pid at all
        table_of(list(range(1, 21))).save(tmp_path, version=3)
        assert sorted(p.name for p in tmp_path.iterdir()) == [f"vectors-tmp-{running.pid}", "vectors-v3"]
        (tmp_path / f"vectors-tmp-{dead.pid}").mkdir()  # and one left when this version was saved already
        table_of(list(range(1, 21))).save(tmp_path, version=3)
        assert sorted(p.name for p in tmp_path.iterdir()) == [f"vectors-tmp-{running.pid}", "vectors-v3"]
    finally:
        running.kill()
        running.wait()


# -- the replica ------------------------------------------------------------------------


def change(article: str, chunks: int, day: int = 20230110, deleted: bool = False) -> ArticleChange:
    record = CatalogRecord(article, "f1", chunks, day, "cnn.com", article, "", seq=1, deleted=deleted)
    stored = [
        StoredChunk(
            chunk_id(article, "f1", i),
            f"{article} text {i}",
            {"published_day": day, "source": "cnn.com", "position": i, "title": article},
            unit(hash((article, i)) % 10_000).tolist(),
        )
        for i in range(0 if deleted else chunks)
    ]
    return ArticleChange(record, stored)


def vectors_of(replica: Replica) -> dict[str, np.ndarray]:
    """Chunk id -> vector as the replica's in-memory table holds it."""
    found = {}
    vectors = replica._vectors()
    rows = [int(r) for table in (vectors.base, vectors.tail) for r in table.rows[: table.size]]
    for row, passage in replica.passages(rows).items():
        vector = vectors.vector(row)
        if vector is not None:
            found[passage.chunk_id] = vector.copy()
    return found


def test_a_new_process_starts_from_the_snapshot_and_reads_only_later_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest.replica, "SNAPSHOT_AFTER_ROWS", 10)
    folder = tmp_path / "replica"
    writer = Replica(folder)
    writer.apply([change(f"a{i}", 3) for i in range(6)], seq=1)  # 18 chunks
    assert writer.vectors_behind_snapshot() == 18
    writer.prepare_vectors()  # read 18 >= 10 from SQLite: saved
    assert [v for _, v in snapshots(writer.snapshot_folder)] == [writer.version()]
    assert writer.vectors_behind_snapshot() == 0
    snapshot_version = writer.version()
    writer.apply([change("a0", 0, deleted=True), change("b", 2)], seq=2)  # after the snapshot
    expected = vectors_of(writer)
    # Zero the vectors SQLite holds for the snapshot's chunks: a reader that read them from
    # SQLite rather than the snapshot would differ from the writer.
    zeros = np.zeros(DIMS, dtype=np.float32).tobytes()
    writer._db.execute("UPDATE chunks SET vector = ? WHERE version <= ?", (zeros, snapshot_version))

    reader = Replica(folder)
    loaded = vectors_of(reader)
    assert reader._memory_version == writer.version()
    assert set(loaded) == {f"a{i}:f1:{p}" for i in range(1, 6) for p in range(3)} | {"b:f1:0", "b:f1:1"}
    assert set(expected) == set(loaded)
    assert all(np.array_equal(loaded[c], expected[c]) for c in expected)


def test_a_snapshot_from_before_a_reset_or_damaged_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest.replica, "SNAPSHOT_AFTER_ROWS", 1)
    folder = tmp_path / "replica"
    first = Replica(folder)
    first.apply([change("old", 4)], seq=1)
    first.prepare_vectors()
    (stale,) = snapshots(first.snapshot_folder)
    first.reset()  # e.g. after a re-embed
    first.apply([change("new", 2)], seq=2)
    assert stale[1] < first.version()
    assert set(vectors_of(Replica(folder))) == {"new:f1:0", "new:f1:1"}

    for path, _ in snapshots(first.snapshot_folder):
        (path / "vectors.npy").write_bytes(b"not an array")
    assert set(vectors_of(Replica(folder))) == {"new:f1:0", "new:f1:1"}  # read from SQLite instead


def test_a_late_snapshot_of_a_replica_since_set_aside_is_not_loaded_by_its_successor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A damaged replica database is set aside and the replica rebuilt from Chroma, while another
    process still holds the old database open. That process's later snapshot, of its own rows,
    must not be loaded by the new replica when the version numbers meet (stop 43's note)."""
    folder = tmp_path / "replica"
    holder = Replica(folder)  # the process holding the database that is set aside
    holder.apply([change("old", 4)], seq=1)
    holder._set_aside()  # what a process that found the file damaged does
    rebuilt = Replica(folder)
    rebuilt.apply([change("new", 4)], seq=1)
    assert rebuilt.version() == holder.version()  # the same version number, other rows
    expected = vectors_of(rebuilt)  # read from its SQLite (too few to save a snapshot)
    monkeypatch.setattr(ingest.replica, "SNAPSHOT_AFTER_ROWS", 1)
    holder.prepare_vectors()  # the late save (its rows have the same row numbers)

    def same_vectors(replica: Replica) -> bool:
        loaded = vectors_of(replica)
        return loaded.keys() == expected.keys() and all(np.array_equal(loaded[c], expected[c]) for c in expected)

    # That process read them from SQLite, saved its own snapshot and removed the other replica's.
    assert same_vectors(Replica(folder))
    assert [p.name for p in folder.iterdir() if p.name.startswith("vectors-")] == [rebuilt.snapshot_folder.name]
    assert same_vectors(Replica(folder))


def test_another_process_sees_a_reset(tmp_path: Path) -> None:
    folder = tmp_path / "replica"
    follower = Replica(folder)
    writer = Replica(folder)
    writer.apply([change("old", 3)], seq=1)
    follower.refresh()
    assert len(vectors_of(follower)) == 3
    writer.reset()
    writer.apply([change("new", 1)], seq=2)
    follower.refresh()
    assert set(vectors_of(follower)) == {"new:f1:0"}


def test_rows_added_after_a_snapshot_go_to_a_second_table_that_is_searched_too(tmp_path: Path) -> None:
    saved = table_of(list(range(1, 21))).save(tmp_path, version=3)
    vectors = Vectors.load(saved)
    base_matrix = vectors.base.vectors
    vectors.add([30, 31], np.stack([unit(30), unit(31)]), [20230101, 20230102], ["c", "a"])
    assert vectors.base.vectors is base_matrix  # the loaded snapshot was not copied to grow it
    assert vectors.live == 22 and np.array_equal(vectors.vector(31), unit(31))
    assert vectors.search(unit(31), 1, None, None, [])[0][0] == 31
    assert vectors.search(unit(5), 1, None, None, [])[0][0] == 5
    assert {r for r, _ in vectors.search(unit(30), 50, None, None, ["c"])} == {30}
    vectors.remove([5, 30])
    assert vectors.live == 20 and vectors.vector(5) is None and vectors.vector(30) is None
    with pytest.raises(ValueError, match="increasing"):
        vectors.add([10], unit(10)[None, :], [20230101], ["a"])  # below the snapshot's last row
    whole = VectorTable.load(vectors.save(tmp_path, version=4))  # one table again
    assert whole.live == 20 and np.array_equal(whole.vector(31), unit(31))
    assert {r for r, _ in whole.search(unit(31), 50, None, None, ["a"])} >= {31}


def test_a_snapshot_saved_already_at_this_version_is_not_joined_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`newsdesk ingest` saves a snapshot at its end; a running bot that then reads the same rows
    from SQLite asks to save that version too. Joining its two tables first copied every vector
    (1 GB at a million chunks) under the replica's lock, only to find the snapshot there."""
    vectors = Vectors.load(table_of(list(range(1, 21))).save(tmp_path, version=3))
    vectors.add([30, 31], np.stack([unit(30), unit(31)]), [20230101, 20230102], ["c", "a"])
    saved_by_the_ingest = vectors.save(tmp_path, version=4)
    monkeypatch.setattr(VectorTable, "joined", lambda parts: pytest.fail("joined the tables again"))
    assert vectors.save(tmp_path, version=4) == saved_by_the_ingest
    assert VectorTable.load(saved_by_the_ingest).live == 22
