"""The proof chains of both texts, by claim id, and their cached runs."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from proofs_check.chain import Proof, ProofReport, run_chain


def _builders() -> dict[str, Callable[[], Proof]]:
    from proofs_check.proofs import chizat_bach, smith

    return {
        "chizat-bach/lemma-3.3": chizat_bach.lemma_3_3,
        "chizat-bach/lemma-A.1": chizat_bach.lemma_a_1,
        "chizat-bach/theorem-3.2": chizat_bach.theorem_3_2,
        "smith/theorem-2.2": smith.theorem_2_2,
        "smith/proposition-A.1": smith.proposition_a_1,
        "smith/theorem-2.4": smith.theorem_2_4,
        "smith/section-2-homogeneous-scaling": smith.homogeneous_scaling,
    }


def proof_ids() -> tuple[str, ...]:
    """The ids of the encoded proofs."""
    return tuple(_builders())


class UnknownProof(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


@cache
def proof(proof_id: str) -> Proof:
    """The proof chain of ``proof_id``."""
    builders = _builders()
    if proof_id not in builders:
        raise UnknownProof(f"unknown proof {proof_id!r}; valid ids: {', '.join(builders)}")
    return builders[proof_id]()


@cache
def run_proof(proof_id: str) -> ProofReport:
    """Run (once per process) every step of the proof ``proof_id``."""
    return run_chain(proof(proof_id))
