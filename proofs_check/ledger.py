"""The claims ledger: every result of both texts, its checks, its status and expected status.

An :class:`Entry` names a claim of chizat-bach or smith (stable id, location, statement,
assumptions, twins) and the checks that apply to it:

- :class:`DerivationRef`: a derivation of symbolic/ whose steps all verify and which
  agrees with the text's statement as written;
- :class:`ProofRef`: steps of a proof chain (``lazycheck proof``); a failing step refutes
  the claim (for a whole theorem, only a failing step whose conclusion does not survive);
- :class:`NumericRef`: a numeric claim searched adversarially (``proofs_check.claims``);
- :class:`MeasureRef`: an O(.) rate measured across alpha (a RateCheck step of a chain).

Status: ``verified`` (every check passes), ``refuted`` (a counterexample exists, linked to
its erratum), ``empirical`` (a rate or qualitative statement, measured), or ``pending``
(owned by a later issue, named). The expected status is part of each entry, so that
``lazycheck verify`` detects a regression.
"""

from __future__ import annotations

import fnmatch
import time
from dataclasses import dataclass, field
from functools import lru_cache

from proofs_check.chain import run_step
from proofs_check.claims import NUMERIC_CLAIMS, run_claim
from proofs_check.proofs import proof, run_proof
from symbolic import derive

STATUSES = ("verified", "refuted", "empirical", "pending")


@dataclass(frozen=True)
class DerivationRef:
    name: str
    text: str | None = None
    kind = "derivation"

    def run(self, **_) -> dict:
        derivation = derive(self.name)
        agrees = True if self.text is None else derivation.agrees_with.get(self.text, False)
        ok = derivation.ok and agrees
        detail = f"{self.name}: {sum(s.ok for s in derivation.steps)}/{len(derivation.steps)} steps verified"
        if self.text is not None:
            detail += f", {'agrees' if agrees else 'DIFFERS'} with {self.text} as written"
        return {"kind": self.kind, "ref": self.name, "ok": ok, "detail": detail}


@dataclass(frozen=True)
class ProofRef:
    proof_id: str
    steps: tuple[str, ...] = ()
    kind = "proof"

    def run(self, **_) -> dict:
        report = run_proof(self.proof_id)
        chosen = [r for r in report.results if not self.steps or r.step.label in self.steps]
        if self.steps:
            failing = [r for r in chosen if r.status == "fails"]
        else:
            failing = [r for r in chosen if r.status == "fails" and not r.step.survives]
        errata = [f"{self.proof_id}/step-{r.step.label}" for r in failing]
        counts = {s: sum(r.status == s for r in chosen) for s in ("holds", "gap", "fails")}
        detail = f"{self.proof_id}{' steps ' + ','.join(self.steps) if self.steps else ''}: " + \
                 ", ".join(f"{n} {s}" for s, n in counts.items() if n)
        return {"kind": self.kind, "ref": self.proof_id, "ok": not failing, "detail": detail, "errata": errata,
                "counterexample": "; ".join(r.outcome.counterexample for r in failing) or None,
                "replay": [f"lazycheck proof {self.proof_id} --step {r.step.label}" for r in failing]}


@dataclass(frozen=True)
class NumericRef:
    """A numeric claim of proofs_check.claims; twin entries (chizat-bach and smith) share one search per run."""

    claim_id: str
    kind = "numeric"

    def run(self, *, max_examples: int, seed: int | None) -> dict:
        report = _numeric_report(self.claim_id, max_examples, seed)
        counterexample = report["counterexample"]
        return {"kind": self.kind, "ref": self.claim_id, "ok": report["status"] == "holds",
                "detail": f"worst ratio {report['worst_ratio']:.6g} over {max_examples} instances; "
                          f"witness ratio {report['witness_ratio']:.6g}",
                "worst_ratio": report["worst_ratio"], "witness_ratio": report["witness_ratio"],
                "counterexample": None if counterexample is None else counterexample["result"],
                "replay": [] if counterexample is None else [counterexample["replay"]]}


@lru_cache(maxsize=None)
def _numeric_report(claim_id: str, max_examples: int, seed: int | None) -> dict:
    (claim,) = [c for c in NUMERIC_CLAIMS if c.id == claim_id]
    return run_claim(claim, max_examples=max_examples, seed=seed)


@dataclass(frozen=True)
class MeasureRef:
    """An O(.) rate measured by a step of a chain (its corrected check when ``corrected``)."""

    proof_id: str
    step: str
    corrected: bool = False
    kind = "measured"

    def run(self, **_) -> dict:
        (step,) = [s for s in proof(self.proof_id).steps if s.label == self.step]
        outcome = step.corrected.run() if self.corrected else run_step(step).outcome
        return {"kind": self.kind, "ref": f"{self.proof_id} step {self.step}", "ok": outcome.ok,
                "detail": outcome.detail, "counterexample": outcome.counterexample or None}


@dataclass(frozen=True)
class FunctionRef:
    """A numeric check given as a function () -> (ok, detail); ``measured`` for an empirical rate; ``replay``: the
    command that reproduces a failure."""

    name: str
    function: object
    measured: bool = False
    replay: str = ""

    @property
    def kind(self) -> str:
        return "measured" if self.measured else "numeric"

    def run(self, **_) -> dict:
        ok, detail = self.function()
        result = {"kind": self.kind, "ref": self.name, "ok": bool(ok), "detail": detail}
        return result | ({"replay": [self.replay]} if self.replay and not ok else {})


def _measure(module: str, name: str, *arguments):
    """Call proofs_check.<module>.<name>(*arguments), imported only when the entry runs (the sweeps are slow)."""
    import importlib

    return getattr(importlib.import_module(f"proofs_check.{module}"), name)(*arguments)


def _figure(claim_id: str, replay: str = "") -> FunctionRef:
    """A Section 5 claim checked on the committed full-protocol figure data (``lazycheck figures``)."""
    return FunctionRef("figure data in notes/figures", lambda: _measure("figures", "figure_claim", claim_id),
                       measured=True, replay=replay)


def _kernel_checks():
    from proofs_check import kernels

    def decomposition():
        gap = kernels.decomposition_gap()
        return gap < 1e-12, f"max |k^(a) + k^(b) - Df Df'^T| = {gap:.2e} (ReLU, tanh, softplus networks)"

    def quadrature():
        gap = kernels.quadrature_gap()
        return gap < 1e-10, f"closed forms vs 2-d quadrature: max difference {gap:.2e}"

    def monte_carlo():
        study = kernels.monte_carlo_study()
        ok = abs(study["slope"] + 0.5) <= kernels.SLOPE_TOLERANCE
        return ok, (f"RMS error of k_m vs k over m = {study['widths']}: {[round(e, 4) for e in study['rms_errors']]}; "
                    f"log-log slope {study['slope']:+.3f} +- {study['slope_error']:.3f} (expected -1/2)")

    return decomposition, quadrature, monte_carlo


@dataclass(frozen=True)
class Entry:
    """One claim of the ledger."""

    id: str
    location: str
    statement: str
    expected: str
    checks: tuple = ()
    expression: str | None = None
    assumptions: tuple[str, ...] = ()
    twins: tuple[str, ...] = ()
    pending: str = ""

    @property
    def text(self) -> str:
        return self.id.split("/")[0]


def _derived(name: str, specialized: bool = True) -> str:
    derivation = derive(name)
    return str(derivation.specialized if specialized and derivation.specialization else derivation.expression)


def _entries() -> tuple[Entry, ...]:
    cb, sm = "chizat-bach", "smith"
    lazy = ("R mu-strongly convex with nu-Lipschitz gradient", "Df L_Df-Lipschitz", "sigma_min > 0")
    lemma = ("F mu-strongly convex, grad F nu-Lipschitz", "Sigma(t) self-adjoint, continuous, Sigma(t) >= lam Id")
    stab = ("R mu-strongly convex", "Sigma(t) >= lam Id")
    decomposition, quadrature, monte_carlo = _kernel_checks()
    return (
        Entry(f"{cb}/eq-2-tangent-model", "Section 2.1, (2)", "T_f(w, x) = f(w0, x) + (w - w0) . grad_w f(w0, x); "
              "the tangent model is affine, D T_f = Df(w0)", "verified", (DerivationRef("tangent_ode"),)),
        Entry(f"{cb}/eq-3-tangent-kernel", "Section 2.1, (3)", "training the tangent model is a kernel method with "
              "k(x, x') = grad f(w0, x) . grad f(w0, x'): in predictor space ybar' = -K grad R(ybar), K = Df Df^T",
              "verified", (DerivationRef("tangent_ode"), FunctionRef("kernel = Jacobian Gram", decomposition))),
        Entry(f"{cb}/tangent-kernel-decomposition", "Section 2.2", "k_m = k_m^(a) + k_m^(b) for the two-layer network",
              "verified", (FunctionRef("k^(a) + k^(b) = Df Df^T", decomposition),)),
        Entry(f"{cb}/eq-4-relu-kernel", "Section 2.2, (4)", "k^(a) = (x.x') E(b^2)(pi - phi)/(2pi), k^(b) = ||x|| ||x'|| "
              "E||a||^2 ((pi - phi) cos phi + sin phi)/(2 pi d) for rotation-invariant weights", "verified",
              (DerivationRef("relu_kernel_a", cb), DerivationRef("relu_kernel_b", cb),
               FunctionRef("2-d quadrature", quadrature)), expression=_derived("relu_kernel_b")),
        Entry(f"{cb}/random-feature-convergence", "Section 2.2", "k_m^(a), k_m^(b) are random feature kernels that "
              "converge to k^(a), k^(b) as m -> oo", "empirical", (FunctionRef("Monte Carlo, m = 100..25600", monte_carlo,
                                                                             measured=True),)),
        Entry(f"{cb}/eq-5-scaled-objective", "Section 3.1, (5)", "F_alpha(w) = R(alpha f(w))/alpha^2 and its gradient "
              "(1/alpha) Df^T grad R(alpha f)", "verified", (DerivationRef("objective_gradient", cb),)),
        Entry(f"{cb}/eq-6-gradient-flow", "Section 3.1, (6)", "w' = -(1/alpha) Df_w^T grad R(alpha f(w)); in predictor "
              "space d/dt alpha f(w(t)) = -Df Df^T grad R(alpha f)", "verified",
              (DerivationRef("objective_gradient", cb), DerivationRef("predictor_ode", cb)),
              expression=_derived("predictor_ode")),
        Entry(f"{cb}/tangent-flow-laziness", "Section 3.1", "the tangent flow converges linearly; if f(w0) = 0, "
              "sup ||wbar(t) - w0|| = O(1/alpha)", "empirical",
              (FunctionRef("tanh network, closed form", lambda: _measure("theorems", "tangent_laziness_claim"), measured=True),)),
        Entry(f"{cb}/lemma-3.3", "Section 3.2, Lemma 3.3", "||y(t) - y*|| <= (nu/mu)^{1/2} ||y(0) - y*|| exp(-mu lam t)",
              "verified", (DerivationRef("lemma_3_3_bound", cb), ProofRef(f"{cb}/lemma-3.3"),
                           NumericRef(f"{cb}/lemma-3.3")),
              expression=_derived("lemma_3_3_bound"), assumptions=lemma, twins=(f"{sm}/lemma-B.1",)),
        Entry(f"{cb}/lemma-A.1", "Appendix A, Lemma A.1", "||y(t) - ybar(t)|| <= K ||Sigma(0)||^{1/2}/(lam^{3/2} mu)",
              "verified", (DerivationRef("stability_bound", cb), ProofRef(f"{cb}/lemma-A.1"),
                           NumericRef(f"{cb}/lemma-A.1")),
              expression=_derived("stability_bound"), assumptions=stab, twins=(f"{sm}/lemma-B.2",)),
        Entry("lazycheck/stability-time-dependent", "lazycheck, derived from the proof of chizat-bach Lemma A.1",
              "||y(t) - ybar(t)|| <= K ||Sigma(0)||^{1/2} (1 - exp(-lam mu t))/(lam^{3/2} mu)", "verified",
              (DerivationRef("stability_bound_time_dependent"), NumericRef("lazycheck/stability-time-dependent")),
              expression=_derived("stability_bound_time_dependent"), assumptions=stab),
        Entry(f"{cb}/theorem-3.2", "Section 3.2, Theorem 3.2", "over-parameterized lazy training: linear convergence "
              "for alpha > ||f*||/M, laziness and comparison with the tangent flow as alpha -> oo", "refuted",
              (ProofRef(f"{cb}/theorem-3.2"),), assumptions=lazy + ("||f(w0)|| <= M", "alpha > ||f*||/M"),
              twins=(f"{sm}/theorem-2.4",)),
        Entry(f"{cb}/theorem-3.2/convergence", "Section 3.2, Theorem 3.2",
              "||alpha f(w(t)) - f*|| <= sqrt(kappa) ||alpha f(w0) - f*|| exp(-mu sigma_min^2 t/4)", "verified",
              (DerivationRef("lazy_convergence_bound", cb), DerivationRef("kernel_floor", cb),
               ProofRef(f"{cb}/theorem-3.2", ("1", "2", "3", "4", "5", "6", "8", "9", "10")),
               FunctionRef("the model's own constants", lambda: _measure("theorems", "own_constants_claim"))),
              expression=_derived("lazy_convergence_bound"), assumptions=lazy, twins=(f"{sm}/theorem-2.4/convergence",)),
        Entry(f"{cb}/theorem-3.2/constant-M", "Section 3.2, Theorem 3.2",
              "M = sigma_min^3/(32 kappa^{3/2} ||Df_w0|| L_Df); alpha > ||f*||/M", "verified",
              (DerivationRef("c0", cb), DerivationRef("alpha_threshold", cb), DerivationRef("r0", cb)),
              expression=_derived("c0"), twins=(f"{sm}/theorem-2.4/constant-C0",)),
        Entry(f"{cb}/theorem-3.2/radius-r0", "Section 3.2, proof of Theorem 3.2",
              "r0 = sigma_min/(2 L_Df): on B(w0, r0), Df_w Df_w^T >= sigma_min^2 Id / 4", "verified",
              (DerivationRef("r0", cb), DerivationRef("kernel_floor", cb),
               ProofRef(f"{cb}/theorem-3.2", ("2", "3"))), expression=_derived("r0")),
        Entry(f"{cb}/theorem-3.2/laziness", "Section 3.2, Theorem 3.2", "sup_t ||w(t) - w0|| = O(1/alpha) as alpha -> oo "
              "(f(w0) not assumed 0)", "refuted", (ProofRef(f"{cb}/theorem-3.2", ("11",)),), assumptions=lazy,
              twins=(f"{sm}/theorem-2.4/laziness",)),
        Entry(f"{cb}/theorem-3.2/prediction-gap", "Section 3.2, Theorem 3.2",
              "sup_t ||alpha f(w(t)) - alpha T_f(wbar(t))|| = O(1/alpha)", "empirical",
              (MeasureRef(f"{cb}/theorem-3.2", "13"), MeasureRef(f"{cb}/theorem-3.2", "12"),
               FunctionRef("tanh network", lambda: _measure("theorems", "rate_claim", "prediction_gap"), measured=True)),
              twins=(f"{sm}/theorem-2.4/prediction-gap",)),
        Entry(f"{cb}/theorem-3.2/parameter-gap", "Section 3.2, Theorem 3.2",
              "sup_t ||w(t) - wbar(t)|| = O(log(alpha)/alpha^2)", "empirical",
              (DerivationRef("t0", cb), MeasureRef(f"{cb}/theorem-3.2", "15"),
               FunctionRef("tanh network", lambda: _measure("theorems", "rate_claim", "parameter_gap"), measured=True)),
              twins=(f"{sm}/theorem-2.4/parameter-gap",)),
        Entry("lazycheck/doubling-prediction-gap", "lazycheck, on chizat-bach Theorem 3.2 with the doubling trick",
              "with the doubling trick, sup_t ||alpha f(w(t)) - alpha T_f(wbar(t))|| = O(1/alpha^2): the O(1/alpha) of "
              "the theorem is not tight there", "empirical",
              (FunctionRef("tanh network, doubled", lambda: _measure("theorems", "doubling_claim"), measured=True),)),
        Entry(f"{cb}/theorem-3.4", "Section 3.3, Theorem 3.4 and Appendix B", "under-parameterized lazy training: "
              "geometric convergence to a local minimum, rate asymptotically independent of alpha", "empirical",
              tuple(FunctionRef(f"{label}, {model}", lambda c=case, f=function: _measure("underparameterized", f, c),
                                measured=True)
                    for function, label in (("convergence_claim", "geometric convergence"),
                                            ("rate_independence_claim", "rate vs alpha"))
                    for case, model in (("curve", "returning curve, p = 1 < n = 2"),
                                        ("network", "centered tanh network, p = 15 < n = 40"))),
              assumptions=("f(w0) = 0", "rank Df constant near w0", "alpha >= alpha0")),
        Entry(f"{cb}/theorem-3.4/not-global", "Section 3.3, after Theorem 3.4", "in the under-parameterized case "
              "the limit is in general not a global minimum", "verified",
              (FunctionRef("returning curve, an explicit far point",
                           lambda: _measure("underparameterized", "not_global_claim")),)),
        Entry(f"{cb}/eq-7-criterion", "Section 4.1, (7)", "lazy training occurs if ||T_f(w*) - f(w0)|| << "
              "||Df_w0||^2/L_Df", "empirical",
              (FunctionRef("criterion vs tangent displacement over tau", lambda: _measure("scaling", "criterion_claim"),
                           measured=True),)),
        Entry(f"{cb}/section-4.2.1-homogeneous", "Section 4.2.1", "scaling a q-homogeneous model's initialization by "
              "lam multiplies the ratio of (7) by lam^q", "verified",
              (DerivationRef("criterion_homogeneity", cb),
               FunctionRef("2-homogeneous ReLU network", lambda: _measure("scaling", "homogeneity_claim"))),
              expression=_derived("criterion_homogeneity")),
        Entry(f"{cb}/section-4.2.2-wide-networks", "Section 4.2.2", "the ratio of (7) grows like m alpha(m): lazy for "
              "alpha(m) = 1/sqrt(m)", "empirical",
              (FunctionRef("tanh networks over widths m", lambda: _measure("scaling", "width_claim", "sqrt", 0.5), measured=True),)),
        Entry(f"{cb}/section-4.2.2-mean-field", "Section 4.2.2", "alpha(m) = 1/m keeps ||Df_w0||^2/L_Df of order 1 "
              "(mean-field limit)", "empirical",
              (FunctionRef("tanh networks over widths m", lambda: _measure("scaling", "width_claim", "mean", 0.0), measured=True),)),
        Entry(f"{cb}/section-5-figure-1c", "Section 5, Figure 1(c)", "test error worsens as tau grows and plateaus at "
              "the tangent-kernel method's error", "empirical", (_figure(f"{cb}/section-5-figure-1c"),)),
        Entry(f"{cb}/section-5-lazy-displacement", "Section 1 and 5, Figure 1", "in lazy runs the relative displacement "
              "of the weights shrinks as tau grows (like tau^-2: tau^2 plays the role of alpha, Section 4.2.1)",
              "empirical", (_figure(f"{cb}/section-5-lazy-displacement"),)),
        Entry(f"{cb}/section-5-figure-5", "Section 5, Figure 5", "with more neurons, lazy for large tau; without the "
              "doubling trick neurons move slightly more", "empirical", (_figure(f"{cb}/section-5-figure-5"),)),
        Entry(f"{cb}/section-5-figure-6a", "Section 5, Figure 6(a)", "the error grows with m for alpha = 1/sqrt(m), "
              "not for alpha = 1/m (not reproduced by lazycheck's protocol, tau = 0.3 and tau = 1: under 1/sqrt(m) "
              "the error falls with m, towards the limit kernel's)", "refuted",
              (_figure(f"{cb}/section-5-figure-6a", replay="lazycheck figures --only figure-6a"),)),
        Entry(f"{cb}/section-5-figure-6a-contrast", "Section 5, Figure 6(a)", "for large m the scaling alpha = 1/m "
              "keeps the test error relatively close to 0, unlike the lazy alpha = 1/sqrt(m)", "empirical",
              (_figure(f"{cb}/section-5-figure-6a-contrast"),)),
        Entry(f"{cb}/section-5-figure-6b", "Section 5, Figure 6(b)", "SGD gets stuck in a local minimum for large tau",
              "empirical", (_figure(f"{cb}/section-5-figure-6b"),)),
        Entry(f"{sm}/lemma-B.1", "Section 3.2, Lemma B.1", "||y(t) - y*|| <= (M/m)^{1/2} ||y(0) - y*|| exp(-m lam t)",
              "verified", (DerivationRef("lemma_3_3_bound", sm), NumericRef(f"{cb}/lemma-3.3")),
              expression=_derived("lemma_3_3_bound"), assumptions=lemma, twins=(f"{cb}/lemma-3.3",)),
        Entry(f"{sm}/lemma-B.2", "Section 3.2, Lemma B.2", "||y(t) - ybar(t)|| <= K ||Sigma(0)||^{1/2}/(lam^{3/2} m)",
              "verified", (DerivationRef("stability_bound", sm), NumericRef(f"{cb}/lemma-A.1")),
              expression=_derived("stability_bound"), assumptions=stab, twins=(f"{cb}/lemma-A.1",)),
        Entry(f"{sm}/theorem-2.2", "Section 3.1, Theorem 2.2", "finite horizon, h(w0) = 0: sup ||w - w0|| = O(1/alpha), "
              "||w - wbar|| = O(1/alpha^2), ||alpha h(w) - alpha hbar(wbar)|| = O(1/alpha)", "empirical",
              (ProofRef(f"{sm}/theorem-2.2"), MeasureRef(f"{sm}/theorem-2.2", "16"),
               MeasureRef(f"{sm}/theorem-2.2", "16b"), MeasureRef(f"{sm}/theorem-2.2", "16c"),
               FunctionRef("tanh network, T = 10", lambda: _measure("theorems", "finite_horizon_claim"), measured=True)),
              assumptions=("h(w0) = 0", "Dh locally Lipschitz", "grad R Lipschitz")),
        Entry(f"{sm}/theorem-2.2/displacement-bound", "Section 3.1, proof of Theorem 2.2",
              "sup_{t<=T} ||w(t) - w0|| <= (1/alpha) (T R(alpha h(w0)))^{1/2}", "verified",
              (ProofRef(f"{sm}/theorem-2.2", ("1", "2", "3", "4", "4b")),)),
        Entry(f"{sm}/theorem-2.2/lip-sigma", "Section 3.1, proof of Theorem 2.2", "Lip(Sigma) <= 2 Lip(h) Lip(Dh)",
              "verified", (DerivationRef("lip_sigma", sm),), expression=_derived("lip_sigma")),
        Entry(f"{sm}/theorem-2.2/gronwall", "Section 3.1, proof of Theorem 2.2",
              "Delta' <= C1/alpha + C2 Delta, Delta(0) = 0 gives Delta(t) <= (C1/(C2 alpha))(exp(C2 t) - 1)", "verified",
              (DerivationRef("gronwall_linear", sm), ProofRef(f"{sm}/theorem-2.2", ("8", "9", "10"))),
              expression=_derived("gronwall_linear")),
        Entry(f"{sm}/proposition-A.1", "Section 3.1.1, Proposition A.1", "sup_{x in X} ||alpha f(w(T), x) - alpha "
              "fbar(wbar(T), x)|| <= (log alpha/alpha)(C1 M1 + C2^2 M2 log alpha/2) -> 0", "verified",
              (ProofRef(f"{sm}/proposition-A.1"),
               FunctionRef("tanh network, 30 held-out inputs", lambda: _measure("theorems", "held_out_claim")))),
        Entry(f"{sm}/theorem-2.4", "Section 3.2, Theorem 2.4", "uniform-time bounds: linear convergence; with h(w0) = 0 "
              "the O(1/alpha), O(1/alpha), O(log alpha/alpha^2) comparisons", "empirical",
              (ProofRef(f"{sm}/theorem-2.4"), MeasureRef(f"{sm}/theorem-2.4", "17")),
              assumptions=lazy + ("||h(w0)|| <= C0", "alpha > ||y*||/C0"), twins=(f"{cb}/theorem-3.2",)),
        Entry(f"{sm}/theorem-2.4/convergence", "Section 3.2, Theorem 2.4",
              "||alpha h(w(t)) - y*|| <= sqrt(kappa) ||alpha h(w0) - y*|| exp(-m sigma_min^2 t/4)", "verified",
              (DerivationRef("lazy_convergence_bound", sm), ProofRef(f"{sm}/theorem-2.4", ("4", "9", "10", "11"))),
              expression=_derived("lazy_convergence_bound"), twins=(f"{cb}/theorem-3.2/convergence",)),
        Entry(f"{sm}/theorem-2.4/constant-C0", "Section 3.2, Theorem 2.4",
              "C0 = sigma_min^3/(32 kappa^{3/2} ||Dh(w0)|| Lip(Dh)); alpha > ||y*||/C0", "verified",
              (DerivationRef("c0", sm), DerivationRef("alpha_threshold", sm)), expression=_derived("c0"),
              twins=(f"{cb}/theorem-3.2/constant-M",)),
        Entry(f"{sm}/theorem-2.4/laziness", "Section 3.2, Theorem 2.4", "with h(w0) = 0: sup ||w(t) - w0|| = O(1/alpha)",
              "empirical", (ProofRef(f"{sm}/theorem-2.4", ("12",)), MeasureRef(f"{cb}/theorem-3.2", "11", corrected=True),
                            FunctionRef("tanh network", lambda: _measure("theorems", "rate_claim", "displacement"), measured=True)),
              twins=(f"{cb}/theorem-3.2/laziness",)),
        Entry(f"{sm}/theorem-2.4/prediction-gap", "Section 3.2, Theorem 2.4",
              "with h(w0) = 0: sup ||y(t) - ybar(t)|| = O(1/alpha)", "empirical",
              (ProofRef(f"{sm}/theorem-2.4", ("13", "14")), MeasureRef(f"{cb}/theorem-3.2", "13")),
              twins=(f"{cb}/theorem-3.2/prediction-gap",)),
        Entry(f"{sm}/theorem-2.4/parameter-gap", "Section 3.2, Theorem 2.4",
              "with h(w0) = 0: sup ||w(t) - wbar(t)|| = O(log alpha/alpha^2)", "empirical",
              (ProofRef(f"{sm}/theorem-2.4", ("15",)), MeasureRef(f"{sm}/theorem-2.4", "16"),
               MeasureRef(f"{sm}/theorem-2.4", "17")), twins=(f"{cb}/theorem-3.2/parameter-gap",)),
        Entry(f"{sm}/section-2-homogeneous-scaling", "Section 2", "for an m-homogeneous h, scaling the output by alpha is "
              "equivalent to scaling the weights by alpha^{1/m} (the same path, after the time change t -> "
              "alpha^{2/m} t)", "verified",
              (DerivationRef("homogeneous_time_change"), ProofRef(f"{sm}/section-2-homogeneous-scaling"),
               FunctionRef("diagonal network over alpha", lambda: _measure("scaling", "time_change_claim"))),
              expression=_derived("homogeneous_time_change")),
        Entry(f"{sm}/section-2-homogeneous-scaling/equal-times", "Section 2", "read at equal times: alpha^{1/m} w(t) "
              "is the gradient flow of R(h(v))/alpha^2 from alpha^{1/m} w0", "refuted",
              (DerivationRef("homogeneous_time_change", sm), ProofRef(f"{sm}/section-2-homogeneous-scaling", ("3",)),
               FunctionRef("diagonal network, c = 1", lambda: _measure("scaling", "time_change_claim", 1.0)))),
        Entry(f"{sm}/section-4-woodworth-l2", "Section 4", "sparse regression: the diagonal network's flow tends to the "
              "minimum-l2 interpolator as alpha -> oo", "empirical",
              (FunctionRef("diagonal network over scales", lambda: _measure("sparse", "limit_claim", "l2", "lazy"),
                           measured=True),)),
        Entry(f"{sm}/section-4-woodworth-l1", "Section 4", "... and to the minimum-l1 interpolator as alpha -> 0",
              "empirical", (FunctionRef("diagonal network over scales", lambda: _measure("sparse", "limit_claim", "l1", "rich"),
                                        measured=True),)),
        Entry(f"{sm}/section-4-sparse-generalization", "Section 4", "lazy training generalizes poorly on sparse ground "
              "truth (beta*_i = 1/sqrt(d*) for i <= d*)", "empirical",
              (FunctionRef("test error by scale", lambda: _measure("sparse", "generalization_claim"), measured=True),)),
    )


_LEDGER: tuple[Entry, ...] | None = None


def ledger() -> tuple[Entry, ...]:
    """Every entry, built once."""
    global _LEDGER
    if _LEDGER is None:
        _LEDGER = _entries()
    return _LEDGER


def select(patterns: list[str] | None) -> tuple[Entry, ...]:
    """The entries whose id matches one of the glob ``patterns`` (all when None)."""
    if not patterns:
        return ledger()
    return tuple(e for e in ledger() if any(fnmatch.fnmatchcase(e.id, p) for p in patterns))


@dataclass
class EntryResult:
    entry: Entry
    status: str
    checks: list = field(default_factory=list)
    seconds: float = 0.0

    @property
    def as_expected(self) -> bool:
        return self.status == self.entry.expected

    @property
    def worst_ratio(self):
        ratios = [c["worst_ratio"] for c in self.checks if "worst_ratio" in c]
        return max(ratios) if ratios else None

    @property
    def witness_ratio(self):
        ratios = [c["witness_ratio"] for c in self.checks if "witness_ratio" in c]
        return max(ratios) if ratios else None

    def as_json(self) -> dict:
        e = self.entry
        return {"id": e.id, "text": e.text, "location": e.location, "statement": e.statement, "expression": e.expression,
                "assumptions": list(e.assumptions), "twins": list(e.twins), "status": self.status,
                "expected": e.expected, "as_expected": self.as_expected, "pending": e.pending or None,
                "checks": self.checks, "worst_ratio": self.worst_ratio, "witness_ratio": self.witness_ratio,
                "errata": [x for c in self.checks for x in c.get("errata", [])],
                "replay": [x for c in self.checks for x in c.get("replay", [])], "seconds": round(self.seconds, 3)}


def run_checks(entry: Entry, *, max_examples: int, seed: int | None, where=lambda check: True) -> dict[int, dict]:
    """Run the entry's checks that satisfy ``where``: {index in entry.checks: result}. A crash is a result."""
    results = {}
    for index, check in enumerate(entry.checks):
        if not where(check):
            continue
        try:
            results[index] = check.run(max_examples=max_examples, seed=seed)
        except Exception as error:  # a crashed check is reported, not raised
            results[index] = {"kind": check.kind, "ref": getattr(check, "name", ""), "ok": False,
                              "detail": f"crashed: {type(error).__name__}: {error}", "crashed": True}
    return results


def decide(entry: Entry, checks: list[dict], seconds: float = 0.0) -> EntryResult:
    """The status of an entry from the results of all its checks (in the entry's order)."""
    if entry.pending:
        return EntryResult(entry, "pending")
    if any(c.get("crashed") for c in checks):
        status = "crashed"
    elif not all(c["ok"] for c in checks):
        status = "refuted"
    elif any(c["kind"] == "measured" for c in checks):
        status = "empirical"
    else:
        status = "verified"
    return EntryResult(entry, status, checks, seconds)


def run_entry(entry: Entry, *, max_examples: int, seed: int | None) -> EntryResult:
    """Run an entry's checks and decide its status."""
    if entry.pending:
        return decide(entry, [])
    start = time.perf_counter()
    checks = run_checks(entry, max_examples=max_examples, seed=seed)
    return decide(entry, [checks[i] for i in sorted(checks)], time.perf_counter() - start)
