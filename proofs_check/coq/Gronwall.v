(** * Gronwall-type comparison lemmas (real-analysis core of lazycheck).

    Derivatives are Coquelicot's [is_derive] (two-sided) at every point of a closed interval
    [0, T]; at the endpoints this is a mild strengthening of the one-sided derivatives that the
    texts use. *)

From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.

Open Scope R_scope.

(** A function differentiable at a point is continuous there (Reals' notion). *)
Lemma gr_continuity_of_is_derive : forall (f : R -> R) (x l : R),
  is_derive f x l -> continuity_pt f x.
Proof.
  intros f x l H. apply derivable_continuous_pt.
  exists l. apply is_derive_Reals. exact H.
Qed.

(* Mean-value comparison (used by chizat-bach Lemma 3.3 / Lemma A.1 and smith Theorem 2.2 wherever
   they say "by Gronwall" or "since Delta' <= u'"): a function whose derivative is <= 0 on
   [0, T] does not increase there: psi t <= psi s for 0 <= s <= t <= T.
   Hypotheses: psi has derivative dpsi at every point of [0, T], and dpsi <= 0 there. *)
Lemma le_of_deriv_le : forall (psi dpsi : R -> R) (T : R),
  (forall t, 0 <= t <= T -> is_derive psi t (dpsi t)) ->
  (forall t, 0 <= t <= T -> dpsi t <= 0) ->
  forall s t, 0 <= s -> s <= t -> t <= T -> psi t <= psi s.
Proof.
  intros psi dpsi T Hd Hneg s t Hs Hst HtT.
  destruct (MVT_gen psi s t dpsi) as [c [Hc Heq]].
  - intros x Hx. rewrite Rmin_left in Hx by lra. rewrite Rmax_right in Hx by lra.
    apply Hd. lra.
  - intros x Hx. rewrite Rmin_left in Hx by lra. rewrite Rmax_right in Hx by lra.
    apply gr_continuity_of_is_derive with (dpsi x). apply Hd. lra.
  - rewrite Rmin_left in Hc by lra. rewrite Rmax_right in Hc by lra.
    assert (Hc0 : dpsi c <= 0) by (apply Hneg; lra).
    assert (dpsi c * (t - s) <= 0).
    { apply Rmult_le_0_r; lra. }
    lra.
Qed.

(* Monotonicity step of every Gronwall argument (chizat-bach Lemma 3.3 "by Gronwall's Lemma",
   Lemma A.1; smith Theorem 2.2): derivative <= 0 on [0, T] implies psi t <= psi 0 on [0, T].
   Hypotheses: psi has derivative dpsi at every point of [0, T] (two-sided, also at the
   endpoints), and dpsi <= 0 on [0, T]. *)
Lemma nonincreasing_of_deriv_nonpos : forall (psi dpsi : R -> R) (T : R),
  (forall t, 0 <= t <= T -> is_derive psi t (dpsi t)) ->
  (forall t, 0 <= t <= T -> dpsi t <= 0) ->
  forall t, 0 <= t <= T -> psi t <= psi 0.
Proof.
  intros psi dpsi T Hd Hneg t Ht.
  apply (le_of_deriv_le psi dpsi T Hd Hneg 0 t); lra.
Qed.

(* chizat-bach, proof of Lemma 3.3: "Fbar(y(t)) <= exp(-2 mu lam t) Fbar(y(0)) by Gronwall's Lemma"
   (decay form of Gronwall: phi' <= -c phi on [0, T] implies phi(t) <= exp(-c t) phi(0); here
   phi = Fbar o y, c = 2 mu lam, but c may be any real).
   Hypotheses: phi has derivative dphi at every point of [0, T]; dphi <= - c phi on [0, T]. *)
Lemma gronwall_decay : forall (phi dphi : R -> R) (c T : R),
  (forall t, 0 <= t <= T -> is_derive phi t (dphi t)) ->
  (forall t, 0 <= t <= T -> dphi t <= - c * phi t) ->
  forall t, 0 <= t <= T -> phi t <= exp (- c * t) * phi 0.
Proof.
  intros phi dphi c T Hd Hle t Ht.
  set (psi := fun s => exp (c * s) * phi s).
  set (dpsi := fun s => exp (c * s) * (dphi s + c * phi s)).
  assert (Hpsi : forall s, 0 <= s <= T -> is_derive psi s (dpsi s)).
  { intros s Hs. unfold psi, dpsi.
    assert (He : is_derive (fun u => exp (c * u)) s (c * exp (c * s))).
    { auto_derive; [exact I | ring]. }
    replace (exp (c * s) * (dphi s + c * phi s))
      with (c * exp (c * s) * phi s + exp (c * s) * dphi s) by ring.
    apply (Derive.is_derive_mult _ _ s _ _ He (Hd s Hs)). }
  assert (Hneg : forall s, 0 <= s <= T -> dpsi s <= 0).
  { intros s Hs. unfold dpsi.
    assert (0 < exp (c * s)) by apply exp_pos.
    assert (dphi s + c * phi s <= 0) by (specialize (Hle s Hs); lra).
    apply Rmult_le_0_l; lra. }
  pose proof (nonincreasing_of_deriv_nonpos psi dpsi T Hpsi Hneg t Ht) as H.
  unfold psi in H. rewrite Rmult_0_r, exp_0, Rmult_1_l in H.
  replace (phi t) with (exp (- c * t) * (exp (c * t) * phi t)).
  - apply Rmult_le_compat_l; [apply Rlt_le, exp_pos | exact H].
  - rewrite <- Rmult_assoc, <- exp_plus.
    replace (- c * t + c * t) with 0 by ring. rewrite exp_0. ring.
Qed.

(* Affine Gronwall comparison, general rate b <> 0 (helper for gronwall_affine and
   gronwall_linear): phi' <= a - b phi on [0, T] implies
   phi t <= phi 0 exp(-b t) + (a/b)(1 - exp(-b t)); the right side is the solution of
   u' = a - b u, u 0 = phi 0.
   Hypotheses: phi has derivative dphi on [0, T]; the differential inequality on [0, T]. *)
Lemma gronwall_affine_gen : forall (phi dphi : R -> R) (a b T : R),
  b <> 0 ->
  (forall t, 0 <= t <= T -> is_derive phi t (dphi t)) ->
  (forall t, 0 <= t <= T -> dphi t <= a - b * phi t) ->
  forall t, 0 <= t <= T -> phi t <= phi 0 * exp (- b * t) + a / b * (1 - exp (- b * t)).
Proof.
  intros phi dphi a b T Hb Hd Hle t Ht.
  set (chi := fun s => phi s - a / b).
  assert (Hchi : forall s, 0 <= s <= T -> is_derive chi s (dphi s)).
  { intros s Hs. unfold chi.
    replace (dphi s) with (dphi s - 0) by ring.
    exact (is_derive_minus phi (fun _ => a / b) s (dphi s) zero (Hd s Hs)
             (is_derive_const (a / b) s)). }
  assert (Hineq : forall s, 0 <= s <= T -> dphi s <= - b * chi s).
  { intros s Hs. unfold chi. specialize (Hle s Hs).
    replace (- b * (phi s - a / b)) with (a - b * phi s) by (field; exact Hb). exact Hle. }
  pose proof (gronwall_decay chi dphi b T Hchi Hineq t Ht) as H.
  unfold chi in H.
  replace (phi 0 * exp (- b * t) + a / b * (1 - exp (- b * t)))
    with (exp (- b * t) * (phi 0 - a / b) + a / b) by ring.
  lra.
Qed.

(* Affine Gronwall comparison (used for chizat-bach Lemma A.1 and smith Lemma B.2, where the
   text compares with the solution of u' = a - b u): phi' <= a - b phi on [0, T] with 0 < b
   implies phi t <= phi 0 exp(-b t) + (a/b)(1 - exp(-b t)).
   Hypotheses: 0 < b (the decay rate); phi has derivative dphi on [0, T]; the differential
   inequality on [0, T]. *)
Lemma gronwall_affine : forall (phi dphi : R -> R) (a b T : R),
  0 < b ->
  (forall t, 0 <= t <= T -> is_derive phi t (dphi t)) ->
  (forall t, 0 <= t <= T -> dphi t <= a - b * phi t) ->
  forall t, 0 <= t <= T -> phi t <= phi 0 * exp (- b * t) + a / b * (1 - exp (- b * t)).
Proof.
  intros phi dphi a b T Hb. apply gronwall_affine_gen. lra.
Qed.

(* smith, Theorem 2.2, steps "Delta'(t) <= C1/alpha + C2 Delta(t)" and
   "u(t) = (C1/(C2 alpha))(exp(C2 t) - 1), Delta(t) <= u(t)", including the comparison principle
   that smith's "since Delta' <= u'" skips (Delta' <= u' alone does not give Delta <= u; the
   Gronwall argument does).
   Hypotheses: 0 < alpha (the scale), 0 < C2; Delta(0) = 0; Delta has derivative dDelta on
   [0, T]; the differential inequality on [0, T]. *)
Lemma gronwall_linear : forall (Delta dDelta : R -> R) (C1 C2 alpha T : R),
  0 < alpha -> 0 < C2 -> Delta 0 = 0 ->
  (forall t, 0 <= t <= T -> is_derive Delta t (dDelta t)) ->
  (forall t, 0 <= t <= T -> dDelta t <= C1 / alpha + C2 * Delta t) ->
  forall t, 0 <= t <= T -> Delta t <= C1 / (C2 * alpha) * (exp (C2 * t) - 1).
Proof.
  intros Delta dDelta C1 C2 alpha T Ha HC2 H0 Hd Hle t Ht.
  assert (Hle' : forall s, 0 <= s <= T -> dDelta s <= C1 / alpha - (- C2) * Delta s).
  { intros s Hs. specialize (Hle s Hs). lra. }
  pose proof (gronwall_affine_gen Delta dDelta (C1 / alpha) (- C2) T
                ltac:(lra) Hd Hle' t Ht) as H.
  rewrite H0, Rmult_0_l, Rplus_0_l in H.
  replace (- - C2 * t) with (C2 * t) in H by ring.
  replace (C1 / (C2 * alpha) * (exp (C2 * t) - 1))
    with (C1 / alpha / - C2 * (1 - exp (C2 * t))) by (field; lra).
  exact H.
Qed.

(* smith, Theorem 2.2, step "delta(0) = 0, delta' <= C/alpha^2 => delta(t) <= T C/alpha^2"
   (fundamental theorem of calculus / mean value bound).
   Hypotheses: 0 <= B (B stands for C/alpha^2); delta(0) = 0; delta has derivative dd on
   [0, T]; dd <= B on [0, T]. *)
Lemma ftc_linear_bound : forall (delta dd : R -> R) (B T : R),
  0 <= B -> delta 0 = 0 ->
  (forall t, 0 <= t <= T -> is_derive delta t (dd t)) ->
  (forall t, 0 <= t <= T -> dd t <= B) ->
  forall t, 0 <= t <= T -> delta t <= T * B.
Proof.
  intros delta dd B T HB H0 Hd Hle t Ht.
  set (psi := fun s => delta s - B * s).
  assert (Hpsi : forall s, 0 <= s <= T -> is_derive psi s (dd s - B)).
  { intros s Hs. unfold psi.
    apply (is_derive_minus delta (fun u => B * u) s (dd s) B (Hd s Hs)).
    auto_derive; [exact I | ring]. }
  assert (Hneg : forall s, 0 <= s <= T -> dd s - B <= 0).
  { intros s Hs. specialize (Hle s Hs). lra. }
  pose proof (nonincreasing_of_deriv_nonpos psi (fun s => dd s - B) T Hpsi Hneg t Ht) as H.
  unfold psi in H. rewrite H0 in H.
  assert (B * t <= B * T) by (apply Rmult_le_compat_l; lra).
  lra.
Qed.

(* chizat-bach, proof of Lemma A.1: "h(0) = 0 and h' <= K sqrt(2h/lam) - 2 lam mu h, so ..." --
   the sharper, time-dependent bound: h(t) <= K^2/(2 lam^3 mu^2) (1 - exp(-lam mu t))^2, i.e.
   sqrt h(t) <= K/(sqrt(2 lam) lam mu) (1 - exp(-lam mu t)), the exact solution of the comparison
   equation for sqrt h. (Proof: for eps > 0, s = sqrt(h + eps) is differentiable and satisfies
   s' <= K/sqrt(2 lam) + lam mu sqrt eps - lam mu s; affine Gronwall; eps -> 0.)
   Hypotheses: lam > 0 (Sigma(t) >= lam Id), mu > 0 (R is mu-strongly convex), K >= 0 (the sup
   of ||(Sigma(t) - Sigma(0)) grad R(y(t))||); h(0) = 0 and h >= 0 on [0, T]
   (h = (1/2) ||z - zbar||^2 of the proof of Lemma A.1);
   h has derivative dh on [0, T]; the differential inequality of the text on [0, T]. *)
Lemma stability_time_dependent : forall (h dh : R -> R) (K lam mu T : R),
  0 < lam -> 0 < mu -> 0 <= K -> h 0 = 0 ->
  (forall t, 0 <= t <= T -> 0 <= h t) ->
  (forall t, 0 <= t <= T -> is_derive h t (dh t)) ->
  (forall t, 0 <= t <= T -> dh t <= K * sqrt (2 * h t / lam) - 2 * lam * mu * h t) ->
  forall t, 0 <= t <= T -> h t <= K ^ 2 / (2 * lam ^ 3 * mu ^ 2) * (1 - exp (- (lam * mu) * t)) ^ 2.
Proof.
  intros h dh K lam mu T Hlam Hmu HK H0 Hpos Hd Hle t Ht.
  assert (Hb : 0 < lam * mu) by (apply Rmult_lt_0_compat; lra).
  set (q := sqrt (2 / lam)).
  assert (Hq0 : 0 <= q) by apply sqrt_pos.
  assert (Hqq : q * q = 2 / lam).
  { unfold q. apply sqrt_sqrt. apply Rlt_le. apply Rdiv_lt_0_compat; lra. }
  set (E := exp (- (lam * mu) * t)).
  set (A := K * q / (2 * (lam * mu)) * (1 - E)).
  assert (Hkey : sqrt (h t) <= A).
  { apply le_epsilon. intros e He.
    set (eps := (e / 2) ^ 2).
    assert (Heps : 0 < eps) by (unfold eps; apply pow_lt; lra).
    assert (Hse : sqrt eps = e / 2) by (unfold eps; apply sqrt_pow2; lra).
    set (s := fun u => sqrt (h u + eps)).
    set (ds := fun u => dh u / (2 * sqrt (h u + eps))).
    assert (Hs : forall u, 0 <= u <= T -> is_derive s u (ds u)).
    { intros u Hu. unfold s, ds.
      apply (is_derive_sqrt (fun u => h u + eps) u (dh u)).
      - pose proof (is_derive_plus h (fun _ => eps) u (dh u) zero (Hd u Hu)
                      (is_derive_const eps u)) as Hp.
        rewrite plus_zero_r in Hp. exact Hp.
      - specialize (Hpos u Hu). lra. }
    set (a := K * q / 2 + lam * mu * sqrt eps).
    assert (Hineq : forall u, 0 <= u <= T -> ds u <= a - lam * mu * s u).
    { intros u Hu. unfold ds, s, a.
      specialize (Hpos u Hu). specialize (Hle u Hu).
      set (S := sqrt (h u + eps)).
      assert (HS : 0 < S) by (apply sqrt_lt_R0; lra).
      assert (HS2 : S * S = h u + eps) by (apply sqrt_sqrt; lra).
      assert (Hsh : sqrt (h u) <= S) by (apply sqrt_le_1_alt; lra).
      assert (Hshe : sqrt eps <= S) by (apply sqrt_le_1_alt; lra).
      assert (Hee : sqrt eps * sqrt eps = eps) by (apply sqrt_sqrt; lra).
      assert (Hsq : sqrt (2 * h u / lam) = sqrt (h u) * q).
      { unfold q. rewrite <- sqrt_mult; [ | lra | apply Rlt_le, Rdiv_lt_0_compat; lra].
        f_equal. field. lra. }
      rewrite Hsq in Hle.
      apply Rle_div_l; [lra | ].
      assert (H1 : K * (sqrt (h u) * q) <= K * (S * q)).
      { apply Rmult_le_compat_l; [exact HK | ]. apply Rmult_le_compat_r; lra. }
      assert (H2 : eps <= sqrt eps * S).
      { assert (sqrt eps * sqrt eps <= sqrt eps * S)
          by (apply Rmult_le_compat_l; [apply sqrt_pos | exact Hshe]).
        lra. }
      assert (H3 : lam * mu * eps <= lam * mu * (sqrt eps * S)).
      { apply Rmult_le_compat_l; lra. }
      assert (H4 : 2 * lam * mu * h u = 2 * (lam * mu) * (S * S) - 2 * (lam * mu * eps)).
      { rewrite HS2. ring. }
      nra. }
    pose proof (gronwall_affine s ds a (lam * mu) T Hb Hs Hineq t Ht) as Hg.
    assert (Hs0 : s 0 = e / 2).
    { unfold s. rewrite H0, Rplus_0_l. exact Hse. }
    rewrite Hs0 in Hg. fold E in Hg.
    assert (Hst : sqrt (h t) <= s t).
    { unfold s. apply sqrt_le_1_alt. lra. }
    assert (Hab : a / (lam * mu) = K * q / (2 * (lam * mu)) + e / 2).
    { unfold a. rewrite Hse. field. lra. }
    rewrite Hab in Hg.
    assert (HE : 0 < E) by (unfold E; apply exp_pos).
    unfold A.
    assert (Hrhs : e / 2 * E + (K * q / (2 * (lam * mu)) + e / 2) * (1 - E)
                   = K * q / (2 * (lam * mu)) * (1 - E) + e / 2) by ring.
    lra. }
  assert (Hh : h t = sqrt (h t) * sqrt (h t)) by (symmetry; apply sqrt_sqrt; apply Hpos; exact Ht).
  assert (HA : sqrt (h t) * sqrt (h t) <= A * A).
  { apply Rmult_le_compat; try apply sqrt_pos; exact Hkey. }
  assert (HAA : A * A = K ^ 2 / (2 * lam ^ 3 * mu ^ 2) * (1 - E) ^ 2).
  { unfold A.
    replace (K * q / (2 * (lam * mu)) * (1 - E) * (K * q / (2 * (lam * mu)) * (1 - E)))
      with (K ^ 2 * (q * q) / (4 * (lam * mu) ^ 2) * (1 - E) ^ 2) by (field; lra).
    rewrite Hqq. field. lra. }
  fold E. lra.
Qed.

(* chizat-bach, proof of Lemma A.1: "h(0) = 0 and h' <= K sqrt(2h/lam) - 2 lam mu h, so
   h(t) <= K^2/(2 lam^3 mu^2)" -- the text's uniform-in-time comparison bound (smith Lemma B.2).
   Hypotheses: as in stability_time_dependent. *)
Lemma stability_uniform : forall (h dh : R -> R) (K lam mu T : R),
  0 < lam -> 0 < mu -> 0 <= K -> h 0 = 0 ->
  (forall t, 0 <= t <= T -> 0 <= h t) ->
  (forall t, 0 <= t <= T -> is_derive h t (dh t)) ->
  (forall t, 0 <= t <= T -> dh t <= K * sqrt (2 * h t / lam) - 2 * lam * mu * h t) ->
  forall t, 0 <= t <= T -> h t <= K ^ 2 / (2 * lam ^ 3 * mu ^ 2).
Proof.
  intros h dh K lam mu T Hlam Hmu HK H0 Hpos Hd Hle t Ht.
  pose proof (stability_time_dependent h dh K lam mu T Hlam Hmu HK H0 Hpos Hd Hle t Ht) as H.
  set (E := exp (- (lam * mu) * t)) in H.
  assert (HE0 : 0 < E) by (unfold E; apply exp_pos).
  assert (HE1 : E <= 1).
  { unfold E. rewrite <- exp_0. destruct (Req_dec t 0) as [Ht0 | Ht0].
    - subst t. rewrite Rmult_0_r. lra.
    - apply Rlt_le, exp_increasing.
      assert (0 < lam * mu * t) by (apply Rmult_lt_0_compat; [apply Rmult_lt_0_compat | ]; lra).
      lra. }
  assert (Hc : 0 <= K ^ 2 / (2 * lam ^ 3 * mu ^ 2)).
  { apply Rmult_le_pos; [apply pow2_ge_0 | ].
    apply Rlt_le, Rinv_0_lt_compat.
    apply Rmult_lt_0_compat; [apply Rmult_lt_0_compat; [lra | apply pow_lt; lra] | apply pow_lt; lra]. }
  assert (H1 : (1 - E) ^ 2 <= 1) by nra.
  assert (K ^ 2 / (2 * lam ^ 3 * mu ^ 2) * (1 - E) ^ 2 <= K ^ 2 / (2 * lam ^ 3 * mu ^ 2)).
  { rewrite <- (Rmult_1_r (K ^ 2 / (2 * lam ^ 3 * mu ^ 2))) at 2.
    apply Rmult_le_compat_l; assumption. }
  lra.
Qed.

(* smith, Theorem 2.2, steps 9-10 in integral form: "Delta(t) <= int_0^t (C1/alpha + C2 Delta(s)) ds,
   so Delta(t) <= u(t) = (C1/(C2 alpha))(exp(C2 t) - 1)". This form needs no derivative of
   Delta = ||alpha h(w) - alpha hbar(wbar)||, which need not be differentiable where it vanishes
   (the corrected step 7 gives Delta(t) <= int_0^t ||y' - ybar'||, and step 9 bounds the integrand).
   Proof: phi(t) = int_0^t (C1/alpha + C2 Delta) satisfies phi(0) = 0 and
   phi' = C1/alpha + C2 Delta <= C1/alpha + C2 phi, so gronwall_linear bounds phi, and Delta <= phi.
   (Delta is extended continuously outside [0, T] so that phi is differentiable at 0 and T.)
   Hypotheses: 0 < alpha (the scale), 0 < C2; Delta is continuous at every point of [0, T]
   (the norm of a difference of continuous curves); the integral inequality on [0, T]. *)
Lemma gronwall_integral : forall (Delta : R -> R) (C1 C2 alpha T : R),
  0 < alpha -> 0 < C2 ->
  (forall t, 0 <= t <= T -> continuous Delta t) ->
  (forall t, 0 <= t <= T -> Delta t <= RInt (fun s => C1 / alpha + C2 * Delta s) 0 t) ->
  forall t, 0 <= t <= T -> Delta t <= C1 / (C2 * alpha) * (exp (C2 * t) - 1).
Proof.
  intros Delta C1 C2 alpha T Ha HC2 Hc Hle t Ht.
  (* clamp onto [0, T], and the extension Dext = Delta o clamp, continuous on all of R *)
  set (c := fun x => (Rabs x - Rabs (x - T) + T) / 2).
  assert (Hcin : forall x, 0 <= c x <= T).
  { intros x. unfold c. unfold Rabs; destruct (Rcase_abs x), (Rcase_abs (x - T)); lra. }
  assert (Hcid : forall x, 0 <= x <= T -> c x = x).
  { intros x Hx. unfold c. rewrite Rabs_right by lra. rewrite Rabs_left1 by lra. field. }
  assert (Hcc : forall x, continuous c x).
  { intros x. unfold c.
    apply (continuous_comp (fun x => Rabs x - Rabs (x - T) + T) (fun z => z / 2)).
    - apply (continuous_plus (fun x => Rabs x - Rabs (x - T)) (fun _ => T)); [|apply continuous_const].
      apply (continuous_minus (fun x => Rabs x) (fun x => Rabs (x - T))).
      + apply continuous_Rabs.
      + apply continuous_Rabs_comp.
        apply (continuous_minus (fun x => x) (fun _ => T)); [apply continuous_id | apply continuous_const].
    - apply (ex_derive_continuous (K := R_AbsRing) (V := R_NormedModule)). auto_derive. exact I. }
  set (f := fun s => C1 / alpha + C2 * Delta (c s)).
  assert (Hf : forall x, continuous f x).
  { intros x. unfold f.
    apply (continuous_comp (fun s => Delta (c s)) (fun z => C1 / alpha + C2 * z)).
    - apply (continuous_comp c Delta). apply Hcc. apply Hc. apply Hcin.
    - apply (ex_derive_continuous (K := R_AbsRing) (V := R_NormedModule)). auto_derive. exact I. }
  set (phi := fun t => RInt f 0 t).
  assert (Hphi_eq : forall s, 0 <= s <= T -> phi s = RInt (fun s => C1 / alpha + C2 * Delta s) 0 s).
  { intros s Hs. unfold phi. apply RInt_ext. intros x Hx.
    rewrite Rmin_left in Hx by lra. rewrite Rmax_right in Hx by lra.
    unfold f. rewrite Hcid by lra. reflexivity. }
  assert (Hd : forall s, 0 <= s <= T -> is_derive phi s (f s)).
  { intros s Hs. apply (is_derive_RInt f phi 0 s).
    - apply filter_forall. intros b. unfold phi. apply (RInt_correct (V := R_CompleteNormedModule)).
      apply ex_RInt_continuous. intros z _. apply Hf.
    - apply Hf. }
  assert (H0 : phi 0 = 0).
  { unfold phi. rewrite RInt_point. reflexivity. }
  assert (Hineq : forall s, 0 <= s <= T -> f s <= C1 / alpha + C2 * phi s).
  { intros s Hs. unfold f. rewrite Hcid by lra. rewrite Hphi_eq by lra.
    specialize (Hle s Hs). apply Rplus_le_compat_l. apply Rmult_le_compat_l; lra. }
  pose proof (gronwall_linear phi f C1 C2 alpha T Ha HC2 H0 Hd Hineq t Ht) as Hg.
  specialize (Hle t Ht). rewrite <- Hphi_eq in Hle by exact Ht. lra.
Qed.
