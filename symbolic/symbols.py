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

import io
import tokenize
from dataclasses import dataclass

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
_FUNCTIONS = frozenset({"sqrt", "exp", "log", "sin", "cos", "tan", "Abs", "Min", "Max", "pi", "E", "oo",
                        "Rational", "CRootOf"})
#: The variable of the polynomial in ``CRootOf(polynomial, k)`` (how sympy prints an algebraic number such as
#: the root u* of ``trajectory_floor``); it is bound there, never free in the result.
_ROOT_VARIABLE = "x"


class ExpressionError(ValueError):
    """An expression a user typed could not be parsed, or names unknown symbols."""


def _names_in(text: str) -> list[str]:
    """The identifiers of ``text``, by Python's tokenizer (so ``1e-3`` has none)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError) as error:
        raise ExpressionError(f"cannot parse {text!r}: {error.args[0]}") from None
    return [tok.string for tok in tokens if tok.type == tokenize.NAME]


def parse_expression(text: str, allowed: tuple[str, ...] | None = None) -> sp.Expr:
    """Parse ``text`` into a sympy expression over the documented symbols.

    Parameters
    ----------
    text
        An expression such as ``"sqrt(nu/mu)*d0*exp(-mu*lam*t)"``.
    allowed
        The symbol names the expression may use; by default every documented name.
        The functions ``sqrt, exp, log, sin, cos, tan, Abs, Min, Max`` and the
        constants ``pi, E, oo`` are always available.

    Raises
    ------
    ExpressionError
        If the text does not parse, or uses a name outside ``allowed``. The
        one-line message lists the allowed names.
    """
    allowed = tuple(SYMBOLS) if allowed is None else allowed
    bound = {_ROOT_VARIABLE} if "CRootOf" in text else set()
    unknown = sorted({name for name in _names_in(text) if name not in allowed and name not in _FUNCTIONS | bound})
    if unknown:
        raise ExpressionError(
            f"unknown symbol(s) {', '.join(unknown)} in {text!r}; allowed: {', '.join(allowed)}"
        )
    if not text.strip():
        raise ExpressionError("empty expression")
    try:
        expr = sp.sympify(text, locals={name: SYMBOLS[name] for name in allowed})
    except (sp.SympifyError, SyntaxError, TypeError, AttributeError) as error:
        reason = str(error).strip().splitlines()[-1]
        raise ExpressionError(f"cannot parse {text!r}: {reason}") from None
    if not isinstance(expr, sp.Expr):
        raise ExpressionError(f"{text!r} is not an expression")
    if any(sym.name == _ROOT_VARIABLE and sym not in SYMBOLS.values() for sym in expr.free_symbols):
        raise ExpressionError(f"{_ROOT_VARIABLE!r} may appear only as the variable of a CRootOf polynomial in {text!r}")
    return expr
