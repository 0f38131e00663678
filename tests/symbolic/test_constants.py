"""Theorem constants (symbolic.constants): acceptance values and falsified constants rejected."""

import pytest
import sympy as sp

from symbolic import derive
from symbolic.symbols import symbols

t, alpha, mu, kappa, lam, q, T, R0, M1, M2, C1, C2, r, delta = symbols(
    "t alpha mu kappa lam q T R0 M1 M2 C1 C2 r delta")
sigma_min, Df_norm, lip_Df, lip_f, d0, f_star_norm, c = symbols("sigma_min Df_norm lip_Df lip_f d0 f_star_norm c")
QUARTER = {c: sp.Rational(1, 4)}


def test_c0_at_the_kernel_floor_of_r0_is_the_texts_constant():
    """Acceptance: c0 evaluates to sigma_min^3/(32 kappa^{3/2} Df_norm lip_Df) when c is fixed by r0."""
    derivation = derive("c0")
    assert derivation.specialization == {c: derive("kernel_floor").expression}
    target = sigma_min**3 / (32 * kappa ** sp.Rational(3, 2) * Df_norm * lip_Df)
    assert sp.simplify(derivation.specialized - target) == 0


def test_kernel_floor_is_a_quarter_and_smiths_three_quarters_is_refuted():
    floor = derive("kernel_floor")
    assert floor.expression == sp.Rational(1, 4)
    assert not floor.agrees_with["smith"]
    (remark,) = floor.remarks
    assert "19/100" in remark.note  # the scalar counterexample to ||a-b||^2 >= | ||a||^2 - ||b||^2 |


def test_t0_at_the_kernel_floor_is_the_texts():
    assert sp.simplify(derive("t0").specialized - 4 * sp.log(alpha) / (mu * sigma_min**2)) == 0


def test_displacement_radius_stays_within_r0_exactly_at_c0():
    radius = derive("displacement_radius").expression.subs(d0, 2 * alpha * derive("c0").expression)
    assert sp.simplify(radius - derive("r0").expression) == 0


def test_sharper_growth_factor_is_reported_as_a_note():
    (note,) = derive("c0").notes
    assert "24" in note


FALSIFIED = {
    "r0": ([sigma_min / lip_Df, sigma_min**2 / (2 * lip_Df), sigma_min / 2], None),
    "kernel_floor": ([sp.Rational(3, 4), sp.Rational(1, 2), sp.S.One], None),
    "lazy_convergence_bound": ([sp.sqrt(kappa) * d0 * sp.exp(-mu * sigma_min**2 * t / 2),
                                d0 * sp.exp(-mu * sigma_min**2 * t / 4),
                                kappa * d0 * sp.exp(-mu * sigma_min**2 * t / 4),
                                sp.sqrt(kappa) * d0 * sp.exp(-3 * mu * sigma_min**2 * t / 4)], QUARTER),
    "displacement_radius": ([4 * kappa ** sp.Rational(3, 2) * Df_norm * d0 / (alpha * sigma_min**2),
                             8 * kappa**2 * Df_norm * d0 / (alpha * sigma_min**2),
                             8 * kappa ** sp.Rational(3, 2) * d0 / (alpha * sigma_min**2)], QUARTER),
    "c0": ([sigma_min**3 / (16 * kappa ** sp.Rational(3, 2) * Df_norm * lip_Df),
            sigma_min**2 / (32 * kappa ** sp.Rational(3, 2) * Df_norm * lip_Df),
            sigma_min**3 / (32 * Df_norm * lip_Df)], QUARTER),
    "alpha_threshold": ([16 * f_star_norm * kappa ** sp.Rational(3, 2) * Df_norm * lip_Df / sigma_min**3,
                         32 * f_star_norm * kappa ** sp.Rational(3, 2) * Df_norm * lip_Df / sigma_min**2,
                         32 * kappa ** sp.Rational(3, 2) * Df_norm * lip_Df / sigma_min**3], QUARTER),
    "t0": ([2 * sp.log(alpha) / (mu * sigma_min**2), 4 * sp.log(alpha) ** 2 / (mu * sigma_min**2),
            4 / (mu * sigma_min**2)], QUARTER),
    "criterion_homogeneity": ([lam ** (q - 1), lam ** (2 * q), 2 * lam**q], None),
    "lip_sigma": ([lip_f * lip_Df, 2 * lip_f**2 * lip_Df, 2 * lip_Df], None),
    "energy_bound": ([sp.sqrt(R0) / alpha, T * sp.sqrt(R0) / alpha, sp.sqrt(T * R0) / alpha**2], None),
    "held_out_bound": ([alpha * M2 * r**2 + alpha * M1 * delta, alpha * M2 / 2 * r + alpha * M1 * delta,
                        alpha * M2 / 2 * r**2 + M1 * delta], None),
}


@pytest.mark.parametrize("name,candidate,at",
                         [(n, cand, at) for n, (cands, at) in FALSIFIED.items() for cand in cands])
def test_falsified_constants_are_rejected(name, candidate, at, rejected):
    rejected(name, candidate, at)


def test_the_held_out_bound_under_the_propositions_hypotheses(rejected):
    derivation = derive("held_out_bound")
    stated = sp.log(alpha) / alpha * (C1 * M1 + C2**2 * M2 * sp.log(alpha) / 2)
    assert derivation.verify(stated, derivation.specialization).ok
    rejected("held_out_bound", sp.log(alpha) / alpha * (C1 * M1 + C2**2 * M2 * sp.log(alpha)), derivation.specialization)
