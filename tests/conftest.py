"""Shared fixtures: every test gets its own state folder; the real model is loaded once."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from newsdesk.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "data" / "sample"
MODEL_CACHE = ROOT / "var" / "models"


# Tests that run several real processes at once (ingests, `chroma run`, bots) and time them. In
# `make test`'s two workers (pytest-xdist, --dist loadgroup) they run one after another in one
# worker, so two of them never share the two cores while the other worker runs the rest.
MANY_PROCESSES = ("tests/reliability/", "tests/ingest/test_crash_safety.py", "tests/bot/discord/test_run.py")


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """xdist's loadgroup with these tests as one group. Its own reads an "@group" suffix that its
    workers add to a marked test's id, which pytest 9's ids no longer take: marked, they were
    still spread over both workers."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ManyProcessesTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "many processes" if nodeid.startswith(MANY_PROCESSES) else nodeid

    return ManyProcessesTogether(config, log)


@pytest.fixture(autouse=True)
def isolated_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every piece of state (index, review log) at a fresh temp folder, and keep
    the developer's environment (a real DISCORD_TOKEN, NEWSDESK_* overrides) out."""
    for name in list(__import__("os").environ):
        if name.startswith("NEWSDESK_") or name == "DISCORD_TOKEN":
            monkeypatch.delenv(name)
    state = tmp_path / "state"
    monkeypatch.setenv("NEWSDESK_INDEX__PATH", str(state / "index"))
    monkeypatch.setenv("NEWSDESK_REVIEW__PATH", str(state / "review.sqlite3"))
    monkeypatch.setenv("NEWSDESK_PROMPTS__DIR", str(ROOT / "prompts"))
    # The distilled static model is made once (about 30 s) and shared by every test.
    monkeypatch.setenv("NEWSDESK_EMBEDDING__CACHE_DIR", str(MODEL_CACHE))
    # Run from the temp folder so a stray ./config.toml of the developer is not read.
    monkeypatch.chdir(tmp_path)
    return state


@pytest.fixture
def settings(isolated_state: Path) -> Settings:
    """Default settings with state under the test's temp folder."""
    return load_settings(None)


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    """A private copy of the two sample articles."""
    target = tmp_path / "sample"
    shutil.copytree(SAMPLE_DIR, target)
    return target
