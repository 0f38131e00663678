"""One Coq lemma that a proof step or a ledger entry cites (:class:`CoqLemma`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CoqLemma:
    """A lemma of the development under ``proofs_check/coq``: its file, its name and its statement."""

    file: str
    name: str
    statement: str
    assumes: tuple[str, ...] = ()
