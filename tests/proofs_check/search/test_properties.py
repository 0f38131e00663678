"""The tolerance policy of proofs_check.search.properties: rounding is forgiven, real violations never hidden."""

import numpy as np
import pytest

from numeric.losses import StronglyConvexQuadratic
from numeric.metrics import FloorPlusGram
from proofs_check.search import properties
from proofs_check.search.properties import ROUNDING_RTOL, lemma_3_3, stability

EXACT = "d0*exp(-mu*lam*t)"  # attained when kappa = 1 and Sigma = lam Id


def _equality_instance():
    """kappa = 1 and Sigma = lam Id, through the adaptive path: ||y(t) - y*|| = d0 exp(-mu lam t) exactly."""
    loss = StronglyConvexQuadratic(np.eye(2) * 0.8, [0.5, -0.25])
    metric = FloorPlusGram(0.6, np.zeros((2, 2)), np.zeros((2, 2)), 0.0)
    return loss, metric, np.array([1.5, 0.75])


def _late_shortfall(size: float) -> str:
    """A false bound, short of the truth by ``size`` (relative) only near the horizon, where errors add up."""
    return f"{EXACT}*(1 - {size}*(t/10)**8)"


def test_equality_is_not_a_violation_and_the_ratio_is_one():
    result = lemma_3_3(*_equality_instance())
    assert result.method == "adaptive" and not result.violation and result.resolved
    assert result.ratio == pytest.approx(1.0, abs=1e-7)


@pytest.mark.parametrize("shortfall", [1e-3, 1e-6, 1e-8, 1e-9])
def test_a_real_violation_is_refuted(shortfall):
    result = lemma_3_3(*_equality_instance(), bound=_late_shortfall(shortfall))
    assert result.violation and result.excess > 0


def test_escalation_is_what_refutes_a_small_late_violation(monkeypatch):
    monkeypatch.setattr(properties, "ESCALATION_STEPS", 0)
    without = lemma_3_3(*_equality_instance(), bound=_late_shortfall(1e-8))
    assert not without.violation and not without.resolved  # undecided, and said so
    monkeypatch.undo()
    assert lemma_3_3(*_equality_instance(), bound=_late_shortfall(1e-8)).violation


def test_a_violation_below_the_resolution_is_reported_unresolved_not_passed():
    """1e-10 exceeds rounding but not the finest error estimate: undecided, and reported as such.

    (A shortfall below ROUNDING_RTOL of the states, about 2e-13 here, is indistinguishable
    from float64 rounding; that is the documented floor of the policy.)
    """
    result = lemma_3_3(*_equality_instance(), bound=_late_shortfall(1e-10))
    assert not result.violation and not result.resolved and result.ratio > 1


def test_rounding_allowance_is_a_thousand_ulps():
    assert ROUNDING_RTOL == pytest.approx(1000 * np.finfo(float).eps)
    barely = lemma_3_3(*_equality_instance(), bound=f"(1 - 1e-15)*{EXACT}")
    assert not barely.violation and barely.resolved


def test_stability_on_a_constant_metric_has_no_significant_ratio():
    """With Sigma(t) = Sigma(0), K = 0 and y = ybar: nothing above rounding is observed."""
    result = stability(*_equality_instance())
    assert not result.violation and result.ratio == 0.0



@pytest.mark.parametrize("check", [lemma_3_3, stability])
@pytest.mark.parametrize("change,message", [
    ({"loss": None}, "loss must be a loss with"),
    ({"metric": None}, "metric must be a metric with"),
    ({"y0": [1.0, 1.0, 1.0]}, r"y0 must have shape \(2,\)"),
    ({"y0": [1.0, np.nan]}, "y0 contains NaN"),
    ({"rtol": 0.0}, "rtol must be a finite number > 0"),
    ({"rtol": -1.0}, "rtol must be"),
    ({"atol": np.inf}, "atol must be"),
    ({"horizon": 0.0}, "horizon must be"),
])
def test_bad_arguments_are_value_errors_naming_the_argument(check, change, message):
    loss, metric, y0 = _equality_instance()
    arguments = {"loss": loss, "metric": metric, "y0": y0} | change
    with pytest.raises(ValueError, match=message):
        check(**arguments)
