"""The ``lazycheck`` command line: the parser, assembled from one module per command, and the dispatch.

Exit codes: 0 success; 1 a check failed or crashed; 2 a usage error (one line on stderr, never a
traceback); 130 interrupted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from proofs_check.cli import bench, derive, figures, notes, proof, verify, whatif
from proofs_check.cli.common import Parser, UsageError

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
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for add_parser, _ in COMMANDS.values():
        add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``lazycheck`` console script. Returns the exit code."""
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
        return 1
    except Exception as error:  # never a traceback at the CLI; LAZYCHECK_DEBUG=1 shows it
        if os.environ.get("LAZYCHECK_DEBUG"):
            raise
        print(f"lazycheck: internal error: {type(error).__name__}: {error} (set LAZYCHECK_DEBUG=1 for the traceback)",
              file=sys.stderr)
        return 1
