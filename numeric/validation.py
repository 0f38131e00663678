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
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}") from None
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


def positive_integer(value, name: str) -> int:
    """``value`` as an int >= 1; a float, bool or string is refused, not truncated."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def tolerances(rtol, atol=None) -> tuple[float, float | None]:
    """(rtol, atol) of an adaptive integration, both finite numbers > 0 (atol may be None: a default).

    atol = 0 is refused too: the error scale atol + rtol |y| is then 0 wherever a component is 0
    (a displacement starts at 0), and no step could be accepted.
    """
    return positive_number(rtol, "rtol"), None if atol is None else positive_number(atol, "atol")


#: What the flows and the lemma checks use of a loss and of a metric.
LOSS_ATTRIBUTES = ("dim", "mu", "nu", "y_star", "grad")
METRIC_ATTRIBUTES = ("dim", "lam")


def _require_attributes(value, name: str, attributes: tuple[str, ...], example: str) -> None:
    missing = [attribute for attribute in attributes if not hasattr(value, attribute)]
    if missing:
        raise ValueError(f"{name} must be a {name} with {', '.join(attributes)} (e.g. {example}), "
                         f"got {type(value).__name__} without {', '.join(missing)}")


def model_and_loss(model, loss) -> None:
    """Check that ``model`` (n_params, n_outputs, jacobian, callable) and ``loss`` (dim, grad) fit together:
    the loss is a function of the model's outputs, so loss.dim == model.n_outputs."""
    _require_attributes(model, "model", ("n_params", "n_outputs", "jacobian"), "numeric.models.SineTiltedLinear")
    _require_attributes(loss, "loss", ("dim", "grad"), "numeric.losses.StronglyConvexQuadratic")
    if loss.dim != model.n_outputs:
        raise ValueError(f"loss has dimension {loss.dim} but the model has {model.n_outputs} outputs "
                         "(the loss is a function of the model's outputs)")


def flow_instance(loss, metric, y0, *, y0_name: str = "y0") -> np.ndarray:
    """Check a (loss, metric, y0) triple of the predictor flow: returns y0 as a finite array of shape (loss.dim,).

    ``loss`` needs dim, mu, nu, y_star and grad; ``metric`` must be callable with dim and lam; their
    dimensions must agree and y0 must have loss.dim entries.
    """
    _require_attributes(loss, "loss", LOSS_ATTRIBUTES, "numeric.losses.StronglyConvexQuadratic")
    _require_attributes(metric, "metric", METRIC_ATTRIBUTES, "numeric.metrics.RotatingSpectrum")
    if not callable(metric):
        raise ValueError(f"metric must be callable (t -> Sigma(t)), got {type(metric).__name__}")
    if metric.dim != loss.dim:
        raise ValueError(f"metric has dimension {metric.dim} but the loss has {loss.dim}")
    y0 = np.asarray(y0, dtype=float)
    if y0.shape != (loss.dim,):
        raise ValueError(f"{y0_name} must have shape ({loss.dim},) (the loss's dimension), got {y0.shape}")
    return finite_array(y0, y0_name)
