"""Time-dependent metrics Sigma(t) with a certified floor lam: Sigma(t) >= lam Id for all t >= 0.

These are the operators of Lemma 3.3 (y' = -Sigma(t) grad R(y)) and Lemma A.1. Each
family is a callable ``sigma(t)``: an (n, n) array for a scalar t and (len(t), n, n)
for an array of times. ``lam`` is proven for every t, by construction:

- :class:`RotatingSpectrum`: Q(t) D Q(t)^T with Q(t) orthogonal, so the spectrum is D;
- :class:`FloorPlusGram`: lam Id + B(t) B(t)^T, a floor plus a Gram matrix;
- :class:`PiecewiseConstant`: switching between matrices lam Id + P_k, P_k >= 0;
- :class:`LevelSetTransport` and :class:`ForcingMetric`: adversarial families that push
  Lemma 3.3 and Lemma A.1 toward their bounds;
- :class:`CallableMetric`: a user's function, with a sampled check of its floor.

:class:`numeric.parameter_flows.ModelInducedMetric`, Dh(w(t)) Dh(w(t))^T along a model's own
gradient flow, lives beside the parameter flows it integrates.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from numeric.validation import finite_array, positive_definite, positive_number, symmetric_matrix

#: Relative slack when a floor is checked numerically: lambda_min >= lam - FLOOR_RTOL * ||Sigma||.
FLOOR_RTOL = 1e-10


class Metric:
    """Base class: a metric family with dimension ``dim`` and certified floor ``lam``."""

    family = "metric"
    dim: int
    lam: float

    def __call__(self, t) -> np.ndarray:
        times = np.asarray(t, dtype=float)
        if times.ndim == 0:
            return self._at(float(times))
        return np.stack([self._at(float(s)) for s in times.ravel()]).reshape(times.shape + (self.dim, self.dim))

    def _at(self, t: float) -> np.ndarray:
        raise NotImplementedError

    def pieces(self, horizon: float) -> list[tuple[float, np.ndarray]] | None:
        """[(start, Sigma)] if Sigma is piecewise constant on [0, horizon], else None."""
        return None

    def sigma_mp(self, t, mp):
        """Sigma(t) as an mpmath matrix, for the high-precision reference."""
        raise NotImplementedError(f"{type(self).__name__} has no mpmath evaluation")

    def apply_mp(self, t, v: list, mp) -> list:
        """Sigma(t) v on a list of mpf (the reference's right-hand side)."""
        sigma = self.sigma_mp(t, mp)
        return [mp.fsum(sigma[i, j] * v[j] for j in range(self.dim)) for i in range(self.dim)]

    def check_floor(self, horizon: float = 10.0, samples: int = 257) -> None:
        """Sample t in [0, horizon] and raise ValueError if lambda_min(Sigma(t)) < lam."""
        check_floor(self, self.lam, horizon, samples)


def check_floor(sigma: Callable, lam: float, horizon: float, samples: int) -> None:
    """Raise ValueError naming the first sampled t where lambda_min(sigma(t)) < lam."""
    for t in np.linspace(0.0, horizon, samples):
        matrix = np.asarray(sigma(float(t)), dtype=float)
        smallest = np.linalg.eigvalsh((matrix + matrix.T) / 2)[0]
        if smallest < lam - FLOOR_RTOL * max(1.0, np.abs(matrix).max()):
            raise ValueError(f"declared floor lam={lam:.6g} is false: lambda_min(Sigma({t:.4g})) = {smallest:.6g}")
        if not np.allclose(matrix, matrix.T, rtol=1e-12, atol=1e-12 * np.abs(matrix).max()):
            raise ValueError(f"Sigma({t:.4g}) is not symmetric")


class ConstantMetric(Metric):
    """Sigma(t) = Sigma for all t; ``lam`` is its smallest eigenvalue unless declared."""

    family = "constant"

    def __init__(self, sigma, lam: float | None = None):
        self.sigma, eigenvalues, _ = positive_definite(sigma, "Sigma")
        self.dim = self.sigma.shape[0]
        self.lam = float(eigenvalues[0]) if lam is None else positive_number(lam, "lam")
        if self.lam > eigenvalues[0] + FLOOR_RTOL * eigenvalues[-1]:
            raise ValueError(f"declared floor lam={self.lam:.6g} exceeds lambda_min(Sigma) = {eigenvalues[0]:.6g}")

    def _at(self, t: float) -> np.ndarray:
        return self.sigma

    def pieces(self, horizon: float):
        return [(0.0, self.sigma)]

    def sigma_mp(self, t, mp):
        return mp.matrix(self.sigma.tolist())

    def __repr__(self) -> str:
        return f"ConstantMetric(sigma={self.sigma.tolist()!r}, lam={self.lam!r})"


class RotatingSpectrum(Metric):
    """Sigma(t) = Q(t) diag(spectrum) Q(t)^T with Q(t) = expm(t A), A skew-symmetric.

    The spectrum is exactly ``spectrum`` for every t, so lam = min(spectrum). Q(t) is in
    closed form: i A is Hermitian, i A = V diag(omega) V^H, so Q(t) = V e^{-i omega t} V^H.
    """

    family = "rotating"

    def __init__(self, spectrum, generator):
        self.spectrum = finite_array(spectrum, "spectrum", ndim=1)
        if np.any(self.spectrum <= 0):
            raise ValueError("spectrum must be > 0")
        self.dim = self.spectrum.size
        self.generator = finite_array(generator, "generator", shape=(self.dim, self.dim))
        # Skew to rounding only (no relative slack), else the mpmath path's expm(t A) is not the float path's Q(t).
        if not np.allclose(self.generator, -self.generator.T, rtol=0.0, atol=1e-12):
            raise ValueError("generator must be skew-symmetric (A^T = -A)")
        self.lam = float(self.spectrum.min())
        self._omega, self._basis = np.linalg.eigh(1j * self.generator)

    def rotation(self, t) -> np.ndarray:
        """Q(t), shape (n, n) or (len(t), n, n)."""
        phases = np.exp(-1j * np.multiply.outer(np.asarray(t, dtype=float), self._omega))
        return ((self._basis * phases[..., None, :]) @ self._basis.conj().T).real

    def __call__(self, t) -> np.ndarray:
        q = self.rotation(t)
        return (q * self.spectrum) @ np.swapaxes(q, -1, -2)

    def sigma_mp(self, t, mp):
        q = mp.expm(mp.matrix(self.generator.tolist()) * t)
        return q * mp.diag(self.spectrum.tolist()) * q.T

    def apply_mp(self, t, v: list, mp) -> list:
        """Q(t) D Q(t)^T v with Q(t) = V e^{-i omega t} V^H from mpmath's Hermitian eigensolver."""
        cache = self.__dict__.setdefault("_mp_cache", {})
        if mp.prec not in cache:
            omega, basis = mp.eighe(mp.matrix(self.generator.tolist()) * mp.mpc(0, 1))
            cache[mp.prec] = (omega, basis, [mp.mpf(float(x)) for x in self.spectrum])
        omega, basis, spectrum = cache[mp.prec]
        n = self.dim
        phases = [mp.exp(mp.mpc(0, -1) * omega[k] * t) for k in range(n)]

        def rotate(vector, transpose: bool):  # Q(t) vector, or Q(t)^T vector = Q(-t) vector
            coefficients = [mp.fsum(mp.conj(basis[i, k]) * vector[i] for i in range(n)) for k in range(n)]
            coefficients = [c * (mp.conj(p) if transpose else p) for c, p in zip(coefficients, phases)]
            return [mp.re(mp.fsum(basis[i, k] * coefficients[k] for k in range(n))) for i in range(n)]

        rotated = rotate(v, transpose=True)
        return rotate([s * x for s, x in zip(spectrum, rotated)], transpose=False)

    def __repr__(self) -> str:
        return f"RotatingSpectrum(spectrum={self.spectrum.tolist()!r}, generator={self.generator.tolist()!r})"


class FloorPlusGram(Metric):
    """Sigma(t) = lam Id + B(t) B(t)^T with B(t) = B0 cos(omega t) + B1 sin(omega t)."""

    family = "floor_plus_gram"

    def __init__(self, lam, B0, B1, omega):
        self.lam = positive_number(lam, "lam")
        self.B0 = finite_array(B0, "B0", ndim=2)
        self.B1 = finite_array(B1, "B1", shape=self.B0.shape)
        self.omega = float(finite_array(omega, "omega", ndim=0))
        self.dim = self.B0.shape[0]

    def factor(self, t) -> np.ndarray:
        """B(t), shape (n, r) or (len(t), n, r)."""
        angle = np.asarray(t, dtype=float)[..., None, None] * self.omega
        return self.B0 * np.cos(angle) + self.B1 * np.sin(angle)

    def __call__(self, t) -> np.ndarray:
        b = self.factor(t)
        return self.lam * np.eye(self.dim) + b @ np.swapaxes(b, -1, -2)

    def sigma_mp(self, t, mp):
        b = mp.matrix(self.B0.tolist()) * mp.cos(self.omega * t) + mp.matrix(self.B1.tolist()) * mp.sin(self.omega * t)
        return mp.mpf(self.lam) * mp.eye(self.dim) + b * b.T

    def apply_mp(self, t, v: list, mp) -> list:
        """Sigma(t) v = lam v + B(t) (B(t)^T v), without forming Sigma."""
        cache = self.__dict__.setdefault("_mp_cache", {})
        if mp.prec not in cache:
            cache[mp.prec] = ([[mp.mpf(float(x)) for x in row] for row in self.B0],
                              [[mp.mpf(float(x)) for x in row] for row in self.B1], mp.mpf(self.lam),
                              mp.mpf(self.omega))
        b0, b1, lam, omega = cache[mp.prec]
        cos, sin = mp.cos(omega * t), mp.sin(omega * t)
        factor = [[cos * p + sin * q for p, q in zip(r0, r1)] for r0, r1 in zip(b0, b1)]
        inner = [mp.fsum(factor[i][k] * v[i] for i in range(self.dim)) for k in range(len(factor[0]))]
        return [lam * v[i] + mp.fdot(factor[i], inner) for i in range(self.dim)]

    def __repr__(self) -> str:
        return (f"FloorPlusGram(lam={self.lam!r}, B0={self.B0.tolist()!r}, B1={self.B1.tolist()!r}, "
                f"omega={self.omega!r})")


class PiecewiseConstant(Metric):
    """Sigma(t) = sigmas[k] for switch_times[k] <= t < switch_times[k+1] (the last one holds after).

    ``lam`` defaults to the smallest eigenvalue over the pieces; a declared ``lam`` is
    checked against it.
    """

    family = "piecewise"

    def __init__(self, switch_times, sigmas, lam: float | None = None):
        self.switch_times = finite_array(switch_times, "switch_times", ndim=1)
        if self.switch_times.size == 0 or self.switch_times[0] != 0 or np.any(np.diff(self.switch_times) <= 0):
            raise ValueError("switch_times must start at 0 and increase strictly")
        if len(sigmas) != self.switch_times.size:
            raise ValueError(f"{self.switch_times.size} switch times need as many matrices, got {len(sigmas)}")
        checked = [positive_definite(s, f"sigmas[{k}]") for k, s in enumerate(sigmas)]
        self.sigmas = np.stack([matrix for matrix, _, _ in checked])
        self.dim = self.sigmas.shape[1]
        floor = min(float(eigenvalues[0]) for _, eigenvalues, _ in checked)
        rounding = FLOOR_RTOL * max(float(eigenvalues[-1]) for _, eigenvalues, _ in checked)
        self.lam = floor if lam is None else positive_number(lam, "lam")
        if self.lam > floor + rounding:
            raise ValueError(f"declared floor lam={self.lam:.6g} exceeds the smallest eigenvalue {floor:.6g}")

    def _index(self, t) -> np.ndarray:
        return np.searchsorted(self.switch_times, t, side="right") - 1

    def __call__(self, t) -> np.ndarray:
        return self.sigmas[self._index(np.asarray(t, dtype=float))]

    def pieces(self, horizon: float):
        return [(float(s), m) for s, m in zip(self.switch_times, self.sigmas) if s <= horizon]

    def sigma_mp(self, t, mp):
        return mp.matrix(self.sigmas[int(self._index(float(t)))].tolist())

    def __repr__(self) -> str:
        return (f"PiecewiseConstant(switch_times={self.switch_times.tolist()!r}, sigmas={self.sigmas.tolist()!r}, "
                f"lam={self.lam!r})")


class CallableMetric(Metric):
    """A user's ``fn(t) -> (n, n)`` with a declared floor ``lam``, checked on samples of [0, horizon].

    Raises
    ------
    ValueError
        If ``lam <= 0``, or if some sampled Sigma(t) is not symmetric or has an
        eigenvalue below ``lam`` (the message names the time).
    """

    family = "callable"

    def __init__(self, fn: Callable[[float], np.ndarray], lam: float, *, horizon: float = 10.0, samples: int = 257):
        self.fn = fn
        self.lam = positive_number(lam, "lam")
        first = symmetric_matrix(fn(0.0), "fn(0)")
        self.dim = first.shape[0]
        check_floor(fn, self.lam, positive_number(horizon, "horizon"), samples)

    def _at(self, t: float) -> np.ndarray:
        return symmetric_matrix(self.fn(t), f"fn({t})", self.dim)

    def __repr__(self) -> str:
        return f"CallableMetric({self.fn!r}, lam={self.lam!r})"
