"""The replica's vectors in memory, searched with numpy, and their snapshot on disk.

A search is exact, scoring every row its filters allow, except over a window of at least 300 k
rows of a snapshot saved with clusters, which scores the rows of the clusters nearest to the
query (ingest/vector_clusters.py).

Every live chunk's vector sits in one matrix with its replica row, day and outlet. A date
window or an outlet filter is a mask over that matrix, so its cost does not depend on how old
or how narrow the window is (Chroma's filtered query scans the metadata of every chunk).

Rows only grow (SQLite's AUTOINCREMENT) and are appended in order, so the row column stays
sorted and a row is found by binary search: no per-row dictionary to build at start-up.

A snapshot (plain .npy files, one folder per replica version) lets a new process start from
the vectors as they were at that version and read only the later changes from SQLite:
reading a million vectors row by row from SQLite takes about 7 s, loading the snapshot a
fraction of a second. `Vectors` keeps the loaded snapshot as it is and puts later chunks in a
second, growing table: growing the loaded one would copy it (1 GB at a million chunks).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ingest.vector_clusters import CLUSTER_FROM_ROWS, Clusters

log = logging.getLogger(__name__)

SNAPSHOT_PREFIX = "vectors-v"
TEMPORARY_PREFIX = "vectors-tmp-"  # and the pid of the process writing it
# A search whose filters leave fewer than 1/NARROW_SHARE of the rows between the first and the
# last they allow scores only those.
NARROW_SHARE = 4
_ARRAYS = ("rows", "vectors", "days", "outlets")
# Snapshot vectors larger than this are memory-mapped rather than read: at 1M chunks (1 GB)
# reading them took 0.5-3 s of every cold `newsdesk ask`, and a search over the mapped pages
# takes about what it does in memory (65 against 61 ms), while the bots on one machine share one
# copy in the page cache. Smaller ones are read (0.05 s for the whole corpus's 96 MB): mapped, a
# search of them took 15% longer.
MAP_ABOVE_BYTES = 256 * 2**20
# A search whose filters allow at least CLUSTER_FROM_ROWS rows of a table with clusters scores
# the rows of the clusters nearest to the query: this share of them, over the share of the rows
# the filters allow (an as-of day halfway through the archive probes twice as many). At 1M chunks
# and the 760 dev questions asked of the whole archive, 3% gave the exact search's answer to 735
# of them, 8% to 750, in about the same time (bench/README.md).
PROBED_SHARE = 0.05


class VectorTable:
    """Every live chunk's vector, day and outlet code, in arrays that grow in place."""

    def __init__(self) -> None:
        self.size = 0  # filled positions, live or not
        self.live = 0
        self.dims = 0
        self.rows = np.zeros(0, dtype=np.int64)
        self.vectors = np.zeros((0, 0), dtype=np.float32)
        self.days = np.zeros(0, dtype=np.int32)
        self.outlets = np.zeros(0, dtype=np.int32)
        self.alive = np.zeros(0, dtype=bool)
        self.outlet_codes: dict[str, int] = {}
        self.clusters: Clusters | None = None  # of the rows at positions 0..size-1, if built
        # The centres of the last clusters, kept when new rows or a compaction drop the clusters:
        # the next save assigns the rows to them rather than run k-means (see Clusters.build).
        self.centres: np.ndarray | None = None

    def reserve(self, extra: int, dims: int) -> None:
        """Make room for `extra` more rows (exactly, when the table is empty: a first load)."""
        if self.dims == 0:
            self.dims = dims
            self.vectors = np.zeros((0, dims), dtype=np.float32)
        needed = self.size + extra
        if needed <= len(self.rows):
            return
        capacity = max(needed, 2 * len(self.rows), 1024) if len(self.rows) else needed
        self.rows = np.resize(self.rows, capacity)
        self.days = np.resize(self.days, capacity)
        self.outlets = np.resize(self.outlets, capacity)
        alive = np.zeros(capacity, dtype=bool)
        alive[: self.size] = self.alive[: self.size]
        self.alive = alive
        vectors = np.zeros((capacity, self.dims), dtype=np.float32)
        vectors[: self.size] = self.vectors[: self.size]
        self.vectors = vectors

    def add(
        self,
        rows: Sequence[int] | np.ndarray,
        vectors: np.ndarray,
        days: Sequence[int] | np.ndarray,
        outlets: Sequence[str],
    ) -> None:
        """Append chunks whose rows are all greater than any held (new rows only grow)."""
        if not len(rows):
            return
        row_array = np.asarray(rows, dtype=np.int64)
        if np.any(np.diff(row_array) <= 0) or (self.size and row_array[0] <= self.rows[self.size - 1]):
            raise ValueError("vector rows must be added in increasing order")
        self.reserve(len(rows), vectors.shape[1])
        self.clusters = None  # they would not hold the new rows
        start, end = self.size, self.size + len(rows)
        self.rows[start:end] = row_array
        self.vectors[start:end] = vectors
        self.days[start:end] = days
        codes = {o: self.outlet_codes.setdefault(o, len(self.outlet_codes)) for o in set(outlets)}
        self.outlets[start:end] = [codes[o] for o in outlets]
        self.alive[start:end] = True
        self.size = end
        self.live += len(rows)

    def _positions(self, rows: Sequence[int]) -> np.ndarray:
        """Positions of the rows that are held and alive."""
        wanted = np.asarray(rows, dtype=np.int64)
        if not len(wanted) or not self.size:
            return np.zeros(0, dtype=np.int64)
        found = np.unique(np.searchsorted(self.rows[: self.size], wanted))  # a row absent maps to its neighbour
        found = found[found < self.size]
        return found[np.isin(self.rows[found], wanted) & self.alive[found]]

    def remove(self, rows: Sequence[int]) -> None:
        positions = self._positions(rows)
        self.alive[positions] = False
        self.live -= len(positions)
        if self.size > 4096 and self.live < self.size // 2:
            self.compact()

    def compact(self) -> None:
        """Drop the removed rows (kept as dead positions until then)."""
        keep = np.flatnonzero(self.alive[: self.size])
        if len(keep) == self.size:
            return
        self.rows = self.rows[keep]
        self.vectors = self.vectors[keep]
        self.days = self.days[keep]
        self.outlets = self.outlets[keep]
        self.alive = np.ones(len(keep), dtype=bool)
        self.size = self.live = len(keep)
        self.clusters = None  # their positions are the old ones: the next save builds them again

    def vector(self, row: int) -> np.ndarray | None:
        # One row at a time, without _positions' arrays: a search reads the vectors of the
        # keyword side's hits one by one, and the arrays cost more than the search itself.
        position = int(np.searchsorted(self.rows[: self.size], row))
        if position < self.size and self.rows[position] == row and self.alive[position]:
            return self.vectors[position]
        return None

    def search(
        self, query: np.ndarray, k: int, min_day: int | None, max_day: int | None, outlets: Sequence[str]
    ) -> list[tuple[int, float]]:
        """The k rows nearest to the query (by cosine) inside the filters: exactly, or among the
        nearest clusters' rows (see _clustered)."""
        if self.size == 0 or k <= 0:
            return []
        n = self.size
        mask = self.alive[:n].copy()
        if max_day is not None:
            mask &= self.days[:n] <= max_day
        if min_day is not None:
            mask &= self.days[:n] >= min_day
        if outlets:
            codes = [self.outlet_codes[o] for o in outlets if o in self.outlet_codes]
            mask &= np.isin(self.outlets[:n], codes)
        allowed = int(mask.sum())
        if allowed == 0:
            return []
        near = self._clustered(query, mask, allowed, k)
        positions, scores, inside = near if near is not None else self._exact(query, mask, allowed)
        # A query of no direction (NaN) must not bring back rows the filters leave out (a review's).
        scores[np.isnan(scores) | ~inside] = -np.inf
        k = min(k, allowed)
        kth = scores[np.argpartition(-scores, k - 1)[k - 1]]
        # Ties (copies of one wire story) go by row, so which of them come back does not depend on
        # where the rows lie in memory; then nearest first.
        tied = np.flatnonzero((scores >= kth) & inside)
        top = tied[np.lexsort((self.rows[positions[tied]], -scores[tied]))[:k]]
        return [(int(self.rows[positions[i]]), float(scores[i])) for i in top]

    def _exact(self, query: np.ndarray, mask: np.ndarray, allowed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every allowed row's position and score, and which of the positions are allowed."""
        n = self.size
        # The rows the filters allow lie between the first and the last of them: an archive
        # ingested in date order keeps a period's rows together, and an as-of day cuts off the
        # newer ones. Only that span is scored: each search reads every vector it scores, and
        # reading all 94 k took 6 ms.
        first = int(np.argmax(mask))
        last = n - int(np.argmax(mask[::-1]))
        if allowed * NARROW_SHARE < last - first:
            # A narrow window scattered through the span ("this week" of an archive ingested out
            # of order, or one outlet's): its rows alone are scored, gathered.
            positions = np.flatnonzero(mask)
            return positions, self.vectors[positions] @ query.astype(np.float32), np.ones(len(positions), dtype=bool)
        return np.arange(first, last), self.vectors[first:last] @ query.astype(np.float32), mask[first:last]

    def _clustered(
        self, query: np.ndarray, mask: np.ndarray, allowed: int, k: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """The positions in the clusters nearest to the query, their scores and which of them
        are allowed; or None where the search is to be exact: no clusters, a window too narrow
        for them, or too few allowed rows found."""
        if self.clusters is None or self.clusters.grouped is None or allowed < CLUSTER_FROM_ROWS:
            return None
        lists = self.clusters.lists_to_probe(PROBED_SHARE * self.size / allowed)
        if lists >= self.clusters.count:
            return None
        positions, scores = self.clusters.nearest(query, lists)
        inside = mask[positions]
        return (positions, scores, inside) if int(np.count_nonzero(inside)) >= k else None

    # -- snapshot -------------------------------------------------------------------------

    def save(self, folder: Path, version: int, earlier_centres: np.ndarray | None = None) -> Path:
        """Write the live vectors as they are at this replica version, with their clusters when
        there are enough of them (see ingest.vector_clusters; `earlier_centres` may be kept);
        older snapshots go, newer ones stay.
        Written to a temporary folder and renamed, so a reader never sees half a snapshot."""
        self.compact()
        target = snapshot_path(folder, version)
        if target.exists():
            remove_abandoned_temporaries(folder)
            return target
        temporary = folder / f"{TEMPORARY_PREFIX}{os.getpid()}"
        shutil.rmtree(temporary, ignore_errors=True)
        temporary.mkdir()
        arrays = {
            "rows": self.rows[: self.size],
            "vectors": self.vectors[: self.size],
            "days": self.days[: self.size],
            "outlets": self.outlets[: self.size],
        }
        try:
            for name, array in arrays.items():
                np.save(temporary / f"{name}.npy", np.ascontiguousarray(array))
            clusters = self.clusters
            if self.size >= CLUSTER_FROM_ROWS:
                earlier = earlier_centres if earlier_centres is not None else self.centres
                clusters = clusters or Clusters.build(self.vectors[: self.size], earlier)
                clusters.save(temporary, self.vectors[: self.size])
            outlet_names = sorted(self.outlet_codes, key=self.outlet_codes.__getitem__)
            meta = {"version": version, "size": self.size, "dims": self.dims, "outlets": outlet_names}
            (temporary / "meta.json").write_text(json.dumps(meta))  # last: its presence means complete
        except BaseException:
            shutil.rmtree(temporary, ignore_errors=True)  # a full disk leaves no half snapshot
            raise
        # Searched from now on only once written whole: clusters without their grouped copy
        # would fail every wide search.
        self.clusters = clusters
        self.centres = clusters.centres if clusters is not None else self.centres
        try:
            temporary.rename(target)
        except OSError:  # another process saved the same version first
            shutil.rmtree(temporary, ignore_errors=True)
        for older, saved in snapshots(folder):
            # Only older ones: a process behind the others (its replica not yet at their version)
            # had deleted the newer snapshot they start from.
            if saved < version:
                shutil.rmtree(older, ignore_errors=True)
        remove_abandoned_temporaries(folder)
        return target

    @classmethod
    def joined(cls, parts: Sequence[VectorTable]) -> VectorTable:
        """One table holding the live rows of these tables (in row order)."""
        table = cls()
        # Room for all of them at once: grown part by part, it had doubled (2 GB at 1M).
        if parts:
            table.reserve(sum(part.live for part in parts), parts[0].dims)
        for part in parts:
            keep = np.flatnonzero(part.alive[: part.size])
            if not len(keep):
                continue
            names = sorted(part.outlet_codes, key=part.outlet_codes.__getitem__)
            table.add(part.rows[keep], part.vectors[keep], part.days[keep], [names[c] for c in part.outlets[keep]])
        return table

    @classmethod
    def load(cls, snapshot: Path) -> VectorTable:
        """The table saved in this snapshot folder. Large vectors are memory-mapped, read only
        (see MAP_ABOVE_BYTES); a snapshot is never written in place (a new version is a new folder,
        renamed into place), so a mapped file does not change."""
        meta = json.loads((snapshot / "meta.json").read_text())
        mapped = (snapshot / "vectors.npy").stat().st_size > MAP_ABOVE_BYTES
        try:
            arrays = {
                name: np.load(snapshot / f"{name}.npy", mmap_mode="r" if name == "vectors" and mapped else None)
                for name in _ARRAYS
            }
        except EOFError as exc:  # an empty file: the replica then reads the vectors from SQLite
            raise ValueError(f"snapshot {snapshot} is cut short") from exc
        size = int(meta["size"])
        if any(len(array) != size for array in arrays.values()):
            raise ValueError(f"snapshot {snapshot} is inconsistent")
        table = cls()
        table.size = table.live = size
        table.dims = int(meta["dims"]) if size else 0
        table.rows, table.vectors, table.days, table.outlets = (arrays[name] for name in _ARRAYS)
        table.alive = np.ones(size, dtype=bool)
        table.outlet_codes = {name: code for code, name in enumerate(meta["outlets"])}
        try:
            table.clusters = Clusters.load(snapshot, size, table.dims, mapped)
        except (OSError, ValueError) as exc:
            # Its vectors are sound: searched exactly, rather than read again from SQLite at every
            # start (the snapshot is not saved again while the replica's version stays).
            log.warning("Not using the clusters of %s (%s): searching its vectors exactly", snapshot, exc)
        table.centres = table.clusters.centres if table.clusters is not None else None
        return table


class Vectors:
    """The replica's vectors: a base table (a loaded snapshot, or empty) and a table for the
    rows added since, which grows. Searches look at both and keep the best."""

    def __init__(self, base: VectorTable | None = None) -> None:
        self.base = base or VectorTable()
        self.tail = VectorTable()

    @classmethod
    def load(cls, snapshot: Path) -> Vectors:
        return cls(VectorTable.load(snapshot))

    @property
    def live(self) -> int:
        return self.base.live + self.tail.live

    def reserve(self, extra: int, dims: int) -> None:
        self.tail.reserve(extra, dims)

    def add(
        self,
        rows: Sequence[int] | np.ndarray,
        vectors: np.ndarray,
        days: Sequence[int] | np.ndarray,
        outlets: Sequence[str],
    ) -> None:
        if len(rows) and self.base.size and rows[0] <= self.base.rows[self.base.size - 1]:
            raise ValueError("vector rows must be added in increasing order")
        self.tail.add(rows, vectors, days, outlets)

    def remove(self, rows: Sequence[int]) -> None:
        self.base.remove(rows)
        self.tail.remove(rows)

    def sorted_days(self) -> np.ndarray:
        """The published day of every live dated row, sorted (undated rows are day 0)."""
        days = np.concatenate([t.days[: t.size][t.alive[: t.size]] for t in (self.base, self.tail)])
        return np.sort(days[days > 0])

    def vector(self, row: int) -> np.ndarray | None:
        found = self.base.vector(row)
        return found if found is not None else self.tail.vector(row)

    def search(
        self, query: np.ndarray, k: int, min_day: int | None, max_day: int | None, outlets: Sequence[str]
    ) -> list[tuple[int, float]]:
        hits = self.base.search(query, k, min_day, max_day, outlets)
        hits += self.tail.search(query, k, min_day, max_day, outlets)
        return sorted(hits, key=lambda hit: (-hit[1], hit[0]))[:k]  # ties by row, as in each table

    def save(self, folder: Path, version: int) -> Path:
        """A snapshot of both tables as one (the next process maps it whole)."""
        target = snapshot_path(folder, version)
        if target.exists():
            # Saved already, most often by the ingest that wrote these rows (`newsdesk ingest` saves
            # one at its end): joining the tables first would copy every vector for nothing, under
            # the replica's lock (1 GB at a million chunks).
            return target
        parts = [part for part in (self.base, self.tail) if part.live]
        if len(parts) <= 1:  # no copy: one of them holds every row (or none)
            return (parts or [self.base])[0].save(folder, version, self.centres())
        return VectorTable.joined(parts).save(folder, version, self.centres())

    def centres(self) -> np.ndarray | None:
        """The centres of the last clusters either table had (the base's first)."""
        return self.base.centres if self.base.centres is not None else self.tail.centres


def remove_abandoned_temporaries(folder: Path) -> None:
    """Remove the half-written snapshots of processes that died saving one: each is the size of
    the vectors (a gigabyte at 1M chunks), and nothing else would ever remove it. One of a live
    process (another ingest or the bot saving now) is left to it. Processes are told by pid, so
    the index folder is one machine's (and one container's): another's live save would be taken
    for a dead one's, as the embedded Chroma's file locks assume anyway."""
    for temporary in folder.glob(f"{TEMPORARY_PREFIX}*"):
        pid = temporary.name.removeprefix(TEMPORARY_PREFIX)
        if pid.isdigit() and int(pid) != os.getpid() and not _process_alive(int(pid)):
            shutil.rmtree(temporary, ignore_errors=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0 only checks that the process exists
    except (ProcessLookupError, OverflowError):  # none, or a number no pid can be
        return False
    except PermissionError:  # another user's process
        pass
    return True


def snapshot_path(folder: Path, version: int) -> Path:
    return folder / f"{SNAPSHOT_PREFIX}{version}"


def snapshots(folder: Path) -> list[tuple[Path, int]]:
    """The complete snapshots in the folder, newest first."""
    found = []
    for path in folder.glob(f"{SNAPSHOT_PREFIX}*"):
        version = path.name.removeprefix(SNAPSHOT_PREFIX)
        if version.isdigit() and (path / "meta.json").exists():
            found.append((path, int(version)))
    return sorted(found, key=lambda item: -item[1])
