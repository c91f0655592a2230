"""Secrets kept out of log lines: the Discord token, the language model's API key.

A server may say the key back in its error ("Invalid key: Bearer sk-…"), which the warning that
reports the failure then prints (a probe's): logged lines get pasted into chats and issues."""

from __future__ import annotations

import logging


class RedactSecret(logging.Filter):
    """Replaces a secret wherever it would appear in a log line, its traceback included."""

    def __init__(self, secret: str, label: str) -> None:
        super().__init__()
        self.secret = secret
        self.label = label

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secret:
            return True
        message = record.getMessage()
        if self.secret in message:
            record.msg, record.args = message.replace(self.secret, self.label), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and self.secret in record.exc_text:
            record.exc_text = record.exc_text.replace(self.secret, self.label)
        return True


def redact_in_logs(secret: str, label: str) -> None:
    """Every handler of the root logger hides `secret` as `label` (once, however often it is asked)."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactSecret) and f.secret == secret for f in handler.filters):
            handler.addFilter(RedactSecret(secret, label))
