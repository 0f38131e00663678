"""The ``lazycheck`` command line (also ``python -m proofs_check``): one module per command.

:func:`console` is the console script. Before anything loads numpy it decides the BLAS threads: a
ledger run (``verify`` or ``notes``) gets one BLAS thread per process. In two lanes, its matrices are small and two
thread pools on two cores slow each other down; with ``--serial`` too, because the order of a BLAS reduction
depends on the number of threads, and the report must be the same, to the last bit, as the two-lane run's. This
package's ``__init__`` imports nothing else, so that the setting takes effect.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence

#: The commands that run the ledger (in two lanes, unless --serial).
TWO_LANE_COMMANDS = ("verify", "notes")


def limit_blas_threads(argv: Sequence[str]) -> bool:
    """Set OPENBLAS_NUM_THREADS=1 (unless set) for a ledger run, two-lane or serial; True when it did, or already
    was set.

    It only takes effect before numpy is first imported, which is why :func:`console` calls it first.
    """
    arguments = list(argv)
    command = next((a for a in arguments if not a.startswith("-")), None)
    if command not in TWO_LANE_COMMANDS:
        return False
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``lazycheck`` with ``argv``; returns the exit code (see :mod:`proofs_check.cli.app`)."""
    from proofs_check.cli.app import main as run

    return run(argv)


def console() -> None:
    """Console-script entry point: limit the BLAS threads if needed, then exit with :func:`main`'s code; when
    standard output was closed by its reader, die by SIGPIPE, quietly, as Unix tools do."""
    limit_blas_threads(sys.argv[1:])
    code = main()
    if code == 141 and hasattr(signal, "SIGPIPE"):  # app.BROKEN_PIPE (app is not imported here; see above)
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGPIPE)
    sys.exit(code)
