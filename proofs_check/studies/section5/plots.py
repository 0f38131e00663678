"""Matplotlib drawings of the panels of chizat-bach Section 5 (records of :mod:`.production`).

The figures are :class:`matplotlib.figure.Figure` objects saved directly, without pyplot: no
backend is selected and no global figure state is touched.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

SIGN_COLOURS = {1.0: "tab:red", -1.0: "tab:blue", 0.0: "grey"}


def plot(panel: str, record: dict, path: Path) -> None:
    """Draw ``panel`` from its JSON record and save it as a PNG at ``path``."""
    figure = DRAWINGS[panel](record)
    figure.savefig(path, dpi=110, bbox_inches="tight", metadata={"Software": None})


def _subplots(*grid, figsize):
    """A figure and its axes (as pyplot.subplots would give them), without pyplot."""
    figure = Figure(figsize=figsize)
    return figure, figure.subplots(*grid)


def _trajectory_axes(axes, run: dict, title: str) -> None:
    path = np.asarray(run["path"])  # (records, m, 2)
    for j, sign in enumerate(run["sign_b"]):
        colour = SIGN_COLOURS[float(sign)]
        axes.plot(path[:, j, 0], path[:, j, 1], color=colour, lw=0.8, alpha=0.7)
        axes.plot(path[-1, j, 0], path[-1, j, 1], "o", color=colour, ms=3)
    for arrow in run["teacher"]:
        axes.annotate("", xy=arrow, xytext=(0, 0), arrowprops={"arrowstyle": "->", "color": "black", "lw": 1.5})
    theta = np.linspace(0, 2 * np.pi, 200)
    axes.plot(np.cos(theta), np.sin(theta), color="grey", lw=0.6, ls="--")
    axes.set_aspect("equal")
    axes.set_title(title, fontsize=9)


def _draw_trajectories(label: str):
    """Figure 1(a) or (b): one run's trajectories, titled ``label`` (e.g. "(a) active training")."""

    def draw(record: dict):
        run = record["data"]
        figure, axes = _subplots(figsize=(4, 4))
        _trajectory_axes(axes, run, f"{label}, tau = {run['tau']:g}")
        return figure

    return draw


def _draw_5(record: dict):
    runs = record["data"]["runs"]
    figure, axes = _subplots(1, len(runs), figsize=(3.2 * len(runs), 3.4))
    for ax, run in zip(np.atleast_1d(axes), runs):
        _trajectory_axes(ax, run, f"tau = {run['tau']:g}, {'with' if run['doubling'] else 'without'} doubling")
    return figure


def _draw_1c(record: dict):
    data = record["data"]
    figure, axes = _subplots(figsize=(5, 3.6))
    best = data["best_test_error"]
    axes.errorbar(data["taus"], best["mean"], yerr=best["std"], marker="o", label="network: best test error")
    kernel = data["kernel_test_error"]
    axes.axhline(kernel["mean"], color="tab:green", ls="--", label="tangent-kernel method")
    axes.axhline(data["null_predictor_error"], color="grey", ls=":", label="predicting 0")
    axes.set(xscale="log", xlabel="tau", ylabel="test error (MSE)", title="(c) generalization, d = 100")
    axes.legend(fontsize=8)
    return figure


def _draw_4(record: dict):
    data = record["data"]
    figure, axes = _subplots(figsize=(5, 3.6))
    angles = np.asarray(data["angles"])
    for index, realization in enumerate(data["random"]):
        axes.plot(angles, realization, color="tab:blue", lw=0.8, alpha=0.6, label="k_m (random)" if index == 0 else None)
    axes.plot(angles, data["limit"], color="black", lw=2, label="limit k, eq. (4)")
    axes.set(xlabel="angle(x, x')", ylabel="k(x, x')", title=f"kernels on a section of the sphere, m = {data['width']}")
    axes.legend(fontsize=8)
    return figure


def _draw_6a(record: dict):
    data = record["data"]
    figure, axes = _subplots(figsize=(5, 3.6))
    for key, label in (("sqrt", "alpha = 1/sqrt(m)"), ("mean", "alpha = 1/m")):
        errors = np.asarray(data["test_error"][key])
        axes.errorbar(data["widths"], errors.mean(axis=1), yerr=errors.std(axis=1), marker="o", label=label)
    axes.set(xscale="log", xlabel="m", ylabel="test error (MSE)", title="(a) test error against the width")
    axes.legend(fontsize=8)
    return figure


def _draw_6b(record: dict):
    data = record["data"]
    figure, axes = _subplots(figsize=(5, 3.6))
    taus, loss = np.asarray(data["taus"]), data["population_loss"]
    axes.errorbar(taus, loss["mean"], yerr=loss["std"], marker="o", label="population loss at the end")
    for tau, slow in zip(taus, data["still_decreasing"]):
        if slow > 0:
            axes.axvspan(tau / 1.5, tau * 1.5, color="grey", alpha=0.25, hatch="//", lw=0)
    axes.set(xscale="log", yscale="log", xlabel="tau", ylabel="population loss",
             title="(b) under-parameterized SGD (hatched: still decreasing)")
    axes.legend(fontsize=8)
    return figure


DRAWINGS = {"figure-1a": _draw_trajectories("(a) active training"),
            "figure-1b": _draw_trajectories("(b) lazy training"), "figure-1c": _draw_1c, "figure-4": _draw_4,
            "figure-5": _draw_5, "figure-6a": _draw_6a, "figure-6b": _draw_6b}
