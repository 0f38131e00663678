"""Real-arithmetic certificates for inequality steps, with z3's nonlinear real arithmetic.

``certify(claim, assumptions)`` asks z3 whether ``assumptions`` and the negation of
``claim`` are jointly satisfiable over the reals:

- **unsat**: the claim is certified; the certificate names what was refuted;
- **sat**: z3's model is a counterexample. It is read back as an assignment to the
  claim's own symbols and re-checked in sympy at 30 digits, so that a relaxation (see
  below) cannot pass off a spurious model as a counterexample;
- otherwise: unknown (timeout or an undecided model).

Non-polynomial terms become auxiliary variables with their defining constraints, in
the manner of teorth/estimates' ``Linarith``:

- x**(p/q) with q > 1: a >= 0 and a**q == x**p (x >= 0 is required);
- exp(c*u) for rational c: all exponentials of rational multiples of one u share
  E = exp(u/d) > 0 (d the common denominator), exp(c*u) = E**(c*d), with E >= 1 + u/d
  (so E >= 1 when u >= 0) and E <= 1 when u <= 0;
- log(x): L with x >= 1 => L >= 0 and L <= x - 1;
- Abs(x): If(x >= 0, x, -x).

The exponential and logarithm constraints are relaxations (true facts, not
definitions): a certificate stays sound, and a counterexample is accepted only after the
sympy re-check. The re-check also confirms the positivity assumptions of the claim's symbols. It evaluates
each side at RECHECK_DIGITS digits: a relation that fails by less than about 10^-RECHECK_DIGITS (relative)
is taken to hold: a claim violated only that narrowly is left unknown rather than refuted, and an assumption
violated that narrowly would pass (z3's model satisfies the polynomial constraints exactly, so only a relaxed
exp or log could leave such a margin).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import reduce
from math import lcm

import sympy as sp

#: z3's time budget per query, in milliseconds.
TIMEOUT_MS = 20_000
#: Digits of the sympy re-check of a counterexample.
RECHECK_DIGITS = 30


@dataclass(frozen=True)
class InequalityResult:
    """The outcome of :func:`certify`: certified, refuted (with an assignment) or unknown."""

    status: str
    certificate: str = ""
    counterexample: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == "certified"


class _Translator:
    """sympy -> z3, introducing auxiliary variables and their constraints."""

    def __init__(self, z3):
        self.z3 = z3
        self.variables: dict[sp.Symbol, object] = {}
        self.constraints: list = []
        self._powers: dict = {}
        self._exp_bases: dict = {}
        self._denominators: dict = {}
        self._logs: dict = {}

    def symbol(self, s: sp.Symbol):
        if s not in self.variables:
            variable = self.z3.Real(s.name)
            self.variables[s] = variable
            if s.is_positive:
                self.constraints.append(variable > 0)
            elif s.is_nonnegative:
                self.constraints.append(variable >= 0)
        return self.variables[s]

    def __call__(self, e):
        z3 = self.z3
        if isinstance(e, _Base):
            return e.value
        if isinstance(e, sp.Symbol):
            return self.symbol(e)
        if e.is_Rational:
            return z3.RealVal(str(e.p)) / z3.RealVal(str(e.q))
        if e is sp.S.Exp1 or isinstance(e, sp.exp):
            return self.exponential(e)
        if isinstance(e, sp.Add):
            return sum((self(a) for a in e.args[1:]), self(e.args[0]))
        if isinstance(e, sp.Mul):
            return reduce(lambda x, y: x * y, (self(a) for a in e.args))
        if isinstance(e, sp.Pow):
            return self.power(e.base, e.exp)
        if isinstance(e, sp.log):
            return self.logarithm(e.args[0])
        if isinstance(e, sp.Abs):
            inner = self(e.args[0])
            return z3.If(inner >= 0, inner, -inner)
        if isinstance(e, sp.Max):
            return reduce(lambda x, y: z3.If(x >= y, x, y), (self(a) for a in e.args))
        if isinstance(e, sp.Min):
            return reduce(lambda x, y: z3.If(x <= y, x, y), (self(a) for a in e.args))
        raise ValueError(f"cannot translate {e!r} ({type(e).__name__}) to real arithmetic")

    def power(self, base, exponent):
        if exponent.is_Integer:  # nonzero: sympy folds x**0 to 1
            n = int(exponent)
            value = self.power_of(self(base), abs(n))
            return 1 / value if n < 0 else value
        if exponent.is_Rational:
            key = (base, exponent)
            if key not in self._powers:
                root = self.z3.Real(f"pow_{len(self._powers)}")
                p, q = int(exponent.p), int(exponent.q)
                self.constraints += [root >= 0, self(base) >= 0, self.power_of(root, q) == self.power(base, sp.Integer(p))]
                self._powers[key] = root
            return self._powers[key]
        raise ValueError(f"cannot translate the power {base}**{exponent}")

    def power_of(self, variable, n: int):
        return reduce(lambda x, y: x * y, [variable] * n)

    def share_exponentials(self, *relations) -> None:
        """Give every direction u of the exponentials in ``relations`` one base E = exp(u/d), d the common
        denominator of its rational coefficients, so that exp(c*u) = E**(c*d) is an integer power of E."""
        coefficients: dict = {}
        for relation in relations:
            for e in sp.sympify(relation).atoms(sp.exp, type(sp.E)):
                coefficient, direction = _exponent(e)
                coefficients.setdefault(direction, set()).add(coefficient)
        self._denominators = {direction: lcm(*(int(c.q) for c in found)) for direction, found in coefficients.items()}
        for direction in sorted(self._denominators, key=sp.default_sort_key):  # sorted: the same names every run
            self.base(direction)

    def base(self, direction) -> tuple:
        """(E, d) with E = exp(direction/d), registered on first use. The exponentials inside the direction get
        their bases first, while its argument is translated, and E is named after them, so names stay distinct."""
        if direction not in self._exp_bases:
            denominator = self._denominators[direction]
            argument = self(direction / denominator)
            value = self.z3.Real(f"exp_{len(self._exp_bases)}")
            self._exp_bases[direction] = (value, denominator)
            self.constraints += [value > 0, value >= 1 + argument, self.z3.Implies(argument <= 0, value <= 1)]
        return self._exp_bases[direction]

    def exponential(self, e):
        """exp(c*u) (or E) as an integer power of its direction's base (share_exponentials found every direction)."""
        coefficient, direction = _exponent(e)
        value, denominator = self.base(direction)
        return self.power(_Base(value), coefficient * denominator)

    def logarithm(self, argument):
        if argument not in self._logs:
            value = self.z3.Real(f"log_{len(self._logs)}")
            x = self(argument)
            self.constraints += [self.z3.Implies(x >= 1, value >= 0), value <= x - 1, x > 0]
            self._logs[argument] = value
        return self._logs[argument]


def _exponent(e) -> tuple:
    """exp(c*u) (or E) as its rational coefficient c and its direction u."""
    argument = sp.S.One if e is sp.S.Exp1 else e.args[0]
    coefficient, direction = argument.as_coeff_Mul()
    if not coefficient.is_Rational:
        return sp.S.One, argument
    return coefficient, direction


class _Base(sp.Dummy):
    """A z3 variable standing inside a sympy power (the base of an exponential)."""

    def __new__(cls, value):
        base = super().__new__(cls, positive=True)
        base.value = value
        return base


def _relation(relational, translator):
    z3 = translator.z3
    if relational in (sp.true, sp.false):  # sympy already decided it
        return z3.BoolVal(bool(relational))
    if isinstance(relational, sp.And):
        return z3.And(*[_relation(a, translator) for a in relational.args])
    if isinstance(relational, sp.Or):
        return z3.Or(*[_relation(a, translator) for a in relational.args])
    if isinstance(relational, sp.Not):
        return z3.Not(_relation(relational.args[0], translator))
    lhs, rhs = translator(sp.sympify(relational.lhs)), translator(sp.sympify(relational.rhs))
    return {sp.LessThan: lhs <= rhs, sp.StrictLessThan: lhs < rhs, sp.GreaterThan: lhs >= rhs,
            sp.StrictGreaterThan: lhs > rhs, sp.Equality: lhs == rhs, sp.Unequality: lhs != rhs}[type(relational)]


def certify(claim, assumptions: Sequence = (), *, timeout_ms: int = TIMEOUT_MS) -> InequalityResult:
    """Certify ``claim`` under ``assumptions`` over the reals, or return a counterexample.

    ``claim`` and the assumptions are sympy relations (``Le``, ``Lt``, ``Eq``, ``And``,
    ...) over symbols whose positivity assumptions are also imposed.
    """
    import z3

    translator = _Translator(z3)
    solver = z3.Solver()
    solver.set("timeout", timeout_ms)
    translator.share_exponentials(claim, *assumptions)
    goal = _relation(claim, translator)
    for assumption in assumptions:
        solver.add(_relation(assumption, translator))
    solver.add(*translator.constraints)
    solver.add(z3.Not(goal))
    answer = solver.check()
    if answer == z3.unsat:
        return InequalityResult("certified", f"z3: unsat of NOT({claim}) under {len(assumptions)} assumption(s)")
    if answer == z3.sat:
        return _counterexample(solver.model(), translator, claim, assumptions)
    return InequalityResult("unknown", f"z3: {solver.reason_unknown()}")


def _model_value(model, variable) -> sp.Expr:
    value = model.eval(variable, model_completion=True)
    if hasattr(value, "as_fraction"):
        try:
            fraction = value.as_fraction()
            return sp.Rational(fraction.numerator, fraction.denominator)
        except Exception:  # an algebraic number: fall back to its decimal expansion
            pass
    return sp.Float(value.as_decimal(RECHECK_DIGITS + 5).rstrip("?"), RECHECK_DIGITS + 5)


def _counterexample(model, translator, claim, assumptions) -> InequalityResult:
    assignment = {s: _model_value(model, v) for s, v in translator.variables.items()}
    if _holds_numerically(claim, assignment) is False and all(_holds_numerically(a, assignment) is not False
                                                              for a in assumptions) and _signs_hold(assignment):
        return InequalityResult("refuted", "z3: the negation is satisfiable",
                                {s.name: str(v) for s, v in sorted(assignment.items(), key=lambda kv: kv[0].name)})
    return InequalityResult("unknown", "z3's model of a relaxation is not a genuine counterexample")


def _signs_hold(assignment) -> bool:
    """Whether every positive symbol is > 0 and every nonnegative one >= 0 at the assignment."""
    return all((value > 0 or not s.is_positive) and (value >= 0 or not s.is_nonnegative)
               for s, value in assignment.items())


def _holds_numerically(relation, assignment) -> bool | None:
    """Evaluate a relation at an assignment with RECHECK_DIGITS digits (None if undecidable)."""
    if relation in (sp.true, sp.false):  # sympy already decided it
        return bool(relation)
    if isinstance(relation, (sp.And, sp.Or)):
        values = [_holds_numerically(a, assignment) for a in relation.args]
        if None in values:
            return None
        return all(values) if isinstance(relation, sp.And) else any(values)
    if isinstance(relation, sp.Not):
        value = _holds_numerically(relation.args[0], assignment)
        return None if value is None else not value
    lhs = sp.N(sp.sympify(relation.lhs).xreplace(assignment), RECHECK_DIGITS)
    rhs = sp.N(sp.sympify(relation.rhs).xreplace(assignment), RECHECK_DIGITS)
    if not (lhs.is_real and rhs.is_real):
        return None
    return bool(type(relation)(lhs, rhs))
