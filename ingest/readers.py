"""Read articles from files, folders, stdin or raw bytes.

Formats:
- the sample format: optional leading whitespace, ``date YYYY-MM-DD``, a space, the body;
- plain text / Markdown, with an optional front matter block (YAML between ``---`` lines or
  TOML between ``+++`` lines, as Jekyll and Hugo write it) giving its title, date, url, source
  and id;
- JSON (one object or a list of objects) and JSON Lines, optionally gzipped, with the
  fields id, title, url, source, published (or date), authors, text (or body).

Every problem becomes an `IngestFailure` naming the file and line; readers never raise
for bad input, so one malformed article cannot stop the rest.
"""

from __future__ import annotations

import codecs
import contextlib
import email.utils
import gzip
import hashlib
import io
import itertools
import json
import math
import os
import re
import stat
import tomllib
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml
from frontmatter.default_handlers import BaseHandler, YAMLHandler

from ingest.file_types import HTML_SUFFIXES, JSON_LINES_SUFFIXES, SUPPORTED, TEXT_SUFFIXES, has_article_suffix
from ingest.html_text import html_to_text, looks_like_html, page_record
from newsdesk.dates import LAST_DAY
from newsdesk.models import Article, IngestFailure, SkippedDraft, SkippedFile, SkippedSectionPage
from newsdesk.settings import IngestSettings
from newsdesk.surrogates import SURROGATE, without_surrogates
from newsdesk.text import collapse_whitespace, sentence_spans, shown_text, shows_anything

# The sample format: "date 2023-01-31 Body…" after optional whitespace.
# At the very end of the text only when it looks like a day: "date 2023-02-20" with no text is a
# failure, "Date palms" an article.
# The day starts with a digit, or is a word for one (a failure, "date yesterday": the day must be
# written out): "Date set for Ravensby by-election" is a headline, not a bad date.
# Not the words that are others too ("Date may change", "Date sun-dried tomatoes", "march", "sat").
DAY_WORDS = (
    r"yesterday|today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|jan(?:uary)?|feb(?:ruary)?|apr(?:il)?|june?|july?|aug(?:ust)?|sep(?:t|tember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# "date 2023-03-09 …", or "Date: 2023-03-09" as a memo writes it (only so: "Date: 05/01/2023", a
# header of another form, had failed its whole file, a review's). A time may follow the day, as a
# mail or an export writes it ("Date: 2023-03-05T10:00:00Z", "date 2023-03-05 10:00 UTC" on its own line): it is
# part of the header, not the article's first words, and had left the article undated.
# Only a time that ends the header's line: "date 2023-03-05 9:15 a.m. the council met" is a story.
HEADER_TIME = (
    r"(?:[ \t]\d{1,2}:\d\d(?::\d\d(?:\.\d+)?)?(?:[ \t]?(?:Z|UTC|GMT|[+-]\d\d:?\d\d)\b)?(?=[ \t]*(?:[\r\n]|\Z)))?"
)
SAMPLE_HEADER = re.compile(
    rf"\A\s*(?:date[ \t]+|date:[ \t]*(?=\d{{4}}-\d\d?-\d\d?(?:\b|T\d)))"
    rf"(\d\S*{HEADER_TIME}|(?:{DAY_WORDS})\b\S*)(?:[ \t\r\n]+|(?<=\d)\Z)",
    re.IGNORECASE,
)
# An HTML comment in a text or Markdown file: Markdown renders none, and an editor's note ("<!--
# TODO: confirm the mayor's pay -->") is no part of the article.
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)  # closed: "a comment opens with <!--" is prose
# "2023-3-5" too, as Jekyll writes it; a time may follow ("2023-01-31T10:00", "2023-01-31 10:00").
ISO_DATE = re.compile(r"\A(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[T ]\d)")
# The time after an ISO day, checked so that "2023-03-01T25:99" is no day either.
ISO_TIME = re.compile(r"[T ](\d{1,2}):(\d{2})(?::(\d{2}))?")
# A Jekyll post's file name: its day, then its slug.
JEKYLL_NAME = re.compile(r"\A(?P<day>\d{4}-\d\d-\d\d)-\S")
# A day written out, as people and some exports write it ("March 4, 2023", "4th March 2023",
# "Saturday, Mar. 4, 2023"), or year first with slashes ("2023/03/04"): each is one day. Not
# "03/04/2023", which is March 4 in one country and April 3 in another.
_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
         ("nov", "november"), ("dec", "december")),
        start=1,
    )
    for name in names
}  # fmt: skip
_WEEKDAY_FIRST = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_ORDINAL = r"(?:st|nd|rd|th)?"
WRITTEN_DATE = re.compile(
    rf"\A{_WEEKDAY_FIRST}(?:(?P<m1>[a-z]{{3,9}})\.?\s+(?P<d1>\d{{1,2}}){_ORDINAL},?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<m2>[a-z]{{3,9}})\.?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})[/.](?P<m3>\d{{1,2}})[/.](?P<d3>\d{{1,2}})"
    # Day and month either way round, when only one way is a day: a research probe's note dated
    # "03/25/2023" went in undated.
    rf"|(?P<a4>\d{{1,2}})/(?P<b4>\d{{1,2}})/(?P<y4>\d{{4}}))\b",
    re.IGNORECASE,
)


EITHER_WAY_ROUND = re.compile(r"\d{1,2}/\d{1,2}/\d{4}\b")

# What may follow a day on a line of its own: a time, its zone ("March 4, 2023 10:00 AM EST").
_DATE_LINE_REST = re.compile(
    r"(?:,?[ \t]*(?:at[ \t]+)?\d{1,2}:\d\d(?::\d\d)?(?:[ \t]*[ap]\.?m\.?)?"
    r"(?:[ \t]*(?:Z|[A-Z]{2,4}|[+-]\d\d:?\d\d))?)?[ \t]*\Z",
    re.IGNORECASE,
)
# What may follow an ISO day on a line of its own: its time and zone ("2023-03-04T10:00:00Z").
ISO_LINE_REST = re.compile(r"(?:[T ]\d{1,2}:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d|[ \t]?[A-Z]{2,4})?)?[ \t]*")
# An article's first line that is a day and nothing else, "Date:" before it or not: "Date: 4 March
# 2023", "March 4th, 2023", "Sat, 04 Mar 2023 10:00:00 GMT" (a tester's were left undated, and
# made the article's title). "Published:" and "Posted:" are the same line as news sites and CMS
# exports write it (a newcomer's "Published: March 4, 2023" was left undated, and made the title).
_FIRST_LINE = re.compile(
    r"\A\s*(?:(?:date|published|posted)(?:[ \t]+on)?:?[ \t]+)?(?P<day>[^\r\n]+?)[ \t]*(?:\r?\n|\Z)", re.IGNORECASE
)


def _date_line(text: str) -> tuple[date, int] | None:
    """The day the text's first line gives, when it gives nothing else, and where that line ends.
    Raises ValueError for a line that is a day no calendar has and nothing else ("29 February
    2023", "Published: 2023-13-04"): an edge-case tester's went in undated, the line taken for the
    article's title, where a JSON record's fails. A line with more than a day on it is the
    article's own ("Published: March 4, 2023 by Jane Doe", a review's had failed its article)."""
    line = _FIRST_LINE.match(text)
    if line is None or not re.search(r"\d{4}", line["day"]):
        return None
    day = line["day"]
    iso = ISO_DATE.match(day)
    whole = (
        (iso is not None and ISO_LINE_REST.fullmatch(day, iso.end()) is not None)
        or _written_date(day) is not None
        or (
            email.utils.parsedate_tz(day) is not None
            and re.match(r"\A(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}", day) is not None
        )
    )
    if not whole:
        return None  # "Published: March 4, 2023 by Jane Doe", "Date: Monday": the article's own line
    published = parse_date(day)  # a day no calendar has raises, as in JSON
    return (published, line.end()) if published else None


def _date_line_or_failure(text: str, origin: str, line: int) -> tuple[date, int] | IngestFailure | None:
    """_date_line, its ValueError as the article's failure at that line."""
    try:
        return _date_line(text)
    except ValueError as exc:
        return IngestFailure(origin, line, str(exc))


def _written_date(value: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a day written out (WRITTEN_DATE); None for any other text."""
    value = value.strip()
    found = WRITTEN_DATE.match(value)
    # The day and at most a time: "2023/03/04 was the day" and "May 5, 2023 – June 1, 2024" are
    # no one day (a review's).
    if found is None or _DATE_LINE_REST.match(value, found.end()) is None:
        return None
    if found["y4"]:
        # "03/25/2023" is read one way only; "03/04/2023" depends on the country (see parse_date).
        first, second = int(found["a4"]), int(found["b4"])
        if first > 12 or second > 12 or first == second:
            return (int(found["y4"]), second, first) if first > 12 else (int(found["y4"]), first, second)
        return None
    if found["y3"]:
        return int(found["y3"]), int(found["m3"]), int(found["d3"])
    month = _MONTH_NUMBERS.get((found["m1"] or found["m2"]).lower())
    if month is None:
        return None
    return int(found["y1"] or found["y2"]), month, int(found["d1"] or found["d2"])


# Go's zero time, which Hugo and other tools write for "no date": an undated article.
NO_DATE = date(1, 1, 1)
TITLE_MAX_CHARS = 90
# A title is derived from this much of the first line at most: the result is the same (a longer
# first sentence is cut to TITLE_MAX_CHARS anyway), and splitting a 100,000-character line into
# sentences to keep only the first would be wasted work.
TITLE_SCAN_CHARS = 4 * TITLE_MAX_CHARS
# The limits of the [ingest] settings' defaults, for a caller that passes none (an upload).
MAX_FILE_BYTES = int(IngestSettings().max_file_mb * 1_000_000)
MAX_ARTICLE_CHARS = IngestSettings().max_article_chars
ReadResult = Article | IngestFailure | SkippedFile | SkippedDraft | SkippedSectionPage

# Hugo's page bundles: every article is "index.md" in a folder named after it.
BUNDLE_STEMS = {"index", "_index"}
# A section's "_index.md" (Hugo's branch bundles, the home page among them) introduces a list of
# articles ("All our posts.") and is none itself: a folder's are passed over. One named on the
# command line is read, as asked.
SECTION_PAGE_NAMES = {"_index.md", "_index.markdown"}
# Front matter keys read, and the record field each gives (the first present wins).
FRONT_MATTER_FIELDS = {
    "id": ("id", "slug"),
    "title": ("title",),
    "published": ("date", "published", "publishDate", "pubDate"),
    "url": ("url", "link", "canonical_url"),
    "source": ("source", "outlet", "publication"),
    "authors": ("authors", "author"),
}

# The fields read from a JSON record: strings (or null), except where _wrong_field says otherwise.
RECORD_FIELDS = ("id", "title", "url", "source", "published", "date", "authors", "text", "body")
# Other names exports give those fields (RSS, JSON Feed, schema.org, WordPress, CMS exports), read
# when the field's own is absent, in this order: a tester's {"headline", "body", "pubDate", "link"}
# records went in without title, date or address, and {"content": …} failed as having no text.
RECORD_ALIASES = {
    "id": ("guid",),  # not "slug": "live-updates" is many pages' (a review's)
    "title": ("headline",),
    "url": ("link", "canonical_url", "permalink"),
    "source": ("outlet", "publication", "publisher"),
    "published": ("pubDate", "publishDate", "datePublished", "published_at", "publishedAt", "pub_date"),
    "authors": ("author", "byline"),
    "text": ("content", "articleBody", "content_text", "content_html", "description", "summary"),
}


# The count of characters left out that NewsAPI ends its "content" with; the "…" before it stays,
# so that the text shows it is cut.
NEWSAPI_CUT = re.compile(r"\s*\[\+\d+ chars\]\s*$")
NEWSAPI_REMOVED = "[Removed]"
# The names a record's text is read from, as the no-text failure lists them (a newcomer found
# three of the eight there).
TEXT_FIELDS = ", ".join(repr(n) for n in ("text", "body", *RECORD_ALIASES["text"][:-1])) + (
    f" or {RECORD_ALIASES['text'][-1]!r}"
)
ALIAS_NAMES = frozenset(name for names in RECORD_ALIASES.values() for name in names)


def read_paths(
    paths: Iterable[str],
    max_file_bytes: int,
    stdin_bytes: bytes | None = None,
    max_article_chars: int = MAX_ARTICLE_CHARS,
    not_walked: Iterable[Path] = (),
) -> Iterator[ReadResult]:
    """Articles and failures from every path; folders are walked (but not `not_walked`, the
    index's own), '-' is standard input."""
    skipped = frozenset(path.resolve() for path in not_walked)
    for result in _read_paths(paths, max_file_bytes, stdin_bytes, max_article_chars, skipped):
        if isinstance(result, IngestFailure | SkippedFile | SkippedSectionPage | SkippedDraft):
            # A path with bytes that are not UTF-8 is reported as printable text (and as JSON).
            result = replace(result, path=without_surrogates(result.path))
        yield result


def _read_paths(
    paths: Iterable[str],
    max_file_bytes: int,
    stdin_bytes: bytes | None,
    max_article_chars: int,
    not_walked: frozenset[Path] = frozenset(),
) -> Iterator[ReadResult]:
    for raw in paths:
        if raw == "-":
            yield from read_bytes(stdin_bytes or b"", STDIN, "stdin", max_file_bytes, max_article_chars)
            continue
        path = Path(raw)
        if path.is_dir():
            files, others, links, unreadable = _walk(path, not_walked)
            yield from unreadable
            sections = [file for file in files if file.name.lower() in SECTION_PAGE_NAMES]
            files = [file for file in files if file not in sections]
            if not files and not unreadable and not sections:
                yield IngestFailure(str(path), None, "folder holds no .txt, .md, .json or .jsonl files")
                continue
            for file in files:
                yield from read_file(file, max_file_bytes, max_article_chars)
            yield from (SkippedFile(str(other)) for other in others)
            yield from (SkippedFile(str(link), link=True) for link in links)
            yield from (SkippedSectionPage(str(section)) for section in sections)
        elif path.exists() and not has_article_suffix(path):
            # The same file inside a folder is skipped, so a named one is not guessed at either.
            yield IngestFailure(str(path), None, f"unsupported file type ({SUPPORTED})")
        elif path.exists():
            yield from read_file(path, max_file_bytes, max_article_chars)
        else:
            yield IngestFailure(str(path), None, "no such file or folder")


def _walk(
    folder: Path, not_walked: frozenset[Path] = frozenset()
) -> tuple[list[Path], list[Path], list[Path], list[IngestFailure]]:
    """The article files under a folder in name order, its other files (not hidden ones, such
    as .DS_Store), its links to article files it holds anyway, and a failure for each folder that
    cannot be listed. Links to folders are followed, each folder read once (a link back up is
    no loop); hidden folders (.git), a saved page's "_files" folder and `not_walked` folders (the
    index's own) are not read."""
    unreadable: list[IngestFailure] = []

    def report(exc: OSError) -> None:
        where = exc.filename if exc.filename is not None else str(folder)
        unreadable.append(IngestFailure(str(where), None, f"cannot read folder: {exc.strerror or exc}"))

    files, others = [], []
    walked = {folder.resolve()}
    # Followed: a probe's archive laid out with a linked "2023 -> real2023" was "no .txt, .md …
    # files", and a linked folder beside others was left out without a word.
    for root, folders, names in os.walk(folder, onerror=report, followlinks=True):
        inside = []
        for name in sorted(f for f in folders if not f.startswith(".") and not _saved_page_files(Path(root), f)):
            real = (Path(root) / name).resolve()
            # The index inside the folder: its files read as articles had failed every later run.
            if real not in walked and real not in not_walked:
                walked.add(real)
                inside.append(name)
        folders[:] = inside
        for name in names:
            path = Path(root) / name
            # A broken symlink is listed too, so it is reported as unreadable, not skipped.
            if _is_article_file(path) and (path.is_file() or (path.is_symlink() and not path.exists())):
                files.append(path)
            elif not name.startswith(".") and path.is_file():
                others.append(path)
    # A link to a file the walk reads anyway is that file again: read under the link's name, it
    # was a second article (a probe's link.txt beside nested/deep.txt). Skipped, and reported so.
    targets = {file.resolve() for file in files if not file.is_symlink()}
    links = [file for file in files if file.is_symlink() and file.exists() and file.resolve() in targets]
    files = [file for file in files if file not in links]
    return sorted(files), sorted(others), sorted(links), unreadable


def _saved_page_files(root: Path, name: str) -> bool:
    """A browser's "Webpage, Complete" folder of a saved page's images, scripts and frames
    ("story_files" beside "story.html"): its frames read as articles had collided as
    "saved_resource" (a review's)."""
    stem = name.removesuffix("_files")
    return stem != name and any((root / f"{stem}{suffix}").exists() for suffix in (".html", ".htm"))


def _is_article_file(path: Path) -> bool:
    return not path.name.startswith(".") and has_article_suffix(path)


def read_file(path: Path, max_file_bytes: int, max_article_chars: int = MAX_ARTICLE_CHARS) -> Iterator[ReadResult]:
    """Articles and failures from one file."""
    if SURROGATE.search(str(path)):
        # Its name gives a text article its id, which no index can store: "café.txt" named in
        # Latin-1 (old archives, zips) stopped a probe's whole folder with a traceback.
        yield IngestFailure(str(path), None, "the file's path is not valid UTF-8: rename it to ingest it")
        return
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode) and not stat.S_ISDIR(status.st_mode):  # a folder: "Is a directory"
            # A named pipe waits for a writer forever, and /dev/zero never ends (a probe's link to
            # it grew to 24 GB): their size says nothing of what reading them brings.
            yield IngestFailure(str(path), None, "not a regular file (a pipe, a device or a socket): not read")
            return
        size = status.st_size
        if size > max_file_bytes:
            yield IngestFailure(str(path), None, _too_big(size, max_file_bytes))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield IngestFailure(str(path), None, f"cannot read file: {exc.strerror or exc}")
        return
    # A page bundle's index.md is named by its folder (see text_id), so the hint keeps the folder.
    hint = f"{path.parent.name}/{path.name}" if path.stem.lower() in BUNDLE_STEMS else path.name
    yield from read_bytes(data, str(path), hint, max_file_bytes, max_article_chars)


STDIN = "<stdin>"


def _too_big(size: int, limit: int) -> str:
    # Rounded up: a byte over 100 MB is "100.1 MB", not "100.0 MB, over the 100 MB limit".
    return f"file is {math.ceil(size / 100_000) / 10:.1f} MB, over the {limit / 1_000_000:g} MB limit"


def read_bytes(
    data: bytes,
    origin: str,
    name_hint: str = "",
    max_bytes: int = MAX_FILE_BYTES,
    max_article_chars: int = MAX_ARTICLE_CHARS,
) -> Iterator[ReadResult]:
    """Articles and failures from the bytes of one file (or an upload); the name picks the format.
    Neither the bytes nor what they decompress to may be over `max_bytes`."""
    if len(data) > max_bytes:
        # Standard input is read only to a byte past the limit: its size is not known.
        too_big = (
            f"more than the {max_bytes / 1_000_000:g} MB limit" if origin == STDIN else _too_big(len(data), max_bytes)
        )
        yield IngestFailure(origin, None, too_big)
        return
    name = name_hint.lower()
    truncated = False
    if name.endswith(".gz") or data[:2] == b"\x1f\x8b":
        try:
            # Read at most one byte past the limit: a small file can expand a thousandfold.
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
                data = stream.read(max_bytes + 1)
        except EOFError:  # cut short (a download or copy stopped): keep what is whole
            data, truncated = _gunzip_prefix(data, max_bytes), True
        except (OSError, zlib.error) as exc:
            yield IngestFailure(origin, None, f"not a valid gzip file: {exc}")
            return
        if len(data) > max_bytes:
            yield IngestFailure(origin, None, f"decompresses to more than the {max_bytes / 1_000_000:g} MB limit")
            return
        name = name.removesuffix(".gz")
    if truncated:
        yield from _read_truncated(data, name, origin, max_article_chars)
        return
    text = _decode(data)
    json_lines = text is None and _json_lines_by_name_or_content(name, data)
    if text is None and not json_lines:
        text = _decode_other(data)
    if text is None:
        lines = list(_decoded_lines(data)) if json_lines else []
        if any(line is not None and line.strip() for _, line in lines):
            # One line in another encoding must not cost the file its other articles.
            yield from _read_json_lines(lines, origin, max_article_chars)
        else:  # no line is UTF-8 text: the file is in another encoding, one failure says so
            yield IngestFailure(origin, None, "not a text file (binary or not UTF-8)")
        return
    if not text.strip():
        yield IngestFailure(origin, None, "empty file")
        return
    suffix = Path(name).suffix
    if suffix in JSON_LINES_SUFFIXES or (suffix == ".json" and _json_lines_named_json(text)):
        yield from _read_json_lines(enumerate(text.split("\n"), start=1), origin, max_article_chars)
    elif suffix == ".json":
        yield from _read_json_document(text, origin, max_article_chars)
    elif suffix in TEXT_SUFFIXES:
        yield _read_text(text, origin, text_id(Path(name)), max_article_chars, _name_id(Path(name)))
    elif suffix in HTML_SUFFIXES:
        yield _read_page(text, origin, text_id(Path(name)), max_article_chars)
    else:  # stdin, uploads and unknown suffixes: sniff the content
        stripped = text.lstrip()
        if stripped.startswith("["):
            yield from _read_json_document(text, origin, max_article_chars)
        elif stripped.startswith("{"):
            first_line = stripped.split("\n", 1)[0].strip()
            if first_line.endswith("}") and _is_json(first_line):
                yield from _read_json_lines(enumerate(text.split("\n"), start=1), origin, max_article_chars)
            else:
                yield from _read_json_document(text, origin, max_article_chars)
        else:
            stem = text_id(Path(name)) if name and name != "stdin" else None
            yield _read_text(text, origin, stem, max_article_chars, _name_id(Path(name)) if stem else None)


def text_id(path: Path) -> str:
    """A text article's id: its file's name in lower case, or its folder's for a page bundle's
    index.md ("posts/budget-vote/index.md" is "budget-vote", as Hugo names the page). A line
    break or tab in it is a space, as in a JSON id: a tester's file named "new\nline.txt" had an id
    no one can type after --delete. (Only those: "Budget  Vote.txt" keeps the id it always had.)"""
    return LINE_BREAKS.sub(" ", _name_id(path))


def _name_id(path: Path) -> str:
    if path.stem.lower() in BUNDLE_STEMS and path.parent.name not in ("", ".", ".."):
        return path.parent.name.lower()
    return path.stem.lower()


LINE_BREAKS = re.compile(r"[\t\n\v\f\r\x85\u2028\u2029]")


def _json_lines_named_json(text: str) -> bool:
    """A .json file that holds JSON Lines, as exports often are: its first line is a whole object
    and more lines follow, so as one document it is not JSON at all."""
    stripped = text.strip()
    first_line = stripped.split("\n", 1)[0].strip()
    return (
        "\n" in stripped
        and first_line.startswith("{")
        and first_line.endswith("}")
        and _is_json(first_line)
        and not _is_json(stripped)
    )


def _gunzip_prefix(data: bytes, max_bytes: int) -> bytes:
    """What a gzip file that ends early decompresses to, up to where it ends (over every member
    of a file made of several, as `cat a.gz b.gz` makes)."""
    out = b""
    try:
        while data and len(out) <= max_bytes:
            member = zlib.decompressobj(wbits=31)  # 31: the gzip container
            out += member.decompress(data, max_bytes + 1 - len(out))
            data = member.unused_data if member.eof else b""
    except zlib.error:
        pass  # keep what came before the damage
    return out


def _read_truncated(data: bytes, name: str, origin: str, max_article_chars: int) -> Iterator[ReadResult]:
    """A gzipped file cut short: JSON Lines keep their whole lines, and the cut is reported where
    it fell; in any other format the one article or document is incomplete."""
    whole, _, _ = data.rpartition(b"\n")  # the last line is cut off
    text = _decode(whole)
    json_lines = _json_lines_by_name_or_content(name, data) or (
        Path(name).suffix == ".json" and text is not None and _json_lines_named_json(text)
    )
    if not whole.strip() or not json_lines:
        yield IngestFailure(origin, None, "not a valid gzip file: it ends early (cut short)")
        return
    lines = list(_decoded_lines(whole))
    yield from _read_json_lines(lines, origin, max_article_chars)
    yield IngestFailure(origin, len(lines) + 1, "the gzip file ends early (cut short) here: the rest is missing")


def decoded_text(data: bytes) -> str | None:
    """Bytes as text, read as a file's are: UTF-8, else UTF-16 with its byte-order mark, else a
    one-byte encoding such as Windows-1252's; None for binary data."""
    text = _decode(data)
    return text if text is not None else _decode_other(data)


def _decode(data: bytes) -> str | None:
    # Anywhere in the file, not only near its start: NUL has no place in an article.
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


# A letter beyond ASCII as UTF-8 writes it, its bytes whole: in no text of a one-byte encoding ("Ã©"
# is no word). Whole: "é’" in Windows-1252 (E9 92) opens a three-byte one it does not finish.
UTF8_LETTER = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# A text read as Windows-1252 with more of its letters beyond ASCII than this is in another
# alphabet's one-byte encoding (Russian cp1251 read so is "Ïðåçèäåíò"): read as detected instead.
LATIN_OTHER_LETTERS = 0.3


def _decode_other(data: bytes) -> str | None:
    """A file's text in another encoding than UTF-8 when it says which (UTF-16 with its byte-order
    mark), or when it reads as text in a one-byte encoding (charset_normalizer): as Windows-1252,
    Western news's, where that reads it (a probe's latin-1 "Café Désirée" was refused as not
    UTF-8; the guess was Central European, which reads "è" as "č"). None for anything else."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None
        return None if "\x00" in text else text
    if b"\x00" in data:
        return None
    if UTF8_LETTER.search(data):  # UTF-8, but for a few bytes: no other encoding
        return _utf8_with_windows_bytes(data)
    encoding = _one_byte_encoding(data)
    return data.decode(encoding) if encoding else None


# At most this many bytes of a UTF-8 file may be Windows-1252's: more is no pasted quote mark.
MAX_WINDOWS_BYTES = 20


def _utf8_with_windows_bytes(data: bytes) -> str | None:
    """UTF-8 text with a few bytes of Windows-1252 in it, each read as that: the curly quote a word
    processor pastes (b"\x92", "’") had refused a tester's whole 50-article export as "not a text
    file". None when there are more of them, or one that Windows-1252 reads as no character."""
    data = data.removeprefix(codecs.BOM_UTF8)
    # No fewer UTF-8 letters than such bytes: a Windows-1252 text ("Straße … muß”") holds byte
    # pairs UTF-8 reads as some other letter ("ß”" as "ߔ"), and was read so (a review's).
    letters = len(UTF8_LETTER.findall(data))
    pieces, at, bad = [], 0, 0
    while True:
        try:
            pieces.append(data[at:].decode("utf-8"))
            return "".join(pieces)
        except UnicodeDecodeError as error:
            stop = at + error.end
            bad += error.end - error.start
            # A pasted byte stands alone among ASCII; a run of high bytes is UTF-8 damaged (a
            # letter cut in two), which no reading mends.
            # Punctuation, as a word processor pastes it (0x80-0xBF: quotes, dashes, "£", "°"); a
            # lone 0xC0-0xFF is as likely a UTF-8 letter cut short ("Ã" of "é"), which it was.
            lone = error.end - error.start == 1 and data[at + error.start] < 0xC0
            if bad > MAX_WINDOWS_BYTES or not lone or data[stop : stop + 1] >= b"\x80":
                return None
            if bad > letters:
                return None
            try:
                pieces += [data[at : at + error.start].decode("utf-8"), data[at + error.start : stop].decode("cp1252")]
            except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90 and 0x9d are no character of it
                return None
            at = stop


def _one_byte_encoding(data: bytes) -> str | None:
    """The one-byte encoding the bytes read as text in (see _decode_other), when charset_normalizer
    finds one that is not UTF: then Windows-1252 where that reads them with few letters beyond
    ASCII, else the one detected. None when it finds none."""
    import charset_normalizer  # only for a file that is not UTF-8: it loads in ~0.1 s

    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding.startswith("utf"):
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return str(best.encoding)
    letters = [c for c in text if c.isalpha()]
    beyond = sum(not c.isascii() for c in letters)
    return "cp1252" if beyond <= LATIN_OTHER_LETTERS * len(letters) else str(best.encoding)


def _json_lines_by_name_or_content(name: str, data: bytes) -> bool:
    """A JSON Lines file that is not UTF-8 as a whole, but may be line by line: its name says so,
    or (no known suffix) its first line is a JSON object. Not when it holds a NUL byte, which
    binary and UTF-16 files do and no article has, in more than a few of its lines: one damaged
    line must not cost the file its other articles (a probe's feed lost all three to one NUL)."""
    if b"\x00" in data and (data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or not _few_nul_lines(data)):
        return False
    suffix = Path(name).suffix
    if suffix in JSON_LINES_SUFFIXES:
        return True
    if suffix in TEXT_SUFFIXES or suffix == ".json":
        return False
    first_line = _decode(data.lstrip().split(b"\n", 1)[0].strip())
    return first_line is not None and first_line.startswith("{") and first_line.endswith("}") and _is_json(first_line)


def _few_nul_lines(data: bytes) -> bool:
    """At most half the lines that hold anything hold a NUL (UTF-16 and binary files: most). Half:
    a probe's feed of two lost both to a NUL in one."""
    lines = [line for line in data.split(b"\n") if line.strip()]
    return 2 * sum(b"\x00" in line for line in lines) <= len(lines) and len(lines) > 1


def _decoded_lines(data: bytes) -> Iterator[tuple[int, str | None]]:
    """Each numbered line of the bytes as text: UTF-8, or else, when it holds no UTF-8 letter, in
    the one-byte encoding that the file's lines that are not UTF-8 read in together (a feed's one
    latin-1 line; a Russian export in Windows-1251, which Windows-1252 had read as "Ïðåçèäåíò");
    None where it is neither."""
    raws = data.split(b"\n")
    texts = [_decode(raw) for raw in raws]
    others = [text is None and _maybe_one_byte(raw) for raw, text in zip(raws, texts, strict=True)]
    # Windows-1252 where nothing is detected, as before: a line or two is little to detect from.
    other_lines = [raw for raw, other in zip(raws, others, strict=True) if other]
    encoding = (_one_byte_encoding(b"\n".join(other_lines)) or "cp1252") if other_lines else None
    for number, (raw, text, other) in enumerate(zip(raws, texts, others, strict=True), start=1):
        if other and encoding:
            with contextlib.suppress(UnicodeDecodeError, LookupError):
                text = raw.decode(encoding)
        elif text is None and b"\x00" not in raw:
            text = _utf8_with_windows_bytes(raw)  # a UTF-8 line with a pasted curly quote
        yield number, text


def _maybe_one_byte(raw: bytes) -> bool:
    """Bytes that may be text in a one-byte encoding: no NUL, and no UTF-8 letter (damaged UTF-8)."""
    return b"\x00" not in raw and not UTF8_LETTER.search(raw)


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def json_error(exc: ValueError | RecursionError) -> str:
    """What is wrong with a JSON text, for a user (also `ask --batch`'s lines)."""
    if isinstance(exc, json.JSONDecodeError):
        return f"bad JSON: {exc.msg} (column {exc.colno})"
    if isinstance(exc, RecursionError):
        return "bad JSON: nested too deeply"
    return "bad JSON: a number too long to read"  # Python refuses integers over 4,300 digits


def _too_long(text: str, max_chars: int) -> str | None:
    if len(text) > max_chars:
        # Named, so a user who means to keep a long article knows what to raise (a tester's 200,000 words).
        return (
            f"article is {len(text):,} characters, over the {max_chars:,}-character limit "
            "(ingest.max_article_chars, or NEWSDESK_INGEST__MAX_ARTICLE_CHARS)"
        )
    return None


class _PlainLoader(yaml.BaseLoader):
    """YAML as written: every value a string, list or mapping, never an object; and no aliases
    ("*name"), which can make a few hundred bytes stand for billions of values."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not read", event.start_mark)
        return super().compose_node(parent, index)


class _YAMLHandler(YAMLHandler):
    """Jekyll's YAML front matter: it may also end with "...", YAML's end of a document. Every
    value is read as written ("2023", "yes", "2023-3-5"), and parse_date judges dates."""

    # Only spaces after the delimiter: "\s" would run on over blank lines and put the parser's
    # line numbers off.
    FM_BOUNDARY = re.compile(r"^(?:-{3,}|\.{3})[ \t\r]*$", re.MULTILINE)

    def detect(self, text: str) -> bool:
        return text.startswith("---") and super().detect(text)

    def load(self, fm: str, **kwargs: object) -> Any:
        return yaml.load(fm, Loader=_PlainLoader)


class _TOMLHandler(BaseHandler):
    """Hugo's TOML front matter, read with the standard library's tomllib (the library's own
    handler needs the third-party toml package)."""

    FM_BOUNDARY = re.compile(r"^\+{3}[ \t\r]*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"

    def load(self, fm: str) -> dict[str, Any]:
        return tomllib.loads(fm)

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:  # only reading is needed
        raise NotImplementedError


FRONT_MATTER_HANDLERS: tuple[BaseHandler, ...] = (_YAMLHandler(), _TOMLHandler())
# A line of front matter: "key: value" (YAML) or "key = value" (TOML), a TOML [table], an
# indented or "- " continuation, a comment, or nothing.
FRONT_MATTER_LINE = re.compile(r"^(?:[A-Za-z_][\w.-]*\s*[:=]|\[|\s|-\s|#|$)")
FRONT_MATTER_KEY = re.compile(r"^([A-Za-z_][\w.-]*)\s*[:=]")
# Keys that only front matter has: a block with none of them is a horizontal rule's paragraph.
FRONT_MATTER_KEYS = {key for keys in FRONT_MATTER_FIELDS.values() for key in keys} | {
    *("draft", "tags", "categories", "layout", "description", "summary", "lastmod", "weight", "aliases"),
}
FRONT_MATTER_MAX_CHARS = 100_000  # pure-Python YAML takes seconds per megabyte
# Where a parser says the error is, counted from the first line inside the front matter.
PARSER_LINE = re.compile(r"\(at line (\d+), column (\d+)\)|line (\d+), column (\d+)")
# What YAML writes for "no value", and for yes and no (a Jekyll "published: true" is no date).
YAML_NULLS = {"~", "null", "Null", "NULL"}
YES = {"true", "yes", "on"}
YES_OR_NO = YES | {"false", "no", "off"}


@dataclass(frozen=True)
class FrontMatter:
    record: dict[str, object]  # JSON-record fields (see FRONT_MATTER_FIELDS)
    body: str  # the text after the front matter
    draft: bool  # "draft: true" (Hugo) or "published: false" (Jekyll): not for publishing


def _front_matter(text: str) -> FrontMatter | IngestFailure | None:
    """The front matter of a Markdown text, or None when it has none. A block between two
    "---" lines that is no key/value list (a horizontal rule, a paragraph, another rule) is
    article text, not front matter. The failure's path is filled in by the caller."""
    start = text.lstrip("\ufeff")
    handler = next((h for h in FRONT_MATTER_HANDLERS if h.detect(start)), None)
    if handler is None:
        return None
    try:
        fm, body = handler.split(start)
    except ValueError:  # only the opening line: front matter never closed, or a lone rule
        return _unclosed(start)
    if not _looks_like_front_matter(fm, require_key=False):
        return None
    if len(fm) > FRONT_MATTER_MAX_CHARS:
        return IngestFailure("", 1, f"front matter is over {FRONT_MATTER_MAX_CHARS:,} characters")
    try:
        metadata = handler.load(fm)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
        return _front_matter_error(exc)
    if not isinstance(metadata, dict) or not FRONT_MATTER_KEYS & set(metadata):
        return None
    record: dict[str, object] = {}
    for field, keys in FRONT_MATTER_FIELDS.items():
        values = (_plain(metadata.get(key)) for key in keys)
        if field == "published":  # Jekyll's "published" is a yes or no, not a day
            values = (v for v in values if not (isinstance(v, bool) or str(v).lower() in YES_OR_NO))
        value = next((v for v in values if v is not None), None)
        if isinstance(value, int) and not isinstance(value, bool):
            if value.bit_length() > 64:  # str() of a 4,000-digit hex number raises
                return IngestFailure("", 1, f"bad front matter: {field} is a number too long to read")
            value = str(value)  # "title = 2023" is a title
        elif isinstance(value, float):
            value = str(value)
        if value is not None:
            record[field] = value
    draft = _says(metadata.get("draft"), YES) or _says(metadata.get("published"), {"false", "no", "off"})
    return FrontMatter(record, body, draft)


def _plain(value: object) -> object:
    """A front matter value with YAML's "no value" and TOML's dates read: None for "", "~" and
    "null", an ISO string for a date."""
    if isinstance(value, str) and (not value.strip() or value.strip() in YAML_NULLS):
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _says(value: object, words: set[str]) -> bool:
    """A yes/no front matter value is one of these words (TOML gives a bool)."""
    if isinstance(value, bool):
        return str(value).lower() in words
    return isinstance(value, str) and value.strip().lower() in words


def _looks_like_front_matter(block: str, require_key: bool) -> bool:
    """Every line is front matter's (key, continuation, comment, blank), and with require_key
    one of the keys is one front matter has."""
    lines = block.splitlines()
    if not all(FRONT_MATTER_LINE.match(line) for line in lines):
        return False
    return not require_key or any(
        (key := FRONT_MATTER_KEY.match(line)) and key.group(1) in FRONT_MATTER_KEYS for line in lines
    )


def _unclosed(text: str) -> IngestFailure | None:
    """A failure when the opening line is followed by front matter that never closes; None
    (article text) when what follows is prose under a horizontal rule. Only the lines up to the
    first that is no front matter's are judged: "title: x" and "date: …" followed by the story
    is front matter whose closing line was forgotten, not a story."""
    after = text.split("\n", 1)[1] if "\n" in text else ""
    leading = itertools.takewhile(FRONT_MATTER_LINE.match, after[:FRONT_MATTER_MAX_CHARS].splitlines())
    if not _looks_like_front_matter("\n".join(leading), require_key=True):
        return None
    return IngestFailure("", 1, f"front matter is not closed: no second {text[:3]} line")


def _front_matter_error(exc: BaseException) -> IngestFailure:
    """The parser's reason, with its line counted in the file (the opening line is line 1)."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark
        return IngestFailure("", mark.line + 1 if mark else 1, f"bad front matter: {exc.problem or exc.context}")
    if isinstance(exc, RecursionError):
        return IngestFailure("", 1, "bad front matter: nested too deeply")
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    where = PARSER_LINE.search(message)
    # The front matter as parsed starts with the rest of the opening line: its line n is the file's.
    line = int(where.group(1) or where.group(3)) if where else 1
    return IngestFailure("", line, f"bad front matter: {PARSER_LINE.sub('', message).strip()}")


def _read_text(
    text: str, origin: str, stem: str | None, max_chars: int = MAX_ARTICLE_CHARS, former: str | None = None
) -> ReadResult:
    """A sample-format or plain text article; the file name is its id (a content hash for stdin).
    `former` is the id an earlier version gave the name, when that was otherwise (see text_id)."""
    text = shown_text(text)
    front = _front_matter(text)
    if isinstance(front, IngestFailure):
        return replace(front, path=origin)
    if front is not None:
        if front.draft:
            return SkippedDraft(origin)
        if not front.body.strip():
            return IngestFailure(origin, None, "article has front matter but no text")
        record = {"id": stem, "title": _title_from_markdown(front.body.strip()), **front.record, "text": front.body}
        if record.get("published") in (None, "") and (day := _jekyll_day(stem)):
            record["published"] = day.isoformat()  # Jekyll's "_posts/2023-03-04-town-hall-clock.md"
        return article_from_record(record, origin, origin, None, max_chars)
    published: date | None = None
    body = text
    header = SAMPLE_HEADER.match(text)
    line = 1
    if header:
        line = text[: header.start(1)].count("\n") + 1  # leading blank lines push the header down
        try:
            published = parse_date(header.group(1))
        except ValueError as exc:
            return IngestFailure(origin, line, str(exc))
        body = text[header.end() :]
    elif (dated := _date_line_or_failure(text, origin, len(text) - len(text.lstrip("\r\n")) + 1)) is not None:
        if isinstance(dated, IngestFailure):
            return dated
        published, end = dated
        body = text[end:]
    elif (heading := MARKDOWN_HEADING.match(text) or PLAIN_HEADLINE.match(text)) is not None and (
        dated := _date_line_or_failure(text[heading.end() :], origin, text[: heading.end()].count("\n") + 1)
    ):
        if isinstance(dated, IngestFailure):
            return dated
        # "# Title", then "Date: 2023-06-14": an editor's upload had gone in undated.
        published, end = dated
        rest = text[heading.end() + end :].strip()
        # A heading and a day with no text (a comment is none) is refused as a day alone is (a review's).
        if not shows_anything(HTML_COMMENT.sub("", rest)):
            return IngestFailure(origin, line, "article has a date but no text")
        body = f"{heading.group().rstrip()}\n\n{rest}"
    if published is None and header is None:
        published = _jekyll_day(stem)
    body = HTML_COMMENT.sub("", body).strip()
    if not shows_anything(body):  # a probe's file of 100 zero-width spaces was added
        return IngestFailure(
            origin,
            line,
            "article has a date but no text"
            if header
            else "article has no text (only a comment, or control or invisible characters)",
        )
    too_long = _too_long(body, max_chars)
    if too_long:
        return IngestFailure(origin, None, too_long)
    title = _title_from_markdown(body) or derive_title(body)
    article_id = stem or content_id(body)
    former_id = former if former and former != article_id else None
    return Article(id=article_id, title=title, text=body, published=published, origin=origin, former_id=former_id)


def _read_page(html: str, origin: str, stem: str, max_chars: int = MAX_ARTICLE_CHARS) -> ReadResult:
    """A web page saved from a browser: its article's text and its metadata (html_text.page_record);
    its file name is its id, as a text file's is. Bounded first: the limit bounds the parsing too."""
    too_long = _too_long(html.strip(), max_chars * PAGE_MARKUP_FACTOR)
    if too_long:
        return IngestFailure(origin, None, too_long)
    record = page_record(html)
    if not shows_anything(record["text"]):
        return IngestFailure(origin, None, "the page shows no article text")
    if "published" in record:
        try:
            parse_date(record["published"])
        except ValueError:  # "<time datetime="PT5M">", "Updated 3 hours ago": no day, and no failure
            del record["published"]
    # Its text is read already: "&lt;div&gt;" in its prose is words, not markup to read again.
    return article_from_record({"id": stem, **record}, origin, origin, None, max_chars, html=False)


# A saved page is mostly markup: it may be this many times the article limit before it is read.
PAGE_MARKUP_FACTOR = 4


def _jekyll_day(stem: str | None) -> date | None:
    """The day a Jekyll post's name begins with ("2023-03-04-town-hall-clock"); None for another
    name, or a day no calendar has ("2023-13-45-x" is a name, as it was)."""
    named = JEKYLL_NAME.match(stem or "")
    if named is None:
        return None
    try:
        return parse_date(named["day"])
    except ValueError:
        return None


# A Markdown heading on the first line, and the blank lines after it. One run of the line's
# characters: two around a "\S" had taken minutes on a long one-line file (a review's).
MARKDOWN_HEADING = re.compile(r"\A[ \t]*#{1,6}[ \t]+\S[^\r\n]*(?:\r?\n[ \t]*)+")
# A headline on a line of its own, up to 200 characters and ending in no full stop, before a date line:
# "Council passes budget", then "Published: March 4, 2023" (an edge-case tester's went in undated,
# as a Markdown "# heading" then the date did not).
PLAIN_HEADLINE = re.compile(r"\A[ \t]*[^\s#][^\r\n]{0,200}?(?<!\.)[ \t]*\r?\n(?:[ \t]*\r?\n)*")


def _title_from_markdown(body: str) -> str | None:
    first = body.split("\n", 1)[0].strip()
    if first.startswith("#"):
        return first.lstrip("#").strip() or None
    return None


def _read_json_lines(lines: Iterable[tuple[int, str | None]], origin: str, max_chars: int) -> Iterator[ReadResult]:
    """The records of numbered lines (None: a line that is not UTF-8 text). Lines are split at
    "\n" only, not by splitlines(): a JSON string may hold a raw U+2028 or other line separator."""
    for number, line in lines:
        if line is None:
            yield IngestFailure(origin, number, "line is not UTF-8 text")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:
            yield IngestFailure(origin, number, json_error(exc))
            continue
        yield article_from_record(record, origin, origin, number, max_chars)


def _read_json_document(text: str, origin: str, max_chars: int) -> Iterator[ReadResult]:
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as exc:
        yield IngestFailure(origin, exc.lineno if isinstance(exc, json.JSONDecodeError) else None, json_error(exc))
        return
    document = _wrapped_list(document)
    if document == []:  # "[]": an export of nothing, said as a blank file is (a tester's was silent)
        yield IngestFailure(origin, None, "holds an empty list: no articles")
        return
    records = document if isinstance(document, list) else [document]
    for number, record in enumerate(records, start=1):
        label = f"{origin}[{number}]" if isinstance(document, list) else origin
        result = article_from_record(record, label, origin, None, max_chars)
        if isinstance(result, IngestFailure) and isinstance(document, list):
            # No line to give for an item of a list: say which record it is instead.
            result = IngestFailure(origin, None, f"record {number}: {result.error}")
        yield result


def _wrapped_list(document: object) -> object:
    """The list of records an export wraps in an object of no article's fields, one or two levels
    deep ({"articles": […]}, {"data": {"items": […]}}): read as a record itself, a probe's whole
    file was "record has no text". The document as it is otherwise."""
    if not isinstance(document, dict) or _has_article_fields(document):
        return document
    lists = _lists_of_records(document)
    if len(lists) == 1:
        return lists[0]
    if not lists and any(v == [] for v in document.values()) and not any(isinstance(v, str) for v in document.values()):
        # {"articles": [], "total": 0}: an export of nothing, not a record without text. One with
        # a string ({"content": "…", "tags": []}) is a record whose text field is misnamed.
        return []
    # One level down: the one object of the document that holds one list ({"data": {"items": […]},
    # "meta": {…}}).
    inner = [v for v in document.values() if isinstance(v, dict) and len(_lists_of_records(v)) == 1]
    if not lists and len(inner) == 1 and not _has_article_fields(inner[0]):
        return _lists_of_records(inner[0])[0]
    return document


def _has_article_fields(record: dict[str, object]) -> bool:
    """Any key that names an article's field, in any case: a record itself, whose lists of objects
    are its own ("Text" misspelt is still told as a record, a review's)."""
    if any(str(key).lower() in RECORD_FIELDS for key in record):
        return True
    # Another export's names make a record of any object but one holding a list of records:
    # {"description": "Feed of Ardna", "items": […]} is a feed's wrapper, {"headline", "content",
    # "author": [{"name": …}]} a record (two reviews').
    records = any(
        isinstance(item, dict) and _names_fields(item) for items in _lists_of_records(record) for item in items
    )
    return not records and _names_fields(record)


def _names_fields(record: dict[str, object]) -> bool:
    """Any key of the record is an article field's name, Newsdesk's or another export's."""
    return any(str(key).lower() in RECORD_FIELDS or str(key) in ALIAS_NAMES for key in record)


def _lists_of_records(record: dict[str, object]) -> list[list[object]]:
    return [v for v in record.values() if isinstance(v, list) and any(isinstance(item, dict) for item in v)]


def article_from_record(
    record: object, label: str, path: str, line: int | None, max_chars: int = MAX_ARTICLE_CHARS, html: bool = True
) -> ReadResult:
    """An article from one JSON record, or a failure saying which field is wrong."""
    if not isinstance(record, dict):
        return IngestFailure(path, line, "record is not a JSON object")
    own_id = record.get("id")
    record = _with_aliases(record)
    wrong = _wrong_field(record)
    if wrong:
        return IngestFailure(path, line, wrong)
    text = record.get("text", record.get("body"))
    if not isinstance(text, str) or not shows_anything(text):
        return IngestFailure(
            path, line, f"record has no text (expected a non-empty {TEXT_FIELDS} field{_cased(record)})"
        )
    too_long = _too_long(text.strip(), max_chars)  # before any HTML is parsed: the limit bounds that work too
    if too_long:
        return IngestFailure(path, line, too_long)
    if html and looks_like_html(text):  # a feed's or a CMS export's body: read as a browser shows it
        text = html_to_text(text)
        if not text:
            return IngestFailure(path, line, "record's text is HTML that shows no words (only tags, scripts or images)")
    if text.strip() == NEWSAPI_REMOVED:  # as HTML too: "<p>[Removed]</p>" (a second review's)
        # NewsAPI keeps a taken-down article's place with "[Removed]" in every field, dated 1970: as
        # an article it set the archive's first day to 1970-01-01 (a review's).
        return IngestFailure(path, line, "the article was taken down: NewsAPI's “[Removed]” holds its place")
    raw_date = record.get("published", record.get("date"))
    try:
        published = parse_date(raw_date) if raw_date not in (None, "") else None
    except ValueError as exc:
        return IngestFailure(path, line, str(exc))
    url = _optional_str(record.get("url"))
    source = _optional_str(record.get("source"))
    if source and URL_SOURCE.match(source):  # an address for a source: its site, as --outlet names it
        source = outlet_from_url(source)
    elif source and HOST_NAME.fullmatch(source.strip()):
        # A site's name is one in any case: "ARDNA.EXAMPLE" and "ardna.example" were two outlets in
        # a probe's stats (and "www." is no part of it, as in an address).
        source = source.strip().lower().removeprefix("www.")
    source = source or outlet_from_url(url)
    title = _optional_str(record.get("title"))
    if title and looks_like_html(title):
        title = " ".join(html_to_text(title).split()) or None
    title = title or derive_title(text)
    # The id earlier versions gave it, when these rules give another (see Article.former_id).
    raw_id = record.get("id")
    # An id read from a "guid" is new: before, such a record was known by its stored text's hash.
    former_id = shown_text(str(own_id or "")).strip() or content_id(text)
    if own_id in (None, "") and raw_id not in (None, ""):
        former_id = content_id(shown_text(text).strip())
    # The text as stored, which an id-less article's id is the hash of: hashed before its line ends
    # were made "\n", one article with Windows line ends was stored twice (a tester's).
    text = shown_text(text).strip()
    # An id of only spaces counts as none, like an empty one; 0 is an id (a tester's "id": 0 had
    # been read as none, so its correction went in beside it). A line break in an id is a space: it
    # split the Sources line.
    article_id = shown_text("" if raw_id is None else str(raw_id)).replace("\n", " ").strip() or content_id(text)
    authors_value = record.get("authors") or []
    if isinstance(authors_value, str):
        authors_value = [authors_value]
    # One line each: a line break in an outlet ("evil\nsource @everyone", a Discord probe's) split
    # the Sources line of every answer citing it, and /stats.
    authors = tuple(author for author in (collapse_whitespace(shown_text(a)) for a in authors_value) if author)
    return Article(
        id=article_id,
        title=collapse_whitespace(shown_text(title)),
        text=text,
        former_id=former_id if former_id != article_id else None,
        published=published,
        source=collapse_whitespace(shown_text(source)) or None if source else None,
        url=shown_text(url).strip() or None if url else None,
        authors=authors,
        origin=label,
        line=line,
    )


def _with_aliases(record: dict[str, Any]) -> dict[str, Any]:
    """The record with each field it lacks (or holds as null or "") taken from another name
    exports give it (RECORD_ALIASES), and a WordPress field's {"rendered": "…"} as its text. Only
    a value of a kind the field takes: another is passed over, never the record's failure (a
    review's schema.org "publisher": {…} and RSS "guid": {…} had failed records that went in)."""
    record = {key: _rendered(value) for key, value in record.items()}
    for field in ("source", "authors"):
        # NewsAPI's "source": {"id": …, "name": "Reuters"}, and authors as {"name": …} objects, in
        # the field's own name: a research probe's NewsAPI export failed every record.
        value = record.get(field)
        kinds = (dict, list) if field == "authors" else (dict,)  # one outlet; authors may be many
        items = value if isinstance(value, list) else [value]
        if isinstance(value, kinds) and all(_named(item) for item in items):
            record[field] = _alias_value(field, value)
        elif isinstance(value, dict) and value.get("name", "") is None:  # {"id": "x", "name": null}: none given
            record[field] = None
    if isinstance(record.get("content"), str):
        # NewsAPI cuts its "content" with a count of what it left out: no words of the article.
        record["content"] = NEWSAPI_CUT.sub("", record["content"])
    for field, aliases in RECORD_ALIASES.items():
        present = record.get(field) not in (None, "") or (field == "text" and record.get("body") not in (None, ""))
        present = present or (field == "published" and record.get("date") not in (None, ""))
        if present:
            continue
        usable = (_alias_value(field, record[name]) for name in aliases if name in record)
        value = next((v for v in usable if v is not None), None)
        if value is not None:
            record[field] = value
    return record


def _alias_value(field: str, value: object) -> object:
    """The value as the field takes it, or None: text for most; for an id, text or a whole
    number; for authors, names, as text or {"name": …} objects alone or in a list."""
    if isinstance(value, str):
        return value if value.strip() else None
    if field == "id" and type(value) is int:
        return value
    if field == "published" and isinstance(value, int | float) and not isinstance(value, bool):
        return value if _epoch_day(value) else None  # a Unix time, which parse_date reads
    if field == "authors":
        items = value if isinstance(value, list) else [value]
        names = [
            item if isinstance(item, str) else item.get("name") if isinstance(item, dict) else None for item in items
        ]
        named = [name for name in names if isinstance(name, str) and name.strip()]
        return named or None
    if field == "source" and isinstance(value, dict) and isinstance(value.get("name"), str):
        return value["name"]  # schema.org's "publisher": {"@type": "Organization", "name": …}
    return None


def _named(item: object) -> bool:
    """Text, or an object holding a name as text: {"name": "Reuters"}."""
    return isinstance(item, str) or (isinstance(item, dict) and isinstance(item.get("name"), str))


def _rendered(value: object) -> object:
    """WordPress's REST export writes a title or content as {"rendered": "…"}."""
    if isinstance(value, dict) and isinstance(value.get("rendered"), str):
        return value["rendered"]
    return value


def _wrong_field(record: dict[str, object]) -> str | None:
    """Why a field has the wrong type (it would otherwise be stored as its repr), or None."""
    for key in RECORD_FIELDS:
        value = record.get(key)
        if value is None or key in ("published", "date"):
            continue  # null is the same as absent; parse_date says what is wrong with a date
        if key == "id" and type(value) is int:
            continue  # a numeric id is taken as its digits
        if key == "authors" and isinstance(value, list):
            odd = [author for author in value if not isinstance(author, str)]
            if odd:
                return f"field 'authors' must be a string or a list of strings, got a list holding {_json_type(odd[0])}"
            if any(SURROGATE.search(author) for author in value):
                return "field 'authors' holds a lone surrogate, which is not text"
            continue
        if not isinstance(value, str):
            expected = {"id": "a string or an integer", "authors": "a string or a list of strings"}.get(key, "a string")
            return f"field {key!r} must be {expected}, got {_json_type(value)}"
        if SURROGATE.search(value):
            return f"field {key!r} holds a lone surrogate, which is not text"
    return None


def _cased(record: dict[str, object]) -> str:
    """A hint when the record has a field's name in other capitals ("Text"): names are exact."""
    other = [
        key for key in record if isinstance(key, str) and key.lower() in RECORD_FIELDS and key not in RECORD_FIELDS
    ]
    return f"; field names are lower case, and this record has {', '.join(map(repr, other))}" if other else ""


def _json_type(value: object) -> str:
    names = {bool: "true or false", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _optional_str(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


URL_SOURCE = re.compile(r"https?://", re.IGNORECASE)
# A site's name as a source ("cnn.com", "www.BBC.co.uk"): labels of letters, digits and hyphens.
HOST_NAME = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}")


def outlet_from_url(url: str | None) -> str | None:
    """The site of an address, without "www." ("https://www.bbc.co.uk/x" is "bbc.co.uk")."""
    if not url:
        return None
    try:
        host = urlparse(url).hostname or ""
    except ValueError:  # e.g. "http://[oops/a": a malformed url names no outlet
        return None
    return host.removeprefix("www.") or None


def parse_date(value: object) -> date | None:
    """A date from 'YYYY-MM-DD' (a longer ISO timestamp keeps its date part), or from an RSS
    or e-mail date ('Wed, 08 Mar 2023 10:00:00 GMT'), up to 9998 as `--as-of` takes them
    (newsdesk/dates.py); None for "0001-01-01", which stands for no date (NO_DATE). An old day
    is a day: a historical archive's 1898 article is answered from as of any later day."""
    if isinstance(value, int | float) and not isinstance(value, bool) and (epoch := _epoch_day(value)) is not None:
        return epoch
    if not isinstance(value, str):
        # A short number as written ("20230101"); a list or mapping by its kind, since written
        # out it could be any size.
        small = isinstance(value, bool | float) or (isinstance(value, int) and value.bit_length() <= 64)
        raise ValueError(
            f"bad date {value!r} (expected YYYY-MM-DD, or a Unix time in seconds or milliseconds)"
            if small
            else f"bad date: {_json_type(value)} (expected YYYY-MM-DD)"
        )
    match = ISO_DATE.match(value.strip())
    # Feeds and mail write RFC 2822 dates ("Wed, 08 Mar 2023 10:00:00 GMT"): their day, as written.
    emailed = None if match else email.utils.parsedate_tz(value)
    if match:
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
        clock = ISO_TIME.match(value.strip(), match.end())
        if clock and (int(clock[1]) > 24 or int(clock[2]) > 59 or int(clock[3] or 0) > 60):
            raise ValueError(f"bad date {value!r} (no such time)")
    elif emailed:
        year, month, day = emailed[:3]
    elif written := _written_date(value):
        year, month, day = written
    elif EITHER_WAY_ROUND.match(value.strip()):
        raise ValueError(f"bad date {value!r} (the day and month could be either way round: write YYYY-MM-DD)")
    else:
        raise ValueError(f"bad date {value!r} (expected YYYY-MM-DD, or a day written out as March 4, 2023)")
    try:
        day_given = date(year, month, day)
    except (ValueError, OverflowError):  # an RSS date's year may have any number of digits
        raise ValueError(f"bad date {value!r} (no such day)") from None
    if day_given == NO_DATE or (emailed and day_given.year == 2001 and "0001" in value):  # RSS's "01 Jan 0001"
        return None
    if day_given > LAST_DAY:  # "9999-12-31", a placeholder for "never"
        raise ValueError(f"bad date {value!r} (use a day up to {LAST_DAY}, or none)")
    return day_given


def _epoch_day(value: float) -> date | None:
    """The UTC day of a Unix time in seconds (nine or ten digits: from 1973 to 2286) or milliseconds
    (twelve or thirteen), as exports write a date (a newcomer's "date": 1677801600 failed its
    record); None for another number: 20230101 could be a day written YYYYMMDD or a time in 1970."""
    if not math.isfinite(value) or value < 0:  # NaN or Infinity (Python's JSON reads them), or before 1970
        return None
    digits = len(str(int(value)))
    if digits not in (9, 10, 12, 13):
        return None
    seconds = value / 1000 if digits >= 12 else value
    return datetime.fromtimestamp(int(seconds), tz=UTC).date()


def derive_title(text: str) -> str:
    """A short title from an article's first sentence, cut at a word boundary."""
    first = _first_sentence(text)
    if len(first) <= TITLE_MAX_CHARS:
        return first.rstrip(".")
    # [: MAX - 1] keeps a single word longer than the limit within it, ellipsis included.
    cut = first[:TITLE_MAX_CHARS].rsplit(" ", 1)[0][: TITLE_MAX_CHARS - 1]
    return cut.rstrip(",;:") + "…"


def _first_sentence(text: str) -> str:
    """The first line with a word in it ("---", a Markdown rule, is none), up to its first
    sentence end (punkt: "U.S.", "Mr." and initials end none)."""
    lines = text.strip()[:TITLE_SCAN_CHARS].split("\n")
    line = next((candidate.strip() for candidate in lines if any(c.isalnum() for c in candidate)), lines[0].strip())
    spans = sentence_spans(line)
    return line[: spans[0][1]] if spans else line


def content_id(text: str) -> str:
    """A stable id for an article that has none: a hash of its text."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]


def content_hash(article: Article) -> str:
    """A fingerprint of everything stored for an article, to tell unchanged from changed."""
    fields = [
        article.title,
        article.text,
        article.published.isoformat() if article.published else "",
        article.source or "",
        article.url or "",
        "|".join(article.authors),
    ]
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()[:16]
