"""Which files ingest reads, by their names: kept apart from the readers so that reporting on
an ingest (and `newsdesk stats`) does not import the HTML and sentence parsers."""

from __future__ import annotations

from pathlib import Path

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
JSON_LINES_SUFFIXES = {".jsonl", ".ndjson"}
# A web page saved from a browser ("Save Page As…"): its article and its metadata are read.
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED = "expected .txt, .md, .json, .jsonl or .html, optionally gzipped as .gz"


def has_article_suffix(path: Path) -> bool:
    """A name ingest reads by its ending (.txt, .md, .json, .jsonl, .html, each optionally .gz)."""
    suffixes = path.suffixes[-2:]
    if suffixes and suffixes[-1].lower() == ".gz":
        suffixes = suffixes[:-1]
    return bool(suffixes) and suffixes[-1].lower() in TEXT_SUFFIXES | JSON_SUFFIXES | HTML_SUFFIXES
