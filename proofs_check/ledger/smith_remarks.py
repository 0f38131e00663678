"""The ledger's entries for smith's remarks: the checkable sentences around its main results, in text order.

The main results are in :mod:`proofs_check.ledger.smith`.
"""

from __future__ import annotations

from proofs_check.ledger.entry import Entry


def entries() -> tuple[Entry, ...]:
    """smith's remarks, in the order of the text."""
    return ()
