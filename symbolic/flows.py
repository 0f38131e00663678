"""Predictor-space dynamics of the lazy and the tangent gradient flows.

Main results (chizat-bach (5), (6) and the first display of the proof of
Theorem 3.2; smith (3), (4) and the first displays of the proof of Theorem 2.2):

.. math::

    \\nabla F_\\alpha(w) = \\tfrac{1}{\\alpha} Df_w^\\top \\nabla R(\\alpha f(w)), \\qquad
    \\tfrac{d}{dt}\\,\\alpha f(w(t)) = -Df_{w(t)} Df_{w(t)}^\\top \\nabla R(\\alpha f(w(t))),

and for the tangent model :math:`T_f(w) = f(w_0) + Df_{w_0}(w - w_0)`,
:math:`\\bar y' = -\\Sigma(w_0) \\nabla R(\\bar y)`.

The model is generic: ``N_OUTPUTS`` outputs ``f1, f2`` and ``N_PARAMS`` parameters
``w1, w2, w3``, all sympy undefined functions, and the loss ``R`` is an undefined
function too, so nothing is special-cased. Names used in the expressions:

- ``w1, w2, w3``: the parameters; ``w1(t), ...``: the lazy path ``w(t)``;
- ``f1, f2``: the model outputs; ``R``: the loss on predictor space;
- ``w0_1, ...``: the initialization; ``wbar1(t), ...``: the tangent path.

Derivation of the predictor ODE, in steps:

1. Differentiate :math:`F_\\alpha = R(\\alpha f)/\\alpha^2` by the chain rule.
2. Substitute the gradient flow :math:`w' = -\\nabla F_\\alpha(w)`.
3. Differentiate :math:`\\alpha f(w(t))` along the path (chain rule).
4. Collect terms into :math:`-\\Sigma(w(t))\\nabla R(\\alpha f(w(t)))`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from symbolic.core import Derivation, Remark, Statement, identity, step
from symbolic.symbols import symbol

N_OUTPUTS = 2
N_PARAMS = 3

alpha, t = symbol("alpha"), symbol("t")


@dataclass(frozen=True)
class GenericModel:
    """A generic model f: R^p -> R^n and loss R, as sympy undefined functions."""

    params: tuple[sp.Symbol, ...]
    outputs: tuple[sp.FunctionClass, ...]
    loss: sp.FunctionClass
    predictor: tuple[sp.Symbol, ...]

    def f(self, w) -> sp.Matrix:
        """The model outputs at parameters ``w`` (a column)."""
        return sp.Matrix([fj(*w) for fj in self.outputs])

    def jacobian(self, w) -> sp.Matrix:
        """Df at ``w``: the n x p Jacobian, evaluated from the generic outputs."""
        at_params = sp.Matrix([[sp.diff(fj(*self.params), wi) for wi in self.params] for fj in self.outputs])
        return at_params.subs(dict(zip(self.params, w)), simultaneous=True)

    def grad_loss(self, y) -> sp.Matrix:
        """grad R at the predictor ``y`` (a column of n entries)."""
        generic = sp.Matrix([sp.diff(self.loss(*self.predictor), yk) for yk in self.predictor])
        return generic.subs(dict(zip(self.predictor, y)), simultaneous=True)

    def objective(self, w) -> sp.Expr:
        """F_alpha(w) = R(alpha f(w)) / alpha**2, chizat-bach (5), smith (3)."""
        return self.loss(*(alpha * self.f(w))) / alpha**2


@cache
def generic_model() -> GenericModel:
    """The generic model shared by the flow derivations."""
    return GenericModel(
        params=sp.symbols(f"w1:{N_PARAMS + 1}"),
        outputs=tuple(sp.Function(f"f{j + 1}") for j in range(N_OUTPUTS)),
        loss=sp.Function("R"),
        predictor=sp.symbols(f"y1:{N_OUTPUTS + 1}"),
    )


def _gradient(expr: sp.Expr, variables) -> sp.Matrix:
    return sp.Matrix([sp.diff(expr, v) for v in variables])


def _path(prefix: str) -> tuple[sp.Expr, ...]:
    return tuple(sp.Function(f"{prefix}{i + 1}")(t) for i in range(N_PARAMS))


def _flow_velocity(model: GenericModel, gradient: sp.Matrix, path) -> dict:
    """The gradient flow w' = -grad, as a substitution for the path's derivatives."""
    at_path = gradient.subs(dict(zip(model.params, path)), simultaneous=True)
    return {sp.Derivative(wi, t): -at_path[i] for i, wi in enumerate(path)}


def _predictor_velocity(model: GenericModel, path) -> sp.Matrix:
    """d/dt alpha f(w(t)) along the lazy gradient flow, by the chain rule."""
    gradient = _gradient(model.objective(model.params), model.params)
    velocity = _flow_velocity(model, gradient, path)
    return sp.diff(alpha * model.f(path), t).subs(velocity)


@cache
def predictor_ode() -> Derivation:
    """d/dt alpha f(w(t)) = -Df Df^T grad R(alpha f(w(t))), chizat-bach proof of Thm 3.2."""
    model = generic_model()
    path = _path("w")
    jac = model.jacobian(path)
    grad_r = model.grad_loss(alpha * model.f(path))
    w_dot = sp.Matrix([sp.Derivative(wi, t) for wi in path])
    claimed = -jac * jac.T * grad_r
    gradient_flow = -objective_gradient().expression.subs(dict(zip(model.params, path)), simultaneous=True)
    steps = (
        step("grad F_alpha = (1/alpha) Df^T grad R(alpha f)", "chizat-bach (6)", "objective_gradient",
             objective_gradient().verify(objective_gradient().expression)),
        step("d/dt alpha f(w(t)) = alpha Df_{w(t)} w'(t)", "smith, proof of Theorem 2.2", "chain rule",
             identity(sp.diff(alpha * model.f(path), t), alpha * jac * w_dot)),
        step("substituting w' = -(1/alpha) Df^T grad R(alpha f) gives -Df Df^T grad R(alpha f(w(t)))",
             "chizat-bach proof of Theorem 3.2", "gradient flow (6), alpha * (1/alpha) = 1",
             identity((alpha * jac * gradient_flow), claimed)),
        step("the chain-rule velocity equals -Sigma(w(t)) grad R(y(t)) with Sigma = Df Df^T", "chizat-bach (6)",
             "chain rule along the flow", identity(_predictor_velocity(model, path), claimed)),
    )
    statements = tuple(
        Statement(text, where, quote, claimed)
        for text, where, quote in (
            ("chizat-bach", "proof of Theorem 3.2, first display",
             "d/dt alpha f(w(t)) = -Df_{w(t)} Df_{w(t)}^T grad R(alpha f(w(t)))"),
            ("smith", "proof of Theorem 2.2", "d/dt y(t) = -Sigma(w_alpha(t)) grad R(y(t))"),
        )
    )
    return Derivation(
        name="predictor_ode",
        title="predictor-space dynamics y' = -Sigma(w(t)) grad R(y) of the lazy flow, y = alpha f(w(t))",
        expression=claimed,
        steps=steps,
        defining_residual=lambda candidate: _predictor_velocity(model, path) - sp.Matrix(candidate),
        statements=statements,
    )


def _tangent_model(model: GenericModel):
    """T_f(w) = f(w0) + Df(w0)(w - w0), chizat-bach (2), smith (1)."""
    w0 = sp.symbols(f"w0_1:{N_PARAMS + 1}")
    jac0 = model.jacobian(w0)

    def tangent(w) -> sp.Matrix:
        return model.f(w0) + jac0 * (sp.Matrix(w) - sp.Matrix(w0))

    return w0, jac0, tangent


def _tangent_velocity(model: GenericModel) -> sp.Matrix:
    """d/dt alpha T_f(wbar(t)) along the tangent gradient flow."""
    _, _, tangent = _tangent_model(model)
    path = _path("wbar")
    objective = model.loss(*(alpha * tangent(model.params))) / alpha**2
    velocity = _flow_velocity(model, _gradient(objective, model.params), path)
    return sp.diff(alpha * tangent(path), t).subs(velocity)


@cache
def tangent_ode() -> Derivation:
    """d/dt alpha T_f(wbar(t)) = -Sigma(w0) grad R(alpha T_f(wbar(t))), chizat-bach Sec. 3.1."""
    model = generic_model()
    w0, jac0, tangent = _tangent_model(model)
    path = _path("wbar")
    y_bar = alpha * tangent(path)
    claimed = -jac0 * jac0.T * model.grad_loss(y_bar)
    tangent_objective = model.loss(*(alpha * tangent(model.params))) / alpha**2
    tangent_gradient = _gradient(tangent_objective, model.params)
    steps = (
        step("D T_f(w) = Df(w0) for every w: the tangent model is affine", "smith, proof of Theorem 2.2",
             "differentiation of an affine map",
             identity(tangent(model.params).jacobian(model.params), jac0)),
        step("grad Fbar_alpha(w) = (1/alpha) Df(w0)^T grad R(alpha T_f(w))", "chizat-bach Section 3.1",
             "chain rule",
             identity(tangent_gradient, jac0.T * model.grad_loss(alpha * tangent(model.params)) / alpha)),
        step("d/dt alpha T_f(wbar(t)) = -Df(w0) Df(w0)^T grad R(ybar)", "smith, proof of Theorem 2.2",
             "chain rule along the tangent flow", identity(_tangent_velocity(model), claimed)),
    )
    smith_garbled = jac0 * alpha * tangent_gradient.subs(dict(zip(model.params, path)), simultaneous=True)
    remarks = (
        Remark("smith", "proof of Theorem 2.2, display for d/dt ybar",
               "= alpha Dhbar(w_alpha(0)) grad Fbar_alpha(wbar_alpha(t))",
               smith_garbled, -smith_garbled,
               "A minus sign is dropped in this intermediate line (the next line restores it), and the "
               "line after evaluates grad R at the parameter wbar_alpha(t) instead of at ybar(t). "
               "Read as typos: the final line -Sigma(w0) grad R(ybar(t)) is right."),
    )
    return Derivation(
        name="tangent_ode",
        title="predictor-space dynamics ybar' = -Sigma(w0) grad R(ybar) of the tangent flow",
        expression=claimed,
        steps=steps,
        defining_residual=lambda candidate: _tangent_velocity(model) - sp.Matrix(candidate),
        statements=(
            Statement("smith", "proof of Theorem 2.2", "d/dt ybar(t) = -Sigma(w_alpha(0)) grad R(ybar(t))", claimed),
        ),
        remarks=remarks,
    )


@cache
def objective_gradient() -> Derivation:
    """grad F_alpha = (1/alpha) Df^T grad R(alpha f), chizat-bach (6), smith (4)."""
    model = generic_model()
    w = model.params
    computed = _gradient(model.objective(w), w)
    claimed = model.jacobian(w).T * model.grad_loss(alpha * model.f(w)) / alpha
    steps = (
        step(
            "F_alpha(w) = R(alpha f(w))/alpha^2 differentiated in each w_i equals (1/alpha) Df^T grad R(alpha f)",
            "chizat-bach (5)-(6); smith (3)-(4)",
            "chain rule",
            identity(computed, claimed),
        ),
    )
    statements = (
        Statement("chizat-bach", "(6)", "w'(t) = -grad F_alpha(w(t)) = -(1/alpha) Df_{w(t)}^T grad R(alpha f(w(t)))",
                  claimed),
        Statement("smith", "proof of Theorem 2.2, first display",
                  "-alpha Dh(w)(alpha Dh(w)^T)((1/alpha^2) grad R(alpha h(w)))  [grad F_alpha = alpha Dh^T (1/alpha^2) grad R]",
                  alpha * model.jacobian(w).T * (model.grad_loss(alpha * model.f(w)) / alpha**2)),
    )
    return Derivation(
        name="objective_gradient",
        title="gradient of the scaled objective F_alpha(w) = R(alpha f(w))/alpha^2",
        expression=claimed,
        steps=steps,
        defining_residual=lambda candidate: computed - sp.Matrix(candidate),
        statements=statements,
    )
