"""Tangent kernels of two-layer ReLU networks: random features and numeric expectations.

- :func:`random_feature_kernels`: k_m^(a), k_m^(b) of a width-m network with N(0, 1)
  weights (1/sqrt(m) scaling), between a fixed unit x and x' at angle phi on a section of
  the sphere (chizat-bach Figure 4);
- :func:`gaussian_kernels_by_quadrature`: E[sigma'(a.x) sigma'(a.x')] and
  E[sigma(a.x) sigma(a.x')] for a ~ N(0, I), by 2-d numeric integration in the plane of
  x and x' (nested scipy quad), independently of any closed form.
"""

from __future__ import annotations

import numpy as np

from numeric.networks import TwoLayerNetwork


def section_inputs(angles, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """x = e1 and x'(phi) = cos(phi) e1 + sin(phi) e2 in R^dim, for each angle."""
    angles = np.asarray(angles, dtype=float)
    x = np.zeros((1, dim))
    x[0, 0] = 1.0
    others = np.zeros((angles.size, dim))
    others[:, 0], others[:, 1] = np.cos(angles), np.sin(angles)
    return x, others


def random_feature_kernels(rng: np.random.Generator, width: int, angles, dim: int = 10):
    """(k_m^(a), k_m^(b)) at the angles, for one random ReLU network of the given width."""
    model = TwoLayerNetwork(np.zeros((1, dim)), width, "relu", "sqrt")
    w = TwoLayerNetwork.pack(rng.standard_normal((width, dim)), rng.standard_normal(width))
    x, others = section_inputs(angles, dim)
    k_a, k_b = model.kernel_parts(w, x, others)
    return k_a[0], k_b[0]


def gaussian_kernels_by_quadrature(phi: float) -> tuple[float, float]:
    """(P(a.x > 0, a.x' > 0), E[relu(a.x) relu(a.x')]) for unit x, x' at angle phi, a ~ N(0, I).

    Nested adaptive quadrature (scipy's quad) in polar coordinates of the plane of x and x':
    the radial integral inside, the angular one outside, split where the indicators switch
    (theta = +-pi/2 and phi +- pi/2), so that a narrow wedge is not missed.
    """
    from scipy.integrate import quad

    def radial(power):
        return quad(lambda r: r ** (1 + power) * np.exp(-r * r / 2) / (2 * np.pi), 0.0, np.inf,
                    epsabs=1e-13, epsrel=1e-12)[0]

    breaks = sorted({float(np.angle(np.exp(1j * b))) for b in (np.pi / 2, -np.pi / 2, phi + np.pi / 2, phi - np.pi / 2)})
    edges = [-np.pi] + [b for b in breaks if -np.pi < b < np.pi] + [np.pi]

    def angular(integrand):
        return sum(quad(integrand, lo, hi, epsabs=1e-13, epsrel=1e-12)[0] for lo, hi in zip(edges[:-1], edges[1:]))

    probability = radial(0) * angular(lambda t: float(np.cos(t) > 0 and np.cos(t - phi) > 0))
    product = radial(2) * angular(lambda t: max(np.cos(t), 0.0) * max(np.cos(t - phi), 0.0))
    return float(probability), float(product)
