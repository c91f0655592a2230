import json
from datetime import date

import pytest

from bot.attribution import outlet_attribution
from bot.decline import NO_SUBJECT

KNOWN = ["usatoday.com", "cnn.com", "theweek.co.uk", "college.usatoday.com"]


@pytest.mark.parametrize(
    ("question", "reworded", "outlets"),
    [
        ("What did CNN report about the debt ceiling?", "What happened about the debt ceiling?", ("cnn.com",)),
        ("What has The Week written on Sunak?", "What happened on Sunak?", ("theweek.co.uk",)),
        ("what does usa today say about the strike?", "what happened about the strike?", ("usatoday.com",)),
        ("Did CNN cover the town hall?", "The town hall?", ("cnn.com",)),
        ("According to USA Today, how many people died?", "How many people died?", ("usatoday.com",)),
        ("How many people died, according to cnn.com?", "How many people died?", ("cnn.com",)),
        # A review: these had left ": how many …" and ". How many …".
        ("According to CNN: how many people died?", "How many people died?", ("cnn.com",)),
        ("According to CNN. How many people died?", "How many people died?", ("cnn.com",)),
        # A probe's: "the" before an outlet's name ("no article mentions “Gazette”").
        ("What did the USA Today report about the strike?", "What happened about the strike?", ("usatoday.com",)),
    ],
)
def test_an_outlet_named_as_the_source_is_taken_out_of_the_question(question, reworded, outlets):
    named = outlet_attribution(question, lambda: KNOWN)
    assert named is not None and (named.question, named.outlets) == (reworded, outlets)


@pytest.mark.parametrize(
    "question",
    [
        "What did Biden say about the debt ceiling?",  # a person, not an outlet
        "According to officials, how many people died?",
        "What did the Times report about the strike?",  # not an outlet of the index
        "Who bought CNN?",  # CNN is what it asks about
        "What did college report about tuition?",  # a section's site is no outlet's name
        "According to cnn.com/politics, how many died?",  # not an outlet's name: left alone, not garbled
    ],
)
def test_a_question_naming_no_indexed_outlet_as_its_source_is_kept(question):
    assert outlet_attribution(question, lambda: KNOWN) is None


def test_the_outlets_are_only_listed_for_a_question_of_that_shape():
    def known() -> list[str]:
        raise AssertionError("listed the outlets for a question that names no source")

    assert outlet_attribution("Who won the Masters?", known) is None


def test_a_question_naming_its_outlet_is_answered_from_that_outlet(services, tmp_path):
    # The Week's article never writes "The Week": before, the question was declined for it, or
    # answered from CNN's article.
    records = [
        {
            "id": "cnn-bridge",
            "source": "cnn.com",
            "published": "2023-03-01",
            "title": "Elwin bridge reopens",
            "text": "The Elwin bridge reopened on Monday after two years of repairs, the county said.",
        },
        {
            "id": "week-bridge",
            "source": "theweek.co.uk",
            "published": "2023-03-02",
            "title": "The Elwin bridge saga",
            "text": "Repairs to the Elwin bridge cost the county 40 million dollars, twice the estimate, it reported.",
        },
    ]
    path = tmp_path / "bridge.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert services.ingestor.ingest_paths([str(path)]).added == 2
    question = "What did The Week report about the Elwin bridge?"
    answer = services.answers.answer(question, date(2023, 3, 3))
    assert not answer.abstained, answer.text
    assert {c.article_id for c in answer.citations} == {"week-bridge"}
    assert answer.question == question
    assert answer.date_range_label.endswith("from theweek.co.uk"), answer.date_range_label
    # Without the outlet, nothing is asked about ("What did The Week report?" had searched "reported").
    bare = services.answers.answer("What did The Week report?", date(2023, 3, 3))
    assert bare.abstained and bare.declined_because in (NO_SUBJECT, "no article comes close to the question"), bare.text
    # Asked months after the outlet's last article, the answer says where its articles end (a review).
    assert answer.notice is None
    later = services.answers.answer(question, date(2023, 6, 1))
    assert later.notice == "The articles from theweek.co.uk end on 2023-03-02.", later.notice
    # A decline says so too: that outlet may have written on it after its last article here.
    declined = services.answers.answer("What did The Week report about the Harwell dam?", date(2023, 6, 1))
    assert declined.abstained and declined.notice == "The articles from theweek.co.uk end on 2023-03-02."
    # An --outlet the user chose wins over the one the question names.
    chosen = services.answers.answer(question, date(2023, 3, 3), filters=services.answers.make_filters(outlets=["cnn"]))
    assert {c.article_id for c in chosen.citations} == {"cnn-bridge"}, chosen.text
