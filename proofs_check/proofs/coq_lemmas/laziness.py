"""The Coq lemmas of ``Laziness.v``: smith's Theorem 2.2, first claim, composed from its steps 1-4, and with h(w0) = 0."""

from __future__ import annotations

from proofs_check.proofs.coq_lemmas.lemma import CoqLemma

LEMMAS: dict[str, CoqLemma] = {
    "smith_displacement": CoqLemma(
        "Laziness.v", "smith_displacement",
        """forall (V : CompleteNormedModule R_AbsRing) (w dw : R -> V) (Fw dFw : R -> R) (alpha R0 T : R),
           0 < alpha -> 0 < T ->
           (forall s, 0 <= s <= T -> is_derive w s (dw s)) ->
           (forall s, 0 <= s <= T -> continuous dw s) ->
           (forall s, 0 <= s <= T -> is_derive Fw s (dFw s)) ->
           (forall s, 0 <= s <= T -> dFw s = - norm (dw s) ^ 2) ->
           Fw 0 = R0 / alpha ^ 2 ->
           (forall s, 0 <= s <= T -> 0 <= Fw s) ->
           forall t, 0 <= t <= T -> norm (minus (w t) (w 0)) <= / alpha * sqrt (T * R0)""",
        ("the energy identity d/dt F_alpha(w(t)) = -||w'(t)||^2 along the gradient flow w' = -grad F_alpha(w) (the "
         "chain rule; hypothesis on dFw)",
         "F_alpha(w(s)) = R(alpha h(w(s)))/alpha^2 >= 0 since R >= 0, and F_alpha(w0) = R0/alpha^2 with "
         "R0 = R(alpha h(w0))")),
    "smith_laziness": CoqLemma(
        "Laziness.v",
        "smith_laziness",
        """forall (V : CompleteNormedModule R_AbsRing) (W : NormedModule R_AbsRing)
  (w dw : R -> V) (Fw dFw : R -> R) (Rfun : W -> R) (hw0 : W) (alpha T : R),
  0 < alpha -> 0 < T ->
  hw0 = zero ->
  (forall s, 0 <= s <= T -> is_derive w s (dw s)) ->
  (forall s, 0 <= s <= T -> continuous dw s) ->
  (forall s, 0 <= s <= T -> is_derive Fw s (dFw s)) ->
  (forall s, 0 <= s <= T -> dFw s = - norm (dw s) ^ 2) ->
  Fw 0 = Rfun (scal alpha hw0) / alpha ^ 2 ->
  (forall s, 0 <= s <= T -> 0 <= Fw s) ->
  forall t, 0 <= t <= T -> norm (minus (w t) (w 0)) <= / alpha * sqrt (T * Rfun zero)""",
        (
            'h(w0) = 0 (hypothesis hw0 = zero), so R0 = R(alpha h(w0)) = R(0) does not depend on alpha',
            "the energy identity d/dt F_alpha(w(t)) = -||w'(t)||^2 along the gradient flow w' = -grad F_alpha(w) (the chain rule; hypothesis on dFw)",
            'F_alpha(w(s)) = R(alpha h(w(s)))/alpha^2 >= 0 since R >= 0, and F_alpha(w0) = R(alpha h(w0))/alpha^2',
            "w' is continuous on [0, T] (hypothesis on dw)",
        ),
    ),
}
