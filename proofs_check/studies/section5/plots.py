"""Matplotlib drawings of the panels of chizat-bach Section 5 (records of :mod:`.production`).

The figures are :class:`matplotlib.figure.Figure` objects saved directly, without pyplot: no
backend is selected and no global figure state is touched.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patheffects import withStroke

SIGN_COLOURS = {1.0: "tab:red", -1.0: "tab:blue", 0.0: "grey"}
#: The teacher's arrows: filled heads, outlined in black to stand out of the students' paths of the same colour;
#: slim, and under the students' end points (zorder), which gather on them in the active runs.
TEACHER_ARROW = {"arrowstyle": "-|>", "lw": 1.2, "mutation_scale": 12,
                 "path_effects": [withStroke(linewidth=2.4, foreground="black")]}
TEACHER_ZORDER, END_ZORDER = 5, 6
#: The square window [-h, h]^2 of the 2-d trajectory panels (Figures 1(a, b) and 5): h is WINDOW_MARGIN times the
#: largest coordinate of the neurons |b_j| a_j, kept between MIN_HALF_WIDTH (the unit circle and the teacher's
#: neurons, of norm 1, with a margin) and MAX_HALF_WIDTH (lazy runs have neurons at |b_j| ||a_j|| ~ 15-25, which
#: would shrink the unit circle to a dot). Neurons reaching beyond the window are clipped and counted in the panel.
MIN_HALF_WIDTH, MAX_HALF_WIDTH, WINDOW_MARGIN = 1.2, 3.0, 1.1
POSITION_LABELS = (r"$|b_j|\,a_{j,1}$", r"$|b_j|\,a_{j,2}$")


def plot(panel: str, record: dict, path: Path) -> None:
    """Draw ``panel`` from its JSON record and save it as a PNG at ``path``."""
    figure = DRAWINGS[panel](record)
    figure.savefig(path, dpi=110, bbox_inches="tight", metadata={"Software": None})


def _subplots(*grid, figsize):
    """A figure and its axes (as pyplot.subplots would give them), without pyplot."""
    figure = Figure(figsize=figsize, layout="constrained")
    return figure, figure.subplots(*grid)


def trajectory_half_width(path) -> float:
    """Half-width h of the square window [-h, h]^2 of a trajectory panel (see :data:`MIN_HALF_WIDTH`).

    ``path`` holds |b_j(t)| a_j(t), of shape (records, m, 2)."""
    largest = float(np.abs(np.asarray(path)).max(initial=0.0))
    return float(np.clip(WINDOW_MARGIN * largest, MIN_HALF_WIDTH, MAX_HALF_WIDTH))


def clipped_neurons(path, half_width: float) -> int:
    """How many neurons leave the window [-h, h]^2 at some recorded time (drawn clipped, or not at all)."""
    return int(np.sum(np.abs(np.asarray(path)).max(axis=(0, 2)) > half_width))


def _trajectory_axes(axes, run: dict, title: str) -> None:
    """One network's neurons |b_j| a_j in 2-d: path (line), start (ring), end (dot), coloured by the sign of b_j at
    the end; the teacher's neurons |b_i| a_i as arrows coloured by the sign of b_i (see :func:`teacher_arrows`); the
    unit circle; the window of :func:`trajectory_half_width`, with the clipped neurons counted in the panel."""
    path = np.asarray(run["path"])  # (records, m, 2)
    for j, sign in enumerate(run["sign_b"]):
        colour = SIGN_COLOURS[float(sign)]
        axes.plot(path[:, j, 0], path[:, j, 1], color=colour, lw=0.8, alpha=0.7)
        axes.plot(path[0, j, 0], path[0, j, 1], "o", color=colour, mfc="none", ms=5, mew=0.6)
        axes.plot(path[-1, j, 0], path[-1, j, 1], "o", color=colour, ms=3, zorder=END_ZORDER)
    for tip, colour in teacher_arrows(run):
        axes.annotate("", xy=tip, xytext=(0, 0), zorder=TEACHER_ZORDER, arrowprops={**TEACHER_ARROW, "color": colour})
    theta = np.linspace(0, 2 * np.pi, 200)
    axes.plot(np.cos(theta), np.sin(theta), color="grey", lw=0.8, ls="--", zorder=4)
    half_width = trajectory_half_width(path)
    axes.set(xlim=(-half_width, half_width), ylim=(-half_width, half_width), aspect="equal",
             xlabel=POSITION_LABELS[0], ylabel=POSITION_LABELS[1])
    axes.set_title(title, fontsize=9)
    _clipping_note(axes, path, half_width)


def teacher_arrows(run: dict) -> list[tuple[tuple[float, float], str]]:
    """(tip, colour) of the teacher's arrows: tip |b_i| a_i (the students' convention, so that the students' neurons
    of sign b_i gather on it), colour the sign of b_i as for the students (:data:`SIGN_COLOURS`)."""
    return [(tuple(tip), SIGN_COLOURS[float(sign)]) for tip, sign in zip(run["teacher"], run["teacher_sign"], strict=True)]


def _clipping_note(axes, path: np.ndarray, half_width: float) -> None:
    """State in the panel how many neurons the window clips, and how far the farthest one lies."""
    clipped = clipped_neurons(path, half_width)
    if clipped:
        farthest = float(np.linalg.norm(path, axis=2).max())
        axes.text(0.02, 0.02, f"{clipped} of {path.shape[1]} neurons reach\noutside the window (clipped);\n"
                  rf"largest $|b_j|\,\|a_j\|$ = {farthest:.3g}", transform=axes.transAxes, fontsize=7,
                  va="bottom", ha="left", zorder=6, bbox={"facecolor": "white", "alpha": 0.85, "lw": 0.4})


def _trajectory_legend(figure, teachers: int) -> None:
    """The legend of the trajectory panels, under the figure (proxy artists: every element of the panels; the
    teacher's entry shows a red and a blue arrow)."""
    arrows = tuple(Line2D([], [], color=SIGN_COLOURS[sign], ls="none", marker=r"$\rightarrow$", ms=10)
                   for sign in (1.0, -1.0))
    entries = [(Line2D([], [], color=SIGN_COLOURS[1.0], lw=0.8, marker="o", ms=3),
                r"neuron $|b_j|\,a_j$, $b_j > 0$: path, end"),
               (Line2D([], [], color=SIGN_COLOURS[-1.0], lw=0.8, marker="o", ms=3),
                r"neuron $|b_j|\,a_j$, $b_j < 0$: path, end"),
               (Line2D([], [], color="grey", ls="none", marker="o", mfc="none", ms=5, mew=0.6),
                "neuron at initialization"),
               (arrows, rf"{teachers} teacher neurons $|b_i|\,a_i$: $b_i > 0$, $b_i < 0$"),
               (Line2D([], [], color="grey", lw=0.8, ls="--"), "unit circle")]
    handles, labels = zip(*entries)
    figure.legend(handles=handles, labels=labels, loc="outside lower center", fontsize=7, ncol=2,
                  handler_map={tuple: HandlerTuple(ndivide=None, pad=0.6)}, handlelength=3, frameon=False, title_fontsize=7,
                  title=r"colour: sign of $b_j$ at the end of training (students), of $b_i$ (teacher)")


def _draw_trajectories(label: str):
    """Figure 1(a) or (b): one run's trajectories, titled ``label`` (e.g. "(a) active training")."""

    def draw(record: dict):
        run = record["data"]
        figure, axes = _subplots(figsize=(4.6, 5))
        _trajectory_axes(axes, run, rf"{label}, $\tau = {run['tau']:g}$")
        _trajectory_legend(figure, len(run["teacher"]))
        return figure

    return draw


def _draw_5(record: dict):
    runs = record["data"]["runs"]
    figure, axes = _subplots(1, len(runs), figsize=(3.2 * len(runs), 3.6))
    for ax, run in zip(np.atleast_1d(axes), runs):
        _trajectory_axes(ax, run, rf"$\tau = {run['tau']:g}$, {'with' if run['doubling'] else 'without'} doubling")
    _trajectory_legend(figure, len(runs[0]["teacher"]))
    return figure


def _draw_1c(record: dict):
    data = record["data"]
    figure, axes = _subplots(figsize=(5, 3.6))
    best = data["best_test_error"]
    axes.errorbar(data["taus"], best["mean"], yerr=best["std"], marker="o", label="network: best test error")
    kernel = data["kernel_test_error"]
    axes.axhline(kernel["mean"], color="tab:green", ls="--", label="tangent-kernel method")
    axes.axhline(data["null_predictor_error"], color="grey", ls=":", label="predicting 0")
    axes.set(xscale="log", xlabel=r"$\tau$", ylabel="test error (MSE)", title="(c) generalization, $d = 100$")
    axes.legend(fontsize=8)
    return figure


def _draw_4(record: dict):
    data = record["data"]
    figure, axes = _subplots(figsize=(5, 3.6))
    angles = np.asarray(data["angles"])
    for index, realization in enumerate(data["random"]):
        axes.plot(angles, realization, color="tab:blue", lw=0.8, alpha=0.6,
                  label=r"$k_m$ (random)" if index == 0 else None)
    axes.plot(angles, data["limit"], color="black", lw=2, label=r"limit $k$, eq. (4)")
    axes.set(xlabel=r"$\varphi = $ angle$(x, x')$", ylabel=r"$k(x, x')$",
             title=f"kernels on a section of the sphere, $m = {data['width']}$")
    axes.legend(fontsize=8)
    return figure


def _draw_6a(record: dict):
    data = record["data"]
    figure, axes = _subplots(figsize=(5, 3.6))
    for key, label in (("sqrt", r"$\alpha = 1/\sqrt{m}$"), ("mean", r"$\alpha = 1/m$")):
        errors = np.asarray(data["test_error"][key])
        axes.errorbar(data["widths"], errors.mean(axis=1), yerr=errors.std(axis=1), marker="o", label=label)
    axes.set(xscale="log", xlabel=r"width $m$", ylabel="test error (MSE)", title="(a) test error against the width")
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
    axes.set(xscale="log", yscale="log", xlabel=r"$\tau$", ylabel="population loss",
             title="(b) under-parameterized SGD (hatched: still decreasing)")
    axes.legend(fontsize=8)
    return figure


DRAWINGS = {"figure-1a": _draw_trajectories("(a) active training"),
            "figure-1b": _draw_trajectories("(b) lazy training"), "figure-1c": _draw_1c, "figure-4": _draw_4,
            "figure-5": _draw_5, "figure-6a": _draw_6a, "figure-6b": _draw_6b}
