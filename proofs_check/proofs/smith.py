"""smith's proofs as checked chains: Theorem 2.2 and Proposition A.1 (finite time).

Theorem 2.4 and the homogeneous scaling of Section 2 are in :mod:`proofs_check.proofs.smith_uniform`.
Every bound a step checks is read from symbolic/; auxiliary reals have one meaning per chain.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from numeric.flows import frozen_metric, solve
from numeric.losses import StronglyConvexQuadratic
from numeric.parameter_flows import batched_lazy_flow, batched_lazy_velocity, lazy_flow, lazy_velocity
from numeric.stability import forcing
from proofs_check.proofs.chain import Proof, ProofStep
from proofs_check.proofs.checks import (AnalyticCheck, DerivationCheck, IdentityCheck, InequalityCheck,
                                        InstanceCheck, MissingJustification, RateCheck, last_table,
                                        tabled_check)
from proofs_check.proofs.derived import stated
from proofs_check.proofs.domains import LAZY_FLOWS, MATRIX_PAIRS, TAYLOR_POINTS, stability_pairs
from proofs_check.studies import chain_instances as instances
from proofs_check.studies import pointwise
from symbolic import derive, formula
from symbolic.finite_time import energy_identity_residual
from symbolic.symbols import symbols

t, alpha, T, R0 = symbols("t alpha T R0")
HORIZON = 5.0
#: Quantities below this fraction of the states' own size are rounding noise, not evidence.
SIGNIFICANCE = 1e-9
#: The metric families of the stability pairs of Theorem 2.2.
PAIR_FAMILIES = ("floor_plus_gram", "rotating", "piecewise")


# Theorem 2.2 -------------------------------------------------------------------------------------

def _significant_ratio(numerator, denominator, scale: float) -> float:
    """max of numerator/denominator where the denominator is above SIGNIFICANCE * scale."""
    mask = denominator > SIGNIFICANCE * scale
    return float(np.max(numerator[mask] / denominator[mask])) if mask.any() else 0.0


def _pair_terms(instance):
    """Along the stability pair: the ratios of smith's chain for Delta(t) = ||y - ybar||; the comparison
    solution u(t) is ``gronwall_linear`` from symbolic/ with C1 = K (alpha = 1) and C2 = ||Sigma0|| nu."""
    loss, metric, y0 = instance
    ts = np.linspace(0.0, HORIZON, 201)
    y, y_bar = solve(loss, metric, y0, ts).y, solve(loss, frozen_metric(metric), y0, ts).y
    sigma0 = metric(0.0)
    velocity_gap = np.linalg.norm(-np.einsum("tij,tj->ti", metric(ts), loss.grad(y)) + loss.grad(y_bar) @ sigma0, axis=1)
    first = forcing(loss, metric, ts, y)
    second = np.linalg.norm((loss.grad(y) - loss.grad(y_bar)) @ sigma0, axis=1)
    c1, c2 = first.max(), np.linalg.norm(sigma0, 2) * loss.nu
    gap = np.linalg.norm(y - y_bar, axis=1)
    with np.errstate(over="ignore", invalid="ignore"):  # C1 = 0 (a constant metric, gap 0) gives 0 * inf
        comparison = formula("gronwall_linear", "t alpha C1 C2")(ts, 1.0, c1, c2)
    length = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(y - y_bar, axis=0), axis=1))])
    speed = np.linalg.norm(np.einsum("tij,tj->ti", metric(ts), loss.grad(y)), axis=1).max()
    size = np.linalg.norm(y, axis=1).max() + np.linalg.norm(y_bar, axis=1).max()
    return (_significant_ratio(velocity_gap, first + second, speed), _significant_ratio(first + second, c1 + c2 * gap, speed),
            _significant_ratio(gap, comparison, size), _significant_ratio(gap, length, size))


_pair_table = last_table(lambda instances: [_pair_terms(instance) for instance in instances])


def _pair_check(description: str, index: int) -> AnalyticCheck:
    return tabled_check(description, stability_pairs(PAIR_FAMILIES), _pair_terms, _pair_table, index,
                        screen_key="Theorem 2.2's stability pairs")


#: The output times of the lazy flows of Theorem 2.2's first steps.
LAZY_TIMES = np.linspace(0.0, HORIZON, 201)


def _path_ratios(w: np.ndarray, velocity: np.ndarray) -> tuple[float, float]:
    """Along a path w (T, p) at LAZY_TIMES with velocities w' (T, p): (||w(T) - w(0)|| / path length,
    Cauchy-Schwarz ratio int ||w'|| / (sqrt(T) (int ||w'||^2)^{1/2}), trapezoidal)."""
    length = np.sum(np.linalg.norm(np.diff(w, axis=0), axis=1))
    speed = np.linalg.norm(velocity, axis=1)
    weights = np.full(LAZY_TIMES.size, LAZY_TIMES[1] - LAZY_TIMES[0])
    weights[[0, -1]] /= 2
    cauchy_schwarz = (weights @ speed) / np.sqrt(weights.sum() * (weights @ speed**2))
    return float(np.linalg.norm(w[-1] - w[0]) / length) if length > 0 else 0.0, float(cauchy_schwarz)


def _lazy_loss(instance) -> StronglyConvexQuadratic:
    model, y_star, _ = instance
    return StronglyConvexQuadratic(np.eye(model.n_outputs), y_star)


def _lazy_path_ratios(instance):
    """Along a lazy flow in parameter space from w0 = 0: :func:`_path_ratios`."""
    model, _, alpha_value = instance
    loss = _lazy_loss(instance)
    w = lazy_flow(model, loss, np.zeros(model.n_params), alpha_value, LAZY_TIMES).y
    return _path_ratios(w, lazy_velocity(model, loss, alpha_value, w))


def _lazy_path_ratios_batched(instances) -> np.ndarray:
    """:func:`_lazy_path_ratios` of many instances, (B, 2): the flows of each model shape integrated together."""
    out = np.empty((len(instances), 2))
    shapes = {}
    for index, (model, _, _) in enumerate(instances):
        shapes.setdefault(model.J0.shape, []).append(index)
    for indices in shapes.values():
        group = [instances[i] for i in indices]
        models, losses, alphas = [m for m, _, _ in group], [_lazy_loss(i) for i in group], [a for *_, a in group]
        w = batched_lazy_flow(models, losses, alphas, LAZY_TIMES).y
        velocity = batched_lazy_velocity(models, losses, alphas, w)
        out[indices] = [_path_ratios(w[k], velocity[k]) for k in range(len(group))]
    return out


_lazy_table = last_table(_lazy_path_ratios_batched)


def _lazy_check(description: str, index: int) -> AnalyticCheck:
    return tabled_check(description, LAZY_FLOWS, _lazy_path_ratios, _lazy_table, index,
                        screen_key="Theorem 2.2's lazy flows")


def _parameter_gap_integral_ratio(alpha_value: float) -> float:
    """delta(t) / (path length of w - wbar): the corrected justification, delta(t) <= int ||w' - wbar'||."""
    ts, w, w_bar = instances.flows(alpha_value, "model", instances.FINITE_HORIZON)
    gap = w - w_bar
    length = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(gap, axis=0), axis=1))])
    norms = np.linalg.norm(gap, axis=1)
    return float(np.max(np.where(length > 0, norms / np.where(length > 0, length, 1.0), 0.0)))


def _energy_steps() -> tuple[ProofStep, ...]:
    """Steps 1-6: the energy bound on the displacement, bounded gradients, Lip(Sigma)."""
    loss_at_end = sp.Symbol("F_T", nonnegative=True)  # F_alpha(w(T)) >= 0
    return (
        ProofStep("1", "proof of Theorem 2.2", "w(t) - w0 = int_0^t w'", "||w(t) - w0|| <= int_0^T ||w'(s)|| ds",
                  "Fundamental Theorem of Calculus, properties of the integral",
                  _lazy_check("||w(t) - w0|| / path length <= 1 along lazy flows", 0)),
        ProofStep("2", "proof of Theorem 2.2", "int_0^T ||grad F_alpha||", "<= sqrt(T) (int_0^T ||grad F_alpha||^2)^{1/2}",
                  "Cauchy-Schwarz for L^2([0, T])",
                  _lazy_check("int ||w'|| / (sqrt(T) (int ||w'||^2)^{1/2}) <= 1 along lazy flows", 1)),
        ProofStep("3", "proof of Theorem 2.2", "w' = -grad F_alpha(w)", "d/dt F_alpha(w(t)) = -||grad F_alpha(w(t))||^2",
                  "chain rule", IdentityCheck(energy_identity_residual(), 0)),
        ProofStep("4", "proof of Theorem 2.2", "sqrt(T) (F_alpha(w0) - F_alpha(w(T)))^{1/2}",
                  "sup_{t<=T} ||w(t) - w0|| <= (1/alpha) (T R(alpha h(w0)))^{1/2}", "R >= 0",
                  InequalityCheck(sp.Le(sp.sqrt(T) * sp.sqrt(R0 / alpha**2 - loss_at_end), derive("energy_bound").expression),
                                  (sp.Ge(R0 / alpha**2 - loss_at_end, 0),))),
        ProofStep("4b", "Theorem 2.2", "steps 1-4", "sup_{t<=T} ||w(t) - w0|| <= (1/alpha) (T R(alpha h(w0)))^{1/2} "
                  "along computed flows", "end to end",
                  InstanceCheck("the model case, alpha = 0.5", lambda: 0.5, instances.energy_bound_ratio)),
        ProofStep("5", "proof of Theorem 2.2", "w(t) in a ball of radius C/alpha", "sup_{t<=T} ||grad R(y(t))|| <= C",
                  "Weierstrass extreme value theorem", RateCheck("sup ||grad R(y)|| vs 1", instances.gradient_sup, "1")),
        ProofStep("6", "proof of Theorem 2.2", "Sigma = Dh Dh^T", "Lip(Sigma) <= 2 Lip(h) Lip(Dh)", "cited from [2]",
                  DerivationCheck("lip_sigma", stated("lip_sigma", "smith")[0])),
    )


def _comparison_steps() -> tuple[ProofStep, ...]:
    """Steps 7-12: the Gronwall comparison for Delta(t) = ||y(t) - ybar(t)||."""
    # Auxiliary reals: Delta(t), Delta'(t), ||y'(t) - ybar'(t)||.
    gap, gap_dot, speed_gap = sp.symbols("Delta Delta_dot speed_gap", nonnegative=True)
    u = derive("gronwall_linear").expression
    return (
        ProofStep("7", "proof of Theorem 2.2", "2 Delta Delta' <= 2 Delta ||y' - ybar'||", "Delta'(t) <= ||y'(t) - ybar'(t)||",
                  "dividing both sides by 2 Delta(t)",
                  InequalityCheck(sp.Le(gap_dot, speed_gap), (sp.Le(2 * gap * gap_dot, 2 * gap * speed_gap),)),
                  corrected=_pair_check("Delta(t) / int_0^t ||y' - ybar'|| <= 1 along stability pairs", 3),
                  gap=True, corrected_statement="Delta(t) <= int_0^t ||y'(s) - ybar'(s)|| ds (no division needed)",
                  explanation="Dividing by Delta(t) is not allowed where Delta(t) = 0, as at t = 0: 2 Delta Delta' "
                              "<= 2 Delta X does not give Delta' <= X when Delta = 0; and at a later zero of y - ybar "
                              "where y' != ybar', Delta = ||y - ybar|| has a corner and no derivative. The integral "
                              "form holds by the triangle inequality and gives the same Gronwall comparison."),
        ProofStep("8", "proof of Theorem 2.2", "Delta' <= ||Sigma(w(t)) grad R(y) - Sigma(w0) grad R(ybar)||",
                  "<= ||(Sigma(t) - Sigma(0)) grad R(y)|| + ||Sigma(0)(grad R(y) - grad R(ybar))||", "triangle inequality",
                  _pair_check("||y' - ybar'|| / (the two terms) <= 1", 0)),
        ProofStep("9", "proof of Theorem 2.2", "the two terms", "Delta'(t) <= C1/alpha + C2 Delta(t)",
                  "Lip(Sigma), bounded grad R, Lipschitz grad R",
                  _pair_check("(the two terms) / (K + ||Sigma0|| nu Delta) <= 1", 1)),
        ProofStep("10", "proof of Theorem 2.2", "u' = C1/alpha + C2 u, u(0) = 0", "u(t) = (C1/(C2 alpha))(exp(C2 t) - 1), "
                  "Delta(t) <= u(t)", "integrating factor, comparison",
                  _pair_check("Delta(t) / u(t) <= 1 along stability pairs", 2)),
        ProofStep("11", "proof of Theorem 2.2", "Delta(0) = u(0) = 0", "the curve Delta(t) lies strictly below u(t)",
                  "Delta' <= u'", _pair_check("Delta(t) / u(t) <= 1 along stability pairs", 2),
                  reading="'lies strictly below' read as 'lies below' (Delta(t) <= u(t)): the sentence restates, with "
                          "'That is', the comparison derived just before it. Taken literally, 'strictly' fails at "
                          "t = 0, where both curves are 0; it changes nothing downstream."),
        ProofStep("12", "proof of Theorem 2.2 (after the Delta bound)", "the bound (C1/(C2 alpha))(e^{C2 T} - 1)",
                  "our upper bound on sup ||w(t) - w0|| grows exponentially as a function of T", "",
                  IdentityCheck(1 / sp.limit(u.subs(t, 2 * T) / u.subs(t, T), T, sp.oo), 0),
                  reading="'our upper bound on sup ||w(t) - w0||' read as the bound just derived on "
                          "sup ||alpha h(w) - alpha hbar(wbar)|| = sup Delta, (C1/(C2 alpha))(e^{C2 T} - 1): the "
                          "sentence before contrasts that bound with the one on sup ||w - w0|| because of its "
                          "exponential dependence on T. Taken literally, the bound (1/alpha)(T R(alpha h(w0)))^{1/2} "
                          "on sup ||w - w0|| grows like sqrt(T) (bound(2T)/bound(T) = sqrt(2)), not exponentially."),
    )


def _parameter_steps() -> tuple[ProofStep, ...]:
    """Steps 13-16c: the parameter gap delta(t) = ||w(t) - wbar(t)|| and the three rates."""
    gap, slope = sp.symbols("delta_gap speed_bound", nonnegative=True)  # delta(t), and C/alpha^2
    return (
        ProofStep("13", "proof of Theorem 2.2", "delta(t) = ||int_0^t (w' - wbar')|| <= int_0^t ||w' - wbar'||",
                  "delta'(t) <= ||w'(t) - wbar'(t)||", "d/dt of both sides of an inequality (Fundamental Theorem of Calculus)",
                  InequalityCheck(sp.Le(0, 1 - 2 * t), (sp.Le(t, 1),)),
                  corrected=InstanceCheck("delta(t) / int ||w' - wbar'|| on the model case, alpha = 20", lambda: 20.0,
                                          _parameter_gap_integral_ratio),
                  gap=True, corrected_statement="delta(t) <= int_0^t ||w'(s) - wbar'(s)|| ds, used directly",
                  explanation="An inequality between functions does not give one between their derivatives: f = 0 <= "
                              "g = t - t^2 on [0, 1] with f(0) = g(0), yet f'(t) = 0 > g'(t) = 1 - 2t for t > 1/2 (the "
                              "check refutes f' <= g' at such a t). The bound wanted, delta(t) <= T C/alpha^2, follows "
                              "from delta(t) <= int ||w' - wbar'|| without derivatives."),
        ProofStep("14", "proof of Theorem 2.2", "delta' terms", "sup_{t<=T} ||w'(t) - wbar'(t)|| <= C/alpha^2",
                  "bounds on the two terms",
                  RateCheck("sup ||w' - wbar'|| vs 1/alpha^2 (T = 5)", instances.velocity_gap_sup, "1/alpha**2")),
        ProofStep("15", "proof of Theorem 2.2", "delta(0) = 0, delta' <= C/alpha^2", "delta(t) <= T C/alpha^2",
                  "Fundamental Theorem of Calculus",
                  InequalityCheck(sp.Le(gap, slope * T), (sp.Le(gap, slope * t), sp.Le(t, T)))),
        ProofStep("16", "Theorem 2.2", "steps 13-15", "sup_{t<=T} ||w(t) - wbar(t)|| = O(1/alpha^2)", "",
                  RateCheck("sup_{t<=5} ||w - wbar|| vs 1/alpha^2",
                            lambda a: instances.parameter_gap(a, instances.FINITE_HORIZON), "1/alpha**2")),
        ProofStep("16b", "Theorem 2.2", "steps 1-5", "sup_{t<=T} ||w(t) - w0|| = O(1/alpha)", "",
                  RateCheck("sup_{t<=5} ||w - w0|| vs 1/alpha",
                            lambda a: instances.displacement(a, "model", instances.FINITE_HORIZON), "1/alpha")),
        ProofStep("16c", "Theorem 2.2", "steps 7-11", "sup_{t<=T} ||alpha h(w(t)) - alpha hbar(wbar(t))|| = O(1/alpha)", "",
                  RateCheck("sup_{t<=5} ||alpha h(w) - alpha hbar(wbar)|| vs 1/alpha",
                            lambda a: instances.prediction_gap(a, instances.FINITE_HORIZON), "1/alpha")),
    )


def theorem_2_2() -> Proof:
    steps = _energy_steps() + _comparison_steps() + _parameter_steps()
    return Proof("smith/theorem-2.2", "Finite-time bounds", "smith", "Section 3.1, Theorem 2.2 and its proof",
                 "for h(w0) = 0 and T > 0: sup_{t<=T} ||w - w0|| = O(1/alpha), ||w - wbar|| = O(1/alpha^2), "
                 "||alpha h(w) - alpha hbar(wbar)|| = O(1/alpha)", steps)


# Proposition A.1 ---------------------------------------------------------------------------------

def proposition_a_1() -> Proof:
    a, b = sp.symbols("a b", positive=True)
    x = sp.Symbol("x", real=True)
    bound, at = stated("held_out_bound", "smith")
    steps = (
        ProofStep("1", "proof of Proposition A.1", "g(t) = f(w0 + t(w - w0), x)", "f(w, x) - f(w0, x) = int_0^1 g'(t) dt",
                  "Fundamental Theorem of Calculus",
                  IdentityCheck(sp.integrate(sp.diff(sp.sin(a + b * x), x), (x, 0, 1)), sp.sin(a + b) - sp.sin(a))),
        ProofStep("2", "proof of Proposition A.1", "f(w) - f(w0) = Df(w0)(w - w0) + int (Df(w0 + t(w - w0)) - Df(w0))(w - w0)",
                  "f(w, x) - fbar(w, x) <= int_0^1 (Df(w0 + t(w - w0), x) - Df(w0, x))(w - w0) dt",
                  "subtracting Df(w0)(w - w0)", MissingJustification("an order '<=' between vectors of R^k"),
                  corrected=DerivationCheck("held_out_bound"),
                  gap=True, corrected_statement="f(w, x) - fbar(w, x) = int_0^1 (Df(w0 + t(w - w0), x) - Df(w0, x))(w - w0) dt",
                  explanation="Both sides are vectors of R^k, where '<=' is undefined; the relation is an identity "
                              "(checked on g(x) = sin(a + b x), the first step of the derivation held_out_bound), and "
                              "the next line takes norms."),
        ProofStep("3", "proof of Proposition A.1", "the Taylor remainder", "||f(w, x) - fbar(w, x)|| <= (1/2) Lip(w -> Df(w, x)) ||w - w0||^2",
                  "matrix norm, Lipschitz Df, int_0^1 t dt = 1/2",
                  AnalyticCheck("||h(w) - h(0) - Dh(0) w|| / (lip_Dh ||w||^2 / 2) <= 1", TAYLOR_POINTS.strategy,
                                pointwise.taylor_ratio, **TAYLOR_POINTS.options)),
        ProofStep("4", "proof of Proposition A.1", "fbar(w) - fbar(wbar) = Df(w0)(w - wbar)",
                  "sup_x ||alpha fbar(w, x) - alpha fbar(wbar, x)|| <= alpha M1 ||w - wbar||", "matrix norm",
                  AnalyticCheck("||A^T v|| / (||A|| ||v||) <= 1", MATRIX_PAIRS.strategy, pointwise.operator_norm_ratio,
                                **MATRIX_PAIRS.options)),
        ProofStep("5", "Proposition A.1", "steps 3, 4 with the bounds of the hypothesis",
                  "sup_x ||...|| <= (log alpha/alpha)(C1 M1 + (1/2) C2^2 M2 log alpha)", "adding the two bounds",
                  DerivationCheck("held_out_bound", bound, at)),
        ProofStep("6", "Proposition A.1", "step 5", "-> 0 as alpha -> oo", "limit",
                  IdentityCheck(sp.limit(bound, alpha, sp.oo), 0)),
    )
    return Proof("smith/proposition-A.1", "Generalization of the lazy model on a set X", "smith",
                 "Section 3.1.1, Proposition A.1 and its proof",
                 "sup_{x in X} ||alpha f(w(T), x) - alpha fbar(wbar(T), x)|| <= (log alpha/alpha)(C1 M1 + C2^2 M2 log alpha/2)",
                 steps)
