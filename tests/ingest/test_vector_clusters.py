"""A large snapshot's clusters (ingest.vector_clusters): a wide window scores only the rows of
the clusters nearest to the query, and never a row the filters or a removal leave out. The
thresholds are lowered so that a table of a few thousand rows has clusters."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import ingest.replica
import ingest.vector_clusters
import ingest.vectors
from ingest.catalog import CatalogRecord, StoredChunk, chunk_id
from ingest.replica import ArticleChange, Replica
from ingest.vector_clusters import CENTRES_FILE, ORDER_FILE, Clusters
from ingest.vectors import Vectors, VectorTable, snapshots

DIMS = 16
ROWS = 4_000


@pytest.fixture(autouse=True)
def small_clusters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest.vectors, "CLUSTER_FROM_ROWS", 1_000)
    monkeypatch.setattr(ingest.vector_clusters, "CLUSTER_FROM_ROWS", 1_000)
    monkeypatch.setattr(ingest.vector_clusters, "ROWS_PER_CLUSTER", 100)  # 40 clusters
    monkeypatch.setattr(ingest.vectors, "PROBED_SHARE", 0.1)  # 4 of them


def topical_vectors(count: int, seed: int = 0) -> np.ndarray:
    """Unit vectors around 40 topics, as news chunks gather around stories."""
    rng = np.random.default_rng(seed)
    topics = rng.normal(size=(40, DIMS))
    vectors = topics[rng.integers(0, 40, count)] + 0.35 * rng.normal(size=(count, DIMS))
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def day_of(row: int) -> int:
    """Rows in date order through 2023, eleven a day (an archive ingested in date order)."""
    ordinal = np.datetime64("2023-01-01") + (row - 1) // 11
    return int(str(ordinal).replace("-", ""))


def clustered_table(tmp_path: Path) -> tuple[VectorTable, np.ndarray]:
    vectors = topical_vectors(ROWS)
    table = VectorTable()
    rows = list(range(1, ROWS + 1))
    table.add(rows, vectors, [day_of(r) for r in rows], ["a", "b"] * (ROWS // 2))
    tmp_path.mkdir(parents=True, exist_ok=True)
    return VectorTable.load(table.save(tmp_path, version=1)), vectors


class ProbeCounter:
    """Counts the rows the clusters offer (a spy: the real method still runs)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.offered: list[int] = []
        real = Clusters.nearest

        def counted(clusters: Clusters, query: np.ndarray, lists: int) -> tuple[np.ndarray, np.ndarray]:
            positions, scores = real(clusters, query, lists)
            self.offered.append(len(positions))
            return positions, scores

        monkeypatch.setattr(Clusters, "nearest", counted)


def test_a_large_snapshot_is_saved_with_its_clusters_and_a_small_one_without(tmp_path: Path) -> None:
    table, _ = clustered_table(tmp_path / "large")
    assert table.clusters is not None and table.clusters.count == 40
    assert sorted(table.clusters.order) == list(range(ROWS))
    small = VectorTable()
    small.add([1, 2], topical_vectors(2), [20230101, 20230102], ["a", "a"])
    (tmp_path / "small").mkdir()
    saved = small.save(tmp_path / "small", version=1)
    assert not (saved / CENTRES_FILE).exists()
    assert VectorTable.load(saved).clusters is None


def test_each_row_is_found_by_its_own_vector_and_the_search_scores_a_few_clusters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row belongs to the cluster whose centre is nearest to it, which is the first probed
    when the row itself is the query: so every row finds itself, with cosine 1."""
    table, vectors = clustered_table(tmp_path)
    probes = ProbeCounter(monkeypatch)
    for row in range(1, ROWS + 1, 37):
        found = table.search(vectors[row - 1], 5, None, None, [])
        assert found[0][0] == row and found[0][1] == pytest.approx(1.0, abs=1e-5)
    assert probes.offered and max(probes.offered) < ROWS // 3


def test_the_clustered_search_finds_nearly_what_the_exact_one_does(tmp_path: Path) -> None:
    table, _ = clustered_table(tmp_path)
    exact = VectorTable.load(next(tmp_path.glob("vectors-v*")))
    exact.clusters = None
    overlap = []
    for query in topical_vectors(100, seed=1):
        near = {row for row, _ in table.search(query, 10, None, None, [])}
        best = {row for row, _ in exact.search(query, 10, None, None, [])}
        overlap.append(len(near & best) / 10)
    assert np.mean(overlap) >= 0.9


@pytest.mark.parametrize(("min_day", "max_day", "outlets"), [(None, 20230930, []), (20230301, None, ["b"])])
def test_the_filters_hold_in_a_clustered_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, min_day: int | None, max_day: int | None, outlets: list[str]
) -> None:
    table, _ = clustered_table(tmp_path)
    probes = ProbeCounter(monkeypatch)
    for query in topical_vectors(20, seed=2):
        found = table.search(query, 50, min_day, max_day, outlets)
        assert len(found) == 50
        for row, _ in found:
            assert (min_day or 0) <= day_of(row) <= (max_day or 99999999)
            assert not outlets or row % 2 == 0  # outlet "b" holds the even rows
    assert len(probes.offered) == 20  # each of them was clustered


def test_a_narrow_window_is_searched_exactly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fewer rows allowed than CLUSTER_FROM_ROWS: the clusters nearest to the query might hold
    none of them, so the window's rows are all scored."""
    table, vectors = clustered_table(tmp_path)
    probes = ProbeCounter(monkeypatch)
    window = (20230201, 20230228)
    inside = [r for r in range(1, ROWS + 1) if window[0] <= day_of(r) <= window[1]]
    for query in topical_vectors(10, seed=3):
        brute = sorted(inside, key=lambda r: -float(vectors[r - 1] @ query))[:10]
        assert [row for row, _ in table.search(query, 10, *window, [])] == brute
    assert probes.offered == []


def test_removed_rows_never_come_back_and_a_compacted_table_is_clustered_again_when_saved(tmp_path: Path) -> None:
    table, vectors = clustered_table(tmp_path)
    removed = [3, *range(2, ROWS + 1, 2)]
    table.remove(removed[:10])
    for row in removed[:10]:
        assert row not in {r for r, _ in table.search(vectors[row - 1], 20, None, None, [])}
    table.remove(removed[10:])
    table.compact()  # as a save does, or a remove leaving under half of a large table
    assert table.size == ROWS // 2 - 1
    assert table.clusters is None  # they held the old positions: searched exactly meanwhile
    for row in range(5, ROWS + 1, 42):  # odd rows, still there
        assert table.search(vectors[row - 1], 1, None, None, [])[0][0] == row
    saved = VectorTable.load(table.save(tmp_path, version=2))
    assert saved.clusters is not None and len(saved.clusters.order) == ROWS // 2 - 1
    for row in range(5, ROWS + 1, 42):
        assert saved.search(vectors[row - 1], 1, None, None, [])[0][0] == row


def test_rows_added_to_a_clustered_table_are_found(tmp_path: Path) -> None:
    table, _ = clustered_table(tmp_path)
    extra = topical_vectors(1, seed=4)
    table.add([ROWS + 1], extra, [20240101], ["c"])
    assert table.search(extra[0], 1, None, None, [])[0][0] == ROWS + 1


def test_clusters_that_do_not_fit_the_snapshot_are_refused_and_its_vectors_searched_exactly(tmp_path: Path) -> None:
    """Damaged cluster files are not used; the snapshot's vectors are sound, so the table loads
    without clusters (rather than every start reading the vectors from SQLite again)."""
    _, vectors = clustered_table(tmp_path)
    folder = next(tmp_path.glob("vectors-v*"))
    order = np.load(folder / ORDER_FILE)
    damaged = {
        "do not fit": [order[:-1], order.astype(np.float64)],
        "each row once": [order + ROWS, np.concatenate([order[:1], order[:-1]])],  # out of range; one row twice
    }
    for message, files in damaged.items():
        for wrong in files:
            np.save(folder / ORDER_FILE, wrong)
            with pytest.raises(ValueError, match=message):
                Clusters.load(folder, ROWS, DIMS, mapped=False)
            table = VectorTable.load(folder)
            assert table.clusters is None and table.search(vectors[99], 1, None, None, [])[0][0] == 100
    (folder / ORDER_FILE).write_bytes(b"")  # a crash before the data reached the disk
    with pytest.raises(ValueError, match="cut short"):
        Clusters.load(folder, ROWS, DIMS, mapped=False)
    assert VectorTable.load(folder).clusters is None
    (folder / "vectors.npy").write_bytes(b"")  # the vectors themselves: the snapshot is not used
    with pytest.raises(ValueError, match="cut short"):
        VectorTable.load(folder)


def test_a_save_that_fails_leaves_the_table_searched_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk while the grouped copy is written: no half snapshot, and the table keeps no
    clusters without their copy (every wide search had failed)."""
    vectors = topical_vectors(ROWS)
    table = VectorTable()
    table.add(list(range(1, ROWS + 1)), vectors, [day_of(r) for r in range(1, ROWS + 1)], ["a"] * ROWS)

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(np.lib.format, "write_array_header_2_0", full_disk)
    with pytest.raises(OSError, match="No space"):
        table.save(tmp_path, version=1)
    assert list(tmp_path.iterdir()) == []
    assert table.clusters is None
    assert table.search(vectors[10], 1, None, None, [])[0][0] == 11


def test_too_few_rows_in_the_nearest_clusters_and_the_search_is_exact(tmp_path: Path) -> None:
    table, _ = clustered_table(tmp_path)
    exact = VectorTable.load(next(tmp_path.glob("vectors-v*")))
    exact.clusters = None
    query = topical_vectors(1, seed=5)[0]
    # Four clusters of about 100 rows cannot give 2,000: every allowed row is scored instead.
    assert table.search(query, 2_000, None, None, []) == exact.search(query, 2_000, None, None, [])


def test_a_later_snapshot_keeps_the_earlier_centres_until_the_archive_grows_by_a_quarter(tmp_path: Path) -> None:
    """A bot saves a snapshot after reading many rows, holding its lock: its rows are assigned to
    the centres it has, without k-means, until there are a quarter more rows than they were
    learnt on (KEEP_CENTRES_GROWTH)."""
    table, _ = clustered_table(tmp_path / "first")
    assert table.clusters is not None
    centres = table.clusters.centres
    vectors = Vectors(table)
    later = topical_vectors(500, seed=6)
    vectors.add(list(range(ROWS + 1, ROWS + 501)), later, [20240101] * 500, ["c"] * 500)
    saved = VectorTable.load(vectors.save(tmp_path / "first", version=2))
    assert saved.clusters is not None and np.array_equal(saved.clusters.centres, centres)
    assert saved.search(later[7], 1, None, None, [])[0][0] == ROWS + 8
    grown = Vectors(saved)
    more = topical_vectors(1_000, seed=7)
    grown.add(list(range(ROWS + 501, ROWS + 1_501)), more, [20240102] * 1_000, ["c"] * 1_000)
    again = VectorTable.load(grown.save(tmp_path / "first", version=3))
    assert again.clusters is not None and again.clusters.count == 55  # learnt anew: 5,500 rows


def test_a_process_that_read_every_row_keeps_its_centres_too(tmp_path: Path) -> None:
    """No snapshot to start from (a first start, or after a reset): the rows sit in the growing
    table, whose clusters a new row drops; their centres stay for the next save."""
    vectors = Vectors()
    first = topical_vectors(ROWS)
    vectors.add(list(range(1, ROWS + 1)), first, [20230101] * ROWS, ["a"] * ROWS)
    tmp_path.mkdir(exist_ok=True)
    saved = VectorTable.load(vectors.save(tmp_path, version=1))
    assert saved.clusters is not None
    vectors.add([ROWS + 1], topical_vectors(1, seed=8), [20230102], ["a"])
    assert vectors.tail.clusters is None
    again = VectorTable.load(vectors.save(tmp_path, version=2))
    assert again.clusters is not None and np.array_equal(again.clusters.centres, saved.clusters.centres)


def test_a_joined_table_holds_no_more_room_than_its_rows() -> None:
    """Grown part by part, it had doubled: 2 GB at 1M."""
    parts = []
    for start, count in ((1, 5_000), (5_001, 100)):  # a snapshot, and the rows added since
        part = VectorTable()
        part.add(list(range(start, start + count)), topical_vectors(count), [20230101] * count, ["a"] * count)
        parts.append(part)
    parts[0].remove([1, 2])
    joined = VectorTable.joined(parts)
    assert joined.size == 5_098 and len(joined.vectors) == 5_098


def test_a_new_process_starts_from_a_clustered_snapshot_and_finds_each_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The replica's path: a large ingest's snapshot is saved with clusters, and the next process
    searches them; with its cluster files damaged, it searches the snapshot's vectors exactly."""
    monkeypatch.setattr(ingest.replica, "SNAPSHOT_AFTER_ROWS", 100)
    vectors = topical_vectors(1_200)
    changes = []
    for article in range(120):
        record = CatalogRecord(f"a{article}", "f1", 10, 20230110, "cnn.com", f"a{article}", "", seq=1)
        stored = [
            StoredChunk(
                chunk_id(f"a{article}", "f1", i),
                f"a{article} text {i}",
                {"published_day": 20230110, "source": "cnn.com", "position": i, "title": f"a{article}"},
                vectors[10 * article + i].tolist(),
            )
            for i in range(10)
        ]
        changes.append(ArticleChange(record, stored))
    folder = tmp_path / "replica"
    writer = Replica(folder)
    writer.apply(changes, seq=1)
    writer.prepare_vectors()
    (snapshot, _), *_ = snapshots(writer.snapshot_folder)
    assert (snapshot / CENTRES_FILE).exists()

    def finds_each_chunk(replica: Replica) -> bool:
        for at in range(0, 1_200, 53):
            (row, _), *_ = replica.dense_search(vectors[at], 3, None, 20230131, [])
            if replica.passages([row])[row].chunk_id != chunk_id(f"a{at // 10}", "f1", at % 10):
                return False
        return True

    reader = Replica(folder)
    assert finds_each_chunk(reader)
    assert reader._vectors().base.clusters is not None
    (snapshot / ORDER_FILE).write_bytes(b"")
    again = Replica(folder)
    assert finds_each_chunk(again)
    base = again._vectors().base
    assert base.size == 1_200 and base.clusters is None  # the snapshot's vectors, searched exactly


def test_earlier_centres_of_another_model_are_not_kept() -> None:
    vectors = topical_vectors(2_000)
    other_model = Clusters.build(np.hstack([vectors, vectors])).centres  # twice the dimensions
    clusters = Clusters.build(vectors, other_model)
    assert clusters.centres.shape == (20, DIMS)


def test_a_snapshot_that_cannot_be_saved_does_not_fail_the_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A full disk: the process that read many vectors answers anyway (a snapshot only speeds up
    the next start), and says why there is none."""
    monkeypatch.setattr(ingest.replica, "SNAPSHOT_AFTER_ROWS", 10)
    vectors = topical_vectors(20)
    record = CatalogRecord("a", "f1", 20, 20230110, "cnn.com", "a", "", seq=1)
    meta = {"published_day": 20230110, "source": "cnn.com", "title": "a"}
    stored = [
        StoredChunk(chunk_id("a", "f1", i), f"a text {i}", {**meta, "position": i}, vectors[i].tolist())
        for i in range(20)
    ]
    Replica(tmp_path / "replica").apply([ArticleChange(record, stored)], seq=1)

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Vectors, "save", full_disk)
    reader = Replica(tmp_path / "replica")
    (row, _), *_ = reader.dense_search(vectors[3], 1, None, None, [])  # reads 20 >= 10 rows, then saves
    assert reader.passages([row])[row].chunk_id == chunk_id("a", "f1", 3)
    assert "Could not save a vector snapshot" in caplog.text
