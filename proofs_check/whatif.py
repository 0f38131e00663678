"""What-if variants of a bound: ``lazycheck what-if CLAIM --bound EXPR``.

A user's variant of a lemma's bound is checked over the lemma's instance space with the
same adversarial search as the lemma itself (:mod:`proofs_check.claims`): it passes with
the worst ratio found, or is refuted with a shrunk counterexample and a replay command.

Supported claims: chizat-bach/lemma-3.3 (= smith/lemma-B.1) and chizat-bach/lemma-A.1
(= smith/lemma-B.2). The constants of Theorem 3.2 (c0, r0) are a later issue.
"""

from __future__ import annotations

from dataclasses import replace

from proofs_check.claims import NUMERIC_CLAIMS, run_claim
from proofs_check.properties import LEMMA_3_3_SYMBOLS, LEMMA_A_1_SYMBOLS
from symbolic.symbols import meaning, parse_expression

#: claim id -> (the numeric claim searched, the symbols a variant bound may use).
WHAT_IF_CLAIMS = {
    "chizat-bach/lemma-3.3": (NUMERIC_CLAIMS[0], LEMMA_3_3_SYMBOLS),
    "smith/lemma-B.1": (NUMERIC_CLAIMS[0], LEMMA_3_3_SYMBOLS),
    "chizat-bach/lemma-A.1": (NUMERIC_CLAIMS[1], LEMMA_A_1_SYMBOLS),
    "smith/lemma-B.2": (NUMERIC_CLAIMS[1], LEMMA_A_1_SYMBOLS),
}
#: Examples of a what-if search by default.
WHAT_IF_EXAMPLES = 100


class WhatIfError(ValueError):
    """A usage error: unknown claim or an unparsable or out-of-vocabulary bound."""


def symbols_of(claim_id: str) -> list[tuple[str, str]]:
    """(name, meaning) of the symbols a variant of ``claim_id`` may use."""
    return [(name, meaning(name)) for name in _entry(claim_id)[1]]


def _entry(claim_id: str):
    if claim_id not in WHAT_IF_CLAIMS:
        raise WhatIfError(f"what-if supports these claims: {', '.join(WHAT_IF_CLAIMS)}; got {claim_id!r}")
    return WHAT_IF_CLAIMS[claim_id]


def validate(claim_id: str, bound: str) -> None:
    """Raise WhatIfError unless ``claim_id`` is supported and ``bound`` parses over its symbols."""
    _, allowed = _entry(claim_id)
    try:
        parse_expression(bound, allowed=allowed)
    except ValueError as error:
        raise WhatIfError(str(error)) from None


def what_if(claim_id: str, bound: str, *, max_examples: int = WHAT_IF_EXAMPLES) -> dict:
    """Check the variant ``bound`` of ``claim_id``; the report says holds or refuted."""
    validate(claim_id, bound)
    claim, _ = _entry(claim_id)
    variant = replace(claim, id=f"what-if/{claim_id}", options=dict(claim.options, bound=bound))
    return run_claim(variant, max_examples=max_examples) | {"claim": claim_id, "bound": bound}
