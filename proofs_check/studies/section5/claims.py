"""The qualitative statements of chizat-bach Section 5, checked on the plotted data of each panel.

Each predicate takes a panel's JSON record and returns a :class:`~proofs_check.results.CheckResult`
(kind ``measured``) with the measured figures. The ledger checks them on the committed
full-protocol data, which is package data (:func:`data_directory`), located through the package
and installed with it.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import numpy as np

from proofs_check.results import CheckResult, fit_slope, ranges_of
from proofs_check.settings import RunConfig

#: Figure 1(c): the error at the largest tau meets the kernel method's within this relative gap,
#: and exceeds the error at the smallest tau by at least this factor.
PLATEAU_GAP, RISE_FACTOR = 0.15, 1.2
#: 2-homogeneity: w0 ~ tau and the displacement ~ 1/tau, so ||w - w0||/||w0|| ~ tau^-2 for large tau.
DISPLACEMENT_SLOPE, DISPLACEMENT_SLOPE_TOLERANCE = -2.0, 0.3
#: Figure 5: "lazy" means a relative displacement below this, and below LAZY_RATIO times the active run's.
LAZY_DISPLACEMENT, LAZY_RATIO = 0.1, 0.2
#: Figure 6(b): the lazy runs' population loss exceeds the small-tau runs' by at least this factor.
STUCK_FACTOR = 10.0
#: Figure 6(a), contrast: at the largest m the 1/m error is below this fraction of the 1/sqrt(m) error and
#: of the error of predicting 0.
CONTRAST_FRACTION, NEAR_ZERO_FRACTION = 0.6, 0.2


def data_directory() -> Path:
    """The committed full-protocol data of Section 5 (JSON and PNG per panel; ``quick/`` for --quick)."""
    return Path(str(resources.files("proofs_check.studies.section5").joinpath("data")))


def _measured(ok: bool, detail: str, panel: str, **fields) -> CheckResult:
    return CheckResult("measured", bool(ok), detail, ref=f"{panel} data", **fields)


def claim_1c(record: dict) -> CheckResult:
    """Figure 1(c): the test error worsens as tau grows, and for large tau meets the tangent-kernel method's."""
    data = record["data"]
    best, kernel = np.asarray(data["best_test_error"]["mean"]), data["kernel_test_error"]["mean"]
    worst_drop = float(np.max(1 - best[1:] / best[:-1], initial=0.0))  # worsens, then flat on the plateau
    gap = abs(best[-1] - kernel) / kernel
    ok = best[-1] >= RISE_FACTOR * best[0] and worst_drop <= PLATEAU_GAP and gap <= PLATEAU_GAP
    table = ", ".join(f"{t:g}: {e:.4f}" for t, e in zip(data["taus"], best))
    return _measured(ok, f"best test error by tau {table} (rise x{best[-1] / best[0]:.2f}, need >= {RISE_FACTOR}; "
                     f"largest drop between neighbours {worst_drop:.1%}, need <= {PLATEAU_GAP:.0%}); kernel method "
                     f"{kernel:.4f}, gap at the largest tau {gap:.1%} (need <= {PLATEAU_GAP:.0%}); predicting 0: "
                     f"{data['null_predictor_error']:.4f}", "figure-1c", observed=float(best[-1]), bound=float(kernel),
                     searched=len(best))


def claim_displacement(record: dict) -> CheckResult:
    """Lazy runs: the relative displacement ||w(T) - w0||/||w0|| shrinks as tau grows, like tau^-2."""
    data = record["data"]
    taus, moved = np.asarray(data["taus"]), np.asarray(data["relative_displacement"]["mean"])
    slope = fit_slope("relative displacement", "tau (two largest)", taus[-2:], moved[-2:])
    ok = bool(np.all(np.diff(moved) < 0)) and abs(slope.value - DISPLACEMENT_SLOPE) <= DISPLACEMENT_SLOPE_TOLERANCE
    table = ", ".join(f"{t:g}: {v:.2e}" for t, v in zip(taus, moved))
    return _measured(ok, f"relative displacement by tau {table}; log-log slope over the two largest tau "
                     f"{slope.value:+.2f} (expected {DISPLACEMENT_SLOPE:+.0f} +- {DISPLACEMENT_SLOPE_TOLERANCE})",
                     "figure-1c", slopes=(slope,), searched=len(taus))


def claim_5(record: dict) -> CheckResult:
    """Figure 5: lazy for large tau with and without doubling; without it the neurons move more."""
    runs = {(r["tau"], r["doubling"]): r["relative_displacement"] for r in record["data"]["runs"]}
    small, large = min(t for t, _ in runs), max(t for t, _ in runs)
    lazy = all(runs[(large, d)] <= LAZY_DISPLACEMENT and runs[(large, d)] <= LAZY_RATIO * runs[(small, d)]
               for d in (True, False))
    more = runs[(large, False)] > runs[(large, True)]
    table = ", ".join(f"tau {t:g} {'with' if d else 'without'} doubling: {v:.3g}" for (t, d), v in runs.items())
    return _measured(lazy and more, f"relative displacement: {table} (lazy: <= {LAZY_DISPLACEMENT} and <= {LAZY_RATIO} "
                     f"x the tau = {small:g} run; without doubling it must exceed the doubled run)", "figure-5",
                     searched=len(runs))


def _spearman(x, y) -> float:
    rank_x, rank_y = np.argsort(np.argsort(x)), np.argsort(np.argsort(y))
    return float(np.corrcoef(rank_x, rank_y)[0, 1])


def claim_6a(record: dict) -> CheckResult:
    """Figure 6(a): the test error grows with m under alpha = 1/sqrt(m), but not under alpha = 1/m."""
    data = record["data"]
    widths, errors = data["widths"], data["mean_test_error"]
    lazy_rank, mean_field_rank = _spearman(widths, errors["sqrt"]), _spearman(widths, errors["mean"])
    ok = lazy_rank >= 0.8 and errors["sqrt"][-1] > errors["sqrt"][0] and errors["mean"][-1] <= errors["mean"][0]
    table = "; ".join(f"alpha = {label}: " + ", ".join(f"{m}: {e:.4f}" for m, e in zip(widths, errors[key]))
                      for key, label in (("sqrt", "1/sqrt(m)"), ("mean", "1/m")))
    return _measured(ok, f"test error by m, {table} (Spearman with m: {lazy_rank:+.2f} and {mean_field_rank:+.2f}; the "
                     f"claim needs >= 0.8 and a rise for 1/sqrt(m), no rise for 1/m)", "figure-6a",
                     searched=2 * len(widths))


def claim_6a_contrast(record: dict) -> CheckResult:
    """Figure 6(a): for large m, alpha = 1/m keeps the test error relatively close to 0, unlike the lazy 1/sqrt(m)."""
    data = record["data"]
    errors, null = data["mean_test_error"], data["null_predictor_error"]
    mean_field, lazy = errors["mean"][-1], errors["sqrt"][-1]
    ok = mean_field <= CONTRAST_FRACTION * lazy and mean_field <= NEAR_ZERO_FRACTION * null
    return _measured(ok, f"at m = {data['widths'][-1]}: test error {mean_field:.4f} for alpha = 1/m against {lazy:.4f} "
                     f"for 1/sqrt(m) (ratio {mean_field / lazy:.2f}, need <= {CONTRAST_FRACTION}) and {null:.4f} for "
                     f"predicting 0 (ratio {mean_field / null:.2f}, need <= {NEAR_ZERO_FRACTION})", "figure-6a",
                     observed=float(mean_field), bound=float(CONTRAST_FRACTION * lazy),
                     ratio=float(mean_field / (CONTRAST_FRACTION * lazy)), searched=2)


def claim_6b(record: dict) -> CheckResult:
    """Figure 6(b): under-parameterized SGD stays at a high loss for large tau and does well for small tau."""
    data = record["data"]
    loss = data["population_loss"]["mean"]
    table = ", ".join(f"{t:g}: {v:.2e}{' (still decreasing)' if s > 0 else ''}"
                      for t, v, s in zip(data["taus"], loss, data["still_decreasing"]))
    return _measured(loss[-1] >= STUCK_FACTOR * loss[0], f"population loss at the end by tau {table}; largest/smallest "
                     f"tau x{loss[-1] / loss[0]:.0f} (need >= {STUCK_FACTOR:g}); predicting 0: "
                     f"{data['null_predictor_loss']:.2e}", "figure-6b", searched=len(loss))


#: Ledger id -> (panel whose data it reads, check).
CLAIMS = {"chizat-bach/section-5-figure-1c": ("figure-1c", claim_1c),
          "chizat-bach/section-5-lazy-displacement": ("figure-1c", claim_displacement),
          "chizat-bach/section-5-figure-5": ("figure-5", claim_5),
          "chizat-bach/section-5-figure-6a": ("figure-6a", claim_6a),
          "chizat-bach/section-5-figure-6a-contrast": ("figure-6a", claim_6a_contrast),
          "chizat-bach/section-5-figure-6b": ("figure-6b", claim_6b)}


#: The claims the ledger checks on a sweep of protocols (the text leaves the protocol's parameters unstated).
SWEPT_CLAIMS = ("chizat-bach/section-5-figure-6a",)


def load(panel: str, directory: Path | None = None) -> dict:
    """The JSON record of a panel (default: the committed full-protocol data); a clear error when missing."""
    directory = data_directory() if directory is None else Path(directory)
    path = directory / f"{panel}.json"
    if not path.exists():
        raise FileNotFoundError(f"no data for {panel} in {directory}: run lazycheck figures --out {directory}")
    return json.loads(path.read_text())


def check_on(claim_id: str, record: dict) -> CheckResult:
    """The Section 5 claim ``claim_id`` on a panel record, its detail prefixed with the record's protocol."""
    panel, check = CLAIMS[claim_id]
    result = check(record)
    return result.with_(detail=f"{record['protocol']} protocol data, {panel}: {result.detail}")


def figure_claim(config: RunConfig, claim_id: str, directory: Path | None = None) -> CheckResult:
    """The Section 5 claim ``claim_id`` on the panel data in ``directory`` (default: the committed full-protocol
    data). The data is fixed: the run's seed does not change it."""
    return check_on(claim_id, load(CLAIMS[claim_id][0], directory))


def load_sweep(panel: str, directory: Path | None = None) -> dict:
    """The committed sweep of ``panel`` (``PANEL-sweep.json``, written by ``lazycheck figures --sweep``)."""
    directory = data_directory() if directory is None else Path(directory)
    path = directory / f"{panel}-sweep.json"
    if not path.exists():
        raise FileNotFoundError(f"no sweep for {panel} in {directory}: run lazycheck figures --sweep {panel}")
    return json.loads(path.read_text())


def _diverged(data: dict) -> bool:
    """Some run of the protocol ended with a non-finite test error (its step sizes were too large)."""
    return not all(np.all(np.isfinite(errors)) for errors in data["test_error"].values())


def sweep_claim(config: RunConfig, claim_id: str, directory: Path | None = None) -> CheckResult:
    """The Section 5 claim ``claim_id`` under every protocol of its panel's sweep (the parameters the text leaves
    unstated, varied): it passes when some protocol reproduces the claimed effect, and its detail lists every
    protocol tried and what it gave. The data is fixed: the run's seed does not change it."""
    panel, check = CLAIMS[claim_id]
    sweep = load_sweep(panel, directory)
    outcomes = [(run["label"], check({"data": run["data"]}), _diverged(run["data"])) for run in sweep["runs"]]
    tried = "; ".join(f"[{label}] {'DIVERGED' if diverged else 'REPRODUCED' if r.ok else 'not reproduced'}: {r.detail}"
                      for label, r, diverged in outcomes)
    parameters = [run["parameters"] for run in sweep["runs"]]
    ranges = {key: sorted({p[key] for p in parameters}) for key in ("tau", "iterations", "n")}
    reproduced = [label for label, r, diverged in outcomes if r.ok and not diverged]
    summary = (f"reproduced under {', '.join(reproduced)}" if reproduced
               else f"not reproduced under any of the {len(outcomes)} protocols tried")
    return CheckResult("measured", bool(reproduced), f"{panel} sweep, {summary}: {tried}", ref=f"{panel} sweep data",
                       searched=len(outcomes),
                       ranges=ranges_of({k: ", ".join(f"{v:g}" for v in values) for k, values in ranges.items()}))

