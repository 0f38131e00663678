"""The ledger's entries for smith, in text order; each links its chizat-bach twin."""

from __future__ import annotations

from proofs_check.ledger.chizat_bach import LAZY, LEMMA, STABILITY
from proofs_check.ledger.entry import DerivationRef, Entry, MeasureRef, NumericRef, ProofRef, StudyRef, derived_text
from proofs_check.studies import finite_time, network, scaling, sparse


#: Woodworth et al.'s sparse regression setting, as smith Section 4 states it.
WOODWORTH = ("beta = u o u - v o v (Woodworth et al.'s parameterization), u = v = alpha 1 at initialization",
             "X beta = y underdetermined", "gradient flow on the square loss")


def entries() -> tuple[Entry, ...]:
    """smith's entries, in the order of the text."""
    cb, sm = "chizat-bach", "smith"
    return (
        Entry(f"{sm}/lemma-B.1", "Section 3.2, Lemma B.1", "||y(t) - y*|| <= (M/m)^{1/2} ||y(0) - y*|| exp(-m lam t)",
              "verified", (DerivationRef("lemma_3_3_bound", sm), NumericRef(f"{cb}/lemma-3.3")),
              expression=derived_text("lemma_3_3_bound"), assumptions=LEMMA, twins=(f"{cb}/lemma-3.3",)),
        Entry(f"{sm}/lemma-B.2", "Section 3.2, Lemma B.2", "||y(t) - ybar(t)|| <= K ||Sigma(0)||^{1/2}/(lam^{3/2} m)",
              "verified", (DerivationRef("stability_bound", sm), NumericRef(f"{cb}/lemma-A.1")),
              expression=derived_text("stability_bound"), assumptions=STABILITY, twins=(f"{cb}/lemma-A.1",)),
        Entry(f"{sm}/theorem-2.2", "Section 3.1, Theorem 2.2", "finite horizon, h(w0) = 0: sup ||w - w0|| = O(1/alpha), "
              "||w - wbar|| = O(1/alpha^2), ||alpha h(w) - alpha hbar(wbar)|| = O(1/alpha)", "empirical",
              (ProofRef(f"{sm}/theorem-2.2"), MeasureRef(f"{sm}/theorem-2.2", "16"),
               MeasureRef(f"{sm}/theorem-2.2", "16b"), MeasureRef(f"{sm}/theorem-2.2", "16c"),
               StudyRef("tanh network, T = 10", finite_time.finite_horizon_claim)),
              assumptions=("h(w0) = 0", "Dh locally Lipschitz", "R : F -> R_+ differentiable with Lipschitz gradient", "a fixed horizon T > 0")),
        Entry(f"{sm}/theorem-2.2/displacement-bound", "Section 3.1, proof of Theorem 2.2",
              "sup_{t<=T} ||w(t) - w0|| <= (1/alpha) (T R(alpha h(w0)))^{1/2}", "verified",
              (ProofRef(f"{sm}/theorem-2.2", ("1", "2", "3", "4", "4b")),),
              assumptions=("h(w0) = 0", "R >= 0 (R : F -> R_+)", "t <= T")),
        Entry(f"{sm}/theorem-2.2/lip-sigma", "Section 3.1, proof of Theorem 2.2", "Lip(Sigma) <= 2 Lip(h) Lip(Dh)",
              "verified", (DerivationRef("lip_sigma", sm),), expression=derived_text("lip_sigma"),
              assumptions=("h Lip(h)-Lipschitz and Dh Lip(Dh)-Lipschitz on the ball B_eps(w0)",)),
        Entry(f"{sm}/theorem-2.2/gronwall", "Section 3.1, proof of Theorem 2.2",
              "Delta' <= C1/alpha + C2 Delta, Delta(0) = 0 gives Delta(t) <= (C1/(C2 alpha))(exp(C2 t) - 1)", "verified",
              (DerivationRef("gronwall_linear", sm), ProofRef(f"{sm}/theorem-2.2", ("8", "9", "10"))),
              expression=derived_text("gronwall_linear"),
              assumptions=("Delta(0) = 0", "C1 >= 0, C2 > 0 (the text says C2 >= 0; the formula divides by C2)")),
        Entry(f"{sm}/proposition-A.1", "Section 3.1.1, Proposition A.1", "sup_{x in X} ||alpha f(w(T), x) - alpha "
              "fbar(wbar(T), x)|| <= (log alpha/alpha)(C1 M1 + C2^2 M2 log alpha/2) -> 0", "verified",
              (ProofRef(f"{sm}/proposition-A.1"),
               StudyRef("tanh network, 30 held-out inputs", finite_time.held_out_claim)),
              assumptions=("||w(T) - wbar(T)|| <= C1 log(alpha)/alpha^2", "||w(T) - w0|| <= C2 log(alpha)/alpha", "M1 := sup_x ||D_w f(w0, x)|| < oo", "M2 := sup_x Lip(w -> D_w f(w, x)) < oo", "alpha -> oo")),
        Entry(f"{sm}/theorem-2.4", "Section 3.2, Theorem 2.4", "uniform-time bounds: linear convergence; with h(w0) = 0 "
              "the O(1/alpha), O(1/alpha), O(log alpha/alpha^2) comparisons", "empirical",
              (ProofRef(f"{sm}/theorem-2.4"), MeasureRef(f"{sm}/theorem-2.4", "17")),
              assumptions=LAZY + ("R with minimizer y*, kappa := M/m", "Lip(Dh) the global Lipschitz constant of Dh", "||h(w0)|| <= C0", "alpha > ||y*||/C0", "h(w0) = 0 for the three O(.) statements"), twins=(f"{cb}/theorem-3.2",)),
        Entry(f"{sm}/theorem-2.4/convergence", "Section 3.2, Theorem 2.4",
              "||alpha h(w(t)) - y*|| <= sqrt(kappa) ||alpha h(w0) - y*|| exp(-m sigma_min^2 t/4)", "verified",
              (DerivationRef("lazy_convergence_bound", sm), ProofRef(f"{sm}/theorem-2.4", ("4", "9", "10", "11"))),
              expression=derived_text("lazy_convergence_bound"), twins=(f"{cb}/theorem-3.2/convergence",),
              assumptions=LAZY + ("||h(w0)|| <= C0", "alpha > ||y*||/C0")),
        Entry(f"{sm}/theorem-2.4/constant-C0", "Section 3.2, Theorem 2.4",
              "C0 = sigma_min^3/(32 kappa^{3/2} ||Dh(w0)|| Lip(Dh)); alpha > ||y*||/C0", "verified",
              (DerivationRef("c0", sm), DerivationRef("alpha_threshold", sm)), expression=derived_text("c0"),
              twins=(f"{cb}/theorem-3.2/constant-M",),
              assumptions=LAZY + ("kappa := M/m",)),
        Entry(f"{sm}/theorem-2.4/laziness", "Section 3.2, Theorem 2.4", "with h(w0) = 0: sup ||w(t) - w0|| = O(1/alpha)",
              "empirical", (ProofRef(f"{sm}/theorem-2.4", ("12",)), MeasureRef(f"{cb}/theorem-3.2", "11", corrected=True),
                            StudyRef("tanh network", network.rate_claim, ("displacement",))),
              twins=(f"{cb}/theorem-3.2/laziness",),
              assumptions=LAZY + ("||h(w0)|| <= C0", "alpha > ||y*||/C0", "h(w0) = 0", "alpha -> oo")),
        Entry(f"{sm}/theorem-2.4/prediction-gap", "Section 3.2, Theorem 2.4",
              "with h(w0) = 0: sup ||y(t) - ybar(t)|| = O(1/alpha)", "empirical",
              (ProofRef(f"{sm}/theorem-2.4", ("13", "14")), MeasureRef(f"{cb}/theorem-3.2", "13", corrected=True)),
              twins=(f"{cb}/theorem-3.2/prediction-gap",),
              assumptions=LAZY + ("||h(w0)|| <= C0", "alpha > ||y*||/C0", "h(w0) = 0", "alpha -> oo")),
        Entry(f"{sm}/theorem-2.4/parameter-gap", "Section 3.2, Theorem 2.4",
              "with h(w0) = 0: sup ||w(t) - wbar(t)|| = O(log alpha/alpha^2)", "empirical",
              (ProofRef(f"{sm}/theorem-2.4", ("15",)), MeasureRef(f"{sm}/theorem-2.4", "16"),
               MeasureRef(f"{sm}/theorem-2.4", "17")), twins=(f"{cb}/theorem-3.2/parameter-gap",),
              assumptions=LAZY + ("||h(w0)|| <= C0", "alpha > ||y*||/C0", "h(w0) = 0", "alpha -> oo")),
        Entry(f"{sm}/section-2-homogeneous-scaling", "Section 2", "for an m-homogeneous h, scaling the output by alpha is "
              "equivalent to scaling the weights by alpha^{1/m}: the gradient flow on R(alpha h(w))/alpha^2 from w0 "
              "is equivalent to the gradient flow on R(h(w))/alpha^2 from alpha^{1/m} w0", "verified",
              (DerivationRef("homogeneous_time_change"), ProofRef(f"{sm}/section-2-homogeneous-scaling"),
               StudyRef("diagonal network over alpha", scaling.time_change_claim)),
              expression=derived_text("homogeneous_time_change"), assumptions=("h m-positive homogeneous", "alpha > 0"),
              reading="'equivalent' as the same path up to the time change t -> alpha^{2/m} t: alpha^{1/m} w(t) = "
                      "vtilde(alpha^{2/m} t) (the text never says the flows agree at equal times; they do not, "
                      "lazycheck/homogeneous-scaling-equal-times)",
              twins=(f"{cb}/section-4.2.1-initialization-scale",)),
        Entry("lazycheck/homogeneous-scaling-equal-times", "lazycheck, on smith Section 2 and chizat-bach 4.2.1",
              "for alpha != 1 the two flows of smith Section 2 differ at equal times: alpha^{1/m} w(t) != vtilde(t)",
              "verified", (StudyRef("diagonal network, c = 1", scaling.equal_times_claim),),
              assumptions=("h m-positive homogeneous", "alpha > 1")),
        Entry(f"{sm}/section-3.1-initialization-scale", "Section 3.1, closing summary", "for a positive homogeneous "
              "h, lazy training occurs when the scale of the initialization w_alpha(0) = alpha w0 grows to infinity",
              "verified", (ProofRef(f"{sm}/section-2-homogeneous-scaling", ("4",)),
                           StudyRef("diagonal network over alpha", scaling.time_change_claim)),
              assumptions=("h m-positive homogeneous",),
              reading="alpha is the initialization's scale here: the initialization alpha w0 is the output scale "
                      "alpha^m (h(alpha w) = alpha^m h(w), Section 2), which grows to infinity with alpha",
              twins=(f"{cb}/section-4.2.1-initialization-scale",)),
        Entry(f"{sm}/section-4-woodworth-l2", "Section 4", "sparse regression: the diagonal network's flow tends to the "
              "minimum-l2 interpolator as alpha -> oo", "empirical",
              (StudyRef("diagonal network over scales", sparse.limit_claim, ("l2", "lazy")),),
              assumptions=WOODWORTH + ("alpha -> oo after t -> oo",)),
        Entry(f"{sm}/section-4-woodworth-l1", "Section 4", "... and to the minimum-l1 interpolator as alpha -> 0",
              "empirical", (StudyRef("diagonal network over scales", sparse.limit_claim, ("l1", "rich")),),
              assumptions=WOODWORTH + ("alpha -> 0 after t -> oo",)),
        Entry(f"{sm}/section-4-sparse-generalization", "Section 4", "lazy training generalizes poorly on sparse ground "
              "truth (beta*_i = 1/sqrt(d*) for i <= d*)", "empirical",
              (StudyRef("test error by scale", sparse.generalization_claim),),
              assumptions=("x ~ N(0, sigma^2 I_d)", "y = <x, beta*>", "beta*_i = 1/sqrt(d*) for i <= d*, 0 otherwise", "d* << d")),
    )
