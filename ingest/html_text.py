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

from bs4 import BeautifulSoup, NavigableString

# Tags that HTML article bodies are made of. A "<" in prose ("a <3 fan", "x < y") is no tag.
HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|strong|em|b|i|u|a|ul|ol|li|h[1-6]|blockquote|figure|figcaption|img|table|tr|td"
    r"|section|article|header|footer|aside|pre|hr|sup|sub|small|iframe|script|style)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
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
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(HIDDEN):
        tag.decompose()
    blocks = soup.find_all(BLOCKS)
    # In HTML a line break in the source is a space; only the markup breaks lines. Plain text
    # with a stray inline tag (a link pasted into a paragraph) keeps its own line breaks.
    if blocks:
        for string in soup.find_all(string=True):
            string.replace_with(re.sub(r"\s+", " ", str(string)))
    for tag in blocks:
        tag.insert_before(NavigableString("\n\n"))
        tag.insert_after(NavigableString("\n\n"))
    lines = (" ".join(line.split()) for line in soup.get_text().split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
