"""The ledger's entries for chizat-bach (and lazycheck's own claims on chizat-bach's results), in text order.

Each entry's twins (smith's statement of the same result) are in :mod:`proofs_check.ledger.smith`;
twin entries share their checks, which the runner runs once.
"""

from __future__ import annotations

from proofs_check.ledger.entry import (CoqRef, DerivationRef, Entry, MeasureRef, NumericRef, ProofRef, StudyRef,
                                      derived_text)
from proofs_check.studies import kernels, network, scaling, trajectory, underparameterized
from proofs_check.studies.section5 import claims as section5

#: Hypotheses shared by several entries, as the texts state them.
LAZY = ("R mu-strongly convex with nu-Lipschitz gradient", "Df L_Df-Lipschitz", "sigma_min > 0")
LEMMA = ("F mu-strongly convex, grad F nu-Lipschitz", "Sigma(t) self-adjoint, continuous, Sigma(t) >= lam Id")
STABILITY = ("R mu-strongly convex", "Sigma(t) >= lam Id")
#: The protocol of Section 5 as the text states it.
SECTION_5 = ("quadratic loss", "inputs uniform on the unit sphere", "teacher with m0 = 3 neurons, ||b_j a_j|| = 1",
             "N(0, tau^2) initialization", "the doubling trick (except part of Figure 5)", "batch gradient descent with "
             "a small step size")


def _figure(claim_id: str, replay: str = "") -> StudyRef:
    """A Section 5 claim checked on the committed full-protocol figure data (package data)."""
    return StudyRef("figure data (committed, full protocol)", section5.figure_claim, (claim_id,), replay=replay)


def entries() -> tuple[Entry, ...]:
    """chizat-bach's entries, in the order of the text."""
    cb, sm = "chizat-bach", "smith"
    return (
        Entry(f"{cb}/eq-2-tangent-model", "Section 2.1, (2)", "T_f(w, x) = f(w0, x) + (w - w0) . grad_w f(w0, x); "
              "the tangent model is affine, D T_f = Df(w0)", "verified", (DerivationRef("tangent_ode"),),
              assumptions=("f differentiable in w (Section 1.1)",)),
        Entry(f"{cb}/eq-3-tangent-kernel", "Section 2.1, (3)", "training the tangent model is a kernel method with "
              "k(x, x') = grad f(w0, x) . grad f(w0, x'): in predictor space ybar' = -K grad R(ybar), K = Df Df^T",
              "verified", (DerivationRef("tangent_ode"), StudyRef("kernel = Jacobian Gram", kernels.decomposition_claim)),
              assumptions=("f differentiable in w", "loss l(y, y') depending on y - y' only (e.g. the quadratic loss)", "outputs shifted by f(w0, x) (a kernel method with an offset)")),
        Entry(f"{cb}/tangent-kernel-decomposition", "Section 2.2", "k_m = k_m^(a) + k_m^(b) for the two-layer network",
              "verified", (StudyRef("k^(a) + k^(b) = Df Df^T", kernels.decomposition_claim),),
              assumptions=("f_m(w, x) = (1/sqrt(m)) sum_j b_j sigma(a_j . x), w = (a_1, ..., a_m, b)", "sigma differentiable")),
        Entry(f"{cb}/eq-4-relu-kernel", "Section 2.2, (4)", "k^(a) = (x.x') E(b^2)(pi - phi)/(2pi), k^(b) = ||x|| ||x'|| "
              "E||a||^2 ((pi - phi) cos phi + sin phi)/(2 pi d) for rotation-invariant weights", "verified",
              (DerivationRef("relu_kernel_a", cb), DerivationRef("relu_kernel_b", cb),
               StudyRef("2-d quadrature", kernels.quadrature_claim)), expression=derived_text("relu_kernel_b"),
              assumptions=("sigma(s) = max(s, 0)", "the law of a_j rotation invariant", "silent: a and b independent, E b^2 and E||a||^2 finite")),
        Entry(f"{cb}/random-feature-convergence", "Section 2.2", "k_m^(a), k_m^(b) are random feature kernels that "
              "converge to k^(a), k^(b) as m -> oo", "empirical", (StudyRef("Monte Carlo over widths m", kernels.monte_carlo_claim),),
              assumptions=("a_j (resp. b_j) independent samples of a law on R^d (resp. R)", "silent: finite second moments")),
        Entry(f"{cb}/eq-5-scaled-objective", "Section 3.1, (5)", "F_alpha(w) = R(alpha f(w))/alpha^2 and its gradient "
              "(1/alpha) Df^T grad R(alpha f)", "verified", (DerivationRef("objective_gradient", cb),),
              assumptions=("alpha > 0", "R differentiable", "f differentiable")),
        Entry(f"{cb}/eq-6-gradient-flow", "Section 3.1, (6)", "w' = -(1/alpha) Df_w^T grad R(alpha f(w)); in predictor "
              "space d/dt alpha f(w(t)) = -Df Df^T grad R(alpha f)", "verified",
              (DerivationRef("objective_gradient", cb), DerivationRef("predictor_ode", cb)),
              expression=derived_text("predictor_ode"),
              assumptions=("w(0) = w0", "Assumption 3.1 (the flow is well posed)")),
        Entry(f"{cb}/tangent-flow-laziness", "Section 3.1", "the tangent flow converges linearly; if f(w0) = 0, "
              "sup ||wbar(t) - w0|| = O(1/alpha)", "empirical",
              (StudyRef("tanh network, closed form", network.tangent_laziness_claim),),
              assumptions=("R mu-strongly convex with nu-Lipschitz gradient", "f(w0) = 0 (for the O(1/alpha))")),
        Entry(f"{cb}/lemma-3.3", "Section 3.2, Lemma 3.3", "||y(t) - y*|| <= (nu/mu)^{1/2} ||y(0) - y*|| exp(-mu lam t)",
              "verified", (DerivationRef("lemma_3_3_bound", cb), ProofRef(f"{cb}/lemma-3.3"),
                           NumericRef(f"{cb}/lemma-3.3")),
              expression=derived_text("lemma_3_3_bound"), assumptions=LEMMA, twins=(f"{sm}/lemma-B.1",)),
        Entry(f"{cb}/lemma-A.1", "Appendix A, Lemma A.1", "||y(t) - ybar(t)|| <= K ||Sigma(0)||^{1/2}/(lam^{3/2} mu)",
              "verified", (DerivationRef("stability_bound", cb), ProofRef(f"{cb}/lemma-A.1"),
                           NumericRef(f"{cb}/lemma-A.1")),
              expression=derived_text("stability_bound"), assumptions=STABILITY + ("Sigma(t) self-adjoint, continuous", "R differentiable", "K := sup_t ||(Sigma(t) - Sigma(0)) grad R(y(t))||"), twins=(f"{sm}/lemma-B.2",)),
        Entry("lazycheck/stability-time-dependent", "lazycheck, derived from the proof of chizat-bach Lemma A.1",
              "||y(t) - ybar(t)|| <= K ||Sigma(0)||^{1/2} (1 - exp(-lam mu t))/(lam^{3/2} mu)", "verified",
              (DerivationRef("stability_bound_time_dependent"), CoqRef("a1_time_dependent_frechet"),
               NumericRef("lazycheck/stability-time-dependent")),
              expression=derived_text("stability_bound_time_dependent"), assumptions=STABILITY),
        Entry(f"{cb}/theorem-3.2", "Section 3.2, Theorem 3.2", "over-parameterized lazy training: linear convergence "
              "for alpha > ||f*||/M, laziness and comparison with the tangent flow as alpha -> oo", "refuted",
              (ProofRef(f"{cb}/theorem-3.2"),), assumptions=LAZY + ("R has a minimizer f*, kappa := nu/mu", "sigma_min the smallest singular value of Df(w0) (Df(w0) surjective)", "||f(w0)|| <= M", "alpha > ||f*||/M"),
              twins=(f"{sm}/theorem-2.4",)),
        Entry(f"{cb}/theorem-3.2/convergence", "Section 3.2, Theorem 3.2",
              "||alpha f(w(t)) - f*|| <= sqrt(kappa) ||alpha f(w0) - f*|| exp(-mu sigma_min^2 t/4)", "verified",
              (DerivationRef("lazy_convergence_bound", cb), DerivationRef("kernel_floor", cb),
               ProofRef(f"{cb}/theorem-3.2", ("1", "2", "3", "4", "5", "6", "8", "9", "10")),
               StudyRef("the model's own constants", network.own_constants_claim)),
              expression=derived_text("lazy_convergence_bound"), assumptions=LAZY + ("||f(w0)|| <= M", "alpha > ||f*||/M"), twins=(f"{sm}/theorem-2.4/convergence",)),
        Entry(f"{cb}/theorem-3.2/constant-M", "Section 3.2, Theorem 3.2",
              "M = sigma_min^3/(32 kappa^{3/2} ||Df_w0|| L_Df); alpha > ||f*||/M", "verified",
              (DerivationRef("c0", cb), DerivationRef("alpha_threshold", cb), DerivationRef("r0", cb)),
              expression=derived_text("c0"), twins=(f"{sm}/theorem-2.4/constant-C0",),
              assumptions=LAZY + ("kappa := nu/mu",)),
        Entry(f"{cb}/theorem-3.2/radius-r0", "Section 3.2, proof of Theorem 3.2",
              "r0 = sigma_min/(2 L_Df): on B(w0, r0), Df_w Df_w^T >= sigma_min^2 Id / 4", "verified",
              (DerivationRef("r0", cb), DerivationRef("kernel_floor", cb),
               ProofRef(f"{cb}/theorem-3.2", ("2", "3"))), expression=derived_text("r0"),
              assumptions=("Df L_Df-Lipschitz", "sigma_min > 0", "||w - w0|| < r0")),
        Entry("lazycheck/trajectory-floor", "lazycheck, sharpening chizat-bach Theorem 3.2 (smith Theorem 2.4)",
              "under Theorem 3.2's hypotheses the flow stays within u* sigma_min/L_Df of w0 (u* ~ 0.0797, the "
              "smallest root of 16u^3 - 32u^2 + 15u - 1), where Df Df^T >= c* sigma_min^2 with c* = (1 - u*)^2 ~ "
              "0.847: ||alpha f(w(t)) - f*|| <= sqrt(kappa) ||alpha f(w0) - f*|| exp(-c* mu sigma_min^2 t)", "verified",
              (DerivationRef("trajectory_floor"), StudyRef("extremal family, radius", trajectory.radius_claim),
               StudyRef("extremal family, rate", trajectory.rate_claim)),
              expression=derived_text("trajectory_floor"), assumptions=LAZY + ("||f(w0)|| <= M", "alpha > ||f*||/M"),
              twins=(f"{sm}/theorem-2.4/convergence",)),
        Entry("lazycheck/c0-growth-three-halves", "lazycheck, sharpening chizat-bach Theorem 3.2 (smith Theorem 2.4)",
              "||Df_w|| <= (3/2) ||Df(w0)|| on B(w0, r0), so the proof's chain allows C0' = sigma_min^3/(24 kappa^{3/2} "
              "||Df(w0)|| L_Df) = (4/3) M in place of M", "verified",
              (DerivationRef("c0_sharp_growth"), StudyRef("extremal family at ||f(w0)|| = C0'", trajectory.sharp_c0_claim)),
              expression=derived_text("c0_sharp_growth"), assumptions=LAZY + ("||f(w0)|| <= C0'", "alpha > ||f*||/C0'")),
        Entry(f"{cb}/theorem-3.2/laziness", "Section 3.2, Theorem 3.2", "sup_t ||w(t) - w0|| = O(1/alpha) as alpha -> oo "
              "(f(w0) not assumed 0)", "refuted", (ProofRef(f"{cb}/theorem-3.2", ("11",)),), assumptions=LAZY + ("||f(w0)|| <= M", "alpha > ||f*||/M", "alpha -> oo"),
              twins=(f"{sm}/theorem-2.4/laziness",)),
        Entry(f"{cb}/theorem-3.2/prediction-gap", "Section 3.2, Theorem 3.2",
              "sup_t ||alpha f(w(t)) - alpha T_f(wbar(t))|| = O(1/alpha) (f(w0) not assumed 0)", "refuted",
              (ProofRef(f"{cb}/theorem-3.2", ("12", "13")), MeasureRef(f"{cb}/theorem-3.2", "13", corrected=True),
               MeasureRef(f"{cb}/theorem-3.2", "12", corrected=True),
               StudyRef("tanh network, f(w0) = 0", network.rate_claim, ("prediction_gap",))),
              assumptions=LAZY + ("||f(w0)|| <= M", "alpha > ||f*||/M", "alpha -> oo"), twins=(f"{sm}/theorem-2.4/prediction-gap",)),
        Entry(f"{cb}/theorem-3.2/parameter-gap", "Section 3.2, Theorem 3.2",
              "sup_t ||w(t) - wbar(t)|| = O(log(alpha)/alpha^2) (f(w0) not assumed 0)", "refuted",
              (ProofRef(f"{cb}/theorem-3.2", ("15",)), DerivationRef("t0", cb),
               MeasureRef(f"{cb}/theorem-3.2", "15", corrected=True),
               StudyRef("tanh network, f(w0) = 0", network.rate_claim, ("parameter_gap",))),
              assumptions=LAZY + ("||f(w0)|| <= M", "alpha > ||f*||/M", "alpha -> oo"), twins=(f"{sm}/theorem-2.4/parameter-gap",)),
        Entry("lazycheck/doubling-prediction-gap", "lazycheck, on chizat-bach Theorem 3.2 with the doubling trick",
              "with the doubling trick, sup_t ||alpha f(w(t)) - alpha T_f(wbar(t))|| = O(1/alpha^2): the O(1/alpha) of "
              "the theorem is not tight there", "empirical",
              (StudyRef("tanh network, doubled", network.doubling_claim),),
              assumptions=LAZY + ("f(w0) = 0 by the doubling trick (twin neurons with opposite output weights)",)),
        Entry(f"{cb}/theorem-3.4", "Section 3.3, Theorem 3.4 and Appendix B", "under-parameterized lazy training: "
              "there is alpha0 such that for alpha >= alpha0 the flow converges at a geometric rate (asymptotically "
              "independent of alpha) to a local minimum of F_alpha", "empirical",
              (ProofRef(f"{cb}/theorem-3.4"),) +
              tuple(StudyRef(f"{label}, {model}", function, (case,))
                    for function, label in ((underparameterized.convergence_claim, "geometric convergence"),
                                            (underparameterized.rate_independence_claim, "rate vs alpha"))
                    for case, model in (("curve", "returning curve, p = 1 < n = 2"),
                                        ("network", "centered tanh network, p = 15 < n = 40"))),
              assumptions=("Assumption 3.1: Df L_Df-Lipschitz, R mu-strongly convex with nu-Lipschitz gradient",
                           "f(w0) = 0", "rank Df_w constant on a neighborhood of w0")),
        Entry(f"{cb}/theorem-3.4/not-global", "Section 3.3, after Theorem 3.4", "in the under-parameterized case "
              "the limit is in general not a global minimum", "verified",
              (StudyRef("returning curve, an explicit far point", underparameterized.not_global_claim),),
              assumptions=("the hypotheses of Theorem 3.4", "the image of Df(w0) a proper subspace of F not containing the minimizer of R")),
        Entry(f"{cb}/eq-7-criterion", "Section 4.1, (7)", "lazy training occurs if ||T_f(w*) - f(w0)|| << "
              "||Df_w0||^2/L_Df", "empirical",
              (StudyRef("criterion vs tangent displacement over tau", scaling.criterion_claim),),
              assumptions=("informal (the text: 'We proceed informally')", "the tangent model's training converges to w*", "L_Df the Lipschitz constant of Df")),
        Entry(f"{cb}/section-4.2.1-homogeneous", "Section 4.2.1", "scaling a q-homogeneous model's initialization by "
              "lam multiplies the ratio of (7) by lam^q", "verified",
              (DerivationRef("criterion_homogeneity", cb),
               StudyRef("2-homogeneous ReLU network", scaling.homogeneity_claim)),
              expression=derived_text("criterion_homogeneity"),
              assumptions=("f q-homogeneous in w (q >= 2)", "lam > 0", "silent: the left side of (7) unchanged (f(w0) ~ 0, fixed target)")),
        Entry(f"{cb}/section-4.2.1-initialization-scale", "Section 4.2.1", "for a q-homogeneous model, changing the "
              "magnitude of the initialization by lam is equivalent to changing the scale factor, with alpha = lam^q",
              "verified", (DerivationRef("homogeneous_time_change"),
                           StudyRef("diagonal network over alpha", scaling.time_change_claim)),
              assumptions=("f q-homogeneous in w (q >= 2)", "lam > 0"),
              reading="equivalent as the same path up to the time change t -> lam^2 t = alpha^{2/q} t",
              twins=(f"{sm}/section-2-homogeneous-scaling", f"{sm}/section-3.1-initialization-scale")),
        Entry(f"{cb}/section-4.2.2-wide-networks", "Section 4.2.2", "the ratio of (7) grows like m alpha(m): lazy for "
              "alpha(m) = 1/sqrt(m)", "empirical",
              (StudyRef("tanh networks over widths m", scaling.width_claim, ("sqrt", 0.5)),),
              assumptions=("f(w, x) = alpha(m) sum_i Phi(theta_i, x)", "Phi differentiable with Lipschitz derivative", "theta_i i.i.d. with E Phi(theta_i, .) = 0")),
        Entry(f"{cb}/section-4.2.2-mean-field", "Section 4.2.2", "alpha(m) = 1/m keeps ||Df_w0||^2/L_Df of order 1 "
              "(mean-field limit)", "empirical",
              (StudyRef("tanh networks over widths m", scaling.width_claim, ("mean", 0.0)),),
              assumptions=("f(w, x) = alpha(m) sum_i Phi(theta_i, x), alpha(m) = 1/m", "Phi differentiable with Lipschitz derivative", "theta_i i.i.d. with E Phi(theta_i, .) = 0")),
        Entry(f"{cb}/section-5-figure-1c", "Section 5, Figure 1(c)", "test error worsens as tau grows and plateaus at "
              "the tangent-kernel method's error", "empirical", (_figure(f"{cb}/section-5-figure-1c"),),
              assumptions=SECTION_5 + ("n = 1000, m = 50, best test error during training",)),
        Entry(f"{cb}/section-5-lazy-displacement", "Section 1 and 5, Figure 1", "in lazy runs the relative displacement "
              "of the weights shrinks as tau grows (like tau^-2: tau^2 plays the role of alpha, Section 4.2.1)",
              "empirical", (_figure(f"{cb}/section-5-lazy-displacement"),),
              assumptions=SECTION_5),
        Entry(f"{cb}/section-5-figure-5", "Section 5, Figure 5", "with more neurons, lazy for large tau; without the "
              "doubling trick neurons move slightly more", "empirical", (_figure(f"{cb}/section-5-figure-5"),),
              assumptions=SECTION_5 + ("m = n = 200, with and without the doubling trick",)),
        Entry(f"{cb}/section-5-figure-6a", "Section 5, Figure 6(a)", "the test error grows with m for alpha = "
              "1/sqrt(m) (lazy for large m), not for alpha = 1/m; the text gives neither tau, nor the iteration "
              "count, nor n (lazycheck sweeps them: reproduced at small tau only)", "empirical",
              (StudyRef("figure data, protocols swept over tau, iterations and n", section5.sweep_claim,
                        (f"{cb}/section-5-figure-6a",), replay='lazycheck figures --sweep figure-6a --out "$(mktemp -d)"  '
                        "# about 15 min; into a fresh temporary directory"),),
              assumptions=SECTION_5 + ("d = 100, widths m = 4..1024, averaged over 5 runs",
                                       "tau, iterations and n unstated (swept)"), experiment=True),
        Entry(f"{cb}/section-5-figure-6a-contrast", "Section 5, Figure 6(a)", "for large m the scaling alpha = 1/m "
              "keeps the test error relatively close to 0, unlike the lazy alpha = 1/sqrt(m)", "empirical",
              (_figure(f"{cb}/section-5-figure-6a-contrast"),),
              assumptions=SECTION_5 + ("d = 100, averaged over 5 runs", "tau, iterations and n unstated")),
        Entry(f"{cb}/section-5-figure-6b", "Section 5, Figure 6(b)", "SGD gets stuck in a local minimum for large tau",
              "empirical", (_figure(f"{cb}/section-5-figure-6b"),),
              assumptions=SECTION_5 + ("mini-batch SGD, batch 200, each sample used once, d = 100, m = 50",)),
    )
