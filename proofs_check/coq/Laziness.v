(* smith, Theorem 2.2: the first claim, sup_{t <= T} ||w(t) - w0|| <= (1/alpha) (T R(alpha h(w0)))^{1/2}, composed
   from its steps 1-4 (the fundamental theorem of calculus, Cauchy-Schwarz in L^2([0, T]), the energy identity
   d/dt F_alpha(w(t)) = -||grad F_alpha(w(t))||^2 and R >= 0). *)
From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.
Require Import Lazycheck.Integrals.
Open Scope R_scope.

(* smith, Theorem 2.2, steps 1-4 (and 16b: with h(w0) = 0, R0 = R(0) does not depend on alpha, so the bound is
   O(1/alpha)). Fw(s) = F_alpha(w(s)) = R(alpha h(w(s)))/alpha^2 >= 0, Fw(0) = R0/alpha^2 with R0 = R(alpha h(w0));
   the hypothesis energy_identity is the chain rule for F_alpha along the gradient flow w' = -grad F_alpha(w), whose
   speed is ||w'|| = ||grad F_alpha(w)||. *)
Lemma smith_displacement : forall (V : CompleteNormedModule R_AbsRing) (w dw : R -> V) (Fw dFw : R -> R)
  (alpha R0 T : R),
  0 < alpha -> 0 < T ->
  (forall s, 0 <= s <= T -> is_derive w s (dw s)) ->
  (forall s, 0 <= s <= T -> continuous dw s) ->
  (forall s, 0 <= s <= T -> is_derive Fw s (dFw s)) ->
  (forall s, 0 <= s <= T -> dFw s = - norm (dw s) ^ 2) ->
  Fw 0 = R0 / alpha ^ 2 ->
  (forall s, 0 <= s <= T -> 0 <= Fw s) ->
  forall t, 0 <= t <= T -> norm (minus (w t) (w 0)) <= / alpha * sqrt (T * R0).
Proof.
  intros V w dw Fw dFw alpha R0 T Ha HT Hw Hdw HF Henergy HF0 Hpos t Ht.
  assert (HR0 : 0 <= R0).
  { pose proof (Hpos 0 ltac:(lra)) as H0. rewrite HF0 in H0.
    assert (Ha2 : 0 < alpha ^ 2) by (apply pow_lt; lra).
    apply Rmult_le_reg_r with (/ alpha ^ 2). apply Rinv_0_lt_compat; lra.
    rewrite Rmult_0_l. exact H0. }
  assert (Hbound : 0 <= / alpha * sqrt (T * R0)).
  { apply Rmult_le_pos. left; apply Rinv_0_lt_compat; lra. apply sqrt_pos. }
  set (g := fun s => norm (dw s)).
  assert (Hg : forall s, 0 <= s <= t -> continuous g s).
  { intros s Hs. unfold g. unfold continuous.
    apply (filterlim_comp R V R dw norm (locally s) (locally (dw s)) (locally (norm (dw s)))).
    - apply Hdw; lra.
    - exact (@filterlim_norm R_AbsRing V (dw s)). }
  assert (Hg' : forall s, Rmin 0 t <= s <= Rmax 0 t -> continuous g s).
  { intros s Hs. rewrite Rmin_left in Hs by lra. rewrite Rmax_right in Hs by lra. auto. }
  pose proof (RInt_correct g 0 t (ex_RInt_continuous g 0 t Hg')) as HI.
  apply Rle_trans with (RInt g 0 t).
  { apply (norm_integral_le V w dw g t); try lra.
    - intros s Hs; apply Hw; lra.
    - intros s Hs; apply Hdw; lra.
    - exact HI.
    - intros s Hs; unfold g; lra. }
  destruct (Req_dec t 0) as [Ht0 | Ht0].
  { subst t. rewrite RInt_point. exact Hbound. }
  assert (Htpos : 0 < t) by lra.
  assert (Hg2 : forall s, Rmin 0 t <= s <= Rmax 0 t -> continuous (fun s => - g s ^ 2) s).
  { intros s Hs. apply (continuous_comp g (fun x => - x ^ 2)).
    - apply Hg'. exact Hs.
    - apply (ex_derive_continuous (K := R_AbsRing) (V := R_NormedModule)). auto_derive. exact I. }
  (* energy: int_0^t ||w'||^2 = Fw 0 - Fw t <= R0 / alpha^2 *)
  assert (Henergy_int : is_RInt (fun s => - g s ^ 2) 0 t (minus (Fw t) (Fw 0))).
  { apply (is_RInt_derive Fw (fun s => - g s ^ 2)).
    - intros s Hs. rewrite Rmin_left in Hs by lra. rewrite Rmax_right in Hs by lra.
      unfold g. rewrite <- Henergy by lra. apply HF. lra.
    - exact Hg2. }
  assert (Hsq : RInt (fun s => g s ^ 2) 0 t <= R0 / alpha ^ 2).
  { assert (Hneg : is_RInt (fun s => - (- g s ^ 2)) 0 t (opp (minus (Fw t) (Fw 0))))
      by (apply (is_RInt_opp (fun s => - g s ^ 2)); exact Henergy_int).
    assert (Hsq_int : is_RInt (fun s => g s ^ 2) 0 t (opp (minus (Fw t) (Fw 0)))).
    { apply (is_RInt_ext (fun s => - (- g s ^ 2)) (fun s => g s ^ 2)).
      - intros x _. apply Ropp_involutive.
      - exact Hneg. }
    rewrite (is_RInt_unique _ _ _ _ Hsq_int).
    unfold opp, minus, plus, opp; simpl. unfold opp; simpl.
    pose proof (Hpos t ltac:(lra)). replace (R0 / (alpha * (alpha * 1))) with (Fw 0) by (rewrite HF0; simpl; ring). lra. }
  pose proof (integral_cauchy_schwarz g t Htpos Hg) as Hcs.
  apply Rle_trans with (sqrt t * sqrt (RInt (fun s => g s ^ 2) 0 t)); [exact Hcs |].
  apply Rle_trans with (sqrt T * sqrt (R0 / alpha ^ 2)).
  { apply Rmult_le_compat; try apply sqrt_pos.
    - apply sqrt_le_1_alt; lra.
    - apply sqrt_le_1_alt; exact Hsq. }
  rewrite <- sqrt_mult_alt by lra.
  replace (T * (R0 / alpha ^ 2)) with ((T * R0) * (/ alpha) ^ 2) by (field; lra).
  rewrite sqrt_mult_alt by (apply Rmult_le_pos; lra).
  rewrite sqrt_pow2 by (left; apply Rinv_0_lt_compat; lra).
  lra.
Qed.

(* smith, Theorem 2.2, step 16b: "sup_{t <= T} ||w(t) - w0|| = O(1/alpha)": smith_displacement with
   h(w0) = 0, so that R0 = R(alpha h(w0)) = R(0) does not depend on alpha and the bound
   (1/alpha) (T R(0))^{1/2} is O(1/alpha).
   Hypotheses: W a normed space (the output space of h), Rfun : W -> R the loss R, hw0 = h(w0) = 0;
   the hypotheses of smith_displacement with Fw(0) = F_alpha(w0) = R(alpha h(w0))/alpha^2. *)
Lemma smith_laziness : forall (V : CompleteNormedModule R_AbsRing) (W : NormedModule R_AbsRing)
  (w dw : R -> V) (Fw dFw : R -> R) (Rfun : W -> R) (hw0 : W) (alpha T : R),
  0 < alpha -> 0 < T ->
  hw0 = zero ->
  (forall s, 0 <= s <= T -> is_derive w s (dw s)) ->
  (forall s, 0 <= s <= T -> continuous dw s) ->
  (forall s, 0 <= s <= T -> is_derive Fw s (dFw s)) ->
  (forall s, 0 <= s <= T -> dFw s = - norm (dw s) ^ 2) ->
  Fw 0 = Rfun (scal alpha hw0) / alpha ^ 2 ->
  (forall s, 0 <= s <= T -> 0 <= Fw s) ->
  forall t, 0 <= t <= T -> norm (minus (w t) (w 0)) <= / alpha * sqrt (T * Rfun zero).
Proof.
  intros V W w dw Fw dFw Rfun hw0 alpha T Ha HT Hh0 Hw Hdw HF Henergy HF0 Hpos.
  assert (Hz : scal alpha hw0 = zero) by (rewrite Hh0; apply (@scal_zero_r R_Ring)).
  rewrite Hz in HF0.
  exact (smith_displacement V w dw Fw dFw alpha (Rfun zero) T Ha HT Hw Hdw HF Henergy HF0 Hpos).
Qed.
