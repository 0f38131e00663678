"""smith Section 4 on sparse ground truth (proofs_check.studies.remarks.smith_sparse)."""

from types import MappingProxyType

from proofs_check.settings import RunConfig
from proofs_check.studies.remarks.smith_sparse import SUPPORT, dense_claim, flow_toward_sparse, rich_recovery_claim

CONFIG = RunConfig()


def test_the_lazy_limit_is_dense_and_not_supported_on_beta_star():
    assert dense_claim(CONFIG).ok
    assert not dense_claim(CONFIG, support_only=True).ok


def test_the_rich_limit_recovers_with_enough_samples_and_cannot_below_the_support_size():
    assert rich_recovery_claim(CONFIG, flow=False).ok
    few = rich_recovery_claim(CONFIG, samples=SUPPORT - 1, flow=False)
    assert not few.ok and few.observed == 0.0, few.detail


def test_the_flow_criterion_needs_a_decreasing_small_error():
    scales = (0.01, 0.1, 1.0)
    assert flow_toward_sparse(MappingProxyType({"scales": scales, "test_error": (0.001, 0.1, 0.5)}))[0]
    assert not flow_toward_sparse(MappingProxyType({"scales": scales, "test_error": (0.05, 0.1, 0.5)}))[0]
    assert not flow_toward_sparse(MappingProxyType({"scales": scales, "test_error": (0.001, 0.6, 0.5)}))[0]
