(* An abstract real inner-product space: the setting of chizat-bach, Lemma 3.3 and Lemma A.1
   (the space F of predictors, with its Hilbert structure).

   Vectors live in a Coquelicot module space E over the reals (plus, scal, opp, minus, zero);
   the inner product is a function ip : E -> E -> R whose axioms are bundled in
   [is_inner_product ip].  Every lemma below states [is_inner_product ip] as a hypothesis:
   it stands for "ip is an inner product on F" (symmetric, linear in the first argument,
   positive semi-definite).  Nothing else is assumed. *)

From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.
Open Scope R_scope.

Section InnerProduct.

Context {E : ModuleSpace R_Ring}.

(* The inner-product axioms: symmetric, additive and homogeneous in the first argument,
   and ip x x >= 0. *)
Definition is_inner_product (ip : E -> E -> R) : Prop :=
  (forall x y : E, ip x y = ip y x) /\
  (forall x y z : E, ip (plus x y) z = ip x z + ip y z) /\
  (forall (a : R) (x y : E), ip (scal a x) y = a * ip x y) /\
  (forall x : E, 0 <= ip x x).

(* The norm ||x|| = sqrt <x, x>. *)
Definition vnorm (ip : E -> E -> R) (x : E) : R := sqrt (ip x x).

(* F is mu-strongly convex with gradient gradF:
   F v >= F u + <grad F(u), v - u> + mu/2 ||v - u||^2 for all u, v. *)
Definition strongly_convex (ip : E -> E -> R) (F : E -> R) (gradF : E -> E) (mu : R) : Prop :=
  forall u v : E,
    F u + ip (gradF u) (minus v u) + mu / 2 * vnorm ip (minus v u) ^ 2 <= F v.

(* The upper quadratic bound of a function with nu-Lipschitz gradient (the "descent lemma"):
   F v <= F u + <grad F(u), v - u> + nu/2 ||v - u||^2 for all u, v. *)
Definition smooth_upper (ip : E -> E -> R) (F : E -> R) (gradF : E -> E) (nu : R) : Prop :=
  forall u v : E,
    F v <= F u + ip (gradF u) (minus v u) + nu / 2 * vnorm ip (minus v u) ^ 2.

End InnerProduct.

(* ------------------------------------------------------------------------------------------ *)
(* Derived algebra of an inner product.  Hypothesis [is_inner_product ip]: ip is an inner
   product on E (symmetric, linear in the first argument, positive semi-definite). *)

(* Algebra of inner products (used throughout chizat-bach, Lemmas 3.3 and A.1):
   symmetry. *)
Lemma ip_sym (E : ModuleSpace R_Ring) (ip : E -> E -> R) :
  is_inner_product ip -> forall x y : E, ip x y = ip y x.
Proof. intros [H _]; exact H. Qed.

(* Algebra of inner products: additivity in the first argument. *)
Lemma ip_plus_l (E : ModuleSpace R_Ring) (ip : E -> E -> R) :
  is_inner_product ip -> forall x y z : E, ip (plus x y) z = ip x z + ip y z.
Proof. intros [_ [H _]]; exact H. Qed.

(* Algebra of inner products: homogeneity in the first argument. *)
Lemma ip_scal_l (E : ModuleSpace R_Ring) (ip : E -> E -> R) :
  is_inner_product ip -> forall (a : R) (x y : E), ip (scal a x) y = a * ip x y.
Proof. intros [_ [_ [H _]]]; exact H. Qed.

(* Algebra of inner products: <x, x> >= 0. *)
Lemma ip_pos (E : ModuleSpace R_Ring) (ip : E -> E -> R) :
  is_inner_product ip -> forall x : E, 0 <= ip x x.
Proof. intros [_ [_ [_ H]]]; exact H. Qed.

(* Algebra of inner products: additivity in the second argument. *)
Lemma ip_plus_r (E : ModuleSpace R_Ring) (ip : E -> E -> R) :
  is_inner_product ip -> forall x y z : E, ip x (plus y z) = ip x y + ip x z.
Proof.
  intros Hip x y z.
  rewrite (ip_sym _ _ Hip x), (ip_plus_l _ _ Hip), (ip_sym _ _ Hip y), (ip_sym _ _ Hip z).
  reflexivity.
Qed.

(* Algebra of inner products: homogeneity in the second argument. *)
Lemma ip_scal_r (E : ModuleSpace R_Ring) (ip : E -> E -> R) :
  is_inner_product ip -> forall (a : R) (x y : E), ip x (scal a y) = a * ip x y.
Proof.
  intros Hip a x y.
  rewrite (ip_sym _ _ Hip x), (ip_scal_l _ _ Hip), (ip_sym _ _ Hip y).
  reflexivity.
Qed.

(* Algebra of inner products: <0, x> = 0. *)
Lemma ip_zero_l (E : ModuleSpace R_Ring) (ip : E -> E -> R) :
  is_inner_product ip -> forall x : E, ip zero x = 0.
Proof.
  intros Hip x.
  assert (H := ip_plus_l _ _ Hip zero zero x).
  rewrite plus_zero_l in H. lra.
Qed.

(* Algebra of inner products: <x, 0> = 0. *)
Lemma ip_zero_r (E : ModuleSpace R_Ring) (ip : E -> E -> R) :
  is_inner_product ip -> forall x : E, ip x zero = 0.
Proof.
  intros Hip x. rewrite (ip_sym _ _ Hip). apply (ip_zero_l _ _ Hip).
Qed.

(* Algebra of inner products: <-x, y> = - <x, y>. *)
Lemma ip_opp_l (E : ModuleSpace R_Ring) (ip : E -> E -> R) :
  is_inner_product ip -> forall x y : E, ip (opp x) y = - ip x y.
Proof.
  intros Hip x y.
  assert (H := ip_plus_l _ _ Hip (opp x) x y).
  rewrite plus_opp_l, (ip_zero_l _ _ Hip) in H. lra.
Qed.

(* Algebra of inner products: <x, -y> = - <x, y>. *)
Lemma ip_opp_r (E : ModuleSpace R_Ring) (ip : E -> E -> R) :
  is_inner_product ip -> forall x y : E, ip x (opp y) = - ip x y.
Proof.
  intros Hip x y.
  rewrite (ip_sym _ _ Hip x), (ip_opp_l _ _ Hip), (ip_sym _ _ Hip y). reflexivity.
Qed.

(* Algebra of inner products: <x - y, z> = <x, z> - <y, z>. *)
Lemma ip_minus_l (E : ModuleSpace R_Ring) (ip : E -> E -> R) :
  is_inner_product ip -> forall x y z : E, ip (minus x y) z = ip x z - ip y z.
Proof.
  intros Hip x y z. unfold minus.
  rewrite (ip_plus_l _ _ Hip), (ip_opp_l _ _ Hip). ring.
Qed.

(* Algebra of inner products: <x, y - z> = <x, y> - <x, z>. *)
Lemma ip_minus_r (E : ModuleSpace R_Ring) (ip : E -> E -> R) :
  is_inner_product ip -> forall x y z : E, ip x (minus y z) = ip x y - ip x z.
Proof.
  intros Hip x y z. unfold minus.
  rewrite (ip_plus_r _ _ Hip), (ip_opp_r _ _ Hip). ring.
Qed.

(* Algebra of inner products: the expansion
   <x + s y, x + s y> = <x, x> + 2 s <x, y> + s^2 <y, y>. *)
Lemma ip_expand (E : ModuleSpace R_Ring) (ip : E -> E -> R) :
  is_inner_product ip -> forall (s : R) (x y : E),
  ip (plus x (scal s y)) (plus x (scal s y)) = ip x x + 2 * s * ip x y + s ^ 2 * ip y y.
Proof.
  intros Hip s x y.
  rewrite (ip_plus_l _ _ Hip), !(ip_plus_r _ _ Hip), !(ip_scal_l _ _ Hip), !(ip_scal_r _ _ Hip).
  rewrite (ip_sym _ _ Hip y x). ring.
Qed.

(* Algebra of norms: ||x||^2 = <x, x>. *)
Lemma ip_vnorm_sq (E : ModuleSpace R_Ring) (ip : E -> E -> R) :
  is_inner_product ip -> forall x : E, vnorm ip x ^ 2 = ip x x.
Proof.
  intros Hip x. unfold vnorm. rewrite <- Rsqr_pow2. apply Rsqr_sqrt, (ip_pos _ _ Hip).
Qed.

(* Algebra of norms: ||x|| >= 0. *)
Lemma ip_vnorm_pos (E : ModuleSpace R_Ring) (ip : E -> E -> R) :
  forall x : E, 0 <= vnorm ip x.
Proof. intros x. apply sqrt_pos. Qed.

(* The Cauchy-Schwarz inequality |<x, y>| <= ||x|| ||y|| (used in chizat-bach, Lemma A.1,
   step 6, to bound B(t)).  Hypothesis: ip is an inner product. *)
Lemma ip_cauchy_schwarz (E : ModuleSpace R_Ring) (ip : E -> E -> R) :
  is_inner_product ip -> forall x y : E, Rabs (ip x y) <= vnorm ip x * vnorm ip y.
Proof.
  intros Hip x y.
  assert (Hq : forall s, 0 <= ip x x + 2 * s * ip x y + s ^ 2 * ip y y).
  { intros s. rewrite <- (ip_expand _ _ Hip). apply (ip_pos _ _ Hip). }
  assert (Ha := ip_pos _ _ Hip x). assert (Hc := ip_pos _ _ Hip y).
  set (a := ip x x) in *. set (b := ip x y) in *. set (c := ip y y) in *.
  assert (Hsq : b ^ 2 <= a * c).
  { destruct (Rle_lt_or_eq_dec 0 c Hc) as [Hcp | Hc0].
    - specialize (Hq (- b / c)).
      assert (E1 : a + 2 * (- b / c) * b + (- b / c) ^ 2 * c = a - b ^ 2 / c)
        by (field; lra).
      rewrite E1 in Hq.
      assert (E2 : b ^ 2 = (b ^ 2 / c) * c) by (field; lra).
      rewrite E2. apply Rmult_le_compat_r; lra.
    - rewrite <- Hc0 in Hq |- *.
      destruct (Req_dec b 0) as [Hb | Hb].
      + rewrite Hb. lra.
      + specialize (Hq (- (a + 1) / (2 * b))).
        assert (E1 : a + 2 * (- (a + 1) / (2 * b)) * b + (- (a + 1) / (2 * b)) ^ 2 * 0 = -1)
          by (field; lra).
        rewrite E1 in Hq. lra. }
  unfold vnorm. fold a c.
  rewrite <- sqrt_mult by lra.
  rewrite <- (sqrt_Rsqr (Rabs b)) by apply Rabs_pos.
  apply sqrt_le_1_alt.
  rewrite <- Rsqr_abs, Rsqr_pow2. exact Hsq.
Qed.
