"""Validators of the witnesses that the Appendix B chain (chizat-bach Theorem 3.4) reports: each returns
{hypothesis: holds} for Theorem 3.4's hypotheses on the instance of a counterexample (see
:func:`proofs_check.studies.appendix_b.hypotheses`)."""

from __future__ import annotations

from numeric.charts import CircleChart, SaddleChart
from numeric.losses import LogCoshQuadratic, StronglyConvexQuadratic
from proofs_check.studies.appendix_b import Case, fixed_case, hypotheses


def case_hypotheses(text: str) -> dict[str, bool]:
    """:func:`hypotheses` of the case whose ``repr`` is ``text`` (or of the first item of a (case, point) tuple): the
    validator of the witnesses the chain's searches report."""
    namespace = {"Case": Case, "CircleChart": CircleChart, "SaddleChart": SaddleChart,
                 "StronglyConvexQuadratic": StronglyConvexQuadratic, "LogCoshQuadratic": LogCoshQuadratic}
    found = eval(text, {"__builtins__": {}}, namespace)  # a repr lazycheck wrote: constructors and numbers only
    return hypotheses(found[0] if isinstance(found, tuple) else found)


def fixed_case_hypotheses(*alphas: float) -> dict[str, bool]:
    """:func:`hypotheses` of the fixed case at each of ``alphas`` (the validator of its rate witnesses)."""
    return {f"{name} at alpha = {alpha:g}": holds for alpha in alphas
            for name, holds in hypotheses(fixed_case(alpha)).items()}
