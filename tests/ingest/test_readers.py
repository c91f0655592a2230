"""Parsing of every input format, and every bad input becoming one IngestFailure (pure, no model)."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from datetime import date
from pathlib import Path

import pytest

from ingest.readers import content_id, derive_title, read_bytes, read_file, read_paths
from newsdesk.models import Article, IngestFailure
from newsdesk.settings import load_settings

BIG = 10**9  # no size limit
NOT_TEXT = "not a text file (binary or not UTF-8)"
NO_TEXT = "record has no text (expected a non-empty 'text' or 'body' field)"


def read(*paths: Path | str, max_bytes: int = BIG, stdin: bytes | None = None) -> list[Article | IngestFailure]:
    return list(read_paths([str(p) for p in paths], max_bytes, stdin))


def sha16(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# -- the sample format -----------------------------------------------------------------


def test_real_samples(sample_dir: Path) -> None:
    results = read(sample_dir)
    first_raw = (sample_dir / "000_5b110fb79ad57658.txt").read_text(encoding="utf-8")
    second_raw = (sample_dir / "003_1e6e512ebb72dbb0.txt").read_text(encoding="utf-8")
    assert first_raw.startswith(" date 2023-01-26 U.S. Secretary")  # the leading space is real
    assert results == [
        Article(
            id="000_5b110fb79ad57658",
            title="U.S. Secretary of State Antony Blinken is heading to Egypt, Israel, and the West Bank in…",
            text=first_raw.strip().removeprefix("date 2023-01-26 "),
            published=date(2023, 1, 26),
            origin=str(sample_dir / "000_5b110fb79ad57658.txt"),
        ),
        Article(
            id="003_1e6e512ebb72dbb0",
            title="U.S. Secretary of State Antony Blinken is wrapping up a two-day visit to Israel and the…",
            text=second_raw.strip().removeprefix("date 2023-01-31 "),
            published=date(2023, 1, 31),
            origin=str(sample_dir / "003_1e6e512ebb72dbb0.txt"),
        ),
    ]
    assert all(len(r.title) <= 90 for r in results if isinstance(r, Article))


def test_sample_format_with_leading_whitespace_and_newline_after_date(tmp_path: Path) -> None:
    path = tmp_path / "lead.txt"
    path.write_text("\n\n \t Date 2023-02-03\nMarkets rallied. Stocks rose on Friday.\n", encoding="utf-8")
    assert read(path) == [
        Article(
            id="lead",
            title="Markets rallied",
            text="Markets rallied. Stocks rose on Friday.",
            published=date(2023, 2, 3),
            origin=str(path),
        )
    ]


def test_plain_text_without_date(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Rain is expected in Paris on Monday. Take an umbrella.", encoding="utf-8")
    assert read(path) == [
        Article(
            id="plain",
            title="Rain is expected in Paris on Monday",
            text="Rain is expected in Paris on Monday. Take an umbrella.",
            published=None,
            origin=str(path),
        )
    ]


def test_markdown_heading_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Budget talks stall\n\nLawmakers left without a deal. Talks resume Monday.", encoding="utf-8")
    [article] = read(path)
    assert article == Article(
        id="notes",
        title="Budget talks stall",
        text="# Budget talks stall\n\nLawmakers left without a deal. Talks resume Monday.",
        origin=str(path),
    )


# -- JSON, JSON Lines, gzip ---------------------------------------------------------------


def test_json_object(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    record = {
        "id": "cnn-1",
        "title": "Given title",
        "url": "https://edition.cnn.com/2023/01/26/x.html",
        "source": "CNN",
        "published": "2023-01-26T14:30:00Z",
        "authors": ["Ann Lee", " Bo Chen ", ""],
        "text": "  Body text here.  ",
    }
    path.write_text(json.dumps(record), encoding="utf-8")
    assert read(path) == [
        Article(
            id="cnn-1",
            title="Given title",
            text="Body text here.",
            published=date(2023, 1, 26),
            source="CNN",
            url="https://edition.cnn.com/2023/01/26/x.html",
            authors=("Ann Lee", "Bo Chen"),
            origin=str(path),
        )
    ]


def test_json_list_with_aliases_outlet_from_url_and_string_author(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    records = [
        {
            "body": "First body. More.",
            "date": "2023-03-01",
            "url": "https://www.bbc.co.uk/news/1",
            "authors": "Sam Roe",
        },
        {"text": "Second body.", "id": 42},
    ]
    path.write_text(json.dumps(records), encoding="utf-8")
    assert read(path) == [
        Article(
            id=sha16("First body. More."),
            title="First body",
            text="First body. More.",
            published=date(2023, 3, 1),
            source="bbc.co.uk",
            url="https://www.bbc.co.uk/news/1",
            authors=("Sam Roe",),
            origin=f"{path}[1]",
        ),
        Article(id="42", title="Second body", text="Second body.", origin=f"{path}[2]"),
    ]


def test_json_lines(write_jsonl) -> None:
    path = write_jsonl(
        "feed.jsonl",
        [
            {"id": "a", "text": "Alpha story.", "published": "2023-01-02"},
            "",
            {"id": "b", "text": "Beta story.", "source": "reuters.com"},
        ],
    )
    assert read(path) == [
        Article(id="a", title="Alpha story", text="Alpha story.", published=date(2023, 1, 2), origin=f"{path}:1"),
        Article(id="b", title="Beta story", text="Beta story.", source="reuters.com", origin=f"{path}:3"),
    ]


def test_json_lines_text_may_hold_unicode_line_separators(write_jsonl) -> None:
    # json.dumps(ensure_ascii=False) writes U+2028 raw; it must not split the record.
    path = write_jsonl("sep.jsonl", [{"id": "a", "text": "One\u2028two."}, {"id": "b", "text": "Three."}])
    results = read(path)
    assert [(r.id, r.text, r.origin) for r in results] == [
        ("a", "One\u2028two.", f"{path}:1"),
        ("b", "Three.", f"{path}:2"),
    ]


def test_gzipped_json_lines_and_json(write_jsonl, tmp_path: Path) -> None:
    lines = write_jsonl("feed.jsonl.gz", [{"id": "z1", "text": "Zipped line."}], gz=True)
    document = tmp_path / "doc.json.gz"
    document.write_bytes(gzip.compress(json.dumps([{"id": "z2", "text": "Zipped doc."}]).encode()))
    assert read(lines, document) == [
        Article(id="z1", title="Zipped line", text="Zipped line.", origin=f"{lines}:1"),
        Article(id="z2", title="Zipped doc", text="Zipped doc.", origin=f"{document}[1]"),
    ]


def test_folder_is_walked_recursively_in_name_order(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_text("Bee.", encoding="utf-8")
    (folder / "sub" / "a.md").write_text("Ay.", encoding="utf-8")
    (folder / "ignored.csv").write_text("x,y", encoding="utf-8")
    (folder / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    assert [r.id for r in read(folder)] == ["b", "a"]


# -- standard input ------------------------------------------------------------------------


def test_stdin_json_lines() -> None:
    assert read("-", stdin=b'{"id": "s1", "text": "One."}\n{"id": "s2", "text": "Two."}\n') == [
        Article(id="s1", title="One", text="One.", origin="<stdin>:1"),
        Article(id="s2", title="Two", text="Two.", origin="<stdin>:2"),
    ]


def test_stdin_json_document_over_several_lines() -> None:
    assert read("-", stdin=b'{\n  "id": "s3",\n  "text": "Three."\n}\n') == [
        Article(id="s3", title="Three", text="Three.", origin="<stdin>")
    ]


def test_stdin_json_list() -> None:
    assert read("-", stdin=b'[{"id": "s4", "text": "Four."}]') == [
        Article(id="s4", title="Four", text="Four.", origin="<stdin>[1]")
    ]


def test_stdin_sample_text_gets_a_content_hash_id() -> None:
    assert read("-", stdin=b"  date 2023-01-05 Snow fell. Schools closed.") == [
        Article(
            id=sha16("Snow fell. Schools closed."),
            title="Snow fell",
            text="Snow fell. Schools closed.",
            published=date(2023, 1, 5),
            origin="<stdin>",
        )
    ]


def test_stdin_empty() -> None:
    assert read("-", stdin=b"") == [IngestFailure("<stdin>", None, "empty file")]


# -- ids and titles ---------------------------------------------------------------------------


def test_content_hash_id_is_stable_and_ignores_surrounding_space(tmp_path: Path) -> None:
    record = {"text": "  A story without an id.  "}
    first = read_bytes(json.dumps(record).encode(), "a.json", name_hint="a.json")
    second = read_bytes(json.dumps(record).encode(), "b.json", name_hint="b.json")
    [a], [b] = list(first), list(second)
    assert a.id == b.id == content_id("A story without an id.") == sha16("A story without an id.")
    assert a.id == "e7f30bd033a1b745"  # pinned: a change would re-add every article


def test_given_id_and_title_win_over_derived(tmp_path: Path) -> None:
    [article] = list(read_bytes(b'{"id": " x-9 ", "title": " T ", "text": "Body."}', "r.json", name_hint="r.json"))
    assert (article.id, article.title) == ("x-9", "T")


def test_derived_title_is_cut_at_a_word_within_90_chars() -> None:
    text = (
        "Officials in the northern province said on Tuesday that the flooding had displaced"
        " thousands of families overnight. More."
    )
    title = derive_title(text)
    assert title == "Officials in the northern province said on Tuesday that the flooding had displaced…"
    assert len(title) <= 90
    assert derive_title("x" * 200) == "x" * 89 + "…"  # one long word: still within 90 chars
    assert derive_title("Mr. Smith met Dr. Jones in the U.S. on Friday. They talked.") == (
        "Mr. Smith met Dr. Jones in the U.S. on Friday"
    )
    assert derive_title("Short line\nSecond line.") == "Short line"
    assert derive_title("Is it over? Nobody knows.") == "Is it over?"


# -- bad input: one failure each, naming the file and line, the rest still read ----------------


def test_every_bad_input_is_one_failure_and_the_rest_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    files = {
        "a_good.txt": b"date 2023-01-10 Good one. Fine.",
        "b_binary.txt": b"abc\x00\x01def",
        "c_latin1.txt": "caf\u00e9 au lait.".encode("latin-1"),
        "d_empty.txt": b"",
        "e_blank.txt": b"  \n\t\n ",
        "f_bad_day.txt": b"date 2023-13-45 Body.",
        "g_word_date.txt": b"date yesterday Body.",
        "h_no_body.txt": b"date 2023-01-05   \n",
        "i_truncated.jsonl.gz": gzip.compress(b'{"text": "x"}\n' * 200)[:40],
        "j_broken.json": b'{"id": "q",\n "text": \n',
        "k_not_object.json": b'"just a string"',
        "l_list.json": json.dumps([{"text": "Listed."}, {"title": "no text"}, 7]).encode(),
        "m_good.md": b"# Fine\n\nAlso good.",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    os.symlink(tmp_path / "gone.txt", folder / "n_dangling.txt")
    f = {name: str(folder / name) for name in [*files, "n_dangling.txt"]}
    results = read(folder)
    assert [r for r in results if isinstance(r, IngestFailure)] == [
        IngestFailure(f["b_binary.txt"], None, NOT_TEXT),
        IngestFailure(f["c_latin1.txt"], None, NOT_TEXT),
        IngestFailure(f["d_empty.txt"], None, "empty file"),
        IngestFailure(f["e_blank.txt"], None, "empty file"),
        IngestFailure(f["f_bad_day.txt"], 1, "bad date '2023-13-45' (no such day)"),
        IngestFailure(f["g_word_date.txt"], 1, "bad date 'yesterday' (expected YYYY-MM-DD)"),
        IngestFailure(f["h_no_body.txt"], 1, "article has a date but no text"),
        IngestFailure(
            f["i_truncated.jsonl.gz"],
            None,
            "not a valid gzip file: Compressed file ended before the end-of-stream marker was reached",
        ),
        IngestFailure(f["j_broken.json"], 3, "bad JSON: Expecting value (column 1)"),
        IngestFailure(f["k_not_object.json"], None, "record is not a JSON object"),
        IngestFailure(f["l_list.json"], None, f"record 2: {NO_TEXT}"),
        IngestFailure(f["l_list.json"], None, "record 3: record is not a JSON object"),
        IngestFailure(f["n_dangling.txt"], None, "cannot read file: No such file or directory"),
    ]
    assert [(r.id, r.origin) for r in results if isinstance(r, Article)] == [
        ("a_good", f["a_good.txt"]),
        (sha16("Listed."), f"{f['l_list.json']}[1]"),
        ("m_good", f["m_good.md"]),
    ]


def test_bad_date_header_after_blank_lines_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "late.txt"
    path.write_text("\n\n  date 2023-02-30 Body.", encoding="utf-8")
    assert read(path) == [IngestFailure(str(path), 3, "bad date '2023-02-30' (no such day)")]


def test_json_lines_failures_name_their_line(write_jsonl) -> None:
    path = write_jsonl(
        "feed.jsonl",
        [
            {"id": "ok1", "text": "Fine."},
            "",
            "this is { not json",
            {"id": "nt", "title": "no text", "text": "   "},
            {"id": "bd", "text": "Bad date.", "published": "2023-02-29"},
            {"id": "wd", "text": "Word date.", "date": "last week"},
            {"id": "nd", "text": "Number date.", "published": 20230101},
            ["not", "an", "object"],
            {"id": "ok2", "body": "Also fine."},
        ],
    )
    results = read(path)
    assert [r for r in results if isinstance(r, IngestFailure)] == [
        IngestFailure(str(path), 3, "bad JSON: Expecting value (column 1)"),
        IngestFailure(str(path), 4, NO_TEXT),
        IngestFailure(str(path), 5, "bad date '2023-02-29' (no such day)"),
        IngestFailure(str(path), 6, "bad date 'last week' (expected YYYY-MM-DD)"),
        IngestFailure(str(path), 7, "bad date 20230101 (expected YYYY-MM-DD)"),
        IngestFailure(str(path), 8, "record is not a JSON object"),
    ]
    assert [(r.id, r.origin) for r in results if isinstance(r, Article)] == [
        ("ok1", f"{path}:1"),
        ("ok2", f"{path}:9"),
    ]


def test_nonexistent_path_and_empty_folder(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.csv").write_text("a,b", encoding="utf-8")  # not an article file
    missing = tmp_path / "nope.jsonl"
    assert read(missing, empty) == [
        IngestFailure(str(missing), None, "no such file or folder"),
        IngestFailure(str(empty), None, "folder holds no .txt, .md, .json or .jsonl files"),
    ]


def test_dangling_symlink_given_directly(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    os.symlink(tmp_path / "missing-target.txt", link)
    assert read(link) == [IngestFailure(str(link), None, "no such file or folder")]


def test_unreadable_file(tmp_path: Path) -> None:
    # Tests run as root, so chmod 000 does not stop a read; a folder opened as a file does.
    folder = tmp_path / "looks-like.txt"
    folder.mkdir()
    assert list(read_file(folder, BIG)) == [IngestFailure(str(folder), None, "cannot read file: Is a directory")]


def test_oversize_file_limit_comes_from_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_INGEST__MAX_FILE_MB", "0.2")
    limit = int(load_settings(None).ingest.max_file_mb * 1_000_000)
    big = tmp_path / "big.txt"
    big.write_text("word " * 60_000, encoding="utf-8")  # 300,000 bytes
    small = tmp_path / "small.txt"
    small.write_text("Small story.", encoding="utf-8")
    assert read(big, small, max_bytes=limit) == [
        IngestFailure(str(big), None, "file is 0.3 MB, over the 0.2 MB limit"),
        Article(id="small", title="Small story", text="Small story.", origin=str(small)),
    ]
