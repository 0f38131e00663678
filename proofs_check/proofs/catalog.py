"""The proof chains of both texts, by claim id, and their runs (one per id and run configuration)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from proofs_check.proofs import PROOF_IDS, chizat_bach, smith, smith_uniform, theorem_3_4
from proofs_check.proofs.chain import ChainRun, Proof, ProofReport, run_chain
from proofs_check.proofs.formal import with_coq
from proofs_check.settings import RunConfig

BUILDERS: dict[str, Callable[[], Proof]] = {
    "chizat-bach/lemma-3.3": chizat_bach.lemma_3_3,
    "chizat-bach/lemma-A.1": chizat_bach.lemma_a_1,
    "chizat-bach/theorem-3.2": chizat_bach.theorem_3_2,
    "chizat-bach/theorem-3.4": theorem_3_4.theorem_3_4,
    "smith/theorem-2.2": smith.theorem_2_2,
    "smith/proposition-A.1": smith.proposition_a_1,
    "smith/theorem-2.4": smith_uniform.theorem_2_4,
    "smith/section-2-homogeneous-scaling": smith_uniform.homogeneous_scaling,
}


class UnknownProof(KeyError):
    """A proof id that is not in the catalog."""

    def __str__(self) -> str:
        return str(self.args[0])


def proof(proof_id: str) -> Proof:
    """The proof chain of ``proof_id``, with its Coq checks (built afresh: the chains read the current derivations)."""
    if proof_id not in BUILDERS:
        raise UnknownProof(f"unknown proof {proof_id!r}; valid ids: {', '.join(PROOF_IDS)}")
    return with_coq(BUILDERS[proof_id]())


def chain_context(config: RunConfig) -> ChainRun:
    """The context in which the checks of a chain run: the configuration, and the catalog for references."""
    return ChainRun(config, lambda proof_id: run_proof(proof_id, config))


@lru_cache(maxsize=32)
def run_proof(proof_id: str, config: RunConfig) -> ProofReport:
    """Run (once per process and configuration) every step of the proof ``proof_id``."""
    return run_chain(proof(proof_id), chain_context(config))
