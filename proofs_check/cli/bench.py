"""``lazycheck bench [--json] [--instances N]``: the batched flow against scipy's DOP853 and the mpmath reference."""

from __future__ import annotations

import argparse
import json
import sys

from proofs_check.cli.common import UsageError, positive_int

#: The largest --instances: the scipy loop takes about 17 ms an instance, so 100,000 already take about 30 minutes.
MAX_INSTANCES = 100_000
#: The largest --tightness-budget (about 10 s per 48,000 instances, memory growing with the batch).
MAX_TIGHTNESS_BUDGET = 2_000_000


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "bench", help="measure the batched flow against scipy's DOP853 and the mpmath reference",
        description="Time the batched flow and a loop of scipy.integrate.solve_ivp(DOP853, rtol=1e-10, "
        "atol=1e-12) on the same random instances (n = 4, T = 10, smooth Sigma(t)), compare both with the "
        "30-digit mpmath reference on a subset, time one Lemma 3.3 check (n = 8, piecewise-constant Sigma), and "
        "measure the best ratio the batched screen of the lemma searches reaches from random starts.",
        epilog="exit codes: 0 measured; 2 a usage error. Progress goes to standard error, the figures to standard "
        "output.",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON (speedup_vs_scipy, "
                        "max_rel_error, ...)")
    parser.add_argument("--instances", type=positive_int, default=1000, metavar="N",
                        help=f"number of random instances, at most {MAX_INSTANCES} (default: 1000; the scipy loop takes "
                        "about 17 ms an instance)")
    parser.add_argument("--reference-subset", type=positive_int, default=4, metavar="M",
                        help="instances checked against the mpmath reference, at most --instances (default: 4, about "
                        "3 s each)")
    parser.add_argument("--tightness-budget", type=positive_int, default=48_000, metavar="N",
                        help="instances of each batched screen that measures how tight the lemma searches get from "
                        f"random starts alone, at most {MAX_TIGHTNESS_BUDGET} (default: 48000, about 10 s in all)")


def run(args: argparse.Namespace) -> int:
    """Measure, with progress on standard error; the figures on standard output."""
    if args.instances > MAX_INSTANCES:
        raise UsageError(f"lazycheck bench: --instances {args.instances} is more than {MAX_INSTANCES} (the scipy loop "
                         "alone would take about {:.0f} hours)".format(args.instances * 0.017 / 3600))
    if args.reference_subset > args.instances:
        raise UsageError(f"lazycheck bench: --reference-subset {args.reference_subset} is more than --instances "
                         f"{args.instances}")
    if args.tightness_budget > MAX_TIGHTNESS_BUDGET:
        raise UsageError(f"lazycheck bench: --tightness-budget {args.tightness_budget} is more than "
                         f"{MAX_TIGHTNESS_BUDGET}")
    from proofs_check.studies.bench import report, run_benchmark

    figures = run_benchmark(instances=args.instances, reference_subset=args.reference_subset,
                            tightness_budget=args.tightness_budget,
                            progress=lambda message: print(message, file=sys.stderr, flush=True))
    print(json.dumps(figures, indent=2) if args.json else report(figures))
    return 0
