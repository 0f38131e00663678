"""The ledger's entries for smith's remarks: the checkable sentences around its main results, in text order.

The main results are in :mod:`proofs_check.ledger.smith`. Each remark's checks are a derivation of
:mod:`symbolic.remarks_smith` (or of the main derivations) and a study of :mod:`proofs_check.studies.remarks`.
"""

from __future__ import annotations

from proofs_check.ledger.entry import DerivationRef, Entry, ProofRef, StudyRef
from proofs_check.studies.remarks import (smith_kernel_limit, smith_lazy_regime, smith_limits, smith_sparse,
                                          smith_structure)

#: smith's Assumption (Section 2, from [2]), the hypotheses of Theorem 2.2 besides h(w0) = 0.
ASSUMPTION = ("h differentiable with a locally Lipschitz differential Dh (Section 2, Assumption)",
              "R : F -> R_+ differentiable with a Lipschitz gradient (Section 2, Assumption)")
#: The hypotheses of smith's Theorem 2.4, as it states them.
THEOREM_2_4 = ("R M-smooth and m-strongly convex with minimizer y*, kappa = M/m",
               "sigma_min, the smallest singular value of Dh(w0)^T, positive", "Dh Lip(Dh)-Lipschitz (globally)",
               "||h(w0)|| <= C0", "alpha > ||y*||/C0")
#: The sparse-regression example of Section 4 (after Woodworth et al.).
SPARSE = ("x ~ N(0, sigma^2 I_d), y = <x, beta*>", "beta*_i = 1/sqrt(d*) for i <= d*, 0 otherwise, d* << d",
          "X beta = y underdetermined (N < d)",
          "silent: Woodworth et al.'s parameterization beta = u*u - v*v, u = v = alpha 1, gradient flow on the square loss")
_LIMITS_REPLAY = "lazycheck verify --claim smith/section-3.1-t-infinity-limits"


def _section_1_and_2(cb: str, sm: str) -> tuple[Entry, ...]:
    return (
        Entry(f"{sm}/section-1-network-nonconvex", "Section 1, first paragraph", "even a network with a single hidden "
              "layer is (highly) nonconvex as a function of its parameters at each fixed input", "verified",
              (DerivationRef("hidden_layer_hessian"),
               StudyRef("one tanh unit, 5 inputs", smith_structure.nonconvex_network_claim)),
              assumptions=("a single hidden layer (here one tanh unit, f = b tanh(a . x))", "a fixed input x != 0"),
              reading="'highly nonconvex' read as 'not convex': at each input the Hessian at (a, b) = 0 has the "
                      "eigenvalues -||x|| and +||x||"),
        Entry(f"{sm}/section-1-zero-init-kernel", "Section 1, second paragraph", "when the network is identically zero "
              "at its initialization, lazy training is a kernel method with feature map the gradient of the network at "
              "its initialization", "verified",
              (DerivationRef("tangent_ode", sm),
               StudyRef("doubled tanh network, tangent limit", smith_kernel_limit.zero_init_claim)),
              assumptions=("f(w0, .) = 0 (the network is identically zero at its initialization)",
                           "lazy regime: the linearized model hbar is trained", "silent: the square loss"),
              reading="the kernel method is the kernel interpolant k(x, X) K^{-1} y* (the limit of the tangent flow); "
                      "with f(w0) != 0 it needs the offset f(w0, x)",
              twins=(f"{cb}/eq-3-tangent-kernel", f"{cb}/section-2.1-output-shift")),
        Entry(f"{sm}/section-2-choice-of-F", "Section 2, third paragraph", "with F = L^2(D_x) for the empirical "
              "distribution D of the data, R(h(w)) = E_D[(y - f(w, x))^2] is the mean-squared error", "verified",
              (DerivationRef("mse_curvature"),),
              assumptions=("data (x_i, y_i), i <= N, x_i in R^d, y_i in R; D their empirical distribution",
                           "D_x the x-marginal of D"),
              reading="L^2(D_x, R^d) read as L^2(D_x, R) (the outputs are real; R^d is the input space); the law "
                      "P((x, y) = (x_1, y_1)) read with a generic (x_j, y_j); 'the Hilbert space of all network "
                      "functions' read as a Hilbert space containing them. On it the MSE is 2-strongly convex and "
                      "2-smooth (kappa = 1), so it meets both texts' assumptions on R"),
        Entry(f"{sm}/section-2-assumption", "Section 2, Assumption (from [2])", "h : R^p -> F is differentiable with a "
              "locally Lipschitz differential Dh (operator norm); R : F -> R_+ is differentiable with a Lipschitz "
              "gradient", "reading", assumptions=ASSUMPTION,
              reading="the hypotheses of Theorem 2.2 (with h(w0) = 0). Unlike chizat-bach's Assumption 3.1 it asks "
                      "only for a locally Lipschitz Dh and no strong convexity of R; Theorem 2.4 adds smoothness, "
                      "m-strong convexity, a globally Lipschitz Dh and sigma_min > 0 (Section 3.2)"),
        Entry(f"{sm}/eq-1-2-linearized-model", "Section 2, (1)-(2)", "hbar(w) = h(w0) + Dh(w0)(w - w0), the first-order "
              "Taylor expansion of h around w0 for each fixed input; its differential is Dh(w0) everywhere", "verified",
              (DerivationRef("tangent_ode", sm), DerivationRef("held_out_bound", sm)),
              assumptions=("h differentiable", "w0 in R^p"), twins=(f"{cb}/eq-2-tangent-model",)),
        Entry(f"{sm}/eq-3-scaled-objectives", "Section 2, (3)", "F_alpha(w) = R(alpha h(w))/alpha^2, Fbar_alpha(w) = "
              "R(alpha hbar(w))/alpha^2", "verified", (DerivationRef("objective_gradient", sm),),
              assumptions=("alpha > 0", "h and R differentiable"), twins=(f"{cb}/eq-5-scaled-objective",)),
        Entry(f"{sm}/section-2-normalization-keeps-minima", "Section 2, after (3)", "the factor 1/alpha^2 is a positive "
              "normalization and does not affect the minima: R(alpha h(w))/alpha^2 and R(alpha h(w)) have the same "
              "minimizers", "verified", (DerivationRef("normalized_minimizers"),), assumptions=("alpha > 0",),
              reading="'minima' as minimizers, as the text's parenthesis says (the minimum values differ by 1/alpha^2)"),
        Entry(f"{sm}/eq-4-gradient-flow", "Section 2, (4)", "w_alpha' = -grad F_alpha(w_alpha), w_alpha(0) = w0 (and "
              "likewise for Fbar_alpha); in F, y' = -Sigma(w(t)) grad R(y)", "verified",
              (DerivationRef("objective_gradient", sm), DerivationRef("predictor_ode", sm)), assumptions=ASSUMPTION,
              twins=(f"{cb}/eq-6-gradient-flow",)),
        Entry(f"{sm}/section-2-forward-euler", "Section 2, after (4)", "forward Euler with step eta on the gradient flow "
              "gives w_alpha(t+1) = w_alpha(t) - eta grad F_alpha(w_alpha(t)), exactly the gradient-descent update",
              "verified", (DerivationRef("forward_euler_step", sm),), assumptions=("eta > 0", "t in N u {0}"),
              reading="w_alpha(t) in the update is the t-th iterate, which approximates the flow (4) at time t eta "
                      "(one step errs by O(eta^2)); it is not the flow at time t, which the text's notation suggests"),
        Entry(f"{sm}/section-2-large-init-lazy", "Section 2, last paragraph", "for a network positively homogeneous in "
              "its weights, taking the initialization scale to infinity makes gradient flow on h equivalent to "
              "gradient flow on the linearized model hbar", "empirical",
              (DerivationRef("homogeneous_time_change"),
               StudyRef("diagonal network over lambda", smith_lazy_regime.large_initialization_claim)),
              assumptions=("h m-positively homogeneous (here m = 2)", "silent: h(w0) = 0 (Theorem 2.2)",
                           "silent, for t >= 0: Theorem 2.4's hypotheses (here R a quadratic, sigma_min > 0)"),
              reading="'equivalent' as a relative gap sup_t ||v - vbar|| / sup_t ||v - v0|| that vanishes, like "
                      "lambda^-2 = 1/alpha, as the scale lambda -> oo",
              twins=(f"{cb}/section-4.2.1-initialization-scale",)),
    )


def _section_3_1(sm: str) -> tuple[Entry, ...]:
    limits = smith_limits.limits_claim
    return (
        Entry(f"{sm}/section-3.1-t-infinity-limits", "Section 3.1, before Theorem 2.2 and after its proof",
              "the t -> oo limit reached by the gradient flow of F_alpha is the same as that of Fbar_alpha in the "
              "alpha -> oo limit, and so are the models alpha h and alpha hbar at those limits", "refuted",
              (DerivationRef("circle_flows"),
               StudyRef("escaping instance, alpha 3..30", limits, ("escape",), replay=_LIMITS_REPLAY),
               StudyRef("wedge instance (R with minimizers), alpha 3..30", limits, ("wedge",), replay=_LIMITS_REPLAY),
               StudyRef("contrast: Theorem 2.4's hypotheses (model case)", limits, ("theorem-2.4",))),
              assumptions=ASSUMPTION + ("h(w0) = 0 (Theorem 2.2)", "silent: both t -> oo limits exist"),
              reading="the hypotheses in force are Theorem 2.2's: smith's Assumption and h(w0) = 0; neither strong "
                      "convexity nor a minimizer of R is assumed before Theorem 2.4. h(w) = (sin w, 1 - cos w), "
                      "w0 = 0 with R_A = (1 - y1)_+^2/2 + sqrt(1 + y2^2) - y2 satisfies all of them and both limits "
                      "exist: lim w_alpha > pi - asin(1/alpha) -> pi, lim wbar_alpha = 1/alpha. With R_B = "
                      "(1 - y1)_+^2/2 + (y2 - 1)^2/2 (convex, with minimizers) the parameter limits agree but the "
                      "predictions do not (alpha h_2 = 1, alpha hbar_2 = 0). Corrected: finite-horizon bounds do not "
                      "let t -> oo and alpha -> oo commute; under Theorem 2.4's hypotheses the limits do agree"),
        Entry(f"{sm}/section-3.1-horizon-dependence", "Section 3.1, after the proof of Theorem 2.2", "the bounds depend "
              "on the horizon T: for large times t a very large alpha is needed to see w_alpha(t) close to "
              "wbar_alpha(t) within a threshold", "verified",
              (DerivationRef("energy_bound", sm), DerivationRef("gronwall_linear", sm),
               StudyRef("escaping instance, alpha 3..30", smith_limits.horizon_claim)),
              assumptions=ASSUMPTION + ("h(w0) = 0 (Theorem 2.2)",),
              reading="the dependence is genuine, not an artifact of the proof: on the escaping instance of "
                      "smith/section-3.1-t-infinity-limits the first time |w - wbar| reaches 1/2 is finite for every "
                      "alpha and grows with alpha ('initialization scale' is the output scale alpha here)"),
        Entry(f"{sm}/section-3.1.1-training-points", "Section 3.1.1", "by Theorem 2.2, for each t, ||alpha f(w_alpha(t), "
              "x_i) - alpha fbar(wbar_alpha(t), x_i)|| is small at the training points as alpha -> oo", "empirical",
              (DerivationRef("pointwise_from_l2"),
               StudyRef("model case, 2 training points", smith_lazy_regime.training_points_claim)),
              assumptions=("f(w, .) : R^d -> R^k, training data (x_i, y_i), i <= N", "F = L^2(D_x), D_x empirical",
                           "the hypotheses of Theorem 2.2"),
              reading="an F-gap of O(1/alpha) is at most sqrt(N) O(1/alpha) at each training point (|g(x_i)| <= "
                      "sqrt(N) ||g||_{L^2(D_x)}, attained)"),
    )


def _section_3_2(cb: str, sm: str) -> tuple[Entry, ...]:
    return (
        Entry(f"{sm}/section-3.2-surjective-finite-dim", "Section 3.2, after Theorem 2.4", "Dh(w0) : R^p -> F can be "
              "surjective only if F is finite-dimensional", "verified",
              (DerivationRef("tangent_map_rank"),
               StudyRef("tanh networks, p = 6, N = 4 and 12", smith_structure.image_dimension_claim)),
              assumptions=("Dh(w0) : R^p -> F linear",), reading="rank Dh(w0) <= p, so onto F needs dim F <= p"),
        Entry(f"{sm}/section-3.2-sigma-min-iff-surjective", "Section 3.2, Theorem 2.4 and the remark after it",
              "sigma_min, the smallest singular value of Dh(w0)^T, is positive: this is the assumption that Dh(w0) is "
              "surjective", "verified",
              (DerivationRef("tangent_map_rank"), StudyRef("random 3 x 5 Jacobians", smith_structure.sigma_min_claim)),
              assumptions=("dim F = n <= p",),
              reading="sigma_min(Dh^T) = inf_{||f|| = 1} ||Dh(w0)^T f||; the transpose matters: the smallest singular "
                      "value of Dh(w0) as a map of R^p vanishes whenever p > n"),
        Entry(f"{sm}/section-3.2-unique-minimizer", "Section 3.2, after Theorem 2.4", "since R is m-strongly convex, "
              "its minimizer y* is unique", "verified", (DerivationRef("strong_convexity_uniqueness"),),
              assumptions=("R m-strongly convex, m > 0", "R has a minimizer y*")),
        Entry(f"{sm}/section-3.2-nonconvex-objective", "Section 3.2, after Theorem 2.4", "the objective F_alpha is not "
              "necessarily convex (yet the flow reaches the global minimum of R)", "verified",
              (DerivationRef("nonconvex_lazy_objective"),), assumptions=THEOREM_2_4 + ("h(w0) = 0",),
              reading="an instance meeting every hypothesis of Theorem 2.4 with a nonconvex F_alpha: h = w + sin(w)/2, "
                      "R = (y - 1)^2/2, alpha = 8 > ||y*||/C0 = 64/9"),
        Entry(f"{sm}/section-3.2-uniform-extension", "Section 3.2, after Theorem 2.4", "Theorem 2.4 relaxes each of the "
              "bounds of Theorem 2.2 to be uniform in time t >= 0", "empirical",
              (StudyRef("model case, t in [0, 30]", smith_lazy_regime.uniform_extension_claim),),
              assumptions=THEOREM_2_4 + ("h(w0) = 0",),
              reading="uniform in t at the rates of Theorem 2.4: O(1/alpha), O(1/alpha) and O(log alpha/alpha^2); "
                      "the parameter gap keeps the log factor that Theorem 2.2's O(1/alpha^2) does not have"),
        Entry(f"{sm}/theorem-2.4/kernel-floor", "Section 3.2, proof of Theorem 2.4", "for all w in B_r0(w0), "
              "Sigma(w) >= (3/4) sigma_min^2 Id, r0 = sigma_min/(2 Lip(Dh))", "refuted",
              (ProofRef(f"{sm}/theorem-2.4", ("3",)), DerivationRef("kernel_floor", sm)),
              assumptions=THEOREM_2_4[1:3] + ("||w - w0|| <= r0 = sigma_min/(2 Lip(Dh))",),
              reading="the first display uses ||a - b||^2 >= | ||a||^2 - ||b||^2 |, which is false; f(w) = sigma_min "
                      "w - Lip(Dh) w^2/2 has Sigma = sigma_min^2/4 at ||w - w0|| = r0. The floor is 1/4 (chizat-bach), "
                      "with which smith's later constants still hold",
              twins=(f"{cb}/theorem-3.2/radius-r0",)),
        Entry(f"{sm}/theorem-2.4/init-alpha-w0", "Section 3.2, proof of Theorem 2.4", "the gradient flow path of F_alpha "
              "remains asymptotically fixed at its initialization w_alpha(0) = alpha w0, uniformly in t >= 0",
              "verified", (DerivationRef("displacement_radius", sm),
                           StudyRef("translated model case, anchor w0", smith_lazy_regime.initialization_claim)),
              assumptions=THEOREM_2_4 + ("h(w0) = 0",),
              reading="alpha w0 is a slip for w0: the display just above bounds ||w_alpha(t) - w0|| and (4) starts "
                      "the flow at w0 (the slip of Section 3.1's summary, smith/section-3.1-initialization-scale). "
                      "The literal anchor alpha w0 fails for w0 != 0, already at t = 0"),
    )


def _section_4(cb: str, sm: str) -> tuple[Entry, ...]:
    return (
        Entry(f"{sm}/section-4-representer-form", "Section 4, first paragraph", "as alpha -> oo the flow's limit "
              "w*_alpha satisfies alpha f(w*_alpha, x) = sum_i beta_i K(x_i, x), K(x, x') = <grad_w f(w0, x), grad_w "
              "f(w0, x')> the neural tangent kernel", "empirical",
              (StudyRef("doubled tanh network, tangent limit", smith_kernel_limit.zero_init_claim),
               StudyRef("doubled tanh network over alpha", smith_kernel_limit.representer_claim)),
              assumptions=THEOREM_2_4 + ("the square loss on the training data", "silent: h(w0) = 0 (Section 1)",
                                         "alpha -> oo"),
              reading="beta = K(X, X)^{-1} y*: the limit of the tangent flow is exactly this kernel interpolant, and "
                      "the lazy limit approaches it at held-out inputs",
              twins=(f"{cb}/eq-3-tangent-kernel",)),
        Entry(f"{sm}/section-4-ntk-l2-kernel", "Section 4, second paragraph", "for Woodworth et al.'s problem the "
              "neural tangent kernel is proportional to the l^2 kernel", "verified",
              (DerivationRef("diagonal_tangent_kernel"),
               StudyRef("diagonal network, alpha 0.1..10", smith_structure.diagonal_kernel_claim)),
              assumptions=SPARSE[3:], reading="K(x, x') = 8 alpha^2 x . x' at u = v = alpha 1; a non-uniform "
                                               "initialization gives a weighted kernel"),
        Entry(f"{sm}/section-4-lazy-not-sparse", "Section 4, third paragraph", "for the sparse example, lazy training "
              "alpha -> oo would not result in a sparse solution vector beta", "verified",
              (StudyRef("minimum-l2 interpolator, 100 draws", smith_sparse.dense_claim),), assumptions=SPARSE,
              reading="the lazy limit is the minimum-l2 interpolator (smith/section-4-woodworth-l2), whose d "
                      "coordinates are all non-zero almost surely"),
        Entry(f"{sm}/section-4-rich-attains-sparse", "Section 4, third paragraph", "training far from the lazy limit, "
              "alpha -> 0, would attain the sparse solution beta*", "empirical",
              (StudyRef("minimum-l1 interpolator and the flow, N = 20", smith_sparse.rich_recovery_claim),),
              assumptions=SPARSE,
              reading="with enough samples, the regime of the cited experiments (e.g. N >= 2 d* log(d/d*); lazycheck's "
                      "protocol has N = 20 >= 15.5 for d = 40, d* = 3): the alpha -> 0 limit, the minimum-l1 "
                      "interpolator, is then beta* with high probability. With N < d* it cannot be beta* (it has at "
                      "most N non-zero coordinates)"),
        Entry(f"{sm}/section-4-relu-not-differentiable", "Section 4, last paragraph", "applying ReLU component-wise to "
              "each hidden layer gives a network function that is not differentiable in its weights", "verified",
              (DerivationRef("relu_one_sided"),), assumptions=("ReLU activation max{0, s}",),
              reading="not everywhere differentiable: b max(a . x, 0) has one-sided derivatives b ||x||^2 and 0 at "
                      "a . x = 0 (tanh passes the same test)"),
        Entry(f"{sm}/section-4-readings", "Sections 1, 3.1 and 4", "citations and motivation: 'it cannot generally be "
              "true that networks are trained in the lazy regime' (1); Sigma(w) defines the quadratic form f -> "
              "f Sigma(w) f (3.1); Jacot et al.'s width limit differs (4); a kernel predictor uses a fixed set of "
              "features and may generalize poorly (4); experiments suggest implicit l1 regularization as alpha -> 0 "
              "(4); the uniform-time bounds need exceedingly strong assumptions (4)", "reading",
              reading="no checkable assertion beyond the entries above: the quadratic form is <f, Sigma(w) f> = "
                      "||Dh(w)^T f||^2 >= 0; the sparse example is smith/section-4-sparse-generalization; the strong "
                      "assumptions are those of Theorem 2.4 (smith/section-3.2-nonconvex-objective shows one instance)"),
    )


def entries() -> tuple[Entry, ...]:
    """smith's remarks, in the order of the text."""
    cb, sm = "chizat-bach", "smith"
    return _section_1_and_2(cb, sm) + _section_3_1(sm) + _section_3_2(cb, sm) + _section_4(cb, sm)
