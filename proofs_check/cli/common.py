"""What every command shares: the usage error, the argument parser class, argument types, JSON output."""

from __future__ import annotations

import argparse
import json
import os


class UsageError(Exception):
    """A usage error: reported on one line, exit code 2."""


class Parser(argparse.ArgumentParser):
    """argparse with one-line usage errors (no usage block) and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: error: {message}")


def positive_int(text: str) -> int:
    """An argument type: a positive integer."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def check_writable_file(command: str, path: str) -> None:
    """Fail early, before a long run, if ``path`` cannot be written."""
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory) or not os.access(directory, os.W_OK):
        raise UsageError(f"lazycheck {command}: cannot write {path!r}: no writable directory {directory!r}")


def write_json(command: str, path: str, payload) -> None:
    """Write ``payload`` as JSON to ``path`` ('-' for standard output)."""
    text = json.dumps(payload, indent=2)
    if path == "-":
        print(text)
        return
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    except OSError as error:
        raise UsageError(f"lazycheck {command}: cannot write {path!r}: {error.strerror}") from None
