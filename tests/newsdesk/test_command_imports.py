"""What each command loads: `stats` and `ask` start in well under their targets only while they
leave the heavy parsers alone (stats had come to take 1.8 s, most of it nltk and wordfreq that it
never used). A regression test on what is imported, not a timing, so it cannot flake."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import cli

# Prints which of these modules the command loaded, once it has run.
PROBE = """
import atexit, json, sys
watched = json.loads(sys.argv[1])
atexit.register(lambda: print("LOADED " + json.dumps(sorted(m for m in watched if m in sys.modules)), file=sys.stderr))
sys.argv = ["newsdesk", *sys.argv[2:]]
from newsdesk.cli import main
main()
"""
PARSERS = ["nltk", "wordfreq", "bs4", "frontmatter", "llama_index.core", "chromadb", "model2vec", "torch", "discord"]


def loaded_by(*args: str, watched: list[str]) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(watched), *args], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stderr.splitlines() if line.startswith("LOADED "))
    return json.loads(line.removeprefix("LOADED "))


@pytest.fixture
def sample_index(sample_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", str(sample_dir)], catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.mark.usefixtures("sample_index")
def test_stats_loads_no_parser_or_model() -> None:
    assert loaded_by("stats", watched=PARSERS) == []
    assert loaded_by("stats", "--json", watched=PARSERS) == []


@pytest.mark.usefixtures("sample_index")
def test_ask_loads_no_file_reader_or_chroma() -> None:
    # It needs the sentence splitter and the model; not the HTML and front matter readers of
    # ingest, and in embedded mode not Chroma (the local copy answers).
    loaded = loaded_by("ask", "What happened?", "--json", watched=PARSERS)
    assert loaded == ["model2vec", "nltk", "wordfreq"]


@pytest.mark.parametrize("module", ["newsdesk", "newsdesk.cli"])
def test_python_dash_m_runs_the_command(module: str) -> None:
    # A tester's `python -m newsdesk.cli ask …` had printed nothing and exited 0.
    result = subprocess.run([sys.executable, "-m", module, "--help"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Commands:" in result.stdout and "ingest" in result.stdout
    bad = subprocess.run([sys.executable, "-m", module, "no-such"], capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "No such command" in bad.stderr
