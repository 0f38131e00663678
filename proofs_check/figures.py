"""chizat-bach Section 5 as figures: the protocols, the runs, the plotted data, and the claims on it.

Each panel (``PANELS``) has a full protocol (the text's sizes) and a ``--quick`` one (reduced, all
panels in under two minutes); ``lazycheck figures`` writes NAME.png and NAME.json per panel. The
networks are f(w, x) = alpha sum_j b_j relu(a_j . x) trained by batched gradient descent
(:mod:`numeric.training`), the forward-Euler scheme of the gradient flow, in float32, with step

    eta = ETA / max(m alpha^2 tau^2, alpha^2),

the inverse scale of the tangent kernel (~ m alpha^2 tau^2) while that dominates, so eta ~ 1/tau^2
for large tau; for small tau the curvature at 0 is of order alpha^2 (one neuron against the data).
With alpha = 1/m (mean field) this is eta ~ m, the time scale under which the mean-field dynamics
have a limit; with alpha = 1/sqrt(m) it is of order 1.

The qualitative statements of Section 5 are checked on the data (``CLAIMS``): the ledger reads
the committed full-protocol data in ``notes/figures/``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np

from numeric.training import (GradientDescent, Teacher, initial_parameters, kernel_method_errors, mean_squared_error,
                              sphere)
from proofs_check.progress import ProgressBar

PANELS = ("figure-1a", "figure-1b", "figure-1c", "figure-4", "figure-5", "figure-6a", "figure-6b")
#: Step-size constant of eta(tau) (see the module docstring); float32 throughout the training loops.
ETA, DTYPE = 2.0, np.float32
#: Where the ledger reads the committed full-protocol data.
DATA_DIRECTORY = Path(__file__).resolve().parent.parent / "notes" / "figures"

PROTOCOLS = {
    "figure-1ab": {"full": {"d": 2, "n": 15, "m": 20, "taus": (0.1, 2.0), "iterations": 40000, "records": 200},
                   "quick": {"d": 2, "n": 15, "m": 20, "taus": (0.1, 2.0), "iterations": 20000, "records": 100}},
    "figure-1c": {"full": {"d": 100, "n": 1000, "m": 50, "trials": 10, "taus": (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0),
                           "iterations": 8000, "n_test": 2000, "test_every": 100},
                  "quick": {"d": 100, "n": 200, "m": 50, "trials": 2, "taus": (0.01, 0.1, 1.0, 10.0),
                            "iterations": 3000, "n_test": 500, "test_every": 100}},
    "figure-4": {"full": {"width": 200, "realizations": 3, "points": 181},
                 "quick": {"width": 200, "realizations": 3, "points": 91}},
    "figure-5": {"full": {"d": 2, "n": 200, "m": 200, "taus": (0.1, 2.0), "iterations": 40000, "records": 100},
                 "quick": {"d": 2, "n": 200, "m": 200, "taus": (0.1, 2.0), "iterations": 10000, "records": 50}},
    # tau is not given by the text; at tau = 0.3 the 1/m runs learn the features (see claim_6a_contrast)
    "figure-6a": {"full": {"d": 100, "n": 1000, "widths": (4, 16, 64, 256, 1024), "trials": 5, "tau": 0.3,
                           "iterations": 3000, "n_test": 2000},
                  "quick": {"d": 100, "n": 1000, "widths": (4, 16, 64, 256, 1024), "trials": 1, "tau": 0.3,
                            "iterations": 3000, "n_test": 1000}},
    "figure-6b": {"full": {"d": 100, "m": 50, "batch": 200, "trials": 5, "taus": (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0),
                           "iterations": 20000, "n_population": 2000, "slow_window": 0.2},
                  "quick": {"d": 100, "m": 50, "batch": 200, "trials": 2, "taus": (0.01, 0.1, 1.0, 10.0),
                            "iterations": 4000, "n_population": 2000, "slow_window": 0.2}},
}
#: Decimals kept of the plotted 2-d trajectories (the JSON stays small; a plot resolves far less).
PATH_DECIMALS = 4
#: Panels produced by each protocol.
PRODUCES = {"figure-1ab": ("figure-1a", "figure-1b"), "figure-1c": ("figure-1c",), "figure-4": ("figure-4",),
            "figure-5": ("figure-5",), "figure-6a": ("figure-6a",), "figure-6b": ("figure-6b",)}
#: A run is "still slowly decreasing" (Figure 6(b)'s hatched area) when its loss fell by more than
#: SLOW_DECREASE over the last window while still above SLOW_FLOOR times the loss of predicting 0 (runs
#: converging to 0 loss keep decreasing relatively, but are not slow).
SLOW_DECREASE, SLOW_FLOOR = 0.05, 0.01


def step_sizes(taus, m: int, alpha=1.0) -> np.ndarray:
    """eta = ETA / max(m alpha^2 tau^2, alpha^2) (see the module docstring)."""
    alpha_squared = np.asarray(alpha, dtype=float) ** 2
    return ETA / np.maximum(m * alpha_squared * np.asarray(taus, dtype=float) ** 2, alpha_squared)


def _record_steps(iterations: int, records: int) -> set[int]:
    return set(np.unique(np.geomspace(1, iterations, records).astype(int)).tolist()) | {0, iterations}


def _trajectories(protocol: dict, seed: int, bar: ProgressBar, doublings=(True,)) -> list[dict]:
    """Networks in 2-d (one per tau and doubling choice): |b_j(t)| a_j(t) over time, sign b_j, and the teacher."""
    rng = np.random.default_rng(seed)
    d, n, m, taus = protocol["d"], protocol["n"], protocol["m"], protocol["taus"]
    teacher = Teacher.draw(rng, d)
    x = sphere(rng, n, d)
    runs = [(tau, doubling) for doubling in doublings for tau in taus]
    parts = [initial_parameters(rng, [tau], m, d, doubling=doubling, dtype=DTYPE) for tau, doubling in runs]
    a, b = np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
    a0, b0 = a.copy(), b.copy()
    descent = GradientDescent(a, b, 1.0, x, teacher(x), step_sizes([t for t, _ in runs], m))
    keep, path, losses = _record_steps(protocol["iterations"], protocol["records"]), [], []
    for k in range(protocol["iterations"] + 1):
        if k in keep:
            path.append(np.abs(b)[:, :, None] * a)
        loss = descent.step()
        if k in keep:
            losses.append(loss)
        bar.update(k)
    path = np.stack(path, axis=1)  # (runs, records, m, 2)
    displacement = _relative_displacement(a0, b0, a, b)
    return [{"tau": tau, "doubling": doubling, "path": np.round(path[i], PATH_DECIMALS).tolist(), "sign_b": np.sign(b[i]).tolist(),
             "final_loss": float(losses[-1][i]), "relative_displacement": float(displacement[i]),
             "teacher": (teacher.b[:, None] * teacher.a).tolist(), "iterations": protocol["iterations"],
             "step_size": float(descent.eta[i]), "flops": descent.flops / len(runs)}
            for i, (tau, doubling) in enumerate(runs)]


def _relative_displacement(a0, b0, a, b) -> np.ndarray:
    """||w(T) - w0|| / ||w0|| per network."""
    change = np.sqrt(np.sum((a - a0) ** 2, axis=(1, 2)) + np.sum((b - b0) ** 2, axis=1))
    return change / np.sqrt(np.sum(a0**2, axis=(1, 2)) + np.sum(b0**2, axis=1))


def run_1ab(protocol: dict, seed: int, bar: ProgressBar) -> dict:
    """Figure 1(a, b): the 2-d trajectories for tau = 0.1 (active) and tau = 2 (lazy), doubling trick."""
    active, lazy = _trajectories(protocol, seed, bar)
    return {"figure-1a": active, "figure-1b": lazy}


def run_5(protocol: dict, seed: int, bar: ProgressBar) -> dict:
    """Figure 5: as Figure 1(a, b) with m = n = 200, with and without the doubling trick."""
    return {"figure-5": {"runs": _trajectories(protocol, seed, bar, doublings=(True, False))}}


def run_1c(protocol: dict, seed: int, bar: ProgressBar) -> dict:
    """Figure 1(c): best test error during training against tau, and the tangent-kernel method's error."""
    rng = np.random.default_rng(seed)
    d, n, m, trials, taus = (protocol[k] for k in ("d", "n", "m", "trials", "taus"))
    teacher = Teacher.draw(rng, d)
    x, x_test = sphere(rng, n, d), sphere(rng, protocol["n_test"], d)
    y, y_test = teacher(x), teacher(x_test)
    grid = np.repeat(np.asarray(taus), trials)
    a, b = initial_parameters(rng, grid, m, d, dtype=DTYPE)
    a0, b0 = a.copy(), b.copy()
    descent = GradientDescent(a, b, 1.0, x, y, step_sizes(grid, m))
    best = np.full(grid.size, np.inf)
    start = time.perf_counter()
    for k in range(protocol["iterations"] + 1):
        if k % protocol["test_every"] == 0:
            best = np.minimum(best, mean_squared_error(a, b, 1.0, x_test, y_test))
        descent.step()
        bar.update(k)
    seconds = time.perf_counter() - start
    last = grid == max(taus)  # the kernel method of the lazy-most networks' own initializations
    times = np.geomspace(1e-2, 1e9, 60)
    kernel = [float(kernel_method_errors(a0[i] / max(taus), b0[i] / max(taus), 1.0, x, y, x_test, y_test, times).min())
              for i in np.flatnonzero(last)]
    return {"figure-1c": {"taus": list(taus), "trials": trials,
                          "best_test_error": _by_tau(best, taus, trials),
                          "relative_displacement": _by_tau(_relative_displacement(a0, b0, a, b), taus, trials),
                          "kernel_test_error": {"mean": float(np.mean(kernel)), "std": float(np.std(kernel)),
                                                "trials": kernel},
                          "null_predictor_error": float(np.mean(y_test**2)),
                          "step_sizes": _by_tau(descent.eta, taus, trials)["mean"],
                          "iterations": protocol["iterations"], "flops": descent.flops, "seconds": seconds}}


def _by_tau(values, taus, trials) -> dict:
    table = np.asarray(values, dtype=float).reshape(len(taus), trials)
    return {"mean": table.mean(axis=1).tolist(), "std": table.std(axis=1).tolist()}


def run_4(protocol: dict, seed: int, bar: ProgressBar) -> dict:
    """Figure 4: random k_m against the limit kernel k, on a section of the sphere in R^10."""
    from proofs_check.kernels import figure_4_data

    data = figure_4_data(seed=seed, width=protocol["width"], realizations=protocol["realizations"],
                         points=protocol["points"])
    bar.update(bar.total)
    return {"figure-4": _jsonable(data)}


def run_6a(protocol: dict, seed: int, bar: ProgressBar) -> dict:
    """Figure 6(a): test error against m for alpha(m) = 1/sqrt(m) and 1/m (doubling, tau = 1)."""
    rng = np.random.default_rng(seed)
    d, n, trials = protocol["d"], protocol["n"], protocol["trials"]
    teacher = Teacher.draw(rng, d)
    x, x_test = sphere(rng, n, d), sphere(rng, protocol["n_test"], d)
    y, y_test = teacher(x), teacher(x_test)
    errors = {"sqrt": [], "mean": []}
    flops, seconds, done = 0, 0.0, 0
    for m in protocol["widths"]:
        alphas = np.repeat([1 / np.sqrt(m), 1 / m], trials)
        a, b = initial_parameters(rng, np.full(alphas.size, protocol["tau"]), m, d, dtype=DTYPE)
        descent = GradientDescent(a, b, alphas, x, y, step_sizes(protocol["tau"], m, alphas))
        start = time.perf_counter()
        for _ in range(protocol["iterations"]):
            descent.step()
            done += m  # the cost of a step is proportional to m
            bar.update(done)
        seconds += time.perf_counter() - start
        flops += descent.flops
        error = mean_squared_error(a, b, alphas, x_test, y_test).reshape(2, trials)
        errors["sqrt"].append(error[0].tolist())
        errors["mean"].append(error[1].tolist())
    return {"figure-6a": {"widths": list(protocol["widths"]), "trials": trials, "test_error": errors,
                          "mean_test_error": {k: np.mean(v, axis=1).tolist() for k, v in errors.items()},
                          "null_predictor_error": float(np.mean(y_test**2)), "iterations": protocol["iterations"],
                          "step_size": f"ETA / max(m alpha^2 tau^2, alpha^2) with ETA = {ETA}", "flops": flops,
                          "seconds": seconds}}


def run_6b(protocol: dict, seed: int, bar: ProgressBar) -> dict:
    """Figure 6(b): under-parameterized SGD (fresh batches), population loss at the end against tau."""
    rng = np.random.default_rng(seed)
    d, m, trials, taus, batch = (protocol[k] for k in ("d", "m", "trials", "taus", "batch"))
    teacher = Teacher.draw(rng, d)
    x_population = sphere(rng, protocol["n_population"], d)
    y_population = teacher(x_population)
    grid = np.repeat(np.asarray(taus), trials)
    a, b = initial_parameters(rng, grid, m, d, dtype=DTYPE)
    x0 = sphere(rng, batch, d)
    descent = GradientDescent(a, b, 1.0, x0, teacher(x0), step_sizes(grid, m))
    window_start = int(protocol["iterations"] * (1 - protocol["slow_window"]))
    start = time.perf_counter()
    for k in range(protocol["iterations"]):
        if k == window_start:
            at_window = 0.5 * mean_squared_error(a, b, 1.0, x_population, y_population)
        x_batch = sphere(rng, batch, d)
        descent.step(x_batch, teacher(x_batch))
        bar.update(k)
    seconds = time.perf_counter() - start
    final = 0.5 * mean_squared_error(a, b, 1.0, x_population, y_population)
    null_loss = 0.5 * np.mean(y_population**2)
    slow = ((at_window - final) / at_window > SLOW_DECREASE) & (final > SLOW_FLOOR * null_loss)
    return {"figure-6b": {"taus": list(taus), "trials": trials, "population_loss": _by_tau(final, taus, trials),
                          "loss_at_window_start": _by_tau(at_window, taus, trials),
                          "still_decreasing": _by_tau(slow, taus, trials)["mean"],
                          "null_predictor_loss": float(null_loss),
                          "iterations": protocol["iterations"], "batch": batch,
                          "step_sizes": _by_tau(descent.eta, taus, trials)["mean"], "flops": descent.flops,
                          "seconds": seconds}}


RUNNERS = {"figure-1ab": run_1ab, "figure-1c": run_1c, "figure-4": run_4, "figure-5": run_5,
           "figure-6a": run_6a, "figure-6b": run_6b}


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


def units_of_work(name: str, protocol: dict) -> int:
    """The progress bar's total for a protocol."""
    if name == "figure-6a":
        return sum(protocol["widths"]) * protocol["iterations"]
    return protocol.get("iterations", 1)


def reduction(name: str) -> str:
    """What ``--quick`` changes in a protocol, e.g. "n 1000 -> 200, trials 10 -> 2"."""
    full, quick = PROTOCOLS[name]["full"], PROTOCOLS[name]["quick"]
    changed = [f"{k} {_short(full[k])} -> {_short(quick[k])}" for k in full if full[k] != quick[k]]
    return ", ".join(changed) or "none"


def _short(value) -> str:
    if isinstance(value, tuple) and len(value) > 3:
        return f"{len(value)} values {value[0]:g}..{value[-1]:g}"
    return str(value)


def matmul_peak(dtype=DTYPE, size: int = 2048, repeats: int = 3) -> float:
    """This machine's numpy matrix-multiply rate in FLOP/s (best of ``repeats`` size x size products)."""
    rng = np.random.default_rng(0)
    left, right = rng.standard_normal((size, size)).astype(dtype), rng.standard_normal((size, size)).astype(dtype)
    left @ right
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        left @ right
        best = min(best, time.perf_counter() - start)
    return 2 * size**3 / best


def produce(names, *, quick: bool, out: Path, log) -> dict:
    """Run the protocols behind the panels ``names``; write NAME.json and NAME.png for each; return the data."""
    from proofs_check.plots import plot

    out.mkdir(parents=True, exist_ok=True)
    peak = matmul_peak()
    print(f"numpy {np.dtype(DTYPE).name} matrix-multiply peak: {peak / 1e9:.1f} GFLOP/s", file=log, flush=True)
    produced, depth = {}, "quick" if quick else "full"
    for index, protocol_name in enumerate(PROTOCOLS):
        panels = [p for p in PRODUCES[protocol_name] if p in names]
        if not panels:
            continue
        protocol = PROTOCOLS[protocol_name][depth]
        if quick:
            print(f"[{protocol_name}] quick: {reduction(protocol_name)}", file=log, flush=True)
        bar = ProgressBar(f"[{protocol_name}]", units_of_work(protocol_name, protocol), log)
        data = RUNNERS[protocol_name](protocol, seed=index, bar=bar)
        seconds = bar.close()
        for panel in panels:
            record = _jsonable({"panel": panel, "protocol": depth, "parameters": protocol, "seed": index,
                                "dtype": np.dtype(DTYPE).name, "seconds_total": seconds, "matmul_peak_flops": peak,
                                "data": data[panel]})
            record["efficiency"] = _efficiency(record["data"], peak)
            (out / f"{panel}.json").write_text(json.dumps(record, sort_keys=True, separators=(",", ":")))
            plot(panel, record, out / f"{panel}.png")
            produced[panel] = record
            print(f"[{panel}] wrote {out / panel}.json and .png ({seconds:.1f} s){_rate_line(record)}", file=log,
                  flush=True)
    return produced


def _efficiency(data, peak: float) -> dict | None:
    """The main loop's achieved FLOP rate against the matrix-multiply peak (panels with a timed loop)."""
    if not isinstance(data, dict) or "flops" not in data or not data.get("seconds"):
        return None
    rate = data["flops"] / data["seconds"]
    return {"flops_per_second": rate, "fraction_of_peak": rate / peak}


def _rate_line(record: dict) -> str:
    efficiency = record.get("efficiency")
    if not efficiency:
        return ""
    return (f"; main loop {efficiency['flops_per_second'] / 1e9:.1f} GFLOP/s = "
            f"{efficiency['fraction_of_peak']:.0%} of peak")


# The qualitative statements of Section 5, checked on the plotted data. Each takes the panel's JSON
# record and returns (ok, detail with the measured figures).

#: Figure 1(c): the error at the largest tau meets the kernel method's within this relative gap,
#: and exceeds the error at the smallest tau by at least this factor.
PLATEAU_GAP, RISE_FACTOR = 0.15, 1.2
#: 2-homogeneity: w0 ~ tau and the displacement ~ 1/tau, so ||w - w0||/||w0|| ~ tau^-2 for large tau.
DISPLACEMENT_SLOPE, DISPLACEMENT_SLOPE_TOLERANCE = -2.0, 0.3
#: Figure 5: "lazy" means a relative displacement below this, and below LAZY_RATIO times the active run's.
LAZY_DISPLACEMENT, LAZY_RATIO = 0.1, 0.2
#: Figure 6(b): the lazy runs' population loss exceeds the small-tau runs' by at least this factor.
STUCK_FACTOR = 10.0


def _spearman(x, y) -> float:
    rank_x, rank_y = np.argsort(np.argsort(x)), np.argsort(np.argsort(y))
    return float(np.corrcoef(rank_x, rank_y)[0, 1])


def claim_1c(record: dict) -> tuple[bool, str]:
    """Figure 1(c): the test error worsens as tau grows, and for large tau meets the tangent-kernel method's."""
    data = record["data"]
    best, kernel = np.asarray(data["best_test_error"]["mean"]), data["kernel_test_error"]["mean"]
    worst_drop = float(np.max(1 - best[1:] / best[:-1], initial=0.0))  # worsens, then flat on the plateau
    gap = abs(best[-1] - kernel) / kernel
    ok = best[-1] >= RISE_FACTOR * best[0] and worst_drop <= PLATEAU_GAP and gap <= PLATEAU_GAP
    table = ", ".join(f"{t:g}: {e:.4f}" for t, e in zip(data["taus"], best))
    return ok, (f"best test error by tau {table} (rise x{best[-1] / best[0]:.2f}, need >= {RISE_FACTOR}; largest "
                f"drop between neighbours {worst_drop:.1%}, need <= {PLATEAU_GAP:.0%}); kernel method {kernel:.4f}, "
                f"gap at the largest tau {gap:.1%} (need <= {PLATEAU_GAP:.0%}); predicting 0: "
                f"{data['null_predictor_error']:.4f}")


def claim_displacement(record: dict) -> tuple[bool, str]:
    """Lazy runs: the relative displacement ||w(T) - w0||/||w0|| shrinks as tau grows, like tau^-2."""
    data = record["data"]
    taus, moved = np.asarray(data["taus"]), np.asarray(data["relative_displacement"]["mean"])
    slope = float(np.polyfit(np.log(taus[-2:]), np.log(moved[-2:]), 1)[0])
    ok = bool(np.all(np.diff(moved) < 0)) and abs(slope - DISPLACEMENT_SLOPE) <= DISPLACEMENT_SLOPE_TOLERANCE
    table = ", ".join(f"{t:g}: {v:.2e}" for t, v in zip(taus, moved))
    return ok, (f"relative displacement by tau {table}; log-log slope over the two largest tau {slope:+.2f} "
                f"(expected {DISPLACEMENT_SLOPE:+.0f} +- {DISPLACEMENT_SLOPE_TOLERANCE})")


def claim_5(record: dict) -> tuple[bool, str]:
    """Figure 5: lazy for large tau with and without doubling; without it the neurons move more."""
    runs = {(r["tau"], r["doubling"]): r["relative_displacement"] for r in record["data"]["runs"]}
    small, large = min(t for t, _ in runs), max(t for t, _ in runs)
    lazy = all(runs[(large, d)] <= LAZY_DISPLACEMENT and runs[(large, d)] <= LAZY_RATIO * runs[(small, d)]
               for d in (True, False))
    more = runs[(large, False)] > runs[(large, True)]
    table = ", ".join(f"tau {t:g} {'with' if d else 'without'} doubling: {v:.3g}" for (t, d), v in runs.items())
    return lazy and more, (f"relative displacement: {table} (lazy: <= {LAZY_DISPLACEMENT} and <= {LAZY_RATIO} x the "
                           f"tau = {small:g} run; without doubling it must exceed the doubled run)")


def claim_6a(record: dict) -> tuple[bool, str]:
    """Figure 6(a): the test error grows with m under alpha = 1/sqrt(m), but not under alpha = 1/m."""
    data = record["data"]
    widths, errors = data["widths"], data["mean_test_error"]
    lazy_rank, mean_field_rank = _spearman(widths, errors["sqrt"]), _spearman(widths, errors["mean"])
    ok = lazy_rank >= 0.8 and errors["sqrt"][-1] > errors["sqrt"][0] and errors["mean"][-1] <= errors["mean"][0]
    table = "; ".join(f"alpha = {label}: " + ", ".join(f"{m}: {e:.4f}" for m, e in zip(widths, errors[key]))
                      for key, label in (("sqrt", "1/sqrt(m)"), ("mean", "1/m")))
    return ok, (f"test error by m, {table} (Spearman with m: {lazy_rank:+.2f} and {mean_field_rank:+.2f}; the claim "
                f"needs >= 0.8 and a rise for 1/sqrt(m), no rise for 1/m)")


#: Figure 6(a), contrast: at the largest m the 1/m error is below this fraction of the 1/sqrt(m) error and
#: of the error of predicting 0.
CONTRAST_FRACTION, NEAR_ZERO_FRACTION = 0.6, 0.2


def claim_6a_contrast(record: dict) -> tuple[bool, str]:
    """Figure 6(a): for large m, alpha = 1/m keeps the test error relatively close to 0, unlike the lazy 1/sqrt(m)."""
    data = record["data"]
    errors, null = data["mean_test_error"], data["null_predictor_error"]
    mean_field, lazy = errors["mean"][-1], errors["sqrt"][-1]
    ok = mean_field <= CONTRAST_FRACTION * lazy and mean_field <= NEAR_ZERO_FRACTION * null
    return ok, (f"at m = {data['widths'][-1]}: test error {mean_field:.4f} for alpha = 1/m against {lazy:.4f} for "
                f"1/sqrt(m) (ratio {mean_field / lazy:.2f}, need <= {CONTRAST_FRACTION}) and {null:.4f} for predicting "
                f"0 (ratio {mean_field / null:.2f}, need <= {NEAR_ZERO_FRACTION})")


def claim_6b(record: dict) -> tuple[bool, str]:
    """Figure 6(b): under-parameterized SGD stays at a high loss for large tau and does well for small tau."""
    data = record["data"]
    loss = data["population_loss"]["mean"]
    ok = loss[-1] >= STUCK_FACTOR * loss[0]
    table = ", ".join(f"{t:g}: {v:.2e}{' (still decreasing)' if s > 0 else ''}"
                      for t, v, s in zip(data["taus"], loss, data["still_decreasing"]))
    return ok, (f"population loss at the end by tau {table}; largest/smallest tau x{loss[-1] / loss[0]:.0f} "
                f"(need >= {STUCK_FACTOR:g}); predicting 0: {data['null_predictor_loss']:.2e}")


#: Ledger id -> (panel whose data it reads, check).
CLAIMS = {"chizat-bach/section-5-figure-1c": ("figure-1c", claim_1c),
          "chizat-bach/section-5-lazy-displacement": ("figure-1c", claim_displacement),
          "chizat-bach/section-5-figure-5": ("figure-5", claim_5),
          "chizat-bach/section-5-figure-6a": ("figure-6a", claim_6a),
          "chizat-bach/section-5-figure-6a-contrast": ("figure-6a", claim_6a_contrast),
          "chizat-bach/section-5-figure-6b": ("figure-6b", claim_6b)}


def load(panel: str, directory: Path = DATA_DIRECTORY) -> dict:
    """The JSON record of a panel; a clear error when it has not been produced."""
    path = Path(directory) / f"{panel}.json"
    if not path.exists():
        raise FileNotFoundError(f"no data for {panel} in {directory}: run lazycheck figures --out {directory}")
    return json.loads(path.read_text())


def figure_claim(claim_id: str, directory: Path = DATA_DIRECTORY) -> tuple[bool, str]:
    """Check the Section 5 claim ``claim_id`` on the panel data in ``directory`` (default: the committed
    full-protocol data)."""
    panel, check = CLAIMS[claim_id]
    record = load(panel, directory)
    ok, detail = check(record)
    return ok, f"{record['protocol']} protocol data, {panel}: {detail}"
