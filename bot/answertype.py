"""What kind of answer a question asks for, and whether a sentence holds one.

"How many…" wants a number, "Which country…" a place name, "Who…" a person: a sentence
that restates the question without that is no answer, however similar it is. The cues are
a table, matched on the question's words; questions that match none get no preference.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Callable

from bot.places import STATES_AND_COUNTRIES
from newsdesk.numbers import NUMBER_WORD_VALUES
from newsdesk.text import WORD, stopwords


class AnswerType(enum.Enum):
    NUMBER = "number"
    YEAR = "year"
    NAME = "name"  # a person, place, team, company, title: a capitalised name


# A measure asked for by name ("What was the magnitude of the quake?"): a figure (see also
# extractive.MEASURE_ASKED, which reads the figure from the sentences).
MEASURE_WORDS = (
    "magnitude", "population", "height", "length", "distance", "speed", "salary", "valuation", "jackpot",
    "attendance", "tally", "fine", "deficit",
)  # fmt: skip
# Checked in order; the first that matches the question wins.
_CUES: tuple[tuple[AnswerType, re.Pattern[str]], ...] = (
    (
        AnswerType.YEAR,
        # A quiz's "the first … since:" asks for the year too.
        re.compile(
            r"\b(what|which|in what|since what) year\b|\bsince when\b|\bwhat decade\b|\bsince\s*(?::|…|\.\.\.)\s*$",
            re.I,
        ),
    ),
    (
        AnswerType.NUMBER,
        re.compile(
            r"\bhow (many|much|old|long|far|tall|big|high|fast|often|strong|deep|wide|heavy|large|hot|cold)\b"
            r"|\bwhat (age|percentage|percent|share|"
            r"proportion|number|amount|price|score|temperature|sum|total)\b|\bby how\b"
            # "Which number state …" (an ordinal); not "Which number one seed …", "Which Number 10 aide …".
            r"|\bwhich number\b(?![\s-]+(?:one|two|\d))"
            r"|\bwhat (?:is|was) the (?:latest )?(?:cost|(?:death )?toll)\b"
            # "What was the final score …?" opening the question: not "Who won, and what was the
            # score?", which asks for the winner first (a review's).
            r"|^\W*what (?:is|was) the (?:final |halftime |half-time )?score\b"
            # "What was the vote?" (54-43, a quiz writer's); not "the vote about …", what it was on.
            r"|\bwhat (?:is|was) the (?:final )?(?:vote|tally)\b(?!\s+(?:about|for|over)\b)"
            # "What was the magnitude of the quake?": a measure asked for by name.
            rf"|\bwhat (?:is|was|were|are) the (?:\w+ )?(?:{'|'.join(MEASURE_WORDS)})\b",
            re.I,
        ),
    ),
    (
        AnswerType.NAME,
        re.compile(
            # "Who…", "Where…", "In which country…": the question word leads (a "who" inside a
            # clause, "the workers who struck", asks for no name).
            r"^(?:\W*\w+\W+)?(?:who|whom|whose|where)\b|\b(?:who|where)\W*$"
            # "which country…", "what company…" — but not "what did the company say".
            r"|\b(?:which|what)(?!\s+(?:is|was|are|were|do|does|did|has|have|had|will|would|can|could|should)\b)"
            r"(?: \w+)?(?: \w+)? (?:country|countries|state|city|cities|"
            r"capital|nation|region|island|province|county|town|continent|team|company|companies|firm|brand|"
            r"chain|retailer|airline|bank|club|band|singer|rapper|actor|actress|star|player|leader|president|"
            r"minister|politician|billionaire|ceo|executive|artist|author|writer|director|musician|athlete|"
            r"person|man|woman|film|movie|show|series|album|song|book|novel|newspaper|network|party|"
            r"group|organization|organisation|agency|university|school|court|judge|senator|governor|"
            r"mayor|king|queen|prince|princess|pope|celebrity|comedian|host|coach|manager|quarterback|"
            # More people and bodies the news names: "Which union reached a deal?", "Which
            # Republican congressman led the effort?", "Which NASA astronaut set a record?"
            r"union|congressman|congresswoman|lawmaker|representative|astronaut|candidate|nominee|justice|"
            r"golfer|driver|jockey|swimmer|boxer|skater|gymnast|ambassador|envoy|secretary|chancellor|"
            r"founder|automaker|carmaker|manufacturer|league|studio|platform|app|website|magazine|channel|"
            r"festival|tournament|museum|stadium|airport|ship|volcano|storm|hurricane|species|drug|pill|"
            r"vaccine|rover|spacecraft|mission|satellite|"
            # "Which streaming giant…", "Which holiday…": named, and so capitalised, in the news.
            r"giant|streamer|holiday|award|prize|river|lake|sea|ocean|mountain)\b"
            # "What is it called?", "What is the name of …?"
            r"|\bwhat (?:is|was|are|were) (?:it|they|this|that|(?:the|its|their) \w+) (?:called|named)\b"
            r"|\bwhat (?:is|was) the name\b",
            re.I,
        ),
    ),
)

# fmt: off
NUMBER_WORDS = frozenset(word for word, value in NUMBER_WORD_VALUES.items() if value) | {
    "million", "billion", "trillion", "dozens", "hundreds", "thousands", "millions", "billions", "half", "quarter",
}
# Capitalised, but not names: a sentence saying when is no answer to "which country".
DAYS_AND_MONTHS = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    }
)
NOT_NAMES = DAYS_AND_MONTHS | {"i", "mr", "mrs", "ms", "dr"}
# Words that open news sentences without being names.
COMMON_OPENERS = frozenset(
    {
        "police", "officials", "authorities", "researchers", "scientists", "experts", "critics", "lawmakers",
        "prosecutors", "lawyers", "residents", "people", "analysts", "sources", "reports", "witnesses", "fans",
        "players",
        "after", "before", "during", "since", "despite", "although", "earlier", "later", "last", "next",
        "now", "today", "yesterday", "meanwhile", "however", "still", "many", "most", "some", "several",
        "according", "while", "when", "even", "instead", "new", "former", "president", "prime",
    }
)
# fmt: on
YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)s?\b")


# A search typed as keywords, with no question word, ending in what is measured: "vision pro
# price", "lahaina fire death toll", "powerball jackpot" ask for a figure as "how much" does.
QUESTION_WORD = re.compile(r"\b(?:who|whom|whose|what|which|when|where|why|how|did|does|do|is|are|was|were)\b", re.I)
MEASURED = re.compile(
    r"\b(?:price|prices|cost|costs|toll|score|salary|population|jackpot|attendance|magnitude|tally|"
    r"rate|fine|deficit|valuation|worth)\W*$",
    re.I,
)


# "What's", "who's": the cues are written for "what is" (a probe's "What's the death toll from the
# Morocco earthquake?" was no toll question, and was answered with Turkey's).
QUESTION_IS = re.compile(r"\b(what|who|where|when|how)['’]s\b", re.IGNORECASE)


def expected_answer(question: str) -> AnswerType | None:
    """The kind of answer the question asks for, or None when no cue says."""
    question = QUESTION_IS.sub(r"\1 is", question)
    for kind, cue in _CUES:
        if cue.search(question):
            return kind
    if MEASURED.search(question) and typed_as_keywords(question):
        return AnswerType.NUMBER
    return None


def typed_as_keywords(question: str) -> bool:
    """A search typed as keywords, with no question word ("masters winner", "vision pro price")."""
    return QUESTION_WORD.search(question) is None


def holds_answer(sentence: str, kind: AnswerType | None, question: str) -> bool:
    """True when the sentence contains something of the asked kind that the question lacks."""
    if kind is None:
        return False
    asked = _bare_words(question)
    if kind is AnswerType.YEAR or kind is AnswerType.NUMBER:
        tokens = [t for t in WORD.findall(sentence) if _bare(t) not in asked]
        if kind is AnswerType.YEAR:
            return any(YEAR.search(t) for t in tokens)  # "2012-13", "mid-2019"
        return any(any(ch.isdigit() for ch in t) or t.lower() in NUMBER_WORDS for t in tokens)
    # A name: a capitalised word. The first word of a sentence is capitalised anyway, so it
    # counts only when it is no common word ("Romania has…" yes, "The…", "Police said…" no).
    return any(
        t[0].isupper() and _bare(t) not in NOT_NAMES and (i > 0 or _bare(t) not in _common_words())
        for i, t in enumerate(WORD.findall(sentence))
        if _bare(t) not in asked
    )


# "When is the coronation?" asks for a day, a month or a year; the kinds above leave it out, since
# the sentence model was fitted without it.
WHEN_ASKED = re.compile(r"^\W*when\b", re.I)
RELATIVE_DAYS = frozenset({"today", "tomorrow", "yesterday", "tonight"})


def tells_when(sentence: str, question: str) -> bool:
    """The sentence names a day, a month or a year that the question does not."""
    asked = _bare_words(question)
    for token in WORD.findall(sentence):
        bare = _bare(token)
        if bare in asked:
            continue
        # A month or weekday as a name, capitalised: the verbs "may" and "march" are none (a review's).
        if (bare in DAYS_AND_MONTHS and token[0].isupper()) or bare in RELATIVE_DAYS or YEAR.fullmatch(bare):
            return True
    return False


def holds_figure(sentence: str, question: str) -> bool:
    """A figure the question lacks, for an answer that leads without one: no year ("Since 2020,
    TikTok has been negotiating" is no count of states) and no "one", which is as often no figure."""
    asked = _bare_words(question)
    tokens = WORD.findall(sentence)
    for i, t in enumerate(tokens):
        if _bare(t) in asked:
            continue
        # A day of the month ("On March 6, …") is no figure either (a review's).
        if i and tokens[i - 1].lower().rstrip(".") in DAYS_AND_MONTHS | MONTH_SHORT and t.isdigit():
            continue
        if (any(ch.isdigit() for ch in t) and YEAR.fullmatch(t) is None) or (
            t.lower() in NUMBER_WORDS and t.lower() != "one"
        ):
            return True
    return False


MONTH_SHORT = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})


# "How old…", "At what age…": an age, not any figure ("born on July 20, 1933" is none).
AGE_ASKED = re.compile(r"\bhow old\b|\bwhat age\b", re.I)
AGE = re.compile(
    r"\b\d{1,3}(?:-year-old|\s+years?\s+old)\b"
    # "Cormac McCarthy, 89, died", as news writes an age (a review's): a name, then the age.
    r"|\b(?P<named>[A-Z][A-Za-z'’-]+),\s\d{1,3},\s"
    # Not a score's ("The score was 3 to 1", "was 3-1").
    r"|\b(?i:aged?|age of|was|is|were|turned|turns|dies at|died at)\s+\d{1,3}\b(?![,.:]?\d|\s*(?:to|-|–)\s*\d)",
)


def tells_age(sentence: str, question: str = "") -> bool:
    """The sentence tells an age; with the question, not the age of someone else it names: a
    quiz's "Matthew Perry … died on Saturday at what age?" was answered "Morgan Fairchild, 73, who
    played Chandler Bing's TV mom …"."""
    # Only when the question names someone ("Matthew Perry"): "How old was the billionaire aboard
    # the Titan?" is answered by "Hamish Harding, 58," (a review's).
    asked = _bare_words(question) if names_whose_age(question) else None
    for match in AGE.finditer(sentence):
        if asked is None or match["named"] is None or _bare(match["named"]) in asked:
            return True
    return False


# Two capitalised words in a row, not a question's opening: a person's name, most often.
PERSON_NAMED = re.compile(
    r"\b(?!(?:How|What|Who|Which|When|Where|Why|At|In|On|Did|Does|Is|Was|Were)\b)[A-Z][a-z]+\s+[A-Z][a-z]+\b"
)


# "How old was Perry when he died?": one capitalised word for whose age (a review's "Perry"
# question took another's age, since only two capitalised words named someone). Not one in lower
# case: "how old was billionaire aboard the titan" names no one, nor "Biden's" in "How old is
# Biden's rival?" (a second review's).
AGE_OF_ONE = re.compile(
    r"\b(?i:how old|what age)\s+(?i:is|was|were|did)\s+(?P<who>[A-Z][\w-]*(?:['’][A-Z][\w-]*)?)(?![\w'’])"
)


def names_whose_age(question: str) -> bool:
    if PERSON_NAMED.search(question):
        return True
    one = AGE_OF_ONE.search(question)
    return one is not None and not common_word(one["who"])


@functools.lru_cache(maxsize=256)
def _bare_words(question: str) -> frozenset[str]:
    # Cached: an answer asks of some thirty sentences against one question.
    return frozenset(_bare(token) for token in WORD.findall(question))


def _bare(token: str) -> str:
    """Lower-cased, without a possessive: "Tate’s" is the question's "Tate"."""
    return token.lower().replace("’", "'").removesuffix("'s")


@functools.cache
def _common_words() -> frozenset[str]:
    return stopwords() | COMMON_OPENERS


def common_word(token: str) -> bool:
    """A stop word or a common sentence opener ("Last", "That's", "Police"), possessive or not."""
    return _bare(token) in _common_words()


# The one a question asks for by what it is ("Which special counsel announced …?", "Who is the
# president of the United Auto Workers?", "Who hosted the VMAs?", "What is the name of the wind
# project?"): a sentence that names it writes a name beside those words ("special counsel Jack
# Smith said", "UAW President Shawn Fain", "Nicki Minaj hosted", "known as Ocean Wind 1"). Quiz
# probes' answers quoted the story's sentences that name no one ("A federal grand jury indicted
# former President Donald Trump …") while the passage held the one that did.
WHICH_ONE = re.compile(r"^\W*(?:which|what)\s+(?P<words>(?:[\w'’-]+\s+){0,2}[\w'’-]+)", re.I)
# Only people: "which city", "which airline" are written before a capital that is no name of theirs
# ("the biggest city Republicans controlled", "…, the airline said"), and lost the dev questions'
# answers more than they found.
PERSON = re.compile(
    r"\b(?:counsel|prosecutor|attorney|lawyer|judge|justice|whistleblower|president|ceo|founder|chair(?:man|woman)?"
    r"|executive|leader|minister|senator|congress(?:man|woman)|lawmaker|representative|governor|mayor|secretary"
    r"|ambassador|envoy|spokes(?:man|woman|person)|official|commissioner|director|coach|manager|player"
    r"|quarterback|pitcher|golfer|driver|athlete|swimmer|boxer|skater|gymnast|star|actor|actress|singer|rapper"
    r"|musician|artist|author|writer|comedian|host|billionaire|entrepreneur|astronaut|scientist|candidate"
    r"|nominee|pope|king|queen|prince|princess|celebrity|journalist|reporter|anchor|chef|designer|officer"
    r"|general|commander|activist|challenger|speaker|chancellor|premier|economist|investor|owner|heir"
    r"|producer|filmmaker|rookie|trooper|deputy|sheriff|soldier|gunman|climber|cyclist|jockey|goalkeeper"
    r"|striker)s?\b",
    re.I,
)
# An age asks for someone when nothing follows it but a verb: "Which 14-year-old was named …?",
# "Which 14-year-old won …?" (a quiz's, a review's), not "Which 100-year-old bridge …?".
AGED = re.compile(
    r"\b\d+-year-old(?:\s+(?:was|is|has|had|won|wins|beat|became|broke|set|made|\w{3,}ed)\b.*)?$", re.I
)  # "won gold", "beat Tetris"; not "shed"
# Role words that are verbs too, said of a thing: "Which city hosts the Olympics?", "Which film
# stars Margot Robbie?" ask for the thing; "Which network anchors were fired?" for people.
ROLE_VERBS = frozenset({"hosts", "stars", "anchors"})
# Not a noun after "what": "What did …", "What is …".
_NOT_A_NOUN = frozenset(
    {"is", "was", "are", "were", "do", "does", "did", "has", "have", "had", "will", "would", "can", "could",
     "should", "happened", "the", "a", "an", "of", "in", "to", "kind", "type", "sort"}
)  # fmt: skip
# A thing the role word is said of ("Which host city", "Which Premier League team"), or that a
# role word said of it asks for ("Which city hosts …").
THING = re.compile(
    r"\b(?:city|cities|town|country|countries|state|team|league|company|firm|brand|show|series|film|movie|song"
    r"|album|book|award|prize|event|tournament|festival|network|channel|agency|party|group|club|school"
    r"|university|bank|airline|site|venue|stadium)s?\b",
    re.I,
)
THING_OWNS = re.compile(THING.pattern + r"['’]s?(?!\w)", re.I)  # "country’s", "teams'"
WHO_IS_THE = re.compile(
    r"^\W*who\s+(?:is|was|are|were)\s+(?:the\s+)?(?:new\s+|current\s+|interim\s+|acting\s+)?"
    r"(?P<words>(?:[\w'’-]+\s+){0,1}[\w'’-]+)\s+(?:of|at|for|in)\b",
    re.I,
)
# "Who is the UAW's president?", "Who is Ukraine's defense minister?": the role after a possessive.
WHOSE_ROLE = re.compile(
    r"^\W*who\s+(?:is|was|are|were)\s+(?:the\s+)?[\w.&-]+(?:\s+[\w.&-]+)?['’]s?\s+(?:new\s+|current\s+|interim\s+|acting\s+)?"
    r"(?P<words>(?:[\w'’-]+\s+){0,1}[\w'’-]+)\W*$",
    re.I,
)
WHO_DID = re.compile(r"^\W*who\s+(?P<verb>[a-z]+ed)\b", re.I)
WHAT_NAME = re.compile(r"\bwhat (?:is|was|are|were) (?:the|its|their) (?:\w+ )?name\b|\bcalled\?\s*$", re.I)
# A name as news writes one: up to three capitalised words ("Jack Smith", "Shawn Fain", "Ocean Wind 1").
_NAME = r"(?P<name>[A-Z][\w'’.&-]*(?:\s+(?:[A-Z][\w'’.&-]*|\d+))*)"
CALLED = re.compile(rf"\b(?:called|known as|named|dubbed)\s+(?:the\s+)?[“\"']?{_NAME}")


def _said_as_verb(role: str, question: str) -> bool:
    """The role word is the question's verb (ROLE_VERBS), an object after it: "hosts the …"."""
    after = r"(?:the|a|an|this|next|last|its|their)\b|[A-Z\d]"  # "hosts the …", "a summit", "next year's"
    return role.lower() in ROLE_VERBS and re.search(rf"\b{re.escape(role)}\s+(?:{after})", question) is not None


def naming_the_asked(question: str) -> Callable[[str], bool] | None:
    """Whether a sentence names the one the question asks for by what it is (see WHICH_ONE), or
    None when the question asks for no one that way."""
    patterns: list[re.Pattern[str]] = []
    words = None
    if (which := WHICH_ONE.search(question)) is not None:
        words = which.group("words").split()
        words = words[: next((i for i, w in enumerate(words) if w.lower() in _NOT_A_NOUN), len(words))]
    elif (who_is := WHO_IS_THE.search(question) or WHOSE_ROLE.search(question)) is not None:
        words = who_is.group("words").split()
    joined = " ".join(words) if words else ""
    # Not a role's possessive or compound: "Which sheriff's office …", "Which driver-assist …"; but
    # "Which governor-elect …" (a review's).
    person = [m for m in PERSON.finditer(joined) if not re.match(r"[’']|-(?!elect\b)", joined[m.end() :])] or list(
        AGED.finditer(joined)
    )
    if (
        not words
        or not person
        or (THING.fullmatch(words[0]) and _said_as_verb(person[0].group(), question))
        or THING.search(joined[person[-1].end() :])
        or THING_OWNS.search(joined)
    ):
        # "Which host city …", "Who was the first woman in space?": no role before a name;
        # "Which country’s prime minister …" asks for the country, and "Which film stars …" for
        # the film, the role word its verb. A thing said before a role is the role's: "Which
        # Delaware state trooper was indicted …?" (a quiz's) asks for him, as "Which university
        # president …" does.
        words = None
    if words:
        # Any run of those words ("special counsel", "counsel"): the question adds words the
        # article does not ("Which Canadian whistleblower").
        runs = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
        written = "|".join(sorted((re.escape(run).replace(r"\ ", r"\s+") for run in runs), key=len, reverse=True))
        patterns.append(re.compile(rf"(?i:\b(?:{written}))\s+{_NAME}"))
        # "the defense minister, Yoav Gallant, said"; not "A ten-term congressman, McHenry stepped
        # in", which names another than the congressman "Which New York congressman was expelled?"
        # asks for (a name after a comma is as often the next clause's subject).
        patterns.append(re.compile(rf"(?i:\bthe\s+(?:{written})),\s+{_NAME},"))
        patterns.append(re.compile(rf"{_NAME},\s+(?i:(?:the|a|an)\s+)?(?:[\w'’-]+\s+){{0,3}}(?i:(?:{written}))\b"))
    if (who_did := WHO_DID.search(question)) is not None:
        verb = re.escape(who_did.group("verb").lower())
        patterns.append(re.compile(rf"{_NAME}\s+(?i:{verb})\b"))
        patterns.append(re.compile(rf"\b(?i:{verb})\s+by\s+{_NAME}"))
    if WHAT_NAME.search(question):
        patterns.append(CALLED)
    if not patterns:
        return None
    asked = _bare_words(question)

    def names_it(sentence: str) -> bool:
        for pattern in patterns:
            for match in pattern.finditer(sentence):
                name = [_bare(word) for word in match.group("name").split()]
                # No word of a person's the question's: "Prime Minister Benjamin Netanyahu" is not
                # the defense minister "Which defense minister did Netanyahu fire?" asks for. A
                # thing's name may share one ("the wind project, known as Ocean Wind 1").
                given = name[:1] if pattern is CALLED else name
                if name[0] not in NOT_NAMES | _common_words() and not asked.intersection(given):
                    return True
        return False

    return names_it


# "Who …?" asks for someone, and news names a person in full where it first tells of them ("Max
# Park, who was diagnosed …", "Professor Susan Jebb told The Times"); later sentences give the
# surname alone. A quiz probe's "Who broke the world record for solving a Rubik's Cube this week?"
# quoted "A 21-year-old from California has broken the world record …" and "Park was taught …".
# Not "Who is Shawn Fain?": the question names the one it asks about.
WHO_ASKED = re.compile(r"^\W*who\b(?!\s+(?:is|was|are|were)\s+(?-i:[A-Z]))", re.I)
FULL_NAME = re.compile(
    r"\b(?P<first>[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?)\s+(?:[A-Z]\.\s+)?(?P<last>[A-Z][\w'’-]*[a-z])\b"
)
# A capitalised pair that is a body or a place, not a person: "White House", "Supreme Court".
_NOT_A_PERSON = frozenset(
    {"house", "court", "department", "university", "party", "office", "street", "county", "city", "state",
     "states", "times", "post", "news", "club", "league", "cup", "bank", "company", "association", "council",
     "committee", "ocean", "sea", "river", "island", "islands", "center", "centre", "school", "college",
     "hospital", "airport", "day", "week", "awards", "games", "republic", "kingdom", "union"}
)  # fmt: skip
# A title before the name ("Israeli Prime Minister Benjamin Netanyahu"): neither "Israeli Prime" nor
# "Minister Benjamin" is anyone, and the first had stood for the name a quiz writer's "Which defense
# minister …?" asked for.
_TITLE_WORDS = frozenset(
    {"prime", "minister", "president", "secretary", "chancellor", "senator", "governor", "mayor", "chief",
     "justice", "judge", "sheriff", "coach", "director", "spokesman", "spokeswoman", "spokesperson"}
)  # fmt: skip


# The first words of places' two-word names ("Los Angeles", "Silicon Valley", "Hong Kong").
_PLACE_FIRST = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "new", "los", "las", "san",
     "santa", "saint", "st", "silicon", "wall", "hong", "sri", "costa", "el", "puerto", "saudi", "united",
     "central", "latin", "middle", "gaza", "tel", "sierra", "cape", "palm", "long", "rhode"}
)  # fmt: skip


def names_someone(sentence: str, question: str) -> bool:
    """The sentence writes a full name ("Max Park") that the question does not (see WHO_ASKED)."""
    asked = _bare_words(question)
    for match in FULL_NAME.finditer(sentence):
        first, last = _bare(match.group("first")), _bare(match.group("last"))
        if first in asked or last in asked or first in NOT_NAMES | _common_words() or last in _NOT_A_PERSON:
            continue
        if first in _TITLE_WORDS or last in _TITLE_WORDS:
            continue
        if first in _PLACE_FIRST or f"{match.group('first')} {match.group('last')}" in STATES_AND_COUNTRIES:
            continue  # "Los Angeles officials", "North Korea fired": a place, not a person
        return True
    return False
