"""What every command shares: the usage error, the argument parser class, argument types, output checks, JSON output."""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path


class UsageError(Exception):
    """A usage error: reported on one line, exit code 2."""


class Parser(argparse.ArgumentParser):
    """argparse with one-line usage errors (no usage block) and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        if message.endswith("expected one argument"):  # argparse reads a value such as -t as an option
            message += " (a value that starts with '-' is written with '=', as in --bound=-t)"
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
    """Fail early, before a long run, unless ``path`` names a file that can be written.

    The check writes: it opens an existing file for appending (its content is untouched) or creates the file and
    removes it again, so a read-only file system, a directory, ``/proc`` or a missing directory are all caught, even
    for root, for whom permission bits say little.
    """
    if not path:
        raise UsageError(f"lazycheck {command}: the output path is empty (give FILE, or '-' for standard output)")
    if os.path.isdir(path):
        raise UsageError(f"lazycheck {command}: cannot write {path!r}: it is a directory")
    existed = os.path.exists(path)
    try:
        with open(path, "a" if existed else "x", encoding="utf-8"):
            pass
        if not existed:
            os.remove(path)
    except OSError as error:
        raise UsageError(f"lazycheck {command}: cannot write {path!r}: {error.strerror or error}") from None


def prepare_output_directory(command: str, path: str | os.PathLike) -> Path:
    """Create the output directory ``path`` if needed and check, by writing a probe file, that files can be
    written in it; before any work. Raises :class:`UsageError` with the reason otherwise."""
    directory = Path(path)
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"lazycheck {command}: --out {str(directory)!r} is not a directory")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=directory):
            pass
    except OSError as error:
        raise UsageError(f"lazycheck {command}: cannot write to {str(directory)!r}: "
                         f"{error.strerror or error}") from None
    return directory


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
