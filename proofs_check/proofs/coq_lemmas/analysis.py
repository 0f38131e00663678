"""The Coq lemmas of ``Gronwall.v`` and ``Integrals.v``: the real-analysis core (Gronwall-type comparison
lemmas, the stability lemma of chizat-bach Lemma A.1, integral bounds and identities used by smith Theorem 2.2 and
Proposition A.1 and chizat-bach Theorem 3.2)."""

from __future__ import annotations

from proofs_check.proofs.coq_lemmas.lemma import CoqLemma

_ENDPOINTS = (
    "is_derive at the endpoints of [0, T] (two-sided) is a mild strengthening of the text's "
    "one-sided derivative"
)

LEMMAS: dict[str, CoqLemma] = {
    "le_of_deriv_le": CoqLemma(
        "Gronwall.v",
        "le_of_deriv_le",
        """forall (psi dpsi : R -> R) (T : R),
           (forall t, 0 <= t <= T -> is_derive psi t (dpsi t)) ->
           (forall t, 0 <= t <= T -> dpsi t <= 0) ->
           forall s t, 0 <= s -> s <= t -> t <= T -> psi t <= psi s""",
        (_ENDPOINTS,),
    ),
    "nonincreasing_of_deriv_nonpos": CoqLemma(
        "Gronwall.v",
        "nonincreasing_of_deriv_nonpos",
        """forall (psi dpsi : R -> R) (T : R),
           (forall t, 0 <= t <= T -> is_derive psi t (dpsi t)) ->
           (forall t, 0 <= t <= T -> dpsi t <= 0) ->
           forall t, 0 <= t <= T -> psi t <= psi 0""",
        (_ENDPOINTS,),
    ),
    "gronwall_decay": CoqLemma(
        "Gronwall.v",
        "gronwall_decay",
        """forall (phi dphi : R -> R) (c T : R),
           (forall t, 0 <= t <= T -> is_derive phi t (dphi t)) ->
           (forall t, 0 <= t <= T -> dphi t <= - c * phi t) ->
           forall t, 0 <= t <= T -> phi t <= exp (- c * t) * phi 0""",
        (_ENDPOINTS,),
    ),
    "gronwall_affine_gen": CoqLemma(
        "Gronwall.v",
        "gronwall_affine_gen",
        """forall (phi dphi : R -> R) (a b T : R),
           b <> 0 ->
           (forall t, 0 <= t <= T -> is_derive phi t (dphi t)) ->
           (forall t, 0 <= t <= T -> dphi t <= a - b * phi t) ->
           forall t, 0 <= t <= T -> phi t <= phi 0 * exp (- b * t) + a / b * (1 - exp (- b * t))""",
        (_ENDPOINTS,),
    ),
    "gronwall_affine": CoqLemma(
        "Gronwall.v",
        "gronwall_affine",
        """forall (phi dphi : R -> R) (a b T : R),
           0 < b ->
           (forall t, 0 <= t <= T -> is_derive phi t (dphi t)) ->
           (forall t, 0 <= t <= T -> dphi t <= a - b * phi t) ->
           forall t, 0 <= t <= T -> phi t <= phi 0 * exp (- b * t) + a / b * (1 - exp (- b * t))""",
        (_ENDPOINTS,),
    ),
    "gronwall_linear": CoqLemma(
        "Gronwall.v",
        "gronwall_linear",
        """forall (Delta dDelta : R -> R) (C1 C2 alpha T : R),
           0 < alpha -> 0 < C2 -> Delta 0 = 0 ->
           (forall t, 0 <= t <= T -> is_derive Delta t (dDelta t)) ->
           (forall t, 0 <= t <= T -> dDelta t <= C1 / alpha + C2 * Delta t) ->
           forall t, 0 <= t <= T -> Delta t <= C1 / (C2 * alpha) * (exp (C2 * t) - 1)""",
        (_ENDPOINTS,),
    ),
    "ftc_linear_bound": CoqLemma(
        "Gronwall.v",
        "ftc_linear_bound",
        """forall (delta dd : R -> R) (B T : R),
           0 <= B -> delta 0 = 0 ->
           (forall t, 0 <= t <= T -> is_derive delta t (dd t)) ->
           (forall t, 0 <= t <= T -> dd t <= B) ->
           forall t, 0 <= t <= T -> delta t <= T * B""",
        (_ENDPOINTS,),
    ),
    "stability_time_dependent": CoqLemma(
        "Gronwall.v",
        "stability_time_dependent",
        """forall (h dh : R -> R) (K lam mu T : R),
           0 < lam -> 0 < mu -> 0 <= K -> h 0 = 0 ->
           (forall t, 0 <= t <= T -> 0 <= h t) ->
           (forall t, 0 <= t <= T -> is_derive h t (dh t)) ->
           (forall t, 0 <= t <= T -> dh t <= K * sqrt (2 * h t / lam) - 2 * lam * mu * h t) ->
           forall t, 0 <= t <= T -> h t <= K ^ 2 / (2 * lam ^ 3 * mu ^ 2) * (1 - exp (- (lam * mu) * t)) ^ 2""",
        (_ENDPOINTS,),
    ),
    "stability_uniform": CoqLemma(
        "Gronwall.v",
        "stability_uniform",
        """forall (h dh : R -> R) (K lam mu T : R),
           0 < lam -> 0 < mu -> 0 <= K -> h 0 = 0 ->
           (forall t, 0 <= t <= T -> 0 <= h t) ->
           (forall t, 0 <= t <= T -> is_derive h t (dh t)) ->
           (forall t, 0 <= t <= T -> dh t <= K * sqrt (2 * h t / lam) - 2 * lam * mu * h t) ->
           forall t, 0 <= t <= T -> h t <= K ^ 2 / (2 * lam ^ 3 * mu ^ 2)""",
        (_ENDPOINTS,),
    ),
    "norm_integral_le": CoqLemma(
        "Integrals.v",
        "norm_integral_le",
        """forall (V : CompleteNormedModule R_AbsRing) (w dw : R -> V)
           (g : R -> R) (t I : R),
           0 <= t ->
           (forall s, 0 <= s <= t -> is_derive w s (dw s)) ->
           (forall s, 0 <= s <= t -> continuous dw s) ->
           is_RInt g 0 t I ->
           (forall s, 0 <= s <= t -> norm (dw s) <= g s) ->
           norm (minus (w t) (w 0)) <= I""",
        (
            "w' is continuous on [0, t] (hypothesis on dw; true for the gradient flow of a C^1 objective)",
            "two-sided is_derive at the endpoints of [0, t]: a mild strengthening of one-sided derivatives",
        ),
    ),
    "integral_cauchy_schwarz": CoqLemma(
        "Integrals.v",
        "integral_cauchy_schwarz",
        """forall (g : R -> R) (T : R),
           0 < T ->
           (forall s, 0 <= s <= T -> continuous g s) ->
           RInt g 0 T <= sqrt T * sqrt (RInt (fun s => g s ^ 2) 0 T)""",
        ("s |-> ||grad F(w(s))|| is continuous on [0, T] (hypothesis on g)",),
    ),
    "taylor_remainder": CoqLemma(
        "Integrals.v",
        "taylor_remainder",
        """forall (V : CompleteNormedModule R_AbsRing) (r : R -> V) (I : V)
           (L d : R),
           is_RInt r 0 1 I ->
           (forall s, 0 <= s <= 1 -> norm (r s) <= L * s * d ^ 2) ->
           norm I <= L / 2 * d ^ 2""",
        (
            "||(Df(w0 + s(w - w0)) - Df(w0))(w - w0)|| <= Lip(Df) s ||w - w0||^2 (hypothesis on r)",
        ),
    ),
    "taylor_identity": CoqLemma(
        "Integrals.v",
        "taylor_identity",
        """forall (V : CompleteNormedModule R_AbsRing) (g dg : R -> V) (v0 : V),
           (forall s, 0 <= s <= 1 -> is_derive g s (dg s)) ->
           (forall s, 0 <= s <= 1 -> continuous dg s) ->
           is_RInt (fun s => minus (dg s) v0) 0 1 (minus (minus (g 1) (g 0)) v0)""",
        (
            "the chain rule d/ds f(w0 + s(w - w0)) = Df(w0 + s(w - w0))(w - w0) (hypothesis on dg)",
            "s |-> Df(w0 + s(w - w0))(w - w0) is continuous on [0, 1] (f is C^1)",
        ),
    ),
    "time_change_flow": CoqLemma(
        "Integrals.v",
        "time_change_flow",
        """forall (V : NormedModule R_AbsRing) (G : V -> V) (v : R -> V) (c : R),
           0 < c ->
           (forall s, is_derive v s (scal c (G (v s)))) ->
           forall s, is_derive (fun r => v (r / c)) s (G (v (s / c)))""",
        (),
    ),
    "exp_decay_integral": CoqLemma(
        "Integrals.v",
        "exp_decay_integral",
        """forall a t : R,
           a <> 0 ->
           is_RInt (fun s => exp (- a * s)) 0 t ((1 - exp (- a * t)) / a)""",
        (),
    ),
    "exp_decay_integral_le": CoqLemma(
        "Integrals.v",
        "exp_decay_integral_le",
        """forall a t : R,
           0 < a -> 0 <= t ->
           RInt (fun s => exp (- a * s)) 0 t <= 1 / a""",
        (),
    ),
    "gronwall_integral": CoqLemma(
        "Gronwall.v",
        "gronwall_integral",
        """forall (Delta : R -> R) (C1 C2 alpha T : R),
  0 < alpha -> 0 < C2 ->
  (forall t, 0 <= t <= T -> continuous Delta t) ->
  (forall t, 0 <= t <= T -> Delta t <= RInt (fun s => C1 / alpha + C2 * Delta s) 0 t) ->
  forall t, 0 <= t <= T -> Delta t <= C1 / (C2 * alpha) * (exp (C2 * t) - 1)""",
        (
            'Delta = ||alpha h(w(t)) - alpha hbar(wbar(t))|| is continuous on [0, T] (continuity of the two flows)',
            'continuity at the endpoints 0 and T is two-sided (Delta a function on R): a mild strengthening of continuity on [0, T]',
            "the integral inequality Delta(t) <= int_0^t (C1/alpha + C2 Delta(s)) ds on [0, T] (the corrected step 7 with step 9's bound on ||y' - ybar'||)",
        ),
    ),
    "delta_linear_bound": CoqLemma(
        "Integrals.v",
        "delta_linear_bound",
        """forall (V : CompleteNormedModule R_AbsRing) (e de : R -> V) (B T : R),
  0 <= B -> e 0 = zero ->
  (forall s, 0 <= s <= T -> is_derive e s (de s)) ->
  (forall s, 0 <= s <= T -> continuous de s) ->
  (forall s, 0 <= s <= T -> norm (de s) <= B) ->
  forall t, 0 <= t <= T -> norm (e t) <= T * B""",
        (
            "e = w - wbar has derivative de = w' - wbar' on [0, T] and de is continuous there (C^1 flows)",
            "||w'(t) - wbar'(t)|| <= B = C/alpha^2 on [0, T] (the text's bound, hypothesis on de)",
            "is_derive at the endpoints of [0, T] (two-sided) is a mild strengthening of the text's one-sided derivative",
        ),
    ),
    "time_change_flow_nonneg": CoqLemma(
        "Integrals.v",
        "time_change_flow_nonneg",
        """forall (V : NormedModule R_AbsRing) (G : V -> V) (v : R -> V) (c : R),
  0 < c ->
  (forall s, 0 <= s -> is_derive v s (scal c (G (v s)))) ->
  forall s, 0 <= s -> is_derive (fun r => v (r / c)) s (G (v (s / c)))""",
        (
            "v solves v' = c G(v) for s >= 0 (two-sided derivative at s = 0)",
            "that the time-changed path IS the flow of G from the same start (the text's 'equivalent') also uses uniqueness of the flow's solution (G locally Lipschitz), which the lemma does not prove",
        ),
    ),
}
