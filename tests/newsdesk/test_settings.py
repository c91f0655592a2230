"""Settings: config.toml documents every default; environment overrides; secrets stay out of files."""

import tomllib
from pathlib import Path

import pytest
from pydantic import BaseModel

from newsdesk.errors import ConfigError
from newsdesk.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]


def section_defaults(settings: BaseModel) -> dict[str, dict[str, object]]:
    dumped = settings.model_dump(mode="json", exclude={"discord_token", "config_path"})
    return {name: {k: v for k, v in values.items() if k != "api_key"} for name, values in dumped.items()}


def test_config_toml_lists_every_setting_with_its_default(monkeypatch):
    for name in ("NEWSDESK_INDEX__PATH", "NEWSDESK_REVIEW__PATH", "NEWSDESK_PROMPTS__DIR"):
        monkeypatch.delenv(name)
    in_file = tomllib.loads((ROOT / "config.toml").read_text(encoding="utf-8"))
    assert in_file == section_defaults(Settings())


def test_environment_overrides_the_file(tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[index]\npath = "here"\nmode = "embedded"\n[llm]\nmodel = "from-file"\n', encoding="utf-8")
    monkeypatch.delenv("NEWSDESK_INDEX__PATH")
    monkeypatch.setenv("NEWSDESK_INDEX__MODE", "http")
    monkeypatch.setenv("NEWSDESK_LLM__MODEL", "from-env")
    monkeypatch.setenv("NEWSDESK_DISCORD__SYNC_GUILD_IDS", "[123, 456]")
    settings = load_settings(config)
    assert settings.index.mode == "http"
    assert settings.index.path == tmp_path / "here"  # relative to the config file's folder
    assert settings.llm.model == "from-env"
    assert settings.discord.sync_guild_ids == [123, 456]
    assert settings.config_path == config


def test_secrets_come_from_the_environment_only(tmp_path, monkeypatch):
    monkeypatch.setenv("DISCORD_TOKEN", "abc.def.ghi")
    monkeypatch.setenv("NEWSDESK_LLM__API_KEY", "sk-secret")
    settings = load_settings(None)
    assert settings.discord_token.get_secret_value() == "abc.def.ghi"
    assert settings.llm.api_key.get_secret_value() == "sk-secret"
    assert "abc.def.ghi" not in repr(settings) and "sk-secret" not in repr(settings)

    config = tmp_path / "secret.toml"
    config.write_text('[llm]\napi_key = "sk-in-file"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="NEWSDESK_LLM__API_KEY"):
        load_settings(config)
    config.write_text('[discord]\ntoken = "t"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="DISCORD_TOKEN"):
        load_settings(config)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[index]\npth = 1\n", "index.pth: Extra inputs are not permitted"),
        ('[index]\nmode = "cloud"\n', "index.mode"),
        ("[retrieval]\ntop_k = 0\n", "retrieval.top_k"),
        ("[index\n", "cannot read"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path, content, message):
    config = tmp_path / "bad.toml"
    config.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("[", r"\[")):
        load_settings(config)


def test_missing_config_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings(tmp_path / "nope.toml")
