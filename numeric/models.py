"""Parametric models h: R^p -> R^n with exact Jacobians and certified constants.

``SineTiltedLinear`` is h(w) = J0 w + eps sin(C w): its Jacobian
Dh(w) = J0 + eps diag(cos(C w)) C stays within eps ||C|| of J0 for every w, so

.. math::  \\sigma_{\\min}(Dh(w)) \\ge \\sigma_{\\min}(J_0) - \\varepsilon\\|C\\| \\quad\\text{for all } w,

which certifies the floor of the tangent kernel Sigma(w) = Dh(w) Dh(w)^T along any path.
"""

from __future__ import annotations

import numpy as np

from numeric.validation import finite_array, positive_number


class SineTiltedLinear:
    """h(w) = J0 w + eps * sin(C w), with n outputs and p >= n parameters.

    ``kernel_floor`` is the certified lower bound (sigma_min(J0) - eps ||C||)^2 on the
    eigenvalues of Dh(w) Dh(w)^T for every w.
    """

    def __init__(self, J0, C, eps):
        self.J0 = finite_array(J0, "J0", ndim=2)
        self.C = finite_array(C, "C", shape=self.J0.shape)
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
        w = np.asarray(w, dtype=float)
        return w @ self.J0.T + self.eps * np.sin(w @ self.C.T)

    def jacobian(self, w) -> np.ndarray:
        """Dh(w), shape (..., n, p)."""
        cosines = np.cos(np.asarray(w, dtype=float) @ self.C.T)
        return self.J0 + self.eps * cosines[..., :, None] * self.C

    def __repr__(self) -> str:
        return f"SineTiltedLinear(J0={self.J0.tolist()!r}, C={self.C.tolist()!r}, eps={self.eps!r})"
