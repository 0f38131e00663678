"""Symbolic derivations of lazy-training theory (chizat-bach, smith) with SymPy.

Every derivation returns a :class:`~symbolic.core.Derivation`: the derived
expression, its checked steps, and whether each text's statement agrees, as written.

>>> from symbolic import derive
>>> derive("c0").specialized
sigma_min**3/(32*Df_norm*kappa**(3/2)*lip_Df)
"""

from symbolic.core import TEXTS, Check, Derivation, Remark, Statement, Step
from symbolic.gronwall import gronwall_bound
from symbolic.registry import UnknownDerivation, derive, names
from symbolic.symbols import SYMBOL_TABLE, SYMBOLS, ExpressionError, parse_expression, symbol

__all__ = [
    "TEXTS", "Check", "Derivation", "Remark", "Statement", "Step", "gronwall_bound",
    "UnknownDerivation", "derive", "names", "SYMBOL_TABLE", "SYMBOLS", "ExpressionError",
    "parse_expression", "symbol",
]
