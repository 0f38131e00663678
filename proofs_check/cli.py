"""The ``lazycheck`` command line (also ``python -m proofs_check``).

Commands:

- ``lazycheck derive [NAME ...] [--json | --latex]`` prints the symbolic derivations.
- ``lazycheck verify [--json FILE]`` is the main job. Until the claims ledger exists it
  runs every derivation and reports each one's checks and its agreement with the texts.
- ``lazycheck bench [--json] [--instances N]`` measures the batched flow against scipy
  and the mpmath reference.

Exit codes: 0 success; 1 a check failed or crashed; 2 a usage error (one line on
stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence

from proofs_check import render, sweeps


#: Examples per numeric claim in ``lazycheck verify``'s adversarial search, by profile.
PROFILE_EXAMPLES = {"fast": 10, "ci": 30, "thorough": 300}


class UsageError(Exception):
    """A usage error: reported on one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    """argparse with one-line usage errors (no usage block) and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: error: {message}")


def _derivation_names() -> tuple[str, ...]:
    from symbolic import names

    return names()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with help for every option."""
    parser = _Parser(
        prog="lazycheck",
        description="Formal-verification and symbolic companion to the theory of lazy training "
        "(chizat-bach and smith). Run 'lazycheck verify' for the main job.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    derive = commands.add_parser(
        "derive", help="print the SymPy derivations, with a check mark per step",
        description="Print SymPy derivations: the derived expression, each step with its check "
        "(pass/fail and residual), and whether each source text agrees as written.",
    )
    derive.add_argument("names", nargs="*", metavar="NAME",
                        help="derivations to print (default: all). Valid names: " + ", ".join(_derivation_names()))
    output = derive.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true",
                        help="print a JSON list of {name, expression, steps, agrees_with, ...} objects")
    output.add_argument("--latex", action="store_true", help="print LaTeX fragments instead of text")

    verify = commands.add_parser(
        "verify", help="run every check and report (the main job)",
        description="Run every derivation's checks, report each one's steps and its agreement with the "
        "texts, and exit 0 only if every step is verified.",
    )
    verify.add_argument("--json", metavar="FILE", dest="json_file",
                        help="also write the full results as JSON to FILE ('-' for standard output)")
    verify.add_argument("--claim", action="append", dest="claims", metavar="ID",
                        help="run only the claims whose id matches ID (repeatable; globs such as 'smith/*' work)")
    verify.add_argument("--profile", choices=tuple(PROFILE_EXAMPLES), default="ci",
                        help="search depth of the numeric claims: fast, ci (default) or thorough; thorough also "
                        "extends the measured sweeps (alpha, width, scale grids) of proofs_check.sweeps")
    verify.add_argument("--seed", type=int, default=None, metavar="N",
                        help="seed of the adversarial searches (default: derandomized); the same seed gives the "
                        "same report")
    verify.add_argument("--max-examples", type=_positive_int, default=None, metavar="N",
                        help="examples per numeric claim, overriding the profile")
    verify.add_argument("--list", action="store_true", help="list the claim ids of the ledger and exit")
    verify.add_argument("--serial", action="store_true",
                        help="run the proof chains in this process after the other checks, instead of in a "
                        "parallel worker (same report, slower)")
    proof = commands.add_parser(
        "proof", help="print a proof as its checked step chain",
        description="Run every step of a proof of chizat-bach or smith and print the chain: a mark per step "
        "(holds, fails, gap), the kind of check (identity, inequality, analytic, reference), and the residual, "
        "certificate, worst ratio or counterexample.",
    )
    proof.add_argument("claim_id", metavar="CLAIM_ID", help="one of: " + ", ".join(_proof_ids()))
    proof_output = proof.add_mutually_exclusive_group()
    proof_output.add_argument("--json", action="store_true", help="print the chain as JSON")
    proof_output.add_argument("--latex", action="store_true", help="print the chain as a LaTeX fragment")
    proof.add_argument("--step", metavar="LABEL", help="run and print only this step (replays an erratum)")

    errata = commands.add_parser(
        "errata", help="list the errata found in the proofs",
        description="Run every proof chain and list each step that fails or has a gap: the wording, why it is "
        "wrong, the counterexample, the correction, whether the conclusion survives, and a replay command.",
    )
    errata.add_argument("--json", action="store_true", help="print the errata as JSON")

    what_if = commands.add_parser(
        "what-if", help="check a variant of a lemma's bound with the lemma's adversarial search",
        description="Check a variant bound of a claim over the claim's instance space with the same adversarial "
        "search: it passes with the worst ratio found (exit 0) or is refuted with a shrunk counterexample and a "
        "replay command (exit 1).",
    )
    what_if.add_argument("claim_id", metavar="CLAIM_ID", help="one of: chizat-bach/lemma-3.3, smith/lemma-B.1, "
                         "chizat-bach/lemma-A.1, smith/lemma-B.2, chizat-bach/theorem-3.2/constant-M, "
                         "smith/theorem-2.4/constant-C0, chizat-bach/theorem-3.2/radius-r0")
    what_if.add_argument("--bound", metavar="EXPR", help='the variant bound, e.g. "sqrt(nu/mu)*d0*exp(-mu*lam*t/2)"')
    what_if.add_argument("--list-symbols", action="store_true", help="print the symbols the bound may use")
    what_if.add_argument("--max-examples", type=_positive_int, default=100, metavar="N",
                         help="examples of the adversarial search (default: 100)")

    bench = commands.add_parser(
        "bench", help="measure the batched flow against scipy's DOP853 and the mpmath reference",
        description="Time the batched flow and a loop of scipy.integrate.solve_ivp(DOP853, rtol=1e-10, "
        "atol=1e-12) on the same random instances (n = 4, T = 10, smooth Sigma(t)), compare both with the "
        "30-digit mpmath reference on a subset, and time one Lemma 3.3 check (n = 8, piecewise-constant Sigma).",
    )
    bench.add_argument("--json", action="store_true", help="print the figures as JSON "
                       "(speedup_vs_scipy, max_rel_error, ...)")
    bench.add_argument("--instances", type=_positive_int, default=1000, metavar="N",
                       help="number of random instances (default: 1000)")
    bench.add_argument("--reference-subset", type=_positive_int, default=4, metavar="M",
                       help="instances checked against the mpmath reference (default: 4, about 3 s each)")

    notes = commands.add_parser(
        "notes", help="regenerate the teaching notes (notes/*.md) from the ledger",
        description="Run the ledger as 'lazycheck verify' does (profile ci, derandomized) and the proof chains, and "
        "write one Markdown note per main result (statement, checked step chain, SymPy derivations, numeric "
        "evidence, figures, errata) and an index, notes/README.md, of every ledger entry with its status. "
        "Takes about 40 s.",
    )
    notes.add_argument("--out", metavar="DIR", default=None,
                       help="the notes directory (default: the repository's notes/ directory next to the package)")
    notes.add_argument("--check", action="store_true",
                       help="write nothing; list the stale, missing or extra note files and exit 1 if there are "
                       "any, 0 if the notes are current")

    figures = commands.add_parser(
        "figures", help="reproduce the experiments of chizat-bach Section 5 (PNG and JSON per panel)",
        description="Train two-layer ReLU networks as in chizat-bach Section 5 and write NAME.png and NAME.json "
        "(the plotted data, the protocol, the step sizes) for each panel, then check the Section 5 claims of "
        "the ledger on the new data. The full protocol takes about 15 minutes; --quick about 20 s to 2 minutes.",
    )
    figures.add_argument("--quick", action="store_true", help="reduced sizes (the reductions are printed)")
    figures.add_argument("--only", nargs="+", metavar="NAME", default=None,
                         help="produce only these panels: figure-1a, figure-1b, figure-1c, figure-4, figure-5, "
                         "figure-6a, figure-6b")
    figures.add_argument("--out", metavar="DIR", default=None,
                         help="output directory (default: notes/figures, or notes/figures/quick with --quick; the "
                         "ledger reads notes/figures)")
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def _proof_ids() -> tuple[str, ...]:
    from proofs_check.proofs import proof_ids

    return proof_ids()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("lazycheck")
    except PackageNotFoundError:
        return "unknown"


def run_derive(args: argparse.Namespace) -> int:
    """``lazycheck derive``: print derivations; exit 1 if a step fails."""
    from symbolic import derive

    valid = _derivation_names()
    unknown = [name for name in args.names if name not in valid]
    if unknown:
        raise UsageError(f"lazycheck derive: unknown derivation {unknown[0]!r}; valid names: {', '.join(valid)}")
    derivations = [derive(name) for name in (args.names or valid)]
    if args.json:
        print(json.dumps([render.derivation_json(d) for d in derivations], indent=2))
    else:
        show = render.derivation_latex if args.latex else render.derivation_text
        print("\n\n".join(show(d) for d in derivations))
    return 0 if all(d.ok for d in derivations) else 1


def _one_blas_thread() -> None:
    """Before a two-lane ledger run: one BLAS thread per lane (the matrices are small), or the lanes' thread
    pools contend for the two cores. Takes effect only before numpy is first imported."""
    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def run_verify(args: argparse.Namespace) -> int:
    """``lazycheck verify``: derivations, then every ledger entry, with progress; exit 0 when all are as expected."""
    if not args.serial:
        _one_blas_thread()
    from symbolic import derive

    from proofs_check.ledger import select
    from proofs_check.runner import run_ledger

    if args.list:
        from proofs_check.ledger import ledger

        print("\n".join(f"{e.id:48} expected {e.expected:10} {e.location}" for e in ledger()))
        return 0
    entries = select(args.claims)
    if args.claims and not entries:
        from proofs_check.ledger import ledger

        raise UsageError(f"lazycheck verify: no claim matches {', '.join(args.claims)}; ids look like "
                         f"{', '.join(e.id for e in ledger()[:4])}, ... (see lazycheck verify --list)")
    if args.json_file and args.json_file != "-":
        _check_writable(args.json_file)
    examples = args.max_examples or PROFILE_EXAMPLES[args.profile]
    good, bad = render.marks(sys.stderr)
    results = []

    def derivations():
        for index, name in enumerate(_derivation_names(), 1):
            start = time.perf_counter()
            try:
                derivation, error = derive(name), None
            except Exception as exc:  # a crashed check is a result to report, not a traceback
                derivation, error = None, f"{type(exc).__name__}: {exc}"
            seconds = time.perf_counter() - start
            ok = derivation is not None and derivation.ok
            print(f"[derivation {index:2d}/{len(_derivation_names())}] {name} {good if ok else bad} {seconds:.2f} s",
                  file=sys.stderr, flush=True)
            results.append((name, derivation, error, seconds))

    claims, errata, _ = run_ledger(entries, max_examples=examples, seed=args.seed, profile=args.profile,
                                parallel=not args.serial, before=derivations)
    print(_verify_table(results))
    print()
    print(_ledger_table(claims, examples))
    print()
    print(_errata_lines(errata))
    if args.json_file:
        from proofs_check import proof_render

        _write_json(args.json_file, _verify_json(results) | {
            "profile": args.profile, "max_examples": examples, "seed": args.seed, "sweep_depth": sweeps.depth_of(args.profile),
            "claims": [c.as_json() for c in claims], "summary_claims": _status_counts(claims),
            "errata": [proof_render.erratum_json(e) for e in errata]})
    symbolic_ok = all(d is not None and d.ok for _, d, _, _ in results)
    return 0 if symbolic_ok and all(c.as_expected for c in claims) else 1


def _errata_lines(errata) -> str:
    lines = [f"{len(errata)} errata in the proofs ({sum(not e.survives for e in errata)} where the conclusion does not "
             "survive); details: lazycheck errata"]
    for erratum in errata:
        lines.append(f"  {erratum.id} [{erratum.status}]: {erratum.wording[:80]}")
        lines.append(f"      replay: {erratum.replay}")
    return "\n".join(lines)


def _status_counts(claims) -> dict[str, int]:
    from proofs_check.ledger import STATUSES

    return {status: sum(c.status == status for c in claims) for status in STATUSES + ("crashed",)}


def _ledger_table(claims, examples: int) -> str:
    header = f"{'claim':46} {'status':10} {'checks':28} {'worst/witness':>15} {'time':>6}"
    rows = [header, "-" * len(header)]
    for c in claims:
        status = c.status + ("" if c.as_expected else "!")
        checks = ",".join(sorted({check["kind"] for check in c.checks})) or "-"
        ratios = "" if c.worst_ratio is None else f"{c.worst_ratio:.4f}/{c.witness_ratio:.4f}"
        rows.append(f"{c.entry.id:46} {status:10} {checks:28} {ratios:>15} {c.seconds:5.1f}s")
        for check in c.checks:
            if check["kind"] == "measured" and check["ok"]:
                rows.append(f"    measured: {check['detail'][:150]}")
            if check.get("counterexample"):
                rows.append(f"    counterexample ({check['ref']}): {check['counterexample'][:150]}")
            for command in check.get("replay", []):
                rows.append(f"    replay: {command}")
    counts = ", ".join(f"{n} {s}" for s, n in _status_counts(claims).items() if n)
    unexpected = [c.entry.id for c in claims if not c.as_expected]
    rows.append(f"{len(claims)} claims: {counts}; "
                + ("all as expected" if not unexpected else f"UNEXPECTED (marked !): {', '.join(unexpected)}"))
    rows.append(f"worst/witness: largest observed/bound of the adversarial search ({examples} examples) and on the "
                "constructed near-extremal instance; pending claims belong to later issues")
    return "\n".join(rows)


def run_proof_command(args: argparse.Namespace) -> int:
    """``lazycheck proof ID``: run and print a chain; exit 1 if a step has an unexpected status."""
    from proofs_check import proof_render
    from proofs_check.chain import ProofReport, run_chain, run_step
    from proofs_check.proofs import proof, proof_ids

    if args.claim_id not in proof_ids():
        raise UsageError(f"lazycheck proof: unknown claim id {args.claim_id!r}; valid ids: {', '.join(proof_ids())}")
    chain = proof(args.claim_id)
    if args.step is not None:
        steps = [s for s in chain.steps if s.label == args.step]
        if not steps:
            raise UsageError(f"lazycheck proof: {args.claim_id} has no step {args.step!r}; steps: "
                             f"{', '.join(s.label for s in chain.steps)}")
        report = ProofReport(chain, (run_step(steps[0]),), 0.0)
    else:
        print(f"running {len(chain.steps)} steps of {args.claim_id} ...", file=sys.stderr, flush=True)
        report = run_chain(chain)
    if args.json:
        print(json.dumps(proof_render.proof_json(report), indent=2))
    else:
        print(proof_render.proof_latex(report) if args.latex else proof_render.proof_text(report))
    return 0 if report.as_expected else 1


def run_errata(args: argparse.Namespace) -> int:
    """``lazycheck errata``: every failing or gap step of every proof."""
    from proofs_check import proof_render
    from proofs_check.chain import errata_of
    from proofs_check.proofs import proof_ids, run_proof

    found = []
    for index, proof_id in enumerate(proof_ids(), 1):
        print(f"[{index}/{len(proof_ids())}] {proof_id} ...", file=sys.stderr, flush=True)
        found += errata_of(run_proof(proof_id))
    if args.json:
        print(json.dumps([proof_render.erratum_json(e) for e in found], indent=2))
    else:
        print("\n\n".join(proof_render.erratum_text(e) for e in found))
        print(f"\n{len(found)} errata ({sum(e.status == 'fails' for e in found)} fail, "
              f"{sum(e.status == 'gap' for e in found)} gaps)")
    return 0


def run_what_if(args: argparse.Namespace) -> int:
    """``lazycheck what-if``: 0 when the variant holds, 1 when refuted, 2 for bad input."""
    from proofs_check.whatif import WhatIfError, symbols_of, validate, what_if

    try:
        if args.list_symbols:
            print("\n".join(f"{name:12} {text}" for name, text in symbols_of(args.claim_id)))
            return 0
        if not args.bound:
            raise WhatIfError("give --bound EXPR (or --list-symbols)")
        validate(args.claim_id, args.bound)
        print(f"searching {args.max_examples} instances ...", file=sys.stderr, flush=True)
        report = what_if(args.claim_id, args.bound, max_examples=args.max_examples)
    except WhatIfError as error:
        raise UsageError(f"lazycheck what-if: {error}") from None
    print(f"{args.claim_id} with bound {args.bound}: {report['status']} "
          f"(worst ratio {report['worst_ratio']:.6g} over {report['examples']} instances)")
    if report["counterexample"]:
        print(f"counterexample: {report['counterexample']['result']}")
        print(f"replay: {report['counterexample']['replay']}")
    return 0 if report["status"] == "holds" else 1


def run_notes(args: argparse.Namespace) -> int:
    """``lazycheck notes``: regenerate the notes from a ledger run; with --check, exit 1 when they are stale."""
    _one_blas_thread()
    from pathlib import Path

    from proofs_check import notes

    directory = notes.default_directory() if args.out is None else Path(args.out)
    if not directory.is_dir():
        hint = "give --out DIR" if args.out is None else "create it first"
        raise UsageError(f"lazycheck notes: no notes directory {str(directory)!r} ({hint})")
    run = notes.collect_run(log=sys.stderr)
    if args.check:
        stale = notes.notes_status(directory, run)
        for name in sorted(stale):
            print(f"stale: {name} ({stale[name]})")
        print(f"{len(stale)} stale note files; run 'lazycheck notes' to regenerate them" if stale
              else "the notes are current", file=sys.stderr)
        return 1 if stale else 0
    written = notes.write_notes(directory, run)
    print(f"wrote {len(written)} files to {directory}: {', '.join(written)}")
    return 0


def run_figures(args: argparse.Namespace) -> int:
    """``lazycheck figures``: produce the panels, then check the Section 5 claims on them (exit 1 if unexpected)."""
    from pathlib import Path

    from proofs_check import figures
    from proofs_check.ledger import select

    unknown = sorted(set(args.only or ()) - set(figures.PANELS))
    if unknown:
        raise UsageError(f"lazycheck figures: unknown panel {', '.join(unknown)}; valid names: "
                         f"{', '.join(figures.PANELS)}")
    default = figures.DATA_DIRECTORY / "quick" if args.quick else figures.DATA_DIRECTORY
    out = default if args.out is None else Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"lazycheck figures: --out {str(out)!r} is not a directory")
    produced = figures.produce(args.only or figures.PANELS, quick=args.quick, out=out, log=sys.stderr)
    good, bad = render.marks(sys.stdout)
    unexpected = 0
    for claim_id, (panel, check) in figures.CLAIMS.items():
        if panel not in produced:
            continue
        ok, detail = check(produced[panel])
        (entry,) = select([claim_id])
        expected = entry.expected == "empirical"
        unexpected += ok != expected
        print(f"{good if ok else bad} {claim_id}{'' if ok == expected else ' (UNEXPECTED)'}: {detail}")
    return 1 if unexpected else 0


def run_bench(args: argparse.Namespace) -> int:
    """``lazycheck bench``: measure, with progress on stderr; the figures on stdout."""
    from proofs_check.bench import report, run_benchmark

    figures = run_benchmark(instances=args.instances, reference_subset=args.reference_subset,
                            progress=lambda message: print(message, file=sys.stderr, flush=True))
    print(json.dumps(figures, indent=2) if args.json else report(figures))
    return 0


def _agreement_cell(derivation, text: str) -> str:
    if text not in derivation.agrees_with:
        return "-"
    return "agrees" if derivation.agrees_with[text] else "DIFFERS"


def _verify_table(results) -> str:
    from symbolic import TEXTS

    header = f"{'derivation':32} {'steps':>7}  " + "  ".join(f"{text:12}" for text in TEXTS) + f"  {'remarks':>8} {'time':>7}"
    rows = [header, "-" * len(header)]
    for name, derivation, error, seconds in results:
        if derivation is None:
            rows.append(f"{name:32} CRASHED  {error}")
            continue
        passed = sum(s.ok for s in derivation.steps)
        cells = "  ".join(f"{_agreement_cell(derivation, text):12}" for text in TEXTS)
        differing = sum(not r.check.ok for r in derivation.remarks)
        rows.append(f"{name:32} {passed:>3}/{len(derivation.steps):<3}  {cells}  {differing:>8} {seconds:>6.2f}s")
    rows.append(_summary_line(results))
    return "\n".join(rows)


def _summary_line(results) -> str:
    done = [d for _, d, _, _ in results if d is not None]
    verified = sum(d.ok for d in done)
    agreements = [ok for d in done for ok in d.agrees_with.values()]
    remarks = sum(not r.check.ok for d in done for r in d.remarks)
    return (f"{len(results)} derivations: {verified} with every step verified, "
            f"{len(results) - verified} failed or crashed; text statements: {sum(agreements)} agree, "
            f"{len(agreements) - sum(agreements)} differ as written; {remarks} intermediate constants differ "
            f"(details: lazycheck derive NAME)")


def _verify_json(results) -> dict:
    entries = []
    for name, derivation, error, seconds in results:
        entry = {"name": name, "seconds": round(seconds, 4), "error": error}
        if derivation is not None:
            entry |= render.derivation_json(derivation) | {"ok": derivation.ok}
        entries.append(entry)
    return {"derivations": entries, "summary": _summary_line(results)}


def _check_writable(path: str) -> None:
    """Fail early, before a long run, if the JSON file cannot be written."""
    import os

    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory) or not os.access(directory, os.W_OK):
        raise UsageError(f"lazycheck verify: cannot write {path!r}: no writable directory {directory!r}")


def _write_json(path: str, payload: dict) -> None:
    text = json.dumps(payload, indent=2)
    if path == "-":
        print(text)
        return
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    except OSError as error:
        raise UsageError(f"lazycheck verify: cannot write {path!r}: {error.strerror}") from None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``lazycheck`` console script. Returns the exit code."""
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            raise UsageError("lazycheck: error: a command is required (choose from 'derive', 'verify', 'proof', "
                             "'errata', 'what-if', 'bench', 'notes', 'figures'); "
                             "see 'lazycheck --help'")
        commands = {"derive": run_derive, "verify": run_verify, "proof": run_proof_command, "errata": run_errata,
                    "what-if": run_what_if, "bench": run_bench, "notes": run_notes,
                    "figures": run_figures}
        return commands[args.command](args)
    except UsageError as error:
        print(str(error), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("lazycheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as error:  # never a traceback at the CLI; LAZYCHECK_DEBUG=1 shows it
        import os

        if os.environ.get("LAZYCHECK_DEBUG"):
            raise
        print(f"lazycheck: internal error: {type(error).__name__}: {error} (set LAZYCHECK_DEBUG=1 for the traceback)",
              file=sys.stderr)
        return 1


def console() -> None:
    """Console-script wrapper: exit with :func:`main`'s code."""
    sys.exit(main())
