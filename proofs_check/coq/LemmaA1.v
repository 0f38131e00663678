(* chizat-bach, Lemma A.1 (stability lemma): y'(t) = - Sigma(t) grad R(y(t)),
   ybar'(t) = - Sigma(0) grad R(ybar(t)), y(0) = ybar(0), Sigma(t) >= lam Id, R mu-strongly convex,
   K := sup_t ||(Sigma(t) - Sigma(0)) grad R(y(t))||; then
   ||y(t) - ybar(t)|| <= K ||Sigma(0)||^(1/2) / (lam^(3/2) mu).

   Numbering of the steps of the text's proof (as used in the comments below):
     step 1  the square root Sigma_0^(1/2), z = Sigma_0^(-1/2) y, zbar = Sigma_0^(-1/2) ybar;
     step 2  h(t) = (1/2) ||z(t) - zbar(t)||^2;
     step 3  h'(t) = <z' - zbar', z - zbar> = A(t) + B(t);
     step 4  "z -> R(Sigma_0^(1/2) z) is mu sqrt(lam)-strongly convex";
     step 5  "A(t) <= - 2 lam mu h(t)";
     step 6  "|B(t)| <= K sqrt(2 h(t) / lam)";
     step 7  "h'(t) <= K sqrt(2 h(t) / lam) - 2 lam mu h(t)";
     step 8  the right-hand side is a concave function of h, >= 0 exactly on [0, K^2/(2 lam^3 mu^2)];
     step 9  "Since h(0) = 0 ... h(t) <= K^2/(2 lam^3 mu^2)";
     step 10 "||y(t) - ybar(t)|| <= ||Sigma(0)||^(1/2) sqrt(2 h(t))" and the conclusion.

   The energy route.  The symmetric square root of Sigma(0) needs a spectral theorem that no
   library here has.  We use instead h = (1/2) <e, S0inv e> with e = y - ybar and S0inv standing
   for Sigma(0)^(-1): h is the same number as the text's (1/2) ||z - zbar||^2, since
   ||Sigma_0^(-1/2) e||^2 = <e, Sigma_0^(-1) e>.  Then, with g = grad R(y), gbar = grad R(ybar),
   D = (Sigma(t) - Sigma(0)) g:
     A(t) = - <e, g - gbar>,   B(t) = - <S0inv e, D>,   h'(t) = <S0inv e, e'> = A(t) + B(t).
   The facts about Sigma(0) enter as quadratic-form hypotheses:
     Sigma0_self_adjoint  <Sigma(0) x, z> = <x, Sigma(0) z>;
     Sigma0_inverse       Sigma(0) (S0inv x) = x;
     Q1  <x, S0inv x> <= <x, x> / lam                     [Sigma(0)^(-1) <= lam^(-1) Id];
     Q2  <S0inv x, S0inv x> <= <x, S0inv x> / lam          [the same fact, in the form
                                                            ||Sigma(0)^(-1) x||^2 <= x^T Sigma(0)^(-1) x / lam];
     Q3  <x, x> <= s0 <x, S0inv x>                         [s0 = ||Sigma(0)||];
   and the derivative of h as a named hypothesis (energy_chain_rule), which a1_energy_chain_rule
   proves in a normed space (used by a1_lemma_a_1_frechet and a1_time_dependent_frechet).
   Only Sigma(0) >= lam Id is used (through Q1, Q2), not Sigma(t) >= lam Id for t > 0. *)

From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.
Require Import Lazycheck.Gronwall Lazycheck.InnerProduct.
Open Scope R_scope.

(* Algebra of norms: ||v - u|| = ||u - v|| (used in chizat-bach, Lemma A.1, step 4).
   Premise: ip is an inner product. *)
Lemma a1_ip_minus_swap :
  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R),
  is_inner_product ip -> forall u v : E, ip (minus v u) (minus v u) = ip (minus u v) (minus u v).
Proof.
  intros E ip Hip u v.
  rewrite !(ip_minus_l _ _ Hip), !(ip_minus_r _ _ Hip), (ip_sym _ _ Hip u v). ring.
Qed.

(* chizat-bach, Lemma A.1, step 4 ("z -> R(Sigma_0^(1/2) z) is strongly convex"), in the form the
   energy route uses: strong monotonicity of the gradient of a mu-strongly convex function,
   <grad R(u) - grad R(v), u - v> >= mu ||u - v||^2 (add the two strong convexity inequalities).
   Premises: ip is an inner product; R is mu-strongly convex with gradient gradR. *)
Lemma a1_strong_monotone :
  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (Rfun : E -> R) (gradR : E -> E) (mu : R),
  is_inner_product ip -> strongly_convex ip Rfun gradR mu ->
  forall u v : E, mu * vnorm ip (minus u v) ^ 2 <= ip (minus (gradR u) (gradR v)) (minus u v).
Proof.
  intros E ip Rfun gradR mu Hip Hsc u v.
  assert (H1 := Hsc u v). assert (H2 := Hsc v u).
  rewrite !(ip_vnorm_sq _ _ Hip) in H1, H2 |- *.
  rewrite (a1_ip_minus_swap _ _ Hip u v) in H1.
  rewrite (ip_minus_l _ _ Hip (gradR u) (gradR v)).
  assert (Hs : ip (gradR u) (minus v u) = - ip (gradR u) (minus u v)).
  { rewrite !(ip_minus_r _ _ Hip). ring. }
  rewrite Hs in H1. lra.
Qed.

(* chizat-bach, Lemma A.1, step 5: "A(t) <= - 2 lam mu h(t)", with A = - <e, grad R(u) - grad R(v)>,
   e = u - v (u = y(t), v = ybar(t)) and h = (1/2) <e, S0inv e> (energy route, see the header).
   Premises: ip is an inner product; 0 < lam, 0 <= mu; R is mu-strongly convex with gradient
   gradR; Q1: <x, S0inv x> <= <x, x> / lam, i.e. Sigma(0)^(-1) <= lam^(-1) Id. *)
Lemma a1_dissipation :
  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (Rfun : E -> R) (gradR : E -> E)
    (S0inv : E -> E) (mu lam : R),
  is_inner_product ip -> 0 < lam -> 0 <= mu -> strongly_convex ip Rfun gradR mu ->
  forall (Q1 : forall x : E, ip x (S0inv x) <= ip x x / lam),
  forall (u v : E) (h : R), h = ip (minus u v) (S0inv (minus u v)) / 2 ->
  - ip (minus u v) (minus (gradR u) (gradR v)) <= - 2 * lam * mu * h.
Proof.
  intros E ip Rfun gradR S0inv mu lam Hip Hlam Hmu Hsc HQ1 u v h Hh.
  assert (Hm := a1_strong_monotone E ip Rfun gradR mu Hip Hsc u v).
  rewrite (ip_vnorm_sq _ _ Hip), (ip_sym _ _ Hip (minus (gradR u) (gradR v))) in Hm.
  specialize (HQ1 (minus u v)).
  set (e := minus u v) in *. set (N := ip e e) in *. set (P := ip e (S0inv e)) in *.
  assert (HP : lam * P <= N).
  { apply Rmult_le_reg_r with (/ lam); [apply Rinv_0_lt_compat; lra |].
    replace (lam * P * / lam) with P by (field; lra). exact HQ1. }
  assert (mu * (lam * P) <= mu * N) by (apply Rmult_le_compat_l; lra).
  subst h. lra.
Qed.

(* chizat-bach, Lemma A.1, step 6: "|B(t)| <= K sqrt(2 h(t) / lam)", with B = - <S0inv e, D>,
   D = (Sigma(t) - Sigma(0)) grad R(y(t)) and h = (1/2) <e, S0inv e> (energy route).
   Proof: Cauchy-Schwarz and Q2.
   Premises: ip is an inner product; 0 < lam;
   Q2: ||S0inv x||^2 <= <x, S0inv x> / lam (Sigma(0)^(-1) <= lam^(-1) Id);
   ||D|| <= K (definition of K as a supremum). *)
Lemma a1_perturbation :
  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (S0inv : E -> E) (lam K : R),
  is_inner_product ip -> 0 < lam ->
  forall (Q2 : forall x : E, ip (S0inv x) (S0inv x) <= ip x (S0inv x) / lam),
  forall (e D : E) (h : R), h = ip e (S0inv e) / 2 -> vnorm ip D <= K ->
  Rabs (- ip (S0inv e) D) <= K * sqrt (2 * h / lam).
Proof.
  intros E ip S0inv lam K Hip Hlam HQ2 e D h Hh HK.
  rewrite Rabs_Ropp.
  apply Rle_trans with (vnorm ip (S0inv e) * vnorm ip D); [apply ip_cauchy_schwarz; exact Hip |].
  assert (HD := ip_vnorm_pos E ip D).
  assert (HPe := ip_vnorm_pos E ip (S0inv e)).
  apply Rle_trans with (vnorm ip (S0inv e) * K); [apply Rmult_le_compat_l; lra |].
  rewrite Rmult_comm. apply Rmult_le_compat_l; [lra |].
  unfold vnorm. apply sqrt_le_1_alt.
  subst h. replace (2 * (ip e (S0inv e) / 2) / lam) with (ip e (S0inv e) / lam) by (field; lra).
  apply HQ2.
Qed.

(* chizat-bach, Lemma A.1, step 3: "h'(t) = <z' - zbar', z - zbar> = A(t) + B(t)", in the energy
   route: <S0inv e, e'> = - <e, g - gbar> - <S0inv e, (Sigma(t) - Sigma(0)) g>, with e = y - ybar,
   e' = y' - ybar', g = grad R(y(t)), gbar = grad R(ybar(t)).
   Premises: ip is an inner product; Sigma0_self_adjoint: Sigma(0) is self-adjoint;
   Sigma0_inverse: Sigma(0) S0inv = Id; flow, flow_bar: the two differential equations at time t
   (dy, dybar stand for y', ybar'). *)
Lemma a1_energy_derivative :
  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (gradR : E -> E)
    (Sigma : R -> E -> E) (S0inv : E -> E) (y dy ybar dybar : R -> E) (t : R),
  is_inner_product ip ->
  forall (Sigma0_self_adjoint : forall x z : E, ip (Sigma 0 x) z = ip x (Sigma 0 z))
    (Sigma0_inverse : forall x : E, Sigma 0 (S0inv x) = x)
    (flow : dy t = opp (Sigma t (gradR (y t))))
    (flow_bar : dybar t = opp (Sigma 0 (gradR (ybar t)))),
  ip (S0inv (minus (y t) (ybar t))) (minus (dy t) (dybar t)) =
    - ip (minus (y t) (ybar t)) (minus (gradR (y t)) (gradR (ybar t)))
    - ip (S0inv (minus (y t) (ybar t))) (minus (Sigma t (gradR (y t))) (Sigma 0 (gradR (y t)))).
Proof.
  intros E ip gradR Sigma S0inv y dy ybar dybar t Hip Hsa Hinv Hf Hfb.
  rewrite Hf, Hfb.
  set (e := minus (y t) (ybar t)).
  set (g := gradR (y t)). set (gb := gradR (ybar t)).
  assert (Hswap : forall x, ip (S0inv e) (Sigma 0 x) = ip e x).
  { intros x. rewrite <- Hsa, Hinv. reflexivity. }
  rewrite !(ip_minus_r _ _ Hip), !(ip_opp_r _ _ Hip), !Hswap. ring.
Qed.

(* chizat-bach, Lemma A.1, step 7: "h'(t) <= K sqrt(2 h(t) / lam) - 2 lam mu h(t)" at a time t
   (from step 3, h' = A + B, and steps 5 and 6).  h is the energy (1/2) <e, S0inv e>, e = y - ybar
   (hypothesis h_def); any derivative dh of h at t satisfies the bound.
   Premises: ip is an inner product; 0 < lam, 0 <= mu; R is mu-strongly convex with gradient
   gradR; Sigma0_self_adjoint, Sigma0_inverse, Q1, Q2 (facts about Sigma(0), see the header);
   flow, flow_bar: the two differential equations at t; K_bound: ||(Sigma(t) - Sigma(0)) grad R(y(t))|| <= K;
   energy_chain_rule: h'(t) = <S0inv e(t), e'(t)> (not proved here; it holds for S0inv linear and
   self-adjoint). *)
Lemma a1_energy_inequality :
  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (Rfun : E -> R) (gradR : E -> E)
    (Sigma : R -> E -> E) (S0inv : E -> E) (y dy ybar dybar : R -> E) (h : R -> R)
    (mu lam K t : R),
  is_inner_product ip -> 0 < lam -> 0 <= mu -> strongly_convex ip Rfun gradR mu ->
  forall (Sigma0_self_adjoint : forall x z : E, ip (Sigma 0 x) z = ip x (Sigma 0 z))
    (Sigma0_inverse : forall x : E, Sigma 0 (S0inv x) = x)
    (Q1 : forall x : E, ip x (S0inv x) <= ip x x / lam)
    (Q2 : forall x : E, ip (S0inv x) (S0inv x) <= ip x (S0inv x) / lam)
    (flow : dy t = opp (Sigma t (gradR (y t))))
    (flow_bar : dybar t = opp (Sigma 0 (gradR (ybar t))))
    (K_bound : vnorm ip (minus (Sigma t (gradR (y t))) (Sigma 0 (gradR (y t)))) <= K)
    (h_def : forall s, h s = ip (minus (y s) (ybar s)) (S0inv (minus (y s) (ybar s))) / 2)
    (energy_chain_rule : is_derive h t (ip (S0inv (minus (y t) (ybar t))) (minus (dy t) (dybar t)))),
  forall dh : R, is_derive h t dh -> dh <= K * sqrt (2 * h t / lam) - 2 * lam * mu * h t.
Proof.
  intros E ip Rfun gradR Sigma S0inv y dy ybar dybar h mu lam K t Hip Hlam Hmu Hsc
    Hsa Hinv HQ1 HQ2 Hf Hfb HK Hh Hchain dh Hdh.
  assert (Heq : dh = ip (S0inv (minus (y t) (ybar t))) (minus (dy t) (dybar t))).
  { apply is_derive_unique in Hdh. apply is_derive_unique in Hchain. congruence. }
  rewrite Heq, (a1_energy_derivative E ip gradR Sigma S0inv y dy ybar dybar t Hip Hsa Hinv Hf Hfb).
  assert (HA := a1_dissipation E ip Rfun gradR S0inv mu lam Hip Hlam Hmu Hsc HQ1
                  (y t) (ybar t) (h t) (Hh t)).
  assert (HB := a1_perturbation E ip S0inv lam K Hip Hlam HQ2 (minus (y t) (ybar t))
                  (minus (Sigma t (gradR (y t))) (Sigma 0 (gradR (y t)))) (h t) (Hh t) HK).
  apply Rabs_le_between in HB.
  lra.
Qed.

(* chizat-bach, Lemma A.1, step 10: "||y(t) - ybar(t)|| <= ||Sigma(0)||^(1/2) sqrt(2 h(t))",
   with h = (1/2) <e, S0inv e>, e = y(t) - ybar(t) (energy route).
   Premises: ip is an inner product; 0 <= s0 (s0 stands for ||Sigma(0)||);
   Q3: ||x||^2 <= ||Sigma(0)|| x^T Sigma(0)^(-1) x. *)
Lemma a1_distance_of_energy :
  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (S0inv : E -> E) (s0 : R),
  is_inner_product ip -> 0 <= s0 ->
  forall (Q3 : forall x : E, ip x x <= s0 * ip x (S0inv x)),
  forall (e : E) (h : R), h = ip e (S0inv e) / 2 ->
  vnorm ip e <= sqrt s0 * sqrt (2 * h).
Proof.
  intros E ip S0inv s0 Hip Hs0 HQ3 e h Hh.
  rewrite <- sqrt_mult_alt by exact Hs0.
  unfold vnorm. apply sqrt_le_1_alt.
  subst h. replace (2 * (ip e (S0inv e) / 2)) with (ip e (S0inv e)) by field.
  apply HQ3.
Qed.

(* Arithmetic of step 10 of chizat-bach, Lemma A.1 (taking square roots of the bound on h):
   if 0 <= b and a <= b^2 then sqrt a <= b. *)
Lemma a1_sqrt_le : forall a b : R, 0 <= b -> a <= b ^ 2 -> sqrt a <= b.
Proof.
  intros a b Hb Hab.
  rewrite <- (sqrt_pow2 b Hb). apply sqrt_le_1_alt. exact Hab.
Qed.

(* Shared core of the whole of chizat-bach, Lemma A.1 (steps 1-8, energy route): the energy
   h(t) = (1/2) <e(t), S0inv e(t)> satisfies the hypotheses of the comparison lemmas of
   Gronwall.v: h(0) = 0, h >= 0, h' = <S0inv e, e'> and h' <= K sqrt(2h/lam) - 2 lam mu h on [0, T],
   and 0 <= K.  Hypotheses as in a1_lemma_a_1. *)
Lemma a1_energy_facts :
  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (Rfun : E -> R) (gradR : E -> E)
    (Sigma : R -> E -> E) (S0inv : E -> E) (y dy ybar dybar : R -> E) (mu lam K T : R),
  is_inner_product ip -> 0 < lam -> 0 <= mu -> strongly_convex ip Rfun gradR mu -> 0 <= T ->
  forall (Sigma0_self_adjoint : forall x z : E, ip (Sigma 0 x) z = ip x (Sigma 0 z))
    (Sigma0_inverse : forall x : E, Sigma 0 (S0inv x) = x)
    (Q1 : forall x : E, ip x (S0inv x) <= ip x x / lam)
    (Q2 : forall x : E, ip (S0inv x) (S0inv x) <= ip x (S0inv x) / lam)
    (same_start : y 0 = ybar 0)
    (flow : forall t, 0 <= t <= T -> dy t = opp (Sigma t (gradR (y t))))
    (flow_bar : forall t, 0 <= t <= T -> dybar t = opp (Sigma 0 (gradR (ybar t))))
    (K_bound : forall t, 0 <= t <= T ->
       vnorm ip (minus (Sigma t (gradR (y t))) (Sigma 0 (gradR (y t)))) <= K)
    (energy_chain_rule : forall t, 0 <= t <= T ->
       is_derive (fun s => ip (minus (y s) (ybar s)) (S0inv (minus (y s) (ybar s))) / 2) t
         (ip (S0inv (minus (y t) (ybar t))) (minus (dy t) (dybar t)))),
  let h := fun s => ip (minus (y s) (ybar s)) (S0inv (minus (y s) (ybar s))) / 2 in
  let dh := fun s => ip (S0inv (minus (y s) (ybar s))) (minus (dy s) (dybar s)) in
  0 <= K /\ h 0 = 0 /\ (forall t, 0 <= t <= T -> 0 <= h t) /\
  (forall t, 0 <= t <= T -> is_derive h t (dh t)) /\
  (forall t, 0 <= t <= T -> dh t <= K * sqrt (2 * h t / lam) - 2 * lam * mu * h t).
Proof.
  intros E ip Rfun gradR Sigma S0inv y dy ybar dybar mu lam K T Hip Hlam Hmu Hsc HT
    Hsa Hinv HQ1 HQ2 H0 Hf Hfb HK Hchain h dh.
  split; [| split; [| split; [| split]]].
  - apply Rle_trans with (2 := HK 0 (conj (Rle_refl 0) HT)). apply ip_vnorm_pos.
  - unfold h. rewrite H0, minus_eq_zero, (ip_zero_l _ _ Hip). lra.
  - intros t Ht. unfold h.
    set (e := minus (y t) (ybar t)).
    assert (H2 := HQ2 e). assert (Hp := ip_pos _ _ Hip (S0inv e)).
    assert (0 <= ip e (S0inv e) / lam) by lra.
    assert (0 <= ip e (S0inv e)).
    { replace (ip e (S0inv e)) with (ip e (S0inv e) / lam * lam) by (field; lra).
      apply Rmult_le_pos; lra. }
    lra.
  - intros t Ht. exact (Hchain t Ht).
  - intros t Ht.
    apply (a1_energy_inequality E ip Rfun gradR Sigma S0inv y dy ybar dybar h mu lam K t
             Hip Hlam Hmu Hsc Hsa Hinv HQ1 HQ2 (Hf t Ht) (Hfb t Ht) (HK t Ht)
             (fun s => eq_refl) (Hchain t Ht) (dh t) (Hchain t Ht)).
Qed.

(* chizat-bach, Lemma A.1, the whole lemma (steps 1-10, energy route):
   ||y(t) - ybar(t)|| <= K ||Sigma(0)||^(1/2) / (lam^(3/2) mu) for 0 <= t <= T.
   Step 9 ("since h(0) = 0 it follows that h(t) <= K^2/(2 lam^3 mu^2)") is
   Gronwall.stability_uniform.
   Premises: ip is an inner product on F; 0 < lam, 0 < mu, 0 <= s0 (s0 = ||Sigma(0)||);
   R is mu-strongly convex with gradient gradR;
   Sigma0_self_adjoint: Sigma(0) is self-adjoint; Sigma0_inverse: Sigma(0) S0inv = Id;
   Q1, Q2: Sigma(0)^(-1) <= lam^(-1) Id (two quadratic-form forms, see the header);
   Q3: ||x||^2 <= ||Sigma(0)|| <x, Sigma(0)^(-1) x>;
   same_start: y(0) = ybar(0);
   flow, flow_bar: y' = - Sigma(t) grad R(y), ybar' = - Sigma(0) grad R(ybar) on [0, T];
   K_bound: ||(Sigma(t) - Sigma(0)) grad R(y(t))|| <= K on [0, T] (K is the text's supremum);
   energy_chain_rule: d/dt (1/2) <e, S0inv e> = <S0inv e, e'> on [0, T], e = y - ybar
   (not proved here; it holds for S0inv linear and self-adjoint). *)
Lemma a1_lemma_a_1 :
  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (Rfun : E -> R) (gradR : E -> E)
    (Sigma : R -> E -> E) (S0inv : E -> E) (y dy ybar dybar : R -> E) (mu lam K s0 T : R),
  is_inner_product ip -> 0 < lam -> 0 < mu -> 0 <= s0 -> strongly_convex ip Rfun gradR mu ->
  forall (Sigma0_self_adjoint : forall x z : E, ip (Sigma 0 x) z = ip x (Sigma 0 z))
    (Sigma0_inverse : forall x : E, Sigma 0 (S0inv x) = x)
    (Q1 : forall x : E, ip x (S0inv x) <= ip x x / lam)
    (Q2 : forall x : E, ip (S0inv x) (S0inv x) <= ip x (S0inv x) / lam)
    (Q3 : forall x : E, ip x x <= s0 * ip x (S0inv x))
    (same_start : y 0 = ybar 0)
    (flow : forall t, 0 <= t <= T -> dy t = opp (Sigma t (gradR (y t))))
    (flow_bar : forall t, 0 <= t <= T -> dybar t = opp (Sigma 0 (gradR (ybar t))))
    (K_bound : forall t, 0 <= t <= T ->
       vnorm ip (minus (Sigma t (gradR (y t))) (Sigma 0 (gradR (y t)))) <= K)
    (energy_chain_rule : forall t, 0 <= t <= T ->
       is_derive (fun s => ip (minus (y s) (ybar s)) (S0inv (minus (y s) (ybar s))) / 2) t
         (ip (S0inv (minus (y t) (ybar t))) (minus (dy t) (dybar t)))),
  forall t, 0 <= t <= T ->
  vnorm ip (minus (y t) (ybar t)) <= K * sqrt s0 / (lam * sqrt lam * mu).
Proof.
  intros E ip Rfun gradR Sigma S0inv y dy ybar dybar mu lam K s0 T Hip Hlam Hmu Hs0 Hsc
    Hsa Hinv HQ1 HQ2 HQ3 H0 Hf Hfb HK Hchain t Ht.
  destruct (a1_energy_facts E ip Rfun gradR Sigma S0inv y dy ybar dybar mu lam K T
              Hip Hlam (Rlt_le _ _ Hmu) Hsc (Rle_trans _ _ _ (proj1 Ht) (proj2 Ht))
              Hsa Hinv HQ1 HQ2 H0 Hf Hfb HK Hchain)
    as [HK0 [Hh0 [Hhpos [Hd Hineq]]]].
  (* step 9 *)
  assert (H9 := stability_uniform _ _ K lam mu T Hlam Hmu HK0 Hh0 Hhpos Hd Hineq t Ht).
  cbv beta in H9.
  (* step 10 *)
  assert (H10 := a1_distance_of_energy E ip S0inv s0 Hip Hs0 HQ3 (minus (y t) (ybar t)) _ eq_refl).
  set (h := ip (minus (y t) (ybar t)) (S0inv (minus (y t) (ybar t))) / 2) in *.
  assert (Hsl : 0 < sqrt lam) by (apply sqrt_lt_R0; lra).
  assert (Hsl2 : sqrt lam ^ 2 = lam) by (rewrite <- Rsqr_pow2; apply Rsqr_sqrt; lra).
  set (b := K / (lam * sqrt lam * mu)).
  assert (Hb : 0 <= b).
  { unfold b. apply Rmult_le_pos; [lra |]. left. apply Rinv_0_lt_compat.
    apply Rmult_lt_0_compat; [apply Rmult_lt_0_compat |]; lra. }
  assert (Hsq : sqrt (2 * h) <= b).
  { apply a1_sqrt_le; [exact Hb |].
    replace (b ^ 2) with (2 * (K ^ 2 / (2 * lam ^ 3 * mu ^ 2))).
    - lra.
    - unfold b. replace (lam ^ 3) with (lam ^ 2 * sqrt lam ^ 2) by (rewrite Hsl2; ring).
      field. lra. }
  apply Rle_trans with (1 := H10).
  replace (K * sqrt s0 / (lam * sqrt lam * mu)) with (sqrt s0 * b) by (unfold b; field; lra).
  apply Rmult_le_compat_l; [apply sqrt_pos | exact Hsq].
Qed.

(* lazycheck's sharper form of chizat-bach, Lemma A.1 (steps 1-10, energy route, with step 9
   replaced by Gronwall.stability_time_dependent): for 0 <= t <= T,
   ||y(t) - ybar(t)|| <= K ||Sigma(0)||^(1/2) (1 - exp(- lam mu t)) / (lam^(3/2) mu),
   which is <= the text's bound and vanishes at t = 0.
   Premises: exactly those of a1_lemma_a_1. *)
Lemma a1_time_dependent :
  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (Rfun : E -> R) (gradR : E -> E)
    (Sigma : R -> E -> E) (S0inv : E -> E) (y dy ybar dybar : R -> E) (mu lam K s0 T : R),
  is_inner_product ip -> 0 < lam -> 0 < mu -> 0 <= s0 -> strongly_convex ip Rfun gradR mu ->
  forall (Sigma0_self_adjoint : forall x z : E, ip (Sigma 0 x) z = ip x (Sigma 0 z))
    (Sigma0_inverse : forall x : E, Sigma 0 (S0inv x) = x)
    (Q1 : forall x : E, ip x (S0inv x) <= ip x x / lam)
    (Q2 : forall x : E, ip (S0inv x) (S0inv x) <= ip x (S0inv x) / lam)
    (Q3 : forall x : E, ip x x <= s0 * ip x (S0inv x))
    (same_start : y 0 = ybar 0)
    (flow : forall t, 0 <= t <= T -> dy t = opp (Sigma t (gradR (y t))))
    (flow_bar : forall t, 0 <= t <= T -> dybar t = opp (Sigma 0 (gradR (ybar t))))
    (K_bound : forall t, 0 <= t <= T ->
       vnorm ip (minus (Sigma t (gradR (y t))) (Sigma 0 (gradR (y t)))) <= K)
    (energy_chain_rule : forall t, 0 <= t <= T ->
       is_derive (fun s => ip (minus (y s) (ybar s)) (S0inv (minus (y s) (ybar s))) / 2) t
         (ip (S0inv (minus (y t) (ybar t))) (minus (dy t) (dybar t)))),
  forall t, 0 <= t <= T ->
  vnorm ip (minus (y t) (ybar t)) <= K * sqrt s0 * (1 - exp (- (lam * mu) * t)) / (lam * sqrt lam * mu).
Proof.
  intros E ip Rfun gradR Sigma S0inv y dy ybar dybar mu lam K s0 T Hip Hlam Hmu Hs0 Hsc
    Hsa Hinv HQ1 HQ2 HQ3 H0 Hf Hfb HK Hchain t Ht.
  destruct (a1_energy_facts E ip Rfun gradR Sigma S0inv y dy ybar dybar mu lam K T
              Hip Hlam (Rlt_le _ _ Hmu) Hsc (Rle_trans _ _ _ (proj1 Ht) (proj2 Ht))
              Hsa Hinv HQ1 HQ2 H0 Hf Hfb HK Hchain)
    as [HK0 [Hh0 [Hhpos [Hd Hineq]]]].
  (* step 9, time-dependent form *)
  assert (H9 := stability_time_dependent _ _ K lam mu T Hlam Hmu HK0 Hh0 Hhpos Hd Hineq t Ht).
  cbv beta in H9.
  (* step 10 *)
  assert (H10 := a1_distance_of_energy E ip S0inv s0 Hip Hs0 HQ3 (minus (y t) (ybar t)) _ eq_refl).
  set (h := ip (minus (y t) (ybar t)) (S0inv (minus (y t) (ybar t))) / 2) in *.
  set (q := 1 - exp (- (lam * mu) * t)) in *.
  assert (Hq : 0 <= q).
  { unfold q. assert (exp (- (lam * mu) * t) <= 1).
    { rewrite <- exp_0.
      assert (0 <= lam * mu * t) by (apply Rmult_le_pos; [apply Rmult_le_pos |]; lra).
      destruct (Rle_lt_or_eq_dec (- (lam * mu) * t) 0) as [Hl | He]; [lra | |].
      - left. apply exp_increasing. exact Hl.
      - right. rewrite He. reflexivity. }
    lra. }
  assert (Hsl : 0 < sqrt lam) by (apply sqrt_lt_R0; lra).
  assert (Hsl2 : sqrt lam ^ 2 = lam) by (rewrite <- Rsqr_pow2; apply Rsqr_sqrt; lra).
  set (b := K * q / (lam * sqrt lam * mu)).
  assert (Hb : 0 <= b).
  { unfold b. apply Rmult_le_pos; [apply Rmult_le_pos; lra |]. left. apply Rinv_0_lt_compat.
    apply Rmult_lt_0_compat; [apply Rmult_lt_0_compat |]; lra. }
  assert (Hsq : sqrt (2 * h) <= b).
  { apply a1_sqrt_le; [exact Hb |].
    replace (b ^ 2) with (2 * (K ^ 2 / (2 * lam ^ 3 * mu ^ 2) * q ^ 2)).
    - lra.
    - unfold b. replace (lam ^ 3) with (lam ^ 2 * sqrt lam ^ 2) by (rewrite Hsl2; ring).
      field. lra. }
  apply Rle_trans with (1 := H10).
  replace (K * sqrt s0 * q / (lam * sqrt lam * mu)) with (sqrt s0 * b) by (unfold b; field; lra).
  apply Rmult_le_compat_l; [apply sqrt_pos | exact Hsq].
Qed.

(* Differentiability of a bounded inner product (used by a1_energy_chain_rule for chizat-bach,
   Lemma A.1, step 3 "h'(t) = <z' - zbar', z - zbar>"): in a normed space E, (u, v) |-> <u, v> is
   Frechet differentiable at (u0, v0) with differential (h, k) |-> <h, v0> + <u0, k>.
   Premises: ip is an inner product on E; ip_bounded: |<x, z>| <= C ||x|| ||z|| for E's norm
   (true for any inner product on R^n). *)
Lemma a1_ip_differentiable :
  forall (E : NormedModule R_AbsRing) (ip : E -> E -> R),
  is_inner_product ip ->
  forall (ip_bounded : exists C : R, forall x z : E, Rabs (ip x z) <= C * norm x * norm z)
    (u0 v0 : E),
  filterdiff (fun p : E * E => ip (fst p) (snd p)) (locally (u0, v0))
    (fun p : E * E => ip (fst p) v0 + ip u0 (snd p)).
Proof.
  intros E ip Hip [C HC] u0 v0.
  set (C0 := Rabs C + 1).
  assert (HC0 : 0 < C0) by (unfold C0; pose proof (Rabs_pos C); lra).
  assert (HB : forall x z : E, Rabs (ip x z) <= C0 * norm x * norm z).
  { intros x z. apply Rle_trans with (1 := HC x z).
    assert (Hn : 0 <= norm x * norm z) by (apply Rmult_le_pos; apply norm_ge_0).
    rewrite !Rmult_assoc. apply Rmult_le_compat_r; [exact Hn |].
    unfold C0. pose proof (Rle_abs C). lra. }
  assert (Hfst : forall p : E * E, norm (fst p) <= norm p).
  { intros [a b]. apply Rle_trans with (2 := proj1 (norm_prod a b)). apply Rmax_l. }
  assert (Hsnd : forall p : E * E, norm (snd p) <= norm p).
  { intros [a b]. apply Rle_trans with (2 := proj1 (norm_prod a b)). apply Rmax_r. }
  split.
  - split.
    + intros [a1 b1] [a2 b2]. simpl.
      rewrite (ip_plus_l _ _ Hip), (ip_plus_r _ _ Hip). change (plus ?x ?y) with (x + y). ring.
    + intros k [a b]. simpl.
      rewrite (ip_scal_l _ _ Hip), (ip_scal_r _ _ Hip). change (scal ?x ?y) with (x * y). ring.
    + exists (C0 * (norm v0 + norm u0) + 1). split.
      * assert (0 <= C0 * (norm v0 + norm u0)).
        { apply Rmult_le_pos; [lra |]. pose proof (norm_ge_0 v0). pose proof (norm_ge_0 u0). lra. }
        lra.
      * intros p. change (norm (ip (fst p) v0 + ip u0 (snd p))) with (Rabs (ip (fst p) v0 + ip u0 (snd p))).
        apply Rle_trans with (1 := Rabs_triang _ _).
        pose proof (HB (fst p) v0) as H1. pose proof (HB u0 (snd p)) as H2.
        pose proof (Hfst p). pose proof (Hsnd p).
        pose proof (norm_ge_0 p). pose proof (norm_ge_0 u0). pose proof (norm_ge_0 v0).
        pose proof (norm_ge_0 (fst p)). pose proof (norm_ge_0 (snd p)).
        assert (C0 * norm (fst p) * norm v0 <= C0 * norm p * norm v0).
        { apply Rmult_le_compat_r; [lra |]. apply Rmult_le_compat_l; lra. }
        assert (C0 * norm u0 * norm (snd p) <= C0 * norm u0 * norm p).
        { apply Rmult_le_compat_l; [apply Rmult_le_pos; lra | lra]. }
        nra.
  - intros x Hx eps.
    apply (@is_filter_lim_locally_unique _ (prod_NormedModule _ E E)) in Hx. rewrite <- Hx. clear x Hx.
    refine (@locally_le_locally_norm _ (prod_NormedModule _ E E) (u0, v0) _ _).
    assert (Hd : 0 < eps / C0) by (apply Rdiv_lt_0_compat; [apply cond_pos | exact HC0]).
    exists (mkposreal _ Hd). intros [u v] Huv. simpl in Huv.
    set (p := minus (u, v) (u0, v0)) in *.
    assert (Hp1 : fst p = minus u u0) by reflexivity.
    assert (Hp2 : snd p = minus v v0) by reflexivity.
    change (Rabs (ip u v - ip u0 v0 - (ip (fst p) v0 + ip u0 (snd p))) <= eps * norm p).
    assert (Hres : ip u v - ip u0 v0 - (ip (fst p) v0 + ip u0 (snd p)) = ip (fst p) (snd p)).
    { rewrite Hp1, Hp2, !(ip_minus_l _ _ Hip), !(ip_minus_r _ _ Hip). ring. }
    rewrite Hres.
    apply Rle_trans with (1 := HB (fst p) (snd p)).
    pose proof (Hfst p). pose proof (Hsnd p). pose proof (norm_ge_0 (fst p)). pose proof (norm_ge_0 (snd p)).
    assert (Hn : C0 * norm p < eps).
    { apply Rmult_lt_reg_r with (/ C0); [apply Rinv_0_lt_compat; lra |].
      replace (C0 * norm p * / C0) with (norm p) by (field; lra). exact Huv. }
    apply Rle_trans with (C0 * norm p * norm p).
    + apply Rmult_le_compat.
      * apply Rmult_le_pos; [lra | apply norm_ge_0].
      * apply norm_ge_0.
      * apply Rmult_le_compat_l; [lra | apply Hfst].
      * apply Hsnd.
    + apply Rmult_le_compat_r; [apply norm_ge_0 | lra].
Qed.

(* chizat-bach, Lemma A.1, step 3: "h'(t) = <z' - zbar', z - zbar>", in the energy route
   (h = (1/2) <e, S0inv e>, e = y - ybar, see the header): the energy chain rule
   h'(t) = <S0inv e(t), e'(t)> that a1_energy_inequality, a1_lemma_a_1 and a1_time_dependent take as
   the named hypothesis energy_chain_rule, proved here in a normed space E (e.g. R^n).
   Premises: ip is an inner product on E; ip_bounded: |<x, z>| <= C ||x|| ||z||;
   S0inv_linear: S0inv (standing for Sigma(0)^(-1)) is a bounded linear map (Coquelicot's is_linear);
   S0inv_self_adjoint: <S0inv x, z> = <x, S0inv z>; y_differentiable, ybar_differentiable:
   y and ybar have derivatives dy t, dybar t at t. *)
Lemma a1_energy_chain_rule :
  forall (E : NormedModule R_AbsRing) (ip : E -> E -> R) (S0inv : E -> E)
    (y dy ybar dybar : R -> E) (t : R),
  is_inner_product ip ->
  forall (ip_bounded : exists C : R, forall x z : E, Rabs (ip x z) <= C * norm x * norm z)
    (S0inv_linear : is_linear S0inv)
    (S0inv_self_adjoint : forall x z : E, ip (S0inv x) z = ip x (S0inv z))
    (y_differentiable : is_derive y t (dy t))
    (ybar_differentiable : is_derive ybar t (dybar t)),
  is_derive (fun s => ip (minus (y s) (ybar s)) (S0inv (minus (y s) (ybar s))) / 2) t
    (ip (S0inv (minus (y t) (ybar t))) (minus (dy t) (dybar t))).
Proof.
  intros E ip S0inv y dy ybar dybar t Hip Hb Hlin Hsa Hy Hyb.
  set (e := fun s => minus (y s) (ybar s)).
  set (de := minus (dy t) (dybar t)).
  assert (He : is_derive e t de) by (apply is_derive_minus; assumption).
  assert (Hg : filterdiff (fun s => S0inv (e s)) (locally t) (fun h => S0inv (scal h de))).
  { apply (filterdiff_comp' e S0inv t (fun h => scal h de) S0inv He).
    apply filterdiff_linear. exact Hlin. }
  assert (Hq := filterdiff_comp'_2 e (fun s => S0inv (e s)) ip t (fun h => scal h de)
                  (fun h => S0inv (scal h de))
                  (fun a b => ip a (S0inv (e t)) + ip (e t) b) He Hg
                  (a1_ip_differentiable E ip Hip Hb (e t) (S0inv (e t)))).
  set (L := ip (S0inv (e t)) de).
  assert (Hq2 : is_derive (fun s => ip (e s) (S0inv (e s))) t (2 * L)).
  { unfold is_derive. apply (filterdiff_ext_lin _ _ _ Hq). intros h. cbv beta.
    rewrite (linear_scal _ Hlin), (ip_scal_l _ _ Hip), (ip_scal_r _ _ Hip).
    rewrite (ip_sym _ _ Hip de (S0inv (e t))), <- (Hsa (e t) de).
    change (h * ip (S0inv (e t)) de + h * ip (S0inv (e t)) de = h * (2 * L)). unfold L. ring. }
  assert (Hq3 := is_derive_scal _ t (/ 2) _ Hq2).
  apply (is_derive_ext (fun s => / 2 * ip (e s) (S0inv (e s)))).
  - intros s. unfold e, Rdiv. apply Rmult_comm.
  - assert (EL : / 2 * (2 * L) = L) by field.
    rewrite EL in Hq3. exact Hq3.
Qed.

(* chizat-bach, Lemma A.1 (energy route): Sigma(0)^(-1) is self-adjoint because Sigma(0) is:
   <S0inv x, z> = <x, S0inv z>.
   Premises: ip is an inner product; Sigma0_self_adjoint: <Sigma0 x, z> = <x, Sigma0 z>;
   Sigma0_inverse: Sigma0 (S0inv x) = x. *)
Lemma a1_S0inv_self_adjoint :
  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (Sigma0 S0inv : E -> E),
  is_inner_product ip ->
  forall (Sigma0_self_adjoint : forall x z : E, ip (Sigma0 x) z = ip x (Sigma0 z))
    (Sigma0_inverse : forall x : E, Sigma0 (S0inv x) = x),
  forall x z : E, ip (S0inv x) z = ip x (S0inv z).
Proof.
  intros E ip Sigma0 S0inv Hip Hsa Hinv x z.
  rewrite <- (Hinv x) at 2. rewrite Hsa, Hinv. reflexivity.
Qed.

(* chizat-bach, Lemma A.1, the whole lemma (steps 1-10, energy route) in a normed space E (e.g.
   R^n), with the energy chain rule proved (a1_energy_chain_rule) instead of assumed:
   ||y(t) - ybar(t)|| <= K ||Sigma(0)||^(1/2) / (lam^(3/2) mu) for 0 <= t <= T.
   Premises: those of a1_lemma_a_1 without energy_chain_rule, plus ip_bounded:
   |<x, z>| <= C ||x|| ||z||; S0inv_linear: S0inv is a bounded linear map; y_differentiable,
   ybar_differentiable: y and ybar have derivatives dy, dybar on [0, T] (so that flow and flow_bar
   are the differential equations of y and ybar). *)
Lemma a1_lemma_a_1_frechet :
  forall (E : NormedModule R_AbsRing) (ip : E -> E -> R) (Rfun : E -> R) (gradR : E -> E)
    (Sigma : R -> E -> E) (S0inv : E -> E) (y dy ybar dybar : R -> E) (mu lam K s0 T : R),
  is_inner_product ip -> 0 < lam -> 0 < mu -> 0 <= s0 -> strongly_convex ip Rfun gradR mu ->
  forall (ip_bounded : exists C : R, forall x z : E, Rabs (ip x z) <= C * norm x * norm z)
    (Sigma0_self_adjoint : forall x z : E, ip (Sigma 0 x) z = ip x (Sigma 0 z))
    (Sigma0_inverse : forall x : E, Sigma 0 (S0inv x) = x)
    (S0inv_linear : is_linear S0inv)
    (Q1 : forall x : E, ip x (S0inv x) <= ip x x / lam)
    (Q2 : forall x : E, ip (S0inv x) (S0inv x) <= ip x (S0inv x) / lam)
    (Q3 : forall x : E, ip x x <= s0 * ip x (S0inv x))
    (same_start : y 0 = ybar 0)
    (y_differentiable : forall t, 0 <= t <= T -> is_derive y t (dy t))
    (ybar_differentiable : forall t, 0 <= t <= T -> is_derive ybar t (dybar t))
    (flow : forall t, 0 <= t <= T -> dy t = opp (Sigma t (gradR (y t))))
    (flow_bar : forall t, 0 <= t <= T -> dybar t = opp (Sigma 0 (gradR (ybar t))))
    (K_bound : forall t, 0 <= t <= T ->
       vnorm ip (minus (Sigma t (gradR (y t))) (Sigma 0 (gradR (y t)))) <= K),
  forall t, 0 <= t <= T ->
  vnorm ip (minus (y t) (ybar t)) <= K * sqrt s0 / (lam * sqrt lam * mu).
Proof.
  intros E ip Rfun gradR Sigma S0inv y dy ybar dybar mu lam K s0 T Hip Hlam Hmu Hs0 Hsc
    Hb Hsa Hinv Hlin HQ1 HQ2 HQ3 H0 Hy Hyb Hf Hfb HK.
  apply (a1_lemma_a_1 E ip Rfun gradR Sigma S0inv y dy ybar dybar mu lam K s0 T Hip Hlam Hmu Hs0 Hsc
           Hsa Hinv HQ1 HQ2 HQ3 H0 Hf Hfb HK).
  intros t Ht.
  apply (a1_energy_chain_rule E ip S0inv y dy ybar dybar t Hip Hb Hlin
           (a1_S0inv_self_adjoint E ip (Sigma 0) S0inv Hip Hsa Hinv) (Hy t Ht) (Hyb t Ht)).
Qed.

(* lazycheck's sharper form of chizat-bach, Lemma A.1 (a1_time_dependent) in a normed space E, with
   the energy chain rule proved (a1_energy_chain_rule) instead of assumed:
   ||y(t) - ybar(t)|| <= K ||Sigma(0)||^(1/2) (1 - exp(- lam mu t)) / (lam^(3/2) mu) on [0, T].
   Premises: exactly those of a1_lemma_a_1_frechet. *)
Lemma a1_time_dependent_frechet :
  forall (E : NormedModule R_AbsRing) (ip : E -> E -> R) (Rfun : E -> R) (gradR : E -> E)
    (Sigma : R -> E -> E) (S0inv : E -> E) (y dy ybar dybar : R -> E) (mu lam K s0 T : R),
  is_inner_product ip -> 0 < lam -> 0 < mu -> 0 <= s0 -> strongly_convex ip Rfun gradR mu ->
  forall (ip_bounded : exists C : R, forall x z : E, Rabs (ip x z) <= C * norm x * norm z)
    (Sigma0_self_adjoint : forall x z : E, ip (Sigma 0 x) z = ip x (Sigma 0 z))
    (Sigma0_inverse : forall x : E, Sigma 0 (S0inv x) = x)
    (S0inv_linear : is_linear S0inv)
    (Q1 : forall x : E, ip x (S0inv x) <= ip x x / lam)
    (Q2 : forall x : E, ip (S0inv x) (S0inv x) <= ip x (S0inv x) / lam)
    (Q3 : forall x : E, ip x x <= s0 * ip x (S0inv x))
    (same_start : y 0 = ybar 0)
    (y_differentiable : forall t, 0 <= t <= T -> is_derive y t (dy t))
    (ybar_differentiable : forall t, 0 <= t <= T -> is_derive ybar t (dybar t))
    (flow : forall t, 0 <= t <= T -> dy t = opp (Sigma t (gradR (y t))))
    (flow_bar : forall t, 0 <= t <= T -> dybar t = opp (Sigma 0 (gradR (ybar t))))
    (K_bound : forall t, 0 <= t <= T ->
       vnorm ip (minus (Sigma t (gradR (y t))) (Sigma 0 (gradR (y t)))) <= K),
  forall t, 0 <= t <= T ->
  vnorm ip (minus (y t) (ybar t)) <= K * sqrt s0 * (1 - exp (- (lam * mu) * t)) / (lam * sqrt lam * mu).
Proof.
  intros E ip Rfun gradR Sigma S0inv y dy ybar dybar mu lam K s0 T Hip Hlam Hmu Hs0 Hsc
    Hb Hsa Hinv Hlin HQ1 HQ2 HQ3 H0 Hy Hyb Hf Hfb HK.
  apply (a1_time_dependent E ip Rfun gradR Sigma S0inv y dy ybar dybar mu lam K s0 T Hip Hlam Hmu Hs0 Hsc
           Hsa Hinv HQ1 HQ2 HQ3 H0 Hf Hfb HK).
  intros t Ht.
  apply (a1_energy_chain_rule E ip S0inv y dy ybar dybar t Hip Hb Hlin
           (a1_S0inv_self_adjoint E ip (Sigma 0) S0inv Hip Hsa Hinv) (Hy t Ht) (Hyb t Ht)).
Qed.
