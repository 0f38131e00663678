"""smith Sections 1 and 4 (proofs_check.studies.remarks.smith_kernel_limit): lazy training as a kernel method."""

import numpy as np

from proofs_check.settings import RunConfig
from proofs_check.studies.remarks.smith_kernel_limit import (KERNEL_SEED, kernel_case, kernel_predictor,
                                                             representer_claim, zero_init_claim)

CONFIG = RunConfig()


def test_the_kernel_predictor_interpolates_the_targets():
    model, loss, w0, _ = kernel_case(KERNEL_SEED)
    assert np.allclose(kernel_predictor(model, w0, loss.y_star, model.inputs), loss.y_star)
    assert np.allclose(model(w0), 0.0)  # the doubling trick


def test_the_tangent_limit_is_the_kernel_predictor_only_from_a_zero_output():
    assert zero_init_claim(CONFIG).ok
    assert not zero_init_claim(CONFIG, centered=False).ok


def test_the_lazy_limit_approaches_the_kernel_predictor():
    result = representer_claim(CONFIG)
    assert result.ok, result.detail
    assert not representer_claim(CONFIG, expected=-3.0).ok
    assert not representer_claim(CONFIG, layer="output").ok
