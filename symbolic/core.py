"""The common form of every derivation: checked steps, text statements, a verifier.

A derivation produces an expression together with the numbered steps that led to
it. Each step states what it transforms into what, on what grounds, where in the
source it comes from, and carries a :class:`Check`: ``(ok, residual)`` in the manner
of sympy's ``checkodesol``. The residual is 0 exactly when the step is verified;
otherwise it is what is left unproven (a non-zero difference, or a margin whose sign
sympy cannot establish).

Each derivation also owns a *defining property* (``Derivation.verify``): a check that
any candidate expression can be put through. It is how the derivation is compared
with what a text states, and how tests show that a falsified constant is rejected.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

import sympy as sp

#: The two source texts, by their short names (see ``../shared/seeds/README.md``).
TEXTS = ("chizat-bach", "smith")


@dataclass(frozen=True)
class Check:
    """The outcome of one check: ``ok`` and the residual that decides it."""

    ok: bool
    residual: sp.Basic

    def __bool__(self) -> bool:
        return self.ok


def simplify_fully(expr: sp.Basic) -> sp.Basic:
    """Simplify ``expr`` (elementwise for matrices) as far as sympy can."""
    if isinstance(expr, sp.MatrixBase):
        return expr.applyfunc(simplify_fully)
    expr = sp.sympify(expr)
    cheap = sp.cancel(sp.expand(expr.doit()))
    if cheap == 0 or _is_rational(cheap):
        # A rational function of its atoms (symbols, applied undefined functions,
        # derivatives) is zero exactly when its cancelled form is: no simplify needed.
        return cheap
    simplified = sp.simplify(expr)
    if simplified != 0:
        simplified = sp.simplify(sp.powsimp(sp.expand(simplified), force=False))
    return simplified


def simplify_positive(expr: sp.Expr) -> sp.Expr:
    """Simplify an expression whose symbols are positive (powers and square roots)."""
    return sp.simplify(sp.powsimp(sp.powdenest(expr, force=True), force=True))


def _is_rational(expr: sp.Basic) -> bool:
    """True when ``expr`` uses only rational operations (integer powers, no functions
    other than undefined ones) on its atoms."""
    for node in sp.preorder_traversal(expr):
        if isinstance(node, sp.Pow) and not node.exp.is_Integer:
            return False
        if isinstance(node, sp.Function) and not isinstance(node, sp.core.function.AppliedUndef):
            return False
    return True


def _is_zero(residual: sp.Basic) -> bool:
    if isinstance(residual, sp.MatrixBase):
        return all(entry == 0 for entry in residual)
    return residual == 0


def identity(lhs: sp.Basic, rhs: sp.Basic) -> Check:
    """Check ``lhs == rhs`` symbolically; the residual is ``simplify(lhs - rhs)``."""
    if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
        lhs, rhs = sp.Matrix(lhs), sp.Matrix(rhs)
        if lhs.shape != rhs.shape:
            return Check(False, sp.Symbol(f"shape_mismatch_{lhs.shape}_{rhs.shape}"))
    residual = simplify_fully(lhs - rhs)
    return Check(_is_zero(residual), residual)


def zero(expr: sp.Basic) -> Check:
    """Check that ``expr`` simplifies to zero."""
    return identity(expr, sp.S.Zero)


def nonnegative(margin: sp.Expr) -> Check:
    """Check ``margin >= 0`` from the assumptions on its symbols.

    The residual is 0 when sympy proves the sign, and otherwise the simplified
    margin itself: what would still have to be shown.
    """
    margin = simplify_fully(margin)
    if margin.is_nonnegative:
        return Check(True, sp.S.Zero)
    return Check(False, margin)


def positive(margin: sp.Expr) -> Check:
    """Check ``margin > 0`` from the assumptions on its symbols (see :func:`nonnegative`)."""
    margin = simplify_fully(margin)
    if margin.is_positive:
        return Check(True, sp.S.Zero)
    return Check(False, margin)


def all_of(*checks: Check) -> Check:
    """Combine checks: ok when all are, residual the first non-zero one."""
    for check in checks:
        if not check.ok:
            return check
    return Check(True, sp.S.Zero)


def ode_solution(ode: sp.Eq, solution: sp.Eq, initial: Mapping | None = None) -> Check:
    """Check a solution with ``sympy.checkodesol`` and, if given, its initial values.

    ``initial`` maps ``f(t0)`` to its value, as in ``dsolve(..., ics=...)``.
    """
    ok, residual = sp.checkodesol(ode, solution)
    checks = [Check(bool(ok), sp.S.Zero if ok else residual)]
    for point, value in (initial or {}).items():
        t0 = point.args[0]
        variable = next(iter(solution.lhs.free_symbols))
        checks.append(identity(solution.rhs.subs(variable, t0), value))
    return all_of(*checks)


@dataclass(frozen=True)
class Step:
    """One step of a derivation.

    Attributes
    ----------
    description
        What the step transforms into what.
    source
        Where the step comes from, e.g. ``"chizat-bach (6)"`` or ``"lazycheck"``.
    grounds
        The reason it holds: chain rule, Cauchy-Schwarz, strong convexity, ...
    check
        ``(ok, residual)``.
    """

    description: str
    source: str
    grounds: str
    check: Check

    @property
    def ok(self) -> bool:
        return self.check.ok

    @property
    def residual(self) -> sp.Basic:
        return self.check.residual


@dataclass(frozen=True)
class Statement:
    """What a text states for the result of a derivation, quoted and transcribed.

    ``expression`` is the text's formula *as written*, in lazycheck's symbols.
    ``at`` gives the values of derivation parameters the text has fixed (for
    example ``{c: 1/4}``). ``reading`` is our reconstruction where the extracted
    formula is garbled or has an evident typo; ``note`` explains it.
    """

    text: str
    location: str
    quote: str
    expression: sp.Basic
    at: Mapping[sp.Symbol, sp.Basic] = field(default_factory=dict)
    reading: sp.Basic | None = None
    note: str = ""

    def __post_init__(self):
        object.__setattr__(self, "at", MappingProxyType(dict(self.at)))  # read-only: derivations are cached


@dataclass(frozen=True)
class Remark:
    """An intermediate constant in a text's own chain, compared with ours.

    This is where "the text's constant does not follow from its own chain" is
    recorded: ``stated`` is the text's intermediate expression, ``derived`` the one
    our chain gives at the same point.
    """

    text: str
    location: str
    quote: str
    stated: sp.Basic
    derived: sp.Basic
    note: str

    @cached_property
    def check(self) -> Check:
        return identity(self.stated, self.derived)


@dataclass(frozen=True)
class Derivation:
    """A derived result: expression, checked steps, and comparison with the texts.

    Attributes
    ----------
    name
        Stable identifier, e.g. ``"c0"``.
    title
        One line saying what is derived.
    expression
        The derived expression.
    steps
        The numbered steps, each with its check.
    defining_residual
        ``candidate -> residual``: the defining property of the result, which any
        candidate must satisfy (its residual simplifies to 0). Used by
        :meth:`verify`.
    statements
        What each text states for this result.
    specialization
        Parameter values at which the theorem uses the result (``{c: 1/4}``).
    remarks
        Intermediate constants of the texts' chains, compared with ours.
    notes
        Further observations, e.g. a sharper constant the chain allows.
    """

    name: str
    title: str
    expression: sp.Basic
    steps: tuple[Step, ...]
    defining_residual: Callable[[sp.Basic], sp.Basic]
    statements: tuple[Statement, ...] = ()
    specialization: Mapping[sp.Symbol, sp.Basic] = field(default_factory=dict)
    remarks: tuple[Remark, ...] = ()
    notes: tuple[str, ...] = ()

    def __post_init__(self):
        # read-only: derivations are cached and shared by every consumer
        object.__setattr__(self, "specialization", MappingProxyType(dict(self.specialization)))

    def verify(self, candidate: sp.Basic, at: Mapping | None = None) -> Check:
        """Check a candidate against the defining property of this result.

        ``at`` substitutes parameter values (e.g. ``{c: 1/4}``) before simplifying.
        """
        try:
            residual = self.defining_residual(sp.sympify(candidate))
        except (sp.ShapeError, ValueError, TypeError) as error:
            return Check(False, sp.Symbol(f"invalid_candidate: {error}"))
        if at:
            residual = residual.subs(dict(at))
        residual = simplify_fully(residual)
        return Check(_is_zero(residual), residual)

    @property
    def ok(self) -> bool:
        """True when every step is verified."""
        return all(step.ok for step in self.steps)

    @property
    def specialized(self) -> sp.Basic:
        """The expression at the theorem's parameter values."""
        return simplify_fully(self.expression.subs(dict(self.specialization)))

    @cached_property
    def agreement(self) -> dict[str, Check]:
        """For each text that states the result: does it agree, as written?"""
        return {s.text: self.verify(s.expression, s.at) for s in self.statements}

    @property
    def agrees_with(self) -> dict[str, bool]:
        """Map from text to whether its statement, as written, agrees."""
        return {text: check.ok for text, check in self.agreement.items()}

    def reading_agrees(self, statement: Statement) -> bool | None:
        """Whether our reading of a garbled statement agrees (None if no reading)."""
        if statement.reading is None:
            return None
        return self.verify(statement.reading, statement.at).ok


def step(description: str, source: str, grounds: str, check: Check) -> Step:
    """Build a :class:`Step` (a short alias that keeps derivations readable)."""
    return Step(description, source, grounds, check)
