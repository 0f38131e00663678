"""The ledger's entries for chizat-bach's remarks: the checkable sentences around its main results, in text order.

The main results are in :mod:`proofs_check.ledger.chizat_bach`. The derivations are in
:mod:`symbolic.remarks_chizat_bach`, the numeric studies in :mod:`proofs_check.studies.remarks` (modules
``chizat_bach_tangent``, ``chizat_bach_rank``, ``chizat_bach_wide``).
"""

from __future__ import annotations

from proofs_check.ledger.entry import DerivationRef, Entry, ProofRef, StudyRef, derived_text
from proofs_check.studies.remarks import chizat_bach_rank as rank
from proofs_check.studies.remarks import chizat_bach_tangent as tangent
from proofs_check.studies.remarks import chizat_bach_wide as wide

CB, SM = "chizat-bach", "smith"
#: Assumption 3.1, as the text states it (Section 3.1 and footnote 6).
ASSUMPTION_3_1 = ("f differentiable with an L_Df-Lipschitz derivative Df (operator norm) (Assumption 3.1)",
                  "R mu-strongly convex with a nu-Lipschitz derivative (Assumption 3.1)")
#: The model of Section 4.2.2.
WIDE = ("f(w, x) = alpha(m) sum_i phi(theta_i, x), w = (theta_1, ..., theta_m)",
        "Phi: theta -> phi(theta, .) differentiable with a Lipschitz derivative")
WIDE_INIT = ("theta_i independent and identically distributed", "E Phi(theta_i) = 0")


def _section_1() -> tuple[Entry, ...]:
    return (
        Entry(f"{CB}/section-1-nonconvex-problem", "Section 1, paragraph 1", "the problem of fitting a parametric model "
              "with a gradient-based method 'is in general highly non-convex'", "verified",
              (DerivationRef("nonconvex_network_loss"),), expression=derived_text("nonconvex_network_loss"),
              assumptions=("a parametric model f trained with a smooth loss", "f non-linear in w (silent)"),
              twins=(f"{SM}/section-1-network-nonconvex",),
              reading="'in general' is shown by one typical instance: the square loss of b tanh(a x) has an "
                      "indefinite Hessian at (a, b) = 0 (the tangent model's loss, J^T J >= 0, does not)"),
        Entry(f"{CB}/section-1.1-sgd-kernel-step", "Section 1.1, display after (1)", "to first order in eta_k, the SGD "
              "step (1) moves f(w_k, x) by -eta_k grad f(w_k, x)^T grad f(w_k, x_k) ell'(f(w_k, x_k), y_k): an SGD step of "
              "kernel regression with k(x, x') = grad f(w_k, x)^T grad f(w_k, x')", "verified",
              (DerivationRef("sgd_kernel_step", CB),), expression=derived_text("sgd_kernel_step"),
              assumptions=("the SGD update (1)", "small step eta_k", "f differentiable in w (C^2 for the O(eta^2) "
                                                                       "remainder, silent)")),
        Entry(f"{CB}/section-1.1-kernel-roughly-constant", "Section 1.1", "if the iterates remain in a neighborhood of w0 "
              "then the kernel grad f(w, x)^T grad f(w, x') is roughly constant throughout training", "verified",
              (DerivationRef("lip_sigma"), StudyRef("w - w^2/2 (tight) and a tanh network", tangent.kernel_drift_claim)),
              assumptions=("iterates in a neighborhood of w0", "Df Lipschitz on it (silent)", "f Lipschitz on it (silent)"),
              reading="quantified as ||K(w) - K(w0)|| <= 2 lip_f lip_Df ||w - w0|| (the derivation lip_sigma)"),
        Entry(f"{CB}/section-1.1-scaling-keeps-tangent-model", "Section 1.1", "when f(w0, .) ~ 0, scaling the model as "
              "alpha f does not change the tangent model", "verified", (DerivationRef("scaled_tangent_model", CB),),
              expression=derived_text("scaled_tangent_model"), assumptions=("f(w0) = 0 (the text: f(w0, .) ~ 0)", "alpha > 0"),
              reading="the hypothesis class {T_{alpha f}(w)} = {T_f(w)}: T_{alpha f}(w0 + u/alpha) = T_f(w0 + u), and the "
                      "tangent predictor dynamics ybar' = -Df Df^T grad R(ybar) do not involve alpha"),
        Entry(f"{CB}/figure-2-stretch", "Section 1.1 and the Figure 2 caption", "alpha can be interpreted as a way to "
              "stretch the manifold f(W0) to bring it closer to T_f(w0)", "verified",
              (DerivationRef("stretch_bound"), StudyRef("w - w^2/2 and a sine-tilted model", tangent.stretch_claim)),
              expression=derived_text("stretch_bound"), assumptions=("Df L_Df-Lipschitz",),
              reading="within a fixed ball ||u|| <= r of predictor-scaled parameters, alpha f(w0 + u/alpha) is within "
                      "L_Df r^2/(2 alpha) of the scaled tangent space, a bound attained by f(w) = w - w^2/2"),
    )


def _section_2() -> tuple[Entry, ...]:
    return (
        Entry(f"{CB}/section-2.1-linear-model-fixed-point", "Section 2.1", "if f is already a linear model, then f and "
              "T_f are identical", "verified", (DerivationRef("linear_tangent_fixed_point", CB),),
              assumptions=("f(w, x) = w . phi(x) (affine in w suffices)",)),
        Entry(f"{CB}/section-2.1-output-shift", "Section 2.1, 'Kernel method with an offset'", "when grad l(y, y') only "
              "depends on y - y', training the affine model (2) is training a linear model in (xtilde, ytilde) = "
              "(grad_w f(w0, x), y - f(w0, x)): the output data is shifted by the initialization f(w0, x)", "verified",
              (DerivationRef("offset_regression", CB), StudyRef("tanh network, held-out inputs", tangent.offset_claim)),
              assumptions=("the derivative of the loss l(y, y') in y depends only on y - y' (e.g. the quadratic loss)",),
              reading="for the quadratic loss the tangent flow's limit is f(w0, x) + k(x, X) K^-1 (y - f(w0, X))"),
        Entry(f"{CB}/section-2.1-doubling-trick", "Section 2.1", "duplicating the last layer's neurons with the same input "
              "weights and opposite output weights makes f(w0, .) = 0 even with a random initialization", "verified",
              (DerivationRef("doubling_trick", CB), StudyRef("ReLU, tanh, softplus networks", wide.doubling_claim)),
              assumptions=("a network whose last layer is linear in its output weights",)),
        Entry(f"{CB}/footnote-5-metric-absorbs-scaling", "Section 2.2, footnote 5", "the scaling 1/sqrt(m) is not of "
              "intrinsic importance: it reflects that we work with the Euclidean metric on R^p", "verified",
              (DerivationRef("metric_model_scale"),), expression=derived_text("metric_model_scale"),
              assumptions=("gradients taken for an inner product on R^p (the Euclidean one by default)",
                           "f_m scaled by 1/sqrt(m) (Section 2.2)"),
              reading="under the inner product c <.,.> the model s f has the tangent kernel (s^2/c) Df Df^T, so a model "
                      "scale s with the metric s^2 <.,.> trains like (f, Euclidean)"),
        Entry(f"{CB}/footnote-5-wasserstein-1-over-m", "Section 2.2, footnote 5", "scaling this metric by 1/sqrt(m), as "
              "suggested by the Wasserstein metric, would call for a scaling of the model by 1/m", "verified",
              (DerivationRef("metric_model_scale", CB), StudyRef("ReLU networks, m = 10..1000", wide.metric_kernel_claim)),
              assumptions=("f_m(w, x) = (1/sqrt(m)) sum_j b_j sigma(a_j . x) as the reference",),
              twins=(f"{CB}/section-4.2.2-metric-rescaling",),
              reading="lengths scaled by 1/sqrt(m), i.e. the inner product by 1/m: then the model scale 1/m gives the "
                      "Euclidean kernel of the 1/sqrt(m) model"),
    )


def _section_3_1() -> tuple[Entry, ...]:
    return (
        Entry(f"{CB}/section-3.1-two-cases", "Section 3.1", "the setting covers the interpolation case R(g) = (1/n) sum "
              "l(g(x_i), y_i) on F = R^n (Euclidean) and the statistical case R(g) = E l(g(X), Y) on F = L^2(rho_X)",
              "verified", (DerivationRef("empirical_risk_convexity"),), expression=derived_text("empirical_risk_convexity"),
              assumptions=("l : R^2 -> R_+", "l(., y) mu_l-strongly convex and nu_l-smooth uniformly in y (silent: Section "
                                             "1 says 'smooth and often strongly-convex')"),
              twins=(f"{SM}/section-2-choice-of-F",),
              reading="Assumption 3.1 then holds with mu = mu_l/n, nu = nu_l/n on R^n (kappa = nu_l/mu_l) and mu_l, nu_l "
                      "on L^2(rho_X); a loss that is not strongly convex (logistic) is not covered"),
        Entry(f"{CB}/section-3.1-normalization", "Section 3.1, after (5)", "the objective is multiplied by 1/alpha^2 for "
              "the limit alpha -> oo of training algorithms to be well-behaved; this scaling does not change the minimizers",
              "verified", (DerivationRef("objective_normalization", CB),), expression=derived_text("objective_normalization"),
              assumptions=("alpha > 0",), twins=(f"{SM}/section-2-normalization-keeps-minima",),
              reading="'well-behaved': the predictor dynamics of the flow of R(alpha f)/alpha^2 do not depend on alpha"),
        Entry(f"{CB}/section-3.1-quadratic-reduction", "Section 3.1, after (5)", "for R(g) = ||g - g*||^2, F_alpha(w) = "
              "||alpha f(w) - g*||^2/alpha^2 = ||f(w) - g*/alpha||^2: learning a signal close to 0", "verified",
              (DerivationRef("objective_normalization"),), assumptions=("R(g) = ||g - g*||^2, g* in F", "alpha > 0")),
        Entry(f"{CB}/section-3.1-tangent-strict-convexity", "Section 3.1, 'Lazy and tangent gradient flows'", "Fbar_alpha "
              "is strictly convex on the orthogonal complement of ker Df_w0", "verified",
              (DerivationRef("tangent_rate"), StudyRef("tanh network, quadratic and log-cosh R", tangent.convexity_claim)),
              expression=derived_text("tangent_rate"), assumptions=ASSUMPTION_3_1,
              reading="the garbled 'ker D~_w0' is ker Df_w0; on its complement D^2 Fbar_alpha >= mu sigma_+^2 (sigma_+ the "
                      "smallest positive singular value), uniformly in alpha"),
        Entry(f"{CB}/section-3.1-tangent-linear-convergence", "Section 3.1, 'Lazy and tangent gradient flows'", "(wbar(t)) "
              "converges linearly to the unique global minimizer of Fbar_alpha", "verified",
              (DerivationRef("tangent_rate"), StudyRef("tanh network, closed form", tangent.convergence_claim)),
              assumptions=ASSUMPTION_3_1,
              reading="'unique' on w0 + (ker Df_w0)^perp, where the flow stays (wbar' is in range Df^T): there the minimizer "
                      "is unique and is the global minimizer closest to w0, reached at the rate mu sigma_+^2. On R^p it is "
                      "not unique when ker Df_w0 != 0 (p > n): wbar* + ker Df_w0 are minimizers too (quadratic R in the "
                      "numeric check: the closed form)"),
        Entry(f"{CB}/section-3.1-tangent-minimizer-alpha-free", "Section 3.1, 'Lazy and tangent gradient flows'", "if "
              "f(w0) = 0 then this global minimizer does not depend on alpha and sup_{t >= 0} ||wbar(t) - w0|| = O(1/alpha)",
              "verified", (DerivationRef("tangent_limit", CB), StudyRef("centered tanh network, alpha = 1..100",
                                                                        tangent.tangent_limit_claim)),
              expression=derived_text("tangent_limit"), assumptions=ASSUMPTION_3_1 + ("f(w0) = 0",),
              reading="the minimizer is read in predictor space: the limit predictor alpha T_f(wbar*) = ybar* and the "
                      "rescaled displacement alpha (wbar* - w0) = Df_w0^+ ybar* do not depend on alpha, whence "
                      "sup_t ||wbar(t) - w0|| = O(1/alpha). The parameter minimizer itself is w0 + Df_w0^+ ybar*/alpha, "
                      "which depends on alpha (it tends to w0); read literally the sentence would contradict its own "
                      "O(1/alpha) clause"),
    )


def _section_3_3() -> tuple[Entry, ...]:
    rank_assumptions = ("f differentiable (at least C^1 in w)", "rank Df_w as a function of w")
    return (
        Entry(f"{CB}/section-3.3-population-underparameterized", "Section 3.3, first paragraph", "without the "
              "over-parameterization assumption the lazy regime is the under-parameterized case; this covers the population "
              "loss, where n = oo", "verified", (StudyRef("rank <= p < n", rank.underparameterized_claim),),
              assumptions=("a finite number p of parameters", "n > p (n = oo for the population loss)"),
              twins=(f"{SM}/section-3.2-surjective-finite-dim",),
              reading="rank Df_w0 <= p < n, so Df_w0 is not surjective and sigma_min = 0: Theorem 3.2 does not apply"),
        Entry(f"{CB}/section-3.3-rank-generic", "Section 3.3, after Theorem 3.4", "the assumption that the rank is locally "
              "constant holds generically due to lower-semicontinuity of the rank function", "verified",
              (StudyRef("tanh network: Gaussian and doubled w0", rank.rank_generic_claim),), assumptions=rank_assumptions,
              reading="generic = on an open dense set: a nonzero r-minor stays nonzero nearby (lower semicontinuity), so "
                      "in any open set a point of maximal rank has a locally constant rank. Sampled: ranks at random w0 and "
                      "nearby; the doubled initialization is a non-generic point where the rank jumps up"),
        Entry(f"{CB}/section-3.3-rank-probability-one", "Section 3.3, after Theorem 3.4", "in particular, the rank is "
              "locally constant with probability 1 if w0 is randomly chosen according to an absolutely continuous "
              "probability measure", "refuted",
              (DerivationRef("fat_cantor_measure"), ProofRef(f"{CB}/theorem-3.4", ("22",)),
               StudyRef("f(w) = int_0^w min(dist(s, K), 1)^2 ds, K fat Cantor",
                                                             rank.rank_probability_claim, (4,),
                                                             replay=f"lazycheck verify --claim {CB}/section-3.3-rank-probability-one")),
              expression=derived_text("fat_cantor_measure"),
              assumptions=ASSUMPTION_3_1 + ("w0 drawn from an absolutely continuous probability measure",),
              reading="'in particular' does not follow: an open dense set can have measure < 1. With K the "
                      "Smith-Volterra-Cantor set (nowhere dense, |K| = 1/2), f(w) = int_0^w min(dist(s, K), 1)^2 ds has a "
                      "2-Lipschitz Df, rank 0 exactly on K and 1 on its dense complement: for w0 ~ Uniform[0, 1] the rank "
                      "is locally constant with probability 1/2. Corrected: probability 1 for real-analytic f "
                      "(lazycheck/rank-probability-one-analytic)"),
        Entry("lazycheck/rank-probability-one-analytic", "lazycheck, correcting chizat-bach Section 3.3", "if f is "
              "real-analytic in w (e.g. a tanh network), the rank of Df_w is locally constant (and maximal) at w0 with "
              "probability 1 for an absolutely continuous law of w0", "verified",
              (StudyRef("tanh network, Gaussian w0", rank.analytic_probability_claim, ("tanh",)),),
              assumptions=("f real-analytic in w", "w0 drawn from an absolutely continuous probability measure"),
              reading="{rank Df_w < r_max} is the zero set of the sum of the squared r_max-minors, a real-analytic function "
                      "that is not identically zero, hence Lebesgue-null; the check samples it (the C^1 fat Cantor model is "
                      "the rejected variant)"),
    )


def _section_4() -> tuple[Entry, ...]:
    return (
        Entry(f"{CB}/section-4.1-criterion-derivation", "Section 4.1", "the remainder is negligible when L_Df ||w* - "
              "w0||^2 << ||Df_w0(w* - w0)||; with ||Df_w0(w* - w0)|| ~ ||Df_w0|| ||w* - w0|| this is ||w* - w0|| << "
              "||Df_w0||/L_Df, and with ||T_f(w*) - T_f(w0)|| ~ ||Df_w0|| ||w* - w0|| it is (7)", "verified",
              (DerivationRef("criterion_ratio", CB),), expression=derived_text("criterion_ratio"),
              assumptions=("the tangent training converges to w*", "the two stated approximations",
                           "T_f(w0) = f(w0) by (2) (silent)", "the factor 1/2 of the Taylor remainder dropped in '<<'")),
        Entry(f"{CB}/section-4.1-scaling-factor", "Section 4.1, 'Scaling factor'", "for alpha f with ||f(w0)|| = "
              "O(1/alpha), the left-hand side of (7) does not grow with alpha while the right-hand side is proportional to "
              "alpha: one is bound to reach the lazy regime when alpha is large", "verified",
              (DerivationRef("criterion_ratio"),), assumptions=("alpha > 0", "||f(w0)|| = O(1/alpha)",
                                                                "a fixed target, so ||ybar*|| stays bounded (silent)")),
        Entry(f"{CB}/section-4.2.1-derivative-homogeneity", "Section 4.2.1", "the i-th derivative of a q-homogeneous "
              "function is (q - i)-homogeneous", "verified", (DerivationRef("derivative_homogeneity", CB),),
              expression=derived_text("derivative_homogeneity"),
              assumptions=("f(lam w) = lam^q f(w) for all lam > 0", "f i times differentiable away from 0 (silent)")),
        Entry(f"{CB}/figure-5-tau-squared-is-alpha", "Figure 5 caption and Section 4.2.1", "in this 2-homogeneous setting, "
              "changing tau^2 is equivalent to changing alpha by the same amount", "verified",
              (DerivationRef("relu_tau_squared", CB), DerivationRef("homogeneous_time_change")),
              expression=derived_text("relu_tau_squared"),
              assumptions=("f(w, x) = sum_j b_j max(a_j . x, 0)", "initialization tau z, z fixed (or fixed in law)"),
              reading="'equivalent' as in Section 4.2.1: the same path up to a change of time"),
        Entry(f"{CB}/section-4.2.2-identity-init-variance", "Section 4.2.2", "E||f(w0)||^2 = m alpha(m)^2 E||Phi(theta)||^2",
              "verified", (DerivationRef("wide_init_variance", CB),), expression=derived_text("wide_init_variance"),
              assumptions=WIDE + WIDE_INIT),
        Entry(f"{CB}/section-4.2.2-identity-jacobian", "Section 4.2.2", "E||Df_w0||^2 = m alpha(m)^2 E||DPhi_theta||^2",
              "verified", (DerivationRef("wide_jacobian_norm", CB),
                           StudyRef("Phi = ((theta1^2 - 1)/2, (theta2^2 - 1)/2), m = 2000", wide.jacobian_norm_claim)),
              expression=derived_text("wide_jacobian_norm"), assumptions=WIDE + WIDE_INIT[:1],
              reading="the norm of the derivatives is the Hilbert-Schmidt norm (then the identity holds draw by draw); "
                      "with the operator norm it is only an upper bound, off by 1 + 2/pi on the study's Phi"),
        Entry(f"{CB}/section-4.2.2-identity-lipschitz", "Section 4.2.2", "L_Df = alpha(m) L_DPhi", "verified",
              (DerivationRef("wide_lipschitz", CB), StudyRef("Phi = ((theta1^2 - 1)/2, (theta2^2 - 1)/2), m = 50",
                                                             wide.lipschitz_claim)),
              expression=derived_text("wide_lipschitz"),
              assumptions=WIDE + ("operator norm (footnote 6), Euclidean norm on w",)),
        Entry(f"{CB}/section-4.2.2-criterion-terms", "Section 4.2.2", "E||T_f(w*) - f(w0)|| <~ max{1, sqrt(m) alpha(m)} "
              "and E||Df_w0||^2/L_Df ~ m alpha(m): the criterion (7) is satisfied as m grows if m alpha(m) -> oo",
              "verified", (DerivationRef("wide_criterion_exponent", CB),),
              assumptions=WIDE + WIDE_INIT + ("constants depending on R or Phi hidden", "||T_f(w*)|| = O(1) for a fixed "
                                                                                        "target (silent)"),
              reading="for alpha(m) = m^(-s) the ratio of (7) is min{m alpha, sqrt(m)}, which tends to oo iff s < 1"),
        Entry(f"{CB}/section-4.2.2-du-li-scalings", "Section 4.2.2", "Du et al. consider alpha(m) = 1/sqrt(m); Li et al.'s "
              "initialization with standard deviation 1/sqrt(m) and a 1-homogeneous Phi amounts to the same scaling "
              "alpha(m) = 1/sqrt(m) and leads to lazy training", "verified", (DerivationRef("wide_criterion_exponent"),),
              assumptions=WIDE + ("Phi 1-homogeneous (Li et al.)",),
              reading="Section 4.2.1 defines homogeneity for q >= 2; the identity Phi(theta/sqrt(m)) = Phi(theta)/sqrt(m) "
                      "holds for q = 1 as well, and s = 1/2 < 1 is lazy"),
        Entry(f"{CB}/section-4.2.2-mean-field-vanishing-derivative", "Section 4.2.2, 'Mean-field limit'", "the scaling "
              "alpha(m) = 1/m leads to a vanishing derivative Df_w0 as m -> oo", "verified",
              (DerivationRef("wide_jacobian_norm"),), assumptions=WIDE + WIDE_INIT[:1] + ("alpha(m) = 1/m",),
              reading="in the Hilbert-Schmidt norm, E||Df_w0||^2 = E||DPhi||^2/m -> 0"),
        Entry(f"{CB}/section-4.2.2-metric-rescaling", "Section 4.2.2, 'Mean-field limit'", "this is due to the choice of the "
              "Euclidean metric on R^p, which could be itself scaled by 1/sqrt(m) to give a non-degenerate limit",
              "verified", (DerivationRef("metric_model_scale", CB),
                           StudyRef("ReLU networks, m = 10..1000", wide.metric_kernel_claim)),
              assumptions=WIDE + ("alpha(m) = 1/m",), twins=(f"{CB}/footnote-5-wasserstein-1-over-m",),
              reading="with lengths / sqrt(m), E||Df_w0||'^2 = E||DPhi||^2 and the kernel is the 1/sqrt(m) model's, whose "
                      "limit is non-degenerate (chizat-bach/random-feature-convergence)"),
        Entry(f"{CB}/section-4.2.2-ratio-metric-invariant", "Section 4.2.2, 'Mean-field limit'", "the ratio ||Df_w0||^2/L_Df "
              "is independent of the choice of the scaling of the metric on the space of parameters", "verified",
              (DerivationRef("metric_model_scale"),), assumptions=("the metric c x Euclidean, c > 0 (an isotropic scaling)",),
              reading="under lengths scaled by c, ||Df|| -> ||Df||/c and L_Df -> L_Df/c^2; an anisotropic metric does change "
                      "the ratio"),
    )


def entries() -> tuple[Entry, ...]:
    """chizat-bach's remarks, in the order of the text."""
    return _section_1() + _section_2() + _section_3_1() + _section_3_3() + _section_4()
