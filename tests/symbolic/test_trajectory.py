"""The kernel floor along the trajectory (symbolic.trajectory): exact root, bootstrap, falsified floors rejected."""

import sympy as sp

from symbolic import derive
from symbolic.trajectory import bootstrap_ratio, radius_root, u


def test_radius_root_is_the_smallest_positive_root_of_the_cubic():
    """u* solves 16u^3 - 32u^2 + 15u - 1 = 0 (the fixed-point equation D(u) = u at SINGULAR_FLOOR = 1/2)."""
    root = radius_root()
    assert sp.minimal_polynomial(root, u) == 16 * u**3 - 32 * u**2 + 15 * u - 1
    assert 0.0796 < float(root) < 0.0798
    assert sp.simplify(bootstrap_ratio().subs(u, root) - root) == 0


def test_below_the_root_the_bootstrap_does_not_close_and_above_it_does():
    ratio = bootstrap_ratio()
    below, above = sp.Rational(7, 100), sp.Rational(1, 10)
    assert ratio.subs(u, below) > below
    assert ratio.subs(u, above) < above


def test_floor_is_one_minus_root_squared_and_beats_both_texts():
    floor = derive("trajectory_floor")
    assert sp.simplify(floor.expression - (1 - radius_root()) ** 2) == 0
    assert 0.846 < float(floor.expression) < 0.848
    assert all(step.ok for step in floor.steps)


def test_falsified_floors_are_rejected():
    """The check can fail: the texts' floors and a slightly larger floor are not c*."""
    floor = derive("trajectory_floor")
    for wrong in (sp.Rational(3, 4), sp.Rational(1, 4), floor.expression + sp.Rational(1, 1000)):
        assert not floor.verify(wrong).ok
