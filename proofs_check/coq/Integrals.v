(** * Integral lemmas (Coquelicot [RInt] / [is_RInt]) for the lazycheck development.

    Vector-valued functions take values in a complete normed module [V] over the reals
    ([CompleteNormedModule R_AbsRing]); derivatives are Coquelicot's two-sided [is_derive]
    at every point of the closed interval (a mild strengthening, at the endpoints, of the
    one-sided derivatives the texts use). *)

From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.

Open Scope R_scope.

(** Rewriting the value of an integral. *)
Lemma int_is_RInt_eq_val : forall (V : NormedModule R_AbsRing) (f : R -> V) (a b : R) (l l' : V),
  is_RInt f a b l -> l = l' -> is_RInt f a b l'.
Proof. intros V f a b l l' H E. rewrite <- E. exact H. Qed.

(** Rewriting the value of a derivative. *)
Lemma int_is_derive_eq_val : forall (V : NormedModule R_AbsRing) (f : R -> V) (x : R) (l l' : V),
  is_derive f x l -> l = l' -> is_derive f x l'.
Proof. intros V f x l l' H E. rewrite <- E. exact H. Qed.

(* smith, Theorem 2.2, step 1: "||w(t) - w0|| <= int_0^T ||w'(s)|| ds (Fundamental Theorem of
   Calculus, properties of the integral)"; also smith's corrected steps
   "Delta(t) <= int_0^t ||y' - ybar'||" and "delta(t) <= int_0^t ||w' - wbar'||".
   Hypotheses: w : [0, t] -> V has derivative dw at every point of [0, t] (V a complete normed
   space, e.g. the parameter space R^p), dw is continuous on [0, t]; g is a real function with
   integral I over [0, t] that dominates ||dw|| pointwise (g = ||w'|| in the text). *)
Lemma norm_integral_le : forall (V : CompleteNormedModule R_AbsRing) (w dw : R -> V)
  (g : R -> R) (t I : R),
  0 <= t ->
  (forall s, 0 <= s <= t -> is_derive w s (dw s)) ->
  (forall s, 0 <= s <= t -> continuous dw s) ->
  is_RInt g 0 t I ->
  (forall s, 0 <= s <= t -> norm (dw s) <= g s) ->
  norm (minus (w t) (w 0)) <= I.
Proof.
  intros V w dw g t I Ht Hd Hc Hg Hle.
  assert (Hw : is_RInt dw 0 t (minus (w t) (w 0))).
  { apply is_RInt_derive.
    - intros x Hx. rewrite Rmin_left in Hx by lra. rewrite Rmax_right in Hx by lra. auto.
    - intros x Hx. rewrite Rmin_left in Hx by lra. rewrite Rmax_right in Hx by lra. auto. }
  exact (norm_RInt_le dw g 0 t _ _ Ht Hle Hw Hg).
Qed.

(* smith, Theorem 2.2, step 2: "int_0^T ||grad F|| <= sqrt(T) (int_0^T ||grad F||^2)^{1/2}
   (Cauchy-Schwarz for L^2([0, T]))".
   Hypotheses: 0 < T; g (standing for s |-> ||grad F(w(s))||) is continuous on [0, T]. *)
Lemma integral_cauchy_schwarz : forall (g : R -> R) (T : R),
  0 < T ->
  (forall s, 0 <= s <= T -> continuous g s) ->
  RInt g 0 T <= sqrt T * sqrt (RInt (fun s => g s ^ 2) 0 T).
Proof.
  intros g T HT Hc.
  assert (Hc' : forall z, Rmin 0 T <= z <= Rmax 0 T -> continuous g z).
  { intros z Hz. rewrite Rmin_left in Hz by lra. rewrite Rmax_right in Hz by lra. auto. }
  assert (Hc2 : forall z, Rmin 0 T <= z <= Rmax 0 T -> continuous (fun s => g s ^ 2) z).
  { intros z Hz. apply (continuous_comp g (fun x => x ^ 2)).
    - apply Hc'. exact Hz.
    - apply (ex_derive_continuous (K := R_AbsRing) (V := R_NormedModule)).
      auto_derive. exact I. }
  pose proof (RInt_correct g 0 T (ex_RInt_continuous g 0 T Hc')) as HG.
  pose proof (RInt_correct _ 0 T (ex_RInt_continuous _ 0 T Hc2)) as HQ.
  set (G := RInt g 0 T) in *.
  set (Q := RInt (fun s => g s ^ 2) 0 T) in *.
  set (m := G / T).
  pose proof (is_RInt_plus _ _ 0 T _ _
                (is_RInt_minus _ _ 0 T _ _ HQ (is_RInt_scal _ 0 T (2 * m) _ HG))
                (is_RInt_const 0 T (m ^ 2))) as H1.
  assert (H2 : is_RInt (fun s => (g s - m) ^ 2) 0 T (Q - 2 * m * G + (T - 0) * m ^ 2)).
  { apply is_RInt_ext with (f := fun x => g x ^ 2 - 2 * m * g x + m ^ 2).
    - intros x _.
      assert (E : g x ^ 2 - 2 * m * g x + m ^ 2 = (g x - m) ^ 2) by ring. exact E.
    - exact H1. }
  assert (H3 : 0 <= Q - 2 * m * G + (T - 0) * m ^ 2).
  { apply (is_RInt_ge_0 _ 0 T _ (Rlt_le _ _ HT) H2). intros x _. apply pow2_ge_0. }
  assert (H4 : G * G <= T * Q).
  { unfold m in H3.
    replace (Q - 2 * (G / T) * G + (T - 0) * (G / T) ^ 2) with ((T * Q - G * G) / T)
      in H3 by (field; lra).
    apply Rmult_le_compat_r with (r := T) in H3; [ | lra].
    unfold Rdiv in H3. rewrite Rmult_assoc, Rinv_l, Rmult_1_r, Rmult_0_l in H3 by lra.
    lra. }
  assert (HQ0 : 0 <= Q).
  { apply (is_RInt_ge_0 _ 0 T _ (Rlt_le _ _ HT) HQ). intros x _. apply pow2_ge_0. }
  rewrite <- sqrt_mult by lra.
  apply Rle_trans with (Rabs G); [apply Rle_abs | ].
  rewrite <- sqrt_Rsqr_abs. apply sqrt_le_1_alt. unfold Rsqr. exact H4.
Qed.

(** int_0^1 c s ds = c / 2. *)
Lemma int_is_RInt_linear_01 : forall c : R, is_RInt (fun s => c * s) 0 1 (c / 2).
Proof.
  intros c.
  apply (int_is_RInt_eq_val R_NormedModule _ 0 1 (minus (c * 1 ^ 2 / 2) (c * 0 ^ 2 / 2))).
  - apply (is_RInt_derive (fun s => c * s ^ 2 / 2) (fun s => c * s)).
    + intros x _. auto_derive; [exact I | field].
    + intros x _. apply (ex_derive_continuous (K := R_AbsRing) (V := R_NormedModule)).
      auto_derive. exact I.
  - change (c * 1 ^ 2 / 2 - c * 0 ^ 2 / 2 = c / 2). field.
Qed.

(* smith, Proposition A.1, step 3: "||f(w,x) - fbar(w,x)|| <= (1/2) Lip(Df) ||w - w0||^2
   (int_0^1 t dt = 1/2)".
   Hypotheses: I is the integral over [0, 1] of r : [0, 1] -> V (r(s) stands for
   (Df(w0 + s(w - w0)) - Df(w0))(w - w0), V the output space); ||r(s)|| <= L s d^2 on [0, 1]
   (L = Lip(Df), d = ||w - w0||; this is the Lipschitz property of Df). *)
Lemma taylor_remainder : forall (V : CompleteNormedModule R_AbsRing) (r : R -> V) (I : V)
  (L d : R),
  is_RInt r 0 1 I ->
  (forall s, 0 <= s <= 1 -> norm (r s) <= L * s * d ^ 2) ->
  norm I <= L / 2 * d ^ 2.
Proof.
  intros V r I L d HI Hle.
  assert (Hg : is_RInt (fun s => L * s * d ^ 2) 0 1 (L / 2 * d ^ 2)).
  { apply is_RInt_ext with (f := fun s => (L * d ^ 2) * s).
    - intros x _. assert (E : L * d ^ 2 * x = L * x * d ^ 2) by ring. exact E.
    - apply (int_is_RInt_eq_val R_NormedModule _ 0 1 (L * d ^ 2 / 2)).
      + apply int_is_RInt_linear_01.
      + change (L * d ^ 2 / 2 = L / 2 * d ^ 2). field. }
  exact (norm_RInt_le r _ 0 1 _ _ Rle_0_1 Hle HI Hg).
Qed.

(* smith, Proposition A.1, step 2 (corrected: the identity is an equality, the text writes <=):
   f(w) - f(w0) - Df(w0)(w - w0) = int_0^1 (Df(w0 + s(w - w0)) - Df(w0))(w - w0) ds.
   Hypotheses: g(s) stands for f(w0 + s(w - w0)) with values in V; g has derivative dg at every
   point of [0, 1] (dg(s) = Df(w0 + s(w - w0))(w - w0), the chain rule), dg is continuous on
   [0, 1]; v0 is a constant vector (standing for Df(w0)(w - w0)). *)
Lemma taylor_identity : forall (V : CompleteNormedModule R_AbsRing) (g dg : R -> V) (v0 : V),
  (forall s, 0 <= s <= 1 -> is_derive g s (dg s)) ->
  (forall s, 0 <= s <= 1 -> continuous dg s) ->
  is_RInt (fun s => minus (dg s) v0) 0 1 (minus (minus (g 1) (g 0)) v0).
Proof.
  intros V g dg v0 Hd Hc.
  assert (H1 : is_RInt dg 0 1 (minus (g 1) (g 0))).
  { apply is_RInt_derive.
    - intros x Hx. rewrite Rmin_left in Hx by lra. rewrite Rmax_right in Hx by lra. auto.
    - intros x Hx. rewrite Rmin_left in Hx by lra. rewrite Rmax_right in Hx by lra. auto. }
  assert (H2 : is_RInt (fun _ => v0) 0 1 v0).
  { apply (int_is_RInt_eq_val V _ 0 1 (scal (1 - 0) v0)).
    - exact (is_RInt_const 0 1 v0).
    - replace (1 - 0) with 1 by ring. exact (scal_one v0). }
  exact (is_RInt_minus _ _ 0 1 _ _ H1 H2).
Qed.

(* smith, Section 2 (homogeneous scaling): "the gradient flow on G from alpha^{1/m} w0 at time t is
   the path of the flow with speed alpha^{2/m}" -- a time change: if v' = c G(v) (the flow run at
   speed c > 0) then u(s) = v(s / c) solves u' = G(u), so v(t) = u(c t) is the same path, reached
   at time c t.
   Hypotheses: V a normed space (the parameter space); G : V -> V the vector field (minus the
   gradient); v solves v' = c G(v) at every time; 0 < c (c stands for alpha^{2/m}). *)
Lemma time_change_flow : forall (V : NormedModule R_AbsRing) (G : V -> V) (v : R -> V) (c : R),
  0 < c ->
  (forall s, is_derive v s (scal c (G (v s)))) ->
  forall s, is_derive (fun r => v (r / c)) s (G (v (s / c))).
Proof.
  intros V G v c Hc Hv s.
  assert (Hl : is_derive (fun r : R => r / c) s (/ c)).
  { auto_derive; [exact I | field; lra]. }
  pose proof (is_derive_comp v (fun r : R => r / c) s _ _ (Hv (s / c)) Hl) as H.
  assert (E : scal (/ c) (scal c (G (v (s / c)))) = G (v (s / c))).
  { rewrite scal_assoc. change (mult (/ c) c) with (/ c * c).
    rewrite Rinv_l by lra. exact (scal_one _). }
  exact (int_is_derive_eq_val V _ s _ _ H E).
Qed.

(* chizat-bach, Theorem 3.2: "int_0^t exp(-(mu sigma_min^2/4) s) ds" (evaluation of the integral):
   int_0^t exp(-a s) ds = (1 - exp(-a t)) / a.
   Hypotheses: a <> 0 (a stands for mu sigma_min^2 / 4). *)
Lemma exp_decay_integral : forall a t : R,
  a <> 0 ->
  is_RInt (fun s => exp (- a * s)) 0 t ((1 - exp (- a * t)) / a).
Proof.
  intros a t Ha.
  apply (int_is_RInt_eq_val R_NormedModule _ 0 t
           (minus (- exp (- a * t) / a) (- exp (- a * 0) / a))).
  - apply (is_RInt_derive (fun s => - exp (- a * s) / a) (fun s => exp (- a * s))).
    + intros x _. auto_derive; [exact I | field; exact Ha].
    + intros x _. apply (ex_derive_continuous (K := R_AbsRing) (V := R_NormedModule)).
      auto_derive. exact I.
  - change (- exp (- a * t) / a - - exp (- a * 0) / a = (1 - exp (- a * t)) / a).
    rewrite Rmult_0_r, exp_0. field. exact Ha.
Qed.

(* chizat-bach, Theorem 3.2: "int_0^t exp(-(mu sigma_min^2/4) s) ds" is bounded by
   4/(mu sigma_min^2): int_0^t exp(-a s) ds <= 1/a.
   Hypotheses: 0 < a (a stands for mu sigma_min^2 / 4), 0 <= t. *)
Lemma exp_decay_integral_le : forall a t : R,
  0 < a -> 0 <= t ->
  RInt (fun s => exp (- a * s)) 0 t <= 1 / a.
Proof.
  intros a t Ha Ht.
  rewrite (is_RInt_unique _ 0 t _ (exp_decay_integral a t ltac:(lra))).
  unfold Rdiv. apply Rmult_le_compat_r.
  - apply Rlt_le, Rinv_0_lt_compat. exact Ha.
  - pose proof (exp_pos (- a * t)). lra.
Qed.

(* smith, Theorem 2.2, step 15 ("delta(0) = 0, delta' <= C/alpha^2, so delta(t) <= T C/alpha^2"),
   without differentiating delta = ||w - wbar|| (not differentiable where it vanishes): the
   fundamental theorem of calculus for e = w - wbar gives ||e(t)|| <= int_0^t ||e'|| <= T B.
   Hypotheses: V a complete normed space (the parameter space); 0 <= B (B stands for C/alpha^2);
   e(0) = 0 (same initialization w(0) = wbar(0)); e has derivative de on [0, T] (de = w' - wbar'),
   de is continuous on [0, T]; ||de|| <= B on [0, T] (the text's bound on ||w' - wbar'||). *)
Lemma delta_linear_bound : forall (V : CompleteNormedModule R_AbsRing) (e de : R -> V) (B T : R),
  0 <= B -> e 0 = zero ->
  (forall s, 0 <= s <= T -> is_derive e s (de s)) ->
  (forall s, 0 <= s <= T -> continuous de s) ->
  (forall s, 0 <= s <= T -> norm (de s) <= B) ->
  forall t, 0 <= t <= T -> norm (e t) <= T * B.
Proof.
  intros V e de B T HB H0 Hd Hc Hle t Ht.
  assert (HI : is_RInt (fun _ => B) 0 t (t * B)).
  { apply (int_is_RInt_eq_val R_NormedModule _ 0 t (scal (t - 0) B)); [apply (@is_RInt_const R_NormedModule)|].
    change ((t - 0) * B = t * B). ring. }
  assert (H := norm_integral_le V e de (fun _ => B) t (t * B) (proj1 Ht)
                 (fun s Hs => Hd s (conj (proj1 Hs) (Rle_trans _ _ _ (proj2 Hs) (proj2 Ht))))
                 (fun s Hs => Hc s (conj (proj1 Hs) (Rle_trans _ _ _ (proj2 Hs) (proj2 Ht))))
                 HI
                 (fun s Hs => Hle s (conj (proj1 Hs) (Rle_trans _ _ _ (proj2 Hs) (proj2 Ht))))).
  rewrite H0, minus_zero_r in H.
  apply Rle_trans with (1 := H). apply Rmult_le_compat_r; lra.
Qed.

(* smith, Section 2 (homogeneous scaling), the time change for forward times only (the flows of
   the text start at time 0): if v' = c G(v) for s >= 0 (the flow run at speed c > 0), then
   u(s) = v(s / c) solves u' = G(u) for s >= 0, so v(t) = u(c t) is the same path reached at
   time c t. (That this path IS the flow of G from the same start also needs uniqueness of the
   solution, e.g. G locally Lipschitz; not proved here.)
   Hypotheses: V a normed space (the parameter space); G : V -> V the vector field (minus the
   gradient); 0 < c (c stands for alpha^{2/m}); v solves v' = c G(v) at every time s >= 0
   (two-sided derivative at s = 0). *)
Lemma time_change_flow_nonneg : forall (V : NormedModule R_AbsRing) (G : V -> V) (v : R -> V) (c : R),
  0 < c ->
  (forall s, 0 <= s -> is_derive v s (scal c (G (v s)))) ->
  forall s, 0 <= s -> is_derive (fun r => v (r / c)) s (G (v (s / c))).
Proof.
  intros V G v c Hc Hv s Hs.
  assert (Hl : is_derive (fun r : R => r / c) s (/ c)).
  { auto_derive; [exact I | field; lra]. }
  assert (Hsc : 0 <= s / c) by (apply Rdiv_le_0_compat; lra).
  pose proof (is_derive_comp v (fun r : R => r / c) s _ _ (Hv (s / c) Hsc) Hl) as H.
  assert (E : scal (/ c) (scal c (G (v (s / c)))) = G (v (s / c))).
  { rewrite scal_assoc. change (mult (/ c) c) with (/ c * c).
    rewrite Rinv_l by lra. exact (scal_one _). }
  exact (int_is_derive_eq_val V _ s _ _ H E).
Qed.
