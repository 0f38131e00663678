"""chizat-bach's proof of Theorem 3.4 (under-parameterized lazy training, Appendix B) as a checked chain.

The identities of Step 1 and Step 2 are checked by sympy on generic functions (psi^{-1}, phi and R are undefined
functions whose partial derivatives are named functions, :func:`_generic`); the analytic steps search the
rank-theorem charts of :mod:`numeric.charts` through the measurements of :mod:`proofs_check.studies.appendix_b`
and :mod:`~proofs_check.studies.appendix_b_flows`, on admissible cases only (f(w0) = 0, rank r < n on W0, R
mu-strongly convex, nu-smooth, R >= 0, alpha >= an explicit alpha0), each first screening numpy draws of its space.

Reading. The proof is "performed in Pi_r": G_alpha, g* and grad G_alpha are read on Pi_r (the
minimizer of G_alpha on the n-dimensional Fbar0 is psi(y*/alpha), off Pi_r when f(W0) misses the
minimizer of R, and g(t), which stays in Pi_r, cannot converge to it).
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import sympy as sp
from hypothesis import strategies as st

from numeric.charts import chart_models, random_chart
from proofs_check.proofs.chain import Proof, ProofStep
from proofs_check.proofs.checks import (AnalyticCheck, IdentityCheck, InequalityCheck, InstanceCheck, RateCheck,
                                        ReferenceCheck)
from proofs_check.proofs.domains import Domain
from proofs_check.results import ranges_of
from proofs_check.studies import appendix_b as b, appendix_b_flows as b_flows, underparameterized
from symbolic import derive
from symbolic.remarks_chizat_bach import cantor_base, cantor_level, cantor_piece
from symbolic.symbols import symbol

alpha = symbol("alpha")
#: The commutative diagram holds to this residual (float64 rounding of the closed-form charts).
DIAGRAM_TOL = 1e-12


# Generic functions for the identities -------------------------------------------------------------

@cache
def _generic(name: str, index: tuple[int, ...] = ()) -> type:
    """A generic smooth function ``name``; its partial derivative in the arguments ``index`` is the generic
    function ``name_index`` (indices sorted: mixed partials commute), so sympy's chain rule stays canonical."""
    label = name + ("_" + "".join(map(str, index)) if index else "")

    def fdiff(self, argindex=1):
        return _generic(name, tuple(sorted(index + (argindex,))))(*self.args)

    return type(label, (sp.Function,), {"fdiff": fdiff})


def _loss_jets(point) -> tuple[sp.Matrix, sp.Matrix]:
    """grad R and grad^2 R of the generic R: R^2 -> R at ``point``."""
    gradient = sp.Matrix([_generic("R", (k,))(*point) for k in (1, 2)])
    return gradient, sp.Matrix(2, 2, lambda i, j: _generic("R", tuple(sorted((i + 1, j + 1))))(*point))


def _g_alpha_identities():
    """(computed, text) pairs for grad G_alpha and D^2 G_alpha, G_alpha(g) = R(alpha psi^{-1}(g))/alpha^2, n = 2."""
    g = sp.symbols("g1:3")
    psi_inv = sp.Matrix([_generic(f"P{k}")(*g) for k in (1, 2)])
    jacobian, point = psi_inv.jacobian(g), list(alpha * psi_inv)
    grad_r, hess_r = _loss_jets(point)
    g_alpha = _generic("R")(*point) / alpha**2
    second = sum((grad_r[k] * sp.hessian(psi_inv[k], g) for k in range(2)), sp.zeros(2, 2)) / alpha
    gradient = (sp.Matrix([sp.diff(g_alpha, v) for v in g]), jacobian.T * grad_r / alpha)
    hessian = (sp.hessian(g_alpha, g), jacobian.T * hess_r * jacobian + second)
    return gradient, hessian


def _chain_rule_identity():
    """(Df, D psi^{-1} D pi_r D phi) for f = psi^{-1} o pi_r o phi, p = n = 2, r = 1, all generic."""
    w = sp.symbols("w1:3")
    phi = [_generic(f"Q{k}")(*w) for k in (1, 2)]
    x = (phi[0], sp.Integer(0))  # pi_r(phi(w))
    f = sp.Matrix([_generic(f"P{k}")(*x) for k in (1, 2)])
    dpsi_inv = sp.Matrix(2, 2, lambda k, i: _generic(f"P{k + 1}", (i + 1,))(*x))
    return f.jacobian(w), dpsi_inv * sp.diag(1, 0) * sp.Matrix(phi).jacobian(w)


def _mirror_matrices():
    """Generic D psi^{-1} (invertible), D phi, grad R and D pi_r (p = n = 2, r = 1) at one time t."""
    dpsi_inv = sp.Matrix(2, 2, sp.symbols("a11 a12 a21 a22"))
    dphi = sp.Matrix(2, 2, sp.symbols("b11 b12 b21 b22"))
    return dpsi_inv, dphi, sp.Matrix(sp.symbols("c1 c2")), sp.diag(1, 0)


def _mirror_velocity():
    """(-(1/alpha) D psi Df Df^T grad R with Df = D psi^{-1} D pi_r D phi, the text's second form)."""
    dpsi_inv, dphi, grad_r, dpi = _mirror_matrices()
    df = dpsi_inv * dpi * dphi
    return (-dpsi_inv.inv() * df * df.T * grad_r / alpha, -dpi * dphi * dphi.T * dpi.T * dpsi_inv.T * grad_r / alpha)


def _parameter_velocity(sign: int):
    """(w' = -(1/alpha) Df^T grad R, sign * D phi^T D pi_r^T grad G_alpha), grad G_alpha = (1/alpha) D psi^{-T} grad R."""
    dpsi_inv, dphi, grad_r, dpi = _mirror_matrices()
    df = dpsi_inv * dpi * dphi
    return -df.T * grad_r / alpha, sign * dphi.T * dpi.T * (dpsi_inv.T * grad_r / alpha)


# Ratios of the analytic steps ---------------------------------------------------------------------

def _chart_point(instance):
    """(chart, w): w = phi^{-1}(x) for x = fractions of Wbar0's half-widths, a point of W0."""
    chart, fractions = instance
    return chart, chart.phi_inv(np.asarray(fractions[: chart.n_params]) * chart.x_half_widths)


def _diagram_ratio(instance) -> float:
    """The diagram's residual over DIAGRAM_TOL at w in W0 (inf if rank Df_w != r)."""
    chart, w = _chart_point(instance)
    if np.linalg.matrix_rank(chart.jacobian(w), tol=1e-9) != chart.rank:
        return math.inf
    return chart.diagram_residual(w) / DIAGRAM_TOL


def _metric_floor_ratio(instance) -> float:
    """lam / lambda_min of the first r x r block of D phi D phi^T at w in W0."""
    chart, w = _chart_point(instance)
    return chart.metric_floor / b.smallest_eigenvalue(chart.metric_block(w))


def _at_chart_point(ratio):
    """ratio(case, g) as a ratio of (case, fractions), g in Fbar0."""
    return lambda instance: ratio(instance[0], b.chart_point(*instance))


def _at_plane_point(ratio, on_ball: bool):
    """ratio(case, g) as a ratio of (case, fractions), g in the ball ||g|| <= rho0 of Pi_r or in Pi_r cap Fbar0."""
    def at(instance):
        case, fractions = instance
        radius = b.local_constants(case.chart, case.loss).radius if on_ball else None
        return ratio(case, b.plane_point(case, fractions, radius))
    return at


# Instance spaces ----------------------------------------------------------------------------------

_CHARTS = ("circle (p 2, r 1, n 2), saddle (p 3, r 2, n 3); curvature [0.3, 1.5], speed, phi scale [0.7, 1.5], "
           "shear [-1, 1], w0 in [-1, 1]^p")
_LOSSES = "quadratic and log-cosh, mu [0.5, 5], kappa [1, 4], ||y*||_inf <= 2"
_CASE_RANGES = {"charts": _CHARTS, "losses": _LOSSES, "alpha": "[alpha0, 100 alpha0], alpha0 explicit (LocalConstants)"}
_HORIZON = f"[0, min({b_flows.HORIZON_CAP:g}, {b_flows.EFOLDINGS:g}/(m lam))]"
CHART_POINTS = Domain(lambda: st.tuples(chart_models(), b.fractions()),
                      ranges_of({"charts": _CHARTS, "w": "W0 (box in x = phi(w))"}),
                      lambda rng: (random_chart(rng), b.random_fractions(rng)))
CASE_POINTS = Domain(lambda: st.tuples(b.cases(), b.fractions()), ranges_of(
    {**_CASE_RANGES, "g": "Fbar0 or Pi_r cap Fbar0 (boxes), or ||g|| <= rho0"}),
    lambda rng: (b.random_case(rng), b.random_fractions(rng)))
CASES = Domain(b.cases, ranges_of(_CASE_RANGES), b.random_case)
FLOW_CASES = Domain(b.cases, ranges_of({**_CASE_RANGES, "t": _HORIZON}), b.random_case)


_FIXED = "the unit circle chart, R(y) = ||y - (0.3, 0.2)||^2/2"
#: The validator of the rate witnesses on the fixed case.
_FIXED_VALIDATOR = "proofs_check.studies.appendix_b_validation:fixed_case_hypotheses"


# The chain ----------------------------------------------------------------------------------------

def _step_1_charts_and_hessian() -> tuple[ProofStep, ...]:
    """The rank-theorem charts and the formulas of Step 1."""
    gradient, hessian = _g_alpha_identities()
    return (
        ProofStep("1", "Appendix B, opening paragraph", "f(w0) = 0, rank Df_w = r on a neighborhood of w0",
                  "phi: W0 -> Wbar0, psi: F0 -> Fbar0 with phi(w0) = 0, psi(f(w0)) = 0, psi o f o phi^{-1} = pi_r, "
                  "Fbar0 convex (the commutative diagram)", "rank theorem [18, Thm. 4.12]; restricting the domains",
                  AnalyticCheck("the chart models' diagram: psi(f(w)) = pi_r(phi(w)), rank Df_w = r, f(w0) = phi(w0) "
                                "= psi(0) = 0, residual / 1e-12 (the rank theorem itself is cited)",
                                CHART_POINTS.strategy, _diagram_ratio, **CHART_POINTS.options)),
        ProofStep("2", "Appendix B, Step 1", "G_alpha(g) = R(alpha psi^{-1}(g))/alpha^2 on Fbar0",
                  "grad G_alpha(g) = (1/alpha) (D psi^{-1}_g)^T grad R(alpha psi^{-1}(g))", "chain rule",
                  IdentityCheck(*gradient)),
        ProofStep("3", "Appendix B, Step 1", "G_alpha",
                  "D^2 G_alpha(g)(v1, v2) = v1^T (D psi^{-1})^T grad^2 R D psi^{-1} v2 + (1/alpha) D^2 psi^{-1}_g(v1, "
                  "v2)^T grad R(alpha psi^{-1}(g))", "chain rule, twice", IdentityCheck(*hessian),
                  reading="'for v1, v2 in R^p': read v1, v2 in F = R^n (g ranges over Fbar0, a subset of F)."),
        ProofStep("4", "Appendix B, Step 1", "mu <= grad^2 R <= nu, D psi^{-1} invertible on Fbar0",
                  "the first term has eigenvalues in [C^{-1}, C]", "(implicit) C = max(nu L1^2, 1/(mu sigma^2))",
                  AnalyticCheck("max(mu sigma^2/lambda_min, lambda_max/(nu L1^2)) of the first term on Fbar0, sigma "
                                "and L1 the chart's bounds on D psi^{-1}", CASE_POINTS.strategy,
                                _at_chart_point(b.first_term_ratio), **CASE_POINTS.options)),
    )


def _step_1_convexity() -> tuple[ProofStep, ...]:
    """Step 1: the second Hessian term, strong convexity, and the minimizer g*."""
    g_zero, g_min = sp.symbols("G_zero G_min", real=True)
    mu, r0 = symbol("mu"), symbol("R0")
    on_ball = AnalyticCheck("m/lambda_min(D^2 G_alpha) on the ball ||g|| <= rho0 of Pi_r, m = mu sigma^2/2",
                            CASE_POINTS.strategy, _at_plane_point(b.convexity_ratio, True), **CASE_POINTS.options)
    return (
        ProofStep("5", "Appendix B, Step 1",
                  "the second term (1/alpha) D^2 psi^{-1}_g(v1, v2)^T grad R(alpha psi^{-1}(g))",
                  "goes to 0 as alpha increases", "(implicit) the factor 1/alpha",
                  RateCheck("sup over Pi_r cap Fbar0 of the second term's norm (the factor 1/alpha: O(1/alpha)), "
                            + _FIXED, b.second_term_sup, "1/alpha", b.fixed_alphas(), validator=_FIXED_VALIDATOR),
                  corrected=AnalyticCheck("||second term|| / (L2 (||grad R(0)||/alpha + nu L1 ||g||)) on Fbar0",
                                          CASE_POINTS.strategy, _at_chart_point(b.second_term_bound_ratio),
                                          **CASE_POINTS.options),
                  corrected_statement="||second term|| <= L2 (||grad R(0)||/alpha + nu L1 ||g||) ||v1|| ||v2||: small "
                                      "on an alpha-independent ball ||g|| <= rho0 once alpha is large, O(1/alpha) "
                                      "only where ||g|| = O(1/alpha)",
                  explanation="grad R(alpha psi^{-1}(g)) grows like alpha nu ||psi^{-1}(g)|| and cancels the 1/alpha: "
                              "for fixed g != 0 the term tends to D^2 psi^{-1}_g(v1, v2)^T psi^{-1}(g) (R = ||y - "
                              "y*||^2/2), not to 0. On the unit circle chart along Pi_r this limit is cos(g1) - 1, "
                              "so the sup over Pi_r cap Fbar0 tends to 1 - cos 2.5 = 1.80 (value*alpha grows like alpha in the table). "
                              "The term is O(1/alpha) near g = 0, where g* and g(t) lie, so the proof survives."),
        ProofStep("6", "Appendix B, Step 1", "steps 4 and 5", "G_alpha is smooth and strongly convex for alpha large "
                  "enough", "first term in [C^{-1}, C], second term -> 0",
                  AnalyticCheck("m/lambda_min(D^2 G_alpha) on Pi_r cap Fbar0 (the text's domain), m = mu sigma^2/2",
                                CASE_POINTS.strategy, _at_plane_point(b.convexity_ratio, False),
                                **CASE_POINTS.options, validator="proofs_check.studies.appendix_b_validation:case_hypotheses"),
                  corrected=on_ball, gap=True,
                  corrected_statement="on the ball ||g|| <= rho0 = mu sigma^2/(4 nu L1 L2) of Pi_r (alpha-independent; "
                                      "sigma, L1, L2 bound D psi^{-1}, D^2 psi^{-1} on Pi_r cap Fbar0), mu sigma^2/2 "
                                      "<= D^2 G_alpha <= nu L1^2 + mu sigma^2/2 for alpha >= 4 L2 ||grad R(0)||/(mu "
                                      "sigma^2)",
                  explanation="Step 5 fails, and G_alpha need not be convex on the text's Fbar0 for any alpha: on the "
                              "circle chart with R = mu ||y||^2/2, D^2 G_alpha on Pi_r is mu s^2 cos(kappa s g1) for "
                              "every alpha, negative where kappa s |g1| > pi/2 (the counterexample; the saddle chart "
                              "has such points too). The conclusion holds on an alpha-independent ball, a restriction "
                              "the text allows ('up to restricting these domains') and all that Steps 2-3 use: a gap."),
        ProofStep("7", "Appendix B, Step 1, display", "g* a minimizer of G_alpha, strong convexity of R",
                  "||g*||^2 <= (2/mu)(G_alpha(0) - G_alpha(g*))", "By strong convexity of R and our assumptions",
                  AnalyticCheck("||g*||^2 / ((2/mu)(G_alpha(0) - G_alpha(g*)))", CASES.strategy,
                                lambda case: b.minimizer_ratio(case, "mu"), **CASES.options, validator="proofs_check.studies.appendix_b_validation:case_hypotheses"),
                  corrected=AnalyticCheck("||g*||^2 / ((2/m_G)(G_alpha(0) - G_alpha(g*))), m_G = min lambda_min("
                                          "D^2 G_alpha) on [0, g*]", CASES.strategy,
                                          lambda case: b.minimizer_ratio(case, "G"), **CASES.options),
                  corrected_statement="||g*||^2 <= (2/m_G)(G_alpha(0) - G_alpha(g*)) <= 2 R(0)/(alpha^2 m_G), m_G >= mu "
                                      "sigma^2/2 the modulus of G_alpha (step 6, corrected): still ||g*|| <= C/alpha",
                  explanation="The inequality at a minimizer needs the modulus of G_alpha, about mu sigma_min(D "
                              "psi^{-1})^2, not that of R; it is below mu when psi^{-1} contracts (speed s < 1; the "
                              "rank theorem fixes no scale of psi). For R = mu ||y - y*||^2/2, psi^{-1} ~ s Id and y* "
                              "tangent to f(W0) at 0, the ratio tends to 1/s^2. ||g*|| = O(1/alpha) survives with m_G for mu.",
                  reading="g* read as the minimizer of G_alpha on Pi_r (module docstring): on the n-dimensional Fbar0 "
                          "it would be psi(y*/alpha), off Pi_r, where g(t) cannot go."),
        ProofStep("8", "Appendix B, Step 1, display", "G_alpha(0) = R(0)/alpha^2 (psi^{-1}(0) = f(w0) = 0), G_alpha >= 0",
                  "(2/mu)(G_alpha(0) - G_alpha(g*)) <= 2 R(0)/(alpha^2 mu)", "R: F -> R_+ (Section 3.1)",
                  InequalityCheck(sp.Le(2 / mu * (g_zero - g_min), 2 * r0 / (alpha**2 * mu)),
                                  (sp.Eq(g_zero, r0 / alpha**2), sp.Ge(g_min, 0)))),
        ProofStep("9", "Appendix B, Step 1", "||g*|| <= C/alpha (steps 7-8, corrected)", "g* is in the interior of "
                  "Fbar0 for alpha large enough and is then the unique minimizer of G_alpha",
                  "strong convexity on the ball (step 6, corrected)",
                  AnalyticCheck("||g*||/rho0, inf if a grid point of the ball ||g|| <= rho0 has G_alpha below "
                                "G_alpha(g*)",
                                CASES.strategy, b.interior_ratio, **CASES.options)),
    )


def _step_2_mirror() -> tuple[ProofStep, ...]:
    """Step 2: the mirror trajectory g(t) in Pi_r, its metric, and Lemma 3.3."""
    velocity, text_form = _mirror_velocity()
    return (
        ProofStep("10", "Appendix B, Step 2", "f = psi^{-1} o pi_r o phi on W0", "Df = D psi^{-1} D pi_r D phi",
                  "By noticing (chain rule)", IdentityCheck(*_chain_rule_identity())),
        ProofStep("11", "Appendix B, Step 2, display", "g(t) := pi_r o phi(w(t)) = psi o f(w(t)) for t < T",
                  "g'(t) = -(1/alpha) D psi Df Df^T grad R = -(1/alpha) D pi_r D phi D phi^T D pi_r^T (D psi^{-1})^T "
                  "grad R(alpha psi^{-1}(g(t)))", "chain rule, step 10, D psi D psi^{-1} = Id",
                  IdentityCheck(velocity, text_form)),
        ProofStep("12", "Appendix B, Step 2", "step 11", "so g(t) remains in Pi_r",
                  "D pi_r has zero rows below r", IdentityCheck(sp.diag(0, 1) * text_form, sp.zeros(2, 1))),
        ProofStep("13", "Appendix B, Step 2", "D phi invertible on W0", "the first r x r block of D pi_r D phi D phi^T "
                  "D pi_r^T is positive definite on Pi_r, with a positive lower bound lam",
                  "(up to taking W0 and F0 smaller)",
                  AnalyticCheck("lam / lambda_min(block) at w in W0, lam the chart's metric floor", CHART_POINTS.strategy,
                                _metric_floor_ratio, **CHART_POINTS.options),
                  reading="'D phi^dagger': the dagger read as a transpose."),
        ProofStep("14", "Appendix B, Step 2", "g' = -block grad G_alpha(g) on Pi_r (steps 11-13), G_alpha strongly "
                  "convex and smooth near g* (step 6, corrected)",
                  "||g(t) - g*|| <= C1 ||g(0) - g*|| exp(-C2 t) for t < T, C1, C2 independent of alpha",
                  "Lemma 3.3 with F = G_alpha on Pi_r, Sigma(t) the block: C1 = (M_G/m)^{1/2}, C2 = m lam (g(t) "
                  "stays in the ball: G_alpha decreases along the flow and, for alpha >= alpha0, {G_alpha <= "
                  "G_alpha(0)} near g* lies inside it)",
                  ReferenceCheck("chizat-bach/lemma-3.3")),
    )


def _step_3_parameters() -> tuple[ProofStep, ...]:
    """Step 3: the parameter velocity, the gradient bound and the displacement."""
    moved, integral, g_star_norm, lip_phi, smooth, c_1, c_g, c_2 = sp.symbols(
        "displacement integral g_star_norm L_phi M_G c_1 c_g c_2", positive=True)
    return (
        ProofStep("15", "Appendix B, Step 3, display", "w' = -(1/alpha) Df^T grad R(alpha f(w(t)))",
                  "w'(t) = D phi^T D pi_r^T grad G_alpha(g(t))", "steps 2 and 10", IdentityCheck(*_parameter_velocity(-1)),
                  reading="w'(t) = -D phi^T D pi_r^T grad G_alpha(g(t)): the extracted display drops the minus sign "
                          "(the left side has it; read as written, the residual would be -2 D phi^T D pi_r^T grad "
                          "G_alpha) and garbles the transpose ('D pi_r {T}'). A dropped symbol in an extracted "
                          "formula is read, as the dropped t of Lemma 3.3's proof is; Step 3 uses only "
                          "||w'|| <= ||D phi|| ||grad G_alpha(g(t))||, which the sign does not change."),
        ProofStep("16", "Appendix B, Step 3", "G_alpha Lipschitz smooth (Step 1), grad G_alpha(g*) = 0",
                  "||grad G_alpha(g(t))|| <= (C/alpha) ||g(t) - g*||", "by Lipschitz-smoothness of G_alpha (Step 1)",
                  RateCheck("||grad G_alpha(g(0))|| / ||g(0) - g*|| at t = 0, g(0) = 0, " + _FIXED, b.gradient_at_start,
                            "1/alpha", b.fixed_alphas(), validator=_FIXED_VALIDATOR),
                  corrected=AnalyticCheck("||grad G_alpha(g)|| / (M_G ||g - g*||) on the ball ||g|| <= rho0 of Pi_r, "
                                          "M_G = nu L1^2 + mu sigma^2/2", CASE_POINTS.strategy,
                                          _at_plane_point(b.gradient_bound_ratio, True), **CASE_POINTS.options),
                  corrected_statement="||grad G_alpha(g(t))|| <= M_G ||g(t) - g*||, M_G = O(1); the factor 1/alpha comes "
                                      "from ||g(0) - g*|| = ||g*|| <= C/alpha (steps 7-9)",
                  explanation="Smoothness gives ||grad G_alpha(g) - grad G_alpha(g*)|| <= L ||g - g*|| with L the "
                              "smoothness constant of G_alpha, which is O(1) (the first Hessian term has eigenvalues in "
                              "[C^{-1}, C], step 4), not O(1/alpha). Near g*, grad G_alpha(g) ~ D^2 G_alpha(g*)(g - "
                              "g*) with D^2 G_alpha(g*) >= C^{-1}/2, so no C independent of alpha works; on the fixed "
                              "case the ratio at t = 0 tends to 1 (value*alpha grows like alpha). The displacement "
                              "survives (step 17).",
                  reading="grad G_alpha read on Pi_r: only D pi_r^T grad G_alpha enters w', and the n-dimensional "
                          "gradient does not vanish at g*."),
        ProofStep("17", "Appendix B, Step 3, display", "||w'(s)|| <= L_phi M_G C1 ||g*|| exp(-C2 s) (steps 14-16, "
                  "corrected), ||g*|| <= c_g/alpha (steps 7-9)",
                  "||w(t) - w(0)|| <= (C/alpha) int_0^t exp(-C2 s) ds <= C/(alpha C2)",
                  "integrating, C = L_phi M_G C1 c_g",
                  InequalityCheck(sp.Le(moved, lip_phi * smooth * c_1 * c_g / (alpha * c_2)),
                                  (sp.Le(moved, lip_phi * smooth * c_1 * g_star_norm * integral),
                                   sp.Le(integral, 1 / c_2), sp.Le(g_star_norm, c_g / alpha)))),
        ProofStep("18", "Appendix B, Step 3", "step 17", "sup_t ||w(t) - w0|| = O(1/alpha)", "step 17",
                  RateCheck("sup_t ||w(t) - w0|| along the lazy flow, " + _FIXED,
                            lambda a: b_flows.displacement(b.fixed_case(a)), "1/alpha", b.fixed_alphas())),
        ProofStep("19", "Appendix B, Step 3", "C/(alpha C2) below the size of W0", "w(t) in W0 for all t >= 0, so "
                  "T = +oo, for alpha large enough", "choosing alpha large",
                  AnalyticCheck("sup_t max_i |phi(w(t))_i| / h_i, Wbar0 = {|x_i| <= h_i}", FLOW_CASES.strategy,
                                b_flows.chart_exit_ratio, flows=True,
                                ratios=b_flows.over_flows(b_flows.chart_exit_ratio), **FLOW_CASES.options)),
    )


def _conclusion() -> tuple[ProofStep, ...]:
    """The theorem's conclusion: geometric convergence, at a rate asymptotically independent of alpha."""
    return (
        ProofStep("20", "Appendix B, Step 3 ('the theorem follows'), Theorem 3.4", "steps 14 and 19",
                  "the gradient flow (6) converges at a geometric rate, independent of alpha, to a local minimum "
                  "of F_alpha", "F_alpha = G_alpha o pi_r o phi on W0, G_alpha(g*) = min on the ball",
                  AnalyticCheck("(F_alpha(w(t)) - G_alpha(g*)) / ((F_alpha(w0) - G_alpha(g*)) exp(-2 m lam t)), "
                                "m lam = mu sigma^2 lam/2 alpha-free", FLOW_CASES.strategy,
                                b_flows.suboptimality_decay_ratio, flows=True,
                                ratios=b_flows.over_flows(b_flows.suboptimality_decay_ratio), **FLOW_CASES.options)),
        ProofStep("21", "Theorem 3.4", "step 20", "the rate is asymptotically independent of alpha",
                  "(implicit) D^2 G_alpha(g*) -> (D psi^{-1})^T grad^2 R D psi^{-1} at 0",
                  RateCheck("|rate(alpha) - rate_oo|, rate = lambda_min(Sigma_oo D^2 G_alpha(g*)) on Pi_r, " + _FIXED,
                            b_flows.rate_gap, "1/alpha", b.fixed_alphas())),
    )


def _fat_cantor() -> tuple[sp.Expr, sp.Expr]:
    """(measure of K, length of its level-N pieces as N -> oo) for the Smith-Volterra-Cantor set K (the fat Cantor set
    K_4 of the derivation ``fat_cantor_measure``, which the ledger entry chizat-bach/section-3.3-rank-probability-one
    also uses)."""
    at = {cantor_base: 4}
    return derive("fat_cantor_measure").expression.subs(at), sp.limit(cantor_piece().subs(at), cantor_level, sp.oo)


def _remarks() -> tuple[ProofStep, ...]:
    """The remarks after Theorem 3.4: genericity of the hypothesis, and a limit that need not be global."""
    measure, interval = _fat_cantor()
    curve = "the returning curve f(w) = (sin w, w sin(w)/pi), R(y) = ||y - (1, 1)||^2/2, w0 = 0, alpha = 100"
    return (
        ProofStep("22", "Section 3.3, remark after Theorem 3.4", "rank is lower-semicontinuous",
                  "locally constant rank holds generically; in particular with probability 1 for w0 drawn from an "
                  "absolutely continuous law", "lower-semicontinuity of the rank",
                  IdentityCheck(measure, sp.Integer(0)), corrected=IdentityCheck(interval, sp.Integer(0)),
                  corrected_statement="the rank is locally constant on an open dense set (lower-semicontinuity: near a "
                                      "point of maximal rank in an open set it cannot change); with probability 1 when "
                                      "f is real-analytic, where rank < its maximum only on a proper analytic subset",
                  explanation="Open and dense does not mean full measure. Let K in [0, 1] be the Smith-Volterra-Cantor "
                              "set (measure 1/2, the check's residual; empty interior) and f(w) = int_0^w "
                              "min(dist(s, K), 1)^2 ds: Df is Lipschitz (Assumption 3.1), but rank Df = 0 on K and 1 at points "
                              "arbitrarily close (K has no interior), so for w0 uniform on [0, 1] "
                              "the rank is not locally constant with probability 1/2. The corrected check: K has "
                              "empty interior (its intervals shrink to 0), so the good set is dense. Theorem 3.4 "
                              "itself is untouched."),
        ProofStep("23", "Section 3.3, remark after Theorem 3.4", "im Df_w0 a proper subspace of F",
                  "the limit is in general not a global minimum", "Figure 2",
                  InstanceCheck(f"R(alpha f(w_far)) / R(alpha f(w_oo)) on {curve}, w_far = pi - arcsin(1/alpha)",
                                lambda: 100.0, _far_to_lazy_loss)),
    )


def _far_to_lazy_loss(alpha_value: float) -> float:
    """The loss at a far point of the returning curve over the loss at the lazy limit (below 1: not global)."""
    model, loss, _ = underparameterized.curve_case()
    far = loss.value(alpha_value * model(underparameterized.far_point(alpha_value)))
    return float(far / underparameterized.measurements("curve", alpha_value).loss)


def theorem_3_4() -> Proof:
    steps = (_step_1_charts_and_hessian() + _step_1_convexity() + _step_2_mirror() + _step_3_parameters()
             + _conclusion() + _remarks())
    return Proof("chizat-bach/theorem-3.4", "Under-parameterized lazy training", "chizat-bach",
                 "Section 3.3, Theorem 3.4, and Appendix B",
                 "if f(w0) = 0 and rank Df is constant near w0, then for alpha >= alpha0 the gradient flow (6) converges "
                 "at a geometric rate (asymptotically independent of alpha) to a local minimum of F_alpha", steps,
                 twins=())
