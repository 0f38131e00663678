"""The experiments of chizat-bach Section 5: the training runs behind each panel.

The networks are f(w, x) = alpha sum_j b_j relu(a_j . x), trained by batched gradient descent
(:mod:`numeric.training`), the forward-Euler scheme of the gradient flow, in float32, with the step
sizes of :func:`step_sizes` (see :mod:`~proofs_check.studies.section5.protocols`). Each ``run_*``
takes a protocol's sizes, its seed and a progress bar, and returns {panel: plotted data}.
"""

from __future__ import annotations

import time

import numpy as np

from numeric.training import (GradientDescent, Teacher, initial_parameters, kernel_method_errors, mean_squared_error,
                              sphere)
from proofs_check.progress import ProgressBar
from proofs_check.studies.section5.protocols import DTYPE_NAME, ETA

DTYPE = np.dtype(DTYPE_NAME).type
#: Decimals kept of the plotted 2-d trajectories (the JSON stays small; a plot resolves far less).
PATH_DECIMALS = 4
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
    """Networks in 2-d (one per tau and doubling choice): |b_j(t)| a_j(t) over time, sign b_j, and the teacher.

    Each run's record holds ``path`` (|b_j(t)| a_j(t), records x m x 2) and ``sign_b`` (sign of b_j at the end),
    and the teacher in the same convention (the text's Figures 1 and 5): ``teacher`` holds |b_i| a_i per teacher
    neuron and ``teacher_sign`` the sign of b_i (see :func:`teacher_neurons`)."""
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
             **teacher_neurons(teacher), "iterations": protocol["iterations"],
             "step_size": float(descent.eta[i]), "flops": descent.flops / len(runs)}
            for i, (tau, doubling) in enumerate(runs)]


def teacher_neurons(teacher: Teacher) -> dict:
    """The teacher's neurons as the students' are drawn: {"teacher": |b_i| a_i, "teacher_sign": sign b_i}.

    A neuron with b_i < 0 sits at |b_i| a_i = -b_i a_i, where the students' neurons with b_j < 0 go; the signed
    neuron b_i a_i is ``teacher_sign[i] * teacher[i]``."""
    return {"teacher": (np.abs(teacher.b)[:, None] * teacher.a).tolist(), "teacher_sign": np.sign(teacher.b).tolist()}


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
    from proofs_check.studies.kernels import figure_4_data

    data = figure_4_data(seed=seed, width=protocol["width"], realizations=protocol["realizations"],
                         points=protocol["points"])
    bar.update(bar.total)
    return {"figure-4": jsonable(data)}


def run_6a(protocol: dict, seed: int, bar: ProgressBar) -> dict:
    """Figure 6(a): test error against m for alpha(m) = 1/sqrt(m) and 1/m (doubling). The step sizes are those of
    ``tau`` (or of ``step_tau`` when given: below tau = 0.3 the rule's steps make the 1/m runs diverge once their
    weights grow)."""
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
        descent = GradientDescent(a, b, alphas, x, y, step_sizes(protocol.get("step_tau", protocol["tau"]), m, alphas))
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


def jsonable(value):
    """``value`` with numpy arrays and scalars turned into lists and Python numbers."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value
