"""Questions about the archive's coverage rather than the news: how often something was reported,
which outlet covered it most, when it was first reported here.

Newsdesk answers from what the articles report, not from counting them. Searched as news, such a
question had been answered with whatever passages its words found: an editor's "How many times was
the debt ceiling mentioned in March?" quoted a golf report and a TV guide, and "Which outlet
reported most on the Israel-Hamas war?" quoted "… CNN reported", which reads as an answer. It is
declined, and the reason points to the timeline, which lists the days a topic was reported.
"""

from __future__ import annotations

import re

# What the archive's own articles are called in such a question.
_ARTICLES = r"(?:articles|stories|headlines|news\s+(?:stories|reports|articles|pieces)|pieces)"
# Words for being in the news.
_REPORTED = (
    r"(?:mentioned|mention|named|reported(?:\s+on)?|report(?:\s+on)?|covered|cover|written\s+about|wrote\s+about"
    r"|write\s+about|published|in\s+the\s+(?:news|headlines|articles))"
)
# Who reports: the archive, its articles, the newsroom.
_REPORTERS = r"(?:we|you|newsdesk|the\s+(?:archive|articles|news|papers|press|media|outlets)|our\s+articles)"
_OUTLET = r"(?:outlets?|newspapers?|papers?|publications?|sites?|websites?|sources?|networks?|media\s+outlets?)"

COVERAGE_ASKED = re.compile(
    # "How many articles mention the debt ceiling?", not "How many stories tall is it?".
    rf"\bhow\s+many\s+{_ARTICLES}\b(?!\s+(?:tall|high)\b)"
    # "How many times was the debt ceiling mentioned in March?", "How often has Maui been in the
    # news?"; not "How many times was Trump indicted?", nor "… mentioned by Biden in his speech".
    rf"|\bhow\s+(?:many\s+times|often)\s+(?:was|were|has|have|had|is|are)\b[^?]*?\b{_REPORTED}\b(?!\s+by\b)"
    # "How many times did the articles mention Biden?", "How often do we cover Gaza?".
    rf"|\bhow\s+(?:many\s+times|often)\s+(?:did|do|does|have|has)\s+{_REPORTERS}\s+{_REPORTED}\b"
    # "Which outlet reported most on the war?", "Which newspaper covered it first?".
    rf"|\bwhich\s+{_OUTLET}\s+(?:has\s+|have\s+)?(?:reported|covered|wrote|published|ran|had)\b[^?]*?"
    r"\b(?:most|more|least|first|earliest)\b"
    # "When did we first report on the Maui wildfires?" (not "When was the virus first reported?",
    # which asks of the news: when reports of it began).
    rf"|\bwhen\s+(?:did|was|were)\s+{_REPORTERS}\s+first\s+{_REPORTED}"
    # "Compare how CNN and USA Today covered the FTX collapse."
    r"|\bcompare\s+(?:how|the\s+way)\b[^?]*?\bcover(?:ed|s)?\b|\bcompare\s+(?:the\s+)?coverage\b",
    re.IGNORECASE,
)

COVERAGE_DECLINED = (
    "it asks how the articles covered something (how often, where, or when first), which Newsdesk does not "
    "count; a timeline of the topic lists the days it was reported"
)


def asks_about_coverage(question: str) -> bool:
    """The question asks about the archive's coverage, not about the news (see the module's notes)."""
    return COVERAGE_ASKED.search(question) is not None
