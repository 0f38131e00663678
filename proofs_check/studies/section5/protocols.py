"""The protocols of chizat-bach Section 5: sizes, seeds, and what ``--quick`` reduces.

Each protocol has a full version (the text's sizes) and a ``--quick`` one (reduced, all panels
in under two minutes), and an explicit seed: adding or reordering protocols never changes the
data of another. Pure data: importing this module loads no numerics.

The step size of the training loops is eta = ETA / max(m alpha^2 tau^2, alpha^2), the inverse
scale of the tangent kernel (~ m alpha^2 tau^2) while that dominates, so eta ~ 1/tau^2 for large
tau; for small tau the curvature at 0 is of order alpha^2 (one neuron against the data). With
alpha = 1/m (mean field) this is eta ~ m, the time scale under which the mean-field dynamics have a
limit; with alpha = 1/sqrt(m) it is of order 1.
"""

from __future__ import annotations

PANELS = ("figure-1a", "figure-1b", "figure-1c", "figure-4", "figure-5", "figure-6a", "figure-6b")
#: Step-size constant of eta(tau); the training loops run in float32.
ETA, DTYPE_NAME = 2.0, "float32"

#: protocol -> {"seed": ..., "full": sizes, "quick": sizes}.
PROTOCOLS = {
    "figure-1ab": {"seed": 0,
                   "full": {"d": 2, "n": 15, "m": 20, "taus": (0.1, 2.0), "iterations": 40000, "records": 200},
                   "quick": {"d": 2, "n": 15, "m": 20, "taus": (0.1, 2.0), "iterations": 20000, "records": 100}},
    "figure-1c": {"seed": 1,
                  "full": {"d": 100, "n": 1000, "m": 50, "trials": 10, "taus": (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0),
                           "iterations": 8000, "n_test": 2000, "test_every": 100},
                  "quick": {"d": 100, "n": 200, "m": 50, "trials": 2, "taus": (0.01, 0.1, 1.0, 10.0),
                            "iterations": 3000, "n_test": 500, "test_every": 100}},
    "figure-4": {"seed": 2,
                 "full": {"width": 200, "realizations": 3, "points": 181},
                 "quick": {"width": 200, "realizations": 3, "points": 91}},
    "figure-5": {"seed": 3,
                 "full": {"d": 2, "n": 200, "m": 200, "taus": (0.1, 2.0), "iterations": 40000, "records": 100},
                 "quick": {"d": 2, "n": 200, "m": 200, "taus": (0.1, 2.0), "iterations": 10000, "records": 50}},
    # tau is not given by the text; at tau = 0.3 the 1/m runs learn the features (see claims.claim_6a_contrast)
    "figure-6a": {"seed": 4,
                  "full": {"d": 100, "n": 1000, "widths": (4, 16, 64, 256, 1024), "trials": 5, "tau": 0.3,
                           "iterations": 3000, "n_test": 2000},
                  "quick": {"d": 100, "n": 1000, "widths": (4, 16, 64, 256, 1024), "trials": 1, "tau": 0.3,
                            "iterations": 3000, "n_test": 1000}},
    "figure-6b": {"seed": 5,
                  "full": {"d": 100, "m": 50, "batch": 200, "trials": 5, "taus": (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0),
                           "iterations": 20000, "n_population": 2000, "slow_window": 0.2},
                  "quick": {"d": 100, "m": 50, "batch": 200, "trials": 2, "taus": (0.01, 0.1, 1.0, 10.0),
                            "iterations": 4000, "n_population": 2000, "slow_window": 0.2}},
}
#: The protocols tried for a panel whose text leaves parameters unstated: panel -> (name, overrides of the full
#: protocol). Figure 6(a) gives neither tau, nor the iteration count, nor n: the sweep varies each (tau from 0.1 to 3,
#: iterations x 10/3, n / 5), two trials per width and scaling. At tau = 0.1 the step-size rule's steps
#: (eta ~ 1/tau^2) make the 1/m runs diverge once their weights grow, so that protocol takes tau = 0.3's steps.
SWEEPS = {"figure-6a": (("tau 0.1 (steps of tau 0.3)", {"tau": 0.1, "trials": 2, "step_tau": 0.3}),
                        ("tau 0.3", {"tau": 0.3, "trials": 2}),
                        ("tau 1", {"tau": 1.0, "trials": 2}),
                        ("tau 3", {"tau": 3.0, "trials": 2}),
                        ("tau 0.3, 10000 iterations", {"tau": 0.3, "trials": 2, "iterations": 10000}),
                        ("tau 1, 10000 iterations", {"tau": 1.0, "trials": 2, "iterations": 10000}),
                        ("tau 0.3, n 200", {"tau": 0.3, "trials": 2, "n": 200}),
                        ("tau 1, n 200", {"tau": 1.0, "trials": 2, "n": 200}))}
#: The protocol whose panel the sweep extends (its sizes are the base of every override).
SWEPT_PROTOCOL = {"figure-6a": "figure-6a"}

#: Panels produced by each protocol.
PRODUCES = {"figure-1ab": ("figure-1a", "figure-1b"), "figure-1c": ("figure-1c",), "figure-4": ("figure-4",),
            "figure-5": ("figure-5",), "figure-6a": ("figure-6a",), "figure-6b": ("figure-6b",)}


def units_of_work(name: str, protocol: dict) -> int:
    """The progress bar's total for a protocol's sizes."""
    if name == "figure-6a":
        return sum(protocol["widths"]) * protocol["iterations"]
    return protocol.get("iterations", 1)


def sweep_protocols(panel: str) -> tuple[tuple[str, dict], ...]:
    """(label, full sizes with the overrides) for every protocol of the sweep of ``panel``."""
    base = PROTOCOLS[SWEPT_PROTOCOL[panel]]["full"]
    return tuple((label, {**base, **overrides}) for label, overrides in SWEEPS[panel])


def reduction(name: str) -> str:
    """What ``--quick`` changes in a protocol, e.g. "n 1000 -> 200, trials 10 -> 2"."""
    full, quick = PROTOCOLS[name]["full"], PROTOCOLS[name]["quick"]
    changed = [f"{k} {_short(full[k])} -> {_short(quick[k])}" for k in full if full[k] != quick[k]]
    return ", ".join(changed) or "none"


def _short(value) -> str:
    if isinstance(value, tuple) and len(value) > 3:
        return f"{len(value)} values {value[0]:g}..{value[-1]:g}"
    return str(value)
