(* Constants.v -- the constant chains of chizat-bach Theorem 3.2 (= smith Theorem 2.4), of smith
   Theorem 2.2 and Proposition A.1, and of chizat-bach Theorem 3.4 (Appendix B).

   Notation shared by the lemmas below (as in the two texts):
     sigma  = sigma_min(Df(w0)) > 0            L      = Lip(Df) (smith: Lip(Dh)) > 0
     r0     = sigma / (2 L)                    n0     = ||Df(w0)||, with sigma <= n0
     0 < mu <= nu (smith: m, M)                kappa  = nu / mu
     M      = sigma^3 / (32 n0 kappa^{3/2} L)  (chizat-bach's M = smith's C0)
     d0     = ||alpha f(w0) - f star||
   kappa^{3/2} is written kappa * sqrt kappa and nu^{3/2} is written nu * sqrt nu.

   Vectors live in Coquelicot normed modules over R (norm, minus, plus, scal); a linear map is a
   function, and what the texts know about it (an operator-norm bound, a Lipschitz bound taken from an
   earlier step, linearity) is a hypothesis of the lemma that uses it.  Nothing else is assumed. *)

From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.
Open Scope R_scope.

(* ------------------------------------------------------------------------------------------------ *)
(* Small helpers: the triangle inequality in the two forms used below, and exp monotone.           *)

(* helper: ||x|| <= ||y|| + ||x - y|| in any normed module (triangle inequality). *)
Lemma c_norm_le_plus_minus {V : NormedModule R_AbsRing} (x y : V) :
  norm x <= norm y + norm (minus x y).
Proof.
  pose proof (norm_triangle_inv x y) as H.
  pose proof (Rle_abs (norm x - norm y)). lra.
Qed.

(* helper: ||y|| - ||x - y|| <= ||x|| (reverse triangle inequality). *)
Lemma c_norm_ge_minus_minus {V : NormedModule R_AbsRing} (x y : V) :
  norm y - norm (minus x y) <= norm x.
Proof.
  pose proof (norm_triangle_inv x y) as H.
  rewrite Rabs_minus_sym in H.
  pose proof (Rle_abs (norm y - norm x)). lra.
Qed.

(* helper: ||scal l x|| <= |l| ||x||, with Coquelicot's abs on R unfolded to Rabs. *)
Lemma c_norm_scal_le {V : NormedModule R_AbsRing} (l : R) (x : V) :
  norm (scal l x) <= Rabs l * norm x.
Proof. exact (norm_scal l x). Qed.

(* helper: scal l x - scal l y = scal l (x - y), stated in a normed module. *)
Lemma c_scal_minus {V : NormedModule R_AbsRing} (l : R) (x y : V) :
  minus (scal l x) (scal l y) = scal l (minus x y).
Proof. exact (eq_sym (scal_minus_distr_l l x y)). Qed.

(* helper: the same, for vectors u = scal l x and v = scal l y. *)
Lemma c_scal_minus_eq {V : NormedModule R_AbsRing} (l : R) (x y u v : V) :
  u = scal l x -> v = scal l y -> minus u v = scal l (minus x y).
Proof. intros -> ->. exact (eq_sym (scal_minus_distr_l l x y)). Qed.

(* helper: x - y = (x - r) + (r - y), stated in a normed module. *)
Lemma c_minus_trans {V : NormedModule R_AbsRing} (r x y : V) :
  minus x y = plus (minus x r) (minus r y).
Proof. exact (minus_trans r x y). Qed.

(* helper: exp is nondecreasing. *)
Lemma c_exp_le (x y : R) : x <= y -> exp x <= exp y.
Proof.
  intros [H | H]. - left. now apply exp_increasing. - right. now subst.
Qed.

(* ------------------------------------------------------------------------------------------------ *)
(* 1. chizat-bach, Theorem 3.2, proof, step 2: "By smoothness of f" -- sigma_min(Df_w) >= sigma_min
   - L ||w - w0|| (Weyl's inequality for singular values), stated without singular values.  A stands
   for Df_w^T and A0 for Df_w0^T (maps F -> R^p); hypothesis 1 says sigma_min(Df_w0) >= sigma as the
   norm inequality ||Df_w0^T v|| >= sigma ||v||; hypothesis 2 says ||(Df_w - Df_w0)^T|| <= L r, i.e. the
   Lipschitz bound on Df with ||w - w0|| <= r (and ||E^T|| = ||E||). *)
Lemma c_weyl_floor {U V : NormedModule R_AbsRing} (A A0 : U -> V) (sigma L r : R) :
  (forall v, sigma * norm v <= norm (A0 v)) ->
  (forall v, norm (minus (A v) (A0 v)) <= L * r * norm v) ->
  forall v, (sigma - L * r) * norm v <= norm (A v).
Proof.
  intros H0 Hd v.
  pose proof (H0 v). pose proof (Hd v).
  pose proof (c_norm_ge_minus_minus (A v) (A0 v)).
  lra.
Qed.

(* 2. chizat-bach, Theorem 3.2, proof, step 3: "it holds Df_w Df_w^T >= sigma_min^2 Id/4 as long as
   ||w - w0|| < r0" (r0 = sigma/(2L)).  Same hypotheses as c_weyl_floor (A = Df_w^T, A0 = Df_w0^T,
   ||Df_w0^T v|| >= sigma ||v||, ||(Df_w - Df_w0)^T|| <= L r) with r <= r0; the conclusion is the
   quadratic form v^T Df_w Df_w^T v = ||Df_w^T v||^2 >= sigma^2/4 ||v||^2 (on the closed ball).  This is
   also smith, Theorem 2.4, proof, step 3 corrected: the floor on B_r0(w0) is sigma^2/4, not the text's
   (3/4) sigma^2 (refuted in Errata.v, err_three_quarter_floor). *)
Lemma c_kernel_quarter_floor {U V : NormedModule R_AbsRing} (A A0 : U -> V) (sigma L r : R) :
  0 < sigma -> 0 < L -> r <= sigma / (2 * L) ->
  (forall v, sigma * norm v <= norm (A0 v)) ->
  (forall v, norm (minus (A v) (A0 v)) <= L * r * norm v) ->
  forall v, sigma ^ 2 / 4 * norm v ^ 2 <= norm (A v) ^ 2.
Proof.
  intros Hs HL Hr H0 Hd v.
  pose proof (c_weyl_floor A A0 sigma L r H0 Hd v) as W.
  assert (HLr : L * r <= sigma / 2).
  { apply Rmult_le_compat_l with (r := L) in Hr; [| lra].
    replace (L * (sigma / (2 * L))) with (sigma / 2) in Hr by (field; lra). exact Hr. }
  pose proof (norm_ge_0 v) as Hv.
  assert (Hh : sigma / 2 * norm v <= norm (A v)).
  { apply Rle_trans with ((sigma - L * r) * norm v); [| exact W].
    apply Rmult_le_compat_r; lra. }
  assert (0 <= sigma / 2 * norm v) by (apply Rmult_le_pos; lra).
  replace (sigma ^ 2 / 4 * norm v ^ 2) with ((sigma / 2 * norm v) ^ 2) by field.
  apply pow_incr. lra.
Qed.

(* 3. chizat-bach, Theorem 3.2, proof, step 5: "||w'(t)|| <= (1/alpha) ||Df_w(t)|| ||grad R(alpha
   f(w(t)))||" (operator norm).  A stands for Df_w^T, g for grad R(alpha f(w(t))); hypotheses: the
   gradient-flow velocity w' = -(1/alpha) Df_w^T g, and the operator-norm bound ||A v|| <= nA ||v||
   (nA = ||Df_w|| = ||Df_w^T||). *)
Lemma c_velocity_bound {U V : NormedModule R_AbsRing} (A : V -> U) (g : V) (w' : U) (alpha nA : R) :
  0 < alpha ->
  w' = scal (- / alpha) (A g) ->
  (forall v, norm (A v) <= nA * norm v) ->
  norm w' <= / alpha * nA * norm g.
Proof.
  intros Ha Hw HA. subst w'.
  eapply Rle_trans; [apply c_norm_scal_le |].
  rewrite Rabs_Ropp, Rabs_right by (left; apply Rinv_0_lt_compat; lra).
  rewrite Rmult_assoc. apply Rmult_le_compat_l; [left; apply Rinv_0_lt_compat; lra | apply HA].
Qed.

(* 4. chizat-bach, Theorem 3.2, proof, step 6 (corrected), and smith, Theorem 2.4, proof, step 6:
   "||Df_w|| <= 2 ||Df_w0||" on B(w0, r0) -- the texts give no reason; the reason: ||Df_w v|| <=
   ||Df_w0 v|| + L r ||v|| with r <= r0 = sigma/(2L) and sigma <= n0.  A stands for Df_w, A0 for Df_w0;
   hypotheses: ||A0 v|| <= n0 ||v|| (n0 = ||Df_w0||), ||(A - A0) v|| <= L r ||v|| (Lipschitz Df with
   ||w - w0|| <= r), sigma = sigma_min(Df_w0) <= ||Df_w0|| = n0. The sharper 3/2 is c_df_norm_on_ball_3_2. *)
Lemma c_df_norm_on_ball_3_2 {U V : NormedModule R_AbsRing} (A A0 : U -> V) (sigma L r n0 : R) :
  0 <= sigma -> 0 < L -> r <= sigma / (2 * L) -> sigma <= n0 ->
  (forall v, norm (A0 v) <= n0 * norm v) ->
  (forall v, norm (minus (A v) (A0 v)) <= L * r * norm v) ->
  forall v, norm (A v) <= 3 / 2 * n0 * norm v.
Proof.
  intros Hs HL Hr Hn H0 Hd v.
  pose proof (H0 v). pose proof (Hd v).
  pose proof (c_norm_le_plus_minus (A v) (A0 v)).
  assert (HLr : L * r <= sigma / 2).
  { apply Rmult_le_compat_l with (r := L) in Hr; [| lra].
    replace (L * (sigma / (2 * L))) with (sigma / 2) in Hr by (field; lra). exact Hr. }
  pose proof (norm_ge_0 v) as Hv.
  assert (L * r * norm v <= n0 / 2 * norm v) by (apply Rmult_le_compat_r; lra).
  lra.
Qed.

Lemma c_df_norm_on_ball {U V : NormedModule R_AbsRing} (A A0 : U -> V) (sigma L r n0 : R) :
  0 <= sigma -> 0 < L -> r <= sigma / (2 * L) -> sigma <= n0 ->
  (forall v, norm (A0 v) <= n0 * norm v) ->
  (forall v, norm (minus (A v) (A0 v)) <= L * r * norm v) ->
  forall v, norm (A v) <= 2 * n0 * norm v.
Proof.
  intros Hs HL Hr Hn H0 Hd v.
  pose proof (c_df_norm_on_ball_3_2 A A0 sigma L r n0 Hs HL Hr Hn H0 Hd v).
  pose proof (norm_ge_0 v).
  assert (0 <= n0 * norm v) by (apply Rmult_le_pos; lra).
  lra.
Qed.

(* ------------------------------------------------------------------------------------------------ *)
(* 5. The integral of the exponential, used by chizat-bach Theorem 3.2 step 8 ("integral of the
   exponential"), smith Theorem 2.4 step 8, and the tail beyond t0 (step 14): for a > 0,
   int_b^c exp(-a s) ds = (exp(-a b) - exp(-a c))/a (fundamental theorem of calculus). *)
Lemma c_exp_decay_is_RInt (a b c : R) :
  0 < a -> is_RInt (fun s => exp (- a * s)) b c ((exp (- a * b) - exp (- a * c)) / a).
Proof.
  intros Ha.
  assert (E : (exp (- a * b) - exp (- a * c)) / a
              = minus (- exp (- a * c) / a) (- exp (- a * b) / a)).
  { unfold minus, plus, opp; simpl. field. lra. }
  rewrite E.
  apply (is_RInt_derive (fun s => - exp (- a * s) / a)).
  - intros x _. auto_derive; [exact I | field; lra].
  - intros x _. apply (@ex_derive_continuous R_AbsRing R_NormedModule). auto_derive. exact I.
Qed.

(* 5. (chizat-bach Theorem 3.2 step 8, smith Theorem 2.4 step 8) int_0^t exp(-a s) ds <= 1/a for
   a > 0 (for every t; the texts use t >= 0). *)
Lemma c_exp_decay_integral_le (a t : R) :
  0 < a -> RInt (fun s => exp (- a * s)) 0 t <= 1 / a.
Proof.
  intros Ha.
  rewrite (is_RInt_unique _ _ _ _ (c_exp_decay_is_RInt a 0 t Ha)).
  replace (- a * 0) with 0 by ring. rewrite exp_0.
  pose proof (exp_pos (- a * t)).
  unfold Rdiv. apply Rmult_le_compat_r; [left; apply Rinv_0_lt_compat; lra | lra].
Qed.

(* 6. chizat-bach, Theorem 3.2, proof, step 8: "||w(t) - w(0)|| <= ... int_0^t e^{-(mu sigma^2/4)s} ds
   <= 8 kappa^{3/2}/(alpha sigma^2) ||Df_w0|| ||alpha f(w0) - f star||" (and smith Theorem 2.4 step 8 with
   the floor sigma^2/4).  The hypothesis on D = ||w(t) - w(0)|| is step 7 with the corrected prefactor
   2 nu^{3/2}/(alpha mu^{1/2}) (step 7 itself, the speed bound of step 6 integrated with Lemma 3.3);
   n0 = ||Df_w0||, d0 = ||alpha f(w0) - f star||. *)
Lemma c_displacement (mu nu kappa alpha sigma n0 d0 t D : R) :
  0 < mu -> 0 <= nu -> kappa = nu / mu -> 0 < alpha -> 0 < sigma -> 0 <= n0 -> 0 <= d0 ->
  D <= 2 * nu * sqrt nu / (alpha * sqrt mu) * n0 * d0
         * RInt (fun s => exp (- (mu * sigma ^ 2 / 4) * s)) 0 t ->
  D <= 8 * kappa * sqrt kappa * n0 * d0 / (alpha * sigma ^ 2).
Proof.
  intros Hmu Hnu Hk Ha Hs Hn0 Hd0 HD.
  assert (Hsm : 0 < sqrt mu) by (apply sqrt_lt_R0; lra).
  assert (Hc : 0 < mu * sigma ^ 2 / 4)
    by (apply Rmult_lt_0_compat; [apply Rmult_lt_0_compat; [lra | apply pow_lt; lra] | lra]).
  pose proof (c_exp_decay_integral_le _ t Hc) as HI.
  assert (HP : 0 <= 2 * nu * sqrt nu / (alpha * sqrt mu) * n0 * d0).
  { apply Rmult_le_pos; [apply Rmult_le_pos; [| lra] | lra].
    unfold Rdiv. apply Rmult_le_pos.
    - apply Rmult_le_pos; [lra | apply sqrt_pos].
    - left. apply Rinv_0_lt_compat. apply Rmult_lt_0_compat; lra. }
  eapply Rle_trans; [exact HD |].
  eapply Rle_trans; [apply Rmult_le_compat_l; [exact HP | exact HI] |].
  right. subst kappa. rewrite sqrt_div_alt by lra.
  field. split; lra.
Qed.

(* 6'. smith, Theorem 2.4, proof, step 8: "int_0^t exp(-(3 m sigma_min^2/4) s) ds ... <= 8 kappa^{3/2}/(alpha
   sigma_min^2) ||Dh(w0)|| ||y(0) - y star||" -- step 7 integrated at any rate at least the floor's
   m sigma^2/4 (smith's rate 3 m sigma^2/4, valid along the flow by the corrected step 7, gives 8/3 in place
   of 8, so the stated 8 holds).  The hypothesis on D = ||w(t) - w0|| is step 7 with smith's prefactor
   2 M^{3/2}/(m^{1/2} alpha) (nu = M, mu = m); n0 = ||Dh(w0)||, d0 = ||y(0) - y star||. *)
Lemma c_displacement_faster_rate (mu nu kappa alpha sigma n0 d0 t D rate : R) :
  0 < mu -> 0 <= nu -> kappa = nu / mu -> 0 < alpha -> 0 < sigma -> 0 <= n0 -> 0 <= d0 -> 0 <= t ->
  mu * sigma ^ 2 / 4 <= rate ->
  D <= 2 * nu * sqrt nu / (alpha * sqrt mu) * n0 * d0 * RInt (fun s => exp (- rate * s)) 0 t ->
  D <= 8 * kappa * sqrt kappa * n0 * d0 / (alpha * sigma ^ 2).
Proof.
  intros Hmu Hnu Hk Ha Hs Hn0 Hd0 Ht Hr HD.
  assert (Hc : 0 < mu * sigma ^ 2 / 4)
    by (apply Rmult_lt_0_compat; [apply Rmult_lt_0_compat; [lra | apply pow_lt; lra] | lra]).
  apply (c_displacement mu nu kappa alpha sigma n0 d0 t D Hmu Hnu Hk Ha Hs Hn0 Hd0).
  assert (Hsm : 0 < sqrt mu) by (apply sqrt_lt_R0; lra).
  assert (HP : 0 <= 2 * nu * sqrt nu / (alpha * sqrt mu) * n0 * d0).
  { apply Rmult_le_pos; [apply Rmult_le_pos; [| lra] | lra].
    unfold Rdiv. apply Rmult_le_pos.
    - apply Rmult_le_pos; [lra | apply sqrt_pos].
    - left. apply Rinv_0_lt_compat. apply Rmult_lt_0_compat; lra. }
  eapply Rle_trans; [exact HD |]. apply Rmult_le_compat_l; [exact HP |].
  apply RInt_le; [exact Ht | | |].
  - eexists. apply c_exp_decay_is_RInt. lra.
  - eexists. apply c_exp_decay_is_RInt. exact Hc.
  - intros x Hx. apply c_exp_le.
    assert (mu * sigma ^ 2 / 4 * x <= rate * x) by (apply Rmult_le_compat_r; lra). lra.
Qed.

(* 7. chizat-bach, Theorem 3.2, proof, step 9: "This quantity is smaller than r0, and thus T = oo, if
   ||alpha f(w0) - f star|| <= 2 alpha M" (smith Theorem 2.4 step 9: "<= 16 C0 kappa^{3/2} ||Dh(w0)||/
   sigma^2 <= r0").  Pure arithmetic: d0 = ||alpha f(w0) - f star||, n0 = ||Df_w0||, M written out. *)
Lemma c_within_r0 (kappa alpha sigma n0 L d0 : R) :
  0 < kappa -> 0 < alpha -> 0 < sigma -> 0 < n0 -> 0 < L ->
  d0 <= 2 * alpha * (sigma ^ 3 / (32 * kappa * sqrt kappa * n0 * L)) ->
  8 * kappa * sqrt kappa * n0 * d0 / (alpha * sigma ^ 2) <= sigma / (2 * L).
Proof.
  intros Hk Ha Hs Hn HL Hd.
  assert (Hsk : 0 < sqrt kappa) by (apply sqrt_lt_R0; lra).
  assert (Hq : 0 < 8 * kappa * sqrt kappa * n0 / (alpha * sigma ^ 2)).
  { unfold Rdiv. apply Rmult_lt_0_compat.
    - repeat apply Rmult_lt_0_compat; lra.
    - apply Rinv_0_lt_compat, Rmult_lt_0_compat; [lra | apply pow_lt; lra]. }
  replace (8 * kappa * sqrt kappa * n0 * d0 / (alpha * sigma ^ 2))
    with (8 * kappa * sqrt kappa * n0 / (alpha * sigma ^ 2) * d0) by (field; split; lra).
  eapply Rle_trans; [apply Rmult_le_compat_l; [lra | exact Hd] |].
  right. field. repeat split; lra.
Qed.

(* 8. chizat-bach, Theorem 3.2, proof, step 10 (and smith Theorem 2.4 step 10): "||alpha f(w0) - f
   star|| < 2 alpha M ... guaranteed by the conditions on f(w0) and alpha in the theorem", i.e.
   ||f(w0)|| <= M and alpha > ||f star||/M, via the triangle inequality ||alpha f(w0) - f star|| <=
   alpha ||f(w0)|| + ||f star||.  f0 stands for f(w0), fstar for f star; M is written out; the second
   conjunct is the form d0 < alpha sigma^3/(16 n0 kappa^{3/2} L) that step 9 uses. *)
Lemma c_initial_gap {F : NormedModule R_AbsRing} (f0 fstar : F) (alpha sigma n0 kappa L : R) :
  0 < sigma -> 0 < n0 -> 0 < kappa -> 0 < L ->
  norm f0 <= sigma ^ 3 / (32 * kappa * sqrt kappa * n0 * L) ->
  norm fstar / (sigma ^ 3 / (32 * kappa * sqrt kappa * n0 * L)) < alpha ->
  norm (minus (scal alpha f0) fstar) < 2 * alpha * (sigma ^ 3 / (32 * kappa * sqrt kappa * n0 * L)) /\
  norm (minus (scal alpha f0) fstar) < alpha * sigma ^ 3 / (16 * kappa * sqrt kappa * n0 * L).
Proof.
  intros Hs Hn Hk HL Hf0 Ha.
  assert (Hsk : 0 < sqrt kappa) by (apply sqrt_lt_R0; lra).
  set (M := sigma ^ 3 / (32 * kappa * sqrt kappa * n0 * L)) in *.
  assert (HM : 0 < M).
  { unfold M, Rdiv. apply Rmult_lt_0_compat; [apply pow_lt; lra |].
    apply Rinv_0_lt_compat. repeat apply Rmult_lt_0_compat; lra. }
  assert (Hfs : norm fstar < alpha * M).
  { apply Rmult_lt_compat_r with (r := M) in Ha; [| exact HM].
    replace (norm fstar / M * M) with (norm fstar) in Ha by (field; lra). exact Ha. }
  assert (Hal : 0 < alpha).
  { pose proof (norm_ge_0 fstar). destruct (Rle_or_lt alpha 0); [| lra].
    assert (alpha * M <= 0) by (apply Rmult_le_0_r; lra). lra. }
  assert (Htri : norm (minus (scal alpha f0) fstar) <= Rabs alpha * norm f0 + norm fstar).
  { pose proof (norm_triangle (scal alpha f0) (opp fstar)) as Ht.
    unfold minus. eapply Rle_trans; [exact Ht |].
    rewrite norm_opp. apply Rplus_le_compat_r. apply c_norm_scal_le. }
  rewrite Rabs_right in Htri by lra.
  assert (alpha * norm f0 <= alpha * M) by (apply Rmult_le_compat_l; lra).
  split; [lra |].
  replace (alpha * sigma ^ 3 / (16 * kappa * sqrt kappa * n0 * L)) with (2 * alpha * M)
    by (unfold M; field; repeat split; lra).
  lra.
Qed.

(* 9. chizat-bach, Theorem 3.2, proof, step 14: "we define t0 := 4 log alpha/(mu sigma_min^2) ... the
   integral over [t0, +oo) is in O(1/alpha) thanks to the definition of t0 and the exponential
   decrease": exp(-(mu sigma^2/4) t0) = 1/alpha, and exp(-(mu sigma^2/4) t) <= 1/alpha for t >= t0. *)
Lemma c_t0_tail (mu sigma alpha : R) :
  0 < mu -> 0 < sigma -> 0 < alpha ->
  exp (- (mu * sigma ^ 2 / 4) * (4 * ln alpha / (mu * sigma ^ 2))) = / alpha /\
  (forall t, 4 * ln alpha / (mu * sigma ^ 2) <= t -> exp (- (mu * sigma ^ 2 / 4) * t) <= / alpha).
Proof.
  intros Hmu Hs Ha.
  assert (Hms : 0 < mu * sigma ^ 2) by (apply Rmult_lt_0_compat; [lra | apply pow_lt; lra]).
  assert (E : exp (- (mu * sigma ^ 2 / 4) * (4 * ln alpha / (mu * sigma ^ 2))) = / alpha).
  { replace (- (mu * sigma ^ 2 / 4) * (4 * ln alpha / (mu * sigma ^ 2))) with (- ln alpha)
      by (field; lra).
    rewrite exp_Ropp, exp_ln by lra. reflexivity. }
  split; [exact E |].
  intros t Ht. rewrite <- E. apply c_exp_le.
  assert (0 < mu * sigma ^ 2 / 4) by lra.
  apply Rmult_le_compat_neg_l; lra.
Qed.

(* 9'. chizat-bach, Theorem 3.2, proof, step 14, the integral form: "which integral over [t0, +oo) is
   in O(1/alpha)": int_t0^T exp(-(mu sigma^2/4) s) ds <= 4/(mu sigma^2 alpha) for every T >= t0. *)
Lemma c_t0_tail_integral (mu sigma alpha T : R) :
  0 < mu -> 0 < sigma -> 0 < alpha -> 4 * ln alpha / (mu * sigma ^ 2) <= T ->
  RInt (fun s => exp (- (mu * sigma ^ 2 / 4) * s)) (4 * ln alpha / (mu * sigma ^ 2)) T
    <= 4 / (mu * sigma ^ 2 * alpha).
Proof.
  intros Hmu Hs Ha HT.
  assert (Hms : 0 < mu * sigma ^ 2) by (apply Rmult_lt_0_compat; [lra | apply pow_lt; lra]).
  assert (Hc : 0 < mu * sigma ^ 2 / 4) by lra.
  rewrite (is_RInt_unique _ _ _ _ (c_exp_decay_is_RInt _ _ T Hc)).
  destruct (c_t0_tail mu sigma alpha Hmu Hs Ha) as [E _]. rewrite E.
  pose proof (exp_pos (- (mu * sigma ^ 2 / 4) * T)).
  apply Rle_trans with (/ alpha / (mu * sigma ^ 2 / 4)).
  - unfold Rdiv. apply Rmult_le_compat_r; [left; apply Rinv_0_lt_compat; lra | lra].
  - right. field. split; lra.
Qed.

(* ------------------------------------------------------------------------------------------------ *)
(* 10. smith, Theorem 2.2, proof, step 8: "Delta'(t) <= ||Sigma(w(t)) grad R(y) - Sigma(w0) grad R(ybar)||
   <= ||(Sigma(w(t)) - Sigma(w0)) grad R(y(t))|| + ||Sigma(w0)(grad R(y(t)) - grad R(ybar(t)))||" (adding
   and subtracting Sigma(w0) grad R(y(t)), triangle inequality).  St, S0 stand for Sigma(w(t)),
   Sigma(w0); g, gbar for grad R(y(t)), grad R(ybar(t)); hypothesis: S0 is linear (additive). *)
Lemma c_triangle_split {F : NormedModule R_AbsRing} (St S0 : F -> F) (g gbar : F) :
  (forall x y, S0 (minus x y) = minus (S0 x) (S0 y)) ->
  norm (minus (St g) (S0 gbar)) <= norm (minus (St g) (S0 g)) + norm (S0 (minus g gbar)).
Proof.
  intros Hlin. rewrite Hlin, (c_minus_trans (S0 g)). apply norm_triangle.
Qed.

(* 11. smith, Theorem 2.2, proof, step 9: "Delta'(t) <= C1/alpha + C2 Delta(t)" from the two terms of
   step 8: the first <= ||Sigma(t) - Sigma(0)|| ||grad R(y)|| with ||Sigma(t) - Sigma(0)|| <= Lip(Sigma)
   ||w(t) - w0|| and ||w(t) - w0|| <= c/alpha (step 4), ||grad R(y)|| <= G (step 5); the second <=
   ||Sigma(0)|| Lip(grad R) Delta.  Hypotheses: Ddot stands for Delta'(t) bounded by the two terms
   (steps 7-8); the operator-norm bound of Sigma(t) - Sigma(0) by LipSigma * disp (disp = ||w(t) -
   w0||); ||g|| <= G; the operator-norm bound ||S0 v|| <= s0 ||v|| (s0 = ||Sigma(0)||); Lipschitz
   grad R: ||g - gbar|| <= LipR Delta.  Constants: C1 = LipSigma c G, C2 = s0 LipR. *)
Lemma c_delta_rate {F : NormedModule R_AbsRing} (St S0 : F -> F) (g gbar : F)
    (Ddot Delta LipSigma disp c alpha G s0 LipR : R) :
  0 < alpha -> 0 <= LipSigma -> 0 <= s0 ->
  Ddot <= norm (minus (St g) (S0 g)) + norm (S0 (minus g gbar)) ->
  (forall v, norm (minus (St v) (S0 v)) <= LipSigma * disp * norm v) ->
  0 <= disp -> disp <= c / alpha ->
  norm g <= G ->
  (forall v, norm (S0 v) <= s0 * norm v) ->
  norm (minus g gbar) <= LipR * Delta ->
  Ddot <= LipSigma * c * G / alpha + s0 * LipR * Delta.
Proof.
  intros Ha HLS Hs0 HD HSt Hd0 Hd Hg HS0 HR.
  pose proof (HSt g) as H1. pose proof (HS0 (minus g gbar)) as H2.
  pose proof (norm_ge_0 g) as Hng.
  assert (T1 : LipSigma * disp * norm g <= LipSigma * c * G / alpha).
  { apply Rle_trans with (LipSigma * (c / alpha) * norm g).
    - apply Rmult_le_compat_r; [exact Hng |]. apply Rmult_le_compat_l; lra.
    - assert (0 <= LipSigma * (c / alpha)) by (apply Rmult_le_pos; lra).
      replace (LipSigma * c * G / alpha) with (LipSigma * (c / alpha) * G) by (field; lra).
      apply Rmult_le_compat_l; lra. }
  assert (T2 : s0 * norm (minus g gbar) <= s0 * LipR * Delta).
  { rewrite Rmult_assoc. apply Rmult_le_compat_l; lra. }
  lra.
Qed.

(* 12. smith, Theorem 2.2, proof, step 14: "sup ||w'(t) - wbar'(t)|| <= C/alpha^2": w' = -(1/alpha)
   Dh(w(t))^T grad R(y), wbar' = -(1/alpha) Dh(w0)^T grad R(ybar), split as in the text's display and
   bounded by (1/alpha)(Lip(Dh) ||w - w0|| ||grad R(y)|| + ||Dh(w0)|| Lip(grad R) Delta), with ||w - w0||
   <= c/alpha (step 4) and Delta <= c'/alpha (steps 9-11).  At, A0 stand for Dh(w(t))^T, Dh(w0)^T;
   g, gbar for grad R(y(t)), grad R(ybar(t)).  Hypotheses: the two velocities; A0 linear; the
   operator-norm bound ||(At - A0) v|| <= L disp ||v|| (Lipschitz Dh, disp = ||w(t) - w0||); ||g|| <= G
   (step 5); ||A0 v|| <= n0 ||v||; Lipschitz grad R: ||g - gbar|| <= LipR Delta.
   C = L c G + n0 LipR c'. *)
Lemma c_speed_gap {P F : NormedModule R_AbsRing} (At A0 : F -> P) (g gbar : F) (w' wbar' : P)
    (alpha L disp c G n0 LipR Delta c' : R) :
  0 < alpha ->
  w' = scal (- / alpha) (At g) ->
  wbar' = scal (- / alpha) (A0 gbar) ->
  (forall x y, A0 (minus x y) = minus (A0 x) (A0 y)) ->
  (forall v, norm (minus (At v) (A0 v)) <= L * disp * norm v) ->
  0 <= L -> 0 <= disp -> disp <= c / alpha ->
  norm g <= G ->
  (forall v, norm (A0 v) <= n0 * norm v) -> 0 <= n0 ->
  norm (minus g gbar) <= LipR * Delta -> 0 <= LipR -> Delta <= c' / alpha ->
  norm (minus w' wbar') <= (L * c * G + n0 * LipR * c') / alpha ^ 2.
Proof.
  intros Ha Hw Hwb Hlin HAt HL Hd0 Hd Hg HA0 Hn0 HR HLR HDe.
  rewrite (c_scal_minus_eq _ _ _ _ _ Hw Hwb).
  assert (Hia : 0 < / alpha) by (apply Rinv_0_lt_compat; lra).
  eapply Rle_trans; [apply c_norm_scal_le |].
  rewrite Rabs_Ropp, Rabs_right by lra.
  rewrite (c_minus_trans (A0 g)), <- Hlin.
  pose proof (norm_triangle (minus (At g) (A0 g)) (A0 (minus g gbar))) as Ht.
  pose proof (HAt g) as H1. pose proof (HA0 (minus g gbar)) as H2.
  pose proof (norm_ge_0 g) as Hng.
  assert (T1 : L * disp * norm g <= L * c * G / alpha).
  { apply Rle_trans with (L * (c / alpha) * norm g).
    - apply Rmult_le_compat_r; [exact Hng |]. apply Rmult_le_compat_l; lra.
    - assert (0 <= L * (c / alpha)) by (apply Rmult_le_pos; lra).
      replace (L * c * G / alpha) with (L * (c / alpha) * G) by (field; lra).
      apply Rmult_le_compat_l; lra. }
  assert (T2 : n0 * norm (minus g gbar) <= n0 * LipR * c' / alpha).
  { apply Rle_trans with (n0 * (LipR * Delta)); [apply Rmult_le_compat_l; lra |].
    replace (n0 * LipR * c' / alpha) with (n0 * (LipR * (c' / alpha))) by (field; lra).
    apply Rmult_le_compat_l; [lra |]. apply Rmult_le_compat_l; lra. }
  replace ((L * c * G + n0 * LipR * c') / alpha ^ 2)
    with (/ alpha * (L * c * G / alpha + n0 * LipR * c' / alpha)) by (field; lra).
  apply Rmult_le_compat_l; lra.
Qed.

(* ------------------------------------------------------------------------------------------------ *)
(* 13. smith, Theorem 2.4, proof, step 1 (first display): "Lip(Dh)^2 ||w - w0||^2 ||f||^2 >= ||Dh(w) -
   Dh(w0)||^2 ||f||^2 >= ||(Dh(w) - Dh(w0))^T f||^2 = ||Dh(w)^T f - Dh(w0)^T f||^2".  DhT w stands for
   Dh(w)^T : F -> R^p.  Hypotheses: the operator-norm bound of (Dh(w) - Dh(w0))^T by nDiff = ||Dh(w) -
   Dh(w0)|| (= the norm of its transpose), and Lipschitz Dh: nDiff <= Lip(Dh) ||w - w0||. *)
Lemma c_gram_lipschitz {W F P : NormedModule R_AbsRing} (DhT : W -> F -> P) (w w0 : W) (f : F)
    (nDiff LipDh : R) :
  (forall v, norm (minus (DhT w v) (DhT w0 v)) <= nDiff * norm v) ->
  0 <= nDiff -> nDiff <= LipDh * norm (minus w w0) ->
  norm (minus (DhT w f) (DhT w0 f)) ^ 2 <= nDiff ^ 2 * norm f ^ 2 /\
  nDiff ^ 2 * norm f ^ 2 <= LipDh ^ 2 * norm (minus w w0) ^ 2 * norm f ^ 2.
Proof.
  intros Hop Hn HL.
  pose proof (Hop f). pose proof (norm_ge_0 f). pose proof (norm_ge_0 (minus (DhT w f) (DhT w0 f))).
  split.
  - replace (nDiff ^ 2 * norm f ^ 2) with ((nDiff * norm f) ^ 2) by ring.
    apply pow_incr. lra.
  - replace (nDiff ^ 2 * norm f ^ 2) with ((nDiff * norm f) ^ 2) by ring.
    replace (LipDh ^ 2 * norm (minus w w0) ^ 2 * norm f ^ 2)
      with ((LipDh * norm (minus w w0) * norm f) ^ 2) by ring.
    apply pow_incr. split; [apply Rmult_le_pos; lra |].
    apply Rmult_le_compat_r; lra.
Qed.

(* 14. smith, Theorem 2.4, proof, step 13: "K <= 2 M Lip(h) Lip(Dh) sup ||w - w0|| sup ||y - y star||"
   with K = sup_t ||(Sigma(t) - Sigma(0)) grad R(y(t))||: the bound holds at every t >= 0, hence for the
   sup.  S t stands for Sigma(w(t)), g t for grad R(y(t)), y t for y(t).  Hypotheses: the operator-norm
   bound ||(Sigma(t) - Sigma(0)) v|| <= Lip(Sigma) ||w(t) - w0|| ||v||; Lip(Sigma) <= 2 Lip(h) Lip(Dh)
   (cited from chizat-bach); M-smoothness of R with grad R(y star) = 0: ||g t|| <= M ||y(t) - y star||;
   Dw, Dy bound ||w(t) - w0||, ||y(t) - y star|| (the two sups). *)
Lemma c_kernel_drift {F W : NormedModule R_AbsRing} (S : R -> F -> F) (g y : R -> F) (ystar : F)
    (w : R -> W) (w0 : W) (M LipH LipDh LipSigma Dw Dy : R) :
  (forall t v, 0 <= t -> norm (minus (S t v) (S 0 v)) <= LipSigma * norm (minus (w t) w0) * norm v) ->
  0 <= LipSigma -> LipSigma <= 2 * LipH * LipDh -> 0 <= M ->
  (forall t, 0 <= t -> norm (g t) <= M * norm (minus (y t) ystar)) ->
  (forall t, 0 <= t -> norm (minus (w t) w0) <= Dw) ->
  (forall t, 0 <= t -> norm (minus (y t) ystar) <= Dy) ->
  forall t, 0 <= t -> norm (minus (S t (g t)) (S 0 (g t))) <= 2 * M * LipH * LipDh * Dw * Dy.
Proof.
  intros HS HLS HLS2 HM Hg Hw Hy t Ht.
  pose proof (HS t (g t) Ht) as H1. pose proof (Hg t Ht) as H2.
  pose proof (Hw t Ht) as H3. pose proof (Hy t Ht) as H4.
  pose proof (norm_ge_0 (minus (w t) w0)). pose proof (norm_ge_0 (g t)).
  pose proof (norm_ge_0 (minus (y t) ystar)).
  assert (Hgt : norm (g t) <= M * Dy) by (eapply Rle_trans; [exact H2 | apply Rmult_le_compat_l; lra]).
  apply Rle_trans with (LipSigma * norm (minus (w t) w0) * norm (g t)); [exact H1 |].
  apply Rle_trans with (LipSigma * Dw * (M * Dy)).
  - apply Rmult_le_compat; [apply Rmult_le_pos; lra | lra | apply Rmult_le_compat_l; lra | lra].
  - replace (2 * M * LipH * LipDh * Dw * Dy) with (2 * LipH * LipDh * Dw * (M * Dy)) by ring.
    assert (0 <= M * Dy) by lra.
    apply Rmult_le_compat_r; [lra |]. apply Rmult_le_compat_r; lra.
Qed.

(* 15. smith, Theorem 2.4, proof, step 11: "exp(-3 m sigma_min^2 t/4) <= exp(-m sigma_min^2 t/4), t >= 0"
   (m = mu >= 0). *)
Lemma c_exp_rate_monotone (m sigma t : R) :
  0 <= m -> 0 <= t ->
  exp (- (3 * m * sigma ^ 2 / 4) * t) <= exp (- (m * sigma ^ 2 / 4) * t).
Proof.
  intros Hm Ht. apply c_exp_le.
  assert (0 <= m * sigma ^ 2 * t).
  { apply Rmult_le_pos; [apply Rmult_le_pos; [lra | apply pow2_ge_0] | lra]. }
  lra.
Qed.

(* 16. smith, Theorem 2.4, proof, step 14, corrected: "sup ||y - ybar|| <= K ||Sigma(0)||^{1/2}/(lam^{3/2}
   m) <= (16 kappa^{3/2} ||Sigma(0)||^{1/2} Lip(h) Lip(Dh) ||y star||/sigma^3) sup ||w - w0||" with the
   floor lam = sigma^2/4 (the text's lam = 3 sigma^2/4 is not established, see Errata.v); the text's own
   constant 16 is exactly what lam = sigma^2/4 gives.  The arithmetic: K <= 2 M Lip(h) Lip(Dh) D Y (step
   13, M = nu the smoothness of R, D = sup ||w - w0||, Y = sup ||y - y star||), Y <= sqrt(kappa) ||y star||
   (Lemma B.1 with y(0) = alpha h(w0) = 0), s0 = ||Sigma(0)||, (sigma^2/4)^{3/2} written
   (sigma^2/4) sqrt(sigma^2/4). *)
Lemma c_stability_constant (K s0 sigma mu nu kappa LipH LipDh D Y ystar : R) :
  0 < sigma -> 0 < mu -> 0 <= nu -> kappa = nu / mu -> 0 <= s0 ->
  0 <= LipH -> 0 <= LipDh -> 0 <= D ->
  K <= 2 * nu * LipH * LipDh * D * Y ->
  Y <= sqrt kappa * ystar ->
  K * sqrt s0 / (sigma ^ 2 / 4 * sqrt (sigma ^ 2 / 4) * mu)
    <= 16 * kappa * sqrt kappa * sqrt s0 * LipH * LipDh * ystar / sigma ^ 3 * D.
Proof.
  intros Hs Hmu Hnu Hk Hs0 HLH HLD HD HK HY.
  assert (Hsq : sqrt (sigma ^ 2 / 4) = sigma / 2).
  { replace (sigma ^ 2 / 4) with ((sigma / 2) ^ 2) by field. apply sqrt_pow2. lra. }
  rewrite Hsq.
  assert (Hq : 0 < sigma ^ 2 / 4 * (sigma / 2) * mu).
  { assert (0 < sigma ^ 2) by (apply pow_lt; lra).
    assert (0 < sigma ^ 2 / 4 * (sigma / 2)) by (apply Rmult_lt_0_compat; lra).
    apply Rmult_lt_0_compat; lra. }
  assert (Hc : 0 <= 2 * nu * LipH * LipDh * D).
  { repeat apply Rmult_le_pos; lra. }
  assert (HK2 : K <= 2 * nu * LipH * LipDh * D * (sqrt kappa * ystar)).
  { eapply Rle_trans; [exact HK | apply Rmult_le_compat_l; lra]. }
  pose proof (sqrt_pos s0).
  apply Rle_trans with (2 * nu * LipH * LipDh * D * (sqrt kappa * ystar) * sqrt s0
                          / (sigma ^ 2 / 4 * (sigma / 2) * mu)).
  - unfold Rdiv. apply Rmult_le_compat_r; [left; apply Rinv_0_lt_compat; lra |].
    apply Rmult_le_compat_r; lra.
  - right. subst kappa. field. split; lra.
Qed.

(* ------------------------------------------------------------------------------------------------ *)
(* 17. chizat-bach, Theorem 3.4, Appendix B, Step 1 (step 4 of the chain): "The second order derivative
   of G_alpha is the sum of a first term with eigenvalues in an interval [C^{-1}, C]": the first term is
   v -> q(D psi^{-1} v) with q the quadratic form of grad^2 R.  D stands for D psi^{-1}_g; hypotheses:
   a ||v||^2 <= ||D v||^2 <= b ||v||^2 (D psi^{-1} invertible with bounded norm on Fbar0), and
   mu ||u||^2 <= q(u) <= nu ||u||^2 (mu <= grad^2 R <= nu).  c_eigen_interval gives the interval with
   C = max(nu b, 1/(mu a)). *)
Lemma c_eigen_sandwich {U V : NormedModule R_AbsRing} (D : U -> V) (q : V -> R) (a b mu nu : R) :
  0 <= mu -> 0 <= nu ->
  (forall v, a * norm v ^ 2 <= norm (D v) ^ 2) ->
  (forall v, norm (D v) ^ 2 <= b * norm v ^ 2) ->
  (forall u, mu * norm u ^ 2 <= q u) ->
  (forall u, q u <= nu * norm u ^ 2) ->
  forall v, mu * a * norm v ^ 2 <= q (D v) <= nu * b * norm v ^ 2.
Proof.
  intros Hmu Hnu Ha Hb Hq1 Hq2 v.
  pose proof (Ha v). pose proof (Hb v). pose proof (Hq1 (D v)). pose proof (Hq2 (D v)).
  split.
  - rewrite Rmult_assoc. eapply Rle_trans; [apply Rmult_le_compat_l; [exact Hmu | eassumption] | lra].
  - rewrite Rmult_assoc. eapply Rle_trans; [| apply Rmult_le_compat_l; [exact Hnu | eassumption]]. lra.
Qed.

Lemma c_eigen_interval {U V : NormedModule R_AbsRing} (D : U -> V) (q : V -> R) (a b mu nu : R) :
  0 < mu -> 0 < a -> 0 <= nu ->
  (forall v, a * norm v ^ 2 <= norm (D v) ^ 2) ->
  (forall v, norm (D v) ^ 2 <= b * norm v ^ 2) ->
  (forall u, mu * norm u ^ 2 <= q u) ->
  (forall u, q u <= nu * norm u ^ 2) ->
  forall v, / Rmax (nu * b) (/ (mu * a)) * norm v ^ 2 <= q (D v)
            <= Rmax (nu * b) (/ (mu * a)) * norm v ^ 2.
Proof.
  intros Hmu Ha Hnu H1 H2 Hq1 Hq2 v.
  destruct (c_eigen_sandwich D q a b mu nu (Rlt_le _ _ Hmu) Hnu H1 H2 Hq1 Hq2 v) as [L R].
  assert (Hma : 0 < mu * a) by (apply Rmult_lt_0_compat; lra).
  assert (Hi : 0 < / (mu * a)) by (apply Rinv_0_lt_compat; lra).
  pose proof (Rmax_l (nu * b) (/ (mu * a))). pose proof (Rmax_r (nu * b) (/ (mu * a))).
  pose proof (pow2_ge_0 (norm v)).
  split.
  - apply Rle_trans with (mu * a * norm v ^ 2); [| exact L].
    apply Rmult_le_compat_r; [lra |].
    apply Rle_trans with (/ / (mu * a)); [apply Rinv_le_contravar; lra | rewrite Rinv_inv; lra].
  - apply Rle_trans with (nu * b * norm v ^ 2); [exact R |].
    apply Rmult_le_compat_r; lra.
Qed.

(* 18. smith, Proposition A.1, proof, step 4: "sup_x ||alpha fbar(w, x) - alpha fbar(wbar, x)|| <= alpha
   M1 ||w - wbar||" (matrix norm).  fbar x is the linearized model at input x, A0 x stands for
   Df(w0, x).  Hypotheses: fbar(w, x) - fbar(wbar, x) = Df(w0, x)(w - wbar) (fbar affine with slope
   Df(w0, x)); the operator-norm bound ||Df(w0, x) v|| <= M1 ||v|| uniformly in x. *)
Lemma c_linear_lipschitz {X : Type} {U V : NormedModule R_AbsRing} (fbar A0 : X -> U -> V)
    (alpha M1 : R) :
  0 <= alpha ->
  (forall x w wbar, minus (fbar x w) (fbar x wbar) = A0 x (minus w wbar)) ->
  (forall x v, norm (A0 x v) <= M1 * norm v) ->
  forall x w wbar,
    norm (minus (scal alpha (fbar x w)) (scal alpha (fbar x wbar))) <= alpha * M1 * norm (minus w wbar).
Proof.
  intros Ha Hlin Hop x w wbar.
  rewrite c_scal_minus, Hlin.
  eapply Rle_trans; [apply c_norm_scal_le |].
  rewrite Rabs_right by lra. rewrite Rmult_assoc.
  apply Rmult_le_compat_l; [lra | apply Hop].
Qed.

(* 19. chizat-bach, Theorem 3.4, Appendix B, Step 3 (step 19 of the chain): "by choosing alpha large
   enough, one has w(t) in W0 for all t >= 0, so T = +oo": ||w(t) - w0|| <= C/(alpha C2) (the display
   of Step 3, step 17) and alpha > C/(C2 rho) give ||w(t) - w0|| < rho, rho the radius of a ball around
   w0 inside W0. *)
Lemma c_stays_in_chart {W : NormedModule R_AbsRing} (w : R -> W) (w0 : W) (C C2 alpha rho : R) :
  0 < C2 -> 0 < rho -> 0 < alpha ->
  (forall t, 0 <= t -> norm (minus (w t) w0) <= C / (alpha * C2)) ->
  C / (C2 * rho) < alpha ->
  forall t, 0 <= t -> norm (minus (w t) w0) < rho.
Proof.
  intros HC2 Hrho Ha Hw Hal t Ht.
  eapply Rle_lt_trans; [exact (Hw t Ht) |].
  apply Rmult_lt_compat_r with (r := C2 * rho) in Hal; [| apply Rmult_lt_0_compat; lra].
  replace (C / (C2 * rho) * (C2 * rho)) with C in Hal by (field; lra).
  apply Rmult_lt_reg_r with (alpha * C2); [apply Rmult_lt_0_compat; lra |].
  replace (C / (alpha * C2) * (alpha * C2)) with C by (field; lra).
  lra.
Qed.
