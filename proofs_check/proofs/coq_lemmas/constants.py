"""The Coq lemmas of the constant chains of chizat-bach Theorem 3.2 (= smith Theorem 2.4), smith
Theorem 2.2 and Proposition A.1, chizat-bach Theorem 3.4 (Appendix B) (Constants.v), and the refuted steps
(Errata.v: each lemma proves the negation of a step's claim at an explicit admissible witness).

Each ``statement`` is the exact type checked by the kernel (``Definition _ : statement := @name``) in the
audit context ``From Coq Require Import Reals Lra. From Coquelicot Require Import Coquelicot.
Require Import Lazycheck.<all modules>. Open Scope R_scope.``  Vectors live in Coquelicot normed modules
over R; kappa^{3/2} is written ``kappa * sqrt kappa`` and nu^{3/2} ``nu * sqrt nu``.
"""

from __future__ import annotations

from proofs_check.proofs.coq_lemmas.lemma import CoqLemma

_NM = "NormedModule R_AbsRing"


def _c(name: str, statement: str, *assumes: str) -> CoqLemma:
    return CoqLemma(file="Constants.v", name=name, statement=statement, assumes=tuple(assumes))


def _e(name: str, statement: str, *assumes: str) -> CoqLemma:
    return CoqLemma(file="Errata.v", name=name, statement=statement, assumes=tuple(assumes))


_FLOOR0 = "||Df_w0^T v|| >= sigma ||v|| for all v (sigma = sigma_min(Df_w0), A0 standing for Df_w0^T)"
_LIP_BALL = ("||(Df_w - Df_w0)^T v|| <= L r ||v|| for all v: the Lipschitz bound on Df with ||w - w0|| <= r "
             "and ||E^T|| = ||E|| (A standing for Df_w^T)")

LEMMAS: dict[str, CoqLemma] = {
    # ---- chizat-bach Theorem 3.2 / smith Theorem 2.4 -------------------------------------------------
    "c_weyl_floor": _c(
        "c_weyl_floor",
        f"forall (U V : {_NM}) (A A0 : U -> V) (sigma L r : R),\n"
        "  (forall v, sigma * norm v <= norm (A0 v)) ->\n"
        "  (forall v, norm (minus (A v) (A0 v)) <= L * r * norm v) ->\n"
        "  forall v, (sigma - L * r) * norm v <= norm (A v)",
        _FLOOR0, _LIP_BALL),
    "c_kernel_quarter_floor": _c(
        "c_kernel_quarter_floor",
        f"forall (U V : {_NM}) (A A0 : U -> V) (sigma L r : R),\n"
        "  0 < sigma -> 0 < L -> r <= sigma / (2 * L) ->\n"
        "  (forall v, sigma * norm v <= norm (A0 v)) ->\n"
        "  (forall v, norm (minus (A v) (A0 v)) <= L * r * norm v) ->\n"
        "  forall v, sigma ^ 2 / 4 * norm v ^ 2 <= norm (A v) ^ 2",
        _FLOOR0, _LIP_BALL,
        "the quadratic form v^T Df_w Df_w^T v is ||Df_w^T v||^2 (the conclusion read as Df_w Df_w^T >= sigma^2/4 Id)"),
    "c_velocity_bound": _c(
        "c_velocity_bound",
        f"forall (U V : {_NM}) (A : V -> U) (g : V) (w' : U) (alpha nA : R),\n"
        "  0 < alpha ->\n"
        "  w' = scal (- / alpha) (A g) ->\n"
        "  (forall v, norm (A v) <= nA * norm v) ->\n"
        "  norm w' <= / alpha * nA * norm g",
        "the gradient-flow velocity w' = -(1/alpha) Df_w^T grad R(alpha f(w)) (A = Df_w^T, g = grad R)",
        "the operator-norm bound ||Df_w^T v|| <= ||Df_w|| ||v|| (nA = ||Df_w||)"),
    "c_df_norm_on_ball": _c(
        "c_df_norm_on_ball",
        f"forall (U V : {_NM}) (A A0 : U -> V) (sigma L r n0 : R),\n"
        "  0 <= sigma -> 0 < L -> r <= sigma / (2 * L) -> sigma <= n0 ->\n"
        "  (forall v, norm (A0 v) <= n0 * norm v) ->\n"
        "  (forall v, norm (minus (A v) (A0 v)) <= L * r * norm v) ->\n"
        "  forall v, norm (A v) <= 2 * n0 * norm v",
        "the operator-norm bound ||Df_w0 v|| <= n0 ||v|| (n0 = ||Df_w0||, A0 = Df_w0)",
        "||(Df_w - Df_w0) v|| <= L r ||v||: the Lipschitz bound on Df with ||w - w0|| <= r (A = Df_w)",
        "sigma_min(Df_w0) <= ||Df_w0|| (sigma <= n0)"),
    "c_df_norm_on_ball_3_2": _c(
        "c_df_norm_on_ball_3_2",
        f"forall (U V : {_NM}) (A A0 : U -> V) (sigma L r n0 : R),\n"
        "  0 <= sigma -> 0 < L -> r <= sigma / (2 * L) -> sigma <= n0 ->\n"
        "  (forall v, norm (A0 v) <= n0 * norm v) ->\n"
        "  (forall v, norm (minus (A v) (A0 v)) <= L * r * norm v) ->\n"
        "  forall v, norm (A v) <= 3 / 2 * n0 * norm v",
        "the operator-norm bound ||Df_w0 v|| <= n0 ||v|| (n0 = ||Df_w0||, A0 = Df_w0)",
        "||(Df_w - Df_w0) v|| <= L r ||v||: the Lipschitz bound on Df with ||w - w0|| <= r (A = Df_w)",
        "sigma_min(Df_w0) <= ||Df_w0|| (sigma <= n0)"),
    "c_exp_decay_is_RInt": _c(
        "c_exp_decay_is_RInt",
        "forall a b c : R,\n"
        "  0 < a -> is_RInt (fun s => exp (- a * s)) b c ((exp (- a * b) - exp (- a * c)) / a)"),
    "c_exp_decay_integral_le": _c(
        "c_exp_decay_integral_le",
        "forall a t : R, 0 < a -> RInt (fun s => exp (- a * s)) 0 t <= 1 / a"),
    "c_displacement": _c(
        "c_displacement",
        "forall mu nu kappa alpha sigma n0 d0 t D : R,\n"
        "  0 < mu -> 0 <= nu -> kappa = nu / mu -> 0 < alpha -> 0 < sigma -> 0 <= n0 -> 0 <= d0 ->\n"
        "  D <= 2 * nu * sqrt nu / (alpha * sqrt mu) * n0 * d0\n"
        "         * RInt (fun s => exp (- (mu * sigma ^ 2 / 4) * s)) 0 t ->\n"
        "  D <= 8 * kappa * sqrt kappa * n0 * d0 / (alpha * sigma ^ 2)",
        "the displacement bound of step 7 with the corrected prefactor 2 nu^{3/2}/(alpha mu^{1/2}) "
        "(D = ||w(t) - w(0)||; the speed bound of step 6 integrated with Lemma 3.3)"),
    "c_displacement_faster_rate": _c(
        "c_displacement_faster_rate",
        "forall mu nu kappa alpha sigma n0 d0 t D rate : R,\n"
        "  0 < mu -> 0 <= nu -> kappa = nu / mu -> 0 < alpha -> 0 < sigma -> 0 <= n0 -> 0 <= d0 -> 0 <= t ->\n"
        "  mu * sigma ^ 2 / 4 <= rate ->\n"
        "  D <= 2 * nu * sqrt nu / (alpha * sqrt mu) * n0 * d0 * RInt (fun s => exp (- rate * s)) 0 t ->\n"
        "  D <= 8 * kappa * sqrt kappa * n0 * d0 / (alpha * sigma ^ 2)",
        "the displacement bound of step 7 with prefactor 2 M^{3/2}/(m^{1/2} alpha) at a rate >= m sigma^2/4 "
        "(D = ||w(t) - w0||; smith's rate 3 m sigma^2/4 holds along the flow by the corrected step 7)"),
    "c_within_r0": _c(
        "c_within_r0",
        "forall kappa alpha sigma n0 L d0 : R,\n"
        "  0 < kappa -> 0 < alpha -> 0 < sigma -> 0 < n0 -> 0 < L ->\n"
        "  d0 <= 2 * alpha * (sigma ^ 3 / (32 * kappa * sqrt kappa * n0 * L)) ->\n"
        "  8 * kappa * sqrt kappa * n0 * d0 / (alpha * sigma ^ 2) <= sigma / (2 * L)"),
    "c_initial_gap": _c(
        "c_initial_gap",
        f"forall (F : {_NM}) (f0 fstar : F) (alpha sigma n0 kappa L : R),\n"
        "  0 < sigma -> 0 < n0 -> 0 < kappa -> 0 < L ->\n"
        "  norm f0 <= sigma ^ 3 / (32 * kappa * sqrt kappa * n0 * L) ->\n"
        "  norm fstar / (sigma ^ 3 / (32 * kappa * sqrt kappa * n0 * L)) < alpha ->\n"
        "  norm (minus (scal alpha f0) fstar) < 2 * alpha * (sigma ^ 3 / (32 * kappa * sqrt kappa * n0 * L)) /\\\n"
        "  norm (minus (scal alpha f0) fstar) < alpha * sigma ^ 3 / (16 * kappa * sqrt kappa * n0 * L)"),
    "c_t0_tail": _c(
        "c_t0_tail",
        "forall mu sigma alpha : R,\n"
        "  0 < mu -> 0 < sigma -> 0 < alpha ->\n"
        "  exp (- (mu * sigma ^ 2 / 4) * (4 * ln alpha / (mu * sigma ^ 2))) = / alpha /\\\n"
        "  (forall t, 4 * ln alpha / (mu * sigma ^ 2) <= t -> exp (- (mu * sigma ^ 2 / 4) * t) <= / alpha)"),
    "c_t0_tail_integral": _c(
        "c_t0_tail_integral",
        "forall mu sigma alpha T : R,\n"
        "  0 < mu -> 0 < sigma -> 0 < alpha -> 4 * ln alpha / (mu * sigma ^ 2) <= T ->\n"
        "  RInt (fun s => exp (- (mu * sigma ^ 2 / 4) * s)) (4 * ln alpha / (mu * sigma ^ 2)) T\n"
        "    <= 4 / (mu * sigma ^ 2 * alpha)"),
    # ---- smith Theorem 2.2 ---------------------------------------------------------------------------
    "c_triangle_split": _c(
        "c_triangle_split",
        f"forall (F : {_NM}) (St S0 : F -> F) (g gbar : F),\n"
        "  (forall x y, S0 (minus x y) = minus (S0 x) (S0 y)) ->\n"
        "  norm (minus (St g) (S0 gbar)) <= norm (minus (St g) (S0 g)) + norm (S0 (minus g gbar))",
        "Sigma(w0) linear (additive: S0 (x - y) = S0 x - S0 y)"),
    "c_delta_rate": _c(
        "c_delta_rate",
        f"forall (F : {_NM}) (St S0 : F -> F) (g gbar : F)\n"
        "    (Ddot Delta LipSigma disp c alpha G s0 LipR : R),\n"
        "  0 < alpha -> 0 <= LipSigma -> 0 <= s0 ->\n"
        "  Ddot <= norm (minus (St g) (S0 g)) + norm (S0 (minus g gbar)) ->\n"
        "  (forall v, norm (minus (St v) (S0 v)) <= LipSigma * disp * norm v) ->\n"
        "  0 <= disp -> disp <= c / alpha ->\n"
        "  norm g <= G ->\n"
        "  (forall v, norm (S0 v) <= s0 * norm v) ->\n"
        "  norm (minus g gbar) <= LipR * Delta ->\n"
        "  Ddot <= LipSigma * c * G / alpha + s0 * LipR * Delta",
        "Delta'(t) bounded by the two terms of step 8 (steps 7-8; Ddot stands for Delta'(t))",
        "||(Sigma(t) - Sigma(0)) v|| <= Lip(Sigma) ||w(t) - w0|| ||v|| (operator norm and Lipschitz Sigma; "
        "disp = ||w(t) - w0||)",
        "||w(t) - w0|| <= c/alpha (step 4)",
        "||grad R(y(t))|| <= G (step 5)",
        "the operator-norm bound ||Sigma(0) v|| <= ||Sigma(0)|| ||v|| (s0 = ||Sigma(0)||)",
        "grad R Lipschitz: ||grad R(y) - grad R(ybar)|| <= Lip(grad R) Delta"),
    "c_speed_gap": _c(
        "c_speed_gap",
        f"forall (P F : {_NM}) (At A0 : F -> P) (g gbar : F) (w' wbar' : P)\n"
        "    (alpha L disp c G n0 LipR Delta c' : R),\n"
        "  0 < alpha ->\n"
        "  w' = scal (- / alpha) (At g) ->\n"
        "  wbar' = scal (- / alpha) (A0 gbar) ->\n"
        "  (forall x y, A0 (minus x y) = minus (A0 x) (A0 y)) ->\n"
        "  (forall v, norm (minus (At v) (A0 v)) <= L * disp * norm v) ->\n"
        "  0 <= L -> 0 <= disp -> disp <= c / alpha ->\n"
        "  norm g <= G ->\n"
        "  (forall v, norm (A0 v) <= n0 * norm v) -> 0 <= n0 ->\n"
        "  norm (minus g gbar) <= LipR * Delta -> 0 <= LipR -> Delta <= c' / alpha ->\n"
        "  norm (minus w' wbar') <= (L * c * G + n0 * LipR * c') / alpha ^ 2",
        "the two velocities w' = -(1/alpha) Dh(w(t))^T grad R(y), wbar' = -(1/alpha) Dh(w0)^T grad R(ybar)",
        "Dh(w0)^T linear",
        "||(Dh(w(t)) - Dh(w0))^T v|| <= Lip(Dh) ||w(t) - w0|| ||v|| (operator norm, Lipschitz Dh; disp = ||w(t) - w0||)",
        "||w(t) - w0|| <= c/alpha (step 4)",
        "||grad R(y(t))|| <= G (step 5)",
        "the operator-norm bound ||Dh(w0)^T v|| <= ||Dh(w0)|| ||v|| (n0 = ||Dh(w0)||)",
        "grad R Lipschitz: ||grad R(y) - grad R(ybar)|| <= Lip(grad R) Delta",
        "Delta <= c'/alpha (steps 9-11)"),
    # ---- smith Theorem 2.4 ---------------------------------------------------------------------------
    "c_gram_lipschitz": _c(
        "c_gram_lipschitz",
        f"forall (W F P : {_NM}) (DhT : W -> F -> P) (w w0 : W) (f : F) (nDiff LipDh : R),\n"
        "  (forall v, norm (minus (DhT w v) (DhT w0 v)) <= nDiff * norm v) ->\n"
        "  0 <= nDiff -> nDiff <= LipDh * norm (minus w w0) ->\n"
        "  norm (minus (DhT w f) (DhT w0 f)) ^ 2 <= nDiff ^ 2 * norm f ^ 2 /\\\n"
        "  nDiff ^ 2 * norm f ^ 2 <= LipDh ^ 2 * norm (minus w w0) ^ 2 * norm f ^ 2",
        "the operator-norm bound ||(Dh(w) - Dh(w0))^T v|| <= ||Dh(w) - Dh(w0)|| ||v|| (nDiff = ||Dh(w) - Dh(w0)||, "
        "DhT w standing for Dh(w)^T)",
        "Dh Lipschitz: ||Dh(w) - Dh(w0)|| <= Lip(Dh) ||w - w0||"),
    "c_kernel_drift": _c(
        "c_kernel_drift",
        f"forall (F W : {_NM}) (S : R -> F -> F) (g y : R -> F) (ystar : F)\n"
        "    (w : R -> W) (w0 : W) (M LipH LipDh LipSigma Dw Dy : R),\n"
        "  (forall t v, 0 <= t -> norm (minus (S t v) (S 0 v)) <= LipSigma * norm (minus (w t) w0) * norm v) ->\n"
        "  0 <= LipSigma -> LipSigma <= 2 * LipH * LipDh -> 0 <= M ->\n"
        "  (forall t, 0 <= t -> norm (g t) <= M * norm (minus (y t) ystar)) ->\n"
        "  (forall t, 0 <= t -> norm (minus (w t) w0) <= Dw) ->\n"
        "  (forall t, 0 <= t -> norm (minus (y t) ystar) <= Dy) ->\n"
        "  forall t, 0 <= t -> norm (minus (S t (g t)) (S 0 (g t))) <= 2 * M * LipH * LipDh * Dw * Dy",
        "||(Sigma(w(t)) - Sigma(w0)) v|| <= Lip(Sigma) ||w(t) - w0|| ||v|| (operator norm, Lipschitz Sigma)",
        "Lip(Sigma) <= 2 Lip(h) Lip(Dh) (cited from chizat-bach)",
        "R M-smooth with grad R(y star) = 0: ||grad R(y(t))|| <= M ||y(t) - y star||",
        "Dw, Dy bound ||w(t) - w0|| and ||y(t) - y star|| for t >= 0 (the two sups)"),
    "c_exp_rate_monotone": _c(
        "c_exp_rate_monotone",
        "forall m sigma t : R,\n"
        "  0 <= m -> 0 <= t ->\n"
        "  exp (- (3 * m * sigma ^ 2 / 4) * t) <= exp (- (m * sigma ^ 2 / 4) * t)"),
    "c_stability_constant": _c(
        "c_stability_constant",
        "forall K s0 sigma mu nu kappa LipH LipDh D Y ystar : R,\n"
        "  0 < sigma -> 0 < mu -> 0 <= nu -> kappa = nu / mu -> 0 <= s0 ->\n"
        "  0 <= LipH -> 0 <= LipDh -> 0 <= D ->\n"
        "  K <= 2 * nu * LipH * LipDh * D * Y ->\n"
        "  Y <= sqrt kappa * ystar ->\n"
        "  K * sqrt s0 / (sigma ^ 2 / 4 * sqrt (sigma ^ 2 / 4) * mu)\n"
        "    <= 16 * kappa * sqrt kappa * sqrt s0 * LipH * LipDh * ystar / sigma ^ 3 * D",
        "K <= 2 M Lip(h) Lip(Dh) sup||w - w0|| sup||y - y star|| (step 13, M = nu; D, Y the two sups)",
        "sup ||y - y star|| <= sqrt(kappa) ||y star|| (Lemma B.1 with y(0) = alpha h(w0) = 0)"),
    # ---- chizat-bach Theorem 3.4, smith Proposition A.1 --------------------------------------------
    "c_eigen_sandwich": _c(
        "c_eigen_sandwich",
        f"forall (U V : {_NM}) (D : U -> V) (q : V -> R) (a b mu nu : R),\n"
        "  0 <= mu -> 0 <= nu ->\n"
        "  (forall v, a * norm v ^ 2 <= norm (D v) ^ 2) ->\n"
        "  (forall v, norm (D v) ^ 2 <= b * norm v ^ 2) ->\n"
        "  (forall u, mu * norm u ^ 2 <= q u) ->\n"
        "  (forall u, q u <= nu * norm u ^ 2) ->\n"
        "  forall v, mu * a * norm v ^ 2 <= q (D v) <= nu * b * norm v ^ 2",
        "a ||v||^2 <= ||D psi^{-1} v||^2 <= b ||v||^2 (D psi^{-1} invertible and bounded on Fbar0; D stands for it)",
        "mu ||u||^2 <= q(u) <= nu ||u||^2 for q the quadratic form of grad^2 R (mu <= grad^2 R <= nu)"),
    "c_eigen_interval": _c(
        "c_eigen_interval",
        f"forall (U V : {_NM}) (D : U -> V) (q : V -> R) (a b mu nu : R),\n"
        "  0 < mu -> 0 < a -> 0 <= nu ->\n"
        "  (forall v, a * norm v ^ 2 <= norm (D v) ^ 2) ->\n"
        "  (forall v, norm (D v) ^ 2 <= b * norm v ^ 2) ->\n"
        "  (forall u, mu * norm u ^ 2 <= q u) ->\n"
        "  (forall u, q u <= nu * norm u ^ 2) ->\n"
        "  forall v, / Rmax (nu * b) (/ (mu * a)) * norm v ^ 2 <= q (D v)\n"
        "            <= Rmax (nu * b) (/ (mu * a)) * norm v ^ 2",
        "a ||v||^2 <= ||D psi^{-1} v||^2 <= b ||v||^2 (D psi^{-1} invertible and bounded on Fbar0; D stands for it)",
        "mu ||u||^2 <= q(u) <= nu ||u||^2 for q the quadratic form of grad^2 R (mu <= grad^2 R <= nu)"),
    "c_linear_lipschitz": _c(
        "c_linear_lipschitz",
        f"forall (X : Type) (U V : {_NM}) (fbar A0 : X -> U -> V) (alpha M1 : R),\n"
        "  0 <= alpha ->\n"
        "  (forall x w wbar, minus (fbar x w) (fbar x wbar) = A0 x (minus w wbar)) ->\n"
        "  (forall x v, norm (A0 x v) <= M1 * norm v) ->\n"
        "  forall x w wbar,\n"
        "    norm (minus (scal alpha (fbar x w)) (scal alpha (fbar x wbar))) <= alpha * M1 * norm (minus w wbar)",
        "fbar(w, x) - fbar(wbar, x) = Df(w0, x)(w - wbar) (the linearized model is affine; A0 x = Df(w0, x))",
        "the operator-norm bound ||Df(w0, x) v|| <= M1 ||v|| uniformly in x"),
    "c_stays_in_chart": _c(
        "c_stays_in_chart",
        f"forall (W : {_NM}) (w : R -> W) (w0 : W) (C C2 alpha rho : R),\n"
        "  0 < C2 -> 0 < rho -> 0 < alpha ->\n"
        "  (forall t, 0 <= t -> norm (minus (w t) w0) <= C / (alpha * C2)) ->\n"
        "  C / (C2 * rho) < alpha ->\n"
        "  forall t, 0 <= t -> norm (minus (w t) w0) < rho",
        "||w(t) - w0|| <= C/(alpha C2) for t >= 0 (the display of Appendix B Step 3, step 17)",
        "the ball of radius rho around w0 lies in W0"),
    # ---- Errata ----------------------------------------------------------------------------------------
    "err_three_quarter_floor": _e(
        "err_three_quarter_floor",
        "forall sigma L : R,\n"
        "  0 < sigma -> 0 < L ->\n"
        "  (forall w, is_derive (fun u => sigma * u - L / 2 * u ^ 2) w (sigma - L * w)) /\\\n"
        "  sigma - L * 0 = sigma /\\\n"
        "  (forall u v, Rabs ((sigma - L * u) - (sigma - L * v)) <= L * Rabs (u - v)) /\\\n"
        "  (exists w, Rabs w <= sigma / (2 * L) /\\ (sigma - L * w) ^ 2 < 3 / 4 * sigma ^ 2) /\\\n"
        "  ~ (forall w f, Rabs w <= sigma / (2 * L) -> 3 / 4 * sigma ^ 2 * f ^ 2 <= ((sigma - L * w) * f) ^ 2)"),
    "err_reverse_triangle": _e(
        "err_reverse_triangle",
        "forall sigma L : R,\n"
        "  0 < sigma -> 0 < L ->\n"
        "  sigma - L * 0 = sigma /\\\n"
        "  (forall u v, Rabs ((sigma - L * u) - (sigma - L * v)) <= L * Rabs (u - v)) /\\\n"
        "  Rabs (sigma / (2 * L)) <= sigma / (2 * L) /\\\n"
        "  ((sigma - L * (sigma / (2 * L))) * 1 - sigma * 1) ^ 2\n"
        "    < Rabs ((sigma * 1) ^ 2 - ((sigma - L * (sigma / (2 * L))) * 1) ^ 2) /\\\n"
        "  ~ (forall w f, Rabs w <= sigma / (2 * L) ->\n"
        "       Rabs ((sigma * f) ^ 2 - ((sigma - L * w) * f) ^ 2) <= ((sigma - L * w) * f - sigma * f) ^ 2)"),
    "err_prefactor": _e(
        "err_prefactor",
        "let mu := 100 in let nu := 100 in let alpha := 1 in let n0 := 1 in let d0 := 1 in let sigma := 1 in\n"
        "let w := fun t => 1 - exp (- nu * t) in\n"
        "let L := / 100 in let kappa := nu / mu in\n"
        "let M := sigma ^ 3 / (32 * kappa * sqrt kappa * n0 * L) in\n"
        "(forall u v : R, Rabs (1 - 1) <= L * Rabs (u - v)) /\\\n"
        "Rabs 0 <= M /\\ Rabs 1 / M < alpha /\\\n"
        "(forall t, is_derive w t (- (/ alpha) * 1 * (nu * (alpha * w t - 1)))) /\\ w 0 = 0 /\\\n"
        "~ (Rabs (w 1 - w 0) <= 2 * nu * sqrt nu / (alpha * mu) * n0 * d0\n"
        "     * RInt (fun s => exp (- (mu * sigma ^ 2 / 4) * s)) 0 1)",
        "the witness: f(w) = w on R, w0 = 0, alpha = 1, R(y) = nu (y - 1)^2/2 with mu = nu = 100 (exactly mu-strongly "
        "convex and nu-smooth), so kappa = 1, f* = 1, d0 = ||alpha f(w0) - f*|| = 1, sigma_min = ||Df(w0)|| = 1; the "
        "lemma proves Df = 1 is L-Lipschitz, ||f(w0)|| <= M, alpha > ||f*||/M and that w solves the flow "
        "w' = -(1/alpha) Df(w) R'(alpha f(w))"),
    "err_norm_equality": _e(
        "err_norm_equality",
        "let enorm := fun v : R * R => sqrt (fst v ^ 2 + snd v ^ 2) in\n"
        "let A := fun v : R * R => (2 * fst v, snd v) in\n"
        "(forall v, enorm (A v) <= 2 * enorm v) /\\\n"
        "enorm (0, 1) = 1 /\\ enorm (A (0, 1)) = 1 /\\ enorm (1, 0) = 1 /\\ enorm (A (1, 0)) = 2 /\\\n"
        "forall nA, (forall v, enorm (A v) <= nA * enorm v) ->\n"
        "  2 <= nA /\\ enorm (A (0, 1)) < nA * enorm (0, 1) /\\ ~ (forall g, enorm (A g) = nA * enorm g)"),
}
