"""/ingest (role-gated, attachments or pasted text), driven through the fake Discord."""

from __future__ import annotations

import gzip
import json
import logging

import pytest
from newsroom import ALICE, BOB, EDITOR, GUILD, NEWS, OWNER, wait_for_answer
from support.fake_discord import FakeDiscord, Perm, RecordedMessage

from newsdesk.command import AUDIT_LOGGER

BRIDGE = (
    b"date 2023-02-01 The mayor of Springfield closed the Springfield bridge on Wednesday after engineers found "
    b"cracks in its supports. The bridge will stay closed until March, and traffic is diverted through the "
    b"northern ring road."
)


async def test_an_editor_ingests_an_attachment_which_is_then_answerable(
    server: FakeDiscord, bot, sample_services
) -> None:
    assert server.commands[GUILD]["ingest"]["default_member_permissions"] is None  # the role must see it
    ix = await server.send_slash_command(
        "ingest", user=ALICE, channel_id=NEWS, attachments={"file": ("bridge.txt", BRIDGE, "text/plain")}
    )
    callback = await server.wait_for_callback(ix)
    assert callback.type == 5 and callback.ephemeral
    summary = await server.wait_for_message(kind="followup", interaction_id=ix.id, timeout=30)
    assert summary.ephemeral
    assert summary.content == "1 added, 0 updated, 0 unchanged, 0 failed; 1 chunk written."
    assert sample_services.store.stats().articles == 3

    ask = await server.send_slash_command(
        "ask", {"question": "Why was the Springfield bridge closed?", "as_of": "2023-02-02"}, user=BOB, channel_id=NEWS
    )
    answer = await wait_for_answer(server, interaction_id=ask.id)
    assert "cracks" in answer.embeds[0]["description"]
    assert "— 2023-02-01" in answer.text


async def test_the_audit_line_names_the_articles_written_and_the_file_as_a_literal(
    server: FakeDiscord, bot, caplog
) -> None:
    """A security probe's upload named "a\\nb.txt" split its audit line in two (a name could forge
    one), and the line said how many articles changed, never which."""
    caplog.set_level(logging.INFO, logger=AUDIT_LOGGER)
    ix = await server.send_slash_command(
        "ingest", user=ALICE, channel_id=NEWS, attachments={"file": ("bridge\nx.txt", BRIDGE, "text/plain")}
    )
    await server.wait_for_message(kind="followup", interaction_id=ix.id, timeout=30)
    lines = [r.getMessage() for r in caplog.records if r.name == AUDIT_LOGGER]
    assert len(lines) == 1 and "\n" not in lines[0], lines
    assert "('bridge\\nx.txt')" in lines[0] and lines[0].endswith(" Articles written: 'bridge x'."), lines[0]


async def test_an_editor_adds_articles_but_only_an_administrator_replaces_one(
    server: FakeDiscord, bot, sample_services
) -> None:
    """A probe's editor uploaded a story under a real article's id, title and address, and the
    index every server reads quoted it from then on."""

    async def upload(user: int, data: bytes, name: str = "bridge.txt") -> str:
        ix = await server.send_slash_command(
            "ingest", user=user, channel_id=NEWS, attachments={"file": (name, data, "text/plain")}
        )
        return (await server.wait_for_message(kind="followup", interaction_id=ix.id, timeout=30)).content

    assert (await upload(ALICE, BRIDGE)).startswith("1 added, ")
    forged = BRIDGE.replace(b"cracks in its supports", b"nothing wrong")
    assert await upload(ALICE, forged) == (
        "0 added, 0 updated, 0 unchanged, 0 failed, 1 not written; 0 chunks written.\n"
        "Not written: 'bridge': the index already holds an article with this id, “The mayor of Springfield closed "
        "the Springfield bridge on Wednesday after engineers found…”; only an administrator can replace an article"
    )
    texts = [text for _, text, meta in sample_services.store.chroma.iter_chunks() if meta["article_id"] == "bridge"]
    assert texts and all("cracks in its supports" in text for text in texts)
    assert (await upload(OWNER, forged)).startswith("0 added, 1 updated, ")
    # Nor under a new id at a held article's address (a review's way round), written otherwise.
    real = {"id": "real", "url": "https://www.example.com/news/dam/", "title": "Dam inspected", "text": "It held."}
    assert (await upload(OWNER, json.dumps(real).encode(), "real.json")).startswith("1 added, ")
    copy = {**real, "id": "copy", "url": "http://example.com/news/dam", "text": "The dam failed."}
    assert (await upload(ALICE, json.dumps(copy).encode(), "copy.json")).endswith(
        "Not written: 'copy': its address is that of the article 'real', “Dam inspected”; "
        "only an administrator can replace an article"
    )
    # Nor at the address written in capitals or with a tracking query, nor under the id in
    # capitals (a security probe's four ways round it).
    for url in ("HTTPS://WWW.EXAMPLE.COM/news/dam", "https://www.example.com/news/dam/?utm_source=x#top"):
        disguised = {**copy, "id": "copy2", "url": url}
        assert "its address is that of the article 'real'" in await upload(
            ALICE, json.dumps(disguised).encode(), "copy2.json"
        )
    # Another page of a section is another address; one Python cannot parse fails no upload (a review's).
    page = {**copy, "id": "page2", "url": "https://www.example.com/news/dam?page=2", "text": "Page two."}
    assert (await upload(ALICE, json.dumps(page).encode(), "page.json")).startswith("1 added, ")
    odd = {**copy, "id": "odd", "url": "http://[oops/a", "text": "An odd address."}
    assert (await upload(ALICE, json.dumps(odd).encode(), "odd.json")).startswith("1 added, ")
    shouting = {**copy, "id": "REAL", "url": ""}
    assert (await upload(ALICE, json.dumps(shouting).encode(), "copy3.json")).endswith(
        "Not written: 'REAL': the index already holds an article with this id written 'real', “Dam inspected”; "
        "only an administrator can replace an article"
    )
    assert sample_services.store.stats().articles == 6  # the samples, the bridge, the real story, page 2, odd


async def test_with_no_servers_named_only_the_bots_owner_adds_articles(
    server: FakeDiscord, start_bot, sample_services
) -> None:
    """Every server the bot is in reads one index: a probe, administrator of a server of his own,
    added a forged story there that the newsroom's answers then quoted."""
    from bot.discord.cogs.ingest import ONLY_THE_OWNER

    bobs, bobs_news = 1300000000000000000, 1300000000000000001
    server.add_guild(bobs, owner_id=BOB, name="Bob's own server")
    server.add_channel(bobs, bobs_news, "news")
    await start_bot(allowed_guild_ids=[], allowed_channel_ids=[], sync_guild_ids=[GUILD, bobs])
    await server.wait_for_command_sync(bobs)

    async def upload(user: int, channel: int) -> RecordedMessage:
        ix = await server.send_slash_command(
            "ingest", user=user, channel_id=channel, attachments={"file": ("bridge.txt", BRIDGE, "text/plain")}
        )
        return await server.wait_for_message(
            lambda m: m.kind in ("interaction_response", "followup"), interaction_id=ix.id, timeout=30
        )

    refused = await upload(BOB, bobs_news)
    assert refused.ephemeral and refused.content == ONLY_THE_OWNER
    refused = await upload(ALICE, NEWS)  # the Editor role of the newsroom, not named either
    assert refused.ephemeral and refused.content == ONLY_THE_OWNER
    assert sample_services.store.stats().articles == 2
    added = await upload(OWNER, NEWS)  # the bot's owner (the application's)
    assert added.content.startswith("1 added, ")


async def test_a_channel_allow_list_names_the_servers_that_add_articles(server: FakeDiscord, start_bot) -> None:
    """Its channels are the newsroom's alone: the editors add articles there (a review's)."""
    await start_bot(allowed_guild_ids=[], allowed_channel_ids=[NEWS])
    ix = await server.send_slash_command(
        "ingest", user=ALICE, channel_id=NEWS, attachments={"file": ("bridge.txt", BRIDGE, "text/plain")}
    )
    added = await server.wait_for_message(kind="followup", interaction_id=ix.id, timeout=30)
    assert added.content.startswith("1 added, ")


async def test_a_member_without_the_role_is_refused(server: FakeDiscord, bot, sample_services) -> None:
    ix = await server.send_slash_command(
        "ingest", user=BOB, channel_id=NEWS, attachments={"file": ("bridge.txt", BRIDGE, "text/plain")}
    )
    refusal = await server.wait_for_message(kind="interaction_response", interaction_id=ix.id)
    assert refusal.ephemeral
    assert refusal.content == "You need the Editor role (or Administrator) to add articles."
    assert not server.find_requests("GET", r"/attachments/.*")  # the file was not even downloaded
    assert sample_services.store.stats().articles == 2


async def test_without_a_role_setting_only_administrators_may_ingest(
    server: FakeDiscord, start_bot, sample_services
) -> None:
    await start_bot(ingest_role="")
    command = server.commands[GUILD]["ingest"]
    assert int(command["default_member_permissions"]) == Perm.ADMINISTRATOR  # hidden from non-administrators

    ix = await server.send_slash_command(
        "ingest", user=ALICE, channel_id=NEWS, attachments={"file": ("bridge.txt", BRIDGE)}
    )
    refusal = await server.wait_for_message(kind="interaction_response", interaction_id=ix.id)
    assert refusal.content == "You need the Administrator permission to add articles." and refusal.ephemeral

    ix = await server.send_slash_command(
        "ingest", user=OWNER, channel_id=NEWS, attachments={"file": ("bridge.txt.gz", gzip.compress(BRIDGE))}
    )
    summary = await server.wait_for_message(kind="followup", interaction_id=ix.id, timeout=30)
    assert summary.content.startswith("1 added, ")


async def test_oversize_and_unreadable_files_get_a_clear_message(
    server: FakeDiscord, start_bot, sample_services
) -> None:
    await start_bot(max_attachment_mb=0.001)  # 1000 bytes
    ix = await server.send_slash_command(
        "ingest", user=ALICE, channel_id=NEWS, attachments={"file": ("big.txt", b"date 2023-02-01 " + b"x " * 1000)}
    )
    refusal = await server.wait_for_message(kind="interaction_response", interaction_id=ix.id)
    assert refusal.ephemeral
    assert refusal.content == "big.txt is too large (2.0 kB); files up to 1.0 kB can be added here."
    assert not server.find_requests("GET", r"/attachments/.*")

    # A file of another type is refused by its name, before it is fetched (a PDF's text was read as an article's).
    ix = await server.send_slash_command(
        "ingest", user=ALICE, channel_id=NEWS, attachments={"file": ("report.pdf", b"%PDF-1.4 fake pdf")}
    )
    refusal = await server.wait_for_message(kind="interaction_response", interaction_id=ix.id)
    assert refusal.ephemeral
    assert refusal.content == (
        "report.pdf is not an article file (expected .txt, .md, .json, .jsonl or .html, optionally gzipped as .gz)."
    )
    assert not server.find_requests("GET", r"/attachments/.*")

    # One whose name says text but whose bytes do not is read, and fails as such.
    ix = await server.send_slash_command(
        "ingest", user=ALICE, channel_id=NEWS, attachments={"file": ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")}
    )
    failed = await server.wait_for_message(kind="followup", interaction_id=ix.id, timeout=30)
    assert failed.ephemeral
    assert failed.content == (
        "0 added, 0 updated, 0 unchanged, 1 failed; 0 chunks written.\n"
        "  failed: photo.txt: not a text file (binary or not UTF-8)"
    )
    assert sample_services.store.stats().articles == 2


async def test_an_attachment_that_cannot_be_downloaded_is_said_so(server: FakeDiscord, bot) -> None:
    """A CDN failure (an expired attachment) gave a generic error and an ERROR traceback. Here the
    fake CDN has no file at a name with a slash in it: the download gets a 404."""
    ix = await server.send_slash_command(
        "ingest", user=ALICE, channel_id=NEWS, attachments={"file": ("feb/bridge.txt", BRIDGE, "text/plain")}
    )
    reply = await server.wait_for_message(kind="followup", interaction_id=ix.id, timeout=30)
    assert reply.ephemeral
    assert reply.content == "Couldn't download feb/bridge.txt from Discord (404); attach it again."


async def test_pasted_text_with_title_and_date(server: FakeDiscord, bot, sample_services) -> None:
    text = BRIDGE.decode().removeprefix("date 2023-02-01 ")
    ix = await server.send_slash_command(
        "ingest", {"text": text, "title": "Springfield bridge closed"}, user=ALICE, channel_id=NEWS
    )
    missing = await server.wait_for_message(kind="interaction_response", interaction_id=ix.id)
    assert missing.content == "With pasted text, give the article's title and date (YYYY-MM-DD) too."

    ix = await server.send_slash_command(
        "ingest",
        {"text": text, "title": "Springfield bridge closed", "date": "2023-02-01"},
        user=ALICE,
        channel_id=NEWS,
    )
    summary = await server.wait_for_message(kind="followup", interaction_id=ix.id, timeout=30)
    assert summary.content.startswith("1 added, ")
    stats = sample_services.store.stats()
    assert stats.articles == 3 and stats.last_published.isoformat() == "2023-02-01"


async def test_a_correction_pasted_with_the_same_title_and_date_replaces_the_article(
    server: FakeDiscord, bot, sample_services
) -> None:
    """A probe's correction ("52,000 books", not 48,000) was added beside the first, which
    answers kept quoting: a pasted article had no id to replace or remove it by."""

    async def paste(user: int, text: str) -> str:
        options = {"text": text, "title": "Quillbrook library reopens", "date": "2023-11-23"}
        ix = await server.send_slash_command("ingest", options, user=user, channel_id=NEWS)
        return (await server.wait_for_message(kind="followup", interaction_id=ix.id, timeout=30)).content

    assert (await paste(ALICE, "The Quillbrook library reopened with 48,000 books.")).startswith("1 added, ")
    corrected = "The Quillbrook library reopened with 52,000 books."
    assert "only an administrator can replace an article" in await paste(ALICE, corrected)
    assert (await paste(OWNER, corrected)).startswith("0 added, 1 updated, ")
    texts = [text for _, text, _ in sample_services.store.chroma.iter_chunks() if "Quillbrook" in text]
    assert texts and all("52,000" in text for text in texts)
    assert sample_services.store.stats().articles == 3


@pytest.mark.parametrize("setting", ["editor", str(EDITOR)])
async def test_the_ingest_role_is_matched_by_id_or_by_name_in_any_case(
    server: FakeDiscord, start_bot, sample_services, setting: str
) -> None:
    """A probe set "editor" for the "Editor" role, then its id: both were refused."""
    await start_bot(ingest_role=setting)
    ix = await server.send_slash_command(
        "ingest", user=ALICE, channel_id=NEWS, attachments={"file": ("bridge.txt", BRIDGE, "text/plain")}
    )
    summary = await server.wait_for_message(kind="followup", interaction_id=ix.id, timeout=30)
    assert summary.content.startswith("1 added, "), summary.content


def test_only_a_type_like_ending_is_refused_by_name() -> None:
    from pathlib import Path

    from bot.discord.cogs.ingest import FILE_TYPE
    from ingest.readers import has_article_suffix

    def refused(name: str) -> bool:
        return bool(FILE_TYPE.fullmatch(Path(name).suffix)) and not has_article_suffix(Path(name))

    assert refused("report.pdf") and refused("notes.docx")
    assert not refused("story.txt") and not refused("feed.JSONL.GZ") and not refused("story.txt.GZ")
    # A date or a part of a title after a dot is no type: the content is read, as for stdin.
    assert not refused("election.2024") and not refused("Biden_v._Nebraska") and not refused("article")
