"""The documented symbol table and expression parsing (symbolic.symbols)."""

import pytest
import sympy as sp

from symbolic import SYMBOLS, ExpressionError, derive, names, parse_expression, remarks_chizat_bach, remarks_smith

#: The symbol names the issue tracker made part of the public interface.
REQUIRED_SYMBOLS = ("t alpha mu nu kappa lam sigma_min Df_norm lip_Df lip_f d0 K Sigma0_norm "
                    "C1 C2 f_star_norm q m").split()


def test_every_required_symbol_is_documented():
    assert set(REQUIRED_SYMBOLS) <= set(SYMBOLS)


def test_parse_uses_the_documented_symbols_with_their_assumptions():
    expr = parse_expression("sqrt(nu/mu)*d0*exp(-mu*lam*t)")
    assert expr == sp.sqrt(SYMBOLS["nu"] / SYMBOLS["mu"]) * SYMBOLS["d0"] * sp.exp(-SYMBOLS["mu"] * SYMBOLS["lam"] * SYMBOLS["t"])
    assert SYMBOLS["mu"].is_positive


#: The derivations of the remarks' entries, which use symbols of their own besides the documented ones.
REMARKS = {builder.__name__ for builder in remarks_chizat_bach.BUILDERS + remarks_smith.BUILDERS}


@pytest.mark.parametrize("name", sorted(REMARKS))
def test_remarks_expressions_round_trip_through_sympify_with_their_own_symbols(name):
    expression = derive(name).expression
    parsed = sp.sympify(str(expression), locals={s.name: s for s in expression.free_symbols})
    difference = parsed - expression
    assert sp.simplify(difference) == (sp.zeros(*difference.shape) if isinstance(difference, sp.MatrixBase) else 0)


@pytest.mark.parametrize("name", [n for n in names() if n not in ("predictor_ode", "tangent_ode", "objective_gradient")
                                  and n not in REMARKS])
def test_derived_expressions_round_trip_through_their_json_string(name):
    derivation = derive(name)
    assert parse_expression(str(derivation.expression)) == derivation.expression


def test_unknown_symbol_is_rejected_with_the_allowed_list():
    with pytest.raises(ExpressionError, match="unknown symbol.*beta.*allowed: t, alpha"):
        parse_expression("beta*t")


def test_restricted_symbol_set():
    with pytest.raises(ExpressionError, match="K"):
        parse_expression("K*t", allowed=("t", "mu"))


@pytest.mark.parametrize("text", ["mu*(", "lambda x: x", "", "mu +* nu"])
def test_unparsable_text_is_an_expression_error(text):
    with pytest.raises(ExpressionError):
        parse_expression(text)


def test_unknown_function_is_rejected():
    with pytest.raises(ExpressionError, match="g"):
        parse_expression("g(t)")


def test_algebraic_numbers_parse_and_their_variable_stays_bound():
    root = parse_expression("CRootOf(16*x**3 - 32*x**2 + 15*x - 1, 0)")
    assert root.free_symbols == set()
    assert 0.0796 < float(root) < 0.0798
    with pytest.raises(ExpressionError, match="variable of a CRootOf"):
        parse_expression("CRootOf(x**2 - 2, 0) * x")
    with pytest.raises(ExpressionError, match="unknown symbol.*x"):
        parse_expression("x * t")


#: Texts that are no finite real expression (issue 15, finding 2), each with a fragment of its one-line message.
NOT_FINITE_REAL = [
    ("1/0", "complex infinity"),
    ("sqrt(-1)*d0", "not real"),
    ("log(-1)*d0", "not real"),
    ("10**400*d0", "1.00e+400 in '10**400*d0' is not finite in float64"),
    ("1e400", "not finite in float64"),
    ("exp(1000)*d0", "exp(1000) in 'exp(1000)*d0' is not finite"),
    ("exp(1000)/(1 + exp(1000))", "undefined in float64 (nan)"),
    ("oo", "oo (infinite)"),
    ("inf*d0", "inf (infinite)"),
    ("nan", "nan (not a number)"),
    ("zoo", "zoo (complex infinity)"),
    ("I*d0", "I (imaginary)"),
    ("10**10**10", "exponents of constants are at most"),  # sympy would compute it exactly, for ever
    ("+".join(["d0"] * 10000), "too long: 29999 characters, at most 2000"),
    ("exp(-" * 150 + "d0" + ")" * 150, "nested too deeply"),
    ("**".join(["d0"] * 500), "nested too deeply"),
    ("sqrt(", "unbalanced parentheses in 'sqrt(': 1 '(' not closed"),
    ("d0)", "the ')' at position 2 closes nothing"),
]


@pytest.mark.parametrize("text,fragment", NOT_FINITE_REAL, ids=[text[:30] for text, _ in NOT_FINITE_REAL])
def test_an_expression_must_be_finite_and_real_with_a_one_line_error(text, fragment):
    with pytest.raises(ExpressionError) as error:
        parse_expression(text)
    assert fragment in str(error.value) and "\n" not in str(error.value) and len(str(error.value)) < 300


@pytest.mark.parametrize("text", ["2^3*d0", "1e-400*d0", "d0**(10**10)", "Rational(1, 10**400)*d0", "-t",
                                  "2*pi*E*d0*Max(1, mu/100)"])
def test_finite_constants_parse_even_when_float64_rounds_them(text):
    assert parse_expression(text).free_symbols
