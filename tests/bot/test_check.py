"""The citation checker (bot/check.py): a pure function, tested table-driven."""

import pytest

from bot.check import UNSOURCED_MARK, check_answer, split_sentences

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
