"""``lazycheck bench [--json] [--instances N]``: the batched flow against scipy's DOP853 and the mpmath reference."""

from __future__ import annotations

import argparse
import json
import sys

from proofs_check.cli.common import positive_int


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "bench", help="measure the batched flow against scipy's DOP853 and the mpmath reference",
        description="Time the batched flow and a loop of scipy.integrate.solve_ivp(DOP853, rtol=1e-10, "
        "atol=1e-12) on the same random instances (n = 4, T = 10, smooth Sigma(t)), compare both with the "
        "30-digit mpmath reference on a subset, time one Lemma 3.3 check (n = 8, piecewise-constant Sigma), and "
        "measure the best ratio the batched screen of the lemma searches reaches from random starts.",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON (speedup_vs_scipy, "
                        "max_rel_error, ...)")
    parser.add_argument("--instances", type=positive_int, default=1000, metavar="N",
                        help="number of random instances (default: 1000)")
    parser.add_argument("--reference-subset", type=positive_int, default=4, metavar="M",
                        help="instances checked against the mpmath reference (default: 4, about 3 s each)")
    parser.add_argument("--tightness-budget", type=positive_int, default=48_000, metavar="N",
                        help="instances of each batched screen that measures how tight the lemma searches get from "
                        "random starts alone (default: 48000, about 10 s in all)")


def run(args: argparse.Namespace) -> int:
    """Measure, with progress on standard error; the figures on standard output."""
    from proofs_check.studies.bench import report, run_benchmark

    figures = run_benchmark(instances=args.instances, reference_subset=args.reference_subset,
                            tightness_budget=args.tightness_budget,
                            progress=lambda message: print(message, file=sys.stderr, flush=True))
    print(json.dumps(figures, indent=2) if args.json else report(figures))
    return 0
