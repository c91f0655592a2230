"""Parsing of every input format, and every bad input becoming one IngestFailure (pure, no model)."""

from __future__ import annotations

import errno
import gzip
import hashlib
import json
import os
import time
import tracemalloc
import zlib
from datetime import date
from pathlib import Path

import pytest

from bot.service import build_services
from ingest.readers import (
    MAX_ARTICLE_CHARS,
    MAX_FILE_BYTES,
    content_id,
    derive_title,
    parse_date,
    read_bytes,
    read_file,
    read_paths,
)
from ingest.report import describe_report
from newsdesk.models import Article, IngestFailure, SkippedFile, SkippedSectionPage
from newsdesk.settings import load_settings

BIG = 10**9  # no size limit
NOT_TEXT = "not a text file (binary or not UTF-8)"
NO_TEXT = (
    "record has no text (expected a non-empty 'text', 'body', 'content', 'articleBody', 'content_text', "
    "'content_html', 'description' or 'summary' field)"
)


def read(*paths: Path | str, max_bytes: int = BIG, stdin: bytes | None = None) -> list[Article | IngestFailure]:
    return list(read_paths([str(p) for p in paths], max_bytes, stdin))


def read_text_file(path: Path, text: str) -> Article:
    """The one article of a text file holding `text`."""
    path.write_text(text, encoding="utf-8")
    [article] = read(path)
    assert isinstance(article, Article), article
    return article


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


def test_front_matter_gives_markdown_articles_their_title_date_url_and_id(tmp_path: Path) -> None:
    # Jekyll / Hugo YAML front matter: a date, an outlet from the url, and a page bundle's
    # index.md named after its folder, so a folder of bundles is one article each.
    yaml_post = tmp_path / "posts" / "budget-vote" / "index.md"
    yaml_post.parent.mkdir(parents=True)
    yaml_post.write_text(
        "---\ntitle: Budget passes\ndate: 2023-01-02T09:30:00+01:00\nurl: https://www.example.com/budget\n"
        "author: [Ana Ruiz, Li Wei]\ntags: [city]\n---\nThe council passed the budget on Monday.\n",
        encoding="utf-8",
    )
    # Hugo's TOML front matter, with a slug for the id.
    toml_post = tmp_path / "posts" / "park-plan" / "index.md"
    toml_post.parent.mkdir(parents=True)
    toml_post.write_text(
        '+++\ntitle = "Park plan rejected"\ndate = 2023-01-03\nslug = "park-2023"\nsource = "City Times"\n+++\n'
        "The council rejected the park plan.\n",
        encoding="utf-8",
    )
    assert read(tmp_path / "posts") == [
        Article(
            id="budget-vote",
            title="Budget passes",
            text="The council passed the budget on Monday.",
            published=date(2023, 1, 2),
            source="example.com",
            url="https://www.example.com/budget",
            authors=("Ana Ruiz", "Li Wei"),
            origin=str(yaml_post),
        ),
        Article(
            id="park-2023",
            title="Park plan rejected",
            text="The council rejected the park plan.",
            published=date(2023, 1, 3),
            source="City Times",
            origin=str(toml_post),
        ),
    ]


@pytest.mark.parametrize(
    ("text", "line", "error"),
    [
        ("---\ntitle: ok\nbad: [unclosed\n---\nText.\n", 4, "bad front matter: expected ',' or ']'"),
        ('+++\ntitle = "ok"\ndate = \n+++\nText.\n', 3, "bad front matter: Invalid value"),
        ("---\ndate: 2023-02-30\n---\nText.\n", None, "bad date '2023-02-30' (no such day)"),
        (
            "---\ndate: March 3\n---\nText.\n",
            None,
            "bad date 'March 3' (expected YYYY-MM-DD, or a day written out as March 4, 2023)",
        ),
        ("---\ntitle: x\n---\n\n", None, "article has front matter but no text"),
        ("---\ntitle: Front matter only\ndate: 2023-03-14\n", 1, "front matter is not closed: no second --- line"),
        # The closing line forgotten before the story: not a story under a rule.
        ("---\ntitle: x\ndate: 2023-03-20\nBody without close.\n", 1, "front matter is not closed"),
    ],
)
def test_bad_front_matter_is_one_failure(tmp_path: Path, text: str, line: int | None, error: str) -> None:
    path = tmp_path / "story.md"
    path.write_text(text, encoding="utf-8")
    [failure] = read(path)
    assert isinstance(failure, IngestFailure), failure
    assert (failure.path, failure.line) == (str(path), line) and failure.error.startswith(error), failure


ALIAS_BOMB = (
    "---\na0: &a0 ["
    + ",".join(["x"] * 10)
    + "]\n"
    + "".join(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 9))
    + "date: *a8\n---\nBody.\n"
)


@pytest.mark.parametrize(
    ("text", "line", "error"),
    [
        # A few hundred bytes standing for 10^9 values: refused, not expanded (it hung ingest).
        (ALIAS_BOMB, 3, "bad front matter: aliases (*name) are not read"),
        # tomllib reads any hex number; str() of a 4,000-digit one raised.
        ("+++\ntitle = 0x" + "f" * 4000 + "\n+++\nText.\n", 1, "bad front matter: title is a number too long"),
        ("---\ntitle: x\ndate: [1, 2]\n---\nText.\n", None, "bad date: a list (expected YYYY-MM-DD)"),
        (
            "---\ntitle: x\ndate: 2023-1-1x\n---\nText.\n",
            None,
            "bad date '2023-1-1x' (expected YYYY-MM-DD, or a day written out as March 4, 2023)",
        ),
        ("---\n\n\ntitle: a: b\n---\nText.\n", 4, "bad front matter: mapping values are not allowed here"),
    ],
)
def test_hostile_front_matter_is_a_quick_failure(tmp_path: Path, text: str, line: int | None, error: str) -> None:
    path = tmp_path / "story.md"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    [failure] = read(path)
    assert time.perf_counter() - started < 1.0
    assert isinstance(failure, IngestFailure), failure
    assert (failure.line, failure.error[: len(error)]) == (line, error), failure


def test_yaml_nulls_and_jekyll_yes_no_are_no_values(tmp_path: Path) -> None:
    path = tmp_path / "vote.md"
    # Jekyll dates posts by their file name: "published: true" is no date, and "~" / null no title.
    path.write_text("---\ntitle: ~\ndate: null\nauthor: null\npublished: true\n---\nThe council voted.\n", "utf-8")
    [article] = read(path)
    assert (article.title, article.published, article.authors) == ("The council voted", None, ())
    path.write_text('+++\ntitle = "Vote"\npublished = true\n+++\nThe council voted.\n', encoding="utf-8")
    [article] = read(path)
    assert (article.title, article.published) == ("Vote", None)


def test_a_lone_rule_over_prose_is_article_text(tmp_path: Path) -> None:
    path = tmp_path / "rule.md"
    path.write_text("---\nThe council voted.\n", encoding="utf-8")
    [article] = read(path)
    assert article.text == "---\nThe council voted."


def test_front_matter_as_jekyll_and_hugo_also_write_it(tmp_path: Path) -> None:
    # Closed by "..." (YAML's end of document), a date without zero padding, a numeric title.
    path = tmp_path / "year.md"
    path.write_text("---\ntitle: 2023\ndate: 2023-3-5\n...\nA year in review.\n", encoding="utf-8")
    [article] = read(path)
    assert (article.title, article.published, article.text) == ("2023", date(2023, 3, 5), "A year in review.")


def test_drafts_are_skipped_not_failed(tmp_path: Path) -> None:
    (tmp_path / "wip.md").write_text("---\ntitle: WIP\ndraft: true\n---\nNot yet.\n", encoding="utf-8")
    (tmp_path / "hidden.md").write_text("---\ntitle: Hidden\npublished: false\n---\nNot yet.\n", encoding="utf-8")
    (tmp_path / "live.md").write_text("---\ntitle: Live\ndraft: false\n---\nOut now.\n", encoding="utf-8")
    results = read(tmp_path)
    assert [type(r).__name__ for r in results] == ["SkippedDraft", "Article", "SkippedDraft"]
    assert results[1].title == "Live"


def test_a_folders_hugo_section_pages_are_skipped_and_named_but_one_named_is_read(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "_index.md").write_text("---\ntitle: Home\n---\nWelcome to the Gazette.\n", encoding="utf-8")
    (tmp_path / "posts" / "_index.md").write_text("---\ntitle: Posts\n---\nAll our posts.\n", encoding="utf-8")
    (tmp_path / "posts" / "budget.md").write_text("---\ntitle: Budget\n---\nThe budget passed.\n", encoding="utf-8")
    # Only Hugo's Markdown is a section page: an export of that name is articles.
    (tmp_path / "posts" / "_index.jsonl").write_text('{"id": "x", "title": "Export", "text": "Out."}\n')
    results = read(tmp_path)
    assert [r.title for r in results if isinstance(r, Article)] == ["Export", "Budget"]  # in name order
    assert [r for r in results if not isinstance(r, Article)] == [
        SkippedSectionPage(str(tmp_path / "_index.md")),
        SkippedSectionPage(str(tmp_path / "posts" / "_index.md")),
    ]
    [named] = read(tmp_path / "posts" / "_index.md")  # asked for by name: read, as a bundle is
    assert (named.id, named.text) == ("posts", "All our posts.")


@pytest.mark.parametrize(
    "text",
    [
        # A Markdown rule, a paragraph (even one with a colon) and another rule: article text.
        "---\n\nThe bridge reopened: traffic is back.\n\n---\n\nMore after the rule.\n",
        "---\n- a list\n- not front matter\n---\nThe bridge reopened.\n",
        "--- Breaking ---\nThe bridge reopened.\n",
    ],
)
def test_a_block_between_rules_that_is_no_front_matter_is_kept_as_text(tmp_path: Path, text: str) -> None:
    path = tmp_path / "rule.md"
    path.write_text(text, encoding="utf-8")
    [article] = read(path)
    assert isinstance(article, Article), article
    assert article.text == text.strip(), article


def test_front_matter_values_are_read_as_text_never_as_objects(tmp_path: Path) -> None:
    path = tmp_path / "tag.md"
    path.write_text("---\ntitle: !!python/object/apply:os.system [touch pwned]\n---\nText.\n", encoding="utf-8")
    [result] = read(path)
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()
    assert isinstance(result, IngestFailure) or isinstance(result.title, str), result


# -- JSON, JSON Lines, gzip ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("Wed, 08 Mar 2023 10:00:00 GMT", date(2023, 3, 8)),  # RSS
        ("Wed, 08 Mar 2023 23:30:00 -0800", date(2023, 3, 8)),  # the day as written, not moved to UTC
        ("8 Mar 23 10:00 GMT", date(2023, 3, 8)),
    ],
)
def test_rss_and_email_dates_are_read(tmp_path: Path, written: str, day: date) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Body.", "published": written}) + "\n", encoding="utf-8")
    [article] = read(path)
    assert article.published == day


@pytest.mark.parametrize(
    ("written", "error"),
    [
        # A probe's: the hour was not read, and "9999-12-31" (for "never") went in.
        ("2023-03-01T25:00:00Z", "no such time"),
        ("2023-03-01 10:61", "no such time"),
        ("9999-12-31T00:00:00Z", "use a day up to 9998-12-31, or none"),
    ],
)
def test_a_time_or_day_out_of_range_is_a_failure(tmp_path: Path, written: str, error: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Body.", "published": written}) + "\n")
    assert read(path) == [IngestFailure(str(path), 1, f"bad date {written!r} ({error})")]


@pytest.mark.parametrize(
    ("written", "day"),
    [
        # Hugo and other Go tools write Go's zero time for an article with no date, in RSS too.
        ("0001-01-01T00:00:00Z", None),
        ("Mon, 01 Jan 0001 00:00:00 +0000", None),
        ("Mon, 01 Jan 2001 00:00:00 +0000", date(2001, 1, 1)),
        ("1898-02-16", date(1898, 2, 16)),  # a historical archive's (a review's)
    ],
)
def test_go_zero_time_is_no_date_and_an_old_day_is_a_day(tmp_path: Path, written: str, day: date | None) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Body.", "published": written}) + "\n")
    [article] = read(path)
    assert isinstance(article, Article) and article.published == day


@pytest.mark.parametrize("written", ["Tue, 31 Feb 2023 10:00:00 GMT", "1 Jan 99999999999999999999999 10:00"])
def test_an_rss_date_of_no_such_day_is_a_failure(tmp_path: Path, written: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Body.", "published": written}) + "\n")
    assert read(path) == [IngestFailure(str(path), 1, f"bad date {written!r} (no such day)")]


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


@pytest.mark.parametrize(
    "wrapped",
    [
        lambda records: {"articles": records, "count": 2},
        lambda records: {"data": {"items": records, "page": 1}, "status": "ok"},
        lambda records: {"data": {"items": records}, "meta": {"page": 1}},  # a review's
    ],
)
def test_a_list_of_articles_wrapped_in_an_export_object_is_read(tmp_path: Path, wrapped) -> None:
    """A probe's {"articles": […]} export was lost whole as "record has no text"."""
    records = [{"id": "a", "text": "The ferry sailed."}, {"id": "b", "text": "The bridge reopened."}]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(wrapped(records)), encoding="utf-8")
    assert [r.id for r in read(path) if isinstance(r, Article)] == ["a", "b"]
    # An article's own lists and objects are no wrapping.
    path.write_text(
        json.dumps({"id": "c", "text": "Rain.", "authors": ["Sam Roe"], "extra": {"k": 1}}), encoding="utf-8"
    )
    assert [r.id for r in read(path)] == ["c"]
    # A record with a field's name in the wrong case is still one, and told so.
    path.write_text(json.dumps({"id": "d", "Text": "Rain.", "related": [{"id": "e"}]}), encoding="utf-8")
    assert [type(r).__name__ for r in read(path)] == ["IngestFailure"]


def test_json_list_with_aliases_outlet_from_url_and_string_author(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    records = [
        {
            "body": "First body. More.",
            "date": "2023-03-01",
            "url": "https://www.bbc.co.uk/news/1",
            "authors": "Sam Roe",
        },
        # A source given as an address is its site, as `--outlet` names it (a probe's could not be found).
        {"text": "Second body.", "id": 42, "source": "HTTPS://www.theweek.co.uk/news/1"},
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
        Article(id="42", title="Second body", text="Second body.", source="theweek.co.uk", origin=f"{path}[2]"),
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
        Article(id="a", title="Alpha story", text="Alpha story.", published=date(2023, 1, 2), origin=str(path), line=1),
        Article(id="b", title="Beta story", text="Beta story.", source="reuters.com", origin=str(path), line=3),
    ]


def test_an_html_body_is_read_as_a_browser_shows_it(write_jsonl) -> None:
    body = (
        "<p>The <strong>Harwick</strong> school board voted to close\n  Elm Street School.</p>"
        "<p>Parents said it&#8217;s a loss &amp; a shock.<br/>The vote was 5&ndash;2.</p>"
        '<script>track("x")</script><figure><img src="a.jpg"><figcaption>The school.</figcaption></figure>'
    )
    path = write_jsonl(
        "feed.jsonl",
        [
            {"id": "h", "title": "<b>Harwick</b> closes a school", "text": body},
            {"id": "m", "text": "<div><img src='only.jpg'></div>"},
            {"id": "p", "text": "A <3 fan says x < y and y > z."},  # a "<" in prose is no tag
            # Plain text with a link pasted in: its paragraphs stay.
            {"id": "l", "text": 'Loeb wrote <a href="https://x.com/l">a letter</a> on Monday.\n\nDisney replied.'},
        ],
    )
    html, markup_only, prose, linked = read(path)
    assert isinstance(linked, Article) and linked.text == "Loeb wrote a letter on Monday.\n\nDisney replied."
    assert html == Article(
        id="h",
        title="Harwick closes a school",
        text="The Harwick school board voted to close Elm Street School.\n\n"
        "Parents said it’s a loss & a shock.\n\nThe vote was 5–2.\n\nThe school.",
        origin=str(path),
        line=1,
    )
    assert markup_only == IngestFailure(
        str(path), 2, "record's text is HTML that shows no words (only tags, scripts or images)"
    )
    assert isinstance(prose, Article) and prose.text == "A <3 fan says x < y and y > z."


def test_comments_are_dropped_and_tags_named_in_prose_are_kept(write_jsonl, tmp_path: Path) -> None:
    """A probe's: an editor's "<!-- … -->" note was quoted as the article's words, and a tag named
    in a sentence ("hid code inside an <iframe>") hid the rest of the article."""
    path = write_jsonl(
        "feed.jsonl",
        [
            {
                "id": "c",
                "text": "<p>A review of pay.</p><!-- Unconfirmed: the mayor earns 240,000 pounds. --><p>Next.</p>",
            },
            {
                "id": "i",
                "text": "Attackers hid code inside an <iframe> on the site.\n\nAbout 3,000 accounts were exposed.",
            },
            {
                "id": "s",
                "title": "Why <script> tags in ads worry Ravensby",
                "text": "<p>Ads ran code.</p><p>It spread.</p>",
            },
            {"id": "u", "text": "<p>Code hid in an <iframe> on the site.</p><p>About 500 accounts were exposed.</p>"},
        ],
    )
    commented, prose, titled, unclosed = read(path)
    assert isinstance(commented, Article) and commented.text == "A review of pay.\n\nNext."
    assert isinstance(prose, Article) and prose.text.endswith("About 3,000 accounts were exposed.")
    assert isinstance(titled, Article) and titled.title == "Why <script> tags in ads worry Ravensby"
    assert isinstance(unclosed, Article) and unclosed.text == (
        "Code hid in an <iframe> on the site.\n\nAbout 500 accounts were exposed."
    )
    scripted = write_jsonl(
        "scripted.jsonl",
        [
            {"id": "s1", "text": "<script>track(1)</script>The vote passed on Monday."},
            {"id": "s2", "text": '<p>The vote passed.</p><iframe src="https://x.example/v" /><p>It was close.</p>'},
        ],
    )
    script_only, embed = read(scripted)
    assert isinstance(script_only, Article) and script_only.text == "The vote passed on Monday."
    assert isinstance(embed, Article) and embed.text == "The vote passed.\n\nIt was close."
    unclosed = tmp_path / "prose.md"
    unclosed.write_text(
        "In HTML a comment opens with <!-- and ends later.\n\nAbout 3,000 accounts.\n", encoding="utf-8"
    )
    (prose_comment,) = read(unclosed)
    assert isinstance(prose_comment, Article) and prose_comment.text.endswith("About 3,000 accounts.")
    markdown = tmp_path / "note.md"
    markdown.write_text(
        "# Pay\n\nThe mayor spoke.\n\n<!-- TODO: confirm 180,000 pounds -->\n\nMore.\n", encoding="utf-8"
    )
    (article,) = read(markdown)
    assert isinstance(article, Article) and article.text == "# Pay\n\nThe mayor spoke.\n\n\n\nMore."


def test_control_characters_are_not_stored(write_jsonl, tmp_path: Path) -> None:
    """A probe's bell and right-to-left override (which turned the rest of the answer's line, the
    citation included) reached the terminal; a NUL was a space in the answer but not in its quote."""
    path = write_jsonl(
        "feed.jsonl",
        [
            {
                "id": "c",
                "title": "Bell\x07 story",
                "text": "A NUL\x00char here.\tTabbed.\n\nThe \u202eflipped\u202c word.",
            }
        ],
    )
    (record,) = read(path)
    assert isinstance(record, Article)
    assert (record.title, record.text) == ("Bell story", "A NUL char here.\tTabbed.\n\nThe flipped word.")
    fields = write_jsonl(
        "fields.jsonl",
        [
            {
                "id": "f\u202e1",
                "source": "cnn\u202e.com",
                "url": "https://x.example/\x07a",
                "authors": ["A\u202eB"],
                "text": "Body.",
            }
        ],
    )
    (odd,) = read(fields)
    assert isinstance(odd, Article)
    assert (odd.id, odd.source, odd.url, odd.authors) == ("f1", "cnn.com", "https://x.example/ a", ("AB",))
    (tmp_path / "t.txt").write_text("date 2023-01-05 Ring\x07 the \x1b[31mred\x1b[0m bell.", encoding="utf-8")
    (text_file,) = read(tmp_path / "t.txt")
    assert isinstance(text_file, Article) and text_file.text == "Ring  the red bell."


def test_a_text_file_opening_with_the_word_date_is_a_headline(tmp_path: Path) -> None:
    """A probe's "Date set for Ravensby by-election" failed as "bad date 'set'"."""
    (tmp_path / "d.txt").write_text("Date set for Ravensby by-election\n\nThe vote is on June 8.\n", encoding="utf-8")
    (tmp_path / "v.txt").write_text("date 2023-06-01 The vote is on June 8.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("date 2023-02-30 The vote.\n", encoding="utf-8")
    (tmp_path / "m.txt").write_text("Date may change for the Ravensby vote\n\nThe council meets.\n", encoding="utf-8")
    (headline,) = read(tmp_path / "d.txt")
    assert isinstance(headline, Article) and headline.published is None
    (may,) = read(tmp_path / "m.txt")
    assert isinstance(may, Article) and may.title == "Date may change for the Ravensby vote"
    assert headline.title == "Date set for Ravensby by-election"
    (dated,) = read(tmp_path / "v.txt")
    assert isinstance(dated, Article) and dated.published == date(2023, 6, 1)
    assert read(tmp_path / "b.txt") == [
        IngestFailure(str(tmp_path / "b.txt"), 1, "bad date '2023-02-30' (no such day)")
    ]


def test_a_field_name_in_capitals_is_pointed_out(write_jsonl) -> None:
    path = write_jsonl("feed.jsonl", [{"ID": "x", "Text": "Hello there."}, {"id": "y", "Body": "Hi."}])
    assert read(path) == [
        IngestFailure(str(path), 1, f"{NO_TEXT[:-1]}; field names are lower case, and this record has 'ID', 'Text')"),
        IngestFailure(str(path), 2, f"{NO_TEXT[:-1]}; field names are lower case, and this record has 'Body')"),
    ]


def test_json_lines_text_may_hold_unicode_line_separators(write_jsonl) -> None:
    # json.dumps(ensure_ascii=False) writes U+2028 raw; it must not split the record.
    path = write_jsonl("sep.jsonl", [{"id": "a", "text": "One\u2028two."}, {"id": "b", "text": "Three."}])
    results = read(path)
    assert [(r.id, r.text, r.where) for r in results] == [
        ("a", "One\u2028two.", f"{path}:1"),
        ("b", "Three.", f"{path}:2"),
    ]


def test_gzipped_json_lines_and_json(write_jsonl, tmp_path: Path) -> None:
    lines = write_jsonl("feed.jsonl.gz", [{"id": "z1", "text": "Zipped line."}], gz=True)
    document = tmp_path / "doc.json.gz"
    document.write_bytes(gzip.compress(json.dumps([{"id": "z2", "text": "Zipped doc."}]).encode()))
    assert read(lines, document) == [
        Article(id="z1", title="Zipped line", text="Zipped line.", origin=str(lines), line=1),
        Article(id="z2", title="Zipped doc", text="Zipped doc.", origin=f"{document}[1]"),
    ]


def test_folder_is_walked_recursively_in_name_order(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_text("Bee.", encoding="utf-8")
    (folder / "sub" / "a.md").write_text("Ay.", encoding="utf-8")
    (folder / "ignored.csv").write_text("x,y", encoding="utf-8")
    (folder / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (folder / ".git").mkdir()  # a hidden folder is not walked: neither read nor named
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main", encoding="utf-8")
    (folder / ".git" / "notes.txt").write_text("Not an article.", encoding="utf-8")
    results = read(folder)
    assert [r.id for r in results if isinstance(r, Article)] == ["b", "a"]
    # A file of another type is passed over but named; a hidden one is not even named.
    assert [r for r in results if not isinstance(r, Article)] == [SkippedFile(str(folder / "ignored.csv"))]


# -- standard input ------------------------------------------------------------------------


def test_stdin_json_lines() -> None:
    assert read("-", stdin=b'{"id": "s1", "text": "One."}\n{"id": "s2", "text": "Two."}\n') == [
        Article(id="s1", title="One", text="One.", origin="<stdin>", line=1),
        Article(id="s2", title="Two", text="Two.", origin="<stdin>", line=2),
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
        "i_truncated.jsonl.gz": gzip.compress(b'{"text": "x"}\n' * 200)[:20],  # not one whole line
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
        IngestFailure(f["d_empty.txt"], None, "empty file"),
        IngestFailure(f["e_blank.txt"], None, "empty file"),
        IngestFailure(f["f_bad_day.txt"], 1, "bad date '2023-13-45' (no such day)"),
        IngestFailure(
            f["g_word_date.txt"], 1, "bad date 'yesterday' (expected YYYY-MM-DD, or a day written out as March 4, 2023)"
        ),
        IngestFailure(f["h_no_body.txt"], 1, "article has a date but no text"),
        IngestFailure(f["i_truncated.jsonl.gz"], None, "not a valid gzip file: it ends early (cut short)"),
        IngestFailure(f["j_broken.json"], 3, "bad JSON: Expecting value (column 1)"),
        IngestFailure(f["k_not_object.json"], None, "record is not a JSON object"),
        IngestFailure(f["l_list.json"], None, f"record 2: {NO_TEXT}"),
        IngestFailure(f["l_list.json"], None, "record 3: record is not a JSON object"),
        IngestFailure(f["n_dangling.txt"], None, "cannot read file: No such file or directory"),
    ]
    assert [(r.id, r.where) for r in results if isinstance(r, Article)] == [
        ("a_good", f["a_good.txt"]),
        ("c_latin1", f["c_latin1.txt"]),  # read, in its encoding (below)
        (sha16("Listed."), f"{f['l_list.json']}[1]"),
        ("m_good", f["m_good.md"]),
    ]


@pytest.mark.parametrize("name", ["feed.jsonl", "feed.ndjson", "feed.jsonl.gz", "upload"])
def test_a_line_in_another_encoding_is_read_in_it_and_one_in_none_costs_only_that_line(
    tmp_path: Path, name: str
) -> None:
    lines = [
        b'{"id": "a", "text": "First story.", "published": "2023-01-02"}',
        '{"id": "b", "text": "Caf\u00e9 story.", "published": "2023-01-02"}'.encode("latin-1"),
        '{"id": "c", "text": "Caf\u00e9 again, in UTF-8."}'.encode(),
        # UTF-8 with a byte gone: no other encoding reads it ("\xc3\xa9" is "Ã©" in Windows-1252).
        '{"id": "d", "text": "Caf\u00e9 d\u00e9j\u00e0."}'.encode()[:-6] + b'\xc3"}',
    ]
    data = b"\n".join(lines) + b"\n"
    if name.endswith(".gz"):
        data = gzip.compress(data)
    results = list(read_bytes(data, name, name_hint=name))
    assert [r for r in results if isinstance(r, IngestFailure)] == [IngestFailure(name, 4, "line is not UTF-8 text")]
    assert [(r.id, r.text) for r in results if isinstance(r, Article)] == [
        ("a", "First story."),
        ("b", "Caf\u00e9 story."),
        ("c", "Caf\u00e9 again, in UTF-8."),
    ]


def test_a_line_holding_a_nul_byte_costs_only_that_line() -> None:
    """A probe's feed of three lost all three to a raw NUL in its second line. A file with NULs in
    most lines (UTF-16 without its mark, binary) is still one failure."""
    data = b'{"id": "n1", "text": "Good one."}\n{"id": "n2", "text": "a\x00b"}\n{"id": "n3", "text": "Good three."}\n'
    results = list(read_bytes(data, "nul.jsonl", name_hint="nul.jsonl"))
    assert [r for r in results if isinstance(r, IngestFailure)] == [
        IngestFailure("nul.jsonl", 2, "line is not UTF-8 text")
    ]
    assert [r.id for r in results if isinstance(r, Article)] == ["n1", "n3"]
    two = list(
        read_bytes(
            data.split(b"\n", 2)[1] + b'\n{"id": "n4", "text": "Good four."}\n', "two.jsonl", name_hint="two.jsonl"
        )
    )
    assert [r.id for r in two if isinstance(r, Article)] == ["n4"]  # one of two lines (a probe's lost both)
    no_mark = '{"text": "One."}\n{"text": "Two."}\n'.encode("utf-16-le")
    assert list(read_bytes(no_mark, "a.jsonl", name_hint="a.jsonl")) == [IngestFailure("a.jsonl", None, NOT_TEXT)]


def test_a_file_in_another_encoding_is_read_in_it(tmp_path: Path) -> None:
    """A probe's latin-1 and UTF-16 articles were refused as "not UTF-8"."""

    def texts(data: bytes, name: str) -> list[str]:
        results = list(read_bytes(data, name, name_hint=name))
        assert not [r for r in results if isinstance(r, IngestFailure)], results
        return [r.text for r in results if isinstance(r, Article)]

    latin = "Caf\u00e9 au lait, cr\u00e8me br\u00fbl\u00e9e.".encode("latin-1")
    assert texts(latin, "a.txt") == ["Caf\u00e9 au lait, cr\u00e8me br\u00fbl\u00e9e."]  # "è", not cp1250's "č"
    assert texts(b'{"text": "' + latin + b'"}', "a.json") == ["Caf\u00e9 au lait, cr\u00e8me br\u00fbl\u00e9e."]
    quoted = "\u201cSmart quotes\u201d \u2014 from Word.".encode("cp1252")
    assert texts(quoted, "a.txt") == ["\u201cSmart quotes\u201d \u2014 from Word."]
    # A review's: an accented letter before a curly quote, and another alphabet's one-byte encoding.
    andre = "date 2023-01-02 Andr\u00e9\u2019s caf\u00e9 opened. The caf\u00e9\u2019s owner spoke.".encode("cp1252")
    assert texts(andre, "a.txt") == ["Andr\u00e9\u2019s caf\u00e9 opened. The caf\u00e9\u2019s owner spoke."]
    russian = "Президент сказал, что завод закроется."  # noqa: RUF001 (Cyrillic, as meant)
    assert texts(russian.encode("cp1251"), "a.txt") == [russian]
    every_line = "".join(f'{{"text": "Caf\u00e9 {n}."}}\n' for n in range(3)).encode("latin-1")
    assert texts(every_line, "a.jsonl") == [f"Caf\u00e9 {n}." for n in range(3)]
    # JSON Lines in another alphabet's one-byte encoding, read line by line (a probe's cp1251
    # export was stored as "Ïðåçèäåíò").
    cyrillic = "".join(f'{{"id": "r{n}", "text": "{russian} {n}"}}\n' for n in range(3)).encode("cp1251")
    assert texts(cyrillic, "a.jsonl") == [f"{russian} {n}" for n in range(3)]
    assert texts("date 2023-01-02 Written in UTF-16.".encode("utf-16"), "a.txt") == ["Written in UTF-16."]
    assert texts('{"text": "Written in UTF-16."}\n'.encode("utf-16-be").join([b"\xfe\xff", b""]), "a.jsonl") == [
        "Written in UTF-16."
    ]
    # Windows' line ends are stored as "\n".
    assert texts(b"date 2023-01-02 One.\r\nTwo.\r\n", "a.txt") == ["One.\nTwo."]


def test_a_file_in_no_encoding_is_one_failure(tmp_path: Path) -> None:
    assert list(read_bytes(bytes(range(1, 256)) * 8, "a.txt", name_hint="a.txt")) == [
        IngestFailure("a.txt", None, NOT_TEXT)
    ]
    damaged = "Caf\u00e9 d\u00e9j\u00e0 vu.".encode()[:-5] + b"\xe0 vu."  # UTF-8 with one latin-1 letter
    assert list(read_bytes(damaged, "a.txt", name_hint="a.txt")) == [IngestFailure("a.txt", None, NOT_TEXT)]


def test_a_date_header_with_nothing_after_it_is_no_article(tmp_path: Path) -> None:
    path = tmp_path / "nobody.txt"
    path.write_bytes(b"date 2023-02-20")
    assert read(path) == [IngestFailure(str(path), 1, "article has a date but no text")]
    palms = tmp_path / "palms.txt"
    palms.write_bytes(b"Date palms")  # no day: a (short) article, as before
    assert [(r.id, r.text) for r in read(palms) if isinstance(r, Article)] == [("palms", "Date palms")]


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
            {"id": "zw", "title": "invisible", "text": "\u200b\u200b\u200b\u200b"},  # a probe's, added
        ],
    )
    results = read(path)
    assert [r for r in results if isinstance(r, IngestFailure)] == [
        IngestFailure(str(path), 3, "bad JSON: Expecting value (column 1)"),
        IngestFailure(str(path), 4, NO_TEXT),
        IngestFailure(str(path), 5, "bad date '2023-02-29' (no such day)"),
        IngestFailure(
            str(path), 6, "bad date 'last week' (expected YYYY-MM-DD, or a day written out as March 4, 2023)"
        ),
        IngestFailure(
            str(path), 7, "bad date 20230101 (expected YYYY-MM-DD, or a Unix time in seconds or milliseconds)"
        ),
        IngestFailure(str(path), 8, "record is not a JSON object"),
        IngestFailure(str(path), 10, NO_TEXT),
    ]
    assert [(r.id, r.where) for r in results if isinstance(r, Article)] == [
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


def test_a_link_to_a_file_the_walk_reads_is_not_a_second_article(tmp_path: Path) -> None:
    # Read under the link's name, a probe's link.txt was stored beside nested/a/b/deep.txt.
    deep = tmp_path / "news" / "nested" / "deep.txt"
    deep.parent.mkdir(parents=True)
    deep.write_text("date 2023-01-10 The bridge reopened.", encoding="utf-8")
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("date 2023-01-11 The ferry stopped.", encoding="utf-8")
    os.symlink(deep, tmp_path / "news" / "link.txt")
    os.symlink(outside, tmp_path / "news" / "outside.txt")  # a link to a file read only through it
    results = read(tmp_path / "news")
    assert sorted(r.id for r in results if isinstance(r, Article)) == ["deep", "outside"]
    assert [r for r in results if isinstance(r, SkippedFile)] == [
        SkippedFile(str(tmp_path / "news" / "link.txt"), True)
    ]


def test_a_link_to_a_file_the_walk_reads_is_reported_as_one(tmp_path: Path, ingestor) -> None:
    """A probe read "Skipped 1 file of other types (expected .txt, …): links/fire-cause-link.txt"
    as a bug: the file is a .txt."""
    deep = tmp_path / "news" / "nested" / "deep.txt"
    deep.parent.mkdir(parents=True)
    deep.write_text("date 2023-01-10 The bridge reopened.", encoding="utf-8")
    link = tmp_path / "news" / "link.txt"
    os.symlink(deep, link)
    report = ingestor.ingest_paths([str(tmp_path / "news")])
    assert (report.added, report.skipped, report.links) == (1, [], [str(link)])
    assert describe_report(report).endswith(
        f"Skipped 1 link to a file read anyway (read once, under its own name): {link}"
    )


def test_a_linked_folder_is_read_once_and_a_link_back_up_is_no_loop(tmp_path: Path) -> None:
    """A probe's "2023 -> real2023" folder link was "no .txt, .md, .json or .jsonl files", and a
    linked folder beside others was left out without a word."""
    real = tmp_path / "real2023"
    real.mkdir()
    (real / "dunvegan.txt").write_text("date 2023-02-01 The castle reopened.", encoding="utf-8")
    news = tmp_path / "news"
    news.mkdir()
    os.symlink(real, news / "2023")
    os.symlink(news, real / "back-up")  # a loop through the link
    assert [r.id for r in read(news) if isinstance(r, Article)] == ["dunvegan"]
    # Beside the folder it links to, the folder is read once.
    os.symlink(real, tmp_path / "again")
    assert [r.id for r in read(tmp_path) if isinstance(r, Article)] == ["dunvegan"]


def test_the_index_inside_a_folder_ingested_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A probe's index kept inside the folder it ingested failed every later run on its own files
    ("…/lexical/meta.json: record has no text")."""
    monkeypatch.setenv("NEWSDESK_INDEX__PATH", str(tmp_path / "news" / "idx"))
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "story.txt").write_text("date 2023-02-01 The castle reopened.", encoding="utf-8")
    ingestor = build_services(load_settings(None)).ingestor
    assert ingestor.ingest_paths([str(tmp_path / "news")]).added == 1
    again = ingestor.ingest_paths([str(tmp_path / "news")])
    assert (again.unchanged, again.failed, again.skipped) == (1, [], [])


def test_dangling_symlink_given_directly(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    os.symlink(tmp_path / "missing-target.txt", link)
    assert read(link) == [IngestFailure(str(link), None, "no such file or folder")]


def test_unreadable_file(tmp_path: Path) -> None:
    # Tests run as root, so chmod 000 does not stop a read; a folder opened as a file does.
    folder = tmp_path / "looks-like.txt"
    folder.mkdir()
    assert list(read_file(folder, BIG)) == [IngestFailure(str(folder), None, "cannot read file: Is a directory")]


def test_a_pipe_or_a_device_is_not_read(tmp_path: Path) -> None:
    """A probe's named pipe hung the ingest, and a link to /dev/zero grew it to 24 GB."""
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    device = tmp_path / "null.txt"
    device.symlink_to("/dev/null")
    reason = "not a regular file (a pipe, a device or a socket): not read"
    assert list(read_file(device, BIG)) == [IngestFailure(str(device), None, reason)]
    assert list(read_file(pipe, BIG)) == [IngestFailure(str(pipe), None, reason)]
    # A byte over the limit is said to be over it.
    assert list(read_bytes(b"x" * 1_000_001, "upload.txt", max_bytes=1_000_000)) == [
        IngestFailure("upload.txt", None, "file is 1.1 MB, over the 1 MB limit")
    ]


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


def test_limits_default_to_the_settings_defaults() -> None:
    # An upload (read_bytes with no limits given) gets the same limits as a file with config.toml's defaults.
    defaults = load_settings(None).ingest
    assert (MAX_FILE_BYTES, MAX_ARTICLE_CHARS) == (100_000_000, 1_000_000)
    assert (defaults.max_file_mb * 1_000_000, defaults.max_article_chars) == (MAX_FILE_BYTES, MAX_ARTICLE_CHARS)


# -- limits: file size, decompressed size, article length ----------------------------------------


def gzip_of_zeros(megabytes: int) -> bytes:
    """A gzip file of this many MB of zeros, made without holding them (about 1 KB a MB)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: the gzip container
    block = bytes(1_000_000)
    return b"".join(compressor.compress(block) for _ in range(megabytes)) + compressor.flush()


def test_gzip_bomb_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(gzip_of_zeros(60))  # 60 KB that expand to 60 MB
    tracemalloc.start()
    try:
        results = read(bomb, max_bytes=1_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert results == [IngestFailure(str(bomb), None, "decompresses to more than the 1 MB limit")]
    assert peak < 5_000_000  # not the 60 MB it expands to


def test_uploads_and_stdin_have_the_file_limits_too() -> None:
    bomb = gzip_of_zeros(2)
    assert list(read_bytes(bomb, "up.jsonl.gz", "up.jsonl.gz", max_bytes=1_000_000)) == [
        IngestFailure("up.jsonl.gz", None, "decompresses to more than the 1 MB limit")
    ]
    # Sniffed as gzip without the suffix; the default limit is max_file_mb's default.
    assert list(read_bytes(gzip_of_zeros(101), "upload", "upload")) == [
        IngestFailure("upload", None, "decompresses to more than the 100 MB limit")
    ]
    assert read("-", max_bytes=1_000_000, stdin=b"word " * 300_000) == [
        IngestFailure("<stdin>", None, "more than the 1 MB limit")  # read only to a byte past it: its size is unknown
    ]


def test_article_over_the_character_limit(tmp_path: Path, write_jsonl) -> None:
    long_text = "Word after word. " * 100  # 1,700 characters
    text_file = tmp_path / "long.txt"
    text_file.write_text(f"date 2023-01-05 {long_text}", encoding="utf-8")
    lines = write_jsonl("feed.jsonl", [{"id": "short", "text": "Short."}, {"id": "long", "text": long_text}])
    document = tmp_path / "list.json"
    document.write_text(json.dumps([{"text": long_text}, {"id": "ok", "text": "Fine."}]), encoding="utf-8")
    over = (  # stripped of its last space
        "article is 1,699 characters, over the 1,000-character limit"
        " (ingest.max_article_chars, or NEWSDESK_INGEST__MAX_ARTICLE_CHARS)"
    )
    results = list(read_paths([str(text_file), str(lines), str(document)], BIG, max_article_chars=1_000))
    assert results == [
        IngestFailure(str(text_file), None, over),
        Article(id="short", title="Short", text="Short.", origin=str(lines), line=1),
        IngestFailure(str(lines), 2, over),
        IngestFailure(str(document), None, f"record 1: {over}"),
        Article(id="ok", title="Fine", text="Fine.", origin=f"{document}[2]"),
    ]


# -- malformed content -------------------------------------------------------------------------------


def test_deeply_nested_json_and_overlong_numbers(tmp_path: Path, write_jsonl) -> None:
    nested = "[" * 100_000 + "]" * 100_000
    document = tmp_path / "nested.json"
    document.write_text(nested, encoding="utf-8")
    lines = write_jsonl(
        "feed.jsonl",
        [nested, '{"id": 1' + "0" * 5_000 + ', "text": "Big id."}', {"id": "ok", "text": "Fine."}],
    )
    assert read(document, lines, "-", stdin=nested.encode()) == [
        IngestFailure(str(document), None, "bad JSON: nested too deeply"),
        IngestFailure(str(lines), 1, "bad JSON: nested too deeply"),
        IngestFailure(str(lines), 2, "bad JSON: a number too long to read"),
        Article(id="ok", title="Fine", text="Fine.", origin=str(lines), line=3),
        IngestFailure("<stdin>", None, "bad JSON: nested too deeply"),
    ]


def test_json_fields_of_the_wrong_type_are_failures(write_jsonl) -> None:
    path = write_jsonl(
        "feed.jsonl",
        [
            {"id": "a", "title": ["A", "list"], "text": "Body."},
            {"id": ["x"], "text": "Body."},
            {"id": True, "text": "Body."},
            {"id": "b", "url": {"href": "https://x.org"}, "text": "Body."},
            {"id": "c", "source": 7, "text": "Body."},
            {"id": "d", "authors": ["Ann", {"nom": "Bo"}], "text": "Body."},
            {"id": "e", "authors": 3, "text": "Body."},
            {"id": "f", "text": ["Body."]},
            {"id": "g", "body": 1.5},
            '{"id": "h", "text": "Half \\ud800 a character."}',
            {"id": 7, "title": None, "url": None, "authors": ["Cy", " "], "text": "Kept.", "extra": [1]},
            {"id": "   ", "text": "Spaces for an id."},
        ],
    )
    results = read(path)
    assert [r for r in results if isinstance(r, IngestFailure)] == [
        IngestFailure(str(path), 1, "field 'title' must be a string, got a list"),
        IngestFailure(str(path), 2, "field 'id' must be a string or an integer, got a list"),
        IngestFailure(str(path), 3, "field 'id' must be a string or an integer, got true or false"),
        IngestFailure(str(path), 4, "field 'url' must be a string, got an object"),
        IngestFailure(str(path), 5, "field 'source' must be a string, got a number"),
        IngestFailure(
            str(path), 6, "field 'authors' must be a string or a list of strings, got a list holding an object"
        ),
        IngestFailure(str(path), 7, "field 'authors' must be a string or a list of strings, got a number"),
        IngestFailure(str(path), 8, "field 'text' must be a string, got a list"),
        IngestFailure(str(path), 9, "field 'body' must be a string, got a number"),
        IngestFailure(str(path), 10, "field 'text' holds a lone surrogate, which is not text"),
    ]
    assert [r for r in results if isinstance(r, Article)] == [
        Article(id="7", title="Kept", text="Kept.", authors=("Cy",), origin=str(path), line=11),
        Article(
            id=sha16("Spaces for an id."), title="Spaces for an id", text="Spaces for an id.", origin=str(path), line=12
        ),
    ]


def test_nul_anywhere_makes_a_binary_file(tmp_path: Path) -> None:
    late = tmp_path / "late.txt"
    late.write_bytes(b"Plain words. " * 1_000 + b"\x00 and more.")  # the NUL at byte 13,000
    assert read(late) == [IngestFailure(str(late), None, NOT_TEXT)]


def test_title_of_a_long_line_of_initials_is_quick() -> None:
    # Only the start of the first line is read: a regex once checked each "A." against the line so far.
    started = time.process_time()  # CPU time: a CI run beside other work took 0.53 s of wall time
    title = derive_title("A. " * 5_000)  # seconds before (it grew with the square), ms now
    assert time.process_time() - started < 0.5
    assert title == "A. " * 29 + "A.…"  # every "A." is an initial, so the line is one sentence


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Florida Gov. Ron DeSantis signed the bill. It takes effect in July.",
            "Florida Gov. Ron DeSantis signed the bill",
        ),
        ("U.S. Sen. Bob Casey Jr. met Mr. Abbas. Then he left.", "U.S. Sen. Bob Casey Jr. met Mr. Abbas"),
        ("The vote is on Mar. 3 in St. Louis. More later.", "The vote is on Mar. 3 in St. Louis"),
        ("No. 1 Georgia routs TCU to win the title. More later.", "No. 1 Georgia routs TCU to win the title"),
        ("A.J. Brown signs with the Eagles. More later.", "A.J. Brown signs with the Eagles"),
        ("A. J. Brown signs with the Eagles. More later.", "A. J. Brown signs with the Eagles"),
    ],
)
def test_titles_run_past_abbreviations(text: str, title: str) -> None:
    assert derive_title(text) == title


# -- folders and file types ---------------------------------------------------------------------------


@pytest.fixture
def locked_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """lock(folder): make a folder unreadable. chmod 000 is enough for a user; root reads it anyway, so
    for root listing it fails with the same PermissionError a user gets."""
    locked: list[Path] = []
    real_scandir = os.scandir

    def scandir(path: str | Path = ".") -> object:
        if Path(path) in locked:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_scandir(path)

    if os.geteuid() == 0:
        monkeypatch.setattr(os, "scandir", scandir)

    def lock(folder: Path) -> None:
        folder.chmod(0)
        locked.append(folder)

    yield lock
    for folder in locked:
        folder.chmod(0o755)


def test_unreadable_folder_is_a_failure_and_the_rest_is_read(tmp_path: Path, locked_folder) -> None:
    folder = tmp_path / "in"
    (folder / "private").mkdir(parents=True)
    (folder / "private" / "secret.txt").write_text("Hidden away.", encoding="utf-8")
    (folder / "open.txt").write_text("In the open.", encoding="utf-8")
    locked_folder(folder / "private")
    denied = f"cannot read folder: {os.strerror(errno.EACCES)}"
    assert read(folder) == [
        IngestFailure(str(folder / "private"), None, denied),
        Article(id="open", title="In the open", text="In the open.", origin=str(folder / "open.txt")),
    ]
    # Given directly it is the same failure, not "holds no .txt files".
    assert read(folder / "private") == [IngestFailure(str(folder / "private"), None, denied)]


def test_named_file_of_an_unknown_type_is_unsupported_as_in_a_folder(tmp_path: Path) -> None:
    table = tmp_path / "prices.csv"
    table.write_text("item,price\napple,1\n", encoding="utf-8")
    bare = tmp_path / "README"
    bare.write_text("Not an article.", encoding="utf-8")
    hidden = tmp_path / ".draft.txt"
    hidden.write_text("Named, so read.", encoding="utf-8")
    unsupported = "unsupported file type (expected .txt, .md, .json, .jsonl or .html, optionally gzipped as .gz)"
    assert read(table, bare, hidden) == [
        IngestFailure(str(table), None, unsupported),
        IngestFailure(str(bare), None, unsupported),
        Article(id=".draft", title="Named, so read", text="Named, so read.", origin=str(hidden)),
    ]
    # In a folder none of them is read.
    assert read(tmp_path) == [IngestFailure(str(tmp_path), None, "folder holds no .txt, .md, .json or .jsonl files")]


def test_a_gzipped_json_lines_file_cut_short_keeps_its_whole_lines() -> None:
    """A download or copy that stopped: the whole lines go in, and the cut is reported where it fell."""
    records = [{"id": f"cut-{n}", "text": f"Report {n} on the harbour ferries."} for n in range(400)]
    zipped = gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode())
    results = list(read_bytes(zipped[: len(zipped) // 2], "feed.jsonl.gz", "feed.jsonl.gz"))
    articles = [r for r in results if isinstance(r, Article)]
    assert articles and [a.id for a in articles] == [f"cut-{n}" for n in range(len(articles))]
    assert [a.text for a in articles] == [records[n]["text"] for n in range(len(articles))]
    assert results[-1] == IngestFailure(
        "feed.jsonl.gz", len(articles) + 1, "the gzip file ends early (cut short) here: the rest is missing"
    )
    assert len(results) == len(articles) + 1
    # JSON Lines in a ".json" file, and a file of several gzip members (cat a.gz b.gz), alike.
    named_json = list(read_bytes(zipped[: len(zipped) // 2], "feed.json.gz", "feed.json.gz"))
    assert [a.id for a in named_json if isinstance(a, Article)] == [a.id for a in articles]
    text = "".join(json.dumps(r) + "\n" for r in records).encode()
    members = gzip.compress(text[:2000]) + gzip.compress(text[2000:])
    several = list(read_bytes(members[: len(members) - 200], "feed.jsonl.gz", "feed.jsonl.gz"))
    assert len([r for r in several if isinstance(r, Article)]) > text[:2000].count(b"\n") + 100
    # A JSON document cut short is no document at all.
    document = gzip.compress(json.dumps(records).encode())
    assert list(read_bytes(document[: len(document) // 2], "feed.json.gz", "feed.json.gz")) == [
        IngestFailure("feed.json.gz", None, "not a valid gzip file: it ends early (cut short)")
    ]


def test_json_lines_in_a_file_named_json_are_read_as_json_lines(tmp_path: Path) -> None:
    """Exports often name JSON Lines ".json": as one document the file is no JSON, and every
    record was lost."""
    lines = [{"id": "j1", "text": "First report."}, {"id": "j2", "text": "Second report."}]
    data = ("\n".join(json.dumps(r) for r in lines) + "\n").encode()
    assert [(a.id, a.line) for a in read_bytes(data, "export.json", "export.json")] == [("j1", 1), ("j2", 2)]
    # A real document, and a broken one, are read as before.
    document = json.dumps(lines, indent=1).encode()
    assert [a.id for a in read_bytes(document, "doc.json", "doc.json")] == ["j1", "j2"]
    broken = b'{"id": "q",\n "text": \n'
    assert list(read_bytes(broken, "b.json", "b.json")) == [
        IngestFailure("b.json", 3, "bad JSON: Expecting value (column 1)")
    ]


def test_a_text_of_invisible_characters_alone_is_no_article() -> None:
    """A probe's file of 100 zero-width spaces was added, with an invisible title and text."""
    (result,) = read_bytes(("\u200b" * 100 + "\u00ad\ufeff").encode(), "zw.txt")
    assert result == IngestFailure(
        "zw.txt", 1, "article has no text (only a comment, or control or invisible characters)"
    )


@pytest.mark.parametrize(
    ("source", "stored"),
    [("ARDNA.EXAMPLE", "ardna.example"), ("www.BBC.co.uk", "bbc.co.uk"), ("CNN", "CNN"), ("The Week", "The Week")],
)
def test_a_sites_name_as_a_source_is_one_outlet_in_any_case(source: str, stored: str) -> None:
    """A probe's stats listed "ardna.example" and "ARDNA.EXAMPLE" as two outlets."""
    [article] = list(read_bytes(json.dumps({"text": "Rain.", "source": source}).encode(), "r.json", name_hint="r.json"))
    assert isinstance(article, Article) and article.source == stored


def test_an_id_of_0_is_an_id_and_a_line_break_in_an_id_is_a_space(write_jsonl):
    """A tester's "id": 0 was read as no id: its correction went in beside it, and `--delete 0`
    found nothing. A line break in an id split the Sources line. Other white space is kept as it
    was, so that no id an earlier version stored changes (a review's)."""
    path = write_jsonl(
        "feed.jsonl",
        [
            {"id": 0, "text": "The ferry was cancelled."},
            {"id": "0", "text": "The ferry runs."},
            {"id": "two\nlines", "text": "Kept."},
            {"id": "a  b", "text": "Kept too."},
        ],
    )
    assert [a.id for a in read(path)] == ["0", "0", "two lines", "a  b"]


def test_an_id_less_article_has_one_id_whatever_its_line_ends(tmp_path):
    """A tester's id-less article saved with Windows line ends was stored twice: its id had been
    the hash of the text before its line ends were made "\\n"."""
    record = {"title": "Ferry", "text": "The ferry was cancelled.\nIt runs again on Monday."}
    unix = tmp_path / "unix.jsonl"
    unix.write_text(json.dumps(record) + "\n", encoding="utf-8")
    windows = tmp_path / "windows.jsonl"
    windows.write_text(json.dumps({**record, "text": record["text"].replace("\n", "\r\n")}) + "\r\n", encoding="utf-8")
    (first,), (second,) = read(unix), read(windows)
    assert first.id == second.id and first.text == second.text


def test_a_title_longer_than_a_headline_is_cut_at_a_word(write_jsonl):
    """A tester's 2 MB title was printed whole in every answer citing it."""
    from newsdesk.models import MAX_TITLE_CHARS

    path = write_jsonl("feed.jsonl", [{"id": "long", "title": "Ferry news " * 200_000, "text": "Kept."}])
    [article] = read(path)
    assert len(article.title) <= MAX_TITLE_CHARS + 1
    assert article.title.endswith("news…") and article.title.startswith("Ferry news Ferry news")
    [short] = read(write_jsonl("short.jsonl", [{"id": "s", "title": "Ferry cancelled", "text": "Kept."}]))
    assert short.title == "Ferry cancelled"
    # A title of one long word is cut inside it, not back to its first word (a review's).
    [one_word] = read(write_jsonl("word.jsonl", [{"id": "w", "title": "Breaking: " + "x" * 400, "text": "Kept."}]))
    assert one_word.title == "Breaking: " + "x" * 290 + "…"


def test_a_json_file_of_an_empty_list_is_told(tmp_path):
    """A tester's `[]` in a .json file was read as nothing, without a word, while a blank file is
    an "empty file" failure."""
    path = tmp_path / "none.json"
    path.write_text("[ ]\n", encoding="utf-8")
    assert read(path) == [IngestFailure(str(path), None, "holds an empty list: no articles")]
    wrapped = tmp_path / "wrapped.json"  # an export's wrapper of nothing had been "record has no text"
    wrapped.write_text('{"articles": [], "total": 0}', encoding="utf-8")
    assert read(wrapped) == [IngestFailure(str(wrapped), None, "holds an empty list: no articles")]
    misnamed = tmp_path / "misnamed.json"  # a record with its text field misnamed is told so (a review's)
    misnamed.write_text('{"story": "The council voted.", "tags": []}', encoding="utf-8")
    [failure] = read(misnamed)
    assert isinstance(failure, IngestFailure) and failure.error.startswith("record has no text")


def test_a_date_header_may_carry_a_time(tmp_path: Path) -> None:
    """A mail's or an export's "Date: 2023-03-05T10:00:00Z" had left the article undated, and
    "date 2023-03-05 10:00" had made "10:00" the article's first words."""
    for header in ("Date: 2023-03-05T10:00:00Z", "date 2023-03-05 10:00", "Date: 2023-03-05 10:00:00 UTC"):
        article = read_text_file(tmp_path / "timed.txt", f"{header}\n\nThe council voted on the bridge. It passed.\n")
        assert (article.published, article.text) == (date(2023, 3, 5), "The council voted on the bridge. It passed.")
    late = tmp_path / "late.txt"
    late.write_text("date 2023-03-05 25:99\nThe council met.", encoding="utf-8")
    assert read(late) == [IngestFailure(str(late), 1, "bad date '2023-03-05 25:99' (no such time)")]
    opening = tmp_path / "opening.txt"  # a time the story goes on from is the story's (a review's)
    opening.write_text("date 2023-03-05 9:15 a.m. the council met.", encoding="utf-8")
    assert [r.text for r in read(opening) if isinstance(r, Article)] == ["9:15 a.m. the council met."]
    counted = tmp_path / "counted.txt"  # a number after the day is the article's
    counted.write_text("date 2023-03-05 10 people were hurt.", encoding="utf-8")
    assert [(r.published, r.text) for r in read(counted) if isinstance(r, Article)] == [
        (date(2023, 3, 5), "10 people were hurt.")
    ]


def test_an_outlet_title_or_author_is_one_line(write_jsonl) -> None:
    """A Discord probe's outlet "evil\\nsource @everyone" split the Sources line of every answer."""
    record = {"id": "x", "title": "Two\nlines", "source": "evil\nsource", "authors": ["A\nB"], "text": "Text."}
    [article] = read(write_jsonl("lines.jsonl", [record]))
    assert (article.title, article.source, article.authors) == ("Two lines", "evil source", ("A B",))


def test_a_file_names_white_space_is_one_space_in_its_id(tmp_path: Path) -> None:
    """A tester's file named with a line break had an id no one can type after --delete."""
    path = tmp_path / "new\nline.txt"
    path.write_text("date 2023-03-05 The ferry sailed.", encoding="utf-8")
    assert [(r.id, r.former_id) for r in read(path)] == [("new line", "new\nline")]  # replaced, not doubled
    # Spaces stay as they are: the id every earlier version gave (a review's).
    spaced = tmp_path / "Budget  Vote.txt"
    spaced.write_text("date 2023-03-05 The budget passed.", encoding="utf-8")
    assert [(r.id, r.former_id) for r in read(spaced)] == [("budget  vote", None)]


def test_the_field_names_other_exports_give_are_read(tmp_path: Path) -> None:
    """A tester's {"headline", "body", "pubDate", "link"} records went in without title, date or
    address, and {"content": …} failed as having no text; WordPress writes {"rendered": …}."""
    records = [
        {"headline": "Miners win raise", "body": "The Redstone miners won a raise.",
         "pubDate": "Tue, 02 May 2023 08:00:00 GMT", "link": "https://news.example/redstone", "author": "Sam Roe"},
        {"title": {"rendered": "Council meets"}, "content": {"rendered": "<p>The Ardna council met.</p>"},
         "datePublished": "2023-05-03T10:00:00Z", "guid": "wp-7", "publisher": "Ardna Post"},
        # A field's own name wins over another's.
        {"id": "own", "guid": "other", "text": "Its text.", "content": "Not this.", "title": "T", "headline": "H"},
    ]  # fmt: skip
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"items": records}), encoding="utf-8")
    miners, council, own = read(path)
    assert (miners.title, miners.published, miners.url, miners.authors) == (
        "Miners win raise",
        date(2023, 5, 2),
        "https://news.example/redstone",
        ("Sam Roe",),
    )
    assert (council.id, council.title, council.text, council.source) == (
        "wp-7",
        "Council meets",
        "The Ardna council met.",
        "Ardna Post",
    )
    # Known by its text's hash before "guid" was read: replaced, not doubled, when ingested again.
    assert council.former_id == content_id("The Ardna council met.")
    assert (own.id, own.text, own.title) == ("own", "Its text.", "T")


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("March 4, 2023", date(2023, 3, 4)),
        ("March 4th, 2023", date(2023, 3, 4)),
        ("4 March 2023", date(2023, 3, 4)),
        ("Saturday, Mar. 4, 2023", date(2023, 3, 4)),
        ("2023/03/04", date(2023, 3, 4)),
        ("Sept 5, 2023", date(2023, 9, 5)),
    ],
)
def test_a_day_written_out_is_a_date(written: str, day: date) -> None:
    """A tester's front matter "date: March 4, 2023" failed its file; each of these is one day."""
    assert parse_date(written) == day


def test_a_newsapi_export_is_read(tmp_path: Path) -> None:
    """A research probe's NewsAPI export failed every record: "field 'source' must be a string, got
    an object". Its "content" ends with a count of the characters it left out."""
    export = {
        "status": "ok",
        "totalResults": 1,
        "articles": [
            {"source": {"id": None, "name": "Dunmore Times"}, "author": None, "title": "Quarry workers rescued",
             "description": "All four were rescued.", "url": "https://dunmoretimes.example/quarry-rescue",
             "publishedAt": "2023-07-11T18:00:00Z",
             "content": "All four Dunmore quarry workers were rescued alive on Tuesday, fire… [+900 chars]"},
            {"source": {"id": None, "name": "[Removed]"}, "title": "[Removed]", "description": "[Removed]",
             "url": "https://removed.com", "publishedAt": "1970-01-01T00:00:00Z", "content": "[Removed]"},
            {"source": {"id": "x", "name": None}, "title": "Crane down", "content": "A crane fell on Main St."},
        ],
    }  # fmt: skip
    path = tmp_path / "everything.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    rescued, removed, crane = read(path)
    assert (rescued.source, rescued.published, rescued.text) == (
        "Dunmore Times",
        date(2023, 7, 11),
        "All four Dunmore quarry workers were rescued alive on Tuesday, fire…",  # cut, as it shows
    )
    # A taken-down article's placeholder is no article of 1970 (a review's); a null name is no source.
    assert removed == IngestFailure(
        str(path), None, "record 2: the article was taken down: NewsAPI's “[Removed]” holds its place"
    )
    assert (crane.source, crane.text) == (None, "A crane fell on Main St.")
    # In its own name too, authors as objects; an object with no name is still refused.
    path.write_text(json.dumps({"id": "a", "text": "T.", "authors": ["Ann", {"name": "Jo Hale"}]}), encoding="utf-8")
    assert read(path)[0].authors == ("Ann", "Jo Hale")
    path.write_text(json.dumps({"id": "a", "text": "<p>[Removed]</p>"}), encoding="utf-8")
    assert read(path) == [
        IngestFailure(str(path), None, "the article was taken down: NewsAPI's “[Removed]” holds its place")
    ]
    path.write_text(json.dumps({"id": "a", "text": "T.", "source": {"id": "x"}}), encoding="utf-8")
    assert read(path) == [IngestFailure(str(path), None, "field 'source' must be a string, got an object")]


@pytest.mark.parametrize("written", ["2023/03/04 was the day", "May 5, 2023 – June 1, 2024"])
def test_no_one_day_written_out_is_refused(written: str) -> None:
    # A day and more words, or two days (a review's).
    with pytest.raises(ValueError, match="expected YYYY-MM-DD, or a day written out"):
        parse_date(written)


def test_a_day_with_its_month_either_way_round_is_read_when_only_one_way_is_a_day() -> None:
    """A research probe's note dated "03/25/2023" went in undated, its date line its title."""
    assert parse_date("03/25/2023") == parse_date("25/03/2023") == date(2023, 3, 25)
    assert parse_date("03/03/2023") == date(2023, 3, 3)
    # March 4 in one country and April 3 in another.
    with pytest.raises(ValueError, match="the day and month could be either way round"):
        parse_date("03/04/2023")
    with pytest.raises(ValueError, match="no such day"):
        parse_date("02/30/2023")


@pytest.mark.parametrize(
    "first_line",
    [
        "Date: 4 March 2023",
        "March 4th, 2023",
        "date Sat, 04 Mar 2023 10:00:00 GMT",
        "Saturday, March 4, 2023 10:00 AM EST",
        "2023-03-04T10:00:00Z",
        "2023-03-04",
    ],
)
def test_a_first_line_that_is_only_a_day_dates_the_article(tmp_path: Path, first_line: str) -> None:
    """A tester's articles opening so were undated, and the line was their title."""
    path = tmp_path / "clock.txt"
    path.write_text(f"{first_line}\n\nThe Ulverston clock tower was repaired.\n", encoding="utf-8")
    [article] = read(path)
    assert (article.published, article.title) == (date(2023, 3, 4), "The Ulverston clock tower was repaired")
    # A day opening a sentence is the article's text.
    path.write_text("March 4, 2023 was the day the council voted.\n", encoding="utf-8")
    [article] = read(path)
    assert (article.published, article.text) == (None, "March 4, 2023 was the day the council voted.")


def test_a_day_on_the_line_after_a_markdown_heading_dates_the_article(tmp_path: Path) -> None:
    """An editor's upload, "# Title", a blank line, then "Date: 2023-06-14", went in undated."""
    path = tmp_path / "floodwall.md"
    path.write_text("# Riverton approves flood wall\n\nDate: 2023-06-14\n\nThe council voted 5-2.\n", encoding="utf-8")
    [article] = read(path)
    assert (article.published, article.title) == (date(2023, 6, 14), "Riverton approves flood wall")
    assert article.text == "# Riverton approves flood wall\n\nThe council voted 5-2."
    # A heading and a day with no text is refused, as a day alone is (a review's).
    for empty in ("", "<!-- draft -->\n"):
        path.write_text(f"# Riverton approves flood wall\n\nDate: 2023-06-14\n\n{empty}", encoding="utf-8")
        [failed] = read(path)
        assert isinstance(failed, IngestFailure) and failed.error == "article has a date but no text"
    # A long one-line file opening with "# " is read at once: the heading's pattern had taken
    # minutes on one (a review's; 16,000 characters took 3 s, and the time grew with the square).
    path.write_text("# " + "word " * 40_000, encoding="utf-8")
    [long] = read(path)
    assert isinstance(long, Article) and long.published is None
    # A day opening the heading's first sentence is its text, as before.
    path.write_text("# Riverton\n\nJune 14, 2023 was the day the council voted.\n", encoding="utf-8")
    assert read(path)[0].published is None


def test_a_jekyll_posts_name_dates_it(tmp_path: Path) -> None:
    """Jekyll's "_posts/2023-03-04-town-hall-clock.md" had gone in undated."""
    path = tmp_path / "2023-03-04-town-hall-clock.md"
    path.write_text("---\ntitle: Clock\n---\nThe town hall clock chimed.\n", encoding="utf-8")
    [article] = read(path)
    assert (article.id, article.published) == ("2023-03-04-town-hall-clock", date(2023, 3, 4))
    path.write_text("---\ntitle: Clock\ndate: 2023-03-06\n---\nThe town hall clock chimed.\n", encoding="utf-8")
    assert read(path)[0].published == date(2023, 3, 6)  # its own date first
    # A name beginning with no day a calendar has is a name, as it was (a review's).
    odd = tmp_path / "2023-13-45-x.md"
    odd.write_text("---\ntitle: X\n---\nText.\n", encoding="utf-8")
    assert [(r.id, r.published) for r in read(odd)] == [("2023-13-45-x", None)]


def test_a_few_windows_bytes_in_a_utf8_file_are_read_as_windows(tmp_path: Path) -> None:
    """A tester's 50-article JSON export with one curly quote pasted from a word processor (b"\\x92")
    was refused whole as "not a text file"."""
    records = [{"id": f"r{n}", "text": f"Story {n} about the Café."} for n in range(3)]
    records[1]["text"] = "The mayor said it’s fine."
    data = json.dumps(records, ensure_ascii=False).encode().replace("’".encode(), b"\x92")
    (tmp_path / "export.json").write_bytes(data)
    assert [r.text for r in read(tmp_path / "export.json")] == [
        "Story 0 about the Café.",
        "The mayor said it’s fine.",
        "Story 2 about the Café.",
    ]
    # Many such bytes, or one Windows-1252 has no character for, is no text file still.
    (tmp_path / "many.txt").write_bytes("Café ".encode() + b"\x92" * 30)
    (tmp_path / "odd.txt").write_bytes("Café ".encode() + b"\x81 x")
    assert read(tmp_path / "many.txt") == [IngestFailure(str(tmp_path / "many.txt"), None, NOT_TEXT)]
    assert read(tmp_path / "odd.txt") == [IngestFailure(str(tmp_path / "odd.txt"), None, NOT_TEXT)]
    # Windows-1252 whose byte pair UTF-8 reads as another letter ("ß”" as "ߔ") is not read so (a review's).
    windows = "„Ich muß”, sagte er. Die Straße ist schön.".encode("cp1252")
    (tmp_path / "german.txt").write_bytes(windows)
    assert read(tmp_path / "german.txt") == [IngestFailure(str(tmp_path / "german.txt"), None, NOT_TEXT)]
    # A JSON Lines line of UTF-8 with such a byte is read too.
    line = json.dumps({"id": "z", "text": "Zoë said it’s fine."}, ensure_ascii=False).encode()
    (tmp_path / "feed.jsonl").write_bytes(line.replace("’".encode(), b"\x92") + b"\n")
    assert [r.text for r in read(tmp_path / "feed.jsonl")] == ["Zoë said it’s fine."]


def test_another_exports_names_never_fail_a_record_nor_make_a_wrapper_one(tmp_path: Path) -> None:
    """A review's: a feed's {"description": …, "items": […]} was read as one article; schema.org's
    "publisher": {…}, RSS's "guid": {…} and an epoch "publishedAt" failed records that had gone in;
    and a guid's record, id-less before, was not known by the id it had then."""
    records = [
        {"headline": "A", "body": "Alpha story.", "author": {"name": "Sam Roe"}, "guid": {"isPermaLink": False},
         "publisher": {"@type": "Organization", "name": "Ardna Post"}, "publishedAt": 1683014400000,
         "link": [{"href": "x"}]},
        {"guid": "g1", "text": "A.\r\nB."},
    ]  # fmt: skip
    path = tmp_path / "feed.json"
    path.write_text(json.dumps({"description": "Feed of Ardna", "items": records}), encoding="utf-8")
    alpha, windows = read(path)
    assert (alpha.title, alpha.text, alpha.authors, alpha.source, alpha.published, alpha.url) == (
        "A",
        "Alpha story.",
        ("Sam Roe",),
        "Ardna Post",
        date(2023, 5, 2),  # a Unix time in milliseconds is its UTC day (see test_a_unix_time_dates_a_record)
        None,
    )
    assert (windows.id, windows.former_id) == ("g1", content_id("A.\nB."))


def test_a_saved_web_page_is_read_as_its_article(tmp_path: Path) -> None:
    """A tester's pages saved from a browser were passed over as "files of other types". Its
    article is read without the site's menus and banners, with what its metadata tells."""
    page = tmp_path / "Zoo-Tiger.html"
    page.write_text(
        "<html><head><title>Zoo | Velmont Post</title>"
        '<meta property="og:title" content="Velmont zoo names its new tiger">'
        '<meta property="article:published_time" content="2023-10-02T08:00:00-05:00">'
        '<meta property="og:site_name" content="Velmont Post"><meta name="author" content="Sam Roe">'
        '<link rel="canonical" href="https://velmontpost.example/news/zoo-tiger"><script>var x = 1;</script></head>'
        "<body><nav>Home Sports</nav><header>Subscribe now!</header><article><p>The Velmont zoo named its "
        "new tiger Raja on Monday.</p><aside>Related: Lions</aside></article><footer>© Velmont Post</footer>"
        "</body></html>",
        encoding="utf-8",
    )
    [article] = read(page)
    assert (article.id, article.title, article.text) == (
        "zoo-tiger",
        "Velmont zoo names its new tiger",
        "The Velmont zoo named its new tiger Raja on Monday.",
    )
    assert (article.published, article.source, article.url, article.authors) == (
        date(2023, 10, 2),
        "Velmont Post",
        "https://velmontpost.example/news/zoo-tiger",
        ("Sam Roe",),
    )
    bare = tmp_path / "bare.htm"
    bare.write_text("<html><head><title>Ferry</title></head><body><p>The ferry sailed.</p></body></html>")
    assert [(r.title, r.text, r.published) for r in read(bare)] == [("Ferry", "The ferry sailed.", None)]
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><nav>Home</nav><script>x()</script></body></html>")
    assert read(empty) == [IngestFailure(str(empty), None, "the page shows no article text")]


def test_a_saved_page_is_read_whatever_its_markup_gets_wrong(tmp_path: Path) -> None:
    """A review's pages: a <time> that is no day failed the page; a teaser <article> in the menu was
    taken for the story; a relative canonical link was stored as an address; "&lt;div&gt;" in the
    prose was read as markup again; a page without <body> opened with its title; a browser's
    "_files" folder was read as articles."""
    page = tmp_path / "story.html"
    page.write_text(
        '<html><head><title>T</title><link rel="canonical" href="/news/story">'
        '<meta property="og:url" content="https://post.example/news/story?x=1"></head><body>'
        "<header><nav><article>Related: Cats are great.</article></nav></header>"
        '<time datetime="PT5M">5 min read</time>'
        "<article><p>The tag &lt;div&gt; was explained to the council on Monday.</p></article></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "story_files").mkdir()
    (tmp_path / "story_files" / "saved_resource.html").write_text("<html><body><p>An ad frame.</p></body></html>")
    [article] = [r for r in read_paths([str(tmp_path)], BIG) if isinstance(r, Article)]
    assert (article.id, article.text, article.published, article.url) == (
        "story",
        "The tag <div> was explained to the council on Monday.",
        None,
        "https://post.example/news/story",
    )
    bodiless = tmp_path / "bodiless.html"
    bodiless.write_text("<html><head><title>Ferry</title></head><p>The ferry sailed.</p></html>")
    assert [(r.title, r.text) for r in read(bodiless)] == [("Ferry", "The ferry sailed.")]


def test_an_export_record_with_lists_of_its_own_is_a_record(tmp_path: Path) -> None:
    """A review's schema.org record with "author": [{"name": …}] (or "tags": [{…}]) was read as a
    wrapper of that list, and failed as records without text."""
    path = tmp_path / "one.json"
    record = {"headline": "H", "content": "Body text.", "author": [{"name": "Jane Roe"}]}
    path.write_text(json.dumps(record), encoding="utf-8")
    assert [(r.title, r.text, r.authors) for r in read(path)] == [("H", "Body text.", ("Jane Roe",))]


def test_a_published_or_posted_line_dates_the_article(tmp_path: Path) -> None:
    """A newcomer's "Published: March 4, 2023" first line was left undated, and made the title."""
    for header in ("Published: March 4, 2023", "Posted on 2023-03-04", "published 4 March 2023 10:00 AM EST"):
        article = read_text_file(tmp_path / "posted.txt", f"{header}\nThe council voted on the bridge.\n")
        assert (article.published, article.text) == (date(2023, 3, 4), "The council voted on the bridge.")
    # A sentence that starts so is the story's, not a date line.
    kept = read_text_file(tmp_path / "story.txt", "Published reports in 2023 said the bridge would close.\nIt did.")
    assert kept.published is None and kept.text.startswith("Published reports")


def test_a_unix_time_dates_a_record(write_jsonl) -> None:
    """A newcomer's "date": 1677801600 failed its record, and under "pubDate" the same number
    left it undated without a word. Seconds or milliseconds are a UTC day; 20230101 stays a
    failure (a day written YYYYMMDD, or a time in 1970?)."""
    records = [
        {"id": "s", "date": 1677801600, "text": "Seconds."},
        {"id": "ms", "pubDate": 1677801600000, "text": "Milliseconds."},
        {"id": "odd", "date": 20230101, "text": "Digits."},
        {"id": "alias", "pubDate": 20230101, "text": "Passed over."},
        # Before 2001 a time in seconds has nine digits (a review's 1993 failed); a fraction is one too.
        {"id": "old", "date": 750211200, "text": "Nineties."},
        {"id": "frac", "published": 1677801600.25, "text": "A fraction."},
    ]
    results = read(write_jsonl("epoch.jsonl", records))
    dated = {r.id: r.published for r in results if isinstance(r, Article)}
    assert dated == {
        "s": date(2023, 3, 3),
        "ms": date(2023, 3, 3),
        "alias": None,
        "old": date(1993, 10, 10),
        "frac": date(2023, 3, 3),
    }, results
    assert [r.error for r in results if isinstance(r, IngestFailure)] == [
        "bad date 20230101 (expected YYYY-MM-DD, or a Unix time in seconds or milliseconds)"
    ]


def test_a_headline_then_a_date_line_dates_the_article(tmp_path: Path) -> None:
    """An edge-case tester's "Council passes budget", then "Published: March 4, 2023", went in
    undated, as a Markdown "# heading" then the same line did not."""
    article = read_text_file(
        tmp_path / "budget.txt", "U.S. council passes budget\nPublished: March 4, 2023\n\nThe vote was 5-2.\n"
    )
    assert (article.published, article.title, article.text) == (
        date(2023, 3, 4),
        "U.S. council passes budget",
        "U.S. council passes budget\n\nThe vote was 5-2.",
    )


def test_a_date_line_no_calendar_has_fails_the_article(tmp_path: Path) -> None:
    """An edge-case tester's "Published: 2023-13-04" and "29 February 2023" lines went in as the
    article's first words, undated, where a JSON record's date fails."""
    for line, error in [
        ("Published: 2023-13-04", "bad date '2023-13-04' (no such day)"),
        ("29 February 2023", "bad date '29 February 2023' (no such day)"),
    ]:
        path = tmp_path / "bad.txt"
        path.write_text(f"{line}\nThe council met.\n", encoding="utf-8")
        assert read(path) == [IngestFailure(str(path), 1, error)], line
    headed = tmp_path / "headed.txt"  # after a headline, at its line
    headed.write_text("Council meets\nDate: 2023-02-30\nThe council met.\n", encoding="utf-8")
    assert read(headed) == [IngestFailure(str(headed), 2, "bad date '2023-02-30' (no such day)")]
    # A line with more than a day on it, or a sentence with a year in it, is the story's (a review's
    # "Published: March 4, 2023 by Jane Doe" had failed its article).
    for first in ("Published: March 4, 2023 by Jane Doe", "Date: Monday", "The council met in 2023 to vote."):
        kept = read_text_file(tmp_path / "story.txt", f"{first}\nIt passed.")
        assert kept.published is None and kept.text.startswith(first), first
