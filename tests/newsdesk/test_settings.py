"""Settings: config.toml documents every default; environment overrides; secrets stay out of files."""

import re
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from newsdesk.cli import cli
from newsdesk.errors import ConfigError
from newsdesk.settings import Settings, environment_warnings, load_settings

ROOT = Path(__file__).resolve().parents[2]


def section_defaults(settings: BaseModel) -> dict[str, dict[str, object]]:
    dumped = settings.model_dump(mode="json", exclude={"discord_token", "config_path"})
    return {name: {k: v for k, v in values.items() if k != "api_key"} for name, values in dumped.items()}


def test_config_toml_lists_every_setting_with_its_default(monkeypatch):
    for name in (
        "NEWSDESK_INDEX__PATH",
        "NEWSDESK_REVIEW__PATH",
        "NEWSDESK_PROMPTS__DIR",
        "NEWSDESK_EMBEDDING__CACHE_DIR",
    ):
        monkeypatch.delenv(name, raising=False)  # the test-wide state overrides of tests/conftest.py
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


def test_a_relative_path_in_the_environment_is_read_from_the_current_folder(tmp_path, monkeypatch):
    """A newcomer's relative NEWSDESK_INDEX__PATH was read from the config file's folder, not
    the shell's; one in config.toml still is read from the file's."""
    home = tmp_path / "repo"
    home.mkdir()
    config = home / "config.toml"
    config.write_text('[index]\npath = "var/index"\n[review]\npath = "var/review.sqlite3"\n', encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("NEWSDESK_INDEX__PATH", "mine/index")
    monkeypatch.delenv("NEWSDESK_REVIEW__PATH")
    settings = load_settings(config)
    assert settings.index.path == work / "mine" / "index"
    assert settings.review.path == home / "var" / "review.sqlite3"


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
        ("[index]\npth = 1\n", "index.pth: no such setting"),
        ("[answer]\nmin_relevance = 2\n", "answer.min_relevance: Input should be less than or equal to 1"),
        ('[index]\nmode = "cloud"\n', "index.mode"),
        ("[retrieval]\ntop_k = 0\n", "retrieval.top_k"),
        # Chroma refused it only after the index folder was made, which was left behind.
        ('[index]\ncollection = "my news"\n', "index.collection: 'my news' is no collection name"),
        ('[index]\ncollection = "ab"\n', "index.collection: 'ab' is no collection name"),
        ('[index]\ncollection = "a..b"\n', "index.collection: 'a..b' is no collection name"),
        ('[index]\ncollection = "192.168.0.1"\n', "index.collection: '192.168.0.1' is no collection name"),
        ("[index\n", "cannot read"),
        ("[llm]\ntemperature = 7\n", "llm.temperature: Input should be less than or equal to 2"),
        (
            "[ingest]\nchunk_size = 64\nchunk_overlap = 40\n",
            "ingest: chunk_overlap .40. must be at most half of chunk_size .64.",
        ),
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


# --- secrets: refused under any spelling, anywhere in the file --------------------------------


@pytest.mark.parametrize(
    ("content", "env"),
    [
        ('DISCORD_TOKEN = "s3cr3t-value"\n', "DISCORD_TOKEN"),  # was loaded and used as the bot token
        ('discord_token = "s3cr3t-value"\n', "DISCORD_TOKEN"),  # likewise
        ('Discord_Token = "s3cr3t-value"\n', "DISCORD_TOKEN"),
        ('discordToken = "s3cr3t-value"\n', "DISCORD_TOKEN"),
        ('token = "s3cr3t-value"\n', "DISCORD_TOKEN"),
        ('api_key = "s3cr3t-value"\n', "NEWSDESK_LLM__API_KEY"),
        ('"API-KEY" = "s3cr3t-value"\n', "NEWSDESK_LLM__API_KEY"),
        ('password = "s3cr3t-value"\n', "bot token, set NEWSDESK_LLM__API_KEY"),
        ('client_secret = "s3cr3t-value"\n', "bot token, set NEWSDESK_LLM__API_KEY"),
        ('[discord]\ntoken = "s3cr3t-value"\n', "DISCORD_TOKEN"),
        ('[discord]\nTOKEN = "s3cr3t-value"\n', "DISCORD_TOKEN"),
        ('[discord]\nbot_token = "s3cr3t-value"\n', "DISCORD_TOKEN"),
        ('[DISCORD]\ntoken = "s3cr3t-value"\n', "DISCORD_TOKEN"),
        ('[llm]\napi_key = "s3cr3t-value"\n', "NEWSDESK_LLM__API_KEY"),
        ('[llm]\nAPI_KEY = "s3cr3t-value"\n', "NEWSDESK_LLM__API_KEY"),
        ('[llm]\napiKey = "s3cr3t-value"\n', "NEWSDESK_LLM__API_KEY"),
        ('[llm]\ntoken = "s3cr3t-value"\n', "NEWSDESK_LLM__API_KEY"),
        ('[index]\npassword = "s3cr3t-value"\n', "NEWSDESK_LLM__API_KEY"),
        ('[discord.headers]\nauth_token = "s3cr3t-value"\n', "DISCORD_TOKEN"),
        ('[[servers]]\nname = "a"\n[[servers]]\nsecret = "s3cr3t-value"\n', "DISCORD_TOKEN"),
        ('[llm]\nextra = { private_key = "s3cr3t-value" }\n', "NEWSDESK_LLM__API_KEY"),
    ],
)
def test_a_secret_anywhere_in_the_file_is_refused(tmp_path, content, env):
    config = tmp_path / "config.toml"
    config.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match="looks like a secret") as raised:
        load_settings(config)
    assert env in str(raised.value)
    assert "s3cr3t-value" not in str(raised.value)


def test_settings_whose_names_merely_resemble_secrets_are_kept(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[llm]\nmax_tokens = 100\n", encoding="utf-8")
    assert load_settings(config).llm.max_tokens == 100


# --- values -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        "[answer]\nmin_relevance = nan\n",  # compared false: nothing was ever declined
        "[answer]\nmin_relevance = inf\n",
        "[answer]\nmin_relevance = -inf\n",
        "[retrieval]\nrecency_weight = inf\n",
        "[retrieval]\nrecency_half_life_days = nan\n",
        "[ingest]\nmax_file_mb = inf\n",
        "[llm]\ntimeout_seconds = inf\n",
        "[discord]\nrate_limit_seconds = nan\n",
    ],
)
def test_floats_must_be_finite(tmp_path, content):
    config = tmp_path / "config.toml"
    config.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match="Input should be a finite number"):
        load_settings(config)


def test_floats_must_be_finite_in_the_environment_too(monkeypatch):
    monkeypatch.setenv("NEWSDESK_ANSWER__MIN_RELEVANCE", "NaN")
    with pytest.raises(ConfigError, match="answer.min_relevance: Input should be a finite number"):
        load_settings(None)


def test_logging_level_is_checked_and_case_insensitive(tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[logging]\nlevel = "LOUD"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(config)
    assert str(raised.value).endswith(
        "logging.level: unknown level 'LOUD' (use one of DEBUG, INFO, WARNING, ERROR, CRITICAL, in any case)"
    )
    config.write_text('[logging]\nlevel = "debug"\n', encoding="utf-8")
    assert load_settings(config).logging.level == "DEBUG"
    monkeypatch.setenv("NEWSDESK_LOGGING__LEVEL", "verbose")
    with pytest.raises(ConfigError, match="unknown level 'verbose'"):
        load_settings(None)


def test_a_bad_logging_level_is_an_error_not_a_traceback(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[logging]\nlevel = "LOUD"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["stats", "--config", str(config)])
    assert result.exit_code == 2
    assert result.output.startswith("Error: invalid settings in")
    assert "unknown level 'LOUD'" in result.output
    assert isinstance(result.exception, SystemExit)


# --- unknown sections and environment names ---------------------------------------------------

KNOWN = "index, embedding, ingest, retrieval, answer, llm, discord, review, prompts, logging"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[indx]\npath = 'x'\n", f"unknown section [indx] in {{path}} (known: {KNOWN})"),
        ("[retrieval.extra]\nx = 1\n", None),  # a table inside a known section: pydantic's wording is fine
        ("top_k = 5\n", f"top_k at the top of {{path}} is not a setting: settings go in sections (known: {KNOWN})"),
        ("config_path = 'elsewhere.toml'\n", "config_path at the top of {path} is not a setting"),
    ],
)
def test_unknown_sections_are_named(tmp_path, content, message):
    config = tmp_path / "config.toml"
    config.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(config)
    if message is not None:
        assert message.format(path=config) in str(raised.value)


def test_a_section_name_in_another_case_is_still_known(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[INDEX]\nmode = "http"\n', encoding="utf-8")
    assert load_settings(config).index.mode == "http"


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("NEWSDESK_INDEX_PATH", "did you mean NEWSDESK_INDEX__PATH?"),  # one underscore
        ("NEWSDESK_INDX__PATH", "did you mean NEWSDESK_INDEX__PATH?"),
        ("NEWSDESK_LLM_API_KEY", "did you mean NEWSDESK_LLM__API_KEY?"),
        ("NEWSDESK_DISCORD_TOKEN", "the bot token is read from DISCORD_TOKEN"),
        ("NEWSDESK_WHATEVER", "names are NEWSDESK_<SECTION>__<KEY>, e.g. NEWSDESK_INDEX__PATH"),
    ],
)
def test_unknown_environment_names_are_warned_about(name, hint):
    assert environment_warnings({name: "x"}) == [f"ignoring {name}: no such setting ({hint})"]


def test_an_unknown_key_of_a_known_section_in_the_environment_is_refused_with_a_hint(monkeypatch):
    # Not also "ignoring …": a probe read a warning that it was ignored, then a refusal.
    monkeypatch.setenv("newsdesk_retrieval__topk", "3")
    assert environment_warnings({"newsdesk_retrieval__topk": "3"}) == []
    with pytest.raises(ConfigError, match=r"retrieval\.topk: no such setting \(did you mean retrieval\.top_k"):
        load_settings(None)


def test_a_token_set_as_a_setting_is_refused_with_where_it_goes(monkeypatch):
    # The warning that said so was dropped for a section's unknown keys; the refusal says it now.
    monkeypatch.setenv("NEWSDESK_DISCORD__TOKEN", "abc")
    with pytest.raises(
        ConfigError, match=r"discord\.token: no such setting \(the bot token is read from DISCORD_TOKEN"
    ):
        load_settings(None)


@pytest.mark.parametrize(("name", "value"), [("NEWSDESK_DISCORD__SYNC_GUILD_IDS", "[1,2"), ("NEWSDESK_INDEX", "foo")])
def test_a_value_that_is_no_json_names_its_variable(monkeypatch, name, value):
    # pydantic said only 'error parsing value for field "discord" from source "EnvSettingsSource"'.
    monkeypatch.setenv(name, value)
    with pytest.raises(
        ConfigError, match=rf"^cannot read (\S+, )*{name}\b.*: a list or a whole section is written as JSON"
    ):
        load_settings(None)


def test_a_blank_path_in_the_environment_is_refused(monkeypatch):
    monkeypatch.setenv("NEWSDESK_INDEX__PATH", "")  # it was the working folder
    with pytest.raises(ConfigError, match="index.path: is blank"):
        load_settings(None)


def test_valid_environment_names_raise_no_warning():
    names = ["NEWSDESK_INDEX__PATH", "newsdesk_llm__api_key", "NEWSDESK_DISCORD", "DISCORD_TOKEN", "PATH", "HOME"]
    names += [f"NEWSDESK_{section}__{key}".upper() for section, values in Settings().model_dump().items()
              if isinstance(values, dict) for key in values]  # fmt: skip
    assert environment_warnings(dict.fromkeys(names, "x")) == []


def test_the_cli_warns_on_stderr_about_a_mistyped_override(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSDESK_INDEX_PATH", str(tmp_path / "mine"))
    result = CliRunner().invoke(cli, ["run"])  # (fails fast: no DISCORD_TOKEN)
    assert result.stderr.startswith(
        "Warning: ignoring NEWSDESK_INDEX_PATH: no such setting (did you mean NEWSDESK_INDEX__PATH?)\n"
    )


def test_an_ingest_role_id_written_as_a_number_is_read_as_the_id(tmp_path):
    """A review's: the README says the role may be given by its id, and an unquoted one was refused."""
    config = tmp_path / "config.toml"
    config.write_text("[discord]\ningest_role = 1300000000000000000\n", encoding="utf-8")
    assert load_settings(config).discord.ingest_role == "1300000000000000000"


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("NEWSDESK_DISCORD__API_BASE_URL", "discord.com/api", "discord.api_base_url must be an address like"),
        ("NEWSDESK_DISCORD__GATEWAY_URL", "ftp://127.0.0.1", "discord.gateway_url must be an address like"),
        # And a candidate count that tantivy sets aside memory for ended every question in an abort.
        ("NEWSDESK_RETRIEVAL__LEXICAL_K", "2147483647", "less than or equal to 10000"),
    ],
)
def test_addresses_and_candidate_counts_are_checked_when_loaded(monkeypatch, variable, value, message):
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings(None)


def test_good_addresses_load(monkeypatch):
    assert load_settings(None).discord.gateway_url.startswith("wss://")
    for address in ("http://127.0.0.1:8080/api/v10", "https://[::1]:8080/api"):
        monkeypatch.setenv("NEWSDESK_DISCORD__API_BASE_URL", address)
        assert load_settings(None).discord.api_base_url == address


@pytest.mark.parametrize(
    ("config", "message"),
    [
        # A tester's `--config /dev/null` was told "config file not found", and `--config ""` "…: .".
        (Path("/dev/null"), "the config file /dev/null is not a regular file: give a TOML file"),
        (Path(""), "--config is empty: give the path of a config file"),
    ],
)
def test_a_config_path_that_is_no_file_is_told_what_it_is(config, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings(config)
