"""Batched training of two-layer ReLU networks, for the experiments of chizat-bach Section 5.

The model is f(w, x) = alpha sum_j b_j relu(a_j . x), w = (a_1, ..., a_m, b), trained on the
quadratic loss R = (1/2n) sum_i (f(x_i) - y_i)^2. B independent networks (trials times
tau values) train at once: a has shape (B, m, d) and b shape (B, m), and each step of
gradient descent costs two large matrix products,

    pre = a x^T  (B m x d times d x n),    grad_a = (alpha b r^T . 1[pre > 0]) x  (B m x n times n x d),

with r = (f - y)/n the residual. Fixed-step gradient descent is the forward-Euler scheme of the
gradient flow w' = -grad R(w) (chizat-bach Section 5: "a small step-size").

Data follow the text: inputs uniform on the unit sphere of R^d, outputs of a teacher network
with m0 = 3 neurons normalised so that |b_j| ||a_j|| = 1; initial parameters N(0, tau^2), with
the doubling trick (neurons j > m/2 copy a_{j - m/2} and negate b_{j - m/2}) when asked.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def sphere(rng: np.random.Generator, n: int, d: int, dtype=np.float64) -> np.ndarray:
    """n points uniform on the unit sphere of R^d, shape (n, d)."""
    x = rng.standard_normal((n, d))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(dtype)


@dataclass(frozen=True)
class Teacher:
    """The ground truth y = sum_j b_j relu(a_j . x) of chizat-bach Section 5, with |b_j| ||a_j|| = 1."""

    a: np.ndarray
    b: np.ndarray

    @classmethod
    def draw(cls, rng: np.random.Generator, d: int, m0: int = 3) -> "Teacher":
        a = rng.standard_normal((m0, d))
        return cls(a / np.linalg.norm(a, axis=1, keepdims=True), np.sign(rng.standard_normal(m0)))

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return np.maximum(x @ self.a.T, 0.0) @ self.b


def initial_parameters(rng: np.random.Generator, taus, m: int, d: int, *, doubling: bool = True,
                       dtype=np.float32) -> tuple[np.ndarray, np.ndarray]:
    """(a, b) of shapes (B, m, d), (B, m) for B = len(taus): tau * one N(0, 1) draw per network.

    Each network's draw is independent; with ``doubling`` (m even) the second half of the
    neurons repeats the first with opposite output weights, so that f(w0, .) = 0.
    """
    taus = np.asarray(taus, dtype=float)
    half = m // 2 if doubling else m
    if doubling and m % 2:
        raise ValueError(f"the doubling trick needs an even width, got m = {m}")
    a = rng.standard_normal((taus.size, half, d))
    b = rng.standard_normal((taus.size, half))
    if doubling:
        a, b = np.concatenate([a, a], axis=1), np.concatenate([b, -b], axis=1)
    return (taus[:, None, None] * a).astype(dtype), (taus[:, None] * b).astype(dtype)


def predict(a: np.ndarray, b: np.ndarray, alpha, x: np.ndarray) -> np.ndarray:
    """f(w, x) for every network of the batch: shape (B, n)."""
    batch, m, d = a.shape
    hidden = np.maximum(a.reshape(batch * m, d) @ x.T, 0).reshape(batch, m, -1)
    return np.asarray(alpha)[..., None] * np.matmul(b[:, None, :], hidden)[:, 0, :]


#: Entries of a (chunk, m, n) work array (float32: 2 MB), so that the elementwise passes run in cache.
CHUNK_ENTRIES = 1 << 19


class GradientDescent:
    """In-place full-batch gradient descent on R = (1/2n)||f(X) - y||^2 for a batch of networks.

    ``alpha`` and ``eta`` are scalars or arrays of shape (B,) (one per network). ``flops`` counts
    the floating-point operations of the two matrix products per step (2 B m n d each), the
    figure against which the machine's matrix-multiply peak is compared.
    """

    def __init__(self, a: np.ndarray, b: np.ndarray, alpha, x: np.ndarray, y: np.ndarray, eta):
        self.a, self.b, self.x, self.y = a, b, x.astype(a.dtype), y.astype(a.dtype)
        batch, m, _ = a.shape
        n = x.shape[0]
        self.alpha = np.broadcast_to(np.asarray(alpha, dtype=a.dtype), (batch,))
        self.eta = np.broadcast_to(np.asarray(eta, dtype=a.dtype), (batch,))
        # networks go through a step in chunks whose (chunk, m, n) work arrays stay in cache
        self.chunk = max(1, min(batch, CHUNK_ENTRIES // (m * n)))
        self._pre = np.empty((self.chunk * m, n), dtype=a.dtype)
        self._hidden = np.empty((self.chunk, m, n), dtype=a.dtype)
        self.flops = 0

    def step(self, x: np.ndarray | None = None, y: np.ndarray | None = None) -> np.ndarray:
        """One step; returns the training loss of each network before it, shape (B,).

        With ``x`` and ``y`` (a fresh mini-batch of the same size as the training set given at
        construction), the step is one of stochastic gradient descent on that batch.
        """
        x = self.x if x is None else x.astype(self.a.dtype)
        y = self.y if y is None else y.astype(self.a.dtype)
        losses = [self._step_chunk(slice(lo, lo + self.chunk), x, y) for lo in range(0, self.a.shape[0], self.chunk)]
        batch, m, d = self.a.shape
        self.flops += 4 * batch * m * x.shape[0] * d
        return np.concatenate(losses)

    def _step_chunk(self, rows: slice, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        a, b, alpha, eta = self.a[rows], self.b[rows], self.alpha[rows], self.eta[rows]
        batch, m, d = a.shape
        n = x.shape[0]
        pre = np.matmul(a.reshape(batch * m, d), x.T, out=self._pre[: batch * m]).reshape(batch, m, n)
        hidden = np.maximum(pre, 0, out=self._hidden[:batch])
        residual = (alpha[:, None] * np.matmul(b[:, None, :], hidden)[:, 0, :] - y) / n
        grad_b = alpha[:, None] * np.matmul(hidden, residual[:, :, None])[:, :, 0]
        # grad a_j = alpha b_j sum_i 1[a_j . x_i > 0] r_i x_i: the gates times r in the hidden buffer, one product,
        # then the factor alpha b_j per row
        gated = np.multiply(pre > 0, residual[:, None, :], out=hidden)
        grad_a = (gated.reshape(batch * m, n) @ x).reshape(batch, m, d) * (alpha[:, None] * b)[:, :, None]
        a -= eta[:, None, None] * grad_a
        b -= eta[:, None] * grad_b
        return 0.5 * n * np.sum(residual**2, axis=1)


def mean_squared_error(a: np.ndarray, b: np.ndarray, alpha, x_test: np.ndarray, y_test: np.ndarray) -> np.ndarray:
    """Mean squared test error of each network, shape (B,)."""
    return np.mean((predict(a, b, alpha, x_test.astype(a.dtype)) - y_test) ** 2, axis=1)


def tangent_kernel(a: np.ndarray, b: np.ndarray, alpha: float, x: np.ndarray, x_other: np.ndarray) -> np.ndarray:
    """K(x, x') = Df_w(x) . Df_w(x') for one network (a (m, d), b (m,)), in float64, shape (len(x), len(x_other)).

    K = alpha^2 [relu(x a^T) relu(x' a^T)^T + ((1[x a^T > 0] b)(1[x' a^T > 0] b)^T) * (x x'^T)].
    """
    a, b = a.astype(np.float64), b.astype(np.float64)
    pre, pre_other = x @ a.T, x_other @ a.T
    features = np.maximum(pre, 0) @ np.maximum(pre_other, 0).T
    gates = ((pre > 0) * b) @ ((pre_other > 0) * b).T
    return alpha**2 * (features + gates * (x @ x_other.T))


def kernel_method_errors(a: np.ndarray, b: np.ndarray, alpha: float, x, y, x_test, y_test, times) -> np.ndarray:
    """Test errors along the tangent-kernel gradient flow from f(w0) = 0, at each of ``times``.

    For R = (1/2n)||f - y||^2 the tangent model's test predictions are, with K = V diag(lam) V^T,
    f_test(t) = K_test V diag((1 - e^{-lam t/n})/lam) V^T y (lam = 0 contributes t/n): the kernel
    method with early stopping, which lazy training approaches as tau grows.
    """
    n = x.shape[0]
    lam, basis = np.linalg.eigh(tangent_kernel(a, b, alpha, x, x))
    lam = np.clip(lam, 0.0, None)
    coefficients = basis.T @ y
    cross = tangent_kernel(a, b, alpha, x_test, x) @ basis
    errors = []
    for t in times:
        gain = np.where(lam > 0, -np.expm1(-lam * t / n) / np.where(lam > 0, lam, 1.0), t / n)
        errors.append(np.mean((cross @ (gain * coefficients) - y_test) ** 2))
    return np.asarray(errors)
