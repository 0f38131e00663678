(* Errata.v -- machine-checked refutations of steps of the two texts that are false as written.
   Each lemma proves the NEGATION of the step's claim at an explicit witness, and states in the same
   lemma that the witness satisfies the claim's hypotheses (so that the refutation is not vacuous).

   The 1-d model of (a) and (b): h(w) = sigma w - (L/2) w^2 on R, w0 = 0, so Dh(w) = sigma - L w,
   Dh(0) = sigma (sigma_min(Dh(w0)) = sigma > 0), Lip(Dh) = L, r0 = sigma/(2L), and the tangent kernel
   Sigma(w) = Dh(w) Dh(w)^T is the quadratic form f -> (Dh(w) f)^2 on F = R. *)

From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.
Require Import Lazycheck.Integrals.
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
   (2 nu^{3/2}/(alpha mu)) ||Df(w0)|| ||alpha f(w0) - f*|| int_0^t exp(-(mu sigma_min^2/4) s) ds".
   False on an actual gradient flow that satisfies every hypothesis of Theorem 3.2: f(w) = w on R, w0 = 0,
   alpha = 1, R(y) = nu (y - 1)^2/2 with nu = 100 (mu-strongly convex and nu-smooth with mu = nu = 100, so
   kappa = 1, f* = 1), Df = 1 (sigma_min = ||Df(w0)|| = 1, Lip(Df) = 0 <= L for any L > 0, here L = 1/100),
   ||f(w0)|| = 0 <= M and alpha > ||f*||/M. The flow w' = -(1/alpha) Df(w) R'(alpha f(w)) = -nu (w - 1) is
   w(t) = 1 - exp(-nu t); at t = 1 its displacement 1 - e^{-100} exceeds the text's 0.8 (1 - e^{-25}). The
   corrected prefactor 2 nu^{3/2}/(alpha mu^{1/2}) gives 8 (1 - e^{-25}). *)
Lemma err_prefactor :
  let mu := 100 in let nu := 100 in let alpha := 1 in let n0 := 1 in let d0 := 1 in let sigma := 1 in
  let w := fun t => 1 - exp (- nu * t) in
  let L := / 100 in let kappa := nu / mu in
  let M := sigma ^ 3 / (32 * kappa * sqrt kappa * n0 * L) in
  (forall u v : R, Rabs (1 - 1) <= L * Rabs (u - v)) /\
  Rabs 0 <= M /\ Rabs 1 / M < alpha /\
  (forall t, is_derive w t (- (/ alpha) * 1 * (nu * (alpha * w t - 1)))) /\ w 0 = 0 /\
  ~ (Rabs (w 1 - w 0) <= 2 * nu * sqrt nu / (alpha * mu) * n0 * d0
        * RInt (fun s => exp (- (mu * sigma ^ 2 / 4) * s)) 0 1).
Proof.
  intros mu nu alpha n0 d0 sigma w L kappa M.
  assert (Hs : sqrt 100 = 10).
  { replace 100 with (10 ^ 2) by ring. apply sqrt_pow2. lra. }
  assert (HM : M = 100 / 32).
  { unfold M, kappa, mu, nu, sigma, n0, L. replace (100 / 100) with 1 by field. rewrite sqrt_1. field. }
  split; [intros u v; unfold L; rewrite Rminus_diag_eq, Rabs_R0 by reflexivity;
          apply Rmult_le_pos; [lra | apply Rabs_pos] |].
  split; [rewrite Rabs_R0, HM; lra |].
  split; [rewrite Rabs_R1, HM; unfold alpha; lra |].
  split; [| split].
  - intros t. unfold w, nu, alpha. auto_derive; [exact I | field].
  - unfold w. rewrite Rmult_0_r, exp_0. ring.
  - unfold w, mu, nu, alpha, n0, d0, sigma. rewrite Hs.
    rewrite (is_RInt_unique _ 0 1 _ (exp_decay_integral (100 * 1 ^ 2 / 4) 1 ltac:(lra))).
    rewrite Rmult_0_r, exp_0.
    assert (H1 : exp (- (100) * 1) < / 10).
    { replace (- (100) * 1) with (- (100)) by ring.
      assert (Hb : exp 100 > 101) by (pose proof (exp_ineq1 100); lra).
      assert (Hc : exp (- (100)) = / exp 100) by apply exp_Ropp.
      assert (Hd : / exp 100 < / 10) by (apply Rinv_lt_contravar; lra).
      lra. }
    assert (H2 : 0 < exp (- (100 * 1 ^ 2 / 4) * 1)) by apply exp_pos.
    rewrite Rabs_right by lra.
    intro H. lra.
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
