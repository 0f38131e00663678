"""What-if variants of a bound: ``lazycheck what-if CLAIM --bound EXPR``.

A variant of a lemma's bound is checked with the lemma's own adversarial search
(:mod:`proofs_check.search.claims`) over the lemma's whole domain: the normalized instances
of ``lazycheck verify`` and their images at every scale (:mod:`proofs_check.search.scales`:
mu, lam, d0, K, ||Sigma(0)|| and t over several decades, kappa from exactly 1), the claim's
witnesses and their rescaled images included. The paper's bounds are invariant under these
rescalings, a variant need not be: "holds" means that no instance of the domain was found
to violate it, and the result's ranges say what was drawn and which scales the variant
depends on. A refuted variant comes with a counterexample (the first violating witness,
else a shrunk search instance) and a replay command. A variant constant of Theorem 3.2
(C0 = M, or the radius r0 from which symbolic/ re-derives C0) is checked by
:mod:`proofs_check.search.constants_whatif`.

Supported claims: chizat-bach/lemma-3.3 (= smith/lemma-B.1), chizat-bach/lemma-A.1
(= smith/lemma-B.2) and the constants of :data:`~proofs_check.search.constants_whatif.CONSTANT_CLAIMS`.
"""

from __future__ import annotations

from dataclasses import replace

from proofs_check.results import CheckResult
from proofs_check.search import constants_whatif
from proofs_check.search.claims import CLAIMS_BY_ID, NumericClaim, SearchDomain, run_claim
from proofs_check.search.properties import LEMMA_3_3_SYMBOLS, LEMMA_A_1_SYMBOLS
from proofs_check.search.scales import (NORMALIZATIONS, SCALE_DECADES, dependence, scaled_instances, scaled_ranges,
                                        witness_images)
from proofs_check.settings import RunConfig
from symbolic.symbols import meaning, parse_expression

#: claim id -> (the numeric claim searched, the symbols a variant bound may use).
LEMMA_CLAIMS = {
    "chizat-bach/lemma-3.3": ("chizat-bach/lemma-3.3", LEMMA_3_3_SYMBOLS),
    "smith/lemma-B.1": ("chizat-bach/lemma-3.3", LEMMA_3_3_SYMBOLS),
    "chizat-bach/lemma-A.1": ("chizat-bach/lemma-A.1", LEMMA_A_1_SYMBOLS),
    "smith/lemma-B.2": ("chizat-bach/lemma-A.1", LEMMA_A_1_SYMBOLS),
}
#: Examples of a what-if search by default.
WHAT_IF_EXAMPLES = 100


def rescaled_witnesses(claim: NumericClaim) -> list[tuple]:
    """The claim's exact witness (if any), then its tightness witness, each with its rescaled images."""
    makers = [make for make in (claim.exact_witness, claim.witness) if make is not None]
    return [image for make in makers for image in witness_images(make())]


#: The domain of a lemma variant: normalized instances at every scale, the witnesses with their rescaled images.
WHAT_IF_SEARCH = SearchDomain(scaled_instances, scaled_ranges, rescaled_witnesses, screen_decades=SCALE_DECADES)


class WhatIfError(ValueError):
    """A usage error: unknown claim or an unparsable or out-of-vocabulary bound."""


def supported() -> tuple[str, ...]:
    """The claim ids what-if accepts."""
    return tuple(LEMMA_CLAIMS) + tuple(constants_whatif.CONSTANT_CLAIMS)


def _allowed(claim_id: str) -> tuple[str, ...]:
    if claim_id in constants_whatif.CONSTANT_CLAIMS:
        return constants_whatif.CONSTANT_CLAIMS[claim_id][1]
    if claim_id not in LEMMA_CLAIMS:
        raise WhatIfError(f"what-if supports these claims: {', '.join(supported())}; got {claim_id!r}")
    return LEMMA_CLAIMS[claim_id][1]


def symbols_of(claim_id: str) -> list[tuple[str, str]]:
    """(name, meaning) of the symbols a variant of ``claim_id`` may use."""
    return [(name, meaning(name)) for name in _allowed(claim_id)]


def validate(claim_id: str, bound: str) -> None:
    """Raise WhatIfError unless ``claim_id`` is supported and ``bound`` parses over its symbols."""
    allowed = _allowed(claim_id)
    try:
        parse_expression(bound, allowed=allowed)
    except ValueError as error:
        raise WhatIfError(str(error)) from None
    if claim_id in constants_whatif.CONSTANT_CLAIMS:
        try:
            constants_whatif.positive_level(claim_id, bound, 1.0, 1.0)
        except ValueError as error:
            raise WhatIfError(str(error)) from None


def what_if(claim_id: str, bound: str, config: RunConfig | None = None) -> CheckResult:
    """Check the variant ``bound`` of ``claim_id`` (kind ``what-if``): ``ok`` when it holds."""
    config = RunConfig(max_examples=WHAT_IF_EXAMPLES) if config is None else config
    validate(claim_id, bound)
    if claim_id in constants_whatif.CONSTANT_CLAIMS:
        return constants_whatif.check_constant(claim_id, bound, config)
    searched_id, names = LEMMA_CLAIMS[claim_id]
    claim = CLAIMS_BY_ID[searched_id]
    variant = replace(claim, id=f"what-if/{claim_id}", options=dict(claim.options, bound=bound))
    result = run_claim(variant, config, WHAT_IF_SEARCH)
    scales = _scales_note(dependence(parse_expression(bound, allowed=names), names))
    ranges = tuple((name, text) for name, text in result.ranges if name != "K" or "K" in names)  # K: Lemma A.1's
    return result.with_(kind="what-if", ref=f"{claim_id} with bound {bound}",
                        detail=f"{result.detail}; the bound depends on {scales}",
                        ranges=ranges + (("the bound depends on", scales),))


def _scales_note(depends: tuple[str, ...]) -> str:
    """Which normalizations change the bound relative to the observed side, in words."""
    invariant = [name for name in NORMALIZATIONS if name not in depends]
    if not depends:
        return "none of the scales (invariant under the loss, metric and distance scales)"
    rest = f" (invariant under the {' and '.join(invariant)} scale{'s' * (len(invariant) > 1)})" if invariant else ""
    return f"the {' and '.join(depends)} scale{'s' * (len(depends) > 1)}{rest}"
