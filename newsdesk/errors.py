"""The one error type whose message is meant for users.

Each interface translates it in one place: the CLI into ``Error: …`` and an exit
code, Discord into a short ephemeral reply. Anything else is a bug and is logged
with its traceback.
"""


class NewsdeskError(Exception):
    """An expected failure with a message that can be shown to a user as is."""

    exit_code = 1


class ConfigError(NewsdeskError):
    """The configuration file or an environment override is invalid."""

    exit_code = 2


class InputError(NewsdeskError):
    """Input from the user (a file, a date, a question) cannot be used."""

    exit_code = 2
