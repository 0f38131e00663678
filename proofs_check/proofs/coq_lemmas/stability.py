"""The Coq lemmas of chizat-bach's Lemma A.1 by the energy route (LemmaA1.v), and lazycheck's time-dependent bound.

Each ``statement`` is the exact type checked by the kernel (``Definition _ : statement := @name``) in the
audit context ``From Coq Require Import Reals Lra. From Coquelicot Require Import Coquelicot.
Require Import Lazycheck.<all modules>. Open Scope R_scope.``
"""

from __future__ import annotations

from proofs_check.proofs.coq_lemmas.lemma import CoqLemma

LEMMAS: dict[str, CoqLemma] = {
    "a1_strong_monotone": CoqLemma(
        file="LemmaA1.v",
        name="a1_strong_monotone",
        statement=(
            "  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (Rfun : E -> R) (gradR : E -> E) (mu : R),\n"
            "  is_inner_product ip -> strongly_convex ip Rfun gradR mu ->\n"
            "  forall u v : E, mu * vnorm ip (minus u v) ^ 2 <= ip (minus (gradR u) (gradR v)) (minus u v)"
        ),
        assumes=(
            "the inner-product axioms: ip symmetric, linear in the first argument, ip x x >= 0 (is_inner_product ip)",
            "R mu-strongly convex with gradient gradR (strongly_convex)",
        ),
    ),
    "a1_energy_derivative": CoqLemma(
        file="LemmaA1.v",
        name="a1_energy_derivative",
        statement=(
            "  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (gradR : E -> E)\n"
            "    (Sigma : R -> E -> E) (S0inv : E -> E) (y dy ybar dybar : R -> E) (t : R),\n"
            "  is_inner_product ip ->\n"
            "  forall (Sigma0_self_adjoint : forall x z : E, ip (Sigma 0 x) z = ip x (Sigma 0 z))\n"
            "    (Sigma0_inverse : forall x : E, Sigma 0 (S0inv x) = x)\n"
            "    (flow : dy t = opp (Sigma t (gradR (y t))))\n"
            "    (flow_bar : dybar t = opp (Sigma 0 (gradR (ybar t)))),\n"
            "  ip (S0inv (minus (y t) (ybar t))) (minus (dy t) (dybar t)) =\n"
            "    - ip (minus (y t) (ybar t)) (minus (gradR (y t)) (gradR (ybar t)))\n"
            "    - ip (S0inv (minus (y t) (ybar t))) (minus (Sigma t (gradR (y t))) (Sigma 0 (gradR (y t))))"
        ),
        assumes=(
            "the inner-product axioms: ip symmetric, linear in the first argument, ip x x >= 0 (is_inner_product ip)",
            "Sigma(0) self-adjoint: <Sigma(0) x, z> = <x, Sigma(0) z> (named hypothesis Sigma0_self_adjoint)",
            "S0inv is a right inverse of Sigma(0): Sigma(0) (S0inv x) = x (named hypothesis Sigma0_inverse)",
            "the flow y'(t) = -Sigma(t) grad R(y(t)), dy standing for y' (named hypothesis flow)",
            "the flow ybar'(t) = -Sigma(0) grad R(ybar(t)), dybar standing for ybar' (named hypothesis flow_bar)",
        ),
    ),
    "a1_dissipation": CoqLemma(
        file="LemmaA1.v",
        name="a1_dissipation",
        statement=(
            "  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (Rfun : E -> R) (gradR : E -> E)\n"
            "    (S0inv : E -> E) (mu lam : R),\n"
            "  is_inner_product ip -> 0 < lam -> 0 <= mu -> strongly_convex ip Rfun gradR mu ->\n"
            "  forall (Q1 : forall x : E, ip x (S0inv x) <= ip x x / lam),\n"
            "  forall (u v : E) (h : R), h = ip (minus u v) (S0inv (minus u v)) / 2 ->\n"
            "  - ip (minus u v) (minus (gradR u) (gradR v)) <= - 2 * lam * mu * h"
        ),
        assumes=(
            "the inner-product axioms: ip symmetric, linear in the first argument, ip x x >= 0 (is_inner_product ip)",
            "R mu-strongly convex with gradient gradR (strongly_convex)",
            "Sigma(0)^{-1} <= lam^{-1} Id as <x, S0inv x> <= <x, x>/lam (named hypothesis Q1)",
            "h = (1/2) <u - v, S0inv (u - v)>, the energy standing for the text's (1/2)||z - zbar||^2",
        ),
    ),
    "a1_perturbation": CoqLemma(
        file="LemmaA1.v",
        name="a1_perturbation",
        statement=(
            "  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (S0inv : E -> E) (lam K : R),\n"
            "  is_inner_product ip -> 0 < lam ->\n"
            "  forall (Q2 : forall x : E, ip (S0inv x) (S0inv x) <= ip x (S0inv x) / lam),\n"
            "  forall (e D : E) (h : R), h = ip e (S0inv e) / 2 -> vnorm ip D <= K ->\n"
            "  Rabs (- ip (S0inv e) D) <= K * sqrt (2 * h / lam)"
        ),
        assumes=(
            "the inner-product axioms: ip symmetric, linear in the first argument, ip x x >= 0 (is_inner_product ip)",
            "Sigma(0)^{-1} <= lam^{-1} Id as ||S0inv x||^2 <= <x, S0inv x>/lam (named hypothesis Q2)",
            "h = (1/2) <e, S0inv e>, the energy standing for the text's (1/2)||z - zbar||^2",
            "||D|| <= K with D = (Sigma(t) - Sigma(0)) grad R(y(t)), K the text's supremum",
        ),
    ),
    "a1_energy_inequality": CoqLemma(
        file="LemmaA1.v",
        name="a1_energy_inequality",
        statement=(
            "  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (Rfun : E -> R) (gradR : E -> E)\n"
            "    (Sigma : R -> E -> E) (S0inv : E -> E) (y dy ybar dybar : R -> E) (h : R -> R)\n"
            "    (mu lam K t : R),\n"
            "  is_inner_product ip -> 0 < lam -> 0 <= mu -> strongly_convex ip Rfun gradR mu ->\n"
            "  forall (Sigma0_self_adjoint : forall x z : E, ip (Sigma 0 x) z = ip x (Sigma 0 z))\n"
            "    (Sigma0_inverse : forall x : E, Sigma 0 (S0inv x) = x)\n"
            "    (Q1 : forall x : E, ip x (S0inv x) <= ip x x / lam)\n"
            "    (Q2 : forall x : E, ip (S0inv x) (S0inv x) <= ip x (S0inv x) / lam)\n"
            "    (flow : dy t = opp (Sigma t (gradR (y t))))\n"
            "    (flow_bar : dybar t = opp (Sigma 0 (gradR (ybar t))))\n"
            "    (K_bound : vnorm ip (minus (Sigma t (gradR (y t))) (Sigma 0 (gradR (y t)))) <= K)\n"
            "    (h_def : forall s, h s = ip (minus (y s) (ybar s)) (S0inv (minus (y s) (ybar s))) / 2)\n"
            "    (energy_chain_rule : is_derive h t (ip (S0inv (minus (y t) (ybar t))) (minus (dy t) (dybar t)))),\n"
            "  forall dh : R, is_derive h t dh -> dh <= K * sqrt (2 * h t / lam) - 2 * lam * mu * h t"
        ),
        assumes=(
            "the inner-product axioms: ip symmetric, linear in the first argument, ip x x >= 0 (is_inner_product ip)",
            "R mu-strongly convex with gradient gradR (strongly_convex)",
            "Sigma(0) self-adjoint: <Sigma(0) x, z> = <x, Sigma(0) z> (named hypothesis Sigma0_self_adjoint)",
            "S0inv is a right inverse of Sigma(0): Sigma(0) (S0inv x) = x (named hypothesis Sigma0_inverse)",
            "Sigma(0)^{-1} <= lam^{-1} Id as <x, S0inv x> <= <x, x>/lam (named hypothesis Q1)",
            "Sigma(0)^{-1} <= lam^{-1} Id as ||S0inv x||^2 <= <x, S0inv x>/lam (named hypothesis Q2)",
            "the flow y'(t) = -Sigma(t) grad R(y(t)), dy standing for y' (named hypothesis flow)",
            "the flow ybar'(t) = -Sigma(0) grad R(ybar(t)), dybar standing for ybar' (named hypothesis flow_bar)",
            "||(Sigma(t) - Sigma(0)) grad R(y(t))|| <= K, K the text's supremum (named hypothesis K_bound)",
            "h(s) = (1/2) <e(s), S0inv e(s)>, the energy standing for the text's (1/2)||z - zbar||^2 (named hypothesis h_def)",
            "the energy chain rule h'(t) = <S0inv e(t), e'(t)>, e = y - ybar, valid for S0inv linear and self-adjoint (named hypothesis energy_chain_rule)",
        ),
    ),
    "a1_distance_of_energy": CoqLemma(
        file="LemmaA1.v",
        name="a1_distance_of_energy",
        statement=(
            "  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (S0inv : E -> E) (s0 : R),\n"
            "  is_inner_product ip -> 0 <= s0 ->\n"
            "  forall (Q3 : forall x : E, ip x x <= s0 * ip x (S0inv x)),\n"
            "  forall (e : E) (h : R), h = ip e (S0inv e) / 2 ->\n"
            "  vnorm ip e <= sqrt s0 * sqrt (2 * h)"
        ),
        assumes=(
            "the inner-product axioms: ip symmetric, linear in the first argument, ip x x >= 0 (is_inner_product ip)",
            "||x||^2 <= ||Sigma(0)|| <x, Sigma(0)^{-1} x> with s0 = ||Sigma(0)|| (named hypothesis Q3)",
            "h = (1/2) <e, S0inv e>, the energy standing for the text's (1/2)||z - zbar||^2",
        ),
    ),
    "a1_lemma_a_1": CoqLemma(
        file="LemmaA1.v",
        name="a1_lemma_a_1",
        statement=(
            "  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (Rfun : E -> R) (gradR : E -> E)\n"
            "    (Sigma : R -> E -> E) (S0inv : E -> E) (y dy ybar dybar : R -> E) (mu lam K s0 T : R),\n"
            "  is_inner_product ip -> 0 < lam -> 0 < mu -> 0 <= s0 -> strongly_convex ip Rfun gradR mu ->\n"
            "  forall (Sigma0_self_adjoint : forall x z : E, ip (Sigma 0 x) z = ip x (Sigma 0 z))\n"
            "    (Sigma0_inverse : forall x : E, Sigma 0 (S0inv x) = x)\n"
            "    (Q1 : forall x : E, ip x (S0inv x) <= ip x x / lam)\n"
            "    (Q2 : forall x : E, ip (S0inv x) (S0inv x) <= ip x (S0inv x) / lam)\n"
            "    (Q3 : forall x : E, ip x x <= s0 * ip x (S0inv x))\n"
            "    (same_start : y 0 = ybar 0)\n"
            "    (flow : forall t, 0 <= t <= T -> dy t = opp (Sigma t (gradR (y t))))\n"
            "    (flow_bar : forall t, 0 <= t <= T -> dybar t = opp (Sigma 0 (gradR (ybar t))))\n"
            "    (K_bound : forall t, 0 <= t <= T ->\n"
            "       vnorm ip (minus (Sigma t (gradR (y t))) (Sigma 0 (gradR (y t)))) <= K)\n"
            "    (energy_chain_rule : forall t, 0 <= t <= T ->\n"
            "       is_derive (fun s => ip (minus (y s) (ybar s)) (S0inv (minus (y s) (ybar s))) / 2) t\n"
            "         (ip (S0inv (minus (y t) (ybar t))) (minus (dy t) (dybar t)))),\n"
            "  forall t, 0 <= t <= T ->\n"
            "  vnorm ip (minus (y t) (ybar t)) <= K * sqrt s0 / (lam * sqrt lam * mu)"
        ),
        assumes=(
            "the inner-product axioms: ip symmetric, linear in the first argument, ip x x >= 0 (is_inner_product ip)",
            "R mu-strongly convex with gradient gradR (strongly_convex)",
            "Sigma(0) self-adjoint: <Sigma(0) x, z> = <x, Sigma(0) z> (named hypothesis Sigma0_self_adjoint)",
            "S0inv is a right inverse of Sigma(0): Sigma(0) (S0inv x) = x (named hypothesis Sigma0_inverse)",
            "Sigma(0)^{-1} <= lam^{-1} Id as <x, S0inv x> <= <x, x>/lam (named hypothesis Q1)",
            "Sigma(0)^{-1} <= lam^{-1} Id as ||S0inv x||^2 <= <x, S0inv x>/lam (named hypothesis Q2)",
            "||x||^2 <= ||Sigma(0)|| <x, Sigma(0)^{-1} x> with s0 = ||Sigma(0)|| (named hypothesis Q3)",
            "y(0) = ybar(0) (named hypothesis same_start)",
            "the flow y'(t) = -Sigma(t) grad R(y(t)), dy standing for y' (named hypothesis flow) on [0, T]",
            "the flow ybar'(t) = -Sigma(0) grad R(ybar(t)), dybar standing for ybar' (named hypothesis flow_bar) on [0, T]",
            "||(Sigma(t) - Sigma(0)) grad R(y(t))|| <= K, K the text's supremum (named hypothesis K_bound) on [0, T]",
            "the energy chain rule h'(t) = <S0inv e(t), e'(t)>, e = y - ybar, valid for S0inv linear and self-adjoint (named hypothesis energy_chain_rule) on [0, T]",
        ),
    ),
    "a1_time_dependent": CoqLemma(
        file="LemmaA1.v",
        name="a1_time_dependent",
        statement=(
            "  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (Rfun : E -> R) (gradR : E -> E)\n"
            "    (Sigma : R -> E -> E) (S0inv : E -> E) (y dy ybar dybar : R -> E) (mu lam K s0 T : R),\n"
            "  is_inner_product ip -> 0 < lam -> 0 < mu -> 0 <= s0 -> strongly_convex ip Rfun gradR mu ->\n"
            "  forall (Sigma0_self_adjoint : forall x z : E, ip (Sigma 0 x) z = ip x (Sigma 0 z))\n"
            "    (Sigma0_inverse : forall x : E, Sigma 0 (S0inv x) = x)\n"
            "    (Q1 : forall x : E, ip x (S0inv x) <= ip x x / lam)\n"
            "    (Q2 : forall x : E, ip (S0inv x) (S0inv x) <= ip x (S0inv x) / lam)\n"
            "    (Q3 : forall x : E, ip x x <= s0 * ip x (S0inv x))\n"
            "    (same_start : y 0 = ybar 0)\n"
            "    (flow : forall t, 0 <= t <= T -> dy t = opp (Sigma t (gradR (y t))))\n"
            "    (flow_bar : forall t, 0 <= t <= T -> dybar t = opp (Sigma 0 (gradR (ybar t))))\n"
            "    (K_bound : forall t, 0 <= t <= T ->\n"
            "       vnorm ip (minus (Sigma t (gradR (y t))) (Sigma 0 (gradR (y t)))) <= K)\n"
            "    (energy_chain_rule : forall t, 0 <= t <= T ->\n"
            "       is_derive (fun s => ip (minus (y s) (ybar s)) (S0inv (minus (y s) (ybar s))) / 2) t\n"
            "         (ip (S0inv (minus (y t) (ybar t))) (minus (dy t) (dybar t)))),\n"
            "  forall t, 0 <= t <= T ->\n"
            "  vnorm ip (minus (y t) (ybar t)) <= K * sqrt s0 * (1 - exp (- (lam * mu) * t)) / (lam * sqrt lam * mu)"
        ),
        assumes=(
            "the inner-product axioms: ip symmetric, linear in the first argument, ip x x >= 0 (is_inner_product ip)",
            "R mu-strongly convex with gradient gradR (strongly_convex)",
            "Sigma(0) self-adjoint: <Sigma(0) x, z> = <x, Sigma(0) z> (named hypothesis Sigma0_self_adjoint)",
            "S0inv is a right inverse of Sigma(0): Sigma(0) (S0inv x) = x (named hypothesis Sigma0_inverse)",
            "Sigma(0)^{-1} <= lam^{-1} Id as <x, S0inv x> <= <x, x>/lam (named hypothesis Q1)",
            "Sigma(0)^{-1} <= lam^{-1} Id as ||S0inv x||^2 <= <x, S0inv x>/lam (named hypothesis Q2)",
            "||x||^2 <= ||Sigma(0)|| <x, Sigma(0)^{-1} x> with s0 = ||Sigma(0)|| (named hypothesis Q3)",
            "y(0) = ybar(0) (named hypothesis same_start)",
            "the flow y'(t) = -Sigma(t) grad R(y(t)), dy standing for y' (named hypothesis flow) on [0, T]",
            "the flow ybar'(t) = -Sigma(0) grad R(ybar(t)), dybar standing for ybar' (named hypothesis flow_bar) on [0, T]",
            "||(Sigma(t) - Sigma(0)) grad R(y(t))|| <= K, K the text's supremum (named hypothesis K_bound) on [0, T]",
            "the energy chain rule h'(t) = <S0inv e(t), e'(t)>, e = y - ybar, valid for S0inv linear and self-adjoint (named hypothesis energy_chain_rule) on [0, T]",
        ),
    ),
    "a1_ip_differentiable": CoqLemma(
        file="LemmaA1.v",
        name="a1_ip_differentiable",
        statement="""forall (E : NormedModule R_AbsRing) (ip : E -> E -> R),
  is_inner_product ip ->
  forall (ip_bounded : exists C : R, forall x z : E, Rabs (ip x z) <= C * norm x * norm z)
    (u0 v0 : E),
  filterdiff (fun p : E * E => ip (fst p) (snd p)) (locally (u0, v0))
    (fun p : E * E => ip (fst p) v0 + ip u0 (snd p))""",
        assumes=(
            'the inner-product axioms: ip symmetric, linear in the first argument, ip x x >= 0 (is_inner_product ip)',
            "ip bounded for E's norm: |<x, z>| <= C ||x|| ||z|| (named hypothesis ip_bounded; true for any inner product on R^n)",
        ),
    ),
    "a1_energy_chain_rule": CoqLemma(
        file="LemmaA1.v",
        name="a1_energy_chain_rule",
        statement="""forall (E : NormedModule R_AbsRing) (ip : E -> E -> R) (S0inv : E -> E)
    (y dy ybar dybar : R -> E) (t : R),
  is_inner_product ip ->
  forall (ip_bounded : exists C : R, forall x z : E, Rabs (ip x z) <= C * norm x * norm z)
    (S0inv_linear : is_linear S0inv)
    (S0inv_self_adjoint : forall x z : E, ip (S0inv x) z = ip x (S0inv z))
    (y_differentiable : is_derive y t (dy t))
    (ybar_differentiable : is_derive ybar t (dybar t)),
  is_derive (fun s => ip (minus (y s) (ybar s)) (S0inv (minus (y s) (ybar s))) / 2) t
    (ip (S0inv (minus (y t) (ybar t))) (minus (dy t) (dybar t)))""",
        assumes=(
            'the inner-product axioms: ip symmetric, linear in the first argument, ip x x >= 0 (is_inner_product ip)',
            "ip bounded for E's norm: |<x, z>| <= C ||x|| ||z|| (named hypothesis ip_bounded; true for any inner product on R^n)",
            "S0inv (standing for Sigma(0)^{-1}) is a bounded linear map (Coquelicot's is_linear; named hypothesis S0inv_linear)",
            'S0inv self-adjoint: <S0inv x, z> = <x, S0inv z> (named hypothesis S0inv_self_adjoint)',
            'y and ybar have derivatives dy t, dybar t at t (named hypotheses y_differentiable, ybar_differentiable)',
        ),
    ),
    "a1_S0inv_self_adjoint": CoqLemma(
        file="LemmaA1.v",
        name="a1_S0inv_self_adjoint",
        statement="""forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (Sigma0 S0inv : E -> E),
  is_inner_product ip ->
  forall (Sigma0_self_adjoint : forall x z : E, ip (Sigma0 x) z = ip x (Sigma0 z))
    (Sigma0_inverse : forall x : E, Sigma0 (S0inv x) = x),
  forall x z : E, ip (S0inv x) z = ip x (S0inv z)""",
        assumes=(
            'the inner-product axioms: ip symmetric, linear in the first argument, ip x x >= 0 (is_inner_product ip)',
            'Sigma(0) self-adjoint: <Sigma(0) x, z> = <x, Sigma(0) z> (named hypothesis Sigma0_self_adjoint)',
            'S0inv is a right inverse of Sigma(0): Sigma(0) (S0inv x) = x (named hypothesis Sigma0_inverse)',
        ),
    ),
    "a1_lemma_a_1_frechet": CoqLemma(
        file="LemmaA1.v",
        name="a1_lemma_a_1_frechet",
        statement="""forall (E : NormedModule R_AbsRing) (ip : E -> E -> R) (Rfun : E -> R) (gradR : E -> E)
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
  vnorm ip (minus (y t) (ybar t)) <= K * sqrt s0 / (lam * sqrt lam * mu)""",
        assumes=(
            'the inner-product axioms: ip symmetric, linear in the first argument, ip x x >= 0 (is_inner_product ip)',
            'R mu-strongly convex with gradient gradR (strongly_convex)',
            "ip bounded for E's norm: |<x, z>| <= C ||x|| ||z|| (named hypothesis ip_bounded; true for any inner product on R^n)",
            'Sigma(0) self-adjoint: <Sigma(0) x, z> = <x, Sigma(0) z> (named hypothesis Sigma0_self_adjoint)',
            'S0inv is a right inverse of Sigma(0): Sigma(0) (S0inv x) = x (named hypothesis Sigma0_inverse)',
            "S0inv (standing for Sigma(0)^{-1}) is a bounded linear map (Coquelicot's is_linear; named hypothesis S0inv_linear)",
            'Sigma(0)^{-1} <= lam^{-1} Id as <x, S0inv x> <= <x, x>/lam (named hypothesis Q1)',
            'Sigma(0)^{-1} <= lam^{-1} Id as ||S0inv x||^2 <= <x, S0inv x>/lam (named hypothesis Q2)',
            '||x||^2 <= ||Sigma(0)|| <x, Sigma(0)^{-1} x> with s0 = ||Sigma(0)|| (named hypothesis Q3)',
            'y(0) = ybar(0) (named hypothesis same_start)',
            'y and ybar have derivatives dy, dybar on [0, T] (named hypotheses y_differentiable, ybar_differentiable)',
            "the flow y'(t) = -Sigma(t) grad R(y(t)), dy standing for y' (named hypothesis flow) on [0, T]",
            "the flow ybar'(t) = -Sigma(0) grad R(ybar(t)), dybar standing for ybar' (named hypothesis flow_bar) on [0, T]",
            "||(Sigma(t) - Sigma(0)) grad R(y(t))|| <= K, K the text's supremum (named hypothesis K_bound) on [0, T]",
        ),
    ),
    "a1_time_dependent_frechet": CoqLemma(
        file="LemmaA1.v",
        name="a1_time_dependent_frechet",
        statement="""forall (E : NormedModule R_AbsRing) (ip : E -> E -> R) (Rfun : E -> R) (gradR : E -> E)
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
  vnorm ip (minus (y t) (ybar t)) <= K * sqrt s0 * (1 - exp (- (lam * mu) * t)) / (lam * sqrt lam * mu)""",
        assumes=(
            'the inner-product axioms: ip symmetric, linear in the first argument, ip x x >= 0 (is_inner_product ip)',
            'R mu-strongly convex with gradient gradR (strongly_convex)',
            "ip bounded for E's norm: |<x, z>| <= C ||x|| ||z|| (named hypothesis ip_bounded; true for any inner product on R^n)",
            'Sigma(0) self-adjoint: <Sigma(0) x, z> = <x, Sigma(0) z> (named hypothesis Sigma0_self_adjoint)',
            'S0inv is a right inverse of Sigma(0): Sigma(0) (S0inv x) = x (named hypothesis Sigma0_inverse)',
            "S0inv (standing for Sigma(0)^{-1}) is a bounded linear map (Coquelicot's is_linear; named hypothesis S0inv_linear)",
            'Sigma(0)^{-1} <= lam^{-1} Id as <x, S0inv x> <= <x, x>/lam (named hypothesis Q1)',
            'Sigma(0)^{-1} <= lam^{-1} Id as ||S0inv x||^2 <= <x, S0inv x>/lam (named hypothesis Q2)',
            '||x||^2 <= ||Sigma(0)|| <x, Sigma(0)^{-1} x> with s0 = ||Sigma(0)|| (named hypothesis Q3)',
            'y(0) = ybar(0) (named hypothesis same_start)',
            'y and ybar have derivatives dy, dybar on [0, T] (named hypotheses y_differentiable, ybar_differentiable)',
            "the flow y'(t) = -Sigma(t) grad R(y(t)), dy standing for y' (named hypothesis flow) on [0, T]",
            "the flow ybar'(t) = -Sigma(0) grad R(ybar(t)), dybar standing for ybar' (named hypothesis flow_bar) on [0, T]",
            "||(Sigma(t) - Sigma(0)) grad R(y(t))|| <= K, K the text's supremum (named hypothesis K_bound) on [0, T]",
        ),
    ),
}
