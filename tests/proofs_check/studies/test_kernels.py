"""Tangent and limit kernels (symbolic.kernels, numeric.kernels, proofs_check.studies.kernels)."""

import numpy as np
import pytest
import sympy as sp

from proofs_check.settings import RunConfig
from proofs_check.studies.kernels import (SLOPE_TOLERANCE, decomposition_claim, decomposition_gap, figure_4_data,
                                          limit_kernels, monte_carlo_claim, monte_carlo_study, quadrature_claim,
                                          quadrature_gap)
from proofs_check.studies.sweeps import grid
from symbolic.symbols import symbols

phi, x_norm, xp_norm, dot, d, E_b2, E_a2 = symbols("phi x_norm xp_norm dot d E_b2 E_a2")


def test_closed_forms_match_an_independent_quadrature():
    assert quadrature_gap() < 1e-10 and quadrature_claim(RunConfig()).ok


def test_random_feature_error_shrinks_like_one_over_sqrt_m():
    study = monte_carlo_study(0, grid("kernel-widths", "ci"))
    assert abs(study["slope"].value + 0.5) <= SLOPE_TOLERANCE
    assert study["rms_errors"][-1] < study["rms_errors"][0] / 5
    result = monte_carlo_claim(RunConfig())
    assert result.ok and result.kind == "measured" and result.slopes == (study["slope"],)


def test_the_decomposition_is_the_jacobian_gram():
    assert decomposition_gap() < 1e-12
    result = decomposition_claim(RunConfig(seed=4))
    assert result.ok and result.ratio < 1 and dict(result.ranges)["seed"] == str(RunConfig(seed=4).study_seed(0))


def test_figure_4_data():
    data = figure_4_data(points=31)
    assert len(data["angles"]) == 31 and len(data["random"]) == 3
    assert data["limit"][0] == pytest.approx(1.0)  # k(x, x) = 1/2 + 1/2 for unit x, N(0, 1) weights
    assert data["limit"][-1] == pytest.approx(0.0, abs=1e-12)  # k = 0 at phi = pi
    assert np.allclose(data["limit"], np.add(data["limit_a"], data["limit_b"]))
    for realization in data["random"]:  # width 200: scattered around the limit, RMS error ~ 1/sqrt(200)
        assert np.sqrt(np.mean((np.array(realization) - data["limit"]) ** 2)) < 0.3


@pytest.mark.parametrize("name,variant", [
    ("relu_kernel_a", dot * E_b2 * (sp.pi - phi) / sp.pi),  # wrong constant
    ("relu_kernel_a", dot * E_b2 * (sp.pi - phi) ** 2 / (2 * sp.pi)),  # wrong exponent
    ("relu_kernel_b", x_norm * xp_norm * E_a2 * ((sp.pi - phi) * sp.cos(phi)) / (2 * sp.pi * d)),  # dropped sin phi
    ("relu_kernel_b", x_norm * xp_norm * E_a2 * ((sp.pi - phi) * sp.cos(phi) + sp.sin(phi)) / (2 * sp.pi)),  # no 1/d
])
def test_falsified_kernels_are_rejected(name, variant, rejected):
    rejected(name, variant)


def test_a_falsified_kernel_disagrees_with_the_quadrature():
    from numeric.kernels import gaussian_kernels_by_quadrature

    probability, _ = gaussian_kernels_by_quadrature(1.0)
    assert abs(probability - (np.pi - 1.0) / np.pi) > 0.1  # the variant (pi - phi)/pi is refuted numerically too
    assert limit_kernels([1.0])[0][0] == pytest.approx(np.cos(1.0) * probability, abs=1e-12)
