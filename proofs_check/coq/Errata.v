(* Errata.v -- machine-checked refutations of steps of the two texts that are false as written.
   Each lemma proves the NEGATION of the step's claim at an explicit witness, and states in the same
   lemma that the witness satisfies the claim's hypotheses (so that the refutation is not vacuous).

   The 1-d model of (a) and (b): h(w) = sigma w - (L/2) w^2 on R, w0 = 0, so Dh(w) = sigma - L w,
   Dh(0) = sigma (sigma_min(Dh(w0)) = sigma > 0), Lip(Dh) = L, r0 = sigma/(2L), and the tangent kernel
   Sigma(w) = Dh(w) Dh(w)^T is the quadratic form f -> (Dh(w) f)^2 on F = R. *)

From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.
Open Scope R_scope.

(* a. smith, Theorem 2.4, proof, step 3: "Sigma(w) >= (3/4) sigma_min^2 Id for all w in B_r0(w0)".
   False on the 1-d model at w = r0 (there Dh(r0) = sigma/2, so Sigma(r0) = sigma^2/4), f = 1.
   The first three conjuncts are the model's hypotheses: h' = Dh, Dh(w0) = sigma, Lip(Dh) <= L. *)
Lemma err_three_quarter_floor (sigma L : R) :
  0 < sigma -> 0 < L ->
  (forall w, is_derive (fun u => sigma * u - L / 2 * u ^ 2) w (sigma - L * w)) /\
  sigma - L * 0 = sigma /\
  (forall u v, Rabs ((sigma - L * u) - (sigma - L * v)) <= L * Rabs (u - v)) /\
  (exists w, Rabs w <= sigma / (2 * L) /\ (sigma - L * w) ^ 2 < 3 / 4 * sigma ^ 2) /\
  ~ (forall w f, Rabs w <= sigma / (2 * L) -> 3 / 4 * sigma ^ 2 * f ^ 2 <= ((sigma - L * w) * f) ^ 2).
Proof.
  intros Hs HL.
  assert (Hw : Rabs (sigma / (2 * L)) <= sigma / (2 * L)).
  { rewrite Rabs_right; [lra |]. left. apply Rdiv_lt_0_compat; lra. }
  assert (Hv : (sigma - L * (sigma / (2 * L))) ^ 2 < 3 / 4 * sigma ^ 2).
  { replace ((sigma - L * (sigma / (2 * L))) ^ 2) with (sigma ^ 2 / 4) by (field; lra).
    assert (0 < sigma ^ 2) by (apply pow_lt; lra). lra. }
  split; [| split; [| split; [| split]]].
  - intros w. auto_derive; [exact I | field].
  - ring.
  - intros u v.
    replace ((sigma - L * u) - (sigma - L * v)) with (- L * (u - v)) by field.
    rewrite Rabs_mult, Rabs_Ropp, Rabs_right by lra. lra.
  - exists (sigma / (2 * L)). split; [exact Hw | exact Hv].
  - intros H. specialize (H (sigma / (2 * L)) 1 Hw).
    rewrite pow1 in H. repeat rewrite Rmult_1_r in H.
    lra.
Qed.

(* b. smith, Theorem 2.4, proof, step 2 (first display): "||Dh(w)^T f - Dh(w0)^T f||^2 >=
   | ||Dh(w0)^T f||^2 - ||Dh(w)^T f||^2 |" -- the reverse triangle inequality squared, i.e. ||a - b||^2 >=
   | ||a||^2 - ||b||^2 |.  False on the 1-d model at w = r0, f = 1: there a = sigma, b = sigma/2,
   (a - b)^2 = sigma^2/4 < 3 sigma^2/4 = a^2 - b^2.  The model's hypotheses as in (a). *)
Lemma err_reverse_triangle (sigma L : R) :
  0 < sigma -> 0 < L ->
  sigma - L * 0 = sigma /\
  (forall u v, Rabs ((sigma - L * u) - (sigma - L * v)) <= L * Rabs (u - v)) /\
  Rabs (sigma / (2 * L)) <= sigma / (2 * L) /\
  ((sigma - L * (sigma / (2 * L))) * 1 - sigma * 1) ^ 2
    < Rabs ((sigma * 1) ^ 2 - ((sigma - L * (sigma / (2 * L))) * 1) ^ 2) /\
  ~ (forall w f, Rabs w <= sigma / (2 * L) ->
       Rabs ((sigma * f) ^ 2 - ((sigma - L * w) * f) ^ 2) <= ((sigma - L * w) * f - sigma * f) ^ 2).
Proof.
  intros Hs HL.
  assert (Hw : Rabs (sigma / (2 * L)) <= sigma / (2 * L)).
  { rewrite Rabs_right; [lra |]. left. apply Rdiv_lt_0_compat; lra. }
  assert (Hv : ((sigma - L * (sigma / (2 * L))) * 1 - sigma * 1) ^ 2
                 < Rabs ((sigma * 1) ^ 2 - ((sigma - L * (sigma / (2 * L))) * 1) ^ 2)).
  { replace ((sigma - L * (sigma / (2 * L))) * 1 - sigma * 1) with (- (sigma / 2)) by (field; lra).
    replace ((sigma * 1) ^ 2 - ((sigma - L * (sigma / (2 * L))) * 1) ^ 2)
      with (3 / 4 * sigma ^ 2) by (field; lra).
    assert (0 < sigma ^ 2) by (apply pow_lt; lra).
    rewrite Rabs_right by lra.
    replace ((- (sigma / 2)) ^ 2) with (sigma ^ 2 / 4) by field. lra. }
  split; [ring | split; [| split; [exact Hw | split; [exact Hv |]]]].
  - intros u v.
    replace ((sigma - L * u) - (sigma - L * v)) with (- L * (u - v)) by field.
    rewrite Rabs_mult, Rabs_Ropp, Rabs_right by lra. lra.
  - intros H. specialize (H (sigma / (2 * L)) 1 Hw). lra.
Qed.

(* c. chizat-bach, Theorem 3.2, proof, step 7 (the displacement display): "||w(t) - w(0)|| <=
   (2 nu^{3/2}/(alpha mu)) ||Df_w0|| ||alpha f(w0) - f star|| int_0^t e^{-(mu sigma^2/4)s} ds".  Its premise
   (the speed bound 2 nu/alpha ||Df_w0|| ||alpha f - f star|| of step 6 with Lemma 3.3's factor
   sqrt(nu/mu)) gives the prefactor 2 nu^{3/2}/(alpha mu^{1/2}); the written one does not follow when
   mu > 1.  Witness: mu = nu = 4, alpha = ||Df_w0|| = ||alpha f(w0) - f star|| = 1, any sigma, t > 0,
   J the integral, and D (standing for ||w(t) - w(0)||) equal to the premise's bound: D satisfies the
   premise (and 0 < mu <= nu, ...) but exceeds the text's bound. *)
Lemma err_prefactor (sigma t : R) :
  0 < sigma -> 0 < t ->
  let mu : R := 4 in let nu : R := 4 in let alpha : R := 1 in let n0 : R := 1 in let d0 : R := 1 in
  let J := RInt (fun s => exp (- (mu * sigma ^ 2 / 4) * s)) 0 t in
  let D := 2 * nu * sqrt nu / (alpha * sqrt mu) * n0 * d0 * J in
  (0 < mu <= nu /\ 0 < alpha /\ 0 < n0 /\ 0 < d0 /\ 0 < J /\
   D <= 2 * nu * sqrt nu / (alpha * sqrt mu) * n0 * d0 * J) /\
  ~ (D <= 2 * nu * sqrt nu / (alpha * mu) * n0 * d0 * J).
Proof.
  intros Hs Ht mu nu alpha n0 d0 J D.
  assert (Hs4 : sqrt 4 = 2).
  { replace 4 with (2 ^ 2) by field. apply sqrt_pow2. lra. }
  assert (HI : 0 < J).
  { unfold J, mu.
    assert (Hc : 0 < 4 * sigma ^ 2 / 4) by (assert (0 < sigma ^ 2) by (apply pow_lt; lra); lra).
    set (a := 4 * sigma ^ 2 / 4) in *.
    assert (E : is_RInt (fun s => exp (- a * s)) 0 t ((exp (- a * 0) - exp (- a * t)) / a)).
    { assert (E : (exp (- a * 0) - exp (- a * t)) / a
                  = minus (- exp (- a * t) / a) (- exp (- a * 0) / a)).
      { unfold minus, plus, opp; simpl. field. lra. }
      rewrite E.
      apply (is_RInt_derive (fun s => - exp (- a * s) / a)).
      - intros x _. auto_derive; [exact I | field; lra].
      - intros x _. apply (@ex_derive_continuous R_AbsRing R_NormedModule). auto_derive. exact I. }
    rewrite (is_RInt_unique _ _ _ _ E).
    replace (- a * 0) with 0 by field. rewrite exp_0.
    apply Rdiv_lt_0_compat; [| exact Hc].
    assert (exp (- a * t) < exp 0).
    { apply exp_increasing. assert (0 < a * t) by (apply Rmult_lt_0_compat; lra). lra. }
    rewrite exp_0 in H. lra. }
  unfold D, mu, nu, alpha, n0, d0. rewrite Hs4.
  split; [repeat split; lra |].
  lra.
Qed.

(* d. smith, Theorem 2.2, proof, step 11: "the curve Delta(t) lies strictly below the solution curve
   u(t) = (C1/(C2 alpha))(exp(C2 t) - 1)".  False for every admissible Delta (Delta(0) = 0, as the text
   has it; e.g. Delta = 0, which also satisfies Delta' <= C1/alpha + C2 Delta): at t = 0 both are 0. *)
Lemma err_strictly_below (C1 C2 alpha : R) (Delta : R -> R) :
  0 <= C1 -> 0 < C2 -> 0 < alpha -> Delta 0 = 0 ->
  ~ (forall t, 0 <= t -> Delta t < C1 / (C2 * alpha) * (exp (C2 * t) - 1)).
Proof.
  intros HC1 HC2 Ha H0 H.
  specialize (H 0 (Rle_refl 0)).
  rewrite H0, Rmult_0_r, exp_0 in H. lra.
Qed.

(* e. smith, Theorem 2.4, proof, step 5: "||w'(t)|| = (1/alpha) ||Dh(w)|| ||grad R(y(t))||", i.e. an
   equality ||A g|| = ||A|| ||g|| for the linear map A = Dh(w)^T.  False: in R^2 with the Euclidean norm
   and A = diag(2, 1), whatever number nA satisfies the operator-norm inequality ||A v|| <= nA ||v|| for
   all v (such numbers exist: nA = 2) has nA >= ||A e1|| = 2, and g = (0, 1) gives ||A g|| = 1 < nA ||g||;
   so no value of ||A|| makes the equality hold for every g.  (The inequality <= is what holds.) *)
Lemma err_norm_equality :
  let enorm := fun v : R * R => sqrt (fst v ^ 2 + snd v ^ 2) in
  let A := fun v : R * R => (2 * fst v, snd v) in
  (forall v, enorm (A v) <= 2 * enorm v) /\
  enorm (0, 1) = 1 /\ enorm (A (0, 1)) = 1 /\ enorm (1, 0) = 1 /\ enorm (A (1, 0)) = 2 /\
  forall nA, (forall v, enorm (A v) <= nA * enorm v) ->
    2 <= nA /\ enorm (A (0, 1)) < nA * enorm (0, 1) /\ ~ (forall g, enorm (A g) = nA * enorm g).
Proof.
  intros enorm A.
  assert (Hs4 : sqrt 4 = 2).
  { replace 4 with (2 ^ 2) by field. apply sqrt_pow2. lra. }
  assert (E01 : enorm (0, 1) = 1).
  { unfold enorm; simpl. replace (0 * (0 * 1) + 1 * (1 * 1)) with 1 by field. apply sqrt_1. }
  assert (EA01 : enorm (A (0, 1)) = 1).
  { unfold enorm, A; simpl. replace (2 * 0 * (2 * 0 * 1) + 1 * (1 * 1)) with 1 by field. apply sqrt_1. }
  assert (E10 : enorm (1, 0) = 1).
  { unfold enorm; simpl. replace (1 * (1 * 1) + 0 * (0 * 1)) with 1 by field. apply sqrt_1. }
  assert (EA10 : enorm (A (1, 0)) = 2).
  { unfold enorm, A; simpl. replace (2 * 1 * (2 * 1 * 1) + 0 * (0 * 1)) with 4 by field. exact Hs4. }
  split; [| split; [exact E01 | split; [exact EA01 | split; [exact E10 | split; [exact EA10 |]]]]].
  - intros [x y]. unfold enorm, A; simpl.
    rewrite <- Hs4, <- sqrt_mult_alt by lra.
    apply sqrt_le_1_alt.
    assert (0 <= y * (y * 1)) by nra. nra.
  - intros nA HnA.
    assert (H2 : 2 <= nA).
    { pose proof (HnA (1, 0)) as H. rewrite E10, EA10 in H. lra. }
    split; [exact H2 | split].
    + rewrite EA01, E01. lra.
    + intros H. pose proof (H (0, 1)) as H'. rewrite EA01, E01 in H'. lra.
Qed.

(* f. smith, Theorem 2.2, proof, step 12: "our upper bound on sup_{t in [0, T]} ||w(t) - w0|| grows
   exponentially as a function of T" -- that bound is (1/alpha)(T R(alpha h(w0)))^{1/2} (step 4; R0 stands
   for R(alpha h(w0)) >= 0), which grows like sqrt(T): it is eventually below every c exp(k T), c, k > 0.
   (The sentence describes the bound on Delta, (C1/(C2 alpha))(exp(C2 T) - 1).) *)
Lemma err_not_exponential (alpha R0 : R) :
  0 < alpha -> 0 <= R0 ->
  ~ (exists c k T1, 0 < c /\ 0 < k /\ forall T, T1 <= T -> c * exp (k * T) <= sqrt (T * R0) / alpha).
Proof.
  intros Ha HR0 [c [k [T1 [Hc [Hk H]]]]].
  set (T := Rmax T1 (Rmax R0 (4 / (c * k ^ 2 * alpha))) + 1).
  assert (HckA : 0 < c * k ^ 2 * alpha).
  { apply Rmult_lt_0_compat; [apply Rmult_lt_0_compat; [lra | apply pow_lt; lra] | lra]. }
  assert (HT1 : T1 <= T) by (unfold T; pose proof (Rmax_l T1 (Rmax R0 (4 / (c * k ^ 2 * alpha)))); lra).
  assert (HTR : R0 + 1 <= T).
  { unfold T. pose proof (Rmax_r T1 (Rmax R0 (4 / (c * k ^ 2 * alpha)))).
    pose proof (Rmax_l R0 (4 / (c * k ^ 2 * alpha))). lra. }
  assert (HTc : 4 / (c * k ^ 2 * alpha) < T).
  { unfold T. pose proof (Rmax_r T1 (Rmax R0 (4 / (c * k ^ 2 * alpha)))).
    pose proof (Rmax_r R0 (4 / (c * k ^ 2 * alpha))). lra. }
  assert (HT0 : 0 < T) by lra.
  specialize (H T HT1).
  (* sqrt(T R0)/alpha <= T/alpha *)
  assert (Hsq : sqrt (T * R0) <= T).
  { apply Rle_trans with (sqrt (T * T)); [| rewrite sqrt_square; lra].
    apply sqrt_le_1_alt. apply Rmult_le_compat_l; lra. }
  assert (Hup : sqrt (T * R0) / alpha <= T / alpha).
  { unfold Rdiv. apply Rmult_le_compat_r; [left; apply Rinv_0_lt_compat |]; lra. }
  (* c exp(kT) >= c (kT/2)^2 *)
  assert (Hx : 0 < k * T / 2) by (assert (0 < k * T) by (apply Rmult_lt_0_compat; lra); lra).
  assert (Hexp : (k * T / 2) ^ 2 <= exp (k * T)).
  { replace (k * T) with (k * T / 2 + k * T / 2) at 2 by field.
    rewrite exp_plus. pose proof (exp_ineq1_le (k * T / 2)).
    replace ((k * T / 2) ^ 2) with ((k * T / 2) * (k * T / 2)) by field.
    apply Rmult_le_compat; lra. }
  assert (Hlow : c * ((k * T / 2) ^ 2) <= c * exp (k * T)) by (apply Rmult_le_compat_l; lra).
  (* c (kT/2)^2 > T/alpha because T > 4/(c k^2 alpha) *)
  assert (Hgap : T / alpha < c * ((k * T / 2) ^ 2)).
  { apply Rmult_lt_compat_r with (r := c * k ^ 2 * alpha) in HTc; [| exact HckA].
    replace (4 / (c * k ^ 2 * alpha) * (c * k ^ 2 * alpha)) with 4 in HTc by (field; lra).
    replace (c * ((k * T / 2) ^ 2)) with (T / alpha * (T * (c * k ^ 2 * alpha) / 4)) by (field; lra).
    assert (0 < T / alpha) by (apply Rdiv_lt_0_compat; lra).
    rewrite <- (Rmult_1_r (T / alpha)) at 1.
    apply Rmult_lt_compat_l; lra. }
  lra.
Qed.
