"""The Coq lemmas of the abstract inner-product space (InnerProduct.v) and chizat-bach's Lemma 3.3 (Lemma33.v).

Each ``statement`` is the exact type checked by the kernel (``Definition _ : statement := @name``) in the
audit context ``From Coq Require Import Reals Lra. From Coquelicot Require Import Coquelicot.
Require Import Lazycheck.<all modules>. Open Scope R_scope.``
"""

from __future__ import annotations

from proofs_check.proofs.coq_lemmas.lemma import CoqLemma

LEMMAS: dict[str, CoqLemma] = {
    "ip_cauchy_schwarz": CoqLemma(
        file="InnerProduct.v",
        name="ip_cauchy_schwarz",
        statement=(
            "  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R),\n"
            "  is_inner_product ip -> forall x y : E, Rabs (ip x y) <= vnorm ip x * vnorm ip y"
        ),
        assumes=(
            "the inner-product axioms: ip symmetric, linear in the first argument, ip x x >= 0 (is_inner_product ip)",
        ),
    ),
    "l33_pl": CoqLemma(
        file="Lemma33.v",
        name="l33_pl",
        statement=(
            "  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (F : E -> R) (gradF : E -> E) (mu : R),\n"
            "  is_inner_product ip -> 0 < mu -> strongly_convex ip F gradF mu ->\n"
            "  forall y ystar : E, F y - F ystar <= vnorm ip (gradF y) ^ 2 / (2 * mu)"
        ),
        assumes=(
            "the inner-product axioms: ip symmetric, linear in the first argument, ip x x >= 0 (is_inner_product ip)",
            "F mu-strongly convex with gradient gradF (strongly_convex: F v >= F u + <gradF u, v - u> + mu/2 ||v - u||^2)",
        ),
    ),
    "l33_dissipation": CoqLemma(
        file="Lemma33.v",
        name="l33_dissipation",
        statement=(
            "  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (F : E -> R) (gradF : E -> E)\n"
            "    (Sigma : R -> E -> E) (y dy : R -> E) (ystar : E) (lam t : R),\n"
            "  is_inner_product ip ->\n"
            "  forall (Sigma_lower : forall g : E, lam * ip g g <= ip g (Sigma t g))\n"
            "    (flow : dy t = opp (Sigma t (gradF (y t))))\n"
            "    (chain_rule : is_derive (fun s => F (y s)) t (ip (gradF (y t)) (dy t))),\n"
            "  is_derive (fun s => F (y s) - F ystar) t (- ip (gradF (y t)) (Sigma t (gradF (y t)))) /\\\n"
            "  - ip (gradF (y t)) (Sigma t (gradF (y t))) <= - lam * vnorm ip (gradF (y t)) ^ 2"
        ),
        assumes=(
            "the inner-product axioms: ip symmetric, linear in the first argument, ip x x >= 0 (is_inner_product ip)",
            "Sigma(t) >= lam Id as a quadratic form, lam <g, g> <= <g, Sigma(t) g> (named hypothesis Sigma_lower)",
            "the flow y'(t) = -Sigma(t) grad F(y(t)) with dy standing for y' (named hypothesis flow)",
            "the chain rule d/dt F(y(t)) = <grad F(y(t)), y'(t)> (named hypothesis chain_rule)",
        ),
    ),
    "l33_distance_lower": CoqLemma(
        file="Lemma33.v",
        name="l33_distance_lower",
        statement=(
            "  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (F : E -> R) (gradF : E -> E) (mu : R),\n"
            "  is_inner_product ip -> 0 < mu -> strongly_convex ip F gradF mu ->\n"
            "  forall ystar : E, gradF ystar = zero ->\n"
            "  forall y : E, vnorm ip (minus y ystar) ^ 2 <= 2 / mu * (F y - F ystar)"
        ),
        assumes=(
            "the inner-product axioms: ip symmetric, linear in the first argument, ip x x >= 0 (is_inner_product ip)",
            "F mu-strongly convex with gradient gradF (strongly_convex: F v >= F u + <gradF u, v - u> + mu/2 ||v - u||^2)",
            "grad F(y*) = 0, the first-order condition at the minimizer y*",
        ),
    ),
    "l33_distance_upper": CoqLemma(
        file="Lemma33.v",
        name="l33_distance_upper",
        statement=(
            "  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (F : E -> R) (gradF : E -> E) (nu : R),\n"
            "  is_inner_product ip -> smooth_upper ip F gradF nu ->\n"
            "  forall ystar : E, gradF ystar = zero ->\n"
            "  forall y : E, F y - F ystar <= nu / 2 * vnorm ip (minus y ystar) ^ 2"
        ),
        assumes=(
            "the inner-product axioms: ip symmetric, linear in the first argument, ip x x >= 0 (is_inner_product ip)",
            "the upper quadratic bound (descent lemma) of a function with nu-Lipschitz gradient (smooth_upper)",
            "grad F(y*) = 0, the first-order condition at the minimizer y*",
        ),
    ),
    "l33_lemma_3_3": CoqLemma(
        file="Lemma33.v",
        name="l33_lemma_3_3",
        statement=(
            "  forall (E : ModuleSpace R_Ring) (ip : E -> E -> R) (F : E -> R) (gradF : E -> E)\n"
            "    (Sigma : R -> E -> E) (y dy : R -> E) (ystar : E) (mu nu lam T : R),\n"
            "  is_inner_product ip -> 0 < mu -> 0 <= nu -> 0 < lam ->\n"
            "  strongly_convex ip F gradF mu -> smooth_upper ip F gradF nu -> gradF ystar = zero ->\n"
            "  forall (Sigma_lower : forall t, 0 <= t <= T -> forall g : E, lam * ip g g <= ip g (Sigma t g))\n"
            "    (flow : forall t, 0 <= t <= T -> dy t = opp (Sigma t (gradF (y t))))\n"
            "    (chain_rule : forall t, 0 <= t <= T ->\n"
            "       is_derive (fun s => F (y s)) t (ip (gradF (y t)) (dy t))),\n"
            "  forall t, 0 <= t <= T ->\n"
            "  vnorm ip (minus (y t) ystar) <= sqrt (nu / mu) * vnorm ip (minus (y 0) ystar) * exp (- (mu * lam) * t)"
        ),
        assumes=(
            "the inner-product axioms: ip symmetric, linear in the first argument, ip x x >= 0 (is_inner_product ip)",
            "F mu-strongly convex with gradient gradF (strongly_convex: F v >= F u + <gradF u, v - u> + mu/2 ||v - u||^2)",
            "the upper quadratic bound (descent lemma) of a function with nu-Lipschitz gradient (smooth_upper)",
            "grad F(y*) = 0, the first-order condition at the minimizer y*",
            "Sigma(t) >= lam Id as a quadratic form, lam <g, g> <= <g, Sigma(t) g> (named hypothesis Sigma_lower) for 0 <= t <= T",
            "the flow y'(t) = -Sigma(t) grad F(y(t)) with dy standing for y' (named hypothesis flow) on [0, T]",
            "the chain rule d/dt F(y(t)) = <grad F(y(t)), y'(t)> (named hypothesis chain_rule) on [0, T]",
        ),
    ),
    "l33_chain_rule": CoqLemma(
        file="Lemma33.v",
        name="l33_chain_rule",
        statement=(
            "  forall (E : NormedModule R_AbsRing) (ip : E -> E -> R) (F : E -> R) (gradF : E -> E)\n"
            "    (y dy : R -> E) (t : R),\n"
            "  is_inner_product ip ->\n"
            "  forall (F_differentiable : filterdiff F (locally (y t)) (fun v => ip (gradF (y t)) v))\n"
            "    (y_differentiable : is_derive y t (dy t)),\n"
            "  is_derive (fun s => F (y s)) t (ip (gradF (y t)) (dy t))"
        ),
        assumes=(
            "the inner-product axioms: ip symmetric, linear in the first argument, ip x x >= 0 (is_inner_product ip)",
            "F Frechet differentiable at y(t) with differential v |-> <grad F(y(t)), v>, i.e. gradF is the gradient of F for ip (named hypothesis F_differentiable)",
            "y has derivative y'(t) = dy t at t (named hypothesis y_differentiable)",
        ),
    ),
    "l33_lemma_3_3_frechet": CoqLemma(
        file="Lemma33.v",
        name="l33_lemma_3_3_frechet",
        statement=(
            "  forall (E : NormedModule R_AbsRing) (ip : E -> E -> R) (F : E -> R) (gradF : E -> E)\n"
            "    (Sigma : R -> E -> E) (y dy : R -> E) (ystar : E) (mu nu lam T : R),\n"
            "  is_inner_product ip -> 0 < mu -> 0 <= nu -> 0 < lam ->\n"
            "  strongly_convex ip F gradF mu -> smooth_upper ip F gradF nu -> gradF ystar = zero ->\n"
            "  forall (Sigma_lower : forall t, 0 <= t <= T -> forall g : E, lam * ip g g <= ip g (Sigma t g))\n"
            "    (flow : forall t, 0 <= t <= T -> dy t = opp (Sigma t (gradF (y t))))\n"
            "    (F_differentiable : forall x : E, filterdiff F (locally x) (fun v => ip (gradF x) v))\n"
            "    (y_differentiable : forall t, 0 <= t <= T -> is_derive y t (dy t)),\n"
            "  forall t, 0 <= t <= T ->\n"
            "  vnorm ip (minus (y t) ystar) <= sqrt (nu / mu) * vnorm ip (minus (y 0) ystar) * exp (- (mu * lam) * t)"
        ),
        assumes=(
            "the inner-product axioms: ip symmetric, linear in the first argument, ip x x >= 0 (is_inner_product ip)",
            "F mu-strongly convex with gradient gradF (strongly_convex: F v >= F u + <gradF u, v - u> + mu/2 ||v - u||^2)",
            "the upper quadratic bound (descent lemma) of a function with nu-Lipschitz gradient (smooth_upper)",
            "grad F(y*) = 0, the first-order condition at the minimizer y*",
            "Sigma(t) >= lam Id as a quadratic form, lam <g, g> <= <g, Sigma(t) g> (named hypothesis Sigma_lower) for 0 <= t <= T",
            "the flow y'(t) = -Sigma(t) grad F(y(t)) with dy standing for y' (named hypothesis flow) on [0, T]",
            "F Frechet differentiable on E with gradient gradF for ip (named hypothesis F_differentiable)",
            "y has derivative dy on [0, T] (named hypothesis y_differentiable)",
        ),
    ),
    "l33_dissipation_flow": CoqLemma(
        file="Lemma33.v",
        name="l33_dissipation_flow",
        statement="""forall (E : NormedModule R_AbsRing) (ip : E -> E -> R) (F : E -> R) (gradF : E -> E)
    (Sigma : R -> E -> E) (y dy : R -> E) (ystar : E) (t : R),
  is_inner_product ip ->
  forall (F_differentiable : filterdiff F (locally (y t)) (fun v => ip (gradF (y t)) v))
    (y_differentiable : is_derive y t (dy t))
    (flow : dy t = opp (Sigma t (gradF (y t)))),
  is_derive (fun s => F (y s) - F ystar) t (- ip (gradF (y t)) (Sigma t (gradF (y t))))""",
        assumes=(
            'the inner-product axioms: ip symmetric, linear in the first argument, ip x x >= 0 (is_inner_product ip)',
            'F Frechet differentiable at y(t) with differential v |-> <grad F(y(t)), v>, i.e. gradF is the gradient of F for ip (named hypothesis F_differentiable)',
            "y has derivative y'(t) = dy t at t (named hypothesis y_differentiable)",
            "the flow y'(t) = -Sigma(t) grad F(y(t)) (named hypothesis flow)",
        ),
    ),
}
