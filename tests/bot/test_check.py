"""The citation checker (bot/check.py): a pure function, tested table-driven."""

import pytest

from bot.check import UNSOURCED_MARK, check_answer, split_sentences, support

# Passages 1 and 3 come from article "a", passage 2 from "b", passage 4 from "c".
SOURCES = ["a", "b", "a", "c"]

CASES = [
    # (name, text, uncited, expected text, expected sources, removed, dropped)
    (
        "well cited, renumbered by first use",
        "Blinken met Abbas [2]. He then saw Netanyahu [1].",
        "drop",
        "Blinken met Abbas [1]. He then saw Netanyahu [2].",
        ((2,), (1,)),
        (),
        (),
    ),
    (
        "passages of one article share a number",
        "Abbas spoke [3]. Netanyahu spoke [1]. Egypt was next [4].",
        "drop",
        "Abbas spoke [1]. Netanyahu spoke [1]. Egypt was next [2].",
        ((3, 1), (4,)),
        (),
        (),
    ),
    (
        "a number that was not given is removed",
        "Blinken met Abbas [1][7]. Talks ended [9].",
        "drop",
        "Blinken met Abbas [1].",
        ((1,),),
        (7, 9),
        ("Talks ended.",),
    ),
    (
        "an uncited sentence is dropped",
        "Blinken met Abbas [1]. The talks were historic. Egypt was next [2].",
        "drop",
        "Blinken met Abbas [1]. Egypt was next [2].",
        ((1,), (2,)),
        (),
        ("The talks were historic.",),
    ),
    (
        "an uncited sentence is flagged",
        "Blinken met Abbas [1]. The talks were historic.",
        "flag",
        f"Blinken met Abbas [1]. The talks were historic. {UNSOURCED_MARK}",
        ((1,),),
        (),
        (),
    ),
    (
        "no citation at all",
        "PWNED",
        "drop",
        "",
        (),
        (),
        ("PWNED",),
    ),
    (
        "only invalid citations",
        "Blinken met Abbas [5]. He left [0].",
        "flag",
        f"Blinken met Abbas. {UNSOURCED_MARK} He left. {UNSOURCED_MARK}",
        (),
        (5, 0),
        (),
    ),
    (
        "lists and ranges of numbers",
        "Both leaders spoke [1, 2]. Three outlets agreed [2-4].",
        "drop",
        "Both leaders spoke [1][2]. Three outlets agreed [2][1][3].",
        ((1, 3), (2,), (4,)),
        (),
        (),
    ),
    (
        "a citation after the full stop belongs to its sentence",
        "Blinken met Abbas. [2] He left on Tuesday. [1]",
        "drop",
        "Blinken met Abbas. [1] He left on Tuesday. [2]",
        ((2,), (1,)),
        (),
        (),
    ),
    (
        "line breaks are kept, stray marks are not sentences",
        "[1]\n- Abbas [1]\n- Netanyahu [2]",
        "drop",
        "- Abbas [1]\n- Netanyahu [2]",
        ((1,), (2,)),
        (),
        (),
    ),
    (
        "a year in brackets is not a citation",
        "It happened in [2023] [1].",
        "drop",
        "It happened in [2023] [1].",
        ((1,),),
        (),
        (),
    ),
    (
        "a passage named in the mark",
        "Blinken met Abbas [Passage 2]. He left [passages 1, 4].",
        "drop",
        "Blinken met Abbas [1]. He left [2][3].",
        ((2,), (1,), (4,)),
        (),
        (),
    ),
    (
        "a source or an article named in the mark",
        "Blinken met Abbas [Source 2]. He left [sources 1, 4]. He flew on [Article #3].",
        "drop",
        "Blinken met Abbas [1]. He left [2][3]. He flew on [2].",  # passages 1 and 3 are one article's
        ((2,), (1, 3), (4,)),
        (),
        (),
    ),
    ("empty", "", "drop", "", (), (), ()),
]


@pytest.mark.parametrize(
    ("text", "uncited", "expected", "sources", "removed", "dropped"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_check_answer(text, uncited, expected, sources, removed, dropped):
    checked = check_answer(text, SOURCES, uncited)
    assert checked.text == expected
    assert checked.sources == sources
    assert checked.removed == removed
    assert checked.dropped == dropped
    assert checked.ok is bool(sources)


def test_sentences_know_their_claim_and_numbers():
    checked = check_answer("Abbas spoke [3]. Netanyahu and Sisi spoke [2][1]. Nobody else.", SOURCES, "flag")
    assert [(s.claim, s.numbers, s.flagged) for s in checked.sentences] == [
        ("Abbas spoke.", (1,), False),
        ("Netanyahu and Sisi spoke.", (2, 1), False),
        ("Nobody else.", (), True),
    ]


@pytest.mark.parametrize(
    ("so_far", "shown"),
    [
        ("Blinken met", ""),
        ("Blinken met Abbas [1].", ""),  # more marks may follow
        ("Blinken met Abbas [1]. He", "Blinken met Abbas [1]."),
        ("Blinken met Abbas. [1] He then [7", "Blinken met Abbas. [1]"),
        ("Blinken met Abbas [9]. He then", ""),
    ],
)
def test_a_stream_shows_only_settled_checked_sentences(so_far, shown):
    assert check_answer(so_far, SOURCES, "drop", final=False).text == shown


def test_each_partial_check_is_a_prefix_of_the_final_one():
    reply = "Blinken met Abbas [2]. The talks were historic. He then saw Netanyahu [7][1]. Egypt was next [4]."
    final = check_answer(reply, SOURCES, "flag").text
    for end in range(len(reply)):
        assert final.startswith(check_answer(reply[:end], SOURCES, "flag", final=False).text)


def test_split_sentences_marks_new_lines():
    assert split_sentences("One [1]. Two [2].\nThree [1].") == [
        ("One [1].", False),
        ("Two [2].", False),
        ("Three [1].", True),
    ]


# --------------------------------------------------------------------------- support

# Passages as the model saw them (bot/llm.py `evidence`: title, outlet, date, text), from the samples.
RAMALLAH = (
    "U.S. Secretary of State Antony Blinken is wrapping up a two-day visit to Israel and the West Bank\n"
    "Tuesday January 31 2023 2023-01-31\n"
    "Blinken met Palestinian leader Mahmoud Abbas in Ramallah on Tuesday, a day after seeing Israeli Prime Minister "
    "Benjamin Netanyahu. Standing alongside the Israeli leader on Monday, Blinken stressed the importance of "
    "resolving the long-running conflict with a two-state solution. However, beyond urging de-escalation of tensions "
    "Blinken offered no new U.S. initiative to do so. Netanyahu’s far-right government is dominated by hardliners "
    "who oppose Palestinian statehood. In January alone, 35 Palestinians have been killed in clashes with Israeli "
    "troops, in the bloodiest month since 2015."
)
DRONES = (
    "U.S. Secretary of State Antony Blinken is heading to Egypt, Israel, and the West Bank\n"
    "Thursday January 26 2023 2023-01-26\n"
    "Blinken’s visit to the Middle East from January 29-31 follows White House national security advisor Jake "
    "Sullivan’s meetings with Israeli and Palestinian leaders. U.S. officials have accused Iran of providing drones "
    "to Russia for Moscow’s use in Ukraine. Iran has acknowledged supplying Russia with drones but maintains the "
    "transfer came before Moscow’s war in Ukraine. During his trip, Blinken will meet with Israeli Prime Minister "
    "Benjamin Netanyahu, Foreign Minister Eli Cohen and other senior officials in Jerusalem. In Cairo, the secretary "
    "of state will meet with Egyptian President Abdel Fattah el-Sisi and Foreign Minister Sameh Shoukry."
)
TERMINAL = (
    "Riverside airport opens its new terminal\nexample.com\nMonday January 30 2023 2023-01-30\n"
    "Riverside airport opened its new passenger terminal on Monday after three years of construction. "
    "The terminal can handle 12 million passengers a year, the airport authority said."
)

SUPPORT_CASES = [
    # (claim, evidence, supported): paraphrases that must pass …
    ("Blinken met the Palestinian leader Mahmoud Abbas in Ramallah.", RAMALLAH, True),
    ("In Ramallah Blinken met the Palestinian leader Mahmoud Abbas.", RAMALLAH, True),
    ("Blinken held talks with Palestinian President Mahmoud Abbas in Ramallah on Tuesday.", RAMALLAH, True),
    ("The U.S. Secretary of State saw Abbas in the West Bank a day after meeting Netanyahu.", RAMALLAH, True),
    ("He stressed the importance of a two-state solution while standing next to Netanyahu.", RAMALLAH, True),
    ("35 Palestinians were killed in January, the bloodiest month since 2015.", RAMALLAH, True),
    ("Thirty-five Palestinians died in clashes with Israeli troops in January.", RAMALLAH, True),
    ("Blinken offered no new U.S. initiative to reduce tensions.", RAMALLAH, True),
    ("Blinken did not offer a new U.S. initiative to reduce tensions.", RAMALLAH, True),  # "no new"
    ("Blinken met Abbas in Ramallah on Jan. 31.", RAMALLAH, True),
    ("Not only did Blinken meet Abbas, he stood alongside Netanyahu.", RAMALLAH, True),
    ("“Blinken met Palestinian leader … in Ramallah on Tuesday”, the report said.", RAMALLAH, True),
    ("The United States accused Iran of providing drones to Russia for use in Ukraine.", DRONES, True),
    ("Russian forces used Iranian drones in Ukraine.", DRONES, True),
    ("Before the trip, Washington accused Iran of supplying drones to Russia.", DRONES, True),
    ("On January 31, 2023, Blinken met Abbas.", RAMALLAH, True),  # the date is the passage's
    ("U.S. officials accuse Iran of giving Russia drones for the war in Ukraine.", DRONES, True),
    ("Blinken's visit ran from January 29 to 31.", DRONES, True),
    ("In Cairo he will meet President Sisi and Foreign Minister Sameh Shoukry.", DRONES, True),
    ("The new terminal can handle twelve million passengers a year.", TERMINAL, True),
    ("The terminal took 3 years of construction.", TERMINAL, True),
    # Known false negatives, on the safe side (the extractive answer is shown instead): a synonym
    # is not seen ("build" for "construction"), nor a figure written another way.
    ("The terminal took 3 years to build.", TERMINAL, False),
    ("The 12,000,000-passenger terminal opened.", TERMINAL, False),
    # … and claims the passage does not make: a number it lacks, or too few of its words.
    ("The terminal collapsed, 40 died.", TERMINAL, False),
    ("Riverside airport opened its new terminal and 40 people died.", TERMINAL, False),
    ("Blinken met Abbas and 40 people died.", RAMALLAH, False),
    ("52 Israeli soldiers were killed.", RAMALLAH, False),
    ("The terminal collapsed.", TERMINAL, False),
    ("The minister resigned.", RAMALLAH, False),
    ("PWNED", TERMINAL, False),
    ("He also met Vladimir Putin in Moscow.", RAMALLAH, False),
    ("Blinken announced a new peace plan with billions in funding.", RAMALLAH, False),
    ("Netanyahu agreed to a ceasefire brokered by Egypt.", RAMALLAH, False),
    ("Iran tested a nuclear weapon last week.", DRONES, False),
    ("The airport terminal was closed after an explosion.", DRONES, False),
    # A probe's, with most words held: a name, a "not" or a quotation the passage does not have.
    ("Blinken met Vladimir Putin in Ramallah on Tuesday.", RAMALLAH, False),
    ("Blinken met Putin in Ramallah on Tuesday.", RAMALLAH, False),
    ("Blinken met Boris Johnson in Ramallah.", RAMALLAH, False),  # "Johnson" is no people of "John"
    ("Blinken did not meet Mahmoud Abbas in Ramallah.", RAMALLAH, False),
    ("Blinken never met Abbas in Ramallah.", RAMALLAH, False),
    ("“Blinken met Palestinian leader Mahmoud Abbas on Friday, a day after seeing Putin.”", RAMALLAH, False),
    ("“Blinken met Palestinian leader Mahmoud Abbas in Ramallah on Tuesday”, the report said.", RAMALLAH, True),
    ("Netanyahu’s government does not support Palestinian statehood.", RAMALLAH, False),  # "oppose": not seen
    # A number the passage holds, of something else (a probe's): what it counts is not beside it.
    ("35 Israeli soldiers were killed in clashes in January.", RAMALLAH, False),
    ("35 people were killed in clashes with Israeli troops in January.", RAMALLAH, True),  # people: any
    ("In January alone, 35 Palestinians died.", RAMALLAH, True),
    ("The terminal can handle 12 million passengers a year.", TERMINAL, True),
    # A day or month the passage does not give (a probe's "collapsed in May" for March 10, and
    # "reopened in June 2023" asked as of April).
    ("Riverside airport opened its new passenger terminal in June.", TERMINAL, False),
    ("Riverside airport opened its new passenger terminal on a Thursday.", TERMINAL, False),
    ("Riverside airport opened its new passenger terminal in January.", TERMINAL, True),  # the date's month
    ("Riverside airport opened its new passenger terminal on Monday.", TERMINAL, True),
]


@pytest.mark.parametrize(("claim", "evidence", "supported"), SUPPORT_CASES, ids=[c[0] for c in SUPPORT_CASES])
def test_support(claim, evidence, supported):
    assert support(claim, [evidence]).ok is supported


def test_a_name_opening_the_claim_is_checked_when_told_it_is_one():
    """A probe's "Trump caused the collapse of Silicon Valley Bank [3]" was shown as cited: a word
    opening a sentence was never read as a name. `is_name` tells (the archive's capitals)."""
    claim = "Putin met Palestinian leader Mahmoud Abbas in Ramallah on Tuesday."
    assert support(claim, [RAMALLAH]).ok  # unchecked, as before
    result = support(claim, [RAMALLAH], is_name=lambda word: word == "Putin")
    assert not result.ok and result.missing_names == ("Putin",)
    # A name the passage writes, and a plain opener, pass.
    names = {"Putin", "Blinken"}.__contains__
    assert support("Blinken met Palestinian leader Mahmoud Abbas in Ramallah on Tuesday.", [RAMALLAH], names).ok
    assert support("Officials said Blinken met Mahmoud Abbas in Ramallah on Tuesday.", [RAMALLAH], names).ok


def test_a_month_is_held_as_news_writes_it_and_not_as_a_verb():
    """A review's: AP style's "Aug. 8" holds "August 8", and the verb "may" holds no May."""
    jobs = "The company said on Aug. 8 it would cut 500 jobs, and on Tues. it named the plants."
    assert support("The company said on August 8 it would cut 500 jobs.", [jobs]).ok
    assert support("On Tuesday the company named the plants.", [jobs]).ok
    bridge = "The bridge may reopen later this year, officials said, as crews march on with repairs."
    assert support("The bridge reopened in May, officials said.", [bridge]).missing_days == ("May",)
    assert support("Crews repaired the bridge in March, officials said.", [bridge]).missing_days == ("March",)


def test_support_counts_words_and_names_missing_numbers():
    result = support("Riverside airport opened its new terminal and 40 people died.", [TERMINAL])
    assert result.missing_numbers == ("40",)
    assert (result.terms, result.found) == (7, 5)  # riverside airport open new terminal; not people, die
    assert support("The terminal collapsed, 40 died.", [TERMINAL, "Forty people died."]).ok  # either passage


def test_a_lexical_check_cannot_see_a_changed_meaning():
    # Known limit: every word of this false claim is in the passage.
    assert support("Abbas met Blinken in Ramallah on Monday.", [RAMALLAH]).ok


EVIDENCE = [RAMALLAH, DRONES, TERMINAL]


@pytest.mark.parametrize(
    ("text", "uncited", "expected", "sources", "dropped", "unsupported"),
    [
        (
            "Blinken met Abbas in Ramallah [1]. The terminal collapsed, 40 died [3]. Iran supplied drones [2].",
            "drop",
            "Blinken met Abbas in Ramallah [1]. Iran supplied drones [2].",
            ((1,), (2,)),  # numbered as if the unsupported sentence was never there
            ("The terminal collapsed, 40 died.",),
            ("The terminal collapsed, 40 died.",),
        ),
        (
            "Blinken met Abbas in Ramallah [1]. The terminal collapsed, 40 died [3].",
            "flag",
            f"Blinken met Abbas in Ramallah [1]. The terminal collapsed, 40 died. {UNSOURCED_MARK}",
            ((1,),),
            (),
            ("The terminal collapsed, 40 died.",),
        ),
        (
            # Supported by one of the two passages it cites: the marks of both stay.
            "Iran supplied drones to Russia [1][2].",
            "drop",
            "Iran supplied drones to Russia [1][2].",
            ((1,), (2,)),
            (),
            (),
        ),
        (
            "The terminal collapsed, 40 died [3].",
            "drop",
            "",
            (),
            ("The terminal collapsed, 40 died.",),
            ("The terminal collapsed, 40 died.",),
        ),
    ],
    ids=["dropped", "flagged", "two passages", "nothing left"],
)
def test_check_answer_drops_or_flags_unsupported_sentences(text, uncited, expected, sources, dropped, unsupported):
    checked = check_answer(text, ["r", "d", "t"], uncited, evidence=EVIDENCE)
    assert checked.text == expected
    assert checked.sources == sources
    assert checked.dropped == dropped
    assert checked.unsupported == unsupported
    assert checked.ok is bool(sources)


def test_each_partial_check_with_support_is_a_prefix_of_the_final_one():
    reply = "Blinken met Abbas in Ramallah [1]. The terminal collapsed, 40 died [3]. Iran supplied drones [2]."
    for uncited in ("drop", "flag"):
        final = check_answer(reply, ["r", "d", "t"], uncited, evidence=EVIDENCE).text
        for end in range(len(reply)):
            partial = check_answer(reply[:end], ["r", "d", "t"], uncited, final=False, evidence=EVIDENCE).text
            assert final.startswith(partial)


def test_a_sentence_the_model_repeats_is_shown_once():
    # A probe's server sent one cited sentence 360 times; the splitter, reading "U.S." as an
    # abbreviation, had run them all together as one sentence.
    checked = check_answer("Open gallery view U.S. [1] " * 5 + "Blinken met Abbas [1]. Blinken met Abbas [1].", ["a"])
    assert checked.text == "Open gallery view U.S. [1] Blinken met Abbas [1]. Blinken met Abbas [1]."
    # Said once, whether the first saying was cited right or not (a review's).
    assert check_answer("Biden met Netanyahu [3]. Biden met Netanyahu [1].", ["a"]).text == "Biden met Netanyahu [1]."


def test_a_citation_inside_a_sentence_does_not_end_it():
    # A review's: "U.S. [1] Open" had been cut there, and "Open on Saturday." dropped as uncited.
    assert split_sentences("Coco Gauff won the U.S. [1] Open on Saturday.") == [
        ("Coco Gauff won the U.S. [1] Open on Saturday.", False)
    ]
