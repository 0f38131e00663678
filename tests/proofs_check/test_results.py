"""The one result type (proofs_check.results): fitted slopes with their error, and the JSON of every check."""

import numpy as np
import pytest

from proofs_check.results import CheckResult, Slope, fit_slope, ranges_of, worst

FIELDS = {"kind", "ok", "detail", "ref", "observed", "bound", "ratio", "tight", "searched", "ranges", "counterexample",
          "replay", "slopes", "witness_ratio", "errata", "crashed", "witness", "skipped", "instances"}


def test_an_exact_power_law_has_its_slope_and_no_error():
    xs = [1.0, 10.0, 100.0]
    slope = fit_slope("gap", "alpha", xs, [3.0 / x**2 for x in xs], limit=-1.5)
    assert slope.value == pytest.approx(-2.0) and slope.error == pytest.approx(0.0, abs=1e-12) and slope.within_limit


def test_a_noisy_power_law_has_a_standard_error():
    rng = np.random.default_rng(0)
    xs = np.geomspace(1, 1000, 12)
    slope = fit_slope("gap", "alpha", xs, xs**-1.0 * np.exp(0.1 * rng.standard_normal(12)))
    assert abs(slope.value + 1.0) < 4 * slope.error and 0.005 < slope.error < 0.05
    assert fit_slope("gap", "alpha", [1.0, 2.0], [1.0, 4.0]).error == 0.0  # two points determine the line
    assert not Slope("gap", "alpha", -0.5, 0.01, limit=-0.9).within_limit


def test_every_check_serializes_every_field():
    result = CheckResult("numeric", True, "worst ratio 0.9", ref="x", observed=0.9, bound=1.0, ratio=0.9, tight=True,
                         searched=30, ranges=ranges_of({"lam": "[0.1, 2]"}), replay=("python -c 1",),
                         slopes=(Slope("gap", "alpha", -1.0, 0.01),))
    data = result.as_json()
    assert set(data) == FIELDS and data["ranges"] == {"lam": "[0.1, 2]"} and data["slopes"][0]["value"] == -1.0
    assert data["replay"] == ["python -c 1"] and result.with_(ok=False).ok is False


def test_a_crash_is_a_failing_result_and_the_worst_ratio_skips_missing_ones():
    crashed = CheckResult.crash("study", "x", RuntimeError("boom"))
    assert not crashed.ok and crashed.crashed and crashed.detail == "crashed: RuntimeError: boom"
    assert worst([crashed, CheckResult("numeric", True, "", ratio=0.5)]) == 0.5 and worst([crashed]) is None
