"""chizat-bach's tangent-model remarks (proofs_check.studies.remarks.chizat_bach_tangent): each claim holds as read,
and each falsified variant is rejected with a counterexample."""

import numpy as np
import pytest

from numeric.models import ConcaveScalar
from proofs_check.settings import RunConfig
from proofs_check.studies.remarks import chizat_bach_tangent as tangent

CONFIG = RunConfig()


@pytest.mark.parametrize("claim, variants", [
    (tangent.kernel_drift_claim, ("half",)),
    (tangent.stretch_claim, ("quarter", "alpha-squared")),
    (tangent.offset_claim, ("unshifted",)),
    (tangent.convexity_claim, ("whole-space",)),
    (tangent.convergence_claim, ("unique-on-Rp",)),
    (tangent.tangent_limit_claim, ("literal", "alpha-squared")),
], ids=lambda value: getattr(value, "__name__", "variants"))
def test_the_claim_holds_and_each_falsified_variant_is_rejected(claim, variants):
    result = claim(CONFIG)
    assert result.ok and not result.crashed and result.counterexample is None, result.detail
    assert result.searched and result.ranges
    for variant in variants:
        rejected = claim(CONFIG, variant)
        assert not rejected.ok and rejected.counterexample, (variant, rejected.detail)


def test_the_kernel_drift_bound_is_attained_on_the_concave_scalar():
    concave, network = tangent.kernel_drift_ratios(seed=0, directions=2)
    assert concave.max() == pytest.approx(1.0, abs=1e-3) and concave.max() <= 1.0
    assert network.max() < 1.0
    halved, _ = tangent.kernel_drift_ratios(seed=0, directions=2, factor=0.5)
    assert halved.max() == pytest.approx(2 * concave.max())


def test_the_stretch_gap_of_the_concave_scalar_is_exactly_the_bound():
    model, alpha = ConcaveScalar(1.0, 1.0), 10.0
    v = np.array([1.0 / alpha])
    gap = alpha * abs(model(v) - model(np.zeros(1)) - model.jacobian(np.zeros(1)) @ v)
    assert gap == pytest.approx(model.lip_jacobian / (2 * alpha))


def test_the_tangent_limits_are_closed_forms_at_a_long_time():
    limits = tangent.tangent_limits(CONFIG.study_seed(6))
    assert set(limits) == set(tangent.LIMIT_ALPHAS)
    for alpha, (displacement, predictor, sup) in limits.items():
        assert sup >= np.linalg.norm(displacement) * (1 - 1e-9)  # the path is monotone: its sup is at the end
        assert np.linalg.norm(predictor) > 0


def test_a_seed_changes_the_instances_but_not_the_verdicts():
    for seed in (3, 11):
        config = RunConfig(seed=seed)
        assert tangent.offset_claim(config).ok and tangent.tangent_limit_claim(config).ok
