"""``lazycheck derive [NAME ...] [--json | --latex]``: the SymPy derivations, each step with its check mark."""

from __future__ import annotations

import argparse
import json

from proofs_check.cli.common import UsageError
from proofs_check.report.derivations import derivation_json, derivation_latex, derivation_text
from symbolic import derive, names


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "derive", help="print the SymPy derivations, with a check mark per step",
        description="Print SymPy derivations: the derived expression, each step with its check "
        "(pass/fail and residual), and whether each source text agrees as written.",
        epilog="exit codes: 0 every step of every derivation printed verifies (a text that DIFFERS is a finding, "
        "not a failure); 1 some step fails; 2 a usage error, such as an unknown NAME.",
    )
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help="derivations to print (default: all). Valid names: " + ", ".join(names()))
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true",
                        help="print a JSON list of {name, expression, steps, agrees_with, ...} objects")
    output.add_argument("--latex", action="store_true", help="print LaTeX fragments instead of text")


def run(args: argparse.Namespace) -> int:
    """Print derivations; exit 1 if a step fails."""
    valid = names()
    unknown = [name for name in args.names if name not in valid]
    if unknown:
        raise UsageError(f"lazycheck derive: unknown derivation {unknown[0]!r}; valid names: {', '.join(valid)}")
    derivations = [derive(name) for name in (args.names or valid)]
    if args.json:
        print(json.dumps([derivation_json(d) for d in derivations], indent=2))
    else:
        show = derivation_latex if args.latex else derivation_text
        print("\n\n".join(show(d) for d in derivations))
    return 0 if all(d.ok for d in derivations) else 1
