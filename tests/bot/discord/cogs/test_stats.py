"""/stats, driven through the fake Discord."""

from __future__ import annotations

from newsroom import BOB, NEWS
from support.fake_discord import FakeDiscord


async def test_stats(server: FakeDiscord, bot) -> None:
    ix = await server.send_slash_command("stats", user=BOB, channel_id=NEWS)
    reply = await server.wait_for_message(kind="followup", interaction_id=ix.id, timeout=30)
    fields = {f["name"]: f["value"] for f in reply.embeds[0]["fields"]}
    assert fields["Articles"] == "2" and fields["Chunks"].isdigit() and int(fields["Chunks"]) >= 2
    assert fields["Published"] == "2023-01-26 to 2023-01-31"
    assert reply.ephemeral
