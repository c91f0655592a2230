"""Clusters of a large snapshot's vectors, so that a search over a wide window scores the rows
of the clusters nearest to the question rather than every row (an inverted-file index).

At a million chunks the exact search reads the whole 1 GB matrix for every question, about half
of an answer's time there. When a snapshot of at least CLUSTER_FROM_ROWS rows is saved, k-means
(scikit-learn's) groups its rows around about one centre per ROWS_PER_CLUSTER rows; a search then
scores only the rows of its nearest clusters. That is approximate: a row nearer to the question
than the ones found may sit in a cluster not looked at. Smaller tables are searched exactly (the
whole corpus's 94 k rows take 4-6 ms), and so are narrower windows (see ingest.vectors).

The snapshot keeps a second copy of its vectors, grouped by cluster, so that a cluster's rows are
scored where they lie: gathering the 40 k rows of 30 clusters from the row-ordered matrix took
about as long as the exact search saves (20 ms against 4 ms for the grouped copy's slices, on a
busy machine). It costs as much disk as the vectors (1 GB at 1M); read from the page cache, only
the probed clusters' pages are touched.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

CLUSTER_FROM_ROWS = 300_000
ROWS_PER_CLUSTER = 1_000
# k-means learns the centres from a sample of this many rows a cluster (40 k at 1M). Three times
# as many found 0.932 rather than 0.922 of the exact top 50, in twice the time (29 against 15 s
# at 1M, on a busy machine).
SAMPLE_ROWS_PER_CLUSTER = 40
# A later snapshot keeps the earlier centres up to this many times the rows they were learnt on.
# A review's synthetic archive grown 1.8-fold with new topics kept 0.63 of the exact top 10 for
# them, against 0.85 with centres learnt anew.
KEEP_CENTRES_GROWTH = 1.25
# Rows assigned to their nearest centre this many at a time (a block's scores: 16 k x 1 k floats).
ASSIGN_BLOCK = 16_384
CENTRES_FILE = "cluster-centres.npy"
ORDER_FILE = "cluster-order.npy"  # the positions of the rows, cluster by cluster
STARTS_FILE = "cluster-starts.npy"  # where each cluster's rows start in that order
GROUPED_FILE = "cluster-vectors.npy"  # the vectors in that order


class Clusters:
    """The clusters' centres (unit length, compared by dot product), the table's positions
    grouped cluster by cluster, and the vectors in that order."""

    def __init__(
        self, centres: np.ndarray, order: np.ndarray, starts: np.ndarray, grouped: np.ndarray | None = None
    ) -> None:
        self.centres = centres
        self.order = order
        self.starts = starts
        self.grouped = grouped  # None until saved: the copy is written to the snapshot, then mapped

    @property
    def count(self) -> int:
        return len(self.centres)

    @classmethod
    def build(cls, vectors: np.ndarray, earlier: np.ndarray | None = None) -> Clusters:
        """Clusters of these vectors. The centres of an earlier snapshot of the same archive are
        kept while it has grown by less than a quarter (KEEP_CENTRES_GROWTH): its rows are only
        assigned to them, without k-means (a running bot saves a snapshot after reading many rows,
        holding its lock). Beyond that, new stories would crowd into clusters made for others."""
        if (
            earlier is not None
            and earlier.shape[1] == vectors.shape[1]  # not another embedding model's
            and len(vectors) < KEEP_CENTRES_GROWTH * len(earlier) * ROWS_PER_CLUSTER
        ):
            centres = earlier
        else:
            centres = learnt_centres(vectors, max(1, len(vectors) // ROWS_PER_CLUSTER))
        membership = np.empty(len(vectors), dtype=np.int32)
        for start in range(0, len(vectors), ASSIGN_BLOCK):
            block = np.asarray(vectors[start : start + ASSIGN_BLOCK], dtype=np.float32)
            membership[start : start + len(block)] = np.argmax(block @ centres.T, axis=1)
        order = np.argsort(membership, kind="stable").astype(np.int32)  # positions ascending within a cluster
        starts = np.searchsorted(membership[order], np.arange(len(centres) + 1)).astype(np.int64)
        return cls(centres, order, starts)

    def lists_to_probe(self, probed_share: float) -> int:
        return min(self.count, max(1, math.ceil(probed_share * self.count)))

    def nearest(self, query: np.ndarray, lists: int) -> tuple[np.ndarray, np.ndarray]:
        """The positions of the rows in the `lists` clusters whose centres are nearest to the
        query, and their scores (dot products with the query)."""
        if self.grouped is None:
            raise RuntimeError("clusters are searched once saved")
        grouped, query = self.grouped, query.astype(np.float32)
        closeness = np.nan_to_num(self.centres @ query, nan=0.0)
        nearest = np.argpartition(-closeness, lists - 1)[:lists] if lists < self.count else np.arange(self.count)
        nearest.sort()  # the grouped copy read front to back
        spans = [(int(self.starts[c]), int(self.starts[c + 1])) for c in nearest]
        positions = np.concatenate([self.order[first:last] for first, last in spans])
        scores = np.concatenate([grouped[first:last] @ query for first, last in spans])
        return positions, scores

    def save(self, folder: Path, vectors: np.ndarray) -> None:
        """Write the clusters and the table's vectors in their order, a block at a time (a copy in
        memory would be another 1 GB at 1M), and search that file from now on. Plain writes, not
        a writable mapping: a full disk is then an OSError rather than a SIGBUS that kills the bot."""
        np.save(folder / CENTRES_FILE, self.centres)
        np.save(folder / ORDER_FILE, self.order)
        np.save(folder / STARTS_FILE, self.starts)
        header = {"descr": np.lib.format.dtype_to_descr(np.dtype(np.float32)), "fortran_order": False}
        with (folder / GROUPED_FILE).open("wb") as out:
            np.lib.format.write_array_header_2_0(out, {**header, "shape": (len(self.order), vectors.shape[1])})
            for start in range(0, len(self.order), ASSIGN_BLOCK):
                block = vectors[self.order[start : start + ASSIGN_BLOCK]]
                out.write(np.ascontiguousarray(block, dtype=np.float32).tobytes())
        # Mapped, as a loaded snapshot's; the mapping outlives the folder's rename into place.
        self.grouped = np.load(folder / GROUPED_FILE, mmap_mode="r")

    @classmethod
    def load(cls, folder: Path, size: int, dims: int, mapped: bool) -> Clusters | None:
        """The clusters saved in a snapshot folder, or None if it has none (a small table's, or
        one saved before clusters were). The grouped vectors are mapped when the table's are.
        Files that do not fit the table raise ValueError: the snapshot is then not used."""
        if not (folder / CENTRES_FILE).exists():
            return None
        try:
            centres = np.load(folder / CENTRES_FILE)
            order = np.load(folder / ORDER_FILE)
            starts = np.load(folder / STARTS_FILE)
            grouped = np.load(folder / GROUPED_FILE, mmap_mode="r" if mapped else None)
        except EOFError as exc:  # an empty file (a crash before the data reached the disk)
            raise ValueError(f"the clusters of snapshot {folder} are cut short") from exc
        fits = (
            centres.ndim == 2
            and centres.shape[1] == dims
            and order.dtype.kind == "i"
            and starts.dtype.kind == "i"
            and len(order) == size
            and grouped.shape == (size, dims)
            and len(starts) == len(centres) + 1
            and starts[0] == 0
            and starts[-1] == size
            and bool(np.all(np.diff(starts) >= 0))
        )
        if not fits:
            raise ValueError(f"the clusters of snapshot {folder} do not fit its vectors")
        # Each row once (5 ms at 1M): a row held twice would come back twice, and another never.
        if size and (order.min() < 0 or order.max() >= size or np.bincount(order, minlength=size).max() > 1):
            raise ValueError(f"the clusters of snapshot {folder} do not hold each row once")
        return cls(centres, order, starts, grouped)


def learnt_centres(vectors: np.ndarray, count: int) -> np.ndarray:
    """`count` k-means centres of a sample of the vectors, of unit length."""
    from sklearn.cluster import KMeans  # only a large snapshot's save needs it (1 s to import)

    sampled = min(len(vectors), count * SAMPLE_ROWS_PER_CLUSTER)
    picked = np.sort(np.random.default_rng(0).choice(len(vectors), sampled, replace=False))
    kmeans = KMeans(n_clusters=count, init="random", n_init=1, max_iter=25, random_state=0)
    kmeans.fit(np.asarray(vectors[picked], dtype=np.float32))
    return unit_rows(kmeans.cluster_centers_.astype(np.float32))


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)
