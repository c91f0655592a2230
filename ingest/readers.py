"""Read articles from files, folders, stdin or raw bytes.

Formats:
- the sample format: optional leading whitespace, ``date YYYY-MM-DD``, a space, the body;
- plain text / Markdown (no date);
- JSON (one object or a list of objects) and JSON Lines, optionally gzipped, with the
  fields id, title, url, source, published (or date), authors, text (or body).

Every problem becomes an `IngestFailure` naming the file and line; readers never raise
for bad input, so one malformed article cannot stop the rest.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

from newsdesk.models import Article, IngestFailure

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
# The sample format: "date 2023-01-31 Body…" after optional whitespace.
SAMPLE_HEADER = re.compile(r"\A\s*date[ \t]+(\S+)[ \t\r\n]+", re.IGNORECASE)
ISO_DATE = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})")
TITLE_MAX_CHARS = 90
# A word ending in a period that is not a sentence end: initials and "U.S.", or a common abbreviation.
ABBREVIATION_END = re.compile(
    r"(?:\b[A-Za-z]\.(?:[A-Za-z]\.)*|\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|"
    r"Rev|Inc|Co|Corp|Ltd|vs|No|Jan|Feb|Mar|Apr|Aug|Sep|Sept|Oct|Nov|Dec)\.)\Z"
)

ReadResult = Article | IngestFailure


def read_paths(paths: Iterable[str], max_file_bytes: int, stdin_bytes: bytes | None = None) -> Iterator[ReadResult]:
    """Articles and failures from every path; folders are walked, '-' is standard input."""
    for raw in paths:
        if raw == "-":
            yield from read_bytes(stdin_bytes or b"", "<stdin>", name_hint="stdin")
            continue
        path = Path(raw)
        if path.is_dir():
            # A broken symlink is listed too, so it is reported as unreadable, not skipped.
            listed = (p for p in path.rglob("*") if p.is_file() or (p.is_symlink() and not p.exists()))
            files = sorted(p for p in listed if _is_article_file(p))
            if not files:
                yield IngestFailure(str(path), None, "folder holds no .txt, .md, .json or .jsonl files")
            for file in files:
                yield from read_file(file, max_file_bytes)
        elif path.exists():
            yield from read_file(path, max_file_bytes)
        else:
            yield IngestFailure(str(path), None, "no such file or folder")


def _is_article_file(path: Path) -> bool:
    if any(part.startswith(".") for part in path.parts[-1:]):
        return False
    suffixes = path.suffixes[-2:]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return bool(suffixes) and suffixes[-1].lower() in TEXT_SUFFIXES | JSON_SUFFIXES


def read_file(path: Path, max_file_bytes: int) -> Iterator[ReadResult]:
    """Articles and failures from one file."""
    try:
        size = path.stat().st_size
        if size > max_file_bytes:
            limit_mb = max_file_bytes / 1_000_000
            yield IngestFailure(str(path), None, f"file is {size / 1_000_000:.1f} MB, over the {limit_mb:g} MB limit")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield IngestFailure(str(path), None, f"cannot read file: {exc.strerror or exc}")
        return
    yield from read_bytes(data, str(path), name_hint=path.name)


def read_bytes(data: bytes, origin: str, name_hint: str = "") -> Iterator[ReadResult]:
    """Articles and failures from the bytes of one file (or an upload); the name picks the format."""
    name = name_hint.lower()
    if name.endswith(".gz") or data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            yield IngestFailure(origin, None, f"not a valid gzip file: {exc}")
            return
        name = name.removesuffix(".gz")
    text = _decode(data)
    if text is None:
        yield IngestFailure(origin, None, "not a text file (binary or not UTF-8)")
        return
    if not text.strip():
        yield IngestFailure(origin, None, "empty file")
        return
    suffix = Path(name).suffix
    if suffix in (".jsonl", ".ndjson"):
        yield from _read_json_lines(text, origin)
    elif suffix == ".json":
        yield from _read_json_document(text, origin)
    elif suffix in TEXT_SUFFIXES:
        yield _read_text(text, origin, Path(name).stem)
    else:  # stdin, uploads and unknown suffixes: sniff the content
        stripped = text.lstrip()
        if stripped.startswith("["):
            yield from _read_json_document(text, origin)
        elif stripped.startswith("{"):
            first_line = stripped.split("\n", 1)[0].strip()
            if first_line.endswith("}") and _is_json(first_line):
                yield from _read_json_lines(text, origin)
            else:
                yield from _read_json_document(text, origin)
        else:
            yield _read_text(text, origin, Path(name).stem if name and name != "stdin" else None)


def _decode(data: bytes) -> str | None:
    if b"\x00" in data[:8192]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _read_text(text: str, origin: str, stem: str | None) -> ReadResult:
    """A sample-format or plain text article; the file name is its id (a content hash for stdin)."""
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
    body = body.strip()
    if not body:
        return IngestFailure(origin, line, "article has a date but no text")
    title = _title_from_markdown(body) or derive_title(body)
    article_id = stem or content_id(body)
    return Article(id=article_id, title=title, text=body, published=published, origin=origin)


def _title_from_markdown(body: str) -> str | None:
    first = body.split("\n", 1)[0].strip()
    if first.startswith("#"):
        return first.lstrip("#").strip() or None
    return None


def _read_json_lines(text: str, origin: str) -> Iterator[ReadResult]:
    # split("\n"), not splitlines(): a JSON string may hold a raw U+2028 or other line separator.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestFailure(origin, number, f"bad JSON: {exc.msg} (column {exc.colno})")
            continue
        yield article_from_record(record, f"{origin}:{number}", origin, number)


def _read_json_document(text: str, origin: str) -> Iterator[ReadResult]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        yield IngestFailure(origin, exc.lineno, f"bad JSON: {exc.msg} (column {exc.colno})")
        return
    records = document if isinstance(document, list) else [document]
    for number, record in enumerate(records, start=1):
        label = f"{origin}[{number}]" if isinstance(document, list) else origin
        result = article_from_record(record, label, origin, None)
        if isinstance(result, IngestFailure) and isinstance(document, list):
            # No line to give for an item of a list: say which record it is instead.
            result = IngestFailure(origin, None, f"record {number}: {result.error}")
        yield result


def article_from_record(record: object, label: str, path: str, line: int | None) -> ReadResult:
    """An article from one JSON record, or a failure saying which field is wrong."""
    if not isinstance(record, dict):
        return IngestFailure(path, line, "record is not a JSON object")
    text = record.get("text", record.get("body"))
    if not isinstance(text, str) or not text.strip():
        return IngestFailure(path, line, "record has no text (expected a non-empty 'text' or 'body' field)")
    raw_date = record.get("published", record.get("date"))
    try:
        published = parse_date(raw_date) if raw_date not in (None, "") else None
    except ValueError as exc:
        return IngestFailure(path, line, str(exc))
    url = _optional_str(record.get("url"))
    source = _optional_str(record.get("source")) or _outlet_from_url(url)
    title = _optional_str(record.get("title")) or derive_title(text)
    given_id = record.get("id")
    article_id = str(given_id).strip() if given_id not in (None, "") else content_id(text)
    authors_value = record.get("authors") or ()
    if isinstance(authors_value, str):
        authors_value = [authors_value]
    authors = tuple(str(a).strip() for a in authors_value if str(a).strip()) if isinstance(authors_value, list) else ()
    return Article(
        id=article_id,
        title=title,
        text=text.strip(),
        published=published,
        source=source,
        url=url,
        authors=authors,
        origin=label,
    )


def _optional_str(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


def parse_date(value: object) -> date:
    """A date from 'YYYY-MM-DD' (a longer ISO timestamp keeps its date part)."""
    if not isinstance(value, str):
        raise ValueError(f"bad date {value!r} (expected YYYY-MM-DD)")
    match = ISO_DATE.match(value.strip())
    if not match:
        raise ValueError(f"bad date {value!r} (expected YYYY-MM-DD)")
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise ValueError(f"bad date {value!r} (no such day)") from None


def derive_title(text: str) -> str:
    """A short title from an article's first sentence, cut at a word boundary."""
    first = _first_sentence(text)
    if len(first) <= TITLE_MAX_CHARS:
        return first.rstrip(".")
    # [: MAX - 1] keeps a single word longer than the limit within it, ellipsis included.
    cut = first[:TITLE_MAX_CHARS].rsplit(" ", 1)[0][: TITLE_MAX_CHARS - 1]
    return cut.rstrip(",;:") + "…"


def _first_sentence(text: str) -> str:
    """The first line up to its first sentence end; a period after an abbreviation
    ("U.S.", "Mr.", an initial) does not end a sentence."""
    line = text.strip().split("\n", 1)[0].strip()
    for end in re.finditer(r"[.!?](?=\s)", line):
        head = line[: end.end()]
        if end.group() == "." and ABBREVIATION_END.search(head):
            continue
        return head
    return line


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
