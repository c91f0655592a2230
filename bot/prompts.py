"""The prompt templates in `prompts/`: loaded and checked once at start-up, rendered per question.

Templates use `str.format` placeholders (`{question}`); a literal brace is written `{{`.
Everything that comes from an article or a user goes in through `as_data`, which takes
the angle brackets out so that no text can close (or open) a delimiter of the prompt, and
an article's instruction-like sentences ("Ignore previous instructions …") are left out of
the passages altogether (bot/injection.py): a model cannot obey what it never reads.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.injection import without_instructions
from newsdesk.errors import ConfigError
from newsdesk.models import Passage

# file name -> (placeholders it must use, placeholders it may use)
TEMPLATES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "system.txt": (frozenset({"refusal"}), frozenset({"refusal"})),
    "answer.txt": (
        frozenset({"passages", "question"}),
        frozenset({"passages", "question", "as_of", "searched", "refusal"}),
    ),
    "condense.txt": (frozenset({"history", "question"}), frozenset({"history", "question"})),
}
REFUSAL_FILE = "refusal.txt"
MAX_REFUSAL_CHARS = 200

# Angle brackets in data become look-alikes, so `</passage>` inside an article is inert text.
_DATA_ESCAPES = str.maketrans({"<": "‹", ">": "›"})


@dataclass(frozen=True)
class Prompts:
    """The checked templates, and the one-line reply meaning "the passages don't say"."""

    system: str
    answer: str
    condense: str
    refusal: str

    def render_system(self) -> str:
        return self.system.format(refusal=self.refusal)

    def render_answer(
        self, question: str, passages: Sequence[Passage], as_of: date, searched: str, background: str | None = None
    ) -> str:
        """The user message: the numbered passages, delimited, then the question. `background` is
        the chunk id of the passage from before the question's period, marked as such."""
        return self.answer.format(
            passages=format_passages(passages, background),
            question=as_data(question),
            as_of=as_of.isoformat(),
            searched=as_data(searched),
            refusal=self.refusal,
        )

    def render_condense(self, question: str, turns: Sequence[tuple[str, str]]) -> str:
        """The condensation request: earlier (question, answer) turns, then the follow-up."""
        history = "\n".join(f"User: {as_data(q)}\nNewsdesk: {as_data(a)}" for q, a in turns)
        return self.condense.format(history=history, question=as_data(question))


def as_data(text: str) -> str:
    """Text from an article or a user, made unable to spoof the prompt's delimiters."""
    return text.translate(_DATA_ESCAPES)


def _attribute(text: str) -> str:
    return as_data(" ".join(text.split())).replace('"', "'")


def passage_text(passage: Passage) -> str:
    """The passage's text as the model reads it: without its instruction-like sentences."""
    return without_instructions(passage.text).strip()


def passage_title(passage: Passage) -> str:
    return without_instructions(passage.title)


def format_passages(passages: Sequence[Passage], background: str | None = None) -> str:
    """Each passage as `<passage n="1" …>text</passage>`, numbered from 1 in the given order; the
    one from before the question's period (chunk id `background`) with `background="true"`."""
    blocks = []
    for n, passage in enumerate(passages, start=1):
        attributes = [f'n="{n}"', f'title="{_attribute(passage_title(passage))}"']
        if passage.source:
            attributes.append(f'source="{_attribute(passage.source)}"')
        if passage.published:
            attributes.append(f'published="{passage.published.isoformat()}"')
        if passage.chunk_id == background:
            attributes.append('background="true"')
        blocks.append(f"<passage {' '.join(attributes)}>\n{as_data(passage_text(passage))}\n</passage>")
    return "\n".join(blocks)


def load_prompts(folder: Path) -> Prompts:
    """Read and check every template in `folder`; a missing or broken one is a ConfigError."""
    if not folder.is_dir():
        # Relative paths are read from the config file's folder, or the working one without it:
        # run from elsewhere, a probe was told only that ./prompts was missing.
        raise ConfigError(
            f"prompts.dir is not a folder: {folder} (run from the Newsdesk folder, pass --config "
            "path/to/config.toml, or set NEWSDESK_PROMPTS__DIR)"
        )
    texts = {name: _read(folder / name) for name in [*TEMPLATES, REFUSAL_FILE]}
    for name, (required, allowed) in TEMPLATES.items():
        _check_placeholders(folder / name, texts[name], required, allowed)
    refusal = texts[REFUSAL_FILE].strip()
    if "\n" in refusal or len(refusal) > MAX_REFUSAL_CHARS or "{" in refusal or "}" in refusal:
        raise ConfigError(
            f"prompt template {folder / REFUSAL_FILE}: must be one short line without braces "
            "(the exact reply that means the passages don't answer the question)"
        )
    return Prompts(
        system=texts["system.txt"].strip(),
        answer=texts["answer.txt"].strip(),
        condense=texts["condense.txt"].strip(),
        refusal=refusal,
    )


def _read(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"prompt template missing: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read prompt template {path}: {exc}") from None
    if not text.strip():
        raise ConfigError(f"prompt template is empty: {path}")
    return text


def _check_placeholders(path: Path, text: str, required: frozenset[str], allowed: frozenset[str]) -> None:
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise ConfigError(f"prompt template {path}: {exc} (write a literal brace as {{{{ or }}}})") from None
    if missing := required - fields:
        raise ConfigError(f"prompt template {path}: missing placeholder {_names(missing)}")
    if unknown := fields - allowed:
        raise ConfigError(f"prompt template {path}: unknown placeholder {_names(unknown)} (allowed: {_names(allowed)})")


def _names(names: Iterable[str]) -> str:
    return ", ".join("{" + name + "}" for name in sorted(names))
