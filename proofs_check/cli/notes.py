"""``lazycheck notes [--out DIR] [--check]``: regenerate the teaching notes from a ledger run."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from proofs_check.cli.common import UsageError, prepare_output_directory
from proofs_check.report import notes


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "notes", help="regenerate the teaching notes (notes/*.md) from the ledger",
        description="Run the ledger as 'lazycheck verify' does (profile ci, derandomized) and the proof chains, and "
        "write one Markdown note per main result (statement, checked step chain, SymPy derivations, numeric "
        "evidence, figures, errata) and an index, notes/README.md, of every ledger entry with its status. "
        "Takes about 40 s. Figures are linked relative to the notes directory, to the PNGs of the package's "
        "Section 5 data.",
        epilog="exit codes: 0 the notes were written (or, with --check, are current); 1 with --check, some note is "
        "stale; 2 a usage error, such as an --out directory that cannot be written (checked before any work).",
    )
    parser.add_argument("--out", metavar="DIR", default=None,
                        help="the notes directory, created if missing (default: the repository's notes/ directory, in a "
                        "checkout)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; list the stale, missing or extra note files and exit 1 if there are "
                        "any, 0 if the notes are current")


def run(args: argparse.Namespace) -> int:
    """Regenerate the notes; with --check, exit 1 when they are stale."""
    directory = notes.default_directory() if args.out is None else Path(args.out)
    if directory is None:
        raise UsageError("lazycheck notes: no notes/ directory beside the package (not a checkout); give --out DIR")
    if args.check and not directory.is_dir():
        raise UsageError(f"lazycheck notes: no notes directory {str(directory)!r} to check")
    if not args.check:
        prepare_output_directory("notes", directory)
    run_ = notes.collect_run(log=sys.stderr)
    if args.check:
        stale = notes.notes_status(directory, run_)
        for name in sorted(stale):
            print(f"stale: {name} ({stale[name]})")
        print(f"{len(stale)} stale note files; run 'lazycheck notes' to regenerate them" if stale
              else "the notes are current", file=sys.stderr)
        return 1 if stale else 0
    written = notes.write_notes(directory, run_)
    print(f"wrote {len(written)} files to {directory}: {', '.join(written)}")
    return 0
