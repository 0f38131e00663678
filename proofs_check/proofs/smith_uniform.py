"""smith's proofs as checked chains: Theorem 2.4 (uniform time) and the homogeneous scaling of Section 2.

The constants of Theorem 2.4 (r0, the kernel floor, C0, the displacement radius) are derived in
symbolic/ (:func:`~proofs_check.proofs.derived.theorem_constants`); smith's own values (the floor
3/4, the rate 3 m sigma^2/4) are read from the texts' transcriptions there.
"""

from __future__ import annotations

import sympy as sp

from proofs_check.proofs.chain import Proof, ProofStep
from proofs_check.proofs.checks import (AnalyticCheck, DerivationCheck, IdentityCheck, InequalityCheck,
                                        InstanceCheck, MissingJustification, RateCheck, ReferenceCheck)
from proofs_check.proofs.derived import (GROWTH_CORRECTION, GROWTH_EXPLANATION, GROWTH_STEP, remark, stated,
                                         theorem_constants)
from proofs_check.proofs.domains import MATRIX_PAIRS
from proofs_check.studies import chain_instances as instances
from proofs_check.studies import pointwise
from proofs_check.studies.scaling import TIME_CHANGE_RTOL, time_change_study
from symbolic import derive
from symbolic.constants import TEXT_GROWTH
from symbolic.homogeneity import homogeneous_model
from symbolic.trajectory import radius_root
from symbolic.symbols import symbols

t, alpha, mu, nu, kappa, sigma_min, Df_norm, lip_Df, d0, r, f_star_norm, K, lam, Sigma0_norm, q = symbols(
    "t alpha mu nu kappa sigma_min Df_norm lip_Df d0 r f_star_norm K lam Sigma0_norm q")



#: Step 5's witness: a full-rank Jacobian and a gradient on which ||Dh^T g|| < ||Dh|| ||g||.
_DH_WITNESS, _GRAD_WITNESS = sp.Matrix([[2, 0], [0, 1]]), sp.Matrix([0, 1])

def _operator_norm_check() -> AnalyticCheck:
    return AnalyticCheck("||A^T v|| / (||A|| ||v||) <= 1", MATRIX_PAIRS.strategy, pointwise.operator_norm_ratio,
                         **MATRIX_PAIRS.options)


#: sigma_min(Dh(w)) and sigma_min(Dh(w0)) in the steps on the kernel floor.
s_w, s_0 = sp.symbols("s_w s_0", nonnegative=True)


def _weyl(consts) -> tuple:
    """Weyl's inequality on B(w0, r0): the assumptions of the floor steps."""
    return sp.Ge(s_0, sigma_min), sp.Ge(s_w, s_0 - lip_Df * r), sp.Le(r, consts.r0)


def _floor_steps(consts, smith_floor) -> tuple[ProofStep, ...]:
    """Steps 1-4: the kernel floor on B(w0, r0) (smith's 3/4 and the correct floor) and linear convergence."""
    # ||Dh(w0)^T f||, ||Dh(w)^T f|| and ||Dh(w)^T f - Dh(w0)^T f|| in step 2
    a, b, d = sp.symbols("a b d", nonnegative=True)
    weyl = _weyl(consts)
    return (
        ProofStep("1", "proof of Theorem 2.4, first display", "Lip(Dh)^2 ||w - w0||^2 ||f||^2",
                  ">= ||(Dh(w) - Dh(w0))^T f||^2", "Lipschitz Dh, operator norm", _operator_norm_check()),
        ProofStep("2", "proof of Theorem 2.4, first display", "||Dh(w)^T f - Dh(w0)^T f||^2",
                  ">= | ||Dh(w0)^T f||^2 - ||Dh(w)^T f||^2 |", "(reverse triangle inequality, squared)",
                  InequalityCheck(sp.Ge((a - b) ** 2, sp.Abs(a**2 - b**2))),
                  corrected=InequalityCheck(sp.Ge(d**2, (a - b) ** 2), (sp.Le(a, b + d), sp.Le(b, a + d))),
                  corrected_statement="||Dh(w)^T f - Dh(w0)^T f||^2 >= (||Dh(w0)^T f|| - ||Dh(w)^T f||)^2 (the reverse "
                                      "triangle inequality, squared as a whole; checked from the triangle inequality "
                                      "for d = ||Dh(w)^T f - Dh(w0)^T f||); with step 1 it gives Weyl's bound "
                                      "sigma_min(Dh(w)) >= sigma_min - Lip(Dh) ||w - w0|| used in step 3",
                  explanation="The reverse triangle inequality ||a - b|| >= | ||a|| - ||b|| | holds for norms, not "
                              "for their squares: a = 1, b = 1/2 gives (a - b)^2 = 1/4 < a^2 - b^2 = 3/4.",
                  survives=True),
        ProofStep("3", "proof of Theorem 2.4", "||w - w0|| <= r0", "Sigma(w) >= (3/4) sigma_min^2 Id on B_r0(w0)", "step 2",
                  InequalityCheck(sp.Ge(s_w**2, smith_floor * sigma_min**2), weyl),
                  corrected=InequalityCheck(sp.Ge(s_w**2, consts.floor * sigma_min**2), weyl),
                  corrected_statement="Sigma(w) >= (1/4) sigma_min^2 Id on B_r0(w0) (chizat-bach), attained by "
                                      "f(w) = sigma_min w - lip_Df w^2/2 at |w| = r0",
                  explanation="With the valid Weyl bound sigma_min(Dh(w)) >= sigma_min - Lip(Dh) ||w - w0||, the floor "
                              "on the ball is (sigma_min/2)^2. The model f(w) = sigma_min w - lip_Df w^2/2 has kernel "
                              "sigma_min^2/4 at |w| = r0 (lazycheck derive kernel_floor), so 3/4 is false. Every later "
                              "constant of the proof is right with 1/4."),
        ProofStep("4", "proof of Theorem 2.4", "Sigma >= lam on the ball", "y(t) converges linearly up to T", "Lemma B.1",
                  ReferenceCheck("chizat-bach/lemma-3.3")),
    )


def _speed_steps(consts, smith_floor) -> tuple[ProofStep, ...]:
    """Steps 5-7: the speed ||w'(t)|| and the rate smith uses for it."""
    df_w = sp.Symbol("df_w", nonnegative=True)  # ||Dh(w)||
    radius, floor = (float(x) for x in (2 * radius_root(), derive("trajectory_floor").expression))
    return (
        ProofStep("5", "proof of Theorem 2.4", "w' = -(1/alpha) Dh^T grad R", "||w'(t)|| = (1/alpha) ||Dh(w)|| ||grad R(y(t))||",
                  "definition of w'(t)",
                  IdentityCheck((_DH_WITNESS.T * _GRAD_WITNESS).norm(), _DH_WITNESS.norm(2) * _GRAD_WITNESS.norm()),
                  corrected=_operator_norm_check(),
                  corrected_statement="||w'(t)|| <= (1/alpha) ||Dh(w)|| ||grad R(y(t))||",
                  explanation="Equality fails in general: for Dh = diag(2, 1) (full rank, as the theorem requires; "
                              "h(w) = (2 w1, w2)) and grad R = e2 (R(y) = ||y - e2||^2/2 at y = 0), ||Dh^T grad R|| = 1 "
                              "while ||Dh|| ||grad R|| = 2 (the check compares the two). The operator-norm inequality "
                              "is what the proof needs."),
        ProofStep("6", "proof of Theorem 2.4", "||grad R(y)|| <= M ||y - y*||", "||w'|| <= (2M/alpha) ||Dh(w0)|| ||y - y*||",
                  "(none given for ||Dh(w)|| <= 2 ||Dh(w0)||)", MissingJustification(GROWTH_STEP),
                  corrected=InequalityCheck(sp.Le(df_w, TEXT_GROWTH * Df_norm),
                                            (sp.Le(df_w, Df_norm + lip_Df * r), sp.Le(r, consts.r0),
                                             sp.Le(sigma_min, Df_norm))),
                  gap=True, corrected_statement=GROWTH_CORRECTION, explanation=GROWTH_EXPLANATION),
        ProofStep("7", "proof of Theorem 2.4", "Lemma B.1 with lam = 3 sigma_min^2/4",
                  "||y(s) - y*|| <= sqrt(kappa) ||y(0) - y*|| exp(-(3 m sigma_min^2/4) s)",
                  "Lemma B.1, with the floor of step 3 on all of B_r0(w0)",
                  InequalityCheck(sp.Ge(s_w**2, smith_floor * sigma_min**2), _weyl(consts)),
                  corrected=DerivationCheck("trajectory_floor"), gap=True,
                  corrected_statement=f"under the theorem's hypotheses the flow stays within {radius:.3f} r0 of w0, "
                                      f"where Sigma >= {floor:.3f} sigma_min^2 Id, so Lemma B.1 gives the rate "
                                      f"{floor:.3f} m sigma_min^2 >= 3 m sigma_min^2/4 (lazycheck derive trajectory_floor)",
                  explanation="The floor 3/4 on all of B_r0(w0) is false (step 3; the model f(w) = sigma_min w - "
                              "lip_Df w^2/2 has kernel sigma_min^2/4 at |w| = r0), so this reason does not give the "
                              "rate. The rate itself holds under the theorem's hypotheses: ||y(0) - y*|| < 2 alpha C0 "
                              f"keeps the flow within u* sigma_min/Lip(Dh) = {radius:.3f} r0 (a bootstrap: on the ball "
                              "of radius u sigma_min/Lip(Dh) the floor is (1 - u)^2 and ||Dh|| grows by at most 1 + u; "
                              "u* is the smallest fixed point of the displacement bound), where the floor is "
                              f"{floor:.3f} > 3/4. An earlier version of this check refuted the rate on a model with "
                              "alpha = 1, outside the hypothesis alpha > ||y*||/C0."),
    )


def _displacement_steps(consts, smith_floor) -> tuple[ProofStep, ...]:
    """Steps 8-12: the displacement bound, C0, and sup ||w - w0|| with h(w0) = 0."""
    f_w0 = sp.Symbol("f_w0", nonnegative=True)  # ||h(w0)||
    radius = remark("displacement_radius", "smith")  # with smith's floor (derived) and as he states it
    text_radius, at = stated("displacement_radius", "smith")
    return (
        ProofStep("8", "proof of Theorem 2.4", "step 7 integrated", "||w(t) - w0|| <= (8 kappa^{3/2}/(alpha sigma_min^2)) "
                  "||Dh(w0)|| ||y(0) - y*||", "int_0^oo exp(-(3 m sigma^2/4) s) ds = 4/(3 m sigma^2)",
                  InequalityCheck(sp.Le(radius.derived, radius.stated))),
        ProofStep("9", "proof of Theorem 2.4", "||y(0) - y*|| <= 2 alpha C0", "||w(t) - w0|| <= 16 C0 kappa^{3/2} ||Dh(w0)||/sigma^2 <= r0",
                  "definition of C0",
                  InequalityCheck(sp.Le(consts.displacement, consts.r0), (sp.Le(d0, 2 * alpha * consts.c0), sp.Ge(kappa, 1)))),
        ProofStep("10", "proof of Theorem 2.4", "||h(w0)|| <= C0, alpha > ||y*||/C0", "||y(0) - y*|| < 2 alpha C0",
                  "triangle inequality",
                  InequalityCheck(sp.Lt(d0, 2 * alpha * consts.c0),
                                  (sp.Le(d0, alpha * f_w0 + f_star_norm), sp.Le(f_w0, consts.c0),
                                   sp.Gt(alpha, f_star_norm / consts.c0)))),
        ProofStep("11", "proof of Theorem 2.4", "exp(-3 m sigma^2 t/4)", "<= exp(-m sigma^2 t/4)", "t >= 0",
                  InequalityCheck(sp.Le(sp.exp(-smith_floor * mu * sigma_min**2 * t),
                                        sp.exp(-consts.floor * mu * sigma_min**2 * t)))),
        ProofStep("12", "proof of Theorem 2.4", "h(w0) = 0", "sup ||w(t) - w0|| <= (1/alpha)(8 kappa^{3/2}/sigma^2) ||Dh(w0)|| ||y*||",
                  "step 8 with y(0) = 0",
                  DerivationCheck("displacement_radius", text_radius.subs(d0, f_star_norm), at + ((d0, f_star_norm),))),
    )


def _comparison_steps(consts) -> tuple[ProofStep, ...]:
    """Steps 13-17: K, Lemma B.2 at the floor, and the two integrals of the parameter gap."""
    speed = TEXT_GROWTH * nu * sp.sqrt(nu / mu)  # the factor of ||w'|| in step 6, with Lemma B.1's sqrt(kappa)
    lemma_b2 = derive("stability_bound").expression.subs({lam: consts.floor * sigma_min**2, K: speed, Sigma0_norm: 1})
    first_integral = (nu * sp.sqrt(kappa) * lip_Df * f_star_norm * consts.displacement.subs(d0, f_star_norm)
                      / (consts.floor * mu * sigma_min**2))
    return (
        ProofStep("13", "proof of Theorem 2.4", "K = sup ||(Sigma(t) - Sigma(0)) grad R(y)||",
                  "K <= 2 M Lip(h) Lip(Dh) sup||w - w0|| sup||y - y*||", "Lip(Sigma) <= 2 Lip(h) Lip(Dh), M-smooth R",
                  InstanceCheck("the model case, alpha = 10", lambda: 10.0, instances.k_bound_ratio)),
        ProofStep("14", "proof of Theorem 2.4", "Lemma B.2 with lam = 3 sigma^2/4",
                  "sup ||y - ybar|| <= K ||Sigma(0)||^{1/2} / ((3 sigma^2/4)^{3/2} m) <= 16 kappa^{3/2} ... sup ||w - w0||",
                  "Lemma B.2", MissingJustification("Lemma B.2 with lam = 3 sigma^2/4, a floor step 3 does not establish"),
                  corrected=IdentityCheck(lemma_b2, 16 * (nu / mu) ** sp.Rational(3, 2) / sigma_min**3),
                  gap=True, corrected_statement="with the floor sigma^2/4, Lemma B.2 gives exactly the stated "
                                                "16 kappa^{3/2} ||Sigma(0)||^{1/2} Lip(h) Lip(Dh) ||y*|| / sigma^3",
                  explanation="The first inequality uses the false floor of step 3; the final constant 16 is the one "
                              "the correct floor 1/4 gives, so the bound survives."),
        ProofStep("15", "proof of Theorem 2.4", "the first integral", "<= (1/alpha)(32 kappa^3/sigma^4) ||Dh(w0)|| Lip(Dh) ||y*||^2",
                  "linear convergence, displacement bound",
                  IdentityCheck(first_integral.subs(nu, kappa * mu),
                                32 * kappa**3 * Df_norm * lip_Df * f_star_norm**2 / (alpha * sigma_min**4))),
        ProofStep("16", "proof of Theorem 2.4", "the second integral, split at t0", "int ||grad R(y) - grad R(ybar)|| = O(log(alpha)/alpha)",
                  "'we do not fully work out the second integral'",
                  RateCheck("int ||grad R(y) - grad R(ybar)|| vs log(alpha)/alpha", instances.gradient_gap_integral, "log(alpha)/alpha")),
        ProofStep("17", "Theorem 2.4", "the two integrals", "sup ||w(t) - wbar(t)|| = O(log(alpha)/alpha^2)", "",
                  RateCheck("sup ||w - wbar|| vs log(alpha)/alpha^2", instances.parameter_gap, "log(alpha)/alpha**2")),
    )


def theorem_2_4() -> Proof:
    consts = theorem_constants()
    smith_floor = stated("kernel_floor", "smith")[0]
    steps = (_floor_steps(consts, smith_floor) + _speed_steps(consts, smith_floor) + _displacement_steps(consts, smith_floor)
             + _comparison_steps(consts))
    return Proof("smith/theorem-2.4", "Uniform-time bounds", "smith", "Section 3.2, Theorem 2.4 and its proof",
                 "||alpha h(w(t)) - y*|| <= sqrt(kappa) ||alpha h(w0) - y*|| exp(-m sigma_min^2 t/4); with h(w0) = 0, "
                 "sup ||w - w0|| = O(1/alpha), sup ||y - ybar|| = O(1/alpha), sup ||w - wbar|| = O(log alpha/alpha^2)",
                 steps, twins=("chizat-bach/theorem-3.2",))


# Section 2: homogeneous scaling ------------------------------------------------------------------

def _time_change_ratio(factor) -> float:
    """Largest gap between alpha^(1/2) w(t) and vtilde(c t) on the diagonal network at alpha = 4, over its tolerance."""
    return time_change_study((4.0,), factor=factor)["gaps"][0] / TIME_CHANGE_RTOL


def homogeneous_scaling() -> Proof:
    w1, w2, scale = sp.symbols("w1 w2 lam", positive=True)
    network = "the 2-homogeneous diagonal network, alpha = 4"
    steps = (
        ProofStep("1", "Section 2", "h is m-positive homogeneous", "h(alpha^{1/m} w) = alpha h(w)", "homogeneity",
                  IdentityCheck(homogeneous_model(alpha ** (1 / q) * w1, alpha ** (1 / q) * w2),
                                alpha * homogeneous_model(w1, w2))),
        ProofStep("2", "Section 2", "F_alpha(w) = R(alpha h(w))/alpha^2 = G_alpha(alpha^{1/m} w)",
                  "grad F_alpha(w) = alpha^{1/m} grad G_alpha(alpha^{1/m} w), so v = alpha^{1/m} w(t) has "
                  "v' = -alpha^{2/m} grad G_alpha(v)", "chain rule", DerivationCheck("homogeneous_time_change")),
        ProofStep("3", "Section 2", "step 2",
                  "the gradient flow on (1/alpha^2) R(alpha h(w)) from w0 is equivalent to the gradient flow on "
                  "(1/alpha^2) R(h(w)) from alpha^{1/m} w0", "step 2",
                  InstanceCheck(f"alpha^(1/2) w(t) vs vtilde(alpha t), {network}", lambda: None, _time_change_ratio),
                  reading="'equivalent' as the same path up to the time change t -> alpha^{2/m} t (derivation "
                          "homogeneous_time_change), which is what step 2 gives and what the section uses (the "
                          "limits as t -> oo coincide); the text never says the flows agree at equal times, and "
                          "they do not unless alpha = 1 (lazycheck/homogeneous-scaling-equal-times)"),
        ProofStep("4", "Section 3.1, closing summary", "step 3",
                  "for a positive homogeneous h, lazy training occurs when the scale of the initialization "
                  "w_alpha(0) = alpha w0 grows to infinity", "steps 1-3",
                  IdentityCheck(homogeneous_model(scale * w1, scale * w2), scale**q * homogeneous_model(w1, w2)),
                  reading="alpha here is the scale of the initialization, as the sentence says: the initialization "
                          "alpha w0 is the output scale alpha^m (h(alpha w) = alpha^m h(w), as Section 2 writes), "
                          "which grows to infinity exactly when alpha does, so lazy training occurs as the "
                          "initialization's scale grows. Read with alpha the output scale of Section 2, the "
                          "initialization would be alpha^{1/m} w0; the conclusion is the same"),
    )
    return Proof("smith/section-2-homogeneous-scaling", "Positively homogeneous models", "smith",
                 "Section 2 (and the closing summary of Section 3.1)",
                 "for an m-homogeneous h, scaling the output by alpha is equivalent to scaling the weights by "
                 "alpha^{1/m}", steps)
