"""``lazycheck what-if CLAIM_ID --bound EXPR``: a variant of a bound, checked with the claim's own search."""

from __future__ import annotations

import argparse
import json
import math
import sys

from proofs_check.cli.common import UsageError, positive_int
from proofs_check.search.whatif import (WHAT_IF_EXAMPLES, WhatIfError, WhatIfResult, ratio_text, replay, same_claim,
                                        supported, symbols_of, validate, what_if)
from proofs_check.settings import RunConfig


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "what-if", help="check a variant of a lemma's bound or a theorem's constant with the claim's search",
        description="Check a variant bound of a claim over the claim's instance space with the same adversarial "
        "search. The bound is a finite real expression over the claim's symbols (--list-symbols); oo, nan, I, 1/0, "
        "1e400 and expressions undefined somewhere in the domain are usage errors. A refuted variant's "
        "counterexample (the violating instance with the largest ratio) is printed as a table of its parameters, "
        "and written to a replay file in lazycheck's cache ($LAZYCHECK_CACHE, else $XDG_CACHE_HOME/lazycheck, "
        "else ~/.cache/lazycheck; in replays/) that 'lazycheck what-if --replay FILE' re-checks.",
        epilog="exit codes: 0 the variant holds (on the replayed instance, with --replay), 1 it is refuted, 2 a "
        "usage error (unknown claim, a bound that is no finite real expression, an unreadable replay file). A "
        "bound that starts with '-' is written with '=': --bound=-t.",
    )
    parser.add_argument("claim_id", metavar="CLAIM_ID", nargs="?",
                        help="one of: " + ", ".join(supported()) + " (with --replay: the file's)")
    parser.add_argument("--bound", metavar="EXPR",
                        help='the variant bound, e.g. "sqrt(nu/mu)*d0*exp(-mu*lam*t/2)"; one that starts with "-" '
                        "as --bound=-t (with --replay: default the file's)")
    parser.add_argument("--list-symbols", action="store_true", help="print the symbols the bound may use")
    parser.add_argument("--max-examples", type=positive_int, default=WHAT_IF_EXAMPLES, metavar="N",
                        help=f"examples of the adversarial search (default: {WHAT_IF_EXAMPLES})")
    parser.add_argument("--seed", type=int, default=None, metavar="N",
                        help="seed of the search (default: derandomized); the same seed gives the same answer")
    parser.add_argument("--replay", metavar="FILE",
                        help="re-check the counterexample saved in FILE (printed by a refuted run) instead of "
                        "searching; exit 1 if the bound still fails there")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object (status, ratio, searched, ranges, counterexample, replay) on "
                        "standard output instead of the text; progress goes to standard error")


def run(args: argparse.Namespace) -> int:
    """0 when the variant holds, 1 when refuted, 2 for bad input."""
    try:
        if args.replay:
            result = replay(args.replay, args.bound)
            if args.claim_id and not same_claim(args.claim_id, result.claim_id):
                raise WhatIfError(f"{args.replay!r} replays {result.claim_id}, not {args.claim_id}")
        else:
            if not args.claim_id:
                raise WhatIfError("give CLAIM_ID (one of: " + ", ".join(supported()) + ") or --replay FILE")
            if args.list_symbols:
                return _print_symbols(args.claim_id, args.json)
            if not args.bound:
                raise WhatIfError("give --bound EXPR (or --list-symbols); write a bound that starts with '-' as "
                                  "--bound=-t")
            validate(args.claim_id, args.bound)
            print(f"searching {args.max_examples} instances ...", file=sys.stderr, flush=True)
            result = what_if(args.claim_id, args.bound, RunConfig(seed=args.seed, max_examples=args.max_examples))
    except WhatIfError as error:
        raise UsageError(f"lazycheck what-if: {error}") from None
    print(json.dumps(as_json(result, args), indent=2) if args.json else render(result))
    return 0 if result.ok else 1


def _print_symbols(claim_id: str, as_json: bool) -> int:
    symbols = symbols_of(claim_id)
    print(json.dumps(dict(symbols), indent=2) if as_json else "\n".join(f"{name:12} {text}" for name, text in symbols))
    return 0


def render(result: WhatIfResult) -> str:
    """The text report: the verdict with the worst ratio, the ranges searched, the counterexample's table and its
    replay command."""
    verdict = "holds" if result.ok else "refuted"
    if result.searched == 1:  # a replay
        lines = [f"{result.ref}: {verdict} at the replayed instance (ratio {ratio_text(result.ratio)})"]
    else:
        lines = [f"{result.ref}: {verdict} (worst ratio {ratio_text(result.ratio)} over {result.searched} instances"
                 + (", at the counterexample below)" if result.parameters else ")")]
        lines.append("searched: " + "; ".join(f"{name} {value}" for name, value in result.ranges))
    if result.parameters:
        table = dict(result.parameters)
        note = ""
        if "ratio" in table and table["ratio"] != ratio_text(result.ratio):
            note = (f"; its ratio {table['ratio']} is below the worst ratio, which was seen where the excess is "
                    "within the integrator's error estimate")
        lines.append("instance:" if result.searched == 1 else
                     f"counterexample (the violating instance with the largest ratio{note}):")
        width = max(len(name) for name in table)
        lines += [f"  {name:{width}}  {value}" for name, value in table.items()]
    if not result.ok and result.replay:
        lines.append(f"replay: {result.replay[0]}")
    return "\n".join(lines)


def _number(value):
    """A float for JSON: finite as a number, inf and nan as text."""
    return value if value is None or math.isfinite(value) else str(value)


def _value(text: str):
    """A table entry for JSON: a number where it is one."""
    try:
        return int(text) if text.isdigit() else _number(float(text))
    except ValueError:
        return text


def as_json(result: WhatIfResult, args: argparse.Namespace) -> dict:
    """The JSON object of ``--json``."""
    return {
        "claim": result.claim_id, "bound": result.bound_text, "status": "holds" if result.ok else "refuted",
        "ok": result.ok, "ratio": _number(result.ratio), "searched": result.searched, "ranges": dict(result.ranges),
        "counterexample": {name: _value(text) for name, text in result.parameters} or None,
        "replay": None if result.ok else result.replay[0],
        "replay_file": result.replay_file, "detail": result.detail,
        "seed": args.seed, "max_examples": None if args.replay else args.max_examples,
    }
