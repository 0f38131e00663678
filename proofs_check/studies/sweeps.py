"""How far the measured sweeps of the ledger reach, by depth.

``lazycheck verify`` runs the ``ci`` grids; ``lazycheck verify --profile thorough`` runs the
``thorough`` grids, which extend each sweep by about half a decade or more at the end where the
claim is asymptotic. The ``fast`` profile uses the ``ci`` grids: a rate needs its decades. The
depth comes from the run configuration (:attr:`proofs_check.settings.RunConfig.depth`).
"""

from __future__ import annotations

GRIDS: dict[str, dict[str, tuple]] = {
    # chizat-bach Theorem 3.2 / smith Theorems 2.2, 2.4 and Proposition A.1 on the tanh network (alpha)
    "network-alphas": {"ci": (3.0, 10.0, 30.0, 100.0, 300.0),
                       "thorough": (3.0, 10.0, 30.0, 100.0, 300.0, 1000.0, 3000.0)},
    "held-out-alphas": {"ci": (10.0, 30.0, 100.0, 300.0), "thorough": (10.0, 30.0, 100.0, 300.0, 1000.0, 3000.0)},
    # chizat-bach Theorem 3.4 (alpha), per case
    "curve-alphas": {"ci": (3.0, 10.0, 30.0, 100.0, 300.0), "thorough": (3.0, 10.0, 30.0, 100.0, 300.0, 1000.0, 3000.0)},
    "underparameterized-network-alphas": {"ci": (10.0, 30.0, 100.0, 300.0, 1000.0),
                                          "thorough": (10.0, 30.0, 100.0, 300.0, 1000.0, 3000.0)},
    # chizat-bach Section 4.2.2 (width m) and the Monte-Carlo kernels of (4) (width m)
    "scaling-widths": {"ci": (10, 40, 160, 640, 2560, 10240), "thorough": (10, 40, 160, 640, 2560, 10240, 40960)},
    "kernel-widths": {"ci": (100, 400, 1600, 6400, 25600), "thorough": (100, 400, 1600, 6400, 25600, 102400)},
    # smith Section 4 (initialization scale; above 10 the flow is too stiff for an explicit integrator)
    "sparse-scales": {"ci": (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0),
                      "thorough": (0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)},
    # smith Section 2 (alpha)
    "time-change-alphas": {"ci": (4.0, 16.0, 64.0), "thorough": (4.0, 16.0, 64.0, 256.0, 1024.0)},
}


def grid(name: str, depth: str) -> tuple:
    """The grid ``name`` at ``depth`` ("ci" or "thorough")."""
    return GRIDS[name][depth]


def span(values) -> str:
    """A grid as a range, for the ``ranges`` field of a result: "3..300 (5 values)"."""
    return f"{values[0]:g}..{values[-1]:g} ({len(values)} values)"
