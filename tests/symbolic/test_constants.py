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


# Soundness of the derivations' own checks (issue 16): each check rejects a falsified input.

def test_the_step_int_0_t_within_int_0_oo_needs_both_of_its_halves():
    """int_0^T exp(-t) dt = 1 - exp(-T) <= 1 holds; a wrong antiderivative fails the first half (the fundamental
    theorem of calculus), a total below the integral fails the second (the tail must be positive)."""
    from symbolic.constants import _within_total

    horizon = sp.Symbol("T", positive=True)
    speed = sp.exp(-t)
    partial, total = sp.integrate(speed, (t, 0, horizon)), sp.S.One
    assert _within_total(speed, partial, total, horizon).ok
    halved_antiderivative = _within_total(speed, partial / 2, total, horizon)
    assert not halved_antiderivative.ok and sp.simplify(halved_antiderivative.residual + sp.exp(-horizon) / 2) == 0
    halved_total = _within_total(speed, partial, total / 2, horizon)
    assert not halved_total.ok and halved_total.residual != 0


def test_the_displacement_tail_step_holds():
    steps = derive("displacement_radius").steps
    assert "int_0^oo" in steps[2].description and steps[2].ok


@pytest.mark.parametrize("interval", [sp.Interval(1, 2), sp.Interval(1, sp.oo), sp.Interval.open(1, 2),
                                      sp.Interval.Lopen(-sp.oo, 1)])
def test_a_set_other_than_an_open_ray_is_rejected_with_itself_as_residual(interval):
    from symbolic.constants import _is_open_ray

    check = _is_open_ray(interval)
    assert not check.ok and check.residual == interval


def test_an_open_ray_is_accepted_with_residual_zero():
    from symbolic.constants import _is_open_ray

    check = _is_open_ray(sp.Interval.open(f_star_norm, sp.oo))
    assert check.ok and check.residual == 0


def test_c0_for_the_radius_r0_is_the_theorems_c0():
    """The Weyl floor of c0_for_radius is sigma_min - lip_Df r: at r = r0 it gives the theorem's C0 (a floor
    sigma_min + lip_Df r would give 9 times it)."""
    from symbolic.constants import c0_for_radius

    assert sp.simplify(c0_for_radius(derive("r0").expression) - derive("c0").specialized) == 0


def test_c0_for_a_radius_where_the_weyl_floor_vanishes_is_refused():
    from symbolic.constants import c0_for_radius

    with pytest.raises(ValueError, match="vanishes"):
        c0_for_radius(sigma_min / lip_Df)


def test_c0_for_a_negative_radius_has_no_positive_solution():
    from symbolic.constants import c0_for_radius

    with pytest.raises(ValueError, match=r"no unique positive C0 for the radius -sigma_min/\(4\*lip_Df\)"):
        c0_for_radius(-sigma_min / (4 * lip_Df))


def test_the_convergence_rate_at_the_derived_floor_is_a_quarter_mu_sigma_min_squared():
    """Lemma 3.3 with lam = c sigma_min^2 at c = 1/4: ||y(t) - y*|| decays like exp(-mu sigma_min^2 t/4)."""
    from symbolic.constants import convergence_rate

    assert sp.simplify(convergence_rate() - mu * sigma_min**2 / 4) == 0


def test_the_false_square_inequality_is_witnessed_by_one_and_nine_tenths():
    """(1 - 9/10)^2 = 1/100 < |1 - 81/100| = 19/100: smith's ||a - b||^2 >= | ||a||^2 - ||b||^2 | is false."""
    from symbolic.constants import _false_square_inequality

    assert _false_square_inequality() == "a = 1, b = 9/10: (a - b)^2 = 1/100 < |a^2 - b^2| = 19/100"
