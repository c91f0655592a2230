"""Who holds a post now: "Who is the speaker of the House?", "Who is the new CEO of OpenAI?".

Such a question asks for the latest holder, and the archive names one in passing, before the name:
"House Speaker Mike Johnson, R-La., has been staying in touch with Santos" (Nov 29). The stories
the question is most like are about the post changing hands ("Despite the House being frozen
without a speaker …", Oct 10), and asked on Nov 30 Newsdesk had quoted them alone (a probe). The
newest passage that writes the post before a name is read first (AnswerService._search), and its
sentence is quoted first (bot/extractive.py, compose).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from newsdesk.text import sentence_spans

# The posts asked about, as a headline or a byline writes them before a name ("Prime Minister
# Rishi Sunak", "OpenAI CEO Sam Altman"). Not "leader" or "head" alone: "Hamas leader" and "team
# head" stand before many names at once.
POSTS = (
    r"speaker|(?:prime |first |foreign |finance |defen[cs]e |interior |health )?minister|president|vice president"
    r"|ceo|chief executive(?: officer)?|chair(?:man|woman)?|governor|mayor|(?:\w+ )?secretary|chancellor"
    r"|premier|attorney general|(?:majority|minority) leader|head coach|coach|manager|commissioner|director"
    r"|king|queen|pope|ambassador|chief justice"
)
# Words before a post that ask for its holder now: "the new CEO", "OpenAI's interim CEO".
_NOW = r"(?:(?:new|current|acting|interim|incoming)\s+)?"
# "Who is the (new) speaker of the House (now)?", "Who's the UK prime minister?", "who is OpenAI's CEO".
HOLDER_QUESTION = re.compile(
    rf"^\s*who(?:\s+is|['’]s)\s+(?:now\s+)?(?:the\s+)?{_NOW}"
    r"(?P<role>[^?]+?)(?:\s+(?:now|currently|today|right now|at the moment))?\s*\?*\s*$",
    re.IGNORECASE,
)
# Who came after someone in a post: its holder since, but not the one named. A probe's "Who
# replaced Kevin McCarthy as speaker?" quoted McCarthy's nomination in January, never Mike Johnson.
SUCCESSOR_QUESTION = re.compile(
    r"^\s*who\s+(?:replaced|succeeded|took\s+over\s+from|followed)\s+(?P<replaced>[^?]+?)\s+as\s+(?:the\s+)?"
    rf"{_NOW}(?P<role>[^?]+?)\s*\?*\s*$",
    re.IGNORECASE,
)
# A post named alone that American news means one body's by: "the speaker" is the House's.
BARE_POSTS = {"speaker": "House"}
_POST_OF = re.compile(rf"^(?P<post>{POSTS})\s+of\s+(?:the\s+)?(?P<of>.+)$", re.IGNORECASE)
_ORG_POST = re.compile(rf"^(?P<org>.+?)(?:['’]s)?\s+{_NOW}(?P<post>{POSTS})$", re.IGNORECASE)
# A name as the archive writes one: two or three capitalised words ("Mike Johnson", "Rishi Sunak",
# "Jerome H. Powell"), not a sentence's next word ("… Minister said").
_NAME = r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'’-]+){1,2})"
# Who held the post, or is said to: "former Speaker Kevin McCarthy", "ousted OpenAI CEO Sam Altman",
# "former Democratic House Speaker Tip O'Neill".
_NOT_NOW = re.compile(
    r"\b(?:former|ex|then|late|ousted|fired|deposed|sacked|outgoing|previous|past|one-time|onetime|would-be|"
    r"retired|disgraced)[\s-]+(?:[A-Z][\w.’'-]*\s+){0,2}$",
    re.IGNORECASE,
)
# The same post of something else: "Ohio House Speaker Larry Householder" is not the House's.
# "U.S. House Speaker", "The House speaker" and a sentence's first word are the post asked.
_ANOTHER_S = re.compile(r"(?<![.!?]\s)\b(?!(?:U\.?S|US|The|A|New|British|UK)\b)[A-Z][\w’'-]*\s+$")


# A sentence telling of the post changing hands names whoever held it then, or was first named
# to it: "the board initially named Mira Murati … as interim CEO", "… ousted House Speaker Kevin
# McCarthy" (a review's).
CHANGING_HANDS = re.compile(
    r"\b(?:oust(?:ed|s|ing|er)?|resign(?:ed|s|ing|ation)?|step(?:ped|s)? down|fired|initially|replac(?:ed|es|ing)|"
    r"removed|sacked|forced out|quit|was named|reinstat(?:ed|es)|return(?:ed|s)? as)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Role:
    """A post the question asks who holds, of what ("speaker", "House"), and the ways an article
    writes the two before a name."""

    post: str  # "speaker"
    of: str  # "House"
    forms: tuple[str, ...]  # "speaker of the House", "House speaker"
    replaced: str = ""  # the holder the question asks who came after ("Kevin McCarthy"), if any

    @property
    def before_name(self) -> re.Pattern[str]:
        written = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in self.forms)
        # The post in any case ("House Speaker", "house speaker"), the name capitalised.
        return re.compile(rf"(?i:\b(?:{written}))(?:,)?\s+{_NAME}")

    @property
    def words(self) -> tuple[str, ...]:
        """What keyword searches for the post look for: its name, and its short form ("Gov.
        Hawaii"), which the passages naming the holder may write alone."""
        short = POST_ABBREVIATIONS.get(self.post)
        return (f"{self.post} {self.of}", *([f"{short.rstrip('.')} {self.of}"] if short else []))


# A post as news writes it before a name: "Hawaii Gov. Josh Green" (a chat probe's "who is the
# governor of Hawaii?" quoted a golfer's pledge).
POST_ABBREVIATIONS = {"governor": "Gov.", "senator": "Sen.", "lieutenant governor": "Lt. Gov.", "general": "Gen."}


def _before_a_name(of: str, post: str) -> tuple[str, ...]:
    """ "Hawaii governor", and "Hawaii Gov." where the post has a short form."""
    short = POST_ABBREVIATIONS.get(post.lower())
    return (f"{of} {post}", f"{of} {short}") if short else (f"{of} {post}",)


def asks_for_holder(question: str) -> bool:
    """The question asks who holds a post now ("Who is the current speaker?"), whether or not
    role_asked can tell of what; not "Who is currently leading in the polls?" (a review's)."""
    asked = HOLDER_QUESTION.match(question)
    return asked is not None and re.search(rf"\b(?:{POSTS})\b", asked["role"], re.IGNORECASE) is not None


def role_asked(question: str) -> Role | None:
    """The post the question asks who holds now; None for any other question ("Who is the man
    who …", "Who is the CEO who resigned?" asks of an event, not of a post)."""
    role = _role_of(question)
    replaced = (successor["replaced"] if (successor := SUCCESSOR_QUESTION.match(question)) else "").strip()
    return dataclasses.replace(role, replaced=replaced) if role is not None and replaced else role


def _role_of(question: str) -> Role | None:
    asked = HOLDER_QUESTION.match(question) or SUCCESSOR_QUESTION.match(question)
    if asked is None:
        return None
    role = asked["role"].strip()
    post_of, org_post = _POST_OF.match(role), _ORG_POST.match(role)
    if post_of:
        post, of = post_of["post"], post_of["of"]
        if re.search(r"\b(?:who|that|which|whose)\b", of, re.IGNORECASE):
            return None
        return Role(post.lower(), of, (f"{post} of the {of}", f"{post} of {of}", *_before_a_name(of, post)))
    if org_post:
        post, org = org_post["post"], org_post["org"]
        if re.search(r"\b(?:who|that|which|whose|was|is|has|of)\b", org, re.IGNORECASE):
            return None
        return Role(post.lower(), org, (*_before_a_name(org, post), f"{post} of the {org}", f"{post} of {org}"))
    if role.lower() in BARE_POSTS:  # a probe's "who is the speaker now" was declined as general knowledge
        of = BARE_POSTS[role.lower()]
        return Role(role.lower(), of, (f"{of} {role}", f"{role} of the {of}"))
    return None  # "Who is the president?": of what is the archive's guess, not the asker's


def holder_mentions(text: str, role: Role) -> list[tuple[str, int]]:
    """The names the text writes the post before ("House Speaker Mike Johnson"): a current
    holder's, not a "former" one's, another body's ("Ohio House Speaker"), nor one in a sentence
    telling of the post changing hands ("… ousted House Speaker Kevin McCarthy"); with where each
    starts. (Not "named Emmett Shear as interim CEO": which body's CEO, the sentence may not say,
    and a review's "Who is the CEO of Twitch?" got OpenAI's from "Twitch co-founder Emmett Shear".)"""
    found = []
    gone = {word.lower() for word in role.replaced.split() if word[:1].isupper()}
    for hit in role.before_name.finditer(text):
        if gone & {word.lower() for word in hit["name"].split()}:
            continue  # the one the question asks who came after
        before = text[max(0, hit.start() - 40) : hit.start()]
        if _NOT_NOW.search(before) or _ANOTHER_S.search(before):
            continue
        if not CHANGING_HANDS.search(_sentence_at(text, hit.start())):
            found.append((hit["name"], hit.start()))
    return found


def _sentence_at(text: str, at: int) -> str:
    """The sentence of the text that holds position `at` ("Rep. Mike Johnson" is one)."""
    return next((text[start:end] for start, end in sentence_spans(text) if start <= at < end), text)


def tells_of_change(text: str, role: Role) -> bool:
    """The text tells of the post changing hands: a sentence with the post's word and one of
    CHANGING_HANDS ("… after the historic ouster of former Speaker Kevin McCarthy")."""
    post = re.compile(rf"(?<!\w){re.escape(role.post)}(?!\w)", re.IGNORECASE)
    return any(
        post.search(text[start:end]) and CHANGING_HANDS.search(text[start:end]) for start, end in sentence_spans(text)
    )
