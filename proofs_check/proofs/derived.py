"""What the chains check against: the constants derived in symbolic/, and the texts' formulas as transcribed there.

The chains never type a constant of Theorem 3.2 again. :func:`theorem_constants` reads r0, the
kernel floor c, C0 = M and the displacement radius from their derivations (so that changing
:data:`symbolic.constants.SINGULAR_FLOOR` changes every chain), and :func:`stated` reads what a
text writes for a result from the derivation's :class:`~symbolic.core.Statement` (or an
intermediate constant from its :class:`~symbolic.core.Remark`).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symbolic import Remark, derive


@dataclass(frozen=True)
class TheoremConstants:
    """The constants of Theorem 3.2 (smith 2.4) at the derived kernel floor."""

    r0: sp.Expr
    floor: sp.Expr
    c0: sp.Expr
    displacement: sp.Expr
    at: tuple


def theorem_constants() -> TheoremConstants:
    """r0, the kernel floor c, C0 and the displacement radius (as a function of d0), from symbolic/."""
    c0 = derive("c0")
    return TheoremConstants(derive("r0").expression, derive("kernel_floor").expression, c0.specialized,
                            derive("displacement_radius").specialized, tuple(c0.specialization.items()))


def stated(name: str, text: str) -> tuple[sp.Expr, tuple]:
    """(expression, parameter values) of what ``text`` states for the derivation ``name``, as written."""
    (statement,) = [s for s in derive(name).statements if s.text == text]
    return statement.expression, tuple(statement.at.items())


def remark(name: str, text: str) -> Remark:
    """The intermediate constant that ``text`` writes in the chain of ``name``: ``.stated`` as written, and
    ``.derived``, what the derivation's chain gives at the same point."""
    (found,) = [r for r in derive(name).remarks if r.text == text]
    return found


#: The step both texts take without a reason (chizat-bach, proof of Theorem 3.2; smith, proof of Theorem 2.4):
#: both chains give it the same verdict, a gap, with the same correction.
GROWTH_STEP = "||Df_w|| <= 2 ||Df(w0)|| on the ball B(w0, r0)"
GROWTH_CORRECTION = ("||Df_w|| <= ||Df(w0)|| + L_Df r0 = ||Df(w0)|| + sigma_min/2 <= (3/2) ||Df(w0)|| <= 2 ||Df(w0)|| "
                     "on B(w0, r0)")
GROWTH_EXPLANATION = ("The factor 2 is true on the ball, but neither text says why: the Lipschitz bound on Df and "
                      "sigma_min <= ||Df(w0)|| give it, and even 3/2 (which would allow C0 with 24 in place of 32; "
                      "lazycheck derive c0).")
