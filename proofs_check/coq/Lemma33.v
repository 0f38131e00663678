(* chizat-bach, Lemma 3.3 (strongly-convex gradient flow in a time-dependent metric):
   if F is mu-strongly convex with nu-Lipschitz gradient and minimizer ystar, and
   y'(t) = - Sigma(t) grad F(y(t)) with Sigma(t) >= lam Id on [0, T], then
   ||y(t) - ystar|| <= (nu/mu)^(1/2) ||y(0) - ystar|| exp(- mu lam t) on [0, T].

   Numbering of the steps of the text's proof (as used in the comments below):
     step 1  "Fbar(y) := F(y) - F(ystar) <= ||grad F(y)||^2 / (2 mu)" (strong convexity);
     step 2  "d/dt Fbar(y(t)) = - grad F(y(t))^T Sigma(t) grad F(y(t))" (chain rule + flow);
     step 3  "... <= - lam ||grad F(y(t))||^2" (Sigma(t) >= lam Id);
     step 4  "... <= - 2 mu lam Fbar(y)" (step 1);
     step 5  "Fbar(y(t)) <= exp(-2 mu lam t) Fbar(y(0)) by Gronwall's Lemma"
             (the text prints exp(-2 mu lam), the factor t dropped; read as exp(-2 mu lam t));
     step 6  "||y - ystar||^2 <= (2/mu) Fbar(y)" (strong convexity at ystar);
     step 7  "Fbar(y) <= (1/2) nu ||y - ystar||^2" (smoothness at ystar);
     step 8  "||y(t) - ystar||^2 <= (nu/mu) exp(-2 mu lam t) ||y(0) - ystar||^2";
     step 9  square roots: the statement of the lemma.

   Vectors live in an abstract real inner-product space (InnerProduct.v): E is a module space
   over R, ip an inner product on it ([is_inner_product ip]), vnorm ip its norm. *)

From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.
Require Import Lazycheck.Gronwall Lazycheck.InnerProduct.
Open Scope R_scope.

(* chizat-bach, Lemma 3.3, step 1: "By strong convexity, it holds
   Fbar(y) := F(y) - F(ystar) <= ||grad F(y)||^2 / (2 mu)".
   Premises: ip is an inner product; 0 < mu; F is mu-strongly convex with gradient gradF.
   (The proof uses 0 <= ||g + mu (ystar - y)||^2; ystar may be any point, the minimizer in the text.) *)
Lemma l33_pl :
  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (F : E -> R) (gradF : E -> E) (mu : R),
  is_inner_product ip -> 0 < mu -> strongly_convex ip F gradF mu ->
  forall y ystar : E, F y - F ystar <= vnorm ip (gradF y) ^ 2 / (2 * mu).
Proof.
  intros E ip F gradF mu Hip Hmu Hsc y ystar.
  specialize (Hsc y ystar).
  set (g := gradF y) in *. set (d := minus ystar y) in *.
  rewrite (ip_vnorm_sq _ _ Hip) in Hsc |- *.
  assert (Hq := ip_pos _ _ Hip (plus g (scal mu d))).
  rewrite (ip_expand _ _ Hip) in Hq.
  set (G := ip g g) in *. set (B := ip g d) in *. set (D := ip d d) in *.
  apply Rle_trans with (- B - mu / 2 * D); [lra |].
  assert (Eq : G / (2 * mu) - (- B - mu / 2 * D) = (G + 2 * mu * B + mu ^ 2 * D) / (2 * mu))
    by (field; lra).
  assert (0 <= (G + 2 * mu * B + mu ^ 2 * D) / (2 * mu)).
  { apply Rmult_le_pos; [lra |]. left. apply Rinv_0_lt_compat. lra. }
  lra.
Qed.

(* chizat-bach, Lemma 3.3, steps 2-3: "d/dt Fbar(y(t)) = - grad F(y(t))^T Sigma(t) grad F(y(t))
   <= - lam ||grad F(y(t))||^2", at one time t.
   Premises: ip is an inner product;
   Sigma_lower: Sigma(t) >= lam Id as a quadratic form, lam <g, g> <= <g, Sigma(t) g>
     (Sigma(t) need not be linear here);
   flow: y'(t) = - Sigma(t) grad F(y(t)) (dy stands for y');
   chain_rule: d/ds F(y(s)) at s = t equals <grad F(y(t)), y'(t)> (not proved here).
   Conclusion: the derivative of Fbar(y(s)) = F(y(s)) - F(ystar) at t is - <g, Sigma(t) g>,
   and it is <= - lam ||g||^2, g = grad F(y(t)). *)
Lemma l33_dissipation :
  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (F : E -> R) (gradF : E -> E)
    (Sigma : R -> E -> E) (y dy : R -> E) (ystar : E) (lam t : R),
  is_inner_product ip ->
  forall (Sigma_lower : forall g : E, lam * ip g g <= ip g (Sigma t g))
    (flow : dy t = opp (Sigma t (gradF (y t))))
    (chain_rule : is_derive (fun s => F (y s)) t (ip (gradF (y t)) (dy t))),
  is_derive (fun s => F (y s) - F ystar) t (- ip (gradF (y t)) (Sigma t (gradF (y t)))) /\
  - ip (gradF (y t)) (Sigma t (gradF (y t))) <= - lam * vnorm ip (gradF (y t)) ^ 2.
Proof.
  intros E ip F gradF Sigma y dy ystar lam t Hip Hlow Hflow Hchain.
  split.
  - assert (H := is_derive_minus _ _ t _ _ Hchain (is_derive_const (F ystar) t)).
    rewrite Hflow, (ip_opp_r _ _ Hip), minus_zero_r in H.
    exact H.
  - rewrite (ip_vnorm_sq _ _ Hip). specialize (Hlow (gradF (y t))). lra.
Qed.

(* chizat-bach, Lemma 3.3, step 6: "the strong convexity inequality ||y - ystar||^2 <= (2/mu) Fbar(y)".
   Premises: ip is an inner product; 0 < mu; F is mu-strongly convex with gradient gradF;
   grad F(ystar) = 0 (first-order condition at the minimizer ystar). *)
Lemma l33_distance_lower :
  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (F : E -> R) (gradF : E -> E) (mu : R),
  is_inner_product ip -> 0 < mu -> strongly_convex ip F gradF mu ->
  forall ystar : E, gradF ystar = zero ->
  forall y : E, vnorm ip (minus y ystar) ^ 2 <= 2 / mu * (F y - F ystar).
Proof.
  intros E ip F gradF mu Hip Hmu Hsc ystar Hcrit y.
  specialize (Hsc ystar y). rewrite Hcrit, (ip_zero_l _ _ Hip) in Hsc.
  set (D := vnorm ip (minus y ystar) ^ 2) in *.
  replace D with (2 / mu * (mu / 2 * D)) by (field; lra).
  apply Rmult_le_compat_l; [| lra].
  left. apply Rdiv_lt_0_compat; lra.
Qed.

(* chizat-bach, Lemma 3.3, step 7: "the smoothness inequality Fbar(y) <= (1/2) nu ||y - ystar||^2".
   Premises: ip is an inner product; smooth_upper: the upper quadratic bound (descent lemma) of
   a function with nu-Lipschitz gradient; grad F(ystar) = 0 (first-order condition at the minimizer). *)
Lemma l33_distance_upper :
  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (F : E -> R) (gradF : E -> E) (nu : R),
  is_inner_product ip -> smooth_upper ip F gradF nu ->
  forall ystar : E, gradF ystar = zero ->
  forall y : E, F y - F ystar <= nu / 2 * vnorm ip (minus y ystar) ^ 2.
Proof.
  intros E ip F gradF nu Hip Hsm ystar Hcrit y.
  specialize (Hsm ystar y). rewrite Hcrit, (ip_zero_l _ _ Hip) in Hsm. lra.
Qed.

(* chizat-bach, Lemma 3.3, the whole lemma (steps 1-9):
   ||y(t) - ystar|| <= (nu/mu)^(1/2) ||y(0) - ystar|| exp(- mu lam t) for 0 <= t <= T.
   Step 5 ("by Gronwall's Lemma") is Gronwall.gronwall_decay with c = 2 mu lam.
   Premises: ip is an inner product on F; 0 < mu, 0 <= nu, 0 < lam;
   F is mu-strongly convex with gradient gradF; smooth_upper: the upper quadratic bound of a
   function with nu-Lipschitz gradient (descent lemma, not proved here);
   grad F(ystar) = 0 (first-order condition at the minimizer ystar, not proved here);
   Sigma_lower: Sigma(t) >= lam Id as a quadratic form on [0, T];
   flow: y'(t) = - Sigma(t) grad F(y(t)) on [0, T] (dy stands for y');
   chain_rule: d/dt F(y(t)) = <grad F(y(t)), y'(t)> on [0, T] (not proved here). *)
Lemma l33_lemma_3_3 :
  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (F : E -> R) (gradF : E -> E)
    (Sigma : R -> E -> E) (y dy : R -> E) (ystar : E) (mu nu lam T : R),
  is_inner_product ip -> 0 < mu -> 0 <= nu -> 0 < lam ->
  strongly_convex ip F gradF mu -> smooth_upper ip F gradF nu -> gradF ystar = zero ->
  forall (Sigma_lower : forall t, 0 <= t <= T -> forall g : E, lam * ip g g <= ip g (Sigma t g))
    (flow : forall t, 0 <= t <= T -> dy t = opp (Sigma t (gradF (y t))))
    (chain_rule : forall t, 0 <= t <= T ->
       is_derive (fun s => F (y s)) t (ip (gradF (y t)) (dy t))),
  forall t, 0 <= t <= T ->
  vnorm ip (minus (y t) ystar) <= sqrt (nu / mu) * vnorm ip (minus (y 0) ystar) * exp (- (mu * lam) * t).
Proof.
  intros E ip F gradF Sigma y dy ystar mu nu lam T Hip Hmu Hnu Hlam Hsc Hsm Hcrit
    Hlow Hflow Hchain t Ht.
  set (phi := fun s => F (y s) - F ystar).
  set (dphi := fun s => - ip (gradF (y s)) (Sigma s (gradF (y s)))).
  (* steps 2-4 *)
  assert (Hd : forall s, 0 <= s <= T -> is_derive phi s (dphi s)).
  { intros s Hs. apply (proj1 (l33_dissipation E ip F gradF Sigma y dy ystar lam s Hip
      (Hlow s Hs) (Hflow s Hs) (Hchain s Hs))). }
  assert (Hle : forall s, 0 <= s <= T -> dphi s <= - (2 * mu * lam) * phi s).
  { intros s Hs.
    assert (H3 := proj2 (l33_dissipation E ip F gradF Sigma y dy ystar lam s Hip
      (Hlow s Hs) (Hflow s Hs) (Hchain s Hs))).
    assert (H1 := l33_pl E ip F gradF mu Hip Hmu Hsc (y s) ystar).
    fold (dphi s) in H3. unfold phi.
    set (G := vnorm ip (gradF (y s)) ^ 2) in *.
    assert (H1' : 2 * mu * (F (y s) - F ystar) <= G).
    { apply Rmult_le_reg_r with (/ (2 * mu)).
      - apply Rinv_0_lt_compat; lra.
      - replace (2 * mu * (F (y s) - F ystar) * / (2 * mu)) with (F (y s) - F ystar)
          by (field; lra).
        exact H1. }
    assert (lam * (2 * mu * (F (y s) - F ystar)) <= lam * G)
      by (apply Rmult_le_compat_l; lra).
    lra. }
  (* step 5: Gronwall *)
  assert (H5 := gronwall_decay phi dphi (2 * mu * lam) T Hd Hle t Ht).
  unfold phi in H5.
  (* steps 6 and 7 *)
  assert (H6 := l33_distance_lower E ip F gradF mu Hip Hmu Hsc ystar Hcrit (y t)).
  assert (H7 := l33_distance_upper E ip F gradF nu Hip Hsm ystar Hcrit (y 0)).
  set (ex := exp (- (2 * mu * lam) * t)) in *.
  assert (Hex : 0 < ex) by apply exp_pos.
  set (Dt := vnorm ip (minus (y t) ystar)) in *.
  set (D0 := vnorm ip (minus (y 0) ystar)) in *.
  (* step 8 *)
  assert (H8 : Dt ^ 2 <= nu / mu * ex * D0 ^ 2).
  { apply Rle_trans with (2 / mu * (F (y t) - F ystar)); [exact H6 |].
    apply Rle_trans with (2 / mu * (ex * (F (y 0) - F ystar))).
    { apply Rmult_le_compat_l; [left; apply Rdiv_lt_0_compat; lra | exact H5]. }
    apply Rle_trans with (2 / mu * (ex * (nu / 2 * D0 ^ 2))).
    { apply Rmult_le_compat_l; [left; apply Rdiv_lt_0_compat; lra |].
      apply Rmult_le_compat_l; [lra | exact H7]. }
    right. field. lra. }
  (* step 9: square roots *)
  assert (HDt : 0 <= Dt) by apply sqrt_pos.
  assert (HD0 : 0 <= D0) by apply sqrt_pos.
  set (e1 := exp (- (mu * lam) * t)).
  assert (He1 : 0 < e1) by apply exp_pos.
  assert (Hee : e1 ^ 2 = ex).
  { unfold e1, ex. simpl. rewrite Rmult_1_r, <- exp_plus. f_equal. ring. }
  assert (Hs : 0 <= sqrt (nu / mu)) by apply sqrt_pos.
  assert (Hss : sqrt (nu / mu) ^ 2 = nu / mu).
  { rewrite <- Rsqr_pow2. apply Rsqr_sqrt. apply Rdiv_le_0_compat; lra. }
  assert (HR : 0 <= sqrt (nu / mu) * D0 * e1).
  { apply Rmult_le_pos; [apply Rmult_le_pos |]; lra. }
  assert (HR2 : (sqrt (nu / mu) * D0 * e1) ^ 2 = nu / mu * ex * D0 ^ 2).
  { replace ((sqrt (nu / mu) * D0 * e1) ^ 2) with (sqrt (nu / mu) ^ 2 * D0 ^ 2 * e1 ^ 2) by ring.
    rewrite Hss, Hee. ring. }
  rewrite <- HR2 in H8.
  destruct (Rle_or_lt Dt (sqrt (nu / mu) * D0 * e1)) as [Hok | Hbad]; [exact Hok |].
  exfalso.
  assert ((sqrt (nu / mu) * D0 * e1) ^ 2 < Dt ^ 2).
  { nra. }
  lra.
Qed.

(* chizat-bach, Lemma 3.3, step 2 ("d/dt Fbar(y(t)) = grad F(y(t))^T y'(t)", the chain rule that
   l33_dissipation and l33_lemma_3_3 take as the named hypothesis chain_rule), proved in a normed
   space E (e.g. R^n): if F is Frechet differentiable at y(t) with differential v |-> <grad F(y(t)), v>
   (i.e. gradF is its gradient for ip) and y has derivative y'(t) at t, then
   d/ds F(y(s)) at s = t is <grad F(y(t)), y'(t)>.
   Premises: ip is an inner product on E (its norm need not be E's norm); F_differentiable;
   y_differentiable. *)
Lemma l33_chain_rule :
  forall (E : NormedModule R_AbsRing) (ip : E -> E -> R) (F : E -> R) (gradF : E -> E)
    (y dy : R -> E) (t : R),
  is_inner_product ip ->
  forall (F_differentiable : filterdiff F (locally (y t)) (fun v => ip (gradF (y t)) v))
    (y_differentiable : is_derive y t (dy t)),
  is_derive (fun s => F (y s)) t (ip (gradF (y t)) (dy t)).
Proof.
  intros E ip F gradF y dy t Hip HF Hy.
  unfold is_derive in *.
  assert (H := filterdiff_comp' y F t _ _ Hy HF).
  eapply filterdiff_ext_lin; [exact H |].
  intros h. simpl. rewrite (ip_scal_r _ _ Hip). reflexivity.
Qed.

(* chizat-bach, Lemma 3.3, the whole lemma (steps 1-9) in a normed space E (e.g. R^n), with the
   chain rule proved (l33_chain_rule) instead of assumed:
   ||y(t) - ystar|| <= (nu/mu)^(1/2) ||y(0) - ystar|| exp(- mu lam t) for 0 <= t <= T.
   Premises: those of l33_lemma_3_3, with chain_rule replaced by
   F_differentiable: F is Frechet differentiable on E with gradient gradF for ip, and
   y_differentiable: y has derivative dy on [0, T]. *)
Lemma l33_lemma_3_3_frechet :
  forall (E : NormedModule R_AbsRing) (ip : E -> E -> R) (F : E -> R) (gradF : E -> E)
    (Sigma : R -> E -> E) (y dy : R -> E) (ystar : E) (mu nu lam T : R),
  is_inner_product ip -> 0 < mu -> 0 <= nu -> 0 < lam ->
  strongly_convex ip F gradF mu -> smooth_upper ip F gradF nu -> gradF ystar = zero ->
  forall (Sigma_lower : forall t, 0 <= t <= T -> forall g : E, lam * ip g g <= ip g (Sigma t g))
    (flow : forall t, 0 <= t <= T -> dy t = opp (Sigma t (gradF (y t))))
    (F_differentiable : forall x : E, filterdiff F (locally x) (fun v => ip (gradF x) v))
    (y_differentiable : forall t, 0 <= t <= T -> is_derive y t (dy t)),
  forall t, 0 <= t <= T ->
  vnorm ip (minus (y t) ystar) <= sqrt (nu / mu) * vnorm ip (minus (y 0) ystar) * exp (- (mu * lam) * t).
Proof.
  intros E ip F gradF Sigma y dy ystar mu nu lam T Hip Hmu Hnu Hlam Hsc Hsm Hcrit
    Hlow Hflow HF Hy.
  apply (l33_lemma_3_3 E ip F gradF Sigma y dy ystar mu nu lam T Hip Hmu Hnu Hlam Hsc Hsm Hcrit
           Hlow Hflow).
  intros t Ht. apply (l33_chain_rule E ip F gradF y dy t Hip (HF (y t)) (Hy t Ht)).
Qed.

(* chizat-bach, Lemma 3.3, step 2: "d/dt Fbar(y(t)) = - grad F(y(t))^T Sigma(t) grad F(y(t))",
   the chain rule (l33_chain_rule, proved) composed with the flow, in a normed space E (e.g. R^n):
   the derivative of Fbar(y(s)) = F(y(s)) - F(ystar) at t is - <grad F(y(t)), Sigma(t) grad F(y(t))>.
   Premises: ip is an inner product on E; F_differentiable: F is Frechet differentiable at y(t)
   with differential v |-> <grad F(y(t)), v>; y_differentiable: y has derivative dy t at t;
   flow: y'(t) = - Sigma(t) grad F(y(t)). *)
Lemma l33_dissipation_flow :
  forall (E : NormedModule R_AbsRing) (ip : E -> E -> R) (F : E -> R) (gradF : E -> E)
    (Sigma : R -> E -> E) (y dy : R -> E) (ystar : E) (t : R),
  is_inner_product ip ->
  forall (F_differentiable : filterdiff F (locally (y t)) (fun v => ip (gradF (y t)) v))
    (y_differentiable : is_derive y t (dy t))
    (flow : dy t = opp (Sigma t (gradF (y t)))),
  is_derive (fun s => F (y s) - F ystar) t (- ip (gradF (y t)) (Sigma t (gradF (y t)))).
Proof.
  intros E ip F gradF Sigma y dy ystar t Hip HF Hy Hflow.
  assert (Hchain := l33_chain_rule E ip F gradF y dy t Hip HF Hy).
  assert (H := is_derive_minus _ _ t _ _ Hchain (is_derive_const (F ystar) t)).
  rewrite Hflow, (ip_opp_r _ _ Hip), minus_zero_r in H.
  exact H.
Qed.
