"""The keyword index (tantivy): updated in place, filtered by day and outlet, shared by processes."""

import multiprocessing
from pathlib import Path

import pytest

from ingest.lexical import LexicalDoc, LexicalIndex


def doc(row: int, article: str, text: str, day: int = 20230101, source: str = "cnn.com") -> LexicalDoc:
    return LexicalDoc(row, article, day, source, text)


@pytest.fixture
def index(tmp_path: Path) -> LexicalIndex:
    lexical = LexicalIndex(tmp_path / "lexical")
    lexical.update(
        [],
        [
            doc(1, "a", "Ferries cancelled as the storm reaches the harbour", 20230105),
            doc(2, "a", "The mayor said ferries would run again on Friday", 20230105),
            doc(3, "b", "Storm damage in the harbour is estimated at millions", 20230110, "bbc.co.uk"),
            doc(4, "c", "Rates held steady at the central bank", 0, ""),
        ],
    )
    return lexical


def rows(hits: list[tuple[int, float]]) -> list[int]:
    return [row for row, _ in hits]


def test_ranks_by_bm25_with_stemming_and_stop_words(index: LexicalIndex) -> None:
    assert rows(index.search("ferry", 10)) == [1, 2] or rows(index.search("ferry", 10)) == [2, 1]
    assert set(rows(index.search("storms in the harbour", 10))) == {1, 3}
    assert index.search("the and of", 10) == []  # only stop words
    scores = [score for _, score in index.search("storm harbour ferries", 10)]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)


def test_day_window_and_outlets(index: LexicalIndex) -> None:
    assert set(rows(index.search("storm", 10, max_day=20230106))) == {1}
    assert set(rows(index.search("storm", 10, min_day=20230106))) == {3}
    assert rows(index.search("storm", 10, min_day=20230106, max_day=20230109)) == []
    assert set(rows(index.search("rates storm", 10, max_day=20230101))) == {4}  # undated is day 0
    assert set(rows(index.search("storm", 10, outlets=["bbc.co.uk"]))) == {3}
    assert set(rows(index.search("storm", 10, outlets=["bbc.co.uk", "cnn.com"]))) == {1, 3}
    assert index.search("storm", 10, outlets=["nowhere.example"]) == []


def test_every_term_keeps_only_chunks_holding_all_of_them(index: LexicalIndex) -> None:
    assert set(rows(index.search("storm ferries", 10))) == {1, 2, 3}
    assert rows(index.search("storm ferries", 10, every_term=True)) == [1]
    assert rows(index.search("storm ferries", 10, min_day=20230106, every_term=True)) == []


@pytest.mark.parametrize(
    "query", ['"unbalanced', "AND OR NOT", "storm:(", "-storm +harbour", "title:storm", "*", "storm^3 [1 TO 2]", ""]
)
def test_user_text_is_never_query_syntax(index: LexicalIndex, query: str) -> None:
    hits = index.search(query, 10)  # no parse error, whatever the user typed
    assert set(rows(hits)) <= {1, 2, 3, 4}


def test_replacing_an_article_removes_its_old_chunks(index: LexicalIndex) -> None:
    index.update(["a"], [doc(5, "a", "Ferries are back after the storm", 20230107)])
    assert set(rows(index.search("ferries", 10))) == {5}
    assert index.count() == 3
    index.update(["b", "c"], [])
    assert index.count() == 1


def _writer(folder: str, start: int) -> None:
    writer = LexicalIndex(Path(folder))
    for n in range(start, start + 20):
        writer.update([], [doc(n, f"w{n}", f"bulletin number {n} about ferries")])


def test_another_process_sees_each_commit(tmp_path: Path) -> None:
    folder = tmp_path / "lexical"
    reader = LexicalIndex(folder)
    assert reader.search("bulletin", 50) == []
    context = multiprocessing.get_context("spawn")
    worker = context.Process(target=_writer, args=(str(folder), 100))
    worker.start()
    worker.join(timeout=120)
    assert worker.exitcode == 0
    reader.reload()
    assert set(rows(reader.search("bulletin", 50))) == set(range(100, 120))
