"""Parametric models h: R^p -> R^n with exact Jacobians and certified constants.

``SineTiltedLinear`` is h(w) = J0 w + eps sin(C w): its Jacobian
Dh(w) = J0 + eps diag(cos(C w)) C stays within eps ||C|| of J0 for every w, so

.. math::  \\sigma_{\\min}(Dh(w)) \\ge \\sigma_{\\min}(J_0) - \\varepsilon\\|C\\| \\quad\\text{for all } w,

which certifies the floor of the tangent kernel Sigma(w) = Dh(w) Dh(w)^T along any path.
"""

from __future__ import annotations

import numpy as np

from numeric.validation import finite_array, positive_number


def sine_tilted_value(J0, C, eps, phase, w) -> np.ndarray:
    """h(w) = J0 w + eps (sin(C w + phase) - sin(phase)): one model (J0 (n, p), eps scalar, phase (n,)) at points
    w (..., p), or a stack of B models (J0 (B, n, p), eps (B,), phase (B, n)) at one point each, w (B, p)."""
    w, eps = np.asarray(w, dtype=float), np.asarray(eps, dtype=float)[..., None]
    return (np.einsum("...ij,...j->...i", J0, w)
            + eps * (np.sin(np.einsum("...ij,...j->...i", C, w) + phase) - np.sin(phase)))


def sine_tilted_jacobian(J0, C, eps, phase, w) -> np.ndarray:
    """Dh(w) = J0 + eps diag(cos(C w + phase)) C, with the shapes of :func:`sine_tilted_value`: (..., n, p)."""
    w, eps = np.asarray(w, dtype=float), np.asarray(eps, dtype=float)[..., None, None]
    return J0 + eps * np.cos(np.einsum("...ij,...j->...i", C, w) + phase)[..., :, None] * C


class StackedSineTilted:
    """B sine-tilted models of one shape (n, p), evaluated together: ``self(w)`` and ``jacobian(w)`` for w (B, p),
    model b at w[b] (the formulas of :class:`SineTiltedLinear`)."""

    def __init__(self, models):
        shapes = {model.J0.shape for model in models}
        if len(shapes) != 1:
            raise ValueError(f"stacked models must share one shape, got {sorted(shapes)}")
        self.J0, self.C = np.stack([m.J0 for m in models]), np.stack([m.C for m in models])
        self.eps, self.phase = np.array([m.eps for m in models]), np.stack([m.phase for m in models])
        self.size, self.n_outputs, self.n_params = self.J0.shape

    def __call__(self, w) -> np.ndarray:
        return sine_tilted_value(self.J0, self.C, self.eps, self.phase, w)

    def jacobian(self, w) -> np.ndarray:
        return sine_tilted_jacobian(self.J0, self.C, self.eps, self.phase, w)

    def vjp(self, w):
        """(h_b(w_b), v -> Dh_b(w_b)^T v_b) for w (B, p) and v (B, n)."""
        jacobian = self.jacobian(w)
        return self(w), lambda v: np.einsum("bij,bi->bj", jacobian, v)


class SineTiltedLinear:
    """h(w) = J0 w + eps (sin(C w + phase) - sin(phase)), with n outputs and p >= n parameters.

    h(0) = 0 for every phase; a phase away from 0 gives h a genuine quadratic term at 0.

    ``kernel_floor`` is the certified lower bound (sigma_min(J0) - eps ||C||)^2 on the
    eigenvalues of Dh(w) Dh(w)^T for every w.
    """

    def __init__(self, J0, C, eps, phase=None):
        self.J0 = finite_array(J0, "J0", ndim=2)
        self.C = finite_array(C, "C", shape=self.J0.shape)
        self.phase = np.zeros(self.J0.shape[0]) if phase is None else finite_array(phase, "phase", shape=(self.J0.shape[0],))
        self.eps = positive_number(eps, "eps") if eps != 0 else 0.0
        singular_values = np.linalg.svd(self.J0, compute_uv=False)
        if self.J0.shape[0] > self.J0.shape[1]:
            raise ValueError("SineTiltedLinear needs p >= n (an over-parameterized model)")
        margin = singular_values[-1] - self.eps * np.linalg.norm(self.C, 2)
        if margin <= 0:
            raise ValueError(f"eps*||C|| = {self.eps * np.linalg.norm(self.C, 2):.3g} must be below "
                             f"sigma_min(J0) = {singular_values[-1]:.3g} for a certified kernel floor")
        self.kernel_floor = float(margin**2)

    @property
    def n_outputs(self) -> int:
        return self.J0.shape[0]

    @property
    def n_params(self) -> int:
        return self.J0.shape[1]

    def __call__(self, w) -> np.ndarray:
        return sine_tilted_value(self.J0, self.C, self.eps, self.phase, w)

    def jacobian(self, w) -> np.ndarray:
        """Dh(w), shape (..., n, p)."""
        return sine_tilted_jacobian(self.J0, self.C, self.eps, self.phase, w)

    @property
    def lip_jacobian(self) -> float:
        """A certified Lipschitz constant of w -> Dh(w) (operator norm).

        Dh(w) - Dh(w') = eps diag(cos(Cw + phase) - cos(Cw' + phase)) C, and |cos a - cos b| <= |a - b|, so
        ||Dh(w) - Dh(w')|| <= eps max_i |c_i (w - w')| ||C|| <= eps max_i ||c_i|| ||C|| ||w - w'||.
        """
        return float(self.eps * np.linalg.norm(self.C, axis=1).max() * np.linalg.norm(self.C, 2))

    def __repr__(self) -> str:
        return (f"SineTiltedLinear(J0={self.J0.tolist()!r}, C={self.C.tolist()!r}, eps={self.eps!r}, "
                f"phase={self.phase.tolist()!r})")


class ConcaveScalar:
    """f(w) = offset + sigma_min w - lip_Df w^2/2 on R: Df(w) = sigma_min - lip_Df w, exactly lip_Df-Lipschitz.

    At |w| = r0 = sigma_min/(2 lip_Df) its kernel Df(w)^2 is sigma_min^2/4: the witness that
    the floor 1/4 of chizat-bach's proof of Theorem 3.2 cannot be raised. The ``offset`` f(0) lets
    f(w0) sit anywhere (w0 = 0), for instance at -C0, the farthest Theorem 3.2 allows.
    """

    n_outputs = n_params = 1

    def __init__(self, sigma_min: float, lip_Df: float, offset: float = 0.0):
        self.sigma_min, self.lip_jacobian = positive_number(sigma_min, "sigma_min"), positive_number(lip_Df, "lip_Df")
        self.offset = float(finite_array(offset, "offset", ndim=0))

    def __call__(self, w) -> np.ndarray:
        w = np.asarray(w, dtype=float)
        return self.offset + self.sigma_min * w - self.lip_jacobian * w**2 / 2

    def jacobian(self, w) -> np.ndarray:
        w = np.asarray(w, dtype=float)
        return (self.sigma_min - self.lip_jacobian * w)[..., None]

    def __repr__(self) -> str:
        offset = f", offset={self.offset!r}" if self.offset else ""
        return f"ConcaveScalar({self.sigma_min!r}, {self.lip_jacobian!r}{offset})"


class ReturningCurve:
    """f(w) = (sin w, w sin(w)/pi) on R: an under-parameterized model (p = 1 < n = 2), after chizat-bach Figure 2.

    Df(w) = (cos w, (sin w + w cos w)/pi) never vanishes (where cos w = 0, |sin w| = 1), so rank Df = 1
    everywhere. The curve leaves 0 at w = 0 along (1, 0) and comes back through 0 at w = pi along
    (-1, -1): scaled by alpha it passes near any target on the diagonal, far from w0 = 0.
    """

    n_outputs, n_params = 2, 1

    def __call__(self, w) -> np.ndarray:
        w = np.asarray(w, dtype=float)[..., 0]
        return np.stack([np.sin(w), w * np.sin(w) / np.pi], axis=-1)

    def jacobian(self, w) -> np.ndarray:
        """Df(w), shape (..., 2, 1)."""
        w = np.asarray(w, dtype=float)[..., 0]
        return np.stack([np.cos(w), (np.sin(w) + w * np.cos(w)) / np.pi], axis=-1)[..., None]

    def hessian(self, w) -> np.ndarray:
        """D^2 f_i(w), shape (..., 2, 1, 1)."""
        w = np.asarray(w, dtype=float)[..., 0]
        return np.stack([-np.sin(w), (2 * np.cos(w) - w * np.sin(w)) / np.pi], axis=-1)[..., None, None]

    def __repr__(self) -> str:
        return "ReturningCurve()"
