"""chizat-bach Section 3.3 on the rank of Df (proofs_check.studies.remarks.chizat_bach_rank): the fat Cantor
counterexample to "probability 1" (validated against every hypothesis), the middle-thirds contrast, genericity and the
analytic correction."""

import numpy as np
import pytest
import sympy as sp

from proofs_check.proofs.checks import call_validator
from proofs_check.settings import RunConfig
from proofs_check.studies.remarks import chizat_bach_rank as rank
from symbolic.remarks_chizat_bach import cantor_base, cantor_level, cantor_piece

CONFIG = RunConfig()


def test_the_pieces_follow_the_construction_and_the_derived_length():
    for base, level in ((4, 3), (3, 5), (4, rank.CANTOR_LEVEL)):
        pieces = rank.cantor_pieces(level, base)
        length = float(cantor_piece().subs({cantor_base: base, cantor_level: level}))
        assert pieces.shape == (2**level, 2) and np.allclose(pieces[:, 1] - pieces[:, 0], length)
        assert np.all(pieces[1:, 0] > pieces[:-1, 1])  # disjoint, sorted
    first = rank.cantor_pieces(1, 4)
    assert np.allclose(first, [[0.0, 0.375], [0.625, 1.0]])  # the middle quarter removed


def test_the_distance_and_the_jacobian_of_the_model():
    pieces = rank.cantor_pieces(1, 4)
    assert np.allclose(rank.distance_to(pieces, [0.2, 0.5, 0.6, 1.3, -0.5]), [0.0, 0.125, 0.025, 0.3, 0.5])
    assert rank.cantor_jacobian(np.array([0.0, 1.0]), 1).tolist() == [0.0, 0.0]
    assert rank.cantor_jacobian(np.array([5.0]), 1)[0] == 1.0  # min(dist, 1)^2 saturates outside


def test_the_counterexample_satisfies_every_hypothesis_and_refutes_the_claim():
    result = rank.rank_probability_claim(CONFIG)
    assert not result.ok and not result.crashed and result.observed == 0.5 and result.counterexample
    witness = result.witness
    assert witness.kind == "instance" and witness.claim == rank.CLAIM and len(witness.hypotheses) >= 5
    found = call_validator(witness)
    assert found and all(found.values()) and set(found) == set(witness.hypotheses)


def test_the_middle_thirds_model_does_not_refute_the_claim():
    result = rank.rank_probability_claim(CONFIG, 3)
    assert result.ok and result.observed == 0.0 and result.witness is None and result.counterexample is None


def test_an_instance_that_breaks_a_hypothesis_is_reported_as_a_crash(monkeypatch):
    broken = dict(rank.cantor_case_hypotheses(4), **{"w0 ~ Uniform[0, 1], an absolutely continuous probability measure": False})
    monkeypatch.setattr(rank, "cantor_case_hypotheses", lambda *args: broken)
    result = rank.rank_probability_claim(CONFIG)
    assert result.crashed and "violates" in result.detail and result.witness is None


def test_the_rank_jumps_next_to_sampled_points_of_the_set():
    inside, jumps = rank.rank_jump_fraction(2000, seed=1)
    assert inside == pytest.approx(0.5, abs=0.05) and jumps == 1.0


@pytest.mark.parametrize("claim, holds, rejected", [
    (rank.rank_generic_claim, "lower", "upper"),
    (rank.analytic_probability_claim, "tanh", "cantor"),
    (rank.underparameterized_claim, "text", "surjective"),
], ids=lambda value: getattr(value, "__name__", str(value)))
def test_the_claim_holds_and_its_falsified_variant_is_rejected(claim, holds, rejected):
    result = claim(CONFIG, holds)
    assert result.ok and result.counterexample is None, result.detail
    failed = claim(CONFIG, rejected)
    assert not failed.ok and failed.counterexample, failed.detail


def test_the_doubled_initialization_is_a_point_where_the_rank_jumps():
    doubled = [change for change in rank.rank_changes(0, 2) if change[0] == "doubled"]
    (kind, at_w0, low, high), = doubled
    assert at_w0 <= 8 < high and low >= at_w0  # rank <= p/2 at w0, higher nearby: lower, not upper, semicontinuous


def test_the_measure_used_by_the_study_is_the_derived_one():
    from symbolic import derive
    assert float(derive("fat_cantor_measure").expression.subs(cantor_base, 4)) == 0.5
    assert sp.simplify(derive("fat_cantor_measure").expression.subs(cantor_base, 3)) == 0
