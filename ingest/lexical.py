"""The BM25 side of the index, built with bm25s and persisted next to the Chroma index.

It is rebuilt from Chroma's stored chunks after every change, so Chroma stays the one
source of truth: a BM25 index that is missing or older than the collection (after a
crash between the two writes) is simply rebuilt.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from filelock import FileLock

STATE_FILE = "newsdesk-lexical.json"
# bm25s sets its own logger to DEBUG on import; its per-call chatter is not for users.
logging.getLogger("bm25s").setLevel(logging.WARNING)


def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def tokenize(texts: Sequence[str]) -> bm25s.tokenization.Tokenized:
    return bm25s.tokenize(list(texts), stopwords="en", stemmer=_stemmer(), show_progress=False)


@dataclass
class LexicalIndex:
    """BM25 over every stored chunk; `days` holds each chunk's published day (YYYYMMDD, 0 unknown)."""

    chunk_ids: list[str]
    days: np.ndarray
    generation: str
    bm25: bm25s.BM25 | None

    @classmethod
    def build(cls, chunk_ids: list[str], texts: list[str], days: list[int], generation: str) -> LexicalIndex:
        if not chunk_ids:
            return cls([], np.zeros(0, dtype=np.int64), generation, None)
        bm25 = bm25s.BM25()
        bm25.index(tokenize(texts), show_progress=False)
        return cls(list(chunk_ids), np.asarray(days, dtype=np.int64), generation, bm25)

    def search(
        self, query: str, k: int, min_day: int | None = None, max_day: int | None = None
    ) -> list[tuple[str, float]]:
        """The k best (chunk id, BM25 score) pairs, only among chunks published in [min_day, max_day]."""
        if self.bm25 is None or not query.strip():
            return []
        mask = np.ones(len(self.chunk_ids), dtype=bool)
        if min_day is not None:
            mask &= self.days >= min_day
        if max_day is not None:
            mask &= self.days <= max_day
        allowed = int(mask.sum())
        if allowed == 0:
            return []
        tokens = tokenize([query])
        if not tokens.vocab or all(len(ids) == 0 for ids in tokens.ids):
            return []
        # bm25s tokenizes the query with its own ids; map them to the corpus vocabulary.
        words = [word for word, _ in sorted(tokens.vocab.items(), key=lambda item: item[1])]
        query_words = [[words[i] for i in ids] for ids in tokens.ids]
        query_words = [[w for w in ws if w in self.bm25.vocab_dict] for ws in query_words]
        if not query_words[0]:
            return []
        documents, scores = self.bm25.retrieve(
            query_words,
            k=min(k, allowed),
            show_progress=False,
            weight_mask=mask.astype(np.float32),
            n_threads=1,
        )
        return [
            (self.chunk_ids[int(doc)], float(score))
            for doc, score in zip(documents[0], scores[0], strict=True)
            if score > 0
        ]

    def save(self, folder: Path) -> None:
        """Write atomically: a reader sees the old index or the new one, never half of one.
        A file lock keeps two processes (a bot and an ingest) from swapping folders at once."""
        folder.parent.mkdir(parents=True, exist_ok=True)
        with _lock(folder):
            self._save(folder)

    def _save(self, folder: Path) -> None:
        staging = folder.with_name(folder.name + ".new")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        if self.bm25 is not None:
            self.bm25.save(str(staging), show_progress=False)
        np.save(staging / "days.npy", self.days)
        (staging / STATE_FILE).write_text(
            json.dumps({"generation": self.generation, "chunk_ids": self.chunk_ids}), encoding="utf-8"
        )
        old = folder.with_name(folder.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if folder.exists():
            folder.rename(old)
        staging.rename(folder)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex | None:
        """The saved index, or None when there is none (or it is unreadable)."""
        state_path = folder / STATE_FILE
        if not folder.parent.is_dir():
            return None
        with _lock(folder):
            if not state_path.is_file():
                return None
            return cls._load(folder, state_path)

    @classmethod
    def _load(cls, folder: Path, state_path: Path) -> LexicalIndex | None:
        try:
            state = json.loads(state_path.read_text(encoding="utf-8"))
            days = np.load(folder / "days.npy")
            bm25 = bm25s.BM25.load(str(folder)) if state["chunk_ids"] else None
        except (OSError, ValueError, KeyError):
            return None
        return cls(state["chunk_ids"], days, state["generation"], bm25)

    @staticmethod
    def saved_generation(folder: Path) -> str | None:
        generation = _read_generation(folder)
        if generation is None and folder.with_name(folder.name + ".lock").exists():
            # Perhaps read between a save's two renames: ask again once that save is done,
            # rather than rebuild the whole index for nothing.
            with _lock(folder):
                generation = _read_generation(folder)
        return generation


def _read_generation(folder: Path) -> str | None:
    try:
        return json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))["generation"]
    except (OSError, ValueError, KeyError):
        return None


def _lock(folder: Path) -> FileLock:
    return FileLock(str(folder.with_name(folder.name + ".lock")))
