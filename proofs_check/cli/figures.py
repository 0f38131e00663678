"""``lazycheck figures [--quick] [--only NAME ...] [--out DIR]``: chizat-bach Section 5, one PNG and JSON per panel."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from proofs_check.cli.common import UsageError, prepare_output_directory
from proofs_check.ledger import select
from proofs_check.report.markdown import marks
from proofs_check.settings import RunConfig
from proofs_check.studies.section5.claims import CLAIMS, SWEPT_CLAIMS, check_on, data_directory, sweep_claim
from proofs_check.studies.section5.protocols import PANELS, SWEEPS


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "figures", help="reproduce the experiments of chizat-bach Section 5 (PNG and JSON per panel)",
        description="Train two-layer ReLU networks as in chizat-bach Section 5 and write NAME.png and NAME.json "
        "(the plotted data, the protocol, the step sizes) for each panel, then check the Section 5 claims of "
        "the ledger on the new data. On an idle 2-core machine the full protocol takes about 7 minutes (about 11 "
        "minutes on a loaded one), --quick about 80 s, --sweep figure-6a about 15 minutes.",
        epilog="exit codes: 0 every Section 5 claim checked on the new data has the ledger's status (an experiment "
        "the ledger records as not reproduced under the text's protocol counts as expected); 1 some claim "
        "differs; 2 a usage error, such as an --out directory that cannot be written (checked before any work).",
    )
    parser.add_argument("--quick", action="store_true", help="reduced sizes (the reductions are printed)")
    parser.add_argument("--only", nargs="+", metavar="NAME", default=None,
                        help="produce only these panels: " + ", ".join(PANELS))
    parser.add_argument("--sweep", nargs="+", metavar="NAME", default=None, choices=tuple(SWEEPS),
                        help="instead of the panels, run the sweep of protocols of these panels (the parameters the "
                        "text leaves unstated, varied) and write NAME-sweep.json: " + ", ".join(SWEEPS) +
                        " (about 15 minutes on an idle 2-core machine)")
    parser.add_argument("--out", metavar="DIR", default=None,
                        help="output directory, created if missing (default: the package's Section 5 data directory, "
                        "which the ledger reads, or its quick/ subdirectory with --quick)")


def _output_directory(args: argparse.Namespace) -> Path:
    """--out, or the package's data directory; created and checked writable before any work."""
    default = data_directory() / "quick" if args.quick else data_directory()
    if args.out is None and not default.is_dir():
        raise UsageError(f"lazycheck figures: no data directory {str(default)!r} in this installation; give --out DIR")
    try:
        return prepare_output_directory("figures", default if args.out is None else args.out)
    except UsageError as error:
        hint = "" if args.out is not None else "; give --out DIR"
        raise UsageError(f"{error}{hint}") from None


def run(args: argparse.Namespace) -> int:
    """Produce the panels, then check the Section 5 claims on them (exit 1 if a claim's status is unexpected)."""
    unknown = sorted(set(args.only or ()) - set(PANELS))
    if unknown:
        raise UsageError(f"lazycheck figures: unknown panel {', '.join(unknown)}; valid names: {', '.join(PANELS)}")
    out = _output_directory(args)
    # matplotlib is loaded only to draw
    from proofs_check.studies.section5.production import produce

    if args.sweep:
        return _sweep(args.sweep, out)
    produced = produce(args.only or PANELS, quick=args.quick, out=out, log=sys.stderr)
    outcomes = [_report(claim_id, check_on(claim_id, produced[panel]))
                for claim_id, (panel, _) in CLAIMS.items() if panel in produced]
    return _summary(outcomes, out)


def _report(claim_id: str, result) -> str:
    """Print one claim's outcome on new data and return it: "reproduced", "not reproduced" (an experiment whose
    effect did not appear, neutral mark) or "failed", with " (UNEXPECTED)" when it differs from the ledger's."""
    good, bad = marks(sys.stdout)
    (entry,) = select([claim_id])
    status = "reproduced" if result.ok else ("not reproduced" if entry.experiment else "failed")
    expected = result.ok or _not_reproduced_as_recorded(entry)
    mark = good if result.ok else ("~" if entry.experiment else bad)
    print(f"{mark} {claim_id}: {status}{'' if expected else ' (UNEXPECTED)'}: {result.detail}")
    return status + ("" if expected else " (UNEXPECTED)")


def _not_reproduced_as_recorded(entry) -> bool:
    """An experiment the ledger records as reproduced only under protocols the text leaves unstated (its sweep): the
    text's own protocol not reproducing it is what the ledger says."""
    return entry.experiment and entry.id in SWEPT_CLAIMS


def _summary(outcomes: list[str], out: Path) -> int:
    """The closing line: how many claims were checked on the new data and how they came out; 1 if any is
    unexpected."""
    tally = {outcome: outcomes.count(outcome) for outcome in dict.fromkeys(outcomes)}
    unexpected = sum(n for outcome, n in tally.items() if outcome.endswith("(UNEXPECTED)"))
    print(f"{len(outcomes)} Section 5 claims checked on the data in {out}: "
          + ", ".join(f"{n} {outcome}" for outcome, n in tally.items())
          + ("; all as the ledger records" if not unexpected else "; exit 1"))
    return 1 if unexpected else 0


def _sweep(panels: list[str], out: Path) -> int:
    """Run the sweeps of ``panels`` and check their claims on them (exit 1 if a status is unexpected)."""
    from proofs_check.studies.section5.production import produce_sweep

    for panel in panels:
        produce_sweep(panel, out=out, log=sys.stderr)
    outcomes = [_report(claim_id, sweep_claim(RunConfig(), claim_id, out))
                for claim_id, (panel, _) in CLAIMS.items() if panel in panels and claim_id in SWEPT_CLAIMS]
    return _summary(outcomes, out)
