"""The ``lazycheck`` command line: the parser, assembled from one module per command, and the dispatch.

Exit codes: 0 success; 1 a check failed or crashed; 2 a usage error (one line on stderr, never a
traceback); 130 interrupted. Each command's help states what success means for it. When the reader of standard
output goes away (``lazycheck derive --json | head -c 10``), the command stops quietly: :func:`main` returns
:data:`BROKEN_PIPE` and the console script dies by SIGPIPE, as Unix tools do.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from proofs_check.cli import bench, derive, figures, notes, proof, verify, whatif
from proofs_check.cli.common import Parser, UsageError

#: What :func:`main` returns when standard output was closed by its reader (128 + SIGPIPE, as a shell reports it).
BROKEN_PIPE = 141

#: command -> (add its parser, run it), in the order of ``lazycheck --help``.
COMMANDS = {
    "derive": (derive.add_parser, derive.run),
    "verify": (verify.add_parser, verify.run),
    "proof": (proof.add_parser, proof.run),
    "errata": (proof.add_errata_parser, proof.run_errata),
    "what-if": (whatif.add_parser, whatif.run),
    "bench": (bench.add_parser, bench.run),
    "notes": (notes.add_parser, notes.run),
    "figures": (figures.add_parser, figures.run),
}


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("lazycheck")
    except PackageNotFoundError:
        return "unknown"


def build_parser() -> Parser:
    """The argument parser, with help for every option."""
    parser = Parser(
        prog="lazycheck",
        description="Formal-verification and symbolic companion to the theory of lazy training "
        "(chizat-bach and smith). Run 'lazycheck verify' for the main job.",
        epilog="exit codes: 0 success, 1 a check failed (or a refuted variant, a failing proof step), 2 a usage "
        "error, 130 interrupted; 'lazycheck COMMAND --help' says what each command checks. An option value that "
        "starts with '-' is written with '=', as in --bound=-t.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for add_parser, _ in COMMANDS.values():
        add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``lazycheck`` console script. Returns the exit code."""
    _keep_hypothesis_storage_out_of_the_working_directory()
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            raise UsageError(f"lazycheck: error: a command is required (choose from "
                             f"{', '.join(repr(c) for c in COMMANDS)}); see 'lazycheck --help'")
        return COMMANDS[args.command][1](args)
    except UsageError as error:
        print(str(error), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("lazycheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return BROKEN_PIPE
    except Exception as error:  # never a traceback at the CLI; LAZYCHECK_DEBUG=1 shows it
        if os.environ.get("LAZYCHECK_DEBUG"):
            raise
        print(f"lazycheck: internal error: {type(error).__name__}: {error} (set LAZYCHECK_DEBUG=1 for the traceback)",
              file=sys.stderr)
        return 1


def _keep_hypothesis_storage_out_of_the_working_directory() -> None:
    """Point hypothesis' storage at lazycheck's cache (unless $HYPOTHESIS_STORAGE_DIRECTORY is set), so that no
    command writes a ``.hypothesis/`` directory where it is run."""
    from proofs_check.settings import cache_home

    os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(cache_home() / "hypothesis"))


def _silence_stdout() -> None:
    """Send what is left of standard output to /dev/null, so that flushing it at exit raises nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor (captured output): nothing to flush to
        pass
