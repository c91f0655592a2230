"""Fixtures for the answering side: a real index of the sample articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.service import Services, build_services
from newsdesk.settings import Settings


@pytest.fixture
def services(settings: Settings) -> Services:
    """Services over a fresh, empty index (real model, real embedded Chroma)."""
    return build_services(settings)


@pytest.fixture
def sample_services(services: Services, sample_dir: Path) -> Services:
    """Services over an index holding the two sample articles."""
    report = services.ingestor.ingest_paths([str(sample_dir)])
    assert report.added == 2 and not report.failed
    return services
