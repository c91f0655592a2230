"""Sentence splitting, words and content terms (newsdesk/text.py), from NLTK's offline data."""

import random

import pytest

from newsdesk.text import (
    FIGURE,
    LEAD_MAX_WORDS,
    _crossing,
    collapse_whitespace,
    content_terms,
    ends_with_abbreviation,
    lead_in,
    normalise,
    other_spellings,
    sentence_spans,
    stopwords,
    tail_out,
    typed_text,
    with_name_parts,
    without_accents,
    words,
)


def test_sentence_spans_are_offsets_into_the_text() -> None:
    text = (
        "U.S. Secretary of State Antony Blinken met Abbas on Tuesday. He left for Cairo.\n"
        "A heading without a stop\n\nMr. Sisi spoke."
    )
    spans = sentence_spans(text)
    # Abbreviations ("U.S.", "Mr.") end no sentence; a line break always ends one.
    assert spans == [(0, 60), (61, 79), (80, 104), (106, 121)]
    assert [text[start:end] for start, end in spans] == [
        "U.S. Secretary of State Antony Blinken met Abbas on Tuesday.",
        "He left for Cairo.",
        "A heading without a stop",
        "Mr. Sisi spoke.",
    ]
    assert sentence_spans(" \n\n ") == []


def test_words_are_lower_case_and_keep_their_inner_marks() -> None:
    assert words("Blinken’s U.S. visit: 1,200 troops, 4.5% and e-mail.") == [
        "blinken's",
        "u.s",
        "visit",
        "1",
        "200",
        "troops",
        "4.5",
        "and",
        "e-mail",
    ]


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("meets", "meet"),
        ("meeting", "meet"),
        ("talked", "talk"),
        ("countries", "countri"),  # a stem, not a word: "country" gives the same
        ("country", "countri"),
        ("Blinken's", "blinken"),
        ("Blinken’s", "blinken"),
        ("states", "state"),
        ("is", "is"),
        ("news", "news"),
        ("U.S", "u.s"),  # not letters only: left whole, or Porter would cut it to "u."
        ("F-16s", "f-16s"),
    ],
)
def test_normalise_is_porters_stem_of_words_of_letters(word: str, stem: str) -> None:
    assert normalise(word) == stem


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # Titles NLTK's English model lacks (NEWS_ABBREVIATIONS) end no sentence either.
        (
            "Trump may face Florida Gov. Ron DeSantis. Capt. Sully Sullenberger spoke.",
            ["Trump may face Florida Gov. Ron DeSantis.", "Capt. Sully Sullenberger spoke."],
        ),
        ("Voting ends Mar. 3. Results follow.", ["Voting ends Mar. 3.", "Results follow."]),
        # A probe's timeline quoted "… Air Force Brig." without the general's name.
        (
            "Air Force Brig. Gen. Pat Ryder said so. It flew on.",
            ["Air Force Brig. Gen. Pat Ryder said so.", "It flew on."],
        ),
        # Not a department's or a street's, which end sentences as often (a review's).
        (
            "The case went to the Police Dept. Officials declined to comment.",
            ["The case went to the Police Dept.", "Officials declined to comment."],
        ),
        (
            "No. 1 Georgia won. A.J. Brown and A. J. Green scored.",
            ["No. 1 Georgia won.", "A.J. Brown and A. J. Green scored."],
        ),
        # A quote or an aside that the sentence carries on after, in lower case.
        (
            "“What is happening?” she said. The French bulldog is the most popular (pup-ular?) dog breed.",
            ["“What is happening?” she said.", "The French bulldog is the most popular (pup-ular?) dog breed."],
        ),
        ('"We won!" Fans cheered. "Why?" he asked.', ['"We won!"', "Fans cheered.", '"Why?" he asked.']),
        # Or in its speaker's name (a chat's "what did he tweet" was told "Santos tweeted on Jan. 11.").
        (
            '"I will NOT resign!" Santos tweeted on Jan. 11. "We made the playoffs?" Giannis Antetokounmpo asked.',
            ['"I will NOT resign!" Santos tweeted on Jan. 11.', '"We made the playoffs?" Giannis Antetokounmpo asked.'],
        ),
        # Not another speaker's words after a quote (a review's).
        (
            "“We have done it before.” Newsom said the state would send aid.",
            ["“We have done it before.”", "Newsom said the state would send aid."],
        ),
        (
            '"Are we ready?" Biden said the state would send aid.',
            ['"Are we ready?"', "Biden said the state would send aid."],
        ),
        # Who was told or asked follows the verb (a second review's).
        (
            '"Why now?" Hill told the AP. "Why not?" Crisp asked the jury.',
            ['"Why now?" Hill told the AP.', '"Why not?" Crisp asked the jury.'],
        ),
        # A time of day and its zone (a chat tester's drawing "at 10:59 p.m." lost its day).
        (
            "The next drawing will be held at 10:59 p.m. ET on Wednesday, Oct. 11. It ended at 9 a.m. The crowd left.",
            [
                "The next drawing will be held at 10:59 p.m. ET on Wednesday, Oct. 11.",
                "It ended at 9 a.m.",
                "The crowd left.",
            ],
        ),
        # The price of abbreviations, NLTK's own "Inc." included: one at a sentence's end hides it.
        ("The maker is Apple Inc. Its shares rose.", ["The maker is Apple Inc. Its shares rose."]),
    ],
)
def test_sentence_ends_punkt_misplaces_in_news(text: str, sentences: list[str]) -> None:
    assert [text[start:end] for start, end in sentence_spans(text)] == sentences


def test_content_terms_leave_out_stopwords_and_single_letters() -> None:
    assert content_terms("Who did Blinken meet in Ramallah?") == {"blinken", "meet", "ramallah"}
    # "said", "also" and "would" are added to NLTK's English list: news is full of them.
    assert content_terms("He said a U.S. official would also meet them.") == {"u.s", "offici", "meet"}
    assert {"the", "said", "according"} <= stopwords() and "blinken" not in stopwords()
    # NLTK lists "won" (from "won't"); in news it is a verb that matters.
    assert content_terms("Who won the Zorgon Cup?") == {"won", "zorgon", "cup"}


def test_figures_are_numbers_as_written() -> None:
    assert FIGURE.findall("31 states, 1,200 troops, 4.5% of A4 paper and v2, in 2023.") == [
        "31",
        "1,200",
        "4.5",
        "2023",
    ]
    # A headline's short sums are figures too (a probe's "'Barbie' soars … with $155M box office open").
    assert FIGURE.findall("$155M open, $787.5M deal, 10K fans, £2bn, £2.5m and 3Mbps") == [
        "155M",
        "787.5M",
        "10K",
        "2bn",
        "2.5m",
    ]


def test_collapse_whitespace() -> None:
    assert collapse_whitespace("  a\n\tb   c \n") == "a b c"


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("Who won the\x1b[31m Super Bowl?\x1b[0m", "Who won the Super Bowl?"),
        ("Who won\x1b]0;title\x07 it?", "Who won it?"),
        ("Who is\x1b] Biden?", "Who is Biden?"),  # an unended code: only its start goes
        ("Who\x00 won\r\n it?\x7f", "Who won it?"),
        ("  Café  au\tlait?  ", "Café au lait?"),
        # Invisible characters, inside a word too (a probe's "Su\u200dper" was declined for "Su", "per").
        ("\u202eWho\u00adwon the Su\u200dper Bowl?\u202c\ufeff", "Whowon the Super Bowl?"),
        ("Who won the\u200b Super\u2060Bowl?", "Who won the SuperBowl?"),
        ("Who won the Super\u200bBowl?", "Who won the Super Bowl?"),  # a word break
        # A joiner inside an emoji is the emoji's (a Discord probe's flag showed split in two).
        ("Pride \U0001f3f3\ufe0f\u200d\U0001f308 month?", "Pride \U0001f3f3\ufe0f\u200d\U0001f308 month?"),
        ("\u200dWho won?\u200d", "Who won?"),
        ("Black cat \U0001f408\u200d\u2b1b?", "Black cat \U0001f408\u200d\u2b1b?"),
    ],
)
def test_typed_text_drops_terminal_codes_and_control_characters(typed: str, text: str) -> None:
    assert typed_text(typed) == text


@pytest.mark.parametrize(
    ("text", "abbreviation"),
    [("It was Dr.", True), ("with Gov.", True), ("in the U.S.", True), ("by A.", True), ("(Sen.", True)]
    + [("Chiefs vs.", True), ("Roe v.", True)]
    + [("He won.", False), ("the Fed.", False), ("", False), ("no period", False)],
)
def test_an_abbreviation_is_what_sentence_spans_reads_as_one(text: str, abbreviation: bool) -> None:
    assert ends_with_abbreviation(text) is abbreviation


def test_a_name_spelt_the_other_side_of_the_atlantic() -> None:
    assert other_spellings("Research Organisation") == ["Research Organization"]
    assert other_spellings("World Health Organization") == ["World Health Organisation"]
    assert other_spellings("Labour Party") == []  # a party of its own
    assert other_spellings("Lincoln Center") == ["Lincoln Centre"]
    assert other_spellings("Ministry of Defence") == ["Ministry of Defense"]
    assert other_spellings("Organisations") == ["Organizations"]  # a plural too
    # Each word either way: "Defense Organization" too.
    assert other_spellings("Defence Organisation") == [
        "Defence Organization",
        "Defense Organisation",
        "Defense Organization",
    ]
    # Only into words English uses: no "Petre", "Noter", "Pense".
    assert other_spellings("Peter Pan") == other_spellings("Notre Dame") == other_spellings("Mike Pence") == []
    assert other_spellings("Joe Biden") == other_spellings("") == []


QUAKE = "Rescuers kept digging on Friday. Turkey was slammed by the Feb. 6 quakes that killed 41,000 people. More came."


@pytest.mark.parametrize(
    ("previous", "text", "lead"),
    [
        # The chunker cut after "Feb." and repeated the sentence's rest: the start comes from before.
        (QUAKE[: QUAKE.index(" More")], QUAKE[QUAKE.index("6 quakes") :], "Turkey was slammed by the Feb. "),
        # The chunker's overlap is the piece after "Gov.": the start comes from before.
        (
            "Day one came. The money was approved by Florida Gov. Ron DeSantis on Monday.",
            "Ron DeSantis on Monday. The work starts soon.",
            "The money was approved by Florida Gov. ",
        ),
        # Chunks that only abut are not joined: what stood between them is not known.
        ("Day one came. The money was approved by Florida Gov.", "Ron DeSantis signed it.", ""),
        # The text opens a sentence, with or without an overlap: nothing to add.
        ("Day one came. The money was approved.", "Ron DeSantis signed it.", ""),
        ("Day one came. It was a long day in town.", "It was a long day in town. Next.", ""),
        # A short overlap: the chunker's sentence "and 3 p.m." (it had been quoted twice).
        (
            "Delays grew. It saw 900 delays between 11 a.m. and 3 p.m.",
            "and 3 p.m. ET on Friday.",
            "It saw 900 delays between 11 a.m. ",
        ),
        # Chunks that only seem to go on: "’s" after "U.K." had no space before it, a heading ends
        # where a paragraph starts, and a name repeated by chance is no overlap (a review's finds).
        ("Day one came. He cited the U.K.", "’s Police Act.", ""),
        ("Day one came. Exploratorium - San Francisco", "San Francisco's Exploratorium, now in its new home.", ""),
        ("Day one came. 12 Years a Slave", "If nothing else, this will be the year.", ""),
        # The sentence starts before the text before it does: its start is not there to take.
        ("slammed by the Feb.", "6 quakes that killed 41,000 people.", ""),
    ],
)
def test_lead_in_is_the_start_of_the_sentence_a_text_opens_inside_of(previous: str, text: str, lead: str) -> None:
    assert lead_in(previous, text) == lead


# A long article's sentences before a sentence the chunker cut at "Gov.": the lead-in is split
# from the words near the cut, not from both chunks (newsdesk/text.py, _crossing).
FILLER = "Officials met on Monday. The talks ran long into the night, aides said. " * 12


@pytest.mark.parametrize(("extra", "kept"), [(53, True), (54, False), (120, False)])
def test_a_lead_in_of_up_to_sixty_words_is_taken_however_long_the_chunk_before(extra: int, kept: bool) -> None:
    # "The money" + extra words + "was approved by Florida Gov." is 7 + extra words.
    sentence = "The money " + "word " * extra + "was approved by Florida Gov. "
    previous = FILLER + sentence + "Ron DeSantis on Monday."
    lead = lead_in(previous, "Ron DeSantis on Monday. The work starts soon.")
    assert lead == (sentence if kept else "")


@pytest.mark.parametrize(("extra", "kept"), [(56, True), (57, False), (120, False)])
def test_a_tail_of_up_to_sixty_words_is_taken_however_long_the_chunk_after(extra: int, kept: bool) -> None:
    # " Ron DeSantis" + extra words + "on Monday." is 4 + extra words after the cut.
    rest = " Ron DeSantis " + "word " * extra + "on Monday."
    text = FILLER + "The money was approved by Florida Gov."
    following = "The money was approved by Florida Gov." + rest + " " + FILLER
    assert tail_out(text, following) == (rest if kept else "")


def test_words_joined_by_no_break_spaces_are_one_word_to_punkt() -> None:
    # punkt reads "a\xa0a\xa0…" as one token: a window cut inside it had found a lead-in "a" that the
    # whole split does not (a review's).
    previous = "Monday.\xa0" + "a\xa0" * 10 + "left."
    assert lead_in(previous, "\xa0a" * 10 + "\xa0left.\xa0Monday.") == ""


def test_a_lead_in_is_counted_in_words_whatever_spaces_part_them() -> None:
    # " \xa0 " between words: punkt's tokens include the lone no-break spaces, str.split() does not
    # count them, and a window of 70 such tokens had held 35 words of a 47-word lead-in (a review's).
    gap = " \xa0 "
    sentence = gap.join(("The money " + "word " * 40 + "was approved by Florida Gov.").split()) + " "
    previous = gap.join((FILLER * 2).split()) + gap + sentence + "Ron DeSantis on Monday."
    assert lead_in(previous, "Ron DeSantis on Monday. The work starts soon.") == sentence


# Stops, abbreviations, initials, quotes and brackets, and the characters between words: spaces,
# and characters Python parts words at but punkt reads inside a token ("\x1c", "\x85").
SENTENCE_WORDS = ["The", "talks", "Gov.", "U.S.", "Feb.", "J.", "ended.", "“Why?”", "she", "said.", "(Sent.)", "Dr."]
SENTENCE_WORDS += ["Why?", '"Yes."', "No.", "etc.", "U.K.'s", "it.)", "(see", "1.", "2.5", "Ron", "!", "”", "a.m."]
SEPARATORS = [" ", "  ", "\n", "\n\n", "\t", "\xa0", " \xa0 ", "\x1c", "\u2028", "\x85", "\r\n"]


def _taken(span: tuple[int, int] | None, text: str, at: int) -> tuple[str, str]:
    """The lead-in and the tail that lead_in and tail_out take of the sentence crossing `at`."""
    if span is None:
        return "", ""
    lead, tail = (text[span[0] : at] if span[0] else ""), text[at : span[1]]
    return (lead if len(lead.split()) <= LEAD_MAX_WORDS else ""), (tail if len(tail.split()) <= LEAD_MAX_WORDS else "")


def test_the_sentence_crossing_a_cut_is_taken_as_a_split_of_the_whole_text_finds_it() -> None:
    # The near-words split against the whole text's, at any point of long runs of words (longer
    # than hypothesis makes them): 300 texts, 5 points each.
    rng = random.Random(3)
    for _ in range(300):
        separators = rng.choices(SEPARATORS, k=rng.randint(1, 3))
        words = rng.choices(SENTENCE_WORDS, k=rng.randint(0, 220))
        text = "".join(word + separators[i % len(separators)] for i, word in enumerate(words))
        for at in (rng.randint(0, len(text)) for _ in range(5)):
            whole = next(((a, b) for a, b in sentence_spans(text) if a < at < b), None)
            lead = _taken(_crossing(text, at, LEAD_MAX_WORDS, 0), text, at)[0]
            tail = _taken(_crossing(text, at, 0, LEAD_MAX_WORDS), text, at)[1]
            assert (lead, tail) == _taken(whole, text, at), (text, at)


@pytest.mark.parametrize(
    ("text", "following", "tail"),
    [
        # The next chunk repeats the cut sentence, then goes on.
        (QUAKE[: QUAKE.index(" 6 quakes")], QUAKE[QUAKE.index("Turkey") :], " 6 quakes that killed 41,000 people."),
        (
            "Day one came. The money was approved by Florida Gov.",
            "The money was approved by Florida Gov. Ron DeSantis on Monday. Next.",
            " Ron DeSantis on Monday.",
        ),
        # Abutting, at an abbreviation the next words plainly carry on: a name after a title, or
        # lower case (two chat probes' quotes stopped at "introduced by Rep." and "that the U.S.").
        (
            "Day one came. The money was approved by Florida Gov.",
            "Ron DeSantis on Monday. Next.",
            " Ron DeSantis on Monday.",
        ),
        ("Day one came. It said that the U.S.", "would support Israel. Next.", " would support Israel."),
        ("Day one came. The song was by M.", "M. Keeravani. Next.", ""),  # "M.M.": no space stood between
        # The abbreviation repeated at the next chunk's start is said once (a review's "St. St.").
        ("Day one came. It is the St.", "St. Patrick’s Day parade. Next.", " Patrick’s Day parade."),
        ("Day one came. All done.", "Next one.", ""),  # the text ends a sentence
        ("Day one came. He cited the U.K.", "’s Police Act.", ""),  # no space stood between them
        ("Day one came. The meeting ended at 3 p.m.", "The council then voted to close it.", ""),
    ],
)
def test_tail_out_is_the_end_of_the_sentence_a_text_stops_inside_of(text: str, following: str, tail: str) -> None:
    assert tail_out(text, following) == tail


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("Kylian Mbappé", "Kylian Mbappe"),
        ("José Núñez of Malmö", "Jose Nunez of Malmo"),
        ("Martin Ødegaard, Lech Wałęsa, Işık, Straße", "Martin Odegaard, Lech Walesa, Isik, Strasse"),
        ("“Curly” quotes — and 7½", "“Curly” quotes — and 7½"),  # no accents: unchanged
        ("ガ 한국 ёлка", "ガ 한국 ёлка"),  # other scripts are kept as written
    ],
)
def test_accents_come_off_latin_letters_only(text: str, plain: str) -> None:
    assert without_accents(text) == plain


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("the Turkey-Syria earthquake", {"turkey", "syria"}),
        ("the Israel-Hamas war", {"israel", "hama"}),
        ("an F-16 and COVID-19", set()),  # not words of letters
        ("a well-known-ish day", {"well", "known", "ish"}),
    ],
)
def test_the_parts_of_names_joined_by_hyphens_are_terms_too(text: str, parts: set[str]) -> None:
    terms = content_terms(text)
    assert with_name_parts(terms) == terms | parts


def test_two_sides_named_with_vs_are_one_sentence() -> None:
    """A chat tester's answer quoted "Is Taylor Swift at Chiefs vs." without "Jets game?"."""
    text = "Is Taylor Swift at Chiefs vs. Jets game? She was there. Roe v. Wade fell in 2022."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Is Taylor Swift at Chiefs vs. Jets game?",
        "She was there.",
        "Roe v. Wade fell in 2022.",
    ]


def test_a_names_exclamation_mark_before_a_colon_ends_no_sentence() -> None:
    """A reader's answer quoted "Golden Globe Awards," hosted by Laverne Cox …" without the
    "Live From E!" that made it the pre-show."""
    text = 'Before it, E! will kick off "Live From E!: Golden Globe Awards," hosted by Laverne Cox. It ran.'
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        'Before it, E! will kick off "Live From E!: Golden Globe Awards," hosted by Laverne Cox.',
        "It ran.",
    ]
