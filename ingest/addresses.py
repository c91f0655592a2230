"""The forms an article's address may be written in, to tell one page at two addresses (no
heavy imports: `ask` reads a pasted address with it)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# An address as people write one: pasted into a question, or given to `--delete` in place of an id
# (feeds' ids are rarely addresses).
# Or a host and a path of two parts or more pasted without either ("usatoday.com/story/…", an
# editor's was not read as one); not a host alone ("what did usatoday.com report?") nor one part
# after it, which words write too ("Amazon.com/Whole Foods", "Node.js/React", a review's).
ADDRESS = re.compile(
    r"(?i)\b(?:https?://|www\.)\S+"
    r"|(?<![\w@./-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|gov|edu|news|info|io|co\.uk|org\.uk|uk|us|ca|au)"
    r"/[^\s/]+/\S*"
)

# Query parameters that track a click, not name a page ("?utm_source=x"): a copy at the address
# with them added is at the same page.
TRACKING_PARAMETER = re.compile(r"utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|cmpid|ocid|smid|ref|src", re.IGNORECASE)


def address_forms(url: str) -> list[str]:
    """An address as articles may write it: as given, and with or without "www.", "https" or a
    closing "/", without its fragment or tracking parameters (a probe's copy at "…?utm_source=x"
    was taken for a new address); compared in any case (see ArticleStore.articles_at). Other
    parameters name the page ("?page=2", "?id=1") and are kept."""
    url = url.strip()
    try:
        parts = urlsplit(url if "://" in url else f"//{url}")
    except ValueError:  # "http://[oops/a": no address to compare but itself
        return [url]
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    kept = [p for p in parts.query.split("&") if p and not TRACKING_PARAMETER.fullmatch(p.split("=", 1)[0])]
    query = f"?{'&'.join(kept)}" if kept else ""
    forms = [
        f"{scheme}{www}{host}{path}{slash}{query}"
        for scheme in ("https://", "http://")
        for www in ("", "www.")
        for slash in ("", "/")
    ]
    return [url, *(form for form in forms if form != url)]
