"""The BM25 side of the local replica: a tantivy index that is updated in place.

Adding or replacing one article costs what that article costs (tantivy writes a small new
segment and merges segments in the background), instead of rebuilding BM25 over every
chunk. Dates and outlets are indexed too, so a question's date window and outlet filter
are applied inside the search, not by scanning afterwards.
"""

from __future__ import annotations

import math
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import tantivy

ANALYZER = "news_en"
MAX_DAY = 99991231
WRITER_HEAP_BYTES = 64_000_000
IDF_PRIOR_CHUNKS = 10_000


def _idf(total: int, df: int) -> float:
    return math.log(1 + (total - df + 0.5) / (df + 0.5))


@dataclass(frozen=True)
class LexicalDoc:
    """One chunk as the keyword index sees it."""

    row: int
    article_id: str
    day: int
    source: str
    text: str  # title and chunk text


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("row", stored=True, indexed=False, fast=True)
    builder.add_text_field("article_id", stored=False, tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("day", stored=False, indexed=True, fast=True)
    builder.add_text_field("source", stored=False, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("text", stored=False, tokenizer_name=ANALYZER, index_option="freq")
    return builder.build()


def _analyzer() -> tantivy.TextAnalyzer:
    """English words, lower-cased, without stop words, Snowball-stemmed (as bm25s with
    PyStemmer did before, so keyword scores stay comparable)."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stopword("english"))
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


class LexicalIndex:
    """BM25 over the replica's chunks, keyed by replica row."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        self._index = tantivy.Index(self.schema, path=str(folder), reuse=True)
        self._analyzer = _analyzer()
        self._index.register_tokenizer(ANALYZER, self._analyzer)

    def reload(self) -> None:
        """See what the last commit (of any process) wrote."""
        self._index.reload()

    def count(self) -> int:
        return int(self._index.searcher().num_docs)

    def update(self, remove_articles: Iterable[str], add: Sequence[LexicalDoc]) -> None:
        """Remove every chunk of these articles, add these chunks, and commit (one transaction)."""
        writer = self._index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=1)
        try:
            for article_id in remove_articles:
                writer.delete_documents_by_term("article_id", article_id)
            for doc in add:
                writer.add_document(
                    tantivy.Document(
                        row=doc.row, article_id=doc.article_id, day=doc.day, source=doc.source, text=doc.text
                    )
                )
            writer.commit()
        except BaseException:
            writer.rollback()
            del writer  # releases tantivy's writer lock for the next process
            raise
        # Waits for the merges this commit started (and releases the writer lock). Dropping the
        # writer instead abandons them: at 1 M chunks that left 429 segments, and a search took
        # 45 ms instead of 8 ms on the merged index.
        writer.wait_merging_threads()
        self._index.reload()

    def terms(self, text: str) -> list[str]:
        """The text's distinct index terms (stemmed, no stop words), in order."""
        return list(dict.fromkeys(self._analyzer.analyze(text)))

    def idf(self, terms: Sequence[str]) -> dict[str, float]:
        """Each term's inverse document frequency over the indexed chunks, smoothed as if
        the archive held IDF_PRIOR_CHUNKS more chunks without it: in a small archive a plain
        word that happens to be missing would otherwise weigh like a rare name."""
        total = int(self._index.searcher().num_docs) + IDF_PRIOR_CHUNKS
        return {term: _idf(total, held) for term, held in self.doc_freq(terms).items()}

    def doc_freq(self, terms: Sequence[str]) -> dict[str, int]:
        """How many indexed chunks hold each term."""
        searcher = self._index.searcher()
        return {term: int(searcher.doc_freq("text", term)) for term in terms}

    def unseen_idf(self) -> float:
        """The idf of a term that no chunk holds (the largest there is)."""
        return _idf(int(self._index.searcher().num_docs) + IDF_PRIOR_CHUNKS, 0)

    def near(self, word: str, k: int, edits: int = 1) -> list[int]:
        """Rows of up to k chunks holding a term `edits` edits from the word's (a letter added, dropped,
        changed, or two swapped): where a misspelt word's right spelling may be written."""
        tokens = self._analyzer.analyze(word)
        if len(tokens) != 1:
            return []
        query = tantivy.Query.fuzzy_term_query(
            self.schema, "text", tokens[0], distance=edits, transposition_cost_one=True
        )
        searcher = self._index.searcher()
        return [int(searcher.doc(address)["row"][0]) for _, address in searcher.search(query, k, count=False).hits]

    def clear(self) -> None:
        """Start from an empty index (to rebuild it after a crash left it behind)."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self.__init__(self.folder)  # type: ignore[misc]

    def search(
        self,
        query: str,
        k: int,
        min_day: int | None = None,
        max_day: int | None = None,
        outlets: Sequence[str] = (),
        every_term: bool = False,
    ) -> list[tuple[int, float]]:
        """The k best (row, BM25 score) pairs among chunks inside the date window and outlets;
        with `every_term`, only chunks holding every term of the query."""
        # Analysed here and turned into term queries, so nothing a user types is query syntax.
        tokens = list(dict.fromkeys(self._analyzer.analyze(query)))
        if not tokens:
            return []
        occur = tantivy.Occur.Must if every_term else tantivy.Occur.Should
        terms = tantivy.Query.boolean_query(
            [(occur, tantivy.Query.term_query(self.schema, "text", t, "freq")) for t in tokens]
        )
        clauses = [(tantivy.Occur.Must, terms)]
        if min_day is not None or max_day is not None:
            window = tantivy.Query.range_query(
                self.schema,
                "day",
                tantivy.FieldType.Integer,
                min_day if min_day is not None else 0,
                max_day if max_day is not None else MAX_DAY,
            )
            clauses.append((tantivy.Occur.Must, tantivy.Query.const_score_query(window, 0.0)))
        if outlets:
            chosen = tantivy.Query.term_set_query(self.schema, "source", list(outlets))
            clauses.append((tantivy.Occur.Must, tantivy.Query.const_score_query(chosen, 0.0)))
        searcher = self._index.searcher()
        result = searcher.search(tantivy.Query.boolean_query(clauses), k, count=False)
        hits = []
        for score, address in result.hits:
            if score > 0:
                hits.append((int(searcher.doc(address)["row"][0]), float(score)))
        return hits
