"""Predictor-space dynamics (symbolic.flows): exact residuals, and falsified flows rejected."""

import pytest
import sympy as sp

from symbolic import derive
from symbolic.flows import N_OUTPUTS, N_PARAMS, generic_model
from symbolic.symbols import symbol
from tests.conftest import is_zero

alpha, t = symbol("alpha"), symbol("t")


def test_the_generic_model_is_not_special_cased():
    assert N_OUTPUTS >= 2 and N_PARAMS >= 3
    model = generic_model()
    assert all(isinstance(f, sp.core.function.UndefinedFunction) for f in model.outputs)
    assert isinstance(model.loss, sp.core.function.UndefinedFunction)


@pytest.mark.parametrize("name", ["predictor_ode", "tangent_ode", "objective_gradient"])
def test_residuals_are_exactly_zero(name):
    for step in derive(name).steps:
        assert step.ok and is_zero(step.residual)


@pytest.mark.parametrize("name", ["predictor_ode", "tangent_ode", "objective_gradient"])
@pytest.mark.parametrize("falsify", [
    lambda e: 2 * e,          # wrong constant
    lambda e: alpha * e,      # wrong power of alpha
    lambda e: e / alpha,      # wrong power of alpha
    lambda e: -e,             # wrong sign: gradient ascent
], ids=["constant", "alpha^1", "alpha^-1", "sign"])
def test_falsified_flows_are_rejected(name, falsify, rejected):
    rejected(name, falsify(derive(name).expression))


def test_kernel_frozen_at_initialization_is_not_the_lazy_flow(rejected):
    """Replacing Sigma(w(t)) by Sigma(w0) in the lazy flow is rejected: that is the tangent flow."""
    model = generic_model()
    path = [sp.Function(f"w{i + 1}")(t) for i in range(N_PARAMS)]
    w0 = sp.symbols(f"w0_1:{N_PARAMS + 1}")
    frozen = model.jacobian(w0)
    rejected("predictor_ode", -frozen * frozen.T * model.grad_loss(alpha * model.f(path)))


def test_transposed_kernel_has_the_wrong_shape(rejected):
    model = generic_model()
    jac = model.jacobian(model.params)
    rejected("objective_gradient", jac * jac.T * model.grad_loss(alpha * model.f(model.params)))
