"""Vectors, matrices and boxes for formulas that take one point, many points or a stack of instances.

A formula written with these helpers evaluates, unchanged:

- one instance (float parameters) at one point: plain (k,) vectors and (rows, cols) matrices;
- one instance at many points, points along leading axes: (..., k) and (..., rows, cols);
- a stack of B instances (parameters of shape (B,)) at one point each, points of shape (B, k).

:mod:`numeric.charts` writes the rank-theorem charts this way, so a batched flow of many charts uses the very
formulas of one chart.
"""

from __future__ import annotations

import numpy as np


def scaled(factor, array: np.ndarray, axes: int) -> np.ndarray:
    """factor * array for a per-instance factor (a float, or shape (B,) for a stack) and an array of points with
    ``axes`` trailing axes (1 for vectors, 2 for matrices)."""
    if not isinstance(factor, np.ndarray):
        return factor * array
    return factor.reshape(factor.shape + (1,) * axes) * array


def vectors(*coordinates) -> np.ndarray:
    """The points with these coordinates (floats, or arrays of one shape (...)): shape (k,) or (..., k)."""
    stacked = np.array(coordinates)
    return stacked if stacked.ndim == 1 else np.moveaxis(stacked, 0, -1)


def matrices(entries: dict, size: tuple[int, int]) -> np.ndarray:
    """The matrices of shape ``size`` with ``entries`` {(i, j): value}, 0 elsewhere; the values are floats or arrays
    of one shape (...), giving (..., rows, cols)."""
    shapes = [value.shape for value in entries.values() if isinstance(value, np.ndarray)]
    matrix = np.zeros((np.broadcast_shapes(*shapes) if shapes else ()) + size)
    for (i, j), value in entries.items():
        matrix[..., i, j] = value
    return matrix


def box(half_widths) -> np.ndarray:
    """The half-widths (h_1, ..., h_k) of a box (floats, or arrays of shape (B,) for a stack): (k,) or (B, k)."""
    if all(np.ndim(h) == 0 for h in half_widths):
        return np.array(half_widths, dtype=float)
    return np.stack(np.broadcast_arrays(*half_widths), axis=-1).astype(float)
