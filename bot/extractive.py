"""The embedded default: answer with the best sentences of the retrieved passages,
quoted verbatim and cited. No language model, so nothing in an article can steer it; and a
sentence planted for one ("Ignore previous instructions …", bot/injection.py) is never quoted."""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np
import roman

from bot.answertype import (
    AGE_ASKED,
    COMMON_OPENERS,
    DAYS_AND_MONTHS,
    MEASURE_WORDS,
    NUMBER_WORDS,
    WHEN_ASKED,
    WHO_ASKED,
    AnswerType,
    expected_answer,
    holds_answer,
    holds_figure,
    names_someone,
    naming_the_asked,
    tells_age,
    tells_when,
    typed_as_keywords,
)
from bot.citations import citation_for
from bot.decline import places_named, writes_place
from bot.holders import Role, holder_mentions
from bot.injection import looks_like_instruction
from bot.places import COUNTRIES, DEMONYMS, PLACE_FORMS, PLACE_OF, US_STATES
from bot.retrieve import NO_RESULT_YET, RESULT_HEADLINE, RESULT_TERMS
from newsdesk.models import Citation, Passage
from newsdesk.numbers import NUMBER_WORD_VALUES
from newsdesk.providers import Embedder
from newsdesk.text import (
    FIGURE,
    WORD,
    collapse_whitespace,
    content_terms,
    name_parts,
    normalise,
    sentence_spans,
    stopwords,
    with_name_parts,
    words,
)

MIN_WORDS = 3  # "Vitoria Setubal won." answers; "Read more." is no sentence
# The full stops of Chinese and Japanese too: an English sentence that quotes some ends with one
# ("… with 7½ points; 日本語のテキストも含む。", a probe's, was never quoted).
SENTENCE_ENDS = (".", "!", "?", "”", '"', "’", "'", ")", "。", "！", "？")
# "LABEL:Headline" with no space after the colon: a related-link line, not article prose
# ("Jan. 6 hearings:Rep. Liz Cheney …", "Trump, Russia, Biden:The US has …"). Not a time of
# day ("At 6:02 a.m. …"), nor a quotation after a colon ("told reporters:“We are done.”").
# A label glued to its link: "OPINION:After …", and a question's: "What is a heat wave?:Here's what
# it is" (a review's: with a colon's span joined to the one before it, these had become quotable).
TEASER = re.compile(r"^[A-Z][\w'.,&? !]{0,60}(?<!\d):(?=[^\s“\"‘'])")
# The writer's or the outlet's lines about the page, not the news: how to follow or reach them
# ("Follow her on Twitter @x.", "Reach him at … or 515-284-8234."), an offer ("You can subscribe to
# get the day's top news …"), a note on the page itself ("Editor's note: This page is a summary …").
# Each opens the sentence, as an instruction to the reader: news that names these goes on otherwise
# ("Will Tucker Carlson fans follow him to Twitter?"). Of the 7,587 RealTimeQA articles' 680,000
# sentences, about 1,600 open so and 1,000 more hold an e-mail address (a few of those are news: a
# police appeal for tips); a timeline of "Twitter" in July 2023 was mostly reporters' handles.
PAGE_NOTE = re.compile(
    r"^(?:(?:you can|you may|please|and)\s+(?:also\s+)?)?(?:"
    r"(?:follow|reach|contact|e-?mail|call|find|join|like)\s+(?:him|her|them|us|me)\s+(?:on|at|@|as|via)\b"
    r"|(?:follow|reach|contact|e-?mail|call|find|join|like)\s+(?:him|her|them|us|me)\s*@"
    r"|follow\s+@|follow\s+(?:[^.!?]{1,40}\s+)?on\s+(?:twitter|x|facebook|instagram|tiktok|threads|youtube|linkedin)\b"
    # A byline's: "Reach Joey Garrison on Twitter @joeygarrison." (a research probe's timeline lines).
    r"|(?:reach|contact)\s+(?-i:[A-Z][\w.'’-]*\s+){1,4}(?:on|at|via)\s+(?:(?:twitter|x|facebook|instagram|threads|linkedin)\b|@)"
    r"|subscribe\b|sign up\b"
    r"|editor[’']?s[’']? note\b"
    # A live page's pointer to the next one, a newsletter's and a video player's lines: a research
    # probe's "What is the latest on the Maui fires?" quoted "For the latest news and updates on the
    # Maui fire, please see our live updates file for Monday, Aug. 14." (twice, of two days).
    # Pointing to the page's own ("see our live updates file", "in our live blog"), not the news's
    # ("For more than a week, residents could not see the sun", "Blinken will visit Cairo": a review's).
    r"|for\s+(?:the\s+)?(?:latest|more|live|continuing)\b[^.!?]{0,100}?\b(?:see|check\s+out|read|visit|follow|go\s+to|click)"
    r"\b[^.!?]{0,60}?\b(?:live\s+(?:coverage|blog|updates|file)|here)\b"
    r"|(?:follow|get|read)\s+(?:the\s+)?(?:latest|live)\s+updates\b[^.!?]{0,120}?\b(?:our|this)\s+live\b"
    r"|the\s+short\s+list\s+is\b|video\s+ad\s+feedback\b"
    # A publisher's sign-up lines under 86 of The Week's articles (a chat's "Who is he?" was told
    # them, one after another).
    r"|[‘'“\"]we[’'”\"]\s+includes\b|we\s+will\s+use\s+the\s+(?:details|information)\s+you\b"
    r"|you\s+agree\s+to\s+the\s+processing\b|would\s+you\s+like\s+to\s+receive\b|if\s+you\s+wish\s+to\s+object\b"
    r"|you\s+can\s+find\s+out\s+more\s+about\s+our\b|the\s+\w+\s+newsletter\s+provides\s+you\b"
    r")",
    re.IGNORECASE,
)
# A credit line: "The Associated Press contributed to this report." (about 200 of the RealTimeQA
# articles' sentences; an editor's "writers strike" timeline had a UAW story's as a day's event).
# Only as the sentence's end: "More than 200 scientists contributed to the report, which warns …"
# is news (a review's).
CREDIT_LINE = re.compile(
    r"\bcontributed\s+(?:to\s+this\s+(?:report|story|article)|(?:additional\s+)?reporting)\W*$", re.IGNORECASE
)
# An e-mail address anywhere: "Shoot her an email at NFallert@usatoday.com or follow along …".
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|co\.uk)\b", re.IGNORECASE)
LONG_WORDS = 55
# A quote from an article older than this (a season) before the as-of day says its day (_old_labelled).
OLD_DAYS = 90
# The word budget is where an answer stops taking sentences, not a place to cut one: the last
# may run past it, up to this many times the budget. Before, a long sentence that stated the
# fact ("WASHINGTON – Hunter Biden agreed to plead guilty …") was passed over for a shorter,
# weaker one; and a sentence cut short could read as saying something else.
OVERRUN = 1.5
# Page furniture that the article text carries in front of a photo caption; the quote starts
# after it (still a verbatim substring of the article).
FURNITURE = re.compile(r"^(?:Open gallery view|Open image in gallery|Hide caption|Toggle caption)\s+", re.IGNORECASE)
# A live blog's bullet before a sentence ("∎ The Palestinian death toll has reached 9,061"), or a
# teaser's colon (":Kevin McCarthy was once rejected …"), which a quote need not repeat (a probe's).
# No caption's mark, as FURNITURE is: the bullet opens the news itself.
LIST_MARK = re.compile(r"^(?:[∎◾►•▪■●◆]+\s*|:\s*(?=[A-Z]))")
# A photo caption describes a picture ("Blinken (L) meets with Abbas … Credit: Majdi Mohammed /AP"),
# not the story: page furniture opens its line, or the photographer's credit ends it. ("(L)" alone
# is no sign: "DeSantis (R)" is a party, "Citigroup (C)" a ticker.)
# What a "how many" question counts: the next two words ("how many criminal charges").
COUNTED = re.compile(r"\bhow (?:many|much)\s+(?:more\s+)?([A-Za-z][\w-]*)(?:\s+([A-Za-z][\w-]*))?", re.I)
DEATHS = frozenset({"die", "dead", "death", "kill", "fatal", "toll", "perish"})  # as normalise() stems them
# A quote this much older than the answer's newest (_newer_first) or the conversation's day
# (followup._recent_quotes) is another year's news.
OLD_NEWS_DAYS = 365
# Counted things that news writes under another word, as normalise() stems them: criminal charges
# are "34 felony counts" in the report of an arraignment.
COUNTED_ALSO = {"charg": frozenset({"count"})}
# A measure asked for by name ("What was the magnitude of the quake?"): the figure is written
# before it ("a 7.8-magnitude quake") or after it ("magnitude 7.8", "a population of 164,000").
MEASURE_ASKED = re.compile(rf"\bwhat (?:is|was|were|are) the (?:\w+ )?({'|'.join(MEASURE_WORDS)})\b", re.IGNORECASE)
MEASURES = frozenset(normalise(word) for word in MEASURE_WORDS)
# A sum of money asked for, told with a currency ("$155 million"; "pounds" weigh as often).
ASKS_MONEY = re.compile(r"\bhow much (?:money|cash)\b", re.IGNORECASE)
# "How much did Barbie make?", "… will the jackpot be worth?", "… has increased to how much?": the
# words after "how much" are a helping verb's or none, and a word of money follows. Not "How much did
# the Fed raise interest rates?" nor "How much time did he spend in jail?": "raise", "spend" and
# "price" are as often of rates, time and rises.
HOW_MUCH_DID = re.compile(
    r"\bhow much\s*(?:(?:did|does|do|is|was|are|were|will|would|could|can|has|have|had|to)\b|[?.!]|$)", re.IGNORECASE
)
MONEY_WORDS = re.compile(
    r"\b(?:make|made|earn|earned|earns|cost|costs|pay|paid|gross|grossed|fetch|fetched|owe|owed|jackpot|prize|fine|fees?|fares?|"
    r"salary|worth|bonus|settlement|contract)\b",
    re.IGNORECASE,
)
MONEY = re.compile(r"[$€£¥]\s?\d|\b\d[\d,.]*\s?(?:million|billion|trillion)?\s?(?:dollars|euros|yen|USD)\b")
COUNT_AFTER = frozenset({"toll", "kill"})
# A question asking what caused something ("What caused the Maui wildfires?", "Why did the bank
# fail?"), and the words a sentence gives a cause with (see _with_answer_kind): a probe's answer
# had opened with Maui's 2020 hazard plan, the power-line lawsuit third. Not "can cause", which
# tells what may happen.
CAUSE_ASKED = re.compile(
    r"^\s*(?:why\b|what\s+(?:caused|sparked|started|triggered|led\s+to)\b|what(?:\s+(?:was|is|were)|['’]?s)\s+the\s+"
    r"(?:\w+\s+)?causes?\b)",
    re.IGNORECASE,
)
CAUSE_TOLD = re.compile(
    r"\b(?:caused|(?:the|a|its)\s+(?:\w+\s+)?cause|sparked|ignited|triggered|blam(?:e|ed|es|ing)|because|due\s+to"
    r"|result\s+of|reasons?|led\s+to|responsible\s+for)\b",
    re.IGNORECASE,
)
# "What did the Supreme Court decide on affirmative action?": a ruling or a vote is asked for, and
# a probe's answer quoted the justices' debate about it, not "a ruling that struck down …".
DECISION_ASKED = re.compile(
    r"^\s*what\s+(?:did|has|have|will|does|do)\s+.+?\s+(?:decide|rule|vote|vote\s+on|agree|conclude)\b",
    re.IGNORECASE,
)
# Told as done, not as to come ("will be decided by the Supreme Court" is no decision).
DECISION_TOLD = re.compile(
    r"\b(?:ruled|decided|voted|struck\s+down|upheld|overturned|rejected|approved|blocked|sided\s+with"
    r"|agreed\s+to|concluded)\b",
    re.IGNORECASE,
)
WILL_BE = re.compile(r"\b(?:will|would|could|may|might|to)\s+(?:\w+ly\s+)?be\s+$", re.IGNORECASE)
# "What did Nikki Haley tell Iowa voters?", "What did the Heat coach say?": the words of the one
# named, said (see tells_saying). A chat tester's answer quoted "… Haley headed to Iowa this week"
# alone, her words ("We've got to look forward") left out.
# One clause, of a few words (no comma: "What did the storm do, and what did officials say?").
SAYING_ASKED = re.compile(
    r"^\W*(?:and\s+|so\s+)?what\s+(?:did|does|do|has|have|had)\s+(?P<who>[^?,]{1,80}?)\s+"
    r"(?:say|said|tell|told|write|wrote|tweet|tweeted)\b",
    re.IGNORECASE,
)
# Not "is said to be" (hearsay), nor "according to polls" (a source, not the speaker).
SPEECH_VERB = re.compile(
    r"\b(?:said(?!\s+to\s+(?:be|have)\b)|says|say|told|tells|added|adds|wrote|writes|tweeted|tweets|posted"
    r"|stated|warned|warns|argued|argues|suggested|suggests|insisted|insists|explained|explains|declared"
    r"|declares|replied|responded|urged|urges|recalled|noted)\b",
    re.IGNORECASE,
)
SUBJECT_PRONOUN = re.compile(r"\b(?:he|she|they)\b", re.IGNORECASE)
# Words of the speaker within this many words before a speech verb ("Spoelstra told reporters",
# "Haley, the former governor, said"), or right after it ("said Samuel Kasumu"). A name further off
# is another's subject ("Jon Stewart … tweeted …, comparing DeSantis' launch to Trump's", asked what
# Trump said), and one after it its object ("Biden said Trump was a threat").
SPEAKER_REACH = 4
SPEAKER_AFTER = 2
# Units of time after a number: "two weeks ago" counts no one (see whose_count).
SPANS = frozenset({"hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years"})
# An older quote's death toll this many times a newer one's was updated after its day (see
# _updated_since).
UPDATED_TOLL = 1.5
# "U.S." or "US" before what "how many" counts ("how many U.S. soldiers"), as Americans.
US_COUNTED = re.compile(r"(?:U\.S\.|US|us)\s+[a-z]", re.IGNORECASE)
# Words after "how many" that count everyone who died, as normalise() stems them (see counted_group).
EVERYONE_COUNTED = frozenset(normalise(w) for w in ("people", "person", "lives", "victims", "casualties", "humans"))
# "As the death toll from a wildfire that razed a historic Maui town reached 93": the figure is
# eleven words after the toll, in the newest report a probe's answer left out.
TOLL_REACHED = re.compile(
    r"\btoll\b[^.;!?]{0,80}?\b(?:reached|rose to|risen to|climbed to|hit|hits|stood at|stands at|jumped to|"
    r"surpassed|topped)\s+(?:more than\s+|at least\s+|nearly\s+|about\s+)?\d",
    re.IGNORECASE,
)
# The words between the dead and their count that put it further than counts are read: "19,300
# people have been confirmed dead" (a test's Turkey toll read as none once "Turkey" was a place).
# Not "feared dead": a fear, no count.
DEAD_SAID_SO = re.compile(
    r"\b(?:have|has|had)\s+been\s+(?:confirmed|reported|declared|found)\s+(?=dead\b|killed\b)"
    r"|\b(?:were|are|was|is)\s+(?:confirmed|reported|declared|found|now)\s+(?=dead\b|killed\b)",
    re.IGNORECASE,
)
# "Death" naming no one's death: "How many death row prisoners were given a reprieve …?" counts
# prisoners (a probe's was declined, "no article found gives a death toll for Ghana").
NO_DEATHS = re.compile(
    r"\bdeath[\s-]+(?:row|penalty|penalties|sentences?|threats?|certificates?|warrants?|metal|valley|"
    r"spiral|knell|star)\b",
    re.IGNORECASE,
)
# A toll asked for, not a road's ("What is the toll road fee?").
TOLL_ASKED = re.compile(r"\btoll\b(?!\s+(?:roads?|booths?|bridges?|lanes?|plazas?|fees?|free))", re.IGNORECASE)
# A toll paid to cross or drive: "What is the Harrow Bridge toll?", "the toll on the Harrow Bridge".
# A librarian's was read as a death toll, and answered with the Israel-Hamas war's.
ROADS = r"(?:bridge|road|tunnel|turnpike|highway|freeway|expressway|parkway|ferry|causeway|thruway)s?"
# What a death toll is of: "the toll for the ferry sinking" (a review's).
DISASTERS = r"sinking|crash|collapse|disaster|accident|fire|attack|explosion|bombing|shooting|derailment|capsizing"
# Only a named crossing's ("the Harrow Bridge toll", "the toll on the Golden Gate Bridge"), or a
# pass's: "the road toll this Christmas" and "the toll on the roads from the blizzard" are deaths (a
# review's), and so is any toll asked with a disaster.
NAMED_ROAD = rf"(?:[A-Z][\w'’.-]*\s+)+(?i:{ROADS})\b"
FEE_TOLL = re.compile(
    rf"{NAMED_ROAD}\s+(?i:tolls?)\b|\b(?i:car|congestion|e-?pass|e-?zpass)\s+(?i:tolls?)\b"
    rf"|(?<!death )(?<!death-)\b(?i:tolls?\s+(?:on|for|at|across|over|to\s+cross|to\s+use)\s+(?:the\s+)?){NAMED_ROAD}"
)
DISASTER_ASKED = re.compile(
    rf"\b(?:{DISASTERS}|blizzard|storm|flood|quake|earthquake|blast|sank|sunk|capsized|collapsed|killed|dead|died"
    r"|deaths?|victims?|war)\b",
    re.IGNORECASE,
)


def asks_fee_toll(question: str) -> bool:
    """The question asks what is paid to cross a named bridge, road or tunnel (see FEE_TOLL)."""
    return FEE_TOLL.search(question) is not None and DISASTER_ASKED.search(question) is None


ASKS_PERCENT = re.compile(r"\bwhat (?:percentage|percent|share|proportion)\b", re.I)
PERCENT = re.compile(r"\d\s?%|\bper ?cent\b")
CREDIT = re.compile(
    r"(?:\bCredits?:|\bPhotograph:|\bPhoto:|/\s?(?:AP|AFP|Getty Images|Reuters|REUTERS|EPA|Pool|Bloomberg)\b"
    r"|\bvia Getty Images\b|\bGetty Images\b)[^.!?]*$"
)


# The labels compose puts before quotes ("As of Jul 14: " and "On Jul 2, 2022: " of a changing
# figure or of old news, "Earlier reporting (Nov 28, 2022): "): the answer's words, not the articles'.
QUOTE_LABEL = re.compile(
    r"(?:\bEarlier reporting \([A-Z][a-z]{2} \d{1,2}, \d{4}\)|\b(?:As of|On) [A-Z][a-z]{2} \d{1,2}(?:, \d{4})?): (?=“)"
)


@dataclass(frozen=True)
class Candidate:
    """A sentence of a retrieved passage, with what the scoring needs."""

    text: str
    passage_rank: int
    passage: Passage
    terms: frozenset[str]
    caption: bool = False
    headline: bool = False  # the article's title, which often states the fact in a line
    # The year an almanac entry opens the sentence's paragraph with (see ENTRY_YEAR), if any.
    entry_year: int | None = None

    @property
    def asks(self) -> bool:
        """It ends with a question mark (a subheading such as "What happened next?")."""
        return self.text.rstrip("”\"' ").endswith("?")


@dataclass(frozen=True)
class ExtractiveAnswer:
    text: str
    citations: tuple[Citation, ...]


def looks_like_prose(sentence: str) -> bool:
    """Leave out link teasers and headline fragments ("OPINION:After Hamlin's…", "Shop deals
    on tech"): news pages carry them between paragraphs, and they answer nothing."""
    if TEASER.match(sentence):
        return False
    # Nor the rest of a sentence cut before its comma (", the court said that Chief Justice John
    # Roberts had directed …", a chat tester's answer, of a page writing "the code , the court").
    if sentence.lstrip()[:1] in ",;:)]":
        return False
    return sentence.rstrip().endswith(SENTENCE_ENDS)


def candidates(passages: list[Passage]) -> list[Candidate]:
    found = []
    seen: set[str] = set()
    opening: set[int] = set()  # a chunk's first sentence, and its last (by id)
    closing: set[int] = set()
    for rank, passage in enumerate(passages):
        spans = sentence_spans(passage.text)
        for i, (start, end) in enumerate(spans):
            # The first and last sentences whole, from the chunks either side (Passage.lead, .tail).
            lead = passage.lead if i == 0 else ""
            tail = passage.tail if i == len(spans) - 1 else ""
            whole = lead + passage.text[start:end] + tail
            sentence = _without_unpaired_quote(LIST_MARK.sub("", FURNITURE.sub("", collapse_whitespace(whole))))
            key = sentence.lower()
            if (
                key in seen
                or len(sentence.split()) < MIN_WORDS
                or not looks_like_prose(sentence)
                or PAGE_NOTE.match(sentence)
                or EMAIL.search(sentence)
                or CREDIT_LINE.search(sentence)
                or looks_like_instruction(sentence)
            ):
                continue
            seen.add(key)
            terms = frozenset(content_terms(sentence))
            candidate = Candidate(
                sentence,
                rank,
                passage,
                terms,
                _in_caption(passage.text, start, end),
                entry_year=_entry_year(passage.text, start),
            )
            found.append(candidate)
            if i == 0 and passage.position > 0:
                opening.add(id(candidate))
            if i == len(spans) - 1:
                closing.add(id(candidate))
    return _without_cut_sentences(found, opening, closing)


# An almanac's entry opens its paragraph with its year: AP's "This Date in Baseball" page of 2023
# reads "2001 — The Arizona Diamondbacks beat the New York Yankees … The Diamondbacks reached the
# World Series faster than any expansion team". Its second sentence, quoted alone, had answered
# "Who won the World Series?" as this year's news.
# A timeline's "1956: Egypt nationalizes the Suez Canal … Israel, aided by Britain and France,
# invades Egypt." is one too: a probe's "why did israel invade egypt" as of 2023-10-20 was answered
# with it as this week's news.
ENTRY_YEAR = re.compile(r"[ \t]*((?:1[6-9]|20)\d\d)[ \t]*(?:[—–]|:)[ \t]*(?!\d)\S")  # not "2022–23"


def _entry_year(text: str, start: int) -> int | None:
    """The year an almanac entry opens the paragraph holding text[start:] with, if one does."""
    found = ENTRY_YEAR.match(text, text.rfind("\n", 0, start) + 1)
    return int(found[1]) if found else None


def of_an_earlier_entry(passage: Passage, start: int) -> bool:
    """passage.text[start:] is part of an almanac entry (see ENTRY_YEAR) of a year before its
    article's."""
    return _before(_entry_year(passage.text, start), passage.published)


def _without_cut_sentences(found: list[Candidate], opening: set[int], closing: set[int]) -> list[Candidate]:
    """Without a chunk's first sentence that is the end of another of its article's, nor its last
    that is the start of one: the chunk was cut there ("… was approved by Florida Gov."), and the
    whole sentence is quoted from the chunk either side (see Passage.lead and Passage.tail)."""
    by_article: dict[str, list[str]] = {}
    for candidate in found:
        by_article.setdefault(candidate.passage.article_id, []).append(candidate.text)

    def cut(c: Candidate) -> bool:
        others = [o for o in by_article[c.passage.article_id] if len(o) > len(c.text)]
        return (id(c) in closing and any(o.startswith(c.text) for o in others)) or (
            id(c) in opening and any(o.endswith(c.text) for o in others)
        )

    return [c for c in found if not cut(c)]


# The site's name after a bar ("| CNN Politics", "| The Week ..."): a search result adds it.
SITE_NAME = re.compile(r"\s+\|\s+[^|]{1,30}$")
# A headline that names a page, not a fact: one asking a question ("Who won NBA Finals Game 1?
# Nuggets beat Heat" reads as the Finals' winner), or a live blog's ("SVB, Signature Bank failure
# explained: Live updates"). But a live blog's label before its latest figure names it ("Maui Hawaii
# wildfire live updates: Death toll rises to 93", the toll a probe's answer lacked); not before a
# cut-off line of no figure ("Israel Hamas war live updates: Daily four-hour pauses in Gaza ...").
# "Super Bowl 57 updates: Patrick Mahomes wins second MVP" is one too, its headline rewritten after
# the day the page is dated (a newcomer's "Who won the Super Bowl?" as of Feb 10 was told the result
# of Feb 12).
PAGE_HEADLINE = re.compile(
    r"\?|\blive (?:updates?|blog|coverage)\b(?!\s*:[^?]*\d)|\bupdates\s*:(?![^?]*\d)|^live\b\s*:", re.IGNORECASE
)


def answer_candidates(passages: list[Passage]) -> list[Candidate]:
    """The sentences of the passages, then each article's headline (see headline_of) unless a
    sentence of the article's passages says the same. A headline is often the one place a fact is
    stated in a line ("Tony Awards 2023: Jodie Comer wins best actress")."""
    found = candidates(passages)
    seen = {c.text.lower() for c in found}
    articles: set[str] = set()
    for rank, passage in enumerate(passages):
        if passage.article_id in articles:
            continue
        articles.add(passage.article_id)
        headline = headline_of(passage.title or "")
        if (
            len(headline.split()) < MIN_WORDS
            or any(headline.lower() in sentence for sentence in seen)  # a title made from the first sentence
            or TEASER.match(headline)
            or PAGE_HEADLINE.search(headline)
            or looks_like_instruction(headline)
        ):
            continue
        candidate = Candidate(headline, rank, passage, frozenset(content_terms(headline)), headline=True)
        # The body saying it too, its sentence is quoted: it says more ("opened its new passenger
        # terminal on Monday after three years", against "opens its new terminal").
        if any(c.passage.article_id == passage.article_id and _says_headline(c, candidate) for c in found):
            continue
        seen.add(headline.lower())
        found.append(candidate)
    return found


# The last clause of a cut title when it is a bare figure ("…, 38 ..."; see headline_of), and the
# words a headline so cut keeps at least. Not a comma inside a number ("passes 41,000 ..."), nor a
# clause that tells more than the figure ("…, dies at 90 ...").
CUT_AT_FIGURE = re.compile(r",\s+\d[\d.,%-]*\s*\.\.\.$")
MIN_CUT_HEADLINE_WORDS = 4


def headline_of(title: str) -> str:
    """The title without the site's name a search result adds to it ("… | The Week UK", "… | CNN
    ..."); a dash is left alone, as most headlines that hold one use it themselves. A title cut
    short keeps its "...": cut at a comma instead, "Tom Brady is set to retire, reports say ..."
    lost who says so. A title ending in "…" is none: ingest makes those of a long first sentence
    when an article has no title. What is left is the title's own words, so a quote of it is
    verbatim."""
    headline = collapse_whitespace(title)
    if headline.endswith("…"):
        # Made by ingest from a long first sentence (ingest/readers.py, derive_title): no headline.
        return ""
    while SITE_NAME.search(headline):  # "… | CNN ..." is cut in the site's name, not the headline
        headline = SITE_NAME.sub("", headline)
    # A bare figure the cut ends on may be cut itself: "Chiefs beat Eagles in Super Bowl 57, 38 ..."
    # was the score 38-35, read as "38" (a probe's). The headline ends before it.
    if (cut := CUT_AT_FIGURE.search(headline)) and len(headline[: cut.start()].split()) >= MIN_CUT_HEADLINE_WORDS:
        headline = headline[: cut.start()]
    return headline


def _without_unpaired_quote(sentence: str) -> str:
    """The sentence without a quotation mark at its start or end whose partner is in the next or
    last sentence (a quotation of several sentences): “That's not going to happen."” would show
    one. What is left is still a verbatim part of the article."""
    if sentence.count('"') == 1:  # straight marks open and close alike: only a lone one is sure
        sentence = sentence[1:].lstrip() if sentence.startswith('"') else sentence.removesuffix('"').rstrip()
    opening, closing = sentence.count("“"), sentence.count("”")
    if opening == 1 and not closing and sentence.startswith("“"):
        sentence = sentence[1:].lstrip()
    elif closing == 1 and not opening and sentence.endswith("”"):
        sentence = sentence[:-1].rstrip()
    return sentence


def _in_caption(text: str, start: int, end: int) -> bool:
    """The sentence text[start:end] belongs to a photo caption (see CREDIT)."""
    line_end = text.find("\n", end)
    return _caption_line(text[text.rfind("\n", 0, start) + 1 : line_end if line_end >= 0 else len(text)].strip())


@functools.lru_cache(maxsize=4096)
def _caption_line(line: str) -> bool:
    # Cached: every sentence of a paragraph asks of the same line, and CREDIT tries each of a
    # long line's characters.
    return bool(FURNITURE.match(line) or CREDIT.search(line))


SENTENCE_FEATURES = (
    "cosine",  # meaning: the sentence's embedding against the question's
    "overlap",  # share of the question's content words it holds
    "answer_bearing",  # names and numbers the question does not already contain
    "holds_answer",  # the kind of answer asked for ("how many" -> a number)
    "follow_up",  # share of a follow-up's own words ("And in Jerusalem?")
    "rank",  # 1 / (1 + its passage's rank)
    "long",  # over LONG_WORDS words
    "question",  # ends with a question mark
    "lede",  # in its article's first chunk, where news states the fact
    "caption",  # part of a photo caption, which shows rather than reports
    "counted",  # a number next to what "how many …" counts ("34 felony counts", "15-round")
    "names_missing",  # share of the question's names its article passage does not hold
    "place",  # names a country or US state the question does not, when it asks "which country/state"
    "headline",  # the article's title (see answer_candidates)
    "elsewhere",  # names a US state, but none of those the question names (see _set_elsewhere)
    "asking_clause",  # share of the content words of the question's last sentence, after a framing one
)
SENTENCE_MODEL_FILE = Path(__file__).with_name("sentence_model.json")


@dataclass(frozen=True)
class SentenceModel:
    """Linear weights over SENTENCE_FEATURES, and how far below the best sentence another may
    score and still be quoted. Fitted by bench/fit_sentences.py on the dev questions."""

    weights: dict[str, float]
    margin: float

    @classmethod
    def load(cls, path: Path = SENTENCE_MODEL_FILE) -> SentenceModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls({k: float(v) for k, v in data["weights"].items()}, float(data["margin"]))

    def score(self, features: np.ndarray) -> np.ndarray:
        if not len(features):
            return np.zeros(0)
        return features @ np.asarray([self.weights[name] for name in SENTENCE_FEATURES], dtype=np.float64)


@functools.cache
def default_sentence_model() -> SentenceModel:
    return SentenceModel.load()


def sentence_features(
    question: str, found: list[Candidate], embed_model: Embedder, asked: str | None = None
) -> np.ndarray:
    """One row of SENTENCE_FEATURES per candidate sentence."""
    if not found:
        return np.zeros((0, len(SENTENCE_FEATURES)))
    question_vector = np.asarray(embed_model.embed_query(question), dtype=np.float32)
    vectors = np.asarray(embed_model.embed_texts([c.text for c in found]), dtype=np.float32)
    cosine = vectors @ question_vector
    question_terms = content_terms(question)
    question_words = {w.lower() for w in words(question)}
    # A people's adjective is held by a sentence writing its country: a quiz's "Which French player
    # …?" is answered by "… will select France's Victor Wembanyama".
    countries = {
        term: content_terms(DEMONYMS[word])
        for word in question_words
        if word in DEMONYMS
        for term in content_terms(word)
    }
    # The asking clause's kind when the whole question's is none: a framing sentence before it
    # ("Sweden's cabinet met on Tuesday. Where did he die?") hides the "Who" or "Where" that opens
    # it (a quiz writer's; compose reads it so too).
    kind = expected_answer(question) or expected_answer(asking_clause(question))
    # A follow-up's own words ("And in Jerusalem?") are what it asks about; the names carried
    # over from the last turn only place it.
    new_terms = content_terms(asked) if asked and asked != question else set()
    # A quiz's framing sentence ("Hollywood actors joined writers on strike this week. Who is the
    # union's president?") draws sentences that restate it; the last sentence is what is asked.
    # Not of a follow-up's standalone form ("Who will Blinken meet in the West Bank? And in
    # Jerusalem?"), whose own words are new_terms.
    clause_terms = content_terms(asking_clause(question)) if not new_terms else set()
    counted = counted_thing(question) if kind is AnswerType.NUMBER else frozenset()
    names = question_names(question)
    places = asked_places(question)
    # The places the question itself names are no answer; found once, not per sentence.
    named_places = set(places.findall(question)) if places is not None else set()
    question_states = {place for _, place in places_named(question)} & US_STATES
    passages = {c.passage.chunk_id: c.passage for c in found} if names else {}
    held = {chunk_id: with_name_parts(content_terms(f"{p.title} {p.text}")) for chunk_id, p in passages.items()}
    rows = []
    for candidate, similarity in zip(found, cosine, strict=True):
        terms = candidate.terms | {term for term, country in countries.items() if country & candidate.terms}
        rows.append(
            [
                float(similarity),
                len(terms & question_terms) / max(len(question_terms), 1),
                _answer_bearing(candidate.text, question_words),
                float(holds_answer(candidate.text, kind, question)),
                len(terms & new_terms) / len(new_terms) if new_terms else 0.0,
                1 / (1 + candidate.passage_rank),
                float(len(candidate.text.split()) > LONG_WORDS),
                float(candidate.asks),
                float(candidate.passage.position == 0 and not candidate.headline),
                float(candidate.caption),
                float(bool(counted) and tells_count(candidate.text, counted)),
                len(names - held[candidate.passage.chunk_id]) / len(names) if names else 0.0,
                float(places is not None and _names_place(candidate.text, places, named_places)),
                float(candidate.headline),
                float(bool(question_states) and _set_elsewhere(candidate.text, question_states)),
                len(terms & clause_terms) / len(clause_terms) if clause_terms else 0.0,
            ]
        )
    return np.asarray(rows, dtype=np.float64)


def asking_clause(question: str) -> str:
    """The question's last sentence that asks (ends in "?", or in a quiz's ":" or "…" before its
    choices: "It won in all of these categories except:") when a framing sentence comes before it,
    else "": not "Thanks!" after "Who broke the Rubik's Cube record this week?" (a review's)."""
    spans = sentence_spans(question)
    asking = [span for span in spans if question[span[0] : span[1]].rstrip(" \"'”’)").endswith(("?", ":", "…"))]
    if not asking or asking[-1] == spans[0]:
        return ""
    return question[asking[-1][0] : asking[-1][1]]


def score_sentences(
    question: str,
    found: list[Candidate],
    embed_model: Embedder,
    asked: str | None = None,
    model: SentenceModel | None = None,
) -> np.ndarray:
    """How likely each sentence states the answer (higher is better)."""
    return (model or default_sentence_model()).score(sentence_features(question, found, embed_model, asked))


# "Which (European) country…", not "What country music star…"; "Which (US) state…", not "Which
# United States senator", "Which Islamic State leader", "Which state-owned bank", "What the state said".
ASKS_COUNTRY = re.compile(r"\b(?:which|what)\s+(?:\w+\s+)?(?:country|countries|nation)\b(?![\s-]+music)", re.I)
ASKS_STATE = re.compile(
    r"\b(?:which|what)\s+(?:U\.?S\.?\s+|American\s+)?states?\b(?!-|\s+(?:of|department|media|agency|law|senator))",
    re.I,
)


def _any_of(names: frozenset[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")\b")


COUNTRY_NAME, STATE_NAME = _any_of(COUNTRIES), _any_of(US_STATES)


def asked_places(question: str) -> re.Pattern[str] | None:
    """The names a "which country…" (or "which state…") question picks from, as one pattern."""
    if ASKS_COUNTRY.search(question):
        return COUNTRY_NAME
    if ASKS_STATE.search(question):
        return STATE_NAME
    return None


# "Which city …", "In what town …": a city the news names after "in", "at" or "from" ("played at
# Corinthians Arena in São Paulo"), or before its state ("Jacksonville, Florida"). A quiz probe's
# "In which city will the NFL play its first game in Brazil?" quoted four sentences of the game
# with none of the seven that name São Paulo.
ASKS_CITY = re.compile(r"\b(?:which|what)\s+(?:[\w'’-]+\s+){0,2}?(?:city|cities|town)\b", re.I)
STATE_CITY_ASKED = re.compile(r"\b(?:[Ww]hich|[Ww]hat)\s+([A-Z][a-z]+)\s+(?:city|town)\b")
_PLACE_WORDS = r"[A-Z][\w'’.-]+(?:\s+(?:de\s+|del\s+|da\s+)?[A-Z][\w'’.-]+){0,2}"
STATE_OR_COUNTRY = _any_of(US_STATES | COUNTRIES)
CITY_WRITTEN = re.compile(
    rf"\b(?:[Ii]n|[Aa]t|[Ff]rom|[Nn]ear)\s+(?:the\s+city\s+of\s+)?(?P<in>{_PLACE_WORDS})"
    rf"|(?P<before>{_PLACE_WORDS}),\s+{STATE_OR_COUNTRY.pattern}"
)
CONTINENTS = frozenset({"Africa", "Asia", "Europe", "North America", "South America", "Antarctica", "Oceania",
                        "Latin America", "Central America", "Middle East", "Caribbean"})  # fmt: skip


# States named as often for their city ("in New York", "in Washington").
CITY_STATES = frozenset({"New York", "Washington"})
# Capitalised after "in" or "at", and no place: bodies and languages ("in Congress", "in English").
NOT_PLACES = frozenset(
    {"Congress", "Parliament", "Senate", "House", "Court", "Supreme Court", "English", "Spanish", "French",
     "German", "Arabic", "Chinese", "Russian", "Hebrew", "Christmas", "Easter", "Thanksgiving", "Google",
     "Amazon", "Apple", "Twitter", "Facebook", "Instagram", "TikTok", "YouTube", "Netflix"}
)  # fmt: skip


# Named after "in" or "at", and no city (found once, not per sentence).
NO_CITY = (COUNTRIES | US_STATES | CONTINENTS | NOT_PLACES) - CITY_STATES


# The last word of a place inside a city, not a city: "at Deutsche Bank Park", "at Madison Square
# Garden" (a probe's "… played in which German city?" quoted the stadium, never Frankfurt).
_VENUES = (
    "park stadium arena center centre field fields garden gardens hall hotel square airport bridge street "
    "avenue university college school church cathedral museum theater theatre club hospital court courthouse "
    "building tower palace house station mall resort casino course speedway dome bowl coliseum"
)
VENUE_WORDS = frozenset(_VENUES.split())


def names_city(sentence: str, question: str) -> bool:
    """The sentence names a city (see CITY_WRITTEN) that the question does not: no country, state
    or continent, no venue in a city, and no day or month. Of "which California city", one the
    sentence places in that state: a quiz's debate question had quoted "the first debate in
    Milwaukee" second, not "in Simi Valley, Calif.", the lead's."""
    state = _state_of_city_asked(question)
    if state is not None and not writes_place(sentence, state):
        return False
    asked = question.lower()
    for match in CITY_WRITTEN.finditer(sentence):
        name = (match.group("in") or match.group("before")).rstrip(".")  # a sentence's full stop
        first = name.split()[0]
        if (
            name in NO_CITY
            or name.split()[-1].lower() in VENUE_WORDS
            or (match.group("before") and first.lower() in COMMON_OPENERS)  # "Meanwhile, Texas officials"
            or name.isupper()  # a dateline's ("IRVING, Texas (AP) —"): where it was written
            or name.lower() in asked
            or first.lower() in DAYS_AND_MONTHS
            or first.lower() in stopwords()
        ):
            continue
        return True
    return False


def _state_of_city_asked(question: str) -> str | None:
    """The one-word US state a "which <state> city" question names ("In which California city …")."""
    match = STATE_CITY_ASKED.search(question)
    place = PLACE_OF.get(match.group(1)) if match else None
    return place if place in US_STATES and place in PLACE_FORMS else None


def _names_place(sentence: str, places: re.Pattern[str], asked: set[str]) -> bool:
    """The sentence names one of the places ("Oman", not "woman"), and not one the question names."""
    return any(place not in asked for place in places.findall(sentence))


# Every one-word form of a US state ("Kentucky", "Ky.", also in "R-Ky."), longest first.
_STATE_FORMS = sorted((form for form, place in PLACE_OF.items() if place in US_STATES), key=len, reverse=True)
STATE_FORM = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, _STATE_FORMS)) + r")(?![\w-])")


def _set_elsewhere(sentence: str, states: set[str]) -> bool:
    """The sentence names a US state, and none of `states`, those the question names: it tells of
    another state's event. "Who won the Kentucky governor race?" led with "Republicans won in
    Mississippi, after … conceded the state's governor race", above the Kentucky sentence beside it
    in the same passage. Only states: a country's story is often told with its neighbour's ("Israel",
    "Palestinian health officials"), but a roundup of state races tells each on its own."""
    named = {PLACE_OF[form] for form in STATE_FORM.findall(sentence)}
    return bool(named) and not named & states and not any(writes_place(sentence, state) for state in states)


def question_names(question: str) -> set[str]:
    """The question's names as content terms: capitalised words that do not open a sentence
    and are no day or month ("How many … did the council of Ashford approve?" -> "ashford").
    Names joined by a hyphen are each a name ("Turkey-Syria" -> "turkey", "syria"): the story is
    written "Turkey and Syria" too, so a text is matched against them with with_name_parts."""
    starts = {start for start, _ in sentence_spans(question)}
    return {
        part
        for match in WORD.finditer(question)
        if match.group()[0].isupper() and match.start() not in starts and match.group().lower() not in DAYS_AND_MONTHS
        for term in content_terms(match.group())
        for part in name_parts(term) or {term}
    }


def counted_thing(question: str) -> frozenset[str]:
    """The stems of what a "how many" question counts, its next two words ("how many criminal
    charges" -> "crimin", "charg"); "%" for "what percentage"; DEATHS for a death count."""
    question = NO_DEATHS.sub(" ", question)
    if asks_fee_toll(question):
        return frozenset({"$"})  # what is paid to cross, however it is asked
    if ASKS_PERCENT.search(question):
        return frozenset({"%"})
    if ASKS_MONEY.search(question) or (HOW_MUCH_DID.search(question) and MONEY_WORDS.search(question)):
        return frozenset({"$"})
    match = COUNTED.search(question)
    if not match and (measure := MEASURE_ASKED.search(question)):
        return frozenset({normalise(measure.group(1))})
    if not match:
        # "What is the death toll in Turkey and Syria?", or keywords ("lahaina fire death toll").
        return DEATHS if expected_answer(question) is AnswerType.NUMBER and TOLL_ASKED.search(question) else frozenset()
    stop = stopwords()
    # A death count is written many ways: asked "how many people died" or "how many have been
    # killed", "96 dead" and "the death toll rose to 93" tell it as well as "36 people have died";
    # "a town of 13,000 people" does not. ("How many attended the funeral of …, who died" counts
    # mourners: only the words right after "how many" say what is counted.)
    if DEATHS & {normalise(w) for w in WORD.findall(question[match.start() :])[2:7]}:
        return DEATHS
    things = {normalise(w) for w in match.groups() if w and w.lower() not in stop}
    return frozenset(things.union(*(COUNTED_ALSO.get(thing, ()) for thing in things)))


def counted_group(question: str) -> str | None:
    """Whose deaths a death-count question counts, when it names them ("how many Americans were
    killed" -> "american"); None for everyone's ("how many people died", "how many were killed")."""
    match = COUNTED.search(question)
    if match is None or counted_thing(question) != DEATHS:
        return None
    if US_COUNTED.match(question, match.start(1)):
        return "american"  # "how many U.S. soldiers were killed"
    word = match.group(1)
    stem = normalise(word)
    if word.lower() in stopwords() or stem in DEATHS or stem in EVERYONE_COUNTED:
        return None
    return stem


def whose_count(sentence: str, group: str) -> bool | None:
    """Whether the sentence counts the group's dead (see counted_group), by the words that follow a
    figure: True for "27 Americans were killed", "the deaths of 30 U.S. citizens", "killed 1,400
    Israelis, among them 30 Americans" (a figure naming them after a death count), or a toll of
    theirs ("the U.S. death toll … rose to 27"); False when every death count is followed by others'
    name ("killing more than 1,400 Israeli civilians"); None when it names no one ("killed 2,800
    people in Gaza") or gives no count. Not "The two Americans are among the hostages …" before it."""
    written = COUNT_TOKEN.findall(DEAD_SAID_SO.sub("", sentence).replace("-", " "))
    values = [_number_value(word) for word in written]
    figures = _death_figures(written, values)
    if not figures:
        return None
    first = min(figure for figure, _ in figures)
    if any(values[i] is not None and _group_in(written[i + 1 : i + 4], group) for i in range(first, len(written))):
        return True
    if any(
        written[dying].lower() == "toll" and _group_in(written[max(0, dying - 3) : dying], group)
        for _, dying in figures
    ):
        return True
    # Of the counts, not "two weeks" before a killing ("… two weeks ago, killing more than 1,400
    # Israeli civilians"), which death_count reads as one.
    counts = [figure for figure, _ in figures if figure + 1 >= len(written) or written[figure + 1].lower() not in SPANS]
    others = [figure + 1 < len(written) and written[figure + 1][:1].isupper() for figure in counts]
    return False if others and all(others) else None


def _group_in(words: Sequence[str], group: str) -> bool:
    """The words name the group (a stem), or as news also writes it: "U.S." for Americans."""
    if group in {normalise(word) for word in words}:
        return True
    # COUNT_TOKEN reads "U.S." as "U", "S".
    return group == "american" and re.search(r"\bUS\b|\bU S\b", " ".join(words)) is not None


def tells_count(sentence: str, things: frozenset[str]) -> bool:
    """A number (digits or a number word) right before a counted thing, within three words, or
    after a toll or a killing, within six; or the figure a toll reached, however far the toll's
    words run on before it."""
    if "%" in things:
        return bool(PERCENT.search(sentence))
    if "$" in things:
        return bool(MONEY.search(sentence))
    if "toll" in things and TOLL_REACHED.search(sentence):
        return True
    # Hyphens apart: "a 15-round fight" counts rounds.
    written = WORD.findall(DEAD_SAID_SO.sub("", sentence).replace("-", " "))
    # Number words as written: the stemmer makes "twelve" "twelv", which no list holds.
    numbers = [any(c.isdigit() for c in w) or w.lower() in NUMBER_WORDS for w in written]
    stems = [normalise(word) for word in written]
    # "The death toll rose to 93", "killed more than 41,000 people": the number comes after.
    return any(
        stem in things
        and (
            any(numbers[max(0, i - 3) : i])
            or ((stem in COUNT_AFTER or stem in MEASURES or _deaths_of(written, i)) and any(numbers[i + 1 : i + 7]))
        )
        for i, stem in enumerate(stems)
    )


def echoes(candidate: Candidate, question: str) -> bool:
    """The sentence asks the question itself: a question holding all of its content words."""
    asked = content_terms(question)
    return candidate.asks and bool(asked) and asked <= candidate.terms


def _answer_bearing(sentence: str, question_words: set[str]) -> float:
    """Names and numbers the question does not already contain: likely the answer."""
    tokens = WORD.findall(sentence)
    new = [
        t
        for i, t in enumerate(tokens)
        # isalpha first: most words are letters only, and asking each letter whether it is a digit
        # was the costliest line of choosing sentences.
        if (t[0].isupper() and i > 0 or not t.isalpha() and any(ch.isdigit() for ch in t))
        and t.lower() not in question_words
    ]
    return min(len(new), 3) / 3


# A writer's own prediction, in the first person.
# Not "When I picked him up", "we pick a jury", nor an office's "our forecast" (a review's).
OWN_GUESS = re.compile(
    r"\bI(?:'m|’m| am| was)?\s+(?:predict(?:ed|ing|s)?|pick(?:ed|ing)?(?!\s+(?:\w+\s+)?up\b)|forecast(?:ed|ing)?)\b"
    r"|\b[Mm]y\s+(?:(?!to\b)[\w-]+\s+){0,3}?(?:predictions?|picks?)\b(?!\s+(?:\w+\s+)?up\b)"
)
# A question asking for one ("Who did experts pick to win?").
ASKS_FOR_A_GUESS = re.compile(r"\b(?:predict|pick|forecast|project|expect|odds|favou?rite)", re.IGNORECASE)


# How much lower a follow-up's sentence scores when the last answer quoted it: "Where was it?",
# "How did it start?" and "Who said that?" after the Juarez fire had each led with the same toll,
# the next sentence naming the city (a chat tester's; 42 of 120 follow-ups opened with the last
# answer's quote). Below the sentence model's margin (1.5), so it may still be quoted after
# another, or first when nothing else comes close. Over seven chat sets' 840 follow-ups, 0.5 / 1.0 /
# 2.0 held the answer in the first 40 words 3 / 13 / 5 more times than none; only keeping such a
# sentence from leading, 7 fewer.
SAID_BEFORE_PENALTY = 1.0


# A follow-up asking for what was said: "Who won again?", "Remind me who won?" (a review's had lost
# the winner the last answer led with).
ASKED_AGAIN = re.compile(r"\b(?:again|remind|repeat|say\s+that)\b", re.IGNORECASE)
# A name a question types: a capitalised word after its first.
TYPED_NAME = re.compile(r"(?<=\s)[A-Z][\w'’-]*")


def _writes(text: str, name: str) -> bool:
    return re.search(rf"\b{re.escape(name)}\b", text) is not None


def _told_before(sentence: str, told: frozenset[str]) -> bool:
    """The sentence is one an earlier answer quoted, whole or cut short ("… the Senate …")."""
    return any(sentence == quote or sentence.startswith(quote.removesuffix("…").rstrip()) for quote in told)


def compose(
    question: str,
    passages: list[Passage],
    embed_model: Embedder,
    max_words: int,
    max_sentences: int,
    asked: str | None = None,
    model: SentenceModel | None = None,
    as_of: date | None = None,
    background: str | None = None,
    latest: bool = False,
    holder: Role | None = None,
    told: frozenset[str] = frozenset(),
    said: frozenset[str] = frozenset(),
) -> ExtractiveAnswer:
    """Pick the best non-redundant sentences until the word budget is reached (see OVERRUN),
    and cite each one.
    `question` is the standalone form; `asked`, when different, the follow-up as typed; `as_of`
    the day the answer is given as of (a quoted day of another year is told with its year);
    `background` the chunk id of a passage from before the question's period (see
    _background_quotes); `latest`: the question asks for the latest result (see asks_latest_result);
    `holder`: the post the question asks who holds now, whose newest naming sentence comes first
    (bot/holders.py); `told`: sentences an earlier answer quoted, not quoted again while others
    remain ("who else?"); `said`: those the last answer quoted, for a follow-up, scored lower
    (SAID_BEFORE_PENALTY)."""
    period = [p for p in passages if p.chunk_id != background]
    earlier = [p for p in passages if p.chunk_id == background]
    # A quiz page that prints the question answers nothing by quoting it back; nor does an
    # article's own subheading a follow-up asks as typed ("Who won it last year?": "Who won the F1
    # race in Australia last year?", a chat tester's), its standalone form holding carried names.
    typed = asked if asked not in (None, question) else None

    def asked_back(candidate: Candidate) -> bool:
        return echoes(candidate, question) or (typed is not None and echoes(candidate, typed))

    found = [c for c in answer_candidates(period) if not asked_back(c)]
    found = [c for c in found if not _told_before(c.text, told)] or found
    if not ASKS_FOR_A_GUESS.search(question):
        # A columnist's own guess is no report of what happened: "I predicted a final score of
        # Eagles 27, Chiefs 24 in my Super Bowl 57 prediction" had stood beside the 38-35 result
        # in three probes' answers.
        found = [c for c in found if not OWN_GUESS.search(c.text)] or found
    if latest:
        asked_of = contest_asked(question)
        found = _without_past_results(found, asked_of[1] if asked_of else None)
    things = counted_thing(question)
    if things and not YEAR_NAMED.search(question):
        # A count asked of no year is not history told beside it: a timeline's "2014: … 2,251
        # Palestinians and 73 Israelis" had led "How many people have died in the Israel-Hamas war?"
        # as of Oct 10 (a review's). Of other counts, only a sentence set in an earlier year ("In
        # 2022, an average of 99.18 million viewers watched …" had led "How many people watched the
        # Super Bowl?" as of Feb 20, a probe's): "a panel of 16 experts in June 2022" is the count.
        history = tells_history if things == DEATHS else set_in_an_earlier_year
        found = [c for c in found if not history(c)] or found
    if group := counted_group(question):
        # The deaths of those asked about, not of others: "How many Americans were killed in the
        # Hamas attack?" as of Oct 20 had led with "killing more than 1,400 Israeli civilians and
        # soldiers", while the passages held "confirmed the deaths of 30 U.S. citizens and said
        # that 13 Americans are missing" (a probe's).
        found = [c for c in found if whose_count(c.text, group) is not False] or found
    if not found:
        return ExtractiveAnswer("", ())
    # The background passage's sentences, ranked after the period's passages.
    quoted = {c.text.lower() for c in found}
    extra = [
        replace(c, passage_rank=len(period))
        for c in answer_candidates(earlier)
        if c.text.lower() not in quoted and not asked_back(c)
    ]
    model = model or default_sentence_model()
    scores = score_sentences(question, found + extra, embed_model, asked, model)
    scores, extra_scores = scores[: len(found)], scores[len(found) :]
    if said and not ASKED_AGAIN.search(asked or ""):
        # Not a sentence writing a name the follow-up types: "And in Jerusalem?" after "Who will
        # Blinken meet in the West Bank?" asks for the Jerusalem sentence that answer gave too.
        named = [word for word in TYPED_NAME.findall(asked or "") if word.lower() not in stopwords()]
        repeated = [_told_before(c.text, said) and not any(_writes(c.text, name) for name in named) for c in found]
        scores = scores - SAID_BEFORE_PENALTY * np.array(repeated)
    order = np.argsort(-scores)
    best = _bar(found, scores, order)
    chosen = _holder_named(found, holder) or _story_opening(found, question)
    used_words = sum(len(c.text.split()) for c in chosen)
    for index in order:
        candidate = found[int(index)]
        if candidate in chosen:
            continue
        if chosen and not _fits(candidate, float(scores[index]), best - model.margin, chosen, used_words, max_words):
            continue
        chosen.append(candidate)
        used_words += len(candidate.text.split())
        if len(chosen) >= max_sentences or used_words >= max_words:
            break
    # A quiz's "Hollywood actors joined writers on strike this week. Who is the union's
    # president?" asks in its last sentence: the checks below that read how a question opens
    # ("Who …", "Which <role> …") read that sentence.
    clause = (asking_clause(question) if asked in (None, question) else "") or question  # not a follow-up's
    kind = expected_answer(question) or expected_answer(clause)
    counts = kind is AnswerType.NUMBER
    if counts:
        chosen = _with_newest_count(question, found, scores, chosen, max_words, max_sentences)
        chosen = _count_first(chosen, things, group)
    if kind is not None:
        # A figure asked of no count too: "How old was Cormac McCarthy when he died?" was answered
        # "… has died." alone, while the next sentence, "He was 89.", was in the passage (a probe's);
        # an age is asked for, not any figure ("born on July 20, 1933").
        holds: Callable[[str], bool] = functools.partial(holds_answer, kind=kind, question=question)
        if kind is AnswerType.NUMBER:
            asks_age = AGE_ASKED.search(question)
            holds = functools.partial(tells_age if asks_age else holds_figure, question=question)
        chosen = _with_answer_kind(holds, found, scores, chosen, max_words, max_sentences)
    elif CAUSE_ASKED.search(clause):
        causes = functools.partial(tells_cause, question=question)
        chosen = _with_answer_kind(causes, found, scores, chosen, max_words, max_sentences)
    elif (speaker := speaker_asked(clause)) is not None:
        says = functools.partial(tells_saying, speaker=speaker)
        chosen = _with_answer_kind(says, found, scores, chosen, max_words, max_sentences)
    elif DECISION_ASKED.search(clause):
        chosen = _with_answer_kind(tells_decision, found, scores, chosen, max_words, max_sentences)
    elif WHEN_ASKED.search(clause):
        # "When is King Charles's coronation?" had quoted "less than a week away" alone (a probe's).
        says_when = functools.partial(tells_when, question=question)
        chosen = _with_answer_kind(says_when, found, scores, chosen, max_words, max_sentences)
    if ASKS_CITY.search(question):
        in_city = functools.partial(names_city, question=question)
        chosen = _with_answer_kind(in_city, found, scores, chosen, max_words, max_sentences, any_article=True)
    if WHO_ASKED.search(clause):
        someone = functools.partial(names_someone, question=question)
        chosen = _with_answer_kind(someone, found, scores, chosen, max_words, max_sentences)
    if (names_it := naming_the_asked(clause)) is not None:
        # "Which special counsel …" wants the sentence writing "special counsel Jack Smith", not
        # any sentence with a capital in it (see naming_the_asked).
        chosen = _with_answer_kind(names_it, found, scores, chosen, max_words, max_sentences, any_article=True)
    after = _background_quotes(extra, extra_scores, chosen, best - model.margin, max_words, max_sentences)
    if counts:
        # A headline without a figure ("Floods in Valmora: first reports") is no report of one.
        reports = [c for c in chosen if not c.headline or FIGURE.search(c.text)]
        same_story = _about_the_same(reports, question)
        deaths = things == DEATHS
        if group and (of_group := [c for c in same_story if whose_count(c.text, group)]):
            same_story = of_group  # the Americans' toll as it moved, not the war's beside it
        if deaths:
            same_story = _without_smaller_tolls(same_story)
        if _figures_changed(same_story):
            others = [c for c in chosen if c not in same_story] + after
            return _cite_over_time(same_story, others, as_of, background, deaths)
    # A question naming a year asks of that year's news, whichever is newer.
    newer_first = chosen if YEAR_NAMED.search(question) else _newer_first(chosen)
    return _cite(newer_first + after, background, as_of)


def _count_first(chosen: list[Candidate], things: frozenset[str], group: str | None) -> list[Candidate]:
    """The quotes, the best that tells what a "how many" question counts first: "How many people
    died in Lahaina?" as of Aug 20 had opened with "The town of about 13,000 people was home to the
    sacred Moku'ula palace", the toll second (a probe's). Of a group's deaths (see counted_group),
    the best that counts theirs, over others' deaths told with no one named, if one does."""
    teller = next((c for c in chosen if group and whose_count(c.text, group)), None)
    if teller is None:  # none of theirs: any that tells a count
        teller = next((c for c in chosen if things and tells_count(c.text, things)), None)
    if teller is None:
        return chosen
    return [teller, *(c for c in chosen if c is not teller)]


def _newer_first(chosen: list[Candidate]) -> list[Candidate]:
    """The quotes, those of articles more than OLD_NEWS_DAYS older than the newest quote's after the
    rest, each group in its order: a probe's "Who was named People's Sexiest Man Alive?" as of
    2023-11-09 opened with 2019's "John Legend has been named …", and the week's Patrick Dempsey
    came second."""
    days = [c.passage.published for c in chosen if c.passage.published is not None]
    if not days:
        return chosen
    newest = max(days)
    old = [c for c in chosen if c.passage.published is not None and (newest - c.passage.published).days > OLD_NEWS_DAYS]
    return [c for c in chosen if c not in old] + old


# "Tell me about the Maui fires", "what's the latest on the UAW strike", "any update on …": a
# story asked about as a whole, with no one fact wanted.
ASKS_OVERVIEW = re.compile(
    r"^\W*(?:so\s+)?(?:tell\s+me\s+(?:more\s+)?about|(?:what's|whats|what\s+is)\s+the\s+latest\s+(?:on|with|about|in)|"
    r"(?:any|the\s+latest)\s+(?:news|updates?)\s+(?:on|about)|(?:give\s+me\s+)?(?:an\s+)?update\s+on|"
    r"(?:what's|whats|what\s+is)\s+(?:going\s+on|happening)\s+(?:with|in|at))\b",
    re.IGNORECASE,
)


def _story_opening(found: list[Candidate], question: str) -> list[Candidate]:
    """For a story asked about as a whole (ASKS_OVERVIEW), how the best passage's article opens, to
    quote first: its headline (unless cut short), else its first sentence. "Tell me about the Maui
    fires" as of Aug 11 had opened with the size of Maui's fire crew, whose sentence shared the
    most words with it; the article's headline said "Death toll in Maui disaster hits 80"."""
    if not ASKS_OVERVIEW.search(question):
        return []
    first = [c for c in found if c.passage_rank == 0]
    headline = [c for c in first if c.headline and not _cut(c)]
    if headline:
        return headline[:1]
    lede = [c for c in first if not c.headline and c.passage.position == 0]
    return lede[:1]


def _holder_named(found: list[Candidate], holder: Role | None) -> list[Candidate]:
    """The newest sentence naming the post's holder, to quote first, or none."""
    if holder is None:
        return []
    naming = [(i, c) for i, c in enumerate(found) if c.passage.published and holder_mentions(c.text, holder)]
    # Of one day's, the first passage's, and in it the later sentence: its news is the newer.
    newest = max(naming, key=lambda pair: (pair[1].passage.published, -pair[1].passage_rank, pair[0]), default=None)
    return [newest[1]] if newest else []


def quote_openings(passages: Sequence[Passage], as_of: date | None = None) -> ExtractiveAnswer:
    """Each passage's headline, or its first sentence when it has none, cited in turn: a period's
    stories (bot/period_news.py). Any headline names its story, one asking a question ("What's
    next for the speaker of the House race?") too."""
    chosen = []
    for rank, passage in enumerate(passages):
        headline = headline_of(passage.title or "")
        if len(headline.split()) >= MIN_WORDS:
            chosen.append(Candidate(headline, rank, passage, frozenset(content_terms(headline)), headline=True))
        elif found := candidates([passage]):
            chosen.append(replace(found[0], passage_rank=rank))
    return _cite(chosen, as_of=as_of) if chosen else ExtractiveAnswer("", ())


def quotes_holder(passage: Passage, holder: Role) -> bool:
    """A sentence of the passage that an answer may quote (see candidates) names the post's holder."""
    return any(holder_mentions(c.text, holder) for c in candidates([passage]))


def _bar(found: list[Candidate], scores: np.ndarray, order: np.ndarray) -> float:
    """The score the other quotes are measured against: the best one's, unless that is a headline
    cut short. Such a headline shares the question's words but may stop before its news: "Gwyneth
    Paltrow ski collision trial verdict: Actress found not ..." had set a bar that the sentence
    telling the verdict ("a jury found Paltrow not responsible") fell under, and was the whole
    answer. Then the best whole sentence sets it."""
    whole = [float(scores[i]) for i in order if not _cut(found[int(i)])]
    return whole[0] if whole else float(scores[order[0]])


def _cut(candidate: Candidate) -> bool:
    return candidate.headline and candidate.text.endswith("...")


# "Who won the NBA Finals?", "Which team won the Super Bowl?": asked with no period or year, the
# latest one is meant.
# Not "Which role won her a Golden Globe?", whose winner is given: what won it for her is asked (a
# chat tester's was declined, "no article found tells who won her a Golden Globe").
WHO_WON = re.compile(
    r"^\s*(?:who|which\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+)\s+won\b(?![’']t)(?!\s+(?:her|him|them)\b)",
    re.IGNORECASE,
)
# A passage this much older than the newest one tells of an earlier round of the event, or looks
# ahead to this one: a result is reported within days, a final's previews in the weeks before
# ("Who won the Super Bowl?" had quoted a November preview's list of past winners and, asked in
# April, a shopping guide of 13 days before the game).
PAST_RESULT_DAYS = 7
# A newer death toll this many times smaller than an older one of the same story is another count.
TOLL_FALL = 10
# How many words after "toll" its figure may come ("the death toll from a wildfire that razed a
# historic Maui town reached 93": 11).
TOLL_READ_WORDS = 15
YEAR_NAMED = re.compile(r"\b(?:19|20)\d\d\b")
# A sentence telling a result ("The Rays won the Harbor Cup", "Chiefs beat Eagles"); a preview's
# "who will win" is none.
WIN_WORDS = r"won|wins|beat|beats|defeated|defeats|crowned|victory|champions?"
TELLS_RESULT = re.compile(rf"\b(?:{WIN_WORDS})\b", re.IGNORECASE)


# A search typed as keywords for the same ("masters winner", "nba champion").
WINNER_WANTED = re.compile(r"\b(?:winners?|champions?)\W*$", re.IGNORECASE)


def asks_latest_result(question: str, this_year: int | None = None) -> bool:
    """The question asks who won, naming no year but `this_year`, the as-of day's (its period is
    checked by the caller); or is a search for the winner, typed as keywords. "who won the 2023
    masters" asked in June is the latest Masters: a probe's had led with "Weir won the 2003 Masters"."""
    if any(int(year) != this_year for year in YEAR_NAMED.findall(question)):
        return False
    keywords = WINNER_WANTED.search(question) is not None and typed_as_keywords(question)
    return WHO_WON.search(question) is not None or keywords


def contest_asked(question: str) -> tuple[str, set[str]] | None:
    """What a "who won" question (or a keyword search for a winner) asks the result of, as typed,
    and its terms: its names after "won" ("the Rugby World Cup final" -> "rugbi", "world", "cup",
    "final"), or its words there, other than a result's and a year's, when it names none. The
    words before "won" ask what kind of winner ("Which professional golfer won …")."""
    asked = WHO_WON.search(question)
    if asked is not None:
        phrase = question[asked.end() :]
    elif (keywords := WINNER_WANTED.search(question)) is not None:
        phrase = question[: keywords.start()]
    else:
        return None
    # The question's own: a follow-up's carried words after its "?" are a search's, and a review
    # was told "no article found tells who won the vote? Jim Jordan Others R-Ohio". Unless it names
    # nothing before it ("who won? Masters …"): the carried words are then the contest.
    own = phrase.split("?", 1)[0].strip(" .!")
    phrase = own if own else phrase.strip(" ?.!")
    # Not a clause after a comma telling more of the result: "Which country won the Women's World
    # Cup this week, beating England 1-0 in the final?" (a quiz's) had been declined, no report of
    # the cup's win saying "beating" or "final". A category after one is the contest's
    # ("Wimbledon, women's singles", a review's).
    phrase = RESULT_CLAUSE.split(phrase, 1)[0].strip() or phrase
    # Names as the whole question capitalises them (the phrase's first word opens no sentence).
    said = content_terms(phrase)
    terms = _contest_terms((question_names(question) & said) or said) - _contest_terms(RESULT_TERMS)
    # The men's or the women's contest, when the question says which (see _holds_contest).
    terms |= said & SIDES.keys() if terms else set()
    return (phrase, terms) if terms else None


# A clause telling more of how a contest was won: ", beating England 1-0", ", after a penalty shootout".
RESULT_CLAUSE = re.compile(
    r",\s+(?=(?:beating|defeating|edging|topping|taking|winning|claiming|clinching|securing|overcoming|ending"
    r"|finishing|after|before|when|while|as|with|by|in\s+a|which|who|despite)\b)",
    re.IGNORECASE,
)


# A contest's side, and the other's: "LSU women … wins first NCAA basketball" is no result of the
# men's championship (a probe's, asked before the men's final).
SIDES = {"men": "women", "women": "men"}


# An edition's number, written "LVII" or "57" alike: like a year, no term a result must hold.
EDITION = re.compile(r"^(?:\d+|[ivxlc]+)$")
# An edition as a question or an article writes it: "Super Bowl LVII", "Super Bowl 57".
# Not a score's ("23-20") or a figure's part.
EDITION_WRITTEN = re.compile(r"(?<![\w,.$])(?<![-–]\s)(?<![-–])(?:[IVXLC]{2,}|\d{1,3})(?![\w%]|[.,]\d|\s?[-–]\s?\d)")


def edition_number(written: str) -> int | None:
    """ "LVII" -> 57, "57" -> 57; None for what is no edition's number."""
    if written.isdigit():
        return int(written)
    try:
        return int(roman.fromRoman(written))
    except roman.InvalidRomanNumeralError:
        return None


def edition_asked(phrase: str) -> int | None:
    """The edition the contest a question names ends with ("Super Bowl LVII" -> 57), if any."""
    last = phrase.split()[-1] if phrase.split() else ""
    return edition_number(last) if EDITION_WRITTEN.fullmatch(last) else None


def writes_edition(text: str, edition: int) -> bool:
    """The text writes that edition's number, in either form."""
    return any(edition_number(m.group()) == edition for m in EDITION_WRITTEN.finditer(text))


def contest_edition(question: str) -> tuple[int, str] | None:
    """The edition a who-won question names ("Super Bowl LVII": 57, as written "LVII"), if any."""
    contest = contest_asked(question)
    edition = edition_asked(contest[0]) if contest else None
    return (edition, contest[0].split()[-1]) if contest and edition is not None else None


def edition_written_otherwise(question: str) -> str:
    """A who-won question's edition in its other form ("Super Bowl LVII" -> "57", and back), for
    the keyword search: previews write "Super Bowl LVII", and the result "… in Super Bowl 57"."""
    asked = contest_edition(question)
    if asked is None or not 0 < asked[0] < 4000:
        return ""
    edition, written = asked
    return roman.toRoman(edition) if written.isdigit() else str(edition)


# A sentence telling a result, more widely than TELLS_RESULT: a false one here only keeps an
# answer that would have been given anyway.
# Not "to win", "will be awarded": a preview's. A prize "went to" its winner ("The festival's top
# prize, the Golden Lion, went to Yorgos Lanthimos' "Poor Things.""), but a team that "went to the
# World Series" played in it: a prize's word comes first. "defeating" tells one in a year's list of
# results ("November 5 - The Houston Astros win the World Series, defeating the Philadelphia
# Phillies 4-1": a probe's "Who won the World Series?" as of 2023-02-20 had led with 2017's). The
# contest's names must be in the sentence or its headline as well.
RESULT_TOLD = re.compile(
    rf"\b(?:{WIN_WORDS}|(?:was|were|is|are) "
    r"(?:named|awarded|(?:re-?)?elected|(?:the )?(?:\w+ )?winners? of)|claim(?:s|ed)|captur(?:es|ed)|clinch(?:es|ed)|"
    r"took home|takes home|defeating"
    # Awarded to someone named, or a contract that went to them: "The city awarded the $27.5 million
    # contract … to Brightwater Marine" (a librarian's "Who won the seawall contract?" had been
    # declined). Not "will be awarded", "has not yet awarded", "awarded each spring", nor a bid that
    # "goes to the council for a vote" (a review's).
    r"|(?<!be )(?<!been )(?<!being )(?<!not )(?<!n't )(?<!n’t )(?<!never )(?<!yet )(?<!formally )awarded\s+"
    r"(?!(?:no|each|every|annually|yearly)\b)(?:[^.;:!?]|\.(?=\d)){0,120}?\bto\s+(?-i:[A-Z])\w*"
    r"|(?:contract|bid|tender)s?\b[^.;:!?]{0,60}?\b(?:went|goes) to\s+(?-i:[A-Z])\w*"
    r"|(?:prize|award|trophy|medal|honou?r|lion|bear|palme d['’]or)s?\b[^.;:!?]{0,60}?\b(?:went|goes) to)\b",
    re.IGNORECASE,
)
# A title held, which tells no result: a preview's "South Africa are the defending champions",
# "Ireland, the Six Nations grand slam champions" had a probe's "Who won the Rugby World Cup
# final?", asked days after it and with no report of it, answered with the preview.
TITLE_HELD = re.compile(
    r"\b(?:(?:defending|reigning|former|incumbent|current)\s+(?:\w+\s+)?|(?<!time )grand slam\s+)champions?\b",
    re.IGNORECASE,
)  # not "a 24-time Grand Slam champion", which Djokovic "became" on Sunday
# A contest a sentence names as one its subject is only in the running for: "'Trust' won the Kirkus
# Prize for fiction, was on the long list for the Booker Prize" tells no Booker result (a quiz's "Who
# won the 2023 Booker Prize?", asked before the prize, had been answered with it). The name runs to
# its last capitalised word.
NOMINATED_FOR = re.compile(
    r"\b(?i:(?:long|short)[- ]?list(?:ed)?|nominat(?:ed|ions?)|nominees?|finalists?|contenders?|"
    r"in the running)\s+(?:for|on)\s+(?:the\s+|this\s+year['’]s\s+|a\s+)?"
    r"(?:(?:[A-Z][\w'’.-]*|of|for|in|the)\s+)*[A-Z][\w'’.-]*",
)
# What a sentence says was won: "won the Kirkus Prize for fiction" -> "Kirkus Prize for fiction".
WON_OBJECT = re.compile(
    r"\b(?:won|wins|claimed|claims|captured|clinched|took\s+home|takes\s+home)\s+"
    r"(?:the\s+|a\s+|an\s+|its\s+|his\s+|her\s+|their\s+)?(?P<what>[^,.;:!?]{1,80})",
    re.IGNORECASE,
)
# What was won said again without its name ("won it", "won the award", "won on Sunday").
PRONOUN_WON = re.compile(
    r"^(?:it|this|that|one|them|both|on|(?:top\s+)?(?:award|prize|title|trophy|cup|race|contest|competition|"
    r"championship|election|medal|hono[u]?r))\b",
    re.IGNORECASE,
)


def _won_another(sentence: str, contest: set[str]) -> bool:
    """The sentence tells a win, and each win it tells is of something other than the contest."""
    won = [m["what"].strip() for m in WON_OBJECT.finditer(sentence)]
    return bool(won) and not any(
        PRONOUN_WON.match(what) or _holds_contest(content_terms(what), contest) for what in won
    )


# A year of the story itself, not history: "capping the 2022 season", "the 2022-23 season".
SEASON_YEAR = re.compile(r"\b(?:19|20)\d\d(?=\s*(?:-|–|/)\s*\d|\s+season)")


def _contest_terms(terms: set[str]) -> set[str]:
    """Terms compared without their dots ("U.S. Open" is the US Open), editions dropped."""
    return {term.replace(".", "") for term in terms if not EDITION.match(term)}


def tells_result_of(sentence: str, passage: Passage, contest: set[str], year: int | None) -> bool:
    """The sentence of the passage (or its headline, for an empty sentence) tells a result of the
    contest: a win, of no year before its article's (history told beside the story) and, when the
    question names one, in an article of that year; with its headline, it holds the contest's
    terms: all of up to three ("Nobel Peace Prize won by …" is no result of the Nobel Prize in
    Economics), two thirds of more ("the Oscar for Best Supporting Actress at the 95th Academy
    Awards" is written "won best supporting actress" under "Oscars 2023: …"). An undated
    article's passage has no year to check."""
    published, headline = passage.published, passage.title or ""
    if published is not None and year is not None and published.year != year:
        return False
    if sentence:
        # "Who won the championship game at the Little League World Series?", a quiz's, tells none.
        asks = sentence.rstrip("”\"' ").endswith("?")
        told = RESULT_TOLD.search(TITLE_HELD.sub(" ", sentence)) is not None and not asks
        # The contest named only as one the subject was in the running for, when the win told is of
        # another ("won the Kirkus Prize …, was on the long list for the Booker Prize"); not when
        # the win is of it ("one of three finalists for the Kessler Cup, won it", a review's).
        unlisted = NOMINATED_FOR.sub(" ", sentence) if _won_another(sentence, contest) else sentence
        held = content_terms(unlisted) | content_terms(headline)
    else:
        told = RESULT_HEADLINE.search(headline) is not None and NO_RESULT_YET.search(headline) is None
        held = content_terms(headline)
    if not told:
        return False
    if names_an_earlier_year(SEASON_YEAR.sub(" ", sentence or headline), published):
        return False
    return _holds_contest(held, contest, f"{sentence or headline} {headline}")


# Where a contest was: "in Brazil", "In Brazil on Sunday", "at the Netherlands'", a dateline's
# "SAO PAULO, Brazil (AP)".
VENUE = re.compile(r"(?:\b(?i:in|at)\s+(?:the\s+)?|\b[A-Z]{2,}(?:\s+[A-Z]{2,})*,\s+)([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)")
# A people's adjective's term, and its country's ("chinese" is stemmed "chines").
_DEMONYM_TERMS = {normalise(people): normalise(country) for people, country in DEMONYMS.items()}


def _holds_contest(held: set[str], contest: set[str], text: str = "") -> bool:
    """The terms hold the contest's: all of up to three, two thirds of more (see tells_result_of);
    and not the other side's alone (the women's, asked of the men's). `text`, which the terms are
    of, may name a country where the contest was held (see VENUE)."""
    if any(other in held and side not in held for side, other in SIDES.items() if side in contest):
        return False
    contest = contest - SIDES.keys()
    # A people's adjective is held where its country is written as where it was held: a quiz's "Who
    # won the Brazilian Grand Prix?" was declined, its article telling Russell's win in "the race in
    # Brazil". Not a player's country: "Italy's Jannik Sinner won the Miami Open" is no Italian
    # Open's result (a review's).
    venues = {normalise(name) for place in VENUE.findall(text) for name in (place, place.split()[0])}
    held = held | {t for t in contest if _DEMONYM_TERMS.get(t) in venues}
    needed = len(contest) if len(contest) <= 3 else math.ceil(len(contest) * 2 / 3)
    return len(contest & _contest_terms(held)) >= needed


def _reports(candidate: Candidate, contest: set[str] | None) -> bool:
    """The quote reports a result: of the contest, if one is named (see tells_result_of)."""
    if _of_an_earlier_year(candidate) or candidate.asks:
        return False
    if contest is None:
        return TELLS_RESULT.search(candidate.text) is not None
    return tells_result_of(candidate.text, candidate.passage, contest, None)


def _without_past_results(found: list[Candidate], contest: set[str] | None) -> list[Candidate]:
    """For a question asking for the latest result: not the sentences telling of earlier ones,
    from a passage PAST_RESULT_DAYS older than the newest, or naming a year before their
    article's ("Philadelphia won Super Bowl 52 … to finish the 2017 season", in a 2023 preview),
    unless no other is left. Asked "Who won the NBA Finals?" as of 2023-06-16, the answer had led
    with the 2022 Warriors."""
    days = [c.passage.published for c in found if c.passage.published is not None]
    if not days:
        return found
    # Counted from the newest report of a result, not from a later piece that only names the
    # event ("Super Bowl ads ranked", "tickets for next season"), asks who won, or recalls an
    # earlier year's; of the contest asked about when the question names one: "Who won the World
    # Series?" is not answered by the newest Golden Globes winner.
    reports = [c.passage.published for c in found if c.passage.published is not None and _reports(c, contest)]
    newest = max(reports or days)

    def past(candidate: Candidate) -> bool:
        published = candidate.passage.published
        if published is None:
            return False
        return (newest - published).days > PAST_RESULT_DAYS or _of_an_earlier_year(candidate)

    current = [c for c in found if not past(c)]
    if contest:
        # Of the contest, in the sentence or its headline: once the latest World Series report
        # was years old, the Golden Globes' "Best Limited Series" winners were newer than it.
        current = [c for c in current if _names_contest(c, contest)] or current
    return current or found


def _names_contest(candidate: Candidate, contest: set[str]) -> bool:
    """The sentence, with its headline, holds the contest's terms as tells_result_of counts them."""
    title = candidate.passage.title or ""
    return _holds_contest(set(candidate.terms) | content_terms(title), contest, f"{candidate.text} {title}")


def _with_newest_count(
    question: str,
    found: list[Candidate],
    scores: np.ndarray,
    chosen: list[Candidate],
    max_words: int,
    max_sentences: int,
) -> list[Candidate]:
    """The quotes, with the newest report of what a "how many" question counts when they lack it
    and it is of the same story: a toll moves, and its latest figure is the answer. Asked as of
    Aug 25 how many died in the Maui wildfires, the answer quoted Aug 9's "At least 36 people have
    died" alone, while Aug 11's "Death toll in Maui disaster hits 80" was among the passages (then
    _cite_over_time lays the two out, newest first). Quotes after the best one make room for it."""
    things = counted_thing(question)
    told = [c for c in chosen if c.passage.published and tells_count(c.text, things)]
    if not things or not told:
        return chosen
    # A report with a figure the quotes do not give: the count as it moved, not told again.
    given = {figure for c in told for figure in FIGURE.findall(c.text)}
    moved = [
        (c, float(s))
        for c, s in zip(found, scores, strict=True)
        if c.passage.published and tells_count(c.text, things) and not set(FIGURE.findall(c.text)) <= given
    ]
    latest = max(c.passage.published for c in told if c.passage.published)
    newest_day = max((c.passage.published for c, _ in moved if c.passage.published), default=None)
    if newest_day is None or newest_day < latest:
        return chosen
    of_day = [pair for pair in moved if pair[0].passage.published == newest_day]
    if newest_day == latest:
        # The same day's report of ten times as many dead is the toll; the quote gave a part of it:
        # "about 720 Syrians who died in Turkey were brought home" had led the earthquake's "killing
        # more than 23,000" of the same day (a review's).
        # Not over a toll told in words ("Dozens of people died"), which counts no number.
        most = max(death_count(c.text) for c in told if c.passage.published == latest)
        if things != DEATHS or most == 0:
            return chosen
        of_day = [(c, s) for c, s in of_day if death_count(c.text) >= TOLL_FALL * most and not tells_history(c)]
        if not of_day:
            return chosen
    newest = max(of_day, key=lambda pair: pair[1])[0]
    # Of the same story: it names what the quote it joins names of the question's names ("Maui"),
    # so that Libya's floods are not the Morocco earthquake's toll.
    names = _named(told[0]) & _key_words(question)
    said = [c for c in chosen if _redundant(newest, c)]
    if not names <= _named(newest) or any(tells_count(c.text, things) for c in said):
        return chosen  # another story's count, or the same count again
    # A quote it says again without the count gives way to it ("Turkey, Syria earthquake updates:
    # Dramatic rescues …" to "A series of dramatic rescues … killing more than 23,000").
    kept = [c for c in chosen if c not in said]
    same_day = newest_day == latest
    if same_day:
        # The day's toll leads, and that day's part of it gives way (an older day's toll stays).
        larger = death_count(newest.text)
        kept = [
            c
            for c in kept
            if not (c in told and c.passage.published == latest and death_count(c.text) * TOLL_FALL <= larger)
        ]
    kept = _making_room(kept, newest, max_words, max_sentences)
    return [newest, *kept] if same_day else [*kept, newest]


def _with_answer_kind(
    holds: Callable[[str], bool],
    found: list[Candidate],
    scores: np.ndarray,
    chosen: list[Candidate],
    max_words: int,
    max_sentences: int,
    any_article: bool = False,
) -> list[Candidate]:
    """The quotes, with the best sentence of their own article that holds the kind of answer
    asked for when none of them does. "Which movie theater chain announced plans to price tickets
    by seat?" was answered by the report's "The country's largest movie theater chain announced
    Monday plans to price tickets based on seat location" alone: the question said again, while
    the same article's "You may have to pay extra to get good seat at AMC Theatres" names it. The
    sentence goes second, after the best quote; the last quotes make room for it. `holds`: whether
    a sentence holds that kind of answer; `any_article`: a sentence of any passage will do, for a
    test so narrow that the sentence it finds is the answer wherever it is."""
    if not chosen or holds(chosen[0].text):
        return chosen
    later = [c for c in chosen[1:] if holds(c.text)]
    if later:
        # A later quote holds it: it comes second, where the first words reach it.
        return [chosen[0], later[0], *(c for c in chosen[1:] if c is not later[0])]
    articles = {c.passage.article_id for c in chosen}
    holding = [
        (float(score), c)
        for c, score in zip(found, scores, strict=True)
        if (any_article or c.passage.article_id in articles) and c not in chosen and holds(c.text)
    ]
    if not holding:
        return chosen
    best = max(holding, key=lambda pair: pair[0])[1]
    kept = _making_room(chosen, best, max_words, max_sentences)
    return [kept[0], best, *kept[1:]]


def tells_decision(sentence: str) -> bool:
    """The sentence tells a decision made (see DECISION_ASKED): "a ruling Thursday that struck down
    race-conscious admissions", which names neither the court nor affirmative action; sought in
    the quoted articles only. Not a question or a subheading, nor what "will be decided"."""
    if sentence.rstrip("”\"' ").endswith("?"):
        return False
    return any(not WILL_BE.search(sentence[: m.start()]) for m in DECISION_TOLD.finditer(sentence))


def tells_saying(sentence: str, speaker: set[str]) -> bool:
    """The sentence tells what the speaker said (see SAYING_ASKED): a speech verb with a word of
    the speaker's within SPEAKER_REACH words before it (or SPEAKER_AFTER after it, inverted), or
    "he", "she" or "they" next to it. Not a question."""
    if sentence.rstrip("”\"' ").endswith("?"):
        return False
    written = sentence.split()
    tokens = [t.lower().strip("“”\"'’‘,.;:!()") for t in written]
    tokens = [t.removesuffix("'s").removesuffix("’s") for t in tokens]
    for match in SPEECH_VERB.finditer(sentence):
        at = len(sentence[: match.start()].split())
        # After the verb only where it is inverted after a quote or a clause ("…, said Samuel
        # Kasumu"): otherwise a name after it is what was said of ("Biden said Trump was …").
        inverted = at > 0 and written[at - 1].endswith((",", "”", '"', "'", "’"))
        after = tokens[at + 1 : at + 1 + SPEAKER_AFTER] if inverted else []
        near = tokens[max(0, at - SPEAKER_REACH) : at] + after
        # A pronoun too, next to the verb, for a speaker named in the sentence before ("Christopher
        # Gardner, a research professor …" then "“You can count on Americans …,” he said"): a chat
        # tester's set gained more by it than it lost to another's "she said" (bench/README.md).
        pronoun = tokens[max(0, at - 1) : at] + after[:1]
        if speaker.intersection(near) or any(SUBJECT_PRONOUN.fullmatch(t) for t in pronoun):
            return True
    return False


def speaker_asked(question: str) -> set[str] | None:
    """The words naming the one whose words the question asks for ("What did the Heat coach say?":
    {"heat", "coach"}), or None when it asks no such thing. A pronoun ("What did she say?") names no
    one: the speaker is then any "he", "she" or "they" (see tells_saying)."""
    asked = SAYING_ASKED.search(question)
    if asked is None:
        return None
    return {w.lower().removesuffix("'s").removesuffix("’s") for w in WORD.findall(asked["who"])} - stopwords()


def tells_cause(sentence: str, question: str) -> bool:
    """The sentence gives a cause (see CAUSE_ASKED) of something the question names: "… claims
    downed power lines … caused the fire" for "What caused the Lahaina fire?"; not "This is hard
    psychologically because of the loss", nor a subheading that asks it ("What caused the Maui
    fires?")."""
    if CAUSE_TOLD.search(sentence) is None or sentence.rstrip("”\"' ").endswith("?"):
        return False
    return bool(content_terms(CAUSE_ASKED.sub("", question)) & content_terms(sentence))


def _making_room(kept: list[Candidate], joining: Candidate, max_words: int, max_sentences: int) -> list[Candidate]:
    """The quotes less their last ones, as many as `joining` needs room for (the first stays)."""
    kept = list(kept)
    while len(kept) > 1 and (
        len(kept) + 1 > max_sentences or sum(len(c.text.split()) for c in [*kept, joining]) > OVERRUN * max_words
    ):
        kept.pop()
    return kept


def _background_quotes(
    extra: list[Candidate],
    scores: np.ndarray,
    chosen: list[Candidate],
    threshold: float,
    max_words: int,
    max_sentences: int,
) -> list[Candidate]:
    """Sentences of the passage from before the question's period, quoted after the period's
    own, in the room the answer has left and only as good as they are: "What was Merriam-Webster's
    word of the year, announced this week?" is this week's "authentic", not 2019's "they"."""
    used_words = sum(len(c.text.split()) for c in chosen)
    after: list[Candidate] = []
    for index in np.argsort(-scores):
        candidate = extra[int(index)]
        if len(chosen) + len(after) >= max_sentences or used_words >= max_words:
            break
        if not _fits(candidate, float(scores[index]), threshold, chosen + after, used_words, max_words):
            continue
        after.append(candidate)
        used_words += len(candidate.text.split())
    return after


def _fits(
    candidate: Candidate, score: float, threshold: float, taken: list[Candidate], used_words: int, max_words: int
) -> bool:
    """The sentence may join the quotes taken: good enough, within the words left (see OVERRUN),
    saying nothing they say, and no second headline."""
    return not (
        score < threshold
        or used_words + len(candidate.text.split()) > OVERRUN * max_words
        or any(_redundant(candidate, other) for other in taken)
        # One headline is a lead; several read as a list of links, not an answer.
        or (candidate.headline and any(other.headline for other in taken))
    )


def _about_the_same(chosen: list[Candidate], question: str) -> list[Candidate]:
    """The quotes that name everything the best one names of the question's names and numbers
    ("Jarrow519"), and hold at least half of the question's words it holds: reports of one
    story, not of look-alike ones about another town or team, nor of another story that only
    shares the town ("Riverton's budget" when asked what Riverton's tram cost). A quote or its
    headline must name one of the question's names, if it has any: asked how many died in the
    Morocco earthquake, Libya's floods, Turkey's quake and Afghanistan's were laid out as one toll
    that moved."""
    if not chosen:
        return []
    asked = _key_words(question)
    first = _named(chosen[0]) & asked
    if asked and not first:
        return []
    topic = chosen[0].terms & content_terms(question)
    # A toll is told in words of its own ("Death toll in Maui disaster hits 80" for how many died).
    deaths = counted_thing(question) == DEATHS
    return [
        c
        for c in chosen
        if first <= _named(c)
        and (2 * len(c.terms & topic) >= len(topic) or (deaths and tells_count(c.text, DEATHS)))
        # A toll of another year is another disaster's ("the 1918 Cloquet Fire … killing hundreds"
        # in a Maui live blog); a count of another kind may well name its year ("the first pope to
        # resign in six centuries", in 2013).
        and not (deaths and _of_an_earlier_year(c))
    ]


def _of_an_earlier_year(candidate: Candidate) -> bool:
    """The quote names a year before its article's, or is part of an almanac entry of one (see
    ENTRY_YEAR): history told beside the story. The Maui live blog's "the 1918 Cloquet Fire …
    killing hundreds" had led a Maui toll as its newest."""
    published = candidate.passage.published
    return names_an_earlier_year(candidate.text, published) or _before(candidate.entry_year, published)


def names_an_earlier_year(text: str, published: date | None) -> bool:
    """The text names a year before `published`'s (never, for an undated article)."""
    return published is not None and any(_before(int(year), published) for year in YEAR_NAMED.findall(text))


# A running total's start: "since March 2020", "since early 2020", "since Jan. 1, 2021".
SINCE_YEAR = re.compile(
    r"\bsince\s+(?:(?:early|late|mid|mid-|the\s+(?:start|beginning|end)\s+of)\s*)?"
    r"(?:[A-Z][a-z]{2,8}\.?\s+(?:\d{1,2},?\s+)?)?(?:19|20)\d\d\b"
)


# A sentence set in a year: "In 2022, …", "During March 2021 …", "Last year, …" is not (its year is
# the article's last).
SET_IN_YEAR = re.compile(
    r"(?:In|During|Through|Throughout|By)\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\.?\s+)?((?:19|20)\d\d)\b"
)


def set_in_an_earlier_year(candidate: Candidate) -> bool:
    """The quote opens in a year before its article's ("In 2022, an average of …")."""
    opening = SET_IN_YEAR.match(candidate.text.lstrip("“\"'"))
    return opening is not None and _before(int(opening[1]), candidate.passage.published)


def tells_history(candidate: Candidate) -> bool:
    """The quote tells of an earlier year than its article's (see history_told), or is part of an
    almanac entry of one (see ENTRY_YEAR)."""
    published = candidate.passage.published
    return history_told(candidate.text, published) or _before(candidate.entry_year, published)


def history_told(text: str, published: date | None) -> bool:
    """The text names an earlier year than `published`'s, other than as the start of a running
    total: "since a 1939 earthquake killed some 30,000" and a timeline's "2014: … 2,251" are
    history; "has killed more than 9,800 people since March 2020" is the toll (a review's)."""
    return names_an_earlier_year(SINCE_YEAR.sub(" ", text), published)


def _before(year: int | None, published: date | None) -> bool:
    """The year is one before `published`'s (never, for no year or an undated article)."""
    return year is not None and published is not None and year < published.year


def _named(candidate: Candidate) -> set[str]:
    """The names and numbers of a quote and of its article's headline, which often says whose
    toll a quote gives ("Turkey earthquake: …" over "The toll rose to 5,000"). A headline's first
    word counts too: it is no sentence's opening capital, and is often the place."""
    return _key_words(candidate.text) | _key_words(candidate.passage.title or "", opening_counts=True)


def _key_words(text: str, opening_counts: bool = False) -> set[str]:
    """Names as content terms ("Valmora's" and "Valmora-Ostrava" hold "valmora"), no day or
    month, and numbers as written."""
    found: set[str] = set()
    for i, token in enumerate(WORD.findall(text)):
        if any(ch.isdigit() for ch in token):
            found.add(token.lower())
        elif (i > 0 or opening_counts) and token[0].isupper() and token.lower() not in DAYS_AND_MONTHS:
            # "Turkey-Syria" names Turkey and Syria, as "Turkey and Syria" does (see question_names).
            found |= {part for term in content_terms(token) for part in name_parts(term) or {term}}
    return found


def _figures_changed(chosen: list[Candidate]) -> bool:
    """The quotes give different figures on different days (a toll, a count that moved). Not
    when one quote's figures are all in every other: that is the count told again with other
    numbers around it ("71 points" on Jan 3, "71 points, the most since 2006" on Jan 5). A
    number both share ("the 7.8 quake … 12 dead", "the 7.8 quake … 31 dead") is no such sign."""
    dated = [c for c in chosen if c.passage.published is not None]
    if len({c.passage.published for c in dated}) < 2:
        return False
    figures = [set(FIGURE.findall(c.text)) for c in dated]
    return all(figures) and not any(all(f <= g for g in figures) for f in figures)


def _deaths_of(written: list[str], i: int) -> bool:
    """The word at i is "deaths of", a count following: "confirmed the deaths of 30 U.S. citizens"
    (the State Department's count of Americans killed by Hamas, which a probe's answer left out)."""
    return written[i].lower() in ("death", "deaths") and i + 1 < len(written) and written[i + 1].lower() == "of"


def death_count(sentence: str) -> float:
    """The largest number the sentence ties to deaths, as tells_count reads them: right before a
    word of dying ("four people were killed": 4), or after a toll or a killing ("the toll rose to
    93"); 0 for none. Not any number of the sentence: "34 hospitalized" beside it is no toll, nor
    "130,000 buildings" (a review's)."""
    written = COUNT_TOKEN.findall(DEAD_SAID_SO.sub("", sentence).replace("-", " "))
    values = [_number_value(word) for word in written]
    return max((values[figure] or 0.0 for figure, _ in _death_figures(written, values)), default=0.0)


def _death_figures(written: list[str], values: list[float | None]) -> list[tuple[int, int]]:
    """Where the sentence's words (`written`, their number `values`) give a death count: the index
    of each figure, and of the word of dying it goes with (see death_count)."""
    stems = [normalise(word) for word in written]
    figures: list[tuple[int, int]] = []
    for i, word_stem in enumerate(stems):
        if word_stem not in DEATHS:
            continue
        figures.extend((j, i) for j in range(max(0, i - 3), i) if values[j] is not None)
        if word_stem == "toll":  # "the toll in Turkey rose to 21,848"
            near = [(j, i) for j in range(i + 1, min(i + 7, len(values))) if values[j] is not None]
            # Or further on, a figure the toll reached: "the death toll from a wildfire that razed a
            # historic Maui town reached 93" read as no toll, was taken for a smaller one and laid
            # out after the figures, out of date order (a probe's). Only after "reached", "to",
            # "at" and the like: "the toll from the fire that broke out on August 8" is no 8, nor
            # "… which made landfall with 150 mph winds" 150.
            further = [
                (j, i)
                for j in range(i + 7, min(i + TOLL_READ_WORDS + 1, len(values)))
                if values[j] is not None and _after_toll_verb(written, j)
            ][:1]
            figures.extend(near or further)
        # "killed more than 41,000" and "the deaths of 30", not "killed and 34 hospitalized"
        elif word_stem in COUNT_AFTER or _deaths_of(written, i):
            after = i + 1 + (word_stem == "death")
            while after < len(written) and written[after].lower() in COUNT_QUALIFIERS:
                after += 1
            if after < len(written) and values[after] is not None:
                figures.append((after, i))
    return figures


def _after_toll_verb(written: list[str], index: int) -> bool:
    """The word before written[index], past qualifiers ("reached at least 93"), says the toll came
    to it."""
    before = index - 1
    while before >= 0 and written[before].lower() in COUNT_QUALIFIERS:
        before -= 1
    return before >= 0 and written[before].lower() in TOLL_VERBS


TOLL_VERBS = frozenset({"to", "at", "reached", "reaches", "hit", "hits", "topped", "tops", "passed", "surpassed"})
COUNT_QUALIFIERS = frozenset({"more", "than", "at", "least", "nearly", "about", "some", "over", "almost", "around"})
COUNT_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|[A-Za-z]+(?:['’][A-Za-z]+)?")


def _number_value(word: str) -> float | None:
    """ "1,200" -> 1200, "four" -> 4; None for a word that is no number, or a year."""
    if word.lower() in NUMBER_WORD_VALUES:
        return float(NUMBER_WORD_VALUES[word.lower()])
    if not FIGURE.fullmatch(word) or YEAR_NAMED.fullmatch(word):
        return None
    return float(word.replace(",", ""))


def _without_smaller_tolls(story: list[Candidate]) -> list[Candidate]:
    """The quotes of a death toll, without one whose count of dead is under a tenth of an older or
    same day's one: a toll does not fall, so that is one attack's dead ("at least 16 people were
    killed … in the blast", Oct 20), not the war's ("The Palestinian death toll climbed to 2,670",
    Oct 15). Laid out newest first as the toll's latest figure, it had led a probe's "What is the
    death toll in Gaza?", and "about 720 Syrians who died in Turkey were brought home" had led the
    earthquake's "killing more than 23,000" of the same day; it stays among the other quotes."""
    # History told beside the toll ("since a 1939 earthquake killed some 30,000") is no toll of it.
    counted = [(c.passage.published, 0.0 if tells_history(c) else death_count(c.text)) for c in story]
    kept = []
    for candidate, (day, count) in zip(story, counted, strict=True):
        older = [n for other, n in counted if day and other and other <= day]
        if older and count * TOLL_FALL < max(older):
            continue
        kept.append(candidate)
    return kept


def _cite_over_time(
    story: list[Candidate],
    others: list[Candidate],
    as_of: date | None,
    background: str | None = None,
    deaths: bool = False,
) -> ExtractiveAnswer:
    """The figures of one story laid out newest first, each with its day, rather than one
    picked silently: "As of Jul 14: “…31…” [1] On Jul 2: “…12…” [2]"; other quotes follow.
    Days of another year than as_of's, or of more than one year, carry their year: asked in July
    2023, "On Nov 29:" would read as a day to come. Of one day's death tolls, the largest is the
    latest (a toll does not fall): a live blog's "hits 80" before its "at least 36 … Wednesday"."""
    dated = sorted(
        (c for c in story if c.passage.published is not None),
        key=lambda c: (c.passage.published or date.min, death_count(c.text) if deaths else 0.0),
        reverse=True,
    )
    ordered = dated + [c for c in story + others if c not in dated]
    parts, citations = _numbered(ordered)
    updated = _updated_since(dated) if deaths else set()
    years = {c.passage.published.year for c in dated if c.passage.published}
    with_year = len(years) > 1 or (as_of is not None and years != {as_of.year})
    labelled = []
    shown: date | None = None  # the day a reader takes the quote to be from
    shown_updated = False  # and whether it was said to be updated since
    for position, (candidate, part) in enumerate(zip(ordered, parts, strict=True)):
        day = candidate.passage.published
        if day is None:
            pass
        elif position < len(dated) and (day != shown or candidate in updated or shown_updated):
            # Once for a day: a quiz's "As of Sep 22, 2023: … [1] On Sep 22, 2023: … [1]" read as
            # two days' figures, of one article's two sentences. Again after "(updated since)",
            # which the next quote of the day is not (a review's).
            since = " (updated since)" if candidate in updated else ""
            part = f"{'As of' if position == 0 else 'On'} {_day_label(day, with_year, as_of)}{since}: {part}"
            shown, shown_updated = day, candidate in updated
        elif (day != shown or shown_updated) and candidate.passage.chunk_id != background:
            # The quotes after the laid-out figures say their day too, however recent, whenever it
            # changes: after "On Feb 7: …" a quote with no day reads as Feb 7's, and a probe's
            # newest toll (35,418, of Feb 14) read as a week old. (The background passage has its
            # own label.)
            part = f"On {_day_label(day, with_year, as_of)}: {part}"
            shown, shown_updated = day, False
        labelled.append(part)
    return ExtractiveAnswer(" ".join(_background_labelled(ordered, labelled, background)), citations)


def _updated_since(newest_first: list[Candidate]) -> set[Candidate]:
    """The quotes whose death toll is well above every newer quote's (UPDATED_TOLL times): a toll
    does not fall, so their page was updated after its day, as live blogs are. A probe's "How many
    people died in the Maui fires?" as of Aug 10 read "As of Aug 10: … 36 … On Aug 9: … at least 96
    dead", the 96 of Aug 12 in a page dated Aug 9."""
    updated = set()
    newer = 0.0
    for candidate in newest_first:
        toll = death_count(candidate.text)
        if newer and toll > UPDATED_TOLL * newer:
            updated.add(candidate)
        newer = max(newer, toll)
    return updated


def _day_label(day: date, with_year: bool, as_of: date | None) -> str:
    """ "Jul 14", or "Jul 14, 2022" when the answer's days span years or this one is not of the
    as-of day's year: asked in July 2023, "On Nov 29:" would read as a day to come."""
    if with_year or (as_of is not None and day.year != as_of.year):
        return f"{day:%b} {day.day}, {day.year}"
    return f"{day:%b} {day.day}"


def _says_headline(sentence: Candidate, headline: Candidate) -> bool:
    """The sentence holds most of the headline's words, and all of its names and numbers.
    Measured on the headline's words alone: a short subheading ("What is the Nobel Prize?") shares
    all its own words with "Nobel Prize in Literature 2023 winner: Norwegian author Jon Fosse", yet
    says none of its news. The names are the news: "The last two years saw the peace prize … go
    to human rights activists in Belarus" holds most words of "Nobel Peace Prize won by Iran human
    rights activist Narges ...", but not who won. (A headline in title case names every word, so
    only its share counts, with its figures and its result: "Kansas City Chiefs beat Philadelphia
    Eagles in Super Bowl 57, 38 ..." is not said by "Super Bowl LVII: Philadelphia Eagles (16-3) vs.
    Kansas City Chiefs (16-3)", a preview's line in the live blog under it.)"""
    if not headline.terms or len(headline.terms & sentence.terms) / len(headline.terms) <= 0.6:
        return False
    if TELLS_RESULT.search(headline.text) and not TELLS_RESULT.search(sentence.text):
        return False
    if _title_case(headline.text):
        return _figures(headline.text) <= _figures(sentence.text)
    return _key_words(headline.text) <= sentence.terms | _key_words(sentence.text)


def _figures(text: str) -> set[str]:
    """The figures of a text, without the comma or period after one ("Super Bowl 57, 38-35")."""
    return {figure.rstrip(",.") for figure in FIGURE.findall(text)}


def _title_case(text: str) -> bool:
    """Most of the words are capitalised ("Kevin McCarthy Ousted As Speaker In Historic Vote")."""
    tokens = [t for t in WORD.findall(text) if t[0].isalpha()]
    return bool(tokens) and sum(t[0].isupper() for t in tokens) >= 0.7 * len(tokens)


def _redundant(a: Candidate, b: Candidate) -> bool:
    if not a.terms or not b.terms:
        return False
    if a.passage.published != b.passage.published and set(FIGURE.findall(a.text)) != set(FIGURE.findall(b.text)):
        return False  # the same sentence with a new figure on another day: the story moved
    return len(a.terms & b.terms) / min(len(a.terms), len(b.terms)) > 0.6


def _cite(chosen: list[Candidate], background: str | None = None, as_of: date | None = None) -> ExtractiveAnswer:
    parts, citations = _numbered(chosen)
    parts = _old_labelled(chosen, _entries_labelled(chosen, parts), as_of, background)
    return ExtractiveAnswer(" ".join(_background_labelled(chosen, parts, background)), citations)


def _entries_labelled(chosen: list[Candidate], parts: list[str]) -> list[str]:
    """A quote from an almanac entry (see ENTRY_YEAR) opens with the entry's year, unless it names
    that year itself: "The Royals became the sixth team … to win the World Series" is 1985's."""
    return [
        f"In {c.entry_year}: {part}" if c.entry_year is not None and str(c.entry_year) not in c.text else part
        for c, part in zip(chosen, parts, strict=True)
    ]


def _old_labelled(chosen: list[Candidate], parts: list[str], as_of: date | None, background: str | None) -> list[str]:
    """A quote from an article published long before as_of opens with its day: asked in July 2023
    what the Fed decided, "The Fed raised rates by 75 basis points last week" of August 2022 read as
    this month's news. Once an article: its later quotes are cited with the same number."""
    if as_of is None:
        return parts
    labelled = list(parts)
    dated: set[str] = set()
    for index, candidate in enumerate(chosen):
        day = candidate.passage.published
        if day is None or candidate.passage.chunk_id == background or (as_of - day).days <= OLD_DAYS:
            continue
        if candidate.passage.article_id in dated:
            continue
        dated.add(candidate.passage.article_id)
        when = f"{day:%b} {day.day}, {day.year}" if day.year != as_of.year else f"{day:%b} {day.day}"
        labelled[index] = f"On {when}: {parts[index]}"
    return labelled


def _background_labelled(chosen: list[Candidate], parts: list[str], background: str | None) -> list[str]:
    """The quoted parts, those from the background passage (from before the period asked about)
    under its day: "this week" quoted from last November must not read as this week's news. Its
    quotes come last (_background_quotes), so one label opens them all."""
    labelled = list(parts)
    first = next((i for i, c in enumerate(chosen) if background is not None and c.passage.chunk_id == background), None)
    day = chosen[first].passage.published if first is not None else None
    if first is not None and day is not None:
        labelled[first] = f"Earlier reporting ({day:%b} {day.day}, {day.year}): {parts[first]}"
    return labelled


def _numbered(chosen: list[Candidate]) -> tuple[list[str], tuple[Citation, ...]]:
    """Number sources by first use (one number per article) and quote each sentence."""
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    parts = []
    for candidate in chosen:
        article_id = candidate.passage.article_id
        if article_id not in numbers:
            numbers[article_id] = len(numbers) + 1
            citations.append(citation_for(numbers[article_id], candidate.passage, candidate.text))
        parts.append(f"“{candidate.text}” [{numbers[article_id]}]")
    return parts, tuple(citations)
