"""The catalog of derivations: names, lookup, and their numeric forms.

Each derivation module defines its derivations as cached zero-argument builders named
after the result (``r0``, ``c0``, ...), which call one another directly. This module
only lists them, in display order (the flows, the Gronwall comparisons, the constants of
Theorem 3.2, smith's finite-time constants, the kernels), so that nothing imports it back.

:func:`formula` turns a derived expression into a numeric function, lambdified once: it
is how the numeric checks take their bounds and constants from the derivation itself.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import sympy as sp

from symbolic import (constants, finite_time, flows, gronwall, homogeneity, kernels, remarks_chizat_bach, remarks_smith,
                      trajectory)
from symbolic.core import Derivation
from symbolic.symbols import symbols

#: Every derivation builder, in display order.
BUILDERS: tuple[Callable[[], Derivation], ...] = (
    flows.predictor_ode, flows.tangent_ode, flows.objective_gradient, homogeneity.homogeneous_time_change,
    gronwall.gronwall_decay, gronwall.lemma_3_3_bound, gronwall.gronwall_linear, gronwall.stability_bound,
    gronwall.stability_bound_time_dependent,
    constants.r0, constants.kernel_floor, constants.lazy_convergence_bound, constants.displacement_radius,
    constants.c0, constants.alpha_threshold, constants.t0, trajectory.trajectory_floor,
    trajectory.c0_sharp_growth,
    homogeneity.criterion_homogeneity, finite_time.energy_bound, finite_time.lip_sigma, finite_time.held_out_bound,
    kernels.relu_kernel_a, kernels.relu_kernel_b,
) + remarks_chizat_bach.BUILDERS + remarks_smith.BUILDERS
_BY_NAME = {builder.__name__: builder for builder in BUILDERS}
#: Cached helpers that derivations share besides the builders.
_HELPERS = (gronwall.stability_level, constants.displacement_integral, flows.generic_model,
            trajectory.bootstrap_ratio, trajectory.radius_root)


class UnknownDerivation(KeyError):
    """Raised for a derivation name that is not in the catalog."""

    def __str__(self) -> str:
        return str(self.args[0])


def names() -> tuple[str, ...]:
    """The derivation names, in display order."""
    return tuple(_BY_NAME)


def derive(name: str) -> Derivation:
    """Return the derivation ``name``, computing it on first use (the builders are cached).

    Raises
    ------
    UnknownDerivation
        If no derivation has that name; the message lists the valid names.
    """
    try:
        builder = _BY_NAME[name]
    except KeyError:
        raise UnknownDerivation(f"unknown derivation {name!r}; valid names: {', '.join(names())}") from None
    return builder()


@cache
def numeric_function(expression: sp.Expr, arguments: str) -> Callable[..., float]:
    """``expression`` as a numeric (numpy) function of the space-separated documented ``arguments``.

    >>> from symbolic.gronwall import stability_level
    >>> numeric_function(stability_level(), "K lam mu")(2.0, 1.0, 1.0)
    2.0
    """
    variables = symbols(arguments)
    missing = sorted(str(s) for s in expression.free_symbols - set(variables))
    if missing:
        raise ValueError(f"{expression} depends on {', '.join(missing)}, which are not among the arguments "
                         f"{arguments!r}")
    return sp.lambdify(variables, expression, "numpy")


@cache
def formula(name: str, arguments: str, *, specialized: bool = True) -> Callable[..., float]:
    """The derived expression ``name`` as a numeric function of the space-separated ``arguments``.

    With ``specialized`` (the default) the expression is taken at the theorem's parameter values
    (for example the kernel floor c of ``c0``). The function is lambdified for numpy, so it takes
    arrays as well as floats.

    >>> formula("r0", "sigma_min lip_Df")(1.0, 2.0)
    0.25
    """
    derivation = derive(name)
    expression = derivation.specialized if specialized and derivation.specialization else derivation.expression
    return numeric_function(expression, arguments)


def clear_caches() -> None:
    """Forget every computed derivation and numeric form (after changing a parameter such as
    :data:`symbolic.constants.SINGULAR_FLOOR`); the next :func:`derive` recomputes from the source."""
    for cached in BUILDERS + _HELPERS + (formula, numeric_function):
        cached.cache_clear()
