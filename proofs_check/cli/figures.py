"""``lazycheck figures [--quick] [--only NAME ...] [--out DIR]``: chizat-bach Section 5, one PNG and JSON per panel."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from proofs_check.cli.common import UsageError
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
        "the ledger on the new data. The full protocol takes about 7 minutes; --quick about 80 s.",
    )
    parser.add_argument("--quick", action="store_true", help="reduced sizes (the reductions are printed)")
    parser.add_argument("--only", nargs="+", metavar="NAME", default=None,
                        help="produce only these panels: " + ", ".join(PANELS))
    parser.add_argument("--sweep", nargs="+", metavar="NAME", default=None, choices=tuple(SWEEPS),
                        help="instead of the panels, run the sweep of protocols of these panels (the parameters the "
                        "text leaves unstated, varied) and write NAME-sweep.json: " + ", ".join(SWEEPS) +
                        " (about 15 minutes)")
    parser.add_argument("--out", metavar="DIR", default=None,
                        help="output directory (default: the package's Section 5 data directory, which the ledger "
                        "reads, or its quick/ subdirectory with --quick)")


def _output_directory(args: argparse.Namespace) -> Path:
    """--out, or the package's data directory; checked usable before any work."""
    default = data_directory() / "quick" if args.quick else data_directory()
    out = default if args.out is None else Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"lazycheck figures: --out {str(out)!r} is not a directory")
    existing = next((parent for parent in (out, *out.parents) if parent.exists()), None)
    if existing is None or not existing.is_dir() or not _writable(existing):
        raise UsageError(f"lazycheck figures: cannot write to {str(out)!r}; give --out DIR")
    return out


def _writable(directory: Path) -> bool:
    import os

    return os.access(directory, os.W_OK | os.X_OK)


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
    unexpected = 0
    for claim_id, (panel, _) in CLAIMS.items():
        if panel in produced:
            unexpected += _report(claim_id, check_on(claim_id, produced[panel]))
    return 1 if unexpected else 0


def _report(claim_id: str, result) -> bool:
    """Print one claim's outcome on new data; True when it differs from the ledger's expected status. An
    experiment not reproduced is reported as such (with a neutral mark), not as a failure."""
    good, bad = marks(sys.stdout)
    (entry,) = select([claim_id])
    status = "reproduced" if result.ok else ("not reproduced" if entry.experiment else "FAILED")
    expected = entry.expected in ("empirical", "verified")
    mark = good if result.ok else ("~" if entry.experiment else bad)
    print(f"{mark} {claim_id}: {status}{'' if result.ok == expected else ' (UNEXPECTED)'}: {result.detail}")
    return result.ok != expected


def _sweep(panels: list[str], out: Path) -> int:
    """Run the sweeps of ``panels`` and check their claims on them (exit 1 if a status is unexpected)."""
    from proofs_check.studies.section5.production import produce_sweep

    for panel in panels:
        produce_sweep(panel, out=out, log=sys.stderr)
    unexpected = sum(_report(claim_id, sweep_claim(RunConfig(), claim_id, out))
                     for claim_id, (panel, _) in CLAIMS.items() if panel in panels and claim_id in SWEPT_CLAIMS)
    return 1 if unexpected else 0
