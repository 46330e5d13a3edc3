"""The one exception tree users see.

    CrosscheckError          exit_code 1
    ├── InputError           an input could not be read (exit 1 when nothing else could)
    │   └── InputNotFound    also a FileNotFoundError
    ├── UsageError           bad arguments (exit 2)
    ├── ModelNotFound        a model name or path that does not load
    ├── StoreError           the corpus database
    └── ConfigError          a bad setting

Each message says what went wrong, the bad value, and what to do next.
"""

from __future__ import annotations


class CrosscheckError(Exception):
    exit_code = 1


class InputError(CrosscheckError):
    """One input (file, record, line) could not be read."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class InputNotFound(InputError, FileNotFoundError):
    def __init__(self, source: str) -> None:
        super().__init__(source, "no such file or folder; check the path")


class UsageError(CrosscheckError):
    exit_code = 2


class ModelNotFound(CrosscheckError):
    def __init__(self, name: str, looked: str, fix: str) -> None:
        super().__init__(f"model {name!r} not found ({looked}). {fix}")


class StoreError(CrosscheckError):
    pass


class ConfigError(CrosscheckError):
    exit_code = 2
