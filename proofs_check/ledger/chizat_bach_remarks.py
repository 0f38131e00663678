"""The ledger's entries for chizat-bach's remarks: the checkable sentences around its main results, in text order.

The main results are in :mod:`proofs_check.ledger.chizat_bach`.
"""

from __future__ import annotations

from proofs_check.ledger.entry import Entry


def entries() -> tuple[Entry, ...]:
    """chizat-bach's remarks, in the order of the text."""
    return ()
