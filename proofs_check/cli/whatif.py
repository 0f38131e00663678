"""``lazycheck what-if CLAIM_ID --bound EXPR``: a variant of a bound, checked with the claim's own search."""

from __future__ import annotations

import argparse
import sys

from proofs_check.cli.common import UsageError, positive_int
from proofs_check.search.whatif import WHAT_IF_EXAMPLES, WhatIfError, supported, symbols_of, validate, what_if
from proofs_check.settings import RunConfig


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "what-if", help="check a variant of a lemma's bound or a theorem's constant with the claim's search",
        description="Check a variant bound of a claim over the claim's instance space with the same adversarial "
        "search: it holds with the worst ratio found (exit 0) or is refuted with a shrunk counterexample and a "
        "replay command (exit 1).",
    )
    parser.add_argument("claim_id", metavar="CLAIM_ID", help="one of: " + ", ".join(supported()))
    parser.add_argument("--bound", metavar="EXPR", help='the variant bound, e.g. "sqrt(nu/mu)*d0*exp(-mu*lam*t/2)"')
    parser.add_argument("--list-symbols", action="store_true", help="print the symbols the bound may use")
    parser.add_argument("--max-examples", type=positive_int, default=WHAT_IF_EXAMPLES, metavar="N",
                        help=f"examples of the adversarial search (default: {WHAT_IF_EXAMPLES})")
    parser.add_argument("--seed", type=int, default=None, metavar="N",
                        help="seed of the search (default: derandomized); the same seed gives the same answer")


def run(args: argparse.Namespace) -> int:
    """0 when the variant holds, 1 when refuted, 2 for bad input."""
    try:
        if args.list_symbols:
            print("\n".join(f"{name:12} {text}" for name, text in symbols_of(args.claim_id)))
            return 0
        if not args.bound:
            raise WhatIfError("give --bound EXPR (or --list-symbols)")
        validate(args.claim_id, args.bound)
        print(f"searching {args.max_examples} instances ...", file=sys.stderr, flush=True)
        result = what_if(args.claim_id, args.bound, RunConfig(seed=args.seed, max_examples=args.max_examples))
    except WhatIfError as error:
        raise UsageError(f"lazycheck what-if: {error}") from None
    print(f"{args.claim_id} with bound {args.bound}: {'holds' if result.ok else 'refuted'} "
          f"(worst ratio {result.ratio:.6g} over {result.searched} instances)")
    print("searched: " + "; ".join(f"{name} {value}" for name, value in result.ranges))
    if result.counterexample:
        print(f"counterexample: {result.counterexample}")
        print(f"replay: {result.replay[0]}")
    return 0 if result.ok else 1
