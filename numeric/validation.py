"""Argument validation shared by numeric/: clear ValueErrors that name the problem."""

from __future__ import annotations

import numpy as np

#: Relative tolerance for "symmetric": |H - H^T| <= SYMMETRY_RTOL * |H|.
SYMMETRY_RTOL = 1e-12


def finite_array(value, name: str, *, ndim: int | None = None, shape: tuple | None = None) -> np.ndarray:
    """``value`` as a float array, checked finite and of the given ndim/shape."""
    array = np.asarray(value, dtype=float)
    if ndim is not None and array.ndim != ndim:
        raise ValueError(f"{name} must have {ndim} dimension(s), got shape {array.shape}")
    if shape is not None and array.shape != shape:
        raise ValueError(f"{name} must have shape {shape}, got {array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or inf")
    return array


def positive_number(value, name: str) -> float:
    """``value`` as a finite float > 0."""
    number = float(value)
    if not np.isfinite(number) or number <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
    return number


def symmetric_matrix(value, name: str, dim: int | None = None) -> np.ndarray:
    """``value`` as a finite square symmetric matrix (exactly symmetrized after the check)."""
    matrix = finite_array(value, name, ndim=2)
    if matrix.shape[0] != matrix.shape[1]:
        raise ValueError(f"{name} must be square, got shape {matrix.shape}")
    if dim is not None and matrix.shape[0] != dim:
        raise ValueError(f"{name} must be {dim}x{dim}, got {matrix.shape}")
    scale = max(np.abs(matrix).max(), 1.0)
    if np.abs(matrix - matrix.T).max() > SYMMETRY_RTOL * scale:
        raise ValueError(f"{name} is not symmetric (max |{name} - {name}^T| = {np.abs(matrix - matrix.T).max():.3g})")
    return (matrix + matrix.T) / 2


def positive_definite(value, name: str, dim: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Symmetric positive-definite ``value``: returns (matrix, eigenvalues ascending, eigenvectors)."""
    matrix = symmetric_matrix(value, name, dim)
    eigenvalues, eigenvectors = np.linalg.eigh(matrix)
    if eigenvalues[0] <= 0:
        raise ValueError(f"{name} is not positive definite (smallest eigenvalue {eigenvalues[0]:.3g})")
    return matrix, eigenvalues, eigenvectors


def times(value, name: str = "ts") -> np.ndarray:
    """Output times: a finite, 1-d, nondecreasing array starting at t >= 0."""
    ts = finite_array(np.atleast_1d(value), name, ndim=1)
    if ts.size == 0:
        raise ValueError(f"{name} is empty")
    if ts[0] < 0 or np.any(np.diff(ts) < 0):
        raise ValueError(f"{name} must be nondecreasing and start at t >= 0")
    return ts
