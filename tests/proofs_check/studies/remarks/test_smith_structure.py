"""smith's structural remarks (proofs_check.studies.remarks.smith_structure): each holds, each variant is rejected."""

import numpy as np

from proofs_check.settings import RunConfig
from proofs_check.studies.remarks.smith_structure import (_smallest_singular_value, diagonal_kernel_claim,
                                                          image_dimension_claim, nonconvex_network_claim,
                                                          sigma_min_claim)

CONFIG = RunConfig()


def test_the_network_is_nonconvex_and_the_linearized_model_is_not():
    network = nonconvex_network_claim(CONFIG)
    assert network.ok, network.detail
    assert not nonconvex_network_claim(CONFIG, "tangent").ok


def test_onto_only_for_at_most_p_points():
    assert image_dimension_claim(CONFIG).ok
    assert not image_dimension_claim(CONFIG, onto_more=True).ok


def test_the_smallest_singular_value_of_a_wide_map_is_zero():
    jacobian = np.array([[1.0, 0.0, 0.0], [0.0, 2.0, 0.0]])
    assert _smallest_singular_value(jacobian) == 0.0 and _smallest_singular_value(jacobian.T) == 1.0


def test_sigma_min_of_the_transpose_detects_surjectivity_and_the_untransposed_reading_does_not():
    assert sigma_min_claim(CONFIG).ok
    assert not sigma_min_claim(CONFIG, transpose=False).ok


def test_the_diagonal_kernel_is_l2_only_from_a_uniform_initialization():
    assert diagonal_kernel_claim(CONFIG).ok
    assert not diagonal_kernel_claim(CONFIG, spread=0.5).ok
