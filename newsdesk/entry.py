"""The `newsdesk` console script: the command, and Ctrl-C during its start-up."""

from __future__ import annotations

import json
import signal
import sys


def main() -> None:
    # Importing the commands takes a few tenths of a second; Ctrl-C then had printed a traceback
    # (a probe's). Once a command runs, it says "interrupted" itself (newsdesk.command).
    try:
        from newsdesk.cli import cli
    except KeyboardInterrupt:
        if "--json" in sys.argv or any(arg.startswith("--batch") for arg in sys.argv):
            print(json.dumps({"error": "interrupted"}))
        print("Error: interrupted", file=sys.stderr)
        sys.exit(128 + signal.SIGINT)
    cli()
