"""Logging as the commands set it up: the audit trail and the secrets kept out of it."""

from __future__ import annotations

import logging

import pytest

from newsdesk.command import AUDIT_LOGGER, configure_logging
from newsdesk.redact import RedactSecret
from newsdesk.settings import load_settings


@pytest.fixture
def root_handler():
    """A handler of the root logger's own (as basicConfig's would be), removed afterwards."""
    root = logging.getLogger()
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    root.addHandler(handler)
    level = root.level
    yield records
    root.removeHandler(handler)
    root.setLevel(level)
    logging.getLogger(AUDIT_LOGGER).setLevel(logging.NOTSET)


def test_the_audit_line_is_kept_at_the_default_warning_level(monkeypatch, root_handler):
    """A probe found "/ingest by user …" dropped: the shipped level is WARNING."""
    monkeypatch.setenv("NEWSDESK_LOGGING__LEVEL", "WARNING")
    monkeypatch.delenv("NEWSDESK_LLM__API_KEY", raising=False)
    configure_logging(load_settings(None))
    logging.getLogger().setLevel(logging.WARNING)  # as basicConfig sets it on a fresh process
    logging.getLogger(AUDIT_LOGGER).info("/ingest by user 1 in server 2 (a.txt): 1 added")
    logging.getLogger("bot.answer").info("an ordinary INFO line")
    assert [record.getMessage() for record in root_handler] == ["/ingest by user 1 in server 2 (a.txt): 1 added"]


def test_a_secret_is_replaced_in_the_message_and_its_traceback():
    secret = "sk-test-do-not-log"
    record = logging.LogRecord("bot.llm", logging.WARNING, __file__, 1, "failed (%s)", (f"Bearer {secret}",), None)
    try:
        raise ValueError(f"Invalid key: {secret}")
    except ValueError as exc:
        record.exc_info = (type(exc), exc, exc.__traceback__)
    RedactSecret(secret, "[api key]").filter(record)
    assert record.getMessage() == "failed (Bearer [api key])"
    assert record.exc_text and secret not in record.exc_text and "Invalid key: [api key]" in record.exc_text


def test_the_api_key_is_redacted_as_sent_and_once(monkeypatch, root_handler):
    """A review's: a key set with a trailing newline is sent stripped, and was logged in clear."""
    monkeypatch.setenv("NEWSDESK_LLM__API_KEY", "sk-secret-123\n")
    settings = load_settings(None)
    configure_logging(settings)
    configure_logging(settings)
    # Once on each handler, this test's own among them (a handler of the whole session may hold
    # other tests' keys too).
    for handler in logging.getLogger().handlers:
        assert sum(isinstance(f, RedactSecret) and f.secret == "sk-secret-123" for f in handler.filters) == 1
    logging.getLogger("bot.llm").warning("Invalid key: Bearer %s", "sk-secret-123")
    assert [record.getMessage() for record in root_handler] == ["Invalid key: Bearer [api key]"]
