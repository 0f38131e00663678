"""``lazycheck proof CLAIM_ID [--json | --latex] [--step LABEL]`` and ``lazycheck errata [--json]``."""

from __future__ import annotations

import argparse
import json
import sys

from proofs_check.cli.common import UsageError
from proofs_check.proofs import PROOF_IDS
from proofs_check.proofs.catalog import chain_context, proof, run_proof
from proofs_check.proofs.chain import ProofReport, errata_of, run_chain, run_step
from proofs_check.report.proofs import erratum_json, erratum_text, proof_json, proof_latex, proof_text
from proofs_check.settings import RunConfig


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "proof", help="print a proof as its checked step chain",
        description="Run every step of a proof of chizat-bach or smith and print the chain: a mark per step "
        "(holds, fails, gap), the kind of check (identity, inequality, analytic, reference; +coq when a Coq lemma "
        "machine-checks the step, shown with the statement the kernel checked), and the residual, certificate, worst "
        "ratio or counterexample. Whether each step's status is the one lazycheck expects (an erratum of the text "
        "is an expected 'fails' or 'gap') is printed at the end.",
        epilog="exit codes: 0 every step run holds; 1 some step fails or has a gap (a text's erratum, or a defect of "
        "the check when the status line says it is unexpected); 2 a usage error.",
    )
    parser.add_argument("claim_id", metavar="CLAIM_ID", help="one of: " + ", ".join(PROOF_IDS))
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the chain as JSON")
    output.add_argument("--latex", action="store_true", help="print the chain as a LaTeX fragment")
    parser.add_argument("--step", metavar="LABEL", help="run and print only this step (replays an erratum)")


def run(args: argparse.Namespace) -> int:
    """Run and print a chain; exit 0 when every step run holds, 1 when a step fails or has a gap."""
    if args.claim_id not in PROOF_IDS:
        raise UsageError(f"lazycheck proof: unknown claim id {args.claim_id!r}; valid ids: {', '.join(PROOF_IDS)}")
    chain, context = proof(args.claim_id), chain_context(RunConfig())
    if args.step is not None:
        try:
            step = chain.step(args.step)
        except KeyError as error:
            raise UsageError(f"lazycheck proof: {error.args[0]}") from None
        report = ProofReport(chain, (run_step(step, context),), 0.0)
    else:
        print(f"running {len(chain.steps)} steps of {args.claim_id} ...", file=sys.stderr, flush=True)
        report = run_chain(chain, context)
    if args.json:
        print(json.dumps(proof_json(report), indent=2))
    else:
        print(proof_latex(report) if args.latex else proof_text(report))
    expectation = "as lazycheck expects" if report.as_expected else "UNEXPECTED: a defect of lazycheck's checks"
    print(f"{args.claim_id}: {report.status}; every step's status {expectation}", file=sys.stderr)
    return 0 if report.status == "holds" and report.as_expected else 1


def add_errata_parser(commands) -> None:
    parser = commands.add_parser(
        "errata", help="list the errata found in the proofs",
        description="Run every proof chain and list each step that fails or has a gap: the wording, why it is "
        "wrong, the counterexample, the correction, whether the conclusion survives, and a replay command.",
        epilog="exit codes: 0 every chain ran with the statuses lazycheck expects (the errata listed are the "
        "texts'); 1 some step has an unexpected status or a Coq check failed (a defect of lazycheck's checks, "
        "named on standard error); 2 a usage error.",
    )
    parser.add_argument("--json", action="store_true", help="print the errata as JSON")


def run_errata(args: argparse.Namespace) -> int:
    """Every failing or gap step of every proof."""
    found, unexpected, config = [], [], RunConfig()
    for index, proof_id in enumerate(PROOF_IDS, 1):
        print(f"[{index}/{len(PROOF_IDS)}] {proof_id} ...", file=sys.stderr, flush=True)
        report = run_proof(proof_id, config)
        found += errata_of(report)
        unexpected += [] if report.as_expected else [proof_id]
    if args.json:
        print(json.dumps([erratum_json(e) for e in found], indent=2))
    else:
        print("\n\n".join(erratum_text(e) for e in found))
        print(f"\n{len(found)} errata ({sum(e.status == 'fails' for e in found)} fail, "
              f"{sum(e.status == 'gap' for e in found)} gaps)")
    if unexpected:
        print(f"UNEXPECTED step statuses in {', '.join(unexpected)}: run 'lazycheck proof ID' for each",
              file=sys.stderr)
    return 1 if unexpected else 0
