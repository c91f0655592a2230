"""Data that crosses module boundaries: small frozen dataclasses, never dicts.

Their JSON form comes from one converter, newsdesk/serialise.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Annotated

from pydantic import PlainSerializer

from newsdesk.serialise import to_json

# A relevance score in JSON keeps four decimals: enough to compare passages, without float noise.
Score = Annotated[float, PlainSerializer(lambda value: round(value, 4), return_type=float, when_used="json")]


# The longest title kept; a longer one is cut at a word, with "…". News headlines run to about 150.
MAX_TITLE_CHARS = 300
# How far back from that limit a title is cut at a space, rather than inside a word.
TITLE_WORD_SEARCH = 60


@dataclass(frozen=True)
class Article:
    """One news article as read from a source, before chunking."""

    id: str
    title: str
    text: str
    published: date | None = None
    source: str | None = None  # the outlet, e.g. "cnn.com"
    url: str | None = None
    authors: tuple[str, ...] = ()
    origin: str = ""  # where it was read from, for messages: a file, "file[3]" (a JSON list's item), "pasted text"
    line: int | None = None  # its line in a JSON Lines file
    # The id an earlier version of Newsdesk gave the same record, where it differs (an "id" of 0, an
    # id-less text with Windows line ends): that article is replaced, not kept beside this one.
    former_id: str | None = None

    def __post_init__(self) -> None:
        # A tester's 2 MB title was printed whole in every answer citing it, and in the timeline.
        if len(self.title) > MAX_TITLE_CHARS:
            head = self.title[:MAX_TITLE_CHARS]
            # At a word near the end, not at the last space of all ("Breaking: xxxx…" is "Breaking…").
            at_word = head.rsplit(" ", 1)[0]
            cut = at_word if len(at_word) >= MAX_TITLE_CHARS - TITLE_WORD_SEARCH else head
            object.__setattr__(self, "title", cut.rstrip(" ,;:-") + "…")

    @property
    def where(self) -> str:
        """Where it was read from, in one string ("feed.jsonl:2")."""
        return f"{self.origin}:{self.line}" if self.line is not None else self.origin


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk of an article, with the article's citation data."""

    chunk_id: str
    article_id: str
    title: str
    text: str
    published: date | None
    source: str | None
    url: str | None
    position: int  # chunk index inside its article
    score: Score = 0.0
    also_in: tuple[str, ...] = ()  # other outlets that ran the same passage (syndicated copies)
    # The start of the sentence the chunk begins inside, from the chunk before it ("Turkey was
    # slammed by the Feb." before "6 quakes that … killed more than 41,000 people."): quoted with it.
    lead: str = ""
    # The end of the sentence the chunk stops inside of, from the chunk after it.
    tail: str = ""


@dataclass(frozen=True)
class Citation:
    """A numbered source of an answer: the article and the verbatim quote used."""

    n: int
    article_id: str
    title: str
    source: str | None
    url: str | None
    published: date | None
    quote: str
    also_in: tuple[str, ...] = ()  # other outlets that ran the same story


@dataclass(frozen=True)
class Answer:
    """What the answer service returns for one question."""

    question: str
    text: str
    abstained: bool
    citations: tuple[Citation, ...] = ()
    passages: tuple[Passage, ...] = ()
    date_range: tuple[date, date] | None = None
    date_range_label: str | None = None  # e.g. "this week (2023-01-23 to 2023-01-29)"
    as_of: date | None = None
    notice: str | None = None  # e.g. "The language model timed out; extractive answer shown."
    mode: str = "extractive"  # or "generative"
    declined_because: str | None = None  # why it abstained, e.g. "no article mentions 1950"
    # The chunk id of the passage read from before the question's period, for background.
    background: str | None = None


@dataclass(frozen=True)
class IngestFailure:
    """One input that could not be ingested, and why."""

    path: str
    line: int | None
    error: str


@dataclass(frozen=True)
class SkippedFile:
    """A file in a folder given to ingest that is of no article type (a photo, a spreadsheet):
    passed over, and named so that nobody wonders where it went."""

    path: str
    # A link to a file the same folder walk reads anyway (under its own name): no other type, and
    # a probe took "Skipped … files of other types: links/fire-cause-link.txt" for a bug.
    link: bool = False


@dataclass(frozen=True)
class SkippedDraft:
    """A Markdown draft ("draft: true" or "published: false" in its front matter): not for
    readers yet, so not ingested, and named so that nobody wonders where it went."""

    path: str


@dataclass(frozen=True)
class SkippedSectionPage:
    """A Hugo section page (an "_index.md" found in a folder): it introduces the list of a
    section's articles and is none itself, so it is passed over, and named."""

    path: str


# The keys of `newsdesk ingest --json`, in the order users have always seen them.
INGEST_SUMMARY_FIELDS = ("added", "updated", "unchanged", "deleted", "failed", "chunks")


@dataclass
class IngestReport:
    """Summary of one ingest run."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    chunks: int = 0  # chunks written by this run
    words: int = 0  # words of the articles written, for throughput figures
    failed: list[IngestFailure] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files in folders of no article type
    links: list[str] = field(default_factory=list)  # links in folders to files read anyway
    drafts: list[str] = field(default_factory=list)  # Markdown drafts, not ingested
    sections: list[str] = field(default_factory=list)  # Hugo section pages (_index.md) in folders
    # (id, earlier file, this file): an article replaced by another file of the same name
    renamed: list[tuple[str, str, str]] = field(default_factory=list)
    # (id, what it was, what replaced it): an article replaced by one of another outlet or address
    overwritten: list[tuple[str, str, str]] = field(default_factory=list)
    # (id, why): articles not written because they would replace one the index holds (its id, or
    # its address), and this ingest may only add (a Discord editor's, see Ingestor.ingest_results)
    kept: list[tuple[str, str]] = field(default_factory=list)
    # (id, why): articles written at the address of another, which is most often the same article
    # under another id (the index then quotes both versions)
    same_address: list[tuple[str, str]] = field(default_factory=list)
    # (id, where it was read, its day): articles dated after the day they were ingested, which
    # no question asked before that day can use
    future: list[tuple[str, str, date]] = field(default_factory=list)
    # (id, where it was read): articles with no date, which no question asked of a past day can use
    undated: list[tuple[str, str]] = field(default_factory=list)
    # (address, id): articles `--delete` was given by their address
    deleted_at_address: list[tuple[str, str]] = field(default_factory=list)
    written: set[str] = field(default_factory=set)  # the ids this run added or updated

    def as_json(self) -> dict[str, object]:
        """The `newsdesk ingest --json` summary; `words` (a benchmark figure), `skipped`, `drafts`,
        `sections`, `renamed`, `overwritten`, `same_address`, `future` and `undated` (said on
        standard error) stay out of it, so its shape stays as it always was."""
        return to_json(self, INGEST_SUMMARY_FIELDS)


@dataclass(frozen=True)
class IndexStats:
    """What `newsdesk stats` reports."""

    articles: int
    chunks: int
    first_published: date | None
    last_published: date | None
    outlets: dict[str, int]  # outlet -> article count
    # Articles with no date (answered from only as of today), and dated after today (a typo such as
    # 2031 for 2021 leaves one unused): a tester's 89 undated articles were in no figure.
    undated: int = 0
    dated_after_today: int = 0
    # Each outlet's first and last day (None when all its articles are undated): an editor found
    # only by a filtered question failing that cnn.com, a third of the archive, ends in 2022.
    outlet_spans: dict[str, tuple[date, date] | None] = field(default_factory=dict)
