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
        tag.insert_before(NavigableString("\n\n"))
        tag.insert_after(NavigableString("\n\n"))
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
