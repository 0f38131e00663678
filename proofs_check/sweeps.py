"""How far the measured sweeps of the ledger reach.

``lazycheck verify`` runs the ``ci`` grids (they fit its 60 s budget); ``lazycheck verify --profile
thorough`` runs the ``thorough`` grids, which extend each sweep by about half a decade or more at the
end where the claim is asymptotic. The ``fast`` profile uses the ``ci`` grids: a rate needs its decades.

Each study takes its grid as an argument (so cached results never mix depths); the ledger reads the
grid here, at the depth chosen by :func:`depth`.
"""

from __future__ import annotations

from contextlib import contextmanager

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

DEPTHS = ("ci", "thorough")
_depth = "ci"


def grid(name: str) -> tuple:
    """The grid ``name`` at the current depth."""
    return GRIDS[name][_depth]


def current() -> str:
    """The current depth: "ci" or "thorough"."""
    return _depth


def depth_of(profile: str) -> str:
    """The sweep depth of a hypothesis profile: "thorough" for thorough, "ci" for fast and ci."""
    return "thorough" if profile == "thorough" else "ci"


@contextmanager
def depth(profile: str):
    """Run the enclosed sweeps at the depth of a hypothesis profile (see :func:`depth_of`)."""
    global _depth
    previous, _depth = _depth, depth_of(profile)
    try:
        yield _depth
    finally:
        _depth = previous
