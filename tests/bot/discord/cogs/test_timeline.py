"""/timeline in Discord: a dated, cited timeline of a topic, paged with buttons."""

from __future__ import annotations

import json

from newsroom import ALICE, BOB, NEWS, slash
from support.fake_discord import FakeDiscord

ABSTAINED = 0xE67E22
EVENTS = [
    "Engineers closed the Harbor Bridge after finding cracks in two steel supports.",
    "The council voted to spend four million dollars repairing the Harbor Bridge.",
    "Divers found no damage under the Harbor Bridge during an inspection of its foundations.",
    "A ferry began carrying commuters across the estuary in place of the Harbor Bridge.",
    "A steel mill in Rotherby won the contract for new Harbor Bridge supports.",
    "Police fined forty drivers for ignoring the barriers on the Harbor Bridge.",
    "Residents marched to the town hall to demand a faster reopening of the Harbor Bridge.",
    "Cyclists were allowed back onto one lane of the Harbor Bridge.",
    "Workers lifted the first new support into place under the Harbor Bridge.",
    "The Harbor Bridge reopened to cars after the repairs were finished early.",
]


async def test_timeline_of_the_samples(server: FakeDiscord, bot) -> None:
    ix, reply = await slash(server, "timeline", {"topic": "Blinken", "as_of": "2023-02-01"})
    assert (await server.wait_for_callback(ix)).type == 5  # deferred ("thinking…"), then edited
    assert not reply.ephemeral and reply.id == ix.original_message_id
    embed = reply.embeds[0]
    assert embed["title"] == "Timeline: Blinken"
    first, second = embed["description"].split("\n")
    assert first.startswith("**2023-01-26** “U.S. Secretary of State Antony Blinken is heading to Egypt")
    assert first.endswith("” [1]")
    assert second.startswith("**2023-01-31** “U.S. Secretary of State Antony Blinken is wrapping up")
    sources = embed["fields"][0]
    assert sources["name"] == "Sources"
    assert sources["value"].startswith("[1] U.S. Secretary of State Antony Blinken is heading to Egypt")
    assert sources["value"].split("\n")[1].endswith(" — 2023-01-31")
    assert embed["footer"]["text"] == "published 2023-01-26 to 2023-01-31"
    assert reply.custom_ids == []  # one page: no buttons


async def test_a_long_timeline_is_paged_with_buttons(server: FakeDiscord, bot, sample_services) -> None:
    records = [
        {"id": f"bridge-{day}", "title": f"Bridge, day {day}", "source": "elwingazette.com", "text": text,
         "published": f"2024-03-{day:02d}"}
        for day, text in enumerate(EVENTS, start=1)
    ]  # fmt: skip
    lines = "".join(json.dumps(r) + "\n" for r in records).encode()
    assert sample_services.ingestor.ingest_bytes(lines, "bridge.jsonl").added == len(EVENTS)

    _, reply = await slash(
        server, "timeline", {"topic": "Harbor Bridge", "as_of": "2024-03-31", "outlet": "elwingazette"}
    )
    page_one = reply.embeds[0]
    assert [line[2:12] for line in page_one["description"].split("\n")] == [f"2024-03-0{d}" for d in range(1, 9)]
    assert page_one["footer"]["text"] == "Page 1 of 2 · published 2024-03-01 to 2024-03-10; from elwingazette.com"
    assert page_one["description"].split("\n")[0].endswith("[1] elwingazette.com")
    assert reply.custom_ids == ["newsdesk:pages:previous", "newsdesk:pages:next"]
    assert [c.get("disabled", False) for row in reply.components for c in row["components"]] == [True, False]

    # Another member pages a copy of their own, not the asker's message (a Discord probe's intern had
    # turned a reporter's public timeline for the whole channel).
    press = await server.press_button(reply, "newsdesk:pages:next", ALICE)
    own = await server.wait_for_message(kind="interaction_response", interaction_id=press.id)
    assert own.ephemeral and own.id != reply.id and own.embeds[0]["footer"]["text"].startswith("Page 2 of 2 · ")
    press = await server.press_button(reply, "newsdesk:pages:next", BOB)
    turned = await server.wait_for_message(kind="edit", interaction_id=press.id)
    assert turned.id == reply.id
    page_two = turned.embeds[0]
    assert [line[2:12] for line in page_two["description"].split("\n")] == ["2024-03-09", "2024-03-10"]
    assert "reopened to cars" in page_two["description"]
    assert page_two["fields"][0]["value"].startswith("[9] Bridge, day 9 — elwingazette.com, 2024-03-09\n[10] ")
    assert page_two["footer"]["text"].startswith("Page 2 of 2 · ")
    assert [c.get("disabled", False) for row in turned.components for c in row["components"]] == [False, True]

    press = await server.press_button(turned, "newsdesk:pages:previous", BOB)
    back = await server.wait_for_message(kind="edit", interaction_id=press.id)
    assert back.embeds[0]["description"] == page_one["description"]


async def test_a_timeline_of_an_unknown_topic_says_so(server: FakeDiscord, bot) -> None:
    _, reply = await slash(server, "timeline", {"topic": "Super Bowl", "as_of": "2023-02-01"})
    embed = reply.embeds[0]
    assert embed["color"] == ABSTAINED
    said = "The indexed articles have nothing on “Super Bowl” (published 2023-01-26 to 2023-01-31)."
    assert embed["description"] == said  # its dates once: they are the whole archive's


async def test_a_bad_timeline_date_gets_an_ephemeral_reply(server: FakeDiscord, bot) -> None:
    ix = await server.send_slash_command(
        "timeline", {"topic": "Blinken", "to": "2023-01-32"}, user=BOB, channel_id=NEWS
    )
    reply = await server.wait_for_message(kind="interaction_response", interaction_id=ix.id)
    assert reply.ephemeral and reply.content == "to: bad date '2023-01-32' (no such day)"


async def test_a_timeline_topic_is_read_without_mentions_and_markdown(server: FakeDiscord, bot) -> None:
    """A probe's "/timeline topic:@everyone" listed twelve pages of quotes holding "everyone"."""
    ix = await server.send_slash_command("timeline", {"topic": "@everyone"}, user=BOB, channel_id=NEWS)
    reply = await server.wait_for_message(kind="interaction_response", interaction_id=ix.id)
    assert reply.ephemeral and reply.content == "Give a topic, e.g. “Blinken's visit to Israel”."
    # No word at all is refused alike, to the asker alone (it had been public, after "thinking…").
    ix = await server.send_slash_command("timeline", {"topic": "???"}, user=BOB, channel_id=NEWS)
    reply = await server.wait_for_message(kind="interaction_response", interaction_id=ix.id)
    assert reply.ephemeral and reply.content == "Give a topic, e.g. “Blinken's visit to Israel”."
    _, marked = await slash(server, "timeline", {"topic": "**Blinken** <@&123456789012345678>", "as_of": "2023-02-01"})
    assert marked.embeds[0]["title"] == "Timeline: Blinken"
