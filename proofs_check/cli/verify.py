"""``lazycheck verify``: the main job. The derivations, then every ledger entry, with progress; exit 0 when every
claim has its expected status (and every derivation step verifies), 1 otherwise, 2 for a usage error.

With ``--json -`` the JSON is the only thing on standard output; the report goes to standard error with the
progress.
"""

from __future__ import annotations

import argparse
import sys
import time

from proofs_check.cli.common import UsageError, check_writable_file, positive_int, write_json
from proofs_check.ledger import ledger, select
from proofs_check.ledger.runner import run_ledger
from proofs_check.report.markdown import marks
from proofs_check.report.verify import (DerivationRun, derivations_table, errata_lines, formal_line, ledger_table,
                                       run_line, verify_json, wrapped)
from proofs_check.settings import DEFAULT_PROFILE, PROFILES, RunConfig
from symbolic import derive, names


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "verify", help="run every check and report (the main job)",
        description="Run the claims ledger of both texts (derivations, proof chains, adversarial searches, measured "
        "rates), one row per claim. A claim's expected status is recorded in the ledger (verified, refuted, "
        "empirical or reading; 'lazycheck verify --list' shows it), so a text's erratum is an expected 'refuted'.",
        epilog="exit codes: 0 every claim has its expected status and every derivation step verifies; 1 some claim "
        "has another status, a derivation step fails, or a check crashed; 2 a usage error (checked before any "
        "work); 130 interrupted.",
    )
    parser.add_argument("--json", metavar="FILE", dest="json_file",
                        help="also write the full results as JSON to FILE; '-' writes it to standard output, and the report "
                        "then goes to standard error")
    parser.add_argument("--claim", action="append", dest="claims", metavar="ID",
                        help="run only the claims whose id matches ID (repeatable; globs such as 'smith/*' work)")
    parser.add_argument("--profile", choices=tuple(PROFILES), default=DEFAULT_PROFILE,
                        help="search depth: fast (about 25 s), ci (default, about 40 s) or thorough (about 8 minutes on "
                        "an idle 2-core machine); thorough also extends the measured sweeps (alpha, width, scale grids "
                        "of proofs_check.studies.sweeps)")
    parser.add_argument("--seed", type=int, default=None, metavar="N",
                        help="seed of every random draw: the adversarial searches, the analytic proof steps and the "
                        "studies' instances (default: derandomized); the same seed gives the same report")
    parser.add_argument("--max-examples", type=positive_int, default=None, metavar="N",
                        help="examples per adversarial search, overriding the profile (analytic proof steps that "
                        "integrate flows search a third as many)")
    parser.add_argument("--list", action="store_true",
                        help="list the claim ids (those matching --claim, if given) with their expected status, and "
                        "exit")
    parser.add_argument("--serial", action="store_true",
                        help="run the proof chains in this process after the other checks, instead of in a "
                        "parallel worker (same report, slower)")


def _derivations(runs: list[DerivationRun]):
    """The derivations, run while the proof lane starts; progress on standard error."""
    good, bad = marks(sys.stderr)
    every = names()

    def run_all() -> None:
        for index, name in enumerate(every, 1):
            start = time.perf_counter()
            try:
                derivation, error = derive(name), None
            except Exception as exc:  # a crashed check is a result to report, not a traceback
                derivation, error = None, f"{type(exc).__name__}: {exc}"
            seconds = time.perf_counter() - start
            ok = derivation is not None and derivation.ok
            print(f"[derivation {index:2d}/{len(every)}] {name} {good if ok else bad} {seconds:.2f} s",
                  file=sys.stderr, flush=True)
            runs.append(DerivationRun(name, derivation, error, seconds))

    return run_all


def _entries(patterns: list[str] | None):
    """The entries matching ``patterns`` (all when None); a pattern that matches nothing is a usage error."""
    if not patterns:
        return ledger()
    unmatched = [pattern for pattern in patterns if not select([pattern])]
    if unmatched:
        raise UsageError(f"lazycheck verify: no claim matches {', '.join(map(repr, unmatched))}; ids look like "
                         f"{', '.join(e.id for e in ledger()[:3])}, ... (see lazycheck verify --list)")
    return select(patterns)


def run(args: argparse.Namespace) -> int:
    entries = _entries(args.claims)
    if args.list:
        width = max(len(e.id) for e in entries)
        print("\n".join(f"{e.id:{width}}  expected {e.expected:10} {e.location}" for e in entries))
        return 0
    to_stdout = args.json_file == "-"
    if args.json_file is not None and not to_stdout:
        check_writable_file("verify", args.json_file)
    config = RunConfig(profile=args.profile, seed=args.seed, max_examples=args.max_examples)
    report = sys.stderr if to_stdout else sys.stdout
    print(run_line(config, len(entries)), file=sys.stderr, flush=True)
    runs: list[DerivationRun] = []
    claims, errata, _, formal = run_ledger(entries, config, parallel=not args.serial, before=_derivations(runs))
    for part in (derivations_table(runs), "", ledger_table(claims, config), "", errata_lines(errata),
                 wrapped(formal_line(formal)), wrapped(run_line(config, len(entries)))):
        print(part, file=report)
    if args.json_file is not None:
        write_json("verify", args.json_file, verify_json(runs, claims, errata, config, formal))
    symbolic_ok = all(run.derivation is not None and run.derivation.ok for run in runs)
    return 0 if symbolic_ok and all(c.as_expected for c in claims) else 1
