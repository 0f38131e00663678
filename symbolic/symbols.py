"""The documented symbol names of lazycheck: one table, used everywhere.

Symbol names are part of the public interface. They appear in the JSON output of
``lazycheck derive --json`` and in expressions that users type (``what-if`` bounds,
their own scripts). Every name below carries the sympy assumptions under which the
derivations are carried out, so an expression parsed with :func:`parse_expression`
is the same object as the one the derivations produce.

The two texts use different letters for the same constants: smith writes ``m, M``
for chizat-bach's ``mu, nu``, ``C0`` for ``M`` and ``Lip(Dh)`` for ``L_Df``. lazycheck
always uses the names of this table.
"""

from __future__ import annotations

import ast
import io
import math
import tokenize
import warnings
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp


@dataclass(frozen=True)
class SymbolInfo:
    """One documented symbol: its name, its meaning and its sympy assumptions."""

    name: str
    meaning: str
    assumptions: tuple[str, ...]

    @property
    def symbol(self) -> sp.Symbol:
        """The sympy symbol with this name and these assumptions."""
        return sp.Symbol(self.name, **{a: True for a in self.assumptions})


_POS = ("positive",)

#: The public symbol table, in the order the issue tracker documents it, followed
#: by the few auxiliary names the derivations need.
SYMBOL_TABLE: tuple[SymbolInfo, ...] = (
    SymbolInfo("t", "time along the flow, t >= 0", ("nonnegative",)),
    SymbolInfo("alpha", "scale factor alpha of the scaled model alpha*f", _POS),
    SymbolInfo("mu", "strong-convexity constant of R (smith: m)", _POS),
    SymbolInfo("nu", "Lipschitz constant of grad R, i.e. smoothness (smith: M)", _POS),
    SymbolInfo("kappa", "condition number kappa = nu/mu of R", _POS),
    SymbolInfo(
        "lam",
        "certified floor of the metric, Sigma(t) >= lam*Id (Lemma 3.3, Lemma A.1); "
        "in criterion_homogeneity only, the initialization scale of chizat-bach "
        "4.2.1, which the text also calls lambda",
        _POS,
    ),
    SymbolInfo("sigma_min", "smallest singular value of Df(w0)", _POS),
    SymbolInfo("Df_norm", "operator norm ||Df(w0)||", _POS),
    SymbolInfo("lip_Df", "Lipschitz constant of w -> Df(w) in operator norm (smith: Lip(Dh))", _POS),
    SymbolInfo("lip_f", "Lipschitz constant of f on the ball (smith: Lip(h))", _POS),
    SymbolInfo("d0", "initial distance ||y(0) - y*||; in Theorem 3.2 ||alpha*f(w0) - f*||", _POS),
    SymbolInfo("K", "K of Lemma A.1: sup_t ||(Sigma(t) - Sigma(0)) grad R(y(t))||", _POS),
    SymbolInfo("Sigma0_norm", "operator norm ||Sigma(0)||", _POS),
    SymbolInfo("C1", "smith's constant: Delta' <= C1/alpha + C2*Delta in Theorem 2.2; ||w(T) - wbar(T)|| <= "
               "C1 log(alpha)/alpha^2 in Proposition A.1", _POS),
    SymbolInfo("C2", "smith's constant: Delta' <= C1/alpha + C2*Delta in Theorem 2.2; ||w(T) - w0|| <= "
               "C2 log(alpha)/alpha in Proposition A.1", _POS),
    SymbolInfo("f_star_norm", "norm ||f*|| of the minimizer of R (smith: ||y*||)", _POS),
    SymbolInfo("q", "degree of homogeneity of a q-homogeneous model, q >= 2", _POS),
    SymbolInfo("m", "number of hidden units of a two-layer network", _POS),
    # Auxiliary names used by individual derivations.
    SymbolInfo("c", "kernel-floor factor: Sigma(w) >= c*sigma_min**2*Id on the ball B(w0, r0)", _POS),
    SymbolInfo("r", "a radius ||w - w0|| around the initialization", _POS),
    SymbolInfo("F0", "initial suboptimality R(y(0)) - R(y*)", _POS),
    SymbolInfo("T", "a finite horizon T > 0 (smith Theorem 2.2)", _POS),
    SymbolInfo("R0", "initial loss R(alpha h(w0)) of a loss R >= 0 (smith Theorem 2.2)", _POS),
    SymbolInfo("M1", "sup over x in X of ||grad_w f(w0, x)|| (smith Proposition A.1)", _POS),
    SymbolInfo("M2", "sup over x in X of the Lipschitz constant of w -> grad_w f(w, x) (smith Proposition A.1)", _POS),
    SymbolInfo("delta", "||w(T) - wbar(T)||, lazy against tangent parameters (smith Proposition A.1)", _POS),
    SymbolInfo("phi", "angle between two inputs x and x', in [0, pi] (chizat-bach (4))", ("nonnegative",)),
    SymbolInfo("x_norm", "norm ||x|| of an input", _POS),
    SymbolInfo("xp_norm", "norm ||x'|| of a second input", _POS),
    SymbolInfo("dot", "inner product x . x' of two inputs", ("real",)),
    SymbolInfo("d", "input dimension", _POS),
    SymbolInfo("E_b2", "second moment E(b^2) of the output weights", _POS),
    SymbolInfo("E_a2", "second moment E(||a||^2) of the input weights", _POS),
)

_BY_NAME = {info.name: info for info in SYMBOL_TABLE}

#: name -> sympy Symbol, for every documented name.
SYMBOLS: dict[str, sp.Symbol] = {info.name: info.symbol for info in SYMBOL_TABLE}


def _relations() -> tuple[tuple[frozenset, sp.Basic], ...]:
    """(the names involved, the relation) for every relation between documented symbols that holds whenever the
    hypotheses of the claims hold: a mu-strongly convex R with nu-Lipschitz gradient has nu >= mu (kappa >= 1),
    the smallest singular value of Df(w0) is at most its norm, which is at most the Lipschitz constant of f, a
    kernel-floor factor is at most 1, a homogeneity degree is at least 2 (chizat-bach 4.2.1), an angle is at most pi."""
    s = SYMBOLS
    return (
        (frozenset({"mu", "nu"}), sp.Ge(s["nu"], s["mu"])),
        (frozenset({"kappa"}), sp.Ge(s["kappa"], 1)),
        (frozenset({"kappa", "mu", "nu"}), sp.Eq(s["kappa"] * s["mu"], s["nu"])),
        (frozenset({"sigma_min", "Df_norm"}), sp.Le(s["sigma_min"], s["Df_norm"])),
        (frozenset({"Df_norm", "lip_f"}), sp.Le(s["Df_norm"], s["lip_f"])),
        (frozenset({"c"}), sp.Le(s["c"], 1)),
        (frozenset({"q"}), sp.Ge(s["q"], 2)),
        (frozenset({"phi"}), sp.Le(s["phi"], sp.pi)),
    )


def admissible(expressions) -> tuple[sp.Basic, ...]:
    """The relations of the documented symbols that occur in ``expressions`` (sympy expressions or relations).

    A counterexample to a claim must satisfy them: a certificate or a refutation by z3 is sought under them,
    so that a witness such as mu = 4, nu = 1 (kappa < 1, which no mu-strongly convex R with a nu-Lipschitz
    gradient has) is never reported.
    """
    present = {sym.name for e in expressions for sym in sp.sympify(e).free_symbols if sym.name in SYMBOLS
               and sym == SYMBOLS[sym.name]}
    return tuple(relation for names, relation in _relations() if names <= present)


def symbol(name: str) -> sp.Symbol:
    """Return the documented symbol called ``name``.

    Raises
    ------
    KeyError
        If ``name`` is not documented; the message lists the documented names.
    """
    try:
        return SYMBOLS[name]
    except KeyError:
        raise KeyError(f"unknown symbol {name!r}; documented symbols: {', '.join(SYMBOLS)}") from None


def symbols(names: str) -> tuple[sp.Symbol, ...]:
    """Return the documented symbols for a space-separated list of names."""
    return tuple(symbol(name) for name in names.split())


def meaning(name: str) -> str:
    """Return the documented meaning of the symbol ``name``."""
    return _BY_NAME[symbol(name).name].meaning


#: Functions and constants a typed expression may use besides the symbols.
_FUNCTIONS = frozenset({"sqrt", "exp", "log", "sin", "cos", "tan", "Abs", "Min", "Max", "pi", "E", "Rational",
                        "CRootOf"})
#: Names of constants that are not finite real numbers, refused with their reason (an expression is a finite real
#: number at every admissible point: a bound of oo would "hold" vacuously, nan or I compares with nothing).
_NOT_FINITE = {"oo": "infinite", "inf": "infinite", "zoo": "complex infinity", "nan": "not a number",
               "I": "imaginary"}
#: The variable of the polynomial in ``CRootOf(polynomial, k)`` (how sympy prints an algebraic number such as
#: the root u* of ``trajectory_floor``); it is bound there, never free in the result.
_ROOT_VARIABLE = "x"
#: The longest expression accepted, in characters; the derivations' longest prints in about 600.
MAX_EXPRESSION_LENGTH = 2000
#: The deepest expression tree accepted (the derivations' deepest is 15): deeper ones exhaust Python's recursion
#: when sympy builds them or lambdify prints them.
MAX_DEPTH = 50
#: A power of two constants is computed exactly by sympy: an exponent beyond this (10**10**10) would not finish.
MAX_CONSTANT_EXPONENT = 10_000


class ExpressionError(ValueError):
    """An expression a user typed could not be parsed, names unknown symbols, or is not a finite real expression."""


def _shown(text: str) -> str:
    """``text`` quoted for a one-line message, cut after 60 characters."""
    return repr(text) if len(text) <= 80 else repr(text[:60]) + f"... ({len(text)} characters)"


def _check_brackets(text: str) -> None:
    """Raise ExpressionError unless the parentheses and brackets of ``text`` balance."""
    depth = 0
    for position, char in enumerate(text):
        depth += (char in "([") - (char in ")]")
        if depth < 0:
            raise ExpressionError(f"unbalanced parentheses in {_shown(text)}: the {char!r} at position {position} "
                                  "closes nothing")
    if depth:
        raise ExpressionError(f"unbalanced parentheses in {_shown(text)}: {depth} '(' not closed")


def _names_in(text: str) -> list[str]:
    """The identifiers of ``text``, by Python's tokenizer (so ``1e-3`` has none)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError) as error:
        raise ExpressionError(f"cannot parse {_shown(text)}: {error.args[0]}") from None
    return [tok.string for tok in tokens if tok.type == tokenize.NAME]


def _constant_value(node: ast.AST) -> float | None:
    """The float value of a constant part of the syntax tree (inf on overflow, nan when undefined), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return _as_float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        operand = _constant_value(node.operand)
        return None if operand is None else (-operand if isinstance(node.op, ast.USub) else operand)
    if isinstance(node, ast.BinOp):
        left, right = _constant_value(node.left), _constant_value(node.right)
        if left is None or right is None:
            return None
        operations = {ast.Add: float.__add__, ast.Sub: float.__sub__, ast.Mult: float.__mul__,
                      ast.Div: float.__truediv__, ast.Pow: float.__pow__, ast.BitXor: float.__pow__}
        try:
            return operations[type(node.op)](left, right) if type(node.op) in operations else None
        except OverflowError:
            return math.inf
        except (ZeroDivisionError, ValueError, TypeError):  # 1/0, or a complex power such as (-8)**(1/3)
            return math.nan
    return None


def _as_float(value) -> float:
    try:
        return float(value)
    except OverflowError:
        return math.inf


def _check_syntax(text: str) -> None:
    """Raise ExpressionError for text that is not a Python expression, or has a power of constants whose exponent
    exceeds MAX_CONSTANT_EXPONENT (sympy would compute it exactly and never finish)."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
        powers = [node for node in ast.walk(tree)
                  if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Pow, ast.BitXor))]
        for node in powers:
            base, exponent = _constant_value(node.left), _constant_value(node.right)
            if base is not None and exponent is not None and abs(base) not in (0.0, 1.0) and not (
                    abs(exponent) <= MAX_CONSTANT_EXPONENT):
                raise ExpressionError(f"a constant out of range in {_shown(text)}: {ast.unparse(node)[:40]} "
                                      f"(a finite real expression is needed; exponents of constants are at most "
                                      f"{MAX_CONSTANT_EXPONENT})")
    except SyntaxError as error:
        raise ExpressionError(f"cannot parse {_shown(text)}: {error.msg}") from None
    except (RecursionError, MemoryError):
        raise ExpressionError(f"{_shown(text)} is nested too deeply") from None


def _depth(expr: sp.Basic) -> int:
    deepest, stack = 0, [(expr, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((argument, depth + 1) for argument in node.args)
    return deepest


def _check_finite_real(expr: sp.Expr, text: str) -> None:
    """Raise ExpressionError unless every constant of ``expr`` (each largest subexpression without symbols) is a
    finite real float64, as the numeric checks evaluate it: no oo, zoo, nan, I, 1e400, 10**400, exp(1000) or 1/0."""
    stack = [expr]
    while stack:
        node = stack.pop()
        if not isinstance(node, sp.Expr):
            continue
        if not node.is_number:
            stack.extend(node.args)
            continue
        reason = _not_finite_real(node)
        if reason:
            shown = str(sp.N(node, 3)) if node.is_Number else str(node)
            shown = shown if len(shown) <= 40 else shown[:40] + "..."
            raise ExpressionError(f"{shown} in {_shown(text)} is {reason}: an expression must be finite and real")


def _not_finite_real(node: sp.Expr) -> str:
    """Why the constant ``node`` is not a finite real float64 as lambdify's numpy code computes it, or ''."""
    if node is sp.zoo:
        return "complex infinity (a division by zero)"
    roots = {root: sp.Float(root.evalf()) for root in node.atoms(sp.CRootOf)}
    try:
        if node.is_Atom:
            value = complex(node)
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # numpy's overflow and invalid-value warnings: the value says it
                value = complex(sp.lambdify((), node.xreplace(roots), "numpy")())
    except (TypeError, ValueError, OverflowError, ZeroDivisionError, NameError):
        return "beyond float64"
    if value.imag != 0:
        return "not real"
    if math.isnan(value.real):
        return "undefined in float64 (nan)"
    return "" if math.isfinite(value.real) else "not finite in float64"


def parse_expression(text: str, allowed: tuple[str, ...] | None = None) -> sp.Expr:
    """Parse ``text`` into a sympy expression over the documented symbols: a finite real expression.

    Parameters
    ----------
    text
        An expression such as ``"sqrt(nu/mu)*d0*exp(-mu*lam*t)"``, of at most
        MAX_EXPRESSION_LENGTH characters.
    allowed
        The symbol names the expression may use; by default every documented name.
        The functions ``sqrt, exp, log, sin, cos, tan, Abs, Min, Max, Rational, CRootOf`` and the
        constants ``pi, E`` are always available.

    Every constant in the expression must be a finite real float64: ``oo``, ``inf``,
    ``nan``, ``zoo``, ``I`` and constants that are infinite, undefined, complex or beyond
    float64 (``1/0``, ``sqrt(-1)``, ``1e400``, ``10**400``, ``exp(1000)``) are refused, so that
    every check compares against a real number. (Where an expression with symbols is not
    real, as ``sqrt(t - 1)`` for t < 1, only its evaluation can tell.)

    Raises
    ------
    ExpressionError
        If the text does not parse, is too long or too deeply nested, uses a name outside
        ``allowed``, or is not a finite real expression. The message is one line; for an
        unknown name it lists the allowed names.
    """
    return _parse(text, tuple(SYMBOLS) if allowed is None else tuple(allowed))


@lru_cache(maxsize=256)
def _parse(text: str, allowed: tuple[str, ...]) -> sp.Expr:
    """parse_expression, cached: a check with a typed bound parses it at every instance (errors are not cached)."""
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise ExpressionError(f"the expression is too long: {len(text)} characters, at most {MAX_EXPRESSION_LENGTH}")
    if not text.strip():
        raise ExpressionError("empty expression")
    _check_brackets(text)
    names = _names_in(text)
    refused = sorted({name for name in names if name in _NOT_FINITE})
    if refused:
        raise ExpressionError(f"{', '.join(f'{name} ({_NOT_FINITE[name]})' for name in refused)} in {_shown(text)}: "
                              "an expression must be finite and real")
    bound = {_ROOT_VARIABLE} if "CRootOf" in text else set()
    unknown = sorted({name for name in names if name not in allowed and name not in _FUNCTIONS | bound})
    if unknown:
        raise ExpressionError(
            f"unknown symbol(s) {', '.join(unknown)} in {_shown(text)}; allowed: {', '.join(allowed)}"
        )
    _check_syntax(text)
    try:
        expr = sp.sympify(text, locals={name: SYMBOLS[name] for name in allowed})
    except (sp.SympifyError, SyntaxError, TypeError, AttributeError, ValueError, OverflowError,
            ZeroDivisionError) as error:
        reason = str(error).strip().splitlines()[-1]
        raise ExpressionError(f"cannot parse {_shown(text)}: {reason[:200]}") from None
    except RecursionError:
        raise ExpressionError(f"{_shown(text)} is nested too deeply") from None
    if not isinstance(expr, sp.Expr):
        raise ExpressionError(f"{_shown(text)} is not an expression")
    if _depth(expr) > MAX_DEPTH:
        raise ExpressionError(f"{_shown(text)} is nested too deeply: depth {_depth(expr)}, at most {MAX_DEPTH}")
    if any(sym.name == _ROOT_VARIABLE and sym not in SYMBOLS.values() for sym in expr.free_symbols):
        raise ExpressionError(f"{_ROOT_VARIABLE!r} may appear only as the variable of a CRootOf polynomial in "
                              f"{_shown(text)}")
    _check_finite_real(expr, text)
    return expr
