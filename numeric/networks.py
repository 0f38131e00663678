"""Two-layer networks f(w, x) = s(m) sum_j b_j sigma(a_j . x) as parametric models (chizat-bach 2.2, 5).

As a model in the sense of numeric/ (``__call__(w)``, ``jacobian(w)``, ``n_outputs``,
``n_params``), the network's outputs are its values on the training inputs X (n, d), and
w = (a_1, ..., a_m, b) is flattened as [a.ravel(), b], so p = m (d + 1).

Activations: ReLU (derivative taken as 1[s > 0]) and the smooth tanh and softplus.
Scalings s(m): ``"one"`` (1), ``"sqrt"`` (1/sqrt(m)) and ``"mean"`` (1/m).
The doubling trick (chizat-bach Section 2.1) duplicates the neurons with opposite output
weights, so that f(w0, .) = 0.

The Jacobian is exact:
    d f(x)/d a_j = s b_j sigma'(a_j . x) x,    d f(x)/d b_j = s sigma(a_j . x).
"""

from __future__ import annotations

import numpy as np

from numeric.validation import finite_array, positive_integer

SCALINGS = {"one": lambda m: 1.0, "sqrt": lambda m: 1.0 / np.sqrt(m), "mean": lambda m: 1.0 / m}


def _relu(s):
    return np.maximum(s, 0.0)


def _relu_prime(s):
    return (s > 0).astype(float)


def _softplus(s):
    return np.logaddexp(0.0, s)


def _sigmoid(s):
    return 0.5 * (1.0 + np.tanh(0.5 * s))


ACTIVATIONS = {
    "relu": (_relu, _relu_prime, None),
    "tanh": (np.tanh, lambda s: 1.0 - np.tanh(s) ** 2, lambda s: -2.0 * np.tanh(s) * (1.0 - np.tanh(s) ** 2)),
    "softplus": (_softplus, _sigmoid, lambda s: _sigmoid(s) * (1.0 - _sigmoid(s))),
}
#: sup |sigma'| and sup |sigma''| of the smooth activations (tanh'' peaks at 4/(3 sqrt 3); softplus'' at 1/4).
ACTIVATION_BOUNDS = {"tanh": (1.0, 4.0 / (3.0 * np.sqrt(3.0))), "softplus": (1.0, 0.25)}


class TwoLayerNetwork:
    """f(w, x) = s(m) sum_j b_j sigma(a_j . x), seen through its values on the inputs X."""

    def __init__(self, inputs, width: int, activation: str = "tanh", scaling: str = "sqrt"):
        """Raises ValueError for inputs that are not a finite (n, d) array with n, d >= 1, a width that is not a
        positive integer (2.5 is refused, not truncated), or an unknown activation or scaling."""
        self.inputs = finite_array(inputs, "inputs", ndim=2)
        if 0 in self.inputs.shape:
            raise ValueError(f"inputs must have at least one row and one column, got shape {self.inputs.shape}")
        if not isinstance(activation, str) or activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {', '.join(ACTIVATIONS)}, got {activation!r}")
        if not isinstance(scaling, str) or scaling not in SCALINGS:
            raise ValueError(f"scaling must be one of {', '.join(SCALINGS)}, got {scaling!r}")
        self.width, self.activation, self.scaling = positive_integer(width, "width"), activation, scaling
        self.dim = self.inputs.shape[1]
        self.scale = SCALINGS[scaling](self.width)
        self._sigma, self._sigma_prime, self._sigma_second = ACTIVATIONS[activation]

    @property
    def n_outputs(self) -> int:
        return self.inputs.shape[0]

    @property
    def n_params(self) -> int:
        return self.width * (self.dim + 1)

    def unpack(self, w) -> tuple[np.ndarray, np.ndarray]:
        """(a of shape (..., m, d), b of shape (..., m)) from flat parameters of shape (..., p).

        Raises ValueError unless the last axis of w has p = m (d + 1) entries.
        """
        w = np.asarray(w, dtype=float)
        if w.ndim == 0 or w.shape[-1] != self.n_params:
            raise ValueError(f"w must have {self.n_params} = width * (dim + 1) parameters on its last axis, "
                             f"got shape {w.shape}")
        split = self.width * self.dim
        return w[..., :split].reshape(w.shape[:-1] + (self.width, self.dim)), w[..., split:]

    @staticmethod
    def pack(a, b) -> np.ndarray:
        return np.concatenate([np.asarray(a, dtype=float).ravel(), np.asarray(b, dtype=float)])

    def predict(self, w, inputs) -> np.ndarray:
        """f(w, x) for each row x of ``inputs`` (w may be a batch of shape (..., p))."""
        a, b = self.unpack(w)
        pre = np.einsum("nd,...md->...nm", self._checked_inputs(inputs), a)
        return self.scale * np.einsum("...nm,...m->...n", self._sigma(pre), b)

    def _checked_inputs(self, inputs) -> np.ndarray:
        """``inputs`` as a float array of shape (n, d) with this network's d (a shape check only: cheap)."""
        if inputs is self.inputs:
            return inputs
        inputs = np.asarray(inputs, dtype=float)
        if inputs.ndim != 2 or inputs.shape[1] != self.dim:
            raise ValueError(f"inputs must have shape (n, {self.dim}), got {inputs.shape}")
        return inputs

    def _single(self, w) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`unpack` for one parameter vector of shape (p,)."""
        if np.ndim(w) != 1:
            raise ValueError(f"w must be one parameter vector of shape ({self.n_params},), got shape {np.shape(w)}")
        return self.unpack(w)

    def __call__(self, w) -> np.ndarray:
        return self.predict(w, self.inputs)

    def jacobian_at(self, w, inputs) -> np.ndarray:
        """D_w f(w, x) for each row x of ``inputs``: shape (len(inputs), p) (w a single parameter vector)."""
        a, b = self._single(w)
        inputs = self._checked_inputs(inputs)
        pre = inputs @ a.T  # (n, m)
        d_a = self.scale * (self._sigma_prime(pre) * b)[:, :, None] * inputs[:, None, :]
        d_b = self.scale * self._sigma(pre)
        return np.concatenate([d_a.reshape(len(inputs), -1), d_b], axis=1)

    def jacobian(self, w) -> np.ndarray:
        return self.jacobian_at(w, self.inputs)

    def hessian(self, w) -> np.ndarray:
        """D^2 f_i(w) for each training output i: shape (n, p, p) (smooth activations).

        Block-diagonal over neurons: d^2 f/da_j da_j = s b_j sigma''(a_j.x) x x^T,
        d^2 f/da_j db_j = s sigma'(a_j.x) x, d^2 f/db_j^2 = 0, and no coupling between neurons.
        """
        if self._sigma_second is None:
            raise ValueError(f"f is not twice differentiable for the {self.activation} activation")
        a, b = self._single(w)
        pre = self.inputs @ a.T  # (n, m)
        n, m, d = self.n_outputs, self.width, self.dim
        hessian = np.zeros((n, self.n_params, self.n_params))
        curvature = self.scale * (b * self._sigma_second(pre))[:, :, None, None] * np.einsum(
            "nd,ne->nde", self.inputs, self.inputs)[:, None]
        coupling = self.scale * self._sigma_prime(pre)[:, :, None] * self.inputs[:, None, :]  # (n, m, d)
        for j in range(m):
            block = slice(j * d, (j + 1) * d)
            hessian[:, block, block] = curvature[:, j]
            hessian[:, block, m * d + j] = coupling[:, j]
            hessian[:, m * d + j, block] = coupling[:, j]
        return hessian

    def kernel_parts(self, w, inputs1, inputs2) -> tuple[np.ndarray, np.ndarray]:
        """The tangent kernel's two parts k^(a) (input layer) and k^(b) (output layer), chizat-bach 2.2.

        k^(a)(x, x') = s^2 sum_j (x . x') b_j^2 sigma'(a_j . x) sigma'(a_j . x'),
        k^(b)(x, x') = s^2 sum_j sigma(a_j . x) sigma(a_j . x')  (s^2 = 1/m for the 1/sqrt(m) scaling).
        """
        a, b = self.unpack(w)
        p1, p2 = np.asarray(inputs1) @ a.T, np.asarray(inputs2) @ a.T
        gram = np.asarray(inputs1) @ np.asarray(inputs2).T
        k_a = self.scale**2 * gram * ((self._sigma_prime(p1) * b**2) @ self._sigma_prime(p2).T)
        k_b = self.scale**2 * self._sigma(p1) @ self._sigma(p2).T
        return k_a, k_b

    def lip_jacobian_bound(self, w0, radius: float) -> float:
        """A certified Lipschitz constant of w -> Df(w) on the ball B(w0, radius) (smooth activations).

        Each output's Hessian is block-diagonal over neurons, with blocks
        s [[b_j sigma''(a_j.x) x x^T, sigma'(a_j.x) x], [sigma'(a_j.x) x^T, 0]], of norm at most
        s (|b_j| sup|sigma''| ||x||^2 + sup|sigma'| ||x||); on the ball |b_j| <= |b0_j| + radius.
        Then ||Df(w) - Df(w')|| <= ||Df(w) - Df(w')||_F <= sqrt(sum_i sup ||H_i||^2) ||w - w'||.
        """
        if self.activation not in ACTIVATION_BOUNDS:
            raise ValueError(f"Df is not Lipschitz for the {self.activation} activation")
        first, second = ACTIVATION_BOUNDS[self.activation]
        _, b0 = self.unpack(w0)
        norms = np.linalg.norm(self.inputs, axis=1)
        per_output = self.scale * ((np.abs(b0).max() + radius) * second * norms**2 + first * norms)
        return float(np.sqrt(np.sum(per_output**2)))


def hessian_norm_bound(model: TwoLayerNetwork, w) -> float:
    """sqrt(sum_i ||D^2 f_i(w)||^2): the local Lipschitz constant of Df at w (smooth activations).

    Each output's Hessian is block-diagonal over neurons; the block of neuron j acts on
    span{x, e_{b_j}} as s [[b_j sigma''(z) ||x||^2, sigma'(z) ||x||], [sigma'(z) ||x||, 0]],
    z = a_j . x, whose norm is the largest |eigenvalue| of that 2x2 matrix.
    """
    if model._sigma_second is None:
        raise ValueError(f"Df is not Lipschitz for the {model.activation} activation")
    a, b = model.unpack(w)
    pre = model.inputs @ a.T
    norms = np.linalg.norm(model.inputs, axis=1)[:, None]
    trace = b * model._sigma_second(pre) * norms**2
    coupling = model._sigma_prime(pre) * norms
    block = np.abs(trace) / 2 + np.sqrt(trace**2 / 4 + coupling**2)
    return float(model.scale * np.sqrt(np.sum(block.max(axis=1) ** 2)))


class CenteredModel:
    """h(w) = f(w) - f(w0): the centering of chizat-bach Section 2.1, so that h(w0) = 0 with Dh = Df.

    Unlike the doubling trick, centering keeps a generic w0 generic: the rank of Dh near w0 is the
    rank of Df, which is locally constant for almost every w0 (the hypothesis of Theorem 3.4).
    """

    def __init__(self, model, w0):
        self.model = model
        self.w0 = finite_array(w0, "w0", shape=(model.n_params,))
        self.offset = model(self.w0)

    @property
    def n_outputs(self) -> int:
        return self.model.n_outputs

    @property
    def n_params(self) -> int:
        return self.model.n_params

    def __call__(self, w) -> np.ndarray:
        return self.model(w) - self.offset

    def jacobian(self, w) -> np.ndarray:
        return self.model.jacobian(w)

    def hessian(self, w) -> np.ndarray:
        return self.model.hessian(w)


def doubled_parameters(rng: np.random.Generator, width: int, dim: int, tau: float) -> np.ndarray:
    """N(0, tau^2) parameters with the doubling trick: neurons j + m/2 copy a_j with b_{j+m/2} = -b_j."""
    if width % 2:
        raise ValueError(f"the doubling trick needs an even width, got {width}")
    half = width // 2
    a = tau * rng.standard_normal((half, dim))
    b = tau * rng.standard_normal(half)
    return TwoLayerNetwork.pack(np.vstack([a, a]), np.concatenate([b, -b]))
