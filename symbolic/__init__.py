"""Symbolic derivations of lazy-training theory (chizat-bach, smith) with SymPy.

Every derivation returns a :class:`~symbolic.core.Derivation`: the derived
expression, its checked steps, and whether each text's statement agrees, as written.
:func:`formula` gives a derived expression as a numeric function, for the checks.

>>> from symbolic import derive
>>> derive("c0").specialized
sigma_min**3/(32*Df_norm*kappa**(3/2)*lip_Df)
"""

from symbolic.catalog import UnknownDerivation, clear_caches, derive, formula, names, numeric_function
from symbolic.core import TEXTS, Check, Derivation, Remark, Statement, Step
from symbolic.gronwall import gronwall_bound, stability_level, stability_rate
from symbolic.symbols import SYMBOL_TABLE, SYMBOLS, ExpressionError, parse_expression, symbol

__all__ = [
    "TEXTS", "Check", "Derivation", "Remark", "Statement", "Step", "gronwall_bound", "stability_level",
    "stability_rate", "UnknownDerivation", "clear_caches", "derive", "formula", "names", "numeric_function", "SYMBOL_TABLE", "SYMBOLS",
    "ExpressionError", "parse_expression", "symbol",
]
