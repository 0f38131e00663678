"""chizat-bach's remarks on two-layer and wide networks (proofs_check.studies.remarks.chizat_bach_wide): each claim
holds as read, and each falsified variant is rejected with a counterexample."""

import numpy as np
import pytest

from proofs_check.settings import RunConfig
from proofs_check.studies.remarks import chizat_bach_wide as wide

CONFIG = RunConfig()


@pytest.mark.parametrize("claim, holds, variants", [
    (wide.doubling_claim, "text", ("opposite-inputs",)),
    (wide.metric_kernel_claim, "text", ("inner-product-sqrt", "model-three-quarters")),
    (wide.jacobian_norm_claim, "hs", ("op",)),
    (wide.lipschitz_claim, "text", ("sqrt-m",)),
], ids=lambda value: getattr(value, "__name__", str(value)))
def test_the_claim_holds_and_each_falsified_variant_is_rejected(claim, holds, variants):
    result = claim(CONFIG, holds)
    assert result.ok and result.counterexample is None and result.ranges, result.detail
    for variant in variants:
        rejected = claim(CONFIG, variant)
        assert not rejected.ok and rejected.counterexample, (variant, rejected.detail)


def test_the_operator_norm_ratio_approaches_one_over_one_plus_two_over_pi():
    ratio = wide.jacobian_norm_claim(CONFIG, "op").ratio
    assert ratio == pytest.approx(1 / (1 + 2 / np.pi), abs=0.04)


def test_the_lipschitz_constant_is_attained_by_moving_one_neuron():
    ratios, attained = wide._lipschitz_ratios(np.random.default_rng(0), 50)
    assert attained == pytest.approx(wide.LIPSCHITZ_WIDTH ** -0.5) and ratios.max() <= attained * (1 + 1e-12)


def test_the_kernel_factor_is_read_from_the_derivation():
    assert wide._evaluate("metric_model_scale", s_model=0.1, c_metric=0.1) == pytest.approx(0.1)
    assert wide._evaluate("wide_lipschitz", alpha=0.5, L_DPhi=2.0) == pytest.approx(1.0)
