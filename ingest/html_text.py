"""Plain text from an article body written in HTML.

Feeds and CMS exports often carry the body as HTML ("<p>The <strong>Harwick</strong> school
board voted …</p>"). Indexed as it came, its tags split words for the keyword search, its
entities ("&#8217;") were never the apostrophes a question types, and quotes showed markup. Such a
body is read as a browser shows it: paragraphs and line breaks become line breaks (where a
sentence ends, as in any article), inline tags vanish, entities are decoded, and scripts and
styles are dropped.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Comment, NavigableString

# Tags that HTML article bodies are made of, and comments (an editor's "<!-- hold until verified
# -->" in a CMS export or a Markdown file is never shown). A "<" in prose ("a <3 fan", "x < y") is no
# tag, and neither is a tag named in prose: security reporting writes "hid code inside an <iframe>"
# or "Why <script> tags in ads worry …", and read as HTML the rest of such an article was lost.
# A script, style or embed is markup when it is closed, or closes itself ("<iframe src=… />").
HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|strong|em|b|i|u|a|ul|ol|li|h[1-6]|blockquote|figure|figcaption|img|table|tr|td"
    r"|section|article|header|footer|aside|pre|hr|sup|sub|small)(?:\s[^<>]*)?/?>|<!--"
    r"|<(script|style|iframe)\b[^<>]*>.*?</\1\s*>|<(?:script|style|iframe)\b[^<>]*/>",
    re.IGNORECASE | re.DOTALL,
)
BLOCKS = (
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure",
    "figcaption", "table", "tr", "section", "article", "header", "footer", "aside", "pre", "hr", "dl",
    "dt", "dd",
)  # fmt: skip
HIDDEN = ("script", "style", "noscript", "template", "iframe")


def looks_like_html(text: str) -> bool:
    return HTML_TAG.search(text) is not None


def html_to_text(html: str) -> str:
    """The text a reader sees: one line per paragraph (a blank line between), words as shown."""
    soup = BeautifulSoup(_unclosed_hidden_tags_escaped(html), "html.parser")
    for tag in soup(HIDDEN):
        tag.decompose()
    for comment in soup.find_all(string=lambda string: isinstance(string, Comment)):
        comment.extract()
    blocks = soup.find_all(BLOCKS)
    # In HTML a line break in the source is a space; only the markup breaks lines. Plain text
    # with a stray inline tag (a link pasted into a paragraph) keeps its own line breaks.
    if blocks:
        for string in soup.find_all(string=True):
            string.replace_with(re.sub(r"\s+", " ", str(string)))
    for tag in blocks:
        # Inside the tag, not beside it: inserting among a parent's thousands of children cost
        # time growing with their square (a review's 550 KB page took 151 s). The text reads the same.
        tag.insert(0, NavigableString("\n\n"))
        tag.append(NavigableString("\n\n"))
    lines = (" ".join(line.split()) for line in soup.get_text().split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _unclosed_hidden_tags_escaped(html: str) -> str:
    """The HTML with a script, style or iframe tag that is never closed written as text: it is
    named in a sentence ("<p>Attackers hid code inside an <iframe> on the site.</p>"), and parsed
    as a tag it would hide everything after it."""
    for name in HIDDEN:
        if not re.search(rf"</{name}\s*>", html, re.IGNORECASE):
            # Not one that closes itself: an embed's "<iframe src=… />".
            html = re.sub(rf"<({name}\b[^<>]*?)(?<!/)>", r"&lt;\1&gt;", html, flags=re.IGNORECASE)
    return html


# Parts of a saved page that are no part of its article: the site's menus, banners and forms.
PAGE_FURNITURE = ("nav", "header", "footer", "aside", "form", "button", "svg")


def page_record(html: str) -> dict[str, str]:
    """A saved web page as a record's fields (see readers.article_from_record): its article's
    text (the <article> element's, else <main>'s, else the body's, without the site's menus,
    banners and forms), and what its metadata says of the title, day, address, outlet and author,
    as Open Graph, schema.org and news sites write them. Fields the page does not give are left out."""
    soup = BeautifulSoup(_unclosed_hidden_tags_escaped(html), "html.parser")

    def meta(*names: str) -> str | None:
        for name in names:
            tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
            if tag is None:
                tag = soup.find("meta", attrs={"itemprop": name})
            content = tag.get("content") if tag is not None else None
            if isinstance(content, str) and content.strip():
                return content.strip()
        return None

    record: dict[str, str] = {}
    title = meta("og:title", "twitter:title") or (soup.title.get_text(" ", strip=True) if soup.title else None)
    if not title and (heading := soup.find("h1")) is not None:
        title = heading.get_text(" ", strip=True)
    if title:
        record["title"] = title
    published = meta("article:published_time", "datePublished", "date", "pubdate", "DC.date.issued")
    if published is None and (when := soup.find("time", attrs={"datetime": True})) is not None:
        published = str(when["datetime"])
    if published:
        # The day of a timestamp ("2023-03-04T10:00:00-05:00"), as written.
        record["published"] = published[:10] if re.match(r"\d{4}-\d\d-\d\dT", published) else published
    canonical = soup.find("link", rel="canonical")
    og_url = meta("og:url")
    href = canonical.get("href") if canonical is not None else None
    # A relative canonical link ("/news/story") is of the page's own address, when it says it; an
    # address is http(s) only (a review's "javascript:…").
    url = urljoin(og_url or "", href.strip()) if isinstance(href, str) and href.strip() else og_url
    if url and urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc:
        record["url"] = url
    if site := meta("og:site_name"):
        record["source"] = site
    if author := meta("author", "article:author"):
        record["authors"] = author
    for tag in soup(["head", "title"]):  # a page without <body>: its title is no paragraph of it
        tag.decompose()
    for tag in soup(PAGE_FURNITURE):  # a teaser <article> in a menu is no article (a review's)
        tag.decompose()
    articles = soup.find_all("article")
    body = max(articles, key=lambda a: len(a.get_text())) if articles else soup.find("main") or soup.body or soup
    record["text"] = html_to_text(str(body))
    return record
