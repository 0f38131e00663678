"""Derivations behind smith's remarks (symbolic.remarks_smith): each step verified, each falsified variant rejected."""

import pytest
import sympy as sp

from symbolic import derive, formula
from symbolic.remarks_smith import BUILDERS, CIRCLE_HYPOTHESIS_STEPS, CIRCLE_ROWS, differs
from symbolic.symbols import symbols
from tests.conftest import assert_rejected, is_zero

alpha, x_norm, dot = symbols("alpha x_norm dot")
#: Whether smith states each result as a formula that lazycheck compares (only the forward-Euler update).
AGREEMENT = {"forward_euler_step": {"smith": True}}


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda b: b.__name__)
def test_every_step_verifies_and_the_expression_has_its_property(builder):
    derivation = builder()
    assert derivation.steps and derivation.ok, [s.description for s in derivation.steps if not s.ok]
    assert all(is_zero(s.residual) for s in derivation.steps)
    assert derivation.verify(derivation.expression).ok
    assert derivation.agrees_with == AGREEMENT.get(derivation.name, {})


def test_differs_is_a_check_that_can_fail():
    assert differs(sp.Integer(1), sp.Integer(2)).ok
    assert not differs(sp.sin(x_norm) ** 2 + sp.cos(x_norm) ** 2, sp.Integer(1)).ok


def test_hidden_layer_hessian_is_indefinite_not_positive_semidefinite():
    assert derive("hidden_layer_hessian").expression == -x_norm
    assert_rejected("hidden_layer_hessian", sp.Integer(0))  # "convex": smallest eigenvalue 0
    assert formula("hidden_layer_hessian", "x_norm")(3.0) == -3.0


def test_mse_constant_is_two_in_l2_not_the_euclidean_two_over_n():
    assert_rejected("mse_curvature", sp.Rational(2, 3))
    assert_rejected("mse_curvature", sp.Integer(1))


def test_normalization_keeps_minimizers_not_minimum_values():
    r_min = sp.Symbol("R_min", real=True)
    assert derive("normalized_minimizers").verify(r_min / alpha**2).ok
    assert_rejected("normalized_minimizers", r_min)  # "the same minimum values"


def test_forward_euler_rejects_a_dropped_step_size_and_the_flow_at_time_one():
    w, g = sp.symbols("w g", real=True)
    eta = sp.Symbol("eta", positive=True)
    assert_rejected("forward_euler_step", w - g)
    assert_rejected("forward_euler_step", w - eta**2 * g)


def test_circle_rows_at_the_start_and_at_the_bracket():
    rows = dict(zip(CIRCLE_ROWS, derive("circle_flows").expression))
    r = symbols("r")[0]
    assert sp.simplify(rows["lazy velocity, escaping loss"].subs(r, 0) - 1 / alpha) == 0  # -F'(0) = 1/alpha
    assert sp.simplify(rows["tangent velocity"].subs(r, 0) - 1 / alpha) == 0
    values = formula("circle_flows", "r alpha")(1e-3, 10.0)
    assert values.shape == (len(CIRCLE_ROWS), 1)
    assert set(CIRCLE_HYPOTHESIS_STEPS.values()) <= set(range(len(derive("circle_flows").steps)))


def test_circle_rows_reject_a_wrong_wedge_limit():
    expression = derive("circle_flows").expression
    wrong = sp.Matrix(expression)
    wrong[CIRCLE_ROWS.index("wedge limit acos(1 - 1/alpha)")] = sp.asin(1 / alpha)
    assert_rejected("circle_flows", wrong)


def test_pointwise_factor_is_sqrt_n_not_one():
    assert_rejected("pointwise_from_l2", sp.Integer(1))


def test_rank_deficit_needs_more_points_than_parameters():
    """The N <= p case is not identically singular: a falsified 'never onto' is rejected by an instance."""
    wide = sp.Matrix([[1, 0, 2], [0, 1, 1]])
    assert (wide * wide.T).det() != 0
    assert_rejected("tangent_map_rank", sp.Integer(1))


def test_uniqueness_needs_strong_convexity():
    assert_rejected("strong_convexity_uniqueness", sp.Integer(0))  # m = 0: no gap at the midpoint


def test_nonconvex_objective_is_negative_and_its_tangent_is_convex():
    curvature = derive("nonconvex_lazy_objective").expression
    assert curvature.is_negative
    assert_rejected("nonconvex_lazy_objective", sp.Rational(9, 4))  # "F_alpha'' = Fbar_alpha'' > 0"


def test_diagonal_kernel_constant_is_eight():
    assert_rejected("diagonal_tangent_kernel", 4 * alpha**2 * dot)  # the u-part alone
    assert formula("diagonal_tangent_kernel", "alpha dot")(2.0, 1.0) == 32.0


def test_relu_one_sided_derivatives_do_not_cancel():
    assert_rejected("relu_one_sided", sp.Integer(0))  # "differentiable": D_x f + D_{-x} f = 0
