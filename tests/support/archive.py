"""A small archive of given records, indexed by the real services, for tests that need its ranking."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.service import Services, build_services
from newsdesk.settings import load_settings


def services_holding(
    records: list[dict[str, Any]], folder: Path, monkeypatch: pytest.MonkeyPatch, **retrieval: int
) -> Services:
    """Services over an index holding exactly `records` (every one must go in), with retrieval
    settings such as top_k=1 set first: a test of ranking wants few passages to tell the first."""
    for key, value in retrieval.items():
        monkeypatch.setenv(f"NEWSDESK_RETRIEVAL__{key.upper()}", str(value))
    services = build_services(load_settings(None))
    path = folder / "records.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    assert services.ingestor.ingest_paths([str(path)]).added == len(records)
    return services
