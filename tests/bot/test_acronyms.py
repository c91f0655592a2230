"""What a question's acronym stands for, read from the archive (bot/acronyms.py)."""

from datetime import date

from support.archive import services_holding

from bot.acronyms import acronyms_for_names, acronyms_spelt_out, spelt_out

WRITING_SVB = [
    "Silicon Valley Bank's collapse shook markets. SVB had grown fast.",
    "Regulators closed Silicon Valley Bank on Friday; SVB customers rushed to withdraw.",
    "SVB, or Silicon Valley Bank, served tech start-ups.",
    "Shares of Signature Valley Bank fell as SVB failed.",  # one run of the same initials
    "The Federal Reserve met on Wednesday.",  # no SVB: not counted
]


def test_an_acronym_is_spelt_out_as_the_chunks_writing_it_most_often_do():
    assert spelt_out("SVB", WRITING_SVB) == "Silicon Valley Bank"  # the possessive dropped
    # Written out too seldom to tell (MIN_WRITTEN): no reading.
    assert spelt_out("SVB", WRITING_SVB[2:]) is None
    assert spelt_out("FTC", WRITING_SVB) is None


def test_a_questions_acronyms_typed_in_any_case_are_spelt_out_unless_it_spells_them_itself():
    def chunks_writing(word: str) -> list[str]:
        return WRITING_SVB

    assert acronyms_spelt_out("Who bought SVB?", chunks_writing) == {"SVB": "Silicon Valley Bank"}
    assert acronyms_spelt_out("who bought svb", chunks_writing) == {"SVB": "Silicon Valley Bank"}
    assert acronyms_spelt_out("Did SVB, Silicon Valley Bank, fail?", chunks_writing) == {}

    # A word English uses is no acronym: "who" is not looked up as W.H.O., though the archive spells it out.
    def writing_who(word: str) -> list[str]:
        return ["The World Health Organization (WHO) met. WHO staff spoke."] * 5

    assert acronyms_spelt_out("Did the WHO meet?", writing_who) == {"WHO": "World Health Organization"}
    assert acronyms_spelt_out("who met", writing_who) == {}


def test_a_name_written_out_has_the_acronym_the_archive_spells_out_as_it():
    def chunks_writing(word: str) -> list[str]:
        return WRITING_SVB if word == "SVB" else []

    assert acronyms_for_names("Silicon Valley Bank collapse", chunks_writing) == {"SVB": "Silicon Valley Bank"}
    assert acronyms_for_names("The Silicon Valley Bank's collapse", chunks_writing) == {"SVB": "Silicon Valley Bank"}
    # Typed in title case, the name is the run's first words (a review's "Silicon Valley Bank Collapse").
    assert acronyms_for_names("Silicon Valley Bank Collapse", chunks_writing) == {"SVB": "Silicon Valley Bank"}
    # Another name of the same initials, one the text writes already, and no name: none.
    assert acronyms_for_names("Signature Valley Bank shares", chunks_writing) == {}
    assert acronyms_for_names("Silicon Valley Bank (SVB) collapse", chunks_writing) == {}
    assert acronyms_for_names("bank collapse", chunks_writing) == {}


def test_a_question_s_acronym_finds_the_story_that_spells_the_name_out(isolated_state, monkeypatch, tmp_path):
    """A probe's "Who bought SVB?": the story of the sale wrote "Silicon Valley Bank" alone."""
    records = [
        *(
            {"id": f"hva{n}", "published": f"2022-03-0{n}", "title": f"Ferry notes {n}",
             "text": f"The Harbor Valley Authority (HVA) runs {n} harbor ferries."}
            for n in range(1, 4)
        ),
        {"id": "tolls", "published": "2023-03-20", "title": "Bridge tolls rise",
         "text": "The Harbor Valley Authority voted to raise bridge tolls by a dollar from April."},
        {"id": "council", "published": "2023-03-22", "title": "Parking fees rise",
         "text": "The city council voted to raise parking fees by a dollar from April."},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch, top_k=1)
    answer = services.answers.answer("What did the HVA vote to raise?", date(2023, 3, 25))
    assert [c.article_id for c in answer.citations][:1] == ["tolls"], answer.text


def test_an_acronym_english_writes_in_lower_case_too_is_spelt_out_from_the_archives_capitals(
    isolated_state, monkeypatch, tmp_path
):
    """A chat's "what did the dnc say" was declined for "DNC": "dnc" is too common in English to be
    read as an acronym in lower case, but the archive writes it in capitals."""
    records = [
        *(
            {"id": f"dnc{n}", "published": f"2022-03-0{n}", "title": f"Party notes {n}",
             "text": f"The Democratic National Committee (DNC) met {n} times. The DNC said little."}
            for n in range(1, 4)
        ),
        {"id": "exit", "published": "2023-08-30", "title": "Mayor drops out",
         "text": "A Democratic National Committee spokesperson wrote after the mayor quit: \"Good riddance.\""},
    ]  # fmt: skip
    services = services_holding(records, tmp_path, monkeypatch)
    found = services.answers.retrieve("what did the dnc say about the mayor", date(2023, 8, 31))
    assert ("DNC", "Democratic National Committee") in found.spelt
