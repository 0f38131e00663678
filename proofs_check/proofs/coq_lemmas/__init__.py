"""The Coq lemmas that proof steps cite, by key: where each lives, and the statement it proves.

A :class:`CoqLemma`'s ``statement`` is what the step claims the lemma proves, as Coq text. The check does not
trust it: the kernel checks ``Definition _ : statement := @name`` (the statement is the lemma's type up to
conversion), so the statement shown beside a step is exactly what was machine-checked. ``assumes`` names, in
words, the hypotheses of the statement that stand for facts the development does not prove (vector-space
facts, the chain rule, quadratic-form inequalities of matrices).
"""

from __future__ import annotations

from functools import cache

from proofs_check.proofs.coq_lemmas.lemma import CoqLemma


@cache
def coq_lemmas() -> dict[str, CoqLemma]:
    """Every lemma that a step or an entry cites, by key: the ``LEMMAS`` of each module (a key defined twice is an
    error)."""
    from proofs_check.proofs.coq_lemmas import analysis, constants, inner, laziness, stability

    found: dict[str, CoqLemma] = {}
    for module in (analysis, laziness, inner, stability, constants):
        twice = set(found) & set(module.LEMMAS)
        if twice:
            raise ValueError(f"Coq lemma keys defined twice: {', '.join(sorted(twice))}")
        found |= module.LEMMAS
    return found
