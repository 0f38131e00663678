"""The derivations behind chizat-bach's remarks (symbolic.remarks_chizat_bach): steps verified, agreement with the text
as written, and a falsified variant of each claim rejected with a non-zero residual."""

import pytest
import sympy as sp

from symbolic import derive, remarks_chizat_bach
from symbolic.core import identity, positive
from symbolic.homogeneity import homogeneous_model
from symbolic.remarks_chizat_bach import cantor_base, cantor_level, cantor_piece
from symbolic.symbols import symbols
from tests.conftest import assert_rejected, is_zero

alpha, m, lam, q, r, Df_norm, lip_Df, mu, sigma_min = symbols("alpha m lam q r Df_norm lip_Df mu sigma_min")
NAMES = [builder.__name__ for builder in remarks_chizat_bach.BUILDERS]

#: Whether chizat-bach's statement agrees with each derivation, as written ({} when the text states no formula).
EXPECTED_AGREEMENT = {
    "nonconvex_network_loss": {}, "sgd_kernel_step": {"chizat-bach": True}, "scaled_tangent_model": {"chizat-bach": True},
    "stretch_bound": {}, "linear_tangent_fixed_point": {"chizat-bach": True}, "offset_regression": {"chizat-bach": True},
    "doubling_trick": {"chizat-bach": True}, "metric_model_scale": {"chizat-bach": True}, "empirical_risk_convexity": {},
    "objective_normalization": {"chizat-bach": True}, "tangent_rate": {},
    "tangent_limit": {"chizat-bach": True},  # read in predictor space (the statement's note)
    "fat_cantor_measure": {"chizat-bach": False},  # "probability 1": the failure set has measure 1/2, not 0
    "criterion_ratio": {"chizat-bach": True}, "derivative_homogeneity": {"chizat-bach": True},
    "relu_tau_squared": {"chizat-bach": True}, "wide_init_variance": {"chizat-bach": True},
    "wide_jacobian_norm": {"chizat-bach": True},  # Hilbert-Schmidt reading (the statement's note)
    "wide_lipschitz": {"chizat-bach": True}, "wide_criterion_exponent": {"chizat-bach": True},
}


def _symbol(name: str, **assumptions) -> sp.Symbol:
    return sp.Symbol(name, **assumptions)


def _real(names: str):
    return sp.symbols(names, real=True)


def test_every_builder_is_listed_once_with_its_expected_agreement():
    assert len(NAMES) == len(set(NAMES)) and set(NAMES) == set(EXPECTED_AGREEMENT)


@pytest.mark.parametrize("name", NAMES)
def test_steps_verify_and_agreement_is_as_expected(name):
    derivation = derive(name)
    for step in derivation.steps:
        assert step.ok and is_zero(step.residual), f"{name}: {step.description}: {step.residual}"
        assert step.source.startswith(("chizat-bach", "lazycheck")) and step.grounds
    assert derivation.verify(derivation.expression).ok
    assert derivation.agrees_with == EXPECTED_AGREEMENT[name]


# Section 1.

def test_the_tangent_model_loss_is_not_flagged_non_convex():
    a, b = _real("a b")
    x, y = sp.symbols("x y", positive=True)
    jacobian = sp.Matrix([[x * (1 - sp.tanh(x) ** 2), sp.tanh(x)]])  # grad of b tanh(a x) at (a, b) = (1, 1)
    tangent = sp.hessian(((jacobian * sp.Matrix([a, b]))[0] - y) ** 2 / 2, (a, b))
    assert not positive(-tangent.det()).ok  # det(J^T J) = 0: not indefinite
    assert_rejected("nonconvex_network_loss", x**2 * y**2)


def test_the_sgd_step_rejects_a_kernel_at_x_k_and_a_dropped_loss_derivative():
    derivation = derive("sgd_kernel_step")
    w, (x, x_k, y_k) = _real("w1:4"), _real("x x_k y_k")
    f, ell_prime = sp.Function("f"), sp.Function("ell_prime")
    grad = lambda point: sp.Matrix([f(*w, point)]).jacobian(w).T  # noqa: E731
    slope = ell_prime(f(*w, x_k), y_k)
    assert derivation.verify(-(grad(x).T * grad(x_k))[0] * slope).ok
    assert_rejected("sgd_kernel_step", -(grad(x_k).T * grad(x_k))[0] * slope)
    assert_rejected("sgd_kernel_step", -(grad(x).T * grad(x_k))[0])


def test_the_tangent_model_changes_with_alpha_when_f_w0_is_not_zero():
    (statement,) = derive("scaled_tangent_model").statements
    assert derive("scaled_tangent_model").verify(statement.expression, statement.at).ok
    assert_rejected("scaled_tangent_model", statement.expression)  # without f(w0) = 0: residual (alpha - 1) f(w0)


def test_the_stretch_bound_rejects_a_smaller_constant_and_a_faster_rate():
    assert_rejected("stretch_bound", lip_Df * r**2 / (4 * alpha))
    assert_rejected("stretch_bound", lip_Df * r**2 / (2 * alpha**2))


# Section 2.

def test_a_curved_model_is_not_its_own_tangent_model():
    w, psi = sp.Matrix(_real("w1:4")), sp.Matrix(_real("psi1:4"))
    linear = derive("linear_tangent_fixed_point").expression
    assert_rejected("linear_tangent_fixed_point", linear + _symbol("eps", real=True) * (w.T * psi)[0] ** 2)


def test_the_offset_reduction_rejects_a_margin_loss():
    p, y = _real("p y")
    assert derive("offset_regression").verify((p - y) ** 4).ok
    assert_rejected("offset_regression", (1 - p * y) ** 2)  # a loss of the margin p y, not of p - y (like the logistic)


def test_the_doubling_trick_rejects_opposite_input_weights():
    a, b, x, sigma = _real("a1 a2"), _real("b1 b2"), _symbol("x", real=True), sp.Function("sigma")
    assert_rejected("doubling_trick", sum(bj * sigma(-aj * x) for aj, bj in zip(a, b)))


def test_the_metric_rejects_other_scalings_and_keeps_the_ratio_invariant():
    (statement,) = derive("metric_model_scale").statements
    scale, metric = sorted(derive("metric_model_scale").expression.free_symbols, key=lambda s: s.name)[::-1]
    assert_rejected("metric_model_scale", 1 / m, {scale: m ** sp.Rational(-3, 4), metric: 1 / m})
    assert_rejected("metric_model_scale", 1 / m, {scale: 1 / m, metric: 1 / sp.sqrt(m)})
    c = _symbol("c", positive=True)
    assert not identity((Df_norm / c) / (lip_Df / c**2), Df_norm / lip_Df).ok  # ||Df||/L_Df is not invariant
    assert statement.at[scale] == statement.at[metric] == 1 / m


# Section 3.

def test_the_empirical_risk_constant_keeps_its_1_over_n_and_the_logistic_loss_is_not_covered():
    mu_l = _symbol("mu_l", positive=True)
    assert_rejected("empirical_risk_convexity", mu_l)
    z = _symbol("z", real=True)
    assert sp.limit(sp.diff(sp.log(1 + sp.exp(-z)), z, 2), z, sp.oo) == 0


def test_the_normalization_rejects_one_over_alpha_and_the_quadratic_target_g_over_alpha_squared():
    assert_rejected("objective_normalization", 1 / alpha)
    assert_rejected("objective_normalization", sp.S.One)
    f, target = sp.Matrix(_real("f1:4")), sp.Matrix(_real("gs1:4"))
    norm2 = lambda v: (v.T * v)[0]  # noqa: E731
    assert not identity(norm2(alpha * f - target) / alpha**2, norm2(f - target / alpha**2)).ok


def test_the_tangent_rate_rejects_a_larger_floor():
    assert_rejected("tangent_rate", mu * sigma_min)
    assert_rejected("tangent_rate", 2 * mu * sigma_min**2)


def test_the_tangent_limit_rejects_the_literal_and_the_faster_readings():
    derivation = derive("tangent_limit")
    rescaled = derivation.expression  # alpha (wbar* - w0), alpha-free
    assert all(sp.diff(entry, alpha) == 0 for entry in rescaled)
    assert_rejected("tangent_limit", alpha * rescaled)  # wbar* - w0 itself alpha-free (the literal reading)
    assert_rejected("tangent_limit", rescaled / alpha)  # wbar* - w0 = O(1/alpha^2)


def test_the_fat_cantor_set_has_measure_one_half_and_the_middle_thirds_set_zero():
    derivation = derive("fat_cantor_measure")
    assert derivation.specialized == sp.Rational(1, 2)
    assert derivation.verify(sp.S.Zero, {cantor_base: 3}).ok
    assert_rejected("fat_cantor_measure", sp.S.Zero, {cantor_base: 4})
    remaining = (2**cantor_level * cantor_piece()).subs(cantor_base, 4)  # the total length of K_N
    assert cantor_piece(0) == 1 and sp.limit(remaining, cantor_level, sp.oo) == sp.Rational(1, 2)


# Section 4.

def test_criterion_7_rejects_other_right_hand_sides_and_a_fixed_offset_is_not_lazy():
    assert_rejected("criterion_ratio", Df_norm / lip_Df)
    assert_rejected("criterion_ratio", Df_norm**2 / lip_Df**2)
    y_norm, offset = sp.symbols("y c", positive=True)
    assert sp.limit((y_norm + alpha * offset) / (alpha * Df_norm**2 / lip_Df), alpha, sp.oo) != 0


def test_derivative_homogeneity_rejects_an_off_by_one_degree():
    assert_rejected("derivative_homogeneity", q - _symbol("i", integer=True) + 1)


def test_tau_squared_rejects_tau_and_tanh_is_not_homogeneous():
    assert_rejected("relu_tau_squared", lam)
    b, s = _symbol("b", real=True), _symbol("s", positive=True)
    assert not identity(lam * b * sp.tanh(lam * s), lam**2 * b * sp.tanh(s)).ok


def test_the_variance_identity_needs_centered_features():
    derivation = derive("wide_init_variance")
    (statement,) = derivation.statements
    assert_rejected("wide_init_variance", statement.expression)  # E Phi != 0: the cross terms m (m - 1) ||E Phi||^2


def test_the_jacobian_identity_rejects_the_operator_norm_constant_and_alpha_one_over_sqrt_m():
    moment = _symbol("E_DPhi2", positive=True)
    assert_rejected("wide_jacobian_norm", (1 + 2 / sp.pi) * m * alpha**2 * moment)
    assert sp.limit(derive("wide_jacobian_norm").expression.subs(alpha, 1 / sp.sqrt(m)), m, sp.oo) == moment


def test_the_lipschitz_identity_rejects_larger_constants():
    lip_phi = _symbol("L_DPhi", positive=True)
    assert_rejected("wide_lipschitz", sp.sqrt(m) * alpha * lip_phi)
    assert_rejected("wide_lipschitz", m * alpha * lip_phi)


def test_the_criterion_exponent_rejects_sqrt_m_alpha_and_li_scaling_is_one_over_sqrt_m():
    assert_rejected("wide_criterion_exponent", sp.Rational(1, 2))
    theta1, theta2 = sp.symbols("theta1 theta2", positive=True)
    phi2 = homogeneous_model(theta1, theta2).subs(q, 2)
    shrunk = phi2.subs({theta1: theta1 / sp.sqrt(m), theta2: theta2 / sp.sqrt(m)})
    assert not identity(shrunk, phi2 / sp.sqrt(m)).ok and identity(shrunk, phi2 / m).ok  # 2-homogeneous: 1/m
