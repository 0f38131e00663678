"""smith Section 4 (after Woodworth et al.): what the lazy and the rich limits do on sparse ground truth.

On x ~ N(0, I_d), y = <x, beta*>, beta*_i = 1/sqrt(d*) for i <= d* (smith's example), with lazycheck's protocol
(N = 20 samples, d = 40, d* = 3, :func:`numeric.sparse.sparse_problem`):

- "lazy training alpha -> oo would not result in a sparse solution": the lazy limit is the minimum-l2 interpolator
  X^T (X X^T)^{-1} y, whose d coordinates are all non-zero (almost surely);
- "training far away from the lazy training limit alpha -> 0 would attain the sparse solution beta*": the rich limit
  is the minimum-l1 interpolator, which is beta* with high probability when N is large enough (N >= 2 d* log(d/d*)
  for a Gaussian design, the regime of the cited experiments; here 20 >= 15.5), and cannot be beta* when N < d*,
  since a vertex of the l1 linear program has at most N non-zero coordinates.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from numeric.sparse import minimum_l1, minimum_l2, sparse_problem
from proofs_check.results import CheckResult, ranges_of
from proofs_check.settings import RunConfig
from proofs_check.studies import sparse

SAMPLES, DIM, SUPPORT = 20, 40, 3
#: Draws of each check, the default seed of its draws, and what counts as a non-zero coordinate (relative).
DENSE_DRAWS, RECOVERY_DRAWS, SPARSE_SEED, NONZERO_RTOL = 100, 40, 41, 1e-8
#: beta is beta* when ||beta - beta*|| <= RECOVERY_RTOL ||beta*||; the rich regime must recover in RECOVERY_RATE of
#: the draws, and the flow at the smallest scale must have a test error below FLOW_TEST_ERROR ||beta*||^2.
RECOVERY_RTOL, RECOVERY_RATE, FLOW_TEST_ERROR = 1e-6, 0.95, 1e-2


def dense_claim(config: RunConfig, support_only: bool = False) -> CheckResult:
    """smith Section 4: the lazy limit beta_l2 is not sparse: over DENSE_DRAWS problems all its d coordinates are
    non-zero. ``support_only`` checks the false "supp beta_l2 lies in beta*'s support" instead."""
    rng = np.random.default_rng(config.study_seed(SPARSE_SEED))
    counts = []
    for _ in range(DENSE_DRAWS):
        inputs, targets, _ = sparse_problem(rng, SAMPLES, DIM, SUPPORT)
        beta = minimum_l2(inputs, targets)
        counts.append(int((np.abs(beta) > NONZERO_RTOL * np.linalg.norm(beta)).sum()))
    expected = SUPPORT if support_only else DIM
    ok = all(c <= expected for c in counts) if support_only else all(c == DIM for c in counts)
    claim = f"at most {SUPPORT} non-zeros" if support_only else f"all {DIM} coordinates non-zero"
    detail = (f"minimum-l2 interpolator over {DENSE_DRAWS} draws (N = {SAMPLES}, d = {DIM}, d* = {SUPPORT}): "
              f"non-zeros between {min(counts)} and {max(counts)}; claim: {claim}")
    return CheckResult("numeric", ok, detail, ref="lazy limit", observed=float(min(counts)), bound=float(expected),
                       searched=DENSE_DRAWS, ranges=ranges_of({"draws": DENSE_DRAWS, "N, d, d*": (SAMPLES, DIM, SUPPORT),
                                                               "seed": config.study_seed(SPARSE_SEED)}))


def recovery_rate(config: RunConfig, samples: int) -> tuple[float, int]:
    """(fraction of RECOVERY_DRAWS problems with N = ``samples`` whose minimum-l1 interpolator is beta*, the largest
    number of non-zero coordinates it had)."""
    rng = np.random.default_rng(config.study_seed(SPARSE_SEED + 1))
    recovered, widest = 0, 0
    for _ in range(RECOVERY_DRAWS):
        inputs, targets, beta_star = sparse_problem(rng, samples, DIM, SUPPORT)
        beta = minimum_l1(inputs, targets)
        recovered += bool(np.linalg.norm(beta - beta_star) <= RECOVERY_RTOL * np.linalg.norm(beta_star))
        widest = max(widest, int((np.abs(beta) > NONZERO_RTOL * np.linalg.norm(beta)).sum()))
    return recovered / RECOVERY_DRAWS, widest


def flow_toward_sparse(data: Mapping) -> tuple[bool, str]:
    """Whether the flow's limit approaches beta* as the scale decreases, from :func:`proofs_check.studies.sparse.study`
    (its test errors ||beta - beta*||^2 by scale, ||beta*|| = 1): decreasing towards small scales, and below
    FLOW_TEST_ERROR at the smallest."""
    errors = data["test_error"]
    ok = all(a <= b for a, b in zip(errors, errors[1:])) and errors[0] <= FLOW_TEST_ERROR
    return ok, (f"flow limit: ||beta - beta*||^2 = {errors[0]:.2g} at scale {data['scales'][0]:g}, "
                f"{errors[-1]:.2g} at scale {data['scales'][-1]:g} (smallest must be <= {FLOW_TEST_ERROR:g})")


def rich_recovery_claim(config: RunConfig, samples: int = SAMPLES, flow: bool = True) -> CheckResult:
    """smith Section 4, read with enough samples: the alpha -> 0 limit (the minimum-l1 interpolator) is beta* in at
    least RECOVERY_RATE of the draws at N = ``samples``, and (``flow``) the diagonal network's flow approaches beta*
    as its scale decreases. With ``samples`` < d* (a falsified variant) recovery is impossible."""
    rate, widest = recovery_rate(config, samples)
    ok, detail = rate >= RECOVERY_RATE, (f"N = {samples}, d = {DIM}, d* = {SUPPORT}: minimum-l1 = beta* in "
                                         f"{rate:.0%} of {RECOVERY_DRAWS} draws (at most {widest} non-zeros; need "
                                         f">= {RECOVERY_RATE:.0%})")
    if flow:
        flow_ok, flow_detail = flow_toward_sparse(sparse.study(config))
        ok, detail = ok and flow_ok, f"{detail}; {flow_detail}"
    return CheckResult("measured", ok, detail, ref="rich limit", observed=rate, bound=RECOVERY_RATE,
                       searched=RECOVERY_DRAWS, ranges=ranges_of({"N": samples, "d, d*": (DIM, SUPPORT),
                                                                  "seed": config.study_seed(SPARSE_SEED + 1)}))
