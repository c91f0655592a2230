"""The one typed settings object: `config.toml`, overridden by `NEWSDESK_<SECTION>__<KEY>`.

Loaded once by the CLI entry point and passed into constructors; nothing reads the
environment at import time. Secrets (the Discord token, the LLM API key) come only
from the environment: a config file that names one is rejected.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
    TomlConfigSettingsSource,
)

from newsdesk.errors import ConfigError

DEFAULT_CONFIG_NAME = "config.toml"
DISCORD_API_BASE_URL = "https://discord.com/api/v10"
DISCORD_GATEWAY_URL = "wss://gateway.discord.gg"

ENV_PREFIX = "NEWSDESK_"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

# Keys that hold secrets; a config file naming any of them is refused.
SECRET_KEYS = {("llm", "api_key"), ("discord", "token")}
# What a secret's key looks like, in any case and spelling ("DISCORD_TOKEN", "apiKey", "client-secret"):
# the file is refused whatever the key, so a secret cannot be committed under a name we didn't foresee.
_SECRET_WORDS = {"token", "password", "passwd", "pwd", "secret", "apikey", "credential", "credentials", "bearer"}
_SECRET_PAIRS = {("api", "key"), ("private", "key"), ("access", "key"), ("secret", "key")}
_SECRET_ENDINGS = ("token", "password", "secret", "apikey")  # "discordtoken", "clientsecret"


class Section(BaseModel):
    # A misspelt key in config.toml is an error, not a silently ignored line. NaN and infinity
    # are refused in every float: `min_relevance = nan` would compare false and never decline.
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _no_blank_path(cls, value: Any, info: ValidationInfo) -> Any:
        # A blank path is the working folder: `NEWSDESK_INDEX__PATH=` put a probe's index there.
        field = cls.model_fields[info.field_name] if info.field_name else None
        if field is not None and field.annotation is Path and isinstance(value, str) and not value.strip():
            raise ValueError("is blank: name a folder or file")
        return value


COLLECTION_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{1,98})[A-Za-z0-9]")
IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")


class IndexSettings(Section):
    mode: Literal["embedded", "http"] = "embedded"
    path: Path = Path("var/index")
    host: str = "127.0.0.1"
    port: int = 8000
    collection: str = "newsdesk"
    # http mode: how often (at most) a process asks the Chroma server for new articles.
    poll_seconds: float = Field(default=2.0, ge=0)

    @field_validator("collection")
    @classmethod
    def _chroma_collection_name(cls, value: str) -> str:
        # Checked here, before any folder is made: Chroma refuses such a name only once its
        # database exists, which left a probe's index folder behind. The name also names the
        # index's lock and replica files, hence at most 100 characters, not Chroma's 512.
        # Chroma also refuses two dots in a row and an IPv4 address ("a..b", "192.168.0.1").
        if not COLLECTION_NAME.fullmatch(value) or ".." in value or IPV4.fullmatch(value):
            raise ValueError(
                f"{value!r} is no collection name: use 3 to 100 letters, digits, '.', '_' or '-', "
                "starting and ending with a letter or digit, no '..' and no IP address"
            )
        return value


class EmbeddingSettings(Section):
    # "static" (fast, distilled from the shipped all-MiniLM-L6-v2), "minilm" (the shipped
    # transformer itself), or the folder of any sentence-transformers model.
    model: str = "static"
    static_dims: int = Field(default=256, ge=16, le=384)
    cache_dir: Path = Path("var/models")
    batch_size: int = Field(default=64, ge=1)
    device: str = "cpu"


class IngestSettings(Section):
    chunk_size: int = Field(default=200, ge=32, le=256)
    chunk_overlap: int = Field(default=20, ge=0)
    max_file_mb: float = Field(default=100.0, gt=0)
    max_article_chars: int = Field(default=1_000_000, ge=1)
    batch_articles: int = Field(default=32, ge=1)

    @model_validator(mode="after")
    def _overlap_within_chunk(self) -> IngestSettings:
        # More overlap than that makes each chunk mostly the one before it: an archive of many
        # times the chunks, for no more text (the splitter does not refuse it).
        if self.chunk_overlap > self.chunk_size // 2:
            raise ValueError(
                f"chunk_overlap ({self.chunk_overlap}) must be at most half of chunk_size ({self.chunk_size})"
            )
        return self


# Candidates a retriever may be asked for.
MAX_CANDIDATES = 10_000


def checked_address(value: str, schemes: tuple[str, ...], name: str) -> str:
    """The address, when it is a whole one of these schemes; else a ValueError saying so."""
    try:
        parts = urlsplit(value.strip())
        parts.port  # noqa: B018 - reading it checks it ("http://host:99999")
        host = parts.hostname
    except ValueError as exc:
        raise ValueError(f"{name} is no valid address ({exc}): {value!r}") from None
    if parts.scheme not in schemes or not host:
        raise ValueError(f"{name} must be an address like {schemes[0]}://host:port, got {value!r}")
    return value.strip()


class RetrievalSettings(Section):
    # Bounded: tantivy sets aside memory for every hit asked for, and a tester's lexical_k of
    # 2147483647 ended every question in an out-of-memory abort.
    top_k: int = Field(default=5, ge=1, le=MAX_CANDIDATES)
    dense_k: int = Field(default=50, ge=1, le=MAX_CANDIDATES)
    lexical_k: int = Field(default=50, ge=1, le=MAX_CANDIDATES)
    rrf_k: int = Field(default=60, ge=1)
    dense_weight: float = Field(default=1.0, ge=0)
    lexical_weight: float = Field(default=1.5, ge=0)
    recency_weight: float = Field(default=1.0, ge=0)
    recency_half_life_days: float = Field(default=7.0, gt=0)
    # A second, slow prior: asked with no period, "Who won best picture?" of an archive reaching
    # back years means this year's, while the week-long prior leaves a story of nine months ago
    # no nearer than one of 2019 (a probe's answer was Parasite's).
    recency_slow_weight: float = Field(default=0.5, ge=0)
    recency_slow_half_life_days: float = Field(default=365.0, gt=0)
    dedup_similarity: float = Field(default=0.8, ge=0, le=1)
    max_per_article: int = Field(default=3, ge=1)


class AnswerSettings(Section):
    max_words: int = Field(default=80, ge=10)
    max_sentences: int = Field(default=4, ge=1)
    min_relevance: float = Field(default=0.2, ge=-1, le=1)  # a cosine: above 1 would decline everything
    closest_articles: int = Field(default=3, ge=0)


class LLMSettings(Section):
    provider: Literal["none", "openai_like", "ollama"] = "none"
    base_url: str = ""
    model: str = ""
    api_key: SecretStr | None = None  # only from NEWSDESK_LLM__API_KEY
    timeout_seconds: float = Field(default=60.0, gt=0)
    max_retries: int = Field(default=1, ge=0, le=3)
    pause_after_timeout_seconds: float = Field(default=60.0, ge=0)
    # OpenAI's and Ollama's temperatures both run from 0 to 2; a server refuses more, on every question.
    temperature: float = Field(default=0.1, ge=0, le=2)
    max_tokens: int = Field(default=512, ge=16)
    context_window: int = Field(default=8192, ge=2048)
    uncited_sentences: Literal["drop", "flag"] = "drop"
    stream: bool = True


class DiscordSettings(Section):
    api_base_url: str = DISCORD_API_BASE_URL
    gateway_url: str = DISCORD_GATEWAY_URL
    sync_guild_ids: list[int] = []
    allowed_guild_ids: list[int] = []
    allowed_channel_ids: list[int] = []
    ingest_role: str = ""  # a role's name, or its id (a number in TOML is read as the id)
    max_attachment_mb: float = Field(default=8.0, gt=0)
    rate_limit_count: int = Field(default=5, ge=1)
    rate_limit_seconds: float = Field(default=60.0, gt=0)
    edit_interval_seconds: float = Field(default=1.2, gt=0)
    history_turns: int = Field(default=3, ge=0)
    guild_ready_timeout: float = Field(default=2.0, ge=0)

    @field_validator("api_base_url", "gateway_url")
    @classmethod
    def _an_address(cls, value: str, info: ValidationInfo) -> str:
        # The gateway is a websocket, which aiohttp also opens from an http address.
        schemes = ("wss", "ws", "https", "http") if info.field_name == "gateway_url" else ("https", "http")
        return checked_address(value, schemes, f"discord.{info.field_name}")

    @field_validator("ingest_role", mode="before")
    @classmethod
    def _role_id_as_written(cls, value: object) -> object:
        # `ingest_role = 1098…` unquoted in TOML is the role's id, not an error (a review's).
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class ReviewSettings(Section):
    path: Path = Path("var/review.sqlite3")
    page_size: int = Field(default=5, ge=1, le=10)


class PromptSettings(Section):
    dir: Path = Path("prompts")


class LoggingSettings(Section):
    level: str = "WARNING"

    @field_validator("level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        # Checked here: logging.basicConfig would only fail later, with a traceback.
        level = value.strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"unknown level {value!r} (use one of {', '.join(LOG_LEVELS)}, in any case)")
        return level


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


def _sections() -> dict[str, type[Section]]:
    """The config file's sections and their models (read from Settings, so a new field counts at once)."""
    sections = {}
    for name, field in Settings.model_fields.items():
        if isinstance(field.annotation, type) and issubclass(field.annotation, Section):
            sections[name] = field.annotation
    return sections


class _SecretFreeToml(TomlConfigSettingsSource):
    """TOML source that refuses secrets, so they cannot end up committed in a file, and unknown sections.

    Both are checked on the file as written (`toml_data`): what `super().__call__()` returns has
    already been matched to the fields, so a top-level `DISCORD_TOKEN` would arrive as the token.
    """

    def __call__(self) -> dict[str, Any]:
        _refuse_secrets(self.toml_data, self.toml_file_path)
        _refuse_unknown_sections(self.toml_data, self.toml_file_path)
        return super().__call__()


def _refuse_secrets(data: Mapping[str, Any], path: object, where: tuple[str, ...] = ()) -> None:
    for key, value in data.items():
        location = (*where, str(key))
        if _looks_secret(str(key)) and not _known_setting(location):
            section = where[0].lower() if where else None
            raise ConfigError(
                f"{'.'.join(location)} looks like a secret and must not be in {path}; "
                f"secrets come only from the environment: {_secret_env(section, str(key))}"
            )
        # Anywhere in the file: in a table, or in a table in an array of tables.
        for table in value if isinstance(value, list) else [value]:
            if isinstance(table, dict):
                _refuse_secrets(table, path, location)


def _known_setting(location: tuple[str, ...]) -> bool:
    """A setting of ours that is no secret, e.g. `llm.max_tokens`: never mistaken for one."""
    if len(location) != 2:
        return False
    section, key = location[0].lower(), location[1]
    model = _sections().get(section)
    return model is not None and key in model.model_fields and (section, key) not in SECRET_KEYS


def _words(key: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", key).lower())


def _looks_secret(key: str) -> bool:
    words = _words(key)
    return (
        any(word in _SECRET_WORDS or word.endswith(_SECRET_ENDINGS) for word in words)
        or any(pair in _SECRET_PAIRS for pair in zip(words, words[1:], strict=False))
        or "".join(words) in _SECRET_WORDS
    )


def _secret_env(section: str | None, key: str) -> str:
    words = _words(key)
    llm_key = "set NEWSDESK_LLM__API_KEY for an LLM server's key"
    bot_token = "set DISCORD_TOKEN for the Discord bot token"
    if section == "llm" or ("api" in words and "key" in words) or "apikey" in words:
        return llm_key
    if section in (None, "discord") and any(word.endswith("token") for word in words):
        return bot_token
    return f"{bot_token}, {llm_key}"


def _refuse_unknown_sections(data: Mapping[str, Any], path: object) -> None:
    sections = _sections()
    known = ", ".join(sections)
    for key, value in data.items():
        if str(key).lower() in sections:
            continue
        if isinstance(value, dict):
            raise ConfigError(f"unknown section [{key}] in {path} (known: {known})")
        raise ConfigError(f"{key} at the top of {path} is not a setting: settings go in sections (known: {known})")


def environment_warnings(environ: Mapping[str, str] | None = None) -> list[str]:
    """A warning for each NEWSDESK_* variable that names no setting (`NEWSDESK_INDEX_PATH` with one
    underscore, `NEWSDESK_INDX__PATH`): the settings source skips them silently, so a typo would
    quietly leave the default (an index in ./var/index) in place."""
    environ = os.environ if environ is None else environ
    sections = _sections()
    keys = [f"{section}__{key}".upper() for section, model in sections.items() for key in model.model_fields]
    valid = {*keys, *(section.upper() for section in sections)}  # NEWSDESK_<SECTION> takes a whole section as JSON
    warnings = []
    for name in sorted(environ):
        rest = name.upper().removeprefix(ENV_PREFIX)
        if rest == name.upper() or rest in valid:
            continue
        if rest.partition("__")[0] in valid and "__" in rest:
            continue  # a section's unknown key is no skipped variable: the settings refuse it (with a hint)
        closest = difflib.get_close_matches(rest, keys, n=1, cutoff=0.6)
        if "TOKEN" in rest and not difflib.get_close_matches(rest, keys, n=1, cutoff=0.85):
            hint = "the bot token is read from DISCORD_TOKEN"  # a name of its own, without the prefix
        elif closest:
            hint = f"did you mean {ENV_PREFIX}{closest[0]}?"
        else:
            hint = f"names are {ENV_PREFIX}<SECTION>__<KEY>, e.g. {ENV_PREFIX}INDEX__PATH"
        warnings.append(f"ignoring {name}: no such setting ({hint})")
    return warnings


def find_config(explicit: Path | None) -> Path | None:
    """The config file to read: the one given, else ./config.toml if present."""
    if explicit is not None:
        if not str(explicit).strip() or str(explicit) == ".":
            raise ConfigError("--config is empty: give the path of a config file")
        if explicit.exists() and not explicit.is_file():
            # "/dev/null" or a folder: there, but no file to read (a tester's was told "not found").
            kind = "a folder" if explicit.is_dir() else "not a regular file"
            raise ConfigError(f"the config file {explicit} is {kind}: give a TOML file")
        if not explicit.is_file():
            raise ConfigError(f"config file not found: {explicit}")
        return explicit
    default = Path(DEFAULT_CONFIG_NAME)
    return default if default.is_file() else None


def load_settings(config: Path | None = None) -> Settings:
    """Read config.toml (or the given file) and the environment into one Settings object.

    Relative paths in the settings are taken relative to the config file's folder (the working
    directory when there is no file, or for a path given in a NEWSDESK_* variable), so the result
    holds absolute paths.
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
    except SettingsError as exc:  # a NEWSDESK_* value that should be JSON (a list, a section) is not
        raise ConfigError(_describe_environment_error(exc)) from None
    except ValueError as exc:  # a TOML syntax error surfaces as a ValueError subclass
        raise ConfigError(f"cannot read {path}: {exc}") from None

    base = path.parent.resolve() if path is not None else Path(os.getcwd())
    data = loaded.model_dump()
    data["config_path"] = path.resolve() if path is not None else None
    for section, key in (("index", "path"), ("embedding", "cache_dir"), ("review", "path"), ("prompts", "dir")):
        # A path typed in the environment is the shell's, read from the current folder as any
        # other command's is: a newcomer's relative NEWSDESK_INDEX__PATH was read from the config
        # file's folder.
        typed = _from_environment(section, key)
        data[section][key] = _absolute(getattr(getattr(loaded, section), key), Path(os.getcwd()) if typed else base)
    # Secrets are dumped as SecretStr objects, so they survive the round trip unchanged.
    return Settings.model_construct(**_rebuild_sections(data))


def _from_environment(section: str, key: str) -> bool:
    """The setting is given by its NEWSDESK_<SECTION>__<KEY> variable (in any case, as read)."""
    name = f"{ENV_PREFIX}{section}__{key}".upper()
    return any(variable.upper() == name for variable in os.environ)


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


def _describe_environment_error(exc: SettingsError) -> str:
    """Which variables could not be read, and how they are written: pydantic says only 'error
    parsing value for field "discord" from source "EnvSettingsSource"'."""
    field = re.search(r'field "(\w+)"', str(exc))
    prefix = f"{ENV_PREFIX}{field.group(1).upper()}" if field else ENV_PREFIX
    names = [name for name in sorted(os.environ) if name.upper().startswith(prefix)] or [f"{prefix}*"]
    return (
        f"cannot read {', '.join(names)}: a list or a whole section is written as JSON, "
        f"e.g. {ENV_PREFIX}DISCORD__SYNC_GUILD_IDS='[123456789012345678]'"
    )


def _describe_validation_error(exc: ValidationError, path: Path | None) -> str:
    where = str(path) if path is not None else "the environment"
    problems = []
    for err in exc.errors():
        location = ".".join(str(part) for part in err["loc"])
        # Our own validators' messages are complete sentences: drop pydantic's "Value error, ".
        message = str(err["ctx"]["error"]) if err["type"] == "value_error" and "ctx" in err else err["msg"]
        if err["type"] == "extra_forbidden":
            message = _no_such_setting([str(part) for part in err["loc"]])
        problems.append(f"{location}: {message}")
    return f"invalid settings in {where} (or NEWSDESK_* overrides): " + "; ".join(problems)


def _no_such_setting(location: list[str]) -> str:
    """An unknown key, with the closest known one ("index.pth": did you mean index.path?)."""
    if "token" in location[-1].lower():
        return "no such setting (the bot token is read from DISCORD_TOKEN, and never from a file)"
    sections = _sections()
    model = sections.get(location[0]) if len(location) == 2 else None
    known = list(model.model_fields) if model is not None else list(sections)
    closest = difflib.get_close_matches(location[-1], known, n=1, cutoff=0.6)
    if not closest:
        return f"no such setting (known: {', '.join(known)})"
    fixed = ".".join([*location[:-1], closest[0]])
    return f"no such setting (did you mean {fixed}, or {ENV_PREFIX}{fixed.replace('.', '__').upper()}?)"
